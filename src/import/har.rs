//! HAR: every entry of a HAR log (or one bare HAR request object) as a spec.

use indexmap::IndexMap;
use serde_json::Value;

use super::shared::{
    auth_from_header, drop_content_type, escapes_whole, form_decode, has_content_type,
    has_control_character, name_value, one_line, reads_as_form,
};
use super::{Import, Imported, Note};
use crate::http::multipart::{PartHead, parameter};
use crate::spec::{BodySpec, FileSpec, PartDetailSpec, PartSpec, RequestSpec, ResponseSpec, Spec};

pub fn import(text: &str) -> Result<Import, String> {
    let mut lone_surrogates = 0;
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        // mitmproxy writes a byte that is no UTF-8 as a lone surrogate (`"caf\udce9"`, Python's
        // `surrogateescape`), which JSON's grammar allows and serde_json refuses
        Err(error) => {
            let (replaced, count) = lone_surrogates_replaced(text);
            if count == 0 {
                return Err(format!("not JSON: {error}"));
            }
            lone_surrogates = count;
            serde_json::from_str(&replaced).map_err(|error| format!("not JSON: {error}"))?
        }
    };
    let mut import = Import::default();
    if lone_surrogates > 0 {
        import.notes.push(Note::of_kind(
            "text",
            "input",
            format!(
                "the capture writes {lone_surrogates} byte(s) that are no UTF-8 as lone surrogate escapes (`\\udce9`): each is read as U+FFFD, the replacement character"
            ),
        ));
    }
    if let Some(entries) = value.pointer("/log/entries").and_then(Value::as_array) {
        for (index, entry) in entries.iter().enumerate() {
            let at = format!("/log/entries/{index}");
            let Some(request) = entry.get("request").filter(|request| request.is_object()) else {
                import.notes.push(Note::of_kind(
                    "left-out",
                    at,
                    "an entry without a `request` object: left out",
                ));
                continue;
            };
            let scheme = self::text(request, "url")
                .split_once("://")
                .map(|(scheme, _)| scheme);
            // a `ws:` URL, or as mitmproxy records one, an `https:` URL that Chrome's and
            // mitmproxy's `_resourceType` or the `101 Switching Protocols` answer says it is
            let websocket = scheme
                .is_some_and(|s| s.eq_ignore_ascii_case("ws") || s.eq_ignore_ascii_case("wss"))
                || entry.get("_resourceType").and_then(Value::as_str) == Some("websocket")
                || entry.pointer("/response/status").and_then(Value::as_u64) == Some(101);
            if websocket {
                import.notes.push(Note::of_kind(
                    "left-out",
                    format!("{at}/request/url"),
                    "a WebSocket's opening handshake, which no sample sends: left out",
                ));
                continue;
            }
            // a proxy's tunnel (`CONNECT host:443`, as Charles and Fiddler record it): how the
            // requests inside it got there, not one of them
            if self::text(request, "method").eq_ignore_ascii_case("CONNECT") {
                import.notes.push(Note::of_kind(
                    "left-out",
                    format!("{at}/request/method"),
                    "a `CONNECT` through a proxy, the tunnel the requests after it go through, which no sample sends: left out",
                ));
                continue;
            }
            // a browser's CORS preflight, which it sends itself before a cross-origin request
            // (the request after it is the one a page's script made): Chrome marks it so; any
            // browser's asks for the method of a request to the same URL that follows it
            let marked = entry.get("_resourceType").and_then(Value::as_str) == Some("preflight")
                || entry.pointer("/_initiator/type").and_then(Value::as_str) == Some("preflight");
            if marked || preflight_of_a_later_entry(request, &entries[index + 1..]) {
                let how = if marked {
                    "Chrome's `_resourceType: preflight`"
                } else {
                    "an `OPTIONS` asking with `Origin` and `Access-Control-Request-Method` for the request to the same URL after it"
                };
                import.notes.push(Note::of_kind(
                    "left-out",
                    format!("{at}/request/method"),
                    format!("a browser's CORS preflight ({how}), which the browser sends itself before the request after it: left out"),
                ));
                continue;
            }
            // what a browser loads without a request to a server (`data:` images, a `blob:`, an
            // extension's own files), which a page's capture is full of
            if let Some(scheme) = browser_internal(self::text(request, "url")) {
                import.notes.push(Note::of_kind(
                    "left-out",
                    format!("{at}/request/url"),
                    format!("a `{scheme}:` URL, which the browser loads itself with no HTTP request: left out"),
                ));
                continue;
            }
            import_request(
                request,
                entry.get("response"),
                &format!("{at}/request"),
                true,
                &mut import,
            )?;
        }
    } else if value.get("method").is_some() && value.get("url").is_some() {
        import_request(&value, None, "", false, &mut import)?;
    } else {
        return Err("neither a HAR log (`log.entries`) nor a HAR request (`method`, `url`)".into());
    }
    Ok(import)
}

/// A query parameter's name or value as the URL holds it: as given when it is written encoded
/// already (`2019-06-13T19%3A08%3A25.455Z`, as Chrome and httpsnippet's captures give their
/// `queryString`: an escape, and nothing a query would need encoded), else encoded.
fn as_in_url(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._~%!$'()*+,;:@/?".contains(c));
    if text.contains('%') && escapes_whole(text) && plain {
        text.to_string()
    } else {
        crate::http::encoding::uri_component(text)
    }
}

/// Whether `request` is what a browser sends as a CORS preflight (Fetch, 4.8) for a request
/// among `later` entries: an `OPTIONS` from a page's `Origin`, naming in
/// `Access-Control-Request-Method` the method of a request to the same URL that follows. A
/// lone `OPTIONS` asking so (a capture of someone testing CORS) is a request of its own.
fn preflight_of_a_later_entry(request: &Value, later: &[Value]) -> bool {
    let header = |wanted: &'static str| {
        headers_named(request, wanted)
            .next()
            .map(|header| self::text(header, "value"))
    };
    if !self::text(request, "method").eq_ignore_ascii_case("OPTIONS") || header("origin").is_none()
    {
        return false;
    }
    let Some(method) = header("access-control-request-method") else {
        return false;
    };
    let url = self::text(request, "url");
    later
        .iter()
        .filter_map(|entry| entry.get("request"))
        .any(|next| {
            self::text(next, "method").eq_ignore_ascii_case(method.trim())
                && self::text(next, "url") == url
        })
}

/// The scheme of a URL a browser serves itself, with no HTTP request: `data:`, `blob:`,
/// `about:`, `javascript:`, `chrome-extension:` and other extensions', `file:`.
fn browser_internal(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let lower = scheme.to_ascii_lowercase();
    let internal = matches!(
        lower.as_str(),
        "data" | "blob" | "about" | "javascript" | "file"
    ) || lower.ends_with("-extension");
    internal.then_some(scheme)
}

/// `json` with each `\uXXXX` escape of a lone surrogate (one not in a high-low pair) written
/// `\ufffd`, the replacement character, as JavaScript's and Python's parsers read it; and how
/// many there were.
fn lone_surrogates_replaced(json: &str) -> (String, usize) {
    let mut count = 0;
    let surrogate = |escape: &str| -> Option<u16> {
        let hex = escape.strip_prefix("\\u")?.get(..4)?;
        u16::from_str_radix(hex, 16)
            .ok()
            .filter(|unit| (0xD800..0xE000).contains(unit))
    };
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match surrogate(rest) {
            Some(0xD800..0xDC00) if surrogate(&rest[6..]).is_some_and(|low| low >= 0xDC00) => {
                out.push_str(&rest[..12]);
                rest = &rest[12..];
            }
            Some(_) => {
                count += 1;
                out.push_str("\\ufffd");
                rest = &rest[6..];
            }
            None => {
                // an escape of another kind: the backslash and the character it escapes
                let escaped = rest[1..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&rest[..1 + escaped]);
                rest = &rest[1 + escaped..];
            }
        }
    }
    out.push_str(rest);
    (out, count)
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// A name's or a value's text: a string as it is, and a number or a boolean as JSON writes it
/// (`1`, `true`), as scripts and hand-written captures give a query item, a header, a cookie or
/// a form field; anything else is empty.
fn scalar<'a>(value: &'a Value, key: &str) -> std::borrow::Cow<'a, str> {
    match value.get(key) {
        Some(Value::String(text)) => text.as_str().into(),
        Some(scalar @ (Value::Number(_) | Value::Bool(_))) => scalar.to_string().into(),
        _ => "".into(),
    }
}

