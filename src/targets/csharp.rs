//! C# with RestSharp (`verify` runs it on Mono against a RestSharp test double unless given the
//! real library).

use super::run::{RunSetup, Runner, command, need};
use super::{Syntax, Target};
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
    runner: Runner::Program(run),
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
    wrap.env("RESTSHARP_DOUBLE_BUILD", setup.work.join("restsharp"));
    Ok(wrap)
}

fn known_gap(request: &Request) -> Option<&'static str> {
    if request.has_content_type_without_body() {
        Some(".NET sends `Content-Type` only with a body (it is a content header)")
    } else if request.has_typed_text_part() {
        Some("RestSharp 107-110 cannot give a text part a content type")
    } else {
        None
    }
}
