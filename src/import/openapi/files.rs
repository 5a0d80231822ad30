//! Documents split across files (`$ref: ./paths/users.yaml`, `../schemas/user.yaml#/User`):
//! the files a document's references name, read and brought into it, so that the importer
//! follows every reference as one within a single document.
//!
//! Each file is read once and kept under [`FILES_KEY`] at the top of the document, named by
//! its path; every reference into it, from any file, becomes a pointer there, and a file's own
//! `#/…` references point into its copy. A file can therefore refer to itself, and files can
//! refer to each other in a loop, as schemas do. Only files inside a given folder are read (the
//! project's, or the document's own when it lies outside the project), so that a document from
//! a pull request cannot copy `~/.aws/credentials` or `../../.env` into a spec.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::document::{escape, parse, pointer_of, walk};

/// The top-level key the files are kept under (an extension's name: nothing reads it).
pub(super) const FILES_KEY: &str = "x-samplegen-files";

/// The most files one document may bring in.
const MAX_FILES: usize = 5_000;

/// The largest file a reference may name.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The references that name another document but were not followed, each with why (a remote
/// URL, a file that is not there or lies outside the folder).
pub(super) type Unfollowed = HashMap<String, String>;

/// Brings the files `document`'s references name into it. `path` is the document's file and
/// `folder` the one no reference may leave; `None` when the document came from standard input,
/// and then no file is read. An unreadable or malformed file named by a reference is an error
/// naming it; one that is not there or is out of bounds is left for the importer to note.
pub(super) fn bring_in(
    document: &mut Value,
    path: Option<&Path>,
    folder: Option<&Path>,
) -> Result<Unfollowed, String> {
    let mut reader = Reader {
        folder: folder.and_then(|f| f.canonicalize().ok()),
        files: Vec::new(),
        unfollowed: Unfollowed::new(),
        ids: schema_ids(document),
    };
    let root = path.and_then(|p| p.canonicalize().ok());
    // the root document is the first file, with no value of its own here
    reader
        .files
        .push((root.clone().unwrap_or_default(), String::new(), None));
    let root_dir = root
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf);
    let in_root = InFile {
        dir: root_dir.as_deref(),
        key: None,
        not_here: None,
    };
    reader.rewrite(document, &in_root)?;
    // the files the root refers to, and those they refer to, each once
    let mut next = 1;
    while next < reader.files.len() {
        let (file, key, _) = reader.files[next].clone();
        let mut value = reader.files[next].2.take().expect("read when first named");
        let not_here = fragments_not_in(&value);
        let in_file = InFile {
            dir: file.parent(),
            key: Some(&key),
            not_here: Some(&not_here),
        };
        reader.rewrite(&mut value, &in_file)?;
        reader.files[next].2 = Some(value);
        next += 1;
    }
    if reader.files.len() > 1
        && let Value::Object(top) = document
    {
        let files = reader
            .files
            .drain(1..)
            .map(|(_, key, value)| (key, value.expect("read")))
            .collect();
        top.insert(FILES_KEY.into(), Value::Object(files));
    }
    Ok(reader.unfollowed)
}

/// The pointer of each schema of `document` that gives itself a URL, `$id: https://…`, by that
/// URL (without an empty fragment): what a `$ref` naming it points at, as JSON Schema 2020-12
/// (OpenAPI 3.1) resolves it.
fn schema_ids(document: &Value) -> HashMap<String, String> {
    let mut found = HashMap::new();
    walk(document, &mut |at, value| {
        if let Some(id) = value.get("$id").and_then(Value::as_str)
            && id.contains("://")
        {
            found
                .entry(id.trim_end_matches('#').to_string())
                .or_insert_with(|| pointer_of(at));
        }
        true
    });
    found
}

/// The top-level sections the importer reads without following a `$ref`.
const SECTIONS: [&str; 11] = [
    "info",
    "servers",
    "security",
    "tags",
    "paths",
    "webhooks",
    "components",
    "definitions",
    "parameters",
    "responses",
    "securityDefinitions",
];

