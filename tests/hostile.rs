//! The hostile-input corpus: a docs repository built in CI is untrusted, so each case plants
//! what a pull request could (links, FIFOs, huge files, colliding names, a held lock) in a
//! throwaway project and states what must come of it: the exit code, what is and is not printed,
//! and that nothing outside the project was read into the output or written.
//!
//! Links and FIFOs are made at run time, not committed. `SAMPLEGEN_HOSTILE_BIN` runs the corpus
//! against another samplegen binary (an older release, say).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SPEC: &str = "\
title: Token
request:
  method: POST
  url: \"{{authPath}}/{{envID}}/as/token\"
  headers:
    - Content-Type: application/x-www-form-urlencoded
  body:
    urlencoded:
      - grant_type: client_credentials
";

const OTHER: &str = "\
title: Read Users
request:
  method: GET
  url: https://api.example.com/v1/users
";

/// What the CI job must never show or lose.
const SECRET: &str = "SECRET_TOKEN=hunter2\n";
const PRECIOUS: &str = "precious, not samplegen's\n";

/// A throwaway directory holding the project (`proj/`) and, beside it, what lies outside:
/// `victim` (must stay as it is), `secret` (must never be printed or copied into output),
/// `elsewhere/` (must stay empty).
struct Scene {
    base: tempfile::TempDir,
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Scene {
    fn new() -> Scene {
        let scene = Scene {
            base: tempfile::tempdir().unwrap(),
        };
        scene.write("victim", PRECIOUS);
        scene.write("secret", SECRET);
        fs::create_dir(scene.at("elsewhere")).unwrap();
        scene.write("proj/specs/auth/token.yaml", SPEC);
        scene.write("proj/specs/users/read.yaml", OTHER);
        scene
    }

    /// A path below the base directory.
    fn at(&self, relative: &str) -> PathBuf {
        self.base.path().join(relative)
    }

    fn write(&self, relative: &str, contents: &str) {
        let path = self.at(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }

    /// Makes `relative` a symbolic link to `target`.
    fn link(&self, target: impl AsRef<Path>, relative: &str) {
        let path = self.at(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = fs::remove_file(&path);
        let _ = fs::remove_dir_all(&path);
        std::os::unix::fs::symlink(target, path).unwrap();
    }

    /// Runs samplegen in `proj/` with `args`, failing the test if it does not end within 30 s
    /// (a read that blocks or never ends).
    fn run(&self, args: &[&str]) -> Run {
        self.run_in(&self.at("proj"), args, &[])
    }

    fn run_in(&self, dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Run {
        let bin = std::env::var_os("SAMPLEGEN_HOSTILE_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_samplegen")));
        let out = self.at("stdout.txt");
        let err = self.at("stderr.txt");
        let mut command = Command::new(bin);
        command
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(fs::File::create(&out).unwrap())
            .stderr(fs::File::create(&err).unwrap())
            // verify's record of what it proved, kept in the scene
            .env("SAMPLEGEN_CACHE_DIR", self.at("verify-proofs"));
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().unwrap();
        let started = Instant::now();
        let code = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status.code();
            }
            if started.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("samplegen {args:?} did not finish within 30 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        Run {
            code,
            stdout: fs::read_to_string(out).unwrap_or_default(),
            stderr: fs::read_to_string(err).unwrap_or_default(),
        }
    }

    /// Nothing outside the project was written, and the secret is nowhere below `output/`.
    fn assert_outside_untouched(&self) {
        assert_eq!(fs::read_to_string(self.at("victim")).unwrap(), PRECIOUS);
        assert_eq!(fs::read_to_string(self.at("secret")).unwrap(), SECRET);
        let planted: Vec<_> = fs::read_dir(self.at("elsewhere"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert!(
            planted.is_empty(),
            "written outside the project: {planted:?}"
        );
        let mut stack = vec![self.at("proj/output")];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries {
                let entry = entry.unwrap();
                let kind = entry.file_type().unwrap();
                if kind.is_dir() {
                    stack.push(entry.path());
                } else if kind.is_file() {
                    let text = fs::read(entry.path()).unwrap();
                    assert!(
                        !String::from_utf8_lossy(&text).contains("hunter2"),
                        "{} holds the secret",
                        entry.path().display()
                    );
                }
            }
        }
    }
}

impl Run {
    fn expect(&self, code: i32, wanted: &[&str]) -> &Run {
        let all = format!("{}{}", self.stdout, self.stderr);
        assert_eq!(self.code, Some(code), "{all}");
        for text in wanted {
            assert!(all.contains(text), "wanted {text:?} in:\n{all}");
        }
        assert!(!all.contains("hunter2"), "the secret was printed:\n{all}");
        self
    }
}

/// Builds the project once, cleanly.
fn built() -> Scene {
    let scene = Scene::new();
    scene.run(&["build"]).expect(0, &[]);
    scene
}

// ---- item 1: samplegen's own files in output/ are never written or read through a link ----

#[test]
fn a_linked_build_marker_is_refused_and_its_target_kept() {
    let scene = Scene::new();
    scene.link("../../victim", "proj/output/.samplegen-building");
    scene.run(&["build"]).expect(
        1,
        &["`output/.samplegen-building` is a symbolic link; samplegen never follows links in `output`"],
    );
    scene.assert_outside_untouched();
}

#[test]
fn a_linked_manifest_is_refused_even_to_an_endless_device() {
    let scene = built();
    scene.link("../../victim", "proj/output/.samplegen-manifest");
    scene
        .run(&["build"])
        .expect(1, &["`output/.samplegen-manifest` is a symbolic link"]);
    scene.link("/dev/zero", "proj/output/.samplegen-manifest");
    scene
        .run(&["build"])
        .expect(1, &["`output/.samplegen-manifest` is a symbolic link"]);
    scene
        .run(&["check"])
        .expect(1, &["`output/.samplegen-manifest` is a symbolic link"]);
    scene.assert_outside_untouched();
}

#[test]
fn a_linked_cache_is_ignored_never_read_or_written_through() {
    let scene = built();
    scene.link("/dev/zero", "proj/output/.samplegen-cache");
    scene.run(&["build"]).expect(0, &["2 specs"]);
    scene.link("../../victim", "proj/output/.samplegen-cache");
    scene.run(&["build"]).expect(0, &["2 specs"]);
    scene.assert_outside_untouched();
}

// ---- item 2: temporaries are created exclusively under unguessable names ----

#[test]
fn links_planted_at_the_old_predictable_temporary_names_are_not_followed() {
    let scene = Scene::new();
    // the process ids the next build will most likely get
    let probe = Command::new("true").spawn().unwrap();
    let next = probe.id();
    let mut probe = probe;
    probe.wait().unwrap();
    for pid in next..next + 300 {
        scene.link(
            "../../../../victim",
            &format!("proj/output/auth/token/.curl.sh.{pid}.samplegen.tmp"),
        );
    }
    scene.run(&["build"]).expect(0, &["2 specs"]);
    scene.assert_outside_untouched();
    let sample = scene.at("proj/output/auth/token/curl.sh");
    assert!(fs::symlink_metadata(&sample).unwrap().is_file());
    assert!(
        fs::read_to_string(sample)
            .unwrap()
            .starts_with("curl --location")
    );
}

#[test]
fn a_linked_directory_in_output_fails_its_spec_and_the_rest_is_built() {
    let scene = Scene::new();
    // inside the project, and outside it: neither is followed
    scene.link("../elsewhere-in-project", "proj/output/auth");
    fs::create_dir(scene.at("proj/elsewhere-in-project")).unwrap();
    scene.link("../../elsewhere", "proj/output/users");
    let run = scene.run(&["build"]);
    run.expect(
        1,
        &[
            "cannot write `output/auth/token",
            "`output/auth` is a symbolic link; samplegen never follows links in `output`",
            " --> specs/auth/token.yaml",
            "`output/users` is a symbolic link",
            " --> specs/users/read.yaml",
            "samplegen: 0 specs (0 rendered, 2 failed)",
            "2 spec(s) failed",
        ],
    );
    assert!(
        fs::read_dir(scene.at("proj/elsewhere-in-project"))
            .unwrap()
            .next()
            .is_none()
    );
    scene.assert_outside_untouched();
    // the manifest is still written, and once the link is gone the next build succeeds
    assert!(scene.at("proj/output/.samplegen-manifest").is_file());
    fs::remove_file(scene.at("proj/output/auth")).unwrap();
    fs::remove_file(scene.at("proj/output/users")).unwrap();
    scene.run(&["build"]).expect(0, &["2 specs (2 rendered)"]);
}

#[test]
fn a_link_at_an_output_file_is_refused_not_written_through() {
    let scene = built();
    scene.link("../../../../victim", "proj/output/auth/token/go.go");
    scene.run(&["build"]).expect(
        1,
        &[
            "`output/auth/token/go.go` is a symbolic link",
            " --> specs/auth/token.yaml",
        ],
    );
    scene.assert_outside_untouched();
}

// ---- item 4: check never reads through a link ----

#[test]
fn check_reports_a_link_in_output_and_never_shows_its_target() {
    let scene = built();
    scene.link("../../../../secret", "proj/output/auth/token/go.go");
    scene.link("/proc/self/environ", "proj/output/users/read/curl.sh");
    scene.run(&["check"]).expect(
        1,
        &[
            "output/auth/token/go.go is a symbolic link or below one; samplegen never follows links in the output directory",
            "output/users/read/curl.sh is a symbolic link",
        ],
    );
    let run = scene.run_in(
        &scene.at("proj"),
        &["check"],
        &[("SAMPLEGEN_CANARY", Path::new("hunter2"))],
    );
    run.expect(1, &[]);
}

// ---- item 5: confinement on resolved paths ----

#[test]
fn import_into_a_path_that_climbs_out_of_specs_is_refused() {
    let scene = Scene::new();
    scene.write("proj/req.txt", "curl https://api.example.com/v1/items\n");
    let run = scene.run(&[
        "import",
        "curl",
        "req.txt",
        "--into",
        "specs/../../elsewhere",
    ]);
    assert_ne!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("leads outside `specs`"),
        "{}",
        run.stderr
    );
    scene.assert_outside_untouched();
}

#[test]
fn import_through_a_directory_link_below_specs_is_refused() {
    let scene = Scene::new();
    scene.write("proj/req.txt", "curl https://api.example.com/v1/items\n");
    scene.link("../../elsewhere", "proj/specs/linked");
    let run = scene.run(&["import", "curl", "req.txt", "--into", "specs/linked/api"]);
    assert_ne!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("`specs/linked` is a symbolic link"),
        "{}",
        run.stderr
    );
    scene.assert_outside_untouched();
    // a plain directory works
    scene
        .run(&["import", "curl", "req.txt", "--into", "specs/plain"])
        .expect(0, &["wrote specs/plain/"]);
}

