//! Commands a word processor or a blog engine has set in type: `“…”` and `‘…’` where the writer
//! typed `"…"` and `'…'`, `–X` and `—data` where they typed `-X` and `--data`. Read back as the
//! ASCII command the writer meant; text inside ASCII quotes is the writer's own and stays.

/// What a typographic character stood for in the command as typed.
fn ascii_quote(c: char) -> Option<char> {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' => Some('"'),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => Some('\''),
        _ => None,
    }
}

/// Hyphens and dashes a text engine puts in place of `-` (`--` becomes an en or em dash), and the
/// full-width hyphen-minus of CJK input methods.
fn is_typographic_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Whether the shell ends a word at `c`.
fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, ';' | '|' | '&' | '(' | ')' | '<' | '>')
}

/// `text` as typed, when its shell words (outside ASCII quotes) start with typographic quotes or
/// with dashes before a curl option's name; `None` when there are none, so that a command that
/// means its typographic characters keeps them. `option_dashes` gives the ASCII dashes an option
/// name (what follows the dashes, up to a blank or `=`) takes: `--` for a long option, `-` when
/// its first letter is a short option, `None` when it is neither.
pub(super) fn as_typed(
    text: &str,
    option_dashes: impl Fn(&str) -> Option<&'static str>,
) -> Option<String> {
    let (typed, left_open) = set_back(text, &option_dashes, true)?;
    if !left_open {
        return Some(typed);
    }
    // an ASCII quote the writer closed with a typographic one (`"password=x”`): then no quote
    // of the command was set apart from the rest
    Some(set_back(text, &option_dashes, false).map_or(typed, |(all, _)| all))
}

