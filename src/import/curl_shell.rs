//! The shell's reading of a pasted command: the text split into commands and words as a POSIX
//! shell (bash) splits them (quotes, `$'…'`, backslashes, `\` line continuations, comments, `;`,
//! `&&`, `|`, here-documents), with the prompts and fences documentation puts around it taken off.

use std::borrow::Cow;
use std::collections::HashMap;

use super::placeholders;

/// A simple command of the text: its words, and the redirections (`> out.json`) it holds.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Command {
    pub words: Vec<String>,
    pub redirections: Vec<String>,
    /// The environment variables the shell would expand (`$NAME`, `${NAME}`, unquoted or in
    /// double quotes), each once, in order: the words hold them as `{{NAME}}`.
    pub expanded: Vec<String>,
    /// The defaults of `${NAME:-default}` expansions, by name: what the shell sends while
    /// `NAME` is not set, offered as the variable's value.
    pub defaults: Vec<(String, String)>,
    /// The variables an earlier command of the text set to a text (`name="a.txt"`, `export
    /// NAME=…`) that this one reads, with their values: the words hold them as `{{NAME}}` too.
    pub assigned: Vec<(String, String)>,
    /// The variables an earlier command set by running what samplegen does not run (`D=$(hostname)`,
    /// a `for` loop's), with what sets them, that this one reads: the words hold them as
    /// `{{NAME}}`, a value the reader gives.
    pub computed: Vec<(String, String)>,
    /// The commands the shell would run and put in their place (`$(…)`, `` `…` ``), as written:
    /// the words keep them as text.
    pub substituted: Vec<String>,
    /// The parameter expansions samplegen cannot evaluate (`${A:+x}`, `${A#p}`), as written:
    /// the words keep them as text.
    pub unevaluated: Vec<String>,
    /// What the command reads on its standard input: a here-document (`<<EOF`), a here-string
    /// (`<<< text`) or a file (`< body.json`), and how it was written.
    pub stdin: Option<(Stdin, String)>,
    /// What follows an unquoted `&` that cut a URL's query short (`&to=XAF` of
    /// `?from=USD&to=XAF`): bash ends the command there.
    pub cut_at_ampersand: Option<String>,
    /// Whether a word starts with an unquoted `{` and quotes inside it (`-d {"a":1}`): JSON
    /// to its writer, whose quotes the shell takes out.
    pub unquoted_json: bool,
    /// The variables an earlier command set to a whole header (`AUTH="Authorization: token
    /// x"`) that this one sends with `-H "$AUTH"`, or to credentials (`CREDS=me:secret`) it
    /// sends with `-u "$CREDS"`, with their values: the words hold the value.
    pub whole_arguments: Vec<(String, String)>,
    /// The substitutions that only echo a variable an earlier command set to a text (`"$(echo
    /// $PAYLOAD)"`), with that variable's name: the words hold the text the shell gives.
    pub echoed: Vec<(String, String)>,
    /// Values a tool writes in before the shell runs, by their names (`${{ github.sha }}`,
    /// Terraform's `${var.region}`): as written, and the variable each is.
    pub tool_values: Vec<(String, String)>,
    /// Expansions that take a text off a variable's end or start (`${BASE%/}`), as written,
    /// with the variable's name, which the words hold instead.
    pub trimmed: Vec<(String, String)>,
    /// Whether the script keeps the command's output in a variable (`TOKEN=$(curl …)`).
    pub captured: bool,
    /// Whether the command reads the output of the one before it, after a `|`.
    pub piped: bool,
    /// Whether the command follows `&&` or `||`: whether it runs depends on the one before.
    pub chained: bool,
    /// URLs written in backquotes as a word of their own (`` `http://localhost:7700/indexes` ``,
    /// as if they quoted it): the shell would run the URL as a command and give curl nothing;
    /// the words hold the URL, as its writer meant.
    pub backquoted_urls: Vec<String>,
    /// The delimiters of here-documents that end at an indented line (`  EOF`), which bash
    /// reads as text, reading on to the end.
    pub indented_delimiters: Vec<String>,
    /// The script's arguments the command reads (`$1`, `${2}`), as their variables' names
    /// (`arg1`), each once.
    pub arguments: Vec<String>,
    /// What only a Makefile's recipe writes, as written (`$(API_URL)`, a make variable, which
    /// bash would run as a command; `$$TOKEN`, make's `$`): read as the variables make and the
    /// shell give.
    pub make_syntax: Vec<String>,
    /// Whether a backquote that nothing closes ended the text (a Markdown code span's, left
    /// after the command), and was left out.
    pub stray_backquote: bool,
    /// Whether a line ends in `\` and blanks, read as continuing onto the next line (as pasted
    /// text often has them), where bash would end the command.
    pub blank_after_backslash: bool,
    /// The line of the text the command starts on, from 0, where the reader knows it: notes
    /// about the command point there.
    pub line: Option<usize>,
    /// The words that are one unquoted `$NAME` (or `${NAME}`) and nothing else, by index: the
    /// shell splits such a word's value into words, none when it is empty.
    pub lone_expansions: Vec<usize>,
    /// The variables an earlier command set to a text that this one reads unquoted as a word
    /// of their own (`OPTS="-s -k"`, `curl $OPTS $URL`), with their values: the words hold the
    /// words the shell splits the value into.
    pub split_values: Vec<(String, String)>,
    /// Each word's place among the words as written, where a split value made them differ
    /// (else empty): notes name a word by its place as written.
    pub word_numbers: Vec<usize>,
    /// Whether a blank line comes right before the command's first line.
    pub after_blank_line: bool,
    /// The first `'` between two letters that ended a single-quoted text (`'{"name": "O'Brien"}'`):
    /// where it stands in the text read, in bytes, and the letters around it as written
    /// (`O'Brien`). An apostrophe to its writer, which bash takes out, joining the text after it
    /// to the word.
    pub apostrophe: Option<(usize, String)>,
}

impl Command {
    /// Records that the command reads `name` from the environment (once, in order).
    pub(super) fn reads(&mut self, name: &str) {
        push_once(&mut self.expanded, name.to_string());
    }

    /// Drops the words before word `at` (a crontab line's schedule, the `sudo` or `docker exec
    /// web` that runs curl): each word left keeps its place as written.
    pub(super) fn drop_words_before(&mut self, at: usize) {
        self.words.drain(..at);
        if !self.word_numbers.is_empty() {
            self.word_numbers.drain(..at);
        }
    }
}

pub(super) use crate::import::shared::push_once;
use crate::import::shared::variables_in;

/// A command's standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stdin {
    Text(String),
    File(String),
}

/// The text with each line's list of a command's words in JSON (`command: ["curl", "-X",
/// "POST", "http://svc/run"]` in a Kubernetes manifest, `HEALTHCHECK CMD ["curl", "-f", …]` or
/// `RUN ["curl", …]` in a Dockerfile: the exec form, which runs no shell) that runs curl written
/// as the shell command of those words.
pub(super) fn exec_arrays_written(text: &str) -> Cow<'_, str> {
    if !text.contains("curl") {
        return Cow::Borrowed(text);
    }
    lines_rewritten(text, |lines, index| {
        let line = lines[index];
        if let Some(command) = line_command(line) {
            return Some(over_lines(command, lines, index, index));
        }
        continued_exec_form(lines, index).or_else(|| flow_list_over_lines(lines, index))
    })
}

/// Whether line `index` of `lines` starts an exec form that runs curl: on that line
/// ([`line_command`]), continued with `\` over the lines after it, or a list over several lines.
pub(super) fn exec_form_starts(lines: &[&str], index: usize) -> bool {
    line_command(lines[index]).is_some()
        || continued_exec_form(lines, index).is_some()
        || flow_list_over_lines(lines, index).is_some()
}

/// An exec form's list that opens on line `index` and closes on a later line, when it runs
/// curl, written as [`over_lines`] writes it: a JSON list a word a line (an ECS task
/// definition's `"command": [`), or a YAML flow list wrapped where a formatter wraps it
/// (Compose's `test: ["CMD", "curl", "-f",` with the rest of its words on the lines below).
/// YAML and JSON read a flow list's line breaks as blanks, so the lines are joined with one.
fn flow_list_over_lines(lines: &[&str], index: usize) -> Option<(String, usize)> {
    let line = line_content(lines[index]);
    let start = line.find('[')?;
    // a list that closes on its line is [`line_command`]'s
    let opened = line[start..].trim_end();
    if opened.ends_with(']') || !is_exec_form_value(&line[..start], "") {
        return None;
    }
    let mut list = without_flow_comment(opened).to_string();
    for (next, item) in lines.iter().enumerate().skip(index + 1).take(50) {
        // a comment among the items (a line of its own, or after an item) is YAML's, not a word
        let item = without_flow_comment(line_content(item).trim());
        if item.is_empty() {
            continue;
        }
        list.push(' ');
        list.push_str(item);
        let Some(end) = list.rfind(']') else {
            continue;
        };
        // what may follow the list: a JSON object's `,`, a YAML comment
        let after = list[end + 1..].trim_start();
        if (after.is_empty() || after == "," || after.starts_with('#'))
            && let Some(words) = flow_list_words(&list[..=end])
        {
            return Some(over_lines(exec_words_command(&words)?, lines, index, next));
        }
    }
    None
}

/// A line of a YAML flow list without the comment that ends it: a `#` after a blank (or
/// starting the line), outside the items' quotes (`"a#b"`, `'it''s'`).
fn without_flow_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match quote {
            Some('"') if c == '\\' => {
                chars.next();
            }
            // `''` in single quotes is a quote; the second one reopens them here
            Some(open) if c == open => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && previous.is_whitespace() => return line[..at].trim_end(),
            None => {}
        }
        previous = c;
    }
    line
}

/// A Dockerfile instruction whose exec form runs curl, its lines continued with `\`
/// (`HEALTHCHECK --interval=30s \` over `CMD ["curl", "-f", \` over `"http://…"]`), as Docker
/// reads it: one line, written as [`over_lines`] writes it.
fn continued_exec_form(lines: &[&str], index: usize) -> Option<(String, usize)> {
    let mut joined = String::new();
    for (next, line) in lines.iter().enumerate().skip(index).take(20) {
        let content = line_content(line).trim_end();
        match content.strip_suffix('\\') {
            // Docker drops the `\` and the line break, and nothing else
            Some(continued) => joined.push_str(continued),
            None if next > index => {
                joined.push_str(content);
                // only a list in an exec form's place: a shell command's `-d '["a", \` is text
                let start = joined.find('[')?;
                if !is_exec_form_value(&joined[..start], "") {
                    return None;
                }
                return Some(over_lines(exec_array_command(&joined)?, lines, index, next));
            }
            None => return None,
        }
    }
    None
}

/// An exec form written on lines `index` to `last` as the shell `command` it runs: on the
/// first line, the others left empty (so that what follows keeps its line number); and the
/// index of the line after it.
fn over_lines(command: String, lines: &[&str], index: usize, last: usize) -> (String, usize) {
    let mut out = format!("{command}{}", line_break(lines[index]));
    out.extend(lines[index + 1..=last].iter().map(|line| line_break(line)));
    (out, last + 1)
}

/// The shell command a configuration file's line runs when it runs curl: an exec form's list
/// ([`exec_array_command`]) or Terraform's `command = "…"` ([`hcl_command`]).
pub(super) fn line_command(line: &str) -> Option<String> {
    exec_array_command(line).or_else(|| hcl_command(line))
}

/// The command a line's exec-form array runs when it runs curl, as a shell command: curl's
/// words, each single-quoted unless the shell reads it as it is; a shell's script (`["/bin/sh", "-c", "curl …"]`), Compose's
/// `["CMD-SHELL", "curl …"]`, and a lone command line (Kubernetes' `args: ["curl …"]` after
/// `command: ["sh", "-c"]`) as written. Compose's `["CMD", …]` runs the words after `CMD`.
fn exec_array_command(line: &str) -> Option<String> {
    let start = line.find('[')?;
    // the list ends at the last `]`, or at one before it when a comment holds that one
    // (`test: ["CMD", "curl", …]  # see [docs]`); a few are tried, not every one of a long line
    line[start..]
        .rmatch_indices(']')
        .take(4)
        .find_map(|(at, _)| {
            let end = start + at;
            let list = &line[start..=end];
            // a YAML flow list (`['CMD', 'curl', …]`, `[CMD, curl, -f, …]`) only as a key's or an
            // instruction's value, ending the line: elsewhere brackets are text (`-d 'tools=[curl,
            // wget]'`, `# Requires: [curl, jq]`)
            let words = if is_exec_form_value(&line[..start], &line[end + 1..]) {
                flow_list_words(list)?
            } else {
                serde_json::from_str(list).ok()?
            };
            exec_words_command(&words)
        })
}

/// The words of a list written on one line, `[…]`: a JSON list of strings, or a YAML flow list.
fn flow_list_words(list: &str) -> Option<Vec<String>> {
    serde_json::from_str(list).ok().or_else(|| {
        let inside = list.strip_prefix('[')?.strip_suffix(']')?;
        yaml_flow_words(inside)
    })
}

/// The shell command of a Terraform `local-exec` provisioner's line, `command = "curl …"`,
/// when it runs curl: the string's text, which Terraform gives to `sh -c`.
fn hcl_command(line: &str) -> Option<String> {
    let (key, value) = line.split_once('=')?;
    if key.trim() != "command" {
        return None;
    }
    let value = value.trim();
    if !value.starts_with('"') {
        return None;
    }
    let (command, rest) = quoted_scalar(value)?;
    let rest = rest.trim_start();
    ((rest.is_empty() || rest.starts_with('#')) && script_runs_curl(&command)).then_some(command)
}

/// Whether a list between `before` and `after` on a line is an exec form's value: after a key
/// (`test: `, `- command: `, `command = `), a list marker or a Dockerfile instruction (`CMD `,
/// `HEALTHCHECK --interval=5s CMD `), with nothing after it but a comment.
fn is_exec_form_value(before: &str, after: &str) -> bool {
    let after = after.trim_start();
    if !(after.is_empty() || after.starts_with('#')) {
        return false;
    }
    let before = before.trim();
    let before = before.strip_prefix("- ").unwrap_or(before).trim();
    if before.is_empty() || before == "-" {
        return true;
    }
    // a YAML key, or an HCL one with a blank before its `=` (a shell's `TOOLS=[…]` is text)
    if let Some(key) = before
        .strip_suffix(':')
        .or_else(|| before.strip_suffix(" ="))
    {
        let key = key.trim().trim_matches('"');
        return is_key_name(key);
    }
    let words: Vec<&str> = before.split_whitespace().collect();
    match words.as_slice() {
        [instruction, ..] if ["RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK"].contains(instruction) => {
            words
                .last()
                .is_some_and(|last| matches!(*last, "RUN" | "CMD" | "ENTRYPOINT"))
        }
        _ => false,
    }
}

/// A YAML quoted scalar at the start of `text`, `'it''s'` or `"a\tb"` (read as JSON reads a
/// string), and the text after its closing quote. `None` when no quote closes it.
fn quoted_scalar(text: &str) -> Option<(String, &str)> {
    if let Some(quoted) = text.strip_prefix('\'') {
        let mut word = String::new();
        let mut chars = quoted.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            match c {
                '\'' if chars.peek().is_some_and(|(_, next)| *next == '\'') => {
                    chars.next();
                    word.push('\'');
                }
                '\'' => return Some((word, &quoted[at + 1..])),
                c => word.push(c),
            }
        }
        return None;
    }
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<String>();
    let word = stream.next()?.ok()?;
    Some((word, &text[stream.byte_offset()..]))
}

/// The words of a YAML flow sequence's inside (`'CMD', 'curl', -f, "http://h"`): each plain,
/// single-quoted or double-quoted. `None` when an item is none of these (a map, a list).
fn yaml_flow_words(inside: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut rest = inside.trim();
    while !rest.is_empty() {
        let (word, after) = match rest.chars().next()? {
            '\'' | '"' => quoted_scalar(rest)?,
            '[' | '{' | '&' | '*' | '!' | '|' | '>' => return None,
            _ => {
                let end = rest.find(',').unwrap_or(rest.len());
                let word = rest[..end].trim_end();
                if word.contains(": ") || word.ends_with(':') {
                    return None;
                }
                (word.to_string(), &rest[end..])
            }
        };
        words.push(word);
        let after = after.trim_start();
        rest = match after.strip_prefix(',') {
            Some(next) => next.trim_start(),
            None if after.is_empty() => after,
            None => return None,
        };
    }
    Some(words)
}

/// Whether a script's text runs curl somewhere: `curl …`, `sleep 5 && curl …`.
fn script_runs_curl(script: &str) -> bool {
    script
        .split(|c: char| c.is_whitespace() || ";&|()`".contains(c))
        .any(is_curl)
}

