//! Crystal with the standard library's `HTTP::Client` (`verify` compiles it with `crystal build`,
//! all of a run's samples into one program: a compile takes tens of seconds).

use std::path::Path;

use super::run::{BatchSetup, RunSetup, Runner, command, need};
use super::{Syntax, Target};
use crate::model::{PartContent, Request};

pub const TARGET: Target = Target {
    id: "crystal",
    language: "Crystal",
    client: "Crystal with HTTP::Client",
    label: "Crystal - HTTP::Client",
    fence: "crystal",
    extension: "cr",
    house_tab: false,
    template: include_str!("../../templates/crystal.tera"),
    syntax: Syntax::None {
        reason: "the only tree-sitter grammar crate for Crystal (tree-sitter-crystal 0.1.0) knows a small subset without `::`, blocks, hash-like literals or named arguments, and rejects every sample; Crystal's own parser checks them instead (`crystal tool format --check` in the tests, the compiler in `verify`)",
    },
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

/// The sample compiled and run as it is.
fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    need(&["crystal", "sh"])?;
    let source = setup.write_sample("cr")?;
    Ok(compile_and_run(&source, &setup.work.join("sample"), &[]))
}

/// Every sample of a batch compiled into one program (see [`batch_program`]), which runs them in
/// turn and writes each one's result.
fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    need(&["crystal", "sh"])?;
    let codes: Vec<&str> = setup.samples.iter().map(|s| s.code).collect();
    let source = setup.write("samples.cr", &batch_program(&codes))?;
    let results: Vec<String> = setup
        .samples
        .iter()
        .map(|s| s.result().display().to_string())
        .collect();
    Ok(compile_and_run(
        &source,
        &setup.work.join("samples"),
        &results,
    ))
}

/// One program holding every sample: each one's `require` lines hoisted to the top (Crystal
/// takes them at the top level only, once each), the rest the body of `Sample<index>.run`. Its
/// arguments are the result files, in the samples' order; each sample's outcome, `ok` or
/// `failed` and what it raised, is written to its own.
fn batch_program(codes: &[&str]) -> String {
    let mut requires: Vec<&str> = Vec::new();
    let mut modules = String::new();
    let mut calls = String::new();
    for (index, code) in codes.iter().enumerate() {
        let mut body = String::new();
        for line in code.lines() {
            if line.starts_with("require ") {
                if !requires.contains(&line) {
                    requires.push(line);
                }
            } else {
                body.push_str(line);
                body.push('\n');
            }
        }
        modules.push_str(&format!(
            "module Sample{index}\n  def self.run\n{body}  end\nend\n\n"
        ));
        calls.push_str(&format!("outcome(ARGV[{index}]) {{ Sample{index}.run }}\n"));
    }
    let mut program: String = requires.iter().map(|line| format!("{line}\n")).collect();
    program.push('\n');
    program.push_str(&modules);
    program.push_str(
        "def outcome(result : String)\n  yield\n  File.write(result, \"ok\\n\")\nrescue error\n  File.write(result, \"failed\\n#{error.inspect_with_backtrace}\")\nend\n\n",
    );
    program.push_str(&calls);
    program
}

/// `sh` compiling `source` into `binary` with `crystal build`, then the binary run with
/// `arguments`.
fn compile_and_run(source: &Path, binary: &Path, arguments: &[String]) -> std::process::Command {
    let mut sh = command(
        "sh",
        [
            "-c".as_ref(),
            "set -e; source=$1; binary=$2; shift 2; crystal build --no-debug -o \"$binary\" \"$source\" >&2; exec \"$binary\" \"$@\"".as_ref(),
            "sh".as_ref(),
            source.as_os_str(),
            binary.as_os_str(),
        ],
    );
    sh.args(arguments);
    sh
}

/// `HTTP::FormData` writes a part's name and file name as an RFC 2616 quoted-string, a space or
/// `\` in it escaped with a backslash (`name="my\ field"`), which a receiver following RFC 7578
/// and the HTML standard (no escapes) reads with the backslash.
fn known_gap(request: &Request) -> Option<&'static str> {
    let escaped = |text: &str| text.contains([' ', '\\']);
    request
        .parts()
        .iter()
        .any(|part| {
            escaped(&part.name)
                || matches!(&part.content, PartContent::File { file_name, .. } if escaped(file_name))
        })
        .then_some(
            "Crystal's HTTP::FormData escapes a space or `\\` in a multipart part's name or file name with a backslash (an RFC 2616 quoted-pair)",
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteTarget;
    use crate::project::Project;

    // the stand-in for a grammar: Crystal's own parser reads every sample of the request-shape
    // corpus and of the Stripe-like project, which is as its formatter writes it
    #[test]
    fn crystal_reads_every_sample_as_formatted() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let dir = tempfile::tempdir().unwrap();
        let mut written = 0;
        for root in [fixtures.clone(), fixtures.join("stripe-like")] {
            let mut project = Project::open(&root).unwrap();
            project.config.targets = vec![SiteTarget::new(&TARGET)];
            let renderer = project.renderer().unwrap();
            let specs = project.load_specs().unwrap();
            assert!(specs.problems.is_empty(), "{:?}", specs.problems);
            for endpoint in &specs.endpoints {
                let rendered = renderer.render(endpoint, &project.config).unwrap();
                for (_, code) in &rendered.samples {
                    written += 1;
                    let name = endpoint.source.display().to_string().replace('/', "_");
                    // as `build` writes it, ending in a line break
                    let file = format!("{}\n", code.trim_end_matches('\n'));
                    std::fs::write(dir.path().join(format!("{written}-{name}.cr")), file).unwrap();
                }
            }
        }
        assert!(written > 30, "{written} samples");
        // exits 1, naming each file, when one does not parse or is not as the formatter writes it
        crate::filters::crystal::crystal_output(
            &[
                "tool".as_ref(),
                "format".as_ref(),
                "--check".as_ref(),
                "--no-color".as_ref(),
                dir.path().as_os_str(),
            ],
            "Crystal did not parse the samples",
        );
    }

    #[test]
    fn a_part_name_or_file_name_with_a_space_or_backslash_is_a_gap() {
        let request = |parts: &str| {
            crate::targets::request_of(&format!(
                "title: t\nrequest:\n  method: POST\n  url: https://x.example/\n  body:\n    formdata:\n{parts}"
            ))
        };
        assert_eq!(
            known_gap(&request(
                "      - a: b\n      - f:\n          file: /x/y.png\n"
            )),
            None
        );
        assert!(known_gap(&request("      - my field: b\n")).is_some());
        assert!(known_gap(&request("      - f:\n          file: /x/my file.png\n")).is_some());
        assert!(known_gap(&request("      - f:\n          file: /x/a\\\\b.png\n")).is_some());
    }

    #[test]
    fn a_batch_hoists_each_require_once_and_wraps_each_sample() {
        let program = batch_program(&[
            "require \"http/client\"\n\nurl = \"a\"\nputs url\n",
            "require \"http/client\"\nrequire \"json\"\nputs 2\n",
        ]);
        assert!(
            program.starts_with("require \"http/client\"\nrequire \"json\"\n\nmodule Sample0\n")
        );
        assert_eq!(program.matches("require ").count(), 2);
        assert!(program.contains("module Sample1\n  def self.run\nputs 2\n  end\nend\n"));
        assert!(
            program
                .ends_with("outcome(ARGV[0]) { Sample0.run }\noutcome(ARGV[1]) { Sample1.run }\n")
        );
    }
}
