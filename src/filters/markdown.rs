//! Markdown text for the page: inline text that renders as exactly the characters given.

use pulldown_cmark::{Options, Parser};

/// `s` escaped for inline Markdown (a heading, a paragraph line, a table cell) the house way:
/// `\` `` ` `` `*` `_` `[` `]` `~` always (so `client_credentials` becomes `client\_credentials`
/// as on the seed pages), and `&` `<` `#` `>` `-` `+` `.` `)` only where they would start an
/// entity, an HTML tag, a heading's closing sequence, a quote or a list. `{{variables}}` are left
/// alone.
pub fn md_escape(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    let leading_digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '>' if i == 0 => true,
            '-' | '+' if i == 0 => next.is_none_or(|n| n == ' ' || n == '\t'),
            '.' | ')' if i > 0 && i == leading_digits => true,
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' => true,
            '&' => starts_entity(&chars[i + 1..]),
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '#' => {
                i == 0 || (chars[i - 1] == ' ' && chars[i..].iter().all(|&c| c == '#' || c == ' '))
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The text [`md_escape`] was given: a `\` before ASCII punctuation dropped. Every `\` of the
/// text itself was escaped, so this reads an escaped heading or status line back exactly.
pub fn md_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
        } else {
            out.push(c);
        }
    }
    out
}

/// `s` for one cell of a pipe table: an absolute `http(s)` URL becomes an autolink `<…>` as on the
/// seed pages; anything else is [`md_escape`]d with `|` escaped too and line breaks as `<br>`.
pub fn md_table_cell(s: &str) -> String {
    let is_url = (s.starts_with("https://") || s.starts_with("http://"))
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>'));
    if is_url {
        return format!("<{s}>");
    }
    md_escape(s)
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

/// `s` as the title a code block's info string carries after its language (Mintlify's tab
/// label): written as itself, since an info string has no escapes; an error for what would end
/// the info string or the fence (a line break, a backtick).
pub fn fence_title(s: &str) -> Result<String, String> {
    match s.chars().find(|c| matches!(c, '`' | '\n' | '\r')) {
        Some(c) => Err(format!(
            "{c:?} cannot be part of a code block's title (the label `{s}`)"
        )),
        None => Ok(s.to_string()),
    }
}

/// Markdown as Python-Markdown with `pymdownx.escapeall` (the mkdocs-material preset's
/// extensions) reads it the CommonMark way: a backslash that CommonMark shows as itself (before
/// anything but ASCII punctuation or a line break) is escaped, since `escapeall` would make it
/// escape the character after it; so is a `<` that CommonMark shows as text, which
/// Python-Markdown's looser HTML rule could take for a tag (`<B,x >`). Code, HTML and autolinks
/// are left as written.
pub fn escapeall_safe(markdown: &str) -> String {
    use pulldown_cmark::{Event, LinkType, Tag};
    let spaced = lists_set_apart(markdown);
    let markdown = spaced.as_str();
    let kept: Vec<std::ops::Range<usize>> = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .into_offset_iter()
    .filter(|(event, _)| {
        matches!(
            event,
            Event::Code(_)
                | Event::Start(Tag::CodeBlock(_))
                | Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::HtmlBlock)
                | Event::Start(Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                })
        )
    })
    .map(|(_, range)| range)
    .collect();
    let mut out = String::with_capacity(markdown.len() + 8);
    let mut at = 0;
    for range in kept {
        if range.start < at {
            continue;
        }
        escape_lone_backslashes(&markdown[at..range.start], &mut out);
        out.push_str(&markdown[range.clone()]);
        at = range.end;
    }
    escape_lone_backslashes(&markdown[at..], &mut out);
    out
}

/// `markdown` with a blank line before each list that follows a line of text directly, which
/// CommonMark reads as a list and Python-Markdown as more of the paragraph (`* item` shown).
fn lists_set_apart(markdown: &str) -> String {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut depth = 0usize;
    let mut starts = Vec::new();
    for (event, range) in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .into_offset_iter()
    {
        match event {
            Event::Start(Tag::List(_)) => {
                // (a list in a quote or another list is left as it is)
                if depth == 0 {
                    let line_start = markdown[..range.start].rfind('\n').map_or(0, |at| at + 1);
                    let before = &markdown[..line_start];
                    if !before.is_empty() && !before.ends_with("\n\n") {
                        starts.push(line_start);
                    }
                }
                depth += 1;
            }
            Event::Start(Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let mut out = String::with_capacity(markdown.len() + starts.len());
    let mut at = 0;
    for start in starts {
        out.push_str(&markdown[at..start]);
        out.push('\n');
        at = start;
    }
    out.push_str(&markdown[at..]);
    out
}

fn escape_lone_backslashes(text: &str, out: &mut String) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<' {
            out.push('\\');
        }
        out.push(c);
        if c == '\\' {
            match chars.peek() {
                Some(&next) if next.is_ascii_punctuation() => {
                    out.push(next);
                    chars.next();
                }
                Some('\n') => {}
                _ => out.push('\\'),
            }
        }
    }
}

