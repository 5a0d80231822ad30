//! Documentation placeholders as the `{{variables}}` they stand for: `<API_TOKEN>`,
//! `<elasticsearch url>`, and in a URL also `{id}` and a host's `[region]`. Commands in API docs
//! are full of them, and as written no client can send them (`https://<host>/v1` is no URL).

/// One placeholder replaced: as written, and the variable's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub written: String,
    pub name: String,
}

/// The longest placeholder name taken; a longer `<…>` is text (an HTML fragment, a sentence).
const MAX_NAME: usize = 64;

/// `text` with each `<NAME>` as `{{NAME}}` (blanks in the name as `_`), and the placeholders.
pub fn in_text(text: &str, found: &mut Vec<Placeholder>) -> String {
    replace(text, found, angle)
}

/// A header's or a credential's value with each `<NAME>` and `{NAME}` as `{{NAME}}`
/// (`Bearer {access_token}`), and a template's output tag as the variable it names (`-u
/// 'AC123:{{ auth_token }}'`, as Twilio's snippets write it): no header value is written so but
/// to be filled in.
pub fn in_value(text: &str, found: &mut Vec<Placeholder>) -> String {
    let templated = template_outputs(text, found);
    let text = templated.as_deref().unwrap_or(text);
    replace(text, found, |rest| {
        // a word of its own: `${name}` and `#{name}` are a shell's or Ruby's interpolation
        let before = text[..text.len() - rest.len()].chars().next_back();
        let own_word =
            before.is_none_or(|c| c.is_whitespace() || matches!(c, '=' | ':' | ',' | '/'));
        angle(rest).or_else(|| own_word.then(|| braced(rest)).flatten())
    })
}

/// A JSON body with each `<NAME>` placeholder as `{{NAME}}`, in a string (`"model":
/// "<MODEL_UID>"`) or for a value (`"assistant_id": <ASSISTANT_ID>`), when the body is JSON so
/// (once each variable holds a value); `None` when it has none, or is no JSON either way. A
/// name all in small letters (`<b>`, `<div>`) is markup, not a placeholder.
pub fn in_json_body(body: &str, found: &mut Vec<Placeholder>) -> Option<String> {
    // a `{NAME}` the command's URL, a header or a credential already takes as a placeholder
    // (`-H 'x-org-id: {ORG_ID}'`) stands for the same value here (`"imsOrgId": "{ORG_ID}"`)
    let braced: Vec<Placeholder> = found
        .iter()
        .filter(|p| p.written.starts_with('{') && !p.written.starts_with("{{"))
        .cloned()
        .collect();
    let mut placed = Vec::new();
    let replaced = replace(body, &mut placed, |rest| {
        angle(rest)
            .filter(|(length, _)| {
                let name = &rest[1..length - 1];
                name.contains(|c: char| c.is_ascii_uppercase() || matches!(c, '_' | '-' | ' '))
            })
            .or_else(|| {
                braced
                    .iter()
                    .find(|p| rest.starts_with(p.written.as_str()))
                    .map(|p| (p.written.len(), p.name.clone()))
            })
    });
    if placed.is_empty() {
        return None;
    }
    let filled = crate::sample_values::map_variables(&replaced, |_| Some("0".into()));
    let is_json = |text: &str| serde_json::from_str::<serde_json::Value>(text).is_ok();
    if !is_json(&replaced) && !is_json(&filled) {
        return None;
    }
    placed
        .into_iter()
        .for_each(|placeholder| record(found, placeholder));
    Some(replaced)
}

/// `url` with each `<NAME>` (where a `:` may be too: `<host:port>`), `{NAME}` and, in the host,
/// `[NAME]` as `{{NAME}}`, and the placeholders. `{{variables}}` already there stay, and so do an
/// IPv6 host (`[::1]`) and brackets in the path or query (`filter[name]=x`).
pub fn in_url(url: &str, found: &mut Vec<Placeholder>) -> String {
    in_url_with_braces(url, found, true)
}

