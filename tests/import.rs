//! Importing tables into specs and exporting specs back to tables.
//! The seed table (extracted PDF text) imports into the model of the hand-written spec; every
//! layout quirk has a fixture under `tests/fixtures/import/` whose import summary, findings and
//! spec are pinned by a snapshot; the accounting holds for every import; CSV and XLSX round-trip.

use std::path::Path;

use jixiao::diagnostic::{Code, RULES};
use jixiao::import::{self, Columns, Imported};
use jixiao::source::SourceFile;

use crate::common::{ROOT, assert_accounted};

const SEED: &str = "tests/fixtures/import/seed-gz-cac-2023.txt";
const HAND_WRITTEN: &str = "specs/2023/gz-cac-2023.jx";

fn source(relative: &str) -> SourceFile {
    let text = std::fs::read_to_string(Path::new(ROOT).join(relative)).unwrap();
    SourceFile::new(relative, text)
}

/// A `.txt` file as `jixiao import` reads it (a text table, the Guangzhou list or running text).
fn import_text(relative: &str) -> Imported {
    import::text(&source(relative), &Columns::default(), "未命名部门")
}

fn import_csv(relative: &str, columns: &Columns) -> Imported {
    let sheet = import::sheet::from_csv(&source(relative).text).unwrap();
    import::sheet(&[sheet], columns, "未命名部门")
}

/// The model of a spec text, as JSON (spans are not serialized, so models compare by meaning).
fn model(spec: &str) -> serde_json::Value {
    let parsed = jixiao::syntax::parse(spec);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let (spec, _) = jixiao::model::compile(&parsed.ast);
    serde_json::to_value(&spec).unwrap()
}

/// `line:column name message`, one finding a line, as the snapshot shows them.
fn findings(source: &SourceFile, imported: &Imported) -> String {
    imported
        .diagnostics
        .iter()
        .map(|d| {
            let at = source.line_col(d.span.start);
            format!(
                "{}:{} {} {}\n",
                at.line,
                at.column,
                d.rule().name,
                d.message()
            )
        })
        .collect()
}

fn codes(imported: &Imported) -> Vec<&'static str> {
    let mut codes: Vec<&str> = imported.diagnostics.iter().map(|d| d.rule().name).collect();
    codes.sort_unstable();
    codes
}

#[test]
fn seed_imports_into_the_model_of_the_hand_written_spec() {
    let imported = import_text(SEED);
    let hand = std::fs::read_to_string(Path::new(ROOT).join(HAND_WRITTEN)).unwrap();
    assert_eq!(model(&imported.spec), model(&hand));
    assert_accounted(&imported);
    let written = imported.written;
    assert_eq!(
        (
            written.departments,
            written.agencies,
            written.projects,
            written.indicators
        ),
        (1, 4, 32, 165)
    );
    assert!(imported.amount_findings.is_empty());
}

#[test]
fn windows_line_endings_and_tab_indents_read_the_same() {
    let text = source(SEED)
        .text
        .replace("\n    ", "\n\t")
        .replace('\n', "\r\n");
    let imported = import::pdf_text(&SourceFile::new("crlf.txt", text), "x");
    assert_accounted(&imported);
    assert_eq!(model(&imported.spec), model(&import_text(SEED).spec));
}

#[test]
fn seed_reads_the_testing_centre_rows_by_arithmetic() {
    let imported = import_text(SEED);
    let deduced: Vec<(usize, String)> = imported
        .diagnostics
        .iter()
        .map(|d| {
            let line = source(SEED).line_col(d.span.start).line;
            (line, d.message())
        })
        .collect();
    assert_eq!(deduced.len(), 2, "{deduced:?}");
    assert_eq!(deduced[0].0, 342);
    assert!(
        deduced[0]
            .1
            .contains("「机构运行辅助经费」的 443.24 万元记为财政专户拨款")
    );
    assert_eq!(deduced[1].0, 379);
    assert!(
        deduced[1]
            .1
            .contains("「专项工作经费」的 500.00 万元记为财政专户拨款")
    );
    assert!(
        imported
            .diagnostics
            .iter()
            .all(|d| d.code == Code::DeducedAmountColumn)
    );
}

#[test]
fn reimport_is_byte_identical() {
    let first = import_text(SEED);
    let second = import_text(SEED);
    assert_eq!(first.spec, second.spec);
    let csv = import_csv("tests/fixtures/import/template.csv", &Columns::default());
    let again = import_csv("tests/fixtures/import/template.csv", &Columns::default());
    assert_eq!(csv.spec, again.spec);
}

