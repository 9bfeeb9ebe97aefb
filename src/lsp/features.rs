//! What the server answers: hover, completion, code actions, formatting and document symbols.
//! Each is a pure function of a document's text (and, for completion, the other open
//! documents), so the tests and the main loop call the same code.

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CompletionItem, CompletionItemKind,
    DocumentSymbol, Hover, HoverContents, MarkupContent, MarkupKind, SymbolKind, TextEdit, Uri,
    WorkspaceEdit,
};

use super::position::{Encoding, range};
use super::worker::to_lsp;
use crate::Checked;
use crate::diagnostic::codes::lookup;
use crate::diagnostic::{Code, Diagnostic};
use crate::format::{canonical_target, format_source};
use crate::model::measure::{self, unit_symbols};
use crate::model::{Condition, IndicatorRef, Level1, Quantity};
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{Block, BlockKind, Item};
use crate::syntax::{self, Parsed};

/// A document as the features see it.
pub struct Doc<'a> {
    pub uri: &'a Uri,
    pub source: &'a SourceFile,
    pub encoding: Encoding,
}

fn markdown(text: String, span: Span, doc: &Doc<'_>) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(range(doc.source, doc.encoding, span)),
    }
}

/// Hover: a rule code in a comment, a unit, or an indicator's normalized target.
pub fn hover(doc: &Doc<'_>, checked: &Checked, offset: usize) -> Option<Hover> {
    if let Some(comment) = comment_at(&doc.source.text, offset) {
        return rule_in_comment(doc, comment, offset);
    }
    let indicator = checked
        .spec
        .all_indicators()
        .find(|i| i.span.start <= offset && offset <= i.span.end)?;
    if let Some((span, unit)) = unit_at(indicator, offset) {
        let text = format!("单位「{}」：{}", unit.symbol, unit.dimension.label());
        return Some(markdown(text, span, doc));
    }
    let category = indicator.category.map(|c| format!(" · {}", c.label()));
    let text = format!(
        "**{}**：{}{}",
        indicator.name,
        indicator.target.describe(),
        category.unwrap_or_default()
    );
    Some(markdown(text, indicator.target.span, doc))
}

/// The comment `offset` is in: from a `#` outside quotes to the end of its line.
fn comment_at(text: &str, offset: usize) -> Option<Span> {
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let end = text
        .get(offset..)?
        .find('\n')
        .map_or(text.len(), |i| offset + i);
    let mut closing = None;
    for (at, c) in text.get(start..end)?.char_indices() {
        match (closing, c) {
            (Some(close), _) if c == close => closing = None,
            (Some(_), _) => {}
            (None, '"') => closing = Some('"'),
            (None, '“') => closing = Some('”'),
            (None, '「') => closing = Some('」'),
            (None, '#') => {
                let comment = Span::new(start + at, end);
                return (comment.start <= offset).then_some(comment);
            }
            _ => {}
        }
    }
    None
}

fn rule_in_comment(doc: &Doc<'_>, comment: Span, offset: usize) -> Option<Hover> {
    let text = doc.source.slice(comment);
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let at = offset.saturating_sub(comment.start).min(text.len());
    let start = text
        .get(..at)?
        .rfind(|c: char| !is_word(c))
        .map_or(0, |i| i + 1);
    let end = text
        .get(at..)?
        .find(|c: char| !is_word(c))
        .map_or(text.len(), |i| at + i);
    let rule = lookup(text.get(start..end)?)?;
    let body = format!(
        "**{} {}**（{}）{}\n\n{}",
        rule.id,
        rule.name,
        rule.severity.as_str(),
        rule.title,
        rule.explanation
    );
    let span = Span::new(comment.start + start, comment.start + end);
    Some(markdown(body, span, doc))
}

