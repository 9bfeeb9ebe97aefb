//! `percent-not-rate` (JX0109): a percentage on a name that is no rate (维护社会稳定 ≥ 95%);
//! `check::measurability` decides what names a share.

use crate::check::measurability::percent_not_rate;
use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{IndicatorRef, Level1, Spec};

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for indicator in spec.all_indicators() {
        if let Some(clause) =
            (indicator.target.clauses().iter()).find(|c| percent_not_rate(indicator, c))
        {
            found.push(
                Diagnostic::new(Code::PercentNotRate, clause.span)
                    .arg("name", indicator.name)
                    .arg("value", indicator.target.text.trim())
                    .arg("example", example(indicator)),
            );
        }
    }
    found
}

fn example(indicator: IndicatorRef<'_>) -> &'static str {
    match indicator.level1() {
        Some(Level1::Benefit) => "受益群众覆盖率 >= 95%",
        Some(Level1::Cost) => "项目总成本 <= 120万元",
        _ => "验收合格率 = 100%",
    }
}
