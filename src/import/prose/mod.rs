//! Targets written as text rather than as a grid: indicators under 产出 / 效益 / 满意度 headings
//! separated by `；` or `。`, one table cell per line (a table copied out of a PDF or Word), the
//! value on the line after the name and its explanation, several projects one after another, a
//! whole table on one line. The text is cut into cells (`cut`), each cell is read for what it
//! is (`words`: a category heading, an info label, a column heading, an indicator, a value), and
//! the cells are laid out again as the rows of a one-row-per-indicator sheet, which `rows` reads
//! like any other sheet: every reader ends in the one neutral table.
//!
//! The shape is recognised, not the source: the text needs a category heading with indicators
//! after it. Each row remembers the line of its name (`第12行`) and the span of its cells.

mod cut;
mod grid;
mod words;

use super::columns::{Columns, Field};
use super::form::{is_info_label, is_info_row, is_labelled, is_stop_row};
use super::sheet::{Sheet, SheetRow};
use crate::check::vocabulary::vague_word;
use crate::source::Span;
use cut::{Cell, cells};
use grid::{Grid, Heading, Open};
use words::{indicators, is_heading, is_value, joins_previous};

/// The header the rows are laid out under, and the column of each field in it.
const HEADER: [(Field, &str); 12] = [
    (Field::Level1, "一级指标"),
    (Field::Level2, "二级指标"),
    (Field::Name, "三级指标"),
    (Field::Value, "指标值"),
    (Field::Unit, "计量单位"),
    (Field::Explanation, "指标解释"),
    (Field::Weight, "分值"),
    (Field::Actual, "实际完成值"),
    (Field::Score, "得分"),
    (Field::Deviation, "偏差原因分析及改进措施"),
    (Field::Kind, "指标性质"),
    (Field::Operator, "计算符号"),
];
const NAME: usize = 2;
const VALUE: usize = 3;
const UNIT: usize = 4;
const NOTE: usize = 5;

fn column(field: Field) -> Option<usize> {
    HEADER.iter().position(|(f, _)| *f == field)
}

/// Said of an indicator whose name and value could not be told apart.
const WHOLE: &str = "原文名称与指标值写在一起、分不开，指标值照录整句";

/// Running text laid out as a sheet, with the cells of its indicator sections that were not
/// read as indicators.
pub struct Laid<'t> {
    pub sheet: Sheet,
    pub unread: Vec<Cell<'t>>,
}

/// The text laid out as a sheet, or `None` when it has no category heading followed by an
/// indicator (it is not in this shape).
pub fn read(text: &str) -> Option<Laid<'_>> {
    let cells = cells(text);
    let mut layout = Layout::default();
    let mut i = 0;
    while i < cells.len() {
        i += layout.cell(&cells, i);
    }
    layout.flush();
    (layout.indicators > 0).then_some(Laid {
        sheet: Sheet {
            name: None,
            rows: layout.rows,
            truncated: false,
        },
        unread: layout.unread,
    })
}

#[derive(Default)]
struct Layout<'t> {
    rows: Vec<SheetRow>,
    level1: String,
    level2: String,
    /// Cells of a name (and its explanation) waiting for their value.
    pending: Vec<Cell<'t>>,
    /// After the block's first heading: cells are indicators, not project information.
    in_indicators: bool,
    /// The row a unit cell alone (`人次`) would complete.
    unit_slot: Option<usize>,
    /// The heading just read: a value right after it is the heading's own (`时效指标：年底前`).
    heading: Option<Cell<'t>>,
    /// Column headings just read (`三级指标`, `分值`, `年度指标值` …); `Err` for one that names
    /// no field (`绩效标准`).
    heading_run: Vec<Result<Field, String>>,
    /// The columns of a table copied cell by cell, when the text gave its headings.
    grid: Option<Grid>,
    /// The headings that name no field, laid out after the fixed columns.
    others: Vec<String>,
    /// The row being filled cell by cell under those headings.
    open: Option<Open<'t>>,
    /// Cells among indicators that are neither an indicator nor part of one.
    unread: Vec<Cell<'t>>,
    /// The line of the last category heading.
    heading_line: usize,
    /// Whether that heading stands inside a paragraph, after words of the project's text
    /// (`…化粪池4.5立方米。经济效益:…;社会效益:…`): its section ends with the line.
    inline: bool,
    /// The line of the cell before, and whether it was a heading.
    last: (usize, bool),
    indicators: usize,
}

