//! What a site (or one spec) says about the values in its samples: `variables` set at build time,
//! `secrets` read from the environment when a sample runs, and `auth_style`, how auth is written.
//! The defaults (none, none, `header`) are the house style.
//!
//! A secret travels from the model to the filters as a marker in the text, `U+E000 ENV U+E001`
//! (private-use characters a spec may not hold), so that every string-literal filter can turn it
//! into its language's read of the environment variable `ENV`.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// Opens and closes a secret's environment variable name inside a model string.
pub const SECRET_OPEN: char = '\u{E000}';
pub const SECRET_CLOSE: char = '\u{E001}';
/// The first byte of [`SECRET_OPEN`] in UTF-8.
const SECRET_OPEN_LEAD: u8 = {
    let mut utf8 = [0; 4];
    SECRET_OPEN.encode_utf8(&mut utf8);
    utf8[0]
};

/// How a sample sends the request's auth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthStyle {
    /// The header itself, as the house style writes it (basic auth's base64 computed at build time).
    #[default]
    Header,
    /// Through the client's own mechanism where it has one (curl `-u`, requests `auth=`, …).
    Idiomatic,
}

/// `secrets:` as written: a list of names (each read from the environment variable of the same
/// name), or a map from name to environment variable.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(
    untagged,
    expecting = "expected a list of names (`[API_KEY]`), or a map from each name to the environment variable it is read from (`API_KEY: ACME_KEY`)"
)]
pub enum SecretsSpec {
    Names(Vec<String>),
    Renamed(IndexMap<String, String>),
}

/// The three fields as a config file or a spec writes them.
#[derive(Debug, Clone, Default)]
pub struct SampleValuesSpec {
    pub variables: Option<IndexMap<String, String>>,
    pub secrets: Option<SecretsSpec>,
    pub auth_style: Option<AuthStyle>,
}

/// Where a problem is, below the file's top level: `secrets` → 0, `variables` → `baseUrl`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Key(String),
    Index(usize),
}

/// A problem with sample values, placed in the file that holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub place: Vec<Place>,
    pub message: String,
}

/// The values in force for a site, or for one spec once its own are added.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SampleValues {
    /// Name → value, set wherever `{{name}}` is written.
    pub variables: IndexMap<String, String>,
    /// Name → environment variable the samples read it from.
    pub secrets: IndexMap<String, String>,
    pub auth_style: AuthStyle,
}

/// Whether `name` can stand in `{{name}}` as a value samplegen sets: letters, digits, `_`, `-`, `.`.
pub fn is_variable_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Whether `name` is an environment variable name every language (and a POSIX shell) reads:
/// a letter or `_`, then letters, digits and `_`.
pub fn is_env_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `text` holds a character samplegen keeps for secrets.
pub fn holds_marker(text: &str) -> bool {
    text.contains([SECRET_OPEN, SECRET_CLOSE])
}

/// The marker of the secret read from `env`.
pub fn marker(env: &str) -> String {
    format!("{SECRET_OPEN}{env}{SECRET_CLOSE}")
}

/// A piece of a model string: text as written, or a secret's environment variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Secret(&'a str),
}

/// `text` cut into its text and its secrets, in order; empty text pieces are left out.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(SECRET_OPEN) {
        let after = &rest[start + SECRET_OPEN.len_utf8()..];
        let Some(end) = after.find(SECRET_CLOSE) else {
            break;
        };
        if start > 0 {
            out.push(Piece::Text(&rest[..start]));
        }
        out.push(Piece::Secret(&after[..end]));
        rest = &after[end + SECRET_CLOSE.len_utf8()..];
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// Whether `text` holds a secret: an opening marker with a closing one after it, as [`pieces`]
/// reads them. Every string filter asks this first, so it allocates nothing.
pub fn has_secret(text: &str) -> bool {
    // most text holds no byte of the opening marker's first: one memchr says so
    text.as_bytes().contains(&SECRET_OPEN_LEAD)
        && text
            .find(SECRET_OPEN)
            .is_some_and(|start| text[start + SECRET_OPEN.len_utf8()..].contains(SECRET_CLOSE))
}

/// `text` for a reader rather than a program (the page, the raw HTTP message): each secret as
/// `$ENV`, the way every shell and most docs name an environment variable.
pub fn shown(text: &str) -> String {
    pieces(text)
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.to_string(),
            Piece::Secret(env) => format!("${env}"),
        })
        .collect()
}

