//! Docs pages written in other markup than Markdown, or with markup around Markdown, read as
//! the Markdown page the curl importer reads: reStructuredText's and AsciiDoc's code blocks and
//! headings, Hugo's highlight shortcodes, MDX's JSX tag lines and Liquid's template tags. Every
//! line stays on its line, so that a note's line is the page's.

use std::borrow::Cow;

/// The markup a page was read in, when it was not Markdown as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Markup {
    ReStructuredText,
    AsciiDoc,
    /// Markdown with Hugo shortcodes, JSX tag lines or Liquid tags around its code blocks.
    Templated,
    /// Markdown with ReadMe's magic blocks (`[block:code]`) for its code blocks, read as they
    /// stand (see [`super::readme`]).
    ReadMe,
    /// A Jupyter notebook (see [`super::notebook`]).
    Notebook,
    Org,
    /// A page written in HTML (see [`super::html`]).
    Html,
}

impl Markup {
    /// What the importer's note says of the page.
    pub(super) fn described(self) -> &'static str {
        match self {
            Markup::ReStructuredText => {
                "a reStructuredText page: its code blocks (`.. code-block::`, `.. code::`, `.. prompt::`, a `::` literal block) and section titles are read as a Markdown page's"
            }
            Markup::AsciiDoc => {
                "an AsciiDoc page: its listing blocks (`[source,bash]` and `----`) and section titles are read as a Markdown page's, callouts (`<1>`) left out"
            }
            Markup::Templated => {
                "a page with template markup around its code blocks (Hugo shortcodes, JSX tags and comments of MDX, Liquid tags, `:::` fences, HTML `<pre>` blocks of curl commands): the markup is left out and the rest read as Markdown, the code blocks of a group of tabs each given the text before the group"
            }
            Markup::ReadMe => {
                "a ReadMe page: the tabs of its magic code blocks (`[block:code]`) are read as code blocks, its `[block:api-header]` titles as headings, and its other magic blocks left out"
            }
            Markup::Org => {
                "an Org-mode page: its source blocks (`#+begin_src sh`) and headings (`*`) are read as a Markdown page's, results, drawers and settings left out"
            }
            Markup::Html => {
                "an HTML page: its headings, paragraphs and list items are read as a Markdown page's text and its `<pre>` blocks as its code blocks, tags left out, `&amp;` and the other references decoded; its head, scripts, styles and navigation are left out"
            }
            Markup::Notebook => {
                "a Jupyter notebook: its Markdown cells are read as a page's text, its shell cells (`%%bash`) and IPython's `!curl` lines as its code blocks, and its outputs left out; lines are the notebook file's"
            }
        }
    }
}

/// The page as Markdown, and the markup it was read in when that was not plain Markdown.
pub(super) fn as_markdown(text: &str) -> (Cow<'_, str>, Option<Markup>) {
    let notebook = super::notebook::as_markdown(text);
    let mut markup = notebook.is_some().then_some(Markup::Notebook);
    let mut lines: Vec<String> =
        notebook.unwrap_or_else(|| text.lines().map(str::to_string).collect());
    if markup.is_none() && !has_markdown_fence(&lines) {
        if super::html::is_html_page(&lines) {
            lines = super::html::as_markdown(text);
            markup = Some(Markup::Html);
        } else if is_org(&lines) {
            org(&mut lines);
            markup = Some(Markup::Org);
        } else if is_asciidoc(&lines) {
            asciidoc(&mut lines);
            markup = Some(Markup::AsciiDoc);
        } else if is_restructured_text(&lines) {
            restructured_text(&mut lines);
            markup = Some(Markup::ReStructuredText);
        }
    }
    let templated = html_pre_blocks(&mut lines)
        | hugo_shortcodes(&mut lines)
        | liquid_tags(&mut lines)
        | mdx_comments(&mut lines)
        | field_components(&mut lines)
        | jsx_tag_lines(&mut lines)
        | mdc_slots(&mut lines)
        | retype_blocks(&mut lines)
        | docfx_tabs(&mut lines)
        | colon_fences(&mut lines)
        | myst_text_directives(&mut lines)
        | output_tags(&mut lines);
    if templated {
        markup.get_or_insert(Markup::Templated);
    }
    if markup.is_none() {
        let readme =
            !has_markdown_fence(&lines) && lines.iter().any(|l| super::readme::opens_block(l));
        return (text.into(), readme.then_some(Markup::ReadMe));
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    (out.into(), markup)
}

/// Whether the page has a Markdown code fence: a line of backticks, or of tildes with an info
/// string or after a blank line. A line of tildes right under a line of text is a
/// reStructuredText section title's underline (`Listing items` over `~~~~~~~~~~~~~`).
fn has_markdown_fence(lines: &[String]) -> bool {
    lines.iter().enumerate().any(|(index, line)| {
        let Some((mark, length)) = fence_opening(line) else {
            return false;
        };
        let after_text = index > 0 && !lines[index - 1].trim().is_empty();
        (mark == '`' && !is_backquote_underline(lines, index))
            || (mark == '~' && line.trim().len() > length)
            || !after_text
    })
}

/// Whether the line of backquotes at `index` underlines a reStructuredText section title
/// (`GET /ping` over `` ````````` ``), as Sphinx's HTTP API pages write them: at the start of
/// its line, as long as the title or longer, with a blank line (or nothing) after it. A
/// Markdown fence that follows text opens a block of code, which its next line starts.
fn is_backquote_underline(lines: &[String], index: usize) -> bool {
    let line = lines[index].trim_end();
    let Some(title) = index.checked_sub(1).map(|before| lines[before].trim_end()) else {
        return false;
    };
    !line.starts_with(char::is_whitespace)
        && line.chars().all(|c| c == '`')
        && !title.trim().is_empty()
        && !title.starts_with(char::is_whitespace)
        && !title.starts_with('`')
        && line.chars().count() >= title.chars().count()
        && lines
            .get(index + 1)
            .is_none_or(|next| next.trim().is_empty())
}

/// A Markdown code fence's character and length, when `line` opens (or closes) one.
fn fence_opening(line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start();
    let mark = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let length = trimmed.len() - trimmed.trim_start_matches(mark).len();
    (length >= 3 && !(mark == '`' && trimmed[length..].contains('`'))).then_some((mark, length))
}

/// Whether each line is inside a Markdown fenced code block (its fences included).
pub(super) fn fenced_lines(lines: &[impl AsRef<str>]) -> Vec<bool> {
    let mut open: Option<(char, usize)> = None;
    lines
        .iter()
        .map(AsRef::as_ref)
        .map(|line| match (open, fence_opening(line)) {
            (None, Some(fence)) => {
                open = Some(fence);
                true
            }
            (Some(fence), _) if closes_fence(line, fence) => {
                open = None;
                true
            }
            (open, _) => open.is_some(),
        })
        .collect()
}

/// Whether `line` closes a fence opened with `fence` (its character and length): the same
/// character, as many or more, and nothing else.
fn closes_fence(line: &str, (mark, length): (char, usize)) -> bool {
    fence_opening(line).is_some_and(|(closing, closing_length)| {
        closing == mark && closing_length >= length && line.trim().len() == closing_length
    })
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// `line` with up to `count` leading blanks taken off.
fn dedented(line: &str, count: usize) -> String {
    let blanks = indent(line).min(count);
    line[blanks..].to_string()
}

// ---- reStructuredText

/// The language of a code directive (`.. code-block:: bash`, `.. code:: console`,
/// `.. sourcecode::`, sphinx-prompt's `.. prompt:: bash $`), `""` when it names none.
fn code_directive(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix(".. ")?;
    let (name, language) = rest.split_once("::")?;
    matches!(
        name.trim(),
        "code-block" | "code" | "sourcecode" | "prompt" | "highlight" | "code-tab"
    )
    .then(|| language.split_whitespace().next().unwrap_or_default())
}

/// The column a paragraph line's text starts at: after a list item's marker (`- `, `#. `,
/// `2) `, `(a) `) when the line opens an item, else its indentation.
fn text_column(line: &str) -> usize {
    let depth = indent(line);
    let rest = &line[depth..];
    let marker = if rest.starts_with(['-', '*', '+', '•']) {
        rest.chars().next().map_or(0, char::len_utf8)
    } else {
        let (opened, inner) = match rest.strip_prefix('(') {
            Some(inner) => (true, inner),
            None => (false, rest),
        };
        let enumerator = inner
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .unwrap_or(inner.len());
        let name = &inner[..enumerator];
        let numbered = name == "#"
            || (!name.is_empty() && name.chars().all(|c| c.is_ascii_digit()))
            || (name.len() == 1 && name.chars().all(|c| c.is_ascii_alphabetic()));
        let closing = inner[enumerator..].chars().next();
        let closed = match closing {
            Some(')') => true,
            Some('.') => !opened,
            _ => false,
        };
        if !numbered || !closed {
            return depth;
        }
        usize::from(opened) + enumerator + 1
    };
    let after = &rest[marker..];
    let blanks = after.len() - after.trim_start_matches(' ').len();
    if blanks == 0 || after.trim().is_empty() {
        return depth;
    }
    depth + marker + blanks
}

/// Whether a paragraph line ends with `::`, which makes the indented block after it literal.
fn introduces_literal_block(line: &str) -> bool {
    let trimmed = line.trim_end();
    trimmed.ends_with("::") && !trimmed.trim_start().starts_with(".. ")
}

fn is_restructured_text(lines: &[String]) -> bool {
    lines.iter().enumerate().any(|(index, line)| {
        code_directive(line).is_some()
            || (introduces_literal_block(line)
                && lines[index + 1..]
                    .iter()
                    .find(|next| !next.trim().is_empty())
                    .is_some_and(|next| indent(next) > indent(line))
                && lines
                    .get(index + 1)
                    .is_some_and(|next| next.trim().is_empty()))
    })
}

/// The line after the indented block that starts at `from` below a line indented `outer`
/// (the block's blank lines inside it included, those after it not), and the block's least
/// indentation.
fn indented_block(lines: &[String], from: usize, outer: usize) -> (usize, usize) {
    let mut end = from;
    let mut least = usize::MAX;
    for (index, line) in lines.iter().enumerate().skip(from) {
        if line.trim().is_empty() {
            continue;
        }
        if indent(line) <= outer {
            break;
        }
        least = least.min(indent(line));
        end = index + 1;
    }
    (end, least)
}

/// A `.. list-table::` or `.. csv-table::` directive at `at` written as the Markdown table it
/// shows, on its own lines (the directive's, its options', its rows'), the lines left over
/// blank; the index after it. `None` for any other directive, or a table that reads as none.
fn table_directive(lines: &mut [String], at: usize) -> Option<usize> {
    let line = lines[at].trim_start();
    let kind = line
        .strip_prefix(".. ")?
        .split_once("::")
        .map(|(name, _)| name.trim())?;
    if kind != "list-table" && kind != "csv-table" {
        return None;
    }
    let outer = indent(&lines[at]);
    let mut header: Option<Vec<String>> = None;
    let mut header_rows = 0;
    let mut content = at + 1;
    while content < lines.len() && lines[content].trim_start().starts_with(':') {
        let option = lines[content].trim();
        if let Some(names) = option.strip_prefix(":header:") {
            header = Some(csv_row(names.trim()));
        } else if let Some(count) = option.strip_prefix(":header-rows:") {
            header_rows = count.trim().parse().unwrap_or(0);
        }
        content += 1;
    }
    let (end, _) = indented_block(lines, content, outer);
    let body: Vec<&str> = lines[content..end.max(content)]
        .iter()
        .map(String::as_str)
        .collect();
    let mut rows: Vec<Vec<String>> = if kind == "csv-table" {
        body.iter()
            .filter(|line| !line.trim().is_empty())
            .map(|line| csv_row(line.trim()))
            .collect()
    } else {
        list_table_rows(&body)?
    };
    if header.is_none() && (header_rows > 0 || kind == "list-table") && !rows.is_empty() {
        header = Some(rows.remove(0));
    }
    let header = header.or_else(|| (!rows.is_empty()).then(|| rows.remove(0)))?;
    if header.is_empty() {
        return None;
    }
    let cell = |text: &str| text.replace('|', "\\|");
    let row = |cells: &[String]| {
        let cells: Vec<String> = (0..header.len())
            .map(|column| cell(cells.get(column).map_or("", String::as_str)))
            .collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut table = vec![row(&header), format!("|{}", " --- |".repeat(header.len()))];
    table.extend(rows.iter().map(|cells| row(cells)));
    let end = end.max(content);
    // one line of the page for each line of the table: a table longer than its lines is left
    if table.len() > end - at {
        return None;
    }
    for (offset, line) in lines[at..end].iter_mut().enumerate() {
        *line = table.get(offset).cloned().unwrap_or_default();
    }
    Some(end)
}

/// The rows of a `list-table`'s content: `* - cell` starts a row, `  - cell` a cell, and a
/// cell's further lines (indented more) go on with its text.
fn list_table_rows(body: &[&str]) -> Option<Vec<Vec<String>>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in body {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(first) = trimmed.strip_prefix("* -") {
            rows.push(vec![first.trim().to_string()]);
        } else if let Some(next) = trimmed
            .strip_prefix("- ")
            .or((trimmed == "-").then_some(""))
        {
            rows.last_mut()?.push(next.trim().to_string());
        } else {
            let cell = rows.last_mut()?.last_mut()?;
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(trimmed);
        }
    }
    Some(rows)
}

/// A line of a `csv-table` (or its `:header:`): cells between commas, a quoted one with its
/// `""` read as `"`.
fn csv_row(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(std::mem::take(&mut cell).trim().to_string()),
            c => cell.push(c),
        }
    }
    cells.push(cell.trim().to_string());
    cells
}

