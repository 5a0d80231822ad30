//! Properties that must hold for any input: every string-literal filter reads back as its input
//! under its language's escape rules, encodings decode back, Markdown escaping renders as the text,
//! JSON re-printing keeps the value, and no spec, however strange, makes rendering panic.

use std::path::Path;
use std::process::Command;

use indexmap::IndexMap;
use proptest::prelude::*;
use pulldown_cmark::{Event, Parser};

use samplegen::config::Config;
use samplegen::filters::{
    csharp, go, java, javascript, json, markdown, php, python, ruby, secrets, shell, swift,
};
use samplegen::http::encoding;
use samplegen::model::{self, PageId};
use samplegen::render::Renderer;
use samplegen::sample_values;
use samplegen::spec::{self, AuthSpec, BasicAuthSpec, BodySpec, PartSpec, RequestSpec, Spec};

/// The escapes a language reads inside a string literal, for [`decode`].
#[derive(Clone, Copy, PartialEq)]
enum Lang {
    CSharp,
    Go,
    Java,
    Python,
    Ruby,
    Swift,
    PhpSingle,
    PhpDouble,
    JsSingle,
}

/// Reads a string literal back the way `lang` would, panicking on anything the language would
/// read differently from plain text (an escape it does not know, Ruby interpolation, a raw line
/// break where the language forbids one).
fn decode(literal: &str, quote: char, lang: Lang) -> String {
    let inner = literal
        .strip_prefix(quote)
        .and_then(|s| s.strip_suffix(quote))
        .unwrap_or_else(|| panic!("not quoted with {quote}: {literal}"));
    let chars: Vec<char> = inner.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let hex =
        |digits: &[char]| u32::from_str_radix(&digits.iter().collect::<String>(), 16).unwrap();
    while i < chars.len() {
        let c = chars[i];
        if c == quote {
            panic!("unescaped quote in {literal}");
        }
        let raw_allowed = match lang {
            Lang::PhpSingle | Lang::Go => true,
            Lang::PhpDouble => c == '\n',
            _ => false,
        };
        if !raw_allowed && (c == '\n' || c == '\r') {
            panic!("raw line break in {literal:?}");
        }
        if lang == Lang::Ruby && c == '#' && matches!(chars.get(i + 1), Some('{' | '$' | '@')) {
            panic!("Ruby would interpolate: {literal}");
        }
        if c != '\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let e = chars[i + 1];
        i += 2;
        let simple = match (lang, e) {
            (Lang::PhpSingle, '\\') => Some('\\'),
            (Lang::PhpSingle, '\'') => Some('\''),
            (Lang::PhpSingle, other) => {
                out.push('\\');
                Some(other)
            }
            (_, '\\') => Some('\\'),
            (_, '"') => Some('"'),
            (Lang::Python | Lang::JsSingle, '\'') => Some('\''),
            (_, 'n') => Some('\n'),
            (_, 'r') => Some('\r'),
            (_, 't') => Some('\t'),
            (Lang::Java | Lang::Python | Lang::Ruby, 'b') => Some('\u{8}'),
            (Lang::Java | Lang::Python | Lang::Ruby, 'f') => Some('\u{c}'),
            (Lang::CSharp | Lang::Swift, '0') => Some('\0'),
            (Lang::Ruby, 'e') => Some('\u{1b}'),
            (Lang::Ruby, '#' | '$' | '`' | '!') => Some(e),
            (Lang::PhpDouble, '$') => Some('$'),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            continue;
        }
        let code = match (lang, e) {
            (Lang::Go | Lang::Python | Lang::JsSingle | Lang::PhpDouble, 'x') => {
                i += 2;
                let code = hex(&chars[i - 2..i]);
                // Go and PHP read `\xNN` as a byte, which is that character only in ASCII
                if matches!(lang, Lang::Go | Lang::PhpDouble) {
                    assert!(code < 0x80, "`\\x{code:02x}` is a byte in {literal}");
                }
                code
            }
            (Lang::Go | Lang::Python | Lang::CSharp, 'u') => {
                i += 4;
                hex(&chars[i - 4..i])
            }
            // javac reads `\uXXXX` before the string: a line break, `"` or `\` would end or
            // change the literal
            (Lang::Java, 'u') => {
                i += 4;
                let code = hex(&chars[i - 4..i]);
                assert!(
                    !matches!(code, 0x0a | 0x0d | 0x22 | 0x5c),
                    "`\\u{code:04x}` breaks the Java literal {literal}"
                );
                code
            }
            (Lang::Ruby, 'u') if chars[i] != '{' => {
                i += 4;
                hex(&chars[i - 4..i])
            }
            (Lang::Ruby | Lang::Swift | Lang::PhpDouble, 'u') => {
                assert_eq!(chars[i], '{');
                let end = i + chars[i..].iter().position(|c| *c == '}').unwrap();
                let code = hex(&chars[i + 1..end]);
                i = end + 1;
                code
            }
            _ => panic!("`\\{e}` is not an escape we expect in {literal}"),
        };
        out.push(char::from_u32(code).unwrap());
    }
    out
}