/// The basic auth header for a reader, when its value cannot be computed at build time: what
/// is encoded, `Basic <base64 of $KEY:>`.
pub fn basic_shown(username: &str, password: &str) -> String {
    format!("Basic <base64 of {}:{}>", shown(username), shown(password))
}

/// `text` as a `language`'s expression: each text piece written by `literal`, each secret by
/// `env_read`, joined with `join`. Text without a secret is `literal(text)` exactly, so the
/// house samples do not change.
pub fn expression(
    text: &str,
    literal: impl Fn(&str) -> String,
    env_read: impl Fn(&str) -> String,
    join: &str,
) -> String {
    if !has_secret(text) {
        return literal(text);
    }
    pieces(text)
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => literal(text),
            Piece::Secret(env) => env_read(env),
        })
        .collect::<Vec<_>>()
        .join(join)
}

impl SampleValuesSpec {
    /// Whether nothing is written.
    pub fn is_empty(&self) -> bool {
        self.variables.is_none() && self.secrets.is_none() && self.auth_style.is_none()
    }

    /// The values these fields give on top of `base` (a spec's on top of its site's): variables
    /// added or replaced, secrets added, the auth style replaced when given; and every problem.
    pub fn resolve(&self, base: &SampleValues) -> (SampleValues, Vec<Problem>) {
        let mut values = base.clone();
        let mut problems = Vec::new();
        let mut report =
            |place: Vec<Place>, message: String| problems.push(Problem { place, message });
        for (name, value) in self.variables.iter().flatten() {
            let place = vec![Place::Key("variables".into()), Place::Key(name.clone())];
            if !is_variable_name(name) {
                report(
                    place,
                    format!(
                        "variables: `{name}` cannot be written `{{{{{name}}}}}`: a variable name is letters, digits, `_`, `-` and `.`"
                    ),
                );
            } else if values.secrets.contains_key(name) {
                report(
                    place,
                    format!(
                        "variables: `{name}` is also a secret; a value is either set at build time or read from the environment"
                    ),
                );
            } else if holds_marker(value) {
                report(
                    place,
                    format!(
                        "variables: the value of `{name}` holds U+E000 or U+E001, which samplegen keeps for secrets"
                    ),
                );
            } else {
                values.variables.insert(name.clone(), value.clone());
            }
        }
        let secrets: Vec<(Place, &String, &String)> = match &self.secrets {
            None => Vec::new(),
            Some(SecretsSpec::Names(names)) => names
                .iter()
                .enumerate()
                .map(|(index, name)| (Place::Index(index), name, name))
                .collect(),
            Some(SecretsSpec::Renamed(map)) => map
                .iter()
                .map(|(name, env)| (Place::Key(name.clone()), name, env))
                .collect(),
        };
        for (at, name, env) in secrets {
            let place = vec![Place::Key("secrets".into()), at];
            if !is_variable_name(name) {
                report(
                    place,
                    format!(
                        "secrets: `{name}` cannot be written `{{{{{name}}}}}`: a secret name is letters, digits, `_`, `-` and `.`"
                    ),
                );
            } else if !is_env_name(env) {
                report(
                    place,
                    format!(
                        "secrets: `{env}` is not an environment variable name every language reads (a letter or `_`, then letters, digits and `_`){}",
                        if name == env {
                            format!("; give it one with `{name}: ENV_NAME`")
                        } else {
                            String::new()
                        }
                    ),
                );
            } else if values.variables.contains_key(name)
                || self
                    .variables
                    .as_ref()
                    .is_some_and(|v| v.contains_key(name))
            {
                report(
                    place,
                    format!(
                        "secrets: `{name}` is also a variable; a value is either set at build time or read from the environment"
                    ),
                );
            } else {
                values.secrets.insert(name.clone(), env.clone());
            }
        }
        if let Some(style) = self.auth_style {
            values.auth_style = style;
        }
        (values, problems)
    }
}

impl SampleValues {
    /// Whether these are the house style's values (none set, auth as a header).
    pub fn is_house(&self) -> bool {
        *self == SampleValues::default()
    }

    /// Whether no variable or secret is set: every text stays as written (the house style).
    pub fn sets_nothing(&self) -> bool {
        self.variables.is_empty() && self.secrets.is_empty()
    }

    /// `text` with every `{{name}}` that has a value set, and every secret marked when
    /// `secrets_allowed`; an error names a secret written where a secret cannot go, or the
    /// variable whose value made the text larger than [`MAX_SET_BYTES`].
    pub fn set(&self, text: &str, secrets_allowed: bool) -> Result<String, Unset> {
        self.set_encoded(text, secrets_allowed, |value| value)
    }