fn unit_at(indicator: IndicatorRef<'_>, offset: usize) -> Option<(Span, measure::Unit)> {
    let quantities = indicator
        .target
        .clauses()
        .iter()
        .flat_map(|c| -> Vec<&Quantity> {
            match &c.condition {
                Condition::Compare { bound, .. } => vec![bound],
                Condition::Range { low, high, .. } => vec![low, high],
                Condition::Relative { amount, .. } => vec![amount],
                Condition::ZeroEvent { .. } | Condition::Deadline { .. } => vec![],
            }
        });
    for q in quantities {
        if let (Some(span), Some(unit)) = (q.unit_span, &q.unit)
            && span.start <= offset
            && offset <= span.end
        {
            return Some((span, unit.clone()));
        }
    }
    None
}

const KEYWORDS: &[(&str, &str)] = &[
    ("部门", "部门 \"名称\" 年度 {"),
    ("预算单位", "预算单位 \"名称\" {"),
    ("项目", "项目 \"名称\" {"),
    ("预算", "预算 总计 0.00 财政拨款 0.00"),
    ("目标", "目标 \"绩效目标\""),
    ("实施期目标", "实施期目标 \"实施期绩效目标\""),
    ("等级", "等级 \"名称\" 优秀 良好 一般 差"),
];

const OPERATORS: &[(&str, &str)] = &[
    (">=", "不少于（含本数）"),
    (">", "超过（不含本数）"),
    ("<=", "不超过（含本数）"),
    ("<", "低于（不含本数）"),
    ("=", "等于"),
    ("!=", "不等于"),
];

fn item(label: &str, kind: CompletionItemKind, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: Some(detail.to_owned()),
        ..CompletionItem::default()
    }
}

/// Completion by column: the first word of a line is a category or a keyword, the second an
/// indicator name (from every open document), later words operators and units.
pub fn completion(doc: &Doc<'_>, offset: usize, names: &[String]) -> Vec<CompletionItem> {
    let line_start = doc.source.line_start(doc.source.line_index(offset));
    let before = doc.source.text.get(line_start..offset).unwrap_or("");
    let words =
        before.split_whitespace().count() + usize::from(before.ends_with(char::is_whitespace));
    match words {
        0 | 1 => categories(),
        2 => names
            .iter()
            .map(|name| item(name, CompletionItemKind::FIELD, "已用过的指标名称"))
            .collect(),
        _ => OPERATORS
            .iter()
            .map(|(op, detail)| item(op, CompletionItemKind::OPERATOR, detail))
            .chain(
                unit_symbols()
                    .into_iter()
                    .map(|(unit, dim)| item(unit, CompletionItemKind::UNIT, dim.label())),
            )
            .collect(),
    }
}

fn categories() -> Vec<CompletionItem> {
    let mut items: Vec<CompletionItem> = KEYWORDS
        .iter()
        .map(|(word, detail)| item(word, CompletionItemKind::KEYWORD, detail))
        .collect();
    for level1 in Level1::known() {
        items.push(item(level1.label(), CompletionItemKind::ENUM, "一级指标"));
        for level2 in level1.level2_words().split('、') {
            let label = format!("{}.{level2}", level1.label());
            items.push(item(
                &label,
                CompletionItemKind::ENUM_MEMBER,
                "一级.二级指标",
            ));
        }
    }
    items
}

fn edit_action(
    doc: &Doc<'_>,
    title: String,
    span: Span,
    replacement: String,
    diagnostic: Option<&Diagnostic>,
) -> CodeActionOrCommand {
    let edit = TextEdit::new(range(doc.source, doc.encoding, span), replacement);
    let changes = std::iter::once((doc.uri.clone(), vec![edit])).collect();
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: diagnostic.map(|d| vec![to_lsp(d, doc.source, doc.uri, doc.encoding)]),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(diagnostic.is_some()),
        ..CodeAction::default()
    })
}