/// [`in_url`], with `{NAME}` read as a placeholder only when `braces` (not when the command
/// escaped its braces, `by\{host\}`, which its writer then meant as braces).
pub fn in_url_with_braces(url: &str, found: &mut Vec<Placeholder>, braces: bool) -> String {
    let templated = template_outputs(url, found);
    let url = templated.as_deref().unwrap_or(url);
    let decoded = encoded_braces(url, found);
    let url = decoded.as_deref().unwrap_or(url);
    if let Some(named) = capitalized_host(url, found) {
        return named;
    }
    let host_end = host_end(url);
    let replaced = replace(url, found, |rest| {
        let at = url.len() - rest.len();
        enclosed(rest, '<', '>', " :")
            .or_else(|| braces.then(|| braced(rest)).flatten())
            .or_else(|| (at < host_end).then(|| bracketed(rest)).flatten())
    });
    // an IPv6 host's placeholder, `http://[<EXTERNAL-IP>]/`: the value is the host, and a
    // variable between brackets is no address any client parses
    let start = replaced.find("://").map_or(0, |i| i + 3);
    let host = &replaced[start..host_end_of(&replaced, start)];
    if let Some(inner) = host.strip_prefix("[{{").and_then(|h| h.split_once("}}]"))
        && !inner.0.contains("}}")
        && (inner.1.is_empty() || inner.1.starts_with(':'))
    {
        let (name, port) = inner;
        return format!(
            "{}{{{{{name}}}}}{port}{}",
            &replaced[..start],
            &replaced[start + host.len()..]
        );
    }
    replaced
}

/// A template engine's output tags in a URL, as a docs site's source writes its settings into
/// commands (Jekyll's `{{ site.api_root }}`, MkDocs macros' `{{ extra.api_url }}`, Hugo's
/// `{{ .Site.Params.api }}`): blanks inside the braces, a dotted path to the value. Each is the
/// variable its last name makes (`{{api_root}}`), as a Liquid `{% data x.y %}` is `{{y}}`.
fn template_outputs(url: &str, found: &mut Vec<Placeholder>) -> Option<String> {
    let mut changed = false;
    let out = crate::sample_values::map_variables(url, |inner| {
        let name = template_output_name(inner)?;
        record(
            found,
            Placeholder {
                written: format!("{{{{{inner}}}}}"),
                name: name.to_string(),
            },
        );
        changed = true;
        Some(format!("{{{{{name}}}}}"))
    });
    changed.then_some(out)
}

/// `%7Bname%7D` in the host or path, a `{name}` placeholder percent-encoded, as a page's link
/// or a scraper writes it (`https://%7ByourAuth0Domain%7D/api`): each as `{{name}}`. Only a
/// name is read so, and not in the query, where encoded braces are data (`?q=%7B%22a%22%7D`,
/// `?tag=%23%7Bx%7D`).
fn encoded_braces(url: &str, found: &mut Vec<Placeholder>) -> Option<String> {
    let (url, query) = url.split_at(url.find(['?', '#']).unwrap_or(url.len()));
    let lower = url.to_ascii_lowercase();
    if !lower.contains("%7b") {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    let mut at = 0;
    while let Some(start) = lower[at..].find("%7b").map(|i| at + i) {
        let inner_start = start + 3;
        let end = lower[inner_start..].find("%7d").map(|i| inner_start + i);
        // a name as `{name}` holds one, as it is written (no name spelled in ASCII)
        let name = end
            .map(|end| &url[inner_start..end])
            .filter(|name| braced(&format!("{{{name}}}")).is_some_and(|(_, read)| read == *name));
        out.push_str(&url[at..start]);
        match (name, end) {
            (Some(name), Some(end)) => {
                out.push_str(&format!("{{{{{name}}}}}"));
                let written = url[start..end + 3].to_string();
                let name = name.to_string();
                record(found, Placeholder { written, name });
                at = end + 3;
            }
            _ => {
                out.push_str(&url[start..inner_start]);
                at = inner_start;
            }
        }
    }
    out.push_str(&url[at..]);
    (out != url).then(|| out + query)
}

/// The variable a template's output tag stands for, from the text between its braces: blanks
/// around a path of names (`site.api_root`, `.Site.Params.api`, `token`) give its last name;
/// `None` without the blanks (a `{{variable}}` of a spec) or for anything else.
pub fn template_output_name(inner: &str) -> Option<&str> {
    // Hugo's shortcodes, `{{< cli-version >}}` and `{{% version %}}`, write a site value too
    let shortcode = ["<", "%"]
        .iter()
        .zip([">", "%"])
        .find_map(|(open, close)| inner.strip_prefix(open)?.strip_suffix(close));
    if let Some(name) = shortcode.and_then(shortcode_parameter_name) {
        return Some(name);
    }
    let inner = shortcode.unwrap_or(inner);
    let path = inner.trim();
    if path == inner {
        return None;
    }
    let path = path.trim_start_matches('.');
    let names = path.split('.').all(is_template_name);
    if names { path.rsplit('.').next() } else { None }
}

/// Whether `text` is a name a template writes (`api_root`, `cli-version`): a letter or `_`, then
/// letters, digits, `_` and `-`.
pub(super) fn is_template_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
}

