//! Java 11 and later with `java.net.http.HttpClient` (`verify` runs it in source-file mode).

use super::run::{RunSetup, Runner, command, need};
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
    runner: Runner::Program(run),
    known_gap,
};

/// The sample is statements: run inside a `main` with the imports it needs, in source-file mode.
fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    need(&["java"])?;
    let wrapped = format!(
        "import java.net.URI;\nimport java.net.http.*;\nimport java.nio.file.Path;\n\npublic class Main {{\n  public static void main(String[] args) throws Exception {{\n{}\n  }}\n}}\n",
        setup.code
    );
    let path = setup.write("Main.java", &wrapped)?;
    Ok(command("java", [path.as_os_str()]))
}

fn known_gap(request: &Request) -> Option<&'static str> {
    if request.method == "CONNECT" {
        Some("java.net.http refuses the method CONNECT")
    } else {
        None
    }
}
