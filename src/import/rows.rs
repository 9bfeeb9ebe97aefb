//! Sheets in the one-row-per-indicator template shape → a table. Empty project, unit and
//! category cells below a filled one are read as merged cells (Excel leaves them empty); a row
//! without indicator columns carries the budget and goal of the deepest level it names.

use std::collections::HashMap;

use super::cells::{category, compose, title};
use super::columns::{Columns, Field};
use super::diagnostics as diag;
use super::sheet::{Sheet, SheetRow};
use super::table::{Agency, Cell, Counts, Department, Item, Project, Table};
use crate::diagnostic::Diagnostic;
use crate::model::Fund;
use crate::model::quantity::parse_number;
use crate::source::Span;

/// Header rows are looked for among the first rows of a sheet (titles may come first).
const HEADER_SEARCH: usize = 20;
/// The columns a row needs to be an indicator.
const REQUIRED: [Field; 4] = [Field::Project, Field::Level1, Field::Name, Field::Value];

pub fn read(sheets: &[Sheet], columns: &Columns, fallback: &str) -> (Table, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let found = sheets
        .iter()
        .find_map(|sheet| header(sheet, columns).map(|h| (sheet, h)));
    let Some((sheet, (at, map))) = found else {
        let sheet = sheets.first();
        let place = sheet.map_or_else(|| "表格".to_owned(), |s| sheet_place(s, 1));
        for field in REQUIRED {
            diagnostics.push(diag::missing_column(
                &place,
                Span::default(),
                field.heading(),
            ));
        }
        return (Table::default(), diagnostics);
    };
    let (title_name, year) = title(&sheet.rows[..at]);
    let mut reader = RowReader {
        sheet,
        map,
        table: Table::default(),
        diagnostics,
        departments: Vec::new(),
        context: Context::default(),
        fallback: title_name.unwrap_or_else(|| fallback.to_owned()),
        year,
        seen: HashMap::new(),
    };
    reader.headings(&sheet.rows[at], columns);
    for field in REQUIRED {
        if !reader.map.contains(field) {
            let place = sheet_place(sheet, sheet.rows[at].number);
            let span = sheet.rows[at].span;
            reader
                .diagnostics
                .push(diag::missing_column(&place, span, field.heading()));
        }
    }
    if REQUIRED.iter().all(|f| reader.map.contains(*f)) {
        for row in &sheet.rows[at + 1..] {
            reader.row(row);
        }
    }
    reader.table.notes = vec![format!(
        "由 jixiao import 从{}生成：每行一条指标，合并单元格留空处沿用上一行。",
        sheet
            .name
            .as_ref()
            .map_or_else(|| " CSV ".to_owned(), |n| format!("工作表「{n}」"))
    )];
    reader.table.departments = reader.departments;
    (reader.table, reader.diagnostics)
}

/// The header row: the first row naming an indicator's name column, and what each column holds.
fn header(sheet: &Sheet, columns: &Columns) -> Option<(usize, FieldMap)> {
    sheet
        .rows
        .iter()
        .take(HEADER_SEARCH)
        .enumerate()
        .find_map(|(i, row)| {
            let mut map = FieldMap::default();
            for (column, heading) in row.cells.iter().enumerate() {
                if let Some(field) = columns.field(heading) {
                    map.insert(field, column);
                }
            }
            (map.contains(Field::Name) && map.0.len() >= 2).then_some((i, map))
        })
}

fn sheet_place(sheet: &Sheet, row: usize) -> String {
    match &sheet.name {
        Some(name) => format!("工作表「{name}」第{row}行"),
        None => format!("第{row}行"),
    }
}

/// Which column holds each field (the first one, when a heading repeats).
#[derive(Clone, Debug, Default)]
struct FieldMap(Vec<(Field, usize)>);

impl FieldMap {
    fn insert(&mut self, field: Field, column: usize) {
        if !self.contains(field) {
            self.0.push((field, column));
        }
    }

    fn contains(&self, field: Field) -> bool {
        self.column(field).is_some()
    }

    fn column(&self, field: Field) -> Option<usize> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, c)| *c)
    }
}

/// The project, unit and categories of the rows above, for cells left empty below them.
#[derive(Clone, Debug, Default)]
struct Context {
    department: String,
    agency: String,
    project: String,
    level1: String,
    level2: String,
}

struct RowReader<'s> {
    sheet: &'s Sheet,
    map: FieldMap,
    table: Table,
    diagnostics: Vec<Diagnostic>,
    departments: Vec<Department>,
    context: Context,
    fallback: String,
    /// The year of a title row above the header, for departments without a 年度 column.
    year: Option<u32>,
    /// Amount cells and goals already read, by (department, unit, project, what).
    seen: HashMap<(usize, usize, usize, String), String>,
}