fn restructured_text(lines: &mut Vec<String>) {
    let mut index = 0;
    let mut fenced = vec![false; lines.len()];
    while index < lines.len() {
        let line = lines[index].clone();
        let directive = code_directive(&line).map(str::to_string);
        let literal = directive.is_none() && introduces_literal_block(&line);
        let other_directive = directive.is_none() && line.trim_start().starts_with(".. ");
        // a doctest block (`>>> app.post(…)` to the next blank line), which reStructuredText
        // shows as code: fenced on the blank lines around it, which keeps the page's lines
        if directive.is_none()
            && !literal
            && line.trim_start().starts_with(">>> ")
            && !fenced[index]
            && index > 0
            && lines[index - 1].trim().is_empty()
        {
            let end = (index..lines.len())
                .find(|&at| lines[at].trim().is_empty())
                .unwrap_or(lines.len());
            let depth = indent(&line);
            lines[index - 1] = "```pycon".to_string();
            for line in &mut lines[index..end] {
                *line = dedented(line, depth);
            }
            if end == lines.len() {
                lines.push(String::new());
                fenced.push(false);
            }
            lines[end] = "```".to_string();
            fenced[index - 1..=end].iter_mut().for_each(|f| *f = true);
            index = end + 1;
            continue;
        }
        if directive.is_none() && !literal {
            if other_directive && let Some(next) = table_directive(lines, index) {
                index = next;
                continue;
            }
            if other_directive {
                // a note, a tab, a comment or a link target: markup, its options too
                lines[index].clear();
                let mut option = index + 1;
                while option < lines.len() && lines[option].trim_start().starts_with(':') {
                    lines[option].clear();
                    option += 1;
                }
            }
            index += 1;
            continue;
        }
        // a literal block in a list item ends where the item's text does
        let outer = if literal {
            text_column(&line)
        } else {
            indent(&line)
        };
        let mut content = index + 1;
        // the directive's options (`:linenos:`) and the blank lines before its content
        while content < lines.len()
            && (lines[content].trim().is_empty()
                || (directive.is_some() && lines[content].trim_start().starts_with(':')))
        {
            content += 1;
        }
        let (end, least) = indented_block(lines, content, outer);
        if end <= content || (literal && content == index + 1) {
            // a directive without content (`.. highlight:: bash`) is markup; a paragraph
            // ending `::` with no blank line after it has no literal block
            if directive.is_some() {
                lines[index].clear();
            }
            index += 1;
            continue;
        }
        if literal {
            // `Example::` shows `Example:`, and `Example: ::` shows `Example:`
            let trimmed = line.trim_end();
            let shown = trimmed
                .strip_suffix(" ::")
                .unwrap_or(&trimmed[..trimmed.len() - 1]);
            lines[index] = shown.to_string();
        }
        lines[index + 1..content].iter_mut().for_each(String::clear);
        // the fence opens on the line before the content, which is blank or an option's
        let opening = if directive.is_some() {
            index.max(content - 1)
        } else {
            content - 1
        };
        if directive.is_some() && opening != index {
            lines[index].clear();
        }
        lines[opening] = format!("```{}", directive.unwrap_or_default());
        for line in &mut lines[content..end] {
            *line = dedented(line, least);
        }
        fenced[opening..end].iter_mut().for_each(|f| *f = true);
        if end < lines.len() && lines[end].trim().is_empty() {
            lines[end] = "```".to_string();
            fenced[end] = true;
        } else {
            lines.insert(end, "```".to_string());
            fenced.insert(end, true);
        }
        index = end + 1;
    }
    restructured_text_titles(lines, &fenced);
    // what remains indented is a directive's content: prose, not Markdown's indented code
    for (line, fenced) in lines.iter_mut().zip(&fenced) {
        if !fenced && indent(line) >= 4 {
            *line = line.trim_start().to_string();
        }
        if !fenced {
            *line = restructured_text_inline(line);
        }
    }
}