/// The shell command of an exec form's words (see [`exec_array_command`]), when they run curl.
fn exec_words_command(words: &[String]) -> Option<String> {
    let words = match words.first().map(String::as_str) {
        Some("CMD" | "CMD-SHELL") => &words[1..],
        // Cloud Build's `args: ['-c', 'curl …']` for its `entrypoint: bash`
        Some("-c") if words.len() == 2 => &words[1..],
        _ => words,
    };
    if let Some(script) = shell_script(words) {
        return script_runs_curl(script).then(|| script.to_string());
    }
    if let [line] = words
        && line.contains(char::is_whitespace)
    {
        return script_runs_curl(line).then(|| line.clone());
    }
    let program = words.first()?;
    if !is_curl(program) {
        return None;
    }
    Some(
        words
            .iter()
            .map(|word| {
                // a word the shell reads as it is stays bare, so the line reads as written
                let bare = !word.is_empty()
                    && word
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_-./:=@%+,".contains(c));
                // (an exec form runs no shell: a `$` is a `$`)
                if bare {
                    word.clone()
                } else {
                    crate::filters::shell::single_quoted(word)
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The text with each YAML block scalar that holds commands (a GitHub Actions `run: |`, a GitLab
/// or Drone list item `- |`, an Ansible `shell: >`) as the runner gives it to the shell: a
/// literal block's lines without the block's indentation, so that a multi-line body sends the
/// blanks its writer meant; a folded one (`>`) folded as YAML folds it, its lines joined by
/// blanks; and a list item quoted whole (`- 'curl --header "A: b" …'`, as GitLab's docs write
/// one) without its YAML quotes. Every line stays on its line: the line that opens a block
/// becomes an empty one, and a folded block's lines after the first too. A block list of an
/// exec form's words is first written as their command (see [`exec_lists_written`]).
pub(super) fn run_blocks_dedented(text: &str) -> Cow<'_, str> {
    match plain_scalars_joined(text) {
        Cow::Borrowed(text) => lists_and_blocks_read(text),
        Cow::Owned(text) => Cow::Owned(lists_and_blocks_read(&text).into_owned()),
    }
}

/// [`run_blocks_dedented`] of a text whose wrapped plain scalars are joined.
fn lists_and_blocks_read(text: &str) -> Cow<'_, str> {
    let joined = command_and_args_joined(text);
    let listed = match exec_lists_written(&joined) {
        Cow::Borrowed(_) => None,
        Cow::Owned(listed) => Some(listed),
    };
    match (joined, listed) {
        (Cow::Borrowed(text), None) => blocks_dedented(text),
        (_, Some(text)) | (Cow::Owned(text), None) => {
            Cow::Owned(blocks_dedented(&text).into_owned())
        }
    }
}

/// A Kubernetes manifest's text with each `$(NAME)` in a container's `command` or `args` list
/// written `{{NAME}}`, and `$$` as `$`: Kubernetes fills in `$(NAME)` from the container's
/// `env` before it runs anything, no shell needed (`$$(NAME)` is its escape for the text
/// `$(NAME)`), in an exec form's words and a `sh -c` script alike. Also the references read so
/// (`$(API_TOKEN)`), each once; `None` when there is none. Only a list is read (`command:
/// [...]`, or `command:` with its items below): Compose, whose lists these keys also are,
/// refuses a `$(`, and Ansible's `command: curl …` runs no such expansion. A name the manifest
/// gives no variable (`$(date)` in a `sh -c` script, a command substitution the shell runs) is
/// left as written, as Kubernetes leaves it; with `envFrom` (a ConfigMap's or Secret's names,
/// unlisted) a name in capitals counts as given.
pub(super) fn kubernetes_references_read(text: &str) -> Option<(String, Vec<String>)> {
    if !text.contains("$(") {
        return None;
    }
    let given = kubernetes_env_names(text);
    let from_elsewhere = text.contains("envFrom:");
    let defined = |name: &str| {
        given.contains(&name)
            || (from_elsewhere
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
    };
    let mut out = String::with_capacity(text.len());
    let mut read = Vec::new();
    // the column of the `command:` or `args:` key whose list the lines are in
    let mut list_at: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let body = line_content(line);
        let rest = body.trim_start();
        let column = body.len() - rest.len();
        // the list's items are at its key's column or deeper, their lines deeper
        list_at = list_at.filter(|&at| {
            rest.is_empty() || column > at || (column == at && rest.starts_with("- "))
        });
        if list_at.is_none() {
            list_at = ["command", "args"].iter().find_map(|key| {
                let (at, after) = key_line_at(line, key)?;
                (after.is_empty() || after.starts_with('[')).then_some(at)
            });
        }
        match list_at {
            Some(_) => out.push_str(&references_written(line, &defined, &mut read)),
            None => out.push_str(line),
        }
    }
    (!read.is_empty()).then_some((out, read))
}

/// The names a manifest gives its containers' variables (`- name: API_TOKEN` under `env:`;
/// any `name:` of the text, which holds the env's among others).
fn kubernetes_env_names(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for line in text.lines() {
        // `- name: X`, and a flow mapping's `{name: X, …}`
        for (at, _) in line.match_indices("name:") {
            let before = line[..at].trim_end();
            if !(before.is_empty() || before.ends_with(['-', '{', ','])) {
                continue;
            }
            let value = line[at + "name:".len()..].trim_start();
            let value = value
                .split([',', '}'])
                .next()
                .unwrap_or(value)
                .trim()
                .trim_matches(['"', '\'']);
            if crate::sample_values::is_env_name(value) {
                names.push(value);
            }
        }
    }
    names
}

/// `text` with each Kubernetes `$(NAME)` of a name `defined` written `{{NAME}}` (its `$(NAME)`
/// added to `read`, once) and each `$$` as `$`; any other `$` as written.
fn references_written(
    text: &str,
    defined: &dyn Fn(&str) -> bool,
    read: &mut Vec<String>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(escaped) = after.strip_prefix('$') {
            out.push('$');
            rest = escaped;
            continue;
        }
        let name = after
            .strip_prefix('(')
            .and_then(|inside| inside.split_once(')'))
            .map(|(name, _)| name)
            .filter(|name| crate::sample_values::is_env_name(name) && defined(name));
        match name {
            Some(name) => {
                out.push_str(&format!("{{{{{name}}}}}"));
                push_once(read, format!("$({name})"));
                rest = &after[name.len() + 2..];
            }
            None => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text with each YAML plain scalar that runs curl and wraps onto the lines below it joined
/// as YAML joins it, its lines folded with a blank: a list item of a command key's or an exec
/// form's list (Kubernetes' `- curl -fsS -X POST http://svc/run` with `-u admin:pw -d 'a=1'` on
/// the next, more indented line) or a command key's value (`run: curl …`). The joined scalar is
/// on its first line, its other lines left empty. A scalar whose lines end in `\\` is left as
/// it is: YAML would give the shell a `\\ ` (an escaped blank, a word of its own), where its
/// writer meant the line continued, as the shell reads it when the lines stay.
fn plain_scalars_joined(text: &str) -> Cow<'_, str> {
    if !text.contains("curl") {
        return Cow::Borrowed(text);
    }
    lines_rewritten(text, |lines, index| {
        let (at, value) = wrapped_scalar_start(lines, index)?;
        if !script_runs_curl(value) || value.ends_with('\\') {
            return None;
        }
        let mut joined = line_content(lines[index]).trim_end().to_string();
        let mut next = index + 1;
        while let Some(line) = lines.get(next) {
            let body = line_content(line);
            let more = body.trim_start();
            // the scalar's lines are indented past its item's `-` or its key; a comment, a
            // blank line or a key ends it
            if more.is_empty() || more.starts_with('#') || body.len() - more.len() <= at {
                break;
            }
            // a `: ` no plain scalar holds (YAML refuses it): left to the readers as it is
            if more.contains(": ") || more.ends_with('\\') {
                return None;
            }
            // a comment after the words ends the scalar
            let (words, comment) = match more.split_once(" #") {
                Some((words, _)) => (words.trim_end(), true),
                None => (more.trim_end(), false),
            };
            joined.push(' ');
            joined.push_str(words);
            next += 1;
            if comment {
                break;
            }
        }
        if next == index + 1 {
            return None;
        }
        let mut out = format!("{joined}{}", line_break(lines[index]));
        out.extend(lines[index + 1..next].iter().map(|line| line_break(line)));
        Some((out, next))
    })
}

/// Where line `index` starts a plain scalar that may wrap onto the lines below: the column its
/// lines must be indented past (its item's `-`, or its key's first letter), and the scalar's
/// text on the line. An item only in a list that is a command key's or an exec form's value
/// (`script:`, `command:`, `args:`), so that a page's wrapped bullet stays prose.
fn wrapped_scalar_start<'a>(lines: &[&'a str], index: usize) -> Option<(usize, &'a str)> {
    let body = line_content(lines[index]);
    let (key_at, rest) = key_column(body);
    let (at, value) = match rest.split_once(": ") {
        Some((key, value)) if is_command_key(key) => (key_at, value.trim_start()),
        Some(_) => return None,
        None => {
            let dash_at = body.len() - body.trim_start().len();
            if key_at == dash_at || !list_value_of_command_key(lines, index, dash_at) {
                return None;
            }
            (dash_at, rest)
        }
    };
    let plain = !value.is_empty()
        && !value.starts_with([
            '\'', '"', '[', '{', '|', '>', '&', '*', '!', '%', '@', '`', '#',
        ])
        && !value.contains(": ")
        && !value.contains(" #");
    plain.then_some((at, value))
}

/// Whether the list item at line `index`, its `-` at column `dash_at`, is in a list that is the
/// value of a command key or an exec form's key (`script:`, `command:`, `args:`): the key's line
/// above the list's items, at their column or before it.
fn list_value_of_command_key(lines: &[&str], index: usize, dash_at: usize) -> bool {
    for line in lines[..index].iter().rev() {
        let body = line_content(line);
        let rest = body.trim_start();
        let column = body.len() - rest.len();
        // blank lines and comments, the items before it and their lines
        if rest.is_empty()
            || rest.starts_with('#')
            || column > dash_at
            || (column == dash_at && rest.starts_with("- "))
        {
            continue;
        }
        let (_, key) = key_column(body);
        return key.strip_suffix(':').is_some_and(|key| {
            let key = key.trim_matches('"');
            is_command_key(key) || EXEC_LIST_KEYS.contains(&key)
        });
    }
    false
}

/// The text with each YAML block list of an exec form's words that runs curl (a Kubernetes
/// container's `command:` with `- curl`, `- -X`, `- PUT` each on a line of its own; Compose's
/// `test:` with `- CMD`; `- /bin/sh`, `- -c`, `- curl …`) written as the shell command of those
/// words (see [`exec_words_command`]) on the key's line, and the items' lines left empty.
fn exec_lists_written(text: &str) -> Cow<'_, str> {
    if !text.contains("curl") {
        return Cow::Borrowed(text);
    }
    lines_rewritten(text, |lines, index| {
        let (words, next) = EXEC_LIST_KEYS
            .iter()
            .find_map(|key| block_list_words(lines, index, key))?;
        let command = exec_words_command(&words)?;
        // the key stays: a command key's line (`command: curl …`) and a label's (`test: curl
        // …`) are read as commands
        let line = lines[index];
        let body = line_content(line);
        let mut out = format!("{body} {command}{}", &line[body.len()..]);
        out.extend(lines[index + 1..next].iter().map(|item| line_break(item)));
        Some((out, next))
    })
}

/// The text with runs of its lines rewritten, outside here-documents (a file a script writes
/// runs nothing): `rewrite(lines, index)` gives the text that stands for the run starting at
/// line `index`, and the line after the run; every line of the run keeps its line.
fn lines_rewritten(
    text: &str,
    rewrite: impl Fn(&[&str], usize) -> Option<(String, usize)>,
) -> Cow<'_, str> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let here_document = in_here_documents(&lines);
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut index = 0;
    while index < lines.len() {
        match (!here_document[index])
            .then(|| rewrite(&lines, index))
            .flatten()
        {
            Some((rewritten, next)) => {
                out.push_str(&rewritten);
                changed = true;
                index = next;
            }
            None => {
                out.push_str(lines[index]);
                index += 1;
            }
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// A line's line break (`\n`, `\r\n`, or none at the end of the text).
fn line_break(line: &str) -> &str {
    &line[line_content(line).len()..]
}

/// For each line, whether it is a here-document's text (`cat <<'YAML' > job.yaml`): a file
/// the script writes, whose lists run nothing.
fn in_here_documents(lines: &[&str]) -> Vec<bool> {
    let mut inside = Vec::with_capacity(lines.len());
    let mut delimiter: Option<String> = None;
    for line in lines {
        match &delimiter {
            Some(end) => {
                if line_content(line).trim() == end {
                    delimiter = None;
                }
                inside.push(true);
            }
            None => {
                delimiter = heredoc_delimiter(line);
                inside.push(false);
            }
        }
    }
    inside
}

/// A line without its line break.
fn line_content(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
}

/// Where line `index` is the YAML key `key` (`command:`, also as a list item's `- command:`), the
/// key's column and what follows its `:`.
fn key_line_at(line: &str, key: &str) -> Option<(usize, String)> {
    let (at, rest) = key_column(line);
    let rest = rest
        .strip_prefix(key)
        .or_else(|| rest.strip_prefix(&format!("\"{key}\"")))?;
    Some((at, rest.strip_prefix(':')?.trim().to_string()))
}

/// The column a YAML line's key starts at (after a list item's `- `), and the line from there.
fn key_column(line: &str) -> (usize, &str) {
    let body = line_content(line);
    let rest = body.trim_start();
    let at = body.len() - rest.len();
    match rest.strip_prefix("- ") {
        Some(key) => (
            at + 2 + (key.len() - key.trim_start().len()),
            key.trim_start(),
        ),
        None => (at, rest),
    }
}

/// The line of the key `key` in the same YAML map as the key at line `index` and column `at`,
/// before it or after it.
fn sibling_key(lines: &[&str], index: usize, at: usize, key: &str) -> Option<usize> {
    let is_key =
        |line: usize| key_line_at(lines[line], key).is_some_and(|(column, _)| column == at);
    let indentation = |line: &str| {
        let body = line_content(line);
        (!body.trim().is_empty() && !body.trim_start().starts_with('#'))
            .then(|| body.len() - body.trim_start().len())
    };
    // after it: the map's keys at its column, their values deeper
    for (line, text) in lines.iter().enumerate().skip(index + 1) {
        match indentation(text) {
            None => continue,
            Some(column) if column > at => continue,
            Some(column) if column == at && is_key(line) => return Some(line),
            Some(column) if column == at => continue,
            Some(_) => break,
        }
    }
    // before it, up to the list item's `- ` that starts the map
    for line in (0..index).rev() {
        match indentation(lines[line]) {
            None => continue,
            Some(column) if column > at => continue,
            Some(_) if is_key(line) => return Some(line),
            Some(column) if column == at => continue,
            Some(_) => break,
        }
    }
    None
}

/// The words of the block list under the YAML key `key` on line `index` (`command:`, then `-
/// curl`, `- -X`…, each item a scalar), and the line after the list. `None` when the line is no
/// such key, or an item is no scalar.
fn block_list_words(lines: &[&str], index: usize, key: &str) -> Option<(Vec<String>, usize)> {
    let (key_at, after) = key_line_at(lines[index], key)?;
    if !after.is_empty() {
        return None;
    }
    let mut words = Vec::new();
    let mut next = index + 1;
    let mut items_at = None;
    while next < lines.len() {
        let item_line = line_content(lines[next]);
        let item = item_line.trim_start();
        let at = item_line.len() - item.len();
        // a comment or a blank line among the items
        if item.starts_with('#') || (item.is_empty() && !words.is_empty()) {
            next += 1;
            continue;
        }
        let Some(value) = item.strip_prefix("- ") else {
            break;
        };
        if at < key_at || items_at.is_some_and(|items_at| items_at != at) {
            break;
        }
        items_at = Some(at);
        // a block scalar, a map or a list is no list of words
        words.push(yaml_plain_scalar(value)?);
        next += 1;
    }
    (!words.is_empty()).then_some((words, next))
}

/// The words the YAML key `key` on line `index` gives, as a flow list on its line (`command:
/// ["curl"]`) or a block list under it, and the line after them.
fn key_words_at(lines: &[&str], index: usize, key: &str) -> Option<(usize, Vec<String>, usize)> {
    let (at, after) = key_line_at(lines[index], key)?;
    if after.starts_with('[') && after.ends_with(']') {
        return Some((at, flow_list_words(&after)?, index + 1));
    }
    let (words, next) = block_list_words(lines, index, key)?;
    Some((at, words, next))
}

/// The text with a container's `command:` and its `args:` (Kubernetes' `command: ["curl"]` with
/// `args:` `- -X`, `- POST`…, in either order, other keys between) joined as one flow list of
/// their words on the `args:` line, when together they run curl, and the `command:` lines left
/// empty: the container runs the command's words, then the arguments'.
fn command_and_args_joined(text: &str) -> Cow<'_, str> {
    if !text.contains("args") || !text.contains("curl") {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let here_document = in_here_documents(&lines);
    let mut replaced: Vec<Option<String>> = vec![None; lines.len()];
    for index in 0..lines.len() {
        if here_document[index] || replaced[index].is_some() {
            continue;
        }
        let Some((at, command, end)) = key_words_at(&lines, index, "command") else {
            continue;
        };
        let Some(args_index) = sibling_key(&lines, index, at, "args") else {
            continue;
        };
        let Some((_, args, args_end)) = key_words_at(&lines, args_index, "args") else {
            continue;
        };
        let words: Vec<String> = command.into_iter().chain(args).collect();
        if here_document[args_index] || exec_words_command(&words).is_none() {
            continue;
        }
        for line in (index..end).chain(args_index + 1..args_end) {
            replaced[line] = Some(line_break(lines[line]).to_string());
        }
        let args_line = lines[args_index];
        let body = line_content(args_line);
        replaced[args_index] = Some(format!(
            "{}args: {}{}",
            &body[..at],
            serde_json::to_string(&words).expect("words serialize"),
            line_break(args_line)
        ));
    }
    if replaced.iter().all(Option::is_none) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        lines
            .iter()
            .zip(replaced)
            .map(|(line, replaced)| replaced.unwrap_or_else(|| line.to_string()))
            .collect(),
    )
}

/// The YAML keys whose list is an exec form's words: a container's `command`, `args` and
/// `entrypoint` (Kubernetes, Compose), a healthcheck's `test`, Ansible's `argv`. (A cloud-init
/// `packages:` list that names curl is no command.)
const EXEC_LIST_KEYS: [&str; 6] = ["command", "args", "entrypoint", "test", "argv", "cmd"];

/// A YAML list item's value when it is a scalar on its line: plain (a comment after it left
/// out), single-quoted or double-quoted. `None` for a block scalar, a map, a list or an alias.
fn yaml_plain_scalar(value: &str) -> Option<String> {
    let value = value.trim();
    // a quoted scalar, and a comment after it or nothing
    if value.starts_with(['\'', '"']) {
        let (word, rest) = quoted_scalar(value)?;
        let rest = rest.trim_start();
        return (rest.is_empty() || rest.starts_with('#')).then_some(word);
    }
    if value.is_empty() || value.starts_with(['[', '{', '|', '>', '&', '*', '!', '%', '@', '`']) {
        return None;
    }
    let value = value.split(" #").next().unwrap_or(value).trim_end();
    (!value.contains(": ") && !value.ends_with(':')).then(|| value.to_string())
}

fn blocks_dedented(text: &str) -> Cow<'_, str> {
    if !text
        .lines()
        .any(|line| block_scalar_opened(line).is_some() || quoted_item(line).is_some())
    {
        return Cow::Borrowed(text);
    }
    let indentation = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let content = |line: &str| line.trim_end_matches(['\n', '\r']).len();
    let mut out = String::with_capacity(text.len());
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let body = &line[..content(line)];
        index += 1;
        if let Some((indent, unquoted)) = quoted_item(body) {
            out.push_str(&" ".repeat(indent + 2));
            out.push_str(&unquoted);
            out.push_str(&line[body.len()..]);
            continue;
        }
        // a one-line item or key that runs curl (`- curl …`, `- run: curl …`) is a line of the
        // script as the blocks' lines are: its marker and key, blanked, would otherwise read as
        // a session's prompt, and the blocks' lines as its output
        if let Some(command_at) = one_line_command(body) {
            out.push_str(&" ".repeat(command_at));
            out.push_str(&line[command_at..]);
            continue;
        }
        let Some(folded) = block_scalar_opened(body) else {
            out.push_str(line);
            continue;
        };
        out.push_str(&line[body.len()..]);
        let key_at = indentation(body);
        // the block: the lines indented past its key, and the blank lines among them
        let first = index;
        while index < lines.len() {
            let inner = &lines[index][..content(lines[index])];
            if !inner.trim().is_empty() && indentation(inner) <= key_at {
                break;
            }
            index += 1;
        }
        // blank lines after the block's last line are the text's, not the block's
        let mut last = index;
        while last > first && lines[last - 1].trim().is_empty() {
            last -= 1;
        }
        let block = &lines[first..last];
        let inner_at = block
            .iter()
            .find(|line| !line.trim().is_empty())
            .map_or(0, |line| indentation(line));
        let dedented: Vec<&str> = block
            .iter()
            .map(|line| &line[inner_at.min(indentation(line))..])
            .collect();
        if folded {
            let text = folded_lines(&dedented);
            let breaks = text.matches('\n').count();
            out.push_str(&text);
            out.push('\n');
            // the block's other lines, empty
            for _ in breaks + 1..block.len() {
                out.push('\n');
            }
        } else {
            for line in dedented {
                out.push_str(line);
            }
        }
        for line in &lines[last..index] {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// Whether `line` opens a YAML block scalar that holds commands: a key's (`run: |`,
/// `script: >-`, `ansible.builtin.shell: |`) or a list item's (`- |`), and whether it is folded.
fn block_scalar_opened(line: &str) -> Option<bool> {
    let key = line.trim_start();
    let (before, indicator) = match key.strip_prefix("- ") {
        Some(item) if item.trim_start().starts_with(['|', '>']) => ("", item.trim()),
        _ => {
            let key = key.strip_prefix("- ").unwrap_or(key).trim_start();
            let (name, indicator) = key.split_once(':')?;
            (name, indicator.trim())
        }
    };
    if !before.is_empty() && !is_command_key(before) {
        return None;
    }
    let mut chars = indicator.chars();
    let folded = match chars.next()? {
        '|' => false,
        '>' => true,
        _ => return None,
    };
    // chomping and indentation indicators only: `|-`, `>+`, `|2`
    chars
        .all(|c| matches!(c, '-' | '+') || c.is_ascii_digit())
        .then_some(folded)
}

/// The YAML keys whose block scalar is a shell's commands: a workflow's `run`, GitLab's and
/// Tekton's `script`, Drone's `commands`, Ansible's `shell` and `command`, Packer's `inline`.
const COMMAND_KEYS: &[&str] = &[
    "run",
    "script",
    "before_script",
    "after_script",
    "commands",
    "command",
    "shell",
    "cmd",
    "inline",
];

/// Whether `key` is a YAML key of [`COMMAND_KEYS`], qualified too (`ansible.builtin.shell`).
fn is_command_key(key: &str) -> bool {
    is_key_name(key) && COMMAND_KEYS.contains(&key.rsplit('.').next().unwrap_or(key))
}

/// Whether `key` is a plain key's name, as YAML and plain-text labels write one: letters,
/// digits, `_`, `-` and `.` (`ansible.builtin.shell`).
fn is_key_name(key: &str) -> bool {
    key.chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Where the command of a YAML line that runs curl on one line starts: after a list item's
/// `- ` (`- curl …`), a command key (`run: curl …`, `- script: curl …`), or both.
fn one_line_command(line: &str) -> Option<usize> {
    let mut rest = line.trim_start();
    if let Some(item) = rest.strip_prefix("- ") {
        rest = item.trim_start();
    }
    if let Some((key, value)) = rest.split_once(": ")
        && is_command_key(key)
    {
        rest = value.trim_start();
    }
    (rest.len() < line.len() && rest.split_whitespace().next().is_some_and(is_curl))
        .then(|| line.len() - rest.len())
}

/// YAML's folding of a `>` block's lines (dedented): lines of text joined by a blank, a blank
/// line a line break, and the line breaks around a more indented line kept.
fn folded_lines(lines: &[&str]) -> String {
    let mut out = String::new();
    let mut blanks = 0;
    // whether the last line of text was more indented
    let mut last: Option<bool> = None;
    for line in lines {
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            blanks += 1;
            continue;
        }
        let more = line.starts_with([' ', '\t']);
        match last {
            None => out.push_str(&"\n".repeat(blanks)),
            Some(false) if !more && blanks == 0 => out.push(' '),
            Some(false) if !more => out.push_str(&"\n".repeat(blanks)),
            Some(_) => out.push_str(&"\n".repeat(blanks + 1)),
        }
        out.push_str(line);
        last = Some(more);
        blanks = 0;
    }
    out
}

/// A YAML list item quoted whole that runs curl (`- 'curl --header "A: b" https://…'`): its
/// indentation and its text, unquoted as YAML unquotes it. `None` for any other line, and for a
/// double-quoted item with an escape other than `\"`, `\\` and `\/`.
fn quoted_item(line: &str) -> Option<(usize, String)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let item = line[indent..].strip_prefix("- ")?.trim();
    let text = if let Some(inner) = item.strip_prefix('\'').and_then(|i| i.strip_suffix('\'')) {
        // a lone `'` inside would have ended the scalar
        if inner.replace("''", "").contains('\'') {
            return None;
        }
        inner.replace("''", "'")
    } else {
        let inner = item.strip_prefix('"')?.strip_suffix('"')?;
        let mut text = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next()? {
                    escaped @ ('"' | '\\' | '/') => text.push(escaped),
                    _ => return None,
                },
                '"' => return None,
                c => text.push(c),
            }
        }
        text
    };
    text.split_whitespace()
        .next()
        .is_some_and(is_curl)
        .then_some((indent, text))
}

/// A Jenkinsfile's `sh` steps that run curl (`sh "curl …"`, `sh '…'`, `sh """…"""`, `sh
/// '''…'''`, `sh(script: "…")`), each script as Groovy gives it to the shell, on the line its
/// string starts on, the text's other lines left empty so that notes name the file's lines;
/// and what Groovy fills in, as written (see [`groovy_string`]). `None` when there is no such
/// step.
pub(super) fn jenkins_sh_steps(text: &str) -> Option<(String, Vec<String>)> {
    // a step commented out runs nothing (`// sh "curl -X DELETE …"`)
    let uncommented = groovy_comments_blanked(text);
    let text = uncommented.as_str();
    let mut steps: Vec<(usize, String)> = Vec::new();
    let mut filled = Vec::new();
    let mut at = 0;
    while let Some(found) = text[at..].find("sh") {
        let start = at + found;
        at = start + 2;
        // `sh` as a word of its own, not `bash` or `this.sh`
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '/')) {
            continue;
        }
        let mut after = text[at..].trim_start_matches([' ', '\t']);
        if let Some(call) = after.strip_prefix('(') {
            after = call.trim_start();
        }
        if let Some(named) = after.strip_prefix("script:") {
            after = named.trim_start();
        }
        let offset = text.len() - after.len();
        let mut step_filled = Vec::new();
        let Some((script, length)) = groovy_string(after, &mut step_filled) else {
            continue;
        };
        at = offset + length;
        if script_runs_curl(&script) {
            steps.push((offset, script));
            for written in step_filled {
                push_once(&mut filled, written);
            }
        }
    }
    if steps.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut line = 0;
    for (offset, script) in steps {
        let step_line = text[..offset].matches('\n').count();
        // a step on the line another ends on goes on the next
        let breaks = if out.is_empty() {
            step_line
        } else {
            step_line.saturating_sub(line).max(1)
        };
        out.push_str(&"\n".repeat(breaks));
        out.push_str(&script);
        line = step_line.max(line + 1) + script.matches('\n').count();
    }
    out.push('\n');
    Some((out, filled))
}

/// `text` with its Groovy comments (`// …` to the line's end, `/* … */`) blanked out byte for
/// byte, line breaks kept, so that every place in it is where it was; a `//` or `/*` in a
/// string (`"https://…"`) is the string's.
fn groovy_comments_blanked(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut index = 0;
    // the quote of the string being read: one of `'`, `"`, and the two tripled
    let mut quote: Option<&[u8]> = None;
    while index < bytes.len() {
        let rest = &bytes[index..];
        if let Some(open) = quote {
            if rest[0] == b'\\' {
                index += 2;
            } else if rest.starts_with(open) {
                index += open.len();
                quote = None;
            } else {
                index += 1;
            }
            continue;
        }
        let comment_length = if rest.starts_with(b"//") {
            Some(rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len()))
        } else if rest.starts_with(b"/*") {
            Some(
                rest[2..]
                    .windows(2)
                    .position(|pair| pair == b"*/")
                    .map_or(rest.len(), |end| end + 4),
            )
        } else {
            None
        };
        if let Some(length) = comment_length {
            for byte in &mut out[index..index + length] {
                if *byte != b'\n' {
                    *byte = b' ';
                }
            }
            index += length;
            continue;
        }
        let quotes: [&[u8]; 4] = [b"'''", b"\"\"\"", b"'", b"\""];
        quote = quotes.into_iter().find(|open| rest.starts_with(open));
        index += quote.map_or(1, <[u8]>::len);
    }
    String::from_utf8(out).expect("only whole characters were blanked")
}

/// A Groovy string literal at the start of `text` (`'…'`, `"…"`, `'''…'''`, `"""…"""`) as its
/// text, its escapes read (`\"` a `"`, `\\` a `\`, `\$` a `$`), and its length as written. In
/// a double-quoted one, what Groovy fills in before the shell runs, `${NAME}`, `$NAME` or a
/// dotted name (`${env.TOKEN}`, `${params.TAG}`), is the `{{variable}}` of that name (`env.`
/// left off, as `$TOKEN` would be), even in the script's single quotes; it is added to `filled`
/// as written. Another expression (`${x.trim()}`) is left as written. A `\` ending a line of a
/// triple-quoted string is kept with its line break: Groovy joins the lines, as the shell
/// would. `None` when `text` starts with no string, or it never closes.
fn groovy_string(text: &str, filled: &mut Vec<String>) -> Option<(String, usize)> {
    let quote = ["'''", "\"\"\"", "'", "\""]
        .into_iter()
        .find(|quote| text.starts_with(quote))?;
    let interpolated = quote.starts_with('"');
    let inside = &text[quote.len()..];
    let mut script = String::new();
    let mut chars = inside.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => match chars.next()?.1 {
                'n' => script.push('\n'),
                't' => script.push('\t'),
                '\n' => script.push_str("\\\n"),
                escaped => script.push(escaped),
            },
            '\n' if quote.len() == 1 => return None,
            '$' if interpolated => match groovy_interpolation(&inside[at..]) {
                Some((written, name)) => {
                    script.push_str(&format!("{{{{{name}}}}}"));
                    for _ in 1..written.chars().count() {
                        chars.next();
                    }
                    push_once(filled, written.to_string());
                }
                None => script.push('$'),
            },
            _ if inside[at..].starts_with(quote) => {
                return Some((script, 2 * quote.len() + at));
            }
            c => script.push(c),
        }
    }
    None
}