/// The variable a Hugo shortcode with parameters stands for: the name its parameter that names
/// a value gives (Datadog's `{{< region-param key="dd_site" code="true" >}}`, the site of the
/// reader's region, is `dd_site`: a `key`, `name`, `param` or `id` parameter's, else its first
/// positional one's, `{{< param "api_host" >}}`), else the shortcode's own name.
fn shortcode_parameter_name(inner: &str) -> Option<&str> {
    fn unquoted(value: &str) -> &str {
        value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value)
    }
    let inner = inner.trim();
    let (shortcode, parameters) = inner.split_once(char::is_whitespace)?;
    let named = parameters.split_whitespace().find_map(|parameter| {
        let (key, value) = parameter.split_once('=')?;
        matches!(key, "key" | "name" | "param" | "id").then(|| unquoted(value))
    });
    let positional = || {
        parameters
            .split_whitespace()
            .find(|parameter| !parameter.contains('='))
            .map(unquoted)
    };
    match named.or_else(positional) {
        Some(value) if is_template_name(value) => Some(value),
        _ => is_template_name(shortcode).then_some(shortcode),
    }
}

/// A URL whose host is a name in capitals (`curl -I URL`, `API_HOST/v1/users`, `-O URL1 -O
/// URL2`, `http://ROUTER_IP:ROUTER_PORT/druid`), or whose port is (`localhost:PORT`), which
/// documentation writes for the reader's own and no DNS name or port is written as: each as
/// `{{NAME}}`. With a scheme, a host in capitals needs a `_` or a digit too (`http://API_HOST`,
/// not `http://LOCALHOST`).
fn capitalized_host(url: &str, found: &mut Vec<Placeholder>) -> Option<String> {
    let start = url.find("://").map_or(0, |at| at + 3);
    let end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |at| start + at);
    let authority = &url[start..end];
    if authority.contains(['@', '[', '{']) {
        return None;
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let capitals = |name: &str| {
        name.len() >= 3
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    };
    let host_named =
        capitals(host) && (start == 0 || host.contains(|c: char| c == '_' || c.is_ascii_digit()));
    let port_named = port.is_some_and(capitals);
    if !host_named && !port_named {
        return None;
    }
    let mut named = |name: &str| {
        found.push(Placeholder {
            written: name.to_string(),
            name: name.to_string(),
        });
        format!("{{{{{name}}}}}")
    };
    let host = if host_named {
        named(host)
    } else {
        host.to_string()
    };
    let port = match port {
        Some(port) if port_named => format!(":{}", named(port)),
        Some(port) => format!(":{port}"),
        None => String::new(),
    };
    Some(format!("{}{host}{port}{}", &url[..start], &url[end..]))
}

fn host_end_of(url: &str, start: usize) -> usize {
    url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| start + i)
}

/// Where the URL's host ends (its authority, after any `scheme://`).
fn host_end(url: &str) -> usize {
    host_end_of(url, url.find("://").map_or(0, |i| i + 3))
}

