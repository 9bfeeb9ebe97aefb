//! Semantic tokens from the syntax tree: keywords, names, categories, operators, numbers, units,
//! grades and comments, in the client's position encoding.

use lsp_types::{SemanticToken, SemanticTokenType, SemanticTokensLegend};

use super::position::{Encoding, position};
use crate::source::{SourceFile, Span};
use crate::syntax::Parsed;
use crate::syntax::ast::{Block, Clause, Core, Item, Quantity, TargetForm, Text};

/// The legend, in the order of `Kind`'s discriminants.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: vec![
            SemanticTokenType::KEYWORD,
            SemanticTokenType::STRING,
            SemanticTokenType::TYPE,
            SemanticTokenType::PROPERTY,
            SemanticTokenType::OPERATOR,
            SemanticTokenType::NUMBER,
            SemanticTokenType::ENUM_MEMBER,
            SemanticTokenType::COMMENT,
        ],
        token_modifiers: Vec::new(),
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Keyword,
    Str,
    Category,
    Name,
    Operator,
    Number,
    Unit,
    Comment,
}

/// Every token of the document, delta-encoded as the protocol wants.
pub fn tokens(source: &SourceFile, parsed: &Parsed, encoding: Encoding) -> Vec<SemanticToken> {
    let mut found: Vec<(Span, Kind)> = parsed
        .ast
        .comments
        .iter()
        .map(|c| (*c, Kind::Comment))
        .collect();
    items(&parsed.ast.items, &source.text, &mut found);
    found.retain(|(span, _)| !span.is_empty());
    found.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out = Vec::with_capacity(found.len());
    let (mut line, mut column, mut last_end) = (0, 0, 0);
    for (span, kind) in found {
        if span.start < last_end {
            continue;
        }
        last_end = span.end;
        let start = position(source, encoding, span.start);
        let length = encoding.len(source.slice(span));
        let delta_start = if start.line == line {
            start.character.saturating_sub(column)
        } else {
            start.character
        };
        out.push(SemanticToken {
            delta_line: start.line.saturating_sub(line),
            delta_start,
            length,
            token_type: kind as u32,
            token_modifiers_bitset: 0,
        });
        (line, column) = (start.line, start.character);
    }
    out
}

fn keyword(text: &str, at: usize, word: &str, found: &mut Vec<(Span, Kind)>) {
    if text.get(at..).is_some_and(|rest| rest.starts_with(word)) {
        found.push((Span::new(at, at + word.len()), Kind::Keyword));
    }
}

fn push(text: Option<&Text>, kind: Kind, found: &mut Vec<(Span, Kind)>) {
    if let Some(text) = text {
        found.push((text.span, kind));
    }
}

/// Statement kinds added to the grammar later get no tokens until they are listed here.
#[allow(unreachable_patterns)]
fn items(items: &[Item], text: &str, found: &mut Vec<(Span, Kind)>) {
    for item in items {
        match item {
            Item::Block(b) => block(b, text, found),
            Item::Budget(line) => {
                keyword(text, line.span.start, "预算", found);
                for amount in &line.amounts {
                    push(amount.fund.as_ref(), Kind::Name, found);
                    push(Some(&amount.number), Kind::Number, found);
                }
            }
            Item::Goal(goal) | Item::TermGoal(goal) => found.push((goal.span, Kind::Str)),
            Item::Scale(line) => {
                keyword(text, line.span.start, "等级", found);
                found.push((line.name.span, Kind::Str));
                line.grades
                    .iter()
                    .for_each(|g| push(Some(g), Kind::Unit, found));
            }
            Item::Indicator(line) => {
                line.levels
                    .iter()
                    .for_each(|l| push(Some(l), Kind::Category, found));
                push(Some(&line.name), Kind::Name, found);
                match &line.target.form {
                    TargetForm::Clauses(clauses) => {
                        clauses.iter().for_each(|c| clause(c, found));
                    }
                    TargetForm::Word { op, word } => {
                        push(op.as_ref(), Kind::Operator, found);
                        push(Some(word), Kind::Unit, found);
                    }
                    TargetForm::Free => {}
                }
            }
            _ => {}
        }
    }
}

fn block(block: &Block, text: &str, found: &mut Vec<(Span, Kind)>) {
    for word in ["部门", "预算单位", "项目"] {
        keyword(text, block.header.start, word, found);
    }
    found.push((block.name.span, Kind::Str));
    items(&block.items, text, found);
}

fn quantity(q: &Quantity, found: &mut Vec<(Span, Kind)>) {
    push(Some(&q.number), Kind::Number, found);
    push(q.magnitude.as_ref(), Kind::Number, found);
    push(q.unit.as_ref(), Kind::Unit, found);
    push(q.alt_unit.as_ref(), Kind::Unit, found);
    push(q.per.as_ref(), Kind::Unit, found);
}

fn clause(clause: &Clause, found: &mut Vec<(Span, Kind)>) {
    match &clause.core {
        Core::Comparison {
            op,
            quantity: q,
            suffix,
            ..
        } => {
            push(op.as_ref(), Kind::Operator, found);
            quantity(q, found);
            push(suffix.as_ref(), Kind::Operator, found);
        }
        Core::Range { low, high, .. } => {
            quantity(low, found);
            quantity(high, found);
        }
        Core::Relative { op, amount, .. } => {
            push(op.as_ref(), Kind::Operator, found);
            quantity(amount, found);
        }
        Core::ZeroEvent { marker, .. } => push(Some(marker), Kind::Operator, found),
        Core::Deadline {
            year, month, day, ..
        } => {
            for part in [year, month, day] {
                push(part.as_ref(), Kind::Number, found);
            }
        }
    }
}
