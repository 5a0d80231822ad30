//! URLs as API docs write them: `{{authPath}}/{{envID}}/as/token`, with or without a scheme, with
//! `{{variables}}` anywhere. Split once into parts the targets need (host, path, query, fragment)
//! without ever changing what the URL says.

use serde::Serialize;

use crate::http::encoding::encode_query_component;

/// A URL split into its parts. Concatenating the parts gives back `raw` exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Url {
    /// The URL as written in the spec.
    pub raw: String,
    /// `https`, or `None` when the URL starts with a variable or a host.
    pub scheme: Option<String>,
    /// `user:password` before an `@`, without the `@`.
    pub userinfo: Option<String>,
    /// The host, `{{authPath}}` included as it is.
    pub host: String,
    /// The port after the host, without the `:`.
    pub port: Option<String>,
    /// The path, starting with `/`, or empty.
    pub path: String,
    /// The query string after `?`, as written (`None` without a `?`).
    pub query: Option<String>,
    /// The fragment after `#` (`None` without a `#`).
    pub fragment: Option<String>,
}

/// One `key=value` item of a query string, as written. `value` is `None` for a bare `key`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueryPair {
    pub key: String,
    pub value: Option<String>,
}

impl Url {
    /// Splits `raw` the way HTTP clients and the Postman SDK read such URLs: fragment at the
    /// first `#`, query at the first `?` before it, scheme before `://`, userinfo before the last
    /// `@` of the authority, and the path from the first `/` after the authority.
    pub fn parse(raw: &str) -> Url {
        let (before_fragment, fragment) = split_once_opt(raw, '#');
        let (before_query, query) = split_once_opt(before_fragment, '?');
        let (scheme, rest) = match before_query.find("://") {
            Some(index) if is_scheme(&before_query[..index]) => (
                Some(before_query[..index].to_string()),
                &before_query[index + 3..],
            ),
            _ => (None, before_query),
        };
        let (authority, path) = match rest.find('/') {
            Some(index) => (&rest[..index], &rest[index..]),
            None => (rest, ""),
        };
        // `localhost:8080{{realms_path}}/master`: a variable right after the port's digits is
        // the start of the path, which no more digits of the port could be meant as
        let after_port = authority
            .find("{{")
            .filter(|&start| ends_with_port(&authority[..start]));
        let (authority, path) = match after_port {
            Some(start) => (&rest[..start], &rest[start..]),
            None => (authority, path),
        };
        let (userinfo, host_port) = match authority.rfind('@') {
            Some(index) => (
                Some(authority[..index].to_string()),
                &authority[index + 1..],
            ),
            None => (None, authority),
        };
        let (host, port) = split_port(host_port);
        Url {
            raw: raw.to_string(),
            scheme,
            userinfo,
            host: host.to_string(),
            port: port.map(str::to_string),
            path: path.to_string(),
            query: query.map(str::to_string),
            fragment: fragment.map(str::to_string),
        }
    }

    /// Everything before the path, as written: scheme, userinfo, host and port
    /// (`https://api.example.com:8443`, `{{baseUrl}}`).
    pub fn base(&self) -> &str {
        let after = self.path.len()
            + self.query.as_ref().map_or(0, |q| q.len() + 1)
            + self.fragment.as_ref().map_or(0, |f| f.len() + 1);
        &self.raw[..self.raw.len() - after]
    }

    /// The query's items in order, exactly as written (no decoding).
    pub fn query_pairs(&self) -> Vec<QueryPair> {
        let Some(query) = &self.query else {
            return Vec::new();
        };
        query
            .split('&')
            .map(|item| match item.split_once('=') {
                Some((key, value)) => QueryPair {
                    key: key.to_string(),
                    value: Some(value.to_string()),
                },
                None => QueryPair {
                    key: item.to_string(),
                    value: None,
                },
            })
            .collect()
    }

    /// `host[:port]`, the value of the HTTP `Host` header.
    pub fn host_and_port(&self) -> String {
        match &self.port {
            Some(port) => format!("{}:{}", self.host, port),
            None => self.host.clone(),
        }
    }

    /// The request target of an HTTP/1.1 request line: the path (or `/`) and the query as written.
    /// The fragment is never sent.
    pub fn request_target(&self) -> String {
        let mut target = if self.path.is_empty() {
            "/".to_string()
        } else {
            self.path.clone()
        };
        if let Some(query) = &self.query {
            target.push('?');
            target.push_str(query);
        }
        target
    }

