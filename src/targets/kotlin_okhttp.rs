//! Kotlin with OkHttp (the Kotlin API of OkHttp 4), run by `verify` with Debian's `kotlinc` on
//! OkHttp 3 and the support directory's `kotlin/OkHttp4Extensions.kt`.

use std::path::{Path, PathBuf};

use super::run::{BatchSetup, DEBIAN_JARS, RunSetup, Runner, command, debian_classpath, need};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "kotlin-okhttp",
    language: "Kotlin",
    client: "Kotlin with OkHttp",
    label: "Kotlin - OkHttp",
    fence: "kotlin",
    extension: "kt",
    house_tab: false,
    template: include_str!("../../templates/kotlin-okhttp.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_kotlin_ng::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

/// Compiles the statements with the extensions, then runs them.
const COMPILE_AND_RUN: &str = "set -e; classes=$1; libraries=$2; shift 2; kotlinc -nowarn -d \"$classes\" -cp \"$libraries\" \"$@\" >&2; exec java -cp \"$classes:$libraries\" MainKt";

/// One `kotlinc` for every sample (each in its own package `s<index>`, the support directory's
/// extensions once), then one JVM running them in turn with `java/RunMany.java`.
const COMPILE_AND_RUN_MANY: &str = "set -e; classes=$1; libraries=$2; extensions=$3; samples=$4; harness=$5; shift 5; kotlinc -nowarn -d \"$classes\" -cp \"$libraries\" \"$extensions\" \"$samples\" >&2; javac -nowarn -d \"$classes\" \"$harness\" >&2; exec java -cp \"$classes:$libraries\" RunMany \"$@\"";

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    let libraries = ready()?;
    let main = setup.write("Main.kt", &wrap(setup.code))?;
    let classes = setup.work.join("classes");
    Ok(command(
        "sh",
        [
            "-c".as_ref(),
            COMPILE_AND_RUN.as_ref(),
            "sh".as_ref(),
            classes.as_os_str(),
            libraries.as_ref(),
            extensions(setup.support).as_os_str(),
            main.as_os_str(),
        ],
    ))
}

fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    let libraries = ready()?;
    let samples = setup.work.join("samples");
    std::fs::create_dir_all(&samples).map_err(|e| format!("cannot create {e}"))?;
    // kotlinc takes a directory of sources: no command line to outgrow
    for (index, sample) in setup.samples.iter().enumerate() {
        let file = samples.join(format!("s{index}.kt"));
        std::fs::write(&file, format!("package s{index}\n{}", wrap(sample.code)))
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    let classes = setup.work.join("classes");
    let mut kotlin = command(
        "sh",
        [
            "-c".as_ref(),
            COMPILE_AND_RUN_MANY.as_ref(),
            "sh".as_ref(),
            classes.as_os_str(),
            libraries.as_ref(),
            extensions(setup.support).as_os_str(),
            samples.as_os_str(),
            setup.support.join("java/RunMany.java").as_os_str(),
        ],
    );
    for (index, sample) in setup.samples.iter().enumerate() {
        kotlin
            .arg(format!("s{index}.S{index}Kt"))
            .arg(sample.result());
    }
    Ok(kotlin)
}

/// The statements as `main`, with the imports they need; the response is closed, as a reader's
/// program would. A sample that says its request cannot be sent (a `GET` body) is a comment and
/// has no response: it must still compile, since every sample of a run compiles together.
fn wrap(code: &str) -> String {
    let close = if code.contains("val response") {
        "  response.close()\n"
    } else {
        ""
    };
    format!(
        "import java.io.File\nimport okhttp3.*\nimport samplegen.okhttp4.*\n\nfun main(args: Array<String>) {{\n{code}\n{close}}}\n"
    )
}

fn extensions(support: &Path) -> PathBuf {
    support.join("kotlin/OkHttp4Extensions.kt")
}

/// The class path (Kotlin's standard library, OkHttp, Okio) once the compiler is installed.
fn ready() -> Result<String, String> {
    need(&["kotlinc", "java", "javac", "sh"])?;
    debian_classpath(&["kotlin-stdlib.jar", "okhttp.jar", "okio.jar"]).map_err(|_| {
        format!(
            "OkHttp's or Kotlin's jars are not in {DEBIAN_JARS} (Debian: kotlin libokhttp-java libokio-java)"
        )
    })
}

fn known_gap(request: &Request) -> Option<&'static str> {
    request
        .get_with_body()
        .then_some("OkHttp refuses a body with GET: the sample says so and sends nothing")
}
