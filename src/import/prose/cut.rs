//! Cutting text into cells: at line ends; within a line at `；` `;` `。` (running text), or, on a
//! line with none of those, at spaces (a table's cells pasted onto one line). A category heading
//! (`产出指标：`) comes off the front of a cell as a cell of its own, an info label keeps its
//! value to the end of the line (`年度目标：…` is one cell), and item numbers (`1.`, `（一）`,
//! `①`) are dropped.

use super::words::{heading_len, is_heading, is_known_heading, joins_next, joins_previous};
use crate::import::columns::Columns;
use crate::import::form::is_labelled;
use std::borrow::Cow;

use crate::source::Span;

/// One cell of the text, trimmed, with its place.
#[derive(Clone, Debug)]
pub struct Cell<'t> {
    /// Empty for an empty cell a rendering marked (`|` alone, a line holding only spaces);
    /// owned for a label wrapped over two lines and joined (`社会效益` + `指标`).
    pub text: Cow<'t, str>,
    pub span: Span,
    /// 1-based line of the text.
    pub line: usize,
    /// Cut out of a sentence list (`；`, `。`): a whole indicator, never half of one.
    pub sentence: bool,
}

const SENTENCE_ENDS: [char; 3] = ['；', ';', '。'];

pub fn cells(text: &str) -> Vec<Cell<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        marked_cells(body, start, index + 1, &mut out);
        start += line.len();
    }
    rejoin_wrapped(out)
}

/// A label wrapped in its cell comes out on two lines (`社会效益` / `指标`, `绩效` / `指标`):
/// a short piece on the next line that is nothing alone joins the one before when together
/// they are a category or a column heading.
fn rejoin_wrapped(cells: Vec<Cell<'_>>) -> Vec<Cell<'_>> {
    let mut out: Vec<Cell<'_>> = Vec::with_capacity(cells.len());
    for cell in cells {
        let joined = out.last().and_then(|last| {
            let wrapped = last.line + 1 == cell.line
                && !last.sentence
                && !cell.sentence
                && !cell.text.is_empty()
                && cell.text.chars().count() <= 4
                && !is_heading(&cell.text)
                && Columns::default().field(&cell.text).is_none();
            let text = format!("{}{}", last.text, cell.text);
            (wrapped && (is_heading(&text) || Columns::default().field(&text).is_some()))
                .then_some(text)
        });
        match (joined, out.last_mut()) {
            (Some(text), Some(last)) => {
                last.text = Cow::Owned(text);
                last.span = Span::new(last.span.start, cell.span.end);
            }
            _ => out.push(cell),
        }
    }
    out
}

/// A line of a rendered table: `|` ends each cell (`农村低保发放人数 |`, `|` alone is an empty
/// cell), and a line of spaces alone is an empty cell; other lines are cut as text.
fn marked_cells<'t>(line: &'t str, offset: usize, number: usize, out: &mut Vec<Cell<'t>>) {
    let empty = |at: usize| Cell {
        text: Cow::Borrowed(""),
        span: Span::new(offset + at, offset + at),
        line: number,
        sentence: false,
    };
    if !line.is_empty() && line.trim().is_empty() {
        out.push(empty(0));
        return;
    }
    if !line.contains('|') {
        return line_cells(line, offset, number, out);
    }
    let mut from = 0;
    for (at, _) in line.match_indices('|') {
        let part = &line[from..at];
        // A bar before a cell's text (`| 指标`) opens the cell; alone, it is an empty cell.
        let opening = from == 0 && !line[at + 1..].trim().trim_matches('|').is_empty();
        if part.trim().is_empty() {
            if !opening {
                out.push(empty(from));
            }
        } else {
            line_cells(part, offset + from, number, out);
        }
        from = at + 1;
    }
    if !line[from..].trim().is_empty() {
        line_cells(&line[from..], offset + from, number, out);
    }
}

fn line_cells<'t>(line: &'t str, offset: usize, number: usize, out: &mut Vec<Cell<'t>>) {
    let sentences = line.contains(SENTENCE_ENDS);
    let mut at = 0;
    loop {
        at = skip_furniture(line, at);
        if at >= line.len() {
            return;
        }
        let rest = &line[at..];
        if let Some((word, used)) = heading_len(rest) {
            push(out, line, offset, number, (at, at + word), false);
            at += used;
            continue;
        }
        // An info label keeps its value up to the next heading (`年度目标：…。产出指标：…`).
        // Every search here looks no further than where the cell will end, so a long line is
        // cut in time proportional to its length.
        let stop = rest.find(SENTENCE_ENDS).unwrap_or(rest.len());
        let piece = &rest[..stop];
        let label_end = piece.find(['：', ':']).filter(|_| is_labelled(piece));
        let end = match label_end {
            Some(_) => next_heading(rest).unwrap_or(rest.len()),
            None => [next_heading(piece), glued_heading(piece)]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(stop),
        };
        let piece = (at, at + end);
        if sentences || label_end.is_some() {
            push(out, line, offset, number, piece, sentences);
        } else {
            tokens(line, offset, number, piece, out);
        }
        at += end.max(1);
    }
}

