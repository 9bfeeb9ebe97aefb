//! Running text (`import::text` on text that is not a grid): indicators under category headings,
//! one cell per line, the value after the name and its explanation, several projects, a whole
//! table on one line. Each case is the shape in a few lines; the real published texts are in
//! `tests/corpus/text/` (`corpus.rs`).

use jixiao::import::{self, Columns, Imported};
use jixiao::source::SourceFile;

fn imported(text: &str) -> Imported {
    import::text(
        &SourceFile::new("文本.txt", text),
        &Columns::default(),
        "示例局",
    )
}

/// `类别 | 名称 | 指标值` per indicator, as written in the spec.
fn lines(text: &str) -> Vec<String> {
    let imported = imported(text);
    assert_eq!(
        imported.found,
        imported.skipped.plus(imported.written),
        "{text}"
    );
    imported
        .model
        .indicators()
        .map(|(_, i)| format!("{} | {} | {}", i.category.label(), i.name, i.target.text))
        .collect()
}

#[test]
fn running_text_under_headings_separated_by_semicolons() {
    let text = "产出指标：数量指标：培训人数≥500人次；完成课题2项。质量指标：合格率≥95%。\n满意度指标：群众满意度≥90%。";
    assert_eq!(
        lines(text),
        [
            "产出/数量 | 培训人数 | ≥500人次",
            "产出/数量 | 完成课题 | 2项",
            "产出/质量 | 合格率 | ≥95%",
            "满意度 | 群众满意度 | ≥90%",
        ]
    );
}

#[test]
fn one_cell_per_line_with_the_value_after_the_explanation_and_its_unit() {
    let text = "一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n培训人数\n指参加培训的人次\n≥500\n人次\n效益指标\n社会效益指标\n服务能力\n明显提升\n";
    assert_eq!(
        lines(text),
        [
            "产出/数量 | 培训人数 | ≥500人次",
            "效益/社会效益 | 服务能力 | 明显提升",
        ]
    );
    assert!(
        imported(text).spec.contains("指参加培训的人次"),
        "the explanation is kept"
    );
}

#[test]
fn a_whole_table_on_one_line_is_cut_at_its_spaces() {
    assert_eq!(
        lines("产出指标 数量指标 培训人数 ≥ 500 人次 质量指标 合格率 ≥95%"),
        [
            "产出/数量 | 培训人数 | ≥ 500 人次",
            "产出/质量 | 合格率 | ≥95%",
        ]
    );
}

#[test]
fn item_numbers_are_dropped_and_numbers_kept() {
    assert_eq!(
        lines(
            "一、产出指标\n1.培训人数≥500人次；\n（二）质量指标：①合格率100%；\n(3)补助标准1.5万元"
        ),
        [
            "产出 | 培训人数 | ≥500人次",
            "产出/质量 | 合格率 | 100%",
            "产出/质量 | 补助标准 | 1.5万元",
        ]
    );
}

#[test]
fn several_projects_each_with_their_info_and_funds_in_yuan() {
    let text = "部门名称：示例县教育局\n项目名称：教师培训\n资金总额：1,234,567.00元\n年度目标：完成全县教师轮训。\n产出指标：培训人数≥500人次。\n项目名称：校舍维修\n资金总额：800,000元\n产出指标：维修面积≥800平方米。";
    let imported = imported(text);
    let projects: Vec<String> = imported
        .model
        .projects()
        .map(|(_, p)| {
            let total = p.budget.total.as_ref().map(|t| t.value.to_string());
            format!("{} {}", p.name, total.unwrap_or_default())
        })
        .collect();
    assert_eq!(projects, ["教师培训 123.4567", "校舍维修 80.00"]);
    assert!(imported.spec.contains("以元为单位，已精确换算为万元"));
    assert!(imported.spec.contains("部门 \"示例县教育局\""));
    assert!(imported.spec.contains("目标 \"完成全县教师轮训。\""));
}

