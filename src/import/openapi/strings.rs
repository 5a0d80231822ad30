//! Example strings that meet what a string schema asks: its `format`, `minLength`, `maxLength`
//! and `pattern`.

use std::cell::OnceCell;
use std::collections::HashMap;

use fancy_regex::Regex;
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Repetition};
use serde_json::Value;

/// The longest string built to meet a pattern or a `minLength`: a schema asking for more is
/// answered with its format's example, and the importer notes it.
const MAX_BUILT_CHARS: usize = 1_000;
/// How many parts of a pattern writing one string may visit, every try at its length together.
const MAX_STEPS: usize = 200_000;

/// A string example, and whether it meets its schema's length bounds and pattern.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct StringExample {
    pub(super) value: String,
    pub(super) meets_schema: bool,
}

/// The patterns of one import, each read and compiled once: documents such as GitHub's repeat
/// theirs in hundreds of schemas.
#[derive(Default)]
pub(super) struct Patterns {
    compiled: HashMap<String, Compiled>,
}

/// A pattern as this module reads it.
struct Compiled {
    /// The pattern in the `regex` crate's syntax.
    translated: String,
    /// Its matcher for strings of ASCII characters, when the `regex` crate's syntax reads the
    /// whole pattern (no look-arounds or back-references): see [`ascii_matcher`].
    ascii_matcher: Option<regex_automata::meta::Regex>,
    /// Its matcher for any string, when the `regex` crate's syntax reads the whole pattern:
    /// as [`ascii_only`] builds it but for every character, compiled when first needed.
    plain_matcher: OnceCell<Option<regex_automata::meta::Regex>>,
    /// Its matcher for any string, look-arounds and back-references included (`fancy-regex`),
    /// compiled when first needed; `None` inside for one that cannot be compiled.
    matcher: OnceCell<Option<Regex>>,
    /// What strings it describes, its look-arounds left out, for writing one (`None` for one
    /// the `regex` crate's syntax cannot read).
    shape: Option<Hir>,
    /// What its positive look-aheads ask to be in the string, each the shortest it describes
    /// (`0` for `(?=.*[0-9])`).
    asked: String,
}

impl Compiled {
    fn new(pattern: &str) -> Compiled {
        let translated = ecma_to_rust(pattern);
        let parse = |text: &str| regex_syntax::Parser::new().parse(text).ok();
        // read whole, a pattern has no look-arounds (the syntax refuses them): its shape is it
        let whole = parse(&translated);
        let shape = whole
            .clone()
            .or_else(|| parse(&without_look_arounds(&translated)));
        Compiled {
            ascii_matcher: whole.and_then(|hir| {
                regex_automata::meta::Builder::new()
                    .build_from_hir(&ascii_only(&hir))
                    .ok()
            }),
            plain_matcher: OnceCell::new(),
            matcher: OnceCell::new(),
            shape,
            asked: look_ahead_bodies(&translated)
                .filter_map(shortest)
                .collect(),
            translated,
        }
    }

    fn matches(&self, value: &str) -> bool {
        if let Some(ascii) = &self.ascii_matcher
            && value.is_ascii()
            && value.len() <= MATCHED_CHARS
        {
            return ascii.is_match(value);
        }
        if self.ascii_matcher.is_some()
            && let Some(plain) = self
                .plain_matcher
                .get_or_init(|| {
                    let hir = regex_syntax::Parser::new().parse(&self.translated).ok()?;
                    regex_automata::meta::Builder::new()
                        .build_from_hir(&without_groups(&hir))
                        .ok()
                })
                .as_ref()
        {
            return plain.is_match(value);
        }
        self.matcher
            .get_or_init(|| Regex::new(&self.translated).ok())
            .as_ref()
            .is_some_and(|matcher| matcher.is_match(value).unwrap_or(false))
    }
}

/// The longest string [`Compiled::matches`] checks with its ASCII matcher: longer than any
/// example this module builds.
const MATCHED_CHARS: usize = 4 * MAX_BUILT_CHARS;

