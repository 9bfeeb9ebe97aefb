//! `jixiao eval --format markdown`: the tables of the self-evaluation form (项目支出绩效自评表
//! layout: 指标 | 年度指标值 | 实际完成值 | 分值 | 得分), and the findings as a list.

use super::eval_table::fmt;
use crate::diagnostic::Diagnostic;
use crate::eval::{Evaluation, Row, Verdict};
use crate::source::SourceFile;

pub fn render(evaluation: &Evaluation, spec: &SourceFile, actuals: &SourceFile) -> String {
    let mut out = String::new();
    for section in &evaluation.sections {
        out.push_str(&format!("## {}\n\n", section.title));
        out.push_str("| 指标 | 年度指标值 | 实际完成值 | 结论 | 分值 | 得分 | 报告得分 |\n");
        out.push_str("|---|---|---|---|---:|---:|---:|\n");
        for row in &section.rows {
            match row {
                Row::Group(g) => out.push_str(&format!(
                    "| **{}{}** | | | 得分率 {}% | {} | {} | |\n",
                    "　".repeat(g.depth),
                    cell(&g.name),
                    g.rate,
                    fmt(g.weight, section.decimals),
                    fmt(g.score, section.decimals)
                )),
                Row::Item(i) => out.push_str(&format!(
                    "| {}{} | {} | {} | {} | {} | {} | {} |\n",
                    "　".repeat(i.depth),
                    cell(&i.name),
                    cell(&i.target),
                    cell(i.actual.as_deref().unwrap_or("—")),
                    cell(&verdict(&i.verdict)),
                    fmt(i.weight, section.decimals),
                    i.score.map_or("—".to_owned(), |s| fmt(s, section.decimals)),
                    cell(i.reported.as_deref().unwrap_or(""))
                )),
            }
        }
        if let Some(e) = &section.execution {
            out.push_str(&format!(
                "| 预算执行率 | 预算 {} 万元 | 执行 {} 万元 | {}% | {} | {} | |\n",
                e.budget,
                e.spent,
                e.rate,
                e.weight.normalize(),
                fmt(e.score, section.decimals)
            ));
        }
        out.push_str(&format!(
            "\n**总分 {} / {}**，得分率 {}%，等次：**{}**\n\n",
            fmt(section.score, section.decimals),
            section.weight.normalize(),
            section.rate,
            section.grade
        ));
    }
    out.push_str(&findings(
        &evaluation.spec_diagnostics,
        spec,
        &evaluation.actuals_diagnostics,
        actuals,
    ));
    out
}

/// `### 发现的问题` and one line a finding (`file:line:column` code name: message), the spec's
/// first; nothing when there is none.
pub fn findings(
    spec_diagnostics: &[Diagnostic],
    spec: &SourceFile,
    actuals_diagnostics: &[Diagnostic],
    actuals: &SourceFile,
) -> String {
    let lines: Vec<String> = spec_diagnostics
        .iter()
        .map(|d| (spec, d))
        .chain(actuals_diagnostics.iter().map(|d| (actuals, d)))
        .map(|(source, d)| {
            let at = source.line_col(d.span.start);
            format!(
                "- `{}:{}:{}` {} {}: {}\n",
                source.name,
                at.line,
                at.column,
                d.rule().id,
                d.rule().name,
                cell(&d.message())
            )
        })
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    format!("### 发现的问题\n\n{}", lines.concat())
}

fn verdict(v: &Verdict) -> String {
    match v {
        Verdict::NotMet { gap: Some(gap) } => format!("未达成（{gap}）"),
        other => other.label().to_owned(),
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
