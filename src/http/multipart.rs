//! Reading the headers of a multipart body's parts: the names `Content-Disposition` gives and the
//! part's `Content-Type`, with header parameters read as RFC 2183 and RFC 7578 write them (any
//! case, quoted or not). The HAR importer reads captured bodies with it, `verify` received ones.

/// The parameter `name` of a header value (`form-data; name="a"`, `multipart/form-data;
/// boundary=x`), unquoted, its name in any case. A `;` inside quotes is part of the value, and
/// `\` in a quoted value escapes the character after it.
pub fn parameter(header: &str, name: &str) -> Option<String> {
    let mut rest = header.split_once(';')?.1;
    loop {
        let (key, after) = rest.split_once('=')?;
        let after = after.trim_start();
        let (value, next) = match after.strip_prefix('"') {
            Some(quoted) => {
                let mut value = String::new();
                let mut chars = quoted.char_indices();
                let mut end = quoted.len();
                while let Some((at, c)) = chars.next() {
                    match c {
                        '\\' => value.extend(chars.next().map(|(_, escaped)| escaped)),
                        '"' => {
                            end = at + 1;
                            break;
                        }
                        c => value.push(c),
                    }
                }
                let next = quoted[end..].split_once(';').map(|(_, next)| next);
                (value, next)
            }
            None => match after.split_once(';') {
                Some((value, next)) => (value.trim_end().to_string(), Some(next)),
                None => (after.trim_end().to_string(), None),
            },
        };
        if key.trim().eq_ignore_ascii_case(name) {
            return Some(value);
        }
        rest = next?;
    }
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
