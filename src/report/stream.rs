//! Check reports written a file at a time, so a run over a country's files holds one window of
//! checked files, not all of them. Each format's `render` over a whole run is its stream fed
//! every file, so the streamed and the whole output are the same bytes.

use serde::Serialize;

use super::Summary;
use crate::Checked;

/// A report of `jixiao check` written file by file: each file's part as soon as the file is
/// checked, then what closes the report. A format whose order is not file order (GitHub puts
/// every error before every warning; JUnit's totals come first) holds only what it has rendered.
pub trait FileByFile {
    fn file(&mut self, checked: &Checked) -> String;
    fn finish(self: Box<Self>, summary: &Summary) -> String;
}

/// A per-file text format (human, concise): each file's findings, then the summary line.
pub struct PerFile<F: Fn(&Checked) -> String>(pub F);

impl<F: Fn(&Checked) -> String> FileByFile for PerFile<F> {
    fn file(&mut self, checked: &Checked) -> String {
        (self.0)(checked)
    }

    fn finish(self: Box<Self>, summary: &Summary) -> String {
        super::human::summary_line(summary)
    }
}

/// Renders a whole run through a format's stream.
pub fn whole(mut stream: Box<dyn FileByFile + '_>, results: &[Checked]) -> String {
    let mut out: String = results.iter().map(|c| stream.file(c)).collect();
    out.push_str(&stream.finish(&Summary::of(results)));
    out
}

/// The elements of a pretty-printed JSON array at some depth, written one at a time exactly as
/// `serde_json::to_string_pretty` would write the whole array.
pub struct JsonArray {
    /// Spaces before the array's closing bracket.
    indent: usize,
    started: bool,
}

impl JsonArray {
    pub fn new(indent: usize) -> JsonArray {
        JsonArray {
            indent,
            started: false,
        }
    }

    /// The text of one more element, with the bracket or comma before it.
    pub fn element(&mut self, value: &impl Serialize) -> String {
        let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned());
        let pad = " ".repeat(self.indent + 2);
        let mut out = String::from(if self.started { ",\n" } else { "[\n" });
        self.started = true;
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&pad);
            out.push_str(line);
        }
        out
    }

    /// The closing bracket (`[]` for an array with no element).
    pub fn close(&self) -> String {
        if self.started {
            format!("\n{}]", " ".repeat(self.indent))
        } else {
            "[]".to_owned()
        }
    }
}
