//! Importers: bring an existing API's requests into specs, from a Postman collection, an OpenAPI
//! document, a HAR capture or a curl command line. Each importer turns its input into specs and
//! notes on what it could not represent (with where, in the input); this module writes the specs.

pub mod curl;
pub mod har;
pub mod openapi;
mod placeholders;
pub mod postman;
mod shared;
pub mod site_variables;
mod strict_json;

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::fs_safe::INPUT_LIMIT;
use crate::model::{self, PageId};
use crate::spec::{AuthSpec, KeyLocationSpec, Spec};

/// One imported request, and where its spec goes.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Folder names below the target directory (a collection's folders, an OpenAPI tag).
    pub dirs: Vec<String>,
    /// The request's name, slugged into the file name.
    pub name: String,
    pub spec: Spec,
    /// Where the input has the request: a JSON pointer (`/item/0`, `/paths/~1pets/get`), or
    /// for a command line its place (`line 3, word 2`); empty when it has none.
    pub origin: String,
}

/// Something in the input an importer could not represent, and where it is: a JSON pointer into
/// the input (`/item/0/request/auth`) or, for a command line, a word's position. Its kind, a
/// short stable slug (`unsupported-option`, `dropped-header`, `body`…), groups it in the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub kind: &'static str,
    pub at: String,
    pub message: String,
}

impl Note {
    /// A note of kind `other`.
    pub fn new(at: impl Into<String>, message: impl Into<String>) -> Note {
        Note::of_kind("other", at, message)
    }

    pub fn of_kind(kind: &'static str, at: impl Into<String>, message: impl Into<String>) -> Note {
        Note {
            kind,
            at: at.into(),
            message: message.into(),
        }
    }
}

impl Import {
    /// The notes' kinds with how many notes each has, in the order each kind first appears.
    pub fn note_counts(&self) -> Vec<(&'static str, usize)> {
        let mut counts: Vec<(&'static str, usize)> = Vec::new();
        for note in &self.notes {
            match counts.iter_mut().find(|(kind, _)| *kind == note.kind) {
                Some((_, count)) => *count += 1,
                None => counts.push((note.kind, 1)),
            }
        }
        counts
    }
}

/// What an importer produced.
#[derive(Debug, Clone, Default)]
pub struct Import {
    pub items: Vec<Imported>,
    pub notes: Vec<Note>,
    /// Values the input gives its `{{variables}}` (an OpenAPI server, a Postman collection's
    /// variables), for the project's `samplegen.yaml` (see [`site_variables`]).
    pub variables: IndexMap<String, String>,
    /// The items of requests whose response a script keeps in a variable (`TOKEN=$(curl …)`),
    /// by index: a step on the way to the request a page's section is about.
    pub captured: Vec<usize>,
}

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A Postman Collection v2.0 or v2.1, or v1 (JSON).
    Postman,
    /// An OpenAPI 3.0 or 3.1 document, or a Swagger 2.0 one (YAML or JSON).
    Openapi,
    /// A HAR log, or one HAR request object (JSON).
    Har,
    /// A curl command line.
    Curl,
}

/// How an import reads its input.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// OpenAPI: write every optional parameter and body property, not only the required ones.
    pub all_params: bool,
    /// OpenAPI: the document's file name, recorded as each spec's `origin` so that
    /// `samplegen export openapi` finds the operation again.
    pub document: Option<String>,
    /// OpenAPI: the document's file, from whose folder the files its `$ref`s name are found
    /// (none for standard input).
    pub path: Option<std::path::PathBuf>,
    /// OpenAPI: the folder those files must be in.
    pub folder: Option<std::path::PathBuf>,
}

/// Reads `text` as `format`. A malformed input is an error (nothing is written); what a valid
/// input holds that specs cannot say is reported in the notes.
pub fn read(format: Format, text: &str, options: Options) -> Result<Import, String> {
    // a byte order mark, as Windows tools write UTF-8 (PowerShell 5.1's `-Encoding UTF8`,
    // .NET's `Encoding.UTF8`), is no part of the text: newman skips it too
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut import = match format {
        Format::Postman => postman::import(text),
        Format::Openapi => openapi::import(text, options),
        Format::Har => har::import(text),
        Format::Curl => curl::import(text),
    }?;
    move_userinfo_to_auth(&mut import);
    trim_header_values(&mut import);
    note_html_prose(&mut import);
    note_cut_names(&mut import);
    fit_response_examples(&mut import);
    Ok(import)
}

/// Header values, and the token and header key auth sends as one, without the white space
/// around them, which is not part of a value in HTTP (RFC 9110, 5.5) and which some clients
/// refuse (Python's requests): Postman exports often hold `" application/json"`. Servers read
/// the same value either way, so no note is needed.
fn trim_header_values(import: &mut Import) {
    for item in &mut import.items {
        trim_request_header_values(&mut item.spec.request);
    }
}

