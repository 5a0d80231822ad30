//! curl commands in a Markdown page (a README, a docs page a team already has): its shell code
//! blocks that hold one, each with the heading and the prose above it.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::readme;

/// A shell code block of a page that holds a curl command.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct CurlBlock {
    /// The block's text.
    pub(super) code: String,
    /// The line of the page the block starts on (its fence), from 1.
    pub(super) line: usize,
    /// The line of the page its code's first line is on, when each line of the code is a line
    /// of the page (not in a ReadMe magic block's JSON).
    pub(super) code_line: Option<usize>,
    /// The text of the heading above it, plain, for the first block below a heading.
    pub(super) heading: Option<String>,
    /// The paragraphs, lists, quotes and tables between that heading (or the last curl block
    /// below it) and the block, as the page writes them.
    pub(super) prose: String,
    /// The variables the page's shell blocks above it set (`TOKEN=abc`, `export
    /// DOMAIN=dev.example.io`), one line each, as a reader runs them first.
    pub(super) set_before: String,
}

/// Where a code block starts in the page, in bytes: its first line (a fence), and its code's,
/// when the code is the page's text as it stands.
struct Starts {
    block: usize,
    code: Option<usize>,
}

/// The shell code blocks of `text` that hold a curl command, when `text` is a Markdown page:
/// one with a fenced code block. `None` for anything else (a command line, a script), which is
/// read as a whole.
pub(super) fn curl_blocks(text: &str, holds_curl: impl Fn(&str) -> bool) -> Option<Vec<CurlBlock>> {
    blocks_holding_curl(text, holds_curl, false)
}

/// A page whose curl commands stand in code spans, not code blocks, read as blocks: the page
/// with a fenced block after each paragraph (or list item) that holds such a span, the span's
/// command in it as written (its line breaks kept, its indentation taken off), and each
/// command's text with the page's line it starts on, from 1.
///
/// A span holds a command when curl is its first word and a URL or a host (a word with `://`,
/// a `.` or a `/`, or a variable or placeholder) is among the others: `` `curl --help` `` does
/// not. `page` says whether the text is a page already (it has code blocks, none holding curl);
/// otherwise it is one only with a sentence (a README's "Check it with `curl
/// http://localhost:8080/health`.") or a paragraph that is such a span alone, not a script's
/// `# comment` over `` T=`curl …` ``. A heading's span is no command.
pub(super) fn code_spans_as_blocks(
    text: &str,
    page: bool,
) -> Option<(String, Vec<(String, usize)>)> {
    // whether a paragraph is a span alone
    let mut alone = false;
    let mut in_heading = false;
    let mut sentence = false;
    let mut commands: Vec<(String, usize)> = Vec::new();
    // what goes where: the range of the page replaced (empty where a block is put in), and the
    // commands of the blocks put there
    let mut edits: Vec<(std::ops::Range<usize>, Vec<String>)> = Vec::new();
    // the commands of the paragraph being read, where it starts, and whether it holds text
    // besides them
    let mut waiting: Vec<String> = Vec::new();
    let mut started = 0;
    let mut other_text = false;
    // the paragraph's words of letters besides its spans, and whether one has a shell's sign
    let mut words_around = 0;
    let mut shell_signs = false;
    // every code span, headings' too: what is left is the text's own
    let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
    let options = pulldown_cmark::Options::ENABLE_TABLES;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        if matches!(event, Event::Code(_)) {
            spans.push(range.clone());
        }
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) => {
                started = range.start;
                other_text = false;
                words_around = 0;
                shell_signs = false;
            }
            Event::Text(words) => {
                // (a JSX string's braces around a span, `{`…`}`, are no sentence)
                other_text |= words.contains(char::is_alphanumeric);
                for word in words.split_whitespace() {
                    if word.contains(['=', '$', '|', ';', '&', '>', '(']) {
                        shell_signs = true;
                    } else if word.contains(char::is_alphabetic) {
                        words_around += 1;
                    }
                }
                let words: Vec<&str> = words.split_whitespace().collect();
                // a heading's words may be a script's comment
                sentence |= !in_heading
                    && words.len() >= 3
                    && words[0].starts_with(char::is_uppercase)
                    && !words
                        .iter()
                        .any(|word| word.contains(['=', '$', '|', ';', '&']));
            }
            // a heading's span names what the section is about (a script's `# run `curl …``
            // comment too)
            Event::Code(_) if in_heading => {}
            Event::Code(_) => {
                let inside = text[range.clone()].trim_matches('`');
                // an MDX component's template literal, `{`curl … \\`}`, shows its text with
                // JavaScript's escapes read
                let template_literal =
                    text[..range.start].ends_with('{') && text[range.end..].starts_with('}');
                let inside = if template_literal {
                    template_literal_text(inside)
                } else {
                    inside.into()
                };
                let Some(command) = span_command(&inside) else {
                    other_text = true;
                    continue;
                };
                let written = &text[range.clone()];
                let first =
                    written.len() - written.trim_start_matches(['`', ' ', '\t', '\n']).len();
                let line = text[..range.start + first].matches('\n').count() + 1;
                commands.push((command.clone(), line));
                waiting.push(command);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell)
                if !waiting.is_empty() =>
            {
                // to the end of the paragraph's last line (a list item's, a table row's; an
                // item's range takes in the blank lines after it)
                let last = range.start + text[range.clone()].trim_end().len();
                let end = text[last..]
                    .find('\n')
                    .map_or(text.len(), |at| last + at + 1);
                // a paragraph that is the commands alone becomes their blocks; any other has
                // them after it, its sentence the prose above them
                // words around the span, no shell's (`` `curl …` to post it.``): a sentence
                sentence |= words_around >= 2 && !shell_signs;
                let replaced = if other_text {
                    end..end
                } else {
                    alone = true;
                    started..end
                };
                edits.push((replaced, std::mem::take(&mut waiting)));
            }
            _ => {}
        }
    }
    if !waiting.is_empty() {
        edits.push((text.len()..text.len(), waiting));
    }
    if commands.is_empty() || !(page || sentence || alone) {
        return None;
    }
    // a script or a configuration file whose own commands run curl (a workflow's `run: curl
    // …` beside an `echo "use `curl …`"`) is read as one, not by its spans
    if !page && runs_curl_outside_spans(text, &spans) {
        return None;
    }
    let mut written = String::with_capacity(text.len() + 64 * commands.len());
    let mut from = 0;
    for (replaced, commands) in edits {
        written.push_str(&text[from..replaced.start]);
        if !written.is_empty() && !written.ends_with('\n') {
            written.push('\n');
        }
        for command in commands {
            written.push_str("\n```sh\n");
            written.push_str(&command);
            written.push_str("\n```\n\n");
        }
        from = replaced.end;
    }
    written.push_str(&text[from..]);
    Some((written, commands))
}

/// Whether `text`, its code `spans` (in order) taken out, runs curl itself: `curl` followed by
/// an option or a URL.
fn runs_curl_outside_spans(text: &str, spans: &[std::ops::Range<usize>]) -> bool {
    let mut outside = String::with_capacity(text.len());
    let mut at = 0;
    for span in spans {
        if span.start >= at {
            outside.push_str(&text[at..span.start]);
            at = span.end;
        }
    }
    outside.push_str(&text[at..]);
    outside.lines().any(|line| {
        let words: Vec<&str> = line.split_whitespace().collect();
        words.windows(2).any(|pair| {
            super::shell::is_curl(pair[0].trim_start_matches(['"', '\'', '(']))
                && (pair[1].starts_with('-') || pair[1].contains("://"))
        })
    })
}

/// The text a JavaScript template literal's raw text stands for: `\\` is `\`, `` \` `` a backquote,
/// `\$` a `$`, `\n` and `\t` a line break and a tab, a `\` before a line break nothing, and
/// before any other character that character.
fn template_literal_text(raw: &str) -> std::borrow::Cow<'_, str> {
    if !raw.contains('\\') {
        return raw.into();
    }
    let mut text = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            text.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => text.push('\n'),
            Some('t') => text.push('\t'),
            Some('\n') | None => {}
            Some(other) => text.push(other),
        }
    }
    text.into()
}

/// The curl command a code span writes (see [`code_spans_as_blocks`]): its text without the
/// indentation of its lines, or `None`.
fn span_command(written: &str) -> Option<String> {
    let trimmed = written.trim();
    let mut words = trimmed.split_whitespace();
    // a prompt before it (`$ curl …`)
    let first = match words.next()? {
        "$" => words.next()?,
        first => first,
    };
    let names_a_host = |word: &str| {
        !word.starts_with('-')
            && (word.contains("://")
                || word.contains(['.', '/'])
                || word.starts_with(['$', '<', '{']))
    };
    if !super::shell::is_curl(first) || !words.any(names_a_host) {
        return None;
    }
    let lines: Vec<&str> = trimmed.lines().collect();
    // the lines after the first lose the indentation they share
    let indent = lines[1..]
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut command = lines[0].to_string();
    for line in &lines[1..] {
        command.push('\n');
        command.push_str(line.get(indent..).unwrap_or(line.trim_start()));
    }
    Some(command)
}

/// The code blocks of a page's configuration files that run curl (a Compose file's
/// `healthcheck`, a Kubernetes manifest's `command`, a workflow's `run:`, a Dockerfile's
/// `HEALTHCHECK … CMD`): ```` ```yaml ````, ```` ```dockerfile ````, ```` ```hcl ```` and the
/// like, read as [`curl_blocks`] reads shell blocks, for a page none of whose shell blocks holds
/// a curl command.
pub(super) fn config_curl_blocks(
    text: &str,
    holds_curl: impl Fn(&str) -> bool,
) -> Option<Vec<CurlBlock>> {
    let runs_curl = |code: &str| {
        let code = super::shell::run_blocks_dedented(code);
        let lines: Vec<&str> = code.lines().collect();
        lines.iter().enumerate().any(|(index, line)| {
            super::shell::exec_form_starts(&lines, index)
                || (config_line_runs_curl(line) && holds_curl(line))
        })
    };
    blocks_holding_curl(text, runs_curl, true)
}

/// Whether a configuration file's line runs curl with something after it: as it is (`curl -f
/// …`, a key's line once read, `run: curl …`), after a YAML key or list marker (`test: curl …`,
/// `- curl …`), or after a Dockerfile's instruction (`RUN curl …`, `HEALTHCHECK … CMD curl …`).
fn config_line_runs_curl(line: &str) -> bool {
    let mut words = line.split_whitespace().peekable();
    while let Some(word) = words.peek() {
        let is_prefix = *word == "-"
            || (word.ends_with(':') && word.len() > 1)
            || matches!(*word, "RUN" | "CMD" | "HEALTHCHECK" | "ENTRYPOINT")
            || word.starts_with("--");
        if !is_prefix {
            break;
        }
        words.next();
    }
    words.next().is_some_and(super::shell::is_curl) && words.next().is_some()
}

