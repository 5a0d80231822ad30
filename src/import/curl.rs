//! curl command lines as specs: each curl command of the text (split into words by
//! `curl_shell.rs`, as bash splits them) read as curl reads its options, every option looked up
//! in curl's own table (`curl_options.rs`): one request per URL, and per `--next`.

#[path = "curl_cmd.rs"]
mod cmd;
#[path = "curl_functions.rs"]
mod functions;
#[path = "curl_glob.rs"]
mod glob;
#[path = "curl_house_page.rs"]
mod house_page;
#[path = "curl_html.rs"]
mod html;
#[path = "curl_markdown.rs"]
mod markdown;
#[path = "curl_notebook.rs"]
mod notebook;
#[path = "curl_options.rs"]
mod options;
#[path = "curl_page_formats.rs"]
mod page_formats;
#[path = "curl_powershell.rs"]
mod powershell;
#[path = "curl_readme.rs"]
mod readme;
#[path = "curl_shell.rs"]
mod shell;
#[path = "curl_templates.rs"]
mod templates;
#[path = "curl_typography.rs"]
mod typography;

use std::borrow::Cow;

use shell::{
    Command, RUNS_A_COMMAND, SUBSTITUTION_LIMIT, Stdin, assigned_curls, is_curl, piped_input,
    prompt_end, shell_commands_at, with_assignments_read, without_prompts,
};

use indexmap::IndexMap;
use page_formats::Markup;

use super::shared::{
    auth_from_header, content_type, drop_content_type, form_decode, has_content_type, lacks_scheme,
    name_value, reads_as_form, set_by_clients_note, variables_in,
};
use super::{Import, Imported, Note, placeholders};
use crate::http::multipart::outside_quotes;
use crate::spec::{
    AuthSpec, BasicAuthSpec, BodySpec, FileSpec, NameValueSpec, PartDetailSpec, PartSpec,
    RequestSpec, Spec,
};

/// `text` percent-encoded as `--data-urlencode` and `--url-query` encode it, each `{{NAME}}`
/// (an environment variable the shell expanded, or a placeholder) kept whole: its value is what
/// curl encodes, and the samples write it where the variable is.
fn encoded_keeping_variables(text: &str) -> String {
    super::shared::encoded_keeping_variables(text, crate::http::encoding::curl_escape)
}

/// What a `--data-urlencode` (or `--url-query`) argument says, as curl reads it: what comes
/// first of `=` and `@` decides.
enum UrlencodeArgument<'a> {
    /// `content`, `=content`, `name=content`: the name (`""` for none) and the content curl
    /// percent-encodes.
    Content { name: &'a str, content: &'a str },
    /// `@file`, `name@file`: a file's contents, encoded.
    File { name: &'a str, path: &'a str },
}

fn urlencode_argument(argument: &str) -> UrlencodeArgument<'_> {
    match (argument.find('='), argument.find('@')) {
        (Some(e), a) if a.is_none_or(|a| e < a) => UrlencodeArgument::Content {
            name: &argument[..e],
            content: &argument[e + 1..],
        },
        (_, Some(a)) => UrlencodeArgument::File {
            name: &argument[..a],
            path: &argument[a + 1..],
        },
        _ => UrlencodeArgument::Content {
            name: "",
            content: argument,
        },
    }
}

/// A note for each variable in what curl percent-encodes: the samples write a variable's value
/// as it is, so the value that sends what curl sends is the encoded one.
fn note_encoded_variables(content: &str, shown: &str, note: &mut impl FnMut(&'static str, String)) {
    for name in variables_in(content) {
        note(
            "encoding",
            format!(
                "`{shown}` percent-encodes the value of `{{{{{name}}}}}`, which the samples write as it is: give `{name}` its encoded value (`a&b c` as `a%26b%20c`) to send what curl sends"
            ),
        );
    }
}

/// The value offered for the variable `name`, which a command's `words` read, with why: as it is
/// set, or encoded where curl percent-encodes it wherever it is read (it then sends the same
/// bytes: [`Offered::Encoded`]), unless that is a form's field, which the samples encode
/// themselves; in a field curl sends as written (`-d "password=$PASSWORD"`), as the form reads
/// it, decoded, since the samples encode it again.
fn offered_value<'a>(
    words: &[String],
    name: &'a String,
    value: &'a str,
    why: String,
    in_form_field: bool,
) -> (&'a String, std::borrow::Cow<'a, str>, String, Offered) {
    use std::borrow::Cow;
    match encoded_where_read(words, name) {
        (true, false) if !in_form_field => {
            let encoded = encoded_keeping_variables(value);
            if encoded == value {
                return (name, Cow::Borrowed(value), why, Offered::AsSet);
            }
            let why = format!("{why}, and curl percent-encodes it where it is read: `{encoded}`");
            (name, Cow::Owned(encoded), why, Offered::Encoded)
        }
        (false, _) if in_form_field => {
            let decoded = form_decode(value);
            if decoded == value {
                return (name, Cow::Borrowed(value), why, Offered::AsSet);
            }
            let why = format!(
                "{why}, which curl sends as written in a form's field, where the server reads `{decoded}` (the samples encode a field's value themselves)"
            );
            (name, Cow::Owned(decoded), why, Offered::Decoded)
        }
        _ => (name, Cow::Borrowed(value), why, Offered::AsSet),
    }
}

/// How a variable's value is offered.
#[derive(Clone, Copy, PartialEq)]
enum Offered {
    /// As the variable is set (or as a form reads it): what any other command reading it takes.
    AsSet,
    /// Percent-encoded, as curl sends it where this command reads it: the command's specs then
    /// read a variable of its own, `{{NAME_encoded}}`, so that another command reading `NAME`
    /// as set sends it as set.
    Encoded,
    /// Decoded, as a form reads what curl sends as written in a `-d` field (`s3cr%21t` is
    /// `s3cr!t`): the command's form fields then read a variable of their own,
    /// `{{NAME_decoded}}`, which the samples encode again; anywhere else `NAME` is as set.
    Decoded,
}

/// `{{from}}` renamed `{{to}}` in a spec's form fields, names and values.
fn rename_form_placeholder(spec: &mut Spec, from: &str, to: &str) {
    let (from, to) = (format!("{{{{{from}}}}}"), format!("{{{{{to}}}}}"));
    if let Some(BodySpec::Urlencoded(fields)) = &mut spec.request.body {
        for field in fields.iter_mut() {
            *field = field
                .iter()
                .map(|(name, value)| {
                    (
                        name.replace(&from, &to),
                        value.as_ref().map(|value| value.replace(&from, &to)),
                    )
                })
                .collect();
        }
    }
}

/// `{{from}}` renamed `{{to}}` wherever curl percent-encodes what a spec holds: its URL, query
/// items and raw body.
fn rename_encoded_placeholder(spec: &mut Spec, from: &str, to: &str) {
    let (from, to) = (format!("{{{{{from}}}}}"), format!("{{{{{to}}}}}"));
    let request = &mut spec.request;
    request.url = request.url.replace(&from, &to);
    for item in &mut request.query {
        for value in item.values_mut().flatten() {
            *value = value.replace(&from, &to);
        }
    }
    if let Some(BodySpec::Raw(text)) = &mut request.body {
        *text = text.replace(&from, &to);
    }
}

/// Whether a command's words hold `{{name}}` where curl percent-encodes it (the content of a
/// `--data-urlencode` or `--url-query`), and whether anywhere else.
fn encoded_where_read(words: &[String], name: &str) -> (bool, bool) {
    let placeholder = format!("{{{{{name}}}}}");
    let (mut encoded, mut elsewhere) = (false, false);
    for (index, word) in words.iter().enumerate() {
        let all = word.matches(&placeholder).count();
        if all == 0 {
            continue;
        }
        let option = index.checked_sub(1).map(|before| words[before].as_str());
        // (curl reads a long option in any letter case: `--data-urlEncode`)
        let is = |long: &str| option.is_some_and(|option| option.eq_ignore_ascii_case(long));
        let encodes = is("--data-urlencode") || (is("--url-query") && !word.starts_with('+'));
        let content = match urlencode_argument(word) {
            UrlencodeArgument::Content { content, .. } if encodes => Some(content),
            _ => None,
        };
        let in_content = content.map_or(0, |c| c.matches(&placeholder).count());
        encoded |= in_content > 0;
        elsewhere |= all > in_content;
    }
    (encoded, elsewhere)
}

/// Data given with `-d` and its kin, in order, as curl joins them with `&`.
enum Data {
    /// Sent as is (`--data-raw`, `-d` without `@`, `--data-binary` without `@`).
    Raw(String),
    /// `--data-urlencode name=content`: the name as given, the content encoded.
    Encoded(String, String),
    /// `--data-binary @path` (and `-d @path`): a file's bytes.
    File(String),
    /// `--json text`: joined to the data before it without `&`.
    Json(String),
}

/// What one curl request (a command, or a part of it between `--next`s) says.
#[derive(Default)]
struct Transfer {
    /// curl 8.3's `--variable`s, for the `--expand-…` options: each name with its value when
    /// the command gives it (`name=text`), `None` when it comes from elsewhere (`%NAME` from the
    /// environment, `name@file`), which a spec writes `{{name}}`. They hold for every transfer
    /// of the command.
    curl_variables: Vec<(String, Option<String>)>,
    method: Option<String>,
    /// The URLs, each with where it is: curl sends the same request to each.
    urls: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    /// The headers curl makes itself for an option (`-A`, `-e`, `-r`, `--json`): a `-H` of the
    /// same name replaces one, as curl sends the user's header instead of its own.
    curl_headers: Vec<(String, String)>,
    /// Headers a `-H 'Name:'` removes: of those curl makes for an option, none is sent.
    removed_headers: Vec<String>,
    data: Vec<Data>,
    /// `-d @-` and its kin (a body read from standard input), and `--data-urlencode name@file`:
    /// data left out, which still makes curl send a `POST`.
    data_left_out: bool,
    /// The notes on variables in what `--data-urlencode` encodes (where, what): for a body the
    /// samples send as it is; a form's fields they encode themselves, values and all.
    encoded_data_notes: Vec<(String, String)>,
    /// `-T -` with no standard input samplegen knows: a `PUT` whose body is left out.
    uploads_stdin: bool,
    /// `-T -` of a text given on standard input (`echo hi | curl -T - …`).
    uploaded_text: Option<String>,
    /// The command's standard input, until an option reads it.
    stdin: Option<Stdin>,
    form: Vec<(String, PartSpec)>,
    get: bool,
    head: bool,
    /// `-T file`, each: PUT of the file to the URL of its place (the first `-T` to the first
    /// URL, …), as curl pairs them.
    uploads: Vec<String>,
    auth: Option<AuthSpec>,
    /// `--digest` and the other schemes `-u` can be sent with instead of basic, with where.
    other_auth: Option<(String, String)>,
    cookies: Vec<(String, String)>,
    /// `--url-query` items, as they go into the query.
    query: Vec<String>,
    /// `--path-as-is`: `.` and `..` path segments sent, not resolved.
    path_as_is: bool,
    /// `--request-target /path`: the target of the request line, in place of the URL's own.
    request_target: Option<String>,
    /// `-g`/`--globoff`: `{}` and `[]` in a URL are sent as written, not expanded.
    globoff: bool,
}

/// curl options that change only what curl prints, or how it handles the response: read without
/// a note.
const QUIET: &[&str] = &[
    "location",
    "silent",
    "show-error",
    "verbose",
    "include",
    "fail",
    "fail-with-body",
    "fail-early",
    "progress-bar",
    "no-progress-meter",
    "no-buffer",
    "trace-time",
    "styled-output",
    "basic",
];

/// curl options that do not change the request (where curl connects, how it waits, where the
/// response goes): noted, kind `ignored-option`.
const TRANSPORT: &[&str] = &[
    "output",
    "remote-name",
    "remote-name-all",
    "remote-header-name",
    "output-dir",
    "create-dirs",
    "max-time",
    "connect-timeout",
    "write-out",
    "proxy",
    "proxy-user",
    "cacert",
    "capath",
    "resolve",
    "connect-to",
    "retry",
    "retry-delay",
    "retry-max-time",
    "retry-all-errors",
    "retry-connrefused",
    "limit-rate",
    "cookie-jar",
    "dump-header",
    "interface",
    "max-redirs",
    "trace",
    "trace-ascii",
    "stderr",
    "ipv4",
    "ipv6",
    "http1.1",
    "http2",
    "http2-prior-knowledge",
    "http3",
    "tlsv1.2",
    "tlsv1.3",
    "keepalive-time",
    "no-keepalive",
    "location-trusted",
    "post301",
    "post302",
    "post303",
    "parallel",
    "parallel-max",
    "compressed",
];

/// Options newer than the curl the table was generated from (`curl_options.rs`), with whether
/// each takes an argument, from curl's documentation (`docs/cmdline-opts`).
const NEWER: &[(&str, bool)] = &[
    ("variable", true),
    ("ca-native", false),
    ("proxy-ca-native", false),
    ("trace-config", true),
    ("trace-ids", false),
    ("ipfs-gateway", true),
    ("ip-tos", true),
    ("vlan-priority", true),
    ("mptcp", false),
    ("skip-existing", false),
    ("ech", true),
    ("tls-earlydata", false),
    ("sigalgs", true),
    ("upload-flags", true),
    ("follow", false),
    ("out-null", false),
    ("parallel-max-host", true),
    ("knownhosts", true),
];

/// An option by its long name (without `--`): its name as curl's table writes it, and whether it
/// takes an argument. curl matches names in any letter case (`--data-urlEncode`, `--Header`).
fn long_option(name: &str) -> Option<(&'static str, bool)> {
    options::OPTIONS
        .iter()
        .find(|(long, _, _)| long.eq_ignore_ascii_case(name))
        .map(|(long, _, argument)| (*long, *argument))
        .or_else(|| {
            NEWER
                .iter()
                .find(|(long, _)| long.eq_ignore_ascii_case(name))
                .copied()
        })
        .or_else(|| option_by_prefix(name))
}

/// The option a name begins when it begins one option alone: curl 7.88 reads `--dump` as
/// `--dump-header` and `--insec` as `--insecure` (and refuses `--d`, which begins many).
fn option_by_prefix(name: &str) -> Option<(&'static str, bool)> {
    let mut begun = options::OPTIONS.iter().filter(|(long, _, _)| {
        !name.is_empty()
            && long
                .get(..name.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(name))
    });
    match (begun.next(), begun.next()) {
        (Some((long, _, argument)), None) => Some((*long, *argument)),
        _ => None,
    }
}

fn short_option(letter: char) -> Option<(&'static str, bool)> {
    options::OPTIONS
        .iter()
        .find(|(_, short, _)| *short == Some(letter))
        .map(|(long, _, argument)| (*long, *argument))
}

/// The dashes an option's name takes: `--` for a long option, `-` when its first letter is a
/// short option (`-X`, `-sSL`; a letter alone is one, though it may begin a long name).
fn option_dashes(name: &str) -> Option<&'static str> {
    if name.chars().nth(1).is_some() && long_option(name).is_some() {
        Some("--")
    } else {
        name.chars().next().and_then(short_option).map(|_| "-")
    }
}

/// The URL of a Markdown link written where a command's URL is, `[text](https://…)`, as
/// editors and exporters link a URL in a page's source: its text the URL too, or its end.
fn markdown_link_target(word: &str) -> Option<&str> {
    let (text, target) = word
        .strip_prefix('[')?
        .strip_suffix(')')?
        .split_once("](")?;
    let linked =
        !text.is_empty() && (text == target || text.contains("://") || target.ends_with(text));
    (linked && target.contains("://") && !target.contains(['[', ']', '(', ')'])).then_some(target)
}

/// Whether a word reads as a URL rather than an option's argument.
/// Whether the words after `curl` are a sentence's (`command to ingest files:`): two or more
/// words of letters, the last perhaps ending in `:` or `.`, none an option or anything a URL
/// could be.
fn sentence_about_curl(words: &[String]) -> bool {
    words.len() >= 2
        && words.iter().enumerate().all(|(index, word)| {
            let word = if index + 1 == words.len() {
                word.trim_end_matches([':', '.'])
            } else {
                word.as_str()
            };
            !word.is_empty() && word.chars().all(|c| c.is_alphabetic() || c == '\'')
        })
}

fn looks_like_url(word: &str) -> bool {
    word.contains("://") || word.starts_with("{{")
}

pub fn import(text: &str) -> Result<Import, String> {
    if let Some(page) = house_page::read(text) {
        return import_house_page(page);
    }
    // Ansible and Helm render their templates, and Kubernetes fills in a container's
    // `$(NAME)`, before anything reads the words
    let rendered = templates::rendered_templates_read(text);
    let text = rendered.as_ref().map_or(text, |(read, _)| read.as_str());
    let kubernetes = shell::kubernetes_references_read(text);
    let text = kubernetes.as_ref().map_or(text, |(read, _)| read.as_str());
    // `C:\>curl`: cmd.exe writes no blank after its prompt
    let holds_curl = |code: &str| {
        // `TOKEN=$(curl …)`, `` `curl …` ``: a command substitution's too
        code.split_whitespace()
            .any(|word| is_curl(word.rsplit(['(', '`']).next().unwrap_or(word)))
            || code
                .lines()
                .any(|line| prompt_end(line.trim_start(), false).is_some())
    };
    // a console session's output is left out alike in a page's blocks and in a command line
    // pasted from one; only a page's blocks fall back on their first lines that can be read,
    // since a command on its own that cannot be read is more likely mistyped than followed by
    // output
    let (page, markup) = page_formats::as_markdown(text);
    // the page's configuration files' blocks that run curl, for a page whose shell blocks do not
    let config_blocks =
        || markdown::config_curl_blocks(&page, holds_curl).filter(|config| !config.is_empty());
    let mut config_read = false;
    // the lines of the configuration blocks that run curl on a page whose shell blocks are read
    let mut config_left: Vec<usize> = Vec::new();
    let blocks = match markdown::curl_blocks(&page, holds_curl) {
        // no shell block holds curl
        Some(blocks) if blocks.is_empty() => match config_blocks() {
            Some(config) => {
                config_read = true;
                Some(config)
            }
            None => Some(blocks),
        },
        Some(blocks) => {
            // (a console session's block is read either way: it is one of the shell's)
            if let Some(config) = config_blocks() {
                config_left = config
                    .iter()
                    .map(|block| block.line)
                    .filter(|line| blocks.iter().all(|block| block.line != *line))
                    .collect();
            }
            Some(blocks)
        }
        None => None,
    };
    // a page none of whose code blocks holds curl (or that has none) whose curl commands stand
    // in code spans (a README's sentence, a translation that made its blocks spans): those, each
    // a block of its own, on the line the page writes it
    let span_page = match &blocks {
        None => markdown::code_spans_as_blocks(&page, false),
        Some(blocks) if blocks.is_empty() => markdown::code_spans_as_blocks(&page, true),
        Some(_) => None,
    };
    let span_blocks = span_page.and_then(|(written, commands)| {
        let mut blocks = markdown::curl_blocks(&written, holds_curl)?;
        for block in &mut blocks {
            if let Some((_, line)) = commands
                .iter()
                .find(|(command, _)| command.trim() == block.code.trim())
            {
                block.line = *line;
                block.code_line = Some(*line);
            }
        }
        (!blocks.is_empty()).then_some(blocks)
    });
    let spans_read = span_blocks.is_some();
    let blocks = span_blocks.or(blocks);
    let mut imported = match blocks {
        None => {
            // notes name the line of a script's command, and the word of a command line's
            let lines = text.lines().filter(|line| !line.trim().is_empty()).count();
            let text = &shell::run_blocks_dedented(text);
            import_text(&session_commands(text), (lines > 1).then_some(1))
                .or_else(|error: String| {
                    // a page copied as plain text, whose prose no shell reads (an apostrophe
                    // opens a quote): its curl commands alone, each on its lines. (Text that
                    // reads but starts with no command, a Jenkinsfile's or a program's, stays
                    // refused: its strings are another language's.)
                    if !error.contains("never closed") || !has_prose_with_a_lone_quote(text) {
                        return Err(error);
                    }
                    let commands = commands_among_prose(text).ok_or(error.clone())?;
                    let mut import = import_text(&commands, Some(1)).map_err(|_| error)?;
                    import.notes.insert(
                        0,
                        Note::of_kind(
                            "page",
                            "input",
                            "text that is no shell script around its curl commands (a page copied as plain text): the commands alone are read",
                        ),
                    );
                    Ok(import)
                })
                .or_else(|error: String| {
                    // a Jenkinsfile: its `sh` steps' Groovy strings are the shell's scripts
                    let Some((steps, filled)) = shell::jenkins_sh_steps(text) else {
                        return Err(error);
                    };
                    let mut import = import_text(&steps, Some(1))?;
                    import.notes.insert(
                        0,
                        Note::of_kind(
                            "shell",
                            "input",
                            "a Jenkinsfile (Groovy): the scripts of its `sh` steps that run curl are read as Groovy gives them to the shell (`\\\"` a `\"`, `\\\\` a `\\`)",
                        ),
                    );
                    if !filled.is_empty() {
                        import.notes.push(Note::of_kind(
                            "placeholder",
                            "input",
                            format!(
                                "Groovy fills in `{}` before the shell runs: the spec names each the `{{{{variable}}}}` of its name (`${{env.TOKEN}}` is `{{{{TOKEN}}}}`), to set in `samplegen.yaml`'s `variables:`",
                                filled.join("`, `")
                            ),
                        ));
                    }
                    Ok(import)
                })
                .map_err(|error: String| {
                    if let Some(refusal) = included_requests_refusal(text, markup) {
                        return refusal;
                    }
                    let raw_imports = raw_imported_files(text);
                    if !raw_imports.is_empty() {
                        // Docusaurus' `<CodeBlock>{curlCreate}</CodeBlock>`: the commands are
                        // in the files the page imports
                        return format!(
                            "an MDX page whose code blocks show files it imports (`{}`): import those files instead, which hold the commands",
                            raw_imports.join("`, `")
                        );
                    }
                    if let Some(refusal) = generated_reference_refusal(text) {
                        return refusal;
                    }
                    // front matter: a page, not a script whose first word is `---`
                    if text.starts_with("---\n") && text[4..].contains("\n---") {
                        return format!(
                            "a Markdown page with no shell code block (```bash, ```console, no language…) holding a curl command{}",
                            curl_outside_blocks(text, markup)
                        );
                    }
                    // a page without code blocks (prose, a table, reStructuredText's directives)
                    // that writes curl somewhere: where
                    if error.starts_with("not a curl command: it starts with") {
                        format!("{error}{}", curl_outside_blocks(text, markup))
                    } else {
                        error
                    }
                })
        }
        Some(blocks) if blocks.is_empty() => Err(match markup {
            _ if let Some(refusal) = included_requests_refusal(text, markup) => refusal,
            _ if let Some(refusal) = generated_reference_refusal(text) => refusal,
            Some(Markup::ReStructuredText) => format!(
                "a reStructuredText page none of whose shell code blocks (`.. code-block:: bash`, a `::` literal block…) holds a curl command{}",
                curl_outside_blocks(text, markup)
            ),
            Some(Markup::AsciiDoc) => format!(
                "an AsciiDoc page none of whose shell listings (`[source,bash]`, `----` blocks…) holds a curl command{}",
                curl_outside_blocks(text, markup)
            ),
            Some(Markup::Notebook) => format!(
                "a Jupyter notebook none of whose shell cells (`%%bash`) or `!` lines holds a curl command{}",
                curl_outside_blocks(text, markup)
            ),
            _ => format!(
                "a Markdown page none of whose shell code blocks (```bash, ```console, no language…) holds a curl command{}",
                curl_outside_blocks(text, markup)
            ),
        }),
        // one command in a fence, nothing around it
        Some(blocks)
            if blocks.len() == 1 && blocks[0].heading.is_none() && blocks[0].prose.is_empty() =>
        {
            let (code, first_line) = with_set_before(&blocks[0]);
            let code = shell::run_blocks_dedented(&code);
            import_text(&session_commands(&code), first_line)
        }
        Some(blocks) => import_page(blocks)
            .or_else(|error| {
                // the shell blocks only name curl (`apt-get install curl`): the page's
                // configuration files may run it
                if config_read {
                    return Err(error);
                }
                match config_blocks() {
                    Some(config) => {
                        let imported = import_page(config).map_err(|_| error)?;
                        config_read = true;
                        Ok(imported)
                    }
                    None => Err(error),
                }
            })
            .map(|mut import| {
            // a quick reference's table of commands beside the blocks: said, not imported
            // a command written in a quote or a paragraph (ownCloud's `>curl -u …`)
            // (in a Markdown page, whose lines are the file's)
            let prose = if markup.is_none() {
                curl_in_prose(&page)
            } else {
                Vec::new()
            };
            if !prose.is_empty() && !spans_read {
                import.notes.push(Note::of_kind(
                    "page",
                    "input",
                    format!(
                        "line(s) {} write a curl command outside a code block (in a quote or a paragraph), which is not imported: put it in a ```bash block to import it",
                        prose.join(", ")
                    ),
                ));
            }
            let spans = curl_in_code_spans(&page);
            if !spans.is_empty() && !spans_read {
                import.notes.push(Note::of_kind(
                    "page",
                    "input",
                    format!(
                        "line(s) {} write a curl command in inline code (a table, a sentence), which is not imported: put it in a ```bash block to import it",
                        spans.join(", ")
                    ),
                ));
            }
            import
        }),
    }?;
    if spans_read {
        imported.notes.insert(
            0,
            Note::of_kind(
                "page",
                "input",
                "no code block of the page holds a curl command: the curl commands its inline code writes (`curl …`) are read, each as a block of its own",
            ),
        );
    }
    if config_read {
        imported.notes.insert(
            0,
            Note::of_kind(
                "page",
                "input",
                "no shell code block of the page holds a curl command: the curl commands its configuration files run (```yaml, ```dockerfile…: a healthcheck, a container's `command`, a workflow's `run`) are read",
            ),
        );
    }
    if !config_left.is_empty() {
        let lines: Vec<String> = config_left.iter().map(usize::to_string).collect();
        imported.notes.push(Note::of_kind(
            "page",
            "input",
            format!(
                "the configuration block(s) at line(s) {} (```yaml, ```dockerfile…: a CI job's script, a healthcheck) run curl too; they are not imported, since the page's shell blocks hold its requests: import such a block on its own to have it",
                lines.join(", ")
            ),
        ));
    }
    if markup == Some(Markup::AsciiDoc) {
        offer_asciidoc_attributes(text, &mut imported);
    }
    let included = request_includes(text, markup);
    if !included.is_empty() {
        imported.notes.push(Note::of_kind(
            "page",
            "input",
            format!(
                "the page includes {}, whose requests are not read here (samplegen reads the one file it is given): import each on its own to have it",
                listed_includes(&included)
            ),
        ));
    }
    // what IPython, a template engine or Kubernetes fills in before the shell runs, which the
    // specs name as variables
    let filled = notebook::ipython_fields(text);
    if !filled.is_empty() {
        let written: Vec<String> = filled.iter().map(|(w, _)| format!("`{w}`")).collect();
        imported.notes.push(filled_in_note(
            format!(
                "IPython writes the Python value of {} in before the shell runs",
                written.join(", ")
            ),
            written.len(),
            filled.iter().map(|(_, name)| name.as_str()),
        ));
    }
    if let Some((_, expressions)) = &rendered {
        let written: Vec<&str> = expressions.iter().map(|(w, _)| w.as_str()).collect();
        imported.notes.push(filled_in_note(
            format!(
                "the file's template engine (Ansible's Jinja, Helm's) fills in `{}` before the shell runs",
                written.join("`, `")
            ),
            written.len(),
            expressions.iter().map(|(_, name)| name.as_str()),
        ));
    }
    if let Some((_, references)) = &kubernetes {
        imported.notes.push(filled_in_note(
            format!(
                "Kubernetes fills in `{}` in a container's `command` and `args` from its `env` before it runs them",
                references.join("`, `")
            ),
            references.len(),
            references
                .iter()
                .map(|written| &written[2..written.len() - 1]),
        ));
    }
    if let Some(markup) = markup {
        imported
            .notes
            .insert(0, Note::of_kind("page", "input", markup.described()));
    }
    Ok(imported)
}

/// The note on what a tool fills in before the shell runs (`lead`, which names the `count`
/// texts it fills), and the variables the spec names them by, each once.
fn filled_in_note<'n>(lead: String, count: usize, names: impl Iterator<Item = &'n str>) -> Note {
    let mut variables: Vec<String> = Vec::new();
    for name in names {
        super::shared::push_once(&mut variables, format!("`{{{{{name}}}}}`"));
    }
    Note::of_kind(
        "placeholder",
        "input",
        format!(
            "{lead}: the spec names {} {}, to set in `samplegen.yaml`'s `variables:`",
            if count == 1 { "it" } else { "them" },
            variables.join(", ")
        ),
    )
}

/// The refusal of a page whose requests are all in files it includes (a Spring REST Docs guide,
/// a Sphinx page of `literalinclude`s), naming them; `None` for any other page.
fn included_requests_refusal(text: &str, markup: Option<Markup>) -> Option<String> {
    let included = request_includes(text, markup);
    (!included.is_empty()).then(|| match markup {
        Some(Markup::AsciiDoc) => format!(
            "an AsciiDoc page whose requests are in the files it includes, {}: import those files instead, which hold the commands (Spring REST Docs writes each test's `curl-request.adoc`)",
            listed_includes(&included)
        ),
        _ => format!(
            "a page whose requests are in the files it includes into its code, {}: import those files instead, which hold the commands",
            listed_includes(&included)
        ),
    })
}

/// The files a page includes that may hold its requests, each with its line: AsciiDoc's
/// `include::`, and the includes of other markup (reStructuredText, MkDocs, Jekyll), whatever
/// the page was read as (a page of `literalinclude`s alone reads as no markup at all).
fn request_includes(text: &str, markup: Option<Markup>) -> Vec<(usize, String)> {
    match markup {
        Some(Markup::AsciiDoc) => page_formats::asciidoc_request_includes(text),
        _ => page_formats::code_includes(text),
    }
}

/// The refusal of a page that an API-docs tool generates from an OpenAPI document and writes no
/// command into (Mintlify's front matter `openapi: "POST /users"`, docusaurus-openapi-docs'
/// `<MethodEndpoint … />`), naming the document to import instead; `None` for any other text.
fn generated_reference_refusal(text: &str) -> Option<String> {
    let front_matter = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---").map(|(front, _)| front));
    let openapi_key = front_matter.and_then(|front| {
        front.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            matches!(key.trim(), "openapi" | "api" | "asyncapi")
                .then(|| format!("`{}: {}`", key.trim(), value.trim()))
        })
    });
    let component = [
        "<MethodEndpoint",
        "<ApiExplorer",
        "<ParamsDetails",
        "<OpenAPI",
    ]
    .into_iter()
    .find(|tag| text.contains(tag))
    .map(|tag| format!("`{tag} …>`"));
    let mark = openapi_key.or(component)?;
    Some(format!(
        "a page generated from an OpenAPI document ({mark}) with no code block holding a curl command: import the OpenAPI document itself (`samplegen import openapi`)"
    ))
}

/// Included files as a note names them: `` `path` (line 50) ``, joined.
fn listed_includes(included: &[(usize, String)]) -> String {
    included
        .iter()
        .map(|(line, path)| format!("`{path}` (line {line})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The files an MDX page imports as text to show in its code blocks: webpack's
/// `import create from '!!raw-loader!./create.sh'` and Vite's `'./create.sh?raw'`.
fn raw_imported_files(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("import ")?;
            let (_, source) = rest.split_once(" from ")?;
            let source = source.trim().trim_end_matches(';').trim();
            let source = source
                .strip_prefix(['"', '\''])?
                .strip_suffix(['"', '\''])?;
            if let Some(path) = source.rsplit_once("raw-loader!").map(|(_, path)| path) {
                Some(path.to_string())
            } else {
                source.strip_suffix("?raw").map(str::to_string)
            }
        })
        .collect()
}

/// The values an AsciiDoc page's attribute entries give (`:stargate-url: http://localhost:8082`)
/// to the placeholders of the same names its commands write (`{stargate-url}`, read as
/// `{{stargate-url}}`), as Asciidoctor puts them in: offered as the variables' values, noted.
fn offer_asciidoc_attributes(text: &str, import: &mut Import) {
    let entries = text.lines().filter_map(|line| {
        let (name, value) = line.strip_prefix(':')?.split_once(':')?;
        let value = value.trim();
        let is_name = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        (is_name && !value.is_empty()).then(|| (name.to_string(), value.to_string()))
    });
    offer_values(
        import,
        entries,
        "placeholder",
        |name, value, placeholder| {
            format!(
                "the page's attribute entry `:{name}: {value}` gives `{{{name}}}` its value: that is offered as the value of `{placeholder}`"
            )
        },
    );
}

/// Offers each of `values` (a name and its value, as the input sets it) as the value of the
/// variable of that name, where a spec imported writes it (`{{name}}`) and nothing offered it
/// already, with a note of `kind` that `said` words from the name, the value and `{{name}}`.
fn offer_values(
    import: &mut Import,
    values: impl IntoIterator<Item = (String, String)>,
    kind: &'static str,
    said: impl Fn(&str, &str, &str) -> String,
) {
    let specs: Vec<String> = import
        .items
        .iter()
        .map(|item| crate::import::to_yaml(&item.spec))
        .collect();
    for (name, value) in values {
        let placeholder = format!("{{{{{name}}}}}");
        if import.variables.contains_key(&name)
            || !specs.iter().any(|spec| spec.contains(&placeholder))
        {
            continue;
        }
        import.notes.push(Note::of_kind(
            kind,
            "input",
            said(&name, &value, &placeholder),
        ));
        import.variables.insert(name, value);
    }
}

/// A page in the house layout, read back into the spec that renders it: the request its cURL
/// sample sends, its title, prose and example responses, and its path from its `page_id`.
fn import_house_page(page: house_page::HousePage) -> Result<Import, String> {
    let curl = shell::run_blocks_dedented(&page.curl);
    let mut import =
        import_text(&session_commands(&curl), Some(page.curl_line)).map_err(|error| {
            format!("a page in the house layout whose cURL sample cannot be read: {error}")
        })?;
    if import.items.len() > 1 {
        import.notes.push(Note::of_kind(
            "page",
            format!("line {}", page.curl_line),
            format!(
                "the cURL sample sends {} requests; the page is about the first, which is imported",
                import.items.len()
            ),
        ));
        import.items.truncate(1);
    }
    let item = import
        .items
        .first_mut()
        .ok_or("a page in the house layout whose cURL sample sends no request")?;
    item.spec.title = page.title;
    item.spec.prose = page.prose;
    let responses = if page.responses.len() > 1 {
        "example responses"
    } else {
        "example response"
    };
    item.spec.set_responses(page.responses);
    if let Some((module, path)) = &page.page_id {
        let mut parts: Vec<String> = path.split('/').map(str::to_string).collect();
        item.name = parts.pop().unwrap_or_default();
        item.dirs = std::iter::once(module.clone()).chain(parts).collect();
    } else {
        item.name = item.spec.title.clone();
    }
    let request = &mut item.spec.request;
    // The request line writes the spec's URL as written (a query unencoded, a fragment), the
    // cURL sample as curl is to send it: the line's is the spec's when the sample is written from it.
    let written = page
        .request_line
        .split_once(' ')
        .filter(|(method, _)| *method == request.method)
        .map(|(_, url)| url)
        .filter(|url| {
            let as_curl_writes =
                crate::url::strict(&crate::url::Url::parse(url).with_encoded_query());
            // (the fragment, which curl never sends, aside)
            as_curl_writes.split('#').next() == request.url.split('#').next()
        });
    match written {
        Some(url) => request.url = url.to_string(),
        None => import.notes.push(Note::of_kind(
            "page",
            "input",
            format!(
                "the page's request line is `{}`, but its cURL sample sends `{} {}`: the spec follows the sample",
                page.request_line, request.method, request.url
            ),
        )),
    }
    if page.body_mode.as_deref() == Some("graphql") {
        graphql_read_back(request);
    }
    implied_content_type_left_out(request, &page.curl);
    let mut said = vec![format!(
        "a page in the house layout: its title, prose and {responses} are imported, and the request its cURL sample sends"
    )];
    if let Some((module, path)) = &page.page_id {
        said.push(format!(
            "the spec is named by its `page_id` (`{module}/{path}.yaml`): import with `--into specs` to keep the page's address"
        ));
    }
    let defaults = crate::config::Config::default();
    if page
        .component
        .as_ref()
        .is_some_and(|c| *c != defaults.component)
        || page
            .base_url
            .as_ref()
            .is_some_and(|b| *b != defaults.base_url)
    {
        said.push(format!(
            "its front matter's component `{}` and address `{}` come from samplegen.yaml's `component` and `base_url`",
            page.component.as_deref().unwrap_or(&defaults.component),
            page.base_url.as_deref().unwrap_or(&defaults.base_url),
        ));
    }
    if page.newer_layout {
        said.push(
            "it is in the newer house layout (a spacer under the title, no `description`): `page: house-newer` in samplegen.yaml writes it so".to_string(),
        );
    }
    if let Some(width) = page.spacer_width {
        said.push(format!(
            "its spacer is {width} characters wide, where samplegen writes one non-breaking space: override the page template's `under_title` block for another"
        ));
    }
    let in_code = super::shared::in_code_spans;
    if !page.other_keys.is_empty() {
        said.push(format!(
            "its front matter's {} come from samplegen.yaml's `front_matter:`",
            in_code(&page.other_keys)
        ));
    }
    import
        .notes
        .insert(0, Note::of_kind("page", "input", said.join("; ")));
    Ok(import)
}

/// A house page's GraphQL body, which its cURL sample sends as the JSON `{"query": …,
/// "operationName": …, "variables": …}` with the `Content-Type` that implies: the spec's
/// `body.graphql` again, when the JSON holds nothing else.
fn graphql_read_back(request: &mut crate::spec::RequestSpec) {
    use crate::spec::{BodySpec, GraphqlSpec};
    let Some(BodySpec::Raw(text)) = &request.body else {
        return;
    };
    let Ok(serde_json::Value::Object(members)) = serde_json::from_str::<serde_json::Value>(text)
    else {
        return;
    };
    let text_of = |key: &str| {
        members
            .get(key)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let known = members
        .keys()
        .all(|key| ["query", "operationName", "variables"].contains(&key.as_str()));
    let (Some(query), true) = (text_of("query"), known) else {
        return;
    };
    let variables = match members.get("variables") {
        None => None,
        Some(variables @ serde_json::Value::Object(_)) => Some(variables.to_string()),
        Some(_) => return,
    };
    request.body = Some(BodySpec::Graphql(GraphqlSpec {
        query,
        variables,
        operation_name: text_of("operationName"),
    }));
}

/// A house page's request without the `Content-Type` header its cURL sample sends after the
/// auth's header: the one a `urlencoded` or `graphql` body implies, which the spec did not
/// write (a header it writes comes before the auth's). Left, it would move ahead of the auth's.
fn implied_content_type_left_out(request: &mut crate::spec::RequestSpec, curl: &str) {
    use crate::spec::{AuthSpec, BodySpec, KeyLocationSpec};
    let implied = match request.body {
        Some(BodySpec::Urlencoded(_)) => "application/x-www-form-urlencoded",
        Some(BodySpec::Graphql(_)) => "application/json",
        _ => return,
    };
    let auth_header = match &request.auth {
        Some(AuthSpec::Basic(_) | AuthSpec::Bearer(_)) => "Authorization".to_string(),
        Some(AuthSpec::Apikey(key)) if key.location != Some(KeyLocationSpec::Query) => {
            key.name.clone()
        }
        _ => return,
    };
    let curl = curl.to_ascii_lowercase();
    let at = |name: &str| curl.find(&format!("{}:", name.to_ascii_lowercase()));
    let (Some(auth_at), Some(type_at)) = (at(&auth_header), at("Content-Type")) else {
        return;
    };
    if auth_at < type_at {
        request.headers.retain(|header| {
            !header.iter().any(|(name, value)| {
                name.eq_ignore_ascii_case("content-type") && value.as_deref() == Some(implied)
            })
        });
    }
}

/// Whether `text` holds a line of prose (`You can test the agent's endpoint using curl:`: words
/// of letters, none of a shell's signs) with a quote no other closes on it, which opens a quote
/// to a shell: a page copied as plain text.
fn has_prose_with_a_lone_quote(text: &str) -> bool {
    text.lines().any(|line| {
        let words: Vec<&str> = line.split_whitespace().collect();
        words.len() >= 3
            && words[0].starts_with(char::is_alphabetic)
            && !is_curl(words[0])
            && !line.contains([
                '$', '=', '|', '(', ')', '{', '}', '<', '>', '`', ';', '&', '\\',
            ])
            && (line.matches('\'').count() % 2 == 1 || line.matches('"').count() % 2 == 1)
    })
}

/// The curl commands of a text that is not a shell script as a whole (prose copied from a page
/// beside them): each line that starts with `curl` and the lines it continues onto (a `\` at
/// the end, a quote left open), every other line blank, so that each keeps its place. `None`
/// when no line starts a curl command, or the text is all commands.
fn commands_among_prose(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut continued = false;
    let mut open_quote = None;
    let mut found = false;
    let mut left_out = false;
    for line in text.lines() {
        let starts = line.split_whitespace().next().is_some_and(is_curl);
        if continued || open_quote.is_some() || starts {
            found |= starts;
            out.push_str(line);
            open_quote = shell::quote_left_open(line, open_quote);
            continued = open_quote.is_none() && shell::continues_on_next_line(line);
        } else {
            left_out |= !line.trim().is_empty();
        }
        out.push('\n');
    }
    (found && left_out && open_quote.is_none()).then_some(out)
}

/// The lines of a page (as numbers, from 1) that write a curl command in a code span, `` `curl
/// -X POST …` ``, with an option or a URL after it: in a table or a sentence, outside the code
/// blocks.
fn curl_in_code_spans(text: &str) -> Vec<String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            line.match_indices("`curl ").any(|(at, _)| {
                let next = line[at + "`curl ".len()..]
                    .trim_start()
                    .trim_start_matches(['"', '\'']);
                next.starts_with('-') || next.contains("://")
            })
        })
        .map(|(index, _)| (index + 1).to_string())
        .collect()
}

/// The lines of a Markdown page that start a curl command outside its code blocks: in a quote
/// (`>curl -u …`) or as a paragraph of its own, which a reader copies as the request.
fn curl_in_prose(page: &str) -> Vec<String> {
    let page: Vec<&str> = page.lines().collect();
    let fenced = page_formats::fenced_lines(&page);
    let mut lines = Vec::new();
    for (index, (line, fenced)) in page.iter().zip(fenced).enumerate() {
        // an indented line may be an indented code block, which is read as one
        if fenced || line.starts_with("    ") || line.starts_with('\t') {
            continue;
        }
        let command = line.trim_start().trim_start_matches('>').trim_start();
        let Some(rest) = command.strip_prefix("curl ") else {
            continue;
        };
        let next = rest.trim_start().trim_start_matches(['"', '\'']);
        if next.starts_with('-') || next.contains("://") {
            lines.push((index + 1).to_string());
        }
    }
    lines
}

/// Where a page that has no code block holding curl writes a curl command all the same (in a
/// component's text, a JSX string, a table), as the end of the error that says so: `""` when
/// nowhere.
fn curl_outside_blocks(text: &str, markup: Option<Markup>) -> String {
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            let words: Vec<&str> = line.split_whitespace().collect();
            words.windows(2).any(|pair| {
                // after a tag, a `(` or a table's `|` (`<pre>curl`, `$(curl`, `|curl`) too
                // and a list's item, `["curl", "-X",` (Python's `subprocess.run`)
                let word = pair[0].rsplit(['>', '(', '|']).next().unwrap_or(pair[0]);
                let word = word.trim_start_matches(['`', '{', '"', '\'', '[']);
                is_curl(
                    word.strip_suffix(",")
                        .map_or(word, |item| item.trim_end_matches(['"', '\''])),
                ) && {
                    let next = pair[1].trim_start_matches(['"', '\'']);
                    next.starts_with('-') || next.contains("://")
                }
            })
        })
        .map(|(index, _)| (index + 1).to_string())
        .take(5)
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    // the block the page's own markup writes
    let block = match markup {
        Some(Markup::ReStructuredText) => "a `.. code-block:: bash` directive",
        Some(Markup::AsciiDoc) => "a `[source,bash]` listing",
        Some(Markup::Notebook) => "a `%%bash` cell or a `!curl` line",
        _ => "a ```bash block",
    };
    format!(
        "; a curl command is written at line(s) {}, where samplegen does not read one (not in a code block of the page's shell): put it in {block}, or import it on its own",
        lines.join(", ")
    )
}

/// The curl commands of a Markdown page's shell code blocks: the first request below a heading
/// named and titled by it, each block's first request given the prose above the block; a block
/// that cannot be read is noted and the others are imported.
/// A block's code after what the page's blocks above it set (a reader runs those first), and
/// the line of the page its first line stands for, so that the code's lines keep theirs.
fn with_set_before(block: &markdown::CurlBlock) -> (Cow<'_, str>, Option<usize>) {
    if block.set_before.is_empty() {
        return (Cow::Borrowed(&block.code), block.code_line);
    }
    let lines = block.set_before.lines().count();
    (
        Cow::Owned(format!("{}{}", block.set_before, block.code)),
        block.code_line.and_then(|line| line.checked_sub(lines)),
    )
}

fn import_page(blocks: Vec<markdown::CurlBlock>) -> Result<Import, String> {
    let mut page = Import::default();
    let count = blocks.len();
    // the heading of a block that could not be read names the next one below it
    let mut unused_heading = None;
    for block in blocks {
        let heading = block.heading.clone().or(unused_heading.take());
        let at_line = |at: &str| format!("line {}, {at}", block.line);
        let (mut code, first_line) = with_set_before(&block);
        if page_formats::quotes_escaped_throughout(&block.code) {
            code = Cow::Owned(page_formats::character_references_read(&code));
            page.notes.push(Note::of_kind(
                "page",
                format!("line {}", block.line),
                "this code block writes its quotes as HTML character references (`&quot;`, `&#039;`), as a page served escaped shows them: they are read as the characters they stand for",
            ));
        }
        let imported = match import_block(&code, first_line) {
            Ok((imported, unread)) => {
                if let Some((lines, error)) = unread {
                    page.notes.push(Note::of_kind(
                        "command",
                        format!("line {}", block.line),
                        format!(
                            "the lines of this code block after its first {lines} are not read as commands (a command's output?): {error}"
                        ),
                    ));
                }
                imported
            }
            Err(error) => {
                unused_heading = heading;
                page.notes.push(Note::of_kind(
                    "command",
                    format!("line {}", block.line),
                    format!("this code block is not imported: {error}"),
                ));
                continue;
            }
        };
        // the heading names the first request below it, and the prose is said before it: past
        // those whose response the block keeps for the next (`TOKEN=$(curl …/login)`)
        let named = (0..imported.items.len())
            .find(|index| !imported.captured.contains(index))
            .unwrap_or(0);
        for (index, mut item) in imported.items.into_iter().enumerate() {
            if index == named {
                if let Some(heading) = heading.as_ref().filter(|h| !h.is_empty()) {
                    item.name = heading.clone();
                    item.spec.title = heading.clone();
                }
                item.spec.prose = block.prose.clone();
            }
            page.items.push(item);
        }
        // a note that names its line names the page's; the others, the block's
        page.notes
            .extend(imported.notes.into_iter().map(|mut note| {
                if !note.at.starts_with("line ") {
                    note.at = at_line(&note.at);
                }
                note
            }));
        for (name, value) in imported.variables {
            page.variables.entry(name).or_insert(value);
        }
    }
    if page.items.is_empty() {
        let reasons: Vec<String> = page
            .notes
            .iter()
            .map(|n| format!("{}: {}", n.at, n.message))
            .collect();
        return Err(format!(
            "none of the page's {count} curl code blocks could be imported: {}",
            reasons.join("; ")
        ));
    }
    page.notes.insert(
        0,
        Note::of_kind(
            "page",
            "input",
            format!(
                "a Markdown page: {}, the first request below a heading titled by it, each block's first request given the prose above the block",
                if count == 1 {
                    "the curl command of its one code block holding curl is imported".to_string()
                } else {
                    format!("the curl commands of its {count} code blocks holding curl are imported")
                }
            ),
        ),
    );
    Ok(page)
}

/// What of a text the shell runs, its YAML blocks of commands already read
/// ([`shell::run_blocks_dedented`]: a list item's block holds commands, not an item's output): a
/// console session's commands without their output ([`markdown::commands_of`]), or a Taskfile
/// or an Azure Pipelines file whole, since its variables are no command's output.
fn session_commands(text: &str) -> Cow<'_, str> {
    if shell::taskfile_read(text).is_some() || shell::is_azure_pipelines(text) {
        Cow::Borrowed(text)
    } else {
        markdown::commands_of(text)
    }
}

/// The curl commands of a page's code block, its output left out (see
/// [`markdown::commands_of`]); when the whole cannot be read, the longest run of its first lines
/// that can (a command's output without a prompt after it, such as `It's alive`), with how many
/// lines that is and why the rest could not be read.
#[allow(clippy::type_complexity)]
fn import_block(
    code: &str,
    first_line: Option<usize>,
) -> Result<(Import, Option<(usize, String)>), String> {
    let code = &shell::run_blocks_dedented(code);
    let commands = session_commands(code);
    let error = match import_text(&commands, first_line) {
        Ok(imported) => return Ok((imported, None)),
        Err(error) => error,
    };
    let lines: Vec<&str> = commands.lines().collect();
    for count in (1..lines.len()).rev().take(200) {
        // output follows a whole command: a cut inside one (a line continued, a quote it
        // leaves open) would make a request of half of it
        if shell::continues_on_next_line(lines[count - 1]) {
            continue;
        }
        let first = lines[..count].join("\n");
        if let Ok(imported) = import_text(&first, first_line)
            && !imported.items.is_empty()
        {
            return Ok((imported, Some((count, error))));
        }
    }
    Err(error)
}

/// The curl commands of a command line, a script or a shell session, whose first line is the
/// input's `first_line` when notes are to name lines.
fn import_text(text: &str, first_line: Option<usize>) -> Result<Import, String> {
    let text = &shell::exec_arrays_written(text);
    let makefile = shell::taskfile_read(text)
        .or_else(|| shell::makefile_expanded(text))
        .or_else(|| shell::justfile_read(text))
        .or_else(|| shell::azure_pipelines_read(text));
    let text = makefile.as_ref().map_or(text.as_ref(), |read| &read.text);
    let imported = import_text_as_shell(text, first_line);
    match (imported, makefile) {
        (Ok(mut import), Some(makefile)) => {
            let said = [
                (makefile.read, makefile.values_given),
                (
                    makefile.functions,
                    "the output in their place, which samplegen does not know: left as written",
                ),
            ];
            for (written, what) in said.into_iter().filter(|(written, _)| !written.is_empty()) {
                let written = written.join("`, `");
                import.notes.push(Note::of_kind(
                    "shell",
                    "input",
                    format!(
                        "{} {}: {} gives its {}' `{written}` {what}",
                        if makefile.tool.starts_with(['A', 'E', 'I', 'O', 'U']) {
                            "an"
                        } else {
                            "a"
                        },
                        makefile.tool,
                        makefile.runner,
                        makefile.scripts
                    ),
                ));
            }
            let tool = makefile.tool;
            offer_values(
                &mut import,
                makefile.definitions,
                "environment",
                |name, value, placeholder| {
                    format!(
                        "the {tool} sets `{name}` to `{value}`: that is offered as the value of `{placeholder}`"
                    )
                },
            );
            Ok(import)
        }
        (imported, _) => imported,
    }
}

/// [`import_text`] of a text the shell reads as it is.
fn import_text_as_shell(text: &str, first_line: Option<usize>) -> Result<Import, String> {
    match import_commands(&without_prompts(text, false), first_line) {
        // `# curl …` with no curl outside comments: a root shell's prompt, as documentation
        // shows one, not a comment
        Err(_) if only_commented(text) => {
            let mut import = import_commands(&without_prompts(text, true), first_line)?;
            import.notes.push(Note::of_kind(
                "command",
                "input",
                "no curl command outside comments: the `#` before `curl` is read as a root shell's prompt, or as the mark of a command commented out (taken off its continued lines too)",
            ));
            Ok(import)
        }
        imported => imported,
    }
}

/// A command run through a variable that holds curl's path (`CURL="$(which curl)"`, then
/// `"$CURL" -s …`, as scripts find curl before they call it) runs curl: its first word is
/// `curl`, and the variable is no longer one the spec reads.
fn curl_through_variables(commands: &mut [Command]) {
    for command in commands {
        let Some(name) = command
            .words
            .first()
            .and_then(|word| word.strip_prefix("{{"))
            .and_then(|word| word.strip_suffix("}}"))
            .map(str::to_string)
        else {
            continue;
        };
        let holds_curl = command
            .computed
            .iter()
            .chain(&command.assigned)
            .any(|(set, value)| *set == name && names_curls_path(value));
        if holds_curl {
            command.words[0] = "curl".into();
            command.computed.retain(|(set, _)| *set != name);
            command.assigned.retain(|(set, _)| *set != name);
            command.expanded.retain(|set| *set != name);
        }
    }
}

/// Whether a variable's value is curl's path: `curl`, `/usr/bin/curl`, or what finds it,
/// `$(which curl)`, `$(command -v curl)`, `` `type -p curl` ``.
fn names_curls_path(value: &str) -> bool {
    let value = value.trim();
    // (a computed value is shown in backquotes: `` `$(which curl)` ``)
    let value = value
        .strip_prefix("`$(")
        .and_then(|rest| rest.strip_suffix('`'))
        .map_or(value, |_| &value[1..value.len() - 1]);
    match shell::substitution_text(value) {
        Some(finder) => matches!(
            finder.split_whitespace().collect::<Vec<_>>().as_slice(),
            ["which", "curl"] | ["command", "-v", "curl"] | ["type", "-p" | "-P", "curl"]
        ),
        None => value == "curl" || value.ends_with("/curl"),
    }
}

/// `commands` read from `text` by a reader that keeps no lines (`cmd.exe`'s, PowerShell's),
/// each given the line of `text` it starts on, so that notes name it as a shell script's do:
/// where its first word is written, looked for after the command before it (its second or
/// third when the reader wrote the first anew, as PowerShell's `curl` alias).
fn with_lines_located(text: &str, mut commands: Vec<Command>) -> Vec<Command> {
    let mut cursor = 0;
    for command in &mut commands {
        if command.line.is_some() {
            continue;
        }
        let found = command
            .words
            .iter()
            .take(3)
            .filter(|word| !word.is_empty())
            .find_map(|word| {
                text[cursor..]
                    .find(word.as_str())
                    .map(|at| (at, word.len()))
            });
        if let Some((at, length)) = found {
            command.line = Some(text[..cursor + at].matches('\n').count());
            cursor += at + length;
        }
    }
    commands
}

/// The interpreter a command runs its standard input with, when it is one (`sh -`, `sudo -E
/// bash -s -- --version 2`, `python3`, PowerShell's `iex`): what a download piped into it is.
fn script_runner(words: &[String]) -> Option<&str> {
    const SHELLS: [&str; 6] = ["sh", "bash", "zsh", "dash", "ksh", "fish"];
    const INTERPRETERS: [&str; 6] = ["python", "python3", "perl", "ruby", "node", "iex"];
    let mut words = words.iter().map(String::as_str);
    let mut program = words.next()?;
    // `sudo` and `sudo -E` before it
    while program == "sudo" || (program.starts_with('-') && program.len() > 1) {
        program = words.next()?;
    }
    let name = program.rsplit('/').next().unwrap_or(program);
    let shell = SHELLS.contains(&name);
    let runs_stdin =
        shell || INTERPRETERS.contains(&name) || name.eq_ignore_ascii_case("Invoke-Expression");
    // `sh -c '…'`, `python -m json.tool` (a page's pretty-printing of the answer), `node -e`
    // and `python script.py` run something else, which reads the download as its input
    // (after `-`, `-s` or `--` the words are the script's own arguments)
    let runs_other = words
        .take_while(|word| !matches!(*word, "-" | "-s" | "--"))
        .any(|word| {
            let option = |letters: &[&str]| {
                !word.starts_with("--") && letters.iter().any(|l| word.starts_with(l))
            };
            (shell && option(&["-c"]))
                || (!shell && option(&["-c", "-m", "-e", "-p"]))
                || (!word.starts_with('-') && name != "iex")
        });
    (runs_stdin && !runs_other).then_some(name)
}

/// The text `xargs` replaces with each line of its input in the command it runs, from its
/// options (`-I {}`, `-I%`, `--replace=R`, `-i` and `--replace` for `{}`); `None` when it
/// appends its input's words to the command instead.
fn xargs_replaced(options: &[String]) -> Option<String> {
    let mut options = options.iter();
    while let Some(option) = options.next() {
        match option.as_str() {
            "-I" => return options.next().cloned(),
            "-i" | "--replace" => return Some("{}".into()),
            _ => {
                if let Some(replaced) = option
                    .strip_prefix("--replace=")
                    .or_else(|| option.strip_prefix("-I"))
                    .or_else(|| option.strip_prefix("-i"))
                {
                    return Some(replaced.to_string());
                }
            }
        }
    }
    None
}

/// curl as `xargs` runs it: with `replaced` in its words put for the line of input (the one
/// line a piped `echo` or `printf` writes, else the reader's `{{input}}`), or without it its
/// input's words after its own (those of a known text; unknown ones left out). curl then
/// reads nothing of the pipe, which `xargs` took. What the note says of it.
fn with_xargs_input(
    command: &mut Command,
    replaced: Option<String>,
    input: Option<String>,
) -> String {
    command.piped = false;
    let one_line = input.as_deref().and_then(|text| {
        let mut lines = text.lines().map(str::trim).filter(|line| !line.is_empty());
        lines.next().filter(|_| lines.next().is_none())
    });
    match replaced {
        Some(replaced) if !replaced.is_empty() => {
            let value = one_line.map_or_else(|| "{{input}}".to_string(), str::to_string);
            for word in command.words.iter_mut().skip(1) {
                if word.contains(&replaced) {
                    *word = word.replace(&replaced, &value);
                }
            }
            match one_line {
                Some(line) => format!(
                    "`xargs` runs curl with `{replaced}` replaced by the line its input gives, `{line}`: read so"
                ),
                None => format!(
                    "`xargs` runs curl once for each line of its input, `{replaced}` replaced by the line: the spec names it `{{{{input}}}}`, a variable to set in `samplegen.yaml`'s `variables:`"
                ),
            }
        }
        _ => match input.as_deref() {
            Some(text) if !text.trim().is_empty() => {
                let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
                let message = format!(
                    "`xargs` runs curl with the words of its input after curl's own, `{}`: read so",
                    words.join(" ")
                );
                command.words.extend(words);
                command.word_numbers.clear();
                message
            }
            _ => "`xargs` runs curl with the words of its input after curl's own, which samplegen cannot know: left out".to_string(),
        },
    }
}

/// PowerShell's web cmdlets and their aliases, which documentation shows beside curl commands.
const POWERSHELL_WEB_CMDLETS: [&str; 4] = ["Invoke-WebRequest", "Invoke-RestMethod", "iwr", "irm"];

/// A command's words without a shell's prompt as the first (`$`, `%`), as documentation
/// writes one before a command.
fn without_prompt_word(words: &[String]) -> &[String] {
    match words {
        [prompt, rest @ ..] if matches!(prompt.as_str(), "$" | "%") => rest,
        words => words,
    }
}

/// Whether `curl` is in the text only after a `# ` a root shell's prompt could be, and a line
/// `# curl` gives it an option or a URL (`# curl examples` is a heading).
fn only_commented(text: &str) -> bool {
    let lines = || text.lines().map(str::trim_start);
    let prompted = |line: &str| {
        prompt_end(line, true).is_some_and(|end| {
            line[end..]
                .split_whitespace()
                .skip(1)
                .any(|word| word.starts_with('-') || word.contains("://") || word.contains('/'))
        })
    };
    lines().any(prompted)
        && !lines().any(|line| !line.starts_with('#') && line.split_whitespace().any(is_curl))
}

/// Where a note about the command at `index` of the input's commands points: the line of the
/// input it starts on, when the input's first line is `first_line` and the reader knows the
/// command's line; else its number among `many` commands, or nothing for the one command.
fn command_place(
    first_line: Option<usize>,
    command: &Command,
    index: usize,
    many: bool,
) -> Option<String> {
    match (first_line, command.line) {
        (Some(first), Some(line)) => Some(format!("line {}", first + line)),
        _ if many => Some(format!("command {}", index + 1)),
        _ => None,
    }
}

/// The requests of the commands of `text`, whose first line is the input's `first_line` when
/// notes are to name lines.
fn import_commands(text: &str, first_line: Option<usize>) -> Result<Import, String> {
    let typed = typography::as_typed(text, option_dashes);
    let text = typed.as_deref().unwrap_or(text);
    let posix_with_carets = cmd::posix_quoted_with_carets(text);
    let text = posix_with_carets.as_deref().unwrap_or(text);
    let cmd_style = posix_with_carets.is_none() && cmd::is_cmd_style(text);
    let powershell = if cmd_style {
        None
    } else {
        powershell::powershell_sign(text)
    };
    // `""` inside a double-quoted word, the one sign of Windows a bash command could also give
    let doubled_quotes = !cmd_style && powershell.is_none() && cmd::doubles_quotes(text);
    let commands = if powershell.is_some() {
        with_lines_located(text, powershell::powershell_commands(text)?)
    } else if cmd_style || doubled_quotes {
        with_assignments_read(with_lines_located(text, cmd::cmd_commands(text)?))
    } else {
        with_assignments_read(shell::with_arrays_written(
            functions::with_functions_called(shell::with_scripts_run(assigned_curls(
                shell_commands_at(text, first_line.map_or(1, |line| line.max(1)))?,
            )?)),
        ))
    };
    let mut import = Import::default();
    if typed.is_some() {
        import.notes.push(Note::of_kind(
            "shell",
            "input",
            "typographic quotes and dashes, as a word processor or a blog sets a command (`“…”`, `‘…’`, `–X`, `—data`), are read as the `\"`, `'`, `-` and `--` they were typed as (curl would take them for text: a URL `–X`); inside ASCII quotes they are kept",
        ));
    }
    let mut commands = commands;
    curl_through_variables(&mut commands);
    // `exit` outside any `if`, loop or function, and not after `||`: bash runs nothing after it
    if let Some(at) = shell::top_level_exit(&commands) {
        let after = commands.len() - at - 1;
        if after > 0 {
            let place = commands[at]
                .line
                .map(|line| format!("line {}", line + first_line.unwrap_or(1)))
                .unwrap_or_else(|| "input".into());
            let runs_curl = |command: &Command| command.words.iter().any(|word| is_curl(word));
            if !commands[..at].iter().any(runs_curl) && commands[at..].iter().any(runs_curl) {
                return Err(format!(
                    "the `exit` at {place} ends the script before its curl commands, which bash never runs: nothing to import"
                ));
            }
            import.notes.push(Note::of_kind(
                "command",
                place,
                format!("`exit` ends the script: the {after} command(s) after it, which bash never runs, are not imported"),
            ));
            commands.truncate(at + 1);
        }
    }
    // a command that runs curl: `do curl …` in a loop, `sudo curl`, `docker exec web curl`
    for index in 0..commands.len() {
        // a crontab line's command, after its schedule (`*/5 * * * * curl …`); any other
        // command is told by its own name (`*/10 * * * * cd /app && curl …`)
        let words = &commands[index].words;
        if let Some(start) = shell::cron_command_at(words, |words| is_curl(&words[0]))
            .or_else(|| shell::cron_schedule_length(words))
        {
            commands[index].drop_words_before(start);
        }
        // `kubectl run tmp --image=curlimages/curl -- -s …`: the image's program is curl, and
        // the words after `--` its arguments
        if let Some(program) = commands[index].words.first()
            && matches!(program.as_str(), "kubectl" | "k" | "oc")
            && let words = &commands[index].words
            && let Some(image) = words.iter().position(|word| {
                word.strip_prefix("--image=")
                    .is_some_and(|image| is_curl(image.split(':').next().unwrap_or(image)))
            })
            && let Some(dashes) = words[image..].iter().position(|word| word == "--")
            && words
                .get(image + dashes + 1)
                .is_some_and(|first| first.starts_with('-') || first.contains("://"))
        {
            let command = &mut commands[index];
            command.drop_words_before(image + dashes);
            command.words[0] = "curl".to_string();
        }
        let command = &commands[index];
        if let Some(program) = command.words.first()
            && !is_curl(program)
            && RUNS_A_COMMAND.contains(&program.as_str())
            && let Some(at) = command.words.iter().position(|word| is_curl(word))
        {
            let input = (program == "xargs").then(|| {
                let writer = index.checked_sub(1).filter(|_| command.piped);
                let input = writer.and_then(|before| {
                    match piped_input(without_prompt_word(&commands[before].words)) {
                        Some((Stdin::Text(text), _)) => Some(text),
                        _ => None,
                    }
                });
                (xargs_replaced(&command.words[1..at]), input)
            });
            let command = &mut commands[index];
            command.drop_words_before(at);
            if let Some((replaced, input)) = input {
                let message = with_xargs_input(command, replaced, input);
                let many = commands.len() > 1;
                let place = command_place(first_line, &commands[index], index, many)
                    .unwrap_or_else(|| "command".into());
                import.notes.push(Note::of_kind("command", place, message));
            }
        }
    }
    let commands = with_forgotten_continuations_joined(commands, first_line, &mut import.notes);
    let mut commands = with_unquoted_json_read(commands, text, first_line, &mut import.notes);
    // what `echo "$TEXT" |` writes into the curl after it, that curl reads from the environment
    for index in 1..commands.len() {
        if commands[index].piped
            && commands[index].stdin.is_none()
            && piped_input(without_prompt_word(&commands[index - 1].words)).is_some()
        {
            for name in commands[index - 1].expanded.clone() {
                commands[index].reads(&name);
            }
        }
    }
    let substituted_hosts: Vec<Vec<String>> = commands.iter_mut().map(with_hosts_named).collect();
    if posix_with_carets.is_some() {
        import.notes.push(Note::of_kind(
            "shell",
            "input",
            "the lines are continued with `^`, as for Windows' `cmd.exe`, but words are quoted with `'`, which `cmd.exe` passes on to curl as part of the word: the command is read as the POSIX shell command its quotes write",
        ));
    }
    if doubled_quotes {
        import.notes.push(Note::of_kind(
            "shell",
            "input",
            "a double-quoted word writes each `\"` of its JSON as `\"\"`, as Windows' `cmd.exe` and PowerShell take it: the command is read so, `\"\"` a quote (bash would drop both)",
        ));
    }
    if powershell == Some(powershell::PowershellSign::EscapedJson) {
        import.notes.push(Note::of_kind(
            "shell",
            "input",
            "a single-quoted word writes each `\"` as `\\\"`, as JSON is written for Windows PowerShell 5.1: the command is read as PowerShell reads it, so `\\\"` is a quote (bash would send the backslashes)",
        ));
    }
    let mut curls = 0;
    let mut first_other: Option<String> = None;
    // a URL on a line of its own: the line before it lacks its `\`
    let mut url_alone: Option<String> = None;
    let many = commands.len() > 1;
    for (index, command) in commands.iter().enumerate() {
        let place = command_place(first_line, command, index, many);
        let prefix = place
            .as_ref()
            .map(|place| format!("{place}, "))
            .unwrap_or_default();
        // a prompt before the command, as documentation writes it: `$ curl …`
        let words = without_prompt_word(&command.words);
        let Some(program) = words.first() else {
            continue;
        };
        if !is_curl(program) {
            // PowerShell's web cmdlets (Edge's "Copy as PowerShell" sets up a session first)
            // are named whatever command comes before them
            let cmdlet = POWERSHELL_WEB_CMDLETS
                .into_iter()
                .find(|name| program.eq_ignore_ascii_case(name));
            match cmdlet {
                Some(cmdlet) => first_other = Some(cmdlet.to_string()),
                None => {
                    first_other.get_or_insert_with(|| program.clone());
                }
            }
            if looks_like_url(program) {
                url_alone.get_or_insert_with(|| program.clone());
            }
            // `echo '…' | curl …`: the command's output is the next one's input, which that
            // one's notes speak of
            let feeds_curl = commands.get(index + 1).is_some_and(|next| {
                next.piped
                    && without_prompt_word(&next.words)
                        .first()
                        .is_some_and(|next_program| is_curl(next_program))
            });
            if feeds_curl {
                continue;
            }
            import.notes.push(Note::of_kind(
                "command",
                place.unwrap_or_else(|| format!("command {}", index + 1)),
                format!("`{program}` is not curl: the command is skipped"),
            ));
            continue;
        }
        // `curl command to ingest files:` above the commands: a caption, among the text's
        // requests, not one of them (curl would look up hosts `command`, `to`…)
        if sentence_about_curl(&words[1..])
            && commands
                .iter()
                .filter(|c| c.words.iter().any(|w| is_curl(w)))
                .count()
                > 1
        {
            import.notes.push(Note::of_kind(
                "command",
                place.unwrap_or_else(|| format!("command {}", index + 1)),
                format!(
                    "`{}` reads as a sentence (words, no option and no URL), a caption of the commands: not imported",
                    words.join(" ")
                ),
            ));
            continue;
        }
        // `curl -sfL https://get.k3s.io | sh -`: a script downloaded into a shell, an install
        // step of a page, not a request of its API
        if let Some(runner) = commands
            .get(index + 1)
            .filter(|next| next.piped)
            .and_then(|next| script_runner(without_prompt_word(&next.words)))
        {
            import.notes.push(Note::of_kind(
                "command",
                place.unwrap_or_else(|| format!("command {}", index + 1)),
                format!(
                    "curl's download is piped into `{runner}`, which runs it: an install step, not a request of the API; not imported"
                ),
            ));
            continue;
        }
        curls += 1;
        for redirection in &command.redirections {
            import.notes.push(Note::of_kind(
                "ignored-option",
                format!("{prefix}command"),
                format!("the redirection `{redirection}` does not change the request; ignored"),
            ));
        }
        for substitution in &substituted_hosts[index] {
            import.notes.push(Note::of_kind(
                "substitution",
                format!("{prefix}command"),
                format!(
                    "`{substitution}` is a command the shell runs for the URL's host: the spec names the host `{{{{host}}}}`, a variable to set in `samplegen.yaml`'s `variables:`"
                ),
            ));
        }
        if let Some((_, word)) = &command.apostrophe {
            import.notes.push(Note::of_kind(
                "shell",
                format!("{prefix}command"),
                format!(
                    "the `'` of `{word}` ends the single-quoted text before it, as bash reads it: the apostrophe is not sent (`{}`), and the quoting of the rest shifts; a single-quoted text cannot hold a `'` (write it `'\\''` there)",
                    word.replace('\'', "")
                ),
            ));
        }
        if command.unquoted_json {
            import.notes.push(Note::of_kind(
                "shell",
                format!("{prefix}command"),
                "a word written `{\"…\": …}` without quotes around it, or in double quotes that its own first quote ends (`\"{\"a\": 1}\"`), is no JSON to the shell, which takes out its quotes (and bash expands a `{a,b}` in it): it is read so; quote the whole JSON (`-d '{\"a\": 1}'`) to send it",
            ));
        }
        if !command.arguments.is_empty() {
            let named: Vec<String> = command
                .arguments
                .iter()
                .map(|name| format!("`{{{{{name}}}}}`"))
                .collect();
            import.notes.push(Note::of_kind(
                "placeholder",
                format!("{prefix}command"),
                format!(
                    "the script's arguments (`$1`…) are values the reader gives: the spec names them {}, variables to set in `samplegen.yaml`'s `variables:`",
                    named.join(", ")
                ),
            ));
        }
        if !command.make_syntax.is_empty() {
            import.notes.push(Note::of_kind(
                "shell",
                format!("{prefix}command"),
                format!(
                    "`{}`: a Makefile recipe's syntax (a make variable `$(NAME)`, make's `$$` for the shell's `$`), which bash would read otherwise: read as the variables make and the shell give",
                    command.make_syntax.join("`, `")
                ),
            ));
        }
        for delimiter in &command.indented_delimiters {
            import.notes.push(Note::of_kind(
                "shell",
                format!("{prefix}command"),
                format!(
                    "no line ends the here-document but `{delimiter}` with blanks before or after it, which bash reads as text, sending the rest of the input too: read as the end its writer meant"
                ),
            ));
        }
        if command.blank_after_backslash {
            import.notes.push(Note::of_kind(
                "shell",
                format!("{prefix}command"),
                "a line ends in `\\` and blanks, read as continuing the command onto the next line, as its writer meant (bash would take `\\ ` for a blank, end the command there and run the next line on its own)",
            ));
        }
        if command.stray_backquote {
            import.notes.push(Note::of_kind(
                "shell",
                format!("{prefix}command"),
                "a backquote ends the text with none to close it (a code span's, left from the page the command was copied from), which bash would refuse: left out",
            ));
        }
        for url in &command.backquoted_urls {
            import.notes.push(Note::of_kind(
                "shell",
                format!("{prefix}command"),
                format!(
                    "`` `{url}` `` is in backquotes, which make the shell run it as a command and give curl its output (none): read as the URL its writer meant to quote"
                ),
            ));
        }
        if let Some(rest) = &command.cut_at_ampersand {
            import.notes.push(Note::of_kind(
                "shell",
                format!("{prefix}command"),
                format!(
                    "an unquoted `&` in the URL ends the command, as bash reads it: curl sends the URL up to the `&`, and so does the spec, while `{rest}` is read as the next command (quote the URL to send all of it)"
                ),
            ));
        }
        let first_item = import.items.len();
        let first_note = import.notes.len();
        // `echo '{…}' | curl -d @- …`: what the command before the `|` writes
        let piped = match index.checked_sub(1) {
            Some(before) if command.stdin.is_none() && command.piped => {
                // `$ echo '…' | curl …`: the prompt is before the command that writes
                let writer = &commands[before];
                let words = without_prompt_word(&writer.words);
                piped_input(words).or_else(|| {
                    // `cat <<EOF | curl …` (Prometheus' Pushgateway): what `cat` reads, it writes
                    let reads_stdin = matches!(words, [cat] if cat == "cat")
                        || matches!(words, [cat, dash] if cat == "cat" && dash == "-");
                    writer
                        .stdin
                        .clone()
                        .filter(|_| reads_stdin)
                        .map(|(stdin, shown)| (stdin, format!("cat {shown} |")))
                })
            }
            _ => None,
        };
        let given = command.stdin.clone().or(piped);
        let stdin = given.as_ref().map(|(stdin, _)| stdin.clone());
        // `curl --config - <<EOF`: the options on standard input, read where `-K -` stands
        // each option's place after `curl` as written, where a split value moved them
        let skipped = command.words.len() - words.len();
        let numbers: Vec<usize> = match command.word_numbers.get(skipped..) {
            Some([program, after @ ..]) if command.word_numbers.len() == command.words.len() => {
                after.iter().map(|number| number - program).collect()
            }
            _ => Vec::new(),
        };
        let (words, stdin, numbers) = match config_from_stdin(&words[1..], stdin) {
            Ok((words, config)) => {
                import.notes.push(Note::of_kind(
                    "command",
                    format!("{prefix}command"),
                    format!("`{config}` reads curl's options from standard input: read as the command's own, where it stands"),
                ));
                (Cow::Owned(words), None, Vec::new())
            }
            Err(stdin) => (Cow::Borrowed(&words[1..]), stdin, numbers),
        };
        // an error names the line of the command it is about, where the input has lines
        let read = read_command(&words, &numbers, &prefix, stdin, &mut import)
            .map_err(|error| format!("{prefix}{error}"))?;
        if command.captured {
            import.captured.extend(first_item..import.items.len());
        }
        if let (false, Some((_, shown))) = (read, &given) {
            import.notes.push(Note::of_kind(
                "ignored-option",
                format!("{prefix}command"),
                format!(
                    "`{shown}` gives the command a standard input that no option reads; ignored"
                ),
            ));
        }
        read_from_environment(
            command,
            &mut import.items[first_item..],
            &mut import.notes,
            &prefix,
        );
        // the values a command gives its variables, offered as theirs; a secret is read from
        // the environment by each sample, so its value is not
        // a form's field the samples encode themselves, value and all
        let in_form_field = |name: &String| {
            let placeholder = format!("{{{{{name}}}}}");
            import.items[first_item..].iter().any(|item| {
                matches!(&item.spec.request.body, Some(BodySpec::Urlencoded(fields))
                    if fields.iter().flat_map(|field| field.iter()).any(|(n, v)| {
                        n.contains(&placeholder) || v.as_deref().is_some_and(|v| v.contains(&placeholder))
                    }))
            })
        };
        let offer =
            |name, value, why| offered_value(&command.words, name, value, why, in_form_field(name));
        let offered = command
            .assigned
            .iter()
            .map(|(name, value)| {
                offer(
                    name,
                    value,
                    format!("`{name}` is set to `{value}` before the command"),
                )
            })
            .chain(command.defaults.iter().map(|(name, default)| {
                offer(
                    name,
                    default,
                    format!("`${{{name}:-{default}}}` sends `{default}` while `{name}` is not set"),
                )
            }))
            .collect::<Vec<_>>();
        for (name, value, why, how) in offered {
            // a URL's `<your-subdomain>` is a value the reader gives, as in a command's URL, and
            // so is a value that is one `{YOUR_CLIENT_ID}` or `<token>`
            let mut found = Vec::new();
            let whole = |open: char, close: char| {
                value.starts_with(open) && value.ends_with(close) && !value.starts_with("{{")
            };
            let value = if value.contains("://") {
                Cow::Owned(placeholders::in_url_with_braces(&value, &mut found, false))
            } else if whole('{', '}') || whole('<', '>') {
                Cow::Owned(placeholders::in_value(&value, &mut found))
            } else if let Some(name) = value
                .strip_prefix('[')
                .and_then(|inner| inner.strip_suffix(']'))
                .filter(|inner| {
                    // `[EXTERNAL_URL]`, a name in capitals, not a JSON list
                    inner.starts_with(|c: char| c.is_ascii_uppercase())
                        && inner
                            .chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                })
            {
                found.push(placeholders::Placeholder {
                    written: value.to_string(),
                    name: name.to_string(),
                });
                Cow::Owned(format!("{{{{{name}}}}}"))
            } else {
                value
            };
            let written: Vec<String> = found.iter().map(|p| format!("`{}`", p.written)).collect();
            let why = match found.as_slice() {
                [] => why,
                [one] => format!(
                    "{why}, where {} stands for a value the reader gives, `{{{{{}}}}}`",
                    written[0], one.name
                ),
                _ => format!(
                    "{why}, where {} stand for values the reader gives, {}",
                    written.join(", "),
                    found
                        .iter()
                        .map(|p| format!("`{{{{{}}}}}`", p.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let secret = import.items[first_item..].iter().any(|item| {
                matches!(&item.spec.secrets, Some(crate::sample_values::SecretsSpec::Names(names)) if names.contains(name))
            });
            if secret {
                continue;
            }
            // the name of a variable of its own: `NAME_encoded`, else one the script does not
            // set and the import does not hold with another value
            let own_name = |suffix: &str| {
                (1..)
                    .map(|n| match n {
                        1 => format!("{name}_{suffix}"),
                        n => format!("{name}_{suffix}{n}"),
                    })
                    .find(|candidate| {
                        let assigned = command
                            .assigned
                            .iter()
                            .chain(&command.defaults)
                            .any(|(set, _)| set == candidate);
                        let held = import
                            .variables
                            .get(candidate)
                            .is_some_and(|held| *held != value);
                        !assigned && !held
                    })
                    .expect("a free name")
            };
            let name = match how {
                Offered::Encoded => {
                    let encoded_name = own_name("encoded");
                    for item in &mut import.items[first_item..] {
                        rename_encoded_placeholder(&mut item.spec, name, &encoded_name);
                    }
                    // the note asking for an encoded value is answered
                    let asked =
                        format!("the value of `{{{{{name}}}}}`, which the samples write as it is");
                    let mut index = 0;
                    import.notes.retain(|note| {
                        index += 1;
                        index <= first_note || !note.message.contains(&asked)
                    });
                    encoded_name
                }
                Offered::Decoded => {
                    let decoded_name = own_name("decoded");
                    for item in &mut import.items[first_item..] {
                        rename_form_placeholder(&mut item.spec, name, &decoded_name);
                    }
                    // read elsewhere too (a header, the URL): there as set
                    let placeholder = format!("{{{{{name}}}}}");
                    let elsewhere = import.items[first_item..]
                        .iter()
                        .any(|item| crate::import::to_yaml(&item.spec).contains(&placeholder));
                    if elsewhere
                        && let Some((_, set)) = command
                            .assigned
                            .iter()
                            .chain(&command.defaults)
                            .find(|(assigned, _)| assigned == name)
                        && !import.variables.contains_key(name)
                    {
                        import.notes.push(Note::of_kind(
                            "environment",
                            format!("{prefix}command"),
                            format!("`{name}` is set to `{set}` before the command: that is offered as the value of `{{{{{name}}}}}`"),
                        ));
                        import.variables.insert(name.clone(), set.clone());
                    }
                    decoded_name
                }
                Offered::AsSet => name.clone(),
            };
            if !import.variables.contains_key(&name) {
                import.notes.push(Note::of_kind(
                    "environment",
                    format!("{prefix}command"),
                    format!("{why}: that is offered as the value of `{{{{{name}}}}}`"),
                ));
                import.variables.insert(name, value.into_owned());
            }
        }
        let at = format!("{prefix}command");
        for (written, name) in &command.trimmed {
            import.notes.push(Note::of_kind("environment", &at, format!(
                "`{written}` takes a text off `{name}`, which samplegen does not evaluate: the spec reads `{{{{{name}}}}}` there, whose value is to be given as the shell would leave it"
            )));
        }
        for (written, name) in &command.tool_values {
            let tool = if written.starts_with("${{") {
                "GitHub Actions"
            } else {
                "the tool that runs the script (Terraform, Jenkins…)"
            };
            import.notes.push(Note::of_kind("placeholder", &at, format!(
                "`{written}` is a value {tool} writes in before the shell runs: the spec names it `{{{{{name}}}}}`, a variable to set in `samplegen.yaml`'s `variables:`"
            )));
        }
        for (substitution, name) in &command.echoed {
            import.notes.push(Note::of_kind("environment", &at, format!(
                "`{substitution}` echoes `{name}`, set to a text before the command: the spec holds the text the shell makes of it"
            )));
        }
        for (name, value) in &command.split_values {
            let message = if value.trim().is_empty() {
                format!(
                    "`${name}`, unquoted, is set empty before the command: the shell gives curl no word for it"
                )
            } else {
                format!(
                    "`${name}`, unquoted, is set to `{value}` before the command: the shell splits it into words, which curl reads as its own"
                )
            };
            import.notes.push(Note::of_kind(
                "environment",
                format!("{prefix}command"),
                message,
            ));
        }
        for (name, value) in &command.whole_arguments {
            // a body over lines (`data=$(cat <<EOF …)`), said by its size
            let message = match value.lines().count() {
                0 | 1 => format!(
                    "`${name}` is set to `{value}` before the command, a whole header or both credentials, which a spec cannot hold in one variable: the spec holds the value as written"
                ),
                lines => format!(
                    "`${name}` is set to a text of {lines} lines before the command, the body, which a spec cannot hold in one variable: the spec holds the text as written"
                ),
            };
            import.notes.push(Note::of_kind(
                "environment",
                format!("{prefix}command"),
                message,
            ));
        }
        // noted where a spec holds it (a word that is only such an expansion is ignored, noted)
        let in_specs: Vec<String> =
            if command.unevaluated.is_empty() && command.substituted.is_empty() {
                Vec::new()
            } else {
                import.items[first_item..]
                    .iter()
                    .map(|item| crate::import::to_yaml(&item.spec))
                    .collect()
            };
        // (a text YAML may write escaped or over several lines counts as held, and so does one
        // `--url-query` or `--data-urlencode` percent-encoded)
        let held = |text: &str| {
            let encoded = encoded_keeping_variables(text);
            text.contains(['\n', '\t', '\r'])
                || in_specs.iter().any(|yaml| {
                    yaml.contains(text)
                        || yaml.contains(&text.replace('\'', "''"))
                        || yaml.contains(&encoded)
                })
        };
        for unevaluated in &command.unevaluated {
            if !held(unevaluated) {
                continue;
            }
            import.notes.push(Note::of_kind(
                "substitution",
                format!("{prefix}command"),
                format!(
                    "`{unevaluated}` is an expansion samplegen cannot evaluate: kept as written, so the samples send this text; write a `{{{{variable}}}}` there"
                ),
            ));
        }
        for substituted in &command.substituted {
            if !held(substituted) {
                continue;
            }
            // a backquoted one is shown as it is written, backquotes and all
            let shown = if substituted.starts_with('`') {
                substituted.clone()
            } else {
                format!("`{substituted}`")
            };
            import.notes.push(Note::of_kind(
                "substitution",
                format!("{prefix}command"),
                format!(
                    "{shown} is a command the shell runs in its place: kept as written, so the samples send this text; write a `{{{{variable}}}}` or a secret there"
                ),
            ));
        }
    }
    if curls == 0 {
        return Err(match first_other {
            Some(program) if program == "Invoke-WebRequest" => "not a curl command: `Invoke-WebRequest` (which Windows PowerShell's `curl` is, given `-Uri`, `-Method`, `-Body` or a hashtable `@{…}`); write the request with curl's options (`curl.exe -X POST …`) to import it".to_string(),
            Some(program) if POWERSHELL_WEB_CMDLETS.contains(&program.as_str()) => format!("not a curl command: `{program}`, a PowerShell cmdlet; write the request with curl's options (`curl.exe -X POST …`) to import it"),
            Some(program) => {
                // a quoted word over several lines (a docstring's `"""`): its first line names it
                let first_line = program.lines().find(|line| !line.trim().is_empty());
                match first_line {
                    Some(line) if program.trim().contains('\n') => format!(
                        "not a curl command: it starts with a word over several lines (quoted text?), `{}…`",
                        line.trim()
                    ),
                    _ => format!("not a curl command: it starts with `{program}`"),
                }
            }
            None => "an empty command line".into(),
        });
    }
    if import.items.is_empty() {
        // the only request was left out: why is the error
        if let Some(note) = import.notes.iter().find(|note| note.kind == "left-out") {
            return Err(note.message.clone());
        }
        // a config file's options may hold the URL: the note on it says why there is none
        let config = import
            .notes
            .iter()
            .find(|note| note.message.contains("reads options from a file"));
        return Err(match (url_alone, config) {
            (Some(url), _) => format!(
                "the command names no URL: `{url}` is on a line of its own, so the shell runs it as a command; end the line before it with `\\`"
            ),
            (None, Some(config)) => format!(
                "the command names no URL (its options, the URL among them, may be in the file it reads with `-K`, which samplegen does not read: {})",
                config.message
            ),
            (None, None) => "the command names no URL".into(),
        });
    }
    if typed.is_some() {
        json_typed_as_ascii(&mut import);
    }
    if import.items.len() > 1 {
        let count = import.items.len();
        import.notes.push(Note::of_kind(
            "requests",
            "input",
            format!("{count} requests (several commands, URLs or `--next`): one spec each"),
        ));
    }
    // a function's commands, read once per call, say the same of its lines each time
    let mut said = std::collections::HashSet::new();
    import
        .notes
        .retain(|note| said.insert((note.kind, note.at.clone(), note.message.clone())));
    Ok(import)
}

/// In a command set in type, a JSON body (by its `Content-Type`) that is JSON only with its
/// typographic double quotes read as `"` is read so, noted: the typesetter turned the quotes of
/// the JSON inside ASCII quotes too (`-d '{“id”: 1}'`), and a server would refuse what curl sends.
fn json_typed_as_ascii(import: &mut Import) {
    for item in &mut import.items {
        let request = &mut item.spec.request;
        let json_typed = content_type(&request.headers).is_some_and(|value| {
            crate::http::media::is_json(&crate::http::media::media_type(value))
        });
        let Some(BodySpec::Raw(raw)) = &mut request.body else {
            continue;
        };
        if !json_typed || is_json_text(raw) {
            continue;
        }
        let ascii = raw.replace(['\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}'], "\"");
        if is_json_text(&ascii) {
            *raw = ascii;
            import.notes.push(Note::of_kind(
                "body",
                item.name.clone(),
                "the JSON body is JSON only with its typographic quotes (`“id”`) read as the `\"` they were typed as: read so",
            ));
        }
    }
}

/// `commands` with each that starts with a curl option (`-X POST`, `--data …`) or a URL, right
/// after a curl command, read as more of that command: the line before it lacks its `\`, as
/// documentation often forgets it. The writer meant one command, and the spec says that one
/// (bash would run curl without those lines, then fail on the first of them); a note says so.
fn with_forgotten_continuations_joined(
    commands: Vec<Command>,
    first_line: Option<usize>,
    notes: &mut Vec<Note>,
) -> Vec<Command> {
    // `<host>:8091/pools`, a URL without its scheme whose host is the reader's
    let placeholder_host = |word: &str| {
        placeholders::angle_length(word).is_some_and(|length| {
            let rest = &word[length..];
            rest.starts_with('/')
                || rest
                    .strip_prefix(':')
                    .is_some_and(|port| port.starts_with(|c: char| c.is_ascii_digit()))
        })
    };
    let starts_more = |word: &str| {
        looks_like_url(word)
            || placeholder_host(word)
            || match word.strip_prefix("--") {
                Some(long) => long_option(long).is_some(),
                None => word
                    .strip_prefix('-')
                    .and_then(|short| short.chars().next())
                    .is_some_and(|letter| short_option(letter).is_some()),
            }
    };
    let mut joined: Vec<Command> = Vec::with_capacity(commands.len());
    // for each command joined to: the first words of the lines joined to it
    let mut lines_joined: Vec<Vec<String>> = Vec::new();
    for command in commands {
        let continues_curl = joined
            .last()
            .and_then(|before| {
                before
                    .words
                    .iter()
                    .find(|w| !matches!(w.as_str(), "$" | "%"))
            })
            .is_some_and(|program| is_curl(program));
        match (joined.last_mut(), command.words.first()) {
            // a URL after a blank line is a link the text shows, not more of the command
            (Some(before), Some(first))
                if continues_curl
                    && starts_more(first)
                    && (!command.after_blank_line || first.starts_with('-')) =>
            {
                lines_joined
                    .last_mut()
                    .expect("one per command")
                    .push(first.clone());
                before.words.extend(command.words);
                before.redirections.extend(command.redirections);
                for name in command.expanded {
                    before.reads(&name);
                }
                before.defaults.extend(command.defaults);
                before.assigned.extend(command.assigned);
                before.substituted.extend(command.substituted);
                if before.stdin.is_none() {
                    before.stdin = command.stdin;
                }
                if before.cut_at_ampersand.is_none() {
                    before.cut_at_ampersand = command.cut_at_ampersand;
                }
            }
            _ => {
                joined.push(command);
                lines_joined.push(Vec::new());
            }
        }
    }
    for (index, firsts) in lines_joined.iter().enumerate() {
        if firsts.is_empty() {
            continue;
        }
        let shown: Vec<String> = firsts.iter().map(|word| format!("`{word}`")).collect();
        notes.push(Note::of_kind(
            "shell",
            command_place(first_line, &joined[index], index, true).unwrap_or_default(),
            format!(
                "the lines starting with {} follow a curl command without its `\\` at the end of the line before: read as lines of that command, as its writer meant (bash would run curl without them)",
                shown.join(", ")
            ),
        ));
    }
    joined
}

/// Whether `text` is JSON.
fn is_json_text(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// `commands` with a JSON body written without quotes over the lines after a data option
/// (`--data-raw {` and the object's lines, as GetBlock's pages write it) read as that option's
/// value: bash would give curl a `{` and run each line as a command. The lines are taken from
/// `text` as written, up to the line that closes the object, when they make JSON.
fn with_unquoted_json_read(
    mut commands: Vec<Command>,
    text: &str,
    first_line: Option<usize>,
    notes: &mut Vec<Note>,
) -> Vec<Command> {
    let lines: Vec<&str> = text.lines().collect();
    let mut index = 0;
    while index + 1 < commands.len() {
        let command = &commands[index];
        let opens = match command.words.as_slice() {
            [program, .., option, open]
                if is_curl(program)
                    && matches!(open.as_str(), "{" | "[")
                    && shell::DATA_OPTIONS.contains(&option.as_str()) =>
            {
                Some((option.clone(), open.clone()))
            }
            _ => None,
        };
        let (Some((option, open)), Some(start)) = (opens, commands[index + 1].line) else {
            index += 1;
            continue;
        };
        // the lines up to the one where the brackets balance, outside strings
        let mut json = format!("{open}\n");
        let (mut depth, mut in_string, mut escaped) = (1usize, false, false);
        let mut end = None;
        for (at, line) in lines.iter().enumerate().skip(start) {
            for c in line.chars() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' if in_string => escaped = true,
                    '"' => in_string = !in_string,
                    '{' | '[' if !in_string => depth += 1,
                    // a bracket after the one that closes the object makes no JSON: the parse
                    // below refuses it
                    '}' | ']' if !in_string => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            json.push_str(line);
            if depth == 0 {
                end = Some(at);
                break;
            }
            json.push('\n');
        }
        let Some(end) = end.filter(|_| is_json_text(json.trim_end())) else {
            index += 1;
            continue;
        };
        let json = json.trim_end().to_string();
        let command = &mut commands[index];
        *command.words.last_mut().expect("the `{`") = json;
        let place = command_place(first_line, command, index, true).unwrap_or_default();
        notes.push(Note::of_kind(
            "shell",
            place,
            format!(
                "the JSON after `{option}` is not quoted, so bash would give curl `{open}` alone and run each of its lines as a command: read as the body its writer meant, lines {} to {}",
                start + first_line.unwrap_or(1),
                end + first_line.unwrap_or(1)
            ),
        ));
        let after = index + 1;
        while after < commands.len()
            && commands[after]
                .line
                .is_some_and(|line| (start..=end).contains(&line))
        {
            commands.remove(after);
        }
        index += 1;
    }
    commands
}

/// The environment variables a command reads (`$NAME`, now `{{NAME}}` in its specs): one that
/// only credentials and header values use becomes a secret of the spec, which every sample reads
/// from the environment as the command did; any other stays a variable (a secret cannot be in a
/// URL or a body). A note says which.
fn read_from_environment(
    command: &Command,
    items: &mut [crate::import::Imported],
    notes: &mut Vec<Note>,
    prefix: &str,
) {
    let names = &command.expanded;
    // most commands read nothing from the environment: no spec is written out to look
    if names.is_empty() {
        return;
    }
    let placeholder = |name: &str| format!("{{{{{name}}}}}");
    // a variable set before the command and read outside credentials is offered with its
    // value, and what that value reads (`B="x-$T"`: `{{T}}`) is read there too (one read only
    // in credentials is a secret, whose value is not offered)
    let offered_values = |text: &str| {
        command
            .assigned
            .iter()
            .filter(|(set, _)| text.contains(&placeholder(set)))
            .map(|(_, value)| format!("\n{value}"))
            .collect::<String>()
    };
    for item in items {
        let mut elsewhere = item.spec.clone();
        elsewhere.request.auth = None;
        for header in &mut elsewhere.request.headers {
            header.values_mut().for_each(|value| *value = None);
        }
        let outside_credentials = crate::import::to_yaml(&elsewhere);
        let offered = offered_values(&outside_credentials);
        let in_spec = crate::import::to_yaml(&item.spec) + &offered;
        let outside_credentials = outside_credentials + &offered;
        let mut secrets = Vec::new();
        for name in names {
            let written = placeholder(name);
            if !in_spec.contains(&written) {
                continue;
            }
            let secret = !outside_credentials.contains(&written);
            let set_before = command.assigned.iter().any(|(set, _)| set == name);
            // set by the script from what samplegen does not run (`D=$(hostname)`)
            let computed = command
                .computed
                .iter()
                .find(|(set, _)| set == name)
                .map(|(_, by)| {
                    format!("is set by the script from {by}, which samplegen does not run")
                });
            let message = if secret {
                secrets.push(name.clone());
                let read = if set_before {
                    "is set before the command".to_string()
                } else {
                    computed.unwrap_or_else(|| "is read from the environment".to_string())
                };
                format!(
                    "`{name}` {read}: the spec names it `{written}`, a secret each sample reads from the environment variable `{name}`"
                )
            } else if set_before {
                // its value is offered as the variable's (below)
                continue;
            } else {
                let read = computed.unwrap_or_else(|| "is read from the environment".to_string());
                format!(
                    "`{name}` {read}: the spec names it `{written}`, a variable (set its value in `samplegen.yaml`'s `variables:`; a secret cannot be in a URL or a body)"
                )
            };
            notes.push(Note::of_kind(
                "environment",
                format!("{prefix}{}", item.name),
                message,
            ));
        }
        if !secrets.is_empty() {
            item.spec.secrets = Some(crate::sample_values::SecretsSpec::Names(secrets));
        }
    }
}

/// A URL whose host is a command's output (`http://$(minikube ip):30080/`, `` https://`hostname
/// -f`/ ``), as tutorials write one: the host is `{{host}}`, for no text of the command would be
/// one. The substitutions so named, no longer kept as text where nothing else holds them.
fn with_hosts_named(command: &mut Command) -> Vec<String> {
    let mut named = Vec::new();
    for word in &mut command.words {
        let Some(start) = word.find("://").map(|at| at + 3) else {
            continue;
        };
        let Some(substitution) = command
            .substituted
            .iter()
            .find(|s| word[start..].starts_with(s.as_str()))
        else {
            continue;
        };
        let end = start + substitution.len();
        if word[end..].starts_with([':', '/', '?', '#']) || end == word.len() {
            word.replace_range(start..end, "{{host}}");
            named.push(substitution.clone());
        }
    }
    command.substituted.retain(|s| {
        !named.contains(s) || command.words.iter().any(|word| word.contains(s.as_str()))
    });
    named.dedup();
    named
}

/// Reads one curl command's words (after `curl`) into its requests.
/// The transfer so far, and a new one in its place that keeps the standard input not yet read.
fn next(transfer: &mut Transfer) -> Transfer {
    let stdin = transfer.stdin.take();
    let done = std::mem::take(transfer);
    transfer.stdin = stdin;
    transfer.curl_variables = done.curl_variables.clone();
    done
}

/// `words` with a `-K -` (`--config -`, `-K-`, `--config=-`) replaced by the options of the text
/// given on standard input, and how the option was written; else standard input as it was.
fn config_from_stdin(
    words: &[String],
    stdin: Option<Stdin>,
) -> Result<(Vec<String>, String), Option<Stdin>> {
    let Some(Stdin::Text(text)) = &stdin else {
        return Err(stdin);
    };
    let found = words.iter().enumerate().find_map(|(at, word)| {
        let next_is_dash = words.get(at + 1).is_some_and(|next| next == "-");
        match word.as_str() {
            "-K" | "--config" if next_is_dash => Some((at, 2, format!("{word} -"))),
            "-K-" | "--config=-" => Some((at, 1, word.clone())),
            _ => None,
        }
    });
    let Some((at, length, shown)) = found else {
        return Err(stdin);
    };
    let mut read = words[..at].to_vec();
    read.extend(config_words(text));
    read.extend_from_slice(&words[at + length..]);
    Ok((read, shown))
}

/// The command-line words of a curl config file (`-K`): one option per line, its name with or
/// without dashes (without, `=` or `:` may come between it and its value), the value in double
/// quotes (with `\\`, `\"`, `\t`, `\n`, `\r` and `\v`; a backslash before anything else is
/// dropped) or up to a blank; `#` starts a comment line.
fn config_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let dashed = line.starts_with('-');
        let end = line
            .find(|c: char| c.is_whitespace() || (!dashed && (c == '=' || c == ':')))
            .unwrap_or(line.len());
        let name = &line[..end];
        words.push(if dashed {
            name.to_string()
        } else {
            format!("--{name}")
        });
        let mut rest = line[end..].trim_start();
        if !dashed && let Some(after) = rest.strip_prefix(['=', ':']) {
            rest = after.trim_start();
        }
        if rest.is_empty() {
            continue;
        }
        let value = match rest.strip_prefix('"') {
            Some(quoted) => {
                let mut value = String::new();
                let mut chars = quoted.chars();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some('t') => value.push('\t'),
                            Some('n') => value.push('\n'),
                            Some('r') => value.push('\r'),
                            Some('v') => value.push('\u{b}'),
                            Some(other) => value.push(other),
                            None => {}
                        },
                        c => value.push(c),
                    }
                }
                value
            }
            None => rest
                .split(char::is_whitespace)
                .next()
                .unwrap_or_default()
                .to_string(),
        };
        words.push(value);
    }
    words
}

/// `numbers` gives each word's place after `curl` as written, when it is not its index + 1.
fn read_command(
    words: &[String],
    numbers: &[usize],
    prefix: &str,
    stdin: Option<Stdin>,
    import: &mut Import,
) -> Result<bool, String> {
    let mut transfer = Transfer {
        stdin,
        ..Transfer::default()
    };
    let mut index = 0;
    while index < words.len() {
        let mut word = &words[index];
        let at = format!(
            "{prefix}word {}",
            numbers.get(index).copied().unwrap_or(index + 1)
        );
        index += 1;
        // `\ -d`: a `\` that continued a line, before the lines were joined into one, makes
        // an option's word start with a blank; curl would take it for a URL
        let unescaped: String;
        if let Some(option) = word
            .strip_prefix([' ', '\t'])
            .filter(|rest| is_curl_option(rest))
        {
            unescaped = option.to_string();
            import.notes.push(Note::of_kind(
                "shell",
                at.clone(),
                format!(
                    "`\\ {option}`: the `\\` of a line continuation, left before a blank when the lines were joined, makes a word of the blank and `{option}` (curl would take it for a URL): read as the option `{option}`"
                ),
            ));
            word = &unescaped;
        }
        // the argument of an option: glued on, or the next word
        let mut argument = |inline: Option<String>, option: &str| -> Result<String, String> {
            match inline {
                Some(value) => Ok(value),
                None => {
                    let value = words
                        .get(index)
                        .cloned()
                        .ok_or_else(|| format!("`{option}` needs a value"))?;
                    index += 1;
                    Ok(value)
                }
            }
        };
        if let Some(name) = word.strip_prefix("--")
            && !name.is_empty()
        {
            let shown = word.as_str();
            if let Some((long, takes)) = long_option(name) {
                let value = if takes {
                    Some(argument(None, shown)?)
                } else {
                    None
                };
                if long == "next" {
                    finish(next(&mut transfer), &at, import);
                    continue;
                }
                let value = with_value_after_quote(long, value, words, &mut index, &at, import);
                apply(long, shown, value, &at, &mut transfer, import);
            } else if let Some((name, value)) = name.split_once('=')
                && let Some((long, true)) = long_option(name)
            {
                // `--header=…`: not curl's syntax, but what some tools write; read as meant
                import.notes.push(Note::of_kind(
                    "command",
                    at.clone(),
                    format!(
                        "`--{name}=…` is not curl's syntax (curl refuses it: \"option --{name}=…: is unknown\", and sends nothing): read as `--{name} …`, as its writer meant"
                    ),
                ));
                apply(
                    long,
                    &format!("--{name}"),
                    Some(value.to_string()),
                    &at,
                    &mut transfer,
                    import,
                );
            } else if let Some(rest) = name.strip_prefix("no-")
                && let Some((long, false)) = long_option(rest)
            {
                // `--no-X` turns a switch off
                match long {
                    "get" => transfer.get = false,
                    "head" => transfer.head = false,
                    "globoff" => transfer.globoff = false,
                    "path-as-is" => transfer.path_as_is = false,
                    _ => {}
                }
            } else if let Some(rest) = name.strip_prefix("expand-")
                && let Some((long, takes)) = long_option(rest)
            {
                let value = if takes {
                    Some(argument(None, shown)?)
                } else {
                    None
                };
                let value = value.map(|value| {
                    let (expanded, notes) = expanded(&value, &transfer.curl_variables);
                    for message in notes {
                        import.notes.push(Note::of_kind(
                            "environment",
                            at.clone(),
                            format!("`{shown}`: {message}"),
                        ));
                    }
                    expanded
                });
                apply(long, shown, value, &at, &mut transfer, import);
            } else {
                // an option no curl this importer knows: its argument, if it has one, cannot be
                // told from a URL, so the next word is taken as its argument only when it is
                // neither an option nor a URL (with a scheme, or a `{{variable}}`)
                let next = words.get(index);
                let taken = next.filter(|next| !next.starts_with('-') && !looks_like_url(next));
                let message = match taken {
                    Some(next) => format!(
                        "`{shown}` is not a curl option this importer knows; ignored, and `{next}` after it as its argument"
                    ),
                    None => format!("`{shown}` is not a curl option this importer knows; ignored"),
                };
                if taken.is_some() {
                    index += 1;
                }
                import
                    .notes
                    .push(Note::of_kind("unknown-option", at, message));
            }
        } else if word.len() > 1 && word.starts_with('-') {
            // short options, perhaps several in one word (`-sSL`); one that takes an argument takes
            // the rest of the word, or the next word
            let mut letters: Vec<char> = word[1..].chars().collect();
            // `-${SILENT}LR`: the options a variable holds are not known here, and the letters
            // of its name are none of them (the `I` of `SILENT` would be `-I`); after a letter
            // that takes an argument (`-u$KEY`, `-sd"$BODY"`), the variable is in that argument
            let in_an_argument = |variable_at: usize| {
                word[1..variable_at]
                    .chars()
                    .any(|letter| matches!(short_option(letter), Some((_, true))))
            };
            if let Some(variable_at) = word.find("{{")
                && !in_an_argument(variable_at)
            {
                let known = without_variables(&word[1..]);
                import.notes.push(Note::of_kind(
                    "unsupported-option",
                    at.clone(),
                    format!(
                        "`{word}`: the options its variable holds are not known here; read as `-{known}`"
                    ),
                ));
                letters = known.chars().collect();
            }
            for (i, letter) in letters.iter().enumerate() {
                let shown = format!("-{letter}");
                match short_option(*letter) {
                    None => import.notes.push(Note::of_kind(
                        "unknown-option",
                        at.clone(),
                        format!("`{shown}` is not a curl option this importer knows; ignored"),
                    )),
                    Some(("next", _)) => {
                        finish(next(&mut transfer), &at, import);
                    }
                    Some((long, true)) => {
                        let rest: String = letters[i + 1..].iter().collect();
                        let value = argument((!rest.is_empty()).then_some(rest), &shown)?;
                        let value = with_value_after_quote(
                            long,
                            Some(value),
                            words,
                            &mut index,
                            &at,
                            import,
                        );
                        apply(long, &shown, value, &at, &mut transfer, import);
                        break;
                    }
                    Some((long, false)) => apply(long, &shown, None, &at, &mut transfer, import),
                }
            }
        } else if word.starts_with("${")
            && word.ends_with('}')
            && word.contains([':', '#', '%', '/'])
        {
            // `${CA:+--cacert "$CA"}`: what bash puts in its place (options, or nothing) is not
            // known here, and it is no URL
            import.notes.push(Note::of_kind(
                "unsupported-option",
                at,
                format!("`{word}` is an expansion samplegen cannot evaluate (it may stand for options or nothing); ignored"),
            ));
        } else if let Some(target) = markdown_link_target(word) {
            import.notes.push(Note::of_kind(
                "url",
                at.clone(),
                format!(
                    "`{word}` is a Markdown link, as an editor writes a URL it links (curl would read a `[…]` glob and fail): its target `{target}` is the URL"
                ),
            ));
            transfer.urls.push((target.to_string(), at));
        } else {
            transfer.urls.push((word.clone(), at));
        }
    }
    let unread = transfer.stdin.is_some();
    finish(transfer, &format!("{prefix}command"), import);
    Ok(!unread)
}

/// `-H "X-Api-Key": <API Key>`: a header's value written after the quote that closes its name
/// leaves curl a header `X-Api-Key:`, which removes one, and a placeholder it would take for a
/// second URL. A placeholder right after such a header is its value, as its writer meant
/// (noted); the word after it is taken.
fn with_value_after_quote(
    long: &str,
    value: Option<String>,
    words: &[String],
    index: &mut usize,
    at: &str,
    import: &mut Import,
) -> Option<String> {
    let header = value?;
    let next = words.get(*index);
    let name = header
        .strip_suffix(':')
        .map(str::trim)
        .filter(|name| long == "header" && !name.is_empty() && !name.contains([' ', ':']));
    // `<URL>`, `<host>` and their kin are the URL they name
    let names_a_url = |next: &str| {
        let name = next.to_ascii_uppercase();
        ["URL", "URI", "ENDPOINT", "HOST", "SERVER"]
            .iter()
            .any(|part| name.contains(part))
    };
    let placeholder = next.filter(|next| {
        placeholders::angle_length(next) == Some(next.len()) && next.len() > 2 && !names_a_url(next)
    });
    match (name, placeholder) {
        (Some(name), Some(placeholder)) if set_by_clients_note(name).is_none() => {
            import.notes.push(Note::of_kind(
                "header",
                at,
                format!(
                    "`{header}` then `{placeholder}`: the header's value is written after the quote that closes its name (curl would send no `{name}` and take `{placeholder}` for a URL): read as `{name}: {placeholder}`, as its writer meant"
                ),
            ));
            *index += 1;
            Some(format!("{name}: {placeholder}"))
        }
        _ => Some(header),
    }
}

/// `-d @-` and its kin with the command's standard input given: a here-document's text (its
/// line breaks taken out for `-d`, as curl does, kept for `--data-binary`), or a file's body.
fn read_stdin(
    long: &str,
    shown: &str,
    transfer: &mut Transfer,
    note: &mut impl FnMut(&'static str, String),
) {
    match transfer.stdin.take() {
        Some(Stdin::Text(text)) if long == "data-binary" => transfer.data.push(Data::Raw(text)),
        Some(Stdin::Text(text)) => transfer
            .data
            .push(Data::Raw(text.replace(['\r', '\n'], ""))),
        Some(Stdin::File(path)) => {
            if long != "data-binary" {
                note(
                    "body",
                    format!(
                        "`{shown} @-` strips the line breaks of what it reads (curl sends it as one line); a spec cannot say that: every sample sends it as `--data-binary` would, line breaks and all"
                    ),
                );
            }
            transfer.data.push(Data::File(path));
        }
        None => {}
    }
}

/// The name a `-H 'Name:'` removes when it is one only an option makes curl send (`-A`, `-e`,
/// `-r`, `--json`'s `Accept`): the spec then simply leaves it out. (`Content-Type:` also
/// removes the type curl gives `-d` data, which a spec cannot say: that stays a note.)
fn removes_curl_header(argument: &str) -> Option<&str> {
    let (name, value) = argument.split_once(':')?;
    let name = name.trim();
    (value.trim().is_empty()
        && ["User-Agent", "Referer", "Range", "Accept"]
            .iter()
            .any(|known| known.eq_ignore_ascii_case(name)))
    .then_some(name)
}

/// `url` as curl uploads `-T name` to it: the file's name after a path that ends with `/`, or
/// as the path when there is none (`https://e.com` is `https://e.com/name`), before the query.
fn with_upload_name(url: &str, name: &str) -> String {
    let query = url.find('?').unwrap_or(url.len());
    let (before, after) = url.split_at(query);
    let host = before.find("://").map_or(0, |i| i + 3);
    if !before[host..].contains('/') {
        format!("{before}/{name}{after}")
    } else if before.ends_with('/') {
        format!("{before}{name}{after}")
    } else {
        url.to_string()
    }
}

/// Sets (or with `None` removes) a header curl makes itself for an option; the last option of a
/// kind wins, as in curl.
fn set_curl_header(transfer: &mut Transfer, name: &str, value: Option<String>) {
    transfer.curl_headers.retain(|(n, _)| n != name);
    if let Some(value) = value {
        transfer.curl_headers.push((name.to_string(), value));
    }
}

/// The name of the variable a value is, whole (`{{SESSION}}`).
fn lone_variable(value: &str) -> Option<&str> {
    let name = value.strip_prefix("{{")?.strip_suffix("}}")?;
    crate::sample_values::is_variable_name(name).then_some(name)
}

/// Whether a variable's name says it holds a file's name (`COOKIE_JAR`, `cookie_file`).
fn names_a_file(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["jar", "file", "path", "txt", "dir"]
        .iter()
        .any(|word| name.contains(word))
}

/// Reads one option (`long` as curl's table names it, `shown` as written) into the transfer.
fn apply(
    long: &str,
    shown: &str,
    value: Option<String>,
    at: &str,
    transfer: &mut Transfer,
    import: &mut Import,
) {
    let value = value.unwrap_or_default();
    let mut note = |kind: &'static str, message: String| {
        import.notes.push(Note::of_kind(kind, at, message));
    };
    match long {
        "variable" => {
            // `name=text`, `name@file`, `%NAME` (from the environment), `%NAME=default`
            let (name, given) = match value.strip_prefix('%') {
                Some(env) => (env.split(['=', '@']).next().unwrap_or(env), None),
                None => match value.find(['=', '@']) {
                    Some(at) if value[at..].starts_with('=') => {
                        (&value[..at], Some(value[at + 1..].to_string()))
                    }
                    Some(at) => {
                        note(
                            "environment",
                            format!(
                                "`{shown} {value}` reads the variable from a file, which samplegen does not read: where it is expanded, the spec writes `{{{{{}}}}}`",
                                &value[..at]
                            ),
                        );
                        (&value[..at], None)
                    }
                    None => (value.as_str(), None),
                },
            };
            transfer.curl_variables.retain(|(known, _)| known != name);
            transfer.curl_variables.push((name.to_string(), given));
        }
        "request" => transfer.method = Some(value),
        // `printf 'X-Key: %s' "$K" | curl -H @-`: the headers on standard input, read there
        "header" if value == "@-" && transfer.stdin.take().is_some() => note(
            "dropped-header",
            "`-H @-` reads headers from standard input, which a spec cannot say: not imported"
                .to_string(),
        ),
        "header" => match header(&value) {
            Ok(Some((name, value))) if value.contains(['\n', '\r']) => {
                let folded = value
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                note(
                    "header",
                    format!(
                        "the value of `{name}` spans lines, which a header cannot: read as one line, each line break and the blanks around it as one blank, as HTTP reads a header folded over lines"
                    ),
                );
                transfer.headers.push((name, folded));
            }
            Ok(Some(header)) => transfer.headers.push(header),
            Ok(None) => {}
            Err(_) if let Some(name) = removes_curl_header(&value) => {
                transfer.removed_headers.push(name.to_string());
                note(
                    "dropped-header",
                    format!(
                        "`{name}:` removes a header curl adds: the spec leaves it out, and a sample's client may still send its own"
                    ),
                );
            }
            Err((kind, message)) => note(kind, message),
        },
        "data" | "data-ascii" | "data-binary" => match value.strip_prefix('@') {
            // a file read on standard input is a file body, which joins no other data (one
            // after other data is refused with every file so mixed)
            Some("-") if transfer.stdin.is_some() => read_stdin(long, shown, transfer, &mut note),
            Some("-") => {
                transfer.data_left_out = true;
                note(
                    "body",
                    format!(
                        "`{shown} @-` reads the body from standard input, which a spec cannot say; the request has no body"
                    ),
                );
            }
            // `-d @<(cat <<EOF …)`: a file the shell fills with a command's output
            Some(path) if path.starts_with("<(") => match shell::process_output(path) {
                Some((output, _)) => {
                    let stdin = transfer.stdin.replace(output);
                    read_stdin(long, shown, transfer, &mut note);
                    transfer.stdin = stdin;
                }
                None => {
                    transfer.data_left_out = true;
                    note(
                        "body",
                        format!(
                            "`{shown} @<(…)` reads the body from what a command the shell runs writes, which a spec cannot say; the request has no body"
                        ),
                    );
                }
            },
            Some(path) => {
                if long != "data-binary" {
                    note(
                        "body",
                        format!(
                            "`{shown} @file` strips the file's line breaks (curl sends it as one line); a spec cannot say that: every sample sends the file as `--data-binary` would, line breaks and all"
                        ),
                    );
                }
                transfer.data.push(Data::File(path.to_string()));
            }
            None => transfer.data.push(Data::Raw(value)),
        },
        "data-raw" => transfer.data.push(Data::Raw(value)),
        "data-urlencode" => match urlencode_argument(&value) {
            UrlencodeArgument::Content { name, content } => {
                note_encoded_variables(content, shown, &mut |_, message| {
                    transfer.encoded_data_notes.push((at.to_string(), message))
                });
                transfer
                    .data
                    .push(Data::Encoded(name.to_string(), content.to_string()));
            }
            // `name@-` of a text the command gives on standard input: that text, line breaks
            // and all, is the value curl encodes
            UrlencodeArgument::File { name, path: "-" }
                if matches!(transfer.stdin, Some(Stdin::Text(_))) =>
            {
                if let Some(Stdin::Text(text)) = transfer.stdin.take() {
                    transfer.data.push(Data::Encoded(name.to_string(), text));
                }
            }
            UrlencodeArgument::File { .. } => {
                transfer.data_left_out = true;
                note(
                    "body",
                    format!(
                        "`{shown} {value}` encodes a file's contents, which a spec cannot say; ignored"
                    ),
                );
            }
        },
        "json" => {
            match value.strip_prefix('@') {
                Some("-") if transfer.stdin.is_some() => match transfer.stdin.take() {
                    Some(Stdin::Text(text)) => transfer.data.push(Data::Json(text)),
                    Some(Stdin::File(path)) => transfer.data.push(Data::File(path)),
                    None => {}
                },
                Some("-") => {
                    transfer.data_left_out = true;
                    note(
                        "body",
                        format!(
                            "`{shown} @-` reads the body from standard input, which a spec cannot say; the request has no body"
                        ),
                    );
                }
                Some(path) => transfer.data.push(Data::File(path.to_string())),
                None => transfer.data.push(Data::Json(value)),
            }
            for (name, media) in [
                ("Content-Type", "application/json"),
                ("Accept", "application/json"),
            ] {
                set_curl_header(transfer, name, Some(media.into()));
            }
        }
        "form" | "form-string" => match value.split_once('=') {
            Some((name, content)) if long == "form-string" => transfer
                .form
                .push((name.to_string(), PartSpec::Text(Some(content.to_string())))),
            // `name=<-` (and `name=<-;type=application/json`): standard input's text as the
            // part, when the command gives it
            Some((name, content))
                if transfer.stdin.is_some()
                    && content
                        .strip_prefix("<-")
                        .is_some_and(|params| params.is_empty() || params.starts_with(';')) =>
            {
                let params = &content["<-".len()..];
                let stdin = transfer.stdin.take().expect("the guard saw standard input");
                let (part, unsaid) = match stdin {
                    Stdin::Text(text) => {
                        let (part, unsaid) = form_part(params);
                        let part = match part {
                            PartSpec::Detailed(detail) => PartSpec::Detailed(PartDetailSpec {
                                value: Some(text),
                                ..detail
                            }),
                            _ => PartSpec::Text(Some(text)),
                        };
                        (part, unsaid)
                    }
                    Stdin::File(path) => {
                        note(
                            "body",
                            format!(
                                "`{shown} {name}=<-` sends the contents of `{path}` as a text part; a spec cannot say that: imported as a file part (which also sends the file's name)"
                            ),
                        );
                        form_part(&format!("@{path}{params}"))
                    }
                };
                if !unsaid.is_empty() {
                    note(
                        "body",
                        format!(
                            "`{shown} {value}`: a spec cannot say `{}` (a part is its text or its file, sent under the file's own name, and its content type); left out",
                            unsaid.join("")
                        ),
                    );
                }
                transfer.form.push((name.to_string(), part));
            }
            // `name=@<(echo hi)` (a file the shell fills, named by its descriptor, `63`) and
            // `name=<<(…)` (its text as the part)
            Some((name, content))
                if let Some(substitution) = content
                    .strip_prefix('@')
                    .or_else(|| content.strip_prefix('<'))
                    .filter(|rest| rest.starts_with("<(") && rest.ends_with(')')) =>
            {
                let as_file = content.starts_with('@');
                match shell::process_output(substitution) {
                    Some((Stdin::Text(text), _)) => {
                        if as_file {
                            note(
                                "body",
                                format!(
                                    "`{shown} {value}` uploads what the command writes as a file the shell names (`63`); a spec's file part sends a file from disk: imported as a text part with the same content (sent without a file name)"
                                ),
                            );
                        }
                        transfer
                            .form
                            .push((name.to_string(), PartSpec::Text(Some(text))));
                    }
                    Some((Stdin::File(path), _)) => transfer
                        .form
                        .push((name.to_string(), form_part(&format!("@{path}")).0)),
                    None => note(
                        "body",
                        format!(
                            "`{shown} {value}` sends what a command the shell runs writes, which a spec cannot say; the part is left out"
                        ),
                    ),
                }
            }
            // `name=@-`: standard input uploaded as a file named `-`
            Some((name, content))
                if content
                    .strip_prefix("@-")
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(';')) =>
            {
                let (part, _) = form_part(content);
                let content_type = match &part {
                    PartSpec::Detailed(detail) => detail.content_type.clone(),
                    _ => None,
                };
                let part = match transfer.stdin.take() {
                    Some(Stdin::Text(text)) => {
                        note(
                            "body",
                            format!(
                                "`{shown} {value}` uploads standard input as a file (named `-` unless `;filename=` names it); a spec's file part sends a file from disk: imported as a text part with the same content (sent without a file name)"
                            ),
                        );
                        PartSpec::Detailed(PartDetailSpec {
                            value: Some(text),
                            content_type,
                            ..PartDetailSpec::default()
                        })
                    }
                    Some(Stdin::File(path)) => {
                        note(
                            "body",
                            format!(
                                "`{shown} {value}` uploads `{path}` under the file name `-`; imported as that file's part, which sends its own name"
                            ),
                        );
                        PartSpec::Detailed(PartDetailSpec {
                            file: Some(path),
                            content_type,
                            ..PartDetailSpec::default()
                        })
                    }
                    None => {
                        note(
                            "body",
                            format!(
                                "`{shown} {value}` uploads standard input, which the command does not give: the spec uploads a file named `-`"
                            ),
                        );
                        part
                    }
                };
                transfer.form.push((name.to_string(), part));
            }
            // `-F model=<MODEL_UID>`: a placeholder, which curl would read as the file
            // `MODEL_UID>` and fail to open
            Some((name, content))
                if content
                    .strip_prefix('<')
                    .and_then(|rest| rest.strip_suffix('>'))
                    .is_some_and(|inner| {
                        !inner.trim().is_empty()
                            && inner
                                .chars()
                                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '))
                    }) =>
            {
                note(
                    "body",
                    format!(
                        "`{shown} {value}` would read the file `{}`, which curl fails to open: read as the placeholder its writer meant, a text part",
                        &content[1..]
                    ),
                );
                transfer
                    .form
                    .push((name.to_string(), PartSpec::Text(Some(content.to_string()))));
            }
            Some((name, content)) => {
                if let Some(path) = content.strip_prefix('<') {
                    note(
                        "body",
                        format!(
                            "`{shown} {name}=<{path}` sends the file's contents as a text part; a spec cannot say that: imported as a file part (which also sends the file's name)"
                        ),
                    );
                }
                // `data="{"a":1}"`: the value's own first quote ends the quoted value, and
                // curl drops the rest up to a `;` ("Trailing data after quoted form
                // parameter"), as the samples do: Postman's generator writes JSON so
                let after_quote = content
                    .trim_start_matches(['@', '<'])
                    .strip_prefix('"')
                    .map(quoted_value);
                if let Some((kept, rest)) = after_quote
                    && !rest.is_empty()
                    && !rest.starts_with(';')
                {
                    let dropped = rest.split(';').next().unwrap_or(rest);
                    note(
                        "body",
                        format!(
                            "`{shown} {value}`: the quoted value ends at its second `\"`, so the part is `{kept}`, and curl drops `{dropped}` after it (its warning: trailing data after quoted form parameter); to send the whole text, escape its quotes (`\\\"`) or leave the outer quotes off"
                        ),
                    );
                }
                let (part, unsaid) = match content.strip_prefix('<') {
                    Some(path) => form_part(&format!("@{path}")),
                    None => form_part(content),
                };
                if !unsaid.is_empty() {
                    note(
                        "body",
                        format!(
                            "`{shown} {value}`: a spec cannot say `{}` (a part is its text or its file, sent under the file's own name, and its content type); left out",
                            unsaid.join("")
                        ),
                    );
                }
                transfer.form.push((name.to_string(), part));
            }
            None => note("body", format!("`{value}` is not a form part")),
        },
        "user" => {
            let (username, password) = value.split_once(':').unwrap_or((&value, ""));
            let variable = value
                .strip_prefix("{{")
                .and_then(|v| v.strip_suffix("}}"))
                .filter(|name| !name.contains(['{', '}']));
            match variable {
                // what the variable holds decides: curl splits it where it finds a `:`
                Some(name) => note(
                    "auth",
                    format!(
                        "`{shown} {value}`: curl splits `{name}`'s value at its first `:` into the username and the password, and asks for a password when it has none; a spec holds the two apart, so `{name}` is imported as the username with an empty password: if it holds both (`user:password`), write `-u \"$USER:$PASSWORD\"`, which a spec can say"
                    ),
                ),
                None if !value.contains(':') => note(
                    "auth",
                    format!(
                        "`{shown} {value}` gives no password (curl asks for one); imported with an empty one"
                    ),
                ),
                None => {}
            }
            transfer.auth = Some(AuthSpec::Basic(BasicAuthSpec {
                username: username.to_string(),
                password: password.to_string(),
            }));
        }
        "digest" | "ntlm" | "ntlm-wb" | "negotiate" | "anyauth" | "aws-sigv4" | "krb"
        | "delegation" => transfer.other_auth = Some((shown.to_string(), at.to_string())),
        "oauth2-bearer" => transfer.auth = Some(AuthSpec::Bearer(value)),
        "cookie" => {
            // an item without `=` (`sid=1; HttpOnly`, a `Set-Cookie` pasted whole) makes curl
            // send the text as it is written, which is no list of pairs
            let items_without_value = value.contains('=')
                && value
                    .split(';')
                    .any(|item| !item.trim().is_empty() && !item.contains('='));
            if items_without_value {
                note(
                    "cookie",
                    format!(
                        "`{shown} '{value}'` holds an item without `=`, so curl sends it as the `Cookie` header as written: imported as that header"
                    ),
                );
                transfer.headers.push(("Cookie".to_string(), value));
            } else if value.contains('=') {
                for pair in value.split(';') {
                    if let Some((name, value)) = pair.trim().split_once('=') {
                        transfer.cookies.push((name.to_string(), value.to_string()));
                    }
                }
            } else if let Some(name) = lone_variable(&value)
                && !names_a_file(name)
            {
                // `-b "$SESSION"`: curl sends the value as cookies when it holds a `=`, and
                // reads a file of that name otherwise; a session's variable holds cookies
                note(
                    "cookie",
                    format!(
                        "`{shown} {value}` sends `{name}`'s value as the `Cookie` header when it holds a `=` (`sid=…`), and reads cookies from a file of that name otherwise: imported as the header"
                    ),
                );
                transfer.headers.push(("Cookie".to_string(), value));
            } else if !value.is_empty() {
                note(
                    "cookie",
                    format!("`{shown} {value}` reads cookies from a file; not imported"),
                );
            }
        }
        // `-A ""` sends no User-Agent at all, as `-H 'User-Agent:'` does
        "user-agent" => {
            if value.is_empty() {
                note(
                    "dropped-header",
                    format!(
                        "`{shown} \"\"` sends no `User-Agent`: the spec has none, and a sample's client may still send its own"
                    ),
                );
            }
            set_curl_header(
                transfer,
                "User-Agent",
                Some(value).filter(|v| !v.is_empty()),
            );
        }
        "referer" => {
            let referer = value.strip_suffix(";auto").unwrap_or(&value);
            let referer = Some(referer.to_string()).filter(|r| !r.is_empty());
            set_curl_header(transfer, "Referer", referer);
        }
        // a lone number is a start, which curl ends with `-` (`-r 600` asks for `bytes=600-`)
        "range" => {
            let range = if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
                format!("bytes={value}-")
            } else {
                format!("bytes={value}")
            };
            set_curl_header(transfer, "Range", Some(range))
        }
        // `-z DATE` asks for the document only if changed since (`-z -DATE`: not changed); a
        // date curl writes back as it is read, or a file whose time curl takes, which a spec
        // cannot say
        "time-cond" => {
            let (name, date) = match value.strip_prefix('-') {
                Some(date) => ("If-Unmodified-Since", date),
                None => ("If-Modified-Since", value.as_str()),
            };
            if is_http_date(date) {
                set_curl_header(transfer, name, Some(date.to_string()));
            } else {
                note(
                    "unsupported-option",
                    format!(
                        "`{shown} {value}`: curl sends `{name}` with the time of a file, or of a date it reads in another form, which is not imported (write it `Sun, 06 Nov 1994 08:49:37 GMT`); ignored"
                    ),
                );
            }
        }
        "url" => transfer.urls.push((value, at.to_string())),
        "globoff" => transfer.globoff = true,
        "url-query" => {
            // `+` first: sent as given; otherwise encoded as `--data-urlencode` encodes
            if let Some(raw) = value.strip_prefix('+') {
                transfer.query.push(raw.to_string());
            } else {
                match urlencode_argument(&value) {
                    UrlencodeArgument::File { .. } => note(
                        "unsupported-option",
                        format!("`{shown} {value}` reads a file, which a spec cannot say; ignored"),
                    ),
                    UrlencodeArgument::Content { name, content } => {
                        note_encoded_variables(content, shown, &mut note);
                        let encoded = encoded_keeping_variables(content);
                        // `=content` and `content`: the content alone, as `--data-urlencode`
                        // sends it
                        transfer.query.push(if name.is_empty() {
                            encoded
                        } else {
                            format!("{name}={encoded}")
                        });
                    }
                }
            }
        }
        "get" => transfer.get = true,
        "path-as-is" => transfer.path_as_is = true,
        // an origin-form target a URL can say: the URL's path and query (not `*`, an
        // absolute URL, or a target with a fragment or dot segments, which no client sends)
        "request-target"
            if value.starts_with('/')
                && !value.starts_with("//")
                && !value.contains(|c: char| c == '#' || c.is_whitespace())
                && !crate::url::has_dot_segments(&format!("http://h{value}")) =>
        {
            note(
                "url",
                format!(
                    "`{shown}` asks the URL's host for `{value}`: the spec's URL has that path and query"
                ),
            );
            transfer.request_target = Some(value);
        }
        "head" => transfer.head = true,
        "upload-file" => match value.as_str() {
            "-" | "." if transfer.stdin.is_some() => match transfer.stdin.take() {
                Some(Stdin::File(path)) => transfer.uploads.push(path),
                Some(Stdin::Text(text)) => transfer.uploaded_text = Some(text),
                None => {}
            },
            "-" | "." => {
                transfer.uploads_stdin = true;
                transfer.data_left_out = true;
                note(
                    "body",
                    format!(
                        "`{shown} {value}` uploads standard input, which a spec cannot say; the request has no body"
                    ),
                );
            }
            // `-T <(echo …)`: what the command writes, as from standard input
            substitution if substitution.starts_with("<(") => {
                match shell::process_output(substitution) {
                    Some((Stdin::Text(text), _)) => transfer.uploaded_text = Some(text),
                    Some((Stdin::File(path), _)) => transfer.uploads.push(path),
                    None => {
                        transfer.uploads_stdin = true;
                        transfer.data_left_out = true;
                        note(
                            "body",
                            format!(
                                "`{shown} {value}` uploads what a command the shell runs writes, which a spec cannot say; the request has no body"
                            ),
                        );
                    }
                }
            }
            _ => transfer.uploads.push(value),
        },
        "unix-socket" | "abstract-unix-socket" => note(
            "unsupported-option",
            format!(
                "`{shown}` connects through the socket `{value}`, which a spec cannot say; ignored"
            ),
        ),
        "config" => note(
            "unsupported-option",
            format!("`{shown} {value}` reads options from a file; not imported"),
        ),
        // the samples check the server's certificate, which `-k` has curl skip
        "insecure" => note(
            "ignored-option",
            format!(
                "`{shown}` skips checking the server's TLS certificate, which a spec cannot say: the samples check it, and fail against a server whose certificate is self-signed"
            ),
        ),
        _ if QUIET.contains(&long) => {}
        _ if long == "compressed" => note(
            "ignored-option",
            format!(
                "`{shown}` asks for a compressed response; the `Accept-Encoding` header is each client's business; ignored"
            ),
        ),
        _ if long == "http2" => note(
            "ignored-option",
            format!(
                "`{shown}` asks for HTTP/2, which changes nothing an `https` request sends; to an `http://` URL curl also sends `Connection: Upgrade, HTTP2-Settings`, `Upgrade: h2c` and `HTTP2-Settings`, which the samples leave out; ignored"
            ),
        ),
        // a client certificate is the credential the server checks, which no sample sends
        "cert" | "key" | "cert-type" | "key-type" | "pass" => note(
            "unsupported-option",
            format!(
                "`{shown}` is a client certificate's (TLS client authentication), which a spec cannot say: the samples send none, and a server that asks for one refuses them"
            ),
        ),
        _ if TRANSPORT.contains(&long) => note(
            "ignored-option",
            format!("`{shown}` does not change the request; ignored"),
        ),
        _ => note(
            "unsupported-option",
            format!("`{shown}` is not imported: a spec cannot say it; ignored"),
        ),
    }
}

/// `text` with curl 8.3's expansions (`{{name}}`, `{{name:trim:url}}`) of the command's
/// `--variable`s done, as an `--expand-…` option does them, with a note for each that cannot be:
/// a variable whose value is not given (`%NAME`, a file), which the spec writes `{{name}}`, its
/// functions noted when it has any. A name that is no variable of the command is blank, as curl
/// inserts it, noted; `\{{` is `{{` as written.
fn expanded(text: &str, variables: &[(String, Option<String>)]) -> (String, Vec<String>) {
    let mut notes = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        if rest[..start].ends_with('\\') {
            out.push_str(&rest[..start - 1]);
            out.push_str("{{");
            rest = &rest[start + 2..];
            continue;
        }
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return (out, notes);
        };
        let inner = &after[..end];
        let mut steps = inner.split(':');
        let name = steps.next().unwrap_or_default();
        let functions: Vec<&str> = steps.collect();
        match variables.iter().find(|(known, _)| known == name) {
            Some((_, Some(value))) => {
                let mut value = value.clone();
                for function in &functions {
                    value = match *function {
                        "trim" => value.trim().to_string(),
                        "json" => {
                            let quoted = serde_json::to_string(&value).expect("a string");
                            quoted[1..quoted.len() - 1].to_string()
                        }
                        "url" => crate::http::encoding::curl_escape(&value),
                        "b64" => crate::http::encoding::base64(&value),
                        other => {
                            notes.push(format!(
                                "`{{{{{inner}}}}}` applies `{other}`, which is no curl function (`trim`, `json`, `url`, `b64`): left out"
                            ));
                            value
                        }
                    };
                }
                out.push_str(&value);
            }
            Some((_, None)) => {
                if !functions.is_empty() {
                    notes.push(format!(
                        "`{{{{{inner}}}}}` applies `{}` to a value samplegen does not have: the spec writes `{{{{{name}}}}}`, whose value is to be given as curl would make it",
                        functions.join(":")
                    ));
                }
                out.push_str(&format!("{{{{{name}}}}}"));
            }
            None => notes.push(format!(
                "`{{{{{inner}}}}}` names no `--variable` of the command, so curl inserts nothing there"
            )),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    (out, notes)
}

/// A `-H` argument as a header to send: `Name: value`, `Name;` (empty); `Name:` removes one of
/// curl's own headers and `@file` reads headers from a file (both noted).
#[allow(clippy::type_complexity)]
fn header(argument: &str) -> Result<Option<(String, String)>, (&'static str, String)> {
    let dropped =
        |name: &str| set_by_clients_note(name.trim()).map(|note| ("dropped-header", note));
    if let Some(path) = argument.strip_prefix('@') {
        return Err((
            "dropped-header",
            format!("`-H @{path}` reads headers from a file; not imported"),
        ));
    }
    match argument.split_once(':') {
        // `-H 'Host:'`, `-H 'Content-Length:'`: curl leaves out a header it writes itself
        Some((name, value)) if value.trim().is_empty() && dropped(name).is_some() => Err((
            "dropped-header",
            format!(
                "`{}:` with no value makes curl leave out the `{}` header it writes itself, which a spec cannot say (each client writes its own): ignored",
                name.trim(),
                name.trim()
            ),
        )),
        Some((name, _)) if let Some(note) = dropped(name) => Err(note),
        // `-H 'Content-Type:'` (CloudFormation's upload to a presigned URL): no type with the
        // body, which a spec cannot say
        Some((name, value)) if value.trim().is_empty() && super::shared::is_content_type(name.trim()) => Err((
            "dropped-header",
            "`Content-Type:` with no value removes the `Content-Type` curl sends with a body (`-d`, `--json`, `-F`), which a spec cannot say: a spec's body needs one, so with a body the samples send the type curl would (`application/x-www-form-urlencoded`, `application/json`, `multipart/form-data`)".to_string(),
        )),
        Some((name, value)) if !value.trim().is_empty() => {
            Ok(Some((name.trim().to_string(), value.trim().to_string())))
        }
        // curl sends no header for `Name:` (it removes one of its own, if it adds that one)
        Some((name, _)) => Err((
            "dropped-header",
            format!(
                "`{name}:` with no value sends no `{name}` header (curl removes one of its own this way; `-H '{name};'` would send it empty): left out"
            ),
        )),
        None => match argument.strip_suffix(';') {
            Some(name) if let Some(note) = dropped(name) => Err(note),
            Some(name) => Ok(Some((name.trim().to_string(), String::new()))),
            None if argument.starts_with("{{") && argument.ends_with("}}") => Err((
                "dropped-header",
                format!(
                    "`{argument}` is a whole header read from the environment, which a spec cannot name by a variable: left out; write it as `-H 'Name: $VALUE'`"
                ),
            )),
            None => Err(("dropped-header", format!("`{argument}` is not a header"))),
        },
    }
}

/// Turns a transfer into one request per URL.
/// Placeholders (`<API_TOKEN>`) in the header and cookie values, the credentials, a form's
/// fields and a JSON body as `{{variables}}`. Another raw body is left as written: `<` there is
/// as likely XML.
fn replace_placeholders(request: &mut RequestSpec, found: &mut Vec<placeholders::Placeholder>) {
    // a header's or a credential's `{access_token}` too; a form field's braces may be its text
    let mut replace_in_value = |text: &mut String| {
        if text.contains(['<', '{']) {
            *text = placeholders::in_value(text, found);
        }
    };
    for pair in request.headers.iter_mut().chain(&mut request.cookies) {
        pair.values_mut().flatten().for_each(&mut replace_in_value);
    }
    match &mut request.auth {
        Some(AuthSpec::Basic(basic)) => {
            replace_in_value(&mut basic.username);
            replace_in_value(&mut basic.password);
        }
        Some(AuthSpec::Bearer(token)) => replace_in_value(token),
        Some(AuthSpec::Apikey(key)) => replace_in_value(&mut key.value),
        None => {}
    }
    // a JSON body's `<NAME>`s, and the `{NAME}`s taken above: XML would be no JSON
    if let Some(BodySpec::Raw(text)) = &mut request.body
        && text.contains(['<', '{'])
        && let Some(replaced) = placeholders::in_json_body(text, found)
    {
        *text = replaced;
    }
    // a form's text fields and parts
    let texts: Vec<&mut String> = match &mut request.body {
        Some(BodySpec::Urlencoded(fields)) => fields
            .iter_mut()
            .flat_map(|field| field.values_mut().flatten())
            .collect(),
        Some(BodySpec::Formdata(parts)) => parts
            .iter_mut()
            .flat_map(|part| part.values_mut())
            .filter_map(|part| match part {
                PartSpec::Text(Some(text)) => Some(text),
                PartSpec::Detailed(detail) => detail.value.as_mut(),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    // a field that is one `{name}` and nothing else (`token={token_to_inspect}`) is the
    // reader's value, as in a header; braces within a field's text may be its text
    let whole_braced = |text: &str| {
        text.strip_prefix('{')
            .and_then(|inner| inner.strip_suffix('}'))
            .is_some_and(|name| {
                name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
            })
    };
    for text in texts {
        if whole_braced(text) {
            *text = placeholders::in_value(text, found);
        } else if text.contains('<') {
            *text = placeholders::in_text(text, found);
        }
    }
}

fn finish(transfer: Transfer, at: &str, import: &mut Import) {
    if transfer.urls.is_empty() {
        import.notes.push(Note::of_kind(
            "command",
            at,
            "options without a URL (before or after `--next`) are ignored",
        ));
        return;
    }
    if let Some((option, at)) = &transfer.other_auth {
        import.notes.push(Note::of_kind(
            "auth",
            at.clone(),
            format!("`{option}` authentication cannot be said in a spec; the request has no auth"),
        ));
    }
    // (not the rest of a word a broken quote split, `application/json"`, which no one meant as
    // the URL: `-H \"Content-Type: application/json\"` in a YAML `run:` step)
    let broken_fragment = |url: &str| url.contains('"') && !url.contains("://");
    let beside_a_url = transfer
        .urls
        .iter()
        .any(|(url, _)| !bare_word(url) && !only_a_variable(url) && !broken_fragment(url));
    // `curl $DEBUG -s $URL`: among variables alone, one named for a URL is the URL
    let beside_a_url_variable = transfer.urls.iter().any(|(url, _)| url_variable(url));
    // curl pairs each `-T` file with a URL in turn: the URLs kept, not the words left out
    // (`curl $args -T f.yaml URL` uploads `f.yaml` to `URL`)
    let mut kept_urls = 0;
    for (written, url_at) in &transfer.urls {
        if expands_to_words(written) {
            import.notes.push(Note::of_kind(
                "ignored-option",
                url_at.clone(),
                format!(
                    "`{written}` is the words a script holds (options or URLs samplegen cannot see): ignored"
                ),
            ));
            continue;
        }
        if beside_a_url && bare_word(written) {
            import.notes.push(Note::of_kind(
                "left-out",
                url_at.clone(),
                format!(
                    "`{written}` is a bare word beside the command's URL, as a broken quote or an option without its dash leaves one (curl would look up a host `{written}`): left out"
                ),
            ));
            continue;
        }
        if (beside_a_url || beside_a_url_variable && !url_variable(written))
            && only_a_variable(written)
        {
            import.notes.push(Note::of_kind(
                "ignored-option",
                url_at.clone(),
                format!(
                    "`${}`, a variable alone beside the command's URL, holds words samplegen cannot see (options a script passes, such as `-u user:pass`, or nothing): ignored",
                    &written[2..written.len() - 2]
                ),
            ));
            continue;
        }
        let Some(urls) = globbed(written, transfer.globoff, url_at, import) else {
            continue;
        };
        // `-T "{a,b}"` uploads each file to the URL, named after it
        let index = kept_urls;
        kept_urls += 1;
        let files = match transfer.uploads.get(index) {
            Some(file) => uploaded_files(file, transfer.globoff, url_at, import)
                .into_iter()
                .map(Some)
                .collect(),
            None => vec![None],
        };
        // `by\{host\}`: braces escaped from curl's globbing are braces, no placeholder's
        let escaped_braces = !transfer.globoff && written.contains(r"\{");
        for url in urls {
            for file in &files {
                let braces = !escaped_braces;
                finish_url(&transfer, file.as_deref(), &url, url_at, braces, import);
            }
        }
    }
}

/// The files `-T file` uploads: each its `{}` sets and `[]` ranges make (noted), as curl
/// expands them unless `-g`; the name as written when it makes more than an import takes, or
/// is no glob curl reads (noted).
fn uploaded_files(file: &str, globoff: bool, at: &str, import: &mut Import) -> Vec<String> {
    if globoff {
        return vec![file.to_string()];
    }
    let message = match glob::expand(file, GLOB_LIMIT) {
        Ok(files) if files.len() == 1 => return files,
        Ok(files) => {
            import.notes.push(Note::of_kind(
                "url-glob",
                at,
                format!(
                    "curl uploads each of the {} files `{file}` names: a request each",
                    files.len()
                ),
            ));
            return files;
        }
        Err(glob::Refusal::TooMany(count)) => format!(
            "curl uploads each of the {count} files `{file}` names, more than the {GLOB_LIMIT} an import makes specs of: one spec uploads the name as written (write the files meant)"
        ),
        Err(glob::Refusal::Invalid { reason, column }) => format!(
            "curl reads `{{}}` and `[]` in `-T {file}` as sets and ranges, and refuses it ({reason}, column {column}) unless given `-g`: the name is uploaded as written"
        ),
    };
    import.notes.push(Note::of_kind("url-glob", at, message));
    vec![file.to_string()]
}

/// The most URLs one glob may make (`[1-100]`): each is a spec.
const GLOB_LIMIT: usize = 100;

/// The URLs curl requests for `url` as written: its glob expanded unless `-g`; as written, noted,
/// when curl would refuse it; none, noted, when there are too many.
fn globbed(url: &str, globoff: bool, at: &str, import: &mut Import) -> Option<Vec<String>> {
    if globoff {
        return Some(vec![url.to_string()]);
    }
    match glob::expand(url, GLOB_LIMIT) {
        Ok(urls) => {
            if urls.len() > 1 {
                import.notes.push(Note::of_kind(
                    "url-glob",
                    at,
                    format!(
                        "curl expands the `{{}}` sets and `[]` ranges of `{url}` into {} URLs, each a request: imported as {} specs",
                        urls.len(),
                        urls.len()
                    ),
                ));
            }
            Some(urls)
        }
        // `https://[region].example.com`: a placeholder, which the placeholder reading notes
        Err(glob::Refusal::Invalid { .. })
            if glob::expand(&placeholders::in_url(url, &mut Vec::new()), 1).is_ok() =>
        {
            Some(vec![url.to_string()])
        }
        Err(glob::Refusal::Invalid { reason, column }) => {
            import.notes.push(Note::of_kind(
                "url-glob",
                at,
                format!(
                    "curl reads `{{}}` and `[]` in a URL as sets and ranges, and refuses `{url}` ({reason}, column {column}) unless given `-g`: imported as written, as `-g` sends it"
                ),
            ));
            Some(vec![url.to_string()])
        }
        Err(glob::Refusal::TooMany(count)) => {
            import.notes.push(Note::of_kind(
                "left-out",
                at,
                format!(
                    "curl expands the sets and ranges of `{url}` into {count} URLs, more than the {GLOB_LIMIT} an import makes specs of; not imported (write the URLs meant, or add `-g` to keep the brackets)"
                ),
            ));
            None
        }
    }
}

/// A URL with one or three slashes after its scheme (`http:/v1.24/info`, as Docker's docs write
/// a request through `--unix-socket`) as curl reads it, with two: the host is what follows
/// them (`v1.24`).
fn with_two_slashes(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once(':')?;
    let after = rest.trim_start_matches('/');
    let slashes = rest.len() - after.len();
    (crate::url::is_scheme(scheme) && matches!(slashes, 1 | 3) && !after.is_empty())
        .then(|| format!("{scheme}://{after}"))
}

/// `url` with its host as `{{host}}`, and the host, when the host is a name curl sends to but
/// other clients refuse: Docker's API version through `--unix-socket` (`http://v1.40/info`,
/// `http:/v1.24/info`), whose last label, a number, makes a URL parser read an IPv4 address.
/// Through the socket the host is only the `Host` header.
fn host_as_variable(url: &str) -> Option<(String, String)> {
    crate::model::url_unparsable(url)?;
    let host = crate::url::Url::parse(url).host;
    let name_like = host
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.'));
    let last_label_numeric = host
        .rsplit('.')
        .next()
        .is_some_and(|label| !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit()));
    let ipv4_like = host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    (name_like && last_label_numeric && !ipv4_like && host.contains('.'))
        .then(|| (url.replacen(&host, "{{host}}", 1), host))
}

/// What makes curl refuse a URL's host name: one of the characters its URL parser allows in
/// no host (`'`, `"`, `{`, `(`, `;`, `,`…: a quote that a broken command left in its URL).
/// `{{variables}}` (a placeholder or `$HOST` as read) and a bracketed IPv6 address pass.
fn bad_host(url: &str) -> Option<String> {
    const NOT_IN_A_HOST: &str = " \t\r\n/:#?!@{}[]\\$'\"^`*<>=;,+&()%";
    let host = crate::url::Url::parse(url).host;
    if host.starts_with('[') {
        return None;
    }
    without_variables(&host)
        .chars()
        .find(|c| NOT_IN_A_HOST.contains(*c))
        .map(|c| format!("a host name cannot hold `{c}`"))
}

/// What `-T` uploads goes without a `Content-Type`, which a spec's body needs: unless the
/// command sets one, `application/octet-stream`, noted (`sent` says what is uploaded).
fn typed_as_bytes(headers: &mut Vec<NameValueSpec>, sent: &str, at: &str, import: &mut Import) {
    if !has_content_type(headers) {
        import.notes.push(Note::of_kind(
            "body",
            at,
            format!(
                "{sent} without a `Content-Type`; a spec needs one: `application/octet-stream` added"
            ),
        ));
        headers.push(name_value("Content-Type", "application/octet-stream"));
    }
}

/// `text` with its `{{variables}}` taken out (and what follows a `{{` never closed): the text
/// written around the values the command reads.
fn without_variables(text: &str) -> String {
    let mut plain = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        plain.push_str(&rest[..start]);
        rest = rest[start..]
            .split_once("}}")
            .map_or("", |(_, after)| after);
    }
    plain.push_str(rest);
    plain
}

/// Whether a date is written as HTTP writes one, `Sun, 06 Nov 1994 08:49:37 GMT`, its weekday
/// the date's: what curl sends for it is then the same text.
fn is_http_date(date: &str) -> bool {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = date.split(' ').collect();
    let [weekday, day, month, year, time, "GMT"] = parts.as_slice() else {
        return false;
    };
    let number = |text: &str, digits: usize| {
        (text.len() == digits && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse::<u32>().ok())
            .flatten()
    };
    let (Some(weekday), Some(day), Some(month), Some(year)) = (
        weekday
            .strip_suffix(',')
            .and_then(|w| DAYS.iter().position(|d| *d == w)),
        number(day, 2),
        MONTHS.iter().position(|m| m == month),
        number(year, 4),
    ) else {
        return false;
    };
    let clock: Vec<Option<u32>> = time.split(':').map(|t| number(t, 2)).collect();
    let [Some(hours), Some(minutes), Some(seconds)] = clock.as_slice() else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=days_in_month[month]).contains(&day) || *hours > 23 || *minutes > 59 || *seconds > 60 {
        return false;
    }
    // Sakamoto's method: the weekday of the date, 0 for Sunday
    const OFFSETS: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 2 { year - 1 } else { year };
    let computed = (y + y / 4 - y / 100 + y / 400 + OFFSETS[month] + day) % 7;
    computed as usize == weekday
}

/// Whether a word is one of curl's options: `--name` (or `--name=value`), or `-x` and short
/// options after it.
fn is_curl_option(word: &str) -> bool {
    match word.strip_prefix("--") {
        Some(name) => long_option(name.split_once('=').map_or(name, |(name, _)| name)).is_some(),
        None => word
            .strip_prefix('-')
            .and_then(|letters| letters.chars().next())
            .is_some_and(|letter| short_option(letter).is_some()),
    }
}

/// Whether a word is a shell expansion into any number of words: a script's arguments (`$@`,
/// `$*`) or an array's items (`${ARGS[@]}`, `${ARGS[*]}`), as scripts pass options on to curl.
fn expands_to_words(word: &str) -> bool {
    matches!(word, "$@" | "$*")
        || word
            .strip_prefix("${")
            .and_then(|rest| {
                rest.strip_suffix("[@]}")
                    .or_else(|| rest.strip_suffix("[*]}"))
            })
            .is_some_and(crate::sample_values::is_env_name)
}

/// Whether a URL word is one bare word (`X`, `GET`, `bearer`): no scheme, dot, port, path or
/// variable, and not `localhost`. Beside a real URL in one command it is what a broken quote
/// or a missing option dash left (`-H " -H "authorization: bearer x""`, `X 'GET'`), which curl
/// would look up as a host.
fn bare_word(url: &str) -> bool {
    !url.contains(['.', ':', '/', '$', '{', '<', '['])
        && !url.eq_ignore_ascii_case("localhost")
        && !url.trim().is_empty()
}

/// Whether a URL word is one variable and nothing else (`$OPTS`, read as `{{OPTS}}`).
fn only_a_variable(url: &str) -> bool {
    url.strip_prefix("{{")
        .and_then(|rest| rest.strip_suffix("}}"))
        .is_some_and(crate::sample_values::is_env_name)
}

/// Whether a URL word is one variable named for a URL (`{{URL}}`, `{{API_URL}}`, `{{BASE_URI}}`,
/// `{{ENDPOINT}}`), which a script passes curl as its URL.
fn url_variable(url: &str) -> bool {
    only_a_variable(url) && {
        let name = url[2..url.len() - 2].to_ascii_uppercase();
        ["URL", "URI", "ENDPOINT"]
            .iter()
            .any(|part| name.contains(part))
    }
}

/// One URL's request, as a spec; a `{NAME}` in the URL is a placeholder when `braces`.
fn finish_url(
    transfer: &Transfer,
    upload: Option<&str>,
    url: &str,
    url_at: &str,
    braces: bool,
    import: &mut Import,
) {
    if url.trim().is_empty() {
        // `\ ` before a line's end (a blank after the backslash) makes a word of the blank,
        // which curl takes for a URL and fails on; the other URLs are still sent
        import.notes.push(Note::of_kind(
            "left-out",
            url_at,
            format!("`{url}` is no URL (curl fails on it): left out"),
        ));
        return;
    }
    let mut placeholders = Vec::new();
    let url = placeholders::in_url_with_braces(url, &mut placeholders, braces);
    // a request a spec cannot say is left out, not the whole input with it
    let mut request = match request(transfer, upload, &url, url_at, import) {
        Ok(request) => request,
        Err(why) => {
            import.notes.push(Note::of_kind("left-out", url_at, why));
            return;
        }
    };
    replace_placeholders(&mut request, &mut placeholders);
    if !placeholders.is_empty() {
        let written: Vec<String> = placeholders
            .iter()
            .map(|p| format!("`{}`", p.written))
            .collect();
        let named: Vec<String> = placeholders
            .iter()
            .map(|p| format!("`{{{{{}}}}}`", p.name))
            .collect();
        import.notes.push(Note::of_kind(
                "placeholder",
                url_at,
                if placeholders.len() == 1 {
                    format!(
                        "{} stands for a value the reader gives: the spec names it {}, a variable to set in `samplegen.yaml`'s `variables:`",
                        written[0], named[0]
                    )
                } else {
                    format!(
                        "{} stand for values the reader gives: the spec names them {}, variables to set in `samplegen.yaml`'s `variables:`",
                        written.join(", "),
                        named.join(", ")
                    )
                },
            ));
    }
    let path = crate::url::Url::parse(&request.url).path;
    let name = format!(
        "{} {}",
        request.method,
        if path.is_empty() { "/" } else { &path }
    );
    import.items.push(Imported {
        dirs: Vec::new(),
        name: name.clone(),
        spec: Spec {
            title: name,
            request,
            ..Spec::default()
        },
        origin: url_at.to_string(),
    });
}

/// What goes between `url` and a query item `-G` or `--url-query` adds to it, as libcurl appends
/// a query: `?` when it has none, nothing when its query is empty or ends in `&` (`…/?`,
/// `…?a=1&`), else `&`.
fn query_separator(url: &str) -> &'static str {
    match url.split_once('?') {
        None => "?",
        Some((_, query)) if query.is_empty() || query.ends_with('&') => "",
        Some(_) => "&",
    }
}

fn request(
    transfer: &Transfer,
    upload: Option<&str>,
    url: &str,
    url_at: &str,
    import: &mut Import,
) -> Result<RequestSpec, String> {
    let written = url;
    // curl never sends a fragment: what `-G`, `--url-query` and `-T` add goes before it
    let mut url = url.split('#').next().unwrap_or_default().to_string();
    if let Some(slashed) = with_two_slashes(&url) {
        let named = host_as_variable(&slashed);
        import.notes.push(Note::of_kind(
            "url",
            url_at,
            match &named {
                Some((_, host)) => format!(
                    "curl reads `{url}` as `{slashed}` (it takes one to three slashes after the scheme), whose host `{host}` other clients refuse: the spec names it `{{{{host}}}}`, a variable to set in `samplegen.yaml`'s `variables:`"
                ),
                None => format!(
                    "curl reads `{url}` as `{slashed}` (it takes one to three slashes after the scheme): the host is what follows them"
                ),
            },
        ));
        url = named.map_or(slashed, |(read, _)| read);
    } else if let Some((read, host)) = host_as_variable(&url) {
        import.notes.push(Note::of_kind(
            "url",
            url_at,
            format!(
                "the host `{host}` of `{url}` is no name other clients send to (its last label is a number, so they read it as an IPv4 address and refuse it): the spec names it `{{{{host}}}}`, a variable to set in `samplegen.yaml`'s `variables:`"
            ),
        ));
        url = read;
    }
    if url.starts_with('/') && !url.starts_with("//") {
        // a path alone (`--url /oauth/token`, as a docs site writes its API's paths), which curl
        // refuses: the path on the API's base URL, for the writer to set
        import.notes.push(Note::of_kind(
            "url",
            url_at,
            format!(
                "`{url}` is a path without a host, which curl refuses: the spec's URL is `{{{{baseUrl}}}}{url}`, `baseUrl` a variable to set in `samplegen.yaml`'s `variables:` to the API's base URL"
            ),
        ));
        url = format!("{{{{baseUrl}}}}{url}");
    } else if lacks_scheme(&url) {
        url = format!("http://{url}"); // as curl assumes
    }
    if let Some(target) = &transfer.request_target {
        url = crate::url::with_request_target(&url, target);
    }
    // a word curl cannot parse as a URL (`Content-Type: application/json` after a `-H` that took
    // the next option as its header) sends nothing, and the command's other URLs still go
    if let Some(why) = crate::model::url_unparsable(&url).or_else(|| bad_host(&url)) {
        return Err(format!(
            "`{written}` is no URL curl can send ({why}): left out"
        ));
    }
    // (a blank in a substitution kept as written is the command's, noted as such)
    if url.contains([' ', '\t']) && !url.contains(['$', '`']) {
        let option_inside = url
            .split([' ', '\t'])
            .skip(1)
            .any(|word| word.starts_with('-'));
        import.notes.push(Note::of_kind(
            "url",
            url_at,
            format!(
                "`{written}` holds a blank, which curl refuses in a URL (it sends nothing): read with each blank sent as `%20`, as its writer meant{}",
                if option_inside {
                    "; an option inside the quotes is part of the URL so read: move it out of them"
                } else {
                    ""
                }
            ),
        ));
    }
    // curl resolves them before sending (not `%2e`, which it sends as written); with
    // --path-as-is the spec keeps them, and is then refused as a request no other client can send
    if !transfer.path_as_is && !url.to_ascii_lowercase().contains("%2e") {
        url = crate::url::remove_dot_segments(&url);
    }
    let mut request = RequestSpec::default();
    let mut auth = if transfer.other_auth.is_some() {
        None
    } else {
        transfer.auth.clone()
    };
    let given = |name: &str| {
        transfer
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
            || transfer
                .removed_headers
                .iter()
                .any(|n| n.eq_ignore_ascii_case(name))
    };
    let curl_headers = transfer
        .curl_headers
        .iter()
        .filter(|(name, _)| !given(name));
    for (name, value) in curl_headers.chain(&transfer.headers) {
        if name.eq_ignore_ascii_case("authorization") {
            if let Some(found) = auth_from_header(value) {
                auth = Some(found);
                continue;
            }
            // a scheme of its own (`Token …`): curl sends the header given, not the one `-u`
            // or `--oauth2-bearer` would make
            if auth.take().is_some() {
                import.notes.push(Note::of_kind(
                    "auth",
                    url_at,
                    "an `Authorization` header is given: curl sends it instead of the one `-u` (or `--oauth2-bearer`) makes, which is left out",
                ));
            }
        }
        request.headers.push(name_value(name, value));
    }
    request.auth = auth;
    // a `-H 'Cookie: …'` replaces the cookies `-b` gives, as curl sends only the user's header
    if !given("Cookie") {
        match super::shared::unfit_cookie(&transfer.cookies) {
            None => {
                request.cookies = transfer
                    .cookies
                    .iter()
                    .map(|(n, v)| name_value(n, v))
                    .collect();
            }
            // a name that is a variable (`-b "$LABEL=$ID"`) or a value with a blank: curl sends
            // the text as the `Cookie` header, which a spec can hold as it is
            Some(why) => {
                import.notes.push(Note::of_kind(
                    "cookie",
                    url_at,
                    format!(
                        "{why}: the cookies are sent as the `Cookie` header, as curl sends them"
                    ),
                ));
                request.headers.push(name_value(
                    "Cookie",
                    super::shared::cookie_header(&transfer.cookies),
                ));
            }
        }
    } else if !transfer.cookies.is_empty() {
        import.notes.push(Note::of_kind(
            "cookie",
            url_at,
            "a `Cookie` header is given: curl sends it instead of the cookies of `-b`, which are left out",
        ));
    }
    for item in &transfer.query {
        url.push_str(query_separator(&url));
        url.push_str(item);
    }

    let data = &transfer.data;
    let encode = encoded_keeping_variables;
    let joined = || -> Option<String> {
        let mut body = String::new();
        for (index, item) in data.iter().enumerate() {
            let part = match item {
                Data::Raw(text) => text.clone(),
                Data::Encoded(name, content) if name.is_empty() => encode(content),
                Data::Encoded(name, content) => format!("{name}={}", encode(content)),
                Data::Json(text) => {
                    body.push_str(text);
                    continue;
                }
                Data::File(_) => return None,
            };
            if index > 0 {
                body.push('&');
            }
            body.push_str(&part);
        }
        Some(body)
    };
    let has_data = !data.is_empty() || transfer.data_left_out;
    let method = match &transfer.method {
        Some(method) => {
            let upper = method.to_ascii_uppercase();
            if *method != upper {
                import.notes.push(Note::of_kind(
                    "method",
                    url_at,
                    format!("the method `{method}` is kept as written, but samplegen sends methods upper-cased (`{upper}`)"),
                ));
            }
            method.clone()
        }
        None if transfer.head => "HEAD".into(),
        None if upload.is_some() || transfer.uploads_stdin || transfer.uploaded_text.is_some() => {
            "PUT".into()
        }
        None if transfer.get || (!has_data && transfer.form.is_empty()) => "GET".into(),
        None => "POST".into(),
    };
    let uploads = upload.is_some() || transfer.uploaded_text.is_some();
    if uploads && ((has_data && !transfer.get) || !transfer.form.is_empty()) {
        // curl refuses the command too ("You can only select one HTTP request method!")
        import.notes.push(Note::of_kind(
            "body",
            url_at,
            "`-T` with `-d`, `--json` or `-F`, which curl refuses to send: the upload is the body, the data is left out",
        ));
    }
    if let Some(file) = upload {
        let whole_variable =
            url.starts_with("{{") && url.find("}}").is_some_and(|end| end + 2 == url.len());
        if whole_variable {
            // `-T file '<PRESIGNED_URL>'`: whether curl adds the file's name depends on the
            // value, and a URL given whole (a presigned one) is the one to send to
            import.notes.push(Note::of_kind(
                "body",
                url_at,
                format!(
                    "`-T` uploads to `{url}` as given: curl adds the file's name when the URL's path ends with `/` or is empty, which a value standing for a whole URL seldom does"
                ),
            ));
        } else {
            // curl names the uploaded file in a URL whose path ends with `/` or is empty
            url = with_upload_name(&url, file.rsplit('/').next().unwrap_or(file));
        }
        typed_as_bytes(&mut request.headers, "`-T` sends the file", url_at, import);
        request.body = Some(BodySpec::File(FileSpec::Path(file.to_string())));
    } else if let Some(text) = &transfer.uploaded_text {
        typed_as_bytes(
            &mut request.headers,
            "`-T` sends the text it uploads",
            url_at,
            import,
        );
        request.body = Some(BodySpec::Raw(text.clone()));
    } else if transfer.get {
        // -G: the data goes into the query
        encoded_data_noted(transfer, import);
        match joined() {
            Some(query) if !query.is_empty() => {
                url.push_str(query_separator(&url));
                url.push_str(&query);
            }
            Some(_) => {}
            None => import.notes.push(Note::of_kind(
                "body",
                url_at,
                "`-G` puts a file's contents into the query, which a spec cannot say; ignored",
            )),
        }
    } else if !transfer.form.is_empty() {
        if has_data {
            // curl refuses the command ("You can only select one HTTP request method!")
            import.notes.push(Note::of_kind(
                "body",
                url_at,
                "`-F` and `-d` together, which curl refuses to send: the form is the body, the `-d` data is left out (write it as a `-F` part to send it)",
            ));
        }
        let other_type = content_type(&request.headers)
            .filter(|v| crate::http::media_type(v) != "multipart/form-data")
            .map(str::to_string);
        if let Some(other_type) = other_type {
            // curl sends the parts under the type given (`multipart/related`, `multipart/mixed`)
            import.notes.push(Note::of_kind(
                "body",
                url_at,
                format!(
                    "`-F` with `Content-Type: {other_type}`: a spec's parts are sent as `multipart/form-data`"
                ),
            ));
        } else if let Some(given) = content_type(&request.headers)
            .filter(|value| value.to_ascii_lowercase().contains("boundary="))
        {
            // a boundary copied from a browser or Postman: curl adds its own after it, and a
            // server reading the first finds no part
            import.notes.push(Note::of_kind(
                "body",
                url_at,
                format!(
                    "`-F` with `Content-Type: {given}`: curl adds its own `boundary=` after the one given, which no part uses (a server reading the first finds none); the samples send the form with the boundary their client makes"
                ),
            ));
        }
        drop_content_type(&mut request.headers);
        let parts = transfer
            .form
            .iter()
            .map(|(name, part)| IndexMap::from([(name.clone(), part.clone())]))
            .collect();
        request.body = Some(BodySpec::Formdata(parts));
    } else if let [Data::File(path)] = data.as_slice() {
        if !has_content_type(&request.headers) {
            // what curl sends for `--data-binary @file` without a Content-Type header
            request
                .headers
                .push(name_value("Content-Type", crate::model::FORM_URLENCODED));
        }
        request.body = Some(BodySpec::File(FileSpec::Path(path.clone())));
    } else if !data.is_empty() {
        let Some(body) = joined() else {
            return Err("data from a file mixed with other data cannot be imported".into());
        };
        let given_type = content_type(&request.headers).map(str::to_string);
        let form_encoded = given_type
            .as_deref()
            .is_none_or(|ct| crate::http::media_type(ct) == crate::model::FORM_URLENCODED);
        // placeholders as the variables a form's fields would have (see `replace_placeholders`)
        if form_encoded && reads_as_form(&placeholders::in_text(&body, &mut Vec::new())) {
            let fields = body
                .split('&')
                .map(|pair| {
                    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                    name_value(form_decode(name), form_decode(value))
                })
                .collect();
            request.body = Some(BodySpec::Urlencoded(fields));
        } else {
            encoded_data_noted(transfer, import);
            if given_type.is_none() {
                // curl sends `-d` data as a form unless told otherwise
                request
                    .headers
                    .push(name_value("Content-Type", crate::model::FORM_URLENCODED));
            }
            request.body = Some(BodySpec::Raw(body));
        }
    }
    if let Some(why) = request
        .body
        .as_ref()
        .and_then(|body| crate::model::body_problem(&method.to_ascii_uppercase(), body))
    {
        import.notes.push(Note::of_kind(
            "body",
            url_at,
            format!("the body of this {method} request is dropped: {why}"),
        ));
        request.body = None;
    }
    request.method = method;
    request.url = url;
    Ok(request)
}

/// The notes on variables in what `--data-urlencode` encodes, for data the samples send as it
/// is (a query, a body that is no form).
fn encoded_data_noted(transfer: &Transfer, import: &mut Import) {
    for (at, message) in &transfer.encoded_data_notes {
        import
            .notes
            .push(Note::of_kind("encoding", at.clone(), message.clone()));
    }
}

/// A `-F` part: `"text"`, `text`, `@path` or `@"path"`, with `;type=`; and what of it a spec
/// cannot say (a `;filename=` other than the file's own name, `;headers=`, `;encoder=`).
fn form_part(content: &str) -> (PartSpec, Vec<String>) {
    let (file, rest) = match content.strip_prefix('@') {
        Some(rest) => (true, rest),
        None => (false, content),
    };
    let (value, params) = if let Some(quoted) = rest.strip_prefix('"') {
        quoted_value(quoted)
    } else {
        match rest.find(';') {
            Some(i) => (rest[..i].to_string(), &rest[i..]),
            None => (rest.to_string(), ""),
        }
    };
    // `type=` takes the rest of the argument, its parameters included (`; charset=utf-8`), up to
    // another of curl's (`;filename=`, `;headers=`, `;encoder=`); curl reads their names in any
    // case, and skips blanks after the `;`
    let lower = params.to_ascii_lowercase();
    let content_type = form_params(&lower, "type=").next().map(|(_, tail)| {
        let end = ["filename=", "headers=", "encoder="]
            .iter()
            .filter_map(|next| {
                form_params(&lower, next)
                    .map(|(at, _)| at)
                    .find(|at| *at > tail)
            })
            .min()
            .unwrap_or(params.len());
        params[tail..end].trim().to_string()
    });
    let own_name = file.then(|| value.rsplit(['/', '\\']).next().unwrap_or(&value));
    let unsaid = outside_quotes(params, ';')
        .into_iter()
        .filter(|param| {
            let param = param.trim_start();
            let lower = param.to_ascii_lowercase();
            if lower.starts_with("filename=") {
                Some(unquoted(&param["filename=".len()..]).as_str()) != own_name
            } else {
                lower.starts_with("headers=") || lower.starts_with("encoder=")
            }
        })
        .map(|param| format!(";{}", param.trim_start()))
        .collect();
    let part = if file {
        PartSpec::Detailed(PartDetailSpec {
            file: Some(value),
            content_type,
            ..PartDetailSpec::default()
        })
    } else if content_type.is_some() {
        PartSpec::Detailed(PartDetailSpec {
            value: Some(value),
            content_type,
            ..PartDetailSpec::default()
        })
    } else {
        PartSpec::Text(Some(value))
    };
    (part, unsaid)
}

/// Each `;name=` of a `-F` argument's parameters (`params`, in lower case): where its `;` is, and
/// where its value starts. curl skips white space (line breaks too) between the `;` and the name.
fn form_params<'a>(params: &'a str, name: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    params.match_indices(';').filter_map(move |(at, _)| {
        let after = params[at + 1..].trim_start();
        after
            .starts_with(name)
            .then(|| (at, params.len() - after.len() + name.len()))
    })
}

/// A `-F` parameter's value as curl reads it: inside double quotes, `\"` and `\\` escape.
fn unquoted(value: &str) -> String {
    match value.strip_prefix('"') {
        Some(inner) => quoted_value(inner).0,
        None => value.to_string(),
    }
}

/// The text after a `-F` value's opening `"` read up to its closing one, as curl reads it (a
/// `\` takes the next character as it is), and what follows the closing quote.
fn quoted_value(inner: &str) -> (String, &str) {
    let mut value = String::new();
    let mut chars = inner.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => value.extend(chars.next().map(|(_, next)| next)),
            '"' => return (value, &inner[i + 1..]),
            c => value.push(c),
        }
    }
    (value, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    // scripts keep the response, loops and containers run it: the curl command is what the
    // shell runs
    #[test]
    fn a_curl_command_a_line_runs_is_that_request() {
        for text in [
            "R=$(curl -s https://e.com/a)\necho \"$R\"",
            "export R=`curl -s https://e.com/a`",
            "local R=\"$(curl -s \\\n  https://e.com/a)\"",
            "TOKEN=$(\\\ncurl -s \\\n  https://e.com/a | jq -r .token \\\n)",
            "echo $(curl -s 'https://e.com/a' | jq -r '.downloadUrl')",
            "docker login -p \"`curl -s https://e.com/a`\" registry",
            // a loop, a wrapper or a container running curl
            "while true; do curl -s https://e.com/a; done",
            "sudo curl -s https://e.com/a",
            "docker exec -it web curl -s https://e.com/a",
            "kubectl exec pod -- curl -s https://e.com/a",
            "HEALTHCHECK --interval=30s --timeout=3s CMD curl -s https://e.com/a || exit 1",
            "proxychains4 -q curl -s https://e.com/a",
            // a Jupyter notebook's shell escape
            "!curl -s https://e.com/a",
            // a code comment, a list's item, a prompt with a blank before its sign
            "//        curl -s https://e.com/a",
            "- curl -s https://e.com/a",
            "[root@ubuntu01:~/es/bin] # curl -s https://e.com/a",
            "#curl -s https://e.com/a",
            // commented out with several `#`s, a notebook's cell commented out
            "##   curl -s https://e.com/a",
            "# !curl -s https://e.com/a",
            "## curl -s https://e.com/a \\\n##   -H 'X: 1'",
            // starship's prompt alone; a cmd.exe copy commented out line by line
            "❯ curl -s https://e.com/a",
            "// curl ^\"https://e.com/a^\" ^\n//   -H ^\"X: 1^\" ^\n//   --compressed",
            // commented out twice, its continued lines too
            "# # curl -s https://e.com/a \\\n# # -H 'X: 1' \\\n# # -d 'x=1'",
        ] {
            let import = imported(text);
            assert_eq!(import.items.len(), 1, "{text}");
            assert_eq!(
                import.items[0].spec.request.url, "https://e.com/a",
                "{text}"
            );
            assert!(
                import.notes.iter().all(|n| n.kind != "substitution"),
                "{text}: {:?}",
                import.notes
            );
            if text.starts_with("// curl ^") {
                assert!(
                    import.notes.iter().all(|n| n.kind != "left-out"),
                    "{:?}",
                    import.notes
                );
            }
            if text.starts_with("# # ") {
                let request = &import.items[0].spec.request;
                assert_eq!(request.headers[0]["X"].as_deref(), Some("1"));
                assert!(request.body.is_some());
            }
        }
        // a program that does not run curl stays refused
        assert!(super::import("grep curl https://e.com/a").is_err());
    }

    #[test]
    fn credentials_read_from_the_environment_become_secrets() {
        let import = imported(
            "curl https://api.example.com/v1/chat -H \"Authorization: Bearer $API_KEY\" -H 'Content-Type: application/json' -d '{\"a\": 1}'",
        );
        let spec = &import.items[0].spec;
        crate::import::test_support::assert_valid("bearer", spec);
        assert!(
            matches!(&spec.request.auth, Some(crate::spec::AuthSpec::Bearer(t)) if t == "{{API_KEY}}")
        );
        assert!(
            matches!(&spec.secrets, Some(crate::sample_values::SecretsSpec::Names(n)) if n == &["API_KEY"])
        );
        assert_eq!(kinds(&import), ["environment"]);

        // one in the URL cannot be a secret: it stays a variable, the other one is a secret
        let import = imported(
            "curl -X POST https://api.example.com/Accounts/$SID/Messages.json --data-urlencode 'Body=Hi' -u \"$SID:$TOKEN\"",
        );
        let spec = &import.items[0].spec;
        crate::import::test_support::assert_valid("twilio", spec);
        assert_eq!(
            spec.request.url,
            "https://api.example.com/Accounts/{{SID}}/Messages.json"
        );
        assert!(
            matches!(&spec.secrets, Some(crate::sample_values::SecretsSpec::Names(n)) if n == &["TOKEN"])
        );
        let messages: Vec<&str> = import.notes.iter().map(|n| n.message.as_str()).collect();
        assert!(
            messages[0].contains("`{{SID}}`, a variable"),
            "{messages:?}"
        );
        assert!(
            messages[1].contains("`{{TOKEN}}`, a secret"),
            "{messages:?}"
        );

        // a command the shell would run is kept as written, and said so
        let import = imported(
            "curl https://e.com -H \"Authorization: Bearer $(gcloud auth print-access-token)\" -H \"X-A: `date +%s`\"",
        );
        assert_eq!(
            import.items[0]
                .spec
                .request
                .auth
                .as_ref()
                .and_then(|a| match a {
                    crate::spec::AuthSpec::Bearer(token) => Some(token.as_str()),
                    _ => None,
                }),
            Some("$(gcloud auth print-access-token)")
        );
        let messages: Vec<&str> = import.notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(
            kinds(&import),
            ["substitution", "substitution"],
            "{messages:?}"
        );
        assert!(messages[0].starts_with("`$(gcloud auth print-access-token)` is a command"));
        assert!(
            messages[1].starts_with("`date +%s` is a command"),
            "{messages:?}"
        );

        // single quotes keep `$` as written: nothing is read from the environment
        let import = imported("curl https://e.com -H 'Authorization: Bearer $KEY'");
        assert!(import.items[0].spec.secrets.is_none());
        assert!(import.notes.is_empty(), "{:?}", import.notes);
    }

    fn spec(line: &str) -> Spec {
        import(line).unwrap().items.remove(0).spec
    }

    // curlconverter's fixtures, each run with curl 7.88.1 against an echo server
    #[test]
    fn what_curl_sends_for_its_odd_forms_is_what_the_spec_says() {
        // a cookie item without `=` makes curl send the text as written (broken_cookie.sh)
        let cookie = imported("curl -b 'a=b; c' http://h/a");
        assert_eq!(
            crate::import::test_support::pairs(&cookie.items[0].spec.request.headers),
            [crate::import::test_support::pair("Cookie", "a=b; c")]
        );
        assert!(cookie.items[0].spec.request.cookies.is_empty());
        assert!(noted(&cookie, "holds an item without `=`"));
        // libcurl appends a query item after an empty query or a trailing `&` as it is
        for (command, url) in [
            ("curl -G -d foo=bar 'http://h/?'", "http://h/?foo=bar"),
            (
                "curl --url-query foo=bar 'http://h/?a=1&'",
                "http://h/?a=1&foo=bar",
            ),
            (
                "curl --url-query foo=bar 'http://h/?a=1'",
                "http://h/?a=1&foo=bar",
            ),
            ("curl -G -d foo=bar 'http://h/'", "http://h/?foo=bar"),
        ] {
            assert_eq!(spec(command).request.url, url, "{command}");
        }
        // a lone start of a range is open-ended
        assert_eq!(
            crate::import::test_support::pairs(&spec("curl -r 600 http://h/a").request.headers),
            [crate::import::test_support::pair("Range", "bytes=600-")]
        );
        assert_eq!(
            crate::import::test_support::pairs(
                &spec("curl --range 0-99 http://h/a").request.headers
            ),
            [crate::import::test_support::pair("Range", "bytes=0-99")]
        );
        // `-T` with data, which curl refuses: noted
        assert!(noted(
            &imported("curl -T f.txt -d a=1 http://h/a"),
            "`-T` with `-d`, `--json` or `-F`, which curl refuses"
        ));
        // standard input's file after other data is a file mixed with data, as written so
        assert!(
            import("curl -d a=1 -d @- http://h/a < body.txt")
                .unwrap_err()
                .contains("data from a file mixed with other data")
        );
    }

    #[test]
    fn dot_segments_are_resolved_as_curl_does_unless_path_as_is() {
        assert_eq!(
            spec("curl https://e.com/a/../b/./c").request.url,
            "https://e.com/b/c"
        );
        // kept as written, which validation then refuses: no other client sends them
        assert_eq!(
            spec("curl --path-as-is https://e.com/../../etc/passwd")
                .request
                .url,
            "https://e.com/../../etc/passwd"
        );
    }

    // Azure DevOps' pages: a personal access token as basic auth's password, encoded by a
    // variable set before the command, in a script and in a session with prompts
    #[test]
    fn a_base64_variable_in_a_basic_auth_header_is_that_auth() {
        let basic = |text: &str| {
            let import = imported(text);
            let spec = &import.items[0].spec;
            assert!(
                spec.request.headers.is_empty(),
                "{:?}",
                spec.request.headers
            );
            let basic = spec.request.auth.as_ref().unwrap().basic().unwrap().clone();
            (basic.username, basic.password, spec.secrets.clone())
        };
        let script = "PAT=\"YOUR_PAT\"\nENC=$(echo -n \":$PAT\" | base64 | tr -d '\\n')\ncurl -X PATCH https://e.com/v -H \"Authorization: Basic $ENC\"\n";
        let (username, password, secrets) = basic(script);
        assert_eq!((username.as_str(), password.as_str()), ("", "{{PAT}}"));
        assert!(secrets.is_some());
        let page = format!(
            "# Promote\n\n```bash\n{}```\n",
            script.replace("curl", "$ curl")
        );
        let (username, password, _) = basic(&page);
        assert_eq!((username.as_str(), password.as_str()), ("", "{{PAT}}"));
        // read elsewhere, the variable stays one the command reads
        let import = imported(
            "ENC=$(echo -n \":$PAT\" | base64)\ncurl https://e.com -H \"X-Token: $ENC\"\n",
        );
        assert_eq!(
            crate::import::test_support::pairs(&import.items[0].spec.request.headers),
            [("X-Token".to_string(), "{{ENC}}".to_string())]
        );
    }

    // `${b:+-d "$b"}`: a body only when there is one, in a script and in a function
    #[test]
    fn an_alternative_of_a_known_variable_is_its_words() {
        let body = |text: &str| {
            imported(text).items[0]
                .spec
                .request
                .body
                .as_ref()
                .and_then(|body| body.raw().map(str::to_string))
        };
        assert_eq!(
            body("b='{\"a\":1}'\ncurl -X POST https://e.com/x ${b:+-d \"$b\"}\n").as_deref(),
            Some("{{b}}")
        );
        assert_eq!(
            body("b=\ncurl -X POST https://e.com/x ${b:+-d \"$b\"}\n"),
            None
        );
        assert_eq!(
            body("api() { local b=\"${2:-}\"; curl -X POST \"https://e.com$1\" ${b:+-d \"$b\"}; }\napi /x '{\"a\":1}'\n").as_deref(),
            Some("{\"a\":1}")
        );
    }

    // a script reads curl's output as an array's item, or on standard input
    #[test]
    fn curls_output_read_by_another_command_is_a_request() {
        for text in [
            "arr+=(\"$(curl -s https://e.com/b)\")\n",
            "read -r code < <(curl -s https://e.com/b)\n",
            "while read -r x; do echo \"$x\"; done <<< \"$(curl -s https://e.com/b)\"\n",
            "r=$(kubectl exec pod -- curl -s https://e.com/b)\n",
            "set -l r (curl -s https://e.com/b)\n",
            "r=$(oc exec pod -- curl -s https://e.com/b)\n",
        ] {
            let import = imported(text);
            let urls: Vec<&str> = import
                .items
                .iter()
                .map(|item| item.spec.request.url.as_str())
                .collect();
            assert_eq!(urls, ["https://e.com/b"], "{text}");
        }
    }

    // the exec form: a Kubernetes container's `command`, a Dockerfile's `HEALTHCHECK CMD [...]`
    #[test]
    fn an_exec_form_array_is_the_command_of_its_words() {
        for text in [
            "        command: [\"curl\", \"-X\", \"POST\", \"-d\", \"it's\", \"http://svc/run\"]\n",
            "HEALTHCHECK CMD [\"curl\", \"-X\", \"POST\", \"-d\", \"it's\", \"http://svc/run\"]\n",
        ] {
            let import = imported(text);
            let spec = &import.items[0].spec;
            assert_eq!(spec.request.url, "http://svc/run", "{text}");
            assert_eq!(
                spec.request.body.as_ref().and_then(|b| b.raw()),
                Some("it's"),
                "{text}"
            );
        }
    }

    // a Jenkinsfile's `sh` step, as `min-j1.groovy` of the review `wild` has it, where the
    // file was refused (`not a curl command: it starts with `sh``); and an error about a
    // command names its line, as notes do
    #[test]
    fn a_jenkinsfiles_sh_step_is_imported() {
        let jenkinsfile = concat!(
            "pipeline {\n",
            "  stages { stage('Notify') { steps {\n",
            "    sh \"curl -X POST -H \\\"Content-Type: application/json\\\" https://chat.example.com/hooks/abc -d '{\\\"text\\\":\\\"PR-${CHANGE_ID}\\\"}'\"\n",
            "  } } }\n",
            "}\n",
        );
        let import = imported(jenkinsfile);
        assert_eq!(urls_of(&import), ["https://chat.example.com/hooks/abc"]);
        assert_eq!(
            raw_body(&import, 0),
            Some("{\"text\":\"PR-{{CHANGE_ID}}\"}")
        );
        note_at(&import, "input", "Groovy fills in `${CHANGE_ID}`");
        let broken = "node {\n  sh 'curl https://h/a -X'\n}\n";
        let error = super::import(broken).unwrap_err();
        assert_eq!(error, "line 2, `-X` needs a value");
        // a Python list's curl is named by its line in the refusal
        let python = "import subprocess\nsubprocess.run([\"curl\", \"-d\", '{\"a\": 1}', \"https://h/b\"], check=True)\n";
        let error = super::import(python).unwrap_err();
        assert!(
            error.contains("a curl command is written at line(s) 2"),
            "{error}"
        );
    }

    // a Job's webhook URL and token taken from a Secret by `$(NAME)`, as the review `wild`
    // found in argocd-notify-job.yaml and min-k1.yaml: variables, noted, where the token was
    // sent as the text `$(API_TOKEN)` and the URL refused
    #[test]
    fn kubernetes_references_in_a_containers_command_are_variables() {
        let manifest = concat!(
            "      containers:\n",
            "      - name: notify\n",
            "        env: [{name: SLACK_WEBHOOK, valueFrom: {secretKeyRef: {name: s, key: url}}}]\n",
            "        command: [\"curl\", \"-X\", \"POST\", \"-d\", \"Deployment complete!\", \"$(SLACK_WEBHOOK)\"]\n",
            "      - name: warm\n",
            "        command: [\"sh\", \"-c\", \"curl -H 'Authorization: Bearer $(API_TOKEN)' http://api:8080/warm\"]\n",
            "        env:\n",
            "        - name: API_TOKEN\n",
        );
        let import = imported(manifest);
        assert_eq!(
            urls_of(&import),
            ["{{SLACK_WEBHOOK}}", "http://api:8080/warm"]
        );
        assert!(matches!(
            &import.items[1].spec.request.auth,
            Some(crate::spec::AuthSpec::Bearer(token)) if token == "{{API_TOKEN}}"
        ));
        note_at(
            &import,
            "input",
            "Kubernetes fills in `$(SLACK_WEBHOOK)`, `$(API_TOKEN)`",
        );
        // not the note on a Makefile's `$(NAME)`, which the script's would have been
        assert!(
            !import
                .notes
                .iter()
                .any(|note| note.message.contains("Makefile"))
        );
    }

    // a CronJob's `sh -c` item wrapped onto the next line, once between `curl -X` and its
    // method, as `min-k3.yaml` of the review `wild` has it: the item is one script, as YAML
    // folds it, where `-X` was refused for want of a value
    #[test]
    fn a_wrapped_yaml_list_item_is_one_command() {
        let manifest = concat!(
            "          containers:\n",
            "          - name: refresh\n",
            "            command: [/bin/bash]\n",
            "            args:\n",
            "            - -c\n",
            "            - curl -s -XPUT http://svc:9001/token/refresh && curl -X\n",
            "              POST -u admin:s3cret -d 'job=nightly' localhost:9091/quitquitquit\n",
        );
        let import = imported(manifest);
        assert_eq!(
            urls_of(&import),
            [
                "http://svc:9001/token/refresh",
                "http://localhost:9091/quitquitquit"
            ]
        );
        assert_eq!(import.items[1].spec.request.method, "POST");
        assert!(import.items[1].spec.request.auth.is_some());
    }

    // a Compose healthcheck's list wrapped over three lines beside a one-line one: both are
    // requests, where the wrapped one was refused (alone) or dropped (review `wild`, defect 3)
    #[test]
    fn a_compose_healthcheck_list_wrapped_over_lines_is_read() {
        let compose = concat!(
            "services:\n",
            "  web:\n",
            "    healthcheck:\n",
            "      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8069/up\"]\n",
            "  api:\n",
            "    healthcheck:\n",
            "      test: [\"CMD\", \"curl\", \"-f\", \"-X\", \"POST\", \"-H\", \"Content-Type: application/json\",\n",
            "             \"-d\", \"{\\\"username\\\":\\\"health\\\"}\",\n",
            "             \"http://localhost:9000/api/auth/login\"]\n",
            "      interval: 30s\n",
        );
        let import = imported(compose);
        assert_eq!(
            urls_of(&import),
            [
                "http://localhost:8069/up",
                "http://localhost:9000/api/auth/login"
            ]
        );
        assert_eq!(import.items[1].spec.request.method, "POST");
        assert_eq!(raw_body(&import, 1), Some("{\"username\":\"health\"}"));
        // the notes name the file's lines: the key after the list is line 10
        note_at(&import, "line 10", "`interval:` is not curl");
    }

    // Compose's healthcheck forms, a Kubernetes probe's `sh -c` array, and a container's
    // `command:` written as a block list, one word an item
    #[test]
    fn compose_and_kubernetes_exec_forms_run_their_words_or_their_script() {
        let compose = concat!(
            "services:\n",
            "  api:\n",
            "    healthcheck:\n",
            "      test: [\"CMD\", \"curl\", \"-f\", \"-H\", \"Accept: application/json\", \"http://localhost:8080/health\"]\n",
            "  web:\n",
            "    healthcheck:\n",
            "      test: [\"CMD-SHELL\", \"curl -fsS http://localhost:3000/ready || exit 1\"]\n",
            "  db:\n",
            "    healthcheck:\n",
            "      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:5000/up\"]  # see [docs]\n",
        );
        let import = imported(compose);
        assert_eq!(
            urls_of(&import),
            [
                "http://localhost:8080/health",
                "http://localhost:3000/ready",
                "http://localhost:5000/up"
            ]
        );
        assert_eq!(
            import.items[0].spec.request.headers[0]["Accept"].as_deref(),
            Some("application/json")
        );
        let kubernetes = concat!(
            "spec:\n",
            "  containers:\n",
            "  - name: app\n",
            "    livenessProbe:\n",
            "      exec:\n",
            "        command: [\"/bin/sh\", \"-c\", \"curl -s -X POST -d '{\\\"ping\\\": 1}' http://localhost:8080/live\"]\n",
            "    lifecycle:\n",
            "      postStart:\n",
            "        exec:\n",
            "          command:\n",
            "          - curl\n",
            "          - -X\n",
            "          - 'PUT'\n",
            "          - \"http://localhost:8080/started\"  # when up\n",
            "    readinessProbe:\n",
            "      exec:\n",
            "        command:\n",
            "          - sh\n",
            "          - -ec\n",
            "          - curl -fs http://localhost:8080/ready\n",
        );
        let import = imported(kubernetes);
        assert_eq!(
            urls_of(&import),
            [
                "http://localhost:8080/live",
                "http://localhost:8080/started",
                "http://localhost:8080/ready"
            ]
        );
        let methods: Vec<&str> = import
            .items
            .iter()
            .map(|item| item.spec.request.method.as_str())
            .collect();
        assert_eq!(methods, ["POST", "PUT", "GET"]);
        assert_eq!(raw_body(&import, 0), Some("{\"ping\": 1}"));
        // `command: ["sh", "-c"]` with the script in `args:`
        let split = "command: [\"sh\", \"-c\"]\nargs: [\"curl -s http://svc:8080/warm\"]\n";
        assert_eq!(urls_of(&imported(split)), ["http://svc:8080/warm"]);
    }

    // brackets that are text, an exec form's `$`, a YAML file a script writes, and an image
    // whose program is curl
    #[test]
    fn exec_forms_are_read_only_where_they_run() {
        // a list in an argument, an assignment or a comment is text
        for (text, urls) in [
            (
                "curl -s -X POST https://e.com/tools -d 'tools=[curl, wget]'\n",
                vec!["https://e.com/tools"],
            ),
            (
                "# Requires: [curl, jq]\nTOOLS=[curl, jq]\ncurl -s https://e.com/real\n",
                vec!["https://e.com/real"],
            ),
        ] {
            assert_eq!(urls_of(&imported(text)), urls, "{text}");
        }
        // an exec form runs no shell: its `$` is sent as written
        let import = imported(
            "command: [\"curl\", \"-u\", \"admin:pa$word\", \"-d\", \"total=$5\", \"http://h/dollar\"]\n",
        );
        let spec = &import.items[0].spec;
        let yaml = crate::import::to_yaml(spec);
        assert!(
            yaml.contains("pa$word") && yaml.contains("$5") && !yaml.contains("{{"),
            "{yaml}"
        );
        assert!(spec.secrets.is_none(), "{:?}", spec.secrets);
        // a manifest a script writes to a file runs nothing
        let script = concat!(
            "cat <<'YAML' > job.yaml\n",
            "command:\n",
            "- curl\n",
            "- -X\n",
            "- DELETE\n",
            "- http://h/never\n",
            "YAML\n",
            "curl -s http://h/applied\n",
        );
        let written = super::import(script);
        assert!(
            written
                .as_ref()
                .map_or(true, |import| !urls_of(import).contains(&"http://h/never")),
            "{:?}",
            written.map(|import| import.items.len())
        );
        // the curlimages/curl image runs curl with the words after `--`
        let run = imported(
            "kubectl run tmp --rm -i --restart=Never --image=curlimages/curl -- -s -X POST http://svc/entry\n",
        );
        assert_eq!(urls_of(&run), ["http://svc/entry"]);
        assert_eq!(run.items[0].spec.request.method, "POST");
        // a block list with a comment among its items, and a script that runs curl later
        let compose = concat!(
            "    healthcheck:\n",
            "      test:\n",
            "        - CMD\n",
            "        # the status page\n",
            "        - curl\n",
            "        - -f\n",
            "        - http://localhost:8080/health\n",
            "    command: [\"sh\", \"-c\", \"sleep 5 && curl -X POST http://localhost:9000/warm\"]\n",
        );
        assert_eq!(
            urls_of(&imported(compose)),
            ["http://localhost:8080/health", "http://localhost:9000/warm"]
        );
        // an ECS task definition's list over several lines, beside one on a line
        let ecs = concat!(
            "{\"healthCheck\": {\n",
            "  \"command\": [\n",
            "    \"CMD-SHELL\",\n",
            "    \"curl -f http://localhost:8080/health || exit 1\"\n",
            "  ],\n",
            "  \"interval\": 30\n",
            "}, \"other\": {\n",
            "  \"command\": [\"CMD-SHELL\", \"curl -f http://localhost:3000/ready\"]\n",
            "}}\n",
        );
        assert_eq!(
            urls_of(&imported(ecs)),
            [
                "http://localhost:8080/health",
                "http://localhost:3000/ready"
            ]
        );
        // `ssh host -- '…'`, `eval curl …`, and a script that only names curl
        assert_eq!(
            urls_of(&imported(
                "ssh host -- 'curl -s http://h/dd'\neval curl -s http://h/ev\n"
            )),
            ["http://h/dd", "http://h/ev"]
        );
        assert!(super::import("sh -c 'echo curl is missing; ls'\n").is_err());
    }

    // Terraform's `local-exec` provisioner gives its `command` string to the shell
    #[test]
    fn a_terraform_local_exec_command_is_read() {
        let terraform = concat!(
            "resource \"null_resource\" \"notify\" {\n",
            "  provisioner \"local-exec\" {\n",
            "    command = \"curl -X POST -d '{\\\"text\\\": \\\"deployed\\\"}' https://hooks.example.com/notify\"\n",
            "  }\n",
            "}\n",
        );
        let import = imported(terraform);
        assert_eq!(urls_of(&import), ["https://hooks.example.com/notify"]);
        assert_eq!(
            import.items[0]
                .spec
                .request
                .body
                .as_ref()
                .and_then(|body| body.raw()),
            Some("{\"text\": \"deployed\"}")
        );
        // another program's command is no request
        assert!(super::import("command = \"wget https://e.com/curl\"\n").is_err());
    }

    // an Azure Pipelines file's macros are its variables, filled in before the shell runs
    #[test]
    fn an_azure_pipelines_files_macros_are_variables() {
        let pipeline = concat!(
            "trigger:\n- main\n\npool:\n  vmImage: ubuntu-latest\n\n",
            "variables:\n  apiUrl: 'https://api.example.com'\n\n",
            "steps:\n",
            "- script: |\n",
            "    curl -X POST -H \"Authorization: Bearer $(System.AccessToken)\" \\\n",
            "      -d '{\"build\": \"$(Build.BuildId)\"}' \"$(apiUrl)/builds\"\n",
            "  displayName: Notify\n",
            "- bash: curl -s \"$(apiUrl)/health?host=$(hostname)\"\n",
        );
        let import = imported(pipeline);
        assert_eq!(
            urls_of(&import),
            ["{{apiUrl}}/builds", "{{apiUrl}}/health?host=$(hostname)"]
        );
        let spec = &import.items[0].spec;
        assert_eq!(
            spec.request.body.as_ref().and_then(|body| body.raw()),
            Some("{\"build\": \"{{Build.BuildId}}\"}")
        );
        assert!(
            import
                .variables
                .iter()
                .any(|(name, value)| name == "apiUrl" && value == "https://api.example.com"),
            "{:?}",
            import.variables
        );
        assert!(
            import.notes.iter().any(|note| note
                .message
                .starts_with("an Azure Pipelines file: Azure Pipelines gives its steps'")),
            "{:?}",
            import.notes
        );
    }

    // `-b "$SESSION"`: cookies when the value holds a `=`, a file's name otherwise
    #[test]
    fn a_cookie_option_given_a_variable_sends_it_as_the_cookie_header() {
        let import = imported("curl -b \"$SESSION\" https://api.example.com/me\n");
        let spec = &import.items[0].spec;
        assert_eq!(
            spec.request.headers[0]["Cookie"].as_deref(),
            Some("{{SESSION}}")
        );
        assert!(
            import.notes.iter().any(
                |note| note.kind == "cookie" && note.message.contains("imported as the header")
            ),
            "{:?}",
            import.notes
        );
        // a variable named for a file is the file curl reads
        let jar = imported("curl -b \"$COOKIE_JAR\" https://api.example.com/me\n");
        assert!(jar.items[0].spec.request.headers.is_empty());
        assert!(
            jar.notes
                .iter()
                .any(|note| note.message.contains("reads cookies from a file")),
            "{:?}",
            jar.notes
        );
    }

    // Kubernetes' `command: ["curl"]` with its arguments in `args:`, one an item
    #[test]
    fn a_containers_command_and_its_args_are_one_command() {
        let manifest = concat!(
            "      - name: hook\n",
            "        command: [\"curl\"]\n",
            "        args:\n",
            "          - -X\n",
            "          - POST\n",
            "          - \"Accept: application/json\"\n",
            "          - https://api.example.com/hooks\n",
            "      - name: warm\n",
            "        command:\n",
            "        - sh\n",
            "        - -c\n",
            "        args: [\"curl -s http://svc:8080/warm\"]\n",
        );
        let import = imported(manifest);
        assert_eq!(
            urls_of(&import),
            ["https://api.example.com/hooks", "http://svc:8080/warm"]
        );
        assert_eq!(import.items[0].spec.request.method, "POST");
    }

    // a crontab's lines, and a page that shows one in a shell block
    #[test]
    fn a_crontab_lines_command_follows_its_schedule() {
        let crontab = concat!(
            "*/5 * * * * curl -X POST http://localhost:3333/cron\n",
            "0 9 * * 1-5 curl -X POST http://localhost:3333/cron/daily\n",
            "@hourly curl -fsS https://hc-ping.com/abc >/dev/null\n",
            // a system crontab's user, and a script given to a shell
            "15 3 * * * root curl -s https://api.example.com/systemcron\n",
            "0 */2 * * * sh -c 'curl -s https://api.example.com/cronsh'\n",
            "30 1 * * * www-data bash -c \"curl -X PUT https://api.example.com/sys\"\n",
            "*/10 * * * * cd /app && curl -s https://api.example.com/cd\n",
        );
        let import = imported(crontab);
        // the command skipped is told by its own name, not by its schedule's first field
        assert!(noted(&import, "`cd` is not curl"), "{:?}", import.notes);
        assert_eq!(
            urls_of(&import),
            [
                "http://localhost:3333/cron",
                "http://localhost:3333/cron/daily",
                "https://hc-ping.com/abc",
                "https://api.example.com/systemcron",
                "https://api.example.com/cronsh",
                "https://api.example.com/sys",
                "https://api.example.com/cd"
            ]
        );
        // `k`, the usual alias of kubectl
        let alias = imported(
            "k create cj joke --image=curlimages/curl --schedule='* * * * *' -- curl -s https://icanhazdadjoke.com/\n",
        );
        assert_eq!(urls_of(&alias), ["https://icanhazdadjoke.com/"]);
    }

    // a README whose only curl is in a Compose file's healthcheck or a manifest's command
    #[test]
    fn a_page_without_a_shell_block_holding_curl_is_read_for_its_configuration_files() {
        let page = concat!(
            "# Deploying\n\n",
            "Install it:\n\n```bash\nnpm install\n```\n\n",
            "The service checks itself:\n\n",
            "```yaml\n",
            "services:\n",
            "  api:\n",
            "    healthcheck:\n",
            "      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:5000/health\"]\n",
            "```\n\n",
            "```yaml\n",
            "packages:\n",
            "  - curl\n",
            "```\n",
        );
        let import = imported(page);
        assert_eq!(urls_of(&import), ["http://localhost:5000/health"]);
        assert!(
            import
                .notes
                .iter()
                .any(|note| note.message.contains("configuration files run")),
            "{:?}",
            import.notes
        );
        // a shell block that only installs curl leaves the configuration files to be read
        let installs = page.replace("npm install", "apt-get install -y curl");
        assert_eq!(
            urls_of(&imported(&installs)),
            ["http://localhost:5000/health"]
        );
        // a Dockerfile's exec form continued over lines
        let dockerfile = page.replace(
            "services:\n  api:\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", ",
            "FROM nginx\nHEALTHCHECK \\\n  CMD [\"curl\", \"-f\", \\\n    ",
        );
        assert!(dockerfile.contains("HEALTHCHECK"));
        assert_eq!(
            urls_of(&imported(&dockerfile)),
            ["http://localhost:5000/health"],
            "{dockerfile}"
        );
        // a page whose shell blocks hold curl reads those alone
        let both = format!("{page}\n```bash\ncurl https://api.example.com/v1/items\n```\n");
        assert_eq!(
            urls_of(&imported(&both)),
            ["https://api.example.com/v1/items"]
        );
    }

    // a `<pre>` the page hides (Vespa's test framework's) is no reader's example, in an HTML
    // page and in Markdown alike
    #[test]
    fn a_hidden_pre_block_is_left_out() {
        for page in [
            "<html><body><h2>Start</h2>\n<pre>\ncurl http://e.com/shown\n</pre>\n<pre data-test=\"exec\" style=\"display: none\">\n$ curl http://e.com/hidden\n</pre>\n</body></html>\n",
            "# Start\n\n<pre>\ncurl http://e.com/shown\n</pre>\n\n<pre style=\"display:none\">\n$ curl http://e.com/hidden\n</pre>\n",
        ] {
            assert_eq!(urls_of(&imported(page)), ["http://e.com/shown"], "{page}");
        }
    }

    // a variable the script sets from what samplegen does not run is noted as that, not as
    // one the environment gives
    #[test]
    fn a_variable_the_script_computes_is_noted_as_computed() {
        let script = "D=\"$(hostname)\"\nfor f in a.json b.json; do\n  curl --data-binary @\"$f\" \"https://e.com/u?d=$D\"\ndone\n";
        let (_, notes) = request_and_notes(script);
        for expected in [
            "`D` is set by the script from `$(hostname)`, which samplegen does not run",
            "`f` is set by the script from a `for` loop, which samplegen does not run",
        ] {
            assert!(notes.iter().any(|n| n.starts_with(expected)), "{notes:#?}");
        }
        // (a curl argument that looks like an assignment sets nothing)
        for script in [
            "curl \"https://e.com/u?d=$D\"",
            "curl -d D=$(date) https://e.com/a\ncurl \"https://e.com/u?d=$D\"",
        ] {
            let import = imported(script);
            assert!(
                import
                    .notes
                    .iter()
                    .any(|n| n.message.starts_with("`D` is read from the environment")),
                "{script}: {:#?}",
                import.notes
            );
        }
    }

    // a multipart type given beside `-F` (a Postman export's, with its boundary): curl sends
    // its own boundary after it, which the note says; the spec's form has its client's
    #[test]
    fn a_given_multipart_boundary_beside_form_parts_is_noted() {
        let (request, notes) = request_and_notes(
            "curl -X POST https://e.com/up -H 'Content-Type: multipart/form-data; boundary=----WebKitFormBoundary7MA4' -F id=1",
        );
        assert!(request.headers.is_empty(), "{:?}", request.headers);
        assert!(matches!(request.body, Some(BodySpec::Formdata(_))));
        assert!(
            notes
                .iter()
                .any(|n| n.contains("curl adds its own `boundary=` after the one given")),
            "{notes:#?}"
        );
        let (_, plain) = request_and_notes(
            "curl -X POST https://e.com/up -H 'Content-Type: multipart/form-data' -F id=1",
        );
        assert!(plain.is_empty(), "{plain:#?}");
    }

    // `shift` takes the first arguments off `"$@"` and renumbers the rest, in a function's
    // body (a Traefik helper's) and in a shell's script alike
    #[test]
    fn shift_takes_arguments_off() {
        let function = concat!(
            "get() {\n",
            "  request_path=$1\n",
            "  shift\n",
            "  curl -fsS \"$@\" \"http://127.0.0.1:8080$request_path\"\n",
            "}\n",
            "get /api/http/routers --get --data-urlencode page=1\n",
        );
        assert_eq!(
            urls_of(&imported(function)),
            ["http://127.0.0.1:8080/api/http/routers?page=1"]
        );
        let twice =
            "post() { shift 2; curl -X POST -d \"a=$1\" https://e.com/x; }\npost one two three\n";
        let import = imported(twice);
        let Some(BodySpec::Urlencoded(fields)) = &import.items[0].spec.request.body else {
            panic!("a form: {:?}", import.items[0].spec.request.body)
        };
        assert_eq!(fields[0]["a"].as_deref(), Some("three"));
        let script = "sh -c 'shift; curl -X POST \"$@\"' _ skipped -d a=1 https://e.com/y\n";
        assert_eq!(urls_of(&imported(script)), ["https://e.com/y"]);
    }

    // the script a shell, a remote host, `watch`, `eval` or `su` runs, given as one word
    #[test]
    fn a_script_given_as_text_to_a_shell_or_a_host_is_read_for_its_curl() {
        let script = concat!(
            "docker exec api sh -c 'curl -s -H \"Authorization: Bearer $TOKEN\" http://localhost/api/users'\n",
            "ssh -p 2222 -o BatchMode=yes deploy@host \"curl -X POST https://api.example.com/deploy?ref=main -H 'X-Key: $KEY'\"\n",
            "kubectl exec -it pod -- /bin/bash -lc \"curl -fsS https://api.example.com/status\"\n",
            "watch -n 5 'curl -s http://localhost:9200/_cat/health'\n",
            "sudo su - app -c \"curl -d @payload.json http://localhost:8000/import\"\n",
            "eval \"curl -I https://example.com/\"\n",
            "bash -c \"sh -c 'curl -X DELETE https://api.example.com/cache'\"\n",
            ".build/httptap -v -- bash -c \"curl -s https://example.com/tapped > out\"\n",
            "kubectl run probe --image=curlimages/curl --restart=Never -- sh -c \"curl -s https://api.example.com/egress\"\n",
            "R=$(kubectl exec pod -- bash -c \"curl -s -o /dev/null -w '%{http_code}' http://svc/ping\")\n",
            // the words after the script are its `$0`, `$1`…
            "docker exec api sh -c 'curl -s -H \"X-Key: $2\" \"$1/v1/items\"' sh https://api.example.com k1\n",
        );
        let import = imported(script);
        assert_eq!(
            urls_of(&import),
            [
                "http://localhost/api/users",
                "https://api.example.com/deploy?ref=main",
                "https://api.example.com/status",
                "http://localhost:9200/_cat/health",
                "http://localhost:8000/import",
                "https://example.com/",
                "https://api.example.com/cache",
                "https://example.com/tapped",
                "https://api.example.com/egress",
                "http://svc/ping",
                "https://api.example.com/v1/items",
            ]
        );
        assert_eq!(
            import.items[10].spec.request.headers[0]["X-Key"].as_deref(),
            Some("k1")
        );
        let methods: Vec<&str> = import
            .items
            .iter()
            .map(|item| item.spec.request.method.as_str())
            .collect();
        assert_eq!(
            methods,
            [
                "GET", "POST", "GET", "GET", "POST", "HEAD", "DELETE", "GET", "GET", "GET", "GET"
            ]
        );
        // what the outer shell expands in a double-quoted script is read from the environment
        let deploy = &import.items[1].spec;
        assert_eq!(
            deploy.request.headers[0]["X-Key"].as_deref(),
            Some("{{KEY}}")
        );
        assert!(
            matches!(&deploy.secrets, Some(crate::sample_values::SecretsSpec::Names(n)) if n == &["KEY"]),
            "{:?}",
            deploy.secrets
        );
        // the notes name the line of the command that runs the script
        let remote = imported("echo start\nssh host \"curl -x http://p:3128 https://e.com/a\"\n");
        assert!(
            remote
                .notes
                .iter()
                .any(|note| note.at.starts_with("line 2,")),
            "{:?}",
            remote.notes
        );
        // a script that runs no curl is no request; a shell reading a file runs no text
        for text in [
            "sh -c 'echo curl is missing'\n",
            "ssh host ls /var/log\n",
            "bash deploy.sh curl\n",
        ] {
            assert!(super::import(text).is_err(), "{text}");
        }
    }

    // a Python docstring's `"""` opens a quote over several lines
    #[test]
    fn a_first_word_over_several_lines_is_named_by_its_first_line() {
        let error = import("\"\"\"\n  506  curl http://h/a\n  507  ls\n\"\"\"\n").unwrap_err();
        assert!(
            error.starts_with(
                "not a curl command: it starts with a word over several lines (quoted text?), `506  curl http://h/a…`"
            ),
            "{error}"
        );
    }

    // a value that is one placeholder is the reader's to give
    #[test]
    fn a_placeholder_set_before_the_command_is_offered_as_a_variable() {
        let import = imported("export X=[EXTERNAL_URL]\ncurl -s $X/api/health\n");
        assert_eq!(import.items[0].spec.request.url, "{{X}}/api/health");
        assert_eq!(import.variables["X"], "{{EXTERNAL_URL}}");
        // a JSON list is a value
        let import = imported("L='[1,2]'\ncurl -s https://e.com -d \"$L\"\n");
        assert_eq!(import.variables["L"], "[1,2]");
    }

    // a YAML `run:` step keeps `\"`: bash splits the header, and curl sends to both "URLs"
    #[test]
    fn a_variable_beside_a_broken_quotes_fragment_is_a_url() {
        let import = imported(
            "curl -X POST -H \\\"Content-Type: application/json\\\" -d '{}' ${{ secrets.HOOK }}\n",
        );
        assert_eq!(urls_of(&import), ["http://application/json\"", "{{HOOK}}"]);
    }

    // bash runs nothing after a top-level `exit`; one in an `if`, a function or after `||` ends
    // nothing here
    #[test]
    fn commands_after_a_scripts_exit_are_not_imported() {
        assert_eq!(
            urls_of(&imported(
                "curl https://e.com/a\nexit 0\ncurl https://e.com/b\n"
            )),
            ["https://e.com/a"]
        );
        assert!(
            import("set -e\nexit 0\ncurl https://e.com/b\n")
                .unwrap_err()
                .starts_with("the `exit` at line 2 ends the script before its curl commands")
        );
        for kept in [
            "curl https://e.com/a || exit 1\ncurl https://e.com/b\n",
            "curl -X POST https://e.com/a \\\n  -d x || exit 1\ncurl https://e.com/b\n",
            "curl -X POST https://e.com/a \\\n  -d x \\\n  || exit 1\ncurl https://e.com/b\n",
            "if [ -z \"$T\" ]; then\n  echo no\n  exit 1\nfi\ncurl https://e.com/a\ncurl https://e.com/b\n",
            "usage() {\n  echo use\n  exit 1\n}\ncurl https://e.com/a\ncurl https://e.com/b\n",
        ] {
            assert_eq!(urls_of(&imported(kept)).len(), 2, "{kept}");
        }
    }

    // Rust's doc comments hold commands as `//` comments do
    #[test]
    fn a_command_in_a_rust_doc_comment_is_read() {
        for text in [
            "//! Setup:\n//!   curl -X PUT http://e.com/bucket \\\n//!     -H 'A: b'\n",
            "/// Setup:\n///   curl -X PUT http://e.com/bucket \\\n///     -H 'A: b'\nfn x() {}\n",
        ] {
            let import = imported(text);
            let spec = &import.items[0].spec;
            assert_eq!(spec.request.method, "PUT", "{text}");
            assert_eq!(spec.request.headers.len(), 1, "{text}");
        }
    }

    #[test]
    fn a_house_style_token_request() {
        let spec = spec(
            "curl --location --globoff '{{authPath}}/{{envID}}/as/token' \\\n--header 'Content-Type: application/x-www-form-urlencoded' \\\n--header 'Authorization: Basic e3thZG1pbkFwcElEfX06e3thZG1pbkFwcFNlY3JldH19' \\\n--data-urlencode 'grant_type=client_credentials'",
        );
        assert_eq!(spec.request.method, "POST");
        assert_eq!(spec.request.url, "{{authPath}}/{{envID}}/as/token");
        assert_eq!(
            spec.request.auth.unwrap().basic().unwrap().username,
            "{{adminAppID}}"
        );
        let body = spec.request.body.unwrap();
        let fields = body.urlencoded().unwrap();
        assert_eq!(
            fields[0]["grant_type"].as_deref(),
            Some("client_credentials")
        );
    }

    #[test]
    fn methods_data_and_forms() {
        let put =
            spec("curl -X PUT https://e.com/a -H 'Content-Type: application/json' -d '{\"a\": 1}'");
        assert_eq!(put.request.method, "PUT");
        assert_eq!(put.request.body.unwrap().raw(), Some("{\"a\": 1}"));
        let get = spec("curl -G https://e.com/s -d q=a%20b -d n=1");
        assert_eq!(
            (get.request.method.as_str(), get.request.url.as_str()),
            ("GET", "https://e.com/s?q=a%20b&n=1")
        );
        let form = spec(
            "curl https://e.com/u -F 'name=\"O\\\"B\"' -F 'doc=@\"/p/r.pdf\";type=application/pdf' -u me:pw",
        );
        let body = form.request.body.unwrap();
        let parts = body.formdata().unwrap();
        assert!(matches!(&parts[0]["name"], PartSpec::Text(Some(v)) if v == "O\"B"));
        assert!(
            matches!(&parts[1]["doc"], PartSpec::Detailed(d) if d.file.as_deref() == Some("/p/r.pdf") && d.content_type.as_deref() == Some("application/pdf"))
        );
        assert_eq!(form.request.auth.unwrap().basic().unwrap().password, "pw");
        let head = spec("curl -I example.com");
        assert_eq!(
            (head.request.method.as_str(), head.request.url.as_str()),
            ("HEAD", "http://example.com")
        );
        // a variable the shell expands is encoded as its value is: where it stands
        let query =
            spec("curl -G --data-urlencode \"q=$X a\" --url-query \"k={{k}}\" https://e.com/a");
        assert_eq!(query.request.url, "https://e.com/a?k={{k}}&q={{X}}%20a");
        // a `://` in the query is no scheme
        let callback = spec("curl 'example.com/cb?u=https://x.example/'");
        assert_eq!(
            callback.request.url,
            "http://example.com/cb?u=https://x.example/"
        );
    }

    // Data is taken apart into fields only when it reads as a form: the samples encode the
    // fields again, and a server reading JSON or line protocol sent as a form reads its bytes.
    #[test]
    fn data_becomes_fields_only_when_it_reads_as_a_form() {
        let fields = |line: &str| {
            let body = spec(line).request.body.unwrap();
            body.urlencoded().map(|fields| fields.len())
        };
        assert_eq!(
            fields(
                "curl https://e.com/t -d 'grant_type=code&redirect_uri=https://a.example/cb&scope=a+b%20c d'"
            ),
            Some(3)
        );
        assert_eq!(
            fields("curl https://e.com/t -d 'metadata[order]=1' -d 'to=<EMAIL>' -d \"key=$KEY\""),
            Some(3)
        );
        for data in [
            r#"{"q":"a=b"}"#,
            "cpu,host=h1 value=1",
            "token=abc==",
            "a=1&&b=2",
            "discount=50%",
            "bad=%ff",
            "x=1<2",
            "SELECT * FROM audit where dDelay=-2053867461",
        ] {
            let line = format!("curl https://e.com/t -d '{data}'");
            let request = spec(&line).request;
            assert_eq!(request.body.unwrap().raw(), Some(data), "{data}");
            assert_eq!(
                request.headers[0]["Content-Type"].as_deref(),
                Some(crate::model::FORM_URLENCODED),
                "{data}: curl's own Content-Type"
            );
        }
    }

    // a file's data joined with other data has no spec body: that request is left out, and
    // only that one
    #[test]
    fn a_request_a_spec_cannot_say_is_left_out_alone() {
        let import = imported(
            "curl https://e.com/a -d @body.json -d x=1\ncurl https://e.com/b --next https://e.com/c -d @- -d y=2 < in.txt",
        );
        let urls = urls_of(&import);
        assert_eq!(urls, ["https://e.com/b"]);
        let left_out: Vec<&str> = import
            .notes
            .iter()
            .filter(|note| note.kind == "left-out")
            .map(|note| note.at.as_str())
            .collect();
        assert_eq!(left_out.len(), 2, "{:?}", import.notes);
        assert_eq!(
            import_error("curl https://e.com/a -d @body.json -d x=1"),
            "data from a file mixed with other data cannot be imported"
        );
    }

    #[test]
    fn what_cannot_be_imported_is_noted() {
        let import = import("curl --proxy http://p https://e.com -o out.txt").unwrap();
        assert_eq!(import.notes.len(), 2, "{:?}", import.notes);
        assert_eq!(import.items.len(), 1);
        assert!(
            super::import("wget https://e.com")
                .unwrap_err()
                .contains("not a curl command")
        );
    }

    fn imported(line: &str) -> Import {
        import(line).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    /// The raw body of the `index`th request imported, if it has one.
    fn raw_body(import: &Import, index: usize) -> Option<&str> {
        import.items[index].spec.request.body.as_ref()?.raw()
    }

    /// Whether a note of the import says `text`.
    fn noted(import: &Import, text: &str) -> bool {
        import.notes.iter().any(|note| note.message.contains(text))
    }

    // Stargate's pages: an attribute entry in the header, written in by the block's
    // `subs="attributes+"`
    #[test]
    fn an_asciidoc_pages_attribute_entries_are_offered_as_its_placeholders_values() {
        let import = imported(concat!(
            "= REST API\n",
            ":stargate-url: http://localhost:8082\n",
            ":unused: 1\n\n",
            "== List keyspaces\n\n",
            "[source,bash,subs=\"attributes+\"]\n",
            "----\n",
            "curl -s {stargate-url}/v2/schemas/keyspaces -H \"X-Cassandra-Token: {auth_token}\"\n",
            "----\n",
        ));
        let spec = &import.items[0].spec;
        assert_eq!(spec.request.url, "{{stargate-url}}/v2/schemas/keyspaces");
        assert_eq!(
            import.variables.get("stargate-url").map(String::as_str),
            Some("http://localhost:8082")
        );
        // only the entries a command reads; a placeholder the page gives no value keeps none
        assert_eq!(import.variables.len(), 1, "{:?}", import.variables);
        assert!(
            import.notes.iter().any(|note| note
                .message
                .contains("`:stargate-url: http://localhost:8082`")),
            "{:?}",
            import.notes
        );
    }

    // GitHub's `token …`, Klaviyo's `Klaviyo-API-Key …`: curl sends the header given, and
    // not the one `-u` makes
    #[test]
    fn an_authorization_header_of_another_scheme_replaces_the_user_option() {
        for line in [
            "curl -u me:pw -H 'Authorization: Token abc' https://e.com/a",
            "curl -H 'Authorization: token abc' --oauth2-bearer t https://e.com/a",
        ] {
            let import = imported(line);
            let request = &import.items[0].spec.request;
            assert!(request.auth.is_none(), "{line}");
            assert_eq!(request.headers.len(), 1, "{line}");
            assert!(
                import.notes.iter().any(|n| n.kind == "auth"
                    && n.message.contains("curl sends it instead of the one `-u`")),
                "{line}: {:#?}",
                import.notes
            );
        }
        // with no `-u`, the header is sent and nothing is noted
        let import = imported("curl -H 'Authorization: Token abc' https://e.com/a");
        assert!(import.notes.iter().all(|n| n.kind != "auth"));
    }

    // `-T` pairs with the command's URL, not with a variable of options beside it
    #[test]
    fn an_upload_beside_a_variable_of_options_is_sent() {
        for line in [
            "curl $x -T a.yaml https://e.com/f",
            "curl -T a.yaml $x https://e.com/f",
        ] {
            let spec = spec_of(line);
            assert_eq!(spec.request.method, "PUT", "{line}");
            assert!(
                matches!(&spec.request.body, Some(BodySpec::File(FileSpec::Path(path))) if path == "a.yaml"),
                "{line}: {:?}",
                spec.request.body
            );
        }
    }

    // a variable set again before a later command (`BODY='…'` before each request), or set
    // after a command read it from the environment: a project has one value per name, so the
    // later command's value is written in, and the first keeps the variable
    #[test]
    fn a_variable_set_again_is_written_where_its_value_differs() {
        let script = "URL=https://e.com/first\ncurl \"$URL\"\nURL=https://e.com/second\ncurl \"$URL\"\nBODY='{\"a\":1}'\ncurl -d \"$BODY\" https://e.com/b\nBODY='{\"a\":2}'\ncurl -d \"$BODY\" https://e.com/b\n";
        let import = imported(script);
        assert_eq!(
            urls_of(&import),
            [
                "{{URL}}",
                "https://e.com/second",
                "https://e.com/b",
                "https://e.com/b"
            ]
        );
        assert_eq!(import.variables["URL"], "https://e.com/first");
        let bodies: Vec<_> = import.items[2..]
            .iter()
            .map(|item| item.spec.request.body.as_ref().unwrap().raw().unwrap())
            .collect();
        assert_eq!(bodies, ["{{BODY}}", "{\"a\":2}"]);
        assert_eq!(import.variables["BODY"], "{\"a\":1}");
        // the same value again keeps the variable
        let same = imported("T=x\ncurl \"https://e.com/$T\"\nT=x\ncurl \"https://e.com/$T/y\"\n");
        assert_eq!(
            urls_of(&same),
            ["https://e.com/{{T}}", "https://e.com/{{T}}/y"]
        );
        // read from the environment first, set later
        let later = imported("curl \"$URL/a\"\nURL=https://e.com/later\ncurl \"$URL/b\"\n");
        assert_eq!(urls_of(&later), ["{{URL}}/a", "https://e.com/later/b"]);
    }

    /// The URLs of an import's specs, in order.
    fn urls_of(import: &Import) -> Vec<&str> {
        import
            .items
            .iter()
            .map(|item| item.spec.request.url.as_str())
            .collect()
    }

    /// The titles of an import's specs, in order.
    fn titles_of(import: &Import) -> Vec<&str> {
        import
            .items
            .iter()
            .map(|item| item.spec.title.as_str())
            .collect()
    }

    // API test scripts wrap curl in a function: one request per call, the body's variables
    // set from the call's arguments, and what the body says of its lines said once
    #[test]
    fn a_function_that_runs_curl_is_a_request_at_each_call() {
        let import = imported(concat!(
            "BASE_URL=https://api.example.com\n",
            "send() {\n",
            "  local endpoint=$1\n",
            "  echo \"calling $endpoint\"\n",
            "  curl -s -o /dev/null -X POST \"$BASE_URL/$endpoint\" -d \"$2\"\n",
            "}\n",
            "send api/login 'user=a'\n",
            "send api/items 'name=b'\n",
        ));
        let sent: Vec<(&str, Option<&BodySpec>)> = import
            .items
            .iter()
            .map(|item| {
                (
                    item.spec.request.url.as_str(),
                    item.spec.request.body.as_ref(),
                )
            })
            .collect();
        assert_eq!(sent.len(), 2, "{:#?}", import.items);
        assert_eq!(sent[0].0, "{{BASE_URL}}/api/login");
        assert_eq!(sent[1].0, "{{BASE_URL}}/api/items");
        assert_eq!(import.variables["BASE_URL"], "https://api.example.com");
        let messages: Vec<&str> = import.notes.iter().map(|n| n.message.as_str()).collect();
        assert!(
            !messages
                .iter()
                .any(|m| m.contains("environment") || m.contains("arguments")),
            "{messages:#?}"
        );
        for said in ["`echo` is not curl", "`-o` does not change the request"] {
            assert_eq!(
                messages.iter().filter(|m| m.contains(said)).count(),
                1,
                "{messages:#?}"
            );
        }
    }

    // a variable may hold both credentials, which curl splits only once it has the value
    #[test]
    fn credentials_in_one_variable_are_the_username_said_so() {
        let (request, notes) = request_and_notes("curl -u \"$AUTH\" https://e.com/me");
        assert!(
            matches!(&request.auth, Some(AuthSpec::Basic(b)) if b.username == "{{AUTH}}" && b.password.is_empty()),
            "{:?}",
            request.auth
        );
        assert!(
            notes.iter().any(
                |n| n.contains("curl splits `AUTH`'s value at its first `:`")
                    && n.contains("-u \"$USER:$PASSWORD\"")
            ),
            "{notes:#?}"
        );
        let (_, notes) = request_and_notes("curl -u me https://e.com/me");
        assert!(
            notes
                .iter()
                .any(|n| n.contains("`-u me` gives no password (curl asks for one)")),
            "{notes:#?}"
        );
    }

    /// The spec's request of a one-request import, and the messages of its notes.
    fn request_and_notes(text: &str) -> (RequestSpec, Vec<String>) {
        let import = imported(text);
        assert_eq!(import.items.len(), 1, "{text}: {:#?}", import.items);
        let notes = import.notes.iter().map(|n| n.message.clone()).collect();
        (import.items[0].spec.request.clone(), notes)
    }

    #[test]
    fn a_header_value_after_the_quote_that_closes_its_name_is_the_headers() {
        let (request, notes) = request_and_notes(
            "curl -G \"https://e.com/v1/quote\" \\\n    -H \"X-Api-Key\": <API Key> \\\n    -d sellToken=abc",
        );
        assert_eq!(request.url, "https://e.com/v1/quote?sellToken=abc");
        assert_eq!(
            request.headers[0].get("X-Api-Key").unwrap().as_deref(),
            Some("{{API_Key}}")
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("after the quote that closes its name")),
            "{notes:?}"
        );
        // a header curl removes, then a URL: as curl reads them
        let import = imported("curl https://e.com/a -H 'Accept:' <URL>");
        assert_eq!(import.items.len(), 2, "{:#?}", import.items);
        let (request, _) = request_and_notes("curl -H 'X-Trace:' <api host>/v1");
        assert_eq!(request.url, "{{api_host}}/v1");
    }

    #[test]
    fn a_notebooks_shell_cells_are_its_code_blocks() {
        let notebook = r###"{
 "cells": [
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": [
    "## Create a user\n",
    "Send the name:"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {},
   "outputs": [],
   "source": [
    "!curl -X POST https://e.com/users \\\n",
    "  -d 'name=a'"
   ]
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 4
}"###;
        let read = imported(notebook);
        assert_eq!(read.items.len(), 1, "{:#?}", read.items);
        let spec = &read.items[0].spec;
        assert_eq!(spec.title, "Create a user");
        assert_eq!(spec.request.url, "https://e.com/users");
        assert!(read.notes[0].message.starts_with("a Jupyter notebook"));
        let error = import(&notebook.replace("!curl", "!wget")).unwrap_err();
        assert!(error.starts_with("a Jupyter notebook none of"), "{error}");
    }

    #[test]
    fn what_an_offered_value_reads_from_the_environment_is_noted() {
        let read = imported("B=\"x-$T\"\ncurl -d \"$B\" https://e.com/mr");
        assert_eq!(read.variables.get("B").map(String::as_str), Some("x-{{T}}"));
        assert!(
            read.notes
                .iter()
                .any(|n| n.message.starts_with("`T` is read from the environment")),
            "{:#?}",
            read.notes
        );
        // a value read only in credentials is a secret: what it reads is not offered
        let read = imported("A=\"Bearer $T\"\ncurl -H \"Authorization: $A\" https://e.com/a");
        assert!(!read.notes.iter().any(|n| n.message.starts_with("`T`")));
    }

    #[test]
    fn curl_run_by_xargs_gets_the_input_xargs_gives_it() {
        let (request, notes) =
            request_and_notes("echo id1 | xargs -I{} curl -X DELETE \"https://e.com/r/{}\"");
        assert_eq!(request.url, "https://e.com/r/id1");
        assert!(
            notes.iter().any(|n| n.contains("replaced by the line")),
            "{notes:?}"
        );
        let (request, _) =
            request_and_notes("cat ids | xargs -I % curl -X DELETE \"https://e.com/r/%\"");
        assert_eq!(request.url, "https://e.com/r/{{input}}");
        let (request, _) = request_and_notes("echo https://e.com/a | xargs curl -s");
        assert_eq!(request.url, "https://e.com/a");
        // the same curl in a script xargs gives a shell
        let (request, _) = request_and_notes(
            "cat ids.txt | xargs -I{} sh -c 'curl -s -X DELETE https://e.com/r/{}'",
        );
        assert_eq!(request.url, "https://e.com/r/{{input}}");
        let (request, _) =
            request_and_notes("echo id1 | xargs -I % bash -c \"curl -X DELETE https://e.com/r/%\"");
        assert_eq!(request.url, "https://e.com/r/id1");
        let (request, notes) = request_and_notes("ls | xargs -n1 curl -d @- https://e.com/up");
        assert_eq!(request.url, "https://e.com/up");
        assert!(
            notes.iter().any(|n| n.contains("cannot know: left out")),
            "{notes:?}"
        );
        assert_eq!(
            xargs_replaced(&["--replace=ID".into()]).as_deref(),
            Some("ID")
        );
        assert_eq!(
            xargs_replaced(&["-0".into(), "-i".into()]).as_deref(),
            Some("{}")
        );
    }

    #[test]
    fn curls_output_assigned_is_a_request_commented_out_or_piped_into() {
        let import = imported(
            "// T=$(curl -k https://e.com/a --request POST)\n\n// curl -X POST -H \"C: $T\" https://e.com/b",
        );
        let urls = urls_of(&import);
        assert_eq!(urls, ["https://e.com/a", "https://e.com/b"]);
        let (request, _) =
            request_and_notes("code=$(printf 'user = \"a:b\"\\n' | curl -s -K - https://e.com/x)");
        assert!(
            matches!(&request.auth, Some(AuthSpec::Basic(b)) if b.username == "a"),
            "{request:?}"
        );
        let (request, _) = request_and_notes("code=$(echo hi | curl -s -d @- https://e.com/x)");
        assert!(
            matches!(&request.body, Some(BodySpec::Raw(raw)) if raw == "hi"),
            "{request:?}"
        );
    }

    #[test]
    fn a_variable_given_its_own_default_or_trimmed() {
        let read = imported("R=\"${R:-eu1}\"\ncurl \"https://app.$R.example/x\"");
        assert_eq!(
            read.items[0].spec.request.url,
            "https://app.{{R}}.example/x"
        );
        assert_eq!(read.variables.get("R").map(String::as_str), Some("eu1"));
        assert!(!read.notes.iter().any(|n| n.message.contains("is not curl")));
        // a text taken off a value is not evaluated: the variable, noted, and no value offered
        let read = imported("E=https://e.com/\ncurl -I \"${E%/}/x\"");
        assert_eq!(read.items[0].spec.request.url, "{{E}}/x");
        assert!(read.variables.is_empty(), "{:?}", read.variables);
        assert!(
            read.notes
                .iter()
                .any(|n| n.message.starts_with("`${E%/}` takes a text off `E`"))
        );
        let read = imported("B=\"${C##s3://}\"\ncurl -I \"https://h.example/$B\"");
        assert!(
            read.notes
                .iter()
                .any(|n| n.message.starts_with("`${C##s3://}` takes"))
        );
    }

    #[test]
    fn a_sections_title_goes_past_the_request_whose_response_the_block_keeps() {
        let read = imported(
            "### Create an order\n\nFirst log in.\n\n```bash\nTOKEN=$(curl -s -X POST https://e.com/login -d 'user=a' | jq -r .token)\ncurl -X POST https://e.com/orders -H \"Authorization: Bearer $TOKEN\"\n```\n",
        );
        let titles = titles_of(&read);
        assert_eq!(titles, ["POST /login", "Create an order"]);
        assert_eq!(read.items[1].spec.prose, "First log in.");
    }

    // Mintlify shows a page's `<RequestExample>` beside the whole page, whatever section
    // it is written in
    #[test]
    fn a_pages_own_example_takes_the_pages_title_and_lead() {
        let read = imported(
            "# Retrieve Attachment\n\nRetrieve one attachment.\n\n## Path Parameters\n\n<ParamField path=\"id\" type=\"string\" required>\n  The Attachment ID.\n</ParamField>\n\n<RequestExample>\n  ```bash cURL\n  curl https://e.com/attachments/1\n  ```\n</RequestExample>\n\n## Other\n\nText.\n\n```bash\ncurl https://e.com/other\n```\n",
        );
        let specs: Vec<(&str, &str)> = read
            .items
            .iter()
            .map(|i| (i.spec.title.as_str(), i.spec.prose.as_str()))
            .collect();
        assert_eq!(
            specs,
            [
                ("Retrieve Attachment", "Retrieve one attachment."),
                ("Other", "Text.")
            ]
        );
        // in a section that names the request, the section's
        let read = imported(
            "---\ntitle: API Reference\n---\n\nIntro.\n\n## Example: Trigger a webhook\n\n<RequestExample>\n```bash cURL\ncurl -X POST https://e.com/hooks/1\n```\n</RequestExample>\n",
        );
        assert_eq!(read.items[0].spec.title, "Trigger a webhook");
        // a section of what the request takes, or a request example in Ukrainian, titles none
        let read = imported(
            "## Get notes\n\n### Optional parameters\n\n```bash\ncurl https://e.com/notes\n```\n\n## Запитати час\n\n### Приклад запиту\n\n```bash\ncurl https://e.com/time\n```\n",
        );
        let titles = titles_of(&read);
        assert_eq!(titles, ["Get notes", "Запитати час"]);
    }

    #[test]
    fn a_client_certificate_and_another_host_are_said_to_be_left_out() {
        let (_, notes) = request_and_notes(
            "curl https://e.com:8443/f --cert $X509_USER_PROXY --cacert ca.pem -H 'Host: app.example'",
        );
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("`--cert` is a client certificate's")),
            "{notes:?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n == "`--cacert` does not change the request; ignored"),
            "{notes:?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("a `Host` other than the URL's")),
            "{notes:?}"
        );
    }

    #[test]
    fn a_justfiles_variables_are_offered() {
        let read = imported(
            "CURL := \"curl -s\"\nexport HOST := \"http://127.0.0.1:8080\"\n\nhello:\n  curl \"{{HOST}}/hello?name=x\"\n",
        );
        assert_eq!(read.items.len(), 1, "{:#?}", read.items);
        assert_eq!(read.items[0].spec.request.url, "{{HOST}}/hello?name=x");
        assert_eq!(
            read.variables.get("HOST").map(String::as_str),
            Some("http://127.0.0.1:8080")
        );
        assert!(
            !read.notes.iter().any(|n| n.message.contains("no URL")),
            "{:#?}",
            read.notes
        );
        // the command a variable names, as just gives it; a recipe's lines without its indent
        let read = imported(
            "HOST := \"http://127.0.0.1:8080\"\nCURL := \"curl -s\"\n\npost:\n  payload=$(cat <<-JSON\n  {\"a\": 1}\n  JSON\n  )\n  {{CURL}} -X POST {{HOST}}/schema -d \"$payload\"\n",
        );
        assert_eq!(read.items.len(), 1, "{:#?}", read.items);
        assert_eq!(read.items[0].spec.request.url, "{{HOST}}/schema");
        assert_eq!(
            read.variables.get("payload").map(String::as_str),
            Some("{\"a\": 1}")
        );
    }

    // the review `wild`'s cosmos.justfile: a shebang recipe with a parameter's default, and
    // no `:=` assignment
    #[test]
    fn a_justfiles_shebang_recipe_and_parameters_are_read() {
        let read = imported(concat!(
            "set shell := [\"bash\", \"-c\"]\n",
            "infer prompt=\"hi\" url=server_url:\n",
            "    #!/usr/bin/env bash\n",
            "    curl -sS -X POST \"http://127.0.0.1:8080/v1/chat\" \\\n",
            "      -H \"Content-Type: application/json\" \\\n",
            "      --data-binary @- <<EOF\n",
            "    {\n",
            "      \"text\": \"{{prompt}}\"\n",
            "    }\n",
            "    EOF\n",
        ));
        assert_eq!(read.items.len(), 1, "{:#?}", read.items);
        assert_eq!(
            raw_body(&read, 0),
            Some("{\n  \"text\": \"{{prompt}}\"\n}\n")
        );
        assert_eq!(read.variables.get("prompt").map(String::as_str), Some("hi"));
        // an unquoted default is an expression of just's, no text
        assert_eq!(read.variables.get("url"), None);
        // the recipe's header is no command
        assert!(!noted(&read, "is not curl"), "{:#?}", read.notes);
    }

    // a Dockerfile read as RUN lines: its healthcheck's curl is a command too
    // Widdershins' include files (`includes/_users.md`) lack the front matter that marks a
    // Slate page, but caption each operation's blocks `> Code samples`
    #[test]
    fn a_widdershins_include_file_is_read_as_slate_pages_are() {
        let page = "## Get All Users\n\n<a id=\"opIdlistUsers\"></a>\n\n> Code samples\n\n```shell\ncurl -X GET https://api.example.com/api/v2/user/ -H 'Accept: application/json'\n```\n\n```javascript\nfetch('/api/v2/user/');\n```\n\nThis endpoint retrieves the list of all users.\n";
        let import = super::import(page).unwrap();
        assert_eq!(import.items[0].spec.title, "Get All Users");
        assert_eq!(
            import.items[0].spec.prose,
            "This endpoint retrieves the list of all users."
        );
    }

    // Datadog's pages end their here-documents `EOF  `, which bash does not take for the end
    #[test]
    fn a_here_document_end_with_blanks_after_it_is_noted() {
        let import = imported(
            "curl -X POST https://e.com/a -H 'Content-Type: application/json' -d @- << EOF\n{\n  \"a\": 1\n}\nEOF  \n",
        );
        assert_eq!(raw_body(&import, 0), Some("{  \"a\": 1}"));
        assert!(
            noted(&import, "`EOF` with blanks before or after it"),
            "{:?}",
            import.notes
        );
    }

    // Clarifai's pages: each tab a `<CodeBlock>` of a file the page imports
    #[test]
    fn an_mdx_page_of_imported_code_names_the_files() {
        let page = "# Create\n\nimport A from \"!!raw-loader!./code/create.sh\";\nimport B from './code/list.sh?raw';\n\n<Tabs>\n<TabItem value=\"curl\">\n    <CodeBlock className=\"language-bash\">{A}</CodeBlock>\n</TabItem>\n</Tabs>\n";
        let error = super::import(page).unwrap_err();
        assert!(
            error.contains("imports (`./code/create.sh`, `./code/list.sh`)"),
            "{error}"
        );
        // with front matter, as Clarifai's pages have it, too
        let error = super::import(&format!("---\ntitle: Create\n---\n{page}")).unwrap_err();
        assert!(
            error.contains("an MDX page whose code blocks show files it imports"),
            "{error}"
        );
    }

    // curl 8.3's variables, expanded by the `--expand-…` options with their functions
    #[test]
    fn curl_variables_are_expanded_where_an_expand_option_says() {
        let import = imported(concat!(
            "curl --variable 'v= a \"b\" ' --variable %HOME --variable 'f@x.txt' ",
            "--expand-data 'x={{v:trim:url}}&y={{v:b64}}&j={{v:trim:json}}&h={{HOME}}&f={{f:url}}&k={{none}}&l=\\{{v}}' ",
            "--expand-url 'https://e.com/{{v:trim:url}}' -H 'X-V: {{v}}'",
        ));
        let spec = &import.items[0].spec;
        assert_eq!(spec.request.url, "https://e.com/a%20%22b%22");
        assert_eq!(
            raw_body(&import, 0),
            Some("x=a%20%22b%22&y=IGEgImIiIA==&j=a \\\"b\\\"&h={{HOME}}&f={{f}}&k=&l={{v}}")
        );
        // an option that does not expand leaves `{{v}}`, a spec variable, as written
        let yaml = crate::import::to_yaml(spec);
        assert!(yaml.contains("X-V: '{{v}}'"), "{yaml}");
        assert!(noted(
            &import,
            "`{{f:url}}` applies `url` to a value samplegen does not have"
        ));
        assert!(noted(&import, "reads the variable from a file"));
        assert!(noted(
            &import,
            "`{{none}}` names no `--variable` of the command, so curl inserts nothing there"
        ));
    }

    // ownCloud's DTN README: a command in a quote, beside one in a block
    #[test]
    fn a_curl_command_outside_code_blocks_is_noted() {
        let page = "# DTN\n\nCall example:\n>curl -u admin:pw https://h.example/dtn/x\n\ncurl https://h.example/in-prose\n\n```bash\ncurl https://h.example/status.php\n# curl -X not-this\n```\n\n    curl https://h.example/indented\n";
        let import = super::import(page).unwrap();
        // the block's and the indented code block's
        assert_eq!(import.items.len(), 2);
        assert!(
            noted(
                &import,
                "line(s) 4, 6 write a curl command outside a code block"
            ),
            "{:?}",
            import.notes
        );
    }

    // Bright Data's Mintlify page: a response field's description is no request's prose
    #[test]
    fn a_fields_description_is_no_prose() {
        let page = "# Retrieve results\n\n> Fetch ranked search results.\n\n<ResponseField name=\"status\" type=\"string\">\n  The status: `processing` or `done`\n  <Expandable title=\"more\">\n    <ResponseField name=\"x\" />\n  </Expandable>\n</ResponseField>\n\n<RequestExample>\n  ```bash Retrieve Results theme={null}\n  curl \"https://api.example.com/discover?task_id=1\"\n  ```\n</RequestExample>\n";
        let import = super::import(page).unwrap();
        let prose = import.items[0].spec.prose.clone();
        assert!(!prose.contains("status"), "{prose}");
        assert!(prose.contains("Fetch ranked search results."), "{prose}");
    }

    // Webflow's Fern page: an MDX comment above the code shows nothing, and is no prose
    #[test]
    fn an_mdx_comment_is_no_prose() {
        let page = "# List components\n\nLists them.\n{/* TODO: document paging\n   later */}\n\n```bash\ncurl https://api.webflow.com/v2/sites/1/components\n```\n";
        let import = super::import(page).unwrap();
        assert_eq!(import.items[0].spec.prose.trim(), "Lists them.");
        // in a code span, MDX shows it as written
        let spanned = page.replace("Lists them.", "Use the `{/* id */}` placeholder.");
        let import = super::import(&spanned).unwrap();
        assert_eq!(
            import.items[0].spec.prose.trim(),
            "Use the `{/* id */}` placeholder."
        );
    }

    // Mintlify's and docusaurus-openapi-docs' generated pages hold no command: the document does
    #[test]
    fn a_page_generated_from_an_openapi_document_says_to_import_the_document() {
        for (page, mark) in [
            (
                "---\ntitle: \"Create user\"\nopenapi: \"POST /users\"\n---\n",
                "`openapi: \"POST /users\"`",
            ),
            (
                "<MethodEndpoint method={\"post\"} path={\"/chat\"} />\n\nReturns a reply.\n",
                "`<MethodEndpoint …>`",
            ),
            (
                "---\ntitle: Chat\napi: eJx\n---\n\n<MethodEndpoint method={\"post\"} />\n\n```json\n{}\n```\n",
                "`api: eJx`",
            ),
        ] {
            let error = super::import(page).unwrap_err();
            assert!(
                error.starts_with(&format!(
                    "a page generated from an OpenAPI document ({mark})"
                )),
                "{error}"
            );
        }
        let plain = super::import("---\ntitle: Notes\n---\n\nNothing to run here.\n").unwrap_err();
        assert!(
            plain.starts_with("a Markdown page with no shell code block"),
            "{plain}"
        );
    }

    // a Spring REST Docs guide: its requests are the snippets the tests wrote, included
    #[test]
    fn an_asciidoc_page_of_included_requests_names_the_files() {
        let guide = "= API Guide\n:snippets: ../target/generated-snippets\ninclude::_attributes.adoc[]\n\n== Listing notes\n\nA `GET` lists them.\n\ninclude::{snippets}/notes-list/curl-request.adoc[]\ninclude::{snippets}/notes-list/http-response.adoc[]\n\n[source,bash]\n----\ninclude::examples/create.sh[]\n----\n";
        let error = super::import(guide).unwrap_err();
        assert!(
            error.contains("an AsciiDoc page whose requests are in the files it includes, `{snippets}/notes-list/curl-request.adoc` (line 9), `examples/create.sh` (line 14): import those files instead"),
            "{error}"
        );
        // beside a request written in the page, they are named in a note
        let mixed = guide.replace(
            "include::examples/create.sh[]",
            "$ curl 'http://localhost:8080/notes' -i -X POST -d '{\"a\":1}'",
        );
        let import = super::import(&mixed).unwrap();
        assert_eq!(import.items.len(), 1);
        assert!(
            noted(
                &import,
                "the page includes `{snippets}/notes-list/curl-request.adoc` (line 9), whose requests are not read here"
            ),
            "{:?}",
            import.notes
        );
    }

    // a Hugo shortcode in a command, `{{% … %}}` too, which is no Liquid tag of the page
    #[test]
    fn hugo_shortcodes_in_a_pages_command_are_variables() {
        let page = "# Get\n\n```bash\ncurl \"https://{{< param \"api_host\" >}}/v1?x={{% param token %}}\"\n```\n";
        assert_eq!(
            imported(page).items[0].spec.request.url,
            "https://{{api_host}}/v1?x={{token}}"
        );
    }

    // Balanced's Sphinx docs: the page's code is in the files it includes
    #[test]
    fn a_page_of_included_code_files_names_them() {
        let page = "Callbacks\n=========\n\nWe'll start receiving them.\n\n.. literalinclude:: examples/curl/callback-create.sh\n";
        let error = super::import(page).unwrap_err();
        assert!(
            error.contains("a page whose requests are in the files it includes into its code, `examples/curl/callback-create.sh` (line 6): import those files instead"),
            "{error}"
        );
    }

    // Facebook's docs served as Markdown: every quote of a block written as a reference
    #[test]
    fn a_code_block_with_its_quotes_escaped_throughout_is_read_decoded() {
        let page = "# Send\n\n```bash\ncurl -X POST -H &quot;Content-Type: application/json&quot; -d &#039;&#123;&quot;a&quot;:1&#125;&#039; &quot;https://e.com/m?x=1&amp;y=2&quot;\n```\n";
        let import = imported(page);
        let request = &import.items[0].spec.request;
        assert_eq!(request.url, "https://e.com/m?x=1&y=2");
        assert_eq!(raw_body(&import, 0), Some("{\"a\":1}"));
        assert!(noted(
            &import,
            "writes its quotes as HTML character references"
        ));
        // a block with a quote of its own writes what it means
        let page = "# Send\n\n```bash\ncurl -d 'a=&quot;b&quot;' https://e.com/m\n```\n";
        assert_eq!(raw_body(&imported(page), 0), Some("a=&quot;b&quot;"));
    }

    // GitLab's generic packages page: a CI job's upload in ```yaml, then the shell's requests
    #[test]
    fn a_configuration_block_beside_shell_blocks_with_curl_is_noted() {
        let page = "# Packages\n\n```yaml\nupload:\n  script:\n    - 'curl --header \"JOB-TOKEN: $CI_JOB_TOKEN\" --upload-file file.txt https://gitlab.example.com/api/v4/projects/1/packages/generic/p/1/file.txt'\n```\n\n## Download\n\n```bash\ncurl --header \"PRIVATE-TOKEN: t\" https://gitlab.example.com/api/v4/projects/1/packages/generic/p/1/file.txt\n```\n";
        let import = super::import(page).unwrap();
        assert_eq!(import.items.len(), 1);
        assert!(
            import.notes.iter().any(|n| n
                .message
                .contains("the configuration block(s) at line(s) 3")),
            "{:?}",
            import.notes
        );
    }

    #[test]
    fn a_dockerfiles_healthcheck_beside_its_run_lines_is_read() {
        let dockerfile = concat!(
            "FROM alpine\n",
            "RUN apk add --no-cache curl\n",
            // the words of a command left out are left out with it, `curl` among them
            "RUN apt-get update && apt-get install -y \\\n",
            "      curl \\\n",
            "      git \\\n",
            "  && rm -rf /var/lib/apt/lists/*\n",
            "RUN curl -fsSL https://get.example.com/install.sh -o /tmp/i.sh\n",
            "HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost:8080/health || exit 1\n",
        );
        let import = imported(dockerfile);
        assert_eq!(
            urls_of(&import),
            [
                "https://get.example.com/install.sh",
                "http://localhost:8080/health"
            ]
        );
    }

    // Docker joins an instruction's lines continued with `\`, an exec form's list among them
    #[test]
    fn a_dockerfiles_exec_form_continued_over_lines_is_read() {
        let dockerfile = concat!(
            "FROM nginx:1.25\n",
            "HEALTHCHECK --interval=30s --timeout=3s \\\n",
            "  CMD [\"curl\", \"-f\", \\\n",
            "       \"http://localhost:8080/health\"]\n",
            "RUN [\"curl\", \"-fsSL\", \"-o\", \"/tmp/x.tgz\", \\\n",
            "     \"https://e.com/x.tgz\"]\n",
            // a shell form's list in a body is text, not an exec form
            "RUN curl -X POST \\\n",
            "  -d '[\"a\", \\\n",
            "  \"b\"]' https://e.com/list\n",
        );
        let import = imported(dockerfile);
        assert_eq!(
            urls_of(&import),
            [
                "http://localhost:8080/health",
                "https://e.com/x.tgz",
                "https://e.com/list"
            ]
        );
        assert_eq!(raw_body(&import, 2), Some("[\"a\", \\\n  \"b\"]"));
        // the note on `-o` names the line the exec form starts on
        assert!(
            import
                .notes
                .iter()
                .any(|note| note.at.contains("line 5, word 2")),
            "{:?}",
            import.notes
        );
    }

    #[test]
    fn a_dockerfiles_run_commented_out_is_read() {
        for text in [
            "FROM alpine\n# RUN curl -X POST \\\n#   https://e.com/x \\\n#   -u a:b\n",
            "# RUN curl -X POST https://e.com/x -u a:b",
        ] {
            let (request, _) = request_and_notes(text);
            assert_eq!(request.url, "https://e.com/x", "{text}");
            assert!(matches!(request.auth, Some(AuthSpec::Basic(_))), "{text}");
        }
    }

    #[test]
    fn only_the_commands_spelling_runs_curl() {
        for prose in ["cURL command from the code", "Curl it from https://e.com/a"] {
            let error = import(prose).unwrap_err();
            assert!(error.starts_with("not a curl command"), "{prose}: {error}");
        }
        for command in ["CURL https://e.com/a", "Curl.exe https://e.com/a"] {
            assert_eq!(imported(command).items.len(), 1, "{command}");
        }
    }

    // vendors' docs and scripts, as their writers left them
    #[test]
    fn what_a_writer_meant_is_read_and_noted() {
        // Twilio's snippets write a template's output tag in the credentials
        let (twilio, _) = request_and_notes(
            "curl -XGET 'https://lookups.twilio.com/v1/PhoneNumbers/+1650' -u 'AC123:{{ auth_token }}'",
        );
        let Some(AuthSpec::Basic(basic)) = &twilio.auth else {
            panic!("{twilio:?}")
        };
        assert_eq!(basic.password, "{{auth_token}}");
        // a header's value over several lines, as Linode's docs write a filter
        let (linode, notes) = request_and_notes(
            "curl https://api.linode.com/v4/linode/types \\\n  -H '\n    X-Filter: {\n      \"memory\": {\"+gte\": 61440}\n    }'",
        );
        assert_eq!(
            linode.headers[0].get("X-Filter").unwrap().as_deref(),
            Some("{ \"memory\": {\"+gte\": 61440} }")
        );
        assert!(notes.iter().any(|n| n.contains("spans lines")), "{notes:?}");
        // a URL in backquotes, as if they quoted it (Meilisearch's samples)
        let (meili, notes) = request_and_notes(
            "curl \\\n  -X POST `http://localhost:7700/indexes/movies/documents` \\\n  --data-binary '[]'",
        );
        assert_eq!(meili.url, "http://localhost:7700/indexes/movies/documents");
        assert!(notes.iter().any(|n| n.contains("backquotes")), "{notes:?}");
        // a backquote left after the command by the page's code span
        let (solr, notes) =
            request_and_notes("$ curl \"http://localhost:8983/solr/films/select?q=*:*\"`");
        assert_eq!(solr.url, "http://localhost:8983/solr/films/select?q=*:*");
        assert!(
            notes.iter().any(|n| n.contains("a backquote ends")),
            "{notes:?}"
        );
        // a here-document whose delimiter is indented with the whole command, piped on
        let (orthanc, notes) = request_and_notes(
            "  curl http://localhost:8042/tools/find -d @- << EOF | json_pp\n  {\"Level\": \"Study\"}\n  EOF\n",
        );
        assert_eq!(
            orthanc.body.as_ref().and_then(BodySpec::raw),
            Some("  {\"Level\": \"Study\"}")
        );
        assert!(
            notes.iter().any(|n| n.contains("`EOF` with blanks before")),
            "{notes:?}"
        );
        // what `echo -e` and a prompted `echo` write, piped in
        let (clickhouse, _) = request_and_notes(
            "$ echo -ne '10\\n11\\n' | curl 'http://localhost:8123/?query=INSERT' --data-binary @-",
        );
        assert_eq!(
            clickhouse.body.as_ref().and_then(BodySpec::raw),
            Some("10\n11\n")
        );
        // a placeholder of words, unquoted, where bash would read redirections (seats.io)
        let (seats, _) = request_and_notes(
            "curl -u <workspace secret key>: https://api-{region}.seatsio.net/charts",
        );
        let Some(AuthSpec::Basic(basic)) = &seats.auth else {
            panic!("{seats:?}")
        };
        assert_eq!(basic.username, "{{workspace_secret_key}}");
        assert_eq!(seats.url, "https://api-{{region}}.seatsio.net/charts");
        // in another script, whose letters take several bytes each: the words after it stay
        // words of their own (a Chinese README's `-d secret_token=<与 Worker 相同>`)
        let (webhook, _) =
            request_and_notes("curl https://e.com/a -d token=<与 Worker 相同> -d other=1");
        let Some(BodySpec::Urlencoded(fields)) = &webhook.body else {
            panic!("a form: {webhook:?}")
        };
        assert_eq!(
            fields[0]["token"].as_deref(),
            Some("{{Yu_Worker_Xiang_Tong}}")
        );
        assert_eq!(fields[1]["other"].as_deref(), Some("1"));
        let (me, _) = request_and_notes("curl https://e.com/me -u me:<与 a> -d other=1");
        let Some(AuthSpec::Basic(basic)) = &me.auth else {
            panic!("{me:?}")
        };
        assert_eq!(basic.password, "{{Yu_a}}");
        assert_eq!(me.method, "POST");
        // while a file's redirections stay redirections
        let (upload, notes) = request_and_notes("curl -T - https://e.com/u <in.txt >out.txt");
        assert_eq!(upload.url, "https://e.com/u");
        assert!(notes.iter().any(|n| n.contains("`> out.txt`")), "{notes:?}");
        // a docs site's template tag, unquoted, blanks inside (Yandex Cloud's pages)
        let (queue, _) = request_and_notes(
            "curl -X POST --data-urlencode 'Action=SendMessage' https://message-queue.{{ api-host }}/",
        );
        assert_eq!(queue.url, "https://message-queue.{{api-host}}/");
        // a JSON body's placeholders, in a string or for a value; not XML's, nor markup in JSON
        let (assistant, notes) = request_and_notes(
            "curl https://e.com/runs -H 'Content-Type: application/json' -d '{\"assistant_id\": <ASSISTANT_ID>, \"model\": \"<MODEL_UID>\", \"html\": \"<b>x</b>\"}'",
        );
        assert_eq!(
            assistant.body.as_ref().and_then(BodySpec::raw),
            Some(
                "{\"assistant_id\": {{ASSISTANT_ID}}, \"model\": \"{{MODEL_UID}}\", \"html\": \"<b>x</b>\"}"
            )
        );
        assert!(
            notes.iter().any(|n| n.contains("`<ASSISTANT_ID>`")),
            "{notes:?}"
        );
        // a `{NAME}` a header takes as a placeholder is the same one in the JSON body; one the
        // command takes nowhere else, and a `{{variable}}`, stay
        let (org, _) = request_and_notes(
            "curl https://e.com/c -H 'X-Org: {ORG_ID}' -d '{\"org\": \"{ORG_ID}\", \"v\": \"{{ORG_ID}}\", \"n\": {ORG_ID}, \"o\": \"{OTHER}\"}'",
        );
        assert_eq!(
            org.body.as_ref().and_then(BodySpec::raw),
            Some(
                "{\"org\": \"{{ORG_ID}}\", \"v\": \"{{ORG_ID}}\", \"n\": {{ORG_ID}}, \"o\": \"{OTHER}\"}"
            )
        );
        let (xml, _) = request_and_notes(
            "curl https://e.com/x -H 'Content-Type: application/xml' -d '<Order><ID>1</ID></Order>'",
        );
        assert_eq!(
            xml.body.as_ref().and_then(BodySpec::raw),
            Some("<Order><ID>1</ID></Order>")
        );
        // blanks in a quoted URL, which curl refuses: noted
        let (_, notes) = request_and_notes(
            "curl -s --user 'U:P' \"https://www.pivotaltracker.com/services/v5/me -o me.json\"",
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("holds a blank") && n.contains("move it out")),
            "{notes:?}"
        );
    }

    #[test]
    fn a_scripts_words_around_curl_are_the_shells() {
        // the output kept in a variable, the `)` on a line of its own
        let (notion, _) = request_and_notes(
            "CHILDREN=$(curl 'https://api.notion.com/v1/blocks/b1/children' \\\n  -H \"Notion-Version: 2022-02-22\"\n  )\n",
        );
        assert_eq!(notion.url, "https://api.notion.com/v1/blocks/b1/children");
        // in a loop's body
        let (paged, _) = request_and_notes(
            "offset=0\nwhile :; do\n  page=$(curl -sS \"https://e.com/apps?offset=${offset}\")\n  offset=$((offset+200))\ndone\n",
        );
        assert_eq!(paged.url, "https://e.com/apps?offset={{offset}}");
        // an unquoted variable of options beside the URL is no second URL
        let (registry, notes) = request_and_notes(
            "curl $auth -X DELETE -sI -k \"https://registry.example.com/v2/app/manifests/x\"",
        );
        assert_eq!(registry.method, "DELETE");
        assert!(notes.iter().any(|n| n.contains("`$auth`")), "{notes:?}");
        // braces escaped from curl's globbing are braces, not a placeholder
        let (datadog, _) = request_and_notes(
            "curl \"https://api.datadoghq.com/api/v1/query?query=avg:cpu\\{*\\}by\\{host\\}\"",
        );
        assert_eq!(
            datadog.url,
            "https://api.datadoghq.com/api/v1/query?query=avg:cpu{*}by{host}"
        );
        // prompts of several words: zsh's, with its continuation prompts, a virtualenv's, a
        // Codespace's
        let (zsh, _) = request_and_notes(
            "me@MacBook-Pro ~ % curl -X PUT \"localhost:9200/user/_doc/1\" -d'\nquote> {\"a\": 1}\nquote> '",
        );
        assert_eq!(
            zsh.body.as_ref().and_then(BodySpec::raw),
            Some("\n{\"a\": 1}\n")
        );
        for prompted in [
            "(venv) $ curl https://e.com/a",
            "@me ➜ /workspaces/api (main) $ curl https://e.com/a",
            "➜  api git:(main) ✗ curl https://e.com/a",
        ] {
            assert_eq!(request_and_notes(prompted).0.url, "https://e.com/a");
        }
        // words that are no prompt stay a command's
        assert!(super::import("a = b curl https://e.com/a").is_err());
    }

    // as found in READMEs, blog posts and issues
    #[test]
    fn a_command_set_in_type_is_read_as_typed() {
        let import = imported(
            "curl –X POST http://localhost:8000/items/ –H “Content-Type: application/json” \\\n  —data-binary ‘{“user”: “user1”, “num”: 4}’",
        );
        assert_eq!(import.items.len(), 1, "{:?}", import.notes);
        let request = &import.items[0].spec.request;
        assert_eq!(request.method, "POST");
        assert_eq!(request.url, "http://localhost:8000/items/");
        assert_eq!(
            request.headers[0]["Content-Type"].as_deref(),
            Some("application/json")
        );
        assert!(
            matches!(&request.body, Some(BodySpec::Raw(raw)) if raw == r#"{"user": "user1", "num": 4}"#),
            "{:?}",
            request.body
        );
        assert_eq!(kinds(&import), ["shell"]);
        // typed in ASCII, a body's typographic quotes are its text
        let import = imported(
            r#"curl -d '{"title": "“Dune”"}' -H 'Content-Type: application/json' https://e.com/books"#,
        );
        assert!(
            matches!(&import.items[0].spec.request.body, Some(BodySpec::Raw(raw)) if raw.contains("“Dune”"))
        );
        assert!(import.notes.is_empty(), "{:?}", import.notes);
        // the JSON inside ASCII quotes set in type with the rest
        let import = imported(
            "curl -X POST http://localhost:5088/api/tasks -H “Content-Type: application/json” -d '{“userId”:”user-001”,”title”:”test”}'",
        );
        assert!(
            matches!(&import.items[0].spec.request.body, Some(BodySpec::Raw(raw)) if raw == r#"{"userId":"user-001","title":"test"}"#)
        );
        assert_eq!(kinds(&import), ["shell", "body"]);
        // not when that would not make JSON, nor in a command typed in ASCII
        for text in [
            "curl https://e.com -H “Content-Type: application/json” -d '{“title”:”a “b” c”}'",
            "curl https://e.com -H 'Content-Type: application/json' -d '{“title”:”test”}'",
        ] {
            let import = imported(text);
            assert!(
                matches!(&import.items[0].spec.request.body, Some(BodySpec::Raw(raw)) if raw.contains('”')),
                "{text}"
            );
            assert!(!kinds(&import).contains(&"body"), "{text}");
        }
    }

    #[test]
    fn a_long_option_may_be_shortened_to_what_it_alone_begins_with() {
        let spec = spec_of("curl --dump - --insec --data-r 'a b' https://e.com/a");
        assert_eq!(spec.request.url, "https://e.com/a");
        assert!(matches!(&spec.request.body, Some(BodySpec::Raw(raw)) if raw == "a b"));
        assert_eq!(option_by_prefix("d"), None, "`--d` begins many");
        // set in type, a letter alone is the short option
        assert_eq!(option_dashes("x"), Some("-"));
        assert_eq!(option_dashes("insec"), Some("--"));
        assert_eq!(option_by_prefix(""), None);
        assert_eq!(
            long_option("data"),
            Some(("data", true)),
            "a whole name is itself"
        );
    }

    // curl 7.88 matches long names in any letter case (a Hadoop script's `--data-urlEncode`)
    // a PushOver wrapper finds curl first: `CURL="$(which curl)"`, then `"$CURL" -s …`
    #[test]
    fn a_variable_that_holds_curls_path_runs_curl() {
        for set in [
            "CURL=\"$(which curl)\"",
            "CURL=$(command -v curl)",
            "CURL=/usr/bin/curl",
        ] {
            let import = imported(&format!(
                "{set}\n\"$CURL\" -s --form-string 'token=a' https://api.e.com/1/messages\n"
            ));
            assert_eq!(import.items.len(), 1, "{set}");
            assert_eq!(
                import.items[0].spec.request.url,
                "https://api.e.com/1/messages"
            );
            // (only the assignment's own line says it is no curl command)
            assert!(
                import
                    .notes
                    .iter()
                    .all(|n| n.kind == "command" || !n.message.contains("CURL")),
                "{set}: {:?}",
                import.notes
            );
        }
        assert!(!names_curls_path("$(which wget)"));
    }

    // a batch file's and a PowerShell script's notes name the line, as a shell script's do
    #[test]
    fn notes_on_a_batch_file_or_powershell_script_name_its_lines() {
        let batch = "@echo off\r\nREM upload\r\nset HOST=https://e.com\r\n\r\ncurl -k %HOST%/a\r\ncurl -k %HOST%/b\r\n";
        let import = imported(batch);
        let places: Vec<&str> = import
            .notes
            .iter()
            .filter(|n| n.message.contains("`-k`"))
            .map(|n| n.at.as_str())
            .collect();
        assert!(places[0].starts_with("line 5"), "{:?}", import.notes);
        assert!(places[1].starts_with("line 6"), "{:?}", import.notes);
        let script = "$ErrorActionPreference = 'Stop'\n$token = $env:TOKEN\n\ncurl.exe -k -H \"Authorization: Bearer $token\" https://e.com/a\n";
        let import = imported(script);
        assert!(
            import
                .notes
                .iter()
                .any(|n| n.message.contains("`-k`") && n.at.starts_with("line 4")),
            "{:?}",
            import.notes
        );
    }

    // a page's install step (k3s, Docker's convenience script) runs a download; `| python -m
    // json.tool` only shows the answer
    #[test]
    fn a_download_piped_into_a_shell_is_no_request() {
        let words = |text: &str| text.split(' ').map(String::from).collect::<Vec<_>>();
        for runner in [
            "sh -",
            "sudo -E bash -",
            "bash -s -- --version 2",
            "python3",
            "iex",
        ] {
            assert!(script_runner(&words(runner)).is_some(), "{runner}");
        }
        for other in [
            "python -m json.tool",
            "python -mjson.tool",
            "jq .",
            "sh -c 'x'",
            "tee out.json",
            "bash run.sh",
            "node -e x",
        ] {
            assert_eq!(script_runner(&words(other)), None, "{other}");
        }
        let import = imported(
            "curl -sfL https://get.k3s.io | sh -\ncurl -s https://api.e.com/v1/items | python -m json.tool\n",
        );
        assert_eq!(import.items.len(), 1);
        assert_eq!(
            import.items[0].spec.request.url,
            "https://api.e.com/v1/items"
        );
        assert!(noted(&import, "piped into `sh`"), "{:?}", import.notes);
    }

    #[test]
    fn a_long_option_is_read_in_any_letter_case() {
        let spec = spec_of(
            "curl --Request PUT --Header 'X-A: 1' --data-urlEncode 'q=a b' --DATA-URL 'r=c' https://e.com/a",
        );
        assert_eq!(spec.request.method, "PUT");
        assert_eq!(
            crate::import::test_support::pairs(&spec.request.headers),
            [crate::import::test_support::pair("X-A", "1")]
        );
        assert_eq!(
            format!("{:?}", spec.request.body),
            r#"Some(Urlencoded([{"q": Some("a b")}, {"r": Some("c")}]))"#
        );
    }

    #[test]
    fn a_word_curl_cannot_parse_as_a_url_is_left_out_and_the_others_go() {
        // the first `-H` takes the second as its header
        let import = imported(
            "curl -H -H 'Content-type: application/json' -d '{\"a\":1}' http://e.com:8090/run",
        );
        assert_eq!(import.items.len(), 1);
        assert_eq!(import.items[0].spec.request.url, "http://e.com:8090/run");
        let left_out = import.notes.iter().find(|n| n.kind == "left-out").unwrap();
        assert!(
            left_out
                .message
                .starts_with("`Content-type: application/json` is no URL"),
            "{left_out:?}"
        );
        // alone, it is the error
        let error = super::import("curl 'http://a b/c'").unwrap_err();
        assert!(error.contains("is no URL curl can send"), "{error}");
    }

    // a page whose curl is in a component's string, not in a code block, says where it is (in
    // a template literal, `{`curl …`}`, a code span to Markdown, it is read: see below)
    #[test]
    fn a_page_with_curl_outside_its_blocks_says_where() {
        let page = "# Email\n\n```js\nsend()\n```\n\n<Code language=\"shell\">{\"curl -X POST https://e.com/mail -d a=1\"}</Code>\n\nRun `curl --help` for more.\n";
        let error = super::import(page).unwrap_err();
        assert!(
            error.ends_with("a curl command is written at line(s) 7, 9, where samplegen does not read one (not in a code block of the page's shell): put it in a ```bash block, or import it on its own"),
            "{error}"
        );
        // rows of a table cut from its header, each cell after a `|`
        let rows = super::import(
            "|1|*PUT*|`curl -X PUT /api/file -d {}`|\n|2|*GET*|`curl -X GET /api/file/{id}`|\n",
        )
        .unwrap_err();
        assert!(rows.contains("at line(s) 1, 2,"), "{rows}");
        let plain = super::import("# Email\n\n```js\nsend()\n```\n").unwrap_err();
        assert!(plain.ends_with("holds a curl command"), "{plain}");
        // a page without code blocks, read as commands: where its curl is, too
        let prose = super::import("API\n===\n\nCall it:\n\n.. http:example:: curl\n\nThen call curl -X POST on it, with your token.\n").unwrap_err();
        assert!(
            prose.starts_with("not a curl command: it starts with `API`")
                && prose.contains("at line(s) 8,"),
            "{prose}"
        );
    }

    // a page with no code block holding curl whose commands stand in code spans: a README's
    // sentence, a translated page whose blocks became spans over several lines, a component's
    // template literal; each span a block of its own, below its heading, after its prose
    #[test]
    fn a_pages_curl_commands_in_code_spans_are_read_when_no_block_holds_one() {
        let translated = concat!(
            "# Publicar\n\n",
            "Enviar un mensaje:\n\n",
            "`     curl -d \"Backup successful\" ntfy.sh/mytopic\n",
            "    `\n\n",
            "## Título\n\n",
            "Con un título:\n\n",
            "`     curl -H \"X-Title: Dogs\" -d \"Oh my\" ntfy.sh/controversial\n",
            "    curl -H \"Title: Dogs\" -d \"Oh my\" \\\n",
            "      ntfy.sh/controversial\n",
            "    `\n",
        );
        let import = imported(translated);
        assert_eq!(
            urls_of(&import),
            [
                "http://ntfy.sh/mytopic",
                "http://ntfy.sh/controversial",
                "http://ntfy.sh/controversial"
            ]
        );
        let first = &import.items[0].spec;
        assert_eq!(first.title, "Publicar");
        assert_eq!(first.prose, "Enviar un mensaje:");
        assert_eq!(import.items[1].spec.title, "Título");
        assert_eq!(
            import.items[2].spec.request.headers[0]["Title"].as_deref(),
            Some("Dogs")
        );
        // each note names the line the command is on in the page
        assert!(
            import
                .notes
                .iter()
                .any(|note| note.at.starts_with("line 12")),
            "{:?}",
            import.notes
        );
        assert!(
            import.notes.iter().any(|note| note
                .message
                .contains("the curl commands its inline code writes")),
            "{:?}",
            import.notes
        );
        // a sentence keeps its span as its prose; `curl --help` is no request
        let readme = "# Health\n\nThe service answers on port 8080. Check it with `curl http://localhost:8080/health`.\n\nRun `curl --help` for options.\n";
        let import = imported(readme);
        assert_eq!(urls_of(&import), ["http://localhost:8080/health"]);
        assert_eq!(
            import.items[0].spec.prose,
            "The service answers on port 8080. Check it with `curl http://localhost:8080/health`."
        );
        // a span alone, or starting a sentence, with or without a heading above it
        for page in [
            "# Upload\n\n`curl -X POST http://e.com/up`\n",
            "`curl -X POST http://e.com/up`\n",
            "# Upload\n\n`curl -X POST http://e.com/up` to post it.\n",
            "Some text.\n`curl -X POST http://e.com/up`\n",
        ] {
            assert_eq!(urls_of(&imported(page)), ["http://e.com/up"], "{page}");
        }
        // list items with a span each, a code block after each: each item's own
        let items = "## Local\n\n* Runs it (test it with `curl http://localhost:3000/send`)\n\n```bash\nnpm start\n```\n\n* In a container (test it with `curl http://localhost:8080/send`)\n\n```bash\ndocker run demo\n```\n";
        let import = imported(items);
        assert_eq!(
            urls_of(&import),
            ["http://localhost:3000/send", "http://localhost:8080/send"]
        );
        assert!(import.items[1].spec.prose.starts_with("* In a container"));
        assert!(
            import.notes.iter().all(|note| note.kind == "page"),
            "{:?}",
            import.notes
        );
        // an MDX component's template literal, its markup left out
        let mdx = "# Email\n\n```js\nsend()\n```\n\n<Code language=\"shell\">\n{`\ncurl -X POST https://e.com/mail -d a=1\n`}\n</Code>\n";
        let import = imported(mdx);
        assert_eq!(urls_of(&import), ["https://e.com/mail"]);
        assert_eq!(import.items[0].spec.prose, "");
        // with JavaScript's escapes read: `\\` is the `\` the page shows
        let escaped = "# Email\n\n```js\nsend()\n```\n\n<Code language=\"shell\">\n{`\ncurl -X POST https://e.com/mail \\\\\n  -d a=1 \\\\\n  -H 'X: \\$y'\n`}\n</Code>\n";
        let import = imported(escaped);
        assert_eq!(urls_of(&import), ["https://e.com/mail"]);
        assert_eq!(
            import.items[0].spec.request.headers[0]["X"].as_deref(),
            Some("$y")
        );
        assert!(
            import.notes.iter().all(|note| note.kind == "page"),
            "{:?}",
            import.notes
        );
        // a workflow whose own commands run curl is read as one, not by a span in its text
        let workflow = "jobs:\n  t:\n    steps:\n      - run: echo \"Use `curl http://e.com/help` to check it.\"\n      - run: curl -X POST https://e.com/deploy\n";
        assert_eq!(urls_of(&imported(workflow)), ["https://e.com/deploy"]);
        // a script's comment and command substitution are no page and its span
        let script = "# Fetch a token with `curl https://auth.e.com/token`\nTOKEN=`curl -s https://auth.e.com/token`\ncurl -H \"Authorization: Bearer $TOKEN\" https://e.com/me\n";
        assert_eq!(
            urls_of(&imported(script)),
            ["https://auth.e.com/token", "https://e.com/me"]
        );
    }

    // the config `-K` reads may name the URL: the error says so
    #[test]
    fn a_command_whose_url_may_be_in_its_config_says_so() {
        let error = super::import("curl -k -K opts.txt").unwrap_err();
        assert!(
            error.contains("may be in the file it reads with `-K`"),
            "{error}"
        );
    }

    // make gives a recipe's variables their values before bash runs it, quotes or not, and
    // `$$` is the shell's `$`; a recipe's line alone (no rule around it) is read by the shell
    // with the same meaning where bash would read a command or a process id
    #[test]
    fn a_makefile_recipe_is_read_as_make_hands_it_to_the_shell() {
        let makefile = "URL ?= http://localhost:8010\n\ncheck:\n\tcurl -X POST \\\n\t\t-H 'X-Key: $(API_KEY)' \\\n\t\t-d '{\"at\": \"$(shell date +%s)\"}' \\\n\t\t'$(URL)/v2/check?user='$$USER\n";
        let import = imported(makefile);
        let request = &import.items[0].spec.request;
        assert_eq!(request.url, "{{URL}}/v2/check?user={{USER}}");
        assert_eq!(request.headers[0]["X-Key"].as_deref(), Some("{{API_KEY}}"));
        assert_eq!(
            request.body.as_ref().unwrap().raw(),
            Some("{\"at\": \"$(shell date +%s)\"}")
        );
        note_at(&import, "input", "`$(API_KEY)`, `$(URL)`, `$$`");
        note_at(&import, "input", "`$(shell …)` the output in their place");
        // the Makefile's own values are offered
        assert_eq!(import.variables["URL"], "http://localhost:8010");
        note_at(
            &import,
            "input",
            "the Makefile sets `URL` to `http://localhost:8010`",
        );
        // a blank line after the rule, and make's `@` (silent) before the command
        let silent = imported(
            "url = https://db.example

schema:

	@curl -X POST $(url)/admin/schema -d '$(BODY)'
",
        );
        let request = &silent.items[0].spec.request;
        assert_eq!(request.url, "{{url}}/admin/schema");
        assert_eq!(request.body.as_ref().unwrap().raw(), Some("{{BODY}}"));
        assert_eq!(silent.variables["url"], "https://db.example");
        let recipe =
            imported("\tcurl -H \"Authorization: Bearer $(TOKEN)\" \"$(BASE)/me?u=$$name\"");
        let request = &recipe.items[0].spec.request;
        assert_eq!(request.url, "{{BASE}}/me?u={{name}}");
        assert!(matches!(&request.auth, Some(AuthSpec::Bearer(t)) if t == "{{TOKEN}}"));
        note_at(
            &recipe,
            "command",
            "`$(TOKEN)`, `$(BASE)`, `$$name`: a Makefile recipe's syntax",
        );
        // a shell's own: a command's output, a process id
        let shell = spec("curl \"https://e.com/$(date +%s)?pid=$$\"");
        assert!(
            shell.request.url.contains("$(date +%s)"),
            "{}",
            shell.request.url
        );
    }

    // `curl --config - <<EOF` (scripts that keep secrets out of the process list): the options
    // on standard input are the command's, where `-K -` stands
    #[test]
    fn a_config_on_standard_input_is_read() {
        let piped = spec("echo url=https://e.com/u | curl -k -K -");
        assert_eq!(piped.request.url, "https://e.com/u");
        let script = "curl -s --config - <<EOF\nurl = \"https://e.com/api/subscriptions\"\n# a comment\n  request = \"POST\"\nsilent\n--header \"Authorization: Bearer $TOKEN\"\nform-string = \"callback_url=$CALLBACK\"\nform-string=\"note=a \\\"b\\\"\\tc\"\nEOF\n";
        let import = imported(script);
        let spec = &import.items[0].spec;
        assert_eq!(spec.request.method, "POST");
        assert_eq!(spec.request.url, "https://e.com/api/subscriptions");
        assert!(matches!(&spec.request.auth, Some(AuthSpec::Bearer(t)) if t == "{{TOKEN}}"));
        let Some(BodySpec::Formdata(parts)) = &spec.request.body else {
            panic!("a form: {:?}", spec.request.body)
        };
        assert!(
            matches!(&parts[0]["callback_url"], PartSpec::Text(Some(t)) if t == "{{CALLBACK}}")
        );
        assert!(matches!(&parts[1]["note"], PartSpec::Text(Some(t)) if t == "a \"b\"\tc"));
        note_at(
            &import,
            "line 1, command",
            "reads curl's options from standard input",
        );
        assert_eq!(
            config_words("url = \"https://e.com/a b\"\n-H \"X: 1\"\nverbose\nuser:joe:pw\n"),
            [
                "--url",
                "https://e.com/a b",
                "-H",
                "X: 1",
                "--verbose",
                "--user",
                "joe:pw"
            ]
        );
    }

    // a script's array element is the array's value, a variable like any other (one a
    // literal index names, a variable of its own)
    #[test]
    fn an_array_element_is_a_variable() {
        let import = imported(
            "curl -X DELETE \"http://h/keys/${CONFIG[$INDEX,$REGION]}-${POSTFIX}?force=${A[1]}x\"",
        );
        assert_eq!(
            import.items[0].spec.request.url,
            "http://h/keys/{{CONFIG}}-{{POSTFIX}}?force={{A_1}}x"
        );
    }

    // Terraform's and Jenkins' interpolations, which they fill in before the shell runs, whole
    #[test]
    fn template_interpolations_of_dotted_names_are_variables() {
        let import = imported(
            "curl -X PUT https://e.com/corps/${var.CORP_NAME}/sites/${fastly_service.main-site.id} -H x-api-token:${env.API_TOKEN} -d \"${A.}${1.a}\"",
        );
        let spec = &import.items[0].spec;
        assert_eq!(
            spec.request.url,
            "https://e.com/corps/{{var.CORP_NAME}}/sites/{{fastly_service.main-site.id}}"
        );
        assert_eq!(
            spec.request.headers[0]["x-api-token"].as_deref(),
            Some("{{API_TOKEN}}")
        );
        // not dotted names: kept as written
        assert!(
            matches!(&spec.request.body, Some(BodySpec::Raw(raw)) if raw == "${A.}${1.a}"),
            "{:?}",
            spec.request.body
        );
    }

    // a workflow's `run:` step, in which GitHub writes the values in before bash runs
    #[test]
    fn github_actions_expressions_are_secrets_and_variables() {
        let import = imported(
            "curl -X POST -H 'Authorization: token ${{ secrets.GH_TOKEN }}' -H \"X-Run: ${{env.RUN_ID}}\" https://api.github.com/repos/${{ github.repository }}/dispatches -d '{\"ref\": \"${{ format(1) }}\"}'",
        );
        let spec = &import.items[0].spec;
        assert_eq!(
            spec.request.url,
            "https://api.github.com/repos/{{github.repository}}/dispatches"
        );
        assert_eq!(
            spec.request.headers[0]["Authorization"].as_deref(),
            Some("token {{GH_TOKEN}}")
        );
        assert_eq!(
            spec.request.headers[1]["X-Run"].as_deref(),
            Some("{{RUN_ID}}")
        );
        assert!(
            matches!(&spec.secrets, Some(crate::sample_values::SecretsSpec::Names(n)) if n == &["GH_TOKEN", "RUN_ID"]),
            "{:?}",
            spec.secrets
        );
        assert!(
            matches!(&spec.request.body, Some(BodySpec::Raw(raw)) if raw.contains("${{ format(1) }}")),
            "{:?}",
            spec.request.body
        );
        // a value with no environment variable of its own is the reader's to give
        assert!(
            import.notes.iter().any(|n| n.message.starts_with(
                "`${{ github.repository }}` is a value GitHub Actions writes in before the shell runs: the spec names it `{{github.repository}}`"
            )),
            "{:#?}",
            import.notes
        );
    }

    #[test]
    fn a_process_substitutions_output_is_the_file_read() {
        // what printf or a here-document writes, samplegen can tell
        let import = imported(
            "curl -H 'Content-Type: application/json' --data-binary @<(printf '{\"a\":1}') http://e.com/p",
        );
        assert_eq!(import.items.len(), 1);
        let request = &import.items[0].spec.request;
        assert_eq!(request.url, "http://e.com/p");
        assert_eq!(
            request.body.as_ref().and_then(BodySpec::raw),
            Some("{\"a\":1}")
        );
        assert!(kinds(&import).is_empty(), "{:?}", import.notes);
        let (heredoc, _) = request_and_notes(
            "curl http://localhost:8080 -d @<(cat <<EOF\n{\n  \"me\": \"x\"\n}\nEOF\n)",
        );
        assert_eq!(
            heredoc.body.as_ref().and_then(BodySpec::raw),
            Some("{  \"me\": \"x\"}")
        );
        // what another command writes, it cannot: no body, noted
        let (script, notes) = request_and_notes(
            "curl -X POST https://api.digitalocean.com/v2/droplets --data @<(node create.js)",
        );
        assert!(script.body.is_none(), "{:?}", script.body);
        assert!(notes.iter().any(|n| n.contains("@<(…)")), "{notes:?}");
    }

    // `-T <(…)` uploads what the command writes; `-F f=@<(…)` too, as a file the shell names
    // (a text part here), and `-F g=<<(…)` as a text part; what samplegen cannot tell is noted
    #[test]
    fn a_process_substitution_uploaded_or_in_a_form() {
        let upload = imported("curl -XPOST http://h/x -T <(echo -n '{\"spam\": \"eggs\"}')");
        let spec = &upload.items[0].spec;
        assert_eq!(spec.request.method, "POST");
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("{\"spam\": \"eggs\"}")
        );
        let form =
            imported("curl -F f=@<(echo hi) -F 'g=<<(printf x)' -F h=@<(node a.js) http://h/y");
        let yaml = crate::import::to_yaml(&form.items[0].spec);
        assert!(yaml.contains("- f: |\n        hi\n    - g: x\n"), "{yaml}");
        assert!(!yaml.contains("node"), "{yaml}");
        let messages: Vec<&str> = form.notes.iter().map(|n| n.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains("the part is left out")),
            "{messages:?}"
        );
        // a substitution no spec holds is not said to be sent
        assert!(
            !messages
                .iter()
                .any(|m| m.contains("is a command the shell runs")),
            "{messages:?}"
        );
        let unknown = imported("curl -T <(node x.js) http://h/z");
        assert_eq!(unknown.items[0].spec.request.method, "PUT");
        assert!(unknown.items[0].spec.request.body.is_none());
    }

    // `\` and blanks ending a line continue the command, as its writer meant, noted
    #[test]
    fn a_backslash_and_blanks_ending_a_line_is_noted() {
        let import = imported(
            "curl -X POST https://e.com/r \\  \n  -H 'Content-Type: application/json' \\\n  -d '{}'",
        );
        let spec = &import.items[0].spec;
        assert_eq!(spec.request.body.as_ref().unwrap().raw(), Some("{}"));
        assert_eq!(kinds(&import), ["shell"]);
        assert!(
            import.notes[0]
                .message
                .contains("bash would take `\\ ` for a blank")
        );
        // a `\r` of a Windows line end is no blank
        let crlf = imported("curl -X POST https://e.com/r \\\r\n  -d '{}'");
        assert!(kinds(&crlf).is_empty(), "{:?}", crlf.notes);
    }

    // a page's block whose curl command gives a variable its output (`TOKEN=$(curl …)`)
    #[test]
    fn a_pages_block_of_a_substituted_curl_command_is_read() {
        let import = imported(
            "Get a token:\n\n```\nTOKEN=$(curl -d 'grant_type=password' -s https://kc.example/token | jq -r .access_token )\n```\n\nand use it:\n\n```\ncurl --oauth2-bearer \"$TOKEN\" https://api.example/v1/x\n```\n",
        );
        assert_eq!(import.items.len(), 2, "{:?}", import.notes);
        assert_eq!(import.items[0].spec.request.url, "https://kc.example/token");
    }

    #[test]
    fn unquoted_json_is_noted() {
        let import = imported(
            "curl http://e.com/signin -H 'content-type: application/json' --data-binary {\"email\":\"a@b.c\"}",
        );
        assert_eq!(kinds(&import), ["shell"]);
        assert!(import.notes[0].message.contains("quote the whole JSON"));
        // Box's docs: JSON in double quotes whose own first quote ends them
        let import = imported(
            "curl -X POST https://e.com/folders -d \"{\"name\":\"Docs\",\"parent\":{\"id\":\"0\"}}\"",
        );
        assert_eq!(kinds(&import), ["shell"]);
        assert_eq!(raw_body(&import, 0), Some("{name:Docs,parent:{id:0}}"));
        // a quoted word, or braces with no quote in them, are not
        for text in [
            "curl http://e.com -d '{\"a\":1}'",
            "curl http://e.com -d \"{\\\"a\\\":1}\"",
            "curl -d $'{\"to\": \"'${X}'\"}' http://e.com/x",
            "curl http://e.com/{a,b}",
            "curl http://e.com -d {}",
        ] {
            assert!(
                imported(text).notes.iter().all(|n| n.kind != "shell"),
                "{text}"
            );
        }
    }

    #[test]
    fn uploads_and_forms_that_curl_reads_its_own_way_are_noted() {
        // a URL given whole by a placeholder gets no file name
        let import = imported("curl -T wafr.zip '<PRESIGNED_URL>'");
        assert_eq!(import.items[0].spec.request.url, "{{PRESIGNED_URL}}");
        assert!(import.notes.iter().any(|n| {
            n.message
                .contains("uploads to `{{PRESIGNED_URL}}` as given")
        }));
        assert_eq!(
            imported("curl -T a.zip https://e.com/up/").items[0]
                .spec
                .request
                .url,
            "https://e.com/up/a.zip"
        );
        // `-F` with `-d`, which curl refuses
        let import = imported("curl -F 'test=@test.txt' -d 'name=foo' http://e.com/upload");
        assert!(matches!(
            &import.items[0].spec.request.body,
            Some(BodySpec::Formdata(_))
        ));
        assert!(noted(&import, "`-F` and `-d` together"));
    }

    #[test]
    fn a_markdown_link_for_the_url_is_its_target() {
        for text in [
            "curl -X GET [http://127.0.0.1:8000/configuration/](http://127.0.0.1:8000/configuration/)",
            "curl -X GET \"[127.0.0.1:8000/configuration/](http://127.0.0.1:8000/configuration/)\"",
        ] {
            let import = imported(text);
            assert_eq!(
                import.items[0].spec.request.url, "http://127.0.0.1:8000/configuration/",
                "{text}"
            );
            assert_eq!(kinds(&import), ["url"]);
        }
        // a glob is not a link
        let import = imported("curl 'https://e.com/[1-2](x)'");
        assert!(import.notes.iter().all(|n| n.kind != "url"));
    }

    #[test]
    fn an_unquoted_ampersand_cutting_a_url_is_noted() {
        let import = imported("curl https://e.com/convert?from=USD&to=XAF&value=500");
        assert_eq!(
            import.items[0].spec.request.url,
            "https://e.com/convert?from=USD"
        );
        let note = import.notes.iter().find(|n| n.kind == "shell").unwrap();
        assert!(note.message.contains("`to=XAF&value=500`"), "{note:?}");
        // a command sent to the background on purpose is not
        let background = imported("curl https://e.com/a?x=1 & wait");
        assert!(!background.notes.iter().any(|n| n.kind == "shell"));
    }

    #[test]
    fn a_readme_pages_magic_code_blocks_are_its_requests() {
        // ReadMe's legacy editor: no fence, the samples in `[block:code]` JSON, a callout
        // between, and a response shown in a block of its own
        let page = "---\ntitle: \"Tokens\"\n---\nTokens identify a store.\n[block:api-header]\n{\n  \"title\": \"Create a token\"\n}\n[/block]\nSend the store's id:\n[block:code]\n{\n  \"codes\": [\n    {\n      \"code\": \"curl --request POST \\\\\\n  --url https://api.example.com/tokens \\\\\\n  --header 'content-type: application/json' \\\\\\n  --data '{\\\"store\\\": 7}'\",\n      \"language\": \"curl\"\n    },\n    {\n      \"code\": \"fetch('https://api.example.com/tokens', {method: 'POST'})\",\n      \"language\": \"javascript\",\n      \"name\": \"Node\"\n    }\n  ]\n}\n[/block]\n[block:callout]\n{\n  \"type\": \"info\",\n  \"body\": \"A token lasts a day.\"\n}\n[/block]\n\n[block:code]\n{\n  \"codes\": [\n    {\n      \"code\": \"{\\\"token\\\": \\\"abc\\\"}\",\n      \"language\": \"curl\"\n    }\n  ]\n}\n[/block]\n";
        let import = imported(page);
        assert_eq!(import.items.len(), 1, "{:#?}", import.items);
        let spec = &import.items[0].spec;
        assert_eq!(spec.title, "Create a token");
        assert_eq!(spec.prose, "Send the store's id:");
        assert_eq!(spec.request.method, "POST");
        assert_eq!(spec.request.url, "https://api.example.com/tokens");
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("{\"store\": 7}")
        );
        assert!(
            import
                .notes
                .iter()
                .any(|n| n.message.starts_with("a ReadMe page")),
            "{:#?}",
            import.notes
        );
    }

    // A note names the line its command starts on, in the page or the script, whatever is
    // left out before it: a fence, blank lines, comments, a prompt, output, a here-document.
    #[test]
    fn notes_name_the_line_a_command_starts_on() {
        let at = |text: &str, containing: &str| -> String {
            let import = imported(text);
            let note = import.notes.iter().find(|n| n.message.contains(containing));
            note.unwrap_or_else(|| panic!("no note with {containing}: {:#?}", import.notes))
                .at
                .clone()
        };
        // a page: the block's comment, a session's output and a here-document come before
        let page = "# Items\n\n## Create\n\n```bash\n# the name is required\ncurl --compressed -X POST https://e.com/items \\\n  -H 'Connection: close'\n```\n\n## Sessions\n\n```console\n$ curl -d @- https://e.com/a <<EOF\nné\nEOF\nHTTP/1.1 200 OK\n{\"é\": 1}\n$ curl --http2 https://e.com/b\n```\n";
        assert_eq!(at(page, "`--compressed`"), "line 7, word 1");
        assert_eq!(at(page, "`Connection`"), "line 7, word 5");
        assert_eq!(at(page, "HTTP/2"), "line 19, word 1");
        // one command in a fence and nothing else: the file's line all the same
        assert_eq!(
            at(
                "\n\n```bash\n\ncurl --compressed https://e.com/a\n```\n",
                "`--compressed`"
            ),
            "line 5, word 1"
        );
        // a reStructuredText literal block
        let page = "Items\n=====\n\nCreate one::\n\n    curl --compressed https://e.com/items\n\nMore text.\n";
        assert_eq!(at(page, "`--compressed`"), "line 6, word 1");
        // a script: blank lines and comments first, a quote across lines before
        let script = "\n\n# set up\nexport A=1\ncurl -d 'a\nb' https://e.com/a\n\ncurl --compressed https://e.com/b\nls\n";
        assert_eq!(at(script, "`--compressed`"), "line 8, word 1");
        assert_eq!(at(script, "`ls` is not curl"), "line 9");
        // a command line of one line: its word
        assert_eq!(
            at("curl --compressed https://e.com/a", "`--compressed`"),
            "word 1"
        );
    }

    #[test]
    fn a_markdown_pages_curl_blocks_are_its_requests() {
        let page = "# Items\n\n## Create an item\n\nThe item's `name` is required.\n\n```bash\ncurl -X POST https://e.com/items \\\n  -H 'Content-Type: application/json' \\\n  --foo \\\n  -d '{\"name\": \"a\"}'\n```\n\n```json\n{\"id\": 1}\n```\n\nThen read it back:\n\n```console\n$ curl https://e.com/items/1\n```\n\n## Broken\n\n```sh\ncurl 'https://e.com/never-closed\n```\n";
        let import = imported(page);
        let specs: Vec<(&str, &str, &str, &str)> = import
            .items
            .iter()
            .map(|i| {
                (
                    i.name.as_str(),
                    i.spec.title.as_str(),
                    i.spec.request.url.as_str(),
                    i.spec.prose.as_str(),
                )
            })
            .collect();
        assert_eq!(
            specs,
            [
                (
                    "Create an item",
                    "Create an item",
                    "https://e.com/items",
                    "The item's `name` is required."
                ),
                (
                    "GET /items/1",
                    "GET /items/1",
                    "https://e.com/items/1",
                    "Then read it back:"
                ),
            ]
        );
        assert_eq!(
            import.items[0].spec.request.body.as_ref().unwrap().raw(),
            Some("{\"name\": \"a\"}")
        );
        // notes point at the command's line in the page; an unreadable block is noted at its
        // own, not fatal
        assert!(
            import
                .notes
                .iter()
                .any(|n| n.at == "line 8, word 6" && n.message.contains("--foo")),
            "{:#?}",
            import.notes
        );
        let broken = import.notes.iter().find(|n| n.at == "line 26").unwrap();
        assert!(broken.message.contains("not imported"), "{broken:?}");
        // a command's output after it, without a prompt, is not read
        let output = imported("## Hello\n\n```bash\ncurl https://e.com/hello\nIt's alive\n```\n");
        assert_eq!(output.items[0].spec.request.url, "https://e.com/hello");
        let unread = output.notes.iter().find(|n| n.at == "line 3").unwrap();
        assert!(unread.message.contains("after its first 1"), "{unread:?}");
        // the heading of a block that cannot be read names the next block
        let carried = imported("## A\n\n```\ncurl 'x\n```\n\n```\ncurl https://e.com/ok\n```\n");
        assert_eq!(carried.items[0].spec.title, "A");
        // a page none of whose blocks can be read is an error
        let error = super::import("## A\n\n```\ncurl 'x\n```\n").unwrap_err();
        assert!(
            error.contains("none of the page's 1 curl code blocks"),
            "{error}"
        );
        // a reStructuredText page's curl outside its blocks: its own markup's advice
        let rst = super::import("Users\n=====\n\n.. code-block:: python\n\n   get()\n\ncurl -X POST https://e.com/u\n  -H 'A: b'\n").unwrap_err();
        assert!(rst.starts_with("a reStructuredText page"), "{rst}");
        assert!(
            rst.contains("put it in a `.. code-block:: bash` directive"),
            "{rst}"
        );
    }

    fn kinds(import: &Import) -> Vec<&'static str> {
        import.notes.iter().map(|n| n.kind).collect()
    }

    // curl percent-encodes a variable's value in `--data-urlencode` and `--url-query`, which the
    // samples write as it is: the value offered is encoded, and each such variable is noted
    #[test]
    fn a_variable_curl_encodes_is_offered_encoded() {
        let import = imported(concat!(
            "URL=\"https://m.example/a?name=bot&cb=x\"\n",
            "curl -X PUT -G \"http://localhost/json/new\" --data-urlencode \"=${URL}\" --url-query \"k=$K\"",
        ));
        let spec = &import.items[0].spec;
        // the encoded value is a variable of its own, so that another command reading `URL`
        // as set sends it as set
        assert_eq!(
            spec.request.url,
            "http://localhost/json/new?k={{K}}&{{URL_encoded}}"
        );
        assert_eq!(
            import.variables.get("URL_encoded").map(String::as_str),
            Some("https%3A%2F%2Fm.example%2Fa%3Fname%3Dbot%26cb%3Dx")
        );
        assert_eq!(import.variables.get("URL"), None);
        let encoding: Vec<&str> = import
            .notes
            .iter()
            .filter(|n| n.kind == "encoding")
            .map(|n| n.message.as_str())
            .collect();
        // `K`'s, which has no value; `URL`'s is answered
        assert_eq!(encoding.len(), 1, "{encoding:?}");
        assert!(
            encoding
                .iter()
                .any(|m| m.contains("`--url-query` percent-encodes the value of `{{K}}`")),
            "{encoding:?}"
        );
        // a form's field: the samples encode its value themselves, so it is offered as set
        let form = imported("S=\"a+b c\"\ncurl --data-urlencode \"s=$S\" http://h.example/x");
        assert_eq!(form.variables.get("S").map(String::as_str), Some("a+b c"));
        assert!(
            form.notes.iter().all(|n| n.kind != "encoding"),
            "{:?}",
            form.notes
        );
        // a body that is no form is sent as it is: offered encoded, noted
        let raw = imported(
            "S=\"a+b c\"\ncurl -H 'Content-Type: text/plain' --data-urlencode \"$S\" http://h.example/x",
        );
        assert_eq!(
            raw.variables.get("S_encoded").map(String::as_str),
            Some("a%2Bb%20c")
        );
        assert_eq!(raw_body(&raw, 0), Some("{{S_encoded}}"));
        // the SPARQL archive's script: a query sent encoded, then as the body, as set
        let both_ways = imported(concat!(
            "Q='SELECT * WHERE { ?s ?p ?o }'\n",
            "curl -G --data-urlencode \"query=$Q\" http://localhost:7200/sparql\n",
            "curl -H 'Content-Type: application/sparql-query' --data-binary \"$Q\" http://localhost:7200/sparql\n",
        ));
        assert_eq!(
            both_ways.items[0].spec.request.url,
            "http://localhost:7200/sparql?query={{Q_encoded}}"
        );
        assert_eq!(raw_body(&both_ways, 1), Some("{{Q}}"));
        assert_eq!(
            both_ways.variables.get("Q").map(String::as_str),
            Some("SELECT * WHERE { ?s ?p ?o }")
        );
        assert_eq!(
            both_ways.variables.get("Q_encoded").map(String::as_str),
            Some("SELECT%20%2A%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D")
        );
        // a field curl sends as written: the value the form reads, which the samples encode
        let written = imported(concat!(
            "PASSWORD='s3cr%21t'\nT='ab+c/d=='\n",
            "curl -d \"password=$PASSWORD\" -d \"token=$T\" -H \"X-T: $T\" https://e.com/login",
        ));
        assert_eq!(
            written
                .variables
                .get("PASSWORD_decoded")
                .map(String::as_str),
            Some("s3cr!t")
        );
        // (`T` is sent in a header as well, as set)
        assert_eq!(
            written.variables.get("T_decoded").map(String::as_str),
            Some("ab c/d==")
        );
        assert_eq!(
            written.variables.get("T").map(String::as_str),
            Some("ab+c/d==")
        );
        let yaml = crate::import::to_yaml(&written.items[0].spec);
        assert!(
            yaml.contains("token: '{{T_decoded}}'") && yaml.contains("X-T: '{{T}}'"),
            "{yaml}"
        );
        // another command reading it as set sends it as set
        let two = imported(concat!(
            "N='x+y'\n",
            "curl https://e.com/f -d \"k=$N\"\n",
            "curl https://e.com/g --data-urlencode \"k=$N\" -H \"X-K: $N\"\n",
        ));
        assert_eq!(two.variables.get("N").map(String::as_str), Some("x+y"));
        assert_eq!(
            two.variables.get("N_decoded").map(String::as_str),
            Some("x y")
        );
        // a name of its own the script does not use already
        let clash = imported(
            "N='x+y'\nN_decoded=zzz\ncurl https://e.com/f -d \"k=$N\" -H \"X-D: $N_decoded\"",
        );
        assert_eq!(clash.items.len(), 1);
        assert_eq!(
            clash.variables.get("N_decoded2").map(String::as_str),
            Some("x y")
        );
        // curl reads a long option in any letter case
        let cased = imported("F='a + b'\ncurl --data-urlEncode \"f=$F\" https://e.com/job");
        assert_eq!(cased.variables.get("F").map(String::as_str), Some("a + b"));
        // read as it is elsewhere too: the value as set, which one of the two places sends
        let both = imported(concat!(
            "Q=\"a b\"\n",
            "curl -G --data-urlencode \"q=$Q\" -H \"X-Q: $Q\" https://e.com/s",
        ));
        assert_eq!(both.variables.get("Q").map(String::as_str), Some("a b"));
        // `=content` sends the content alone, as `--data-urlencode` does
        let query = imported("curl --url-query '=a b' https://e.com/q");
        assert_eq!(query.items[0].spec.request.url, "https://e.com/q?a%20b");
    }

    // a default in double quotes may hold blanks; an expansion samplegen cannot evaluate that a
    // spec holds is noted
    #[test]
    fn a_quoted_default_is_read_and_an_unevaluated_expansion_noted() {
        let import = imported("curl -G --data-urlencode \"q=${Q:-a b}\" https://e.com/s");
        assert_eq!(
            import.items[0].spec.request.url,
            "https://e.com/s?q={{Q_encoded}}"
        );
        assert_eq!(
            import.variables.get("Q_encoded").map(String::as_str),
            Some("a%20b")
        );
        let kept = imported("curl \"https://e.com/s/${A:+x}\"");
        assert_eq!(kept.items[0].spec.request.url, "https://e.com/s/${A:+x}");
        assert!(
            kept.notes.iter().any(|n| n
                .message
                .starts_with("`${A:+x}` is an expansion samplegen cannot evaluate")),
            "{:?}",
            kept.notes
        );
    }

    #[test]
    fn an_expansion_that_may_stand_for_options_is_no_url() {
        let import = imported("curl ${CA:+--cacert \"$CA\"} https://e.com/a");
        assert_eq!(import.items.len(), 1);
        assert_eq!(kinds(&import), ["unsupported-option"]);
    }

    // Chrome's "Copy as cURL (bash)" writes `$'…'` when the body holds a quote or a line break,
    // `-H` per header, `--data-raw` and `--compressed`
    #[test]
    fn a_chrome_copy_as_curl() {
        let import = imported(
            "curl 'https://api.example.com/graphql' \\\n  -H 'accept: */*' \\\n  -H 'accept-language: en-US,en;q=0.9' \\\n  -H 'content-type: application/json' \\\n  -H 'cookie: sid=abc; theme=dark' \\\n  -H 'origin: https://example.com' \\\n  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64)' \\\n  --data-raw $'{\"query\":\"{ viewer { login } }\",\"note\":\"it\\'s\\\\n\"}' \\\n  --compressed",
        );
        let spec = &import.items[0].spec;
        assert_eq!(spec.request.method, "POST");
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("{\"query\":\"{ viewer { login } }\",\"note\":\"it's\\n\"}")
        );
        assert_eq!(kinds(&import), ["ignored-option"]);
        crate::import::test_support::assert_valid("chrome", spec);
    }

    // Burp's "Copy as curl command": every word in `$'…'`, every `"` in it as `\"`
    #[test]
    fn a_burp_copy_as_curl() {
        let import = imported(concat!(
            "curl -i -s -k -X $'POST' \\\n",
            "    -H $'Host: example.com' -H $'Sec-Ch-Ua: \\\"Chromium\\\";v=\\\"135\\\"' \\\n",
            "    -H $'Content-Type: application/json' \\\n",
            "    --data-binary $'{\\\"a\\\":1}' \\\n",
            "    $'https://example.com/api'",
        ));
        let spec = &import.items[0].spec;
        assert_eq!(spec.request.method, "POST");
        assert_eq!(spec.request.url, "https://example.com/api");
        assert_eq!(
            spec.request.headers[0].get("Sec-Ch-Ua"),
            Some(&Some("\"Chromium\";v=\"135\"".to_string()))
        );
        assert_eq!(spec.request.body.as_ref().unwrap().raw(), Some("{\"a\":1}"));
        // Burp's `-k`: the samples check the certificate
        assert_eq!(kinds(&import), ["ignored-option", "dropped-header"]);
        assert!(
            import.notes[0]
                .message
                .contains("skips checking the server's TLS certificate")
        );
    }

    // `-H 'X-Key: '` sends no header at all, where curl adds none to remove
    #[test]
    fn an_empty_header_sends_none() {
        let (request, notes) = request_and_notes("curl -H 'X-Key: ' https://e.com/a");
        assert!(request.headers.is_empty());
        assert!(
            notes
                .iter()
                .any(|n| n.contains("`X-Key:` with no value sends no `X-Key` header")),
            "{notes:#?}"
        );
        // headers on standard input: said once, as what `-H @-` reads
        let (_, notes) =
            request_and_notes("printf 'X-Key: %s' \"$K\" | curl -H @- https://e.com/a");
        assert_eq!(
            notes,
            ["`-H @-` reads headers from standard input, which a spec cannot say: not imported"]
        );
        // `Expect:` (and `Host:`, `Content-Length:`) leaves out a header curl writes itself
        let (_, notes) = request_and_notes("curl -H 'Expect:' -d a=1 https://e.com/a");
        assert!(
            notes.iter().any(|n| n.starts_with(
                "`Expect:` with no value makes curl leave out the `Expect` header it writes itself"
            )),
            "{notes:#?}"
        );
        // `Content-Type:` removes the type curl sends with a body, which a spec's body needs:
        // the note says the samples send it
        let (request, notes) =
            request_and_notes("curl -X PUT -H 'Content-Type:' -d '{\"a\":1}' https://e.com/a");
        assert_eq!(
            request.headers[0]["Content-Type"].as_deref(),
            Some("application/x-www-form-urlencoded")
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("with a body the samples send the type curl would")),
            "{notes:#?}"
        );
    }

    // a single-quoted JSON with `\"` and no other sign: read as PowerShell, and said so
    #[test]
    fn json_written_for_windows_powershell_is_noted() {
        let import = imported(r#"curl -d '{\"a\":1}' http://example.com/x"#);
        let spec = &import.items[0].spec;
        assert_eq!(spec.request.body.as_ref().unwrap().raw(), Some("{\"a\":1}"));
        assert_eq!(kinds(&import), ["shell"]);
    }

    // Firefox's older "Copy as cURL (Windows)" and Windows docs: `""` inside double quotes
    #[test]
    fn doubled_quotes_are_read_as_windows_reads_them() {
        let spec = spec(
            r#"curl.exe -X POST "https://example.com/x" -H "Content-Type: application/json" --data-raw "{""id"":1,""n"":""a b""}""#,
        );
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("{\"id\":1,\"n\":\"a b\"}")
        );
        let import = imported(r#"curl "https://example.com/x" --data-raw "{""id"":1}""#);
        assert_eq!(kinds(&import), ["shell"]);
    }

    // a batch file's `set NAME=value` and `set "NAME=value"`, read as a bash script's
    // assignments; a value cmd.exe would cut from another variable is not known as text
    #[test]
    fn a_batch_files_set_variables_are_offered_as_their_values() {
        let import = imported(concat!(
            "@echo off\r\n",
            "set TOKEN=abc123\r\n",
            "set \"BASE=https://api.example.com/v1\" \r\n",
            "set \"YY=%dt:~0,4%\"\r\n",
            "curl -X POST \"%BASE%/items?y=%YY%\" -H \"Authorization: Bearer %TOKEN%\" -d \"{\\\"a\\\":1}\"\r\n",
        ));
        assert_eq!(import.items.len(), 1, "{:?}", import.notes);
        let spec = &import.items[0].spec;
        assert_eq!(spec.request.url, "{{BASE}}/items?y={{YY}}");
        assert_eq!(spec.request.body.as_ref().unwrap().raw(), Some("{\"a\":1}"));
        assert_eq!(
            import.variables.get("BASE").map(String::as_str),
            Some("https://api.example.com/v1"),
            "the value up to the last quote"
        );
        assert!(!import.variables.contains_key("YY"));
        // a credential stays a secret read from the environment
        assert!(
            matches!(&spec.secrets, Some(crate::sample_values::SecretsSpec::Names(n)) if n == &["TOKEN"])
        );
        assert!(!import.variables.contains_key("TOKEN"));
        let messages: Vec<&str> = import.notes.iter().map(|n| n.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains("`set` is not curl")),
            "the `set` of a part of a variable is skipped: {messages:?}"
        );
    }

    // a line continued with `\` is bash's: a single-quoted `\"` is then sent as written
    #[test]
    fn escaped_quotes_in_a_bash_command_are_sent_as_written() {
        let import = imported("curl -X POST \\\n  -d '{\\\"a\\\":1}' \\\n  http://example.com/x");
        let spec = &import.items[0].spec;
        assert_eq!(spec.request.url, "http://example.com/x");
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("{\\\"a\\\":1}")
        );
        assert!(kinds(&import).is_empty(), "{:?}", import.notes);
    }

    // a variable the text sets before the command: its value is offered, not read from the
    // environment
    #[test]
    fn a_variable_set_before_the_command_is_offered_as_its_value() {
        let import = imported(concat!(
            "name=\"vacio.txt\"\n",
            "export TOKEN=abc\n",
            "curl -H \"Authorization: Bearer $TOKEN\" --data-binary $'file='$name http://example.com/x",
        ));
        assert_eq!(import.items.len(), 1);
        let spec = &import.items[0].spec;
        assert!(crate::import::to_yaml(spec).contains("file: '{{name}}'"));
        assert_eq!(
            import.variables.get("name").map(String::as_str),
            Some("vacio.txt")
        );
        // a credential stays a secret read from the environment
        assert!(
            matches!(&spec.secrets, Some(crate::sample_values::SecretsSpec::Names(n)) if n == &["TOKEN"])
        );
        assert!(!import.variables.contains_key("TOKEN"));
        let messages: Vec<&str> = import.notes.iter().map(|n| n.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`name` is set to `vacio.txt` before the command")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("`TOKEN` is set before the command")),
            "{messages:?}"
        );
        assert!(
            !messages.iter().any(|m| m.contains("is not curl")),
            "{messages:?}"
        );
    }

    // Kubernetes and Docker tutorials: `curl http://$(minikube ip):30080/`
    #[test]
    fn a_host_made_by_a_command_is_a_variable() {
        for (line, url) in [
            (
                "curl http://$(minikube ip):30080/hello",
                "http://{{host}}:30080/hello",
            ),
            (
                "curl \"https://$(terraform output -raw api_host)/v1/items?x=$(date +%s)\"",
                "https://{{host}}/v1/items?x=$(date +%s)",
            ),
            ("curl http://`hostname -f`", "http://{{host}}"),
        ] {
            let import = imported(line);
            assert_eq!(import.items[0].spec.request.url, url, "{line}");
            let messages: Vec<&str> = import.notes.iter().map(|n| n.message.as_str()).collect();
            assert!(
                messages
                    .iter()
                    .any(|m| m.contains("a command the shell runs for the URL's host")),
                "{messages:?}"
            );
            // a substitution elsewhere is still kept as written and said so
            assert_eq!(
                messages
                    .iter()
                    .filter(|m| m.contains("kept as written"))
                    .count(),
                usize::from(line.contains("date")),
                "{messages:?}"
            );
        }
    }

    // Cloudflare's GraphQL examples: `PAYLOAD='{…}'` then `--data "$(echo $PAYLOAD)"`
    #[test]
    fn an_echoed_variable_set_before_is_its_text() {
        let import = imported(concat!(
            "PAYLOAD='{ \"query\":\n  \"query { viewer { zones } }\",\n  \"variables\": {}\n}'\n",
            "curl https://api.cloudflare.com/client/v4/graphql \\\n",
            "  --header \"Content-Type: application/json\" \\\n",
            "  --data \"$(echo $PAYLOAD)\"",
        ));
        let request = &import.items[0].spec.request;
        assert_eq!(
            request.body.as_ref().unwrap().raw(),
            Some(r#"{ "query": "query { viewer { zones } }", "variables": {} }"#)
        );
        let messages: Vec<&str> = import.notes.iter().map(|n| n.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("`$(echo $PAYLOAD)` echoes `PAYLOAD`")),
            "{messages:?}"
        );
        assert!(
            !messages.iter().any(|m| m.contains("kept as written")),
            "{messages:?}"
        );
        // quoted, its line breaks are kept; a variable not set before is still a substitution
        let import =
            imported("A='x\n  y'\ncurl -d \"$(echo \"$A\")\" -H \"X: $(echo $B)\" https://e.com/a");
        let request = &import.items[0].spec.request;
        assert_eq!(request.body.as_ref().unwrap().raw(), Some("x\n  y"));
        assert!(
            request.headers.iter().any(|h| h
                .get("X")
                .is_some_and(|v| v.as_deref() == Some("$(echo $B)"))),
            "{:?}",
            request.headers
        );
    }

    // Test scripts set a header or a URL from other variables (`AUTH="Bearer $TOKEN"`): the
    // command reading it reads those too
    #[test]
    fn a_value_holding_other_variables_is_read_with_them() {
        let import = imported(concat!(
            "AUTH=\"Authorization: Bearer $TOKEN\"\n",
            "REF=abc\n",
            "DB_URL=\"https://db.example.com/$REF/v1\"\n",
            "curl -H \"$AUTH\" \"$DB_URL/items\"\n",
        ));
        let spec = &import.items[0].spec;
        assert_eq!(spec.request.url, "{{DB_URL}}/items");
        assert!(
            matches!(&spec.request.auth, Some(AuthSpec::Bearer(token)) if token == "{{TOKEN}}"),
            "{:?}",
            spec.request.auth
        );
        assert!(
            matches!(&spec.secrets, Some(crate::sample_values::SecretsSpec::Names(names)) if names == &["TOKEN"]),
            "{:?}",
            spec.secrets
        );
        assert_eq!(
            import.variables.get("DB_URL").map(String::as_str),
            Some("https://db.example.com/{{REF}}/v1")
        );
        assert_eq!(import.variables.get("REF").map(String::as_str), Some("abc"));
        // behind a session's prompt too
        let prompted = imported("$ export API=https://e.com\n$ curl \"$API/items\"\n");
        assert_eq!(prompted.items[0].spec.request.url, "{{API}}/items");
        assert_eq!(
            prompted.variables.get("API").map(String::as_str),
            Some("https://e.com")
        );
        // a script's arguments: values the reader gives, said so
        let arguments = imported("curl -X POST \"https://e.com/items/$1\" -d \"name=${2}\"\n");
        assert_eq!(
            arguments.items[0].spec.request.url,
            "https://e.com/items/{{arg1}}"
        );
        note_at(
            &arguments,
            "command",
            "the spec names them `{{arg1}}`, `{{arg2}}`",
        );
        // a default in a value, or a script's argument with its default: offered where read
        let defaults =
            imported("Q=${1:-query_string}\nT=${TOKEN:-abc}\ncurl \"https://e.com/$Q?t=$T\"\n");
        assert_eq!(
            defaults.items[0].spec.request.url,
            "https://e.com/{{Q}}?t={{T}}"
        );
        for (name, value) in [
            ("Q", "{{arg1}}"),
            ("arg1", "query_string"),
            ("T", "{{TOKEN}}"),
            ("TOKEN", "abc"),
        ] {
            assert_eq!(
                defaults.variables.get(name).map(String::as_str),
                Some(value),
                "{name}"
            );
        }
        // a body set from a here-document (`BODY=$(cat <<EOF …)`) is the body, read where it is
        let body = imported(concat!(
            "term=${2:-knowledge}\n",
            "BODY=$(cat <<EOF\n{\n  \"query\": \"$term\"\n}\nEOF\n)\n",
            "curl -X POST https://e.com/_search -H 'Content-Type: application/json' -d \"$BODY\"\n",
        ));
        assert_eq!(
            body.items[0].spec.request.body.as_ref().unwrap().raw(),
            Some("{\n  \"query\": \"{{term}}\"\n}")
        );
        assert!(!body.variables.contains_key("BODY"), "{:?}", body.variables);
        assert!(
            body.notes.iter().any(|note| note
                .message
                .starts_with("`$BODY` is set to a text of 3 lines before the command, the body")),
            "{:?}",
            body.notes
        );
        assert_eq!(
            body.variables.get("arg2").map(String::as_str),
            Some("knowledge")
        );
        // a value made from the variable itself is no text samplegen can know
        let itself = imported("P=\"$P:/x\"\ncurl \"https://e.com/$P\"\n");
        assert!(
            !itself.variables.contains_key("P"),
            "{:?}",
            itself.variables
        );
    }

    // `curl $OPTS $URL`: an unquoted variable alone is the words the shell splits it into
    #[test]
    fn an_unquoted_variable_alone_is_the_words_its_value_splits_into() {
        // an empty one is no word (not a second URL); options are read as curl's
        let import = imported(concat!(
            "DEBUG=\nOPTS=\"-s -H X-Debug:1\"\nURL=https://e.com/nodes\n",
            "curl $DEBUG $OPTS -X POST $URL\n",
        ));
        assert_eq!(import.items.len(), 1);
        let request = &import.items[0].spec.request;
        assert_eq!(request.url, "{{URL}}");
        assert_eq!(request.method, "POST");
        assert_eq!(request.headers[0]["X-Debug"].as_deref(), Some("1"));
        assert_eq!(import.variables.keys().collect::<Vec<_>>(), ["URL"]);
        let messages: Vec<&str> = import.notes.iter().map(|n| n.message.as_str()).collect();
        assert!(
            messages.contains(&"`$DEBUG`, unquoted, is set empty before the command: the shell gives curl no word for it"),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("`$OPTS`, unquoted, is set to `-s -H X-Debug:1`")),
            "{messages:?}"
        );
        // notes name a word by its place as written
        let later = imported("DEBUG=\ncurl $DEBUG https://e.com/a --frobnicate\n");
        assert!(
            later.notes.iter().any(|n| n.at.ends_with("word 3")),
            "{:?}",
            later.notes
        );
        // the program itself in a variable
        let program = imported("CURL=\"curl -sS -H Accept:text/csv\"\n$CURL https://e.com/a\n");
        assert_eq!(program.items.len(), 1);
        let request = &program.items[0].spec.request;
        assert_eq!(request.headers[0]["Accept"].as_deref(), Some("text/csv"));
        // quoted, the value is one word: a variable, offered, as before
        let quoted = imported("OPTS=\"-s -k\"\ncurl \"$OPTS\" https://e.com/a\n");
        assert!(quoted.notes.iter().all(|n| !n.message.contains("splits")));
        // a one-word value that is no option stays the variable's
        let url = imported("URL=https://e.com/x\ncurl $URL\n");
        assert_eq!(url.items[0].spec.request.url, "{{URL}}");
        assert_eq!(url.variables["URL"], "https://e.com/x");
    }

    // a page's block that only sets variables is run first by a reader: the curl blocks below
    // it read those values, and notes keep their lines
    #[test]
    fn a_pages_block_of_assignments_sets_the_variables_below_it() {
        let page = "## Setup\n\n```bash\nexport DOMAIN=dev.example.io\nUSER=me\npip install x\n```\n\n## Call\n\n```bash\ncurl -d \"u=$USER\" https://$DOMAIN/token\n```\n";
        let import = super::import(page).unwrap();
        assert_eq!(import.items.len(), 1);
        assert_eq!(import.items[0].spec.request.url, "https://{{DOMAIN}}/token");
        assert_eq!(import.variables["DOMAIN"], "dev.example.io");
        assert_eq!(import.variables["USER"], "me");
        assert!(
            import
                .notes
                .iter()
                .all(|n| n.at == "input" || n.at.starts_with("line 12")),
            "{:?}",
            import.notes
        );
    }

    // Kinto's setup page sets `BASIC_AUTH` in the block that logs in, and a later block sends
    // `-u $BASIC_AUTH`: a reader running the blocks in order has it set
    #[test]
    fn a_pages_block_with_curl_sets_its_variables_for_the_blocks_below_it() {
        let page = "# Log in\n\n```bash\nAUTH=\"Authorization: Bearer abc123\"\ncurl -X POST http://localhost:8080/login -d 'user=a'\nBASIC_AUTH=admin:s3cr3t\n```\n\n## List items\n\n```bash\ncurl -H \"$AUTH\" -u $BASIC_AUTH http://localhost:8080/items\n```\n";
        let import = super::import(page).unwrap();
        assert_eq!(import.items.len(), 2);
        let items = &import.items[1].spec.request;
        assert!(
            matches!(&items.auth, Some(AuthSpec::Bearer(token)) if token == "abc123"),
            "{:?}",
            items.auth
        );
        assert!(items.headers.is_empty(), "{:?}", items.headers);
    }

    // a form field that is one `{name}` is the reader's value, as a header's is
    #[test]
    fn a_form_field_of_one_braced_name_is_a_placeholder() {
        let import = imported(
            "curl -X POST https://e.com/introspect -H 'Cookie: atbv={atbv_cookie_value}' --data-urlencode 'token={token_to_inspect}' --data-urlencode 'q={a} and {b}'",
        );
        let fields = import.items[0]
            .spec
            .request
            .body
            .as_ref()
            .unwrap()
            .urlencoded()
            .unwrap();
        assert_eq!(fields[0]["token"].as_deref(), Some("{{token_to_inspect}}"));
        assert_eq!(fields[1]["q"].as_deref(), Some("{a} and {b}"));
    }

    // Couchbase's docs: the line after `curl …` (its `\` forgotten) is a URL whose host is the
    // reader's, without a scheme: curl's `http://`
    #[test]
    fn a_line_of_a_placeholder_host_after_curl_is_its_url() {
        let import = imported(
            "curl -X POST -u Administrator:password\n  <ip-address-or-domain-name>:8091/pools/default/x\n",
        );
        assert_eq!(
            import.items[0].spec.request.url,
            "http://{{ip-address-or-domain-name}}:8091/pools/default/x"
        );
    }

    // a URL set before the command with a `<placeholder>` in it: the reader's value there too
    #[test]
    fn a_placeholder_in_a_url_set_before_the_command_is_a_variable() {
        let import = imported(
            "RELAY=https://scrappy.<your-subdomain>.workers.dev\ncurl -X POST \"$RELAY/f\"\n",
        );
        assert_eq!(import.items[0].spec.request.url, "{{RELAY}}/f");
        let whole =
            imported("CLIENT_ID={YOUR_CLIENT_ID}\ncurl -d \"id=$CLIENT_ID\" https://e.com/t\n");
        assert_eq!(whole.variables["CLIENT_ID"], "{{YOUR_CLIENT_ID}}");
        assert_eq!(
            import.variables["RELAY"],
            "https://scrappy.{{your-subdomain}}.workers.dev"
        );
        assert!(
            import.notes.iter().any(|n| n
                .message
                .contains("`<your-subdomain>` stands for a value the reader gives")),
            "{:?}",
            import.notes
        );
    }

    // `curl $DEBUG -s $URL`, neither set: the variable named for a URL is the URL
    #[test]
    fn among_variables_alone_the_one_named_for_a_url_is_the_url() {
        let import = imported("curl $DEBUG -s -X GET $API_URL");
        assert_eq!(import.items.len(), 1);
        assert_eq!(import.items[0].spec.request.url, "{{API_URL}}");
        assert!(
            import
                .notes
                .iter()
                .any(|n| n.kind == "ignored-option" && n.message.starts_with("`$DEBUG`")),
            "{:?}",
            import.notes
        );
        // two named for URLs are two requests, as curl makes them
        assert_eq!(imported("curl $URL_A $URL_B").items.len(), 2);
        // none named for one: each is a request, as before
        assert_eq!(imported("curl $A $B").items.len(), 2);
    }

    // a whole header in a variable: sent as the text sets it, else left out and said so
    #[test]
    fn a_whole_header_in_a_variable_is_the_header_the_text_sets() {
        let import = imported(concat!(
            "AUTH=\"Authorization: token abc\"\n",
            "curl -H \"$AUTH\" -H'Accept: x' https://api.example.com/user",
        ));
        let request = &import.items[0].spec.request;
        assert_eq!(
            request.headers[0]["Authorization"].as_deref(),
            Some("token abc")
        );
        assert_eq!(request.headers.len(), 2);
        assert!(!import.variables.contains_key("AUTH"));
        let messages: Vec<&str> = import.notes.iter().map(|n| n.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m
                .starts_with("`$AUTH` is set to `Authorization: token abc` before the command")),
            "{messages:?}"
        );
        assert!(
            !messages.iter().any(|m| m.contains("environment variable")),
            "{messages:?}"
        );
        // glued to its option too, and a variable used elsewhere as well stays one
        let import = imported(concat!(
            "H='X-Id: 7'\n",
            "curl -H$H https://api.example.com/items?h=$H",
        ));
        let request = &import.items[0].spec.request;
        assert_eq!(request.headers[0]["X-Id"].as_deref(), Some("7"));
        assert!(request.url.contains("{{H}}"), "{}", request.url);
        // credentials in one variable are the username and password curl sends
        let import = imported("CREDS=me:s3cret\ncurl -u \"$CREDS\" https://api.example.com/user");
        assert!(
            matches!(&import.items[0].spec.request.auth, Some(AuthSpec::Basic(basic)) if basic.username == "me" && basic.password == "s3cret"),
            "{:?}",
            import.items[0].spec.request.auth
        );
        // read from the environment, it is left out with a way to write it
        let import = imported("curl -H \"$AUTH_HEADER\" https://api.example.com/user");
        assert!(import.items[0].spec.request.headers.is_empty());
        assert!(
            import.notes.iter().any(|n| n
                .message
                .contains("a whole header read from the environment")),
            "{:?}",
            import.notes
        );
    }

    // Windows PowerShell's web cmdlets are not curl, whatever comes before them
    #[test]
    fn powershell_cmdlets_are_refused_by_name() {
        let edge = concat!(
            "$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession\n",
            "Invoke-WebRequest -UseBasicParsing -Uri \"https://e.com/api\" `\n",
            "-WebSession $session",
        );
        let error = import(edge).unwrap_err();
        assert!(
            error.starts_with("not a curl command: `Invoke-WebRequest`"),
            "{error}"
        );
        let error = import("Invoke-RestMethod -Uri https://e.com/api -Method Post").unwrap_err();
        assert!(
            error.starts_with("not a curl command: `Invoke-RestMethod`"),
            "{error}"
        );
    }

    #[test]
    fn a_form_part_type_after_a_blank() {
        let spec = spec(
            "curl -F 'data=\"x\";\n    type=text/plain' -F 'f=@a.txt; filename=b.txt; type=text/csv' http://example.com/x",
        );
        let Some(BodySpec::Formdata(parts)) = &spec.request.body else {
            panic!("{:?}", spec.request.body)
        };
        assert!(
            matches!(&parts[0]["data"], PartSpec::Detailed(d) if d.content_type.as_deref() == Some("text/plain"))
        );
        assert!(
            matches!(&parts[1]["f"], PartSpec::Detailed(d) if d.content_type.as_deref() == Some("text/csv"))
        );
    }

    // Chrome's "Copy as cURL (cmd)", for Windows' cmd.exe: `^` escapes and continuations
    #[test]
    fn a_chrome_copy_as_curl_for_cmd() {
        let import = imported(concat!(
            "curl ^\"https://api.example.com/v1/items?a=1^&b=2^\" ^\n",
            "  -H ^\"authorization: Bearer %API_TOKEN%^\" ^\n",
            "  -H ^\"content-type: application/json^\" ^\n",
            "  --data-raw ^\"^{^\\^\"name^\\^\":^\\^\"x^\\^\"^}^\" ^\n",
            "  --compressed",
        ));
        let spec = &import.items[0].spec;
        assert_eq!(spec.request.url, "https://api.example.com/v1/items?a=1&b=2");
        assert!(matches!(&spec.request.auth, Some(AuthSpec::Bearer(t)) if t == "{{API_TOKEN}}"));
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("{\"name\":\"x\"}")
        );
        // `%NAME%` is what cmd.exe reads from the environment, as `$NAME` is in bash
        assert!(
            matches!(&spec.secrets, Some(crate::sample_values::SecretsSpec::Names(n)) if n == &["API_TOKEN"])
        );
        assert_eq!(kinds(&import), ["ignored-option", "environment"]);
    }

    // a Windows page's one-line command for the command prompt: JSON with `\"`, which cmd.exe's
    // C runtime reads as bash does, and `%NAME%`, which only cmd.exe reads
    #[test]
    fn a_one_line_command_prompt_command_with_escaped_json() {
        let import = imported(concat!(
            "## Create an item\n\n",
            "```cmd\n",
            "curl -X POST \"https://api.example.com/%TENANT_ID%/items\" -H \"x-api-key: %API_KEY%\" ",
            "-H \"Content-Type: application/json\" -d \"{\\\"name\\\": \\\"a b\\\", \\\"share\\\": \\\"50%\\\"}\"\n",
            "```\n",
        ));
        assert_eq!(import.items.len(), 1);
        let spec = &import.items[0].spec;
        assert_eq!(
            spec.request.url,
            "https://api.example.com/{{TENANT_ID}}/items"
        );
        assert_eq!(
            spec.request.headers,
            [
                name_value("x-api-key", "{{API_KEY}}"),
                name_value("Content-Type", "application/json")
            ]
        );
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("{\"name\": \"a b\", \"share\": \"50%\"}")
        );
        assert_eq!(kinds(&import), ["page", "environment", "environment"]);
    }

    // Reqable's "cURL (Windows)": cmd.exe's continuations, bash's quotes
    #[test]
    fn caret_continued_lines_with_single_quotes_are_read_as_bash_quotes_them() {
        let import = imported(concat!(
            "curl -X POST 'https://api.example.com/v1/news' ^\n",
            "-H 'Content-Length: 11' ^\n",
            "-H 'sec-ch-ua: \"Chromium\";v=\"134\"' ^\n",
            "-H 'Content-Type: application/json;charset=UTF-8' ^\n",
            "-d '{\"page\":1}'",
        ));
        assert_eq!(import.items.len(), 1);
        let spec = &import.items[0].spec;
        assert_eq!(spec.request.url, "https://api.example.com/v1/news");
        assert_eq!(
            spec.request.headers,
            [
                name_value("sec-ch-ua", "\"Chromium\";v=\"134\""),
                name_value("Content-Type", "application/json;charset=UTF-8")
            ]
        );
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("{\"page\":1}")
        );
        assert_eq!(kinds(&import), ["shell", "dropped-header"]);
    }

    // as the PowerShell tab of Windows documentation writes a command: backtick continuations,
    // `$env:NAME`, JSON with `\"` for Windows PowerShell 5.1, a prompt and a pipe after it
    #[test]
    fn a_documentation_command_for_powershell() {
        let import = imported(concat!(
            "PS C:\\> curl.exe -X POST \"https://api.example.com/v1/items?a=1&b=2\" `\n",
            "  -H \"Authorization: Bearer $env:API_TOKEN\" `\n",
            "  -H 'Content-Type: application/json' `\n",
            "  -d '{\\\"name\\\": \\\"a b\\\"}' | ConvertFrom-Json",
        ));
        assert_eq!(import.items.len(), 1);
        let spec = &import.items[0].spec;
        assert_eq!(spec.request.method, "POST");
        assert_eq!(spec.request.url, "https://api.example.com/v1/items?a=1&b=2");
        assert!(matches!(&spec.request.auth, Some(AuthSpec::Bearer(t)) if t == "{{API_TOKEN}}"));
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("{\"name\": \"a b\"}")
        );
        assert!(
            matches!(&spec.secrets, Some(crate::sample_values::SecretsSpec::Names(n)) if n == &["API_TOKEN"])
        );
        assert_eq!(kinds(&import), ["environment", "command"]);
        // the program by its path, in any case, and after the call operator
        for program in ["& curl.exe", "C:\\Windows\\System32\\curl.exe", "CURL.EXE"] {
            let spec = spec_of(&format!("{program} `\n  https://e.com/a"));
            assert_eq!(spec.request.url, "https://e.com/a", "{program}");
        }
    }

    // documentation's placeholders stand for values the reader gives: `{{variables}}`
    #[test]
    fn placeholders_become_variables() {
        let import = imported(concat!(
            "curl -X POST \"https://<KEYCLOAK_HOST>/realms/{realm}/token\" \\\n",
            "  -H \"Authorization: Bearer <ACCESS_TOKEN>\" \\\n",
            "  -d \"client_id=<CLIENT_ID>\" -d 'scope=<b>' \\\n",
            "  -u <USER>:<API_TOKEN>",
        ));
        let spec = &import.items[0].spec;
        assert_eq!(
            spec.request.url,
            "https://{{KEYCLOAK_HOST}}/realms/{{realm}}/token"
        );
        note_at(
            &import,
            "line 1, word 3",
            "`<KEYCLOAK_HOST>`, `{realm}`, `<ACCESS_TOKEN>`, `<CLIENT_ID>`, `<b>` stand for values the reader gives: the spec names them `{{KEYCLOAK_HOST}}`, `{{realm}}`, `{{ACCESS_TOKEN}}`, `{{CLIENT_ID}}`, `{{b}}`",
        );
        // a leading placeholder is the base URL, scheme and all; an unquoted one is no redirection
        let spec = spec_of("curl <elasticsearch_url>/_cluster/health");
        assert_eq!(spec.request.url, "{{elasticsearch_url}}/_cluster/health");
        let spec = spec_of("curl -u <USER>@example.com:<API_TOKEN> https://[api-id].example.com/a");
        assert_eq!(spec.request.url, "https://{{api-id}}.example.com/a");
        assert!(matches!(&spec.request.auth, Some(AuthSpec::Basic(b))
            if b.username == "{{USER}}@example.com" && b.password == "{{API_TOKEN}}"));
        // ReadMe's `<<name>>`, unquoted (Mercury's recipe), is no here-document
        let spec = spec_of(
            "curl --url https://e.com/v1/items/<<itemId>>/tags --header 'Authorization: Bearer <<apiKey>>'",
        );
        assert_eq!(spec.request.url, "https://e.com/v1/items/{{itemId}}/tags");
        assert_eq!(
            spec.request.headers.len() + usize::from(spec.request.auth.is_some()),
            1
        );
        // but `<<EOF>>notes.txt` is a here-document, its text appended to a file
        let heredoc = imported("cat <<EOF>>notes.txt\nhi\nEOF\ncurl https://e.com/a");
        assert_eq!(heredoc.items.len(), 1);
        // (glued to the word before it, too, as bash reads `<<` anywhere)
        let glued = imported("curl -X POST https://e.com/x -d @-<<EOF>>log.txt\n{\"a\":1}\nEOF\n");
        assert_eq!(raw_body(&glued, 0), Some("{\"a\":1}"));
        // an end line with blanks after it ends it too, and a missing one a delimiter's
        for body in ["{\"a\":1}\nEOF \n", "{\"a\":1}\n  EOF\n", "{\"a\":1}\n"] {
            let spaced = imported(&format!(
                "curl -X POST https://e.com/x -d @- <<EOF>>log\n{body}"
            ));
            assert_eq!(spaced.items.len(), 1, "{body:?}");
        }
        // and `<<baseUrl>>` with no such line after it is ReadMe's, a word of its own too
        let spec = spec_of("curl --url <<baseUrl>>/v1/users");
        assert_eq!(spec.request.url, "{{baseUrl}}/v1/users");
        for log in ["$LOG", "\"$LOG\"", "~/log", "/tmp/log"] {
            let appended = imported(&format!(
                "curl -X POST https://e.com/x -d @- <<EOF>>{log}\n{{\"a\":7}}\nEOF\n"
            ));
            assert_eq!(appended.items.len(), 1, "{log}");
            assert_eq!(raw_body(&appended, 0), Some("{\"a\":7}"), "{log}");
        }
        // in an unquoted URL, one with blanks and a `:` too: only that makes the word a URL
        let spec = spec_of("curl http://<your app host:port>/stats > out.json");
        assert_eq!(spec.request.url, "http://{{your_app_host_port}}/stats");
        // and a host and port standing for the whole URL's start, as Teku's docs write it
        let spec = spec_of("curl -X POST -d '{}' <JSON-RPC-http-hostname:port>");
        assert_eq!(spec.request.url, "{{JSON-RPC-http-hostname_port}}");
        let spec = spec_of("curl -u <user>:<pass> <hostname:port>/v1 >out.json");
        assert_eq!(spec.request.url, "{{hostname_port}}/v1");
        // a header's or a credential's braces are one too, as Hugo-built docs write them; a
        // form field's and a JSON header's are text
        let spec = spec_of(
            "curl -H 'Authorization: Bearer {access_token}' -H 'X-Ctx: {\"a\":1}' -d 'q={x}' https://e.com/a",
        );
        assert!(
            matches!(&spec.request.auth, Some(AuthSpec::Bearer(token)) if token == "{{access_token}}"),
            "{:?}",
            spec.request.auth
        );
        assert_eq!(
            spec.request.headers[0]["X-Ctx"].as_deref(),
            Some("{\"a\":1}")
        );
        assert_eq!(spec.request.body.as_ref().unwrap().raw(), Some("q={x}"));
        // a raw body keeps its angle brackets: they are as likely XML
        let spec = spec_of("curl https://e.com -d '<name>x</name>'");
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("<name>x</name>")
        );
    }

    // a page copied as plain text: its prose (an apostrophe) is no shell's, its command is
    #[test]
    fn the_commands_of_a_page_copied_as_text_are_read() {
        let read = imported(
            "Test the Endpoint\nYou can test the agent's endpoint using curl:\n\ncurl -X POST http://h/generate \\\n-H \"Content-Type: application/json\" \\\n-d '{\"m\": [\"What is up?\"]}'\n\nUse it on the Client",
        );
        assert_eq!(urls_of(&read), ["http://h/generate"]);
        assert!(
            read.notes[0]
                .message
                .contains("the commands alone are read")
        );
        // a script that cannot be read is still refused
        assert!(import("curl -d 'a http://h/x").is_err());
    }

    // a Taskfile's Go templates are task's variables, its `vars:` their values
    #[test]
    fn a_taskfiles_variables_are_read() {
        let read = imported(
            "version: '3'\ntasks:\n  get:\n    vars:\n      VERSION: 0.0.1\n    cmds:\n      - curl -L https://h/releases/{{.VERSION}}/p.tgz -H 'X-Id: {{ .ID }}'\n",
        );
        let request = &read.items[0].spec.request;
        assert_eq!(request.url, "https://h/releases/{{VERSION}}/p.tgz");
        assert_eq!(request.headers[0]["X-Id"].as_deref(), Some("{{ID}}"));
        assert_eq!(
            read.variables.get("VERSION").map(String::as_str),
            Some("0.0.1")
        );
        assert!(
            read.notes
                .iter()
                .any(|note| note.message.contains("a Taskfile: task gives")),
            "{:?}",
            read.notes
        );
    }

    // a `case` branch's pattern on its command's line runs the command after it
    #[test]
    fn a_case_branch_on_one_line_runs_its_command() {
        let import = imported(
            "case \"$1\" in\n  foto)  r=$(curl -X POST https://h/photos);;\n  (video|clip) curl -X POST https://h/videos;;\n  *) echo no;;\nesac",
        );
        assert_eq!(urls_of(&import), ["https://h/photos", "https://h/videos"]);
    }

    // a function's `local` array, and words added with `+=`, are passed as an array is
    #[test]
    fn local_and_appended_arrays_are_passed() {
        let spec = spec_of(
            "f() {\n  local args=(--form-string \"v=1\")\n  curl -X POST https://h/f \"${args[@]}\"\n}\nf",
        );
        assert!(spec.request.body.as_ref().unwrap().formdata().is_some());
        let spec = spec_of(
            "opts=(-sS -X POST)\nopts+=(-H \"X-A: 1\")\nopts+=(-d \"a=1\")\ncurl \"${opts[@]}\" https://h/p",
        );
        assert_eq!(spec.request.method, "POST");
        assert_eq!(spec.request.headers[0]["X-A"].as_deref(), Some("1"));
        assert_eq!(
            spec.request.body.as_ref().unwrap().urlencoded().unwrap()[..],
            [crate::import::shared::name_value("a", "1")]
        );
    }

    // each element of an array is a value of its own; a computed index names the array
    #[test]
    fn an_arrays_elements_are_values_apart() {
        let spec = spec_of(
            "creds=(alice s3cret)\ncurl -X POST http://h/auth -d \"u=${creds[0]}&p=${creds[1]}&k=${H[token]}&i=${C[$I]}\"",
        );
        assert_eq!(
            spec.request.body.as_ref().unwrap().urlencoded().unwrap()[..],
            [
                crate::import::shared::name_value("u", "{{creds_0}}"),
                crate::import::shared::name_value("p", "{{creds_1}}"),
                crate::import::shared::name_value("k", "{{H_token}}"),
                crate::import::shared::name_value("i", "{{C}}"),
            ]
        );
    }

    fn spec_of(line: &str) -> Spec {
        imported(line).items.remove(0).spec
    }

    fn note_at(import: &Import, at: &str, containing: &str) {
        assert!(
            import
                .notes
                .iter()
                .any(|n| n.at == at && n.message.contains(containing)),
            "no note at {at} with {containing}: {:#?}",
            import.notes
        );
    }

    #[test]
    fn prompts_and_markdown_around_a_command_are_not_part_of_it() {
        for text in [
            "$ curl https://e.com/a",
            "user@host:~$ curl https://e.com/a",
            "shell> curl https://e.com/a",
            "PS C:\\Users\\me> curl.exe https://e.com/a",
            " * curl https://e.com/a",
            "`curl https://e.com/a`",
            "```curl https://e.com/a -H 'X: 1'```",
            "> curl https://e.com/a \\\n> -H 'X: 1'",
            // a Markdown code block around the command, as copied from a page's source
            "```bash\ncurl https://e.com/a \\\n  -H 'X: 1'\n```\n",
            "\n```\ncurl https://e.com/a\n```",
            "~~~ sh\ncurl https://e.com/a\n~~~",
            "```powershell\ncurl.exe https://e.com/a `\n  -H 'X: 1'\n```",
            // PowerShell's prompt before a path to curl, and its `>> ` before continued lines
            "PS C:\\> C:\\windows\\system32\\curl -H 'X: 1' `\n>> https://e.com/a",
        ] {
            let spec = spec_of(text);
            assert_eq!(spec.request.url, "https://e.com/a", "{text}");
        }
        // after a shell's prompt, `>> ` appends to a file; after PowerShell's, it continues
        let import = imported("$ curl https://e.com/a \\\n>> log.txt");
        assert_eq!(kinds(&import), ["ignored-option"]);
        let headers = spec_of("> curl https://e.com/a \\\n  -d b=1 \\\n> -H 'X: 1'")
            .request
            .headers;
        assert_eq!(headers.len(), 1, "{headers:?}");
        assert_eq!(headers[0].get("X"), Some(&Some("1".to_string())));
        // without a prompt, `>` is a redirection
        let import = imported("curl https://e.com/a \\\n> out.json");
        assert_eq!(kinds(&import), ["ignored-option"]);
        // a URL or options on lines of their own, their `\` forgotten, are the command's
        let import =
            imported("curl -H 'X: 1'\nhttps://e.com/a\n  -X POST --data-raw 'a=1'\nls\n-x");
        assert_eq!(import.items.len(), 1);
        let spec = &import.items[0].spec;
        assert_eq!(
            (spec.request.method.as_str(), spec.request.url.as_str()),
            ("POST", "https://e.com/a")
        );
        assert_eq!(
            crate::import::test_support::pairs(&spec.request.headers),
            [("X".to_string(), "1".to_string())]
        );
        note_at(
            &import,
            "line 1",
            "the lines starting with `https://e.com/a`, `-X` follow a curl command without its `\\`",
        );
        // a link after a blank line is the text's, not the command's (options are the command's)
        let import = imported("curl -d @req.xml https://e.com/api\n\nhttps://github.com/o/r\n");
        assert_eq!(import.items.len(), 1);
        assert_eq!(import.items[0].spec.request.url, "https://e.com/api");
        // but after a `\`, a blank line only interrupts the command
        let import = imported("curl -d a=1 \\\n\n  \"https://e.com/api\"\n");
        assert_eq!(import.items[0].spec.request.url, "https://e.com/api");
        let import = imported("curl -d a=1 https://e.com/api\n\n-H 'X: 1'\n");
        assert_eq!(
            crate::import::test_support::pairs(&import.items[0].spec.request.headers),
            [("X".to_string(), "1".to_string())]
        );
        // after another command, a URL alone is still one
        let error = import_error("ls\nhttps://e.com/a\ncurl -H 'X: 1'");
        assert!(
            error.contains("`https://e.com/a` is on a line of its own"),
            "{error}"
        );
    }

    // documentation often pipes a JSON body in: `-d @-` reads the command's standard input
    #[test]
    fn standard_input_from_here_documents_here_strings_and_files() {
        let heredoc = spec_of(concat!(
            "curl https://e.com/a -H 'Content-Type: application/json' --data-binary @- <<'EOF'\n",
            "{\n  \"name\": \"$NOT_EXPANDED\"\n}\n",
            "EOF\n",
        ));
        assert_eq!(
            heredoc.request.body.as_ref().unwrap().raw(),
            Some("{\n  \"name\": \"$NOT_EXPANDED\"\n}\n")
        );
        // unquoted, bash expands it as it would a double-quoted word
        let import = imported(concat!(
            "curl https://e.com/a -H 'Content-Type: application/json' --data-binary @- <<EOF\n",
            "{\"rate\": $RATE, \"at\": \"$(date)\", \"cost\": \"\\$5\"}\n",
            "EOF\n",
        ));
        assert_eq!(
            import.items[0].spec.request.body.as_ref().unwrap().raw(),
            Some("{\"rate\": {{RATE}}, \"at\": \"$(date)\", \"cost\": \"$5\"}\n")
        );
        assert_eq!(kinds(&import), ["environment", "substitution"]);
        // `<<-` takes the tabs off; `-d` takes the line breaks out, as curl does
        let stripped = spec_of("curl https://e.com/a -d @- <<-END\n\ta=1&\n\tb=2\n\tEND\n");
        let fields = stripped
            .request
            .body
            .as_ref()
            .unwrap()
            .urlencoded()
            .unwrap();
        assert_eq!(fields.len(), 2, "{fields:?}");
        assert_eq!(fields[1].get("b"), Some(&Some("2".to_string())));
        let here_string = spec_of(
            "curl https://e.com/a -H 'Content-Type: text/plain' --data-binary @- <<< 'hello'",
        );
        assert_eq!(
            here_string.request.body.as_ref().unwrap().raw(),
            Some("hello\n")
        );
        let file = spec_of("curl https://e.com/a --data-binary @- < body.json");
        assert!(
            matches!(file.request.body, Some(BodySpec::File(FileSpec::Path(ref p))) if p == "body.json")
        );
        // the commands after a here-document are read too
        let import =
            imported("curl https://e.com/a --json @- <<EOF\n[1]\nEOF\ncurl https://e.com/b\n");
        assert_eq!(import.items.len(), 2);
        assert_eq!(
            import.items[0].spec.request.body.as_ref().unwrap().raw(),
            Some("[1]\n")
        );
        // an input no option reads is noted
        let import = imported("curl https://e.com/a < body.json");
        assert_eq!(kinds(&import), ["ignored-option"]);
        assert!(
            import.notes[0]
                .message
                .contains("`< body.json` gives the command a standard input that no option reads")
        );
    }

    fn import_error(text: &str) -> String {
        import(text).unwrap_err()
    }

    // Firefox's "Copy as cURL" writes `-X`, `--data-raw` and `$'…'` likewise
    #[test]
    fn a_firefox_copy_as_curl() {
        let spec = spec(
            "curl 'https://example.com/api/items' -X POST -H 'User-Agent: Mozilla/5.0' -H 'Accept: application/json' -H 'Content-Type: application/json' -H 'Origin: https://example.com' -H 'Connection: keep-alive' --data-raw $'{\"name\":\"caf\\u00e9\\\\ttab\"}'",
        );
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("{\"name\":\"café\\ttab\"}")
        );
        crate::import::test_support::assert_valid("firefox", &spec);
    }

    #[test]
    fn a_time_condition_is_its_header_when_it_is_an_http_date() {
        let since = spec("curl -z 'Wed, 01 Sep 2021 12:00:00 GMT' https://e.com/f");
        assert_eq!(
            since.request.headers,
            [name_value(
                "If-Modified-Since",
                "Wed, 01 Sep 2021 12:00:00 GMT"
            )]
        );
        let until = spec("curl --time-cond '-Sun, 06 Nov 1994 08:49:37 GMT' https://e.com/f");
        assert_eq!(
            until.request.headers,
            [name_value(
                "If-Unmodified-Since",
                "Sun, 06 Nov 1994 08:49:37 GMT"
            )]
        );
        // a file's time, another form of date, or a weekday that is not the date's
        for value in ["local.html", "20210901", "Thu, 01 Sep 2021 12:00:00 GMT"] {
            let import = imported(&format!("curl -z '{value}' https://e.com/f"));
            assert!(import.items[0].spec.request.headers.is_empty(), "{value}");
            assert_eq!(kinds(&import), ["unsupported-option"]);
        }
        assert!(is_http_date("Tue, 29 Feb 2000 00:00:00 GMT"));
        assert!(!is_http_date("Thu, 29 Feb 2001 00:00:00 GMT"));
    }

    // what broken quoting or a missing dash leaves beside the URL is no request; slashes and
    // a joined continuation as curl reads them
    #[test]
    fn url_words_as_curl_reads_them_and_leftovers_of_broken_quotes() {
        let urls = |line: &str| -> Vec<String> {
            imported(line)
                .items
                .iter()
                .map(|item| item.spec.request.url.clone())
                .collect()
        };
        // a header's quotes closed early: its words became URLs
        let broken = imported(
            r#"curl -X GET "http://localhost:3002/v1/ns" -H " -H "authorization: bearer x"""#,
        );
        assert_eq!(broken.items.len(), 1);
        assert_eq!(
            broken.items[0].spec.request.url,
            "http://localhost:3002/v1/ns"
        );
        assert!(
            broken
                .notes
                .iter()
                .any(|note| note.message.contains("`bearer` is a bare word")),
            "{:?}",
            broken.notes
        );
        assert_eq!(
            urls("curl -b c.txt X 'GET' 'http://localhost:3000/api/v1/items'"),
            ["http://localhost:3000/api/v1/items"]
        );
        // a quote left in a host: curl refuses such a host name
        let quoted = imported("curl https://e.com/a \"api.e.com'\" 'x(y).e.com'");
        assert_eq!(quoted.items.len(), 1);
        assert!(
            quoted
                .notes
                .iter()
                .any(|n| n.message.contains("a host name cannot hold `'`")),
            "{:?}",
            quoted.notes
        );
        // one or three slashes after the scheme, which curl takes (Docker's `http:/v1.24/info`)
        let docker = imported("curl --unix-socket /var/run/docker.sock http:/version");
        assert_eq!(docker.items[0].spec.request.url, "http://version");
        assert!(
            docker.notes.iter().any(|n| n.kind == "url"),
            "{:?}",
            docker.notes
        );
        // whose host `v1.24` no URL parser but curl's takes (its last label is a number)
        let versioned = imported("curl --unix-socket /var/run/docker.sock http:/v1.24/info");
        assert_eq!(versioned.items[0].spec.request.url, "http://{{host}}/info");
        assert!(
            versioned
                .notes
                .iter()
                .any(|n| n.message.contains("whose host `v1.24`")),
            "{:?}",
            versioned.notes
        );
        // with two slashes alike, as scripts write it
        let two = imported(
            r#"curl --unix-socket /var/run/docker.sock "http://v1.40/containers/json?all=1""#,
        );
        assert_eq!(
            two.items[0].spec.request.url,
            "http://{{host}}/containers/json?all=1"
        );
        assert!(
            two.notes.iter().any(|n| n.message.contains("`v1.40`")),
            "{:?}",
            two.notes
        );
        // an address stays one, and a bad one is refused
        assert_eq!(urls("curl http://10.0.0.1/x"), ["http://10.0.0.1/x"]);
        assert!(super::import("curl http://300.1.1.1/x").is_err());
        // an encoded placeholder scraped from a page's link, `%7Bname%7D`, in the host or path
        let scraped =
            imported("curl --url http:///%7BmgmtApiEndpoint%7D/users/%7Bid%7D?q=%7B%22a%22%7D");
        assert_eq!(
            scraped.items[0].spec.request.url,
            "http://{{mgmtApiEndpoint}}/users/{{id}}?q=%7B%22a%22%7D"
        );
        assert_eq!(
            urls("curl https://%7ByourAuth0Domain%7D/api/v2/organizations"),
            ["https://{{yourAuth0Domain}}/api/v2/organizations"]
        );
        assert_eq!(
            urls("curl https:///e.com/a localhost:9200/x"),
            ["https://e.com/a", "http://localhost:9200/x"]
        );
        // short options beside a variable's: the variable's name is none of them
        let silent = imported("curl -${SILENT}LR https://e.com/a");
        assert_eq!(silent.items[0].spec.request.method, "GET");
        assert!(
            silent.notes[0].message.contains("read as `-LR`"),
            "{:?}",
            silent.notes
        );
        // after a letter that takes an argument, the variable is in that argument, as curl
        // reads the word bash gives it (`-u$KEY`, a Bintray upload script)
        let glued = spec("curl -T a.exe -u$KEY https://e.com/a/");
        assert_eq!(glued.request.url, "https://e.com/a/a.exe");
        assert!(matches!(&glued.request.auth, Some(AuthSpec::Basic(b)) if b.username == "{{KEY}}"));
        let glued = spec(r#"curl -sd"$BODY" -H"Authorization: Bearer $TOK" https://e.com/a"#);
        assert_eq!(glued.request.body.unwrap().raw(), Some("{{BODY}}"));
        assert!(matches!(&glued.request.auth, Some(AuthSpec::Bearer(t)) if t == "{{TOK}}"));
        // a continuation's `\` left before a blank when the lines were joined: the option
        let joined = imported(r#"curl -X PUT http://127.0.0.1:5984/albums/1 \ -d {\"t\":\"x\"}"#);
        assert_eq!(joined.items.len(), 1);
        assert_eq!(
            joined.items[0].spec.request.body.as_ref().unwrap().raw(),
            Some("{\"t\":\"x\"}")
        );
        assert_eq!(kinds(&joined), ["shell"]);
        // a script's words passed on (`"${AUTH[@]}"`, `"$@"`) are no URL either
        let passed = imported(r#"curl -X PROPFIND "$BASE/dav/" "${AUTH[@]}" "$@" ${A[*]}"#);
        assert_eq!(passed.items.len(), 1);
        assert_eq!(
            passed
                .notes
                .iter()
                .filter(|n| n.message.contains("the words a script holds"))
                .count(),
            3
        );
        assert!(
            passed.notes.iter().all(|n| n.kind != "url-glob"),
            "{:?}",
            passed.notes
        );
        // a bare word alone is a host, as curl reads it (a container's `web`), and so are
        // hosts with a variable or a placeholder
        assert_eq!(urls("curl web"), ["http://web"]);
        assert_eq!(
            urls("curl web:8080/health localhost https://<HOST>/a $HOST/b"),
            [
                "http://web:8080/health",
                "http://localhost",
                "https://{{HOST}}/a",
                "{{HOST}}/b"
            ]
        );
    }

    #[test]
    fn options_curl_knows_never_take_the_urls_place() {
        let bearer = imported("curl --oauth2-bearer T https://api.example.com/me");
        let spec = &bearer.items[0].spec;
        assert_eq!(spec.request.url, "https://api.example.com/me");
        assert!(matches!(&spec.request.auth, Some(AuthSpec::Bearer(t)) if t == "T"));
        let docker = imported(
            "curl --unix-socket /var/run/docker.sock http://localhost/v1.43/containers/json",
        );
        assert_eq!(
            docker.items[0].spec.request.url,
            "http://localhost/v1.43/containers/json"
        );
        assert_eq!(kinds(&docker), ["unsupported-option"]);
        assert!(docker.notes[0].message.contains("`--unix-socket`"));
        // short options together, one with its argument glued on; --proxy's argument
        let many = imported(
            "curl -sSfL -x http://proxy:3128 -HAccept:text/plain -XDELETE https://e.com/x/1",
        );
        let spec = &many.items[0].spec;
        assert_eq!(
            (spec.request.method.as_str(), spec.request.url.as_str()),
            ("DELETE", "https://e.com/x/1")
        );
        assert_eq!(spec.request.headers.len(), 1);
        assert_eq!(kinds(&many), ["ignored-option"]);
        // options that change the request in a way a spec cannot say: noted
        let other = imported("curl --http1.0 --request-target '*' -X OPTIONS https://e.com");
        assert_eq!(kinds(&other), ["unsupported-option", "unsupported-option"]);
        // a path a URL can say is the URL's path and query (Moonraker's printer API)
        let target = imported(
            "curl http://192.168.0.96:7125 --request-target /printer/objects/query?a=1 --request GET",
        );
        assert_eq!(
            target.items[0].spec.request.url,
            "http://192.168.0.96:7125/printer/objects/query?a=1"
        );
        assert_eq!(kinds(&target), ["url"]);
    }

    #[test]
    fn unknown_options_are_noted_and_take_an_argument_only_when_it_is_no_url() {
        let boolean = imported("curl --brand-new https://e.com/a");
        assert_eq!(boolean.items[0].spec.request.url, "https://e.com/a");
        assert_eq!(kinds(&boolean), ["unknown-option"]);
        let with_value = imported("curl https://e.com/a --brand-new value");
        assert_eq!(with_value.items.len(), 1);
        assert!(with_value.notes[0].message.contains("`value` after it"));
        // newer than the table, known by hand
        let newer = imported("curl --variable name=x https://e.com/a");
        assert_eq!(newer.items[0].spec.request.url, "https://e.com/a");
    }

    #[test]
    fn several_commands_and_next_are_several_requests() {
        let pasted = imported(
            "# list, then create\ncurl https://e.com/items\n\n# the second\ncurl -d a=1 https://e.com/items ; curl -I https://e.com/x && echo done\n",
        );
        let methods: Vec<&str> = pasted
            .items
            .iter()
            .map(|i| i.spec.request.method.as_str())
            .collect();
        assert_eq!(methods, ["GET", "POST", "HEAD"]);
        assert_eq!(kinds(&pasted), ["command", "requests"]);
        let next = imported(
            "curl -u me:pw https://e.com/login --next -d x=1 https://e.com/a https://e.com/b",
        );
        assert_eq!(next.items.len(), 3);
        assert!(next.items[0].spec.request.auth.is_some());
        assert!(
            next.items[1].spec.request.auth.is_none(),
            "--next starts afresh"
        );
        assert_eq!(next.items[2].spec.request.method, "POST");
        // continuations with trailing blanks, CRLF, a prompt, a pipe and a redirection
        let messy = imported(
            "$ curl https://e.com/a \\  \r\n  -H 'X-A: 1' \\\r\n  -o out.json | jq . > x.txt",
        );
        assert_eq!(messy.items.len(), 1);
        assert_eq!(messy.items[0].spec.request.headers.len(), 1);
        assert_eq!(
            kinds(&messy),
            ["shell", "ignored-option", "command"],
            "{:?}",
            messy.notes
        );
    }

    #[test]
    fn url_globs_are_read_as_curl_reads_them_unless_globoff() {
        let urls = |import: &Import| -> Vec<String> {
            import
                .items
                .iter()
                .map(|i| i.spec.request.url.clone())
                .collect()
        };
        // escaped brackets are the brackets; `-g` keeps everything as written
        let escaped = imported("curl 'https://e.com/items?page\\[size\\]=10'");
        assert_eq!(urls(&escaped), ["https://e.com/items?page[size]=10"]);
        assert!(escaped.notes.is_empty(), "{:?}", escaped.notes);
        let off =
            imported("curl -g 'https://e.com/{a,b}?page[size]=10' --next https://e.com/[1-2]");
        assert_eq!(
            urls(&off),
            [
                "https://e.com/{a,b}?page[size]=10",
                "https://e.com/1",
                "https://e.com/2"
            ],
            "--next starts without -g"
        );
        // a set or range is one request per value, each with the command's options
        let globbed = imported("curl -X PUT -d x=1 'https://{one,two}.e.com/v[1-2]'");
        assert_eq!(
            urls(&globbed),
            [
                "https://one.e.com/v1",
                "https://one.e.com/v2",
                "https://two.e.com/v1",
                "https://two.e.com/v2"
            ]
        );
        assert!(globbed.items.iter().all(|i| i.spec.request.method == "PUT"));
        note_at(&globbed, "word 5", "into 4 URLs");
        // what curl refuses is taken as `-g` sends it, and noted; a placeholder is not refused
        let refused = imported("curl 'https://e.com/items?filter[status]=active'");
        assert_eq!(
            urls(&refused),
            ["https://e.com/items?filter[status]=active"]
        );
        note_at(&refused, "word 1", "bad range, column 27");
        let placeholders = imported("curl 'https://[region].e.com/users/{id}'");
        assert_eq!(
            urls(&placeholders),
            ["https://{{region}}.e.com/users/{{id}}"]
        );
        assert_eq!(kinds(&placeholders), ["placeholder"]);
        // too many URLs leave the request out; alone, that is the error
        let many = imported("curl https://e.com/a --next 'https://e.com/[1-1000]'");
        assert_eq!(urls(&many), ["https://e.com/a"]);
        assert_eq!(kinds(&many), ["left-out"]);
        assert!(import_error("curl 'https://e.com/[1-1000]'").contains("into 1000 URLs"));
    }

    #[test]
    fn a_json_body_written_without_quotes_over_lines_is_the_body() {
        // GetBlock's pages: no `\` and no quotes; each line of the object would be a command
        let text = "curl --request POST https://e.com/rpc\n--header 'Content-Type: application/json'\n--data-raw {\n  \"jsonrpc\": \"2.0\",\n  \"params\": [\"a}\", {\"b\": [1]}],\n  \"id\": 1\n}\ncurl https://e.com/next\n";
        let import = imported(text);
        assert_eq!(import.items.len(), 2);
        assert_eq!(
            import.items[0].spec.request.body.as_ref().unwrap().raw(),
            Some(
                "{\n  \"jsonrpc\": \"2.0\",\n  \"params\": [\"a}\", {\"b\": [1]}],\n  \"id\": 1\n}"
            )
        );
        assert!(
            import
                .notes
                .iter()
                .any(|n| n.message.contains("is not quoted") && n.message.contains("lines 4 to 7")),
            "{:#?}",
            import.notes
        );
        assert!(!noted(&import, "is not curl"), "{:#?}", import.notes);
        // what makes no JSON stays as bash reads it (brackets closed twice too)
        let twice = imported("curl https://e.com/rpc --data-raw {\n  \"a\": 1\n}}\n");
        assert_eq!(
            twice.items[0].spec.request.body.as_ref().unwrap().raw(),
            Some("{")
        );
        let broken = imported("curl https://e.com/rpc --data-raw {\n  \"a\": oops\n}\n");
        assert_eq!(
            broken.items[0].spec.request.body.as_ref().unwrap().raw(),
            Some("{")
        );
    }

    #[test]
    fn a_curl_command_in_inline_code_beside_the_blocks_is_noted() {
        let page = "# Runbook\n\n```bash\ncurl -X POST http://localhost:8010/sync\n```\n\n| Task | Command |\n| --- | --- |\n| Sync | `curl -X POST localhost:8010/sync` |\n| Read | `curl http://localhost:8001/g` |\n| Name | `curl` |\n";
        let import = imported(page);
        assert_eq!(import.items.len(), 1);
        note_at(
            &import,
            "input",
            "line(s) 9, 10 write a curl command in inline code",
        );
    }

    #[test]
    fn a_long_option_written_with_an_equals_sign_is_read_as_meant_and_noted() {
        // Prometheus' HTTP API page: curl 7.88 refuses `--data-urlencode='match[]=up'`
        let import = imported("curl -G http://h:9090/api/v1/series --data-urlencode='match[]=up'");
        assert_eq!(
            import.items[0].spec.request.url,
            "http://h:9090/api/v1/series?match[]=up"
        );
        note_at(&import, "word 3", "is not curl's syntax (curl refuses it");
    }

    #[test]
    fn a_placeholder_for_a_part_is_a_text_part() {
        // Xinference's docs: `<MODEL_UID>` is a value to fill in, which curl would open as a file
        let import =
            imported("curl http://h/v1/video -F model=<MODEL_UID> -F x=@a.png -F 'y=<b.txt'");
        let Some(BodySpec::Formdata(parts)) = &import.items[0].spec.request.body else {
            panic!("a form")
        };
        assert!(matches!(&parts[0]["model"], PartSpec::Text(Some(t)) if t == "{{MODEL_UID}}"));
        assert!(
            matches!(&parts[2]["y"], PartSpec::Detailed(d) if d.file.as_deref() == Some("b.txt"))
        );
        note_at(
            &import,
            "word 2",
            "read as the placeholder its writer meant",
        );
    }

    #[test]
    fn form_part_parameters_a_spec_cannot_say_are_noted() {
        let renamed = imported("curl -F 'file=@dir/a.txt;filename=other.txt' https://e.com/x");
        note_at(
            &renamed,
            "word 1",
            "a spec cannot say `;filename=other.txt`",
        );
        let same = imported(
            "curl -F 'file=@dir/a.txt;type=text/plain;filename=a.txt' -F 'b=1;headers=X-A: 1' https://e.com/x",
        );
        assert_eq!(kinds(&same), ["body"], "{:?}", same.notes);
        note_at(&same, "word 3", "`;headers=X-A: 1`");
        // the type ends where another parameter starts, in any case
        let typed = spec_of(
            "curl -F 'f=@a.txt;type=text/plain; charset=utf-8;HEADERS=X-A: 1;FILENAME=b.txt' https://e.com/x",
        );
        let Some(BodySpec::Formdata(parts)) = &typed.request.body else {
            panic!("{typed:?}")
        };
        let PartSpec::Detailed(part) = &parts[0]["f"] else {
            panic!("{parts:?}")
        };
        assert_eq!(
            part.content_type.as_deref(),
            Some("text/plain; charset=utf-8")
        );
        let spec = &same.items[0].spec;
        let Some(BodySpec::Formdata(parts)) = &spec.request.body else {
            panic!("{spec:?}")
        };
        assert_eq!(parts.len(), 2);
    }

    #[test]
    fn a_printf_of_text_and_escapes_is_its_output() {
        let spec = spec_of(
            "curl -d 'a'\"$(printf '\\015\\001\\n')\"'b' $(printf 'https://e.com/x\\n\\n')",
        );
        let Some(BodySpec::Raw(body)) = &spec.request.body else {
            panic!("{spec:?}")
        };
        assert_eq!(body, "a\r\u{1}b");
        assert_eq!(spec.request.url, "https://e.com/x");
        // a conversion, or anything but the format, is a command like any other; so is an
        // unquoted one whose output the shell would split
        let converted = imported("curl -d \"$(printf '%s' x)\" https://e.com/x");
        assert_eq!(kinds(&converted), ["substitution"]);
        let split = imported("curl -d $(printf 'a=1 b=2') https://e.com/x");
        assert!(kinds(&split).contains(&"substitution"), "{:?}", split.notes);
    }

    // A path alone, as a docs site writes its API's paths (Mintlify's `--url /oauth/token`),
    // which curl refuses: the path on the API's base URL, never `http:///oauth/token`
    #[test]
    fn a_path_without_a_host_is_on_the_base_url() {
        let path_only = imported("curl --request POST --url /oauth/token -d a=b");
        assert_eq!(
            path_only.items[0].spec.request.url,
            "{{baseUrl}}/oauth/token"
        );
        assert!(path_only.notes[0].message.contains("a path without a host"));
    }

    #[test]
    fn a_root_prompt_is_read_when_curl_is_only_after_a_hash() {
        let root = imported(
            "# curl -XPOST http://localhost:9200/i/_update -d'\n  {\n    \"doc\": {\"foo\": \"bar\"}\n  }'\n",
        );
        assert_eq!(root.items[0].spec.request.method, "POST");
        assert_eq!(kinds(&root), ["command"]);
        let host = spec_of("root@server:~# curl -I https://e.com/x");
        assert_eq!(host.request.method, "HEAD");
        let red_hat = spec_of("[root@server ~]# curl -I https://e.com/x");
        assert_eq!(red_hat.request.method, "HEAD");
        // a heading is no command
        assert!(import("# curl examples\n").is_err());
        // a commented-out command beside a real one stays a comment
        let commented = imported("# curl -X DELETE https://e.com/x\ncurl https://e.com/y\n");
        assert_eq!(commented.items.len(), 1);
        assert_eq!(commented.items[0].spec.request.method, "GET");
    }

    // a caption above the commands that starts with `curl` is no request
    #[test]
    fn a_sentence_starting_with_curl_among_commands_is_a_caption() {
        let import = imported(
            "curl command to ingest files:\n\ncurl -X POST http://localhost:8080/ingest -F a=b\n",
        );
        assert_eq!(import.items.len(), 1);
        assert_eq!(
            import.items[0].spec.request.url,
            "http://localhost:8080/ingest"
        );
        assert!(noted(&import, "reads as a sentence"), "{:#?}", import.notes);
        assert!(sentence_about_curl(&["is".into(), "great.".into()]));
        for words in [
            vec!["localhost:8080"],
            vec!["-s", "now"],
            vec!["a", "b.com"],
            vec!["x"],
        ] {
            let words: Vec<String> = words.into_iter().map(String::from).collect();
            assert!(!sentence_about_curl(&words), "{words:?}");
        }
    }

    // PowerShell writes a string piped to a native command as a line of its standard input
    #[test]
    fn a_string_piped_to_curl_in_powershell_is_its_standard_input() {
        let (request, notes) = request_and_notes(
            "'{\"a\":1}' | `\n  curl.exe -X POST `\n  \"https://e.com/x\" `\n  -H \"Content-Type: application/json\" -d \"@-\"",
        );
        assert_eq!(
            request.body.as_ref().and_then(|b| b.raw()),
            Some("{\"a\":1}")
        );
        assert!(
            notes.iter().all(|n| !n.contains("standard input")),
            "{notes:#?}"
        );
        // `--data-binary` keeps the line's end
        let (request, _) = request_and_notes(
            "Write-Output 'a' 'b' | curl.exe --data-binary \"@-\" https://e.com/x",
        );
        assert_eq!(request.body.as_ref().and_then(|b| b.raw()), Some("a\nb\n"));
    }

    // bash reads the here-document a substitution opens from the lines after it, though the
    // substitution closed on its line
    #[test]
    fn a_here_document_opened_in_a_substitution_that_closes_is_its_body() {
        let (request, notes) = request_and_notes(
            "P=$(curl -X POST \"https://e.com/x\" --data-binary @- <<'EOF' -w \"%{http_code}\")\nhello $NAME\nEOF\necho \"$P\"\n",
        );
        assert_eq!(
            request.body.as_ref().and_then(|b| b.raw()),
            Some("hello $NAME\n")
        );
        assert!(
            !notes
                .iter()
                .any(|n| n.contains("not curl: the command is skipped") && n.contains("hello")),
            "{notes:#?}"
        );
        let (request, _) =
            request_and_notes("P=$(curl -X POST https://e.com/x -d @- <<EOF)\nhi $NAME\nEOF\n");
        assert_eq!(
            request.body.as_ref().and_then(|b| b.raw()),
            Some("hi {{NAME}}")
        );
    }

    // a line of the comment's mark alone inside a commented-out command (a Chrome copy pasted
    // into a doc comment) is a blank line, after which the options are still the command's
    #[test]
    fn a_blank_comment_line_inside_a_commented_out_command_loses_nothing() {
        for text in [
            "/**\n * curl https://e.com/x \\\n * -H \"A: 1\" \\\n *\n * -H \"B: 2\" \\\n * --data-raw \"{}\"\n */\n",
            "# curl https://e.com/x \\\n# -H \"A: 1\" \\\n#\n# -H \"B: 2\" \\\n# --data-raw \"{}\"\n",
            "// curl https://e.com/x \\\n//   -H \"A: 1\" \\\n//\n//   -H \"B: 2\" \\\n//   --data-raw \"{}\"\n",
        ] {
            let (request, notes) = request_and_notes(text);
            assert_eq!(request.method, "POST", "{text}");
            assert_eq!(
                crate::import::test_support::pairs(&request.headers)[..2],
                [
                    crate::import::test_support::pair("A", "1"),
                    crate::import::test_support::pair("B", "2")
                ],
                "{text}"
            );
            assert!(
                notes.iter().any(|n| n.contains("without its `\\`")),
                "{text}: {notes:#?}"
            );
        }
    }

    // Scripts and source files keep an example request commented out, every line of it: its
    // continued lines lose the comment's mark too, as a reader uncommenting it takes it off.
    #[test]
    fn a_command_commented_out_line_by_line_is_the_whole_command() {
        for text in [
            "import os\n\n# curl -X POST http://e.com/items \\\n#   -H \"Content-Type: application/json\" \\\n#   -d '{\n#     \"name\": \"a\"\n#   }'\n\nx = 1\n",
            "  # curl -X POST \\\n  # http://e.com/items \\\n  # -H 'Content-Type: application/json' \\\n  # -d '{\n  #     \"name\": \"a\"\n  # }'\n",
            "/**\n * curl -X POST http://e.com/items \\\n *   -H 'Content-Type: application/json' \\\n *   -d '{\n *     \"name\": \"a\"\n *   }'\n */\npublic class A {}\n",
            "// curl -X POST http://e.com/items \\\n//   -H 'Content-Type: application/json' \\\n//   -d '{\n//     \"name\": \"a\"\n//   }'\n",
        ] {
            let import = imported(text);
            let request = &import.items[0].spec.request;
            assert_eq!(
                (request.method.as_str(), request.url.as_str()),
                ("POST", "http://e.com/items"),
                "{text}"
            );
            assert_eq!(
                crate::import::test_support::pairs(&request.headers),
                [("Content-Type".to_string(), "application/json".to_string())],
                "{text}"
            );
            // the JSON as written, its lines without the comment's mark
            let body = request.body.as_ref().and_then(|b| b.raw()).unwrap();
            let value: serde_json::Value = serde_json::from_str(body).unwrap();
            assert_eq!(value, serde_json::json!({"name": "a"}), "{text}");
            assert!(!body.contains(['#', '*', '/']), "{body}");
        }
        // a root prompt's continued lines have no mark to take off
        let root = imported("# curl -X POST http://e.com/items \\\n  -d '# one'\n");
        assert_eq!(
            root.items[0]
                .spec
                .request
                .body
                .as_ref()
                .and_then(|b| b.raw()),
            Some("# one")
        );
    }

    #[test]
    fn auth_options() {
        let digest = imported("curl --digest -u me:pw https://e.com/a");
        assert!(digest.items[0].spec.request.auth.is_none());
        assert_eq!(kinds(&digest), ["auth"]);
        let basic = spec("curl --basic --user 'me:p:w' https://e.com/a");
        let auth = basic.request.auth.unwrap();
        assert_eq!(auth.basic().unwrap().password, "p:w");
        let header = spec("curl -H 'Authorization: Bearer abc' https://e.com/a");
        assert!(matches!(header.request.auth, Some(AuthSpec::Bearer(t)) if t == "abc"));
    }

    #[test]
    fn methods_are_kept_as_written() {
        let import = imported("curl -X wHat https://e.com/a");
        assert_eq!(import.items[0].spec.request.method, "wHat");
        assert_eq!(kinds(&import), ["method"]);
        assert!(import.notes[0].message.contains("`WHAT`"));
        // a `GET` body is the spec's (Elasticsearch's searches); a `HEAD` one no server reads
        let get = imported("curl -X get https://e.com/a -d x=1");
        assert!(get.items[0].spec.request.body.is_some());
        let head = imported("curl -X HEAD https://e.com/a -d x=1");
        assert!(head.items[0].spec.request.body.is_none());
        assert!(
            head.notes[0]
                .message
                .contains("body of this HEAD request is dropped"),
            "{:?}",
            head.notes
        );
    }

    #[test]
    fn uploads_files_and_stdin() {
        // `-T` is a PUT of the file, named in a URL ending with `/`
        let upload = imported("curl -T report.pdf https://e.com/files/");
        let put = &upload.items[0].spec;
        assert_eq!(
            (put.request.method.as_str(), put.request.url.as_str()),
            ("PUT", "https://e.com/files/report.pdf")
        );
        assert!(
            matches!(&put.request.body, Some(BodySpec::File(FileSpec::Path(p))) if p == "report.pdf")
        );
        assert_eq!(kinds(&upload), ["body"]);
        crate::import::test_support::assert_valid("upload", put);
        let stdin = imported("curl -d @- https://e.com/a");
        let post = &stdin.items[0].spec;
        assert_eq!(post.request.method, "POST");
        assert!(post.request.body.is_none());
        assert_eq!(kinds(&stdin), ["body"]);
        // `-T -` is a PUT, of what is piped in when the command before says
        let unknown = spec("curl -T - https://e.com/a.txt");
        assert_eq!(unknown.request.method, "PUT");
        let echoed = spec("echo 'Hello Zotero!' | curl -u z:z -T - http://e.com/test.txt");
        assert_eq!(echoed.request.method, "PUT");
        assert_eq!(echoed.request.url, "http://e.com/test.txt");
        assert_eq!(echoed.request.body.unwrap().raw(), Some("Hello Zotero!\n"));
        // what `echo`, `printf` and `cat` pipe into `-d @-`, `--data-binary @-` and `--json @-`
        let piped = |line: &str| spec(line).request.body.unwrap();
        // and what `cat` reads from a here-document, a here-string or a file, piped on
        for (line, text) in [
            (
                "echo -n '{\"a\":\"b c\"}' | curl --json @- https://e.com/",
                "{\"a\":\"b c\"}",
            ),
            (
                "printf 'a=1\\nb=2' | curl --data-binary @- https://e.com/",
                "a=1\nb=2",
            ),
            (
                "cat <<EOF | curl --data-binary @- https://e.com/m\nsome_metric 42\nEOF\n",
                "some_metric 42\n",
            ),
            (
                "cat - <<< '{\"a\": 1}' | curl -d @- https://e.com/m",
                "{\"a\": 1}",
            ),
        ] {
            assert_eq!(piped(line).raw(), Some(text), "{line}");
        }
        for (line, file) in [
            (
                "cat MT940.txt | curl -H 'Content-Type: application/mt940' --data-binary @- https://e.com/",
                "MT940.txt",
            ),
            (
                "cat < body.json | curl --data-binary @- https://e.com/m",
                "body.json",
            ),
        ] {
            assert!(
                matches!(piped(line).file(), Some(FileSpec::Path(p)) if p == file),
                "{line}"
            );
        }
        // a form part of what is piped in
        let Some(BodySpec::Formdata(parts)) =
            spec("echo -n 'a b' | curl -F 'content=<-' -F x=1 https://e.com/new")
                .request
                .body
        else {
            panic!("a form")
        };
        assert!(matches!(&parts[0]["content"], PartSpec::Text(Some(t)) if t == "a b"));
        // Dify's docs: JSON in quotes whose own first quote ends them; curl drops the rest
        let dify =
            imported("curl -F 'data=\"{\"a\":1}\";type=application/json' http://localhost:9/u");
        let Some(BodySpec::Formdata(parts)) = &dify.items[0].spec.request.body else {
            panic!("a form")
        };
        assert!(
            matches!(&parts[0]["data"], PartSpec::Detailed(d) if d.value.as_deref() == Some("{"))
        );
        assert!(
            noted(
                &dify,
                "so the part is `{`, and curl drops `a\":1}\"` after it"
            ),
            "{:?}",
            dify.notes
        );
        // with its own content type, from a here-document
        let Some(BodySpec::Formdata(parts)) = spec(
            "curl -F 'meta=<-;type=application/json' https://e.com/up <<EOF\n{\"k\":\"v\"}\nEOF\n",
        )
        .request
        .body
        else {
            panic!("a form")
        };
        assert!(matches!(&parts[0]["meta"], PartSpec::Detailed(d)
            if d.value.as_deref() == Some("{\"k\":\"v\"}\n")
                && d.content_type.as_deref() == Some("application/json")));
        // `--data-urlencode name@-` encodes what is piped in, its line break too (curl 7.88
        // sends `name=a+b%0A`)
        let encoded = spec("echo 'a b' | curl --data-urlencode name@- https://e.com/y");
        let Some(BodySpec::Urlencoded(fields)) = &encoded.request.body else {
            panic!("a form: {:?}", encoded.request.body)
        };
        assert_eq!(fields[0]["name"].as_deref(), Some("a b\n"));
        // `-F file=@-` uploads it as a file named `-`, which a spec cannot say: a text part of
        // the same content, noted; of a file, that file; of nothing given, noted
        let text_part = imported("echo hello | curl -F 'file=@-;type=text/plain' https://e.com/x");
        let Some(BodySpec::Formdata(parts)) = &text_part.items[0].spec.request.body else {
            panic!("a form")
        };
        assert!(matches!(&parts[0]["file"], PartSpec::Detailed(d)
            if d.value.as_deref() == Some("hello\n") && d.content_type.as_deref() == Some("text/plain") && d.file.is_none()));
        note_at(
            &text_part,
            "command 2, word 1",
            "imported as a text part with the same content",
        );
        // `echo` is what curl reads, not a command skipped
        assert_eq!(kinds(&text_part), ["body"]);
        let file_part = imported("curl -F file=@- https://e.com/x < report.pdf");
        let Some(BodySpec::Formdata(parts)) = &file_part.items[0].spec.request.body else {
            panic!("a form")
        };
        assert!(
            matches!(&parts[0]["file"], PartSpec::Detailed(d) if d.file.as_deref() == Some("report.pdf"))
        );
        note_at(
            &file_part,
            "word 1",
            "uploads `report.pdf` under the file name `-`",
        );
        let unknown = imported("curl -F file=@- https://e.com/x");
        note_at(&unknown, "word 1", "which the command does not give");
        // output not known (`jq`), or `||` (no pipe): no body, noted
        for line in [
            "jq . x.json | curl -d @- https://e.com/",
            "echo x || curl -d @- https://e.com/",
        ] {
            assert!(spec(line).request.body.is_none(), "{line}");
        }
        let json = spec("curl --json @body.json https://e.com/a");
        assert!(
            matches!(&json.request.body, Some(BodySpec::File(FileSpec::Path(p))) if p == "body.json")
        );
        assert_eq!(
            crate::import::test_support::pairs(&json.request.headers),
            [
                crate::import::test_support::pair("Content-Type", "application/json"),
                crate::import::test_support::pair("Accept", "application/json")
            ]
        );
        let joined = spec("curl --json '{\"a\":' --json '1}' https://e.com/a");
        assert_eq!(joined.request.body.unwrap().raw(), Some("{\"a\":1}"));
        let from_file =
            imported("curl -F 'g=<notes.txt' -F 'h=@a.png;type=image/png' https://e.com/a");
        let body = from_file.items[0].spec.request.body.clone().unwrap();
        let parts = body.formdata().unwrap();
        assert!(
            matches!(&parts[0]["g"], PartSpec::Detailed(d) if d.file.as_deref() == Some("notes.txt"))
        );
        assert_eq!(kinds(&from_file), ["body"]);
    }

    #[test]
    fn what_curl_adds_to_the_url_goes_before_the_fragment_and_query() {
        assert_eq!(
            spec("curl -G -d b=2 'https://e.com/q#frag'").request.url,
            "https://e.com/q?b=2"
        );
        assert_eq!(
            spec("curl --url-query a=1 'https://e.com/p#f'").request.url,
            "https://e.com/p?a=1"
        );
        assert_eq!(
            spec("curl -T file.txt https://e.com").request.url,
            "https://e.com/file.txt"
        );
        assert_eq!(
            spec("curl -T dir/file.txt 'https://e.com/up/?overwrite=1'")
                .request
                .url,
            "https://e.com/up/file.txt?overwrite=1"
        );
        assert_eq!(
            spec("curl -T file.txt https://e.com/up/name").request.url,
            "https://e.com/up/name"
        );
        // each `-T` goes to the URL of its place; a glob uploads each file
        let pairs =
            imported("curl -T a.txt https://e.com/a/ -T b.txt https://e.com/b/ https://e.com/c");
        let sent: Vec<(&str, &str, Option<&str>)> = pairs
            .items
            .iter()
            .map(|item| {
                let request = &item.spec.request;
                let file = request.body.as_ref().and_then(|b| match b.file() {
                    Some(FileSpec::Path(p)) => Some(p.as_str()),
                    _ => None,
                });
                (request.method.as_str(), request.url.as_str(), file)
            })
            .collect();
        assert_eq!(
            sent,
            [
                ("PUT", "https://e.com/a/a.txt", Some("a.txt")),
                ("PUT", "https://e.com/b/b.txt", Some("b.txt")),
                ("GET", "https://e.com/c", None)
            ]
        );
        let globbed = imported("curl -T '{x.txt,y.txt}' https://e.com/up/");
        let urls = urls_of(&globbed);
        assert_eq!(urls, ["https://e.com/up/x.txt", "https://e.com/up/y.txt"]);
        // curl's man page: a thousand files are one spec, noted
        let many = imported("curl -T 'img[1-1000].png' https://e.com/up/");
        assert_eq!(many.items.len(), 1);
        assert_eq!(
            many.items[0].spec.request.url,
            "https://e.com/up/img[1-1000].png"
        );
        assert_eq!(kinds(&many), ["url-glob", "body"]);
    }

    // a `\ ` a blank follows (before a pipe) is a word of its own, a URL curl fails on
    #[test]
    fn a_blank_url_is_left_out_and_the_rest_imported() {
        let import = imported("curl -G 'https://e.com/search' -d q=1 \\  | python -mjson.tool");
        assert_eq!(import.items.len(), 1);
        assert_eq!(import.items[0].spec.request.url, "https://e.com/search?q=1");
        assert!(kinds(&import).contains(&"left-out"), "{:?}", import.notes);
    }

    // curl sends a `-H` instead of the header it makes itself for an option, and `-H 'Name:'`
    // removes that header
    #[test]
    fn a_header_given_replaces_the_one_an_option_makes() {
        let pairs =
            |command: &str| crate::import::test_support::pairs(&spec(command).request.headers);
        let pair = crate::import::test_support::pair;
        assert_eq!(
            pairs(
                "curl --json '{}' -H 'Content-Type: application/vnd.api+json' -H 'Accept: application/vnd.api+json' https://e.com/a"
            ),
            [
                pair("Content-Type", "application/vnd.api+json"),
                pair("Accept", "application/vnd.api+json")
            ]
        );
        assert_eq!(
            pairs("curl -H 'accept: text/plain' --json '{}' https://e.com/a"),
            [
                pair("Content-Type", "application/json"),
                pair("accept", "text/plain")
            ]
        );
        assert_eq!(
            pairs(
                "curl -A one -e a -r 0-9 -H 'User-Agent: two' -H 'Referer: b' -H 'Range: bytes=5-6' https://e.com/a"
            ),
            [
                pair("User-Agent", "two"),
                pair("Referer", "b"),
                pair("Range", "bytes=5-6")
            ]
        );
        assert!(pairs("curl -A '' https://e.com/a").is_empty());
        assert!(pairs("curl -A x -H 'User-Agent:' https://e.com/a").is_empty());
        assert_eq!(
            pairs("curl --json '{}' -H 'Accept:' https://e.com/a"),
            [pair("Content-Type", "application/json")]
        );
        let cookies = imported("curl -H 'Cookie: a=b' -b c=d https://e.com/a");
        let request = &cookies.items[0].spec.request;
        assert!(request.cookies.is_empty());
        assert_eq!(
            crate::import::test_support::pairs(&request.headers),
            [pair("Cookie", "a=b")]
        );
        assert_eq!(kinds(&cookies), ["cookie"]);
        // a cookie's name that is a variable (an invite script's `$SESSION_LABEL`): the header
        let cookies =
            imported("LABEL=connect.sid\ncurl -b \"$LABEL=$sessionId; lang=en\" https://e.com/a");
        let request = &cookies.items[0].spec.request;
        assert!(request.cookies.is_empty());
        assert_eq!(
            crate::import::test_support::pairs(&request.headers),
            [pair("Cookie", "{{LABEL}}={{sessionId}}; lang=en")]
        );
        assert!(kinds(&cookies).contains(&"cookie"));
        crate::import::test_support::assert_valid("cookie", &cookies.items[0].spec);
    }

    #[test]
    fn headers_cookies_and_the_query() {
        let spec = spec(
            "curl -A 'my-agent/1.0' -e https://ref.example/ -b 'a=1; b=2' -r 0-99 --url https://e.com/a -G -d q=x --data-urlencode 'name=a b' --data-urlencode '=c&d' --data-urlencode plain --url-query 'k=v w'",
        );
        assert_eq!(
            crate::import::test_support::pairs(&spec.request.headers),
            [
                crate::import::test_support::pair("User-Agent", "my-agent/1.0"),
                crate::import::test_support::pair("Referer", "https://ref.example/"),
                crate::import::test_support::pair("Range", "bytes=0-99"),
            ]
        );
        assert_eq!(spec.request.cookies.len(), 2);
        assert_eq!(
            spec.request.url,
            "https://e.com/a?k=v%20w&q=x&name=a%20b&c%26d&plain"
        );
        let notes = imported(
            "curl -b cookies.txt -H @headers.txt --data-urlencode name@file.txt --data-urlencode @all.txt https://e.com/a",
        );
        assert_eq!(kinds(&notes), ["cookie", "dropped-header", "body", "body"]);
        // data left out is still data: curl sends a `POST`
        assert_eq!(notes.items[0].spec.request.method, "POST");
    }

    // the examples of curl's man page and of API documentation (Stripe, GitHub)
    #[test]
    fn documentation_examples() {
        let stripe = imported(
            "curl https://api.stripe.com/v1/customers \\\n  -u sk_test_4eC39HqLyjWDarjtT1zdp7dc: \\\n  -d name=\"Jenny Rosen\" \\\n  --data-urlencode email=\"jennyrosen@example.com\"",
        );
        let spec = &stripe.items[0].spec;
        assert_eq!(
            spec.request
                .auth
                .as_ref()
                .unwrap()
                .basic()
                .unwrap()
                .password,
            ""
        );
        let body = spec.request.body.as_ref().unwrap();
        assert_eq!(
            body.urlencoded().unwrap()[1]["email"].as_deref(),
            Some("jennyrosen@example.com")
        );
        assert!(stripe.notes.is_empty(), "{:?}", stripe.notes);
        let github = imported(
            "curl -L \\\n  -X POST \\\n  -H \"Accept: application/vnd.github+json\" \\\n  -H \"Authorization: Bearer <YOUR-TOKEN>\" \\\n  -H \"X-GitHub-Api-Version: 2022-11-28\" \\\n  https://api.github.com/repos/OWNER/REPO/issues \\\n  -d '{\"title\":\"Found a bug\",\"labels\":[\"bug\"]}'",
        );
        let spec = &github.items[0].spec;
        // the placeholder GitHub's docs write is a variable the reader sets
        assert!(matches!(&spec.request.auth, Some(AuthSpec::Bearer(t)) if t == "{{YOUR-TOKEN}}"));
        // Accept, the API version, and the form Content-Type curl sends with `-d`
        assert_eq!(spec.request.headers.len(), 3);
        assert_eq!(kinds(&github), ["placeholder"]);
        // curl(1)'s own examples
        for (line, method, url) in [
            ("curl https://example.com", "GET", "https://example.com"),
            (
                "curl -d \"name=curl\" https://example.com",
                "POST",
                "https://example.com",
            ),
            (
                "curl -T file https://example.com",
                "PUT",
                "https://example.com/file",
            ),
            ("curl -I https://example.com", "HEAD", "https://example.com"),
            (
                "curl --data-binary @filename https://example.com",
                "POST",
                "https://example.com",
            ),
            (
                "curl -F name=John -F shoesize=11 https://example.com/",
                "POST",
                "https://example.com/",
            ),
            (
                "curl --json '{ \"drink\": \"coffe\" }' https://example.com",
                "POST",
                "https://example.com",
            ),
            (
                "curl --compressed https://example.com",
                "GET",
                "https://example.com",
            ),
            (
                "curl -G -d \"name=daniel&shoesize=10\" https://example.com",
                "GET",
                "https://example.com?name=daniel&shoesize=10",
            ),
            (
                "curl -x http://proxy -O https://example.com/file",
                "GET",
                "https://example.com/file",
            ),
            (
                "curl --url-query name=val https://example.com",
                "GET",
                "https://example.com?name=val",
            ),
            (
                "curl --aws-sigv4 \"aws:amz:us-east-2:es\" --user \"key:secret\" https://example.com",
                "GET",
                "https://example.com",
            ),
            (
                "curl -e \"https://fake.example;auto\" -L https://example.com",
                "GET",
                "https://example.com",
            ),
            (
                "curl --proto =http,https https://example.com",
                "GET",
                "https://example.com",
            ),
        ] {
            let import = imported(line);
            assert_eq!(import.items.len(), 1, "{line}");
            let spec = &import.items[0].spec;
            assert_eq!(
                (spec.request.method.as_str(), spec.request.url.as_str()),
                (method, url),
                "{line}"
            );
            crate::import::test_support::assert_valid(line, spec);
        }
    }
}
