//! Python with requests.

use super::run::{BatchSetup, RunSetup, Runner, python_many, python_with};
use super::{Syntax, Target};
use crate::model::{Auth, Request};

pub const TARGET: Target = Target {
    id: "python",
    language: "Python",
    client: "Python with requests",
    label: "Python",
    fence: "python",
    extension: "py",
    house_tab: true,
    template: include_str!("../../templates/python.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_python::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    python_with(setup, "requests", "requests")
}

fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    python_many(setup, "requests", "requests")
}

/// requests encodes the credentials of `auth=` as Latin-1, where every other client sends UTF-8
/// (and refuses a character beyond Latin-1): a sample that passes them so cannot send the
/// spec's bytes. The house style's ready-made header is not affected, and passes.
fn known_gap(request: &Request) -> Option<&'static str> {
    match &request.auth {
        Some(Auth::Basic { username, password })
            if !username.is_ascii() || !password.is_ascii() =>
        {
            Some("requests encodes a basic credential outside ASCII as Latin-1, not UTF-8")
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basic(username: &str, password: &str) -> Request {
        crate::targets::request_of(&format!(
            "title: t\nrequest:\n  method: GET\n  url: https://x.example/\n  auth:\n    basic:\n      username: {username}\n      password: {password}\n"
        ))
    }

    #[test]
    fn only_a_credential_outside_ascii_is_a_known_gap() {
        assert!(known_gap(&basic("zoë", "secret")).is_some());
        assert!(known_gap(&basic("user", "pässwörd")).is_some());
        assert_eq!(known_gap(&basic("user", "secret")), None);
    }
}
