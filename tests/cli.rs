//! The `samplegen` binary, run in a throwaway project: build, check, render, targets, overrides
//! and errors, judged by exit code, stdout, stderr and the files left behind.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TOKEN_SPEC: &str = "\
title: Token
request:
  method: POST
  url: \"{{authPath}}/{{envID}}/as/token\"
  auth:
    basic:
      username: \"{{appID}}\"
      password: \"{{appSecret}}\"
  headers:
    - Content-Type: application/x-www-form-urlencoded
  body:
    urlencoded:
      - grant_type: client_credentials
response:
  status: 200 OK
  body: |
    {\"token_type\": \"Bearer\"}
prose: |
  Gets a token.
";

const USERS_SPEC: &str = "\
title: Read Users
request:
  method: GET
  url: \"{{apiPath}}/v1/environments/{{envID}}/users\"
  auth:
    bearer: \"{{accessToken}}\"
prose: |
  Lists users.
";

/// A temporary project directory with a few specs.
struct TestProject {
    dir: tempfile::TempDir,
}

impl TestProject {
    fn new() -> TestProject {
        let project = TestProject {
            dir: tempfile::tempdir().unwrap(),
        };
        project.write("specs/auth/token.yaml", TOKEN_SPEC);
        project.write("specs/users/read-users.yaml", USERS_SPEC);
        project
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn write(&self, relative: &str, contents: &str) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }

    fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative)).unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_samplegen"))
            .args(args)
            .current_dir(self.dir.path())
            // verify's record of what it proved: the tests' own, never the user's
            .env(
                "SAMPLEGEN_CACHE_DIR",
                Path::new(env!("CARGO_TARGET_TMPDIR")).join("verify-proofs"),
            )
            .output()
            .unwrap()
    }

    /// Runs samplegen with `args` and checks that it fails, as it does on a problem it reports.
    fn run_failing(&self, args: &[&str]) -> Output {
        let output = self.run(args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "samplegen {args:?}\n{}{}",
            stdout(&output),
            stderr(&output)
        );
        output
    }

    /// Every file below `output/` with its contents and modification time.
    fn output_tree(&self) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
        let mut tree = BTreeMap::new();
        collect(&self.path("output"), &mut tree);
        tree
    }
}

fn collect(dir: &Path, tree: &mut BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, tree);
        } else {
            let modified = fs::metadata(&path).unwrap().modified().unwrap();
            tree.insert(path.clone(), (fs::read(&path).unwrap(), modified));
        }
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn build_writes_pages_and_samples_then_nothing_when_unchanged() {
    let project = TestProject::new();
    let first = project.run(&["build"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stdout(&first)
            .contains("2 specs (2 rendered), 24 files: 24 written, 0 unchanged, 0 removed"),
        "{}",
        stdout(&first)
    );
    assert!(
        project
            .read("output/auth/token.md")
            .starts_with("---\ntitle: Token\n")
    );
    assert!(
        project
            .read("output/auth/token/curl.sh")
            .starts_with("curl --location --globoff")
    );
    assert!(
        project
            .path("output/users/read-users/swift.swift")
            .is_file()
    );

    let before = project.output_tree();
    let second = project.run(&["build"]);
    assert!(second.status.success());
    assert!(
        stdout(&second).contains("2 specs (0 rendered), 24 files: 0 written, 24 unchanged"),
        "{}",
        stdout(&second)
    );
    assert_eq!(
        project.output_tree(),
        before,
        "a no-op build touches no file"
    );
}

#[test]
fn check_passes_in_sync_and_reports_an_edited_spec_with_a_diff() {
    let project = TestProject::new();
    assert!(project.run(&["build"]).status.success());
    let ok = project.run(&["check"]);
    assert!(ok.status.success(), "{}{}", stdout(&ok), stderr(&ok));
    assert!(
        stdout(&ok).contains("24 files in sync with 2 specs"),
        "{}",
        stdout(&ok)
    );

    project.write(
        "specs/auth/token.yaml",
        &TOKEN_SPEC.replace("client_credentials", "password"),
    );
    let before = project.output_tree();
    let drift = project.run_failing(&["check"]);
    let out = stdout(&drift);
    assert!(
        out.contains("output/auth/token/curl.sh is out of date"),
        "{out}"
    );
    assert!(
        out.contains("--- output/auth/token/curl.sh (on disk)"),
        "{out}"
    );
    assert!(out.contains("---data-urlencode 'grant_type=client_credentials'\n+--data-urlencode 'grant_type=password'"), "{out}");
    assert_eq!(project.output_tree(), before, "check writes nothing");
}

#[test]
fn check_reports_a_hand_edited_output_file() {
    let project = TestProject::new();
    assert!(project.run(&["build"]).status.success());
    let sample = project.read("output/users/read-users/python.py");
    project.write(
        "output/users/read-users/python.py",
        &sample.replace("requests.request", "requests.get"),
    );
    let drift = project.run_failing(&["check"]);
    assert!(
        stdout(&drift).contains("output/users/read-users/python.py is out of date"),
        "{}",
        stdout(&drift)
    );

    // A file edited in place is for `check` to find: a build would have to look at every output
    // file for it (README, Performance); `build --full` does, and repairs it.
    assert!(project.run(&["build", "--full"]).status.success());
    assert_eq!(
        project.read("output/users/read-users/python.py"),
        sample,
        "build --full repairs it"
    );
    assert!(project.run(&["check"]).status.success());
}

#[test]
fn a_removed_spec_leaves_stale_files_that_build_removes_and_nothing_else() {
    let project = TestProject::new();
    project.write("output/README.md", "written by hand\n");
    assert!(project.run(&["build"]).status.success());
    fs::remove_file(project.path("specs/users/read-users.yaml")).unwrap();

    let drift = project.run_failing(&["check"]);
    assert!(
        stdout(&drift).contains("output/users/read-users.md is stale"),
        "{}",
        stdout(&drift)
    );

    let build = project.run(&["build"]);
    assert!(build.status.success());
    assert!(stdout(&build).contains("12 removed"), "{}", stdout(&build));
    assert!(!project.path("output/users").exists());
    assert_eq!(project.read("output/README.md"), "written by hand\n");
    assert!(project.run(&["check"]).status.success());
    // `--strict` reports what no spec produces and no build wrote, a link too, never followed
    std::os::unix::fs::symlink("/etc/hostname", project.path("output/auth/evil.md")).unwrap();
    let strict = project.run_failing(&["check", "--strict"]);
    let out = stdout(&strict);
    assert!(out.contains("output/README.md is not samplegen's"), "{out}");
    assert!(
        out.contains("output/auth/evil.md is a symbolic link"),
        "{out}"
    );
    assert!(
        out.contains("and remove the files that are not samplegen's"),
        "{out}"
    );
    fs::remove_file(project.path("output/README.md")).unwrap();
    fs::remove_file(project.path("output/auth/evil.md")).unwrap();
    assert!(project.run(&["check", "--strict"]).status.success());
}

#[test]
fn a_missing_output_file_is_reported() {
    let project = TestProject::new();
    assert!(project.run(&["build"]).status.success());
    fs::remove_file(project.path("output/auth/token.md")).unwrap();
    let drift = project.run_failing(&["check"]);
    assert!(
        stdout(&drift).contains("output/auth/token.md is missing"),
        "{}",
        stdout(&drift)
    );
}

#[test]
fn a_typo_names_file_line_and_column_and_touches_no_output() {
    let project = TestProject::new();
    assert!(project.run(&["build"]).status.success());
    let before = project.output_tree();
    project.write(
        "specs/auth/token.yaml",
        &TOKEN_SPEC.replace("  headers:", "  header:"),
    );

    let build = project.run_failing(&["build"]);
    let err = stderr(&build);
    assert!(
        err.contains("error: request: unknown field `header`"),
        "{err}"
    );
    assert!(err.contains(" --> specs/auth/token.yaml:9:3\n"), "{err}");
    assert!(err.contains("9 |   header:\n  |   ^"), "{err}");
    assert!(
        err.contains("1 spec(s) failed; their earlier output was kept"),
        "{err}"
    );
    assert_eq!(
        project.output_tree(),
        before,
        "nothing in output/ is touched"
    );

    let check = project.run_failing(&["check"]);
    assert!(stderr(&check).contains("specs/auth/token.yaml:9:3"));
}

#[test]
fn bad_yaml_and_bad_values_are_all_reported_in_one_run() {
    let project = TestProject::new();
    project.write(
        "specs/auth/broken.yaml",
        "title: x\nrequest:\n  method: GET\n   url: y\n",
    );
    project.write(
        "specs/users/bad-method.yaml",
        &USERS_SPEC.replace("method: GET", "method: GE T"),
    );
    let build = project.run_failing(&["build"]);
    let err = stderr(&build);
    assert!(err.contains(" --> specs/auth/broken.yaml:4:7"), "{err}");
    assert!(err.contains("`GE T` is not an HTTP method"), "{err}");
    assert!(
        err.contains(" --> specs/users/bad-method.yaml:3:3"),
        "{err}"
    );
    assert!(err.contains("2 spec(s) failed"), "{err}");
    // the good specs are still built
    assert!(project.path("output/auth/token.md").is_file());
}

#[test]
fn render_prints_a_page_or_one_sample_and_writes_nothing() {
    let project = TestProject::new();
    let page = project.run(&["render", "specs/auth/token.yaml"]);
    assert!(page.status.success(), "{}", stderr(&page));
    assert!(stdout(&page).contains("### Example Request"));
    let sample = project.run(&["render", "specs/auth/token.yaml", "--target", "http"]);
    assert_eq!(
        stdout(&sample),
        "POST /{{envID}}/as/token HTTP/1.1\nHost: {{authPath}}\nContent-Type: application/x-www-form-urlencoded\nAuthorization: Basic e3thcHBJRH19Ont7YXBwU2VjcmV0fX0=\n\ngrant_type=client_credentials\n"
    );
    assert!(!project.path("output").exists());

    let typo = project.run(&["render", "specs/auth/token.yaml", "--target", "pyton"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        stderr(&typo).contains("unknown target `pyton`; did you mean `python`?"),
        "{}",
        stderr(&typo)
    );
}

// an imported `-F file=@$FILE` is `{{FILE}}`, which the project's value then names
#[test]
fn a_variable_in_a_file_path_takes_its_value() {
    let project = TestProject::new();
    project.write(
        "specs/files/upload.yaml",
        "title: Upload\nvariables:\n  FILE: report.json\nrequest:\n  method: POST\n  url: https://e.com/up\n  body:\n    formdata:\n    - doc:\n        file: '{{FILE}}'\n",
    );
    project.write(
        "specs/files/put.yaml",
        "title: Put\nvariables:\n  FILE: report.json\nrequest:\n  method: PUT\n  url: https://e.com/up\n  headers:\n  - Content-Type: application/zip\n  body:\n    file: 'data/{{FILE}}'\n",
    );
    let form = project.run(&["render", "specs/files/upload.yaml", "--target", "curl"]);
    assert!(form.status.success(), "{}", stderr(&form));
    assert!(
        stdout(&form).contains("'doc=@\"report.json\"'"),
        "{}",
        stdout(&form)
    );
    let put = project.run(&["render", "specs/files/put.yaml", "--target", "curl"]);
    assert!(
        stdout(&put).contains("'@data/report.json'"),
        "{}",
        stdout(&put)
    );
}

// a converter's 229 KB example body (openapi-to-postmanv2's DocuSign): Linux refuses one
// argument of 128 KiB, and javac a string constant of 65,535 characters
#[test]
fn a_body_too_long_for_one_argument_or_constant_is_still_sent_whole() {
    let project = TestProject::new();
    let body = format!("{{\"note\": \"{}\"}}", "x".repeat(140 * 1024));
    project.write(
        "specs/big/post.yaml",
        &format!(
            "title: Big\nrequest:\n  method: POST\n  url: https://e.com/items\n  headers:\n  - Content-Type: application/json\n  body:\n    raw: '{body}'\n"
        ),
    );
    let curl = stdout(&project.run(&["render", "specs/big/post.yaml", "--target", "curl"]));
    assert!(
        curl.starts_with(&format!(
            "printf '%s' '{body}' | curl --location 'https://e.com/items'"
        )),
        "{}",
        &curl[..200]
    );
    assert!(
        curl.trim_end().ends_with("--data-binary @-"),
        "{}",
        &curl[curl.len() - 200..]
    );
    let java = stdout(&project.run(&["render", "specs/big/post.yaml", "--target", "java"]));
    assert!(
        java.contains("RequestBody.create(mediaType, String.join(\"\", \"{\\\"note\\\": \\\"xxx"),
        "{}",
        &java[..400]
    );
}

#[test]
fn targets_lists_the_eleven_in_tab_order() {
    let project = TestProject::new();
    let out = stdout(&project.run(&["targets"]));
    // then the built-in targets the house style does not show
    let others: Vec<&str> = samplegen::targets::TARGETS
        .iter()
        .filter(|t| !t.house_tab)
        .map(|t| t.id)
        .collect();
    if !others.is_empty() {
        let line = format!(
            "(not rendered by this site's config: {})\n",
            others.join(", ")
        );
        assert!(out.ends_with(&line), "{out}");
    }
    let ids: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with('('))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "curl", "csharp", "go", "http", "java", "jquery", "nodejs", "python", "php", "ruby",
            "swift"
        ]
    );
}

