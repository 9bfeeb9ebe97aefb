//! Text → syntax tree. `parse` never fails: it returns a tree and the diagnostics of every line it
//! could not read, so the checker and the editor always see the whole file.

pub mod ast;
mod build;
mod errors;
mod grammar;
mod recover;
mod shift;

use std::collections::HashMap;

use pest::Parser;
use pest::iterators::Pair;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use ast::{Ast, Block, BlockKind, Item};
use build::Line;
use grammar::{Grammar, Rule};

/// Files larger than this are refused with one diagnostic.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Lines longer than this are refused: no target is that long, and pest backtracks within a line.
pub const MAX_LINE_BYTES: usize = 16 * 1024;
/// Targets with more clauses than this are refused, the line with them: no target states that
/// many conditions, and each clause costs its tree, its model and its findings (fuzz finding 11:
/// a 16 KB line of `q 1,` held 4,000 clauses and an 8 MiB file of them ran out of memory).
pub const MAX_CLAUSES: usize = 64;

/// A syntax tree and the problems met while building it.
#[derive(Debug, Default)]
pub struct Parsed {
    pub ast: Ast,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses a spec. Never fails and never panics; unreadable lines become diagnostics.
pub fn parse(text: &str) -> Parsed {
    if let Some(limit) = over_limit(text) {
        return Parsed {
            ast: Ast::default(),
            diagnostics: vec![limit],
        };
    }
    match pieces(text) {
        Ok(pieces) => nest(pieces),
        Err(diagnostic) => Parsed {
            ast: Ast::default(),
            diagnostics: vec![*diagnostic],
        },
    }
}

/// What one line holds, read but not yet nested.
#[derive(Clone)]
enum Piece {
    Comment(Span),
    Unreadable(Diagnostic),
    Statement(Line),
}

/// Reads `text` into pieces, spans relative to its start.
fn pieces(text: &str) -> Result<Vec<Piece>, Box<Diagnostic>> {
    let pairs = match Grammar::parse(Rule::spec, text) {
        Ok(mut pairs) => pairs.next().map(Pair::into_inner),
        Err(error) => {
            let at = match error.location {
                pest::error::InputLocation::Pos(p) | pest::error::InputLocation::Span((p, _)) => p,
            };
            return Err(Box::new(
                Diagnostic::new(Code::InputLimit, Span::new(at, at))
                    .arg("detail", "文件过于复杂，无法解析"),
            ));
        }
    };
    let mut found = Vec::new();
    for pair in pairs.into_iter().flatten() {
        match pair.as_rule() {
            Rule::comment => found.push(Piece::Comment(build::span(&pair))),
            Rule::unreadable => {
                let start = pair.as_span().start();
                found.push(Piece::Unreadable(errors::unreadable(pair.as_str(), start)));
            }
            Rule::EOI => {}
            _ => {
                if let Some(limit) = too_many_clauses(&pair) {
                    found.push(Piece::Unreadable(limit));
                } else if let Some(line) = build::statement(pair) {
                    found.push(Piece::Statement(line));
                }
            }
        }
    }
    Ok(found)
}

/// The limit finding for a statement whose target has more than `MAX_CLAUSES` clauses.
fn too_many_clauses(statement: &Pair<'_, Rule>) -> Option<Diagnostic> {
    let target = statement
        .clone()
        .into_inner()
        .find(|p| p.as_rule() == Rule::target)?;
    let clauses = target.into_inner().find(|p| p.as_rule() == Rule::clauses)?;
    let count = clauses
        .clone()
        .into_inner()
        .filter(|p| p.as_rule() == Rule::clause)
        .count();
    (count > MAX_CLAUSES).then(|| {
        let detail = format!("这条指标值有 {count} 个条件，超过上限 {MAX_CLAUSES} 个，未读入");
        Diagnostic::new(Code::InputLimit, build::span(&clauses)).arg("detail", detail)
    })
}

fn nest(pieces: Vec<Piece>) -> Parsed {
    let mut nest = Nester::default();
    for piece in pieces {
        match piece {
            Piece::Comment(span) => nest.ast.comments.push(span),
            Piece::Unreadable(diagnostic) => {
                nest.diagnostics.push(diagnostic);
                if let Some(block) = nest.open.last_mut() {
                    block.unreadable += 1;
                }
            }
            Piece::Statement(line) => nest.line(line),
        }
    }
    nest.finish()
}

/// The text last read, line by line, with the pieces each line yielded: an editor re-reads only
/// the lines it changed.
///
/// The pieces go into the tree `parse_incremental` returns, so they are not copied; the caller
/// gives the tree back (`keep`, then `release`), and the cache takes the pieces out again.
#[derive(Default)]
pub struct LineCache {
    text: String,
    /// Where each line of `text` starts.
    starts: Vec<usize>,
    /// Each line's pieces (spans in `text`); `None` for a line to be read again.
    lines: Vec<Option<Vec<Piece>>>,
    /// How many pieces each line yielded: a line gets its pieces back only if all come back.
    counts: Vec<usize>,
    /// Unreadable lines' pieces: their diagnostics leave with the result, so they are copied.
    unreadable: Vec<(usize, Piece)>,
    /// The last tree, given back by its caller.
    spent: Option<Ast>,
}

impl LineCache {
    /// Takes back the tree of the last `parse_incremental` once its caller is done with it.
    pub fn keep(&mut self, ast: Ast) {
        self.spent = Some(ast);
    }

