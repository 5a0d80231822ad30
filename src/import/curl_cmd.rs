//! curl command lines written for Windows' `cmd.exe` (Chrome's and Edge's "Copy as cURL (cmd)",
//! and commands in Windows documentation): split into commands and words as `cmd.exe` and then
//! the C runtime split them. `cmd.exe` takes `^` as its escape (`^"` a quote, `^` ending a line
//! joins it to the next), reads `%NAME%` from the environment (and `!NAME!` in a batch file that
//! turns on delayed expansion, where `%%` is one `%`) and ends a command at a newline,
//! `&`, `&&`, `|` and `||` outside quotes; the C runtime then splits the line into words at
//! blanks outside double quotes, with `\"` a quote and `""` inside quotes a quote.

use super::{Command, Stdin};

/// Whether `text` is written for `cmd.exe` rather than a POSIX shell: a line continued with a
/// `^` (a bash line would end in `\`), or a `^"` outside what a POSIX shell would single-quote,
/// which only `cmd.exe` reads as an escaped quote (`-d 'x=[^"]'` is a bash regular expression),
/// or a `%NAME%` variable in a text that has nothing of a POSIX shell's (no `'`, `$`, nor a `\`
/// but the `\"` that both read as a quote in a double-quoted word), as Microsoft's docs and
/// Windows instructions write a one-line command for the command prompt
/// (`-d "{\"key\":\"%API_KEY%\"}"`).
pub fn is_cmd_style(text: &str) -> bool {
    if !text.contains(['\'', '$'])
        && only_quotes_are_escaped(text)
        && reads_a_cmd_variable(text)
        && (!text.contains('\\') || cmd_sees_no_operator(text))
    {
        return true;
    }
    // Windows' own `curl.exe` given a Windows path (`@docs\examples\a.json`), which neither
    // `cmd.exe` nor PowerShell reads as escapes, where bash would drop each `\`
    if !text.contains(['\'', '$', '`']) && runs_curl_exe(text) && has_windows_path(text) {
        return true;
    }
    // `set TOKEN=abc`, then `%TOKEN%` (or `!TOKEN!` under delayed expansion): a batch file's
    // (bash's `set` takes no `NAME=value`)
    let delayed = delays_expansion(text);
    if text
        .lines()
        .filter_map(|line| set_assignment(line.trim_end_matches('\r')))
        .any(|(name, _)| {
            text.contains(&format!("%{name}%")) || (delayed && text.contains(&format!("!{name}!")))
        })
    {
        return true;
    }
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if lines.peek().is_some() && line.trim_end().ends_with('^') {
            return true;
        }
    }
    let mut single_quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => single_quoted = !single_quoted,
            '^' if !single_quoted && chars.peek() == Some(&'"') => return true,
            _ => {}
        }
    }
    false
}

/// Whether every `\` of `text` escapes a `"`: the one escape a POSIX shell's double-quoted word
/// and the C runtime's reading of a `cmd.exe` command line share, so that the two read the words
/// alike (no line continued with `\`, no other escape).
fn only_quotes_are_escaped(text: &str) -> bool {
    text.match_indices('\\')
        .all(|(at, _)| text[at + 1..].starts_with('"'))
}

/// Whether `cmd.exe`, which takes every `"` for a quote (a `\"` too, which only the C runtime
/// reads as an escape), finds none of its operators and escapes (`&`, `|`, `<`, `>`, `^`) outside
/// quotes: then it passes each line on whole, as a POSIX shell would. A `&` between two escaped
/// quotes (`-d "{\"a\":\"x&y\"}"`) would end the command there in `cmd.exe`, which is no reading
/// the writer meant.
fn cmd_sees_no_operator(text: &str) -> bool {
    let mut quoted = false;
    text.chars().all(|c| {
        if c == '"' {
            quoted = !quoted;
        }
        quoted || !matches!(c, '&' | '|' | '<' | '>' | '^')
    })
}