impl RowReader<'_> {
    fn get<'r>(&self, row: &'r SheetRow, field: Field) -> &'r str {
        self.map.column(field).map_or("", |c| row.cell(c))
    }

    fn here(&self, row: &SheetRow) -> String {
        sheet_place(self.sheet, row.number)
    }

    fn headings(&mut self, row: &SheetRow, columns: &Columns) {
        for heading in &row.cells {
            if !heading.trim().is_empty() && columns.field(heading).is_none() {
                let place = self.here(row);
                self.diagnostics
                    .push(diag::unknown_column(&place, row.span, heading.trim()));
            }
        }
    }

    fn row(&mut self, row: &SheetRow) {
        if row.is_blank() {
            return;
        }
        let indicator =
            !self.get(row, Field::Name).is_empty() || !self.get(row, Field::Value).is_empty();
        let mut department = self.get(row, Field::Department).to_owned();
        let mut agency = self.get(row, Field::Agency).to_owned();
        let mut project = self.get(row, Field::Project).to_owned();
        // Fill the levels above the deepest one named (all of them on an indicator row).
        let depth = if indicator || !project.is_empty() {
            3
        } else if !agency.is_empty() {
            2
        } else {
            usize::from(!department.is_empty())
        };
        if depth >= 2 && department.is_empty() {
            department.clone_from(&self.context.department);
        }
        if depth >= 3 && agency.is_empty() {
            agency.clone_from(&self.context.agency);
        }
        if indicator && project.is_empty() {
            project.clone_from(&self.context.project);
        }
        if department.is_empty() {
            department.clone_from(&self.fallback);
        }
        if depth == 0 {
            self.count_lost(row, indicator);
            return self.unplaced(row, "这一行没有部门、预算单位或项目名称，无法归位");
        }
        if depth >= 3 && project.is_empty() {
            self.count_lost(row, indicator);
            return self.unplaced(
                row,
                "这一行有指标，但没有项目名称（上面也没有可沿用的项目）",
            );
        }
        if agency.is_empty() && depth >= 2 {
            agency.clone_from(&department);
        }
        self.context.department.clone_from(&department);
        if depth >= 2 {
            self.context.agency.clone_from(&agency);
        }
        if depth >= 3 {
            self.context.project.clone_from(&project);
        }
        let d = self.department(&department, row);
        if depth == 1 {
            return self.amounts(row, (d, usize::MAX, usize::MAX));
        }
        let a = self.agency(d, &agency, row);
        if depth == 2 {
            return self.amounts(row, (d, a, usize::MAX));
        }
        let p = self.project(d, a, &project, row);
        self.amounts(row, (d, a, p));
        self.goal(row, (d, a, p));
        if indicator {
            self.indicator(row, (d, a, p));
        }
    }

    fn department(&mut self, name: &str, row: &SheetRow) -> usize {
        let year = self
            .get(row, Field::Year)
            .trim_end_matches(['年', '度'])
            .parse()
            .ok()
            .or(self.year);
        let index = match self.departments.iter().position(|d| d.name == name) {
            Some(index) => index,
            None => {
                self.table.found.departments += 1;
                self.departments.push(Department {
                    name: name.to_owned(),
                    ..Department::default()
                });
                self.departments.len() - 1
            }
        };
        let department = &mut self.departments[index];
        if department.year.is_none() {
            department.year = year;
        }
        index
    }

    fn agency(&mut self, d: usize, name: &str, row: &SheetRow) -> usize {
        let agencies = &mut self.departments[d].agencies;
        if let Some(index) = agencies.iter().position(|a| a.name == name) {
            return index;
        }
        self.table.found.agencies += 1;
        agencies.push(Agency {
            name: name.to_owned(),
            span: row.span,
            ..Agency::default()
        });
        agencies.len() - 1
    }

    fn project(&mut self, d: usize, a: usize, name: &str, row: &SheetRow) -> usize {
        let classified = matches!(
            self.get(row, Field::Classified),
            "是" | "涉密" | "Y" | "y" | "true" | "TRUE" | "1" | "√"
        );
        let projects = &mut self.departments[d].agencies[a].projects;
        let index = match projects.iter().position(|p| p.name == name) {
            Some(index) => index,
            None => {
                self.table.found.projects += 1;
                projects.push(Project {
                    name: name.to_owned(),
                    span: row.span,
                    ..Project::default()
                });
                projects.len() - 1
            }
        };
        projects[index].classified |= classified;
        index
    }

    /// The amount cells of a row, at the level it names; a value repeated on later rows of
    /// the same level is the same amount, a different one is reported.
    fn amounts(&mut self, row: &SheetRow, at: (usize, usize, usize)) {
        for fund in Fund::ALL {
            let text = self.get(row, Field::Amount(fund)).to_owned();
            if text.is_empty() {
                continue;
            }
            let key = (at.0, at.1, at.2, fund.label().to_owned());
            if let Some(before) = self.seen.get(&key) {
                if *before != text {
                    self.table.found.amounts += 1;
                    self.table.skipped.amounts += 1;
                    let detail = format!("{}「{text}」与前面的行「{before}」不一致", fund.label());
                    self.unplaced(row, &detail);
                }
                continue;
            }
            self.table.found.amounts += 1;
            let Some(value) = parse_number(&text) else {
                self.table.skipped.amounts += 1;
                self.unplaced(row, &format!("{}「{text}」不是金额", fund.label()));
                continue;
            };
            self.seen.insert(key, text.clone());
            let text = if value.scale() < 2 {
                let mut two = value;
                two.rescale(2);
                two.to_string()
            } else {
                text
            };
            let cell = Cell {
                fund,
                text,
                value,
                span: row.span,
            };
            self.budget(at).push(cell);
        }
    }

    fn budget(&mut self, at: (usize, usize, usize)) -> &mut Vec<Cell> {
        let department = &mut self.departments[at.0];
        match department.agencies.get_mut(at.1) {
            None => &mut department.budget,
            Some(agency) => match agency.projects.get_mut(at.2) {
                None => &mut agency.budget,
                Some(project) => &mut project.budget,
            },
        }
    }

    fn goal(&mut self, row: &SheetRow, at: (usize, usize, usize)) {
        let goal = self.get(row, Field::Goal);
        if goal.is_empty() {
            return;
        }
        let project = &mut self.departments[at.0].agencies[at.1].projects[at.2];
        match &project.goal {
            None => project.goal = Some(goal.to_owned()),
            Some(before) if before != goal => {
                let detail = format!(
                    "绩效目标与前面的行不一致，只保留第一处：「{}」",
                    excerpt(goal)
                );
                self.unplaced(row, &detail);
            }
            Some(_) => {}
        }
    }

    fn indicator(&mut self, row: &SheetRow, at: (usize, usize, usize)) {
        self.table.found.indicators += 1;
        let name = self.get(row, Field::Name).to_owned();
        let value = self.get(row, Field::Value);
        let mut level1 = self.get(row, Field::Level1).to_owned();
        let mut level2 = self.get(row, Field::Level2).to_owned();
        if level1.is_empty() {
            level1.clone_from(&self.context.level1);
            if level2.is_empty() {
                level2.clone_from(&self.context.level2);
            }
        }
        self.context.level1.clone_from(&level1);
        self.context.level2.clone_from(&level2);
        let shown = if name.is_empty() { value } else { &name };
        let problem = if name.is_empty() {
            Some("三级指标名称为空".to_owned())
        } else if value.is_empty() {
            Some("指标值为空".to_owned())
        } else {
            None
        };
        let category = category(&level1, &level2);
        let (level1, level2) = match (problem, category) {
            (None, Ok(category)) => category,
            (Some(detail), _) | (None, Err(detail)) => {
                self.table.skipped.indicators += 1;
                let place = self.here(row);
                let shown = shown.to_owned();
                self.diagnostics.push(diag::unreadable_indicator(
                    &place, row.span, &shown, &detail,
                ));
                return;
            }
        };
        let target = compose(
            value,
            self.get(row, Field::Operator),
            self.get(row, Field::Unit),
        );
        let note = self.note(row);
        let item = Item {
            level1,
            level2,
            name,
            target,
            note,
            span: row.span,
        };
        self.departments[at.0].agencies[at.1].projects[at.2]
            .indicators
            .push(item);
    }

    /// The columns the language has no place for, kept as a comment above the indicator.
    fn note(&self, row: &SheetRow) -> Option<String> {
        let parts: Vec<String> = [
            Field::Kind,
            Field::Explanation,
            Field::Weight,
            Field::Scoring,
            Field::Remark,
        ]
        .into_iter()
        .filter_map(|f| {
            let text = self.get(row, f);
            (!text.is_empty()).then(|| format!("{}：{text}", f.heading()))
        })
        .collect();
        (!parts.is_empty()).then(|| parts.join("；"))
    }

    fn count_lost(&mut self, row: &SheetRow, indicator: bool) {
        let amounts = Fund::ALL
            .iter()
            .filter(|f| !self.get(row, Field::Amount(**f)).is_empty())
            .count();
        let lost = Counts {
            indicators: usize::from(indicator),
            amounts,
            ..Counts::default()
        };
        self.table.found = self.table.found.plus(lost);
        self.table.skipped = self.table.skipped.plus(lost);
    }

    fn unplaced(&mut self, row: &SheetRow, detail: &str) {
        let place = self.here(row);
        self.diagnostics
            .push(diag::unplaced(&place, row.span, detail));
    }
}

fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(20).collect();
    if text.chars().count() > 20 {
        out.push('…');
    }
    out
}
