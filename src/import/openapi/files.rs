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

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::document::{escape, parse};

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
    reader.rewrite(document, root_dir.as_deref(), None)?;
    // the files the root refers to, and those they refer to, each once
    let mut next = 1;
    while next < reader.files.len() {
        let (file, key, _) = reader.files[next].clone();
        let mut value = reader.files[next].2.take().expect("read when first named");
        reader.rewrite(&mut value, file.parent(), Some(&key))?;
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

/// `document` with each path item that is in another file (`/pets/{id}: {$ref: pet.yaml}`)
/// copied into `paths`, where a Swagger 2.0 document's upgrade reads path items. (A path item
/// cannot hold itself, so the copy is finite.)
pub(super) fn path_items_in_place(document: &mut Value) {
    let prefix = format!("#/{FILES_KEY}/");
    let found: Vec<(String, Value)> = document
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(path, item)| {
            let reference = item.get("$ref")?.as_str()?;
            reference.starts_with(&prefix).then_some(())?;
            let pointer = percent_encoding::percent_decode_str(&reference[1..]).decode_utf8_lossy();
            let target = document.pointer(&pointer)?;
            (target.get("$ref").is_none()).then(|| (path.clone(), target.clone()))
        })
        .collect();
    if let Some(Value::Object(paths)) = document.get_mut("paths") {
        for (path, item) in found {
            paths.insert(path, item);
        }
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
    format!("{file}#{inside}")
}

struct Reader {
    folder: Option<PathBuf>,
    /// The files read: their resolved paths, their keys under [`FILES_KEY`], and their values
    /// until they are put in the document (the root document's first, without a value).
    files: Vec<(PathBuf, String, Option<Value>)>,
    unfollowed: Unfollowed,
}

impl Reader {
    /// Rewrites every `$ref` in `value`, which is the file `key` (`None` for the root document)
    /// in the folder `dir` (`None` when the document came from standard input).
    fn rewrite(
        &mut self,
        value: &mut Value,
        dir: Option<&Path>,
        key: Option<&str>,
    ) -> Result<(), String> {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get_mut("$ref")
                    && let Some(rewritten) = self.rewritten(reference, dir, key)?
                {
                    *reference = rewritten;
                }
                for (name, member) in map.iter_mut() {
                    if name != "$ref" {
                        self.rewrite(member, dir, key)?;
                    }
                }
            }
            Value::Array(items) => {
                for item in items {
                    self.rewrite(item, dir, key)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// `reference` as a pointer into the document, written in the file `key` in `dir`; `None`
    /// when it stays as written (the root document's own `#/…`, or one not followed).
    fn rewritten(
        &mut self,
        reference: &str,
        dir: Option<&Path>,
        key: Option<&str>,
    ) -> Result<Option<String>, String> {
        let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if file.is_empty() {
            return Ok(key.map(|key| format!("#{}{fragment}", pointer_to(key))));
        }
        let why_not = if file.contains("://") {
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
            return Ok(Err(format!("there is no file `{}`", wanted.display())));
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
        let value = parse(&text)
            .map_err(|error| format!("{shown} (which `{written}` refers to): {error}"))?;
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
    use crate::import::openapi::test_support::note;

    /// Writes `files` (path, text) below a new folder, and imports its `openapi.yaml` with
    /// that folder as the one references may not leave.
    fn split(files: &[(&str, &str)]) -> Result<crate::import::Import, String> {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let root = dir.path().join("api/openapi.yaml");
        import(
            &std::fs::read_to_string(&root).unwrap(),
            Options {
                path: Some(root),
                folder: Some(dir.path().join("api")),
                ..Options::default()
            },
        )
    }

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

        let error = split(&[
            (
                "api/openapi.yaml",
                &format!("{ROOT}paths:\n  /a: {{$ref: bad.yaml}}\n"),
            ),
            ("api/bad.yaml", "get: [1\n"),
        ])
        .unwrap_err();
        assert!(
            error.contains(
                "bad.yaml (which `bad.yaml` refers to): the OpenAPI document is not valid YAML"
            ),
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
                "put:\n  parameters:\n    - {name: id, in: path, required: true, type: integer}\n    - {name: pet, in: body, required: true, schema: {$ref: 'defs.yaml#/Pet'}}\n  responses: {'200': {description: ok}}\n",
            ),
            (
                "api/defs.yaml",
                "Pet: {type: object, required: [name], properties: {name: {type: string, example: Rex}}}\n",
            ),
        ])
        .unwrap();
        let request = &import.items[0].spec.request;
        assert_eq!(request.url, "{{baseUrl}}/pets/{{id}}");
        assert_eq!(
            request.body.as_ref().unwrap().raw(),
            Some("{\n    \"name\": \"Rex\"\n}")
        );
    }

    #[test]
    fn from_standard_input_no_file_is_read() {
        let text = format!("{ROOT}paths:\n  /a: {{$ref: 'paths/a.yaml'}}\n");
        let import = import(&text, Options::default()).unwrap();
        note(&import, "/paths/~1a", "read from standard input");
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
