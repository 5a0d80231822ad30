//! Security requirements and schemes: the first requirement the samples can send, as the spec's
//! auth and any further keys.

use percent_encoding::utf8_percent_encode;
use serde_json::{Map, Value};

use super::Importer;
use super::document::escape;
use super::parameters::{QUERY, placeholder};
use crate::import::Note;
use crate::spec::{ApiKeySpec, AuthSpec, BasicAuthSpec, KeyLocationSpec};

/// What a security requirement adds to a request.
#[derive(Debug, Default)]
pub(super) struct Security {
    pub(super) auth: Option<AuthSpec>,
    pub(super) headers: Vec<(String, String)>,
    pub(super) query: Vec<(String, String)>,
    pub(super) cookies: Vec<(String, String)>,
}

impl Security {
    /// What an API key named `key` in `location` would repeat, said as "header", "query item"
    /// or "cookie", when another API key of the requirement sends that name there already (a
    /// header's name in any case). (An API key named `Authorization` beside basic or bearer
    /// auth is not one key: that requirement cannot be sent.)
    fn sent_already(&self, location: &str, key: &str) -> Option<&'static str> {
        let same_header = |name: &str| name.eq_ignore_ascii_case(key);
        let query_key = utf8_percent_encode(key, QUERY).to_string();
        let same_query = |name: &str| name == query_key;
        let key_auth = match &self.auth {
            Some(auth @ AuthSpec::Apikey(_)) => Some(auth),
            _ => None,
        };
        let repeated = match location {
            "header" => {
                key_auth
                    .and_then(AuthSpec::header_name)
                    .is_some_and(same_header)
                    || self.headers.iter().any(|(name, _)| same_header(name))
            }
            "query" => {
                key_auth
                    .and_then(AuthSpec::query_name)
                    .is_some_and(same_query)
                    || self.query.iter().any(|(name, _)| same_query(name))
            }
            "cookie" => self.cookies.iter().any(|(name, _)| name == key),
            _ => false,
        };
        repeated.then_some(match location {
            "header" => "header",
            "query" => "query item",
            _ => "cookie",
        })
    }
}

impl<'a> Importer<'a> {
    /// The auth (and any further keys) of the first security requirement the samples can send.
    pub(super) fn security(&mut self, op: &'a Value, op_at: &str) -> Security {
        let (requirements, at) = match op.get("security") {
            Some(requirements) => (requirements, format!("{op_at}/security")),
            None => match self.root.get("security") {
                Some(requirements) => (requirements, "/security".to_string()),
                None => return Security::default(),
            },
        };
        let Some(requirements) = requirements.as_array() else {
            self.note("unsupported-auth", &at, "`security` is not a list: no auth");
            return Security::default();
        };
        let mut refused = Vec::new();
        for (index, requirement) in requirements.iter().enumerate() {
            let requirement_at = format!("{at}/{index}");
            let Some(requirement) = requirement.as_object() else {
                refused.push("a requirement that is not an object".to_string());
                continue;
            };
            match self.requirement(requirement) {
                Ok((security, notes)) => {
                    self.notes.extend(notes);
                    if !refused.is_empty() {
                        self.note_once(
                            "unsupported-auth",
                            &requirement_at,
                            format!(
                                "the samples use the security requirement {}; the ones before it cannot be sent ({})",
                                combination(requirement),
                                refused.join("; ")
                            ),
                        );
                    }
                    return security;
                }
                Err(reason) => refused.push(reason),
            }
        }
        if !refused.is_empty() {
            self.note_once(
                "unsupported-auth",
                &at,
                format!(
                    "no security requirement can be sent by the samples ({}): no auth",
                    refused.join("; ")
                ),
            );
        }
        Security::default()
    }

    /// How many of the document's security schemes are API keys (a `$ref` counted as one).
    fn key_schemes(&self) -> usize {
        self.root
            .get("components")
            .and_then(|c| c.get("securitySchemes"))
            .and_then(Value::as_object)
            .map_or(0, |schemes| {
                schemes
                    .values()
                    .filter(|scheme| {
                        scheme.get("$ref").is_some()
                            || scheme.get("type").and_then(Value::as_str) == Some("apiKey")
                    })
                    .count()
            })
    }

