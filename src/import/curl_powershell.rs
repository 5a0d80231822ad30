//! curl command lines written for PowerShell (the PowerShell tabs of Windows documentation,
//! `curl.exe` with backtick continuations): split into commands and words as PowerShell parses a
//! native command's arguments, each word then passed to curl.exe as PowerShell passes it.
//!
//! - A backtick escapes the character after it (`` `n `` is a newline, `` `t `` a tab, and so on
//!   for PowerShell's other escapes), in double quotes and in unquoted words; a backtick ending a
//!   line joins it to the next (also with blanks after it, as pasted text often has them).
//! - Single quotes keep everything (`''` inside is one quote); double quotes expand variables
//!   (`""` and `` `" `` inside are one quote). PowerShell reads typographic quotes as quotes.
//! - `$env:NAME` and `${env:NAME}` become `{{NAME}}`, what the command reads from the
//!   environment, as `$NAME` of a POSIX command; a variable of the script (`$token`) becomes the
//!   variable `{{token}}`; `$(…)` stays as written.
//! - A newline, `;`, `|`, `&&` and `||` end a command; `>`, `>>` and `2>` take the next word as a
//!   redirection's target; a `#` starting a word comments out the rest of the line; `&` calling a
//!   program is left out; after `--%` the rest of the line goes to curl.exe as written.
//! - A word reaches curl.exe as PowerShell read it, with one exception. Windows PowerShell 5.1
//!   leaves a `\"` for curl.exe's C runtime, which reads it as `"`. Documentation writes JSON for
//!   it as `'{\"name\": \"x\"}'`, so a word holding `\"` is read that way (PowerShell 7.3 would
//!   pass the backslashes on, and such a command would send no JSON there).

use super::Command;
use super::cmd::{expand_percent, runtime_words};

/// Whether `text` is written for PowerShell rather than a POSIX shell: a line continued with a
/// backtick (a bash line would end in `\`; a backtick there would open a command substitution),
/// or `$env:NAME`, PowerShell's read of the environment.
pub fn is_powershell_style(text: &str) -> bool {
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if lines.peek().is_some() && line.trim_end().ends_with('`') {
            return true;
        }
    }
    let lower = text.to_ascii_lowercase();
    lower.match_indices("$env:").any(|(at, _)| {
        lower[at + 5..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
    })
}

fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}')
}

fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{201d}' | '\u{201e}')
}

