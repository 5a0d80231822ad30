//! The sample targets. A target is one value holding every fact about one client: its id, names,
//! fence, file extension, whether it is a house-style tab, its built-in template, how its samples
//! are syntax-checked, how `verify` runs them and which differences it cannot avoid. Everything
//! else (the template list, the syntax check, the runner dispatch, the default tabs) is derived
//! from [`TARGETS`]; adding a client is one file here, one line in that list and one template.

mod aiohttp;
mod async_http_client;
mod axios;
mod axios_browser;
mod browser_gaps;
mod clj_http;
mod cohttp;
mod crystal;
mod csharp;
mod curl;
mod dart_http;
mod dio;
mod faraday;
mod fetch;
mod go;
mod guzzle;
mod http;
mod http_client;
mod httpclient;
mod httpie;
mod httpx;
mod httpx_async;
mod httr;
mod java;
mod java_net_http;
mod jquery;
mod kotlin_okhttp;
mod libcurl;
mod node_fetch;
mod node_native;
mod node_unirest;
mod nodejs;
mod nsurlsession;
mod pecl_http;
mod php;
mod php_curl;
mod powershell_restmethod;
mod powershell_webrequest;
mod python;
mod rcurl;
mod reqwest;
mod ruby;
pub mod run;
mod swift;
mod swift_async;
mod unirest_java;
mod wget;
mod xhr;

use serde::Serialize;
use tree_sitter_language::LanguageFn;

use crate::model::Request;
pub use run::{BatchSample, BatchSetup, RunSetup, Runner};

/// A language and client library a sample is written for.
#[derive(Clone, Copy, Serialize)]
pub struct Target {
    /// Stable lowercase id, used on the command line, in file and template names and in the config.
    pub id: &'static str,
    /// The programming language, for `samplegen targets`.
    pub language: &'static str,
    /// The library or tool the sample uses.
    pub client: &'static str,
    /// The tab label on the page, by default.
    pub label: &'static str,
    /// The page's code fence info string, by default.
    pub fence: &'static str,
    /// The sample file's extension below `output/`.
    pub extension: &'static str,
    /// Whether the house style shows it: the tabs a site without a `targets:` list renders.
    pub house_tab: bool,
    /// The built-in template's source, which shapes the sample.
    #[serde(skip)]
    pub template: &'static str,
    /// How a sample's syntax is checked.
    #[serde(skip)]
    pub syntax: Syntax,
    /// How `verify` runs a sample.
    #[serde(skip)]
    pub runner: Runner,
    /// Why this client cannot send `request` exactly, when it is a difference the README lists
    /// as a known gap (the library or the browser cannot avoid it).
    #[serde(skip)]
    pub known_gap: fn(&Request) -> Option<&'static str>,
}

/// How a target's samples are checked for syntax, in-process.
#[derive(Clone, Copy)]
pub enum Syntax {
    /// Parsed with this tree-sitter grammar; an ERROR or MISSING node is a failure.
    TreeSitter(LanguageFn),
    /// An HTTP/1.1 message head, parsed with httparse.
    HttpMessage,
    /// Not checked: why (no grammar for the language is available as a crate).
    None { reason: &'static str },
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Target").field("id", &self.id).finish()
    }
}

impl PartialEq for Target {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Target {}

/// Every built-in target: the house style's tabs in their order, then the others.
pub const TARGETS: &[Target] = &[
    curl::TARGET,
    csharp::TARGET,
    go::TARGET,
    http::TARGET,
    java::TARGET,
    jquery::TARGET,
    nodejs::TARGET,
    python::TARGET,
    php::TARGET,
    ruby::TARGET,
    swift::TARGET,
    fetch::TARGET,
    axios::TARGET,
    httpx::TARGET,
    httpclient::TARGET,
    java_net_http::TARGET,
    xhr::TARGET,
    axios_browser::TARGET,
    node_native::TARGET,
    node_fetch::TARGET,
    node_unirest::TARGET,
    http_client::TARGET,
    httpx_async::TARGET,
    aiohttp::TARGET,
    httpie::TARGET,
    wget::TARGET,
    php_curl::TARGET,
    guzzle::TARGET,
    pecl_http::TARGET,
    faraday::TARGET,
    kotlin_okhttp::TARGET,
    clj_http::TARGET,
    async_http_client::TARGET,
    unirest_java::TARGET,
    libcurl::TARGET,
    nsurlsession::TARGET,
    reqwest::TARGET,
    swift_async::TARGET,
    powershell_restmethod::TARGET,
    powershell_webrequest::TARGET,
    httr::TARGET,
    cohttp::TARGET,
    dart_http::TARGET,
    dio::TARGET,
    rcurl::TARGET,
    crystal::TARGET,
];

/// The target with this id.
pub fn find(id: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|target| target.id == id)
}

