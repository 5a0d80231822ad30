//! A page in the house layout (the PingOne docs' own, as published or as samplegen writes it)
//! read back into the parts of the spec that render it: title, prose, request line, the cURL
//! sample's command and the example response.
//!
//! The layout is rigid (`templates/page.md.tera`), so it is read line by line: anything that
//! departs from it is not a house page, and the generic page reader takes it.

use crate::spec::ResponseSpec;

/// What a house page says, in the spec's terms.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct HousePage {
    /// The title, plain text: the front matter's, else the `#` heading's, unescaped.
    pub(super) title: String,
    /// The module and the page's path below it, from the front matter's `page_id`
    /// (`pingone-api:auth:openid-connect-oauth-2/token`).
    pub(super) page_id: Option<(String, String)>,
    /// The front matter's `component`, and `canonical_url` without the page's path: what
    /// `samplegen.yaml`'s `component` and `base_url` give.
    pub(super) component: Option<String>,
    pub(super) base_url: Option<String>,
    /// `METHOD URL`, as the page writes it under its title.
    pub(super) request_line: String,
    pub(super) prose: String,
    /// The first word of the Body section's mode line (`urlencoded`, `graphql`…), when it has one.
    pub(super) body_mode: Option<String>,
    /// The cURL tab's command, and the line of the page its first line is on (from 1).
    pub(super) curl: String,
    pub(super) curl_line: usize,
    /// The example responses, one for each Example Response section, in order.
    pub(super) responses: Vec<ResponseSpec>,
    /// The front matter's keys samplegen does not derive (`llms_txt: https://…`), as written.
    pub(super) other_keys: Vec<String>,
    /// The spacer's width in characters, when it is not the one non-breaking space samplegen
    /// writes.
    pub(super) spacer_width: Option<usize>,
    /// The layout of the pages published since the seeds: a spacer paragraph under the title's
    /// empty `##`, and no `description` (`page: house-newer`).
    pub(super) newer_layout: bool,
}

/// The house page `text` is, or `None` when it departs from the layout anywhere.
pub(super) fn read(text: &str) -> Option<HousePage> {
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let mut at = 0;
    let mut front = FrontMatter::default();
    if lines.first() == Some(&"---") {
        let end = lines[1..].iter().position(|line| *line == "---")? + 1;
        front = FrontMatter::read(&lines[1..end]);
        at = end + 1;
        expect(&lines, &mut at, "")?;
    }
    let heading = lines.get(at)?.strip_prefix("# ")?;
    at += 1;
    expect(&lines, &mut at, "")?;
    expect(&lines, &mut at, "##")?;
    let newer_layout =
        lines.get(at) == Some(&"") && lines.get(at + 1).is_some_and(|l| is_spacer(l));
    let mut spacer_width = None;
    if newer_layout {
        let spacer = lines[at + 1];
        spacer_width = (spacer != "\u{a0}").then(|| spacer.chars().count());
        at += 2;
    }
    expect(&lines, &mut at, "")?;
    expect(&lines, &mut at, "```none")?;
    let request_line = lines.get(at)?.to_string();
    at += 1;
    expect(&lines, &mut at, "```")?;
    // the empty `##` and the samples' heading end the prose and the generated sections
    let samples_heading = (at..lines.len().saturating_sub(2)).find(|&i| {
        lines[i] == "##" && lines[i + 1].is_empty() && lines[i + 2] == "### Example Request"
    })?;
    let (prose, body_mode) = prose_of(&lines[at..samples_heading])?;
    at = samples_heading + 3;
    let (labels, blocks) = samples(&lines, &mut at)?;
    let curl_index = labels
        .iter()
        .position(|label| label.eq_ignore_ascii_case("curl"))
        .filter(|_| labels.len() == blocks.len())
        .or_else(|| blocks.iter().position(|block| block.code.contains("curl")))?;
    let curl = &blocks[curl_index];
    // the published pages show one section per example response
    let mut responses = Vec::new();
    while let Some(response) = response(&lines, &mut at)? {
        responses.push(response);
    }
    // nothing after the page but its last line break
    if lines[at..].iter().any(|line| !line.is_empty()) {
        return None;
    }
    let title = front
        .title
        .unwrap_or_else(|| crate::filters::markdown::md_unescape(heading));
    let page_id = front.page_id.as_deref().and_then(|id| {
        let mut parts = id.splitn(3, ':');
        let (_component, module, page) = (parts.next()?, parts.next()?, parts.next()?);
        (!module.is_empty() && !page.is_empty()).then(|| (module.to_string(), page.to_string()))
    });
    // the address `canonical_url` is the page's path below, told with the component
    let base_url = page_id
        .as_ref()
        .zip(front.canonical_url.as_deref())
        .filter(|_| front.component.is_some())
        .and_then(|((module, page), url)| url.strip_suffix(&format!("{module}/{page}.html")))
        .map(str::to_string);
    Some(HousePage {
        title,
        page_id,
        component: front.component,
        base_url,
        request_line,
        prose,
        body_mode,
        curl: curl.code.clone(),
        curl_line: curl.code_line,
        responses,
        other_keys: front.other_keys,
        spacer_width,
        newer_layout,
    })
}