#[test]
fn an_output_directory_that_is_a_link_is_refused() {
    let scene = Scene::new();
    scene.link("../elsewhere", "proj/output");
    scene.run(&["build"]).expect(
        1,
        &["`output` is a symbolic link; samplegen reaches this directory through no link"],
    );
    scene
        .run(&["check"])
        .expect(1, &["`output` is a symbolic link"]);
    scene.assert_outside_untouched();
}

#[test]
fn a_config_that_points_outside_the_project_is_refused() {
    for (config, at) in [
        ("output: ../elsewhere\n", "samplegen.yaml:1:9"),
        ("specs: ../elsewhere\n", "samplegen.yaml:1:8"),
        ("component: x\ntemplates: /etc\n", "samplegen.yaml:2:12"),
    ] {
        let scene = Scene::new();
        scene.write("proj/samplegen.yaml", config);
        // said where the config names the directory
        scene.run(&["build"]).expect(1, &["leads outside", at]);
        scene.assert_outside_untouched();
    }
}

// a template that fails on one spec fails that spec: the others are built and recorded, the
// build ends with its summary and releases its marker, and a spec added in that build is
// recorded, so that its files go when it does
#[test]
fn a_template_that_fails_on_one_spec_fails_that_spec_only() {
    let scene = built();
    scene.write(
        "proj/templates/curl.tera",
        "{% if \"api.example.com\" in request.url.raw %}{{ throw(message=\"boom\") }}{% endif %}{% include \"builtin/curl.tera\" %}",
    );
    scene.write(
        "proj/specs/new/n.yaml",
        "title: New\nrequest:\n  method: GET\n  url: https://new.example.org/\n",
    );
    scene
        .run(&["build"])
        .expect(1, &["boom", "specs/users/read.yaml", "1 spec(s) failed"]);
    assert!(scene.at("proj/output/new/n/curl.sh").exists());
    assert!(!scene.at("proj/output/.samplegen-building").exists());
    let manifest = fs::read_to_string(scene.at("proj/output/.samplegen-manifest")).unwrap();
    assert!(manifest.contains("specs/new/n.yaml"), "{manifest}");
    fs::remove_dir_all(scene.at("proj/specs/new")).unwrap();
    fs::remove_dir_all(scene.at("proj/templates")).unwrap();
    scene
        .run(&["build"])
        .expect(0, &["removed output/new/n/curl.sh"]);
    scene.run(&["check"]).expect(0, &["in sync"]);
}

