//! The synthetic benchmark corpus: specs of the shapes real API docs have, in a fixed rotation.

use std::fs;
use std::io;
use std::path::Path;

/// One spec of shape `i % 5`: GET with query and bearer, JSON POST/PUT/PATCH, urlencoded with
/// basic auth, DELETE, multipart upload.
pub fn spec(i: usize) -> String {
    let prose = format!(
        "Operation number {i} of the synthetic corpus. It reads or changes the resource with \
         `{{{{id{i}}}}}` and returns the usual envelope.\n\n### Notes\n\n* Generated for the benchmark."
    );
    let prose = prose
        .lines()
        .map(|l| format!("  {l}\n"))
        .collect::<String>();
    let request = match i % 5 {
        0 => format!(
            "request:\n  method: GET\n  url: \"{{{{apiPath}}}}/v1/environments/{{{{envID}}}}/items?limit=20&filter=name eq \\\"item {i}\\\"\"\n  auth:\n    bearer: \"{{{{accessToken}}}}\"\n  headers:\n    - Accept: application/json\n"
        ),
        1 => {
            let method = ["POST", "PUT", "PATCH"][i % 3];
            format!(
                "request:\n  method: {method}\n  url: https://api.example.com/v1/items/{{{{itemID}}}}\n  auth:\n    bearer: \"{{{{accessToken}}}}\"\n  headers:\n    - Content-Type: application/json\n  body:\n    raw: |-\n      {{\n          \"name\": \"Item {i}\",\n          \"enabled\": true,\n          \"count\": {i},\n          \"tags\": [\"a\", \"b\"],\n          \"owner\": {{ \"id\": \"{{{{userID}}}}\", \"note\": null }}\n      }}\n"
            )
        }
        2 => format!(
            "request:\n  method: POST\n  url: \"{{{{authPath}}}}/{{{{envID}}}}/as/token\"\n  auth:\n    basic:\n      username: \"{{{{clientID}}}}\"\n      password: \"{{{{clientSecret}}}}\"\n  body:\n    urlencoded:\n      - grant_type: client_credentials\n      - scope: read write {i}\n"
        ),
        3 => format!(
            "request:\n  method: DELETE\n  url: https://api.example.com/v1/items/{i}\n  auth:\n    bearer: \"{{{{accessToken}}}}\"\n"
        ),
        _ => format!(
            "request:\n  method: POST\n  url: https://api.example.com/v1/items/{i}/files\n  auth:\n    bearer: \"{{{{accessToken}}}}\"\n  body:\n    formdata:\n      - title: Attachment {i}\n      - file:\n          file: /path/to/file-{i}.pdf\n"
        ),
    };
    format!(
        "title: Operation {i}\n{request}response:\n  status: 200 OK\n  body: |\n    {{\n        \"id\": \"{i}\",\n        \"status\": \"ok\"\n    }}\nprose: |\n{prose}"
    )
}

/// The path below `specs/` of spec `i`: 20 modules of nested pages.
pub fn relative_path(i: usize) -> String {
    format!(
        "module-{:02}/group-{:03}/operation-{i:05}.yaml",
        i % 20,
        i / 100
    )
}

/// Writes `count` specs into `project/specs/`, replacing what was there.
#[allow(dead_code)] // only the benchmark uses it
pub fn write_corpus(project: &Path, count: usize) -> io::Result<()> {
    write_corpus_from(project, 0, count)
}

/// Writes specs `first` to `first + count - 1` into `project/specs/`, replacing what was there:
/// other specs of the same shapes than the measured ones, for training a build on
/// (`scripts/build-pgo.sh`).
pub fn write_corpus_from(project: &Path, first: usize, count: usize) -> io::Result<()> {
    let specs = project.join("specs");
    if specs.exists() {
        fs::remove_dir_all(&specs)?;
    }
    for i in first..first + count {
        let path = specs.join(relative_path(i));
        fs::create_dir_all(path.parent().expect("specs have a parent"))?;
        fs::write(path, spec(i))?;
    }
    Ok(())
}

/// Spec `i`'s request as a Postman SDK request definition: the same request the spec describes
/// (auth as the `Authorization` header the Postman app sends), for rendering by the Postman code
/// generators side by side with samplegen.
#[allow(dead_code)] // only the Postman comparison uses it
pub fn postman_request(i: usize) -> serde_json::Value {
    use serde_json::json;
    let bearer = json!({"key": "Authorization", "value": "Bearer {{accessToken}}"});
    match i % 5 {
        0 => json!({
            "method": "GET",
            "url": format!("{{{{apiPath}}}}/v1/environments/{{{{envID}}}}/items?limit=20&filter=name eq \"item {i}\""),
            "header": [{"key": "Accept", "value": "application/json"}, bearer],
        }),
        1 => json!({
            "method": (["POST", "PUT", "PATCH"][i % 3]),
            "url": "https://api.example.com/v1/items/{{itemID}}",
            "header": [{"key": "Content-Type", "value": "application/json"}, bearer],
            "body": {"mode": "raw", "raw": format!("{{\n    \"name\": \"Item {i}\",\n    \"enabled\": true,\n    \"count\": {i},\n    \"tags\": [\"a\", \"b\"],\n    \"owner\": {{ \"id\": \"{{{{userID}}}}\", \"note\": null }}\n}}"), "options": {"raw": {"language": "json"}}},
        }),
        2 => json!({
            "method": "POST",
            "url": "{{authPath}}/{{envID}}/as/token",
            "header": [{"key": "Authorization", "value": "Basic e3tjbGllbnRJRH19Ont7Y2xpZW50U2VjcmV0fX0="}],
            "body": {"mode": "urlencoded", "urlencoded": [
                {"key": "grant_type", "value": "client_credentials"},
                {"key": "scope", "value": format!("read write {i}")},
            ]},
        }),
        3 => json!({
            "method": "DELETE",
            "url": format!("https://api.example.com/v1/items/{i}"),
            "header": [bearer],
        }),
        _ => json!({
            "method": "POST",
            "url": format!("https://api.example.com/v1/items/{i}/files"),
            "header": [bearer],
            "body": {"mode": "formdata", "formdata": [
                {"key": "title", "value": format!("Attachment {i}"), "type": "text"},
                {"key": "file", "src": format!("/path/to/file-{i}.pdf"), "type": "file"},
            ]},
        }),
    }
}