    /// Takes the pieces out of the kept tree; call it when the result has been delivered, so
    /// that the next keystroke finds its lines ready.
    pub fn release(&mut self) {
        if let Some(ast) = self.spent.take() {
            recover::lines(ast, self);
        }
    }
}

/// `parse`, reading each line through `cache`; the result is the same as `parse(text)`.
/// An edit leaves the lines before and after it as they were: those keep their pieces (moved
/// by the length the edit added or removed), and only the lines between are read again, or
/// taken from the old lines between when the edit moved them.
pub fn parse_incremental(text: &str, cache: &mut LineCache) -> Parsed {
    cache.release();
    let new: Vec<&str> = text.split_inclusive('\n').collect();
    // A byte-order mark is read only at the very start of a file.
    let bom_inside = new.iter().skip(1).any(|line| line.starts_with('\u{FEFF}'));
    let too_long = text.len() > MAX_FILE_BYTES || new.iter().any(|l| l.len() > MAX_LINE_BYTES);
    let lines = (!too_long && !bom_inside)
        .then(|| reread(&new, cache))
        .flatten();
    let Some(lines) = lines else {
        // The whole text is read at once; what the cache held is of no use any more.
        *cache = LineCache::default();
        return parse(text);
    };
    cache.text = text.to_owned();
    cache.starts = new
        .iter()
        .scan(0, |start, line| {
            let at = *start;
            *start += line.len();
            Some(at)
        })
        .collect();
    cache.counts = lines.iter().map(Vec::len).collect();
    cache.lines = std::iter::repeat_with(|| None).take(lines.len()).collect();
    cache.unreadable.clear();
    let mut all = Vec::with_capacity(lines.len());
    for (at, pieces) in lines.into_iter().enumerate() {
        for piece in pieces {
            if matches!(piece, Piece::Unreadable(_)) {
                cache.unreadable.push((at, piece.clone()));
            }
            all.push(piece);
        }
    }
    nest(all)
}

/// The pieces of each line of `new`, spans in `new`: from `cache` where a line is unchanged,
/// read afresh where not; `None` when a line is too complex to read alone.
fn reread(new: &[&str], cache: &mut LineCache) -> Option<Vec<Vec<Piece>>> {
    let old: Vec<&str> = cache.text.split_inclusive('\n').collect();
    let mut kept = std::mem::take(&mut cache.lines);
    if kept.len() != old.len() || cache.starts.len() != old.len() {
        kept = std::iter::repeat_with(|| None).take(old.len()).collect();
    }
    let same = |(a, b): &(&&str, &&str)| a == b;
    let prefix = old.iter().zip(new).take_while(same).count();
    let room = old.len().min(new.len()) - prefix;
    let suffix = (old.iter().rev().zip(new.iter().rev()))
        .take(room)
        .take_while(same)
        .count();
    let mut old_lines = kept.into_iter().zip(cache.starts.iter().copied()).zip(&old);
    let mut found: Vec<Option<(usize, Vec<Piece>)>> = Vec::with_capacity(new.len());
    for ((pieces, from), _) in old_lines.by_ref().take(prefix) {
        found.push(pieces.map(|p| (from, p)));
    }
    // The old lines the edit replaced: a line moved from there is not read again.
    let mut moved: HashMap<&str, Vec<(usize, Vec<Piece>)>> = HashMap::new();
    for ((pieces, from), text) in old_lines.by_ref().take(old.len() - prefix - suffix) {
        if let Some(pieces) = pieces {
            moved.entry(text).or_default().push((from, pieces));
        }
    }
    for line in &new[prefix..new.len() - suffix] {
        found.push(moved.get_mut(line).and_then(Vec::pop));
    }
    for ((pieces, from), _) in old_lines {
        found.push(pieces.map(|p| (from, p)));
    }
    let mut lines = Vec::with_capacity(new.len());
    let mut start = 0;
    for (line, found) in new.iter().zip(found) {
        let (from, mut pieces) = match found {
            Some(found) => found,
            None => (0, pieces(line).ok()?),
        };
        let delta = start as isize - from as isize;
        if delta != 0 {
            pieces.iter_mut().for_each(|p| shift::piece(p, delta));
        }
        lines.push(pieces);
        start += line.len();
    }
    Some(lines)
}

/// Reads one value (a target or an actual) with the value grammar alone; `offset` is where the
/// value starts in its file, so spans point into that file.
pub fn parse_value(text: &str, offset: usize) -> ast::Target {
    let parsed = Grammar::parse(Rule::value_entry, text)
        .ok()
        .and_then(|mut pairs| pairs.find(|p| p.as_rule() == Rule::target));
    let mut target = match parsed {
        Some(pair) => build::target(pair),
        None => ast::Target {
            span: Span::new(0, text.trim_end().len()),
            text: text.trim_end().to_owned(),
            form: ast::TargetForm::Free,
        },
    };
    if offset > 0 {
        shift::target(&mut target, offset as isize);
    }
    target
}

/// Whether a word, followed by a space, reads as a whole indicator category: not a statement
/// keyword (`项目`, `预算` …) and nothing a category stops at. Importers writing a label as the
/// table spelled it check it here.
pub fn reads_as_category(word: &str) -> bool {
    let line = format!("{word} ");
    Grammar::parse(Rule::category, &line)
        .ok()
        .and_then(|mut pairs| pairs.next())
        .is_some_and(|pair| pair.as_str() == word)
}

/// Whether a text is, whole, a number as the value grammar writes one (`14,035.86`, `-5`): what
/// an importer may copy into a spec as printed.
pub fn reads_as_number(text: &str) -> bool {
    Grammar::parse(Rule::number, text)
        .ok()
        .and_then(|mut pairs| pairs.next())
        .is_some_and(|pair| pair.as_str() == text)
}

fn over_limit(text: &str) -> Option<Diagnostic> {
    if text.len() > MAX_FILE_BYTES {
        let detail = format!(
            "文件有 {} 字节，超过上限 {} 字节",
            text.len(),
            MAX_FILE_BYTES
        );
        return Some(Diagnostic::new(Code::InputLimit, Span::new(0, 0)).arg("detail", detail));
    }
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if line.len() > MAX_LINE_BYTES {
            let detail = format!(
                "这一行有 {} 字节，超过上限 {} 字节",
                line.len(),
                MAX_LINE_BYTES
            );
            let span = Span::new(start, start);
            return Some(Diagnostic::new(Code::InputLimit, span).arg("detail", detail));
        }
        start += line.len();
    }
    None
}