/// The front matter keys a house page reads back; the others (`description`, `section_ids`)
/// are derived from the page.
#[derive(Debug, Default)]
struct FrontMatter {
    title: Option<String>,
    component: Option<String>,
    page_id: Option<String>,
    canonical_url: Option<String>,
    other_keys: Vec<String>,
}

impl FrontMatter {
    /// The keys from the front matter's lines, each value read as a YAML scalar on its own: the
    /// house pages' front matter as a whole is not always YAML (a `description` can end in `:`,
    /// which a YAML parser takes for a mapping).
    fn read(lines: &[&str]) -> FrontMatter {
        let mut front = FrontMatter::default();
        for line in lines {
            let Some((key, value)) = line.split_once(": ") else {
                continue;
            };
            let slot = match key {
                "title" => &mut front.title,
                "component" => &mut front.component,
                "page_id" => &mut front.page_id,
                "canonical_url" => &mut front.canonical_url,
                "description" => continue,
                // a key at the top level, not one of `section_ids`' entries
                _ if !key.starts_with([' ', '\t']) => {
                    front.other_keys.push(line.to_string());
                    continue;
                }
                _ => continue,
            };
            *slot =
                Some(crate::yaml::from_str::<String>(value).unwrap_or_else(|_| value.to_string()));
        }
        front
    }
}

/// Steps past line `at` when it is `line`.
fn expect(lines: &[&str], at: &mut usize, line: &str) -> Option<()> {
    (lines.get(*at) == Some(&line)).then(|| *at += 1)
}

/// The newer layout's spacer: a line of blanks that are not ASCII (a non-breaking space or
/// several), which Markdown keeps as a paragraph.
fn is_spacer(line: &str) -> bool {
    !line.is_empty() && line.chars().all(|c| c.is_whitespace() && !c.is_ascii())
}

/// The prose among the lines between the request line's block and the empty `##`: what stands
/// before the Headers and Body sections samplegen derives from the request; and the Body
/// section's mode.
fn prose_of(lines: &[&str]) -> Option<(String, Option<String>)> {
    // a blank line after the request line's block and before the `##`
    let lines = match lines {
        [] => return Some((String::new(), None)),
        [first, inner @ .., last] if first.is_empty() && last.is_empty() => inner,
        [""] => &[],
        _ => return None,
    };
    let mut end = lines.len();
    let mut body_mode = None;
    // the Body section, last: `### Body`, then its mode line
    if let Some(body) = (0..end).rev().find(|&i| {
        lines[i] == "### Body"
            && lines.get(i + 1) == Some(&"")
            && lines.get(i + 2).is_some_and(|mode| {
                crate::spec::BodySpec::MODES
                    .iter()
                    .any(|word| mode.starts_with(word))
            })
    }) {
        end = body;
        body_mode = lines[body + 2].split(' ').next().map(str::to_string);
    }
    // the Headers section before it: a header per paragraph of one line
    if let Some(headers) = (0..end).rev().find(|&i| lines[i] == "### Headers")
        && lines[headers + 1..end]
            .chunks(2)
            .all(|pair| pair[0].is_empty() && pair.get(1).is_none_or(|line| is_header_line(line)))
        && end - headers > 2
    {
        end = headers;
    }
    if end == 0 {
        return Some((String::new(), body_mode));
    }
    // the blank line between the prose and the section after it
    let prose = &lines[..end];
    let prose = if end < lines.len() {
        prose.strip_suffix(&[""])?
    } else {
        prose
    };
    Some((prose.join("\n"), body_mode))
}

