//! The evaluation: match the actuals to the spec's indicators, judge and score each, total the
//! groups and sections, grade them, and audit every figure the actuals say the report states.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::actuals::{Actuals, Entry, Field};
use super::audit::{Figure, audit};
use super::measure::{self, Actual};
use super::result::{Evaluation, Execution, GroupRow, ItemRow, Row, Section};
use super::score::{self, Input, first_bound, n, round};
use super::verdict::{self, Judgement, Shape};
use super::{formula, lint};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::scoring::{Group, GroupIndicator, Member, Reverse, ScoreRule, Scoring, Settings};
use crate::model::{Agency, Department, GradeScale, Indicator, Level1, Project, Spec, Target};
use crate::syntax;

/// Choices a caller may force over the spec's `计分` line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub reverse: Option<Reverse>,
}

/// 财预〔2020〕10号 default split of a project's 100 points.
const OUTPUT_POINTS: i64 = 50;
const BENEFIT_POINTS: i64 = 30;
const SATISFACTION_POINTS: i64 = 10;
const EXECUTION_POINTS: i64 = 10;

/// Evaluates a spec against its actuals. Never fails: problems are diagnostics.
pub fn evaluate(spec: &Spec, actuals: &Actuals, options: Options) -> Evaluation {
    let mut run = Run {
        actuals_diagnostics: Vec::new(),
        spec_diagnostics: Vec::new(),
        matched: HashMap::new(),
        options,
    };
    run.match_entries(spec, actuals);
    run.spec_diagnostics.extend(lint::spec(spec));
    let mut sections = Vec::new();
    for department in &spec.departments {
        let settings = department.settings.clone().unwrap_or_default();
        let scales: Vec<&GradeScale> = spec.scales.iter().chain(&department.scales).collect();
        if !department.groups.is_empty() {
            sections.push(run.department(department, &settings, &scales, actuals));
        }
        for agency in &department.agencies {
            for project in &agency.projects {
                let figures = figures_of(actuals, agency, project);
                let has_entries = project
                    .indicators
                    .iter()
                    .any(|i| run.matched.contains_key(&key(i)));
                if has_entries || figures.is_some() {
                    let mut visible = scales.clone();
                    visible.extend(&agency.scales);
                    visible.extend(&project.scales);
                    sections.push(run.project(project, &settings, &visible, figures));
                }
            }
        }
    }
    run.checks(actuals);
    run.unmatched_reports(spec, actuals);
    crate::diagnostic::sort(&mut run.actuals_diagnostics);
    crate::diagnostic::sort(&mut run.spec_diagnostics);
    Evaluation {
        sections,
        spec_diagnostics: run.spec_diagnostics,
        actuals_diagnostics: run.actuals_diagnostics,
    }
}

/// Indicators are matched by identity: the address of the model node.
fn key<T>(node: &T) -> usize {
    std::ptr::from_ref(node) as usize
}

struct Run<'a> {
    actuals_diagnostics: Vec<Diagnostic>,
    spec_diagnostics: Vec<Diagnostic>,
    matched: HashMap<usize, &'a Entry>,
    options: Options,
}

/// An indicator of either kind, as the evaluator sees it.
struct View<'a> {
    name: &'a str,
    target: &'a Target,
    scoring: Option<&'a Scoring>,
    node: usize,
}

impl<'a> Run<'a> {
    fn match_entries(&mut self, spec: &Spec, actuals: &'a Actuals) {
        for entry in &actuals.entries {
            let Some(name) = &entry.name else {
                let span = entry.actual.as_ref().map_or(Default::default(), |f| f.span);
                self.actuals_diagnostics
                    .push(unknown(span, "这一条没有写 `名称`".to_owned()));
                continue;
            };
            let found = match &entry.project {
                Some(project) => find_in_project(spec, entry.agency.as_ref(), project, &name.text),
                None => find_anywhere(spec, &name.text),
            };
            match found {
                Ok(node) => {
                    if self.matched.insert(node, entry).is_some() {
                        self.actuals_diagnostics.push(
                            Diagnostic::new(Code::DuplicateActual, name.span)
                                .arg("name", &name.text),
                        );
                    }
                }
                Err(detail) => self.actuals_diagnostics.push(unknown(name.span, detail)),
            }
        }
    }

