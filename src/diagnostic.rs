//! Errors a writer can act on: what is wrong, in which file, at which line and column, shown the
//! way rustc shows them.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::yaml::YamlError;

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// Where the byte `offset` of `text` is (a char boundary, or its end).
    pub fn of_offset(text: &str, offset: usize) -> Location {
        let before = &text[..offset.min(text.len())];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Location {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

/// One problem found in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub message: String,
    pub file: PathBuf,
    pub location: Option<Location>,
    /// The text of the offending line, shown under the message with a caret.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A problem with no position (the file as a whole, or one we cannot place).
    pub fn new(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            file: file.to_path_buf(),
            location: None,
            source_line: None,
        }
    }

    /// A problem at `location` in `source`, the text of `file`.
    pub fn at(file: &Path, source: &str, location: Location, message: impl Into<String>) -> Self {
        let source_line = source
            .lines()
            .nth(location.line.saturating_sub(1))
            .map(str::to_string);
        Diagnostic {
            message: message.into(),
            file: file.to_path_buf(),
            location: Some(location),
            source_line,
        }
    }

    /// Turns a YAML error into a diagnostic, keeping its field path (`request.headers[0]`) in
    /// the message and its position on the `-->` line.
    pub fn from_yaml(file: &Path, source: &str, error: &YamlError) -> Self {
        let message = format!("{}{}", error.message, unknown_field_hint(&error.message));
        match error.location {
            Some(location) => Diagnostic::at(file, source, location, message),
            None => Diagnostic::new(file, message),
        }
    }
}

/// One step of a path into a YAML document: a mapping key or a sequence index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathSegment<'a> {
    Key(&'a str),
    Index(usize),
}

