//! JavaScript string literals, for the jQuery and NodeJS samples, and the parts of a URL's
//! authority that NodeJS's `http.request` options take.

use super::{c_family_literal, json_control, lost_on_a_page, quote_with};
use crate::sample_values::{Piece, pieces};

/// A double-quoted JavaScript string literal, written as `JSON.stringify` writes a string (so it
/// is also a JSON string), except that DEL and the C1 controls are escaped too.
pub fn js_string(s: &str) -> String {
    c_family_literal(s, '"', json_control)
}

/// A single-quoted JavaScript string literal `'…'`, the NodeJS sample's quoting. As in the house
/// style, only what would end or change the literal is escaped (`\\`, `'`, LF, CR), and the
/// control characters a page cannot carry (`\x01`); a tab is valid as it is.
pub fn js_single_string(s: &str) -> String {
    quote_with(s, '\'', |c| match c {
        '\\' => Some(r"\\".into()),
        '\'' => Some(r"\'".into()),
        '\n' => Some(r"\n".into()),
        '\r' => Some(r"\r".into()),
        c if lost_on_a_page(c) => Some(format!("\\x{:02x}", c as u32).into()),
        _ => None,
    })
}

/// Whether `btoa(text)` encodes `text` as its UTF-8 bytes, as every other client sends basic
/// credentials: `btoa` takes one byte per character (throwing above U+00FF, and U+0080–U+00FF
/// as Latin-1), so only ASCII text. A secret counts as ASCII: its value is known only when the
/// sample runs, and keys and tokens are ASCII.
pub fn btoa_safe(text: &str) -> bool {
    pieces(text).iter().all(|piece| match piece {
        Piece::Text(text) => text.is_ascii(),
        Piece::Secret(_) => true,
    })
}

/// The host of an authority `host[:port]`, as the `hostname` option of NodeJS's `http.request`
/// takes it: an IPv6 address without its brackets.
pub fn node_hostname(authority: &str) -> String {
    let (host, _) = split_authority(authority);
    host.strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host)
        .to_string()
}

/// The port of an authority `host[:port]` as a JavaScript expression for the `port` option of
/// NodeJS's `http.request`: a number when it is one, else a string literal (a `{{variable}}`);
/// empty when there is no port.
pub fn node_port(authority: &str) -> String {
    match split_authority(authority).1 {
        Some(port) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => port
            .parse::<u32>()
            .map_or_else(|_| js_single_string(port), |n| n.to_string()),
        Some(port) => js_single_string(port),
        None => String::new(),
    }
}

/// `host[:port]` cut at the port's `:`, the last one outside an IPv6 address's brackets and
/// outside a `{{variable}}`.
fn split_authority(authority: &str) -> (&str, Option<&str>) {
    let mut colon = None;
    let (mut in_variable, mut in_brackets) = (false, false);
    for (index, c) in authority.char_indices() {
        let rest = &authority[index..];
        if !in_variable && rest.starts_with("{{") && rest[2..].contains("}}") {
            in_variable = true;
        } else if in_variable && rest.starts_with("}}") {
            in_variable = false;
        } else if !in_variable {
            match c {
                '[' => in_brackets = true,
                ']' => in_brackets = false,
                ':' if !in_brackets => colon = Some(index),
                _ => {}
            }
        }
    }
    match colon {
        Some(colon) => (&authority[..colon], Some(&authority[colon + 1..])),
        None => (authority, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn btoa_is_safe_for_ascii_and_secrets_only() {
        use crate::sample_values::marker;
        assert!(btoa_safe(""));
        assert!(btoa_safe("user:p@ss word~\u{7f}"));
        assert!(btoa_safe(&marker("API_KEY")));
        assert!(btoa_safe(&format!("sk_{}", marker("API_KEY"))));
        // Latin-1 would be sent as Latin-1, the rest would throw
        assert!(!btoa_safe("w\u{f6}rd"));
        assert!(!btoa_safe("\u{2713}"));
        assert!(!btoa_safe(&format!("{}\u{e9}", marker("API_KEY"))));
    }

    #[test]
    fn double_quoted_matches_json_stringify() {
        assert_eq!(
            js_string("line1\nline2 \"q\" 'a'"),
            r#""line1\nline2 \"q\" 'a'""#
        );
        assert_eq!(js_string("\u{1b}\\"), r#""\u001b\\""#);
        assert_eq!(js_string("${x} `y` \u{2028}"), "\"${x} `y` \u{2028}\"");
        for s in [
            "",
            "a\"b",
            "\u{0}\u{1f}\u{7f}",
            "caf\u{e9} \u{1F600}",
            "\\u0041",
        ] {
            let decoded: String = serde_json::from_str(&js_string(s)).unwrap();
            assert_eq!(decoded, s);
        }
    }

    proptest::proptest! {
        /// Host and port come back apart from any authority samplegen can hold.
        #[test]
        fn authority_reads_back(host in "[a-z0-9.{}-]{1,20}|\\[[0-9a-f:]{2,12}\\]", port in proptest::option::of(0u32..65536)) {
            let authority = match port {
                Some(port) => format!("{host}:{port}"),
                None => host.clone(),
            };
            let bare = host.trim_start_matches('[').trim_end_matches(']');
            proptest::prop_assert_eq!(node_hostname(&authority), bare);
            proptest::prop_assert_eq!(node_port(&authority), port.map(|p| p.to_string()).unwrap_or_default());
        }
    }

    #[test]
    fn authority_cut_for_node_options() {
        assert_eq!(node_hostname("api.example.com"), "api.example.com");
        assert_eq!(node_port("api.example.com"), "");
        assert_eq!(node_hostname("localhost:8080"), "localhost");
        assert_eq!(node_port("localhost:8080"), "8080");
        assert_eq!(node_port("localhost:{{port}}"), "'{{port}}'");
        assert_eq!(node_hostname("localhost:{{port}}"), "localhost");
        assert_eq!(node_hostname("{{host:x}}"), "{{host:x}}");
        assert_eq!(node_hostname("{{a}}:{{b}}"), "{{a}}");
        assert_eq!(node_port("{{a}}:{{b}}"), "'{{b}}'");
        assert_eq!(node_port("{{host:x}}"), "");
        assert_eq!(node_hostname("[::1]:443"), "::1");
        assert_eq!(node_port("[::1]:443"), "443");
        assert_eq!(node_hostname("[::1]"), "::1");
        assert_eq!(node_port("[::1]"), "");
        assert_eq!(node_port("h:0080"), "80");
        assert_eq!(
            node_port("h:99999999999999999999"),
            "'99999999999999999999'"
        );
        assert_eq!(node_port("h:"), "''");
    }

    #[test]
    fn single_quoted() {
        assert_eq!(js_single_string("line2 \"q\" 'a'"), r#"'line2 "q" \'a\''"#);
        assert_eq!(js_single_string("a\\b\nc"), r"'a\\b\nc'");
        assert_eq!(
            js_single_string("<xml>\n\tTest\n</xml>"),
            "'<xml>\\n\tTest\\n</xml>'"
        );
    }
}
