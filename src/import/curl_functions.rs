//! Shell functions that run curl, read where the script calls them: each call is the function's
//! commands with the call's arguments for `$1`, `$2`… and `"$@"`, and with the values the body
//! gives its own variables (`local endpoint=$1`), as bash runs them. Scripts that test an API
//! wrap curl this way (`send_request "api/login" '{"user": "a"}'`): one request per call.

use super::shell::{Command, Stdin, assignment, is_curl, push_once};

/// How deep calls inside function bodies are followed (`main` calling `login` calling curl).
const MAX_CALL_DEPTH: usize = 8;

/// A function the script defines.
struct Function {
    name: String,
    /// Where its definition starts and ends (the `}`), among the commands.
    first: usize,
    last: usize,
    /// Its body's commands.
    body: Vec<Command>,
}

/// The commands with each call of a function that runs curl replaced by the function's
/// commands as that call runs them, and the definitions of such functions taken out. A function
/// the script never calls stays as written: its commands are read as the script's own.
pub(super) fn with_functions_called(commands: Vec<Command>) -> Vec<Command> {
    let functions = definitions(&commands);
    if functions.is_empty() {
        return commands;
    }
    // a function is read at its calls when it runs curl and a command after it calls it
    let expanded: Vec<bool> = functions
        .iter()
        .map(|function| {
            runs_curl(function, &functions, 0)
                && commands[function.last + 1..]
                    .iter()
                    .any(|c| calls(c, &function.name))
        })
        .collect();
    // the definitions of the functions read at their calls are left out; every other command
    // is run as the shell runs it
    let mut out = Vec::with_capacity(commands.len());
    for (index, command) in commands.into_iter().enumerate() {
        let defining = functions.iter().zip(&expanded).any(|(function, expanded)| {
            *expanded && (function.first..=function.last).contains(&index)
        });
        if !defining {
            out.extend(called(command, &functions, &expanded));
        }
    }
    out
}

/// The last function named `program` that is read at its calls.
fn expanded_function<'f>(
    functions: &'f [Function],
    expanded: &[bool],
    program: Option<&String>,
) -> Option<&'f Function> {
    functions
        .iter()
        .zip(expanded)
        .rev()
        .find(|(function, expanded)| **expanded && Some(&function.name) == program)
        .map(|(function, _)| function)
}

/// `command` as the shell runs it: the commands of the function it calls, or itself.
fn called(command: Command, functions: &[Function], expanded: &[bool]) -> Vec<Command> {
    let mut out = Vec::new();
    let calls_one = |inner: &[Command]| {
        expanded_function(functions, expanded, inner[0].words.first()).is_some()
    };
    match substitution(&command).filter(|(inner, _)| calls_one(inner)) {
        Some((inner, assigned)) => {
            for run in inner {
                let start = out.len();
                call_into(run, functions, expanded, 0, &mut out);
                for run in &mut out[start..] {
                    run.captured = assigned;
                }
            }
        }
        None => call_into(command, functions, expanded, 0, &mut out),
    }
    out
}

/// The commands of the substitution a command runs (`TOKEN=$(login me)`, `echo "$(api
/// /me)"`), and whether the script keeps the output in a variable.
fn substitution(command: &Command) -> Option<(Vec<Command>, bool)> {
    let mut words = command.words.as_slice();
    while let [keyword, rest @ ..] = words
        && matches!(
            keyword.as_str(),
            "export" | "local" | "readonly" | "declare" | "typeset"
        )
    {
        words = rest;
    }
    let inner = |word: &str| -> Option<Vec<Command>> {
        let text = super::shell::substitution_text(word)?;
        super::shell::shell_commands(text)
            .ok()
            .filter(|commands| !commands.is_empty())
    };
    match words {
        [word] => Some((inner(assignment(word)?.1)?, true)),
        [program, arguments @ ..] if !is_curl(program) => arguments
            .iter()
            .find_map(|word| inner(word))
            .map(|commands| (commands, false)),
        _ => None,
    }
}

/// Whether `command` calls the function `name`, or runs a substitution that does.
fn calls(command: &Command, name: &str) -> bool {
    command.words.first().is_some_and(|program| program == name)
        || substitution(command)
            .is_some_and(|(inner, _)| inner[0].words.first().is_some_and(|p| p == name))
}