/// Markdown prose with MyST's roles, `` {term}`BCE` `` and `` {doc}`the glossary <glossary>` ``,
/// read as reStructuredText's (`` :term:`BCE` ``) are: the text they show.
pub(super) fn with_myst_roles_read(text: &str) -> Cow<'_, str> {
    if !text.contains("}`") {
        return Cow::Borrowed(text);
    }
    let mut rst = String::with_capacity(text.len());
    let mut in_code = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        // a role outside a code span: `{name}` and a backquote (not `{id}` inside `` `…` ``)
        let role = (c == '{' && !in_code)
            .then(|| rest[1..].split_once("}`"))
            .flatten()
            .map(|(name, _)| name)
            .filter(|name| {
                name.starts_with(|c: char| c.is_ascii_lowercase())
                    && name.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, ':' | '-')
                    })
            });
        match role {
            Some(name) => {
                rst.push(':');
                rst.push_str(name);
                rst.push(':');
                rest = &rest[name.len() + 2..];
            }
            None => {
                if c == '`' {
                    in_code = !in_code;
                }
                rst.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if rst == text {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        rst.lines()
            .map(|line| with_roles_read(line).into_owned())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// A line of reStructuredText prose with the markup Markdown reads otherwise as Markdown's: an
/// auto-numbered item's `#.` as `1.`, and a link reference, `` `Log in`_ `` or `` `docs
/// <https://e.com>`_ ``, as its text or a Markdown link.
/// A line with reStructuredText's interpreted text, `` :role:`text` ``, as the text Markdown
/// shows: a code span for a role that marks code (`:code:`, `:samp:`, `:file:`…), else the text
/// itself, a reference's title when it has one (`` :ref:`Title <target>` ``).
fn with_roles_read(line: &str) -> Cow<'_, str> {
    if !line.contains(":`") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(tick) = rest.find(":`") {
        let before = &rest[..tick];
        let role_start = before
            .rfind(|c: char| {
                !(c.is_ascii_alphanumeric() || matches!(c, ':' | '_' | '-' | '+' | '.'))
            })
            .map_or(0, |at| at + 1);
        let role = &before[role_start..];
        let text_end = rest[tick + 2..].find('`');
        let (Some(name), Some(end)) = (role.strip_prefix(':'), text_end) else {
            out.push_str(&rest[..tick + 2]);
            rest = &rest[tick + 2..];
            continue;
        };
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            out.push_str(&rest[..tick + 2]);
            rest = &rest[tick + 2..];
            continue;
        }
        let text = &rest[tick + 2..tick + 2 + end];
        out.push_str(&before[..role_start]);
        let shown = match text.rsplit_once(" <") {
            Some((title, target)) if target.ends_with('>') => title,
            _ => text.trim_start_matches('~'),
        };
        let code = matches!(
            name,
            "code"
                | "samp"
                | "literal"
                | "file"
                | "command"
                | "envvar"
                | "option"
                | "program"
                | "kbd"
                | "mimetype"
                | "makevar"
        ) || name.starts_with("http:");
        if code {
            out.push('`');
            out.push_str(shown);
            out.push('`');
        } else {
            out.push_str(shown);
        }
        rest = &rest[tick + 2 + end + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn restructured_text_inline(line: &str) -> String {
    let line = &with_roles_read(line);
    let depth = indent(line);
    let mut out = String::with_capacity(line.len());
    let mut rest = match line[depth..].strip_prefix("#. ") {
        Some(item) => {
            out.push_str(&line[..depth]);
            out.push_str("1. ");
            item
        }
        None => line,
    };
    while let Some(start) = rest.find('`') {
        let after = &rest[start + 1..];
        let Some(end) = after.find("`_") else { break };
        let inner = &after[..end];
        let ends_word = after[end + 2..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if inner.is_empty() || inner.contains('`') || !ends_word {
            out.push_str(&rest[..start + 1]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..start]);
        match inner
            .rsplit_once(" <")
            .filter(|(_, url)| url.ends_with('>'))
        {
            Some((text, url)) => out.push_str(&format!("[{text}]({})", &url[..url.len() - 1])),
            None => out.push_str(inner),
        }
        // `__`, an anonymous reference, too
        rest = after[end + 2..]
            .strip_prefix('_')
            .unwrap_or(&after[end + 2..]);
    }
    out.push_str(rest);
    angles_escaped(&out)
}

/// Markdown prose with each `<` that would open an HTML tag there (`Replace <user> with
/// yours`, text in reStructuredText, which has no HTML) written `\<`, outside code spans.
fn angles_escaped(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find(['`', '<']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('`') {
            // a code span: to the run of as many backticks that closes it, as it is
            let ticks = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..ticks];
            let close = rest[ticks..]
                .match_indices(fence)
                .find(|(end, _)| !rest[ticks + end + ticks..].starts_with('`'))
                .map_or(ticks, |(end, _)| ticks + end + ticks);
            out.push_str(&rest[..close]);
            rest = &rest[close..];
        } else {
            let opens_tag =
                rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || "/!?".contains(c));
            if opens_tag && !out.ends_with('\\') {
                out.push('\\');
            }
            out.push('<');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Whether `line` is a section title's adornment: one punctuation character repeated.
fn adornment(line: &str) -> Option<char> {
    let line = line.trim();
    let first = line.chars().next()?;
    (line.len() >= 3 && "=-~^\"'*+#_:.`<>".contains(first) && line.chars().all(|c| c == first))
        .then_some(first)
}

/// reStructuredText's section titles as Markdown's headings, their levels in the order their
/// adornment styles first appear, as reStructuredText ranks them; a title inside a directive's
/// content (indented, as Sphinx httpdomain pages write `Example request` in `.. http:post::`)
/// one level below the heading it sits in.
fn restructured_text_titles(lines: &mut [String], fenced: &[bool]) {
    let mut styles: Vec<(char, bool)> = Vec::new();
    // the headings the next one may sit in: a section's, then titles' inside directives
    let mut enclosing: Vec<Enclosing> = Vec::new();
    for index in 0..lines.len() {
        if fenced[index] || index + 1 >= lines.len() || fenced[index + 1] {
            continue;
        }
        let depth = indent(&lines[index]);
        let title = lines[index].trim();
        let Some(mark) = adornment(&lines[index + 1]) else {
            continue;
        };
        if title.is_empty() || adornment(title).is_some() || indent(&lines[index + 1]) != depth {
            continue;
        }
        if depth > 0 {
            // inside a directive: an underline as long as the title, after a blank line (or the
            // block that took its place)
            let long_enough = lines[index + 1].trim().chars().count() >= title.chars().count();
            let after_blank = index == 0 || lines[index - 1].trim().is_empty() || fenced[index - 1];
            if !long_enough || !after_blank {
                continue;
            }
            let level = inner_level(&mut enclosing, depth);
            lines[index] = format!("{} {title}", "#".repeat(level.min(6)));
            lines[index + 1].clear();
            enclosing.push(Enclosing::Inner { depth, level });
            continue;
        }
        let overlined =
            index > 0 && !fenced[index - 1] && adornment(&lines[index - 1]) == Some(mark);
        let style = (mark, overlined);
        let level = match styles.iter().position(|known| *known == style) {
            Some(position) => position + 1,
            None => {
                styles.push(style);
                styles.len()
            }
        };
        lines[index] = format!("{} {title}", "#".repeat(level.min(6)));
        lines[index + 1].clear();
        if overlined {
            lines[index - 1].clear();
        }
        enclosing.clear();
        enclosing.push(Enclosing::Section { level });
    }
    // a transition (a line of `----` alone) is no setext underline here, nor a fence
    for (index, fenced) in fenced.iter().enumerate() {
        if !fenced && adornment(&lines[index]).is_some() {
            lines[index].clear();
        }
    }
}

/// A heading a later one may sit in.
enum Enclosing {
    /// A section title's.
    Section { level: usize },
    /// A title's inside a directive, at its indentation.
    Inner { depth: usize, level: usize },
}

/// The level of a title inside a directive, at indentation `depth`: one below the heading it
/// sits in, those it does not sit in (as deep or deeper) left.
fn inner_level(enclosing: &mut Vec<Enclosing>, depth: usize) -> usize {
    while let Some(Enclosing::Inner { depth: at, .. }) = enclosing.last()
        && *at >= depth
    {
        enclosing.pop();
    }
    match enclosing.last() {
        Some(Enclosing::Section { level } | Enclosing::Inner { level, .. }) => level + 1,
        None => 1,
    }
}

// ---- AsciiDoc

/// The language an AsciiDoc block attribute line gives the block after it (`[source,bash]`,
/// `[source, console, subs="attributes"]`, `[,bash]`), `""` for `[source]`.
fn asciidoc_source(line: &str) -> Option<String> {
    let inner = line.trim().strip_prefix('[')?.strip_suffix(']')?;
    let mut parts = inner.split(',').map(str::trim);
    let style = parts.next()?;
    if style != "source" && !(style.is_empty() && inner.starts_with(',')) {
        return None;
    }
    Some(parts.next().unwrap_or_default().to_string())
}

/// Whether a block attribute line turns on the quotes substitution in its block
/// (`subs="+quotes"`, `subs="quotes,attributes"`, `subs=normal`), as Red Hat's documentation marks
/// each value to replace: `_<your_token>_`, which Asciidoctor shows as an italic `<your_token>`.
fn substitutes_quotes(line: &str) -> bool {
    let Some((_, subs)) = line.split_once("subs=") else {
        return false;
    };
    let subs = subs.trim_start_matches(['"', '\'']);
    let end = subs.find(['"', '\'', ']']).unwrap_or(subs.len());
    subs[..end].split(',').any(|sub| {
        let sub = sub.trim().trim_start_matches('+').trim_end_matches('+');
        matches!(sub, "quotes" | "normal")
    })
}

/// `line` with the emphasis Asciidoctor's quotes substitution renders taken off placeholders
/// in angle brackets: `__<host>__` anywhere, `_<your_token>_` (and `*…*`, `**…**`) where no
/// letter or digit stands right outside; the reader sees and runs `<your_token>`.
fn without_emphasis_around_placeholders(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    'scan: while let Some(at) = rest.find(['_', '*']) {
        let mark = rest.as_bytes()[at] as char;
        for width in [2, 1] {
            let open: String = std::iter::repeat_n(mark, width).collect();
            let Some(inner) = rest[at..].strip_prefix(&open) else {
                continue;
            };
            let Some(close) = inner.strip_prefix('<').and_then(|after| after.find('>')) else {
                continue;
            };
            let placeholder = &inner[..close + 2];
            let Some(tail) = inner[close + 2..].strip_prefix(&open) else {
                continue;
            };
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            // a single mark only where no word goes on outside it (Asciidoctor's constrained form)
            let constrained_ok =
                width == 2 || (!word(rest[..at].chars().last()) && !word(tail.chars().next()));
            if placeholder.contains(char::is_whitespace) || !constrained_ok {
                continue;
            }
            out.push_str(&rest[..at]);
            out.push_str(placeholder);
            rest = tail;
            continue 'scan;
        }
        out.push_str(&rest[..at + 1]);
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}

/// A delimiter line of an AsciiDoc listing (`----`) or literal (`....`) block.
fn asciidoc_delimiter(line: &str) -> Option<&str> {
    let line = line.trim_end();
    (line.len() >= 4 && (line.chars().all(|c| c == '-') || line.chars().all(|c| c == '.')))
        .then_some(line)
}

/// The level of a two-line AsciiDoc section title, `title` over `underline`: the underline one
/// of `=` `-` `~` `^` `+` (levels 1 to 5) repeated, as long as the title give or take one
/// character, as Asciidoctor reads it (which then takes `Run:` over `----` for a title too); the title text, not markup (a block attribute or title,
/// a delimiter, a comment).
fn setext_title_level(title: &str, underline: &str) -> Option<usize> {
    let underline = underline.trim_end();
    let mark = underline.chars().next()?;
    let level = "=-~^+".find(mark)? + 1;
    let title = title.trim_end();
    let length = title.chars().count() as isize;
    let plain_text = length >= 2
        && !title.starts_with([' ', '\t', '[', '.', '/', ':', '=', '-', '*', '+', '<'])
        && asciidoc_delimiter(title).is_none();
    (underline.chars().count() >= 2
        && underline.chars().all(|c| c == mark)
        && plain_text
        && (underline.chars().count() as isize - length).abs() <= 1)
        .then_some(level)
}

/// Whether the page is Org-mode's: a source block (`#+begin_src`, in any case).
fn is_org(lines: &[String]) -> bool {
    lines
        .iter()
        .any(|line| org_keyword(line).is_some_and(|(keyword, _)| keyword == "begin_src"))
}

/// An Org-mode keyword line's keyword, in small letters, and what follows it: `#+begin_src sh`
/// is `begin_src` and `sh`, `#+TITLE: Notes` is `title:` and `Notes`.
fn org_keyword(line: &str) -> Option<(String, &str)> {
    let rest = line.trim_start().strip_prefix("#+")?;
    let (keyword, after) = rest.split_once([' ', '\t']).unwrap_or((rest, ""));
    (!keyword.is_empty()).then(|| (keyword.to_ascii_lowercase(), after.trim()))
}

/// An Org-mode page as Markdown, line for line: source and example blocks as fenced code,
/// `*` headings as `#` ones (their `TODO` keywords and `:tags:` left out), `#+TITLE:` as the
/// page's heading; a `#+RESULTS:` and the `: ` lines after it, drawers (`:PROPERTIES:` to
/// `:END:`), other settings and comments left out; links and verbatim text as Markdown's.
fn org(lines: &mut [String]) {
    let mut in_block = false;
    let mut in_results = false;
    let mut in_drawer = false;
    for line in lines.iter_mut() {
        let trimmed = line.trim();
        if in_block {
            if org_keyword(line).is_some_and(|(keyword, _)| keyword.starts_with("end_")) {
                *line = "```".to_string();
                in_block = false;
            }
            continue;
        }
        if in_results {
            if trimmed == ":" || trimmed.starts_with(": ") {
                line.clear();
                continue;
            }
            in_results = false;
        }
        let upper = trimmed.to_ascii_uppercase();
        if in_drawer {
            in_drawer = upper != ":END:";
            line.clear();
            continue;
        }
        if let Some((keyword, after)) = org_keyword(line) {
            *line = match keyword.as_str() {
                "begin_src" => {
                    in_block = true;
                    format!("```{}", after.split_whitespace().next().unwrap_or(""))
                }
                "begin_example" => {
                    in_block = true;
                    "```text".to_string()
                }
                "title:" => format!("# {after}"),
                "results:" => {
                    in_results = true;
                    String::new()
                }
                _ => String::new(),
            };
            continue;
        }
        if upper.len() > 2 && upper.starts_with(':') && upper.ends_with(':') && !upper.contains(' ')
        {
            // a drawer (`:PROPERTIES:`, `:LOGBOOK:`), to its `:END:`
            in_drawer = upper != ":END:";
            line.clear();
            continue;
        }
        if line.starts_with("# ") || line.as_str() == "#" {
            line.clear();
            continue;
        }
        let stars = line.len() - line.trim_start_matches('*').len();
        if stars > 0 && line[stars..].starts_with(' ') {
            let mut title = line[stars..].trim();
            for keyword in ["TODO ", "DONE "] {
                title = title.strip_prefix(keyword).unwrap_or(title);
            }
            // trailing tags, `:api:draft:`
            if let Some((before, tags)) = title.rsplit_once(' ')
                && tags.len() > 2
                && tags.starts_with(':')
                && tags.ends_with(':')
            {
                title = before.trim_end();
            }
            *line = format!("{} {title}", "#".repeat(stars.min(6)));
            continue;
        }
        *line = org_prose(line);
    }
}

/// A line of Org-mode prose as Markdown writes it: `[[target][text]]` and `[[target]]` as
/// links, `=verbatim=` and `~code~` as code spans.
fn org_prose(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("[[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let Some(end) = after.find("]]") else {
            out.push_str("[[");
            rest = after;
            continue;
        };
        match after[..end].split_once("][") {
            Some((target, text)) => out.push_str(&format!("[{text}]({target})")),
            None => out.push_str(&format!("<{}>", &after[..end])),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    let mut spans = String::with_capacity(out.len());
    let mut chars = out.chars().peekable();
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        if matches!(c, '=' | '~') && (previous.is_whitespace() || "([{\"'".contains(previous)) {
            let ahead: String = chars.clone().take_while(|&n| n != c && n != '\n').collect();
            let closes = chars.clone().nth(ahead.chars().count()) == Some(c);
            if closes && !ahead.is_empty() && !ahead.starts_with(' ') && !ahead.ends_with(' ') {
                spans.push('`');
                spans.push_str(&ahead);
                spans.push('`');
                for _ in 0..=ahead.chars().count() {
                    chars.next();
                }
                previous = '`';
                continue;
            }
        }
        spans.push(c);
        previous = c;
    }
    spans
}

fn is_asciidoc(lines: &[String]) -> bool {
    let followed = |index: usize| lines.get(index + 1).is_some_and(|l| !l.trim().is_empty());
    let titled = || {
        lines
            .iter()
            .any(|line| line.starts_with("= ") || line.starts_with("== "))
    };
    lines
        .iter()
        .enumerate()
        .any(|(index, line)| asciidoc_source(line).is_some() && followed(index))
        || (titled()
            && (lines
                .iter()
                .filter(|line| asciidoc_delimiter(line).is_some())
                .count()
                >= 2
                // a Spring REST Docs guide: its requests are all included snippets
                || lines.iter().any(|line| asciidoc_include(line).is_some())))
}

/// The file an AsciiDoc `include::` directive line brings in (`include::{snippets}/x/curl-request.adoc[]`).
fn asciidoc_include(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("include::")?;
    let (path, _) = rest.split_once('[')?;
    (!path.is_empty()).then_some(path)
}

/// The files an AsciiDoc page includes that may hold its requests, each with its line: those
/// included into a listing (`----` `include::create.sh[]` `----`), and those whose name says
/// curl (Spring REST Docs' `curl-request.adoc`). samplegen reads one file, so their commands
/// are not read; an include of anything else (`_attributes.adoc`) is no request.
pub(super) fn asciidoc_request_includes(text: &str) -> Vec<(usize, String)> {
    // the delimiter of the listing or literal block the line is in
    let mut open: Option<&str> = None;
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if let Some(delimiter) = asciidoc_delimiter(line) {
            open = match open {
                Some(opened) if opened == delimiter => None,
                None => Some(delimiter),
                inside => inside,
            };
            continue;
        }
        let Some(path) = asciidoc_include(line) else {
            continue;
        };
        let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
        if open.is_some() || name.contains("curl") {
            found.push((index + 1, path.to_string()));
        }
    }
    found
}

/// The files another page's markup includes into its code that may hold its requests, each with
/// its line: Sphinx's `.. literalinclude:: examples/create.sh`, MkDocs' snippets (`--8<--
/// "create.sh"`), Jekyll's `{% include_relative create.sh %}` and `{% include … %}`, VitePress'
/// `<<< @/snippets/create.sh [cURL]` and mdBook's `{{#include create.sh}}`. One counts
/// when its name says shell or curl (`.sh`, `.bash`, `.console`, `curl` in it), or when it
/// stands in a shell code block (a snippet in a ```` ```bash ```` block, a `literalinclude`
/// with `:language: bash`). samplegen reads one file, so their commands are not read.
pub(super) fn code_includes(text: &str) -> Vec<(usize, String)> {
    let shell_name = |path: &str| {
        let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
        name.contains("curl")
            || [".sh", ".bash", ".zsh", ".console", ".http"]
                .iter()
                .any(|extension| name.ends_with(extension))
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    // the Markdown fence the line is in, and its language
    let mut fence: Option<((char, usize), String)> = None;
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if let Some(opening @ (mark, _)) = fence_opening(line) {
            match &fence {
                Some((open, _)) if closes_fence(line, *open) => fence = None,
                None => {
                    let info = trimmed.trim_start_matches(mark).trim();
                    let language = info.split_whitespace().next().unwrap_or("");
                    fence = Some((opening, language.to_ascii_lowercase()));
                }
                _ => {}
            }
            continue;
        }
        let in_shell = fence.as_ref().is_some_and(|(_, language)| {
            matches!(
                language.as_str(),
                "" | "bash" | "sh" | "shell" | "console" | "zsh" | "curl"
            )
        });
        let unquoted = |path: &str| path.trim().trim_matches(['"', '\'']).to_string();
        if let Some(path) = trimmed.strip_prefix(".. literalinclude::") {
            let path = unquoted(path);
            // its options, the lines indented below it
            let shell_language = lines[index + 1..]
                .iter()
                .take_while(|option| option.starts_with([' ', '\t']) && !option.trim().is_empty())
                .any(|option| {
                    option
                        .trim()
                        .strip_prefix(":language:")
                        .is_some_and(|language| {
                            matches!(
                                language.trim(),
                                "bash" | "sh" | "shell" | "console" | "shell-session"
                            )
                        })
                });
            if !path.is_empty() && (shell_language || shell_name(&path)) {
                found.push((index + 1, path));
            }
            continue;
        }
        // VitePress' `<<< @/snippets/create.sh [cURL]` (a line range or region after the name,
        // `{2-4}`, `#create`), its label saying curl too
        if let Some(imported) = trimmed.strip_prefix("<<<") {
            let mut words = imported.split_whitespace();
            let path = words.next().unwrap_or_default();
            let path = path.split(['{', '#']).next().unwrap_or(path).to_string();
            let label = words.collect::<Vec<_>>().join(" ").to_ascii_lowercase();
            if !path.is_empty() && (shell_name(&path) || label.contains("curl")) {
                found.push((index + 1, path));
            }
            continue;
        }
        // mdBook's `{{#include ../examples/list.sh}}` (an anchor or lines after a `:`)
        let mdbook = ["{{#include ", "{{#rustdoc_include "]
            .iter()
            .find_map(|open| trimmed.strip_prefix(open))
            .and_then(|rest| rest.strip_suffix("}}"))
            .map(|path| {
                path.trim()
                    .split(':')
                    .next()
                    .unwrap_or_default()
                    .to_string()
            });
        let snippet = trimmed
            .strip_prefix("--8<--")
            .or_else(|| trimmed.strip_prefix(";--8<--"))
            .map(unquoted)
            .or(mdbook);
        let liquid = [
            "{% include_relative ",
            "{%- include_relative ",
            "{% include ",
            "{%- include ",
        ]
        .iter()
        .find_map(|open| trimmed.strip_prefix(open))
        .and_then(|rest| rest.split_whitespace().next())
        .map(unquoted);
        if let Some(path) = snippet.or(liquid)
            && !path.is_empty()
            && (in_shell || shell_name(&path))
        {
            found.push((index + 1, path));
        }
    }
    found
}

fn asciidoc(lines: &mut Vec<String>) {
    let mut language: Option<String> = None;
    // whether the next block, and then the block being read, applies the quotes substitution
    // (`subs="+quotes"`), which renders `_<your_token>_` as an italic `<your_token>`
    let mut quotes_next = false;
    let mut quotes = false;
    // the delimiter of the listing block being read, or `""` for a source paragraph (a
    // `[source,bash]` paragraph without delimiters, which ends at a blank line)
    let mut open: Option<String> = None;
    let mut index = 0;
    while index < lines.len() {
        let line = &mut lines[index];
        index += 1;
        if let Some(delimiter) = &open {
            let ends = if delimiter.is_empty() {
                line.trim().is_empty()
            } else {
                line.trim_end() == delimiter
            };
            if ends {
                *line = "```".to_string();
                open = None;
                quotes = false;
            } else {
                *line = without_callouts(line);
                if quotes {
                    *line = without_emphasis_around_placeholders(line);
                }
            }
            continue;
        }
        // a two-line section title (`Create user` over `-----------`), whose underline would
        // otherwise read as a listing block's delimiter
        if let Some(level) = lines
            .get(index)
            .and_then(|next| setext_title_level(&lines[index - 1], next))
        {
            let title = lines[index - 1].trim().to_string();
            lines[index - 1] = format!("{} {title}", "#".repeat(level));
            lines[index].clear();
            index += 1;
            continue;
        }
        let line = &mut lines[index - 1];
        if let Some(delimiter) = asciidoc_delimiter(line) {
            open = Some(delimiter.to_string());
            *line = format!("```{}", language.take().unwrap_or_default());
            quotes = std::mem::take(&mut quotes_next);
            continue;
        }
        if let Some(source) = asciidoc_source(line) {
            let substitutes_quotes = substitutes_quotes(line);
            let paragraph = lines
                .get(index)
                .is_some_and(|next| !next.trim().is_empty() && asciidoc_delimiter(next).is_none());
            if paragraph {
                lines[index - 1] = format!("```{source}");
                open = Some(String::new());
                quotes = substitutes_quotes;
            } else {
                lines[index - 1].clear();
                language = Some(source);
                quotes_next = substitutes_quotes;
            }
            continue;
        }
        let line = &mut lines[index - 1];
        let trimmed = line.trim_end();
        let level = trimmed.len() - trimmed.trim_start_matches('=').len();
        if (1..=6).contains(&level) && trimmed[level..].starts_with(' ') {
            *line = format!("{} {}", "#".repeat(level), trimmed[level..].trim());
        } else if trimmed.starts_with("//")
            || trimmed.starts_with("include::")
            // a block image's or a media's macro (`image::images/a.png[Services]`)
            || trimmed.starts_with("image::")
            || trimmed.starts_with("video::")
            || trimmed.starts_with("audio::")
            || trimmed.starts_with("ifdef::")
            || trimmed.starts_with("ifndef::")
            || trimmed.starts_with("endif::")
            || (trimmed.starts_with(':') && trimmed[1..].contains(':'))
            || (trimmed.starts_with('.') && !trimmed.starts_with(". ") && trimmed.len() > 1)
            || (trimmed.starts_with('[') && trimmed.ends_with(']'))
            || (trimmed.len() >= 4 && "=*_+".chars().any(|c| trimmed.chars().all(|t| t == c)))
            || without_callouts(&format!(" {trimmed}")).trim().is_empty()
            || trimmed
                .split_once(' ')
                .is_some_and(|(first, _)| without_callouts(&format!(" {first}")).trim().is_empty())
        {
            // comments, attributes, block titles and other blocks' delimiters: markup
            line.clear();
        } else {
            *line = asciidoc_prose(line);
        }
    }
    if open.is_some() {
        lines.push("```".to_string());
    }
}

/// A line of an AsciiDoc page's prose as Markdown writes it: a list item's `. ` as `1. `, a
/// list continuation's `+` as nothing, an admonition's `NOTE:` in bold, a labeled list's
/// `Term::` as its term in bold, and `link:target[text]` (or a URL with `[text]`) as a link, or
/// as its text when the target is an attribute this page cannot resolve (`{docs_link}`).
fn asciidoc_prose(line: &str) -> String {
    let trimmed = line.trim();
    if trimmed == "+" {
        return String::new();
    }
    let depth = &line[..line.len() - line.trim_start().len()];
    let mut text = match trimmed.strip_prefix(". ") {
        Some(item) => format!("{depth}1. {item}"),
        None => line.trim_end().to_string(),
    };
    for label in ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"] {
        if let Some(rest) = text.trim_start().strip_prefix(&format!("{label}: ")) {
            let name = format!("{}{}", &label[..1], label[1..].to_ascii_lowercase());
            text = format!("{depth}**{name}:** {rest}");
        }
    }
    if let Some((term, rest)) = text.trim_start().split_once("::")
        && !term.is_empty()
        && !term.contains(['`', ':', '/'])
        && (rest.is_empty() || rest.starts_with(' '))
    {
        text = match rest.trim() {
            "" => format!("{depth}**{term}**"),
            rest => format!("{depth}**{term}**: {rest}"),
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = ["link:", "https://", "http://"]
        .iter()
        .filter_map(|start| rest.find(start))
        .min()
    {
        let macro_target = rest[at..].strip_prefix("link:");
        let target_text = macro_target.unwrap_or(&rest[at..]);
        let link = target_text
            .find(|c: char| c == '[' || c.is_whitespace())
            .filter(|&end| target_text[end..].starts_with('['))
            .and_then(|end| {
                let close = target_text[end..].find(']')?;
                Some((
                    &target_text[..end],
                    &target_text[end + 1..end + close],
                    end + close + 1,
                ))
            });
        let Some((target, shown, length)) = link else {
            let skip = if macro_target.is_some() {
                "link:".len()
            } else {
                1
            };
            out.push_str(&rest[..at + skip]);
            rest = &rest[at + skip..];
            continue;
        };
        out.push_str(&rest[..at]);
        // `[Catalog API^]`: the `^` opens the link in a new window, no part of its text
        let shown = shown.strip_suffix('^').unwrap_or(shown);
        let shown = if shown.is_empty() { target } else { shown };
        if target.contains('{') {
            out.push_str(shown);
        } else {
            out.push_str(&format!("[{shown}]({target})"));
        }
        let prefix = if macro_target.is_some() {
            "link:".len()
        } else {
            0
        };
        rest = &rest[at + prefix + length..];
    }
    out.push_str(rest);
    out
}

/// A listing block's line without its callouts (`curl … <1>`, `// <2>`, `# <3>`).
fn without_callouts(line: &str) -> String {
    let mut text = line.trim_end();
    while let Some(open) = text.rfind('<') {
        let callout = &text[open..];
        let number = callout
            .strip_prefix('<')
            .and_then(|c| c.strip_suffix('>'))
            .is_some_and(|n| !n.is_empty() && (n == "." || n.bytes().all(|b| b.is_ascii_digit())));
        if !number || !text[..open].ends_with(' ') {
            break;
        }
        text = text[..open].trim_end();
        text = text
            .strip_suffix("//")
            .or_else(|| text.strip_suffix('#'))
            .map_or(text, str::trim_end);
    }
    text.to_string()
}

// ---- Hugo, JSX and Liquid around Markdown

// ---- HTML

/// HTML `<pre>` blocks that hold a curl command, starting a line (a README or page written in
/// HTML, `<pre><code class="language-bash">curl …</code></pre>`), as fences of their text: tags
/// inside left out, entities (`&amp;`) decoded. Other `<pre>` blocks stay HTML. Whether the
/// page had any.
fn html_pre_blocks(lines: &mut Vec<String>) -> bool {
    if !lines.iter().any(|line| line.contains("<pre")) {
        return false;
    }
    let fenced = fenced_lines(lines);
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut found = false;
    let mut index = 0;
    while index < lines.len() {
        let opens = !fenced[index]
            && lines[index]
                .trim_start()
                .strip_prefix("<pre")
                .is_some_and(|rest| rest.starts_with(['>', ' ', '\t']));
        let closing = opens
            .then(|| (index..lines.len()).find(|&at| lines[at].contains("</pre>")))
            .flatten();
        if let Some(last) = closing {
            let block = lines[index..=last].join("\n");
            let start = block.find("<pre").unwrap_or(0);
            // one the page does not show (a test framework's) is left out, its lines kept blank
            let tag_end = block[start..]
                .find('>')
                .map_or(block.len(), |at| start + at + 1);
            if super::html::hidden(&block[start..tag_end].to_ascii_lowercase()) {
                out.extend((index..=last).map(|_| String::new()));
                found = true;
                index = last + 1;
                continue;
            }
            let inner_start = block[start..]
                .find('>')
                .map_or(block.len(), |at| start + at + 1);
            let inner_end = block
                .rfind("</pre>")
                .unwrap_or(block.len())
                .max(inner_start);
            let inner = &block[inner_start..inner_end];
            let code = html_text_of(inner);
            if code.split_whitespace().any(super::is_curl) {
                let language = inner
                    .split("language-")
                    .nth(1)
                    .map(|rest| {
                        rest.chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                            .collect::<String>()
                    })
                    .unwrap_or_default();
                out.push(String::new());
                out.push(format!("```{language}"));
                out.extend(code.trim_matches('\n').lines().map(str::to_string));
                out.push("```".to_string());
                out.push(String::new());
                found = true;
                index = last + 1;
                continue;
            }
        }
        out.push(std::mem::take(&mut lines[index]));
        index += 1;
    }
    // on a page written in HTML, a heading or a paragraph on a line of its own is Markdown's
    // (an HTML block would take the lines after it up to a blank one, and hold no prose),
    // where it starts a block: after a blank line, or one read so (inside another HTML block,
    // a `<div>`'s, it stays that block's)
    if found {
        let mut starts_block = true;
        for line in &mut out {
            let trimmed = line.trim();
            if !std::mem::replace(&mut starts_block, trimmed.is_empty()) {
                continue;
            }
            let one = |tag: &str| {
                (trimmed.starts_with(&format!("<{tag}>"))
                    || trimmed.starts_with(&format!("<{tag} ")))
                    && trimmed.ends_with(&format!("</{tag}>"))
                    && trimmed.matches(&format!("<{tag}")).count() == 1
            };
            if one("p") {
                *line = html_text_of(trimmed).trim().to_string();
                starts_block = true;
            } else if let Some(level) = (1..=6).find(|level| one(&format!("h{level}"))) {
                *line = format!("{} {}", "#".repeat(level), html_text_of(trimmed).trim());
                starts_block = true;
            }
        }
    }
    *lines = out;
    found
}

/// The text an HTML fragment shows: its tags left out, its character references decoded.
pub(super) fn html_text_of(fragment: &str) -> String {
    let mut text = String::with_capacity(fragment.len());
    let mut rest = fragment;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = &rest[open..];
        match rest.find('>') {
            Some(close) => rest = &rest[close + 1..],
            None => break,
        }
    }
    text.push_str(rest);
    character_references_read(&text)
}

/// `text` with its HTML character references decoded (`&quot;`, `&#039;`, `&#x7B;`, and the
/// legacy ones without `;` browsers read), its tags kept.
pub(super) fn character_references_read(text: &str) -> String {
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        rest = &rest[at..];
        let reference = rest
            .find(';')
            .filter(|&end| end <= 10)
            .map(|end| &rest[1..end]);
        let character = reference.and_then(|name| match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => {
                let number = name.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        // a legacy reference without its `;` (`&lt;url&gt/api`), which browsers read too when
        // no letter or digit follows it
        let legacy = || {
            [
                ("amp", '&'),
                ("lt", '<'),
                ("gt", '>'),
                ("quot", '"'),
                ("nbsp", ' '),
            ]
            .into_iter()
            .find(|(name, _)| {
                rest[1..].starts_with(name)
                    && !rest[1 + name.len()..]
                        .starts_with(|c: char| c.is_ascii_alphanumeric() || c == ';')
            })
        };
        match (character, reference) {
            (Some(character), Some(name)) => {
                decoded.push(character);
                rest = &rest[name.len() + 2..];
            }
            _ => match legacy() {
                Some((name, character)) => {
                    decoded.push(character);
                    rest = &rest[name.len() + 1..];
                }
                None => {
                    decoded.push('&');
                    rest = &rest[1..];
                }
            },
        }
    }
    decoded.push_str(rest);
    decoded
}

/// Whether a code block writes its quotes as HTML character references throughout (`curl -d
/// &#039;{&quot;a&quot;:1}&#039;`, as a Markdown page a site serves escaped, Facebook's, shows
/// them): it has one, and no quote written as itself.
pub(super) fn quotes_escaped_throughout(code: &str) -> bool {
    [
        "&quot;", "&#34;", "&#034;", "&#x22;", "&#39;", "&#039;", "&#x27;", "&apos;",
    ]
    .iter()
    .any(|reference| code.contains(reference))
        && !code.contains(['"', '\''])
}

/// Hugo's code shortcodes as fences (`{{< highlight bash >}}` … `{{< /highlight >}}`,
/// `{{< code lang="bash" >}}`), and every other shortcode alone on its line outside code left
/// out. Whether the page had any.
fn hugo_shortcodes(lines: &mut [String]) -> bool {
    use super::markdown::{TAB_START, TABS_END, TABS_START};
    let fenced = fenced_lines(lines);
    let mut found = false;
    let mut in_code = false;
    // in Docsy's `{{< tabpane >}}`, the language of its tabs' code (their text is code unless
    // `text=true`)
    let mut pane: Option<Option<String>> = None;
    // whether in a `{{< tabpane >}}` at all (`text=true` too)
    let mut in_pane = false;
    for (line, fenced) in lines.iter_mut().zip(fenced) {
        if fenced {
            continue;
        }
        let Some(inner) = shortcode(line) else {
            continue;
        };
        found = true;
        let mut words = inner.split_whitespace();
        let first = words.next().unwrap_or_default();
        // `{{< / highlight >}}` and `{{</ highlight >}}` close as `{{< /highlight >}}` does
        let closing = (first == "/").then(|| format!("/{}", words.next().unwrap_or_default()));
        let name = closing.as_deref().unwrap_or(first);
        let as_text = shortcode_param(inner, "text").is_some_and(|text| text == "true");
        match name {
            "tabpane" => {
                pane = (!as_text).then(|| shortcode_param(inner, "lang"));
                in_pane = true;
                line.clear();
            }
            "/tabpane" => {
                pane = None;
                in_pane = false;
                line.clear();
            }
            // a tab's code: in its own language, else the pane's, else the one its header names
            // (`header="cURL"`)
            "tab"
                if !in_code
                    && !as_text
                    && let Some(pane_language) = &pane =>
            {
                let language = shortcode_param(inner, "lang")
                    .or_else(|| pane_language.clone())
                    .or_else(|| {
                        shortcode_param(inner, "header")
                            .and_then(|h| h.split_whitespace().next().map(str::to_lowercase))
                    })
                    .unwrap_or_default();
                in_code = true;
                *line = format!("```{language}");
            }
            "/tab" if in_code => {
                in_code = false;
                *line = "```".to_string();
            }
            // hugo-book's and others' `{{< tabs >}}` of `{{< tab "cURL" >}}`s, whose text is
            // Markdown: a group of content tabs, each with its own text
            "tabs" if !in_code && !in_pane => *line = TABS_START.to_string(),
            "/tabs" if !in_code && !in_pane => *line = TABS_END.to_string(),
            "tab" if !in_code && !in_pane => *line = TAB_START.to_string(),
            // (Istio's `{{< text bash >}}`, `{{< text syntax="bash" >}}` too)
            "highlight" | "code" | "codeblock" | "code-block" | "text" if !in_code => {
                let language = words
                    .map(|word| word.trim_matches('"'))
                    .find_map(|word| {
                        let (key, value) = word.split_once('=').unwrap_or(("", word));
                        matches!(key, "" | "lang" | "language" | "syntax")
                            .then(|| value.trim_matches('"').to_string())
                    })
                    .unwrap_or_default();
                in_code = true;
                *line = format!("```{language}");
            }
            "/highlight" | "/code" | "/codeblock" | "/code-block" | "/text" if in_code => {
                in_code = false;
                *line = "```".to_string();
            }
            _ if !in_code => line.clear(),
            _ => {}
        }
    }
    found
}

/// The value of a shortcode's named parameter (`header="Create a user"`, `lang=bash`).
fn shortcode_param(inner: &str, key: &str) -> Option<String> {
    let mut rest = inner;
    while let Some(at) = rest.find(key) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + key.len()..].trim_start();
        rest = &rest[at + key.len()..];
        if before.is_some_and(|c| !c.is_whitespace()) {
            continue;
        }
        let Some(value) = after.strip_prefix('=').map(str::trim_start) else {
            continue;
        };
        return Some(match value.strip_prefix('"') {
            Some(quoted) => quoted.split('"').next().unwrap_or_default().to_string(),
            None => value
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string(),
        });
    }
    None
}

/// What a line that is one Hugo shortcode (`{{< name … >}}`, `{{% name … %}}`) holds.
fn shortcode(line: &str) -> Option<&str> {
    let line = line.trim();
    line.strip_prefix("{{<")
        .and_then(|l| l.strip_suffix(">}}"))
        .or_else(|| line.strip_prefix("{{%").and_then(|l| l.strip_suffix("%}}")))
        // not a line of several (`{{< code >}} GET /x {{< /code >}}`), which is text
        .filter(|inner| !inner.contains(">}}") && !inner.contains("%}}"))
        .map(str::trim)
}

/// Liquid's (and Jinja's) tags, `{% ifversion ghes %}`, `{%- raw -%}`, left out wherever they
/// are: they are the docs site's template, not the page. Of a condition's branches the first is
/// read (`{% ifversion ghes %}A{% else %}B{% endif %}` is `A`), as one version of the page shows
/// one, and a `{% comment %}` is left out whole. A line of a code block that held only tags and
/// left-out text goes, and a blank line takes its place after the block, so that a command
/// continued across it stays one. Whether the page had any.
fn liquid_tags(lines: &mut Vec<String>) -> bool {
    if !lines.iter().any(|line| line.contains("{%")) {
        return false;
    }
    // Jekyll's code blocks, `{% highlight bash %}` … `{% endhighlight %}`, are fences
    let mut found = false;
    for line in lines.iter_mut() {
        let tag = line
            .trim()
            .strip_prefix("{%")
            .and_then(|tag| tag.strip_suffix("%}"))
            .map(|tag| tag.trim_matches(['-', '~']).trim());
        let fence = match tag.map(|tag| tag.split_whitespace().collect::<Vec<_>>()) {
            Some(words) if words.first() == Some(&"highlight") => {
                Some(format!("```{}", words.get(1).copied().unwrap_or_default()))
            }
            Some(words) if words == ["endhighlight"] => Some("```".to_string()),
            _ => None,
        };
        if let Some(fence) = fence {
            *line = fence;
            found = true;
        }
    }
    // GitBook's and Redocly's (Markdoc's) tabs, `{% tabs %}` of `{% tab title="cURL" %}`s, whose
    // text is Markdown: a group of content tabs, each with its own text
    let fenced = fenced_lines(lines);
    for (line, fenced) in lines.iter_mut().zip(&fenced) {
        if *fenced {
            continue;
        }
        let marker = match liquid_tag_alone(line).as_deref() {
            Some("tabs") => super::markdown::TABS_START,
            Some("endtabs" | "/tabs") => super::markdown::TABS_END,
            Some("tab") => super::markdown::TAB_START,
            Some("endtab" | "/tab") => "",
            _ => continue,
        };
        *line = indented(marker, indent(line));
        found = true;
    }
    let mut removed_in_block = 0;
    let mut branches = Branches::default();
    let mut out = Vec::with_capacity(lines.len());
    for (index, line) in lines.iter().enumerate() {
        let kept = branches.read(line);
        let closing =
            fenced[index] && index > 0 && fenced[index - 1] && fence_opening(line).is_some();
        if closing {
            out.extend(std::iter::repeat_n(String::new(), removed_in_block));
            removed_in_block = 0;
        }
        match kept {
            Some(kept) if kept.trim().is_empty() && fenced[index] && !closing => {
                found = true;
                removed_in_block += 1;
            }
            Some(kept) => {
                found = true;
                out.push(kept);
            }
            None => out.push(line.clone()),
        }
    }
    out.extend(std::iter::repeat_n(String::new(), removed_in_block));
    *lines = out;
    found
}

/// The name of the one Liquid or Markdoc tag a line holds and nothing else (`tab` of `{% tab
/// title="cURL" %}`, `/tab` of `{% /tab %}`).
fn liquid_tag_alone(line: &str) -> Option<String> {
    let inner = line.trim().strip_prefix("{%")?.strip_suffix("%}")?;
    if inner.contains("%}") {
        return None;
    }
    let inner = inner.trim_matches(['-', '~']).trim();
    inner.split_whitespace().next().map(str::to_string)
}

/// A template's output tags of a site setting, `{{ site.api_root }}` (Jekyll), `{{
/// extra.api_url }}` (MkDocs macros), `{{ .Site.Params.api }}` (Hugo): blanks inside the braces
/// and a dotted path. Each is the variable its last name makes (`{{api_root}}`), as a `{% data
/// x.y %}` is, before the shell would split a command at its blanks. Whether the page had any.
/// A GitHub Actions expression (`${{ secrets.TOKEN }}`) is no such tag: the shell's reading
/// takes it.
fn output_tags(lines: &mut [String]) -> bool {
    let mut found = false;
    for line in lines.iter_mut() {
        if !line.contains("{{ ") {
            continue;
        }
        let mut out = String::with_capacity(line.len());
        let mut rest = line.as_str();
        loop {
            // up to the next Actions expression, which is kept as it is
            let (text, expression) = match rest.find("${{") {
                Some(start) => {
                    let end = rest[start..]
                        .find("}}")
                        .map_or(rest.len(), |end| start + end + 2);
                    (&rest[..start], &rest[start..end])
                }
                None => (rest, ""),
            };
            out.push_str(&crate::sample_values::map_variables(text, |inner| {
                // only a path: `{{ name }}` alone may be a body's own template (Mustache)
                let name = super::placeholders::template_output_name(inner)
                    .filter(|_| inner.contains('.'))?;
                found = true;
                Some(format!("{{{{{name}}}}}"))
            }));
            out.push_str(expression);
            rest = &rest[text.len() + expression.len()..];
            if rest.is_empty() {
                break;
            }
        }
        *line = out;
    }
    found
}

/// Where the text is in Liquid's conditions: for each open one, whether its text is read.
#[derive(Default)]
struct Branches {
    open: Vec<bool>,
}

impl Branches {
    fn reading(&self) -> bool {
        self.open.iter().all(|read| *read)
    }

    /// `line` as the page shows it, `None` when it has no tag and is read as it is.
    fn read(&mut self, line: &str) -> Option<String> {
        let mut out = String::new();
        let mut rest = line;
        let mut changed = !self.reading();
        while let Some(start) = rest.find("{%") {
            let tag = &rest[start + 2..];
            let Some(end) = tag.find("%}") else { break };
            let inner = tag[..end].trim_matches(['-', '~']).trim();
            let keyword = inner.split_whitespace().next().unwrap_or_default();
            // Markdoc's (Redocly's) closing tags, `{% /if %}`, as Liquid's `{% endif %}`
            let closed = keyword.strip_prefix('/').map(|name| format!("end{name}"));
            let keyword = closed.as_deref().unwrap_or(keyword);
            // GitBook's tags have dashes: `{% api-method %}`, `{% endopenapi-operation %}`
            let is_keyword = keyword.starts_with(|c: char| c.is_ascii_lowercase())
                && keyword
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'-');
            // Hugo's shortcode `{{% param token %}}` is no Liquid tag: a command reads it
            let shortcode = rest[..start].ends_with('{');
            if !is_keyword || shortcode {
                // `{%s}`, a format: text
                if self.reading() {
                    out.push_str(&rest[..start + 2]);
                }
                rest = tag;
                continue;
            }
            changed = true;
            if self.reading() {
                out.push_str(&rest[..start]);
                // a value the site writes in (GitHub's `{% data variables.product.api_url_code
                // %}`): a variable, named by its last part
                if keyword == "data"
                    && let Some(name) = inner.split_whitespace().nth(1)
                    && let Some(last) = name.rsplit('.').next().filter(|n| !n.is_empty())
                {
                    out.push_str(&format!("{{{{{last}}}}}"));
                }
                // GitBook's parameter, whose text follows: named before it
                if keyword == "api-method-parameter"
                    && let Some((_, after)) = inner.split_once("name=\"")
                    && let Some((name, _)) = after.split_once('"')
                {
                    out.push_str(&format!("`{name}`:"));
                }
            }
            match keyword {
                "comment" => self.open.push(false),
                "endcomment" => {
                    self.open.pop();
                }
                _ if keyword.starts_with("if") || keyword == "unless" || keyword == "case" => {
                    self.open.push(true)
                }
                "else" | "elsif" | "elif" | "elsif_version" | "when" => {
                    if let Some(read) = self.open.last_mut() {
                        *read = false;
                    }
                }
                _ if keyword.starts_with("endif")
                    || keyword == "endunless"
                    || keyword == "endcase" =>
                {
                    self.open.pop();
                }
                _ => {}
            }
            rest = &tag[end + 2..];
        }
        if self.reading() {
            out.push_str(rest);
        }
        changed.then_some(out)
    }
}

/// The components that document one field of a request or response (Mintlify's
/// `<ParamField>` and `<ResponseField>`, with what they hold, `<Expandable>` fields too) taken
/// out of the lines outside code blocks: a field's description is no request's, and the text
/// above a block is its request's prose. The lines stay, blank. Whether the page had any.
fn field_components(lines: &mut [String]) -> bool {
    const FIELDS: [&str; 2] = ["ParamField", "ResponseField"];
    let fenced = fenced_lines(lines);
    let mut depth = 0usize;
    let mut found = false;
    for (line, fenced) in lines.iter_mut().zip(fenced) {
        let trimmed = line.trim();
        let opens = FIELDS.iter().any(|name| {
            trimmed
                .strip_prefix('<')
                .and_then(|rest| rest.strip_prefix(name))
                .is_some_and(|rest| rest.starts_with([' ', '>', '/']) || rest.is_empty())
        });
        if !fenced && opens {
            found = true;
            // one written whole on its line (`<ParamField … />`, or closed on it) ends there
            let closed = trimmed.ends_with("/>")
                || FIELDS
                    .iter()
                    .any(|name| trimmed.ends_with(&format!("</{name}>")));
            if !closed {
                depth += 1;
            }
            line.clear();
            continue;
        }
        if depth > 0 {
            if !fenced
                && FIELDS
                    .iter()
                    .any(|name| trimmed.starts_with(&format!("</{name}>")))
            {
                depth -= 1;
            }
            line.clear();
        }
    }
    found
}

/// MDX's comments, `{/* … */}` (over several lines too), taken out of the lines outside code
/// blocks: MDX shows nothing of them. A line left with nothing else is blank, so that the lines
/// keep their numbers. Whether the page had any.
fn mdx_comments(lines: &mut [String]) -> bool {
    let fenced = fenced_lines(lines);
    let mut found = false;
    let mut open = false;
    for (line, fenced) in lines.iter_mut().zip(fenced) {
        if fenced {
            continue;
        }
        let mut kept = String::new();
        let mut rest = line.as_str();
        loop {
            if open {
                match rest.find("*/}") {
                    Some(end) => {
                        rest = &rest[end + 3..];
                        open = false;
                    }
                    None => break,
                }
            } else {
                match rest.find("{/*") {
                    // in a code span (an odd number of backticks before it), it is text
                    Some(start)
                        if (kept.matches('`').count() + rest[..start].matches('`').count()) % 2
                            == 1 =>
                    {
                        kept.push_str(&rest[..start + 3]);
                        rest = &rest[start + 3..];
                    }
                    Some(start) => {
                        kept.push_str(&rest[..start]);
                        rest = &rest[start + 3..];
                        open = true;
                        found = true;
                    }
                    None => {
                        kept.push_str(rest);
                        break;
                    }
                }
            }
        }
        if kept.len() != line.len() {
            *line = if kept.trim().is_empty() {
                String::new()
            } else {
                kept
            };
        }
    }
    found
}

/// The lines that are one JSX or HTML tag alone (`<Tabs>`, `<TabItem value="curl">`,
/// `</CodeGroup>`, `<RequestExample>`) outside code, left out: MDX reads the Markdown inside
/// such a tag as Markdown, where CommonMark would take the lines after it for HTML up to a
/// blank line. A fence indented four blanks or more inside one is moved out by its
/// indentation, as MDX reads it. Whether the page had any.
fn jsx_tag_lines(lines: &mut [String]) -> bool {
    let fenced = fenced_lines(lines);
    let mut found = false;
    let mut index = 0;
    while index < lines.len() {
        if fenced[index] {
            index += 1;
            continue;
        }
        if let Some(tag) = tag_alone(&lines[index]) {
            lines[index] = group_marker(&lines[index], tag).unwrap_or_default();
            found = true;
        } else if let Some(last) = component_tag_end(lines, &fenced, index) {
            // a component's tag written over several lines (Docusaurus' `<Tabs values={[…]}>`)
            lines[index..=last].iter_mut().for_each(String::clear);
            found = true;
            index = last;
        }
        index += 1;
    }
    if !found {
        return false;
    }
    let mut index = 0;
    while index < lines.len() {
        let depth = indent(&lines[index]);
        // a fence in MkDocs' content tab or admonition (`=== "curl"` over it) is left to the
        // page reader, which reads those
        let in_mkdocs_block = || {
            lines[..index]
                .iter()
                .rev()
                .find(|line| !line.trim().is_empty() && indent(line) < depth)
                .is_some_and(|above| super::markdown::is_mkdocs_marker(above))
        };
        if depth < 4
            || fence_opening(&lines[index]).is_none()
            || !fenced[index]
            || in_mkdocs_block()
        {
            index += 1;
            continue;
        }
        // the fence's own lines: up to its closing fence
        let mut end = index + 1;
        while end < lines.len() && fenced[end] && fence_opening(&lines[end]).is_none() {
            end += 1;
        }
        let last = (end + 1).min(lines.len());
        for line in &mut lines[index..last] {
            *line = dedented(line, depth);
        }
        index = end + 1;
    }
    true
}

/// The last line of a component's opening tag that starts on line `start` and goes on over the
/// next lines (`<Tabs` then `  values={[…]}>`), when it ends within a few lines, none blank.
fn component_tag_end(lines: &[String], fenced: &[bool], start: usize) -> Option<usize> {
    let first = lines[start].trim();
    let opens = first
        .strip_prefix('<')
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| c.is_ascii_uppercase());
    if !opens || first.ends_with('>') {
        return None;
    }
    (start + 1..lines.len().min(start + 40))
        .take_while(|&index| !fenced[index] && !lines[index].trim().is_empty())
        .find(|&index| lines[index].trim_end().ends_with('>'))
}

