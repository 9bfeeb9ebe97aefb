//! Verdicts and the default rules of 财预〔2020〕10号, on their edges.

use jixiao::eval::{self, Verdict};
use jixiao::model::scoring::Reverse;

use super::{actuals, dec, findings, item, project, run, run_as, score};

fn one(target: &str, weight: &str, actual: &str) -> jixiao::eval::Evaluation {
    let spec = project(&format!(
        "      产出 指标甲 {target}\n      评分 {weight}分"
    ));
    run(&spec, &actuals(&[("指标甲", actual)]))
}

#[test]
fn exactly_on_the_target() {
    assert_eq!(
        item(&one(">= 50个", "8", "50个"), "指标甲").verdict,
        Verdict::Met
    );
    // `>` excludes its bound: 95% is not more than 95%.
    let strict = one("大于95%", "10", "95%");
    assert!(matches!(
        item(&strict, "指标甲").verdict,
        Verdict::NotMet { .. }
    ));
    assert_eq!(
        score(&strict, "指标甲"),
        dec("10"),
        "proportional at a/t = 1 is the full weight"
    );
    assert_eq!(
        item(&one("<= 3秒", "5", "3秒"), "指标甲").verdict,
        Verdict::Met
    );
    assert_eq!(
        item(&one("15-20家", "5", "15家"), "指标甲").verdict,
        Verdict::Met
    );
    assert_eq!(
        item(&one("15-20家", "5", "20家"), "指标甲").verdict,
        Verdict::Met
    );
}

#[test]
fn shortfall_in_the_targets_unit() {
    let e = one(">= 50个", "8", "45个");
    assert_eq!(
        item(&e, "指标甲").verdict,
        Verdict::NotMet {
            gap: Some("差 5 个".to_owned())
        }
    );
    assert_eq!(
        score(&e, "指标甲"),
        dec("7.20"),
        "domain.md §7.2: 8 × 45/50"
    );
    let over = one("<= 2小时", "5", "3小时");
    assert_eq!(
        item(&over, "指标甲").verdict,
        Verdict::NotMet {
            gap: Some("超出 1 小时".to_owned())
        }
    );
}

#[test]
fn units_convert_exactly() {
    assert_eq!(
        item(&one(">= 5万户", "5", "5.4万户"), "指标甲").verdict,
        Verdict::Met
    );
    assert_eq!(
        item(&one(">= 5万户", "5", "54,000户"), "指标甲").verdict,
        Verdict::Met
    );
    assert_eq!(
        item(&one("<= 2小时", "5", "90分钟"), "指标甲").verdict,
        Verdict::Met
    );
    assert_eq!(
        item(&one("1-24小时", "5", "90分钟"), "指标甲").verdict,
        Verdict::Met
    );
    let short = one(">= 5万户", "5", "4.9万户");
    assert_eq!(
        item(&short, "指标甲").verdict,
        Verdict::NotMet {
            gap: Some("差 1,000 户".to_owned())
        }
    );
    let apples = one(">= 3个", "5", "3平方米");
    assert!(matches!(
        &item(&apples, "指标甲").verdict,
        Verdict::Unmeasurable { reason } if reason.contains("无法换算")
    ));
}

#[test]
fn zero_events_are_all_or_nothing() {
    assert_eq!(score(&one("0次", "5", "0次"), "指标甲"), dec("5"));
    assert_eq!(score(&one("0次", "5", "无"), "指标甲"), dec("5"));
    assert_eq!(score(&one("0次", "5", "1次"), "指标甲"), dec("0"));
    assert_eq!(
        score(&one("无发生重大安全生产事故", "5", "2次"), "指标甲"),
        dec("0")
    );
}

#[test]
fn conjunctions_need_every_clause() {
    let target = "全网大于等于99.9%且单站大于等于96%";
    assert_eq!(
        item(&one(target, "10", "全网99.95%且单站96%"), "指标甲").verdict,
        Verdict::Met
    );
    let e = one(target, "10", "全网99.95%且单站95.8%");
    assert_eq!(
        item(&e, "指标甲").verdict,
        Verdict::NotMet {
            gap: Some("差 0.2%".to_owned())
        }
    );
    // The weakest clause decides: 10 × 95.8 / 96.
    assert_eq!(score(&e, "指标甲"), dec("9.98"));
}

