//! What more than one importer needs to say a request as a spec, written once so that the
//! importers agree.

use crate::spec::{AuthSpec, BasicAuthSpec, NameValueSpec};

/// One header, query item, cookie or form field.
pub(super) fn name_value(name: impl Into<String>, value: impl Into<String>) -> NameValueSpec {
    NameValueSpec::from([(name.into(), Some(value.into()))])
}

/// Why `cookies` (names and values) cannot be a spec's `cookies`, as a note says it: the first
/// pair that is no cookie every client sends as written (a token name, and a value without
/// blanks, quotes, `,`, `;` or `\`), such as `-b "$LABEL=$ID"`, whose name is a variable, or a
/// value without a name (`consent`, read with an empty name). `None` when all are cookies.
pub(super) fn unfit_cookie(cookies: &[(String, String)]) -> Option<String> {
    let (name, value) = cookies
        .iter()
        .find(|(name, value)| !crate::model::is_cookie(name, value))?;
    Some(if name.is_empty() {
        format!(
            "`{value}` has no `=`: a cookie without a name, which a spec's `cookies` cannot hold"
        )
    } else {
        format!(
            "`{name}={value}` is no cookie a spec's `cookies` take (a token name, and a value without white space, quotes, `,`, `;` or `\\`)"
        )
    })
}