fn call_into(
    command: Command,
    functions: &[Function],
    expanded: &[bool],
    depth: usize,
    out: &mut Vec<Command>,
) {
    let function = expanded_function(functions, expanded, command.words.first());
    let Some(function) = function.filter(|_| depth < MAX_CALL_DEPTH) else {
        out.push(command);
        return;
    };
    let all_arguments = &command.words[1..];
    // how many arguments the body's `shift`s have taken off so far
    let mut shifted = 0;
    let mut locals: Vec<Local> = Vec::new();
    // the `if`s the body is in: whether their test is known to pass (as the call's arguments
    // make it), and whether the `else` has been reached
    let mut branches: Vec<(Option<bool>, bool)> = Vec::new();
    for written in &function.body {
        let arguments = &all_arguments[shifted.min(all_arguments.len())..];
        let mut run = with_arguments(written, arguments, &command);
        for local in &locals {
            with_local(&mut run, local);
        }
        match run.words.first().map(String::as_str) {
            Some("if") => {
                let known = known_test(&run.words[1..]);
                branches.push((known, false));
                if known.is_some() {
                    continue;
                }
            }
            Some("else") => {
                if let Some(branch) = branches.last_mut() {
                    branch.1 = true;
                }
            }
            // what an `elif` tests is not read: every branch from there on is kept
            Some("elif") => {
                if let Some(branch) = branches.last_mut() {
                    *branch = (None, true);
                }
            }
            Some("fi") => {
                branches.pop();
            }
            _ => {}
        }
        // a branch the test does not take runs nothing
        if branches
            .iter()
            .any(|(passes, in_else)| *passes == Some(*in_else))
        {
            continue;
        }
        if let Some(count) = shift_count(&run.words) {
            shifted += count;
            continue;
        }
        if let Some(assigned) = local_assignments(&run) {
            for local in assigned {
                locals.retain(|known| known.name != local.name);
                locals.push(local);
            }
            continue;
        }
        call_into(run, functions, expanded, depth + 1, out);
    }
}

/// Whether an `if`'s test passes, when it tests a text known at the call: `[ -n "$t" ]`, `[ -z
/// "$t" ]` (also with `[[ … ]]` or `test`), `$t` written in as the call gives it.
fn known_test(words: &[String]) -> Option<bool> {
    let inner = match words {
        [open, inner @ .., close]
            if (open == "[" && close == "]") || (open == "[[" && close == "]]") =>
        {
            inner
        }
        [test, inner @ ..] if test == "test" => inner,
        _ => return None,
    };
    let [flag, text] = inner else {
        return None;
    };
    if text.contains("{{") {
        return None;
    }
    match flag.as_str() {
        "-n" => Some(!text.is_empty()),
        "-z" => Some(text.is_empty()),
        _ => None,
    }
}

/// Whether `function` runs curl, itself or through a function it calls.
fn runs_curl(function: &Function, functions: &[Function], depth: usize) -> bool {
    function.body.iter().any(|command| {
        command.words.iter().any(|word| is_curl(word))
            || (depth < MAX_CALL_DEPTH
                && command.words.first().is_some_and(|program| {
                    functions
                        .iter()
                        .any(|f| f.name == *program && runs_curl(f, functions, depth + 1))
                }))
    })
}

/// The functions `commands` define, in order. A definition is `name() {`, `name () {`,
/// `function name {` or `function name() {`, its `{` on the same line or the next, and its body
/// the commands up to the `}` that closes it.
fn definitions(commands: &[Command]) -> Vec<Function> {
    let mut functions = Vec::new();
    let mut index = 0;
    while index < commands.len() {
        let Some((name, brace)) = head(&commands[index]) else {
            index += 1;
            continue;
        };
        // where the body starts: after the `{`, in this command or the next
        let (first_body, mut next) = match brace {
            Some(brace) => (body_start(&commands[index], brace + 1), index + 1),
            None => match commands.get(index + 1) {
                Some(open) if open.words.first().is_some_and(|w| w == "{") => {
                    (body_start(open, 1), index + 2)
                }
                _ => {
                    index += 1;
                    continue;
                }
            },
        };
        let mut body: Vec<Command> = first_body.into_iter().collect();
        let mut depth = 1;
        let mut last = None;
        while next < commands.len() {
            let command = &commands[next];
            match command.words.as_slice() {
                [close] if close == "}" => {
                    depth -= 1;
                    if depth == 0 {
                        last = Some(next);
                        break;
                    }
                }
                [open, ..] if open == "{" => depth += 1,
                _ => {}
            }
            body.push(command.clone());
            next += 1;
        }
        // a `{` nothing closes is no definition bash runs
        let Some(last) = last else {
            index += 1;
            continue;
        };
        functions.push(Function {
            name,
            first: index,
            last,
            body,
        });
        index = last + 1;
    }
    functions
}