/// [`trim_header_values`] for one request: an importer that checks its specs as it reads
/// (Postman's, to say where in the collection a request is invalid) does this first.
pub(crate) fn trim_request_header_values(request: &mut crate::spec::RequestSpec) {
    let blank = [' ', '\t'];
    let trim = |value: &mut String| {
        if value.starts_with(blank) || value.ends_with(blank) {
            *value = value.trim_matches(blank).to_string();
        }
    };
    for header in &mut request.headers {
        header.values_mut().flatten().for_each(trim);
    }
    match &mut request.auth {
        Some(AuthSpec::Bearer(token)) => trim(token),
        Some(AuthSpec::Apikey(key)) if key.location != Some(KeyLocationSpec::Query) => {
            trim(&mut key.value)
        }
        _ => {}
    }
}

/// An example response too large for its spec to be read back (a spec holds at most
/// [`INPUT_LIMIT`]) is left out, with a note: the request is what
/// the samples need. (Azure's capabilities listing gives a 1.8 MB example.)
fn fit_response_examples(import: &mut Import) {
    for item in &mut import.items {
        // indentation can at most double a text's size in YAML; smaller ones cannot matter
        let examples: usize = item
            .spec
            .all_responses()
            .filter_map(|r| r.body.as_ref())
            .map(String::len)
            .sum();
        if (examples as u64) < INPUT_LIMIT / 4 {
            continue;
        }
        // the largest first, until the spec fits
        while to_yaml(&item.spec).len() as u64 > INPUT_LIMIT {
            let Some(response) = item
                .spec
                .response
                .iter_mut()
                .chain(&mut item.spec.responses)
                .filter(|r| r.body.is_some())
                .max_by_key(|r| r.body.as_ref().map_or(0, String::len))
            else {
                break;
            };
            let size = response.body.take().map_or(0, |body| body.len());
            response.lang = None;
            import.notes.push(Note::of_kind(
                "response",
                item.name.clone(),
                format!(
                    "the example response `{}` ({}) is left out: with it the spec would be larger than the {} samplegen reads",
                    response.status,
                    crate::fs_safe::human(size as u64),
                    crate::fs_safe::human(INPUT_LIMIT),
                ),
            ));
        }
    }
}

/// A URL's user info (`https://user:password@host/`) is sent as basic auth by curl, requests and
/// Go but left out by other clients, so a spec may not hold it: it becomes the request's basic
/// auth (decoded, as curl reads it) unless the request sends an `Authorization` of its own, which
/// curl sends instead. Either way a note says so. User info in a variable's value (an OpenAPI
/// server, a collection's `baseUrl`) is taken out of it the same way, for each request whose URL
/// starts with that variable.
fn move_userinfo_to_auth(import: &mut Import) {
    let mut in_variables: Vec<(String, String)> = Vec::new();
    for (name, value) in &mut import.variables {
        // only a URL that a request's URL starts with: any other value (an e-mail address, a
        // password with an `@`) is text, whatever it holds
        let variable = format!("{{{{{name}}}}}");
        let starts_a_url = import
            .items
            .iter()
            .any(|item| item.spec.request.url.starts_with(&variable));
        if starts_a_url
            && crate::url::Url::parse(value).scheme.is_some()
            && let Some(userinfo) = take_userinfo(value)
        {
            in_variables.push((variable, userinfo));
        }
    }
    for item in &mut import.items {
        let request = &mut item.spec.request;
        let (userinfo, whose) = match take_userinfo(&mut request.url) {
            Some(userinfo) => (userinfo, "the URL's user info".to_string()),
            None => match in_variables
                .iter()
                .find(|(variable, _)| request.url.starts_with(variable.as_str()))
            {
                Some((variable, userinfo)) => (
                    userinfo.clone(),
                    format!("the user info in the value of `{variable}`"),
                ),
                None => continue,
            },
        };
        let decode = |text: &str| {
            percent_encoding::percent_decode_str(text)
                .decode_utf8_lossy()
                .into_owned()
        };
        let (username, password) = userinfo.split_once(':').unwrap_or((&userinfo, ""));
        let own_authorization = request.auth.as_ref().is_some_and(|auth| {
            auth.header_name()
                .is_some_and(|name| name.eq_ignore_ascii_case("authorization"))
        }) || request
            .headers
            .iter()
            .any(|h| h.keys().any(|k| k.eq_ignore_ascii_case("authorization")));
        let message = if own_authorization {
            format!("{whose} was left out: the request sends its own `Authorization`, as curl does")
        } else {
            // a user name holding `:` (`us%3Aer`) sends the header a user name up to its first
            // `:` and the rest before the password send
            let (username, password) = match decode(username).split_once(':') {
                Some((user, rest)) => (user.to_string(), format!("{rest}:{}", decode(password))),
                None => (decode(username), decode(password)),
            };
            request.auth = Some(crate::spec::AuthSpec::Basic(crate::spec::BasicAuthSpec {
                username,
                password,
            }));
            format!("{whose} became basic auth (`auth: basic:`), which every client sends alike")
        };
        import
            .notes
            .push(Note::of_kind("auth", item.name.clone(), message));
    }
}

/// Takes the user info out of `url` (`user:password@` after the scheme), returning it.
fn take_userinfo(url: &mut String) -> Option<String> {
    let parsed = crate::url::Url::parse(url);
    let userinfo = parsed.userinfo?;
    let start = match (&parsed.scheme, url.find("://")) {
        (Some(_), Some(index)) => index + 3,
        _ => 0,
    };
    url.replace_range(start..start + userinfo.len() + 1, "");
    Some(userinfo)
}

