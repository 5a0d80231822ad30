//! A spec made live for running its samples: its URL pointed at the echo server, every
//! `{{variable}}` without a value given a concrete URL-safe one, and the files it uploads
//! created. Variables with a value and secrets are left to the model, which sets them as for
//! the page; a secret's value is a known test value, set in the runner's environment.

use std::path::Path;

use crate::sample_values::{SampleValues, map_variables};
use crate::spec::{BodySpec, FileSpec, PartSpec, Spec};

/// The concrete value `verify` gives `{{name}}`: `v-name`, with anything but letters, digits,
/// `-`, `_` and `.` turned into `_`.
pub fn value_of(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("v-{safe}")
}

/// The value `verify` gives the secret read from the environment variable `env`: recognisable
/// in what the server received, and safe in a header.
pub fn secret_value_of(env: &str) -> String {
    format!("test-secret-{env}")
}

/// `values` with each secret turned into a variable holding its test value: the request a
/// sample reading the runner's environment sends.
pub fn with_test_secrets(values: &SampleValues) -> SampleValues {
    let mut concrete = values.clone();
    for (name, env) in std::mem::take(&mut concrete.secrets) {
        concrete.variables.insert(name, secret_value_of(&env));
    }
    concrete
}

/// `text` with every `{{name}}` replaced by [`value_of`]`(name)`.
pub fn substitute(text: &str) -> String {
    substitute_unset(text, &SampleValues::default())
}

/// `text` with every `{{name}}` that `values` neither sets nor reads from the environment
/// replaced by [`value_of`]`(name)`.
fn substitute_unset(text: &str, values: &SampleValues) -> String {
    map_variables(text, |name| {
        let set = values.variables.contains_key(name) || values.secrets.contains_key(name);
        (!set).then(|| value_of(name))
    })
}

/// `url` sent to `origin` instead: a leading `{{variable}}`, or the scheme and authority of an
/// absolute URL, is replaced by `origin`; the rest keeps its variables substituted.
pub fn point_at(url: &str, origin: &str) -> String {
    let rest = if let Some(after) = url.strip_prefix("{{").and_then(|r| r.split_once("}}")) {
        after.1
    } else if let Some(index) = url.find("://") {
        let after = &url[index + 3..];
        let end = after.find(['/', '?', '#']).unwrap_or(after.len());
        &after[end..]
    } else {
        url
    };
    let rest = substitute(rest);
    if rest.is_empty() || rest.starts_with(['?', '#']) {
        format!("{origin}/{rest}")
    } else if rest.starts_with('/') {
        format!("{origin}{rest}")
    } else {
        format!("{origin}/{rest}")
    }
}

/// The contents `verify` writes into an uploaded file: recognisable in what the server received.
pub fn file_contents(file_name: &str) -> String {
    format!("contents of {file_name}\n")
}

