//! Reading single cells of a sheet: the category columns, the value with its operator and unit
//! columns, and a title row above the header.

use super::sheet::SheetRow;
use crate::model::{Level1, Level2};
use crate::syntax::ast::{Core, TargetForm};

/// A title above the header (`广州市示例局2024年项目支出绩效目标表`): the department and year.
pub fn title(rows: &[SheetRow]) -> (Option<String>, Option<u32>) {
    for row in rows {
        let text: String = row.cells.iter().map(|c| c.trim()).collect();
        let chars: Vec<char> = text.chars().collect();
        let found = chars
            .windows(5)
            .position(|w| w[..4].iter().all(char::is_ascii_digit) && w[4] == '年');
        if let Some(at) = found.filter(|_| text.contains("绩效目标")) {
            let year = chars[at..at + 4].iter().collect::<String>().parse().ok();
            let name: String = chars[..at].iter().collect();
            let name = name.trim();
            return ((!name.is_empty()).then(|| name.to_owned()), year);
        }
    }
    (None, None)
}

/// The 一级 and 二级 labels, or why they cannot be read.
pub fn category(level1: &str, level2: &str) -> Result<(String, Option<String>), String> {
    let Some(first) = Level1::read(level1.trim()) else {
        return Err(format!("一级指标「{level1}」不是产出、效益、满意度或成本"));
    };
    let level2 = level2.trim();
    if level2.is_empty() {
        return Ok((first.label().to_owned(), None));
    }
    // `产出数量` is 产出 › 数量.
    let word = level2
        .strip_prefix(first.label())
        .filter(|w| !w.is_empty())
        .unwrap_or(level2);
    let second = Level2::read(first, word).or_else(|| Level2::read(first, level2));
    let label = second
        .and_then(|s| serde_json::to_value(s).ok())
        .and_then(|v| v.as_str().map(str::to_owned));
    match label {
        Some(label) => Ok((first.label().to_owned(), Some(label))),
        None => Err(format!(
            "二级指标「{level2}」不属于{}（应为 {}）",
            first.label(),
            first.level2_words()
        )),
    }
}

/// The target text: the value cell, with the operator and unit columns put where the value
/// lacks them (`≥` + `95` + `%` → `≥95%`). A value the value grammar cannot read is kept as
/// written: nothing is added to it.
pub fn compose(value: &str, operator: &str, unit: &str) -> String {
    let value = value.trim();
    let operator = operator.trim();
    let unit = unit.trim();
    let operator = if matches!(operator, "定性" | "定量" | "-" | "—") {
        ""
    } else {
        operator
    };
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
