//! curl's URL globbing, as curl reads a URL without `-g`/`--globoff`: `{a,b}` sets and `[1-3]`,
//! `[a-c]`, `[01-10:2]` ranges each make one request per value, and `\{`, `\[`, `\}`, `\]` are
//! the brackets themselves. A documentation URL means a placeholder where curl would see a set
//! of one (`{id}`, `{{baseUrl}}`); those stay as written, for the placeholder reading after.

/// Why a URL is not expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// curl refuses the URL (`[status]` is no range): what is wrong, and the character's
    /// column (from 1).
    Invalid { reason: &'static str, column: usize },
    /// The URL expands to more URLs than an import takes.
    TooMany(u128),
}

/// One piece of a URL: text, or the values a glob takes in turn.
enum Piece {
    Text(String),
    Values(Vec<String>),
    /// A numeric range, counted before its values are written (`[1-1000000]`).
    Numbers {
        min: i64,
        step: i64,
        count: i64,
        width: usize,
    },
}

impl Piece {
    fn count(&self) -> u128 {
        match self {
            Piece::Text(_) => 1,
            Piece::Values(values) => values.len() as u128,
            Piece::Numbers { count, .. } => *count as u128,
        }
    }

    fn values(&self) -> Vec<String> {
        match self {
            Piece::Text(text) => vec![text.clone()],
            Piece::Values(values) => values.clone(),
            Piece::Numbers {
                min,
                step,
                count,
                width,
            } => (0..*count)
                .map(|i| format!("{:0width$}", min + i * step))
                .collect(),
        }
    }
}

/// The URLs `url` stands for, in the order curl requests them (the first glob varies slowest),
/// at most `limit` of them. A URL without a glob is one URL, its escapes read.
pub fn expand(url: &str, limit: usize) -> Result<Vec<String>, Refusal> {
    let pieces = parse(url)?;
    let count = pieces
        .iter()
        .fold(1u128, |count, piece| count.saturating_mul(piece.count()));
    if count > limit as u128 {
        return Err(Refusal::TooMany(count));
    }
    let mut urls = vec![String::new()];
    for piece in &pieces {
        urls = match piece {
            Piece::Text(text) => {
                urls.iter_mut().for_each(|url| url.push_str(text));
                urls
            }
            _ => {
                let values = piece.values();
                urls.iter()
                    .flat_map(|url| values.iter().map(move |value| format!("{url}{value}")))
                    .collect()
            }
        };
    }
    Ok(urls)
}

/// The most values one set may hold, as curl allows.
const MAX_SET: usize = 100_000;

fn parse(url: &str) -> Result<Vec<Piece>, Refusal> {
    let bytes = url.as_bytes();
    let invalid = |reason, at: usize| Refusal::Invalid {
        reason,
        column: url[..at.min(url.len())].chars().count() + 1,
    };
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            // a `{{variable}}` as it is
            b'{' if let Some(length) = variable_length(&url[at..]) => {
                text.push_str(&url[at..at + length]);
                at += length;
            }
            b'{' => {
                let start = at;
                at = after_name(url, at + 1);
                let (values, end) = set(url, at).map_err(|(reason, at)| invalid(reason, at))?;
                at = end;
                if values.len() == 1 {
                    // a set of one is a placeholder (`{id}`), kept for the placeholder reading
                    text.push_str(&url[start..end]);
                } else {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                    pieces.push(Piece::Values(values));
                }
            }
            b'[' if bytes.get(at + 1) == Some(&b']') => {
                text.push_str("[]");
                at += 2;
            }
            b'[' if let Some(length) = ipv6_literal(&url[at..]) => {
                text.push_str(&url[at..at + length]);
                at += length;
            }
            b'[' => {
                let (values, end) =
                    range(url, after_name(url, at + 1)).ok_or(invalid("bad range", at))?;
                at = end;
                pieces.push(Piece::Text(std::mem::take(&mut text)));
                pieces.push(values);
            }
            b'}' | b']' => return Err(invalid("unmatched close brace/bracket", at)),
            b'\\' if matches!(bytes.get(at + 1), Some(b'{' | b'[' | b'}' | b']')) => {
                text.push(bytes[at + 1] as char);
                at += 2;
            }
            _ => {
                let c = url[at..].chars().next().expect("inside the URL");
                text.push(c);
                at += c.len_utf8();
            }
        }
    }
    pieces.push(Piece::Text(text));
    Ok(pieces)
}

