//! curl command lines written for PowerShell (the PowerShell tabs of Windows documentation,
//! `curl.exe` with backtick continuations): split into commands and words as PowerShell parses a
//! native command's arguments, each word then passed to curl.exe as PowerShell passes it.
//!
//! - A backtick escapes the character after it (`` `n `` is a newline, `` `t `` a tab, and so on
//!   for PowerShell's other escapes), in double quotes and in unquoted words; a backtick ending a
//!   line joins it to the next (also with blanks after it, as pasted text often has them).
//! - Single quotes keep everything (`''` inside is one quote); double quotes expand variables
//!   (`""` and `` `" `` inside are one quote). PowerShell reads typographic quotes as quotes. A
//!   here-string (`@'` … `'@`, `@"` … `"@`, each on lines of their own) is the lines between.
//! - `$env:NAME` and `${env:NAME}` become `{{NAME}}`, what the command reads from the
//!   environment, as `$NAME` of a POSIX command. A script's variable (`$token`) is the text a
//!   statement before gave it (`$body = @'…'@`, `$token = "abc"`), else the variable `{{token}}`,
//!   read from outside the command as the environment's is (`$t = $login.access_token`);
//!   `$(…)` holding one is that one, any other stays as written. A statement setting
//!   `$env:NAME` is left out: the sample reads the environment of whoever runs it.
//! - A newline, `;`, `|`, `&&` and `||` end a command; `>`, `>>` and `2>` take the next word as a
//!   redirection's target; a `#` starting a word comments out the rest of the line; `&` calling a
//!   program is left out, and so are `$response =` assigning a command's output and the `(`
//!   grouping commands (what follows the group's `)` is no command); after `--%` the rest of the
//!   line, up to a pipe, goes to curl.exe as written. `curl` given `Invoke-WebRequest`'s
//!   parameters is Windows PowerShell's alias of that command, not curl.
//! - A word reaches curl.exe as PowerShell read it, with one exception. Windows PowerShell 5.1
//!   puts a word holding a blank in double quotes without escaping the quotes in it, and
//!   curl.exe's C runtime then reads `\"` as `"` (and `""` inside quotes as `"`). Documentation
//!   writes JSON for it as `'{\"name\": \"x\"}'` (or, with blanks, `'{""a"": ""b c""}'`), so a
//!   word whose every `"` is written so is read that way (PowerShell 7.3 would pass the
//!   backslashes on, and such a command would send no JSON there).

use std::collections::HashMap;

use super::Command;
use super::cmd::{expand_percent, runtime_words};
use crate::filters::powershell::is_single_quote;

/// What marks `text` as written for PowerShell (see [`powershell_sign`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PowershellSign {
    /// Any sign but the next.
    Syntax,
    /// Only single-quoted JSON with every `"` written `\"`: the one sign a bash command could
    /// also give (sending the backslashes), so the import notes how it read the command.
    EscapedJson,
}

/// Whether `code` reads a member of a group that runs curl, PowerShell's
/// `(curl https://…).Content`: the group's own closing parenthesis followed by `.` and a name.
/// Not bash's `$(curl …)` or `<(curl …)`, whose `)` a later `(x).` in an `echo` does not close.
fn member_of_a_curl_group(code: &str) -> bool {
    code.match_indices("(curl").any(|(at, _)| {
        if code[..at].ends_with(['$', '<', '>']) {
            return false;
        }
        let mut depth = 0usize;
        for (offset, c) in code[at..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        let after = &code[at + offset + 1..];
                        return after
                            .strip_prefix('.')
                            .and_then(|name| name.chars().next())
                            .is_some_and(|c| c.is_ascii_alphabetic());
                    }
                }
                _ => {}
            }
        }
        false
    })
}

