//! Published target tables as extracted text (the template every department of a city prints):
//! page headers are dropped, wrapped names and paragraphs joined, the amounts read into their
//! columns, and each project's indicator list split into indicators.

mod lines;
mod rows;

use super::amounts::{Settled, settle};
use super::items::{List, next_marker, read_list};
use super::joined::{Joined, clean, compact};
use super::table::{Agency, Cell, Counts, Department, Project, Table, cells_in_order};
use super::{Place, diagnostics as diag};
use crate::diagnostic::Diagnostic;
use crate::model::Fund;
use crate::source::{SourceFile, Span};
use lines::{Header, Line};
use rows::{Row, RowKind};

/// Reads extracted text; `fallback` names the department when no header does.
pub fn read(source: &SourceFile, fallback: &str) -> (Table, Vec<Diagnostic>) {
    let (all, header) = lines::lines(&source.text);
    let content = rows::content(&all);
    let rows = rows::rows(&content);
    let mut reader = Reader {
        source,
        table: Table::default(),
        diagnostics: Vec::new(),
        department: Department {
            name: header
                .department
                .clone()
                .unwrap_or_else(|| fallback.to_owned()),
            year: header.year,
            ..Department::default()
        },
    };
    reader.table.found.departments = 1;
    let first = rows.first().map_or(content.len(), |r| r.first);
    reader.unplaced(&content[..first], "表格第一行之前");
    for (index, row) in rows.iter().enumerate() {
        let end = rows.get(index + 1).map_or(content.len(), |r| r.first);
        reader.row(row, &content[row.amounts + 1..end], &header);
    }
    reader.settle_all();
    reader.table.notes = notes(source, &header);
    let mut table = reader.table;
    table.departments.push(reader.department);
    (table, reader.diagnostics)
}

struct Reader<'s> {
    source: &'s SourceFile,
    table: Table,
    diagnostics: Vec<Diagnostic>,
    department: Department,
}

impl Place for Reader<'_> {
    fn place(&self, span: Span) -> String {
        format!("第{}行", self.source.line_col(span.start).line)
    }
}

