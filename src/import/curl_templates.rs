//! Configuration files a template engine renders before any shell runs their commands: an
//! Ansible playbook's Jinja (`{{ api_host }}`, `{{ ttl | default(300) }}`) and a Helm chart's Go
//! templates (`{{ .Values.api.host }}`, `{{ include "app.fullname" . }}`). What they fill in is
//! the reader's value wherever it stands, a body's JSON too, so each becomes the variable its
//! name makes, `{{api_host}}`, before the shell's reading; a Helm chart's lines of control
//! alone (`{{- if .Values.seed }}`, `{{- end }}`) are left out.

use super::placeholders::{is_template_name, template_output_name};

/// The text with each template expression of an Ansible playbook or a Helm chart written as the
/// variable it names, and those expressions as written with that name, each once; `None` for
/// any other text (a page's `{{ name }}` in a body may be the body's own template, Mustache's).
pub(super) fn rendered_templates_read(text: &str) -> Option<(String, Vec<(String, String)>)> {
    let engine = engine(text)?;
    let mut read = Vec::new();
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        // `{{- if .Values.seed }}`, `{{ end }}`: the chart's control, no line of a command
        if engine == Engine::Helm && is_control_line(content) {
            out.push_str(&line[content.len()..]);
            continue;
        }
        out.push_str(&expressions_written(content, &mut read));
        out.push_str(&line[content.len()..]);
    }
    (!read.is_empty()).then_some((out, read))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Engine {
    Ansible,
    Helm,
}

/// Which engine renders the text, when it is a configuration file one renders: a Helm chart's
/// template (a Kubernetes object, `apiVersion:`, with `{{ .Values.…` or `{{ include`), or an
/// Ansible playbook or task file (a task's `shell:` or `command:`, qualified too, beside `-
/// name:` or `hosts:`). A Markdown page (a fence) is neither.
fn engine(text: &str) -> Option<Engine> {
    if !text.contains("{{") || text.contains("```") {
        return None;
    }
    let keyed = |key: &str| {
        text.lines().any(|line| {
            let line = line.trim_start();
            let line = line.strip_prefix("- ").unwrap_or(line).trim_start();
            line.starts_with(key)
        })
    };
    if keyed("apiVersion:")
        && (text.contains("{{ .Values.")
            || text.contains("{{- .Values.")
            || text.contains("{{ include ")
            || text.contains("{{ .Release."))
    {
        return Some(Engine::Helm);
    }
    let runs_a_command = [
        "shell:",
        "command:",
        "ansible.builtin.shell:",
        "ansible.builtin.command:",
        "ansible.legacy.shell:",
        "ansible.legacy.command:",
    ]
    .iter()
    .any(|key| keyed(key));
    (runs_a_command && (keyed("name:") || keyed("hosts:")) && !keyed("apiVersion:"))
        .then_some(Engine::Ansible)
}

/// Whether a line is one template action of control and nothing else (`{{- if .Values.x }}`,
/// `{{ else }}`, `{{- end -}}`, `{{/* a comment */}}`).
fn is_control_line(line: &str) -> bool {
    let Some(inner) = line
        .trim()
        .strip_prefix("{{")
        .and_then(|rest| rest.strip_suffix("}}"))
    else {
        return false;
    };
    if inner.contains("}}") {
        return false;
    }
    let inner = inner.trim_matches('-').trim();
    let keyword = inner.split_whitespace().next().unwrap_or_default();
    inner.starts_with("/*")
        || matches!(
            keyword,
            "if" | "else" | "end" | "range" | "with" | "define" | "block" | "template"
        )
}

/// `line` with each `{{ expression }}` that names a value written `{{name}}` (added to `read`
/// as written, with the name, once); another expression, and a spec's own `{{name}}` (no
/// blanks), as written.
fn expressions_written(line: &str, read: &mut Vec<(String, String)>) -> String {
    crate::sample_values::map_variables(line, |inner| {
        let name = value_name(inner)?;
        let variable = format!("{{{{{name}}}}}");
        let written = format!("{{{{{inner}}}}}");
        if !read.iter().any(|(w, _)| *w == written) {
            read.push((written, name));
        }
        Some(variable)
    })
}

