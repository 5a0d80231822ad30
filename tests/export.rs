//! `samplegen export openapi`: an imported OpenAPI document comes back with every operation's
//! samples as `x-codeSamples`, each `source` byte-equal to the sample file `build` wrote, or as
//! an Overlay 1.0 document targeting the same operations; and `redocly lint` (where installed)
//! accepts the exported document.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn samplegen(project: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_samplegen"))
        .arg("-C")
        .arg(project)
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "samplegen {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn petstore() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openapi/petstore-plus.yaml")
}

/// A project with the petstore imported and built.
fn imported() -> tempfile::TempDir {
    let project = tempfile::tempdir().unwrap();
    let document = petstore();
    samplegen(
        project.path(),
        &[
            "import",
            "openapi",
            document.to_str().unwrap(),
            "--into",
            "specs/petstore",
        ],
    );
    samplegen(project.path(), &["build"]);
    project
}

/// Every spec's origin and the directory of its sample files.
fn origins(project: &Path) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let mut dirs = vec![project.join("specs")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let spec: Value =
                samplegen::yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert_eq!(spec["origin"]["openapi"], "petstore-plus.yaml");
            let operation = spec["origin"]["operation"].as_str().unwrap().to_string();
            let relative = path.strip_prefix(project.join("specs")).unwrap();
            found.push((
                operation,
                project.join("output").join(relative.with_extension("")),
            ));
        }
    }
    found.sort();
    found
}

#[test]
fn code_samples_are_the_sample_files() {
    let project = imported();
    let document = petstore();
    let out = project.path().join("exported.yaml");
    samplegen(
        project.path(),
        &[
            "export",
            "openapi",
            document.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    // a file a docs site serves: readable as any new file is, not owner-only as a temporary
    // file is made
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&out).unwrap().permissions().mode();
    let umask_allows_others = {
        let probe = project.path().join("probe");
        std::fs::write(&probe, "").unwrap();
        std::fs::metadata(&probe).unwrap().permissions().mode() & 0o077
    };
    assert_eq!(mode & 0o077, umask_allows_others, "{mode:o}");
    let exported: Value =
        samplegen::yaml::from_str_large(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let origins = origins(project.path());
    assert!(origins.len() > 5);
    for (operation, samples_dir) in &origins {
        let (method, path) = operation.split_once(' ').unwrap();
        let code_samples = exported["paths"][path][method.to_lowercase()]["x-codeSamples"]
            .as_array()
            .unwrap_or_else(|| panic!("{operation} has no x-codeSamples"));
        let mut files: Vec<PathBuf> = std::fs::read_dir(samples_dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert_eq!(code_samples.len(), files.len(), "{operation}");
        for sample in code_samples {
            let label = sample["label"].as_str().unwrap();
            let source = sample["source"].as_str().unwrap();
            assert!(
                files
                    .iter()
                    .any(|file| std::fs::read_to_string(file).unwrap() == source),
                "{operation}: the {label} sample is not byte-equal to its file"
            );
        }
    }
    // the rest of the document is kept
    let original: Value =
        samplegen::yaml::from_str_large(&std::fs::read_to_string(&document).unwrap()).unwrap();
    assert_eq!(exported["info"], original["info"]);
    assert_eq!(exported["components"], original["components"]);

    redocly_lint(&out);
}

#[test]
fn the_overlay_targets_the_same_operations() {
    let project = imported();
    let document = petstore();
    let output = samplegen(
        project.path(),
        &["export", "openapi", document.to_str().unwrap(), "--overlay"],
    );
    let overlay: Value =
        samplegen::yaml::from_str_large(std::str::from_utf8(&output.stdout).unwrap()).unwrap();
    assert_eq!(overlay["overlay"], "1.0.0");
    assert_eq!(overlay["extends"], "petstore-plus.yaml");
    let mut targets: Vec<String> = overlay["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|action| action["target"].as_str().unwrap().to_string())
        .collect();
    targets.sort();
    let mut expected: Vec<String> = origins(project.path())
        .into_iter()
        .map(|(operation, _)| {
            let (method, path) = operation.split_once(' ').unwrap();
            format!("$.paths['{path}'].{}", method.to_lowercase())
        })
        .collect();
    expected.sort();
    assert_eq!(targets, expected);
}

#[test]
fn a_document_no_spec_came_from_is_an_error() {
    let project = tempfile::tempdir().unwrap();
    let document = petstore();
    let output = Command::new(env!("CARGO_BIN_EXE_samplegen"))
        .arg("-C")
        .arg(project.path())
        .args(["export", "openapi", document.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("was imported from `petstore-plus.yaml`"),
        "{stderr}"
    );
}

/// The problems `redocly lint` finds in a document: rule, message and JSON pointer of each.
fn lint_problems(redocly: &Path, document: &Path) -> std::collections::BTreeSet<String> {
    let output = Command::new(redocly)
        .args(["lint", "--format", "json"])
        .arg(document)
        .env("REDOCLY_TELEMETRY", "off")
        .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "redocly lint printed no JSON ({error}):\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|problem| {
            format!(
                "{} {} at {}",
                problem["ruleId"], problem["message"], problem["location"][0]["pointer"]
            )
        })
        .collect()
}

/// `redocly lint` on the exported document, when `tests/support/mdx` has it installed: it finds
/// nothing the original document does not have (the fixture has problems of its own, on
/// purpose, for the importer).
fn redocly_lint(exported: &Path) {
    let redocly =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/mdx/node_modules/.bin/redocly");
    if !redocly.is_file() {
        eprintln!("skipped redocly lint: run `npm ci` in tests/support/mdx (.ci/run does)");
        return;
    }
    let before = lint_problems(&redocly, &petstore());
    let after = lint_problems(&redocly, exported);
    let added: Vec<&String> = after.difference(&before).collect();
    assert!(
        added.is_empty(),
        "redocly lint finds new problems: {added:#?}"
    );
}

#[test]
fn samples_json_bundles_every_sample_file_when_asked() {
    let project = imported();
    let root = project.path();
    // off by default
    assert!(!root.join("output/samples.json").exists());
    std::fs::write(root.join("samplegen.yaml"), "samples_json: true\n").unwrap();
    samplegen(root, &["build"]);
    let read = || -> Value {
        serde_json::from_str(&std::fs::read_to_string(root.join("output/samples.json")).unwrap())
            .unwrap()
    };
    let bundle = read();
    let pages = bundle["pages"].as_array().unwrap();
    assert_eq!(pages.len(), origins(root).len());
    for page in pages {
        assert!(
            root.join("output")
                .join(page["page"].as_str().unwrap())
                .is_file()
        );
        assert!(page["origin"]["operation"].is_string());
        let samples = page["samples"].as_array().unwrap();
        assert_eq!(samples.len(), 11);
        for sample in samples {
            let file = root.join("output").join(sample["file"].as_str().unwrap());
            assert_eq!(
                std::fs::read_to_string(&file).unwrap(),
                sample["source"].as_str().unwrap()
            );
        }
    }
    samplegen(root, &["check"]);

    // a spec that breaks keeps its entry, as it keeps its files
    let broken = pages[0]["spec"].as_str().unwrap().to_string();
    std::fs::write(root.join(&broken), "title: [broken\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_samplegen"))
        .arg("-C")
        .arg(root)
        .arg("build")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(read(), bundle);

    // and check sees a bundle edited by hand
    std::fs::remove_file(root.join(&broken)).unwrap();
    samplegen(root, &["build"]);
    std::fs::write(root.join("output/samples.json"), "{}\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_samplegen"))
        .arg("-C")
        .arg(root)
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("samples.json"));
}

