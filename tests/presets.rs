//! Every page preset, checked: reviewed snapshots of each preset's pages over the site's specs,
//! front matter a YAML parser reads back on every page of every preset but `house`, and, where
//! the framework's own toolchain is installed (`.ci/run` installs them all), that toolchain run
//! once per framework over the pages of `specs/`, of the request-shape corpus and of generated
//! specs with arbitrary titles, prose, header values and response bodies: it must accept every
//! page and show each generated text unchanged, and one tab per target with its sample. A test
//! whose tool is missing says so on stderr and passes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use pulldown_cmark::{Event, Options, Parser};

use samplegen::config::{PagePreset, SiteTarget};
use samplegen::project::Project;
use samplegen::targets::TARGETS;

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn site(preset: PagePreset) -> Project {
    let mut project = Project::open(repository()).expect("project opens");
    project.config.page = preset;
    project
}

fn request_shapes(preset: PagePreset) -> Project {
    let mut project = Project::open(&repository().join("tests/fixtures")).expect("project opens");
    project.config.targets = TARGETS.iter().map(SiteTarget::new).collect();
    project.config.page = preset;
    project
}

/// The presets other than the house layouts, whose pages must all have valid front matter.
fn presets() -> impl Iterator<Item = PagePreset> {
    PagePreset::ALL
        .into_iter()
        .filter(|p| !matches!(p, PagePreset::House | PagePreset::HouseNewer))
}

/// `house-newer` differs from `house` in two places only, on every page of the site and of the
/// request-shape corpus: no `description` line in the front matter, and a spacer paragraph of one
/// non-breaking space under the empty `##` that follows the title.
#[test]
fn house_newer_is_the_house_page_without_description_and_with_the_spacer() {
    let mut pages = 0;
    for project in [site(PagePreset::House), request_shapes(PagePreset::House)] {
        let mut newer = project.config.clone();
        newer.page = PagePreset::HouseNewer;
        let renderer = project.renderer().expect("templates compile");
        let specs = project.load_specs().expect("specs load");
        for endpoint in &specs.endpoints {
            let house = renderer.render(endpoint, &project.config).unwrap().page;
            let expected: String = house
                .split_inclusive('\n')
                .filter(|line| !line.starts_with("description: "))
                .collect::<String>()
                .replacen("\n##\n\n```none\n", "\n##\n\n\u{a0}\n\n```none\n", 1);
            assert_ne!(expected, house, "{}", endpoint.id.path());
            let page = renderer.render(endpoint, &newer).unwrap().page;
            assert_eq!(page, expected, "{}", endpoint.id.path());
            pages += 1;
        }
    }
    assert!(pages > 30, "only {pages} pages compared");
}

/// `front_matter` adds its keys to every page: in the house layouts after `canonical_url`, as
/// the current house pages write `llms_txt` and `docs_for_agents`; in the other presets after
/// the title and description. Nothing else on the page moves.
#[test]
fn front_matter_keys_join_every_page() {
    let keys = [
        (
            "llms_txt",
            "https://developer.pingidentity.com/pingone-api/llms.txt",
        ),
        ("docs_for_agents", "https://e.com/agents.md"),
    ];
    for preset in PagePreset::ALL {
        let project = site(preset);
        let mut with_keys = project.config.clone();
        with_keys.front_matter = keys
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let renderer = project.renderer().expect("templates compile");
        let specs = project.load_specs().expect("specs load");
        for endpoint in &specs.endpoints {
            let plain = renderer.render(endpoint, &project.config).unwrap().page;
            let page = renderer.render(endpoint, &with_keys).unwrap().page;
            let added = "llms_txt: https://developer.pingidentity.com/pingone-api/llms.txt\ndocs_for_agents: https://e.com/agents.md\n";
            let at = if matches!(preset, PagePreset::House | PagePreset::HouseNewer) {
                plain.find("section_ids:").unwrap()
            } else {
                plain[4..].find("---\n").unwrap() + 4
            };
            let expected = format!("{}{added}{}", &plain[..at], &plain[at..]);
            assert_eq!(page, expected, "{preset:?} {}", endpoint.id.path());
            // a value YAML must quote reads back as written
            let mut quoted = with_keys.clone();
            quoted.front_matter.insert("note".into(), "a: b # c".into());
            let page = renderer.render(endpoint, &quoted).unwrap().page;
            // (the house layouts write `description` as the house pages do, not always YAML:
            // their key's line alone is read there)
            let front = if matches!(preset, PagePreset::House | PagePreset::HouseNewer) {
                page.lines()
                    .find(|line| line.starts_with("note: "))
                    .unwrap()
            } else {
                front_matter(&page)
            };
            let front: serde_json::Value =
                samplegen::yaml::from_str(front).expect("front matter is YAML");
            assert_eq!(front["note"], "a: b # c", "{preset:?}");
        }
    }
}