/// Whether a line runs `curl.exe` (any case), as Windows' own curl is called.
fn runs_curl_exe(text: &str) -> bool {
    text.lines().any(|line| {
        line.split_whitespace()
            .next()
            .is_some_and(|program| program.eq_ignore_ascii_case("curl.exe"))
    })
}

/// Whether a word holds a `\` between two letters, digits or dots, as a Windows path has them
/// (`docs\examples\a.json`, `C:\data\b.txt`), not a line's continuation or an escaped quote.
fn has_windows_path(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(3).any(|around| {
        let part = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | ':');
        around[1] == '\\' && part(around[0]) && part(around[2])
    })
}

/// Whether a batch file turns on `cmd.exe`'s delayed expansion (`setlocal
/// enabledelayedexpansion`), under which `!NAME!` reads a variable as `%NAME%` does, when the
/// command runs rather than when its line is read.
fn delays_expansion(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim().trim_start_matches('@').to_ascii_lowercase();
        line.starts_with("setlocal") && line.contains("enabledelayedexpansion")
    })
}

/// `cmd.exe`'s `set NAME=value` (the value everything after the `=`, as `cmd.exe` keeps it) or
/// `set "NAME=value"` (the value up to the last quote): the name and the value. `None` for any
/// other use of `set` (`set /a` arithmetic, `set /p` a prompt's answer, a listing) and for a
/// name that is no environment variable's as samplegen names them.
fn set_assignment(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_start().trim_start_matches('@');
    let keyword = line.get(..3)?;
    let rest = line[3..].strip_prefix([' ', '\t'])?.trim_start();
    if !keyword.eq_ignore_ascii_case("set") {
        return None;
    }
    let assignment = match rest.strip_prefix('"') {
        Some(quoted) => &quoted[..quoted.rfind('"')?],
        None => rest,
    };
    let (name, value) = assignment.split_once('=')?;
    crate::sample_values::is_env_name(name).then_some((name, value))
}

/// Whether `value` holds what [`expand_percent`] keeps as written: a part of a variable or a
/// replacement in it (`%dt:~0,4%`), which samplegen cannot evaluate, so that the value is not
/// known as text.
fn edits_a_variable(value: &str) -> bool {
    value.split('%').skip(1).any(|after| {
        after
            .split_once(':')
            .is_some_and(|(name, _)| crate::sample_values::is_env_name(name))
    })
}

/// Whether `text` holds a `%NAME%` that only reads as `cmd.exe`'s variable: a name of three or
/// more letters, digits and `_` that does not start with two hex digits (`%C3%A9` and `%ABC%`
/// may be a URL's percent-encoding).
fn reads_a_cmd_variable(text: &str) -> bool {
    let pieces: Vec<&str> = text.split('%').collect();
    // the pieces with a `%` on either side
    let enclosed = &pieces[1.min(pieces.len())..pieces.len().saturating_sub(1).max(1)];
    enclosed.iter().any(|name| {
        name.len() >= 3
            && name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.chars().take(2).all(|c| c.is_ascii_hexdigit())
    })
}

/// A command that continues its lines with `^`, as cmd.exe does, but quotes with `'`, as a POSIX
/// shell does (Reqable's "cURL (Windows)" export, Windows instructions written from a bash
/// command): cmd.exe would pass the quotes on to curl, which then has a URL `'https://…'` and
/// a header per word of `-H 'Accept: */*'`, and sends nothing of what the writer meant. The
/// text with each `^` continuation written as bash's `\`, to be read as bash reads it; `None`
/// when the command quotes no word with `'`, or escapes anything with `^` besides line ends
/// (then it is cmd.exe's through and through).
pub fn posix_quoted_with_carets(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut joined = String::with_capacity(text.len());
    let mut continued = false;
    for (index, line) in lines.iter().enumerate() {
        let last = index + 1 == lines.len();
        match line.trim_end().strip_suffix('^') {
            Some(head) if !last => {
                joined.push_str(head);
                joined.push_str("\\\n");
                continued = true;
            }
            _ => {
                joined.push_str(line);
                joined.push('\n');
            }
        }
    }
    let quotes_a_word = joined
        .split_whitespace()
        .any(|word| word.starts_with('\'') && word.len() > 1);
    (continued && quotes_a_word && !joined.contains('^')).then_some(joined)
}

