//! `jixiao eval --format csv`: one row per indicator (and per group and execution row), for
//! spreadsheets. Written with the `csv` crate so quoting is right.

use super::eval_table::fmt;
use crate::eval::{Evaluation, Row};

const HEADER: [&str; 10] = [
    "部分",
    "类型",
    "层级",
    "名称",
    "目标",
    "实际",
    "结论",
    "分值",
    "得分",
    "报告得分",
];

pub fn render(evaluation: &Evaluation) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(HEADER);
    for section in &evaluation.sections {
        let d = section.decimals;
        for row in &section.rows {
            let record: Vec<String> = match row {
                Row::Group(g) => vec![
                    section.title.clone(),
                    "组".into(),
                    g.depth.to_string(),
                    g.name.clone(),
                    String::new(),
                    String::new(),
                    format!("得分率 {}%", g.rate),
                    fmt(g.weight, d),
                    fmt(g.score, d),
                    String::new(),
                ],
                Row::Item(i) => vec![
                    section.title.clone(),
                    "指标".into(),
                    i.depth.to_string(),
                    i.name.clone(),
                    i.target.clone(),
                    i.actual.clone().unwrap_or_default(),
                    i.verdict.label().to_owned(),
                    fmt(i.weight, d),
                    i.score.map(|s| fmt(s, d)).unwrap_or_default(),
                    i.reported.clone().unwrap_or_default(),
                ],
            };
            let _ = writer.write_record(&record);
        }
        if let Some(e) = &section.execution {
            let _ = writer.write_record([
                section.title.clone(),
                "预算执行率".into(),
                "0".into(),
                "预算执行率".into(),
                e.budget.to_string(),
                e.spent.to_string(),
                format!("{}%", e.rate),
                e.weight.normalize().to_string(),
                fmt(e.score, d),
                String::new(),
            ]);
        }
        let _ = writer.write_record([
            section.title.clone(),
            "总分".into(),
            "0".into(),
            section.grade.clone(),
            String::new(),
            String::new(),
            format!("得分率 {}%", section.rate),
            section.weight.normalize().to_string(),
            fmt(section.score, d),
            String::new(),
        ]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