/// Whether `command` starts a function's definition: the function's name, and the index of
/// its `{` when the command holds it.
fn head(command: &Command) -> Option<(String, Option<usize>)> {
    let words: Vec<&str> = command.words.iter().map(String::as_str).collect();
    let (name, after) = match words.as_slice() {
        ["function", name, rest @ ..] => (name.strip_suffix("()").unwrap_or(name), rest.len()),
        [name, "()", rest @ ..] => (*name, rest.len()),
        [name, rest @ ..] if name.len() > 2 && name.ends_with("()") => {
            (&name[..name.len() - 2], rest.len())
        }
        _ => return None,
    };
    let valid = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'));
    if !valid {
        return None;
    }
    let brace = words.len() - after;
    match words.get(brace) {
        None => Some((name.to_string(), None)),
        Some(&"{") => Some((name.to_string(), Some(brace))),
        Some(_) => None,
    }
}

/// The command after a definition's `{` (the words of `command` from `start`), if any.
fn body_start(command: &Command, start: usize) -> Option<Command> {
    if command.words.len() <= start {
        return None;
    }
    let mut command = command.clone();
    command.words.drain(..start);
    command.lone_expansions = command
        .lone_expansions
        .iter()
        .filter_map(|index| index.checked_sub(start))
        .collect();
    Some(command)
}

/// How many positional arguments a `shift` (`shift 2`) takes off, when `words` are one.
pub(super) fn shift_count(words: &[String]) -> Option<usize> {
    match words {
        [shift] if shift == "shift" => Some(1),
        [shift, count] if shift == "shift" => count.parse().ok(),
        _ => None,
    }
}

/// A body's command as `call` runs it: `$1`… (`{{arg1}}`…) its arguments, `"$@"` all of them;
/// reading what the call's arguments read.
pub(super) fn with_arguments(written: &Command, arguments: &[String], call: &Command) -> Command {
    let mut run = written.clone();
    // `{{arg1}}` to `{{arg9}}` written as the call's arguments (none given is nothing)
    let numbered_written = |text: &str| {
        let mut text = text.to_string();
        for number in (1..=9).rev() {
            let placeholder = format!("{{{{arg{number}}}}}");
            if text.contains(&placeholder) {
                let argument = arguments.get(number - 1).map_or("", String::as_str);
                text = text.replace(&placeholder, argument);
            }
        }
        text
    };
    let mut words = Vec::with_capacity(run.words.len());
    let mut lone = Vec::new();
    for (index, word) in run.words.iter().enumerate() {
        if let Some(from) = all_from(word) {
            words.extend(arguments.iter().skip(from - 1).cloned());
            continue;
        }
        let replaced = numbered_written(
            &word
                .replace("$@", &arguments.join(" "))
                .replace("$*", &arguments.join(" ")),
        );
        if run.lone_expansions.contains(&index) {
            if replaced == *word {
                lone.push(words.len());
            } else {
                // an unquoted `$1`: bash splits the argument's value into words
                words.extend(replaced.split_ascii_whitespace().map(str::to_string));
                continue;
            }
        }
        words.push(replaced);
    }
    run.words = words;
    run.lone_expansions = lone;
    // a here-document's body reads the arguments too
    if let Some((Stdin::Text(text), _)) = &mut run.stdin {
        *text = numbered_written(text);
    }
    run.arguments.retain(|name| {
        !name
            .strip_prefix("arg")
            .and_then(|n| n.parse::<usize>().ok())
            .is_some_and(|n| (1..=9).contains(&n))
    });
    run.unevaluated
        .retain(|written| !matches!(written.as_str(), "$@" | "$*") && all_from(written).is_none());
    // notes name the body's words, on the body's lines
    run.line = written.line.or(call.line);
    // what the call's arguments read, the command now reads
    for name in &call.expanded {
        run.reads(name);
    }
    merge(&mut run.arguments, &call.arguments);
    for (name, default) in &call.defaults {
        if !run.defaults.iter().any(|(known, _)| known == name) {
            run.defaults.push((name.clone(), default.clone()));
        }
    }
    merge(&mut run.substituted, &call.substituted);
    merge(&mut run.unevaluated, &call.unevaluated);
    merge(&mut run.make_syntax, &call.make_syntax);
    merge(&mut run.tool_values, &call.tool_values);
    merge(&mut run.trimmed, &call.trimmed);
    run
}