/// The interpolation of a name at the start of `text` (`${NAME}`, `$NAME`, `${env.TOKEN}`,
/// `$params.TAG`) as written, and the variable's name (`env.` left off). `None` for another
/// expression, or a `$` that starts none.
fn groovy_interpolation(text: &str) -> Option<(&str, &str)> {
    let is_name = |name: &str| name.split('.').all(crate::sample_values::is_env_name);
    let (written, name) = match text[1..].strip_prefix('{') {
        Some(braced) => {
            let name = &braced[..braced.find('}')?];
            (&text[..name.len() + 3], name)
        }
        None => {
            let length = text[1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(text.len() - 1);
            // a sentence's `.` after the name is no part of it
            let name = text[1..1 + length].trim_end_matches('.');
            (&text[..name.len() + 1], name)
        }
    };
    is_name(name).then(|| (written, name.strip_prefix("env.").unwrap_or(name)))
}

/// A Makefile's text with each recipe line as make hands it to the shell: a variable,
/// `$(API_URL)` or `${API_URL}`, as `{{API_URL}}` (its value is make's, wherever it stands,
/// even in single quotes), and `$$` as the shell's `$`. Also what it read so, each once;
/// none when the text has no rule with a recipe (a line `target:` and a tab-indented line
/// after it). `$(shell …)` and make's other functions are left as written, and listed last.
pub(super) fn makefile_expanded(text: &str) -> Option<MakefileRead> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_rule = |line: &str| {
        let line = line.trim_end();
        !line.starts_with(['\t', ' ', '#'])
            && !line.contains(":=")
            && line.split_once(':').is_some_and(|(targets, _)| {
                !targets.trim().is_empty()
                    && targets
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_-./%$() ".contains(c))
            })
    };
    // a rule, and its recipe's first line after it (blank lines may come between)
    let has_recipe = lines.iter().enumerate().any(|(index, line)| {
        is_rule(line)
            && lines[index + 1..]
                .iter()
                .find(|next| !next.trim().is_empty())
                .is_some_and(|next| next.starts_with('\t'))
    });
    if !has_recipe {
        return None;
    }
    let is_name = |name: &str| {
        name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    let mut out = String::with_capacity(text.len());
    let mut read: Vec<String> = Vec::new();
    let mut functions: Vec<String> = Vec::new();
    let mut definitions: Vec<(String, String)> = Vec::new();
    let mut continued = false;
    for line in lines {
        let recipe = line.starts_with('\t') || continued;
        let starts_command = recipe && !continued;
        continued = recipe && line.trim_end_matches(['\n', '\r']).ends_with('\\');
        if !recipe {
            match make_definition(line) {
                // make's, not the shell's: its value is offered as the variable's
                Some((name, value)) => {
                    out.push('\n');
                    definitions.retain(|(known, _)| known != name);
                    definitions.push((name.to_string(), value.to_string()));
                }
                None => out.push_str(line),
            }
            continue;
        }
        // `@curl …`, `-curl …`: make's marks before a recipe's command (silent, errors ignored)
        let mut rest = match line.strip_prefix('\t') {
            Some(command) if starts_command => {
                let command = command.trim_start_matches(['@', '-', '+']);
                out.push('\t');
                command
            }
            _ => line,
        };
        while let Some(at) = rest.find('$') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            if let Some(after_escape) = after.strip_prefix('$') {
                out.push('$');
                push_once(&mut read, "$$".into());
                rest = after_escape;
                continue;
            }
            let close = match after.chars().next() {
                Some('(') => ')',
                Some('{') => '}',
                _ => {
                    out.push('$');
                    rest = after;
                    continue;
                }
            };
            match after.find(close).filter(|&end| is_name(&after[1..end])) {
                Some(end) => {
                    let name = &after[1..end];
                    out.push_str(&format!("{{{{{name}}}}}"));
                    push_once(&mut read, format!("$({name})"));
                    rest = &after[end + 1..];
                }
                None => {
                    if let Some((function, _)) = after[1..].split_once(' ')
                        && is_name(function)
                    {
                        push_once(&mut functions, format!("$({function} …)"));
                    }
                    out.push('$');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
    }
    (!read.is_empty() || !functions.is_empty()).then_some(MakefileRead {
        text: out,
        read,
        functions,
        definitions,
        tool: "Makefile",
        runner: "make",
        scripts: "recipes",
        values_given: MAKE_VALUES_GIVEN,
    })
}

/// A justfile's text (a recipe, `name:` then its indented lines, and a variable set with
/// `NAME := "value"`) without its assignments, which are the definitions offered; the recipes'
/// `{{NAME}}` interpolations are already variables as a spec writes them. `None` for a text
/// that is no justfile.
pub(super) fn justfile_read(text: &str) -> Option<MakefileRead> {
    let assignment = |line: &str| {
        let line = line.trim_end();
        let line = line.strip_prefix("export ").unwrap_or(line);
        let (name, value) = line.split_once(":=")?;
        let name = name.trim();
        let valid = !line.starts_with([' ', '\t'])
            && crate::sample_values::is_env_name(name)
            && !value.trim_start().starts_with('=');
        valid.then(|| (name.to_string(), value.trim().to_string()))
    };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let recipe = lines.iter().enumerate().any(|(index, line)| {
        let header = line.trim_end();
        !header.starts_with([' ', '\t', '#'])
            && header.ends_with(':')
            && header[..header.len() - 1]
                .split_whitespace()
                .next()
                .is_some_and(|name| {
                    name.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_-".contains(c))
                })
            && lines
                .get(index + 1)
                .is_some_and(|next| next.starts_with([' ', '\t']) && !next.trim().is_empty())
    });
    // what says just, not make: a `:=` assignment, a recipe's parameter with its default
    // (`infer prompt="hi":`), or a shebang recipe (`#!/usr/bin/env bash` its first line)
    let shebang_recipe = lines.windows(2).any(|pair| {
        !pair[0].starts_with([' ', '\t'])
            && pair[0].trim_end().ends_with(':')
            && pair[1].trim_start().starts_with("#!")
            && pair[1].starts_with([' ', '\t'])
    });
    let parameters: Vec<(String, String)> = lines
        .iter()
        .flat_map(|line| just_parameter_defaults(line))
        .collect();
    if !recipe
        || !(lines.iter().any(|line| assignment(line).is_some())
            || !parameters.is_empty()
            || shebang_recipe)
    {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    // a parameter's default is what the recipe gets when its call gives none
    let mut definitions: Vec<(String, String)> = parameters;
    // the indentation of the recipe being read, which just takes off its lines
    let mut recipe_indent: Option<usize> = None;
    for line in &lines {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let line = if indent == 0 || line.trim().is_empty() {
            if !line.trim().is_empty() {
                recipe_indent = None;
            }
            *line
        } else {
            let taken = *recipe_indent.get_or_insert(indent);
            &line[taken.min(indent)..]
        };
        // a recipe's command named by a variable (`{{CURL}} "{{HOST}}/x"`, `CURL := "curl -s"`):
        // the command just gives the shell
        let indent = line.len() - line.trim_start().len();
        let command = definitions.iter().find_map(|(name, value)| {
            let rest = line[indent..].strip_prefix(&format!("{{{{{name}}}}}"))?;
            value
                .split_whitespace()
                .next()
                .is_some_and(is_curl)
                .then(|| format!("{}{}{rest}", &line[..indent], value.trim_end()))
        });
        if let Some(command) = command {
            out.push_str(&command);
            continue;
        }
        // a recipe's header (`infer prompt="hi":`) and a setting (`set shell := ["bash",
        // "-c"]`) are just's, not the shell's
        let header = line.trim_end();
        let setting = header.strip_prefix("set ").is_some_and(|rest| {
            // `set dotenv-load`, `set shell := […]`; the shell's `set -e` is the shell's
            let name = rest.split_whitespace().next().unwrap_or_default();
            name.starts_with(|c: char| c.is_ascii_lowercase())
                && (rest.trim() == name || rest.contains(":="))
        });
        if setting || just_recipe_header(line).is_some() {
            out.push_str(if line.ends_with('\n') { "\n" } else { "" });
            continue;
        }
        match assignment(line) {
            Some((name, value)) => {
                // a quoted string's text; anything else (an expression, a backtick's command)
                // is not known here
                let unquoted = ['"', '\'']
                    .iter()
                    .find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q))
                    .filter(|text| !text.contains(['"', '\'', '\\']));
                if let Some(text) = unquoted {
                    definitions.retain(|(known, _)| *known != name);
                    definitions.push((name, text.to_string()));
                }
                out.push_str(if line.ends_with('\n') { "\n" } else { "" });
            }
            None => out.push_str(line),
        }
    }
    Some(MakefileRead {
        text: out,
        read: Vec::new(),
        functions: Vec::new(),
        definitions,
        tool: "justfile",
        runner: "make",
        scripts: "recipes",
        values_given: MAKE_VALUES_GIVEN,
    })
}

/// A justfile recipe's header without its `:` (`infer prompt="hi"`), when `line` is one: at the
/// line's start, ending in its only `:`.
fn just_recipe_header(line: &str) -> Option<&str> {
    let header = line.trim_end().strip_suffix(':')?;
    (!line.starts_with([' ', '\t', '#']) && !header.contains(':')).then_some(header)
}

/// The parameters with a default of a justfile recipe's header (`infer prompt="hi" n='2':`), as
/// names and unquoted defaults; none for any other line.
fn just_parameter_defaults(line: &str) -> Vec<(String, String)> {
    let Some(header) = just_recipe_header(line) else {
        return Vec::new();
    };
    header
        .split_whitespace()
        .skip(1)
        .filter_map(|parameter| {
            let (name, default) = parameter.split_once('=')?;
            let name = name.trim_start_matches(['+', '*', '$']);
            // a quoted text; an unquoted default is an expression (`url=server_url`)
            let default = ['"', '\'']
                .iter()
                .find_map(|q| default.strip_prefix(*q)?.strip_suffix(*q))?;
            (crate::sample_values::is_env_name(name) && !default.contains(['"', '\'', '\\']))
                .then(|| (name.to_string(), default.to_string()))
        })
        .collect()
}

/// A make variable's definition a line holds, `URL ?= http://localhost:8006` (`=`, `:=`, `::=`,
/// `?=`, after `export` or `override`), as its name and value, when the value is text (no
/// variable or function of make's in it).
fn make_definition(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_end_matches(['\n', '\r']);
    let line = line
        .strip_prefix("export ")
        .or_else(|| line.strip_prefix("override "))
        .unwrap_or(line);
    let at = line.find('=')?;
    let name = line[..at].trim_end_matches([':', '?']).trim();
    if line[..at].trim_end().ends_with('+') || !crate::sample_values::is_env_name(name) {
        return None;
    }
    let value = line[at + 1..].trim();
    (!value.contains('$') && !value.contains('#')).then_some((name, value))
}

/// Whether `text` is a Taskfile: `version:` and `tasks:` at its top level.
fn is_taskfile(text: &str) -> bool {
    text.lines()
        .any(|line| line.trim_end() == "tasks:" || line.starts_with("tasks: "))
        && text.lines().any(|line| line.starts_with("version:"))
}

/// A Taskfile's text (`version: '3'`, `tasks:`) with each of its Go templates' variables,
/// `{{.VERSION}}`, as the variable `{{VERSION}}`, which task fills in before the shell runs;
/// the values its `vars:` give are offered as theirs.
pub(super) fn taskfile_read(text: &str) -> Option<MakefileRead> {
    if !is_taskfile(text) {
        return None;
    }
    let mut read: Vec<String> = Vec::new();
    let out = crate::sample_values::map_variables(text, |inner| {
        let name = inner
            .trim()
            .strip_prefix('.')
            .filter(|name| crate::sample_values::is_env_name(name))?;
        push_once(&mut read, format!("{{{{{inner}}}}}"));
        Some(format!("{{{{{name}}}}}"))
    });
    if read.is_empty() {
        return None;
    }
    // `vars:` entries, `NAME: value`, one level in
    let mut definitions: Vec<(String, String)> = Vec::new();
    let mut vars_at: Option<usize> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let content = line.trim();
        if content.is_empty() {
            continue;
        }
        if let Some(at) = vars_at {
            if indent > at
                && let Some((name, value)) = content.split_once(':')
                && crate::sample_values::is_env_name(name)
            {
                let value = value.trim().trim_matches(['"', '\'']);
                if !value.is_empty() && !value.contains("{{") {
                    definitions.retain(|(known, _)| known != name);
                    definitions.push((name.to_string(), value.to_string()));
                }
                continue;
            }
            vars_at = None;
        }
        if content == "vars:" {
            vars_at = Some(indent);
        }
    }
    Some(MakefileRead {
        text: out,
        read,
        functions: Vec::new(),
        definitions,
        tool: "Taskfile",
        runner: "task",
        scripts: "recipes",
        values_given: "their values before the shell runs them (`{{.NAME}}` is the variable `{{NAME}}`)",
    })
}

/// Whether a text is an Azure Pipelines file: a step that runs a script (`- script:`, `-
/// bash:`, `- pwsh:`, `- powershell:`), in a file with a trigger, a pool or a task.
pub(super) fn is_azure_pipelines(text: &str) -> bool {
    let step = |line: &str| {
        let line = line.trim_start();
        ["- script:", "- bash:", "- pwsh:", "- powershell:"]
            .iter()
            .any(|key| line.starts_with(key))
    };
    let pipeline = |line: &str| {
        ["trigger:", "pr:", "pool:"]
            .iter()
            .any(|key| line.starts_with(key))
            || ["vmImage:", "- task:"]
                .iter()
                .any(|key| line.trim_start().starts_with(key))
    };
    // (a step's block, `- script: |`, is read by then: its key's line is empty)
    let steps = |line: &str| matches!(line.trim(), "steps:" | "jobs:" | "stages:");
    (text.lines().any(step) || text.lines().any(steps)) && text.lines().any(pipeline)
}

/// An Azure Pipelines file's text with each macro its runner fills in before the shell runs,
/// `$(System.AccessToken)`, `$(apiToken)`, as the variable `{{System.AccessToken}}`: a name
/// with a `.` or a capital, or one the file's `variables:` define. A lower-case name it does
/// not define (`$(date)`, `$(whoami)`) is the shell's command substitution, as Azure leaves it.
pub(super) fn azure_pipelines_read(text: &str) -> Option<MakefileRead> {
    if !is_azure_pipelines(text) || !text.contains("$(") {
        return None;
    }
    // `variables:` as a map (`apiUrl: …`) or a list (`- name: apiUrl`, `value: …`)
    let mut definitions: Vec<(String, String)> = Vec::new();
    let mut variables_at: Option<usize> = None;
    let mut listed: Option<String> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let content = line.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some(at) = variables_at {
            if indent > at || (indent == at && content.starts_with("- ")) {
                let entry = content.strip_prefix("- ").unwrap_or(content);
                if let Some((key, value)) = entry.split_once(':') {
                    let value = value.trim().trim_matches(['"', '\'']).to_string();
                    match key.trim() {
                        "name" => listed = Some(value),
                        "value" => {
                            if let Some(name) = listed.take() {
                                definitions.push((name, value));
                            }
                        }
                        name if crate::sample_values::is_variable_name(name) => {
                            definitions.push((name.to_string(), value))
                        }
                        _ => {}
                    }
                }
                continue;
            }
            variables_at = None;
        }
        if content == "variables:" {
            variables_at = Some(indent);
        }
    }
    let defined = |name: &str| definitions.iter().any(|(known, _)| known == name);
    let mut read: Vec<String> = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("$(") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let name = after.split(')').next().unwrap_or_default();
        let is_macro = after.len() > name.len()
            && crate::sample_values::is_variable_name(name)
            && name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && (name.contains('.')
                || name.contains(|c: char| c.is_ascii_uppercase())
                || defined(name));
        if is_macro {
            push_once(&mut read, format!("$({name})"));
            out.push_str("{{");
            out.push_str(name);
            out.push_str("}}");
            rest = &after[name.len() + 1..];
        } else {
            out.push_str("$(");
            rest = after;
        }
    }
    out.push_str(rest);
    if read.is_empty() {
        return None;
    }
    // only the values of the macros read are offered
    definitions.retain(|(name, value)| {
        !value.is_empty() && !value.contains("$(") && read.contains(&format!("$({name})"))
    });
    Some(MakefileRead {
        text: out,
        read,
        functions: Vec::new(),
        definitions,
        tool: "Azure Pipelines file",
        runner: "Azure Pipelines",
        scripts: "steps",
        values_given: "their values before the shell runs them (a macro `$(name)` is the variable `{{name}}`, even in single quotes)",
    })
}

/// A Makefile's text as make hands its recipes to the shell ([`makefile_expanded`]).
pub(super) struct MakefileRead {
    pub text: String,
    /// The variables and `$$` given their values, as written, each once.
    pub read: Vec<String>,
    /// The functions (`$(shell …)`) left as written, whose output is not known here.
    pub functions: Vec<String>,
    /// The variables the Makefile defines with a text (`URL ?= http://localhost:8006`), each
    /// once with its last value, offered as theirs; their lines are left out.
    pub definitions: Vec<(String, String)>,
    /// What the file is, as a note names it: `Makefile`, `justfile`, and what runs its recipes
    /// (`make`, `task`).
    pub tool: &'static str,
    pub runner: &'static str,
    /// What the runner runs, as a note names it: `recipes`, an Azure Pipelines file's `steps`.
    pub scripts: &'static str,
    /// What its runner gives the variables read, as a note says it.
    pub values_given: &'static str,
}

/// What make gives a recipe's variables, as a note says it (of a justfile's too).
const MAKE_VALUES_GIVEN: &str = "their values before the shell runs them (a make variable `$(NAME)` is the variable `{{NAME}}`, even in single quotes, and `$$` the shell's `$`)";

/// The text without what documentation puts around a command: a prompt before `curl` (`$`,
/// `>`, `%`, `user@host:~$`, `shell>`, `PS C:\>`, a comment block's `*`) and the `> ` a shell
/// (`>> ` PowerShell) shows before each continued line after one, Markdown's backquotes around
/// the whole, or the
/// fence lines of a Markdown code block around it (```` ```bash ```` first, ```` ``` ```` last).
pub(super) fn without_prompts(text: &str, root: bool) -> String {
    let whole = text;
    let text = without_fences(text);
    // blanks for the lines left out before the text keep each command on its line
    let lines_before = whole[..text.as_ptr() as usize - whole.as_ptr() as usize]
        .matches('\n')
        .count();
    let mut out = "\n".repeat(lines_before);
    let trimmed = text.trim();
    // a code span, `` `curl …` `` or ```` ```curl …``` ```` on one line as issues write it
    fn code_span(line: &str) -> Option<&str> {
        let line = line.trim();
        let marks = line.len() - line.trim_start_matches('`').len();
        (marks > 0
            && line.len() > 2 * marks
            && line.ends_with(&"`".repeat(marks))
            && line.matches('`').count() == 2 * marks)
            .then(|| &line[marks..line.len() - marks])
    }
    if let Some(inner) = code_span(trimmed) {
        out.push_str(inner);
        return out;
    }
    // one on each line (a README's list of commands), each on its line
    if trimmed.lines().count() > 1
        && trimmed
            .lines()
            .all(|line| line.trim().is_empty() || code_span(line).is_some())
    {
        for line in text.lines() {
            out.push_str(code_span(line).unwrap_or(""));
            out.push('\n');
        }
        return out;
    }
    out.reserve(text.len());
    let mut continued = false;
    // the quote the prompted command has left open: its next line continues it too
    let mut open_quote: Option<char> = None;
    // PowerShell shows `>> ` before a continued line; after a shell's prompt, `>> ` appends
    let mut powershell = false;
    // the comment's mark a command commented out starts with (`#`, `*`, `//`), which its
    // continued lines start with too
    let mut comment_mark: Option<&str> = None;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let start = line.len() - line.trim_start().len();
        let rest = &line[start..];
        let uncommented = comment_mark
            .filter(|_| continued)
            .and_then(|mark| rest.strip_prefix(mark))
            .map(|after| after.strip_prefix([' ', '\t']).unwrap_or(after));
        // a line of the comment's mark alone (` *`, `#`) between a commented-out command's
        // lines and its options after: a blank line, after which those options are read as the
        // command's, as an uncommented command's after a blank line are (noted there)
        if let (Some(after), Some(mark)) = (uncommented, comment_mark)
            && after.trim().is_empty()
            && lines.peek().is_some_and(|next| {
                next.trim_start()
                    .strip_prefix(mark)
                    .is_some_and(|after| after.trim_start().starts_with('-'))
            })
        {
            out.push('\n');
            continue;
        }
        let stripped = if let Some(after) = uncommented {
            Some(after)
        } else if continued {
            let continuation = if powershell { ">> " } else { "> " };
            rest.strip_prefix(continuation)
                .or_else(|| (!powershell).then(|| zsh_continuation_rest(rest)).flatten())
        } else {
            powershell = rest.starts_with("PS ");
            open_quote = None;
            let end = prompt_end(rest, root);
            comment_mark = end.map(|end| rest[..end].trim()).and_then(|prompt| {
                // `##`, `# #` and `# !` mark their continued lines with their `#`s (and `# RUN`,
                // a Dockerfile's line commented out, with its `#`)
                let hashes = prompt.trim_end_matches('!').trim_end();
                let hashes = hashes.strip_suffix("RUN").unwrap_or(hashes).trim_end();
                let prompt = prompt.strip_suffix("RUN").unwrap_or(prompt).trim_end();
                if prompt == "*" || is_comment_mark(prompt) {
                    Some(prompt)
                } else {
                    (hashes.starts_with('#') && hashes.chars().all(|c| c == '#' || c == ' '))
                        .then_some(hashes)
                }
            });
            end.map(|end| &rest[end..])
        };
        // a line continued in bash, in PowerShell, or in cmd.exe
        let continues = |line: &str| line.trim_end().ends_with(['\\', '`', '^']);
        match stripped {
            Some(command) => {
                // a commented-out line's indentation is the comment's, not the command's
                if uncommented.is_none() {
                    out.push_str(&line[..start]);
                }
                out.push_str(command);
                open_quote = quote_left_open(command, open_quote);
                continued = continues(command) || open_quote.is_some();
            }
            None => {
                out.push_str(line);
                // still the prompted command while its lines are continued
                if continued {
                    open_quote = quote_left_open(line, open_quote);
                    continued = continues(line) || open_quote.is_some();
                }
            }
        }
    }
    out
}

/// Whether a line's first word marks a code comment: `//`, and Rust's doc comments `///` and
/// `//!`.
fn is_comment_mark(word: &str) -> bool {
    matches!(word, "//" | "///" | "//!")
}

/// What follows zsh's prompt before a continued line, which names what is left open: `quote> `,
/// `dquote> `, `cmdsubst dquote> `, `heredoc> `.
fn zsh_continuation_rest(line: &str) -> Option<&str> {
    let (open, rest) = line.split_once("> ")?;
    let states = [
        "quote",
        "dquote",
        "bquote",
        "cmdsubst",
        "heredoc",
        "heredocd",
        "pipe",
        "subsh",
        "cursh",
        "then",
        "else",
        "for",
        "while",
        "if",
        "mathsubst",
        "braceparam",
    ];
    (!open.is_empty() && open.split(' ').all(|state| states.contains(&state))).then_some(rest)
}

/// Whether a line ends by continuing on the next: bash's `\`, PowerShell's `` ` ``, cmd.exe's
/// `^`.
pub(super) fn continues_on_next_line(line: &str) -> bool {
    line.trim_end().ends_with(['\\', '`', '^'])
}

/// The quote a shell line leaves open, given the one open before it.
pub(super) fn quote_left_open(line: &str, mut open: Option<char>) -> Option<char> {
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (open, c) {
            (None, '\'' | '"') => open = Some(c),
            (Some(q), c) if c == q => open = None,
            (None | Some('"'), '\\') => {
                chars.next();
            }
            _ => {}
        }
    }
    open
}

/// `text` without a Markdown fence line (three or more backquotes or tildes, then perhaps a
/// language) as its first line, and one as its last, blank lines around them aside.
fn without_fences(text: &str) -> &str {
    let is_fence = |line: &str| {
        let line = line.trim();
        let marks = line.chars().take_while(|c| *c == '`').count()
            + line.chars().take_while(|c| *c == '~').count();
        marks >= 3 && !line[marks..].contains(['`', '~'])
    };
    // (the blanks ending the last line stay: a here-document's `EOF  ` is no end to bash)
    let mut text = text
        .trim_start_matches(['\n', '\r', ' ', '\t'])
        .trim_end_matches(['\n', '\r']);
    if text.trim().is_empty() {
        text = "";
    }
    if let Some((first, rest)) = text.split_once('\n')
        && is_fence(first)
    {
        text = rest;
    }
    if let Some((rest, last)) = text.trim_end().rsplit_once('\n')
        && is_fence(last)
    {
        text = rest;
    }
    text
}

/// Where the command starts after a prompt at the start of `line`, when `curl` follows one.
pub(super) fn prompt_end(line: &str, root: bool) -> Option<usize> {
    let (_, rest, _) = prompt_and_rest(line, root)?;
    let command = rest.trim_start();
    let word = command.split_whitespace().next()?;
    (is_curl(word) || assigns_curls_output(word) || pipes_into_curl(command))
        .then(|| line.len() - command.len())
}

/// Whether a line writes text into curl: `echo '{"a": 1}' | curl --json @- …`.
fn pipes_into_curl(command: &str) -> bool {
    let mut parts = command.split('|');
    let writer = parts
        .next()
        .and_then(|part| part.split_whitespace().next())
        .is_some_and(|program| matches!(program, "echo" | "printf" | "cat"));
    writer && parts.any(|part| part.split_whitespace().next().is_some_and(is_curl))
}

/// Whether `word` starts an assignment of curl's output (`TOKEN=$(curl`, `` T=`curl ``), as a
/// script gets a token before the request that sends it.
fn assigns_curls_output(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, value)| {
        let value = value.trim_start_matches('"');
        crate::sample_values::is_env_name(name)
            && value
                .strip_prefix("$(")
                .or_else(|| value.strip_prefix('`'))
                .is_some_and(is_curl)
    })
}

/// A line after the `#`s that start it, and the blanks after each (`# # curl …`, a command
/// commented out twice).
fn without_hashes(line: &str) -> &str {
    let mut rest = line;
    while let Some(after) = rest.strip_prefix('#') {
        rest = after.trim_start();
    }
    rest
}

/// The shell whose prompt a line starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PromptShell {
    /// bash, zsh, sh: `$`, `%`, `user@host:~$`, `[root@host ~]#`
    Posix,
    /// `C:\>`
    Cmd,
    /// `PS C:\>`
    PowerShell,
}

/// The shell whose prompt starts `line`, in a console session: before `curl`, any prompt
/// [`prompt_end`] reads; before another command, all but a bare `>`, `*`, `//` or `-`
/// (elsewhere a continued line's `> `, a comment's `*`, a list's `-`, or `curl -v`'s lines of
/// the request it sent and what it did).
pub(super) fn session_prompt(line: &str) -> Option<PromptShell> {
    let (prompt, rest, shell) = prompt_and_rest(line, false)?;
    let before_curl = rest
        .split_whitespace()
        .next()
        .is_some_and(|word| is_curl(word) || assigns_curls_output(word));
    let prompt = prompt.trim_end();
    (before_curl || !(matches!(prompt, ">" | "*" | "-") || is_comment_mark(prompt)))
        .then_some(shell)
}

/// Whether `line` starts with zsh's bare `%` prompt, which curl's progress meter starts with too
/// (`  % Total    % Received % Xferd …`).
pub(super) fn bare_percent_prompt(line: &str) -> bool {
    prompt_and_rest(line.trim_start(), false).is_some_and(|(prompt, _, _)| prompt.trim() == "%")
}

/// The prompt at the start of `line`, what follows it, and whose it is.
fn prompt_and_rest(line: &str, root: bool) -> Option<(&str, &str, PromptShell)> {
    let (is_prompt, rest, shell) = if let Some(rest) = line.strip_prefix("PS ") {
        // PowerShell's `PS C:\Users\me> `
        let end = rest.find('>')?;
        (true, &rest[end + 1..], PromptShell::PowerShell)
    } else if let Some(rest) = cmd_prompt_rest(line) {
        // cmd.exe's `C:\Users\me>`, with no blank after it
        (true, rest, PromptShell::Cmd)
    } else if let Some(rest) = klog_header_rest(line) {
        // `kubectl -v=8` logs the request as a curl command
        (true, rest, PromptShell::Posix)
    } else if line.starts_with('[')
        && let Some(end) = line.find(']')
        && !line[..end].contains(['\'', '"'])
        && let Some(rest) = line[end + 1..]
            .trim_start_matches(' ')
            .strip_prefix(['$', '#'])
            .filter(|rest| rest.starts_with([' ', '\t']))
    {
        // Red Hat's `[root@host ~]# ` and `[me@host dir]$ `, also with a blank before the sign
        (true, rest, PromptShell::Posix)
    } else if root
        && line.starts_with('#')
        && let after = without_hashes(line)
        && let rest = after.strip_prefix('!').unwrap_or(after)
        && rest.split_whitespace().next().is_some_and(is_curl)
    {
        // `#curl …`: commented out with no blank, read as `# curl` is; so are `##   curl …`,
        // `# # curl …` (commented out twice) and a notebook's `# !curl …`
        (true, rest, PromptShell::Posix)
    } else if let Some(rest) = line.strip_prefix('!')
        && rest.split_whitespace().next().is_some_and(is_curl)
    {
        // a Jupyter (IPython) notebook's `!curl …`, which runs the rest in a shell
        (true, rest, PromptShell::Posix)
    } else if let Some(rest) = prompt_of_words_rest(line) {
        // zsh's `me@host ~ % `, a virtualenv's `(venv) $ `, oh-my-zsh's `➜  api git:(main) ✗ `
        (true, rest, PromptShell::Posix)
    } else {
        let (mut prompt, mut rest) = line.split_once([' ', '\t'])?;
        if prompt == "RUN" {
            rest = without_run_flags(rest);
        }
        // a Dockerfile's `HEALTHCHECK --interval=30s CMD curl …` runs its command as `RUN` does
        if prompt == "HEALTHCHECK"
            && let Some(command) = healthcheck_command(rest)
        {
            prompt = "RUN";
            rest = command;
        }
        // a numbered step's `3. ` (in a plain-text README)
        let step = prompt
            .strip_suffix('.')
            .is_some_and(|n| (1..=3).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit()));
        // a YAML list's `- run: curl …`, a step's `10. Run: curl …`, a Dockerfile's
        // commented-out `# RUN curl …`
        if (prompt == "-" || step || is_comment_mark(prompt) || (root && prompt == "#"))
            && let Some((label, after)) = rest.trim_start().split_once([' ', '\t'])
            && introduces_curl(label, after)
        {
            rest = after;
        }
        let before_curl = rest.split_whitespace().next().is_some_and(is_curl);
        // a comment block's `*`, a code comment's `//` and a list's `-` before a command; a
        // label, a tool's word, a step's number or zsh's `~` (its prompt in the home directory)
        // before curl only
        let is_prompt = matches!(prompt, "*" | "-")
            || is_comment_mark(prompt)
            || introduces_curl(prompt, rest)
            || ((step || prompt == "~") && before_curl)
            || (root && prompt == "#")
            // starship's and pure's `❯`, oh-my-zsh's `➜` alone before curl
            || (matches!(prompt, "❯" | "➜" | "λ" | "»" | "→") && before_curl)
            // Kali's two-line prompt, whose second line is `└─$ ` (`└─# ` as root)
            || (prompt.len() > 1
                && prompt.ends_with(['$', '#'])
                && prompt[..prompt.len() - 1]
                    .chars()
                    .all(|c| ('\u{2500}'..='\u{257f}').contains(&c)))
            || (prompt.ends_with(['$', '>', '%'])
                && prompt
                    .chars()
                    .all(|c| c.is_alphanumeric() || "_-.@:~/\\$>%".contains(c)))
            // a root shell's `root@host:~#`; a bare `#` is a comment unless `root`
            || (prompt.ends_with('#')
                && prompt.contains(['@', ':'])
                && prompt
                    .chars()
                    .all(|c| c.is_alphanumeric() || "_-.@:~/#".contains(c)));
        (is_prompt, rest, PromptShell::Posix)
    };
    is_prompt.then(|| (&line[..line.len() - rest.len()], rest, shell))
}

/// The command after a Dockerfile's `HEALTHCHECK` and its options (`--interval=30s CMD curl …`),
/// when it is curl.
fn healthcheck_command(rest: &str) -> Option<&str> {
    let command = after_long_options(rest, &[]).strip_prefix("CMD")?;
    (command.starts_with([' ', '\t']) && command.split_whitespace().next().is_some_and(is_curl))
        .then(|| command.trim_start())
}

/// What a Dockerfile's (or an Earthfile's) `RUN` runs, after its own flags: BuildKit's
/// `--mount=type=secret,id=gh`, `--network=none`, Earthly's `--secret TOKEN`, `--push`; `rest`
/// as it is unless curl follows them.
fn without_run_flags(rest: &str) -> &str {
    // Earthly's flags that take their value as the next word
    let after = after_long_options(rest, &["secret", "mount", "ssh", "network", "security"]);
    if after.split_whitespace().next().is_some_and(is_curl) {
        after
    } else {
        rest
    }
}

