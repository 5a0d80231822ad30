//! The values an import found for its `{{variables}}`, added to the project's `samplegen.yaml`
//! under `variables:`, the rest of the file (comments included) left as written. A name the
//! config sets to another value (a second API's `baseUrl`) is set in each imported spec that
//! writes it instead, so that every spec sends what its own input says; one the config reads as
//! a secret keeps being read.

use indexmap::IndexMap;

use crate::filters::yaml::yaml_scalar;
use crate::import::Import;
use crate::sample_values::SampleValues;

/// What merging did: the names added, and those kept as the config has them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Merge {
    /// The config text with the added variables, when there are any.
    pub text: Option<String>,
    pub added: Vec<String>,
    pub kept: Vec<String>,
}

/// How the import's variables met the config's (see the module's documentation).
#[derive(Debug, Default)]
pub struct Settled {
    /// The variables the imported specs write that the import gives no value and the config
    /// sets (another input's `baseUrl`, or one set by hand), with the value they take: worth
    /// saying, since the specs then send to what the config says.
    pub taken_from_config: Vec<(String, String)>,
    /// The import's variables the config sets to another value, moved into the imported specs
    /// that write `{{name}}` (as their own `variables:`) and out of the import's list, with how
    /// many specs took each. One no spec writes stays in the list (the config's is kept).
    pub set_in_specs: Vec<(String, usize)>,
    /// The import's variables no imported spec writes (nor the value of one that does), left
    /// out of the config: they would set nothing.
    pub unused: Vec<String>,
}

/// Settles the import's variables against the config's values, `current`; the specs are
/// written out to look for `{{name}}` once, and only when a name needs looking for.
pub fn settle(import: &mut Import, current: &SampleValues) -> Settled {
    // an empty value the input gives (a collection's token left for its user to fill in) is no
    // value next to the one the config sets: the config's is kept
    import.variables.retain(|name, value| {
        !value.is_empty() || current.variables.get(name).is_none_or(String::is_empty)
    });
    let mut written = None;
    let mut unused = Vec::new();
    if !import.variables.is_empty() {
        let specs = written_specs(import);
        unused = keep_only_used(&mut import.variables, &specs);
        written = Some(specs);
    }
    let lacking: Vec<(&String, &String)> = current
        .variables
        .iter()
        .filter(|(name, _)| !import.variables.contains_key(*name))
        .collect();
    let differing: Vec<(String, String)> = import
        .variables
        .iter()
        .filter(|(name, value)| current.variables.get(*name).is_some_and(|v| v != *value))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    if lacking.is_empty() && differing.is_empty() {
        return Settled {
            unused,
            ..Settled::default()
        };
    }
    let written = written.unwrap_or_else(|| written_specs(import));
    let written_as = |name: &str| format!("{{{{{name}}}}}");
    let taken_from_config = lacking
        .into_iter()
        .filter(|(name, _)| {
            let variable = written_as(name);
            written.iter().any(|spec| spec.contains(&variable))
        })
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    let mut set_in_specs = Vec::new();
    for (name, value) in differing {
        let variable = written_as(&name);
        let mut specs = 0;
        for (item, spec) in import.items.iter_mut().zip(&written) {
            if spec.contains(&variable) {
                item.spec
                    .variables
                    .get_or_insert_with(IndexMap::new)
                    .insert(name.clone(), value.clone());
                specs += 1;
            }
        }
        if specs > 0 {
            import.variables.shift_remove(&name);
            set_in_specs.push((name, specs));
        }
    }
    Settled {
        taken_from_config,
        set_in_specs,
        unused,
    }
}

/// Each spec as it will be written: every place a variable can be; empty for one that would
/// not be valid, which is not written (a gRPC request of a Postman collection).
fn written_specs(import: &Import) -> Vec<String> {
    let (path, id) = (
        std::path::Path::new("imported.yaml"),
        crate::model::PageId {
            module: "imported".into(),
            page: "imported".into(),
        },
    );
    import
        .items
        .iter()
        .map(|item| crate::import::to_valid_yaml(&item.spec, path, id.clone()).unwrap_or_default())
        .collect()
}

