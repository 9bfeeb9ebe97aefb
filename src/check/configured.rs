//! Quantities written in `jixiao.toml` (a threshold's `min`, a standard's `max`), read as the
//! model reads a target's: `"85%"` → 85 %, `"1万册"` → 10000 册, `"0.3万元/人"` → 3000 元/人.

use crate::config::split_number;
use crate::model::Quantity;
use crate::model::measure;
use crate::source::Span;

pub fn quantity(text: &str) -> Option<Quantity> {
    let (number, unit) = split_number(text)?;
    let (value, unit) = match unit.chars().next().map(|c| &unit[..c.len_utf8()]) {
        Some(word) if measure::magnitude(word).is_some() => {
            let factor = measure::magnitude(word)?;
            (number.checked_mul(factor)?, &unit[word.len()..])
        }
        _ => (number, unit),
    };
    Some(Quantity {
        value,
        unit: if unit.is_empty() {
            None
        } else {
            Some(measure::unit(unit)?)
        },
        per: None,
        span: Span::new(0, 0),
        unit_span: None,
    })
}