#[test]
fn site_pages_per_preset() {
    for preset in presets() {
        let project = site(preset);
        let renderer = project.renderer().expect("templates compile");
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(format!("snapshots/presets/{}", preset.name()));
        settings.set_prepend_module_to_snapshot(false);
        let _guard = settings.bind_to_scope();
        insta::glob!(project.specs_dir().as_path(), "**/*.yaml", |path| {
            let endpoint = project
                .load_spec(path)
                .unwrap_or_else(|p| panic!("{}", p[0]));
            let page = renderer
                .render(&endpoint, &project.config)
                .unwrap_or_else(|error| panic!("{error}"))
                .page;
            insta::assert_snapshot!("page", page);
        });
    }
}

/// One generated spec's texts, which every preset must show as written.
#[derive(Debug, Clone)]
struct Case {
    title: String,
    prose: String,
    header_value: String,
    response_body: String,
}

/// Pieces of text that mean something to one framework or another, to be joined at random with
/// arbitrary characters.
const TRICKY: &[&str] = &[
    "{{secretKey}}",
    "{",
    "}",
    "{x}",
    "<",
    ">",
    "<b>",
    "</TabItem>",
    "a:b",
    "Note:",
    ":::tip",
    "*",
    "_",
    "**bold**",
    "`",
    "`{code}`",
    "#",
    "|",
    "\\",
    "&amp;",
    "&#38;",
    "\"",
    "'",
    "{{<",
    "{{%",
    "{{< x >}}",
    "import",
    "export",
    "[a](b)",
    "!",
    "~",
    "$x",
    "---",
    "- ",
    "1. ",
    "=== \"x\"",
    "%",
    "é",
    "😀",
];

fn tricky_text(max: usize, alphabet: &'static str) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(TRICKY).prop_map(str::to_string),
            alphabet,
            Just(" ".to_string()),
        ],
        1..max,
    )
    .prop_map(|parts| parts.concat())
}

/// Whole titles that a YAML parser reads as something other than text unless quoted.
const YAML_TITLES: &[&str] = &[
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "null",
    "~",
    "true",
    "1.5",
    "1:20",
    "0x1F",
    "1_000",
    "- a",
    "Note:",
    "a: b.yaml",
    "*x",
    "&x",
    "!x",
    "%x",
    "@x",
    "`x`",
    "? x",
    "[x]",
    "{x}",
    "#x",
    "<<",
];