#[test]
fn a_project_template_overrides_one_built_in() {
    let project = TestProject::new();
    project.write(
        "templates/python.tera",
        "# {{ request.method }} {{ request.url.raw }}\n",
    );
    assert!(project.run(&["build"]).status.success());
    assert_eq!(
        project.read("output/users/read-users/python.py"),
        "# GET {{apiPath}}/v1/environments/{{envID}}/users\n"
    );
    assert!(
        project
            .read("output/users/read-users/curl.sh")
            .starts_with("curl "),
        "the others stay built in"
    );
}

#[test]
fn a_project_template_extends_a_built_in_and_replaces_one_block() {
    let project = TestProject::new();
    project.write(
        "templates/go.tera",
        "{% extends \"builtin/go.tera\" %}\n{% block headers %}\n  // sent: {% for header in request.headers %}{{ header.name }};{% endfor %}\n{%- endblock headers %}\n",
    );
    assert!(project.run(&["build"]).status.success());
    let go = project.read("output/users/read-users/go.go");
    assert!(go.contains("\n  // sent: Authorization;\n"), "{go}");
    assert!(
        !go.contains("req.Header.Add"),
        "the block is replaced: {go}"
    );
    assert!(
        go.starts_with("package main\n"),
        "the rest is the built-in: {go}"
    );
    assert!(go.contains("res, err := client.Do(req)"), "{go}");
}

#[test]
fn the_newer_house_layout_is_a_page_option_whose_spacer_a_project_can_replace() {
    let project = TestProject::new();
    project.write("samplegen.yaml", "page: house-newer\n");
    assert!(project.run(&["build"]).status.success());
    let page = project.read("output/auth/token.md");
    assert!(page.contains("\n##\n\n\u{a0}\n\n```none\n"), "{page}");
    assert!(!page.contains("\ndescription:"), "{page}");
    assert!(page.contains("---\ntitle: "), "{page}");

    // a spacer of three characters, as some published pages have
    project.write(
        "templates/pages/house-newer/page.md.tera",
        "{% extends \"builtin/pages/house-newer/page.md.tera\" %}\n{% block under_title %}\n\n\u{a0} \u{a0}{% endblock under_title %}\n",
    );
    assert!(project.run(&["build"]).status.success());
    let page = project.read("output/auth/token.md");
    assert!(
        page.contains("\n##\n\n\u{a0} \u{a0}\n\n```none\n"),
        "{page}"
    );
}