    /// The decimals scores keep and the reverse formula: the command line overrides the spec.
    fn arithmetic(&self, settings: &Settings) -> (u32, Reverse) {
        let decimals = settings.decimals.unwrap_or(2);
        let reverse = self
            .options
            .reverse
            .or(settings.reverse)
            .unwrap_or_default();
        (decimals, reverse)
    }

    fn department(
        &mut self,
        department: &'a Department,
        settings: &Settings,
        scales: &[&GradeScale],
        actuals: &'a Actuals,
    ) -> Section {
        let (decimals, reverse) = self.arithmetic(settings);
        let mut rows = Vec::new();
        let mut weight = Decimal::ZERO;
        let mut total = Decimal::ZERO;
        let mut reported_total = Some(Decimal::ZERO);
        for group in &department.groups {
            let (w, s, reported) =
                self.group(group, 0, decimals, reverse, scales, actuals, &mut rows);
            weight += w;
            total += s;
            reported_total = reported_total
                .zip(reported)
                .map(|(a, b)| a.saturating_add(b));
        }
        let score = round(total, decimals);
        if let Some(reported) = &actuals.total {
            self.audit_reported(reported, "总分", weight, score, reported_total);
        }
        Section {
            title: department.name.clone(),
            rows,
            execution: None,
            weight,
            score,
            rate: rate(score, weight),
            grade: grade(settings, score, weight),
            decimals,
        }
    }

    /// A group's rows; returns (weight, score, the sum of the scores the report gives).
    #[allow(clippy::too_many_arguments)]
    fn group(
        &mut self,
        group: &'a Group,
        depth: usize,
        decimals: u32,
        reverse: Reverse,
        scales: &[&GradeScale],
        actuals: &'a Actuals,
        rows: &mut Vec<Row>,
    ) -> (Decimal, Decimal, Option<Decimal>) {
        let header = rows.len();
        rows.push(Row::Group(GroupRow {
            depth,
            name: group.name.clone(),
            weight: Decimal::ZERO,
            score: Decimal::ZERO,
            rate: Decimal::ZERO,
        }));
        let mut sum_weight = Decimal::ZERO;
        let mut score = Decimal::ZERO;
        let mut reported = Some(Decimal::ZERO);
        for member in &group.members {
            let (w, s, r) = match member {
                Member::Group(g) => {
                    self.group(g, depth + 1, decimals, reverse, scales, actuals, rows)
                }
                Member::Indicator(boxed) => {
                    let i: &GroupIndicator = boxed;
                    let view = View {
                        name: &i.name,
                        target: &i.target,
                        scoring: i.scoring.as_ref(),
                        node: key(i),
                    };
                    let weight = i.scoring.as_ref().map_or(Decimal::ZERO, |s| s.weight);
                    self.item(&view, weight, depth + 1, decimals, reverse, scales, rows)
                }
            };
            sum_weight += w;
            score += s;
            reported = reported.zip(r).map(|(a, b)| a.saturating_add(b));
        }
        let weight = group.weight.unwrap_or(sum_weight);
        let found = actuals
            .groups
            .iter()
            .find(|g| g.name.as_ref().is_some_and(|f| f.text.trim() == group.name));
        if let Some(found) = found {
            let what = format!("组「{}」的得分", group.name);
            self.audit_reported(found, &what, weight, score, reported);
        }
        if let Some(Row::Group(row)) = rows.get_mut(header) {
            row.weight = weight;
            row.score = score;
            row.rate = rate(score, weight);
        }
        // Upward, the report's own figure for this group stands for it (its total adds those).
        let stated = found
            .and_then(|g| g.score.as_ref())
            .and_then(|f| Figure::read(&f.text))
            .map(|f| f.plain());
        (weight, score, stated.or(reported))
    }

    /// Audits a reported group or total: the report's own sum, the computed score, 得分率.
    fn audit_reported(
        &mut self,
        reported: &super::actuals::Reported,
        what: &str,
        weight: Decimal,
        computed: Decimal,
        reported_sum: Option<Decimal>,
    ) {
        let stated_score = reported.score.as_ref().and_then(|f| Figure::read(&f.text));
        if let Some(field) = &reported.score {
            if let Some(sum) = reported_sum
                && let Some(d) = audit(field, sum, what, "报告所列各项得分相加")
            {
                self.actuals_diagnostics.push(d);
            }
            if reported_sum != Some(computed)
                && let Some(d) = audit(field, computed, what, "评分规则与实际值计算")
            {
                self.actuals_diagnostics.push(d);
            }
        }
        let basis = stated_score.map_or(computed, |f| f.plain());
        if weight > Decimal::ZERO {
            for field in &reported.rates {
                let how = format!("得分 {} ÷ 分值 {}", n(basis), n(weight));
                if let Some(stated) = basis.checked_div(weight)
                    && let Some(d) = audit(field, stated, &format!("{what}率"), &how)
                {
                    self.actuals_diagnostics.push(d);
                }
            }
        }
    }

