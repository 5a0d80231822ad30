//! JSON bodies re-printed as code, the way the jQuery, NodeJS, Python and Ruby samples show them:
//! parsed, then written back with JavaScript's `JSON.stringify(value, null, 2)` rules (integer-like
//! keys first, numbers as JavaScript prints them). A body is only re-printed when that keeps its
//! meaning: not when it is invalid JSON, repeats a key, or holds a number JavaScript cannot hold.

use std::fmt::Write;

use super::javascript::js_string;
use super::ruby::ruby_string;

/// A parsed JSON value. Objects keep their members in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// A template sees the value as plain JSON data, members in the order written.
impl serde::Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(n) => serializer.serialize_f64(*n),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, member) in members {
                    map.serialize_entry(key, member)?;
                }
                map.end()
            }
        }
    }
}

/// How one language writes the parts of a JSON-like literal.
struct Dialect {
    null: &'static str,
    true_: &'static str,
    false_: &'static str,
    string: fn(&str) -> String,
    /// How a `__proto__` key is written, where the language's literal reads it as something
    /// else: in a JavaScript object literal, `"__proto__": …` sets the prototype and adds no
    /// property, which `["__proto__"]: …` does.
    proto_key: Option<&'static str>,
}

const JAVASCRIPT: Dialect = Dialect {
    null: "null",
    true_: "true",
    false_: "false",
    string: js_string,
    proto_key: Some("[\"__proto__\"]"),
};
// A JSON string is a valid Python string literal with the same value.
const PYTHON: Dialect = Dialect {
    null: "None",
    true_: "True",
    false_: "False",
    string: js_string,
    proto_key: None,
};
const RUBY: Dialect = Dialect {
    null: "nil",
    true_: "true",
    false_: "false",
    string: ruby_string,
    proto_key: None,
};

/// Parses `text` if re-printing it keeps its meaning; `None` otherwise (the sample then sends the
/// body as written).
pub fn parse_reprintable(text: &str) -> Option<Json> {
    parse(text, false)
}

/// Whether `text` is a JSON object, whatever its numbers and keys: one that re-printing would
/// change (a number beyond a double's range or precision, a key given twice) is JSON all the
/// same, to be sent as written.
pub fn is_object_text(text: &str) -> bool {
    matches!(parse(text, true), Some(Json::Object(_)))
}

/// `text` as JSON, or `None`; `as_written` takes any number and repeated keys (each number then
/// stands as 0: the value is only looked at, never printed).
fn parse(text: &str, as_written: bool) -> Option<Json> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        text,
        at: 0,
        as_written,
    };
    parser.skip_whitespace();
    let value = parser.value(0)?;
    parser.skip_whitespace();
    (parser.at == parser.bytes.len()).then_some(value)
}

/// `value` as a JavaScript literal, `JSON.stringify(value, null, 2)` style, with `prefix` before
/// every line but the first (the sample's indentation).
pub fn js_literal(value: &Json, prefix: &str) -> String {
    write_literal(value, &JAVASCRIPT, prefix)
}

/// `value` as a Python literal (`None`, `True`, `False`) laid out like [`js_literal`].
pub fn python_literal(value: &Json, prefix: &str) -> String {
    write_literal(value, &PYTHON, prefix)
}

/// `value` as a Ruby hash/array literal (`nil`), strings escaped for Ruby, laid out like
/// [`js_literal`].
pub fn ruby_literal(value: &Json, prefix: &str) -> String {
    write_literal(value, &RUBY, prefix)
}

/// `value` as compact JSON (`JSON.stringify(value)`): no white space, members in JavaScript's order.
pub fn compact(value: &Json) -> String {
    let mut out = String::new();
    write_compact(&mut out, value);
    out
}

fn write_compact(out: &mut String, value: &Json) {
    match value {
        Json::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_compact(out, item);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (index, (key, member)) in javascript_order(members).into_iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(&js_string(key));
                out.push(':');
                write_compact(out, member);
            }
            out.push('}');
        }
        scalar => write_value(out, scalar, &JAVASCRIPT, "", ""),
    }
}

