//! What a cell of running text is, word by word: a category heading, an operator or a unit that
//! belongs to its neighbour, a value, or a name with its value.

use crate::check::vocabulary::{is_unit_word, vague_word};
use crate::import::columns::Columns;
use crate::import::form::is_info_label;
use crate::model::category::{How, clean, mentions_known_word, read_label};
use crate::model::measure::Period;
use crate::model::value::operator;
use crate::model::{Level1, Level2};
use crate::syntax::ast::{Clause, TargetForm};
use crate::syntax::parse_value;

/// Byte offsets `start..end` in a cell.
pub type Range = (usize, usize);

/// The name and the value of each indicator a cell holds.
pub type Split = Vec<(Range, Range)>;

/// Headings longer than this are sentences, not categories.
const MAX_HEADING_CHARS: usize = 16;

/// Whether a cell is a category heading: a label the category reader knows (`产出指标`,
/// `社会效益指标`, `服务对象满意度指标(10分)`, `产出`), or a short label ending in `指标` that it
/// carries as written (`决策指标`). Column headings (`一级指标`) and info labels (`绩效目标`)
/// are not categories.
pub fn is_heading(word: &str) -> bool {
    heading_kind(word).is_some()
}

/// A category the category reader knows (`数量指标`, `服务对象满意度指标`), not one carried as
/// written: the only kind found glued inside text (`…实现值数量指标办公大楼…`).
pub fn is_known_heading(word: &str) -> bool {
    heading_kind(word) == Some(true)
}

/// `Some(true)` for a known category, `Some(false)` for a short label ending in `指标` carried as
/// written, `None` for anything else.
fn heading_kind(word: &str) -> Option<bool> {
    let (core, _) = clean(word);
    let chars = core.chars().count();
    // Most cells are names and values: only words ending in 指标 or 目标, or holding a word the
    // category reader knows, can be a heading.
    let candidate = core.ends_with("指标") || core.ends_with("目标") || mentions_known_word(&core);
    if !candidate
        || chars == 0
        || chars > MAX_HEADING_CHARS
        || core.chars().any(|c| {
            c.is_ascii_digit()
                || matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '。')
                || operator(&c.to_string()).is_some()
        })
        || Columns::default().field(word).is_some()
        || is_info_label(word)
    {
        return None;
    }
    let as_level1 = read_label(&core, "");
    let level1 = as_level1.category.level1 != Level1::Other
        && (matches!(as_level1.how, How::Known | How::Combined)
            || (as_level1.how == How::Contained && core.ends_with("指标")));
    // A 二级 is known when it reads exactly under one of the 一级 (`数量指标` under 产出).
    let level2 = || {
        Level1::known().iter().any(|parent| {
            let reading = read_label(parent.label(), &core);
            reading.how == How::Known && reading.category.level2.is_some_and(|l| l != Level2::Other)
        })
    };
    let known = level1 || level2();
    if known {
        Some(true)
    } else {
        (core.ends_with("指标") && (3..=6).contains(&chars)).then_some(false)
    }
}

/// Whether a heading under `level1` names a 二级 (`数量指标`, `社会效益指标`, `服务对象满意度`
/// under `满意度`) rather than the next 一级.
pub fn is_level2(level1: &str, word: &str) -> bool {
    let (core, _) = clean(word);
    Level1::read(&core).is_none()
        && read_label(level1, &core)
            .category
            .level2
            .is_some_and(|l| l != Level2::Other)
}

/// A heading at the front of `text`, followed by its colon, a space or nothing: the heading's
/// length and the bytes used.
pub fn heading_len(text: &str) -> Option<(usize, usize)> {
    let text = window(text);
    let end = text
        .char_indices()
        .find(|(_, c)| matches!(c, '：' | ':') || c.is_whitespace() || is_stop(*c))
        .map_or(text.len(), |(i, _)| i);
    let word = &text[..end];
    if !is_heading(word) {
        return heading_prefix(text).map(|len| (len, len));
    }
    let after = &text[end..];
    let separator = after
        .chars()
        .take_while(|c| matches!(c, '：' | ':') || c.is_whitespace())
        .map(char::len_utf8)
        .sum::<usize>();
    Some((end, end + separator))
}