fn case() -> impl Strategy<Value = Case> {
    (
        prop_oneof![
            3 => tricky_text(12, "[a-zA-Z0-9 ]{1,6}").prop_map(|t| format!("T {t}")),
            1 => prop::sample::select(YAML_TITLES).prop_map(str::to_string),
        ],
        prop::collection::vec(tricky_text(16, "[a-zA-Z0-9 .,]{1,8}"), 1..4),
        tricky_text(10, "[ -~]{1,4}"),
        prop::collection::vec(tricky_text(10, "\\PC{0,6}"), 0..4),
    )
        .prop_map(|(title, paragraphs, header, lines)| Case {
            title: title.trim().to_string(),
            prose: paragraphs
                .iter()
                .map(|p| format!("P {}", p.trim()))
                .collect::<Vec<_>>()
                .join("\n\n"),
            // what a header's value can be: printable ASCII, no white space around it
            header_value: header
                .chars()
                .filter(|c| c.is_ascii() && !c.is_control())
                .collect::<String>()
                .trim()
                .to_string(),
            response_body: lines.join("\n"),
        })
}

/// As many cases as `SAMPLEGEN_PRESET_CASES` says (100 by default), the same on every run.
fn cases() -> Vec<Case> {
    let count = std::env::var("SAMPLEGEN_PRESET_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let mut runner = TestRunner::deterministic();
    (0..count)
        .map(|_| case().new_tree(&mut runner).unwrap().current())
        .collect()
}

/// A second example response's body, for a case whose body has several lines: its lines in
/// reverse order, so that each page preset also shows several responses.
fn second_response_body(case: &Case) -> Option<String> {
    let lines: Vec<&str> = case.response_body.lines().rev().collect();
    (lines.len() > 1).then(|| lines.join("\n"))
}

/// The spec of a case, in JSON (which YAML reads).
fn spec_of(case: &Case) -> String {
    let mut response = serde_json::json!({ "status": "200 OK" });
    if !case.response_body.is_empty() {
        response["body"] = case.response_body.clone().into();
    }
    let mut spec = serde_json::json!({
        "title": case.title,
        "request": {
            "method": "GET",
            "url": "https://api.example.com/v1/items",
            "headers": [{ "X-Note": case.header_value }],
        },
        "prose": case.prose,
    });
    match second_response_body(case) {
        Some(body) => {
            let second = serde_json::json!({ "status": "409 Conflict", "body": body });
            spec["responses"] = serde_json::json!([response, second]);
        }
        None => spec["response"] = response,
    }
    spec.to_string()
}

/// A page written for a framework to read: where, and what must show on it.
struct Page {
    path: PathBuf,
    text: String,
    /// The sample of each target, by tab label, in tab order.
    samples: Vec<(String, String)>,
    case: Option<Case>,
}

/// Every page of `preset` over `specs/`, the request-shape corpus and the generated cases,
/// written below `dir` (in `site/`, `shapes/` and `generated/`). A generated case the Hugo
/// preset refuses (a shortcode opening inside code) is left out; any other failure panics.
fn write_pages(preset: PagePreset, dir: &Path) -> Vec<Page> {
    let generated = tempfile::tempdir().unwrap();
    let mut valid_cases = Vec::new();
    for (index, case) in cases().into_iter().enumerate() {
        let path = generated
            .path()
            .join(format!("specs/generated/case-{index}.yaml"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, spec_of(&case)).unwrap();
        valid_cases.push((path, case));
    }
    let mut generated_project = Project::open(generated.path()).unwrap();
    generated_project.config.page = preset;

    let mut pages = Vec::new();
    let sources: [(&str, Project, bool); 3] = [
        ("site", site(preset), false),
        ("shapes", request_shapes(preset), false),
        ("generated", generated_project, true),
    ];
    for (group, project, is_generated) in sources {
        let renderer = project.renderer().expect("templates compile");
        let specs = project.load_specs().expect("specs load");
        for endpoint in &specs.endpoints {
            let case = is_generated.then(|| {
                valid_cases
                    .iter()
                    .find(|(path, _)| path.ends_with(&endpoint.source))
                    .map(|(_, case)| case.clone())
                    .expect("a generated spec's case")
            });
            let rendered = match renderer.render(endpoint, &project.config) {
                Ok(rendered) => rendered,
                Err(error)
                    if preset == PagePreset::Hugo && error.detail.contains("cannot show `{{") =>
                {
                    continue;
                }
                Err(error) => panic!("{error}"),
            };
            let samples = rendered
                .samples
                .iter()
                .map(|(target, code)| {
                    let label = project
                        .config
                        .targets
                        .iter()
                        .find(|t| t.target.id == target.id)
                        .unwrap()
                        .label
                        .clone();
                    (label, code.clone())
                })
                .collect();
            let path = dir.join(group).join(format!("{}.md", endpoint.id.path()));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &rendered.page).unwrap();
            pages.push(Page {
                path,
                text: rendered.page,
                samples,
                case,
            });
        }
        // the invalid generated specs: too few left would prove little
        if is_generated {
            assert!(
                specs.problems.len() * 4 < valid_cases.len(),
                "most generated specs must be valid: {:?}",
                specs.problems.first().map(ToString::to_string)
            );
        }
    }
    pages
}

/// The front matter of a page, between its `---` lines.
fn front_matter(page: &str) -> &str {
    let rest = page
        .strip_prefix("---\n")
        .expect("a page starts with front matter");
    &rest[..rest.find("\n---\n").map_or(0, |end| end + 1)]
}

#[test]
fn front_matter_is_yaml_that_reads_back() {
    for preset in presets() {
        let dir = tempfile::tempdir().unwrap();
        for page in write_pages(preset, dir.path()) {
            let fields: BTreeMap<String, String> =
                samplegen::yaml::from_str(front_matter(&page.text)).unwrap_or_else(|error| {
                    panic!("{}: {error:?}\n{}", page.path.display(), page.text)
                });
            if let Some(case) = &page.case {
                assert_eq!(fields["title"], case.title, "{}", page.path.display());
            }
        }
    }
}

/// What a reader sees of some HTML, without any whitespace: tags, styles and scripts left out,
/// character references decoded.
fn visible(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        rest = &rest[start..];
        let skip_to = ["<style", "<script"]
            .iter()
            .find(|open| rest.starts_with(*open))
            .map(|open| format!("</{}>", &open[1..]));
        let end = match skip_to {
            Some(close) => rest.find(&close).map_or(rest.len(), |i| i + close.len()),
            None => rest.find('>').map_or(rest.len(), |i| i + 1),
        };
        rest = &rest[end..];
    }
    text.push_str(rest);
    decode_references(&text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn decode_references(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(';').filter(|&end| end <= 10);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{a0}',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, end + 1))
        });
        match decoded {
            Some((c, length)) => {
                out.push(c);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text CommonMark shows for Markdown, without whitespace: what the prose must show as.
/// MDX has no raw HTML: the MDX presets show it as text (`html_as_text`).
fn commonmark_visible(markdown: &str, html_as_text: bool) -> String {
    let mut html = String::new();
    let events = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) if html_as_text => Event::Text(text),
        event => event,
    });
    pulldown_cmark::html::push_html(&mut html, events);
    visible(&html)
}

