//! YAML in and out, in one place: every spec, config and imported document is read here, within
//! limits that make a hostile file fail fast with a located error, and every spec is written here.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::marker::PhantomData;
use std::rc::Rc;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::diagnostic::Location;

mod emit;

/// The deepest nesting of sequences and maps, block or flow, a document may have.
pub const MAX_DEPTH: usize = 64;
/// The most anchors (`&a`) and the most aliases (`*a`) a document may hold, each.
pub const MAX_ANCHORS: usize = 1_000;
/// The most parser events (roughly: scalars, sequence and map starts and ends) a document may
/// produce, and the most nodes (scalars, sequences, maps).
pub const MAX_EVENTS: usize = 1_000_000;
pub const MAX_NODES: usize = 250_000;
/// The most events all aliases of a document may replay together: what stops a "billion
/// laughs" document, whose few lines expand exponentially.
pub const MAX_REPLAYED_EVENTS: usize = 100_000;

/// A YAML text that could not be read as what was asked for: the reason, and where when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// What is wrong, with the field path first when there is one (`request.headers[0]: …`).
    pub message: String,
    /// 1-based line and column in the text.
    pub location: Option<Location>,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(at) = self.location {
            write!(f, " at line {}, column {}", at.line, at.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for YamlError {}

/// For an imported document (an OpenAPI description can be a few megabytes), more events and
/// nodes; the same depth, alias and document limits.
pub const MAX_DOCUMENT_EVENTS: usize = 20_000_000;
pub const MAX_DOCUMENT_NODES: usize = 5_000_000;

/// The most bytes of text a spec or `samplegen.yaml` may hold once its aliases are expanded:
/// a 1 MiB file whose aliases repeat a large value twenty times would otherwise render
/// gigabytes. (An imported document may hold [`MAX_DOCUMENT_SCALAR_BYTES`].)
pub const MAX_SCALAR_BYTES: usize = 4 << 20;
pub const MAX_DOCUMENT_SCALAR_BYTES: usize = 256 << 20;

fn options(max_events: usize, max_nodes: usize, max_scalar_bytes: usize) -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_total_scalar_bytes: max_scalar_bytes,
            max_depth: MAX_DEPTH,
            flow_nesting_limit: MAX_DEPTH,
            max_aliases: MAX_ANCHORS,
            max_anchors: MAX_ANCHORS,
            max_events: max_events,
            max_nodes: max_nodes,
            max_documents: 1,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_REPLAYED_EVENTS,
        },
        with_snippet: false,
        // `- X-Empty: ~` and `version: null` read as text into a text field
        null_as_string: true,
        // `yes`, `no`, `on`, `off` are text, not booleans
        strict_booleans: true,
        // `01234` (a zip code an author left unquoted) and `1_000` are the text written: YAML
        // 1.2 has no integer with a leading zero or an underscore, and a float read from them
        // (`1234.0`) is what nobody wrote
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
    }
}

/// Reads one YAML document as `T`. A leading byte-order mark is skipped; a second document, a
/// duplicate key and any limit above is an error.
pub fn from_str<T: DeserializeOwned>(source: &str) -> Result<T, YamlError> {
    read(source, || options(MAX_EVENTS, MAX_NODES, MAX_SCALAR_BYTES))
}

/// [`from_str`] for an imported document, with room for [`MAX_DOCUMENT_EVENTS`] and
/// [`MAX_DOCUMENT_NODES`].
pub fn from_str_large<T: DeserializeOwned>(source: &str) -> Result<T, YamlError> {
    read(source, || {
        options(
            MAX_DOCUMENT_EVENTS,
            MAX_DOCUMENT_NODES,
            MAX_DOCUMENT_SCALAR_BYTES,
        )
    })
}

thread_local! {
    /// The text being read, for [`ScalarOrMap`] to take a scalar's source text from.
    static SOURCE: RefCell<Option<Rc<str>>> = const { RefCell::new(None) };
    /// Whether the error being reported arose in a [`ScalarOrMap`]'s map, whose path then holds
    /// one `value` segment of the span wrapper's own.
    static IN_SCALAR_OR_MAP: Cell<bool> = const { Cell::new(false) };
}

