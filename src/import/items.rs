//! Indicator lists as the published tables write them in one cell:
//! `1、产出指标：名称，年度指标值：值。2、效益指标：…`, numbering sometimes restarting at 1.

use super::joined::{Joined, clean};
use super::table::Item;
use crate::model::Level1;
use crate::source::Span;

/// Where an item starts: `N、类别指标：`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    /// Byte offsets in the joined text: the first digit, and just past the colon.
    pub start: usize,
    pub body: usize,
    pub number: u32,
    pub category: String,
}

/// An item that could not be split, with what was missing.
#[derive(Clone, Debug)]
pub struct Unsplit {
    pub text: String,
    pub span: Span,
    pub detail: &'static str,
}

/// The outcome of reading one list.
#[derive(Clone, Debug, Default)]
pub struct List {
    pub items: Vec<Item>,
    pub unsplit: Vec<Unsplit>,
    /// The printed numbers, in order.
    pub numbers: Vec<u32>,
    /// (span, previous, number) for every jump that is not a restart at 1.
    pub gaps: Vec<(Span, u32, u32)>,
}

/// The first item marker at or after `from`, reading numbers as the list so far expects.
pub fn next_marker(text: &str, from: usize, previous: u32) -> Option<Marker> {
    let mut search = from;
    while let Some(found) = text.get(search..)?.find('、') {
        let at = search + found;
        if let Some(marker) = marker_at(text, at, previous).filter(|m| m.start >= from) {
            return Some(marker);
        }
        search = at + '、'.len_utf8();
    }
    None
}

/// A marker whose `、` is at byte `at`, if the digits before and the category after are there.
fn marker_at(text: &str, at: usize, previous: u32) -> Option<Marker> {
    let before = text[..at].trim_end_matches([' ', '\t']);
    let digits: Vec<(usize, char)> = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| digit(*c).is_some())
        .collect();
    let (start, number) = if digits.is_empty() {
        chinese_number(before)?
    } else {
        let run: String = digits.iter().rev().filter_map(|(_, c)| digit(*c)).collect();
        choose_number(&digits, &run, previous, boundary_before(before, &digits))?
    };
    let after = &text[at + '、'.len_utf8()..];
    let (category, used) = category_word(after)?;
    Some(Marker {
        start,
        body: at + '、'.len_utf8() + used,
        number,
        category,
    })
}

/// `一、` … `九十九、`: Chinese numerals, taken only after a clean start (so `统一、` is not one).
fn chinese_number(before: &str) -> Option<(usize, u32)> {
    let value = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let run: Vec<(usize, char)> = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| value(*c).is_some() || *c == '十')
        .take(4)
        .collect();
    let start = run.last()?.0;
    let clean = before[..start]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '。' | '；' | ';' | '，' | ','));
    if !clean {
        return None;
    }
    let chars: Vec<char> = run.iter().rev().map(|(_, c)| *c).collect();
    let number = match chars.iter().position(|c| *c == '十') {
        None if chars.len() == 1 => value(chars[0])?,
        None => return None,
        Some(at) => {
            let tens = match at {
                0 => 1,
                1 => value(chars[0])?,
                _ => return None,
            };
            let ones = match &chars[at + 1..] {
                [] => 0,
                [one] => value(*one)?,
                _ => return None,
            };
            tens * 10 + ones
        }
    };
    (number > 0).then(|| (start, u32::try_from(number).unwrap_or(0)))
}

fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

/// True when the digit run does not continue a word or a number (start, punctuation, space).
fn boundary_before(before: &str, digits: &[(usize, char)]) -> bool {
    let first = digits.last().map_or(0, |(i, _)| *i);
    before[..first]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '。' | '；' | ';' | '.' | '，' | ','))
}

