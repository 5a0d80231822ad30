//! Setting a spec's `{{variables}}` and marking its secrets (see [`crate::sample_values`]) before
//! it is checked, so that every rule applies to the values the samples will send.

use crate::diagnostic::PathSegment::{self, Index, Key};
use crate::diagnostic::path_text;
use crate::sample_values::{MAX_SET_BYTES, SampleValues, Unset, holds_marker};
use crate::spec::{
    AuthSpec, BodySpec, FileSpec, KeyLocationSpec, NameValueSpec, PartSpec, RequestSpec,
};
use crate::url::{Url, escaped};

use super::validate::Checker;

/// Where a value goes decides what it may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// A header value or a credential sent in a header: one line, and a secret may go there.
    HeaderLine,
    /// A basic auth credential: encoded by the client, so a secret may go there.
    Credential,
    /// The URL: a value is encoded for where it is set (see [`set_in_url`]).
    Url,
    /// A `query` item's name or value: a value set in it is encoded so that it stays in it.
    QueryName,
    QueryValue,
    /// Anything else (cookie, body, an API key sent in the query): built into the request as
    /// text.
    Text,
}

/// The parts of a URL as written, by what a value set in each must not hold raw: the scheme
/// and authority (and a base URL variable written first) as they are; the path, where `?` and
/// `#` would end it; the query, where `&` would start another item and `#` end it; the
/// fragment. Postman encodes a variable's value so once it is set, and so a request sends
/// `color=%23ff0000` for `color={{color}}` with `color` set to `#ff0000`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UrlPart {
    Base,
    Path,
    Query,
    Fragment,
}

impl UrlPart {
    fn encode(self) -> fn(String) -> String {
        match self {
            UrlPart::Base | UrlPart::Fragment => |value| value,
            UrlPart::Path => |value| escaped(&value, &['#', '?']),
            UrlPart::Query => |value| escaped(&value, &['#', '&']),
        }
    }
}

/// `url` cut into its parts (see [`UrlPart`]) as [`Url::parse`] reads it: the base before the
/// path (a variable first, `{{baseUrl}}/v1`, is the base), the path, the query with its `?`, the
/// fragment with its `#`.
fn url_parts(url: &str) -> [(UrlPart, &str); 4] {
    let parsed = Url::parse(url);
    let path = parsed.base().len();
    let query = path + parsed.path.len();
    let fragment = query + parsed.query.as_ref().map_or(0, |q| q.len() + 1);
    [
        (UrlPart::Base, &url[..path]),
        (UrlPart::Path, &url[path..query]),
        (UrlPart::Query, &url[query..fragment]),
        (UrlPart::Fragment, &url[fragment..]),
    ]
}

