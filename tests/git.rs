//! What a team does with git to a samplegen project, on a real repository in a temporary
//! directory: branches that change different specs merge without conflicts, nothing samplegen
//! commits changes when no output byte does, and whatever git leaves (a merge, a checkout, a
//! rebase, a conflict resolved either way, a union-merged manifest), `build` brings `output/` to
//! what the specs say and `check` agrees. Skips, saying so, when git is not installed.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

const MANIFEST: &str = "output/.samplegen-manifest";

fn spec(title: &str, path: &str) -> String {
    format!(
        "title: {title}\nrequest:\n  method: GET\n  url: \"{{{{apiPath}}}}/v1/{path}\"\n  auth:\n    bearer: \"{{{{accessToken}}}}\"\nprose: |\n  {title}.\n"
    )
}

struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    /// A repository with three specs, built and committed on `main`; `None` without git.
    fn new() -> Option<Repo> {
        if Command::new("git").arg("--version").output().is_err() {
            eprintln!("git is not installed: skipping the git scenarios");
            return None;
        }
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.email", "writer@example.com"]);
        repo.git(&["config", "user.name", "Writer"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo.write("specs/users/list.yaml", &spec("List Users", "users"));
        repo.write("specs/users/read.yaml", &spec("Read User", "users/1"));
        repo.write("specs/groups/list.yaml", &spec("List Groups", "groups"));
        repo.write(
            ".gitignore",
            "output/.samplegen-cache\noutput/.samplegen-building\n",
        );
        repo.build();
        repo.commit("first");
        Some(repo)
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

    fn run(&self, program: &str, args: &[&str]) -> Output {
        Command::new(program)
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }

    fn git(&self, args: &[&str]) -> String {
        let output = self.run("git", args);
        assert!(
            output.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// `git` that may fail (a merge with conflicts): whether it succeeded.
    fn git_may_fail(&self, args: &[&str]) -> bool {
        self.run("git", args).status.success()
    }

    fn samplegen(&self, args: &[&str]) -> Output {
        self.run(env!("CARGO_BIN_EXE_samplegen"), args)
    }

    /// Builds; returns the summary line.
    fn build(&self) -> String {
        let output = self.samplegen(&["build"]);
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            output.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        stdout
    }

    fn assert_check_passes(&self, when: &str) {
        let output = self.samplegen(&["check"]);
        assert!(
            output.status.success(),
            "check after {when}:\n{}",
            String::from_utf8_lossy(&output.stdout)
        );
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// What `git status` shows as changed (nothing, when samplegen committed everything).
    fn status(&self) -> String {
        self.git(&["status", "--porcelain"])
    }

    /// After whatever git did: a build brings output/ in line, and check agrees; a second build
    /// writes nothing.
    fn assert_healed_by_build(&self, when: &str) {
        self.build();
        self.assert_check_passes(when);
        let again = self.build();
        assert!(again.contains(" 0 written"), "{when}: {again}");
        assert!(again.contains("(0 rendered)"), "{when}: {again}");
    }
}

#[test]
fn two_branches_editing_different_specs_merge_and_rebase_without_conflicts() {
    let Some(repo) = Repo::new() else { return };
    repo.git(&["checkout", "-q", "-b", "alice"]);
    repo.write("specs/users/list.yaml", &spec("List All Users", "users"));
    let alice = repo.build();
    assert!(alice.contains("(1 rendered)"), "{alice}");
    repo.commit("alice edits users/list");
    let diff = repo.git(&["show", "--stat", "--format=", "HEAD"]);
    assert!(
        !diff.contains(".samplegen-manifest"),
        "a spec edit leaves the manifest alone: {diff}"
    );

    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["checkout", "-q", "-b", "bob"]);
    repo.write("specs/groups/list.yaml", &spec("List All Groups", "groups"));
    repo.build();
    repo.commit("bob edits groups/list");

    repo.git(&["checkout", "-q", "-b", "bob-rebased"]);
    repo.git(&["rebase", "-q", "alice"]);
    repo.assert_check_passes("a rebase");
    repo.assert_healed_by_build("a rebase");
    assert_eq!(repo.status(), "");

    repo.git(&["checkout", "-q", "alice"]);
    repo.git(&["merge", "-q", "--no-edit", "bob"]);
    repo.assert_check_passes("a merge");
    repo.assert_healed_by_build("a merge");
    assert_eq!(repo.status(), "", "nothing left to commit after the merge");
}

#[test]
fn two_branches_adding_specs_side_by_side_merge_as_a_union() {
    let Some(repo) = Repo::new() else { return };
    assert!(
        repo.read("output/.gitattributes").contains("merge=union"),
        "the first build asks git to merge the manifest line by line"
    );
    repo.git(&["checkout", "-q", "-b", "alice"]);
    repo.write("specs/users/create.yaml", &spec("Create User", "users/new"));
    repo.build();
    repo.commit("alice adds users/create");
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["checkout", "-q", "-b", "bob"]);
    repo.write("specs/users/delete.yaml", &spec("Delete User", "users/2"));
    repo.build();
    repo.commit("bob adds users/delete");

    // the two new lines sit side by side in the manifest: a plain merge would conflict
    repo.git(&["merge", "-q", "--no-edit", "alice"]);
    let manifest = repo.read(MANIFEST);
    assert!(manifest.contains("specs/users/create.yaml\t"), "{manifest}");
    assert!(manifest.contains("specs/users/delete.yaml\t"), "{manifest}");
    repo.assert_check_passes("a union merge");
    repo.assert_healed_by_build("a union merge");
    assert_eq!(repo.status(), "");
}

#[test]
fn a_manifest_conflict_resolved_either_way_is_healed_by_the_next_build() {
    for side in ["--theirs", "--ours"] {
        let Some(repo) = Repo::new() else { return };
        // without the union attribute (a project that removed it), the manifest conflicts
        fs::remove_file(repo.path("output/.gitattributes")).unwrap();
        repo.write("output/.gitattributes", "# ours\n");
        repo.commit("no union merge");
        repo.git(&["checkout", "-q", "-b", "alice"]);
        repo.write("specs/users/create.yaml", &spec("Create User", "users/new"));
        repo.build();
        repo.commit("alice adds users/create");
        repo.git(&["checkout", "-q", "main"]);
        repo.write("specs/users/delete.yaml", &spec("Delete User", "users/2"));
        repo.build();
        repo.commit("main adds users/delete");

        assert!(
            !repo.git_may_fail(&["merge", "-q", "--no-edit", "alice"]),
            "the manifest conflicts"
        );
        repo.git(&["checkout", side, MANIFEST]);
        repo.git(&["add", "-A"]);
        repo.git(&["commit", "-q", "--no-edit"]);
        // the manifest names one side's new spec only: check says so, build heals it
        let check = repo.samplegen(&["check"]);
        assert!(!check.status.success(), "{side}");
        assert!(
            String::from_utf8_lossy(&check.stdout).contains(".samplegen-manifest is out of date"),
            "{side}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let built = repo.build();
        assert!(built.contains("0 written"), "{side}: {built}");
        repo.assert_check_passes(side);
        repo.assert_healed_by_build(side);
        repo.commit("manifest healed");
        assert_eq!(repo.status(), "");
    }
}

#[test]
fn a_spec_conflict_resolved_either_way_builds_what_the_resolved_spec_says() {
    for side in ["--theirs", "--ours"] {
        let Some(repo) = Repo::new() else { return };
        repo.git(&["checkout", "-q", "-b", "alice"]);
        repo.write("specs/users/read.yaml", &spec("Read One User", "users/1"));
        repo.build();
        repo.commit("alice");
        repo.git(&["checkout", "-q", "main"]);
        repo.write("specs/users/read.yaml", &spec("Fetch User", "users/1"));
        repo.build();
        repo.commit("main");
        assert!(!repo.git_may_fail(&["merge", "-q", "--no-edit", "alice"]));
        // the writer settles the spec; the generated files are whatever git left
        repo.git(&["checkout", side, "--", "specs/users/read.yaml"]);
        repo.git(&["checkout", "--ours", "--", "output"]);
        repo.git(&["add", "-A"]);
        repo.git(&["commit", "-q", "--no-edit"]);
        repo.assert_healed_by_build(side);
        let page = repo.read("output/users/read.md");
        let wanted = if side == "--theirs" {
            "Read One User"
        } else {
            "Fetch User"
        };
        assert!(page.contains(wanted), "{side}: {page}");
    }
}

#[test]
fn a_checkout_of_another_commit_or_of_old_specs_is_built_to_match() {
    let Some(repo) = Repo::new() else { return };
    let first = repo.git(&["rev-parse", "HEAD"]).trim().to_string();
    repo.write("specs/users/read.yaml", &spec("Read User Now", "users/1"));
    fs::remove_file(repo.path("specs/groups/list.yaml")).unwrap();
    repo.write(
        "specs/groups/create.yaml",
        &spec("Create Group", "groups/new"),
    );
    repo.build();
    repo.commit("second");

    // the whole tree of an older commit, with the cache of the newer one
    repo.git(&["checkout", "-q", &first]);
    repo.assert_check_passes("checking out an older commit");
    repo.assert_healed_by_build("checking out an older commit");
    assert_eq!(repo.status(), "");

    // back, then only the specs of the older commit: their output follows on the next build
    repo.git(&["checkout", "-q", "main"]);
    repo.build();
    repo.git(&["checkout", &first, "--", "specs"]);
    repo.git(&["rm", "-q", "--cached", "-r", "specs/groups/create.yaml"]);
    fs::remove_file(repo.path("specs/groups/create.yaml")).unwrap();
    repo.assert_healed_by_build("checking out old specs");
    let page = repo.read("output/users/read.md");
    assert!(!page.contains("Read User Now"), "{page}");
    assert!(!repo.path("output/groups/create.md").exists());
    assert!(repo.path("output/groups/list.md").exists());
}

#[test]
fn a_union_merged_manifest_with_stale_and_duplicate_lines_is_healed() {
    let Some(repo) = Repo::new() else { return };
    // what a union merge can leave: a second line for a spec naming a file it no longer
    // produces (still on disk, committed), and a line for a spec that is gone
    repo.write("output/users/list/old.sh", "echo old\n");
    repo.write("output/gone.md", "gone\n");
    let mut manifest = repo.read(MANIFEST);
    manifest.push_str("specs/users/list.yaml\toutput-prefix-unused\n");
    manifest.push_str("specs/users/list.yaml\tusers/list\t.md\t/old.sh\n");
    manifest.push_str("specs/gone.yaml\tgone\t.md\n");
    repo.write(MANIFEST, &manifest);
    repo.commit("a merge left this");

    let check = repo.samplegen(&["check"]);
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(!check.status.success());
    assert!(out.contains("output/users/list/old.sh is stale"), "{out}");
    assert!(out.contains("output/gone.md is stale"), "{out}");
    let built = repo.build();
    assert!(built.contains("2 removed"), "{built}");
    assert!(!repo.path("output/users/list/old.sh").exists());
    assert!(!repo.path("output/gone.md").exists());
    repo.assert_check_passes("healing a union merge");
    repo.assert_healed_by_build("healing a union merge");
    repo.commit("healed");
    assert_eq!(
        repo.read(MANIFEST).lines().count(),
        4,
        "one line per spec, and the header"
    );
}

#[test]
fn a_template_comment_or_another_samplegen_version_commits_nothing() {
    let Some(repo) = Repo::new() else { return };
    let builtin = include_str!("../templates/http.tera");
    repo.write("templates/http.tera", builtin);
    repo.build();
    repo.commit("the http template, as built in");
    assert_eq!(repo.status(), "");

    repo.write(
        "templates/http.tera",
        &format!("{builtin}{{# a comment #}}"),
    );
    let built = repo.build();
    assert!(built.contains("(3 rendered)"), "{built}");
    assert!(built.contains(" 0 written"), "{built}");
    repo.assert_check_passes("a template comment");
    assert_eq!(
        repo.status(),
        " M templates/http.tera\n",
        "only the template changed"
    );
    repo.commit("comment");

    // the cache of another samplegen version (its inputs fingerprint differs)
    let cache = repo.read("output/.samplegen-cache");
    let mut lines: Vec<&str> = cache.lines().collect();
    lines[1] = "inputs\tanother-version";
    repo.write("output/.samplegen-cache", &(lines.join("\n") + "\n"));
    let built = repo.build();
    assert!(built.contains("(3 rendered)"), "{built}");
    assert!(built.contains(" 0 written"), "{built}");
    assert_eq!(repo.status(), "", "nothing to commit");
}