    /// [`SampleValues::set`], each value set in `text` (a value naming others once they are
    /// set in it) passed through `encode` first: what a URL needs of a value set in it.
    pub fn set_encoded(
        &self,
        text: &str,
        secrets_allowed: bool,
        encode: fn(String) -> String,
    ) -> Result<String, Unset> {
        if self.sets_nothing() {
            return Ok(text.to_string());
        }
        let mut misplaced = None;
        let mut too_large = None;
        let set = self.set_within(
            text,
            secrets_allowed,
            encode,
            &mut Vec::new(),
            &mut (&mut misplaced, &mut too_large),
        );
        match (too_large, misplaced) {
            (Some(name), _) => Err(Unset::TooLarge(name)),
            (None, Some(name)) => Err(Unset::MisplacedSecret(name)),
            (None, None) => Ok(set),
        }
    }

    /// `text` set as [`SampleValues::set`] sets it, a value that names other variables (`url:
    /// "{{baseUrl}}/v2"`) set in turn, as Postman reads one; `within` are the variables being
    /// set around `text`, whose `{{name}}` in their own values stays as written.
    fn set_within<'v>(
        &'v self,
        text: &str,
        secrets_allowed: bool,
        encode: fn(String) -> String,
        within: &mut Vec<&'v str>,
        (misplaced, too_large): &mut (&mut Option<String>, &mut Option<String>),
    ) -> String {
        // what the values set so far add to the text
        let mut added = 0usize;
        map_variables(text, |name| {
            // once too large, nothing more is set: values that double (`V2: "{{V1}}{{V1}}"`)
            // would otherwise take exponential time
            if too_large.is_some() {
                return None;
            }
            if let Some((name, value)) = self.variables.get_key_value(name) {
                if within.contains(&name.as_str()) {
                    return None;
                }
                let set = if value.contains("{{") {
                    within.push(name);
                    // the values a value names are encoded with it, once
                    let set = self.set_within(
                        value,
                        secrets_allowed,
                        |value| value,
                        within,
                        &mut (misplaced, too_large),
                    );
                    within.pop();
                    set
                } else {
                    value.clone()
                };
                let set = encode(set);
                added += set.len();
                if added > MAX_SET_BYTES || too_large.is_some() {
                    // the outermost, which the text names
                    **too_large = Some(name.clone());
                    return None;
                }
                Some(set)
            } else if let Some(env) = self.secrets.get(name) {
                if !secrets_allowed {
                    misplaced.get_or_insert_with(|| name.to_string());
                }
                Some(marker(env))
            } else {
                None
            }
        })
    }
}

/// The most bytes the values set in one text may add to it. A value may name others, and each
/// use of one copies it: `V1: "{{V0}}{{V0}}"`, `V2: "{{V1}}{{V1}}"`… doubles at each step, and a
/// repository of a few lines would fill the memory. A text 1 MiB larger than it is written is no
/// docs sample.
pub const MAX_SET_BYTES: usize = 1 << 20;

/// Why [`SampleValues::set`] cannot set a text's values.
#[derive(Debug, PartialEq, Eq)]
pub enum Unset {
    /// The secret named is written where a secret cannot go.
    MisplacedSecret(String),
    /// The variable named made the text more than [`MAX_SET_BYTES`] larger.
    TooLarge(String),
}