fn blocks_holding_curl(
    text: &str,
    holds_curl: impl Fn(&str) -> bool,
    config_files: bool,
) -> Option<Vec<CurlBlock>> {
    let dedented = mkdocs_blocks_dedented(text);
    // front matter is read here, not by the parser, which would take any `---` pair further
    // down (a rule, a heading, a rule) for another
    let (text, front_title) = without_front_matter(&dedented);
    let text = text.as_str();
    let mut page = Page {
        text,
        blocks: Vec::new(),
        headings: Vec::new(),
        fresh_heading: false,
        prose: Vec::new(),
        container: None,
        before_tabs: None,
        slate: is_slate(&dedented),
        section_block: None,
        captions: Vec::new(),
        set_before: String::new(),
        page_example: false,
        lead: None,
        prose_before_other_block: false,
        endpoint: None,
    };
    if let Some(title) = front_title {
        page.enter_heading(0, title);
    }
    let mut fenced = false;
    // the heading being read: its level and text
    let mut heading_text: Option<(usize, String)> = None;
    // the HTML block being read
    let mut html = String::new();
    // the code block being read: its text, where it and its text start, whether it is a shell's
    let mut code: Option<(String, Starts, Opening)> = None;
    let mut depth = 0usize;
    // the depth of the list item being read whose text held ReadMe's magic blocks, read whole
    let mut magic_item: Option<usize> = None;
    let options = pulldown_cmark::Options::ENABLE_TABLES;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading_text = Some((level as usize, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading_text.take() {
                    page.enter_heading(level, without_attributes(&text).to_string());
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let opening = match &kind {
                    CodeBlockKind::Fenced(info) => {
                        fenced = true;
                        Opening {
                            shell: if config_files {
                                is_config_language(info)
                            } else {
                                is_shell_language(info)
                            },
                            title: fence_title(info),
                        }
                    }
                    CodeBlockKind::Indented => Opening {
                        shell: !config_files,
                        title: None,
                    },
                };
                let starts = Starts {
                    block: range.start,
                    code: None,
                };
                code = Some((String::new(), starts, opening));
                depth += 1;
            }
            Event::End(TagEnd::CodeBlock) => {
                depth -= 1;
                if let Some((block, starts, opening)) = code.take() {
                    let block = explicit_callouts_left_out(block, &text[range.end..]);
                    page.code_block(block, starts, opening, &holds_curl);
                }
            }
            Event::Text(part) | Event::Code(part) => {
                if let Some((block, starts, _)) = &mut code {
                    starts.code.get_or_insert(range.start);
                    block.push_str(&part);
                } else if let Some((_, heading)) = &mut heading_text {
                    heading.push_str(&part);
                }
            }
            Event::Html(part) => html.push_str(&part),
            Event::End(TagEnd::HtmlBlock) => {
                depth = depth.saturating_sub(1);
                let html = std::mem::take(&mut html);
                match html.trim() {
                    TAB_START => page.enter_tab(),
                    TABS_START => page.enter_tabs(),
                    PAGE_EXAMPLE_START => {
                        page.enter_tabs();
                        page.page_example = true;
                    }
                    TABS_END => page.leave_tabs(),
                    _ => {}
                }
                for (level, text) in html_headings(&html) {
                    page.enter_heading(level, text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, heading)) = &mut heading_text {
                    heading.push(' ');
                }
            }
            Event::Start(tag) => {
                let written = text[range.clone()].trim_end();
                match tag {
                    Tag::Paragraph | Tag::Item if magic_item.is_some() => {}
                    Tag::Paragraph if let Some(pieces) = readme::pieces(written) => {
                        // a ReadMe page, whose code blocks are all magic blocks
                        fenced = true;
                        page.magic_blocks(pieces, range.start, depth, &holds_curl);
                    }
                    // a magic block on the line after a list item's continues its text
                    Tag::Item
                        if let item = list_item_text(written)
                            && let Some(pieces) = readme::pieces(item) =>
                    {
                        fenced = true;
                        let start = range.start + written.len() - item.len();
                        page.magic_blocks(pieces, start, depth, &holds_curl);
                        magic_item = Some(depth);
                    }
                    Tag::Paragraph if is_markup_only(written) => {}
                    // Slate's text after a section's code is its description
                    Tag::Paragraph | Tag::Table(_)
                        if depth == 0
                            && page.slate
                            && let Some(index) = page.section_block =>
                    {
                        let block = &mut page.blocks[index];
                        let piece = without_dangling_tags(written);
                        if !piece.is_empty() {
                            if !block.prose.is_empty() {
                                block.prose.push_str("\n\n");
                            }
                            block.prose.push_str(&piece);
                        }
                    }
                    Tag::Paragraph | Tag::Table(_) if depth == 0 => page.push_prose(written),
                    Tag::Paragraph => {
                        if let Some(container) = &mut page.container {
                            container.lead_in.push(written);
                        }
                    }
                    Tag::List(_) | Tag::BlockQuote(_) if depth == 0 => {
                        page.container = Some(Container {
                            written,
                            lead_in: Vec::new(),
                            had_code: false,
                        });
                    }
                    _ => {}
                }
                depth += 1;
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if magic_item == Some(depth) {
                    magic_item = None;
                }
                // Slate's quotes are captions of the code beside them: one before a section's
                // code that says more than "Request" is its text; the others (`> Example
                // response`, what follows the code) are left out
                let caption = page.slate && matches!(end, TagEnd::BlockQuote(_));
                if depth == 0
                    && caption
                    && let Some(container) = page.container.take()
                    && !container.had_code
                    && page.section_block.is_none()
                {
                    let text = container
                        .written
                        .lines()
                        .map(|line| line.trim_start().trim_start_matches('>').trim())
                        .collect::<Vec<_>>()
                        .join(" ");
                    if !is_generic_heading(&text) {
                        page.captions.push(text);
                    }
                } else if depth == 0
                    && matches!(end, TagEnd::List(_) | TagEnd::BlockQuote(_))
                    && let Some(container) = page.container.take()
                    && !container.had_code
                    && !caption
                {
                    // a list or quote with no code in it is prose as written
                    page.push_prose(container.written);
                }
            }
            _ => {}
        }
    }
    fenced.then_some(page.blocks)
}

/// What has been read of a page: the blocks found, and what the next one would be given.
struct Page<'t> {
    text: &'t str,
    blocks: Vec<CurlBlock>,
    /// The headings the page is under, outermost first (front matter's title at level 0).
    headings: Vec<Heading>,
    /// Whether no block has been found since the last heading.
    fresh_heading: bool,
    /// The top-level paragraphs and tables since the heading or the last code block.
    prose: Vec<&'t str>,
    /// The list or quote being read, when the page is in one.
    container: Option<Container<'t>>,
    /// In a group of content tabs: how much of `prose` came before its first tab, and so
    /// belongs to each tab's block.
    before_tabs: Option<usize>,
    /// Whether the page is Slate's, whose sections show their code beside their text: a
    /// section's text after its code block is the block's too, and quotes are the code's
    /// captions.
    slate: bool,
    /// The last block found under the heading the page is under, if any.
    section_block: Option<usize>,
    /// Slate's captions read since the heading, as text, for the section's block.
    captions: Vec<String>,
    /// What the shell blocks read so far set (see [`CurlBlock::set_before`]).
    set_before: String,
    /// Whether the page is in its own example (see [`PAGE_EXAMPLE_START`]).
    page_example: bool,
    /// The prose under the page's first heading before the next one: the page's lead text.
    lead: Option<Vec<&'t str>>,
    /// Whether a block in another language (or with no request) came after `prose`: the text
    /// after it, if any, is the next curl block's; with none, `prose` introduced both blocks
    /// (`The following endpoint…:` over `GET /api/v1/query` and its curl command).
    prose_before_other_block: bool,
    /// A section's endpoint line read (`GET http://localhost:<port>/v1.0/healthz` in a block
    /// of its own): the last fixed segment of its path (`/healthz`), and the prose before it,
    /// which is the text of the section's curl block that sends that request.
    endpoint: Option<(String, Vec<&'t str>)>,
}

/// What a code block's opening line says: whether it is a shell's, and the title it gives
/// the block.
struct Opening {
    shell: bool,
    title: Option<String>,
}

/// A heading the page is under.
struct Heading {
    level: usize,
    text: String,
    /// Whether a block has been titled by it: one is, at most.
    titled: bool,
}

/// Elements that have no closing tag.
const VOID_ELEMENTS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// A piece of prose with the HTML tags in its text that open or close an element outside it
/// taken out: the `</x-property>` of a component whose opening tag was an HTML block of its own
/// (which is no prose), left in the paragraph it closes. On a page of its own such a tag closes
/// nothing (and MDX refuses it). Lines left with nothing on them go too; tags that pair within
/// the piece, void elements (`<br>`) and comments stay.
fn without_dangling_tags(piece: &str) -> std::borrow::Cow<'_, str> {
    if !piece.contains('<') {
        return piece.into();
    }
    // each tag's place and name, and whether it closes
    let mut tags: Vec<(std::ops::Range<usize>, String, bool)> = Vec::new();
    for (event, range) in Parser::new(piece).into_offset_iter() {
        let Event::InlineHtml(tag) = event else {
            continue;
        };
        let closing = tag.starts_with("</");
        let name: String = tag
            .trim_start_matches('<')
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || tag.ends_with("/>") || VOID_ELEMENTS.contains(&name.as_str()) {
            continue;
        }
        tags.push((range, name, closing));
    }
    // pair each closing tag with the nearest open one of its name
    let mut open: Vec<usize> = Vec::new();
    let mut paired = vec![false; tags.len()];
    for (index, (_, name, closing)) in tags.iter().enumerate() {
        if !closing {
            open.push(index);
        } else if let Some(at) = open.iter().rposition(|&o| tags[o].1 == *name) {
            paired[open.remove(at)] = true;
            paired[index] = true;
        }
    }
    if paired.iter().all(|&p| p) {
        return piece.into();
    }
    // each tag taken out leaves a mark, so that a line it leaves empty goes too, and a blank
    // line the piece had (between a loose list's items) stays
    const TAKEN: char = '\u{0}';
    let mut marked = String::with_capacity(piece.len());
    let mut from = 0;
    for ((range, _, _), _) in tags.iter().zip(&paired).filter(|(_, paired)| !**paired) {
        marked.push_str(&piece[from..range.start]);
        marked.push(TAKEN);
        from = range.end;
    }
    marked.push_str(&piece[from..]);
    let lines: Vec<String> = marked
        .lines()
        .filter(|line| !(line.contains(TAKEN) && line.replace(TAKEN, "").trim().is_empty()))
        .map(|line| line.replace(TAKEN, ""))
        .collect();
    lines.join("\n").trim().to_string().into()
}

/// A top-level list or quote: prose as a whole unless a code block is in it, and then the
/// paragraphs before that block, in it, are the block's lead-in.
struct Container<'t> {
    written: &'t str,
    lead_in: Vec<&'t str>,
    had_code: bool,
}

impl<'t> Page<'t> {
    /// A code block read: a request's when it is a shell's (or a console session shown in
    /// another language's block) holding a curl command.
    fn code_block(
        &mut self,
        code: String,
        starts: Starts,
        opening: Opening,
        holds_curl: &impl Fn(&str) -> bool,
    ) {
        if (opening.shell || is_console_session(&code)) && holds_curl(&code) {
            // what it sets beside its commands, a reader has set for the blocks below too
            let sets = assignment_lines(&code);
            self.add_block(code, starts, opening.title);
            self.set_before.push_str(&sets);
        } else if let Some(shell) = notebook_shell_lines(&code)
            && holds_curl(&shell)
        {
            // the block's text is no longer the page's, line for line
            let starts = Starts {
                code: None,
                ..starts
            };
            let sets = assignment_lines(&shell);
            self.add_block(shell, starts, opening.title);
            self.set_before.push_str(&sets);
        } else {
            if opening.shell {
                self.set_before.push_str(&assignment_lines(&code));
            }
            if let Some(segment) = endpoint_line_segment(&code) {
                self.endpoint = Some((segment, self.prose.clone()));
            }
            // what came before another language's block introduced that block
            self.lead_in_used();
        }
    }

    /// A paragraph `start` bytes into the page that holds ReadMe's magic blocks: its text is
    /// prose, its `[block:api-header]`s headings, and each tab of its `[block:code]`s a code
    /// block in the language the tab names.
    fn magic_blocks(
        &mut self,
        pieces: Vec<readme::Piece<'t>>,
        start: usize,
        depth: usize,
        holds_curl: &impl Fn(&str) -> bool,
    ) {
        for piece in pieces {
            match piece {
                readme::Piece::Text(text) if is_markup_only(text) => {}
                readme::Piece::Text(text) if depth == 0 => self.push_prose(text),
                readme::Piece::Text(text) => {
                    if let Some(container) = &mut self.container {
                        container.lead_in.push(text);
                    }
                }
                // ReadMe shows an API header as the page's top-level heading
                readme::Piece::Header(title) => self.enter_heading(1, title),
                readme::Piece::Code { offset, tabs } => {
                    for tab in tabs {
                        let mut code = tab.code;
                        if !code.ends_with('\n') {
                            code.push('\n');
                        }
                        let shell = is_shell_language(&tab.language);
                        let starts = Starts {
                            block: start + offset,
                            code: None,
                        };
                        let opening = Opening { shell, title: None };
                        self.code_block(code, starts, opening, holds_curl);
                    }
                }
                readme::Piece::Other => {}
            }
        }
    }

    /// A paragraph, table, list or quote of prose: after a block in another language, the
    /// text before that block introduced it, and this text starts the next block's.
    fn push_prose(&mut self, text: &'t str) {
        if std::mem::take(&mut self.prose_before_other_block) {
            self.prose = self.shared_prose();
        }
        self.prose.push(text);
    }