fn any_text() -> impl Strategy<Value = String> + Clone {
    // every character class that has bitten a code generator, plus arbitrary Unicode
    prop_oneof![
        "[\\PC\\n\\r\\t\\x00-\\x1f\\x7f'\"\\\\$#{}()`%&=+!@;:,/?<>|^~*_\\[\\] ]{0,40}",
        any::<String>(),
    ]
    .prop_map(|s: String| s.replace('\0', "\u{1}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn string_literals_read_back_as_their_input(s in any_text()) {
        prop_assert_eq!(decode(&csharp::csharp_string(&s), '"', Lang::CSharp), s.clone());
        prop_assert_eq!(decode(&go::go_string(&s), '"', Lang::Go), s.clone());
        prop_assert_eq!(decode(&java::java_string(&s), '"', Lang::Java), s.clone());
        prop_assert_eq!(decode(&python::python_string(&s), '"', Lang::Python), s.clone());
        prop_assert_eq!(decode(&python::python_single_string(&s), '\'', Lang::Python), s.clone());
        prop_assert_eq!(decode(&ruby::ruby_string(&s), '"', Lang::Ruby), s.clone());
        prop_assert_eq!(decode(&swift::swift_string(&s), '"', Lang::Swift), s.clone());
        let php = php::php_string(&s);
        let php_lang = if php.starts_with('"') { Lang::PhpDouble } else { Lang::PhpSingle };
        prop_assert_eq!(decode(&php, php.chars().next().unwrap(), php_lang), s.clone());
        let js: String = serde_json::from_str(&javascript::js_string(&s)).unwrap();
        prop_assert_eq!(js, s.clone());
        prop_assert_eq!(decode(&javascript::js_single_string(&s), '\'', Lang::JsSingle), s);
    }

    // what a reader copies from a page must be the same bytes: no control character but a line
    // feed or a tab, which a browser turns into a line break or drops
    #[test]
    fn no_literal_writes_a_character_a_page_loses(s in any_text()) {
        let literals = [
            csharp::csharp_string(&s),
            csharp::csharp_verbatim_lines(&s),
            go::go_string(&s),
            go::go_raw_string(&s),
            java::java_string(&s),
            python::python_string(&s),
            python::python_single_string(&s),
            ruby::ruby_string(&s),
            swift::swift_string(&s),
            php::php_string(&s),
            javascript::js_string(&s),
            javascript::js_single_string(&s),
            shell::shell_quote(&s),
        ];
        for (i, literal) in literals.iter().enumerate() {
            prop_assert!(
                !literal.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
                "literal {} of the list: {:?}",
                i,
                literal
            );
        }
    }

    #[test]
    fn go_raw_strings_splice_back(s in any_text()) {
        // `a`+"`"+`b` : the raw pieces and the interpreted pieces, joined
        let literal = go::go_raw_string(&s);
        let mut out = String::new();
        let mut rest = literal.as_str();
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('`') {
                let end = after.find('`').unwrap();
                prop_assert!(!after[..end].chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
                out.push_str(&after[..end]);
                rest = &after[end + 1..];
            } else if let Some(after) = rest.strip_prefix('+') {
                let end = after[1..].find('"').unwrap() + 2;
                out.push_str(&decode(&after[..end], '"', Lang::Go));
                rest = after[end..].strip_prefix('+').unwrap();
            } else {
                prop_assert!(false, "unexpected {}", rest);
            }
        }
        prop_assert_eq!(out, s);
    }

    #[test]
    fn csharp_verbatim_bodies_read_back(s in any_text()) {
        let joined = csharp::csharp_verbatim_lines(&s);
        let mut out = Vec::new();
        for piece in joined.split(" + \"\\n\" +\n") {
            out.push(match piece.strip_prefix('@') {
                Some(verbatim) => {
                    let inner = &verbatim[1..verbatim.len() - 1];
                    prop_assert!(!inner.replace("\"\"", "").contains('"'));
                    inner.replace("\"\"", "\"")
                }
                None => decode(piece, '"', Lang::CSharp),
            });
        }
        prop_assert_eq!(out.join("\n"), s);
    }

    #[test]
    fn percent_encodings_decode_back(s in any_text()) {
        let decode = |e: &str| percent_encoding::percent_decode_str(e).decode_utf8().unwrap().into_owned();
        prop_assert_eq!(decode(&encoding::uri_component(&s)), s.clone());
        // as a form decoder reads it: `+` is a space, then the escapes
        let form = encoding::form_component_minimal(&s);
        prop_assert_eq!(decode(&form.replace('+', " ")), s.clone());
        prop_assert!(!form.contains(['&', '=', '+', ';']));
    }

    #[test]
    fn markdown_escaping_renders_as_the_text(s in "[a-zA-Z0-9 _*`\\[\\]()<>&#!~|\\\\{}.+=-]{1,30}") {
        let s = s.trim().to_string();
        prop_assume!(!s.is_empty());
        let escaped = markdown::md_escape(&s);
        let mut text = String::new();
        for event in Parser::new(&escaped) {
            if let Event::Text(t) | Event::Code(t) = event {
                text.push_str(&t);
            }
        }
        prop_assert_eq!(text, s, "escaped as {}", escaped);
    }

    #[test]
    fn json_reprinting_keeps_the_value(value in json_value()) {
        let text = serde_json::to_string_pretty(&value).unwrap();
        let parsed = json::parse_reprintable(&text).expect("valid JSON without duplicates");
        let reprinted: serde_json::Value = serde_json::from_str(&json::js_literal(&parsed, "  ")).unwrap();
        prop_assert!(same_json(&reprinted, &value), "{} became {}", value, reprinted);
        let compact: serde_json::Value = serde_json::from_str(&json::compact(&parsed)).unwrap();
        prop_assert!(same_json(&compact, &value));
    }

    #[test]
    fn rendering_never_panics(spec in any_spec()) {
        let source = "";
        let id = PageId { module: "m".into(), page: "p".into() };
        let endpoint = model::validate(spec, id, Path::new("specs/m/p.yaml"), source);
        // mostly valid specs are generated; proptest fails the test if too many are rejected
        prop_assume!(endpoint.is_ok());
        let renderer = Renderer::new(None).unwrap();
        let rendered = renderer.render(&endpoint.unwrap(), &Config::default());
        prop_assert!(rendered.is_ok(), "{}", rendered.unwrap_err());
    }

    // the same with a site's sample values: a variable set, a secret, auth written idiomatically
    #[test]
    fn rendering_with_sample_values_never_panics(spec in any_spec(), secret_auth in any::<bool>()) {
        let mut spec = spec;
        if secret_auth {
            spec.request.auth = Some(AuthSpec::Basic(BasicAuthSpec {
                username: "{{secretKey}}".into(),
                password: "{{token}}".into(),
            }));
        }
        let config = Config::parse(
            Path::new("samplegen.yaml"),
            "variables: {token: t0k}\nsecrets: [secretKey]\nauth_style: idiomatic\n",
        )
        .unwrap();
        let id = PageId { module: "m".into(), page: "p".into() };
        let endpoint = model::validate_with(spec, id, Path::new("specs/m/p.yaml"), "", &config.sample_values);
        prop_assume!(endpoint.is_ok());
        let renderer = Renderer::new(None).unwrap();
        let rendered = renderer.render(&endpoint.unwrap(), &config);
        prop_assert!(rendered.is_ok(), "{}", rendered.unwrap_err());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn the_shell_reads_back_any_quoted_word(s in any_text()) {
        let s = s.replace('\0', "");
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("printf %s {}", shell::shell_quote(&s)))
            .output()
            .unwrap();
        prop_assert_eq!(String::from_utf8_lossy(&out.stdout), s);
    }

    // a word holding a secret is double-quoted: only the secret may expand, nothing the text holds
    #[test]
    fn the_shell_reads_back_a_word_with_a_secret(s in any_text(), env in "[A-Za-z_][A-Za-z0-9_]{0,12}") {
        let s = s.replace(['\0', '\u{E000}', '\u{E001}'], "");
        let word = secrets::shell_value(&format!("{s}{}{s}", sample_values::marker(&env)));
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("printf %s {word}"))
            .env(&env, "the-secret")
            .output()
            .unwrap();
        prop_assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{s}the-secret{s}"));
    }
}

