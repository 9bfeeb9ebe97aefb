//! A target as written (syntax) → its normalized meaning (model). Used for spec targets and, with
//! the same rules, for actual values.

use rust_decimal::Decimal;

use super::measure::{self, Period};
use super::polarity;
use super::quantity::{Quantity, parse_number};
use super::target::{Change, Clause, Comparison, Condition, GradeScale, Meaning, Polarity, Target};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use crate::syntax::ast;

/// Verbs that introduce a grade without changing it: `达到良好` is `良好`.
const GRADE_VERBS: &[&str] = &["达到", "确保", "保证", "保持", "实现", "做到", "力争"];

/// Lowers a target of the indicator `name`, with the grade scales in scope (innermost first).
pub fn lower_target(
    target: &ast::Target,
    name: &str,
    scales: &[&GradeScale],
    diagnostics: &mut Vec<Diagnostic>,
) -> Target {
    let declared = scales.iter().any(|s| s.grades.contains(&target.text));
    let meaning = match &target.form {
        // A declared grade is a grade, whatever it reads like (`无结余` on 无结余/有结余).
        ast::TargetForm::Clauses(_) | ast::TargetForm::Free if declared => {
            let word = ast::Text {
                value: target.text.clone(),
                span: target.span,
            };
            grade(None, &word, scales)
        }
        ast::TargetForm::Clauses(clauses) => {
            let lowered: Option<Vec<Clause>> = clauses
                .iter()
                .map(|c| clause(c, name, diagnostics))
                .collect();
            match lowered {
                Some(clauses) => Meaning::Conditions { clauses },
                None => Meaning::Unmeasurable,
            }
        }
        ast::TargetForm::Word { op, word } => grade(op.as_ref(), word, scales),
        ast::TargetForm::Free => Meaning::Unmeasurable,
    };
    Target {
        text: target.text.clone(),
        meaning,
        span: target.span,
    }
}

fn grade(op: Option<&ast::Text>, word: &ast::Text, scales: &[&GradeScale]) -> Meaning {
    let bare = GRADE_VERBS
        .iter()
        .find_map(|verb| word.value.strip_prefix(verb))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(&word.value);
    let found = scales.iter().find_map(|scale| {
        let rank = scale.grades.iter().position(|g| g == bare)?;
        Some((scale, rank))
    });
    match found {
        Some((scale, rank)) => Meaning::Grade {
            op: op
                .and_then(|o| operator(&o.value))
                .unwrap_or(Comparison::Ge),
            grade: bare.to_owned(),
            scale: scale.name.clone(),
            rank,
        },
        None => Meaning::Unmeasurable,
    }
}

