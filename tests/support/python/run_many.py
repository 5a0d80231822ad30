#!/usr/bin/env python3
# Runs many samplegen Python samples in one interpreter, one after the other, each as
# `python3 SAMPLE.py` would run it (its own globals, `__name__ == "__main__"`), so that the
# interpreter and the client library start once for all of them.
#
#   python3 run_many.py SAMPLE RESULT [SAMPLE RESULT]...
#
# For each sample, RESULT gets `ok`, or `failed` and on the next lines what it raised or printed
# to stderr. What a sample prints to stdout is dropped.
import contextlib
import io
import runpy
import sys
import traceback


def run(sample):
    errors = io.StringIO()
    ok = True
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(errors):
            runpy.run_path(sample, run_name="__main__")
    except SystemExit as exit:
        ok = exit.code in (None, 0)
    except BaseException:  # the sample's failure, whatever it is, is its result
        ok = False
        errors.write(traceback.format_exc())
    return "ok\n" if ok else "failed\n" + errors.getvalue()


def main(argv):
    if len(argv) % 2 != 0:
        sys.stderr.write("usage: run_many.py SAMPLE RESULT [SAMPLE RESULT]...\n")
        return 2
    for sample, result in zip(argv[0::2], argv[1::2]):
        outcome = run(sample)
        with open(result, "w", encoding="utf-8") as file:
            file.write(outcome)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
