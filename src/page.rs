//! What the Markdown page derives rather than asks the writer to repeat: the front matter's
//! `description` and `section_ids` (read back with pulldown-cmark), the Headers list and the
//! Body section's table.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::filters::markdown::{md_escape, md_table_cell};
use crate::http::media::{fence_for_media_type, media_type};
use crate::model::{Auth, Body, PartContent, Request};
use crate::sample_values::{basic_shown, has_secret, shown};

/// The separator between a header's name and its value in the Headers section: five no-break
/// spaces and a space, as on the house style's pages.
pub const HEADER_SEPARATOR: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0} ";

/// A `###` heading of the page, as listed in the front matter's `section_ids`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub id: String,
    pub title: String,
}

/// The plain text of the first paragraph of `markdown`: code spans keep their text, links their
/// label, line breaks become spaces.
pub fn description(markdown: &str) -> String {
    let mut text = String::new();
    let mut depth = 0;
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Paragraph) => depth += 1,
            Event::End(TagEnd::Paragraph) => {
                if !text.trim().is_empty() {
                    break;
                }
                depth -= 1;
            }
            Event::Text(t) | Event::Code(t) if depth > 0 => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if depth > 0 => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// The page's `###` headings with their ids, in order. An id is the heading's text in lower case
/// with runs of other characters turned into `-`; a repeated id gets `-2`, `-3`….
pub fn sections(markdown: &str) -> Vec<Section> {
    let titles = simple_h3_titles(markdown).unwrap_or_else(|| parsed_h3_titles(markdown));
    let mut sections: Vec<Section> = Vec::with_capacity(titles.len());
    for title in titles {
        if title.is_empty() {
            continue;
        }
        let base = slug(&title);
        let mut id = base.clone();
        let mut n = 2;
        while sections.iter().any(|s| s.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        sections.push(Section { id, title });
    }
    sections
}

/// The text of every `###` heading, as pulldown-cmark reads the page.
fn parsed_h3_titles(markdown: &str) -> Vec<String> {
    let mut titles = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H3,
                ..
            }) => current = Some(String::new()),
            Event::End(TagEnd::Heading(HeadingLevel::H3)) => {
                titles.push(current.take().unwrap_or_default().trim().to_string());
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(title) = current.as_mut() {
                    title.push_str(&t);
                }
            }
            _ => {}
        }
    }
    titles
}