fn write_literal(value: &Json, dialect: &Dialect, prefix: &str) -> String {
    write_literal_indented(value, dialect, prefix, 2)
}

/// `value` in `language` (`javascript`, `python` or `ruby`) with `indent` spaces per level and
/// `prefix` before every line but the first; `None` for another language.
pub fn literal_in(value: &Json, language: &str, prefix: &str, indent: usize) -> Option<String> {
    let dialect = match language {
        "javascript" => &JAVASCRIPT,
        "python" => &PYTHON,
        "ruby" => &RUBY,
        _ => return None,
    };
    Some(write_literal_indented(value, dialect, prefix, indent))
}

fn write_literal_indented(value: &Json, dialect: &Dialect, prefix: &str, indent: usize) -> String {
    let mut out = String::new();
    write_value(
        &mut out,
        value,
        dialect,
        &format!("\n{prefix}"),
        &" ".repeat(indent),
    );
    out
}

fn write_value(out: &mut String, value: &Json, dialect: &Dialect, newline: &str, indent: &str) {
    match value {
        Json::Null => out.push_str(dialect.null),
        Json::Bool(true) => out.push_str(dialect.true_),
        Json::Bool(false) => out.push_str(dialect.false_),
        Json::Number(n) => out.push_str(&js_number(*n)),
        Json::String(s) => out.push_str(&(dialect.string)(s)),
        Json::Array(items) if items.is_empty() => out.push_str("[]"),
        Json::Object(members) if members.is_empty() => out.push_str("{}"),
        Json::Array(items) => {
            let inner = format!("{newline}{indent}");
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(&inner);
                write_value(out, item, dialect, &inner, indent);
            }
            out.push_str(newline);
            out.push(']');
        }
        Json::Object(members) => {
            let inner = format!("{newline}{indent}");
            out.push('{');
            for (index, (key, member)) in javascript_order(members).into_iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(&inner);
                match dialect.proto_key.filter(|_| key == "__proto__") {
                    Some(proto_key) => out.push_str(proto_key),
                    None => out.push_str(&(dialect.string)(key)),
                }
                out.push_str(": ");
                write_value(out, member, dialect, &inner, indent);
            }
            out.push_str(newline);
            out.push('}');
        }
    }
}

/// JavaScript's property order: integer-like keys (`"0"` … `"4294967294"`, canonical form)
/// ascending, then the other keys in the order written.
fn javascript_order(members: &[(String, Json)]) -> Vec<(&String, &Json)> {
    let index_of = |key: &str| -> Option<u32> {
        let n: u32 = key.parse().ok()?;
        (n != u32::MAX && n.to_string() == key).then_some(n)
    };
    let mut indexed: Vec<(u32, &String, &Json)> = members
        .iter()
        .filter_map(|(k, v)| index_of(k).map(|n| (n, k, v)))
        .collect();
    indexed.sort_by_key(|(n, _, _)| *n);
    indexed
        .into_iter()
        .map(|(_, k, v)| (k, v))
        .chain(
            members
                .iter()
                .filter(|(k, _)| index_of(k).is_none())
                .map(|(k, v)| (k, v)),
        )
        .collect()
}

