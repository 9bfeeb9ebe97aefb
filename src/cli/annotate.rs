//! `--annotate OUT.xlsx`: the checked workbook again, with the findings in it (`report::annotate`
//! builds it; here the file is read, the paths checked and the copy written atomically).

use std::path::{Path, PathBuf};

use super::files;
use crate::Checked;
use crate::report::annotate::{self, Cell, Level, Note};

/// The label that names a finding's workbook cell (`表中位置 Sheet1!E14`).
/// The workbook cell a finding of `check_table` is about (`Sheet1!E14`), if it names one cell:
/// a whole row (`Sheet1!12:12`) or a sheet has no cell to carry a note and is listed only.
fn place_of(diagnostic: &crate::diagnostic::Diagnostic) -> Option<&str> {
    let cell = diagnostic.cell.as_deref()?;
    let (_, reference) = cell.rsplit_once('!')?;
    let letters = reference.trim_end_matches(|c: char| c.is_ascii_digit());
    let one_cell = !letters.is_empty()
        && letters.len() < reference.len()
        && letters.chars().all(|c| c.is_ascii_uppercase());
    one_cell.then_some(cell)
}

/// The one workbook `check --annotate` may read, refused before anything is checked.
pub fn check_input<'a>(paths: &'a [PathBuf], out: &Path) -> Result<&'a Path, String> {
    let [input] = paths else {
        return Err("--annotate 只能用于一个工作簿文件（一次给一个 .xlsx）".to_owned());
    };
    if input.is_dir() {
        return Err(format!(
            "{}：--annotate 只能用于一个工作簿文件，不能用于文件夹",
            input.display()
        ));
    }
    workbook_other_than(input, out)?;
    Ok(input)
}

/// Writes the annotated copy of the one workbook `check` read.
pub fn check(input: &Path, results: &[Checked], out: &Path) -> Result<(), String> {
    let Some(checked) = results.first() else {
        return Err(format!("{}：没有检查结果可标注", input.display()));
    };
    let notes: Vec<Note> = checked
        .diagnostics
        .iter()
        .map(|d| Note::finding(d, place_of(d)))
        .collect();
    write(input, &notes, out)
}

/// Reads the workbook, annotates it and writes the copy (never over the input).
pub fn write(input: &Path, notes: &[Note], out: &Path) -> Result<(), String> {
    let bytes = files::read_bytes(input, super::import::MAX_WORKBOOK_BYTES)?;
    let annotated =
        annotate::annotate(&bytes, notes).map_err(|e| format!("{}：{e}", input.display()))?;
    files::write_atomic(out, &annotated)?;
    let findings = notes.iter().filter(|n| n.level != Level::Info);
    let located = findings.clone().filter(|n| n.cell.is_some()).count();
    let scores = notes.len() - findings.clone().count();
    let scores = if scores > 0 {
        format!("，另有 {scores} 条计算得分")
    } else {
        String::new()
    };
    eprintln!(
        "jixiao: 已写入 {}：{} 条问题，其中 {located} 条标在单元格上{scores}，全部列在「{}」工作表",
        out.display(),
        findings.count(),
        annotate::FINDINGS_SHEET
    );
    Ok(())
}

/// The input must be an .xlsx (or .xlsm) workbook, and not the output.
pub fn workbook_other_than(input: &Path, out: &Path) -> Result<(), String> {
    let extension = input
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !matches!(extension.as_str(), "xlsx" | "xlsm") {
        return Err(format!(
            "{}：只能给 .xlsx 工作簿加批注；.xls、.ods 请先在 Excel 或 WPS 中另存为 .xlsx，规格文件和 CSV 没有单元格可标注",
            input.display()
        ));
    }
    if input == out || files::same_file(input, out) {
        return Err(format!(
            "{}：--annotate 不能覆盖原工作簿，请另给一个文件名",
            out.display()
        ));
    }
    Ok(())
}

/// Writes the annotated copy of a self-evaluation workbook read as actuals: on each reported
/// score cell the computed score (and the audit's finding, if any), on each other cell the
/// actuals file's findings points into; the spec's findings are listed on 检查结果.
pub fn eval(
    input: &Path,
    evaluation: &crate::eval::Evaluation,
    actuals: &crate::source::SourceFile,
    out: &Path,
) -> Result<(), String> {
    let bytes = files::read_bytes(input, super::import::MAX_WORKBOOK_BYTES)?;
    let Some((sheet, row0, column0)) = crate::eval::xlsx::origin(&bytes) else {
        return Err(format!("{}：无法读取第一个工作表", input.display()));
    };
    let starts = crate::eval::xlsx::field_starts(&actuals.text);
    let place = |offset: usize| -> Option<String> {
        let at = starts.partition_point(|(start, _, _)| *start <= offset);
        let (_, record, field) = starts.get(at.checked_sub(1)?)?;
        let cell = Cell {
            row: row0 + u32::try_from(*record).ok()? + 1,
            column: column0 + u32::try_from(*field).ok()? + 1,
        };
        Some(format!("{sheet}!{}", cell.name()))
    };
    let mut notes: Vec<Note> = evaluation
        .actuals_diagnostics
        .iter()
        .map(|d| Note::finding(d, place(d.span.start).as_deref()))
        .collect();
    for item in evaluation.sections.iter().flat_map(|s| &s.rows) {
        if let crate::eval::Row::Item(item) = item
            && let Some(span) = item.reported_span
        {
            notes.push(Note::score(item, place(span.start).as_deref()));
        }
    }
    notes.extend(
        evaluation
            .spec_diagnostics
            .iter()
            .map(|d| Note::finding(d, None)),
    );
    write(input, &notes, out)
}
