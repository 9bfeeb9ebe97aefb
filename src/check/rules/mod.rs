//! One file per rule, named as the rule.

pub mod amount_mismatch;
pub mod bad_range;
pub mod below_threshold;
pub mod duplicate_indicator;
pub mod missing_category;
pub mod missing_operator;
pub mod missing_unit;
pub mod out_of_range;
pub mod unit_mismatch;
pub mod unmeasurable_target;
pub mod vague_target;
