//! Markdown text for the page: inline text that renders as exactly the characters given.

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
    use pulldown_cmark::{Event, Options, Parser};

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