/// `hir` as it reads strings of at most [`MATCHED_CHARS`] ASCII characters: each class keeps
/// its ASCII characters only, and a repetition allowed more than [`MATCHED_CHARS`] times has no
/// most. On such strings it matches exactly what `hir` matches, and its automaton is small:
/// AWS's `^[\p{L}\p{Z}\p{N}_.:/=+\-%@]{1,256}$`, read whole, unrolls 256 copies of classes of
/// every letter, number and space of Unicode, which took 50 ms and failed on the `regex`
/// crate's size limit (so the example could not be checked), and `[\P{M}\p{M}]{0,20000}` 100
/// MB.
/// `hir` with each group its content: whether a string matches is all that is asked, and a
/// matcher keeps slots for every group in every state (30,000 groups asked for 43 GB).
fn without_groups(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Capture(capture) => without_groups(&capture.sub),
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(without_groups(&repetition.sub)),
            ..repetition.clone()
        }),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(without_groups).collect()),
        HirKind::Alternation(branches) => {
            Hir::alternation(branches.iter().map(without_groups).collect())
        }
        _ => hir.clone(),
    }
}

fn ascii_only(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            let mut ascii = class.clone();
            ascii.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]));
            Hir::class(Class::Unicode(ascii))
        }
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            max: repetition
                .max
                .filter(|&most| most as usize <= MATCHED_CHARS),
            sub: Box::new(ascii_only(&repetition.sub)),
            ..repetition.clone()
        }),
        // whether a value matches is all that is asked: a group is its content (30,000
        // capture groups made the matcher ask for 43 GB of slots)
        HirKind::Capture(capture) => ascii_only(&capture.sub),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(ascii_only).collect()),
        HirKind::Alternation(branches) => {
            Hir::alternation(branches.iter().map(ascii_only).collect())
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Look(_) | HirKind::Class(_) => hir.clone(),
    }
}

impl Patterns {
    fn compiled(&mut self, pattern: &str) -> &Compiled {
        self.compiled
            .entry(pattern.to_string())
            .or_insert_with(|| Compiled::new(pattern))
    }
}

