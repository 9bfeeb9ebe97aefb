//! Tables as plain text, recognised by their shape rather than by the file's name: cells pasted
//! from Excel (tab-separated lines), Markdown / pipe tables (`| a | b |`, the `|---|` rule
//! dropped), and as a last resort the columns of `pdftotext -layout` (runs of two or more
//! spaces). Lines of another shape among them (a title, `部门：…`) are one-cell rows. Each row
//! keeps its line number and byte span, so findings point at the line in the text.

use super::sheet::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS, Sheet, SheetRow};
use crate::source::Span;

/// The display width (a Chinese character is 2) of the narrowest cell a printed table wraps.
const MIN_WRAP: usize = 8;

/// How a text table separates its cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Tabs,
    Pipes,
    /// Columns aligned with spaces, as `pdftotext -layout` prints them.
    Spaces,
}

/// The shape of a text, when it is a table: most of its lines have tabs, or start with `|`.
pub fn shape(text: &str) -> Option<Shape> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() < 2 {
        return None;
    }
    let share = |f: fn(&str) -> bool| lines.iter().filter(|l| f(l)).count() * 2 >= lines.len();
    if share(|l| l.contains('\t')) {
        Some(Shape::Tabs)
    } else if share(|l| l.trim_start().starts_with('|')) {
        Some(Shape::Pipes)
    } else {
        None
    }
}

/// Reads a text table of the given shape.
pub fn read(text: &str, shape: Shape) -> Sheet {
    let (body, offset) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => (rest, '\u{FEFF}'.len_utf8()),
        None => (text, 0),
    };
    if shape == Shape::Tabs {
        return limited(tab_rows(body, offset));
    }
    let columns = if shape == Shape::Spaces {
        column_starts(body)
    } else {
        Vec::new()
    };
    let mut lines = Vec::new();
    let mut collapsed = Vec::new();
    for (i, at, line) in filled_lines(body, offset) {
        let cells = match shape {
            Shape::Pipes => pipe_cells(line),
            _ => placed(&segments(line), &columns),
        };
        if shape == Shape::Pipes && is_rule(&cells) {
            continue;
        }
        collapsed.push(line.trim_end().ends_with("||"));
        lines.push(SheetRow {
            number: i + 1,
            span: Span::new(at, at + line.len()),
            cells,
            continued: Vec::new(),
        });
    }
    if shape == Shape::Spaces {
        lines = unwrapped(lines);
    }
    if shape == Shape::Pipes {
        realign_collapsed(&mut lines, &collapsed);
    }
    limited(lines)
}

/// A web table rendered with its merged cells collapsed (`| 产出指标 | … | 正向指标 | |||||`):
/// a row ending in a run of bars lost the cells merged down from the rows above at its front,
/// and its empties moved to its end. Such a row's cells are put back under the last columns,
/// so the 一级指标 goes under 一级指标 and the merged cells read from above.
fn realign_collapsed(lines: &mut [SheetRow], collapsed: &[bool]) {
    let content = |row: &SheetRow| {
        row.cells
            .iter()
            .rposition(|c| !c.trim().is_empty())
            .map_or(0, |last| last + 1)
    };
    let width = lines.iter().map(content).max().unwrap_or(0);
    for (row, _) in lines.iter_mut().zip(collapsed).filter(|(_, c)| **c) {
        let len = content(row);
        if len > 0 && len < width {
            row.cells.truncate(len);
            let mut cells = vec![String::new(); width - len];
            cells.append(&mut row.cells);
            row.cells = cells;
        }
    }
}

/// Tab-separated rows as Excel copies them: a cell holding a line break (or a tab, or a quote)
/// is quoted, `"群众\n满意度"`, so a record may span lines; a cell's line breaks join as in a
/// workbook. Lines that cannot be read that way (an unpaired quote) are split on tabs as they
/// stand.
fn tab_rows(body: &str, offset: usize) -> Vec<SheetRow> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(b'\t')
        .from_reader(body.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => return plain_tab_rows(body, offset),
        }
        if rows.len() > MAX_ROWS {
            break;
        }
        let end = (reader.position().byte() as usize).max(start);
        let text = body.get(start..end).unwrap_or("");
        let end = start + text.trim_end_matches(['\r', '\n']).len();
        let line = record
            .position()
            .map_or(rows.len() + 1, |p| p.line() as usize);
        let cells: Vec<String> = record
            .iter()
            .take(MAX_COLUMNS + 1)
            .map(|c| super::sheet::one_line(c).trim().to_owned())
            .collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        rows.push(SheetRow {
            number: line,
            span: Span::new(start + offset, end + offset),
            cells,
            continued: Vec::new(),
        });
    }
    rows
}