fn import_request(
    request: &Value,
    response: Option<&Value>,
    at: &str,
    in_log: bool,
    import: &mut Import,
) -> Result<(), String> {
    let method = text(request, "method").to_ascii_uppercase();
    let mut url = text(request, "url").to_string();
    // `queryString` lists the query's parameters, decoded (Firefox, Playwright) or as the URL
    // writes them (Chrome); add those the URL does not hold (as httpsnippet does), so that an
    // inconsistent capture loses nothing. A bare `flag` is one with an empty value, and an empty
    // item (`&&`) is none.
    let in_url = crate::url::Url::parse(&url).query_pairs();
    for param in request
        .get("queryString")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (name, value) = (scalar(param, "name"), scalar(param, "value"));
        let (name, value) = (name.as_ref(), value.as_ref());
        if name.is_empty() && value.is_empty() {
            continue;
        }
        let present = in_url.iter().any(|pair| {
            let pair_value = pair.value.as_deref().unwrap_or_default();
            (pair.key == name && pair_value == value)
                || (form_decode(&pair.key) == name && form_decode(pair_value) == value)
        });
        if !present {
            let (before, fragment) = match url.split_once('#') {
                Some((before, fragment)) => (before.to_string(), Some(fragment.to_string())),
                None => (url.clone(), None),
            };
            url = format!(
                "{before}{}{}={}{}",
                if before.contains('?') { '&' } else { '?' },
                as_in_url(name),
                as_in_url(value),
                fragment.map(|f| format!("#{f}")).unwrap_or_default()
            );
        }
    }
    if method.is_empty() || url.is_empty() {
        // in a log, the other entries are imported still
        let why = "a request needs `method` and `url`";
        if in_log {
            import
                .notes
                .push(Note::of_kind("left-out", at, format!("{why}: left out")));
            return Ok(());
        }
        return Err(format!("{at}: {why}"));
    }
    let parsed = crate::url::Url::parse(&url);
    let mut spec = Spec {
        title: format!(
            "{method} {}",
            if parsed.path.is_empty() {
                "/"
            } else {
                &parsed.path
            }
        ),
        request: RequestSpec {
            method: method.clone(),
            url,
            ..RequestSpec::default()
        },
        ..Spec::default()
    };
    let headers = request
        .get("headers")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut cookie_headers: Vec<std::borrow::Cow<str>> = Vec::new();
    for (index, header) in headers.iter().enumerate() {
        let (name, value) = (scalar(header, "name"), scalar(header, "value"));
        let name = name.as_ref();
        let lower = name.to_ascii_lowercase();
        let here = format!("{at}/headers/{index}");
        // HTTP/2 pseudo-headers, and what the capturing client set itself (a capture records
        // `Host`, `Content-Length`, `Connection`… on every request, the spec may not set them);
        // cookies come from `cookies`
        if lower == "cookie" {
            cookie_headers.push(value);
            continue;
        }
        let value = value.as_ref();
        if name.starts_with(':') || crate::http::headers::set_by_clients(name).is_some() {
            continue;
        }
        if !value.is_ascii() || has_control_character(value) {
            import.notes.push(Note::of_kind(
                "dropped-header",
                here,
                format!("header `{name}` dropped: its value is not plain ASCII"),
            ));
            continue;
        }
        // mitmproxy and the browsers keep a compressed upload's body decoded: sent so, it is
        // no gzip, and the header would have the server fail to decode it
        if lower == "content-encoding"
            && names_a_coding(value)
            && request
                .pointer("/postData/text")
                .and_then(Value::as_str)
                .is_some_and(|text| !text.is_empty())
            && request
                .pointer("/postData/encoding")
                .and_then(Value::as_str)
                != Some("base64")
        {
            import.notes.push(Note::of_kind(
                "dropped-header",
                here,
                format!(
                    "header `{name}: {value}` dropped: the capture keeps the body decoded, which is sent as it is"
                ),
            ));
            continue;
        }
        if lower == "authorization"
            && let Some(auth) = auth_from_header(value)
        {
            spec.request.auth = Some(auth);
            continue;
        }
        spec.request.headers.push(name_value(name, value));
    }
    let cookie_headers: Vec<&str> = cookie_headers.iter().map(AsRef::as_ref).collect();
    cookies(request, &cookie_headers, at, &mut spec.request, import);
    // a `GET`'s, said only: a capture's stray `Content-Length` on one is no upload, but a
    // `bodySize` may be a search body mitmproxy left out (it writes `postData` for POST, PUT and
    // PATCH only)
    // Playwright's `content: 'attach'` (its default for `routeFromHAR` updates) keeps the body
    // in a file beside the HAR, which `_file` names, and an empty `text`
    // (a body the capture keeps as text or params too is read from them)
    let attached = request
        .get("postData")
        .filter(|post| !keeps_body(post))
        // (`_sha1`, as earlier Playwright releases named it)
        .and_then(|post| {
            ["_file", "_sha1"].into_iter().find_map(|key| {
                let file = post.get(key)?.as_str().filter(|file| !file.is_empty())?;
                Some((key, file))
            })
        });
    let not_kept = body_not_kept(request).filter(|_| attached.is_none());
    if method == "GET"
        && let Some(size) = not_kept
    {
        import.notes.push(Note::of_kind(
            "body",
            format!("{at}/bodySize"),
            format!(
                "the capture says {size} body bytes were sent with this `GET` but keeps none of them (mitmproxy writes no `postData` for a `GET`): sent without a body; give the spec the body if the API reads one (a search's)"
            ),
        ));
    }
    if let Some((key, file)) = attached
        && crate::model::body_refused_by_method(&method).is_none()
    {
        import.notes.push(Note::of_kind(
            "body",
            format!("{at}/postData/{key}"),
            format!(
                "the capture keeps the body in the file `{file}` beside it (Playwright's `content: 'attach'`): the spec sends that file, whose path to set where the samples run"
            ),
        ));
        file_body(request, &mut spec.request, file, None);
    } else if let Some(size) = not_kept
        .filter(|_| method != "GET" && crate::model::body_refused_by_method(&method).is_none())
    {
        // a binary upload, or a body over the exporter's limit: a file for the reader to choose,
        // not an empty body that looks like what was sent
        import.notes.push(Note::of_kind(
            "body",
            format!("{at}/postData"),
            format!(
                "the capture did not keep the body ({size} bytes were sent): the spec's body is a file not chosen yet (`file: \"\"`), whose path to set"
            ),
        ));
        file_body(
            request,
            &mut spec.request,
            "",
            Some("application/octet-stream"),
        );
    } else if let Some(post) = request.get("postData") {
        let post_at = format!("{at}/postData");
        // a `HEAD` body is refused whatever it holds, so it is not read (its notes would be for
        // nothing); a `GET` one is refused only empty or multipart
        let (sent, refused) = if let Some(why) = crate::model::body_refused_by_method(&method) {
            (None, Some(why))
        } else {
            let sent = match binary_written_as_text(post, request) {
                Some(why) => {
                    import.notes.push(Note::of_kind(
                        "body",
                        format!("{post_at}/text"),
                        format!("the body is dropped: {why}"),
                    ));
                    None
                }
                None => body(
                    post,
                    &post_at,
                    request.get("bodySize").and_then(Value::as_u64),
                    &mut spec.request,
                    import,
                ),
            };
            let refused = sent
                .as_ref()
                .and_then(|sent| crate::model::body_problem(&method, sent));
            (sent, refused)
        };
        match refused {
            Some(why) => import.notes.push(Note::of_kind(
                "body",
                post_at,
                format!("the body of this {method} request is dropped: {why}"),
            )),
            None => {
                // (a compressed upload's `bodySize` counts its compressed bytes)
                if !content_coded(request)
                    && let Some(kept) = short_text(post, request)
                {
                    import
                        .notes
                        .push(Note::of_kind("body", format!("{post_at}/text"), kept));
                }
                spec.request.body = sent;
            }
        }
    }
    if let Some(response) = response {
        let status = response.get("status").and_then(Value::as_u64).unwrap_or(0);
        if (100..600).contains(&status) {
            let reason = text(response, "statusText");
            let content = response.get("content");
            let body = match content.map(decoded_text).unwrap_or(Ok(String::new())) {
                Ok(body) => body,
                Err(why) => {
                    let at = at.strip_suffix("/request").unwrap_or(at);
                    import.notes.push(Note::of_kind(
                        "body",
                        format!("{at}/response/content/text"),
                        format!("the example response's body is dropped: {why}"),
                    ));
                    String::new()
                }
            };
            let mime = content.map(|c| text(c, "mimeType")).unwrap_or_default();
            spec.response = Some(ResponseSpec {
                status: one_line(&format!("{status} {reason}")),
                body: (!body.is_empty()).then(|| body.clone()),
                lang: if body.is_empty() {
                    None
                } else {
                    crate::http::media::response_fence(&crate::http::media_type(mime))
                        .map(str::to_string)
                },
            });
        }
    }
    let dirs = if in_log && !parsed.host.is_empty() {
        vec![parsed.host.clone()]
    } else {
        Vec::new()
    };
    let name = format!("{method} {}", parsed.path);
    import.items.push(Imported {
        dirs,
        name,
        spec,
        origin: at.to_string(),
    });
    Ok(())
}