/// Replaces what `placeholder` finds at each `<`, `{` or `[` of `text`: it returns how long the
/// placeholder is and its name.
fn replace(
    text: &str,
    found: &mut Vec<Placeholder>,
    mut placeholder: impl FnMut(&str) -> Option<(usize, String)>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(['<', '{', '[']) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        // a `{{variable}}` as it is
        if rest.starts_with("{{")
            && let Some(end) = rest.find("}}")
        {
            out.push_str(&rest[..end + 2]);
            rest = &rest[end + 2..];
            continue;
        }
        // `<<NAME>>`, as Stripe's docs write theirs, is one placeholder
        let doubled = rest
            .strip_prefix('<')
            .and_then(|inner| placeholder(inner).map(|(length, name)| (length + 1, name)))
            .filter(|(length, _)| rest[*length..].starts_with('>'))
            .map(|(length, name)| (length + 1, name));
        // an element's opening tag, closed further on (`<script>…</script>`), is markup
        let markup = |length: usize| {
            rest.starts_with('<') && rest[length..].contains(&format!("</{}", &rest[1..length - 1]))
        };
        // three angles or more (`<<<image_1>>>`, an API's own reference syntax, or a heredoc's
        // `<<<`) are no placeholder's: the text is the API's, as written
        let offset = text.len() - rest.len();
        let in_angles = |length: usize, doubled: bool| {
            let run = if doubled { "<" } else { "<<" };
            rest.starts_with('<')
                && (text[..offset].ends_with(run)
                    || rest[length..].starts_with(if doubled { ">" } else { ">>" }))
        };
        let doubled = doubled.filter(|(length, _)| !in_angles(*length, true));
        let single = || {
            placeholder(rest).filter(|(length, _)| !markup(*length) && !in_angles(*length, false))
        };
        match doubled.or_else(single) {
            Some((length, name)) => {
                let mut written = rest[..length].to_string();
                // `${dc}` left as written by single quotes (Mailchimp's `'https://${dc}.api…'`):
                // the shell's syntax for the value its writer meant, one placeholder
                if rest.starts_with('{') && out.ends_with('$') {
                    out.pop();
                    written.insert(0, '$');
                }
                out.push_str(&format!("{{{{{name}}}}}"));
                record(found, Placeholder { written, name });
                rest = &rest[length..];
            }
            None => {
                let c = rest.chars().next().expect("found above");
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Adds `placeholder` to `found` unless the same text was found already.
fn record(found: &mut Vec<Placeholder>, placeholder: Placeholder) {
    if !found.iter().any(|p| p.written == placeholder.written) {
        found.push(placeholder);
    }
}

/// How long the `<NAME>` that starts `text` is when written where a blank would end it (unquoted
/// in a shell command): no blank in it.
pub fn unquoted_angle_length(text: &str) -> Option<usize> {
    let (length, _) = angle(text)?;
    (!text[..length].contains(char::is_whitespace)).then_some(length)
}

/// How long the `<NAME>` that starts `text` is, blanks and all (`<workspace secret key>`).
pub fn angle_length(text: &str) -> Option<usize> {
    angle(text).map(|(length, _)| length)
}

/// How long the `<NAME>` that starts `text` is when written in an unquoted URL, where blanks
/// and a `:` may be in it (`http://<your app host:port>/stats`): a shell would read redirections,
/// from the file `your` and into `/stats`, but only a placeholder makes a URL of the word.
pub fn unquoted_url_angle_length(text: &str) -> Option<usize> {
    enclosed(text, '<', '>', " :").map(|(length, _)| length)
}

/// `<NAME>` at the start of `text`: a letter or `_`, then letters, digits, `_`, `-`, `.` and
/// blanks (`<elasticsearch url>`).
fn angle(text: &str) -> Option<(usize, String)> {
    enclosed(text, '<', '>', " ")
}

/// `{NAME}`: an OpenAPI-style path parameter, which curl would send as its name alone; also
/// `{$NAME}`, a PHP string's variable (curl would send `$NAME`).
fn braced(text: &str) -> Option<(usize, String)> {
    enclosed(text, '{', '}', "").or_else(|| {
        let (length, name) = enclosed(text.strip_prefix('{')?, '$', '}', "")?;
        Some((length + 1, name))
    })
}

/// `[NAME]` in a host: `https://[api-id].execute-api.[region].amazonaws.com`.
fn bracketed(text: &str) -> Option<(usize, String)> {
    enclosed(text, '[', ']', "")
}

/// A name between `open` and `close` at the start of `text`: a letter or `_`, then letters,
/// digits, `_`, `-`, `.` and the characters of `separators`, each run of which is written `_`.
fn enclosed(text: &str, open: char, close: char, separators: &str) -> Option<(usize, String)> {
    let inner = text.strip_prefix(open)?;
    let end = inner.find(close)?;
    let name = inner[..end].trim();
    let first = name.chars().next()?;
    let allowed =
        |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.') || separators.contains(c);
    if name.len() > MAX_NAME || !(first.is_alphabetic() || first == '_') {
        return None;
    }
    if !name.chars().all(allowed) {
        return None;
    }
    // a name in another script (`<取得したトークン>`), spelled in ASCII letters, as a variable's
    // name is written
    let ascii = if name.is_ascii() {
        name.to_string()
    } else {
        let spelled = deunicode::deunicode(name);
        if !spelled.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        spelled
            .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
            .filter(|word| !word.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let separated = |c: char| separators.contains(c) || (!name.is_ascii() && c == ' ');
    let name: String = ascii
        .split(separated)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    Some((end + 2, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> (String, Vec<String>) {
        let mut found = Vec::new();
        let out = in_url(text, &mut found);
        (out, found.into_iter().map(|p| p.written).collect())
    }

    #[test]
    fn placeholders_in_a_value() {
        let mut found = Vec::new();
        assert_eq!(
            in_value("AC123:{{ auth_token }}", &mut found),
            "AC123:{{auth_token}}"
        );
        assert_eq!(
            in_value("Bearer {access_token} <key>", &mut found),
            "Bearer {{access_token}} {{key}}"
        );
        // a spec's own variable stays as it is
        assert_eq!(in_value("{{token}}", &mut found), "{{token}}");
        let written: Vec<_> = found.iter().map(|p| p.written.as_str()).collect();
        assert_eq!(written, ["{{ auth_token }}", "{access_token}", "<key>"]);
    }

    #[test]
    fn an_element_closed_further_on_is_markup() {
        assert_eq!(
            url("https://e.com/add?x=<script>cat%20/etc/passwd</script>&id=<id>"),
            (
                "https://e.com/add?x=<script>cat%20/etc/passwd</script>&id={{id}}".into(),
                vec!["<id>".into()]
            )
        );
        let mut found = Vec::new();
        assert_eq!(
            in_value("<b>bold</b> <key>", &mut found),
            "<b>bold</b> {{key}}"
        );
    }

    #[test]
    fn placeholders_in_a_url() {
        assert_eq!(
            url("<elasticsearch url>/<index>/_doc/{id}?v=<version>"),
            (
                "{{elasticsearch_url}}/{{index}}/_doc/{{id}}?v={{version}}".into(),
                vec![
                    "<elasticsearch url>".into(),
                    "<index>".into(),
                    "{id}".into(),
                    "<version>".into()
                ]
            )
        );
        // Mailchimp's `${dc}`, which single quotes keep from the shell: one placeholder
        assert_eq!(
            url("https://${dc}.api.mailchimp.com/3.0/${dc}/lists/{list_id}"),
            (
                "https://{{dc}}.api.mailchimp.com/3.0/{{dc}}/lists/{{list_id}}".into(),
                vec!["${dc}".into(), "{list_id}".into()]
            )
        );
        // a PHP string's `{$var}`, which curl would send as `$var`
        assert_eq!(
            url("http://h/a?City={$pCity}&b=1"),
            (
                "http://h/a?City={{pCity}}&b=1".into(),
                vec!["{$pCity}".into()]
            )
        );
        assert_eq!(
            url("https://[api-id].execute-api.[region].amazonaws.com/prod/[stage]").0,
            "https://{{api-id}}.execute-api.{{region}}.amazonaws.com/prod/[stage]"
        );
        // a host and port in one, as Kubernetes docs write it
        assert_eq!(
            url("https://<master ip:port>/api/v1/x").0,
            "https://{{master_ip_port}}/api/v1/x"
        );
        // a name in another script is spelled in ASCII
        assert_eq!(
            url("https://login.microsoftonline.com/{租用戶識別碼}/oauth2").0,
            "https://login.microsoftonline.com/{{Zu_Yong_Hu_Shi_Bie_Ma}}/oauth2"
        );
        assert_eq!(
            url("https://e.com/<Идентификатор заказа>").0,
            "https://e.com/{{Identifikator_zakaza}}"
        );
        // an IPv6 address's placeholder stands for the host, brackets and all
        assert_eq!(
            url("http://[<EXTERNAL-IP>]:8080/a").0,
            "http://{{EXTERNAL-IP}}:8080/a"
        );
        assert_eq!(url("http://[<EXTERNAL-IP>]").0, "http://{{EXTERNAL-IP}}");
        // a host in capitals, without a scheme: the reader's own
        assert_eq!(url("URL"), ("{{URL}}".into(), vec!["URL".into()]));
        assert_eq!(url("API_HOST:8080/v1?a=B").0, "{{API_HOST}}:8080/v1?a=B");
        for host in [
            "https://URL/a",
            "Api.example.com",
            "IO",
            "localhost:9200",
            "http://LOCALHOST/",
        ] {
            assert_eq!(url(host).1, Vec::<String>::new(), "{host}");
        }
        // with a scheme: a host with `_` or a digit, and a port in capitals
        assert_eq!(
            url("http://ROUTER_IP:ROUTER_PORT/druid/v1?a=1"),
            (
                "http://{{ROUTER_IP}}:{{ROUTER_PORT}}/druid/v1?a=1".into(),
                vec!["ROUTER_IP".into(), "ROUTER_PORT".into()]
            )
        );
        assert_eq!(
            url("https://localhost:PORT/a").0,
            "https://localhost:{{PORT}}/a"
        );
        // a template's output tags: the variable its last name makes
        assert_eq!(
            url("https://{{ site.api_root }}/{{ site.api_version }}/linode/{{id}}"),
            (
                "https://{{api_root}}/{{api_version}}/linode/{{id}}".into(),
                vec![
                    "{{ site.api_root }}".into(),
                    "{{ site.api_version }}".into()
                ]
            )
        );
        assert_eq!(url("{{ .Site.Params.api }}/a").0, "{{api}}/a");
        // Hugo's shortcodes, written twice, noted once
        assert_eq!(
            url("https://e.com/v{{< cli-version >}}/cli_{{< cli-version >}}.tgz"),
            (
                "https://e.com/v{{cli-version}}/cli_{{cli-version}}.tgz".into(),
                vec!["{{< cli-version >}}".into()]
            )
        );
        assert_eq!(
            url("https://e.com/{{% version %}}/a").0,
            "https://e.com/{{version}}/a"
        );
        // one with parameters: the name its first gives (Datadog's site of the reader's
        // region), as written or as the shell left it; else the shortcode's own name
        for (written, sent) in [
            (
                "https://api.{{< region-param key=\"dd_site\" >}}/api/v1/validate",
                "https://api.{{dd_site}}/api/v1/validate",
            ),
            (
                "https://api.{{< region-param key=dd_site code=\"true\" >}}/v1",
                "https://api.{{dd_site}}/v1",
            ),
            (
                "https://{{< param \"api_host\" >}}/v1",
                "https://{{api_host}}/v1",
            ),
            (
                "https://api.{{< region-param code=\"true\" key=\"dd_site\" >}}/v1",
                "https://api.{{dd_site}}/v1",
            ),
            (
                "https://e.com/v1?x={{% param token %}}",
                "https://e.com/v1?x={{token}}",
            ),
            (
                "https://e.com/{{% release 1.2 %}}/a",
                "https://e.com/{{release}}/a",
            ),
        ] {
            assert_eq!(url(written).0, sent, "{written}");
        }
        assert_eq!(url("{{ not a path }}/a").0, "{{ not a path }}/a");
        // what is no placeholder stays
        for kept in [
            "https://[::1]:8080/a",
            "https://e.com/items?filter[name]=x&q={\"a\":1}",
            "{{baseUrl}}/users/{{id}}",
            "https://e.com/a?x=<>&y=<1>&z=<a/b>",
        ] {
            assert_eq!(url(kept), (kept.to_string(), Vec::new()), "{kept}");
        }
    }

    #[test]
    fn placeholders_in_text() {
        let mut found = Vec::new();
        assert_eq!(
            in_text("Bearer <ACCESS_TOKEN>, <a b>, <ACCESS_TOKEN>", &mut found),
            "Bearer {{ACCESS_TOKEN}}, {{a_b}}, {{ACCESS_TOKEN}}"
        );
        assert_eq!(found.len(), 2);
        // braces and brackets are text outside a URL
        assert_eq!(in_text("{id} [x]", &mut found), "{id} [x]");
        let long = format!("<{}>", "a".repeat(65));
        assert_eq!(in_text(&long, &mut found), long);
        // Stripe's doubled brackets are one placeholder
        let mut found = Vec::new();
        assert_eq!(
            in_text("<<YOUR_SECRET_KEY>>: <<a>", &mut found),
            "{{YOUR_SECRET_KEY}}: <{{a}}"
        );
        assert_eq!(found[0].written, "<<YOUR_SECRET_KEY>>");
        assert_eq!(
            in_url("https://<<host>>/v1", &mut Vec::new()),
            "https://{{host}}/v1"
        );
        // three angles are the API's own syntax (a reference to an input, `<<<image_1>>>`)
        let mut found = Vec::new();
        for kept in ["make <<<image_1>>> wave", "<<<<a>>>>", "a <<<b>> c"] {
            assert_eq!(in_text(kept, &mut found), kept);
        }
        assert_eq!(
            in_json_body(r#"{"p": "<<<image_1>>> and <ID>"}"#, &mut found).as_deref(),
            Some(r#"{"p": "<<<image_1>>> and {{ID}}"}"#)
        );
        assert_eq!(found.len(), 1);
    }
}
