//! What must be explained: 偏差原因 and its category on red and yellow rows (red only as a
//! setting), 全年预计 where required, deviations above the threshold, contradictions between
//! 完成目标可能性, 全年预计 and the light, and the new actuals keys read with spans.

use jixiao::config::ReasonRequired;
use jixiao::eval::monitor::{AsOf, Rules};
use jixiao::eval::{self};
use rust_decimal::Decimal;

use super::{codes, entry, findings, project, row, run, run_as, run_with};

const BOOKS: &str = "      产出.数量 宣传册 >= 1200册";

fn june() -> AsOf {
    AsOf::end_of(Some(2023), 6).unwrap()
}

#[test]
fn a_red_row_without_a_reason_is_reported_on_its_actual() {
    let actuals = entry("宣传册", "100册", &[]);
    let m = run(&project(BOOKS), &actuals, 6);
    assert_eq!(
        findings(&m),
        ["missing-deviation-reason 「宣传册」亮红灯（按序时进度），没有填写偏差原因"]
    );
    let d = &m.actuals_diagnostics[0];
    assert_eq!(&actuals[d.span.start..d.span.end], "100册");
}

#[test]
fn a_reason_needs_its_category() {
    let m = run(
        &project(BOOKS),
        &entry("宣传册", "100册", &[("偏差原因", "印刷招标延后")]),
        6,
    );
    assert_eq!(
        findings(&m),
        ["missing-deviation-reason 「宣传册」亮红灯（按序时进度），偏差原因没有写偏差类别"]
    );
    let explained = entry(
        "宣传册",
        "100册",
        &[
            ("偏差原因", "印刷招标延后"),
            ("偏差类别", "经费保障"),
            ("整改措施", "三季度集中印制"),
        ],
    );
    let m = run(&project(BOOKS), &explained, 6);
    assert!(findings(&m).is_empty(), "{:?}", findings(&m));
    let r = row(&m, "宣传册");
    assert_eq!(r.reason_category.as_deref(), Some("经费"));
    assert_eq!(r.measures.as_deref(), Some("三季度集中印制"));
}

#[test]
fn a_category_outside_the_five_is_unreadable() {
    let m = run(
        &project(BOOKS),
        &entry(
            "宣传册",
            "100册",
            &[("偏差原因", "x"), ("偏差类别", "天气")],
        ),
        6,
    );
    assert_eq!(codes(&m), ["unreadable-actual"]);
}

#[test]
fn yellow_needs_a_reason_by_default_and_not_where_only_red_does() {
    let spec = project(BOOKS);
    let actuals = entry("宣传册", "400册", &[]);
    assert_eq!(
        codes(&run(&spec, &actuals, 6)),
        ["missing-deviation-reason"]
    );
    let ningxia = Rules {
        reason_required: ReasonRequired::Red,
        province: Some("宁夏".to_owned()),
        ..Rules::default()
    };
    let m = run_with(&spec, &actuals, june(), ningxia.clone());
    assert!(codes(&m).is_empty());
    assert!(m.rule_text.contains("红灯须填偏差原因"));
    let red = entry("宣传册", "100册", &[]);
    assert_eq!(
        codes(&run_with(&spec, &red, june(), ningxia)),
        ["missing-deviation-reason"]
    );
    // Green and blue need none.
    assert!(codes(&run(&spec, &entry("宣传册", "900册", &[]), 6)).is_empty());
}

#[test]
fn a_forecast_is_required_where_the_province_says_so() {
    let tianjin = Rules {
        forecast_required: true,
        ..Rules::default()
    };
    let spec = project(BOOKS);
    let reasoned = [("偏差原因", "x"), ("偏差类别", "人员")];
    let m = run_with(
        &spec,
        &entry("宣传册", "100册", &reasoned),
        june(),
        tianjin.clone(),
    );
    assert_eq!(
        findings(&m),
        ["missing-deviation-reason 「宣传册」亮红灯（按序时进度），没有填写全年预计完成情况"]
    );
    let with_forecast = [reasoned[0], reasoned[1], ("全年预计", "1200册")];
    let m = run_with(
        &spec,
        &entry("宣传册", "100册", &with_forecast),
        june(),
        tianjin,
    );
    assert!(codes(&m).is_empty());
}