/// `rest` after the `--name` options it starts with (`--interval=30s`, `--push`), each of
/// `valued` with the word after it, its value.
fn after_long_options<'a>(rest: &'a str, valued: &[&str]) -> &'a str {
    let mut after = rest.trim_start();
    while let Some(option) = after.strip_prefix("--") {
        let (name, next) = option.split_once([' ', '\t']).unwrap_or((option, ""));
        after = next.trim_start();
        if valued.contains(&name) {
            after = after
                .split_once([' ', '\t'])
                .map_or("", |(_, next)| next)
                .trim_start();
        }
    }
    after
}

/// Whether `word` only introduces the curl command `rest` starts with: a label (`ids: curl …`
/// in a plain-text README, YAML's `run: curl …`), a Dockerfile's `RUN` or bats' `run`.
fn introduces_curl(word: &str, rest: &str) -> bool {
    // Ansible's fully qualified `ansible.builtin.shell:` too
    let label = word.len() > 1 && word.strip_suffix(':').is_some_and(is_key_name);
    // a container's `image: curlimages/curl` names an image, not a command
    (label && word != "image:" || matches!(word, "RUN" | "run"))
        && rest.split_whitespace().next().is_some_and(is_curl)
}

/// What follows a prompt of several words before `curl` (zsh's `me@host ~ % `, a virtualenv's
/// `(venv) $ `, a Codespace's `@me ➜ /workspaces/api (main) $ `, oh-my-zsh's `➜  api git:(main)
/// ✗ `): words no command line would hold before curl (no quote, `=`, `|`, `;`, `&`, `$(`),
/// the last a prompt's sign (`$`, `%`, `#`, `>`, `❯`…) or the first oh-my-zsh's arrow.
fn prompt_of_words_rest(line: &str) -> Option<&str> {
    const SIGNS: [&str; 9] = ["$", "%", "#", ">", "❯", "➜", "λ", "»", "✗"];
    let mut words = Vec::new();
    let mut rest = line;
    loop {
        let word_start = rest.len() - rest.trim_start().len();
        rest = &rest[word_start..];
        let word_end = rest.find(char::is_whitespace)?;
        let word = &rest[..word_end];
        if is_curl(word) {
            break;
        }
        if words.len() == 8
            || word.contains(['\'', '"', '=', '|', ';', '&', '`'])
            || word.contains("$(")
        {
            return None;
        }
        words.push(word);
        rest = &rest[word_end..];
    }
    let signed = |word: &str| SIGNS.contains(&word) || word.ends_with(['$', '%', '❯']);
    let last_signed = words.last().is_some_and(|last| signed(last));
    let arrow_first = words
        .first()
        .is_some_and(|first| matches!(*first, "➜" | "❯" | "λ" | "→"));
    // `# # curl …` is a command commented out twice, which a root prompt reads
    let only_hashes = words.iter().all(|word| word.chars().all(|c| c == '#'));
    (words.len() >= 2 && (last_signed || arrow_first) && !only_hashes).then_some(rest)
}

/// What follows `cmd.exe`'s prompt (`C:\>`, `D:\work\api>`) at the start of `line`.
fn cmd_prompt_rest(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let drive = chars.next()?;
    let path = chars.as_str().strip_prefix(":\\")?;
    let end = path.find('>')?;
    (drive.is_ascii_alphabetic() && !path[..end].contains(['"', '\'', '<', '|']))
        .then(|| &path[end + 1..])
}

/// What follows a Kubernetes log line's header (`I0730 09:15:33.786679   36729
/// round_trippers.go:386] `) at the start of `line`.
fn klog_header_rest(line: &str) -> Option<&str> {
    let (header, rest) = line.split_once("] ")?;
    let mut fields = header.split_whitespace();
    let date = fields.next()?;
    let time = fields.next()?;
    let _thread = fields.next()?.parse::<u64>().ok()?;
    let source = fields.next()?;
    let level_and_date = date.len() == 5
        && date.starts_with(['I', 'W', 'E', 'F'])
        && date[1..].bytes().all(|b| b.is_ascii_digit());
    let clock = time.len() > 8 && time[..8].bytes().filter(|b| *b == b':').count() == 2;
    let at_line = source
        .rsplit_once(':')
        .is_some_and(|(file, line)| file.ends_with(".go") && line.parse::<u32>().is_ok());
    (level_and_date && clock && at_line && fields.next().is_none()).then_some(rest)
}

/// Whether `program` runs curl: `curl` (or `CURL`, as Windows docs write it) or `curl.exe` in
/// any case, or a path to one (`/usr/bin/curl`, `C:\Windows\System32\curl.exe`). `cURL` and
/// `Curl` are the tool's name in a sentence ("cURL commands can be copied…"), which no shell
/// of a docs reader runs (bash: "command not found").
pub(super) fn is_curl(program: &str) -> bool {
    // an option's value is no program (`--image=curlimages/curl`)
    !program.starts_with('-')
        && program.rsplit(['/', '\\']).next().is_some_and(|name| {
            matches!(name, "curl" | "CURL") || name.eq_ignore_ascii_case("curl.exe")
        })
}

/// How many characters after a `<` make a placeholder with it, if they do: `<API_TOKEN>`, as
/// [`placeholders`] reads one, without blanks; in a URL (`in_url`) also with blanks and `:` (see
/// [`placeholders::unquoted_url_angle_length`]).
fn placeholder_length(chars: &std::iter::Peekable<std::str::Chars>, in_url: bool) -> Option<usize> {
    let ahead: String = std::iter::once('<').chain(chars.clone().take(66)).collect();
    let bytes = placeholders::unquoted_angle_length(&ahead)
        .or_else(|| {
            in_url
                .then(|| placeholders::unquoted_url_angle_length(&ahead))
                .flatten()
        })
        .or_else(|| words_placeholder_length(&ahead))?;
    // the readers measure in bytes; the caller takes characters (`<与 Worker 相同>`)
    Some(ahead[1..bytes].chars().count())
}

/// How many characters after a `<` make ReadMe's variable with it, `<<name>>` (a name of
/// letters, digits, `_`, `-` and `.`, as `<<keys.api_key>>`): unless a line of the text after it
/// is that name, blanks around it aside, which ends it as a here-document (`cat <<EOF>>notes.txt`,
/// `-d @-<<EOF>>$LOG`, then the body, then `EOF`), as bash reads it; or, starting a word and
/// followed by a file's name, the name is a delimiter's, in capitals (`<<EOF>>log` whose end
/// line is missing, which bash reads to the end).
fn readme_variable_length(
    chars: &std::iter::Peekable<std::str::Chars>,
    in_word: bool,
    end_lines: &mut EndLines,
) -> Option<usize> {
    let name_char = |c: &char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    let mut ahead = chars.clone();
    ahead.next_if_eq(&'<')?;
    let name: String = ahead.clone().take_while(name_char).collect();
    let mut rest = ahead.skip(name.len());
    let closed = rest.next() == Some('>') && rest.next() == Some('>');
    if !closed || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let ended = end_lines.after(chars, &name);
    let then_a_file = rest
        .next()
        .is_some_and(|c| !c.is_whitespace() && !matches!(c, ';' | '|' | '&' | ')'));
    let delimiter = !in_word
        && then_a_file
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    (!ended && !delimiter).then_some(1 + name.len() + 2)
}

/// Where each line of a text last stands, by its text with blanks around it aside: whether a
/// `<<name>>` has a here-document's end line after it, answered for every one of them in a
/// text in one reading of it (the text's lines are gathered at the first question).
struct EndLines<'a> {
    text: &'a str,
    last_start: Option<HashMap<&'a str, usize>>,
}

impl<'a> EndLines<'a> {
    fn new(text: &'a str) -> Self {
        EndLines {
            text,
            last_start: None,
        }
    }

    /// Whether a line after the one the reader is on is `name`.
    fn after(&mut self, chars: &std::iter::Peekable<std::str::Chars>, name: &str) -> bool {
        let text = self.text;
        let at = bytes_read(text, &mut chars.clone());
        let last_start = self.last_start.get_or_insert_with(|| {
            let mut start = 0;
            let mut lines = HashMap::new();
            for line in text.split_inclusive('\n') {
                lines.insert(line.trim(), start);
                start += line.len();
            }
            lines
        });
        // a line starting after the reader's place starts after a line break, on a later line
        last_start.get(name).is_some_and(|&start| start > at)
    }
}

/// How long a placeholder of words or of a host and port that starts `text` is (`<workspace
/// secret key>` in `-u <workspace secret key>:`, `curl <hostname:port>/v1`), unquoted, where bash
/// would read redirections: no `.` in it, as a file's name has, and its `>` ending the word or
/// followed by `:`, `/` or `@`, where a redirection's would be followed by a file's name
/// (`<in.txt >out.txt`).
fn words_placeholder_length(text: &str) -> Option<usize> {
    let length = placeholders::unquoted_url_angle_length(text)?;
    let inner = &text[1..length - 1];
    let after = text[length..].chars().next();
    (inner.trim().contains([' ', ':'])
        && !inner.contains('.')
        && after.is_none_or(|c| c.is_whitespace() || matches!(c, ':' | '/' | '@')))
    .then_some(length)
}

/// How many characters after a `{` make a template's output tag with it (`{{ api-host }}`),
/// blanks inside.
fn template_tag_length(chars: &std::iter::Peekable<std::str::Chars>) -> Option<usize> {
    let ahead: String = chars.clone().take(80).collect();
    let inner = ahead.strip_prefix('{')?;
    let end = inner.find("}}")?;
    placeholders::template_output_name(&inner[..end])?;
    // in characters, as the caller takes them
    Some(1 + inner[..end].chars().count() + 2)
}

/// Splits a text into commands and their words as a POSIX shell does, without expansions but
/// one: `$NAME` and `${NAME}`, unquoted or in double quotes, become the variable `{{NAME}}` (what
/// the command reads from the environment, the spec names), and so does `${NAME:-x}` with a plain
/// default, which is recorded. Other expansions (`$1`, `$(…)`, `${NAME:+x}`) are kept as written.
/// Single
/// quotes keep everything, double quotes all but `\"` `\\` `\$` `` \` `` and line continuations,
/// `$'…'` decodes bash's ANSI-C escapes, an unquoted backslash escapes the next character and a
/// `\` ending a line joins it to the next (also when blanks follow the `\`, as pasted text often
/// has them, where a shell would end the command). A `#` starting a word comments out the rest of the line; a
/// newline, `;`, `&`, `&&`, `||` and `|` end a command; `>`, `>>`, `<` and `2>` take the next word
/// as a redirection.
pub(super) fn shell_commands(text: &str) -> Result<Vec<Command>, String> {
    shell_commands_at(text, 1)
}

/// [`shell_commands`] of a text whose first line is the input's line `first_line` (a page's code
/// block is read on its own, and its writer looks in the page): an error names the input's line.
pub(super) fn shell_commands_at(text: &str, first_line: usize) -> Result<Vec<Command>, String> {
    let mut commands = Vec::new();
    let mut command = Command::default();
    let mut word = String::new();
    let mut in_word = false;
    // the word after `>` is a redirection's target
    let mut redirection: Option<String> = None;
    let mut chars = text.chars().peekable();
    // whether the word so far has a quote or an escape in it (a here-document's delimiter
    // that has one keeps its text as written)
    let mut quoted = false;
    // the here-documents of the line, read once it ends
    let mut heredocs: Vec<HereDocument> = Vec::new();
    // the word an unquoted `$NAME` starting a word made: the word is that expansion alone
    // while it is still this text
    let mut lone: Option<String> = None;
    let mut end_lines = EndLines::new(text);
    #[allow(clippy::too_many_arguments)]
    fn end_word(
        word: &mut String,
        in_word: &mut bool,
        quoted: &mut bool,
        lone: &mut Option<String>,
        redirection: &mut Option<String>,
        command: &mut Command,
        heredocs: &mut Vec<HereDocument>,
        owner: usize,
    ) {
        if *in_word {
            let word = std::mem::take(word);
            if !*quoted && redirection.is_none() && lone.as_deref() == Some(word.as_str()) {
                command.lone_expansions.push(command.words.len());
            }
            match redirection.take().as_deref() {
                Some("<") => command.stdin = Some((Stdin::File(word.clone()), format!("< {word}"))),
                Some("<<<") => {
                    command.stdin = Some((Stdin::Text(format!("{word}\n")), format!("<<< {word}")))
                }
                Some(operator @ ("<<" | "<<-")) => heredocs.push(HereDocument {
                    delimiter: word,
                    strip_tabs: operator == "<<-",
                    expands: !*quoted,
                    owner,
                }),
                Some(operator) => command.redirections.push(format!("{operator} {word}")),
                None => command.words.push(word),
            }
            *in_word = false;
        }
        *quoted = false;
        *lone = None;
    }
    macro_rules! end_word {
        () => {
            end_word(
                &mut word,
                &mut in_word,
                &mut quoted,
                &mut lone,
                &mut redirection,
                &mut command,
                &mut heredocs,
                commands.len(),
            )
        };
    }
    // where the text was read up to, and the lines before it, for the line each command starts on
    let mut lines_before = (0, 0);
    while let Some(c) = chars.next() {
        if command.line.is_none() && command.words.is_empty() && !c.is_whitespace() {
            let at = bytes_read(text, &mut chars) - c.len_utf8();
            let before = &text[..at];
            let blanks = before.len() - before.trim_end().len();
            // (not after a line ending in `\`, whose command the blank line only interrupts)
            command.after_blank_line = before[before.len() - blanks..].matches('\n').count() > 1
                && !before.trim_end().ends_with('\\');
            lines_before.1 += text[lines_before.0..at].matches('\n').count();
            lines_before.0 = at;
            command.line = Some(lines_before.1);
        }
        if matches!(c, '\'' | '"') && in_word && !quoted && word.starts_with('{') {
            command.unquoted_json = true;
        }
        // `-d "{"name":"Docs"}"` (Box's docs): the JSON's first quote ends the double quotes
        // that opened before its `{`
        if c == '"' && !in_word && {
            let mut ahead = chars.clone();
            ahead.next() == Some('{') && ahead.next() == Some('"')
        } {
            command.unquoted_json = true;
        }
        if matches!(c, '\'' | '"' | '\\') {
            quoted = true;
        }
        match c {
            '\'' => {
                in_word = true;
                let opened = bytes_read(text, &mut chars) - 1;
                loop {
                    match chars.next() {
                        Some('\'') => {
                            let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                            if letter(word.chars().last())
                                && chars.peek().is_some_and(|c| c.is_alphabetic())
                            {
                                let at = bytes_read(text, &mut chars) - 1;
                                if command.apostrophe.is_none() {
                                    command.apostrophe = Some((at, letters_around(text, at)));
                                }
                            }
                            break;
                        }
                        // GitHub puts an expression's value in before the shell reads quotes,
                        // and so does a template (Terraform's `${var.region}`, MDX's
                        // `${props.apiBaseUrl}`)
                        Some('$')
                            if actions_expression(&mut chars, &mut word, &mut command)
                                || template_interpolation(&mut chars, &mut word, &mut command) => {}
                        Some(c) => word.push(c),
                        None => {
                            let apostrophe = command.apostrophe.as_ref().map(|(at, _)| *at);
                            return Err(never_closed(
                                "single", text, opened, apostrophe, first_line,
                            ));
                        }
                    }
                }
            }
            '$' if chars.peek() == Some(&'\'') => {
                chars.next();
                in_word = true;
                // quoted text (JSON in `$'…'` is JSON to its writer)
                quoted = true;
                word.push_str(&ansi_c_quoted(&mut chars)?);
            }
            '$' if chars.peek() == Some(&'"') => {
                // `$"…"`: a translated string, read as a double-quoted one
                in_word = true;
            }
            '"' => {
                in_word = true;
                let opened = bytes_read(text, &mut chars) - 1;
                // (no `'` ends a single-quoted text inside this quote: the command's stays)
                let apostrophe = command.apostrophe.as_ref().map(|(at, _)| *at);
                let unclosed = || never_closed("double", text, opened, apostrophe, first_line);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some('\n') => {}
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err(unclosed()),
                        },
                        Some('$') => expand(&mut chars, &mut word, &mut command, true),
                        Some('`') => {
                            match substitution(&mut chars, '`', &mut command.substituted) {
                                Some(whole) => word.push_str(&whole),
                                None => word.push('`'),
                            }
                        }
                        Some(c) => word.push(c),
                        None => return Err(unclosed()),
                    }
                }
            }
            '\\' => {
                // `\` and then only blanks up to the line's end: a line continuation
                let rest: String = chars.clone().take(65).take_while(|c| *c != '\n').collect();
                if rest.len() < 64 && rest.trim_matches([' ', '\t', '\r']).is_empty() {
                    // bash would take `\ ` for a blank, ending the command at the line's end
                    command.blank_after_backslash |= rest.contains([' ', '\t']);
                    for _ in 0..=rest.chars().count() {
                        chars.next();
                    }
                    continue;
                }
                if let Some(c) = chars.next() {
                    in_word = true;
                    word.push(c);
                }
            }
            '#' if !in_word => while chars.next_if(|c| *c != '\n').is_some() {},
            '\n' | ';' | '&' | '|' => {
                // `https://e.com/?a=1&b=2` unquoted: bash runs curl in the background with the
                // URL up to the `&`, which documentation rarely means
                if c == '&'
                    && in_word
                    && word.contains('?')
                    && chars
                        .peek()
                        .is_some_and(|n| !n.is_whitespace() && *n != '&')
                {
                    let rest: String = chars.clone().take_while(|n| !n.is_whitespace()).collect();
                    command.cut_at_ampersand.get_or_insert(rest);
                }
                end_word!();
                let doubled = matches!(c, '&' | '|') && chars.next_if_eq(&c).is_some();
                if c == '\n' {
                    // `P=$(curl … <<'EOF' -w …)`: a substitution that closes on the line opening
                    // its here-document, whose lines follow that line as bash reads them
                    let open: Vec<(String, HereDocument)> = command
                        .substituted
                        .iter()
                        .filter_map(|whole| Some((whole.clone(), open_here_document(whole)?)))
                        .collect();
                    for (whole, heredoc) in open {
                        let text = here_document(&mut chars, &heredoc, &mut Command::default());
                        let completed = format!(
                            "{}\n{text}{}\n)",
                            &whole[..whole.len() - 1],
                            heredoc.delimiter
                        );
                        for word in &mut command.words {
                            if word.contains(&whole) {
                                *word = word.replace(&whole, &completed);
                            }
                        }
                        for substituted in &mut command.substituted {
                            if *substituted == whole {
                                substituted.clone_from(&completed);
                            }
                        }
                    }
                    // the here-documents' lines follow the line that opened them
                    for heredoc in std::mem::take(&mut heredocs) {
                        // `curl -d @- <<EOF | jq .`: the command before the `|` reads it
                        let reader = match commands.get_mut(heredoc.owner) {
                            Some(earlier) => earlier,
                            None => &mut command,
                        };
                        let text = here_document(&mut chars, &heredoc, reader);
                        let shown = format!("<<{}", heredoc.delimiter);
                        reader.stdin = Some((Stdin::Text(text), shown));
                    }
                }
                if !command.words.is_empty() || !command.redirections.is_empty() {
                    commands.push(std::mem::take(&mut command));
                    command.piped = c == '|' && !doubled;
                    command.chained = doubled;
                } else {
                    // a comment's line, or a separator's, starts no command
                    command.line = None;
                }
                redirection = None;
            }
            // ReadMe's `<<apiKey>>`, unquoted (`--url https://e.com/items/<<itemId>>`): a
            // variable ReadMe fills in before a reader copies the command, not a here-document
            '<' if let Some(length) = readme_variable_length(&chars, in_word, &mut end_lines) => {
                in_word = true;
                word.push('<');
                word.extend(chars.by_ref().take(length));
            }
            // `<API_TOKEN>`, unquoted as documentation writes it, is a placeholder, not a
            // redirection from the file `API_TOKEN` and another into the next word; so is
            // `<your host:port>` in a URL
            '<' if let Some(length) =
                placeholder_length(&chars, in_word && word.contains("://")) =>
            {
                in_word = true;
                word.push('<');
                for _ in 0..length {
                    word.extend(chars.next());
                }
            }
            // `https://queue.{{ api-host }}/`, unquoted: a docs site's template tag, which the
            // site fills in before a reader sees the command, is one piece of its word
            '{' if let Some(length) = template_tag_length(&chars) => {
                in_word = true;
                word.push('{');
                word.extend(chars.by_ref().take(length));
            }
            // `<(printf …)`: a process substitution, the name of a file bash fills with the
            // command's output; kept as written, as `$(…)` is
            '<' | '>'
                if chars.peek() == Some(&'(')
                    && let Some(length) = closing_at(&chars, Some('('), ')') =>
            {
                in_word = true;
                let whole: String = std::iter::once(c)
                    .chain(chars.by_ref().take(length))
                    .collect();
                word.push_str(&whole);
                // one whose output samplegen can tell is read as a file's text where a file is,
                // and what it reads from the environment or runs is this command's
                match process_output(&whole) {
                    Some((_, inner)) => {
                        inner.expanded.iter().for_each(|name| command.reads(name));
                        command.substituted.extend(inner.substituted);
                    }
                    None => command.substituted.push(whole),
                }
            }
            '>' | '<' => {
                // `2>`: the word so far is the file descriptor
                if in_word && word.chars().all(|c| c.is_ascii_digit()) {
                    word.clear();
                    in_word = false;
                }
                end_word!();
                let mut operator = c.to_string();
                if c == '<' {
                    // `<<` and `<<-` (here-documents), `<<<` (a here-string)
                    while operator.len() < 3 && chars.next_if_eq(&'<').is_some() {
                        operator.push('<');
                    }
                    if operator == "<<" && chars.next_if_eq(&'-').is_some() {
                        operator.push('-');
                    }
                }
                while let Some(next) = chars.next_if(|n| matches!(n, '>' | '&')) {
                    operator.push(next);
                }
                redirection = Some(operator);
            }
            c if c.is_whitespace() => end_word!(),
            '$' => {
                let starts_word = !in_word;
                in_word = true;
                expand(&mut chars, &mut word, &mut command, false);
                if starts_word && word.starts_with("{{") && word.ends_with("}}") {
                    lone = Some(word.clone());
                }
            }
            '`' if !in_word && let Some(url) = backquoted_url(&chars) => {
                in_word = true;
                for _ in 0..url.chars().count() + 1 {
                    chars.next();
                }
                word.push_str(&url);
                command.backquoted_urls.push(url);
            }
            '`' => match substitution(&mut chars, '`', &mut command.substituted) {
                Some(whole) => {
                    in_word = true;
                    word.push_str(&whole);
                }
                None if chars.clone().all(char::is_whitespace) => command.stray_backquote = true,
                None => {
                    in_word = true;
                    word.push('`');
                }
            },
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    end_word!();
    if !command.words.is_empty() || !command.redirections.is_empty() {
        commands.push(command);
    }
    Ok(commands)
}

/// The error of a quote opened `opened` bytes into `text` and never closed, naming where it
/// opened (an apostrophe in prose, `couldn't`, is the usual one), and the command's apostrophe
/// before it that ended a single-quoted text, `apostrophe` bytes in, which is then the likelier
/// mistake (`-d '{"name": "O'Brien"}'`).
fn never_closed(
    kind: &str,
    text: &str,
    opened: usize,
    apostrophe: Option<usize>,
    first_line: usize,
) -> String {
    let place = |offset: usize| {
        let at = crate::diagnostic::Location::of_offset(text, offset);
        format!("line {}, column {}", at.line + first_line - 1, at.column)
    };
    let mut error = format!("a {kind} quote opened at {} is never closed", place(opened));
    if let Some(apostrophe) = apostrophe.filter(|&at| at < opened) {
        error.push_str(&format!(
            ": the `'` of `{}` at {} ended the single-quoted text before it (a single-quoted text cannot hold a `'`; write it `'\\''` there)",
            letters_around(text, apostrophe),
            place(apostrophe)
        ));
    }
    error
}

/// The letters and digits on both sides of the `'` `at` bytes into `text`, with it
/// (`O'Brien`), a few of each at most.
fn letters_around(text: &str, at: usize) -> String {
    let before: Vec<char> = text[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .take(12)
        .collect();
    let after: String = text[at + 1..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .take(12)
        .collect();
    format!("{}'{after}", before.iter().rev().collect::<String>())
}

/// How many bytes of `text` `chars`, an iterator over it, has given out.
fn bytes_read(text: &str, chars: &mut std::iter::Peekable<std::str::Chars>) -> usize {
    // `Chars` bounds what is left by its bytes; `Peekable` counts a char it holds as one more
    let held = chars.peek().map_or(0, |c| c.len_utf8());
    let hint = chars.size_hint().1.unwrap_or(0);
    let left = if held > 0 { hint - 1 + held } else { hint };
    text.len().saturating_sub(left)
}

/// Shell keywords and programs that run the command written after them (a container's, a
/// remote host's, a Dockerfile's `HEALTHCHECK --interval=30s CMD curl …`), so that a curl among
/// their words is the request the line makes.
#[rustfmt::skip]
pub(super) const RUNS_A_COMMAND: [&str; 32] = [
    "do", "then", "else", "if", "while", "until", "!", "time", "sudo", "doas", "nohup", "exec",
    "command", "builtin", "env", "watch", "timeout", "nice", "xargs", "stdbuf", "unbuffer",
    "proxychains", "proxychains4", "torsocks", "docker", "podman", "kubectl", "k", "oc", "ssh",
    "eval", "HEALTHCHECK",
];

/// How many words of a crontab line's schedule come before its command: five time fields
/// (`*/5 * * * *`, `0 9 * * 1-5`, `30 2 1 JAN,JUL *`) or one `@daily`-like nickname. `None` for
/// any other line.
pub(super) fn cron_schedule_length(words: &[String]) -> Option<usize> {
    const NICKNAMES: [&str; 8] = [
        "@reboot",
        "@yearly",
        "@annually",
        "@monthly",
        "@weekly",
        "@daily",
        "@midnight",
        "@hourly",
    ];
    if words
        .first()
        .is_some_and(|word| NICKNAMES.contains(&word.as_str()))
    {
        return Some(1);
    }
    let is_field = |word: &String| {
        !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '*' | '/' | ',' | '-' | '?'))
    };
    // the minutes are numbers or `*`; the days and months may be names (`MON-FRI`)
    let minutes = words.first().is_some_and(|word| {
        word.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '/' | ',' | '-'))
            && word.contains(|c: char| c.is_ascii_digit() || c == '*')
    });
    (minutes && words.len() > 5 && words[..5].iter().all(is_field)).then_some(5)
}

