//! Every light at and around its edges (exactly 60%, 80%, 120%), months 1 and 12, and each kind
//! of row: reverse, quality, time, cost, levels, zero events, qualitative, deadlines, rates,
//! ranges; the execution light and the project's light.

use jixiao::config::Levels;
use jixiao::eval::monitor::{AsOf, Basis, Light, Rules};
use rust_decimal::Decimal;

use super::{entry, light_of, only_project, project, row, run, run_with};

const BOOKS: &str = "      产出.数量 宣传册 >= 1200册";

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn a_quantity_at_and_around_each_edge_in_june() {
    // Standard to date: 1200 × 6 / 12 = 600 册.
    for (actual, light) in [
        ("359册", Light::Red),
        ("359.99册", Light::Red),
        ("360册", Light::Yellow), // exactly 60%: the lower edge is inclusive
        ("360.01册", Light::Yellow),
        ("479.99册", Light::Yellow),
        ("480册", Light::Green), // exactly 80%
        ("719.99册", Light::Green),
        ("720册", Light::Blue), // exactly 120%
        ("721册", Light::Blue),
        ("0册", Light::Red),
    ] {
        assert_eq!(light_of(BOOKS, actual, 6), light, "{actual}");
    }
}

#[test]
fn the_standard_ratio_and_deviation_of_a_quantity() {
    let m = run(&project(BOOKS), &entry("宣传册", "0.036万册", &[]), 6);
    let r = row(&m, "宣传册");
    assert_eq!(r.basis, Some(Basis::ProRated));
    assert_eq!(r.standard.as_deref(), Some("600 册"));
    assert_eq!(r.ratio, Some(dec("60")));
    // (360 − 1200) / 1200 against the full-year target.
    assert_eq!(r.deviation, Some(dec("-70")));
    assert_eq!(r.light, Light::Yellow);
}

#[test]
fn month_one_and_month_twelve() {
    // January: 1200 × 1/12 = 100.
    for (actual, light) in [
        ("59册", Light::Red),
        ("60册", Light::Yellow),
        ("80册", Light::Green),
        ("119册", Light::Green),
        ("120册", Light::Blue),
    ] {
        assert_eq!(light_of(BOOKS, actual, 1), light, "January {actual}");
    }
    // December: the full target.
    for (actual, light) in [
        ("719册", Light::Red),
        ("720册", Light::Yellow),
        ("959册", Light::Yellow),
        ("960册", Light::Green),
        ("1200册", Light::Green),
        ("1439册", Light::Green),
        ("1440册", Light::Blue),
    ] {
        assert_eq!(light_of(BOOKS, actual, 12), light, "December {actual}");
    }
}

#[test]
fn an_as_of_date_inside_a_month_pro_rates_by_its_days() {
    // 2023-06-15: N = 5 + 15/30 = 5.5; standard 1200 × 5.5 / 12 = 550.
    let as_of = AsOf::parse("2023-06-15").unwrap();
    assert_eq!(as_of.months(), dec("5.5"));
    let m = run_with(
        &project(BOOKS),
        &entry("宣传册", "440册", &[]),
        as_of,
        Rules::default(),
    );
    assert_eq!(row(&m, "宣传册").standard.as_deref(), Some("550 册"));
    assert_eq!(row(&m, "宣传册").light, Light::Green);
    assert!(AsOf::parse("2023-02-29").is_err());
    assert!(AsOf::parse("2024-02-29").is_ok());
}

#[test]
fn a_target_without_an_operator_is_positive_like_the_provincial_rule() {
    // `3万册` (=): pro-rated like ≥.
    assert_eq!(
        light_of("      产出 宣传册 3万册", "1.4万册", 6),
        Light::Green
    );
    assert_eq!(
        light_of("      产出 宣传册 3万册", "0.8万册", 6),
        Light::Red
    );
}

