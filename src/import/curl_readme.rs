//! ReadMe's magic blocks: a `[block:NAME]` line, JSON, a `[/block]` line. Pages written in
//! ReadMe's legacy editor (and synced to a repository by `rdme`) hold their code samples in
//! `[block:code]` and their section titles in `[block:api-header]`, with no Markdown fence at
//! all; this reads them out of a paragraph of such a page.

use serde::Deserialize;

/// A piece of a paragraph that holds magic blocks.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Piece<'t> {
    /// Markdown text between blocks, as written (trimmed; never empty).
    Text(&'t str),
    /// `[block:api-header]`: a section title.
    Header(String),
    /// `[block:code]`: its tabs, starting `offset` bytes into the paragraph (its `[block:code]`
    /// line).
    Code { offset: usize, tabs: Vec<CodeTab> },
    /// Any other block (a callout, a parameter table, an image, one whose JSON does not read):
    /// markup, no prose.
    Other,
}

/// One tab of a `[block:code]`: the language ReadMe highlights it as, and its code.
#[derive(Debug, PartialEq, Eq, Deserialize)]
pub(super) struct CodeTab {
    #[serde(default)]
    pub(super) language: String,
    pub(super) code: String,
}

/// Whether `line` opens a magic block (`[block:code]`).
pub(super) fn opens_block(line: &str) -> bool {
    block_name(line).is_some()
}

fn block_name(line: &str) -> Option<&str> {
    let name = line.trim().strip_prefix("[block:")?.strip_suffix(']')?;
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .then_some(name)
}

/// The pieces of `paragraph`, when it holds a magic block: the text around the blocks, and the
/// blocks read. A block left open (no `[/block]` line) reaches to the paragraph's end.
pub(super) fn pieces(paragraph: &str) -> Option<Vec<Piece<'_>>> {
    if !paragraph.lines().any(opens_block) {
        return None;
    }
    let mut pieces = Vec::new();
    // where the text since the last block starts
    let mut text_start = 0;
    // the open block: its name, where its `[block:…]` line starts and where its JSON does
    let mut open: Option<(&str, usize, usize)> = None;
    let mut at = 0;
    for line in paragraph.split_inclusive('\n') {
        let line_start = at;
        at += line.len();
        match open {
            None => {
                if let Some(name) = block_name(line) {
                    push_text(&mut pieces, &paragraph[text_start..line_start]);
                    open = Some((name, line_start, at));
                }
            }
            Some((name, block_start, json_start)) if line.trim() == "[/block]" => {
                pieces.push(block(name, block_start, &paragraph[json_start..line_start]));
                open = None;
                text_start = at;
            }
            Some(_) => {}
        }
    }
    match open {
        Some((name, block_start, json_start)) => {
            pieces.push(block(name, block_start, &paragraph[json_start..]))
        }
        None => push_text(&mut pieces, &paragraph[text_start..]),
    }
    Some(pieces)
}

fn push_text<'t>(pieces: &mut Vec<Piece<'t>>, text: &'t str) {
    let text = text.trim();
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
}

/// A block read from its name and its JSON (HTML-escaped, `&quot;title&quot;`, as older
/// exports write it, read alike).
fn block(name: &str, offset: usize, json: &str) -> Piece<'static> {
    let unescaped;
    let json =
        if json.contains("&quot;") && serde_json::from_str::<serde_json::Value>(json).is_err() {
            unescaped = super::markdown::entities_read(json);
            unescaped.as_str()
        } else {
            json
        };
    #[derive(Deserialize)]
    struct Header {
        #[serde(default)]
        title: String,
    }
    #[derive(Deserialize)]
    struct Code {
        codes: Vec<CodeTab>,
    }
    match name {
        "api-header" => match serde_json::from_str::<Header>(json) {
            Ok(header) if !header.title.trim().is_empty() => {
                Piece::Header(header.title.trim().to_string())
            }
            _ => Piece::Other,
        },
        "code" => match serde_json::from_str::<Code>(json) {
            Ok(code) => Piece::Code {
                offset,
                tabs: code.codes,
            },
            Err(_) => Piece::Other,
        },
        _ => Piece::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_without_a_block_has_no_pieces() {
        assert_eq!(
            pieces("Send `[block:code]` to start one.\nThen more."),
            None
        );
        assert!(!opens_block("[block:]"));
        assert!(!opens_block("[block:code] and text"));
        assert!(opens_block("  [block:api-header]\n"));
    }

    #[test]
    fn text_headers_and_code_tabs_come_in_order() {
        let paragraph = "List the widgets:\n[block:code]\n{\n  \"codes\": [\n    {\n      \"code\": \"curl https://e.com/widgets \\\\\\n  -H 'Accept: application/json'\",\n      \"language\": \"curl\"\n    },\n    {\n      \"code\": \"fetch('https://e.com/widgets')\",\n      \"language\": \"javascript\",\n      \"name\": \"Node\"\n    }\n  ]\n}\n[/block]\n[block:api-header]\n{\n  \"type\": \"basic\",\n  \"title\": \" Delete a widget \"\n}\n[/block]\n[block:callout]\n{\n  \"type\": \"info\",\n  \"body\": \"Deleting cannot be undone.\"\n}\n[/block]\nThen:";
        let found = pieces(paragraph).unwrap();
        assert_eq!(
            found,
            [
                Piece::Text("List the widgets:"),
                Piece::Code {
                    offset: 18,
                    tabs: vec![
                        CodeTab {
                            language: "curl".into(),
                            code: "curl https://e.com/widgets \\\n  -H 'Accept: application/json'"
                                .into()
                        },
                        CodeTab {
                            language: "javascript".into(),
                            code: "fetch('https://e.com/widgets')".into()
                        },
                    ]
                },
                Piece::Header("Delete a widget".into()),
                Piece::Other,
                Piece::Text("Then:"),
            ]
        );
        assert!(paragraph[18..].starts_with("[block:code]"));
    }

    #[test]
    fn an_html_escaped_block_is_read() {
        let paragraph =
            "[block:api-header]\n{\n  &quot;title&quot;: &quot;Using curl&quot;\n}\n[/block]";
        assert_eq!(
            pieces(paragraph).unwrap(),
            [Piece::Header("Using curl".into())]
        );
    }

    #[test]
    fn a_block_that_does_not_read_is_markup() {
        // a translation tool renamed the keys; a header with no title; a block left open
        let paragraph = "[block:code]\n{\"коды\": [{\"code\": \"curl https://e.com\"}]}\n[/block]\n[block:api-header]\n{}\n[/block]\n[block:code]\n{\"codes\": [{\"code\": \"curl https://e.com/open\"}]}";
        let found = pieces(paragraph).unwrap();
        assert_eq!(found[..2], [Piece::Other, Piece::Other]);
        let Piece::Code { tabs, .. } = &found[2] else {
            panic!("{found:?}")
        };
        assert_eq!(tabs[0].code, "curl https://e.com/open");
        assert_eq!(tabs[0].language, "");
    }
}