/// `cookies` as the one `Cookie` header that sends them, `name=value` joined by `; `.
pub(super) fn cookie_header(cookies: &[(String, String)]) -> String {
    cookies
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `item` added to the end of `list` unless it is there already: what a command read, or the
/// names an input uses, in order, each once.
pub(super) fn push_once<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// The names of the `{{variables}}` a text holds, in order, each once.
pub(super) fn variables_in(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    crate::sample_values::map_variables(text, |name| {
        if crate::sample_values::is_variable_name(name) {
            push_once(&mut names, name.to_string());
        }
        None
    });
    names
}

/// Texts as a note lists them: each in a code span, `` `a`, `b` ``.
pub(super) fn in_code_spans(texts: &[String]) -> String {
    texts
        .iter()
        .map(|text| format!("`{text}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A title: `text` on one line, runs of white space as one space.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `url` names no scheme (a leading `{{variable}}` stands for the base URL, scheme and
/// all, unless a port follows it: `{{host}}:8091/pools` names a host): curl and Postman send
/// such a URL over http.
/// (A `://` later in the URL, `?redirect=https://…`, is no scheme.)
pub(super) fn lacks_scheme(url: &str) -> bool {
    let has_scheme = url
        .split_once("://")
        .is_some_and(|(scheme, _)| crate::url::is_scheme(scheme));
    let host_and_port = url.strip_prefix("{{").is_some_and(|rest| {
        rest.split_once("}}").is_some_and(|(name, after)| {
            !name.contains('{')
                && after
                    .strip_prefix(':')
                    .is_some_and(|port| port.starts_with(|c: char| c.is_ascii_digit()))
        })
    });
    !has_scheme && (!url.starts_with("{{") || host_and_port)
}

/// Whether a header value holds a control character HTTP does not allow in one (a tab it does).
pub(super) fn has_control_character(value: &str) -> bool {
    value.chars().any(|c| c.is_control() && c != '\t')
}

/// The note for a header an importer drops because each client sets it itself (`Host`,
/// `Content-Length`, `Connection`…), which a spec may not set; `None` for any other header.
pub(super) fn set_by_clients_note(name: &str) -> Option<String> {
    // an input's `Host` is mostly the URL's; one that is not (a gateway that routes on it, a
    // virtual host at that address) is what the samples cannot send, not a URL to change
    if name.eq_ignore_ascii_case("host") {
        return Some(format!(
            "header `{name}` dropped: each client writes it from the URL's host, and the samples send that; a `Host` other than the URL's (for a gateway or a virtual host at that address) cannot be said in a spec"
        ));
    }
    crate::http::headers::set_by_clients(name).map(|why| format!("header `{name}` dropped: {why}"))
}

pub(super) fn is_content_type(name: &str) -> bool {
    name.eq_ignore_ascii_case("content-type")
}

/// The value of the first `Content-Type` header that has one.
pub(super) fn content_type(headers: &[NameValueSpec]) -> Option<&str> {
    headers.iter().find_map(|header| {
        header
            .iter()
            .find(|(name, _)| is_content_type(name))
            .and_then(|(_, value)| value.as_deref())
    })
}

pub(super) fn has_content_type(headers: &[NameValueSpec]) -> bool {
    headers.iter().any(|h| h.keys().any(|k| is_content_type(k)))
}

pub(super) fn drop_content_type(headers: &mut Vec<NameValueSpec>) {
    headers.retain(|h| !h.keys().any(|k| is_content_type(k)));
}

/// Whether every `%` in `text` starts a `%XX` escape.
pub(super) fn escapes_whole(text: &str) -> bool {
    text.match_indices('%')
        .all(|(at, _)| crate::url::starts_escape(text, at))
}

/// Whether `data` reads as a form a form encoder could have written: `name=value` pairs joined by
/// `&`, each with one `=`, made of letters, digits, `%XX` escapes of UTF-8 text, `{{variables}}`,
/// the punctuation forms carry unescaped (Stripe's `metadata[key]` among it) and spaces (which
/// docs write unencoded: `-d name="Jenny Rosen"`). Only then may an importer take it apart into
/// fields, which the samples encode again (the same fields, perhaps spelled otherwise): JSON,
/// line protocol or text with spaces sent with a form's `Content-Type` are read by the server
/// byte for byte, so they stay the raw body they are.
pub(super) fn reads_as_form(data: &str) -> bool {
    let without_variables = crate::sample_values::map_variables(data, |_| Some(String::new()));
    let data = without_variables.as_str();
    let plain = |b: u8| b.is_ascii_alphanumeric() || b"-._~*+%=&!$'(),:/?@[] ".contains(&b);
    !data.is_empty()
        && data.bytes().all(plain)
        && escapes_whole(data)
        && percent_encoding::percent_decode_str(data)
            .decode_utf8()
            .is_ok()
        && data.split('&').all(|pair| pair.matches('=').count() == 1)
        // a name with a blank is text (`SELECT * FROM t WHERE a=1`), as no form names a field
        && data
            .split('&')
            .all(|pair| !pair.split('=').next().unwrap_or_default().contains(' '))
}

/// One name or value of an `application/x-www-form-urlencoded` text, decoded (`+` is a space).
pub(super) fn form_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// `Basic <base64 of user:password>` or `Bearer <token>` as auth, so that the spec says it as data;
/// only when the auth sends that very header again (`bearer abc`, with the scheme in another
/// case, or two blanks after it, stays a header: the bytes would change).
pub(super) fn auth_from_header(value: &str) -> Option<AuthSpec> {
    use base64::Engine;
    // blanks around a header's value are no part of it (RFC 9110), and a spec holds none
    let (scheme, credentials) = value.trim().split_once(' ')?;
    if credentials != credentials.trim() || credentials.is_empty() {
        return None;
    }
    if scheme == "Basic" {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(credentials.trim())
            .ok()?;
        let decoded = String::from_utf8(decoded).ok()?;
        let (username, password) = decoded.split_once(':')?;
        // only when encoding it again gives the same header
        let again = crate::http::encoding::base64(&decoded);
        (again == credentials.trim()).then(|| {
            AuthSpec::Basic(BasicAuthSpec {
                username: username.to_string(),
                password: password.to_string(),
            })
        })
    } else if scheme == "Bearer" {
        Some(AuthSpec::Bearer(credentials.to_string()))
    } else {
        None
    }
}

/// `text` percent-encoded by `encode`, each `{{name}}` in it kept whole: a variable's value is
/// what is encoded, and the samples write it where the variable is.
pub(super) fn encoded_keeping_variables(text: &str, encode: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(length) = rest[start + 2..].find("}}") else {
            break;
        };
        let name = &rest[start + 2..start + 2 + length];
        if !crate::sample_values::is_variable_name(name) {
            out.push_str(&encode(&rest[..start + 2]));
            rest = &rest[start + 2..];
            continue;
        }
        out.push_str(&encode(&rest[..start]));
        out.push_str(&rest[start..start + 4 + length]);
        rest = &rest[start + 4 + length..];
    }
    out.push_str(&encode(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_lacks_a_scheme_unless_a_variable_may_hold_it() {
        assert!(lacks_scheme("localhost:8091/x"));
        assert!(lacks_scheme("{{host}}:8091/pools"));
        assert!(!lacks_scheme("{{baseUrl}}/x"));
        assert!(!lacks_scheme("{{baseUrl}}:{{port}}/x"));
        assert!(!lacks_scheme("https://e.com/?r=http://x"));
        assert!(lacks_scheme("e.com/?r=http://x"));
    }

    #[test]
    fn an_auth_header_is_auth_only_when_the_auth_sends_it_byte_for_byte() {
        for value in ["Bearer abc", " Bearer abc\t"] {
            assert!(matches!(auth_from_header(value), Some(AuthSpec::Bearer(t)) if t == "abc"));
        }
        assert!(matches!(
            auth_from_header("Basic dXNlcjpwYXNz"),
            Some(AuthSpec::Basic(BasicAuthSpec { username, password })) if username == "user" && password == "pass"
        ));
        // another case, another blank, or base64 that encodes otherwise: a header as written
        for value in [
            "bearer abc",
            "BEARER abc",
            "Bearer  abc",
            "Bearer ",
            "basic dXNlcjpwYXNz",
            "Basic dXNlcjpwYXNz=",
        ] {
            assert!(auth_from_header(value).is_none(), "{value:?}");
        }
    }
}