/// The printed number of a marker. A value's digits may run into it (`…100` + `2、`), so the
/// number the list expects next is preferred, then the whole run, then a restart at 1.
fn choose_number(
    digits: &[(usize, char)],
    run: &str,
    previous: u32,
    clean_start: bool,
) -> Option<(usize, u32)> {
    let start_of_suffix = |len: usize| digits.get(len - 1).map(|(i, _)| *i);
    let expected = (previous + 1).to_string();
    if run.ends_with(&expected) {
        return Some((start_of_suffix(expected.len())?, previous + 1));
    }
    if clean_start && run.len() <= 3 {
        return Some((start_of_suffix(run.len())?, run.parse().ok()?));
    }
    if run.ends_with('1') {
        return Some((start_of_suffix(1)?, 1));
    }
    None
}

/// `产出指标：`, `满意度 指标 ：`, `效果:`: the category word and the bytes used up to the colon.
fn category_word(after: &str) -> Option<(String, usize)> {
    let mut word = String::new();
    for (i, c) in after.char_indices() {
        if c == '：' || c == ':' {
            let known = Level1::read(&word).is_some();
            return (known || word.ends_with("指标")).then(|| (word, i + c.len_utf8()));
        }
        if c.is_whitespace() {
            continue;
        }
        if word.chars().count() >= 8 || !is_word_char(c) {
            return None;
        }
        word.push(c);
    }
    None
}

fn is_word_char(c: char) -> bool {
    !c.is_ascii_punctuation() && !matches!(c, '，' | '。' | '、' | '；' | '：' | '（' | '）')
}

/// Splits a whole list (the joined text starting at its first marker) into items.
pub fn read_list(list: &Joined) -> List {
    let text = &list.text;
    let mut out = List::default();
    let mut previous = 0;
    let mut next = next_marker(text, 0, previous);
    while let Some(marker) = next {
        next = next_marker(text, marker.body, marker.number);
        let end = next.as_ref().map_or(text.len(), |m| m.start);
        if marker.number != 1 && marker.number != previous + 1 {
            let span = list.span(marker.start, marker.body);
            out.gaps.push((span, previous, marker.number));
        }
        out.numbers.push(marker.number);
        previous = marker.number;
        match split_item(list, &marker, end) {
            Ok(item) => out.items.push(item),
            Err(unsplit) => out.unsplit.push(unsplit),
        }
    }
    out
}

/// `名称，年度指标值：值。` → name and value; the one `。` ending the item is not part of it.
fn split_item(list: &Joined, marker: &Marker, end: usize) -> Result<Item, Unsplit> {
    let text = &list.text;
    let span = list.span(marker.start, end);
    let whole = clean(&text[marker.start..end]);
    let unsplit = |detail| Unsplit {
        text: whole.trim_end_matches('。').to_owned(),
        span,
        detail,
    };
    let Some(level1) = Level1::read(&marker.category) else {
        return Err(unsplit("一级指标不是产出、效益、满意度或成本"));
    };
    let body = &text[marker.body..end];
    let Some(label_at) = body.find("指标值") else {
        return Err(unsplit("没有“年度指标值：”，分不出指标名称和指标值"));
    };
    let after_label = body[label_at + "指标值".len()..].trim_start();
    let Some(value) = after_label
        .strip_prefix('：')
        .or_else(|| after_label.strip_prefix(':'))
    else {
        return Err(unsplit("“指标值”后面没有冒号"));
    };
    let name = body[..label_at].trim_end();
    let name = name.strip_suffix("年度").unwrap_or(name).trim_end();
    let name = clean(name.trim_end_matches(['，', ',']));
    let value = clean(value);
    let value = value.strip_suffix('。').unwrap_or(&value).trim().to_owned();
    if name.is_empty() {
        return Err(unsplit("指标名称为空"));
    }
    if value.is_empty() {
        return Err(unsplit("指标值为空"));
    }
    Ok(Item {
        level1: level1.label().to_owned(),
        level2: None,
        name,
        target: value,
        note: None,
        weight: None,
        actual: None,
        score: None,
        deviation: None,
        place: None,
        span,
    })
}
