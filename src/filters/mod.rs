//! Tera filters: everything in a sample that must be right for any input. Templates decide the
//! shape of a sample; these functions decide how a value is written inside it (string literals per
//! language, shell quoting, percent-encoding, Markdown and YAML escaping).

pub mod c;
pub mod clojure;
pub mod crystal;
pub mod csharp;
pub mod dart;
pub mod go;
pub mod httpie;
pub mod hugo;
pub mod java;
pub mod javascript;
pub mod json;
pub mod kotlin;
pub mod markdown;
pub mod mdx;
pub mod ocaml;
pub mod php;
pub mod powershell;
pub mod python;
pub mod r;
pub mod ruby;
pub mod rust;
pub mod secrets;
pub mod shell;
pub mod swift;
pub mod yaml;

use std::borrow::Cow;

use tera::{Error, Kwargs, State, Tera, TeraResult, Value};

use crate::http::{encoding, media};

/// A filter from a string to a string.
type StringFilter = fn(&str) -> String;

/// Registers every filter under the name templates use for it.
pub fn register(tera: &mut Tera) {
    let string_filters: &[(&'static str, StringFilter)] = &[
        ("shell_quote", secrets::shell_value),
        ("shell_word", shell::shell_word),
        ("csharp_verbatim_lines", csharp::csharp_verbatim_lines),
        ("csharp_method", csharp::csharp_method),
        ("go_raw_string", go::go_raw_string),
        ("ruby_request_class", ruby::ruby_request_class),
        ("ruby_form_decoded", ruby::ruby_form_decoded),
        ("uri_component", encoding::uri_component),
        ("form_component_minimal", encoding::form_component_minimal),
        ("media_type_for_file", media::media_type_for_file),
        ("md_escape", markdown::md_escape),
        ("md_table_cell", markdown::md_table_cell),
        ("yaml_scalar", yaml::yaml_scalar),
        ("mdx", mdx::mdx),
        ("escapeall_safe", markdown::escapeall_safe),
        ("heading_end_safe", markdown::heading_end_safe),
        ("jsx_string", mdx::jsx_string),
        ("hugo_argument", hugo::hugo_argument),
        ("node_hostname", javascript::node_hostname),
        ("node_port", javascript::node_port),
        ("httpie_key", httpie::httpie_key),
        ("httpie_value", httpie::httpie_value),
        ("clojure_string", clojure::clojure_value),
        ("clojure_keyword", clojure::clojure_keyword),
        // secrets as each language reads the environment (the languages join by formatting)
        ("c_format", c::c_format),
        ("objc_string", c::objc_value),
        ("rust_string", rust::rust_value),
        ("powershell_string", powershell::powershell_value),
        // string literals whose secrets need more than a join (R's `paste0`, OCaml's parentheses)
        ("r_string", |s| r::with_secrets(s, r::r_string)),
        ("r_single_string", |s| {
            r::with_secrets(s, r::r_single_string)
        }),
        ("ocaml_string", ocaml::ocaml_value),
        ("crystal_string", crystal::crystal_value),
    ];
    for &(name, filter) in string_filters {
        tera.register_filter(name, move |s: &str, _: Kwargs, _: &State| filter(s));
    }
    // the string-literal filters write a secret as the language's read of the environment
    for &(name, literal, idiom) in secrets::FILTERS {
        tera.register_filter(name, move |s: &str, _: Kwargs, _: &State| {
            secrets::with_secrets(s, literal, idiom)
        });
    }
    tera.register_filter(
        "curl_form",
        |part: &Value, _: Kwargs, _: &State| -> TeraResult<String> {
            let content_type = part.get_from_path("content_type").and_then(Value::as_str);
            let kind = text_at(part, "type")?;
            let (value, is_file) = match kind {
                "file" => (text_at(part, "path")?, true),
                _ => (text_at(part, "value")?, false),
            };
            Ok(shell::curl_form(
                text_at(part, "name")?,
                value,
                is_file,
                content_type,
            ))
        },
    );
    tera.register_filter("hugo_text", |s: &str, _: Kwargs, _: &State| {
        hugo::hugo_text(s)
    });
    tera.register_filter("code_title", |s: &str, _: Kwargs, _: &State| {
        markdown::fence_title(s).map_err(Error::message)
    });
    tera.register_filter("hugo_code", |s: &str, _: Kwargs, _: &State| {
        hugo::hugo_code(s)
    });
    tera.register_filter(
        "yaml_front_matter",
        |fields: &Value, _: Kwargs, _: &State| -> TeraResult<String> {
            let json = serde_json::to_value(fields).map_err(|e| Error::message(e.to_string()))?;
            yaml::yaml_front_matter(&json).map_err(Error::message)
        },
    );
    tera.register_filter("curl_needs_globoff", |s: &str, _: Kwargs, _: &State| {
        shell::curl_needs_globoff(s)
    });
    tera.register_test(
        "dotnet_parsed_header",
        |s: &str, kwargs: Kwargs, _: &State| {
            let value: &str = kwargs.get("value").ok().flatten().unwrap_or("");
            csharp::dotnet_parsed_header(s, value)
        },
    );
    tera.register_test("ruby_class_method", |s: &str, _: Kwargs, _: &State| {
        ruby::is_class_method(s)
    });
    tera.register_filter("c_string", |s: &str, _: Kwargs, _: &State| {
        c::libcurl_string(s).map_err(Error::message)
    });
    tera.register_test(
        "too_long_for_an_argument",
        |s: &str, _: Kwargs, _: &State| shell::too_long_for_an_argument(s),
    );
    tera.register_test("holding_secret", |s: &str, _: Kwargs, _: &State| {
        crate::sample_values::has_secret(s)
    });
    tera.register_test("joining_text_to_secret", |s: &str, _: Kwargs, _: &State| {
        c::joins_text_to_secret(s)
    });
    tera.register_test("containing_nul", |s: &str, _: Kwargs, _: &State| {
        c::has_nul(s)
    });
    tera.register_test("rust_header_text", |s: &str, _: Kwargs, _: &State| {
        rust::is_header_text(s)
    });
    tera.register_filter("byte_length", |s: &str, _: Kwargs, _: &State| s.len());
    // what Postman's table gives a file part (see `media::postman_file_type`), or ""
    tera.register_filter(
        "postman_file_type",
        |s: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let second = kwargs.get::<bool>("second")?.unwrap_or(false);
            Ok(media::postman_file_type(s, second)
                .unwrap_or_default()
                .to_string())
        },
    );
    tera.register_test("reprintable_json", |s: &str, _: Kwargs, _: &State| {
        json::parse_reprintable(s).is_some()
    });
    // for clients that send a string as Latin-1 (Python's http.client) unless told otherwise
    tera.register_test("ascii", |s: &str, _: Kwargs, _: &State| s.is_ascii());
    tera.register_test("btoa_safe", |s: &str, _: Kwargs, _: &State| {
        javascript::btoa_safe(s)
    });
    // The JSON filters take the view's `json_body` (parsed once per endpoint) or, for templates
    // written before it, the body's text.
    let json_filters: &[(&'static str, &'static str)] = &[
        ("js_json", "javascript"),
        ("python_json", "python"),
        ("ruby_json", "ruby"),
    ];
    for &(name, language) in json_filters {
        tera.register_filter(
            name,
            move |body: &Value, kwargs: Kwargs, _: &State| -> TeraResult<String> {
                let prefix: &str = kwargs.get("prefix")?.unwrap_or("");
                // spaces per level; the house style's clients print two
                let indent: usize = kwargs.get("indent")?.unwrap_or(2);
                let value = match body.as_str() {
                    Some(text) => json::parse_reprintable(text),
                    None => json_from_value(body),
                }
                .ok_or_else(|| {
                    Error::message(format!(
                        "`{name}` needs `request.json_body` or a body that passes `is reprintable_json`"
                    ))
                })?;
                Ok(json::literal_in(&value, language, prefix, indent)
                    .expect("the JSON filters name known languages"))
            },
        );
    }
    tera.register_filter(
        "clojure_json",
        |body: &Value, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            // the column the value starts at, which a map's later members align under
            let column: usize = kwargs.get("column")?.unwrap_or(0);
            let value = json_from_value(body).ok_or_else(|| {
                Error::message("`clojure_json` needs `request.json_body`".to_string())
            })?;
            Ok(clojure::clojure_data(&value, column))
        },
    );
    tera.register_filter(
        "form_urlencoded",
        |fields: &[Value], _: Kwargs, _: &State| -> TeraResult<String> {
            Ok(encoding::form_urlencoded(&name_values(fields)?))
        },
    );
    tera.register_filter(
        "form_urlencoded_minimal",
        |fields: &[Value], _: Kwargs, _: &State| -> TeraResult<String> {
            Ok(encoding::form_urlencoded_minimal(&name_values(fields)?))
        },
    );
}

