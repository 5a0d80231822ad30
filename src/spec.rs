//! The spec file format, exactly as a writer types it in `specs/**/*.yaml`. Parsing is strict:
//! unknown fields are errors. Meaning is checked later, in [`crate::model`].

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::yaml::{self, ScalarOrMap, YamlError};

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
    /// Several example responses (one for each outcome a page shows), each in its own
    /// "Example Response" section, in order. A spec gives `response` or `responses`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<ResponseSpec>,
    /// The page's prose, Markdown, shown between the request line and the Headers section.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prose: String,
    /// This page's own `variables`, `secrets` and `auth_style`, on top of `samplegen.yaml`'s
    /// (see [`crate::sample_values`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variables: Option<IndexMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets: Option<crate::sample_values::SecretsSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_style: Option<crate::sample_values::AuthStyle>,
    /// Where the spec was imported from, for `samplegen export`: written by `import openapi`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<OriginSpec>,
}

/// The OpenAPI operation a spec was imported from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OriginSpec {
    /// The document's file name, as `samplegen export openapi` is given it.
    pub openapi: String,
    /// The operation: its method in upper case and its path as the document writes it,
    /// `GET /pets/{petId}`.
    pub operation: String,
}

impl OriginSpec {
    /// The method (lower case, as OpenAPI keys it) and the path, or `None` when `operation` is
    /// not `METHOD /path`.
    pub fn method_and_path(&self) -> Option<(String, &str)> {
        let (method, path) = self.operation.split_once(' ')?;
        (!method.is_empty() && path.starts_with('/')).then(|| (method.to_ascii_lowercase(), path))
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RequestSpec {
    /// The method token, e.g. `GET` or `PROPFIND`.
    pub method: String,
    /// The URL; `{{variables}}` anywhere are kept as written.
    pub url: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "one_key::deserialize"
    )]
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
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "one_key::deserialize"
    )]
    pub body: Option<BodySpec>,
}

/// One `name: value` entry of an ordered list. YAML gives us a map; [`crate::model`] checks that it
/// holds exactly one entry, so that a forgotten `-` is reported rather than silently reordered.
pub type NameValueSpec = IndexMap<String, Option<String>>;

/// Authentication as data, exactly one kind, written as a one-key map (`bearer: …`): the samples
/// turn it into the header or query item it sends.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthSpec {
    Basic(BasicAuthSpec),
    /// The bearer token, e.g. `{{accessToken}}`.
    Bearer(String),
    Apikey(ApiKeySpec),
}

impl AuthSpec {
    /// The header this auth sends, if it sends one.
    pub fn header_name(&self) -> Option<&str> {
        match self {
            AuthSpec::Basic(_) | AuthSpec::Bearer(_) => Some("Authorization"),
            AuthSpec::Apikey(key) if key.location == Some(KeyLocationSpec::Query) => None,
            AuthSpec::Apikey(key) => Some(&key.name),
        }
    }

    /// The query item this auth adds, if it adds one.
    pub fn query_name(&self) -> Option<&str> {
        match self {
            AuthSpec::Apikey(key) if key.location == Some(KeyLocationSpec::Query) => {
                Some(&key.name)
            }
            _ => None,
        }
    }

    pub fn basic(&self) -> Option<&BasicAuthSpec> {
        match self {
            AuthSpec::Basic(basic) => Some(basic),
            _ => None,
        }
    }

    pub fn bearer(&self) -> Option<&str> {
        match self {
            AuthSpec::Bearer(token) => Some(token),
            _ => None,
        }
    }

    pub fn apikey(&self) -> Option<&ApiKeySpec> {
        match self {
            AuthSpec::Apikey(key) => Some(key),
            _ => None,
        }
    }

    /// The same auth with each credential (not a name) rewritten by `rewrite`.
    pub fn map_credentials(self, mut rewrite: impl FnMut(&str) -> String) -> AuthSpec {
        match self {
            AuthSpec::Basic(basic) => AuthSpec::Basic(BasicAuthSpec {
                username: rewrite(&basic.username),
                password: rewrite(&basic.password),
            }),
            AuthSpec::Bearer(token) => AuthSpec::Bearer(rewrite(&token)),
            AuthSpec::Apikey(key) => AuthSpec::Apikey(ApiKeySpec {
                value: rewrite(&key.value),
                ..key
            }),
        }
    }
}

/// An API key sent as a header (the default) or as a query item.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ApiKeySpec {
    /// The header or query item name, e.g. `X-API-Key`.
    pub name: String,
    pub value: String,
    /// Where the key goes; a header unless said otherwise.
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub location: Option<KeyLocationSpec>,
}

