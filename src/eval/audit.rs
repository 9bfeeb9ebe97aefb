//! Comparing a figure a report states with the one computed from its own data: equal when the
//! computed value, rounded half-up to the decimals the report wrote, is the written value. A
//! score written without decimals states a whole score, so it is read at the decimals the spec
//! keeps (`计分 保留2位小数`): a `5` beside a computed 4.84 is 5.00, a difference, not 4.84
//! rounded to whole points (say `计分 整数分` for a table that scores in whole points); `1.95`
//! beside 1.9515 is the report's own rounding.

use rust_decimal::{Decimal, RoundingStrategy};

use super::actuals::Field;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::quantity::read_number;

/// A number as a report writes it: `90.02%`, `40.512分`, `3,992.56万元`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figure {
    /// As written (95.4 for `95.4%`).
    pub value: Decimal,
    pub percent: bool,
}

impl Figure {
    pub fn read(text: &str) -> Option<Figure> {
        let t = text.trim();
        let end = t
            .char_indices()
            .take_while(|(_, c)| {
                c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '０'..='９' | '．')
            })
            .last()
            .map(|(i, c)| i + c.len_utf8())?;
        let value = read_number(&t[..end])?;
        let percent = t[end..].trim_start().starts_with(['%', '％']);
        Some(Figure { value, percent })
    }

    /// The value as a plain number (0.9002 for `90.02%`).
    pub fn plain(&self) -> Decimal {
        if self.percent {
            self.value / Decimal::ONE_HUNDRED
        } else {
            self.value
        }
    }

    /// `computed` (a plain number) the way this figure is written: percent, and the decimals it
    /// shows, or `decimals` when it shows none.
    pub fn written(
        &self,
        computed: Decimal,
        decimals: u32,
        strategy: RoundingStrategy,
    ) -> Option<Decimal> {
        let shown = if self.percent {
            computed.checked_mul(Decimal::ONE_HUNDRED)?
        } else {
            computed
        };
        let places = match self.value.scale() {
            0 => decimals,
            places => places,
        };
        Some(shown.round_dp_with_strategy(places, strategy))
    }

    pub fn show(&self, value: Decimal) -> String {
        if self.percent {
            format!("{value}%")
        } else {
            value.to_string()
        }
    }
}

/// How a stated figure compares with the computed one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Agreement {
    Agrees,
    /// Truncated where it should be rounded: the rounded figure.
    Truncated(String),
    /// Different: the computed figure at the written precision.
    Differs(String),
}

pub fn compare(figure: Figure, computed: Decimal, decimals: u32) -> Agreement {
    let rounding = RoundingStrategy::MidpointAwayFromZero;
    let Some(rounded) = figure.written(computed, decimals, rounding) else {
        return Agreement::Differs(computed.normalize().to_string());
    };
    if rounded == figure.value {
        return Agreement::Agrees;
    }
    let truncated = figure.written(computed, decimals, RoundingStrategy::ToZero);
    if truncated == Some(figure.value) {
        Agreement::Truncated(figure.show(rounded))
    } else {
        Agreement::Differs(figure.show(rounded))
    }
}

/// Audits one stated figure; `what` names it, `how` says how it is computed.
pub fn audit(field: &Field, computed: Decimal, what: &str, how: &str) -> Option<Diagnostic> {
    audit_at(field, computed, 0, what, how)
}

/// Audits a stated score, read at no fewer than the spec's `decimals`.
pub fn audit_score(
    field: &Field,
    computed: Decimal,
    decimals: u32,
    what: &str,
    how: &str,
) -> Option<Diagnostic> {
    audit_at(field, computed, decimals, what, how)
}

fn audit_at(
    field: &Field,
    computed: Decimal,
    decimals: u32,
    what: &str,
    how: &str,
) -> Option<Diagnostic> {
    let Some(figure) = Figure::read(&field.text) else {
        // A figure the report states but that reads as no number is said, not passed over.
        return (!field.text.trim().is_empty()).then(|| {
            super::actuals::unreadable(
                field.span,
                format!("{what}「{}」无法读取", field.text),
                "写成数，如 `95.5%`、`8.5`、`3,992.56`",
            )
        });
    };
    match compare(figure, computed, decimals) {
        Agreement::Agrees => None,
        Agreement::Truncated(expected) => Some(
            Diagnostic::new(Code::TruncatedFigure, field.span)
                .arg(
                    "detail",
                    format!(
                        "{what}写作 {}，按{how} 计算、四舍五入，应为 {expected}（精确值 {}），报告是截断的",
                        field.text.trim(),
                        precise(figure, computed)
                    ),
                )
                .arg("expected", expected),
        ),
        Agreement::Differs(expected) => Some(
            Diagnostic::new(Code::ScoreMismatch, field.span)
                .arg(
                    "detail",
                    format!(
                        "{what}写作 {}，按{how}，应为 {expected}（精确值 {}）",
                        field.text.trim(),
                        precise(figure, computed)
                    ),
                )
                .arg("reported", field.text.trim())
                .arg(
                    "help_detail",
                    "核对报告中的这一数字与它所依据的数据，改正其中一处",
                ),
        ),
    }
}

fn precise(figure: Figure, computed: Decimal) -> String {
    let shown = if figure.percent {
        computed
            .checked_mul(Decimal::ONE_HUNDRED)
            .unwrap_or(computed)
    } else {
        computed
    };
    let digits = shown.round_dp(6).normalize();
    figure.show(digits)
}