/// A template value read back as the JSON it was serialized from; `None` for what JSON cannot
/// hold.
fn json_from_value(value: &Value) -> Option<json::Json> {
    use json::Json;
    Some(if value.is_none() {
        Json::Null
    } else if let Some(b) = value.as_bool() {
        Json::Bool(b)
    } else if value.is_number() {
        Json::Number(value.as_f64()?)
    } else if let Some(s) = value.as_str() {
        Json::String(s.to_string())
    } else if let Some(items) = value.as_array() {
        Json::Array(items.iter().map(json_from_value).collect::<Option<_>>()?)
    } else if let Some(map) = value.as_map() {
        Json::Object(
            map.iter()
                .map(|(key, member)| Some((key.as_str()?.to_string(), json_from_value(member)?)))
                .collect::<Option<_>>()?,
        )
    } else {
        return None;
    })
}

/// Reads a list of `{name, value}` maps (form fields as the templates see them).
fn name_values(fields: &[Value]) -> TeraResult<Vec<(&str, &str)>> {
    fields
        .iter()
        .map(|field| Ok((text_at(field, "name")?, text_at(field, "value")?)))
        .collect()
}

fn text_at<'v>(field: &'v Value, key: &'v str) -> TeraResult<&'v str> {
    field
        .get_from_path(key)
        .and_then(Value::as_str)
        .ok_or_else(|| Error::message(format!("expected form fields with a string `{key}`")))
}

