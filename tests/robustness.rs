//! No input makes jixiao panic: generated garbage built from the language's own tokens, limits,
//! and odd encodings all end as diagnostics whose spans land on character boundaries.

use jixiao::diagnostic::MAX_QUOTE_CHARS;
use jixiao::source::SourceFile;
use jixiao::syntax::{MAX_CLAUSES, MAX_FILE_BYTES, MAX_LINE_BYTES};
use jixiao::{Checked, check_source};

/// Pieces the generator strings together: keywords, operators (half- and full-width), numbers,
/// units, magnitudes, braces, quotes, comments, CJK text, emoji and line breaks.
const TOKENS: &[&str] = &[
    "部门",
    "预算单位",
    "项目",
    "预算",
    "目标",
    "等级",
    "涉密",
    "产出",
    "效益.社会效益",
    "满意度",
    "产出.数量",
    "成本",
    "{",
    "}",
    "\"",
    "「",
    "」",
    "#",
    " ",
    "  ",
    "\t",
    "　",
    "\n",
    "\r\n",
    ">=",
    "＞",
    "＜=",
    "≤",
    "≠",
    "不少于",
    "超过",
    "以上",
    "以内",
    "累计",
    "每季度",
    "且",
    "；",
    "较2022年增加",
    "无",
    "发生",
    "1",
    "0",
    "15",
    "-",
    "～",
    "3.5",
    "1,000",
    "１２",
    "．",
    "万",
    "亿",
    "%",
    "％",
    "家",
    "小时",
    "分钟",
    "个月",
    "平方米",
    "/年",
    "元",
    "（次）",
    "良好",
    "提升",
    "网络安全",
    "满意",
    "🙂",
    "\u{0}",
    "\u{feff}",
    "99999999999999999999999999999999",
];

fn generate(seed: u64, tokens: usize) -> String {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut text = String::new();
    for _ in 0..tokens {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        text.push_str(TOKENS[(state % TOKENS.len() as u64) as usize]);
    }
    text
}

fn assert_sound(checked: &Checked) {
    let text = &checked.source.text;
    for d in &checked.diagnostics {
        for span in std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span)) {
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{span:?} out of {text:?}"
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{span:?} splits a character in {text:?}"
            );
        }
        let _ = d.message();
    }
    let _ = jixiao::report::human::render(
        std::slice::from_ref(checked),
        jixiao::report::human::Style {
            color: false,
            width: 80,
        },
    );
    let _ = jixiao::report::json::render(std::slice::from_ref(checked));
}

#[test]
fn generated_garbage_never_panics() {
    for seed in 0..3_000 {
        let text = generate(seed, 5 + (seed as usize % 60));
        assert_sound(&check_source(SourceFile::new("gen.jx", text)));
    }
}

#[test]
fn garbage_inside_a_valid_project_keeps_the_rest_checked() {
    for seed in 0..500 {
        let line = generate(seed, 8).replace(['\n', '\r'], " ");
        let text = format!(
            "部门 \"部门\" 2023 {{\n  预算单位 \"单位\" {{\n    项目 \"项目\" {{\n      {line}\n      效益 社会舆论效应 正面效应\n    }}\n  }}\n}}\n"
        );
        let checked = check_source(SourceFile::new("gen.jx", text));
        assert_sound(&checked);
        assert!(
            checked
                .diagnostics
                .iter()
                .any(|d| d.rule().name == "vague-target"),
            "the line after `{line}` was not checked"
        );
    }
}

#[test]
fn a_line_over_the_limit_is_one_finding() {
    let text = format!("部门 \"{}\" 2023 {{\n}}\n", "长".repeat(MAX_LINE_BYTES));
    let checked = check_source(SourceFile::new("long.jx", text));
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.rule().name).collect();
    assert_eq!(codes, ["input-limit"]);
}

#[test]
fn a_file_over_the_limit_is_one_finding() {
    let text = "# 注释\n".repeat(MAX_FILE_BYTES / 8 + 1);
    let checked = check_source(SourceFile::new("big.jx", text));
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.rule().name).collect();
    assert_eq!(codes, ["input-limit"]);
}

