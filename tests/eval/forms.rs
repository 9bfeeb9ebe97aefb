//! Every rule form of the seed report, on a small department: the scores, band edges, and the
//! rendered table (snapshot).

use super::{actuals, dec, findings, group, run, score, table};

const RULES: &str = "    指标 执行率 100%
    评分 2分 线性 90%得0分 100%得2分
    指标 差异率 <= 0%
    评分 2分 每多1%扣1分 按比例
    指标 采购执行率 100%
    评分 2分 按比例
    指标 控制率 <= 100%
    评分 2分 达标得满分
    指标 报道数量 >= 800篇
    评分 5分 达标得5分 每少50篇扣1分 少于550篇不得分
    指标 无故障率 100%
    评分 5分 分档 100%得5分 95%-100%得4分 90%-95%得3分 小于90%不得分
    指标 制度建设 \"制度健全\"
    评分 3分 扣分";

fn with(pairs: &[(&str, &str)]) -> jixiao::eval::Evaluation {
    let mut text = actuals(pairs);
    text.push_str("[[\"指标\"]]\n\"名称\" = \"制度建设\"\n\"扣分\" = [{ \"分值\" = \"0.8\", \"原因\" = \"未覆盖基层单位\" }]\n");
    run(&group(RULES), &text)
}

#[test]
fn each_rule_form_scores_as_the_report_reads_it() {
    let e = with(&[
        ("执行率", "99.54%"),
        ("差异率", "0.046%"),
        ("采购执行率", "97.58%"),
        ("控制率", "97.30%"),
        ("报道数量", "690篇"),
        ("无故障率", "96%"),
    ]);
    assert_eq!(
        score(&e, "执行率"),
        dec("1.908"),
        "(99.54 − 90) / (100 − 90) × 2"
    );
    assert_eq!(score(&e, "差异率"), dec("1.954"), "2 − 0.046");
    assert_eq!(score(&e, "采购执行率"), dec("1.952"), "2 × 97.58%");
    assert_eq!(score(&e, "控制率"), dec("2"));
    assert_eq!(
        score(&e, "报道数量"),
        dec("3"),
        "110 short: two whole steps of 50"
    );
    assert_eq!(score(&e, "无故障率"), dec("4"));
    assert_eq!(score(&e, "制度建设"), dec("2.2"), "3 − 0.8");
    super::snapshot("each_rule_form", &table(&e));
}

#[test]
fn clamps_floors_and_band_edges() {
    let e = with(&[
        ("执行率", "85%"),
        ("差异率", "3%"),
        ("采购执行率", "120%"),
        ("控制率", "100.01%"),
        ("报道数量", "549篇"),
        ("无故障率", "95%"),
    ]);
    assert_eq!(score(&e, "执行率"), dec("0"), "clamped to [0, weight]");
    assert_eq!(score(&e, "差异率"), dec("0"), "never below 0");
    assert_eq!(score(&e, "采购执行率"), dec("2"), "capped at the weight");
    assert_eq!(score(&e, "控制率"), dec("0"));
    assert_eq!(score(&e, "报道数量"), dec("0"), "少于550篇不得分");
    // 95% is the edge of two bands written as 95%-100% and 90%-95%: the first that holds wins.
    assert_eq!(score(&e, "无故障率"), dec("4"));
    let at_floor = with(&[("报道数量", "550篇"), ("无故障率", "89.99%")]);
    assert_eq!(
        score(&at_floor, "报道数量"),
        dec("0"),
        "250 short: five steps"
    );
    assert_eq!(score(&at_floor, "无故障率"), dec("0"));
    // Bands are tried in order, so an edge two bands share is no overlap.
    assert!(
        !findings(&e).iter().any(|f| f.starts_with("band-problem")),
        "{:?}",
        findings(&e)
    );
}

#[test]
fn rule_lints() {
    let spec = group(
        "    指标 无故障率 100%
    评分 5分 分档 100%得5分 95%-99%得4分 90%-94%得3分 85%-89%得3分 小于85%不得分
    指标 满意度 >= 80%
    评分 10分 达标得5分 每递减5%扣1分 小于60%不得分
    指标 报道数量 >= 800篇
    评分 5分 每少50小时扣1分
    指标 制度 \"健全\"
    评分 2分 按比例",
    );
    let e = run(
        &spec,
        &actuals(&[
            ("无故障率", "99.5%"),
            ("满意度", "85%"),
            ("报道数量", "1100篇"),
            ("制度", "达成年度指标"),
        ]),
    );
    super::snapshot("rule_lints", &findings(&e).join("\n"));
}

#[test]
fn weights_of_a_group_must_add_up() {
    let spec = "部门 \"示例部门\" 2021 {\n  组 \"履职效能\" 55分 {\n    组 \"任务一\" 25分 {\n      指标 甲 >= 1个\n      评分 25分\n    }\n    组 \"任务二\" 25分 {\n      指标 乙 >= 1个\n      评分 20分\n    }\n  }\n}\n";
    let e = run(spec, &actuals(&[("甲", "1个"), ("乙", "1个")]));
    assert_eq!(
        findings(&e),
        [
            "weight-sum 组「履职效能」的分值是 55 分，其下各项之和是 50 分",
            "weight-sum 组「任务二」的分值是 25 分，其下各项之和是 20 分",
        ]
    );
}
