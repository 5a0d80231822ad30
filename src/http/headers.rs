//! Header rules: which request headers a browser page may not set.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_names_in_any_case_and_by_prefix() {
        assert!(is_forbidden_in_browsers("Cookie"));
        assert!(is_forbidden_in_browsers("SEC-Fetch-Mode"));
        assert!(is_forbidden_in_browsers("proxy-authorization"));
        assert!(!is_forbidden_in_browsers("Authorization"));
        assert!(!is_forbidden_in_browsers("X-Cookie"));
    }
}