/// The example for a string schema: its format's example (`string` without one), repeated up to
/// `minLength` and cut at `maxLength`; when the schema has a `pattern` that this does not match,
/// the shortest string the pattern describes that is long enough, its repetitions grown one
/// step at a time.
///
/// A pattern is an ECMA-262 regular expression, not anchored unless it says so (JSON Schema
/// 2020-12 Validation §6.3.3). It is read in the `regex` crate's syntax, which shares ECMA-262's
/// classes, escapes and quantifiers, once [`ecma_to_rust`] has rewritten what the two read
/// differently; a value is checked with `fancy-regex`, which adds look-arounds and
/// back-references; the string generated leaves the look-arounds out, and is kept only if the
/// whole pattern matches it.
pub(super) fn example(schema: &Value, patterns: &mut Patterns) -> StringExample {
    // OpenAPI 3.1 writes 3.0's `format: byte` as JSON Schema's `contentEncoding: base64`
    let base64 = schema
        .get("contentEncoding")
        .and_then(Value::as_str)
        .is_some_and(|encoding| matches!(encoding, "base64" | "base64url"));
    let format = schema
        .get("format")
        .and_then(Value::as_str)
        .or(base64.then_some("byte"));
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
    let compiled = patterns.compiled(pattern);
    if lengths_met && compiled.matches(&base) {
        return StringExample {
            value: base,
            meets_schema: true,
        };
    }
    match generated(compiled, least, most) {
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

/// The shortest string the pattern describes with every repetition `grow` times more than its
/// least (within its most), for `grow` from 0 until the string is long enough, its look-arounds
/// left out; kept if the whole pattern matches it, else tried with what the positive
/// look-aheads ask for written over its start or its end, or put before it (a password's
/// `(?=.*[0-9])(?=.*[a-z]).{8,}` gives `0aaaaaaa`).
fn generated(compiled: &Compiled, least: Option<usize>, most: Option<usize>) -> Option<String> {
    let hir = compiled.shape.as_ref()?;
    let asked = &compiled.asked;
    let asked_length = asked.chars().count();
    let mut previous_length = None;
    let mut steps = MAX_STEPS;
    for grow in 0..=MAX_BUILT_CHARS {
        let mut out = String::new();
        if !write_shortest(hir, grow, &mut steps, &mut out) {
            return None;
        }
        let count = out.chars().count();
        if most.is_some_and(|most| count > most) {
            return None;
        }
        if least.is_none_or(|least| count >= least) {
            let mut candidates = vec![out.clone()];
            if !asked.is_empty() {
                if count >= asked_length {
                    candidates.push(format!("{asked}{}", skip_chars(&out, asked_length)));
                    let kept: String = out.chars().take(count - asked_length).collect();
                    candidates.push(format!("{kept}{asked}"));
                }
                candidates.push(format!("{asked}{out}"));
            }
            return candidates.into_iter().find(|candidate| {
                most.is_none_or(|most| candidate.chars().count() <= most)
                    && compiled.matches(candidate)
            });
        }
        if previous_length == Some(count) {
            // no repetition can grow
            return None;
        }
        previous_length = Some(count);
    }
    None
}

fn skip_chars(text: &str, count: usize) -> &str {
    text.char_indices()
        .nth(count)
        .map_or("", |(index, _)| &text[index..])
}

/// The shortest string a pattern (in the `regex` crate's syntax) describes, its look-arounds
/// left out.
fn shortest(pattern: &str) -> Option<String> {
    let hir = regex_syntax::Parser::new()
        .parse(&without_look_arounds(pattern))
        .ok()?;
    let mut out = String::new();
    let mut steps = MAX_STEPS;
    write_shortest(&hir, 0, &mut steps, &mut out).then_some(out)
}

/// The insides of a pattern's positive look-aheads (`.*[0-9]` of `(?=.*[0-9])`).
fn look_ahead_bodies(pattern: &str) -> impl Iterator<Item = &str> {
    look_around_groups(pattern)
        .into_iter()
        .filter(|group| pattern[group.clone()].starts_with("(?="))
        .map(move |group| {
            let inside = &pattern[group.start + 3..group.end];
            inside.strip_suffix(')').unwrap_or(inside)
        })
}

/// An ECMA-262 pattern in the `regex` crate's syntax, where the two read the same text
/// differently: in a class, `[` and a `-` next to a class escape are literal characters
/// (`[\w-.]`), as are `&&`, `--` and `~~`, which the crate reads as set operations; `[^]` is
/// any character. Java's POSIX classes (`\p{Alnum}`, `\p{Print}`…), which AWS's documents
/// use, are their ASCII classes. The rest is the same text.
fn ecma_to_rust(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    // whether the last item written in a class is a class escape (`\d`), which cannot start
    // or end a range
    let mut after_class_escape = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push('\\');
                    break;
                };
                if matches!(next, 'p' | 'P') && chars.peek() == Some(&'{') {
                    let name: String = chars.clone().skip(1).take_while(|&c| c != '}').collect();
                    if let Some(ascii) = java_posix_class(&name) {
                        for _ in 0..name.len() + 2 {
                            chars.next();
                        }
                        let negated = if next == 'P' { "^" } else { "" };
                        if in_class && negated.is_empty() {
                            out.push_str(ascii);
                        } else {
                            out.push_str(&format!("[{negated}{ascii}]"));
                        }
                        after_class_escape = true;
                        continue;
                    }
                }
                // `\0` is NUL, `\cJ` the control character of a letter
                if next == '0' && !chars.peek().is_some_and(char::is_ascii_digit) {
                    out.push_str("\\x00");
                    after_class_escape = false;
                    continue;
                }
                if next == 'c'
                    && let Some(letter) = chars.peek().copied().filter(char::is_ascii_alphabetic)
                {
                    chars.next();
                    out.push_str(&format!("\\x{:02X}", letter as u8 % 32));
                    after_class_escape = false;
                    continue;
                }
                out.push('\\');
                out.push(next);
                after_class_escape = matches!(next, 'd' | 'D' | 'w' | 'W' | 's' | 'S' | 'p' | 'P');
                if matches!(next, 'p' | 'P') && chars.peek() == Some(&'{') {
                    for c in chars.by_ref() {
                        out.push(c);
                        if c == '}' {
                            break;
                        }
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                after_class_escape = false;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    chars.next();
                    if chars.peek() == Some(&']') {
                        // `[^]`: any character
                        chars.next();
                        out.push_str("\\s\\S]");
                        in_class = false;
                        continue;
                    }
                    out.push('^');
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '[' | '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
                after_class_escape = false;
            }
            '-' if in_class => {
                let next_is_class_escape = {
                    let mut ahead = chars.clone();
                    ahead.next() == Some('\\')
                        && ahead
                            .next()
                            .is_some_and(|c| matches!(c, 'd' | 'D' | 'w' | 'W' | 's' | 'S'))
                };
                if after_class_escape || next_is_class_escape || chars.peek() == Some(&'-') {
                    out.push_str("\\-");
                } else {
                    out.push('-');
                }
                after_class_escape = false;
            }
            _ => {
                out.push(c);
                after_class_escape = false;
            }
        }
    }
    out
}

