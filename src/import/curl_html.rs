//! Pages written in HTML (a site's saved page, a README rendered by GitHub, Sphinx's, Jekyll's or
//! VuePress' output) read as the Markdown page they show: headings as headings, paragraphs and
//! list items as text, `<pre>` blocks as code blocks, and what a reader does not see as the
//! page's text (the head, scripts, styles, navigation, comments) left out. Generators put tags
//! anywhere on a line (`</h4><pre><code>curl …`), so the page is read tag by tag, not by lines;
//! each Markdown line is put on the page's line it starts on, or the first free one after it.

use super::page_formats::html_text_of;

/// Whether `lines` are an HTML page with code in it: the first line that is not blank starts
/// with a tag, a `<pre>` is somewhere, nothing outside `<pre>` says Markdown (a fence, a `#`
/// heading), and the page says it is HTML (`<html>`, `<body>`) or half of its lines outside
/// `<pre>` start with a tag.
pub(super) fn is_html_page(lines: &[String]) -> bool {
    let Some(first) = lines.iter().map(|l| l.trim()).find(|l| !l.is_empty()) else {
        return false;
    };
    if !first
        .strip_prefix('<')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '!'))
    {
        return false;
    }
    let mut in_pre = false;
    let (mut outside, mut tagged, mut pre, mut document) = (0, 0, false, false);
    for line in lines {
        let lower = line.to_ascii_lowercase();
        let trimmed = lower.trim_start();
        if !in_pre && !trimmed.is_empty() {
            if trimmed.starts_with("```")
                || trimmed.starts_with("~~~")
                || trimmed.starts_with("# ")
                || trimmed.starts_with("## ")
            {
                return false;
            }
            outside += 1;
            tagged += usize::from(trimmed.starts_with('<'));
            document |= trimmed.starts_with("<html")
                || trimmed.starts_with("<body")
                || trimmed.starts_with("<!doctype html");
        }
        // whether the line leaves a `<pre>` open
        if let Some(opened) = lower.rfind("<pre") {
            pre = true;
            in_pre = !lower[opened..].contains("</pre>");
        } else if lower.contains("</pre>") {
            in_pre = false;
        }
    }
    pre && (document || tagged * 2 >= outside)
}

/// Elements whose content no reader sees as the page's text.
const HIDDEN: [&str; 7] = [
    "head", "script", "style", "nav", "template", "svg", "noscript",
];

/// Elements that start and end a block of text.
const BLOCKS: [&str; 27] = [
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "blockquote",
    "figure",
    "figcaption",
    "br",
    "hr",
    "body",
    "details",
];

/// The Markdown of an HTML page, each line on the page's line it starts on (or after it).
pub(super) fn as_markdown(text: &str) -> Vec<String> {
    let mut page = Page::default();
    let lower = text.to_ascii_lowercase();
    let mut lines = LineCounter::default();
    let mut line_of = |at: usize| lines.line_of(text, at);
    let mut at = 0;
    let mut paragraph = Paragraph::default();
    while at < text.len() {
        let Some(open) = text[at..].find('<').map(|o| at + o) else {
            paragraph.push(&text[at..], line_of(at));
            break;
        };
        paragraph.push(&text[at..open], line_of(at));
        let rest = &lower[open..];
        if rest.starts_with("<!--") {
            at = lower[open..]
                .find("-->")
                .map_or(text.len(), |end| open + end + 3);
            continue;
        }
        let Some(close) = text[open..].find('>').map(|c| open + c) else {
            // a `<` that opens no tag is text
            paragraph.push("<", line_of(open));
            at = open + 1;
            continue;
        };
        let tag = &text[open + 1..close];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        at = close + 1;
        if name.is_empty() {
            // `<!doctype html>`, `<?xml …?>`
            continue;
        }
        if !closing && HIDDEN.contains(&name.as_str()) {
            (_, at) = closing_tag(&lower, at, &name);
            continue;
        }
        let heading = name.len() == 2
            && name.starts_with('h')
            && name[1..]
                .parse::<usize>()
                .is_ok_and(|n| (1..=6).contains(&n));
        // a block the page does not show (`<pre style="display:none">`, a test framework's) is
        // no reader's example
        if !closing && name == "pre" && hidden(&lower[open..at]) {
            (_, at) = closing_tag(&lower, at, &name);
            continue;
        }
        if !closing && (heading || name == "pre") {
            page.paragraph(&mut paragraph);
            let (end, after) = closing_tag(&lower, at, &name);
            let inner = &text[at..end];
            let line = line_of(open);
            if heading {
                page.heading(name[1..].parse().unwrap_or(1), inner, line);
            } else {
                let mut from = open.saturating_sub(400);
                while !lower.is_char_boundary(from) {
                    from -= 1;
                }
                let language = language(&lower[from..at], &lower[at..end]);
                page.code(&language, inner, line);
            }
            at = after;
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            page.paragraph(&mut paragraph);
            if !closing && name == "li" {
                paragraph.bullet = true;
            }
        } else if name == "code" {
            // inline code, as Markdown writes it
            paragraph.push("`", line_of(open));
        }
    }
    page.paragraph(&mut paragraph);
    page.lines
}