/// `request.headers[2]`: a path the way messages name a field.
pub fn path_text(path: &[PathSegment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            PathSegment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            PathSegment::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

/// Finds where `path` (e.g. `request` → `headers` → 2) is written in block-style YAML `source`,
/// so that errors found after parsing can still point at a line. Returns the deepest part of the
/// path it could find; `None` when not even the first key is found (flow style, say).
pub fn locate(source: &str, path: &[PathSegment]) -> Option<Location> {
    let lines: Vec<&str> = source.lines().collect();
    let mut found: Option<Location> = None;
    // The block being searched: lines from `start`, nested deeper than `parent_indent`.
    let mut start = 0;
    let mut parent_indent: Option<usize> = None;
    // Whether `start` is the line of a sequence item just entered.
    let mut in_item = false;
    for segment in path {
        let mut hit = None;
        let mut item_indent = None;
        let mut items_seen = 0;
        for (number, line) in lines.iter().enumerate().skip(start) {
            let Some((indent, content)) = block_content(line, number == start && in_item) else {
                continue;
            };
            // a sequence may sit at its key's own indentation (`headers:` then `- A: 1`)
            let same_level_item =
                matches!(segment, PathSegment::Index(_)) && !in_item && content.starts_with('-');
            if parent_indent
                .is_some_and(|parent| indent < parent || (indent == parent && !same_level_item))
                && number > start
            {
                break;
            }
            match segment {
                PathSegment::Key(key) => {
                    if item_indent.is_none() {
                        item_indent = Some(indent);
                    }
                    if Some(indent) == item_indent
                        && (content.starts_with(&format!("{key}:"))
                            || content.starts_with(&format!("\"{key}\":"))
                            || content.starts_with(&format!("'{key}':")))
                    {
                        hit = Some((number, indent));
                        break;
                    }
                }
                PathSegment::Index(index) => {
                    if content.starts_with('-') {
                        if item_indent.is_none() {
                            item_indent = Some(indent);
                        }
                        if Some(indent) == item_indent {
                            if items_seen == *index {
                                hit = Some((number, indent));
                                break;
                            }
                            items_seen += 1;
                        }
                    }
                }
            }
        }
        let Some((number, indent)) = hit else {
            return found;
        };
        found = Some(Location {
            line: number + 1,
            column: indent + 1,
        });
        match segment {
            // a key's children are on the following lines
            PathSegment::Key(_) => {
                start = number + 1;
                in_item = false;
            }
            // an item's first key shares the line with its `-`
            PathSegment::Index(_) => {
                start = number;
                in_item = true;
            }
        }
        parent_indent = Some(indent);
    }
    found
}

/// A line's indentation and content, skipping blank and comment lines. On the line of a sequence
/// item being entered (`- key: v`), the content after `- ` counts as its own, deeper line.
fn block_content(line: &str, inside_item: bool) -> Option<(usize, &str)> {
    let content = line.trim_start_matches(' ');
    if content.is_empty() || content.starts_with('#') {
        return None;
    }
    let indent = line.len() - content.len();
    if inside_item && let Some(rest) = content.strip_prefix("- ") {
        let rest_trimmed = rest.trim_start_matches(' ');
        return Some((indent + 2 + rest.len() - rest_trimmed.len(), rest_trimmed));
    }
    Some((indent, content))
}

/// For serde's "unknown field `x`, expected one of `a`, `b`", the closest expected name.
fn unknown_field_hint(message: &str) -> String {
    let Some(rest) = message.split("unknown field `").nth(1) else {
        return String::new();
    };
    let Some((field, expected)) = rest.split_once('`') else {
        return String::new();
    };
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    crate::suggest::did_you_mean(field, names.into_iter())
}

/// The most characters of a source line shown under a message; longer lines are cut around the
/// column, with `…` where they are cut.
const SHOWN_LINE: usize = 200;
/// The most characters of a message shown; a longer one (a huge value echoed) is cut.
const SHOWN_MESSAGE: usize = 1_000;

/// How a character is shown on a terminal: control characters (ESC, CR, BEL…) and the bidi
/// controls that reorder text as their escapes, so a file cannot drive the terminal through an
/// error message; a tab stays a tab so that the caret lines up.
fn shown_char(c: char, out: &mut String) {
    let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if c != '\t' && (c.is_control() || bidi) {
        out.extend(c.escape_unicode());
    } else {
        out.push(c);
    }
}

/// Text from an input or a file made safe to print, whole: control characters and bidi
/// controls escaped as in error messages (line breaks too unless `keep_breaks`). Notes and
/// `check`'s diffs show input text, and land in the same CI log as errors.
pub fn terminal_safe(text: &str, keep_breaks: bool) -> String {
    if !text
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
    {
        return text.to_string();
    }
    shown_text(text, usize::MAX, keep_breaks)
}

/// Text made safe to print: control characters escaped (line breaks too unless `keep_breaks`),
/// and cut after `limit` characters.
fn shown_text(text: &str, limit: usize, keep_breaks: bool) -> String {
    let mut out = String::new();
    for (index, c) in text.chars().enumerate() {
        if index == limit {
            out.push('…');
            break;
        }
        if keep_breaks && c == '\n' {
            out.push(c);
        } else {
            shown_char(c, &mut out);
        }
    }
    out
}

/// The source line as shown and the caret's indentation under it: at most [`SHOWN_LINE`]
/// characters around `column`, control characters escaped.
fn shown_line(line: &str, column: usize) -> (String, String) {
    let chars: Vec<char> = line.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let (start, end) = if chars.len() <= SHOWN_LINE {
        (0, chars.len())
    } else {
        let start = at
            .saturating_sub(SHOWN_LINE / 2)
            .min(chars.len() - SHOWN_LINE);
        (start, start + SHOWN_LINE)
    };
    let mut shown = String::new();
    let mut indent = String::new();
    if start > 0 {
        shown.push('…');
        indent.push(' ');
    }
    for (index, &c) in chars.iter().enumerate().take(end).skip(start) {
        let before = shown.len();
        shown_char(c, &mut shown);
        if index < at {
            // the caret sits under the column-th character, whatever its byte width
            let width = shown[before..].chars().count();
            let pad = if c == '\t' { '\t' } else { ' ' };
            indent.extend(std::iter::repeat_n(pad, width));
        }
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, indent)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "error: {}",
            shown_text(&self.message, SHOWN_MESSAGE, true)
        )?;
        let file = shown_text(&self.file.display().to_string(), SHOWN_LINE, false);
        match self.location {
            None => write!(f, " --> {file}"),
            Some(location) => {
                write!(f, " --> {file}:{}:{}", location.line, location.column)?;
                if let Some(line) = &self.source_line {
                    let number = location.line.to_string();
                    let gutter = " ".repeat(number.len());
                    let (line, indent) = shown_line(line, location.column);
                    write!(f, "\n{gutter} |\n{number} | {line}\n{gutter} | {indent}^")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Diagnostic {}

/// The names and indexes a JSON pointer (`/paths/~1pets/get`) is made of, unescaped; `None`
/// for one that does not start with `/`.
pub fn pointer_segments(pointer: &str) -> Option<Vec<String>> {
    Some(
        pointer
            .strip_prefix('/')?
            .split('/')
            .map(|segment| segment.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// Where the value a JSON pointer (`/item/0/request`, `~1` for `/` and `~0` for `~` in a name)
/// names is written in `source`, a JSON or block-style YAML document: the start of the value,
/// or of the deepest part of the path found. `None` when not even the first part is found.
pub fn locate_pointer(source: &str, pointer: &str) -> Option<Location> {
    let segments = pointer_segments(pointer)?;
    if source.trim_start().starts_with(['{', '[']) {
        return json_location(source, &segments);
    }
    let path: Vec<PathSegment> = segments
        .iter()
        .map(|segment| match segment.parse::<usize>() {
            Ok(index) => PathSegment::Index(index),
            Err(_) => PathSegment::Key(segment),
        })
        .collect();
    locate(source, &path)
}

/// [`locate_pointer`] in JSON text: each object's members and each array's elements are
/// stepped over until the one the segment names.
fn json_location(source: &str, segments: &[String]) -> Option<Location> {
    let mut scanner = JsonScanner {
        bytes: source.as_bytes(),
        at: 0,
    };
    let mut found = None;
    for segment in segments {
        scanner.blanks();
        match scanner.peek()? {
            b'{' => {
                scanner.at += 1;
                loop {
                    scanner.blanks();
                    if scanner.peek()? != b'"' {
                        return found;
                    }
                    let key = scanner.string()?;
                    scanner.blanks();
                    if scanner.peek()? != b':' {
                        return found;
                    }
                    scanner.at += 1;
                    scanner.blanks();
                    if key == *segment {
                        break;
                    }
                    scanner.value()?;
                    scanner.blanks();
                    if scanner.peek()? != b',' {
                        return found;
                    }
                    scanner.at += 1;
                }
            }
            b'[' => {
                let index: usize = segment.parse().ok()?;
                scanner.at += 1;
                for _ in 0..index {
                    scanner.blanks();
                    scanner.value()?;
                    scanner.blanks();
                    if scanner.peek()? != b',' {
                        return found;
                    }
                    scanner.at += 1;
                }
                scanner.blanks();
            }
            _ => return found,
        }
        found = Some(Location::of_offset(source, scanner.at));
    }
    found
}

/// A position in JSON text, stepping over its tokens.
struct JsonScanner<'s> {
    bytes: &'s [u8],
    at: usize,
}

impl JsonScanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn blanks(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    /// The string that starts here, its escapes read.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.skip_string()?;
        serde_json::from_slice(&self.bytes[start..self.at]).ok()
    }

    fn skip_string(&mut self) -> Option<()> {
        self.at += 1;
        loop {
            match self.peek()? {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                _ => self.at += 1,
            }
        }
    }

    /// Steps over the value that starts here.
    fn value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.skip_string(),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.at += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
            }
            _ => {
                while self
                    .peek()
                    .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
                {
                    self.at += 1;
                }
                Some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_file_line_column_and_caret() {
        let source = "title: x\nrequest:\n  methd: GET\n";
        let d = Diagnostic::at(
            Path::new("specs/a.yaml"),
            source,
            Location { line: 3, column: 3 },
            "request: unknown field `methd`",
        );
        assert_eq!(
            d.to_string(),
            "error: request: unknown field `methd`\n --> specs/a.yaml:3:3\n  |\n3 |   methd: GET\n  |   ^"
        );
    }

    /// What notes and diffs show of an input is escaped as errors are, whole.
    #[test]
    fn input_text_is_made_terminal_safe() {
        assert_eq!(terminal_safe("plain text", false), "plain text");
        assert_eq!(
            terminal_safe("a\u{1b}]0;PWN\u{7}\rb\u{202e}", false),
            "a\\u{1b}]0;PWN\\u{7}\\u{d}b\\u{202e}"
        );
        assert_eq!(
            terminal_safe("-a\n+b\u{1b}[2J\n", true),
            "-a\n+b\\u{1b}[2J\n"
        );
        let long = "x".repeat(5_000);
        assert_eq!(
            terminal_safe(&format!("{long}\u{7}"), false).len(),
            5_000 + 5
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_column_and_control_characters_escaped() {
        let line = format!("url: {}\u{1b}[31mX{}", "a".repeat(5_000), "b".repeat(5_000));
        let d = Diagnostic::at(
            Path::new("specs/a.yaml"),
            &line,
            Location {
                line: 1,
                column: 5_006,
            },
            "bad \u{1b}]0;title\u{7}",
        );
        let shown = d.to_string();
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{shown:?}"
        );
        assert!(shown.contains("bad \\u{1b}]0;title\\u{7}"), "{shown}");
        let lines: Vec<&str> = shown.lines().collect();
        let source = lines[3].strip_prefix("1 | ").unwrap();
        assert!(source.starts_with('…') && source.ends_with('…'), "{source}");
        assert!(source.chars().count() < 220, "{source}");
        // the caret still sits under the escaped character
        let caret = lines[4].strip_prefix("  | ").unwrap();
        let under: String = source.chars().skip(caret.len() - 1).take(8).collect();
        assert_eq!(under, "\\u{1b}[3");
    }

    #[test]
    fn locates_json_pointers_in_json_and_yaml() {
        let json = "{\"info\": {\"a\": [1, {\"b\": \"x\"}]},\n \"item\": [\n  {\"name\": \"r\\\"]\"},\n  {\"name\": \"r2\", \"request\": {}}\n ]\n}";
        assert_eq!(
            locate_pointer(json, "/item/1"),
            Some(Location { line: 4, column: 3 })
        );
        assert_eq!(
            locate_pointer(json, "/item/1/request"),
            Some(Location {
                line: 4,
                column: 29
            })
        );
        // the deepest part found
        assert_eq!(
            locate_pointer(json, "/item/5"),
            Some(Location {
                line: 2,
                column: 10
            })
        );
        let yaml = "paths:\n  /a/b:\n    get:\n      summary: x\n";
        assert_eq!(
            locate_pointer(yaml, "/paths/~1a~1b/get"),
            Some(Location { line: 3, column: 5 })
        );
        assert_eq!(locate_pointer(json, "no pointer"), None);
    }

    #[test]
    fn locates_key_paths_in_block_yaml() {
        use PathSegment::{Index, Key};
        let source = "title: t\nrequest:\n  method: G T\n  headers:\n    - A: 1\n    # note\n    - B: 2\n      C: 3\n  url: u\n";
        let at = |path: &[PathSegment]| locate(source, path).map(|l| (l.line, l.column));
        assert_eq!(at(&[Key("request"), Key("method")]), Some((3, 3)));
        assert_eq!(
            at(&[Key("request"), Key("headers"), Index(1)]),
            Some((7, 5))
        );
        assert_eq!(
            at(&[Key("request"), Key("headers"), Index(1), Key("C")]),
            Some((8, 7))
        );
        assert_eq!(at(&[Key("request"), Key("url")]), Some((9, 3)));
        // a missing tail still points at the deepest part found
        assert_eq!(at(&[Key("request"), Key("body")]), Some((2, 1)));
        assert_eq!(at(&[Key("response")]), None);
        // a sequence at its key's indentation, as samplegen writes specs
        let compact = "request:\n  headers:\n  - A: 1\n  - B: 2\n  url: u\n";
        let at = |path: &[PathSegment]| locate(compact, path).map(|l| (l.line, l.column));
        assert_eq!(
            at(&[Key("request"), Key("headers"), Index(1)]),
            Some((4, 3))
        );
        assert_eq!(at(&[Key("request"), Key("url")]), Some((5, 3)));
    }

    #[test]
    fn yaml_errors_lose_their_inline_position() {
        let source = "a: [\n";
        let error = crate::yaml::from_str::<serde_json::Value>(source).unwrap_err();
        let d = Diagnostic::from_yaml(Path::new("x.yaml"), source, &error);
        assert!(d.location.is_some());
        assert!(!d.message.contains(" at line "), "{}", d.message);
    }
}