/// Where a crontab line's command starts, when `runs` says the words from there run what is
/// looked for: after its schedule, and after the user a system crontab (`/etc/crontab`,
/// `/etc/cron.d/…`) names next (`*/5 * * * * root curl …`).
pub(super) fn cron_command_at(words: &[String], runs: impl Fn(&[String]) -> bool) -> Option<usize> {
    let schedule = cron_schedule_length(words)?;
    let is_user = |word: &str| {
        word.len() <= 32
            && word.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
            && word
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
    };
    if runs(&words[schedule..]) {
        Some(schedule)
    } else {
        let user = schedule + 1;
        (is_user(&words[schedule]) && words.len() > user && runs(&words[user..])).then_some(user)
    }
}

/// The shells that run a script given to them as text: `sh -c 'curl …'`.
const SHELLS: [&str; 7] = ["sh", "bash", "zsh", "dash", "ash", "ksh", "mksh"];

/// The script a shell's words give it as text: `sh -c 'curl …'`, `/bin/bash -lc "…"`, `bash -e
/// -o pipefail -c …`. `None` for a shell that reads a script file, or no shell.
pub(super) fn shell_script(words: &[String]) -> Option<&str> {
    shell_script_at(words).map(|at| words[at].as_str())
}

/// Where [`shell_script`]'s script is among `words`; the words after it are the script's `$0`,
/// `$1`…
fn shell_script_at(words: &[String]) -> Option<usize> {
    let program = words.first()?;
    let name = program.rsplit('/').next().unwrap_or(program);
    if !SHELLS.contains(&name) {
        return None;
    }
    let mut at = 1;
    while let Some(option) = words.get(at) {
        match option.as_str() {
            // these take an option's name
            "-o" | "+o" | "-O" | "+O" => at += 1,
            long if long.starts_with("--") && long.len() > 2 => {}
            flags
                if flags.len() > 1
                    && flags.starts_with(['-', '+'])
                    && flags[1..].chars().all(|c| c.is_ascii_alphabetic()) =>
            {
                if flags.starts_with('-') && flags.contains('c') {
                    return (at + 1 < words.len()).then_some(at + 1);
                }
            }
            _ => return None,
        }
        at += 1;
    }
    None
}

/// The script a command gives another program to run as text, when the script runs curl: a
/// shell's after `-c` (`sh -c 'curl …'`, also after `docker exec web`, `kubectl exec pod --`,
/// `sudo`), the remote command of `ssh host "curl …"`, and the command `eval`, `watch` or `su
/// -c` runs. Those programs run the script's commands, so the request is the script's curl.
fn script_run_by(words: &[String]) -> Option<String> {
    script_run(words).map(|run| run.script)
}

/// A script another program runs, as [`script_run`] finds it among a command's words.
struct ScriptRun<'a> {
    script: String,
    /// Where the shell that runs it is among the words (the `sh` of `xargs -I{} sh -c …`), when
    /// a shell runs it.
    shell_at: Option<usize>,
    /// The words a shell gives the script after it: its `$1`, `$2`… (`sh -c 'curl "$1"' _
    /// https://…`; the word before them is its `$0`).
    arguments: &'a [String],
}

/// [`script_run_by`]'s script, with where its shell is and the arguments the shell gives it.
fn script_run(words: &[String]) -> Option<ScriptRun<'_>> {
    let mentions_curl = |script: &str| {
        script
            .split(|c: char| c.is_whitespace() || ";&|()`\"'".contains(c))
            .any(is_curl)
    };
    // curl among the words is run as they are (`ssh host curl …`, `watch -n 5 curl …`): the
    // command as its writer meant it, where ssh would join and split its words again
    if words.iter().any(|word| is_curl(word)) {
        return None;
    }
    // where a command can start: the first word, after a program that runs the command
    // written after it, or after `--` (`httptap -v -- bash -c "curl …"`)
    let wraps = words
        .first()
        .is_some_and(|first| RUNS_A_COMMAND.contains(&first.as_str()) || first == "su");
    let after_dashes = words.iter().position(|word| word == "--").map(|at| at + 1);
    let last = if wraps { words.len() } else { 1 };
    (0..last).chain(after_dashes).find_map(|at| {
        let rest = &words[at..];
        if let Some(script_at) = shell_script_at(rest) {
            let script = &rest[script_at];
            return mentions_curl(script).then(|| ScriptRun {
                script: script.clone(),
                shell_at: Some(at),
                arguments: rest.get(script_at + 2..).unwrap_or_default(),
            });
        }
        let (program, arguments) = rest.split_first()?;
        let script = match program.as_str() {
            "eval" => Some(arguments.join(" ")),
            "ssh" => ssh_remote_command(arguments),
            "watch" => watched_command(arguments),
            "su" | "runuser" => arguments.iter().enumerate().find_map(|(index, word)| {
                match word.strip_prefix("--command=") {
                    Some(command) => Some(command.to_string()),
                    None => (word == "-c" || word == "--command")
                        .then(|| arguments.get(index + 1).cloned())
                        .flatten(),
                }
            }),
            _ => None,
        }?;
        mentions_curl(&script).then_some(ScriptRun {
            script,
            shell_at: None,
            arguments: &[],
        })
    })
}

/// The command `ssh [options] host command…` runs on the host: the words after the host,
/// joined by blanks, as ssh sends them to the remote shell.
fn ssh_remote_command(arguments: &[String]) -> Option<String> {
    // the options that take a value
    const WITH_VALUE: &str = "BbcDEeFIiJLlmOopQRSWw";
    let mut words = arguments.iter();
    let mut host = None;
    while let Some(word) = words.next() {
        match word.strip_prefix('-') {
            // `--` ends the options: the command follows
            Some("-") => break,
            Some(flags) if !flags.is_empty() => {
                // `-p 2222` and `-tp 2222`; `-p2222` holds its value
                let valued = flags.char_indices().find(|(_, c)| WITH_VALUE.contains(*c));
                if valued.is_some_and(|(at, c)| at + c.len_utf8() == flags.len()) {
                    words.next();
                }
            }
            // the host, and options after it too (`ssh host -t 'curl …'`), as ssh reads them
            _ if host.is_none() => host = Some(word),
            _ => {
                let command: Vec<&str> = std::iter::once(word.as_str())
                    .chain(words.map(String::as_str))
                    .collect();
                return Some(command.join(" "));
            }
        }
    }
    host?;
    let command: Vec<&str> = words.map(String::as_str).collect();
    (!command.is_empty()).then(|| command.join(" "))
}

/// The command `watch [options] command…` runs through `sh -c`: its words joined by blanks.
fn watched_command(arguments: &[String]) -> Option<String> {
    let mut words = arguments.iter();
    while let Some(word) = words.next() {
        match word.as_str() {
            "-n" | "--interval" | "-q" | "--equexit" => {
                words.next();
            }
            // with `-x` watch runs the words without a shell: a curl among them is read as it is
            "-x" | "--exec" => return None,
            option if option.starts_with('-') => {}
            _ => {
                let command: Vec<&str> = std::iter::once(word.as_str())
                    .chain(words.map(String::as_str))
                    .collect();
                return Some(command.join(" "));
            }
        }
    }
    None
}

/// The commands with each that runs a script given as text that runs curl (see
/// [`script_run_by`]) replaced by the script's commands, on the line of the command that runs
/// it, reading what it reads from the environment. A script that runs such a script in turn is
/// read too, to a depth of four.
pub(super) fn with_scripts_run(commands: Vec<Command>) -> Vec<Command> {
    scripts_run(commands, 4)
}

fn scripts_run(commands: Vec<Command>, depth: usize) -> Vec<Command> {
    if depth == 0 {
        return commands;
    }
    let mut out = Vec::with_capacity(commands.len());
    for command in commands {
        // a crontab line's script (`0 */2 * * * sh -c 'curl …'`)
        let schedule = cron_command_at(&command.words, |words| script_run_by(words).is_some());
        let from = schedule.unwrap_or(0);
        let run_by = script_run(&command.words[from..]);
        let inner = run_by
            .as_ref()
            .and_then(|run_by| {
                let inner = assigned_curls(shell_commands(&run_by.script).ok()?).ok()?;
                // `sh -c 'curl "$1"' _ https://…`: the script's `$1` is the word after its `$0`
                if run_by.arguments.is_empty() {
                    return Some(inner);
                }
                // a `shift` in it takes its first arguments off for the commands after it
                let mut shifted = 0;
                let mut runs = Vec::with_capacity(inner.len());
                for run in &inner {
                    if let Some(count) = super::functions::shift_count(&run.words) {
                        shifted += count;
                        continue;
                    }
                    let arguments = &run_by.arguments[shifted.min(run_by.arguments.len())..];
                    runs.push(super::functions::with_arguments(run, arguments, &command));
                }
                Some(runs)
            })
            .filter(|inner| {
                // a command of the script runs curl (not `echo curl is missing`)
                inner.iter().any(|run| {
                    run.words.first().is_some_and(|first| {
                        is_curl(first)
                            || (RUNS_A_COMMAND.contains(&first.as_str())
                                && run.words.iter().any(|word| is_curl(word)))
                            || script_run_by(&run.words).is_some()
                    })
                })
            });
        let Some(mut inner) = inner else {
            out.push(command);
            continue;
        };
        let single = inner.len() == 1;
        // `xargs -I{} sh -c 'curl …/{}'`: the script's one curl command runs as xargs runs it,
        // so that what xargs replaces is read as in `xargs -I{} curl …/{}`
        if single
            && command
                .words
                .first()
                .is_some_and(|program| program == "xargs")
            && inner[0]
                .words
                .first()
                .is_some_and(|program| is_curl(program))
            && let Some(shell) = run_by
                .as_ref()
                .and_then(|run_by| run_by.shell_at)
                .map(|at| from + at)
        {
            let run = &mut inner[0];
            run.words
                .splice(0..0, command.words[..shell].iter().cloned());
            if run.word_numbers.is_empty() || command.word_numbers.len() < shell {
                run.word_numbers.clear();
            } else {
                run.word_numbers
                    .splice(0..0, command.word_numbers[..shell].iter().copied());
            }
        }
        for (index, run) in inner.iter_mut().enumerate() {
            run.line = command.line.map(|line| line + run.line.unwrap_or(0));
            if index == 0 {
                run.piped = command.piped;
                run.chained = command.chained;
            }
            // what the outer shell expanded in a double-quoted script: the script's words
            // hold it as `{{NAME}}`
            for name in &command.expanded {
                run.reads(name);
            }
            for (kept, given) in [
                (&mut run.defaults, &command.defaults),
                (&mut run.assigned, &command.assigned),
                (&mut run.whole_arguments, &command.whole_arguments),
                (&mut run.echoed, &command.echoed),
                (&mut run.tool_values, &command.tool_values),
                (&mut run.trimmed, &command.trimmed),
            ] {
                for pair in given {
                    push_once(kept, pair.clone());
                }
            }
            for (kept, given) in [
                (&mut run.arguments, &command.arguments),
                (&mut run.make_syntax, &command.make_syntax),
                (&mut run.unevaluated, &command.unevaluated),
                (&mut run.substituted, &command.substituted),
            ] {
                for text in given {
                    push_once(kept, text.clone());
                }
            }
            // `ssh host 'curl -d @- …' < body.json`: the script's one command reads it
            if single && run.stdin.is_none() {
                run.stdin = command.stdin.clone();
            }
        }
        out.extend(scripts_run(inner, depth - 1));
    }
    out
}

/// Whether `word` is a `case` branch's pattern, `foto)`, `(*)` or `a|b)`: words of a name's
/// characters and globs, ending in `)`.
fn is_case_pattern(word: &str) -> bool {
    let Some(pattern) = word.strip_suffix(')') else {
        return false;
    };
    let pattern = pattern.strip_prefix('(').unwrap_or(pattern);
    !pattern.is_empty()
        && pattern
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.*?|".contains(c))
}

/// The commands with each that gives a variable a curl command's output (`R=$(curl …)`, with
/// `export` or `local` before it, or backquotes, or an array's `arr+=("$(curl …)")`), or another
/// command a curl command's output as a word (`echo $(curl …)`) or on its standard input (`read
/// x < <(curl …)`, `done <<< "$(curl …)"`), replaced by that curl command, as the shell runs it:
/// scripts in docs keep the response this way.
pub(super) fn assigned_curls(commands: Vec<Command>) -> Result<Vec<Command>, String> {
    let mut out = Vec::with_capacity(commands.len());
    for mut command in commands {
        if let Some(run) = fish_set_curl(&command) {
            out.push(run);
            continue;
        }
        // a `case` branch's pattern on the command's line (`foto) r=$(curl …);;`): the branch
        // runs the command after it
        if command.words.len() > 1 && is_case_pattern(&command.words[0]) {
            command.words.remove(0);
        }
        // `export R=$(curl …)`, and in a loop or a branch `do R=$(curl …)`
        let mut words = command.words.as_slice();
        while let [keyword, rest @ ..] = words
            && matches!(
                keyword.as_str(),
                "export" | "local" | "readonly" | "do" | "then" | "else"
            )
        {
            words = rest;
        }
        let substituted = |word: &'_ str| substitution_text(word).map(str::to_string);
        // `R=$(\` with the command on the lines after it: the `\` and line break are nothing;
        // `R=$(printf … | curl -K - …)`: curl after a pipe
        // and `$(kubectl exec pod -- curl …)`: curl run by another program
        let runs_curl = |inner: &str| {
            inner.split('|').any(|part| {
                let mut words = part
                    .split(|c: char| c.is_whitespace())
                    .filter(|word| !word.is_empty() && *word != "\\");
                words.next().is_some_and(|first| {
                    // (`$(command -v curl)` finds curl's path; it runs nothing)
                    let finds_only = first == "command"
                        && words.clone().next().is_some_and(|w| w == "-v" || w == "-V");
                    is_curl(first)
                        || (RUNS_A_COMMAND.contains(&first) && !finds_only && words.any(is_curl))
                })
            }) || shell_commands(inner).is_ok_and(|commands| {
                // `$(kubectl exec pod -- bash -c "curl …")`: a script run by another program
                commands
                    .iter()
                    .any(|command| script_run_by(&command.words).is_some())
            })
        };
        let assigned = matches!(words, [_]);
        // `R=$(curl …)`, and an array's `arr+=("$(curl …)")`
        let assigned_output = |word: &str| {
            let (name, value) = word.split_once('=')?;
            let name = name.strip_suffix('+').unwrap_or(name);
            if !crate::sample_values::is_env_name(name) {
                return None;
            }
            let value = value
                .strip_prefix('(')
                .and_then(|inner| inner.strip_suffix(')'))
                .map(str::trim)
                .unwrap_or(value);
            substituted(value)
        };
        // `read -r code < <(curl …)`, `done <<< "$(curl …)"`: the output as standard input
        let read_output = || match &command.stdin {
            Some((Stdin::File(path), _)) => path
                .strip_prefix("<(")
                .and_then(|inner| inner.strip_suffix(')'))
                .map(str::to_string),
            Some((Stdin::Text(text), _)) => substituted(text.trim_end_matches('\n')),
            _ => None,
        };
        let inner = match words {
            [word] => assigned_output(word).or_else(read_output),
            // `echo $(curl … | jq …)`: the curl command is the request the line makes
            [program, arguments @ ..] if !is_curl(program) => arguments
                .iter()
                .find_map(|word| substituted(word).filter(|inner| runs_curl(inner)))
                .or_else(read_output),
            _ => read_output(),
        };
        match inner {
            Some(inner) if runs_curl(&inner) => {
                out.extend(shell_commands(&inner)?.into_iter().map(|mut run| {
                    // the line the assignment is on, not one of the substitution's own
                    run.line = command.line.map(|line| line + run.line.unwrap_or(0));
                    run.captured = assigned;
                    run
                }))
            }
            _ => out.push(command),
        }
    }
    Ok(out)
}

/// Where a script's `exit` stands outside any `if`, `case`, loop, group or function body, and
/// not after `&&` or `||` (`curl … || exit 1`): bash runs nothing after it.
pub(super) fn top_level_exit(commands: &[Command]) -> Option<usize> {
    let mut depth = 0usize;
    for (index, command) in commands.iter().enumerate() {
        let first = command.words.first().map(String::as_str);
        let opens = matches!(
            first,
            Some("if" | "case" | "for" | "while" | "until" | "select" | "{")
        ) || command
            .words
            .last()
            .is_some_and(|word| word == "{" || word.ends_with("(){"));
        let closes = matches!(first, Some("fi" | "esac" | "done" | "}"));
        if closes {
            depth = depth.saturating_sub(1);
        }
        let exits = matches!(command.words.as_slice(), [exit] if exit == "exit")
            || matches!(command.words.as_slice(), [exit, code] if exit == "exit" && code.chars().all(|c| c.is_ascii_digit()));
        if exits && depth == 0 && !command.chained && !command.piped {
            return Some(index);
        }
        if opens {
            depth += 1;
        }
    }
    None
}

/// The curl command of fish's `set -l r (curl …)`, which gives a variable its output (fish
/// writes a substitution in parentheses alone), as the shell runs it.
fn fish_set_curl(command: &Command) -> Option<Command> {
    let [set, rest @ ..] = command.words.as_slice() else {
        return None;
    };
    if set != "set" {
        return None;
    }
    // past the options and the name
    let mut words: Vec<String> = rest
        .iter()
        .skip_while(|word| word.starts_with('-'))
        .skip(1)
        .cloned()
        .collect();
    let first = words.first()?.strip_prefix('(')?.to_string();
    let last = words.last()?.strip_suffix(')')?.to_string();
    if words.len() == 1 {
        words[0] = first.strip_suffix(')')?.to_string();
    } else {
        let end = words.len() - 1;
        words[0] = first;
        words[end] = last;
    }
    if !words.first().is_some_and(|program| is_curl(program))
        || words.iter().any(|w| w.contains(['(', ')']))
    {
        return None;
    }
    Some(Command {
        words,
        expanded: command.expanded.clone(),
        defaults: command.defaults.clone(),
        line: command.line,
        captured: true,
        ..Command::default()
    })
}

/// The command a word that is one substitution runs: `$(…)` or `` `…` ``.
pub(super) fn substitution_text(word: &str) -> Option<&str> {
    word.strip_prefix("$(")
        .and_then(|v| v.strip_suffix(')'))
        .or_else(|| word.strip_prefix('`').and_then(|v| v.strip_suffix('`')))
}

/// What `$(cat <<EOF … EOF)` gives (a here-document's text, without its last line breaks, as a
/// substitution drops them), and the variables the text reads.
fn here_document_output(value: &str) -> Option<(String, Vec<String>)> {
    let inner = value.strip_prefix("$(")?.strip_suffix(')')?;
    let commands = shell_commands(inner).ok()?;
    let [cat] = commands.as_slice() else {
        return None;
    };
    let reads_stdin = matches!(cat.words.as_slice(), [program] if program == "cat")
        || matches!(cat.words.as_slice(), [program, dash] if program == "cat" && dash == "-");
    match &cat.stdin {
        Some((Stdin::Text(text), _)) if reads_stdin && cat.substituted.is_empty() => Some((
            text.trim_end_matches('\n').to_string(),
            cat.expanded.clone(),
        )),
        _ => None,
    }
}

/// The options whose argument is the request's body as text (`-d`, `--json`…).
pub(super) const DATA_OPTIONS: [&str; 6] = [
    "-d",
    "--data",
    "--data-raw",
    "--data-binary",
    "--data-ascii",
    "--json",
];

/// A spec names a variable by one value for the whole project: a variable a script sets again
/// before a later curl command (`BODY='…'` before each request), or sets after one read it from
/// the environment, has its value written into that later command, where it differs from the
/// value the variable had when a curl command first read it (`first_read`). The first keeps
/// `{{NAME}}` and its offered value.
fn written_where_set_again(
    command: &mut Command,
    first_read: &mut std::collections::HashMap<String, Option<String>>,
) {
    // what other programs read (`[ -z "$city" ]`) makes no request
    if !command.words.first().is_some_and(|word| is_curl(word)) {
        return;
    }
    let mut kept = Vec::new();
    for (name, value) in std::mem::take(&mut command.assigned) {
        match first_read.get(&name) {
            Some(first) if first.as_deref() != Some(value.as_str()) => {
                let placeholder = format!("{{{{{name}}}}}");
                for word in &mut command.words {
                    if word.contains(&placeholder) {
                        *word = word.replace(&placeholder, &value);
                    }
                }
                command.expanded.retain(|read| *read != name);
            }
            Some(_) => kept.push((name, value)),
            None => {
                first_read.insert(name.clone(), Some(value.clone()));
                kept.push((name, value));
            }
        }
    }
    command.assigned = kept;
    let computed: Vec<&String> = command.computed.iter().map(|(name, _)| name).collect();
    for name in &command.expanded {
        if !computed.contains(&name) {
            first_read.entry(name.clone()).or_insert(None);
        }
    }
}

/// A variable an earlier command set to a text, and the variables its value reads.
struct Assigned {
    name: String,
    value: String,
    reads: Vec<String>,
    /// The defaults of what the value reads (`T=${TOKEN:-abc}`), offered where it is read.
    defaults: Vec<(String, String)>,
    /// What the value trims (`B="${C#s3://}"`), noted where it is read.
    trimmed: Vec<(String, String)>,
    /// The text a value made by `$(echo -n ":$PAT" | base64)` encodes, variables and all: known
    /// only as basic auth's credentials (see [`base64_input`]), where the value is written in.
    encodes: Option<String>,
}

/// The commands with those that only set variables to a text (`name="a.txt"`, `export NAME=…`)
/// taken out, and each variable recorded in the later commands that read it (`assigned`), as the
/// shell gives them that value. A value may hold other variables (`AUTH="Bearer $TOKEN"`): a
/// command reading it reads those too, as the value's `{{TOKEN}}` says. A value made by a
/// substitution or a default, or from the variable itself (`PATH="$PATH:…"`), is not known as
/// text: such a command stays as it is.
pub(super) fn with_assignments_read(commands: Vec<Command>) -> Vec<Command> {
    let mut set: Vec<Assigned> = Vec::new();
    // the value each variable had when a command first read it (`None`: from the environment)
    let mut first_read: std::collections::HashMap<String, Option<String>> =
        std::collections::HashMap::new();
    // the variables set by what samplegen does not run, and by what
    let mut computed: Vec<(String, String)> = Vec::new();
    // the variables a `R="${R:-eu1}"` gave a default, with it
    let mut defaulted: Vec<(String, String)> = Vec::new();
    let mut out = Vec::with_capacity(commands.len());
    for mut command in commands {
        // a session's `$ export TOKEN=abc`, its prompt a word of its own
        let words = match command.words.as_slice() {
            [prompt, rest @ ..] if matches!(prompt.as_str(), "$" | "%") => rest,
            words => words,
        };
        let words = match words {
            [export, rest @ ..] if export == "export" => rest,
            words => words,
        };
        let plain = command.redirections.is_empty() && command.stdin.is_none();
        let assignments: Option<Vec<Assigned>> = (plain && !words.is_empty())
            .then(|| {
                words
                    .iter()
                    .map(|word| {
                        let (name, value) = assignment(word)?;
                        // `BODY=$(cat <<EOF … EOF)`: the here-document's text
                        if let Some((text, reads)) = here_document_output(value) {
                            return Some(Assigned {
                                name: name.to_string(),
                                value: text,
                                reads,
                                defaults: Vec::new(),
                                trimmed: Vec::new(),
                                encodes: None,
                            });
                        }
                        // `ENC=$(echo -n ":$PAT" | base64 | tr -d '\n')`, Azure DevOps' basic auth
                        if let Some(text) = value
                            .strip_prefix('$')
                            .filter(|_| command.substituted.len() == 1)
                            .and_then(base64_input)
                            .filter(|text| text.contains(':'))
                        {
                            return Some(Assigned {
                                name: name.to_string(),
                                value: value.to_string(),
                                reads: variables_in(&text),
                                defaults: Vec::new(),
                                trimmed: Vec::new(),
                                encodes: Some(text),
                            });
                        }
                        if !command.substituted.is_empty() || !command.unevaluated.is_empty() {
                            return None;
                        }
                        let read_here = |read: &String| value.contains(&format!("{{{{{read}}}}}"));
                        let reads = command.expanded.iter().filter(|read| read_here(read));
                        Some(Assigned {
                            name: name.to_string(),
                            value: value.to_string(),
                            reads: reads.cloned().collect(),
                            defaults: command
                                .defaults
                                .iter()
                                .filter(|(read, _)| read_here(read))
                                .cloned()
                                .collect(),
                            trimmed: command
                                .trimmed
                                .iter()
                                .filter(|(_, read)| read_here(read))
                                .cloned()
                                .collect(),
                            encodes: None,
                        })
                    })
                    .collect()
            })
            .flatten();
        // `R="${R:-eu1}"`: the variable's own value, or else its default, which the commands
        // after it read as a `${R:-eu1}` of their own
        let own_default = |assigned: &Assigned| {
            let placeholder = format!("{{{{{}}}}}", assigned.name);
            (assigned.value == placeholder)
                .then(|| {
                    assigned
                        .defaults
                        .iter()
                        .find(|(read, _)| *read == assigned.name)
                })
                .flatten()
                .map(|(_, default)| default.clone())
        };
        let own_defaults: Option<Vec<(String, String)>> = assignments
            .as_ref()
            .filter(|assignments| !assignments.is_empty())
            .and_then(|assignments| {
                assignments
                    .iter()
                    .map(|assigned| own_default(assigned).map(|d| (assigned.name.clone(), d)))
                    .collect()
            });
        if let Some(own_defaults) = own_defaults {
            for (name, default) in own_defaults {
                set.retain(|known| known.name != name);
                defaulted.retain(|(known, _)| *known != name);
                defaulted.push((name, default));
            }
            continue;
        }
        let from_itself = assignments.as_ref().is_some_and(|assignments| {
            assignments
                .iter()
                .any(|assigned| assigned.reads.contains(&assigned.name))
        });
        if let Some(assignments) = assignments.filter(|_| !from_itself) {
            for assigned in assignments {
                set.retain(|known| known.name != assigned.name);
                computed.retain(|(known, _)| *known != assigned.name);
                set.push(assigned);
            }
            continue;
        }
        // `D=$(hostname)`, `` T=`cat t` ``, `for f in …`: a value samplegen does not know
        for (name, by) in computed_by(words, &command) {
            set.retain(|known| known.name != name);
            computed.retain(|(known, _)| *known != name);
            computed.push((name, by));
        }
        // a value known only as basic auth's credentials, written in where it is that
        for assigned in &set {
            let Some(text) = &assigned.encodes else {
                continue;
            };
            let placeholder = format!("{{{{{}}}}}", assigned.name);
            let mut written = false;
            for word in &mut command.words {
                if let Some(before) = word.strip_suffix(&placeholder)
                    && is_basic_auth_prefix(before)
                {
                    *word = format!("{before}{}", crate::http::encoding::base64(text));
                    written = true;
                }
            }
            if written {
                assigned.reads.iter().for_each(|read| command.reads(read));
                if !command.words.iter().any(|word| word.contains(&placeholder)) {
                    command.expanded.retain(|read| *read != assigned.name);
                }
            }
        }
        with_alternatives_read(&mut command, |name| {
            set.iter()
                .find(|assigned| assigned.name == name)
                .map(|assigned| assigned.value.as_str())
        });
        // what the values read is read too, in turn (`URL="$BASE/v1"`, `BASE=…` set before)
        let mut index = 0;
        while index < command.expanded.len() {
            let name = command.expanded[index].clone();
            if let Some((_, default)) = defaulted.iter().find(|(known, _)| *known == name)
                && !command.defaults.iter().any(|(known, _)| *known == name)
            {
                command.defaults.push((name.clone(), default.clone()));
            }
            if let Some(assigned) = set.iter().find(|assigned| assigned.name == name) {
                assigned.reads.iter().for_each(|read| command.reads(read));
                for (read, default) in &assigned.defaults {
                    if !command.defaults.iter().any(|(known, _)| known == read) {
                        command.defaults.push((read.clone(), default.clone()));
                    }
                }
                for trimmed in &assigned.trimmed {
                    push_once(&mut command.trimmed, trimmed.clone());
                }
            }
            index += 1;
        }
        // a value the command trims (`${BASE%/}`) is not the one it sends: none is offered
        command.assigned = set
            .iter()
            .filter(|assigned| assigned.encodes.is_none())
            .filter(|assigned| command.expanded.contains(&assigned.name))
            .filter(|assigned| {
                !command
                    .trimmed
                    .iter()
                    .any(|(_, name)| *name == assigned.name)
            })
            .map(|assigned| (assigned.name.clone(), assigned.value.clone()))
            .collect();
        command.computed = computed
            .iter()
            .filter(|(name, _)| command.expanded.contains(name))
            .cloned()
            .collect();
        written_where_set_again(&mut command, &mut first_read);
        with_whole_arguments_written(&mut command);
        with_unquoted_values_split(&mut command);
        with_echoed_variables_written(&mut command, &set);
        out.push(command);
    }
    out
}

