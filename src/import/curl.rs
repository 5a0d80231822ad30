//! A curl command line as a spec: the words split as a POSIX shell splits them (quotes,
//! backslashes, `\` line continuations), then curl's options read as curl reads them.

use indexmap::IndexMap;

use super::shared::{
    auth_from_header, drop_content_type, form_decode, has_content_type, lacks_scheme, name_value,
    refuses_body, set_by_clients_note,
};
use super::{Import, Imported, Note};
use crate::spec::{
    AuthSpec, BasicAuthSpec, BodySpec, FileSpec, PartDetailSpec, PartSpec, RequestSpec, Spec,
};

/// Splits a command line into words as a POSIX shell does (without expansions): single quotes
/// keep everything, double quotes keep all but `\"` `\\` `\$` `` \` `` and line continuations,
/// an unquoted backslash escapes the next character and `\` + newline joins lines.
pub fn shell_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("a single quote is never closed".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some('\n') => {}
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err("a double quote is never closed".into()),
                        },
                        Some(c) => word.push(c),
                        None => return Err("a double quote is never closed".into()),
                    }
                }
            }
            '\\' => match chars.next() {
                Some('\n') => {}
                Some(c) => {
                    in_word = true;
                    word.push(c);
                }
                None => {}
            },
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

/// Data given with `-d` and its kin, in order, as curl joins them with `&`.
enum Data {
    /// Sent as is (`--data-raw`, `-d` without `@`, `--data-binary` without `@`).
    Raw(String),
    /// `--data-urlencode name=content`: the name as given, the content encoded.
    Encoded(String, String),
    /// `--data-binary @path` (and `-d @path`): a file's bytes.
    File(String),
}

