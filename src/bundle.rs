//! The samples bundle, `output/samples.json` (opt-in, `samples_json: true`): every page's
//! samples with their metadata, for a docs framework samplegen has no page preset for.

use serde_json::{Value, json};

use crate::config::Config;
use crate::model::Endpoint;
use crate::project::Project;
use crate::render::{RenderError, Renderer};

/// The bundle's path below the output directory.
pub const SAMPLES_JSON: &str = "samples.json";

/// One page's entry: the page and its spec, the request, and each target's sample with the
/// file `build` writes it to (`source` is that file's text).
pub fn page_entry(
    project: &Project,
    endpoint: &Endpoint,
    renderer: &Renderer,
    config: &Config,
) -> Result<Value, RenderError> {
    let page = endpoint.id.path();
    let mut samples = Vec::new();
    for target in &config.targets {
        let code = renderer.sample(endpoint, target)?;
        samples.push(json!({
            "target": target.target.id,
            "label": target.label,
            "language": target.target.language,
            "client": target.target.client,
            "fence": target.fence,
            "file": format!("{page}/{}.{}", target.target.id, target.target.extension),
            "source": format!("{code}\n"),
        }));
    }
    let mut entry = json!({
        "page": format!("{page}.md"),
        "spec": project.shown(&endpoint.source).display().to_string(),
        "title": endpoint.title,
        "method": endpoint.request.method,
        "url": endpoint.request.url.raw,
    });
    if let Some(origin) = &endpoint.origin {
        entry["origin"] = json!({ "openapi": origin.openapi, "operation": origin.operation });
    }
    entry["samples"] = Value::Array(samples);
    Ok(entry)
}

/// The bundle's text: the entries of `endpoints`, plus `kept` (the earlier entries of specs that
/// now fail, whose output `build` keeps too), in page order.
pub fn text(
    project: &Project,
    endpoints: &[Endpoint],
    renderer: &Renderer,
    kept: Vec<Value>,
) -> Result<String, RenderError> {
    use rayon::prelude::*;
    let mut pages = endpoints
        .par_iter()
        .map(|endpoint| page_entry(project, endpoint, renderer, &project.config))
        .collect::<Result<Vec<Value>, RenderError>>()?;
    pages.extend(kept);
    pages.sort_by(|a, b| a["page"].as_str().cmp(&b["page"].as_str()));
    let mut text =
        serde_json::to_string_pretty(&json!({ "version": 1, "pages": pages })).expect("JSON");
    text.push('\n');
    Ok(text)
}

/// The entries of an earlier bundle whose spec is one of `specs`.
pub fn entries_of(previous: &str, specs: &std::collections::BTreeSet<String>) -> Vec<Value> {
    let Ok(bundle) = serde_json::from_str::<Value>(previous) else {
        return Vec::new();
    };
    bundle["pages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|page| {
            page["spec"]
                .as_str()
                .is_some_and(|spec| specs.contains(spec))
        })
        .cloned()
        .collect()
}

/// Writes the bundle after a build whose failed specs are `failed`, when the site asks for it
/// and its text changes; returns whether it wrote.
pub fn write(
    project: &Project,
    renderer: &Renderer,
    failed: &std::collections::BTreeSet<String>,
) -> Result<bool, crate::error::Error> {
    let output_dir = project.output_dir();
    let io = |error| crate::error::Error::Io {
        path: output_dir.join(SAMPLES_JSON),
        error,
    };
    let on_disk = crate::fs_safe::Confined::new(&output_dir);
    let previous = on_disk
        .read(SAMPLES_JSON, 1 << 30)
        .map_err(io)?
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
    let specs = project.load_specs()?;
    let kept = previous
        .as_deref()
        .map(|previous| entries_of(previous, failed))
        .unwrap_or_default();
    let text = text(project, &specs.endpoints, renderer, kept)?;
    if previous.as_deref() == Some(text.as_str()) {
        return Ok(false);
    }
    on_disk.write(SAMPLES_JSON, text.as_bytes()).map_err(io)?;
    Ok(true)
}

/// The bundle's drift for `check`, when the site asks for it.
pub fn drift(
    project: &Project,
    renderer: &Renderer,
) -> Result<Option<crate::output::Drift>, crate::error::Error> {
    let output_dir = project.output_dir();
    let specs = project.load_specs()?;
    let text = text(project, &specs.endpoints, renderer, Vec::new())?;
    crate::output::compare(
        &crate::fs_safe::Confined::new(&output_dir),
        SAMPLES_JSON,
        &text,
    )
    .map_err(|error| crate::error::Error::Io {
        path: output_dir.join(SAMPLES_JSON),
        error,
    })
}
