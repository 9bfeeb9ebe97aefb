//! Every distinct (indicator name, target) pair of the first seed — the 2023 targets of
//! 中共广州市委网络安全和信息化委员会办公室, `shared/seeds/000_04a4b087288680b8.txt`, transcribed
//! verbatim in `specs/2023/gz-cac-2023.jx` — with the meaning a careful reader gives it.
//!
//! Each target is read alone with `syntax::parse_value`, lowered with `model::value::lower_target`
//! (no grade scales: the seed declares none) and rendered by [`normalize`] in this notation:
//!
//! - A measurable target is its clauses joined by ` && `. A clause is its core alone, or
//!   `subject|core|context` (an absent side left empty) when words stand before or after it.
//! - A comparison is `[累计 ]OP VALUE[ UNIT][/PERIOD]`. `OP` is `>`, `>=`, `=`, `!=`, `<` or `<=`
//!   when the target writes the operator (`大于95%` is `> 95%`, `90%以上` is `>= 90%`); the same
//!   symbol followed by `*` when the target writes none and the indicator implies it (`95%` of a
//!   满意度 is `>=* 95%`); `?` when nothing says which way. `累计 ` marks a cumulative count.
//! - `VALUE` is the exact decimal with its magnitude applied and no grouping (`3万册` is
//!   `30000 册`, `超50亿元` is `> 5000000000 元`). `UNIT` is the canonical symbol (`s` is `秒`),
//!   after a space except for `%` and `‰`; `PERIOD` is the period of a rate (`每季度至少1期` is
//!   `>= 1 期/季度`).
//! - A range is `LOW – HIGH`, each end a quantity as above (`1-24小时` is `1 小时 – 24 小时`).
//! - A statement that something does not happen is `无` followed by what does not happen, without
//!   the verb (`无安全事故发生` and `无发生安全事故` are both `无安全事故`).
//! - A change against a baseline is `较BASELINE 增加|减少 OP AMOUNT`, `OP` marked as above.
//! - A deadline is `[Y年][M月][D日]前`.
//! - A grade is `grade OP GRADE (SCALE)`; text with no number and no declared grade is
//!   `unmeasurable`.
//! - Lowering must report nothing: any diagnostic is appended as ` !! diagnostics: CODES`, so it
//!   shows up as a mismatch.
//!
//! Like kdl-rs's compliance test, every row is run and all mismatches are reported at once. A
//! second test reads the spec and checks that the table holds exactly its distinct pairs.

use std::collections::BTreeSet;

use jixiao::model::quantity::Quantity;
use jixiao::model::target::{Change, Clause, Comparison, Condition, Meaning};
use jixiao::model::value::lower_target;
use jixiao::syntax::{ast, parse_value};

