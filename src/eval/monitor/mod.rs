//! In-year monitoring (绩效运行监控, `jixiao monitor`): for every indicator of a project the
//! actuals name, the standard to date, the actual, the ratio, the deviation and a light; per
//! project the budget-execution light and the project's light (its worst row); and findings for
//! what must be explained. Built on the spec, the value grammar and the actuals reader `eval`
//! uses: `standard` gives one row its light, `light` holds the bands, `explain` the rules on
//! reasons and forecasts, `adjust` target adjustments, `period` the date. Pure: models in, results and diagnostics out.

mod adjust;
mod explain;
pub mod light;
pub mod period;
pub mod standard;

use rust_decimal::Decimal;
use serde::Serialize;

pub use explain::{CATEGORIES, Likelihood};
pub use light::Light;
pub use period::AsOf;
pub use standard::Basis;

use super::actuals::{Actuals, Entry, ProjectFigures};
use super::audit::Figure;
use super::evaluate::{Figures, key, match_actuals};
use super::measure::{self, Actual};
use super::score::round;
use super::verdict::{self, Verdict};
use crate::config::{Levels, Monitor, ReasonRequired};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Agency, GradeScale, Indicator, Project, Spec};
use crate::source::Span;

/// The monitoring rules in force, resolved from `[monitor]` (defaults where it says nothing).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Rules {
    /// Whose rules these are, as the config names them.
    pub province: Option<String>,
    pub levels: Levels,
    pub reason_required: ReasonRequired,
    /// Percent; `None`: deviations need no explanation of their own.
    pub deviation_threshold: Option<Decimal>,
    pub forecast_required: bool,
}

impl Rules {
    pub fn from_config(config: &Monitor) -> Rules {
        Rules {
            province: config.province.clone(),
            levels: config.levels.unwrap_or_default(),
            reason_required: config.reason_required.unwrap_or_default(),
            deviation_threshold: config.threshold(),
            forecast_required: config.forecast_required.unwrap_or(false),
        }
    }

    /// One line naming the rules, for every output (`水平类指标与全年目标比较；…`).
    pub fn describe(&self) -> String {
        let mut parts = vec![
            match self.levels {
                Levels::Full => "累计数量按序时进度（年度指标值 × N/12），水平类指标与全年目标比较",
                Levels::ProRated => {
                    "累计数量与水平类指标均按序时进度（年度指标值 × N/12，省级字面规则）"
                }
            }
            .to_owned(),
        ];
        parts.push(
            match self.reason_required {
                ReasonRequired::RedAndYellow => "红灯、黄灯须填偏差原因",
                ReasonRequired::Red => "红灯须填偏差原因",
            }
            .to_owned(),
        );
        if let Some(t) = self.deviation_threshold {
            parts.push(format!("偏差度超过 {}% 须说明", t.normalize()));
        }
        if self.forecast_required {
            parts.push("须填全年预计完成情况".to_owned());
        }
        let rules = parts.join("；");
        match &self.province {
            Some(p) => format!("{p}规则：{rules}"),
            None => rules,
        }
    }
}

/// What a run is asked: the date and the rules.
#[derive(Clone, Debug)]
pub struct Options {
    pub as_of: AsOf,
    pub rules: Rules,
}

/// The results of monitoring one spec with one actuals file; `--format json` serializes it.
#[derive(Clone, Debug, Serialize)]
pub struct Monitoring {
    pub as_of: AsOf,
    /// N, the months gone.
    pub months: Decimal,
    pub rules: Rules,
    /// `rules` in one line of Chinese.
    pub rule_text: String,
    pub projects: Vec<ProjectRow>,
    #[serde(skip)]
    pub spec_diagnostics: Vec<Diagnostic>,
    #[serde(skip)]
    pub actuals_diagnostics: Vec<Diagnostic>,
}

/// One project: its rows, its budget execution, and its light (the worst row).
#[derive(Clone, Debug, Serialize)]
pub struct ProjectRow {
    pub name: String,
    pub agency: String,
    /// 绩效目标, as the spec states it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    pub light: Light,
    /// `None` when the actuals give no budget figures for it.
    pub execution: Option<ExecutionRow>,
    pub indicators: Vec<IndicatorRow>,
    /// The project's `预算` amount (or its header), where CI formats put a red execution light.
    #[serde(skip)]
    pub span: Span,
}

/// 预算执行率 ÷ (N/12): < 60% red, 60–80% yellow, ≥ 80% green.
#[derive(Clone, Debug, Serialize)]
pub struct ExecutionRow {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spent: Option<Decimal>,
    /// 执行率, percent, two decimals.
    pub rate: Decimal,
    /// N/12, percent, two decimals: the rate the months gone call for.
    pub expected: Decimal,
    /// rate ÷ expected, percent, two decimals.
    pub ratio: Decimal,
    pub light: Light,
}