    /// A block of curl commands; `title` is the one its opening line gives it, if any.
    fn add_block(&mut self, code: String, starts: Starts, title: Option<String>) {
        self.prose_before_other_block = false;
        // in a group of tabs, what came before the group is each tab's
        let shared = self.shared_prose();
        let mut prose = std::mem::replace(&mut self.prose, shared);
        // the section's endpoint line, above, was this request's: what introduced it is this
        // block's text too
        if let Some((segment, lead)) = self.endpoint.take()
            && code.contains(&segment)
        {
            let lead: Vec<&str> = lead
                .into_iter()
                .filter(|text| !prose.contains(text))
                .collect();
            prose.splice(0..0, lead);
        }
        if let Some(container) = &mut self.container {
            prose.append(&mut container.lead_in);
            container.had_code = true;
        }
        // a block's own title of more than a word says more than its heading, which is then
        // left to the next block; a one-word one (`title="create"`) only names a block the
        // heading does not
        let heading = match title {
            Some(title) if title.contains(char::is_whitespace) => Some(title),
            // the page's own example, in a section that titles no request (`Path Parameters`):
            // the page's title and its lead text, once
            _ if self.page_example
                && self.headings.last().is_none_or(|section| {
                    self.headings.len() == 1 || is_generic_heading(&section.text)
                }) =>
            {
                match self.headings.first_mut() {
                    Some(top) if !top.titled => {
                        top.titled = true;
                        prose = self.lead.clone().unwrap_or_else(|| prose.clone());
                        Some(top.text.clone())
                    }
                    _ => None,
                }
            }
            title if std::mem::take(&mut self.fresh_heading) => self.title().or(title),
            title => title,
        };
        let line_of = |at: usize| self.text[..at].matches('\n').count() + 1;
        self.section_block = Some(self.blocks.len());
        let captions = std::mem::take(&mut self.captions);
        let set_before = self.set_before.clone();
        self.blocks.push(CurlBlock {
            set_before,
            code,
            line: line_of(starts.block),
            code_line: starts.code.map(line_of),
            heading,
            prose: prose
                .iter()
                .map(|piece| super::page_formats::with_myst_roles_read(piece))
                .map(|piece| match without_dangling_tags(&piece) {
                    std::borrow::Cow::Borrowed(_) => piece,
                    std::borrow::Cow::Owned(text) => std::borrow::Cow::Owned(text),
                })
                .filter(|piece| !piece.is_empty())
                .chain(captions.into_iter().map(std::borrow::Cow::Owned))
                .collect::<Vec<_>>()
                .join("\n\n"),
        });
    }

    fn enter_heading(&mut self, level: usize, text: String) {
        let text = translated_keys_read(&without_anchor(without_markup_debris(text)));
        // what the page's top heading heads before its first section is the page's lead text
        match self.headings.first() {
            Some(top) if level <= top.level => self.lead = None,
            Some(top) if self.headings.len() == 1 && level > top.level => {
                self.lead = Some(self.prose.clone());
            }
            _ => {}
        }
        self.section_block = None;
        self.captions.clear();
        while self
            .headings
            .last()
            .is_some_and(|outer| outer.level >= level)
        {
            self.headings.pop();
        }
        // a generic sub-heading (`### Example request`) gives way to the section it is in, for
        // the title and so for the prose: what the section said before it stays
        let gives_way = is_generic_heading(&text)
            && self
                .headings
                .last()
                .is_some_and(|section| section.level < level && !section.titled);
        self.headings.push(Heading {
            level,
            text,
            titled: false,
        });
        self.fresh_heading = true;
        if !gives_way {
            self.prose.clear();
            self.prose_before_other_block = false;
            self.endpoint = None;
        }
        self.before_tabs = None;
    }

    /// A content tab starts: the text of the tab before it is not this one's.
    fn enter_tab(&mut self) {
        match self.before_tabs {
            Some(shared) => self.prose.truncate(shared),
            None => self.before_tabs = Some(self.prose.len()),
        }
    }

    /// A group of tabs or code blocks shown as tabs starts: the prose so far is each tab's.
    fn enter_tabs(&mut self) {
        self.before_tabs = Some(self.prose.len());
    }

    /// A group of tabs or code blocks shown as tabs ends: what follows starts afresh.
    fn leave_tabs(&mut self) {
        self.before_tabs = None;
        self.page_example = false;
        self.prose.clear();
    }

    /// The prose before the group of tabs the page is in, if it is in one.
    fn shared_prose(&self) -> Vec<&'t str> {
        let shared = self.before_tabs.unwrap_or(0).min(self.prose.len());
        self.prose[..shared].to_vec()
    }

    /// The title the headings give a block: the innermost that says more than "Request" or
    /// "Example" (under `## Login`, `### Request`, it is `Login`), without a step's number
    /// (`1. Registration`); none when that heading has titled a block already (under
    /// `## Login`, `### Simple example` and `### Full example`, the second is not `Login` too).
    fn title(&mut self) -> Option<String> {
        let innermost = self.headings.len().checked_sub(1)?;
        let at = self
            .headings
            .iter()
            .rposition(|heading| !is_generic_heading(&heading.text))
            .unwrap_or(innermost);
        let heading = &mut self.headings[at];
        if std::mem::replace(&mut heading.titled, true) {
            return None;
        }
        let telling = &heading.text;
        // a step's number ends with a dot (`1. `, `2.3. `) or is a section's (`2.1 `, numbers of
        // one or two digits); `2024.1 release` keeps its own
        // (and `1-4. `, a sub-step's, and `1) `)
        let after_number =
            telling.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '-'));
        let after_number = after_number.strip_prefix(')').unwrap_or(after_number);
        let number = &telling[..telling.len() - after_number.len()];
        let numbered = !number.is_empty()
            && number.starts_with(|c: char| c.is_ascii_digit())
            && (number.ends_with(['.', ')'])
                || (number.contains('.')
                    && number.split('.').all(|part| (1..=2).contains(&part.len()))));
        let title = match after_number.strip_prefix(' ') {
            Some(rest) if numbered && !rest.trim().is_empty() => rest.trim(),
            _ => telling,
        };
        // `Example: Create a queue` names the request after its colon
        let title = match title.split_once(": ") {
            Some((kind, rest)) if is_generic_heading(kind) && !rest.trim().is_empty() => {
                rest.trim()
            }
            _ => title,
        };
        Some(title.to_string())
    }

    fn lead_in_used(&mut self) {
        self.prose_before_other_block = true;
        if let Some(container) = &mut self.container {
            container.lead_in.clear();
            container.had_code = true;
        }
    }
}

/// The headings an HTML block writes (`<h2 id="create">Create a user</h2>`), with their
/// levels and their text: tags left out, the common entities read, blanks as one.
fn html_headings(html: &str) -> Vec<(usize, String)> {
    let mut headings = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("<h") {
        let start = from + found;
        let bytes = lower.as_bytes();
        let level = bytes.get(start + 2).copied().unwrap_or_default();
        let after = bytes.get(start + 3).copied().unwrap_or_default();
        from = start + 2;
        if !(b'1'..=b'6').contains(&level) || !(after == b'>' || after.is_ascii_whitespace()) {
            continue;
        }
        let Some(open_end) = lower[start..].find('>').map(|end| start + end + 1) else {
            break;
        };
        let close = format!("</h{}", char::from(level));
        let end = lower[open_end..]
            .find(&close)
            .map_or(html.len(), |end| open_end + end);
        let text = html_text(&html[open_end..end]);
        if !text.is_empty() {
            headings.push((usize::from(level - b'0'), text));
        }
        from = end;
    }
    // a `<details>` block's `<summary>` names what it holds (`<summary>Create a queue</summary>`),
    // below every heading
    let mut from = 0;
    while let Some(found) = lower[from..].find("<summary") {
        let start = from + found;
        let Some(open_end) = lower[start..].find('>').map(|end| start + end + 1) else {
            break;
        };
        let end = lower[open_end..]
            .find("</summary")
            .map_or(html.len(), |end| open_end + end);
        let text = html_text(&html[open_end..end]);
        if !text.is_empty() {
            headings.push((SUMMARY_LEVEL, text));
        }
        from = end;
    }
    headings
}

/// The level of a `<summary>`'s text among headings: under `######`.
const SUMMARY_LEVEL: usize = 7;

/// The text of an HTML fragment: its tags left out, `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`
/// and `&nbsp;` read, runs of blanks as one.
fn html_text(fragment: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    entities_read(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` with the common HTML entities read: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`,
/// `&nbsp;`.
pub(super) fn entities_read(text: &str) -> String {
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Whether a page is Slate's: its front matter names the `language_tabs:` of its code column.
fn is_slate(text: &str) -> bool {
    // Widdershins' include files (`includes/_users.md`) have no front matter of their own, but
    // put its `> Code samples` caption before each operation's blocks
    if text.lines().any(|line| line.trim() == "> Code samples") {
        return true;
    }
    let Some(front) = text.strip_prefix("---\n") else {
        return false;
    };
    front.split("\n---").next().is_some_and(|matter| {
        matter
            .lines()
            .any(|line| line.starts_with("language_tabs:"))
    })
}

/// A heading's text without the anchor Elastic's docs-builder writes after it (`Ingest data
/// [hybrid-ingest-data]`): a bracketed id of words joined by `-`, no blank in it.
/// A heading's translation calls (Vue i18n's `{{ $t('Samples') }}`, `{{ t("samples") }}`) as
/// their key, which the site shows in its own words: the key says what the heading is.
fn translated_keys_read(text: &str) -> String {
    crate::sample_values::map_variables(text, |inner| {
        let inner = inner.trim();
        let key = inner
            .strip_prefix("$t(")
            .or_else(|| inner.strip_prefix("t("))
            .and_then(|call| call.strip_suffix(')'))
            .map(str::trim)
            .and_then(|quoted| {
                quoted
                    .strip_prefix('\'')
                    .and_then(|q| q.strip_suffix('\''))
                    .or_else(|| quoted.strip_prefix('"').and_then(|q| q.strip_suffix('"')))
            })
            .filter(|key| !key.contains(['\'', '"']))?;
        // `api.samples` is the key `samples` of `api`
        Some(key.rsplit('.').next().unwrap_or(key).to_string())
    })
}

/// A heading's text without the emphasis marks and brackets a converter left around it, as
/// GitBook's export writes `### ****[**Example**]` (an empty bold, then a link without its
/// target): `Example`. Marks inside the words stay (`C++`, `a*b`), and so do `_` (`__init__`).
fn without_markup_debris(text: String) -> String {
    let mut trimmed = text.as_str();
    loop {
        let before = trimmed;
        trimmed = trimmed.trim_matches(|c: char| c == '*' || c.is_whitespace());
        if let Some(inner) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']'))
            && !inner.contains(['[', ']'])
        {
            trimmed = inner;
        }
        if trimmed == before {
            break;
        }
    }
    // only when a mark was there: a heading written plainly stays exactly as it is
    if trimmed.len() == text.trim().len() || trimmed.is_empty() {
        text
    } else {
        trimmed.to_string()
    }
}

fn without_anchor(text: String) -> String {
    let Some(open) = text.strip_suffix(']').and_then(|rest| rest.rfind(" [")) else {
        return text;
    };
    let id = &text[open + 2..text.len() - 1];
    let is_id = id.contains('-')
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if is_id {
        text[..open].trim_end().to_string()
    } else {
        text
    }
}

/// Whether a heading names no more than a code block (`Request`, `Example`, `cURL sample`,
/// `Simple example`, `Code examples`), or than a request and its response (`Request examples
/// and their responses`, `Response`).
fn is_generic_heading(text: &str) -> bool {
    // (`요청 예시 (curl)`: what is in parentheses after it names the tool; `2. `, `1-4. `, `1) `
    // and an emoji before them number or mark it)
    let text = text
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric() && !c.is_whitespace() && c != '(')
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | ')'))
        .trim()
        .trim_end_matches([':', '：'])
        .trim()
        .to_lowercase()
        .replace("(curl)", "")
        .trim()
        .to_string();
    let words = || {
        text.split(|c: char| c.is_whitespace() || matches!(c, '&' | '/' | '(' | ')'))
            .filter(|word| !word.is_empty())
    };
    // a method beside them says no more (`Sample POST request`); alone, it names the operation
    let method = |word: &str| {
        matches!(
            word,
            "get" | "post" | "put" | "patch" | "delete" | "head" | "options"
        )
    };
    let names_only_an_example = !(words().next().is_some() && words().all(method))
        && words().all(|word| {
            method(word)
                || matches!(
                    word,
                    "request"
                        | "requests"
                        | "response"
                        | "responses"
                        | "example"
                        | "examples"
                        | "sample"
                        | "samples"
                        | "and"
                        | "their"
                        | "its"
                        | "of"
                        | "the"
                        | "a"
                        | "an"
                        | "curl"
                        // Mintlify's `cURL - Example Payload`, a tab's label
                        | "payload"
                        | "payloads"
                        | "-"
                        | "–"
                        | "—"
                        | "command"
                        | "commands"
                        | "code"
                        | "usage"
                        | "usages"
                        | "simple"
                        | "basic"
                        | "complex"
                        | "advanced"
                        | "full"
                        | "minimal"
                        | "quick"
                        | "another"
                        | "more"
                        // a section of what a request takes (`Path Parameters`, `Request
                        // body`), which titles no request of its own
                        | "parameters"
                        | "parameter"
                        | "params"
                        | "path"
                        | "query"
                        | "url"
                        | "uri"
                        | "http"
                        // `HTTP Response Codes`, `Response codes`
                        | "codes"
                        | "optional"
                        | "required"
                        | "body"
                        | "headers"
                        // and in the languages API docs are most often written in besides
                        // English: `Paramètres de chemin`, `En-têtes`, `Parámetros`,
                        // `Parâmetros de Entrada`, `Заголовки`
                        | "paramètres"
                        | "paramètre"
                        | "chemin"
                        | "en-têtes"
                        | "en-tête"
                        | "corps"
                        | "requête"
                        | "entrée"
                        | "parámetros"
                        | "parámetro"
                        | "encabezados"
                        | "cabeceras"
                        | "cuerpo"
                        | "ruta"
                        | "consulta"
                        | "solicitud"
                        | "parâmetros"
                        | "parâmetro"
                        | "cabeçalhos"
                        | "corpo"
                        | "caminho"
                        | "requisição"
                        | "entrada"
                        | "kopfzeilen"
                        | "pfadparameter"
                        | "abfrageparameter"
                        | "anfragekörper"
                        | "parametri"
                        | "intestazioni"
                        | "richiesta"
                        | "параметры"
                        | "параметр"
                        | "заголовки"
                        | "тело"
                        | "запроса"
                        | "пути"
                        | "de"
                        | "la"
                        | "du"
                        | "des"
                        | "del"
                        | "da"
                        | "do"
                        | "della"
                )
        });
    // the platform a copy of the command is for (`Windows (CMD)`, `Linux/Mac`), as tabs would
    // name it: the operation is the heading's above
    let names_a_platform = words().next().is_some()
        && words().all(|word| {
            matches!(
                word,
                "windows"
                    | "cmd"
                    | "cmd.exe"
                    | "powershell"
                    | "pwsh"
                    | "linux"
                    | "mac"
                    | "macos"
                    | "osx"
                    | "unix"
                    | "wsl"
                    | "bash"
                    | "zsh"
                    | "shell"
                    | "terminal"
                    | "command"
                    | "prompt"
                    | "curl"
                    | "and"
                    | "or"
                    | "on"
                    | "for"
            )
        });
    // and what names a command line, in English and in the languages API docs are most often
    // written in besides English
    names_only_an_example
        || names_a_platform
        || matches!(
            // (what parentheses after it add names what it is: `요청 파라미터 (query string)`)
            text.rsplit_once(" (")
                .filter(|_| text.ends_with(')'))
                .map_or(text.as_str(), |(before, _)| before.trim_end()),
            "http request"
                | "status codes"
                | "http status codes"
                | "error codes"
                | "command"
                | "command line"
                | "shell"
                | "bash"
                | "try it"
                | "try it out"
                | "try it yourself"
                | "try this"
                | "run it"
                | "run this"
                | "请求头"
                | "请求参数"
                | "请求体"
                | "请求体字段"
                | "路径参数"
                | "查询参数"
                | "query 参数"
                | "参数"
                | "请求"
                | "请求示例"
                | "示例"
                | "调用示例"
                | "请求示例代码"
                | "リクエストヘッダー"
                | "リクエストボディ"
                | "パラメータ"
                | "パラメーター"
                | "パスパラメータ"
                | "クエリパラメータ"
                | "ヘッダー"
                | "リクエスト"
                | "リクエスト例"
                | "リクエストの例"
                | "例"
                | "サンプル"
                | "요청 헤더"
                | "요청 본문"
                | "경로 파라미터"
                | "쿼리 파라미터"
                | "헤더"
                | "파라미터"
                | "요청"
                | "요청 예시"
                | "요청 파라미터"
                | "요청 변수"
                | "예시"
                | "запрос"
                | "пример"
                | "пример запроса"
                | "exemple"
                | "exemples"
                | "requête"
                | "exemple de requête"
                | "beispiel"
                | "anfrage"
                | "beispielanfrage"
                | "ejemplo"
                | "solicitud"
                | "ejemplo de solicitud"
                | "petición"
                | "exemplo"
                | "requisição"
                | "exemplo de requisição"
                | "esempio"
                | "richiesta"
                | "приклад"
                | "приклад запиту"
                | "запит"
        )
}