fn no_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks one rendered page: every generated text shows unchanged, and each tab (label and
/// content, as the framework rendered them) shows its sample.
fn check_rendered(page: &Page, html: &str, tabs: &[(String, String)], preset: PagePreset) {
    let shown = visible(html);
    let where_ = page.path.display();
    {
        let labels: Vec<&str> = tabs.iter().map(|(label, _)| label.as_str()).collect();
        let wanted: Vec<&str> = page
            .samples
            .iter()
            .map(|(label, _)| label.as_str())
            .collect();
        assert_eq!(labels, wanted, "{where_}: one tab per target, in order");
        for ((label, panel), (_, code)) in tabs.iter().zip(&page.samples) {
            assert!(
                visible(panel).contains(&no_whitespace(code)),
                "{where_}: the {label} tab does not show its sample"
            );
        }
    }
    if let Some(case) = &page.case {
        // Mintlify shows the title from the front matter (checked in its own test)
        let title = match preset {
            PagePreset::Mintlify => String::new(),
            _ => no_whitespace(&case.title),
        };
        for (what, text) in [
            ("title", title),
            ("header value", no_whitespace(&case.header_value)),
            ("response body", no_whitespace(&case.response_body)),
            (
                "second response body",
                second_response_body(case).map_or_else(String::new, |b| no_whitespace(&b)),
            ),
        ] {
            assert!(
                shown.contains(&text),
                "{where_}: the {what} {text:?} does not show unchanged in\n{shown}"
            );
        }
        let mdx = matches!(preset, PagePreset::Docusaurus | PagePreset::Mintlify);
        let prose = commonmark_visible(&case.prose, mdx);
        assert!(
            shown.contains(&prose),
            "{where_}: the prose {:?} does not show as {prose:?} in\n{shown}",
            case.prose
        );
    }
}

/// Whether `program` runs; when not, says that the test is skipped.
fn tool(program: &str, args: &[&str], test: &str) -> bool {
    let found = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        eprintln!("skipped {test}: `{program}` is not installed (.ci/run installs it)");
    }
    found
}

