//! Scoring as written in a spec: an indicator's weight and rule (`评分`), groups with weights
//! (`组`), and the department's settings (`计分`). The arithmetic lives in `eval`.

use rust_decimal::Decimal;
use serde::Serialize;

use super::category::Category;
use super::quantity::{Quantity, parse_number};
use super::spec::GradeScale;
use super::target::{Condition, Meaning, Target};
use super::value::lower_target;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use crate::syntax::{self, ast};

/// An indicator's weight (分值) and how its score is computed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scoring {
    pub weight: Decimal,
    pub rule: ScoreRule,
    #[serde(skip)]
    pub span: Span,
}

/// The rule forms of the documents (财预〔2020〕10号 and the 部门整体 rubrics).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum ScoreRule {
    /// No rule written: the default of 财预〔2020〕10号 for the target's operator.
    Default,
    /// `达标得满分`.
    AllOrNothing,
    /// `按比例`: weight × actual / target, capped at the weight.
    Proportional,
    /// `线性 90%得0分 100%得2分`: a line through two points, clamped to [0, weight].
    Linear { from: Point, to: Point },
    /// `达标得5分 每少50篇扣1分 少于550篇不得分`.
    Steps {
        #[serde(skip_serializing_if = "Option::is_none")]
        best: Option<Decimal>,
        way: StepWay,
        size: Quantity,
        points: Decimal,
        #[serde(skip_serializing_if = "Option::is_none")]
        zero_below: Option<Condition>,
        /// `按比例`: a part of a step deducts its part of the points.
        partial: bool,
    },
    /// `分档 100%得5分 95%-99%得4分 小于85%不得分`: the first band that holds.
    Bands { bands: Vec<Band> },
    /// `扣分`: the weight less the deductions listed with the actuals.
    Deductions,
}

/// Which way a step deduction counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepWay {
    /// 每少 / 每递减 / 每低: per step below the target.
    Shortfall,
    /// 每多 / 每超 / 每递增: per step above the target.
    Excess,
}

/// A value and the points it earns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Point {
    pub at: Quantity,
    pub points: Decimal,
    #[serde(skip)]
    pub span: Span,
}

/// A band: when the condition holds, the points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Band {
    pub text: String,
    pub condition: Condition,
    pub points: Decimal,
    #[serde(skip)]
    pub span: Span,
}

/// How ≤ and < targets score when missed (domain.md §7.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum Reverse {
    /// 甲 (provincial system): w·(1 − (a−t)/t) between t and 2t, 0 beyond.
    #[default]
    #[serde(rename = "甲")]
    A,
    /// 乙 (another province): w·t/a.
    #[serde(rename = "乙")]
    B,
}

/// `计分 …`: the department's scoring settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// Decimals kept for item scores (`保留3位小数`); totals use the same. Default 2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reverse: Option<Reverse>,
    /// Grade bands, best first: (等次, lowest score).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<(String, Decimal)>,
    /// A project's split of the points when it differs from 10号's 产出 50 / 效益 30 / 满意度 10
    /// / 预算执行率 10: (`产出` | `效益` | `满意度` | `预算执行率`, points).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub split: Vec<(String, Decimal)>,
    #[serde(skip)]
    pub span: Span,
}

/// `组 "管理效能" 45分 { … }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Group {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Decimal>,
    pub members: Vec<Member>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub weight_span: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Member {
    Group(Group),
    Indicator(Box<GroupIndicator>),
}

/// An indicator inside a group; the category is optional (`指标 预算完成率 100%`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GroupIndicator {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    pub name: String,
    pub target: Target,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scoring: Option<Scoring>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub name_span: Span,
}

impl Group {
    /// Every indicator of the group and its sub-groups, in order.
    pub fn indicators(&self) -> Vec<&GroupIndicator> {
        self.indicators_with_group()
            .into_iter()
            .map(|(_, i)| i)
            .collect()
    }

    /// This group and every group inside it, outermost first.
    pub fn groups(&self) -> Vec<&Group> {
        let mut out = vec![self];
        for member in &self.members {
            if let Member::Group(inner) = member {
                out.extend(inner.groups());
            }
        }
        out
    }

    /// Every indicator of the group and its sub-groups, in order, with the group it is in.
    pub fn indicators_with_group(&self) -> Vec<(&Group, &GroupIndicator)> {
        let mut out = Vec::new();
        for member in &self.members {
            match member {
                Member::Group(g) => out.extend(g.indicators_with_group()),
                Member::Indicator(i) => out.push((self, i.as_ref())),
            }
        }
        out
    }
}

