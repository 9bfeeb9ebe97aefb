//! SARIF 2.1.0 for code-scanning services: one run, the whole rule table as the driver's rules,
//! one result per finding with character columns, byte offsets and a line-stable fingerprint.

use serde::Serialize;

use super::stream::{FileByFile, JsonArray};
use crate::Checked;
use crate::diagnostic::{Diagnostic, RULES, Rule};
use crate::source::{SourceFile, Span};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of the one partial fingerprint jixiao writes; bump the version if the hash changes.
pub const FINGERPRINT_KEY: &str = "jixiao/v1";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: Fingerprints,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    /// The workbook cell (`Sheet1!E14`) of a finding in a table, which has no lines.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

/// Lines and columns are 1-based, columns in characters; the end column is just past the last
/// character. The byte offset and length are UTF-8 bytes.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "jixiao/v1")]
    v1: String,
}

/// The findings of every file as one pretty-printed SARIF log.
pub fn render(results: &[Checked]) -> String {
    super::stream::whole(Box::<Stream>::default(), results)
}

/// The SARIF log written a file at a time: the log with no result, split where its results go.
pub struct Stream {
    head: String,
    results: JsonArray,
    tail: String,
}

impl Default for Stream {
    fn default() -> Stream {
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "jixiao",
                        version: env!("CARGO_PKG_VERSION"),
                        rules: RULES.iter().map(descriptor).collect(),
                    },
                },
                column_kind: "unicodeCodePoints",
                results: Vec::new(),
            }],
        };
        let text = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_owned());
        const EMPTY: &str = "\"results\": []";
        let at = text.find(EMPTY).unwrap_or(text.len());
        let indent = text[..at].len() - text[..at].trim_end_matches(' ').len();
        let open = (at + EMPTY.len() - 2).min(text.len());
        let close = (at + EMPTY.len()).min(text.len());
        Stream {
            head: text[..open].to_owned(),
            results: JsonArray::new(indent),
            tail: text[close..].to_owned(),
        }
    }
}

impl FileByFile for Stream {
    fn file(&mut self, checked: &Checked) -> String {
        let head = std::mem::take(&mut self.head);
        let results: String = checked
            .diagnostics
            .iter()
            .map(|d| self.results.element(&result(&checked.source, d)))
            .collect();
        head + &results
    }

    fn finish(self: Box<Self>, _: &super::Summary) -> String {
        format!("{}{}{}\n", self.head, self.results.close(), self.tail)
    }
}

fn descriptor(rule: &'static Rule) -> RuleDescriptor {
    RuleDescriptor {
        id: rule.id,
        name: rule.name,
        short_description: text(rule.title),
        full_description: text(rule.explanation),
        help: text(rule_help(rule.help, rule.title)),
        default_configuration: Configuration {
            level: rule.severity.as_str(),
        },
    }
}

fn text(text: impl Into<String>) -> Text {
    Text { text: text.into() }
}

/// A rule's help template for the rule as a whole: each placeholder becomes `…`; a template that
/// is (nearly) all placeholders says nothing on its own, so the title stands in.
fn rule_help(template: &str, title: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push('…');
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    if out.chars().filter(|c| c.is_alphanumeric()).count() > 4 {
        out
    } else {
        title.to_owned()
    }
}

fn result(source: &SourceFile, d: &Diagnostic) -> SarifResult {
    let mut message = match &d.cell {
        Some(cell) => format!("{cell}: {}", d.message()),
        None => d.message(),
    };
    if let Some(help) = d.help() {
        message.push('\n');
        message.push_str(&help);
    }
    let mut primary = physical_location(source, d.span);
    if d.cell.is_some() {
        primary.region = None;
    }
    SarifResult {
        rule_id: d.rule().id,
        rule_index: RULES.iter().position(|r| r.code == d.code).unwrap_or(0),
        level: d.severity.as_str(),
        message: text(message),
        locations: [Location {
            id: None,
            physical_location: primary,
            logical_locations: d
                .cell
                .iter()
                .map(|cell| LogicalLocation {
                    fully_qualified_name: cell.clone(),
                    kind: "element",
                })
                .collect(),
            message: text(d.primary_label()),
        }],
        // A workbook's labels point into the spec made from it, which is not the artifact.
        related_locations: d
            .labels
            .iter()
            .filter(|_| d.cell.is_none())
            .enumerate()
            .map(|(i, label)| Location {
                id: Some(i),
                physical_location: physical_location(source, label.span),
                logical_locations: Vec::new(),
                message: text(label.text.clone()),
            })
            .collect(),
        partial_fingerprints: Fingerprints {
            v1: fingerprint(source, d),
        },
    }
}

fn physical_location(source: &SourceFile, span: Span) -> PhysicalLocation {
    let start = source.line_col(span.start);
    let end = source.line_col(span.end);
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: uri(&source.name),
            uri_base_id: (!is_absolute(&source.name)).then_some("%SRCROOT%"),
        },
        region: Some(Region {
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column,
            byte_offset: span.start,
            byte_length: span.len(),
        }),
    }
}

fn is_absolute(name: &str) -> bool {
    let bytes = name.as_bytes();
    name.starts_with('/')
        || name.starts_with('\\')
        || (bytes.len() > 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic())
}

/// A file name as a URI reference: forward slashes, no leading `./`, everything outside the
/// unreserved characters percent-encoded; an absolute path becomes a `file://` URI.
pub fn uri(name: &str) -> String {
    let slashed = name.replace('\\', "/");
    let mut path = slashed.as_str();
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    let mut out = String::with_capacity(path.len());
    if is_absolute(name) {
        out.push_str("file://");
        if !path.starts_with('/') {
            out.push('/');
        }
    }
    let keep: &[u8] = if is_absolute(name) {
        b"-._~/:"
    } else {
        b"-._~/"
    };
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || keep.contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A hash of the rule, the file and the trimmed text of the lines the finding covers: it does
/// not change when lines are added or removed above the finding.
pub fn fingerprint(source: &SourceFile, d: &Diagnostic) -> String {
    let first = source.line_index(d.span.start);
    let last_byte = if d.span.is_empty() {
        d.span.start
    } else {
        d.span.end - 1
    };
    let last = source.line_index(last_byte).max(first);
    let mut hash = Fnv1a::new();
    hash.write(d.rule().id.as_bytes());
    hash.write(&[0]);
    hash.write(source.name.replace('\\', "/").as_bytes());
    for line in first..=last {
        let start = source.line_start(line);
        let end = source.line_start(line + 1).max(start);
        hash.write(&[0]);
        hash.write(source.slice(Span::new(start, end)).trim().as_bytes());
    }
    format!("{:016x}", hash.finish())
}

/// FNV-1a, 64 bits: tiny, stable across versions and platforms (unlike `DefaultHasher`).
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
