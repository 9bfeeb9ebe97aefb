//! `jixiao export`: a spec back to the one-row-per-indicator template (CSV or XLSX), so a checked
//! spec can go back into the budget system.

use std::path::Path;

use super::{ExportFormat, Outcome, files, print};
use crate::check_source;
use crate::diagnostic::Code;
use crate::import::export;

pub fn run(path: &Path, format: ExportFormat, output: Option<&Path>) -> Outcome {
    let source = match files::read_spec(path) {
        Ok(source) => source,
        Err(message) => return Outcome::Failure(message),
    };
    let checked = check_source(source);
    // Lines the parser could not read are not in the model: exporting would drop them silently.
    let broken: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.code,
                Code::SyntaxError | Code::UnknownCategory | Code::InputLimit
            )
        })
        .map(|d| {
            let at = checked.source.line_col(d.span.start);
            format!(
                "{}:{}:{}: {}",
                checked.source.name,
                at.line,
                at.column,
                d.message()
            )
        })
        .collect();
    if !broken.is_empty() {
        return Outcome::Failure(format!(
            "规格有无法读取的行，导出会丢失它们；请先修正：\n{}",
            broken.join("\n")
        ));
    }
    if has_scales(&checked.spec) {
        return Outcome::Failure(
            "规格声明了等级（`等级`），模板表格没有对应的列，无法导出".to_owned(),
        );
    }
    if checked.spec.projects().any(|(_, p)| p.term_goal.is_some()) {
        return Outcome::Failure(
            "规格写了实施期目标（`实施期目标`），模板表格没有对应的列，无法导出".to_owned(),
        );
    }
    let rows = export::rows(&checked.spec);
    let bytes = match format {
        ExportFormat::Csv => export::to_csv(&rows),
        ExportFormat::Xlsx => export::to_xlsx(&rows),
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(message) => return Outcome::Failure(message),
    };
    match (output, format) {
        (Some(path), _) => match files::write_atomic(path, &bytes) {
            Ok(()) => {
                print(&format!(
                    "已导出 {} 条指标（{} 行，含表头）到 {}\n",
                    checked.spec.indicators().count(),
                    rows.len(),
                    path.display()
                ));
                Outcome::Clean
            }
            Err(message) => Outcome::Failure(message),
        },
        (None, ExportFormat::Csv) => {
            print(&String::from_utf8_lossy(&bytes));
            Outcome::Clean
        }
        (None, ExportFormat::Xlsx) => {
            Outcome::Failure("导出 XLSX 需要用 -o 指定输出文件".to_owned())
        }
    }
}

/// Grade scales (`等级`) anywhere in the spec: the template has no column for them.
fn has_scales(spec: &crate::model::Spec) -> bool {
    !spec.scales.is_empty()
        || spec.departments.iter().any(|d| {
            !d.scales.is_empty()
                || d.agencies.iter().any(|a| {
                    !a.scales.is_empty() || a.projects.iter().any(|p| !p.scales.is_empty())
                })
        })
}
