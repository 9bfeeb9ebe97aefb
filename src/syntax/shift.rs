//! Moving spans: a value read on its own, or a line read on its own or moved within its file
//! (`parse_incremental`), gets the offsets it has in its file.

use super::Piece;
use super::ast::{self, Block, BlockKind, Item, RuleForm, StepTerm};
use super::build::Line;
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// Moves a piece by `delta` bytes.
pub(super) fn piece(piece: &mut Piece, delta: isize) {
    match piece {
        Piece::Comment(span) => *span = span.moved(delta),
        Piece::Unreadable(found) => diagnostic(found, delta),
        Piece::Statement(Line::Open(block)) => header(block, delta),
        Piece::Statement(Line::Close(span)) => *span = span.moved(delta),
        Piece::Statement(Line::Item(found)) => item(found, delta),
    }
}

fn diagnostic(found: &mut Diagnostic, delta: isize) {
    found.span = found.span.moved(delta);
    for label in &mut found.labels {
        label.span = label.span.moved(delta);
    }
    if let Some(fix) = &mut found.fix {
        fix.span = fix.span.moved(delta);
    }
}

/// A block as read from its header line: no items yet.
fn header(block: &mut Block, delta: isize) {
    block.header = block.header.moved(delta);
    text(Some(&mut block.name), delta);
    match &mut block.kind {
        BlockKind::Department { year } => text(year.as_mut(), delta),
        BlockKind::Agency => {}
        BlockKind::Group { weight } => text(weight.as_mut(), delta),
        BlockKind::Project { classified } => span(classified.as_mut(), delta),
    }
    span(block.close.as_mut(), delta);
}

fn item(found: &mut Item, delta: isize) {
    match found {
        Item::Block(block) => header(block, delta),
        Item::Budget(line) => {
            line.span = line.span.moved(delta);
            for amount in &mut line.amounts {
                text(amount.fund.as_mut(), delta);
                text(Some(&mut amount.number), delta);
            }
        }
        Item::Goal(goal) | Item::TermGoal(goal) => text(Some(goal), delta),
        Item::Scale(line) => {
            line.span = line.span.moved(delta);
            text(Some(&mut line.name), delta);
            line.grades.iter_mut().for_each(|g| text(Some(g), delta));
        }
        Item::Indicator(line) => {
            line.span = line.span.moved(delta);
            line.levels.iter_mut().for_each(|l| text(Some(l), delta));
            text(Some(&mut line.name), delta);
            target(&mut line.target, delta);
        }
        Item::Score(line) => {
            line.span = line.span.moved(delta);
            text(Some(&mut line.weight), delta);
            if let Some(rule) = &mut line.rule {
                rule_form(rule, delta);
            }
            line.gates.iter_mut().for_each(|g| text(Some(g), delta));
        }
        Item::Settings(line) => {
            line.span = line.span.moved(delta);
            line.words.iter_mut().for_each(|w| text(Some(w), delta));
        }
        Item::Initial(line) => {
            line.span = line.span.moved(delta);
            target(&mut line.target, delta);
        }
    }
}

fn rule_form(rule: &mut RuleForm, delta: isize) {
    match rule {
        RuleForm::AllOrNothing(at) | RuleForm::Proportional(at) | RuleForm::Deductions(at) => {
            *at = at.moved(delta);
        }
        RuleForm::Linear { span, from, to } => {
            *span = span.moved(delta);
            anchor(from, delta);
            anchor(to, delta);
        }
        RuleForm::Steps {
            span,
            best,
            terms,
            zero_below,
            partial: _,
            cap,
        } => {
            *span = span.moved(delta);
            for part in [best.as_mut(), zero_below.as_mut(), cap.as_mut()] {
                text(part, delta);
            }
            for term in terms {
                let StepTerm {
                    way,
                    size,
                    sign,
                    points,
                    limit,
                } = term;
                for part in [way, size, sign, points] {
                    text(Some(part), delta);
                }
                text(limit.as_mut(), delta);
            }
        }
        RuleForm::Bands { span, bands } => {
            *span = span.moved(delta);
            bands.iter_mut().for_each(|b| anchor(b, delta));
        }
    }
}

fn anchor(anchor: &mut ast::Anchor, delta: isize) {
    anchor.span = anchor.span.moved(delta);
    text(Some(&mut anchor.value), delta);
    text(anchor.points.as_mut(), delta);
}

pub(super) fn target(target: &mut ast::Target, delta: isize) {
    target.span = target.span.moved(delta);
    match &mut target.form {
        ast::TargetForm::Clauses(clauses) => clauses.iter_mut().for_each(|c| clause(c, delta)),
        ast::TargetForm::Word { op, word } => {
            text(op.as_mut(), delta);
            text(Some(word), delta);
        }
        ast::TargetForm::Free => {}
    }
}

fn text(text: Option<&mut ast::Text>, delta: isize) {
    if let Some(text) = text {
        text.span = text.span.moved(delta);
    }
}

fn span(span: Option<&mut Span>, delta: isize) {
    if let Some(span) = span {
        *span = span.moved(delta);
    }
}

fn quantity(q: &mut ast::Quantity, delta: isize) {
    q.span = q.span.moved(delta);
    for part in [
        Some(&mut q.number),
        q.magnitude.as_mut(),
        q.unit.as_mut(),
        q.alt_unit.as_mut(),
        q.per.as_mut(),
    ] {
        text(part, delta);
    }
}

fn clause(clause: &mut ast::Clause, delta: isize) {
    clause.span = clause.span.moved(delta);
    text(clause.subject.as_mut(), delta);
    text(clause.context.as_mut(), delta);
    match &mut clause.core {
        ast::Core::ZeroEvent { marker, event } => {
            text(Some(marker), delta);
            text(event.as_mut(), delta);
        }
        ast::Core::Relative {
            baseline,
            direction,
            op,
            amount,
        } => {
            text(Some(baseline), delta);
            text(Some(direction), delta);
            text(op.as_mut(), delta);
            quantity(amount, delta);
        }
        ast::Core::Deadline {
            year,
            month,
            day,
            end,
        } => {
            for part in [year.as_mut(), month.as_mut(), day.as_mut(), end.as_mut()] {
                text(part, delta);
            }
        }
        ast::Core::Range {
            per,
            low,
            high,
            low_mark,
            high_mark,
        } => {
            text(per.as_mut(), delta);
            text(low_mark.as_mut(), delta);
            text(high_mark.as_mut(), delta);
            quantity(low, delta);
            quantity(high, delta);
        }
        ast::Core::Comparison {
            per,
            cumulative,
            op,
            quantity,
            suffix,
            mark,
        } => {
            text(per.as_mut(), delta);
            text(mark.as_mut(), delta);
            span(cumulative.as_mut(), delta);
            text(op.as_mut(), delta);
            text(suffix.as_mut(), delta);
            self::quantity(quantity, delta);
        }
    }
}
