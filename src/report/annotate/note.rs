//! What the annotated workbook says: one note per finding (or computed score), on a cell of a
//! sheet or about the workbook as a whole, with the words the notes and 检查结果 show.

use super::Cell;
use crate::diagnostic::{Diagnostic, Severity};

/// How much a note matters: errors and warnings are highlighted, a note for information not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Error,
    Warning,
    Info,
}

/// One thing to say about the workbook, on a cell or about it as a whole.
#[derive(Clone, Debug)]
pub struct Note {
    pub sheet: String,
    /// `None` when the finding has no cell of its own (a project's missing category, an
    /// import finding): it is listed on 检查结果 only.
    pub cell: Option<Cell>,
    pub level: Level,
    pub code: String,
    pub rule: String,
    pub message: String,
    pub help: String,
}

impl Note {
    /// A check finding at a place as the import writes it (`Sheet1!E14`), or at none.
    pub fn finding(diagnostic: &Diagnostic, place: Option<&str>) -> Note {
        Note {
            level: match diagnostic.severity {
                Severity::Error => Level::Error,
                Severity::Warning => Level::Warning,
            },
            code: diagnostic.code.rule().id.to_owned(),
            rule: diagnostic.code.rule().name.to_owned(),
            message: diagnostic.message(),
            help: diagnostic.help().unwrap_or_default(),
            ..Note::at(place)
        }
    }

    /// The score jixiao computes for an indicator, for the cell of the score the report gives.
    pub fn score(item: &crate::eval::ItemRow, place: Option<&str>) -> Note {
        let mut note = Note::at(place);
        let computed = item
            .score
            .map_or_else(|| "不计分".to_owned(), |s| format!("{s} 分"));
        note.code = "得分".to_owned();
        note.rule = "computed-score".to_owned();
        note.message = format!(
            "「{}」按规格计算得分 {computed}（权重 {}，表中写 {}）",
            item.name,
            item.weight,
            item.reported.as_deref().unwrap_or("")
        );
        note.help = item.basis.clone();
        note
    }

    /// An empty note at a place as the import writes it (`Sheet1!E14`), or at none.
    fn at(place: Option<&str>) -> Note {
        let (sheet, cell) = place
            .and_then(|p| p.rsplit_once('!'))
            .map_or((String::new(), None), |(sheet, cell)| {
                (sheet.to_owned(), Cell::parse(cell))
            });
        Note {
            sheet,
            cell,
            level: Level::Info,
            code: String::new(),
            rule: String::new(),
            message: String::new(),
            help: String::new(),
        }
    }

    /// Where the note is, as 检查结果 shows it.
    pub fn place(&self) -> String {
        match self.cell {
            Some(cell) => format!("{}!{}", self.sheet, cell.name()),
            None => "（无对应单元格）".to_owned(),
        }
    }

    /// The note's text as it shows on the cell.
    pub(super) fn text(&self) -> String {
        let level = match self.level {
            Level::Error => "错误",
            Level::Warning => "警告",
            Level::Info => "说明",
        };
        let mut text = format!("{level} {} {}：{}", self.code, self.rule, self.message);
        if !self.help.is_empty() {
            let lead = if self.level == Level::Info {
                "计算"
            } else {
                "建议"
            };
            text.push_str(&format!("\n{lead}：{}", self.help));
        }
        text
    }
}
