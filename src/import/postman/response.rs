//! The example responses: the saved ones, in order, as Postman's documentation shows them.

use serde_json::Value;

use super::Importer;
use super::collection::{scalar, text};
use crate::http::media_type;
use crate::import::shared::is_content_type;
use crate::spec::ResponseSpec;

impl Importer {
    /// The saved example responses, each with a status code.
    pub(super) fn responses(&mut self, responses: Option<&Value>, at: &str) -> Vec<ResponseSpec> {
        let responses = responses
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        let mut read = Vec::with_capacity(responses.len());
        for (index, example) in responses.iter().enumerate() {
            let code = match example.get("code") {
                Some(Value::Number(code)) => code.as_u64(),
                Some(Value::String(code)) => code.trim().parse().ok(),
                _ => None,
            };
            let Some(code) = code.filter(|code| (100..=599).contains(code)) else {
                self.note(
                    "response",
                    format!("{at}/response/{index}"),
                    "ignored: a saved example response without a status code",
                );
                continue;
            };
            let reason = text(example.get("status"))
                .trim()
                .replace(['\r', '\n'], " ");
            let status = if reason.is_empty() {
                code.to_string()
            } else {
                format!("{code} {reason}")
            };
            let body = scalar(example.get("body")).filter(|body| !body.trim().is_empty());
            let lang = body.as_ref().and_then(|body| response_lang(example, body));
            read.push(ResponseSpec { status, body, lang });
        }
        read
    }
}

/// The fence info string of an example response body; `None` for JSON, the default.
fn response_lang(response: &Value, body: &str) -> Option<String> {
    let preview = text(response.get("_postman_previewlanguage"));
    let lang = match preview.as_str() {
        "json" => "json",
        "xml" => "xml",
        "html" => "html",
        "text" | "plain" | "raw" => "text",
        _ => {
            let content_type = response
                .get("header")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .find(|h| is_content_type(&text(h.get("key"))))
                .map(|h| media_type(&text(h.get("value"))))
                .unwrap_or_default();
            if content_type.contains("json") {
                "json"
            } else if content_type.contains("xml") {
                "xml"
            } else if content_type.contains("html") {
                "html"
            } else if serde_json::from_str::<Value>(body).is_ok() {
                "json"
            } else {
                "text"
            }
        }
    };
    (lang != "json").then(|| lang.to_string())
}

#[cfg(test)]
mod tests {
    use crate::import::postman::test_support::*;
    use serde_json::json;

    #[test]
    fn every_saved_example_response() {
        let import = run(collection(json!([
            {"name": "A", "request": {"url": "https://e.com"}, "response": [
                {"name": "ok", "code": 200, "status": "OK", "_postman_previewlanguage": "json", "body": "{\"a\": 1}"},
                {"name": "other", "code": 404, "status": "Not Found"}
            ]},
            {"name": "B", "request": {"url": "https://e.com"}, "response": [
                {"code": 201, "status": "", "_postman_previewlanguage": "xml", "body": "<a/>"}
            ]},
            {"name": "C", "request": {"url": "https://e.com"}, "response": [{"name": "no code", "body": "x"}]},
            {"name": "D", "request": {"url": "https://e.com"}, "response": [
                {"code": 200, "status": "OK", "header": [{"key": "Content-Type", "value": "text/html; charset=utf-8"}], "body": "<p>hi</p>"}
            ]}
        ])));
        let responses: Vec<Vec<_>> = import
            .items
            .iter()
            .map(|i| i.spec.all_responses().cloned().collect())
            .collect();
        // several are the spec's `responses`, one its `response`
        assert_eq!(import.items[0].spec.responses.len(), 2);
        assert!(import.items[1].spec.response.is_some());
        let [a, not_found] = &responses[0][..] else {
            panic!("{:?}", responses[0])
        };
        assert_eq!(
            (a.status.as_str(), a.body.as_deref(), a.lang.as_deref()),
            ("200 OK", Some("{\"a\": 1}"), None)
        );
        assert_eq!(
            (not_found.status.as_str(), not_found.body.as_deref()),
            ("404 Not Found", None)
        );
        let b = &responses[1][0];
        assert_eq!((b.status.as_str(), b.lang.as_deref()), ("201", Some("xml")));
        assert!(responses[2].is_empty());
        assert_eq!(responses[3][0].lang.as_deref(), Some("html"));
        let at: Vec<&str> = import.notes.iter().map(|n| n.at.as_str()).collect();
        assert_eq!(at, ["/item/2/response/0"]);
        for item in &import.items {
            valid(&item.spec);
        }
    }
}
