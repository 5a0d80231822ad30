//! Example strings that meet what a string schema asks: its `format`, `minLength`, `maxLength`
//! and `pattern`.

use std::collections::HashMap;

use regex::Regex;
use regex_syntax::hir::{Class, ClassUnicodeRange, Hir, HirKind};
use serde_json::Value;

/// The longest string built to meet a pattern or a `minLength`: a schema asking for more is
/// answered with its format's example, and the importer notes it.
const MAX_BUILT_CHARS: usize = 1_000;

/// A string example, and whether it meets its schema's length bounds and pattern.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct StringExample {
    pub(super) value: String,
    pub(super) meets_schema: bool,
}

/// The patterns of one import, each compiled once: documents such as GitHub's repeat theirs in
/// hundreds of schemas. `None` for a pattern the `regex` crate cannot compile (a look-around,
/// a back-reference, or one too large).
#[derive(Default)]
pub(super) struct Patterns {
    compiled: HashMap<String, Option<Regex>>,
}

impl Patterns {
    fn matcher(&mut self, pattern: &str) -> Option<&Regex> {
        self.compiled
            .entry(pattern.to_string())
            .or_insert_with(|| Regex::new(pattern).ok())
            .as_ref()
    }
}

/// The example for a string schema: its format's example (`string` without one), repeated up to
/// `minLength` and cut at `maxLength`; when the schema has a `pattern` that this does not match,
/// the shortest string the pattern describes that is long enough, its repetitions grown one
/// step at a time.
///
/// A pattern is an ECMA-262 regular expression, not anchored unless it says so (JSON Schema
/// 2020-12 Validation §6.3.3); it is read with the `regex` crate's syntax, which shares
/// ECMA-262's classes, escapes and quantifiers but not its look-arounds or back-references.
pub(super) fn example(schema: &Value, patterns: &mut Patterns) -> StringExample {
    let format = schema.get("format").and_then(Value::as_str);
    let least = length(schema, "minLength");
    let most = length(schema, "maxLength");
    let base = fit(format_example(format), least, most);
    let lengths_met = within(&base, least, most);
    let Some(pattern) = schema.get("pattern").and_then(Value::as_str) else {
        return StringExample {
            value: base,
            meets_schema: lengths_met,
        };
    };
    let matcher = patterns.matcher(pattern);
    if lengths_met && matcher.is_some_and(|m| m.is_match(&base)) {
        return StringExample {
            value: base,
            meets_schema: true,
        };
    }
    match generated(pattern, matcher, least, most) {
        Some(value) => StringExample {
            value,
            meets_schema: true,
        },
        None => StringExample {
            value: base,
            meets_schema: false,
        },
    }
}

/// An example string for a `format`.
pub(super) fn format_example(format: Option<&str>) -> &'static str {
    match format {
        Some("date") => "2024-01-01",
        Some("date-time") => "2024-01-01T00:00:00Z",
        Some("time") => "12:00:00",
        Some("duration") => "P1D",
        Some("email" | "idn-email") => "user@example.com",
        Some("uuid") => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        Some("uri" | "url" | "iri" | "uri-reference" | "iri-reference") => "https://example.com",
        Some("hostname" | "idn-hostname") => "example.com",
        Some("ipv4") => "192.0.2.1",
        Some("ipv6") => "2001:db8::1",
        Some("byte") => "U3RyaW5n",
        _ => "string",
    }
}