/// Each element of `html` whose start tag begins with `open`: its start tag and what follows it
/// up to the next `close`.
fn elements<'h>(html: &'h str, open: &str, close: &str) -> Vec<(&'h str, &'h str)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        rest = &rest[start..];
        let tag_end = rest.find('>').unwrap() + 1;
        let end = rest[tag_end..]
            .find(close)
            .map_or(rest.len(), |i| i + tag_end);
        found.push((&rest[..tag_end], &rest[tag_end..end]));
        rest = &rest[end..];
    }
    found
}

/// The value of the attribute `name` in a start tag.
fn attribute(tag: &str, name: &str) -> String {
    let marker = format!("{name}=\"");
    let at = tag.find(&marker).unwrap() + marker.len();
    decode_references(&tag[at..at + tag[at..].find('"').unwrap()])
}

/// The `data-label` and content of each `role="tabpanel"` element.
fn labelled_panels(html: &str, close: &str) -> Vec<(String, String)> {
    elements(html, "<div role=\"tabpanel\"", close)
        .into_iter()
        .map(|(tag, inner)| (attribute(tag, "data-label"), inner.to_string()))
        .collect()
}

/// Runs a script of `tests/support/mdx` and reads the JSON object it prints, by file.
fn run_node(script: &Path, args: &[&std::ffi::OsStr]) -> BTreeMap<String, serde_json::Value> {
    let output = Command::new("node")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}: {}",
        script.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The first program called `name` on the `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// Opens `html` (a file) in headless Chromium, clicks each element `labels` selects in turn
/// and asserts that the reader then sees one tab per target, labelled as configured, each
/// showing its sample. Skipped, saying so, without Chromium or `tests/support/mdx`.
fn check_in_browser(page: &Page, html: &Path, labels: &str, panels: &str) {
    let support = repository().join("tests/support/mdx");
    let Some(chromium) = on_path("chromium").or_else(|| on_path("chromium-browser")) else {
        eprintln!("skipped the browser check: `chromium` is not installed (.ci/run installs it)");
        return;
    };
    if !support.join("node_modules/puppeteer-core").is_dir() {
        eprintln!("skipped the browser check: run `npm ci` in tests/support/mdx (.ci/run does)");
        return;
    }
    let list = html.with_extension("pages.json");
    std::fs::write(
        &list,
        serde_json::json!([{ "file": html, "labels": labels, "panels": panels }]).to_string(),
    )
    .unwrap();
    let results = run_node(
        &support.join("browser-tabs.js"),
        &[chromium.as_os_str(), list.as_os_str()],
    );
    let tabs = results[html.to_str().unwrap()].as_array().unwrap();
    let labels: Vec<&str> = tabs.iter().map(|t| t["label"].as_str().unwrap()).collect();
    let wanted: Vec<&str> = page
        .samples
        .iter()
        .map(|(label, _)| label.as_str())
        .collect();
    assert_eq!(
        labels,
        wanted,
        "{}: one tab per target, in the browser",
        html.display()
    );
    for (index, (tab, (label, code))) in tabs.iter().zip(&page.samples).enumerate() {
        let shown: Vec<&str> = tab["shown"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        // a tab set shows the clicked tab's panel only; a page without tabs shows them all
        let panel = match shown.len() {
            1 => shown[0],
            n if n == page.samples.len() => shown[index],
            n => panic!(
                "{}: {n} panels shown after clicking {label}",
                html.display()
            ),
        };
        assert_eq!(
            no_whitespace(panel),
            no_whitespace(code),
            "{}: the browser does not show the {label} sample when its tab is clicked",
            html.display()
        );
    }
}

/// The page the browser checks open: the site's multipart request.
fn browser_page(pages: &[Page]) -> &Page {
    pages
        .iter()
        .find(|page| {
            page.path
                .ends_with("site/management/certificates/create-certificate-multipart.md")
        })
        .expect("the site's multipart page")
}

#[test]
fn mdx_pages_compile_and_show_their_text() {
    let runner = repository().join("tests/support/mdx");
    if !runner.join("node_modules/@mdx-js/mdx").is_dir() {
        eprintln!(
            "skipped mdx_pages_compile_and_show_their_text: run `npm ci` in tests/support/mdx (.ci/run does)"
        );
        return;
    }
    if !tool(
        "node",
        &["--version"],
        "mdx_pages_compile_and_show_their_text",
    ) {
        return;
    }
    for preset in [PagePreset::Docusaurus, PagePreset::Mintlify] {
        let dir = tempfile::tempdir().unwrap();
        let pages = write_pages(preset, dir.path());
        // one compiler run for every page
        let results = run_node(&runner.join("render-mdx.js"), &[dir.path().as_os_str()]);
        for page in &pages {
            let result = &results[page.path.to_str().unwrap()];
            // js-yaml, as Docusaurus (gray-matter) and Mintlify read front matter
            if let Some(case) = &page.case {
                assert_eq!(
                    result["frontMatter"]["title"],
                    case.title.as_str(),
                    "{}: js-yaml reads another title",
                    page.path.display()
                );
            }
            let html = result["html"].as_str().unwrap_or_else(|| {
                panic!(
                    "{} does not compile as MDX: {}\n{}",
                    page.path.display(),
                    result["error"],
                    page.text
                )
            });
            let tabs = match preset {
                PagePreset::Docusaurus => labelled_panels(html, "</div>"),
                _ => {
                    let start = html.find("<div data-request-example").unwrap();
                    let end = html[start..].find("</div>").unwrap() + start;
                    elements(&html[start..end], "<code", "</code>")
                        .into_iter()
                        .map(|(_, code)| (String::new(), code.to_string()))
                        .collect()
                }
            };
            if page.path == browser_page(&pages).path {
                // Docusaurus' and Mintlify's own tab components need their sites; the browser
                // opens the page as the MDX compiler renders it, with the runner's stand-ins
                let file = dir.path().join(format!("{}.html", preset.name()));
                std::fs::write(
                    &file,
                    format!("<!doctype html><meta charset=utf-8><body>{html}"),
                )
                .unwrap();
                let (labels, panels) = match preset {
                    PagePreset::Docusaurus => ("[data-tabs] [role=tab]", "[role=tabpanel] pre"),
                    _ => (
                        "[data-request-example] [role=tab]",
                        "[data-request-example] pre",
                    ),
                };
                check_in_browser(page, &file, labels, panels);
            }
            if preset == PagePreset::Mintlify {
                // the titles are in the source's info strings; the compiler keeps them as
                // metadata, not text
                let titles: Vec<String> = page
                    .text
                    .lines()
                    .skip_while(|line| *line != "<RequestExample>")
                    .take_while(|line| *line != "</RequestExample>")
                    .filter(|line| line.starts_with("```"))
                    .filter_map(|line| line.split_once(' ').map(|(_, title)| title.to_string()))
                    .collect();
                let labels: Vec<&String> = page.samples.iter().map(|(label, _)| label).collect();
                assert_eq!(
                    titles.iter().collect::<Vec<_>>(),
                    labels,
                    "{}",
                    page.path.display()
                );
                let relabelled: Vec<(String, String)> = tabs
                    .into_iter()
                    .zip(&page.samples)
                    .map(|((_, code), (label, _))| (label.clone(), code))
                    .collect();
                check_rendered(page, html, &relabelled, preset);
            } else {
                check_rendered(page, html, &tabs, preset);
            }
        }
    }
}