    /// Judges and scores one indicator, pushes its row; returns (weight, score, reported score).
    #[allow(clippy::too_many_arguments)]
    fn item(
        &mut self,
        view: &View<'_>,
        weight: Decimal,
        depth: usize,
        decimals: u32,
        reverse: Reverse,
        scales: &[&GradeScale],
        rows: &mut Vec<Row>,
    ) -> (Decimal, Decimal, Option<Decimal>) {
        let entry = self.matched.get(&view.node).copied();
        let rule = view.scoring.map_or(&ScoreRule::Default, |s| &s.rule);
        let actual = entry.and_then(|e| e.actual.as_ref());
        let mut read = actual.map(|field| self.read_actual(field, view.name, scales));
        let mut shown = actual.map(|f| f.text.clone());
        if read.is_none()
            && let Some(field) = entry.and_then(|e| e.formula.as_ref())
        {
            // Only the report's arithmetic is given: its result is the actual.
            read = self.formula_actual(field, view.target);
            shown = read.as_ref().map(|_| format!("= {}", field.text.trim()));
        }
        let baseline = entry
            .and_then(|e| e.baseline.as_ref())
            .and_then(|field| self.read_baseline(field, view.name, scales));
        let judgement = verdict::judge(view.target, read.as_ref(), baseline.as_ref());
        if read.is_none() && !matches!(rule, ScoreRule::Deductions) {
            self.spec_diagnostics.push(
                Diagnostic::new(Code::MissingActual, view.target.span).arg("name", view.name),
            );
        }
        let reported_field = entry.and_then(|e| e.score.as_ref());
        let reported = reported_field
            .and_then(|f| Figure::read(&f.text))
            .map(|f| f.plain());
        let deductions = entry.map_or(Decimal::ZERO, |e| self.deductions(e));
        let scored = score::score(&Input {
            weight,
            rule,
            target: view.target,
            judgement: &judgement,
            deductions,
            reported,
            reverse,
        });
        let verdict = match rule {
            ScoreRule::Deductions if deductions > Decimal::ZERO => verdict::Verdict::NotMet {
                gap: Some(format!("扣 {} 分", n(deductions))),
            },
            ScoreRule::Deductions if read.is_none() => verdict::Verdict::Met,
            _ => judgement.verdict.clone(),
        };
        if let (Some(entry), Some(field)) = (entry, actual) {
            self.audit_item(view, entry, field, &judgement, &scored, weight);
        }
        let rounded = scored.score.map(|s| round(s, decimals));
        rows.push(Row::Item(ItemRow {
            depth,
            name: view.name.to_owned(),
            target: view.target.text.clone(),
            actual: shown,
            verdict,
            weight,
            score: rounded,
            reported: reported_field.map(|f| f.text.clone()),
            basis: scored.basis.clone(),
            span: view.target.span,
        }));
        if let (Some(entry), Some(exact), None) = (entry, scored.score, scored.outside_band) {
            self.audit_score(view.name, entry, exact, weight);
        }
        (weight, rounded.unwrap_or(Decimal::ZERO), reported)
    }

    fn read_actual(&mut self, field: &Field, name: &str, scales: &[&GradeScale]) -> Actual {
        // A completion date (`2023年11月30日`) is read as the deadline form it meets
        // (`2023年11月30日前`), so deadlines compare with the same grammar.
        let trimmed = field.text.trim_end();
        let date = trimmed.ends_with(['日', '号', '月'])
            && trimmed.contains(['年', '月'])
            && trimmed.starts_with(|c: char| c.is_ascii_digit());
        let text = if date {
            format!("{trimmed}前")
        } else {
            field.text.clone()
        };
        let parsed = syntax::parse_value(&text, field.span.start);
        let target =
            crate::model::value::lower_target(&parsed, name, scales, &mut self.actuals_diagnostics);
        let actual = measure::read(&target);
        if actual == Actual::Unreadable {
            self.actuals_diagnostics.push(super::actuals::unreadable(
                field.span,
                format!("实际值「{}」没有可比较的数值、等级或完成程度", field.text),
                "写成数值（`1200篇`、`85.34%`、`0次`）、声明过的等级，或 达成/部分达成/未达成年度指标",
            ));
        }
        actual
    }

