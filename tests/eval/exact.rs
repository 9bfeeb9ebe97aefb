//! Exact scoring: each case that used to be scored wrong without a word (issue 12's table), and
//! the rule forms published rubrics use. Every expected score is worked out from the rule text.

use super::{actuals, dec, findings, group, item, project, run, score};
use jixiao::eval::{Evaluation, Row, Verdict};

fn one(spec_body: &str, actual: &str) -> Evaluation {
    run(&group(spec_body), &actuals(&[("甲", actual)]))
}

fn scored(spec_body: &str, actual: &str) -> String {
    let e = one(spec_body, actual);
    item(&e, "甲")
        .score
        .map_or("-".to_owned(), |s| s.normalize().to_string())
}

#[test]
fn a_fall_is_negative_and_meets_an_at_most_zero_target() {
    let e = run(
        &project("      产出.成本 三公经费变动率 <= 0%"),
        &actuals(&[("三公经费变动率", "-5%")]),
    );
    let row = item(&e, "三公经费变动率");
    assert_eq!(row.verdict, Verdict::Met);
    assert_eq!(
        row.score,
        Some(dec("50")),
        "the only 产出 indicator takes 50"
    );
}

#[test]
fn a_negative_bound_keeps_its_minus_and_its_operator() {
    let spec = jixiao::check_source(jixiao::source::SourceFile::new(
        "s.jx",
        project("      产出.成本 结余变动率 <= -30%"),
    ))
    .spec;
    let json = serde_json::to_string(&spec).unwrap();
    assert!(
        json.contains(r#""op":"<=","stated":true,"bound":{"value":"-30""#),
        "{json}"
    );
    assert_eq!(
        scored("    指标 甲 <= -30%\n    评分 2分 达标得满分", "-35%"),
        "2"
    );
    assert_eq!(
        scored("    指标 甲 <= -30%\n    评分 2分 达标得满分", "-25%"),
        "0"
    );
}

#[test]
fn a_band_marked_inclusive_holds_its_edge_and_not_the_other() {
    let rule = "    指标 甲 >= 90%\n    评分 5分 分档 >=90%得5分 80%(含)-90%得4分 低于80%不得分";
    assert_eq!(scored(rule, "85%"), "4");
    assert_eq!(scored(rule, "80%"), "4", "80% is marked 含");
    assert_eq!(scored(rule, "90%"), "5", "90% is not in 80%(含)-90%");
    assert_eq!(scored(rule, "79.99%"), "0");
    let upper = "    指标 甲 <= 10%\n    评分 3分 分档 0-10%(含)得3分 10%-20%(含)得1分 >20%不得分";
    assert_eq!(scored(upper, "10%"), "3");
    assert_eq!(
        scored(upper, "0%"),
        "0",
        "0 is left out once the other end is marked"
    );
    assert_eq!(scored(upper, "20%"), "1");
    let above = "    指标 甲 >= 90%\n    评分 2分 分档 90%以上(含)得2分 低于90%不得分";
    assert_eq!(scored(above, "90%"), "2");
    let negative =
        "    指标 甲 <= -10%\n    评分 5分 分档 <=-10%得5分 -10%(不含)-0%得3分 >0%不得分";
    assert_eq!(scored(negative, "-10%"), "5");
    assert_eq!(scored(negative, "-5%"), "3");
    assert_eq!(scored(negative, "0%"), "3");
    assert_eq!(scored(negative, "1%"), "0");
}

#[test]
fn a_grade_target_follows_its_own_rule() {
    let rule = "    等级 \"齐全性\" 齐全 不齐全\n    指标 甲 齐全\n    评分 2分 达标得满分";
    assert_eq!(scored(rule, "齐全"), "2");
    assert_eq!(scored(rule, "不齐全"), "0");
}

#[test]
fn equal_shares_add_up_to_the_category_points() {
    let body = "      产出.数量 甲 >= 1个\n      产出.数量 乙 >= 1个\n      产出.数量 丙 >= 1个";
    let e = run(
        &project(body),
        &actuals(&[("甲", "1个"), ("乙", "1个"), ("丙", "1个")]),
    );
    let weights: Vec<String> = ["甲", "乙", "丙"]
        .iter()
        .map(|n| item(&e, n).weight.to_string())
        .collect();
    assert_eq!(weights, ["16.67", "16.67", "16.66"]);
    let section = &e.sections[0];
    let Row::Group(output) = &section.rows[0] else {
        panic!("no 产出 row")
    };
    assert_eq!(output.score, dec("50"));
    assert_eq!(output.rate.to_string(), "100.00");
}

#[test]
fn an_equal_target_missed_either_way_scores_nothing() {
    let e = run(
        &project("      产出.数量 培训人数 = 24人"),
        &actuals(&[("培训人数", "30人")]),
    );
    let row = item(&e, "培训人数");
    assert!(matches!(row.verdict, Verdict::NotMet { .. }));
    assert_eq!(row.score, Some(dec("0")));
}

#[test]
fn a_step_per_percentage_point_is_a_step_of_one_percent() {
    let rule = "    指标 甲 <= 100%\n    评分 5分 达标得5分 每超1个百分点扣0.5分";
    assert_eq!(scored(rule, "103%"), "3.5");
    assert!(
        !findings(&one(rule, "103%"))
            .iter()
            .any(|f| f.starts_with("rule-not-applicable"))
    );
    let words = "    指标 甲 <= 100%\n    评分 5分 每超过一个百分点扣0.5分，扣完为止";
    assert_eq!(scored(words, "102%"), "4");
    assert_eq!(scored(words, "112%"), "0", "扣完为止");
}

#[test]
fn a_full_date_is_a_deadline_with_or_without_qian() {
    for target in ["2021年12月31日", "2021年12月完成", "2021年12月31日前"] {
        let rule = format!("    指标 甲 {target}\n    评分 2分 达标得满分");
        assert_eq!(scored(&rule, "2021年11月30日"), "2", "{target}");
        assert_eq!(scored(&rule, "2022年1月5日"), "0", "{target}");
    }
}

#[test]
fn a_declared_grade_beginning_with_wu_is_a_grade() {
    let rule = "    等级 \"结余\" 无结余 有结余\n    指标 甲 无结余\n    评分 3分 分档 无结余得3分 有结余得1分";
    assert_eq!(scored(rule, "无结余"), "3");
    assert_eq!(scored(rule, "有结余"), "1");
}

#[test]
fn a_group_without_actuals_is_missing_not_zero() {
    let spec = group(
        "    指标 甲 >= 90%\n    评分 5分 达标得满分\n    指标 乙 >= 90%\n    评分 5分 达标得满分",
    );
    let reported = "[[\"组\"]]\n\"名称\" = \"示例组\"\n\"得分\" = \"10\"\n";
    let e = run(&spec, reported);
    let found = findings(&e);
    assert!(
        !found.iter().any(|f| f.starts_with("score-mismatch")),
        "{found:#?}"
    );
    assert_eq!(
        found
            .iter()
            .filter(|f| f.starts_with("missing-actual"))
            .count(),
        2,
        "{found:#?}"
    );
}

#[test]
fn a_whole_score_beside_a_fraction_is_a_difference() {
    let spec = group("    指标 甲 >= 100篇\n    评分 5分 按比例");
    let text = "[[\"指标\"]]\n\"名称\" = \"甲\"\n\"实际\" = \"96.8篇\"\n\"得分\" = \"5\"\n";
    let found = findings(&run(&spec, text));
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("score-mismatch 「甲」的得分写作 5")),
        "{found:#?}"
    );
    // A table that scores in whole points says so.
    let whole = spec.replace("保留3位小数", "整数分");
    let found = findings(&run(&whole, text));
    assert!(
        !found.iter().any(|f| f.starts_with("score-mismatch")),
        "{found:#?}"
    );
}

