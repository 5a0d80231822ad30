//! PowerShell string literals, for the Invoke-RestMethod and Invoke-WebRequest samples.

use crate::sample_values::{Piece, pieces};

/// The characters PowerShell reads as a single quote: `'` and the typographic ‘ ’ ‚ ‛, any of
/// which ends a single-quoted string unless doubled.
pub fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}')
}

/// Whether PowerShell's single-quoted string can hold `c` as written: a line feed or tab
/// can; another control character (a CR a checkout may rewrite, a NUL) is joined as `[char]0x…`.
fn is_literal(c: char) -> bool {
    !c.is_control() || c == '\n' || c == '\t'
}

/// A PowerShell single-quoted string `'…'`, which expands nothing (`$`, `` ` `` stay text): each
/// quote character is doubled. Other control characters than LF and tab are joined in as
/// `[char]0x…`, the whole then in parentheses so that it is one argument anywhere.
pub fn powershell_string(s: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::from("'");
    for c in s.chars() {
        if is_literal(c) {
            if is_single_quote(c) {
                current.push(c);
            }
            current.push(c);
        } else {
            if current.len() > 1 || parts.is_empty() {
                // a string first, so that `+` joins strings and not characters
                current.push('\'');
                parts.push(std::mem::take(&mut current));
            }
            current = String::from("'");
            parts.push(format!("[char]0x{:02X}", c as u32));
        }
    }
    if current.len() > 1 || parts.is_empty() {
        current.push('\'');
        parts.push(current);
    }
    join(parts)
}

fn join(parts: Vec<String>) -> String {
    if parts.len() == 1 {
        parts.into_iter().next().unwrap_or_default()
    } else {
        format!("({})", parts.join(" + "))
    }
}

/// `powershell_string`, each secret read as `$env:NAME`.
pub fn powershell_value(s: &str) -> String {
    let pieces = pieces(s);
    if !pieces.iter().any(|p| matches!(p, Piece::Secret(_))) {
        return powershell_string(s);
    }
    let mut parts = Vec::new();
    for piece in &pieces {
        match piece {
            Piece::Text(text) => parts.push(powershell_string(text)),
            // a string: `+` after it joins strings
            Piece::Secret(env) => parts.push(format!("$env:{env}")),
        }
    }
    join(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads a PowerShell expression of single-quoted strings and `[char]0x…` joined by ` + `
    /// (in parentheses when there are several) back as PowerShell does.
    fn decode(expression: &str) -> String {
        let inner = match expression.strip_prefix('(') {
            Some(rest) => rest.strip_suffix(')').expect("closed"),
            None => expression,
        };
        let chars: Vec<char> = inner.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        let mut first = true;
        while i < chars.len() {
            if !first {
                assert_eq!(&chars[i..i + 3], &[' ', '+', ' '], "in {expression:?}");
                i += 3;
            }
            if chars[i..].starts_with(&['[', 'c', 'h', 'a', 'r', ']', '0', 'x']) {
                assert!(!first, "a [char] first adds numbers: {expression:?}");
                i += 8;
                let digits: String = chars[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_hexdigit())
                    .collect();
                i += digits.len();
                out.push(char::from_u32(u32::from_str_radix(&digits, 16).unwrap()).unwrap());
            } else {
                assert!(is_single_quote(chars[i]), "in {expression:?}");
                i += 1;
                loop {
                    let c = chars[i];
                    assert!(c == '\n' || c == '\t' || !c.is_control(), "raw {c:?}");
                    if is_single_quote(c) {
                        if chars.get(i + 1).copied().is_some_and(is_single_quote) {
                            // PowerShell keeps the second of the two
                            out.push(chars[i + 1]);
                            i += 2;
                            continue;
                        }
                        i += 1;
                        break;
                    }
                    out.push(c);
                    i += 1;
                }
            }
            first = false;
        }
        out
    }

    #[test]
    fn literals() {
        assert_eq!(powershell_string("it's $x `n"), "'it''s $x `n'");
        assert_eq!(powershell_string("‘a’‚b‛"), "'‘‘a’’‚‚b‛‛'");
        assert_eq!(powershell_string(""), "''");
        assert_eq!(powershell_string("a\r\nb"), "('a' + [char]0x0D + '\nb')");
        assert_eq!(powershell_string("\u{0}"), "('' + [char]0x00)");
        assert_eq!(
            powershell_string("\u{1b}\u{1b}x"),
            "('' + [char]0x1B + [char]0x1B + 'x')"
        );
    }

    #[test]
    fn secrets_read_the_environment() {
        use crate::sample_values::marker;
        assert_eq!(
            powershell_value(&format!("Bearer {}", marker("K"))),
            "('Bearer ' + $env:K)"
        );
        assert_eq!(powershell_value(&marker("K")), "$env:K");
        assert_eq!(powershell_value("it's"), "'it''s'");
    }

    proptest! {
        #[test]
        fn powershell_string_reads_back(s in any::<String>()) {
            prop_assert_eq!(decode(&powershell_string(&s)), s);
        }

        #[test]
        fn powershell_string_reads_back_quotes(s in "['‘’‚‛\r\n\t\\x00-\\x1fa$`\"“”]{0,20}") {
            prop_assert_eq!(decode(&powershell_string(&s)), s);
        }
    }

    // PowerShell reads the literals back (where it is installed: it is not, from this project's
    // registries)
    #[test]
    fn powershell_reads_the_literals_back() {
        if crate::targets::run::need(&["pwsh"]).is_err() {
            println!("SKIPPED: PowerShell (pwsh) is not installed");
            return;
        }
        let texts = ["it's ‘q’ $HOME `n", "a\r\nb\u{0}c\u{1b}", "‚‛\t\n"];
        for text in texts {
            let output = std::process::Command::new("pwsh")
                .args(["-NoProfile", "-Command"])
                .arg(format!(
                    "[Console]::Out.Write([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes({})))",
                    powershell_string(text)
                ))
                .output()
                .unwrap();
            assert!(output.status.success(), "{output:?}");
            use base64::Engine;
            let expected = base64::engine::general_purpose::STANDARD.encode(text);
            assert_eq!(String::from_utf8_lossy(&output.stdout), expected);
        }
    }
}