/// One indicator at the monitoring date.
#[derive(Clone, Debug, Serialize)]
pub struct IndicatorRow {
    pub name: String,
    /// `产出/数量`.
    pub category: String,
    /// The (adjusted) full-year target as written.
    pub target: String,
    /// The start-of-year target, when the spec states one (`年初 …`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial: Option<String>,
    pub basis: Option<Basis>,
    pub standard: Option<String>,
    pub actual: Option<String>,
    /// Actual ÷ standard, percent, two decimals.
    pub ratio: Option<Decimal>,
    /// (实际 − 年度目标) / 年度目标, percent, two decimals.
    pub deviation: Option<Decimal>,
    pub light: Light,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// One of 经费 / 制度 / 人员 / 硬件 / 其他.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_category: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measures: Option<String>,
    /// The target in the spec, where CI formats put a red light.
    #[serde(skip)]
    pub span: Span,
}

impl Monitoring {
    /// Every indicator row, with its project.
    pub fn rows(&self) -> impl Iterator<Item = (&ProjectRow, &IndicatorRow)> {
        self.projects
            .iter()
            .flat_map(|p| p.indicators.iter().map(move |i| (p, i)))
    }

    pub fn any_red(&self) -> bool {
        self.rows().any(|(_, r)| r.light == Light::Red)
            || self
                .projects
                .iter()
                .any(|p| p.execution.as_ref().is_some_and(|e| e.light == Light::Red))
    }
}

/// Monitors a spec with its actuals. Never fails: problems are diagnostics.
pub fn monitor(spec: &Spec, actuals: &Actuals, options: &Options) -> Monitoring {
    let (matched, mut actuals_diagnostics) = match_actuals(spec, actuals);
    let mut spec_diagnostics = Vec::new();
    let context = standard::Context {
        as_of: options.as_of,
        levels: options.rules.levels,
    };
    let figures_by_name = Figures::new(actuals);
    let mut projects = Vec::new();
    for department in &spec.departments {
        let scales: Vec<&GradeScale> = spec.scales.iter().chain(&department.scales).collect();
        for agency in &department.agencies {
            for project in &agency.projects {
                let figures = figures_by_name.of(agency, project);
                let entries: Vec<Option<&Entry>> = project
                    .indicators
                    .iter()
                    .map(|i| matched.get(&key(i)).copied())
                    .collect();
                if figures.is_none() && entries.iter().all(Option::is_none) {
                    continue;
                }
                let mut visible = scales.clone();
                visible.extend(&agency.scales);
                visible.extend(&project.scales);
                let mut run = Run {
                    context: &context,
                    rules: &options.rules,
                    scales: &visible,
                    spec_diagnostics: &mut spec_diagnostics,
                    actuals_diagnostics: &mut actuals_diagnostics,
                };
                projects.push(run.project(agency, project, &entries, figures));
            }
        }
    }
    crate::diagnostic::sort(&mut spec_diagnostics);
    crate::diagnostic::sort(&mut actuals_diagnostics);
    Monitoring {
        as_of: options.as_of,
        months: round(options.as_of.months(), 4).normalize(),
        rule_text: options.rules.describe(),
        rules: options.rules.clone(),
        projects,
        spec_diagnostics,
        actuals_diagnostics,
    }
}

struct Run<'r> {
    context: &'r standard::Context,
    rules: &'r Rules,
    scales: &'r [&'r GradeScale],
    spec_diagnostics: &'r mut Vec<Diagnostic>,
    actuals_diagnostics: &'r mut Vec<Diagnostic>,
}

