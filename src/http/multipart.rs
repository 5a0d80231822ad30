//! Reading the headers of a multipart body's parts: the names `Content-Disposition` gives and the
//! part's `Content-Type`, with header parameters read as RFC 2183 and RFC 7578 write them (any
//! case, quoted or not). The HAR importer reads captured bodies with it, `verify` received ones.

/// The parameter `name` of a header value (`form-data; name="a"`, `multipart/form-data;
/// boundary=x`), unquoted, its name in any case. A `;` inside quotes is part of the value, and in
/// a quoted value `\"` and `\\` are a quote and a backslash; any other backslash is itself, as
/// browsers send a Windows path (`C:\fakepath\a.txt`). A parameter without `=` is skipped.
pub fn parameter(header: &str, name: &str) -> Option<String> {
    outside_quotes(header, ';').into_iter().find_map(|piece| {
        let (key, value) = piece.split_once('=')?;
        if !key.trim().eq_ignore_ascii_case(name) {
            return None;
        }
        let value = value.trim();
        Some(match value.strip_prefix('"') {
            Some(inner) => unquote(inner.strip_suffix('"').unwrap_or(inner)),
            None => value.to_string(),
        })
    })
}

/// `text` split at each `separator` outside double quotes (in which `\"` is a quote), the
/// pieces as written; the piece before the first separator is left out.
pub fn outside_quotes(text: &str, separator: char) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut quoted = false;
    let mut escaped = false;
    let mut start = None;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c == separator && !quoted => {
                if let Some(start) = start {
                    pieces.push(&text[start..i]);
                }
                start = Some(i + 1);
            }
            _ => {}
        }
    }
    if let Some(start) = start {
        pieces.push(&text[start..]);
    }
    pieces
}

/// A quoted value's text: `\"` a quote, `\\` a backslash, any other character as it is.
fn unquote(inner: &str) -> String {
    let mut value = String::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&next @ ('"' | '\\'))) => {
                value.push(next);
                chars.next();
            }
            _ => value.push(c),
        }
    }
    value
}

/// What a part's header lines say.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PartHead {
    /// `Content-Disposition`'s `name` and `filename`.
    pub name: Option<String>,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
}

impl PartHead {
    /// Reads a part's header lines (without their line breaks); names in any case, a line
    /// without a `:` skipped.
    pub fn read<'a>(lines: impl IntoIterator<Item = &'a str>) -> PartHead {
        let mut head = PartHead::default();
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            match name.trim().to_ascii_lowercase().as_str() {
                "content-disposition" => {
                    head.name = parameter(value, "name");
                    head.file_name = parameter(value, "filename");
                }
                "content-type" => head.content_type = Some(value.trim().to_string()),
                _ => {}
            }
        }
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_quoted_or_not_in_any_case() {
        let disposition = r#"form-data; NAME="a;b"; filename="c \"d\".txt"; x=1"#;
        assert_eq!(parameter(disposition, "name").as_deref(), Some("a;b"));
        assert_eq!(
            parameter(disposition, "filename").as_deref(),
            Some(r#"c "d".txt"#)
        );
        assert_eq!(parameter(disposition, "x").as_deref(), Some("1"));
        assert_eq!(parameter(disposition, "missing"), None);
        assert_eq!(
            parameter("multipart/form-data; boundary=----x", "boundary").as_deref(),
            Some("----x")
        );
        // `filename` is not `name`, and the value before the first `;` is no parameter
        assert_eq!(parameter("form-data; filename=f", "name"), None);
        assert_eq!(parameter("name=a", "name"), None);
        // a parameter without `=` does not hide the next; a Windows path keeps its backslashes
        assert_eq!(
            parameter(r#"form-data; foo; name="f""#, "name").as_deref(),
            Some("f")
        );
        assert_eq!(
            parameter(r#"form-data; filename="C:\fakepath\a.txt""#, "filename").as_deref(),
            Some(r"C:\fakepath\a.txt")
        );
        // an unterminated quote runs to the end; an empty value is empty
        assert_eq!(
            parameter(r#"form-data; name="a;b"#, "name").as_deref(),
            Some("a;b")
        );
        assert_eq!(parameter("form-data; name=", "name").as_deref(), Some(""));
    }

    #[test]
    fn a_parts_head() {
        let head = PartHead::read([
            "content-disposition: form-data; name=\"file\"; filename=\"a b.txt\"",
            "not a header",
            "Content-Type: text/plain",
        ]);
        assert_eq!(
            head,
            PartHead {
                name: Some("file".into()),
                file_name: Some("a b.txt".into()),
                content_type: Some("text/plain".into()),
            }
        );
    }
}