/// The character a backtick followed by `c` stands for.
fn escaped(c: char) -> char {
    match c {
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        'e' => '\u{1b}',
        'f' => '\u{c}',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\u{b}',
        c => c,
    }
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// The word being read, and whether one has started (`''` is a word, an empty one).
#[derive(Default)]
struct Word {
    text: String,
    started: bool,
}

/// Splits a PowerShell text into commands and their words (see the module's documentation).
pub fn powershell_commands(text: &str) -> Result<Vec<Command>, String> {
    let mut commands = Vec::new();
    let mut command = Command::default();
    let mut word = Word::default();
    // the word after `>` is a redirection's target
    let mut redirection: Option<String> = None;
    let mut chars = text.chars().peekable();
    let end_word = |word: &mut Word, redirection: &mut Option<String>, command: &mut Command| {
        if std::mem::take(&mut word.started) {
            let text = passed_to_curl(std::mem::take(&mut word.text));
            match redirection.take() {
                Some(operator) => command.redirections.push(format!("{operator} {text}")),
                // `& curl.exe …`: the call operator runs the program that follows
                None if text == "&" && command.words.is_empty() => {}
                None => command.words.push(text),
            }
        }
    };
    let end_command = |command: &mut Command, commands: &mut Vec<Command>| {
        if !command.words.is_empty() || !command.redirections.is_empty() {
            commands.push(std::mem::take(command));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                if continues_line(&mut chars) {
                    continue;
                }
                word.started = true;
                word.text.extend(chars.next().map(escaped));
            }
            c if is_single_quote(c) => {
                word.started = true;
                loop {
                    match chars.next() {
                        Some(q) if is_single_quote(q) => {
                            match chars.next_if(|n| is_single_quote(*n)) {
                                Some(doubled) => word.text.push(doubled),
                                None => break,
                            }
                        }
                        Some(c) => word.text.push(c),
                        None => return Err("a single quote is never closed".into()),
                    }
                }
            }
            c if is_double_quote(c) => {
                word.started = true;
                loop {
                    match chars.next() {
                        Some(q) if is_double_quote(q) => {
                            match chars.next_if(|n| is_double_quote(*n)) {
                                Some(doubled) => word.text.push(doubled),
                                None => break,
                            }
                        }
                        Some('`') => match chars.next() {
                            Some(c) => word.text.push(escaped(c)),
                            None => return Err("a double quote is never closed".into()),
                        },
                        Some('$') => expand(&mut chars, &mut word.text, &mut command),
                        Some(c) => word.text.push(c),
                        None => return Err("a double quote is never closed".into()),
                    }
                }
            }
            '$' => {
                word.started = true;
                expand(&mut chars, &mut word.text, &mut command);
            }
            '#' if !word.started => while chars.next_if(|c| *c != '\n').is_some() {},
            '\n' | ';' | '|' => {
                end_word(&mut word, &mut redirection, &mut command);
                if c == '|' {
                    chars.next_if_eq(&'|');
                }
                redirection = None;
                end_command(&mut command, &mut commands);
            }
            '&' if chars.peek() == Some(&'&') => {
                chars.next();
                end_word(&mut word, &mut redirection, &mut command);
                redirection = None;
                end_command(&mut command, &mut commands);
            }
            '>' => {
                // `2>`, `*>`: the word so far names the stream
                if word.started
                    && !word.text.is_empty()
                    && word.text.chars().all(|c| c.is_ascii_digit() || c == '*')
                {
                    word = Word::default();
                }
                end_word(&mut word, &mut redirection, &mut command);
                let mut operator = String::from('>');
                operator.extend(chars.next_if_eq(&'>'));
                if chars.next_if_eq(&'&').is_some() {
                    // `2>&1` joins two streams and names no file
                    operator.push('&');
                    operator.extend(std::iter::from_fn(|| chars.next_if(char::is_ascii_digit)));
                    command.redirections.push(operator);
                } else {
                    redirection = Some(operator);
                }
            }
            c if c.is_whitespace() => {
                end_word(&mut word, &mut redirection, &mut command);
                // `--%`: PowerShell stops parsing; the rest of the line reaches curl.exe as the
                // C runtime splits it, `%NAME%` read from the environment
                if command.words.last().is_some_and(|w| w == "--%") {
                    command.words.pop();
                    let line: String =
                        std::iter::from_fn(|| chars.next_if(|c| *c != '\n')).collect();
                    let (line, names) = expand_percent(&line);
                    command.words.extend(runtime_words(&line)?);
                    for name in names {
                        if !command.expanded.contains(&name) {
                            command.expanded.push(name);
                        }
                    }
                }
            }
            c => {
                word.started = true;
                word.text.push(c);
            }
        }
    }
    end_word(&mut word, &mut redirection, &mut command);
    end_command(&mut command, &mut commands);
    Ok(commands)
}

/// After a backtick: whether only blanks follow it up to the line's end, which joins the line to
/// the next (the blanks and the line break are then taken).
fn continues_line(chars: &mut Chars) -> bool {
    let mut ahead = chars.clone();
    while ahead.next_if(|c| matches!(c, ' ' | '\t' | '\r')).is_some() {}
    match ahead.next() {
        Some('\n') | None => {
            *chars = ahead;
            true
        }
        Some(_) => false,
    }
}