/// A spec of one project whose only indicator has `clauses` clauses `问题1个,`.
fn clause_chain(clauses: usize) -> String {
    let target = "问题1个,".repeat(clauses);
    format!(
        "部门 \"部门\" 2023 {{\n  预算单位 \"单位\" {{\n    项目 \"项目\" {{\n      产出 整改 {target}\n    }}\n  }}\n}}\n"
    )
}

#[test]
fn a_target_of_more_clauses_than_the_limit_is_refused_with_its_line() {
    // Fuzz finding 11: one finding per clause, each quoting the line, grew with its square.
    let read = check_source(SourceFile::new("chain.jx", clause_chain(MAX_CLAUSES)));
    let clauses = (read.spec.indicators()).map(|(_, i)| match &i.target.meaning {
        jixiao::model::Meaning::Conditions { clauses } => clauses.len(),
        _ => 0,
    });
    assert_eq!(clauses.sum::<usize>(), MAX_CLAUSES);
    assert!(
        read.diagnostics
            .iter()
            .all(|d| d.rule().name != "input-limit")
    );

    let refused = check_source(SourceFile::new("chain.jx", clause_chain(MAX_CLAUSES + 1)));
    assert_eq!(refused.spec.indicators().count(), 0);
    let limits: Vec<String> = (refused.diagnostics.iter())
        .filter(|d| d.rule().name == "input-limit")
        .map(|d| d.message())
        .collect();
    assert_eq!(
        limits,
        [format!(
            "这条指标值有 {} 个条件，超过上限 {MAX_CLAUSES} 个，未读入",
            MAX_CLAUSES + 1
        )]
    );
    assert_sound(&refused);
}

#[test]
fn a_message_quotes_at_most_its_share_of_a_long_target() {
    let text = format!(
        "部门 \"部门\" 2023 {{\n  预算单位 \"单位\" {{\n    项目 \"项目\" {{\n      产出 宣传 {}提升\n    }}\n  }}\n}}\n",
        "宣".repeat(3 * MAX_QUOTE_CHARS)
    );
    let checked = check_source(SourceFile::new("long-target.jx", text));
    let vague = (checked.diagnostics.iter())
        .find(|d| d.rule().name == "vague-target")
        .expect("the target is vague");
    let quoted = vague.message();
    assert!(
        quoted.contains(&format!("{}…", "宣".repeat(MAX_QUOTE_CHARS))),
        "{quoted}"
    );
    assert!(quoted.chars().count() < MAX_QUOTE_CHARS + 100, "{quoted}");
}

#[test]
fn long_runs_of_spaces_stay_fast_enough_to_finish() {
    // Worst case for the value grammar's look-ahead: a line of spaces just under the limit.
    let text = format!(
        "部门 \"部门\" 2023 {{\n  预算单位 \"单位\" {{\n    项目 \"项目\" {{\n      产出 名称 提升{}x\n    }}\n  }}\n}}\n",
        " ".repeat(MAX_LINE_BYTES - 64)
    );
    assert_sound(&check_source(SourceFile::new("spaces.jx", text)));
}

#[test]
fn windows_files_read_like_any_other() {
    // Notepad writes a byte-order mark and CRLF; authors indent with tabs and full-width spaces.
    let text = "\u{feff}部门 \"甲\" 2023 {\r\n  预算单位 \"乙\" {\r\n    项目 \"丙\" {\r\n\t产出 宣传册 >= 3万册\r\n      效益 知晓率 > 70%   # 注释\r\n　　　满意度 满意度 ＞＝95％\r\n    }\r\n  }\r\n}\r\n";
    let checked = check_source(SourceFile::new("windows.jx", text));
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    assert_eq!(checked.spec.indicators().count(), 3);
}

