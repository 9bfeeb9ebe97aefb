//! The canonical layout, line by line: every source line stays one output line (blank runs
//! collapse to one), indented two spaces a block level; known statements are rebuilt from their
//! spans, everything else is kept verbatim. A statement is rebuilt only when its spans cover
//! every visible character of its line, so a part the formatter does not know is never lost.

use unicode_width::UnicodeWidthStr;

use super::target::canonical_target;
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{Ast, Block, BlockKind, BudgetLine, IndicatorLine, Item, ScaleLine, Text};

const INDENT: &str = "  ";

/// Formats `text`, whose tree is `ast`; targets are made canonical when `rewrite_targets`.
pub(super) fn render(text: &str, ast: &Ast, rewrite_targets: bool) -> String {
    let mut layout = Layout::new(text, ast, rewrite_targets);
    layout.items(&ast.items);
    layout.finish()
}

struct Layout<'a> {
    text: &'a str,
    lines: SourceFile,
    count: usize,
    /// The rebuilt content of each line holding a known statement.
    known: Vec<Option<String>>,
    /// Block depth changes: +1 on the line after a header, -1 on the closing line.
    depth_change: Vec<isize>,
    comments: Vec<Option<Span>>,
    rewrite_targets: bool,
}

/// An indicator line split into its columns.
struct Row {
    line: usize,
    category: String,
    name: String,
    target: String,
}

impl<'a> Layout<'a> {
    fn new(text: &'a str, ast: &Ast, rewrite_targets: bool) -> Self {
        let lines = SourceFile::new("", text);
        let count = text.split('\n').count();
        let mut comments = vec![None; count];
        for span in &ast.comments {
            if let Some(slot) = comments.get_mut(lines.line_index(span.start)) {
                *slot = Some(*span);
            }
        }
        Layout {
            text,
            lines,
            count,
            known: vec![None; count],
            depth_change: vec![0; count + 1],
            comments,
            rewrite_targets,
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.lines.line_index(offset)
    }

    /// The byte range of a line without its comment and line break.
    fn content(&self, line: usize) -> (usize, usize) {
        let start = self.lines.line_start(line);
        let end = self
            .text
            .get(start..)
            .and_then(|rest| rest.find('\n'))
            .map_or(self.text.len(), |at| start + at);
        let comment = self.comments.get(line).copied().flatten();
        let end = comment.map_or(end, |c| c.start.min(end));
        (start, end)
    }

    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or("")
    }

    /// Whether every visible character of the line's content lies in one of `spans`.
    fn covered(&self, line: usize, spans: &[Span], also: &[char]) -> bool {
        let (start, end) = self.content(line);
        self.slice(start, end).char_indices().all(|(i, c)| {
            let at = start + i;
            c.is_whitespace()
                || c == '\u{FEFF}'
                || also.contains(&c)
                || spans.iter().any(|s| s.start <= at && at < s.end)
        })
    }

    /// A string's span with its quotes, given the span of its contents.
    fn quoted(&self, inner: Span) -> Span {
        let before = self.slice(0, inner.start).chars().next_back();
        let after = self.text.get(inner.end..).and_then(|r| r.chars().next());
        match (before, after) {
            (Some(open @ ('"' | '“' | '「')), Some(close @ ('"' | '”' | '」'))) => {
                Span::new(inner.start - open.len_utf8(), inner.end + close.len_utf8())
            }
            _ => inner,
        }
    }

