//! curl commands in a Markdown page (a README, a docs page a team already has): its shell code
//! blocks that hold one, each with the heading and the prose above it.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// A shell code block of a page that holds a curl command.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct CurlBlock {
    /// The block's text.
    pub(super) code: String,
    /// The line of the page the block starts on (its fence), from 1.
    pub(super) line: usize,
    /// The text of the heading above it, plain, for the first block below a heading.
    pub(super) heading: Option<String>,
    /// The paragraphs, lists, quotes and tables between that heading (or the last curl block
    /// below it) and the block, as the page writes them.
    pub(super) prose: String,
}

/// The shell code blocks of `text` that hold a curl command, when `text` is a Markdown page:
/// one with at least one fenced code block that holds one. `None` for anything else (a command
/// line, a script), which is read as a whole.
pub(super) fn curl_blocks(text: &str, holds_curl: impl Fn(&str) -> bool) -> Option<Vec<CurlBlock>> {
    let mut blocks = Vec::new();
    let mut fenced_curl = false;
    let mut heading: Option<String> = None;
    let mut heading_text: Option<String> = None;
    let mut prose: Vec<&str> = Vec::new();
    // the code block being read: its text, where it starts, whether it is fenced and a shell's
    let mut code: Option<(String, usize, bool, bool)> = None;
    let mut depth = 0usize;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => heading_text = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                heading = heading_text.take().map(|h| h.trim().to_string());
                prose.clear();
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let (fenced, shell) = match &kind {
                    CodeBlockKind::Fenced(info) => (true, is_shell_language(info)),
                    CodeBlockKind::Indented => (false, true),
                };
                code = Some((String::new(), range.start, fenced, shell));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((block, start, fenced, shell)) = code.take()
                    && shell
                    && holds_curl(&block)
                {
                    fenced_curl |= fenced;
                    blocks.push(CurlBlock {
                        code: block,
                        line: text[..start].matches('\n').count() + 1,
                        heading: heading.take(),
                        prose: prose.join("\n\n"),
                    });
                    prose.clear();
                }
            }
            Event::Text(part) | Event::Code(part) => {
                if let Some((block, ..)) = &mut code {
                    block.push_str(&part);
                } else if let Some(heading) = &mut heading_text {
                    heading.push_str(&part);
                }
            }
            Event::Start(tag) => {
                let top_level_prose = matches!(
                    tag,
                    Tag::Paragraph | Tag::List(_) | Tag::BlockQuote(_) | Tag::Table(_)
                );
                if depth == 0 && top_level_prose && heading_text.is_none() {
                    prose.push(text[range].trim_end());
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    fenced_curl.then_some(blocks)
}

/// Whether a fenced block's info string names a shell, or nothing (`bash`, `shell-session`,
/// `console`, `powershell`, `bat`…; Docusaurus and MkDocs put options after the name:
/// `bash title="Create a user"`).
fn is_shell_language(info: &str) -> bool {
    let language = info
        .trim_start_matches(['{', '.'])
        .split(|c: char| c.is_whitespace() || matches!(c, '{' | '}' | ','))
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    matches!(
        language.as_str(),
        "" | "bash"
            | "sh"
            | "shell"
            | "zsh"
            | "console"
            | "shell-session"
            | "shellsession"
            | "terminal"
            | "curl"
            | "cmd"
            | "bat"
            | "batch"
            | "powershell"
            | "ps1"
            | "pwsh"
            | "text"
            | "plaintext"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Option<Vec<CurlBlock>> {
        curl_blocks(text, |code| code.contains("curl "))
    }

    #[test]
    fn shell_blocks_come_with_their_heading_and_prose() {
        let page = "# Users\n\nIntro.\n\n## Create a user\n\nSend a `name`:\n\n- one\n- two\n\n```bash title=\"create\"\ncurl -X POST https://e.com/users -d '{}'\n```\n\n```json\n{\"curl \": 1}\n```\n\nThen list them:\n\n```console\n$ curl https://e.com/users\n```\n\n## Delete\n\n~~~sh\ncurl -X DELETE https://e.com/users/1\n~~~\n";
        assert_eq!(
            blocks(page).unwrap(),
            [
                CurlBlock {
                    code: "curl -X POST https://e.com/users -d '{}'\n".into(),
                    line: 12,
                    heading: Some("Create a user".into()),
                    prose: "Send a `name`:\n\n- one\n- two".into(),
                },
                CurlBlock {
                    code: "$ curl https://e.com/users\n".into(),
                    line: 22,
                    heading: None,
                    prose: "Then list them:".into(),
                },
                CurlBlock {
                    code: "curl -X DELETE https://e.com/users/1\n".into(),
                    line: 28,
                    heading: Some("Delete".into()),
                    prose: String::new(),
                },
            ]
        );
    }

    #[test]
    fn text_without_a_fenced_curl_block_is_no_page() {
        assert_eq!(blocks("curl https://e.com/a\ncurl https://e.com/b\n"), None);
        assert_eq!(blocks("    curl https://e.com/indented\n"), None);
        assert_eq!(
            blocks("# T\n\n```python\nrequests.get('curl ')\n```\n"),
            None
        );
        // a heading's inline code is part of its text
        let page = "### `GET /v1/items`\n\n```\ncurl https://e.com/v1/items\n```\n";
        assert_eq!(
            blocks(page).unwrap()[0].heading.as_deref(),
            Some("GET /v1/items")
        );
    }

    #[test]
    fn shell_languages_are_known_by_their_first_word() {
        for info in [
            "",
            "bash",
            "Shell",
            "console",
            "bash title=\"x\"",
            "sh {2}",
            "{.bash}",
            "powershell",
        ] {
            assert!(is_shell_language(info), "{info}");
        }
        for info in ["json", "python", "http", "js", "{.python}"] {
            assert!(!is_shell_language(info), "{info}");
        }
    }
}