fn clause(clause: &ast::Clause, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Clause> {
    let subject = clause.subject.as_ref().map(|s| s.value.trim().to_owned());
    let condition = match &clause.core {
        ast::Core::ZeroEvent { event, .. } => Condition::ZeroEvent {
            // 无发生安全事故 and 无安全事故发生 name the same event.
            event: event
                .as_ref()
                .map(|e| {
                    e.value
                        .trim_start_matches("发生")
                        .trim_end_matches("发生")
                        .to_owned()
                })
                .filter(|e| !e.is_empty()),
        },
        ast::Core::Relative {
            baseline,
            direction,
            op,
            amount,
        } => Condition::Relative {
            baseline: baseline.value.trim().to_owned(),
            change: if ["减少", "下降", "降低"].contains(&direction.value.as_str()) {
                Change::Decrease
            } else {
                Change::Increase
            },
            op: op
                .as_ref()
                .and_then(|o| operator(&o.value))
                .unwrap_or(Comparison::Ge),
            amount: quantity(amount, None, diagnostics)?,
        },
        ast::Core::Deadline {
            year, month, day, ..
        } => Condition::Deadline {
            year: year.as_ref().and_then(|y| y.value.parse().ok()),
            month: month.as_ref().and_then(|m| m.value.parse().ok()),
            day: day.as_ref().and_then(|d| d.value.parse().ok()),
        },
        ast::Core::Range {
            per,
            low,
            high,
            low_mark,
            high_mark,
        } => {
            let per = per.as_ref().and_then(|p| Period::read(&p.value));
            let high_q = quantity(high, per, diagnostics)?;
            let mut low_q = quantity(low, per, diagnostics)?;
            if low.unit.is_none() && low_q.unit.is_none() {
                // `1-2万册` is 1万 to 2万 册: the lower end borrows what the upper end says.
                if low.magnitude.is_none()
                    && let Some(m) = high
                        .magnitude
                        .as_ref()
                        .and_then(|m| measure::magnitude(&m.value))
                {
                    low_q.value = low_q.value.checked_mul(m)?;
                }
                low_q.unit = high_q.unit.clone();
                low_q.per = low_q.per.or(high_q.per);
            }
            let (low_open, high_open) = open_ends(low_mark.as_ref(), high_mark.as_ref());
            Condition::Range {
                low: low_q,
                high: high_q,
                low_open,
                high_open,
            }
        }
        ast::Core::Comparison {
            per,
            cumulative,
            op,
            quantity: q,
            suffix,
            mark,
        } => {
            let per = per.as_ref().and_then(|p| Period::read(&p.value));
            let bound = quantity(q, per, diagnostics)?;
            let written = op.as_ref().or(suffix.as_ref());
            let stated_op = written
                .and_then(|o| operator(&o.value))
                .map(|o| marked(o, mark.as_ref()));
            let op_value = stated_op.or_else(|| implied(name, subject.as_deref(), &bound));
            Condition::Compare {
                op: op_value,
                stated: stated_op.is_some(),
                bound,
                cumulative: cumulative.is_some(),
                op_span: written.map(|o| o.span),
            }
        }
    };
    Some(Clause {
        subject: subject.filter(|s| !s.is_empty()),
        condition,
        context: clause.context.as_ref().map(|c| c.value.trim().to_owned()),
        span: clause.span,
    })
}

/// Which ends of a range a `(含)` / `(不含)` leaves out: a marked `含` end is in and the unmarked
/// end then out; `不含` leaves out its own end; with no mark both ends are in.
fn open_ends(low: Option<&ast::Text>, high: Option<&ast::Text>) -> (bool, bool) {
    let excluded = |m: Option<&ast::Text>| m.map(|m| m.value.contains("不含"));
    match (excluded(low), excluded(high)) {
        (None, None) => (false, false),
        (Some(low), None) => (low, !low),
        (None, Some(high)) => (!high, high),
        (Some(low), Some(high)) => (low, high),
    }
}

/// `90%以上(含)` is ≥ 90%, `90%以上(不含)` is > 90%.
fn marked(op: Comparison, mark: Option<&ast::Text>) -> Comparison {
    use Comparison::*;
    match (op, mark.map(|m| m.value.contains("不含"))) {
        (Gt, Some(false)) => Ge,
        (Lt, Some(false)) => Le,
        (Ge, Some(true)) => Gt,
        (Le, Some(true)) => Lt,
        (op, _) => op,
    }
}

/// The operator a bare value implies, if the indicator says which way is better.
fn implied(name: &str, subject: Option<&str>, bound: &Quantity) -> Option<Comparison> {
    let dimension = bound.unit.as_ref().map(|u| u.dimension);
    let polarity = polarity::infer(name, subject, dimension);
    if bound.value.is_zero() {
        return Some(Comparison::Le);
    }
    if bound.is_percent()
        && bound.value == Decimal::ONE_HUNDRED
        && polarity != Some(Polarity::Lower)
    {
        return Some(Comparison::Ge);
    }
    Some(match polarity? {
        Polarity::Higher => Comparison::Ge,
        Polarity::Lower => Comparison::Le,
        Polarity::Exact => Comparison::Eq,
    })
}

/// An operator word or symbol as normalized; `None` for a spelling the grammar never yields.
pub fn operator(word: &str) -> Option<Comparison> {
    use Comparison::*;
    Some(match word {
        ">=" | "＞=" | "＞＝" | ">＝" | "≥" | "≧" | "⩾" | "=>" | "大于或等于" | "大于等于"
        | "高于或等于" | "高于等于" | "不少于" | "不低于" | "不小于" | "至少" | "最少" | "达到"
        | "达" | "以上" | "及以上" => Ge,
        "<=" | "＜=" | "＜＝" | "<＝" | "≤" | "≦" | "⩽" | "=<" | "小于或等于" | "小于等于"
        | "低于或等于" | "低于等于" | "不超过" | "不高于" | "不大于" | "不多于" | "至多"
        | "最多" | "控制在" | "以下" | "及以下" | "以内" | "之内" | "内" => Le,
        "＞" | ">" | "﹥" | "超过" | "超出" | "超" | "高于" | "大于" | "多于" => Gt,
        "＜" | "<" | "﹤" | "小于" | "低于" | "少于" | "不足" | "不满" => Lt,
        // `═` (a box-drawing line) is how some tables' fonts and OCR give `=`.
        "＝" | "==" | "=" | "═" | "﹦" | "等于" | "为" => Eq,
        "!=" | "≠" | "不等于" => Ne,
        _ => return None,
    })
}

/// Lowers a quantity; a number too large for an exact decimal is reported and dropped.
fn quantity(
    q: &ast::Quantity,
    per: Option<Period>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Quantity> {
    let magnitude = q
        .magnitude
        .as_ref()
        .and_then(|m| measure::magnitude(&m.value))
        .unwrap_or(Decimal::ONE);
    let value = parse_number(&q.number.value).and_then(|n| n.checked_mul(magnitude));
    let Some(value) = value else {
        diagnostics.push(number_error(q.number.span));
        return None;
    };
    Some(Quantity {
        value,
        unit: q.unit.as_ref().and_then(|u| measure::unit(&u.value)),
        per: q.per.as_ref().and_then(|p| Period::read(&p.value)).or(per),
        span: q.span,
        unit_span: q.unit.as_ref().map(|u| u.span),
    })
}

pub(super) fn number_error(span: Span) -> Diagnostic {
    Diagnostic::new(Code::SyntaxError, span)
        .arg("detail", "数值过大或无法读取")
        .arg("label", "无法读取的数值")
        .arg("help", "数值最多 28 位有效数字")
}