/// The lines that hold text: each with its 0-based index, the byte where it starts (`offset`
/// added) and its text without the line end.
fn filled_lines(body: &str, offset: usize) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut start = 0;
    body.split_inclusive('\n')
        .enumerate()
        .map(move |(i, line)| {
            let at = start + offset;
            start += line.len();
            (i, at, line.trim_end_matches(['\n', '\r']))
        })
        .filter(|(_, _, line)| !line.trim().is_empty())
}

fn plain_tab_rows(body: &str, offset: usize) -> Vec<SheetRow> {
    let mut rows = Vec::new();
    for (i, at, line) in filled_lines(body, offset) {
        rows.push(SheetRow {
            number: i + 1,
            span: Span::new(at, at + line.len()),
            cells: line.split('\t').map(|c| c.trim().to_owned()).collect(),
            continued: Vec::new(),
        });
    }
    rows
}

/// The rows within the sheet limits.
fn limited(lines: Vec<SheetRow>) -> Sheet {
    let mut rows = Vec::new();
    let mut truncated = false;
    let mut cells_read = 0usize;
    for mut row in lines {
        if rows.len() >= MAX_ROWS || cells_read > MAX_CELLS {
            truncated = true;
            break;
        }
        if row.cells.len() > MAX_COLUMNS {
            truncated = true;
            row.cells.truncate(MAX_COLUMNS);
        }
        cells_read += row.cells.len();
        rows.push(row);
    }
    Sheet {
        name: None,
        rows,
        truncated,
    }
}

/// `| a | b |` → `a`, `b`; a line without a leading `|` is one cell; `\|` is a literal bar.
fn pipe_cells(line: &str) -> Vec<String> {
    let trimmed = line.trim();
    let Some(inner) = trimmed.strip_prefix('|') else {
        // A Markdown heading (`# 2024年度…绩效目标表`) is a title row without its marks.
        let heading = trimmed.trim_start_matches('#');
        let text = if heading.len() < trimmed.len() && heading.starts_with(' ') {
            heading.trim()
        } else {
            trimmed
        };
        return vec![text.to_owned()];
    };
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                if let Some(cell) = cells.last_mut() {
                    cell.push('|');
                }
            }
            '|' => cells.push(String::new()),
            // `<br>` is how Markdown tables write a line break in a cell.
            c => {
                if let Some(cell) = cells.last_mut() {
                    cell.push(c);
                }
            }
        }
    }
    cells
        .into_iter()
        .map(|c| {
            super::sheet::one_line(&c.replace("<br>", "\n"))
                .trim()
                .to_owned()
        })
        .collect()
}

/// The `|---|:---:|` rule under a Markdown header.
fn is_rule(cells: &[String]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim();
            !c.is_empty() && c.trim_matches(':').chars().all(|ch| ch == '-')
        })
}

/// The pieces of a layout line separated by runs of two or more spaces (a full-width space
/// counts as two), each with the character column it starts at.
fn segments(line: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut spaces = 2usize;
    for (column, c) in line.chars().enumerate() {
        match c {
            ' ' => spaces += 1,
            '\u{3000}' => spaces += 2,
            c => {
                if spaces >= 2 || out.is_empty() {
                    out.push((column, String::new()));
                } else if spaces == 1
                    && let Some((_, text)) = out.last_mut()
                    && !cjk_gap(text.chars().next_back(), c)
                {
                    text.push(' ');
                }
                spaces = 0;
                if let Some((_, text)) = out.last_mut() {
                    text.push(c);
                }
            }
        }
    }
    out
}

/// pdftotext puts a space where a CJK font meets a Latin one (`=8 个`, `(50 分)`): that space
/// is not in the table.
fn cjk_gap(before: Option<char>, after: char) -> bool {
    before.is_some_and(|b| b.is_ascii() != after.is_ascii())
}