/// The request's cookies: what its `Cookie` headers hold, which is what was sent, else its
/// `cookies` list (a HAR written by hand or by a tool may give only that). A browser's list can
/// leave out cookies its header sent (Chrome lists only those from its cookie store), so a list
/// that says otherwise than the header is noted. A browser sends back any value a site stored
/// (RFC 6265, 5.4), but a spec's `cookies` take only those every client sends as written: when
/// one is not such, the cookies are sent as the captured `Cookie` header instead, noted.
fn cookies(
    request: &Value,
    cookie_headers: &[&str],
    at: &str,
    spec: &mut RequestSpec,
    import: &mut Import,
) {
    let listed: Vec<(String, String)> = request
        .get("cookies")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|cookie| {
            (
                scalar(cookie, "name").into_owned(),
                scalar(cookie, "value").into_owned(),
            )
        })
        .collect();
    let sent: Vec<(String, String)> = cookie_headers
        .iter()
        .flat_map(|header| header.split(';'))
        .filter(|pair| !pair.trim().is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (name.trim().to_string(), value.trim().to_string()),
            // a pair without `=` is a value without a name (RFC 6265bis, 5.4), which browsers
            // send as it was stored: `consent`, not `consent=`, which a server reads as a name
            None => (String::new(), pair.trim().to_string()),
        })
        .collect();
    let cookies = if sent.is_empty() {
        listed
    } else {
        if !listed.is_empty() && listed != sent {
            import.notes.push(Note::of_kind(
                "cookies",
                format!("{at}/cookies"),
                "the `cookies` list differs from the `Cookie` header: the cookies are the header's, which is what was sent",
            ));
        }
        sent
    };
    match super::shared::unfit_cookie(&cookies) {
        None => spec
            .cookies
            .extend(cookies.iter().map(|(name, value)| name_value(name, value))),
        Some(why) => {
            let header = if cookie_headers.is_empty() {
                super::shared::cookie_header(&cookies)
            } else {
                cookie_headers.join("; ")
            };
            if !header.is_ascii() || has_control_character(&header) {
                import.notes.push(Note::of_kind(
                    "dropped-header",
                    format!("{at}/cookies"),
                    "the cookies are dropped: their `Cookie` header is not plain ASCII",
                ));
                return;
            }
            let sent_as = if cookie_headers.is_empty() {
                "one `Cookie` header"
            } else {
                "the captured `Cookie` header"
            };
            import.notes.push(Note::of_kind(
                "cookies",
                format!("{at}/cookies"),
                format!("{why}: the cookies are sent as {sent_as}"),
            ));
            spec.headers.push(name_value("Cookie", header));
        }
    }
}

/// The parts of a multipart body as written (`--boundary`, each part's headers, a blank line, its
/// content): a part with a `filename` is a file part by that name, any other a text part, with its
/// `Content-Type` when it has one. `None` when the text is not such a body, or a text part holds
/// a NUL (which a spec cannot).
fn multipart_parts(text: &str, mime: &str) -> Option<Vec<(String, PartSpec)>> {
    let boundary = parameter(mime, "boundary").or_else(|| {
        // the first line is the first delimiter
        let first = text.lines().next()?.trim_end_matches('\r');
        first.strip_prefix("--").map(str::to_string)
    })?;
    let delimiter = format!("--{boundary}");
    let mut pieces = text.split(delimiter.as_str());
    pieces.next()?; // before the first delimiter
    let mut parts = Vec::new();
    for piece in pieces {
        if piece.starts_with("--") {
            return (!parts.is_empty()).then_some(parts);
        }
        let piece = piece
            .strip_prefix("\r\n")
            .or_else(|| piece.strip_prefix('\n'))?;
        let (head, content) = piece
            .split_once("\r\n\r\n")
            .or_else(|| piece.split_once("\n\n"))?;
        let content = content
            .strip_suffix("\r\n")
            .or_else(|| content.strip_suffix('\n'))
            .unwrap_or(content);
        let PartHead {
            name,
            file_name,
            content_type,
        } = PartHead::read(head.lines());
        let name = name?;
        let part = match file_name {
            Some(file) => PartSpec::Detailed(PartDetailSpec {
                file: Some(file),
                content_type,
                ..PartDetailSpec::default()
            }),
            None if content.contains('\0') => return None,
            None if content_type.is_some() => PartSpec::Detailed(PartDetailSpec {
                value: Some(content.to_string()),
                content_type,
                ..PartDetailSpec::default()
            }),
            None => PartSpec::Text(Some(content.to_string())),
        };
        parts.push((name, part));
    }
    // no closing delimiter: a truncated capture
    None
}

/// A multipart body of `parts`, in order.
fn formdata(parts: Vec<(String, PartSpec)>) -> BodySpec {
    BodySpec::Formdata(
        parts
            .into_iter()
            .map(|(name, part)| IndexMap::from([(name, part)]))
            .collect(),
    )
}

/// The parts without a file input left empty: a browser sends one as a part with `filename=""`
/// and no bytes, which a spec's file part (a path to upload) cannot be; left out, noted.
fn without_unchosen_files(
    parts: Vec<(String, PartSpec)>,
    at: &str,
    import: &mut Import,
) -> Vec<(String, PartSpec)> {
    let (unchosen, kept): (Vec<_>, Vec<_>) = parts.into_iter().partition(|(_, part)| {
        matches!(part, PartSpec::Detailed(detail) if detail.file.as_deref().is_some_and(str::is_empty))
    });
    for (name, _) in unchosen {
        import.notes.push(Note::of_kind(
            "body",
            at,
            format!(
                "the part `{name}` is a file input left empty (`filename=\"\"`, no bytes), as a browser sends one: left out"
            ),
        ));
    }
    kept
}

/// Notes that the file parts of a multipart body read from `source` are uploaded from disk,
/// by the name the capture gives, and not with the bytes it captured.
fn note_files_from_disk(parts: &[(String, PartSpec)], at: &str, source: &str, import: &mut Import) {
    let files: Vec<String> = parts
        .iter()
        .filter_map(|(_, part)| match part {
            PartSpec::Detailed(PartDetailSpec {
                file: Some(file), ..
            }) if !file.is_empty() => Some(format!("`{file}`")),
            _ => None,
        })
        .collect();
    if !files.is_empty() {
        import.notes.push(Note::of_kind(
            "body",
            at,
            format!(
                "the multipart body's parts are read from its {source}; a file part names its file ({}), which each sample uploads from disk, not the bytes captured",
                files.join(", ")
            ),
        ));
    }
}

/// Whether a `postData` holds its body: a text or `params`.
fn keeps_body(post: &Value) -> bool {
    post.get("text")
        .and_then(Value::as_str)
        .is_some_and(|text| !text.is_empty())
        || post
            .get("params")
            .and_then(Value::as_array)
            .is_some_and(|params| !params.is_empty())
}

/// How many bytes of body a captured request sent that its `postData` does not hold (no text and
/// no `params`, or no `postData` at all), by its `bodySize` or `Content-Length`; none when the
/// capture kept the body or the request sent none.
fn body_not_kept(request: &Value) -> Option<u64> {
    if request.get("postData").is_some_and(keeps_body) {
        return None;
    }
    let length = headers_named(request, "content-length")
        .next()
        .and_then(|header| text(header, "value").trim().parse::<u64>().ok());
    request
        .get("bodySize")
        .and_then(Value::as_u64)
        .or(length)
        .filter(|&size| size > 0)
}

/// A body the capture did not keep as text, sent from the file `path` (`""`: one not chosen
/// yet), with the captured media type (else `fallback`) when the headers give none.
fn file_body(request: &Value, spec: &mut RequestSpec, path: &str, fallback: Option<&str>) {
    let media = request
        .get("postData")
        .map(|post| text(post, "mimeType"))
        .filter(|mime| !mime.is_empty())
        .or(fallback);
    if let Some(media) = media
        && !has_content_type(&spec.headers)
    {
        spec.headers.push(name_value("Content-Type", media));
    }
    spec.body = Some(BodySpec::File(FileSpec::Path(path.to_string())));
}

/// Whether the request says its body was compressed (`Content-Encoding` other than `identity`).
fn content_coded(request: &Value) -> bool {
    headers_named(request, "content-encoding")
        .any(|header| names_a_coding(&scalar(header, "value")))
}

