//! Reading single cells of a sheet: the category columns, the value with its operator and unit
//! columns, and a title row above the header.

use rust_decimal::Decimal;

use super::sheet::SheetRow;
use crate::model::category::{How, clean, read_label, written_label, written_level};
use crate::model::{Level1, Level2};
use crate::syntax::ast::{Core, TargetForm};

/// A title above the header (`广州市示例局2024年项目支出绩效目标表`): the department and year.
pub fn title(rows: &[SheetRow]) -> (Option<String>, Option<u32>) {
    for row in rows {
        let text: String = row.cells.iter().map(|c| c.trim()).collect();
        if let Some((at, year)) = super::form::year_at(&text).filter(|_| text.contains("绩效目标"))
        {
            let name: String = text.chars().take(at).collect();
            // `项目支出绩效目标表（2024年度）` names no department.
            let name = name.trim().trim_end_matches(['（', '(', ' ']);
            let named = !name.is_empty() && !name.contains('表') && !name.contains("绩效");
            return (named.then(|| name.to_owned()), Some(year));
        }
    }
    (None, None)
}

/// The 一级 and 二级 labels as the spec writes them, read the general way (`model::category::
/// read_label`): a known category by its canonical words, any other as written (the checker
/// reports it). Also the weights in the labels and a note when the reading was a guess.
pub struct CategoryCells {
    pub level1: String,
    pub level2: Option<String>,
    /// (`产出`, 50) from `产出指标(50分)`.
    pub weight: Option<(String, Decimal)>,
    pub note: Option<String>,
}

pub fn category(level1: &str, level2: &str) -> CategoryCells {
    let reading = read_label(level1, level2);
    let category = &reading.category;
    let written1 = || written_label(level1, "");
    let first = match category.level1 {
        Level1::Other => written1(),
        known => known.label().to_owned(),
    };
    let second = match category.level2 {
        None => None,
        Some(Level2::Other) => {
            let (core, _) = clean(level2);
            Some(written_level(if core.is_empty() { level2 } else { &core }))
        }
        Some(known) => Some(known.label().to_owned()),
    };
    let first = if category.level1 == Level1::Other && category.level2.is_some() {
        written_label(level1, "")
    } else {
        first
    };
    let weight = reading
        .weights
        .iter()
        .find(|(level, _)| *level == 1)
        .filter(|_| category.level1 != Level1::Other)
        .map(|(_, w)| (category.level1.label().to_owned(), *w));
    let as_written = [level1.trim(), level2.trim()]
        .iter()
        .filter(|t| !t.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" / ");
    let note = match reading.how {
        How::Contained | How::Nearest => Some(format!(
            "类别原文「{as_written}」，按「{}」读取",
            category.label()
        )),
        How::Combined => Some(format!(
            "类别原文「{as_written}」含几个二级类别，只记一级「{}」",
            category.level1.label()
        )),
        How::Known | How::Unknown => None,
    };
    CategoryCells {
        level1: first,
        level2: second,
        weight,
        note,
    }
}

/// `正向` / `反向`: a direction, weaker than an operator written in another column.
pub fn is_direction(cell: &str) -> bool {
    let text = cell.trim();
    text.starts_with("正向") || text.starts_with("反向") || text.starts_with("越")
}

/// An operator cell (计算符号, 指标性质, 指标方向) as a symbol the value grammar reads; `正向` and
/// `反向` give the direction a bare value takes. `None` for `定性`, `定量`, a dash or other words.
pub fn operator_symbol(cell: &str) -> Option<&'static str> {
    use crate::model::Comparison::*;
    let text: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    // The words only a direction or operator column uses; every other spelling is the value
    // grammar's own (`model::value::operator`), so a cell reads as the same symbol in a target.
    let direction = match text.as_str() {
        "正向" | "正向指标" | "越大越好" | "越高越好" => Some(Ge),
        "反向" | "反向指标" | "越小越好" | "越低越好" => Some(Le),
        "定额" => Some(Eq),
        _ => None,
    };
    Some(
        match direction.or_else(|| crate::model::value::operator(&text))? {
            Ge => "≥",
            Le => "≤",
            Gt => ">",
            Lt => "<",
            Eq => "=",
            Ne => return None,
        },
    )
}

/// The target text: the value cell, with the operator and unit columns put where the value
/// lacks them (`≥` + `95` + `%` → `≥95%`). A value the value grammar cannot read is kept as
/// written: nothing is added to it.
pub fn compose(value: &str, operator: &str, unit: &str) -> String {
    let value = value.trim();
    let unit = unit.trim();
    let unit = if matches!(unit, "-" | "—" | "/" | "无") {
        ""
    } else {
        unit
    };
    // A unit cell with its gloss (`%(百分比)`, `人(人数)`): the unit before the brackets.
    let unit = match unit.find(['(', '（']) {
        Some(open) if open > 0 && unit.ends_with([')', '）']) => unit[..open].trim(),
        _ => unit,
    };
    let operator = operator_symbol(operator).unwrap_or("");
    if operator.is_empty() && unit.is_empty() {
        return value.to_owned();
    }
    let target = crate::syntax::parse_value(value, 0);
    let TargetForm::Clauses(clauses) = &target.form else {
        return value.to_owned();
    };
    let [clause] = clauses.as_slice() else {
        return value.to_owned();
    };
    let Core::Comparison { op, quantity, .. } = &clause.core else {
        return value.to_owned();
    };
    let mut text = value.to_owned();
    if !unit.is_empty() && quantity.unit.is_none() && !value.ends_with(unit) {
        text.push_str(unit);
    }
    if !operator.is_empty() && op.is_none() && clause.subject.is_none() {
        text.insert_str(0, operator);
    }
    text
}
