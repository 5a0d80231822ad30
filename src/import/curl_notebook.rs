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
        ipython_command(line).map(|command| ipython_references_named(command).into_owned())
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

/// An IPython `!` line as the importer reads what IPython runs: IPython formats the line as
/// Python's `str.format` does before the shell runs it, so each `{expr}` is a Python value, the
/// spec's variable (`{name}` is `{{name}}`; one read through an attribute or a subscript,
/// `{headers['Content-Type']}`, `{{headers_Content_Type}}`), wherever it stands (a header, a
/// file's path in `-d @{data_file}`, a body), and `{{` and `}}` are one brace each. IPython
/// formats a line whole or not at all: a line with anything else in braces (`-d '{"a": 1}'`,
/// which it cannot evaluate) or a lone `}` is run as written, braces and all.
pub(super) fn ipython_references_named(line: &str) -> std::borrow::Cow<'_, str> {
    match ipython_formatted(line) {
        Some((formatted, _)) => std::borrow::Cow::Owned(formatted),
        None => std::borrow::Cow::Borrowed(line),
    }
}

/// The `{expr}`s IPython fills in the `!` lines of `text` (a notebook's, or a page's Python
/// blocks), each as written with the variable the spec names it by, in order, once each: what a
/// note says.
pub(super) fn ipython_fields(text: &str) -> Vec<(String, String)> {
    // a notebook's cells as their source reads, not its file's JSON lines (where a line
    // continued with `\` ends in `\\n",`)
    let sources = notebook_sources(text);
    let text = sources.as_deref().unwrap_or(text);
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        // (a notebook file's source lines are JSON strings: their quote first)
        let Some(command) = ipython_command(line.trim_start().trim_start_matches(['"', '\'']))
        else {
            continue;
        };
        // a line continued with `\` goes on to the lines after it: one line to IPython
        let mut command = command.to_string();
        while command.trim_end().ends_with('\\')
            && let Some(next) = lines.next()
        {
            command.push('\n');
            command.push_str(next);
        }
        if let Some((_, found)) = ipython_formatted(&command) {
            for field in found {
                if !fields.contains(&field) {
                    fields.push(field);
                }
            }
        }
    }
    fields
}

/// The sources of a notebook's code cells, one after another; `None` for a text that is no
/// notebook.
fn notebook_sources(text: &str) -> Option<String> {
    if !text.trim_start().starts_with('{') || !text.contains("\"nbformat\"") {
        return None;
    }
    let notebook: Value = serde_json::from_str(text).ok()?;
    let cells = notebook.get("cells")?.as_array()?;
    let sources: Vec<String> = cells
        .iter()
        .filter_map(Cell::read)
        .filter(|cell| !cell.markdown)
        .map(|cell| cell.elements.concat())
        .collect();
    Some(sources.join("\n"))
}

/// The shell command of an IPython `!` line (`!curl …`, and `res = !curl …`, which runs the
/// command too, keeping its output's lines); `None` for any other line (`!!`, Python).
fn ipython_command(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let trimmed = trimmed
        .split_once('=')
        .filter(|(name, _)| is_python_name(name.trim_end()))
        .map_or(trimmed, |(_, command)| command.trim_start());
    trimmed
        .strip_prefix('!')
        .filter(|command| !command.starts_with('!'))
}

/// `line` formatted as IPython formats a `!` line, with the fields it fills (each as written,
/// and its variable's name); `None` when IPython would run it as written, or it holds no braces.
fn ipython_formatted(line: &str) -> Option<(String, Vec<(String, String)>)> {
    if !line.contains(['{', '}']) {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    let mut fields = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let brace = &rest[at..];
        if brace.starts_with("{{") || brace.starts_with("}}") {
            out.push_str(&brace[..1]);
            rest = &brace[2..];
            continue;
        }
        if brace.starts_with('}') {
            // "Single '}' encountered in format string"
            return None;
        }
        let close = brace.find('}')?;
        let expr = &brace[1..close];
        let name = python_reference_name(expr)?;
        out.push_str(&format!("{{{{{name}}}}}"));
        fields.push((format!("{{{expr}}}"), name));
        rest = &brace[close + 1..];
    }
    out.push_str(rest);
    Some((out, fields))
}

