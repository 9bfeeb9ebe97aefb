//! CSV actuals: one row per indicator, with a header row naming the columns
//! (项目, 预算单位, 名称, 实际, 得分, 得分率, 说明, 计算, 基期). Budget execution figures use rows
//! whose 名称 is 年初预算数, 全年预算数 or 全年执行数 (with 项目 set).

use super::actuals::{Actuals, Entry, Field, ProjectFigures, unreadable};
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
        let start = text
            .get(at..)
            .and_then(|r| r.find(name))
            .map_or(at, |i| i + at);
        at = start + name.len();
        if !COLUMNS.contains(&name) {
            diagnostics.push(unreadable(
                Span::new(start, start + name.len()),
                format!("未知的列「{name}」"),
                HELP,
            ));
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

const HELP: &str = "第一行写列名（项目,名称,实际,得分,得分率,说明,计算,基期），每行一条指标";

fn row(text: &str, columns: &[String], record: &csv::StringRecord, actuals: &mut Actuals) {
    let mut at = record.position().map_or(0, |p| p.byte() as usize);
    let mut entry = Entry::default();
    for (column, value) in columns.iter().zip(record.iter()) {
        let start = text
            .get(at..)
            .and_then(|r| r.find(value))
            .map_or(at, |i| i + at);
        at = start + value.len();
        if value.trim().is_empty() {
            continue;
        }
        let field = Field {
            text: value.to_owned(),
            span: Span::new(start, start + value.len()),
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
