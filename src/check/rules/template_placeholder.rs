//! `template-placeholder` (JX0111): a template's placeholder left in a name: `(≥**%)`,
//! `(≥**万元)`, `**`, or the numbering `指标1:`.

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Spec;
use crate::source::Span;

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for indicator in spec.all_indicators() {
        let name = indicator.name;
        if let Some((at, len)) = placeholder(name) {
            let placeholder = &name[at..at + len];
            let fixed = format!("{}{}", &name[..at], &name[at + len..]);
            let fixed = fixed.trim().trim_end_matches(['。', '.']).to_owned();
            let start = indicator.name_span.start + at;
            let span = if indicator.name_span.end - indicator.name_span.start == name.len() {
                Span::new(start, start + len)
            } else {
                indicator.name_span
            };
            found.push(
                Diagnostic::new(Code::TemplatePlaceholder, span)
                    .arg("name", name)
                    .arg("placeholder", placeholder)
                    .arg("fixed", fixed),
            );
        }
    }
    found
}

/// The byte offset and length of the first placeholder in a name.
fn placeholder(name: &str) -> Option<(usize, usize)> {
    if let Some(len) = numbering(name) {
        return Some((0, len));
    }
    let stars = name.find("**")?;
    // The bracket around `≥**%`, if there is one.
    let open = name[..stars].rfind(['(', '（']);
    let close = name[stars..].find([')', '）']).map(|c| {
        let c = stars + c;
        c + name[c..].chars().next().map_or(1, char::len_utf8)
    });
    match (open, close) {
        (Some(open), Some(close)) if !name[open..stars].contains([')', '）']) => {
            Some((open, close - open))
        }
        _ => {
            let end = name[stars..]
                .find(|c: char| c != '*')
                .map_or(name.len(), |e| stars + e);
            Some((stars, end - stars))
        }
    }
}

/// `指标1:`, `指标12：`: the template's numbering before the name.
fn numbering(name: &str) -> Option<usize> {
    let rest = name.strip_prefix("指标")?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let after = &rest[digits..];
    let sep = after
        .chars()
        .next()
        .filter(|c| [':', '：', '、', '.'].contains(c));
    let len = "指标".len() + digits + sep.map_or(0, char::len_utf8);
    // `指标1工程完工率`: numbering without a separator is still the template's.
    Some(len).filter(|_| !after.is_empty())
}