/// A line of the Headers section: a name, and its value after blanks (non-breaking spaces and
/// spaces, which the house pages alternate).
fn is_header_line(line: &str) -> bool {
    let name = line.split(char::is_whitespace).next().unwrap_or_default();
    !name.is_empty()
        && name
            .bytes()
            // a name's `_` is escaped on the page (`X\_Id`)
            .all(|b| (b.is_ascii_graphic() && !b"()<>@,;:\"/[]?={}".contains(&b)) || b == b'\\')
}

/// A fenced code block of the page.
struct Block {
    code: String,
    /// The line its code starts on, from 1.
    code_line: usize,
}

/// The tab labels (`* cURL`) and the code blocks after them, from the blank line after the
/// samples' heading; `at` ends after the last block.
fn samples(lines: &[&str], at: &mut usize) -> Option<(Vec<String>, Vec<Block>)> {
    let mut labels = Vec::new();
    while lines.get(*at) == Some(&"")
        && let Some(label) = lines.get(*at + 1).and_then(|l| l.strip_prefix("* "))
    {
        labels.push(label.to_string());
        *at += 2;
    }
    let mut blocks = Vec::new();
    while lines.get(*at) == Some(&"")
        && let Some(block) = fenced_block(lines, *at + 1)
    {
        *at = block.1;
        blocks.push(block.0);
    }
    (!blocks.is_empty()).then_some((labels, blocks))
}

/// The fenced block opening at line `at`, and the line after its closing fence.
fn fenced_block(lines: &[&str], at: usize) -> Option<(Block, usize)> {
    let opening = lines.get(at)?;
    let ticks = opening.bytes().take_while(|b| *b == b'`').count();
    if ticks < 3 || opening[ticks..].contains('`') {
        return None;
    }
    let marker = &opening[..ticks];
    let close = (at + 1..lines.len()).find(|&i| lines[i] == marker)?;
    Some((
        Block {
            code: lines[at + 1..close].join("\n"),
            code_line: at + 2,
        },
        close + 1,
    ))
}