/// The sections (and kinds of components) that are still a `$ref` into another file after
/// [`sections_in_place`], because that file was not followed: each one's place, its reference,
/// and why (`components: {$ref: ./components/index.yaml}` with no such file).
pub(super) fn sections_not_followed(
    document: &Value,
    unfollowed: &Unfollowed,
) -> Vec<(String, String, String)> {
    let mut places: Vec<(String, &Value)> = SECTIONS
        .iter()
        .filter_map(|section| Some((format!("/{section}"), document.get(*section)?)))
        .collect();
    if let Some(components) = document.get("components").and_then(Value::as_object) {
        places.extend(
            components
                .iter()
                .map(|(kind, value)| (format!("/components/{}", escape(kind)), value)),
        );
    }
    places
        .into_iter()
        .filter_map(|(place, value)| {
            let reference = value.get("$ref")?.as_str()?;
            let why = unfollowed.get(reference)?;
            Some((place, reference.to_string(), why.clone()))
        })
        .collect()
}

/// What another file holds in the places the importer reads without following a `$ref`,
/// copied into `document`: a whole section (`paths: {$ref: paths.yaml}`, `components: schemas:
/// {$ref: schemas.yaml}`, Swagger 2.0's `definitions`), and any text (a description in a
/// Markdown file). None of these can hold itself, so each copy is finite.
pub(super) fn sections_in_place(document: &mut Value) {
    if document.get(FILES_KEY).is_none() {
        // no file was brought in: nothing leads into one (and every import of a document in
        // one file, however large, is spared the walk)
        return;
    }
    for section in SECTIONS {
        copy_in(document, &format!("/{section}"));
    }
    let kinds: Vec<String> = document
        .get("components")
        .and_then(Value::as_object)
        .map(|c| c.keys().cloned().collect())
        .unwrap_or_default();
    for kind in &kinds {
        copy_in(document, &format!("/components/{}", escape(kind)));
    }
    let texts = texts_referred_to(document);
    if !texts.is_empty() {
        copy_texts(document, &texts);
    }
}

/// The value at `pointer` replaced by what its `$ref` into another file leads to, when it is
/// one.
fn copy_in(document: &mut Value, pointer: &str) {
    let Some(target) = document
        .pointer(pointer)
        .and_then(|value| followed(document, value))
        .cloned()
    else {
        return;
    };
    if let Some(place) = document.pointer_mut(pointer) {
        *place = target;
    }
}

/// What `value`'s `$ref`s into other files lead to, in a few hops; `None` when it is no such
/// reference.
fn followed<'d>(document: &'d Value, mut value: &'d Value) -> Option<&'d Value> {
    let prefix = format!("#/{FILES_KEY}/");
    let mut hops = 0;
    while let Some(reference) = value.get("$ref").and_then(Value::as_str) {
        if !reference.starts_with(&prefix) || hops == 8 {
            break;
        }
        let pointer = percent_encoding::percent_decode_str(&reference[1..]).decode_utf8_lossy();
        value = document.pointer(&pointer)?;
        hops += 1;
    }
    (hops > 0).then_some(value)
}

/// The references in `document` that lead to a text, with it.
fn texts_referred_to(document: &Value) -> HashMap<String, String> {
    references(document)
        .into_iter()
        .filter_map(|(reference, holder)| match followed(document, holder) {
            Some(Value::String(text)) => Some((reference.to_string(), text.clone())),
            _ => None,
        })
        .collect()
}

/// Every `$ref` in `value`, with the object that holds it.
fn references(value: &Value) -> Vec<(&str, &Value)> {
    let mut found = Vec::new();
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    found.push((reference.as_str(), value));
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    found
}

/// `value` with each reference of `texts` replaced by its text.
fn copy_texts(value: &mut Value, texts: &HashMap<String, String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref")
                && let Some(text) = texts.get(reference)
            {
                *value = Value::String(text.clone());
                return;
            }
            for member in map.values_mut() {
                copy_texts(member, texts);
            }
        }
        Value::Array(items) => {
            for item in items {
                copy_texts(item, texts);
            }
        }
        _ => {}
    }
}

