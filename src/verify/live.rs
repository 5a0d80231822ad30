//! A spec made live for running its samples: its URL pointed at the echo server, every
//! `{{variable}}` given a concrete URL-safe value, and the files it uploads created.

use std::path::Path;

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

/// `text` with every `{{name}}` replaced by [`value_of`]`(name)`.
pub fn substitute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start + 2..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&value_of(&rest[start + 2..start + 2 + end]));
        rest = &rest[start + 2 + end + 2..];
    }
    out.push_str(rest);
    out
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

/// Makes `spec` live: pointed at `origin`, variables substituted, its files created in
/// `files_dir` under their own names.
pub fn make_live(spec: &Spec, origin: &str, files_dir: &Path) -> std::io::Result<Spec> {
    let mut live = spec.clone();
    let request = &mut live.request;
    request.url = point_at(&request.url, origin);
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
        let name = path.rsplit('/').next().unwrap_or(path);
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
}
