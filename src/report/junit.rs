//! JUnit XML for CI test reports: a test suite per file, a test case per indicator, a failure per
//! error-level finding; findings outside every indicator belong to a test case named after the file.

use super::stream::FileByFile;
use crate::Checked;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// One test case: its name and the findings inside it.
struct Case<'a> {
    name: String,
    findings: Vec<&'a Diagnostic>,
}

/// The findings of every file as a JUnit `<testsuites>` document.
pub fn render(results: &[Checked]) -> String {
    super::stream::whole(Box::new(Stream::default()), results)
}

/// The document written a file at a time. Its totals come first, so the suites are held (as
/// text, not as checked files) until the end.
#[derive(Default)]
pub struct Stream {
    suites: String,
    tests: usize,
    failures: usize,
}

impl FileByFile for Stream {
    fn file(&mut self, checked: &Checked) -> String {
        let cases = cases(checked);
        self.tests += cases.len();
        self.failures += failed(&cases);
        suite(&mut self.suites, checked, &cases);
        String::new()
    }

    fn finish(self: Box<Self>, _: &super::Summary) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!(
            "<testsuites name=\"jixiao\" tests=\"{}\" failures=\"{}\">\n",
            self.tests, self.failures
        ));
        out.push_str(&self.suites);
        out.push_str("</testsuites>\n");
        out
    }
}

/// One file's `<testsuite>`.
fn suite(out: &mut String, checked: &Checked, cases: &[Case<'_>]) {
    let file = escape(&checked.source.name);
    out.push_str(&format!(
        "  <testsuite name=\"{file}\" tests=\"{}\" failures=\"{}\">\n",
        cases.len(),
        failed(cases)
    ));
    for case in cases {
        out.push_str(&format!(
            "    <testcase classname=\"{file}\" name=\"{}\"",
            escape(&case.name)
        ));
        if case.findings.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        let mut warnings = String::new();
        for d in &case.findings {
            let line = finding_line(&checked.source, d);
            match d.severity {
                Severity::Error => out.push_str(&format!(
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                    d.rule().id,
                    escape(&d.message()),
                    escape_text(&line)
                )),
                Severity::Warning => {
                    warnings.push_str(&line);
                    warnings.push('\n');
                }
            }
        }
        if !warnings.is_empty() {
            out.push_str(&format!(
                "      <system-out>{}</system-out>\n",
                escape_text(&warnings)
            ));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n");
}

/// How many cases of a suite have an error-level finding.
fn failed(cases: &[Case<'_>]) -> usize {
    cases
        .iter()
        .filter(|case| case.findings.iter().any(|d| d.severity == Severity::Error))
        .count()
}

/// A case per indicator, in order, then the file's own case when some finding lies outside every
/// indicator or the file has no indicator at all.
fn cases(checked: &Checked) -> Vec<Case<'_>> {
    let mut cases: Vec<Case<'_>> = Vec::new();
    let mut spans = Vec::new();
    for indicator in checked.spec.all_indicators() {
        cases.push(Case {
            name: format!("{} / {}", indicator.owner, indicator.name),
            findings: Vec::new(),
        });
        spans.push(indicator.span);
    }
    let mut outside = Vec::new();
    for d in &checked.diagnostics {
        let inside = spans
            .iter()
            .position(|s| s.start <= d.span.start && d.span.end <= s.end);
        match inside {
            Some(i) => cases[i].findings.push(d),
            None => outside.push(d),
        }
    }
    if !outside.is_empty() || cases.is_empty() {
        cases.push(Case {
            name: checked.source.name.clone(),
            findings: outside,
        });
    }
    cases
}

/// `file:line:column: JX0101 vague-target message`, and the help on the next line.
fn finding_line(source: &SourceFile, d: &Diagnostic) -> String {
    let rule = d.rule();
    let mut line = format!(
        "{}: {} {} {}",
        d.place(source),
        rule.id,
        rule.name,
        d.message()
    );
    if let Some(help) = d.help() {
        line.push('\n');
        line.push_str(&help);
    }
    line
}

/// Escapes text for XML content and attribute values; characters XML 1.0 forbids are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes element content: as `escape`, but line breaks stay as they are.
fn escape_text(text: &str) -> String {
    escape(text).replace("&#10;", "\n")
}