#[test]
fn mkdocs_material_builds_strict_and_shows_the_text() {
    if !tool(
        "mkdocs",
        &["--version"],
        "mkdocs_material_builds_strict_and_shows_the_text",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let pages = write_pages(PagePreset::MkdocsMaterial, &docs);
    // the README's extensions; links between the house pages point at pages not in this build
    std::fs::write(
        dir.path().join("mkdocs.yml"),
        "site_name: samplegen\ntheme:\n  name: material\nmarkdown_extensions:\n  - tables\n  - pymdownx.escapeall\n  - pymdownx.superfences\n  - pymdownx.tabbed:\n      alternate_style: true\nvalidation:\n  links:\n    not_found: info\n    unrecognized_links: info\n",
    )
    .unwrap();
    // PyYAML, which MkDocs reads front matter with (and shows as text when it cannot)
    let titles = Command::new("python3")
        .arg("-c")
        .arg("import json, sys, yaml\nfor path in sys.argv[1:]:\n    text = open(path, encoding='utf-8').read()\n    print(json.dumps(yaml.safe_load(text.split('\\n---\\n')[0][4:])['title']))")
        .args(pages.iter().map(|page| &page.path))
        .output()
        .unwrap();
    assert!(
        titles.status.success(),
        "PyYAML cannot read a front matter: {}",
        String::from_utf8_lossy(&titles.stderr)
    );
    for (page, line) in pages
        .iter()
        .zip(String::from_utf8(titles.stdout).unwrap().lines())
    {
        if let Some(case) = &page.case {
            let title: String = serde_json::from_str(line).unwrap();
            assert_eq!(
                title,
                case.title,
                "{}: PyYAML reads another title",
                page.path.display()
            );
        }
    }
    let output = Command::new("mkdocs")
        .args(["build", "--strict", "--quiet"])
        .current_dir(dir.path())
        .env("NO_MKDOCS_2_WARNING", "1")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "mkdocs build --strict failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for page in &pages {
        let relative = page.path.strip_prefix(&docs).unwrap().with_extension("");
        let html =
            std::fs::read_to_string(dir.path().join("site").join(relative).join("index.html"))
                .unwrap();
        let article = &html[html.find("<article").unwrap()..html.find("</article>").unwrap()];
        let labels = elements(article, "<label for=\"__tabbed_", "</label>");
        let blocks = elements(article, "<div class=\"tabbed-block\"", "</code>");
        let tabs: Vec<(String, String)> = labels
            .into_iter()
            .map(|(_, label)| decode_references(label))
            .zip(blocks.into_iter().map(|(_, block)| block.to_string()))
            .collect();
        check_rendered(page, article, &tabs, PagePreset::MkdocsMaterial);
    }
    let page = browser_page(&pages);
    let relative = page.path.strip_prefix(&docs).unwrap().with_extension("");
    check_in_browser(
        page,
        &dir.path().join("site").join(relative).join("index.html"),
        ".tabbed-labels > label",
        ".tabbed-block",
    );
}