/// After a `$` PowerShell expands: `env:NAME` or `{env:NAME}` is written `{{NAME}}` into `word`
/// and its name added to the command's `expanded` (once); a script's variable (`name`,
/// `{name}`, `script:name`) is written `{{name}}`; `$null` is nothing. Anything else is kept as
/// written, the `$` included (a `$(…)` is recorded as substituted).
fn expand(chars: &mut Chars, word: &mut String, command: &mut Command) {
    if chars.peek() == Some(&'(') {
        // kept as written, up to its closing parenthesis
        let mut ahead = chars.clone();
        let mut text = String::from('$');
        let mut depth = 0usize;
        for c in ahead.by_ref() {
            text.push(c);
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                break;
            }
        }
        if depth == 0 {
            *chars = ahead;
            word.push_str(&text);
            command.substituted.push(text);
        } else {
            word.push('$');
        }
        return;
    }
    let is_name = |c: &char| c.is_ascii_alphanumeric() || *c == '_';
    let name: String = if chars.peek() == Some(&'{') {
        let mut ahead = chars.clone();
        ahead.next();
        let inside: String = std::iter::from_fn(|| ahead.next_if(|c| *c != '}')).collect();
        if ahead.next() != Some('}') || inside.is_empty() {
            word.push('$');
            return;
        }
        *chars = ahead;
        inside
    } else {
        let mut name: String = std::iter::from_fn(|| chars.next_if(is_name)).collect();
        // a scope or drive before the name: `env:NAME`, `script:name`
        if !name.is_empty() && chars.peek() == Some(&':') {
            let mut ahead = chars.clone();
            ahead.next();
            if ahead.peek().is_some_and(is_name) {
                name.push(':');
                name.extend(std::iter::from_fn(|| ahead.next_if(is_name)));
                *chars = ahead;
            }
        }
        name
    };
    if name.is_empty() {
        word.push('$');
        return;
    }
    let (scope, bare) = match name.split_once(':') {
        Some((scope, bare)) => (scope.to_ascii_lowercase(), bare),
        None => (String::new(), name.as_str()),
    };
    if scope.is_empty() && bare.eq_ignore_ascii_case("null") {
        return;
    }
    word.push_str("{{");
    word.push_str(bare);
    word.push_str("}}");
    if scope == "env" && !command.expanded.iter().any(|n| n == bare) {
        command.expanded.push(bare.to_string());
    }
}

