//! Pest pairs → syntax tree. One function per grammar rule, named like the rule.
//!
//! The grammar guarantees each pair's shape; where a shape is not what the grammar promises the
//! builder skips the part instead of panicking (`parse` then reports the line as unreadable).

use pest::iterators::Pair;

use super::ast::*;
use super::grammar::Rule;
use crate::source::Span;

pub(super) fn span(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
}

pub(super) fn text(pair: &Pair<'_, Rule>) -> Text {
    Spanned {
        value: pair.as_str().to_owned(),
        span: span(pair),
    }
}

/// One statement line, before nesting.
#[derive(Clone)]
pub(super) enum Line {
    Open(Block),
    Close(Span),
    Item(Item),
}

/// `statement`: whichever statement rule matched.
pub(super) fn statement(pair: Pair<'_, Rule>) -> Option<Line> {
    Some(match pair.as_rule() {
        Rule::department | Rule::agency | Rule::project | Rule::group => Line::Open(block(pair)?),
        Rule::score => Line::Item(Item::Score(score(pair)?)),
        Rule::settings => Line::Item(Item::Settings(SettingsLine {
            span: span(&pair),
            words: pair.into_inner().map(|w| text(&w)).collect(),
        })),
        Rule::plain_indicator => Line::Item(Item::Indicator(indicator(pair)?)),
        Rule::initial => Line::Item(Item::Initial(InitialLine {
            span: span(&pair),
            target: target(pair.into_inner().find(|p| p.as_rule() == Rule::target)?),
        })),
        Rule::close => Line::Close(span(&pair)),
        Rule::budget => Line::Item(Item::Budget(budget(pair))),
        Rule::goal => Line::Item(Item::Goal(string(pair.into_inner().next()?))),
        Rule::term_goal => Line::Item(Item::TermGoal(string(pair.into_inner().next()?))),
        Rule::scale => Line::Item(Item::Scale(scale(pair)?)),
        Rule::indicator => Line::Item(Item::Indicator(indicator(pair)?)),
        _ => return None,
    })
}

/// `department`, `agency`, `project`: a block header; an inline `{}` closes it at once.
fn block(pair: Pair<'_, Rule>) -> Option<Block> {
    let header = span(&pair);
    let rule = pair.as_rule();
    let mut name = None;
    let mut year = None;
    let mut classified = None;
    let mut close = None;
    let mut weight = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::points => weight = points(part),
            Rule::string => name = Some(string(part)),
            Rule::year => year = Some(text(&part)),
            Rule::classified => classified = Some(span(&part)),
            Rule::open => close = part.into_inner().next().map(|c| span(&c)),
            _ => {}
        }
    }
    let kind = match rule {
        Rule::department => BlockKind::Department { year },
        Rule::agency => BlockKind::Agency,
        Rule::group => BlockKind::Group { weight },
        _ => BlockKind::Project { classified },
    };
    Some(Block {
        kind,
        name: name?,
        header,
        items: Vec::new(),
        close,
        unreadable: 0,
    })
}

/// `string`: the text between the quotes.
fn string(pair: Pair<'_, Rule>) -> Text {
    let whole = span(&pair);
    match pair.into_inner().next() {
        Some(inner) => text(&inner),
        None => Spanned {
            value: String::new(),
            span: whole,
        },
    }
}

/// `budget`: amounts, each with its fund column or none.
fn budget(pair: Pair<'_, Rule>) -> BudgetLine {
    let line = span(&pair);
    let amounts = pair
        .into_inner()
        .filter(|p| p.as_rule() == Rule::amount)
        .filter_map(amount)
        .collect();
    BudgetLine {
        span: line,
        amounts,
    }
}

fn amount(pair: Pair<'_, Rule>) -> Option<Amount> {
    let mut fund = None;
    let mut number = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::fund => fund = Some(text(&part)),
            Rule::number => number = Some(text(&part)),
            _ => {}
        }
    }
    Some(Amount {
        fund,
        number: number?,
    })
}

