//! Syntax tree → typed model: blocks become departments, budget units and projects; categories,
//! amounts and targets are read and normalized.

use super::category::{self, Category, LEVEL1_WORDS, Level1, Level2};
use super::quantity::parse_number;
use super::scoring::{self, Group, GroupIndicator, Member, Scoring, Settings};
use super::spec::{Agency, Amount, Budget, Department, Fund, Indicator, Project, Spec};
use super::target::GradeScale;
use super::value::{lower_target, number_error};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::{self, Block, BlockKind, Item};

pub(super) struct Lowerer {
    pub diagnostics: Vec<Diagnostic>,
    /// Grade scales every block sees, from the configuration; outermost of all.
    pub configured_scales: Vec<GradeScale>,
}

impl Lowerer {
    pub fn spec(&mut self, ast: &ast::Ast) -> Spec {
        let scales = self.scales(&ast.items);
        let in_scope = chain(&scales, &self.configured_scales.clone());
        let departments = blocks(&ast.items)
            .filter(|b| matches!(b.kind, BlockKind::Department { .. }))
            .map(|b| self.department(b, &in_scope))
            .collect();
        Spec {
            scales,
            departments,
        }
    }

    fn department(&mut self, block: &Block, outer: &[GradeScale]) -> Department {
        let scales = self.scales(&block.items);
        let in_scope = chain(&scales, outer);
        let year = match &block.kind {
            BlockKind::Department { year } => year
                .as_ref()
                .and_then(|y| y.value.trim_end_matches(['年', '度']).parse().ok()),
            _ => None,
        };
        let agencies = blocks(&block.items)
            .filter(|b| b.kind == BlockKind::Agency)
            .map(|b| self.agency(b, &in_scope))
            .collect();
        let visible: Vec<&GradeScale> = in_scope.iter().collect();
        let groups = blocks(&block.items)
            .filter(|b| matches!(b.kind, BlockKind::Group { .. }))
            .map(|b| self.group(b, &visible))
            .collect();
        Department {
            name: block.name.value.clone(),
            year,
            budget: self.budget(&block.items),
            scales,
            agencies,
            groups,
            settings: self.settings(&block.items),
            span: block.header,
        }
    }

    fn agency(&mut self, block: &Block, outer: &[GradeScale]) -> Agency {
        let scales = self.scales(&block.items);
        let in_scope = chain(&scales, outer);
        let projects = blocks(&block.items)
            .filter(|b| matches!(b.kind, BlockKind::Project { .. }))
            .map(|b| self.project(b, &in_scope))
            .collect();
        Agency {
            name: block.name.value.clone(),
            budget: self.budget(&block.items),
            scales,
            projects,
            span: block.header,
        }
    }

    /// Gives a `评分` line to the indicator just above it (its name and scoring slot); a second
    /// one is reported, one with no indicator above is an orphan.
    fn attach_score(
        &mut self,
        line: &ast::ScoreLine,
        last: Option<(&str, &mut Option<Scoring>)>,
        scales: &[&GradeScale],
    ) {
        let Some((name, slot)) = last else {
            self.diagnostics.push(orphan_score(line.span));
            return;
        };
        let scoring = scoring::lower_score(line, name, scales, &mut self.diagnostics);
        if slot.is_some() {
            self.diagnostics.push(repeated(line.span, "评分"));
        }
        *slot = scoring.or(slot.take());
    }

    /// Gives a `年初` line (the start-of-year target) to the indicator just above it; a second one
    /// is reported, one with no indicator above is an orphan.
    fn attach_initial(
        &mut self,
        line: &ast::InitialLine,
        last: Option<&mut Indicator>,
        scales: &[&GradeScale],
    ) {
        let Some(indicator) = last else {
            self.diagnostics.push(
                Diagnostic::new(Code::SyntaxError, line.span)
                    .arg("detail", "年初目标行之前没有指标行")
                    .arg("label", "不知道是哪条指标的年初目标")
                    .arg("help", "把 `年初 …` 写在它所属的指标行（或其评分行）之后"),
            );
            return;
        };
        let initial = lower_target(&line.target, &indicator.name, scales, &mut self.diagnostics);
        if indicator.initial.is_some() {
            self.diagnostics.push(repeated(line.span, "年初目标"));
        }
        indicator.initial = Some(initial);
    }

