//! Rust with reqwest (async, on tokio). `verify` builds a run's samples into one program, a
//! module each, from `tests/support/rust` (its `Cargo.lock` pins reqwest); the dependencies build
//! once into the verify cache directory and are reused by every later run.

use std::path::{Path, PathBuf};

use super::run::{BatchSetup, RunSetup, Runner, command, need};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "reqwest",
    language: "Rust",
    client: "Rust with reqwest",
    label: "Rust - reqwest",
    fence: "rust",
    extension: "rs",
    house_tab: false,
    template: include_str!("../../templates/reqwest.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_rust::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

/// reqwest percent-encodes a part or file name as a URL path segment and writes it as an RFC 5987
/// `name*=` parameter, which RFC 7578 forbids and form parsers do not read.
fn known_gap(request: &Request) -> Option<&'static str> {
    request
        .has_part_name_with(|c| !c.is_ascii_graphic() || "\"#%/<>?`{}".contains(c))
        .then_some(
            "reqwest writes a part or file name with a blank, non-ASCII or `\"#%/<>?` as `name*=utf-8''…` (RFC 5987), which form parsers do not read",
        )
}

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    let result = setup.work.join("result");
    build_and_run(setup.support, setup.work, &[setup.code], &[result])
}

fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    let codes: Vec<&str> = setup.samples.iter().map(|s| s.code).collect();
    let results: Vec<PathBuf> = setup.samples.iter().map(|s| s.result()).collect();
    build_and_run(setup.support, setup.work, &codes, &results)
}

/// A cargo project in `work` with each sample as module `s<index>` (its `#[tokio::main] async fn
/// main` a `pub async fn main`), and the command that builds it and runs every sample, writing
/// each one's result to `results`. It fails when any sample did.
fn build_and_run(
    support: &Path,
    work: &Path,
    codes: &[&str],
    results: &[PathBuf],
) -> Result<std::process::Command, String> {
    need(&["cargo", "sh"])?;
    let project = support.join("rust");
    let src = work.join("src");
    std::fs::create_dir_all(&src).map_err(|error| format!("cannot create src/: {error}"))?;
    for file in ["Cargo.toml", "Cargo.lock"] {
        std::fs::copy(project.join(file), work.join(file))
            .map_err(|error| format!("cannot copy {file} from {}: {error}", project.display()))?;
    }
    let mut main = String::from("#![allow(warnings)]\n\n");
    let mut arms = String::new();
    for (index, code) in codes.iter().enumerate() {
        let module = code.replacen("#[tokio::main]\nasync fn main()", "pub async fn main()", 1);
        std::fs::write(src.join(format!("s{index}.rs")), module)
            .map_err(|error| format!("cannot write s{index}.rs: {error}"))?;
        main.push_str(&format!("mod s{index};\n"));
        arms.push_str(&format!("        \"{index}\" => s{index}::main().await,\n"));
    }
    main.push_str(&HARNESS.replace("ARMS\n", &arms));
    std::fs::write(src.join("main.rs"), main)
        .map_err(|error| format!("cannot write main.rs: {error}"))?;
    // the dependencies build once for every run: in the cache directory when there is one
    let target_dir = crate::verify::reuse::cache_dir()
        .map(|dir| dir.join("reqwest-target"))
        .unwrap_or_else(|| work.join("target"));
    let mut sh = command(
        "sh",
        [
            "-c".as_ref(),
            "set -e; cd \"$1\"; target=$2; shift 2; cargo build --quiet --locked --target-dir \"$target\" >&2; cp \"$target/debug/samplegen-reqwest-samples\" ./samples; exec ./samples \"$@\"".as_ref(),
            "sh".as_ref(),
            work.as_os_str(),
            target_dir.as_os_str(),
        ],
    );
    for (index, result) in results.iter().enumerate() {
        sh.arg(index.to_string()).arg(result);
    }
    Ok(sh)
}

/// The program's `main`: arguments are pairs of a sample's number and its result file; each
/// sample runs on a runtime of its own, as its `#[tokio::main]` would start.
const HARNESS: &str = r#"
fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let mut failed = false;
    for pair in arguments.chunks(2) {
        let outcome = std::panic::catch_unwind(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime")
                .block_on(run(&pair[0]))
                .map_err(|error| error.to_string())
        });
        let text = match outcome {
            Ok(Ok(())) => "ok\n".to_string(),
            Ok(Err(error)) => format!("failed\n{error}\n"),
            Err(_) => "failed\nthe sample panicked\n".to_string(),
        };
        if text != "ok\n" {
            eprint!("{text}");
            failed = true;
        }
        std::fs::write(&pair[1], text).expect("the result is written");
    }
    std::process::exit(i32::from(failed));
}

async fn run(sample: &str) -> Result<(), Box<dyn std::error::Error>> {
    match sample {
ARMS
        other => Err(format!("no sample {other}").into()),
    }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn with_part(part: &str) -> Request {
        crate::targets::request_of(&format!(
            "title: t\nrequest:\n  method: POST\n  url: https://x.example/\n  body:\n    formdata:\n{part}"
        ))
    }

    #[test]
    fn a_part_name_reqwest_percent_encodes_is_a_gap() {
        assert_eq!(known_gap(&with_part("      - first_name: v\n")), None);
        assert!(known_gap(&with_part("      - first name: v\n")).is_some());
        assert!(known_gap(&with_part("      - ünï: v\n")).is_some());
        assert!(known_gap(&with_part("      - doc:\n          file: /x/ünï.txt\n")).is_some());
    }
}