/// The Example Response section after the samples, if the page has one: its status line, then
/// the body in a fence named for its language.
fn response(lines: &[&str], at: &mut usize) -> Option<Option<ResponseSpec>> {
    if lines.get(*at) != Some(&"") || lines.get(*at + 1) != Some(&"### Example Response") {
        return Some(None);
    }
    *at += 2;
    expect(lines, at, "")?;
    let status = crate::filters::markdown::md_unescape(lines.get(*at)?);
    *at += 1;
    let mut body = None;
    let mut lang = None;
    if lines.get(*at) == Some(&"")
        && let Some((block, next)) = fenced_block(lines, *at + 1)
    {
        let info = lines[*at + 1].trim_start_matches('`');
        if info != "json" {
            lang = Some(info.to_string());
        }
        body = Some(block.code);
        *at = next;
    }
    Some(Some(ResponseSpec { status, body, lang }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "---\ntitle: \"A: b\"\ndescription: Why these:\ncomponent: pingone-api\npage_id: pingone-api:auth:flows/token\ncanonical_url: https://developer.pingidentity.com/pingone-api/auth/flows/token.html\nsection_ids:\n  troubleshooting: Troubleshooting\n  headers: Headers\n---\n\n# A: b\n\n##\n\n```none\nPOST {{authPath}}/as/token\n```\n\nWhy.\n\n### Troubleshooting\n\n* Check.\n\n### Headers\n\nAuthorization\n\nContent-Type\u{a0} \u{a0} \u{a0} application/json\n\n### Body\n\nraw ( application/json )\n\n```json\n{}\n```\n\n##\n\n### Example Request\n\n* cURL\n\n* HTTP\n\n```shell\ncurl --location 'x'\n```\n\n```http\nPOST / HTTP/1.1\n```\n\n### Example Response\n\n201 Created\n\n```xml\n<a/>\n```\n";

    #[test]
    fn a_house_page_gives_its_parts() {
        let page = read(PAGE).expect("a house page");
        assert_eq!(page.title, "A: b");
        assert_eq!(
            page.page_id,
            Some(("auth".to_string(), "flows/token".to_string()))
        );
        assert_eq!(page.component.as_deref(), Some("pingone-api"));
        assert_eq!(
            page.base_url.as_deref(),
            Some("https://developer.pingidentity.com/pingone-api/")
        );
        assert_eq!(page.request_line, "POST {{authPath}}/as/token");
        // the prose's own `###` sections stay; the generated Headers and Body go
        assert_eq!(page.prose, "Why.\n\n### Troubleshooting\n\n* Check.");
        assert_eq!(page.body_mode.as_deref(), Some("raw"));
        assert_eq!(page.curl, "curl --location 'x'");
        assert_eq!(page.curl_line, 49);
        assert_eq!(
            page.responses,
            [ResponseSpec {
                status: "201 Created".into(),
                body: Some("<a/>".into()),
                lang: Some("xml".into()),
            }]
        );
        assert!(!page.newer_layout);
    }

    #[test]
    fn the_newer_layout_has_a_spacer_under_the_title() {
        let page = PAGE.replace("##\n\n```none", "##\n\n\u{a0}\u{a0}\n\n```none");
        let page = read(&page).expect("a house page");
        assert!(page.newer_layout);
        assert_eq!(page.spacer_width, Some(2));
        let page = PAGE.replace("##\n\n```none", "##\n\n\u{a0}\n\n```none");
        assert_eq!(read(&page).expect("a house page").spacer_width, None);
    }

    #[test]
    fn every_response_is_read_and_front_matter_keys_are_told() {
        let page =
            format!("{PAGE}\n### Example Response\n\n400 Bad Request\n\n```json\n{{}}\n```\n")
                .replace(
                    "canonical_url:",
                    "llms_txt: https://e.com/llms.txt\ncanonical_url:",
                );
        let page = read(&page).expect("a house page");
        let statuses: Vec<&str> = page.responses.iter().map(|r| r.status.as_str()).collect();
        assert_eq!(statuses, ["201 Created", "400 Bad Request"]);
        assert_eq!(page.responses[1].body.as_deref(), Some("{}"));
        assert_eq!(page.responses[1].lang, None);
        assert_eq!(page.other_keys, ["llms_txt: https://e.com/llms.txt"]);
    }

    #[test]
    fn a_page_without_prose_headers_body_or_response() {
        let page = "# T\n\n##\n\n```none\nGET https://e.com/\n```\n\n##\n\n### Example Request\n\n* cURL\n\n```shell\ncurl 'https://e.com/'\n```\n";
        let page = read(page).expect("a house page");
        assert_eq!(page.prose, "");
        assert!(page.responses.is_empty());
        assert_eq!(page.title, "T");
        assert_eq!(page.page_id, None);
    }

    #[test]
    fn a_heading_is_read_unescaped_without_front_matter() {
        let page = "# Get client\\_credentials\n\n##\n\n```none\nGET https://e.com/\n```\n\nSome *prose*.\n\n##\n\n### Example Request\n\n* cURL\n\n```shell\ncurl 'https://e.com/'\n```\n";
        let page = read(page).expect("a house page");
        assert_eq!(page.title, "Get client_credentials");
        assert_eq!(page.prose, "Some *prose*.");
    }

    #[test]
    fn other_pages_are_not_house_pages() {
        assert_eq!(
            read("# T\n\nSome text.\n\n```bash\ncurl https://e.com\n```\n"),
            None
        );
        // the layout, with something after the response
        assert_eq!(read(&format!("{PAGE}\nMore.\n")), None);
        // a request line block of two lines
        assert_eq!(
            read(&PAGE.replace("/as/token\n", "/as/token\nmore\n")),
            None
        );
    }

    #[test]
    fn a_prose_section_named_headers_stays_when_its_lines_are_not_headers() {
        let page = PAGE.replace(
            "* Check.",
            "* Check.\n\n### Headers\n\nSend these: `A`, `B`.",
        );
        let page = read(&page).expect("a house page");
        assert_eq!(
            page.prose,
            "Why.\n\n### Troubleshooting\n\n* Check.\n\n### Headers\n\nSend these: `A`, `B`."
        );
    }
}
