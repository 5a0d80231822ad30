//! MDX text for the Docusaurus and Mintlify pages: Markdown that MDX reads as the same text, not
//! as a JavaScript expression (`{…}`), a JSX element (`<…`), an ES module line (`import`,
//! `export`) or a Docusaurus directive (`:name`).

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

/// `markdown` (already escaped for CommonMark, like every text of the page view) as MDX that
/// shows the same text. Code spans and fenced code blocks stay as written (MDX reads code as
/// code); elsewhere `{`, `}`, `<` and `$` are escaped with a backslash, a `:` before a letter
/// and a lone `~` too, a bare URL's `://` (see [`escape_text`]), and
/// a line that MDX would read as an `import`/`export` statement starts with a character reference
/// instead of its first letter. An autolink (`<https://…>`, which MDX does not have) becomes an
/// ordinary link, `<br>` (the pipe tables' line break) the JSX `<br />`; any other HTML shows as
/// text.
pub fn mdx(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut at = 0;
    for (range, kept) in special_ranges(markdown) {
        if range.start < at {
            continue;
        }
        escape_text(&markdown[..range.start], at, &mut out, false);
        match kept {
            Kept::Verbatim => out.push_str(&markdown[range.clone()]),
            Kept::LineBreak => out.push_str("<br />"),
            Kept::Fenced { code } => {
                let fence = crate::page::fence_marker(&code);
                // the code's indentation, written before its range starts, is the fence's no more
                let line = out.rfind('\n').map_or(0, |at| at + 1);
                if out[line..].chars().all(|c| c == ' ' || c == '\t') {
                    out.truncate(line);
                }
                out.push_str(&fence);
                out.push('\n');
                out.push_str(&code);
                if !code.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&fence);
                out.push('\n');
            }
            Kept::Link { url } => {
                out.push('[');
                let label = crate::filters::markdown::md_escape(&url);
                escape_text(&label, 0, &mut out, true);
                out.push_str("](");
                out.push_str(&link_destination(&url));
                out.push(')');
            }
        }
        at = range.end;
    }
    escape_text(markdown, at, &mut out, false);
    out
}

/// A JSX attribute value that is the string `s`: a JavaScript string literal in braces (JSX's
/// own `"…"` has no escapes).
pub fn jsx_string(s: &str) -> String {
    format!("{{{}}}", crate::filters::javascript::js_string(s))
}

enum Kept {
    /// Code, copied as written.
    Verbatim,
    /// `<br>`, written as JSX.
    LineBreak,
    /// An autolink to `url`.
    Link { url: String },
    /// Indented code, written fenced.
    Fenced { code: String },
}

/// The parts of `markdown` that are not escaped as text, in order, as CommonMark reads it.
fn special_ranges(markdown: &str) -> Vec<(Range<usize>, Kept)> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut ranges = Vec::new();
    let mut parser = Parser::new_ext(markdown, options).into_offset_iter();
    while let Some((event, range)) = parser.next() {
        match event {
            Event::Code(_) => ranges.push((range, Kept::Verbatim)),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                ranges.push((range, Kept::Verbatim))
            }
            // MDX has no indented code (its lines would be a paragraph, line breaks lost): the
            // code as a fenced block
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
                let mut code = String::new();
                for (event, _) in parser.by_ref() {
                    match event {
                        Event::Text(text) => code.push_str(&text),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                ranges.push((range, Kept::Fenced { code }));
            }
            Event::Start(Tag::Link {
                link_type: link_type @ (LinkType::Autolink | LinkType::Email),
                dest_url,
                ..
            }) => {
                let url = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                // the link's text is the URL itself; skip its events
                for (event, _) in parser.by_ref() {
                    if matches!(event, Event::End(TagEnd::Link)) {
                        break;
                    }
                }
                ranges.push((range, Kept::Link { url }));
            }
            Event::InlineHtml(html) if is_line_break(&html) => {
                ranges.push((range, Kept::LineBreak))
            }
            _ => {}
        }
    }
    ranges.sort_by_key(|(range, _)| range.start);
    ranges
}