/// A length bound: a count of characters (code points, as JSON Schema counts them).
fn length(schema: &Value, key: &str) -> Option<usize> {
    schema
        .get(key)
        .and_then(Value::as_u64)
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

fn within(value: &str, least: Option<usize>, most: Option<usize>) -> bool {
    let count = value.chars().count();
    least.is_none_or(|least| count >= least) && most.is_none_or(|most| count <= most)
}

/// `base` repeated up to `least` characters (not beyond [`MAX_BUILT_CHARS`]) and cut at `most`.
fn fit(base: &str, least: Option<usize>, most: Option<usize>) -> String {
    let count = base.chars().count();
    let mut out = match least {
        Some(least) if count < least && least <= MAX_BUILT_CHARS => {
            base.chars().cycle().take(least).collect()
        }
        _ => base.to_string(),
    };
    if let Some(most) = most
        && out.chars().count() > most
    {
        out = out.chars().take(most).collect();
    }
    out
}

/// The shortest string `pattern` describes with every repetition `grow` times more than its
/// least (within its most), for `grow` from 0 until the string is long enough; checked with the
/// compiled pattern when there is one (a look-around or word boundary the parts alone cannot
/// promise).
fn generated(
    pattern: &str,
    matcher: Option<&Regex>,
    least: Option<usize>,
    most: Option<usize>,
) -> Option<String> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let mut previous_length = None;
    for grow in 0..=MAX_BUILT_CHARS {
        let mut out = String::new();
        if !write_shortest(&hir, grow, &mut out) {
            return None;
        }
        let count = out.chars().count();
        if most.is_some_and(|most| count > most) {
            return None;
        }
        if least.is_none_or(|least| count >= least) {
            return matcher.is_none_or(|m| m.is_match(&out)).then_some(out);
        }
        if previous_length == Some(count) {
            // no repetition can grow
            return None;
        }
        previous_length = Some(count);
    }
    None
}

/// Writes a string `hir` matches: the first branch of each alternation, a representative of
/// each class, each repetition its least count plus `grow` (within its most). False when that
/// would pass [`MAX_BUILT_CHARS`] or a class holds no character.
fn write_shortest(hir: &Hir, grow: usize, out: &mut String) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(literal) => match std::str::from_utf8(&literal.0) {
            Ok(text) => {
                out.push_str(text);
                out.len() <= MAX_BUILT_CHARS
            }
            Err(_) => false,
        },
        HirKind::Class(Class::Unicode(class)) => match representative(class.ranges()) {
            Some(c) => {
                out.push(c);
                true
            }
            None => false,
        },
        HirKind::Class(Class::Bytes(class)) => {
            let ranges: Vec<ClassUnicodeRange> = class
                .ranges()
                .iter()
                .filter(|r| r.start() < 0x80)
                .map(|r| {
                    ClassUnicodeRange::new(char::from(r.start()), char::from(r.end().min(0x7f)))
                })
                .collect();
            match representative(&ranges) {
                Some(c) => {
                    out.push(c);
                    true
                }
                None => false,
            }
        }
        HirKind::Repetition(repetition) => {
            let least = repetition.min as usize;
            let count = least.saturating_add(grow);
            let count = repetition
                .max
                .map_or(count, |most| count.min(most as usize));
            for _ in 0..count {
                if !write_shortest(&repetition.sub, grow, out) {
                    return false;
                }
                if out.len() > MAX_BUILT_CHARS {
                    return false;
                }
            }
            true
        }
        HirKind::Capture(capture) => write_shortest(&capture.sub, grow, out),
        HirKind::Concat(parts) => parts.iter().all(|part| write_shortest(part, grow, out)),
        HirKind::Alternation(branches) => branches
            .first()
            .is_some_and(|first| write_shortest(first, grow, out)),
    }
}

