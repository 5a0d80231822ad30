//! HTTPie's request items, for the HTTPie sample: `Name:value` (a header), `Name;` (an empty
//! header), `field=value` (a form field) and `field@path` (a file part). HTTPie finds an item's
//! separator at the first of the characters `:` `;` `=` `@` that is not escaped with `\` (the
//! longest separator starting there: `:=` is raw JSON, `:@` a header read from a file, `==` a
//! query item); these filters write a key and a value so that it splits where the sample means.
//! The item is then one shell word, quoted by the shell filters.

/// The characters HTTPie's item separators are made of; a `\` before one makes it literal.
const SEPARATOR_CHARACTERS: [char; 4] = [':', ';', '=', '@'];

/// The one separator character of `--auth user:password`.
const AUTH_SEPARATOR: [char; 1] = [':'];

/// An item's key: every separator character in it escaped, so that the item splits at the
/// separator the sample writes after the key.
pub fn httpie_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if SEPARATOR_CHARACTERS.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An item's value, written after its separator: its first character escaped when it is a
/// separator character, which would otherwise make the separator longer (`Name:` and `=x` read
/// as `Name:=x`, raw JSON; `field=` and `@x` as `field=@x`, a file's contents). HTTPie takes the
/// rest of the item as it is.
pub fn httpie_value(value: &str) -> String {
    match value.chars().next() {
        Some(first) if SEPARATOR_CHARACTERS.contains(&first) => format!("\\{value}"),
        _ => value.to_string(),
    }
}

/// Whether HTTPie reads an item written with [`httpie_key`] and [`httpie_value`] back as `key`
/// and `value`. It cannot when a `\` stands before a separator character in either (HTTPie takes
/// the pair as an escape, and has no way to write a literal `\` there), or when the key ends in
/// `\` (which would escape the separator).
pub fn item_reads_back(key: &str, value: &str) -> bool {
    !escapes_before(key, &SEPARATOR_CHARACTERS)
        && !key.ends_with('\\')
        && !escapes_before(value, &SEPARATOR_CHARACTERS)
}

/// The same for `--auth user:password`, whose only separator character is `:` (a user name
/// cannot hold one).
pub fn auth_reads_back(user: &str, password: &str) -> bool {
    !user.ends_with('\\') && !escapes_before(password, &AUTH_SEPARATOR)
}