/// `scale`: a name and its grades, best first.
fn scale(pair: Pair<'_, Rule>) -> Option<ScaleLine> {
    let line = span(&pair);
    let mut inner = pair.into_inner();
    let name = string(inner.next()?);
    let grades = inner
        .filter(|p| p.as_rule() == Rule::grade_name)
        .map(|p| text(&p))
        .collect();
    Some(ScaleLine {
        span: line,
        name,
        grades,
    })
}

/// `indicator`: category levels, name, target.
fn indicator(pair: Pair<'_, Rule>) -> Option<IndicatorLine> {
    let line = span(&pair);
    let mut levels = Vec::new();
    let mut name = None;
    let mut target_node = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::category => levels = part.into_inner().map(|l| text(&l)).collect(),
            Rule::name => {
                let inner = part.into_inner().next()?;
                name = Some(match inner.as_rule() {
                    Rule::string => string(inner),
                    _ => text(&inner),
                });
            }
            Rule::target => target_node = Some(target(part)),
            _ => {}
        }
    }
    Some(IndicatorLine {
        span: line,
        levels,
        name: name?,
        target: target_node?,
    })
}

/// `target`: clauses, a grade word, or free text. Trailing punctuation is not part of the text.
pub(super) fn target(pair: Pair<'_, Rule>) -> Target {
    let whole = span(&pair);
    let raw = pair.as_str();
    let (form, end) = match pair.into_inner().next() {
        Some(inner) if inner.as_rule() == Rule::clauses => {
            let end = inner.as_span().end();
            let mut clauses: Vec<Clause> = inner.into_inner().filter_map(clause).collect();
            // A collected Vec starts with room for four clauses (some 2 KB); most targets have one.
            clauses.shrink_to_fit();
            let form = if clauses.is_empty() {
                TargetForm::Free
            } else {
                TargetForm::Clauses(clauses)
            };
            (form, end)
        }
        Some(inner) if inner.as_rule() == Rule::grade => {
            let end = inner.as_span().end();
            (grade(inner).unwrap_or(TargetForm::Free), end)
        }
        _ => (TargetForm::Free, whole.end),
    };
    let text = raw.get(..end - whole.start).unwrap_or(raw).trim_end();
    Target {
        span: Span::new(whole.start, whole.start + text.len()),
        text: text.to_owned(),
        form,
    }
}

fn grade(pair: Pair<'_, Rule>) -> Option<TargetForm> {
    let mut op = None;
    let mut word = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::symbol_op => op = Some(text(&part)),
            Rule::grade_word => word = Some(text(&part)),
            _ => {}
        }
    }
    Some(TargetForm::Word { op, word: word? })
}

/// `clause`: subject, core, context.
fn clause(pair: Pair<'_, Rule>) -> Option<Clause> {
    let whole = span(&pair);
    let mut subject = None;
    let mut context = None;
    let mut found = None;
    let mut lead = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::lead => lead = Some(part),
            Rule::subject => subject = Some(text(&part)),
            Rule::context => context = Some(text(&part)),
            Rule::zero_event => found = zero_event(part),
            Rule::relative => found = relative(part),
            Rule::deadline => found = deadline(part),
            Rule::range => found = range(part),
            Rule::comparison => found = comparison(part),
            _ => {}
        }
    }
    let mut core = found?;
    if let Some(lead) = lead {
        apply_lead(lead, &mut core);
    }
    Some(Clause {
        span: whole,
        subject,
        core,
        context,
    })
}

/// Moves a leading period and 累计 into the comparison or range they belong to.
fn apply_lead(lead: Pair<'_, Rule>, core: &mut Core) {
    for part in lead.into_inner() {
        match (part.as_rule(), &mut *core) {
            (Rule::per_prefix, Core::Comparison { per, .. } | Core::Range { per, .. })
                if per.is_none() =>
            {
                *per = part.into_inner().next().map(|p| text(&p));
            }
            (Rule::cumulative, Core::Comparison { cumulative, .. }) => {
                *cumulative = Some(span(&part));
            }
            _ => {}
        }
    }
}