fn read<T: DeserializeOwned>(
    source: &str,
    options: impl Fn() -> serde_saphyr::Options,
) -> Result<T, YamlError> {
    let previous = SOURCE.with(|s| s.replace(Some(Rc::from(source))));
    IN_SCALAR_OR_MAP.set(false);
    // Read without tracking the path first: tracking it records every key on the way, and most
    // texts have no error to locate. One that fails is read again, the same way, for the path.
    let fast = serde_saphyr::with_deserializer_from_str_with_options(source, options(), |de| {
        T::deserialize(de)
    });
    if let Ok(value) = fast {
        SOURCE.with(|s| s.replace(previous));
        return Ok(value);
    }
    IN_SCALAR_OR_MAP.set(false);
    let mut path = None;
    let result = serde_saphyr::with_deserializer_from_str_with_options(source, options(), |de| {
        serde_path_to_error::deserialize(de).map_err(|error| {
            path = Some(error.path().clone());
            error.into_inner()
        })
    });
    SOURCE.with(|s| s.replace(previous));
    result.map_err(|error| yaml_error(&error, path.as_ref()))
}

fn yaml_error(error: &serde_saphyr::Error, path: Option<&serde_path_to_error::Path>) -> YamlError {
    let error = error.without_snippet();
    let location = error
        .location()
        .filter(|at| at.line() > 0 && at.column() > 0)
        .map(|at| Location {
            line: at.line() as usize,
            column: at.column() as usize,
        });
    let mut message = message_of(error);
    if let Some(at) = location {
        let suffix = format!(" at line {}, column {}", at.line, at.column);
        if let Some(stripped) = message.strip_suffix(&suffix) {
            message.truncate(stripped.len());
        }
    }
    let unknown_field = matches!(
        original(error),
        serde_saphyr::Error::SerdeUnknownField { .. }
    );
    // a syntax error or a limit is about the text, not about a field
    let about_text = matches!(
        original(error),
        serde_saphyr::Error::ExternalMessage { .. }
            | serde_saphyr::Error::Eof { .. }
            | serde_saphyr::Error::MultipleDocuments { .. }
            | serde_saphyr::Error::Budget { .. }
            | serde_saphyr::Error::AliasReplayLimitExceeded { .. }
            | serde_saphyr::Error::AliasExpansionLimitExceeded { .. }
            | serde_saphyr::Error::AliasReplayStackDepthExceeded { .. }
            | serde_saphyr::Error::AliasReplayCounterOverflow { .. }
    );
    if let Some(path) = path
        .filter(|_| !about_text)
        .and_then(|path| shown_path(path, unknown_field))
    {
        message = format!("{path}: {message}");
    }
    YamlError { message, location }
}

/// The error under the alias and snippet wrappers.
fn original(error: &serde_saphyr::Error) -> &serde_saphyr::Error {
    match error {
        serde_saphyr::Error::WithSnippet { error, .. }
        | serde_saphyr::Error::AliasError { error, .. } => original(error),
        other => other,
    }
}

/// The path to the value in error as written in messages (`request.headers[0]`): the map an
/// unknown field sits in rather than the field, and without the unknown key of a duplicate.
fn shown_path(path: &serde_path_to_error::Path, unknown_field: bool) -> Option<String> {
    use serde_path_to_error::Segment;
    let mut segments: Vec<&Segment> = path.iter().collect();
    while matches!(segments.last(), Some(Segment::Unknown)) {
        segments.pop();
    }
    if IN_SCALAR_OR_MAP.get() {
        let wrapper =
            |segment: &&Segment| matches!(segment, Segment::Map { key } if key == "value");
        let len = segments.len();
        if segments.last().is_some_and(wrapper) {
            segments.pop();
        } else if len >= 2 && wrapper(&segments[len - 2]) {
            segments.remove(len - 2);
        }
    }
    if unknown_field {
        segments.pop();
    }
    let mut shown = String::new();
    for segment in segments {
        match segment {
            Segment::Seq { index } => shown.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !shown.is_empty() {
                    shown.push('.');
                }
                shown.push_str(key);
            }
            Segment::Unknown => {
                if !shown.is_empty() {
                    shown.push('.');
                }
                shown.push('?');
            }
        }
    }
    (!shown.is_empty()).then_some(shown)
}

/// serde's `expected `a` or `b``, for a list of field or variant names.
fn one_of(names: &[&str]) -> String {
    match names {
        [] => "there are none".into(),
        [only] => format!("expected `{only}`"),
        [a, b] => format!("expected `{a}` or `{b}`"),
        _ => {
            let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("expected one of {}", quoted.join(", "))
        }
    }
}