    /// The result of a `计算` formula as an actual in the target's unit (percent targets read a
    /// ratio as a percentage).
    fn formula_actual(&mut self, field: &Field, target: &Target) -> Option<Actual> {
        let value = match formula::evaluate(&field.text) {
            Ok(v) => v,
            Err(reason) => {
                self.actuals_diagnostics.push(super::actuals::unreadable(
                    field.span,
                    format!("算式无法计算：{reason}"),
                    "只用数字、+ − × ÷、括号和 |绝对值|",
                ));
                return None;
            }
        };
        let bound = first_bound(target)?;
        let value = if bound.is_percent() {
            value.checked_mul(Decimal::ONE_HUNDRED)?
        } else {
            value
        };
        measure::sane(value).ok()?;
        Some(Actual::Values(vec![measure::Value::Number {
            quantity: crate::model::Quantity {
                value,
                ..bound.clone()
            },
            bound: None,
        }]))
    }

    fn read_baseline(
        &mut self,
        field: &Field,
        name: &str,
        scales: &[&GradeScale],
    ) -> Option<crate::model::Quantity> {
        match self.read_actual(field, name, scales) {
            Actual::Values(values) => match values.into_iter().next() {
                Some(measure::Value::Number { quantity, .. }) => Some(quantity),
                _ => None,
            },
            _ => None,
        }
    }

    fn deductions(&mut self, entry: &Entry) -> Decimal {
        let mut sum = Decimal::ZERO;
        for d in &entry.deductions {
            match Figure::read(&d.points.text) {
                Some(f) => sum = sum.saturating_add(f.plain()),
                None => self.actuals_diagnostics.push(super::actuals::unreadable(
                    d.points.span,
                    format!("扣分「{}」无法读取", d.points.text),
                    "写成数字，如 `分值 = \"1\"`",
                )),
            }
        }
        sum
    }

    /// The report's formula for the actual, the 130% rule, a qualitative score outside its band.
    fn audit_item(
        &mut self,
        view: &View<'_>,
        entry: &Entry,
        field: &Field,
        judgement: &Judgement,
        scored: &score::Scored,
        weight: Decimal,
    ) {
        if let Some(formula_field) = &entry.formula {
            match formula::evaluate(&formula_field.text) {
                Ok(value) => {
                    let what = format!("「{}」的实际值", view.name);
                    let how = format!("报告的算式 {}", formula_field.text.trim());
                    if let Some(d) = audit(field, value, &what, &how) {
                        self.actuals_diagnostics.push(d);
                    }
                }
                Err(reason) => self.actuals_diagnostics.push(super::actuals::unreadable(
                    formula_field.span,
                    format!("算式无法计算：{reason}"),
                    "只用数字、+ − × ÷、括号和 |绝对值|",
                )),
            }
        }
        if let Some(first) = judgement.clauses.first()
            && let Shape::AtLeast { bound, .. } = first.shape
            && bound > Decimal::ZERO
            && first.actual * Decimal::TEN >= bound * Decimal::new(13, 0)
        {
            let unit = first_bound(view.target).and_then(|b| b.unit.clone());
            let ratio = round(score::muldiv(first.actual, Decimal::ONE_HUNDRED, bound), 0);
            self.actuals_diagnostics.push(
                Diagnostic::new(Code::TargetTooLow, field.span)
                    .arg("name", view.name)
                    .arg("actual", measure::show(first.actual, unit.as_ref()))
                    .arg("target", measure::show(bound, unit.as_ref()))
                    .arg("ratio", format!("{ratio}%")),
            );
        }
        if scored.no_band {
            self.actuals_diagnostics.push(
                Diagnostic::new(Code::NoBand, field.span)
                    .arg("name", view.name)
                    .arg("actual", &field.text),
            );
        }
        if let (Some((low, high)), Some(reported)) = (scored.outside_band, &entry.score) {
            self.actuals_diagnostics.push(
                Diagnostic::new(Code::ScoreOutsideBand, reported.span)
                    .arg("name", view.name)
                    .arg("grade", judgement.completion.map_or("", |c| c.label()))
                    .arg("band", format!("{} 与 {} 分", n(low), n(high)))
                    .arg("reported", &reported.text),
            );
        }
        let _ = weight;
    }