/// `document` (a Swagger 2.0 one) with each path item, parameter and response that is in
/// another file (`/pets/{id}: {$ref: pet.yaml}`, `- $ref: params.yaml#/limit`) copied to where
/// it is used, where the upgrade to 3.0 reads them. (None of them can hold itself, so each copy
/// is finite.)
pub(super) fn swagger_objects_in_place(document: &mut Value) {
    if document.get(FILES_KEY).is_none() {
        return;
    }
    let paths: Vec<String> = document
        .get("paths")
        .and_then(Value::as_object)
        .map(|paths| paths.keys().cloned().collect())
        .unwrap_or_default();
    for path in &paths {
        let item_at = format!("/paths/{}", escape(path));
        copy_in(document, &item_at);
        let item = &document["paths"][path];
        let parameters = |value: &Value, at: &str| -> Vec<String> {
            let count = value
                .get("parameters")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            (0..count)
                .map(|index| format!("{at}/parameters/{index}"))
                .collect()
        };
        let mut places = parameters(item, &item_at);
        for (method, operation) in item.as_object().into_iter().flatten() {
            let operation_at = format!("{item_at}/{}", escape(method));
            places.extend(parameters(operation, &operation_at));
            let statuses = operation.get("responses").and_then(Value::as_object);
            places.extend(
                statuses
                    .into_iter()
                    .flatten()
                    .map(|(status, _)| format!("{operation_at}/responses/{}", escape(status))),
            );
        }
        for place in places {
            copy_in(document, &place);
        }
    }
}

/// A reference as its writer wrote it, near enough: one rewritten to point into a file brought
/// in (`#/x-samplegen-files/schemas~1user.yaml/User`) as that file and the place in it
/// (`schemas/user.yaml#/User`).
pub(super) fn shown_reference(reference: &str) -> String {
    match reference.strip_prefix('#') {
        Some(pointer) if pointer.starts_with(&format!("/{FILES_KEY}/")) => {
            shown_place(&percent_encoding::percent_decode_str(pointer).decode_utf8_lossy())
        }
        _ => reference.to_string(),
    }
}

/// A place in the document as its writer finds it: one inside a file brought in
/// (`/x-samplegen-files/paths~1users.yaml/post`) as that file and the place in it
/// (`paths/users.yaml#/post`); any other as it is.
pub(super) fn shown_place(at: &str) -> String {
    let Some(rest) = at
        .strip_prefix('/')
        .and_then(|rest| rest.strip_prefix(FILES_KEY))
        .and_then(|rest| rest.strip_prefix('/'))
    else {
        return at.to_string();
    };
    let (key, inside) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let file = key.replace("~1", "/").replace("~0", "~");
    if inside.is_empty() {
        // the whole file, as its writer names it
        return file;
    }
    format!("{file}#{inside}")
}

struct Reader {
    folder: Option<PathBuf>,
    /// The files read: their resolved paths, their keys under [`FILES_KEY`], and their values
    /// until they are put in the document (the root document's first, without a value).
    files: Vec<(PathBuf, String, Option<Value>)>,
    unfollowed: Unfollowed,
    /// The root document's schemas that give themselves a URL (see [`schema_ids`]).
    ids: HashMap<String, String>,
}

/// The file whose references are being rewritten.
struct InFile<'a> {
    /// Its folder (`None` for a document read from standard input).
    dir: Option<&'a Path>,
    /// Its key under [`FILES_KEY`] (`None` for the root document).
    key: Option<&'a str>,
    /// The `#/…` fragments written in it that point at nothing in it (`None` for the root
    /// document).
    not_here: Option<&'a HashSet<String>>,
}

impl InFile<'_> {
    /// Where a `#fragment` written in this file points: into the file itself, or, when the
    /// file has no such place, into the root document, as the tools
    /// that put split documents together (multi-file-swagger, json-refs) read it, since they
    /// resolve such a pointer once the files are one (`#/definitions/User` in `paths/bar.yaml`).
    fn local(&self, fragment: &str) -> Option<String> {
        let key = self.key?;
        // (the root's place may itself be in a file not yet brought in: `definitions: {$ref:
        // definitions.yaml}`, so whether it is there is left to following the reference)
        let in_root = self
            .not_here
            .is_some_and(|not_here| not_here.contains(fragment));
        Some(if in_root {
            format!("#{fragment}")
        } else {
            format!("#{}{fragment}", pointer_to(key))
        })
    }
}

/// The `#/…` fragments of `value`'s own references that point at nothing in it, as written.
fn fragments_not_in(value: &Value) -> HashSet<String> {
    references(value)
        .into_iter()
        .filter_map(|(reference, _)| reference.strip_prefix('#'))
        .filter(|fragment| {
            let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
            value.pointer(&decoded).is_none()
        })
        .map(str::to_string)
        .collect()
}

