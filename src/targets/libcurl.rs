//! C with libcurl's easy interface (`verify` compiles it with `gcc` against Debian's
//! `libcurl4-openssl-dev`).

use super::run::{BatchSetup, RunSetup, Runner, command, need};
use super::{Syntax, Target, no_known_gap};

pub const TARGET: Target = Target {
    id: "libcurl",
    language: "C",
    client: "C with libcurl",
    label: "C - libcurl",
    fence: "c",
    extension: "c",
    house_tab: false,
    template: include_str!("../../templates/libcurl.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_c::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap: no_known_gap,
};

const INCLUDES: &str = "#include <stdio.h>\n#include <stdlib.h>\n#include <curl/curl.h>\n\n";

/// The sample is statements: compiled as the body of `main`, which fails when the transfer did.
fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    ready()?;
    let source = setup.write(
        "sample.c",
        &format!(
            "{INCLUDES}int main(void) {{\n{}\n  if(res != CURLE_OK) {{\n    fprintf(stderr, \"%s\\n\", curl_easy_strerror(res));\n    return 1;\n  }}\n  return 0;\n}}\n",
            setup.code
        ),
    )?;
    Ok(compile_and_run(&source, &setup.work.join("sample"), &[]))
}

/// Every sample of a batch as a function of one program, compiled once, which runs them in turn
/// and writes each one's result.
fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    ready()?;
    let mut program = String::from(INCLUDES);
    let mut calls = String::new();
    for (index, sample) in setup.samples.iter().enumerate() {
        program.push_str(&format!(
            "static CURLcode sample_{index}(void) {{\n{}\n  return res;\n}}\n\n",
            sample.code
        ));
        calls.push_str(&format!(
            "    case {index}: res = sample_{index}(); break;\n"
        ));
    }
    program.push_str(&format!("{BATCH_MAIN_HEAD}{calls}{BATCH_MAIN_TAIL}"));
    let source = setup.write("samples.c", &program)?;
    let mut arguments = Vec::new();
    for (index, sample) in setup.samples.iter().enumerate() {
        arguments.push(index.to_string());
        arguments.push(sample.result().display().to_string());
    }
    Ok(compile_and_run(
        &source,
        &setup.work.join("samples"),
        &arguments,
    ))
}

/// `main` of a batch: arguments are pairs of a sample's number and its result file.
const BATCH_MAIN_HEAD: &str = r#"int main(int argc, char **argv) {
  for (int i = 1; i + 1 < argc; i += 2) {
    CURLcode res = CURLE_OK;
    switch (atoi(argv[i])) {
"#;

const BATCH_MAIN_TAIL: &str = r#"    }
    FILE *result = fopen(argv[i + 1], "w");
    if (res == CURLE_OK) {
      fputs("ok\n", result);
    } else {
      fprintf(result, "failed\n%s\n", curl_easy_strerror(res));
    }
    fclose(result);
  }
  return 0;
}
"#;

fn ready() -> Result<(), String> {
    need(&["gcc", "sh"])?;
    super::run::probe(
        "sh",
        &["-c", "echo '#include <curl/curl.h>' | gcc -E - >/dev/null"],
        "libcurl's headers are not installed (Debian: libcurl4-openssl-dev)",
    )
}

/// `gcc` compiling `source` to `binary` with libcurl, then the binary run with `arguments`.
fn compile_and_run(
    source: &std::path::Path,
    binary: &std::path::Path,
    arguments: &[String],
) -> std::process::Command {
    let mut sh = command(
        "sh",
        [
            "-c".as_ref(),
            "set -e; source=$1; binary=$2; shift 2; gcc -w -o \"$binary\" \"$source\" -lcurl >&2; exec \"$binary\" \"$@\"".as_ref(),
            "sh".as_ref(),
            source.as_os_str(),
            binary.as_os_str(),
        ],
    );
    sh.args(arguments);
    sh
}