// a hand-edited output file's escape sequences, and an input's in import notes, are shown
// escaped, never run by the terminal of the CI log
#[test]
fn check_diffs_and_import_notes_show_control_characters_escaped() {
    let scene = built();
    scene.write(
        "proj/output/users/read/curl.sh",
        "curl \u{1b}]0;PWNED\u{7}\u{1b}[2J\rall files in sync\n",
    );
    let check = scene.run(&["check"]);
    check.expect(1, &["\\u{1b}]0;PWNED\\u{7}"]);
    assert!(!check.stdout.contains('\u{1b}') && !check.stderr.contains('\u{1b}'));
    scene.write("proj/in.sh", "curl -X 'BAD\u{1b}[2J' https://e.com/a\n");
    let import = scene.run(&["import", "curl", "in.sh", "--into", "specs/in"]);
    assert!(
        !import.stdout.contains('\u{1b}') && !import.stderr.contains('\u{1b}'),
        "{}{}",
        import.stdout,
        import.stderr
    );
}

// the output directory's manifest is the pull request's: a directory that is the project's or
// holds its specs, templates or `.git` would let it name any of them for removal
#[test]
fn an_output_directory_that_is_not_one_of_its_own_is_refused() {
    for config in [
        "output: .\n",
        "output: ''\n",
        "output: .git\n",
        "output: .git/x\n",
        "output: specs\n",
        "output: templates\n",
        "output: docs\ntemplates: docs/templates\n",
    ] {
        let scene = Scene::new();
        scene.write("proj/samplegen.yaml", config);
        scene.write(
            "proj/.samplegen-manifest",
            "specs/auth/token.yaml\tsamplegen.yaml\n",
        );
        scene.run(&["build"]).expect(
            1,
            &["must be a directory of its own below the project directory"],
        );
        assert!(scene.at("proj/samplegen.yaml").exists(), "{config}");
        scene.assert_outside_untouched();
    }
}