/// The longest file or folder name an import writes, in bytes (file systems allow 255).
pub const MAX_NAME_BYTES: usize = 80;

/// One note per name too long for a file or folder name, saying what it is cut to.
fn note_cut_names(import: &mut Import) {
    let mut notes = Vec::new();
    for item in &import.items {
        for name in item.dirs.iter().chain([&item.name]) {
            let (cut, was_cut) = bounded_slug(name);
            if was_cut {
                let shown: String = name.chars().take(60).collect();
                let note = Note::of_kind(
                    "name",
                    cut.clone(),
                    format!(
                        "the name `{shown}…` ({} bytes) is cut to `{cut}` (file and folder names are at most {MAX_NAME_BYTES} bytes)",
                        name.len()
                    ),
                );
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
    }
    import.notes.extend(notes);
}

/// Descriptions become the prose, which is Markdown, so HTML in them reaches the page as HTML:
/// one note says so, at the first request whose description holds some.
fn note_html_prose(import: &mut Import) {
    let with_html: Vec<&Imported> = import
        .items
        .iter()
        .filter(|item| holds_html(&item.spec.prose))
        .collect();
    if let Some(first) = with_html.first() {
        let note = Note::of_kind(
            "prose",
            first.name.clone(),
            format!(
                "descriptions with HTML were kept as written; the page shows them as HTML ({} request(s), this one first)",
                with_html.len()
            ),
        );
        import.notes.push(note);
    }
}

/// Whether Markdown `text` holds an HTML tag, closing tag or comment (`<b>`, `</p>`, `<!--`), as
/// Markdown reads it: not in a code span or block, nor an autolink (`<https://e.com>`).
fn holds_html(text: &str) -> bool {
    use pulldown_cmark::{Event, Parser};
    text.contains('<')
        && Parser::new(text).any(|event| matches!(event, Event::Html(_) | Event::InlineHtml(_)))
}

/// What writing an import did.
#[derive(Debug, Default)]
pub struct Written {
    /// Spec files written, relative to the project.
    pub written: Vec<PathBuf>,
    /// Existing spec files left alone (no `--force`).
    pub kept: Vec<PathBuf>,
    /// Specs too large to write.
    pub invalid: Vec<Diagnostic>,
    /// The imported requests whose specs would not be valid, and why.
    pub rejected: Vec<Rejected>,
    /// How many imported requests were not written for those problems.
    pub not_written: usize,
}

/// An imported request whose spec would not be valid: where the input has it, its name, and
/// its spec's problems (no spec file is there to point at).
#[derive(Debug)]
pub struct Rejected {
    pub origin: String,
    pub name: String,
    pub problems: Vec<String>,
}

impl Rejected {
    /// The problems as diagnostics of the input `file` (its text `source`), at the request.
    pub fn diagnostics(&self, file: &Path, source: &str) -> Vec<Diagnostic> {
        let location = match self.origin.strip_prefix("line ") {
            Some(rest) => rest
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|line| line.parse().ok())
                .map(|line| crate::diagnostic::Location { line, column: 1 }),
            None => crate::diagnostic::locate_pointer(source, &self.origin),
        };
        let at = if self.origin.is_empty() || location.is_some() {
            String::new()
        } else {
            format!(" at `{}`", self.origin)
        };
        self.problems
            .iter()
            .map(|problem| {
                let message = format!(
                    "{problem} (the request `{}`{at}: its spec is not written)",
                    self.name
                );
                match location {
                    Some(location) => Diagnostic::at(file, source, location, message),
                    None => Diagnostic::new(file, message),
                }
            })
            .collect()
    }
}

/// Writes each imported spec to `into/<dirs…>/<name>.yaml` (names slugged, made unique within
/// their directory), never over an existing file unless `force`. A spec that would not be valid
/// is not written; its problems are returned. `into` must lie below `specs_dir`, and every
/// directory on the way to a spec must be a real directory: a link, or a `..`, is refused,
/// never followed.
pub fn write(
    import: &Import,
    into: &Path,
    specs_dir: &Path,
    force: bool,
) -> std::io::Result<Written> {
    use crate::fs_safe::{Confined, Refusal};
    let outside = || -> std::io::Error {
        Refusal::Outside {
            path: into.to_path_buf(),
            area: specs_dir.to_path_buf(),
        }
        .into()
    };
    let below = into.strip_prefix(specs_dir).map_err(|_| outside())?;
    if !below
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
    {
        return Err(outside());
    }
    if std::fs::symlink_metadata(specs_dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Refusal::LinkOnTheWay {
            path: specs_dir.to_path_buf(),
            to: into.to_path_buf(),
        }
        .into());
    }
    std::fs::create_dir_all(specs_dir)?;
    let specs = Confined::new(specs_dir);
    let mut written = Written::default();
    let mut taken: HashSet<PathBuf> = HashSet::new();
    // for each name taken, the number its next namesake tries first
    let mut next_number: HashMap<PathBuf, usize> = HashMap::new();
    // first every path and text, checked, then the files: an import that is refused midway
    // has written nothing
    let mut planned: Vec<(PathBuf, String)> = Vec::new();
    for item in &import.items {
        let mut dir = into.to_path_buf();
        for folder in &item.dirs {
            dir.push(bounded_slug(folder).0);
        }
        let base = bounded_slug(&item.name).0;
        let mut path = dir.join(format!("{base}.yaml"));
        if taken.contains(&path) {
            // numbered from where the last spec of this name stopped: counting from 2 again
            // for each made an import of 8,000 operations of one name take 7 s
            let next = next_number.entry(path.clone()).or_insert(2);
            loop {
                path = dir.join(format!("{base}-{next}.yaml"));
                *next += 1;
                if !taken.contains(&path) {
                    break;
                }
            }
        }
        taken.insert(path.clone());

        let relative = path.strip_prefix(specs_dir).unwrap_or(&path);
        let id = PageId::from_relative_path(relative).unwrap_or(PageId {
            module: "imported".into(),
            page: base.clone(),
        });
        let text = match to_valid_yaml(&item.spec, &path, id) {
            Ok(text) => text,
            Err(problems) => {
                // the file is not there to look at: the input's request is named instead
                written.rejected.push(Rejected {
                    origin: item.origin.clone(),
                    name: item.name.clone(),
                    problems: problems
                        .into_iter()
                        .map(|problem| problem.message)
                        .collect(),
                });
                written.not_written += 1;
                continue;
            }
        };
        if text.len() as u64 > INPUT_LIMIT {
            // its request alone is that large (a body): a spec build could not read
            written.invalid.push(Diagnostic::new(
                &path,
                format!(
                    "this spec would be {}, larger than the {} samplegen reads: not written",
                    crate::fs_safe::human(text.len() as u64),
                    crate::fs_safe::human(INPUT_LIMIT)
                ),
            ));
            written.not_written += 1;
            continue;
        }
        let relative = path.strip_prefix(specs_dir).map_err(|_| outside())?;
        let relative = relative.to_str().ok_or_else(outside)?;
        if specs.metadata(relative)?.is_some() && !force {
            written.kept.push(path);
            continue;
        }
        planned.push((path, text));
    }
    for (path, text) in planned {
        let relative = path.strip_prefix(specs_dir).map_err(|_| outside())?;
        let relative = relative.to_str().ok_or_else(outside)?;
        if let Err(error) = specs.write(relative, text.as_bytes()) {
            if written.written.is_empty() {
                return Err(error);
            }
            let done: Vec<String> = written
                .written
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            return Err(std::io::Error::new(
                error.kind(),
                format!(
                    "{error}, after writing {} spec(s), which stay: {}",
                    done.len(),
                    done.join(", ")
                ),
            ));
        }
        written.written.push(path);
    }
    Ok(written)
}

