//! Large inputs render in linear time: a 10 MB JSON body, 1,000 headers, 10,000 form fields.
//! Each is rendered at a quarter of its size and at full size; linear work takes about four times
//! as long, quadratic work sixteen. The bound allows for noise without letting quadratic through.

use std::path::Path;
use std::time::{Duration, Instant};

use samplegen::config::Config;
use samplegen::model::{self, PageId};
use samplegen::render::Renderer;
use samplegen::spec;

fn render_time(source: &str) -> Duration {
    let spec = spec::parse(source).expect("spec parses");
    let id = PageId {
        module: "m".into(),
        page: "p".into(),
    };
    let renderer = Renderer::new(None).unwrap();
    let started = Instant::now();
    let endpoint = model::validate(spec, id, Path::new("specs/m/p.yaml"), source)
        .unwrap_or_else(|problems| panic!("{}", problems[0]));
    renderer.render(&endpoint, &Config::default()).unwrap();
    started.elapsed()
}

fn assert_linear(name: &str, make: impl Fn(usize) -> String, full: usize) {
    let small = make(full / 4);
    let large = make(full);
    // warm up allocators and caches once
    render_time(&small);
    let t_small = render_time(&small).max(Duration::from_millis(1));
    let t_large = render_time(&large);
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
    eprintln!("{name}: {t_small:?} at 1/4 size, {t_large:?} at full size (x{ratio:.1})");
    assert!(
        ratio < 10.0,
        "{name} grows faster than linearly: x{ratio:.1}"
    );
}

const HEAD: &str = "title: Large\nrequest:\n  method: POST\n  url: https://api.example.com/v1/x\n";

#[test]
fn a_10_mb_json_body() {
    assert_linear(
        "10 MB JSON body",
        |bytes| {
            let item = r#"{"id": 12345, "name": "O'Brien \"x\"", "tags": ["a", "b"], "ok": true}"#;
            let items = vec![item; bytes / (item.len() + 2)].join(",\n");
            let body = format!("[\n{items}\n]");
            format!(
                "{HEAD}  headers:\n    - Content-Type: application/json\n  body:\n    raw: {}\n",
                serde_json::to_string(&body).unwrap()
            )
        },
        10_000_000,
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