/// The character a reader would pick from a class: the first lower-case letter, upper-case
/// letter or digit it holds, in that order, else its first visible ASCII character, else its
/// first character that is not a control character.
fn representative(ranges: &[ClassUnicodeRange]) -> Option<char> {
    let holds = |c: char| ranges.iter().any(|r| r.start() <= c && c <= r.end());
    let preferred = ('a'..='z')
        .chain('A'..='Z')
        .chain('0'..='9')
        .chain('!'..='~');
    preferred.into_iter().find(|&c| holds(c)).or_else(|| {
        ranges
            .iter()
            .flat_map(|r| r.start()..=r.end())
            .find(|c| !c.is_control())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn value_for(schema: Value) -> StringExample {
        example(&schema, &mut Patterns::default())
    }

    fn met(value: &str) -> StringExample {
        StringExample {
            value: value.into(),
            meets_schema: true,
        }
    }

    #[test]
    fn a_string_without_bounds_is_its_formats_example() {
        assert_eq!(value_for(json!({"type": "string"})), met("string"));
        assert_eq!(
            value_for(json!({"type": "string", "format": "email"})),
            met("user@example.com")
        );
    }

    #[test]
    fn lengths_repeat_or_cut_the_example() {
        assert_eq!(
            value_for(json!({"type": "string", "minLength": 10})),
            met("stringstri")
        );
        assert_eq!(value_for(json!({"maxLength": 4})), met("stri"));
        assert_eq!(
            value_for(json!({"minLength": 6, "maxLength": 6})),
            met("string")
        );
        // a multi-byte character counts once
        assert_eq!(fit("é", Some(3), None), "ééé");
    }

    #[test]
    fn impossible_lengths_are_reported_unmet() {
        assert_eq!(
            value_for(json!({"minLength": 2, "maxLength": 1})),
            StringExample {
                value: "s".into(),
                meets_schema: false
            }
        );
        let long = value_for(json!({"minLength": MAX_BUILT_CHARS + 1}));
        assert_eq!(long.value, "string");
        assert!(!long.meets_schema);
    }

    #[test]
    fn a_pattern_the_example_already_matches_keeps_it() {
        // not anchored: `string` holds a lower-case run
        assert_eq!(value_for(json!({"pattern": "[a-z]+"})), met("string"));
        assert_eq!(
            value_for(json!({"pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"})),
            met("string")
        );
        assert_eq!(
            value_for(json!({"format": "email", "pattern": "^\\S+@\\S+$"})),
            met("user@example.com")
        );
    }

    #[test]
    fn other_patterns_get_the_shortest_string_they_describe() {
        assert_eq!(
            value_for(json!({"pattern": "^#(?:[0-9a-fA-F]{3}){1,2}$"})),
            met("#aaa")
        );
        assert_eq!(value_for(json!({"pattern": "^[A-Z]{3}$"})), met("AAA"));
        assert_eq!(
            value_for(json!({"pattern": "^\\d{4}-\\d{2}-\\d{2}$"})),
            met("0000-00-00")
        );
        assert_eq!(value_for(json!({"pattern": "^/"})), met("/"));
        assert_eq!(value_for(json!({"pattern": "^(foo|bar)$"})), met("foo"));
        assert_eq!(value_for(json!({"pattern": "^[^a-z]+$"})), met("A"));
        assert_eq!(
            value_for(json!({"pattern": "^\\/[a-z\\-]+\\.json$"})),
            met("/a.json")
        );
    }

    #[test]
    fn a_pattern_grows_to_its_minimum_length() {
        assert_eq!(
            value_for(json!({"pattern": "^[A-Z][a-z]*$", "minLength": 3})),
            met("Aaa")
        );
        assert_eq!(
            value_for(json!({"pattern": "^v[0-9]+$", "minLength": 4, "maxLength": 4})),
            met("v000")
        );
    }

    #[test]
    fn a_pattern_that_cannot_be_met_keeps_the_example_unmet() {
        // ECMA-262 look-aheads are not in the `regex` crate's syntax
        let look_ahead = value_for(json!({"pattern": "^(?=.*[0-9])[a-z0-9]{8}$"}));
        assert_eq!(look_ahead.value, "string");
        assert!(!look_ahead.meets_schema);
        // a pattern longer than its `maxLength` allows
        let too_long = value_for(json!({"pattern": "^[a-z]{5}$", "maxLength": 3}));
        assert!(!too_long.meets_schema);
    }

    #[test]
    fn a_pattern_is_compiled_once_per_import() {
        let mut patterns = Patterns::default();
        for _ in 0..3 {
            example(&json!({"pattern": "^[A-Z]{2}$"}), &mut patterns);
        }
        assert_eq!(patterns.compiled.len(), 1);
    }

    #[test]
    fn representatives_read_as_a_reader_would_pick() {
        let class = |ranges: &[(char, char)]| -> Vec<ClassUnicodeRange> {
            ranges
                .iter()
                .map(|&(a, b)| ClassUnicodeRange::new(a, b))
                .collect()
        };
        assert_eq!(representative(&class(&[('0', '9'), ('a', 'f')])), Some('a'));
        assert_eq!(representative(&class(&[('b', 'd')])), Some('b'));
        assert_eq!(representative(&class(&[('_', '_')])), Some('_'));
        assert_eq!(
            representative(&class(&[('\0', '\x1f'), ('é', 'é')])),
            Some('é')
        );
        assert_eq!(representative(&class(&[('\0', '\x1f')])), None);
    }
}