/// The reason, worded for the writer of the file rather than the user of the YAML library.
fn message_of(error: &serde_saphyr::Error) -> String {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    match original(error) {
        E::SerdeUnknownField { field, expected, .. } => {
            format!("unknown field `{field}`, {}", one_of(expected))
        }
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => format!("unknown variant `{variant}`, {}", one_of(expected)),
        E::DuplicateMappingKey { key: Some(key), .. } => {
            format!("`{key}` is written twice in this map; a key may appear only once")
        }
        E::DuplicateMappingKey { key: None, .. } => {
            "a key is written twice in this map; a key may appear only once".into()
        }
        E::MultipleDocuments { .. } => {
            "a second YAML document: the file may hold only one (remove the `---` line and what follows it)".into()
        }
        E::Unexpected { expected, .. } => match *expected {
            "sequence start" => "invalid type: expected a sequence (`- ` items)".into(),
            "mapping start" => "invalid type: expected a map (`key: value` entries)".into(),
            other => format!("expected {other}"),
        },
        // the parser's own limit on nested flow collections (`[[[…`), set to the same depth
        E::ExternalMessage { msg, .. } if msg == "recursion limit exceeded" => {
            format!("nested more than {MAX_DEPTH} levels deep; samplegen refuses deeper YAML")
        }
        E::Budget { breach, .. } => match breach {
            B::Depth { .. } => {
                format!("nested more than {MAX_DEPTH} levels deep; samplegen refuses deeper YAML")
            }
            B::Aliases { aliases } => format!(
                "more than {MAX_ANCHORS} aliases (`*name`, {aliases} so far); samplegen refuses more"
            ),
            B::Anchors { anchors } => format!(
                "more than {MAX_ANCHORS} anchors (`&name`, {anchors} so far); samplegen refuses more"
            ),
            B::Events { events } => format!(
                "too large: more than {events} YAML events (scalars, sequences and maps); samplegen refuses more"
            ),
            B::Nodes { nodes } => format!(
                "too large: more than {nodes} YAML nodes (scalars, sequences and maps); samplegen refuses more"
            ),
            B::Documents { .. } => {
                "a second YAML document: the file may hold only one (remove the `---` line and what follows it)".into()
            }
            B::ScalarBytes { total_scalar_bytes } => format!(
                "too large: its text, aliases expanded, passes {} MiB ({total_scalar_bytes} bytes here); samplegen refuses more",
                bytes_limit(*total_scalar_bytes)
            ),
            other => format!("beyond what samplegen reads: {other:?}"),
        },
        E::AliasReplayLimitExceeded {
            max_total_replayed_events,
            ..
        } => format!(
            "aliases expand to more than {max_total_replayed_events} YAML events (a \"billion laughs\" document?); samplegen refuses more"
        ),
        _ => error.to_string(),
    }
}

/// The scalar-byte limit a breach of `total` bytes passed, in MiB: a spec's or an imported
/// document's.
fn bytes_limit(total: usize) -> usize {
    if total > MAX_DOCUMENT_SCALAR_BYTES {
        MAX_DOCUMENT_SCALAR_BYTES >> 20
    } else {
        MAX_SCALAR_BYTES >> 20
    }
}

/// A scalar as its source text, or a map read as `M`: for inputs that take either, such as a
/// multipart part (`- name: 1.10` or `- name: {file: …}`). Serde's untagged enums would read
/// `1.10` as the number 1.1 and report a map's unknown field as "did not match any variant".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScalarOrMap<M> {
    /// The scalar's text as written; `None` for null (`~`, `null` or nothing).
    Scalar(Option<String>),
    Map(M),
}

/// What the deserializer hands over: text, a typed scalar whose text is in the source, or a map.
enum Raw<M> {
    Text(Option<String>),
    /// A plain scalar read as a number or boolean, with that value shown as a fallback.
    Typed(String),
    Map(M),
}