/// Inputs the fuzzers found that once crashed jixiao, hung it or broke an oracle
/// (`fuzz/README.md`): `spec-*` checked through the whole pipeline, `value-*` read as a value,
/// `format-*` formatted twice, `xlsx-*` read as an actuals workbook and as a table, `csv-*`
/// imported as a table, `actuals-*.csv` read as CSV actuals and evaluated against the 2021
/// rubric, every span on character boundaries inside its text.
#[test]
fn fuzz_findings_stay_fixed() {
    let root = std::path::Path::new(crate::common::ROOT);
    let rubric = std::fs::read_to_string(root.join("specs/2021/gz-cac-2021-self-eval.jx")).unwrap();
    let rubric = check_source(SourceFile::new("rubric.jx", rubric));
    let mut seen = 0;
    for entry in std::fs::read_dir(root.join("tests/fixtures/fuzz"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(entry.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if name.starts_with("spec-") {
            assert_sound(&check_source(SourceFile::new("fuzz.jx", text.as_str())));
        } else if name.starts_with("value-") {
            // A value read alone, as actuals and importers read one: read through to its end.
            let target = jixiao::syntax::parse_value(&text, 0);
            assert!(target.span.end <= text.len(), "{name}");
        } else if name.starts_with("format-") {
            // The formatter's promises: formatting twice gives what formatting once gives, and
            // the meaning does not move.
            if let Ok(once) = jixiao::format::format_source(&text) {
                let twice = jixiao::format::format_source(&once).unwrap();
                assert_eq!(once, twice, "{name}");
                assert_eq!(
                    jixiao::format::meaning(&text),
                    jixiao::format::meaning(&once),
                    "{name}"
                );
            }
        } else if name.starts_with("xlsx-") {
            // An actuals workbook and a table to import: refused for what is wrong with it,
            // before the decoder trips over it (a caught panic would say only 文件结构损坏).
            let actuals = jixiao::eval::xlsx::to_csv(&bytes).unwrap_err();
            assert!(actuals.contains("单元格引用"), "{name}: {actuals}");
            let table = jixiao::import::sheet::from_workbook(&bytes).unwrap_err();
            let message = table.message();
            assert!(message.contains("单元格引用"), "{name}: {message}");
        } else if name.starts_with("csv-") {
            // A table to import: every indicator found is written or skipped with a finding.
            let sheet = jixiao::import::sheet::from_csv(&text).unwrap();
            assert_accounted(&[sheet]);
        } else if name.starts_with("text-") {
            // A text file as `jixiao import` reads it: a text table, the list or running text.
            let columns = jixiao::import::Columns::default();
            let source = SourceFile::new("fuzz.txt", text.as_str());
            crate::common::assert_accounted(&jixiao::import::text(&source, &columns, "fuzz"));
        } else if name.starts_with("html-") {
            assert_accounted(&jixiao::import::html::from_html(&bytes).unwrap());
        } else if name.starts_with("actuals-") {
            let source = SourceFile::new("actuals.csv", text.as_str());
            let (actuals, read) = jixiao::eval::actuals::read(&source, jixiao::eval::Format::Csv);
            let evaluation =
                jixiao::eval::evaluate(&rubric.spec, &actuals, jixiao::eval::Options::default());
            for d in read.iter().chain(&evaluation.actuals_diagnostics) {
                assert!(d.span.end <= text.len(), "{name}: {:?}", d.span);
                assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            }
        }
        seen += 1;
    }
    assert!(seen >= 15);
}

/// An import of the sheets accounts for every indicator it finds.
fn assert_accounted(sheets: &[jixiao::import::Sheet]) {
    let columns = jixiao::import::Columns::default();
    crate::common::assert_accounted(&jixiao::import::sheet(sheets, &columns, "fuzz"));
}

/// A zip with a real main part and thousands of empty ones (a few bytes each in the file) is
/// refused by every reader of packages, with the count, before any reader walks the parts;
/// one part fewer than the limit is read.
#[test]
fn a_package_of_too_many_parts_is_refused_by_every_reader() {
    use std::io::Write;
    let package = |empty_parts: usize| {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(br#"<w:document xmlns:w="w"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#)
            .unwrap();
        for i in 0..empty_parts {
            zip.start_file(format!("p/{i}"), options).unwrap();
        }
        zip.finish().unwrap().into_inner()
    };
    let over = package(10_000);
    let refused = |e: String| assert!(e.contains("10001 个部件"), "{e}");
    refused(
        jixiao::import::docx::from_docx(&over)
            .unwrap_err()
            .message(),
    );
    refused(
        jixiao::import::sheet::from_workbook(&over)
            .unwrap_err()
            .message(),
    );
    refused(jixiao::report::annotate::annotate(&over, &[]).unwrap_err());
    assert_eq!(
        jixiao::import::docx::from_docx(&package(9_999))
            .unwrap()
            .len(),
        1
    );
}
