//! Java with OkHttp.

use super::run::{BatchSetup, RunSetup, Runner, command, debian_classpath, java_many, need};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "java",
    language: "Java",
    client: "Java with OkHttp",
    label: "Java",
    fence: "java",
    extension: "java",
    house_tab: true,
    template: include_str!("../../templates/java.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_java::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

/// The sample is statements, as the house style shows it: run inside a `main` that prints the
/// response, in source-file mode.
fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    need(&["java"])?;
    let classpath = okhttp_classpath()
        .ok_or("OkHttp's jars are not in /usr/share/java (Debian: libokhttp-java libokio-java)")?;
    let path = setup.write("Main.java", &wrap(setup.code))?;
    Ok(command(
        "java",
        ["-cp".as_ref(), classpath.as_ref(), path.as_os_str()],
    ))
}

/// Every sample of a batch in one JVM.
fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    let classpath = okhttp_classpath()
        .ok_or("OkHttp's jars are not in /usr/share/java (Debian: libokhttp-java libokio-java)")?;
    java_many(setup, &classpath, wrap)
}

/// The sample is statements: made the `main` of a class `Main`, with the imports it needs, that
/// prints the response as the house page's reader would see it.
fn wrap(code: &str) -> String {
    // a sample that says its request cannot be sent (a `GET` body) is a comment, with no response
    let print = if code.contains("Response response") {
        "    System.out.println(response.body().string());\n"
    } else {
        ""
    };
    format!(
        "import java.io.*;\nimport okhttp3.*;\npublic class Main {{\n  public static void main(String []args) throws IOException{{\n{code}\n{print}  }}\n}}\n"
    )
}

/// The class path for OkHttp from Debian's packages, if installed.
fn okhttp_classpath() -> Option<String> {
    let okhttp = debian_classpath(&["okhttp.jar", "okio.jar"]).ok()?;
    // newer okio builds need Kotlin's standard library
    Some(match debian_classpath(&["kotlin-stdlib.jar"]) {
        Ok(kotlin) => format!("{okhttp}:{kotlin}"),
        Err(_) => okhttp,
    })
}

fn known_gap(request: &Request) -> Option<&'static str> {
    request
        .get_with_body()
        .then_some("OkHttp refuses a body with GET: the sample says so and sends nothing")
}