    /// One security requirement (all of its schemes), or why the samples cannot send it.
    fn requirement(
        &mut self,
        requirement: &'a Map<String, Value>,
    ) -> Result<(Security, Vec<Note>), String> {
        let mut security = Security::default();
        let mut notes = Vec::new();
        let mut schemes = Vec::new();
        for name in requirement.keys() {
            let name = name.as_str();
            let at = format!("/components/securitySchemes/{}", escape(name));
            let scheme = self
                .root
                .get("components")
                .and_then(|c| c.get("securitySchemes"))
                .and_then(|s| s.get(name))
                .ok_or_else(|| format!("`{name}` is not in `components.securitySchemes`"))?;
            let (scheme, _) = self
                .lookup(scheme)
                .map_err(|problem| format!("`{name}`: {problem}"))?;
            let kind = scheme.get("type").and_then(Value::as_str).unwrap_or("");
            schemes.push((name, at, scheme, kind));
        }
        // the schemes that set `Authorization` first, then the keys, which can go anywhere
        schemes.sort_by_key(|(_, _, _, kind)| *kind == "apiKey");
        // `{{apiKey}}` when the document has one key; else each its own, so that setting one
        // never sends it as another
        let one_key = self.key_schemes() == 1;
        for (name, at, scheme, kind) in schemes {
            match kind {
                "http" | "oauth2" | "openIdConnect" => {
                    let auth = if kind == "http" {
                        let http = scheme
                            .get("scheme")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_ascii_lowercase();
                        match http.as_str() {
                            "basic" => AuthSpec::Basic(BasicAuthSpec {
                                username: "{{username}}".into(),
                                password: "{{password}}".into(),
                            }),
                            "bearer" => AuthSpec::Bearer("{{accessToken}}".into()),
                            other => {
                                return Err(format!(
                                    "`{name}` is HTTP `{other}` authentication; samplegen sends basic and bearer"
                                ));
                            }
                        }
                    } else {
                        notes.push(Note::of_kind(
                            "auth",
                            at.clone(),
                            format!(
                                "`{name}` ({kind}) is sent as the bearer token `{{{{accessToken}}}}`; getting the token is not part of the samples"
                            ),
                        ));
                        AuthSpec::Bearer("{{accessToken}}".into())
                    };
                    match (&security.auth, &auth) {
                        (None, _) => security.auth = Some(auth),
                        // two OAuth 2 flows (Google's `Oauth2` and `Oauth2c`), or OAuth 2 and
                        // HTTP bearer: one token, sent once
                        (Some(AuthSpec::Bearer(_)), AuthSpec::Bearer(_)) => {
                            notes.push(Note::of_kind(
                                "auth",
                                at,
                                format!(
                                    "`{name}` is sent with the other scheme of its security requirement as one bearer token `{{{{accessToken}}}}`"
                                ),
                            ));
                        }
                        (Some(_), _) => {
                            return Err(format!(
                                "`{name}` and another scheme would both send `Authorization`"
                            ));
                        }
                    }
                }
                "apiKey" => {
                    let key = scheme
                        .get("name")
                        .and_then(Value::as_str)
                        .ok_or_else(|| format!("the API key `{name}` has no `name`"))?;
                    let location = scheme.get("in").and_then(Value::as_str).unwrap_or("");
                    let value = if one_key {
                        "{{apiKey}}".to_string()
                    } else {
                        placeholder(name)
                    };
                    // two schemes of one requirement naming the same item (fec.gov's
                    // `ApiKeyQueryAuth` and `apiKey`, both the query item `api_key`): one key,
                    // sent once, not the item twice
                    if let Some(place) = security.sent_already(location, key) {
                        notes.push(Note::of_kind(
                            "auth",
                            at,
                            format!(
                                "`{name}` is the {place} `{key}` another scheme of its security requirement sends: sent once"
                            ),
                        ));
                        continue;
                    }
                    match location {
                        "header" => {
                            if !crate::model::is_token(key) {
                                return Err(format!("`{key}` is not a valid header name"));
                            }
                            let sets_authorization = security
                                .auth
                                .as_ref()
                                .is_some_and(|a| a.header_name() == Some("Authorization"));
                            if sets_authorization && key.eq_ignore_ascii_case("authorization") {
                                return Err(format!(
                                    "`{name}` and another scheme would both send `Authorization`"
                                ));
                            }
                            if security.auth.is_none() {
                                security.auth = Some(AuthSpec::Apikey(ApiKeySpec {
                                    name: key.into(),
                                    value,
                                    location: Some(KeyLocationSpec::Header),
                                }));
                            } else {
                                security.headers.push((key.into(), value));
                            }
                        }
                        "query" => {
                            if key.is_empty() || key.contains(['&', '#', '=']) {
                                return Err(format!("`{key}` cannot be a query item name"));
                            }
                            let key = utf8_percent_encode(key, QUERY).to_string();
                            if security.auth.is_none() {
                                security.auth = Some(AuthSpec::Apikey(ApiKeySpec {
                                    name: key,
                                    value,
                                    location: Some(KeyLocationSpec::Query),
                                }));
                            } else {
                                security.query.push((key, value));
                            }
                        }
                        "cookie" => {
                            if !crate::model::is_token(key) {
                                return Err(format!("`{key}` is not a valid cookie name"));
                            }
                            security.cookies.push((key.into(), value));
                        }
                        "" => {
                            return Err(format!(
                                "the API key `{name}` has no `in` (expected header, query or cookie)"
                            ));
                        }
                        other => {
                            return Err(format!(
                                "the API key `{name}` has `in: {other}` (expected header, query or cookie)"
                            ));
                        }
                    }
                }
                "mutualTLS" => {
                    return Err(format!(
                        "`{name}` is mutual TLS, a client certificate the samples cannot show"
                    ));
                }
                other => {
                    return Err(format!(
                        "`{name}` has the unknown security scheme type `{other}`"
                    ));
                }
            }
        }
        Ok((security, notes))
    }
}

