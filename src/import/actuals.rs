//! A self-evaluation table's own figures as an actuals file (the TOML `jixiao eval` reads, see
//! `eval::actuals`): each indicator's 实际完成值, 得分 and 偏差原因分析, and each project's funds
//! block (年初预算数, 全年预算数, 全年执行数, 执行率, 执行率得分), so the imported spec can be scored
//! and the table's own scores audited in one more command.

use super::table::Table;

/// The actuals file for a table, or `None` when the table states no actual value or score.
pub fn actuals(table: &Table, source: &str) -> Option<String> {
    let mut out = String::new();
    let mut any = false;
    out.push_str(&format!(
        "\"来源\" = {}\n",
        quote(&format!(
            "由 jixiao import 从 {source} 的实际完成值、得分和资金栏生成"
        ))
    ));
    for department in &table.departments {
        for agency in &department.agencies {
            for project in &agency.projects {
                if !project.figures.is_empty() {
                    any = true;
                    out.push_str("\n[[\"项目\"]]\n");
                    field(&mut out, "预算单位", &agency.name);
                    field(&mut out, "名称", &project.name);
                    for (name, value) in &project.figures {
                        if *name != "分值" {
                            field(&mut out, name, value);
                        }
                    }
                }
                for item in &project.indicators {
                    if item.actual.is_none() && item.score.is_none() {
                        continue;
                    }
                    any = true;
                    out.push_str("\n[[\"指标\"]]\n");
                    field(&mut out, "预算单位", &agency.name);
                    field(&mut out, "项目", &project.name);
                    field(&mut out, "名称", &item.name);
                    if let Some(actual) = &item.actual {
                        field(&mut out, "实际", actual);
                    }
                    if let Some(score) = &item.score {
                        field(&mut out, "得分", score);
                    }
                    if let Some(deviation) = &item.deviation {
                        field(&mut out, "说明", deviation);
                    }
                }
            }
        }
    }
    any.then_some(out)
}

fn field(out: &mut String, key: &str, value: &str) {
    out.push_str(&format!("{} = {}\n", quote(key), quote(value)));
}

/// A TOML basic string.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}
