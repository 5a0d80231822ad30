//! C# with System.Net.Http's `HttpClient` (`verify` compiles it with Mono's `mcs`).

use super::run::{BatchSetup, RunSetup, Runner, command, need};
use super::{Syntax, Target};
use crate::http::headers::DOTNET_CONTENT_HEADERS;
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "httpclient",
    language: "C#",
    client: "C# with System.Net.Http HttpClient",
    label: "C# - HttpClient",
    fence: "csharp",
    extension: "cs",
    house_tab: false,
    template: include_str!("../../templates/httpclient.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_c_sharp::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

/// The sample is top-level statements, as a .NET 6 project with implicit usings reads them:
/// run inside an async method with those usings, compiled by `mcs` and run by `mono`.
fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    need(&["mono", "mcs", "sh"])?;
    let wrapped = format!(
        "{USINGS}{}",
        sample_class(setup.code, "  static void Main() { Run().Wait(); }\n")
    );
    let path = setup.write("HttpClientSample.cs", &wrapped)?;
    let exe = setup.work.join("HttpClientSample.exe");
    Ok(command(
        "sh",
        [
            "-c".as_ref(),
            "mcs -nologo -langversion:latest -nowarn:1998 -r:System.Net.Http.dll -out:\"$2\" \"$1\" >&2 && exec mono \"$2\"".as_ref(),
            "sh".as_ref(),
            path.as_os_str(),
            exe.as_os_str(),
        ],
    ))
}

/// Every sample of a batch in one assembly (one `mcs`) and one mono process: each sample is the
/// class `Sample` of its own namespace `S<index>`, run in turn by the support directory's
/// `csharp/RunMany.cs`.
fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    need(&["mono", "mcs", "sh"])?;
    let sources = setup.write_each("Sample.cs", |index, code| {
        format!(
            "{USINGS}namespace S{index}\n{{\n{}}}\n",
            sample_class(code, "")
        )
    })?;
    let exe = setup.work.join("batch.exe");
    let mut batch = command(
        "sh",
        [
            "-c".as_ref(),
            "set -e; exe=$1; runner=$2; count=$3; shift 3; mcs -nologo -langversion:latest -nowarn:1998 -r:System.Net.Http.dll -out:\"$exe\" \"$runner\" \"$@\" >&2; shift \"$count\"; exec mono \"$exe\" \"$@\"".as_ref(),
            "sh".as_ref(),
            exe.as_os_str(),
            setup.support.join("csharp/RunMany.cs").as_os_str(),
            sources.len().to_string().as_ref(),
        ],
    );
    batch.args(&sources);
    for (index, sample) in setup.samples.iter().enumerate() {
        batch.arg(format!("S{index}")).arg(sample.result());
    }
    Ok(batch)
}

/// What every sample file starts with: the namespaces the statements may use.
const USINGS: &str = "using System;\nusing System.Collections.Generic;\nusing System.IO;\nusing System.Linq;\nusing System.Net.Http;\nusing System.Threading;\nusing System.Threading.Tasks;\n\n";

/// The statements as the body of `Sample.Run`, followed by `rest` (more members).
fn sample_class(code: &str, rest: &str) -> String {
    format!("class Sample\n{{\n  static async Task Run()\n  {{\n{code}\n  }}\n\n{rest}}}\n")
}

fn known_gap(request: &Request) -> Option<&'static str> {
    if request.body.is_none() && request.has_header(DOTNET_CONTENT_HEADERS) {
        Some(".NET sends content headers (`Content-Type`, `Content-Disposition`…) only with a body")
    } else if request.has_part_name_with(|c| !c.is_ascii()) {
        Some(super::csharp::DOTNET_PART_NAMES)
    } else {
        super::csharp::mono_gap(request)
    }
}