    fn project(&mut self, block: &Block, outer: &[GradeScale]) -> Project {
        let scales = self.scales(&block.items);
        let in_scope = chain(&scales, outer);
        let visible: Vec<&GradeScale> = in_scope.iter().collect();
        let mut indicators: Vec<Indicator> = Vec::new();
        let mut incomplete = block.unreadable > 0;
        let mut previous_was_indicator = false;
        for item in &block.items {
            match item {
                Item::Indicator(line) => {
                    previous_was_indicator = true;
                    match self.indicator(line, &visible) {
                        Some(indicator) => indicators.push(indicator),
                        None => {
                            incomplete = true;
                            previous_was_indicator = false;
                        }
                    }
                }
                Item::Score(line) => {
                    let last = indicators.last_mut().filter(|_| previous_was_indicator);
                    let last = last.map(|i| (i.name.as_str(), &mut i.scoring));
                    self.attach_score(line, last, &visible);
                }
                Item::Initial(line) => {
                    let last = indicators.last_mut().filter(|_| previous_was_indicator);
                    self.attach_initial(line, last, &visible);
                }
                _ => previous_was_indicator = false,
            }
        }
        indicators.shrink_to_fit(); // a large spec holds every project's indicators at once
        Project {
            name: block.name.value.clone(),
            classified: matches!(
                block.kind,
                BlockKind::Project {
                    classified: Some(_)
                }
            ),
            budget: self.budget(&block.items),
            goal: self.goal(&block.items),
            term_goal: self.term_goal(&block.items),
            scales,
            indicators,
            span: block.header,
            incomplete,
        }
    }

    fn indicator(
        &mut self,
        line: &ast::IndicatorLine,
        scales: &[&GradeScale],
    ) -> Option<Indicator> {
        let category = self.category(&line.levels)?;
        let name = line.name.value.trim().to_owned();
        let target = lower_target(&line.target, &name, scales, &mut self.diagnostics);
        Some(Indicator {
            category,
            name,
            target,
            scoring: None,
            initial: None,
            span: line.span,
            name_span: line.name.span,
        })
    }

    /// The category of an indicator line. A word the language does not know is kept as written
    /// (`Level1::Other` / `Level2::Other`) and reported with the nearest known category, so no
    /// indicator is lost for its category.
    fn category(&mut self, levels: &[ast::Text]) -> Option<Category> {
        let first = levels.first()?;
        let second = levels.get(1);
        let written =
            || category::written_label(&first.value, second.map_or("", |w| w.value.as_str()));
        let nearest = || {
            category::nearest_label(&first.value, second.map_or("", |w| w.value.as_str()))
                .map(|n| format!("（最接近的是「{n}」）"))
                .unwrap_or_default()
        };
        let Some(level1) = Level1::read(&first.value) else {
            let mut allowed = format!("{LEVEL1_WORDS}{}", nearest());
            if first.value.starts_with("投入") {
                allowed = format!("{LEVEL1_WORDS}（投入不是绩效指标）");
            }
            self.diagnostics
                .push(unknown_category(first, "一级", &allowed));
            return Some(Category {
                level1: Level1::Other,
                level2: second.map(|_| Level2::Other),
                written: Some(written()),
            });
        };
        let level2 = match second {
            Some(word) => match Level2::read(level1, &word.value) {
                Some(level2) => Some(level2),
                None => {
                    let allowed = format!(
                        "{}（属于{}）{}",
                        level1.level2_words(),
                        level1.label(),
                        nearest()
                    );
                    self.diagnostics
                        .push(unknown_category(word, "二级", &allowed));
                    return Some(Category {
                        level1,
                        level2: Some(Level2::Other),
                        written: Some(written()),
                    });
                }
            },
            None => None,
        };
        Some(Category {
            level1,
            level2,
            written: None,
        })
    }

    /// The block's `预算` line; amounts without a column name fill the columns in table order.
    fn budget(&mut self, items: &[Item]) -> Budget {
        let mut budget = Budget::default();
        let mut lines = items.iter().filter_map(|item| match item {
            Item::Budget(line) => Some(line),
            _ => None,
        });
        let Some(line) = lines.next() else {
            return budget;
        };
        for extra in lines {
            self.diagnostics.push(repeated(extra.span, "预算"));
        }
        let mut next_column = 0;
        for amount in &line.amounts {
            let fund = match &amount.fund {
                Some(word) => Fund::read(&word.value),
                None => Fund::ALL.get(next_column).copied(),
            };
            let Some(fund) = fund else {
                self.diagnostics.push(too_many_amounts(amount.number.span));
                continue;
            };
            next_column = Fund::ALL
                .iter()
                .position(|f| *f == fund)
                .map_or(4, |i| i + 1);
            let Some(value) = parse_number(&amount.number.value) else {
                self.diagnostics.push(number_error(amount.number.span));
                continue;
            };
            let slot = budget.slot(fund);
            if slot.is_some() {
                self.diagnostics
                    .push(repeated(amount.number.span, fund.label()));
            }
            *slot = Some(Amount {
                value,
                span: amount.number.span,
            });
        }
        budget
    }

    fn goal(&mut self, items: &[Item]) -> Option<String> {
        self.only_one(items, "目标", |item| match item {
            Item::Goal(text) => Some((text.span, text.value.clone())),
            _ => None,
        })
    }

    fn term_goal(&mut self, items: &[Item]) -> Option<String> {
        self.only_one(items, "实施期目标", |item| match item {
            Item::TermGoal(text) => Some((text.span, text.value.clone())),
            _ => None,
        })
    }

