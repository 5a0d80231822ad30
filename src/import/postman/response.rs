//! The example response: the first saved one.

use serde_json::Value;

use super::Importer;
use super::collection::{scalar, text};
use crate::http::media_type;
use crate::import::shared::is_content_type;
use crate::spec::ResponseSpec;

impl Importer {
    /// The first saved example response.
    pub(super) fn response(&mut self, responses: Option<&Value>, at: &str) -> Option<ResponseSpec> {
        let responses = responses?.as_array()?;
        let first = responses.first()?;
        let at = format!("{at}/response");
        if responses.len() > 1 {
            self.note(
                "response",
                &at,
                format!(
                    "only the first saved example response is imported ({} more)",
                    responses.len() - 1
                ),
            );
        }
        let code = match first.get("code") {
            Some(Value::Number(code)) => code.as_u64(),
            Some(Value::String(code)) => code.trim().parse().ok(),
            _ => None,
        };
        let Some(code) = code.filter(|code| (100..=599).contains(code)) else {
            self.note(
                "response",
                format!("{at}/0"),
                "ignored: a saved example response without a status code",
            );
            return None;
        };
        let reason = text(first.get("status")).trim().replace(['\r', '\n'], " ");
        let status = if reason.is_empty() {
            code.to_string()
        } else {
            format!("{code} {reason}")
        };
        let body = scalar(first.get("body")).filter(|body| !body.trim().is_empty());
        let lang = body.as_ref().and_then(|body| response_lang(first, body));
        Some(ResponseSpec { status, body, lang })
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
    fn first_example_response() {
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
        let responses: Vec<_> = import
            .items
            .iter()
            .map(|i| i.spec.response.clone())
            .collect();
        let a = responses[0].as_ref().unwrap();
        assert_eq!(
            (a.status.as_str(), a.body.as_deref(), a.lang.as_deref()),
            ("200 OK", Some("{\"a\": 1}"), None)
        );
        let b = responses[1].as_ref().unwrap();
        assert_eq!((b.status.as_str(), b.lang.as_deref()), ("201", Some("xml")));
        assert!(responses[2].is_none());
        assert_eq!(responses[3].as_ref().unwrap().lang.as_deref(), Some("html"));
        let at: Vec<&str> = import.notes.iter().map(|n| n.at.as_str()).collect();
        assert_eq!(at, ["/item/0/response", "/item/2/response/0"]);
        for item in &import.items {
            valid(&item.spec);
        }
    }
}