    /// The reported score against the computed one, and the reported 得分率.
    fn audit_score(&mut self, name: &str, entry: &Entry, exact: Decimal, weight: Decimal) {
        if let Some(field) = &entry.score {
            let what = format!("「{name}」的得分");
            if let Some(d) = audit(field, exact, &what, "评分规则与实际值计算") {
                self.actuals_diagnostics.push(d.arg(
                    "help_detail",
                    "按报告自己的评分规则和数据重新计算这一项，或说明为何不按规则",
                ));
            }
        }
        if weight > Decimal::ZERO {
            let basis = entry
                .score
                .as_ref()
                .and_then(|f| Figure::read(&f.text))
                .map_or(exact, |f| f.plain());
            for field in &entry.rates {
                let what = format!("「{name}」的得分率");
                let how = format!("得分 {} ÷ 分值 {}", n(basis), n(weight));
                if let Some(stated) = basis.checked_div(weight)
                    && let Some(d) = audit(field, stated, &what, &how)
                {
                    self.actuals_diagnostics.push(d);
                }
            }
        }
    }

    fn project(
        &mut self,
        project: &'a Project,
        settings: &Settings,
        scales: &[&GradeScale],
        figures: Option<&'a super::actuals::ProjectFigures>,
    ) -> Section {
        let (decimals, reverse) = self.arithmetic(settings);
        let mut rows = Vec::new();
        let mut total = Decimal::ZERO;
        let mut weight = Decimal::ZERO;
        for (level1, default, label) in [
            (Level1::Output, OUTPUT_POINTS, "产出指标"),
            (Level1::Benefit, BENEFIT_POINTS, "效益指标"),
            (Level1::Satisfaction, SATISFACTION_POINTS, "满意度指标"),
        ] {
            let points = split_points(settings, level1.label(), default);
            // 成本 (a 一级 since 财预〔2021〕101号) shares the 产出 points of 10号.
            let members: Vec<&Indicator> = project
                .indicators
                .iter()
                .filter(|i| category_points(i.category.level1) == level1)
                .collect();
            if members.is_empty() {
                continue;
            }
            let header = rows.len();
            rows.push(Row::Group(GroupRow {
                depth: 0,
                name: label.to_owned(),
                weight: Decimal::ZERO,
                score: Decimal::ZERO,
                rate: Decimal::ZERO,
            }));
            let weights = split(points, &members);
            let mut group_weight = Decimal::ZERO;
            let mut group_score = Decimal::ZERO;
            for (indicator, w) in members.iter().zip(weights) {
                let view = View {
                    name: &indicator.name,
                    target: &indicator.target,
                    scoring: indicator.scoring.as_ref(),
                    node: key(*indicator),
                };
                let (w, s, _) = self.item(&view, w, 1, decimals, reverse, scales, &mut rows);
                group_weight += w;
                group_score += s;
            }
            if let Some(Row::Group(row)) = rows.get_mut(header) {
                row.weight = group_weight;
                row.score = group_score;
                row.rate = rate(group_score, group_weight);
            }
            weight += group_weight;
            total += group_score;
        }
        let execution_points = split_points(settings, "预算执行率", EXECUTION_POINTS);
        let execution = figures.and_then(|f| self.execution(f, decimals, execution_points));
        if let Some(e) = &execution {
            weight += e.weight;
            total += e.score;
        }
        let score = round(total, decimals);
        if let Some(field) = figures.and_then(|f| f.score.as_ref())
            && let Some(d) = audit(
                field,
                score,
                &format!("项目「{}」的总分", project.name),
                "各项得分与预算执行率得分之和",
            )
        {
            self.actuals_diagnostics.push(d);
        }
        Section {
            title: project.name.clone(),
            rows,
            execution,
            weight,
            score,
            rate: rate(score, weight),
            grade: grade(settings, score, weight),
            decimals,
        }
    }

