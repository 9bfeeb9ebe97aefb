//! Moving spans: a value read on its own, or a line read on its own (`parse_incremental`), gets
//! the offsets it has in its file.

use super::Piece;
use super::ast::{self, Block, BlockKind, Item};
use super::build::Line;
use crate::diagnostic::Diagnostic;

/// Moves a piece by `offset`; `false` for a statement kind this file does not know yet (the
/// caller then parses the whole file instead).
pub(super) fn piece(piece: &mut Piece, offset: usize) -> bool {
    match piece {
        Piece::Comment(span) => *span = span.shift(offset),
        Piece::Unreadable(found) => diagnostic(found, offset),
        Piece::Statement(Line::Open(block)) => header(block, offset),
        Piece::Statement(Line::Close(span)) => *span = span.shift(offset),
        Piece::Statement(Line::Item(found)) => return item(found, offset),
    }
    true
}

fn diagnostic(found: &mut Diagnostic, offset: usize) {
    found.span = found.span.shift(offset);
    for label in &mut found.labels {
        label.span = label.span.shift(offset);
    }
    if let Some(fix) = &mut found.fix {
        fix.span = fix.span.shift(offset);
    }
}

/// A block as read from its header line: no items yet.
fn header(block: &mut Block, offset: usize) {
    block.header = block.header.shift(offset);
    text(Some(&mut block.name), offset);
    match &mut block.kind {
        BlockKind::Department { year } => text(year.as_mut(), offset),
        BlockKind::Agency => {}
        BlockKind::Group { weight } => text(weight.as_mut(), offset),
        BlockKind::Project { classified } => {
            if let Some(span) = classified {
                *span = span.shift(offset);
            }
        }
    }
    if let Some(close) = &mut block.close {
        *close = close.shift(offset);
    }
}

#[allow(unreachable_patterns)]
fn item(found: &mut Item, offset: usize) -> bool {
    match found {
        Item::Block(block) => header(block, offset),
        Item::Budget(line) => {
            line.span = line.span.shift(offset);
            for amount in &mut line.amounts {
                text(amount.fund.as_mut(), offset);
                text(Some(&mut amount.number), offset);
            }
        }
        Item::Goal(goal) => text(Some(goal), offset),
        Item::Scale(line) => {
            line.span = line.span.shift(offset);
            text(Some(&mut line.name), offset);
            line.grades.iter_mut().for_each(|g| text(Some(g), offset));
        }
        Item::Indicator(line) => {
            line.span = line.span.shift(offset);
            line.levels.iter_mut().for_each(|l| text(Some(l), offset));
            text(Some(&mut line.name), offset);
            target(&mut line.target, offset);
        }
        _ => return false,
    }
    true
}

pub(super) fn target(target: &mut ast::Target, offset: usize) {
    target.span = target.span.shift(offset);
    match &mut target.form {
        ast::TargetForm::Clauses(clauses) => clauses.iter_mut().for_each(|c| clause(c, offset)),
        ast::TargetForm::Word { op, word } => {
            text(op.as_mut(), offset);
            text(Some(word), offset);
        }
        ast::TargetForm::Free => {}
    }
}

fn text(text: Option<&mut ast::Text>, offset: usize) {
    if let Some(text) = text {
        text.span = text.span.shift(offset);
    }
}

fn quantity(q: &mut ast::Quantity, offset: usize) {
    q.span = q.span.shift(offset);
    for part in [
        Some(&mut q.number),
        q.magnitude.as_mut(),
        q.unit.as_mut(),
        q.alt_unit.as_mut(),
        q.per.as_mut(),
    ] {
        text(part, offset);
    }
}

fn clause(clause: &mut ast::Clause, offset: usize) {
    clause.span = clause.span.shift(offset);
    text(clause.subject.as_mut(), offset);
    text(clause.context.as_mut(), offset);
    match &mut clause.core {
        ast::Core::ZeroEvent { marker, event } => {
            text(Some(marker), offset);
            text(event.as_mut(), offset);
        }
        ast::Core::Relative {
            baseline,
            direction,
            op,
            amount,
        } => {
            text(Some(baseline), offset);
            text(Some(direction), offset);
            text(op.as_mut(), offset);
            quantity(amount, offset);
        }
        ast::Core::Deadline {
            year,
            month,
            day,
            end,
        } => {
            for part in [year.as_mut(), month.as_mut(), day.as_mut(), Some(end)] {
                text(part, offset);
            }
        }
        ast::Core::Range { per, low, high } => {
            text(per.as_mut(), offset);
            quantity(low, offset);
            quantity(high, offset);
        }
        ast::Core::Comparison {
            per,
            cumulative,
            op,
            quantity,
            suffix,
        } => {
            text(per.as_mut(), offset);
            if let Some(span) = cumulative {
                *span = span.shift(offset);
            }
            text(op.as_mut(), offset);
            text(suffix.as_mut(), offset);
            self::quantity(quantity, offset);
        }
    }
}
