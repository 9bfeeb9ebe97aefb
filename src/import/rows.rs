//! Sheets in the one-row-per-indicator template shape → a table. Empty project, unit and
//! category cells below a filled one are read as merged cells (Excel leaves them empty); a row
//! without indicator columns carries the budget and goal of the deepest level it names.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::cells::{category, compose, is_direction, operator_symbol, title};
use super::columns::{Columns, Field, WEAK_NAME, normalize, without_brackets};
use super::diagnostics as diag;
use super::form::{
    FieldMap, Header, Info, column_letters, header_at, info, is_info_row, is_stop_row,
    is_template_row, money_unit, year_in,
};
use super::sheet::{Sheet, SheetRow};
use super::table::{Agency, Cell, Counts, Department, Item, Project, Table};
use crate::diagnostic::Diagnostic;
use crate::model::Fund;
use crate::model::quantity::parse_number;
use crate::source::Span;

/// The columns a row needs to be an indicator.
const REQUIRED: [Field; 3] = [Field::Level1, Field::Name, Field::Value];

/// Reads every sheet: each header found (wherever it is) starts a block of indicator rows, read
/// with the project-info block above it, until a sign-off, a total, the next project's info
/// block or the next header.
pub fn read(sheets: &[Sheet], columns: &Columns, fallback: &str) -> (Table, Vec<Diagnostic>) {
    let mut reader = RowReader {
        sheet_name: None,
        several_sheets: sheets.len() > 1,
        map: FieldMap::default(),
        table: Table::default(),
        diagnostics: Vec::new(),
        departments: Vec::new(),
        context: Context::default(),
        block: Info::default(),
        fallback: fallback.to_owned(),
        year: None,
        seen: HashMap::new(),
        notes: Vec::new(),
        reported_headings: Vec::new(),
        other_columns: Vec::new(),
    };
    let mut blocks = 0;
    for sheet in sheets {
        reader.sheet_name.clone_from(&sheet.name);
        if sheet.truncated {
            let place = sheet_place(sheet.name.as_deref(), sheet.rows.len());
            reader.diagnostics.push(
                Diagnostic::new(crate::diagnostic::Code::InputLimit, Span::default()).arg(
                    "detail",
                    format!(
                        "{place}之后未读：一张表最多读 {} 行、{} 列、{} 个单元格",
                        super::sheet::MAX_ROWS,
                        super::sheet::MAX_COLUMNS,
                        super::sheet::MAX_CELLS
                    ),
                ),
            );
        }
        blocks += reader.sheet(sheet, columns);
    }
    if blocks == 0 {
        reader.no_header(sheets, columns);
        return (Table::default(), reader.diagnostics);
    }
    let mut notes = vec![format!(
        "由 jixiao import 从{}生成：每个表头下每行一条指标，合并单元格与其下留空的单元格沿用上一行。",
        match sheets {
            [one] => one.name.as_ref().map_or_else(
                || "文本表格（CSV 等）".to_owned(),
                |n| format!("工作表「{n}」")
            ),
            _ => format!(" {} 个工作表", sheets.len()),
        }
    )];
    notes.append(&mut reader.notes);
    notes.dedup();
    reader.table.notes = notes;
    reader.table.departments = reader.departments;
    (reader.table, reader.diagnostics)
}