/// The ASCII class (as a class's inside) of a Java POSIX class name.
fn java_posix_class(name: &str) -> Option<&'static str> {
    Some(match name {
        "Alnum" => "A-Za-z0-9",
        "Alpha" => "A-Za-z",
        "Digit" => "0-9",
        "Upper" => "A-Z",
        "Lower" => "a-z",
        "XDigit" => "0-9A-Fa-f",
        "Punct" => "!-/:-@\\[-`{-~",
        "Graph" => "!-~",
        "Print" => " -~",
        "Blank" => " \\t",
        "Space" => " \\t\\n\\x0B\\f\\r",
        "Cntrl" => "\\x00-\\x1F\\x7F",
        "ASCII" => "\\x00-\\x7F",
        _ => return None,
    })
}

/// A pattern (in the `regex` crate's syntax) without its look-around groups (`(?=…)`, `(?!…)`,
/// `(?<=…)`, `(?<!…)`), which the string generated from it does not try to meet: the whole
/// pattern checks it afterwards.
fn without_look_arounds(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut kept_from = 0;
    for group in look_around_groups(pattern) {
        out.push_str(&pattern[kept_from..group.start]);
        kept_from = group.end;
    }
    out.push_str(&pattern[kept_from..]);
    out
}

/// Where a pattern's look-around groups are, outside classes and escapes (a group inside one
/// is part of it).
fn look_around_groups(pattern: &str) -> Vec<std::ops::Range<usize>> {
    let mut groups = Vec::new();
    let mut in_class = false;
    let mut index = 0;
    while let Some(c) = pattern[index..].chars().next() {
        let rest = &pattern[index..];
        if c == '\\' {
            index += rest.chars().take(2).map(char::len_utf8).sum::<usize>();
            continue;
        }
        if !in_class
            && ["(?=", "(?!", "(?<=", "(?<!"]
                .iter()
                .any(|open| rest.starts_with(open))
        {
            let length = group_length(rest);
            groups.push(index..index + length);
            index += length;
            continue;
        }
        match c {
            '[' => in_class = true,
            ']' => in_class = false,
            _ => {}
        }
        index += c.len_utf8();
    }
    groups
}

