//! POSIX shell words, for the cURL sample.

/// `s` as one single-quoted shell word: nothing inside single quotes is special to the shell, so
/// the only character to handle is `'` itself, written `'\''` (close, escaped quote, reopen).
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Whether curl must be told `--globoff` for this URL: curl reads `{a,b}` and `[1-9]` in a URL
/// as patterns to expand, which would mangle `{{variables}}` and brackets meant literally.
pub fn curl_needs_globoff(url: &str) -> bool {
    url.contains(['{', '}', '[', ']'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    #[test]
    fn quotes_the_house_way() {
        assert_eq!(shell_quote("{{authPath}}/x"), "'{{authPath}}/x'");
        assert_eq!(shell_quote("O'Brien"), r"'O'\''Brien'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn the_shell_reads_back_the_same_bytes() {
        let nasty = [
            "",
            "it's \"quoted\"",
            "$HOME `id` $(id) \\ ! # * ? ~ [a] {b,c}",
            "line1\nline2\r\n\ttab",
            "caf\u{e9} \u{1F600}",
            "'''",
        ];
        for s in nasty {
            let script = format!("printf %s {}", shell_quote(s));
            let out = Command::new("sh").arg("-c").arg(&script).output().unwrap();
            assert_eq!(
                String::from_utf8(out.stdout).unwrap(),
                s,
                "script: {script}"
            );
        }
    }
}