/// The text of every `###` heading of a page written in the plain Markdown the built-in pages
/// are, found line by line; `None` for a page with anything whose reading needs the whole
/// parser. Parsing a page costs more than rendering its eleven samples, and most of a page is
/// fenced code that only needs its closing fence found.
///
/// Read here: blank lines; lines starting in the first column with `###` and a title of plain
/// text; fenced code blocks opening in the first column; list items and block quotes whose text
/// starts plainly; and any other line starting in the first column with a character that opens
/// no block (paragraphs, tables, other headings). Anything else (an indented line, HTML, a
/// container holding a block, a title with inline markup, a carriage return) gives `None`.
fn simple_h3_titles(markdown: &str) -> Option<Vec<String>> {
    // a carriage return ends a line anywhere, even inside code; a NUL (read as U+FFFD) only
    // matters in the lines looked at, where nothing takes it for plain text
    if markdown.as_bytes().contains(&b'\r') || markdown.starts_with('\u{feff}') {
        return None;
    }
    let mut titles = Vec::new();
    let mut at = 0;
    while at < markdown.len() {
        let end = line_end(markdown, at);
        let line = &markdown[at..end];
        at = end + 1;
        if line.bytes().all(|b| b == b' ' || b == b'\t') {
            continue;
        }
        let first = line.as_bytes()[0];
        match first {
            b' ' | b'\t' | b'<' => return None,
            b'#' => {
                let hashes = line.bytes().take_while(|b| *b == b'#').count();
                let after = &line[hashes..];
                let is_heading = after.is_empty() || after.starts_with([' ', '\t']);
                if hashes == 3 && is_heading {
                    titles.push(plain_title(after)?);
                }
            }
            b'`' | b'~' => {
                let run = line.bytes().take_while(|b| *b == first).count();
                if run >= 3 {
                    // a backtick fence's info string holds no backtick (else it is inline code)
                    if first == b'`' && line[run..].contains('`') {
                        return None;
                    }
                    at = after_fenced_code(markdown, at, first, run);
                }
            }
            b'>' => {
                // `>` alone is a blank line of the quote
                let content = &line[1..];
                let content = content.strip_prefix(' ').unwrap_or(content);
                if !content.trim_matches([' ', '\t']).is_empty() && !starts_plainly(content) {
                    return None;
                }
            }
            b'*' | b'+' | b'-' => {
                let rest = &line[1..];
                // a marker and a blank is a list item; without one (`**bold**`, `---`) the line
                // is text, a thematic break or a setext underline, none of which holds a block
                if rest.is_empty()
                    || rest.starts_with([' ', '\t'])
                        && !starts_plainly(rest.trim_start_matches([' ', '\t']))
                {
                    return None;
                }
            }
            b'0'..=b'9' => {
                let digits = line.bytes().take_while(u8::is_ascii_digit).count();
                let rest = &line[digits..];
                // `1.` and a blank is a list item (`1.5` is text)
                let item = rest
                    .strip_prefix(['.', ')'])
                    .filter(|content| content.is_empty() || content.starts_with([' ', '\t']));
                if let Some(content) = item
                    && (digits > 9 || !starts_plainly(content.trim_start_matches([' ', '\t'])))
                {
                    return None;
                }
            }
            _ => {}
        }
    }
    Some(titles)
}

/// Where the line holding byte `at` ends (its `\n`, or the end of the text).
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |found| at + found)
}

/// Where the text after a fenced code block continues: past the closing fence of `run` or more
/// `fence` characters (up to 3 spaces before it, only blanks after it) on a line at or after
/// `from`, or at the end of the page when there is none. Only the lines holding a `fence`
/// character are looked at: most of a page is code, and most code lines hold none.
fn after_fenced_code(text: &str, from: usize, fence: u8, run: usize) -> usize {
    if from >= text.len() {
        return text.len();
    }
    let mut search = from;
    while let Some(found) = text[search..].find(char::from(fence)) {
        let at = search + found;
        let line_start = text[from..at].rfind('\n').map_or(from, |n| from + n + 1);
        let end = line_end(text, at);
        let indent = &text[line_start..at];
        if indent.len() <= 3 && indent.bytes().all(|b| b == b' ') {
            let line = &text[at..end];
            let closing = line.bytes().take_while(|b| *b == fence).count();
            if closing >= run && line[closing..].bytes().all(|b| b == b' ' || b == b'\t') {
                return end + 1;
            }
        }
        search = end;
        if search >= text.len() {
            break;
        }
    }
    text.len()
}

/// Whether the text of a list item or block quote starts with a character that opens no block
/// of its own (a heading, fence, quote, list item, HTML or indented code).
fn starts_plainly(content: &str) -> bool {
    let mut chars = content.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() => true,
        Some('*' | '_') => chars
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '*'),
        Some('[' | '(' | '"' | '\'' | '|' | '!' | '{' | '&') => true,
        // a code span or strikethrough, not a fence
        Some(fence @ ('`' | '~')) => content.chars().take_while(|c| *c == fence).count() < 3,
        Some(c) if c.is_ascii_digit() => {
            let after = content.trim_start_matches(|c: char| c.is_ascii_digit());
            !after.starts_with(['.', ')'])
        }
        _ => false,
    }
}

