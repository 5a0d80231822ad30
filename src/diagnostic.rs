//! Errors a writer can act on: what is wrong, in which file, at which line and column, shown the
//! way rustc shows them.

use std::fmt;
use std::path::{Path, PathBuf};

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
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

    /// Turns a serde_yaml error into a diagnostic, keeping its field path (`request.headers[0]`)
    /// and moving its position from the message into the `-->` line.
    pub fn from_yaml(file: &Path, source: &str, error: &serde_yaml::Error) -> Self {
        let mut message = error.to_string();
        match error.location() {
            Some(mark) => {
                let location = Location {
                    line: mark.line(),
                    column: mark.column(),
                };
                let suffix = format!(" at line {} column {}", mark.line(), mark.column());
                if let Some(index) = message.find(&suffix) {
                    message.replace_range(index..index + suffix.len(), "");
                }
                message.push_str(&unknown_field_hint(&message));
                Diagnostic::at(file, source, location, message)
            }
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
            if parent_indent.is_some_and(|parent| indent <= parent) && number > start {
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        match self.location {
            None => write!(f, " --> {}", self.file.display()),
            Some(location) => {
                write!(
                    f,
                    " --> {}:{}:{}",
                    self.file.display(),
                    location.line,
                    location.column
                )?;
                if let Some(line) = &self.source_line {
                    let number = location.line.to_string();
                    let gutter = " ".repeat(number.len());
                    // The caret sits under the column-th character, whatever its byte width.
                    let indent: String = line
                        .chars()
                        .take(location.column.saturating_sub(1))
                        .map(|c| if c == '\t' { '\t' } else { ' ' })
                        .collect();
                    write!(f, "\n{gutter} |\n{number} | {line}\n{gutter} | {indent}^")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Diagnostic {}

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
    }

    #[test]
    fn yaml_errors_lose_their_inline_position() {
        let source = "a: [\n";
        let error = serde_yaml::from_str::<serde_yaml::Value>(source).unwrap_err();
        let d = Diagnostic::from_yaml(Path::new("x.yaml"), source, &error);
        assert!(d.location.is_some());
        assert!(!d.message.contains(" at line "), "{}", d.message);
    }
}