/// The request's headers named `name`, in any letter case, as the capture lists them.
fn headers_named<'a>(request: &'a Value, name: &'a str) -> impl Iterator<Item = &'a Value> {
    request
        .get("headers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(move |header| self::text(header, "name").eq_ignore_ascii_case(name))
}

/// Whether a `Content-Encoding` value names a coding (`gzip`, `br`), not only `identity`.
fn names_a_coding(value: &str) -> bool {
    value
        .split(',')
        .any(|coding| !matches!(coding.trim().to_ascii_lowercase().as_str(), "" | "identity"))
}

/// Why a body text cannot be the bytes sent, when an exporter wrote bytes that are no UTF-8 as
/// text: Firefox one character per byte (`bodySize` counts as many bytes as the text has
/// characters, and fewer than its UTF-8), HTTP Toolkit and mitmproxy a U+FFFD for each (a
/// protobuf body without a NUL). The spec could only send other bytes.
fn binary_written_as_text(post: &Value, request: &Value) -> Option<String> {
    if self::text(post, "encoding").eq_ignore_ascii_case("base64") {
        return None;
    }
    let body = self::text(post, "text");
    if body.is_ascii() || content_coded(request) {
        return None;
    }
    let sent = request
        .get("bodySize")
        .and_then(Value::as_u64)
        .filter(|&size| size > 0);
    let utf8 = body.len() as u64;
    let per_byte = sent.is_some_and(|sent| body.chars().count() as u64 == sent && utf8 > sent);
    let has_replacements = body.contains('\u{fffd}');
    let replaced = has_replacements && sent != Some(utf8);
    (per_byte || replaced).then(|| {
        // (a U+FFFD says how they were lost, whatever the count: Playwright writes them so too)
        format!(
            "the capture writes bytes that are no UTF-8 as text ({}), which loses them; a spec body holds text",
            if has_replacements {
                "U+FFFD in their place"
            } else {
                "one character per byte: its `bodySize` is the text's characters, not its UTF-8 bytes"
            }
        )
    })
}

/// What to say of a body text shorter than the body the request sent (its `bodySize`): a
/// capture that cut it, or a redaction (`[REDACTED]`) standing for it. The samples send the text.
fn short_text(post: &Value, request: &Value) -> Option<String> {
    let kept = decoded_text(post).ok()?.len() as u64;
    let sent = request.get("bodySize").and_then(Value::as_u64)?;
    (kept > 0 && sent > kept).then(|| {
        format!(
            "the capture keeps {kept} bytes of a body of {sent} (its `bodySize`): cut short or redacted; the samples send the bytes it keeps"
        )
    })
}

/// The `text` of a `postData` or a response's `content`, decoded when its `encoding` is `base64`;
/// why not, when the decoded bytes are no text a spec can hold (not UTF-8, or holding a NUL).
fn decoded_text(value: &Value) -> Result<String, String> {
    use base64::Engine;
    let raw = text(value, "text");
    if !text(value, "encoding").eq_ignore_ascii_case("base64") {
        return Ok(raw.to_string());
    }
    let compact: String = raw.split_whitespace().collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&compact)
        .map_err(|error| format!("its `base64` text does not decode ({error})"))?;
    match String::from_utf8(bytes) {
        Ok(decoded) if !decoded.contains('\0') => Ok(decoded),
        _ => Err("its bytes (`base64` in the capture) are not UTF-8 text without NUL, which is all a spec body can hold".into()),
    }
}