#[test]
fn a_deductions_item_without_an_entry_is_missing() {
    let e = run(&group("    指标 甲 \"制度健全\"\n    评分 3分 扣分"), "");
    let row = item(&e, "甲");
    assert_eq!(row.verdict, Verdict::Missing);
    assert_eq!(row.score, None);
    assert!(findings(&e).iter().any(|f| f.starts_with("missing-actual")));
    let listed = run(
        &group("    指标 甲 \"制度健全\"\n    评分 3分 扣分"),
        "[[\"指标\"]]\n\"名称\" = \"甲\"\n",
    );
    assert_eq!(score(&listed, "甲"), dec("3"), "listed with no deduction");
}

#[test]
fn fixed_points_per_grade() {
    let scale = "    等级 \"依据\" 充分 一般 没有\n    指标 甲 充分\n";
    for rule in [
        "    评分 3分 分档 充分得3分 一般得1.5分 没有得0分",
        "    评分 3分 分档 充分 3分；一般 1.5分；没有 0分",
        "    评分 3分 分档 充分得3分，一般得1.5分，没有不得分。",
    ] {
        let spec = format!("{scale}{rule}");
        assert_eq!(scored(&spec, "充分"), "3", "{rule}");
        assert_eq!(scored(&spec, "一般"), "1.5", "{rule}");
        assert_eq!(scored(&spec, "没有"), "0", "{rule}");
    }
    let yes_no = "    等级 \"齐全性\" 齐全 不齐全\n    指标 甲 齐全\n    评分 2分 分档 齐全得2分，不齐全不得分";
    assert_eq!(scored(yes_no, "齐全"), "2");
    assert_eq!(scored(yes_no, "不齐全"), "0");
}