/// [`as_typed`], keeping the text inside ASCII quotes as written when `ascii_is_own`; and
/// whether a quote is left open at the end.
fn set_back(
    text: &str,
    option_dashes: &impl Fn(&str) -> Option<&'static str>,
    ascii_is_own: bool,
) -> Option<(String, bool)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    // the ASCII quote a region is in, and whether it was typed so (then it is the writer's own)
    let mut quote: Option<(char, bool)> = None;
    // a typed `$'…'` region, in which `\'` is a quote, not its end
    let mut ansi_c = false;
    let mut at_word_start = true;
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        index += 1;
        let apostrophe = c == '\u{2019}'
            && index >= 2
            && chars[index - 2].is_alphanumeric()
            && chars.get(index).is_some_and(|next| next.is_alphanumeric());
        match quote {
            Some((open, true)) => {
                out.push(c);
                if c == open {
                    quote = None;
                } else if c == '\\' && (open == '"' || ansi_c) && index < chars.len() {
                    out.push(chars[index]);
                    index += 1;
                }
                continue;
            }
            Some((open, false)) => {
                // inside a set region every typographic quote was typed as ASCII too; `’`
                // between letters is an apostrophe, which no quote was
                match ascii_quote(c) {
                    Some(ascii) if !apostrophe => {
                        out.push(ascii);
                        if ascii == open {
                            quote = None;
                        }
                    }
                    _ => {
                        out.push(c);
                        if c == open {
                            quote = None;
                        }
                    }
                }
                continue;
            }
            None => {}
        }
        let word_start = at_word_start;
        at_word_start = ends_word(c);
        match c {
            '\\' => {
                out.push(c);
                if let Some(&next) = chars.get(index) {
                    out.push(next);
                    index += 1;
                }
            }
            '\'' | '"' => {
                ansi_c = c == '\'' && out.ends_with('$');
                out.push(c);
                quote = Some((c, ascii_is_own));
            }
            c if !apostrophe && let Some(ascii) = ascii_quote(c) => {
                changed |= word_start;
                out.push(ascii);
                quote = Some((ascii, false));
            }
            c if word_start && (is_typographic_dash(c) || c == '-') => {
                let dashes = chars[index - 1..]
                    .iter()
                    .take_while(|&&c| c == '-' || is_typographic_dash(c))
                    .count();
                let rest = &chars[index - 1 + dashes..];
                let name: String = rest
                    .iter()
                    .take_while(|&&c| !ends_word(c) && c != '=' && ascii_quote(c).is_none())
                    .collect();
                let typographic = chars[index - 1..index - 1 + dashes]
                    .iter()
                    .any(|&c| is_typographic_dash(c));
                match option_dashes(&name).filter(|_| typographic) {
                    Some(ascii) => {
                        changed = true;
                        out.push_str(ascii);
                    }
                    None => out.extend(&chars[index - 1..index - 1 + dashes]),
                }
                index += dashes - 1;
            }
            _ => out.push(c),
        }
    }
    changed.then_some((out, quote.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dashes(name: &str) -> Option<&'static str> {
        match name {
            "data" | "data-binary" | "header" | "request" => Some("--"),
            _ if name.starts_with(['X', 'H', 'd', 'k', 's']) => Some("-"),
            _ => None,
        }
    }

    fn typed(text: &str) -> Option<String> {
        as_typed(text, dashes)
    }

    #[test]
    fn typographic_quotes_around_words_are_the_quotes_typed() {
        assert_eq!(
            typed("curl -H “Content-Type: application/json” -d ‘{“a”: “b”}’ http://x").as_deref(),
            Some(r#"curl -H "Content-Type: application/json" -d '{"a": "b"}' http://x"#)
        );
        // a closing mark on both sides, as some engines set it
        assert_eq!(
            typed("curl -H ”Accept: */*” http://x").as_deref(),
            Some(r#"curl -H "Accept: */*" http://x"#)
        );
    }

    #[test]
    fn dashes_before_an_option_name_are_the_hyphens_typed() {
        assert_eq!(
            typed("curl –X POST —data-binary @f –k http://x").as_deref(),
            Some("curl -X POST --data-binary @f -k http://x")
        );
        assert_eq!(
            typed("curl –data a=b http://x").as_deref(),
            Some("curl --data a=b http://x")
        );
        assert_eq!(
            typed("curl －X GET http://x").as_deref(),
            Some("curl -X GET http://x")
        );
        // a dash before no option's name is text
        assert_eq!(typed("curl -d –5 http://x"), None);
    }

    #[test]
    fn a_command_typed_in_ascii_keeps_its_typographic_text() {
        assert_eq!(typed(r#"curl -d '{"t": "“hi”"}' http://x"#), None);
        assert_eq!(typed("curl http://x/search?q=“hi”"), None);
        assert_eq!(typed("curl -d text=don’t http://x"), None);
        // in a command that was set in type, what the writer quoted in ASCII stays as written
        assert_eq!(
            typed(r#"curl –X POST -d '{"t": "“hi”"}' "a “b”" http://x"#).as_deref(),
            Some(r#"curl -X POST -d '{"t": "“hi”"}' "a “b”" http://x"#)
        );
    }

    #[test]
    fn an_ascii_quote_closed_by_a_typographic_one_is_read_so() {
        assert_eq!(
            typed("curl -d “a=b\" \\\n  -d \"c=d” http://x").as_deref(),
            Some("curl -d \"a=b\" \\\n  -d \"c=d\" http://x")
        );
    }

    #[test]
    fn an_apostrophe_between_letters_is_no_quote() {
        assert_eq!(
            typed("curl -d ‘{“text”: “don’t”}’ http://x").as_deref(),
            Some(r#"curl -d '{"text": "don’t"}' http://x"#)
        );
    }

    #[test]
    fn escapes_are_read_as_the_shell_reads_them() {
        assert_eq!(
            typed(r#"curl -d "a \" “b”" –X PUT \“c http://x"#).as_deref(),
            Some(r#"curl -d "a \" “b”" -X PUT \“c http://x"#)
        );
        assert_eq!(
            typed(r#"curl -d $'it\'s “a”' –X PUT http://x"#).as_deref(),
            Some(r#"curl -d $'it\'s “a”' -X PUT http://x"#)
        );
    }
}