impl<'t> Layout<'t> {
    /// Reads the cell at `i`; returns how many cells it used.
    fn cell(&mut self, cells: &[Cell<'t>], i: usize) -> usize {
        let used = self.read_cell(cells, i);
        let heading = self.heading.is_some();
        if let Some(last) = cells.get(i + used - 1) {
            self.last = (last.line, heading && used == 1);
        }
        used
    }

    fn read_cell(&mut self, cells: &[Cell<'t>], i: usize) -> usize {
        let cell = &cells[i];
        let unit_slot = self.unit_slot.take();
        let heading = self.heading.take();
        let stop = is_stop_row(&row_of(&[&cell.text], cell));
        // Headings written inline with their indicators (`…。经济效益:带动20名群众务工;…`) head
        // that line only: the next line that starts with no heading is the project's text.
        let past_inline = self.inline
            && self.grid.is_none()
            && cell.line > self.heading_line
            && !is_heading(&cell.text)
            && words::heading_prefix(&cell.text).is_none();
        if self.in_indicators && (stop || past_inline) {
            // A sign-off, a note or the page's furniture (`附件`, `[打印]`) ends the indicators.
            self.end_table();
            self.rows.push(row_of(&[&cell.text], cell));
            return 1;
        }
        if is_labelled(&cell.text) || is_info_label(&cell.text) {
            let project = is_info_row(&row_of(&[&cell.text], cell));
            if self.in_indicators && !project && !is_labelled(&cell.text) {
                // A label alone among indicators (`单位`) is an indicator's word.
                self.indicator_cell(cell, unit_slot, heading);
                return 1;
            }
            if self.in_indicators && !project {
                // Information after the indicators (`项目资金：…`) ends them.
                self.end_table();
            }
            if project {
                self.flush();
                self.in_indicators = false;
                self.level1.clear();
                self.level2.clear();
            }
            let value = cells.get(i + 1).filter(|_| !is_labelled(&cell.text));
            return match value.filter(|v| !is_heading(&v.text) && !is_info_label(&v.text)) {
                Some(value) => {
                    self.rows.push(row_of(&[&cell.text, &value.text], cell));
                    2
                }
                None => {
                    self.rows.push(row_of(&[&cell.text], cell));
                    1
                }
            };
        }
        // Under a 二级 of a table copied cell by cell comes the name, whatever it reads as
        // (`成本指标` / `成本`).
        let name_due = heading
            .as_ref()
            .is_some_and(|h| h.text == self.level2.as_str() && self.grid.is_some());
        if is_heading(&cell.text) && !name_due {
            self.heading(cell);
            return 1;
        }
        if let Some(field) = Columns::default().field(&cell.text) {
            // A column heading of a table copied cell by cell.
            self.heading_run.push(Ok(field));
            return 1;
        }
        if self.other_heading(cell) {
            self.heading_run.push(Err(cell.text.to_string()));
            return 1;
        }
        self.settle_headings();
        if cell.text.is_empty() {
            if let Some(open) = &mut self.open {
                open.skip();
                if open.filled.len() >= self.grid.as_ref().map_or(0, Grid::len) {
                    self.close();
                }
            }
            return 1;
        }
        if self.in_indicators && self.grid.is_some() && cell.sentence {
            // Sentences end a table copied cell by cell: the text goes on about something else.
            self.end_table();
            self.rows.push(row_of(&[&cell.text], cell));
        } else if self.in_indicators && self.grid.is_some() {
            self.column_cell(cell, cells.get(i + 1), unit_slot, heading);
        } else if self.in_indicators {
            self.indicator_cell(cell, unit_slot, heading);
        } else {
            self.rows.push(row_of(&[&cell.text], cell));
        }
        1
    }

    /// A heading that names no field, inside a run of headings that already named the name or
    /// the value column (`… 指标值及单位 | 绩效标准`): short words, not a category, not a value.
    fn other_heading(&self, cell: &Cell<'t>) -> bool {
        let named = self
            .heading_run
            .iter()
            .any(|h| matches!(h, Ok(Field::Name | Field::Value)));
        named
            && !cell.sentence
            && !cell.text.is_empty()
            && cell.text.chars().count() <= 10
            && !cell.text.chars().any(|c| c.is_ascii_digit())
            && !is_heading(&cell.text)
            && !is_value(&cell.text)
    }

    /// A run of column headings naming the name column (or the value's) gives the order of
    /// the cells of each row after the name.
    fn settle_headings(&mut self) {
        if self.heading_run.is_empty() {
            return;
        }
        let run = std::mem::take(&mut self.heading_run);
        let mut others = self.others.clone();
        let headings: Vec<Heading> = run
            .into_iter()
            .map(|h| match h {
                Ok(field) => Heading::Field(field),
                Err(text) => {
                    Heading::Other(others.iter().position(|o| *o == text).unwrap_or_else(|| {
                        others.push(text);
                        others.len() - 1
                    }))
                }
            })
            .collect();
        if let Some(grid) = Grid::from_run(&headings) {
            self.grid = Some(grid);
            self.others = others;
        }
    }

    /// The column of the laid-out sheet a heading's cells go to.
    fn column_of(heading: &Heading) -> Option<usize> {
        match heading {
            Heading::Field(field) => column(*field),
            Heading::Other(i) => Some(HEADER.len() + i),
        }
    }

    /// A cell of a row under column headings: the next field of the open row when it fits
    /// there, else the name of the next row.
    fn column_cell(
        &mut self,
        cell: &Cell<'t>,
        next: Option<&Cell<'t>>,
        unit_slot: Option<usize>,
        heading: Option<Cell<'t>>,
    ) {
        if let Some(row) = unit_slot.filter(|_| joins_previous(&cell.text)) {
            return self.unit(row, cell);
        }
        let grid = self.grid.clone().unwrap_or_default();
        if let Some(open) = &mut self.open
            && let Some((skipped, due)) = grid.due(open.filled.len(), &cell.text)
        {
            // Words before a value where the value is due explain the name (`指参训人次`).
            if *due == Heading::Field(Field::Value)
                && !is_value(&cell.text)
                && next.is_some_and(|n| is_value(&n.text))
            {
                open.notes.push(cell.clone());
                return;
            }
            (0..skipped).for_each(|_| open.skip());
            open.fill(cell);
            if open.filled.len() == grid.len() {
                self.close();
            }
            return;
        }
        self.close();
        if is_value(&cell.text) {
            self.value_alone(cell, heading);
        } else {
            self.open = Some(Open::new(cell));
        }
    }

    /// Writes the open row: its name and each cell in its column.
    fn close(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let grid = self.grid.clone().unwrap_or_default();
        let mut all: Vec<&Cell<'t>> = vec![&open.name];
        all.extend(open.filled.iter().flatten());
        all.extend(&open.notes);
        let value = open
            .cell(&grid, &Heading::Field(Field::Value))
            .map_or("", |c| c.text.as_ref());
        let note: Vec<&str> = open.notes.iter().map(|c| c.text.as_ref()).collect();
        self.indicator(&open.name, &open.name.text, value, &note.join(" "), &all);
        let row = self.rows.len() - 1;
        for (heading, cell) in grid.after_name.iter().zip(&open.filled) {
            let slot = Self::column_of(heading).and_then(|c| self.rows[row].cells.get_mut(c));
            if let (Some(slot), Some(cell)) = (slot, cell)
                && *heading != Heading::Field(Field::Value)
            {
                *slot = cell.text.to_string();
            }
        }
        self.unit_slot = Some(row);
    }

    fn heading(&mut self, cell: &Cell<'t>) {
        self.settle_headings();
        self.flush();
        let first_on_line = self.last.0 != cell.line;
        let after_heading = self.last == (cell.line, true);
        self.inline = !first_on_line && (self.inline || !after_heading);
        self.heading_line = cell.line;
        if !self.in_indicators {
            self.in_indicators = true;
            let mut header: Vec<&str> = HEADER.iter().map(|(_, h)| *h).collect();
            header.extend(self.others.iter().map(String::as_str));
            self.rows.push(row_of(&header, cell));
        }
        if words::is_level2(&self.level1, &cell.text) {
            self.level2 = cell.text.to_string();
        } else {
            self.level1 = cell.text.to_string();
            self.level2.clear();
        }
        self.heading = Some(cell.clone());
    }

    fn indicator_cell(
        &mut self,
        cell: &Cell<'t>,
        unit_slot: Option<usize>,
        heading: Option<Cell<'t>>,
    ) {
        if let Some(row) = unit_slot.filter(|_| joins_previous(&cell.text)) {
            return self.unit(row, cell);
        }
        if is_value(&cell.text) {
            if self.pending.is_empty() {
                self.value_alone(cell, heading);
            } else {
                let pending = std::mem::take(&mut self.pending);
                let (name, note) = name_and_note(&pending);
                let mut all: Vec<&Cell<'t>> = pending.iter().collect();
                all.push(cell);
                self.indicator(&pending[0], &name, &cell.text, &note, &all);
            }
            self.unit_slot = Some(self.rows.len() - 1);
            return;
        }
        if let Some(found) = indicators(&cell.text) {
            self.flush();
            for ((n0, n1), (v0, v1)) in found {
                let mut name = &cell.text[n0..n1];
                // Glued text names its category right before the name (`质量指标合格率…`).
                if let Some(len) = words::heading_prefix(name) {
                    self.heading(&part(cell, n0, n0 + len));
                    name = &name[len..];
                }
                // `…指标为100%实际完成值为100%`: the second is the first one's actual value.
                if Columns::default().field(name) == Some(Field::Actual)
                    && let Some(row) = self.rows.last_mut()
                    && row.cells.len() >= HEADER.len()
                {
                    if let Some(slot) = column(Field::Actual).and_then(|c| row.cells.get_mut(c)) {
                        *slot = cell.text[v0..v1].to_owned();
                    }
                    continue;
                }
                let (name, note) = explained(topic_off(name));
                if !is_name(name) {
                    // `率`, `指标`: the piece of a word a broken text split off, not a name.
                    self.unread.push(part(cell, n0, v1));
                    continue;
                }
                self.indicator(cell, name, &cell.text[v0..v1], note, &[cell]);
            }
            self.unit_slot = Some(self.rows.len() - 1);
            return;
        }
        if cell.sentence {
            self.flush();
            self.whole(cell);
        } else {
            self.pending.push(cell.clone());
        }
    }

    /// A cell that is one indicator with no measure: a name and its written judgement after
    /// a comma (`学员种植技术水平,提高`), else the whole sentence when it judges something
    /// (`设备运行良好`); other text is not an indicator.
    fn whole(&mut self, cell: &Cell<'t>) {
        if let Some(at) = cell.text.rfind(['，', ',']) {
            let comma = cell.text[at..].chars().next().map_or(1, char::len_utf8);
            let (name, value) = (cell.text[..at].trim(), cell.text[at + comma..].trim());
            if !name.is_empty() && is_value(value) {
                return self.indicator(cell, name, value, "", &[cell]);
            }
        }
        if cell.text.len() <= words::MAX_SPLIT_BYTES && vague_word(&cell.text, &[]).is_some() {
            self.indicator(cell, &cell.text, &cell.text, WHOLE, &[cell]);
        } else {
            self.unread.push(cell.clone());
        }
    }

    /// A value with no name before it: the heading's own when it follows one (`时效指标：
    /// 年底前`), else a row without a name, which says so when it is read.
    fn value_alone(&mut self, cell: &Cell<'t>, heading: Option<Cell<'t>>) {
        match heading {
            Some(heading) => {
                let note = format!(
                    "原文在类别「{}」后直接写指标值，指标名称取类别名",
                    heading.text
                );
                self.indicator(
                    &heading,
                    &heading.text,
                    &cell.text,
                    &note,
                    &[&heading, cell],
                );
            }
            None => self.indicator(cell, "", &cell.text, "", &[cell]),
        }
    }

    /// The end of a table copied cell by cell: its last row is written, and what follows is
    /// the project's text again until the next heading.
    fn end_table(&mut self) {
        self.flush();
        self.in_indicators = false;
        self.inline = false;
        self.grid = None;
    }

    /// A unit alone after a value (`≥500` / `人次`) is that value's.
    fn unit(&mut self, row: usize, cell: &Cell<'t>) {
        if let Some(row) = self.rows.get_mut(row) {
            if let Some(slot) = row.cells.get_mut(UNIT) {
                *slot = cell.text.to_string();
            }
            extend(row, cell);
        }
    }

    /// Names left without a value: two cells are a name and its written value (`设备运行` /
    /// `良好`); a cell alone is a whole indicator.
    fn flush(&mut self) {
        self.close();
        let pending = std::mem::take(&mut self.pending);
        let mut i = 0;
        while i < pending.len() {
            match pending.get(i + 1).filter(|v| is_value(&v.text)) {
                Some(value) => {
                    let name = &pending[i];
                    self.indicator(name, &name.text, &value.text, "", &[name, value]);
                    i += 2;
                }
                None => {
                    self.whole(&pending[i]);
                    i += 1;
                }
            }
        }
    }

    fn indicator(&mut self, first: &Cell<'t>, name: &str, value: &str, note: &str, all: &[&Cell]) {
        let mut cells = vec![""; HEADER.len() + self.others.len()];
        cells[0] = &self.level1;
        cells[1] = &self.level2;
        let mut row = row_of(&cells, first);
        for cell in all {
            extend(&mut row, cell);
        }
        for (at, text) in [(NAME, name), (VALUE, value), (NOTE, note)] {
            if let Some(slot) = row.cells.get_mut(at) {
                *slot = text.to_owned();
            }
        }
        self.rows.push(row);
        self.indicators += 1;
    }
}

/// The first pending cell is the name; the cells after it explain it. A name written with its
/// explanation (`培训人数：指参训人次`) is split at the colon.
fn name_and_note(pending: &[Cell]) -> (String, String) {
    let first = &pending[0].text;
    let (name, lead) = match first.split_once(['：', ':']) {
        Some((name, rest)) if !name.trim().is_empty() && name.chars().count() <= 20 => {
            (name.trim(), Some(rest.trim()))
        }
        _ => (first.as_ref(), None),
    };
    let note: Vec<&str> = lead
        .into_iter()
        .chain(pending[1..].iter().map(|c| c.text.as_ref()))
        .filter(|t| !t.is_empty())
        .collect();
    (name.to_owned(), note.join(" "))
}

/// A name after a topic and its colon (`群众满意度:群众满意度达到95%`): the name after it.
fn topic_off(name: &str) -> &str {
    match name.rfind(['：', ':']) {
        Some(at) => {
            let rest = name[at..].trim_start_matches(['：', ':']).trim();
            if rest.is_empty() { name } else { rest }
        }
        None => name,
    }
}

/// Whether words can be an indicator's name: two characters or more, not the word `指标`.
fn is_name(name: &str) -> bool {
    let core = name.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
    core.chars().count() >= 2 && core != "指标"
}

/// A name run together with its explanation, which the indicator libraries write `反映…情况`
/// (`办公大楼维修次数反映全年维修维护情况`): the name and the explanation.
fn explained(name: &str) -> (&str, &str) {
    match name.find("反映") {
        Some(at) if at > 0 => (name[..at].trim_end(), &name[at..]),
        _ => (name, ""),
    }
}

/// Bytes `start..end` of a cell as a cell of its own.
fn part<'t>(cell: &Cell<'t>, start: usize, end: usize) -> Cell<'t> {
    let from = cell.span.start + start;
    Cell {
        text: std::borrow::Cow::Owned(cell.text.get(start..end).unwrap_or("").to_owned()),
        span: Span::new(from, (cell.span.start + end).min(cell.span.end).max(from)),
        line: cell.line,
        sentence: cell.sentence,
    }
}

fn row_of(cells: &[&str], at: &Cell) -> SheetRow {
    SheetRow {
        number: at.line,
        span: at.span,
        cells: cells.iter().map(|c| (*c).to_owned()).collect(),
        continued: Vec::new(),
    }
}

fn extend(row: &mut SheetRow, cell: &Cell) {
    row.span = Span::new(
        row.span.start.min(cell.span.start),
        row.span.end.max(cell.span.end),
    );
}