fn is_line_break(html: &str) -> bool {
    let tag: String = html
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    tag == "<br>" || tag == "<br/>"
}

/// A link destination MDX and CommonMark read back as `url`: the characters that would end it
/// or start something else, escaped (an autolink's URL has no spaces or angle brackets).
fn link_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 4);
    for c in url.chars() {
        if matches!(c, '\\' | '(' | ')' | '{' | '}' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Appends `text[from..]` to `out`, escaped for MDX. `text[..from]` is what came before, to
/// know whether `from` starts a line and whether a backslash before it escapes. A link's text
/// (`in_link`) holds no other link: its URLs need no escape.
fn escape_text(text: &str, from: usize, out: &mut String, in_link: bool) {
    let slice = &text[from..];
    let mut line_start = from == 0 || text[..from].ends_with('\n');
    let mut chars = slice.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        // (after the line's indentation, if any)
        if line_start && let Some(reference) = module_keyword_reference(&slice[index..]) {
            out.push_str(reference);
            line_start = false;
            continue;
        }
        line_start = c == '\n' || (line_start && (c == ' ' || c == '\t'));
        match c {
            '\\' => {
                out.push('\\');
                // an escape CommonMark honours: keep the pair as it is
                if let Some(&(_, next)) = chars.peek()
                    && next.is_ascii_punctuation()
                {
                    out.push(next);
                    chars.next();
                }
            }
            // (`$`: Mintlify's math plugin typesets the text between two as math)
            '{' | '}' | '<' | '$' => {
                out.push('\\');
                out.push(c);
            }
            ':' if chars
                .peek()
                .is_some_and(|&(_, next)| next.is_ascii_alphabetic()) =>
            {
                out.push_str("\\:");
            }
            // MDX's GFM reads a bare `https://…` or `www.…` as a link running to the next blank
            // or `<`, backslashes and all, which turns an escaped `\</a>` after it into a JSX
            // tag: an escaped `:` (`.`) keeps it text while MDX parses, and GFM still links the
            // URL in the text that comes out, its escapes read
            ':' if !in_link
                && slice[index..].starts_with("://")
                && ends_with_scheme(&text[..from + index]) =>
            {
                out.push_str("\\:");
            }
            '.' if !in_link && ends_with_www(&text[..from + index]) => out.push_str("\\."),
            // a lone `~` is strikethrough to MDX's GFM (Docusaurus, Mintlify), text to CommonMark
            '~' if !slice[..index].ends_with('~')
                && chars.peek().is_none_or(|&(_, next)| next != '~') =>
            {
                out.push_str("\\~");
            }
            c => out.push(c),
        }
    }
}

/// Whether `before` ends with `http` or `https` (any case) as a word of its own: a URL's scheme.
fn ends_with_scheme(before: &str) -> bool {
    ends_with_word(before, "http") || ends_with_word(before, "https")
}

/// Whether `before` ends with `www` (any case) as a word of its own: a host GFM links.
fn ends_with_www(before: &str) -> bool {
    ends_with_word(before, "www")
}

/// Whether `before` ends with `word` (ASCII, any case), no letter or digit before it.
fn ends_with_word(before: &str, word: &str) -> bool {
    let Some(start) = before.len().checked_sub(word.len()) else {
        return false;
    };
    before.is_char_boundary(start)
        && before[start..].eq_ignore_ascii_case(word)
        && !before[..start].ends_with(|c: char| c.is_ascii_alphanumeric())
}

/// A character reference for the first letter of a line MDX would read as an ES module
/// statement (`import x`, `export x`); `None` for any other line.
fn module_keyword_reference(line: &str) -> Option<&'static str> {
    [("import", "&#105;"), ("export", "&#101;")]
        .into_iter()
        .find(|(keyword, _)| {
            line.strip_prefix(keyword).is_some_and(|after| {
                after.is_empty() || after.starts_with([' ', '\t', '{', '*', '\n'])
            })
        })
        .map(|(_, reference)| reference)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Options, Parser};

    /// The text CommonMark shows for `markdown`, with raw HTML as text (as MDX shows it once
    /// escaped).
    fn shown(markdown: &str) -> String {
        let mut text = String::new();
        for event in Parser::new_ext(
            markdown,
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        ) {
            match event {
                Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                    text.push_str(&t)
                }
                Event::SoftBreak => text.push('\n'),
                _ => {}
            }
        }
        text
    }

    #[test]
    fn expressions_and_elements_are_escaped() {
        assert_eq!(mdx("Bearer {{secretKey}}"), r"Bearer \{\{secretKey\}\}");
        assert_eq!(mdx(r"a \< b"), r"a \< b");
        assert_eq!(mdx("a < b"), r"a \< b");
        assert_eq!(mdx("Note:Ignored"), r"Note\:Ignored");
        assert_eq!(mdx("$5 and $10"), r"\$5 and \$10");
        assert_eq!(mdx("~a~ ~~b~~"), r"\~a\~ ~~b~~");
        // a bare URL stays text while MDX parses: GFM links it from the text that comes out
        // (AWS's `<a href="https://…">kms:X</a>` stopped a Docusaurus build)
        assert_eq!(mdx("https://x.example"), r"https\://x.example");
        assert_eq!(
            mdx(r#"<a href="https://d.example/x.html">kms:X</a> (key)"#),
            r#"\<a href="https\://d.example/x.html">kms\:X\</a> (key)"#
        );
        assert_eq!(
            mdx("at https://a.example/{version} or www.b.example/a:b"),
            r"at https\://a.example/\{version\} or www\.b.example/a\:b"
        );
        // not inside a word
        assert_eq!(mdx("xhttps://a and awww.b"), "xhttps://a and awww.b");
        for text in ["https://d.example/x.html\">kms:X</a>", "www.b.example/a:b"] {
            assert_eq!(shown(&mdx(text)), text);
        }
    }

    // MDX has no indented code: it is written fenced, its text and lines kept
    #[test]
    fn indented_code_becomes_fenced() {
        assert_eq!(
            mdx("Run:\n\n    $ curl {x}\n    ```json\n    {}\n    ```\n\nDone {y}.\n"),
            "Run:\n\n````\n$ curl {x}\n```json\n{}\n```\n````\n\nDone \\{y\\}.\n"
        );
    }

    #[test]
    fn code_stays_as_written() {
        assert_eq!(mdx("use `{id}` here"), r"use `{id}` here");
        assert_eq!(
            mdx("text {a}\n\n```json\n{\"a\": 1}\n```\n"),
            "text \\{a\\}\n\n```json\n{\"a\": 1}\n```\n"
        );
    }

    #[test]
    fn autolinks_and_line_breaks_become_mdx() {
        assert_eq!(
            mdx("| <https://a.example/(x)> |"),
            r"| [https://a.example/(x)](https://a.example/\(x\)) |"
        );
        assert_eq!(mdx("| a<br>b |"), "| a<br />b |");
        assert_eq!(mdx("<div>x</div>"), r"\<div>x\</div>");
    }

    #[test]
    fn module_lines_are_text() {
        assert_eq!(mdx("export the data"), "&#101;xport the data");
        assert_eq!(mdx("a\nimport x"), "a\n&#105;mport x");
        assert_eq!(mdx("important"), "important");
    }

    #[test]
    fn escaping_keeps_the_text_commonmark_shows() {
        for text in [
            "Bearer {{secretKey}} <b> a:b\\",
            r"\{ already \\{ escaped",
            "x `{code}` y {z}",
            "| a | <https://e.example/a_b> |\n| - | - |\n| c{d} | e |",
        ] {
            assert_eq!(shown(&mdx(text)), shown(text), "{text}");
        }
    }
}
