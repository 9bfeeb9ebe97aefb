//! `jixiao eval` for people: one table per section (indicator, target, actual, verdict, score /
//! weight, the report's score), group subtotals with 得分率, the execution row, total and grade.
//! Columns are aligned by display width, so Chinese text lines up.

use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use crate::eval::{Evaluation, Row, Section};

const HEADERS: [&str; 6] = ["指标", "目标", "实际", "结论", "得分/分值", "报告得分"];

pub fn render(evaluation: &Evaluation) -> String {
    let mut out = String::new();
    for section in &evaluation.sections {
        out.push_str(&section_table(section));
        out.push('\n');
    }
    out
}

fn section_table(section: &Section) -> String {
    let mut lines: Vec<[String; 6]> = Vec::new();
    for row in &section.rows {
        lines.push(match row {
            Row::Group(g) => [
                format!("{}【{}】", "  ".repeat(g.depth), g.name),
                String::new(),
                String::new(),
                format!("得分率 {}%", g.rate),
                format!(
                    "{}/{}",
                    fmt(g.score, section.decimals),
                    g.weight.normalize()
                ),
                String::new(),
            ],
            Row::Item(i) => [
                format!("{}{}", "  ".repeat(i.depth), i.name),
                clip(&i.target),
                clip(&i.actual.clone().unwrap_or_else(|| "—".to_owned())),
                verdict_text(&i.verdict),
                format!(
                    "{}/{}",
                    i.score.map_or("—".to_owned(), |s| fmt(s, section.decimals)),
                    fmt(i.weight, section.decimals)
                ),
                i.reported.clone().unwrap_or_default(),
            ],
        });
    }
    if let Some(e) = &section.execution {
        lines.push([
            "预算执行率".to_owned(),
            format!("执行 {} / 预算 {} 万元", e.spent, e.budget),
            format!("{}%", e.rate),
            String::new(),
            format!(
                "{}/{}",
                fmt(e.score, section.decimals),
                e.weight.normalize()
            ),
            String::new(),
        ]);
    }
    let mut widths = HEADERS.map(UnicodeWidthStr::width);
    for line in &lines {
        for (w, cell) in widths.iter_mut().zip(line) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = format!("{}\n", section.title);
    out.push_str(&row_text(&HEADERS.map(str::to_owned), &widths));
    out.push_str(&row_text(&widths.map(|w| "─".repeat(w)), &widths));
    for line in &lines {
        out.push_str(&row_text(line, &widths));
    }
    out.push_str(&format!(
        "总分 {} / {}，得分率 {}%，等次：{}\n",
        fmt(section.score, section.decimals),
        section.weight.normalize(),
        section.rate,
        section.grade
    ));
    out
}

fn verdict_text(verdict: &crate::eval::Verdict) -> String {
    use crate::eval::Verdict;
    match verdict {
        Verdict::NotMet { gap: Some(gap) } => format!("未达成（{gap}）"),
        Verdict::Unmeasurable { reason } => format!("无法判断（{reason}）"),
        other => other.label().to_owned(),
    }
}

/// Long targets (a paragraph of arrival times) are cut to keep the table readable; the JSON and
/// Markdown outputs keep them whole.
fn clip(text: &str) -> String {
    clip_to(text, 36)
}

/// `text` cut to `max` display columns, with `…` where it was cut.
pub fn clip_to(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > max - 1 {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A score with the section's decimals (`1.908`, `2.000` → `2`).
pub fn fmt(value: Decimal, decimals: u32) -> String {
    value.round_dp(decimals).normalize().to_string()
}

fn row_text(cells: &[String; 6], widths: &[usize; 6]) -> String {
    let mut out = String::new();
    for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
        out.push_str(cell);
        if i + 1 < cells.len() {
            out.push_str(&" ".repeat(w - cell.width() + 2));
        }
    }
    let trimmed = out.trim_end().to_owned();
    format!("{trimmed}\n")
}
