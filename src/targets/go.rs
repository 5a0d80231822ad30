//! Go with the standard library's net/http.

use super::run::{BatchSetup, RunSetup, Runner, command, need};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "go",
    language: "Go",
    client: "Go with net/http",
    label: "Go",
    fence: "golang",
    extension: "go",
    house_tab: true,
    template: include_str!("../../templates/go.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_go::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

fn known_gap(request: &Request) -> Option<&'static str> {
    if request.has_empty_header(&["User-Agent"]) {
        Some("Go's net/http sends no `User-Agent` header whose value is empty")
    } else if request.has_empty_header(&["Accept-Encoding"]) {
        Some("Go's net/http adds its own `Accept-Encoding: gzip` beside an empty one")
    } else {
        None
    }
}

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    need(&["go"])?;
    let path = setup.write_sample("go")?;
    let mut go = command("go", ["run".as_ref(), path.as_os_str()]);
    go.env("GO111MODULE", "off");
    Ok(go)
}

/// Every sample of a batch in one program, so Go compiles and links once: each sample becomes
/// the package `samplegen/s<index>` (its `package main` and `func main()` renamed, nothing else
/// changed), and a generated `main` calls each one's `Main` in turn, writing its result.
fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    need(&["go"])?;
    let gopath = setup.work.join("go");
    let mut imports = String::new();
    let mut calls = String::new();
    for (index, sample) in setup.samples.iter().enumerate() {
        let code = sample
            .code
            .replacen("package main", &format!("package s{index}"), 1)
            .replacen("func main() {", "func Main() {", 1);
        let dir = gopath.join(format!("src/samplegen/s{index}"));
        std::fs::create_dir_all(&dir).map_err(|error| error.to_string())?;
        std::fs::write(dir.join("main.go"), code).map_err(|error| error.to_string())?;
        imports.push_str(&format!("\ts{index} \"samplegen/s{index}\"\n"));
        // a JSON string of an ASCII path is a Go string literal too
        let result = serde_json::to_string(&sample.result().display().to_string())
            .expect("a string serializes");
        calls.push_str(&format!("\trun(s{index}.Main, {result})\n"));
    }
    let main = format!("{GO_BATCH_HEAD}{imports})\n{GO_BATCH_RUN}func main() {{\n{calls}}}\n");
    let dir = gopath.join("src/samplegen/run");
    std::fs::create_dir_all(&dir).map_err(|error| error.to_string())?;
    std::fs::write(dir.join("main.go"), main).map_err(|error| error.to_string())?;
    let mut go = command("go", ["run", "samplegen/run"]);
    go.env("GO111MODULE", "off").env("GOPATH", &gopath);
    Ok(go)
}

const GO_BATCH_HEAD: &str = "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n";

/// Runs one sample, recording whether it returned or panicked.
const GO_BATCH_RUN: &str = r#"
func run(sample func(), result string) {
	outcome := "ok\n"
	func() {
		defer func() {
			if thrown := recover(); thrown != nil {
				outcome = fmt.Sprintf("failed\npanic: %v\n", thrown)
			}
		}()
		sample()
	}()
	os.WriteFile(result, []byte(outcome), 0o600)
}

"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn with_header(header: &str) -> Request {
        crate::targets::request_of(&format!(
            "title: t\nrequest:\n  method: GET\n  url: https://x.example/\n  headers:\n    - {header}\n"
        ))
    }

    #[test]
    fn net_http_cannot_send_an_empty_user_agent_or_accept_encoding_alone() {
        assert!(known_gap(&with_header("User-Agent:")).is_some());
        assert!(known_gap(&with_header("accept-encoding: ''")).is_some());
        assert_eq!(known_gap(&with_header("User-Agent: curl/8")), None);
        assert_eq!(known_gap(&with_header("X-Empty:")), None);
    }
}