/// A heading's title from what follows its `###`, when it is plain text (no inline markup, no
/// closing `#`s): as pulldown-cmark would give it, trimmed.
fn plain_title(after: &str) -> Option<String> {
    let title = after.trim_matches([' ', '\t']);
    let plain = title.chars().all(|c| {
        c.is_alphanumeric()
            || c == ' '
            || matches!(
                c,
                '-' | '.'
                    | ','
                    | ':'
                    | ';'
                    | '('
                    | ')'
                    | '\''
                    | '"'
                    | '/'
                    | '?'
                    | '='
                    | '+'
                    | '%'
                    | '@'
                    | '$'
                    | '{'
                    | '}'
            )
    });
    plain.then(|| title.to_string())
}

fn slug(title: &str) -> String {
    let mut id = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '_' {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_string()
}

fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// What the Headers section shows for a multipart body, whose boundary each client chooses.
pub const MULTIPART_CONTENT_TYPE: &str =
    "multipart/form-data; boundary=<calculated when request is sent>";

/// The lines of the Headers section as the house style orders them: `Authorization` first, then
/// `Content-Type` (a multipart body's with its boundary left to the client), then every other
/// header in the order the samples send it (an API key's among them). A basic-auth header shows
/// no value.
pub fn header_lines(request: &Request) -> Vec<String> {
    let basic = matches!(request.auth, Some(Auth::Basic { .. }));
    // a basic auth secret is named, with what is encoded; any other credential is not shown
    let basic_secret = match &request.auth {
        Some(Auth::Basic { username, password })
            if has_secret(username) || has_secret(password) =>
        {
            Some(basic_shown(username, password))
        }
        _ => None,
    };
    let mut headers: Vec<(String, String)> = request
        .headers_with_auth()
        .into_iter()
        .map(|h| {
            // the page never shows a credential it would have to encode
            let value = if basic && h.name == "Authorization" {
                basic_secret.clone().unwrap_or_default()
            } else {
                // a secret shows as the environment variable it is read from
                shown(&h.value)
            };
            (h.name, value)
        })
        .collect();
    if matches!(request.body, Some(Body::Formdata { .. })) {
        headers.push(("Content-Type".into(), MULTIPART_CONTENT_TYPE.into()));
    }
    let rank = |name: &str| {
        if name.eq_ignore_ascii_case("authorization") {
            0
        } else if name.eq_ignore_ascii_case("content-type") {
            1
        } else {
            2
        }
    };
    // a stable sort keeps the samples' order within each rank
    headers.sort_by_key(|(name, _)| rank(name));
    headers
        .iter()
        .map(|(name, value)| header_line(name, value))
        .collect()
}

fn header_line(name: &str, value: &str) -> String {
    if value.is_empty() {
        md_escape(name)
    } else {
        format!("{}{HEADER_SEPARATOR}{}", md_escape(name), md_escape(value))
    }
}

/// The Body section's content.
#[derive(Debug, Clone, Serialize)]
pub struct BodySection {
    /// `urlencoded ( application/x-www-form-urlencoded )`
    pub mode_line: String,
    /// The Key/Value table of a form body.
    pub table: Option<String>,
    /// Fenced blocks: a raw body, a file's path, a GraphQL query and its variables.
    pub blocks: Vec<CodeBlock>,
}

/// A fenced code block. `marker` is a run of backticks longer than any in `text`, so no text can
/// end the block early.
#[derive(Debug, Clone, Serialize)]
pub struct CodeBlock {
    pub marker: String,
    pub info: String,
    pub text: String,
}

impl CodeBlock {
    pub fn new(info: &str, text: &str) -> CodeBlock {
        CodeBlock {
            marker: fence_marker(text),
            info: info.to_string(),
            text: text.trim_end_matches('\n').to_string(),
        }
    }
}

/// Three backticks, or one more than the longest run of backticks at the start of a line in `text`.
pub fn fence_marker(text: &str) -> String {
    // most samples hold no backtick at all: one fast scan settles them
    if !text.contains('`') {
        return "```".to_string();
    }
    let longest = text
        .lines()
        .map(|line| line.trim_start().chars().take_while(|c| *c == '`').count())
        .max()
        .unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

pub fn body_section(request: &Request) -> Option<BodySection> {
    let content_type = request.content_type().unwrap_or_default();
    let key_value = |rows: Vec<[String; 2]>| Some(table(["Key", "Value"], rows));
    Some(match request.body.as_ref()? {
        Body::Urlencoded { fields } => BodySection {
            mode_line: format!("urlencoded ( {content_type} )"),
            table: key_value(
                fields
                    .iter()
                    .map(|f| [md_table_cell(&f.name), md_table_cell(&f.value)])
                    .collect(),
            ),
            blocks: Vec::new(),
        },
        // the house style's table: each part's kind, and a file's path as given
        Body::Formdata { parts } => BodySection {
            mode_line: "formdata".into(),
            table: Some(table(
                ["Key", "Type", "Value"],
                parts
                    .iter()
                    .map(|part| {
                        let (kind, value) = match &part.content {
                            PartContent::Text { value } => ("text", md_table_cell(value)),
                            PartContent::File { path, .. } => ("file", md_table_cell(path)),
                        };
                        // a part's own content type, which the house style has no column for
                        let value = match &part.content_type {
                            Some(ct) => format!("{value} ({})", md_table_cell(ct)),
                            None => value,
                        };
                        [md_table_cell(&part.name), kind.to_string(), value]
                    })
                    .collect(),
            )),
            blocks: Vec::new(),
        },
        Body::Raw { text } => BodySection {
            mode_line: format!("raw ( {content_type} )"),
            table: None,
            blocks: vec![CodeBlock::new(
                fence_for_media_type(&media_type(content_type)),
                text,
            )],
        },
        // the house style names the media type only; the path is in every sample
        Body::File { .. } => BodySection {
            mode_line: format!("file ( {content_type} )"),
            table: None,
            blocks: Vec::new(),
        },
        Body::Graphql {
            query, variables, ..
        } => BodySection {
            mode_line: format!("graphql ( {content_type} )"),
            table: None,
            blocks: vec![
                CodeBlock::new("graphql", query),
                CodeBlock::new("json", variables),
            ],
        },
    })
}

/// A pipe table with every column padded to its widest cell, as the house style writes tables.
/// Cells must already be escaped for Markdown.
fn table<const N: usize>(headers: [&str; N], rows: Vec<[String; N]>) -> String {
    let mut widths = headers.map(|h| h.width());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let line = |cells: [&str; N]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell}{}", " ".repeat(width - cell.width())))
            .collect();
        format!("| {} |", padded.join(" | "))
    };
    let mut lines = vec![
        line(headers),
        format!("| {} |", widths.map(|w| "-".repeat(w)).join(" | ")),
    ];
    lines.extend(
        rows.iter()
            .map(|row| line(row.each_ref().map(String::as_str))),
    );
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fence_is_longer_than_any_backtick_run_opening_a_line() {
        assert_eq!(fence_marker("no backticks\nat all"), "```");
        assert_eq!(fence_marker("a ```` run inside a line"), "```");
        assert_eq!(fence_marker("x\n```\ny"), "````");
        assert_eq!(fence_marker("x\n   `````js\n"), "``````");
    }

    #[test]
    fn description_is_the_first_paragraphs_text() {
        let prose = "The token endpoint is used for `authorization_code` grants.\nSee [Apps](a.html).\n\nSecond.";
        assert_eq!(
            description(prose),
            "The token endpoint is used for authorization_code grants. See Apps."
        );
        assert_eq!(description(""), "");
    }

    /// Lines the line-by-line reading refuses outside code (or that change how it reads what
    /// follows), to mix into pages made of the lines it reads.
    const OTHER_LINES: &[&str] = &[
        "### Foo ###",
        "### C#",
        "### *em*",
        "### `code`",
        "### a & b",
        "``` a`b",
        "  ```",
        "   ```",
        "    ```",
        "* item",
        "*",
        "* ### h",
        "* ```",
        "-",
        "* * *",
        "+",
        "1.",
        "1234567890. x",
        "> ### q",
        "> * x",
        ">> y",
        "<div>",
        "</div>",
        "  indented",
        "    code",
        "\tTab",
        "  ### x",
        "    ### x",
        "\r",
        "2) ### x",
        "* ```",
        "* ~~~",
        "> ```",
        "> ~~~",
        "### a\0b",
        "\0### x",
        "``\0`",
        "```\0",
        "* \0x",
        "> \0",
    ];

    /// Lines the line-by-line reading takes outside code.
    const READ_LINES: &[&str] = &[
        "",
        "   ",
        "### Title",
        "###",
        "### a  b",
        "###\tTab",
        "### é à",
        "### 1.5 {{var}}",
        "### a'b\"c",
        "#### Four",
        "## Two",
        "#x",
        "###x",
        "```",
        "```js",
        "````",
        "~~~",
        "~~~ a`b",
        "``",
        "*  x",
        "- x",
        "---",
        "***",
        "**bold**",
        "+ y",
        "+z",
        "1. one",
        "1) x",
        "12.5",
        "> quote",
        "> **Collapse: x**",
        "| a | b |",
        "| - | - |",
        "a | b",
        "text",
        "text ### no",
        "===",
        "[x]: /url",
        "[x]:",
        "&amp;",
        "\\### esc",
        "_x_",
        "__",
        "* `code`",
        "* ``a``",
        "* ~~x~~",
        "> `code`",
        ">",
        ">  ",
        "> | a |",
        "* {{x}}",
        "* &amp;",
        "x\0",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
        #[test]
        fn the_line_by_line_reading_finds_the_headings_the_parser_finds(
            lines in proptest::collection::vec(
                proptest::prop_oneof![
                    6 => proptest::sample::select(READ_LINES),
                    1 => proptest::sample::select(OTHER_LINES),
                ],
                0..24,
            ),
            end_with_newline: bool,
        ) {
            let mut page = lines.join("\n");
            if end_with_newline {
                page.push('\n');
            }
            if let Some(titles) = simple_h3_titles(&page) {
                proptest::prop_assert_eq!(titles, parsed_h3_titles(&page), "{:?}", page);
            }
        }
    }

    #[test]
    fn the_built_in_pages_are_read_line_by_line() {
        let project = crate::project::Project::open(std::path::Path::new(".")).unwrap();
        let renderer = project.renderer().unwrap();
        let specs = project.load_specs().unwrap();
        let mut simple = 0;
        for endpoint in &specs.endpoints {
            let page = renderer.render(endpoint, &project.config).unwrap().page;
            let body = page.splitn(3, "---\n").nth(2).unwrap();
            if let Some(titles) = simple_h3_titles(body) {
                assert_eq!(
                    titles,
                    parsed_h3_titles(body),
                    "{}",
                    endpoint.source.display()
                );
                simple += 1;
            }
        }
        // the house pages with nothing unusual in their prose take the short way
        assert!(
            simple * 2 >= specs.endpoints.len(),
            "{simple} of {}",
            specs.endpoints.len()
        );
    }

    #[test]
    fn sections_are_h3_headings() {
        let page = "# T\n\n##\n\n### Troubleshooting\n\ntext\n\n> **Collapse: x**\n\n### Example Request\n\n### Example Request\n";
        let ids: Vec<String> = sections(page).into_iter().map(|s| s.id).collect();
        assert_eq!(
            ids,
            ["troubleshooting", "example-request", "example-request-2"]
        );
    }

    #[test]
    fn tables_are_padded() {
        let t = table(
            ["Key", "Value"],
            vec![[
                md_table_cell("grant_type"),
                md_table_cell("client_credentials"),
            ]],
        );
        assert_eq!(
            t,
            "| Key         | Value               |\n| ----------- | ------------------- |\n| grant\\_type | client\\_credentials |"
        );
    }
}