#[test]
fn hugo_builds_and_shows_the_text() {
    if !tool("hugo", &["version"], "hugo_builds_and_shows_the_text") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let pages = write_pages(PagePreset::Hugo, &content);
    let layouts = dir.path().join("layouts");
    std::fs::create_dir_all(layouts.join("_default")).unwrap();
    std::fs::create_dir_all(layouts.join("shortcodes")).unwrap();
    for name in ["samplegen-tabs.html", "samplegen-tab.html"] {
        std::fs::copy(
            repository()
                .join("presets/hugo/layouts/shortcodes")
                .join(name),
            layouts.join("shortcodes").join(name),
        )
        .unwrap();
    }
    std::fs::write(
        layouts.join("_default/single.html"),
        "<!doctype html><html><head><title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n",
    )
    .unwrap();
    std::fs::write(
        layouts.join("_default/list.html"),
        "<!doctype html><html><body>{{ range .Pages }}{{ .Title }}{{ end }}</body></html>\n",
    )
    .unwrap();
    // the README's config
    std::fs::write(
        dir.path().join("hugo.yaml"),
        "baseURL: https://example.org/\ndisableKinds: [taxonomy, term, RSS, sitemap]\nmarkup:\n  goldmark:\n    renderer:\n      unsafe: true\n    extensions:\n      typographer: false\n",
    )
    .unwrap();
    let output = Command::new("hugo")
        .args(["--quiet", "--panicOnWarning"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "hugo failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    for page in &pages {
        let relative = page.path.strip_prefix(&content).unwrap().with_extension("");
        let relative = relative.to_str().unwrap().to_lowercase();
        let html =
            std::fs::read_to_string(dir.path().join("public").join(relative).join("index.html"))
                .unwrap_or_else(|error| panic!("{}: {error}", page.path.display()));
        let main = &html[html.find("<main>").unwrap()..html.find("</main>").unwrap()];
        let tabs = labelled_panels(main, "</code>");
        check_rendered(page, main, &tabs, PagePreset::Hugo);
    }
    let page = browser_page(&pages);
    let relative = page.path.strip_prefix(&content).unwrap().with_extension("");
    check_in_browser(
        page,
        &dir.path()
            .join("public")
            .join(relative.to_str().unwrap().to_lowercase())
            .join("index.html"),
        ".samplegen-tabs > label",
        ".samplegen-tabs > [role=tabpanel]",
    );
}

#[test]
fn markdown_pages_show_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let pages = write_pages(PagePreset::Markdown, dir.path());
    for page in &pages {
        let body = &page.text[front_matter(&page.text).len() + 8..];
        let mut html = String::new();
        pulldown_cmark::html::push_html(
            &mut html,
            Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH),
        );
        // one `###` heading per language, its sample right below it
        let mut tabs = Vec::new();
        let mut rest = html.as_str();
        while let Some(start) = rest.find("<h3>") {
            rest = &rest[start + 4..];
            let label = &rest[..rest.find("</h3>").unwrap()];
            let code_end = rest.find("</code>").unwrap();
            tabs.push((decode_references(label), rest[..code_end].to_string()));
            rest = &rest[code_end..];
        }
        let samples_start = tabs.len().saturating_sub(page.samples.len());
        check_rendered(page, &html, &tabs[samples_start..], PagePreset::Markdown);
        if page.path == browser_page(&pages).path {
            // the samples section, as GitHub or any CommonMark renderer shows it
            let start = html.find("<h2>Example request</h2>").unwrap();
            let end = html.find("<h2>Example response</h2>").unwrap_or(html.len());
            let file = dir.path().join("markdown.html");
            std::fs::write(
                &file,
                format!(
                    "<!doctype html><meta charset=utf-8><section>{}</section>",
                    &html[start..end]
                ),
            )
            .unwrap();
            check_in_browser(page, &file, "section h3", "section pre");
        }
    }
}