/// The variables a command sets to what samplegen does not run, and what sets each: an
/// assignment of a substitution's output (`D=$(hostname)`, as written), or a `for` loop's
/// variable.
fn computed_by(words: &[String], command: &Command) -> Vec<(String, String)> {
    if let [keyword, name, ..] = words
        && keyword == "for"
        && crate::sample_values::is_env_name(name)
    {
        return vec![(name.clone(), "a `for` loop".to_string())];
    }
    // only a command that is assignments alone sets them for the commands after it
    let words = match words {
        [keyword, rest @ ..] if matches!(keyword.as_str(), "local" | "readonly" | "declare") => {
            rest
        }
        words => words,
    };
    if !words.iter().all(|word| assignment(word).is_some()) {
        return Vec::new();
    }
    words
        .iter()
        .filter_map(|word| {
            let (name, value) = assignment(word)?;
            let substitution = command
                .substituted
                .iter()
                .find(|substitution| value.contains(substitution.as_str()))?;
            Some((name.to_string(), format!("`{substitution}`")))
        })
        .collect()
}

/// A bash array a script fills with words (`AUTH=(-H "Authorization: Bearer $T")`, over lines
/// too) and passes whole (`curl "${AUTH[@]}" …`): its words, in the place of `"${AUTH[@]}"`,
/// reading what they read. An array filled by other means (`+=`, a substitution) stays as
/// written, noted where it is passed.
pub(super) fn with_arrays_written(commands: Vec<Command>) -> Vec<Command> {
    struct Array {
        name: String,
        words: Vec<String>,
        reads: Vec<String>,
    }
    let mut arrays: Vec<Array> = Vec::new();
    let mut out: Vec<Command> = Vec::with_capacity(commands.len());
    let mut commands = commands.into_iter().peekable();
    while let Some(mut command) = commands.next() {
        // `local args=(…)` in a function, `declare -a args=(…)`; `args+=(…)` adds to one
        let declared = command
            .words
            .iter()
            .position(|word| {
                !(matches!(word.as_str(), "local" | "declare" | "typeset" | "readonly")
                    || word.starts_with('-') && word.len() == 2)
            })
            .unwrap_or(0);
        let start = command.words.get(declared).and_then(|word| {
            let (name, rest) = word.split_once("=(")?;
            let (name, appends) = match name.strip_suffix('+') {
                Some(name) => (name, true),
                None => (name, false),
            };
            crate::sample_values::is_env_name(name)
                .then(|| (name.to_string(), rest.to_string(), appends))
        });
        // set only when a test passes (`[ -n "$x" ] && args=(…)`): its words are not known
        if let Some((name, _, _)) = &start
            && command.chained
        {
            arrays.retain(|array| array.name != *name);
            out.push(command);
            continue;
        }
        if let Some((name, first, appends)) = start
            && command.substituted.is_empty()
            && command.unevaluated.is_empty()
            && (!appends || arrays.iter().any(|array| array.name == name))
        {
            let mut words: Vec<String> = std::iter::once(first)
                .chain(command.words[declared + 1..].iter().cloned())
                .collect();
            let mut reads = command.expanded.clone();
            // the `)` that closes it ends its last word, or is a word of its own (then a word
            // ending in `)` before it is an element's: `-H 'X: (1)'`)
            let close = |words: &mut Vec<String>, closer_follows: bool| match words.last_mut() {
                Some(last) if last.ends_with(')') && !closer_follows => {
                    last.pop();
                    if last.is_empty() {
                        words.pop();
                    }
                    true
                }
                _ => false,
            };
            let lone_closer = |next: Option<&Command>| {
                next.is_some_and(|next| next.words.len() == 1 && next.words[0] == ")")
            };
            let mut closed = close(&mut words, lone_closer(commands.peek()));
            // the lines of an array over lines, each a command to the reading so far
            let mut taken: Vec<Command> = Vec::new();
            while !closed
                && taken.len() < 64
                && let Some(next) = commands.next_if(|next| {
                    next.substituted.is_empty() && next.unevaluated.is_empty() && !next.piped
                })
            {
                reads.extend(next.expanded.iter().cloned());
                words.extend(next.words.iter().cloned());
                closed = close(&mut words, lone_closer(commands.peek()));
                taken.push(next);
            }
            if closed {
                words.retain(|word| !word.is_empty());
                if appends && let Some(array) = arrays.iter_mut().find(|array| array.name == name) {
                    array.words.extend(words);
                    array.reads.extend(reads);
                } else {
                    arrays.retain(|array| array.name != name);
                    arrays.push(Array { name, words, reads });
                }
                continue;
            }
            // not one this reading knows: as written
            out.push(command);
            out.extend(taken);
            continue;
        }
        if !arrays.is_empty() {
            let mut words = Vec::with_capacity(command.words.len());
            for word in std::mem::take(&mut command.words) {
                let passed = word
                    .strip_prefix("${")
                    .and_then(|rest| {
                        rest.strip_suffix("[@]}")
                            .or_else(|| rest.strip_suffix("[*]}"))
                    })
                    .and_then(|name| arrays.iter().find(|array| array.name == name));
                match passed {
                    Some(array) => {
                        words.extend(array.words.iter().cloned());
                        for read in &array.reads {
                            command.reads(read);
                        }
                        command.unevaluated.retain(|written| *written != word);
                    }
                    None => words.push(word),
                }
            }
            command.words = words;
        }
        out.push(command);
    }
    out
}

/// An option whose whole argument is a variable an earlier command set: a header (`-H "$AUTH"`,
/// `AUTH` set to `Authorization: token x`), since a spec cannot name a header by a variable, or
/// credentials with their `:` (`-u "$CREDS"`, `CREDS` set to `me:secret`), which curl splits
/// where a spec's username would keep them whole. The argument is the value; the variable is no
/// longer one the command reads when nothing else holds it.
fn with_whole_arguments_written(command: &mut Command) {
    #[derive(PartialEq)]
    enum Argument {
        Header,
        User,
        Data,
    }
    let whole_value = |word: &str, argument: &Argument| {
        let name = word.strip_prefix("{{")?.strip_suffix("}}")?;
        let (_, value) = command.assigned.iter().find(|(set, _)| set == name)?;
        // a body over several lines (`BODY=$(cat <<EOF …)`) is no value to offer as a variable
        if *argument == Argument::Data {
            return value
                .contains('\n')
                .then(|| (name.to_string(), value.clone()));
        }
        let (before, _) = value.split_once(':')?;
        let header_name = !before.is_empty()
            && before
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        (header_name || *argument == Argument::User).then(|| (name.to_string(), value.clone()))
    };
    let mut written = Vec::new();
    for index in 0..command.words.len() {
        let word = &command.words[index];
        let previous = index.checked_sub(1).map(|i| command.words[i].as_str());
        let (prefix, argument, kind) = match (word.get(..2), previous) {
            (Some("-H"), _) if word.len() > 2 => ("-H", &word[2..], Argument::Header),
            (Some("-u"), _) if word.len() > 2 => ("-u", &word[2..], Argument::User),
            (Some("-d"), _) if word.len() > 2 => ("-d", &word[2..], Argument::Data),
            (_, Some("-H" | "--header")) => ("", word.as_str(), Argument::Header),
            (_, Some("-u" | "--user")) => ("", word.as_str(), Argument::User),
            (_, Some(option)) if DATA_OPTIONS.contains(&option) => {
                ("", word.as_str(), Argument::Data)
            }
            _ => continue,
        };
        if let Some((name, value)) = whole_value(argument, &kind) {
            command.words[index] = format!("{prefix}{value}");
            written.push((name, value));
        }
    }
    for (name, _) in &written {
        let placeholder = format!("{{{{{name}}}}}");
        if !command.words.iter().any(|word| word.contains(&placeholder)) {
            command.assigned.retain(|(set, _)| set != name);
            command.expanded.retain(|read| read != name);
        }
    }
    written.dedup();
    command.whole_arguments = written;
}

/// An unquoted `${NAME:+words}` whose variable an earlier command set to a text (`${b:+-d "$b"}`,
/// a body only when there is one) as bash reads it: those words when the text is not empty,
/// nothing when it is.
pub(super) fn with_alternatives_read<'v>(
    command: &mut Command,
    value_of: impl Fn(&str) -> Option<&'v str>,
) {
    let mut index = 0;
    while index < command.words.len() {
        let word = command.words[index].clone();
        let alternative = word
            .strip_prefix("${")
            .and_then(|rest| rest.strip_suffix('}'))
            .and_then(|inner| inner.split_once(":+"))
            .filter(|(name, _)| crate::sample_values::is_env_name(name));
        let Some((name, text)) = alternative else {
            index += 1;
            continue;
        };
        let Some(value) = value_of(name) else {
            index += 1;
            continue;
        };
        let read = if value.is_empty() {
            Some(Command::default())
        } else {
            shell_commands(text)
                .ok()
                .and_then(|commands| <[Command; 1]>::try_from(commands).ok())
                .map(|[read]| read)
        };
        let Some(read) = read.filter(|read| read.substituted.is_empty()) else {
            index += 1;
            continue;
        };
        let count = read.words.len();
        if !command.word_numbers.is_empty() || count != 1 {
            if command.word_numbers.is_empty() {
                command.word_numbers = (0..command.words.len()).collect();
            }
            let number = command.word_numbers[index];
            command
                .word_numbers
                .splice(index..=index, std::iter::repeat_n(number, count));
        }
        command.words.splice(index..=index, read.words);
        command.unevaluated.retain(|written| *written != word);
        for name in &read.expanded {
            command.reads(name);
        }
        index += count;
    }
}

/// A word that is one unquoted variable an earlier command set to a text (`curl $OPTS $URL`,
/// `OPTS="-s -k"`, or `DEBUG=` left empty) as the words the shell splits the value into at
/// blanks and line breaks: options curl reads, or nothing. A value of one word that is no
/// option stays the variable's, offered as it is. Where a variable is read elsewhere too, it
/// stays one the command reads.
fn with_unquoted_values_split(command: &mut Command) {
    let mut split = Vec::new();
    for &index in command.lone_expansions.iter().rev() {
        let Some(name) = command
            .words
            .get(index)
            .and_then(|word| word.strip_prefix("{{")?.strip_suffix("}}"))
        else {
            continue;
        };
        let Some((name, value)) = command
            .assigned
            .iter()
            .find(|(set, _)| set == name)
            .cloned()
        else {
            continue;
        };
        let words: Vec<String> = value.split_whitespace().map(str::to_string).collect();
        // one word that is no option (`URL=https://…`) is the variable's value, as offered
        if let [one] = words.as_slice()
            && !one.starts_with('-')
        {
            continue;
        }
        if command.word_numbers.is_empty() {
            command.word_numbers = (0..command.words.len()).collect();
        }
        command
            .word_numbers
            .splice(index..=index, vec![index; words.len()]);
        command.words.splice(index..=index, words);
        if !split.contains(&(name.clone(), value.clone())) {
            split.insert(0, (name, value));
        }
    }
    command.lone_expansions.clear();
    for (name, _) in &split {
        let placeholder = format!("{{{{{name}}}}}");
        if !command.words.iter().any(|word| word.contains(&placeholder)) {
            command.assigned.retain(|(set, _)| set != name);
            command.expanded.retain(|read| read != name);
        }
    }
    command.split_values = split;
}

/// A substitution that echoes a variable an earlier command set to a text (`"$(echo $PAYLOAD)"`,
/// as Cloudflare's GraphQL examples send their query) as the text the shell makes of it: the
/// value, its blanks and line breaks one blank each where `$PAYLOAD` is unquoted.
fn with_echoed_variables_written(command: &mut Command, set: &[Assigned]) {
    let mut echoed = Vec::new();
    for substitution in &command.substituted {
        let Some(inner) = substitution_text(substitution) else {
            continue;
        };
        let Some(argument) = inner.trim().strip_prefix("echo ") else {
            continue;
        };
        let argument = argument.trim();
        let (reference, quoted) = match argument.strip_prefix('"').and_then(|a| a.strip_suffix('"'))
        {
            Some(inner) => (inner, true),
            None => (argument, false),
        };
        let name = reference
            .strip_prefix("${")
            .and_then(|r| r.strip_suffix('}'))
            .or_else(|| reference.strip_prefix('$'));
        let Some(Assigned { name, value, .. }) =
            name.and_then(|name| set.iter().find(|assigned| assigned.name == name))
        else {
            continue;
        };
        let text = if quoted {
            value.trim_end_matches('\n').to_string()
        } else {
            value.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        echoed.push((substitution.clone(), name.clone(), text));
    }
    for (substitution, name, text) in echoed {
        for word in &mut command.words {
            if word.contains(&substitution) {
                *word = word.replace(&substitution, &text);
            }
        }
        command.substituted.retain(|kept| *kept != substitution);
        command.echoed.push((substitution, name));
    }
}

/// `NAME=value` as a shell variable's name and value.
pub(super) fn assignment(word: &str) -> Option<(&str, &str)> {
    let (name, value) = word.split_once('=')?;
    crate::sample_values::is_env_name(name).then_some((name, value))
}

/// A here-document a line opens: `<<EOF` (`<<-EOF` strips tabs; a quoted `<<'EOF'` keeps its
/// text as written).
struct HereDocument {
    delimiter: String,
    strip_tabs: bool,
    expands: bool,
    /// The index among the text's commands of the command that reads it.
    owner: usize,
}

/// The here-document a `$(…)` substitution opens and does not hold (its delimiter's line is not
/// inside it), read as written (the substitution's own reading expands it).
fn open_here_document(whole: &str) -> Option<HereDocument> {
    let inner = whole.strip_prefix("$(")?.strip_suffix(')')?;
    let delimiter = heredoc_delimiter(inner)?;
    let strip_tabs = inner.split_once("<<")?.1.starts_with('-');
    let held = inner.lines().skip(1).any(|line| {
        let line = if strip_tabs {
            line.trim_start_matches('\t')
        } else {
            line
        };
        line.trim_end() == delimiter
    });
    (!held).then_some(HereDocument {
        delimiter,
        strip_tabs,
        expands: false,
        owner: 0,
    })
}

/// The delimiter of the here-document a line opens (`<<EOF`, `<<-'END'`), if it opens one.
pub(super) fn heredoc_delimiter(line: &str) -> Option<String> {
    let (_, after) = line.split_once("<<")?;
    if after.starts_with('<') {
        // `<<<`: a here-string
        return None;
    }
    let word: String = after
        .trim_start_matches('-')
        .trim_start()
        .trim_start_matches(['\'', '"'])
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!word.is_empty()).then_some(word)
}

/// The lines of a here-document up to its delimiter's line (each with its line break; tabs
/// before each line taken off for `<<-`), as bash reads them. Unless its delimiter is quoted,
/// bash expands its text as in double quotes: `$NAME` becomes `{{NAME}}`, read from the
/// environment, a substitution is kept and noted, and `\$`, `` \` ``, `\\` are the character.
fn here_document(
    chars: &mut std::iter::Peekable<std::str::Chars>,
    heredoc: &HereDocument,
    command: &mut Command,
) -> String {
    let ends = |line: &str, indented: bool| {
        let line = line.trim_end_matches('\r');
        let line = if heredoc.strip_tabs {
            line.trim_start_matches('\t')
        } else {
            line
        };
        line == heredoc.delimiter || (indented && line.trim() == heredoc.delimiter)
    };
    // bash reads on to the end of the text when no line is the delimiter; one indented with
    // the command around it (a page's indented code block) is the end its writer meant
    let rest: String = chars.clone().collect();
    let indented =
        !rest.lines().any(|line| ends(line, false)) && rest.lines().any(|line| ends(line, true));
    if indented {
        command.indented_delimiters.push(heredoc.delimiter.clone());
    }
    let mut text = String::new();
    while chars.peek().is_some() {
        let mut line: String = std::iter::from_fn(|| chars.next_if(|c| *c != '\n')).collect();
        chars.next();
        if ends(&line, indented) {
            break;
        }
        if heredoc.strip_tabs {
            line = line.trim_start_matches('\t').to_string();
        }
        text.push_str(&line);
        text.push('\n');
    }
    if !heredoc.expands {
        return text;
    }
    let mut expanded = String::with_capacity(text.len());
    let mut rest = text.chars().peekable();
    while let Some(c) = rest.next() {
        match c {
            '\\' if matches!(rest.peek(), Some('$' | '`' | '\\')) => expanded.extend(rest.next()),
            // a `\` ending a line joins it to the next
            '\\' if rest.peek() == Some(&'\n') => {
                rest.next();
            }
            '$' => expand(&mut rest, &mut expanded, command, true),
            '`' => match substitution(&mut rest, '`', &mut command.substituted) {
                Some(whole) => expanded.push_str(&whole),
                None => expanded.push('`'),
            },
            c => expanded.push(c),
        }
    }
    expanded
}

/// After a `$` the shell expands: `NAME` or `{NAME}` (a letter or `_`, then letters, digits and
/// `_`) is written `{{NAME}}` into `word` and its name added to the command's `expanded` (once);
/// anything else is kept as written, the `$` included (a `$(…)` is recorded as substituted).
fn expand(
    chars: &mut std::iter::Peekable<std::str::Chars>,
    word: &mut String,
    command: &mut Command,
    quoted: bool,
) {
    if actions_expression(chars, word, command) || template_interpolation(chars, word, command) {
        return;
    }
    // `$$TOKEN` in a Makefile's recipe: make's escape for the shell's `$` (to bash the process
    // id, which no request means)
    let mut ahead = chars.clone();
    if ahead.next() == Some('$')
        && ahead
            .peek()
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == '_' || *c == '{')
    {
        chars.next();
        let before = chars.clone();
        let left = chars.clone().count();
        expand(chars, word, command, quoted);
        let used = left - chars.clone().count();
        let written = format!("$${}", before.take(used).collect::<String>());
        push_once(&mut command.make_syntax, written);
        return;
    }
    // `$(API_URL)` in a Makefile's recipe: make's variable (to bash a command named
    // `API_URL`, which no one writes)
    if chars.peek() == Some(&'(') {
        let mut ahead = chars.clone();
        ahead.next();
        let name: String = ahead
            .clone()
            .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
            .collect();
        if name.starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
            && ahead.nth(name.len()) == Some(')')
        {
            for _ in 0..name.len() + 2 {
                chars.next();
            }
            word.push_str(&format!("{{{{{name}}}}}"));
            command.reads(&name);
            push_once(&mut command.make_syntax, format!("$({name})"));
            return;
        }
    }
    if chars.peek() == Some(&'(') {
        // the substitution up to its `)`, `(…)`, when it closes, for the outputs known below
        let closed = closing_at(chars, Some('('), ')')
            .map(|length| (length, chars.clone().take(length).collect::<String>()));
        if let Some((length, substitution)) = &closed {
            // `$(echo -n 'user:pass' | base64)`, as docs write a basic auth header: its output;
            // with variables (`":$PAT"`), in that header only, the base64 of the text with the
            // variables as `{{PAT}}`, which the import reads back as the basic auth it is
            let output = base64_output(substitution)
                .map(|output| (output, Vec::new()))
                .or_else(|| {
                    let text = base64_input(substitution)?;
                    // a user name and a password; one variable (`$KEY`) may hold both
                    (text.contains(':') && is_basic_auth_prefix(word))
                        .then(|| (crate::http::encoding::base64(&text), variables_in(&text)))
                });
            // `-d "$(cat <<EOF … EOF)"`, a JSON body with variables in it: the here-document's
            // text
            let output = output.or_else(|| {
                quoted
                    .then(|| here_document_output(&format!("${substitution}")))
                    .flatten()
            });
            if let Some((text, reads)) = output {
                word.push_str(&text);
                reads.iter().for_each(|name| command.reads(name));
                for _ in 0..*length {
                    chars.next();
                }
                return;
            }
        }
        // unquoted, the output would be split into words and matched against file names
        if let Some((output, length)) = printf_output(chars.clone())
            .filter(|(output, _)| quoted || !output.contains([' ', '\t', '\n', '*', '?', '[']))
        {
            word.push_str(&output);
            for _ in 0..length {
                chars.next();
            }
            return;
        }
        if let Some(whole) = substitution(chars, ')', &mut command.substituted) {
            word.push_str(&whole);
            return;
        }
    }
    if let Some((position, default)) = positional(chars, quoted) {
        // a script's argument (`$1`, `${2}`): a value the reader gives, as a placeholder is;
        // `${1:-query_string}`'s default offered as its value
        let name = format!("arg{position}");
        word.push_str(&format!("{{{{{name}}}}}"));
        push_once(&mut command.arguments, name.clone());
        if let Some(default) = default
            && !command.defaults.iter().any(|(known, _)| *known == name)
        {
            command.defaults.push((name, default));
        }
        return;
    }
    // `$*`, `$@`: all of a script's arguments, which no text stands for
    if let Some(all) = chars.next_if(|c| matches!(c, '*' | '@')) {
        word.push('$');
        word.push(all);
        push_once(&mut command.unevaluated, format!("${all}"));
        return;
    }
    let is_start = |c: &char| c.is_ascii_alphabetic() || *c == '_';
    let is_name = |c: &char| c.is_ascii_alphanumeric() || *c == '_';
    let mut name = String::new();
    if chars.peek() == Some(&'{') {
        let mut ahead = chars.clone();
        ahead.next();
        if ahead.peek().is_some_and(is_start) {
            while let Some(c) = ahead.next_if(is_name) {
                name.push(c);
            }
            // an array's element, `${CONFIG[$INDEX]}`: the array's value the reader gives (not
            // all of its words, `${ARGS[@]}`, which a script passes on); one a literal index or
            // key names, `${args[0]}`, `${H[token]}`, a value of its own (`{{args_0}}`), since
            // each element is another value
            if ahead.peek() == Some(&'[')
                && let Some(length) = closing_at(&ahead, Some('['), ']')
                && ahead.clone().nth(length) == Some('}')
            {
                let subscript: String = ahead.clone().skip(1).take(length - 2).collect();
                if !matches!(subscript.as_str(), "@" | "*") {
                    ahead.nth(length - 1);
                    if !subscript.is_empty()
                        && subscript
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_')
                    {
                        name.push('_');
                        name.push_str(&subscript);
                    }
                }
            }
            match ahead.next() {
                Some('}') => *chars = ahead,
                // `${LIMIT:-10}`: the variable, its default offered as its value
                Some(after @ (':' | '-'))
                    if let Some(default) = plain_default(&mut ahead, after, quoted) =>
                {
                    *chars = ahead;
                    if !command.defaults.iter().any(|(known, _)| *known == name) {
                        command.defaults.push((name.clone(), default));
                    }
                }
                // `${BASE%/}`, `${B#s3://}`: the variable with a text taken off its end or its
                // start, which samplegen does not evaluate: the variable, its value to be
                // given without that text (noted)
                Some(mark @ ('%' | '#')) => {
                    let doubled = ahead.next_if_eq(&mark).is_some();
                    let pattern: String = std::iter::from_fn(|| ahead.next_if(|c| *c != '}'))
                        .take(200)
                        .collect();
                    let plain = !pattern.is_empty()
                        && !pattern.contains(['$', '`', '"', '\'', '\\', '{', '\n']);
                    if plain && ahead.next() == Some('}') {
                        *chars = ahead;
                        let marks = if doubled {
                            format!("{mark}{mark}")
                        } else {
                            mark.to_string()
                        };
                        let written = format!("${{{name}{marks}{pattern}}}");
                        push_once(&mut command.trimmed, (written, name.clone()));
                    } else {
                        name.clear();
                    }
                }
                _ => name.clear(),
            }
        }
        // `${A:-b}`, `${CA:+--cacert "$CA"}`: an expansion samplegen cannot evaluate, kept as
        // written, one piece of the word as the shell reads it
        if name.is_empty()
            && let Some(length) = closing_at(chars, Some('{'), '}')
        {
            let kept: String = chars.by_ref().take(length).collect();
            word.push('$');
            word.push_str(&kept);
            push_once(&mut command.unevaluated, format!("${kept}"));
            return;
        }
    } else if chars.peek().is_some_and(is_start) {
        while let Some(c) = chars.next_if(is_name) {
            name.push(c);
        }
    }
    if name.is_empty() {
        word.push('$');
        return;
    }
    word.push_str("{{");
    word.push_str(&name);
    word.push_str("}}");
    command.reads(&name);
}

/// After a `$`, the number of a script's positional parameter, and the iterator past it: `$1`
/// to `$9` (one digit: `$10` is `$1` and a `0`), or `${N}`. `$0`, the script's own name, is none.
fn positional(
    chars: &mut std::iter::Peekable<std::str::Chars>,
    quoted: bool,
) -> Option<(u32, Option<String>)> {
    let mut ahead = chars.clone();
    let (number, default) = match ahead.next()? {
        digit @ '1'..='9' => (digit.to_digit(10)?, None),
        '{' => {
            let digits: String =
                std::iter::from_fn(|| ahead.next_if(char::is_ascii_digit)).collect();
            if digits.is_empty() || digits.starts_with('0') {
                return None;
            }
            let default = match ahead.next()? {
                '}' => None,
                after @ (':' | '-') => Some(plain_default(&mut ahead, after, quoted)?),
                _ => return None,
            };
            (digits.parse().ok()?, default)
        }
        _ => return None,
    };
    *chars = ahead;
    Some((number, default))
}