/// `url` with its values set, each encoded for the part of the URL it is set in.
pub(crate) fn set_in_url(values: &SampleValues, url: &str) -> Result<String, Unset> {
    // (every spec of the house style, which sets nothing, is read without parsing its URL)
    if values.sets_nothing() {
        return Ok(url.to_string());
    }
    let mut set = String::with_capacity(url.len());
    for (part, text) in url_parts(url) {
        set.push_str(&values.set_encoded(text, false, part.encode())?);
    }
    Ok(set)
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
        let set = match slot {
            Slot::Url => set_in_url(values, text),
            Slot::QueryName => values.set_encoded(text, false, |v| escaped(&v, &['#', '&', '='])),
            Slot::QueryValue => values.set_encoded(text, false, |v| escaped(&v, &['#', '&'])),
            Slot::HeaderLine | Slot::Credential => values.set(text, true),
            Slot::Text => values.set(text, false),
        };
        match set {
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
        Slot::Url,
        &request_path(&[Key("url")]),
    );
    let lists: [(&'static str, &mut Vec<NameValueSpec>, Slot, Slot); 3] = [
        (
            "query",
            &mut request.query,
            Slot::QueryName,
            Slot::QueryValue,
        ),
        (
            "headers",
            &mut request.headers,
            Slot::Text,
            Slot::HeaderLine,
        ),
        ("cookies", &mut request.cookies, Slot::Text, Slot::Text),
    ];
    for (key, items, name_slot, slot) in lists {
        for (index, item) in items.iter_mut().enumerate() {
            let path = request_path(&[Key(key), Index(index)]);
            *item = std::mem::take(item)
                .into_iter()
                .map(|(mut name, mut value)| {
                    set(check, &mut name, name_slot, &path);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> SampleValues {
        SampleValues {
            variables: pairs
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect(),
            ..SampleValues::default()
        }
    }

    #[test]
    fn a_url_is_cut_where_its_parts_start() {
        let parts = |url| {
            url_parts(url)
                .into_iter()
                .filter(|(_, text)| !text.is_empty())
                .map(|(part, text)| format!("{part:?}:{text}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            parts("https://{{host}}/a/{{b}}?c={{d}}&e#{{f}}"),
            [
                "Base:https://{{host}}",
                "Path:/a/{{b}}",
                "Query:?c={{d}}&e",
                "Fragment:#{{f}}"
            ]
        );
        // a variable first holds the base; a `://` in the query is no scheme's
        assert_eq!(
            parts("{{baseUrl}}/cb?to=https://e.com/x"),
            ["Base:{{baseUrl}}", "Path:/cb", "Query:?to=https://e.com/x"]
        );
        assert_eq!(
            parts("https://e.com#top"),
            ["Base:https://e.com", "Fragment:#top"]
        );
        assert_eq!(parts("https://e.com?q"), ["Base:https://e.com", "Query:?q"]);
        assert_eq!(
            parts("localhost:8080/a"),
            ["Base:localhost:8080", "Path:/a"]
        );
        // a variable right after the port starts the path, as the samples read the URL
        assert_eq!(
            parts("http://localhost:8080{{realm}}/x"),
            ["Base:http://localhost:8080", "Path:{{realm}}/x"]
        );
    }

    // Postman sends a variable's `#`, `&` and `?` encoded where they would change the URL
    #[test]
    fn a_value_set_in_a_url_stays_in_its_part() {
        let values = values(&[
            ("base", "https://e.com/v1?x=1"),
            ("color", "#ff0000"),
            ("redirect", "https://app.com/cb?state=1&mode=x"),
            ("pw", "p#ss&w=rd?"),
            ("both", "{{color}}&{{pw}}"),
        ]);
        let set = |url: &str| set_in_url(&values, url).unwrap();
        assert_eq!(
            set("https://e.com/paint?color={{color}}&size=2"),
            "https://e.com/paint?color=%23ff0000&size=2"
        );
        assert_eq!(
            set("https://e.com/a?redirect_uri={{redirect}}&id=1"),
            "https://e.com/a?redirect_uri=https://app.com/cb?state=1%26mode=x&id=1"
        );
        assert_eq!(
            set("https://e.com/users/{{pw}}/x"),
            "https://e.com/users/p%23ss&w=rd%3F/x"
        );
        // a value naming others is encoded once, as a whole
        assert_eq!(
            set("https://e.com/?v={{both}}"),
            "https://e.com/?v=%23ff0000%26p%23ss%26w=rd?"
        );
        // what is no variable's name stays as written, whatever part it falls in
        assert_eq!(set("{{a/b?c#d}}"), "{{a/b?c#d}}");
        // the base and the fragment as they are
        assert_eq!(set("{{base}}/items"), "https://e.com/v1?x=1/items");
        assert_eq!(
            set("https://e.com/#{{redirect}}"),
            "https://e.com/#https://app.com/cb?state=1&mode=x"
        );
    }

    #[test]
    fn a_value_set_in_a_query_item_stays_in_it() {
        let source = "title: t\nrequest:\n  method: GET\n  url: https://e.com/a\n  query:\n    - \"{{v}}\": \"{{v}}\"\n";
        let spec = crate::spec::parse(source).unwrap();
        let id =
            super::super::PageId::from_relative_path(std::path::Path::new("m/e.yaml")).unwrap();
        let endpoint = super::super::validate_with(
            spec,
            id,
            std::path::Path::new("specs/m/e.yaml"),
            source,
            &values(&[("v", "a&b=c#d")]),
        )
        .unwrap();
        assert_eq!(
            endpoint.request.url.raw,
            "https://e.com/a?a%26b%3Dc%23d=a%26b=c%23d"
        );
    }
}