#[test]
fn a_specs_directory_linked_from_outside_is_refused() {
    let scene = Scene::new();
    scene.write("elsewhere-specs/auth/leak.yaml", SPEC);
    fs::remove_dir_all(scene.at("proj/specs")).unwrap();
    scene.link("../elsewhere-specs", "proj/specs");
    scene.run(&["build"]).expect(1, &["`specs` leads outside"]);
    assert!(!scene.at("proj/output/auth/leak.md").exists());
}

// ---- item 6: reads only regular files, within limits ----

#[test]
fn a_config_or_template_linked_to_a_secret_is_refused_without_showing_it() {
    let scene = Scene::new();
    scene.link("../secret", "proj/samplegen.yaml");
    scene
        .run(&["build"])
        .expect(1, &["the config is a link to a file outside the project"]);
    fs::remove_file(scene.at("proj/samplegen.yaml")).unwrap();
    scene.link("/proc/self/environ", "proj/samplegen.yaml");
    scene.run(&["check"]).expect(1, &["samplegen.yaml"]);
    fs::remove_file(scene.at("proj/samplegen.yaml")).unwrap();

    scene.link("../../secret", "proj/templates/curl.tera");
    scene.run(&["build"]).expect(
        1,
        &[
            "is a symbolic link; templates are read only from files in the project",
            "templates/curl.tera",
        ],
    );
    scene.assert_outside_untouched();
}