#[test]
fn seed_summary() {
    let imported = import_text(SEED);
    insta::assert_snapshot!(format!(
        "{}{}",
        findings(&source(SEED), &imported),
        import::summary(SEED, &imported)
    ));
}

/// Each layout fixture and the codes its import must report.
const LAYOUTS: &[(&str, &[&str])] = &[
    ("wrapped-names.txt", &[]),
    ("restarted-numbering.txt", &["numbering-gap"]),
    ("amounts-next-line.txt", &[]),
    ("page-header-inside-project.txt", &[]),
    (
        "unplaced-row.txt",
        &[
            "unplaced-row",
            "unplaced-row",
            "unreadable-indicator",
            "unreadable-indicator",
        ],
    ),
    ("ambiguous-amounts.txt", &["ambiguous-amount-column"]),
    ("chinese-numerals.txt", &[]),
    ("unnumbered-list.txt", &["unreadable-indicator"]),
    ("other-columns.txt", &[]),
    ("running-text.txt", &["text-not-indicator"]),
];

#[test]
fn layout_fixtures_import_as_pinned() {
    for (name, expected) in LAYOUTS {
        let relative = format!("tests/fixtures/import/{name}");
        let imported = import_text(&relative);
        assert_accounted(&imported);
        assert_eq!(codes(&imported), *expected, "{name}");
        let parsed = jixiao::syntax::parse(&imported.spec);
        assert!(
            parsed.diagnostics.is_empty(),
            "{name}: {:?}",
            parsed.diagnostics
        );
        insta::assert_snapshot!(
            name.trim_end_matches(".txt"),
            format!(
                "{}{}\n{}",
                findings(&source(&relative), &imported),
                import::summary(&relative, &imported),
                imported.spec
            )
        );
    }
}

#[test]
fn wrapped_names_and_runaway_digits() {
    let imported = import_text("tests/fixtures/import/wrapped-names.txt");
    let spec = &imported.model;
    let agency = &spec.departments[0].agencies[0];
    assert_eq!(agency.name, "广州市示例局机关本级");
    assert_eq!(
        agency.projects[0].name,
        "公共服务平台运行维护与数据治理专项经费"
    );
    let purchase = &agency.projects[1];
    let targets: Vec<(&str, &str)> = purchase
        .indicators
        .iter()
        .map(|i| (i.name.as_str(), i.target.text.as_str()))
        .collect();
    // `…年度指标值：1002、产出指标：…`: the 2 is the next item's number, not part of the value.
    assert_eq!(
        targets,
        [
            ("购置设备数量", "100"),
            ("设备验收合格率", "100%"),
            ("设备完好率", "不低于95%"),
            ("职工满意度", "95%以上"),
        ]
    );
    // A space extraction put inside a word (`用户满 意度`) is not part of the name.
    assert_eq!(agency.projects[0].indicators[2].name, "用户满意度");
}

#[test]
fn restarted_numbering_keeps_the_order_and_says_so() {
    let imported = import_text("tests/fixtures/import/restarted-numbering.txt");
    let names: Vec<&str> = imported.model.departments[0].agencies[0].projects[0]
        .indicators
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "群众满意度",
            "网络安全知识知晓率",
            "宣传册印制数量",
            "线上活动场次",
            "线下活动场次"
        ]
    );
    assert!(
        imported
            .spec
            .contains("# 原文编号：1、2、1、2、3（编号中途重新从 1 开始，照录顺序）")
    );
}

#[test]
fn a_row_that_cannot_be_placed_is_counted_and_reported() {
    let imported = import_text("tests/fixtures/import/unplaced-row.txt");
    assert_accounted(&imported);
    assert_eq!(
        (
            imported.found.indicators,
            imported.skipped.indicators,
            imported.written.indicators
        ),
        (6, 4, 2)
    );
    assert!(imported.has_errors());
}

#[test]
fn csv_template_with_variant_headings() {
    let relative = "tests/fixtures/import/template.csv";
    let imported = import_csv(relative, &Columns::default());
    assert_accounted(&imported);
    assert_eq!(codes(&imported), ["unplaced-row", "unreadable-indicator"]);
    insta::assert_snapshot!(format!(
        "{}{}\n{}",
        findings(&source(relative), &imported),
        import::summary(relative, &imported),
        imported.spec
    ));
}

