//! Edits one worksheet part: the highlighted cells get their new style (a cell that is not in
//! the part yet, an empty one, is added in its row, and its row if need be), and the sheet gets
//! the `<legacyDrawing>` that shows its notes. Everything else is left byte for byte.

use std::collections::{BTreeMap, HashMap};

use super::cell::{Cell, Region};
use super::xml::{Edits, Kind, Tag, escape, prefix_for};

pub const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// What the sheet already holds that the edit depends on.
#[derive(Debug, Default)]
pub struct Survey {
    /// The style index of every cell in the part (cells not listed use style 0).
    pub styles: HashMap<Cell, u32>,
    pub merges: Vec<Region>,
    /// The relationship id of the sheet's own legacy drawing (its notes), if it has one: ours
    /// join it.
    pub legacy: Option<String>,
}

impl Survey {
    /// The cell a finding belongs on: the top-left cell of its merged region, if any.
    pub fn anchor(&self, cell: Cell) -> Cell {
        self.merges
            .iter()
            .find(|m| m.contains(cell))
            .map_or(cell, |m| m.first)
    }
}

/// Walks the cells in order, keeping the implicit positions a writer may leave out.
struct Walk {
    row: u32,
    column: u32,
}

impl Walk {
    fn row(&mut self, tag: &Tag) -> u32 {
        self.row = tag
            .attr("r")
            .and_then(|r| r.parse().ok())
            .unwrap_or(self.row + 1);
        self.column = 0;
        self.row
    }

    fn cell(&mut self, tag: &Tag) -> Cell {
        let cell = tag.attr("r").and_then(Cell::parse).unwrap_or(Cell {
            row: self.row,
            column: self.column + 1,
        });
        self.column = cell.column;
        cell
    }
}

pub fn survey(tags: &[Tag]) -> Survey {
    let mut survey = Survey::default();
    let mut walk = Walk { row: 0, column: 0 };
    for tag in tags {
        if tag.opens("row", 2) {
            walk.row(tag);
        } else if tag.opens("c", 3) {
            let cell = walk.cell(tag);
            let style = tag.attr("s").and_then(|s| s.parse().ok()).unwrap_or(0);
            survey.styles.insert(cell, style);
        } else if tag.opens("mergeCell", 2) {
            if let Some(region) = tag.attr("ref").and_then(Region::parse) {
                survey.merges.push(region);
            }
        } else if tag.opens("legacyDrawing", 1) {
            let id = tag.attrs.iter().find(|(k, _)| k.ends_with(":id"));
            survey.legacy = Some(id.map_or(String::new(), |(_, v)| v.clone()));
        }
    }
    survey
}

/// The worksheet children that come after `legacyDrawing` in the schema's order.
const AFTER_LEGACY: &[&str] = &[
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
];

/// The part with `styles` applied to its cells and, when given, a legacy drawing by that id.
pub fn edit(xml: &str, tags: &[Tag], styles: &BTreeMap<Cell, u32>, legacy: Option<&str>) -> String {
    let mut edits = Edits::default();
    let mut pending = styles.clone();
    let mut walk = Walk { row: 0, column: 0 };
    let mut current = 0;
    let p = tags
        .first()
        .map_or(String::new(), |t| t.prefix().to_owned());
    let mut legacy = legacy.map(|id| legacy_tag(tags, &p, id));
    for tag in tags {
        if tag.opens("row", 2) {
            current = walk.row(tag);
            let before = take_rows(&mut pending, |row| row < current);
            edits.insert(tag.start, rows_xml(&p, &before));
            if tag.kind == Kind::Empty {
                let cells = take_cells(&mut pending, current, u32::MAX);
                if !cells.is_empty() {
                    let open = tag.with(&[], Kind::Start);
                    let close = format!("</{}>", tag.name);
                    edits.replace(tag.start, tag.end, open + &cells_xml(&p, &cells) + &close);
                }
            }
        } else if tag.opens("c", 3) {
            let cell = walk.cell(tag);
            let before = take_cells(&mut pending, current, cell.column);
            edits.insert(tag.start, cells_xml(&p, &before));
            if let Some(style) = pending.remove(&cell) {
                edits.replace(
                    tag.start,
                    tag.end,
                    tag.with(&[("s", style.to_string())], tag.kind),
                );
            }
        } else if tag.closes("row", 2) {
            let rest = take_cells(&mut pending, current, u32::MAX);
            edits.insert(tag.start, cells_xml(&p, &rest));
        } else if tag.closes("sheetData", 1) {
            let rest = take_rows(&mut pending, |_| true);
            edits.insert(tag.start, rows_xml(&p, &rest));
        } else if tag.opens("sheetData", 1) && tag.kind == Kind::Empty {
            let rest = take_rows(&mut pending, |_| true);
            let text = format!("<{p}sheetData>{}</{p}sheetData>", rows_xml(&p, &rest));
            edits.replace(tag.start, tag.end, text);
        } else if comes_after_legacy(tag)
            && let Some(text) = legacy.take()
        {
            edits.insert(tag.start, text);
        }
    }
    edits.apply(xml)
}

/// The first of these is where `<legacyDrawing>` goes: a later child, or the sheet's end.
fn comes_after_legacy(tag: &Tag) -> bool {
    let later =
        tag.depth == 1 && tag.kind != Kind::End && AFTER_LEGACY.contains(&tag.local.as_str());
    later || tag.closes("worksheet", 0)
}

fn legacy_tag(tags: &[Tag], p: &str, id: &str) -> String {
    match prefix_for(tags, REL_NS) {
        Some(r) => format!("<{p}legacyDrawing {r}id=\"{}\"/>", escape(id)),
        None => format!(
            "<{p}legacyDrawing xmlns:r=\"{REL_NS}\" r:id=\"{}\"/>",
            escape(id)
        ),
    }
}

/// Removes and returns the pending cells of whole rows that match.
fn take_rows(pending: &mut BTreeMap<Cell, u32>, wanted: impl Fn(u32) -> bool) -> Vec<(Cell, u32)> {
    take(pending, |cell| wanted(cell.row))
}

/// Removes and returns the pending cells of one row left of a column.
fn take_cells(pending: &mut BTreeMap<Cell, u32>, row: u32, before: u32) -> Vec<(Cell, u32)> {
    take(pending, |cell| cell.row == row && cell.column < before)
}

fn take(pending: &mut BTreeMap<Cell, u32>, wanted: impl Fn(Cell) -> bool) -> Vec<(Cell, u32)> {
    let taken: Vec<(Cell, u32)> = pending
        .iter()
        .filter(|(cell, _)| wanted(**cell))
        .map(|(c, s)| (*c, *s))
        .collect();
    for (cell, _) in &taken {
        pending.remove(cell);
    }
    taken
}

fn cells_xml(p: &str, cells: &[(Cell, u32)]) -> String {
    cells
        .iter()
        .map(|(cell, style)| format!("<{p}c r=\"{}\" s=\"{style}\"/>", cell.name()))
        .collect()
}

fn rows_xml(p: &str, cells: &[(Cell, u32)]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < cells.len() {
        let row = cells[i].0.row;
        let end = cells[i..]
            .iter()
            .position(|(c, _)| c.row != row)
            .map_or(cells.len(), |n| i + n);
        out.push_str(&format!(
            "<{p}row r=\"{row}\">{}</{p}row>",
            cells_xml(p, &cells[i..end])
        ));
        i = end;
    }
    out
}
