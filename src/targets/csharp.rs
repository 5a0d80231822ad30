//! C# with RestSharp (`verify` runs it on Mono against a RestSharp test double unless given the
//! real library).

use super::run::{BatchSetup, RunSetup, Runner, command, need};
use super::{Syntax, Target};
use crate::http::headers::DOTNET_CONTENT_HEADERS;
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "csharp",
    language: "C#",
    client: "C# with RestSharp",
    label: "C#",
    fence: "csharp",
    extension: "cs",
    house_tab: true,
    template: include_str!("../../templates/csharp.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_c_sharp::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    need(&["mono", "mcs", "sh"])?;
    let path = setup.write_sample("cs")?;
    let mut wrap = command(
        "sh",
        [
            setup.support.join("csharp/wrap.sh").as_os_str(),
            path.as_os_str(),
        ],
    );
    wrap.env("RESTSHARP_DOUBLE_BUILD", setup.shared.join("restsharp"));
    Ok(wrap)
}

/// Every sample of a batch in one mono process, each in a fresh evaluator.
fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    need(&["mono", "mcs", "sh"])?;
    let files = setup.write_each("sample.cs", |_, code| code.to_string())?;
    let wrap_sh = setup.support.join("csharp/wrap.sh");
    let mut wrap = setup.harness("sh", &[wrap_sh.as_os_str(), "--many".as_ref()], &files);
    wrap.env("RESTSHARP_DOUBLE_BUILD", setup.work.join("restsharp"));
    Ok(wrap)
}

fn known_gap(request: &Request) -> Option<&'static str> {
    if request.body.is_none() && request.has_header(DOTNET_CONTENT_HEADERS) {
        Some(
            ".NET sends content headers (`Content-Type`, `Content-Disposition`…) only with a body, and RestSharp adds them to the body",
        )
    } else if request.has_typed_text_part() {
        Some("RestSharp 107-110 cannot give a text part a content type")
    } else if request.has_part_name_with(|c| !c.is_ascii()) {
        Some(DOTNET_PART_NAMES)
    } else if matches!(&request.body, Some(crate::model::Body::Raw { text })
        if text.lines().count() > EVALUATOR_LINES)
    {
        Some(
            "Mono's C# evaluator, which verify runs the samples in, overflows on a body of thousands of lines joined by `+` (mcs compiles and runs it)",
        )
    } else {
        mono_gap(request)
    }
}

/// Why the .NET samples do not send a non-ASCII part or file name as written.
pub(super) const DOTNET_PART_NAMES: &str = ".NET's multipart content writes a non-ASCII part or file name as an RFC 2047 encoded-word (`=?utf-8?B?…?=`), which form parsers do not decode";

/// The most lines of a raw body (one `@"…" + "\n" +` each) that Mono's evaluator was seen to
/// read: 4,000 did, 8,000 did not.
const EVALUATOR_LINES: usize = 4_000;

/// The gap of a C# sample (this one's and HttpClient's) whose header Mono rewrites: the samples
/// add such headers with TryAddWithoutValidation, which .NET 5 and later send as written, but
/// Mono's System.Net.Http parses them and writes them back its own way.
pub(super) fn mono_gap(request: &Request) -> Option<&'static str> {
    request
        .headers
        .iter()
        .find_map(|h| crate::http::headers::mono_rewrites(&h.name, &h.value))
}