/// The last fixed segment of the path (`/healthz`) of a code block that is an endpoint line
/// alone: a method and a URL or path (`GET http://localhost:<daprPort>/v1.0/healthz`, `POST
/// /v1/users/{id}/keys HTTP/1.1`). Segments of placeholders and parameters are not fixed.
fn endpoint_line_segment(code: &str) -> Option<String> {
    let mut lines = code.lines().filter(|line| !line.trim().is_empty());
    let line = lines.next()?;
    if lines.next().is_some() {
        return None;
    }
    let mut words = line.split_whitespace();
    let method = words.next()?;
    let target = words.next()?;
    let rest: Vec<&str> = words.collect();
    let known_method = matches!(
        method,
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"
    );
    if !known_method
        || !(rest.is_empty() || matches!(rest[..], [version] if version.starts_with("HTTP/")))
    {
        return None;
    }
    let path = match target.split_once("://") {
        Some((_, after)) => &after[after.find('/')?..],
        None => target.strip_prefix('/').map(|_| target)?,
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    path.split('/')
        .rev()
        .find(|segment| {
            segment.len() > 1 && !segment.contains(['{', '}', '<', '>', ':', '[', ']', '$'])
        })
        .map(|segment| format!("/{segment}"))
}

/// A code block's text without the explicit callouts of Elastic's docs-builder (`-H "…" \ <1>`,
/// `"index": "logs" <2>`): `<N>` ending lines, numbered from 1, when an ordered list (the
/// callouts' text) follows the block, right below it or after one paragraph, as docs-builder
/// requires. The page shows them as markers a reader does not copy; kept, they would be sent in
/// a body or read as words of the command. Any other block is kept as written.
fn explicit_callouts_left_out(code: String, after_block: &str) -> String {
    let mut numbers = Vec::new();
    let lines: Vec<&str> = code
        .lines()
        .map(|line| {
            let mut text = line.trim_end();
            while let Some((before, last)) = text.rsplit_once(char::is_whitespace)
                && let Some(number) = last
                    .strip_prefix('<')
                    .and_then(|n| n.strip_suffix('>'))
                    .and_then(|n| n.parse::<usize>().ok())
            {
                numbers.push(number);
                text = before.trim_end();
            }
            text
        })
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    let numbered_from_one = !numbers.is_empty() && numbers.iter().copied().eq(1..=numbers.len());
    if !numbered_from_one || !ordered_list_follows(after_block) {
        return code;
    }
    let mut out = lines.join("\n");
    if code.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Whether an ordered list starts the text after a code block, or follows one paragraph there.
fn ordered_list_follows(after_block: &str) -> bool {
    let mut paragraph_passed = false;
    let mut in_paragraph = false;
    for line in after_block.lines() {
        let line = line.trim();
        if line.is_empty() {
            paragraph_passed |= in_paragraph;
            in_paragraph = false;
        } else if line.starts_with("1. ") || line.starts_with("1) ") {
            return true;
        } else if paragraph_passed {
            return false;
        } else {
            in_paragraph = true;
        }
    }
    false
}

/// The lines of a shell block that set variables, each on a line of its own (`NAME=value`,
/// `export NAME=value`, after a prompt too), each ended: what the curl blocks below it read, as
/// a reader runs the blocks in order (one that also runs curl sets them as one without does).
fn assignment_lines(code: &str) -> String {
    let mut set = String::new();
    for line in code.lines() {
        let line = line.trim();
        let line = line.strip_prefix("$ ").unwrap_or(line);
        let assignment = line.strip_prefix("export ").unwrap_or(line);
        let named = assignment
            .split_once('=')
            .is_some_and(|(name, _)| crate::sample_values::is_env_name(name));
        // a value over several lines is not one line's
        let balanced = line.matches('"').count() % 2 == 0
            && line.matches('\'').count() % 2 == 0
            && !line.ends_with('\\');
        // only assignments: `NAME=oc get pod x` runs `get` with `NAME` set
        let only_assignments = || {
            super::shell::shell_commands(assignment).is_ok_and(|commands| {
                matches!(commands.as_slice(), [command]
                    if command.words.iter().all(|word| super::shell::assignment(word).is_some()))
            })
        };
        if named && balanced && !line.contains("$(") && !line.contains('`') && only_assignments() {
            set.push_str(line);
            set.push('\n');
        }
    }
    set
}

/// Whether a paragraph is markup another tool reads rather than prose: MDX's `import` and
/// `export` lines. (MkDocs' admonition and tab lines are blank by the time the page is read:
/// see [`mkdocs_blocks_dedented`].)
fn is_markup_only(paragraph: &str) -> bool {
    paragraph.lines().all(|line| {
        let line = line.trim();
        line.starts_with("import ")
            || line.starts_with("export ")
            // kramdown's attribute list for the block after it: `{:.api .api-request}`
            || (line.starts_with("{:") && line.ends_with('}'))
            || is_empty_anchor(line)
    })
}

/// Whether `line` is an empty HTML anchor a link can point at, and nothing else: Widdershins'
/// `<a id="opIdlistUsers"></a>` above each operation, `<a name="users"></a>`.
fn is_empty_anchor(line: &str) -> bool {
    let Some(inside) = line
        .strip_prefix("<a ")
        .and_then(|rest| rest.strip_suffix("></a>"))
    else {
        return false;
    };
    let inside = inside.trim();
    (inside.starts_with("id=") || inside.starts_with("name="))
        && !inside.contains(['<', '>'])
        && inside.matches('"').count() == 2
}

/// A heading's text without the attributes Hugo, Docusaurus, kramdown and MkDocs' attr_list
/// read at its end (`Create an app {#app}`, `Users {.beta}`, `Tokens {: #tokens}`).
fn without_attributes(heading: &str) -> &str {
    let heading = heading.trim();
    match heading.rfind(" {") {
        Some(start)
            if heading.ends_with('}')
                && heading[start + 2..]
                    .trim_start_matches(':')
                    .trim_start()
                    .starts_with(['#', '.']) =>
        {
            heading[..start].trim_end()
        }
        _ => heading,
    }
}

/// `text` with its YAML front matter (a `---` line first, up to a `---` or `...` line) as blank
/// lines, so that every line stays on its line, and the front matter's `title`, if any.
fn without_front_matter(text: &str) -> (String, Option<String>) {
    let mut lines = text.split_inclusive('\n');
    let is_fence = |line: &str, closing: bool| {
        let line = line.trim_end();
        line == "---" || (closing && line == "...")
    };
    if !lines.next().is_some_and(|first| is_fence(first, false)) {
        return (text.to_string(), None);
    }
    let Some(length) = lines.position(|line| is_fence(line, true)) else {
        return (text.to_string(), None);
    };
    let mut all = text.split_inclusive('\n');
    let front: Vec<&str> = all.by_ref().take(length + 2).collect();
    let title = front_matter_title(&front[1..=length].concat());
    let mut out = "\n".repeat(front.len());
    out.extend(all);
    (out, title)
}

/// The `title:` of a YAML front matter, unquoted.
fn front_matter_title(front_matter: &str) -> Option<String> {
    front_matter.lines().find_map(|line| {
        let title = line.strip_prefix("title:")?.trim();
        let unquoted = title
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .or_else(|| title.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')))
            .unwrap_or(title);
        (!unquoted.is_empty()).then(|| unquoted.to_string())
    })
}

/// What a content tab's marker line is read as: an HTML comment, which starts the tab's prose
/// afresh.
pub(super) const TAB_START: &str = "<!-- samplegen: a content tab -->";
/// What the line that opens a group of tabs (Docusaurus' `<Tabs>`, Mintlify's `<CodeGroup>`,
/// VitePress' `::: code-group`) is read as: the prose before it is each tab's.
pub(super) const TABS_START: &str = "<!-- samplegen: content tabs -->";
/// What the line that closes such a group is read as (MkDocs': the blank line before the text
/// that is no longer indented).
pub(super) const TABS_END: &str = "<!-- samplegen: end of content tabs -->";
/// What the line that opens the page's own example (Mintlify's `<RequestExample>`, shown
/// beside the whole page) is read as: a group of tabs whose blocks the page's title and lead
/// text name, whatever section it is written in.
pub(super) const PAGE_EXAMPLE_START: &str = "<!-- samplegen: the page's example -->";

/// Whether a line opens MkDocs' admonition (`!!! note`, `??? example`, `???+ tip`) or content
/// tab (`=== "cURL"`), whose content is the lines indented four spaces more. Python-Markdown
/// takes the blank after `!!!` as optional (`!!!example`), and so does pymdownx.details after
/// `???`.
pub(super) fn is_mkdocs_marker(line: &str) -> bool {
    let line = line.trim_start();
    let admonition = ["???+", "???", "!!!"]
        .iter()
        .find_map(|marker| line.strip_prefix(marker))
        .is_some_and(|rest| {
            rest.trim_start()
                .starts_with(|c: char| c.is_ascii_alphabetic())
        });
    admonition || line.starts_with("=== \"")
}

/// `text` with the content of MkDocs' admonitions and content tabs (`!!! note`, `??? tip`,
/// `=== "cURL"`: a marker line, then lines indented four spaces more) moved out by those four
/// spaces, four more for each marker it is nested in (tabs in an admonition, tabs in a tab),
/// and the marker line left blank, so that their code blocks read as code blocks. Every line
/// stays on its line.
fn mkdocs_blocks_dedented(text: &str) -> std::borrow::Cow<'_, str> {
    let indent = |line: &str| line.len() - line.trim_start_matches(' ').len();
    if !text.lines().any(is_mkdocs_marker) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    // the markers whose content is being read, outermost first: each one's indentation, and
    // whether it is a content tab's (an admonition may hold tabs, and a tab more tabs)
    let mut within: Vec<(usize, bool)> = Vec::new();
    // where the last blank line in that content is
    let mut last_blank: Option<(usize, usize)> = None;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if !within.is_empty() && content.trim().is_empty() {
            last_blank = Some((out.len(), content.len()));
            out.push_str(line);
            continue;
        }
        let at = indent(content);
        let marker = is_mkdocs_marker(content);
        let tab_marker = marker && content.trim_start().starts_with("=== \"");
        // the markers this line is outside of (a marker at the same indentation is the next
        // tab of the same group, or the next admonition)
        let mut left_tabs = false;
        while let Some(&(outer, tabs)) = within.last()
            && (at < outer + 4 || (marker && at == outer))
        {
            within.pop();
            let next_tab = tab_marker && at == outer && tabs;
            left_tabs |= tabs && !next_tab;
        }
        // a group of tabs ended on the blank line before this one
        if left_tabs && let Some((blank, length)) = last_blank {
            out.replace_range(blank..blank + length, TABS_END);
        }
        last_blank = None;
        if marker {
            // a content tab's text is its own: what came before is another tab's
            if tab_marker {
                out.push_str(TAB_START);
            }
            out.push_str(&line[content.len()..]);
            within.push((at, tab_marker));
            continue;
        }
        out.push_str(&line[(4 * within.len()).min(at)..]);
    }
    out.into()
}

/// The commands of a code block: where its curl command follows a prompt (`$ curl …`,
/// `user@host:~$ curl …`, `PS C:\> curl.exe …`, as a console session shows it), only the lines
/// after a prompt and those that continue them (a `\`, `` ` `` or `^` at the end, a quote still
/// open, a `> ` prompt, a here-document); the others are the commands' output. Any other block
/// is all commands.
///
/// A line before the first prompt that starts with `curl` is a command too: nothing has run
/// that it could be the output of.
///
/// A session that shows the command for two shells (`$ curl … \`, then `C:\>curl … ^`) is
/// read in the shell of its first curl command: the other's lines are the same request written
/// for another reader, and mixed they read as neither shell's.
pub(super) fn commands_of(code: &str) -> std::borrow::Cow<'_, str> {
    let mut prompt_lines = code
        .lines()
        .map(str::trim_start)
        .filter(|line| super::shell::prompt_end(line, false).is_some());
    // zsh's bare `%` is a prompt only in a session of zsh (its first prompt is one): after
    // `$ curl …` it starts the progress meter curl printed
    let zsh = prompt_lines
        .clone()
        .next()
        .is_some_and(super::shell::bare_percent_prompt);
    let Some(shell) = prompt_lines.find_map(super::shell::session_prompt) else {
        return code.into();
    };
    let prompted = |line: &str| {
        super::shell::session_prompt(line.trim_start()) == Some(shell)
            && (zsh || !super::shell::bare_percent_prompt(line))
    };
    let mut out = String::with_capacity(code.len());
    let mut continued = false;
    let mut open_quote: Option<char> = None;
    // the delimiter of a here-document being read (`<<EOF`)
    let mut heredoc: Option<String> = None;
    // whether the line before was a command's: an option or a URL after it is a line of that
    // command whose `\` was forgotten, which reading it says, rather than output
    let mut after_command = false;
    // no prompted command yet: a line that starts with `curl` is no command's output
    let mut before_prompt = true;
    // whether the line before was left out and goes on on this one (a Dockerfile's `RUN
    // apt-get install -y \` before `  curl \`): this one is left out with it
    let mut left_out_goes_on = false;
    // whether the line before was one of the request `curl -v` shows (`> Host: …`)
    let mut verbose_request = false;
    let lines: Vec<&str> = code.lines().collect();
    for (index, line) in lines.iter().copied().enumerate() {
        if let Some(delimiter) = &heredoc {
            if line.trim() == delimiter {
                heredoc = None;
            }
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let open = continued || open_quote.is_some();
        // a `> ` line goes on a command left open (bash's second prompt, `> done` after `$ for
        // …; do`), unless it shows the request `curl -v` sent: `> POST /x HTTP/1.1`, then its
        // headers, each a `> ` line
        let shown = line.trim_start().strip_prefix('>');
        verbose_request = !open
            && shown.is_some_and(|rest| {
                (verbose_request && (rest.is_empty() || rest.starts_with(' ')))
                    || is_request_line(rest.trim())
            });
        let continues = open || (line.trim_start().starts_with("> ") && !verbose_request);
        // (a commented-out command's lines start with the comment's mark: the word after it)
        let mut words = line.split_whitespace();
        let first_word = match words.next().unwrap_or_default() {
            "*" | "//" | "#" => words.next().unwrap_or_default(),
            word => word,
        };
        let forgotten_continuation = after_command
            && (is_curl_option(first_word)
                || first_word.starts_with('$')
                || first_word.contains("://"));
        // and an assignment before it (`PAT=…`, `ENC=$(… | base64)`) is the session's setup
        let assigns = |word: &str| {
            let word = if word == "export" {
                line.split_whitespace().nth(1).unwrap_or_default()
            } else {
                word
            };
            super::shell::assignment(word).is_some()
        };
        let unprompted_curl =
            before_prompt && (super::shell::is_curl(first_word) || assigns(first_word));
        before_prompt &= !prompted(line);
        // an exec form's list of curl's words (`test: ["CMD", "curl", …]`) is a command
        // wherever it stands: a YAML file's line is no command's output
        let exec_form = super::shell::exec_form_starts(&lines, index);
        after_command = prompted(line)
            || continues
            || (!left_out_goes_on && (forgotten_continuation || unprompted_curl))
            || exec_form;
        if !after_command {
            // a blank in the output's place keeps each command on its line of the block
            out.push('\n');
            left_out_goes_on = super::shell::continues_on_next_line(line);
            continue;
        }
        left_out_goes_on = false;
        out.push_str(line);
        out.push('\n');
        open_quote = super::shell::quote_left_open(line, open_quote);
        continued = open_quote.is_none() && super::shell::continues_on_next_line(line);
        heredoc = super::shell::heredoc_delimiter(line);
    }
    out.into()
}

/// Whether `word` is one of curl's options (`-H`, `--data=x`, `--no-buffer`), not output that
/// starts with a dash (a multipart boundary, `--jetty1198079116kuzifrgh`).
fn is_curl_option(word: &str) -> bool {
    match word.strip_prefix("--") {
        Some(long) => {
            let name = long.split('=').next().unwrap_or_default();
            super::long_option(name)
                .or_else(|| super::long_option(name.strip_prefix("no-")?))
                .is_some()
        }
        None => word
            .strip_prefix('-')
            .and_then(|short| short.chars().next())
            .and_then(super::short_option)
            .is_some(),
    }
}

/// Whether `line` is an HTTP/1 request line (`POST /service HTTP/1.1`).
fn is_request_line(line: &str) -> bool {
    let mut words = line.split(' ');
    let method = words.next().unwrap_or_default();
    !method.is_empty()
        && method.bytes().all(|b| b.is_ascii_uppercase())
        && words.next().is_some_and(|target| !target.is_empty())
        && words
            .next()
            .is_some_and(|version| version.starts_with("HTTP/"))
        && words.next().is_none()
}

/// A list item's text without its marker (`- `, `1. `).
fn list_item_text(item: &str) -> &str {
    let item = item.trim_start();
    let after_marker = match item.strip_prefix(['-', '*', '+']) {
        Some(rest) => rest,
        None => item
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .strip_prefix(['.', ')'])
            .unwrap_or(item),
    };
    after_marker.trim_start()
}

/// Whether a code block of another language is a console session (Prometheus' API page shows
/// one in a ```json block): its first line is a curl command.
fn is_console_session(code: &str) -> bool {
    code.lines()
        .find(|line| !line.trim().is_empty())
        .is_some_and(|first| {
            let first = first.trim_start();
            let first = first.strip_prefix("$ ").unwrap_or(first);
            first.starts_with("curl ")
        })
}

/// The shell commands of a notebook's code cell (```` ```python ````, ```` ```ipython ````): its
/// lines that start with IPython's `!` (`!curl -X POST …`), each with the lines a `\` at its
/// end continues it onto, the `!` left out. `None` when no line starts so.
fn notebook_shell_lines(code: &str) -> Option<String> {
    let mut shell = String::new();
    let mut continued = false;
    for line in code.lines() {
        if continued {
            shell.push_str(&super::notebook::ipython_references_named(line));
            shell.push('\n');
        } else if let Some(command) = line.trim_start().strip_prefix('!') {
            shell.push_str(&super::notebook::ipython_references_named(command));
            shell.push('\n');
        } else {
            continue;
        }
        continued = line.trim_end().ends_with('\\');
    }
    (!shell.is_empty()).then_some(shell)
}

/// The title a fenced block's info string gives it, when that names a request rather than a
/// file, a shell or a platform: `title="Create a user"` (Docusaurus, MkDocs Material,
/// Starlight, Hugo's `{title="…"}`), VitePress's `[Create a user]`, or Mintlify's words after
/// the language (`bash Create a user`).
fn fence_title(info: &str) -> Option<String> {
    let info = info.trim();
    let lower = info.to_ascii_lowercase();
    let title = if let Some(at) = lower
        .match_indices("title=")
        .map(|(at, _)| at)
        .find(|&at| at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric())
    {
        let rest = &info[at + "title=".len()..];
        match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => rest[1..].split(quote).next().unwrap_or_default(),
            _ => rest
                .split(|c: char| c.is_whitespace() || c == '}' || c == ',')
                .next()
                .unwrap_or_default(),
        }
        .to_string()
    } else {
        let mut words = info.split_whitespace();
        let _language = words.next()?;
        let rest: Vec<&str> = words.collect();
        let rest = rest.join(" ");
        match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
            Some((label, _)) => label.to_string(),
            // Mintlify: the words up to its options (`{2-4}`, `icon="…"`, `lines`, `wrap`…),
            // or a docs tester's flags (`nocheck`, `notest`, `skip`…)
            None => rest
                .split_whitespace()
                .take_while(|word| {
                    !word.starts_with('{')
                        && !word.contains('=')
                        && !matches!(
                            word.to_ascii_lowercase().as_str(),
                            "lines"
                                | "wrap"
                                | "expandable"
                                | "showlinenumbers"
                                | "copy"
                                | "nocopy"
                                | "twoslash"
                                | "linenums"
                                | "frame"
                                | "nocheck"
                                | "notest"
                                | "no-test"
                                | "norun"
                                | "no-run"
                                | "no_run"
                                | "skip"
                                | "ignore"
                                | "noeval"
                        )
                })
                .collect::<Vec<_>>()
                .join(" "),
        }
    };
    let title = title.trim();
    let names_a_file = !title.contains(char::is_whitespace)
        && (title.contains('/')
            || title
                .rsplit_once('.')
                .is_some_and(|(stem, ext)| !stem.is_empty() && (1..=5).contains(&ext.len())));
    let names_a_platform = title
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '(' | ')' | ',' | '&' | '+'))
        .filter(|word| !word.is_empty())
        .all(|word| {
            matches!(
                word.to_ascii_lowercase().as_str(),
                "linux"
                    | "macos"
                    | "mac"
                    | "osx"
                    | "windows"
                    | "unix"
                    | "wsl"
                    | "cmd"
                    | "powershell"
                    | "pwsh"
                    | "bash"
                    | "zsh"
                    | "sh"
                    | "shell"
                    | "terminal"
                    | "console"
                    | "cli"
                    | "curl"
                    | "http"
                    | "httpie"
                    | "or"
                    | "and"
                    | "prompt"
                    | "command"
                    | "os"
                    | "x"
                    | "git"
                    | "cmd.exe"
            )
        });
    (!title.is_empty() && !names_a_file && !names_a_platform && !is_generic_heading(title))
        .then(|| title.to_string())
}

