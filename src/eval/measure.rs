//! What an actual value says, read with the same grammar and lowering as targets, and put in
//! the target's unit exactly.

use rust_decimal::Decimal;

use super::actuals::Field;
use crate::diagnostic::Diagnostic;
use crate::model::measure::Unit;
use crate::model::{Comparison, Condition, GradeScale, Meaning, Quantity, Target};
use crate::syntax;

/// The degree of completion an evaluator writes for a qualitative indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Completion {
    /// 达成年度指标.
    Full,
    /// 部分达成年度指标并具有一定效果.
    Partly,
    /// 未达成年度指标且效果较差.
    Not,
}

impl Completion {
    /// Reads the words of 财预〔2020〕10号 (and their short forms) in a text.
    pub fn read(text: &str) -> Option<Completion> {
        if ["未达成", "未完成", "未达到", "未实现"]
            .iter()
            .any(|w| text.contains(w))
        {
            Some(Completion::Not)
        } else if ["部分达成", "部分完成", "部分达到", "部分实现"]
            .iter()
            .any(|w| text.contains(w))
        {
            Some(Completion::Partly)
        } else if ["达成", "完成", "达到", "实现"]
            .iter()
            .any(|w| text.contains(w))
        {
            Some(Completion::Full)
        } else {
            None
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Completion::Full => "达成年度指标",
            Completion::Partly => "部分达成年度指标",
            Completion::Not => "未达成年度指标",
        }
    }
}

/// One measured value: a number (possibly only a bound, as in `超过90%`), or a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Number {
        quantity: Quantity,
        /// `超过90%` is only known to be above 90%.
        bound: Option<Comparison>,
    },
    Zero,
    Date(Option<u32>, Option<u32>, Option<u32>),
}

/// What an actual value says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actual {
    Values(Vec<Value>),
    Grade { rank: usize, scale: String },
    Completion(Completion),
    Unreadable,
}

/// Reads an actual value as written in an actuals file, with the grammar and lowering targets
/// take (`syntax::parse_value`, `model::value::lower_target`); what the lowering reports goes to
/// `diagnostics`, with spans into the actuals file. The one way `eval` and `monitor` read values.
pub fn read_field(
    field: &Field,
    name: &str,
    scales: &[&GradeScale],
    diagnostics: &mut Vec<Diagnostic>,
) -> Actual {
    // A completion date (`2023年11月30日`) is read as the deadline form it meets
    // (`2023年11月30日前`), so deadlines compare with the same grammar.
    let trimmed = field.text.trim_end();
    let date = trimmed.ends_with(['日', '号', '月'])
        && trimmed.contains(['年', '月'])
        && trimmed.starts_with(|c: char| c.is_ascii_digit());
    let text = if date {
        format!("{trimmed}前")
    } else {
        field.text.clone()
    };
    let parsed = syntax::parse_value(&text, field.span.start);
    let target = crate::model::value::lower_target(&parsed, name, scales, diagnostics);
    let actual = read(&target);
    if actual == Actual::Unreadable {
        diagnostics.push(super::actuals::unreadable(
            field.span,
            format!("实际值「{}」没有可比较的数值、等级或完成程度", field.text),
            "写成数值（`1200篇`、`85.34%`、`0次`）、声明过的等级，或 达成/部分达成/未达成年度指标",
        ));
    }
    actual
}

/// Reads a lowered actual value.
pub fn read(actual: &Target) -> Actual {
    match &actual.meaning {
        Meaning::Conditions { clauses } => {
            let values: Option<Vec<Value>> = clauses.iter().map(|c| value(&c.condition)).collect();
            match values {
                Some(values) if !values.is_empty() => Actual::Values(values),
                _ => completion_or_unreadable(&actual.text),
            }
        }
        Meaning::Grade { rank, scale, .. } => Actual::Grade {
            rank: *rank,
            scale: scale.clone(),
        },
        Meaning::Unmeasurable => completion_or_unreadable(&actual.text),
    }
}

fn completion_or_unreadable(text: &str) -> Actual {
    Completion::read(text).map_or(Actual::Unreadable, Actual::Completion)
}

fn value(condition: &Condition) -> Option<Value> {
    match condition {
        Condition::Compare {
            op, stated, bound, ..
        } => {
            Some(Value::Number {
                quantity: bound.clone(),
                bound: match op {
                    Some(
                        op @ (Comparison::Gt | Comparison::Ge | Comparison::Lt | Comparison::Le),
                    ) if *stated => Some(*op),
                    _ => None,
                },
            })
        }
        Condition::ZeroEvent { .. } => Some(Value::Zero),
        Condition::Deadline { year, month, day } => Some(Value::Date(*year, *month, *day)),
        Condition::Range { .. } | Condition::Relative { .. } => None,
    }
}

/// Values beyond ±10^15 (in their unit) are refused: no target or actual is that large, and the
/// scoring arithmetic (weight × actual / target) must stay far inside `Decimal`'s 28 digits.
pub fn sane(value: Decimal) -> Result<Decimal, String> {
    if value.abs() > Decimal::from(1_000_000_000_000_000_i64) {
        Err(format!("数值 {} 过大，无法计分", value.normalize()))
    } else {
        Ok(value)
    }
}

/// `actual` in the unit of `target`, exactly; a missing unit on either side takes the other's.
pub fn align(actual: &Quantity, target: &Quantity) -> Result<Decimal, String> {
    sane(target.value)?;
    let value = match (&actual.unit, &target.unit) {
        (Some(a), Some(t)) => convert(sane(actual.value)?, a, t)?,
        _ => actual.value,
    };
    sane(value)
}

fn convert(value: Decimal, from: &Unit, to: &Unit) -> Result<Decimal, String> {
    from.convert(value, to).ok_or_else(|| {
        format!(
            "实际值的单位「{}」与目标的单位「{}」无法换算",
            from.symbol, to.symbol
        )
    })
}

/// The number of a value in the target's unit (0 for `无`); `None` for a date.
pub fn number(value: &Value, target: &Quantity) -> Result<Option<Decimal>, String> {
    match value {
        Value::Number { quantity, .. } => align(quantity, target).map(Some),
        Value::Zero => Ok(Some(Decimal::ZERO)),
        Value::Date(..) => Ok(None),
    }
}

/// A value with its unit, as people read it (`0.46%`, `4,000 户`).
pub fn show(value: Decimal, unit: Option<&Unit>) -> String {
    let q = Quantity {
        value: value.round_dp(4).normalize(),
        unit: unit.cloned(),
        per: None,
        span: Default::default(),
        unit_span: None,
    };
    q.display()
}
