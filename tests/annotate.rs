//! `check --annotate`: the annotated workbook holds every sheet, value, formula and merged
//! region of the original unchanged, each finding with a cell as a note exactly on that cell,
//! and the 检查结果 sheet listing every finding; parts not edited are copied byte for byte.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use calamine::{Reader, Xlsx};

use crate::common::ROOT;

const CORPUS_TABLE: &str = "tests/corpus/tables/ah-chizhou-guichi-cunji-2022/table.xlsx";
const STYLED: &str = "tests/fixtures/annotate/styled.xlsx";

fn jixiao(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(ROOT)
        .output()
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("annotate");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Annotates a workbook through the binary; returns the JSON findings and the copy's bytes.
fn annotate(input: &str, name: &str) -> (Vec<serde_json::Value>, Vec<u8>) {
    let out = scratch(name);
    let _ = std::fs::remove_file(&out);
    let run = jixiao(&[
        "check",
        input,
        "--format",
        "json",
        "--annotate",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&run.stdout).unwrap();
    (findings, std::fs::read(&out).unwrap())
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap()
}

/// Every sheet's values, formulas and merged regions, as text to compare.
fn contents(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut book = open(bytes);
    let mut out = BTreeMap::new();
    for name in book.sheet_names() {
        let values = book.worksheet_range(&name).unwrap();
        let formulas = book.worksheet_formula(&name).unwrap();
        let merges = book.merge_cells_by_sheet_name(&name);
        out.insert(name, format!("{values:?}\n{formulas:?}\n{merges:?}"));
    }
    out
}

fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        out.insert(file.name().unwrap().into_owned(), data);
    }
    out
}

/// `attr="value"` of every `<tag …>` in an XML text (enough for the parts jixiao writes).
fn attrs(xml: &str, tag: &str, attr: &str) -> Vec<String> {
    xml.split(&format!("<{tag} "))
        .skip(1)
        .filter_map(|rest| {
            let head = &rest[..rest.find('>')?];
            let at = head.find(&format!("{attr}=\""))? + attr.len() + 2;
            Some(head[at..at + head[at..].find('"')?].to_owned())
        })
        .collect()
}

/// Each `(Id, Type, Target)` of a relationships part.
fn relationships(xml: &str) -> Vec<(String, String, String)> {
    xml.split("<Relationship ")
        .skip(1)
        .map(|rest| {
            let element = format!("<x {}>", &rest[..rest.find('>').unwrap()]);
            let get = |attr| attrs(&element, "x", attr).pop().unwrap_or_default();
            (get("Id"), get("Type"), get("Target"))
        })
        .collect()
}

/// A relationship target as a part name, from the folder of the part it belongs to.
fn resolve(folder: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    }
    let mut parts: Vec<&str> = folder.split('/').collect();
    for piece in target.split('/') {
        if piece == ".." {
            parts.pop();
        } else {
            parts.push(piece);
        }
    }
    parts.join("/")
}

/// The cells that carry a note, per sheet name, read from the package's own relationships.
fn noted_cells(bytes: &[u8]) -> BTreeSet<(String, String)> {
    let parts = parts(bytes);
    let text = |name: &str| String::from_utf8_lossy(&parts[name]).into_owned();
    let workbook = text("xl/workbook.xml");
    let relations = relationships(&text("xl/_rels/workbook.xml.rels"));
    let mut cells = BTreeSet::new();
    for (name, id) in attrs(&workbook, "sheet", "name")
        .into_iter()
        .zip(attrs(&workbook, "sheet", "r:id"))
    {
        let name = name.replace("&apos;", "'");
        let (_, _, target) = relations.iter().find(|r| r.0 == id).unwrap();
        let sheet = resolve("xl", target);
        let (folder, file) = sheet.rsplit_once('/').unwrap();
        let Some(rels) = parts.get(&format!("{folder}/_rels/{file}.rels")) else {
            continue;
        };
        for (_, kind, target) in relationships(&String::from_utf8_lossy(rels)) {
            if kind.ends_with("relationships/comments") {
                for cell in attrs(&text(&resolve(folder, &target)), "comment", "ref") {
                    cells.insert((name.clone(), cell));
                }
            }
        }
    }
    cells
}