/// [`slug`] at most [`MAX_NAME_BYTES`] long: a longer one is cut at a character boundary and
/// ends with `-` and a short hash of the whole name, so that names cut alike stay apart. Whether
/// it was cut comes with it.
pub fn bounded_slug(name: &str) -> (String, bool) {
    let full = slug(name);
    if full.len() <= MAX_NAME_BYTES {
        return (full, false);
    }
    // FNV-1a: stable across runs and platforms
    let hash = full.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    let suffix = format!("-{hash:08x}");
    let mut end = MAX_NAME_BYTES - suffix.len();
    while !full.is_char_boundary(end) {
        end -= 1;
    }
    let head = full[..end].trim_end_matches('-');
    (format!("{head}{suffix}"), true)
}

/// `spec` as the YAML text of a spec file at `path`, provided that text reads back as a valid
/// spec, the same one samplegen will build; otherwise the problems the build would report.
pub fn to_valid_yaml(spec: &Spec, path: &Path, id: PageId) -> Result<String, Vec<Diagnostic>> {
    let text = to_yaml(spec);
    let reparsed = crate::spec::parse(&text)
        .map_err(|error| vec![Diagnostic::from_yaml(path, &text, &error)])?;
    model::validate(reparsed, id, path, &text)?;
    Ok(text)
}

/// A spec as YAML text, fields in the order writers expect.
pub fn to_yaml(spec: &Spec) -> String {
    crate::yaml::to_string(spec)
}

/// A file or folder name for `name`: lower case letters, digits, `-` and `_`, runs of anything
/// else as one `-`; `request` when nothing is left. Letters of other scripts are written in
/// Latin ones first (`Créer un élément` is `creer-un-element`, `获取用户` `huo-qu-yong-hu`,
/// `Получить заказ` `poluchit-zakaz`), so that a collection named in any language gets names
/// a reader can tell apart, and that every file system and docs toolchain takes alike; emoji and
/// symbols are left out. A name that is one already (a house page's address, whose last word
/// may end in `-`) is kept as it is.
pub fn slug(name: &str) -> String {
    let is_slug = |name: &str| {
        !name.starts_with('-')
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    };
    if !name.is_empty() && is_slug(name) {
        return name.to_string();
    }
    let mut latin = String::with_capacity(name.len());
    for c in name.trim().chars() {
        match deunicode::deunicode_char(c) {
            _ if c.is_ascii() => latin.push(c),
            // a syllable (`北` is `Bei `) is a word of its own, also after Latin letters
            Some(syllable) if c.is_alphanumeric() && syllable.ends_with(' ') => {
                latin.push(' ');
                latin.push_str(syllable);
            }
            Some(letters) if c.is_alphanumeric() => latin.push_str(letters),
            // an emoji or a symbol (`📥` would be `inbox tray`) says nothing of the request
            _ => latin.push(' '),
        }
    }
    let mut out = String::new();
    for c in latin.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "request".into()
    } else {
        out
    }
}

