//! Every shape problem of a spec at once: unknown fields (with "did you mean") and missing
//! required ones, found by walking the spec's YAML as plain data against the spec format's field
//! lists. The strict serde reading stops at its first problem; this pass runs when it fails, so
//! that `titel`, `methd` and `hedaers` in one spec are three errors, not one.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, PathSegment, locate, path_text};

/// The fields of one level of the spec format: (name, required).
type Fields = &'static [(&'static str, bool)];

const SPEC: Fields = &[
    ("title", true),
    ("request", true),
    ("response", false),
    ("responses", false),
    ("prose", false),
    ("variables", false),
    ("secrets", false),
    ("auth_style", false),
    ("origin", false),
];
const REQUEST: Fields = &[
    ("method", true),
    ("url", true),
    ("auth", false),
    ("query", false),
    ("headers", false),
    ("cookies", false),
    ("body", false),
];
const RESPONSE: Fields = &[("status", true), ("body", false), ("lang", false)];
const AUTH: Fields = &[("basic", false), ("bearer", false), ("apikey", false)];
const BASIC: Fields = &[("username", true), ("password", false)];
const APIKEY: Fields = &[("name", true), ("value", true), ("in", false)];
const BODY: Fields = &[
    ("raw", false),
    ("urlencoded", false),
    ("formdata", false),
    ("file", false),
    ("graphql", false),
];
const ORIGIN: Fields = &[("openapi", true), ("operation", true)];
const GRAPHQL: Fields = &[("query", true), ("variables", false)];

/// A problem and where it is: the path to the field, then the message.
struct Found<'a> {
    path: Vec<PathSegment<'a>>,
    message: String,
}

/// The shape problems of `source`, each located; none when it is not YAML this pass can read
/// (the strict reading's error says why).
pub fn problems(file: &std::path::Path, source: &str) -> Vec<Diagnostic> {
    let Ok(value) = crate::yaml::from_str::<Value>(source) else {
        return Vec::new();
    };
    use PathSegment::{Index, Key};
    let mut found = Vec::new();
    check(&value, &[], SPEC, &mut found);
    if let Some(request) = value.get("request") {
        check(request, &[Key("request")], REQUEST, &mut found);
        if let Some(auth) = request.get("auth") {
            check(auth, &[Key("request"), Key("auth")], AUTH, &mut found);
            if let Some(basic) = auth.get("basic") {
                let at = [Key("request"), Key("auth"), Key("basic")];
                check(basic, &at, BASIC, &mut found);
            }
            if let Some(apikey) = auth.get("apikey") {
                let at = [Key("request"), Key("auth"), Key("apikey")];
                check(apikey, &at, APIKEY, &mut found);
            }
        }
        if let Some(body) = request.get("body") {
            check(body, &[Key("request"), Key("body")], BODY, &mut found);
            if let Some(graphql) = body.get("graphql") {
                let at = [Key("request"), Key("body"), Key("graphql")];
                check(graphql, &at, GRAPHQL, &mut found);
            }
        }
    }
    if let Some(response) = value.get("response") {
        check(response, &[Key("response")], RESPONSE, &mut found);
    }
    if let Some(Value::Array(responses)) = value.get("responses") {
        for (index, response) in responses.iter().enumerate() {
            check(
                response,
                &[Key("responses"), Index(index)],
                RESPONSE,
                &mut found,
            );
        }
    }
    if let Some(origin) = value.get("origin") {
        check(origin, &[Key("origin")], ORIGIN, &mut found);
    }
    found
        .into_iter()
        .map(|found| {
            let path = found.path;
            match locate(source, &path) {
                Some(location) => Diagnostic::at(file, source, location, found.message),
                None => Diagnostic::new(file, found.message),
            }
        })
        .collect()
}