#[test]
fn reverse_targets_are_inside_or_outside() {
    let line = "      效益 投诉件数 <= 5件";
    assert_eq!(light_of(line, "0件", 6), Light::Green);
    assert_eq!(light_of(line, "5件", 6), Light::Green);
    assert_eq!(light_of(line, "6件", 6), Light::Red);
    let strict = "      效益 投诉件数 < 5件";
    assert_eq!(light_of(strict, "4件", 1), Light::Green);
    assert_eq!(light_of(strict, "5件", 1), Light::Red);
    let m = run(&project(line), &entry("投诉件数", "6件", &[]), 6);
    assert_eq!(row(&m, "投诉件数").basis, Some(Basis::Bound));
    // Not pro-rated: the bound stands all year.
    assert_eq!(row(&m, "投诉件数").standard.as_deref(), Some("≤ 5 件"));
}

#[test]
fn quality_time_and_cost_rows_are_inside_or_outside_whichever_way_they_point() {
    let quality = "      产出.质量 验收合格率 >= 95%";
    assert_eq!(light_of(quality, "95%", 6), Light::Green);
    assert_eq!(light_of(quality, "94.9%", 6), Light::Red);
    assert_eq!(light_of(quality, "100%", 1), Light::Green);
    let time = "      产出.时效 按期完成率 >= 100%";
    assert_eq!(light_of(time, "100%", 6), Light::Green);
    assert_eq!(light_of(time, "90%", 6), Light::Red);
    let cost = "      产出.成本 项目总成本 <= 90万元";
    assert_eq!(light_of(cost, "45万元", 6), Light::Green);
    assert_eq!(light_of(cost, "91万元", 6), Light::Red);
    // A ≥ cost row (a savings rate) is a bound too, not pro-rated.
    let saving = "      成本.经济成本 政府采购节支率 >= 5%";
    assert_eq!(light_of(saving, "5%", 6), Light::Green);
    assert_eq!(light_of(saving, "4%", 6), Light::Red);
}

#[test]
fn levels_compare_with_the_full_target_by_default() {
    let line = "      满意度 群众满意度 >= 90%";
    let m = run(&project(line), &entry("群众满意度", "72%", &[]), 6);
    let r = row(&m, "群众满意度");
    assert_eq!(r.basis, Some(Basis::Level));
    assert_eq!(r.standard.as_deref(), Some("90%"));
    assert_eq!(r.ratio, Some(dec("80")));
    assert_eq!(r.light, Light::Green);
    assert_eq!(light_of(line, "71.9%", 6), Light::Yellow);
    assert_eq!(light_of(line, "53.9%", 6), Light::Red);
    assert!(m.rule_text.contains("水平类指标与全年目标比较"));
}

#[test]
fn levels_pro_rated_by_the_literal_rule_as_a_setting_that_the_output_names() {
    let line = "      满意度 群众满意度 >= 90%";
    let rules = Rules {
        levels: Levels::ProRated,
        province: Some("山西".to_owned()),
        ..Rules::default()
    };
    let june = AsOf::end_of(Some(2023), 6).unwrap();
    let m = run_with(
        &project(line),
        &entry("群众满意度", "30%", &[]),
        june,
        rules,
    );
    let r = row(&m, "群众满意度");
    assert_eq!(r.basis, Some(Basis::LevelProRated));
    assert_eq!(r.standard.as_deref(), Some("45%"));
    assert_eq!(r.light, Light::Yellow);
    assert!(m.rule_text.starts_with("山西规则："), "{}", m.rule_text);
    assert!(m.rule_text.contains("省级字面规则"));
}

#[test]
fn zero_events_are_green_only_at_zero() {
    let line = "      效益 安全事故 无";
    assert_eq!(light_of(line, "无", 6), Light::Green);
    assert_eq!(light_of(line, "0起", 6), Light::Green);
    assert_eq!(light_of(line, "1起", 6), Light::Red);
    let m = run(&project(line), &entry("安全事故", "1起", &[]), 6);
    assert_eq!(row(&m, "安全事故").basis, Some(Basis::Zero));
}

