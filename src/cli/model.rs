//! `jixiao model`: the normalized model of one spec as JSON.

use std::path::Path;

use super::{Outcome, files, print};
use crate::check_source;

pub fn run(path: &Path) -> Outcome {
    let (source, refused) = match files::read(path) {
        Ok(read) => read,
        Err(message) => return Outcome::Failure(message),
    };
    if let Some(diagnostic) = refused {
        return Outcome::Failure(format!("{}: {}", source.name, diagnostic.message()));
    }
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