/// How long the `{{variable}}` that starts `text` is, if one does.
fn variable_length(text: &str) -> Option<usize> {
    let inner = text.strip_prefix("{{")?;
    let end = inner.find("}}")?;
    crate::sample_values::is_variable_name(&inner[..end]).then_some(end + 4)
}

/// Where a glob's values start after its opening bracket at `at`: past a name (`<name>`) when
/// one is given, as curl 8 allows.
fn after_name(url: &str, at: usize) -> usize {
    let rest = &url[at..];
    if let Some(named) = rest.strip_prefix('<')
        && let Some(end) = named.find('>')
        && (1..=64).contains(&end)
    {
        return at + end + 2;
    }
    at
}

/// The values of the set whose first value starts at `at`, and where the set ends.
fn set(url: &str, start: usize) -> Result<(Vec<String>, usize), (&'static str, usize)> {
    let mut values = Vec::new();
    let mut value = String::new();
    let mut chars = url[start..].char_indices().map(|(i, c)| (start + i, c));
    while let Some((at, c)) = chars.next() {
        match c {
            // a `{{variable}}` in a value (`{${p}.deb,${p}.md5}`, the shell's `$p` read)
            '{' if let Some(length) = variable_length(&url[at..]) => {
                value.push_str(&url[at..at + length]);
                for _ in 1..length {
                    chars.next();
                }
            }
            '{' | '[' => return Err(("nested brace", at)),
            ']' => return Err(("unexpected close bracket", at)),
            '}' if at == start => return Err(("empty string within braces", at)),
            ',' | '}' => {
                if values.len() >= MAX_SET {
                    return Err(("range overflow", at));
                }
                values.push(std::mem::take(&mut value));
                if c == '}' {
                    return Ok((values, at + 1));
                }
            }
            '\\' => match chars.next() {
                Some((_, escaped)) => value.push(escaped),
                None => value.push('\\'),
            },
            _ => value.push(c),
        }
    }
    Err(("unmatched brace", url.len()))
}

/// The values of the range whose first character is at `start` (`a-z]`, `1-10]`, `001-100:5]`),
/// and where the range ends; `None` when it is not one.
fn range(url: &str, start: usize) -> Option<(Piece, usize)> {
    let bytes = url.as_bytes();
    let first = *bytes.get(start)?;
    if first.is_ascii_alphabetic() {
        let (min, max) = (first, *bytes.get(start + 2)?);
        if bytes.get(start + 1) != Some(&b'-') || !max.is_ascii() {
            return None;
        }
        let (step, end) = match bytes.get(start + 3) {
            Some(b']') => (1, start + 4),
            Some(b':') => {
                let (step, after) = number(bytes, start + 4)?;
                if bytes.get(after) != Some(&b']') || step > 256 {
                    return None;
                }
                (step, after + 1)
            }
            _ => return None,
        };
        let (min, max) = (i64::from(min), i64::from(max));
        if !well_formed(min, max, step) || max - min > i64::from(b'z' - b'a') {
            return None;
        }
        let values = (min..=max)
            .step_by(step as usize)
            .map(|c| char::from(c as u8).to_string())
            .collect();
        return Some((Piece::Values(values), end));
    }
    if !first.is_ascii_digit() {
        return None;
    }
    // a range written with a leading zero pads every value to the first number's width
    let width = if first == b'0' {
        bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    } else {
        0
    };
    let (min, after) = number(bytes, start)?;
    if bytes.get(after) != Some(&b'-') {
        return None;
    }
    let mut at = after + 1;
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    let (max, after) = number(bytes, at)?;
    let (step, end) = match bytes.get(after) {
        Some(b']') => (1, after + 1),
        Some(b':') => match number(bytes, after + 1) {
            Some((step, close)) if bytes.get(close) == Some(&b']') => (step, close + 1),
            _ => return None,
        },
        _ => return None,
    };
    if !well_formed(min, max, step) || max.checked_add(step).is_none() {
        return None;
    }
    let numbers = Piece::Numbers {
        min,
        step,
        count: (max - min) / step + 1,
        width,
    };
    Some((numbers, end))
}