#[test]
fn an_undeclared_grade_in_a_band_says_to_declare_it() {
    let checked = jixiao::check_source(jixiao::source::SourceFile::new(
        "s.jx",
        group("    指标 甲 齐全\n    评分 2分 分档 齐全得2分 不齐全不得分"),
    ));
    let messages: Vec<String> = checked.diagnostics.iter().map(|d| d.message()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("评分规则中的数值或等级无法读取")),
        "{messages:#?}"
    );
}

#[test]
fn a_deduction_per_case_counts_from_none() {
    let rule = "    指标 甲 无违规\n    评分 5分 每发现一处扣1分 扣完为止";
    assert_eq!(scored(rule, "无"), "5");
    assert_eq!(scored(rule, "3处"), "2");
    assert_eq!(scored(rule, "7处"), "0");
}

#[test]
fn several_terms_draw_from_one_weight() {
    let rule = "    指标 甲 >= 10场；差错率 <= 5%\n    评分 6分 每少1场扣1分，每超1个百分点扣0.5分，扣完为止";
    assert_eq!(scored(rule, "10场；5%"), "6");
    assert_eq!(scored(rule, "8场；7%"), "3", "6 − 2 × 1 − 2 × 0.5");
    assert_eq!(scored(rule, "2场；9%"), "0");
}

#[test]
fn bonus_points_stop_at_the_cap() {
    let rule = "    指标 甲 >= 2座\n    评分 10分 每增加一座加5分，最高10分";
    assert_eq!(scored(rule, "2座"), "0", "a 加分项 starts from nothing");
    assert_eq!(scored(rule, "3座"), "5");
    assert_eq!(scored(rule, "5座"), "10", "capped");
    let on_top = "    指标 甲 >= 2座\n    评分 10分 达标得8分 每多1座加1分 最高9分";
    assert_eq!(scored(on_top, "2座"), "8");
    assert_eq!(scored(on_top, "5座"), "9");
    assert!(
        !findings(&one(on_top, "2座"))
            .iter()
            .any(|f| f.starts_with("best-score-mismatch"))
    );
}

#[test]
fn band_lints_read_marked_edges_and_the_target_direction() {
    let lint = |rule: &str| -> Vec<String> {
        findings(&one(rule, "1%"))
            .into_iter()
            .filter(|f| f.starts_with("band-problem"))
            .collect()
    };
    assert!(
        lint("    指标 甲 >= 90%\n    评分 5分 分档 >=90%得5分 80%(含)-90%得4分 低于80%不得分")
            .is_empty()
    );
    assert!(
        lint("    指标 甲 >= 90%\n    评分 5分 分档 95%-100%得5分 90%-95%得4分 小于90%不得分")
            .is_empty()
    );
    let overlap =
        lint("    指标 甲 >= 90%\n    评分 5分 分档 90%-100%得5分 80%-95%得4分 小于80%不得分");
    assert!(overlap.iter().any(|f| f.contains("重叠")), "{overlap:?}");
    let gap =
        lint("    指标 甲 >= 90%\n    评分 5分 分档 90%-100%得5分 80%-85%得4分 小于80%不得分");
    assert!(gap.iter().any(|f| f.contains("缺口")), "{gap:?}");
    let falling =
        "    指标 甲 <= 10%\n    评分 3分 分档 0-10%(含)得3分 10%-20%(含)得1分 >20%不得分";
    assert!(lint(falling).is_empty(), "{:?}", lint(falling));
}

#[test]
fn compatibility_operators_read_as_their_plain_forms() {
    for (op, actual, met) in [
        ("═", "100%", true),
        ("═", "99%", false),
        ("⩾", "100%", true),
        ("﹦", "100%", true),
    ] {
        let e = one(
            &format!("    指标 甲 {op}100%\n    评分 2分 达标得满分"),
            actual,
        );
        assert_eq!(item(&e, "甲").verdict == Verdict::Met, met, "{op} {actual}");
    }
}

#[test]
fn the_readme_shows_the_rule_forms_as_they_score() {
    let root = std::path::Path::new(crate::common::ROOT);
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
    let e = run(
        &read("tests/fixtures/eval/rule-forms.jx"),
        &read("tests/fixtures/eval/rule-forms.toml"),
    );
    let table = super::table(&e).trim_end().to_owned();
    assert!(
        read("README.md").contains(&table),
        "README.md must show:\n{table}"
    );
    assert_eq!(score(&e, "新建示范点"), dec("5"));
}