/// Quick fixes for the findings in `span` (the checker's mechanical fixes, a template for a vague
/// target) and the canonical spelling of each target there.
pub fn code_actions(doc: &Doc<'_>, checked: &Checked, span: Span) -> Vec<CodeActionOrCommand> {
    let overlaps = |s: Span| s.start <= span.end && span.start <= s.end;
    let mut actions = Vec::new();
    for d in checked.diagnostics.iter().filter(|d| overlaps(d.span)) {
        if let Some(fix) = &d.fix {
            let title = format!("{}（{}）", fix.description, d.rule().id);
            actions.push(edit_action(
                doc,
                title,
                fix.span,
                fix.replacement.clone(),
                Some(d),
            ));
        }
        if d.code == Code::VagueTarget
            && let Some(indicator) = checked
                .spec
                .all_indicators()
                .find(|i| i.target.span.start <= d.span.start && d.span.end <= i.target.span.end)
            && let Some((_, example)) = d.args.iter().find(|(k, _)| *k == "example")
        {
            let title = format!("改写为可衡量的目标模板：`{example}`");
            actions.push(edit_action(
                doc,
                title,
                indicator.target.span,
                example.clone(),
                Some(d),
            ));
        }
    }
    for indicator in checked.spec.all_indicators() {
        let at = indicator.target.span;
        if overlaps(indicator.span)
            && let Some(written) = doc.source.text.get(at.start..at.end)
            && let target = syntax::parse_value(written, at.start)
            && let Some(canonical) = canonical_target(&target, indicator.name, &doc.source.text)
        {
            let title = format!("规范写法：`{canonical}`");
            actions.push(edit_action(doc, title, at, canonical, None));
        }
    }
    actions
}

/// The whole document formatted, as one edit; `Err` with the reason when it cannot be.
pub fn formatting(doc: &Doc<'_>) -> Result<Vec<TextEdit>, String> {
    let text = &doc.source.text;
    match format_source(text) {
        Ok(formatted) if formatted == *text => Ok(Vec::new()),
        Ok(formatted) => {
            let whole = range(doc.source, doc.encoding, Span::new(0, text.len()));
            Ok(vec![TextEdit::new(whole, formatted)])
        }
        Err(problems) => {
            let first = problems
                .first()
                .map(Diagnostic::message)
                .unwrap_or_default();
            Err(format!(
                "文件有 {} 处语法错误，未格式化（第一处：{first}）",
                problems.len()
            ))
        }
    }
}

/// Departments → budget units → projects → indicators.
pub fn symbols(doc: &Doc<'_>, parsed: &Parsed) -> Vec<DocumentSymbol> {
    symbols_of(doc, &parsed.ast.items)
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
fn symbols_of(doc: &Doc<'_>, items: &[Item]) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    for item in items {
        let (name, detail, kind, whole, selection, children) = match item {
            Item::Block(block) => {
                let (detail, kind) = block_kind(block);
                let end = block.close.map_or(block.header.end, |c| c.end);
                let children = symbols_of(doc, &block.items);
                let whole = Span::new(block.header.start, end);
                (
                    block.name.value.clone(),
                    detail,
                    kind,
                    whole,
                    block.name.span,
                    Some(children),
                )
            }
            Item::Indicator(line) => (
                line.name.value.trim().to_owned(),
                line.target.text.clone(),
                SymbolKind::FIELD,
                line.span,
                line.name.span,
                None,
            ),
            _ => continue,
        };
        out.push(DocumentSymbol {
            name: if name.is_empty() {
                "（无名）".to_owned()
            } else {
                name
            },
            detail: Some(detail),
            kind,
            tags: None,
            deprecated: None,
            range: range(doc.source, doc.encoding, whole),
            selection_range: range(doc.source, doc.encoding, selection),
            children,
        });
    }
    out
}

fn block_kind(block: &Block) -> (String, SymbolKind) {
    match &block.kind {
        BlockKind::Department { .. } => ("部门".to_owned(), SymbolKind::NAMESPACE),
        BlockKind::Agency => ("预算单位".to_owned(), SymbolKind::MODULE),
        BlockKind::Project { .. } => ("项目".to_owned(), SymbolKind::CLASS),
        BlockKind::Group { .. } => ("组".to_owned(), SymbolKind::STRUCT),
    }
}
