//! Large inputs render in linear work: a 3 MB JSON body (three times a spec file's 1 MiB, within
//! the 4 MiB a spec's text may expand to), 1,000 headers, 10,000 form fields; and a curl command
//! with thousands of ReadMe variables imports in linear work.
//! Each is rendered at a quarter of its size and at full size, counting the bytes allocated:
//! linear work allocates about four times as much, quadratic work (a string rebuilt per item)
//! sixteen. Allocation is counted rather than time taken, so that a loaded machine can neither
//! fail the test nor hide a quadratic step behind noise.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use samplegen::config::Config;
use samplegen::model::{self, PageId};
use samplegen::render::Renderer;
use samplegen::spec;

/// The system allocator, counting the bytes this test binary allocates.
struct Counting;

static ALLOCATED: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(layout.size() as u64, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATED.fetch_add(new_size as u64, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The bytes allocated while validating and rendering `source` (the tests of this file run one
/// at a time, see `serial`, so no other test's allocations are counted).
fn render_work(source: &str) -> u64 {
    let spec = spec::parse(source).expect("spec parses");
    let id = PageId {
        module: "m".into(),
        page: "p".into(),
    };
    let renderer = Renderer::new(None).unwrap();
    let before = ALLOCATED.load(Ordering::Relaxed);
    let endpoint = model::validate(spec, id, Path::new("specs/m/p.yaml"), source)
        .unwrap_or_else(|problems| panic!("{}", problems[0]));
    renderer.render(&endpoint, &Config::default()).unwrap();
    ALLOCATED.load(Ordering::Relaxed) - before
}

/// The tests share the allocation counter: one at a time.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

fn assert_linear(name: &str, make: impl Fn(usize) -> String, full: usize) {
    let _one_at_a_time = serial();
    let small = make(full / 4);
    let large = make(full);
    let w_small = render_work(&small).max(1);
    let w_large = render_work(&large);
    let ratio = w_large as f64 / w_small as f64;
    eprintln!(
        "{name}: {w_small} bytes allocated at 1/4 size, {w_large} at full size (x{ratio:.1})"
    );
    assert!(
        ratio < 8.0,
        "{name} grows faster than linearly: x{ratio:.1} the allocations for x4 the input"
    );
}

const HEAD: &str = "title: Large\nrequest:\n  method: POST\n  url: https://api.example.com/v1/x\n";

#[test]
fn a_3_mb_json_body() {
    assert_linear(
        "3 MB JSON body",
        |bytes| {
            let item = r#"{"id": 12345, "name": "O'Brien \"x\"", "tags": ["a", "b"], "ok": true}"#;
            let items = vec![item; bytes / (item.len() + 2)].join(",\n");
            let body = format!("[\n{items}\n]");
            format!(
                "{HEAD}  headers:\n    - Content-Type: application/json\n  body:\n    raw: {}\n",
                serde_json::to_string(&body).unwrap()
            )
        },
        3_000_000,
    );
}

#[test]
fn a_thousand_headers() {
    assert_linear(
        "1,000 headers",
        |n| {
            let headers: String = (0..n)
                .map(|i| {
                    format!(
                        "    - X-Header-{}: value {i} with \"quotes\"\n",
                        i % (n / 2).max(1)
                    )
                })
                .collect();
            format!("{HEAD}  headers:\n{headers}")
        },
        1_000,
    );
}

#[test]
fn ten_thousand_form_fields() {
    assert_linear(
        "10,000 form fields",
        |n| {
            let fields: String = (0..n)
                .map(|i| format!("      - field{}: value & {i}\n", i % (n / 2).max(1)))
                .collect();
            format!("{HEAD}  body:\n    urlencoded:\n{fields}")
        },
        10_000,
    );
}

/// The bytes allocated while importing `text` as curl (see `render_work`).
fn import_work(text: &str) -> u64 {
    let before = ALLOCATED.load(Ordering::Relaxed);
    let import = samplegen::import::read(
        samplegen::import::Format::Curl,
        text,
        samplegen::import::Options::default(),
    )
    .unwrap_or_else(|error| panic!("{error}"));
    assert!(!import.items.is_empty());
    ALLOCATED.load(Ordering::Relaxed) - before
}

#[test]
fn a_command_with_thousands_of_readme_variables() {
    // each `<<name>>` asks whether a later line ends a here-document of that name: asked of
    // the rest of the text each time, that was the square of its length
    let _one_at_a_time = serial();
    let command = |n: usize| {
        let path: String = (0..n).map(|i| format!("/<<id{}>>", i % 7)).collect();
        format!(
            "curl https://api.example.com{path} -H 'Accept: application/json'\n{}",
            "# a comment line\n".repeat(n)
        )
    };
    let w_small = import_work(&command(1_000)).max(1);
    let w_large = import_work(&command(4_000));
    let ratio = w_large as f64 / w_small as f64;
    eprintln!(
        "ReadMe variables: {w_small} bytes at 1/4 size, {w_large} at full size (x{ratio:.1})"
    );
    assert!(ratio < 8.0, "x{ratio:.1} the allocations for x4 the input");
}