/// A security requirement as written, `{a, b}`.
fn combination(requirement: &Map<String, Value>) -> String {
    let names: Vec<String> = requirement.keys().map(|k| format!("`{k}`")).collect();
    format!("{{{}}}", names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Import;
    use crate::import::openapi::test_support::*;

    const SCHEMES: &str = r#"
components:
  securitySchemes:
    basic: {type: http, scheme: basic}
    bearer: {type: http, scheme: Bearer}
    digest: {type: http, scheme: digest}
    headerKey: {type: apiKey, in: header, name: X-API-Key}
    queryKey: {type: apiKey, in: query, name: api_key}
    cookieKey: {type: apiKey, in: cookie, name: SESSION}
    oauth: {type: oauth2, flows: {}}
    oidc: {type: openIdConnect, openIdConnectUrl: 'https://e.com/.well-known/openid-configuration'}
    shared: {$ref: '#/components/securitySchemes/basic'}
"#;

    fn auth_of(security: &str) -> (Import, Value) {
        let import = run(&format!(
            "security: [{{bearer: []}}]\npaths:\n  /a:\n    get:\n      security: {security}\n      parameters:\n        - {{name: X-API-Key, in: header, example: k}}\n        - {{name: api_key, in: query, example: k}}\n{SCHEMES}"
        ));
        let spec = only(&import);
        let shown = serde_json::to_value(&spec.request).unwrap();
        (import, shown)
    }

    #[test]
    fn security_schemes_become_auth() {
        let yaml = |v: &Value| crate::yaml::to_string(v);
        let (_, request) = auth_of("[{basic: []}]");
        assert_eq!(
            yaml(&request["auth"]),
            "basic:\n  username: '{{username}}'\n  password: '{{password}}'\n"
        );
        let (_, request) = auth_of("[{shared: []}]");
        assert!(request["auth"]["basic"].is_object());
        let (_, request) = auth_of("[{bearer: []}]");
        assert_eq!(yaml(&request["auth"]), "bearer: '{{accessToken}}'\n");
        let (import, request) = auth_of("[{headerKey: []}]");
        assert_eq!(
            yaml(&request["auth"]),
            "apikey:\n  name: X-API-Key\n  value: '{{headerKey}}'\n  in: header\n",
            "several key schemes: each its own variable"
        );
        note(
            &import,
            "/paths/~1a/get/parameters/0",
            "sent by the security scheme",
        );
        assert_eq!(
            yaml(&request["headers"]),
            "null\n",
            "the header parameter is dropped"
        );
        let (import, request) = auth_of("[{queryKey: []}]");
        assert_eq!(
            yaml(&request["auth"]),
            "apikey:\n  name: api_key\n  value: '{{queryKey}}'\n  in: query\n"
        );
        note(
            &import,
            "/paths/~1a/get/parameters/1",
            "sent by the security scheme",
        );
        let (_, request) = auth_of("[{cookieKey: []}]");
        assert!(request.get("auth").is_none());
        assert_eq!(yaml(&request["cookies"]), "- SESSION: '{{cookieKey}}'\n");
        for scheme in ["oauth", "oidc"] {
            let (import, request) = auth_of(&format!("[{{{scheme}: [read]}}]"));
            assert_eq!(yaml(&request["auth"]), "bearer: '{{accessToken}}'\n");
            note(
                &import,
                &format!("/components/securitySchemes/{scheme}"),
                "getting the token",
            );
        }
    }

    // Google's documents ask for two OAuth 2 flows together, or OAuth 2 and an API key
    // Gitea's `/admin/users/{username}/repos` with basic auth: the user acted on is not the
    // one who logs in, in every spec of the document; a literal `username=jane` is no variable
    #[test]
    fn an_auth_variable_is_no_parameters() {
        let shown = |paths: &str| {
            let import = run(&format!(
                "security: [{{basic: []}}]\npaths:\n{paths}{SCHEMES}"
            ));
            import
                .items
                .iter()
                .map(|item| crate::yaml::to_string(&item.spec.request.auth))
                .collect::<Vec<_>>()
        };
        let renamed = "basic:\n  username: '{{authUsername}}'\n  password: '{{password}}'\n";
        assert_eq!(
            shown(
                "  /users/{username}/repos:\n    post:\n      parameters:\n        - {name: username, in: path, required: true}\n  /me:\n    get: {}\n"
            ),
            [renamed, renamed]
        );
        assert_eq!(
            shown(
                "  /login:\n    get:\n      parameters:\n        - {name: username, in: query, required: true, example: jane}\n"
            ),
            ["basic:\n  username: '{{username}}'\n  password: '{{password}}'\n"]
        );
    }

    #[test]
    fn schemes_required_together() {
        let google = |security: &str| {
            run(&format!(
                r#"security: {security}
paths:
  /v1/projects/{{project}}/topics:
    get: {{operationId: pubsub.projects.topics.list}}
    post: {{operationId: pubsub.projects.topics.create}}
  /v1/projects/{{project}}/subscriptions:
    get: {{operationId: pubsub.projects.subscriptions.list}}
components:
  securitySchemes:
    Oauth2:
      type: oauth2
      flows: {{implicit: {{authorizationUrl: 'https://accounts.google.com/o/oauth2/auth', scopes: {{}}}}}}
    Oauth2c:
      type: oauth2
      flows: {{authorizationCode: {{authorizationUrl: 'https://accounts.google.com/o/oauth2/auth', tokenUrl: 'https://accounts.google.com/o/oauth2/token', scopes: {{}}}}}}
    apiKey: {{type: apiKey, in: query, name: key}}
    basic: {{type: http, scheme: basic}}
"#
            ))
        };
        let unsupported = |import: &Import| -> Vec<String> {
            import
                .notes
                .iter()
                .filter(|n| n.kind == "unsupported-auth")
                .map(|n| n.message.clone())
                .collect()
        };
        let scope = "['https://www.googleapis.com/auth/pubsub']";
        let import = google(&format!("[{{Oauth2: {scope}, Oauth2c: {scope}}}]"));
        assert_eq!(import.items.len(), 3);
        for item in &import.items {
            assert_eq!(
                item.spec.request.auth.as_ref().unwrap().bearer(),
                Some("{{accessToken}}")
            );
        }
        assert!(unsupported(&import).is_empty(), "{:#?}", import.notes);

        let import = google(&format!("[{{Oauth2: {scope}, apiKey: []}}]"));
        for item in &import.items {
            let request = &item.spec.request;
            assert!(request.auth.as_ref().unwrap().bearer().is_some());
            assert_eq!(pairs(&request.query), [pair("key", "{{apiKey}}")]);
        }

        // what cannot be sent is said once for the import, with how many operations
        let import = google(&format!("[{{Oauth2: {scope}, basic: []}}]"));
        assert!(import.items.iter().all(|i| i.spec.request.auth.is_none()));
        let refused = unsupported(&import);
        assert_eq!(refused.len(), 1, "{:#?}", import.notes);
        assert!(
            refused[0].contains("both send `Authorization`"),
            "{}",
            refused[0]
        );
        assert!(refused[0].ends_with("(3 operations)"), "{}", refused[0]);
        let import = google(&format!("[{{Oauth2: {scope}, basic: []}}, {{apiKey: []}}]"));
        let refused = unsupported(&import);
        assert_eq!(refused.len(), 1, "{:#?}", import.notes);
        assert!(refused[0].contains("{`apiKey`}"), "{}", refused[0]);
    }

    #[test]
    fn security_requirements() {
        // the document's requirement applies, an operation's replaces it, `[]` removes it
        let import = run(&format!(
            "security: [{{bearer: []}}]\npaths:\n  /a:\n    get: {{}}\n    post: {{security: []}}\n    put: {{security: [{{}}]}}\n{SCHEMES}"
        ));
        assert!(
            import.items[0]
                .spec
                .request
                .auth
                .as_ref()
                .unwrap()
                .bearer()
                .is_some()
        );
        assert!(import.items[1].spec.request.auth.is_none());
        assert!(import.items[2].spec.request.auth.is_none());

        // the first requirement that can be sent is used
        let (import, request) = auth_of("[{digest: []}, {basic: []}]");
        assert!(request["auth"]["basic"].is_object());
        note(
            &import,
            "/paths/~1a/get/security/1",
            "`digest` is HTTP `digest`",
        );
        let (import, request) = auth_of("[{digest: []}, {missing: []}]");
        assert!(request.get("auth").is_none());
        note(
            &import,
            "/paths/~1a/get/security",
            "`missing` is not in `components.securitySchemes`",
        );

        // both schemes of one requirement
        let (_, request) = auth_of("[{headerKey: [], bearer: []}]");
        assert_eq!(request["auth"]["bearer"].as_str(), Some("{{accessToken}}"));
        assert_eq!(
            request["headers"][0]["X-API-Key"].as_str(),
            Some("{{headerKey}}")
        );
        let (_, request) = auth_of("[{queryKey: [], headerKey: []}]");
        assert_eq!(request["auth"]["apikey"]["name"].as_str(), Some("api_key"));
        assert_eq!(
            request["headers"][0]["X-API-Key"].as_str(),
            Some("{{headerKey}}")
        );
        let (import, request) = auth_of("[{basic: [], bearer: []}]");
        assert!(request.get("auth").is_none());
        note(
            &import,
            "/paths/~1a/get/security",
            "both send `Authorization`",
        );
    }

    // fec.gov's one requirement: a header key and two query keys, both named `api_key`; a
    // request sends `api_key` once
    #[test]
    fn keys_of_one_requirement_naming_the_same_item_send_it_once() {
        let import = |schemes: &str| {
            let import = run(&format!(
                "security: [{{Header: [], Query: [], apiKey: []}}]\npaths:\n  /a:\n    get:\n      parameters:\n        - {{name: api_key, in: query, required: true, schema: {{type: string}}}}\ncomponents:\n  securitySchemes:\n{schemes}"
            ));
            let request = serde_json::to_value(&only(&import).request).unwrap();
            (import, request)
        };
        let (fec, request) = import(
            "    Header: {type: apiKey, in: header, name: X-Api-Key}\n    Query: {type: apiKey, in: query, name: api_key}\n    apiKey: {type: apiKey, in: query, name: api_key}\n",
        );
        assert_eq!(
            request["auth"]["apikey"]["name"].as_str(),
            Some("X-Api-Key")
        );
        assert_eq!(
            crate::yaml::to_string(&request["query"]),
            "- api_key: '{{Query}}'\n",
            "once, by the first scheme, and not as the declared parameter either"
        );
        note(
            &fec,
            "/components/securitySchemes/apiKey",
            "`apiKey` is the query item `api_key` another scheme of its security requirement sends: sent once",
        );

        // the same for headers, in any case, and cookies; the key that is the auth counts
        let (_, request) = import(
            "    Header: {type: apiKey, in: header, name: X-Api-Key}\n    Query: {type: apiKey, in: header, name: x-api-key}\n    apiKey: {type: apiKey, in: cookie, name: s}\n",
        );
        assert_eq!(
            request["auth"]["apikey"]["name"].as_str(),
            Some("X-Api-Key")
        );
        assert!(request.get("headers").is_none(), "{request}");
        let (_, request) = import(
            "    Header: {type: apiKey, in: cookie, name: s}\n    Query: {type: apiKey, in: cookie, name: s}\n    apiKey: {type: apiKey, in: cookie, name: S}\n",
        );
        assert_eq!(
            crate::yaml::to_string(&request["cookies"]),
            "- s: '{{Header}}'\n- S: '{{apiKey}}'\n",
            "cookie names are case-sensitive"
        );
    }
}
