//! The `samplegen` binary: parse arguments, run, report errors, exit.

use std::process::ExitCode;

// Rendering allocates many small strings and values on every core; mimalloc serves them with
// less contention and less work than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    samplegen::cmd::main()
}