/// The front of a text as far as a heading and what follows it can reach: a heading is looked
/// for there only, however long the text.
fn window(text: &str) -> &str {
    let mut end = text.len().min(4 * (MAX_HEADING_CHARS + 4));
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn is_stop(c: char) -> bool {
    matches!(c, '；' | ';' | '。' | '，' | ',')
}

/// An operator alone (`≥`, `不少于`): it belongs to the value after it.
pub fn joins_next(token: &str) -> bool {
    operator(token).is_some()
}

/// A unit alone (`人次`, `%`): it belongs to the number before it.
pub fn joins_previous(token: &str) -> bool {
    token.starts_with('%') || is_unit(token)
}

/// A unit word, or units joined by `/` `*` `·` (`人/天`, `元/人*月`, `/株`).
fn is_unit(token: &str) -> bool {
    let mut parts = token
        .split(['/', '*', '·', '／'])
        .filter(|p| !p.is_empty())
        .peekable();
    parts.peek().is_some() && parts.all(|p| is_unit_word(p) || Period::read(p).is_some())
}

/// Whether a cell is a value alone: a measurable target with no words before it (`≥500人次`,
/// `2023年12月底前`, `100%`), or a short judgement (`良好`, `明显提升`): the value of the name
/// before it.
pub fn is_value(cell: &str) -> bool {
    if cell.is_empty() || cell.len() > MAX_SPLIT_BYTES {
        return false;
    }
    match &parse_value(cell, 0).form {
        TargetForm::Clauses(clauses) => clauses.first().is_some_and(|c| c.subject.is_none()),
        TargetForm::Word { op: Some(_), .. } => true,
        TargetForm::Word { .. } | TargetForm::Free => {
            cell.chars().count() <= 6 && vague_word(cell, &[]).is_some_and(|(at, _)| at == 0)
        }
    }
}

/// Cells longer than this are not split: no indicator sentence is that long, and each split
/// parses the rest of the cell again.
pub const MAX_SPLIT_BYTES: usize = 4096;

/// A cell holding indicators with their values (`培训人数≥500人次`, `合格率：≥95%`,
/// `培训班次，年度指标值：不少于4期`): for each, the name and the value, as byte ranges of the
/// cell. Several when the cell holds several statements each with its own subject
/// (`培训人数≥500人次，合格率≥95%`), or when text glued on after the last value holds an
/// indicator of its own (`…2280次大楼安检巡察次数200次`). `None` when the value grammar finds
/// no subject before a measurable part.
pub fn indicators(cell: &str) -> Option<Split> {
    if cell.len() > MAX_SPLIT_BYTES {
        return None;
    }
    let (mut out, mut context) = statements(cell)?;
    // One parse per glued indicator, in a loop: a long glued text does not deepen the stack.
    while let Some(at) = context {
        let Some((more, next)) = cell.get(at..).and_then(statements) else {
            break;
        };
        let last = out.last_mut()?;
        if at <= last.1.0 {
            break;
        }
        last.1 = value_range(cell, last.1.0, at)?;
        out.extend(
            more.into_iter()
                .map(|((a, b), (c, d))| ((a + at, b + at), (c + at, d + at))),
        );
        context = next.map(|n| n + at);
    }
    Some(out)
}

/// The statements of one parse of `cell`, and where the words after its last measure start.
fn statements(cell: &str) -> Option<(Split, Option<usize>)> {
    let target = parse_value(cell, 0);
    let TargetForm::Clauses(clauses) = &target.form else {
        return None;
    };
    let first = clauses.first()?;
    let subject = first.subject.as_ref()?;
    // A later clause without its own subject is part of the value before it (`≥90%，≤100%`).
    let mut starts: Vec<(usize, usize)> = vec![(first.span.start, subject.span.end)];
    for clause in &clauses[1..] {
        if let Some(own) = &clause.subject {
            starts.push((clause.span.start, own.span.end));
        }
    }
    let mut out = Vec::new();
    for (i, (start, name_end)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(cell.len(), |(next, _)| {
            clause_end_before(clauses, *next).unwrap_or(*next)
        });
        let name = name_range(cell, *start, *name_end)?;
        let value = value_range(cell, *name_end, end)?;
        out.push((name, value));
    }
    let context = clauses
        .last()
        .and_then(|c| c.context.as_ref())
        .map(|c| c.span.start);
    Some((out, context))
}

/// A known category written straight before a name, with nothing between (`数量指标办公大楼维修
/// 次数`): the heading's length, when the words up to its first `指标` are one.
pub fn heading_prefix(text: &str) -> Option<usize> {
    let end = window(text).find("指标")? + "指标".len();
    (end < text.len() && is_known_heading(&text[..end])).then_some(end)
}

/// The end of the last clause that ends before `next`.
fn clause_end_before(clauses: &[Clause], next: usize) -> Option<usize> {
    clauses
        .iter()
        .map(|c| c.span.end)
        .filter(|end| *end <= next)
        .max()
}

/// Spaces and list punctuation before a name (`，持续发展`).
fn lead(text: &str) -> &str {
    text.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '，' | ',' | '、'))
}

/// The name without the label and punctuation between it and its value (`，年度指标值：`).
fn name_range(cell: &str, start: usize, end: usize) -> Option<Range> {
    let mut name = cell.get(start..end)?;
    loop {
        let before = name.len();
        name = name.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '：' | ':' | '，' | ',' | '为' | '是')
        });
        for label in ["年度指标值", "指标值", "目标值", "年度"] {
            name = name.strip_suffix(label).unwrap_or(name);
        }
        if name.len() == before {
            break;
        }
    }
    let name = lead(name);
    let from = start + (cell[start..].len() - lead(&cell[start..]).len());
    (!name.is_empty()).then(|| (from, from + name.len()))
}

fn value_range(cell: &str, start: usize, end: usize) -> Option<Range> {
    let raw = cell.get(start..end)?;
    let lead = raw.len()
        - raw
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '：' | ':' | '，' | ','))
            .len();
    let value = raw[lead..].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '，' | ',' | '；' | ';' | '。')
    });
    (!value.is_empty()).then(|| (start + lead, start + lead + value.len()))
}