#[test]
fn a_fifo_spec_fails_fast_and_the_rest_is_built() {
    let scene = Scene::new();
    let fifo = scene.at("proj/specs/users/fifo.yaml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    scene.run(&["build"]).expect(
        1,
        &[
            "this spec is not a regular file",
            " --> specs/users/fifo.yaml",
            "samplegen: 2 specs (2 rendered, 1 failed)",
        ],
    );
    scene
        .run(&["check"])
        .expect(1, &["this spec is not a regular file"]);
    // a FIFO in output/ is not read either
    fs::remove_file(&fifo).unwrap();
    fs::remove_file(scene.at("proj/output/auth/token/go.go")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(scene.at("proj/output/auth/token/go.go"))
            .status()
            .unwrap()
            .success()
    );
    scene.run(&["check"]).expect(
        1,
        &["output/auth/token/go.go is not a regular file samplegen reads"],
    );
    scene
        .run(&["build"])
        .expect(0, &["wrote output/auth/token/go.go"]);
}

#[test]
fn a_huge_spec_is_refused_with_the_limit() {
    let scene = Scene::new();
    let huge = format!("{SPEC}prose: |\n{}", "  x\n".repeat(300_000));
    scene.write("proj/specs/users/huge.yaml", &huge);
    scene.run(&["build"]).expect(
        1,
        &[
            "this spec is larger than the 1 MiB samplegen reads",
            " --> specs/users/huge.yaml",
        ],
    );
}

#[test]
fn a_spec_link_inside_specs_is_followed_and_one_leading_out_is_refused() {
    let scene = Scene::new();
    scene.link("../auth/token.yaml", "proj/specs/users/token-again.yaml");
    scene.link("../../../secret", "proj/specs/users/secret.yaml");
    scene.run(&["build"]).expect(
        1,
        &[
            "this spec is a link to a file outside the specs directory",
            " --> specs/users/secret.yaml",
            "samplegen: 3 specs (3 rendered, 1 failed)",
        ],
    );
    assert!(scene.at("proj/output/users/token-again.md").is_file());
    scene.assert_outside_untouched();
    // named on the command line, the link is refused alike, and nothing of it is shown
    for command in ["render", "verify"] {
        let run = scene.run(&[command, "specs/users/secret.yaml"]);
        run.expect(1, &["leads outside `specs`"]);
        assert!(!run.stderr.contains(SECRET.trim()), "{}", run.stderr);
    }
    scene.link("../../outside-dir", "proj/specs/elsewhere");
    std::fs::create_dir_all(scene.at("outside-dir")).unwrap();
    std::fs::write(
        scene.at("outside-dir/s.yaml"),
        "request:\n  method: GET\n  url: https://e.com/x\n",
    )
    .unwrap();
    scene
        .run(&["render", "specs/elsewhere/s.yaml"])
        .expect(1, &["leads outside `specs`"]);
}

// ---- item 7: located errors, the rest built; the lock; -C; upper-case extensions ----