/// The cell each finding names (`表中位置 Sheet1!E16`), moved to its merged region's first cell.
fn finding_cells(findings: &[serde_json::Value], original: &[u8]) -> BTreeSet<(String, String)> {
    let mut book = open(original);
    let mut cells = BTreeSet::new();
    for finding in findings {
        for label in finding["labels"].as_array().unwrap() {
            let Some(place) = label["text"].as_str().unwrap().strip_prefix("表中位置 ") else {
                continue;
            };
            let (sheet, cell) = place.rsplit_once('!').unwrap();
            let merges = book.merge_cells_by_sheet_name(sheet).unwrap_or_default();
            let (row, column) = position(cell);
            let anchor = merges
                .iter()
                .find(|d| d.contains(row, column))
                .map_or((row, column), |d| d.start);
            cells.insert((sheet.to_owned(), name(anchor)));
        }
    }
    cells
}

fn position(cell: &str) -> (u32, u32) {
    let split = cell.find(|c: char| c.is_ascii_digit()).unwrap();
    let column = cell[..split]
        .bytes()
        .fold(0, |n, b| n * 26 + u32::from(b - b'A' + 1));
    (cell[split..].parse::<u32>().unwrap() - 1, column - 1)
}

fn name((row, column): (u32, u32)) -> String {
    let mut letters = String::new();
    let mut n = column + 1;
    while n > 0 {
        letters.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

fn check_annotation(input: &str, name: &str, edited: &[&str]) -> Vec<serde_json::Value> {
    let original = std::fs::read(Path::new(ROOT).join(input)).unwrap();
    let (findings, annotated) = annotate(input, name);
    assert!(!findings.is_empty());

    // Every original sheet, value, formula and merged region, unchanged; 检查结果 last.
    let before = contents(&original);
    let mut after = contents(&annotated);
    let listing = after.remove("检查结果").expect("检查结果 sheet");
    assert_eq!(before, after);
    let mut names = open(&annotated).sheet_names();
    assert_eq!(names.pop().as_deref(), Some("检查结果"));
    assert_eq!(names, open(&original).sheet_names());

    // 检查结果 lists every finding: a heading row, then one row per finding with its code.
    let rows = open(&annotated).worksheet_range("检查结果").unwrap();
    assert_eq!(rows.height(), findings.len() + 1, "{listing}");
    for (row, finding) in rows.rows().skip(1).zip(&findings) {
        assert_eq!(row[2].to_string(), finding["code"].as_str().unwrap());
        assert_eq!(row[4].to_string(), finding["message"].as_str().unwrap());
    }

    // Notes exactly on the findings' cells (plus the workbook's own notes).
    let own = noted_cells(&original);
    let expected: BTreeSet<_> = finding_cells(&findings, &original)
        .union(&own)
        .cloned()
        .collect();
    assert!(expected.len() > own.len());
    assert_eq!(noted_cells(&annotated), expected);

    // Parts not edited are byte for byte the same.
    let old = parts(&original);
    let new = parts(&annotated);
    for (part, bytes) in &old {
        if !edited.contains(&part.as_str()) {
            assert_eq!(Some(bytes), new.get(part), "{part} changed");
        }
    }
    findings
}

#[test]
fn a_corpus_table_is_annotated_and_nothing_else_changes() {
    let findings = check_annotation(
        CORPUS_TABLE,
        "corpus.xlsx",
        &[
            "[Content_Types].xml",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
        ],
    );
    // A form's findings all have a cell: indicators their target's, the project its name's
    // (a missing 满意度 indicator), the amounts the funds block's 总计.
    let places: Vec<&str> = findings
        .iter()
        .filter_map(|f| {
            (f["labels"].as_array()?.iter())
                .find_map(|l| l["text"].as_str()?.strip_prefix("表中位置 "))
        })
        .collect();
    assert_eq!(places.len(), findings.len());
    assert!(
        places.contains(&"Sheet1!B4") && places.contains(&"Sheet1!D7"),
        "{places:?}"
    );
}

/// Several sheets, formulas, number formats, borders, merges, a sheet name with a space and a
/// quote, and notes of the user's own (on a sheet without findings, and on one with them, one
/// on a finding's cell), which stay and are joined by jixiao's.
#[test]
fn a_styled_workbook_with_several_sheets_keeps_everything() {
    check_annotation(
        STYLED,
        "styled.xlsx",
        &[
            "[Content_Types].xml",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet2.xml",
            "xl/worksheets/sheet3.xml",
            "xl/worksheets/_rels/sheet3.xml.rels",
            // The user's own notes on 项目 A, which jixiao's join.
            "xl/comments/comment2.xml",
            "xl/drawings/commentsDrawing2.vml",
        ],
    );
}

/// The copy is never the input, only an .xlsx can be annotated, and a damaged workbook is a
/// message, not a panic; the input is never touched.
#[test]
fn annotate_refuses_what_it_cannot_do() {
    let copy = scratch("input.xlsx");
    std::fs::copy(Path::new(ROOT).join(CORPUS_TABLE), &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let path = copy.to_str().unwrap();
    let same = jixiao(&["check", path, "--annotate", path]);
    assert_eq!(same.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&same.stderr).contains("不能覆盖原工作簿"));
    assert_eq!(std::fs::read(&copy).unwrap(), before);

    let out = scratch("refused.xlsx");
    let out = out.to_str().unwrap();
    for input in [
        "specs/2021/gz-cac-2021-self-eval.jx",
        "tests/fixtures/import/template.csv",
    ] {
        let run = jixiao(&["check", input, "--annotate", out]);
        assert_eq!(run.status.code(), Some(2), "{input}");
        assert!(String::from_utf8_lossy(&run.stderr).contains("只能给 .xlsx 工作簿加批注"));
    }
    let folder = jixiao(&["check", "tests/corpus/tables", "--annotate", out]);
    assert_eq!(folder.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&folder.stderr).contains("不能用于文件夹"));
    assert!(
        folder.stdout.is_empty(),
        "refused before anything is checked"
    );
    let damaged = scratch("damaged.xlsx");
    std::fs::write(&damaged, &before[..before.len() / 2]).unwrap();
    let run = jixiao(&["check", damaged.to_str().unwrap(), "--annotate", out]);
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    assert!(String::from_utf8_lossy(&run.stderr).contains("jixiao:"));
    assert!(!Path::new(out).exists());
}

/// Any bytes: an annotated copy or a message, never a panic.
#[test]
fn annotate_never_panics() {
    use jixiao::report::annotate::{Level, Note, annotate};
    let good = std::fs::read(Path::new(ROOT).join(STYLED)).unwrap();
    let note = Note {
        sheet: "项目 A".to_owned(),
        cell: jixiao::report::annotate::Cell::parse("XFD1048576"),
        level: Level::Error,
        code: "JX0101".to_owned(),
        rule: "vague-target".to_owned(),
        message: "<&\"'\u{1}>".to_owned(),
        help: String::new(),
    };
    let mut cases = vec![
        Vec::new(),
        good[..good.len() / 2].to_vec(),
        b"PK\x03\x04".to_vec(),
    ];
    cases.push(good.clone());
    for bytes in cases {
        let _ = annotate(&bytes, std::slice::from_ref(&note));
    }
    let annotated = annotate(&good, &[note]).unwrap();
    assert!(noted_cells(&annotated).contains(&("项目 A".to_owned(), "XFD1048576".to_owned())));
}

/// `eval --annotate` on a self-evaluation workbook: values kept, the computed score as a note on
/// every reported score cell, the audit's findings on the cells they are about.
#[test]
fn a_self_evaluation_gets_the_computed_score_on_each_score_cell() {
    let input = "tests/fixtures/annotate/self-eval.xlsx";
    let out = scratch("self-eval.xlsx");
    let _ = std::fs::remove_file(&out);
    let run = jixiao(&[
        "eval",
        "specs/2021/gz-cac-2021-self-eval.jx",
        "--actuals",
        input,
        "--format",
        "json",
        "--annotate",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let original = std::fs::read(Path::new(ROOT).join(input)).unwrap();
    let annotated = std::fs::read(&out).unwrap();
    let mut after = contents(&annotated);
    assert!(after.remove("检查结果").is_some());
    assert_eq!(contents(&original), after);

    let sheet = open(&original).worksheet_range("自评表").unwrap();
    let scores: BTreeSet<(String, String)> = sheet
        .rows()
        .enumerate()
        .skip(1)
        .filter(|(_, row)| !row[2].to_string().is_empty())
        .map(|(i, _)| ("自评表".to_owned(), format!("C{}", i + 1)))
        .collect();
    assert!(scores.len() > 20);
    let noted = noted_cells(&annotated);
    assert!(
        noted.is_superset(&scores),
        "{:?}",
        scores.difference(&noted)
    );
    let parts = parts(&annotated);
    let comments = String::from_utf8_lossy(&parts["xl/comments1.xml"]).into_owned();
    assert!(comments.contains("按规格计算得分 3 分"), "{comments}");
    assert!(comments.contains("JX0505 score-mismatch"), "{comments}");

    let toml = jixiao(&[
        "eval",
        "specs/2021/gz-cac-2021-self-eval.jx",
        "--actuals",
        "specs/2021/gz-cac-2021-actuals.toml",
        "--annotate",
        out.to_str().unwrap(),
    ]);
    assert_eq!(toml.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&toml.stderr).contains("只能给 .xlsx 工作簿加批注"));
}

/// A package written by hand, part by part.
fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Sheets as other writers leave them: rows and cells without `r`, empty rows, no sheetData
/// content, a prefixed namespace, no styles, broken XML; each is annotated or refused, and an
/// annotated one still reads with calamine with the note's cell in place.
#[test]
fn unusual_packages_are_annotated_or_refused() {
    use jixiao::report::annotate::{Cell, Level, Note, annotate};
    const TYPES: &str = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    const ROOT_RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    const WORKBOOK: &str = r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    const RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    const STYLES: &str = r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><cellXfs count="1"><xf numFmtId="10"/></cellXfs></styleSheet>"#;
    let sheets = [
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row><row/><row r="5"><c r="C5"><v>2</v></c></row></sheetData></worksheet>"#,
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/><tableParts count="0"/></worksheet>"#,
        r#"<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="2"><x:c r="B2"><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>"#,
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></row></worksheet>"#,
    ];
    let notes: Vec<Note> = ["B1", "B2", "A3", "D5", "A1"]
        .iter()
        .map(|cell| Note {
            sheet: "表".to_owned(),
            cell: Cell::parse(cell),
            level: Level::Warning,
            code: "JX0101".to_owned(),
            rule: "vague-target".to_owned(),
            message: "m".to_owned(),
            help: String::new(),
        })
        .collect();
    for (i, sheet) in sheets.iter().enumerate() {
        for styles in [Some(STYLES), None] {
            let mut parts = vec![
                ("[Content_Types].xml", TYPES),
                ("_rels/.rels", ROOT_RELS),
                ("xl/workbook.xml", WORKBOOK),
                ("xl/_rels/workbook.xml.rels", RELS),
                ("xl/worksheets/sheet1.xml", *sheet),
            ];
            parts.extend(styles.map(|s| ("xl/styles.xml", s)));
            let bytes = package(&parts);
            match annotate(&bytes, &notes) {
                Ok(annotated) => {
                    assert!(i != 3, "broken XML is refused");
                    let mut book = open(&annotated);
                    assert_eq!(book.sheet_names(), ["表", "检查结果"]);
                    let before = open(&bytes).worksheet_range("表").unwrap();
                    assert_eq!(book.worksheet_range("表").unwrap(), before, "sheet {i}");
                    let noted = noted_cells(&annotated);
                    assert_eq!(noted.len(), notes.len(), "sheet {i}");
                }
                Err(message) => assert_eq!(i, 3, "{message}"),
            }
        }
    }
}