pub fn import(text: &str) -> Result<Import, String> {
    let words = shell_words(text.trim())?;
    let mut words = words.into_iter().peekable();
    match words.next().as_deref() {
        Some("curl") => {}
        Some(other) => return Err(format!("not a curl command: it starts with `{other}`")),
        None => return Err("an empty command line".into()),
    }
    let mut import = Import::default();
    let mut method: Option<String> = None;
    let mut url: Option<String> = None;
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut data: Vec<Data> = Vec::new();
    let mut form: Vec<(String, String)> = Vec::new();
    let mut get = false;
    let mut head = false;
    let mut auth: Option<AuthSpec> = None;
    let mut cookies: Vec<(String, String)> = Vec::new();
    let mut position = 0;
    while let Some(word) = words.next() {
        position += 1;
        let at = format!("word {position}");
        let (option, inline) = match word.split_once('=') {
            Some((name, value)) if word.starts_with("--") => {
                (name.to_string(), Some(value.to_string()))
            }
            _ => (word.clone(), None),
        };
        // a short option may carry its value glued on: -XPOST, -HAccept:x
        let (option, inline) =
            if option.len() > 2 && option.starts_with('-') && !option.starts_with("--") {
                (option[..2].to_string(), Some(option[2..].to_string()))
            } else {
                (option, inline)
            };
        let mut value = || -> Result<String, String> {
            match &inline {
                Some(v) => Ok(v.clone()),
                None => {
                    position += 1;
                    words
                        .next()
                        .ok_or_else(|| format!("{option} needs a value"))
                }
            }
        };
        match option.as_str() {
            "-X" | "--request" => method = Some(value()?.to_ascii_uppercase()),
            "-H" | "--header" => {
                let header = value()?;
                match header.split_once(':') {
                    Some((name, _)) if set_by_clients_note(name.trim()).is_some() => {
                        let note = set_by_clients_note(name.trim()).unwrap_or_default();
                        import.notes.push(Note::new(at, note))
                    }
                    Some((name, v)) if !v.trim().is_empty() => {
                        headers.push((name.trim().to_string(), v.trim().to_string()))
                    }
                    Some((name, _)) => import.notes.push(Note::new(
                        at,
                        format!("`{name}:` removes a header curl adds; ignored"),
                    )),
                    None => match header.strip_suffix(';') {
                        Some(name) if set_by_clients_note(name.trim()).is_some() => {
                            let note = set_by_clients_note(name.trim()).unwrap_or_default();
                            import.notes.push(Note::new(at, note))
                        }
                        Some(name) => headers.push((name.trim().to_string(), String::new())),
                        None => import
                            .notes
                            .push(Note::new(at, format!("`{header}` is not a header"))),
                    },
                }
            }
            "-d" | "--data" | "--data-ascii" => {
                let v = value()?;
                data.push(match v.strip_prefix('@') {
                    Some(path) => {
                        import.notes.push(Note::new(
                            at,
                            "`-d @file` strips line breaks from the file; read as `--data-binary`",
                        ));
                        Data::File(path.to_string())
                    }
                    None => Data::Raw(v),
                });
            }
            "--data-raw" => data.push(Data::Raw(value()?)),
            "--data-binary" => {
                let v = value()?;
                data.push(match v.strip_prefix('@') {
                    Some(path) => Data::File(path.to_string()),
                    None => Data::Raw(v),
                });
            }
            "--data-urlencode" => {
                let v = value()?;
                match v.split_once('=') {
                    Some((name, content)) => {
                        data.push(Data::Encoded(name.to_string(), content.to_string()))
                    }
                    None if v.contains('@') => import.notes.push(Note::new(
                        at,
                        "`--data-urlencode` from a file is not supported; ignored",
                    )),
                    None => data.push(Data::Encoded(String::new(), v)),
                }
            }
            "--json" => {
                data.push(Data::Raw(value()?));
                headers.push(("Content-Type".into(), "application/json".into()));
                headers.push(("Accept".into(), "application/json".into()));
            }
            "-F" | "--form" | "--form-string" => {
                let v = value()?;
                match v.split_once('=') {
                    Some((name, content)) => form.push((
                        name.to_string(),
                        if option == "--form-string" {
                            format!("\"{}\"", content.replace('\\', "\\\\").replace('"', "\\\""))
                        } else {
                            content.to_string()
                        },
                    )),
                    None => import
                        .notes
                        .push(Note::new(at, format!("`{v}` is not a form part"))),
                }
            }
            "-u" | "--user" => {
                let v = value()?;
                let (username, password) = v.split_once(':').unwrap_or((&v, ""));
                auth = Some(AuthSpec::Basic(BasicAuthSpec {
                    username: username.to_string(),
                    password: password.to_string(),
                }));
            }
            "-b" | "--cookie" => {
                let v = value()?;
                if v.contains('=') {
                    for pair in v.split(';') {
                        if let Some((name, value)) = pair.trim().split_once('=') {
                            cookies.push((name.to_string(), value.to_string()));
                        }
                    }
                } else {
                    import
                        .notes
                        .push(Note::new(at, "cookies read from a file are not imported"));
                }
            }
            "-A" | "--user-agent" => headers.push(("User-Agent".into(), value()?)),
            "-e" | "--referer" => headers.push(("Referer".into(), value()?)),
            "--url" => url = Some(value()?),
            "-G" | "--get" => get = true,
            "-I" | "--head" => head = true,
            "-L" | "--location" | "-g" | "--globoff" | "-s" | "--silent" | "-S"
            | "--show-error" | "-k" | "--insecure" | "--compressed" | "-v" | "--verbose" | "-i"
            | "--include" | "-f" | "--fail" => {}
            "-o" | "--output" | "-m" | "--max-time" | "--connect-timeout" | "-w"
            | "--write-out" | "-x" | "--proxy" | "-U" | "--proxy-user" | "--cacert"
            | "--capath" | "-E" | "--cert" | "--key" | "--pass" | "--resolve" | "--connect-to"
            | "--retry" | "--retry-delay" | "--retry-max-time" | "--limit-rate" | "-c"
            | "--cookie-jar" | "-D" | "--dump-header" | "--interface" | "--max-redirs"
            | "--trace" | "--trace-ascii" | "--stderr" => {
                value()?;
                import.notes.push(Note::new(
                    at,
                    format!("`{option}` does not change the request; ignored"),
                ));
            }
            "-r" | "--range" | "-T" | "--upload-file" | "-K" | "--config" => {
                value()?;
                import.notes.push(Note::new(
                    at,
                    format!("`{option}` changes the request in a way specs cannot say; ignored"),
                ));
            }
            _ if option.starts_with('-') => {
                import.notes.push(Note::new(
                    at,
                    format!("`{option}` is not imported; ignored"),
                ));
            }
            _ => {
                if url.is_none() {
                    url = Some(word.clone());
                } else {
                    import
                        .notes
                        .push(Note::new(at, format!("a second URL `{word}` is ignored")));
                }
            }
        }
    }
    let mut url = url.ok_or("the command names no URL")?;
    if lacks_scheme(&url) {
        url = format!("http://{url}"); // as curl assumes
    }

    let mut request = RequestSpec::default();
    for (name, value) in headers {
        if name.eq_ignore_ascii_case("authorization")
            && let Some(found) = auth_from_header(&value)
        {
            auth = Some(found);
            continue;
        }
        request.headers.push(name_value(name, value));
    }
    request.auth = auth;
    request.cookies = cookies.into_iter().map(|(n, v)| name_value(n, v)).collect();

    let encode = crate::http::encoding::uri_component;
    let joined = || -> Option<String> {
        let mut parts = Vec::new();
        for item in &data {
            match item {
                Data::Raw(text) => parts.push(text.clone()),
                Data::Encoded(name, content) if name.is_empty() => parts.push(encode(content)),
                Data::Encoded(name, content) => parts.push(format!("{name}={}", encode(content))),
                Data::File(_) => return None,
            }
        }
        Some(parts.join("&"))
    };
    let method = method.unwrap_or_else(|| {
        if head {
            "HEAD".into()
        } else if get || (data.is_empty() && form.is_empty()) {
            "GET".into()
        } else {
            "POST".into()
        }
    });
    if get {
        // -G: the data goes into the query
        if let Some(query) = joined()
            && !query.is_empty()
        {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&query);
        }
    } else if !form.is_empty() {
        drop_content_type(&mut request.headers);
        let parts = form
            .into_iter()
            .map(|(name, content)| (name, form_part(&content)))
            .map(|(n, p)| IndexMap::from([(n, p)]))
            .collect();
        request.body = Some(BodySpec::Formdata(parts));
    } else if let [Data::File(path)] = data.as_slice() {
        if !has_content_type(&request.headers) {
            // what curl sends for `--data-binary @file` without a Content-Type header
            request
                .headers
                .push(name_value("Content-Type", crate::model::FORM_URLENCODED));
        }
        request.body = Some(BodySpec::File(FileSpec::Path(path.clone())));
    } else if !data.is_empty() {
        let Some(body) = joined() else {
            return Err("data from a file mixed with other data cannot be imported".into());
        };
        let content_type = request.headers.iter().find_map(|h| {
            h.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                .and_then(|(_, v)| v.clone())
        });
        let form_encoded = content_type
            .as_deref()
            .is_none_or(|ct| crate::http::media_type(ct) == crate::model::FORM_URLENCODED);
        if form_encoded && body.split('&').all(|pair| pair.contains('=')) {
            let fields = body
                .split('&')
                .map(|pair| {
                    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                    name_value(form_decode(name), form_decode(value))
                })
                .collect();
            request.body = Some(BodySpec::Urlencoded(fields));
        } else {
            if content_type.is_none() {
                // curl sends `-d` data as a form unless told otherwise
                request
                    .headers
                    .push(name_value("Content-Type", crate::model::FORM_URLENCODED));
            }
            request.body = Some(BodySpec::Raw(body));
        }
    }
    if refuses_body(&method) && request.body.is_some() {
        import.notes.push(Note::new(
            "command",
            format!("the body of a {method} request is dropped: samplegen refuses one"),
        ));
        request.body = None;
    }
    let path = crate::url::Url::parse(&url).path;
    let name = format!("{method} {}", if path.is_empty() { "/" } else { &path });
    request.method = method;
    request.url = url;
    import.items.push(Imported {
        dirs: Vec::new(),
        name: name.clone(),
        spec: Spec {
            title: name,
            request,
            ..Spec::default()
        },
    });
    Ok(import)
}