#[test]
fn project_templates_in_subfolders_are_partials_any_template_can_include() {
    let project = TestProject::new();
    project.write(
        "templates/partials/banner.tera",
        "# generated from {{ request.method }}\n",
    );
    project.write(
        "templates/python.tera",
        "{% include \"partials/banner.tera\" %}{% include \"builtin/python.tera\" %}",
    );
    assert!(project.run(&["build"]).status.success());
    let python = project.read("output/users/read-users/python.py");
    assert!(
        python.starts_with("# generated from GET\nimport requests\n"),
        "{python}"
    );
}

#[test]
fn the_builtin_namespace_is_reserved_and_template_links_are_refused() {
    let project = TestProject::new();
    project.write("templates/builtin/go.tera", "x");
    let build = project.run_failing(&["build"]);
    assert!(
        stderr(&build).contains("`builtin/` is where the built-in templates live"),
        "{}",
        stderr(&build)
    );
    fs::remove_dir_all(project.path("templates/builtin")).unwrap();
    project.write("elsewhere.txt", "{{ request.method }}");
    std::os::unix::fs::symlink(
        project.path("elsewhere.txt"),
        project.path("templates/go.tera"),
    )
    .unwrap();
    let build = project.run_failing(&["build"]);
    assert!(
        stderr(&build)
            .contains("is a symbolic link; templates are read only from files in the project"),
        "{}",
        stderr(&build)
    );
}

/// Overrides the Go template with one that does not compile, builds, and checks the build says
/// so; returns its stderr.
fn build_with_a_broken_go_template(project: &TestProject) -> String {
    project.write(
        "templates/go.tera",
        "package main\n{{ request.method | no_such_filter }}\n",
    );
    let err = stderr(&project.run_failing(&["build"]));
    assert!(
        err.contains("error: template `templates/go.tera` does not compile"),
        "{err}"
    );
    err
}

#[test]
fn a_broken_override_names_its_file_line_and_column() {
    let project = TestProject::new();
    let err = build_with_a_broken_go_template(&project);
    assert!(err.contains(" --> templates/go.tera:2:"), "{err}");
    assert!(!project.path("output").exists());
}

// a partial that does not parse is named, not the template that includes it
#[test]
fn a_broken_partial_is_named_over_the_template_that_includes_it() {
    let project = TestProject::new();
    project.write(
        "templates/curl.tera",
        "curl {% include \"partials/b.tera\" %}\n",
    );
    project.write("templates/partials/b.tera", "line\n{% if %}\n");
    let err = stderr(&project.run_failing(&["build"]));
    assert!(
        err.contains("error: template `templates/partials/b.tera` does not compile"),
        "{err}"
    );
    assert!(err.contains(" --> templates/partials/b.tera:2:7"), "{err}");
}

#[test]
fn a_template_broken_after_a_build_stops_the_next_one_with_the_output_untouched() {
    let project = TestProject::new();
    project.run(&["build"]);
    let before = project.output_tree();
    // a no-op build leaves compiling the templates to a spec that needs rendering; a template
    // that changed is compiled before anything is touched
    build_with_a_broken_go_template(&project);
    assert_eq!(project.output_tree(), before);
}

#[test]
fn a_site_config_relabels_and_drops_targets() {
    let project = TestProject::new();
    project.write(
        "samplegen.yaml",
        "component: acme-api\nbase_url: https://docs.acme.test/api/\ntargets:\n  - id: python\n    label: Python 3\n  - id: curl\n",
    );
    assert!(project.run(&["build"]).status.success());
    let page = project.read("output/auth/token.md");
    assert!(page.contains("page_id: acme-api:auth:token\ncanonical_url: https://docs.acme.test/api/auth/token.html\n"), "{page}");
    assert!(
        page.contains("* Python 3\n\n* cURL\n\n```python\n"),
        "{page}"
    );
    assert!(!project.path("output/auth/token/go.go").exists());
}

#[test]
fn a_bad_site_config_is_an_error_with_a_hint() {
    let project = TestProject::new();
    project.write("samplegen.yaml", "targets:\n  - id: ruby\n  - id: swfit\n");
    let build = project.run_failing(&["build"]);
    let err = stderr(&build);
    assert!(
        err.contains("unknown target `swfit`; did you mean `swift`?"),
        "{err}"
    );
    assert!(err.contains(" --> samplegen.yaml:3:3"), "{err}");
}

#[test]
fn the_repository_output_is_in_sync_with_its_specs() {
    let repo = env!("CARGO_MANIFEST_DIR");
    let check = Command::new(env!("CARGO_BIN_EXE_samplegen"))
        .args(["-C", repo, "check"])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}{}",
        stdout(&check),
        stderr(&check)
    );
}

#[test]
fn pages_that_differ_only_in_case_are_refused() {
    let project = TestProject::new();
    project.write("specs/users/Read-Users.yaml", USERS_SPEC);
    let build = project.run_failing(&["build"]);
    let err = stderr(&build);
    assert!(
        err.contains("this page and `specs/users/read-users.yaml` differ only in letter case"),
        "{err}"
    );
    assert!(
        !project.path("output/users").exists(),
        "neither page is written"
    );
    assert!(
        project.path("output/auth/token.md").is_file(),
        "the others are"
    );
}

#[test]
fn a_spec_below_a_dotted_name_is_skipped_with_a_warning_that_says_how_to_name_it() {
    let project = TestProject::new();
    project.write(
        "specs/auth/.well-known/openid-configuration.yaml",
        USERS_SPEC,
    );
    project.write("specs/auth/.draft.yaml", USERS_SPEC);
    // an editor's swap file is no spec file, and worth no warning
    project.write("specs/auth/.token.yaml.swp", "x");
    let warning = "warning: `specs/auth/.draft.yaml`, `specs/auth/.well-known/openid-configuration.yaml` skipped: a file or folder whose name starts with `.` holds no spec";
    let hint = "name it without the dot, as `specs/auth/draft.yaml`";
    for args in [&["build"][..], &["build"], &["check"]] {
        let output = project.run(args);
        assert!(
            output.status.success(),
            "samplegen {args:?}: a warning only"
        );
        let err = stderr(&output);
        assert!(
            err.contains(warning) && err.contains(hint),
            "{args:?}: {err}"
        );
    }
    assert!(!project.path("output/auth/.well-known").exists());
    assert!(!project.path("output/auth/well-known").exists());

    fs::remove_dir_all(project.path("specs/auth/.well-known")).unwrap();
    fs::remove_file(project.path("specs/auth/.draft.yaml")).unwrap();
    let build = project.run(&["build"]);
    assert!(!stderr(&build).contains("warning"), "{}", stderr(&build));
}