impl<'de, M: Deserialize<'de>> Deserialize<'de> for Raw<M> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RawVisitor<M>(PhantomData<M>);
        impl<'de, M: Deserialize<'de>> Visitor<'de> for RawVisitor<M> {
            type Value = Raw<M>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text or a map")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw<M>, E> {
                Ok(Raw::Text(Some(v.to_string())))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Raw<M>, E> {
                Ok(Raw::Text(None))
            }

            fn visit_none<E: de::Error>(self) -> Result<Raw<M>, E> {
                Ok(Raw::Text(None))
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw<M>, E> {
                Ok(Raw::Typed(v.to_string()))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw<M>, E> {
                Ok(Raw::Typed(v.to_string()))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw<M>, E> {
                Ok(Raw::Typed(v.to_string()))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw<M>, E> {
                Ok(Raw::Typed(v.to_string()))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Raw<M>, A::Error> {
                M::deserialize(MapAccessDeserializer::new(map))
                    .map(Raw::Map)
                    .inspect_err(|_| IN_SCALAR_OR_MAP.set(true))
            }
        }
        deserializer.deserialize_any(RawVisitor(PhantomData))
    }
}

impl<'de, M: Deserialize<'de>> Deserialize<'de> for ScalarOrMap<M> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<Raw<M>>::deserialize(deserializer)?;
        Ok(match spanned.value {
            Raw::Text(text) => ScalarOrMap::Scalar(text),
            Raw::Map(map) => ScalarOrMap::Map(map),
            Raw::Typed(shown) => {
                let span = spanned.defined.span();
                let written = span
                    .byte_offset()
                    .zip(span.byte_len())
                    .and_then(|(at, len)| {
                        SOURCE.with(|s| {
                            let source = s.borrow();
                            let source = source.as_deref()?;
                            let at = usize::try_from(at).ok()?;
                            let end = at.checked_add(usize::try_from(len).ok()?)?;
                            source.get(at..end).map(|text| text.trim().to_string())
                        })
                    });
                ScalarOrMap::Scalar(Some(written.filter(|w| !w.is_empty()).unwrap_or(shown)))
            }
        })
    }
}

/// Why `bytes` are not UTF-8 text, located at the first byte that is not.
pub fn utf8_error(bytes: &[u8]) -> YamlError {
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(error) => error.valid_up_to(),
    };
    let before = String::from_utf8_lossy(&bytes[..valid]);
    let location = Location::of_offset(&before, before.len());
    let byte = bytes
        .get(valid)
        .map_or(String::new(), |b| format!(" (byte 0x{b:02x})"));
    YamlError {
        message: format!("not valid UTF-8{byte}: samplegen reads specs as UTF-8 text"),
        location: Some(location),
    }
}

/// Writes `value` as YAML: maps in block style, one-of enums as one-key maps (`raw: …`), text
/// that would read back as something else quoted (`'1.10'`, `'true'`, `''`), in the style of
/// [`emit`].
pub fn to_string<T: Serialize>(value: &T) -> String {
    let value = serde_json::to_value(value).expect("the value serializes with string keys");
    emit::Emitter::document(&value)
}

