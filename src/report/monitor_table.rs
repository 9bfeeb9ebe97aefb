//! `jixiao monitor` for people: one table per project (indicator, target, standard to date,
//! actual, ratio, deviation, light, basis and note), the project's light and its budget
//! execution, and a summary line. Columns are aligned by display width; lights are coloured
//! only when asked (a terminal without `NO_COLOR`).

use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use crate::eval::monitor::{Light, Monitoring, ProjectRow};

const HEADERS: [&str; 8] = [
    "指标",
    "目标",
    "标准值",
    "实际",
    "完成比",
    "偏差度",
    "灯",
    "依据/说明",
];
const LIGHT_COLUMN: usize = 6;

pub fn render(monitoring: &Monitoring, color: bool) -> String {
    let mut out = format!(
        "运行监控：截至 {}（N = {}）；{}\n\n",
        monitoring.as_of.label(),
        monitoring.months,
        monitoring.rule_text
    );
    for project in &monitoring.projects {
        out.push_str(&project_table(project, color));
        out.push('\n');
    }
    out
}

/// A light as the table writes it, coloured when asked.
pub fn light(light: Light, color: bool) -> String {
    let text = light.label();
    if !color {
        return text.to_owned();
    }
    let code = match light {
        Light::Red => "31",
        Light::Yellow => "33",
        Light::Green => "32",
        Light::Blue => "34",
        Light::None => "2",
    };
    format!("\u{1b}[{code}m{text}\u{1b}[0m")
}

pub fn percent(value: Option<Decimal>) -> String {
    value.map_or("—".to_owned(), |v| {
        format!("{}%", v.round_dp(2).normalize())
    })
}

fn project_table(project: &ProjectRow, color: bool) -> String {
    let mut lines: Vec<[String; 8]> = Vec::new();
    for row in &project.indicators {
        let target = match &row.initial {
            Some(initial) => format!("{}（年初 {initial}）", row.target),
            None => row.target.clone(),
        };
        let basis = row.basis.map_or("", |b| b.label());
        let note = [
            Some(basis),
            row.note.as_deref(),
            row.reason_category.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("，");
        lines.push([
            row.name.clone(),
            clip(&target),
            row.standard.clone().map_or("—".to_owned(), |s| clip(&s)),
            clip(row.actual.as_deref().unwrap_or("—")),
            percent(row.ratio),
            percent(row.deviation),
            row.light.label().to_owned(),
            note,
        ]);
    }
    let mut widths = HEADERS.map(UnicodeWidthStr::width);
    for line in &lines {
        for (w, cell) in widths.iter_mut().zip(line) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = format!(
        "{}（{}）  项目灯：{}\n",
        project.name,
        project.agency,
        light(project.light, color)
    );
    out.push_str(&row_text(&HEADERS.map(str::to_owned), &widths, None));
    out.push_str(&row_text(&widths.map(|w| "─".repeat(w)), &widths, None));
    for (line, row) in lines.iter().zip(&project.indicators) {
        let lit = color.then_some(row.light);
        out.push_str(&row_text(line, &widths, lit));
    }
    match &project.execution {
        Some(e) => {
            let amounts = match (e.spent, e.budget) {
                (Some(s), Some(b)) => format!("执行 {s} / 预算 {b} 万元，"),
                _ => String::new(),
            };
            out.push_str(&format!(
                "预算执行：{amounts}执行率 {}%，序时进度 {}%，完成比 {}%  {}\n",
                e.rate,
                e.expected,
                e.ratio,
                light(e.light, color)
            ));
        }
        None => out.push_str("预算执行：实际值文件没有给出预算数和执行数\n"),
    }
    out
}

fn clip(text: &str) -> String {
    super::eval_table::clip_to(text, 30)
}

fn row_text(cells: &[String; 8], widths: &[usize; 8], lit: Option<Light>) -> String {
    let mut out = String::new();
    for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
        match lit {
            Some(l) if i == LIGHT_COLUMN => out.push_str(&light(l, true)),
            _ => out.push_str(cell),
        }
        if i + 1 < cells.len() {
            out.push_str(&" ".repeat(w - cell.width() + 2));
        }
    }
    format!("{}\n", out.trim_end())
}

/// `监控了 12 条指标：红灯 2，黄灯 1，绿灯 7，蓝灯 1，无灯 1；发现 3 个错误、1 个警告`.
pub fn summary(monitoring: &Monitoring) -> String {
    let count = |l: Light| monitoring.rows().filter(|(_, r)| r.light == l).count();
    let (errors, warnings) = crate::diagnostic::errors_and_warnings(
        monitoring
            .spec_diagnostics
            .iter()
            .chain(&monitoring.actuals_diagnostics),
    );
    format!(
        "监控了 {} 条指标：红灯 {}，黄灯 {}，绿灯 {}，蓝灯 {}，无灯 {}；发现 {errors} 个错误、{warnings} 个警告\n",
        monitoring.rows().count(),
        count(Light::Red),
        count(Light::Yellow),
        count(Light::Green),
        count(Light::Blue),
        count(Light::None),
    )
}