/// `(indicator name, target as transcribed, expected normalization)`, in the order of the spec.
const SEED_TARGETS: &[(&str, &str, &str)] = &[
    // 中共广州市委网络安全和信息化委员会办公室 · 专项工作经费
    (
        "网信广州市民关注度提升率",
        "信息内容平均阅读量较2022年增加5%",
        "信息内容平均阅读量|较2022年 增加 >=* 5%|",
    ),
    ("培训对象满意度", "95%", ">=* 95%"),
    ("法律顾问审核全年合同数量", "超过120份", "> 120 份"),
    ("网信广州网站信息内容无差错率", "100%", ">=* 100%"),
    ("网信广州信息内容维护项目专家验收合格率", "100%", ">=* 100%"),
    ("统计报告完成数量", "1份", ">=* 1 份"),
    // 业务用房物业管理费
    ("服务对象满意度", "大于95%", "> 95%"),
    ("物业服务质量", "满足合同需求", "unmeasurable"),
    ("物业管理面积", "1025.85平方米", ">=* 1025.85 平方米"),
    ("物业管理费用缴纳准时率", "100%", ">=* 100%"),
    // 网络安全应急专项
    ("网络安全防御能力", "提升", "unmeasurable"),
    ("网络安全抽查单位", "15-20家", "15 家 – 20 家"),
    ("网络安全演练目标单位", "10-16家", "10 家 – 16 家"),
    ("网络安全演练天数", "5-10天", "5 天 – 10 天"),
    ("网络安全自查数", "80-100家", "80 家 – 100 家"),
    // 网络安全宣教专项
    ("群众满意度", "大于95%", "> 95%"),
    ("网络安全知识知晓率", "大于70%", "> 70%"),
    ("网络安全宣传册", "3万册", ">=* 30000 册"),
    ("信息安全宣传周线上活动场次", "2场", ">=* 2 场"),
    ("信息安全宣传周线下活动场次", "3场", ">=* 3 场"),
    // 网络监管与涉穗重大舆情处置
    ("政策宣讲、行业分享次数", "8个", ">=* 8 个"),
    ("巡查问题处置率", "大于90%", "> 90%"),
    ("群众满意度", "大于90%", "> 90%"),
    ("巡检信息专报数量", "54份", ">=* 54 份"),
    ("将属地网站APP纳入动态数据库的比例", "大于90%", "> 90%"),
    ("网络生态治理基地数量", "5个", ">=* 5 个"),
    // 华宇大厦办公区维修维护
    ("保密机房改造建设面积", "15平方米", ">=* 15 平方米"),
    ("项目实施达到保密要求", "通过保密验收", "unmeasurable"),
    // A time to finish: less is better.
    ("保密机房改造建设完成时间", "3个月", "<=* 3 个月"),
    ("服务对象满意度", "大于90%", "> 90%"),
    // 其他运行经费
    ("出勤率", "大于90%", "> 90%"),
    ("差错率", "小于10%", "< 10%"),
    // 信息化领域协调专项
    ("App检测数量", "不少于50个", ">= 50 个"),
    ("主题宣传单位覆盖率", "大于90%", "> 90%"),
    ("重点行业覆盖率", "大于80%", "> 80%"),
    ("数据安全检查单位数量", "不少于10家", ">= 10 家"),
    ("完成区块链创新应用优秀案例汇编数量", "1本", ">=* 1 本"),
    ("区块链贸易平台链上交易值", "超50亿元", "> 5000000000 元"),
    // 购置经费
    ("设备验收合格率", "100%", ">=* 100%"),
    ("购置空调数量", "3台", ">=* 3 台"),
    ("满足办公需求", "超过200天", "> 200 天"),
    ("服务对象满意度", "95%", ">=* 95%"),
    ("安全保密无事故率", "100%", ">=* 100%"),
    ("办公家具购置数量", "11套", ">=* 11 套"),
    ("车辆购置数量", "1辆", ">=* 1 辆"),
    // 重大主题网络宣传和网络舆论引导
    ("线上专题策划数量", "累计不少于10次", "累计 >= 10 次"),
    ("线下主题活动数量", "累计不少于6个", "累计 >= 6 个"),
    (
        "原创网评文章数量",
        "专业原创网络评论文章每年累计不少于100篇",
        "专业原创网络评论文章|累计 >= 100 篇/年|",
    ),
    // Like the row above: 每年 and 累计 qualify the count, they are not part of what is counted;
    // `（次）` only restates the unit.
    (
        "普通网评跟帖转发数量",
        "每年累计对指定推文的转发次数不少于 300篇（次）；",
        "对指定推文的转发次数|累计 >= 300 篇/年|",
    ),
    ("阅读量", "累计超15亿次", "累计 > 1500000000 次"),
    (
        "可持续影响",
        "与各媒体形成联席会议机制和日常沟通机制",
        "unmeasurable",
    ),
    (
        "服务对象满意度",
        "考核所有合作项目正面评论占比超 70%",
        "考核所有合作项目正面评论占比|> 70%|",
    ),
    ("推文数量", "累计超2000篇（次）", "累计 > 2000 篇"),
    // 中共广州市委网络安全和信息化委员会办公室2023-2024年信息化运维项目(2023)
    ("设备运营维护数量计划完成率", "100%", ">=* 100%"),
    ("系统运行正确率", "100%", ">=* 100%"),
    ("网络安全事故数量", "0次", "<=* 0 次"),
    ("用户满意度", "90%以上", ">= 90%"),
    ("故障平均处理时间(分钟)", "1-24小时", "1 小时 – 24 小时"),
    // 广州市信息安全测评中心 · 机构运行辅助经费
    ("满足开展有关信息安全服务人员配备", "大于20人", "> 20 人"),
    ("满足开展业务需要", "满足", "unmeasurable"),
    ("弥补资金缺口", "满足", "unmeasurable"),
    (
        "支撑全市信息安全保障工作",
        "年度工作任务完成率100%",
        "年度工作任务完成率|>=* 100%|",
    ),
    // 业务用房物业管理费
    ("安全生产", "无发生重大安全生产事故", "无重大安全生产事故"),
    ("场地使用率", "100%", ">=* 100%"),
    ("场地绿化", "满意", "unmeasurable"),
    ("保障业务开展", "完成年度工作任务", "unmeasurable"),
    // 专项工作经费
    ("开展信息安全服务的数量", "大于100份", "> 100 份"),
    ("测评工作正常运转率", "100%", ">=* 100%"),
    // The share of high-risk problems found and fixed: more is better.
    ("发现并协助被测单位完成高危问题整改", "98%", ">=* 98%"),
    // 广州市800兆数字集群共网通信服务及项目管理费
    (
        "大型活动通信保障",
        "开展不少于40场通信保障任务",
        "开展|>= 40 场|通信保障任务",
    ),
    (
        "用户规模",
        "全网用户数量达到5万户",
        "全网用户数量|>= 50000 户|",
    ),
    (
        "大型活动通信保障质量",
        "东西南北环内2小时内到达；天河、白云郊区，番禺、黄埔、南沙主城区3小时内到达；番禺、黄埔、南沙等郊区，花都、增城、从化等主城区4小时内到达；花都、增城、从化等郊区6小时内到达。",
        "东西南北环内|<= 2 小时|到达 && 天河、白云郊区，番禺、黄埔、南沙主城区|<= 3 小时|到达 && 番禺、黄埔、南沙等郊区，花都、增城、从化等主城区|<= 4 小时|到达 && 花都、增城、从化等郊区|<= 6 小时|到达",
    ),
    ("网络覆盖率", "覆盖率高于93%", "覆盖率|> 93%|"),
    (
        "可接入率",
        "全网大于等于99.9%且单站大于等于96%",
        "全网|>= 99.9%| && 单站|>= 96%|",
    ),
    (
        "网络运营无安全事故发生",
        "网络无发生安全事故",
        "网络|无安全事故|",
    ),
    (
        "提升用户满意度",
        "用户综合满意度评分不低于80分",
        "用户综合满意度评分|>= 80 分|",
    ),
    // 2022-2023年广州市公共信息安全基础设施运行维护项目(2022)
    ("基础设施系统设备故障检测及排除率", "大于90%", "> 90%"),
    // A period of service is planned exactly.
    ("运维周期", "1年", "=* 1 年"),
    ("网络安全漏洞修复率", "大于90%", "> 90%"),
    ("运维人员配备人数", "13人", ">=* 13 人"),
    ("无经济损失", "无经济损失", "无经济损失"),
    ("系统运维服务满意度", "100分", ">=* 100 分"),
    // 购置经费
    ("摄像头布控数", "48个", ">=* 48 个"),
    ("视频监控设备验收合格率", "100%", ">=* 100%"),
    ("采购车辆验收合格率", "100%", ">=* 100%"),
    ("设备安全运行有效率", "大于98%", "> 98%"),
    ("维修费用节约率", "大于80%", "> 80%"),
    ("职工满意度", "大于95%", "> 95%"),
    // 2023-2024年广州市公共信息安全基础设施运行维护项目(2023)
    ("无安全事故发生", "无安全事故发生", "无安全事故"),
    // 广州市网络舆情信息中心 · 2021年信息化升级改造项目
    ("信息化系统运行满意度", "90%以上", ">= 90%"),
    ("社会舆论效应", "正面效应", "unmeasurable"),
    ("年度新增数据量", "＞100万条/年", "> 1000000 条/年"),
    ("系统用户并发数", "150个", ">=* 150 个"),
    ("系统有效作业率", "95%", ">=* 95%"),
    ("舆情研判质量", "良好", "unmeasurable"),
    // 广州市舆情应急指挥中心建设项目
    ("项目支出相关性、合规性", "相符", "unmeasurable"),
    ("上报舆情信息量", "10000条/年", ">=* 10000 条/年"),
    // 专项工作经费
    ("舆情产品满意度", "良好", "unmeasurable"),
    ("舆情排行榜单推广期数", "每季度至少1期", ">= 1 期/季度"),
    ("舆情产品编印数", "1065期/年", ">=* 1065 期/年"),
    ("重大舆情事件报送及时率", "85%以上", ">= 85%"),
    // 业务用房物业管理费
    ("职工满意度", "95%以上", ">= 95%"),
    ("舆情工作正常运转率", "100%", ">=* 100%"),
    ("信息安全事故", "无", "无"),
    ("物业管理面积", "1527.57平方米", ">=* 1527.57 平方米"),
    // 2022-2023信息化运维项目(2022)
    ("运维服务满意度", "90%以上", ">= 90%"),
    ("故障超24小时未解决率", "＜2%", "< 2%"),
    // 购置经费
    ("政府采购率", "100%", ">=* 100%"),
    ("采购完成率", "100%", ">=* 100%"),
    ("办公家具利用率", "100%", ">=* 100%"),
    ("验收合格率", "100%", ">=* 100%"),
    // 越秀北路210号办公区维修改造项目经费
    ("项目按期完成率", "100%", ">=* 100%"),
    ("施工安全性", "无安全事故发生", "无安全事故"),
    ("工程计划完成率", "100%", ">=* 100%"),
    ("项目竣工验收合格率", "100%", ">=* 100%"),
    // 2023年信息化升级改造项目
    ("应急处置舆情线索能力", "＞10000条", "> 10000 条"),
    ("新增分析统计主题数量", "＞10个", "> 10 个"),
    ("舆情数据查询速度", "＜=3s", "<= 3 秒"),
    // 广州市网络安全应急指挥中心 · 专项工作经费
    ("文书档案装订数量", "不少于1000件", ">= 1000 件"),
    ("提高查询效率", "提高档案查询效率", "unmeasurable"),
    ("网络专项举报宣传覆盖率", "80%以上", ">= 80%"),
    ("网络监督员举报工作量", "不少于3600小时", ">= 3600 小时"),
    // 购置经费
    ("保密检查覆盖率", "自查100%", "自查|>=* 100%|"),
    ("应急指挥坐席使用率", "100%", ">=* 100%"),
    ("应急指挥坐席扩容数量", "4位", ">=* 4 位"),
    // 2023-2024年信息化运维项目(2023)
    ("安全防护覆盖设备数量", "不少于40台", ">= 40 台"),
    ("项目验收合格率", "100%", ">=* 100%"),
    ("故障维护及时率", "98%以上", ">= 98%"),
    ("网络正常运行率", "98%以上", ">= 98%"),
];

