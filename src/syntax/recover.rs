//! A used tree taken apart into the pieces of its lines again (`LineCache::release`): the next
//! keystroke moves them into its tree instead of copying or reading them.

use super::ast::{Ast, Item};
use super::build::Line;
use super::{LineCache, Piece};

/// Gives each line of the cache's text the pieces it yielded, taken out of `ast`. A line whose
/// pieces did not all come back (a statement the nesting rejected) is left to be read again.
pub(super) fn lines(ast: Ast, cache: &mut LineCache) {
    let starts = &cache.starts;
    let line_of = |at: usize| starts.partition_point(|&s| s <= at).saturating_sub(1);
    let mut by_line: Vec<Vec<Piece>> = std::iter::repeat_with(Vec::new)
        .take(starts.len())
        .collect();
    let mut put = |piece: Piece| {
        if let Some(line) = by_line.get_mut(line_of(start(&piece))) {
            line.push(piece);
        }
    };
    items(ast.items, &mut put, &line_of);
    ast.comments
        .into_iter()
        .for_each(|c| put(Piece::Comment(c)));
    for (at, piece) in std::mem::take(&mut cache.unreadable) {
        if let Some(line) = by_line.get_mut(at) {
            line.push(piece);
        }
    }
    cache.lines = by_line
        .into_iter()
        .zip(&cache.counts)
        .map(|(mut pieces, count)| {
            pieces.sort_by_key(start);
            (pieces.len() == *count).then_some(pieces)
        })
        .collect();
}

/// Blocks become their header line, their items, and their closing line.
fn items(items: Vec<Item>, put: &mut impl FnMut(Piece), line_of: &impl Fn(usize) -> usize) {
    for item in items {
        let Item::Block(mut block) = item else {
            put(Piece::Statement(Line::Item(item)));
            continue;
        };
        let inner = std::mem::take(&mut block.items);
        block.unreadable = 0;
        // A `}` on the header's own line was read with the header.
        let close = block
            .close
            .filter(|close| line_of(close.start) != line_of(block.header.start));
        if close.is_some() {
            block.close = None;
        }
        put(Piece::Statement(Line::Open(block)));
        self::items(inner, put, line_of);
        if let Some(close) = close {
            put(Piece::Statement(Line::Close(close)));
        }
    }
}

fn start(piece: &Piece) -> usize {
    match piece {
        Piece::Comment(span) | Piece::Statement(Line::Close(span)) => span.start,
        Piece::Unreadable(found) => found.span.start,
        Piece::Statement(Line::Open(block)) => block.header.start,
        Piece::Statement(Line::Item(item)) => match item {
            Item::Block(block) => block.header.start,
            Item::Budget(line) => line.span.start,
            Item::Goal(goal) | Item::TermGoal(goal) => goal.span.start,
            Item::Scale(line) => line.span.start,
            Item::Indicator(line) => line.span.start,
            Item::Score(line) => line.span.start,
            Item::Settings(line) => line.span.start,
            Item::Initial(line) => line.span.start,
        },
    }
}