impl Reader<'_> {
    fn row(&mut self, row: &Row, body: &[&Line<'_>], header: &Header) {
        self.table.found.amounts += row.numbers.len();
        let cells = cells_in_order(&header.columns, &row.numbers);
        if cells.len() < row.numbers.len() {
            let extra = Counts {
                amounts: row.numbers.len() - cells.len(),
                ..Counts::default()
            };
            self.skip(row.name_span, "这一行的金额多于表头的金额列", extra);
        }
        let mut joined = Joined::default();
        if !row.after.0.trim().is_empty() {
            joined.push(row.after.0.trim(), row.after.1 + leading(&row.after.0));
        }
        for line in body {
            let text = line.text.trim();
            joined.push(text, line.start + leading(line.text));
        }
        match row.kind {
            RowKind::Department => {
                if self.department.budget.is_empty() {
                    self.department.budget = cells;
                } else {
                    let lost = Counts {
                        amounts: cells.len(),
                        ..Counts::default()
                    };
                    self.skip(
                        row.name_span,
                        "又一个合计行：部门的金额只取第一个合计行",
                        lost,
                    );
                }
                self.not_expected(&joined, "部门合计行之后");
            }
            RowKind::Agency => {
                self.table.found.agencies += 1;
                self.department.agencies.push(Agency {
                    name: row.name.clone(),
                    budget: cells,
                    projects: Vec::new(),
                    span: row.name_span,
                });
                self.not_expected(&joined, "预算单位行之后");
            }
            RowKind::Project => self.project(row, cells, &joined, body),
        }
    }

    fn project(&mut self, row: &Row, budget: Vec<Cell>, joined: &Joined, body: &[&Line<'_>]) {
        self.table.found.projects += 1;
        let mut project = Project {
            name: row.name.clone(),
            budget,
            span: row.name_span,
            ..Project::default()
        };
        let first_item = next_marker(&joined.text, 0, 0);
        let goal_end = first_item.as_ref().map_or(joined.text.len(), |m| m.start);
        self.unnumbered(&joined.slice(0, goal_end));
        let list = match first_item {
            Some(marker) => {
                project.goal = Some(clean(&joined.text[..marker.start])).filter(|g| !g.is_empty());
                read_list(&joined.slice(marker.start, joined.text.len()))
            }
            None => {
                self.goal_only(&mut project, joined);
                List::default()
            }
        };
        self.list(&mut project, list);
        let last = body.last().map_or(row.line, |l| l.number);
        project.notes.insert(
            0,
            format!(
                "指标 {} 项（第{}页，源第{}–{last}行）",
                project.indicators.len(),
                row.page,
                row.line
            ),
        );
        match self.department.agencies.last_mut() {
            Some(agency) => agency.projects.push(project),
            None => {
                let lost = Counts {
                    projects: 1,
                    indicators: project.indicators.len(),
                    amounts: project.budget.len(),
                    ..Counts::default()
                };
                self.skip(row.name_span, "项目行出现在任何预算单位之前", lost);
            }
        }
    }

    /// A project without an indicator list: a classified one (`涉密项目。 涉密项目。`: the goal
    /// cell and the indicator cell both say so) or a goal alone.
    fn goal_only(&mut self, project: &mut Project, joined: &Joined) {
        let text = joined.text.trim();
        if compact(text).contains("涉密") {
            project.classified = true;
            let cells: Vec<&str> = text.split_whitespace().collect();
            let goal = if cells.len() >= 2 {
                cells[..cells.len() - 1].join(" ")
            } else {
                text.to_owned()
            };
            project.goal = Some(clean(&goal));
        } else if !text.is_empty() {
            project.goal = Some(clean(text));
        }
    }

    fn list(&mut self, project: &mut Project, list: List) {
        self.table.found.indicators += list.items.len() + list.unsplit.len();
        for unsplit in &list.unsplit {
            self.table.skipped.indicators += 1;
            let place = self.place(unsplit.span);
            self.diagnostics.push(diag::unreadable_indicator(
                &place,
                unsplit.span,
                &unsplit.text,
                unsplit.detail,
            ));
        }
        for (span, previous, number) in &list.gaps {
            let place = self.place(*span);
            self.diagnostics
                .push(diag::numbering_gap(&place, *span, *previous, *number));
        }
        if list.numbers.windows(2).any(|w| w[1] == 1 && w[0] != 0) {
            let numbers: Vec<String> = list.numbers.iter().map(u32::to_string).collect();
            project.notes.push(format!(
                "原文编号：{}（编号中途重新从 1 开始，照录顺序）",
                numbers.join("、")
            ));
        }
        project.indicators = list.items;
    }

    /// Indicators written without an item number (`一、…`, or none at all) stay in the goal
    /// text; each `指标值` there is counted as an indicator found and not imported.
    fn unnumbered(&mut self, goal: &Joined) {
        let count = goal.text.matches("指标值").count();
        if count == 0 {
            return;
        }
        self.table.found.indicators += count;
        self.table.skipped.indicators += count;
        let span = goal.whole_span();
        let place = self.place(span);
        let detail = format!(
            "目标文字中有 {count} 处“指标值”，但没有“1、产出指标：”这样的编号，无法拆成指标（这段文字照录为目标）"
        );
        self.diagnostics.push(diag::unreadable_indicator(
            &place,
            span,
            &excerpt(&goal.text),
            &detail,
        ));
    }

    /// Text where the layout has none (after a unit's or the department's row).
    fn not_expected(&mut self, joined: &Joined, after: &str) {
        if joined.is_empty() {
            return;
        }
        let lost = Counts {
            indicators: count_markers(&joined.text),
            ..Counts::default()
        };
        self.table.found.indicators += lost.indicators;
        let detail = format!("{after}不应有目标或指标文字：「{}」", excerpt(&joined.text));
        self.skip(joined.whole_span(), &detail, lost);
    }

    fn unplaced(&mut self, lines: &[&Line<'_>], why: &str) {
        let mut joined = Joined::default();
        for line in lines {
            joined.push(line.text.trim(), line.start + leading(line.text));
        }
        self.not_expected(&joined, why);
    }

    fn skip(&mut self, span: Span, detail: &str, lost: Counts) {
        self.table.skipped = self.table.skipped.plus(lost);
        let place = self.place(span);
        self.diagnostics.push(diag::unplaced(&place, span, detail));
    }

    fn settle_all(&mut self) {
        for index in 0..self.department.agencies.len() {
            let outcome = settle(&mut self.department.agencies[index]);
            let agency = &mut self.department.agencies[index];
            match outcome {
                Settled::Moved { fund, cells, gap } => {
                    let mut found = Vec::new();
                    for (p, c) in &cells {
                        let project = &mut agency.projects[*p];
                        let cell = &project.budget[*c];
                        project.notes.push(format!(
                            "第二个数记为{}：按两数约定读作财政拨款时，预算单位的财政拨款多出 {gap}，{}少 {gap}；只有这样读各列才平",
                            fund.label(),
                            fund.label(),
                        ));
                        found.push((project.name.clone(), cell.text.clone(), cell.span));
                    }
                    for (name, amount, span) in found {
                        let place = self.place(span);
                        let detail = format!(
                            "按约定读作财政拨款时预算单位「{}」不平（差 {gap}），只有这一组改读使各列相平",
                            agency_name(&self.department, index)
                        );
                        self.diagnostics.push(diag::deduced(
                            &place,
                            span,
                            &name,
                            &amount,
                            fund.label(),
                            &detail,
                        ));
                    }
                }
                Settled::Ambiguous(why) => {
                    let span = agency.span;
                    let name = agency.name.clone();
                    let place = self.place(span);
                    self.diagnostics
                        .push(diag::ambiguous(&place, span, &name, &why));
                }
                Settled::Balanced | Settled::TotalsDiffer => {}
            }
        }
    }
}

fn agency_name(department: &Department, index: usize) -> String {
    department
        .agencies
        .get(index)
        .map(|a| a.name.clone())
        .unwrap_or_default()
}

fn leading(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

fn count_markers(text: &str) -> usize {
    let mut count = 0;
    let mut previous = 0;
    let mut from = 0;
    while let Some(marker) = next_marker(text, from, previous) {
        count += 1;
        previous = marker.number;
        from = marker.body;
    }
    count
}

fn excerpt(text: &str) -> String {
    let text = clean(text);
    let mut out: String = text.chars().take(30).collect();
    if text.chars().count() > 30 {
        out.push('…');
    }
    out
}

/// The comment at the top of the spec: where it came from and what was applied.
fn notes(source: &SourceFile, header: &Header) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(title) = &header.title {
        notes.push(title.clone());
    }
    notes.push(format!(
        "来源：{}（PDF 抽取文本，共 {} 页{}）",
        source.name,
        header.pages,
        header
            .unit
            .as_ref()
            .map(|u| format!("，单位：{u}"))
            .unwrap_or_default()
    ));
    notes.push(
        "由 jixiao import 生成：换行处直接拼接，只删去抽取时插在“，”“。”“、”之前和两个汉字之间的空格，其余照录。"
            .to_owned(),
    );
    let labels: Vec<&str> = header.columns.iter().map(|f| f.label()).collect();
    let fund_note = if header.columns.first() == Some(&Fund::Total) {
        format!(
            "金额列：按表头列序（{}）依次读入，空单元格在抽取时消失，故两个数 = {}。",
            labels.join("、"),
            labels
                .iter()
                .take(2)
                .copied()
                .collect::<Vec<_>>()
                .join(" + ")
        )
    } else {
        format!("金额列：按表头列序（{}）依次读入。", labels.join("、"))
    };
    notes.push(fund_note);
    notes
}