/// Where an API key is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyLocationSpec {
    Header,
    Query,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BasicAuthSpec {
    pub username: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub password: String,
}

/// The request body, exactly one mode, written as a one-key map (`raw: …`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BodySpec {
    /// A body sent as written; its media type comes from the `Content-Type` header.
    Raw(String),
    /// Ordered form fields, `- name: value`, sent as `application/x-www-form-urlencoded`.
    Urlencoded(Vec<NameValueSpec>),
    /// Ordered `multipart/form-data` parts: `- name: value` for text, or
    /// `- name: { file: path, content_type: … }` / `- name: { value: …, content_type: … }`.
    Formdata(Vec<IndexMap<String, PartSpec>>),
    /// The file whose bytes are the body; its media type comes from `Content-Type`.
    File(FileSpec),
    Graphql(GraphqlSpec),
}

/// A one-of input written as a one-key map (`raw: …`, `bearer: …`): read as its enum, with an
/// error naming every kind when a writer gives none, an unknown one or several. (Written, an
/// enum is that one-key map already.)
mod one_key {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::value::MapAccessDeserializer;
    use serde::de::{Error, MapAccess, Visitor};
    use serde::{Deserialize, Deserializer};

    /// The kinds of a one-of input, as its keys are written.
    pub trait Kinds {
        const KINDS: &'static [&'static str];
    }

    fn listed(kinds: &[&str]) -> String {
        let quoted: Vec<String> = kinds.iter().map(|k| format!("`{k}`")).collect();
        match quoted.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }

    pub fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de> + Kinds,
    {
        struct OneKey<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Kinds> Visitor<'de> for OneKey<T> {
            type Value = Option<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "one of {}", listed(T::KINDS))
            }

            fn visit_unit<E: Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
                let value = T::deserialize(MapAccessDeserializer::new(&mut map))?;
                if let Some(extra) = map.next_key::<String>()? {
                    return Err(A::Error::custom(format!(
                        "give exactly one of {}; `{extra}` is one too many",
                        listed(T::KINDS)
                    )));
                }
                Ok(Some(value))
            }
        }
        deserializer.deserialize_any(OneKey(PhantomData))
    }
}

impl one_key::Kinds for BodySpec {
    const KINDS: &'static [&'static str] = BodySpec::MODES;
}

impl one_key::Kinds for AuthSpec {
    const KINDS: &'static [&'static str] = &["basic", "bearer", "apikey"];
}

/// Each mode's content, when the body is of that mode.
impl BodySpec {
    /// The body modes, each the key a spec writes its body under.
    pub const MODES: &'static [&'static str] =
        &["raw", "urlencoded", "formdata", "file", "graphql"];

    /// Whether it holds no byte or field (a file or a GraphQL query always counts).
    pub fn is_empty(&self) -> bool {
        match self {
            BodySpec::Raw(text) => text.is_empty(),
            BodySpec::Urlencoded(fields) => fields.is_empty(),
            BodySpec::Formdata(parts) => parts.is_empty(),
            BodySpec::File(_) | BodySpec::Graphql(_) => false,
        }
    }

    pub fn raw(&self) -> Option<&str> {
        match self {
            BodySpec::Raw(text) => Some(text),
            _ => None,
        }
    }

    pub fn urlencoded(&self) -> Option<&Vec<NameValueSpec>> {
        match self {
            BodySpec::Urlencoded(fields) => Some(fields),
            _ => None,
        }
    }

    pub fn formdata(&self) -> Option<&Vec<IndexMap<String, PartSpec>>> {
        match self {
            BodySpec::Formdata(parts) => Some(parts),
            _ => None,
        }
    }

    pub fn file(&self) -> Option<&FileSpec> {
        match self {
            BodySpec::File(file) => Some(file),
            _ => None,
        }
    }

    pub fn graphql(&self) -> Option<&GraphqlSpec> {
        match self {
            BodySpec::Graphql(graphql) => Some(graphql),
            _ => None,
        }
    }
}

/// A file to send: its path, or `{path, must_exist: true}` to have samplegen check that it exists
/// (relative to the project directory).
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum PartSpec {
    Text(Option<String>),
    Detailed(PartDetailSpec),
}

/// Text as written (`- n: 1.10` is the text `1.10`), or a map whose unknown fields are named.
impl<'de> Deserialize<'de> for PartSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match ScalarOrMap::deserialize(deserializer)? {
            ScalarOrMap::Scalar(text) => PartSpec::Text(text),
            ScalarOrMap::Map(detail) => PartSpec::Detailed(detail),
        })
    }
}