#[test]
fn colliding_output_paths_fail_both_specs_and_the_rest_is_built() {
    let scene = Scene::new();
    scene.write("proj/specs/auth/token.md.yaml", OTHER);
    for _ in 0..2 {
        scene.run(&["build"]).expect(
            1,
            &[
                " --> specs/auth/token.md.yaml",
                " --> specs/auth/token.yaml",
                "need the same path, one as a file and the other as a directory",
                "samplegen: 1 specs (",
                "2 spec(s) failed",
            ],
        );
        assert!(scene.at("proj/output/.samplegen-manifest").is_file());
        assert!(scene.at("proj/output/users/read.md").is_file());
    }
}

#[test]
fn a_sample_written_where_another_spec_writes_its_page_fails_both() {
    // a target of the site's own writing Markdown: `auth/token/notes.MD` is the page of
    // `auth/token/Notes.yaml` on a file system that ignores case
    let scene = Scene::new();
    scene.write("proj/templates/notes.tera", "{{ request.method }}\n");
    scene.write(
        "proj/samplegen.yaml",
        "targets:\n  - id: curl\n  - { id: notes, extension: MD }\n",
    );
    scene.write("proj/specs/auth/token/Notes.yaml", OTHER);
    for command in ["build", "check"] {
        scene.run(&[command]).expect(
            1,
            &[
                "this spec's `notes` sample and the page of `specs/auth/token/Notes.yaml` are the same file",
                " --> specs/auth/token.yaml",
                "this spec's page and the `notes` sample of `specs/auth/token.yaml` are the same file",
                " --> specs/auth/token/Notes.yaml",
            ],
        );
    }
    assert!(scene.at("proj/output/users/read.md").is_file());
    assert!(scene.at("proj/output/users/read/notes.MD").is_file());
    assert!(!scene.at("proj/output/auth").exists());
}

#[test]
fn a_second_build_is_told_another_is_running_and_a_dead_ones_lock_is_taken_over() {
    use std::io::Write;
    let scene = built();
    let marker = scene.at("proj/output/.samplegen-building");
    let mut held = fs::File::create(&marker).unwrap();
    write!(held, "{}", std::process::id()).unwrap();
    held.lock().unwrap();
    scene.run(&["build"]).expect(
        1,
        &[&format!(
            "another build is running (pid {})",
            std::process::id()
        )],
    );
    drop(held);
    // unlocked: the build that left it is gone (killed): its leftovers are cleaned up
    scene.write("proj/output/auth/.token.md.1234.samplegen.tmp", "half");
    scene.run(&["build"]).expect(0, &["2 specs"]);
    assert!(!marker.exists());
    assert!(
        !scene
            .at("proj/output/auth/.token.md.1234.samplegen.tmp")
            .exists()
    );
}

#[test]
fn concurrent_builds_never_fail_with_a_bare_io_error() {
    let scene = Scene::new();
    for i in 0..150 {
        scene.write(
            &format!("proj/specs/bulk/page-{i:03}.yaml"),
            &OTHER.replace("Read Users", &format!("Read Users {i}")),
        );
    }
    let bin = std::env::var_os("SAMPLEGEN_HOSTILE_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_samplegen")));
    let children: Vec<_> = (0..3)
        .map(|_| {
            Command::new(&bin)
                .arg("build")
                .current_dir(scene.at("proj"))
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        // the holder's pid is named when it is read within half a second: on a loaded machine
        // the holder may not have written it yet, and the message says so without it
        assert!(
            output.status.success() || err.contains("another build is running"),
            "{err}"
        );
    }
    scene.run(&["check"]).expect(0, &[]);
}

#[test]
fn a_missing_project_directory_is_bad_usage_and_is_not_created() {
    let scene = Scene::new();
    let missing = scene.at("no/such/dir");
    let run = scene.run_in(
        scene.base.path(),
        &["-C", missing.to_str().unwrap(), "build"],
        &[],
    );
    run.expect(2, &["the project directory", "no/such/dir"]);
    assert!(!scene.at("no").exists());
}