/// curl's check of a range: a positive step no larger than the range, from low to high.
fn well_formed(min: i64, max: i64, step: i64) -> bool {
    step > 0
        && if min == max {
            step == 1
        } else {
            min < max && step <= max - min
        }
}

/// The decimal number at `at`, and where it ends.
fn number(bytes: &[u8], at: usize) -> Option<(i64, usize)> {
    let digits = bytes
        .get(at..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let text = std::str::from_utf8(&bytes[at..at + digits]).ok()?;
    Some((text.parse().ok()?, at + digits))
}

/// The length of an IPv6 literal host (`[::1]`, `[fe80::1%25eth0]`) at the start of `text`,
/// which curl does not read as a range.
fn ipv6_literal(text: &str) -> Option<usize> {
    let end = text.find(']')?;
    let inside = &text[1..end];
    let (address, zone) = inside.split_once('%').unwrap_or((inside, ""));
    let address_ok = address.matches(':').count() >= 2
        && address
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
    let zone_ok = zone
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._~%".contains(c));
    (address_ok && zone_ok).then_some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(url: &str) -> Vec<String> {
        expand(url, 100).unwrap()
    }

    fn refusal(url: &str) -> &'static str {
        match expand(url, 100) {
            Err(Refusal::Invalid { reason, .. }) => reason,
            other => panic!("{url}: {other:?}"),
        }
    }

    // Each expectation below is what curl 7.88.1 requested (`-w '%{url_effective}'`), or its
    // `[globbing]` error.
    #[test]
    fn sets_and_ranges_make_one_url_per_value() {
        assert_eq!(urls("h/x[1-3]"), ["h/x1", "h/x2", "h/x3"]);
        assert_eq!(urls("h/x[a-c]"), ["h/xa", "h/xb", "h/xc"]);
        assert_eq!(urls("h/x[01-03]"), ["h/x01", "h/x02", "h/x03"]);
        assert_eq!(urls("h/x[1-5:2]"), ["h/x1", "h/x3", "h/x5"]);
        assert_eq!(urls("h/x[A-B:1]"), ["h/xA", "h/xB"]);
        assert_eq!(urls("h/x[0-0]"), ["h/x0"]);
        assert_eq!(urls("h/x[1- 2]"), ["h/x1", "h/x2"]);
        assert_eq!(urls("h/x{a,b}{1,2}"), ["h/xa1", "h/xa2", "h/xb1", "h/xb2"]);
        assert_eq!(urls("h/x{a,}"), ["h/xa", "h/x"]);
        assert_eq!(urls("h/x{,a}"), ["h/x", "h/xa"]);
        assert_eq!(urls("h/x{a,b\\,c}"), ["h/xa", "h/xb,c"]);
        assert_eq!(urls("h/x{a\\}b,c}"), ["h/xa}b", "h/xc"]);
        assert_eq!(urls("h/x[1-2]#frag"), ["h/x1#frag", "h/x2#frag"]);
        assert_eq!(urls("h/{<n>a,b}"), ["h/a", "h/b"]);
    }

    #[test]
    fn escapes_are_the_brackets_themselves() {
        assert_eq!(
            urls("h/items?filter\\[status\\]=active"),
            ["h/items?filter[status]=active"]
        );
        assert_eq!(urls("h/\\{a,b\\}"), ["h/{a,b}"]);
        // only brackets are escaped outside a set
        assert_eq!(urls("h/x\\a\\]\\,c\\\\d"), ["h/x\\a]\\,c\\\\d"]);
    }

    #[test]
    fn what_curl_leaves_alone_or_documentation_means_as_written() {
        assert_eq!(urls("h/x?ids[]=1&ids[]=2"), ["h/x?ids[]=1&ids[]=2"]);
        assert_eq!(urls("http://[::1]:8080/a"), ["http://[::1]:8080/a"]);
        assert_eq!(
            urls("http://[fe80::1%25eth0]/a[1-2]"),
            ["http://[fe80::1%25eth0]/a1", "http://[fe80::1%25eth0]/a2"]
        );
        // curl would send `id` and refuse `{{baseUrl}}`; documentation means placeholders
        assert_eq!(urls("h/users/{id}"), ["h/users/{id}"]);
        assert_eq!(urls("{{baseUrl}}/users/{id}"), ["{{baseUrl}}/users/{id}"]);
        assert_eq!(urls("h/é{a,b}"), ["h/éa", "h/éb"]);
    }

    // the shell's variables, read before curl reads the glob
    #[test]
    fn variables_in_a_set_are_part_of_its_values() {
        assert_eq!(urls("{{{p}}.deb,{{p}}.md5}"), ["{{p}}.deb", "{{p}}.md5"]);
        assert_eq!(urls("{{base}}/a{1,2}"), ["{{base}}/a1", "{{base}}/a2"]);
    }

    #[test]
    fn what_curl_refuses() {
        assert_eq!(refusal("h/x?f[status]=1"), "bad range");
        assert_eq!(refusal("h/x[3-1]"), "bad range");
        assert_eq!(refusal("h/x[a-C]"), "bad range");
        assert_eq!(refusal("h/x[1-3:0]"), "bad range");
        assert_eq!(refusal("h/x[ 1-3]"), "bad range");
        assert_eq!(refusal("h/x[1-3"), "bad range");
        assert_eq!(refusal("h/x{}"), "empty string within braces");
        assert_eq!(refusal("h/x{a,{b}}"), "nested brace");
        assert_eq!(refusal("h/x{a"), "unmatched brace");
        assert_eq!(refusal("h/x]"), "unmatched close brace/bracket");
        assert_eq!(refusal("h/x}"), "unmatched close brace/bracket");
        assert_eq!(
            expand("h/é]", 100),
            Err(Refusal::Invalid {
                reason: "unmatched close brace/bracket",
                column: 4
            })
        );
    }

    #[test]
    fn too_many_urls_are_counted_not_made() {
        assert_eq!(expand("h/[1-1000]", 100), Err(Refusal::TooMany(1000)));
        assert_eq!(
            expand("h/[1-100000][1-100000][1-100000]", 100),
            Err(Refusal::TooMany(10u128.pow(15)))
        );
        assert_eq!(expand("h/[1-100]", 100).unwrap().len(), 100);
    }

    proptest::proptest! {
        #[test]
        fn any_text_expands_or_is_refused_without_panicking(url in "[a-z0-9{}\\[\\],:<>\\\\-]{0,24}") {
            let _ = expand(&url, 100);
        }

        #[test]
        fn text_without_glob_characters_is_one_url_as_written(url in "[^{}\\[\\]\\\\]{0,40}") {
            proptest::prop_assert_eq!(expand(&url, 100), Ok(vec![url.clone()]));
        }

        #[test]
        fn every_set_value_is_one_url(values in proptest::collection::vec("[a-z0-9]{0,3}", 2..6)) {
            let url = format!("h/{{{}}}/x", values.join(","));
            let expected: Vec<String> = values.iter().map(|v| format!("h/{v}/x")).collect();
            proptest::prop_assert_eq!(expand(&url, 100), Ok(expected));
        }
    }
}
