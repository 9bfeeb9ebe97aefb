//! Peak memory at the limits: for each reader, the largest input it accepts (a spec just under
//! the file limit, a table of as many rows as a sheet may hold or as fit in the file limit, the
//! most actuals entries), written under `target/limits/` and given to the release binary as a
//! user would, with its CPU time and peak memory.
//!
//!     cargo bench --bench limits

#[path = "support/child.rs"]
mod child;

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use child::fail;

use jixiao::eval::actuals::MAX_ENTRIES;
use jixiao::import::sheet::MAX_ROWS;
use jixiao::syntax::{MAX_FILE_BYTES, MAX_LINE_BYTES};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// Room left under a byte limit for the last line and the closing braces.
const MARGIN: usize = 4096;
const HEADING: [&str; 4] = ["一级指标", "二级指标", "三级指标", "指标值"];

fn main() {
    let dir = Path::new(ROOT).join("target/limits");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| fail(&format!("target/limits: {e}")));
    let (spec, indicators) = spec_text(Shape::Sound);
    let (faulty, faulty_indicators) = spec_text(Shape::Faulty);
    let spec_path = write(&dir, "spec.jx", spec.as_bytes());
    let actuals = actuals_csv(indicators.min(MAX_ENTRIES));
    let actuals_path = write(&dir, "actuals.csv", actuals.as_bytes());
    let csv = csv_rows();
    let rows = MAX_ROWS - 1;
    let inputs: Vec<(String, PathBuf, Vec<OsString>)> = vec![
        (
            format!("spec, {indicators} indicators"),
            spec_path.clone(),
            args(&["check", "--exit-zero"]),
        ),
        (
            format!("spec, {faulty_indicators} faulty indicators"),
            write(&dir, "faulty.jx", faulty.as_bytes()),
            args(&["check", "--exit-zero"]),
        ),
        {
            let (chains, lines) = clause_chains();
            (
                format!("spec, {lines} lines of 4,000 clauses"),
                write(&dir, "clauses.jx", chains.as_bytes()),
                args(&["check", "--exit-zero"]),
            )
        },
        (
            format!("actuals CSV, {} entries", indicators.min(MAX_ENTRIES)),
            actuals_path,
            vec!["eval".into(), spec_path.clone().into(), "--actuals".into()],
        ),
        (
            format!("CSV table, {} rows", csv.1),
            write(&dir, "table.csv", csv.0.as_bytes()),
            import_args(&dir),
        ),
        (
            format!("XLSX table, {rows} rows"),
            write(&dir, "table.xlsx", &xlsx(rows).unwrap_or_else(|e| fail(&e))),
            import_args(&dir),
        ),
        (
            format!("DOCX table, {rows} rows"),
            write(&dir, "table.docx", &docx(rows).unwrap_or_else(|e| fail(&e))),
            import_args(&dir),
        ),
        {
            let (html, rows) = html_rows();
            (
                format!("HTML table, {rows} rows"),
                write(&dir, "table.html", html.as_bytes()),
                import_args(&dir),
            )
        },
    ];
    println!("input                                   file MB   wall s    CPU-s   peak MiB  exit");
    for (what, path, mut args) in inputs {
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        args.push(path.into());
        let run = child::measure(&args);
        println!(
            "{what:<38} {:>8.1} {:>8.2} {:>8.2} {:>10.1}  {}",
            size as f64 / 1e6,
            run.wall.as_secs_f64(),
            run.cpu_seconds,
            run.peak_kib as f64 / 1024.0,
            run.exit
        );
    }
}

fn args(words: &[&str]) -> Vec<OsString> {
    words.iter().map(OsString::from).collect()
}

fn import_args(dir: &Path) -> Vec<OsString> {
    vec!["import".into(), "-o".into(), dir.join("imported.jx").into()]
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    path
}

/// The indicator of row `n`: a quantity target, as tables write it.
fn indicator(n: usize) -> [String; 4] {
    [
        "产出指标".to_owned(),
        "数量指标".to_owned(),
        format!("宣传册{n}"),
        format!("≥{}万册", 1 + n % 50),
    ]
}

#[derive(Clone, Copy)]
enum Shape {
    Sound,
    Faulty,
}