/// What a tag alone on its line (`line`, read as `tag`) that opens or closes a group of tabs is
/// read as (see [`super::markdown::TABS_START`]): Docusaurus' `<Tabs>` and `<TabItem>`,
/// Mintlify's `<CodeGroup>` and `<RequestExample>`, whose code blocks are tabs, Nextra's
/// `<Tabs.Tab>`. `None` for another tag, and for one indented as code would be.
fn group_marker(line: &str, tag: LoneTag) -> Option<String> {
    use super::markdown::{PAGE_EXAMPLE_START, TAB_START, TABS_END, TABS_START};
    let depth = indent(line);
    let marker = match (tag.name, tag.closing) {
        ("RequestExample", false) => PAGE_EXAMPLE_START,
        ("Tabs" | "CodeGroup" | "CodeBlocks", false) => TABS_START,
        ("Tabs" | "CodeGroup" | "RequestExample" | "CodeBlocks", true) => TABS_END,
        ("TabItem" | "Tab" | "Tabs.Tab", false) => TAB_START,
        _ => return None,
    };
    (depth < 4 && !line.trim_end().ends_with("/>")).then(|| indented(marker, depth))
}

/// A marker line at the depth of the line it stands for (within a list item's content, say).
fn indented(marker: &str, depth: usize) -> String {
    format!("{}{marker}", " ".repeat(depth))
}