#[test]
fn reverse_variants_of_domain_7_2() {
    let spec = project("      产出 采购成本 <= 90万元\n      评分 8分");
    let acts = actuals(&[("采购成本", "99万元")]);
    let a = run_as(
        &spec,
        &acts,
        eval::Format::Toml,
        eval::Options {
            reverse: Some(Reverse::A),
        },
    );
    let b = run_as(
        &spec,
        &acts,
        eval::Format::Toml,
        eval::Options {
            reverse: Some(Reverse::B),
        },
    );
    assert_eq!(score(&a, "采购成本"), dec("7.20"), "甲: 8 × (1 − 9/90)");
    assert_eq!(score(&b, "采购成本"), dec("7.27"), "乙: 8 × 90/99");
    let twice = run(&spec, &actuals(&[("采购成本", "180万元")]));
    assert_eq!(score(&twice, "采购成本"), dec("0"), "甲 gives 0 from 2t");
    let with_setting = "部门 \"示例部门\" 2023 {\n  计分 反向乙\n  预算单位 \"示例单位\" {\n    项目 \"示例项目\" {\n      产出 采购成本 <= 90万元\n      评分 8分\n    }\n  }\n}\n";
    assert_eq!(
        score(&run(with_setting, &acts), "采购成本"),
        dec("7.27"),
        "the spec's 计分 chooses 乙"
    );
}

#[test]
fn qualitative_bands_check_the_evaluators_score() {
    let spec = project("      效益 社会影响 \"形成联动机制\"\n      评分 10分");
    let in_band = "[[\"指标\"]]\n\"名称\" = \"社会影响\"\n\"实际\" = \"部分达成年度指标\"\n\"得分\" = \"6\"\n";
    assert_eq!(score(&run(&spec, in_band), "社会影响"), dec("6"));
    let at_edge = in_band.replace("\"6\"", "\"8\"");
    let e = run(&spec, &at_edge);
    assert_eq!(
        score(&e, "社会影响"),
        dec("7"),
        "80% belongs to 达成, so 部分达成 falls back to 70%"
    );
    assert_eq!(
        findings(&e),
        ["score-outside-band 「社会影响」部分达成年度指标，得分应在 6 与 8 分 之间，报告写 8"]
    );
    let none = "[[\"指标\"]]\n\"名称\" = \"社会影响\"\n\"实际\" = \"达成年度指标\"\n";
    assert_eq!(
        score(&run(&spec, none), "社会影响"),
        dec("9"),
        "no score given: the midpoint"
    );
}

#[test]
fn relative_targets_need_their_baseline() {
    let spec = project("      效益 阅读量 较2022年增加5%\n      评分 10分");
    let missing = run(&spec, &actuals(&[("阅读量", "1100万次")]));
    assert!(matches!(
        &item(&missing, "阅读量").verdict,
        Verdict::Unmeasurable { reason } if reason.contains("缺少基期「2022年」")
    ));
    let with =
        "[[\"指标\"]]\n\"名称\" = \"阅读量\"\n\"实际\" = \"1100万次\"\n\"基期\" = \"1000万次\"\n";
    assert_eq!(item(&run(&spec, with), "阅读量").verdict, Verdict::Met);
    let short = with.replace("1100万次", "1040万次");
    assert!(matches!(
        item(&run(&spec, &short), "阅读量").verdict,
        Verdict::NotMet { .. }
    ));
}

#[test]
fn missing_and_unmeasurable() {
    let spec = project("      产出 指标甲 >= 3个\n      产出 指标乙 提升\n      评分 5分");
    let e = run(&spec, &actuals(&[("指标乙", "提升了")]));
    assert_eq!(item(&e, "指标甲").verdict, Verdict::Missing);
    assert!(matches!(
        item(&e, "指标乙").verdict,
        Verdict::Unmeasurable { .. }
    ));
    assert_eq!(item(&e, "指标乙").score, None);
    assert!(!e.all_met());
}