/// A spec just under the file limit: budget units of 40 projects of 6 indicators.
fn spec_text(shape: Shape) -> (String, usize) {
    let mut text = String::from("部门 \"极限部门\" 2025 {\n");
    let mut n = 0;
    'units: for unit in 0.. {
        let _ = writeln!(text, "  预算单位 \"单位{unit}\" {{");
        for project in 0..40 {
            if text.len() > MAX_FILE_BYTES - MARGIN {
                text.push_str("  }\n");
                break 'units;
            }
            let _ = writeln!(text, "    项目 \"项目{unit}-{project}\" {{");
            for _ in 0..6 {
                let _ = match shape {
                    Shape::Sound => {
                        writeln!(text, "      产出.数量 宣传册{n} >= {}万册", 1 + n % 50)
                    }
                    // No operator or unit, and every name the same: three findings a line.
                    Shape::Faulty => writeln!(text, "      产出 数量指标 宣传册 {}", 1 + n % 50),
                };
                n += 1;
            }
            text.push_str("    }\n");
        }
        text.push_str("  }\n");
    }
    text.push_str("}\n");
    (text, n)
}

/// The most clauses a file may hold: lines just under the line limit of `q 1,` (a subject, a
/// number and a comma, the shortest clause there is), each refused for its clause count once
/// the grammar has read it (fuzz finding 11).
fn clause_chains() -> (String, usize) {
    let mut text =
        String::from("部门 \"极限部门\" 2025 {\n  预算单位 \"单位\" {\n    项目 \"项目\" {\n");
    let mut lines = 0;
    while text.len() < MAX_FILE_BYTES - MAX_LINE_BYTES {
        let _ = writeln!(text, "      满意度 指标{lines} {}", "q 1,".repeat(4000));
        lines += 1;
    }
    text.push_str("    }\n  }\n}\n");
    (text, lines)
}

fn actuals_csv(entries: usize) -> String {
    let mut text = String::from("名称,实际\n");
    for n in 0..entries {
        let _ = writeln!(text, "宣传册{n},{}万册", 1 + n % 60);
    }
    text
}

/// As many rows as a sheet holds or as fit in the file limit, whichever is fewer.
fn csv_rows() -> (String, usize) {
    let mut text = HEADING.join(",") + "\n";
    let mut rows = 0;
    while rows < MAX_ROWS - 1 && text.len() < MAX_FILE_BYTES - MARGIN {
        text.push_str(&indicator(rows).join(","));
        text.push('\n');
        rows += 1;
    }
    (text, rows)
}

fn html_rows() -> (String, usize) {
    let row = |cells: &[String]| -> String {
        let cells: String = cells.iter().map(|c| format!("<td>{c}</td>")).collect();
        format!("<tr>{cells}</tr>\n")
    };
    let mut text = String::from("<html><body><table>\n");
    text.push_str(&row(&HEADING.map(str::to_owned)));
    let mut rows = 0;
    while rows < MAX_ROWS - 1 && text.len() < MAX_FILE_BYTES - MARGIN {
        text.push_str(&row(&indicator(rows)));
        rows += 1;
    }
    text.push_str("</table></body></html>\n");
    (text, rows)
}

fn xlsx(rows: usize) -> Result<Vec<u8>, String> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let table = std::iter::once(HEADING.map(str::to_owned)).chain((0..rows).map(indicator));
    for (row, cells) in table.enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            sheet
                .write_string(row as u32, column as u16, cell)
                .map_err(|e| e.to_string())?;
        }
    }
    book.save_to_buffer().map_err(|e| e.to_string())
}

fn docx(rows: usize) -> Result<Vec<u8>, String> {
    let row = |cells: &[String]| -> String {
        let cells: String = cells
            .iter()
            .map(|c| format!("<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>"))
            .collect();
        format!("<w:tr>{cells}</w:tr>")
    };
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>"#,
    );
    xml.push_str(&row(&HEADING.map(str::to_owned)));
    for n in 0..rows {
        xml.push_str(&row(&indicator(n)));
    }
    xml.push_str("</w:tbl></w:body></w:document>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let error = |e: &dyn std::fmt::Display| format!("table.docx: {e}");
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .map_err(|e| error(&e))?;
    zip.write_all(xml.as_bytes()).map_err(|e| error(&e))?;
    Ok(zip.finish().map_err(|e| error(&e))?.into_inner())
}