/// What the importers' tests share.
#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use crate::spec::NameValueSpec;

    /// Panics, showing the problems and the YAML, unless `spec` writes as a valid spec.
    pub fn assert_valid(name: &str, spec: &Spec) {
        let id = PageId {
            module: "m".into(),
            page: "p".into(),
        };
        if let Err(problems) = to_valid_yaml(spec, Path::new("x.yaml"), id) {
            let problems: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            panic!(
                "{name} is not valid:\n{}\n{}",
                problems.join("\n"),
                to_yaml(spec)
            );
        }
    }

    /// Name–value lists (headers, query, cookies, fields) as plain pairs, in order.
    pub fn pairs(items: &[NameValueSpec]) -> Vec<(String, String)> {
        items
            .iter()
            .flat_map(|item| {
                item.iter()
                    .map(|(k, v)| (k.clone(), v.clone().unwrap_or_default()))
            })
            .collect()
    }

    pub fn pair(name: &str, value: &str) -> (String, String) {
        (name.to_string(), value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // a byte order mark before the JSON (newman's own fixture has one) is skipped, by every
    // importer alike
    #[test]
    fn a_byte_order_mark_is_no_part_of_the_input() {
        let collection = "\u{feff}{\"info\": {\"name\": \"c\", \"schema\": \"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"}, \"item\": [{\"name\": \"a\", \"request\": {\"method\": \"GET\", \"url\": \"https://e.com/a\"}}]}";
        let har = "\u{feff}{\"log\": {\"entries\": [{\"request\": {\"method\": \"GET\", \"url\": \"https://e.com/a\", \"headers\": []}}]}}";
        for (format, text) in [
            (Format::Postman, collection),
            (Format::Har, har),
            (Format::Curl, "\u{feff}curl https://e.com/a"),
        ] {
            let import = read(format, text, Options::default()).unwrap();
            assert_eq!(import.items[0].spec.request.url, "https://e.com/a");
        }
    }

    // Azure's capabilities listing has a 1.8 MB example response: a spec holding it could not
    // be read back, so the example goes, and a request too large alone is not written
    #[test]
    fn what_would_make_a_spec_too_large_to_read_is_left_out() {
        let lines = "\"x\",\n".repeat(200_000);
        let response = format!("[\n{lines}\"x\"\n]");
        let har = |body: &str, response: &str| {
            let json = serde_json::json!({"log": {"entries": [{
                "request": {"method": "POST", "url": "https://e.com/a", "headers": [],
                    "postData": {"mimeType": "application/json", "text": body}},
                "response": {"status": 200, "content": {"mimeType": "application/json", "text": response}}
            }]}});
            read(Format::Har, &json.to_string(), Options::default()).unwrap()
        };
        let import = har("{}", &response);
        let spec = &import.items[0].spec;
        assert!(spec.response.as_ref().unwrap().body.is_none());
        assert_eq!(spec.response.as_ref().unwrap().status, "200");
        let note = import.notes.iter().find(|n| n.kind == "response").unwrap();
        assert!(
            note.message
                .contains("the example response `200` (1000007 bytes) is left out"),
            "{note:?}"
        );
        // a smaller one stays
        let import = har("{}", "[1]");
        assert!(
            import.items[0]
                .spec
                .response
                .as_ref()
                .unwrap()
                .body
                .is_some()
        );
        assert!(import.notes.iter().all(|n| n.kind != "response"));

        let dir = tempfile::tempdir().unwrap();
        let specs = dir.path().join("specs");
        let import = har(&response, "[1]");
        let written = write(&import, &specs.join("big"), &specs, false).unwrap();
        assert!(written.written.is_empty());
        let problem = written.invalid[0].to_string();
        assert!(
            problem.contains("larger than the 1 MiB samplegen reads: not written"),
            "{problem}"
        );
    }

    // curl, requests and Go send a URL's user info as basic auth and other clients do not, so a
    // spec may not hold it: every importer moves it to the auth
    #[test]
    fn user_info_becomes_basic_auth_unless_the_request_authorizes_itself() {
        let postman = |url: &str, auth: &str| {
            format!(
                r#"{{"info": {{"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
                  "item": [{{"name": "a", "request": {{"method": "GET", "url": "{url}"{auth}}}}}]}}"#
            )
        };
        let har = |url: &str| {
            format!(
                r#"{{"log": {{"entries": [{{"request": {{"method": "GET", "url": "{url}", "headers": []}}}}]}}}}"#
            )
        };
        let cases = [
            (
                Format::Curl,
                "curl 'https://alice:p%40ss%3Aw@api.example.com/v1/users?a=b@c'".to_string(),
                "https://api.example.com/v1/users?a=b@c",
                Some(("alice", "p@ss:w")),
            ),
            (
                Format::Curl,
                "curl token@api.example.com/x".to_string(),
                "http://api.example.com/x",
                Some(("token", "")),
            ),
            (
                Format::Curl,
                "curl -u bob:pw https://alice:s3cret@e.com/x".to_string(),
                "https://e.com/x",
                Some(("bob", "pw")),
            ),
            (
                Format::Postman,
                postman("https://{{user}}:{{password}}@e.com/a", ""),
                "https://e.com/a",
                Some(("{{user}}", "{{password}}")),
            ),
            (
                Format::Postman,
                postman(
                    "https://alice:s3cret@e.com/a",
                    r#", "header": [{"key": "Authorization", "value": "Bearer t"}]"#,
                ),
                "https://e.com/a",
                None,
            ),
            (
                Format::Har,
                har("https://alice:s3cret@e.com/a"),
                "https://e.com/a",
                Some(("alice", "s3cret")),
            ),
            // `us:er` and `p:w`: curl sends base64 of `us:er:p:w`, which this says alike
            (
                Format::Har,
                har("https://us%3Aer:p%3Aw@e.com/a"),
                "https://e.com/a",
                Some(("us", "er:p:w")),
            ),
        ];
        let openapi = |server: &str| {
            format!(
                "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\nservers: [{{url: '{server}'}}]\npaths:\n  /a:\n    get:\n      responses: {{'200': {{description: ok}}}}\n"
            )
        };
        let import = read(
            Format::Openapi,
            &openapi("https://alice:s3cret@api.example.com/v1"),
            Options::default(),
        )
        .unwrap();
        assert_eq!(import.variables["baseUrl"], "https://api.example.com/v1");
        let spec = &import.items[0].spec;
        assert!(
            matches!(&spec.request.auth, Some(crate::spec::AuthSpec::Basic(b))
                if b.username == "alice" && b.password == "s3cret"),
            "{:?}",
            spec.request.auth
        );
        assert!(import.notes.iter().any(|n| {
            n.kind == "auth"
                && n.message
                    .starts_with("the user info in the value of `{{baseUrl}}`")
        }));
        for (format, input, url, basic) in cases {
            let import = read(format, &input, Options::default()).unwrap();
            let spec = &import.items[0].spec;
            test_support::assert_valid(&input, spec);
            assert_eq!(spec.request.url, url, "{input}");
            match basic {
                Some((username, password)) => assert!(
                    matches!(&spec.request.auth, Some(crate::spec::AuthSpec::Basic(b))
                        if b.username == username && b.password == password),
                    "{input}: {:?}",
                    spec.request.auth
                ),
                None => assert!(spec.request.auth.is_none(), "{input}"),
            }
            assert!(
                import
                    .notes
                    .iter()
                    .any(|n| n.kind == "auth" && n.message.starts_with("the URL's user info")),
                "{input}: {:?}",
                import.notes
            );
        }
    }

    // a variable's value is a URL's user info only where a URL starts with it: an e-mail address
    // or a password with an `@` is the text it is
    #[test]
    fn variables_that_are_not_urls_keep_their_at_signs() {
        let collection = r#"{"info": {"name": "r", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
          "variable": [{"key": "baseUrl", "value": "https://u:p@api.example.com"}, {"key": "email", "value": "john@example.com"},
                       {"key": "pw", "value": "p@ss:w0rd"}, {"key": "site", "value": "https://a:b@example.com/"}],
          "item": [{"name": "login", "request": {"method": "POST", "url": "{{baseUrl}}/login",
            "auth": {"type": "basic", "basic": [{"key": "username", "value": "{{email}}"}, {"key": "password", "value": "{{pw}}"}]},
            "header": [{"key": "Content-Type", "value": "application/json"}],
            "body": {"mode": "raw", "raw": "{\"site\": \"{{site}}\"}"}}}]}"#;
        let import = read(Format::Postman, collection, Options::default()).unwrap();
        assert_eq!(import.variables["email"], "john@example.com");
        assert_eq!(import.variables["pw"], "p@ss:w0rd");
        assert_eq!(import.variables["site"], "https://a:b@example.com/");
        // the base URL's user info is left out, as the request authorizes itself
        assert_eq!(import.variables["baseUrl"], "https://api.example.com");
    }

    // Postman exports often hold `" application/json"`; a spec may not (requests refuses it)
    #[test]
    fn white_space_around_header_values_and_tokens_is_taken_off() {
        let inputs = [
            (
                Format::Postman,
                r#"{"info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
                  "item": [{"name": "a", "request": {"method": "GET", "url": "https://e.com/a",
                    "auth": {"type": "bearer", "bearer": [{"key": "token", "value": " t0k "}]},
                    "header": [{"key": "Accept", "value": " application/json\t"}]}}]}"#,
            ),
            (
                Format::Har,
                r#"{"method": "GET", "url": "https://e.com/a", "headers": [{"name": "Accept", "value": " application/json "}, {"name": "Authorization", "value": "Bearer t0k "}]}"#,
            ),
        ];
        for (format, input) in inputs {
            let import = read(format, input, Options::default()).unwrap();
            let spec = &import.items[0].spec;
            assert_eq!(
                test_support::pairs(&spec.request.headers),
                [test_support::pair("Accept", "application/json")],
                "{format:?}"
            );
            assert_eq!(spec.request.auth.as_ref().unwrap().bearer(), Some("t0k"));
            test_support::assert_valid(&format!("{format:?}"), spec);
        }
    }

    // a spec may not set them any more, so an import that kept them would be refused
    #[test]
    fn headers_clients_set_themselves_are_dropped() {
        let inputs = [
            (
                Format::Curl,
                "curl -H 'Host: h' -H 'Content-Length: 3' -H 'X-A: 1' -H 'Connection;' https://e.com/a",
            ),
            (
                Format::Postman,
                r#"{"info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
                  "item": [{"name": "a", "request": {"method": "GET", "url": "https://e.com/a",
                    "header": [{"key": "Host", "value": "h"}, {"key": "Content-Length", "value": "3"}, {"key": "X-A", "value": "1"}, {"key": "Connection", "value": "close"}]}}]}"#,
            ),
            (
                Format::Har,
                r#"{"method": "GET", "url": "https://e.com/a", "headers": [{"name": "Host", "value": "h"}, {"name": "Content-Length", "value": "3"}, {"name": "X-A", "value": "1"}, {"name": "Connection", "value": "close"}]}"#,
            ),
            (
                Format::Openapi,
                "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: Host, in: header, required: true, example: h}\n        - {name: Content-Length, in: header, required: true, example: 3}\n        - {name: X-A, in: header, required: true, example: '1'}\n        - {name: Connection, in: header, required: true, example: close}\n      responses: {'200': {description: ok}}\n",
            ),
        ];
        for (format, input) in inputs {
            let import = read(format, input, Options::default()).unwrap();
            assert_eq!(import.items.len(), 1, "{format:?}");
            let spec = &import.items[0].spec;
            let names: Vec<String> = test_support::pairs(&spec.request.headers)
                .into_iter()
                .map(|(name, _)| name)
                .collect();
            assert_eq!(names, ["X-A"], "{format:?}");
            test_support::assert_valid(&format!("{format:?}"), spec);
            let dropped = import
                .notes
                .iter()
                .filter(|n| n.message.contains("dropped: each client"))
                .count();
            // a capture records these on every request: HAR drops them without a note
            let wanted = if format == Format::Har { 0 } else { 3 };
            assert_eq!(dropped, wanted, "{format:?}: {:?}", import.notes);
        }
    }

    #[test]
    fn html_in_descriptions_gets_one_note() {
        let collection = r#"{"info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
          "item": [
            {"name": "a", "request": {"method": "GET", "url": "https://e.com/a", "description": "<b>bold</b> text"}},
            {"name": "b", "request": {"method": "GET", "url": "https://e.com/b", "description": "a <p>para</p>"}},
            {"name": "c", "request": {"method": "GET", "url": "https://e.com/c", "description": "1 < 2, plain"}}
          ]}"#;
        let import = read(Format::Postman, collection, Options::default()).unwrap();
        let html: Vec<&Note> = import
            .notes
            .iter()
            .filter(|n| n.message.contains("descriptions with HTML"))
            .collect();
        assert_eq!(html.len(), 1, "{:?}", import.notes);
        assert_eq!(html[0].at, "a");
        assert!(html[0].message.contains("2 request(s)"), "{:?}", html[0]);
        assert!(!holds_html("1 < 2 and 3 <= 4"));
        // code, in spans of one or two backquotes or a block, and an autolink, are not HTML
        assert!(!holds_html(
            "the form ``/v/<code>/``, or `<b>`, at <https://e.com/a>"
        ));
        assert!(!holds_html("Send:\n\n```\n<xml/>\n```\n"));
        assert!(holds_html("a <!-- comment -->"));
    }

    #[test]
    fn openapi_and_postman_notes_have_kinds() {
        let petstore = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/openapi/petstore-plus.yaml"
        ))
        .unwrap();
        let collection = r#"{"info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
          "event": [{"listen": "prerequest", "script": {"exec": ["pm.environment.set('a', 1)"]}}],
          "item": [
            {"name": "a", "request": {"method": "GET", "url": "e.com/a", "auth": {"type": "digest"},
              "header": [{"key": "Host", "value": "h"}], "body": {"mode": "raw", "raw": "x"}}},
            7
          ]}"#;
        for (format, text, all_params) in [
            (Format::Openapi, petstore.as_str(), false),
            (Format::Openapi, petstore.as_str(), true),
            (Format::Postman, collection, false),
        ] {
            let import = read(
                format,
                text,
                Options {
                    all_params,
                    ..Options::default()
                },
            )
            .unwrap();
            assert!(import.notes.len() >= 4, "{format:?}: {:#?}", import.notes);
            let other: Vec<&Note> = import.notes.iter().filter(|n| n.kind == "other").collect();
            assert!(other.is_empty(), "{format:?}: {other:#?}");
        }
        let import = read(Format::Openapi, &petstore, Options::default()).unwrap();
        let kinds: Vec<&str> = import.note_counts().iter().map(|(k, _)| *k).collect();
        for kind in ["servers", "unsupported-auth", "auth", "body", "ignored"] {
            assert!(kinds.contains(&kind), "{kind}: {kinds:?}");
        }
    }

    // an operation without `operationId` whose summary is a paragraph, as in Google's documents
    #[test]
    fn long_names_are_cut_unique_and_reported() {
        let summary = "Lists the information about the supported locations for this service, with the filters, the paging and the ordering that every list method of the API takes as well as the deprecated fields.";
        let document = format!(
            "openapi: 3.0.0\ninfo: {{title: t, version: '1'}}\npaths:\n  /v1/locations:\n    get: {{summary: '{summary}', tags: ['{summary}']}}\n  /v2/locations:\n    get: {{summary: '{summary} Again, with a ß and a ü at the end of the name'}}\n  /v3/locations:\n    get: {{summary: '{summary}'}}\n"
        );
        let import = read(Format::Openapi, &document, Options::default()).unwrap();
        let cut: Vec<&Note> = import.notes.iter().filter(|n| n.kind == "name").collect();
        assert_eq!(cut.len(), 2, "{:#?}", import.notes);
        assert!(cut[0].message.contains("is cut to"), "{}", cut[0].message);
        let dir = tempfile::tempdir().unwrap();
        let specs = dir.path().join("specs");
        let written = write(&import, &specs.join("api"), &specs, false).unwrap();
        assert_eq!(written.written.len(), 3);
        for path in &written.written {
            for part in path.strip_prefix(&specs).unwrap() {
                assert!(part.len() <= MAX_NAME_BYTES + 8, "{}", path.display());
            }
            assert!(path.is_file());
        }
        assert_ne!(written.written[1], written.written[2]);
        let (name, was_cut) = bounded_slug(&"¿".repeat(100));
        assert!(!was_cut && name == "request");
        let (name, was_cut) = bounded_slug(&"é1".repeat(100));
        assert!(was_cut && name.len() <= MAX_NAME_BYTES, "{name}");
    }

    #[test]
    fn an_import_refused_midway_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let specs = dir.path().join("specs");
        let into = specs.join("api");
        std::fs::create_dir_all(&into).unwrap();
        std::fs::write(into.join("users"), "a file where a folder goes").unwrap();
        let spec =
            crate::spec::parse("title: T\nrequest:\n  method: GET\n  url: https://e.com/a\n")
                .unwrap();
        let item = |dirs: Vec<String>| Imported {
            dirs,
            name: "read".into(),
            origin: String::new(),
            spec: spec.clone(),
        };
        let import = Import {
            items: vec![item(vec![]), item(vec!["users".into()])],
            ..Import::default()
        };
        assert!(write(&import, &into, &specs, false).is_err());
        assert!(!into.join("read.yaml").exists());
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Token (POST client_credentials)"),
            "token-post-client_credentials"
        );
        assert_eq!(slug("  ¿?  "), "request");
        // a name that is a slug already stays as it is: a page's address may end in `-`
        assert_eq!(slug("get-the-access-token-"), "get-the-access-token-");
        assert_eq!(slug("a--b_c"), "a--b_c");
        assert_eq!(slug("-a"), "a");
        assert_eq!(slug("A-"), "a");
        assert_eq!(slug("Users / Read All"), "users-read-all");
    }

    #[test]
    fn names_in_other_scripts_slug_to_latin_letters() {
        assert_eq!(slug("Créer un élément"), "creer-un-element");
        assert_eq!(slug("Größe ändern"), "grosse-andern");
        assert_eq!(slug("获取用户列表"), "huo-qu-yong-hu-lie-biao");
        assert_eq!(slug("用户 API v2"), "yong-hu-api-v2");
        assert_eq!(slug("Получить заказ"), "poluchit-zakaz");
        assert_eq!(slug("ユーザーを作成"), "yuzawo-zuo-cheng");
        assert_eq!(slug("Ελληνικά"), "ellenika");
        assert_eq!(slug("发送GET请求"), "fa-song-get-qing-qiu");
        assert_eq!(slug("📥 Load Data"), "load-data");
        // what has no Latin reading is left out, as punctuation is
        assert_eq!(slug("\u{10FFFD}"), "request");
    }

    #[test]
    fn imported_specs_are_written_once_and_unique() {
        let dir = tempfile::tempdir().unwrap();
        let spec =
            crate::spec::parse("title: T\nrequest:\n  method: GET\n  url: https://e.com/a\n")
                .unwrap();
        let item = |name: &str| Imported {
            dirs: vec!["Users".into()],
            name: name.into(),
            origin: String::new(),
            spec: spec.clone(),
        };
        let import = Import {
            items: vec![item("Read"), item("Read")],
            ..Import::default()
        };
        let into = dir.path().join("specs/api");
        let first = write(&import, &into, &dir.path().join("specs"), false).unwrap();
        assert_eq!(first.written.len(), 2);
        assert!(into.join("users/read-2.yaml").is_file());
        let again = write(&import, &into, &dir.path().join("specs"), false).unwrap();
        assert_eq!((again.written.len(), again.kept.len()), (0, 2));
        let forced = write(&import, &into, &dir.path().join("specs"), true).unwrap();
        assert_eq!(forced.written.len(), 2);

        // namesakes are numbered on from the last, past a name that is itself numbered
        let import = Import {
            items: ["Read", "Read 2", "Read", "Read", "Read 3"]
                .map(item)
                .into_iter()
                .collect(),
            ..Import::default()
        };
        let into = dir.path().join("specs/other");
        let written = write(&import, &into, &dir.path().join("specs"), false).unwrap();
        let names: Vec<String> = written
            .written
            .iter()
            .map(|path| path.strip_prefix(&into).unwrap().display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "users/read.yaml",
                "users/read-2.yaml",
                "users/read-3.yaml",
                "users/read-4.yaml",
                "users/read-3-2.yaml"
            ]
        );
    }
}