#[test]
fn columns_map_unusual_headings() {
    let csv = "项目,类别,指标,目标\n甲项目,产出,宣传册数量,>= 3万册\n";
    let sheet = import::sheet::from_csv(csv).unwrap();
    let without = import::sheet(std::slice::from_ref(&sheet), &Columns::default(), "部门");
    assert!(
        codes(&without).contains(&"missing-column"),
        "{:?}",
        codes(&without)
    );
    let columns = Columns::parse("类别=一级指标,指标=name，目标=指标值").unwrap();
    let with = import::sheet(&[sheet], &columns, "部门");
    assert_accounted(&with);
    assert!(with.diagnostics.is_empty(), "{:?}", with.diagnostics);
    assert!(
        with.spec.contains("产出   宣传册数量  >= 3万册"),
        "{}",
        with.spec
    );
    assert!(Columns::parse("目标=不存在的字段").is_err());
}

/// An amount cell is copied as printed only when the spec's number reads it so; any other
/// spelling of the same amount is written as its decimal, and the spec reads back whole.
#[test]
fn amounts_are_written_as_printed_only_in_the_spec_s_shape() {
    for (cell, written) in [
        ("14,035.86", "14,035.86"),
        ("-1,200.50", "-1,200.50"),
        ("8,,827,620.53", "8827620.53"),
        ("1,2345.00", "12345.00"),
        (".50", "0.50"),
        ("１２.30", "12.30"),
        ("426.9", "426.90"),
    ] {
        let csv = format!(
            "预算单位,项目名称,预算数,一级指标,三级指标,指标值\n甲单位,乙项目,\"{cell}\",产出,宣传册数量,>= 3万册\n"
        );
        let sheet = import::sheet::from_csv(&csv).unwrap();
        let imported = import::sheet(&[sheet], &Columns::default(), "部门");
        assert_accounted(&imported);
        let line = format!("预算 总计 {written}\n");
        assert!(imported.spec.contains(&line), "{cell}:\n{}", imported.spec);
    }
}

#[test]
fn xlsx_with_merged_cells_and_numbers() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let notes = workbook.add_worksheet();
    notes.set_name("填报说明").unwrap();
    notes
        .write_string(0, 0, "本表每行填写一条三级指标")
        .unwrap();
    let sheet = workbook.add_worksheet();
    sheet.set_name("项目绩效目标").unwrap();
    let header = [
        "*项目名称",
        "预算单位",
        "总计",
        "财政拨款",
        "*一级指标",
        "*二级指标",
        "*三级指标",
        "计算符号",
        "*指标值",
        "计量单位",
    ];
    for (c, text) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *text).unwrap();
    }
    sheet.write_string(1, 0, "网络安全宣教专项").unwrap();
    sheet.write_string(1, 1, "示例中心").unwrap();
    sheet.write_number(1, 2, 125.0).unwrap();
    sheet.write_number(1, 3, 125.0).unwrap();
    // The second indicator's 一级/二级 cells are empty, as merged cells read.
    let rows: [[&str; 6]; 3] = [
        ["产出指标", "数量指标", "网络安全宣传册", "≥", "3", "万册"],
        ["", "", "宣传经费", "", "", ""],
        ["满意度指标", "服务对象满意度", "群众满意度", ">", "95", "%"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet
                    .write_string(1 + r as u32, 4 + c as u16, *text)
                    .unwrap();
            }
        }
    }
    sheet.write_number(2, 8, 426.92).unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let sheets = import::sheet::from_workbook(&bytes).unwrap();
    let imported = import::sheet(&sheets, &Columns::default(), "示例部门");
    assert_accounted(&imported);
    assert!(
        imported.diagnostics.is_empty(),
        "{:?}",
        imported.diagnostics
    );
    let expected = "部门 \"示例部门\" {\n  预算单位 \"示例中心\" {\n    项目 \"网络安全宣教专项\" {\n      预算 总计 125.00 财政拨款 125.00\n      产出.数量 网络安全宣传册 ≥3万册\n      产出.数量 宣传经费 426.92\n      满意度.服务对象满意度 群众满意度 >95%\n    }\n  }\n}\n";
    assert_eq!(model(&imported.spec), model(expected), "{}", imported.spec);
}

