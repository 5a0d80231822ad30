//! The raw HTTP/1.1 message, as the house style shows it.

use super::run::Runner;
use super::{Syntax, Target, no_known_gap};

pub const TARGET: Target = Target {
    id: "http",
    language: "HTTP",
    client: "raw HTTP/1.1 message",
    label: "HTTP",
    fence: "http",
    extension: "http",
    house_tab: true,
    template: include_str!("../../templates/http.tera"),
    syntax: Syntax::HttpMessage,
    runner: Runner::RawHttp,
    known_gap: no_known_gap,
};