/// The line (from 0) a byte of the text is on, counted on from the last byte asked about: the
/// page is read front to back, so each line break is counted once.
#[derive(Default)]
struct LineCounter {
    at: usize,
    line: usize,
}

impl LineCounter {
    fn line_of(&mut self, text: &str, at: usize) -> usize {
        if at < self.at {
            *self = LineCounter::default();
        }
        self.line += text[self.at..at].matches('\n').count();
        self.at = at;
        self.line
    }
}

/// The element `name` opened before `at`: where its closing tag starts, and where it ends (the
/// text's end for both when nothing closes it).
fn closing_tag(lower: &str, at: usize, name: &str) -> (usize, usize) {
    match lower[at..].find(&format!("</{name}")) {
        Some(start) => {
            let start = at + start;
            let end = lower[start..]
                .find('>')
                .map_or(lower.len(), |e| start + e + 1);
            (start, end)
        }
        None => (lower.len(), lower.len()),
    }
}

/// Whether an opening tag (lower case) hides its element: `style="display: none"` or
/// `hidden`.
pub(super) fn hidden(tag: &str) -> bool {
    tag.replace(' ', "").contains("display:none")
        || tag
            .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .any(|word| word == "hidden" || word.starts_with("hidden="))
}

/// The language of a `<pre>` block: a `language-bash` class on it, its `<code>`, or the
/// highlighter's `<div>` just before it (`highlight-source-shell`, Rouge's `language-bash`,
/// Pygments' `highlight-bash`); `""` when none says.
fn language(before: &str, inner: &str) -> String {
    let from = |text: &str, marker: &str| -> Option<String> {
        let rest = &text[text.rfind(marker)? + marker.len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        (!name.is_empty()).then_some(name)
    };
    let first_tag = inner.find('>').map_or("", |end| &inner[..end]);
    from(first_tag, "language-")
        .or_else(|| {
            // the last tag before the block, and the `<div>`s right around it
            let near = before.rfind("</").map_or(before, |end| &before[end..]);
            ["language-", "highlight-source-", "highlight-"]
                .iter()
                .find_map(|marker| from(near, marker))
        })
        .unwrap_or_default()
}

/// The text of a block being read, with the line it starts on.
#[derive(Default)]
struct Paragraph {
    raw: String,
    line: Option<usize>,
    bullet: bool,
}

impl Paragraph {
    fn push(&mut self, raw: &str, line: usize) {
        if self.line.is_none() && !raw.trim().is_empty() {
            // the blanks before the text may hold line breaks of their own
            let blanks = &raw[..raw.len() - raw.trim_start().len()];
            self.line = Some(line + blanks.matches('\n').count());
        }
        self.raw.push_str(raw);
    }
}

/// The Markdown lines written so far.
#[derive(Default)]
struct Page {
    lines: Vec<String>,
    /// Whether the last line written is text (a paragraph's or a list item's), which the
    /// next text would continue without a blank line between them.
    after_text: bool,
}

impl Page {
    /// `line` written on the page's line `at`, or the first free one after it, with a blank line
    /// before it when it is `text` after text (a heading or a fence needs none).
    fn put(&mut self, at: usize, line: String, text: bool) {
        let free = self.lines.len() + usize::from(text && self.after_text);
        let at = at.max(free);
        self.lines.resize(at, String::new());
        self.lines.push(line);
        self.after_text = text;
    }

    fn paragraph(&mut self, paragraph: &mut Paragraph) {
        let taken = std::mem::take(paragraph);
        let text = html_text_of(&taken.raw);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(line) = taken
            .line
            .filter(|_| !text.is_empty() && text != "`" && text != "``")
        {
            let text = escaped(&text);
            let text = if taken.bullet {
                format!("- {text}")
            } else {
                text
            };
            self.put(line, text, true);
        }
    }

    fn heading(&mut self, level: usize, inner: &str, line: usize) {
        let text = html_text_of(inner);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        // a permalink beside the title (`#`, Sphinx's `¶`, `🔗`) is no part of it
        let text = text
            .trim_matches(|c: char| matches!(c, '#' | '¶' | '§' | '🔗') || c.is_whitespace())
            .to_string();
        if !text.is_empty() {
            self.put(
                line,
                format!("{} {}", "#".repeat(level), escaped(&text)),
                false,
            );
        }
    }

    fn code(&mut self, language: &str, inner: &str, line: usize) {
        let code = html_text_of(inner);
        // HTML drops the line break right after `<pre>`
        let code = code.strip_prefix('\n').unwrap_or(&code).trim_end();
        if code.trim().is_empty() {
            return;
        }
        // a fence longer than any run of backquotes in the code
        let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        // the fence on the line before the code's, when that is free, so that the code is on
        // its own lines
        self.put(line.saturating_sub(1), format!("{fence}{language}"), false);
        for (offset, code_line) in code.lines().enumerate() {
            self.put(line + offset, code_line.to_string(), false);
        }
        let end = self.lines.len();
        self.put(end, fence, false);
    }
}

/// Text that Markdown would read as markup of its own kept as text: a `<` before a letter (a
/// placeholder, `<API_KEY>`, decoded from `&lt;`) and a line's leading `#`.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/')
        {
            out.push('\\');
        }
        out.push(c);
    }
    if out.starts_with('#') {
        out.insert(0, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        as_markdown(text).join("\n")
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn a_pre_after_a_heading_on_its_line_is_a_code_block() {
        let page = "<!doctype html>\n<html><head><title>T</title></head>\n<body>\n<h4 id=\"x\">Bulk</h4><pre><code class=\"language-shell\">curl -X POST &quot;http://h/_bulk&quot; -d&#39;\n{ &quot;a&quot;: 1 }\n&#39;\n</code></pre>\n</body></html>\n";
        assert!(is_html_page(&lines(page)));
        assert_eq!(
            read(page),
            "\n\n\n#### Bulk\n```shell\ncurl -X POST \"http://h/_bulk\" -d'\n{ \"a\": 1 }\n'\n```"
        );
    }

    #[test]
    fn highlighters_markup_is_left_out_and_names_the_language() {
        // Pygments (Sphinx, MkDocs), Rouge (Jekyll), GitHub's rendered README
        for (page, language) in [
            (
                "<h2>Fetch</h2>\n<div class=\"highlight-bash\"><div class=\"highlight\"><pre><span></span>curl<span class=\"w\"> </span><span class=\"s1\">&#39;http://e.com&#39;</span>\n</pre></div></div>",
                "bash",
            ),
            (
                "<h2 id=\"create\">Fetch</h2>\n<div class=\"language-bash highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>curl <span class=\"s1\">&#39;http://e.com&#39;</span>\n</code></pre></div></div>",
                "bash",
            ),
            (
                "<h2>Fetch</h2>\n<div class=\"highlight highlight-source-shell notranslate\" dir=\"auto\"><pre>curl <span class=\"pl-s\">&#39;http://e.com&#39;</span></pre></div>",
                "shell",
            ),
        ] {
            assert_eq!(
                read(page),
                format!("## Fetch\n```{language}\ncurl 'http://e.com'\n```"),
                "{page}"
            );
        }
    }

    #[test]
    fn indented_tags_and_blank_lines_in_code_keep_their_sections() {
        let page = "<html><body>\n\t\t<h3 id=\"js\">JavaScript<a href=\"#js\">#</a></h3>\n\t\t<pre><code class=\"language-js\">import axios\n\naxios.post(url)\n</code></pre>\n\t\t<h3 id=\"curl\">Shell / cURL<a class=\"headerlink\" href=\"#curl\">¶</a></h3>\n\t\t<p>Send it:</p>\n\t\t<pre><code class=\"language-shell\">curl --data \"key=1&amp;q=x\" https://e.com\n</code></pre>\n</body></html>";
        let markdown = read(page);
        assert_eq!(
            markdown,
            "\n### JavaScript\n```js\nimport axios\n\naxios.post(url)\n```\n### Shell / cURL\nSend it:\n```shell\ncurl --data \"key=1&q=x\" https://e.com\n```"
        );
        // each on the page's line, or after it where a fence took one
        let lines = as_markdown(page);
        assert_eq!(lines[1], "### JavaScript");
        assert_eq!(lines[3], "import axios");
        assert_eq!(lines[10], "curl --data \"key=1&q=x\" https://e.com");
    }

    #[test]
    fn what_a_reader_does_not_see_is_left_out() {
        let page = "<html><head><style>p {}</style><script>var a = '<pre>';</script></head>\n<body><nav><a>Home</a></nav><!-- <pre>curl x</pre> -->\n<p>Use &lt;API_KEY&gt; with <code>curl</code>.</p><ul><li>one</li><li>two</li></ul>\n<pre>curl https://e.com</pre></body></html>";
        assert_eq!(
            read(page),
            "\n\nUse \\<API_KEY> with `curl`.\n\n- one\n\n- two\n```\ncurl https://e.com\n```"
        );
    }

    #[test]
    fn markdown_with_html_in_it_is_no_html_page() {
        for page in [
            "<p align=\"center\"><img src=\"logo.png\"></p>\n\n# Tool\n\n<pre>curl x</pre>",
            "<div>intro</div>\n\n```bash\ncurl https://e.com\n```\n<pre>x</pre>",
            "# Title\n<pre>curl x</pre>",
            "Some text <pre>curl x</pre>",
            "<h2>No code</h2>\n<p>curl is a tool</p>",
        ] {
            assert!(!is_html_page(&lines(page)), "{page}");
        }
    }
}
