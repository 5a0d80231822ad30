//! The rules a value must follow to be sent alike by every client: tokens, header values,
//! `{{variables}}`, URLs, a method's body, part names, file paths, fence info words, and standard
//! reason phrases.

use crate::spec::BodySpec;

/// What is wrong with the `{{variables}}` in `text`: a `{{` left open, or a name that is not one.
pub fn variable_problem(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            let shown: String = rest[start..].chars().take(24).collect();
            return Some(format!(
                "`{shown}` opens a variable with `{{{{` but never closes it with `}}}}`"
            ));
        };
        let name = &after[..end];
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '$'));
        if !valid {
            return Some(format!(
                "`{{{{{name}}}}}` is not a variable: a name is letters, digits, `_`, `-`, `.` (no spaces)"
            ));
        }
        rest = &after[end + 2..];
    }
    None
}

/// Why a URL with a scheme cannot be parsed at all (a blank or a `:` in its host, a port that is
/// no number), as curl refuses it too; `None` when it parses, or has no scheme.
pub fn url_unparsable(url: &str) -> Option<String> {
    match url::Url::parse(&url_probe(url)) {
        Ok(_) | Err(url::ParseError::RelativeUrlWithoutBase) => None,
        Err(error) => Some(error.to_string()),
    }
}

/// `url` with a leading `{{variable}}` as a base URL and every other one as a plain value; one
/// right after a port's digits (`localhost:8080{{realms_path}}/master`) as the start of the
/// path, which no more digits of the port could be meant as.
fn url_probe(url: &str) -> String {
    let (mut probe, rest) = match url.strip_prefix("{{").and_then(|r| r.split_once("}}")) {
        Some((_, rest)) => ("http://base.example".to_string(), rest),
        None => (String::new(), url),
    };
    let mut rest = rest;
    while let Some(start) = rest.find("{{") {
        probe.push_str(&rest[..start]);
        let authority = probe.split_once("://").map(|(_, after)| after);
        let in_authority = authority.is_some_and(|a| !a.contains(['/', '?', '#']));
        let authority = authority.unwrap_or_default();
        let after_port = in_authority && crate::url::ends_with_port(authority);
        // in a host name a letter: a digit would end it in a number, which reads as an IPv4
        // address (`message-queue.{{api-host}}`); a port's or anything else's, a digit
        let in_host_name = in_authority && !after_port && !authority.ends_with(':');
        if after_port {
            probe.push('/');
        }
        probe.push(if in_host_name { 'x' } else { '1' });
        rest = rest[start..]
            .split_once("}}")
            .map_or("", |(_, after)| after);
    }
    probe.push_str(rest);
    probe
}

/// What keeps `url` from being an `http(s)` URL once its variables are set aside: a leading
/// `{{variable}}` stands for the base URL, any other for a plain value.
pub(super) fn url_problem(url: &str) -> Option<String> {
    let probe = url_probe(url);
    match url::Url::parse(&probe) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.host().is_some() => {
            // the WHATWG parser finds a host after any slashes (`http:///a` is `http://a/`);
            // clients take what follows `://`, which must be one
            let written = crate::url::Url::parse(&probe);
            if written.host.is_empty() {
                return Some(format!(
                    "`{url}` is not a URL (empty host): write the host after `://`, or start the URL with a `{{{{variable}}}}` that holds the base URL"
                ));
            }
            if written.userinfo.is_some() {
                let userinfo = crate::url::Url::parse(url).userinfo.unwrap_or_default();
                return Some(format!(
                    "`{url}` holds user info (`{userinfo}@`), which clients do not send alike: curl, requests, Go, request (NodeJS) and HTTP_Request2 send it as basic auth, Net::HTTP and OkHttp leave it out, and fetch refuses the URL; write the URL without it and the credentials as `auth: basic:` with `username` and `password`"
                ));
            }
            crate::url::has_dot_segments(url).then(|| {
                format!(
                    "`{url}` has a `.` or `..` path segment, which every client resolves before sending (`/a/../b` goes as `/b`): write the path that is sent"
                )
            })
        }
        Ok(parsed) => Some(format!(
            "`{url}` is not an `http` or `https` URL (its scheme is `{}`)",
            parsed.scheme()
        )),
        Err(url::ParseError::RelativeUrlWithoutBase) => Some(format!(
            "`{url}` is not a URL: start it with `https://`, `http://` or a `{{{{variable}}}}` that holds them"
        )),
        Err(error) => Some(format!("`{url}` is not a URL ({error})")),
    }
}

