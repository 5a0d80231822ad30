//! Syntax checks of samples, in-process: each language's tree-sitter grammar (a raw HTTP message
//! with httparse). A sample that does not parse is reported with the position of the first
//! ERROR or MISSING node.

use std::fmt;

use tree_sitter::{Language, Node, Parser};

use crate::targets::{Syntax, Target};

/// Where and how a sample fails to parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line and column in the sample.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// Checks that `code`, a sample for `target`, parses as the target says it must.
pub fn check(target: &Target, code: &str) -> Result<(), SyntaxError> {
    match target.syntax {
        Syntax::TreeSitter(grammar) => check_tree_sitter(grammar.into(), code),
        Syntax::HttpMessage => check_http(code),
        Syntax::None { .. } => Ok(()),
    }
}

/// Parses `code` with a tree-sitter grammar; the first ERROR or MISSING node is the error.
fn check_tree_sitter(language: Language, code: &str) -> Result<(), SyntaxError> {
    let mut parser = Parser::new();
    parser
        .set_language(&language)
        .expect("the grammar crates match the tree-sitter version");
    let tree = parser.parse(code, None).ok_or_else(|| SyntaxError {
        line: 1,
        column: 1,
        message: "the parser gave up".into(),
    })?;
    match first_problem(tree.root_node()) {
        None => Ok(()),
        Some(node) => {
            let start = node.start_position();
            let text = node
                .utf8_text(code.as_bytes())
                .unwrap_or_default()
                .lines()
                .next()
                .unwrap_or_default()
                .chars()
                .take(40)
                .collect::<String>();
            Err(SyntaxError {
                line: start.row + 1,
                column: start.column + 1,
                message: if node.is_missing() {
                    format!("missing `{}`", node.kind())
                } else {
                    format!("syntax error at `{text}`")
                },
            })
        }
    }
}

fn first_problem(node: Node) -> Option<Node> {
    if node.is_error() || node.is_missing() {
        return Some(node);
    }
    if !node.has_error() {
        return None;
    }
    let mut cursor = node.walk();
    let children: Vec<Node> = node.children(&mut cursor).collect();
    children.into_iter().find_map(first_problem).or(Some(node))
}

/// A raw HTTP sample: the request line and headers must parse as HTTP/1.1 once lines end in
/// CRLF, as a client sends them.
fn check_http(code: &str) -> Result<(), SyntaxError> {
    let head_end = code.find("\n\n").map_or(code.len(), |i| i + 1);
    let lines: Vec<&str> = code[..head_end].lines().collect();
    let head = format!("{}\r\n\r\n", lines.join("\r\n"));
    let mut headers = vec![httparse::EMPTY_HEADER; 1024];
    let mut request = httparse::Request::new(&mut headers);
    match request.parse(head.as_bytes()) {
        Ok(httparse::Status::Complete(_)) => Ok(()),
        Ok(httparse::Status::Partial) => Err(SyntaxError {
            line: 1,
            column: 1,
            message: "the request head is incomplete".into(),
        }),
        Err(error) => {
            // the line the parser stopped on: the first one it rejects when read alone
            let line = code[..head_end]
                .lines()
                .position(|line| !line_is_valid(line))
                .map_or(1, |i| i + 1);
            Err(SyntaxError {
                line,
                column: 1,
                message: format!("not an HTTP/1.1 request: {error}"),
            })
        }
    }
}

fn line_is_valid(line: &str) -> bool {
    let mut headers = [httparse::EMPTY_HEADER; 1];
    let request = format!("GET / HTTP/1.1\r\n{line}\r\n\r\n");
    let as_header = httparse::Request::new(&mut headers)
        .parse(request.as_bytes())
        .is_ok();
    let mut none = [httparse::EMPTY_HEADER; 0];
    let as_request_line = httparse::Request::new(&mut none)
        .parse(format!("{line}\r\n\r\n").as_bytes())
        .is_ok();
    as_header || as_request_line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(id: &str, code: &str) -> Result<(), SyntaxError> {
        super::check(crate::targets::find(id).unwrap(), code)
    }

    #[test]
    fn good_samples_pass_and_broken_ones_point_at_the_problem() {
        assert_eq!(check("python", "import requests\nx = \"a\"\n"), Ok(()));
        let error = check("python", "import requests\nx = \"a\n").unwrap_err();
        assert_eq!(error.line, 2, "{error}");
        assert!(check("go", "package main\nfunc main() {\n").is_err());
        assert!(check("php", "<?php\n$x = 'a';\n").is_ok());
        assert!(check("ruby", "x = \"#{\"\n").is_err());
    }

    #[test]
    fn raw_http() {
        assert_eq!(
            check("http", "GET /a?b=1 HTTP/1.1\nHost: x\n\nbody"),
            Ok(())
        );
        let error = check("http", "GET /a b HTTP/1.1\nHost: x\n").unwrap_err();
        assert_eq!(error.line, 1, "{error}");
        let error = check("http", "GET / HTTP/1.1\nHost: x\nBad Header: y\n").unwrap_err();
        assert_eq!(error.line, 3, "{error}");
    }
}
