//! C# string literals and RestSharp names, for the C# sample.

use super::c_family_literal;

/// A regular C# string literal `"…"`.
pub fn csharp_string(s: &str) -> String {
    c_family_literal(s, '"', |c| match c {
        '\0' => Some(r"\0".into()),
        // C# also ends a line at NEL, LS and PS, which a string literal may not hold
        c if c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}') => {
            Some(format!("\\u{:04X}", c as u32))
        }
        _ => None,
    })
}

/// A multi-line body the house way: one verbatim literal `@"…"` per line (`"` doubled), joined with
/// `+ "\n" +` and a line break, so the sample reads like the body. A line holding a control
/// character (a CR, say) is written as a regular literal instead, since a verbatim literal would
/// carry the raw character into the source file, where editors and git may change it.
pub fn csharp_verbatim_lines(s: &str) -> String {
    s.split('\n')
        .map(|line| {
            if line.chars().any(|c| c.is_control() && c != '\t') {
                csharp_string(line)
            } else {
                format!("@\"{}\"", line.replace('"', "\"\""))
            }
        })
        .collect::<Vec<_>>()
        .join(" + \"\\n\" +\n")
}

/// Whether .NET parses a request header of this name (with this value) into typed values, so
/// that `HttpRequestHeaders.Add` writes the value back its own way (`application/json;v=1`
/// becomes `application/json; v=1`, `en-US,en;q=0.9` becomes `en-US, en; q=0.9`) or throws on one
/// it cannot parse (an unquoted `If-None-Match`, Firebase's `Authorization: key=…`), where
/// `TryAddWithoutValidation` sends it as written. An `Authorization` of a scheme and one word
/// of credentials (`Bearer abc.def=`) is written back as it is; one of parameters (AWS's
/// `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`) or with a quote is not, and
/// Mono throws on it.
pub fn dotnet_parsed_header(name: &str, value: &str) -> bool {
    if name.eq_ignore_ascii_case("authorization")
        || name.eq_ignore_ascii_case("proxy-authorization")
    {
        let (scheme, credentials) = value.split_once(' ').unwrap_or((value, ""));
        // one word of credentials (a token68, or a `{{placeholder}}` standing for one)
        let one_word = !credentials.contains([' ', '\t', ',', '"']);
        return !crate::model::is_token(scheme) || !one_word;
    }
    const PARSED: [&str; 23] = [
        "accept",
        "accept-charset",
        "accept-encoding",
        "accept-language",
        "cache-control",
        "date",
        "expect",
        "from",
        "if-match",
        "if-modified-since",
        "if-none-match",
        "if-range",
        "if-unmodified-since",
        "max-forwards",
        "pragma",
        "range",
        "referer",
        "te",
        "trailer",
        "upgrade",
        "user-agent",
        "via",
        "warning",
    ];
    PARSED
        .iter()
        .any(|parsed| parsed.eq_ignore_ascii_case(name))
}

/// RestSharp's `Method` enum member for a method token: `POST` → `Post`.
pub fn csharp_method(method: &str) -> String {
    let lower = method.to_ascii_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_dotnet_parses_are_told_apart() {
        for name in [
            "Accept",
            "accept-language",
            "If-None-Match",
            "User-Agent",
            "Referer",
        ] {
            assert!(dotnet_parsed_header(name, "x"), "{name}");
        }
        for name in ["X-Api-Key", "Content-Type", "Accept-Patch"] {
            assert!(!dotnet_parsed_header(name, "x"), "{name}");
        }
        // a scheme and credentials parse and are written back as they are; Firebase's does not
        assert!(!dotnet_parsed_header("Authorization", "Bearer abc.def="));
        assert!(!dotnet_parsed_header("authorization", "Basic"));
        assert!(dotnet_parsed_header("Authorization", "key=AAAA"));
        assert!(dotnet_parsed_header(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=fe5f"
        ));
        assert!(dotnet_parsed_header("Authorization", "Bearer \"a,b\""));
        assert!(dotnet_parsed_header("Authorization", "Bearer a b"));
        assert!(dotnet_parsed_header("Authorization", ""));
    }

    #[test]
    fn regular_literals() {
        assert_eq!(csharp_string("{{authPath}}"), "\"{{authPath}}\"");
        assert_eq!(csharp_string("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(csharp_string("l1\nl2\r\t\u{1}"), r#""l1\nl2\r\t\u0001""#);
        assert_eq!(csharp_string("caf\u{e9} $x {0}"), "\"caf\u{e9} $x {0}\"");
    }

    #[test]
    fn verbatim_lines_like_the_house_style() {
        assert_eq!(
            csharp_verbatim_lines("{\n    \"otp\": \"xxxxxx\"\n}"),
            "@\"{\" + \"\\n\" +\n@\"    \"\"otp\"\": \"\"xxxxxx\"\"\" + \"\\n\" +\n@\"}\""
        );
        assert_eq!(csharp_verbatim_lines(""), "@\"\"");
        assert_eq!(
            csharp_verbatim_lines("a\r\nb"),
            "\"a\\r\" + \"\\n\" +\n@\"b\""
        );
    }

    #[test]
    fn method_names() {
        assert_eq!(csharp_method("POST"), "Post");
        assert_eq!(csharp_method("DELETE"), "Delete");
    }
}