fn sheet_place(sheet: Option<&str>, row: usize) -> String {
    match sheet {
        Some(name) => format!("工作表「{name}」第{row}行"),
        None => format!("第{row}行"),
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

struct RowReader {
    sheet_name: Option<String>,
    several_sheets: bool,
    map: FieldMap,
    table: Table,
    diagnostics: Vec<Diagnostic>,
    departments: Vec<Department>,
    context: Context,
    /// The info block above the current header.
    block: Info,
    fallback: String,
    /// The year of a title row above the header, for departments without a 年度 column.
    year: Option<u32>,
    /// Amount cells and goals already read, by (department, unit, project, what).
    seen: HashMap<(usize, usize, usize, String), String>,
    /// What was guessed, for the comment at the top of the spec.
    notes: Vec<String>,
    /// Unknown headings already reported.
    reported_headings: Vec<String>,
    /// The columns of the current header whose headings name no field, kept in the note.
    other_columns: Vec<(usize, String)>,
}

impl RowReader {
    /// Reads one sheet's blocks; returns how many headers it found.
    fn sheet(&mut self, sheet: &Sheet, columns: &Columns) -> usize {
        let rows = &sheet.rows;
        let mut blocks = 0;
        let mut info_start = 0;
        let mut i = 0;
        while i < rows.len() {
            let Some(header) = header_at(rows, i, columns) else {
                i += 1;
                continue;
            };
            blocks += 1;
            // A header whose upper row is the row that ended the block above has no info rows.
            let info = &rows[info_start.min(header.first)..header.first];
            self.start_block(sheet, info, &header, columns);
            let mut next = header.last + 1;
            while next < rows.len() {
                let row = &rows[next];
                if header_at(rows, next, columns).is_some()
                    || is_stop_row(row)
                    || (is_info_row(row) && !self.map.contains(Field::Project))
                {
                    break;
                }
                if REQUIRED.iter().all(|f| self.map.provides(*f)) {
                    self.row(row);
                }
                next += 1;
            }
            // Sign-offs and totals are furniture; the next block's info starts after them.
            while next < rows.len() && is_stop_row(&rows[next]) {
                next += 1;
            }
            info_start = next;
            i = next.max(header.last + 1);
        }
        blocks
    }

    fn start_block(
        &mut self,
        sheet: &Sheet,
        above: &[SheetRow],
        header: &Header,
        columns: &Columns,
    ) {
        self.map = header.map.clone();
        self.context = Context::default();
        if let Some(heading) = &self.map.guessed_value {
            self.notes.push(format!(
                "表头没有「指标值」列：「{heading}」列（名称等列之后的第一列）按指标值读取，其后各列的内容写进指标上方的注释。"
            ));
        }
        let mut block = info(above);
        let (title_name, title_year) = title(above);
        self.year = block.year.or(title_year).or(self.year);
        if self.year.is_none()
            && let Some(year) = year_in(&self.fallback)
        {
            self.year = Some(year);
            self.notes.push(format!(
                "表中没有写年度，年度 {year} 取自文件名「{}」。",
                self.fallback
            ));
        }
        if block.department.is_none() {
            block.department = title_name;
        }
        if block.department.is_none() && !self.map.contains(Field::Department) {
            self.notes.push(format!(
                "表中没有部门名称，部门名取自文件名「{}」。",
                self.fallback
            ));
        }
        if block.project.is_none() && !self.map.contains(Field::Project) {
            let (name, from) = match (&sheet.name, self.several_sheets) {
                (Some(name), true) => (name.clone(), "工作表名"),
                _ => match block.title.clone() {
                    Some(title) => (title, "表格标题"),
                    None => (self.fallback.clone(), "文件名"),
                },
            };
            self.notes
                .push(format!("表中没有项目名称，项目名取自{from}「{name}」。"));
            block.project = Some(name);
        }
        if block.money_unit.is_none() {
            block.money_unit = sheet.rows[header.first..=header.last]
                .iter()
                .find_map(money_unit);
        }
        let amount_columns = Fund::ALL
            .iter()
            .any(|f| self.map.contains(Field::Amount(*f)));
        if block.money_unit == Some("元") && amount_columns {
            self.notes
                .push("金额列以元为单位，已精确换算为万元。".to_owned());
        }
        if block.money_unit.is_none() && !block.budget.is_empty() {
            self.notes.push("资金栏没有写单位，按万元读取。".to_owned());
        }
        if block.money_unit == Some("元") && !block.budget.is_empty() {
            self.notes
                .push("资金栏以元为单位，已精确换算为万元。".to_owned());
        }
        self.block = block;
        let row = &sheet.rows[header.last];
        self.headings(&sheet.rows[header.first..=header.last], columns);
        let mut seen = seen_headings(&sheet.rows[header.first..=header.last]);
        for field in REQUIRED {
            if !self.map.provides(field) {
                let place = self.here(row);
                let finding = diag::missing_column(
                    &place,
                    row.span,
                    field.heading(),
                    &std::mem::take(&mut seen),
                );
                self.push_at(finding, self.row_ref(row));
            }
        }
        // The project of an info block exists even before its first indicator.
        if self.block.project.is_some() && REQUIRED.iter().all(|f| self.map.provides(*f)) {
            self.block_project(row);
        }
    }

    /// The info block's project, with its budget, goal and funds figures.
    fn block_project(&mut self, row: &SheetRow) {
        let department = self
            .block
            .department
            .clone()
            .unwrap_or_else(|| self.fallback.clone());
        let agency = self
            .block
            .agency
            .clone()
            .unwrap_or_else(|| department.clone());
        let Some(project) = self.block.project.clone() else {
            return;
        };
        let d = self.department(&department, row);
        let a = self.agency(d, &agency, row);
        let p = self.project(d, a, &project, row);
        let budget = std::mem::take(&mut self.block.budget);
        let figures = std::mem::take(&mut self.block.figures);
        let goal = self.block.goal.take();
        let term_goal = self.block.term_goal.take();
        let place = |cell: Option<(usize, usize)>| {
            let (row, column) = cell?;
            let sheet = self.sheet_name.as_deref()?;
            Some(format!("{sheet}!{}{row}", column_letters(column)))
        };
        let (name_place, budget_place) =
            (place(self.block.project_cell), place(self.block.total_cell));
        let target = &mut self.departments[d].agencies[a].projects[p];
        if target.place.is_none() {
            target.place = name_place;
        }
        if target.budget_place.is_none() {
            target.budget_place = budget_place;
        }
        for (fund, text, value) in budget {
            if target.budget.iter().any(|c| c.fund == fund) {
                continue;
            }
            self.table.found.amounts += 1;
            target.budget.push(Cell {
                fund,
                text,
                value,
                span: row.span,
            });
        }
        target
            .budget
            .sort_by_key(|c| Fund::ALL.iter().position(|f| *f == c.fund));
        if target.goal.is_none() {
            target.goal = goal;
        }
        if target.term_goal.is_none() {
            target.term_goal = term_goal;
        }
        if target.figures.is_empty() {
            target.figures = figures;
        }
    }

    /// No sheet has a header: say which headings were seen and how to map them.
    fn no_header(&mut self, sheets: &[Sheet], columns: &Columns) {
        // The row with the most cells of text among the first rows: the likely header.
        let filled = |r: &SheetRow| r.cells.iter().filter(|c| !c.trim().is_empty()).count();
        let mut likely: Option<(&SheetRow, Option<&str>)> = None;
        for sheet in sheets {
            for row in sheet.rows.iter().take(40) {
                if likely.is_none_or(|(l, _)| filled(row) > filled(l)) {
                    likely = Some((row, sheet.name.as_deref()));
                }
            }
        }
        let (place, cell) = match likely {
            Some((row, sheet)) => (
                sheet_place(sheet, row.number),
                sheet.map(|s| format!("{s}!{0}:{0}", row.number)),
            ),
            None => ("表格".to_owned(), None),
        };
        let likely = likely.map(|(row, _)| row);
        let likely = likely.cloned();
        let rows: Vec<SheetRow> = likely.into_iter().collect();
        let mut seen = seen_headings(&rows);
        let named: Vec<Field> = rows
            .iter()
            .flat_map(|r| &r.cells)
            .filter_map(|c| columns.field(c))
            .collect();
        let missing: Vec<Field> = REQUIRED
            .into_iter()
            .filter(|f| !named.contains(f))
            .collect();
        let missing = if missing.is_empty() {
            REQUIRED.to_vec()
        } else {
            missing
        };
        for field in missing {
            let finding = diag::missing_column(
                &place,
                Span::default(),
                field.heading(),
                &std::mem::take(&mut seen),
            );
            self.push_at(finding, cell.clone());
        }
    }
    fn get<'r>(&self, row: &'r SheetRow, field: Field) -> &'r str {
        self.map.column(field).map_or("", |c| row.cell(c))
    }

    fn here(&self, row: &SheetRow) -> String {
        sheet_place(self.sheet_name.as_deref(), row.number)
    }

    /// The cell of a field in a row (`Sheet1!D14`).
    fn cell_ref(&self, row: &SheetRow, field: Field) -> Option<String> {
        let column = self.map.column(field)?;
        let sheet = self.sheet_name.as_deref()?;
        Some(format!("{sheet}!{}{}", column_letters(column), row.number))
    }

    /// A whole row of a workbook sheet, as Excel names it (`Sheet1!12:12`).
    fn row_ref(&self, row: &SheetRow) -> Option<String> {
        let sheet = self.sheet_name.as_deref()?;
        Some(format!("{sheet}!{0}:{0}", row.number))
    }

    /// Reports each heading of the header rows that names nothing (once per import).
    fn headings(&mut self, rows: &[SheetRow], columns: &Columns) {
        self.other_columns.clear();
        let Some(last) = rows.last() else { return };
        for (c, heading) in last.cells.iter().enumerate() {
            let heading = heading.trim();
            let upper = rows.first().map_or("", |r| r.cell(c));
            let bare = without_brackets(&normalize(heading));
            let known = self.map.owns(c)
                || columns.field(heading).is_some()
                || bare == WEAK_NAME
                || columns.field(upper).is_some()
                || without_brackets(&normalize(upper)) == WEAK_NAME;
            if !heading.is_empty() && !known && !self.map.owns(c) {
                self.other_columns.push((c, heading.to_owned()));
            }
            // A column without any heading (a merged heading a PDF printed once) is kept too,
            // named by its letter: nothing in a row is dropped unseen.
            if heading.is_empty() && upper.is_empty() && !self.map.owns(c) {
                self.other_columns
                    .push((c, format!("第{}列", super::form::column_letters(c))));
            }
            if !heading.is_empty() && !known && !self.reported_headings.iter().any(|h| h == heading)
            {
                self.reported_headings.push(heading.to_owned());
                let place = self.here(last);
                let finding = diag::unknown_column(&place, last.span, heading);
                self.push_at(finding, self.row_ref(last));
            }
        }
    }

    fn row(&mut self, row: &SheetRow) {
        if row.is_blank() {
            return;
        }
        let name = self.get(row, Field::Name);
        let value = self.get(row, Field::Value);
        // An empty template row (`指标1：` with nothing) is furniture, not an indicator.
        let indicator = (!name.is_empty() || !value.is_empty()) && !is_template_row(name, value);
        // A row with neither an indicator nor a place of its own (a category row of merged
        // cells, `经济效益指标` with nothing under it) is furniture.
        let places = [
            Field::Department,
            Field::Agency,
            Field::Project,
            Field::Goal,
        ]
        .into_iter()
        .chain(Fund::ALL.map(Field::Amount))
        .any(|f| !self.get(row, f).is_empty());
        if !indicator && !places {
            return;
        }
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
        if indicator && project.is_empty() {
            project = self.block.project.clone().unwrap_or_default();
        }
        if department.is_empty() {
            department = self.block.department.clone().unwrap_or_default();
        }
        if agency.is_empty() && depth >= 3 {
            agency = self.block.agency.clone().unwrap_or_default();
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
        self.place_project(row, (d, a, p));
        self.amounts(row, (d, a, p));
        self.goal(row, (d, a, p));
        if indicator {
            self.indicator(row, (d, a, p));
        }
    }

    fn department(&mut self, name: &str, row: &SheetRow) -> usize {
        // A 年度 cell the way a title's year is read: four digits, 1990 to 2100.
        let year = year_in(&format!(
            "{}年",
            self.get(row, Field::Year).trim_end_matches(['年', '度'])
        ))
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

    /// The cells a row gives its project, the first time each is filled: its name's and its
    /// 总计's (where the project's findings are noted in the annotated workbook).
    fn place_project(&mut self, row: &SheetRow, at: (usize, usize, usize)) {
        let filled = |field: Field| {
            (!self.get(row, field).is_empty())
                .then(|| self.cell_ref(row, field))
                .flatten()
        };
        let name = filled(Field::Project);
        let total = filled(Field::Amount(Fund::Total));
        let project = &mut self.departments[at.0].agencies[at.1].projects[at.2];
        if project.place.is_none() {
            project.place = name;
        }
        if project.budget_place.is_none() {
            project.budget_place = total;
        }
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
            let Some(value) = parse_number(&text) else {
                self.table.found.amounts += 1;
                self.table.skipped.amounts += 1;
                self.unplaced(row, &format!("{}「{text}」不是金额", fund.label()));
                continue;
            };
            let raw = text.clone();
            // Amounts printed in 元 (`金额单位：元`, `预算数(元)`) are written in 万元, exactly.
            let (value, text) = match self.block.money_unit {
                Some("元") => match value.checked_div(Decimal::from(10_000)) {
                    Some(wan) => (wan.normalize(), wan.normalize().to_string()),
                    None => (value, text),
                },
                _ => (value, text),
            };
            // As printed (`14,035.86`) when the spec's number reads it so, in ASCII; else
            // (`.50`, `１２`, `8,,827.62`, one decimal) the decimal itself, with two places.
            let printed = text.is_ascii() && crate::syntax::reads_as_number(&text);
            let text = if value.scale() < 2 || !printed {
                let mut two = value;
                if two.scale() < 2 {
                    two.rescale(2);
                }
                two.to_string()
            } else {
                text
            };
            // The info block above the header may have given this amount already: the same
            // amount printed again, or another one, reported.
            if let Some(before) = self.budget(at).iter().find(|c| c.fund == fund) {
                if before.value != value {
                    let detail = format!(
                        "{}「{text}」与信息栏的「{}」不一致，只保留信息栏的",
                        fund.label(),
                        before.text
                    );
                    self.table.found.amounts += 1;
                    self.table.skipped.amounts += 1;
                    self.unplaced(row, &detail);
                }
                continue;
            }
            self.table.found.amounts += 1;
            self.seen.insert(key, raw);
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
        if let Some(detail) = problem {
            self.table.skipped.indicators += 1;
            let place = self.here(row);
            let shown = shown.to_owned();
            let finding = diag::unreadable_indicator(&place, row.span, &shown, &detail);
            let cell = self
                .cell_ref(row, Field::Name)
                .or_else(|| self.row_ref(row));
            self.push_at(finding, cell);
            return;
        }
        let category = category(&level1, &level2);
        if let Some((word, weight)) = &category.weight {
            let project = &mut self.departments[at.0].agencies[at.1].projects[at.2];
            if !project.weights.iter().any(|(w, _)| w == word) {
                project.weights.push((word.clone(), *weight));
            }
        }
        // The operator: its own column, else an operator written in 指标性质 or 指标方向
        // (`正向` / `反向` are the direction of a bare value).
        let cells = [Field::Operator, Field::Kind, Field::Direction].map(|f| self.get(row, f));
        let operator = cells
            .iter()
            .find(|cell| operator_symbol(cell).is_some() && !is_direction(cell))
            .or_else(|| cells.iter().find(|cell| operator_symbol(cell).is_some()))
            .copied()
            .unwrap_or("");
        self.direction_against(row, &name, &cells, operator);
        // A unit (and operator) in the name's brackets when the row has none: `造林面积(亩)`,
        // `苗木成活率(≥**%)`.
        let mut unit = self.get(row, Field::Unit);
        let mut operator = operator;
        let from_name = name_unit(&name);
        let mut guessed = None;
        if let Some((op, named)) = &from_name {
            let before = compose(value, operator, unit);
            if unit.is_empty() && !named.is_empty() {
                unit = named;
            }
            if operator.is_empty() && !op.is_empty() {
                operator = op;
            }
            if compose(value, operator, unit) != before {
                guessed = Some("单位或比较符取自指标名称的括号".to_owned());
            }
        }
        let target = compose(value, operator, unit);
        let mut note = self.note(row);
        if let Some(guess) = guessed {
            note = Some(match note {
                Some(n) => format!("{n}；{guess}"),
                None => guess,
            });
        }
        if let Some(guess) = category.note {
            note = Some(match note {
                Some(n) => format!("{guess}；{n}"),
                None => guess,
            });
        }
        // A 分值 or 得分 merged over several rows belongs to the first of them.
        let text = |f: Field| {
            let shared = matches!(f, Field::Weight | Field::Score)
                && self
                    .map
                    .column(f)
                    .is_some_and(|c| row.continued.contains(&c));
            Some(self.get(row, f).to_owned()).filter(|t| !t.is_empty() && !shared)
        };
        if [Field::Weight, Field::Score].iter().any(|f| {
            self.map
                .column(*f)
                .is_some_and(|c| row.continued.contains(&c))
        }) {
            let shared =
                "分值（得分）单元格与上面的指标合并，记在合并区域的第一条指标上".to_owned();
            note = Some(match note {
                Some(n) => format!("{n}；{shared}"),
                None => shared,
            });
        }
        let item = Item {
            level1: category.level1,
            level2: category.level2,
            name,
            target,
            note,
            weight: text(Field::Weight),
            actual: text(Field::Actual),
            score: text(Field::Score),
            deviation: text(Field::Deviation),
            // A workbook's cell; the row of a CSV or text file (`第12行`).
            place: self
                .cell_ref(row, Field::Value)
                .or_else(|| self.sheet_name.is_none().then(|| self.here(row))),
            span: row.span,
        };
        self.departments[at.0].agencies[at.1].projects[at.2]
            .indicators
            .push(item);
    }

    /// The columns the language has no place for, kept as a comment above the indicator; a
    /// weight that is not a number stays here too.
    fn note(&self, row: &SheetRow) -> Option<String> {
        let weight = self.get(row, Field::Weight);
        let parts: Vec<String> = [
            Field::Kind,
            Field::Direction,
            Field::Explanation,
            Field::Weight,
            Field::Scoring,
            Field::Remark,
        ]
        .into_iter()
        .filter(|f| *f != Field::Weight || parse_number(weight).is_none())
        .filter(|f| {
            // An operator column already went into the target.
            !matches!(f, Field::Kind | Field::Direction)
                || operator_symbol(self.get(row, *f)).is_none()
        })
        .filter_map(|f| {
            let text = self.get(row, f);
            (!text.is_empty()).then(|| format!("{}：{text}", f.heading()))
        })
        .chain(self.other_columns.iter().filter_map(|(c, heading)| {
            let text = row.cell(*c);
            (!text.is_empty()).then(|| format!("{heading}：{text}"))
        }))
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
        let finding = diag::unplaced(&place, row.span, detail);
        self.push_at(finding, self.row_ref(row));
    }

    /// A 正向 / 反向 cell that says the opposite of the operator the row states.
    fn direction_against(&mut self, row: &SheetRow, name: &str, cells: &[&str], operator: &str) {
        let Some(direction) = cells.iter().find(|c| is_direction(c)) else {
            return;
        };
        let (Some(stated), Some(implied)) = (operator_symbol(operator), operator_symbol(direction))
        else {
            return;
        };
        let up = |op: &str| matches!(op, "≥" | ">");
        let down = |op: &str| matches!(op, "≤" | "<");
        if (up(stated) && down(implied)) || (down(stated) && up(implied)) {
            let place = self.here(row);
            let finding = diag::direction_contradiction(
                &place,
                row.span,
                name,
                direction.trim(),
                operator.trim(),
            );
            let cell = self
                .cell_ref(row, Field::Direction)
                .or_else(|| self.row_ref(row));
            self.push_at(finding, cell);
        }
    }

    /// A finding, placed at its cell when the sheet has a name (a workbook's; a CSV's lines are
    /// its places).
    fn push_at(&mut self, finding: Diagnostic, cell: Option<String>) {
        self.diagnostics.push(match cell {
            Some(cell) => finding.in_cell(cell),
            None => finding,
        });
    }
}

/// The operator and unit a name's last brackets give: `(亩)` → ("", "亩"), `(≥**%)` → ("≥", "%").
fn name_unit(name: &str) -> Option<(&str, &str)> {
    let name = name.trim_end();
    let close = name.strip_suffix(')').or_else(|| name.strip_suffix('）'))?;
    let open = close.rfind(['(', '（'])?;
    let inner = &close[open..];
    let inner = inner
        .strip_prefix('(')
        .or_else(|| inner.strip_prefix('（'))?
        .trim();
    let op_end = inner
        .char_indices()
        .find(|(_, c)| {
            !matches!(
                c,
                '≥' | '≤' | '>' | '<' | '=' | '＞' | '＜' | '＝' | '≧' | '≦'
            )
        })
        .map_or(inner.len(), |(i, _)| i);
    let (op, rest) = inner.split_at(op_end);
    let unit = rest.trim_start_matches(['*', '＊', 'X', 'x', '×']).trim();
    let op = operator_symbol(op).unwrap_or("");
    let magnitude = ["万", "亿", "千", "百"]
        .iter()
        .find_map(|m| unit.strip_prefix(m))
        .filter(|u| !u.is_empty())
        .unwrap_or(unit);
    let known = crate::model::measure::unit(unit).is_some()
        || crate::model::measure::unit(magnitude).is_some();
    (known && (!op.is_empty() || unit.chars().count() <= 4)).then_some((op, unit))
}

/// The headings of the likely header rows, and the `--columns` mapping their words suggest.
fn seen_headings(rows: &[SheetRow]) -> String {
    let mut headings: Vec<String> = Vec::new();
    for row in rows {
        for cell in &row.cells {
            let cell = cell.trim();
            if !cell.is_empty() && !headings.iter().any(|h| h == cell) {
                headings.push(cell.to_owned());
            }
        }
    }
    if headings.is_empty() {
        return "。表中没有看到像表头的行：工作表里应有「一级指标 | 二级指标 | 三级指标 | 指标值」这样的表头".to_owned();
    }
    let shown: Vec<String> = headings
        .iter()
        .take(12)
        .map(|h| format!("「{}」", excerpt(h)))
        .collect();
    let proposal = Columns::propose(&headings);
    let how = if proposal.is_empty() {
        "列名不同时用 `--columns \"原列名=三级指标,原列名=指标值\"` 指明".to_owned()
    } else {
        format!("可试 `--columns \"{}\"`", proposal.join(","))
    };
    format!("。看到的列名：{}；{how}", shown.join(""))
}

fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(20).collect();
    if text.chars().count() > 20 {
        out.push('…');
    }
    out
}
