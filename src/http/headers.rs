//! Header rules: which request headers a browser page may not set, and which no spec may set.

/// Whether a page's script may not set this request header (the Fetch standard's forbidden
/// request-header names, any case, and the `Proxy-` and `Sec-` prefixes).
pub fn is_forbidden_in_browsers(name: &str) -> bool {
    const FORBIDDEN: &[&str] = &[
        "accept-charset",
        "accept-encoding",
        "access-control-request-headers",
        "access-control-request-method",
        "connection",
        "content-length",
        "cookie",
        "cookie2",
        "date",
        "dnt",
        "expect",
        "host",
        "keep-alive",
        "origin",
        "referer",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "via",
    ];
    let name = name.to_ascii_lowercase();
    FORBIDDEN.contains(&name.as_str()) || name.starts_with("proxy-") || name.starts_with("sec-")
}

/// Why a spec may not set this request header, when each client writes or controls it itself:
/// the message framing (`Content-Length`, `Transfer-Encoding`), the connection (`Connection`,
/// `Keep-Alive`, `Proxy-Connection`, `TE`, `Trailer`, `Upgrade`), `Expect` and `Host`. A value
/// written in a spec cannot be sent the same way by every sample: curl sends `Content-Length: 1`
/// with a longer body (the rest reads as a second request), the HTTP sample writes `Host` twice,
/// Go ignores `Host`, and other clients refuse or replace these headers.
pub fn set_by_clients(name: &str) -> Option<&'static str> {
    Some(match name.to_ascii_lowercase().as_str() {
        "content-length" | "transfer-encoding" => {
            "each client frames the body itself (a length written here would disagree with the body curl sends, and the rest of the body would read as another request)"
        }
        "connection" | "keep-alive" | "proxy-connection" | "te" | "trailer" | "upgrade" => {
            "each client manages its connection itself, and the samples cannot agree on a value written here"
        }
        "expect" => {
            "each client decides itself whether to wait for `100 Continue`, and the samples cannot agree on a value written here"
        }
        "host" => {
            "each client writes it from the URL (the HTTP sample would send two and Go ignores it); put the host in `request.url`"
        }
        _ => return None,
    })
}

/// The headers .NET sends only with a body (content headers): `HttpClient` and RestSharp drop
/// them from a request without one.
pub const DOTNET_CONTENT_HEADERS: &[&str] = &[
    "Allow",
    "Content-Disposition",
    "Content-Encoding",
    "Content-Language",
    "Content-Location",
    "Content-MD5",
    "Content-Range",
    "Content-Type",
    "Expires",
    "Last-Modified",
];

/// Why Mono's `System.Net.Http`, which verify runs the C# samples on, sends a header other than
/// as written, if it does, even when it is added without validation. It parses the headers whose
/// value is a list and writes them back its own way: `Accept` and `Accept-Charset` with a list or
/// parameters, `Accept-Language` and `Referer` always, `Cache-Control` directives in an order of
/// its own; and it sends no list-valued header whose value is empty.
pub fn mono_rewrites(name: &str, value: &str) -> Option<&'static str> {
    let name = name.to_ascii_lowercase();
    let listed = value.contains([',', ';']);
    let rewritten = match name.as_str() {
        "accept-language" | "referer" => true,
        "accept" | "accept-charset" => listed,
        "cache-control" => value.contains(','),
        _ => false,
    };
    if rewritten {
        return Some(
            "Mono's System.Net.Http rewrites `Accept`, `Accept-Charset`, `Accept-Language`, `Referer` and `Cache-Control` (`en-US,en;q=0.9` becomes `en-US, en; q=0.9`, `no-cache, no-store` becomes `no-store, no-cache`); .NET 5 and later send them as written",
        );
    }
    let list_valued = matches!(
        name.as_str(),
        "accept"
            | "accept-charset"
            | "accept-encoding"
            | "cache-control"
            | "if-match"
            | "if-none-match"
            | "pragma"
            | "via"
            | "warning"
    );
    (list_valued && value.trim().is_empty()).then_some(
        "Mono's System.Net.Http sends no `Accept`, `Accept-Charset`, `Accept-Encoding`, `Cache-Control`, `If-Match`, `If-None-Match`, `Pragma`, `Via` or `Warning` header whose value is empty",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_mono_writes_back_its_own_way() {
        assert!(mono_rewrites("Accept", "application/json;odata.metadata=full").is_some());
        assert!(mono_rewrites("accept-language", "en").is_some());
        assert!(mono_rewrites("Accept", "application/json").is_none());
        assert!(mono_rewrites("X-List", "a,b").is_none());
        assert!(mono_rewrites("Accept-Charset", "utf-8,iso-8859-1;q=0.5").is_some());
        assert!(mono_rewrites("Cache-Control", "no-cache, no-store").is_some());
        assert!(mono_rewrites("cache-control", "max-age=0").is_none());
    }

    #[test]
    fn empty_list_valued_headers_mono_does_not_send() {
        for name in [
            "Accept",
            "accept-encoding",
            "Cache-Control",
            "Pragma",
            "If-None-Match",
        ] {
            assert!(mono_rewrites(name, "").is_some(), "{name}");
        }
        for name in ["X-Empty", "Authorization", "User-Agent", "Range", "Cookie"] {
            assert!(mono_rewrites(name, "").is_none(), "{name}");
        }
    }

    #[test]
    fn headers_set_by_clients_in_any_case() {
        for name in [
            "Content-Length",
            "transfer-encoding",
            "CONNECTION",
            "Keep-Alive",
            "Proxy-Connection",
            "TE",
            "Trailer",
            "Upgrade",
            "Expect",
            "Host",
        ] {
            assert!(set_by_clients(name).is_some(), "{name}");
        }
        for name in [
            "Content-Type",
            "X-Host",
            "Accept",
            "Cookie",
            "Authorization",
        ] {
            assert!(set_by_clients(name).is_none(), "{name}");
        }
    }

    #[test]
    fn forbidden_names_in_any_case_and_by_prefix() {
        assert!(is_forbidden_in_browsers("Cookie"));
        assert!(is_forbidden_in_browsers("SEC-Fetch-Mode"));
        assert!(is_forbidden_in_browsers("proxy-authorization"));
        assert!(!is_forbidden_in_browsers("Authorization"));
        assert!(!is_forbidden_in_browsers("X-Cookie"));
    }
}
