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
