//! Jupyter notebooks (`.ipynb`) as the Markdown page the curl importer reads: Markdown cells as
//! the page's text, shell cells (`%%bash`, IPython's `!curl …` lines) as its code blocks. Each
//! line is put on the notebook file's line that holds it, as Jupyter writes a notebook (one
//! source line per line of JSON), so that a note's line is the file's.

use serde_json::Value;

/// The notebook `text` is, as Markdown lines; `None` when it is no notebook.
pub(super) fn as_markdown(text: &str) -> Option<Vec<String>> {
    let trimmed = text.trim_start();
    if !trimmed.starts_with('{') || !text.contains("\"cells\"") || !text.contains("\"nbformat\"") {
        return None;
    }
    let notebook: Value = serde_json::from_str(text).ok()?;
    notebook.get("nbformat")?;
    let cells: Vec<Cell> = notebook
        .get("cells")?
        .as_array()?
        .iter()
        .filter_map(Cell::read)
        .collect();
    Some(placed(text, &cells).unwrap_or_else(|| one_after_another(&cells)))
}

/// One cell: its source as written, element by element (Jupyter writes one line per element),
/// and the Markdown lines it reads as.
struct Cell {
    elements: Vec<String>,
    /// Whether the cell is Markdown (else code: a fence around it).
    markdown: bool,
    /// The fence's language for a code cell: `bash` for a shell cell.
    language: &'static str,
    lines: Vec<String>,
}

impl Cell {
    fn read(cell: &Value) -> Option<Cell> {
        let elements: Vec<String> = match cell.get("source")? {
            Value::String(text) => vec![text.clone()],
            Value::Array(items) => items
                .iter()
                .map(|item| item.as_str().map(str::to_string))
                .collect::<Option<_>>()?,
            _ => return None,
        };
        let source = elements.concat();
        let lines: Vec<&str> = source.lines().collect();
        match cell.get("cell_type")?.as_str()? {
            "markdown" => Some(Cell {
                lines: lines.iter().map(|line| line.to_string()).collect(),
                elements,
                markdown: true,
                language: "",
            }),
            "code" => {
                let (language, lines) = code_lines(&lines);
                Some(Cell {
                    elements,
                    markdown: false,
                    language,
                    lines,
                })
            }
            // raw cells are no part of the page a reader sees
            _ => None,
        }
    }

    /// The cell's Markdown lines, fenced when it is code.
    fn markdown_lines(&self) -> Vec<String> {
        if self.markdown {
            return self.lines.clone();
        }
        let mut lines = vec![format!("```{}", self.language)];
        lines.extend(self.lines.iter().cloned());
        lines.push("```".to_string());
        lines
    }
}

/// A code cell's language and lines: a `%%bash` (`%%sh`, `%%script bash`, `%%shell`) cell is a
/// shell's lines after its magic; a cell with IPython's `!command` lines is a shell's with
/// those commands alone (the Python lines around them left blank); anything else is Python.
fn code_lines(lines: &[&str]) -> (&'static str, Vec<String>) {
    let magic = lines.first().map(|line| line.trim()).unwrap_or_default();
    let shell_magic = matches!(
        magic,
        "%%bash" | "%%sh" | "%%shell" | "%%script bash" | "%%script sh" | "%%system"
    );
    if shell_magic {
        let mut shell: Vec<String> = vec![String::new()];
        shell.extend(lines[1..].iter().map(|line| line.to_string()));
        return ("bash", shell);
    }
    let escape = |line: &str| {
        let trimmed = line.trim_start();
        // IPython's `res = !curl …` runs the command too, keeping its output's lines
        let trimmed = trimmed
            .split_once('=')
            .filter(|(name, _)| is_python_name(name.trim_end()))
            .map_or(trimmed, |(_, command)| command.trim_start());
        trimmed
            .strip_prefix('!')
            .filter(|command| !command.starts_with('!'))
            .map(|command| ipython_references_named(command).into_owned())
    };
    if lines.iter().any(|line| escape(line).is_some()) {
        // a `!` line continued with `\` goes on to the lines after it, as IPython reads them
        let mut continued = false;
        let shell = lines
            .iter()
            .map(|line| {
                let command = if continued {
                    Some(ipython_references_named(line).into_owned())
                } else {
                    escape(line)
                };
                continued = command
                    .as_deref()
                    .is_some_and(|command| command.trim_end().ends_with('\\'));
                command.unwrap_or_default()
            })
            .collect();
        return ("bash", shell);
    }
    (
        "python",
        lines.iter().map(|line| line.to_string()).collect(),
    )
}