/// A finite number as JavaScript's `Number.prototype.toString` prints it: the shortest digits
/// that read back as the same double, in plain notation for exponents from -7 to 20, and as
/// `1e+21` / `1e-7` beyond.
pub fn js_number(n: f64) -> String {
    if n == 0.0 {
        return "0".into();
    }
    let sign = if n < 0.0 { "-" } else { "" };
    // Rust's `{:e}` gives the shortest round-trip digits: `1.5e0`, `1e21`, `1.2345e-7`.
    let scientific = format!("{:e}", n.abs());
    let (mantissa, exponent) = scientific.split_once('e').expect("`{:e}` has an exponent");
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let exponent: i32 = exponent.parse().expect("`{:e}` exponent is an integer");
    let k = digits.len() as i32;
    // `n` in ECMA-262's terms: the value is 0.digits × 10^point.
    let point = exponent + 1;
    let mut out = String::from(sign);
    if k <= point && point <= 21 {
        out.push_str(&digits);
        out.push_str(&"0".repeat((point - k) as usize));
    } else if 0 < point && point <= 21 {
        out.push_str(&digits[..point as usize]);
        out.push('.');
        out.push_str(&digits[point as usize..]);
    } else if -6 < point && point <= 0 {
        out.push_str("0.");
        out.push_str(&"0".repeat((-point) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(
            out,
            "e{}{}",
            if point - 1 < 0 { '-' } else { '+' },
            (point - 1).abs()
        );
    }
    out
}

/// A strict JSON parser (RFC 8259) that refuses what re-printing would change.
struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    /// Whether any valid number and repeated keys are taken (see [`is_object_text`]).
    as_written: bool,
}

/// Deeper nesting is sent as written rather than risk the stack.
const MAX_DEPTH: usize = 256;

impl Parser<'_> {
    fn skip_whitespace(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.bytes.get(self.at) == Some(&byte)).then(|| self.at += 1)
    }

    fn literal(&mut self, word: &str, value: Json) -> Option<Json> {
        self.text[self.at..].starts_with(word).then(|| {
            self.at += word.len();
            value
        })
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.bytes.get(self.at)? {
            b'n' => self.literal("null", Json::Null),
            b't' => self.literal("true", Json::Bool(true)),
            b'f' => self.literal("false", Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_whitespace();
                if self.eat(b']').is_some() {
                    return Some(Json::Array(items));
                }
                loop {
                    self.skip_whitespace();
                    items.push(self.value(depth + 1)?);
                    self.skip_whitespace();
                    if self.eat(b']').is_some() {
                        return Some(Json::Array(items));
                    }
                    self.eat(b',')?;
                }
            }
            b'{' => {
                self.at += 1;
                let mut members: Vec<(String, Json)> = Vec::new();
                let mut keys = std::collections::HashSet::new();
                self.skip_whitespace();
                if self.eat(b'}').is_some() {
                    return Some(Json::Object(members));
                }
                loop {
                    self.skip_whitespace();
                    let key = self.string()?;
                    // A repeated key means different things to different parsers.
                    if !keys.insert(key.clone()) && !self.as_written {
                        return None;
                    }
                    self.skip_whitespace();
                    self.eat(b':')?;
                    self.skip_whitespace();
                    let value = self.value(depth + 1)?;
                    members.push((key, value));
                    self.skip_whitespace();
                    if self.eat(b'}').is_some() {
                        return Some(Json::Object(members));
                    }
                    self.eat(b',')?;
                }
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn number(&mut self) -> Option<Json> {
        let start = self.at;
        self.eat(b'-');
        let int_start = self.at;
        self.digits();
        let int_len = self.at - int_start;
        if int_len == 0 || (int_len > 1 && self.bytes[int_start] == b'0') {
            return None;
        }
        if self.eat(b'.').is_some() && self.digits() == 0 {
            return None;
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        let text = &self.text[start..self.at];
        if self.as_written {
            return Some(Json::Number(0.0));
        }
        let n: f64 = text.parse().ok()?;
        // JavaScript would print an overflowing number as `null`, and an integer a double cannot
        // hold exactly (beyond 2^53, or `-0`) as another integer.
        let exact_integer = text.contains(['.', 'e', 'E']) || js_number(n) == text;
        (n.is_finite() && exact_integer).then_some(Json::Number(n))
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        self.at - start
    }

    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.at..];
            let c = rest.chars().next()?;
            self.at += c.len_utf8();
            match c {
                '"' => return Some(out),
                '\\' => {
                    let escape = *self.bytes.get(self.at)?;
                    self.at += 1;
                    match escape {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let high = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&high) {
                                // a lone surrogate has no UTF-8 form: send the body as written
                                self.eat(b'\\')?;
                                self.eat(b'u')?;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return None;
                                }
                                char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?
                            } else {
                                char::from_u32(high)?
                            };
                            out.push(c);
                        }
                        _ => return None,
                    }
                }
                c if (c as u32) < 0x20 => return None,
                c => out.push(c),
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let hex = self.text.get(self.at..self.at + 4)?;
        let value = u32::from_str_radix(hex, 16).ok()?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at += 4;
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn js(text: &str) -> String {
        js_literal(&parse_reprintable(text).expect("reprintable"), "  ")
    }

    #[test]
    fn numbers_print_like_javascript() {
        let cases = [
            (1.5, "1.5"),
            (1000.0, "1000"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (-0.0, "0"),
            (12345678901234567890.0, "12345678901234567000"),
            (9007199254740992.0, "9007199254740992"),
            (0.1 + 0.2, "0.30000000000000004"),
            (-123.456, "-123.456"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
        ];
        for (n, expected) in cases {
            assert_eq!(js_number(n), expected, "{n:e}");
        }
    }

    #[test]
    fn stringify_layout_and_key_order() {
        assert_eq!(
            js("{\n    \"name\": \"O'Brien $x\",\n    \"n\": 1.50,\n    \"a\": [1, null, true]\n}"),
            "{\n    \"name\": \"O'Brien $x\",\n    \"n\": 1.5,\n    \"a\": [\n      1,\n      null,\n      true\n    ]\n  }"
        );
        assert_eq!(
            js("{\"b\": 1, \"2\": 2, \"a\": {}, \"1\": [], \"01\": 3}"),
            "{\n    \"1\": [],\n    \"2\": 2,\n    \"b\": 1,\n    \"a\": {},\n    \"01\": 3\n  }"
        );
        assert_eq!(js("\"\\u00e9\\ud83d\\ude00\\/\""), "\"\u{e9}\u{1F600}/\"");
        assert_eq!(js(" [ ] "), "[]");
        // a `"__proto__":` key would set the prototype, and the property would be lost
        assert_eq!(
            js("{\"__proto__\": 1, \"a\": {\"__proto__\": null}}"),
            "{\n    [\"__proto__\"]: 1,\n    \"a\": {\n      [\"__proto__\"]: null\n    }\n  }"
        );
        let value = parse_reprintable("{\"__proto__\": 1}").unwrap();
        assert_eq!(python_literal(&value, ""), "{\n  \"__proto__\": 1\n}");
    }

    #[test]
    fn compact_is_json_stringify() {
        let value = parse_reprintable("{ \"b\": [1, 2.50, {}], \"1\": \"x\\ny\" }").unwrap();
        assert_eq!(compact(&value), r#"{"1":"x\ny","b":[1,2.5,{}]}"#);
    }

    #[test]
    fn dialects() {
        let value = parse_reprintable("{\"a\": [null, true, false], \"b#{x}\": \"$y\"}").unwrap();
        assert_eq!(
            python_literal(&value, ""),
            "{\n  \"a\": [\n    None,\n    True,\n    False\n  ],\n  \"b#{x}\": \"$y\"\n}"
        );
        assert_eq!(
            ruby_literal(&value, ""),
            "{\n  \"a\": [\n    nil,\n    true,\n    false\n  ],\n  \"b\\#{x}\": \"\\$y\"\n}"
        );
    }

    #[test]
    fn what_cannot_be_reprinted_is_refused() {
        for text in [
            "{\"consentedAt\": {{date}}}",
            "{\"a\": 1,}",
            "{\"a\": 1, \"a\": 2}",
            "[1e400]",
            "\"\\ud800\"",
            "\"tab\tinside\"",
            "[01]",
            "[12345678901234567890]",
            "[9007199254740993]",
            "[-0]",
            "{} {}",
            "",
            "// comment\n{}",
        ] {
            assert_eq!(parse_reprintable(text), None, "{text:?}");
        }
        assert!(parse_reprintable(&"[".repeat(300)).is_none());
        // JSON all the same, to be sent as written
        for text in [
            "{\"id\": 5474537955442823397}",
            "{\"a\": -0, \"b\": 1e400}",
            "{\"a\": 1, \"a\": 2}",
        ] {
            assert!(is_object_text(text), "{text}");
        }
        assert!(!is_object_text("[1]"));
        assert!(!is_object_text("{\"a\": 01}"));
    }
}