/// Whether a double-quoted word holds `""` where JSON puts a quote (`"{""id"":1,""n"":""x""}"`,
/// as Firefox's older "Copy as cURL (Windows)" and Windows documentation write JSON): the C
/// runtime (and PowerShell) read a quote there, where bash would close the quotes and open new
/// ones around nothing, sending `{id:1}`. Only where a `""` follows `{`, `[`, `,`, `:` or `=`, or
/// comes before `:`, `,`, `}` or `]`, and never in a text that expands a `$` variable outside
/// single quotes, which is bash's (`"Bearer ""$TOKEN"`). Single-quoted text is passed over as bash
/// reads it.
pub fn doubles_quotes(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut single = false;
    // where the double-quoted span open now starts
    let mut opened: Option<usize> = None;
    let mut found = false;
    let mut at = 0;
    while at < chars.len() {
        match chars[at] {
            '\'' if opened.is_none() => single = !single,
            '\\' if !single => at += 1,
            '$' if !single
                && chars
                    .get(at + 1)
                    .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '_' | '{' | '(')) =>
            {
                return false;
            }
            '"' if !single => match opened {
                None => opened = Some(at),
                Some(start) => {
                    let doubled = at > start + 1 && chars.get(at + 1) == Some(&'"');
                    let before = chars[at - 1];
                    let after = chars.get(at + 2).copied();
                    let json = matches!(before, '{' | '[' | ',' | ':' | '=')
                        || matches!(after, Some(':' | ',' | '}' | ']'));
                    if doubled && json && after.is_some_and(|c| !c.is_whitespace()) {
                        found = true;
                        // still inside the same word: the quote after the pair goes on with it
                        at += 2;
                        continue;
                    }
                    opened = None;
                }
            },
            _ => {}
        }
        at += 1;
    }
    found
}

/// Splits a `cmd.exe` text into commands and their words (see the module's documentation).
/// `%NAME%` becomes the variable `{{NAME}}`, as `$NAME` does in a POSIX command.
pub fn cmd_commands(text: &str) -> Result<Vec<Command>, String> {
    // cmd.exe expands `%NAME%` before it reads carets: `%^NAME%` (as Chrome writes a `%` before
    // a letter) is no variable
    // what the text sets is a variable even where its name is two hex digits (`set DD=02`)
    let set: Vec<String> = text
        .lines()
        .filter_map(|line| set_assignment(line).map(|(name, _)| name.to_ascii_uppercase()))
        .collect();
    let (text, mut names) = expand_delimited(text, '%', is_batch_file(text), &set);
    let text = if delays_expansion(&text) {
        let (text, delayed) = expand_delimited(&text, '!', false, &set);
        for name in delayed {
            super::shell::push_once(&mut names, name);
        }
        text
    } else {
        text
    };
    let mut commands = Vec::new();
    for (line, redirections) in command_lines(&text) {
        let expanded = names
            .iter()
            .filter(|name| line.contains(&format!("{{{{{name}}}}}")))
            .cloned()
            .collect();
        // `set NAME=value`, as a POSIX shell's `NAME=value`: one word, read with the commands
        // after it (see `with_assignments_read`, which takes from `expanded` what the value
        // reads)
        if redirections.is_empty()
            && let Some((name, value)) = set_assignment(&line)
            && !edits_a_variable(value)
        {
            commands.push(Command {
                words: vec![format!("{name}={value}")],
                expanded,
                ..Command::default()
            });
            continue;
        }
        let words = runtime_words(&line)?;
        if !words.is_empty() {
            let mut command = Command {
                words,
                expanded,
                ..Command::default()
            };
            for (operator, target) in redirections {
                if operator == "<" {
                    command.stdin = Some((Stdin::File(target.clone()), format!("< {target}")));
                } else {
                    let blank = if operator.ends_with('&') { "" } else { " " };
                    command
                        .redirections
                        .push(format!("{operator}{blank}{target}"));
                }
            }
            commands.push(command);
        }
    }
    Ok(commands)
}