    /// `scheme://host[:port]` when the URL is absolute (its host may hold a variable:
    /// `https://{{tenant}}.example.com`) with a literal port, the base a client such as RestSharp
    /// is given, as the house style splits it; `None` otherwise.
    pub fn origin(&self) -> Option<String> {
        let scheme = self.scheme.as_deref()?;
        if self.userinfo.is_some()
            || self.host.is_empty()
            || self.port.as_deref().is_some_and(|p| p.contains("{{"))
        {
            return None;
        }
        Some(format!("{}://{}", scheme, self.host_and_port()))
    }

    /// The URL with its query re-encoded item by item, as curl, Go and Swift samples write it:
    /// every query key and value percent-encoded (`encodeURIComponent`), except that `{` `}` `[`
    /// `]` `+` and `%` stay as they are, so `{{variables}}` and already-encoded values survive and
    /// the server decodes the same pairs as from the URL as written.
    pub fn with_encoded_query(&self) -> String {
        if self.query.is_none() {
            return self.raw.clone();
        }
        let mut out = String::with_capacity(self.raw.len() + 16);
        if let Some(scheme) = &self.scheme {
            out.push_str(scheme);
            out.push_str("://");
        }
        if let Some(userinfo) = &self.userinfo {
            out.push_str(userinfo);
            out.push('@');
        }
        out.push_str(&self.host_and_port());
        out.push_str(&self.path);
        out.push('?');
        let encoded: Vec<String> = self
            .query_pairs()
            .iter()
            .map(|pair| {
                let key = encode_query_component(&pair.key);
                // A bare `flag` stays bare: writing `flag=` or `flag=null` would send another query.
                match &pair.value {
                    Some(value) => format!("{key}={}", encode_query_component(value)),
                    None => key,
                }
            })
            .collect();
        out.push_str(&encoded.join("&"));
        if let Some(fragment) = &self.fragment {
            out.push('#');
            out.push_str(fragment);
        }
        out
    }
}

/// `url` with every character that RFC 3986 does not allow in a URL percent-encoded: white space
/// and control characters, `"` `<` `>` `\\` `^` `` ` `` `|`, non-ASCII, a `{` or `}` that is not
/// part of a `{{variable}}`, a `%` that does not start an escape, a second `#`, and a `[` or `]`
/// in the path (RFC 3986 allows them only around an IPv6 host; Ruby's `URI` also takes them in the
/// query). Strict clients (curl, Ruby's `URI`, Swift's `URL`) reject such URLs; every server
/// decodes the encoded form to the same text. A valid URL comes back unchanged.
pub fn strict(url: &str) -> String {
    let bytes = url.as_bytes();
    let path = path_range(url);
    let mut out = String::with_capacity(url.len());
    let mut seen_hash = false;
    let mut index = 0;
    while index < url.len() {
        // most of a URL needs no decision: copied a run at a time
        let run = bytes[index..]
            .iter()
            .position(|&b| !plainly_allowed(b))
            .unwrap_or(url.len() - index);
        out.push_str(&url[index..index + run]);
        index += run;
        if index == url.len() {
            break;
        }
        let rest = &url[index..];
        if rest.starts_with("{{")
            && let Some(end) = rest.find("}}")
        {
            out.push_str(&rest[..end + 2]);
            index += end + 2;
            continue;
        }
        let c = rest.chars().next().expect("index is on a char boundary");
        let allowed = match c {
            '%' => starts_escape(url, index),
            '#' => !std::mem::replace(&mut seen_hash, true),
            '[' | ']' => !path.contains(&index),
            // a lone brace, or any other byte the run above stopped at
            c => u8::try_from(c).is_ok_and(plainly_allowed),
        };
        if allowed {
            out.push(c);
        } else {
            let mut buffer = [0u8; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push_str(percent_encoding::percent_encode_byte(byte));
            }
        }
        index += c.len_utf8();
    }
    out
}