/// An IPython `!` line as the importer reads what IPython runs: IPython writes a Python value in
/// for each `{expr}` before the shell runs, so `{name}` is the spec's variable `{{name}}`
/// (wherever it stands: a header, a file's path in `-d @{data_file}`), and an `{expr}` reading
/// a value through a subscript or an attribute (`{headers['Authorization']}`, `{cfg.url}`) is a
/// placeholder of one name (`{headers_Authorization}`), which the importer reads as a value the
/// reader gives. IPython expands a line whole or not at all: a line with any other brace
/// (`-d '{"a": 1}'`, which it cannot evaluate) is sent as written, braces and all.
pub(super) fn ipython_references_named(line: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        // `{{`: Python's formatting writes one brace; left as written here
        if let Some(escaped) = after.strip_prefix('{') {
            let end = escaped.find("}}").map_or(escaped.len(), |end| end + 2);
            out.push_str(&rest[..open + 2 + end]);
            rest = &escaped[end..];
            continue;
        }
        let Some(close) = after.find('}') else {
            break;
        };
        let expr = &after[..close];
        out.push_str(&rest[..open]);
        if is_python_name(expr) {
            out.push_str("{{");
            out.push_str(expr);
            out.push_str("}}");
        } else if expr.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && expr.chars().all(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '\'' | '"')
            })
            && expr.matches('[').count() == expr.matches(']').count()
        {
            let mut name = String::new();
            for c in expr.chars() {
                if c.is_ascii_alphanumeric() || c == '_' {
                    name.push(c);
                } else if !name.ends_with('_') {
                    name.push('_');
                }
            }
            out.push('{');
            out.push_str(name.trim_end_matches('_'));
            out.push('}');
        } else {
            // an expression IPython cannot evaluate: the line is run as written
            return std::borrow::Cow::Borrowed(line);
        }
        rest = &after[close + 1..];
    }
    if out.is_empty() {
        return std::borrow::Cow::Borrowed(line);
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Whether `name` is a Python variable's name (ASCII: letters, digits and `_`, not first a
/// digit).
fn is_python_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The cells' lines on the lines of the file that hold them, when the notebook is written as
/// Jupyter writes one: each cell's `"source": [` on a line of its own, then one element per line,
/// then `]`. The fences of a code cell go on its `"source"` line and its `]` line.
fn placed(text: &str, cells: &[Cell]) -> Option<Vec<String>> {
    let raw: Vec<&str> = text.lines().collect();
    let mut out = vec![String::new(); raw.len()];
    let mut cursor = 0;
    for cell in cells {
        // an element holding a line break before its end cannot be one line of the file
        let one_line_each = cell
            .elements
            .iter()
            .all(|element| !element.trim_end_matches('\n').contains('\n'));
        if !one_line_each || cell.lines.len() != cell.elements.len() {
            return None;
        }
        let start = (cursor..raw.len()).find(|&index| {
            let line = raw[index].trim();
            line.starts_with("\"source\"") && line.ends_with('[')
        })?;
        let written = |offset: usize| -> Option<String> {
            let line = raw.get(start + 1 + offset)?.trim().trim_end_matches(',');
            serde_json::from_str::<String>(line).ok()
        };
        let matches = cell
            .elements
            .iter()
            .enumerate()
            .all(|(offset, element)| written(offset).as_deref() == Some(element.as_str()));
        let end = start + 1 + cell.elements.len();
        if !matches || !raw.get(end)?.trim().starts_with(']') {
            return None;
        }
        for (offset, line) in cell.lines.iter().enumerate() {
            out[start + 1 + offset] = line.clone();
        }
        if !cell.markdown {
            out[start] = format!("```{}", cell.language);
            out[end] = "```".to_string();
        }
        cursor = end + 1;
    }
    Some(out)
}

/// The cells one after another, a blank line between them: for a notebook written otherwise.
fn one_after_another(cells: &[Cell]) -> Vec<String> {
    let mut out = Vec::new();
    for cell in cells {
        out.extend(cell.markdown_lines());
        out.push(String::new());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notebook(cells: &[(&str, &[&str])]) -> String {
        let cells: Vec<Value> = cells
            .iter()
            .map(|(kind, source)| {
                serde_json::json!({
                    "cell_type": kind,
                    "metadata": {},
                    "outputs": [],
                    "source": source,
                })
            })
            .collect();
        // as Jupyter writes it: an indent of one, one element per line
        let value =
            serde_json::json!({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5});
        let mut out = Vec::new();
        let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
        serde::Serialize::serialize(&value, &mut serializer).unwrap();
        String::from_utf8(out).unwrap()
    }

    // Wallaroo's edge page: IPython writes a Python value in for each `{…}` before the shell
    #[test]
    fn ipython_expressions_become_placeholders_of_one_name() {
        assert_eq!(
            ipython_references_named(
                r#"curl -X POST {deploy_url} -H "Authorization:{headers['Authorization']}" -H "X-Env: {cfg.env}""#
            ),
            r#"curl -X POST {{deploy_url}} -H "Authorization:{headers_Authorization}" -H "X-Env: {cfg_env}""#
        );
        // a Python variable's value, a file's path here, is the spec's variable
        assert_eq!(
            ipython_references_named(r#"curl -d @{data_file} -H 'X-Q: {query}' https://e.com"#),
            r#"curl -d @{{data_file}} -H 'X-Q: {{query}}' https://e.com"#
        );
        // IPython expands the line whole or not at all
        let mixed = r#"curl -H 'X-Q: {query}' -d '{"a": 1}' https://e.com"#;
        assert_eq!(ipython_references_named(mixed), mixed);
        // JSON, which IPython cannot evaluate and leaves
        let json = r#"curl -d '{"a": {"b": 1}}' https://e.com"#;
        assert!(matches!(
            ipython_references_named(json),
            std::borrow::Cow::Borrowed(_)
        ));
        let page = "# Edge\n\n```python\nimport requests\n!curl -X POST https://e.com/infer -H \"Authorization:{headers['Authorization']}\"\n```\n";
        let import = crate::import::curl::import(page).unwrap();
        assert_eq!(
            crate::import::test_support::pairs(&import.items[0].spec.request.headers),
            [crate::import::test_support::pair(
                "Authorization",
                "{{headers_Authorization}}"
            )]
        );
    }

    #[test]
    fn cells_are_read_on_the_lines_that_hold_them() {
        let text = notebook(&[
            ("markdown", &["## Create a user\n", "Send the name:"]),
            (
                "code",
                &[
                    "import os\n",
                    "!curl -X POST https://e.com/u \\\n",
                    "  -d a=1\n",
                    "print(1)",
                ],
            ),
            ("code", &["%%bash\n", "curl https://e.com/u/1"]),
            ("code", &["requests.get('https://e.com')"]),
            // IPython's `name = !command` runs it too; a comparison does not
            (
                "code",
                &[
                    "res=!curl -s https://e.com/p\n",
                    "ok = a != b\n",
                    "print(res)",
                ],
            ),
        ]);
        let lines = as_markdown(&text).unwrap();
        let raw: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), raw.len());
        let at = |needle: &str| raw.iter().position(|line| line.contains(needle)).unwrap();
        assert_eq!(lines[at("## Create")], "## Create a user");
        assert_eq!(lines[at("!curl")], "curl -X POST https://e.com/u \\");
        assert_eq!(lines[at("-d a=1")], "  -d a=1");
        assert_eq!(lines[at("import os")], "");
        assert_eq!(lines[at("print(1)")], "");
        assert_eq!(lines[at("import os") - 1], "```bash");
        assert_eq!(lines[at("print(1)") + 1], "```");
        assert_eq!(
            lines[at("curl https://e.com/u/1")],
            "curl https://e.com/u/1"
        );
        assert_eq!(lines[at("requests.get") - 1], "```python");
        assert_eq!(lines[at("res=!curl")], "curl -s https://e.com/p");
        assert_eq!(lines[at("ok = a")], "");
    }

    #[test]
    fn a_notebook_written_otherwise_is_read_cell_after_cell() {
        let text = r##"{"cells": [{"cell_type": "markdown", "source": "# T\nText"}, {"cell_type": "code", "source": ["!curl https://e.com"]}], "nbformat": 4}"##;
        assert_eq!(
            as_markdown(text).unwrap(),
            [
                "# T",
                "Text",
                "",
                "```bash",
                "curl https://e.com",
                "```",
                ""
            ]
        );
        assert_eq!(as_markdown(r#"{"cells": []}"#), None);
        assert_eq!(as_markdown("# A page"), None);
    }
}