/// Makes `spec` live: its URL, with the variables of `values` set, pointed at `origin` (nothing
/// but the scheme and host changes), other variables substituted, its files created in
/// `files_dir` under their own names.
pub fn make_live(
    spec: &Spec,
    values: &SampleValues,
    origin: &str,
    files_dir: &Path,
) -> std::io::Result<Spec> {
    let mut live = spec.clone();
    let substitute = |text: &str| substitute_unset(text, values);
    let request = &mut live.request;
    // a secret in the URL is an error the spec as written already reported; each value is
    // encoded for the part of the URL it is set in, as the model sets it for the samples
    let url =
        crate::model::set_in_url(values, &request.url).unwrap_or_else(|_| request.url.clone());
    request.url = point_at(&substitute(&url), origin);
    let pairs = |items: &mut Vec<indexmap::IndexMap<String, Option<String>>>| {
        for item in items.iter_mut() {
            *item = item
                .iter()
                .map(|(k, v)| (substitute(k), v.as_deref().map(substitute)))
                .collect();
        }
    };
    pairs(&mut request.query);
    pairs(&mut request.headers);
    pairs(&mut request.cookies);
    request.auth = request
        .auth
        .take()
        .map(|auth| auth.map_credentials(substitute));
    let mut counter = 0;
    let mut create = |path: &str| -> std::io::Result<String> {
        counter += 1;
        // a path with variables (`{{p}}.deb`) names the file their values make, which is the
        // one the samples open
        let path = values
            .set(path, false)
            .map(|set| substitute(&set))
            .unwrap_or_else(|_| substitute(path));
        let name = path.rsplit('/').next().unwrap_or(&path);
        // one folder per file, so that two uploads of the same name do not collide
        let dir = files_dir.join(counter.to_string());
        std::fs::create_dir_all(&dir)?;
        let created = dir.join(name);
        std::fs::write(&created, file_contents(name))?;
        Ok(created.display().to_string())
    };
    if let Some(body) = &mut request.body {
        match body {
            BodySpec::Raw(raw) => *raw = substitute(raw),
            BodySpec::Urlencoded(fields) => pairs(fields),
            BodySpec::File(file) => {
                let (path, _) = file.clone().path_and_check();
                // a file not chosen yet stays unchosen: there is nothing to send
                if !path.is_empty() {
                    *file = FileSpec::Path(create(&path)?);
                }
            }
            BodySpec::Graphql(graphql) => {
                graphql.query = substitute(&graphql.query);
                graphql.variables = graphql.variables.as_deref().map(substitute);
            }
            BodySpec::Formdata(parts) => {
                for part in parts.iter_mut() {
                    let mut renamed = indexmap::IndexMap::new();
                    for (name, value) in part.drain(..) {
                        let value = match value {
                            PartSpec::Text(text) => PartSpec::Text(text.as_deref().map(substitute)),
                            PartSpec::Detailed(mut detail) => {
                                detail.value = detail.value.as_deref().map(substitute);
                                if let Some(path) = &detail.file {
                                    detail.file = Some(create(path)?);
                                }
                                detail.must_exist = false;
                                PartSpec::Detailed(detail)
                            }
                        };
                        renamed.insert(substitute(&name), value);
                    }
                    *part = renamed;
                }
            }
        }
    }
    Ok(live)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_point_at_the_echo_server() {
        let origin = "http://127.0.0.1:9";
        assert_eq!(
            point_at("{{authPath}}/{{envID}}/as/token", origin),
            "http://127.0.0.1:9/v-envID/as/token"
        );
        assert_eq!(
            point_at("https://api.pingone.com/v1/users?x={{a b}}#f", origin),
            "http://127.0.0.1:9/v1/users?x=v-a_b#f"
        );
        assert_eq!(
            point_at("http://u@localhost:{{port}}?q=1", origin),
            "http://127.0.0.1:9/?q=1"
        );
    }

    // a variable with a value is set before the URL is pointed at the echo server, so that its
    // base path stays; a secret becomes its test value in the request that must arrive
    // `curl -T "{${p}.deb,${p}.md5}"`: the file the samples open is the one the values name
    #[test]
    fn a_file_named_with_variables_is_created_under_their_values() {
        let source = "title: t\nrequest:\n  method: PUT\n  url: https://e.com/up\n  headers:\n    - Content-Type: application/octet-stream\n  body:\n    file: \"{{p}}-{{q}}.deb\"\n";
        let spec = crate::spec::parse(source).unwrap();
        let site =
            crate::config::Config::parse(Path::new("samplegen.yaml"), "variables: {p: pkg}\n")
                .unwrap()
                .sample_values;
        let files = tempfile::tempdir().unwrap();
        let live = make_live(&spec, &site, "http://127.0.0.1:9", files.path()).unwrap();
        let Some(BodySpec::File(file)) = live.request.body else {
            panic!("a file body");
        };
        let (path, _) = file.path_and_check();
        assert!(path.ends_with("/pkg-v-q.deb"), "{path}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            file_contents("pkg-v-q.deb")
        );
    }

    // a value holding `#` or `&` is encoded where the samples encode it, not cut the URL short
    #[test]
    fn a_value_set_in_the_url_is_encoded_for_its_part() {
        let source =
            "title: t\nrequest:\n  method: GET\n  url: \"{{baseUrl}}/users/{{q}}?q={{q}}&x=1\"\n";
        let spec = crate::spec::parse(source).unwrap();
        let site = crate::config::Config::parse(
            Path::new("samplegen.yaml"),
            "variables: {baseUrl: \"https://api.example.com/v2\", q: \"a&b #d\"}\n",
        )
        .unwrap()
        .sample_values;
        let files = tempfile::tempdir().unwrap();
        let live = make_live(&spec, &site, "http://127.0.0.1:9", files.path()).unwrap();
        assert_eq!(
            live.request.url,
            "http://127.0.0.1:9/v2/users/a&b %23d?q=a%26b %23d&x=1"
        );
    }

    #[test]
    fn sample_values_are_set_before_the_url_is_pointed_and_secrets_are_test_values() {
        let source = "title: t\nrequest:\n  method: GET\n  url: \"{{baseUrl}}/charges/{{id}}\"\n  auth:\n    basic:\n      username: \"{{secretKey}}\"\n";
        let spec = crate::spec::parse(source).unwrap();
        let site = crate::config::Config::parse(
            Path::new("samplegen.yaml"),
            "variables: {baseUrl: \"https://api.example.com/v1\"}\nsecrets: {secretKey: STRIPE_KEY}\n",
        )
        .unwrap()
        .sample_values;
        let files = tempfile::tempdir().unwrap();
        let live = make_live(&spec, &site, "http://127.0.0.1:9", files.path()).unwrap();
        assert_eq!(live.request.url, "http://127.0.0.1:9/v1/charges/v-id");
        let id = crate::model::PageId {
            module: "m".into(),
            page: "p".into(),
        };
        let expected = crate::model::validate_with(
            live,
            id,
            Path::new("s.yaml"),
            "",
            &with_test_secrets(&site),
        )
        .unwrap();
        let header = expected.request.headers_with_auth().pop().unwrap();
        assert_eq!(
            header.value,
            format!(
                "Basic {}",
                crate::http::encoding::base64("test-secret-STRIPE_KEY:")
            )
        );
    }
}