    /// 预算执行率 score = 10 × 全年执行数 / 全年预算数, at most 10 (domain.md §7.4).
    fn execution(
        &mut self,
        figures: &super::actuals::ProjectFigures,
        decimals: u32,
        weight: Decimal,
    ) -> Option<Execution> {
        let budget = self.amount(figures.budget.as_ref()?)?;
        let spent = self.amount(figures.spent.as_ref()?)?;
        if budget <= Decimal::ZERO {
            return None;
        }
        let ratio = spent.checked_div(budget)?;
        let exact = weight.saturating_mul(ratio).min(weight);
        if let Some(field) = &figures.rate
            && let Some(d) = audit(field, ratio, "预算执行率", "全年执行数 ÷ 全年预算数")
        {
            self.actuals_diagnostics.push(d);
        }
        if let Some(field) = &figures.execution_score
            && let Some(d) = audit(field, exact, "预算执行率得分", "分值 × 执行率")
        {
            self.actuals_diagnostics.push(d);
        }
        Some(Execution {
            budget,
            spent,
            rate: round(ratio.saturating_mul(Decimal::ONE_HUNDRED), 2),
            weight,
            score: round(exact, decimals),
        })
    }

    fn amount(&mut self, field: &Field) -> Option<Decimal> {
        let value = Figure::read(&field.text)
            .map(|f| f.plain())
            .filter(|v| measure::sane(*v).is_ok());
        if value.is_none() {
            self.actuals_diagnostics.push(super::actuals::unreadable(
                field.span,
                format!("金额「{}」无法读取", field.text),
                "写成万元数，如 `430.00`",
            ));
        }
        value
    }

    /// Project figures and group reports must name a project or group of the spec.
    fn unmatched_reports(&mut self, spec: &Spec, actuals: &Actuals) {
        for figures in &actuals.projects {
            let Some(name) = &figures.name else { continue };
            let known = spec.projects().any(|(a, p)| {
                p.name == name.text.trim()
                    && figures
                        .agency
                        .as_ref()
                        .is_none_or(|f| a.name == f.text.trim())
            });
            if !known {
                self.actuals_diagnostics.push(unknown(
                    name.span,
                    format!("规格中没有项目「{}」", name.text),
                ));
            }
        }
        let groups: Vec<&str> = (spec.departments.iter())
            .flat_map(|d| &d.groups)
            .flat_map(Group::groups)
            .map(|g| g.name.as_str())
            .collect();
        for reported in &actuals.groups {
            let Some(name) = &reported.name else { continue };
            if !groups.contains(&name.text.trim()) {
                self.actuals_diagnostics
                    .push(unknown(name.span, format!("规格中没有组「{}」", name.text)));
            }
        }
    }

    /// `核对`: every other figure the report states, with the arithmetic that should give it.
    fn checks(&mut self, actuals: &Actuals) {
        for check in &actuals.checks {
            let (Some(formula_field), Some(reported)) = (&check.formula, &check.reported) else {
                let span = check.name.as_ref().map_or(Default::default(), |f| f.span);
                self.actuals_diagnostics.push(super::actuals::unreadable(
                    span,
                    "核对项要写 `公式` 和 `报告值`",
                    "如 `{ 名称 = \"…\", 公式 = \"21407.08 / 21495.69\", 报告值 = \"99.59%\" }`",
                ));
                continue;
            };
            match formula::evaluate(&formula_field.text) {
                Ok(value) => {
                    let what = check
                        .name
                        .as_ref()
                        .map_or("核对项".to_owned(), |f| format!("「{}」", f.text));
                    let how = format!("算式 {}", formula_field.text.trim());
                    if let Some(d) = audit(reported, value, &what, &how) {
                        self.actuals_diagnostics.push(d);
                    }
                }
                Err(reason) => self.actuals_diagnostics.push(super::actuals::unreadable(
                    formula_field.span,
                    format!("算式无法计算：{reason}"),
                    "只用数字、+ − × ÷、括号和 |绝对值|",
                )),
            }
        }
    }
}

/// The points of one part of a project: the spec's `计分` split, or 10号's default.
fn split_points(settings: &Settings, word: &str, default: i64) -> Decimal {
    settings
        .split
        .iter()
        .find(|(w, _)| w == word)
        .map_or(Decimal::from(default), |(_, p)| *p)
}

fn category_points(level1: Level1) -> Level1 {
    match level1 {
        Level1::Cost => Level1::Output,
        other => other,
    }
}