/// `cmd.exe`'s first pass: carets removed (each escaping the character after it, outside
/// quotes), a caret ending a line joining it to the next (the next line's first character then
/// escaped, so that Chrome's `^` + two newlines is one newline in the text), and the text cut
/// into commands at newlines, `&` and `|` outside quotes. Quotes stay, for the C runtime. Each
/// command comes with its redirections (`> out.json`, `2>&1`, `< body.json`), which cmd.exe
/// takes out of the command line.
fn command_lines(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut redirections = Vec::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '>' | '<' if !quoted => {
                let mut operator = c.to_string();
                // `2>`: a handle number written right before
                let before = line.trim_end_matches(|c: char| c.is_ascii_digit());
                if line.len() - before.len() == 1 && before.ends_with([' ', '\t']) {
                    operator.insert_str(0, &line[before.len()..]);
                    line.truncate(before.len());
                }
                while let Some(next) = chars.next_if(|n| *n == '>' || (*n == '&' && c == '>')) {
                    operator.push(next);
                }
                let mut target = String::new();
                while chars.next_if(|n| *n == ' ' || *n == '\t').is_some() {}
                let mut in_quotes = false;
                while let Some(next) =
                    chars.next_if(|n| in_quotes || !(n.is_whitespace() || "&|<>".contains(*n)))
                {
                    if next == '"' {
                        in_quotes = !in_quotes;
                    } else {
                        target.push(next);
                    }
                }
                redirections.push((operator, target));
            }
            '"' => {
                quoted = !quoted;
                line.push(c);
            }
            '^' if !quoted => match chars.next() {
                Some('\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    escape_after_join(&mut chars, &mut line);
                }
                Some('\n') => escape_after_join(&mut chars, &mut line),
                Some(escaped) => line.push(escaped),
                None => {}
            },
            '\r' | '\n' => {
                // a newline inside quotes still ends the command in cmd.exe
                quoted = false;
                lines.push((std::mem::take(&mut line), std::mem::take(&mut redirections)));
            }
            '&' | '|' if !quoted => {
                while chars.peek() == Some(&c) {
                    chars.next();
                }
                lines.push((std::mem::take(&mut line), std::mem::take(&mut redirections)));
            }
            _ => line.push(c),
        }
    }
    lines.push((line, redirections));
    lines.retain(|(l, _)| !l.trim().is_empty());
    lines
}

/// After `^` and a newline, `cmd.exe` takes the next character as it is: a newline there stays
/// in the text (Chrome writes a newline of a value as `^`, newline, newline).
fn escape_after_join(chars: &mut std::iter::Peekable<std::str::Chars>, line: &mut String) {
    match chars.peek() {
        Some('\n') => {
            chars.next();
            line.push('\n');
        }
        Some('\r') => {
            chars.next();
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            line.push('\n');
        }
        _ => {}
    }
}

/// `%NAME%` as `{{NAME}}`, and the names in order, each once. A `%` not starting such a name
/// stays (`100%`, a percent-encoded `%20`).
pub(super) fn expand_percent(line: &str) -> (String, Vec<String>) {
    expand_delimited(line, '%', false, &[])
}

/// Whether `text` is a batch file's (`@echo off`, `setlocal`), where `%%` is one `%`: a
/// command typed at the prompt keeps both.
fn is_batch_file(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim().to_ascii_lowercase();
        line.starts_with("@echo off") || line.starts_with("setlocal")
    })
}

