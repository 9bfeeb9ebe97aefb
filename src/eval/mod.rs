//! Evaluation (绩效自评): actual values against targets, verdicts, scores by the default rules of
//! 财预〔2020〕10号 or the spec's own rubric, totals and grades, lints on the rules, and an audit of
//! every figure a report states. Pure: text and models in, results and diagnostics out.

pub mod actuals;
pub mod audit;
mod evaluate;
pub mod formula;
pub mod measure;
pub mod monitor;
pub mod result;
pub mod score;
pub mod verdict;
pub mod xlsx;

pub use actuals::{Actuals, Format};
pub use evaluate::{Options, evaluate, grade};
pub use result::{Evaluation, Execution, GroupRow, ItemRow, Row, Section};
pub use verdict::Verdict;