/// The sign that `text` is written for PowerShell rather than a POSIX shell, if it is. Signs of
/// it (none of them counted in a comment line):
/// - a line continued with a backtick after a blank (a bash line would end in `\`; a backtick
///   there would open a command substitution);
/// - `$env:NAME`, PowerShell's read of the environment;
/// - a statement assigning `$name = …` (bash writes `name=…`);
/// - `--%`, or `` `" `` after `{`, `[`, `,`, `:`, `=`, `\` or a blank, a quote escaped at the start of
///   a value in a double-quoted string (bash's `` "`date`" `` puts `` `" `` after a command);
/// - a command grouped and its output's member read: `(curl.exe …).Length`;
/// - `-Uri` or `-UseBasicParsing`, parameters of `Invoke-WebRequest` (which Windows PowerShell's
///   `curl` is), or a hashtable given to one (`-H @{'Metadata'='true'}`);
/// - `curl.exe` with a single-quoted word, which `cmd.exe` does not read as quoted;
/// - a single-quoted word whose every `"` is written `\"`, as documentation writes JSON for
///   Windows PowerShell 5.1 (in bash that word would send the backslashes; a bash JSON body with
///   an escaped quote in a string also has plain `"`), unless a line is continued with `\`, as
///   only bash continues one.
///
/// Single-quoted words are found as bash finds them, so an apostrophe inside double quotes
/// (`"it's"`) opens none.
pub fn powershell_sign(text: &str) -> Option<PowershellSign> {
    let code: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .flat_map(|line| [line, "\n"])
        .collect();
    let mut lines = code.lines().peekable();
    while let Some(line) = lines.next() {
        // (not bash's `` r=`curl … ` ``, whose backquote closes the one it opened)
        let continued = line
            .trim_end()
            .strip_suffix('`')
            .is_some_and(|before| before.is_empty() || before.ends_with([' ', '\t']))
            && !(line.contains("`curl ") && line.matches('`').count() % 2 == 0);
        if (lines.peek().is_some() && continued) || assigns_a_variable(line) {
            return Some(PowershellSign::Syntax);
        }
    }
    let lower = code.to_ascii_lowercase();
    let reads_environment = lower.match_indices("$env:").any(|(at, _)| {
        lower[at + 5..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
    });
    let escaped_quote_opens_a_value = code
        .match_indices("`\"")
        .any(|(at, _)| at == 0 || code[..at].ends_with(['{', '[', ',', ':', '=', '\\', ' ', '\t']));
    let member_of_a_group = member_of_a_curl_group(&lower);
    let single_quoted = single_quoted_words(&code);
    // `Invoke-WebRequest`'s own parameters, which Windows PowerShell's `curl` alias takes
    // (curl's `-U` would read `-Uri` as the proxy user `ri`)
    let web_request_parameter = code.split_whitespace().any(|word| {
        word.eq_ignore_ascii_case("-Uri") || word.eq_ignore_ascii_case("-UseBasicParsing")
    });
    // a hashtable, `-H @{'Metadata'='true'}` (to curl a file named `{Metadata=true}`): a key
    // and its value, not a notebook's `@{dataFile}` (a file named by a Python variable)
    let hashtable = code.match_indices("@{").any(|(at, _)| {
        let inside = &code[at + 2..];
        let inside = &inside[..inside.find('}').unwrap_or(inside.len())];
        inside.contains('=')
    });
    let syntax = reads_environment
        || web_request_parameter
        || hashtable
        || code.split_whitespace().any(|word| word == "--%")
        || escaped_quote_opens_a_value
        || member_of_a_group
        || (lower.contains("curl.exe") && !single_quoted.is_empty());
    let escaped_json = single_quoted
        .iter()
        .any(|quoted| quoted.contains("\\\"") && !quoted.replace("\\\"", "").contains('"'));
    // a line continued with `\` is bash's: there the backslashes are sent
    let bash_continued = code.lines().any(|line| line.trim_end().ends_with('\\'));
    if syntax {
        Some(PowershellSign::Syntax)
    } else {
        (escaped_json && !bash_continued).then_some(PowershellSign::EscapedJson)
    }
}

/// The single-quoted words of `code` as bash reads its quotes: not inside double quotes, not
/// after a backslash outside them, and not bash's `$'…'`, where `\"` is a quote (Burp's "Copy as
/// curl command" writes every argument so, and every `"` as `\"`).
fn single_quoted_words(code: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut chars = code.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '$' if chars.peek().is_some_and(|(_, next)| *next == '\'') => {
                chars.next();
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '\'' => break,
                        _ => {}
                    }
                }
            }
            '"' => {
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '\'' => {
                let start = at + 1;
                let end = chars
                    .by_ref()
                    .find(|(_, c)| *c == '\'')
                    .map_or(code.len(), |(end, _)| end);
                words.push(&code[start..end]);
            }
            _ => {}
        }
    }
    words
}

/// Whether `line` starts a statement assigning a script's variable: `$name =`, not `$name ==`.
fn assigns_a_variable(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix('$') else {
        return false;
    };
    let name_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let after = rest[name_end..].trim_start();
    name_end > 0 && after.starts_with('=') && !after.starts_with("==")
}

/// The characters PowerShell reads as a double quote: `"` and the typographic “ ” „.
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

/// The most bytes a script's variable is read as holding: a spec's size limit.
const VALUE_LIMIT: usize = 1 << 20;

/// The text a script's variable holds, and what it reads from the environment, by the
/// variable's name in lower case (PowerShell's names ignore case).
type Values = HashMap<String, (String, Vec<String>)>;

/// The word being read, and whether one has started (`''` is a word, an empty one).
#[derive(Default)]
struct Word {
    text: String,
    started: bool,
    /// Whether a quote or a here-string wrote some of it: as an assignment's value, it is text,
    /// where a bare word would run a program.
    quoted: bool,
}