#[test]
fn a_deviation_above_the_threshold_needs_an_explanation_even_when_blue() {
    let hebei = Rules {
        deviation_threshold: Some(Decimal::from(50)),
        ..Rules::default()
    };
    let spec = project(BOOKS);
    // 1900 of 1200: deviation 58.33% > 50%, blue.
    let m = run_with(
        &spec,
        &entry("宣传册", "1900册", &[]),
        june(),
        hebei.clone(),
    );
    assert_eq!(
        findings(&m),
        [
            "unexplained-deviation 「宣传册」实际 1900册，偏差度 58.33%，超过 50%，需要填写偏差分析和说明"
        ]
    );
    // At the threshold, or explained, or without a threshold: nothing.
    assert!(
        codes(&run_with(
            &spec,
            &entry("宣传册", "1800册", &[]),
            june(),
            hebei.clone()
        ))
        .is_empty()
    );
    let noted = entry("宣传册", "1900册", &[("说明", "提前完成全年印制")]);
    assert!(codes(&run_with(&spec, &noted, june(), hebei)).is_empty());
    assert!(codes(&run(&spec, &entry("宣传册", "1900册", &[]), 6)).is_empty());
}

#[test]
fn a_red_row_certain_to_finish_with_a_forecast_below_the_target_contradicts_itself() {
    let spec = project(BOOKS);
    let base = [("偏差原因", "x"), ("偏差类别", "其他")];
    let with = |extra: &[(&str, &str)]| {
        let mut all = base.to_vec();
        all.extend_from_slice(extra);
        findings(&run(&spec, &entry("宣传册", "100册", &all), 6))
    };
    assert_eq!(
        with(&[("完成目标可能性", "确定能"), ("全年预计", "1000册")]),
        [
            "contradictory-forecast 「宣传册」亮红灯，完成目标可能性填“确定能”，全年预计 1000册 却达不到目标 >= 1200册"
        ]
    );
    assert!(with(&[("完成目标可能性", "确定能"), ("全年预计", "1200册")]).is_empty());
    assert!(with(&[("完成目标可能性", "有可能"), ("全年预计", "1000册")]).is_empty());
    assert_eq!(
        with(&[("完成目标可能性", "确定能")]),
        [
            "contradictory-forecast 「宣传册」亮红灯，完成目标可能性却填“确定能”，没有全年预计完成情况支撑"
        ]
    );
    assert_eq!(
        with(&[("完成目标可能性", "完全不可能"), ("全年预计", "1300册")]),
        [
            "contradictory-forecast 「宣传册」完成目标可能性填“完全不可能”，全年预计 1300册 却能达到目标 >= 1200册"
        ]
    );
    assert_eq!(
        codes(&run(
            &spec,
            &entry(
                "宣传册",
                "100册",
                &[base[0], base[1], ("完成目标可能性", "说不好")]
            ),
            6
        )),
        ["unreadable-actual"]
    );
}

#[test]
fn a_green_row_impossible_to_finish_contradicts_its_light() {
    let m = run(
        &project(BOOKS),
        &entry("宣传册", "600册", &[("完成目标可能性", "完全不可能")]),
        6,
    );
    assert_eq!(
        findings(&m),
        ["contradictory-forecast 「宣传册」亮绿灯，完成目标可能性却填“完全不可能”"]
    );
}

#[test]
fn unknown_keys_duplicates_and_unreadable_values_stay_findings_with_spans() {
    let spec = project(BOOKS);
    let unknown =
        "[[\"指标\"]]\n\"名称\" = \"宣传册\"\n\"实际\" = \"600册\"\n\"偏差原由\" = \"x\"\n";
    let m = run(&spec, unknown, 6);
    assert_eq!(codes(&m), ["unreadable-actual"]);
    let d = &m.actuals_diagnostics[0];
    assert!(
        unknown[d.span.start..].starts_with("\"偏差原由\""),
        "{:?}",
        d.span
    );
    let twice = entry("宣传册", "600册", &[]) + &entry("宣传册", "610册", &[]);
    assert!(codes(&run(&spec, &twice, 6)).contains(&"duplicate-actual"));
    let unreadable = entry("宣传册", "很多", &[]);
    let m = run(&spec, &unreadable, 6);
    assert_eq!(codes(&m), ["unreadable-actual"]);
    let d = &m.actuals_diagnostics[0];
    assert_eq!(&unreadable[d.span.start..d.span.end], "很多");
}