#[test]
fn spec_arguments_are_relative_to_the_project_directory() {
    let scene = Scene::new();
    let elsewhere = scene.at("elsewhere");
    scene
        .run_in(
            &elsewhere,
            &[
                "-C",
                scene.at("proj").to_str().unwrap(),
                "render",
                "specs/auth/token.yaml",
                "--target",
                "curl",
            ],
            &[],
        )
        .expect(0, &["curl --location"]);
    scene
        .run_in(
            &elsewhere,
            &[
                "-C",
                scene.at("proj").to_str().unwrap(),
                "verify",
                "specs/auth/token.yaml",
                "--target",
                "http",
            ],
            &[],
        )
        .expect(0, &["1 passed, 0 failed"]);
}

#[test]
fn an_upper_case_extension_is_reported_not_skipped() {
    let scene = Scene::new();
    scene.write("proj/specs/users/shout.YAML", OTHER);
    scene.run(&["build"]).expect(
        1,
        &[
            "a spec file name must end in `.yaml`",
            " --> specs/users/shout.YAML",
        ],
    );
}

// ---- item 3: verify works in a fresh private directory ----

#[test]
fn verify_ignores_directories_planted_in_the_temporary_directory() {
    let scene = Scene::new();
    let tmp = scene.at("tmp");
    fs::create_dir(&tmp).unwrap();
    let probe = Command::new("true").spawn().unwrap();
    let next = probe.id();
    let mut probe = probe;
    probe.wait().unwrap();
    let mut planted_names = std::collections::BTreeSet::new();
    for pid in next..next + 300 {
        let name = format!("samplegen-verify-{pid}");
        let planted = tmp.join(&name);
        planted_names.insert(name);
        fs::create_dir(&planted).unwrap();
        std::os::unix::fs::symlink(scene.at("victim"), planted.join("sample.sh")).unwrap();
    }
    let run = scene.run_in(
        &scene.at("proj"),
        &["verify", "specs/auth/token.yaml", "--target", "curl"],
        &[("TMPDIR", &tmp)],
    );
    assert!(
        matches!(run.code, Some(0 | 1)),
        "{}{}",
        run.stdout,
        run.stderr
    );
    scene.assert_outside_untouched();
    // what it made is gone; what was planted is as it was
    let left: Vec<_> = fs::read_dir(&tmp)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !planted_names.contains(name))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    for name in &planted_names {
        let sample = tmp.join(name).join("sample.sh");
        assert!(
            fs::symlink_metadata(sample)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}

// ---- item 8: the raw HTTP runner keeps CRLF in multipart bodies ----

#[test]
fn verify_sends_a_crlf_in_a_multipart_text_part_as_written() {
    let scene = Scene::new();
    scene.write(
        "proj/specs/users/crlf.yaml",
        "title: T\nrequest:\n  method: POST\n  url: https://api.example.com/a\n  body:\n    formdata:\n      - note: \"a\\r\\nb\"\n",
    );
    scene
        .run(&["verify", "specs/users/crlf.yaml", "--target", "http"])
        .expect(0, &["1 passed, 0 failed"]);
}

// ---- hostile YAML: each refused with a location, the rest built ----

#[test]
fn hostile_yaml_is_refused_where_it_is_and_the_rest_is_built() {
    let scene = Scene::new();
    // 200 KB of nested flow sequences: serde_yaml took over a minute to refuse this
    let deep = format!(
        "title: t\nrequest: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    scene.write("proj/specs/users/deep.yaml", &deep);
    let mut laughs = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (name, previous) in "bcdefghi".chars().zip("abcdefgh".chars()) {
        let aliases = vec![format!("*{previous}"); 9].join(", ");
        laughs.push_str(&format!("{name}: &{name} [{aliases}]\n"));
    }
    scene.write(
        "proj/specs/users/laughs.yaml",
        &format!("{laughs}title: t\n"),
    );
    // a 100 KB line holding a terminal escape sequence, then bytes that are not UTF-8
    let escape = format!(
        "title: t\nrequest:\n  method: GET\n  url: \"{}\u{1b}]0;pwned\u{7}\"\n",
        "a".repeat(100_000)
    );
    scene.write("proj/specs/users/escape.yaml", &escape);
    fs::write(
        scene.at("proj/specs/users/latin1.yaml"),
        b"title: Caf\xe9\nrequest:\n  method: GET\n  url: https://e.com\n",
    )
    .unwrap();
    let run = scene.run(&["build"]);
    run.expect(
        1,
        &[
            "request: invalid type: expected a map",
            " --> specs/users/deep.yaml:2:10",
            "unknown field `a`",
            " --> specs/users/laughs.yaml:1:1",
            // YAML itself refuses a raw control character, shown escaped
            "unexpected character: `\\u{1b}'",
            " --> specs/users/escape.yaml:4:100009",
            "not valid UTF-8 (byte 0xe9)",
            " --> specs/users/latin1.yaml:1:11",
            "samplegen: 4 spec(s) failed",
        ],
    );
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'), "{all:?}");
    assert!(
        all.lines().all(|line| line.chars().count() < 1_100),
        "{all}"
    );

    // the importer reads an OpenAPI document as untyped values: the limits are what stop it
    scene.write("laughs.yaml", &format!("{laughs}openapi: 3.0.0\n"));
    let laughs_at = scene.at("laughs.yaml");
    scene
        .run(&["import", "openapi", laughs_at.to_str().unwrap()])
        .expect(1, &["aliases expand to more than 100000", "at line "]);
    scene.write(
        "deep.yaml",
        &format!("openapi: 3.0.0\npaths: {}", &deep[18..]),
    );
    let deep_at = scene.at("deep.yaml");
    scene
        .run(&["import", "openapi", deep_at.to_str().unwrap()])
        .expect(
            1,
            &["nested more than 64 levels deep", "at line 2, column "],
        );
    scene.assert_outside_untouched();
}

/// `depth` (a multiple of 500) nested folders named `a` below `relative`, made by a shell 500
/// at a time: a path that long is more than one system call takes, and this process's own
/// directory is shared with the tests running beside it.
fn nest(scene: &Scene, relative: &str, depth: usize) {
    let dir = scene.at(relative);
    fs::create_dir_all(&dir).unwrap();
    // 500 levels a step: a relative path of 1,000 bytes
    let step = ["a"; 500].join("/");
    let script = format!(
        "for i in $(seq {}); do mkdir -p {step} && cd {step} || exit 1; done",
        depth / 500
    );
    let status = Command::new("sh")
        .args(["-c", &script])
        .current_dir(&dir)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn folders_nested_thousands_deep_are_refused_or_walked_never_a_crash() {
    // in specs/: a clear error naming the folder past the limit, not a stack overflow
    let scene = Scene::new();
    nest(&scene, "proj/specs/deep", 2_000);
    scene.run(&["build"]).expect(
        1,
        &[
            "specs/deep/a/a/",
            "nested more than 32 folders below the specs directory",
        ],
    );
    scene
        .run(&["check"])
        .expect(1, &["nested more than 32 folders"]);
    scene.assert_outside_untouched();

    // as deep as allowed is built
    let scene = Scene::new();
    let mut spec = String::from("proj/specs/deep");
    for _ in 0..31 {
        spec.push_str("/a");
    }
    scene.write(&format!("{spec}/read.yaml"), OTHER);
    scene.run(&["build"]).expect(0, &["3 specs"]);

    // in output/, with the marker an interrupted build leaves committed beside it: the cleanup
    // walks it all and still removes the leftovers
    let scene = built();
    nest(&scene, "proj/output/deep", 2_000);
    scene.write("proj/output/.samplegen-building", "1");
    scene.write("proj/output/auth/.token.md.1234.samplegen.tmp", "half");
    scene.run(&["build"]).expect(0, &["2 specs"]);
    assert!(
        !scene
            .at("proj/output/auth/.token.md.1234.samplegen.tmp")
            .exists()
    );
}
