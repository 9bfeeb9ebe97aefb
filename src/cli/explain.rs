//! `jixiao explain`: a rule's explanation and examples, from the rule table.

use super::{Outcome, print};
use crate::diagnostic::codes::{RULES, Rule, lookup};

pub fn run(code: Option<&str>) -> Outcome {
    let Some(code) = code else {
        let mut out = String::new();
        for rule in RULES {
            out.push_str(&format!(
                "{}  {:<20} {:<8} {}\n",
                rule.id,
                rule.name,
                rule.severity.as_str(),
                rule.title
            ));
        }
        print(&out);
        return Outcome::Clean;
    };
    match lookup(code) {
        Some(rule) => {
            print(&explain(rule));
            Outcome::Clean
        }
        None => Outcome::Failure(format!("没有规则 `{code}`；`jixiao explain` 列出全部规则")),
    }
}

/// The full explanation of one rule, as printed.
pub fn explain(rule: &Rule) -> String {
    let mut out = format!(
        "{} {}（默认级别：{}）\n{}\n\n{}\n",
        rule.id,
        rule.name,
        rule.severity.as_str(),
        rule.title,
        rule.explanation
    );
    if !rule.bad.is_empty() {
        out.push_str(&format!(
            "\n不合格的写法：\n{}\n合格的写法：\n{}",
            rule.bad, rule.good
        ));
    }
    out
}