/// A path a sample can name in a string and a multipart header.
pub(super) fn is_file_path(path: &str) -> bool {
    !path.trim().is_empty() && !path.chars().any(|c| c.is_control() || c == '"')
}

/// The last component of a `/`-separated path: the filename a client sends for an upload.
pub(super) fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}

/// Why `value` cannot be sent as a header value by every client, if it cannot: a line break or
/// another control character (HTTP forbids them; a CR LF would start another header),
/// non-ASCII text (browsers, .NET and Node refuse or re-encode it), or white space around it
/// (not part of the value in HTTP; Python's requests refuses it). A secret's marker stands for
/// the environment variable's value, which the reader sets.
pub fn header_value_problem(value: &str) -> Option<&'static str> {
    let value = &crate::sample_values::shown(value);
    if value.chars().any(|c| c.is_control() && c != '\t') {
        Some(
            "holds a line break or another control character, which HTTP does not allow in a header",
        )
    } else if !value.is_ascii() {
        Some(
            "holds non-ASCII characters, which browsers, .NET and Node refuse or re-encode in a header; percent-encode them",
        )
    } else if value.starts_with([' ', '\t']) || value.ends_with([' ', '\t']) {
        Some(
            "starts or ends with white space, which is not part of a header's value in HTTP (Python's requests refuses it); remove it",
        )
    } else {
        None
    }
}

/// Why no spec may give `method` a body, whatever it holds: no server reads a `HEAD` request's.
pub fn body_refused_by_method(method: &str) -> Option<&'static str> {
    (method == "HEAD").then_some(
        "a `HEAD` request with a body cannot be sent by every client (curl's `--head`, Node's `request` and OkHttp refuse it)",
    )
}

/// Why a spec may not give `method` this body. A `GET` body is the spec's to give (Elasticsearch's
/// searches take one): the samples whose client cannot send it say so instead (see each target's
/// known gaps). But a multipart one is sent otherwise by the house style's RestSharp (its text
/// parts go into the URL), and an empty one is no body. The validator and every importer ask
/// this of the body as written, so an importer drops what the validator would refuse.
pub fn body_problem(method: &str, body: &BodySpec) -> Option<&'static str> {
    body_refused_by_method(method).or(match (method, body) {
        ("GET", body) if body.is_empty() => Some("an empty body on a `GET` request is no body"),
        ("GET", BodySpec::Formdata(_)) => Some(
            "a `GET` request with a multipart body cannot be sent by every client (RestSharp sends its text parts in the URL, clj-http refuses it)",
        ),
        _ => None,
    })
}

/// Whether a multipart part can have this name in every client: not empty, and no quotes, `\`,
/// `=`, `;` (curl's `-F` syntax) or control characters.
pub fn is_part_name(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| c.is_control() || matches!(c, '"' | '\\' | '=' | ';'))
}

/// Whether `lang` can follow a code fence's backticks as its one info word: ASCII letters, digits
/// and `+-._#` (`c++`, `objective-c`, `f#`), or nothing.
pub(super) fn is_fence_info_word(lang: &str) -> bool {
    lang.chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.' | '_' | '#'))
}

/// RFC 9110 `token`: the characters allowed in a method or header name.
/// Whether `name=value` is a cookie every client sends as written (RFC 6265: a token name, and
/// a value without white space, control characters, `"`, `,`, `;` or `\`).
pub fn is_cookie(name: &str, value: &str) -> bool {
    is_token(name)
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | ',' | ';' | '\\'))
}

pub fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The standard reason phrase for a status code.
pub(super) fn reason_phrase(code: u16) -> Option<&'static str> {
    Some(match code {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        409 => "Conflict",
        410 => "Gone",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}