/// The target with this id, or a message naming the closest known one.
pub fn find_or_suggest(id: &str) -> Result<&'static Target, String> {
    find(id).ok_or_else(|| {
        format!(
            "unknown target `{id}`{} (`samplegen targets` lists them)",
            crate::suggest::did_you_mean(id, TARGETS.iter().map(|t| t.id))
        )
    })
}

/// Whether `id` can name a target: lower-case ASCII letters, digits and `-`, not empty.
pub fn is_target_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A target a site defines in its config: a template of its own, and optionally the command that
/// runs a sample.
pub struct OwnTarget {
    pub id: String,
    pub language: String,
    pub client: String,
    pub label: String,
    pub fence: String,
    pub extension: String,
    pub run: Option<String>,
}

/// A site's own target as a [`Target`]. Its template is the project's; it has no syntax check
/// (samplegen knows no grammar for it) and runs with its `run` command, if it has one. The value
/// lives as long as the process: a config is read once per build.
pub fn own(own: OwnTarget) -> &'static Target {
    let text = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    Box::leak(Box::new(Target {
        id: text(own.id),
        language: text(own.language),
        client: text(own.client),
        label: text(own.label),
        fence: text(own.fence),
        extension: text(own.extension),
        house_tab: false,
        template: "",
        syntax: Syntax::None {
            reason: "a target of the site's own: samplegen knows no grammar for it",
        },
        runner: match own.run {
            Some(command) => Runner::Command(text(command)),
            None => Runner::None {
                reason: "a target of the site's own without a `run` command",
            },
        },
        known_gap: no_known_gap,
    }))
}

/// The targets a site shows when its config names none: the house style's tabs, in order.
pub fn house_tabs() -> impl Iterator<Item = &'static Target> {
    TARGETS.iter().filter(|target| target.house_tab)
}

impl Target {
    /// The name the target's template is registered under (and overridden by).
    pub fn template_name(&self) -> String {
        format!("{}.tera", self.id)
    }
}

/// Why the Dart targets are not run: no Dart SDK installs from the registries the project's
/// machines reach (Debian, npm, PyPI, crates.io).
const NO_DART: &str =
    "no Dart SDK installs from Debian, npm, PyPI or crates.io, so the sample is only parsed";

/// For targets that send every request exactly.
fn no_known_gap(_: &Request) -> Option<&'static str> {
    None
}

/// The validated request of a spec written as YAML, for the targets' tests of their known gaps.
#[cfg(test)]
pub(crate) fn request_of(source: &str) -> Request {
    let spec = crate::spec::parse(source).expect("test spec parses");
    let id = crate::model::PageId {
        module: "m".into(),
        page: "p".into(),
    };
    crate::model::validate(spec, id, std::path::Path::new("s.yaml"), source)
        .expect("test spec is valid")
        .request
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_lowercase_and_stable() {
        for (index, target) in TARGETS.iter().enumerate() {
            assert!(is_target_id(target.id), "{}", target.id);
            assert!(
                TARGETS[..index].iter().all(|t| t.id != target.id),
                "`{}` is listed twice",
                target.id
            );
        }
    }

    #[test]
    fn every_target_says_how_it_is_checked_and_run() {
        for target in TARGETS {
            assert!(
                !target.template.trim().is_empty(),
                "`{}` has no template",
                target.id
            );
            for text in [
                target.language,
                target.client,
                target.label,
                target.fence,
                target.extension,
            ] {
                assert!(!text.is_empty(), "`{}` leaves a name empty", target.id);
            }
            if let Runner::None { reason } = target.runner {
                assert!(
                    reason.len() > 10,
                    "`{}` is not run by verify without saying why",
                    target.id
                );
            }
            if let Syntax::None { reason } = target.syntax {
                assert!(
                    reason.len() > 10,
                    "`{}` is not syntax-checked without saying why",
                    target.id
                );
            }
        }
    }

    // every page target runs into the browser's refusal of these methods, jQuery's too
    #[test]
    fn the_browser_targets_cannot_send_trace() {
        let trace = request_of("title: t\nrequest:\n  method: TRACE\n  url: https://e.com/a\n");
        for id in ["jquery", "xhr", "fetch", "axios-browser"] {
            let target = TARGETS.iter().find(|t| t.id == id).unwrap();
            assert!(
                (target.known_gap)(&trace).is_some_and(|gap| gap.contains("TRACE")),
                "{id}"
            );
        }
    }

    #[test]
    fn the_house_tabs_are_the_eleven_in_order() {
        let ids: Vec<&str> = house_tabs().map(|t| t.id).collect();
        assert_eq!(
            ids,
            [
                "curl", "csharp", "go", "http", "java", "jquery", "nodejs", "python", "php",
                "ruby", "swift"
            ]
        );
    }

    #[test]
    fn unknown_ids_get_a_suggestion() {
        let message = find_or_suggest("pyhton").unwrap_err();
        assert!(message.contains("did you mean `python`?"), "{message}");
    }
}