#[test]
fn qualitative_rows_by_degree() {
    let line = "      效益 社会舆论效应 正面效应";
    assert_eq!(light_of(line, "达到预期目标", 6), Light::Green);
    assert_eq!(
        light_of(line, "部分达到预期目标，并且具备一定效果", 6),
        Light::Yellow
    );
    assert_eq!(light_of(line, "未达到预期目标", 6), Light::Red);
    // Without a degree there is nothing to light.
    assert_eq!(light_of(line, "正面", 6), Light::None);
}

#[test]
fn deadlines_not_yet_due_are_none_not_red() {
    let line = "      产出.时效 平台上线时间 2023年12月31日前";
    let spec = project(line);
    let june = run(&spec, "", 6);
    // No entry at all: the project is not monitored.
    assert!(june.projects.is_empty());
    let m = run(&spec, &entry("平台上线时间", "未完成", &[]), 6);
    let r = row(&m, "平台上线时间");
    assert_eq!(r.light, Light::None);
    assert_eq!(r.note.as_deref(), Some("未到期"));
    assert_eq!(r.basis, Some(Basis::Deadline));
    // Done early.
    assert_eq!(light_of(line, "2023年5月20日", 6), Light::Green);
    assert_eq!(light_of(line, "已完成", 6), Light::Green);
    // On the last day it is still not overdue.
    assert_eq!(light_of(line, "未完成", 12), Light::None);
    // `12月底前完成`: the year is the spec's.
    let short = "      产出.时效 完成时限 12月底前完成";
    assert_eq!(light_of(short, "未完成", 6), Light::None);
    assert_eq!(light_of(short, "2023年10月8日", 11), Light::Green);
}

#[test]
fn a_deadline_past_and_not_done_is_red() {
    let line = "      产出.时效 招标完成时间 2023年3月31日前";
    assert_eq!(light_of(line, "未完成", 6), Light::Red);
    assert_eq!(light_of(line, "未完成", 3), Light::None);
    assert_eq!(light_of(line, "2023年4月15日", 6), Light::Red);
    assert_eq!(light_of(line, "2023年3月15日", 6), Light::Green);
    let m = run(
        &project(line),
        &entry(
            "招标完成时间",
            "未完成",
            &[("偏差原因", "流标"), ("偏差类别", "制度")],
        ),
        6,
    );
    assert_eq!(row(&m, "招标完成时间").note.as_deref(), Some("已到期"));
}

#[test]
fn rates_per_period_pro_rate_like_quantities() {
    // 1065期/年 in June: 532.5 期.
    let line = "      产出.数量 舆情产品编印数 1065期/年";
    let m = run(&project(line), &entry("舆情产品编印数", "532.5期", &[]), 6);
    let r = row(&m, "舆情产品编印数");
    assert_eq!(r.basis, Some(Basis::Rate));
    assert_eq!(r.standard.as_deref(), Some("532.5 期"));
    assert_eq!(r.ratio, Some(dec("100")));
    assert_eq!(light_of(line, "319期", 6), Light::Red);
    assert_eq!(light_of(line, "320期", 6), Light::Yellow);
    // Per quarter: 每季度至少1期 is 2 期 by the end of June, 4 by December.
    let quarterly = "      产出 推广期数 每季度至少1期";
    assert_eq!(light_of(quarterly, "1期", 6), Light::Red);
    assert_eq!(light_of(quarterly, "2期", 6), Light::Green);
    assert_eq!(light_of(quarterly, "3期", 12), Light::Yellow);
}

#[test]
fn quantity_ranges_pro_rate_both_ends() {
    // 10-16家 in June: 5–8 家.
    let line = "      产出 演练目标单位 10-16家";
    assert_eq!(light_of(line, "2家", 6), Light::Red);
    assert_eq!(light_of(line, "3家", 6), Light::Yellow);
    assert_eq!(light_of(line, "4家", 6), Light::Green);
    assert_eq!(light_of(line, "8家", 6), Light::Green);
    assert_eq!(light_of(line, "9家", 6), Light::Green);
    assert_eq!(light_of(line, "10家", 6), Light::Blue);
}