/// A word as curl.exe receives it: as read, but for a `\"` in it, which Windows PowerShell 5.1
/// leaves for the C runtime to read as `"` (see the module's documentation). PowerShell 5.1
/// quotes a word holding a blank, which the C runtime then reads as one word.
fn passed_to_curl(word: String) -> String {
    if !word.contains("\\\"") {
        return word;
    }
    let line = if word.contains([' ', '\t']) {
        format!("\"{word}\"")
    } else {
        word.clone()
    };
    match runtime_words(&line) {
        Ok(mut words) if words.len() == 1 => words.remove(0),
        _ => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<String>> {
        powershell_commands(text)
            .unwrap()
            .into_iter()
            .map(|command| command.words)
            .collect()
    }

    #[test]
    fn powershell_is_told_by_its_backticks_and_its_environment() {
        assert!(is_powershell_style(
            "curl.exe https://e.com `\n  -H \"a: b\""
        ));
        // blanks after the backtick, as pasted text has them
        assert!(is_powershell_style(
            "curl.exe https://e.com ` \r\n  -H \"a: b\""
        ));
        assert!(is_powershell_style(
            "curl.exe -H \"Authorization: Bearer $Env:TOKEN\" https://e.com"
        ));
        assert!(!is_powershell_style("curl 'https://e.com' \\\n  -H 'a: b'"));
        assert!(!is_powershell_style("curl https://e.com -d 'a`b'"));
        assert!(!is_powershell_style("curl https://e.com -d '$env'"));
    }

    #[test]
    fn a_documentation_command_for_windows_powershell() {
        let commands = powershell_commands(concat!(
            "curl.exe -X POST \"$env:ENDPOINT/v1/items?a=1&b=2\" `\n",
            "  -H \"Content-Type: application/json\" `  \n",
            "  -H \"api-key: ${env:API_KEY}\" `\n",
            "  -d '{\\\"name\\\": \\\"a b\\\", \\\"n\\\": 1}' | ConvertFrom-Json\n",
        ))
        .unwrap();
        assert_eq!(commands.len(), 2);
        assert_eq!(
            commands[0].words,
            [
                "curl.exe",
                "-X",
                "POST",
                "{{ENDPOINT}}/v1/items?a=1&b=2",
                "-H",
                "Content-Type: application/json",
                "-H",
                "api-key: {{API_KEY}}",
                "-d",
                "{\"name\": \"a b\", \"n\": 1}",
            ]
        );
        assert_eq!(commands[0].expanded, ["ENDPOINT", "API_KEY"]);
        assert_eq!(commands[1].words, ["ConvertFrom-Json"]);
    }

    #[test]
    fn quotes_and_escapes_read_as_powershell_reads_them() {
        assert_eq!(
            words(
                "& curl.exe 'it''s' \"say \"\"hi\"\" `\"x`\"\" a`tb `$c \u{201c}d\u{201d} \u{2018}e\u{2019} ''"
            ),
            [[
                "curl.exe",
                "it's",
                "say \"hi\" \"x\"",
                "a\tb",
                "$c",
                "d",
                "e",
                ""
            ]]
        );
        // a backslash is no escape to PowerShell: in double quotes, `\"` ends the string
        assert_eq!(words(r#"curl "a\" b"#), [["curl", "a\\", "b"]]);
        // single quotes keep `$` and backticks
        assert_eq!(words("curl '$env:X `n'"), [["curl", "$env:X `n"]]);
        assert!(powershell_commands("curl 'open").is_err());
        assert!(powershell_commands("curl \"open").is_err());
    }

    #[test]
    fn variables_of_the_script_and_of_the_environment() {
        let commands = powershell_commands(
            "curl.exe -H \"Authorization: Bearer $token\" -H \"X-Key: $env:KEY\" \"$($base)/x\" $null",
        )
        .unwrap();
        assert_eq!(
            commands[0].words,
            [
                "curl.exe",
                "-H",
                "Authorization: Bearer {{token}}",
                "-H",
                "X-Key: {{KEY}}",
                "$($base)/x",
                ""
            ]
        );
        assert_eq!(commands[0].expanded, ["KEY"]);
        assert_eq!(commands[0].substituted, ["$($base)"]);
    }

    #[test]
    fn commands_end_and_redirections_are_kept_apart() {
        let commands = powershell_commands(
            "curl.exe https://e.com/a > out.json 2>&1; curl.exe https://e.com/b # a comment\n# another\ncurl.exe https://e.com/c && echo ok",
        )
        .unwrap();
        let words: Vec<&[String]> = commands.iter().map(|c| c.words.as_slice()).collect();
        assert_eq!(
            words,
            [
                &["curl.exe", "https://e.com/a"][..],
                &["curl.exe", "https://e.com/b"],
                &["curl.exe", "https://e.com/c"],
                &["echo", "ok"],
            ]
        );
        assert_eq!(commands[0].redirections, ["> out.json", ">&1"]);
    }

    proptest::proptest! {
        // what the PowerShell samples write as a string literal reads back as the same word,
        // across backtick continuations
        #[test]
        fn single_quoted_literals_read_back_as_written(
            written in proptest::collection::vec("[a-z $`'\"\u{2018}\u{2019}\u{201c}\\\n\t#;|&><{}()%-]{0,12}", 1..5),
        ) {
            // a `\"` is read as Windows PowerShell 5.1 passes it (see `passed_to_curl`)
            let words: Vec<String> =
                written.into_iter().filter(|w| !w.contains("\\\"")).collect();
            let quoted: Vec<String> = words
                .iter()
                .map(|w| crate::filters::powershell::powershell_string(w))
                .collect();
            let text = format!("curl.exe {}", quoted.join(" `\n  "));
            let read = powershell_commands(&text).unwrap();
            let mut expected = vec!["curl.exe".to_string()];
            expected.extend(words);
            proptest::prop_assert_eq!(read.len(), 1);
            proptest::prop_assert_eq!(&read[0].words, &expected);
        }

        #[test]
        fn any_text_is_split_or_refused_without_a_panic(text in "(?s).{0,80}") {
            let _ = powershell_commands(&text);
            let _ = is_powershell_style(&text);
        }
    }

    #[test]
    fn after_stop_parsing_the_line_goes_to_the_c_runtime() {
        let commands = powershell_commands(
            "curl.exe --% -H \"a: %KEY%\" -d {\"x\":1} https://e.com\ncurl.exe b",
        )
        .unwrap();
        assert_eq!(
            commands[0].words,
            [
                "curl.exe",
                "-H",
                "a: {{KEY}}",
                "-d",
                "{x:1}",
                "https://e.com"
            ]
        );
        assert_eq!(commands[0].expanded, ["KEY"]);
        assert_eq!(commands[1].words, ["curl.exe", "b"]);
    }
}