fn zero_event(pair: Pair<'_, Rule>) -> Option<Core> {
    let whole = pair.as_span();
    let event = pair
        .into_inner()
        .find(|p| p.as_rule() == Rule::event)
        .map(|p| text(&p));
    let marker_end = event.as_ref().map_or(whole.end(), |e| e.span.start);
    let marker = Spanned {
        value: whole.as_str().get(..marker_end - whole.start())?.to_owned(),
        span: Span::new(whole.start(), marker_end),
    };
    Some(Core::ZeroEvent { marker, event })
}

fn relative(pair: Pair<'_, Rule>) -> Option<Core> {
    let mut baseline = None;
    let mut direction = None;
    let mut op = None;
    let mut amount = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::baseline => baseline = Some(text(&part)),
            Rule::direction => direction = Some(text(&part)),
            Rule::symbol_op | Rule::word_op => op = Some(text(&part)),
            Rule::quantity => amount = quantity(part),
            _ => {}
        }
    }
    Some(Core::Relative {
        baseline: baseline?,
        direction: direction?,
        op,
        amount: amount?,
    })
}

fn deadline(pair: Pair<'_, Rule>) -> Option<Core> {
    let mut parts = [None, None, None];
    let mut end = None;
    for part in pair.into_inner() {
        let slot = match part.as_rule() {
            Rule::year_part => 0,
            Rule::month_part => 1,
            Rule::day_part => 2,
            Rule::deadline_end => {
                end = Some(text(&part));
                continue;
            }
            _ => continue,
        };
        if let (Some(cell), Some(number)) = (parts.get_mut(slot), part.into_inner().next()) {
            *cell = Some(text(&number));
        }
    }
    let [year, month, day] = parts;
    Some(Core::Deadline {
        year,
        month,
        day,
        end,
    })
}

fn range(pair: Pair<'_, Rule>) -> Option<Core> {
    let mut per = None;
    let mut low_parts: Vec<Pair<'_, Rule>> = Vec::new();
    let mut high = None;
    let (mut low_mark, mut high_mark) = (None, None);
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::per_prefix => per = part.into_inner().next().map(|p| text(&p)),
            Rule::number | Rule::magnitude | Rule::unit => low_parts.push(part),
            Rule::quantity => high = quantity(part),
            Rule::low_mark => low_mark = Some(text(&part)),
            Rule::high_mark => high_mark = Some(text(&part)),
            _ => {}
        }
    }
    let low = quantity_from_parts(low_parts)?;
    Some(Core::Range {
        per,
        low,
        high: high?,
        low_mark,
        high_mark,
    })
}

fn comparison(pair: Pair<'_, Rule>) -> Option<Core> {
    let mut per = None;
    let mut cumulative = None;
    let mut op = None;
    let mut found = None;
    let mut suffix = None;
    let mut mark = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::per_prefix => per = part.into_inner().next().map(|p| text(&p)),
            Rule::cumulative => cumulative = Some(span(&part)),
            Rule::symbol_op | Rule::word_op => op = Some(text(&part)),
            Rule::quantity => found = quantity(part),
            Rule::suffix_op => suffix = Some(text(&part)),
            Rule::end_mark => mark = Some(text(&part)),
            _ => {}
        }
    }
    Some(Core::Comparison {
        per,
        cumulative,
        op,
        quantity: found?,
        suffix,
        mark,
    })
}

/// `quantity`: number, magnitude, unit, alternative unit, period.
fn quantity(pair: Pair<'_, Rule>) -> Option<Quantity> {
    quantity_from_parts(pair.into_inner().collect())
}

fn quantity_from_parts(parts: Vec<Pair<'_, Rule>>) -> Option<Quantity> {
    let mut number: Option<Text> = None;
    let mut magnitude = None;
    let mut unit = None;
    let mut alt_unit = None;
    let mut per = None;
    let mut end = 0;
    for part in parts {
        end = end.max(part.as_span().end());
        match part.as_rule() {
            Rule::number => number = Some(text(&part)),
            Rule::magnitude => magnitude = Some(text(&part)),
            Rule::unit if unit.is_none() => unit = Some(text(&part)),
            Rule::unit => alt_unit = Some(text(&part)),
            Rule::per_suffix => per = part.into_inner().next().map(|p| text(&p)),
            _ => {}
        }
    }
    let number = number?;
    let span = Span::new(number.span.start, end);
    Some(Quantity {
        span,
        number,
        magnitude,
        unit,
        alt_unit,
        per,
    })
}