#[test]
fn the_execution_light_and_its_edges() {
    let spec = project(BOOKS);
    let with = |spent: &str, month: u32| {
        let actuals = format!(
            "[[\"项目\"]]\n\"名称\" = \"示例项目\"\n\"全年预算数\" = \"100.00\"\n\"全年执行数\" = \"{spent}\"\n{}",
            entry("宣传册", "600册", &[])
        );
        let m = run(&spec, &actuals, month);
        only_project(&m).execution.clone().unwrap()
    };
    // June: 50% of the year; 执行率 ÷ 50%.
    assert_eq!(with("29.99", 6).light, Light::Red);
    assert_eq!(with("30.00", 6).light, Light::Yellow); // exactly 60%
    assert_eq!(with("39.99", 6).light, Light::Yellow);
    assert_eq!(with("40.00", 6).light, Light::Green); // exactly 80%
    assert_eq!(with("90.00", 6).light, Light::Green);
    let e = with("30.00", 6);
    assert_eq!(
        (e.rate, e.expected, e.ratio),
        (dec("30"), dec("50"), dec("60"))
    );
    // January and December.
    assert_eq!(with("4.99", 1).light, Light::Red);
    assert_eq!(with("5.00", 1).light, Light::Yellow);
    assert_eq!(with("6.67", 1).light, Light::Green);
    assert_eq!(with("79.99", 12).light, Light::Yellow);
    assert_eq!(with("80.00", 12).light, Light::Green);
}

#[test]
fn a_stated_execution_rate_stands_in_for_the_amounts() {
    let actuals = format!(
        "[[\"项目\"]]\n\"名称\" = \"示例项目\"\n\"执行率\" = \"25%\"\n{}",
        entry("宣传册", "600册", &[])
    );
    let m = run(&project(BOOKS), &actuals, 6);
    let e = only_project(&m).execution.clone().unwrap();
    assert_eq!((e.ratio, e.light), (dec("50"), Light::Red));
}

#[test]
fn the_project_light_is_its_worst_row() {
    let spec = project(
        "      产出.数量 宣传册 >= 1200册\n      满意度 群众满意度 >= 90%\n      效益 安全事故 无",
    );
    let both = |books: &str, accidents: &str| {
        let actuals = entry("宣传册", books, &[])
            + &entry("群众满意度", "95%", &[])
            + &entry(
                "安全事故",
                accidents,
                &[("偏差原因", "x"), ("偏差类别", "其他")],
            );
        only_project(&run(&spec, &actuals, 6)).light
    };
    assert_eq!(both("600册", "无"), Light::Green);
    assert_eq!(both("800册", "无"), Light::Blue);
    assert_eq!(both("400册", "无"), Light::Yellow);
    assert_eq!(both("800册", "1起"), Light::Red);
    // Rows without a light do not light the project.
    let m = run(&spec, &entry("宣传册", "600册", &[]), 6);
    assert_eq!(only_project(&m).light, Light::Green);
    assert_eq!(row(&m, "安全事故").light, Light::None);
    assert_eq!(row(&m, "安全事故").note.as_deref(), Some("缺实际值"));
    assert!(super::codes(&m).contains(&"missing-actual"));
}

#[test]
fn worst_orders_red_yellow_blue_green_none() {
    assert_eq!(Light::worst([Light::Green, Light::Blue]), Light::Blue);
    assert_eq!(Light::worst([Light::Blue, Light::Yellow]), Light::Yellow);
    assert_eq!(
        Light::worst([Light::Yellow, Light::Red, Light::None]),
        Light::Red
    );
    assert_eq!(Light::worst([]), Light::None);
}
