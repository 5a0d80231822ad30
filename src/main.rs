//! The `samplegen` binary: parse arguments, run, report errors, exit.

use std::process::ExitCode;

fn main() -> ExitCode {
    samplegen::cmd::main()
}