/// `s` between two `quote`s, each character written as `escape` says, or as itself when
/// `escape` returns `None`. The common core of every language's string-literal filter.
///
/// Runs of [`always_plain`] bytes are copied whole without asking `escape`: no language's literal
/// escapes them, and most of any URL, header or body is made of them, so this is where a sample's
/// rendering spends much of its time. Debug builds check that `escape` agrees.
pub(crate) fn quote_with(
    s: &str,
    quote: char,
    escape: impl Fn(char) -> Option<Cow<'static, str>>,
) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    let mut rest = s;
    while !rest.is_empty() {
        let plain = rest
            .bytes()
            .position(|b| !always_plain(b))
            .unwrap_or(rest.len());
        debug_assert!(
            rest[..plain].chars().all(|c| escape(c).is_none()),
            "a literal filter escapes a character of {:?}, which quote_with copies as itself",
            &rest[..plain]
        );
        out.push_str(&rest[..plain]);
        let mut chars = rest[plain..].chars();
        if let Some(c) = chars.next() {
            match escape(c) {
                Some(escaped) => out.push_str(&escaped),
                None => out.push(c),
            }
        }
        rest = chars.as_str();
    }
    out.push(quote);
    out
}

/// Printable ASCII that every language's string literal holds as itself: all of it but the
/// quotes, the backslash, and the sigils some languages interpolate or read (`$`, `#`, `` ` ``,
/// `!`).
fn always_plain(b: u8) -> bool {
    ALWAYS_PLAIN[usize::from(b)]
}

/// [`always_plain`] for every byte, looked up: every byte of every string literal of every
/// sample is asked, and one load costs less than the comparisons.
static ALWAYS_PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = b' ';
    while b <= b'~' {
        table[b as usize] = !matches!(b, b'"' | b'\'' | b'\\' | b'$' | b'#' | b'`' | b'!');
        b += 1;
    }
    table
};