#[test]
fn a_value_right_after_its_heading_is_named_by_the_heading_and_says_so() {
    let text = "产出指标：时效指标：2023年12月底前完成。";
    assert_eq!(lines(text), ["产出/时效 | 时效指标 | 2023年12月底前完成"]);
    assert!(imported(text).spec.contains("指标名称取类别名"));
}

#[test]
fn a_sentence_that_cannot_be_split_is_kept_whole_and_says_so() {
    let text = "质量指标：设备运行良好；服务规范。";
    assert_eq!(
        lines(text),
        [
            "产出/质量 | 设备运行良好 | 设备运行良好",
            "产出/质量 | 服务规范 | 服务规范",
        ]
    );
    assert!(imported(text).spec.contains("名称与指标值写在一起、分不开"));
}

#[test]
fn a_value_without_a_name_is_reported_at_its_line() {
    let imported = imported("产出指标\n数量指标\n培训人数≥500人次\n\n≥95%\n");
    let refused: Vec<String> = imported.diagnostics.iter().map(|d| d.message()).collect();
    assert_eq!(imported.skipped.indicators, 1, "{refused:?}");
    assert!(refused.iter().any(|m| m.contains("第5行")), "{refused:?}");
}

#[test]
fn findings_point_at_the_line_of_the_name() {
    let text = "项目名称：培训\n产出指标：\n  质量指标：合格率≥95%；\n";
    let imported = imported(text);
    let places: Vec<&str> = imported.places.iter().map(|(_, p)| p.as_str()).collect();
    assert!(places.contains(&"第3行"), "{places:?}");
}

#[test]
fn text_without_category_headings_is_not_read_as_running_text() {
    let imported = imported("培训人数≥500人次\n合格率≥95%");
    assert_eq!(imported.written.indicators, 0);
}

/// `jixiao check` reads a published text when it is named, and places each finding at the line
/// of the source; a folder walk does not take text files (a README is not a table).
#[test]
fn check_reviews_a_published_text_at_its_lines() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(args)
            .current_dir(crate::common::ROOT)
            .output()
            .unwrap()
    };
    let text = "tests/corpus/text/nx-wuzhong-tongxin-sheshinongye-peixun-2025/source.txt";
    let out = run(&["check", text, "--format", "concise"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("{text}:第18行: error[JX0101 vague-target]")),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let readme =
        std::fs::read_to_string(std::path::Path::new(crate::common::ROOT).join("README.md"))
            .unwrap();
    assert!(
        readme.contains(stdout.trim()),
        "README.md must show:\n{stdout}"
    );
    let folder = run(&[
        "check",
        "tests/corpus/text/nx-wuzhong-tongxin-sheshinongye-peixun-2025",
    ]);
    let said = String::from_utf8_lossy(&folder.stderr);
    assert!(said.contains("没有找到"), "{said}");
}

/// Long running text built to make every search of the reader go far: a line of 300,000 commas,
/// of sentence ends, of glued values after one heading, of headings alone, and thousands of
/// cells one per line. Each is read through (the cuts look no further than the cell they end)
/// and everything accounted; how long they take is measured outside the tests.
#[test]
fn long_hostile_running_text_is_read_through() {
    let texts = [
        format!("产出指标：{}", "甲,".repeat(300_000)),
        format!("产出指标：{}", "甲乙1个；".repeat(2_000)),
        format!("数量指标{}", "甲乙1个".repeat(100_000)),
        "数量指标 ".repeat(10_000),
        format!("项目名称：甲\n产出指标\n{}", "乙\n≥1个\n".repeat(2_000)),
    ];
    for text in texts {
        let imported = imported(&text);
        assert_eq!(
            imported.found,
            imported.skipped.plus(imported.written),
            "{}",
            &text[..60]
        );
        assert!(
            imported
                .diagnostics
                .iter()
                .all(|d| d.message().len() < 2_000)
        );
    }
}