/// What the splitter knows as it reads a text: the command so far, and the values the script
/// gave its variables.
#[derive(Default)]
struct Splitter {
    commands: Vec<Command>,
    command: Command,
    word: Word,
    /// The word after `>` is a redirection's target.
    redirection: Option<String>,
    /// The variable this statement assigns (`$body = …`), as written.
    assigns: Option<String>,
    /// Whether each word of the statement was quoted (see [`Word::quoted`]).
    quoted: Vec<bool>,
    /// The variables of the script a statement gave a string (`$body = @'…'@`): a later `$body`
    /// is that text.
    values: Values,
    /// How many groups (`(curl.exe …)`) are open.
    groups: usize,
    /// Whether the statement being read reads the output of the one before it (after a `|`).
    piped: bool,
}

impl Splitter {
    fn end_word(&mut self) {
        if std::mem::take(&mut self.word.started) {
            let text = passed_to_curl(std::mem::take(&mut self.word.text));
            let quoted = std::mem::take(&mut self.word.quoted);
            match self.redirection.take() {
                Some(operator) => self.command.redirections.push(format!("{operator} {text}")),
                // `& curl.exe …`: the call operator runs the program that follows
                None if text == "&" && self.command.words.is_empty() => {}
                None => {
                    self.command.words.push(text);
                    self.quoted.push(quoted);
                }
            }
        }
    }

    /// Ends the statement. An assignment of one word, where nothing was run to make it, gives
    /// the variable that text; one of a command's output (`$response = curl.exe …`) is that
    /// command; any other is kept as a command that is not curl.
    /// Ends the statement; `piping` when a `|` ends it, whose output the next one reads.
    fn end_statement(&mut self, piping: bool) {
        self.end_word();
        self.redirection = None;
        let mut command = std::mem::take(&mut self.command);
        command.piped = std::mem::replace(&mut self.piped, piping);
        let quoted = std::mem::take(&mut self.quoted);
        // `'{"a":1}' | curl.exe -d "@-"`: a string alone is written to the pipe as a line, as
        // `Write-Output` writes it
        if piping && self.assigns.is_none() && quoted == [true] && command.words.len() == 1 {
            command.words.insert(0, "Write-Output".into());
        }
        if let Some(target) = self.assigns.take() {
            // `$env:NAME = …` sets what the command then reads from the environment: left to
            // the environment of whoever runs the sample
            if target.to_ascii_lowercase().starts_with("env:") {
                return;
            }
            let text = quoted == [true]
                || command.words.len() == 1 && command.words[0].parse::<f64>().is_ok();
            if let (true, [value], []) = (
                text,
                command.words.as_slice(),
                command.substituted.as_slice(),
            ) {
                // `$script:name` is `$name`; a text larger than a spec can hold stays a variable
                // (`$a = "$a$a"` on every line doubles it)
                let name = target
                    .rsplit(':')
                    .next()
                    .unwrap_or(&target)
                    .to_ascii_lowercase();
                if value.len() <= VALUE_LIMIT {
                    self.values.insert(name, (value.clone(), command.expanded));
                } else {
                    self.values.remove(&name);
                }
                return;
            }
            let runs_a_program = command
                .words
                .first()
                .is_some_and(|w| !w.starts_with(['@', '(', '$', '[', '{']));
            if !runs_a_program {
                command.words.insert(0, format!("${target} ="));
            }
        }
        if is_invoke_web_request(&command.words) {
            command.words[0] = "Invoke-WebRequest".into();
        }
        if !command.words.is_empty() || !command.redirections.is_empty() {
            self.commands.push(command);
        }
    }
}

/// Whether `words` call Windows PowerShell's `curl`, its alias of `Invoke-WebRequest`, with that
/// command's own parameters (`-Uri`, `-Method`…), which curl would read as other options.
fn is_invoke_web_request(words: &[String]) -> bool {
    const PARAMETERS: &[&str] = &[
        "uri",
        "method",
        "body",
        "headers",
        "contenttype",
        "usebasicparsing",
        "outfile",
        "infile",
        "timeoutsec",
        "useragent",
        "websession",
        "sessionvariable",
    ];
    // a hashtable, `-H @{'Metadata'='true'}` (Microsoft's Azure docs), is its `-Headers` or
    // `-Body` abbreviated: to curl, a file named `{Metadata=true}`
    words
        .first()
        .is_some_and(|program| program.eq_ignore_ascii_case("curl"))
        && words.iter().any(|word| {
            word.starts_with("@{")
                || word
                    .strip_prefix('-')
                    .is_some_and(|name| PARAMETERS.iter().any(|p| p.eq_ignore_ascii_case(name)))
        })
}