fn body(
    post: &Value,
    at: &str,
    sent_size: Option<u64>,
    request: &mut RequestSpec,
    import: &mut Import,
) -> Option<BodySpec> {
    let mime = text(post, "mimeType").to_string();
    let media = crate::http::media_type(&mime);
    let params = post.get("params").and_then(Value::as_array);
    let content_type_given = has_content_type(&request.headers);
    if media == "multipart/form-data" {
        // the client writes the multipart header with its own boundary
        drop_content_type(&mut request.headers);
        let params = params.filter(|params| !params.is_empty());
        // the body as sent, when the capture has it, over `params`, which Chrome writes with
        // `(binary)` for a file's part and any part with its own type
        let body_text = decoded_text(post).unwrap_or_default();
        if let Some(parts) = multipart_parts(&body_text, &mime) {
            note_files_from_disk(&parts, &format!("{at}/text"), "text", import);
            let parts = without_unchosen_files(parts, &format!("{at}/text"), import);
            return Some(formdata(parts));
        }
        let Some(params) = params else {
            let why = if body_text.is_empty() {
                "a multipart body without `params` or text is dropped"
            } else {
                "a multipart body without `params` whose text does not read as multipart parts is dropped"
            };
            import.notes.push(Note::of_kind("body", at, why));
            return None;
        };
        // Chrome's `(binary)` with no file name: a part whose bytes it did not record (a
        // `Blob` appended without a name), not that text
        let mut unrecorded = Vec::new();
        let parts: Vec<(String, PartSpec)> = params
            .iter()
            .map(|param| {
                let name = scalar(param, "name").into_owned();
                let content_type = param
                    .get("contentType")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                let part = match param.get("fileName").and_then(Value::as_str) {
                    Some(file) => PartSpec::Detailed(PartDetailSpec {
                        file: Some(file.to_string()),
                        content_type,
                        ..PartDetailSpec::default()
                    }),
                    None if text(param, "value") == "(binary)" => {
                        let path = format!("/path/to/{}", crate::import::slug(&name));
                        unrecorded.push(format!("`{name}` (`{path}`)"));
                        PartSpec::Detailed(PartDetailSpec {
                            file: Some(path),
                            content_type,
                            ..PartDetailSpec::default()
                        })
                    }
                    None if content_type.is_some() => PartSpec::Detailed(PartDetailSpec {
                        value: Some(scalar(param, "value").into_owned()),
                        content_type,
                        ..PartDetailSpec::default()
                    }),
                    None => PartSpec::Text(Some(scalar(param, "value").into_owned())),
                };
                (name, part)
            })
            .collect();
        if !unrecorded.is_empty() {
            import.notes.push(Note::of_kind(
                "body",
                format!("{at}/params"),
                format!(
                    "the capture writes the bytes of {} as `(binary)`, with no file name (its word for a part it did not record): each is a file part, from the path in parentheses, to be given",
                    unrecorded.join(", ")
                ),
            ));
        }
        if parts.is_empty() {
            import.notes.push(Note::of_kind(
                "body",
                at,
                "a multipart body without parts is dropped",
            ));
            return None;
        }
        // a file part's captured bytes (har-to-k6's `data:` URL as its `value`) are not sent;
        // one that only names its file loses nothing
        let captured: Vec<(String, PartSpec)> = params
            .iter()
            .zip(&parts)
            .filter(|(param, _)| {
                param.get("fileName").is_some() && !text(param, "value").is_empty()
            })
            .map(|(_, part)| part.clone())
            .collect();
        note_files_from_disk(&captured, &format!("{at}/params"), "`params`", import);
        let parts = without_unchosen_files(parts, &format!("{at}/params"), import);
        return Some(formdata(parts));
    }
    let params = params.filter(|params| !params.is_empty());
    // a form's text as sent, when the capture has it, over `params` (Chrome's are its pieces
    // undecoded, and an exporter's may differ from what was sent)
    let decoded = decoded_text(post);
    let form_text = media == crate::model::FORM_URLENCODED
        && decoded
            .as_ref()
            .is_ok_and(|text| !text.is_empty() && reads_as_form(text));
    // `params` only stand for a form the capture gives no text of: a text that is no list of
    // pairs (a trailing `&`, `&&`, a bad escape) is sent as it is, since Chrome's `params` are
    // its pieces still encoded, and may leave some out
    let has_text = decoded.as_ref().is_ok_and(|text| !text.is_empty());
    if media == crate::model::FORM_URLENCODED
        && !form_text
        && !has_text
        && let Some(params) = params
    {
        // Charles writes a body sent under a form's type that is no form (raw JSON) as one
        // param, its name the whole body: `bodySize` says it went out as it is
        if let [param] = params.as_slice()
            && scalar(param, "value").is_empty()
            && sent_size.is_some_and(|size| size == scalar(param, "name").len() as u64)
            && !reads_as_form(&scalar(param, "name"))
        {
            import.notes.push(Note::of_kind(
                "body",
                format!("{at}/params"),
                "the one param, without a value, is the whole body as sent (its `bodySize`), which is no form: sent as it is",
            ));
            return Some(BodySpec::Raw(scalar(param, "name").into_owned()));
        }
        let fields: Vec<_> = params
            .iter()
            .map(|p| name_value(scalar(p, "name"), scalar(p, "value")))
            .collect();
        return Some(BodySpec::Urlencoded(fields));
    }
    let body_text = match decoded {
        Ok(body_text) => body_text,
        Err(why) => {
            import.notes.push(Note::of_kind(
                "body",
                format!("{at}/text"),
                format!("the body is dropped: {why}"),
            ));
            return None;
        }
    };
    if body_text.contains('\0') {
        // chrome-har and mitmproxy write binary bodies as text
        import.notes.push(Note::of_kind(
            "body",
            format!("{at}/text"),
            "the body is dropped: its text holds a NUL character, which a spec body cannot hold",
        ));
        return None;
    }
    if body_text.is_empty() && params.is_some() {
        // chrome-har writes a JSON body as `params` alone
        import.notes.push(Note::of_kind(
            "body",
            format!("{at}/params"),
            format!(
                "the body is dropped: the capture gives it only as `params`, which cannot make a `{media}` body"
            ),
        ));
        return None;
    }
    if body_text.is_empty() && mime.is_empty() && !content_type_given {
        // an exporter's `postData` of a request without a body (mitmproxy's for a bodiless POST)
        return None;
    }
    if !content_type_given {
        let content_type = if mime.is_empty() {
            import.notes.push(Note::of_kind(
                "body",
                format!("{at}/mimeType"),
                "the capture gives the body no media type: it is sent as `application/octet-stream`, since a spec's body needs a `Content-Type`",
            ));
            "application/octet-stream".to_string()
        } else {
            mime
        };
        request
            .headers
            .push(name_value("Content-Type", content_type));
    }
    if media == crate::model::FORM_URLENCODED && reads_as_form(&body_text) {
        // a form given as text: its pairs, decoded
        let fields = body_text
            .split('&')
            .map(|item| {
                let (name, value) = item.split_once('=').unwrap_or((item, ""));
                name_value(form_decode(name), form_decode(value))
            })
            .collect();
        return Some(BodySpec::Urlencoded(fields));
    }
    Some(BodySpec::Raw(body_text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn specs(text: &str) -> Vec<Spec> {
        import(text)
            .unwrap()
            .items
            .into_iter()
            .map(|i| i.spec)
            .collect()
    }

    fn one(request: serde_json::Value) -> (Spec, Vec<String>) {
        let har = serde_json::json!({"log": {"entries": [{"request": request}]}});
        let import = import(&har.to_string()).unwrap();
        let notes = import.notes.iter().map(|n| n.message.clone()).collect();
        (import.items.into_iter().next().unwrap().spec, notes)
    }

    // Chrome writes `queryString` values as the URL does, Firefox decoded: neither is added again
    // Chrome keeps no text for a binary upload; an exporter may cut a large body
    #[test]
    fn a_body_the_capture_did_not_keep_is_a_file_to_choose() {
        let har = r#"{"log":{"entries":[
          {"request":{"method":"POST","url":"https://e.com/up","bodySize":52341,"headers":[],"postData":{"mimeType":"application/octet-stream"}}},
          {"request":{"method":"PUT","url":"https://e.com/img","bodySize":-1,"headers":[{"name":"Content-Length","value":"9"}]}},
          {"request":{"method":"POST","url":"https://e.com/none","bodySize":0,"headers":[]}}]}}"#;
        let import = import(har).unwrap();
        let bodies: Vec<_> = import
            .items
            .iter()
            .map(|item| {
                item.spec
                    .request
                    .body
                    .as_ref()
                    .map(|body| format!("{body:?}"))
            })
            .collect();
        assert_eq!(
            bodies,
            [
                Some("File(Path(\"\"))".to_string()),
                Some("File(Path(\"\"))".to_string()),
                None
            ]
        );
        let notes: Vec<&str> = import.notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].contains("did not keep the body (52341 bytes were sent)"));
    }

    // what real captures and the tools that write them give: a form's empty file input, numbers
    // and booleans as values, an entry without a request, mitmproxy's WebSocket and `GET` body
    #[test]
    fn captures_odd_entries_are_read_as_they_were_sent() {
        let har = r#"{"log":{"entries":[
          {"request":{"method":"POST","url":"https://e.com/form","headers":[],"postData":{"mimeType":"multipart/form-data; boundary=B",
            "text":"--B\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhi\r\n--B\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--B--\r\n"}}},
          {"request":{"method":"GET","url":"https://e.com/x?page=2","queryString":[{"name":"page","value":2}],"headers":[{"name":"X-Retry","value":1},{"name":"X-Flag","value":true}]}},
          {"response":{"status":200}},
          {"_resourceType":"websocket","request":{"method":"GET","url":"https://e.com/socket","headers":[]},"response":{"status":101}},
          {"request":{"method":"GET","url":"https://e.com/_search","bodySize":36,"headers":[]}},
          {"request":{"method":"POST","url":"https://e.com/gz","headers":[{"name":"Content-Encoding","value":"gzip"},{"name":"Content-Type","value":"application/json"}],
            "postData":{"mimeType":"application/json","text":"{}"}}}]}}"#;
        let import = import(har).unwrap();
        let specs: Vec<&Spec> = import.items.iter().map(|item| &item.spec).collect();
        assert_eq!(specs.len(), 4);
        assert_eq!(
            specs[3].request.headers,
            [name_value("Content-Type", "application/json")]
        );
        let parts = specs[0].request.body.as_ref().unwrap().formdata().unwrap();
        assert_eq!(parts.len(), 1, "{parts:?}");
        assert_eq!(specs[1].request.url, "https://e.com/x?page=2");
        assert_eq!(
            specs[1].request.headers,
            [name_value("X-Retry", "1"), name_value("X-Flag", "true")]
        );
        assert!(specs[2].request.body.is_none());
        let notes: Vec<(&str, &str)> = import
            .notes
            .iter()
            .map(|n| (n.at.as_str(), n.message.as_str()))
            .collect();
        assert!(
            notes[0]
                .1
                .contains("`attachment` is a file input left empty"),
            "{notes:?}"
        );
        assert_eq!(notes[1].0, "/log/entries/2");
        assert!(notes[2].1.contains("WebSocket"), "{notes:?}");
        assert!(
            notes[3]
                .1
                .contains("36 body bytes were sent with this `GET`"),
            "{notes:?}"
        );
        assert!(
            notes[4].1.contains("`Content-Encoding: gzip` dropped"),
            "{notes:?}"
        );
        for spec in specs {
            crate::import::test_support::assert_valid("the spec", spec);
        }
    }

    #[test]
    fn query_items_the_url_holds_raw_or_decoded_are_not_added() {
        let url = "https://e.com/buy?product=MGN63LL%2FA&families=SF+Pro,v3&660&a=1&&b=2";
        for query in [
            serde_json::json!([{"name": "product", "value": "MGN63LL%2FA"}, {"name": "families", "value": "SF+Pro,v3"},
                {"name": "660", "value": ""}, {"name": "a", "value": "1"}, {"name": "", "value": ""}, {"name": "b", "value": "2"}]),
            serde_json::json!([{"name": "product", "value": "MGN63LL/A"}, {"name": "families", "value": "SF Pro,v3"}]),
        ] {
            let (spec, _) =
                one(serde_json::json!({"method": "GET", "url": url, "queryString": query}));
            assert_eq!(spec.request.url, url);
        }
        // an item the URL lacks is still added
        let (spec, _) = one(
            serde_json::json!({"method": "GET", "url": "https://e.com/a?x=1",
            "queryString": [{"name": "y", "value": "a/b"}]}),
        );
        assert_eq!(spec.request.url, "https://e.com/a?x=1&y=a%2Fb");
    }

    // a page's capture: the browser's own loads are no requests; the API calls are imported
    #[test]
    fn what_the_browser_loads_itself_is_left_out() {
        let entry = |url: &str| serde_json::json!({"request": {"method": "GET", "url": url}});
        let har = serde_json::json!({"log": {"entries": [
            entry("data:image/png;base64,iVBORw0KGgo="),
            entry("chrome-extension://abc/script.js"),
            entry("moz-extension://abc/a.css"),
            entry("blob:https://e.com/5f1c"),
            entry("https://api.e.com/v1/items"),
        ]}});
        let import = import(&har.to_string()).unwrap();
        assert_eq!(import.items.len(), 1);
        assert_eq!(
            import.items[0].spec.request.url,
            "https://api.e.com/v1/items"
        );
        let left_out: Vec<&str> = import
            .notes
            .iter()
            .filter(|note| note.kind == "left-out")
            .map(|note| note.at.as_str())
            .collect();
        assert_eq!(left_out.len(), 4, "{:?}", import.notes);
        assert!(import.notes[0].message.contains("a `data:` URL"));
    }

    // Chrome lists only the cookies from its store; the header is what went out
    #[test]
    fn the_cookie_header_sent_wins_over_a_cookies_list_that_differs() {
        let (spec, notes) = one(serde_json::json!({"method": "GET", "url": "https://e.com/",
            "headers": [{"name": "cookie", "value": "sid=1; theme=dark"}],
            "cookies": [{"name": "sid", "value": "1", "httpOnly": true}]}));
        assert_eq!(
            spec.request.cookies,
            [name_value("sid", "1"), name_value("theme", "dark")]
        );
        assert!(spec.request.headers.is_empty());
        assert!(
            notes[0].contains("differs from the `Cookie` header"),
            "{notes:?}"
        );
        // a list that agrees with the header says nothing
        let (spec, notes) = one(serde_json::json!({"method": "GET", "url": "https://e.com/",
            "headers": [{"name": "Cookie", "value": "a=1; b=2"}],
            "cookies": [{"name": "a", "value": "1"}, {"name": "b", "value": "2"}]}));
        assert_eq!(spec.request.cookies.len(), 2);
        assert!(notes.is_empty(), "{notes:?}");
    }

    // a browser sends back any cookie a site stored; a spec's `cookies` take fewer
    #[test]
    fn cookies_no_spec_takes_are_sent_as_the_captured_header() {
        let (spec, notes) = one(
            serde_json::json!({"method": "GET", "url": "https://e.com/a",
            "headers": [{"name": "Cookie", "value": "S=a,b; ok=1"}],
            "cookies": [{"name": "S", "value": "a,b"}, {"name": "ok", "value": "1"}]}),
        );
        assert!(spec.request.cookies.is_empty());
        assert_eq!(spec.request.headers, [name_value("Cookie", "S=a,b; ok=1")]);
        assert!(notes[0].contains("`S=a,b` is no cookie"), "{notes:?}");
        crate::import::test_support::assert_valid("cookie", &spec);
        // with no `cookies` list, the header's
        let (spec, notes) = one(
            serde_json::json!({"method": "GET", "url": "https://e.com/a",
            "headers": [{"name": "cookie", "value": "sid=abc; theme=dark"}], "cookies": []}),
        );
        assert_eq!(
            spec.request.cookies,
            [name_value("sid", "abc"), name_value("theme", "dark")]
        );
        assert!(notes.is_empty(), "{notes:?}");
        // a pair without `=` went out as written, not as `consent=`
        let (spec, notes) = one(
            serde_json::json!({"method": "GET", "url": "https://e.com/cart",
            "headers": [{"name": "Cookie", "value": "sid=abc; consent"}],
            "cookies": [{"name": "sid", "value": "abc"}]}),
        );
        assert!(spec.request.cookies.is_empty());
        assert_eq!(
            spec.request.headers,
            [name_value("Cookie", "sid=abc; consent")]
        );
        assert!(
            notes.iter().any(|n| n.contains("`consent` has no `=`")),
            "{notes:?}"
        );
    }

    #[test]
    fn what_exporters_write_for_bodies() {
        let post = |post_data: serde_json::Value| {
            one(
                serde_json::json!({"method": "POST", "url": "https://e.com/a", "postData": post_data}),
            )
        };
        // Playwright: a form as text, with `params` empty
        let (spec, _) = post(
            serde_json::json!({"mimeType": "application/x-www-form-urlencoded;charset=UTF-8",
            "text": "a=1&b=x+y", "params": []}),
        );
        assert_eq!(
            spec.request.body.as_ref().unwrap().urlencoded().unwrap()[1]["b"].as_deref(),
            Some("x y")
        );
        // chrome-har: JSON as `params` alone, which cannot make the body
        let (spec, notes) = post(serde_json::json!({"mimeType": "application/json",
            "params": [{"name": "reason", "value": "x"}]}));
        assert!(spec.request.body.is_none());
        assert!(notes[0].contains("only as `params`"), "{notes:?}");
        // a binary body written as text
        let (spec, notes) =
            post(serde_json::json!({"mimeType": "application/octet-stream", "text": "a\u{0}b"}));
        assert!(spec.request.body.is_none());
        assert!(notes[0].contains("NUL"), "{notes:?}");
        // mitmproxy's multipart upload: the file part's bytes are uploaded from disk anyway
        let text = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pic.png\"\r\n\r\n\u{89}PNG\u{0}\r\n--b--\r\n";
        let (spec, _) =
            post(serde_json::json!({"mimeType": "multipart/form-data; boundary=b", "text": text}));
        assert!(
            matches!(spec.request.body, Some(BodySpec::Formdata(_))),
            "{:?}",
            spec.request.body
        );
        // mitmproxy's `postData` of a POST without a body
        let (spec, notes) = post(serde_json::json!({"mimeType": "", "text": "", "params": []}));
        assert!(spec.request.body.is_none() && spec.request.headers.is_empty());
        assert!(notes.is_empty(), "{notes:?}");
        // a body with no media type gets one, noted
        let (spec, notes) = post(serde_json::json!({"mimeType": null, "text": "hello"}));
        assert_eq!(
            spec.request.headers,
            [name_value("Content-Type", "application/octet-stream")]
        );
        assert!(notes[0].contains("no media type"), "{notes:?}");
    }

    // Charles and Fiddler record the tunnel through their proxy as an entry of its own
    #[test]
    fn a_proxy_tunnel_is_left_out() {
        let har = r#"{"log":{"entries":[
          {"request":{"method":"CONNECT","url":"https://e.com:443","headers":[]}},
          {"request":{"method":"GET","url":"https://e.com/a","headers":[]}}]}}"#;
        let import = import(har).unwrap();
        assert_eq!(import.items.len(), 1);
        assert_eq!(import.items[0].spec.request.url, "https://e.com/a");
        assert!(
            import.notes[0]
                .message
                .contains("`CONNECT` through a proxy")
        );
    }

    // a protobuf body without a NUL, as Firefox (a character per byte) and HTTP Toolkit (U+FFFD
    // for each byte that is no UTF-8) write it; a gzip upload's `bodySize` is its compressed size
    #[test]
    fn binary_bytes_written_as_text_are_not_sent_as_other_bytes() {
        let post = |text: &str, size: u64| {
            one(
                serde_json::json!({"method": "POST", "url": "https://e.com/rpc", "bodySize": size,
                "headers": [{"name": "Content-Type", "value": "application/x-protobuf"}],
                "postData": {"mimeType": "application/x-protobuf", "text": text}}),
            )
        };
        let (spec, notes) = post("\u{0a}\u{03}abc\u{10}\u{96}\u{01}", 8);
        assert!(spec.request.body.is_none());
        assert!(notes[0].contains("one character per byte"), "{notes:?}");
        let (spec, notes) = post("\u{0a}\u{03}abc\u{10}\u{fffd}\u{01}", 7);
        assert!(spec.request.body.is_none());
        assert!(notes[0].contains("U+FFFD"), "{notes:?}");
        // UTF-8 text whose `bodySize` counts its bytes is sent
        let (spec, notes) = post("café", 5);
        assert!(spec.request.body.is_some());
        assert!(notes.is_empty(), "{notes:?}");
        let (_, notes) = one(
            serde_json::json!({"method": "POST", "url": "https://e.com/gz", "bodySize": 53,
            "headers": [{"name": "Content-Encoding", "value": "gzip"}, {"name": "Content-Type", "value": "application/json"}],
            "postData": {"mimeType": "application/json", "text": "{\"a\": 1}"}}),
        );
        assert!(notes.iter().all(|n| !n.contains("cut short")), "{notes:?}");
    }

    // Charles keeps a JSON body sent as a form as one param named by the whole JSON
    #[test]
    fn a_lone_param_that_is_the_whole_body_is_sent_as_it_is() {
        let json = r#"{"className":"Order","page":1}"#;
        let (spec, notes) = one(
            serde_json::json!({"method": "POST", "url": "https://e.com/api",
            "bodySize": json.len(),
            "postData": {"mimeType": "application/x-www-form-urlencoded", "params": [{"name": json, "value": ""}]}}),
        );
        assert_eq!(
            spec.request.body.as_ref().and_then(|body| body.raw()),
            Some(json)
        );
        assert!(notes[0].contains("whole body as sent"), "{notes:?}");
        // a form's one field, sent `flag=`, stays a form
        let (spec, _) = one(
            serde_json::json!({"method": "POST", "url": "https://e.com/api", "bodySize": 5,
            "postData": {"mimeType": "application/x-www-form-urlencoded", "params": [{"name": "flag", "value": ""}]}}),
        );
        assert!(spec.request.body.as_ref().unwrap().urlencoded().is_some());
    }

    // Chrome records a cross-origin request's preflight as an entry of its own
    #[test]
    fn a_cors_preflight_is_left_out() {
        let har = r#"{"log":{"entries":[
          {"_resourceType":"preflight","_initiator":{"type":"preflight"},"request":{"method":"OPTIONS","url":"https://api.e.com/a","headers":[{"name":"Access-Control-Request-Method","value":"POST"}]}},
          {"request":{"method":"OPTIONS","url":"https://api.e.com/b","headers":[{"name":"Access-Control-Request-Method","value":"POST"}]}},
          {"request":{"method":"OPTIONS","url":"https://api.e.com/c","headers":[{"name":"origin","value":"https://app.e.com"},{"name":"access-control-request-method","value":"PUT"}]}},
          {"request":{"method":"POST","url":"https://api.e.com/a","headers":[]}},
          {"request":{"method":"PUT","url":"https://api.e.com/c","headers":[]}},
          {"request":{"method":"OPTIONS","url":"https://api.e.com/d","headers":[{"name":"Origin","value":"https://app.e.com"},{"name":"Access-Control-Request-Method","value":"DELETE"}]}}]}}"#;
        let import = import(har).unwrap();
        let methods: Vec<&str> = import
            .items
            .iter()
            .map(|item| item.spec.request.method.as_str())
            .collect();
        // without an `Origin`, or with no request after it that it asks for, an `OPTIONS` is
        // a request of its own, kept
        assert_eq!(methods, ["OPTIONS", "POST", "PUT", "OPTIONS"]);
        assert_eq!(import.items[0].spec.request.url, "https://api.e.com/b");
        assert_eq!(import.items[3].spec.request.url, "https://api.e.com/d");
        assert_eq!(import.notes.len(), 2, "{:?}", import.notes);
        assert!(import.notes[0].message.contains("Chrome's"));
        assert!(import.notes[1].message.contains("with `Origin` and"));
    }

    // mitmproxy writes a byte that is no UTF-8 as a lone surrogate
    #[test]
    fn a_lone_surrogate_does_not_stop_the_import() {
        let har = r#"{"log":{"entries":[
          {"request":{"method":"GET","url":"https://e.com/a","headers":[{"name":"X-Latin1","value":"caf\udce9"},{"name":"X-High","value":"\ud83d"}]}},
          {"request":{"method":"GET","url":"https://e.com/b","headers":[{"name":"X-Pair","value":"\ud83d\ude00 \\udce9"}]}},
          {"request":{"method":"GET","url":"wss://e.com/socket"}}]}}"#;
        let import = import(har).unwrap();
        assert_eq!(import.items.len(), 2);
        assert!(import.items[0].spec.request.headers.is_empty());
        let kinds: Vec<&str> = import.notes.iter().map(|n| n.kind).collect();
        assert_eq!(
            kinds,
            [
                "text",
                "dropped-header",
                "dropped-header",
                "dropped-header",
                "left-out"
            ]
        );
        assert_eq!(
            lone_surrogates_replaced(r#"["\ud83d\ude00", "\udce9x", "\\udce9", "\ud83d"]"#),
            (
                r#"["\ud83d\ude00", "\ufffdx", "\\udce9", "\ufffd"]"#.to_string(),
                2
            )
        );
    }

    #[test]
    fn a_bare_request_with_everything() {
        let har = r#"{"method":"post","url":"https://api.example.com/v1/users?limit=10",
          "headers":[{"name":"Accept","value":"application/json"},{"name":"Host","value":"x"},
                     {"name":"Authorization","value":"Basic dXNlcjpwYXNz"},{"name":"content-type","value":"application/x-www-form-urlencoded"}],
          "cookies":[{"name":"a","value":"1"}],
          "postData":{"mimeType":"application/x-www-form-urlencoded","params":[{"name":"foo","value":"bar baz"}]}}"#;
        let spec = &specs(har)[0];
        assert_eq!(spec.request.method, "POST");
        assert_eq!(
            spec.request.url,
            "https://api.example.com/v1/users?limit=10"
        );
        assert_eq!(
            spec.request.headers.len(),
            2,
            "Host dropped: {:?}",
            spec.request.headers
        );
        assert_eq!(
            spec.request
                .auth
                .as_ref()
                .unwrap()
                .basic()
                .unwrap()
                .password,
            "pass"
        );
        assert_eq!(spec.request.cookies.len(), 1);
        assert_eq!(
            spec.request.body.as_ref().unwrap().urlencoded().unwrap()[0]["foo"].as_deref(),
            Some("bar baz")
        );
    }

    // a form's text is taken apart only when it reads as a form; else its bytes are the body
    #[test]
    fn a_form_captured_as_text_is_fields_only_when_it_reads_as_one() {
        let body = |text: &str| {
            let har = serde_json::json!({"method": "POST", "url": "https://e.com/a",
                "postData": {"mimeType": "application/x-www-form-urlencoded", "text": text}});
            specs(&har.to_string())[0].request.body.clone().unwrap()
        };
        let fields = body("a=1&b=x+y%21");
        let fields = fields.urlencoded().unwrap();
        assert_eq!(fields[1]["b"].as_deref(), Some("x y!"));
        for text in [r#"{"q":"a=b"}"#, "flag&a=1", "a=1&"] {
            assert_eq!(body(text).raw(), Some(text));
        }
    }

    #[test]
    fn a_multipart_body_captured_as_text_is_read_part_by_part() {
        let crlf = "--B\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHello\r\nthere\r\n--B\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{}\r\n--B\r\ncontent-disposition: form-data; name=\"file\"; filename=\"a b.txt\"\r\nContent-Type: text/plain\r\n\r\nbytes\r\n--B--\r\n";
        let parts = multipart_parts(crlf, "multipart/form-data; boundary=B").unwrap();
        let names: Vec<&str> = parts.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["title", "meta", "file"]);
        assert!(matches!(&parts[0].1, PartSpec::Text(Some(text)) if text == "Hello\r\nthere"));
        assert!(
            matches!(&parts[1].1, PartSpec::Detailed(PartDetailSpec { value: Some(v), content_type: Some(t), .. }) if v == "{}" && t == "application/json")
        );
        assert!(
            matches!(&parts[2].1, PartSpec::Detailed(PartDetailSpec { file: Some(f), .. }) if f == "a b.txt")
        );
        // line feeds alone, and the boundary read from the first line
        let lf = "--B\nContent-Disposition: form-data; name=a\n\n1\n--B--\n";
        assert_eq!(multipart_parts(lf, "multipart/form-data").unwrap().len(), 1);
        // a truncated capture, or text that is no multipart body
        assert!(
            multipart_parts(
                "--B\r\nContent-Disposition: form-data; name=a\r\n\r\n1",
                "multipart/form-data; boundary=B"
            )
            .is_none()
        );
        assert!(multipart_parts("a=1&b=2", "multipart/form-data; boundary=B").is_none());
        // in a capture without `params` (or with none), noted for its file
        let har = format!(
            r#"{{"log":{{"entries":[{{"request":{{"method":"POST","url":"http://h/u","postData":{{"mimeType":"multipart/form-data; boundary=B","params":[],"text":{}}}}}}}]}}}}"#,
            serde_json::to_string(crlf).unwrap()
        );
        let import = import(&har).unwrap();
        let body = import.items[0].spec.request.body.as_ref().unwrap();
        assert_eq!(body.formdata().unwrap().len(), 3);
        assert_eq!(import.notes.len(), 1, "{:?}", import.notes);
        assert!(import.notes[0].message.contains("`a b.txt`"));
    }

    #[test]
    fn multipart_json_and_a_log() {
        let har = r#"{"log":{"entries":[
          {"request":{"method":"POST","url":"http://h/u","headers":[{"name":"Content-Type","value":"multipart/form-data; boundary=x"}],
            "postData":{"mimeType":"multipart/form-data","params":[{"name":"foo","fileName":"hello.txt","contentType":"text/plain"},{"name":"bar","value":"1"}]}},
           "response":{"status":201,"statusText":"Created","content":{"mimeType":"application/json","text":"{}"}}},
          {"request":{"method":"HEAD","url":"http://h/j","postData":{"mimeType":"application/json","text":"{}"}}},
          {"request":{"method":"GET","url":"http://h/s","postData":{"mimeType":"application/json","text":"{}"}}}]}}"#;
        let import = import(har).unwrap();
        let upload = &import.items[0];
        assert_eq!(upload.dirs, ["h"]);
        assert!(
            upload.spec.request.headers.is_empty(),
            "the multipart header is the client's"
        );
        assert_eq!(
            upload
                .spec
                .request
                .body
                .as_ref()
                .unwrap()
                .formdata()
                .unwrap()
                .len(),
            2
        );
        assert_eq!(upload.spec.response.as_ref().unwrap().status, "201 Created");
        assert!(import.items[1].spec.request.body.is_none());
        assert_eq!(
            import.items[2].spec.request.body.as_ref().unwrap().raw(),
            Some("{}")
        );
        // the HEAD's body, dropped (the file part names its file, and loses nothing)
        assert!(
            import.notes[0].at.ends_with("/entries/1/request/postData"),
            "{:?}",
            import.notes
        );
    }

    #[test]
    fn a_body_text_shorter_than_its_body_is_noted() {
        let (spec, notes) = one(
            serde_json::json!({"method": "POST", "url": "https://e.com/a",
            "bodySize": 97,
            "postData": {"mimeType": "application/json", "text": "[REDACTED]"}}),
        );
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("[REDACTED]")
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("keeps 10 bytes of a body of 97")),
            "{notes:?}"
        );
        let (_, notes) = one(
            serde_json::json!({"method": "POST", "url": "https://e.com/a",
            "bodySize": 2,
            "postData": {"mimeType": "application/json", "text": "{}"}}),
        );
        assert!(notes.is_empty(), "{notes:?}");
    }

    // Playwright's attached body: the file beside the HAR, not the empty text
    #[test]
    fn a_body_playwright_attached_is_that_file() {
        let (spec, notes) = one(
            serde_json::json!({"method": "POST", "url": "https://e.com/a",
            "bodySize": -1,
            "postData": {"mimeType": "application/json", "text": "", "_file": "75841480e2606c03389077304342fac2c58ccb1b.json"}}),
        );
        assert!(
            matches!(&spec.request.body, Some(BodySpec::File(FileSpec::Path(path)))
            if path == "75841480e2606c03389077304342fac2c58ccb1b.json")
        );
        assert!(
            notes.iter().any(|n| n.contains("keeps the body in the file `75841480e2606c03389077304342fac2c58ccb1b.json` beside it")),
            "{notes:?}"
        );
        assert_eq!(
            crate::import::test_support::pairs(&spec.request.headers),
            [crate::import::test_support::pair(
                "Content-Type",
                "application/json"
            )]
        );
        // Playwright's older name for it
        let (spec, _) = one(
            serde_json::json!({"method": "POST", "url": "https://e.com/a",
            "postData": {"mimeType": "application/json", "text": "", "_sha1": "abc.json"}}),
        );
        assert!(
            matches!(&spec.request.body, Some(BodySpec::File(FileSpec::Path(path))) if path == "abc.json")
        );
        // a body kept as text too is that text
        let (spec, _) = one(
            serde_json::json!({"method": "POST", "url": "https://e.com/a",
            "postData": {"mimeType": "application/json", "text": "{\"a\":1}", "_file": "abc.json"}}),
        );
        assert!(matches!(&spec.request.body, Some(BodySpec::Raw(raw)) if raw == "{\"a\":1}"));
    }

    // Chrome's `(binary)` for a part it did not record, with no file name: a file part
    #[test]
    fn a_part_recorded_as_binary_without_a_file_name_is_a_file_part() {
        let (spec, notes) = one(
            serde_json::json!({"method": "POST", "url": "https://e.com/a",
            "postData": {"mimeType": "multipart/form-data; boundary=B",
                "params": [{"name": "title", "value": "hi"}, {"name": "blob data", "value": "(binary)", "contentType": "image/png"}]}}),
        );
        let Some(BodySpec::Formdata(parts)) = &spec.request.body else {
            panic!("{:?}", spec.request.body)
        };
        assert!(matches!(&parts[1]["blob data"], PartSpec::Detailed(d)
            if d.file.as_deref() == Some("/path/to/blob-data") && d.content_type.as_deref() == Some("image/png")));
        assert!(
            notes.iter().any(|n| n.contains(
                "the capture writes the bytes of `blob data` (`/path/to/blob-data`) as `(binary)`"
            )),
            "{notes:?}"
        );
    }

    #[test]
    fn a_form_text_that_is_no_list_of_pairs_is_sent_as_it_is_not_from_its_params() {
        for text in ["a=1&b=x%20y&", "a=1&&b=x%20y", "a=%zz&b=x%20y"] {
            let (spec, notes) = one(
                serde_json::json!({"method": "POST", "url": "https://e.com/a",
                "postData": {
                    "mimeType": "application/x-www-form-urlencoded",
                    "text": text,
                    "params": [{"name": "a", "value": "1"}, {"name": "b", "value": "x%20y"}]}}),
            );
            assert!(
                matches!(&spec.request.body, Some(BodySpec::Raw(raw)) if raw == text),
                "{text}: {:?} {notes:?}",
                spec.request.body
            );
        }
    }

    // Chrome writes a form's `params` as its text's pieces, undecoded, and a multipart body's
    // file part as `(binary)`: the text, as sent, is the body; an exporter's `params` that differ
    // from it (har-to-k6's fixture) are not
    #[test]
    fn a_bodys_text_wins_over_its_params() {
        let har = r#"{"log":{"entries":[
          {"request":{"method":"POST","url":"https://e.com/search","postData":{"mimeType":"application/x-www-form-urlencoded",
            "text":"msg=hello%20world&sum=1+2&k%5B%5D=v","params":[{"name":"msg","value":"hello%20world"},{"name":"sum","value":"1+2"},{"name":"k%5B%5D","value":"v"},{"name":"extra","value":"x"}]}}},
          {"request":{"method":"POST","url":"https://e.com/upload","postData":{"mimeType":"multipart/form-data; boundary=B",
            "text":"--B\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n--B\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\nhi\r\n--B--\r\n",
            "params":[{"name":"title","value":"hello"},{"name":"doc","value":"(binary)"}]}}},
          {"request":{"method":"POST","url":"https://e.com/form","postData":{"mimeType":"application/x-www-form-urlencoded","params":[{"name":"a b","value":"1"}]}}},
          {"request":{"method":"POST","url":"https://e.com/k6","postData":{"mimeType":"multipart/form-data","params":[{"name":"f","fileName":"a.jpg","value":"data:image/jpeg;base64,/9j/"}]}}}]}}"#;
        let import = import(har).unwrap();
        let form = import.items[0].spec.request.body.as_ref().unwrap();
        assert_eq!(
            form.urlencoded().unwrap()[..],
            [
                name_value("msg", "hello world"),
                name_value("sum", "1 2"),
                name_value("k[]", "v")
            ]
        );
        let parts = import.items[1].spec.request.body.as_ref().unwrap();
        let parts = parts.formdata().unwrap();
        assert_eq!(parts.len(), 2);
        assert!(
            matches!(&parts[1]["doc"], PartSpec::Detailed(PartDetailSpec { file: Some(f), .. }) if f == "notes.txt"),
            "{parts:?}"
        );
        // `params` alone are the decoded fields
        let fields = import.items[2].spec.request.body.as_ref().unwrap();
        assert_eq!(fields.urlencoded().unwrap()[..], [name_value("a b", "1")]);
        // a file part's captured bytes are not sent: said
        let files: Vec<&Note> = import
            .notes
            .iter()
            .filter(|n| n.message.contains("uploads from disk"))
            .collect();
        assert_eq!(files.len(), 2, "{:?}", import.notes);
        assert!(
            files[1].at.ends_with("/entries/3/request/postData/params"),
            "{files:?}"
        );
    }

    // a query parameter written encoded already is added as it is; an entry with no URL is left
    // out with a note, and the others imported
    #[test]
    fn encoded_query_parameters_and_an_entry_without_a_url() {
        let har = r#"{"log":{"entries":[
          {"request":{"method":"GET","url":"","postData":{}}},
          {"request":{"method":"GET","url":"http://h/har","queryString":[{"name":"startTime","value":"2019-06-13T19%3A08%3A25.455Z"},{"name":"q","value":"a b%"}]}}]}}"#;
        let import = import(har).unwrap();
        assert_eq!(import.items.len(), 1);
        assert_eq!(
            import.items[0].spec.request.url,
            "http://h/har?startTime=2019-06-13T19%3A08%3A25.455Z&q=a%20b%25"
        );
        assert!(
            import.notes[0].kind == "left-out"
                && import.notes[0].at.ends_with("/entries/0/request"),
            "{:?}",
            import.notes
        );
    }

    #[test]
    fn base64_bodies_are_decoded() {
        // "{\"a\":\"é\"}" and a PNG signature, as Chrome writes a binary response
        let har = r#"{"log":{"entries":[
          {"request":{"method":"POST","url":"https://e.com/a","headers":[{"name":"Content-Type","value":"application/json"}],
            "postData":{"mimeType":"application/json","text":"eyJhIjoiw6kifQ==","encoding":"base64"}},
           "response":{"status":200,"statusText":"OK","content":{"mimeType":"application/json","text":"eyJhIjoiw6kifQ==","encoding":"base64"}}},
          {"request":{"method":"PUT","url":"https://e.com/b","postData":{"mimeType":"image/png","text":"iVBORw0KGgoAAAANSUhEUg==","encoding":"base64"}},
           "response":{"status":200,"statusText":"OK","content":{"mimeType":"image/png","text":"iVBORw0KGgo=","encoding":"base64"}}}]}}"#;
        let import = import(har).unwrap();
        let json = &import.items[0].spec;
        assert_eq!(
            json.request.body.as_ref().unwrap().raw(),
            Some("{\"a\":\"é\"}")
        );
        assert_eq!(
            json.response.as_ref().unwrap().body.as_deref(),
            Some("{\"a\":\"é\"}")
        );
        let png = &import.items[1].spec;
        assert!(png.request.body.is_none());
        assert!(png.response.as_ref().unwrap().body.is_none());
        let kinds: Vec<(&str, &str)> = import
            .notes
            .iter()
            .map(|n| (n.kind, n.at.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("body", "/log/entries/1/request/postData/text"),
                ("body", "/log/entries/1/response/content/text")
            ]
        );
        crate::import::test_support::assert_valid("json", json);
    }

    #[test]
    fn malformed_input_is_an_error() {
        assert!(import("{").is_err());
        assert!(
            import("{\"a\": 1}")
                .unwrap_err()
                .contains("neither a HAR log")
        );
    }
}
