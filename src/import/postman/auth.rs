//! Auth: the request's own or the one it inherits, and which wins against an explicit header:
//! the auth, as Postman's runtime signs a request (its authorizers remove the header and add
//! their own).

use serde_json::{Map, Value};

use super::Importer;
use super::collection::text;
use super::headers::Header;
use crate::spec::{ApiKeySpec, AuthSpec, BasicAuthSpec, KeyLocationSpec};

/// An `auth` that says something: not `null` and not Postman's "inherit from parent".
pub(super) fn is_set(auth: &Value) -> bool {
    auth.is_object() && auth.get("type").and_then(Value::as_str) != Some("inherit")
}

/// The auth a request inherits: the nearest folder's, or the collection's.
pub(super) struct InForce<'a> {
    pub(super) auth: &'a Value,
    pub(super) at: String,
}

impl Importer {
    /// The request's auth, else the inherited one; when an explicit header says the same as
    /// the auth, the auth wins, own or inherited, as Postman sends it.
    pub(super) fn auth_in_force(
        &mut self,
        request: &Map<String, Value>,
        request_at: &str,
        inherited: Option<&InForce>,
        headers: &mut Vec<Header>,
    ) -> Option<AuthSpec> {
        let (auth, at, own) = match request.get("auth").filter(|auth| is_set(auth)) {
            Some(auth) => (auth, format!("{request_at}/auth"), true),
            None => {
                let inherited = inherited?;
                (inherited.auth, inherited.at.clone(), false)
            }
        };
        let kind = text(auth.get("type"));
        let written = self.auth(auth, &at);
        // the header Postman sends for the auth, in place of one the request gives: an auth a
        // spec cannot write (digest, AWS, NTLM…) still sends `Authorization`, which makes the
        // request's own a stale copy, not sent either
        let sent = written
            .as_ref()
            .map(|written| written.header_name().map(str::to_string));
        let (header, why) = match sent {
            Some(Some(header)) => {
                let whose = if own {
                    "the request's auth".to_string()
                } else {
                    format!("the auth it inherits from {at}")
                };
                let why = format!("{whose} sends `{header}` itself, as Postman does");
                (header, why)
            }
            None if !matches!(kind.as_str(), "noauth" | "apikey" | "") => (
                "Authorization".to_string(),
                format!(
                    "the `{kind}` auth sends `Authorization` itself in Postman, in place of this one, and cannot be written in a spec"
                ),
            ),
            Some(None) | None => return written,
        };
        let (dropped, kept): (Vec<Header>, Vec<Header>) = std::mem::take(headers)
            .into_iter()
            .partition(|h| h.name.eq_ignore_ascii_case(&header));
        *headers = kept;
        for dropped in dropped {
            self.note("unsupported-auth", dropped.at, format!("dropped: {why}"));
        }
        written
    }

