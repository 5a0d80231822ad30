//! C# with System.Net.Http's `HttpClient` (`verify` compiles it with Mono's `mcs`).

use super::run::{RunSetup, Runner, command, need};
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
    runner: Runner::Program(run),
    known_gap,
};

/// The sample is top-level statements, as a .NET 6 project with implicit usings reads them:
/// run inside an async method with those usings, compiled by `mcs` and run by `mono`.
fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    need(&["mono", "mcs", "sh"])?;
    let wrapped = format!(
        "using System;\nusing System.Collections.Generic;\nusing System.IO;\nusing System.Linq;\nusing System.Net.Http;\nusing System.Threading;\nusing System.Threading.Tasks;\n\nclass Sample\n{{\n  static async Task Run()\n  {{\n{}\n  }}\n\n  static void Main() {{ Run().Wait(); }}\n}}\n",
        setup.code
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

fn known_gap(request: &Request) -> Option<&'static str> {
    if request.body.is_none() && request.has_header(DOTNET_CONTENT_HEADERS) {
        Some(".NET sends content headers (`Content-Type`, `Content-Disposition`…) only with a body")
    } else if request.has_header(&["Accept-Language", "Referer"]) {
        Some(
            "Mono's System.Net.Http rewrites `Accept-Language` and `Referer` (`en-US,en;q=0.9` becomes `en-US, en; q=0.9`); .NET 5 and later send them as written",
        )
    } else {
        None
    }
}
