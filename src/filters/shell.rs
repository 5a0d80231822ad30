//! POSIX shell words, for the cURL sample.

use super::lost_on_a_page;

/// `s` as one shell word, single-quoted: nothing inside single quotes is special to the shell, so
/// the only character to handle is `'` itself, written `'\''` (close, escaped quote, reopen). A
/// carriage return or another control character a page would lose is written through `printf`
/// (`'a'"$(printf '\015')"'b'`), so that the word a reader copies is still the same bytes.
pub fn shell_quote(s: &str) -> String {
    if !s.chars().any(lost_on_a_page) {
        return single_quoted(s);
    }
    // a carriage return or another control character a page would lose, as the POSIX shell's
    // `printf` writes it, between single-quoted runs of the rest
    let mut out = String::new();
    let mut rest = s;
    while !rest.is_empty() {
        let text = rest.find(lost_on_a_page).unwrap_or(rest.len());
        if text > 0 {
            out.push_str(&single_quoted(&rest[..text]));
        }
        rest = &rest[text..];
        let controls = rest.find(|c| !lost_on_a_page(c)).unwrap_or(rest.len());
        if controls > 0 {
            out.push_str(&printf_word(&rest[..controls]));
        }
        rest = &rest[controls..];
    }
    out
}

/// `s` in single quotes, each `'` written `'\''`.
pub(crate) fn single_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    let mut pieces = s.split('\'');
    out.push_str(pieces.next().unwrap_or_default());
    for piece in pieces {
        out.push_str(r"'\''");
        out.push_str(piece);
    }
    out.push('\'');
    out
}

/// Control characters as a double-quoted command substitution, `"$(printf '\015')"`: octal
/// escapes, which every POSIX shell's `printf` reads, and no line feed, which the substitution
/// would drop at the end.
fn printf_word(controls: &str) -> String {
    format!("\"{}\"", printf_substitution(controls))
}

/// `$(printf '\015…')` for `controls`, for inside double quotes or as a word.
pub(crate) fn printf_substitution(controls: &str) -> String {
    let mut out = String::from("$(printf '");
    for byte in controls.bytes() {
        out.push_str(&format!("\\{byte:03o}"));
    }
    out.push_str("')");
    out
}

/// `s` as one shell word: as it is when no character of it is special to the shell (`PUT`,
/// `PROPFIND`), otherwise [`shell_quote`]d. For words the house style writes bare, such as the
/// method after `--request`.
pub fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '-' | '_' | '.' | '/' | ':' | ',' | '+' | '@' | '%' | '=')
        })
        && !s.starts_with(['=', '%']);
    if plain { s.to_string() } else { shell_quote(s) }
}

/// Whether curl must be told `--globoff` for this URL: curl reads `{a,b}` and `[1-9]` in a URL
/// as patterns to expand, which would mangle `{{variables}}` and brackets meant literally.
pub fn curl_needs_globoff(url: &str) -> bool {
    url.contains(['{', '}', '[', ']'])
}

/// Whether Linux refuses `s` as one argument of a command it starts: `execve` takes no argument
/// of 128 KiB or more, its closing NUL counted (`MAX_ARG_STRLEN`), and the shell then says
/// "Argument list too long". A shell's builtins (`printf`) start no command and take any length.
pub fn too_long_for_an_argument(s: &str) -> bool {
    s.len() >= MAX_ARGUMENT_BYTES
}

/// `MAX_ARG_STRLEN`: 32 pages of 4 KiB.
const MAX_ARGUMENT_BYTES: usize = 128 * 1024;

/// The argument of curl's `--form` for one part: `name="text"` or `name=@"path"`, with
/// `;type=…` when the part has a content type. Inside the double quotes curl reads `\\` and
/// `\"` as escapes, so a value is taken literally, `@` and `<` included (unquoted, they would
/// read a file).
pub fn curl_form(name: &str, value: &str, is_file: bool, content_type: Option<&str>) -> String {
    let quoted = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut arg = format!("{name}={}{}", if is_file { "@" } else { "" }, quoted(value));
    if let Some(content_type) = content_type {
        // unquoted: curl takes the rest of the argument, parameters included, and would send
        // quotes as part of the type
        arg.push_str(";type=");
        arg.push_str(content_type);
    }
    shell_quote(&arg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    #[test]
    fn arguments_of_128_kib_are_refused() {
        assert!(!too_long_for_an_argument(&"a".repeat(128 * 1024 - 1)));
        assert!(too_long_for_an_argument(&"a".repeat(128 * 1024)));
    }

    #[test]
    fn quotes_the_house_way() {
        assert_eq!(shell_quote("{{authPath}}/x"), "'{{authPath}}/x'");
        assert_eq!(shell_quote("O'Brien"), r"'O'\''Brien'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn words_are_quoted_only_when_needed() {
        assert_eq!(shell_word("PUT"), "PUT");
        assert_eq!(shell_word("M-SEARCH"), "M-SEARCH");
        assert_eq!(shell_word("X`ID`"), "'X`ID`'");
        assert_eq!(shell_word("M-'`$!#"), r"'M-'\''`$!#'");
        assert_eq!(shell_word("A|B&C"), "'A|B&C'");
        assert_eq!(shell_word("~X"), "'~X'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn form_parts() {
        assert_eq!(
            curl_form("name", "O'Brien \"x\"", false, None),
            r#"'name="O'\''Brien \"x\""'"#
        );
        assert_eq!(
            curl_form("meta", "{\"a\":1}", false, Some("application/json")),
            r#"'meta="{\"a\":1}";type=application/json'"#
        );
        assert_eq!(
            curl_form("file", "/path/to/report.pdf", true, None),
            r#"'file=@"/path/to/report.pdf"'"#
        );
        assert_eq!(
            curl_form("t", "@not-a-file", false, Some("text/plain; charset=utf-8")),
            r#"'t="@not-a-file";type=text/plain; charset=utf-8'"#
        );
    }

    #[test]
    fn the_shell_reads_back_the_same_bytes() {
        let nasty = [
            "",
            "it's \"quoted\"",
            "$HOME `id` $(id) \\ ! # * ? ~ [a] {b,c}",
            "line1\nline2\r\n\ttab",
            "\r\u{1}\u{7f}\u{85}x\r",
            "caf\u{e9} \u{1F600}",
            "'''",
        ];
        let methods = ["PUT", "X`ID`", "M-'`$!#", "A|B&C^*~", "$(ID)", "X#Y", "!!"];
        for s in nasty.iter().chain(&methods) {
            let script = format!("printf %s {}", shell_word(s));
            let out = Command::new("sh").arg("-c").arg(&script).output().unwrap();
            assert_eq!(
                String::from_utf8(out.stdout).unwrap(),
                *s,
                "script: {script}"
            );
        }
        for s in nasty {
            let script = format!("printf %s {}", shell_quote(s));
            let out = Command::new("sh").arg("-c").arg(&script).output().unwrap();
            assert_eq!(
                String::from_utf8(out.stdout).unwrap(),
                s,
                "script: {script}"
            );
        }
    }
}