/// After a `$`, a GitHub Actions expression (`${{ secrets.TOKEN }}`, in a workflow's `run:`
/// step), which GitHub replaces by its value before the shell runs: a secret or an environment
/// variable is read from the environment as `$TOKEN` is, and another value with a name
/// (`${{ vars.BASE_URL }}`, `${{ github.repository }}`) is a `{{variable}}` of that name. Whether
/// it was one; an expression that computes (`${{ format(…) }}`) is kept as written.
fn actions_expression(
    chars: &mut std::iter::Peekable<std::str::Chars>,
    word: &mut String,
    command: &mut Command,
) -> bool {
    // most `$`s start a plain variable: look further only after `{{`
    if !chars.clone().take(2).eq("{{".chars()) {
        return false;
    }
    let rest: String = chars.clone().take(200).collect();
    let inner = &rest[2..];
    let Some((expression, _)) = inner.split_once("}}") else {
        return false;
    };
    let name = expression.trim();
    let named = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !named {
        return false;
    }
    for _ in 0..expression.chars().count() + 4 {
        chars.next();
    }
    write_named_value(name, &format!("${{{{{expression}}}}}"), word, command);
    true
}

/// After a `$`, a template's interpolation of a dotted name (Terraform's `${var.region}`,
/// Jenkins' `${env.TOKEN}`), which its tool fills in before the shell runs (bash would refuse
/// it as a bad substitution): written as [`write_named_value`] does. Whether it was one.
fn template_interpolation(
    chars: &mut std::iter::Peekable<std::str::Chars>,
    word: &mut String,
    command: &mut Command,
) -> bool {
    let mut ahead = chars.clone();
    if ahead.next() != Some('{') {
        return false;
    }
    let name: String = std::iter::from_fn(|| {
        ahead.next_if(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    })
    .collect();
    let dotted = name.contains('.')
        && name.split('.').all(|segment| {
            segment
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        });
    if !dotted || ahead.next() != Some('}') {
        return false;
    }
    *chars = ahead;
    write_named_value(&name, &format!("${{{name}}}"), word, command);
    true
}

/// A value a tool fills in by its dotted name, written into `word`: a secret's or an
/// environment variable's (`secrets.TOKEN`, `env.TOKEN`) read from the environment as `$TOKEN`
/// is, any other a `{{variable}}` of that name (`vars.BASE_URL`, `var.region`), recorded as
/// `written` so that a note can ask for its value.
fn write_named_value(name: &str, written: &str, word: &mut String, command: &mut Command) {
    let environment = name
        .strip_prefix("secrets.")
        .or_else(|| name.strip_prefix("env."))
        .filter(|variable| crate::sample_values::is_env_name(variable));
    let name = environment.unwrap_or(name);
    word.push_str("{{");
    word.push_str(name);
    word.push_str("}}");
    if environment.is_some() {
        command.reads(name);
    } else if !command.tool_values.iter().any(|(_, known)| known == name) {
        command
            .tool_values
            .push((written.to_string(), name.to_string()));
    }
}

/// After `${NAME` and `after` (`:` or `-`): the default of a `:-`, `:=`, `-` or `=` expansion
/// up to its `}`, when it is plain text (no expansion, quote or brace in it, and no blank unless
/// the expansion is in double quotes, where the shell splits nothing), and the iterator then
/// past the `}`. (`${A:+b}` is no default: it is `b` when `A` is set.)
fn plain_default(
    chars: &mut std::iter::Peekable<std::str::Chars>,
    after: char,
    quoted: bool,
) -> Option<String> {
    let mut ahead = chars.clone();
    if after == ':' && !matches!(ahead.next()?, '-' | '=') {
        return None;
    }
    let mut default = String::new();
    loop {
        match ahead.next()? {
            '}' => break,
            c if (c.is_whitespace() && !quoted) || "$`'\"\\{".contains(c) => return None,
            c => default.push(c),
        }
    }
    *chars = ahead;
    Some(default)
}

/// What `$(printf 'text')` puts in its place, when its format is plain text and escapes (no `%`
/// conversion, nothing else in the parentheses), as samplegen's own cURL samples write a carriage
/// return (`"$(printf '\015')"`); and how many characters, from the `(`, it takes.
fn printf_output(mut chars: std::iter::Peekable<std::str::Chars>) -> Option<(String, usize)> {
    // compared a character at a time: most `$(` are other commands, and a text may hold many
    for expected in "(printf '".chars() {
        if chars.next()? != expected {
            return None;
        }
    }
    let mut format = String::new();
    loop {
        match chars.next()? {
            '\'' => break,
            _ if format.len() >= SUBSTITUTION_LIMIT => return None,
            c => format.push(c),
        }
    }
    if chars.next()? != ')' {
        return None;
    }
    let mut output = printf_text(&format)?;
    // a command substitution drops the line feeds its output ends with
    let kept = output.trim_end_matches('\n').len();
    output.truncate(kept);
    let length = "(printf '".chars().count() + format.chars().count() + 2;
    Some((output, length))
}

/// What `printf` writes for a format of plain text and escapes; `None` for one with a `%`
/// conversion or an escape samplegen does not read, or output that is not UTF-8 text.
/// What `printf FORMAT ARGUMENTS…` writes when the format's only directives are `%s` and `%%`
/// (`printf '%s' "$U:$P"`, Azure's `printf "%s"":$PAT"`): the format used again while
/// arguments are left, each `%s` an argument as written (an empty one when none is left).
fn printf_with_arguments(format: &str, arguments: &[String]) -> Option<String> {
    let pieces: Vec<&str> = format.split("%s").collect();
    let directives = pieces.len() - 1;
    let literal = |piece: &str| -> Option<String> {
        piece
            .split("%%")
            .map(printf_text)
            .collect::<Option<Vec<String>>>()
            .map(|parts| parts.join("%"))
    };
    let literals: Vec<String> = pieces
        .iter()
        .map(|piece| literal(piece))
        .collect::<Option<_>>()?;
    if directives == 0 {
        // no directive: the arguments are not written
        return Some(literals.concat());
    }
    let mut arguments = arguments.iter();
    let mut out = String::new();
    loop {
        for (index, text) in literals.iter().enumerate() {
            out.push_str(text);
            if index < directives {
                out.push_str(arguments.next().map_or("", String::as_str));
            }
        }
        if arguments.len() == 0 {
            return Some(out);
        }
    }
}

fn printf_text(format: &str) -> Option<String> {
    if format.contains('%') {
        return None;
    }
    let mut bytes = Vec::new();
    let mut rest = format.chars().peekable();
    while let Some(c) = rest.next() {
        if c != '\\' {
            let mut buffer = [0; 4];
            bytes.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            continue;
        }
        let byte = match rest.next()? {
            '\\' => b'\\',
            'a' => 0x07,
            'b' => 0x08,
            'f' => 0x0c,
            'n' => b'\n',
            'r' => b'\r',
            't' => b'\t',
            'v' => 0x0b,
            digit @ '0'..='7' => {
                let mut value = digit.to_digit(8)?;
                for _ in 0..2 {
                    match rest.peek().and_then(|c| c.to_digit(8)) {
                        Some(next) => {
                            value = value * 8 + next;
                            rest.next();
                        }
                        None => break,
                    }
                }
                u8::try_from(value).ok()?
            }
            _ => return None,
        };
        bytes.push(byte);
    }
    // the shell drops a NUL from a substitution's output; a spec cannot hold one anyway
    bytes.retain(|&byte| byte != 0);
    String::from_utf8(bytes).ok()
}

/// What `(echo -n 'text' | base64)` writes, as API docs make a basic auth header's value: the
/// base64 of [`base64_input`], when it holds no variable and is one line (at most 76
/// characters, where GNU base64 wraps). The substitution is whole, `(` to `)`.
fn base64_output(substitution: &str) -> Option<String> {
    let text = base64_input(substitution)?;
    // a variable's value is not known here
    if text.contains("{{") {
        return None;
    }
    let encoded = crate::http::encoding::base64(&text);
    (encoded.len() <= 76).then_some(encoded)
}

/// Whether a word so far is a basic auth header up to its credentials (`Authorization: Basic `,
/// as `-H` gives it, its option glued on or not).
fn is_basic_auth_prefix(word: &str) -> bool {
    let word = word.strip_prefix("-H").unwrap_or(word);
    word.split_once(':').is_some_and(|(name, value)| {
        name.trim().eq_ignore_ascii_case("authorization") && value.trim_start() == "Basic "
    })
}

/// The text `(echo -n 'text' | base64)` encodes: what `echo` or `printf` gives (see
/// [`piped_input`]; `echo`'s line feed too, unless `-n`), its variables as `{{name}}`, when
/// `base64` is given no option but `-w0`, and is followed by nothing but a `tr -d` of line
/// breaks (Azure DevOps' `base64 | tr -d '\n'`). The substitution is whole, `(` to `)`.
fn base64_input(substitution: &str) -> Option<String> {
    // most substitutions are other commands: not read as commands of their own for nothing
    if !substitution.contains("base64") {
        return None;
    }
    let inner = substitution.strip_prefix('(')?.strip_suffix(')')?;
    let commands = shell_commands(inner).ok()?;
    let (source, encoder) = match commands.as_slice() {
        [source, encoder] => (source, encoder),
        [source, encoder, strip] if strips_line_breaks(strip) => (source, encoder),
        _ => return None,
    };
    let options: Vec<&str> = encoder.words.iter().skip(1).map(String::as_str).collect();
    let plain = encoder.piped
        && encoder
            .words
            .first()
            .is_some_and(|program| program == "base64")
        && matches!(
            options.as_slice(),
            [] | ["-w0"] | ["-w", "0"] | ["--wrap=0"]
        );
    match piped_input(&source.words).filter(|_| plain) {
        Some((Stdin::Text(text), _)) => Some(text),
        _ => None,
    }
}

/// Whether a piped command only deletes line breaks (`tr -d '\n'`, `tr -d '\r\n'`), which
/// leaves one line of base64 as it is.
fn strips_line_breaks(command: &Command) -> bool {
    command.piped
        && matches!(command.words.as_slice(),
            [tr, d, set] if tr == "tr" && d == "-d" && matches!(set.as_str(), "\\n" | "\\r\\n" | "\\n\\r"))
}

/// What a command before a `|` gives the next one on its standard input, when the words say:
/// `echo` of text (its line feed too, unless `-n`; with `-e`, only text without `\`), `printf`
/// of plain text and escapes, or `cat` of one file; and how it was written, for notes.
pub(super) fn piped_input(words: &[String]) -> Option<(Stdin, String)> {
    let (program, arguments) = words.split_first()?;
    match program.as_str() {
        "echo" => {
            let mut rest = arguments;
            let (mut line_feed, mut escapes) = (true, false);
            while let Some((flag, after)) = rest.split_first() {
                let Some(letters) = flag.strip_prefix('-') else {
                    break;
                };
                if letters.is_empty() || !letters.chars().all(|c| matches!(c, 'n' | 'e' | 'E')) {
                    break;
                }
                line_feed &= !letters.contains('n');
                escapes |= letters.contains('e');
                rest = after;
            }
            let mut text = rest.join(" ");
            // `echo -e` reads printf's escapes but for octal (`\0NNN`, not `\NNN`)
            if escapes && text.contains('\\') {
                if text.contains("\\0") {
                    return None;
                }
                text = printf_text(&text)?;
            }
            if line_feed {
                text.push('\n');
            }
            Some((Stdin::Text(text), "echo … |".to_string()))
        }
        // PowerShell's: each object a line
        program if program.eq_ignore_ascii_case("Write-Output") && !arguments.is_empty() => {
            let mut text = arguments.join("\n");
            text.push('\n');
            Some((Stdin::Text(text), "Write-Output … |".to_string()))
        }
        "printf" if !arguments.is_empty() => Some((
            Stdin::Text(printf_with_arguments(&arguments[0], &arguments[1..])?),
            "printf … |".to_string(),
        )),
        "cat" if arguments.len() == 1 && !arguments[0].starts_with('-') => Some((
            Stdin::File(arguments[0].clone()),
            format!("cat {} |", arguments[0]),
        )),
        _ => None,
    }
}

/// What the command of a process substitution (`<(printf '{"a":1}')`, `<(cat <<EOF …)`)
/// writes into the file it names, when samplegen can tell (what `echo`, `printf` and `cat`
/// write, as when they are piped into curl), and that command, for what it reads from the
/// environment and runs (`$USER`, `$(date)` in the here-document).
pub(super) fn process_output(substitution: &str) -> Option<(Stdin, Command)> {
    let inner = substitution.strip_prefix("<(")?.strip_suffix(')')?;
    let mut commands = shell_commands(inner).ok()?;
    let [command] = commands.as_mut_slice() else {
        return None;
    };
    let output = match (command.words.as_slice(), command.stdin.take()) {
        ([cat], Some((Stdin::Text(text), _))) if cat == "cat" => Stdin::Text(text),
        (words, None) if command.expanded.is_empty() && command.substituted.is_empty() => {
            piped_input(words)?.0
        }
        _ => return None,
    };
    Some((output, commands.remove(0)))
}

/// The URL a backquoted word holds (after its opening `` ` ``, up to the closing one, which a
/// blank or the end follows): a scheme's `://`, no blank or quote in it.
fn backquoted_url(chars: &std::iter::Peekable<std::str::Chars>) -> Option<String> {
    let mut ahead = chars.clone();
    let mut url = String::new();
    let mut closed = false;
    for c in ahead.by_ref().take(2048) {
        if c == '`' {
            closed = true;
            break;
        }
        url.push(c);
    }
    if !closed {
        return None;
    }
    let ends_word = ahead.next().is_none_or(char::is_whitespace);
    let (scheme, _) = url.split_once("://")?;
    (ends_word
        && crate::url::is_scheme(scheme)
        && !url.contains(|c: char| c.is_whitespace() || matches!(c, '\'' | '"' | '$' | '(')))
    .then_some(url)
}

/// The most characters a command substitution is looked for in: a text of a great many `$(`
/// that never close would otherwise take a time growing with its length squared.
pub(super) const SUBSTITUTION_LIMIT: usize = 4096;

/// Takes the command substitution that starts at `chars` (at the `(` after `$`, or after a
/// backtick) and ends at `close` out of `chars`, and records it: the whole substitution, as
/// written, is one piece of its word, as the shell reads it. `None` (nothing taken) when it does
/// not end (see [`closing_at`]).
fn substitution(
    chars: &mut std::iter::Peekable<std::str::Chars>,
    close: char,
    into: &mut Vec<String>,
) -> Option<String> {
    let (open, nests) = if close == ')' {
        ("$", Some('('))
    } else {
        ("`", None)
    };
    let length = closing_at(chars, nests, close)?;
    let whole: String = open.chars().chain(chars.by_ref().take(length)).collect();
    into.push(whole.clone());
    Some(whole)
}

/// How many characters of `chars`, up to and including the `close` that ends what they open:
/// `opens` (`(` or `{`) nests, and a quoted stretch (`'…'`, `"…"`) holds nothing that ends it,
/// as the inner command or expansion reads it. `None` when it does not end within
/// [`SUBSTITUTION_LIMIT`] characters, or, but in a command substitution (`$(curl …` with its
/// `)` on a line of its own, as scripts write one), at a line break no `\` continues.
fn closing_at(
    chars: &std::iter::Peekable<std::str::Chars>,
    opens: Option<char>,
    close: char,
) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    let mut previous = None;
    for (count, c) in chars.clone().take(SUBSTITUTION_LIMIT).enumerate() {
        match (c, quote) {
            ('\'' | '"', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            (_, Some(_)) => {}
            (c, None) if Some(c) == opens => depth += 1,
            (c, None) if c == close && (opens.is_none() || depth == 1) => return Some(count + 1),
            (c, None) if c == close => depth = depth.saturating_sub(1),
            ('\n', None) if previous != Some('\\') && opens != Some('(') => return None,
            _ => {}
        }
        previous = Some(c);
    }
    None
}

/// The rest of a `$'…'` word after the `$'`, up to the closing `'`, its escapes decoded as bash
/// decodes them: `\n \t \r \e \a \b \f \v \\ \' \" \?`, `\NNN` octal, `\xHH`, `\uHHHH`,
/// `\UHHHHHHHH` and `\cX`. Bytes (`\xHH`, octal) are joined, then read as UTF-8: bytes that are
/// not (`caf\xe9`, Latin-1) are an error, since a spec cannot hold them.
fn ansi_c_quoted(chars: &mut std::iter::Peekable<std::str::Chars>) -> Result<String, String> {
    let mut bytes: Vec<u8> = Vec::new();
    let push = |bytes: &mut Vec<u8>, c: char| {
        let mut buffer = [0; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
    };
    let digits = |chars: &mut std::iter::Peekable<std::str::Chars>, radix: u32, most: usize| {
        let mut value: u32 = 0;
        let mut count = 0;
        while count < most
            && let Some(d) = chars.peek().and_then(|c| c.to_digit(radix))
        {
            chars.next();
            value = value * radix + d;
            count += 1;
        }
        (count > 0).then_some(value)
    };
    loop {
        match chars.next() {
            None => return Err("a `$'` quote is never closed".into()),
            Some('\'') => break,
            Some('\\') => match chars.next() {
                None => return Err("a `$'` quote is never closed".into()),
                Some(c) => match c {
                    'n' => bytes.push(b'\n'),
                    't' => bytes.push(b'\t'),
                    'r' => bytes.push(b'\r'),
                    'e' | 'E' => bytes.push(0x1b),
                    'a' => bytes.push(0x07),
                    'b' => bytes.push(0x08),
                    'f' => bytes.push(0x0c),
                    'v' => bytes.push(0x0b),
                    '\\' | '\'' | '"' | '?' => push(&mut bytes, c),
                    '0'..='7' => {
                        let mut value = c.to_digit(8).unwrap_or(0);
                        for _ in 0..2 {
                            match chars.peek().and_then(|c| c.to_digit(8)) {
                                Some(d) => {
                                    chars.next();
                                    value = value * 8 + d;
                                }
                                None => break,
                            }
                        }
                        bytes.push((value & 0xff) as u8);
                    }
                    'x' => match digits(chars, 16, 2) {
                        Some(value) => bytes.push(value as u8),
                        None => bytes.extend_from_slice(b"\\x"),
                    },
                    'u' | 'U' => match digits(chars, 16, if c == 'u' { 4 } else { 8 }) {
                        Some(value) => {
                            push(&mut bytes, char::from_u32(value).unwrap_or('\u{fffd}'))
                        }
                        None => {
                            bytes.push(b'\\');
                            push(&mut bytes, c);
                        }
                    },
                    'c' => match chars.next() {
                        Some(x) => bytes.push((x.to_ascii_uppercase() as u8) & 0x1f),
                        None => return Err("a `$'` quote is never closed".into()),
                    },
                    other => {
                        bytes.push(b'\\');
                        push(&mut bytes, other);
                    }
                },
            },
            Some(c) => push(&mut bytes, c),
        }
    }
    String::from_utf8(bytes).map_err(|error| {
        let byte = error.as_bytes()[error.utf8_error().valid_up_to()];
        format!(
            "a `$'…'` word holds the byte `\\x{byte:02x}`, which is not UTF-8 text: a spec holds text only; send such bytes as a `file` body"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of a text's commands, one after the other.
    fn shell_words(line: &str) -> Result<Vec<String>, String> {
        Ok(shell_commands(line)?
            .into_iter()
            .flat_map(|command| command.words)
            .collect())
    }

    #[test]
    fn words_split_like_a_shell() {
        assert_eq!(
            shell_words("curl -H 'A: it'\\''s' \"x \\\"y\\\" \\$z\" a\\ b \\\n --url u").unwrap(),
            ["curl", "-H", "A: it's", "x \"y\" $z", "a b", "--url", "u"]
        );
        assert!(shell_words("curl 'open").is_err());
    }

    // scripts keep options in an array and pass it whole
    #[test]
    fn an_array_of_words_passed_whole_is_its_words() {
        let commands = with_arrays_written(
            shell_commands(concat!(
                "AUTH=(\"-H\" \"Authorization: Bearer $T\")\n",
                "OPTS=(\n  -s\n  -H 'X: (1)'\n)\n",
                "curl \"${AUTH[@]}\" ${OPTS[*]} \"${OTHER[@]}\" https://e.com\n",
            ))
            .unwrap(),
        );
        assert_eq!(commands.len(), 1);
        assert_eq!(
            commands[0].words,
            [
                "curl",
                "-H",
                "Authorization: Bearer {{T}}",
                "-s",
                "-H",
                "X: (1)",
                "${OTHER[@]}",
                "https://e.com"
            ]
        );
        assert_eq!(commands[0].expanded, ["T"]);
        // one never closed is left as written
        let commands = with_arrays_written(shell_commands("A=(-s\ncurl https://e.com\n").unwrap());
        assert_eq!(commands.len(), 2);
    }

    // a template fills in `${dotted.name}` before the shell reads quotes (Dify's MDX pages)
    #[test]
    fn a_template_interpolation_in_single_quotes_is_its_variable() {
        let commands = shell_commands("curl '${props.apiBaseUrl}/x' -d '$HOME'").unwrap();
        assert_eq!(commands[0].words[1], "{{props.apiBaseUrl}}/x");
        assert_eq!(commands[0].words[3], "$HOME");
    }

    // `-d "$(cat <<EOF … EOF)"`: a body with variables written in, as `BODY=$(cat <<EOF …)` is
    #[test]
    fn a_here_document_cat_gives_in_quotes_is_its_text() {
        let commands =
            shell_commands("curl -d \"$(cat <<EOF\n{\"name\": \"$NAME\"}\nEOF\n)\" u").unwrap();
        assert_eq!(
            commands[0].words,
            ["curl", "-d", "{\"name\": \"{{NAME}}\"}", "u"]
        );
        assert_eq!(commands[0].expanded, ["NAME"]);
        assert!(commands[0].substituted.is_empty());
        // a quoted delimiter keeps `$NAME` as text
        let commands =
            shell_commands("curl -d \"$(cat <<'EOF'\n{\"a\": \"$NAME\"}\nEOF\n)\" u").unwrap();
        assert_eq!(commands[0].words[2], "{\"a\": \"$NAME\"}");
        // another command's output is not known
        let commands = shell_commands("curl -d \"$(jq -n '{a: 1}')\" u").unwrap();
        assert_eq!(commands[0].substituted, ["$(jq -n '{a: 1}')"]);
    }

    #[test]
    fn printf_writes_its_arguments_in_its_format() {
        let args = |list: &[&str]| list.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        assert_eq!(
            printf_with_arguments("%s", &args(&["a:b"])).as_deref(),
            Some("a:b")
        );
        assert_eq!(
            printf_with_arguments("%s:{{PAT}}", &[]).as_deref(),
            Some(":{{PAT}}")
        );
        assert_eq!(
            printf_with_arguments("%s\\n", &args(&["a", "b"])).as_deref(),
            Some("a\nb\n")
        );
        assert_eq!(printf_with_arguments("100%%", &[]).as_deref(), Some("100%"));
        assert_eq!(printf_with_arguments("%d", &args(&["1"])), None);
    }

    // Azure DevOps: a personal access token as the password of basic auth
    #[test]
    fn base64_of_variables_in_a_basic_auth_header_is_that_auth() {
        let words = |line: &str| shell_commands(line).unwrap().remove(0);
        let command =
            words("curl -H \"Authorization: Basic $(echo -n \":$PAT\" | base64 | tr -d '\\n')\" u");
        assert_eq!(
            command.words[2],
            format!(
                "Authorization: Basic {}",
                crate::http::encoding::base64(":{{PAT}}")
            )
        );
        assert_eq!(command.expanded, ["PAT"]);
        let command = words("curl -H \"Authorization: Basic $(printf '%s' \"$U:$P\" | base64)\" u");
        assert_eq!(
            command.words[2],
            format!(
                "Authorization: Basic {}",
                crate::http::encoding::base64("{{U}}:{{P}}")
            )
        );
        // one variable, which may hold both credentials, is not known either
        assert_eq!(
            words("curl -H \"Authorization: Basic $(echo -n \"$KEY\" | base64)\" u").words[2],
            "Authorization: Basic $(echo -n \"$KEY\" | base64)"
        );
        // elsewhere the value is not known: kept as written
        assert_eq!(
            words("curl -H \"X: $(echo -n \":$PAT\" | base64)\" u").words[2],
            "X: $(echo -n \":$PAT\" | base64)"
        );
        // nor is the output of another program after base64
        assert_eq!(
            words("curl -H \"Authorization: Basic $(echo -n a:b | base64 | rev)\" u").words[2],
            "Authorization: Basic $(echo -n a:b | base64 | rev)"
        );
    }

    #[test]
    fn base64_of_echoed_text_is_its_output() {
        let words = |line: &str| shell_commands(line).unwrap().remove(0).words;
        assert_eq!(
            words("curl -H \"Authorization: Basic $(echo -n 'myusername:mypassword' | base64)\" u"),
            [
                "curl",
                "-H",
                "Authorization: Basic bXl1c2VybmFtZTpteXBhc3N3b3Jk",
                "u"
            ]
        );
        // `echo` without `-n` encodes its line feed too, as the shell does
        assert_eq!(
            words("curl -H \"X: $(echo a:b | base64 -w0)\" u")[2],
            "X: YTpiCg=="
        );
        assert_eq!(
            words("curl -u x: -H \"X: $(printf 'a:b' | base64)\" u")[4],
            "X: YTpi"
        );
        // a variable's value, or another program: kept as written
        assert_eq!(
            words("curl -H \"X: $(echo -n \"$U:$P\" | base64)\" u")[2],
            "X: $(echo -n \"$U:$P\" | base64)"
        );
        assert_eq!(
            words("curl -H \"X: $(echo -n a | md5sum)\" u")[2],
            "X: $(echo -n a | md5sum)"
        );
    }

    #[test]
    fn a_pipe_gives_the_next_command_the_output_samplegen_can_tell() {
        let commands =
            shell_commands("echo -ne 'a b' |\n curl -d @- u || curl v; cat f | jq .").unwrap();
        let piped: Vec<bool> = commands.iter().map(|c| c.piped).collect();
        assert_eq!(piped, [false, true, false, false, true]);
        let input = |line: &str| {
            let words: Vec<String> = line.split(' ').map(str::to_string).collect();
            piped_input(&words).map(|(stdin, _)| stdin)
        };
        assert_eq!(input("echo a  b"), Some(Stdin::Text("a  b\n".into())));
        assert_eq!(input("echo -n x"), Some(Stdin::Text("x".into())));
        assert_eq!(input("echo -e x"), Some(Stdin::Text("x\n".into())));
        // the escapes `-e` reads, printf's but for octal
        assert_eq!(input("echo -e x\\ty"), Some(Stdin::Text("x\ty\n".into())));
        assert_eq!(input("echo -e x\\0101"), None);
        // `-x` is no flag of echo's: text
        assert_eq!(input("echo -x"), Some(Stdin::Text("-x\n".into())));
        assert_eq!(input("printf a\\tb"), Some(Stdin::Text("a\tb".into())));
        assert_eq!(input("printf %s x"), Some(Stdin::Text("x".into())));
        assert_eq!(input("printf %d 1"), None);
        assert_eq!(
            input("cat body.json"),
            Some(Stdin::File("body.json".into()))
        );
        assert_eq!(input("cat a b"), None);
        assert_eq!(input("jq . a"), None);
    }

    #[test]
    fn environment_variables_the_shell_expands_become_variables() {
        let commands = shell_commands(
            "curl \"$HOST/a\"/${PATH_PART} -H 'X: $LITERAL' -d \"\\$ESCAPED $1 $(date) ${A:-b} $ \" -u $HOST:$_p2 -d \"$0 ${12}$10\"",
        )
        .unwrap();
        assert_eq!(
            commands[0].words,
            [
                "curl",
                "{{HOST}}/a/{{PATH_PART}}",
                "-H",
                "X: $LITERAL",
                "-d",
                "$ESCAPED {{arg1}} $(date) {{A}} $ ",
                "-u",
                "{{HOST}}:{{_p2}}",
                "-d",
                // a script's arguments: values the reader gives (`$10` is `$1` and `0`)
                "$0 {{arg12}}{{arg1}}0",
            ]
        );
        assert_eq!(commands[0].expanded, ["HOST", "PATH_PART", "A", "_p2"]);
        // a plain default is what the shell sends while the variable is not set
        assert_eq!(commands[0].defaults, [("A".to_string(), "b".to_string())]);
        let kept = shell_commands("curl \"${A:+x}${B:-$C}\" u").unwrap();
        assert_eq!(kept[0].words[1], "${A:+x}${B:-$C}");
    }

    // as bash reads them: a substitution or an expansion is one piece of its word, blanks,
    // quotes and `|` inside it included
    #[test]
    fn substitutions_are_one_piece_of_a_word() {
        let commands = shell_commands(
            "curl -d '{\"t\":'$(echo 42 | cat)'}' -d \"$(echo \"{ }\")\" -H \"T: `date +%s`\" ${A:+-k \"$A\"} u",
        )
        .unwrap();
        assert_eq!(commands.len(), 1);
        assert_eq!(
            commands[0].words,
            [
                "curl",
                "-d",
                "{\"t\":$(echo 42 | cat)}",
                "-d",
                "$(echo \"{ }\")",
                "-H",
                "T: `date +%s`",
                "${A:+-k \"$A\"}",
                "u"
            ]
        );
        assert_eq!(commands[0].substituted.len(), 3);
    }

    #[test]
    fn a_variable_set_before_is_recorded_where_it_is_read() {
        let commands = with_assignments_read(
            shell_commands(
                "name=\"a b.txt\"\nexport TOKEN=t1 OTHER=x\nU=$(date)\ncurl -d \"f=$name\" -H \"A: $TOKEN\" \"$U\"",
            )
            .unwrap(),
        );
        // the command whose value is a substitution stays; the others are taken out
        assert_eq!(commands.len(), 2);
        assert_eq!(commands[0].words, ["U=$(date)"]);
        assert_eq!(commands[1].expanded, ["name", "TOKEN", "U"]);
        assert_eq!(
            commands[1].assigned,
            [
                ("name".to_string(), "a b.txt".to_string()),
                ("TOKEN".to_string(), "t1".to_string())
            ]
        );
    }

    #[test]
    fn ansi_c_quotes_decode_like_bash() {
        assert_eq!(
            shell_words(r#"a $'l1\nl2\t\\ \'q\' \"d\" \x41\101\u00e9\U0001F600\e[\r\cA\z' b"#)
                .unwrap(),
            ["a", "l1\nl2\t\\ 'q' \"d\" AAé😀\u{1b}[\r\u{1}\\z", "b"]
        );
        // bytes join into UTF-8, as in `$'\xc3\xa9'`
        assert_eq!(shell_words(r"$'\xc3\xa9'").unwrap(), ["é"]);
        assert_eq!(shell_words(r#"x$'a'"b"'c'"#).unwrap(), ["xabc"]);
        assert!(shell_words("$'open").is_err());
        // bytes that are no UTF-8 text (Latin-1's `é`) cannot be in a spec
        let error = shell_words(r"curl -d $'caf\xe9' u").unwrap_err();
        assert!(error.contains("`\\xe9`"), "{error}");
    }

    // an apostrophe inside single quotes ends them: the error names it rather than only the
    // quote its shifted quoting leaves open
    #[test]
    fn an_apostrophe_that_ends_single_quotes_is_named() {
        assert_eq!(
            shell_commands("curl u -d '{\"name\": \"O'Brien\"}'").unwrap_err(),
            "a double quote opened at line 1, column 29 is never closed: the `'` of `O'Brien` at line 1, column 23 ended the single-quoted text before it (a single-quoted text cannot hold a `'`; write it `'\\''` there)"
        );
        assert!(
            shell_commands("curl u -d 'it's'")
                .unwrap_err()
                .contains("the `'` of `it's` at line 1, column 14")
        );
        // two of them leave the quotes balanced: the command reads, and says so
        let commands = shell_commands("curl u -d '{\"a\": \"it's-Dan's\"}'").unwrap();
        assert_eq!(commands[0].words[3], "{\"a\": \"its-Dans\"}");
        assert_eq!(
            commands[0]
                .apostrophe
                .as_ref()
                .map(|(_, word)| word.as_str()),
            Some("it's")
        );
        // an earlier command's apostrophe is not this command's quote's cause
        assert_eq!(
            shell_commands("curl u -d 'it's-Dan's'\ncurl v -d \"x").unwrap_err(),
            "a double quote opened at line 2, column 11 is never closed"
        );
        // quotes joined on purpose have no letter on both sides
        for joined in ["curl -H 'a: '$T u", "curl 'u/'\"$ID\"", "curl -d 'a='b u"] {
            assert_eq!(
                shell_commands(joined).unwrap()[0].apostrophe,
                None,
                "{joined}"
            );
        }
    }

    // an apostrophe in prose opens a quote: the error says where
    #[test]
    fn a_quote_never_closed_is_named_by_its_place() {
        assert_eq!(
            shell_commands("curl u\necho it's").unwrap_err(),
            "a single quote opened at line 2, column 8 is never closed"
        );
        assert_eq!(
            shell_commands("curl -d \"{ u").unwrap_err(),
            "a double quote opened at line 1, column 9 is never closed"
        );
        // a page's block names the page's line
        assert_eq!(
            shell_commands_at("curl u\necho it's", 10).unwrap_err(),
            "a single quote opened at line 11, column 8 is never closed"
        );
        assert_eq!(
            shell_commands_at("curl u\necho it's", 1).unwrap_err(),
            "a single quote opened at line 2, column 8 is never closed"
        );
    }

    #[test]
    fn text_piped_into_curl_after_a_comments_mark_is_a_command() {
        assert_eq!(
            without_prompts(" * echo '{}' | curl --json @- u", false),
            "echo '{}' | curl --json @- u"
        );
        assert!(prompt_end("* echo a | jq .", false).is_none());
    }

    #[test]
    fn prompts_are_taken_off() {
        assert_eq!(
            without_prompts("C:\\>curl.exe -I u", false),
            "curl.exe -I u"
        );
        assert_eq!(without_prompts("D:\\work\\api> curl u", false), "curl u");
        assert_eq!(without_prompts("PS C:\\> curl.exe u", false), "curl.exe u");
        // Kali's two-line prompt: its second line
        assert_eq!(
            without_prompts("┌──(kali㉿kali)-[~]\n└─$ curl -I u", false),
            "┌──(kali㉿kali)-[~]\ncurl -I u"
        );
        assert_eq!(
            without_prompts(
                "I0730 09:15:33.786679   36729 round_trippers.go:386] curl -k -v -XGET  'https://h/api'",
                false
            ),
            "curl -k -v -XGET  'https://h/api'"
        );
        // not a prompt: a path with a redirection in it
        assert_eq!(
            without_prompts("C:\\x>out curl u", false),
            "C:\\x>out curl u"
        );
        // a code span on each line, as a README lists its commands
        assert_eq!(
            without_prompts(
                "`curl -d '@a.md' http://h/a`\n\n``curl http://h/b``\n",
                false
            ),
            "curl -d '@a.md' http://h/a\n\ncurl http://h/b\n"
        );
        // a workflow's `run: |` block, as the runner gives it to bash: without its indentation
        assert_eq!(
            run_blocks_dedented(
                "steps:\n  - name: Notify\n    run: |\n      curl -d '{\n        \"a\": 1\n      }' u\n\n      echo done\n  - name: next\n"
            ),
            "steps:\n  - name: Notify\n\ncurl -d '{\n  \"a\": 1\n}' u\n\necho done\n  - name: next\n"
        );
        // a plain scalar wrapped onto a more indented line is one line, as YAML folds it
        assert_eq!(
            run_blocks_dedented("  run: curl u\n    -d x"),
            "  run: curl u -d x\n"
        );
        // a list item's block after a one-line item, as Drone's `commands` write one
        assert_eq!(
            run_blocks_dedented(
                "    - curl u\n    - |\n      curl -X POST \\\n        v\n    - echo\n"
            ),
            "      curl u\n\ncurl -X POST \\\n  v\n    - echo\n"
        );
        // a folded block is one line, as the runner gets it; the lines after it keep theirs
        assert_eq!(
            run_blocks_dedented(
                "- run: >\n    curl -X POST\n    -H \"X-A: 1\"\n    u\n\n- run: echo\n"
            ),
            "\ncurl -X POST -H \"X-A: 1\" u\n\n\n\n- run: echo\n"
        );
        assert_eq!(
            run_blocks_dedented("  shell: >-\n    a\n      b\n    c\n\n    d\n"),
            "\na\n  b\nc\nd\n\n"
        );
        // GitLab's whole-quoted item, YAML's quotes taken off
        assert_eq!(
            run_blocks_dedented(
                "  - 'curl --header \"PRIVATE-TOKEN: $T\" ''u'''\n  - \"curl -d \\\"a\\\" v\"\n  - 'echo x'\n"
            ),
            "    curl --header \"PRIVATE-TOKEN: $T\" 'u'\n    curl -d \"a\" v\n  - 'echo x'\n"
        );
        // a block of prose under another key is left as it is
        assert_eq!(
            run_blocks_dedented("description: |\n  curl is used\n"),
            "description: |\n  curl is used\n"
        );
        // a label before curl, as a plain-text README or YAML's `run:` writes one; before
        // another command it is left to that command
        assert_eq!(
            without_prompts("ids: curl -X GET u\n  run: curl -d a=1 u\n", false),
            "curl -X GET u\n  curl -d a=1 u"
        );
        assert_eq!(without_prompts("ids: echo u", false), "ids: echo u");
        // a Dockerfile's `RUN`, bats' `run`, a YAML list's `- run:`
        assert_eq!(
            without_prompts(
                "RUN curl -u a:b u\n  run curl -T f u\n - run: curl -d x u",
                false
            ),
            "curl -u a:b u\n  curl -T f u\n curl -d x u"
        );
        assert_eq!(without_prompts("- run: make", false), "- run: make");
        assert_eq!(
            without_prompts("image: curlimages/curl", false),
            "image: curlimages/curl"
        );
        // BuildKit's and Earthly's flags of `RUN`, and an Ansible task's qualified module
        assert_eq!(
            without_prompts(
                "RUN --mount=type=secret,id=gh curl -H x u\n    RUN --secret TOKEN --push curl -d a u\n  ansible.builtin.shell: curl v",
                false
            ),
            "curl -H x u\n    curl -d a u\n  curl v"
        );
        assert_eq!(
            without_prompts("RUN --mount=type=cache apk add curl", false),
            "RUN --mount=type=cache apk add curl"
        );
        // a numbered step's, zsh's `~` in the home directory
        assert_eq!(
            without_prompts("10. Run: curl -d x u\n2. curl u\n~   curl -I u", false),
            "curl -d x u\ncurl u\ncurl -I u"
        );
        assert_eq!(without_prompts("1. Install it", false), "1. Install it");
        assert_eq!(
            without_prompts("https://e.com: curl u", false),
            "https://e.com: curl u"
        );
    }

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn a_shell_given_a_script_as_text_runs_it() {
        let cases = [
            ("sh -c curl", Some("curl")),
            ("/bin/bash -lc curl", Some("curl")),
            ("bash -e -o pipefail -c curl", Some("curl")),
            ("zsh +x -ec curl", Some("curl")),
            ("bash --norc -c curl", Some("curl")),
            ("bash deploy.sh -c", None),
            ("python -c curl", None),
            ("sh -x", None),
        ];
        for (text, script) in cases {
            assert_eq!(shell_script(&words(text)), script, "{text}");
        }
    }

    #[test]
    fn the_command_a_program_runs_as_text_is_found_after_its_options() {
        let cases = [
            ("ssh -p 2222 host curl x", Some("curl x")),
            ("ssh -tp 2222 host curl x", Some("curl x")),
            ("ssh -p2222 -A host curl x", Some("curl x")),
            ("ssh -o A=b -i key.pem user@host curl x", Some("curl x")),
            ("ssh host", None),
            ("ssh host -t curl x", Some("curl x")),
            ("ssh -A host -- curl x", Some("curl x")),
        ];
        for (text, command) in cases {
            let words = words(text);
            assert_eq!(
                ssh_remote_command(&words[1..]).as_deref(),
                command,
                "{text}"
            );
        }
        let watched = words("watch -n 5 -d curl -s x");
        assert_eq!(watched_command(&watched[1..]).as_deref(), Some("curl -s x"));
        let exec = words("watch -x curl -s x");
        assert_eq!(watched_command(&exec[1..]), None);
        // only a script that runs curl counts, and only where a command can start
        let with_script = |text: &str| {
            let mut words = words(text);
            words.push("curl -s x".into());
            script_run_by(&words)
        };
        assert_eq!(
            with_script("docker exec web sh -c").as_deref(),
            Some("curl -s x")
        );
        assert_eq!(with_script("su app -c").as_deref(), Some("curl -s x"));
        assert_eq!(with_script("grep sh -c"), None);
        assert_eq!(script_run_by(&words("sh -c ls")), None);
        // curl as a word of its own is run as it is written
        assert_eq!(script_run_by(&words("ssh host curl x")), None);
    }

    // a Jenkinsfile's `sh` steps, as `min-j1.groovy` and the Jenkinsfiles of the review `wild`
    // write them: Groovy's escapes read, what it fills in a variable, each on its line
    #[test]
    fn a_jenkinsfiles_sh_steps_are_the_shells_scripts() {
        let jenkinsfile = concat!(
            "stage('Notify') {\n",
            "  steps {\n",
            "    sh \"curl -H \\\"Content-Type: application/json\\\" -d '{\\\"pr\\\":\\\"${CHANGE_ID}\\\"}' ${env.HOOK}\"\n",
            "    sh 'make build'\n",
            "    sh(script: '''curl -u \"$USER:$PASS\" \\\\\n      https://h/a''')\n",
            "    sh \"\"\"curl -d t=\\$HOME/$params.TAG. https://h/b\"\"\"\n",
            "  }\n",
            "}\n",
        );
        let (steps, filled) = jenkins_sh_steps(jenkinsfile).unwrap();
        assert_eq!(
            steps,
            concat!(
                "\n\n",
                "curl -H \"Content-Type: application/json\" -d '{\"pr\":\"{{CHANGE_ID}}\"}' {{HOOK}}\n",
                "\n",
                "curl -u \"$USER:$PASS\" \\\n      https://h/a\n",
                "curl -d t=$HOME/{{params.TAG}}. https://h/b\n",
            )
        );
        assert_eq!(filled, ["${CHANGE_ID}", "${env.HOOK}", "$params.TAG"]);
        // a `//` in a string is the string's; a step after a comment keeps its line
        let (steps, _) = jenkins_sh_steps(
            "// sh 'curl http://h/x'\nsh \"curl https://h/a // not a comment\" /* note */\n",
        )
        .unwrap();
        assert_eq!(steps, "\ncurl https://h/a // not a comment\n");
        // a script's `sh`, `bash "…"`, a string never closed, or no curl: no step
        for text in [
            "sh 'make build'\n",
            "bash \"curl http://h/c\"\n",
            "sh \"curl http://h/d\n",
            "sh scripts/curl.sh\n",
            // steps commented out
            "// sh \"curl -X DELETE http://h/old\"\n/* sh 'curl -X DELETE http://h/older'\n */\n",
        ] {
            assert_eq!(jenkins_sh_steps(text), None, "{text}");
        }
        assert_eq!(groovy_interpolation("${x.trim()}"), None);
    }

    // Kubernetes' `$(NAME)` in a container's lists, as `min-k1.yaml` of the review `wild` has
    // it: the variable, `$$` its escape; elsewhere, and in Compose's or Ansible's text, as written
    #[test]
    fn kubernetes_references_in_a_containers_lists_are_variables() {
        let manifest = concat!(
            "      - name: warmup\n",
            "        command: [\"curl\", \"-H\", \"Authorization: Bearer $(API_TOKEN)\",\n",
            "          \"$$(LITERAL)\", \"pa$word\", \"$(SVC_URL)/warm\"]\n",
            "        args:\n",
            "        - -d\n",
            "        - id=$(JOB_ID)&t=$(API_TOKEN)&at=$(date)\n",
            "        env:\n",
            "        - name: NOTE\n",
            "          value: $(NOT_A_LIST)\n",
            "        - {name: API_TOKEN, valueFrom: {secretKeyRef: {name: api, key: token}}}\n",
            "        - name: \"SVC_URL\"\n",
            "        - name: JOB_ID\n",
        );
        let (text, read) = kubernetes_references_read(manifest).unwrap();
        assert_eq!(
            text,
            concat!(
                "      - name: warmup\n",
                "        command: [\"curl\", \"-H\", \"Authorization: Bearer {{API_TOKEN}}\",\n",
                "          \"$(LITERAL)\", \"pa$word\", \"{{SVC_URL}}/warm\"]\n",
                "        args:\n",
                "        - -d\n",
                "        - id={{JOB_ID}}&t={{API_TOKEN}}&at=$(date)\n",
                "        env:\n",
                "        - name: NOTE\n",
                "          value: $(NOT_A_LIST)\n",
                "        - {name: API_TOKEN, valueFrom: {secretKeyRef: {name: api, key: token}}}\n",
                "        - name: \"SVC_URL\"\n",
                "        - name: JOB_ID\n",
            )
        );
        assert_eq!(read, ["$(API_TOKEN)", "$(SVC_URL)", "$(JOB_ID)"]);
        // a command that is no list (Ansible's), a name no variable has, and no `$(`
        for text in [
            "- command: curl -H \"X: $(TOKEN)\" http://h/a\n",
            "command: [\"curl\", \"$(not a name)\"]\n",
            "command: [\"curl\", \"$$TOKEN\"]\n",
        ] {
            assert_eq!(kubernetes_references_read(text), None, "{text}");
        }
    }

    // a Kubernetes `sh -c` item wrapped onto the lines below, as `min-k2.yaml` and
    // `min-k3.yaml` of the review `wild` have it: YAML folds the lines with a blank
    #[test]
    fn a_wrapped_plain_scalar_that_runs_curl_is_one_line() {
        let manifest = concat!(
            "        command:\n",
            "        - sh\n",
            "        - -c\n",
            "        - curl -fsS -X POST http://svc/jobs/run\n",
            "          -u admin:s3cret -d 'job=nightly'  # nightly\n",
            "          -d ignored\n",
        );
        assert_eq!(
            plain_scalars_joined(manifest),
            concat!(
                "        command:\n",
                "        - sh\n",
                "        - -c\n",
                "        - curl -fsS -X POST http://svc/jobs/run -u admin:s3cret -d 'job=nightly'\n",
                "\n",
                "          -d ignored\n",
            )
        );
        // a script's `curl -X` wrapped before its method, under `args:`
        assert_eq!(
            plain_scalars_joined(
                "args:\n- -c\n- curl -s http://h/a && curl -X\n  POST h/b\nimage: c\n"
            ),
            "args:\n- -c\n- curl -s http://h/a && curl -X POST h/b\n\nimage: c\n"
        );
        // a command key's value, and a list item's key
        assert_eq!(
            plain_scalars_joined("- run: curl -X POST\n    http://h/c\n  env: {}\n"),
            "- run: curl -X POST http://h/c\n\n  env: {}\n"
        );
        // a page's bullet, lines continued with `\\`, a sibling key, a `: ` no plain scalar
        // holds, a quoted item, or no curl: as they are
        for text in [
            "Steps:\n- curl http://h/d\n  checks the service\n",
            "script:\n  - curl -X POST \\\n      http://h/e\n",
            "- name: a\n  run: curl http://h/f\n  shell: bash\n",
            "script:\n  - curl http://h/g\n    -H 'A: b'\n",
            "script:\n  - 'curl http://h/h'\n    -d x\n",
            "script:\n  - echo http://h/i\n    -d x\n",
        ] {
            assert_eq!(plain_scalars_joined(text), text);
        }
    }

    // Compose's healthcheck list wrapped as Prettier and yamllint wrap it, as `min-c1.yml` of
    // the review `wild` has it: one exec form, its lines left empty
    #[test]
    fn a_flow_list_over_several_lines_is_one_exec_form() {
        let compose = concat!(
            "    healthcheck:\n",
            "      test: [\"CMD\", \"curl\", \"-f\", \"-X\", \"POST\",\n",
            "             # the login\n",
            "             \"-d\", \"{\\\"a\\\":1}\",\n",
            "             \"http://h/login\"]\n",
            "      interval: 30s\n",
        );
        assert_eq!(
            exec_arrays_written(compose),
            "    healthcheck:\ncurl -f -X POST -d '{\"a\":1}' http://h/login\n\n\n\n      interval: 30s\n"
        );
        let lines: Vec<&str> = compose.split_inclusive('\n').collect();
        assert!(exec_form_starts(&lines, 1));
        // a comment after an item is YAML's; a `#` in a quoted item, or after no blank, is text
        assert_eq!(
            exec_arrays_written(
                "test: [\"CMD\", \"curl\", \"-d\", \"a,b]#c\", # the body\n  'it''s', \"http://h/x#y\"]\n"
            ),
            "curl -d 'a,b]#c' 'it'\\''s' 'http://h/x#y'\n\n"
        );
        assert_eq!(without_flow_comment("'a # b', # c"), "'a # b',");
        assert_eq!(without_flow_comment("\"a\\\" # b\" # c"), "\"a\\\" # b\"");
        assert_eq!(without_flow_comment("a#b, c"), "a#b, c");
        // a YAML flow list of plain words, and a JSON object's list with its `,` after it
        assert_eq!(
            exec_arrays_written("test: [CMD, curl,\n  -f, http://h/up]\n"),
            "curl -f http://h/up\n\n"
        );
        assert_eq!(
            exec_arrays_written("\"command\": [\n  \"curl\",\n  \"http://h/a\"\n],\n"),
            "curl http://h/a\n\n\n\n"
        );
        // a list that closes on its line, a list in a shell's argument, or no curl: as it is
        for text in [
            "command: [\"echo\", \"a\"]\nargs:\n  - curl http://h/b]\n",
            "curl -d '[\"a\",\n  \"b\"]' http://h/c\n",
            "test: [\"CMD\", \"wget\",\n  \"http://h/curl\"]\n",
        ] {
            assert_eq!(exec_arrays_written(text), text);
        }
    }

    #[test]
    fn a_yaml_list_of_exec_words_becomes_their_command_on_the_keys_line() {
        let text =
            "a:\n  command:\n  - curl\n  - -d\n  - 'it''s'  # the body\n  - \"http://h/x\"\nb: 1\n";
        assert_eq!(
            exec_lists_written(text),
            "a:\n  command: curl -d 'it'\\''s' http://h/x\n\n\n\n\nb: 1\n"
        );
        // a list of commands, a block scalar among the items, or no curl: left as it is
        for text in [
            "script:\n  - curl -s http://h/a\n  - curl -s http://h/b\n",
            "command:\n  - sh\n  - -c\n  - |\n    curl http://h\n",
            "command:\n  - wget\n  - http://h/curl\n",
            "packages:\n  - curl\n  - tailscale\n",
        ] {
            assert_eq!(exec_lists_written(text), text);
        }
        assert_eq!(yaml_plain_scalar("\"a\\tb\" # c").as_deref(), Some("a\tb"));
        assert_eq!(
            yaml_plain_scalar("plain words # c").as_deref(),
            Some("plain words")
        );
        assert_eq!(yaml_plain_scalar("key: value"), None);
        assert_eq!(yaml_plain_scalar("'open"), None);
    }

    #[test]
    fn a_crontab_schedule_is_five_fields_or_a_nickname() {
        for (line, length) in [
            ("*/5 * * * * curl u", Some(5)),
            ("0 9 * * MON-FRI curl u", Some(5)),
            ("30 2 1,15 JAN,JUL * curl u", Some(5)),
            ("@daily curl u", Some(1)),
            ("curl -s -X POST u", None),
            ("a b c d e curl", None),
            ("- - - - - curl u", None),
            ("* * * * *", None),
        ] {
            assert_eq!(cron_schedule_length(&words(line)), length, "{line}");
        }
    }

    #[test]
    fn a_healthchecks_command_follows_its_options_and_cmd() {
        for (rest, command) in [
            (
                "--interval=5s CMD curl -f http://h/",
                Some("curl -f http://h/"),
            ),
            ("CMD  curl http://h/", Some("curl http://h/")),
            ("--interval=5s CMD [\"curl\", \"http://h/\"]", None),
            ("CMD wget http://h/", None),
            ("NONE", None),
            ("--interval", None),
        ] {
            assert_eq!(healthcheck_command(rest), command, "{rest}");
        }
    }

    #[test]
    fn a_system_crontab_names_its_user_before_the_command() {
        for (line, at) in [
            ("*/5 * * * * curl u", Some(5)),
            ("*/5 * * * * root curl u", Some(6)),
            ("0 3 * * * www-data /usr/bin/curl -s u", Some(6)),
            ("@hourly nobody curl u", Some(2)),
            ("*/5 * * * * root wget u", None),
            ("*/5 * * * * Root curl u", None),
            ("*/5 * * * * root", None),
        ] {
            let runs_curl = |words: &[String]| is_curl(&words[0]);
            assert_eq!(cron_command_at(&words(line), runs_curl), at, "{line}");
        }
    }

    #[test]
    fn a_command_and_the_args_after_it_are_joined_when_they_run_curl() {
        let text = "c:\n  command: [\"curl\"]\n  args:\n  - -s\n  - http://h/x\nd: 1\n";
        assert_eq!(
            command_and_args_joined(text),
            "c:\n\n  args: [\"curl\",\"-s\",\"http://h/x\"]\n\n\nd: 1\n"
        );
        // in the other order, with other keys between, under a list item's `- `
        assert_eq!(
            command_and_args_joined(
                "- args: [\"-s\", \"http://h/y\"]\n  image: x\n  command: [\"curl\"]\n"
            ),
            "- args: [\"curl\",\"-s\",\"http://h/y\"]\n  image: x\n\n"
        );
        // args of another program, or of another map: left as they are
        for text in [
            "command: [\"wget\"]\nargs: [\"http://h/curl\"]\n",
            "  command: [\"curl\"]\nargs: [\"http://h\"]\n",
            "- command: [\"curl\"]\n- args: [\"http://h\"]\n",
        ] {
            assert_eq!(command_and_args_joined(text), text);
        }
    }
}