/// Lowers a `评分` line for the indicator `name`.
pub fn lower_score(
    line: &ast::ScoreLine,
    name: &str,
    scales: &[&GradeScale],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Scoring> {
    let Some(weight) = parse_number(&line.weight.value).filter(|w| *w <= max_points()) else {
        diagnostics.push(bad(
            line.weight.span,
            "分值无法读取",
            "写成数字，如 `评分 5分`",
        ));
        return None;
    };
    let mut reader = Reader {
        name,
        scales,
        diagnostics,
    };
    let rule = match &line.rule {
        None => ScoreRule::Default,
        Some(form) => reader.rule(form)?,
    };
    Some(Scoring {
        weight,
        rule,
        span: line.span,
    })
}

struct Reader<'a> {
    name: &'a str,
    scales: &'a [&'a GradeScale],
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn rule(&mut self, form: &ast::RuleForm) -> Option<ScoreRule> {
        Some(match form {
            ast::RuleForm::AllOrNothing(_) => ScoreRule::AllOrNothing,
            ast::RuleForm::Proportional(_) => ScoreRule::Proportional,
            ast::RuleForm::Deductions(_) => ScoreRule::Deductions,
            ast::RuleForm::Linear { from, to, .. } => ScoreRule::Linear {
                from: self.point(from)?,
                to: self.point(to)?,
            },
            ast::RuleForm::Bands { bands, .. } => ScoreRule::Bands {
                bands: bands.iter().map(|b| self.band(b)).collect::<Option<_>>()?,
            },
            ast::RuleForm::Steps {
                best,
                way,
                size,
                points,
                zero_below,
                partial,
                ..
            } => ScoreRule::Steps {
                best: match best {
                    Some(b) => Some(self.number(b)?),
                    None => None,
                },
                way: if ["多", "增加", "递增", "高", "超"].contains(&way.value.as_str()) {
                    StepWay::Excess
                } else {
                    StepWay::Shortfall
                },
                size: self.quantity(size)?,
                points: self.number(points)?,
                zero_below: match zero_below {
                    Some(z) => Some(self.condition(z)?),
                    None => None,
                },
                partial: *partial,
            },
        })
    }

    fn number(&mut self, text: &ast::Text) -> Option<Decimal> {
        let value = parse_number(&text.value).filter(|v| *v <= max_points());
        if value.is_none() {
            self.diagnostics
                .push(bad(text.span, "分值无法读取", "写成数字，如 `5分`"));
        }
        value
    }

    fn target(&mut self, text: &ast::Text) -> Target {
        let parsed = syntax::parse_value(&text.value, text.span.start);
        lower_target(&parsed, self.name, self.scales, self.diagnostics)
    }

    /// The single condition a rule value states (`小于85%`, `95%-99%`, `100%`).
    fn condition(&mut self, text: &ast::Text) -> Option<Condition> {
        let target = self.target(text);
        match target.meaning {
            Meaning::Conditions { mut clauses } if clauses.len() == 1 => {
                clauses.pop().map(|c| c.condition)
            }
            _ => {
                self.diagnostics.push(bad(
                    text.span,
                    "评分规则中的数值无法读取",
                    "写成一个数值或区间，如 `90%`、`95%-99%`、`小于85%`",
                ));
                None
            }
        }
    }

    fn quantity(&mut self, text: &ast::Text) -> Option<Quantity> {
        match self.condition(text)? {
            Condition::Compare { bound, .. } => Some(bound),
            _ => {
                self.diagnostics.push(bad(
                    text.span,
                    "这里应是一个数值",
                    "写成一个数值，如 `50篇`、`5%`",
                ));
                None
            }
        }
    }

    fn point(&mut self, anchor: &ast::Anchor) -> Option<Point> {
        Some(Point {
            at: self.quantity(&anchor.value)?,
            points: match &anchor.points {
                Some(p) => self.number(p)?,
                None => Decimal::ZERO,
            },
            span: anchor.span,
        })
    }

    fn band(&mut self, anchor: &ast::Anchor) -> Option<Band> {
        Some(Band {
            text: anchor.value.value.clone(),
            condition: self.condition(&anchor.value)?,
            points: match &anchor.points {
                Some(p) => self.number(p)?,
                None => Decimal::ZERO,
            },
            span: anchor.span,
        })
    }
}

/// The parts of a project's 100 points a `计分` line may re-weigh.
pub const SPLIT_WORDS: &[&str] = &["产出", "效益", "满意度", "预算执行率"];

/// Reads `计分` words: `保留3位小数`, `反向甲` / `反向乙`, `优90` `良80` `中60`, `产出60` `效益20`.
pub fn lower_settings(line: &ast::SettingsLine, diagnostics: &mut Vec<Diagnostic>) -> Settings {
    let mut settings = Settings {
        span: line.span,
        ..Settings::default()
    };
    for word in &line.words {
        let w = word.value.as_str();
        if let Some(n) = w
            .strip_prefix("保留")
            .and_then(|r| r.strip_suffix("位小数"))
            .and_then(|n| n.parse::<u32>().ok())
            .filter(|n| *n <= 10)
        {
            settings.decimals = Some(n);
        } else if w == "反向甲" {
            settings.reverse = Some(Reverse::A);
        } else if w == "反向乙" {
            settings.reverse = Some(Reverse::B);
        } else if let Some(split) = w.find(|c: char| c.is_ascii_digit())
            && split > 0
            && let Some(number) = parse_number(&w[split..]).filter(|n| *n <= max_points())
        {
            let word = w[..split].to_owned();
            if SPLIT_WORDS.contains(&word.as_str()) {
                settings.split.push((word, number));
            } else {
                settings.grades.push((word, number));
            }
        } else {
            diagnostics.push(bad(
                word.span,
                "无法读取的计分设置",
                "可写 `保留2位小数`、`反向甲`、`反向乙`、等次与下限如 `优90 良80 中60`，或分值如 `产出60 效益20`",
            ));
        }
    }
    settings
}

/// No weight or score is above this (a rubric has 100 points; a generous bound keeps the scoring
/// arithmetic far from overflow).
fn max_points() -> Decimal {
    Decimal::from(100_000)
}

fn bad(span: Span, detail: &str, help: &str) -> Diagnostic {
    Diagnostic::new(Code::SyntaxError, span)
        .arg("detail", detail)
        .arg("label", "无法读取")
        .arg("help", help)
}