/// [`expand_percent`] with `mark` around a name: `%NAME%`, or `!NAME!` under delayed expansion;
/// in a `batch` file `%%` is one `%`. A name of two hex digits is a variable only when it is
/// one of those the text `set`s (upper case): else a URL's percent-escape (`%C3%A9`).
fn expand_delimited(line: &str, mark: char, batch: bool, set: &[String]) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut names: Vec<String> = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find(mark) {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        if batch && let Some(unescaped) = after.strip_prefix('%') {
            out.push('%');
            rest = unescaped;
            continue;
        }
        let name_end = after.find(mark);
        let name = name_end.map(|end| &after[..end]);
        // `%C3%A9` is a URL's percent-escapes, not the variable `C3`
        let escape = |name: &str| {
            name.len() == 2
                && name.bytes().all(|b| b.is_ascii_hexdigit())
                && !set.contains(&name.to_ascii_uppercase())
        };
        match name.filter(|name| crate::sample_values::is_env_name(name) && !escape(name)) {
            Some(name) => {
                out.push_str(&format!("{{{{{name}}}}}"));
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_string());
                }
                rest = &after[name.len() + 1..];
            }
            // `%URL:"=%`, the batch idiom that takes the quotes out of a value: the variable,
            // whose value a spec holds without quotes
            None if let Some(name) = name
                && let Some(variable) = name.strip_suffix(":\"=")
                && crate::sample_values::is_env_name(variable) =>
            {
                out.push_str(&format!("{{{{{variable}}}}}"));
                if !names.iter().any(|n| n == variable) {
                    names.push(variable.to_string());
                }
                rest = &after[name.len() + 1..];
            }
            // `%date:~0,2%`, `%PATH:a=b%`: part of a variable or a replacement in it, which
            // samplegen cannot evaluate; kept as written, whole (but for a quote in it, which
            // cmd.exe never sees as one), so that its closing `%` opens nothing
            None if let Some(name) = name
                && let Some((variable, _)) = name.split_once(':')
                && crate::sample_values::is_env_name(variable) =>
            {
                out.push(mark);
                out.push_str(&name.replace('"', ""));
                out.push(mark);
                rest = &after[name.len() + 1..];
            }
            None => {
                out.push(mark);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, names)
}

