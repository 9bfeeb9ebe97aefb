//! `jixiao monitor --format markdown`: one 绩效运行监控表 per project (指标 | 年度指标值 | 标准值 |
//! 实际完成值 | 完成比 | 偏差度 | 预警 | 偏差原因 | 完成目标可能性 | 全年预计), its budget execution,
//! and the findings as a list.

use super::monitor_table::percent;
use crate::eval::monitor::Monitoring;
use crate::source::SourceFile;

pub fn render(monitoring: &Monitoring, spec: &SourceFile, actuals: &SourceFile) -> String {
    let mut out = format!(
        "截至 {}（N = {}）。{}。\n\n",
        monitoring.as_of.label(),
        monitoring.months,
        monitoring.rule_text
    );
    for project in &monitoring.projects {
        out.push_str(&format!(
            "## {}（{}）：{}\n\n",
            cell(&project.name),
            cell(&project.agency),
            project.light.label()
        ));
        out.push_str("| 指标 | 类别 | 年度指标值 | 标准值 | 实际完成值 | 完成比 | 偏差度 | 预警 | 偏差原因 | 完成目标可能性 | 全年预计 |\n");
        out.push_str("|---|---|---|---|---|---:|---:|---|---|---|---|\n");
        for row in &project.indicators {
            let target = match &row.initial {
                Some(initial) => format!("{}（年初 {initial}）", row.target),
                None => row.target.clone(),
            };
            let light = match &row.note {
                Some(note) => format!("{}（{note}）", row.light.label()),
                None => row.light.label().to_owned(),
            };
            let reason = match (&row.reason_category, &row.reason) {
                (Some(c), Some(r)) => format!("{c}：{r}"),
                (None, Some(r)) => r.clone(),
                _ => String::new(),
            };
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                cell(&row.name),
                cell(&row.category),
                cell(&target),
                cell(row.standard.as_deref().unwrap_or("—")),
                cell(row.actual.as_deref().unwrap_or("—")),
                percent(row.ratio),
                percent(row.deviation),
                cell(&light),
                cell(&reason),
                cell(row.likelihood.as_deref().unwrap_or("")),
                cell(row.forecast.as_deref().unwrap_or("")),
            ));
        }
        if let Some(e) = &project.execution {
            out.push_str(&format!(
                "\n预算执行率 {}%，序时进度 {}%，完成比 {}%：**{}**\n",
                e.rate,
                e.expected,
                e.ratio,
                e.light.label()
            ));
        }
        out.push('\n');
    }
    out.push_str(&super::eval_markdown::findings(
        &monitoring.spec_diagnostics,
        spec,
        &monitoring.actuals_diagnostics,
        actuals,
    ));
    out
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
