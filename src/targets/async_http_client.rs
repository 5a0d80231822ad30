//! Java with AsyncHttpClient (org.asynchttpclient), run by `verify` with Debian's jars.

use super::run::{
    BatchSetup, DEBIAN_JARS, RunSetup, Runner, command, debian_classpath, java_many, need,
};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "async-http-client",
    language: "Java",
    client: "Java with AsyncHttpClient",
    label: "Java - AsyncHttpClient",
    fence: "java",
    extension: "java",
    house_tab: false,
    template: include_str!("../../templates/async-http-client.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_java::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

/// AsyncHttpClient cannot decode Brotli, and takes `br` out of an `Accept-Encoding` it is given
/// (`gzip, deflate, br` is sent as `gzip, deflate`); it writes part names in ASCII.
fn known_gap(request: &Request) -> Option<&'static str> {
    let asks_for_brotli = request.headers.iter().any(|h| {
        h.name.eq_ignore_ascii_case("accept-encoding")
            && h.value.split(',').any(|coding| {
                let coding = coding.split(';').next().unwrap_or("").trim();
                coding.eq_ignore_ascii_case("br")
            })
    });
    if asks_for_brotli {
        return Some(
            "AsyncHttpClient takes `br` out of `Accept-Encoding` (it cannot decode Brotli): `gzip, deflate, br` is sent as `gzip, deflate`",
        );
    }
    request
        .has_part_name_with(|c| !c.is_ascii())
        .then_some("AsyncHttpClient writes each non-ASCII letter of a part or file name as `?`")
}

/// AsyncHttpClient 2.12 and what it loads, as Debian installs them in /usr/share/java
/// (`libasync-http-client-java`; see the README for installing it on Debian 12).
const JARS: &[&str] = &[
    "async-http-client.jar",
    "async-http-client-netty-utils.jar",
    "netty-buffer.jar",
    "netty-codec.jar",
    "netty-codec-http.jar",
    "netty-codec-socks.jar",
    "netty-codec-dns.jar",
    "netty-common.jar",
    "netty-handler.jar",
    "netty-handler-proxy.jar",
    "netty-resolver.jar",
    "netty-resolver-dns.jar",
    "netty-transport.jar",
    "netty-transport-native-unix-common.jar",
    "netty-transport-native-epoll.jar",
    "netty-reactive-streams.jar",
    "reactive-streams.jar",
    "slf4j-api.jar",
    "javax.activation.jar",
];

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    need(&["java"])?;
    let classpath = classpath()?;
    let path = setup.write("Main.java", &wrap(setup.code))?;
    Ok(command(
        "java",
        ["-cp".as_ref(), classpath.as_ref(), path.as_os_str()],
    ))
}

/// Every sample of a batch in one JVM.
fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    java_many(setup, &classpath()?, wrap)
}

/// The statements as the `main` of a class `Main`, with the imports they need.
fn wrap(code: &str) -> String {
    format!(
        "import java.io.File;\nimport org.asynchttpclient.*;\nimport org.asynchttpclient.request.body.multipart.*;\n\npublic class Main {{\n  public static void main(String[] args) throws Exception {{\n{code}\n  }}\n}}\n"
    )
}

fn classpath() -> Result<String, String> {
    debian_classpath(JARS).map_err(|jar| {
        format!(
            "{jar} is not in {DEBIAN_JARS} (Debian: libasync-http-client-java and its dependencies; see the README)"
        )
    })
}