/// Whether `word` is all of the arguments as words (`"$@"`), or those from one on
/// (`"${@:2}"`): that one's number.
fn all_from(word: &str) -> Option<usize> {
    if matches!(word, "$@" | "${@}") {
        return Some(1);
    }
    let number = word.strip_prefix("${@:")?.strip_suffix('}')?;
    number.parse().ok().filter(|n| *n >= 1)
}

/// `from`'s items added to `into`, each once.
fn merge<T: Clone + PartialEq>(into: &mut Vec<T>, from: &[T]) {
    for item in from {
        push_once(into, item.clone());
    }
}

/// A variable a function's body sets to a text (`local endpoint=$1`, now `api/login`).
struct Local {
    name: String,
    value: String,
    /// What the value reads (`{{BASE}}` in it).
    reads: Vec<String>,
}

/// The variables `command` sets, when it only sets variables to texts (`local a=x b=y`,
/// `declare -r c=z`, `d=w`).
fn local_assignments(command: &Command) -> Option<Vec<Local>> {
    let mut words = command.words.as_slice();
    if let [keyword, rest @ ..] = words
        && matches!(
            keyword.as_str(),
            "local" | "declare" | "typeset" | "readonly" | "export"
        )
    {
        words = rest;
        while let [flag, rest @ ..] = words
            && flag.starts_with('-')
        {
            words = rest;
        }
    }
    // an array (`local args=(--form-string "v=1")`) is the arrays' reader's
    let array = words
        .iter()
        .any(|word| assignment(word).is_some_and(|(_, value)| value.starts_with('(')));
    if words.is_empty()
        || array
        || !command.substituted.is_empty()
        || !command.unevaluated.is_empty()
        || !command.redirections.is_empty()
        || command.stdin.is_some()
    {
        return None;
    }
    words
        .iter()
        .map(|word| {
            let (name, value) = assignment(word)?;
            Some(Local {
                name: name.to_string(),
                value: value.to_string(),
                reads: command
                    .expanded
                    .iter()
                    .filter(|read| value.contains(&format!("{{{{{read}}}}}")))
                    .cloned()
                    .collect(),
            })
        })
        .collect()
}