/// The C runtime's split of a command line into words: blanks separate words outside double
/// quotes; `2n` backslashes before a `"` are `n` backslashes and the quote opens or closes,
/// `2n + 1` are `n` and a literal `"`; other backslashes are themselves; `""` inside quotes is
/// a literal `"`.
pub(super) fn runtime_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' if !quoted => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\\' => {
                let mut count = 1;
                while chars.peek() == Some(&'\\') {
                    chars.next();
                    count += 1;
                }
                in_word = true;
                if chars.peek() == Some(&'"') {
                    word.push_str(&"\\".repeat(count / 2));
                    if count % 2 == 1 {
                        chars.next();
                        word.push('"');
                    }
                } else {
                    word.push_str(&"\\".repeat(count));
                }
            }
            '"' => {
                in_word = true;
                if quoted && chars.peek() == Some(&'"') {
                    chars.next();
                    word.push('"');
                } else {
                    quoted = !quoted;
                }
            }
            _ => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if quoted {
        return Err("a double quote is not closed".into());
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_quotes_inside_a_word_are_windows_quoting() {
        assert!(doubles_quotes(r#"curl.exe -d "{""id"":1}" u"#));
        assert!(doubles_quotes(r#"curl u --data-raw "{""a"":""b c""}""#));
        // bash's own uses: an empty argument, quotes closed and opened at a word's end, single
        // quotes, escaped quotes
        assert!(!doubles_quotes(r#"curl -H "X:" "" u"#));
        assert!(!doubles_quotes(r#"curl -d "a""" u"#));
        assert!(!doubles_quotes(r#"curl -d '{""id"":1}' u"#));
        assert!(!doubles_quotes(r#"curl -d "{\"a\":\"\"}" u"#));
        // bash's, with a variable or no JSON around the pair
        assert!(!doubles_quotes(r#"curl -H "X-Auth: Bearer ""$TOKEN" u"#));
        assert!(!doubles_quotes(r#"curl "$HOST""/x""#));
        assert!(!doubles_quotes(r#"curl "https://e.com/?a=1""&b=2""#));
    }

    fn words(text: &str) -> Vec<Vec<String>> {
        cmd_commands(text)
            .unwrap()
            .into_iter()
            .map(|command| command.words)
            .collect()
    }

    // a release script's `set URL=%URL:"=%`, the batch idiom that takes quotes out of a value
    #[test]
    fn a_replacement_of_quotes_in_a_variable_opens_no_quote() {
        assert_eq!(
            words("set URL=%URL:\"=%\r\ncurl -d \"a=1\" %URL%/b\r\ncurl %PATH:\"=x%\r\n"),
            [
                vec!["URL={{URL}}".to_string()],
                vec!["curl".into(), "-d".into(), "a=1".into(), "{{URL}}/b".into()],
                vec!["curl".into(), "%PATH:=x%".into()],
            ]
        );
    }

    #[test]
    fn caret_continuations_around_single_quotes_are_a_posix_command() {
        assert_eq!(
            posix_quoted_with_carets("curl -X POST 'https://e.com/a' ^\n-H 'A: \"b\"' ^\n-d '{}'")
                .as_deref(),
            Some("curl -X POST 'https://e.com/a' \\\n-H 'A: \"b\"' \\\n-d '{}'\n")
        );
        // cmd.exe's own: its escapes, or no single quotes, or no continuation
        assert_eq!(
            posix_quoted_with_carets("curl ^\"https://e.com^\" ^\n -d 'x'"),
            None
        );
        assert_eq!(
            posix_quoted_with_carets("curl \"https://e.com\" ^\n -H \"a: b\""),
            None
        );
        assert_eq!(posix_quoted_with_carets("curl 'https://e.com'"), None);
    }

    #[test]
    fn a_set_command_is_an_assignment_only_when_it_sets_a_name_to_a_text() {
        assert_eq!(set_assignment("set TOKEN=abc "), Some(("TOKEN", "abc ")));
        assert_eq!(set_assignment("@SET \"A=b c\" rest"), Some(("A", "b c")));
        assert_eq!(
            set_assignment("set URL=http://e.com/?a=b"),
            Some(("URL", "http://e.com/?a=b"))
        );
        assert_eq!(set_assignment("set /a N=1+1"), None);
        assert_eq!(set_assignment("set /p NAME=Name: "), None);
        assert_eq!(set_assignment("set"), None);
        assert_eq!(set_assignment("setx TOKEN abc"), None);
        assert_eq!(set_assignment("settings=1"), None);
        assert!(edits_a_variable("%dt:~0,4%"));
        assert!(edits_a_variable("x-%PATH:a=b%"));
        assert!(!edits_a_variable("100% sure: yes"));
        assert!(!edits_a_variable("{{A}}:{{B}}"));
        // a batch file that sets what its command reads
        assert!(is_cmd_style(
            "set TOKEN=abc\ncurl -H \"Authorization: Bearer %TOKEN%\" -d \"{\\\"a\\\":1}\" https://e.com"
        ));
        assert!(!is_cmd_style(
            "set -e\ncurl -d '{\"a\":1}' https://e.com/%TOKEN%"
        ));
    }

    #[test]
    fn curl_exe_with_a_windows_path_is_read_as_cmd() {
        assert!(is_cmd_style(
            "curl.exe -X POST --data-binary @docs\\examples\\a.json http://h/v"
        ));
        // bash's escapes, or curl without `.exe`: bash's reading
        assert!(!is_cmd_style("curl.exe -d 'a\\b' http://h/v"));
        assert!(!is_cmd_style("curl -d @docs\\a.json http://h/v"));
        assert!(!is_cmd_style("curl.exe http://h/v \\\n  -H \"A: b\""));
    }

    #[test]
    fn cmd_style_is_told_by_its_carets() {
        assert!(is_cmd_style("curl \"https://e.com\" ^\n  -H \"a: b\""));
        assert!(is_cmd_style("curl ^\"https://e.com^\""));
        assert!(!is_cmd_style("curl 'https://e.com' \\\n  -H 'a: b'"));
        // a caret in a value, on the last line, is no continuation
        assert!(!is_cmd_style("curl 'https://e.com/?q=a^b'"));
        // in single quotes, `^"` is a POSIX command's text
        assert!(!is_cmd_style(
            "curl -d 'x=[^\"]' https://e.com | sed 's/[^\"]//'"
        ));
        assert!(!is_cmd_style("curl https://e.com -d 'x^'"));
        // a one-line command of Microsoft's docs for the command prompt: its `%NAME%`
        assert!(is_cmd_style(
            "curl -d \"client_id=%CLIENT_ID%\" \"https://login.microsoftonline.com/%TENANT_ID%/token\""
        ));
        // with JSON whose quotes are escaped as both cmd.exe's C runtime and bash read them
        assert!(is_cmd_style(
            "curl -X POST https://e.com/v1 -H \"x-api-key: %API_KEY%\" -d \"{\\\"a\\\":1}\""
        ));
        // any other backslash is a POSIX shell's: a line continued, an escaped `$`
        assert!(!is_cmd_style(
            "curl -X POST https://e.com/%API_KEY% \\\n  -d \"{\\\"a\\\":1}\""
        ));
        assert!(!is_cmd_style("curl -d \"a=\\%PATH%\" https://e.com"));
        // a `&` that cmd.exe would take for the end of the command, between escaped quotes
        assert!(!is_cmd_style(
            "curl https://e.com -H \"Authorization: %AUTH%\" -d \"{\\\"a\\\":\\\"x&y\\\"}\""
        ));
        // percent-encoding, or a POSIX shell's quotes or variables around it, is no such sign
        assert!(!is_cmd_style("curl \"https://e.com/caf%C3%A9/%ABC%20x\""));
        assert!(!is_cmd_style("curl 'https://e.com/%TENANT_ID%'"));
        assert!(!is_cmd_style("curl \"https://e.com/$T/%TENANT_ID%\""));
    }

    // what Chrome's "Copy as cURL (cmd)" writes: every quote and every character cmd.exe might
    // read as its own escaped with `^`, a `"` in a value as `\^"`, a newline as `^` and two
    // newlines, a `%` before a name as `%^`
    #[test]
    fn a_chrome_copy_as_curl_cmd() {
        let text = concat!(
            "curl ^\"https://api.example.com/v1/items?a=1^&b=2^\" ^\n",
            "  -H ^\"accept: application/json^\" ^\n",
            "  -H ^\"cookie: id=^%^7B1^%^7D^\" ^\n",
            "  --data-raw ^\"^{^\\^\"name^\\^\":^\\^\"50%^ off^\\^\",^\\^\"note^\\^\":^\\^\"a^\n\n",
            "b^\\^\"^}^\" ^\n",
            "  --compressed\n",
        );
        assert_eq!(
            words(text),
            [[
                "curl",
                "https://api.example.com/v1/items?a=1&b=2",
                "-H",
                "accept: application/json",
                "-H",
                "cookie: id=%7B1%7D",
                "--data-raw",
                "{\"name\":\"50% off\",\"note\":\"a\nb\"}",
                "--compressed",
            ]]
        );
    }

    // as Windows documentation writes a command: double quotes with `\"` inside, `%NAME%`. (An
    // `&` in the body would end the command there, in cmd.exe as here: its `\"` are quotes to
    // cmd.exe, so the body is only partly quoted.)
    #[test]
    fn a_hand_written_windows_command() {
        let commands = cmd_commands(concat!(
            "curl -X POST \"https://api.example.com/v1/items\" ^\n",
            "  -H \"Authorization: Bearer %API_TOKEN%\" ^\n",
            "  -d \"{\\\"name\\\": \\\"a, b\\\", \\\"path\\\": \\\"C:\\\\dir\\\\\\\"}\" & echo done\n",
        ))
        .unwrap();
        assert_eq!(commands.len(), 2);
        assert_eq!(
            commands[0].words,
            [
                "curl",
                "-X",
                "POST",
                "https://api.example.com/v1/items",
                "-H",
                "Authorization: Bearer {{API_TOKEN}}",
                "-d",
                // backslashes before no quote stay, `\\\"` is a backslash and a quote
                "{\"name\": \"a, b\", \"path\": \"C:\\\\dir\\\"}",
            ]
        );
        assert_eq!(commands[0].expanded, ["API_TOKEN"]);
        assert_eq!(commands[1].words, ["echo", "done"]);
    }

    #[test]
    fn a_batch_file_reads_its_own_variables_and_escapes() {
        let commands = cmd_commands(concat!(
            "@echo off\r\n",
            "setlocal enabledelayedexpansion\r\n",
            "set \"M=50%% off\"\r\n",
            "curl -d \"text=!M!\" -d \"n=%%0A%N%\" http://h.example/x\r\n",
        ))
        .unwrap();
        assert_eq!(commands[2].words, ["M=50% off"]);
        assert_eq!(
            commands[3].words,
            [
                "curl",
                "-d",
                "text={{M}}",
                "-d",
                "n=%0A{{N}}",
                "http://h.example/x"
            ]
        );
        assert_eq!(commands[3].expanded, ["N", "M"]);
        assert!(is_cmd_style(
            "setlocal EnableDelayedExpansion\nset M=a\ncurl -d !M! u"
        ));
        // without delayed expansion a `!` is text; typed at the prompt, `%%` is no escape
        assert_eq!(
            cmd_commands("set M=a\ncurl -d !M! u").unwrap()[1].words[2],
            "!M!"
        );
        assert_eq!(
            cmd_commands("curl -d 50%%0A u").unwrap()[0].words[2],
            "50%%0A"
        );
    }

    // date parts (`set DD=02`) have names of two hex digits, which elsewhere are a URL's
    // percent-escapes
    #[test]
    fn a_variable_the_text_sets_is_one_whatever_its_name() {
        let commands = cmd_commands(
            "set DD=02\nset \"ab=x\"\ncurl -d \"d=%DD%&e=%AB%\" https://e.com/caf%C3%A9",
        )
        .unwrap();
        assert_eq!(commands[2].words[2], "d={{DD}}&e={{AB}}");
        assert_eq!(commands[2].words[3], "https://e.com/caf%C3%A9");
    }

    #[test]
    fn a_part_of_a_variable_is_kept_whole() {
        let (text, names) = expand_percent("\"%date:~0,2%T%time:~0,8%Z %USER%\"");
        assert_eq!(text, "\"%date:~0,2%T%time:~0,8%Z {{USER}}\"");
        assert_eq!(names, ["USER"]);
        let (text, names) = expand_percent("https://e.com/caf%C3%A9?q=%DEBUG%");
        assert_eq!(text, "https://e.com/caf%C3%A9?q={{DEBUG}}");
        assert_eq!(names, ["DEBUG"]);
    }

    #[test]
    fn redirections_are_taken_out_of_the_command() {
        let commands = cmd_commands(concat!(
            "curl -X POST ^\n",
            " -d \"{\\\"a\\\":1}\" https://e.com/x > \"out file.json\" 2>&1 <body.txt\n",
        ))
        .unwrap();
        assert_eq!(
            commands[0].words,
            ["curl", "-X", "POST", "-d", "{\"a\":1}", "https://e.com/x"]
        );
        assert_eq!(commands[0].redirections, ["> out file.json", "2>&1"]);
        assert!(matches!(&commands[0].stdin, Some((Stdin::File(file), _)) if file == "body.txt"));
        // quoted, and escaped with `^`, they are text
        let commands = cmd_commands("curl -d \"a>b\" -H X:1^>2 https://e.com").unwrap();
        assert_eq!(commands[0].words[2], "a>b");
        assert_eq!(commands[0].words[4], "X:1>2");
        assert!(commands[0].redirections.is_empty());
    }

    #[test]
    fn the_runtime_splits_words_at_blanks_outside_quotes() {
        assert_eq!(
            runtime_words(r#"a "b c" d\e "f""g" h\\"i j" k\\\"l"#).unwrap(),
            ["a", "b c", "d\\e", "f\"g", "h\\i j", "k\\\"l"]
        );
        assert!(runtime_words("a \"b").is_err());
        assert_eq!(
            expand_percent("%A% 100% %20 %_b1%%"),
            (
                "{{A}} 100% %20 {{_b1}}%".to_string(),
                vec!["A".to_string(), "_b1".to_string()]
            )
        );
    }
}
