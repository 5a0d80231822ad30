//! The validated model: a spec checked for meaning and normalised once, so that every target and
//! the page see the same request. Nothing downstream re-reads the YAML.

mod rules;
mod validate;
mod values;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::http::encoding::base64;
use crate::url::Url;

pub use rules::{
    body_problem, body_refused_by_method, header_value_problem, is_cookie, is_part_name, is_token,
    url_unparsable, variable_problem,
};
pub use validate::{auth_problem, validate, validate_with};
pub(crate) use values::set_in_url;

/// Where a page lives: `specs/auth/openid-connect-oauth-2/token.yaml` is module `auth`, page
/// `openid-connect-oauth-2/token`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PageId {
    pub module: String,
    pub page: String,
}

impl PageId {
    /// The id for a spec at `relative`, its path below the specs directory.
    pub fn from_relative_path(relative: &Path) -> Result<PageId, String> {
        let parts: Vec<&str> = relative
            .iter()
            .map(|part| part.to_str().ok_or("the spec path is not valid UTF-8"))
            .collect::<Result<_, _>>()?;
        let Some((file, dirs)) = parts.split_last() else {
            return Err("empty spec path".into());
        };
        if parts
            .iter()
            .any(|part| part.chars().any(|c| c.is_control()) || *part == "..")
        {
            return Err("a spec path cannot hold control characters or `..`".into());
        }
        let Some(stem) = file.strip_suffix(".yaml") else {
            return Err("a spec file name must end in `.yaml`".into());
        };
        let Some((module, rest)) = dirs.split_first() else {
            return Err(
                "a spec must sit in a module directory below the specs directory (e.g. `specs/auth/token.yaml`)"
                    .into(),
            );
        };
        let mut page: Vec<&str> = rest.to_vec();
        page.push(stem);
        Ok(PageId {
            module: module.to_string(),
            page: page.join("/"),
        })
    }

    /// `module/page`, the path of the page below the output directory, without extension.
    pub fn path(&self) -> String {
        format!("{}/{}", self.module, self.page)
    }
}

/// One documented endpoint, ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct Endpoint {
    pub id: PageId,
    /// The spec file it came from.
    pub source: PathBuf,
    pub title: String,
    pub prose: String,
    pub request: Request,
    /// The example responses, in order; a page shows each in its own section.
    pub responses: Vec<Response>,
    /// The variables, secrets and auth style in force for this spec (the site's and its own).
    pub sample_values: crate::sample_values::SampleValues,
    /// The OpenAPI operation it was imported from, if the spec says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<crate::spec::OriginSpec>,
}