/// Explicit weights stand; the rest of the category's points are shared equally by the others.
fn split(points: Decimal, members: &[&Indicator]) -> Vec<Decimal> {
    let explicit: Decimal = members
        .iter()
        .filter_map(|i| i.scoring.as_ref())
        .map(|s| s.weight)
        .sum();
    let open = members.iter().filter(|i| i.scoring.is_none()).count();
    let share = if open == 0 {
        Decimal::ZERO
    } else {
        (points - explicit).max(Decimal::ZERO) / Decimal::from(open)
    };
    // The last open indicator takes what is left, so a category's weights add up exactly
    // (50 / 3 is 16.67 + 16.67 + 16.66…, not 50.000…01).
    let last_open = members.iter().rposition(|i| i.scoring.is_none());
    let mut given = Decimal::ZERO;
    let mut out = Vec::with_capacity(members.len());
    for (index, indicator) in members.iter().enumerate() {
        let weight = match &indicator.scoring {
            Some(s) => s.weight,
            None if Some(index) == last_open => (points - explicit).max(Decimal::ZERO) - given,
            None => {
                given += share;
                share
            }
        };
        out.push(weight);
    }
    out
}

fn rate(score: Decimal, weight: Decimal) -> Decimal {
    if weight.is_zero() {
        Decimal::new(0, 2)
    } else {
        let mut r = round(score::muldiv(score, Decimal::ONE_HUNDRED, weight), 2);
        r.rescale(2);
        r
    }
}

/// 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差 (财预〔2020〕10号), or the spec's own bands, on a
/// 100-point basis.
pub fn grade(settings: &Settings, score: Decimal, weight: Decimal) -> String {
    let basis = if weight.is_zero() || weight == Decimal::ONE_HUNDRED {
        score
    } else {
        score::muldiv(score, Decimal::ONE_HUNDRED, weight)
    };
    let default =
        [("优", 90), ("良", 80), ("中", 60)].map(|(g, p)| (g.to_owned(), Decimal::from(p)));
    let bands: &[(String, Decimal)] = if settings.grades.is_empty() {
        &default
    } else {
        &settings.grades
    };
    bands
        .iter()
        .find(|(_, low)| basis >= *low)
        .map_or_else(|| "差".to_owned(), |(g, _)| g.clone())
}

fn unknown(span: crate::source::Span, detail: String) -> Diagnostic {
    Diagnostic::new(Code::UnknownActual, span)
        .arg("detail", detail)
        .arg(
            "help_detail",
            "核对名称与规格中的写法（包括项目名）；同名项目请加写 `预算单位`",
        )
}

fn find_in_project(
    spec: &Spec,
    agency: Option<&Field>,
    project: &Field,
    name: &str,
) -> Result<usize, String> {
    let projects: Vec<&Project> = spec
        .projects()
        .filter(|(a, p)| {
            p.name == project.text.trim() && agency.is_none_or(|f| a.name == f.text.trim())
        })
        .map(|(_, p)| p)
        .collect();
    match projects.as_slice() {
        [] => Err(format!("规格中没有项目「{}」", project.text)),
        [p] => p
            .indicators
            .iter()
            .find(|i| i.name == name.trim())
            .map(key)
            .ok_or_else(|| format!("项目「{}」中没有指标「{name}」", p.name)),
        _ => Err(format!(
            "规格中有 {} 个名为「{}」的项目",
            projects.len(),
            project.text
        )),
    }
}

fn find_anywhere(spec: &Spec, name: &str) -> Result<usize, String> {
    let mut found: Vec<usize> = Vec::new();
    for department in &spec.departments {
        for group in &department.groups {
            found.extend(
                group
                    .indicators()
                    .into_iter()
                    .filter(|i| i.name == name.trim())
                    .map(key),
            );
        }
    }
    found.extend(
        spec.indicators()
            .filter(|(_, i)| i.name == name.trim())
            .map(|(_, i)| key(i)),
    );
    match found.as_slice() {
        [] => Err(format!("规格中没有指标「{name}」")),
        [one] => Ok(*one),
        _ => Err(format!(
            "规格中有 {} 条名为「{name}」的指标：请写明 `项目`",
            found.len()
        )),
    }
}

fn figures_of<'a>(
    actuals: &'a Actuals,
    agency: &Agency,
    project: &Project,
) -> Option<&'a super::actuals::ProjectFigures> {
    actuals.projects.iter().find(|f| {
        f.name
            .as_ref()
            .is_some_and(|n| n.text.trim() == project.name)
            && f.agency
                .as_ref()
                .is_none_or(|a| a.text.trim() == agency.name)
    })
}