/// Leaves in `variables` only those a spec of `written` writes as `{{name}}`, or the value of
/// one kept writes (`baseUrl: {{host}}/v1`): a collection's variables that only its scripts
/// read, or that only requests not imported (gRPC, WebSocket) wrote, set nothing in any sample.
/// Returns the names left out.
fn keep_only_used(variables: &mut IndexMap<String, String>, written: &[String]) -> Vec<String> {
    let written_as = |name: &str| format!("{{{{{name}}}}}");
    let mut used: Vec<bool> = variables
        .keys()
        .map(|name| {
            let variable = written_as(name);
            written.iter().any(|spec| spec.contains(&variable))
        })
        .collect();
    // through the values of those used, until no more are found
    let mut grew = true;
    while grew {
        grew = false;
        for index in 0..used.len() {
            if used[index] {
                continue;
            }
            let variable = written_as(variables.get_index(index).expect("in range").0);
            let reached = variables
                .values()
                .zip(&used)
                .any(|(value, &used)| used && value.contains(&variable));
            if reached {
                used[index] = true;
                grew = true;
            }
        }
    }
    let unused = variables
        .keys()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(name, _)| name.clone())
        .collect();
    let mut kept = used.into_iter();
    variables.retain(|_, _| kept.next().expect("one per variable"));
    unused
}

/// Whether a line is `variables: {}`, a mapping that sets nothing.
fn is_empty_flow_variables(line: &str) -> bool {
    line.strip_prefix("variables:")
        .is_some_and(|rest| rest.replace([' ', '\t'], "") == "{}")
}

