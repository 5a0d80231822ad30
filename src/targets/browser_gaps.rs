//! What the rules of a browser's `FormData` and requests keep a sample from sending: the known
//! gaps the page targets (and Node's fetch, which follows them) share.

use crate::model::Request;

/// How one client follows the browser's rules, as each says so in its known gap.
pub(super) struct BrowserRules {
    /// Why a bare LF or CR in a text entry arrives as CR LF (the HTML standard's
    /// multipart/form-data encoding), naming who sends it so.
    pub line_breaks: &'static str,
    /// Why the methods CONNECT, TRACE and TRACK are not sent, naming who refuses them.
    pub methods: &'static str,
    /// Whether a page's forbidden request headers apply (they do not to Node's own fetch).
    pub in_page: bool,
    /// Why a `GET` with a body is not sent (the sample says so and sends nothing), naming who
    /// refuses or drops it.
    pub get_body: &'static str,
}

impl BrowserRules {
    /// The first of these rules the request runs into, if any.
    pub fn known_gap(&self, request: &Request) -> Option<&'static str> {
        if request.get_with_body() {
            Some(self.get_body)
        } else if request.has_typed_text_part() {
            Some("a FormData text entry has no content type of its own")
        } else if request.has_text_part_with_bare_line_break() {
            Some(self.line_breaks)
        } else if ["CONNECT", "TRACE", "TRACK"].contains(&request.method.as_str()) {
            Some(self.methods)
        } else if self.in_page && request.sets_header_forbidden_in_browsers() {
            Some("browsers do not let a page set this header")
        } else {
            None
        }
    }
}

/// What the Fetch standard has every `fetch` add to a request (a browser's and Node's): a
/// conditional request (`If-None-Match`, `If-Modified-Since`…) goes in the `no-store` cache
/// mode, which adds `Pragma: no-cache` and `Cache-Control: no-cache` where the request has none;
/// and Node's sets `Sec-Fetch-Mode` itself.
pub(super) fn fetch_additions(request: &Request) -> Option<&'static str> {
    const CONDITIONAL: &[&str] = &[
        "If-Modified-Since",
        "If-None-Match",
        "If-Unmodified-Since",
        "If-Match",
        "If-Range",
    ];
    if request.has_header(CONDITIONAL)
        && !(request.has_header(&["Pragma"]) && request.has_header(&["Cache-Control"]))
    {
        Some(
            "fetch adds `Pragma: no-cache` and `Cache-Control: no-cache` to a conditional request (`If-None-Match`, `If-Modified-Since`…), as the Fetch standard's no-store cache mode does",
        )
    } else if request.has_header(&["Sec-Fetch-Mode"]) {
        Some("Node's fetch sets `Sec-Fetch-Mode` itself")
    } else {
        None
    }
}