/// Nests statement lines into blocks and reports misplaced ones.
#[derive(Default)]
struct Nester {
    ast: Ast,
    open: Vec<Block>,
    diagnostics: Vec<Diagnostic>,
}

impl Nester {
    fn line(&mut self, line: Line) {
        match line {
            Line::Open(block) => {
                if let Some(problem) = self.misplaced_block(&block) {
                    self.diagnostics.push(problem);
                }
                if block.close.is_some() {
                    self.push(Item::Block(block));
                } else {
                    self.open.push(block);
                }
            }
            Line::Close(span) => match self.open.pop() {
                Some(mut block) => {
                    block.close = Some(span);
                    self.push(Item::Block(block));
                }
                None => self.diagnostics.push(syntax(
                    span,
                    "多余的 `}`：没有与之对应的块",
                    "多余的 `}`",
                    "删除这个 `}`，或检查上面是否少写了 `部门`、`预算单位` 或 `项目` 行",
                )),
            },
            Line::Item(item) => {
                if let Some(problem) = self.misplaced_item(&item) {
                    self.diagnostics.push(problem);
                } else {
                    self.push(item);
                }
            }
        }
    }

    fn push(&mut self, item: Item) {
        match self.open.last_mut() {
            Some(parent) => parent.items.push(item),
            None => self.ast.items.push(item),
        }
    }