    /// The one item of a kind a block may hold; any further one is reported as repeated.
    fn only_one<'i, T>(
        &mut self,
        items: &'i [Item],
        what: &str,
        pick: impl Fn(&'i Item) -> Option<(Span, T)>,
    ) -> Option<T> {
        let mut found = items.iter().filter_map(pick);
        let (_, first) = found.next()?;
        for (span, _) in found {
            self.diagnostics.push(repeated(span, what));
        }
        Some(first)
    }

    fn scales(&mut self, items: &[Item]) -> Vec<GradeScale> {
        items
            .iter()
            .filter_map(|item| match item {
                Item::Scale(line) => Some(GradeScale {
                    name: line.name.value.clone(),
                    grades: line.grades.iter().map(|g| g.value.clone()).collect(),
                    span: line.span,
                }),
                _ => None,
            })
            .collect()
    }
}

impl Lowerer {
    /// `组 … { … }`: sub-groups and indicators (with or without a category), each indicator
    /// scored by the `评分` line after it.
    fn group(&mut self, block: &Block, outer: &[&GradeScale]) -> Group {
        let own = self.scales(&block.items);
        let scales: Vec<&GradeScale> = own.iter().chain(outer.iter().copied()).collect();
        let scales = scales.as_slice();
        let mut members: Vec<Member> = Vec::new();
        let mut previous_was_indicator = false;
        for item in &block.items {
            match item {
                Item::Block(b) if matches!(b.kind, BlockKind::Group { .. }) => {
                    members.push(Member::Group(self.group(b, scales)));
                    previous_was_indicator = false;
                }
                Item::Indicator(line) => {
                    previous_was_indicator = true;
                    let category = if line.levels.is_empty() {
                        None
                    } else {
                        match self.category(&line.levels) {
                            Some(c) => Some(c),
                            None => {
                                previous_was_indicator = false;
                                continue;
                            }
                        }
                    };
                    let name = line.name.value.trim().to_owned();
                    let target = lower_target(&line.target, &name, scales, &mut self.diagnostics);
                    members.push(Member::Indicator(Box::new(GroupIndicator {
                        category,
                        name,
                        target,
                        scoring: None,
                        span: line.span,
                        name_span: line.name.span,
                    })));
                }
                Item::Score(line) => {
                    let last = match members.last_mut() {
                        Some(Member::Indicator(i)) if previous_was_indicator => {
                            Some((i.name.as_str(), &mut i.scoring))
                        }
                        _ => None,
                    };
                    self.attach_score(line, last, scales);
                }
                _ => previous_was_indicator = false,
            }
        }
        let weight_text = match &block.kind {
            BlockKind::Group { weight } => weight.as_ref(),
            _ => None,
        };
        Group {
            name: block.name.value.clone(),
            weight: weight_text.and_then(|w| parse_number(&w.value)),
            scales: own,
            members,
            span: block.header,
            weight_span: weight_text.map(|w| w.span),
        }
    }

    fn settings(&mut self, items: &[Item]) -> Option<Settings> {
        let line = self.only_one(items, "计分", |item| match item {
            Item::Settings(line) => Some((line.span, line)),
            _ => None,
        })?;
        Some(scoring::lower_settings(line, &mut self.diagnostics))
    }
}

fn orphan_score(span: Span) -> Diagnostic {
    Diagnostic::new(Code::SyntaxError, span)
        .arg("detail", "评分行之前没有指标行")
        .arg("label", "不知道给哪条指标评分")
        .arg("help", "把 `评分 …` 写在它所评的指标行的下一行")
}

fn blocks(items: &[Item]) -> impl Iterator<Item = &Block> {
    items.iter().filter_map(|item| match item {
        Item::Block(block) => Some(block),
        _ => None,
    })
}

/// The scales visible in a block: its own first, then its parents'.
fn chain(own: &[GradeScale], outer: &[GradeScale]) -> Vec<GradeScale> {
    own.iter().chain(outer).cloned().collect()
}

fn unknown_category(word: &ast::Text, level: &str, allowed: &str) -> Diagnostic {
    Diagnostic::new(Code::UnknownCategory, word.span)
        .arg("level", level)
        .arg("word", &word.value)
        .arg("allowed", allowed)
}

fn repeated(span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(Code::SyntaxError, span)
        .arg("detail", format!("重复的{what}：同一块只能写一次"))
        .arg("label", "重复")
        .arg("help", "删除多余的一处，或合并为一行")
}

fn too_many_amounts(span: Span) -> Diagnostic {
    Diagnostic::new(Code::SyntaxError, span)
        .arg(
            "detail",
            "预算行的金额多于四列（总计、财政拨款、财政专户拨款、其他资金）",
        )
        .arg("label", "多出的金额")
        .arg(
            "help",
            "给金额写明列名，如 `预算 总计 83.00 财政拨款 18.00 财政专户拨款 65.00`",
        )
}