impl Reader {
    /// Rewrites every `$ref` in `value`, which is `file`'s.
    fn rewrite(&mut self, value: &mut Value, file: &InFile) -> Result<(), String> {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get_mut("$ref")
                    && let Some(rewritten) = self.rewritten(reference, file)?
                {
                    *reference = rewritten;
                }
                for (name, member) in map.iter_mut() {
                    if name != "$ref" {
                        self.rewrite(member, file)?;
                    }
                }
            }
            Value::Array(items) => {
                for item in items {
                    self.rewrite(item, file)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// `reference` as a pointer into the document, written in `file`; `None` when it stays as
    /// written (the root document's own `#/…`, or one not followed).
    fn rewritten(&mut self, reference: &str, file: &InFile) -> Result<Option<String>, String> {
        let dir = file.dir;
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if file_part.is_empty() {
            return Ok(file.local(fragment));
        }
        // a URL a schema of the document gives as its `$id` (`https://example.com/schemas/thing`,
        // a pointer after it too; a plain-name fragment, an `$anchor`, is no pointer)
        if let Some(pointer) = self.ids.get(file_part)
            && (fragment.is_empty() || fragment.starts_with('/'))
        {
            return Ok(Some(format!("#{pointer}{fragment}")));
        }
        let file = file_part;
        let why_not = if file.starts_with("file:") {
            Some(
                "a `file:` URL is not followed; write the file's path relative to the document"
                    .to_string(),
            )
        } else if file.contains("://") {
            Some("samplegen reads no document over the network".to_string())
        } else if dir.is_none() {
            Some("the document was read from standard input, which has no folder to find it in; import the document's file".to_string())
        } else {
            None
        };
        if let Some(why) = why_not {
            self.unfollowed.insert(reference.to_string(), why);
            return Ok(None);
        }
        let name = percent_encoding::percent_decode_str(file).decode_utf8_lossy();
        let wanted = dir.expect("checked above").join(name.as_ref());
        let index = match self.file_index(&wanted, file)? {
            Ok(index) => index,
            Err(why) => {
                self.unfollowed.insert(reference.to_string(), why);
                return Ok(None);
            }
        };
        Ok(Some(match index {
            0 => format!("#{fragment}"),
            _ => format!("#{}{fragment}", pointer_to(&self.files[index].1)),
        }))
    }

    /// The index of the file at `wanted` among those read, read now if need be: `Err` inside
    /// when it cannot be followed, and why; an error when it cannot be read as a document.
    fn file_index(
        &mut self,
        wanted: &Path,
        written: &str,
    ) -> Result<Result<usize, String>, String> {
        let Ok(resolved) = wanted.canonicalize() else {
            // `api/./sub/../x.yaml` as `api/x.yaml`
            let mut shown = PathBuf::new();
            for part in wanted.components() {
                match part {
                    std::path::Component::CurDir => {}
                    std::path::Component::ParentDir => {
                        shown.pop();
                    }
                    part => shown.push(part),
                }
            }
            return Ok(Err(format!("there is no file `{}`", shown.display())));
        };
        if let Some(index) = self.files.iter().position(|(path, ..)| *path == resolved) {
            return Ok(Ok(index));
        }
        let Some(folder) = &self.folder else {
            return Ok(Err("no folder is given to read files from".into()));
        };
        let Ok(relative) = resolved.strip_prefix(folder) else {
            return Ok(Err(format!(
                "`{}` is outside `{}`, which a document's references may not leave",
                resolved.display(),
                folder.display()
            )));
        };
        if self.files.len() > MAX_FILES {
            return Err(format!(
                "the document's references name more than {MAX_FILES} files"
            ));
        }
        let shown = resolved.display().to_string();
        let metadata = std::fs::metadata(&resolved).map_err(|error| format!("{shown}: {error}"))?;
        if !metadata.is_file() {
            return Ok(Err(format!("`{written}` is not a file")));
        }
        if metadata.len() > MAX_FILE_BYTES {
            return Err(format!(
                "{shown}: larger than the {} MiB a referenced file may be",
                MAX_FILE_BYTES / 1024 / 1024
            ));
        }
        let text =
            std::fs::read_to_string(&resolved).map_err(|error| format!("{shown}: {error}"))?;
        let extension = resolved
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        // a description kept in a Markdown file (`description: {$ref: ./users.md}`), as Redocly
        // reads it: the file's text
        let value = if matches!(
            extension.as_deref(),
            Some("md" | "markdown" | "txt" | "html")
        ) {
            Value::String(text)
        } else {
            parse(&text).map_err(|error| {
                let error = error.trim_start_matches("the OpenAPI document is ");
                format!("{shown} (which `{written}` refers to) is {error}")
            })?
        };
        let key = relative
            .components()
            .map(|part| part.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        self.files.push((resolved, key, Some(value)));
        Ok(Ok(self.files.len() - 1))
    }
}

/// The pointer to the file `key` under [`FILES_KEY`], as a reference's fragment writes it (its
/// `%` encoded, since references are percent-decoded when followed).
fn pointer_to(key: &str) -> String {
    format!("/{FILES_KEY}/{}", escape(key).replace('%', "%25"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Options;
    use crate::import::openapi::import;
    use crate::import::openapi::test_support::{note, split};

    const ROOT: &str =
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nservers: [{url: https://e.com}]\n";

    #[test]
    fn a_document_split_across_files_reads_as_one() {
        let root = format!(
            "{ROOT}paths:\n  /users:\n    $ref: ./paths/users.yaml\ncomponents:\n  schemas:\n    Id: {{type: integer, example: 7}}\n"
        );
        let import = split(&[
            ("api/openapi.yaml", &root),
            (
                "api/paths/users.yaml",
                "post:\n  operationId: createUser\n  requestBody:\n    content:\n      application/json:\n        schema: {$ref: '../schemas/user.yaml#/User'}\n  responses: {'201': {description: ok}}\n",
            ),
            // a schema that refers to itself, in its file and through another
            (
                "api/schemas/user.yaml",
                "User:\n  type: object\n  required: [id, name, team]\n  properties:\n    id: {$ref: '../openapi.yaml#/components/schemas/Id'}\n    name: {type: string, example: Ada}\n    team: {$ref: 'team.yaml'}\n    manager: {$ref: '#/User'}\n",
            ),
            (
                "api/schemas/team.yaml",
                "type: object\nrequired: [name]\nproperties:\n  name: {type: string, example: Core}\n  lead: {$ref: 'user.yaml#/User'}\n",
            ),
        ])
        .unwrap();
        assert_eq!(import.items.len(), 1);
        let body = import.items[0].spec.request.body.as_ref().unwrap().raw();
        assert_eq!(
            body,
            Some(
                "{\n    \"id\": 7,\n    \"name\": \"Ada\",\n    \"team\": {\n        \"name\": \"Core\"\n    }\n}"
            )
        );
    }

    #[test]
    fn files_that_cannot_be_followed_are_noted_and_malformed_ones_refused() {
        let root = format!(
            "{ROOT}paths:\n  /a:\n    post:\n      parameters:\n        - $ref: '../secrets.yaml#/p'\n        - $ref: 'missing.yaml#/p'\n        - $ref: 'https://e.com/common.yaml#/p'\n        - $ref: 'params.yaml#/nowhere'\n      responses: {{'200': {{description: ok}}}}\n"
        );
        let import = split(&[
            ("api/openapi.yaml", &root),
            (
                "secrets.yaml",
                "p: {name: token, in: query, example: s3cret}\n",
            ),
            ("api/params.yaml", "p: {name: limit, in: query}\n"),
        ])
        .unwrap();
        assert!(import.items[0].spec.request.query.is_empty());
        let at = "/paths/~1a/post/parameters";
        note(
            &import,
            &format!("{at}/0"),
            "which a document's references may not leave",
        );
        note(&import, &format!("{at}/1"), "there is no file");
        note(&import, &format!("{at}/2"), "no document over the network");
        note(&import, &format!("{at}/3"), "points at nothing");
        // a whole section in a file that is not there (luogu-api-docs' `components`): said at
        // the section, not only where its schemes and schemas are missed
        let root = format!(
            "{ROOT}security: [{{cookieAuth: []}}]\npaths:\n  /a:\n    get:\n      responses: {{'200': {{description: ok}}}}\ncomponents:\n  $ref: ./components/index.yaml\n"
        );
        let import = split(&[("api/openapi.yaml", &root)]).unwrap();
        note(
            &import,
            "/components",
            "this section is `$ref: ./components/index.yaml`, which is not followed: there is no file",
        );

        let error = split(&[
            (
                "api/openapi.yaml",
                &format!("{ROOT}paths:\n  /a: {{$ref: bad.yaml}}\n"),
            ),
            ("api/bad.yaml", "get: [1\n"),
        ])
        .unwrap_err();
        assert!(
            error.contains("bad.yaml (which `bad.yaml` refers to) is not valid YAML"),
            "{error}"
        );
    }

    #[test]
    fn a_swagger_2_path_item_in_another_file_is_upgraded_as_one_in_place() {
        let import = split(&[
            (
                "api/openapi.yaml",
                "swagger: '2.0'\ninfo: {title: t, version: '1'}\nhost: e.com\npaths:\n  /pets/{id}: {$ref: pet.yaml}\n",
            ),
            (
                "api/pet.yaml",
                "put:\n  parameters:\n    - {name: id, in: path, required: true, type: integer}\n    - {name: pet, in: body, required: true, schema: {$ref: 'defs.yaml#/Pet'}}\n    - $ref: 'defs.yaml#/Limit'\n  responses: {'200': {$ref: 'defs.yaml#/Ok'}}\n",
            ),
            (
                "api/defs.yaml",
                "Pet: {type: object, required: [name], properties: {name: {type: string, example: Rex}}}\nLimit: {name: limit, in: query, required: true, type: integer, default: 20}\nOk: {description: ok, schema: {type: object, properties: {n: {type: integer, example: 3}}}}\n",
            ),
        ])
        .unwrap();
        let spec = &import.items[0].spec;
        assert_eq!(
            crate::import::test_support::pairs(&spec.request.query),
            [("limit".to_string(), "20".to_string())]
        );
        assert_eq!(
            spec.response.as_ref().unwrap().body.as_deref(),
            Some("{\n    \"n\": 3\n}")
        );
        let request = &spec.request;
        assert_eq!(request.url, "{{baseUrl}}/pets/{{id}}");
        assert_eq!(
            request.body.as_ref().unwrap().raw(),
            Some("{\n    \"name\": \"Rex\"\n}")
        );
    }

    #[test]
    fn sections_and_texts_in_other_files_count_as_written_in_place() {
        let root = format!(
            "{ROOT}paths: {{$ref: paths.yaml}}\ncomponents:\n  schemas: {{$ref: schemas.yaml}}\n  securitySchemes: {{$ref: 'security.yaml#/schemes'}}\nsecurity: [{{key: []}}]\n"
        );
        let import = split(&[
            ("api/openapi.yaml", &root),
            (
                "api/paths.yaml",
                "/pets:\n  post:\n    description: {$ref: docs/pets.md}\n    requestBody:\n      required: true\n      content: {application/json: {schema: {$ref: 'openapi.yaml#/components/schemas/Pet'}}}\n    responses: {'200': {description: ok}}\n",
            ),
            ("api/docs/pets.md", "Adds a **pet**.\n"),
            (
                "api/schemas.yaml",
                "Pet: {type: object, required: [name], properties: {name: {type: string, example: Rex}}}\n",
            ),
            (
                "api/security.yaml",
                "schemes:\n  key: {type: apiKey, in: header, name: X-Key}\n",
            ),
        ])
        .unwrap();
        let spec = &import.items[0].spec;
        assert_eq!(spec.prose, "Adds a **pet**.");
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("{\n    \"name\": \"Rex\"\n}")
        );
        let yaml = crate::import::to_yaml(spec);
        assert!(yaml.contains("X-Key"), "{yaml}");
    }

    #[test]
    fn from_standard_input_no_file_is_read() {
        let text = format!("{ROOT}paths:\n  /a: {{$ref: 'paths/a.yaml'}}\n");
        let import = import(&text, Options::default()).unwrap();
        note(&import, "/paths/~1a", "read from standard input");
    }

    #[test]
    fn a_files_own_pointer_falls_back_on_the_root_document() {
        let import = split(&[
            (
                "api/openapi.yaml",
                &format!(
                    "{ROOT}paths:\n  /bar: {{$ref: paths/bar.yaml}}\ncomponents:\n  schemas:\n    User: {{type: object, required: [name], properties: {{name: {{type: string, example: Ada}}}}}}\n"
                ),
            ),
            (
                "api/paths/bar.yaml",
                "post:\n  requestBody:\n    required: true\n    content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}\n  responses: {'200': {description: ok}}\n",
            ),
        ])
        .unwrap();
        assert_eq!(
            import.items[0].spec.request.body.as_ref().unwrap().raw(),
            Some("{\n    \"name\": \"Ada\"\n}")
        );
    }

    #[test]
    fn places_in_files_are_shown_as_the_file_and_the_place_in_it() {
        assert_eq!(
            shown_place("/x-samplegen-files/paths~1users.yaml/post/requestBody"),
            "paths/users.yaml#/post/requestBody"
        );
        assert_eq!(shown_place("/paths/~1users"), "/paths/~1users");
    }
}