    fn parent_kind(&self) -> Option<&BlockKind> {
        self.open.last().map(|b| &b.kind)
    }

    fn misplaced_block(&self, block: &Block) -> Option<Diagnostic> {
        let (ok, want) = match block.kind {
            BlockKind::Department { .. } => (self.parent_kind().is_none(), "部门应写在文件最外层"),
            BlockKind::Agency => (
                matches!(self.parent_kind(), Some(BlockKind::Department { .. })),
                "预算单位应写在 部门 { … } 之内",
            ),
            BlockKind::Project { .. } => (
                matches!(self.parent_kind(), Some(BlockKind::Agency)),
                "项目应写在 预算单位 { … } 之内",
            ),
            BlockKind::Group { .. } => (
                matches!(
                    self.parent_kind(),
                    Some(BlockKind::Department { .. } | BlockKind::Group { .. })
                ),
                "组应写在 部门 { … } 或另一个 组 { … } 之内",
            ),
        };
        (!ok).then(|| {
            syntax(
                block.header,
                want,
                "位置不对",
                "检查上面的块是否少写或多写了 `}`",
            )
        })
    }

    fn misplaced_item(&self, item: &Item) -> Option<Diagnostic> {
        let (span, want) = match item {
            Item::Indicator(line) => (line.span, "指标应写在 项目 { … } 或 组 { … } 之内"),
            Item::Score(line) => (
                line.span,
                "评分应写在 项目 { … } 或 组 { … } 之内，紧跟指标行",
            ),
            Item::Initial(line) => (line.span, "年初目标应写在 项目 { … } 之内，紧跟指标行"),
            Item::Goal(goal) => (goal.span, "目标应写在 项目 { … } 之内"),
            Item::TermGoal(goal) => (goal.span, "实施期目标应写在 项目 { … } 之内"),
            Item::Budget(line) => (line.span, "预算应写在 部门、预算单位 或 项目 块之内"),
            Item::Settings(line) => (line.span, "计分应写在 部门 { … } 之内"),
            Item::Scale(_) | Item::Block(_) => return None,
        };
        let ok = match item {
            Item::Budget(_) => self.parent_kind().is_some(),
            Item::Indicator(_) | Item::Score(_) => matches!(
                self.parent_kind(),
                Some(BlockKind::Project { .. } | BlockKind::Group { .. })
            ),
            Item::Settings(_) => matches!(self.parent_kind(), Some(BlockKind::Department { .. })),
            _ => matches!(self.parent_kind(), Some(BlockKind::Project { .. })),
        };
        (!ok).then(|| syntax(span, want, "位置不对", "把这一行移到对应的块中"))
    }

    fn finish(mut self) -> Parsed {
        while let Some(block) = self.open.pop() {
            self.diagnostics.push(syntax(
                block.header,
                "块没有结束：缺少对应的 `}`",
                "这个块没有结束",
                "在块的最后一行之后写 `}`",
            ));
            self.push(Item::Block(block));
        }
        Parsed {
            ast: self.ast,
            diagnostics: self.diagnostics,
        }
    }
}

fn syntax(span: Span, detail: &str, label: &str, help: &str) -> Diagnostic {
    Diagnostic::new(Code::SyntaxError, span)
        .arg("detail", detail)
        .arg("label", label)
        .arg("help", help)
}