/// MyST's directives written as fences that hold text, not code (```` ```{note} ````,
/// ```` ```{warning} ````, ```` ```{admonition} Title ````): their fence lines are left out and
/// their text read as the page's. Code directives (`{code-block}`, `{prompt}`) and R
/// Markdown's chunks (`{bash}`) stay code blocks. Whether the page has any.
fn myst_text_directives(lines: &mut [String]) -> bool {
    let mut found = false;
    let mut index = 0;
    while index < lines.len() {
        let Some(fence @ (_, length)) = fence_opening(&lines[index]) else {
            index += 1;
            continue;
        };
        let info = lines[index].trim_start()[length..].trim();
        let directive = info
            .strip_prefix('{')
            .and_then(|rest| rest.split_once('}'))
            .map(|(name, _)| name);
        // the fence's closing line
        let close = (index + 1..lines.len()).find(|&at| closes_fence(&lines[at], fence));
        // (R Markdown's and Quarto's ```` ```{bash} ```` chunks are code: only these are text)
        let text_directive = directive.is_some_and(|name| {
            [
                "note",
                "warning",
                "tip",
                "important",
                "hint",
                "caution",
                "attention",
                "danger",
                "error",
                "seealso",
                "admonition",
                "versionadded",
                "versionchanged",
                "deprecated",
                "topic",
                "sidebar",
                "dropdown",
            ]
            .contains(&name)
        });
        match close {
            Some(close) if text_directive => {
                lines[index].clear();
                lines[close].clear();
                // MyST's options right after the opening line: `:class: tip`
                for line in &mut lines[index + 1..close] {
                    let trimmed = line.trim();
                    if !(trimmed.starts_with(':') && trimmed[1..].contains(':')) {
                        break;
                    }
                    line.clear();
                }
                found = true;
                index = close + 1;
            }
            // a code directive's options (`:caption: Create a widget`, `:linenos:`) are no
            // code: left out, its caption the block's title as a fence's `title="…"` is
            Some(close) if directive.is_some_and(|name| MYST_CODE_DIRECTIVES.contains(&name)) => {
                let mut caption = None;
                for line in &mut lines[index + 1..close] {
                    let trimmed = line.trim();
                    let Some((key, value)) = trimmed
                        .strip_prefix(':')
                        .and_then(|rest| rest.split_once(':'))
                        .filter(|(key, _)| !key.is_empty() && !key.contains(' '))
                    else {
                        break;
                    };
                    if key == "caption" && !value.trim().is_empty() {
                        caption = Some(value.trim().replace('"', "'"));
                    }
                    line.clear();
                    found = true;
                }
                if let Some(caption) = caption {
                    lines[index].push_str(&format!(" title=\"{caption}\""));
                }
                index = close + 1;
            }
            Some(close) => index = close + 1,
            None => index += 1,
        }
    }
    found
}

