//! Suppression comments: `# jixiao: allow(vague-target) 原因：目标值由上级下达`.
//!
//! At the end of a line, or alone on the line above it, a suppression covers that statement; on a
//! `部门` / `预算单位` / `项目` line it covers the whole block; `allow-file(…)` covers the file.
//! A reason is required. A suppression that names an unknown rule, has no reason or covers
//! nothing is itself reported, so suppressions cannot rot silently.

use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::{Ast, Block, Item};

/// Codes about suppressions and configuration: never suppressible themselves.
const UNSUPPRESSIBLE: &[Code] = &[
    Code::BadSuppression,
    Code::UnusedSuppression,
    Code::ConfigError,
];

/// One rule named by one suppression comment.
struct Allow {
    code: Code,
    rule_text: String,
    comment: Span,
    covers: Span,
    used: bool,
}

/// Drops the diagnostics that suppressions cover and adds the findings about the suppressions.
/// `enabled` says whether a rule runs at all: a suppression of a rule switched off is not unused.
pub fn apply(
    text: &str,
    ast: &Ast,
    diagnostics: &mut Vec<Diagnostic>,
    enabled: impl Fn(Code) -> bool,
) {
    let mut allows = Vec::new();
    let mut problems = Vec::new();
    for comment in &ast.comments {
        read_comment(text, ast, *comment, &mut allows, &mut problems);
    }
    if allows.is_empty() && problems.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        let covering = allows.iter_mut().find(|a| {
            a.code == d.code && a.covers.start <= d.span.start && d.span.start <= a.covers.end
        });
        match covering {
            Some(allow) if !UNSUPPRESSIBLE.contains(&d.code) => {
                allow.used = true;
                false
            }
            _ => true,
        }
    });
    for allow in allows.iter().filter(|a| !a.used && enabled(a.code)) {
        problems.push(
            Diagnostic::new(Code::UnusedSuppression, allow.comment).arg("rule", &allow.rule_text),
        );
    }
    diagnostics.extend(problems);
    crate::diagnostic::sort(diagnostics);
}

fn read_comment(
    text: &str,
    ast: &Ast,
    comment: Span,
    allows: &mut Vec<Allow>,
    problems: &mut Vec<Diagnostic>,
) {
    let body = text[comment.start..comment.end]
        .trim_start_matches('#')
        .trim();
    let Some(directive) = body
        .strip_prefix("jixiao:")
        .or_else(|| body.strip_prefix("jixiao："))
    else {
        return;
    };
    let bad = |detail: &str| Diagnostic::new(Code::BadSuppression, comment).arg("detail", detail);
    let directive = directive.trim();
    let (whole_file, rest) = if let Some(rest) = directive.strip_prefix("allow-file") {
        (true, rest)
    } else if let Some(rest) = directive.strip_prefix("allow") {
        (false, rest)
    } else {
        problems.push(bad("应以 allow(…) 或 allow-file(…) 开头"));
        return;
    };
    let Some((names, reason)) = rest
        .trim_start()
        .strip_prefix(['(', '（'])
        .and_then(|r| r.split_once([')', '）']))
    else {
        problems.push(bad("规则名应写在括号里"));
        return;
    };
    if reason_text(reason).is_empty() {
        problems.push(bad("缺少原因"));
        return;
    }
    let covers = if whole_file {
        Span::new(0, text.len())
    } else {
        match scope(text, ast, comment) {
            Some(covers) => covers,
            None => {
                problems.push(bad("注释后面没有可豁免的语句"));
                return;
            }
        }
    };
    for name in names.split([',', '，', ' ']).filter(|n| !n.is_empty()) {
        match Code::lookup(name) {
            Some(code) => allows.push(Allow {
                code,
                rule_text: name.to_owned(),
                comment,
                covers,
                used: false,
            }),
            None => problems.push(bad(&format!("没有名为 `{name}` 的规则"))),
        }
    }
}

/// The reason without its `原因：` lead.
fn reason_text(text: &str) -> &str {
    let text = text.trim();
    ["原因", "理由", "reason"]
        .iter()
        .find_map(|lead| text.strip_prefix(lead))
        .map_or(text, |rest| rest.trim_start_matches([':', '：', ' ']))
        .trim()
}

/// What a comment covers: its own line's statement, or the next statement's when alone on its
/// line; a block header extends the cover to the block's end.
fn scope(text: &str, ast: &Ast, comment: Span) -> Option<Span> {
    let line_start = text[..comment.start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..comment.start].trim();
    let line = if before.is_empty() {
        next_statement_line(text, comment.end)?
    } else {
        Span::new(line_start, line_end(text, line_start))
    };
    let block =
        blocks(&ast.items).find(|b| line.start <= b.header.start && b.header.start < line.end);
    Some(match block {
        Some(block) => Span::new(line.start, block.close.map_or(text.len(), |c| c.end)),
        None => line,
    })
}

/// The first line after `from` that holds more than blanks and a comment.
fn next_statement_line(text: &str, from: usize) -> Option<Span> {
    let mut start = text[from..].find('\n').map(|i| from + i + 1)?;
    while start < text.len() {
        let end = line_end(text, start);
        let content = text[start..end].trim();
        if !content.is_empty() && !content.starts_with('#') {
            return Some(Span::new(start, end));
        }
        start = end + 1;
    }
    None
}

fn line_end(text: &str, start: usize) -> usize {
    text[start..].find('\n').map_or(text.len(), |i| start + i)
}

/// Every block of the tree, outermost first.
fn blocks(items: &[Item]) -> Box<dyn Iterator<Item = &Block> + '_> {
    Box::new(items.iter().flat_map(|item| match item {
        Item::Block(block) => Box::new(std::iter::once(block).chain(blocks(&block.items)))
            as Box<dyn Iterator<Item = &Block>>,
        _ => Box::new(std::iter::empty()),
    }))
}