/// The one name a Python reference IPython can fill is written as (`name`; `headers['Content-Type']`
/// as `headers_Content_Type`, `cfg.url` as `cfg_url`): a name, then attributes and subscripts
/// of a quoted key or a number; `None` for anything else (`"a": 1`).
fn python_reference_name(expr: &str) -> Option<String> {
    let mut rest = expr;
    let first_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let first = &rest[..first_end];
    if !is_python_name(first) {
        return None;
    }
    let mut parts = vec![first.to_string()];
    rest = &rest[first_end..];
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            if !is_python_name(&after[..end]) {
                return None;
            }
            parts.push(after[..end].to_string());
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let (key, after) = match after.chars().next()? {
                quote @ ('\'' | '"') => {
                    let end = after[1..].find(quote)? + 1;
                    (&after[1..end], after[end + 1..].strip_prefix(']')?)
                }
                _ => {
                    let end = after.find(']')?;
                    let key = &after[..end];
                    if !key.chars().all(|c| c.is_ascii_digit()) || key.is_empty() {
                        return None;
                    }
                    (key, &after[end + 1..])
                }
            };
            parts.push(key.to_string());
            rest = after;
        } else {
            return None;
        }
    }
    let mut name = String::new();
    for c in parts.join("_").chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            name.push(c);
        } else if !name.ends_with('_') {
            name.push('_');
        }
    }
    Some(name.trim_end_matches('_').to_string())
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
                r#"curl -X POST {deploy_url} -H "Authorization:{headers['Authorization']}" -H "X-Env: {cfg.env}" -H "C: {headers['Content-Type']}""#
            ),
            r#"curl -X POST {{deploy_url}} -H "Authorization:{{headers_Authorization}}" -H "X-Env: {{cfg_env}}" -H "C: {{headers_Content_Type}}""#
        );
        // a Python variable's value, a file's path here, is the spec's variable
        assert_eq!(
            ipython_references_named(r#"curl -d @{data_file} -H 'X-Q: {query}' https://e.com"#),
            r#"curl -d @{{data_file}} -H 'X-Q: {{query}}' https://e.com"#
        );
        // `{{` and `}}` are one brace each, as `str.format` writes them
        assert_eq!(
            ipython_references_named(r#"curl -d '{{"text": "{text}"}}' {url}"#),
            r#"curl -d '{"text": "{{text}}"}' {{url}}"#
        );
        // IPython formats the line whole or not at all
        for as_written in [
            r#"curl -H 'X-Q: {query}' -d '{"a": 1}' https://e.com"#,
            r#"curl -d '{"a": {"b": 1}}' https://e.com"#,
            "curl https://e.com/}",
        ] {
            assert_eq!(ipython_references_named(as_written), as_written);
        }
        let page = "# Edge\n\n```python\nimport requests\n!curl -X POST https://e.com/infer -H \"Authorization:{headers['Authorization']}\"\n```\n";
        let import = crate::import::curl::import(page).unwrap();
        assert_eq!(
            crate::import::test_support::pairs(&import.items[0].spec.request.headers),
            [crate::import::test_support::pair(
                "Authorization",
                "{{headers_Authorization}}"
            )]
        );
        assert!(
            import.notes.iter().any(|n| n
                .message
                .contains("IPython writes the Python value of `{headers['Authorization']}` in")),
            "{:?}",
            import.notes
        );
        // a command continued over lines is one line to IPython, every field of it named
        let continued = "# Edge\n\n```python\n!curl -X POST {deploy_url} \\\n  -H \"Authorization:{token}\"\n```\n";
        let import = crate::import::curl::import(continued).unwrap();
        assert!(
            import
                .notes
                .iter()
                .any(|n| n.message.contains("`{deploy_url}`, `{token}`")),
            "{:?}",
            import.notes
        );
        // so in a notebook's file, whose JSON writes each line as a string: one with JSON in
        // braces is run as written, nothing filled
        let cell = |lines: &[&str]| {
            serde_json::json!({"cells": [{"cell_type": "code", "source": lines}], "nbformat": 4})
                .to_string()
        };
        let fields = ipython_fields(&cell(&[
            "!curl -H 'Authorization: Bearer {token}' \\\n",
            "  -d '{\"a\": 1}' {url}\n",
        ]));
        assert_eq!(fields, []);
        let fields = ipython_fields(&cell(&[
            "!curl -H 'Authorization: Bearer {token}' \\\n",
            "  {url}\n",
        ]));
        assert_eq!(
            fields,
            [
                ("{token}".to_string(), "token".to_string()),
                ("{url}".to_string(), "url".to_string())
            ]
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