impl Run<'_> {
    fn project(
        &mut self,
        agency: &Agency,
        project: &Project,
        entries: &[Option<&Entry>],
        figures: Option<&ProjectFigures>,
    ) -> ProjectRow {
        let indicators: Vec<IndicatorRow> = project
            .indicators
            .iter()
            .zip(entries)
            .map(|(indicator, entry)| self.indicator(indicator, *entry))
            .collect();
        ProjectRow {
            name: project.name.clone(),
            agency: agency.name.clone(),
            goal: project.goal.clone(),
            span: project
                .budget
                .total
                .or(project.budget.fiscal)
                .map_or(project.span, |a| a.span),
            light: Light::worst(indicators.iter().map(|r| r.light)),
            execution: figures.and_then(|f| self.execution(f)),
            indicators,
        }
    }

    fn indicator(&mut self, indicator: &Indicator, entry: Option<&Entry>) -> IndicatorRow {
        let name = indicator.name.as_str();
        self.spec_diagnostics.extend(adjust::lowered(indicator));
        let field = entry.and_then(|e| e.actual.as_ref());
        let actual = field.map(|f| self.read(f, name));
        if actual.is_none() {
            self.spec_diagnostics.push(
                Diagnostic::new(Code::MissingActual, indicator.target.span).arg("name", name),
            );
        }
        let baseline =
            entry
                .and_then(|e| e.baseline.as_ref())
                .and_then(|f| match self.read(f, name) {
                    Actual::Values(values) => match values.into_iter().next() {
                        Some(measure::Value::Number { quantity, .. }) => Some(quantity),
                        _ => None,
                    },
                    _ => None,
                });
        let reading = standard::judge(
            Some(&indicator.category),
            &indicator.target,
            actual.as_ref(),
            baseline.as_ref(),
            self.context,
        );
        let basis = reading.basis.map_or("—", Basis::label);
        let monitoring = entry.map(|e| &e.monitoring);
        let forecast_field = monitoring.and_then(|m| m.forecast.as_ref());
        let forecast_meets = forecast_field.and_then(|f| {
            let forecast = self.read(f, name);
            match verdict::judge(&indicator.target, Some(&forecast), baseline.as_ref()).verdict {
                Verdict::Met => Some(true),
                Verdict::NotMet { .. } => Some(false),
                _ => None,
            }
        });
        let rounded = |d: Option<Decimal>| d.map(|d| round(d, 2));
        if let Some(entry) = entry {
            explain::explain(
                &explain::Facts {
                    name,
                    light: reading.light,
                    basis,
                    actual: field.map(|f| f.text.as_str()),
                    deviation: reading.deviation,
                    entry,
                    forecast_meets,
                    forecast: forecast_field.map(|f| f.text.as_str()),
                    target: &indicator.target.text,
                },
                self.rules,
                self.actuals_diagnostics,
            );
        }
        let text = |f: Option<&crate::eval::actuals::Field>| f.map(|f| f.text.trim().to_owned());
        IndicatorRow {
            name: name.to_owned(),
            category: indicator.category.label(),
            target: indicator.target.text.clone(),
            initial: indicator.initial.as_ref().map(|t| t.text.clone()),
            basis: reading.basis,
            standard: reading.standard,
            actual: text(field),
            ratio: rounded(reading.ratio),
            deviation: rounded(reading.deviation),
            light: reading.light,
            note: reading.note,
            reason: text(monitoring.and_then(|m| m.reason.as_ref())),
            reason_category: monitoring
                .and_then(|m| m.category.as_ref())
                .and_then(|f| explain::category(&f.text))
                .map(str::to_owned),
            likelihood: monitoring
                .and_then(|m| m.likelihood.as_ref())
                .and_then(|f| Likelihood::read(&f.text))
                .map(|l| l.label().to_owned()),
            forecast: text(forecast_field),
            measures: text(monitoring.and_then(|m| m.measures.as_ref())),
            span: indicator.target.span,
        }
    }

    fn read(&mut self, field: &crate::eval::actuals::Field, name: &str) -> Actual {
        measure::read_field(field, name, self.scales, self.actuals_diagnostics)
    }

    /// 执行率 from 全年执行数 ÷ 全年预算数 (or 年初预算数), or as the actuals state it.
    fn execution(&mut self, figures: &ProjectFigures) -> Option<ExecutionRow> {
        let mut amount = |field: Option<&crate::eval::actuals::Field>| -> Option<Decimal> {
            let field = field?;
            let value = Figure::read(&field.text)
                .filter(|f| !f.percent)
                .map(|f| f.plain())
                .filter(|v| measure::sane(*v).is_ok() && *v >= Decimal::ZERO);
            if value.is_none() {
                self.actuals_diagnostics
                    .push(crate::eval::actuals::unreadable(
                        field.span,
                        format!("金额「{}」无法读取", field.text),
                        "写成万元数，如 `430.00`",
                    ));
            }
            value
        };
        let budget = amount(figures.budget.as_ref().or(figures.initial.as_ref()));
        let spent = amount(figures.spent.as_ref());
        let hundred = Decimal::ONE_HUNDRED;
        let rate = match (budget, spent) {
            (Some(b), Some(s)) if b > Decimal::ZERO => s.checked_mul(hundred)?.checked_div(b)?,
            _ => {
                let field = figures.rate.as_ref()?;
                let Some(figure) = Figure::read(&field.text) else {
                    self.actuals_diagnostics
                        .push(crate::eval::actuals::unreadable(
                            field.span,
                            format!("执行率「{}」无法读取", field.text),
                            "写成百分数，如 `45.2%`",
                        ));
                    return None;
                };
                figure.plain().checked_mul(hundred)?
            }
        };
        let expected = self.context.as_of.months() * hundred / Decimal::from(12);
        let ratio = rate.checked_mul(hundred)?.checked_div(expected)?;
        Some(ExecutionRow {
            budget,
            spent,
            rate: round(rate, 2),
            expected: round(expected, 2),
            ratio: round(ratio, 2),
            light: light::execution(ratio),
        })
    }
}
