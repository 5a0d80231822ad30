//! The `samplegen` binary: parse arguments, run, report errors, exit.

use std::process::ExitCode;

// mimalloc, asked the cheapest way (see the module)
#[global_allocator]
static ALLOCATOR: samplegen::allocator::Allocator = samplegen::allocator::Allocator;

fn main() -> ExitCode {
    samplegen::cmd::main()
}