    fn auth(&mut self, auth: &Value, at: &str) -> Option<AuthSpec> {
        let kind = text(auth.get("type"));
        // v2.1: `basic: [{key, value}]`; v2.0: `basic: {username, password}`
        let attribute = |key: &str| -> String {
            match auth.get(&kind) {
                Some(Value::Array(attributes)) => attributes
                    .iter()
                    .find(|a| a.get("key").and_then(Value::as_str) == Some(key))
                    .map(|a| text(a.get("value")))
                    .unwrap_or_default(),
                Some(Value::Object(attributes)) => text(attributes.get(key)),
                _ => String::new(),
            }
        };
        let spec = match kind.as_str() {
            "noauth" => return None,
            "basic" => AuthSpec::Basic(BasicAuthSpec {
                username: attribute("username"),
                password: attribute("password"),
            }),
            "bearer" => {
                let token = attribute("token");
                if token.is_empty() {
                    self.note(
                        "unsupported-auth",
                        at,
                        "ignored: a bearer auth without a token, with which Postman sends no `Authorization`",
                    );
                    return None;
                }
                AuthSpec::Bearer(token)
            }
            // a MAC token, which Postman's runtime does not sign with: no auth is sent
            "oauth2"
                if !attribute("accessToken").is_empty()
                    && attribute("tokenType").eq_ignore_ascii_case("mac") =>
            {
                self.note(
                    "unsupported-auth",
                    at,
                    "`oauth2` with a saved token of type `mac`, with which Postman sends no auth: requests using it are imported without auth",
                );
                return None;
            }
            // the token a collection saved, as Postman's runtime sends it: in `Authorization`
            // after `Bearer `, or after the prefix given (trimmed, then a blank unless empty:
            // Zoho's `Zoho-oauthtoken`), or as `access_token` in the query
            "oauth2" if !attribute("accessToken").is_empty() => {
                let token = attribute("accessToken");
                let prefix = auth
                    .get(&kind)
                    .is_some_and(|attributes| has_attribute(attributes, "headerPrefix"))
                    .then(|| attribute("headerPrefix").trim().to_string());
                match (attribute("addTokenTo").as_str(), prefix.as_deref()) {
                    ("" | "header", None | Some("Bearer")) => AuthSpec::Bearer(token),
                    ("" | "header", Some(prefix)) => AuthSpec::Apikey(ApiKeySpec {
                        name: "Authorization".into(),
                        value: if prefix.is_empty() {
                            token
                        } else {
                            format!("{prefix} {token}")
                        },
                        location: None,
                    }),
                    // encoded as Postman's runtime encodes a query item's value, as an API
                    // key's below
                    ("queryParams", _) => AuthSpec::Apikey(ApiKeySpec {
                        name: "access_token".into(),
                        value: crate::url::escaped(&token, &['#', '&']),
                        location: Some(KeyLocationSpec::Query),
                    }),
                    (to, _) => {
                        self.note(
                            "unsupported-auth",
                            at,
                            format!(
                                "`oauth2` with its token added to `{to}`, where Postman adds none (it knows `header` and `queryParams`): requests using it are imported without auth"
                            ),
                        );
                        return None;
                    }
                }
            }
            "apikey" => {
                let mut name = attribute("key");
                if let Some(resolved) = self.with_collection_values(&name, "the API key's name", at)
                {
                    name = resolved;
                }
                let location = match attribute("in").as_str() {
                    "" | "header" => None,
                    "query" => Some(KeyLocationSpec::Query),
                    other => {
                        self.note(
                            "unsupported-auth",
                            at,
                            format!("the API key is sent `in: {other}`, which samplegen does not know; it is sent as a header"),
                        );
                        None
                    }
                };
                // a header's name is a token; a query item's name anything, encoded
                if location.is_none() && !crate::model::is_token(&name) {
                    self.note(
                        "unsupported-auth",
                        at,
                        format!("dropped: the API key's name `{name}` is not a valid header name"),
                    );
                    return None;
                }
                // in the query, as Postman's runtime encodes a query item's name and value
                let (name, value) = match location {
                    Some(KeyLocationSpec::Query) => (
                        crate::url::escaped(&name, &['#', '&', '=']),
                        crate::url::escaped(&attribute("value"), &['#', '&']),
                    ),
                    _ => (name, attribute("value")),
                };
                AuthSpec::Apikey(ApiKeySpec {
                    name,
                    value,
                    location,
                })
            }
            "" => {
                self.note("unsupported-auth", at, "ignored: an auth without a `type`");
                return None;
            }
            // no token saved: Postman sends no auth until one is got
            "oauth2" => {
                self.note(
                    "unsupported-auth",
                    at,
                    "`oauth2` without a saved access token: Postman sends no auth until one is got, and requests using it are imported without auth (with a token saved, it is a bearer token)",
                );
                return None;
            }
            other => {
                self.note(
                    "unsupported-auth",
                    at,
                    format!("`{other}` auth cannot be written in a spec (basic, bearer and apikey can); requests using it are imported without auth"),
                );
                return None;
            }
        };
        let mut spec = spec.map_credentials(|text| self.variables(text, at));
        // a user name with a `:` in it: Postman sends `user:password` whole, which the same
        // header says as a user name up to its first `:` and the rest before the password
        if let AuthSpec::Basic(basic) = &mut spec
            && let Some((user, rest)) = basic
                .username
                .split_once(':')
                .map(|(user, rest)| (user.to_string(), rest.to_string()))
            && !basic.username.chars().any(char::is_control)
        {
            basic.password = format!("{rest}:{}", basic.password);
            basic.username = user.clone();
            self.note(
                "auth",
                at,
                format!("the user name `{user}:{rest}` holds a `:`, which basic auth cannot tell from the one before the password: written as the user name `{user}` and a password starting `{rest}:`, which sends the same header"),
            );
        }
        // one credential a request cannot carry costs the auth, not the request (a header's
        // value without the blanks around it, which every import takes off)
        let mut checked = spec.clone();
        match &mut checked {
            AuthSpec::Bearer(token) => *token = token.trim().to_string(),
            AuthSpec::Apikey(key) => key.value = key.value.trim().to_string(),
            AuthSpec::Basic(_) => {}
        }
        if let Some(problem) = crate::model::auth_problem(&checked) {
            self.note(
                "unsupported-auth",
                at,
                format!("dropped, and requests using it are imported without auth: {problem}"),
            );
            return None;
        }
        Some(spec)
    }
}

