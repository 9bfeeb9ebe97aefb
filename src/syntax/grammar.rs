//! The pest parser: spec.pest with value.pest composed in. Specs start at `Rule::spec`; a value
//! read alone (actuals, importers) starts at `Rule::value_entry`, with the very same value rules.

use pest_derive::Parser;

#[derive(Parser)]
#[grammar = "grammar/value.pest"]
#[grammar = "grammar/spec.pest"]
pub struct Grammar;