/// Splits a PowerShell text into commands and their words (see the module's documentation).
pub fn powershell_commands(text: &str) -> Result<Vec<Command>, String> {
    let mut split = Splitter::default();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                if continues_line(&mut chars) {
                    continue;
                }
                split.word.started = true;
                split.word.text.extend(chars.next().map(escaped));
            }
            '@' if !split.word.started
                && let Some(text) = here_string(&mut chars, &mut split.command, &split.values)? =>
            {
                split.word.started = true;
                split.word.quoted = true;
                split.word.text.push_str(&text);
            }
            c if is_single_quote(c) || is_double_quote(c) => {
                split.word.started = true;
                split.word.quoted = true;
                // double quotes expand variables and backtick escapes; single quotes nothing
                let expands = is_double_quote(c);
                let closes = if expands {
                    is_double_quote
                } else {
                    is_single_quote
                };
                let unclosed = || {
                    let kind = if expands { "double" } else { "single" };
                    format!("a {kind} quote is never closed")
                };
                loop {
                    match chars.next() {
                        Some(q) if closes(q) => match chars.next_if(|n| closes(*n)) {
                            Some(doubled) => split.word.text.push(doubled),
                            None => break,
                        },
                        Some('`') if expands => match chars.next() {
                            Some(c) => split.word.text.push(escaped(c)),
                            None => return Err(unclosed()),
                        },
                        Some('$') if expands => {
                            let expanded = expand(&mut chars, &mut split.command, &split.values);
                            split.word.text.push_str(&expanded);
                        }
                        Some(c) => split.word.text.push(c),
                        None => return Err(unclosed()),
                    }
                }
            }
            '$' if split.command.words.is_empty()
                && !split.word.started
                && split.assigns.is_none()
                && let Some(target) = assignment(&mut chars) =>
            {
                split.assigns = Some(target);
            }
            '$' => {
                split.word.started = true;
                let expanded = expand(&mut chars, &mut split.command, &split.values);
                split.word.text.push_str(&expanded);
            }
            '#' if !split.word.started => while chars.next_if(|c| *c != '\n').is_some() {},
            // `(curl.exe … | ConvertFrom-Json).id`: the group's commands run first; what the
            // script does with their output (`.id`, `[0]`) is no command
            '(' if !split.word.started && split.command.words.is_empty() => split.groups += 1,
            ')' if split.groups > 0 => {
                split.groups -= 1;
                split.end_statement(false);
                while chars
                    .next_if(|c| !c.is_whitespace() && !matches!(c, '|' | ';' | ')'))
                    .is_some()
                {}
                // `(& curl.exe …) -join "`n"`: an operator on the output, no command either
                if split.groups == 0 {
                    let mut quote: Option<char> = None;
                    while let Some(next) =
                        chars.next_if(|c| quote.is_some() || !matches!(c, '\n' | ';' | '|' | ')'))
                    {
                        match (quote, next) {
                            (None, '"' | '\'') => quote = Some(next),
                            (Some(open), _) if next == open => quote = None,
                            _ => {}
                        }
                    }
                }
            }
            '\n' | ';' | '|' => {
                let doubled = c == '|' && chars.next_if_eq(&'|').is_some();
                split.end_statement(c == '|' && !doubled);
            }
            '&' if chars.peek() == Some(&'&') => {
                chars.next();
                split.end_statement(false);
            }
            '>' => {
                // `2>`, `*>`: the word so far names the stream
                if split.word.started
                    && !split.word.text.is_empty()
                    && split
                        .word
                        .text
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '*')
                {
                    split.word = Word::default();
                }
                split.end_word();
                let mut operator = String::from('>');
                operator.extend(chars.next_if_eq(&'>'));
                if chars.next_if_eq(&'&').is_some() {
                    // `2>&1` joins two streams and names no file
                    operator.push('&');
                    operator.extend(std::iter::from_fn(|| chars.next_if(char::is_ascii_digit)));
                    split.command.redirections.push(operator);
                } else {
                    split.redirection = Some(operator);
                }
            }
            c if c.is_whitespace() => {
                split.end_word();
                // `--%`: PowerShell stops parsing; the rest of the line reaches curl.exe as the
                // C runtime splits it, `%NAME%` read from the environment
                if split.command.words.last().is_some_and(|w| w == "--%")
                    && split.quoted.last() == Some(&false)
                {
                    split.command.words.pop();
                    let line: String =
                        std::iter::from_fn(|| chars.next_if(|c| !matches!(c, '\n' | '|')))
                            .collect();
                    let (line, names) = expand_percent(&line);
                    split.command.words.extend(runtime_words(&line)?);
                    for name in names {
                        split.command.reads(&name);
                    }
                }
            }
            c => {
                split.word.started = true;
                split.word.text.push(c);
            }
        }
    }
    split.end_statement(false);
    Ok(split.commands)
}

/// After a `$` starting a statement: the variable it assigns (`$body = …`, `${name} = …`), the
/// `=` then taken; `None`, and nothing taken, when the statement assigns none.
fn assignment(chars: &mut Chars) -> Option<String> {
    let mut ahead = chars.clone();
    let name = variable_name(&mut ahead)?;
    while ahead.next_if(|c| matches!(c, ' ' | '\t')).is_some() {}
    ahead.next_if_eq(&'=')?;
    if ahead.peek() == Some(&'=') {
        return None;
    }
    *chars = ahead;
    Some(name)
}