/// The columns of a layout page: the starts of the pieces of its widest line (a data row or
/// the header has a cell in nearly every column), and before them the places left of it where
/// pieces of two or more lines start (a first column only the header block fills:
/// `四、年度绩效指标`). Adding such places elsewhere was tried and read the corpus' PDFs worse:
/// wrapped text starts anywhere.
fn column_starts(body: &str) -> Vec<usize> {
    let lines: Vec<Vec<(usize, String)>> = body.lines().take(MAX_ROWS).map(segments).collect();
    let widest: Vec<usize> = lines
        .iter()
        .max_by_key(|s| s.len())
        .map(|w| {
            w.iter()
                .take(MAX_COLUMNS)
                .map(|(start, _)| *start)
                .collect()
        })
        .unwrap_or_default();
    let first = widest.first().copied().unwrap_or(0);
    let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for (start, _) in lines.iter().flatten() {
        if start + 3 < first {
            *counts.entry(*start).or_default() += 1;
        }
    }
    let mut columns: Vec<usize> = Vec::new();
    for (start, count) in counts {
        if count >= 2 && columns.last().is_none_or(|last| start > last + 3) {
            columns.push(start);
        }
    }
    columns.extend(widest);
    columns.truncate(MAX_COLUMNS);
    columns
}

/// Puts each piece in the column whose start is nearest to its own.
fn placed(segments: &[(usize, String)], columns: &[usize]) -> Vec<String> {
    let mut cells = vec![String::new(); columns.len().max(1)];
    let mut last = 0;
    for (start, text) in segments {
        let nearest = columns
            .iter()
            .enumerate()
            .min_by_key(|(_, c)| c.abs_diff(*start))
            .map_or(0, |(i, _)| i);
        // Two pieces never share a cell: the later one moves right.
        let column = if nearest < last || cells.get(nearest).is_some_and(|c| !c.is_empty()) {
            last + 1
        } else {
            nearest
        };
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        if let Some(cell) = cells.get_mut(column) {
            cell.clone_from(text);
        }
        last = column;
    }
    cells
}

/// Joins the lines that hold the wrapped end of some cells of the row above (`定` under
/// `严格执行相关制度规`) to that row. Such a line has fewer pieces than that row (of three or
/// more), each under a cell that was full: at least 85% as wide as the widest piece of its column,
/// and at least four Chinese characters wide (a printed table wraps no narrower). A short cell
/// above (`社会效益指标`) is not wrapped, and the line under it is a row of its own.
fn unwrapped(lines: Vec<SheetRow>) -> Vec<SheetRow> {
    use super::emit::width;
    let columns = lines.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut longest = vec![0usize; columns];
    for row in &lines {
        for (i, cell) in row.cells.iter().enumerate() {
            if let Some(l) = longest.get_mut(i) {
                *l = (*l).max(width(cell));
            }
        }
    }
    let mut rows: Vec<SheetRow> = Vec::new();
    // The length of the last piece of each cell of the last row, wrapped pieces included.
    let mut tails: Vec<usize> = Vec::new();
    for row in lines {
        let filled: Vec<usize> = (0..row.cells.len())
            .filter(|&i| !row.cell(i).is_empty())
            .collect();
        let full = |i: &usize| {
            let tail = tails.get(*i).copied().unwrap_or(0);
            tail * 100 >= longest.get(*i).copied().unwrap_or(0) * 85 && tail >= MIN_WRAP
        };
        let above = rows
            .last()
            .map_or(0, |r| r.cells.iter().filter(|c| !c.is_empty()).count());
        let wrapped =
            !filled.is_empty() && above >= 3 && filled.len() < above && filled.iter().all(full);
        match rows.last_mut() {
            Some(previous) if wrapped => {
                for &i in &filled {
                    let text = row.cell(i);
                    if let Some(cell) = previous.cells.get_mut(i) {
                        // Wrapped Latin words were apart; Chinese (and a number before its
                        // unit, `230` `人`) runs on.
                        let latin = cell.ends_with(|c: char| c.is_ascii_alphabetic())
                            && text.starts_with(|c: char| c.is_ascii_alphabetic());
                        if latin {
                            cell.push(' ');
                        }
                        cell.push_str(text);
                    }
                    if let Some(tail) = tails.get_mut(i) {
                        *tail = width(text);
                    }
                }
            }
            _ => {
                tails = row.cells.iter().map(|c| width(c)).collect();
                rows.push(row);
            }
        }
    }
    rows
}