#[test]
fn the_explanation_keys_in_csv_and_json() {
    let spec = project(BOOKS);
    let csv = "名称,实际,偏差原因,偏差类别,完成目标可能性,全年预计,整改措施\n宣传册,100册,招标延后,制度,有可能,1100册,加快印制\n";
    let m = run_as(&spec, csv, eval::Format::Csv, june(), Rules::default());
    assert!(codes(&m).is_empty(), "{:?}", findings(&m));
    let r = row(&m, "宣传册");
    assert_eq!(
        (
            r.reason_category.as_deref(),
            r.likelihood.as_deref(),
            r.forecast.as_deref()
        ),
        (Some("制度"), Some("有可能"), Some("1100册"))
    );
    let json = r#"{"指标": [{"名称": "宣传册", "实际": "100册", "偏差原因": "招标延后", "偏差类别": "其他", "完成目标可能性": "确定能", "全年预计": "900册"}]}"#;
    let m = run_as(&spec, json, eval::Format::Json, june(), Rules::default());
    assert_eq!(codes(&m), ["contradictory-forecast"]);
    let d = &m.actuals_diagnostics[0];
    assert_eq!(&json[d.span.start..d.span.end], "确定能");
}

#[test]
fn an_adjusted_down_target_is_flagged_and_both_are_shown() {
    let spec = project(
        "      产出.数量 宣传册 >= 1200册\n      年初 >= 2000册\n      评分 10分\n      产出.质量 合格率 >= 98%\n      年初 >= 95%\n      效益 投诉件数 <= 8件\n      年初 <= 5件",
    );
    let actuals = entry("宣传册", "600册", &[])
        + &entry("合格率", "99%", &[])
        + &entry("投诉件数", "2件", &[]);
    let m = run(&spec, &actuals, 6);
    assert_eq!(
        findings(&m),
        [
            "target-adjusted-down 「宣传册」的目标由年初的 >= 2000册 调整为 >= 1200册，比年初目标低",
            "target-adjusted-down 「投诉件数」的目标由年初的 <= 5件 调整为 <= 8件，比年初目标低",
        ]
    );
    let r = row(&m, "宣传册");
    assert_eq!(r.initial.as_deref(), Some(">= 2000册"));
    assert_eq!(r.target, ">= 1200册");
    // The standard follows the adjusted target.
    assert_eq!(r.standard.as_deref(), Some("600 册"));
    // Raised: no finding, both shown.
    assert_eq!(row(&m, "合格率").initial.as_deref(), Some(">= 95%"));
    let d = &m.spec_diagnostics[0];
    assert_eq!(&spec[d.span.start..d.span.end], ">= 1200册");
    assert_eq!(
        &spec[d.labels[0].span.start..d.labels[0].span.end],
        ">= 2000册"
    );
}

#[test]
fn a_start_of_year_line_belongs_to_an_indicator() {
    let orphan = jixiao::check_source(jixiao::source::SourceFile::new(
        "s.jx",
        project("      年初 >= 5件\n      效益 投诉件数 <= 8件"),
    ));
    let messages: Vec<String> = orphan.diagnostics.iter().map(|d| d.message()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("年初目标行之前没有指标行")),
        "{messages:?}"
    );
    let twice = jixiao::check_source(jixiao::source::SourceFile::new(
        "s.jx",
        project("      效益 投诉件数 <= 8件\n      年初 <= 5件\n      年初 <= 6件"),
    ));
    assert!(
        twice
            .diagnostics
            .iter()
            .any(|d| d.message().contains("重复的年初目标")),
        "{:?}",
        twice.diagnostics
    );
    // The formatter keeps the line and the model has it.
    let text = project("      效益 投诉件数 <= 8件\n      年初 <= 5件");
    let formatted = jixiao::format::format_source(&text);
    assert!(
        format!("{formatted:?}").contains("年初 <= 5件"),
        "{formatted:?}"
    );
    let spec = jixiao::check_source(jixiao::source::SourceFile::new("s.jx", text)).spec;
    let json = serde_json::to_string(&spec).unwrap();
    assert!(json.contains("\"initial\":{\"text\":\"<= 5件\""), "{json}");
}