/// After a `$`: the variable's name, taken, or `None` and nothing taken. `{…}` on one line
/// (`${env:API_KEY}`, `${my var}`), or letters, digits and `_`, after one of PowerShell's scopes
/// and a `:` if any (`env:NAME`, `script:name`; `$host:8080` is a host and a port, as its writer
/// meant, though PowerShell reads a drive `host`).
fn variable_name(chars: &mut Chars) -> Option<String> {
    let is_name = |c: &char| c.is_ascii_alphanumeric() || *c == '_';
    if chars.peek() == Some(&'{') {
        let mut ahead = chars.clone();
        ahead.next();
        let inside: String = std::iter::from_fn(|| ahead.next_if(|c| !matches!(c, '}' | '\n')))
            .take(super::SUBSTITUTION_LIMIT)
            .collect();
        if ahead.next() != Some('}') || inside.is_empty() {
            return None;
        }
        *chars = ahead;
        return Some(inside);
    }
    let mut name: String = std::iter::from_fn(|| chars.next_if(is_name)).collect();
    let scoped = [
        "env", "global", "local", "private", "script", "using", "variable",
    ]
    .iter()
    .any(|scope| scope.eq_ignore_ascii_case(&name));
    if scoped && chars.peek() == Some(&':') {
        let mut ahead = chars.clone();
        ahead.next();
        if ahead.peek().is_some_and(is_name) {
            name.push(':');
            name.extend(std::iter::from_fn(|| ahead.next_if(is_name)));
            *chars = ahead;
        }
    }
    (!name.is_empty()).then_some(name)
}

/// After an `@` where a word starts: a here-string (`@'` or `@"` ending its line, the text on
/// the lines after it, up to a line that starts with `'@` or `"@`), its text; `None`, and
/// nothing taken, for any other `@`. Only `@"…"@` expands variables and backtick escapes.
fn here_string(
    chars: &mut Chars,
    command: &mut Command,
    values: &Values,
) -> Result<Option<String>, String> {
    let mut ahead = chars.clone();
    let Some(quote) = ahead.next_if(|c| is_single_quote(*c) || is_double_quote(*c)) else {
        return Ok(None);
    };
    while ahead.next_if(|c| matches!(c, ' ' | '\t' | '\r')).is_some() {}
    if ahead.next_if_eq(&'\n').is_none() {
        return Ok(None);
    }
    let closes = |c: char| {
        if is_single_quote(quote) {
            is_single_quote(c)
        } else {
            is_double_quote(c)
        }
    };
    let mut lines: Vec<String> = Vec::new();
    loop {
        // the rest of the closing line follows the here-string
        let mut probe = ahead.clone();
        if probe.next().is_some_and(closes) && probe.next() == Some('@') {
            *chars = probe;
            break;
        }
        let line: String = std::iter::from_fn(|| ahead.next_if(|c| *c != '\n')).collect();
        if ahead.next().is_none() {
            return Err("a here-string (`@'` or `@\"`) is never closed".into());
        }
        lines.push(line.trim_end_matches('\r').to_string());
    }
    let text = lines.join("\n");
    if is_single_quote(quote) {
        return Ok(Some(text));
    }
    let mut expanded = String::new();
    let mut text_chars = text.chars().peekable();
    while let Some(c) = text_chars.next() {
        match c {
            '`' => expanded.extend(text_chars.next().map(escaped)),
            '$' => expanded.push_str(&expand(&mut text_chars, command, values)),
            c => expanded.push(c),
        }
    }
    Ok(Some(expanded))
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

/// After a `$` PowerShell expands, what it stands for. `env:NAME` or `{env:NAME}` is `{{NAME}}`,
/// its name added to the command's `expanded` (once); a script's variable (`name`, `{name}`,
/// `script:name`) is the text a statement gave it, else `{{name}}`; `$null` is nothing; `$(…)`
/// holding one of these is what it holds. Anything else is kept as written, the `$` included
/// (another `$(…)` is recorded as substituted).
fn expand(chars: &mut Chars, command: &mut Command, values: &Values) -> String {
    if chars.peek() == Some(&'(') {
        // kept as written, up to its closing parenthesis on the same line
        let mut ahead = chars.clone();
        let mut text = String::from('$');
        let mut depth = 0usize;
        for c in ahead.by_ref().take(super::SUBSTITUTION_LIMIT) {
            text.push(c);
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                '\n' => break,
                _ => {}
            }
            if depth == 0 {
                break;
            }
        }
        if depth != 0 {
            return "$".into();
        }
        *chars = ahead;
        // `$($env:NAME)`, `$($name)`: the variable
        let inner = text[2..text.len() - 1].trim();
        if let Some(variable) = inner.strip_prefix('$') {
            let mut inner_chars = variable.chars().peekable();
            let mut inner_command = Command::default();
            let expanded = expand(&mut inner_chars, &mut inner_command, values);
            if inner_chars.peek().is_none() && inner_command.substituted.is_empty() {
                for name in &inner_command.expanded {
                    command.reads(name);
                }
                return expanded;
            }
        }
        command.substituted.push(text.clone());
        return text;
    }
    let Some(name) = variable_name(chars) else {
        return "$".into();
    };
    let (scope, bare) = match name.split_once(':') {
        Some((scope, bare)) => (scope.to_ascii_lowercase(), bare),
        None => (String::new(), name.as_str()),
    };
    if scope == "env" {
        command.reads(bare);
        return format!("{{{{{bare}}}}}");
    }
    if bare.eq_ignore_ascii_case("null") {
        return String::new();
    }
    match values.get(&bare.to_ascii_lowercase()) {
        Some((text, names)) => {
            for name in names {
                command.reads(name);
            }
            text.clone()
        }
        // a variable the script gives no text samplegen knows (`$t = $login.access_token`,
        // or none): its value comes from outside the command, as the environment's does, and
        // a sample reads it so
        None => {
            command.reads(bare);
            format!("{{{{{bare}}}}}")
        }
    }
}