/// `source` (the config's text, empty when there is none) with each of `found` that `current`
/// does not set added to its `variables:`; `Err` when the file's `variables:` is written in a
/// way this cannot add to (flow style, `variables: {…}`).
pub fn merge(
    source: &str,
    current: &SampleValues,
    found: &IndexMap<String, String>,
) -> Result<Merge, String> {
    let mut merge = Merge::default();
    let mut lines = String::new();
    // a file that is one flow-style mapping: `{}`, which sets nothing, is as good as empty;
    // lines cannot be added to any other
    let content: Vec<&str> = source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect();
    let source = match content.first() {
        Some(first) if first.starts_with('{') => {
            if content.concat().replace([' ', '\t'], "") != "{}" {
                return Err(
                    "it is one flow-style mapping (`{…}`); add them to its `variables` yourself"
                        .into(),
                );
            }
            let without: Vec<&str> = source.lines().filter(|line| line.trim() != "{}").collect();
            &without.join("\n")
        }
        _ => source,
    };
    // `variables: {}` sets nothing: it is as good as a block with no lines yet
    let emptied: String;
    let source = if source.lines().any(is_empty_flow_variables) {
        emptied = source
            .lines()
            .map(|line| {
                if is_empty_flow_variables(line) {
                    "variables:"
                } else {
                    line
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + if source.ends_with('\n') { "\n" } else { "" };
        emptied.as_str()
    } else {
        source
    };
    let existing = source.lines().find(|line| {
        line.strip_prefix("variables:")
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '#', '{']))
    });
    // the indentation of the existing block's entries, two spaces when it has none yet
    let indent = match existing {
        Some(line)
            if !line["variables:".len()..].trim_start().is_empty()
                && !line["variables:".len()..].trim_start().starts_with('#') =>
        {
            return Err(
                "its `variables:` is not a block of `name: value` lines; add them there yourself"
                    .into(),
            );
        }
        Some(line) => {
            let after = source
                .split_once(&format!("{line}\n"))
                .map(|(_, rest)| rest);
            after
                .and_then(|rest| rest.lines().find(|l| !l.trim().is_empty()))
                .map(|next| next.len() - next.trim_start().len())
                .filter(|&n| n > 0)
                .unwrap_or(2)
        }
        None => 2,
    };
    for (name, value) in found {
        if current.variables.contains_key(name) || current.secrets.contains_key(name) {
            merge.kept.push(name.clone());
            continue;
        }
        lines.push_str(&format!(
            "{}{}: {}\n",
            " ".repeat(indent),
            yaml_scalar(name),
            yaml_scalar(value)
        ));
        merge.added.push(name.clone());
    }
    if merge.added.is_empty() {
        return Ok(merge);
    }
    merge.text = Some(match existing {
        Some(line) => source.replacen(&format!("{line}\n"), &format!("{line}\n{lines}"), 1),
        None => {
            let mut text = source.to_string();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(
                "# Values set in every sample where `{{name}}` is written (added by `samplegen import`).\nvariables:\n",
            );
            text.push_str(&lines);
            text
        }
    });
    Ok(merge)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::Config;

    fn found(pairs: &[(&str, &str)]) -> IndexMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn values(source: &str) -> SampleValues {
        Config::parse(Path::new("samplegen.yaml"), source)
            .unwrap()
            .sample_values
    }

    #[test]
    fn an_empty_value_found_gives_way_to_the_configs() {
        let source = "variables:\n  token: abc\n  tenant: ''\n";
        let mut import = Import {
            variables: found(&[("token", ""), ("tenant", ""), ("id", "")]),
            ..Import::default()
        };
        import.items.push(crate::import::Imported {
            dirs: Vec::new(),
            name: "r".into(),
            spec: crate::spec::parse(
                "title: t\nrequest: {method: GET, url: 'https://e.com/{{id}}?t={{tenant}}&k={{token}}'}\n",
            )
            .unwrap(),
            origin: String::new(),
        });
        let settled = settle(&mut import, &values(source));
        // the config's token is the value; the empty ones it lacks or sets empty stay offered
        assert_eq!(import.variables, found(&[("tenant", ""), ("id", "")]));
        assert_eq!(
            settled.taken_from_config,
            [("token".to_string(), "abc".to_string())]
        );
        assert!(settled.set_in_specs.is_empty());
    }

    #[test]
    fn a_project_without_variables_gets_a_block() {
        let source = "component: x\n";
        let merge = merge(
            source,
            &values(source),
            &found(&[("baseUrl", "https://e.com/v1")]),
        )
        .unwrap();
        let text = merge.text.unwrap();
        assert!(text.starts_with("component: x\n\n# Values"), "{text}");
        assert!(
            text.ends_with("variables:\n  baseUrl: https://e.com/v1\n"),
            "{text}"
        );
        assert_eq!(values(&text).variables["baseUrl"], "https://e.com/v1");
        let empty = super::merge("", &SampleValues::default(), &found(&[("a", "1")])).unwrap();
        assert_eq!(values(&empty.text.unwrap()).variables["a"], "1");
    }

    #[test]
    fn a_flow_style_file_is_empty_when_it_is_and_else_left_alone() {
        let source = "# the house style\n{}\n";
        let merge = merge(source, &values(source), &found(&[("a", "1")])).unwrap();
        let text = merge.text.unwrap();
        assert!(text.starts_with("# the house style\n"), "{text}");
        assert_eq!(values(&text).variables["a"], "1");
        let source = "{component: x}\n";
        assert!(super::merge(source, &values(source), &found(&[("a", "1")])).is_err());
    }

    #[test]
    fn existing_values_are_kept_and_new_ones_join_the_block() {
        let source = "variables:\n    baseUrl: https://mine.example\nsecrets: [token]\n";
        let merge = merge(
            source,
            &values(source),
            &found(&[
                ("baseUrl", "https://theirs"),
                ("token", "t"),
                ("id", "#1: x"),
            ]),
        )
        .unwrap();
        assert_eq!(merge.kept, ["baseUrl", "token"]);
        assert_eq!(merge.added, ["id"]);
        let text = merge.text.unwrap();
        let merged = values(&text);
        assert_eq!(merged.variables["baseUrl"], "https://mine.example");
        assert_eq!(merged.variables["id"], "#1: x");
        assert!(
            text.contains("variables:\n    \"id\"") || text.contains("variables:\n    id:"),
            "{text}"
        );
    }

    #[test]
    fn a_flow_style_block_is_left_to_the_writer() {
        let source = "variables: {a: b}\n";
        assert!(merge(source, &values(source), &found(&[("c", "d")])).is_err());
        // but an empty one sets nothing: the values become its block
        let source = "component: x\nvariables: { }\n";
        let text = merge(source, &values(source), &found(&[("c", "d")]))
            .unwrap()
            .text
            .unwrap();
        assert_eq!(values(&text).variables["c"], "d");
        assert!(text.starts_with("component: x\nvariables:\n"), "{text}");
    }
}
