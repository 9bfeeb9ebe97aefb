//! Documents into the sheet model: Word (.docx), web pages (.html), text tables (TSV, Markdown)
//! and PDF text. Each edge case is a small document made here, read to its sheets; the cells a
//! merge covers hold its text, as a workbook's merged regions do; bad input is a finding.

use std::io::Write;

use jixiao::diagnostic::Code;
use jixiao::import::{self, Columns, Sheet};
use jixiao::source::SourceFile;

use crate::common::ROOT;

/// A .docx holding `body` (WordprocessingML inside `<w:body>`).
fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn tc(props: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|t| p(t)).collect();
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>")
}

fn cells(sheet: &Sheet) -> Vec<Vec<String>> {
    sheet.rows.iter().map(|r| r.cells.clone()).collect()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

#[test]
fn docx_merges_fill_every_cell_they_cover_and_paragraphs_above_are_rows() {
    let table = format!(
        "{}{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
        p("2023年度项目支出绩效目标表"),
        p("部门：示例局"),
        tc(r#"<w:gridSpan w:val="2"/>"#, &["一级指标"]),
        tc("", &["指标值"]),
        tc(r#"<w:vMerge w:val="restart"/>"#, &["产出"]),
        tc("", &["群众", "满意度"]),
        tc("", &["≥90%"]),
        tc("<w:vMerge/>", &[]),
        tc("", &["Road", "length"]),
        tc("", &["=8个"]),
    );
    let sheets = import::docx::from_docx(&docx(&table)).unwrap();
    let [sheet] = sheets.as_slice() else {
        panic!("{sheets:?}")
    };
    assert_eq!(sheet.name.as_deref(), Some("表1"));
    assert_eq!(
        cells(sheet),
        vec![
            row(&["2023年度项目支出绩效目标表"]),
            row(&["部门：示例局"]),
            row(&["一级指标", "一级指标", "指标值"]),
            row(&["产出", "群众满意度", "≥90%"]),
            row(&["产出", "Road length", "=8个"]),
        ]
    );
    assert_eq!(sheet.rows[3].number, 4);
}

#[test]
fn docx_nested_table_is_a_sheet_of_its_own_and_text_of_its_cell() {
    let inner = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        tc("", &["甲"]),
        tc("", &["乙"])
    );
    let outer = format!(
        "<w:tbl><w:tr><w:tc>{}{inner}</w:tc>{}</w:tr></w:tbl>",
        p("外"),
        tc("", &["右"])
    );
    let sheets = import::docx::from_docx(&docx(&outer)).unwrap();
    let names: Vec<_> = sheets.iter().map(|s| s.name.clone().unwrap()).collect();
    assert_eq!(names, ["表1", "表2"]);
    assert_eq!(cells(&sheets[0]), vec![row(&["外甲 乙", "右"])]);
    assert_eq!(cells(&sheets[1]), vec![row(&["甲", "乙"])]);
}

#[test]
fn word_97_corrupt_and_crafted_documents_are_findings() {
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    let doc = import::docx::from_docx(&ole).unwrap_err();
    assert_eq!(doc.code, Code::UnreadableTable);
    assert!(doc.message().contains(".doc"), "{}", doc.message());
    assert!(format!("{doc:?}").contains("另存为"), "{doc:?}");

    let mut seen = Vec::new();
    let deep = format!("{}{}", "<w:sdt>".repeat(300), "</w:sdt>".repeat(300));
    for bytes in [
        b"PK\x03\x04 not really a zip".to_vec(),
        Vec::new(),
        docx("<w:p><w:r><w:t>没有表格</w:t></w:r></w:p>"),
        docx(&deep),
        docx("<w:tbl><w:tr><w:tc>"),
    ] {
        let error = import::docx::from_docx(&bytes).unwrap_err();
        assert_eq!(error.code, Code::UnreadableTable, "{error:?}");
        seen.push(error.message());
    }
    assert!(seen[2].contains("没有表格"), "{seen:?}");
    assert!(seen[3].contains("嵌套"), "{seen:?}");
}

#[test]
fn html_rowspan_colspan_br_and_context_rows() {
    let page = "<html><head><title>示例局2023年绩效目标</title></head><body>\
        <h1>示例局2023年绩效目标</h1><p>部门：示例局</p>\
        <table><tr><th colspan=2>指标</th><th>指标值</th></tr>\
        <tr><td rowspan=2>产出</td><td>道路<br>长度</td><td>≥8公里</td></tr>\
        <tr><td>群众 满意度</td><td>≥90%</td></tr></table></body></html>";
    let sheets = import::html::from_html(page.as_bytes()).unwrap();
    assert_eq!(
        cells(&sheets[0]),
        vec![
            row(&["示例局2023年绩效目标"]),
            row(&["部门：示例局"]),
            row(&["指标", "指标", "指标值"]),
            row(&["产出", "道路长度", "≥8公里"]),
            row(&["产出", "群众 满意度", "≥90%"]),
        ]
    );
}

#[test]
fn html_absurd_spans_are_clamped_and_nested_tables_read() {
    let page = r#"<table><tr><td rowspan="999999999999999999999" colspan="100000">大</td></tr>
        <tr><td><table><tr><td>内</td></tr></table></td></tr></table>"#;
    let sheets = import::html::from_html(page.as_bytes()).unwrap();
    assert_eq!(sheets.len(), 2);
    assert_eq!(sheets[0].rows.len(), 2);
    assert!(sheets[0].rows[0].cells.len() <= import::sheet::MAX_COLUMNS);
    assert!(sheets[0].truncated);
    assert_eq!(cells(&sheets[1]), vec![row(&["内"])]);
    // Elements nested deeper than any page: refused before parsing; a page that never closes
    // its cells is not deep; a deep page below the limit is read without recursion.
    let deep = format!(
        "{}<table><tr><td>x</td></tr></table>",
        "<div>".repeat(100_000)
    );
    let error = import::html::from_html(deep.as_bytes()).unwrap_err();
    assert!(error.message().contains("嵌套"), "{}", error.message());
    let open_cells = format!("<table>{}</table>", "<tr><td>甲<td>乙<p>丙".repeat(5_000));
    assert_eq!(
        import::html::from_html(open_cells.as_bytes()).unwrap()[0]
            .rows
            .len(),
        5_000
    );
    let nested = format!("{}<table><tr><td>x</td></tr></table>", "<span>".repeat(900));
    assert_eq!(import::html::from_html(nested.as_bytes()).unwrap().len(), 1);
    let none = import::html::from_html(b"<p>no table</p>").unwrap_err();
    assert_eq!(none.code, Code::UnreadableTable);
}

#[test]
fn html_declared_gbk_and_undeclared_bytes_decode() {
    let text = "<html><head><meta charset=\"gbk\"></head><body><table><tr><td>满意度</td></tr></table></body></html>";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    assert_eq!(import::html::decode(&gbk), text);
    let http_equiv = text.replace(
        "<meta charset=\"gbk\">",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
    );
    let (gb2312, _, _) = encoding_rs::GBK.encode(&http_equiv);
    let sheets = import::html::from_html(&gb2312).unwrap();
    assert_eq!(cells(&sheets[0]), vec![row(&["满意度"])]);
    let bom = [b"\xEF\xBB\xBF".as_slice(), "<p>满意</p>".as_bytes()].concat();
    assert_eq!(import::html::decode(&bom), "<p>满意</p>");
}

const MARKDOWN: &str = "# 示例局2023年项目支出绩效目标表\n\n项目名称：道路养护\n\n\
| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n|---|:---:|---|---|\n\
| 产出指标 | 数量指标 | 道路长度 | ≥8公里 |\n| 满意度指标 | 服务对象满意度指标 | 群众满意度 \\| 抽样 | ≥90% |\n";

#[test]
fn markdown_and_tab_tables_are_read_by_their_shape() {
    use import::text_table::{Shape, read, shape};
    assert_eq!(shape(MARKDOWN), Some(Shape::Pipes));
    let sheet = read(MARKDOWN, Shape::Pipes);
    assert_eq!(sheet.rows.len(), 5, "{sheet:?}");
    assert_eq!(sheet.rows[3].cells[2], "道路长度");
    assert_eq!(sheet.rows[4].cells[2], "群众满意度 | 抽样");
    assert_eq!(sheet.rows[4].number, 8);
    let source = SourceFile::new("表.md", MARKDOWN);
    let imported = import::text(&source, &Columns::default(), "示例局");
    assert_eq!(imported.found.indicators, 2, "{}", imported.spec);
    assert!(imported.spec.contains("道路长度"), "{}", imported.spec);

    let tsv = "项目名称：道路养护\n一级指标\t二级指标\t三级指标\t指标值\n\
        产出指标\t数量指标\t道路长度\t≥8公里\n满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\n";
    assert_eq!(shape(tsv), Some(Shape::Tabs));
    let imported = import::text(&SourceFile::new("表.txt", tsv), &Columns::default(), "x");
    assert_eq!(imported.found.indicators, 2, "{}", imported.spec);
    // Running text is not a table: the Guangzhou reader keeps it.
    assert_eq!(shape("第一行\n第二行\n"), None);
}

#[test]
fn pdf_without_text_needs_ocr() {
    let scan = SourceFile::new("扫描.pdf", "\n\u{c}\n  \n");
    let error = import::pdf_layout(&scan, None, &Columns::default(), "x").unwrap_err();
    assert!(error.message().contains("OCR") || format!("{error:?}").contains("OCR"));
}

fn jixiao(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(ROOT)
        .output()
        .unwrap()
}

/// `jixiao check` reads Word documents and web pages directly, findings at their table cell.
#[test]
fn check_reads_documents_directly() {
    for kind in ["docx", "html"] {
        let table = format!("tests/corpus/tables/ah-chizhou-guichi-weituo-2022/table.{kind}");
        let out = jixiao(&["check", &table]);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(&format!("table.{kind}:")), "{text}");
        assert!(text.contains("# 表1!E"), "{text}");
        assert!(text.contains("vague-target"), "{text}");
    }
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("documents-cli");
    std::fs::create_dir_all(&dir).unwrap();
    let doc = dir.join("旧表.doc");
    std::fs::write(&doc, [0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0]).unwrap();
    let out = jixiao(&["import", doc.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains(".docx"), "{out:?}");
    // A PDF of drawn lines only, as a scan reads: it needs OCR (or poppler is not installed).
    let out = jixiao(&["import", "tests/fixtures/import/scanned.pdf"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("没有文字层") || text.contains("poppler-utils"),
        "{text}"
    );
}

/// Text saved from Excel as "Unicode text" (UTF-16 with its mark) or in GBK reads as UTF-8 does.
#[test]
fn text_tables_in_utf16_and_gbk_import() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("documents-text");
    std::fs::create_dir_all(&dir).unwrap();
    let tsv = std::fs::read_to_string(
        std::path::Path::new(ROOT).join("tests/fixtures/import/pasted-from-excel.tsv"),
    )
    .unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            tsv.replace('\n', "\r\n")
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let (gbk, _, _) = encoding_rs::GBK.encode(&tsv);
    for (name, bytes) in [("unicode.txt", utf16), ("gbk.tsv", gbk.into_owned())] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = jixiao(&["import", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let spec = String::from_utf8_lossy(&out.stdout);
        assert!(spec.contains("养护里程        ≥120公里"), "{spec}");
    }
}

/// Damaged copies of every corpus document (cut short, bytes overwritten) are findings or
/// sheets, never a panic.
#[test]
fn damaged_documents_never_panic() {
    let dir = std::path::Path::new(ROOT).join("tests/corpus/tables");
    let mut tried = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten().take(12) {
        for kind in ["docx", "html"] {
            let Ok(bytes) = std::fs::read(entry.path().join(format!("table.{kind}"))) else {
                continue;
            };
            for cut in [1, 7, 31, 100, 500] {
                let mut damaged = bytes.clone();
                let at = damaged.len() * cut / 1000;
                damaged.truncate(damaged.len() - at.min(damaged.len()));
                if let Some(b) = damaged.get_mut(bytes.len() / (cut + 1)) {
                    *b ^= 0x5A;
                }
                let sheets = match kind {
                    "docx" => import::docx::from_docx(&damaged),
                    _ => import::html::from_html(&damaged),
                };
                if let Ok(sheets) = sheets {
                    import::sheet(&sheets, &Columns::default(), "x");
                }
                tried += 1;
            }
        }
    }
    assert!(tried >= 100, "{tried}");
}

/// A text box's text is part of its paragraph, and its `mc:Fallback` copy is not read twice.
#[test]
fn docx_text_box_is_read_once() {
    let cell = "<w:tc><w:p><w:r><w:t>甲</w:t></w:r><w:r><mc:AlternateContent><mc:Choice>\
        <w:txbxContent><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:txbxContent></mc:Choice>\
        <mc:Fallback><w:txbxContent><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:txbxContent>\
        </mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>丙</w:t></w:r></w:p></w:tc>";
    let sheets =
        import::docx::from_docx(&docx(&format!("<w:tbl><w:tr>{cell}</w:tr></w:tbl>"))).unwrap();
    assert_eq!(cells(&sheets[0]), vec![row(&["甲乙丙"])]);
}

/// Several projects in one Word document, each table under its own 项目名称 paragraph: every
/// table is read, with its findings placed in its own sheet.
#[test]
fn docx_several_tables_are_several_projects() {
    let table = |project: &str, name: &str, value: &str| {
        let cells = |texts: &[&str]| -> String {
            let tcs: String = texts.iter().map(|t| tc("", &[t])).collect();
            format!("<w:tr>{tcs}</w:tr>")
        };
        format!(
            "{}<w:tbl>{}{}</w:tbl>",
            p(&format!("项目名称：{project}")),
            cells(&["一级指标", "二级指标", "三级指标", "指标值"]),
            cells(&["产出指标", "数量指标", name, value])
        )
    };
    let body = format!(
        "{}{}{}",
        p("示例县教育局2024年度项目支出绩效目标表"),
        table("校舍维修", "维修面积", "≥1200平方米"),
        table("营养改善", "受益学生", "较好")
    );
    let sheets = import::docx::from_docx(&docx(&body)).unwrap();
    assert_eq!(sheets.len(), 2);
    let imported = import::sheet(&sheets, &Columns::default(), "x");
    assert_eq!(imported.found.projects, 2, "{}", imported.spec);
    assert_eq!(imported.found.indicators, 2, "{}", imported.spec);
    assert!(imported.spec.contains("# 表2!D"), "{}", imported.spec);
}

/// A column with no heading at all (a merged heading a PDF printed once) is kept as a comment
/// named by its letter, never dropped unseen.
#[test]
fn unheaded_columns_are_kept() {
    let text = "| 一级指标 | 二级指标 | 三级指标 | 指标值 | |\n|---|---|---|---|---|\n\
        | 产出指标 | 数量指标 | 道路长度 | ≥8公里 | 另附说明 |\n";
    let imported = import::text(&SourceFile::new("表.md", text), &Columns::default(), "x");
    assert!(
        imported.spec.contains("# 第E列：另附说明"),
        "{}",
        imported.spec
    );
}

/// The README shows the real output of importing each kind of document.
#[test]
fn readme_shows_the_document_imports_as_they_are() {
    let readme = std::fs::read_to_string(std::path::Path::new(ROOT).join("README.md")).unwrap();
    for text in [
        "tests/fixtures/import/markdown-table.md",
        "tests/corpus/text/nx-wuzhong-tongxin-sheshinongye-peixun-2025/source.txt",
    ] {
        let out = jixiao(&["import", text]);
        let spec = String::from_utf8_lossy(&out.stdout);
        assert!(readme.contains(spec.trim()), "README.md must show:\n{spec}");
    }
    for table in [
        "tests/corpus/tables/hb-handan-chengan-minzheng-gaolingjintie-2020/table.docx",
        "tests/corpus/tables/sc-leshan-jingyan-mata-2023/table.html",
        "tests/corpus/tables/yn-lincang-yongde-yingyanggaishan-2022/table.pdf",
    ] {
        let out = jixiao(&["import", table]);
        let report = String::from_utf8_lossy(&out.stderr);
        if report.contains("poppler-utils") {
            continue;
        }
        assert!(
            readme.contains(report.trim()),
            "README.md must show:\n{report}"
        );
    }
}

/// Cells spanning the whole of a long table, row after row, are placed within a bounded amount
/// of work: the sheet is cut, not the machine.
#[test]
fn html_spans_over_placed_cells_are_bounded() {
    let row = "<tr><td colspan=256 rowspan=0>x</td><td rowspan=0>y</td></tr>";
    let page = format!("<table>{}</table>", row.repeat(20_000));
    let started = std::time::Instant::now();
    let sheets = import::html::from_html(page.as_bytes()).unwrap();
    assert!(sheets[0].truncated);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

/// A page laid out in a table (as many government sites are): the title and paragraphs in the
/// layout cell are the context of the data table inside it; paragraphs in data cells are not.
#[test]
fn html_layout_table_gives_its_paragraphs_to_the_table_inside() {
    let page = "<table><tr><td><h2>示例局2024年绩效目标</h2><p>项目名称：道路养护</p>\
        <table><tr><td><p>一级指标</p></td><td>指标值</td></tr></table>\
        <table><tr><td>二</td></tr></table></td></tr></table>";
    let sheets = import::html::from_html(page.as_bytes()).unwrap();
    assert_eq!(sheets.len(), 3);
    assert_eq!(
        cells(&sheets[1]),
        vec![
            row(&["示例局2024年绩效目标"]),
            row(&["项目名称：道路养护"]),
            row(&["一级指标", "指标值"]),
        ]
    );
    assert_eq!(cells(&sheets[2]), vec![row(&["二"])]);
}

/// `≥` inserted through Insert → Symbol is a `w:sym` in the Symbol font's own code.
#[test]
fn docx_symbol_font_characters_read_as_unicode() {
    let cell = r#"<w:tc><w:p><w:r><w:sym w:font="Symbol" w:char="F0B3"/><w:t>90%</w:t></w:r></w:p></w:tc>"#;
    let other =
        r#"<w:tc><w:p><w:r><w:sym w:font="SimSun" w:char="2264"/><w:t>5</w:t></w:r></w:p></w:tc>"#;
    let body = format!("<w:tbl><w:tr>{cell}{other}</w:tr></w:tbl>");
    let sheets = import::docx::from_docx(&docx(&body)).unwrap();
    assert_eq!(cells(&sheets[0]), vec![row(&["≥90%", "≤5"])]);
}

/// The main part is where the package relationships say, not always `word/document.xml`.
#[test]
fn docx_main_part_is_found_through_its_relationship() {
    let xml = format!(
        r#"<w:document xmlns:w="w"><w:body><w:tbl><w:tr>{}</w:tr></w:tbl></w:body></w:document>"#,
        tc("", &["甲"])
    );
    let rels = r#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (name, text) in [("_rels/.rels", rels), ("word/document2.xml", xml.as_str())] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    let sheets = import::docx::from_docx(&out.into_inner()).unwrap();
    assert_eq!(cells(&sheets[0]), vec![row(&["甲"])]);
}

/// Cells copied from Excel with a line break inside are quoted over two lines: one cell.
#[test]
fn tab_table_with_quoted_cells_reads_as_excel_copied_it() {
    use import::text_table::{Shape, read};
    let tsv = "三级指标\t指标值\n\"群众\n满意度\"\t≥90%\n\"说\"\"明\"\"\"\t1\n";
    let sheet = read(tsv, Shape::Tabs);
    assert_eq!(
        cells(&sheet),
        vec![
            row(&["三级指标", "指标值"]),
            row(&["群众满意度", "≥90%"]),
            row(&["说\"明\"", "1"])
        ]
    );
    assert_eq!(sheet.rows[1].number, 2);
    assert_eq!(sheet.rows[2].number, 4);
}