#[test]
fn a_spec_linked_from_outside_the_specs_directory_is_refused() {
    let project = TestProject::new();
    project.write("elsewhere/secret.yaml", USERS_SPEC);
    std::os::unix::fs::symlink(
        project.path("elsewhere/secret.yaml"),
        project.path("specs/users/linked.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(project.path("specs"), project.path("specs/users/loop")).unwrap();
    let build = project.run_failing(&["build"]);
    let err = stderr(&build);
    assert!(
        err.contains("error: this spec is a link to a file outside the specs directory"),
        "{err}"
    );
    assert!(err.contains(" --> specs/users/linked.yaml"), "{err}");
    assert!(!project.path("output/users/linked.md").exists());
}

#[test]
fn a_file_the_spec_says_must_exist_is_checked() {
    let project = TestProject::new();
    let spec = "title: Upload\nrequest:\n  method: PUT\n  url: https://api.example.com/a\n  headers:\n    - Content-Type: image/png\n  body:\n    file:\n      path: files/avatar.png\n      must_exist: true\n";
    project.write("specs/users/upload.yaml", spec);
    let build = project.run_failing(&["build"]);
    assert!(
        stderr(&build).contains("the file `files/avatar.png` does not exist"),
        "{}",
        stderr(&build)
    );
    project.write("files/avatar.png", "png");
    assert!(project.run(&["build"]).status.success());
}

#[test]
fn a_build_killed_midway_leaves_every_file_old_or_new_and_the_next_build_repairs_it() {
    let project = TestProject::new();
    let many = 400;
    for i in 0..many {
        project.write(
            &format!("specs/bulk/page-{i:03}.yaml"),
            &USERS_SPEC.replace("Read Users", &format!("Read Users {i}")),
        );
    }
    assert!(project.run(&["build"]).status.success());
    let old = project.output_tree();

    // every output file changes with this edit
    for i in 0..many {
        project.write(
            &format!("specs/bulk/page-{i:03}.yaml"),
            &USERS_SPEC
                .replace("Read Users", &format!("Read Users {i}"))
                .replace("/users", "/people"),
        );
    }
    let mut interrupted_midway = false;
    for delay_ms in [100u64, 250, 400, 550, 700, 900, 1200, 1600, 2400, 3600] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_samplegen"))
            .arg("build")
            .current_dir(project.dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL: no chance to clean up
        child.wait().unwrap();

        let now = project.output_tree();
        let (mut same, mut changed) = (0, 0);
        for (path, (contents, _)) in &now {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".samplegen.tmp") || name == ".samplegen-building" {
                continue; // an interrupted write, never seen under the real name, and the marker
            }
            match old.get(path) {
                Some((before, _)) if before == contents => same += 1,
                _ => {
                    // a changed file must be complete: what a full build writes
                    let text = String::from_utf8_lossy(contents);
                    assert!(
                        text.ends_with('\n') && (text.contains("/people") || name.starts_with('.')),
                        "{} is neither old nor new:\n{text}",
                        path.display()
                    );
                    changed += 1;
                }
            }
        }
        if same > 0 && changed > 0 {
            interrupted_midway = true;
            break;
        }
    }
    assert!(
        interrupted_midway,
        "no attempt caught the build mid-way; use more specs"
    );

    let repair = project.run(&["build"]);
    assert!(repair.status.success(), "{}", stderr(&repair));
    assert!(project.run(&["check"]).status.success());
    let leftovers: Vec<_> = project
        .output_tree()
        .into_keys()
        .filter(|p| p.to_string_lossy().ends_with(".samplegen.tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_template_failing_on_a_spec_names_both() {
    let project = TestProject::new();
    project.write(
        "templates/ruby.tera",
        "require \"uri\"\n{{ request.nothing.here }}\n",
    );
    let build = project.run_failing(&["build"]);
    let err = stderr(&build);
    assert!(
        err.contains("error: template `templates/ruby.tera` failed on this spec: Field `nothing` is not defined"),
        "{err}"
    );
    assert!(err.contains("ruby.tera:2:"), "{err}");
    assert!(err.contains(" --> specs/auth/token.yaml"), "{err}");
    // each spec it fails on is named, and the build ends with its count
    assert!(err.contains(" --> specs/users/read-users.yaml"), "{err}");
    assert!(err.contains("2 spec(s) failed"), "{err}");
    // and the summary line does not read as an empty project
    assert!(
        stdout(&build).contains("samplegen: 0 specs (0 rendered, 2 failed), 0 files"),
        "{}",
        stdout(&build)
    );
}

#[test]
fn watch_rebuilds_on_a_change_and_survives_a_bad_spec() {
    use std::time::Duration;

    let project = TestProject::new();
    let (mut child, until) = watch(&project, true);

    let first = until("watching for changes");
    assert!(
        first.iter().any(|l| l.contains("2 specs (2 rendered)")),
        "{first:#?}"
    );

    std::thread::sleep(Duration::from_millis(300));
    project.write(
        "specs/auth/token.yaml",
        &TOKEN_SPEC.replace("client_credentials", "password"),
    );
    let second = until("watching for changes");
    assert!(
        second.iter().any(|l| l == "wrote auth/token/curl.sh"),
        "{second:#?}"
    );
    assert!(
        second.iter().any(|l| l.contains("2 specs (1 rendered)")),
        "{second:#?}"
    );

    project.write("specs/users/broken.yaml", "title: [\n");
    let third = until("watching for changes");
    assert!(
        third
            .iter()
            .any(|l| l.contains("2 specs (0 rendered, 1 failed)")),
        "{third:#?}"
    );

    child.kill().unwrap();
    let output = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("specs/users/broken.yaml"), "{err}");
}

#[test]
fn a_watched_edit_rewrites_only_the_changed_files_of_that_spec() {
    use std::os::unix::fs::MetadataExt;
    use std::time::Duration;

    let project = TestProject::new();
    let output = project.dir.path().join("output");
    // every output file: its contents and what says it was written (inode, change time)
    let snapshot = || -> BTreeMap<String, (String, (u64, i64, i64))> {
        walk_files(&output)
            .into_iter()
            .filter(|path| !path.file_name().unwrap().to_string_lossy().starts_with('.'))
            .map(|path| {
                let meta = fs::metadata(&path).unwrap();
                let shown = path.strip_prefix(&output).unwrap().display().to_string();
                let written = (meta.ino(), meta.ctime(), meta.ctime_nsec());
                (shown, (fs::read_to_string(&path).unwrap(), written))
            })
            .collect()
    };
    let (mut child, until) = watch(&project, false);
    until("watching for changes");
    let before = snapshot();
    std::thread::sleep(Duration::from_millis(50));

    project.write(
        "specs/auth/token.yaml",
        &TOKEN_SPEC.replace("client_credentials", "password"),
    );
    let lines = until("watching for changes");
    child.kill().unwrap();
    child.wait().unwrap();
    let after = snapshot();

    let reported: Vec<String> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("wrote ").map(String::from))
        .collect();
    let differing: Vec<String> = after
        .iter()
        .filter(|(path, (text, _))| before[*path].0 != *text)
        .map(|(path, _)| path.clone())
        .collect();
    let rewritten: Vec<String> = after
        .iter()
        .filter(|(path, (_, written))| before[*path].1 != *written)
        .map(|(path, _)| path.clone())
        .collect();
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    assert!(
        differing.contains(&"auth/token/curl.sh".to_string()),
        "{differing:#?}"
    );
    assert!(
        differing.iter().all(|path| path.starts_with("auth/token")),
        "{differing:#?}"
    );
    // exactly the files whose contents changed were written, and reported
    assert_eq!(rewritten, differing);
    assert_eq!(reported, differing);
    assert!(
        lines.iter().any(|l| l.contains("(1 rendered)")),
        "{lines:#?}"
    );

    // what watch left is what a build would have: in sync, and the cache lets the next build
    // skip every spec
    assert!(project.run(&["check"]).status.success());
    let rebuilt = project.run(&["build"]);
    let said = String::from_utf8_lossy(&rebuilt.stdout);
    assert!(said.contains("(0 rendered)"), "{said}");
}

#[test]
fn an_incremental_build_renders_only_what_changed_and_notices_hand_edits() {
    let project = TestProject::new();
    assert!(project.run(&["build"]).status.success());

    project.write(
        "specs/auth/token.yaml",
        &TOKEN_SPEC.replace("client_credentials", "password"),
    );
    let one = stdout(&project.run(&["build"]));
    assert!(one.contains("2 specs (1 rendered)"), "{one}");
    assert!(
        one.lines().all(|l| !l.contains("users/")),
        "only the edited spec's files: {one}"
    );
    // the edit left a complete cache: the next build has nothing to do
    let after = stdout(&project.run(&["build"]));
    assert!(after.contains("2 specs (0 rendered)"), "{after}");

    std::fs::remove_file(project.path("output/users/read-users/go.go")).unwrap();
    let repaired = stdout(&project.run(&["build"]));
    assert!(
        repaired.contains("wrote output/users/read-users/go.go"),
        "{repaired}"
    );
    assert!(repaired.contains("2 specs (1 rendered)"), "{repaired}");

    // replaced by an editor that saves through a new file: the directory's times tell
    let page = project.read("output/auth/token.md");
    project.write(
        "output/auth/token.md.new",
        &page.replacen("Token", "Tokxn", 1),
    );
    fs::rename(
        project.path("output/auth/token.md.new"),
        project.path("output/auth/token.md"),
    )
    .unwrap();
    let fixed = stdout(&project.run(&["build"]));
    assert!(fixed.contains("wrote output/auth/token.md"), "{fixed}");
    assert!(fixed.contains("2 specs (1 rendered)"), "{fixed}");
    assert_eq!(project.read("output/auth/token.md"), page);

    // same size, other bytes, written in place: `build --full` compares every file
    project.write("output/auth/token.md", &page.replacen("Token", "Tokxn", 1));
    let fixed = stdout(&project.run(&["build", "--full"]));
    assert!(fixed.contains("wrote output/auth/token.md"), "{fixed}");
    assert_eq!(project.read("output/auth/token.md"), page);

    // a template is an input of every spec
    project.write(
        "templates/http.tera",
        "{{ request.method }} {{ request.url.request_target }}\n",
    );
    let all = stdout(&project.run(&["build"]));
    assert!(all.contains("2 specs (2 rendered)"), "{all}");
    assert!(
        all.contains("4 written, 20 unchanged"),
        "samples and pages: {all}"
    );

    // without the cache (a fresh clone), every spec is rendered and compared, nothing written
    std::fs::remove_file(project.path("output/.samplegen-cache")).unwrap();
    let fresh = stdout(&project.run(&["build"]));
    assert!(
        fresh.contains("2 specs (2 rendered), 24 files: 0 written"),
        "{fresh}"
    );
    let again = stdout(&project.run(&["build"]));
    assert!(again.contains("2 specs (0 rendered)"), "{again}");
}

#[test]
fn verify_passes_good_samples_and_names_the_difference_a_broken_template_makes() {
    // the raw HTTP sample needs nothing installed: verify sends it over a socket itself
    let project = TestProject::new();
    let good = project.run(&["verify", "--target", "http"]);
    let out = stdout(&good);
    assert!(good.status.success(), "{out}{}", stderr(&good));
    assert!(out.contains("2 passed, 0 failed"), "{out}");

    project.write(
        "templates/http.tera",
        "{{ request.method }} {{ request.url.request_target }} HTTP/1.1\nHost: {{ request.url.host_and_port }}\n",
    );
    let broken = project.run_failing(&["verify", "--target", "http"]);
    let out = stdout(&broken);
    assert!(
        out.contains("FAILED specs/auth/token.yaml [http]: header content-type: expected [\"application/x-www-form-urlencoded\"], not received"),
        "{out}"
    );
}

// Each sample waiting to run holds a listening socket: a project with more samples than the
// process may open files still verifies, in chunks (found with 994 imported public specs).
#[test]
fn verify_stays_within_the_open_file_limit() {
    let project = TestProject::new();
    for n in 0..200 {
        project.write(&format!("specs/many/users-{n}.yaml"), USERS_SPEC);
    }
    let output = Command::new("sh")
        .args(["-c", "ulimit -n 100 && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_samplegen"))
        .args(["verify", "--target", "http", "--fresh"])
        .current_dir(project.path(""))
        .env(
            "SAMPLEGEN_CACHE_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("verify-proofs"),
        )
        .output()
        .unwrap();
    let out = stdout(&output);
    assert!(output.status.success(), "{out}{}", stderr(&output));
    assert!(out.contains("202 passed, 0 failed"), "{out}");
}

#[test]
fn verify_reuses_what_an_earlier_run_proved_until_the_sample_or_spec_changes() {
    let project = TestProject::new();
    let first = stdout(&project.run(&["verify", "--target", "http"]));
    assert!(first.contains("2 passed, 0 failed"), "{first}");
    assert!(!first.contains("earlier run"), "{first}");
    let again = stdout(&project.run(&["verify", "--target", "http"]));
    assert!(
        again.contains("2 passed, 0 failed")
            && again.contains("2 of them proved by an earlier run"),
        "{again}"
    );
    // a changed spec is proved again, the other is still reused
    project.write(
        "specs/users/read-users.yaml",
        &USERS_SPEC.replace("GET", "DELETE"),
    );
    let changed = stdout(&project.run(&["verify", "--target", "http"]));
    assert!(
        changed.contains("1 of them proved by an earlier run"),
        "{changed}"
    );
    // a template that breaks the sample is never hidden by an earlier proof
    project.write(
        "templates/http.tera",
        "{{ request.method }} {{ request.url.request_target }} HTTP/1.1\nHost: {{ request.url.host_and_port }}\n",
    );
    let broken = stdout(&project.run_failing(&["verify", "--target", "http"]));
    assert!(
        broken.contains("FAILED specs/auth/token.yaml [http]"),
        "{broken}"
    );
    // --fresh runs everything
    std::fs::remove_file(project.path("templates/http.tera")).unwrap();
    let fresh = stdout(&project.run(&["verify", "--target", "http", "--fresh"]));
    assert!(
        fresh.contains("2 passed, 0 failed") && !fresh.contains("earlier run"),
        "{fresh}"
    );
}

// exit code 2 is for a command line that asks for the impossible, not for a bad input file
#[test]
fn a_malformed_import_input_exits_1_and_an_unknown_target_2() {
    let project = TestProject::new();
    project.write("broken.json", "{\"info\": ");
    let import = project.run_failing(&["import", "postman", "broken.json"]);
    assert!(
        stderr(&import).contains("error: broken.json: "),
        "{}",
        stderr(&import)
    );
    let unknown = project.run(&["render", "specs/auth/token.yaml", "--target", "cobol"]);
    assert_eq!(unknown.status.code(), Some(2), "{}", stderr(&unknown));
}

// a request no spec can hold is shown where the input has it: no spec file was written
#[test]
fn a_request_that_cannot_be_a_spec_is_shown_in_the_input() {
    let project = TestProject::new();
    project.write(
        "bad.json",
        "{\"info\": {\"name\": \"x\"},\n \"item\": [\n  {\"name\": \"ok\", \"request\": {\"method\": \"GET\", \"url\": \"https://e.com/a\"}},\n  {\"name\": \"r2\", \"request\": {\"method\": \"G ET\", \"url\": \"https://e.com/b\"}}\n ]\n}\n",
    );
    let import = project.run_failing(&["import", "postman", "bad.json", "--into", "specs/bad"]);
    let error = stderr(&import);
    assert!(
        error.contains("(the request `r2`: its spec is not written)\n --> bad.json:4:3"),
        "{error}"
    );
    assert!(project.path("specs/bad/ok.yaml").exists());
    assert!(!project.path("specs/bad/r2.yaml").exists());
}

// the notes grouped by kind with a count, each listed with --verbose, and one summary line
#[test]
fn import_groups_its_notes_by_kind_and_ends_with_a_summary() {
    let project = TestProject::new();
    project.write(
        "req.txt",
        "# from the browser\ncurl https://e.com/a -H 'Host: x' -H 'Connection: close' --compressed\ncurl https://e.com/b\n",
    );
    let output = project.run(&["import", "curl", "req.txt"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with("note: ")).collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with(
            "note: dropped-header: 2, the first line 2, word 2: header `Host` dropped"
        ) && lines[0].ends_with("(--verbose lists them)"),
        "{out}"
    );
    assert_eq!(
        out.lines().last(),
        Some(
            "samplegen import: 2 requests read, 2 specs written, 0 kept, 0 not representable; notes: 2 dropped-header, 1 ignored-option, 1 requests"
        ),
        "{out}"
    );
    let verbose = stdout(&project.run(&["import", "curl", "req.txt", "--force", "-v"]));
    assert!(
        verbose.contains("note: dropped-header: 2\n  line 2, word 2: header `Host` dropped")
            && verbose.contains("\n  line 2, word 4: header `Connection` dropped"),
        "{verbose}"
    );
}

/// A site's own Python httpx target, as a docs team would write it: the query as pairs, the
/// headers, the JSON body as a value.
const HTTPX_TEMPLATE: &str = r#"import httpx

response = httpx.request(
    {{ request.method | python_string }},
    {{ (request.url.base ~ request.url.path) | python_string }},
    params=[{% for item in request.url.query %}({{ item.name | python_string }}, {{ item.value | python_string }}), {% endfor %}],
    headers=[{% for header in request.headers %}({{ header.name | python_string }}, {{ header.value | python_string }}), {% endfor %}],
{%- if request.json_code %}
    json={{ request.json_body | python_json(prefix="    ", indent=4) }},
{%- elif request.body and request.body.mode == "urlencoded" %}
    content={{ request.body.fields | form_urlencoded | python_string }},
{%- elif request.body and request.body.mode == "raw" %}
    content={{ request.body.text | python_string }},
{%- endif %}
)
print(response.status_code)
"#;

#[test]
fn a_site_target_of_its_own_builds_and_passes_verify() {
    let project = TestProject::new();
    project.write(
        "samplegen.yaml",
        "targets:\n  - id: curl\n  - { id: my-httpx, label: HTTPX, fence: python, language: Python, client: Python with httpx, extension: py, run: \"python3 {file}\" }\n",
    );
    project.write("templates/my-httpx.tera", HTTPX_TEMPLATE);
    project.write(
        "specs/users/create-user.yaml",
        "title: Create User\nrequest:\n  method: POST\n  url: https://api.example.com/v1/users?notify=yes&source=docs\n  auth:\n    bearer: \"{{token}}\"\n  headers:\n    - Content-Type: application/json\n  body:\n    raw: '{\"name\": \"O''Brien\", \"roles\": [\"admin\", \"dev\"], \"active\": true}'\n",
    );
    let build = project.run(&["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let sample = project.read("output/users/create-user/my-httpx.py");
    assert!(
        sample.contains("params=[(\"notify\", \"yes\"), (\"source\", \"docs\"), ]"),
        "{sample}"
    );
    assert!(
        sample.contains("json={\n        \"name\": \"O'Brien\","),
        "{sample}"
    );
    assert!(
        project
            .read("output/users/create-user.md")
            .contains("* HTTPX")
    );
    let targets = stdout(&project.run(&["targets"]));
    assert!(
        targets.contains("my-httpx HTTPX    python       Python       Python with httpx"),
        "{targets}"
    );

    let has_httpx = Command::new("python3")
        .args(["-c", "import httpx"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_httpx {
        println!("SKIPPED: running the httpx samples needs Python's httpx (pip install httpx)");
        return;
    }
    let verify = project.run(&[
        "verify",
        "specs/users/create-user.yaml",
        "--target",
        "my-httpx",
    ]);
    assert!(
        verify.status.success(),
        "{}{}",
        stdout(&verify),
        stderr(&verify)
    );
    assert!(
        stdout(&verify).contains("1 passed, 0 failed"),
        "{}",
        stdout(&verify)
    );
}

#[test]
fn a_bad_site_target_is_a_located_error() {
    let project = TestProject::new();
    let cases = [
        (
            "targets:\n  - id: my-httpx\n",
            "a target of your own needs `extension`",
        ),
        (
            "targets:\n  - { id: my-httpx, extension: py, run: python3 }\n",
            "`run: python3` must say where the sample goes with `{file}`",
        ),
        (
            "targets:\n  - { id: my-httpx, extension: py }\n",
            "the template `my-httpx.tera` of target `my-httpx` is not in `templates`",
        ),
        (
            "targets:\n  - { id: curl, run: \"sh {file}\" }\n",
            "`curl` is a built-in target; `extension` and `run` are for a target of your own",
        ),
        (
            "component: x\nsecrets: 5\n",
            "secrets: expected a list of names (`[API_KEY]`), or a map",
        ),
    ];
    for (config, message) in cases {
        project.write("samplegen.yaml", config);
        let build = project.run_failing(&["build"]);
        let err = stderr(&build);
        assert!(err.contains(message), "{config}\n{err}");
        assert!(err.contains("samplegen.yaml:2:"), "{config}\n{err}");
    }
}

#[test]
fn an_unknown_context_field_names_the_fields_that_exist() {
    let project = TestProject::new();
    project.write("templates/go.tera", "x {{ request.urll.raw }}\n");
    let build = project.run_failing(&["build"]);
    let err = stderr(&build);
    assert!(
        err.contains(
            "Field `urll` is not defined. Available fields: auth, auth_style, basic_by_client, body"
        ),
        "{err}"
    );
    assert!(err.contains("go.tera:1:14"), "{err}");
}
// a file name became `page_id` unquoted (`a: b.yaml` broke the front matter, `x #y.yaml` cut
// it short), and a reason phrase went into the page as HTML
#[test]
fn names_and_reasons_are_written_into_the_page_as_text() {
    let project = TestProject::new();
    let spec = "title: T\nrequest: {method: GET, url: https://e.com/a}\nresponse:\n  status: \"200 <b>Fine</b> `x` # y\"\n  body: \"{}\"\n  lang: c++\n";
    project.write("specs/auth/a: b.yaml", spec);
    project.write("specs/auth/x #y.yaml", spec);
    for (file, page) in [("a: b", "a: b"), ("x #y", "x #y")] {
        let out = project.run(&["render", &format!("specs/auth/{file}.yaml")]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        let front = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---\n"))
            .map(|(front, _)| front)
            .unwrap_or_else(|| panic!("no front matter:\n{text}"));
        let yaml: serde_json::Value =
            samplegen::yaml::from_str(front).unwrap_or_else(|error| panic!("{error}\n{front}"));
        assert_eq!(
            yaml["page_id"].as_str(),
            Some(format!("pingone-api:auth:{page}").as_str()),
            "{front}"
        );
        assert_eq!(
            yaml["canonical_url"].as_str(),
            Some(
                format!("https://developer.pingidentity.com/pingone-api/auth/{page}.html").as_str()
            ),
            "{front}"
        );
        assert!(
            text.contains("\n200 \\<b>Fine\\</b> \\`x\\` # y\n\n```c++\n{}\n```"),
            "{text}"
        );
    }
}

/// Every base64 run of at least 8 characters in `text` that decodes to text holding a
/// placeholder: `{{`, or a shell variable's `$`.
fn base64_of_placeholders(text: &str) -> Vec<String> {
    use base64::Engine;
    let decode = |run: &str| {
        base64::engine::general_purpose::STANDARD
            .decode(run)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
    };
    text.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')))
        .filter(|run| run.len() >= 8)
        .filter(|run| decode(run).is_some_and(|t| t.contains("{{") || t.contains('$')))
        .map(str::to_string)
        .collect()
}

// issue 15's Stripe-like project: the base URL set at build time, the key read from the
// environment, auth through each client's own mechanism
#[test]
fn the_stripe_like_project_builds_samples_a_reader_can_run() {
    let project = TestProject {
        dir: tempfile::tempdir().unwrap(),
    };
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stripe-like");
    project.write(
        "samplegen.yaml",
        &fs::read_to_string(fixture.join("samplegen.yaml")).unwrap(),
    );
    for spec in [
        "charges/create",
        "customers/create",
        "customers/retrieve",
        "balance/retrieve",
    ] {
        project.write(
            &format!("specs/{spec}.yaml"),
            &fs::read_to_string(fixture.join(format!("specs/{spec}.yaml"))).unwrap(),
        );
    }
    let build = project.run(&["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let files: Vec<(PathBuf, String)> = project
        .output_tree()
        .into_iter()
        .filter(|(path, _)| !path.file_name().unwrap().to_str().unwrap().starts_with('.'))
        .map(|(path, (bytes, _))| (path, String::from_utf8(bytes).unwrap()))
        .collect();
    assert_eq!(files.len(), 4 * 17);
    for (path, text) in &files {
        assert!(!text.contains("{{baseUrl}}"), "{}", path.display());
        assert!(!text.contains("{{secretKey}}"), "{}", path.display());
        assert!(
            base64_of_placeholders(text).is_empty(),
            "{}: {:?}",
            path.display(),
            base64_of_placeholders(text)
        );
    }
    let curl = project.read("output/charges/create/curl.sh");
    assert!(curl.contains("--user \"${secretKey}:\""), "{curl}");
    assert!(!curl.contains("Authorization"), "{curl}");
    let http = project.read("output/charges/create/http.http");
    assert!(
        http.starts_with("POST /v1/charges HTTP/1.1\nHost: api.stripe.com\n"),
        "{http}"
    );
    let ruby = project.read("output/charges/create/ruby.rb");
    assert!(ruby.contains("https.use_ssl = true"), "{ruby}");
    assert!(
        ruby.contains("request.basic_auth(ENV.fetch(\"secretKey\"), \"\")"),
        "{ruby}"
    );
    // a spec's own values: its variables over the site's, its secret, its auth style
    let balance = project.read("output/balance/retrieve/python.py");
    assert!(
        balance.contains("'Stripe-Version': '2023-10-16'"),
        "{balance}"
    );
    assert!(
        balance.contains("auth=(os.environ[\"STRIPE_RESTRICTED_KEY\"], \"\")"),
        "{balance}"
    );
    // the page names the secret, never a value
    let page = project.read("output/customers/retrieve.md");
    assert!(page.contains("Bearer $secretKey"), "{page}");
    // a variable set inside a body
    let create = project.read("output/customers/create/curl.sh");
    assert!(create.contains("\"currency\": \"eur\""), "{create}");
}

#[test]
fn the_house_style_keeps_base64_of_its_placeholders() {
    // the control for the check above: without sample values, basic auth is the house header
    let project = TestProject::new();
    assert!(project.run(&["build"]).status.success());
    let http = project.read("output/auth/token/http.http");
    assert!(!base64_of_placeholders(&http).is_empty(), "{http}");
    assert!(http.contains("Host: {{authPath}}"), "{http}");
}

// Two APIs imported into one project, both with a `baseUrl`: each spec sends to its own.
#[test]
fn into_outside_the_specs_directory_is_refused_with_the_path_meant() {
    let project = TestProject::new();
    project.write("req.txt", "curl https://api.example.com/v1/items\n");
    let import = project.run(&["import", "curl", "req.txt", "--into", "pets"]);
    assert_eq!(import.status.code(), Some(2), "{}", stderr(&import));
    assert!(
        stderr(&import).contains("--into is a path from the project directory (--into specs/pets)"),
        "{}",
        stderr(&import)
    );
    assert!(!project.path("specs/pets").exists());
}

#[test]
fn a_second_inputs_value_of_a_variable_the_config_sets_goes_into_its_specs() {
    let project = TestProject::new();
    let collection = |name: &str, base: &str| {
        format!(
            r#"{{"info": {{"name": "{name}", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
                "variable": [{{"key": "baseUrl", "value": "{base}"}}],
                "item": [{{"name": "{name}", "request": {{"method": "GET", "url": "{{{{baseUrl}}}}/{name}"}}}}]}}"#
        )
    };
    project.write("a.json", &collection("a", "https://api.a.example"));
    project.write("b.json", &collection("b", "https://api.b.example"));
    for (file, into) in [("a.json", "specs/a"), ("b.json", "specs/b")] {
        let import = project.run(&["import", "postman", file, "--into", into]);
        assert!(import.status.success(), "{}", stderr(&import));
    }
    assert!(
        project
            .read("samplegen.yaml")
            .ends_with("variables:\n  baseUrl: https://api.a.example\n")
    );
    assert!(
        project
            .read("specs/b/b.yaml")
            .contains("variables:\n  baseUrl: https://api.b.example\n")
    );
    // a third input that gives the variable no value takes the file's, and is told so
    project.write(
        "c.json",
        r#"{"info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "c", "request": {"method": "GET", "url": "{{baseUrl}}/c"}}]}"#,
    );
    let import = project.run(&["import", "postman", "c.json", "--into", "specs/c"]);
    assert!(
        stdout(&import).contains(
            "samplegen.yaml: the input gives {{baseUrl}} no value; its specs take this file's: https://api.a.example"
        ),
        "{}",
        stdout(&import)
    );
    assert!(project.run(&["build"]).status.success());
    assert!(
        project
            .read("output/a/a/curl.sh")
            .contains("'https://api.a.example/a'")
    );
    assert!(
        project
            .read("output/b/b/curl.sh")
            .contains("'https://api.b.example/b'")
    );
}

#[test]
fn a_postman_collections_variables_join_the_site_config_without_replacing_its_own() {
    let project = TestProject::new();
    project.write(
        "samplegen.yaml",
        "# my site\nvariables:\n  authPath: https://auth.example.com\n",
    );
    project.write(
        "collection.json",
        r#"{"info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "variable": [
              {"key": "apiBase", "value": "https://api.example.com/v2"},
              {"key": "authPath", "value": "https://theirs.example.com"},
              {"key": "unset", "value": ""},
              {"key": "scriptOnly", "value": "set by a test script"}
            ],
            "item": [{"name": "Things", "request": {"method": "GET", "url": "{{apiBase}}/things",
              "header": [{"key": "X-Trace", "value": "{{unset}}"}, {"key": "X-Auth", "value": "{{authPath}}"}]}},
              {"name": "Stream", "request": {"method": "POST", "url": "grpc://{{scriptOnly}}/svc.Stream/Open"}}]}"#,
    );
    let import = project.run(&["import", "postman", "collection.json", "--into", "specs/c"]);
    let out = stdout(&import);
    assert!(
        out.contains("samplegen.yaml: variables set from the import: apiBase, unset"),
        "{out}"
    );
    // the config's own value of `authPath` stays; the specs that write it send the input's
    assert!(
        out.contains("samplegen.yaml: sets authPath to another value; the 1 imported specs"),
        "{out}"
    );
    // `scriptOnly` only the gRPC request, which no spec can be, writes: it sets nothing
    assert!(
        out.contains(
            "samplegen.yaml: not set from the import, since no imported spec writes them: scriptOnly"
        ),
        "{out}"
    );
    let config = project.read("samplegen.yaml");
    assert_eq!(
        config,
        // an empty value is one Postman sends as nothing
        "# my site\nvariables:\n  apiBase: https://api.example.com/v2\n  unset: \"\"\n  authPath: https://auth.example.com\n"
    );
    assert!(
        project
            .read("specs/c/things.yaml")
            .contains("variables:\n  authPath: https://theirs.example.com\n"),
        "{}",
        project.read("specs/c/things.yaml")
    );
    assert!(project.run(&["build"]).status.success());
    let http = project.read("output/c/things/http.http");
    assert!(
        http.starts_with("GET /v2/things HTTP/1.1\nHost: api.example.com\n"),
        "{http}"
    );
}

// API Platform's generated collections set `baseUrl: /`, for the reader to replace: with it,
// every `{{baseUrl}}/books` would be no URL, so it is not set, and the other variables are
#[test]
fn a_collection_variable_that_would_break_the_specs_is_not_set() {
    let project = TestProject::new();
    project.write(
        "collection.json",
        r#"{"info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "variable": [
              {"key": "baseUrl", "value": "/"},
              {"key": "token", "value": "abc"}
            ],
            "item": [{"name": "Books", "request": {"method": "GET", "url": "{{baseUrl}}/books",
              "header": [{"key": "X-Token", "value": "{{token}}"}]}}]}"#,
    );
    project.write("samplegen.yaml", "# my site\nvariables:\n  keep: '1'\n");
    let import = project.run(&["import", "postman", "collection.json", "--into", "specs/c"]);
    assert!(import.status.success(), "{}", stderr(&import));
    let out = stdout(&import);
    assert!(
        out.contains("samplegen.yaml: variables set from the import: token"),
        "{out}"
    );
    assert!(
        out.contains("samplegen.yaml: not set: with baseUrl set, the project would not build (error: request.url: `//books` is not a URL"),
        "{out}"
    );
    let config = project.read("samplegen.yaml");
    assert_eq!(config, "# my site\nvariables:\n  token: abc\n  keep: '1'\n");
    assert!(project.run(&["build"]).status.success());
}

#[test]
fn a_batch_of_samples_run_in_one_interpreter_still_judges_each_sample_alone() {
    let ready = Command::new("python3")
        .args(["-c", "import requests"])
        .status()
        .is_ok_and(|s| s.success());
    if !ready {
        eprintln!("skipped: python3 with requests is not installed");
        return;
    }
    let project = TestProject::new();
    project.write(
        "specs/users/delete-user.yaml",
        &USERS_SPEC.replace("GET", "DELETE"),
    );
    // a template that always sends a bare GET: each spec's sample misses something else, and
    // each is judged by what its own server received, though all ran in one interpreter
    project.write(
        "templates/python.tera",
        "import requests\n\nrequests.request(\"GET\", {{ request.url.raw | python_string }})\n",
    );
    let out = project.run_failing(&["verify", "--target", "python", "--fresh"]);
    let out = stdout(&out);
    for difference in [
        "FAILED specs/auth/token.yaml [python]: method: expected POST, received GET",
        "FAILED specs/users/delete-user.yaml [python]: method: expected DELETE, received GET",
        "FAILED specs/users/read-users.yaml [python]: header authorization: expected",
    ] {
        assert!(out.contains(difference), "{out}");
    }
}

/// Every file below `dir`, sorted.
fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk_files(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Starts `samplegen watch` in `project` (its errors kept for the test when `keep_errors`), and a
/// reader of its output lines: `until(wanted)` returns the lines up to the first containing
/// `wanted`.
fn watch(
    project: &TestProject,
    keep_errors: bool,
) -> (std::process::Child, impl Fn(&str) -> Vec<String>) {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    use std::sync::mpsc;
    use std::time::Duration;

    let mut child = Command::new(env!("CARGO_BIN_EXE_samplegen"))
        .arg("watch")
        .current_dir(project.dir.path())
        .stdout(Stdio::piped())
        .stderr(if keep_errors {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .spawn()
        .unwrap();
    let (lines, received) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let until = move |wanted: &str| -> Vec<String> {
        let mut seen = Vec::new();
        while let Ok(line) = received.recv_timeout(Duration::from_secs(20)) {
            let done = line.contains(wanted);
            seen.push(line);
            if done {
                return seen;
            }
        }
        panic!("no line with {wanted:?} in {seen:#?}");
    };
    (child, until)
}

/// Whether the node harnesses can run here (`node` and `npm ci` in `tests/support/node`); if
/// not, says so plainly.
fn node_harnesses_ready(test: &str) -> bool {
    let modules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/node/node_modules");
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node || !modules.is_dir() {
        println!("SKIPPED: {test} needs `node` and `npm ci` in tests/support/node");
    }
    node && modules.is_dir()
}

#[test]
fn node_samples_run_in_one_process_each_alone_with_its_own_secrets() {
    if !node_harnesses_ready("running fetch samples in one node process") {
        return;
    }
    let project = TestProject::new();
    fs::remove_dir_all(project.path("specs")).unwrap();
    for (name, method, secret) in [
        ("a-get", "GET", "A"),
        ("b-throws", "DELETE", "B"),
        ("c-hangs", "PUT", "C"),
        ("d-get", "GET", "D"),
    ] {
        project.write(
            &format!("specs/batch/{name}.yaml"),
            &format!(
                "title: {name}\nsecrets: {{key{secret}: TEST_KEY_{secret}}}\nrequest:\n  method: {method}\n  url: https://api.example.com/{name}\n  headers:\n    - X-Key: \"{{{{key{secret}}}}}\"\n"
            ),
        );
    }
    // every sample checks that no other sample's global or secret reaches it; one throws, one
    // never ends, and only those two fail
    project.write(
        "templates/fetch.tera",
        r#"{% if request.method == "DELETE" %}throw new Error("this sample throws");
{% elif request.method == "PUT" %}setInterval(() => {}, 1000);
{% endif %}if (globalThis.leftBehind !== undefined) {
  throw new Error("a global another sample left");
}
globalThis.leftBehind = 1;
if (Object.keys(process.env).filter((name) => name.startsWith("TEST_KEY_")).length !== 1) {
  throw new Error("another sample's secret is set");
}
fetch({{ request.url.strict | js_string }}, { method: {{ request.method | js_string }}, headers: { "X-Key": {{ request.headers[0].value | js_string }} } })
  .then((response) => response.text())
  .then((text) => console.log(text));
"#,
    );
    let out = Command::new(env!("CARGO_BIN_EXE_samplegen"))
        .args(["verify", "--target", "fetch", "--fresh"])
        .current_dir(project.path(""))
        .env(
            "SAMPLEGEN_CACHE_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("verify-proofs"),
        )
        // how long the harness waits for the sample that never ends
        .env("SAMPLEGEN_TIMEOUT_MS", "1500")
        .output()
        .unwrap();
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{report}{}", stderr(&out));
    for (spec, outcome) in [
        ("a-get", "ok"),
        ("b-throws", "FAILED"),
        ("c-hangs", "FAILED"),
        ("d-get", "ok"),
    ] {
        let row = format!("specs/batch/{spec}.yaml ");
        assert!(
            report
                .lines()
                .any(|line| line.starts_with(&row) && line.ends_with(outcome)),
            "{spec}: {outcome}\n{report}"
        );
    }
    for why in [
        "FAILED specs/batch/b-throws.yaml [fetch]: no request arrived\nrun-node: the sample threw: Error: this sample throws",
        "FAILED specs/batch/c-hangs.yaml [fetch]: sent the request, then failed: run-node: timed out after 1500 ms waiting for the sample to end",
    ] {
        assert!(report.contains(why), "{why}\n{report}");
    }
}

#[test]
fn browser_samples_send_non_ascii_basic_credentials_as_utf_8() {
    if !node_harnesses_ready("running the jQuery, XHR and fetch samples") {
        return;
    }
    let project = TestProject::new();
    project.write("samplegen.yaml", "auth_style: idiomatic\n");
    // `btoa` alone would throw on ✓ and send ë, ä and ö as Latin-1
    project.write(
        "specs/auth/log-in.yaml",
        "title: Log In\nrequest:\n  method: GET\n  url: https://api.example.com/session\n  auth:\n    basic:\n      username: \"zoë\"\n      password: \"pässwörd ✓\"\n",
    );
    let verify = project.run(&[
        "verify",
        "specs/auth/log-in.yaml",
        "--target",
        "jquery",
        "--target",
        "xhr",
        "--target",
        "fetch",
        "--fresh",
    ]);
    assert!(
        stdout(&verify).contains("3 passed, 0 failed"),
        "{}{}",
        stdout(&verify),
        stderr(&verify)
    );
    let build = project.run(&["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(
        project.read("output/auth/log-in/jquery.js").contains(
            r#""Authorization": "Basic " + btoa(String.fromCharCode(...new TextEncoder().encode("zoë" + ":" + "pässwörd ✓")))"#
        ),
        "{}",
        project.read("output/auth/log-in/jquery.js")
    );
}

// Postman wrote v1 collections until 2017; many projects still keep theirs
#[test]
fn a_postman_v1_collection_imports_builds_and_its_notes_point_into_it() {
    let project = TestProject::new();
    project.write(
        "old.postman_collection",
        r#"{"id": "c1", "name": "Old", "order": [], "folders": [{"id": "f1", "name": "Users", "order": ["r1"]}],
            "requests": [{"id": "r1", "name": "Create user", "method": "POST", "folder": "f1",
              "url": "https://api.example.com/users", "headers": "Content-Type: application/json\nHost: api.example.com\n",
              "dataMode": "raw", "rawModeData": "{\"name\": \"Ann\"}",
              "currentHelper": "basicAuth", "helperAttributes": {"username": "u", "password": "p"}}]}"#,
    );
    let import = project.run(&[
        "import",
        "postman",
        "old.postman_collection",
        "--into",
        "specs/old",
    ]);
    assert!(import.status.success(), "{}", stderr(&import));
    let out = stdout(&import) + &stderr(&import);
    assert!(
        out.contains("wrote specs/old/users/create-user.yaml"),
        "{out}"
    );
    assert!(
        out.contains("/requests/0/headers: header `Host` dropped"),
        "{out}"
    );
    assert!(project.run(&["build"]).status.success());
    let curl = project.read("output/old/users/create-user/curl.sh");
    assert!(
        curl.contains("--header 'Authorization: Basic dTpw'"),
        "{curl}"
    );
    assert!(curl.contains(r#"--data '{"name": "Ann"}'"#), "{curl}");
}
