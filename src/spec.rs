//! The spec file format, exactly as a writer types it in `specs/**/*.yaml`. Parsing is strict:
//! unknown fields are errors. Meaning is checked later, in [`crate::model`].

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// One documented endpoint: a page and the request its samples send.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The page title, plain text.
    pub title: String,
    pub request: RequestSpec,
    /// The example response; a page without one has no "Example Response" section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ResponseSpec>,
    /// The page's prose, Markdown, shown between the request line and the Headers section.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prose: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RequestSpec {
    /// The method token, e.g. `GET` or `PROPFIND`.
    pub method: String,
    /// The URL; `{{variables}}` anywhere are kept as written.
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthSpec>,
    /// Query items appended to the URL's own, in order, each `- name: value` as it is written in a
    /// URL; `- flag:` with no value writes a bare `flag`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query: Vec<NameValueSpec>,
    /// Ordered headers, each a one-entry map `- Name: value`; a name may repeat.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<NameValueSpec>,
    /// Cookies, `- name: value`, sent as one `Cookie` header after `headers`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cookies: Vec<NameValueSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<BodySpec>,
}

/// One `name: value` entry of an ordered list. YAML gives us a map; [`crate::model`] checks that it
/// holds exactly one entry, so that a forgotten `-` is reported rather than silently reordered.
pub type NameValueSpec = IndexMap<String, Option<String>>;

/// Authentication as data: the samples turn it into the `Authorization` header.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic: Option<BasicAuthSpec>,
    /// The bearer token, e.g. `{{accessToken}}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bearer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apikey: Option<ApiKeySpec>,
}

/// An API key sent as a header (the default) or as a query item.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ApiKeySpec {
    /// The header or query item name, e.g. `X-API-Key`.
    pub name: String,
    pub value: String,
    /// `header` or `query`.
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BasicAuthSpec {
    pub username: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub password: String,
}

/// The request body: exactly one of its fields is set.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BodySpec {
    /// A body sent as written; its media type comes from the `Content-Type` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// Ordered form fields, `- name: value`, sent as `application/x-www-form-urlencoded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urlencoded: Option<Vec<NameValueSpec>>,
    /// Ordered `multipart/form-data` parts: `- name: value` for text, or
    /// `- name: { file: path, content_type: … }` / `- name: { value: …, content_type: … }`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formdata: Option<Vec<IndexMap<String, PartSpec>>>,
    /// The file whose bytes are the body; its media type comes from `Content-Type`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graphql: Option<GraphqlSpec>,
}

/// A file to send: its path, or `{path, must_exist: true}` to have samplegen check that it exists
/// (relative to the project directory).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum FileSpec {
    Path(String),
    Checked(CheckedFileSpec),
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CheckedFileSpec {
    pub path: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub must_exist: bool,
}

impl FileSpec {
    pub fn path_and_check(self) -> (String, bool) {
        match self {
            FileSpec::Path(path) => (path, false),
            FileSpec::Checked(checked) => (checked.path, checked.must_exist),
        }
    }
}

/// A multipart part's value: plain text, or a map that can say more.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum PartSpec {
    Text(Option<String>),
    Detailed(PartDetailSpec),
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PartDetailSpec {
    /// Text content (give this or `file`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The path of the file to upload (give this or `value`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The part's own `Content-Type`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Whether samplegen checks that `file` exists (relative to the project directory).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub must_exist: bool,
}

/// A GraphQL request, sent as the JSON `{"query": …, "variables": …}`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GraphqlSpec {
    pub query: String,
    /// The variables as a JSON object, written as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variables: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseSpec {
    /// `200`, or a status line such as `200 OK`.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The code fence info string for the body; `json` unless said otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// Parses a spec's YAML text.
pub fn parse(source: &str) -> Result<Spec, serde_yaml::Error> {
    serde_yaml::from_str(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_keep_their_source_text() {
        // a writer who types `limit: 10` or `version: 1.10` means the text, not a number
        let spec = parse(
            "title: t\nrequest:\n  method: GET\n  url: u\n  headers:\n    - X-A: 1.10\n    - X-B:\n",
        )
        .unwrap();
        assert_eq!(spec.request.headers[0]["X-A"].as_deref(), Some("1.10"));
        assert_eq!(spec.request.headers[1]["X-B"], None);
    }

    #[test]
    fn unknown_fields_are_errors() {
        let error =
            parse("title: t\nrequest:\n  method: GET\n  url: u\n  header: []\n").unwrap_err();
        assert!(
            error.to_string().contains("unknown field `header`"),
            "{error}"
        );
        assert_eq!(error.location().map(|l| l.line()), Some(5));
    }
}