/// The length in bytes of the group `text` starts with, up to its closing parenthesis (the
/// rest of `text` when it has none).
fn group_length(text: &str) -> usize {
    let mut depth = 0usize;
    let mut in_class = false;
    let mut chars = text.char_indices();
    while let Some((index, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => {
                depth -= 1;
                if depth == 0 {
                    return index + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

/// Writes a string `hir` matches: the first branch of each alternation that writes something,
/// a representative of each class, each repetition its least count plus `grow` (within its
/// most). False when that would pass [`MAX_BUILT_CHARS`] or a class holds no character.
fn write_shortest(hir: &Hir, grow: usize, steps: &mut usize, out: &mut String) -> bool {
    // a budget, not a depth: `((a{0}){1000}){1000}` writes nothing a billion times
    if *steps == 0 {
        return false;
    }
    *steps -= 1;
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(literal) => match std::str::from_utf8(&literal.0) {
            Ok(text) => {
                out.push_str(text);
                out.len() <= MAX_BUILT_CHARS
            }
            Err(_) => false,
        },
        HirKind::Class(class) => {
            let ascii: Vec<ClassUnicodeRange>;
            let ranges = match class {
                Class::Unicode(class) => class.ranges(),
                Class::Bytes(class) => {
                    ascii = class
                        .ranges()
                        .iter()
                        .filter(|r| r.start() < 0x80)
                        .map(|r| {
                            let end = char::from(r.end().min(0x7f));
                            ClassUnicodeRange::new(char::from(r.start()), end)
                        })
                        .collect();
                    &ascii
                }
            };
            representative(ranges).map(|c| out.push(c)).is_some()
        }
        HirKind::Repetition(repetition) => {
            let least = repetition.min as usize;
            let count = least.saturating_add(grow);
            let count = repetition
                .max
                .map_or(count, |most| count.min(most as usize));
            for _ in 0..count {
                if !write_shortest(&repetition.sub, grow, steps, out) {
                    return false;
                }
                if out.len() > MAX_BUILT_CHARS {
                    return false;
                }
            }
            true
        }
        HirKind::Capture(capture) => write_shortest(&capture.sub, grow, steps, out),
        HirKind::Concat(parts) => parts
            .iter()
            .all(|part| write_shortest(part, grow, steps, out)),
        HirKind::Alternation(branches) => {
            // the first branch that writes something (`^$|^[0-9]+$` gives `0`, not nothing)
            for branch in branches {
                let mut written = String::new();
                if write_shortest(branch, grow, steps, &mut written) && !written.is_empty() {
                    out.push_str(&written);
                    return out.len() <= MAX_BUILT_CHARS;
                }
            }
            true
        }
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
        // a look-ahead no string meets
        let look_ahead = value_for(json!({"pattern": "^(?=x)y"}));
        assert_eq!(look_ahead.value, "string");
        assert!(!look_ahead.meets_schema);
        // a pattern longer than its `maxLength` allows
        let too_long = value_for(json!({"pattern": "^[a-z]{5}$", "maxLength": 3}));
        assert!(!too_long.meets_schema);
    }

    #[test]
    fn look_arounds_are_met_by_the_whole_pattern() {
        // `string` meets the look-ahead, so it is kept
        assert_eq!(
            value_for(json!({"pattern": "^(?!svc-)[a-zA-Z0-9]+[a-zA-Z0-9-_ ]+$"})),
            met("string")
        );
        // AWS ACM's domain name: the look-aheads left out, the rest its shortest
        assert_eq!(
            value_for(
                json!({"pattern": "^(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$"})
            ),
            met("a.aa")
        );
        // GitBook's redirect source path
        assert_eq!(
            value_for(
                json!({"pattern": "^\\/(?!\\*)(?!.*\\*.+)(?:[A-Za-z0-9\\-._~+]|%[0-9A-Fa-f]{2})+(?:\\/(?:[A-Za-z0-9\\-._~+]|%[0-9A-Fa-f]{2})+)*(?:\\/\\*|\\*)?$"})
            ),
            met("/a")
        );
        // a back-reference is checked too
        assert!(!value_for(json!({"pattern": "^(a)\\1$"})).meets_schema);
    }

    #[test]
    fn ecma_syntax_is_read_as_ecma_reads_it() {
        assert_eq!(ecma_to_rust(r"^[\w-.]+$"), r"^[\w\-.]+$");
        assert_eq!(ecma_to_rust(r"[\d-_]"), r"[\d\-_]");
        assert_eq!(ecma_to_rust(r"[a-z-\s]"), r"[a-z\-\s]");
        assert_eq!(ecma_to_rust(r"[[a-z]"), r"[\[a-z]");
        assert_eq!(ecma_to_rust(r"[a&&b~~c]"), r"[a\&\&b\~\~c]");
        assert_eq!(ecma_to_rust(r"^[^]*$"), r"^[\s\S]*$");
        assert_eq!(ecma_to_rust(r"[a-z0-9]\/\p{L}"), r"[a-z0-9]\/\p{L}");
        // Java's POSIX classes, as AWS writes them
        assert_eq!(ecma_to_rust(r"^[\-\p{Alnum}_:.]+$"), r"^[\-A-Za-z0-9_:.]+$");
        assert_eq!(ecma_to_rust(r"\p{Print}*"), r"[ -~]*");
        assert_eq!(ecma_to_rust(r"[\P{Digit}]"), r"[[^0-9]]");
        assert_eq!(value_for(json!({"pattern": r"^[\d-_]+$"})), met("0"));
        assert_eq!(
            value_for(
                json!({"pattern": r"^urn:tdm:(([a-z]{2}-(gov-)?[a-z]{4,9}-[0-9]{1,3}/[0-9]+/)*[\p{Alnum}_]+(/[\p{Alnum}_]+)*):([\p{Alpha}]*):([\p{Alnum}_]+(/[\p{Alnum}_]+)*)$"})
            ),
            met("urn:tdm:a::a")
        );
    }

    #[test]
    fn what_look_aheads_ask_for_is_written_in() {
        assert_eq!(
            value_for(json!({"pattern": "^(?=.*[0-9])(?=.*[a-z]).{8,}$"})),
            met("0aaaaaaa")
        );
        assert_eq!(
            value_for(json!({"pattern": "^[A-Z]+(?=.*[0-9])[A-Z0-9]{3}$"})),
            met("AAA0")
        );
        assert_eq!(
            look_ahead_bodies(r"(?=a(b))[(?=c)](?=\\)").collect::<Vec<_>>(),
            ["a(b)", r"\\"]
        );
    }

    #[test]
    fn control_escapes_are_read() {
        assert_eq!(ecma_to_rust(r"^\0\cJ\01$"), r"^\x00\x0A\01$");
        assert_eq!(value_for(json!({"pattern": r"^\cJ$"})), met("\n"));
    }

    #[test]
    fn an_alternation_gives_its_first_branch_that_writes_something() {
        assert_eq!(value_for(json!({"pattern": "^$|^[0-9]+$"})), met("0"));
    }

    #[test]
    fn look_around_groups_are_left_out_for_generating() {
        assert_eq!(
            without_look_arounds(r"^(?=.*\d)(?!x)a(?<=a)(?<!b)$"),
            r"^a$"
        );
        assert_eq!(without_look_arounds(r"[(?=]x"), r"[(?=]x");
        assert_eq!(without_look_arounds(r"a(?=(b)\))c"), "ac");
    }

    #[test]
    fn a_pattern_that_writes_nothing_many_times_stops() {
        // without a budget this would write nothing a billion times per length tried
        let nested =
            value_for(json!({"pattern": "^(((a{0}){1000}){1000}){1000}b$", "minLength": 2}));
        assert!(!nested.meets_schema);
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
    fn long_repetitions_of_unicode_classes_are_checked_on_ascii_examples() {
        // AWS's patterns: compiled whole, each unrolls its repetition of a class of much of
        // Unicode, and the first two failed on the `regex` crate's size limit
        let cases = [
            (r"^[\p{L}\p{Z}\p{N}_.:/=+\-%@]{1,256}$", "string"),
            (r"^[A-Z]\w{1,1000}$", "Aa"),
            (r"[\P{M}\p{M}]{0,20000}", "string"),
            (r"\p{ASCII}{0,8192}", "string"),
        ];
        for (pattern, expected) in cases {
            let mut patterns = Patterns::default();
            let example = example(&json!({ "pattern": pattern }), &mut patterns);
            assert_eq!(example, met(expected), "{pattern}");
            let compiled = &patterns.compiled[pattern];
            assert!(
                compiled.matcher.get().is_none(),
                "{pattern}: compiled whole"
            );
        }
    }

    #[test]
    fn a_non_ascii_example_is_checked_by_the_whole_pattern() {
        let mut patterns = Patterns::default();
        let example = example(&json!({"pattern": r"^\p{Greek}{2}$"}), &mut patterns);
        assert!(example.meets_schema);
        assert!(!example.value.is_ascii());
        assert!(
            patterns.compiled[r"^\p{Greek}{2}$"]
                .plain_matcher
                .get()
                .is_some()
        );
    }

    #[test]
    fn the_ascii_matcher_agrees_with_the_whole_pattern() {
        let long = "a".repeat(MATCHED_CHARS);
        let longer = "a".repeat(MATCHED_CHARS + 1);
        let cases: &[(&str, &[&str])] = &[
            (
                r"^#(?:[0-9a-fA-F]{3}){1,2}$",
                &["#abc", "#abcdef", "#abcd", "abc"],
            ),
            (r"(?i)^[a-z]+$", &["AbC", "a1"]),
            (r"^[^a-z]+$", &["ABC", "AbC", "\t"]),
            (r"^.{2}$", &["ab", "a\n", "abc"]),
            (r"\bword\b", &["a word here", "swordfish"]),
            (r"^[a-z_0-9]{1,5000}$", &["a_1", "a-1", &long, &longer]),
            (r"^[\p{Lu}]{2,3}$", &["AB", "ab", "ABCD"]),
            (r"^(a|bc)*d$", &["abcad", "abd", "bcbc"]),
        ];
        for (pattern, values) in cases {
            let compiled = Compiled::new(pattern);
            let whole = Regex::new(&compiled.translated).unwrap();
            for value in *values {
                assert_eq!(
                    compiled.matches(value),
                    whole.is_match(value).unwrap(),
                    "{pattern} on {value:?}"
                );
            }
            assert!(compiled.ascii_matcher.is_some(), "{pattern}");
        }
        // a group is its content: matching asks for no slot per group and state
        let groups = format!("^{}$", "(a|b)".repeat(3));
        let compiled = Compiled::new(&groups);
        let matcher = compiled.ascii_matcher.as_ref().unwrap();
        assert_eq!(matcher.group_info().slot_len(), 2);
        assert!(compiled.matches("aba") && !compiled.matches("abc"));
        // and so for a value the ASCII matcher does not check
        let compiled = Compiled::new("^(a|é)+$");
        assert!(compiled.matches(&"a".repeat(MATCHED_CHARS + 1)) && compiled.matches("aé"));
        let plain = compiled.plain_matcher.get().unwrap().as_ref().unwrap();
        assert_eq!(plain.group_info().slot_len(), 2);
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