#[test]
fn unreadable_workbook_is_one_finding() {
    let error = import::sheet::from_workbook(b"not a workbook").unwrap_err();
    assert_eq!(error.code, Code::UnreadableTable);
}

#[test]
fn export_then_import_yields_the_same_model() {
    let hand = std::fs::read_to_string(Path::new(ROOT).join(HAND_WRITTEN)).unwrap();
    let checked = jixiao::check_source(SourceFile::new(HAND_WRITTEN, hand.clone()));
    let rows = import::export::rows(&checked.spec);
    assert_eq!(
        rows.len(),
        1 + 1 + 4 + 165 + 2,
        "header, department, units, indicators, classified"
    );

    let csv = import::export::to_csv(&rows).unwrap();
    let sheet = import::sheet::from_csv(std::str::from_utf8(&csv).unwrap()).unwrap();
    let from_csv = import::sheet(&[sheet], &Columns::default(), "x");
    assert_accounted(&from_csv);
    assert!(
        from_csv.diagnostics.is_empty(),
        "{:?}",
        from_csv.diagnostics
    );
    assert_eq!(model(&from_csv.spec), model(&hand));

    let xlsx = import::export::to_xlsx(&rows).unwrap();
    let sheets = import::sheet::from_workbook(&xlsx).unwrap();
    let from_xlsx = import::sheet(&sheets, &Columns::default(), "x");
    assert_accounted(&from_xlsx);
    assert_eq!(model(&from_xlsx.spec), model(&hand));
}

#[test]
fn every_import_code_is_reported_by_some_fixture() {
    let mut seen: Vec<&str> = codes(&import_text(SEED));
    for (name, _) in LAYOUTS {
        seen.extend(codes(&import_text(&format!(
            "tests/fixtures/import/{name}"
        ))));
    }
    seen.extend(codes(&import_csv(
        "tests/fixtures/import/template.csv",
        &Columns::default(),
    )));
    seen.extend(codes(&import::sheet(
        &[import::sheet::from_csv("项目名称,三级指标,指标值,不明列\n甲,乙,1,丙\n").unwrap()],
        &Columns::default(),
        "部门",
    )));
    seen.extend(codes(&import::sheet(
        &[import::sheet::from_csv(
            "项目名称,一级指标,三级指标,指标方向,计算符号,指标值,计量单位\n甲,产出指标,投诉率,反向,≥,5,%\n",
        )
        .unwrap()],
        &Columns::default(),
        "部门",
    )));
    seen.push(import::sheet::from_workbook(b"").unwrap_err().rule().name);
    // count-mismatch guards the importer against its own bugs: no valid source can trigger it.
    let missing: Vec<&str> = RULES
        .iter()
        .filter(|r| r.id.starts_with("JX06") && r.code != Code::CountMismatch)
        .map(|r| r.name)
        .filter(|name| !seen.contains(name))
        .collect();
    assert!(missing.is_empty(), "no fixture reports {missing:?}");
}

fn jixiao(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(ROOT)
        .output()
        .unwrap()
}