/// Unknown and missing fields of one map; anything but a map is left to the strict reading.
fn check<'a>(value: &'a Value, at: &[PathSegment<'a>], fields: Fields, found: &mut Vec<Found<'a>>) {
    let Some(map) = value.as_object() else {
        return;
    };
    let place = if at.is_empty() {
        String::new()
    } else {
        format!("{}: ", path_text(at))
    };
    let names = || fields.iter().map(|(name, _)| *name);
    // a missing field that a typo stands for is said once, as the typo
    let mut meant: Vec<&str> = Vec::new();
    for key in map.keys() {
        if !names().any(|name| name == key) {
            let expected: Vec<String> = names().map(|n| format!("`{n}`")).collect();
            let expected = match expected.split_last() {
                Some((last, [])) => format!("expected {last}"),
                Some((last, rest)) if rest.len() == 1 => {
                    format!("expected {} or {last}", rest[0])
                }
                _ => format!("expected one of {}", expected.join(", ")),
            };
            meant.extend(crate::suggest::closest(key, names()));
            let mut path = at.to_vec();
            path.push(PathSegment::Key(key));
            found.push(Found {
                path,
                message: format!(
                    "{place}unknown field `{key}`, {expected}{}",
                    crate::suggest::did_you_mean(key, names())
                ),
            });
        }
    }
    for (name, required) in fields {
        if *required && !map.contains_key(*name) && !meant.contains(name) {
            found.push(Found {
                path: at.to_vec(),
                message: format!("{place}missing field `{name}`"),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn every_typo_of_a_spec_is_reported_where_it_is() {
        let source =
            "titel: t\nrequest:\n  methd: GET\n  url: https://e.com\n  hedaers:\n    - A: b\n";
        let found: Vec<String> = problems(Path::new("s.yaml"), source)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(
            found[0].contains("unknown field `titel`")
                && found[0].contains("did you mean `title`?")
        );
        assert!(found[0].contains("s.yaml:1:1"), "{}", found[0]);
        assert!(
            found
                .iter()
                .any(|f| f.contains("request: unknown field `methd`") && f.contains("s.yaml:3:3"))
        );
        assert!(
            found
                .iter()
                .any(|f| f.contains("request: unknown field `hedaers`")
                    && f.contains("did you mean `headers`?"))
        );
    }

    #[test]
    fn a_missing_field_without_a_typo_is_reported_at_its_map() {
        let source = "title: t\nrequest:\n  url: https://e.com\n";
        let found = problems(Path::new("s.yaml"), source);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .to_string()
                .contains("request: missing field `method`\n --> s.yaml:2:1")
        );
    }

    // the field lists here are a second description of the spec format: they must name exactly
    // the fields the strict reading knows
    #[test]
    fn the_field_lists_match_the_spec_format() {
        let base = "title: t\nrequest:\n  method: GET\n  url: https://e.com\n";
        let cases = [
            format!("zzz: 1\n{base}"),
            format!("{base}  zzz: 1\n"),
            format!("{base}response:\n  status: 200\n  zzz: 1\n"),
            format!("{base}responses:\n  - status: 200\n    zzz: 1\n"),
            format!("{base}  auth:\n    basic:\n      username: u\n      zzz: 1\n"),
            format!("{base}  auth:\n    apikey:\n      name: n\n      value: v\n      zzz: 1\n"),
        ];
        for source in cases {
            let strict = crate::spec::parse(&source).unwrap_err().to_string();
            let ours = problems(Path::new("s.yaml"), &source)[0].to_string();
            let expected = |text: &str| {
                let from = text.find("expected").unwrap_or_else(|| panic!("{text}"));
                let list = text[from..].split(['\n', ';']).next().unwrap();
                list.split(" at line ").next().unwrap().to_string()
            };
            assert_eq!(expected(&ours), expected(&strict), "{source}");
        }
    }

    #[test]
    fn a_well_formed_spec_has_no_shape_problems() {
        let source =
            "title: t\nrequest:\n  method: GET\n  url: https://e.com\n  auth:\n    bearer: x\n";
        assert!(problems(Path::new("s.yaml"), source).is_empty());
    }
}
