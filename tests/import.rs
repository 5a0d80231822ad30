//! Importers: round trips (a spec's curl sample, imported, describes the same request), the peer
//! projects' fixtures (Postman collections, HAR files: these tests read `../shared` and say so when
//! it is absent), and the OpenAPI test documents (3.0, and Swagger 2.0), each imported, built and
//! snapshotted.

use std::path::{Path, PathBuf};

use samplegen::import::{self, Format};
use samplegen::model::{self, Body, PageId, PartContent, Request};
use samplegen::project::Project;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validate(spec: samplegen::spec::Spec) -> Result<Request, String> {
    let text = import::to_yaml(&spec);
    let parsed = samplegen::spec::parse(&text).map_err(|e| e.to_string())?;
    let id = PageId {
        module: "m".into(),
        page: "p".into(),
    };
    model::validate(parsed, id, Path::new("x.yaml"), &text)
        .map(|endpoint| endpoint.request)
        .map_err(|problems| format!("{}\n{text}", problems[0]))
}

/// A request reduced to what goes on the wire, for comparing requests written differently.
fn wire(request: &Request) -> String {
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(&s.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    let query: Vec<String> = request
        .url
        .query_pairs()
        .iter()
        .map(|p| format!("{}={:?}", decode(&p.key), p.value.as_deref().map(decode)))
        .collect();
    let mut headers: Vec<String> = request
        .headers_with_auth()
        .iter()
        .map(|h| format!("{}: {}", h.name.to_ascii_lowercase(), h.value))
        .collect();
    headers.sort();
    let body = match &request.body {
        None => "none".to_string(),
        Some(Body::Raw { text }) => format!("raw {text:?}"),
        Some(Body::Graphql { json, .. }) => format!("raw {json:?}"),
        Some(Body::Urlencoded { fields }) => format!(
            "form {:?}",
            fields
                .iter()
                .map(|f| (&f.name, &f.value))
                .collect::<Vec<_>>()
        ),
        Some(Body::File { path, .. }) => format!("file {path}"),
        Some(Body::Formdata { parts }) => format!(
            "multipart {:?}",
            parts
                .iter()
                .map(|p| match &p.content {
                    PartContent::Text { value } =>
                        format!("{}={value:?} {:?}", p.name, p.content_type),
                    PartContent::File { path, .. } =>
                        format!("{}=@{path} {:?}", p.name, p.content_type),
                })
                .collect::<Vec<_>>()
        ),
    };
    format!(
        "{} {}{}\nquery {query:?}\n{}\n{body}",
        request.method,
        request.url.host_and_port(),
        decode(&request.url.path),
        headers.join("\n")
    )
}

// shapes the fixtures do not hold: quotes, line breaks and non-ASCII in bodies, an unusual
// method, a password with a colon, cookies, encoded query items, typed parts
const TABLE: &[&str] = &[
    "title: t\nrequest:\n  method: PROPFIND\n  url: https://e.com/dav/\n  headers:\n    - Depth: \"1\"\n",
    "title: t\nrequest:\n  method: POST\n  url: https://e.com/a\n  headers:\n    - Content-Type: text/plain\n  body:\n    raw: \"it's \\\"quoted\\\"\\nsecond line\\ttab café $HOME `x` \\\\ end\"\n",
    "title: t\nrequest:\n  method: PATCH\n  url: https://e.com/a?x=a%20b&y=%26\n  auth:\n    basic: {username: me, password: \"p:w'd\"}\n  cookies:\n    - sid: abc\n    - theme: dark\n  query:\n    - q: \"a%26b c\"\n",
    "title: t\nrequest:\n  method: POST\n  url: https://e.com/u\n  auth:\n    bearer: \"{{token}}\"\n  body:\n    formdata:\n      - meta: {value: '{\"a\": 1}', content_type: application/json}\n      - doc: {file: ./my docs/r.pdf, content_type: application/pdf}\n      - note: \"two\\nlines\"\n",
    "title: t\nrequest:\n  method: PUT\n  url: https://e.com/f\n  headers:\n    - Content-Type: image/png\n  body:\n    file: ./img.png\n",
    "title: t\nrequest:\n  method: POST\n  url: https://e.com/form\n  body:\n    urlencoded:\n      - name: Jenny Rosen\n      - email: \"j+r@example.com\"\n      - empty: \"\"\n",
];

/// The endpoints of [`TABLE`].
fn table() -> Vec<samplegen::model::Endpoint> {
    TABLE
        .iter()
        .enumerate()
        .map(|(index, text)| {
            let path = PathBuf::from(format!("table-{index}.yaml"));
            let parsed = samplegen::spec::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            let id = PageId {
                module: "m".into(),
                page: format!("p{index}"),
            };
            let mut endpoint = model::validate(parsed, id, &path, text)
                .unwrap_or_else(|e| panic!("{text}: {}", e[0]));
            endpoint.source = path;
            endpoint
        })
        .collect()
}

/// Renders `endpoint`'s curl sample, imports it, and checks that the import describes the same
/// request, without a note.
fn curl_round_trip(
    endpoint: &samplegen::model::Endpoint,
    renderer: &samplegen::render::Renderer,
    curl: &samplegen::config::SiteTarget,
) {
    let sample = renderer.sample(endpoint, curl).unwrap();
    let imported = import::read(Format::Curl, &sample, Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}\n{sample}", endpoint.source.display()));
    assert!(
        imported.notes.is_empty(),
        "{}: {:?}\n{sample}",
        endpoint.source.display(),
        imported.notes
    );
    assert_eq!(imported.items.len(), 1, "{sample}");
    let request = validate(imported.items[0].spec.clone())
        .unwrap_or_else(|e| panic!("{}: {e}", endpoint.source.display()));
    assert_eq!(
        wire(&request),
        wire(&endpoint.request),
        "{}\n{sample}",
        endpoint.source.display()
    );
}

#[test]
fn a_specs_curl_sample_imports_as_the_same_request() {
    let project = Project::open(&repo().join("tests/fixtures")).unwrap();
    let renderer = project.renderer().unwrap();
    let specs = project.load_specs().unwrap();
    let curl = project.config.target("curl").unwrap();
    let mut checked = 0;
    for endpoint in &specs.endpoints {
        curl_round_trip(endpoint, &renderer, &curl);
        checked += 1;
    }
    assert!(checked > 20);
    for endpoint in table() {
        curl_round_trip(&endpoint, &renderer, &curl);
    }
}

/// A request as a HAR entry, as a browser's capture writes one: every header sent (auth and the
/// `Content-Type` a body implies included), the cookies listed apart, the query decoded in
/// `queryString`, the body in `postData`. `None` for a file body, which a HAR entry holds as bytes.
fn har_entry(request: &Request) -> Option<serde_json::Value> {
    use serde_json::json;
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(&s.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    let mut headers = Vec::new();
    let mut cookies = Vec::new();
    let mut content_type = String::new();
    for header in request.headers_with_auth() {
        if header.name.eq_ignore_ascii_case("cookie") {
            for pair in header.value.split("; ") {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                cookies.push(json!({"name": name, "value": value}));
            }
        } else {
            if header.name.eq_ignore_ascii_case("content-type") {
                content_type = header.value.clone();
            }
            headers.push(json!({"name": header.name, "value": header.value}));
        }
    }
    let query: Vec<serde_json::Value> = request
        .url
        .query_pairs()
        .iter()
        .filter_map(|p| {
            let value = p.value.as_deref()?;
            Some(json!({"name": decode(&p.key), "value": decode(value)}))
        })
        .collect();
    let post = match &request.body {
        None => None,
        Some(Body::File { .. }) => return None,
        Some(Body::Raw { text }) => Some(json!({"mimeType": content_type, "text": text})),
        Some(Body::Graphql { json, .. }) => Some(json!({"mimeType": content_type, "text": json})),
        Some(Body::Urlencoded { fields }) => Some(json!({
            "mimeType": content_type,
            "params": fields.iter().map(|f| json!({"name": f.name, "value": f.value})).collect::<Vec<_>>(),
        })),
        Some(Body::Formdata { parts }) => Some(json!({
            "mimeType": "multipart/form-data; boundary=x",
            "params": parts.iter().map(|p| {
                let mut param = match &p.content {
                    PartContent::Text { value } => json!({"name": p.name, "value": value}),
                    PartContent::File { path, .. } => json!({"name": p.name, "fileName": path}),
                };
                if let Some(content_type) = &p.content_type {
                    param["contentType"] = json!(content_type);
                }
                param
            }).collect::<Vec<_>>(),
        })),
    };
    let mut entry = json!({"request": {
        "method": request.method,
        "url": request.url.raw,
        "httpVersion": "HTTP/1.1",
        "headers": headers,
        "cookies": cookies,
        "queryString": query,
    }});
    if let Some(post) = post {
        entry["request"]["postData"] = post;
    }
    Some(entry)
}

#[test]
fn a_specs_har_entry_imports_as_the_same_request() {
    let project = Project::open(&repo().join("tests/fixtures")).unwrap();
    let specs = project.load_specs().unwrap();
    let mut checked = 0;
    for endpoint in specs.endpoints.iter().chain(&table()) {
        let Some(entry) = har_entry(&endpoint.request) else {
            continue;
        };
        let har = serde_json::json!({"log": {"version": "1.2", "entries": [entry]}}).to_string();
        let imported = import::read(Format::Har, &har, Default::default())
            .unwrap_or_else(|e| panic!("{}: {e}\n{har}", endpoint.source.display()));
        assert!(
            imported.notes.is_empty(),
            "{}: {:?}",
            endpoint.source.display(),
            imported.notes
        );
        let request = validate(imported.items[0].spec.clone())
            .unwrap_or_else(|e| panic!("{}: {e}", endpoint.source.display()));
        assert_eq!(
            wire(&request),
            wire(&endpoint.request),
            "{}\n{har}",
            endpoint.source.display()
        );
        checked += 1;
    }
    assert!(checked > 20, "{checked}");
}

fn shared(relative: &str) -> Option<PathBuf> {
    let dir = repo().join("../shared").join(relative);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: ../shared/{relative} is not beside the repository");
        None
    }
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Imports every file into one throwaway project, builds it, and snapshots every spec written and
/// the curl and Python samples of each.
/// Builds the project in `dir`, which must have no problem; what the build did.
fn build_without_problems(dir: &Path) -> samplegen::build::BuildSummary {
    let project = Project::open(dir).unwrap();
    let renderer = project.renderer().unwrap();
    let summary = samplegen::build::build(
        &project,
        &renderer,
        samplegen::build::Mode::Incremental,
        &|| {},
    )
    .unwrap();
    assert!(summary.problems.is_empty(), "{:?}", summary.problems);
    summary
}

fn import_and_build(format: Format, files: &[PathBuf], snapshot_dir: &str) {
    let project_dir = tempfile::tempdir().unwrap();
    let specs_dir = project_dir.path().join("specs");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(format!("snapshots/{snapshot_dir}"));
    settings.set_prepend_module_to_snapshot(false);
    let _guard = settings.bind_to_scope();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let folder = file
            .parent()
            .and_then(Path::file_name)
            .unwrap()
            .to_string_lossy();
        let name = format!("{folder}-{}", file.file_stem().unwrap().to_string_lossy());
        let imported = import::read(format, &text, Default::default())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let into = specs_dir.join(import::slug(&name));
        let written = import::write(&imported, &into, &specs_dir, false).unwrap();
        assert!(
            written.invalid.is_empty(),
            "{}: {:?}",
            file.display(),
            written.invalid
        );
        let notes: Vec<String> = imported
            .notes
            .iter()
            .map(|n| format!("{}: {}", n.at, n.message))
            .collect();
        let mut report = format!("notes: {notes:#?}\n");
        for path in &written.written {
            report.push_str(&format!(
                "\n# {}\n",
                path.strip_prefix(&specs_dir).unwrap().display()
            ));
            report.push_str(&std::fs::read_to_string(path).unwrap());
        }
        insta::assert_snapshot!(import::slug(&name), report);
    }
    let summary = build_without_problems(project_dir.path());
    assert!(summary.specs > 0);
}

#[test]
fn httpsnippet_har_fixtures_import_and_build() {
    let Some(dir) = shared("peer-fixtures/httpsnippet") else {
        return;
    };
    let mut files = json_files(&dir);
    files.extend(json_files(&dir.join("readme-fork")));
    files.extend(json_files(&dir.join("kong-historic")));
    import_and_build(Format::Har, &files, "import-har");
}

#[test]
fn postman_peer_collections_import_and_build() {
    let Some(dir) = shared("peer-fixtures/postman") else {
        return;
    };
    import_and_build(Format::Postman, &json_files(&dir), "import-postman");
}

#[test]
fn postman_code_generators_unit_collections_import_and_build() {
    let Some(dir) = shared("peer-fixtures/postman/unit") else {
        return;
    };
    let mut files = Vec::new();
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json")
                // the C# generator's expected outputs, not collections
                && !path.file_name().unwrap().to_string_lossy().starts_with("testResponse")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    // large request zoos: built and checked, their specs not snapshotted
    let project_dir = tempfile::tempdir().unwrap();
    let specs_dir = project_dir.path().join("specs");
    for (index, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(file).unwrap();
        let imported = import::read(Format::Postman, &text, Default::default())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let written = import::write(
            &imported,
            &specs_dir.join(format!("unit-{index}")),
            &specs_dir,
            false,
        )
        .unwrap();
        assert!(
            written.invalid.is_empty(),
            "{}: {:?}",
            file.display(),
            written.invalid
        );
    }
    let summary = build_without_problems(project_dir.path());
    assert!(summary.specs > 100, "{} specs", summary.specs);
}

#[test]
fn the_openapi_test_documents_import_and_build() {
    let files = ["petstore-plus.yaml", "bookshop-swagger2.yaml"]
        .map(|name| repo().join("tests/fixtures/openapi").join(name));
    import_and_build(Format::Openapi, &files, "import-openapi");
}

/// Renders every spec of the project in `root` (its `samplegen.yaml`, or `config` in its place)
/// into its page, imports each page back as `import curl PAGE --into specs` would, and renders
/// the spec written: the page must come out byte for byte, at the same address. How many pages.
fn house_pages_read_back(root: &Path, config: Option<&str>) -> usize {
    let source = tempfile::tempdir().unwrap();
    let root = match config {
        Some(config) => {
            std::fs::write(source.path().join("samplegen.yaml"), config).unwrap();
            copy_dir(&root.join("specs"), &source.path().join("specs"));
            source.path()
        }
        None => root,
    };
    let project = Project::open(root).unwrap();
    let renderer = project.renderer().unwrap();
    let specs = project.load_specs().unwrap();
    let target = tempfile::tempdir().unwrap();
    if let Some(config) = config {
        std::fs::write(target.path().join("samplegen.yaml"), config).unwrap();
    }
    let imported_project = Project::open(target.path()).unwrap();
    let specs_dir = imported_project.specs_dir();
    for endpoint in &specs.endpoints {
        let page = renderer.render(endpoint, &project.config).unwrap().page;
        let name = endpoint.source.display();
        let imported = import::read(Format::Curl, &page, Default::default())
            .unwrap_or_else(|e| panic!("{name}: {e}\n{page}"));
        assert_eq!(imported.items.len(), 1, "{name}");
        // nothing said but what the page is
        assert!(
            imported.notes.iter().all(|note| note.kind == "page"
                && note.message.starts_with("a page in the house layout")),
            "{name}: {:?}",
            imported.notes
        );
        let written = import::write(&imported, &specs_dir, &specs_dir, true).unwrap();
        assert_eq!(written.written.len(), 1, "{name}");
        let again = imported_project.load_spec(&written.written[0]).unwrap();
        assert_eq!(again.id, endpoint.id, "{name}: written at another address");
        let rendered = renderer
            .render(&again, &imported_project.config)
            .unwrap()
            .page;
        assert!(
            rendered == page,
            "{name} differs once read back:\n{}\n{}",
            similar::TextDiff::from_lines(&page, &rendered)
                .unified_diff()
                .header("page", "read back"),
            std::fs::read_to_string(&written.written[0]).unwrap()
        );
    }
    specs.endpoints.len()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn a_house_page_imports_back_into_the_spec_that_renders_it() {
    // the repository's own pages (the seeds' specs among them), and every request shape of the
    // fixtures, in the house layout and in the newer one
    assert!(house_pages_read_back(repo(), None) >= 7);
    assert!(house_pages_read_back(&repo().join("tests/fixtures"), None) > 30);
    assert!(
        house_pages_read_back(&repo().join("tests/fixtures"), Some("page: house-newer\n")) > 30
    );
    // a page with several example responses, as published pages show one for each outcome,
    let several = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(several.path().join("specs/credentials")).unwrap();
    std::fs::write(
        several.path().join("specs/credentials/apply-staged-changes.yaml"),
        "title: Apply Staged Changes\nrequest:\n  method: POST\n  url: '{{apiPath}}/v1/environments/{{envID}}/stagedChanges'\n  auth:\n    bearer: '{{accessToken}}'\n  headers:\n    - Content-Type: application/json\n  body:\n    raw: '{\"revoke\": []}'\nresponses:\n  - status: 200 OK\n    body: '{\"revoked\": []}'\n  - status: 200 OK\n    body: '{\"issued\": []}'\n  - status: 400 Bad Request\n    body: <error/>\n    lang: xml\n  - status: 204\nprose: The first example revokes, the second issues.\n",
    )
    .unwrap();
    // and a page whose address ends in `-`, as some published ones do
    std::fs::create_dir_all(several.path().join("specs/flows")).unwrap();
    std::fs::write(
        several
            .path()
            .join("specs/flows/get-the-access-token-.yaml"),
        "title: Get the access token\nrequest:\n  method: GET\n  url: https://e.com/token\n",
    )
    .unwrap();
    assert_eq!(house_pages_read_back(several.path(), None), 2);
    assert_eq!(
        house_pages_read_back(several.path(), Some("page: house-newer\n")),
        2
    );
}

#[test]
fn the_seed_pages_import_back_byte_for_byte() {
    let Some(seeds) = shared("seeds") else {
        return;
    };
    let project = Project::open(repo()).unwrap();
    let renderer = project.renderer().unwrap();
    let mut compared = 0;
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        // `001_` is a page read as plain text on the live site, not its Markdown
        if !text.starts_with("---\n") {
            continue;
        }
        let imported = import::read(Format::Curl, &text, Default::default()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let specs_dir = dir.path().join("specs");
        let written = import::write(&imported, &specs_dir, &specs_dir, false).unwrap();
        let target = Project::open(dir.path()).unwrap();
        let endpoint = target.load_spec(&written.written[0]).unwrap();
        let page = renderer.render(&endpoint, &target.config).unwrap().page;
        assert!(page == text, "{} differs once read back", path.display());
        compared += 1;
    }
    assert_eq!(compared, 3);
}