// a document split across files imports as one; its samples can be exported as an Overlay,
// whose targets are the bundled document's, but not written into the root file, which holds
// no operation
#[test]
fn a_split_document_imports_whole_and_exports_as_an_overlay() {
    let project = tempfile::tempdir().unwrap();
    let api = project.path().join("api");
    std::fs::create_dir_all(api.join("paths")).unwrap();
    std::fs::write(
        api.join("openapi.yaml"),
        "openapi: 3.0.3\ninfo: {title: Split, version: '1'}\nservers: [{url: https://api.example.com}]\npaths:\n  /users:\n    $ref: paths/users.yaml\n",
    )
    .unwrap();
    std::fs::write(
        api.join("paths/users.yaml"),
        "post:\n  operationId: createUser\n  requestBody:\n    required: true\n    content:\n      application/json:\n        schema: {$ref: '../user.json'}\n  responses: {'201': {description: Created}}\n",
    )
    .unwrap();
    std::fs::write(
        api.join("user.json"),
        r#"{"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "example": "Ada"}}}"#,
    )
    .unwrap();
    let document = api.join("openapi.yaml");
    let document = document.to_str().unwrap();
    samplegen(project.path(), &["import", "openapi", document]);
    samplegen(project.path(), &["build"]);
    let curl =
        std::fs::read_to_string(project.path().join("output/imported/createuser/curl.sh")).unwrap();
    assert!(curl.contains(r#""name": "Ada""#), "{curl}");

    let overlay = samplegen(
        project.path(),
        &["export", "openapi", document, "--overlay"],
    );
    let overlay: Value =
        samplegen::yaml::from_str_large(std::str::from_utf8(&overlay.stdout).unwrap()).unwrap();
    assert_eq!(overlay["actions"][0]["target"], "$.paths['/users'].post");

    let whole = Command::new(env!("CARGO_BIN_EXE_samplegen"))
        .arg("-C")
        .arg(project.path())
        .args(["export", "openapi", document])
        .output()
        .unwrap();
    assert_eq!(whole.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&whole.stderr);
    assert!(
        stderr.contains("`/users` in `paths/users.yaml`") && stderr.contains("--overlay"),
        "{stderr}"
    );
}

// a JSON document that starts with a byte order mark (npm packages ship some so) is exported as
// JSON, without the mark, which JSON writers must not add
#[test]
fn a_json_document_with_a_byte_order_mark_exports_as_json() {
    let project = tempfile::tempdir().unwrap();
    let document = project.path().join("api.json");
    std::fs::write(
        &document,
        "\u{feff}{\"openapi\": \"3.0.0\", \"info\": {\"title\": \"Marked\", \"version\": \"1\"}, \"servers\": [{\"url\": \"https://api.example.com\"}], \"paths\": {\"/ping\": {\"get\": {\"operationId\": \"ping\", \"responses\": {\"200\": {\"description\": \"OK\"}}}}}}",
    )
    .unwrap();
    let document = document.to_str().unwrap();
    samplegen(project.path(), &["import", "openapi", document]);
    samplegen(project.path(), &["build"]);
    let exported = samplegen(project.path(), &["export", "openapi", document]);
    let text = std::str::from_utf8(&exported.stdout).unwrap();
    assert!(text.starts_with('{'), "{text}");
    let exported: Value = serde_json::from_str(text).unwrap();
    assert!(exported["paths"]["/ping"]["get"]["x-codeSamples"].is_array());
}