/// A path as written, or a map whose unknown fields are named.
impl<'de> Deserialize<'de> for FileSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match ScalarOrMap::deserialize(deserializer)? {
            ScalarOrMap::Scalar(Some(path)) => Ok(FileSpec::Path(path)),
            ScalarOrMap::Scalar(None) => Err(serde::de::Error::custom(
                "expected a file path, or a map with `path` and `must_exist`",
            )),
            ScalarOrMap::Map(checked) => Ok(FileSpec::Checked(checked)),
        }
    }
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
    /// Which of the query's operations runs, when it holds several (`operationName`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
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

impl Spec {
    /// Sets the example responses as a writer would write them: one as `response`, several as
    /// `responses`.
    pub fn set_responses(&mut self, mut responses: Vec<ResponseSpec>) {
        if responses.len() == 1 {
            self.response = responses.pop();
            self.responses = Vec::new();
        } else {
            self.response = None;
            self.responses = responses;
        }
    }

    /// The example responses, in order, however the spec gives them.
    pub fn all_responses(&self) -> impl Iterator<Item = &ResponseSpec> {
        self.response.iter().chain(&self.responses)
    }
}

/// Parses a spec's YAML text.
pub fn parse(source: &str) -> Result<Spec, YamlError> {
    yaml::from_str(source)
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
        // a multipart part, text or a map, keeps its text as well
        let spec = parse(
            "title: t\nrequest:\n  method: POST\n  url: u\n  body:\n    formdata:\n      - version: 1.10\n      - flag: no\n",
        )
        .unwrap();
        let parts = spec.request.body.unwrap();
        let parts = parts.formdata().unwrap();
        assert!(matches!(&parts[0]["version"], PartSpec::Text(Some(t)) if t == "1.10"));
        assert!(matches!(&parts[1]["flag"], PartSpec::Text(Some(t)) if t == "no"));
    }

    #[test]
    fn a_spec_may_start_with_a_byte_order_mark() {
        let spec = parse("\u{feff}title: t\nrequest:\n  method: GET\n  url: u\n").unwrap();
        assert_eq!(spec.title, "t");
    }

    #[test]
    fn an_unknown_part_field_is_named_where_it_is() {
        let error = parse(
            "title: t\nrequest:\n  method: POST\n  url: u\n  body:\n    formdata:\n      - doc: {file: a, type: pdf}\n",
        )
        .unwrap_err();
        assert!(
            error.message.starts_with(
                "request.body.formdata[0].doc: unknown field `type`, expected one of `value`, `file`"
            ),
            "{error}"
        );
        assert_eq!(error.location.map(|l| (l.line, l.column)), Some((7, 24)));
    }

    #[test]
    fn a_header_written_twice_in_one_entry_is_an_error() {
        let error = parse(
            "title: t\nrequest:\n  method: GET\n  url: u\n  headers:\n    - {X-A: 1, X-A: 2}\n",
        )
        .unwrap_err();
        assert!(error.message.contains("`X-A` is written twice"), "{error}");
        assert_eq!(error.location.map(|l| (l.line, l.column)), Some((6, 16)));
    }

    #[test]
    fn one_of_inputs_name_every_kind_when_wrong() {
        let spec =
            |body: &str| format!("title: t\nrequest:\n  method: POST\n  url: u\n  body:\n{body}");
        let unknown = parse(&spec("    rwa: x\n")).unwrap_err().to_string();
        assert!(
            unknown.contains("unknown variant `rwa`, expected one of `raw`, `urlencoded`, `formdata`, `file`, `graphql`"),
            "{unknown}"
        );
        let two = parse(&spec("    raw: a\n    file: b\n")).unwrap_err();
        assert!(
            two.to_string().contains("give exactly one of `raw`, `urlencoded`, `formdata`, `file` or `graphql`; `file` is one too many"),
            "{two}"
        );
        assert!(two.location.is_some());
        let raw = parse(&spec("    raw: '{}'\n")).unwrap();
        assert_eq!(raw.request.body.unwrap().raw(), Some("{}"));
        let written = yaml::to_string(&parse(&spec("    urlencoded:\n      - a: b\n")).unwrap());
        assert!(
            written.contains("body:\n    urlencoded:\n    - a: b\n"),
            "{written}"
        );
    }

    #[test]
    fn unknown_fields_are_errors() {
        let error =
            parse("title: t\nrequest:\n  method: GET\n  url: u\n  header: []\n").unwrap_err();
        assert!(
            error.to_string().contains("unknown field `header`"),
            "{error}"
        );
        assert_eq!(error.location.map(|l| l.line), Some(5));
    }
}
