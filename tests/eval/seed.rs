//! The 2021 部门整体 self-evaluation (seeds/002): every item score that follows from the report's
//! own rule and data is reproduced, and every place its arithmetic does not hold is found.

use std::path::Path;

use jixiao::eval::{self, Evaluation, Row};
use jixiao::source::SourceFile;

use super::{dec, findings, item, score};
use crate::common::ROOT;

fn seed() -> Evaluation {
    let read = |p: &str| std::fs::read_to_string(Path::new(ROOT).join(p)).unwrap();
    let checked = jixiao::check_source(SourceFile::new(
        "specs/2021/gz-cac-2021-self-eval.jx",
        read("specs/2021/gz-cac-2021-self-eval.jx"),
    ));
    // `check` sees the rubric's own flaws (履职效能's weights, the 无故障率 bands, the 满意度
    // rule's best score) before any actual is read, and reads its qualitative items as any
    // target: written as prose (账账相符, 按规定公开: vague; 完成既定目标值: a description), not in
    // grades. Nothing else is wrong.
    let count = |prefix: &str| {
        (checked.diagnostics.iter())
            .filter(|d| d.rule().id.starts_with(prefix))
            .count()
    };
    assert_eq!(
        (count("JX04"), count("JX0101"), count("JX0102")),
        (6, 10, 3),
        "{:?}",
        checked.diagnostics
    );
    assert_eq!(checked.diagnostics.len(), 19);
    let source = SourceFile::new("actuals.toml", read("specs/2021/gz-cac-2021-actuals.toml"));
    let (actuals, diagnostics) = eval::actuals::read(&source, eval::Format::Toml);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    eval::evaluate(&checked.spec, &actuals, eval::Options::default())
}

#[test]
fn reproduces_the_item_scores_the_report_states() {
    let e = seed();
    let stated = [
        ("预算完成率", "1.908"),
        ("部门预算编制情况", "2"),
        ("专项资金管理情况", "2"),
        ("财政拨款收入预决算差异率", "1.954"),
        ("一般公共预算支出年度平均执行率", "2"),
        ("结转结余率", "2"),
        ("部门预算和财务管理制度健全性", "3"),
        ("预决算信息公开合规性", "2"),
        ("绩效信息公开情况", "1"),
        ("资产管理制度健全性", "1"),
        ("资产账务核对情况", "1"),
        ("固定资产利用率", "2"),
        ("公用经费控制率", "2"),
        ("“三公经费”控制率", "2"),
        ("绩效管理制度建设", "2.2"),
        ("绩效目标合理性", "2"),
        ("绩效指标明确性", "2"),
        ("绩效目标完成率", "2"),
        ("绩效监控和绩效评价开展情况", "3"),
        ("绩效结果应用", "2"),
        ("市属新媒体合作报道数量", "5"),
        ("重大舆情事件报送及时率", "5"),
        ("网络信息内容生态治理示范基地数量", "5"),
        ("网络舆情领域重大舆情化解率", "5"),
        ("市属新媒体合作宣传报道阅读量", "5"),
        ("集群共网通信服务终端用户数", "5"),
        ("每年优化补点数量", "5"),
        ("大型活动通信保障无故障率", "5"),
    ];
    for (name, value) in stated {
        assert_eq!(score(&e, name), dec(value), "{name}");
    }
    // 2 × 5650.66 / 5790.95 = 1.95155…: 1.952 at the report's three decimals, which the report
    // writes as 1.95 (two decimals) — equal at the precision it wrote.
    assert_eq!(score(&e, "政府采购执行率"), dec("1.952"));
    // The rule the report states gives 5 (≥ 80% 得 5 分), not the 10 it reports.
    assert_eq!(score(&e, "服务对象满意度"), dec("5"));
    let groups: Vec<(String, String)> = e.sections[0]
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Group(g) => Some((g.name.clone(), g.score.to_string())),
            Row::Item(_) => None,
        })
        .collect();
    assert_eq!(groups[0], ("管理效能".to_owned(), "41.014".to_owned()));
    assert_eq!(e.sections[0].score, dec("86.014"));
    assert_eq!(e.sections[0].grade, "良");
    assert!(item(&e, "预算完成率").verdict != jixiao::eval::Verdict::Met);
}

#[test]
fn audits_every_figure_that_does_not_hold() {
    let e = seed();
    let found = findings(&e);
    for expected in [
        "score-mismatch 组「管理效能」的得分写作 40.512，按报告所列各项得分相加，应为 41.012（精确值 41.012）",
        "truncated-figure 组「管理效能」的得分率写作 90.02%",
        "truncated-figure 组「履职效能」的得分率写作 90.90%",
        "weight-sum 组「履职效能」的分值是 55 分，其下各项之和是 50 分",
        "best-score-mismatch 「服务对象满意度」的分值是 10 分，评分规则最多只给 5 分",
        "score-mismatch 「服务对象满意度」的得分写作 10，按评分规则与实际值计算，应为 5",
        "score-mismatch 「财政拨款收入预决算差异率」的实际值写作 0.046%，按报告的算式 |19,368.18 - 19,456.78| / 19,456.78，应为 0.455%",
        "truncated-figure 「结转结余率」的实际值写作 0.019%",
        "truncated-figure 「部门预算编制情况」的得分率写作 66.66%",
        "score-mismatch 「本年支出合计 预算调整率（表）」写作 19.81%",
        "truncated-figure 「部门预算调整率（正文“三、存在的主要问题”）」写作 24.22%",
        "score-mismatch 「本年支出合计 实际支出率（表）」写作 99.56%",
        "score-mismatch 「两个项目合计支出",
        "score-mismatch 「绩效指标涉及金额占项目支出的比例」写作 49.61%",
        "score-mismatch 「绩效目标完成率的申报目标数",
        "score-mismatch 「市属新媒体合作报道“增量”（报告写增量 150%）」写作 150%",
        "score-mismatch 「合作宣传报道阅读量“增量”（报告写增量 176%）」写作 176%",
        "band-problem 「大型活动通信保障无故障率」的分档不单调",
        "band-problem 「大型活动通信保障无故障率」的分档在「95%-99%」与「100%」之间有缺口",
        "target-too-low 「市属新媒体合作报道数量」实际完成 1,200 篇，是目标 800 篇 的 150%",
        "target-too-low 「市属新媒体合作宣传报道阅读量」",
    ] {
        assert!(
            found.iter().any(|f| f.starts_with(expected)),
            "missing: {expected}\n{found:#?}"
        );
    }
    // Figures that do hold are not reported: 1.95 for 政府采购执行率, 99.59% for the execution
    // rate in the text, 40.53%, every row of the expenditure table.
    assert!(
        !found.iter().any(|f| f.contains("政府采购执行率")
            || f.contains("40.53%")
            || f.contains("基本支出"))
    );
    super::snapshot("seed_audit", &found.join("\n"));
}

#[test]
fn the_seed_table() {
    super::snapshot("seed_table", &super::table(&seed()));
}

#[test]
fn readme_shows_the_current_seed_table() {
    let table = super::table(&seed());
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    assert!(
        readme.contains(table.trim_end()),
        "README.md must show the current output of `jixiao eval specs/2021/…` (Scoring a self-evaluation)"
    );
}
