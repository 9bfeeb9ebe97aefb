//! Quantities: an exact decimal with its unit and, for rates, its period.

use rust_decimal::Decimal;
use serde::Serialize;

use super::measure::{Period, Unit};
use crate::source::Span;

/// `3万册` is 30000 册: the magnitude is applied, the unit kept as written (canonical symbol).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quantity {
    pub value: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// For rates: `1065期/年` is 1065 期 per 年.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per: Option<Period>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub unit_span: Option<Span>,
}

impl Quantity {
    pub fn is_percent(&self) -> bool {
        self.unit.as_ref().is_some_and(|u| u.symbol == "%")
    }

    /// `30,000 册`, `95%`, `1,065 期/年`: the normalized value as people read it.
    pub fn display(&self) -> String {
        let mut out = group_thousands(&self.value.normalize().to_string());
        if let Some(unit) = &self.unit {
            if unit.symbol != "%" {
                out.push(' ');
            }
            out.push_str(unit.symbol);
        }
        if let Some(per) = self.per {
            out.push('/');
            out.push_str(per.label());
        }
        out
    }
}

/// Reads text that is, whole, a number as the value grammar writes one (`3,992.56`, `-5`,
/// `１２`): `1,2345` and `9,5` are no number here, where `parse_number` would drop the commas.
pub fn read_number(text: &str) -> Option<Decimal> {
    crate::syntax::reads_as_number(text)
        .then(|| parse_number(text))
        .flatten()
}

/// Reads a number as written: thousands separators and full-width digits allowed.
pub fn parse_number(text: &str) -> Option<Decimal> {
    let ascii: String = text
        .chars()
        .filter(|c| *c != ',')
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '－' | '−' => '-',
            _ => c,
        })
        .collect();
    ascii.parse::<Decimal>().ok()
}

fn group_thousands(number: &str) -> String {
    let (sign, digits) = number.strip_prefix('-').map_or(("", number), |d| ("-", d));
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut out = format!("{sign}{grouped}");
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}