/// MyST's directives written as fences that hold code.
pub(super) const MYST_CODE_DIRECTIVES: [&str; 4] = ["code-block", "code", "sourcecode", "prompt"];

/// Nuxt Content's (MDC's) block components, `::endpoint{…}` to a `::` alone, whose text is
/// Markdown, and their slot lines (`#request` alone): a `::code-group`'s lines are the markers of
/// a group of tabs (see [`super::markdown::TABS_START`]), the others' left out, on a page with
/// such a component. (`:::` and more colons are [`colon_fences`]'; a heading has a blank after
/// its `#`s.) Whether the page had any.
fn mdc_slots(lines: &mut [String]) -> bool {
    use super::markdown::{TABS_END, TABS_START};
    let fenced = fenced_lines(lines);
    fn component(line: &str) -> Option<&str> {
        let rest = line.trim().strip_prefix("::")?;
        let name_end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        let attributes = &rest[name_end..];
        (name.starts_with(|c: char| c.is_ascii_alphabetic())
            && (attributes.is_empty() || attributes.starts_with('{') && attributes.ends_with('}')))
        .then_some(name)
    }
    let any = lines
        .iter()
        .zip(&fenced)
        .any(|(line, fenced)| !fenced && component(line).is_some());
    if !any {
        return false;
    }
    // the open components: whether each is a group of tabs
    let mut open: Vec<bool> = Vec::new();
    for (line, fenced) in lines.iter_mut().zip(fenced) {
        if fenced {
            continue;
        }
        let trimmed = line.trim();
        let slot = trimmed.strip_prefix('#').is_some_and(|name| {
            name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
        if let Some(name) = component(trimmed) {
            let tabs = name == "code-group";
            open.push(tabs);
            *line = if tabs {
                TABS_START.to_string()
            } else {
                String::new()
            };
        } else if trimmed == "::" && !open.is_empty() {
            let tabs = open.pop() == Some(true);
            *line = if tabs {
                TABS_END.to_string()
            } else {
                String::new()
            };
        } else if slot {
            line.clear();
        }
    }
    true
}

/// Retype's tabs (`+++ cURL` opening each, `+++` alone closing the group) and panels (`==- Title`
/// or `=== Title` over the panel's text, `===` closing it): tabs as the content tabs they are
/// (see [`super::markdown::TABS_START`]), a panel's lines left out and its text read as the
/// page's. MkDocs' quoted `=== "cURL"` is its own, and a lone `===` is a title's underline on a
/// page without such a panel. Whether the page had any.
fn retype_blocks(lines: &mut [String]) -> bool {
    use super::markdown::{TAB_START, TABS_END};
    let fenced = fenced_lines(lines);
    let tab = |line: &str| {
        line.strip_prefix("+++ ")
            .is_some_and(|l| !l.trim().is_empty())
    };
    let panel = |line: &str| {
        ["==- ", "=== "].iter().any(|opening| {
            line.strip_prefix(opening)
                .is_some_and(|title| !title.trim().is_empty() && !title.trim().starts_with('"'))
        })
    };
    let retype = lines
        .iter()
        .zip(&fenced)
        .any(|(line, fenced)| !fenced && (tab(line) || panel(line)));
    if !retype {
        return false;
    }
    // a `+++ Caption` that `+++` closes with no other tab before it is one collapsible section
    // (Adobe Experience League writes them so), not a group of tabs: its caption is text
    let mut collapsible = vec![false; lines.len()];
    let mut opened: Option<(usize, usize)> = None;
    for (index, (line, fenced)) in lines.iter().zip(&fenced).enumerate() {
        let trimmed = line.trim_end();
        if *fenced {
            continue;
        }
        if tab(trimmed) {
            opened = match opened {
                None => Some((index, 1)),
                Some((first, count)) => Some((first, count + 1)),
            };
        } else if trimmed == "+++" {
            if let Some((first, 1)) = opened {
                collapsible[first] = true;
                collapsible[index] = true;
            }
            opened = None;
        }
    }
    let mut in_tabs = false;
    let mut panels = 0;
    for ((line, fenced), collapsible) in lines.iter_mut().zip(fenced).zip(collapsible) {
        if fenced {
            continue;
        }
        let trimmed = line.trim_end();
        if collapsible {
            // the caption a paragraph of its own; the closing line nothing
            *line = trimmed
                .strip_prefix("+++ ")
                .unwrap_or_default()
                .trim()
                .to_string();
        } else if tab(trimmed) {
            // (the first tab starts the group: the prose before it is each tab's)
            *line = TAB_START.to_string();
            in_tabs = true;
        } else if trimmed == "+++" && in_tabs {
            *line = TABS_END.to_string();
            in_tabs = false;
        } else if panel(trimmed) {
            line.clear();
            panels += 1;
        } else if matches!(trimmed, "===" | "==-") && panels > 0 {
            line.clear();
            panels -= 1;
        }
    }
    true
}

/// DocFX's tabs (Microsoft Learn's): headings that are only a link to `#tab/…` (`#### [cURL]
/// (#tab/curl)`), each opening a tab, and the `---` after the last closing the group: content
/// tabs (see [`super::markdown::TABS_START`]), not sections, so the heading above the group
/// stays the requests'. Whether the page had any.
fn docfx_tabs(lines: &mut [String]) -> bool {
    use super::markdown::{TAB_START, TABS_END};
    let fenced = fenced_lines(lines);
    let tab = |line: &str| {
        let text = line.trim_start_matches('#');
        text.len() < line.len()
            && text.starts_with(' ')
            && text
                .trim()
                .strip_prefix('[')
                .and_then(|rest| rest.split_once("](#tab/"))
                .is_some_and(|(_, rest)| rest.ends_with(')') && !rest.contains(' '))
    };
    let mut in_tabs = false;
    let mut found = false;
    for (line, fenced) in lines.iter_mut().zip(fenced) {
        if fenced {
            continue;
        }
        if tab(line.trim()) {
            // (the first tab starts the group: the prose before it is each tab's)
            *line = TAB_START.to_string();
            in_tabs = true;
            found = true;
        } else if in_tabs && line.trim() == "---" {
            *line = TABS_END.to_string();
            in_tabs = false;
        }
    }
    found
}

/// Colon fences (VitePress' `::: code-group` and `::: tip`, Docusaurus' `:::note`, MyST's
/// `::::{tab-set}`, `:::{tab-item} cURL` and the `:sync: bash` options after them): a group of
/// tabs' lines are its markers (see [`super::markdown::TABS_START`]), an admonition's are left
/// out and its text read as the page's. Whether the page has any.
fn colon_fences(lines: &mut [String]) -> bool {
    use super::markdown::{TAB_START, TABS_END, TABS_START};
    let fenced = fenced_lines(lines);
    let mut found = false;
    // the open fences: their colons, and whether each is a group of tabs
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut after_opening = false;
    // the level of the last heading, which a step's title is below
    let mut heading_level = 1;
    for (line, fenced) in lines.iter_mut().zip(fenced) {
        if fenced || indent(line) >= 4 {
            after_opening = false;
            continue;
        }
        let trimmed = line.trim();
        let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            heading_level = hashes;
        }
        let colons = trimmed.len() - trimmed.trim_start_matches(':').len();
        if colons < 3 {
            // MyST's options right after an opening line: `:sync-group: lang`
            let option = trimmed.starts_with(':')
                && trimmed[1..].split_once(':').is_some_and(|(name, _)| {
                    !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                });
            if after_opening && option {
                line.clear();
                continue;
            }
            after_opening = false;
            continue;
        }
        let rest = trimmed[colons..].trim();
        let name = rest
            .trim_start_matches('{')
            .split(|c: char| c == '}' || c.is_whitespace())
            .next()
            .unwrap_or_default();
        let depth = indent(line);
        let marked = |marker: &str| indented(marker, depth);
        found = true;
        if rest.is_empty() {
            let closed = match open.iter().rposition(|(count, _)| *count == colons) {
                Some(at) => open.drain(at..).next(),
                None => open.pop(),
            };
            *line = match closed {
                Some((_, true)) => marked(TABS_END),
                _ => String::new(),
            };
            after_opening = false;
            continue;
        }
        let tabs = matches!(name, "code-group" | "tab-set" | "tabs");
        let title = rest
            .split_once('}')
            .map(|(_, title)| title.trim())
            .filter(|title| !title.is_empty());
        *line = if tabs {
            marked(TABS_START)
        } else if matches!(name, "tab-item" | "tab") {
            marked(TAB_START)
        } else if name == "step"
            && let Some(title) = title
        {
            // a stepper's step (Elastic's docs-builder): its title heads what it holds
            format!("{} {title}", "#".repeat((heading_level + 1).min(6)))
        } else {
            String::new()
        };
        open.push((colons, tabs));
        after_opening = true;
    }
    found
}

/// The one tag a line is: its name, and whether it closes one (`</Tabs>`).
#[derive(Clone, Copy)]
struct LoneTag<'l> {
    name: &'l str,
    closing: bool,
}

