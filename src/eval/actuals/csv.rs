//! CSV actuals: one row per indicator, with a header row naming the columns
//! (项目, 预算单位, 名称, 实际, 得分, 得分率, 说明, 计算, 基期; for monitoring 偏差原因,
//! 偏差类别, 完成目标可能性, 全年预计, 整改措施). Budget execution figures use rows
//! whose 名称 is 年初预算数, 全年预算数 or 全年执行数 (with 项目 set).

use super::{Actuals, Entry, Field, ProjectFigures, unreadable};
use crate::diagnostic::Diagnostic;
use crate::source::Span;

const COLUMNS: &[&str] = &[
    "项目",
    "预算单位",
    "名称",
    "实际",
    "得分",
    "得分率",
    "说明",
    "计算",
    "基期",
    "偏差原因",
    "偏差类别",
    "完成目标可能性",
    "全年预计",
    "整改措施",
];

pub(super) fn read(text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Actuals> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(error) => {
            diagnostics.push(unreadable(Span::new(0, 0), error, HELP));
            return None;
        }
    };
    let mut columns = Vec::new();
    let mut at = 0;
    for header in headers.iter() {
        let name = header.trim().trim_start_matches('\u{FEFF}');
        let span = locate(text, at, name);
        at = span.end;
        if !COLUMNS.contains(&name) {
            diagnostics.push(unreadable(span, format!("未知的列「{name}」"), HELP));
        }
        columns.push(name.to_owned());
    }
    let mut actuals = Actuals::default();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => row(text, &columns, &record, &mut actuals),
            Err(error) => {
                let at = error.position().map_or(0, |p| p.byte() as usize);
                diagnostics.push(unreadable(Span::new(at, at), error, HELP));
                break;
            }
        }
    }
    Some(actuals)
}

/// Where a field's text stands in the file, searching from `at`: a quoted field (`"实际"结余`,
/// `"a,b"`) is not there verbatim, so it gets an empty span where the search began, on a
/// character boundary inside the text.
fn locate(text: &str, at: usize, value: &str) -> Span {
    match text.get(at..).and_then(|rest| rest.find(value)) {
        Some(i) => Span::new(at + i, at + i + value.len()),
        None => {
            let mut start = at.min(text.len());
            while !text.is_char_boundary(start) {
                start += 1;
            }
            Span::new(start, start)
        }
    }
}

const HELP: &str = "第一行写列名（项目,名称,实际,得分,得分率,说明,计算,基期），每行一条指标";

fn row(text: &str, columns: &[String], record: &csv::StringRecord, actuals: &mut Actuals) {
    let mut at = record.position().map_or(0, |p| p.byte() as usize);
    let mut entry = Entry::default();
    for (column, value) in columns.iter().zip(record.iter()) {
        let span = locate(text, at, value);
        at = span.end;
        if value.trim().is_empty() {
            continue;
        }
        let field = Field {
            text: value.to_owned(),
            span,
        };
        match column.as_str() {
            "项目" => entry.project = Some(field),
            "预算单位" => entry.agency = Some(field),
            "名称" => entry.name = Some(field),
            "实际" => entry.actual = Some(field),
            "得分" => entry.score = Some(field),
            "得分率" => entry.rates.push(field),
            "说明" => entry.note = Some(field),
            "计算" => entry.formula = Some(field),
            "基期" => entry.baseline = Some(field),
            "偏差原因" => entry.monitoring.reason = Some(field),
            "偏差类别" => entry.monitoring.category = Some(field),
            "完成目标可能性" => entry.monitoring.likelihood = Some(field),
            "全年预计" => entry.monitoring.forecast = Some(field),
            "整改措施" => entry.monitoring.measures = Some(field),
            _ => {}
        }
    }
    let figure = entry.name.as_ref().map(|n| n.text.as_str());
    if let Some(kind @ ("年初预算数" | "全年预算数" | "全年执行数")) = figure {
        let kind = kind.to_owned();
        let found = actuals.projects.iter().position(|p| {
            p.name.as_ref().map(|f| &f.text) == entry.project.as_ref().map(|f| &f.text)
        });
        let index = found.unwrap_or_else(|| {
            actuals.projects.push(ProjectFigures {
                agency: entry.agency.clone(),
                name: entry.project.clone(),
                ..ProjectFigures::default()
            });
            actuals.projects.len() - 1
        });
        if let Some(project) = actuals.projects.get_mut(index) {
            let slot = match kind.as_str() {
                "年初预算数" => &mut project.initial,
                "全年预算数" => &mut project.budget,
                _ => &mut project.spent,
            };
            *slot = entry.actual;
        }
        return;
    }
    actuals.entries.push(entry);
}