#[test]
fn default_split_and_execution_score() {
    let spec = project(
        "      产出 指标甲 >= 10个\n      产出 指标乙 >= 10个\n      产出 指标丙 >= 10个\n      效益 指标丁 >= 90%\n      满意度 指标戊 >= 90%",
    );
    let text = format!(
        "{}[[\"项目\"]]\n\"名称\" = \"示例项目\"\n\"全年预算数\" = \"125.00\"\n\"全年执行数\" = \"118.60\"\n\"执行率\" = \"94.88%\"\n",
        actuals(&[
            ("指标甲", "10个"),
            ("指标乙", "10个"),
            ("指标丙", "5个"),
            ("指标丁", "90%"),
            ("指标戊", "95%")
        ])
    );
    let e = run(&spec, &text);
    let section = &e.sections[0];
    // 50 / 3 each, the last taking the remainder; 丙 scores half of its share.
    assert_eq!(score(&e, "指标丙"), dec("8.33"));
    let execution = section.execution.as_ref().unwrap();
    assert_eq!(execution.score, dec("9.49"), "10 × 118.60 / 125.00 = 9.488");
    assert_eq!(section.weight, dec("100"));
    // The total adds the rounded item scores, as the form lists them: 16.67 + 16.67 + 8.33 + 30
    // + 10 + 9.49.
    assert_eq!(section.score, dec("91.16"));
    assert_eq!(section.grade, "优");
    assert!(findings(&e).is_empty(), "{:?}", findings(&e));
}

#[test]
fn grade_bands_on_their_edges() {
    let settings = jixiao::model::scoring::Settings::default();
    let hundred = dec("100");
    for (score, grade) in [
        ("90", "优"),
        ("89.99", "良"),
        ("80", "良"),
        ("79.99", "中"),
        ("60", "中"),
        ("59.99", "差"),
    ] {
        assert_eq!(
            eval::grade(&settings, dec(score), hundred),
            grade,
            "{score}"
        );
    }
    let provincial = jixiao::model::scoring::Settings {
        grades: vec![
            ("优".into(), dec("80")),
            ("良".into(), dec("70")),
            ("中".into(), dec("60")),
        ],
        ..Default::default()
    };
    assert_eq!(eval::grade(&provincial, dec("80"), hundred), "优");
    assert_eq!(eval::grade(&provincial, dec("79.99"), hundred), "良");
}

#[test]
fn the_spec_may_reweigh_a_project() {
    let spec = "部门 \"示例部门\" 2023 {\n  计分 产出60 效益20 满意度10 预算执行率10 优85\n  预算单位 \"示例单位\" {\n    项目 \"示例项目\" {\n      产出 甲 >= 10个\n      效益 乙 >= 90%\n      满意度 丙 >= 90%\n    }\n  }\n}\n";
    let text = format!(
        "{}[[\"项目\"]]\n\"名称\" = \"示例项目\"\n\"全年预算数\" = \"100\"\n\"全年执行数\" = \"80\"\n",
        actuals(&[("甲", "5个"), ("乙", "90%"), ("丙", "90%")])
    );
    let e = run(spec, &text);
    assert_eq!(score(&e, "甲"), dec("30"), "60 × 5/10");
    assert_eq!(e.sections[0].execution.as_ref().unwrap().score, dec("8"));
    assert_eq!(e.sections[0].score, dec("68"));
    assert_eq!(
        e.sections[0].grade, "差",
        "only 优 ≥ 85 is declared; below it is 差"
    );
}

#[test]
fn deadlines_compare_dates() {
    let spec = project("      产出.时效 完成时间 2023年12月31日前\n      评分 10分");
    assert_eq!(
        item(
            &run(&spec, &actuals(&[("完成时间", "2023年11月30日")])),
            "完成时间"
        )
        .verdict,
        Verdict::Met
    );
    assert_eq!(
        item(
            &run(&spec, &actuals(&[("完成时间", "2023年12月31日")])),
            "完成时间"
        )
        .verdict,
        Verdict::Met
    );
    let late = run(&spec, &actuals(&[("完成时间", "2024年1月5日")]));
    assert_eq!(
        item(&late, "完成时间").verdict,
        Verdict::NotMet {
            gap: Some("晚于期限".to_owned())
        }
    );
    assert_eq!(score(&late, "完成时间"), dec("0"));
}
