//! Clojure with clj-http, run by `verify` with Debian's `clojure` and its clj-http (2.3.0) and
//! cheshire packages.

use super::run::{BatchSetup, DEBIAN_JARS, RunSetup, Runner, command, debian_classpath, need};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "clj-http",
    language: "Clojure",
    client: "Clojure with clj-http",
    label: "Clojure - clj-http",
    fence: "clojure",
    extension: "clj",
    house_tab: false,
    template: include_str!("../../templates/clj-http.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_clojure_orchard::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

/// The jars clj-http needs, from Debian's packages (cheshire for JSON bodies).
const JARS: &[&str] = &[
    "clj-http.jar",
    "potemkin.jar",
    "riddley.jar",
    "clj-tuple.jar",
    "slingshot.jar",
    "httpclient.jar",
    "httpcore.jar",
    "httpmime.jar",
    "commons-codec.jar",
    "commons-io.jar",
    "commons-logging.jar",
    "cheshire.jar",
    "jackson-core.jar",
    "jackson-dataformat-smile.jar",
    "jackson-dataformat-cbor.jar",
    "tigris.jar",
];

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    let classpath = classpath()?;
    let sample = setup.write_sample("clj")?;
    Ok(command(
        "clojure",
        ["-cp".as_ref(), classpath.as_ref(), sample.as_os_str()],
    ))
}

/// One JVM for every sample, loaded in turn by the support directory's `clojure/run_many.clj`.
fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    let classpath = classpath()?;
    let files = setup.write_each("sample.clj", |_, code| code.to_string())?;
    let harness = setup.support.join("clojure/run_many.clj");
    Ok(setup.harness(
        "clojure",
        &["-cp".as_ref(), classpath.as_ref(), harness.as_os_str()],
        &files,
    ))
}

/// The class path of clj-http and cheshire, once Clojure is installed.
fn classpath() -> Result<String, String> {
    need(&["clojure", "java"])?;
    debian_classpath(JARS).map_err(|jar| {
        format!("{jar} is not in {DEBIAN_JARS} (Debian: libclj-http-clojure libcheshire-clojure)")
    })
}

/// clj-http builds its Apache request from the method keyword with a fixed list of methods (2.3.0,
/// Debian's): any other method is refused before anything is sent.
fn known_gap(request: &Request) -> Option<&'static str> {
    const SENDS: &[&str] = &[
        "GET", "HEAD", "PUT", "POST", "OPTIONS", "DELETE", "COPY", "MOVE", "PATCH",
    ];
    if !SENDS.contains(&request.method.as_str()) {
        return Some(
            "clj-http 2.3.0 sends only GET, HEAD, PUT, POST, OPTIONS, DELETE, COPY, MOVE and PATCH",
        );
    }
    if request.method == "OPTIONS" && request.body.is_some() {
        // clj-http makes an OPTIONS request an Apache HttpOptions, which holds no entity
        return Some("clj-http sends no body with OPTIONS");
    }
    if request.url.path.contains("//") {
        return Some("clj-http sends `//` in a path as one `/`");
    }
    if request.has_part_name_with(|c| !c.is_ascii()) {
        return Some(
            "clj-http (Apache HttpMime) writes each non-ASCII letter of a part or file name as `?`",
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::known_gap;

    #[test]
    fn a_double_slash_anywhere_in_the_path_is_a_gap() {
        let gap = |url: &str| {
            known_gap(&crate::targets::request_of(&format!(
                "title: t\nrequest:\n  method: GET\n  url: {url}\n"
            )))
        };
        assert!(gap("https://e.com//v1").is_some());
        assert!(gap("https://e.com/v1//items").is_some());
        assert_eq!(gap("https://e.com/v1/items?next=//x"), None);
    }
}