#[test]
fn a_month_end_deadline_compares_exactly() {
    let rule = "    指标 甲 12月底前\n    评分 2分 达标得满分";
    assert_eq!(scored(rule, "2023年12月31日"), "2");
    assert_eq!(scored(rule, "2023年12月20日"), "2");
    let early = "    指标 甲 2023年6月30日前\n    评分 2分 达标得满分";
    assert_eq!(
        scored(early, "2023年6月30日"),
        "2",
        "the day itself is in time"
    );
    assert_eq!(scored(early, "2023年7月1日"), "0");
}

#[test]
fn a_term_may_cap_what_it_takes() {
    let rule = "    指标 甲 无质量问题\n    评分 10分 每发现一项扣1分，最多扣6分";
    assert_eq!(scored(rule, "3项"), "7");
    assert_eq!(scored(rule, "8项"), "4", "the term takes at most 6");
    let bonus = "    指标 甲 >= 2座\n    评分 10分 达标得8分 每多1座加1分，最多加2分";
    assert_eq!(scored(bonus, "5座"), "10");
}

#[test]
fn proportional_on_a_reduction_target_is_the_share_reduced() {
    let rule = "    指标 甲 <= -30%\n    评分 10分 按比例";
    assert_eq!(scored(rule, "-15%"), "5");
    assert_eq!(scored(rule, "-45%"), "10");
    assert_eq!(
        scored(rule, "5%"),
        "0",
        "no reduction, nothing; never below 0"
    );
}

#[test]
fn a_comma_before_another_statement_separates_clauses() {
    let rule = "    指标 甲 建成面积完成 >= 100%；质量问题 无\n    评分 15分 每减少1%扣1分 每发现一项扣1分，最多扣6分";
    assert_eq!(scored(rule, "建成面积完成97%，质量问题2项"), "10");
    assert_eq!(scored(rule, "建成面积完成100%，质量问题8项"), "9");
    // One value for two clauses about different things is not silently reused.
    let e = one(rule, "97%");
    assert!(matches!(
        item(&e, "甲").verdict,
        Verdict::Unmeasurable { .. }
    ));
}

#[test]
fn nothing_found_is_a_zero_event() {
    let rule = "    指标 甲 无违规违纪行为\n    评分 10分 达标得满分";
    assert_eq!(scored(rule, "未发现违规违纪"), "10");
    assert_eq!(scored(rule, "发现1起违规"), "0");
}

#[test]
fn bands_at_one_lower_end_sort_closed_first_and_two_sided_targets_may_fall() {
    let lint = |rule: &str| -> Vec<String> {
        findings(&one(rule, "1%"))
            .into_iter()
            .filter(|f| f.starts_with("band-problem") || f.starts_with("rule-not-applicable"))
            .collect()
    };
    let open = "    指标 甲 >= 0%\n    评分 5分 分档 0%得0分 0%(不含)-50%得3分 >50%得5分";
    assert!(lint(open).is_empty(), "{:?}", lint(open));
    let two_sided =
        "    指标 甲 = 0%\n    评分 2分 分档 -10%(含)-10%(含)得2分 -20%(含)-20%(含)得1分";
    assert!(lint(two_sided).is_empty(), "{:?}", lint(two_sided));
}

#[test]
fn a_gate_zeroes_the_item_when_its_clause_is_not_met() {
    let rule = "    指标 甲 分类准确率 >= 90%；当月分类率 >= 95%\n    评分 5分 按比例 当月分类率未达要求该项不得分";
    assert_eq!(scored(rule, "分类准确率 81%；当月分类率 96%"), "4.5");
    assert_eq!(scored(rule, "分类准确率 99%；当月分类率 90%"), "0");
    let stray = "    指标 甲 >= 90%\n    评分 5分 达标得满分，管护效果未达标不得分";
    assert!(
        findings(&one(stray, "95%"))
            .iter()
            .any(|f| f.starts_with("rule-not-applicable"))
    );
}

#[test]
fn a_stated_figure_that_is_no_number_is_said_not_read_without_its_commas() {
    // `9,5` is no number the value grammar reads: it was read as 95 (commas dropped), so a
    // reported score of 9.5 written with a decimal comma passed as 95 without a word.
    let spec = group("    指标 甲 >= 90%\n    评分 10分 达标得满分");
    let text = "[[\"指标\"]]\n\"名称\" = \"甲\"\n\"实际\" = \"95%\"\n\"得分\" = \"9,5\"\n\"得分率\" = \"9,5%\"\n";
    let said = findings(&run(&spec, text));
    assert!(
        said.iter()
            .any(|f| f == "unreadable-actual 「甲」的得分「9,5」无法读取"),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|f| f.starts_with("unreadable-actual 「甲」的得分率「9,5%」无法读取")),
        "{said:?}"
    );
    assert_eq!(
        jixiao::eval::formula::evaluate("1,2345 + 1"),
        Err("无法读取的数「1,2345」".to_owned())
    );
}