/// `text` with each `{{name}}` replaced by what `value` gives for `name`, or kept as written when
/// it gives `None`; a `{{` never closed is kept as it is.
pub fn map_variables(text: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        match value(&after[..end]) {
            Some(value) => out.push_str(&value),
            None => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_an_opening_marker_then_a_closing_one() {
        let mut lead = [0; 4];
        SECRET_OPEN.encode_utf8(&mut lead);
        assert_eq!(lead[0], SECRET_OPEN_LEAD);
        let secret = marker("TOKEN");
        assert!(has_secret(&secret));
        assert!(has_secret(&format!("Bearer {secret}!")));
        assert!(!has_secret("Bearer {{token}}"));
        // a lone marker, or the two the wrong way round, is not a secret
        assert!(!has_secret(&format!("a{SECRET_OPEN}b")));
        assert!(!has_secret(&format!("{SECRET_CLOSE}a{SECRET_OPEN}")));
        // the lead byte alone (another private-use character) is not one either
        assert!(!has_secret("\u{E100}x"));
    }

    fn resolve(variables: &[(&str, &str)], secrets: SecretsSpec) -> (SampleValues, Vec<Problem>) {
        SampleValuesSpec {
            variables: Some(
                variables
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            ),
            secrets: Some(secrets),
            auth_style: None,
        }
        .resolve(&SampleValues::default())
    }

    // Camunda's collections: `url: "{{baseUrlTasklist}}"`, that variable set by the team
    #[test]
    fn a_value_naming_other_variables_is_set_in_turn() {
        let (values, problems) = resolve(
            &[
                ("url", "{{base}}/v1"),
                ("base", "https://{{host}}"),
                ("host", "api.example.com"),
                ("loop", "x{{loop}}"),
                ("a", "{{b}}"),
                ("b", "{{a}}!"),
            ],
            SecretsSpec::Names(vec!["token".into()]),
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            values
                .set("{{url}}/items {{loop}} {{a}} {{unset}}", false)
                .unwrap(),
            "https://api.example.com/v1/items x{{loop}} {{a}}! {{unset}}"
        );
        let (values, _) = resolve(
            &[("auth", "Bearer {{token}}")],
            SecretsSpec::Names(vec!["token".into()]),
        );
        assert_eq!(
            values.set("{{auth}}", false),
            Err(Unset::MisplacedSecret("token".to_string()))
        );
        assert_eq!(
            values.set("{{auth}}", true).unwrap(),
            format!("Bearer {}", marker("token"))
        );
    }

    /// Values that name others may not make a text more than 1 MiB larger: doubling at each
    /// step, forty steps would take the memory and exponential time.
    #[test]
    fn values_that_double_are_bounded() {
        let mut chain = vec![("V0".to_string(), "aaaaaaaaaa".to_string())];
        for step in 1..=40 {
            chain.push((
                format!("V{step}"),
                format!("{{{{V{0}}}}}{{{{V{0}}}}}", step - 1),
            ));
        }
        let pairs: Vec<(&str, &str)> = chain
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let (values, _) = resolve(&pairs, SecretsSpec::Names(vec![]));
        // (unbounded, this would not return)
        assert_eq!(
            values.set("/{{V40}}", false),
            Err(Unset::TooLarge("V40".to_string()))
        );
        assert_eq!(values.set("/{{V10}}", false).unwrap().len(), 1 + 10 * 1024);
    }

    #[test]
    fn variables_are_set_and_secrets_marked() {
        let (values, problems) = resolve(
            &[("baseUrl", "https://api.stripe.com")],
            SecretsSpec::Renamed([("secretKey".to_string(), "STRIPE_KEY".to_string())].into()),
        );
        assert!(problems.is_empty());
        assert_eq!(
            values.set("{{baseUrl}}/v1/{{id}}", false).unwrap(),
            "https://api.stripe.com/v1/{{id}}"
        );
        assert_eq!(
            values.set("Bearer {{secretKey}}", true).unwrap(),
            "Bearer \u{E000}STRIPE_KEY\u{E001}"
        );
        assert_eq!(
            values.set("?k={{secretKey}}", false),
            Err(Unset::MisplacedSecret("secretKey".to_string()))
        );
    }

    #[test]
    fn a_name_is_a_variable_or_a_secret_and_names_are_checked() {
        let (_, problems) = resolve(
            &[("key", "x"), ("bad name", "y")],
            SecretsSpec::Names(vec!["key".into(), "my-key".into()]),
        );
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("`bad name` cannot be written"));
        assert!(messages[1].contains("`key` is also a variable"));
        assert!(messages[2].contains("`my-key` is not an environment variable name"));
        assert_eq!(
            problems[1].place,
            [Place::Key("secrets".into()), Place::Index(0)]
        );
    }

    #[test]
    fn text_is_cut_into_pieces_and_written_as_an_expression() {
        let text = format!("Bearer {}", marker("TOKEN"));
        assert_eq!(
            pieces(&text),
            [Piece::Text("Bearer "), Piece::Secret("TOKEN")]
        );
        assert_eq!(shown(&text), "Bearer $TOKEN");
        let quoted = |s: &str| format!("'{s}'");
        let read = |env: &str| format!("env({env})");
        assert_eq!(
            expression(&text, quoted, read, " + "),
            "'Bearer ' + env(TOKEN)"
        );
        assert_eq!(expression("plain", quoted, read, " + "), "'plain'");
        assert_eq!(expression("", quoted, read, " + "), "''");
        assert_eq!(expression(&marker("A"), quoted, read, " + "), "env(A)");
    }
}