/// An HTTP request as the samples must send it.
#[derive(Debug, Clone, Serialize)]
pub struct Request {
    /// The method token, upper case.
    pub method: String,
    pub url: Url,
    /// The headers the writer listed, in order, then the `Cookie` header of `cookies` (or
    /// `cookies` joined to the writer's own `Cookie` header).
    pub headers: Vec<Header>,
    pub auth: Option<Auth>,
    pub body: Option<Body>,
    /// A `Content-Type` the body implies when the writer gave none; sent after the auth header,
    /// where the house style's tools add it.
    pub implied_content_type: Option<Header>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// A form field or any other ordered name/value pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "scheme", rename_all = "lowercase")]
pub enum Auth {
    Basic {
        username: String,
        password: String,
    },
    Bearer {
        token: String,
    },
    /// A key sent as a header, or as a query item (already part of the request's URL).
    ApiKey {
        name: String,
        value: String,
        location: KeyLocation,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyLocation {
    Header,
    Query,
}

impl Auth {
    /// Whether this auth is sent as a header ([`Auth::header`] is `Some`), without building it.
    pub fn sends_header(&self) -> bool {
        !matches!(
            self,
            Auth::ApiKey {
                location: KeyLocation::Query,
                ..
            }
        )
    }

    /// The header this auth sends, if it sends one. Variables are encoded as written, so basic
    /// auth of `{{id}}:{{secret}}` sends the base64 of those characters, as in the house style.
    pub fn header(&self) -> Option<Header> {
        let (name, value) = match self {
            Auth::Basic { username, password } => (
                "Authorization".to_string(),
                format!("Basic {}", base64(&format!("{username}:{password}"))),
            ),
            Auth::Bearer { token } => ("Authorization".to_string(), format!("Bearer {token}")),
            Auth::ApiKey {
                name,
                value,
                location: KeyLocation::Header,
            } => (name.clone(), value.clone()),
            Auth::ApiKey { .. } => return None,
        };
        Some(Header { name, value })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "mode", rename_all = "lowercase")]
pub enum Body {
    /// Sent as written, with the request's `Content-Type`.
    Raw { text: String },
    /// `application/x-www-form-urlencoded` fields, in order, names may repeat.
    Urlencoded { fields: Vec<Field> },
    /// `multipart/form-data` parts, in order; the client writes the boundary.
    Formdata { parts: Vec<Part> },
    /// The bytes of a file, with the request's `Content-Type`.
    File {
        path: String,
        file_name: String,
        /// Whether the spec asks samplegen to check that the file exists.
        must_exist: bool,
    },
    /// A GraphQL query sent as JSON.
    Graphql {
        query: String,
        /// The variables as compact JSON (`{}` when none were given).
        variables: String,
        /// The body sent: `{"query":…,"variables":…}`, compact.
        json: String,
    },
}

impl Body {
    /// Whether it has at least one byte or field in it.
    pub fn is_present(&self) -> bool {
        match self {
            Body::Raw { text } => !text.is_empty(),
            Body::Urlencoded { fields } => !fields.is_empty(),
            Body::Formdata { parts } => !parts.is_empty(),
            Body::File { .. } | Body::Graphql { .. } => true,
        }
    }
}

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    pub name: String,
    #[serde(flatten)]
    pub content: PartContent,
    /// The part's `Content-Type`, when the spec gives one.
    pub content_type: Option<String>,
}

impl Part {
    /// Whether the part uploads a file (else it is text).
    pub fn is_file(&self) -> bool {
        matches!(self.content, PartContent::File { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum PartContent {
    Text {
        value: String,
    },
    /// A file upload; `file_name` is the last component of `path`, sent as the part's filename.
    File {
        path: String,
        file_name: String,
        /// Whether the spec asks samplegen to check that the file exists.
        must_exist: bool,
    },
}

/// The example response shown at the end of the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Response {
    pub code: u16,
    pub reason: String,
    pub body: Option<String>,
    /// The code fence info string for the body.
    pub lang: String,
}

pub const FORM_URLENCODED: &str = "application/x-www-form-urlencoded";

impl Request {
    /// Whether there is a body with at least one byte or field in it.
    pub fn has_body(&self) -> bool {
        self.body.as_ref().is_some_and(Body::is_present)
    }

    /// Whether this is a `GET` with a body, which browsers, OkHttp and URLSession cannot send.
    pub fn get_with_body(&self) -> bool {
        self.method == "GET" && self.has_body()
    }

    /// The value of the first `Content-Type` header, any case, implied ones included.
    pub fn content_type(&self) -> Option<&str> {
        self.headers
            .iter()
            .chain(&self.implied_content_type)
            .find(|h| h.name.eq_ignore_ascii_case("content-type"))
            .map(|h| h.value.as_str())
    }

    /// The headers as sent, the header from `auth` last (the house style's order).
    pub fn headers_with_auth(&self) -> Vec<Header> {
        let mut headers = self.headers.clone();
        headers.extend(self.auth.as_ref().and_then(Auth::header));
        headers.extend(self.implied_content_type.clone());
        headers
    }

    /// The parts of a multipart body; none for any other body.
    pub fn parts(&self) -> &[Part] {
        match &self.body {
            Some(Body::Formdata { parts }) => parts,
            _ => &[],
        }
    }

    /// Whether a multipart part has its own content type.
    pub fn has_typed_part(&self) -> bool {
        self.parts().iter().any(|p| p.content_type.is_some())
    }

    /// Whether a multipart text part has its own content type.
    pub fn has_typed_text_part(&self) -> bool {
        self.parts()
            .iter()
            .any(|p| matches!(p.content, PartContent::Text { .. }) && p.content_type.is_some())
    }

    /// Whether a multipart text part comes after a file part.
    pub fn has_text_part_after_file(&self) -> bool {
        let parts = self.parts();
        let first_file = parts.iter().position(Part::is_file).unwrap_or(parts.len());
        parts[first_file..].iter().any(|part| !part.is_file())
    }

    /// Whether a multipart part's name is another's too.
    pub fn repeats_a_part_name(&self) -> bool {
        let mut seen = std::collections::HashSet::new();
        self.parts()
            .iter()
            .any(|part| !seen.insert(part.name.as_str()))
    }

    /// Whether a multipart part's name or file name has a character for which `outside` holds.
    pub fn has_part_name_with(&self, outside: impl Fn(char) -> bool) -> bool {
        self.parts().iter().any(|part| {
            let file_name = match &part.content {
                PartContent::File { file_name, .. } => file_name.as_str(),
                PartContent::Text { .. } => "",
            };
            part.name.chars().chain(file_name.chars()).any(&outside)
        })
    }

    /// Whether a multipart text part holds a line break other than CR LF (a bare LF or CR).
    pub fn has_text_part_with_bare_line_break(&self) -> bool {
        self.parts().iter().any(|part| match &part.content {
            PartContent::Text { value } => value.replace("\r\n", "").contains(['\r', '\n']),
            PartContent::File { .. } => false,
        })
    }

    /// Whether the request sends no body bytes: no body, or an empty raw body or form.
    pub fn sends_empty_body(&self) -> bool {
        match &self.body {
            None => true,
            Some(Body::Raw { text }) => text.is_empty(),
            Some(Body::Urlencoded { fields }) => fields.is_empty(),
            Some(_) => false,
        }
    }

    /// Whether the writer listed a header with one of these names, any case.
    pub fn has_header(&self, names: &[&str]) -> bool {
        self.headers
            .iter()
            .any(|h| names.iter().any(|name| h.name.eq_ignore_ascii_case(name)))
    }

    /// Whether the writer listed a header with one of these names, any case, and an empty value.
    pub fn has_empty_header(&self, names: &[&str]) -> bool {
        self.headers.iter().any(|h| {
            h.value.trim().is_empty() && names.iter().any(|name| h.name.eq_ignore_ascii_case(name))
        })
    }

    /// Whether a header sent (the auth header included) is one a browser page may not set.
    pub fn sets_header_forbidden_in_browsers(&self) -> bool {
        self.headers_with_auth()
            .iter()
            .any(|h| crate::http::is_forbidden_in_browsers(&h.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // `sends_header` answers for `header` without building the header: they must agree
    #[test]
    fn an_auth_sends_a_header_exactly_when_it_has_one() {
        let key = |location| Auth::ApiKey {
            name: "X-Key".into(),
            value: "k".into(),
            location,
        };
        for auth in [
            Auth::Basic {
                username: "u".into(),
                password: "p".into(),
            },
            Auth::Bearer { token: "t".into() },
            key(KeyLocation::Header),
            key(KeyLocation::Query),
        ] {
            assert_eq!(auth.sends_header(), auth.header().is_some(), "{auth:?}");
        }
    }
}