#[test]
fn cli_import_and_export_write_files_atomically_and_repeatably() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import-cli");
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("seed.jx");
    let out = out.to_str().unwrap();
    let first = jixiao(&["import", SEED, "-o", out]);
    assert_eq!(first.status.code(), Some(0), "{first:?}");
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(stdout.contains("计数相符"), "{stdout}");
    let written = std::fs::read(out).unwrap();
    let again = jixiao(&["import", SEED, "-o", out]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(
        std::fs::read(out).unwrap(),
        written,
        "re-import is byte-identical"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left");

    let xlsx = dir.join("seed.xlsx");
    let export = jixiao(&[
        "export",
        out,
        "--format",
        "xlsx",
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(export.status.code(), Some(0), "{export:?}");
    let back = jixiao(&["import", xlsx.to_str().unwrap()]);
    assert_eq!(back.status.code(), Some(0), "{back:?}");
    assert_eq!(
        model(&String::from_utf8(back.stdout).unwrap()),
        model(&String::from_utf8(written).unwrap())
    );

    let errors = jixiao(&["import", "tests/fixtures/import/unplaced-row.txt"]);
    assert_eq!(
        errors.status.code(),
        Some(1),
        "unplaced rows fail the import"
    );
    let no_output = jixiao(&["export", out, "--format", "xlsx"]);
    assert_eq!(no_output.status.code(), Some(2), "xlsx needs -o");
    let copy = dir.join("copy.txt");
    std::fs::copy(Path::new(ROOT).join(SEED), &copy).unwrap();
    let copy = copy.to_str().unwrap();
    let clobber = jixiao(&["import", copy, "-o", copy]);
    assert_eq!(
        clobber.status.code(),
        Some(2),
        "an import never overwrites its source"
    );
    assert_eq!(
        std::fs::read(copy).unwrap(),
        std::fs::read(Path::new(ROOT).join(SEED)).unwrap()
    );
}

#[test]
fn any_text_imports_without_panic_and_accounts_for_itself() {
    let mut texts: Vec<String> = vec![
        String::new(),
        "\n\n\n".to_owned(),
        "1、产出指标：".repeat(500),
        "    项目 1.00 1.00\n1、产出指标：a，年度指标值：b。".repeat(50),
        "99999999999999999999999999.99 99999999999999999999999999.99\n".repeat(3),
        "合计 1.00 2.00 3.00 4.00 5.00\n单位 1.00 1.00\n    项目 1.00 1.00 涉密".to_owned(),
        "１、产出指标：名称，年度指标值：１０个。１２３４５６７８９０１２、效益指标：x，年度指标值：y".to_owned(),
        "、、、1、、2、效益指标：：：年度指标值：".to_owned(),
        "合计 1.00 1.00\n合计 2.00 2.00\n单位 2.00 2.00\n    项目 2.00 2.00\n".to_owned(),
    ];
    for entry in std::fs::read_dir(Path::new(ROOT).join("tests/fixtures/rules")).unwrap() {
        for file in std::fs::read_dir(entry.unwrap().path()).unwrap() {
            texts.push(std::fs::read_to_string(file.unwrap().path()).unwrap());
        }
    }
    for text in &texts {
        let imported = import::pdf_text(&SourceFile::new("x.txt", text.clone()), "部门");
        assert_accounted(&imported);
        assert!(jixiao::syntax::parse(&imported.spec).diagnostics.is_empty());
        if let Ok(sheet) = import::sheet::from_csv(text) {
            assert_accounted(&import::sheet(&[sheet], &Columns::default(), "部门"));
        }
    }
}

#[test]
fn readme_shows_the_current_import_output() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let imported = import_text(SEED);
    let summary = import::summary(SEED, &imported);
    assert!(
        readme.contains(&summary),
        "README.md must show the current summary of `jixiao import {SEED}`:\n{summary}"
    );
    let csv = import_csv("tests/fixtures/import/template.csv", &Columns::default());
    let summary = import::summary("tests/fixtures/import/template.csv", &csv);
    assert!(readme.contains(&summary), "README.md must show:\n{summary}");
}

#[test]
fn gbk_csv_from_excel_is_read() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import-gbk");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("gbk.csv");
    let text = "项目名称,一级指标,三级指标,指标值\n宣传专项,产出指标,宣传册数量,3万册\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    std::fs::write(&path, &bytes).unwrap();
    let out = jixiao(&["import", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let spec = String::from_utf8(out.stdout).unwrap();
    assert!(spec.contains("产出   宣传册数量  3万册"), "{spec}");
}

/// The national self-evaluation form (财预〔2020〕10号) as a workbook: every indicator imports,
/// its 实际完成值 and 得分 are written beside the spec, and `jixiao eval` scores the table and
/// audits its own scores.
#[test]
fn self_evaluation_form_becomes_an_evaluation() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import-self-eval");
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("weituo.jx");
    let table = "tests/corpus/tables/ah-chizhou-guichi-weituo-2022/table.xlsx";
    let import = jixiao(&["import", table, "-o", out.to_str().unwrap()]);
    assert_eq!(import.status.code(), Some(0), "{import:?}");
    let stdout = String::from_utf8_lossy(&import.stdout);
    assert!(
        stdout.contains("  指标           9         0       9"),
        "{stdout}"
    );
    let actuals = dir.join("weituo.actuals.toml");
    let text = std::fs::read_to_string(&actuals).unwrap();
    assert!(text.contains("\"实际\" = \"达成预期指标\""), "{text}");
    let eval = jixiao(&[
        "eval",
        out.to_str().unwrap(),
        "--actuals",
        actuals.to_str().unwrap(),
    ]);
    let report = String::from_utf8_lossy(&eval.stdout);
    assert!(report.contains("评价了 9 条指标"), "{report}");
    assert!(report.contains("基建工程委托业务项目数量"), "{report}");
}

/// Bad workbooks are one finding each, never a panic: empty, truncated, not a zip, a zip that is
/// not a workbook.
#[test]
fn damaged_workbooks_are_findings() {
    let good = std::fs::read(
        Path::new(ROOT).join("tests/corpus/tables/ah-chizhou-guichi-weituo-2022/table.xlsx"),
    )
    .unwrap();
    let cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        good[..good.len() / 2].to_vec(),
        good.iter().map(|b| b ^ 0x5A).collect(),
        b"PK\x03\x04not really a zip".to_vec(),
        // An OLE compound file header, as an encrypted (password-protected) .xlsx starts.
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
            .iter()
            .copied()
            .chain(std::iter::repeat_n(0, 504))
            .collect(),
    ];
    for bytes in cases {
        match import::sheet::from_workbook(&bytes) {
            Err(diagnostic) => assert_eq!(diagnostic.code, Code::UnreadableTable),
            Ok(sheets) => assert_accounted(&import::sheet(&sheets, &Columns::default(), "x")),
        }
    }
}

/// `jixiao check` reads a workbook directly: it imports it in memory and reports the findings of
/// its spec, each indicator line ending with the cell it came from.
#[test]
fn check_reads_workbooks_directly() {
    let table = "tests/corpus/tables/ah-chizhou-guichi-weituo-2022/table.xlsx";
    let out = jixiao(&["check", table]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("table.xlsx:"), "{text}");
    assert!(text.contains("# Sheet1!E16"), "{text}");
    assert!(text.contains("vague-target"), "{text}");
}

/// Excel cell types read as the user sees them: a percent cell's 1 is 100%, a 0.0% cell keeps
/// its decimal, a date cell is a date, a computed float shows no binary noise, and operator
/// columns (`≧`, `═`, `大于等于`, `正向`) become the target's operator.
#[test]
fn cell_types_read_as_the_sheet_shows_them() {
    let bytes =
        std::fs::read(Path::new(ROOT).join("tests/fixtures/import/cell-types.xlsx")).unwrap();
    let sheets = import::sheet::from_workbook(&bytes).unwrap();
    let imported = import::sheet(&sheets, &Columns::default(), "示例部门");
    assert_accounted(&imported);
    assert!(!imported.spec.contains("0.30000"), "{}", imported.spec);
    insta::assert_snapshot!(imported.spec);
}

#[test]
#[allow(clippy::excessive_precision)]
fn numbers_print_without_binary_noise() {
    use import::sheet::{date_text, number};
    assert_eq!(number(0.300000152587891), "0.3");
    assert_eq!(number(89.97400000000001), "89.974");
    assert_eq!(number(0.1 + 0.2), "0.3");
    assert_eq!(number(426.92), "426.92");
    assert_eq!(number(1e15), "1000000000000000");
    assert_eq!(number(0.000123), "0.000123");
    assert_eq!(date_text(44561.0).as_deref(), Some("2021年12月31日"));
    assert_eq!(date_text(1.0).as_deref(), Some("1900年1月1日"));
    assert_eq!(date_text(61.0).as_deref(), Some("1900年3月1日"));
}

/// Several project blocks in one sheet (each with its title, info block and funds block, sign-off
/// rows between them) and another sheet: every block is a project, every indicator is kept.
#[test]
fn several_blocks_and_sheets_in_one_workbook() {
    let relative = "tests/fixtures/import/several.xlsx";
    let bytes = std::fs::read(Path::new(ROOT).join(relative)).unwrap();
    let sheets = import::sheet::from_workbook(&bytes).unwrap();
    let imported = import::sheet(&sheets, &Columns::default(), "several");
    assert_accounted(&imported);
    assert_eq!(imported.written.projects, 3);
    assert_eq!(imported.written.indicators, 26);
    insta::assert_snapshot!(format!(
        "{}\n{}",
        import::summary(relative, &imported),
        imported.spec
    ));
}

/// A sheet beyond the row limit is read up to it and says so; nothing panics.
#[test]
fn huge_sheets_stop_at_the_limit_with_a_finding() {
    let csv = "x\n".repeat(import::sheet::MAX_ROWS + 1);
    let sheet = import::sheet::from_csv(&csv).unwrap();
    assert!(sheet.truncated);
    assert_eq!(sheet.rows.len(), import::sheet::MAX_ROWS);
    let imported = import::sheet(&[sheet], &Columns::default(), "x");
    assert_accounted(&imported);
    assert!(
        imported
            .diagnostics
            .iter()
            .any(|d| d.code == Code::InputLimit),
        "{:?}",
        imported.diagnostics
    );
}

#[test]
fn a_direction_column_against_the_operator_is_reported_and_the_operator_kept() {
    let csv = "项目名称,一级指标,三级指标,指标方向,计算符号,指标值,计量单位\n\
               甲,产出指标,投诉率,反向,≥,5,%\n\
               甲,产出指标,验收合格率,正向,≥,95,%\n\
               甲,效益指标,事故率,反向,,1,%\n";
    let imported = import::sheet(
        &[import::sheet::from_csv(csv).unwrap()],
        &Columns::default(),
        "部门",
    );
    assert_eq!(codes(&imported), ["direction-column-contradiction"]);
    let message = imported.diagnostics[0].message();
    assert!(
        message.contains("投诉率") && message.contains("反向"),
        "{message}"
    );
    assert!(
        imported.spec.contains("投诉率      ≥5%"),
        "{}",
        imported.spec
    );
    assert!(imported.spec.contains("≤1%"), "{}", imported.spec);
}

#[test]
fn a_term_goal_in_the_info_block_becomes_the_projects_term_goal() {
    let csv = "项目名称,乡村振兴培训\n实施期目标,三年培训农民 3000 人次\n年度目标,2023 年培训农民 1000 人次\n\
               一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,培训人次,≥1000人次\n";
    let imported = import::sheet(
        &[import::sheet::from_csv(csv).unwrap()],
        &Columns::default(),
        "部门",
    );
    let (_, project) = imported.model.projects().next().unwrap();
    assert_eq!(project.term_goal.as_deref(), Some("三年培训农民 3000 人次"));
    assert_eq!(project.goal.as_deref(), Some("2023 年培训农民 1000 人次"));
}

/// A 分值 cell merged over an indicator and its 其中 rows is one weight: it is written on the
/// first indicator only, and the others say why they have none.
#[test]
fn a_merged_weight_belongs_to_the_first_row_of_the_merge() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "项目名称",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "分值",
    ];
    for (c, text) in header.iter().enumerate() {
        sheet.write(0, c as u16, *text).unwrap();
    }
    let rows = [
        ("补助种植面积", "29.5亩"),
        ("其中桃树种植面积", "1.5亩"),
        ("其中苹果树种植面积", "5亩"),
    ];
    for (r, (name, value)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write(r, 0, "特色种养补贴").unwrap();
        sheet.write(r, 1, "产出指标").unwrap();
        sheet.write(r, 2, "数量指标").unwrap();
        sheet.write(r, 3, *name).unwrap();
        sheet.write(r, 4, *value).unwrap();
    }
    sheet
        .merge_range(1, 5, 3, 5, "20", &rust_xlsxwriter::Format::new())
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let sheets = import::sheet::from_workbook(&bytes).unwrap();
    let imported = import::sheet(&sheets, &Columns::default(), "部门");
    let weights: Vec<Option<String>> = imported
        .model
        .indicators()
        .map(|(_, i)| i.scoring.as_ref().map(|s| s.weight.to_string()))
        .collect();
    assert_eq!(
        weights,
        [Some("20".to_owned()), None, None],
        "{}",
        imported.spec
    );
    assert_eq!(
        imported
            .spec
            .matches("分值（得分）单元格与上面的指标合并")
            .count(),
        2
    );
}

#[test]
fn labels_that_are_statement_keywords_stay_indicators() {
    // A 一级 cell reading `项目` (or `预算`) would start a statement, a 二级 `项目` after a dot
    // would not: both lines stay indicators, the first marked as quoted from the table.
    let csv =
        "一级指标,二级指标,三级指标,指标值\n项目,,验收合格率,100%\n产出,项目,完成及时率,100%\n";
    let sheet = import::sheet::from_csv(csv).unwrap();
    let imported = import::sheet(&[sheet], &Columns::default(), "部门");
    assert_accounted(&imported);
    assert_eq!(imported.written.indicators, 2);
    assert!(imported.spec.contains("「项目」"), "{}", imported.spec);
    assert!(imported.spec.contains("产出.项目"), "{}", imported.spec);
}