/// The seed's indicator count (4 budget units, 32 projects, 165 indicators).
const SEED_INDICATORS: usize = 165;

#[test]
fn every_seed_target_normalizes() {
    let mut mismatches = Vec::new();
    for (index, (name, text, expected)) in SEED_TARGETS.iter().enumerate() {
        let row = index + 1;
        let got = normalize(name, text);
        if got != *expected {
            mismatches.push(format!(
                "row {row}: {name} | {text}\n    expected: {expected}\n    got:      {got}"
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} seed targets normalize wrongly:\n\n{}",
        mismatches.len(),
        SEED_TARGETS.len(),
        mismatches.join("\n\n")
    );
}

#[test]
fn table_holds_every_seed_target() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/specs/2023/gz-cac-2023.jx");
    let spec = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let lines: Vec<(String, String)> = spec.lines().filter_map(indicator_line).collect();
    assert_eq!(
        lines.len(),
        SEED_INDICATORS,
        "indicator lines read from {path}"
    );
    let in_spec: BTreeSet<(&str, &str)> = lines
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    let mut in_table = BTreeSet::new();
    let duplicates: Vec<_> = SEED_TARGETS
        .iter()
        .filter(|(name, text, _)| !in_table.insert((*name, *text)))
        .collect();
    let missing: Vec<_> = in_spec.difference(&in_table).collect();
    let stale: Vec<_> = in_table.difference(&in_spec).collect();
    assert!(
        missing.is_empty() && stale.is_empty() && duplicates.is_empty(),
        "table out of step with {path}:\nmissing from the table: {missing:#?}\n\
         not in the spec: {stale:#?}\nlisted twice: {duplicates:#?}"
    );
}

/// `(name, target)` of an indicator line, `<category> <name> <target>`; `None` for other lines.
fn indicator_line(line: &str) -> Option<(String, String)> {
    const NOT_INDICATORS: &[&str] = &["部门", "预算单位", "项目", "预算", "目标", "等级", "}"];
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let (category, rest) = line.split_once(char::is_whitespace)?;
    if NOT_INDICATORS.contains(&category) {
        return None;
    }
    let (name, target) = rest.trim_start().split_once(char::is_whitespace)?;
    Some((name.to_owned(), target.trim().to_owned()))
}

/// The meaning of `text` as a target of the indicator `name`, in the notation of the module doc.
fn normalize(name: &str, text: &str) -> String {
    let written = parse_value(text, 0);
    let mut diagnostics = Vec::new();
    let target = lower_target(&written, name, &[], &mut diagnostics);
    let mut out = match &target.meaning {
        Meaning::Conditions { clauses } => {
            let written: &[ast::Clause] = match &written.form {
                ast::TargetForm::Clauses(clauses) => clauses,
                _ => &[],
            };
            clauses
                .iter()
                .enumerate()
                .map(|(i, c)| clause(c, written.get(i)))
                .collect::<Vec<_>>()
                .join(" && ")
        }
        Meaning::Grade {
            op, grade, scale, ..
        } => format!("grade {} {grade} ({scale})", op.symbol()),
        Meaning::Unmeasurable => "unmeasurable".to_owned(),
    };
    if !diagnostics.is_empty() {
        let codes: Vec<_> = diagnostics.iter().map(|d| d.code.id()).collect();
        out.push_str(&format!(" !! diagnostics: {}", codes.join(", ")));
    }
    out
}

/// One clause; `written` is its syntax, for what the model does not keep (a relative's operator
/// was written or not).
fn clause(clause: &Clause, written: Option<&ast::Clause>) -> String {
    let core = match &clause.condition {
        Condition::Compare {
            op,
            stated,
            bound,
            cumulative,
            ..
        } => {
            let cumulative = if *cumulative { "累计 " } else { "" };
            format!("{cumulative}{} {}", operator(*op, *stated), quantity(bound))
        }
        Condition::Range { low, high, .. } => format!("{} – {}", quantity(low), quantity(high)),
        Condition::ZeroEvent { event } => format!("无{}", event.as_deref().unwrap_or("")),
        Condition::Relative {
            baseline,
            change,
            op,
            amount,
        } => {
            let stated =
                written.is_some_and(|c| matches!(&c.core, ast::Core::Relative { op: Some(_), .. }));
            let verb = match change {
                Change::Increase => "增加",
                Change::Decrease => "减少",
            };
            format!(
                "较{baseline} {verb} {} {}",
                operator(Some(*op), stated),
                quantity(amount)
            )
        }
        Condition::Deadline { year, month, day } => {
            let mut date = String::new();
            for (part, suffix) in [(year, "年"), (month, "月"), (day, "日")] {
                if let Some(n) = part {
                    date.push_str(&format!("{n}{suffix}"));
                }
            }
            format!("{date}前")
        }
    };
    if clause.subject.is_none() && clause.context.is_none() {
        return core;
    }
    format!(
        "{}|{core}|{}",
        clause.subject.as_deref().unwrap_or(""),
        clause.context.as_deref().unwrap_or("")
    )
}

/// `>=` as written, `>=*` as implied, `?` when unknown.
fn operator(op: Option<Comparison>, stated: bool) -> String {
    match op {
        Some(op) if stated => op.symbol().to_owned(),
        Some(op) => format!("{}*", op.symbol()),
        None => "?".to_owned(),
    }
}

/// `30000 册`, `95%`, `1065 期/年`: the exact value, the canonical unit, the period.
fn quantity(q: &Quantity) -> String {
    let mut out = q.value.normalize().to_string();
    if let Some(unit) = &q.unit {
        if !matches!(unit.symbol, "%" | "‰") {
            out.push(' ');
        }
        out.push_str(unit.symbol);
    }
    if let Some(per) = q.per {
        out.push('/');
        out.push_str(per.label());
    }
    out
}

/// A value read out of a larger file keeps spans into that file.
#[test]
fn values_read_at_an_offset_point_into_their_file() {
    let file = "实际完成值: 超50亿元";
    let offset = file.find('超').unwrap();
    let ast = parse_value(&file[offset..], offset);
    assert_eq!(&file[ast.span.start..ast.span.end], "超50亿元");
    let ast::TargetForm::Clauses(clauses) = &ast.form else {
        panic!("not a measurable value: {ast:?}")
    };
    let ast::Core::Comparison { quantity, op, .. } = &clauses[0].core else {
        panic!("not a comparison: {clauses:?}")
    };
    assert_eq!(&file[quantity.span.start..quantity.span.end], "50亿元");
    assert_eq!(
        op.as_ref().map(|o| &file[o.span.start..o.span.end]),
        Some("超")
    );
}
