//! `input-as-output` (JX0204): an input measure (资金到位率, 预算执行率, 经费投入) filed under 产出.

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::words::Words;
use crate::model::{Level1, Spec};

/// Names of money going in, not of work coming out.
static INPUTS: Words = Words::new(&[
    "资金到位",
    "经费到位",
    "预算执行",
    "资金执行",
    "资金支出率",
    "经费支出率",
    "资金拨付率",
    "经费投入",
    "资金投入",
    "投入资金",
    "投入经费",
]);

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    spec.indicators()
        .filter(|(_, i)| i.category.level1 == Level1::Output)
        .filter(|(_, i)| INPUTS.is_in(&i.name))
        .map(|(_, i)| Diagnostic::new(Code::InputAsOutput, i.name_span).arg("name", &i.name))
        .collect()
}