/// A word as curl.exe receives it: as PowerShell read it, unless every `"` in it is written for
/// Windows PowerShell 5.1 (see the module's documentation). PowerShell 5.1 puts a word holding a
/// blank in double quotes, and the C runtime then reads `\"` as `"`, and `""` inside those quotes
/// as `"`. A word that also holds a plain `"` was written for PowerShell 7.3, which passes words
/// as they are (5.1 would have garbled it).
fn passed_to_curl(word: String) -> String {
    if !written_for_windows_powershell(&word) {
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

/// Whether every `"` of `word` is written as Windows PowerShell 5.1 needs it: `\"`, or `""` in a
/// word with a blank (see [`passed_to_curl`]).
fn written_for_windows_powershell(word: &str) -> bool {
    let escaped = word.contains("\\\"") && !word.replace("\\\"", "").contains('"');
    let doubled = word.contains([' ', '\t'])
        && word.contains("\"\"")
        && !word.replace("\"\"", "").contains('"');
    escaped || doubled
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_powershell_style(text: &str) -> bool {
        powershell_sign(text).is_some()
    }

    /// Each command's words.
    fn words_of(commands: &[Command]) -> Vec<&[String]> {
        commands.iter().map(|c| c.words.as_slice()).collect()
    }

    fn words(text: &str) -> Vec<Vec<String>> {
        powershell_commands(text)
            .unwrap()
            .into_iter()
            .map(|command| command.words)
            .collect()
    }

    #[test]
    fn powershell_is_told_by_its_own_ways() {
        for text in [
            "$body = '{}'\ncurl.exe -d $body https://e.com",
            "curl.exe --% -d {\"a\":1} https://e.com",
            "curl -d \"{`\"a`\": `\"b`\"}\" https://e.com",
            "curl.exe -d '{\"a\": 1}' https://e.com",
            "curl -d '{\\\"a\\\": \\\"b c\\\"}' https://e.com",
            "(curl.exe -s https://e.com).Length",
        ] {
            assert!(is_powershell_style(text), "{text}");
        }
        for text in [
            // bash: apostrophes inside double quotes open no single-quoted word
            "curl -d \"{\\\"a\\\": \\\"it's\\\", \\\"b\\\": \\\"can't\\\"}\" https://e.com",
            // bash: two command substitutions in double quotes
            "curl -H \"Date: `date -u`\" -H \"X-Id: `uuidgen`\" https://e.com",
            // a comment names curl.exe, with an apostrophe
            "# Don't forget: on Windows run curl.exe\ncurl -d \"{\\\"a\\\": 1}\" https://e.com",
            // bash: an escaped quote inside a JSON string, beside plain quotes
            "curl -d '{\"a\": \"say \\\"hi\\\"\"}' https://e.com",
            "curl -d \"{\\\"a\\\": 1}\" https://e.com",
            "TOKEN=abc curl https://e.com",
            "curl https://e.com # `date`",
        ] {
            assert!(!is_powershell_style(text), "{text}");
        }
    }

    #[test]
    fn a_backtick_ending_a_comment_or_a_word_is_no_continuation() {
        assert!(!is_powershell_style(
            "# set `TOKEN` first\ncurl https://e.com \\\n  -H \"A: $TOKEN\""
        ));
        assert!(!is_powershell_style("curl https://e.com -d 'a`\nb'"));
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
        // single quotes keep `$` and backticks; a quoted `--%` is a word like any other
        assert_eq!(words("curl '$env:X `n'"), [["curl", "$env:X `n"]]);
        assert_eq!(words("curl '--%' a"), [["curl", "--%", "a"]]);
        assert!(powershell_commands("curl 'open").is_err());
        assert!(powershell_commands("curl \"open").is_err());
    }

    #[test]
    fn variables_of_the_script_and_of_the_environment() {
        let commands = powershell_commands(
            "curl.exe -H \"Authorization: Bearer $token\" -H \"X-Key: $env:KEY\" \"$($base)/x/$(Get-Id)\" $null",
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
                "{{base}}/x/$(Get-Id)",
                ""
            ]
        );
        // a script's variable given no value here comes from outside, as the environment's
        assert_eq!(commands[0].expanded, ["token", "KEY", "base"]);
        assert_eq!(commands[0].substituted, ["$(Get-Id)"]);
    }

    // documentation sets a body or a token first, then sends it
    #[test]
    fn a_variable_the_script_gives_a_string_is_that_string() {
        let commands = powershell_commands(concat!(
            "$body = @'\n",
            "{\"name\": \"it's\",\n",
            " \"n\": 1}\n",
            "'@\n",
            "$Note = @\"\n",
            "key `$ $env:API_KEY\n",
            "\"@\n",
            "$token = \"abc\"; $n = 5\n",
            "$items = Get-Items | ConvertTo-Json\n",
            "$response = (curl.exe -d $body -H \"X: $TOKEN $n\" -d $note -d $items https://e.com | ConvertFrom-Json).id\n",
        ))
        .unwrap();
        let words = words_of(&commands);
        assert_eq!(
            words,
            [
                &["Get-Items"][..],
                &["ConvertTo-Json"],
                &[
                    "curl.exe",
                    "-d",
                    "{\"name\": \"it's\",\n \"n\": 1}",
                    "-H",
                    "X: abc 5",
                    "-d",
                    "key $ {{API_KEY}}",
                    "-d",
                    "{{items}}",
                    "https://e.com",
                ],
                &["ConvertFrom-Json"],
            ]
        );
        // what the here-string read from the environment, the command that sends it reads
        assert_eq!(commands[2].expanded, ["API_KEY", "items"]);
        assert!(powershell_commands("$body = @'\n{}\n").is_err());
    }

    #[test]
    fn commands_end_and_redirections_are_kept_apart() {
        let commands = powershell_commands(
            "curl.exe https://e.com/a > out.json 2>&1; curl.exe https://e.com/b # a comment\n# another\ncurl.exe https://e.com/c && echo ok",
        )
        .unwrap();
        let words = words_of(&commands);
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
            // such a word is read as Windows PowerShell 5.1 passes it (see `passed_to_curl`)
            let words: Vec<String> = written
                .into_iter()
                .filter(|w| !written_for_windows_powershell(w))
                .collect();
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

    // Windows PowerShell 5.1's ways of getting a `"` to curl.exe, and words 7.3 passes as they are
    #[test]
    fn quotes_written_for_windows_powershell_reach_curl_as_quotes() {
        assert_eq!(
            words(concat!(
                "curl.exe -d '{\\\"a\\\": \\\"b c\\\"}' -d '{\\\"a\\\":1}' ",
                "-d '{\"\"a\"\": \"\"b c\"\"}' -d '{\"a\": \"say \\\"hi\\\"\"}' -d '{\"a\":\"\"}'"
            )),
            [[
                "curl.exe",
                "-d",
                "{\"a\": \"b c\"}",
                "-d",
                "{\"a\":1}",
                "-d",
                "{\"a\": \"b c\"}",
                "-d",
                "{\"a\": \"say \\\"hi\\\"\"}",
                "-d",
                "{\"a\":\"\"}",
            ]]
        );
    }

    #[test]
    fn setting_the_environment_is_left_to_the_reader() {
        let commands = powershell_commands(
            "$env:API_KEY = \"your-key\"\n$script:base = 'https://e.com'\ncurl.exe -H \"X: $env:API_KEY\" $base",
        )
        .unwrap();
        assert_eq!(commands.len(), 1);
        assert_eq!(
            commands[0].words,
            ["curl.exe", "-H", "X: {{API_KEY}}", "https://e.com"]
        );
        assert_eq!(commands[0].expanded, ["API_KEY"]);
    }

    // what a script does with a group's output is no command
    #[test]
    fn a_bash_substitution_closing_a_line_is_no_continuation() {
        assert!(powershell_sign("r=`curl -s https://e.com/a `\nls\n").is_none());
        assert!(powershell_sign("curl.exe -X POST `\n  https://e.com/a\n").is_some());
    }

    #[test]
    fn a_group_ends_at_its_parenthesis() {
        let commands = powershell_commands(
            "$json = (curl.exe -s \"https://e.com/a\") | ConvertFrom-Json\n(curl.exe https://e.com/b -H \"X: $env:K\").Length\n$r = (& curl.exe -s \"https://e.com/c\") -join \"`n\"\n",
        )
        .unwrap();
        let words = words_of(&commands);
        // an operator on the group's output (`-join`) is no command
        assert_eq!(
            words,
            [
                &["curl.exe", "-s", "https://e.com/a"][..],
                &["ConvertFrom-Json"],
                &["curl.exe", "https://e.com/b", "-H", "X: {{K}}"],
                &["curl.exe", "-s", "https://e.com/c"],
            ]
        );
    }

    // `$a = "$a$a"` on every line doubles the text: past a spec's size it stays a variable
    #[test]
    fn a_variable_holds_no_more_text_than_a_spec_can() {
        let mut script = String::from("$a = \"xy\"\n");
        for _ in 0..19 {
            script.push_str("$a = \"$a$a\"\n");
        }
        // 2 bytes doubled 19 times is 1 MiB, the last that is kept
        let kept = format!("{script}curl.exe -d $a https://e.com");
        assert_eq!(
            powershell_commands(&kept).unwrap()[0].words[2].len(),
            1 << 20
        );
        script.push_str("$a = \"$a$a\"\n");
        let dropped = format!("{script}curl.exe -d $a https://e.com");
        assert_eq!(powershell_commands(&dropped).unwrap()[0].words[2], "{{a}}");
    }

    // a bash script's `echo "Uploading (x)..."` then `CODE=$(curl …)` (an R2 backup script):
    // no PowerShell group's member
    #[test]
    fn a_member_is_read_only_of_a_group_that_runs_curl() {
        assert!(member_of_a_curl_group("(curl https://e.com/a).content"));
        assert!(member_of_a_curl_group(
            "$r = (curl -uri x -method (get)).statuscode"
        ));
        assert!(!member_of_a_curl_group(
            "echo \"uploading (x)...\"\ncode=$(curl -s -x put http://e.com/b/x)\n"
        ));
        assert!(!member_of_a_curl_group("(curl https://e.com/a) . x"));
        assert!(!member_of_a_curl_group("diff <(curl a) <(curl b).txt"));
        assert!(
            powershell_sign("echo \"Uploading (x)...\"\nCODE=$(curl -s -X PUT http://e.com/b/x)\n")
                .is_none()
        );
    }

    // Windows PowerShell's `curl` is `Invoke-WebRequest`, whose parameters curl would misread
    #[test]
    fn invoke_web_request_under_the_curl_alias_is_no_curl() {
        let commands =
            powershell_commands("(curl -Method POST -Uri http://e.com/a -Body '{}').Content")
                .unwrap();
        assert_eq!(commands[0].words[0], "Invoke-WebRequest");
        // curl.exe is always curl; curl's own `-u` and `-X` are curl's
        let commands =
            powershell_commands("curl -X POST -u a:b http://e.com/a `\n  -d x=1").unwrap();
        assert_eq!(commands[0].words[0], "curl");
        // its `-Uri` alone says PowerShell: there is no other sign of it
        assert!(is_powershell_style(
            "curl -Uri https://e.com/x -Method POST"
        ));
        assert!(!is_powershell_style("curl -u a:b https://e.com/x"));
        // a hashtable (`-H` abbreviating `-Headers`, in Azure's metadata docs) says so too
        let commands = powershell_commands(
            "curl -H @{'Metadata'='true'} http://169.254.169.254/metadata/instance | select -ExpandProperty Content",
        )
        .unwrap();
        assert_eq!(commands[0].words[0], "Invoke-WebRequest");
        assert!(is_powershell_style(
            "curl -H @{'Metadata'='true'} http://h/m"
        ));
        // a notebook's `@{dataFile}` (a file named by a Python variable) is no hashtable
        assert!(!is_powershell_style(
            "!curl -X POST {url} \\\n  --data-binary @{dataFile} > out.json"
        ));
    }

    // `$host:8080` is a host and a port, as its writer meant
    #[test]
    fn only_powershells_scopes_qualify_a_variable() {
        let commands = powershell_commands(
            "$server = \"e.com\"\ncurl.exe \"http://$server:8080/a\" \"http://$other:1/b\" \"$script:server\"",
        )
        .unwrap();
        assert_eq!(
            commands[0].words,
            [
                "curl.exe",
                "http://e.com:8080/a",
                "http://{{other}}:1/b",
                "e.com"
            ]
        );
    }

    #[test]
    fn after_stop_parsing_the_line_goes_to_the_c_runtime() {
        let commands = powershell_commands(
            "curl.exe --% -H \"a: %KEY%\" -d {\"x\":1} https://e.com | Out-Null\ncurl.exe b",
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
        // the pipe ends what `--%` passes
        assert_eq!(commands[1].words, ["Out-Null"]);
        assert_eq!(commands[2].words, ["curl.exe", "b"]);
    }
}