/// Writes `value` as [`to_string`] does, except that plain text YAML 1.1 parsers read as
/// something else (`yes`, `on`) is quoted, so that YAML 1.1 and 1.2 parsers read it alike: for
/// YAML other programs read, such as a page's front matter.
pub fn to_portable_string<T: Serialize>(value: &T) -> String {
    let value = serde_json::to_value(value).expect("the value serializes with string keys");
    emit::Emitter::portable_document(&value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{BodySpec, FileSpec, PartSpec, Spec};

    const HEAD: &str = "title: t\nrequest:\n  method: POST\n  url: u\n";

    fn spec(rest: &str) -> Result<Spec, YamlError> {
        from_str(&format!("{HEAD}{rest}"))
    }

    fn at(error: &YamlError) -> (usize, usize) {
        let location = error.location.expect("a located error");
        (location.line, location.column)
    }

    // U+0085, U+2028 and U+2029 are line breaks to samplegen's reader (YAML 1.1): in a block
    // scalar they would start lines, read back with the indentation
    #[test]
    fn text_with_unicode_line_separators_reads_back_as_written() {
        for text in [
            "x\u{2029}y\n  z",
            "a\u{2028}b",
            "{\n  \"a\": \"x\u{85}y\"\n}",
        ] {
            let written = to_string(&serde_json::json!({ "raw": text }));
            let read: serde_json::Value = from_str(&written).unwrap();
            assert_eq!(read["raw"], text, "{written}");
        }
    }

    // a zip code left unquoted is the text written; YAML 1.2 has no such integer, and the float
    // a reader could make of it (`1234.0`) is what nobody wrote
    #[test]
    fn numbers_with_a_leading_zero_or_underscores_are_their_text() {
        let read: serde_json::Value =
            from_str("{zip: 01234, n: 007, big: 1_000, hex: 0x1F, plain: 12, half: .5}").unwrap();
        assert_eq!(
            read,
            serde_json::json!({"zip": "01234", "n": "007", "big": "1_000", "hex": 31, "plain": 12, "half": 0.5})
        );
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let parsed: Spec = from_str(&format!("\u{feff}{HEAD}")).unwrap();
        assert_eq!(parsed.title, "t");
    }

    #[test]
    fn one_document_per_file() {
        let error = spec("---\ntitle: u\n").unwrap_err();
        assert!(error.message.contains("a second YAML document"), "{error}");
        assert_eq!(at(&error), (5, 1));
    }

    #[test]
    fn a_key_written_twice_is_an_error() {
        let error = spec("  headers:\n    - {X-A: 1, X-A: 2}\n").unwrap_err();
        assert_eq!(
            error.message,
            "request.headers[0]: `X-A` is written twice in this map; a key may appear only once"
        );
        assert_eq!(at(&error), (6, 16));
        assert!(from_str::<serde_json::Value>("a: 1\na: 2\n").is_err());
    }

    #[test]
    fn parts_and_files_keep_their_text_as_written() {
        let parsed = spec(
            "  body:\n    formdata:\n      - a: 1.10\n      - b: 0x1f\n      - c: yes\n      - d: &n 1e3\n      - e: *n\n      - f: '07'\n      - g:\n      - h: {value: 1.10, content_type: text/plain}\n",
        )
        .unwrap();
        let parts = parsed.request.body.unwrap();
        let texts: Vec<Option<String>> = parts
            .formdata()
            .unwrap()
            .iter()
            .flat_map(|part| part.values())
            .map(|part| match part {
                PartSpec::Text(text) => text.clone(),
                PartSpec::Detailed(detail) => detail.value.clone(),
            })
            .collect();
        let expected = ["1.10", "0x1f", "yes", "1e3", "1e3", "07"].map(|t| Some(t.to_string()));
        assert_eq!(texts[..6], expected);
        assert_eq!(texts[6], None);
        assert_eq!(texts[7].as_deref(), Some("1.10"));
        let file = spec("  body:\n    file: 2.50\n").unwrap().request.body;
        assert!(matches!(file, Some(BodySpec::File(FileSpec::Path(p))) if p == "2.50"));
    }

    #[test]
    fn an_unknown_field_of_a_part_is_named_where_it_is() {
        let error =
            spec("  body:\n    formdata:\n      - doc:\n          file: a\n          fil: b\n")
                .unwrap_err();
        assert_eq!(
            error.message,
            "request.body.formdata[0].doc: unknown field `fil`, expected one of `value`, `file`, `content_type`, `must_exist`"
        );
        assert_eq!(at(&error), (9, 11));
        let error = spec("  body:\n    file: {path: a, mustexist: true}\n").unwrap_err();
        assert!(
            error
                .message
                .starts_with("request.body.file: unknown field `mustexist`"),
            "{error}"
        );
    }

    #[test]
    fn syntax_errors_are_located_without_a_field_path() {
        let error = from_str::<Spec>("title: t\nrequest:\n  method: GET\n   url: u\n").unwrap_err();
        assert_eq!(
            error.message,
            "mapping values are not allowed in this context"
        );
        assert_eq!(at(&error), (4, 7));
        assert_eq!(
            error.to_string(),
            "mapping values are not allowed in this context at line 4, column 7"
        );
    }

    #[test]
    fn deep_nesting_is_refused_where_it_passes_the_limit() {
        let deep = format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let error = from_str_large::<serde_json::Value>(&deep).unwrap_err();
        assert!(
            error.message.contains("nested more than 64 levels"),
            "{error}"
        );
        assert_eq!(at(&error).0, 1);
        let block: String = (0..100)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        let error = from_str::<serde_json::Value>(&block).unwrap_err();
        assert!(
            error.message.contains("nested more than 64 levels"),
            "{error}"
        );
        assert!(at(&error).0 > 60, "{error}");
    }

    #[test]
    fn a_billion_laughs_is_refused() {
        let mut bomb = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip("abcdefgh".chars())
        {
            let aliases = vec![format!("*{previous}"); 9].join(", ");
            bomb.push_str(&format!("{name}: &{name} [{aliases}]\n"));
        }
        for read in [
            from_str::<serde_json::Value>,
            from_str_large::<serde_json::Value>,
        ] {
            let error = read(&bomb).unwrap_err();
            assert!(
                error.message.contains("aliases expand to more than 100000"),
                "{error}"
            );
            assert!(error.location.is_some());
        }
    }

    /// A value repeated by aliases counts each time: a 1 MiB spec may not expand to gigabytes.
    #[test]
    fn text_expanded_by_aliases_is_bounded() {
        let big = "x".repeat(600_000);
        let spec = format!("a: &a '{big}'\nb: [{}]\n", ["*a"; 8].join(", "));
        let error = from_str::<serde_json::Value>(&spec).unwrap_err();
        assert!(
            error
                .message
                .starts_with("too large: its text, aliases expanded, passes 4 MiB"),
            "{error}"
        );
        assert!(error.location.is_some());
        assert!(from_str_large::<serde_json::Value>(&spec).is_ok());
    }

    #[test]
    fn anchors_aliases_and_nodes_are_counted() {
        let anchors: String = (0..=MAX_ANCHORS)
            .map(|i| format!("k{i}: &a{i} v\n"))
            .collect();
        let error = from_str::<serde_json::Value>(&anchors).unwrap_err();
        assert!(error.message.contains("more than 1000 anchors"), "{error}");
        assert!(error.location.is_some());
        let aliases = format!("a: &a v\nb: [{}]\n", vec!["*a"; MAX_ANCHORS + 1].join(", "));
        let error = from_str::<serde_json::Value>(&aliases).unwrap_err();
        assert!(error.message.contains("more than 1000 aliases"), "{error}");
        // the event and node limits, at a size a test reads quickly
        let nodes = format!("[{}]", vec!["0"; 101].join(","));
        let error =
            read::<serde_json::Value>(&nodes, || options(MAX_EVENTS, 100, MAX_SCALAR_BYTES))
                .unwrap_err();
        assert!(error.message.contains("too large"), "{error}");
        assert_eq!(at(&error).0, 1);
        let error = read::<serde_json::Value>(&nodes, || options(100, MAX_NODES, MAX_SCALAR_BYTES))
            .unwrap_err();
        assert!(error.message.contains("too large"), "{error}");
        assert!(
            read::<serde_json::Value>(&nodes, || options(1_000, 1_000, MAX_SCALAR_BYTES)).is_ok()
        );
    }

    #[test]
    fn invalid_utf8_is_located() {
        let error = utf8_error(b"title: t\nrequest: \xc3\x28\n");
        assert_eq!(at(&error), (2, 10));
        assert!(error.message.contains("byte 0xc3"), "{error}");
    }

    #[test]
    fn documents_read_into_ordered_json_values() {
        let value: serde_json::Value = from_str_large(
            "responses:\n  200: {description: ok}\n  '404': x\nb: *\n"
                .replace(" *", " 1")
                .as_str(),
        )
        .unwrap();
        let keys: Vec<&String> = value["responses"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["200", "404"]);
        let merged: serde_json::Value = from_str("a: &a {x: 1}\nb: {<<: *a, y: 2}\n").unwrap();
        assert_eq!(merged["b"], serde_json::json!({"x": 1, "y": 2}));
    }

    #[test]
    fn text_that_would_read_as_something_else_is_quoted() {
        let value = serde_json::json!({
            "a": "1.10", "b": "true", "c": "", "d": "~", "e": "{{token}}", "f": "plain text",
            "g": "it's", "h": "two\nlines", "i": "trailing \nspace", "j": "yes", "k": null
        });
        assert_eq!(
            to_string(&value),
            "a: '1.10'\nb: 'true'\nc: ''\nd: '~'\ne: '{{token}}'\nf: plain text\ng: it's\nh: |-\n  two\n  lines\ni: \"trailing \\nspace\"\nj: yes\nk: null\n"
        );
        let back: serde_json::Value = from_str(&to_string(&value)).unwrap();
        assert_eq!(back, value);
    }
}