/// `command` with the body's variable `local` written in as its value.
fn with_local(command: &mut Command, local: &Local) {
    // `${b:+-d "$b"}`: its words read, their `$b` written in below
    super::shell::with_alternatives_read(command, |name| {
        (name == local.name).then_some(local.value.as_str())
    });
    if !command.expanded.contains(&local.name) {
        return;
    }
    let placeholder = format!("{{{{{}}}}}", local.name);
    let mut words = Vec::with_capacity(command.words.len());
    let mut lone = Vec::new();
    for (index, word) in command.words.iter().enumerate() {
        let is_lone = command.lone_expansions.contains(&index);
        if is_lone && *word == placeholder {
            // unquoted, the value is split into words
            words.extend(local.value.split_ascii_whitespace().map(str::to_string));
            continue;
        }
        if is_lone {
            lone.push(words.len());
        }
        words.push(word.replace(&placeholder, &local.value));
    }
    command.words = words;
    command.lone_expansions = lone;
    // a here-document's body reads the value too (`{"title":"$title"}`)
    if let Some((Stdin::Text(text), _)) = &mut command.stdin {
        *text = text.replace(&placeholder, &local.value);
    }
    command.expanded.retain(|name| *name != local.name);
    command.defaults.retain(|(name, _)| *name != local.name);
    for read in &local.reads {
        command.reads(read);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::curl::shell::shell_commands;

    fn read(text: &str) -> Vec<Command> {
        with_functions_called(shell_commands(text).unwrap())
    }

    fn words(commands: &[Command]) -> Vec<Vec<&str>> {
        commands
            .iter()
            .map(|c| c.words.iter().map(String::as_str).collect())
            .collect()
    }

    // the review `wild`'s seed-gitlab-board.sh: a body sent from a here-document reads the
    // call's arguments, through a local and directly, and a quoted one reads none
    #[test]
    fn a_here_documents_body_reads_the_calls_arguments() {
        let commands = read(concat!(
            "create_issue() {\n",
            "  local title=\"$1\"\n",
            "  curl -X POST https://h/issues --data-binary @- <<EOT\n",
            "{\"title\":\"$title\",\"labels\":\"$2\"}\n",
            "EOT\n",
            "  curl -X POST https://h/notes --data-binary @- <<'EOT'\n",
            "{\"title\":\"$title\"}\n",
            "EOT\n",
            "}\n",
            "create_issue First role::backend\n",
        ));
        let bodies: Vec<&str> = commands
            .iter()
            .filter_map(|c| match &c.stdin {
                Some((Stdin::Text(text), _)) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            bodies,
            [
                "{\"title\":\"First\",\"labels\":\"role::backend\"}\n",
                "{\"title\":\"$title\"}\n"
            ]
        );
    }

    #[test]
    fn each_call_runs_the_body_with_its_arguments() {
        let commands = read(concat!(
            "BASE=https://api.example.com\n",
            "send_request() {\n",
            "  local endpoint=$1\n",
            "  local data=$2\n",
            "  curl -X POST \"$BASE/$endpoint\" -d \"$data\"\n",
            "}\n",
            "send_request \"api/login\" '{\"user\": \"a\"}'\n",
            "send_request api/items '{\"name\": \"b\"}'\n",
        ));
        assert_eq!(
            words(&commands),
            [
                vec!["BASE=https://api.example.com"],
                vec![
                    "curl",
                    "-X",
                    "POST",
                    "{{BASE}}/api/login",
                    "-d",
                    "{\"user\": \"a\"}"
                ],
                vec![
                    "curl",
                    "-X",
                    "POST",
                    "{{BASE}}/api/items",
                    "-d",
                    "{\"name\": \"b\"}"
                ],
            ]
        );
        // each on the body's line, reading only the script's own variable
        assert_eq!(commands[1].line, Some(4));
        assert_eq!(commands[2].line, Some(4));
        assert_eq!(commands[1].expanded, ["BASE"]);
        assert!(commands[1].arguments.is_empty());
    }

    // a token given or not: the branch the call's arguments take
    #[test]
    fn an_if_on_an_argument_runs_the_branch_it_takes() {
        let text = concat!(
            "api() {\n",
            "  local t=\"${2:-}\"\n",
            "  if [ -n \"$t\" ]; then\n",
            "    curl \"https://e.com$1\" -H \"Authorization: Bearer $t\"\n",
            "  else\n",
            "    curl \"https://e.com$1\"\n",
            "  fi\n",
            "}\n",
            "api /a\n",
            "api /b abc\n",
        );
        let commands = read(text);
        let curls: Vec<Vec<&str>> = words(&commands)
            .into_iter()
            .filter(|words| words.contains(&"curl"))
            .collect();
        assert_eq!(
            curls,
            [
                vec!["curl", "https://e.com/a"],
                vec!["curl", "https://e.com/b", "-H", "Authorization: Bearer abc"],
            ]
        );
    }

    #[test]
    fn all_arguments_pass_on_as_words() {
        for text in [
            "api() { curl -s \"https://e.com$1\" \"$@\"; }\napi /users -H 'A: b'\n",
            "function api {\n  curl -s \"https://e.com$1\" \"$@\"\n}\napi /users -H 'A: b'\n",
            "api ()\n{\n  curl -s \"https://e.com$1\" \"$@\"\n}\napi /users -H 'A: b'\n",
        ] {
            assert_eq!(
                words(&read(text)),
                [vec![
                    "curl",
                    "-s",
                    "https://e.com/users",
                    "/users",
                    "-H",
                    "A: b"
                ]],
                "{text}"
            );
        }
    }

    #[test]
    fn the_arguments_from_one_on_pass_on_as_words() {
        let text = "api() { curl -s \"https://e.com$1\" \"${@:2}\"; }\napi /users -H 'A: b'\n";
        assert_eq!(
            words(&read(text)),
            [vec!["curl", "-s", "https://e.com/users", "-H", "A: b"]]
        );
    }

    #[test]
    fn a_call_in_a_substitution_is_run() {
        let text = concat!(
            "login() { curl -s -d \"user=$1\" https://e.com/login | jq -r .token; }\n",
            "TOKEN=$(login me)\n",
            "echo \"$(login you)\"\n",
        );
        let commands = read(text);
        assert_eq!(
            words(&commands),
            [
                vec!["curl", "-s", "-d", "user=me", "https://e.com/login"],
                vec!["jq", "-r", ".token"],
                vec!["curl", "-s", "-d", "user=you", "https://e.com/login"],
                vec!["jq", "-r", ".token"],
            ]
        );
        assert!(commands[0].captured && !commands[2].captured);
    }

    #[test]
    fn an_unquoted_argument_is_split_into_words() {
        let commands = read("f() { curl $1 https://e.com; }\nf '-X DELETE'\n");
        assert_eq!(
            words(&commands),
            [vec!["curl", "-X", "DELETE", "https://e.com"]]
        );
    }

    #[test]
    fn a_call_reads_what_its_arguments_read() {
        let commands = read("f() { curl \"$1\"; }\nf \"$HOST/a\"\n");
        assert_eq!(words(&commands), [vec!["curl", "{{HOST}}/a"]]);
        assert_eq!(commands[0].expanded, ["HOST"]);
    }

    #[test]
    fn calls_inside_functions_are_followed() {
        let commands = read(concat!(
            "get() { curl \"https://e.com/$1\"; }\n",
            "main() {\n  get a\n  get b\n}\n",
            "main\n",
        ));
        assert_eq!(
            words(&commands),
            [
                vec!["curl", "https://e.com/a"],
                vec!["curl", "https://e.com/b"]
            ]
        );
    }

    #[test]
    fn a_function_never_called_is_read_as_written() {
        let text = "f() {\n  curl \"https://e.com/$1\"\n}\necho done\n";
        assert_eq!(
            words(&read(text)),
            [
                vec!["f()", "{"],
                vec!["curl", "https://e.com/{{arg1}}"],
                vec!["}"],
                vec!["echo", "done"]
            ]
        );
        // nor is a call before the definition, which bash cannot run
        let text = "f a\nf() {\n  curl \"https://e.com/$1\"\n}\n";
        assert_eq!(read(text).len(), 4);
    }

    #[test]
    fn a_function_without_curl_is_left_alone() {
        let text = "log() { echo \"$1\"; }\nlog hi\ncurl https://e.com\n";
        assert_eq!(
            words(&read(text)),
            [
                vec!["log()", "{", "echo", "{{arg1}}"],
                vec!["}"],
                vec!["log", "hi"],
                vec!["curl", "https://e.com"]
            ]
        );
    }

    #[test]
    fn a_value_made_by_a_command_stays_a_variable() {
        let commands = read(concat!(
            "f() {\n  local t=$(cat token)\n  curl -H \"Authorization: Bearer $t\" \"https://e.com/$1\"\n}\n",
            "f a\n",
        ));
        assert_eq!(
            words(&commands),
            [
                vec!["local", "t=$(cat token)"],
                vec![
                    "curl",
                    "-H",
                    "Authorization: Bearer {{t}}",
                    "https://e.com/a"
                ]
            ]
        );
    }

    #[test]
    fn nested_groups_and_an_unclosed_brace() {
        let text = "f() {\n  { curl \"https://e.com/$1\"; }\n}\nf a\n";
        assert_eq!(
            words(&read(text)),
            [vec!["{", "curl", "https://e.com/a"], vec!["}"]]
        );
        let text = "f() {\n  curl https://e.com\n";
        assert_eq!(read(text).len(), 2);
    }
}
