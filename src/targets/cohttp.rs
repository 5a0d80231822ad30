//! OCaml with cohttp-lwt-unix (`verify` compiles it natively with ocamlfind).

use std::path::Path;

use super::run::{BatchSetup, RunSetup, Runner, command, need, probe};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "cohttp",
    language: "OCaml",
    client: "OCaml with cohttp-lwt-unix",
    label: "OCaml - Cohttp",
    fence: "ocaml",
    extension: "ml",
    house_tab: false,
    template: include_str!("../../templates/cohttp.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_ocaml::LANGUAGE_OCAML),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

/// `ocamlfind ocamlopt` on the sample, then the program it made.
fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    ready()?;
    let source = setup.write_sample("ml")?;
    Ok(compile_and_run(
        &[source.as_path()],
        &setup.work.join("sample"),
        &[],
    ))
}

/// Every sample of a batch compiled into one program, each as a local module in a function of
/// its own unit `sample_<index>`; the program's main calls each in turn and writes its result.
fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    ready()?;
    let mut sources = Vec::new();
    let mut main = String::from(
        "let outcome run =\n  try run (); \"ok\\n\" with error -> \"failed\\n\" ^ Printexc.to_string error ^ \"\\n\"\n\nlet write path text =\n  let ch = open_out_bin path in\n  output_string ch text;\n  close_out ch\n\nlet () =\n  match Array.to_list Sys.argv with\n  | _ :: results ->\n",
    );
    for (index, sample) in setup.samples.iter().enumerate() {
        let unit = format!("sample_{index}");
        sources.push(setup.write(
            &format!("{unit}.ml"),
            &format!(
                "let run () =\n  let module M = struct\n{}\nend in\n  ()\n",
                sample.code
            ),
        )?);
        main.push_str(&format!(
            "    write (List.nth results {index}) (outcome {}.run);\n",
            capitalized(&unit)
        ));
    }
    main.push_str("  | [] -> ()\n");
    sources.push(setup.write("main.ml", &main)?);
    let sources: Vec<&Path> = sources.iter().map(|p| p.as_path()).collect();
    let results: Vec<_> = setup.samples.iter().map(|s| s.result()).collect();
    Ok(compile_and_run(
        &sources,
        &setup.work.join("samples"),
        &results,
    ))
}

/// `sh` compiling `sources` (in order) into `program`, then running it with `args`.
fn compile_and_run(
    sources: &[&Path],
    program: &Path,
    args: &[std::path::PathBuf],
) -> std::process::Command {
    let mut sh = command(
        "sh",
        [
            "-c",
            "set -e; program=$1; count=$2; shift 2; sources=''; i=0; while [ $i -lt $count ]; do sources=\"$sources $1\"; shift; i=$((i+1)); done; ocamlfind ocamlopt -thread -w -a -package cohttp-lwt-unix -linkpkg $sources -o \"$program\" >&2; exec \"$program\" \"$@\"",
            "sh",
        ],
    );
    sh.arg(program).arg(sources.len().to_string());
    sh.args(sources).args(args);
    sh
}

fn capitalized(unit: &str) -> String {
    let mut chars = unit.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// `ocamlfind` is installed with cohttp-lwt-unix, or why not.
fn ready() -> Result<(), String> {
    need(&["ocamlfind", "sh"])?;
    probe(
        "ocamlfind",
        &["query", "cohttp-lwt-unix"],
        "OCaml's cohttp-lwt-unix is not installed (apt-get install ocaml-findlib libcohttp-lwt-unix-ocaml-dev)",
    )
}

fn known_gap(request: &Request) -> Option<&'static str> {
    request
        .get_with_body()
        .then_some("cohttp sends no body with GET: the sample says so and sends nothing")
}