/// Whether `c` is a control character other than a line feed or a tab: a page cannot carry it
/// (a browser turns a carriage return into a line break and drops or replaces the others), so a
/// sample a reader copies from a page must write it as an escape, even where its language would
/// take it as it is.
pub(crate) fn lost_on_a_page(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// A control character other than LF, CR and tab (which [`c_family_literal`] writes) as JSON
/// writes it: `\b`, `\f`, else `\u00xx`. `JSON.stringify` leaves DEL and the C1 controls as
/// they are, but a page cannot carry them, so they are escaped too. The house style's Java, Python
/// and Ruby samples spell these escapes so (Postman's generators escape with `JSON.stringify`), and
/// every language that reads `\uXXXX` in a string can take them.
pub(crate) fn json_control(c: char) -> Option<String> {
    match c {
        '\u{8}' => Some(r"\b".into()),
        '\u{c}' => Some(r"\f".into()),
        c if lost_on_a_page(c) => Some(format!("\\u{:04x}", c as u32)),
        _ => None,
    }
}

/// `s` as a C-family string literal in `quote`s: backslash, the quote, LF, CR and tab get the
/// escapes all these languages share; `other` says how the language writes anything else
/// (control characters, interpolation sigils), or `None` to write it as itself.
pub(crate) fn c_family_literal(
    s: &str,
    quote: char,
    other: impl Fn(char) -> Option<String>,
) -> String {
    quote_with(s, quote, |c| {
        // borrowed: a JSON body's every `"` comes through here
        let shared = match c {
            '\\' => r"\\",
            '\n' => r"\n",
            '\r' => r"\r",
            '\t' => r"\t",
            '"' if quote == '"' => r#"\""#,
            '\'' if quote == '\'' => r"\'",
            c if c == quote => return Some(format!("\\{c}").into()),
            _ => return other(c).map(Cow::Owned),
        };
        Some(Cow::Borrowed(shared))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `quote_with` copies `always_plain` bytes without asking the filter, so every literal
    /// filter built on it must write each of them as itself.
    #[test]
    fn every_literal_filter_writes_the_always_plain_bytes_as_themselves() {
        let plain: String = (0u8..=127)
            .filter(|&b| always_plain(b))
            .map(char::from)
            .collect();
        assert_eq!(plain.len(), 95 - 7, "printable ASCII but seven");
        type Literal = fn(&str) -> String;
        let filters: [(&str, Literal, char); 19] = [
            ("clojure", clojure::clojure_string, '"'),
            ("crystal", crystal::crystal_string, '"'),
            ("csharp", csharp::csharp_string, '"'),
            ("dart", dart::dart_string, '\''),
            ("go", go::go_string, '"'),
            ("hugo", hugo::hugo_argument, '"'),
            ("java", java::java_string, '"'),
            ("js", javascript::js_string, '"'),
            ("js single", javascript::js_single_string, '\''),
            ("kotlin", kotlin::kotlin_string, '"'),
            ("ocaml", ocaml::ocaml_string, '"'),
            ("php", php::php_string, '\''),
            ("python", python::python_string, '"'),
            ("python single", python::python_single_string, '\''),
            ("r", r::r_string, '"'),
            ("r single", r::r_single_string, '\''),
            ("ruby", ruby::ruby_string, '"'),
            ("rust", rust::rust_string, '"'),
            ("swift", swift::swift_string, '"'),
        ];
        for (name, filter, quote) in filters {
            assert_eq!(filter(&plain), format!("{quote}{plain}{quote}"), "{name}");
        }
    }

    #[test]
    fn quote_with_escapes_between_plain_runs() {
        let escaped = quote_with("a\"b\\c$d é\n", '"', |c| match c {
            '"' | '\\' | '$' => Some(format!("\\{c}").into()),
            '\n' => Some("\\n".into()),
            'é' => Some("\\u00e9".into()),
            _ => None,
        });
        assert_eq!(escaped, r#""a\"b\\c\$d \u00e9\n""#);
        assert_eq!(quote_with("", '\'', |_| None), "''");
        assert_eq!(quote_with("#!`", '\'', |_| None), "'#!`'");
    }
}