/// Spaces, sentence ends and an item number before a cell.
fn skip_furniture(line: &str, mut at: usize) -> usize {
    loop {
        let rest = &line[at..];
        let trimmed = rest.trim_start_matches(|c: char| {
            c.is_whitespace() || SENTENCE_ENDS.contains(&c) || c == '\u{3000}'
        });
        let numbered = number_len(trimmed);
        let skipped = rest.len() - trimmed.len() + numbered;
        if skipped == 0 || at + skipped >= line.len() {
            return (at + skipped).min(line.len());
        }
        at += skipped;
    }
}

/// The length of an item number at the front: `1.` `1、` `1）` `(1)` `（一）` `一、` `①`; not
/// the start of a number (`1.5万元`) or a year.
fn number_len(text: &str) -> usize {
    let mut chars = text.char_indices().peekable();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    if ('①'..='⑳').contains(&first) {
        return first.len_utf8();
    }
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let open = matches!(first, '(' | '（');
    let digits_from = if open { first.len_utf8() } else { 0 };
    let body: String = text[digits_from..]
        .chars()
        .take_while(|c| numeral(*c))
        .collect();
    if body.is_empty() || body.chars().count() > 3 {
        return 0;
    }
    let after = digits_from + body.len();
    let Some(close) = text[after..].chars().next() else {
        return 0;
    };
    let closes = if open {
        matches!(close, ')' | '）')
    } else {
        matches!(close, '、' | '.' | '．' | ')' | '）')
    };
    let next = text[after + close.len_utf8()..].chars().next();
    if !closes || (!open && next.is_some_and(|c| c.is_ascii_digit())) {
        return 0;
    }
    after + close.len_utf8()
}

/// Where the next category heading starts in a piece: after a boundary (a space, a comma, a
/// sentence end), a word that reads as a category and is followed by its colon.
fn next_heading(piece: &str) -> Option<usize> {
    piece
        .char_indices()
        .filter(|(i, _)| *i > 0)
        .filter(|(i, _)| {
            piece[..*i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_whitespace() || matches!(c, '，' | ',' | '。' | '；' | ';'))
        })
        .map(|(i, _)| i)
        .find(|i| {
            heading_len(&piece[*i..]).is_some_and(|(word, used)| {
                let after = &piece[*i + word..*i + used];
                after.contains(['：', ':'])
            })
        })
}

/// Where a known category starts that is glued to the text before it, as a table flattened
/// without separators writes it (`…当年预期实现值数量指标办公大楼…`): the longest known category
/// ending at a `指标`.
fn glued_heading(piece: &str) -> Option<usize> {
    piece.match_indices("指标").find_map(|(at, _)| {
        let end = at + "指标".len();
        let starts: Vec<usize> = piece[..at]
            .char_indices()
            .rev()
            .take(8)
            .map(|(i, _)| i)
            .collect();
        starts
            .into_iter()
            .rev()
            .find(|start| *start > 0 && is_known_heading(&piece[*start..end]))
    })
}

/// A line without sentence ends cut at its spaces; an operator alone (`≥`) joins the next
/// token and a unit alone (`人次`) the one before, so `≥ 500 人次` stays one cell.
fn tokens<'t>(
    line: &'t str,
    offset: usize,
    number: usize,
    (start, end): (usize, usize),
    out: &mut Vec<Cell<'t>>,
) {
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut at = start;
    for token in line[start..end].split_whitespace() {
        let from = at + line[at..end].find(token).unwrap_or(0);
        let to = from + token.len();
        at = to;
        let joined = pieces.last().is_some_and(|&(s, e)| {
            joins_next(&line[s..e]) || (joins_previous(token) && !is_heading(&line[s..e]))
        });
        match pieces.last_mut() {
            Some(last) if joined => last.1 = to,
            _ => pieces.push((from, to)),
        }
    }
    for piece in pieces {
        push(out, line, offset, number, piece, false);
    }
}

fn push<'t>(
    out: &mut Vec<Cell<'t>>,
    line: &'t str,
    offset: usize,
    number: usize,
    (start, end): (usize, usize),
    sentence: bool,
) {
    let raw = &line[start..end];
    let text = raw.trim().trim_end_matches(['，', ',', '：', ':']).trim();
    if text.is_empty() {
        return;
    }
    let lead = raw.len() - raw.trim_start().len();
    let from = offset + start + lead;
    out.push(Cell {
        text: Cow::Borrowed(text),
        span: Span::new(from, from + text.len()),
        line: number,
        sentence,
    });
}