/// Whether `text` holds a `\` right before one of `special`.
fn escapes_before(text: &str, special: &[char]) -> bool {
    let mut previous = None;
    for c in text.chars() {
        if previous == Some('\\') && special.contains(&c) {
            return true;
        }
        previous = Some(c);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::process::Command;

    /// HTTPie's reading of an item, as its `KeyValueArgType` does it: the text split into plain
    /// runs and escaped characters (`\` before a separator character; any other `\` is kept with
    /// the character after it), then the first run holding a separator is split at its first
    /// separator, the longest of those starting there. `(key, separator, value)`.
    fn read_item(item: &str, separators: &[&str]) -> Option<(String, String, String)> {
        let special: Vec<char> = separators.iter().flat_map(|s| s.chars()).collect();
        let mut tokens: Vec<(String, bool)> = vec![(String::new(), false)];
        let mut chars = item.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some(next) if special.contains(&next) => {
                        tokens.push((next.to_string(), true));
                        tokens.push((String::new(), false));
                    }
                    next => {
                        let last = &mut tokens.last_mut().unwrap().0;
                        last.push('\\');
                        last.extend(next);
                    }
                }
            } else {
                tokens.last_mut().unwrap().0.push(c);
            }
        }
        for (index, (token, escaped)) in tokens.iter().enumerate() {
            if *escaped {
                continue;
            }
            let found = separators
                .iter()
                .filter_map(|sep| token.find(sep).map(|at| (at, *sep)))
                .min_by_key(|(at, sep)| (*at, std::cmp::Reverse(sep.len())));
            if let Some((at, sep)) = found {
                let before: String = tokens[..index].iter().map(|(t, _)| t.as_str()).collect();
                let after: String = tokens[index + 1..]
                    .iter()
                    .map(|(t, _)| t.as_str())
                    .collect();
                return Some((
                    format!("{before}{}", &token[..at]),
                    sep.to_string(),
                    format!("{}{after}", &token[at + sep.len()..]),
                ));
            }
        }
        None
    }

    /// Every separator of a request item (HTTPie's `SEPARATOR_GROUP_ALL_ITEMS`).
    const ITEM_SEPARATORS: &[&str] = &[":", ";", ":@", "==", "==@", "=", ":=", "@", "=@", ":=@"];

    fn item(key: &str, separator: &str, value: &str) -> String {
        format!("{}{separator}{}", httpie_key(key), httpie_value(value))
    }

    #[test]
    fn keys_and_values() {
        assert_eq!(httpie_key("Content-Type"), "Content-Type");
        assert_eq!(httpie_key("a:b=c@d;e"), r"a\:b\=c\@d\;e");
        assert_eq!(httpie_value("@not-a-file <x"), r"\@not-a-file <x");
        assert_eq!(httpie_value("=x"), r"\=x");
        assert_eq!(httpie_value("https://a/b?c=d"), "https://a/b?c=d");
        assert_eq!(httpie_value(""), "");
        assert_eq!(
            read_item(&item("note", "=", "@not-a-file"), ITEM_SEPARATORS),
            Some(("note".into(), "=".into(), "@not-a-file".into()))
        );
        assert_eq!(
            read_item(&item("X-A", ":", "=1"), ITEM_SEPARATORS),
            Some(("X-A".into(), ":".into(), "=1".into()))
        );
    }

    #[test]
    fn what_httpie_cannot_read_back_is_named() {
        assert!(item_reads_back("a", r"\(z) \\ end\"));
        assert!(!item_reads_back("a", r"a\:b"));
        assert!(!item_reads_back(r"a\", "b"));
        assert!(!item_reads_back(r"a\=", "b"));
        assert!(auth_reads_back("user", r"p\@ss"));
        assert!(!auth_reads_back("user", r"p\:ss"));
        assert!(!auth_reads_back(r"user\", "pass"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        // any key and value HTTPie can take reads back exactly, whatever the separator
        #[test]
        fn items_read_back(
            key in "[a-z:;=@\\\\ \"'~]{0,8}",
            value in prop_oneof!["[a-z:;=@\\\\ \"'~]{0,12}", any::<String>()],
            separator in prop::sample::select(vec![":", "=", "@", "=="]),
        ) {
            prop_assume!(item_reads_back(&key, &value));
            let read = read_item(&item(&key, separator, &value), ITEM_SEPARATORS);
            prop_assert_eq!(read, Some((key, separator.to_string(), value)));
        }

        #[test]
        fn credentials_read_back(
            user in "[a-z@=;\\\\ ]{0,8}",
            password in prop_oneof!["[a-z:@=\\\\ ]{0,12}", any::<String>()],
        ) {
            prop_assume!(auth_reads_back(&user, &password));
            let read = read_item(&format!("{user}:{password}"), &[":"]);
            prop_assert_eq!(read, Some((user, ":".to_string(), password)));
        }
    }

    // HTTPie itself reads the items back: `http --offline` prints the request it would send
    #[test]
    fn httpie_reads_back_nasty_items() {
        let probe = Command::new("http").arg("--version").output();
        if !probe.is_ok_and(|o| o.status.success()) {
            eprintln!("SKIPPED: HTTPie (`http`) is not installed");
            return;
        }
        let values = [
            "@not-a-file <not-a-file",
            "=starts with equals",
            ":=@ all separators ;",
            r"$HOME `id` \(z) ends with \\",
            "it's \"quoted\" & 50% {0}",
            "https://app.example.com/cb?x=1",
        ];
        for value in values {
            assert!(item_reads_back("X-Test", value));
            let header = item("X-Test", ":", value);
            let field = item("f:i=e@ld", "=", value);
            let output = Command::new("http")
                .args(["--offline", "--ignore-stdin", "--form", "POST", "http://h/"])
                .arg(&header)
                .arg(&field)
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&output.stdout);
            assert!(
                text.contains(&format!("X-Test: {value}\r\n"))
                    || text.contains(&format!("X-Test: {value}\n")),
                "{header}: {text}"
            );
            let form = text.rsplit("\n").next().unwrap_or_default();
            let expected = crate::http::encoding::form_urlencoded(&[("f:i=e@ld", value)]);
            assert_eq!(decode_form(form), decode_form(&expected), "{field}: {text}");
        }
    }

    fn decode_form(form: &str) -> String {
        percent_encoding::percent_decode_str(&form.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    }
}