    fn token(&self, span: Span) -> &'a str {
        self.slice(span.start, span.end)
    }

    /// Records the rebuilt line when its spans cover it.
    fn rebuild(&mut self, line: usize, spans: &[Span], also: &[char], content: String) {
        if self.covered(line, spans, also)
            && let Some(slot) = self.known.get_mut(line)
        {
            *slot = Some(content);
        }
    }

    /// Statement kinds added to the grammar later fall to the last arm and stay verbatim until
    /// they get a layout function of their own.
    #[allow(unreachable_patterns)]
    fn items(&mut self, items: &[Item]) {
        self.indicators(items);
        for item in items {
            match item {
                Item::Block(block) => self.block(block),
                Item::Budget(line) => self.budget(line),
                Item::Goal(goal) => self.goal(goal, "目标"),
                Item::TermGoal(goal) => self.goal(goal, "实施期目标"),
                Item::Scale(line) => self.scale(line),
                Item::Indicator(_) => {}
                _ => {}
            }
        }
    }

    fn keyword(&self, at: usize, word: &str) -> Option<Span> {
        self.text
            .get(at..)
            .is_some_and(|rest| rest.starts_with(word))
            .then(|| Span::new(at, at + word.len()))
    }

    fn block(&mut self, block: &Block) {
        let line = self.line_of(block.header.start);
        let (word, extra) = match &block.kind {
            BlockKind::Department { year } => ("部门", year.as_ref().map(|y| y.span)),
            BlockKind::Agency => ("预算单位", None),
            BlockKind::Project { classified } => ("项目", *classified),
            BlockKind::Group { weight } => ("组", weight.as_ref().map(|w| w.span)),
        };
        let inline_close = block.close.filter(|c| self.line_of(c.start) == line);
        let name = self.quoted(block.name.span);
        let brace = self
            .slice(name.end, block.header.end)
            .find('{')
            .map(|at| Span::new(name.end + at, name.end + at + 1));
        if let (Some(keyword), Some(brace)) = (self.keyword(block.header.start, word), brace) {
            let mut parts = vec![word, self.token(name)];
            parts.extend(extra.map(|s| self.token(s)));
            parts.push(if inline_close.is_some() { "{}" } else { "{" });
            let mut spans = vec![keyword, name, brace];
            spans.extend(extra);
            spans.extend(inline_close);
            self.rebuild(line, &spans, &[], parts.join(" "));
        }
        if inline_close.is_none() {
            let end = block.close.map_or(self.count, |c| self.line_of(c.start));
            self.depth_change[(line + 1).min(self.count)] += 1;
            self.depth_change[end.min(self.count)] -= 1;
            if let Some(close) = block.close {
                self.rebuild(end, &[close], &[], "}".to_owned());
            }
        }
        self.items(&block.items);
    }

    fn budget(&mut self, budget: &BudgetLine) {
        let line = self.line_of(budget.span.start);
        let Some(keyword) = self.keyword(budget.span.start, "预算") else {
            return;
        };
        let mut spans = vec![keyword];
        let mut out = String::from("预算");
        for amount in &budget.amounts {
            if let Some(fund) = &amount.fund {
                spans.push(fund.span);
                out.push(' ');
                out.push_str(&fund.value);
            }
            spans.push(amount.number.span);
            out.push(' ');
            out.push_str(&amount.number.value);
        }
        self.rebuild(line, &spans, &[], out);
    }

    fn goal(&mut self, goal: &Text, word: &str) {
        let line = self.line_of(goal.span.start);
        let (start, _) = self.content(line);
        let start = start + self.slice(start, goal.span.start).len()
            - self.slice(start, goal.span.start).trim_start().len();
        let string = self.quoted(goal.span);
        if let Some(keyword) = self.keyword(start, word) {
            let out = format!("{word} {}", self.token(string));
            self.rebuild(line, &[keyword, string], &[], out);
        }
    }

    fn scale(&mut self, scale: &ScaleLine) {
        let line = self.line_of(scale.span.start);
        let Some(keyword) = self.keyword(scale.span.start, "等级") else {
            return;
        };
        let name = self.quoted(scale.name.span);
        let mut spans = vec![keyword, name];
        let mut parts = vec!["等级", self.token(name)];
        for grade in &scale.grades {
            spans.push(grade.span);
            parts.push(&grade.value);
        }
        let out = parts.join(" ");
        self.rebuild(line, &spans, &[], out);
    }

    /// The indicator lines among `items`, aligned in three columns by display width.
    fn indicators(&mut self, items: &[Item]) {
        let rows: Vec<Row> = items
            .iter()
            .filter_map(|item| match item {
                Item::Indicator(line) => self.row(line),
                _ => None,
            })
            .collect();
        let category_width = rows.iter().map(|r| r.category.width()).max().unwrap_or(0);
        let name_width = rows.iter().map(|r| r.name.width()).max().unwrap_or(0);
        for row in rows {
            let out = format!(
                "{}{} {}{}  {}",
                row.category,
                " ".repeat(category_width - row.category.width()),
                row.name,
                " ".repeat(name_width - row.name.width()),
                row.target
            );
            if let Some(slot) = self.known.get_mut(row.line) {
                *slot = Some(out);
            }
        }
    }

    /// An indicator line's columns, when the line holds nothing but what the tree knows (plus a
    /// tail after the target, kept verbatim).
    fn row(&self, indicator: &IndicatorLine) -> Option<Row> {
        let line = self.line_of(indicator.span.start);
        let (_, end) = self.content(line);
        let target = &indicator.target;
        let name = self.quoted(indicator.name.span);
        let mut spans: Vec<Span> = indicator.levels.iter().map(|l| l.span).collect();
        spans.push(name);
        spans.push(Span::new(target.span.start, end));
        if !self.covered(line, &spans, &['.', '/', '·', '．']) || name.end > target.span.start {
            return None;
        }
        let category: Vec<&str> = indicator.levels.iter().map(|l| l.value.as_str()).collect();
        let written = self.token(target.span);
        let canonical = self
            .rewrite_targets
            .then(|| canonical_target(target, indicator.name.value.trim(), self.text))
            .flatten();
        let mut target_text = canonical.unwrap_or_else(|| written.to_owned());
        let after = self.slice(target.span.end, end);
        let tail = after.trim();
        if !tail.is_empty() {
            if after.starts_with(char::is_whitespace) {
                target_text.push(' ');
            }
            target_text.push_str(tail);
        }
        Some(Row {
            line,
            category: category.join("."),
            name: self.token(name).to_owned(),
            target: target_text,
        })
    }

    fn finish(self) -> String {
        let mut out = String::with_capacity(self.text.len() + self.text.len() / 4);
        let mut depth: isize = 0;
        let mut blank = false;
        for line in 0..self.count {
            depth += self.depth_change[line];
            let (start, end) = self.content(line);
            let content = match &self.known[line] {
                Some(known) => known.as_str(),
                None => self
                    .slice(start, end)
                    .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}'),
            };
            let comment = self.comments[line].map(|c| self.token(c).trim_end());
            let text = match (content.is_empty(), comment) {
                (true, None) => {
                    blank = true;
                    continue;
                }
                (true, Some(comment)) => comment.to_owned(),
                (false, None) => content.to_owned(),
                (false, Some(comment)) => format!("{content}  {comment}"),
            };
            if blank && !out.is_empty() {
                out.push('\n');
            }
            blank = false;
            for _ in 0..depth.max(0) {
                out.push_str(INDENT);
            }
            out.push_str(&text);
            out.push('\n');
        }
        out
    }
}