/// Whether a v2.1 attribute list or a v2.0 attribute object names `key`.
fn has_attribute(attributes: &Value, key: &str) -> bool {
    match attributes {
        Value::Array(list) => list
            .iter()
            .any(|a| a.get("key").and_then(Value::as_str) == Some(key)),
        Value::Object(map) => map.contains_key(key),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::import::postman::test_support::*;
    use serde_json::json;

    // a credential no header can carry costs the auth, not the request; a `:` in a basic user
    // name is the header newman sends, said with the user name up to it
    #[test]
    fn an_auth_a_request_cannot_carry_is_dropped_and_the_request_kept() {
        let (spec, notes) = one(
            json!({"method": "POST", "url": "https://e.com/a", "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "tök"}]}}),
        );
        assert!(spec.request.auth.is_none());
        assert_eq!(spec.request.url, "https://e.com/a");
        assert!(
            notes.iter().any(|n| n.message.starts_with("dropped, and requests using it are imported without auth: request.auth.bearer: the token")),
            "{notes:#?}"
        );
        valid(&spec);
        let (spec, notes) = one(
            json!({"url": "https://e.com", "auth": {"type": "basic", "basic": {"username": "us:er", "password": "p:w"}}}),
        );
        let basic = spec.request.auth.clone().unwrap().basic().unwrap().clone();
        assert_eq!(
            (basic.username.as_str(), basic.password.as_str()),
            ("us", "er:p:w")
        );
        assert!(
            notes[0].message.contains("sends the same header"),
            "{notes:#?}"
        );
        valid(&spec);
    }

    // newman computes these and sends them in place of the collection's stale copy
    #[test]
    fn an_auth_a_spec_cannot_write_takes_the_stale_authorization_header_along() {
        for kind in ["digest", "awsv4", "ntlm"] {
            let (spec, notes) = one(json!({"url": "https://e.com",
                "header": [{"key": "Authorization", "value": "Digest username=\"old\""}, {"key": "X-A", "value": "1"}],
                "auth": {"type": kind, kind: [{"key": "username", "value": "u"}]}}));
            assert_eq!(
                spec.request.headers.len(),
                1,
                "{kind}: {:?}",
                spec.request.headers
            );
            assert!(
                notes.iter().any(|n| n
                    .message
                    .contains(&format!("the `{kind}` auth sends `Authorization` itself"))),
                "{notes:#?}"
            );
        }
    }

    #[test]
    fn auth_kinds_v21_and_v20() {
        let (spec, _) = one(
            json!({"url": "https://e.com", "auth": {"type": "basic", "basic": [
                {"key": "password", "value": "{{secret}}"}, {"key": "username", "value": "{{id}}"}
            ]}}),
        );
        let basic = spec.request.auth.clone().unwrap().basic().unwrap().clone();
        assert_eq!(
            (basic.username.as_str(), basic.password.as_str()),
            ("{{id}}", "{{secret}}")
        );
        valid(&spec);

        let (spec, _) = one(
            json!({"url": "https://e.com", "auth": {"type": "basic", "basic": {"username": "u", "password": "p"}}}),
        );
        assert_eq!(spec.request.auth.unwrap().basic().unwrap().username, "u");

        let (spec, _) = one(
            json!({"url": "https://e.com", "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]}}),
        );
        assert_eq!(spec.request.auth.unwrap().bearer(), Some("{{token}}"));

        let (spec, _) = one(
            json!({"url": "https://e.com", "auth": {"type": "bearer", "bearer": {"token": "t"}}}),
        );
        assert_eq!(spec.request.auth.unwrap().bearer(), Some("t"));

        let (spec, _) = one(
            json!({"url": "https://e.com", "auth": {"type": "apikey", "apikey": [
                {"key": "value", "value": "{{key}}"}, {"key": "key", "value": "X-API-Key"}
            ]}}),
        );
        let key = spec.request.auth.clone().unwrap().apikey().unwrap().clone();
        assert_eq!(
            (key.name.as_str(), key.value.as_str(), key.location),
            ("X-API-Key", "{{key}}", None)
        );
        valid(&spec);

        let (spec, _) = one(
            json!({"url": "https://e.com", "auth": {"type": "apikey", "apikey": [
                {"key": "value", "value": "v"}, {"key": "key", "value": "api_key"}, {"key": "in", "value": "query"}
            ]}}),
        );
        assert_eq!(
            spec.request
                .auth
                .clone()
                .unwrap()
                .apikey()
                .unwrap()
                .location,
            Some(crate::spec::KeyLocationSpec::Query)
        );
        valid(&spec);

        // a query item's name is no header's: brackets, blanks and `=` are sent, encoded
        for (written, name) in [("api[key]", "api[key]"), ("k y", "k y"), ("a=b", "a%3Db")] {
            let (spec, notes) = one(
                json!({"url": "https://e.com", "auth": {"type": "apikey", "apikey": [
                    {"key": "value", "value": "v"}, {"key": "key", "value": written}, {"key": "in", "value": "query"}
                ]}}),
            );
            assert_eq!(
                spec.request.auth.clone().unwrap().apikey().unwrap().name,
                name
            );
            assert!(notes.is_empty(), "{notes:?}");
            valid(&spec);
        }
        let (spec, notes) = one(
            json!({"url": "https://e.com", "auth": {"type": "apikey", "apikey": [
                {"key": "value", "value": "v"}, {"key": "key", "value": "k y"}
            ]}}),
        );
        assert!(spec.request.auth.is_none());
        assert!(
            notes[0].message.contains("is not a valid header name"),
            "{notes:?}"
        );
    }

    #[test]
    fn other_auth_kinds_are_noted_once() {
        let mut c = collection(json!([
            {"name": "A", "request": {"url": "https://e.com/a"}},
            {"name": "B", "request": {"url": "https://e.com/b"}},
            {"name": "C", "request": {"url": "https://e.com/c", "auth": {"type": "digest", "digest": []}}}
        ]));
        c["auth"] = json!({"type": "hawk", "hawk": [{"key": "authId", "value": "x"}]});
        let import = run(c);
        assert!(import.items.iter().all(|i| i.spec.request.auth.is_none()));
        let at: Vec<&str> = import.notes.iter().map(|n| n.at.as_str()).collect();
        assert_eq!(at, ["/auth", "/item/2/request/auth"]);
        assert!(import.notes[0].message.contains("`hawk` auth"));
    }

    // as Postman's runtime signs a request
    #[test]
    fn a_saved_oauth2_token_is_sent_and_an_empty_bearer_token_is_not() {
        let oauth2 = |attributes: serde_json::Value| {
            one(json!({"url": "https://e.com/a?access_token=old&b=1",
                "auth": {"type": "oauth2", "oauth2": attributes}}))
        };
        let (spec, _) = oauth2(
            json!([{"key": "accessToken", "value": "tok"}, {"key": "tokenType", "value": "Bearer"}]),
        );
        assert_eq!(spec.request.auth.unwrap().bearer(), Some("tok"));
        let (spec, notes) = oauth2(json!({"accessToken": "tok", "addTokenTo": "queryParams"}));
        let key = spec.request.auth.clone().unwrap().apikey().unwrap().clone();
        assert_eq!(
            (key.name.as_str(), key.value.as_str()),
            ("access_token", "tok")
        );
        // the query's own `access_token` makes way for the token's
        assert_eq!(spec.request.url, "https://e.com/a?b=1");
        assert_eq!(notes[0].at, "/item/0/request/url");
        valid(&spec);
        // a token with what would end a query item is sent encoded, as newman sends it
        let (spec, notes) = oauth2(json!({"accessToken": "AT 1&2#", "addTokenTo": "queryParams"}));
        let key = spec.request.auth.clone().unwrap().apikey().unwrap().clone();
        assert_eq!(key.value, "AT 1%262%23");
        assert!(
            notes
                .iter()
                .all(|n| n.message.starts_with("dropped: the query's")),
            "{notes:?}"
        );
        valid(&spec);
        // another prefix (Zoho's, Django REST framework's), trimmed, or none at all
        for (prefix, sent) in [
            (" Zoho-oauthtoken ", "Zoho-oauthtoken tok"),
            ("bearer", "bearer tok"),
            ("", "tok"),
        ] {
            let (spec, _) = oauth2(json!({"accessToken": "tok", "headerPrefix": prefix}));
            let key = spec.request.auth.clone().unwrap().apikey().unwrap().clone();
            assert_eq!(
                (key.name.as_str(), key.value.as_str()),
                ("Authorization", sent)
            );
            assert_eq!(key.location, None);
            valid(&spec);
        }
        // a MAC token: Postman signs nothing
        let (spec, notes) = oauth2(json!({"accessToken": "tok", "tokenType": "MAC"}));
        assert!(spec.request.auth.is_none());
        assert!(notes[0].message.contains("type `mac`"), "{notes:?}");
        let (spec, notes) = oauth2(json!({"accessToken": "tok", "addTokenTo": "url"}));
        assert!(spec.request.auth.is_none());
        assert!(notes[0].message.contains("added to `url`"), "{notes:?}");
        let (spec, notes) = oauth2(json!({"accessToken": ""}));
        assert!(spec.request.auth.is_none());
        assert!(
            notes[0].message.contains("without a saved access token"),
            "{notes:?}"
        );

        let (spec, notes) = one(json!({"url": "https://e.com",
            "auth": {"type": "bearer", "bearer": [{"key": "token", "value": ""}]}}));
        assert!(spec.request.auth.is_none());
        assert!(notes[0].message.contains("without a token"), "{notes:?}");
    }

    #[test]
    fn auth_is_inherited_from_the_nearest_folder() {
        let mut c = collection(json!([
            {"name": "F", "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "folder"}]}, "item": [
                {"name": "G", "auth": null, "item": [
                    {"name": "Inherits folder", "request": {"url": "https://e.com/1"}},
                    {"name": "Own", "request": {"url": "https://e.com/2", "auth": {"type": "basic", "basic": [{"key": "username", "value": "u"}]}}},
                    {"name": "None", "request": {"url": "https://e.com/3", "auth": {"type": "noauth"}}}
                ]}
            ]},
            {"name": "NoAuthFolder", "auth": {"type": "noauth"}, "item": [
                {"name": "Nothing", "request": {"url": "https://e.com/4"}}
            ]},
            {"name": "Inherits collection", "request": {"url": "https://e.com/5"}}
        ]));
        c["auth"] = json!({"type": "bearer", "bearer": [{"key": "token", "value": "collection"}]});
        let import = run(c);
        let auths: Vec<String> = import
            .items
            .iter()
            .map(|i| match &i.spec.request.auth {
                None => "none".into(),
                Some(a) => a.bearer().unwrap_or("basic").to_string(),
            })
            .collect();
        assert_eq!(auths, ["folder", "basic", "none", "none", "collection"]);
        assert!(import.notes.is_empty(), "{:?}", import.notes);
    }

    #[test]
    fn explicit_authorization_header_against_auth() {
        // inherited auth: it wins, as Postman's authorizers replace the header
        let mut c = collection(json!([{"name": "R", "request": {
            "method": "GET", "url": "https://e.com",
            "header": [{"key": "authorization", "value": "Bearer {{mine}}"}]
        }}]));
        c["auth"] = json!({"type": "bearer", "bearer": [{"key": "token", "value": "t"}]});
        let import = run(c);
        let spec = &import.items[0].spec;
        assert_eq!(spec.request.auth.as_ref().unwrap().bearer(), Some("t"));
        assert!(headers(spec).is_empty());
        assert_eq!(import.notes.len(), 1);
        assert_eq!(import.notes[0].at, "/item/0/request/header/0");
        assert!(import.notes[0].message.contains("inherits from /auth"));
        valid(spec);

        // the request's own auth: the auth wins
        let (spec, notes) = one(json!({
            "url": "https://e.com",
            "auth": {"type": "basic", "basic": [{"key": "username", "value": "u"}]},
            "header": [{"key": "Authorization", "value": "Basic x"}, {"key": "X", "value": "y"}]
        }));
        assert!(spec.request.auth.is_some());
        assert_eq!(headers(&spec), [pair("X", "y")]);
        assert_eq!(notes[0].at, "/item/0/request/header/0");
        valid(&spec);
    }
}
