//! Whether what the echo server received is the request a spec describes: method exact; path;
//! query as ordered decoded pairs; headers case-insensitively (the spec's present with their
//! values, those clients add by themselves ignored, any other a difference); Content-Type by media
//! type; the body by mode (form fields decoded, JSON by value, multipart part by part, the rest
//! byte for byte).

use percent_encoding::percent_decode_str;

use super::live::file_contents;
use super::server::Received;
use crate::filters::json::{self, Json};
use crate::http::multipart::{PartHead, parameter};
use crate::http::{is_json, media_type};
use crate::model::{Body, PartContent, Request};

/// Headers clients add by themselves, ignored unless the spec names them.
const ADDED_BY_CLIENTS: &[&str] = &[
    "host",
    "user-agent",
    "accept",
    "accept-encoding",
    "accept-language",
    "connection",
    "content-length",
    "transfer-encoding",
    "expect",
    "keep-alive",
    "te",
    "x-requested-with",
    "referer",
    // the Fetch standard's request mode, which browsers and Node's fetch add to every request
    "sec-fetch-mode",
    // the upgrade to HTTP/2 over plain HTTP that Java's HttpClient offers on every request
    "upgrade",
    "http2-settings",
];

/// `Ok` when `received` is the request `expected` describes, or the first difference.
pub fn compare(expected: &Request, received: &[Received]) -> Result<(), String> {
    let got = match received {
        [one] => one,
        [] => return Err("no request arrived".into()),
        many => {
            return Err(format!(
                "{} requests arrived: {}",
                many.len(),
                many.iter()
                    .map(|r| format!("{} {}", r.method, r.target))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    };
    if got.method != expected.method {
        return Err(format!(
            "method: expected {}, received {}",
            expected.method, got.method
        ));
    }

    let (got_path, got_query) = split_target(&got.target);
    let want_path = if expected.url.path.is_empty() {
        "/"
    } else {
        expected.url.path.as_str()
    };
    if decode(got_path) != decode(want_path) {
        return Err(format!("path: expected {want_path}, received {got_path}"));
    }
    let want_query = query_pairs(expected.url.query.as_deref());
    let got_query = query_pairs(got_query);
    if want_query != got_query {
        return Err(format!(
            "query: expected {want_query:?}, received {got_query:?}"
        ));
    }

    compare_headers(expected, got)?;
    compare_body(expected, got)
}

fn split_target(target: &str) -> (&str, Option<&str>) {
    let target = target.split('#').next().unwrap_or(target);
    match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    }
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Form decoding: `+` is a space, then percent-decoding.
fn form_decode(s: &str) -> String {
    decode(&s.replace('+', " "))
}

/// A query or form body as ordered, decoded pairs; a bare `flag` has no value.
fn query_pairs(query: Option<&str>) -> Vec<(String, Option<String>)> {
    let Some(query) = query else {
        return Vec::new();
    };
    if query.is_empty() {
        return Vec::new();
    }
    query
        .split('&')
        .map(|item| match item.split_once('=') {
            Some((k, v)) => (form_decode(k), Some(form_decode(v))),
            None => (form_decode(item), None),
        })
        .collect()
}

/// The items of a header value, for comparing values a client may have joined or split.
fn items(name: &str, values: &[&str]) -> Vec<String> {
    let separator = if name.eq_ignore_ascii_case("cookie") {
        ';'
    } else {
        ','
    };
    values
        .iter()
        .flat_map(|v| v.split(separator))
        .map(|item| item.trim().to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

fn compare_headers(expected: &Request, got: &Received) -> Result<(), String> {
    let sent = expected.headers_with_auth();
    let mut names: Vec<String> = Vec::new();
    for header in &sent {
        let lower = header.name.to_ascii_lowercase();
        if !names.contains(&lower) {
            names.push(lower);
        }
    }
    let multipart = matches!(expected.body, Some(Body::Formdata { .. }));
    for name in &names {
        let want: Vec<&str> = sent
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
            .collect();
        let received = got.header_values(name);
        if received.is_empty() {
            return Err(format!("header {name}: expected {want:?}, not received"));
        }
        let same = if name == "content-type" {
            media_type(want[want.len() - 1]) == media_type(received[received.len() - 1])
        } else {
            items(name, &want) == items(name, &received)
        };
        if !same {
            return Err(format!(
                "header {name}: expected {want:?}, received {received:?}"
            ));
        }
    }
    for (name, value) in &got.headers {
        let lower = name.to_ascii_lowercase();
        let expected_here = names.contains(&lower)
            || ADDED_BY_CLIENTS.contains(&lower.as_str())
            || (lower == "content-type" && multipart);
        if !expected_here {
            return Err(format!(
                "header {name}: not in the spec, received {value:?}"
            ));
        }
    }
    Ok(())
}

fn compare_body(expected: &Request, got: &Received) -> Result<(), String> {
    let body = match &expected.body {
        None => {
            return if got.body.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "body: expected none, received {} bytes",
                    got.body.len()
                ))
            };
        }
        Some(body) => body,
    };
    let received = String::from_utf8_lossy(&got.body);
    match body {
        Body::Raw { text } => {
            let json = expected
                .content_type()
                .map(media_type)
                .is_some_and(|m| is_json(&m));
            if json
                && let (Some(a), Some(b)) = (
                    json::parse_reprintable(text),
                    json::parse_reprintable(&received),
                )
            {
                return if json_equal(&a, &b) {
                    Ok(())
                } else {
                    Err(format!(
                        "body: expected the JSON {text:?}, received {received:?}"
                    ))
                };
            }
            same_bytes(text.as_bytes(), &got.body)
        }
        Body::Graphql { json: text, .. } => match (
            json::parse_reprintable(text),
            json::parse_reprintable(&received),
        ) {
            (Some(a), Some(b)) if json_equal(&a, &b) => Ok(()),
            _ => Err(format!(
                "body: expected the JSON {text:?}, received {received:?}"
            )),
        },
        Body::File { file_name, .. } => same_bytes(file_contents(file_name).as_bytes(), &got.body),
        Body::Urlencoded { fields } => {
            let want: Vec<(String, Option<String>)> = fields
                .iter()
                .map(|f| (f.name.clone(), Some(f.value.clone())))
                .collect();
            let got_fields = query_pairs(Some(&received));
            // `=value` with no name is sent by some clients as just `value`
            if want == got_fields {
                Ok(())
            } else {
                Err(format!("form: expected {want:?}, received {got_fields:?}"))
            }
        }
        Body::Formdata { parts } => compare_parts(parts, got),
    }
}

fn same_bytes(want: &[u8], got: &[u8]) -> Result<(), String> {
    if want == got {
        return Ok(());
    }
    let at = want.iter().zip(got).take_while(|(a, b)| a == b).count();
    Err(format!(
        "body: differs at byte {at}: expected {:?}, received {:?}",
        String::from_utf8_lossy(&want[at..want.len().min(at + 40)]),
        String::from_utf8_lossy(&got[at..got.len().min(at + 40)])
    ))
}

/// JSON values equal as JSON: objects regardless of member order, numbers as doubles.
fn json_equal(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equal(a, b))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.iter().any(|(l, w)| k == l && json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// One part of a received multipart body.
#[derive(Debug)]
struct ReceivedPart {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    data: Vec<u8>,
}

/// Multipart bodies compare part by part, in any order (RestSharp, for one, sends file parts
/// first): each expected part must match one received part, and no part may be left over.
fn compare_parts(parts: &[crate::model::Part], got: &Received) -> Result<(), String> {
    let content_type = got
        .header_values("content-type")
        .last()
        .copied()
        .unwrap_or_default()
        .to_string();
    let Some(boundary) = parameter(&content_type, "boundary") else {
        return Err(format!(
            "body: expected multipart/form-data, received Content-Type {content_type:?}"
        ));
    };
    let mut received = parse_multipart(&got.body, &boundary)?;
    for part in parts {
        let position = received.iter().position(|r| {
            if r.name != part.name {
                return false;
            }
            let type_matches = |want: Option<&str>, default_ok: bool| match (want, &r.content_type)
            {
                (Some(want), Some(got)) => media_type(want) == media_type(got),
                (Some(_), None) => false,
                (None, None) => true,
                (None, Some(got)) => default_ok || media_type(got) == "text/plain",
            };
            match &part.content {
                PartContent::Text { value } => {
                    r.file_name.is_none()
                        && r.data == value.as_bytes()
                        && type_matches(part.content_type.as_deref(), false)
                }
                PartContent::File { file_name, .. } => {
                    r.file_name.as_deref() == Some(file_name.as_str())
                        && r.data == file_contents(file_name).as_bytes()
                        && type_matches(part.content_type.as_deref(), true)
                }
            }
        });
        match position {
            Some(index) => {
                received.remove(index);
            }
            None => {
                return Err(format!(
                    "multipart: no received part matches {} ({:?}); received {:?}",
                    part.name,
                    part.content,
                    received
                        .iter()
                        .map(|r| format!(
                            "{}={:?} ({:?})",
                            r.name,
                            String::from_utf8_lossy(&r.data),
                            r.content_type
                        ))
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    if let Some(extra) = received.first() {
        return Err(format!(
            "multipart: an extra part {} was received",
            extra.name
        ));
    }
    Ok(())
}

fn parse_multipart(body: &[u8], boundary: &str) -> Result<Vec<ReceivedPart>, String> {
    let delimiter = format!("--{boundary}");
    let text = body;
    let mut parts = Vec::new();
    let positions: Vec<usize> = find_all(text, delimiter.as_bytes());
    for window in positions.windows(2) {
        let start = window[0] + delimiter.len();
        let end = window[1];
        let mut chunk = &text[start..end];
        chunk = chunk.strip_prefix(b"\r\n").unwrap_or(chunk);
        chunk = chunk.strip_suffix(b"\r\n").unwrap_or(chunk);
        let split = find_all(chunk, b"\r\n\r\n")
            .first()
            .copied()
            .ok_or("multipart: a part without headers")?;
        let head = String::from_utf8_lossy(&chunk[..split]);
        let head = PartHead::read(head.split("\r\n"));
        parts.push(ReceivedPart {
            name: head.name.unwrap_or_default(),
            file_name: head.file_name,
            content_type: head.content_type,
            data: chunk[split + 4..].to_vec(),
        });
    }
    Ok(parts)
}

fn find_all(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return Vec::new();
    }
    (0..=haystack.len() - needle.len())
        .filter(|&i| &haystack[i..i + needle.len()] == needle)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{self, PageId};
    use std::path::Path;

    fn request(source: &str) -> Request {
        let spec = crate::spec::parse(source).unwrap();
        let id = PageId {
            module: "m".into(),
            page: "p".into(),
        };
        model::validate(spec, id, Path::new("s.yaml"), source)
            .unwrap()
            .request
    }

    fn received(method: &str, target: &str, headers: &[(&str, &str)], body: &str) -> Received {
        Received {
            method: method.into(),
            target: target.into(),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            body: body.as_bytes().to_vec(),
        }
    }

    const FORM: &str = "title: t\nrequest:\n  method: POST\n  url: http://h/a b?x=1&flag\n  auth:\n    bearer: tok\n  headers:\n    - X-Tag: one\n    - X-Tag: two\n  body:\n    urlencoded:\n      - a: 1+1\n      - a: c&d\n";

    #[test]
    fn the_same_request_in_other_encodings_matches() {
        let got = received(
            "POST",
            "/a%20b?x=1&flag",
            &[
                ("Host", "h"),
                ("Authorization", "Bearer tok"),
                ("x-tag", "one, two"),
                (
                    "Content-Type",
                    "application/x-www-form-urlencoded; charset=utf-8",
                ),
                ("User-Agent", "curl"),
            ],
            "a=1%2B1&a=c%26d",
        );
        assert_eq!(compare(&request(FORM), &[got]), Ok(()));
    }

    #[test]
    fn differences_are_named() {
        let base = |target: &str, extra: &[(&str, &str)], body: &str| {
            let mut headers = vec![
                ("Authorization", "Bearer tok"),
                ("X-Tag", "one"),
                ("X-Tag", "two"),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ];
            headers.extend_from_slice(extra);
            compare(&request(FORM), &[received("POST", target, &headers, body)])
        };
        assert!(
            base("/a%20b?x=1&flag=", &[], "a=1%2B1&a=c%26d")
                .unwrap_err()
                .starts_with("query:")
        );
        assert!(
            base("/a%20b?x=1&flag", &[], "a=1+1&a=c%26d")
                .unwrap_err()
                .starts_with("form:")
        );
        assert!(
            base("/a%20b?x=1&flag", &[("X-Extra", "1")], "a=1%2B1&a=c%26d")
                .unwrap_err()
                .contains("X-Extra: not in the spec")
        );
        assert_eq!(
            compare(&request(FORM), &[]),
            Err("no request arrived".into())
        );
    }

    #[test]
    fn json_bodies_compare_by_value() {
        let spec = "title: t\nrequest:\n  method: PUT\n  url: http://h/\n  headers:\n    - Content-Type: application/json\n  body:\n    raw: '{\"a\": 1.50, \"b\": [true]}'\n";
        let got = received(
            "PUT",
            "/",
            &[("Content-Type", "application/json")],
            "{\"b\":[true],\"a\":1.5}",
        );
        assert_eq!(compare(&request(spec), &[got]), Ok(()));
        let got = received(
            "PUT",
            "/",
            &[("Content-Type", "application/json")],
            "{\"b\":[false],\"a\":1.5}",
        );
        assert!(compare(&request(spec), &[got]).is_err());
    }
}