/// An escaped heading's text with an unescaped run of `#` at its end escaped too: Python-Markdown
/// (MkDocs) takes any such run for the heading's closing sequence, CommonMark only one after a
/// space (which [`md_escape`] escapes already).
pub fn heading_end_safe(escaped: &str) -> String {
    let body = escaped.trim_end_matches('#');
    let run = escaped.len() - body.len();
    // an odd number of backslashes before the run escapes its first `#` already
    let backslashes = body.len() - body.trim_end_matches('\\').len();
    if run == 0 || (backslashes % 2 == 1 && run == 1) {
        return escaped.to_string();
    }
    let (body, first) = if backslashes % 2 == 1 {
        (&escaped[..body.len() + 1], 1)
    } else {
        (body, 0)
    };
    let mut out = body.to_string();
    for _ in first..run {
        out.push_str("\\#");
    }
    out
}

/// Where `markdown` has code spans and code blocks, as CommonMark reads it.
pub(crate) fn code_ranges(markdown: &str) -> Vec<std::ops::Range<usize>> {
    use pulldown_cmark::{Event, Tag};
    Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .into_offset_iter()
    .filter(|(event, _)| matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_))))
    .map(|(_, range)| range)
    .collect()
}

/// Whether the text after an `&` reads as an HTML entity or character reference (`amp;`, `#38;`).
fn starts_entity(rest: &[char]) -> bool {
    let name_len = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name_len > 0 && rest.get(name_len) == Some(&';')
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Event;

    /// The text a Markdown renderer shows for `markdown` (one paragraph).
    fn rendered_text(markdown: &str) -> String {
        let mut text = String::new();
        for event in Parser::new_ext(
            markdown,
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        ) {
            match event {
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                Event::SoftBreak => text.push('\n'),
                _ => {}
            }
        }
        text
    }

    #[test]
    fn unescaping_reads_back_what_was_escaped() {
        for text in [
            r"client_credentials \\ [a] `b` *c* ~d~",
            "# 1. - + > &amp; <b> {{var}}",
            r"C:\dir\_x",
            "",
        ] {
            assert_eq!(md_unescape(&md_escape(text)), text);
        }
        assert_eq!(
            md_unescape(r"Get client\_credentials"),
            "Get client_credentials"
        );
    }

    proptest::proptest! {
        #[test]
        fn unescaping_inverts_escaping(text in "\\PC*") {
            proptest::prop_assert_eq!(md_unescape(&md_escape(&text)), text);
        }
    }

    #[test]
    fn lone_backslashes_are_escaped_for_escapeall() {
        assert_eq!(escapeall_safe(r"a\ b \* c\d `\x`"), r"a\\ b \* c\\d `\x`");
        assert_eq!(escapeall_safe("end\\\nnext"), "end\\\nnext");
        // a list right after a line of text: set apart, as Python-Markdown needs it; one in a
        // quote, or after a blank line, as it is
        assert_eq!(
            escapeall_safe("Fields:\n* a\n* b\n\nText.\n\n- c\n> q:\n> - d\n"),
            "Fields:\n\n* a\n* b\n\nText.\n\n- c\n> q:\n> - d\n"
        );
        assert_eq!(
            escapeall_safe("<B,Jd > <b>x</b> <https://e.example>"),
            r"\<B,Jd > <b>x</b> <https://e.example>"
        );
    }

    #[test]
    fn trailing_hashes_are_escaped_for_python_markdown() {
        assert_eq!(heading_end_safe("T P#"), r"T P\#");
        assert_eq!(heading_end_safe(r"T P \#"), r"T P \#");
        assert_eq!(heading_end_safe(r"C\##"), r"C\#\#");
        assert_eq!(heading_end_safe(r"a\\#"), r"a\\\#");
        assert_eq!(heading_end_safe("C# SDK"), "C# SDK");
    }

    #[test]
    fn fence_titles_are_checked() {
        assert_eq!(fence_title("C# (.NET)").unwrap(), "C# (.NET)");
        assert!(fence_title("a`b").is_err());
        assert!(fence_title("a\nb").is_err());
    }

    #[test]
    fn house_escapes() {
        assert_eq!(
            md_escape("Token Admin App (client_credentials)"),
            r"Token Admin App (client\_credentials)"
        );
        assert_eq!(md_escape("{{authCode}}"), "{{authCode}}");
        assert_eq!(
            md_table_cell("https://www.google.com"),
            "<https://www.google.com>"
        );
        assert_eq!(md_table_cell("a|b"), r"a\|b");
    }

    #[test]
    fn escaped_text_renders_as_itself() {
        let nasty = [
            "a_b*c*`d`[e](f) ~~g~~ \\h",
            "Q&A &amp; &#38; a < b <div> </x>",
            "#hash and C# and trailing ##",
            "C# SDK #",
            "caf\u{e9} \u{1F600} {{var}} $x",
            "1. not a list",
            "2) nor this",
            "- no item",
            "+ no item",
            "> no quote",
            "-1 is fine",
        ];
        for s in nasty {
            let escaped = md_escape(s);
            assert_eq!(rendered_text(&escaped), s, "escaped as {escaped}");
        }
    }
}