/// The name of the value an expression between `{{` and `}}` gives: a path's last name
/// (`.Values.api.host`, `item.name`, `api_host`), before any filter or pipe (`ttl |
/// default(300)`, `.Values.token | quote`), or the last part of the name of a template
/// `include`d (`include "app.fullname" .`, the chart's own host); `None` for anything else, and
/// for a spec's own `{{name}}`, which has no blanks inside.
fn value_name(inner: &str) -> Option<String> {
    let trimmed = inner.trim_matches('-');
    if trimmed.trim() == trimmed {
        return None;
    }
    let first = trimmed.split('|').next().unwrap_or(trimmed).trim();
    if let Some(included) = first.strip_prefix("include ") {
        // (its quotes escaped too, in a JSON or YAML string: `include \"app.fullname\" .`)
        let included = included.replace('\\', "");
        let name = included.trim().strip_prefix('"')?.split('"').next()?;
        return name
            .rsplit('.')
            .next()
            .filter(|part| is_template_name(part))
            .map(str::to_string);
    }
    // a function of a path (`default 22 .Values.sftp.port`): the path, its last argument
    let words: Vec<&str> = first.split_whitespace().collect();
    let path = match words.as_slice() {
        [path] => *path,
        [function, .., last] if is_template_name(function) && last.starts_with(['.', '$']) => *last,
        _ => return None,
    };
    // a template's own variable (`$sftp_svc`), or a path, as a site template's `{{
    // site.api_root }}` is read
    let path = path.strip_prefix('$').unwrap_or(path);
    template_output_name(&format!(" {path} ")).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    // the review `wild`'s min-a1.yml: Ansible renders a task's Jinja before the shell runs,
    // in a body as in the URL
    #[test]
    fn an_ansible_tasks_jinja_is_the_values_it_names() {
        let playbook = concat!(
            "- name: Create record\n",
            "  ansible.builtin.shell: >\n",
            "    curl -X POST http://{{ api_host }}/records\n",
            "    -d '{\"name\": \"{{ record_name }}\", \"ttl\": {{ ttl | default(300) }}}'\n",
            "    -H 'X-Id: {{id}}'\n",
        );
        let (text, read) = rendered_templates_read(playbook).unwrap();
        assert_eq!(
            text,
            concat!(
                "- name: Create record\n",
                "  ansible.builtin.shell: >\n",
                "    curl -X POST http://{{api_host}}/records\n",
                "    -d '{\"name\": \"{{record_name}}\", \"ttl\": {{ttl}}}'\n",
                "    -H 'X-Id: {{id}}'\n",
            )
        );
        let written: Vec<&str> = read.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            written,
            [
                "{{ api_host }}",
                "{{ record_name }}",
                "{{ ttl | default(300) }}"
            ]
        );
    }

    // the review `wild`'s helm-configmap.yaml and min-hm.yaml: the chart's own host, its values,
    // and its control lines
    #[test]
    fn a_helm_charts_templates_are_the_values_they_name() {
        let chart = concat!(
            "apiVersion: batch/v1\n",
            "kind: Job\n",
            "spec:\n",
            "  template:\n",
            "    spec:\n",
            "      containers:\n",
            "      - name: seed\n",
            "        command: [\"sh\", \"-c\", \"curl -X POST http://{{ include \\\"app.fullname\\\" . }}:8080/api/seed -H 'X-Token: {{ .Values.seed.token | quote }}' -d 'sftp://{{ $svc }}:{{ default 22 .Values.sftp.port }}'\"]\n",
            "{{- if .Values.extra }}\n",
            "      - name: extra\n",
            "{{- end }}\n",
        );
        let (text, read) = rendered_templates_read(chart).unwrap();
        assert!(
            text.contains("curl -X POST http://{{fullname}}:8080/api/seed -H 'X-Token: {{token}}' -d 'sftp://{{svc}}:{{port}}'"),
            "{text}"
        );
        assert!(
            !text.contains("{{- if") && !text.contains("{{- end"),
            "{text}"
        );
        assert_eq!(text.lines().count(), chart.lines().count());
        let names: Vec<&str> = read.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names, ["fullname", "token", "svc", "port"]);
    }

    #[test]
    fn other_texts_are_no_rendered_templates() {
        for text in [
            // a page showing a body's own Mustache template
            "# Send\n\n```bash\ncurl -d '{\"t\": \"Hi {{ name }}\"}' https://e.com\n```\n",
            // a script, and a Kubernetes manifest without Helm
            "curl -d 'Hi {{ name }}' https://e.com\n",
            "apiVersion: v1\nkind: Pod\ncommand: [\"curl\", \"-d\", \"{{ x }}\", \"https://e.com\"]\n",
        ] {
            assert_eq!(rendered_templates_read(text), None, "{text}");
        }
    }
}