/// A `-F` part: `"text"`, `text`, `@path` or `@"path"`, with `;type=` and `;filename=`.
fn form_part(content: &str) -> PartSpec {
    let (file, rest) = match content.strip_prefix('@') {
        Some(rest) => (true, rest),
        None => (false, content),
    };
    let (value, params) = if let Some(quoted) = rest.strip_prefix('"') {
        let mut value = String::new();
        let mut chars = quoted.char_indices();
        let mut end = quoted.len();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, next)) = chars.next() {
                        value.push(next);
                    }
                }
                '"' => {
                    end = i + 1;
                    break;
                }
                c => value.push(c),
            }
        }
        (value, &quoted[end..])
    } else {
        match rest.find(';') {
            Some(i) => (rest[..i].to_string(), &rest[i..]),
            None => (rest.to_string(), ""),
        }
    };
    // `type=` takes the rest of the argument, its parameters included, up to a `;filename=`
    let content_type = params.find(";type=").map(|start| {
        let tail = &params[start + 6..];
        tail.split(";filename=")
            .next()
            .unwrap_or(tail)
            .trim()
            .to_string()
    });
    if file {
        PartSpec::Detailed(PartDetailSpec {
            file: Some(value),
            content_type,
            ..PartDetailSpec::default()
        })
    } else if content_type.is_some() {
        PartSpec::Detailed(PartDetailSpec {
            value: Some(value),
            content_type,
            ..PartDetailSpec::default()
        })
    } else {
        PartSpec::Text(Some(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_like_a_shell() {
        assert_eq!(
            shell_words("curl -H 'A: it'\\''s' \"x \\\"y\\\" \\$z\" a\\ b \\\n --url u").unwrap(),
            ["curl", "-H", "A: it's", "x \"y\" $z", "a b", "--url", "u"]
        );
        assert!(shell_words("curl 'open").is_err());
    }

    fn spec(line: &str) -> Spec {
        import(line).unwrap().items.remove(0).spec
    }

    #[test]
    fn a_house_style_token_request() {
        let spec = spec(
            "curl --location --globoff '{{authPath}}/{{envID}}/as/token' \\\n--header 'Content-Type: application/x-www-form-urlencoded' \\\n--header 'Authorization: Basic e3thZG1pbkFwcElEfX06e3thZG1pbkFwcFNlY3JldH19' \\\n--data-urlencode 'grant_type=client_credentials'",
        );
        assert_eq!(spec.request.method, "POST");
        assert_eq!(spec.request.url, "{{authPath}}/{{envID}}/as/token");
        assert_eq!(
            spec.request.auth.unwrap().basic().unwrap().username,
            "{{adminAppID}}"
        );
        let body = spec.request.body.unwrap();
        let fields = body.urlencoded().unwrap();
        assert_eq!(
            fields[0]["grant_type"].as_deref(),
            Some("client_credentials")
        );
    }

    #[test]
    fn methods_data_and_forms() {
        let put =
            spec("curl -X put https://e.com/a -H 'Content-Type: application/json' -d '{\"a\": 1}'");
        assert_eq!(put.request.method, "PUT");
        assert_eq!(put.request.body.unwrap().raw(), Some("{\"a\": 1}"));
        let get = spec("curl -G https://e.com/s -d q=a%20b -d n=1");
        assert_eq!(
            (get.request.method.as_str(), get.request.url.as_str()),
            ("GET", "https://e.com/s?q=a%20b&n=1")
        );
        let form = spec(
            "curl https://e.com/u -F 'name=\"O\\\"B\"' -F 'doc=@\"/p/r.pdf\";type=application/pdf' -u me:pw",
        );
        let body = form.request.body.unwrap();
        let parts = body.formdata().unwrap();
        assert!(matches!(&parts[0]["name"], PartSpec::Text(Some(v)) if v == "O\"B"));
        assert!(
            matches!(&parts[1]["doc"], PartSpec::Detailed(d) if d.file.as_deref() == Some("/p/r.pdf") && d.content_type.as_deref() == Some("application/pdf"))
        );
        assert_eq!(form.request.auth.unwrap().basic().unwrap().password, "pw");
        let head = spec("curl -I example.com");
        assert_eq!(
            (head.request.method.as_str(), head.request.url.as_str()),
            ("HEAD", "http://example.com")
        );
    }

    #[test]
    fn what_cannot_be_imported_is_noted() {
        let import = import("curl --proxy http://p https://e.com -o out.txt").unwrap();
        assert_eq!(import.notes.len(), 2, "{:?}", import.notes);
        assert!(
            super::import("wget https://e.com")
                .unwrap_err()
                .contains("not a curl command")
        );
    }
}