/// Whether a fenced block's info string names a configuration file's language that can run
/// curl: YAML (Compose, Kubernetes, CI workflows), a Dockerfile, HCL (Terraform), TOML.
fn is_config_language(info: &str) -> bool {
    matches!(
        fence_language(info).as_str(),
        "yaml" | "yml" | "dockerfile" | "docker" | "hcl" | "terraform" | "tf" | "toml"
    )
}

/// The language a fenced block's info string names, in lower case: its first word, without
/// the braces and dots of attribute syntax (`{.bash}`) and the file name Qiita and Zenn write
/// after a colon (`powershell:run.ps1`).
fn fence_language(info: &str) -> String {
    info.trim_start_matches(['{', '.'])
        .split(|c: char| c.is_whitespace() || matches!(c, '{' | '}' | ',' | ':'))
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Whether a fenced block's info string names a shell, or nothing (`bash`, `shell-session`,
/// `console`, `powershell`, `bat`…; Docusaurus and MkDocs put options after the name:
/// `bash title="Create a user"`).
fn is_shell_language(info: &str) -> bool {
    // MyST's directives: ```{code-block} bash
    let info = super::page_formats::MYST_CODE_DIRECTIVES
        .iter()
        .find_map(|directive| {
            info.strip_prefix('{')?
                .strip_prefix(directive)?
                .strip_prefix('}')
        })
        .map_or(info, str::trim_start);
    matches!(
        fence_language(info).as_str(),
        "" | "bash"
            | "sh"
            | "shell"
            | "zsh"
            | "fish"
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
            | "txt"
            | "plaintext"
            | "plain"
            | "none"
            | "nohighlight"
            | "doscon"
            | "ps1con"
            | "sh-session"
            | "bash-session"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Option<Vec<CurlBlock>> {
        curl_blocks(text, |code| code.contains("curl "))
    }

    /// The titles the page's headings give its blocks, in order.
    fn block_titles(text: &str) -> Vec<Option<String>> {
        blocks(text)
            .unwrap()
            .into_iter()
            .map(|b| b.heading)
            .collect()
    }

    /// A code block's own title names its request when it says more than its heading, and
    /// when the heading names another block; a file's, a shell's or a platform's name does not.
    // GitBook's exports write `### ****[**Example**]` above each example
    #[test]
    fn a_headings_emphasis_and_bracket_debris_is_taken_off() {
        let cleaned = |text: &str| without_markup_debris(text.to_string());
        assert_eq!(cleaned("****[Example]"), "Example");
        assert_eq!(cleaned("**Create a user**"), "Create a user");
        assert_eq!(cleaned("C++ client"), "C++ client");
        assert_eq!(cleaned("__init__"), "__init__");
        assert_eq!(cleaned("[Beta] Create a user"), "[Beta] Create a user");
        assert_eq!(cleaned("****"), "****");
        let page = "# eth_syncing\n\nReturns the sync status.\n\n### ****[**Example**]\n\n```bash\ncurl -X POST https://e.com/rpc -d '{}'\n```\n";
        let blocks = curl_blocks(page, |code| code.contains("curl")).unwrap();
        assert_eq!(blocks[0].heading.as_deref(), Some("eth_syncing"));
    }

    #[test]
    fn a_fence_title_names_the_block() {
        for (info, title) in [
            ("bash title=\"Create a user\"", Some("Create a user")),
            (
                "sh title='Delete a user' showLineNumbers",
                Some("Delete a user"),
            ),
            (
                "bash {title=\"List users\" linenos=true}",
                Some("List users"),
            ),
            ("sh [Get a token]", Some("Get a token")),
            ("bash Create an order {2-4}", Some("Create an order")),
            (
                "bash Create an order icon=\"terminal\"",
                Some("Create an order"),
            ),
            ("bash", None),
            ("bash title=\"create-user.sh\"", None),
            ("bash title=\"scripts/run\"", None),
            ("bash title=\"Terminal\"", None),
            ("shell cURL", None),
            // a docs tester's flag is no title
            ("bash cURL nocheck", None),
            // a tab's label, naming the tool and an example: the heading titles the request
            ("bash cURL - Example Payload", None),
            ("bash Create an order notest", Some("Create an order")),
            ("bash Request", None),
            ("sh [Linux / macOS]", None),
            ("bat [Windows (cmd)]", None),
            ("bash showLineNumbers", None),
            ("{code-block} bash", None),
            ("console title=\"Example request\"", None),
            ("bash title=\"Try it yourself\"", None),
            ("bash subtitle=\"Not this\"", None),
        ] {
            assert_eq!(fence_title(info).as_deref(), title, "{info}");
        }
        let page = "## Endpoints\n\n```bash title=\"Create a user\"\ncurl -X POST https://e.com/users\n```\n\n```bash\ncurl https://e.com/users\n```\n\n```sh title=\"purge\"\ncurl -X DELETE https://e.com/users\n```\n\n## Tokens\n\n```bash title=\"token\"\ncurl -X POST https://e.com/token\n```\n";
        assert_eq!(
            block_titles(page),
            [
                Some("Create a user".to_string()),
                // the heading titles the first block it does not leave to a title of its own
                Some("Endpoints".to_string()),
                Some("purge".to_string()),
                Some("Tokens".to_string()),
            ]
        );
    }

    /// A section that shows its endpoint line in a block of its own, then what the request
    /// takes, then its curl command (dapr's reference pages): the text before the endpoint line
    /// is the request's, with the tables after it. Another request's endpoint line is not.
    #[test]
    fn an_endpoint_lines_lead_is_its_curl_blocks() {
        let page = "## Get health\n\nWaits for the port.\n\n#### HTTP Request\n\n```\nGET http://localhost:<port>/v1.0/healthz\n```\n\n#### HTTP Response Codes\n\nCode | Meaning\n---- | -------\n204 | healthy\n\n#### URL Parameters\n\nName | Meaning\n---- | -------\nport | The port\n\n#### Examples\n\n```shell\ncurl -i http://localhost:3500/v1.0/healthz\n```\n";
        let found = blocks(page).unwrap();
        assert_eq!(found[0].heading.as_deref(), Some("Get health"));
        assert_eq!(
            found[0].prose,
            "Waits for the port.\n\nCode | Meaning\n---- | -------\n204 | healthy\n\nName | Meaning\n---- | -------\nport | The port"
        );
        let other = "## Users\n\nGet a user:\n\n```\nGET /users/{id}\n```\n\nCreate one:\n\n```bash\ncurl -X POST https://e.com/accounts\n```\n";
        assert_eq!(blocks(other).unwrap()[0].prose, "Create one:");
        assert_eq!(
            endpoint_line_segment("POST /v1/users/{id}/keys HTTP/1.1\n").as_deref(),
            Some("/keys")
        );
        assert_eq!(endpoint_line_segment("GET /a\nGET /b\n"), None);
        assert_eq!(endpoint_line_segment("{\"a\": 1}"), None);
    }

    /// docs-builder's `<N>` callouts are markers, not the command's text, when the list that
    /// explains them follows; without it, or numbered otherwise, `<1>` is what the block says.
    #[test]
    fn explicit_callouts_followed_by_their_list_are_left_out() {
        let block = |page: &str| blocks(page).unwrap().remove(0).code;
        let page = "```sh\ncurl -X POST \\ <1>\n  https://e.com/logs \\\n  -d '{\n    \"index\": \"logs\" <2> <3>\n  }'\n```\n\nWhere:\n\n1. The method\n2. The index\n3. Its name\n";
        assert_eq!(
            block(page),
            "curl -X POST \\\n  https://e.com/logs \\\n  -d '{\n    \"index\": \"logs\"\n  }'\n"
        );
        // a callout repeated is still one item of the list
        let page = "```sh\ncurl https://e.com \\ <1>\n  -d 'a' <1>\n```\n1. Both\n";
        assert_eq!(block(page), "curl https://e.com \\\n  -d 'a'\n");
        for kept in [
            // no list below
            "```sh\ncurl https://e.com -d '{\n  \"n\": <1>\n}'\n```\n\nSend it.\n",
            // a list after two paragraphs is another list
            "```sh\ncurl https://e.com -d '{\n  \"n\": <1>\n}'\n```\n\nSend it.\n\nThen:\n\n1. Check\n",
            // not numbered from 1
            "```sh\ncurl https://e.com -d '{\n  \"n\": <2>\n}'\n```\n1. Check\n",
        ] {
            assert!(block(kept).contains("<"), "{kept}");
        }
    }

    #[test]
    fn heading_attributes_and_attribute_lists_are_markup() {
        let page = "## Create an app {#app}\n\n```bash\ncurl -X POST https://e.com/apps\n```\n\n#### Get a token\n{:.api .api-request}\n\n~~~sh\ncurl https://e.com/token\n~~~\n\n## Sets {x} {.beta}\n\n```\ncurl https://e.com/sets\n```\n";
        let found = blocks(page).unwrap();
        let titles: Vec<_> = found
            .iter()
            .map(|b| b.heading.as_deref().unwrap())
            .collect();
        assert_eq!(titles, ["Create an app", "Get a token", "Sets {x}"]);
        assert!(found.iter().all(|b| b.prose.is_empty()), "{found:?}");
    }

    #[test]
    fn a_readme_magic_code_block_is_a_code_block_at_its_line() {
        // an API header after prose, a code block right under a heading, a list item's lazy
        // line holding a block, and a page whose other blocks are markup
        let page = "Intro.\n[block:api-header]\n{\"title\": \"Users\"}\n[/block]\n## Create one\n[block:code]\n{\"codes\": [{\"code\": \"curl -X POST https://e.com/users\", \"language\": \"shell\"}, {\"code\": \"$ curl https://e.com/users\\n[]\", \"language\": \"json\"}]}\n[/block]\n\n[block:parameters]\n{\"data\": {\"h-0\": \"Name\"}}\n[/block]\n\n- then\n[block:code]\n{\"codes\": [{\"code\": \"curl https://e.com/users/1\", \"language\": \"bash\"}]}\n[/block]\n";
        assert_eq!(
            blocks(page).unwrap(),
            [
                CurlBlock {
                    code: "curl -X POST https://e.com/users\n".into(),
                    line: 6,
                    code_line: None,
                    heading: Some("Create one".into()),
                    prose: String::new(),
                    set_before: String::new(),
                },
                CurlBlock {
                    code: "$ curl https://e.com/users\n[]\n".into(),
                    line: 6,
                    code_line: None,
                    heading: None,
                    prose: String::new(),
                    set_before: String::new(),
                },
                CurlBlock {
                    code: "curl https://e.com/users/1\n".into(),
                    line: 15,
                    code_line: None,
                    heading: None,
                    prose: "then".into(),
                    set_before: String::new(),
                },
            ]
        );
        // a ReadMe page whose code blocks are another language's: a page with none
        let page = "[block:code]\n{\"codes\": [{\"code\": \"get('curl ')\", \"language\": \"python\"}]}\n[/block]\n";
        assert_eq!(blocks(page), Some(Vec::new()));
    }

    #[test]
    fn a_details_summary_titles_the_block_inside() {
        let page = "## Queues\n\n<details>\n<summary>Example: Create a queue</summary>\n\n```bash\ncurl -X POST https://e.com/q\n```\n\n</details>\n\n<details>\n<summary><code>DELETE</code> a queue</summary>\n\n```bash\ncurl -X DELETE https://e.com/q/1\n```\n\n</details>\n";
        let titles = block_titles(page);
        assert_eq!(
            titles,
            [Some("Create a queue".into()), Some("DELETE a queue".into())]
        );
    }

    // a notebook exported to Markdown: a Python cell's `!curl …` lines are its shell commands
    #[test]
    fn a_notebook_cells_shell_lines_are_read() {
        let page = "## Send\n\n```python\nimport json\n!curl -X POST -H 'Content-Type: application/json' \\\n   -d '{\"a\":1}' \\\n    http://localhost:9000/p\nprint(1)\n```\n\n```python\nprint('no shell')\n```\n";
        let found = blocks(page).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].code,
            "curl -X POST -H 'Content-Type: application/json' \\\n   -d '{\"a\":1}' \\\n    http://localhost:9000/p\n"
        );
        assert_eq!(found[0].heading.as_deref(), Some("Send"));
        assert_eq!(notebook_shell_lines("x = 1\n"), None);
    }

    #[test]
    fn the_prose_before_a_group_of_tabs_is_each_tabs() {
        // the curl tab after another language's, in MkDocs, Docusaurus and VitePress; what
        // follows the group starts afresh
        for page in [
            "## Create\n\nSend this:\n\n=== \"Python\"\n\n    ```python\n    create()\n    ```\n\n=== \"cURL\"\n\n    ```bash\n    curl -X POST https://e.com/a\n    ```\n\nThen:\n\n```bash\ncurl https://e.com/b\n```\n",
            "## Create\n\nSend this:\n\n<Tabs>\n<TabItem value=\"py\">\n\n```python\ncreate()\n```\n\n</TabItem>\n<TabItem value=\"curl\">\n\n```bash\ncurl -X POST https://e.com/a\n```\n\n</TabItem>\n</Tabs>\n\nThen:\n\n```bash\ncurl https://e.com/b\n```\n",
            "## Create\n\nSend this:\n\n<Tabs items={['Python', 'cURL']}>\n<Tabs.Tab>\n\n```python\ncreate()\n```\n\n</Tabs.Tab>\n<Tabs.Tab>\n\n```bash\ncurl -X POST https://e.com/a\n```\n\n</Tabs.Tab>\n</Tabs>\n\nThen:\n\n```bash\ncurl https://e.com/b\n```\n",
            "## Create\n\nSend this:\n\n::: code-group\n```python\ncreate()\n```\n```bash\ncurl -X POST https://e.com/a\n```\n:::\n\nThen:\n\n```bash\ncurl https://e.com/b\n```\n",
            // Retype's tabs in a panel; Nuxt's `::code-group` after a slot; Vue's slot template
            "## Create\n\nSend this:\n\n==- Example request\n+++ Python\n\n```python\ncreate()\n```\n\n+++ cURL\n\n```bash\ncurl -X POST https://e.com/a\n```\n\n+++\n===\n\nThen:\n\n```bash\ncurl https://e.com/b\n```\n",
            "## Create\n\nSend this:\n\n::endpoint{method=post}\n#request\n::code-group\n```python\ncreate()\n```\n```bash [cURL]\ncurl -X POST https://e.com/a\n```\n::\n::\n\nThen:\n\n```bash\ncurl https://e.com/b\n```\n",
            "## Create\n\nSend this:\n\n<template #code>\n\n::: code-group\n```python\ncreate()\n```\n```bash\ncurl -X POST https://e.com/a\n```\n:::\n\n</template>\n\nThen:\n\n```bash\ncurl https://e.com/b\n```\n",
            // GitBook's tabs, and Redocly's (Markdoc's, with `{% /tab %}`)
            "## Create\n\nSend this:\n\n{% tabs %}\n{% tab title=\"Python\" %}\n```python\ncreate()\n```\n{% endtab %}\n{% tab title=\"cURL\" %}\n```bash\ncurl -X POST https://e.com/a\n```\n{% endtab %}\n{% endtabs %}\n\nThen:\n\n```bash\ncurl https://e.com/b\n```\n",
            "## Create\n\nSend this:\n\n{% tabs %}\n  {% tab label=\"Python\" %}\n\n```python\ncreate()\n```\n\n  {% /tab %}\n{% tab label=\"cURL\" %}\n\n```shell cURL\ncurl -X POST https://e.com/a\n```\n\n{% /tab %}\n{% /tabs %}\n\nThen:\n\n```bash\ncurl https://e.com/b\n```\n",
        ] {
            let (markdown, _) = super::super::page_formats::as_markdown(page);
            let found = blocks(&markdown).unwrap();
            let prose: Vec<&str> = found.iter().map(|b| b.prose.as_str()).collect();
            assert_eq!(prose, ["Send this:", "Then:"], "{page}");
        }
    }

    // a lone `+++ Caption` that `+++` closes is a collapsible section (Adobe Experience
    // League's), its caption the text before its block, not a tab's name
    #[test]
    fn a_collapsible_sections_caption_is_its_blocks_prose() {
        let page = "## Check\n\nCheck the status.\n\n+++ A request checking the status.\n\n```shell\ncurl https://e.com/status\n```\n\n+++\n";
        let (markdown, _) = super::super::page_formats::as_markdown(page);
        let found = blocks(&markdown).unwrap();
        assert_eq!(
            found[0].prose,
            "Check the status.\n\nA request checking the status."
        );
        assert_eq!(found[0].line, 7);
    }

    // Slate shows a section's code beside its text: the text after the code is the block's,
    // a caption before it says what it does, one after it is the response's
    #[test]
    fn a_slate_sections_text_is_its_blocks() {
        let page = "---\ntitle: API\nlanguage_tabs:\n  - shell\n---\n\n# Push actions\n\n> Push the player's actions.\n\n```shell\ncurl -X POST https://e.com/actions\n```\n\n> Example response\n\n```json\n{}\n```\n\nPushes up to 1000 actions at once.\n\n# List games\n\n> Request\n\n```shell\ncurl https://e.com/games\n```\n";
        let found = blocks(page).unwrap();
        let prose: Vec<&str> = found.iter().map(|b| b.prose.as_str()).collect();
        assert_eq!(
            prose,
            [
                "Push the player's actions.\n\nPushes up to 1000 actions at once.",
                ""
            ]
        );
        // elsewhere, a quote is prose and text after a block is the next one's
        let plain = page.replace("language_tabs:\n  - shell\n", "");
        assert_eq!(
            blocks(&plain).unwrap()[0].prose,
            "> Push the player's actions."
        );
    }

    // DocFX's tabs are headings that link to `#tab/…`: the heading above them titles the request
    #[test]
    fn docfx_tab_headings_are_tabs_not_sections() {
        let page = "## Users\n\n#### List users\n#### [cURL](#tab/curl)\n\n```shell\ncurl https://e.com/users\n```\n#### [Python](#tab/python)\n\n```python\nget()\n```\n---\n\n#### Delete a user\n#### [cURL](#tab/curl)\n\n```shell\ncurl -X DELETE https://e.com/users/1\n```\n---\n";
        let (markdown, _) = super::super::page_formats::as_markdown(page);
        let found = blocks(&markdown).unwrap();
        let headings: Vec<Option<&str>> = found.iter().map(|b| b.heading.as_deref()).collect();
        assert_eq!(headings, [Some("List users"), Some("Delete a user")]);
    }

    // a block in another language between a section's text and its curl block: the text
    // introduced both when nothing follows that block (Prometheus' endpoint line); text after
    // it is the curl block's own
    #[test]
    fn text_before_another_block_is_the_curl_blocks_unless_text_follows_that_block() {
        let page = "### Instant queries\n\nThe following endpoint evaluates an instant query:\n\n```\nGET /api/v1/query\n```\n\n```bash\ncurl 'http://localhost:9090/api/v1/query?query=up'\n```\n";
        assert_eq!(
            blocks(page).unwrap()[0].prose,
            "The following endpoint evaluates an instant query:"
        );
        let page = "## Create\n\nInstall the SDK:\n\n```python\npip install x\n```\n\nThen call:\n\n```bash\ncurl -X POST https://e.com/a\n```\n";
        assert_eq!(blocks(page).unwrap()[0].prose, "Then call:");
    }

    #[test]
    fn a_content_tabs_block_has_its_own_prose() {
        let page = "## Create a thread\n\n=== \"Python\"\n\n    ```python\n    client.create()\n    ```\n\n    1. Creates the thread with the Python SDK.\n\n=== \"cURL\"\n\n    ```bash\n    curl -X POST https://e.com/threads\n    ```\n";
        let found = blocks(page).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].prose, "");
        assert_eq!(found[0].heading.as_deref(), Some("Create a thread"));
        // what comes before the first tab is each tab's
        let page = "## Create\n\nSend this:\n\n=== \"cURL\"\n\n    ```bash\n    curl -X POST https://e.com/a\n    ```\n";
        assert_eq!(blocks(page).unwrap()[0].prose, "Send this:");
    }

    #[test]
    fn a_command_before_the_first_prompt_is_no_output() {
        assert_eq!(
            commands_of("curl http://a.example/1\n$ curl http://a.example/2\n{}\ncurl: (7) x\n"),
            "curl http://a.example/1\n$ curl http://a.example/2\n\n\n"
        );
    }

    #[test]
    fn a_session_in_another_languages_block_is_read() {
        let page = "# Labels\n\n```json\n$ curl 'http://localhost:9090/api/v1/labels'\n{\"status\": \"success\"}\n```\n\n```json\n{\"curl \": 1}\n```\n";
        let found = blocks(page).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 3);
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
                    code_line: Some(13),
                    heading: Some("Create a user".into()),
                    prose: "Send a `name`:\n\n- one\n- two".into(),
                    set_before: String::new(),
                },
                CurlBlock {
                    code: "$ curl https://e.com/users\n".into(),
                    line: 22,
                    code_line: Some(23),
                    heading: None,
                    prose: "Then list them:".into(),
                    set_before: String::new(),
                },
                CurlBlock {
                    code: "curl -X DELETE https://e.com/users/1\n".into(),
                    line: 28,
                    code_line: Some(29),
                    heading: Some("Delete".into()),
                    prose: String::new(),
                    set_before: String::new(),
                },
            ]
        );
    }

    #[test]
    fn text_without_a_fenced_block_is_no_page() {
        assert_eq!(blocks("curl https://e.com/a\ncurl https://e.com/b\n"), None);
        assert_eq!(blocks("    curl https://e.com/indented\n"), None);
        // a page without one: none found
        assert_eq!(
            blocks("# T\n\n```python\nrequests.get('curl ')\n```\n"),
            Some(Vec::new())
        );
        // a heading's inline code is part of its text
        let page = "### `GET /v1/items`\n\n```\ncurl https://e.com/v1/items\n```\n";
        assert_eq!(
            blocks(page).unwrap()[0].heading.as_deref(),
            Some("GET /v1/items")
        );
    }

    /// Each block's heading, prose and line.
    fn placed(text: &str) -> Vec<(Option<String>, String, usize)> {
        blocks(text)
            .unwrap()
            .into_iter()
            .map(|b| (b.heading, b.prose, b.line))
            .collect()
    }

    #[test]
    fn a_block_in_a_list_takes_the_steps_text_before_it() {
        let page = "# Setup\n\n1. Start the server:\n\n   ```bash\n   curl https://e.com/first\n   ```\n\n2. Then check health:\n\n   ```bash\n   curl https://e.com/health\n   ```\n\n3. Done.\n\n- a list\n- without code\n\n```\ncurl https://e.com/last\n```\n";
        assert_eq!(
            placed(page),
            [
                (Some("Setup".into()), "Start the server:".into(), 5),
                (None, "Then check health:".into(), 11),
                (None, "- a list\n- without code".into(), 20),
            ]
        );
    }

    // the section's title and its prose, both from above the generic heading
    #[test]
    fn a_generic_sub_heading_leaves_its_sections_prose_to_the_block() {
        let page = "# API\n\n## Get health\n\nChecks the server.\n\n### Example request\n\n```bash\ncurl https://e.com/health\n```\n\n## Sign\n\nSigns.\n\n```bash\ncurl -X POST https://e.com/sign\n```\n\n### Example request\n\nAgain.\n\n```bash\ncurl -X POST https://e.com/sign?again\n```\n";
        let read: Vec<(Option<String>, String)> = blocks(page)
            .unwrap()
            .into_iter()
            .map(|block| (block.heading, block.prose))
            .collect();
        assert_eq!(
            read,
            [
                (Some("Get health".into()), "Checks the server.".into()),
                (Some("Sign".into()), "Signs.".into()),
                // the section has titled a block: the generic heading's own text only
                (None, "Again.".into()),
            ]
        );
    }

    #[test]
    fn the_lead_in_of_another_languages_block_is_not_prose() {
        let page = "## Run\n\nStart it with:\n\n```python\nrun()\n```\n\nAnd test it with:\n\n```bash\ncurl https://e.com/t\n```\n";
        assert_eq!(
            placed(page),
            [(Some("Run".into()), "And test it with:".into(), 11)]
        );
    }

    #[test]
    fn markup_of_other_tools_is_not_prose_or_title() {
        // front matter's title names the first block; MDX imports are not prose
        let page = "---\ntitle: \"Health checks\"\nsidebar_position: 2\n---\nimport Tabs from '@theme/Tabs';\n\nCall it:\n\n<Tabs>\n<TabItem value=\"curl\">\n\n```bash\ncurl https://e.com/health\n```\n\n</TabItem>\n</Tabs>\n";
        assert_eq!(
            placed(page),
            [(Some("Health checks".into()), "Call it:".into(), 12)]
        );
        // a heading over two lines is one title
        assert_eq!(
            placed("Create\nan item\n======\n\n```\ncurl https://e.com/i\n```\n")[0].0,
            Some("Create an item".into())
        );
    }

    #[test]
    fn a_heading_that_names_no_more_than_a_request_gives_way_to_the_one_above() {
        let page = "# Flow\n\n## 1. Registration\n\n### Request\n\n```bash\ncurl https://e.com/register\n```\n\n## 2. Login\n\n### Bearer + JWT\n\n#### Request\n\n```bash\ncurl https://e.com/login\n```\n\n#### Example:\n\n```\ncurl https://e.com/again\n```\n\n## 2024.1 release\n\n```\ncurl https://e.com/r\n```\n\n### 2.1 One line\n\n```\ncurl https://e.com/o\n```\n";
        let titles = block_titles(page);
        assert_eq!(
            titles,
            [
                Some("Registration".to_string()),
                Some("Bearer + JWT".to_string()),
                // a heading titles one block: this one's title is the request's own
                None,
                Some("2024.1 release".to_string()),
                Some("One line".to_string()),
            ]
        );
        for generic in [
            "Request examples and their responses",
            "Code examples",
            "Basic usage",
            "Sample request & response:",
            "Examples of requests",
            "请求示例：",
            "リクエスト例",
            "Пример запроса",
            "Exemple de requête",
            "Sample POST Request",
        ] {
            assert!(is_generic_heading(generic), "{generic}");
        }
        // a method alone names the operation
        assert!(!is_generic_heading("Delete"));
        // Elastic's docs-builder writes an anchor after a heading
        assert_eq!(
            without_anchor("Step 2: Ingest data [hybrid-semantic-text-ingest-data]".into()),
            "Step 2: Ingest data"
        );
        assert_eq!(
            without_anchor("Create a user [beta]".into()),
            "Create a user [beta]"
        );
        assert!(!is_generic_heading("创建用户"));
        // a section of what a request takes, in the languages API docs are often written in
        for section in [
            "Paramètres de chemin",
            "En-têtes",
            "Parámetros",
            "Parâmetros de Entrada",
            "Заголовки",
            "请求体字段",
            "路径参数",
            "Query 参数",
            "リクエストヘッダー",
            "요청 헤더",
        ] {
            assert!(is_generic_heading(section), "{section}");
        }
        assert!(!is_generic_heading("Créer un paiement"));
        assert!(!is_generic_heading("Obtener plantilla"));
        for generic in [
            "Response",
            "Simple Example",
            "cURL sample",
            "Basic example (curl)",
        ] {
            assert!(is_generic_heading(generic), "{generic}");
        }
        assert!(!is_generic_heading("Request access"));
        assert!(!is_generic_heading("Simple pagination"));
        assert!(is_generic_heading("Example curl command"));
        assert!(is_generic_heading("요청 예시 (curl)"));
        assert!(is_generic_heading("2. 요청 파라미터 (Query String)"));
        assert!(is_generic_heading("1-4. Sample Request"));
        assert!(is_generic_heading("1) Example request"));
        assert!(is_generic_heading("📬 1. Request"));
        // the platform a copy of the command is for
        for platform in [
            "Windows (CMD)",
            "Windows (PowerShell)",
            "Linux/Mac",
            "macOS / Linux",
        ] {
            assert!(is_generic_heading(platform), "{platform}");
        }
        assert!(!is_generic_heading("Windows services"));
    }

    #[test]
    fn mkdocs_admonitions_and_tabs_hold_code_blocks() {
        let page = "# A\n\n!!! example \"Try it\"\n    ```bash\n    curl https://e.com/admonition\n    ```\n\n=== \"cURL\"\n\n    ```bash\n    curl https://e.com/tab\n    ```\n\n=== \"Python\"\n\n    ```python\n    get()\n    ```\n";
        let found = blocks(page).unwrap();
        let codes: Vec<(&str, usize)> = found.iter().map(|b| (b.code.as_str(), b.line)).collect();
        assert_eq!(
            codes,
            [
                ("curl https://e.com/admonition\n", 4),
                ("curl https://e.com/tab\n", 10),
            ]
        );
        assert_eq!(found[0].heading.as_deref(), Some("A"));
        assert_eq!(found[0].prose, "");
        // the blank after the marker is optional (Amplitude's `!!!example`, `???example`)
        let tight = "# B\n\n!!!example \"cURL\"\n    ```bash\n    curl https://e.com/a\n    ```\n???example \"Response\"\n    ```bash\n    {}\n    ```\n";
        let found = blocks(tight).unwrap();
        assert_eq!(found[0].code, "curl https://e.com/a\n");
        // tabs in an admonition, and tabs in a tab (LangGraph's docs): each level four spaces
        let nested = "## Threads\n\n??? example \"Create\"\n\n    Intro.\n\n    === \"cURL\"\n\n        Create a thread:\n\n        ```bash\n        curl -X POST https://e.com/threads\n        ```\n\n    === \"Python\"\n\n        ```python\n        create()\n        ```\n\n## Runs\n\n=== \"Outer\"\n\n    === \"cURL\"\n\n        Run one:\n\n        ```bash\n        curl -X PUT https://e.com/runs\n        ```\n\nAfter.\n\n```bash\ncurl https://e.com/after\n```\n";
        let found = blocks(nested).unwrap();
        let codes: Vec<(&str, usize, &str)> = found
            .iter()
            .map(|b| (b.code.as_str(), b.line, b.prose.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                (
                    "curl -X POST https://e.com/threads\n",
                    11,
                    "Intro.\n\nCreate a thread:"
                ),
                ("curl -X PUT https://e.com/runs\n", 29, "Run one:"),
                ("curl https://e.com/after\n", 35, "After."),
            ]
        );
    }

    #[test]
    fn a_console_sessions_output_is_left_out() {
        let session = "$ curl -i http://localhost:3000/hello \\\n  -d '{\n  \"a\": \"it is\"\n}'\nHTTP/1.1 200 OK\nIt's alive\n$ curl https://e.com/b\n> -H 'X: y'\n{\"ok\": true}\n";
        assert_eq!(
            commands_of(session),
            "$ curl -i http://localhost:3000/hello \\\n  -d '{\n  \"a\": \"it is\"\n}'\n\n\n$ curl https://e.com/b\n> -H 'X: y'\n\n"
        );
        // a here-document's lines are the command's
        let heredoc = "$ curl -d @- https://e.com <<'EOF'\n{\"a\": 1}\nEOF\nok\n";
        assert_eq!(
            commands_of(heredoc),
            "$ curl -d @- https://e.com <<'EOF'\n{\"a\": 1}\nEOF\n\n"
        );
        // without a prompt, every line is a command
        assert_eq!(
            commands_of("curl https://e.com\nls\n"),
            "curl https://e.com\nls\n"
        );
        // other shells' prompts and continuations; `curl -v`'s `> ` and `*` lines are output
        let others = "me@box:~/api$ curl -v https://e.com/a \\\n    -H 'X: y'\n* Connected\n< HTTP/1.1 200 OK\nok\nme@box:~/api$ jq . out.json\n{}\n";
        assert_eq!(
            commands_of(others),
            "me@box:~/api$ curl -v https://e.com/a \\\n    -H 'X: y'\n\n\n\nme@box:~/api$ jq . out.json\n\n"
        );
        // and so are the request `curl -v` shows and curl's progress meter, whose `% ` is no
        // prompt after a `$ `; a `> ` after a command left open goes on with it
        let verbose = "$ curl -X POST localhost:8000/s --verbose\n*   Trying ::1...\n> POST /s HTTP/1.1\n> Host: localhost:8000\n>\n< HTTP/1.1 403 Forbidden\n$ for i in 1 2; do\n> curl e.com/$i\n> done\n";
        assert_eq!(
            commands_of(verbose),
            "$ curl -X POST localhost:8000/s --verbose\n\n\n\n\n\n$ for i in 1 2; do\n> curl e.com/$i\n> done\n"
        );
        let parts = "$ curl https://e.com/t.txt -H 'Range: 0-1,3-4'\n--jetty1198\nContent-Type: text/plain\n";
        assert_eq!(
            commands_of(parts),
            "$ curl https://e.com/t.txt -H 'Range: 0-1,3-4'\n\n\n"
        );
        let meter = "$ curl https://e.com/t.txt -o t.txt\n  % Total    % Received % Xferd  Average Speed\n100    12  100    12\n";
        assert_eq!(
            commands_of(meter),
            "$ curl https://e.com/t.txt -o t.txt\n\n\n"
        );
        let zsh = "% curl https://e.com/a\n{}\n% curl https://e.com/b\n";
        assert_eq!(
            commands_of(zsh),
            "% curl https://e.com/a\n\n% curl https://e.com/b\n"
        );
        let powershell =
            "PS C:\\> curl.exe -X POST https://e.com/a `\n>>   -d 'x=1'\nStatusCode : 200\n";
        assert_eq!(
            commands_of(powershell),
            "PS C:\\> curl.exe -X POST https://e.com/a `\n>>   -d 'x=1'\n\n"
        );
        // a command's lines without their `\` are the command's, for reading them to say so
        let forgotten = "$ curl -X POST\n-H 'X: y'\n'https://e.com/a'\n{}\n";
        assert_eq!(
            commands_of(forgotten),
            "$ curl -X POST\n-H 'X: y'\n'https://e.com/a'\n\n"
        );
        // the same request for two shells: the first one's
        let two = "$ curl -X 'POST' https://e.com/a \\\n  -d '{}'\n\nC:\\>curl -X \"POST\" https://e.com/a ^\n  -d \"{}\"\n";
        assert_eq!(
            commands_of(two),
            "$ curl -X 'POST' https://e.com/a \\\n  -d '{}'\n\n\n\n"
        );
        let cmd = "C:\\work>curl -X POST https://e.com/a ^\n  -d \"x=1\"\n{\"ok\": true}\n";
        assert_eq!(
            commands_of(cmd),
            "C:\\work>curl -X POST https://e.com/a ^\n  -d \"x=1\"\n\n"
        );
        assert_eq!(
            super::super::shell::quote_left_open(r#"a 'b\' "c"#, None),
            Some('"')
        );
    }

    #[test]
    fn only_front_matter_at_the_top_is_front_matter() {
        let page = "---\ntitle: \"Jobs\"\n---\n\n```bash\ncurl https://e.com/jobs\n```\n\nText.\n\n---\n## Get a job\n\nMore.\n\n---\n\n```bash\ncurl https://e.com/jobs/1\n```\n";
        let found: Vec<(Option<String>, usize)> = blocks(page)
            .unwrap()
            .into_iter()
            .map(|b| (b.heading, b.line))
            .collect();
        assert_eq!(
            found,
            [(Some("Jobs".into()), 5), (Some("Get a job".into()), 18)]
        );
        assert_eq!(without_front_matter("---\nno end\n").1, None);
    }

    #[test]
    fn tags_that_open_or_close_outside_the_prose_are_taken_out() {
        let piece = "  The key, from [parameters](#p).\n  </x-property>\n</x-properties>";
        assert_eq!(
            without_dangling_tags(piece),
            "The key, from [parameters](#p)."
        );
        // tags that pair, void elements, comments and code spans stay as written
        for kept in [
            "Use <b>bold</b> and <br> here.",
            "A <span class=\"x\">note</span>.\n\nAnother <!-- c --> line.",
            "Send `</x>` as text.",
            "- one\n\n- two <img src=\"a.png\">",
        ] {
            assert_eq!(without_dangling_tags(kept), kept);
        }
        assert_eq!(
            without_dangling_tags("<x-col>Text <em>here</em>\n\nmore</x-row>"),
            "Text <em>here</em>\n\nmore"
        );
        // a page with such a component: its prose keeps no dangling tag
        let page = "## Check\n\n<x-properties>\n  <x-property name=\"key\">\n  \n  The key.\n  </x-property>\n</x-properties>\n\n```bash\ncurl https://e.com\n```\n";
        let found = blocks(page).unwrap();
        assert_eq!(found[0].prose, "The key.");
    }

    #[test]
    fn html_headings_title_the_blocks_below_them() {
        let page = "<h1 align=\"center\">Acme API</h1>\n\n<h2 id=\"users\">\n  <a href=\"#users\"></a>Users &amp; teams\n</h2>\n\n```bash\ncurl https://e.com/users\n```\n\n<H3>Delete</H3>\n\n```bash\ncurl -X DELETE https://e.com/users/1\n```\n";
        let headings = block_titles(page);
        assert_eq!(
            headings,
            [Some("Users & teams".into()), Some("Delete".into())]
        );
        assert_eq!(html_headings("<hr>\n<header>x</header><h7>y</h7>"), []);
    }

    #[test]
    fn a_headings_translation_call_is_its_key() {
        assert_eq!(translated_keys_read("{{ $t('Samples') }}"), "Samples");
        assert_eq!(
            translated_keys_read("Get {{ t(\"api.users\") }}"),
            "Get users"
        );
        assert_eq!(
            translated_keys_read("{{ site.name }} API"),
            "{{ site.name }} API"
        );
        // a VitePress operation page's samples give way to its title
        let page = "---\ntitle: Estado de la API\n---\n\n## {{ $t('Samples') }}\n\n```bash\ncurl https://e.com/estado\n```\n";
        assert_eq!(block_titles(page), [Some("Estado de la API".into())]);
    }

    // `NAME=oc get pod x` runs `get` with `NAME` set: no setup for the blocks below
    #[test]
    fn only_assignments_set_variables_for_the_blocks_below() {
        let page = "```bash\n$ export BASE=\"https://e.com/a b\"\n$ ip=oc get pod x\nTOKEN=abc\n```\n\n```bash\ncurl $BASE\n```\n";
        let read = blocks(page).unwrap();
        assert_eq!(
            read[0].set_before,
            "export BASE=\"https://e.com/a b\"\nTOKEN=abc\n"
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
            "powershell:run.ps1",
            "fish",
            "cmd:file.bat",
        ] {
            assert!(is_shell_language(info), "{info}");
        }
        for info in ["json", "python", "http", "js", "{.python}"] {
            assert!(!is_shell_language(info), "{info}");
        }
    }
}