/// The tag a line is when it is one tag and nothing else: `<Name …>`, `</Name>` or `<Name …
/// />`, of a component or a tag that groups Markdown (`details`, `div`).
fn tag_alone(line: &str) -> Option<LoneTag<'_>> {
    let inner = line.trim().strip_prefix('<')?.strip_suffix('>')?;
    let tag = inner.trim_start_matches('/');
    let closing = tag.len() < inner.len();
    let length = tag
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':')))
        .unwrap_or(tag.len());
    let name = &tag[..length];
    // a component (`Tabs`, `CodeGroup`), or an HTML tag that only groups Markdown; a table's
    // or a heading's tags are left to the HTML block they open
    let component = name.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    // (Vue's `<template #code>` names a component's slot)
    let grouping = ["details", "summary", "div", "section", "template"].contains(&name);
    ((component || grouping) && !inner.contains(['<', '>'])).then_some(LoneTag { name, closing })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (String, Option<Markup>) {
        let (page, markup) = as_markdown(text);
        (page.into_owned(), markup)
    }

    #[test]
    fn includes_of_code_in_other_markup_are_found() {
        let page = "Callbacks\n=========\n\nWe'll start.\n\n.. literalinclude:: examples/curl/callback-create.sh\n\n.. literalinclude:: examples/list.txt\n   :language: console\n\n.. literalinclude:: conf.py\n\n```bash\n--8<-- \"examples/create-user.txt\"\n```\n\n--8<-- \"includes/abbreviations.md\"\n\n{% highlight bash %}\n{% include_relative examples/delete.curl %}\n{% endhighlight %}\n{% include footer.html %}\n";
        assert_eq!(
            code_includes(page),
            [
                (6, "examples/curl/callback-create.sh".to_string()),
                (8, "examples/list.txt".to_string()),
                (14, "examples/create-user.txt".to_string()),
                (20, "examples/delete.curl".to_string()),
            ]
        );
        let page = "::: code-group\n\n<<< @/snippets/create.sh{2-4} [cURL]\n\n<<< @/snippets/create.js [fetch]\n\n<<< ./run.txt [curl]\n:::\n\n```console\n{{#include ../examples/list.sh:5:9}}\n```\n";
        assert_eq!(
            code_includes(page),
            [
                (3, "@/snippets/create.sh".to_string()),
                (7, "./run.txt".to_string()),
                (11, "../examples/list.sh".to_string()),
            ]
        );
    }

    #[test]
    fn markdown_as_it_stands_is_left_alone() {
        let page = "# Users\n\n```bash\ncurl https://e.com/u\n```\n";
        assert_eq!(as_markdown(page), (page.into(), None));
        // a shell script with nothing of a page
        let script = "curl -X POST https://e.com/u \\\n  -d 'a=1'\n";
        assert_eq!(as_markdown(script), (script.into(), None));
    }

    // Sphinx's HTTP API pages underline titles with backquotes, which Markdown would take for a
    // fence swallowing the page
    #[test]
    fn a_title_underlined_with_backquotes_is_restructured_texts() {
        let page = "Title\n=====\n\nGET /ping\n`````````\n\nCheck it.\n\n.. code-block:: bash\n\n   curl http://h/ping\n\nPOST /log\n``````````\n\n.. code-block:: bash\n\n   curl -d a=b http://h/log\n";
        let (markdown, markup) = as_markdown(page);
        assert_eq!(markup, Some(Markup::ReStructuredText));
        assert!(markdown.contains("## GET /ping\n"), "{markdown}");
        assert!(markdown.contains("## POST /log\n"), "{markdown}");
        // a Markdown fence after text opens code, which follows on its next line
        let fenced = "Example:\n```\ncurl http://h/a\n```\n";
        assert_eq!(as_markdown(fenced).1, None);
        let long = "Run this\n````````\ncurl http://h/a\n````````\n";
        assert_eq!(as_markdown(long).1, None);
    }

    // Sphinx pages' parameter tables (a payments page's `list-table`, Kasko's `csv-table`)
    #[test]
    fn restructured_text_tables_are_markdown_tables_on_their_lines() {
        let page = concat!(
            "Pay\n",
            "===\n",
            "\n",
            ".. list-table::\n",
            "   :header-rows: 1\n",
            "\n",
            "   * - Parameter\n",
            "     - Description\n",
            "   * - token\n",
            "     - The payment\n",
            "       token (a | b).\n",
            "\n",
            ".. csv-table:: Fields\n",
            "   :header: \"Name\", \"Meaning\"\n",
            "\n",
            "   \"id\", \"The \"\"real\"\" id, or none\"\n",
            "\n",
            ".. code-block:: bash\n",
            "\n",
            "    curl https://e.com/pay\n",
        );
        let (markdown, _) = read(page);
        let lines: Vec<&str> = markdown.lines().collect();
        assert_eq!(
            &lines[3..8],
            [
                "| Parameter | Description |",
                "| --- | --- |",
                "| token | The payment token (a \\| b). |",
                "",
                ""
            ]
        );
        assert_eq!(
            &lines[12..15],
            [
                "| Name | Meaning |",
                "| --- | --- |",
                "| id | The \"real\" id, or none |"
            ]
        );
    }

    #[test]
    fn restructured_text_code_blocks_and_titles_are_markdown() {
        let page = concat!(
            "Consul's API\n",
            "============\n",
            "\n",
            "Register a service:\n",
            "\n",
            ".. code-block:: bash\n",
            "   :linenos:\n",
            "\n",
            "    curl -X PUT http://localhost:8500/v1/agent/service/register \\\n",
            "      -d @payload.json\n",
            "\n",
            "Services\n",
            "--------\n",
            "\n",
            "List them::\n",
            "\n",
            "    $ curl http://localhost:8500/v1/agent/services\n",
            "    {}\n",
            "\n",
            ".. note::\n",
            "\n",
            "    It's fast.\n",
        );
        let (markdown, markup) = read(page);
        assert_eq!(markup, Some(Markup::ReStructuredText));
        assert_eq!(
            markdown,
            concat!(
                "# Consul's API\n",
                "\n",
                "\n",
                "Register a service:\n",
                "\n",
                "\n",
                "\n",
                "```bash\n",
                "curl -X PUT http://localhost:8500/v1/agent/service/register \\\n",
                "  -d @payload.json\n",
                "```\n",
                "## Services\n",
                "\n",
                "\n",
                "List them:\n",
                "```\n",
                "$ curl http://localhost:8500/v1/agent/services\n",
                "{}\n",
                "```\n",
                "\n",
                "\n",
                "It's fast.\n",
            )
        );
    }

    /// A doctest block is code, as reStructuredText shows it, not a quote of a quote: fenced on
    /// the blank lines around it, so each line stays on the page's line.
    #[test]
    fn a_doctest_block_is_code() {
        let page = concat!(
            "Many files:\n",
            "\n",
            "  >>> app.post('/files')\n",
            "  ... def files(): pass\n",
            "\n",
            ".. code-block:: console\n",
            "\n",
            "    $ curl -F 'f=@a.txt' http://localhost:8000/files\n",
            "\n",
            "Then >>> is text.\n",
            "\n",
            ">>> 1 + 1\n",
        );
        let (markdown, _) = read(page);
        assert_eq!(
            markdown,
            concat!(
                "Many files:\n",
                "```pycon\n",
                ">>> app.post('/files')\n",
                "... def files(): pass\n",
                "```\n",
                "\n",
                "```console\n",
                "$ curl -F 'f=@a.txt' http://localhost:8000/files\n",
                "```\n",
                "Then >>> is text.\n",
                "```pycon\n",
                ">>> 1 + 1\n",
                "```\n",
            )
        );
    }

    // Sphinx pages: titles underlined with `~`, nested tab directives, a `::` block after prose
    #[test]
    fn tilde_underlines_and_nested_directives_are_restructured_text() {
        let page = concat!(
            "Listing items\n",
            "~~~~~~~~~~~~~\n",
            "\n",
            ".. tabs::\n",
            "\n",
            "   .. tab:: cURL\n",
            "\n",
            "      .. code-block:: bash\n",
            "\n",
            "         curl https://e.com/items\n",
            "\n",
            "Note: it's paginated::\n",
            "\n",
            "    curl \"https://e.com/items?page=2\"\n",
        );
        let (markdown, markup) = read(page);
        assert_eq!(markup, Some(Markup::ReStructuredText));
        assert_eq!(
            markdown,
            "# Listing items\n\n\n\n\n\n\n\n```bash\ncurl https://e.com/items\n```\nNote: it's paginated:\n```\ncurl \"https://e.com/items?page=2\"\n```\n"
        );
    }

    // Sphinx httpdomain: the subsections an endpoint's directive holds (underlined with `~`,
    // which Markdown would read as a fence) sit below the section the directive is in
    #[test]
    fn titles_inside_a_directive_are_headings_below_its_section() {
        let page = concat!(
            "Auth\n",
            "====\n",
            "\n",
            ".. http:post:: /auth/token\n",
            "\n",
            "    Creates a token.\n",
            "\n",
            "    Example request\n",
            "    ~~~~~~~~~~~~~~~\n",
            "\n",
            "    .. sourcecode:: http\n",
            "\n",
            "        POST /auth/token HTTP/1.1\n",
            "\n",
            "    Code examples\n",
            "    ~~~~~~~~~~~~~\n",
            "    With curl:\n",
            "\n",
            "    .. code-block:: bash\n",
            "\n",
            "        curl -X POST https://e.com/auth/token\n",
            "\n",
            "Status\n",
            "======\n",
            "\n",
            ".. http:get:: /auth/status\n",
            "\n",
            "    Request\n",
            "    -------\n",
            "\n",
            "    .. code-block:: bash\n",
            "\n",
            "        curl https://e.com/auth/status\n",
            "\n",
            "    Shown in prose,\n",
            "    --------------\n",
        );
        let (markdown, _) = read(page);
        let headings: Vec<&str> = markdown.lines().filter(|l| l.starts_with('#')).collect();
        assert_eq!(
            headings,
            [
                "# Auth",
                "## Example request",
                "## Code examples",
                "# Status",
                "## Request"
            ],
            "{markdown}"
        );
        assert!(!markdown.contains("~~~"), "{markdown}");
        assert!(!markdown.contains("---"), "{markdown}");
        assert!(
            markdown.contains("\nWith curl:\n\n\n```bash\ncurl -X POST"),
            "{markdown}"
        );
        assert!(markdown.contains("\nShown in prose,\n"), "{markdown}");
    }

    // Red Hat's placeholders: italic in a block with the quotes substitution, which the reader
    // sees and runs without the underscores
    #[test]
    fn asciidoc_emphasis_around_placeholders_is_taken_off_where_quotes_are_substituted() {
        let page = concat!(
            "== Upload\n\n",
            "[source,terminal,subs=\"+quotes\"]\n",
            "----\n",
            "$ curl -H \"User-Agent: op/_<cluster_id>_\" -H \"Authorization: Bearer _<your_token>_\" ",
            "-F \"upload=@_<path>_\" https://__<registry_host>__/v2/x?n=__<page_size>__&k=my_<a>_b\n",
            "----\n\n",
            "[source,terminal]\n",
            "----\n",
            "$ curl https://e.com/_<kept>_\n",
            "----\n",
        );
        let (markdown, _) = read(page);
        assert!(
            markdown.contains(
                "$ curl -H \"User-Agent: op/<cluster_id>\" -H \"Authorization: Bearer <your_token>\" -F \"upload=@<path>\" https://<registry_host>/v2/x?n=<page_size>&k=my_<a>_b\n"
            ),
            "{markdown}"
        );
        // no quotes substitution: as written
        assert!(
            markdown.contains("$ curl https://e.com/_<kept>_\n"),
            "{markdown}"
        );
        assert!(substitutes_quotes(
            "[source,bash,subs=\"attributes+,+quotes\"]"
        ));
        assert!(substitutes_quotes("[source,bash,subs=normal]"));
        assert!(!substitutes_quotes("[source,bash,subs=\"attributes+\"]"));
        assert_eq!(
            without_emphasis_around_placeholders("**<id>** a_<b>"),
            "<id> a_<b>"
        );
    }

    // A list item's literal block ends where the item's next paragraph starts, at the column
    // its text starts at, though that is left of the block: here the here-document's `EOF`
    // comes out at the start of its line.
    #[test]
    fn a_literal_block_in_a_list_item_ends_with_the_items_text() {
        let page = concat!(
            "#. Register::\n",
            "\n",
            "    curl https://e.com/auth --data @- <<EOF\n",
            "        {\"a\": 1}\n",
            "    EOF\n",
            "\n",
            "   Then check your mail.\n",
        );
        let (markdown, markup) = read(page);
        assert_eq!(markup, Some(Markup::ReStructuredText));
        assert_eq!(
            markdown,
            concat!(
                "1. Register:\n",
                "```\n",
                "curl https://e.com/auth --data @- <<EOF\n",
                "    {\"a\": 1}\n",
                "EOF\n",
                "```\n",
                "   Then check your mail.\n",
            )
        );
    }

    #[test]
    fn a_list_items_text_starts_after_its_marker() {
        for (line, column) in [
            ("#. Register::", 3),
            ("  - Log in::", 4),
            ("12. Send::", 4),
            ("(a)  Send::", 5),
            ("b) Send::", 3),
            ("Note: it's paginated::", 0),
            ("   continued here::", 3),
            ("-- not an item::", 0),
            ("1.5 is a number::", 0),
            ("Example. Send::", 0),
        ] {
            assert_eq!(text_column(line), column, "{line}");
        }
    }

    #[test]
    fn a_block_at_the_end_of_the_page_is_closed() {
        let (markdown, _) = read(".. code:: console\n\n   $ curl https://e.com/x");
        assert_eq!(markdown, "\n```console\n$ curl https://e.com/x\n```");
        let (markdown, _) = read("= API\n\n[source,sh]\ncurl https://e.com/x \\\n  -d a=1\n");
        assert_eq!(
            markdown,
            "# API\n\n```sh\ncurl https://e.com/x \\\n  -d a=1\n```\n"
        );
    }

    // a two-line section title's underline is no listing delimiter (as Asciidoctor reads it:
    // the lengths within one character)
    #[test]
    fn asciidoc_two_line_titles_are_headings() {
        let page = "Users API\n=========\n\nCreate user\n-----------\n\nCreates one.\n\n[source,shell]\n----\ncurl -X POST https://e.com/users\n----\n\nA longer paragraph line\n----\ncurl https://e.com/b\n----\n";
        let (markdown, _) = read(page);
        assert_eq!(
            markdown,
            "# Users API\n\n\n## Create user\n\n\nCreates one.\n\n\n```shell\ncurl -X POST https://e.com/users\n```\n\nA longer paragraph line\n```\ncurl https://e.com/b\n```\n"
        );
        assert_eq!(setext_title_level("Delete", "~~~~~~~"), Some(3));
        assert_eq!(setext_title_level(".Title", "------"), None);
        assert_eq!(setext_title_level("Run", "----"), Some(2));
        assert_eq!(setext_title_level("Run", "------"), None);
    }

    #[test]
    fn asciidoc_listing_blocks_and_titles_are_markdown() {
        let page = concat!(
            "= Service discovery\n",
            ":toc:\n",
            "\n",
            "== Register\n",
            "\n",
            "Use Consul's API:\n",
            "\n",
            ".Request\n",
            "[source,bash]\n",
            "----\n",
            "curl -X PUT http://localhost:8500/v1/agent/service/register <1>\n",
            "----\n",
            "<1> the agent\n",
            "\n",
            "====\n",
            "An example.\n",
            "====\n",
        );
        let (markdown, markup) = read(page);
        assert_eq!(markup, Some(Markup::AsciiDoc));
        assert_eq!(
            markdown,
            concat!(
                "# Service discovery\n",
                "\n",
                "\n",
                "## Register\n",
                "\n",
                "Use Consul's API:\n",
                "\n",
                "\n",
                "\n",
                "```bash\n",
                "curl -X PUT http://localhost:8500/v1/agent/service/register\n",
                "```\n",
                "\n",
                "\n",
                "\n",
                "An example.\n",
                "\n",
            )
        );
    }

    #[test]
    fn hugo_code_shortcodes_are_fences() {
        let page = "It's here:\n\n{{< tabs >}}\n{{< highlight bash >}}\ncurl https://e.com/x\n{{< /highlight >}}\n{{< code lang=\"sh\" >}}\ncurl https://e.com/y\n{{< /code >}}\n{{< /tabs >}}\n";
        let (markdown, markup) = read(page);
        assert_eq!(markup, Some(Markup::Templated));
        assert_eq!(
            markdown,
            "It's here:\n\n<!-- samplegen: content tabs -->\n```bash\ncurl https://e.com/x\n```\n```sh\ncurl https://e.com/y\n```\n<!-- samplegen: end of content tabs -->\n"
        );
        // Istio's `text` shortcode, its language as a word or `syntax=`
        let (markdown, _) = read(
            "{{< text bash >}}\n$ curl https://e.com/x\n{{< /text >}}\n{{< text syntax=\"bash\" outputis=\"json\" >}}\n$ curl https://e.com/y\n{{< /text >}}\n",
        );
        assert_eq!(
            markdown,
            "```bash\n$ curl https://e.com/x\n```\n```bash\n$ curl https://e.com/y\n```\n"
        );
    }

    // a `<details>` (a JSX-like tag line) on a MkDocs page leaves its content tabs' fences
    // indented, for the page reader, which gives them the text before the group
    #[test]
    fn mkdocs_tabs_keep_their_fences_beside_a_details_block() {
        let page = "Get the items.\n\n=== \"curl\"\n\n    ```bash\n    curl https://e.com/items\n    ```\n\n<details>\n<summary>Response</summary>\n\n```json\n{}\n```\n\n</details>\n";
        let (markdown, markup) = read(page);
        assert_eq!(markup, Some(Markup::Templated));
        assert!(
            markdown
                .contains("=== \"curl\"\n\n    ```bash\n    curl https://e.com/items\n    ```\n"),
            "{markdown}"
        );
    }

    // a README written in HTML: its `<pre>` blocks of curl commands are code blocks, other
    // `<pre>` blocks stay HTML
    #[test]
    fn html_pre_blocks_of_curl_are_fences() {
        // Markdown with HTML in it (a page written in HTML is read as one: see `html.rs`)
        let page = "Notes.\n\n<h2>Health</h2>\n<pre>docker compose up</pre>\n<pre>curl -X GET \"http://h/health\"</pre>\n<p>Search:</p>\n  <pre><code class=\"language-bash\">curl \"http://h/s?a=1&amp;b=&lt;x&gt;&#39;\" \\\n  -H 'X: y'</code></pre></li>\n";
        let (markdown, markup) = read(page);
        assert_eq!(markup, Some(Markup::Templated));
        assert_eq!(
            markdown,
            "Notes.\n\n## Health\n<pre>docker compose up</pre>\n\n```\ncurl -X GET \"http://h/health\"\n```\n\nSearch:\n\n```bash\ncurl \"http://h/s?a=1&b=<x>'\" \\\n  -H 'X: y'\n```\n\n"
        );
        assert_eq!(html_text_of("a &amp;&#x41;&unknown; &"), "a &A&unknown; &");
        // MyST's roles in Markdown prose
        assert_eq!(
            with_myst_roles_read(
                "by its {term}`BCE` (see {doc}`the glossary <glossary>`), `{\"a\": {}}`"
            ),
            "by its BCE (see the glossary), `{\"a\": {}}`"
        );
        // a placeholder inside a code span is no role
        for kept in [
            "`Authorization: Bearer {your_api_token}`",
            "`/search?amount={amount}` and `/n/{notification_id}`",
        ] {
            assert_eq!(with_myst_roles_read(kept), kept);
        }
        // without `;`, as browsers read it before a character that is no letter or digit
        assert_eq!(
            html_text_of("&lt;url&gt/api?a=1&amp b&gtx"),
            "<url>/api?a=1& b&gtx"
        );
    }

    // hugo-book's `{{< tabs >}}` of `{{< tab "…" >}}`s: content tabs, each with its own text
    #[test]
    fn hugo_tabs_are_content_tabs() {
        use super::super::markdown::{TAB_START, TABS_END, TABS_START};
        let page = "{{< tabs \"o\" >}}\n{{< tab \"SDK\" >}}\nRun it.\n{{< /tab >}}\n{{< tab \"cURL\" >}}\nOr:\n{{< highlight bash >}}\ncurl https://e.com/o\n{{< /highlight >}}\n{{< /tab >}}\n{{< /tabs >}}\n";
        let (markdown, _) = read(page);
        assert_eq!(
            markdown,
            format!(
                "{TABS_START}\n{TAB_START}\nRun it.\n\n{TAB_START}\nOr:\n```bash\ncurl https://e.com/o\n```\n\n{TABS_END}\n"
            )
        );
    }

    // `{{< / highlight >}}` (Redis' docs) and `{{</ highlight >}}` close a block; a line of
    // several shortcodes (`{{< code >}} DELETE /x {{< /code >}}`) is text, no fence
    #[test]
    fn hugo_closing_shortcodes_with_a_blank_and_lines_of_several() {
        let page = "{{< highlight bash >}}\ncurl https://e.com/x\n{{< / highlight >}}\n\nText.\n\n{{< highlight bash >}}\ncurl https://e.com/y\n{{</ highlight >}}\n\n{{< code >}} DELETE /x {{< /code >}}\n\n{{< code lang=\"bash\" >}}\ncurl -X DELETE https://e.com/z\n {{< /code >}}\n";
        let (markdown, _) = read(page);
        assert_eq!(
            markdown,
            "```bash\ncurl https://e.com/x\n```\n\nText.\n\n```bash\ncurl https://e.com/y\n```\n\n{{< code >}} DELETE /x {{< /code >}}\n\n```bash\ncurl -X DELETE https://e.com/z\n```\n"
        );
    }

    #[test]
    fn colon_fences_are_markers_or_left_out() {
        let page = "::: code-group\n```sh\ncurl https://e.com/a\n```\n:::\n\n:::tip\nA tip.\n:::\n\n::::{tab-set}\n:sync-group: lang\n\n:::{tab-item} cURL\n:sync: bash\n```bash\ncurl https://e.com/b\n```\n:::\n::::\n";
        let (markdown, markup) = read(page);
        assert_eq!(markup, Some(Markup::Templated));
        assert_eq!(
            markdown,
            "<!-- samplegen: content tabs -->\n```sh\ncurl https://e.com/a\n```\n<!-- samplegen: end of content tabs -->\n\n\nA tip.\n\n\n<!-- samplegen: content tabs -->\n\n\n<!-- samplegen: a content tab -->\n\n```bash\ncurl https://e.com/b\n```\n\n<!-- samplegen: end of content tabs -->\n"
        );
        // a stepper's steps head what they hold, below the heading before them
        let steps = "## Set up\n\n:::::{stepper}\n::::{step} Install it\nClick.\n::::\n::::{step} Enable it\n```sh\ncurl -X POST https://e.com/on\n```\n::::\n:::::\n";
        let (markdown, _) = read(steps);
        assert_eq!(
            markdown,
            "## Set up\n\n\n### Install it\nClick.\n\n### Enable it\n```sh\ncurl -X POST https://e.com/on\n```\n\n\n"
        );
    }

    #[test]
    fn restructured_texts_items_and_link_references_read_as_markdown() {
        assert_eq!(
            restructured_text_inline("#. `Obtain a captcha`_ and solve it:"),
            "1. Obtain a captcha and solve it:"
        );
        assert_eq!(
            restructured_text_inline("   #. See `the docs <https://e.com/d>`__, ``x``."),
            "   1. See [the docs](https://e.com/d), ``x``."
        );
        // inline code stays code
        assert_eq!(
            restructured_text_inline("Send `a`_b and ``c``"),
            "Send `a`_b and ``c``"
        );
        // interpreted text (Nextcloud's `:code:`): code as code, the rest as its text
        assert_eq!(
            restructured_text_inline(
                "Use :code:`SEARCH` on :file:`remote.php`, see :ref:`WebDAV search <webdav>` and :term:`DAV`; 10:30 stays."
            ),
            "Use `SEARCH` on `remote.php`, see WebDAV search and DAV; 10:30 stays."
        );
        // reStructuredText has no HTML: what Markdown would read as a tag is text (Wazuh's
        // `Replace <user> and <password>`), in code as it is
        assert_eq!(
            restructured_text_inline("Replace <user> and </x>, a < b, ``<kept>`` `<k>`_."),
            "Replace \\<user> and \\</x>, a < b, ``<kept>`` \\<k>."
        );
    }

    #[test]
    fn org_mode_source_blocks_and_headings_are_markdown() {
        let page = "#+TITLE: API notes\n* TODO Log in :api:\n:PROPERTIES:\n:ID: 1\n:END:\nSee [[https://e.com/d][the docs]] and =token=.\n# a comment\n#+begin_src sh :results output\ncurl https://e.com/login\n#+end_src\n\n#+RESULTS:\n: {\"token\": 1}\n\ncURL is a tool.\n";
        let (markdown, markup) = read(page);
        assert_eq!(markup, Some(Markup::Org));
        assert_eq!(
            markdown,
            "# API notes\n# Log in\n\n\n\nSee [the docs](https://e.com/d) and `token`.\n\n```sh\ncurl https://e.com/login\n```\n\n\n\n\ncURL is a tool.\n"
        );
    }

    #[test]
    fn asciidoc_prose_reads_as_markdown() {
        for (line, markdown) in [
            (". Obtain a token:", "1. Obtain a token:"),
            ("+", ""),
            (
                "NOTE: It expires in a minute",
                "**Note:** It expires in a minute",
            ),
            ("V1 API::", "**V1 API**"),
            (
                "Schema API:: Reads the schema.",
                "**Schema API**: Reads the schema.",
            ),
            (
                "See link:{getting_started}[the tutorial] and https://e.com/d[the docs].",
                "See the tutorial and [the docs](https://e.com/d).",
            ),
            (
                "Call link:api.html[] then https://e.com/x alone.",
                "Call [api.html](api.html) then https://e.com/x alone.",
            ),
            (
                "Keep `a::b` and http://h:8080/x as written",
                "Keep `a::b` and http://h:8080/x as written",
            ),
            (
                "See the https://e.com/api[Catalog API^] page.",
                "See the [Catalog API](https://e.com/api) page.",
            ),
        ] {
            assert_eq!(asciidoc_prose(line), markdown, "{line}");
        }
        // a block image is no prose
        let (page, _) = read(
            "== Register\n\nimage::images/a.png[Services]\n\nUse:\n\n[source,bash]\n----\ncurl https://e.com/x\n----\n",
        );
        assert!(!page.contains("image::"), "{page}");
    }

    #[test]
    fn mysts_text_directives_are_text() {
        let page = "```{note}\n:class: tip\nEvery response carries an `ETag`.\n```\n\n```{code-block} bash\ncurl https://e.com/a\n```\n\n```{bash}\ncurl https://e.com/b\n```\n";
        let (markdown, markup) = read(page);
        assert_eq!(markup, Some(Markup::Templated));
        assert_eq!(
            markdown,
            "\n\nEvery response carries an `ETag`.\n\n\n```{code-block} bash\ncurl https://e.com/a\n```\n\n```{bash}\ncurl https://e.com/b\n```\n"
        );
        // a code directive's options are left out, its caption its title
        let page = "```{code-block} bash\n:caption: Create a \"widget\"\n:linenos:\n\ncurl https://e.com/a\n```\n";
        assert_eq!(
            read(page).0,
            "```{code-block} bash title=\"Create a 'widget'\"\n\n\n\ncurl https://e.com/a\n```\n"
        );
    }

    #[test]
    fn gitbook_tags_with_dashes_are_left_out() {
        use super::super::markdown::{TAB_START, TABS_END, TABS_START};
        let page = "{% api-method method=\"post\" path=\"/v2/currencies\" %}\n{% api-method-summary %}\nUpdate a currency\n{% endapi-method-summary %}\n{% tabs %}\n{% tab title=\"cURL\" %}\n```bash\ncurl -X PUT https://e.com/v2/currencies/1\n```\n{% endtab %}\n{% endtabs %}\n{% endapi-method %}\n";
        let (markdown, markup) = read(page);
        assert_eq!(markup, Some(Markup::Templated));
        assert_eq!(
            markdown,
            format!(
                "\n\nUpdate a currency\n\n{TABS_START}\n{TAB_START}\n```bash\ncurl -X PUT https://e.com/v2/currencies/1\n```\n\n{TABS_END}\n\n"
            )
        );
        // a parameter's text keeps the parameter's name
        let (markdown, _) = read(
            "{% api-method-parameter name=\"slug\" type=\"string\" required=true %}\nA unique slug\n{% endapi-method-parameter %}\n",
        );
        assert_eq!(markdown, "`slug`:\nA unique slug\n\n");
    }

    #[test]
    fn docsy_tabpane_tabs_are_code() {
        // a tab's text is code in its language, the pane's, or the one its header names; with
        // `text=true` it is Markdown
        let page = "{{< tabpane >}}\n{{< tab header=\"cURL\" >}}\ncurl https://e.com/x\n{{< /tab >}}\n{{< tab header=\"Go\" lang=\"go\" >}}\nhttp.Get(x)\n{{< /tab >}}\n{{< /tabpane >}}\n{{< tabpane text=true >}}\n{{< tab header=\"Notes\" >}}\nSome *text*.\n{{< /tab >}}\n{{< /tabpane >}}\n";
        let (markdown, markup) = read(page);
        assert_eq!(markup, Some(Markup::Templated));
        assert_eq!(
            markdown,
            "\n```curl\ncurl https://e.com/x\n```\n```go\nhttp.Get(x)\n```\n\n\n\nSome *text*.\n\n\n"
        );
        assert_eq!(
            shortcode_param(r#"tab header="Create a user" lang=bash"#, "header").as_deref(),
            Some("Create a user")
        );
        assert_eq!(
            shortcode_param("tab lang=bash", "lang").as_deref(),
            Some("bash")
        );
        assert_eq!(shortcode_param("tab golang=x", "lang"), None);
    }

    #[test]
    fn jsx_tags_alone_on_their_lines_are_left_out() {
        let page = "<RequestExample>\n  ```bash cURL\n  curl https://e.com/x\n  ```\n</RequestExample>\n<Tabs>\n  <TabItem value=\"curl\">\n    ```bash\n    curl https://e.com/y\n    ```\n  </TabItem>\n</Tabs>\n<h2>Kept</h2>\n```xml\n<Item>\n```\n";
        let (markdown, markup) = read(page);
        assert_eq!(markup, Some(Markup::Templated));
        assert_eq!(
            markdown,
            "<!-- samplegen: the page's example -->\n  ```bash cURL\n  curl https://e.com/x\n  ```\n<!-- samplegen: end of content tabs -->\n<!-- samplegen: content tabs -->\n  <!-- samplegen: a content tab -->\n```bash\ncurl https://e.com/y\n```\n\n<!-- samplegen: end of content tabs -->\n<h2>Kept</h2>\n```xml\n<Item>\n```\n"
        );
    }

    #[test]
    fn a_components_tag_over_several_lines_is_left_out() {
        let page = "Send it.\n\n<Tabs\n  defaultValue=\"curl\"\n  values={[\n    { label: 'cURL', value: 'curl', },\n  ]}>\n<TabItem value=\"curl\">\n\n```bash\ncurl https://e.com/x\n```\n\n</TabItem>\n</Tabs>\n<Note\n\nText.\n";
        let (markdown, markup) = read(page);
        assert_eq!(markup, Some(Markup::Templated));
        assert_eq!(
            markdown,
            "Send it.\n\n\n\n\n\n\n<!-- samplegen: a content tab -->\n\n```bash\ncurl https://e.com/x\n```\n\n\n<!-- samplegen: end of content tabs -->\n<Note\n\nText.\n"
        );
    }

    #[test]
    fn jekyll_highlight_tags_are_fences() {
        let page = "# Regions\n\n{% highlight bash %}\ncurl https://{{ site.api_root }}/regions\n{% endhighlight %}\n";
        let (markdown, markup) = as_markdown(page);
        assert!(markup.is_some());
        assert_eq!(
            markdown,
            "# Regions\n\n```bash\ncurl https://{{api_root}}/regions\n```\n"
        );
        // with no other template markup on the page (the test above had an output tag)
        let page = "# A\n\n```bash\ncurl https://e.com/a\n```\n\n{% highlight shell %}\n$ curl https://e.com/b\n{% endhighlight %}\n";
        let (markdown, markup) = as_markdown(page);
        assert_eq!(markup, Some(Markup::Templated));
        assert!(
            markdown.contains("```shell\n$ curl https://e.com/b\n```"),
            "{markdown}"
        );
    }

    #[test]
    fn output_tags_of_site_settings_are_variables() {
        let mut lines: Vec<String> = [
            "curl https://{{ site.api_root }}/{{ site.api_version }}/linode/{{id}}",
            "curl {{ .Site.Params.api }}/a -d '{\"t\": \"{{ name }}\"}'",
        ]
        .map(String::from)
        .to_vec();
        assert!(output_tags(&mut lines));
        assert_eq!(
            lines,
            [
                "curl https://{{api_root}}/{{api_version}}/linode/{{id}}",
                // a name without a path may be a body's own template (Mustache): kept
                "curl {{api}}/a -d '{\"t\": \"{{ name }}\"}'",
            ]
        );
        let mut plain = vec!["curl {{baseUrl}}/a".to_string()];
        assert!(!output_tags(&mut plain));
        // a workflow's expressions are the shell reading's
        let mut workflow =
            vec!["run: curl -H 'T: ${{ secrets.TOKEN }}' ${{ vars.URL }}/{{ site.x }}".to_string()];
        assert!(output_tags(&mut workflow));
        assert_eq!(
            workflow,
            ["run: curl -H 'T: ${{ secrets.TOKEN }}' ${{ vars.URL }}/{{x}}"]
        );
    }

    #[test]
    fn liquid_tags_are_left_out_and_a_command_stays_whole() {
        let page = concat!(
            "```shell\n",
            "curl --request POST \\\n",
            "--url \"https://{% ifversion ghes %}HOST/api/v3{% else %}api.github.com{% endif %}/x\" \\\n",
            "{% ifversion ghes %}\n",
            "--header \"X-Ghes: 1\" \\\n",
            "{% else %}\n",
            "--header \"X-Dotcom: 1\" \\\n",
            "{% endif %}\n",
            "{% comment %}--header \"X-No: 1\" \\{% endcomment %}\n",
            "--header \"Accept: application/vnd.github+json\" \\{% ifversion api-date-versioning %}\n",
            "--header \"X-GitHub-Api-Version: 2022-11-28\" \\{% endif %}\n",
            "{% raw %}\n",
            "--url 'https://e.com/{{ x }}'\n",
            "```\n",
            "```\n",
            "curl {% data variables.product.api_url_code %}/events\n",
            "```\n",
            "{% note %}Prose.{% endnote %}\n",
            "`{%s}` is a format\n",
        );
        let (markdown, markup) = read(page);
        assert_eq!(markup, Some(Markup::Templated));
        assert_eq!(
            markdown,
            concat!(
                "```shell\n",
                "curl --request POST \\\n",
                "--url \"https://HOST/api/v3/x\" \\\n",
                "--header \"X-Ghes: 1\" \\\n",
                "--header \"Accept: application/vnd.github+json\" \\\n",
                "--header \"X-GitHub-Api-Version: 2022-11-28\" \\\n",
                "--url 'https://e.com/{{ x }}'\n",
                "\n\n\n\n\n\n",
                "```\n",
                "```\n",
                "curl {{api_url_code}}/events\n",
                "```\n",
                "Prose.\n",
                "`{%s}` is a format\n",
            )
        );
    }

    #[test]
    fn asciidoc_callouts_are_left_out() {
        assert_eq!(
            without_callouts("curl -X GET 'localhost:9200' <1> <2>"),
            "curl -X GET 'localhost:9200'"
        );
        assert_eq!(without_callouts("  -d '{}' # <3>"), "  -d '{}'");
        assert_eq!(without_callouts("echo a<1>"), "echo a<1>");
        assert_eq!(without_callouts("cat <in>"), "cat <in>");
    }
}
