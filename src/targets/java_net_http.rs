//! Java 11 and later with `java.net.http.HttpClient` (`verify` runs it in source-file mode).

use super::run::{BatchSetup, RunSetup, Runner, command, java_many, need};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "java-net-http",
    language: "Java",
    client: "Java with java.net.http HttpClient",
    label: "Java - HttpClient",
    fence: "java",
    extension: "java",
    house_tab: false,
    template: include_str!("../../templates/java-net-http.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_java::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

/// The sample is statements: run inside a `main` with the imports it needs, in source-file mode.
fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    need(&["java"])?;
    let path = setup.write("Main.java", &wrap(setup.code))?;
    Ok(command("java", [path.as_os_str()]))
}

/// Every sample of a batch in one JVM.
fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    java_many(setup, "", wrap)
}

/// The statements as the `main` of a class `Main`, with the imports they need.
fn wrap(code: &str) -> String {
    format!(
        "import java.net.URI;\nimport java.net.http.*;\nimport java.nio.file.Path;\n\npublic class Main {{\n  public static void main(String[] args) throws Exception {{\n{code}\n  }}\n}}\n"
    )
}

fn known_gap(request: &Request) -> Option<&'static str> {
    if request.method == "CONNECT" {
        Some("java.net.http refuses the method CONNECT")
    } else {
        None
    }
}
