//! Setting a spec's `{{variables}}` and marking its secrets (see [`crate::sample_values`]) before
//! it is checked, so that every rule applies to the values the samples will send.

use crate::diagnostic::PathSegment::{self, Index, Key};
use crate::diagnostic::path_text;
use crate::sample_values::{MAX_SET_BYTES, SampleValues, Unset, holds_marker};
use crate::spec::{
    AuthSpec, BodySpec, FileSpec, KeyLocationSpec, NameValueSpec, PartSpec, RequestSpec,
};

use super::validate::Checker;

/// Where a value goes decides what it may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// A header value or a credential sent in a header: one line, and a secret may go there.
    HeaderLine,
    /// A basic auth credential: encoded by the client, so a secret may go there.
    Credential,
    /// Anything else (URL, query, cookie, body): built into the request as text.
    Text,
}

/// The most bytes the values set in a request may add to it in all (see [`MAX_SET_BYTES`] for
/// one text).
const REQUEST_SET_BYTES: usize = 4 * MAX_SET_BYTES;

/// Sets `values` in every text of `request`, reporting a secret where it cannot go, a variable
/// whose value breaks a header line, and the characters samplegen keeps for secrets.
pub(super) fn set_values(check: &mut Checker, request: &mut RequestSpec, values: &SampleValues) {
    // what the values add to the whole request, bounded as each text's is: one value used in
    // a thousand fields is a thousand copies
    let added = std::cell::Cell::new(0usize);
    let set = |check: &mut Checker, text: &mut String, slot: Slot, path: &[PathSegment]| {
        let shown = path_text(path);
        if holds_marker(text) {
            check.report(
                path,
                format!("{shown}: holds U+E000 or U+E001, which samplegen keeps for secrets"),
            );
            return;
        }
        match values.set(text, slot != Slot::Text) {
            Err(Unset::TooLarge(variable)) => check.report(
                path,
                format!(
                    "{shown}: `{{{{{variable}}}}}`'s value makes it more than {} MiB larger than written (a value that names others copies them at each use)",
                    MAX_SET_BYTES >> 20
                ),
            ),
            Err(Unset::MisplacedSecret(secret)) => check.report(
                path,
                format!(
                    "{shown}: `{{{{{secret}}}}}` is a secret, read from the environment when the sample runs; a secret can go in `auth` or a header value only"
                ),
            ),
            Ok(set) if slot == Slot::HeaderLine && set.contains(['\n', '\r']) && !text.contains(['\n', '\r']) => {
                check.report(
                    path,
                    format!(
                        "{shown}: a variable's value (samplegen.yaml or this spec's `variables`) holds a line break, and a header value is one line"
                    ),
                );
            }
            Ok(set) => {
                let before = added.get();
                added.set(before + set.len().saturating_sub(text.len()));
                if added.get() > REQUEST_SET_BYTES {
                    if before <= REQUEST_SET_BYTES {
                        check.report(
                            path,
                            format!(
                                "{shown}: the values of `variables` make the request more than {} MiB larger than written (a value used in many places is copied to each)",
                                REQUEST_SET_BYTES >> 20
                            ),
                        );
                    }
                    return;
                }
                *text = set;
            }
        }
    };
    let request_path = |rest: &[PathSegment<'static>]| {
        let mut path = vec![Key("request")];
        path.extend_from_slice(rest);
        path
    };

    set(
        check,
        &mut request.url,
        Slot::Text,
        &request_path(&[Key("url")]),
    );
    let lists: [(&'static str, &mut Vec<NameValueSpec>, Slot); 3] = [
        ("query", &mut request.query, Slot::Text),
        ("headers", &mut request.headers, Slot::HeaderLine),
        ("cookies", &mut request.cookies, Slot::Text),
    ];
    for (key, items, slot) in lists {
        for (index, item) in items.iter_mut().enumerate() {
            let path = request_path(&[Key(key), Index(index)]);
            *item = std::mem::take(item)
                .into_iter()
                .map(|(mut name, mut value)| {
                    set(check, &mut name, Slot::Text, &path);
                    if let Some(value) = &mut value {
                        set(check, value, slot, &path);
                    }
                    (name, value)
                })
                .collect();
        }
    }
    if let Some(auth) = &mut request.auth {
        match auth {
            AuthSpec::Basic(basic) => {
                for (key, text) in [
                    ("username", &mut basic.username),
                    ("password", &mut basic.password),
                ] {
                    let path = request_path(&[Key("auth"), Key("basic"), Key(key)]);
                    set(check, text, Slot::Credential, &path);
                }
            }
            AuthSpec::Bearer(token) => {
                let path = request_path(&[Key("auth"), Key("bearer")]);
                set(check, token, Slot::HeaderLine, &path);
            }
            AuthSpec::Apikey(key) => {
                let path = request_path(&[Key("auth"), Key("apikey")]);
                let slot = match key.location {
                    Some(KeyLocationSpec::Query) => Slot::Text,
                    _ => Slot::HeaderLine,
                };
                set(check, &mut key.value, slot, &path);
            }
        }
    }
    if let Some(body) = &mut request.body {
        match body {
            BodySpec::Raw(text) => set(
                check,
                text,
                Slot::Text,
                &request_path(&[Key("body"), Key("raw")]),
            ),
            BodySpec::Urlencoded(fields) => {
                for (index, field) in fields.iter_mut().enumerate() {
                    let path = request_path(&[Key("body"), Key("urlencoded"), Index(index)]);
                    *field = std::mem::take(field)
                        .into_iter()
                        .map(|(mut name, mut value)| {
                            set(check, &mut name, Slot::Text, &path);
                            if let Some(value) = &mut value {
                                set(check, value, Slot::Text, &path);
                            }
                            (name, value)
                        })
                        .collect();
                }
            }
            BodySpec::Formdata(parts) => {
                for (index, part) in parts.iter_mut().enumerate() {
                    let path = request_path(&[Key("body"), Key("formdata"), Index(index)]);
                    for (_, content) in part.iter_mut() {
                        match content {
                            PartSpec::Text(text) => {
                                if let Some(text) = text {
                                    set(check, text, Slot::Text, &path);
                                }
                            }
                            // a file's path too (`@$FILE` imported as `{{FILE}}`)
                            PartSpec::Detailed(detail) => {
                                for text in
                                    [&mut detail.value, &mut detail.file].into_iter().flatten()
                                {
                                    set(check, text, Slot::Text, &path);
                                }
                            }
                        }
                    }
                }
            }
            BodySpec::Graphql(graphql) => {
                let path = request_path(&[Key("body"), Key("graphql")]);
                set(check, &mut graphql.query, Slot::Text, &path);
                if let Some(variables) = &mut graphql.variables {
                    set(check, variables, Slot::Text, &path);
                }
            }
            BodySpec::File(file) => {
                let path = match file {
                    FileSpec::Path(path) => path,
                    FileSpec::Checked(checked) => &mut checked.path,
                };
                set(
                    check,
                    path,
                    Slot::Text,
                    &request_path(&[Key("body"), Key("file")]),
                );
            }
        }
    }
}