/// `text` with each of `special` percent-encoded: what keeps a value inside the part of a URL
/// it is put in (`#` and `?` in a path segment; `#` and `&` in a query value, `=` too in a
/// name), as Postman encodes a variable's value or an item once set.
pub fn escaped(text: &str, special: &[char]) -> String {
    if !text.contains(special) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if special.contains(&c) {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether the `%` at byte `index` of `text` starts a `%XX` escape.
pub fn starts_escape(text: &str, index: usize) -> bool {
    let bytes = text.as_bytes();
    bytes.get(index + 1).is_some_and(u8::is_ascii_hexdigit)
        && bytes.get(index + 2).is_some_and(u8::is_ascii_hexdigit)
}

/// `url` with each `%` that starts no escape (`50%off`) written `%25`: a client that finds one
/// re-encodes every `%` of the URL (Python's requests sends `a%26b` as `a%2526b`), or refuses
/// the URL (pecl_http). Servers decode both spellings to the same text.
pub fn with_lone_percents_encoded(url: &str) -> std::borrow::Cow<'_, str> {
    let lone = |index: usize| !starts_escape(url, index);
    let percents = || url.match_indices('%').map(|(index, _)| index);
    if !percents().any(lone) {
        return url.into();
    }
    let mut out = String::with_capacity(url.len() + 8);
    let mut copied = 0;
    for index in percents().filter(|&index| lone(index)) {
        out.push_str(&url[copied..=index]);
        out.push_str("25");
        copied = index + 1;
    }
    out.push_str(&url[copied..]);
    out.into()
}

/// A byte [`strict`] keeps wherever it stands: printable ASCII that RFC 3986 allows, other than
/// those whose place decides (`%`, `#`, `[`, `]`, and the braces of `{{variable}}`).
fn plainly_allowed(b: u8) -> bool {
    b.is_ascii_graphic()
        && !matches!(
            b,
            b'"' | b'<'
                | b'>'
                | b'\\'
                | b'^'
                | b'`'
                | b'{'
                | b'|'
                | b'}'
                | b'%'
                | b'#'
                | b'['
                | b']'
        )
}

/// Whether a path segment of `url` is `.` or `..` (or its percent-encoded spelling, `%2e`, which
/// URL parsers read as a dot): clients remove such segments before sending, so no sample could
/// send the path as written.
pub fn has_dot_segments(url: &str) -> bool {
    url[path_range(url)].split('/').any(|segment| {
        let segment = segment.to_ascii_lowercase().replace("%2e", ".");
        segment == "." || segment == ".."
    })
}

/// `url` with its path, query and fragment replaced by `target`, a request line's origin-form
/// target (`/printer/objects/query?a=1`): what a client that sends that target to the URL's
/// host asks for.
pub fn with_request_target(url: &str, target: &str) -> String {
    format!("{}{target}", &url[..path_range(url).start])
}

/// `url` with the `.` and `..` segments of its path resolved (RFC 3986, section 5.2.4), as curl
/// does before sending unless told `--path-as-is`.
pub fn remove_dot_segments(url: &str) -> String {
    let range = path_range(url);
    let mut kept: Vec<&str> = Vec::new();
    let segments: Vec<&str> = url[range.clone()].split('/').collect();
    for (index, segment) in segments.iter().enumerate() {
        let last = index + 1 == segments.len();
        // `%2e` is a dot to URL parsers too
        let dots = segment.to_ascii_lowercase().replace("%2e", ".");
        match dots.as_str() {
            "." => {
                if last {
                    kept.push("");
                }
            }
            ".." => {
                // the leading empty segment (the root) stays
                if kept.len() > 1 {
                    kept.pop();
                }
                if last {
                    kept.push("");
                }
            }
            _ => kept.push(segment),
        }
    }
    format!(
        "{}{}{}",
        &url[..range.start],
        kept.join("/"),
        &url[range.end..]
    )
}

/// Where the path of `url` lies, as a byte range: after `scheme://authority` or a leading
/// `{{variable}}` (which holds the origin), up to the query or fragment.
fn path_range(url: &str) -> std::ops::Range<usize> {
    let start = if let Some(scheme_end) = url.find("://") {
        let authority = scheme_end + 3;
        authority
            + url[authority..]
                .find(['/', '?', '#'])
                .unwrap_or(url.len() - authority)
    } else if url.starts_with("{{")
        && let Some(end) = url.find("}}")
    {
        end + 2
    } else {
        0
    };
    let end = start + url[start..].find(['?', '#']).unwrap_or(url.len() - start);
    start..end
}

fn split_once_opt(s: &str, separator: char) -> (&str, Option<&str>) {
    match s.split_once(separator) {
        Some((before, after)) => (before, Some(after)),
        None => (s, None),
    }
}

/// Whether an authority (or its start) ends with a port's digits (`localhost:8080`): a
/// `{{variable}}` right after them starts the path, which no more digits of the port could be
/// meant as.
pub fn ends_with_port(authority: &str) -> bool {
    authority
        .rsplit_once(':')
        .is_some_and(|(_, port)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether `s` is a URL scheme as RFC 3986 writes one: a letter, then letters, digits, `+`, `-`
/// and `.`.
pub fn is_scheme(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Splits `host:port`; a `:` inside `{{...}}` or an IPv6 literal is not a port separator.
fn split_port(host_port: &str) -> (&str, Option<&str>) {
    if let Some(index) = host_port.rfind(':') {
        let after = &host_port[index + 1..];
        let is_port = after.chars().all(|c| c.is_ascii_digit())
            || (after.starts_with("{{") && after.ends_with("}}"));
        if is_port && !after.contains(']') {
            return (&host_port[..index], Some(after));
        }
    }
    (host_port, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_percents_are_encoded_and_escapes_kept() {
        assert_eq!(
            with_lone_percents_encoded("https://e.com/p/50%off/a%2Fb?d=5%&q=a%26b&z=%"),
            "https://e.com/p/50%25off/a%2Fb?d=5%25&q=a%26b&z=%25"
        );
        let kept = "https://e.com/a%20b?q=a%26b";
        assert!(matches!(
            with_lone_percents_encoded(kept),
            std::borrow::Cow::Borrowed(url) if url == kept
        ));
    }

    #[test]
    fn variable_host_and_path() {
        let url = Url::parse("{{authPath}}/{{envID}}/as/token");
        assert_eq!(url.scheme, None);
        assert_eq!(url.host, "{{authPath}}");
        assert_eq!(url.path, "/{{envID}}/as/token");
        assert_eq!(url.request_target(), "/{{envID}}/as/token");
        assert_eq!(url.origin(), None);
        assert_eq!(url.base(), "{{authPath}}");
    }

    #[test]
    fn a_variable_right_after_the_port_starts_the_path() {
        let url = Url::parse("http://localhost:8080{{realms_path}}/master/token?a=1");
        assert_eq!(
            (url.host.as_str(), url.port.as_deref()),
            ("localhost", Some("8080"))
        );
        assert_eq!(url.path, "{{realms_path}}/master/token");
        assert_eq!(url.host_and_port(), "localhost:8080");
        // a port or host that is a variable stays in the authority
        assert_eq!(
            Url::parse("http://h:{{port}}/a").port.as_deref(),
            Some("{{port}}")
        );
        assert_eq!(Url::parse("http://{{host}}:80/a").host, "{{host}}");
    }

    #[test]
    fn the_base_is_everything_before_the_path() {
        let url = Url::parse("https://u:p@api.example.com:8443/v1/x?a=1&b#frag");
        assert_eq!(url.base(), "https://u:p@api.example.com:8443");
        assert_eq!(Url::parse("https://h?q=1").base(), "https://h");
        assert_eq!(Url::parse("{{baseUrl}}").base(), "{{baseUrl}}");
    }

    #[test]
    fn absolute_url_parts() {
        let url = Url::parse("https://u:p@api.example.com:8443/v1/x?a=1&b#frag");
        assert_eq!(url.scheme.as_deref(), Some("https"));
        assert_eq!(url.userinfo.as_deref(), Some("u:p"));
        assert_eq!(url.host, "api.example.com");
        assert_eq!(url.port.as_deref(), Some("8443"));
        assert_eq!(url.path, "/v1/x");
        assert_eq!(url.query.as_deref(), Some("a=1&b"));
        assert_eq!(url.fragment.as_deref(), Some("frag"));
        assert_eq!(url.request_target(), "/v1/x?a=1&b");
        assert_eq!(url.origin(), None, "userinfo is not part of an origin");
    }

    #[test]
    fn origin_of_a_literal_host() {
        let url = Url::parse("https://api.pingone.com/v1/environments/{{envID}}/users");
        assert_eq!(url.origin().as_deref(), Some("https://api.pingone.com"));
        // a variable in the host is part of the origin, as the house style's C# splits it; in
        // the port it is not
        assert_eq!(
            Url::parse("https://{{tenant}}.example.com/x")
                .origin()
                .as_deref(),
            Some("https://{{tenant}}.example.com")
        );
        assert_eq!(Url::parse("https://e.com:{{port}}/x").origin(), None);
    }

    #[test]
    fn empty_path_targets_root() {
        assert_eq!(
            Url::parse("https://example.com?q=1").request_target(),
            "/?q=1"
        );
    }

    #[test]
    fn encoded_query_keeps_variables_and_encoded_values() {
        let url = Url::parse(
            "{{apiPath}}/users?filter=name eq \"x\"&id={{id}}&q=urn%3Ali&redirect_uri=https://e.com/a b&flag&plus=a+b",
        );
        assert_eq!(
            url.with_encoded_query(),
            "{{apiPath}}/users?filter=name%20eq%20%22x%22&id={{id}}&q=urn%3Ali&redirect_uri=https%3A%2F%2Fe.com%2Fa%20b&flag&plus=a+b"
        );
    }

    #[test]
    fn url_without_query_is_unchanged() {
        let raw = "https://api.example.com/a b/{{x}}#f";
        assert_eq!(Url::parse(raw).with_encoded_query(), raw);
    }

    #[test]
    fn strict_encodes_only_what_rfc_3986_forbids() {
        assert_eq!(
            strict("{{authPath}}/{{envID}}/as/token"),
            "{{authPath}}/{{envID}}/as/token"
        );
        assert_eq!(
            strict("https://e.com/a b/{{id}}?q=it's \"x\"&p=100%&e=%20&b=\\(y){z}#f#g"),
            "https://e.com/a%20b/{{id}}?q=it's%20%22x%22&p=100%25&e=%20&b=%5C(y)%7Bz%7D#f%23g"
        );
        assert_eq!(
            strict("https://e.com/caf\u{e9}?t=\u{1F680}"),
            "https://e.com/caf%C3%A9?t=%F0%9F%9A%80"
        );
        assert_eq!(
            strict("https://e.com/?a=[1]&b=x:y@z,!$'()*+;="),
            "https://e.com/?a=[1]&b=x:y@z,!$'()*+;="
        );
        // brackets: kept around an IPv6 host and in the query, encoded in the path
        assert_eq!(
            strict("http://[::1]:8080/a[0]/{[]}?q=[x]#[f]"),
            "http://[::1]:8080/a%5B0%5D/%7B%5B%5D%7D?q=[x]#[f]"
        );
        assert_eq!(
            strict("{{baseUrl}}/a[0]?b[]=1"),
            "{{baseUrl}}/a%5B0%5D?b[]=1"
        );
    }

    #[test]
    fn dot_segments_are_found_and_resolved_as_curl_does() {
        for url in [
            "https://e.com/../../etc/passwd",
            "https://e.com/a/./b",
            "https://e.com/a/%2E%2e/b",
            "{{baseUrl}}/a/..",
        ] {
            assert!(has_dot_segments(url), "{url}");
        }
        for url in [
            "https://e.com/a..b/.c/d.",
            "https://e.com/a?p=../x",
            "https://e.com/a#../b",
            "https://e.com",
        ] {
            assert!(!has_dot_segments(url), "{url}");
        }
        assert_eq!(
            remove_dot_segments("https://e.com/../../etc/passwd?q=../x"),
            "https://e.com/etc/passwd?q=../x"
        );
        assert_eq!(
            remove_dot_segments("https://e.com/a/b/../c/./d"),
            "https://e.com/a/c/d"
        );
        assert_eq!(
            remove_dot_segments("https://e.com/a/b/.."),
            "https://e.com/a/"
        );
        assert_eq!(remove_dot_segments("https://e.com/a/."), "https://e.com/a/");
        assert_eq!(
            remove_dot_segments("https://e.com/files/%2E%2e/etc"),
            "https://e.com/etc"
        );
        assert_eq!(remove_dot_segments("{{baseUrl}}/x/../y"), "{{baseUrl}}/y");
        assert_eq!(remove_dot_segments("https://e.com"), "https://e.com");
    }

    #[test]
    fn port_can_be_a_variable() {
        let url = Url::parse("http://localhost:{{port}}/x");
        assert_eq!(url.host, "localhost");
        assert_eq!(url.port.as_deref(), Some("{{port}}"));
    }
}
