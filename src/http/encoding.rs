//! Encodings shared by several targets: percent-encoding of URL and form components, base64.

use base64::Engine;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// What JavaScript's `encodeURIComponent` encodes: everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// The house style's query re-encoding: `encodeURIComponent`, except that `{` `}` `[` `]` `+` and
/// `%` are kept (variables, already-encoded values and `+` survive) and `'` is encoded.
const QUERY_COMPONENT: &AsciiSet = &URI_COMPONENT
    .remove(b'{')
    .remove(b'}')
    .remove(b'[')
    .remove(b']')
    .remove(b'+')
    .remove(b'%')
    .add(b'\'');

/// The fewest characters a form value written into a body by hand must have encoded so that a
/// form decoder reads back the same value: the separators `&` `=` `;`, `+` (decoded as a space),
/// `%` (starts an escape), and control characters (tabs and line breaks among them). A space
/// stays: every form decoder (WHATWG's, Java's `URLDecoder`, Go's, Python's, Rack's, PHP's)
/// reads it as the space it is, and the house style writes `scope=openid profile` so.
const FORM_MINIMAL: &AsciiSet = &percent_encoding::CONTROLS
    .add(b'&')
    .add(b'=')
    .add(b';')
    .add(b'+')
    .add(b'%');

/// What curl's `curl_easy_escape` (and so `--data-urlencode` and `{{name:url}}`) encodes:
/// everything but RFC 3986's unreserved `A-Z a-z 0-9 - . _ ~`.
const CURL_ESCAPE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `s` as curl's `curl_easy_escape` writes it: `a b!` as `a%20b%21`.
pub fn curl_escape(s: &str) -> String {
    utf8_percent_encode(s, CURL_ESCAPE).to_string()
}

/// JavaScript's `encodeURIComponent`.
pub fn uri_component(s: &str) -> String {
    utf8_percent_encode(s, URI_COMPONENT).to_string()
}

/// A query key or value as curl, Go and Swift samples write it (see [`QUERY_COMPONENT`]).
pub fn encode_query_component(s: &str) -> String {
    utf8_percent_encode(s, QUERY_COMPONENT).to_string()
}

/// A form key or value with only the characters encoded that would change what a form decoder
/// reads (see [`FORM_MINIMAL`]); everything else, `{{variables}}` and URLs included, stays legible.
pub fn form_component_minimal(s: &str) -> String {
    utf8_percent_encode(s, FORM_MINIMAL).to_string()
}

/// A form body as clients send it: `name=value` pairs joined with `&`, both sides
/// [`uri_component`]-encoded.
pub fn form_urlencoded(fields: &[(&str, &str)]) -> String {
    join_pairs(fields, uri_component)
}

/// A form body written with [`form_component_minimal`], for samples that put the body text in the
/// code as it is (Java): the house style's legible text, made correct.
pub fn form_urlencoded_minimal(fields: &[(&str, &str)]) -> String {
    join_pairs(fields, form_component_minimal)
}

fn join_pairs(fields: &[(&str, &str)], encode: fn(&str) -> String) -> String {
    fields
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Standard base64 with padding, of the UTF-8 bytes of `s`.
pub fn base64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use percent_encoding::percent_decode_str;

    fn decode(s: &str) -> String {
        percent_decode_str(s).decode_utf8().unwrap().into_owned()
    }

    const NASTY: &[&str] = &[
        "",
        "plain",
        "a b&c=d+e%f#g",
        "{{var}}",
        "https://www.google.com/?q=1",
        "quote'\"back\\slash",
        "caf\u{e9} \u{1F600} \u{65e5}\u{672c}",
        "tab\tnew\nline\rcr",
        "$HOME `x` #{y} \\(z)",
    ];

    #[test]
    fn uri_component_matches_javascript() {
        assert_eq!(
            uri_component("https://www.google.com"),
            "https%3A%2F%2Fwww.google.com"
        );
        assert_eq!(uri_component("{{authCode}}"), "%7B%7BauthCode%7D%7D");
        assert_eq!(uri_component("a-_.!~*'()z"), "a-_.!~*'()z");
        assert_eq!(uri_component("caf\u{e9}"), "caf%C3%A9");
        for s in NASTY {
            assert_eq!(decode(&uri_component(s)), *s);
        }
    }

    #[test]
    fn query_component_keeps_variables_and_escapes() {
        assert_eq!(encode_query_component("{{id}}"), "{{id}}");
        assert_eq!(encode_query_component("urn%3Ali"), "urn%3Ali");
        assert_eq!(encode_query_component("a+b [1]"), "a+b%20[1]");
        assert_eq!(encode_query_component("O'Brien"), "O%27Brien");
        assert_eq!(
            encode_query_component("name eq \"x\""),
            "name%20eq%20%22x%22"
        );
    }

    #[test]
    fn minimal_form_encoding_round_trips() {
        // a form value with `&` must stay one value
        assert_eq!(form_component_minimal("a&b=c"), "a%26b%3Dc");
        assert_eq!(form_component_minimal("1+1 = 2%"), "1%2B1 %3D 2%25");
        // a space reads back as itself; a tab or a line break is encoded
        assert_eq!(form_component_minimal("openid profile"), "openid profile");
        assert_eq!(form_component_minimal("a\tb\nc"), "a%09b%0Ac");
        assert_eq!(
            form_component_minimal("https://www.google.com"),
            "https://www.google.com"
        );
        assert_eq!(form_component_minimal("{{authCode}}"), "{{authCode}}");
        for s in NASTY {
            assert_eq!(decode(&form_component_minimal(s)), *s);
        }
    }

    #[test]
    fn form_bodies() {
        let fields = [
            ("grant_type", "authorization_code"),
            ("code", "{{authCode}}"),
            ("redirect_uri", "https://www.google.com"),
        ];
        assert_eq!(
            form_urlencoded(&fields),
            "grant_type=authorization_code&code=%7B%7BauthCode%7D%7D&redirect_uri=https%3A%2F%2Fwww.google.com"
        );
        assert_eq!(
            form_urlencoded_minimal(&fields),
            "grant_type=authorization_code&code={{authCode}}&redirect_uri=https://www.google.com"
        );
        assert_eq!(
            form_urlencoded_minimal(&[("a", "1&b=2"), ("a", "")]),
            "a=1%26b%3D2&a="
        );
        assert_eq!(form_urlencoded(&[]), "");
    }

    #[test]
    fn base64_of_variables_is_literal() {
        assert_eq!(
            base64("{{passwordlessAppID}}:{{passwordlessAppSecret}}"),
            "e3twYXNzd29yZGxlc3NBcHBJRH19Ont7cGFzc3dvcmRsZXNzQXBwU2VjcmV0fX0="
        );
        assert_eq!(base64(""), "");
    }
}