/// JSON values whose numbers are doubles (what JavaScript can hold).
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<f64>()
            .prop_filter("finite", |n| n.is_finite())
            .prop_map(|n| serde_json::json!(n)),
        any::<i32>().prop_map(|n| serde_json::json!(n)),
        any_text().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(any_text(), inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Equal as JSON values: numbers compared as doubles, objects regardless of member order.
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value::*;
    match (a, b) {
        (Number(x), Number(y)) => x.as_f64() == y.as_f64(),
        (Array(x), Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b)),
        (Object(x), Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// Text that is valid where the spec allows any text on one line (no control characters).
fn line_text() -> impl Strategy<Value = String> + Clone {
    r#"[\PC'"\\$#{}()`%&=+!@;:,/?<>|^~*_\[\] ]{0,30}"#
}

/// Name/value pairs with arbitrary values and names made of `token` characters.
fn pairs(
    values: impl Strategy<Value = String>,
) -> impl Strategy<Value = Vec<IndexMap<String, Option<String>>>> {
    prop::collection::vec(
        ("[A-Za-z0-9!#$%'*+.^_`|~-]{1,12}", prop::option::of(values))
            .prop_map(|(k, v)| IndexMap::from([(k, v)])),
        0..4,
    )
}

fn any_spec() -> impl Strategy<Value = Spec> {
    let method = prop_oneof![
        Just("GET".to_string()),
        Just("POST".to_string()),
        Just("HEAD".to_string()),
        Just("PROPFIND".to_string()),
        "[A-Za-z!#]{1,8}",
    ];
    let auth = prop_oneof![
        Just(None),
        (any_text(), any_text()).prop_map(|(u, p)| Some(AuthSpec::Basic(BasicAuthSpec {
            username: u,
            password: p
        }))),
        any_text().prop_map(|t| Some(AuthSpec::Bearer(t))),
    ];
    let part = (
        "[A-Za-z0-9 _.-]{1,10}",
        prop::option::of(any_text()),
        any::<bool>(),
        prop::option::of("[a-z]+/[a-z+]+"),
    )
        .prop_map(|(name, value, file, content_type)| {
            let spec = if file || content_type.is_some() {
                PartSpec::Detailed(spec::PartDetailSpec {
                    value: if file {
                        None
                    } else {
                        value.clone().or(Some(String::new()))
                    },
                    file: file.then(|| {
                        format!(
                            "/tmp/{}",
                            value.unwrap_or_default().replace(['"', '\n', '\r'], "")
                        )
                    }),
                    content_type,
                    must_exist: false,
                })
            } else {
                PartSpec::Text(value)
            };
            IndexMap::from([(name, spec)])
        });
    let body = prop_oneof![
        Just(None),
        any_text().prop_map(|raw| Some(BodySpec::Raw(raw))),
        pairs(any_text()).prop_map(|f| Some(BodySpec::Urlencoded(f))),
        prop::collection::vec(part, 0..4).prop_map(|p| Some(BodySpec::Formdata(p))),
        "/[a-z/ .]{1,20}".prop_map(|f| Some(BodySpec::File(spec::FileSpec::Path(f)))),
        (
            any_text(),
            prop::option::of(json_value().prop_map(|v| serde_json::json!({ "v": v }).to_string())),
            prop::option::of(any_text())
        )
            .prop_map(|(q, v, o)| Some(BodySpec::Graphql(spec::GraphqlSpec {
                query: q,
                variables: v,
                operation_name: o
            }))),
    ];
    let content_type = prop_oneof![
        Just(vec![]),
        Just(vec![IndexMap::from([(
            "Content-Type".to_string(),
            Some("application/json".to_string())
        )])]),
        Just(vec![IndexMap::from([(
            "Content-Type".to_string(),
            Some("text/plain".to_string())
        )])]),
    ];
    let cookies = prop::collection::vec(
        (
            "[A-Za-z0-9_-]{1,8}",
            prop::option::of("[A-Za-z0-9{}:/=._-]{0,12}"),
        )
            .prop_map(|(k, v)| IndexMap::from([(k, v)])),
        0..3,
    );
    let query = prop::collection::vec(
        (
            "[A-Za-z0-9 %+{}._-]{1,8}",
            prop::option::of(
                "[\\PC%+{}'\" ]{0,12}".prop_map(|s: String| s.replace(['&', '#'], "")),
            ),
        )
            .prop_map(|(k, v)| IndexMap::from([(k, v)])),
        0..3,
    );
    (
        line_text(),
        any_text(),
        method,
        line_text(),
        auth,
        // header values are ASCII without white space around them: samplegen refuses others,
        // which not every client can send
        pairs("([!-~]([ -~]{0,28}[!-~])?)?"),
        content_type,
        query,
        cookies,
        body,
    )
        .prop_map(
            |(title, prose, method, url, auth, headers, content_type, query, cookies, body)| Spec {
                title: format!("T {title}"),
                prose,
                origin: None,
                request: RequestSpec {
                    // what the validator refuses with this method (any `HEAD` body, an empty or
                    // multipart `GET` one) is left out; a `GET` keeps any other
                    body: body.filter(|body| {
                        samplegen::model::body_problem(&method.to_ascii_uppercase(), body).is_none()
                    }),
                    method,
                    url: format!("https://api.example.com/{}", url.replace('#', "")),
                    auth,
                    query,
                    headers: content_type.into_iter().chain(headers).collect(),
                    cookies,
                },
                response: None,
                ..Spec::default()
            },
        )
}