/// `points`: the number of `5分`.
fn points(pair: Pair<'_, Rule>) -> Option<Text> {
    pair.into_inner()
        .find(|p| p.as_rule() == Rule::number)
        .map(|p| text(&p))
}

/// `score`: the weight and the rule, if any.
fn score(pair: Pair<'_, Rule>) -> Option<ScoreLine> {
    let line = span(&pair);
    let mut inner = pair.into_inner();
    let weight = points(inner.next()?)?;
    let mut rule = None;
    let mut gates = Vec::new();
    for part in inner {
        match part.as_rule() {
            Rule::gate => gates.extend(
                part.into_inner()
                    .find(|p| p.as_rule() == Rule::gate_subject)
                    .map(|p| text(&p)),
            ),
            _ => rule = rule_form(part),
        }
    }
    Some(ScoreLine {
        span: line,
        weight,
        rule,
        gates,
    })
}

fn rule_form(pair: Pair<'_, Rule>) -> Option<RuleForm> {
    let whole = span(&pair);
    Some(match pair.as_rule() {
        Rule::all_or_nothing => RuleForm::AllOrNothing(whole),
        Rule::proportional => RuleForm::Proportional(whole),
        Rule::deductions => RuleForm::Deductions(whole),
        Rule::linear => {
            let mut anchors = pair.into_inner().filter_map(anchor);
            RuleForm::Linear {
                span: whole,
                from: anchors.next()?,
                to: anchors.next()?,
            }
        }
        Rule::bands => RuleForm::Bands {
            span: whole,
            bands: pair.into_inner().filter_map(anchor).collect(),
        },
        Rule::steps => steps(pair)?,
        _ => return None,
    })
}

/// `anchor` or `band`: a value and its points (none for `不得分`).
fn anchor(pair: Pair<'_, Rule>) -> Option<Anchor> {
    let whole = span(&pair);
    let mut value = None;
    let mut points_text = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::anchor => return anchor(part),
            Rule::rule_value | Rule::zero_value => value = Some(text(&part)),
            Rule::points => points_text = points(part),
            _ => {}
        }
    }
    Some(Anchor {
        span: whole,
        value: value?,
        points: points_text,
    })
}

fn steps(pair: Pair<'_, Rule>) -> Option<RuleForm> {
    let whole = span(&pair);
    let mut best = None;
    let mut terms = Vec::new();
    let mut zero_below = None;
    let mut partial = false;
    let mut cap = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::best => best = part.into_inner().next().and_then(points),
            Rule::step => terms.push(step_term(part)?),
            Rule::zero_below => {
                zero_below = part
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::zero_value)
                    .map(|p| text(&p));
            }
            Rule::partial => partial = true,
            Rule::cap => cap = part.into_inner().next().and_then(points),
            _ => {}
        }
    }
    Some(RuleForm::Steps {
        span: whole,
        best,
        terms,
        zero_below,
        partial,
        cap,
    })
}

/// `step`: `每` way size `扣`/`加` points.
fn step_term(pair: Pair<'_, Rule>) -> Option<StepTerm> {
    let (mut way, mut size, mut sign, mut pts, mut limit) = (None, None, None, None, None);
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::step_way => way = Some(text(&p)),
            Rule::step_size => size = Some(text(&p)),
            Rule::step_sign => sign = Some(text(&p)),
            Rule::points => pts = points(p),
            Rule::term_limit => limit = p.into_inner().next().and_then(points),
            _ => {}
        }
    }
    Some(StepTerm {
        way: way?,
        size: size?,
        sign: sign?,
        points: pts?,
        limit,
    })
}
