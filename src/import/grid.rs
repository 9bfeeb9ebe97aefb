//! The grid of a document's table (Word, HTML) before it becomes a [`Sheet`]: cells placed with
//! their row and column spans, every covered cell holding the merged cell's text — the way
//! `fill_merges` fills a workbook's merged regions, so the row readers cannot tell them apart.

use super::sheet::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS, Sheet, SheetRow, one_line};

/// Paragraphs kept above a table: the title, 部门, 项目名称 lines sit just before it.
const MAX_CONTEXT: usize = 40;

#[derive(Debug, Default)]
pub struct Grid {
    /// `None` is a slot no cell covers (yet).
    rows: Vec<Vec<Option<String>>>,
    /// Per row, the columns whose text continues a cell from a row above (`SheetRow::continued`).
    continued: Vec<Vec<usize>>,
    cells: usize,
    /// Slots visited by `put`, spans included.
    visited: usize,
    pub truncated: bool,
}

impl Grid {
    /// Places a cell at (`row`, `column`) covering `rows` × `columns` slots, clamped to the
    /// sheet limits (a `rowspan="65534"` must not make a million-row sheet).
    pub fn put(&mut self, row: usize, column: usize, rows: usize, columns: usize, text: &str) {
        self.place(row, column, rows, columns, text, false);
    }

    /// Places a Word `vMerge` continuation: the text of the cell above, in one row.
    pub fn put_continued(&mut self, row: usize, column: usize, columns: usize, text: &str) {
        self.place(row, column, 1, columns, text, true);
    }

    fn place(
        &mut self,
        row: usize,
        column: usize,
        rows: usize,
        columns: usize,
        text: &str,
        continued: bool,
    ) {
        let bottom = row.saturating_add(rows.max(1)).min(MAX_ROWS);
        let right = column.saturating_add(columns.max(1)).min(MAX_COLUMNS);
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            self.truncated = true;
            return;
        }
        if bottom < row.saturating_add(rows.max(1)) || right < column.saturating_add(columns) {
            self.truncated = true;
        }
        // Spans over slots already placed cost time without growing the sheet: all placing
        // together may visit no more slots than a sheet may hold cells, four times over.
        self.visited = self
            .visited
            .saturating_add((bottom - row).saturating_mul(right.saturating_sub(column)));
        if self.visited > 4 * MAX_CELLS || self.cells > MAX_CELLS {
            self.truncated = true;
            return;
        }
        for r in row..bottom {
            if self.rows.len() <= r {
                self.rows.resize_with(r + 1, Vec::new);
            }
            let Some(cells) = self.rows.get_mut(r) else {
                return;
            };
            if cells.len() < right {
                self.cells += right - cells.len();
                cells.resize(right, None);
            }
            if self.cells > MAX_CELLS {
                self.truncated = true;
                return;
            }
            if self.continued.len() <= r {
                self.continued.resize_with(r + 1, Vec::new);
            }
            for (c, slot) in cells.iter_mut().enumerate().take(right).skip(column) {
                if slot.is_none() {
                    if continued || r > row {
                        self.continued[r].push(c);
                    }
                    *slot = Some(text.to_owned());
                }
            }
        }
    }

    /// The first column at or after `column` in `row` that no cell covers (an HTML cell goes
    /// to the right of the cells spanning down into its row).
    pub fn free(&self, row: usize, column: usize) -> usize {
        let Some(cells) = self.rows.get(row) else {
            return column;
        };
        (column..)
            .find(|&c| cells.get(c).is_none_or(Option::is_none))
            .unwrap_or(column)
    }

    /// The text at a slot (a Word `vMerge` continuation reads the cell above it).
    pub fn text(&self, row: usize, column: usize) -> Option<&str> {
        self.rows.get(row)?.get(column)?.as_deref()
    }

    /// Drops rows beyond `len` (a row span reaching past the table's last row).
    pub fn keep_rows(&mut self, len: usize) {
        self.rows.truncate(len);
    }

    /// Each row as a plain string of its cells' text, for the outer cell of a nested table.
    pub fn plain_text(&self) -> String {
        self.rows
            .iter()
            .map(|r| {
                let mut seen: Vec<&str> = Vec::new();
                for text in r.iter().flatten() {
                    // A merged cell is written once.
                    if !text.is_empty() && seen.last() != Some(&text.as_str()) {
                        seen.push(text);
                    }
                }
                seen.join(" ")
            })
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The sheet named `name`: the paragraphs before the table (title, 部门：…) as one-cell rows,
    /// then the table's rows, numbered from 1 as a reader of the document would count them.
    pub fn into_sheet(self, name: String, context: &[String]) -> Sheet {
        let skip = context.len().saturating_sub(MAX_CONTEXT);
        let mut above: Vec<Vec<String>> = Vec::new();
        for text in context.iter().skip(skip).map(|t| one_line(t)) {
            // A page's `<title>` is usually its first heading again: one row of it is enough.
            let repeated = above.last().and_then(|r| r.first()) == Some(&text);
            if !text.trim().is_empty() && !repeated {
                above.push(vec![text]);
            }
        }
        let mut continued = self.continued.into_iter();
        let cells = self.rows.into_iter().map(|cells| {
            let texts = cells
                .into_iter()
                .map(|c| c.map(|t| one_line(&t)).unwrap_or_default())
                .collect();
            (texts, continued.next().unwrap_or_default())
        });
        let rows = above
            .into_iter()
            .map(|cells| (cells, Vec::new()))
            .chain(cells)
            .take(MAX_ROWS)
            .enumerate()
            .map(|(i, (cells, continued))| SheetRow {
                number: i + 1,
                span: crate::source::Span::default(),
                cells,
                continued,
            })
            .collect();
        Sheet {
            name: Some(name),
            rows,
            truncated: self.truncated,
        }
    }
}

/// Names the n-th table of a document (0-based) as findings show it: `表1!C5`.
pub fn table_name(index: usize) -> String {
    format!("表{}", index + 1)
}
