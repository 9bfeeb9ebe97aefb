//! `jixiao model`: the normalized model of one spec as JSON.

use std::path::Path;

use super::{Outcome, files, print};
use crate::check_source;

pub fn run(path: &Path) -> Outcome {
    let source = match files::read_spec(path) {
        Ok(source) => source,
        Err(message) => return Outcome::Failure(message),
    };
    let checked = check_source(source);
    match serde_json::to_string_pretty(&checked.spec) {
        Ok(json) => {
            print(&json);
            print("\n");
            Outcome::Clean
        }
        Err(error) => Outcome::Failure(error.to_string()),
    }
}
