//! Scoring as written in a spec: an indicator's weight and rule (`评分`), groups with weights
//! (`组`), and the department's settings (`计分`). The arithmetic lives in `eval`.

use rust_decimal::Decimal;
use serde::Serialize;

use super::category::Category;
use super::quantity::{Quantity, parse_number};
use super::target::{Condition, GradeScale, Meaning, Target};
use super::value::lower_target;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use crate::syntax::{self, ast};

/// An indicator's weight (分值) and how its score is computed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scoring {
    pub weight: Decimal,
    pub rule: ScoreRule,
    /// Subjects of the target's clauses that, unmet, zero the item (`…未达要求该项不得分`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gates: Vec<String>,
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
    /// `达标得5分 每少50篇扣1分 每超1个百分点扣0.5分 少于550篇不得分 最高10分`.
    Steps {
        /// The score the steps count from: `达标得N分`; else the weight, or 0 when every term
        /// adds points.
        #[serde(skip_serializing_if = "Option::is_none")]
        best: Option<Decimal>,
        terms: Vec<StepTerm>,
        #[serde(skip_serializing_if = "Option::is_none")]
        zero_below: Option<Condition>,
        /// `按比例`: a part of a step deducts its part of the points.
        partial: bool,
        /// `最高10分`: bonus points stop there.
        #[serde(skip_serializing_if = "Option::is_none")]
        cap: Option<Decimal>,
    },
    /// `分档 100%得5分 95%-99%得4分 小于85%不得分`: the first band that holds.
    Bands { bands: Vec<Band> },
    /// `扣分`: the weight less the deductions listed with the actuals.
    Deductions,
}

/// One term of a step rule: per `size` of shortfall or excess, `points` off (or on, for a bonus).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StepTerm {
    pub way: StepWay,
    pub size: Quantity,
    pub points: Decimal,
    /// `加`: the points are added.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bonus: bool,
    /// `最多扣6分`: the most this term takes or gives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<Decimal>,
}

impl ScoreRule {
    /// A step rule whose every term adds points (a 加分项).
    pub fn only_bonus(&self) -> bool {
        matches!(self, ScoreRule::Steps { terms, .. } if terms.iter().all(|t| t.bonus))
    }
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

/// A band: when the test holds, the points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Band {
    pub text: String,
    #[serde(flatten)]
    pub test: BandTest,
    pub points: Decimal,
    #[serde(skip)]
    pub span: Span,
}

/// What a band asks of the actual: a value (`80%(含)-90%`, `低于60%`) or a grade of a declared
/// scale (`齐全`, `充分`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum BandTest {
    Value {
        condition: Condition,
    },
    Grade {
        grade: String,
        scale: String,
        rank: usize,
    },
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
    /// `等级` lines inside the group: scales its indicators (and sub-groups) see.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<GradeScale>,
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
    let Some(weight) = parse_number(&line.weight.value).filter(|w| points_range(*w)) else {
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
        gates: line
            .gates
            .iter()
            .map(|g| g.value.trim().to_owned())
            .collect(),
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
                terms,
                zero_below,
                partial,
                cap,
                ..
            } => ScoreRule::Steps {
                best: match best {
                    Some(b) => Some(self.number(b)?),
                    None => None,
                },
                terms: terms
                    .iter()
                    .map(|t| self.step_term(t))
                    .collect::<Option<_>>()?,
                zero_below: match zero_below {
                    Some(z) => Some(self.condition(z)?),
                    None => None,
                },
                partial: *partial,
                cap: match cap {
                    Some(c) => Some(self.number(c)?),
                    None => None,
                },
            },
        })
    }

    fn step_term(&mut self, term: &ast::StepTerm) -> Option<StepTerm> {
        // 每少 / 每降低 count a shortfall; 每多 / 每超过 / 每发现 (a case) count an excess.
        const SHORTFALL: &[&str] = &["递减", "减少", "低于", "少于", "降低", "下降", "少", "低"];
        let size = ast::Text {
            value: arabic_numerals(&term.size.value),
            span: term.size.span,
        };
        Some(StepTerm {
            way: if SHORTFALL.contains(&term.way.value.as_str()) {
                StepWay::Shortfall
            } else {
                StepWay::Excess
            },
            size: self.quantity(&size)?,
            points: self.number(&term.points)?,
            bonus: term.sign.value == "加",
            limit: match &term.limit {
                Some(l) => Some(self.number(l)?),
                None => None,
            },
        })
    }

    fn number(&mut self, text: &ast::Text) -> Option<Decimal> {
        let value = parse_number(&text.value).filter(|v| points_range(*v));
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
        let meaning = self.target(text).meaning;
        self.single(meaning, text.span)
    }

    fn single(&mut self, meaning: Meaning, span: Span) -> Option<Condition> {
        match meaning {
            Meaning::Conditions { mut clauses } if clauses.len() == 1 => {
                clauses.pop().map(|c| c.condition)
            }
            _ => {
                self.diagnostics.push(bad(
                    span,
                    "评分规则中的数值或等级无法读取",
                    "写成一个数值或区间（`90%`、`80%(含)-90%`、`小于85%`），或先用 `等级` 声明等级（如 `等级 \"齐全性\" 齐全 不齐全`）",
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
        let test = match self.target(&anchor.value).meaning {
            Meaning::Grade {
                grade, scale, rank, ..
            } => BandTest::Grade { grade, scale, rank },
            meaning => BandTest::Value {
                condition: self.single(meaning, anchor.value.span)?,
            },
        };
        Some(Band {
            text: anchor.value.value.clone(),
            test,
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
        } else if ["整数", "整数分", "取整"].contains(&w) {
            settings.decimals = Some(0);
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
                "可写 `保留2位小数`、`整数分`、`反向甲`、`反向乙`、等次与下限如 `优90 良80 中60`，或分值如 `产出60 效益20`",
            ));
        }
    }
    settings
}

/// Points are never negative, and never above 100,000 (a rubric has 100 points; a generous bound
/// keeps the scoring arithmetic far from overflow).
fn points_range(points: Decimal) -> bool {
    !points.is_sign_negative() && points <= max_points()
}

fn max_points() -> Decimal {
    Decimal::from(100_000)
}

/// `一个百分点`, `两处`, `十篇`: a step size in Chinese numerals, in digits (`1个百分点`).
fn arabic_numerals(text: &str) -> String {
    const DIGITS: &str = "零一二三四五六七八九";
    let numeral: String = text
        .chars()
        .take_while(|c| DIGITS.contains(*c) || matches!(c, '两' | '十'))
        .collect();
    let value = numeral
        .chars()
        .try_fold((0u32, 0u32), |(total, digit), c| match c {
            '十' => Some((total + digit.max(1) * 10, 0)),
            '两' => Some((total, 2)),
            c => DIGITS
                .chars()
                .position(|d| d == c)
                .map(|d| (total, d as u32)),
        });
    match value {
        Some((total, digit)) if !numeral.is_empty() && !text[numeral.len()..].is_empty() => {
            format!("{}{}", total + digit, &text[numeral.len()..])
        }
        _ => text.to_owned(),
    }
}

fn bad(span: Span, detail: &str, help: &str) -> Diagnostic {
    Diagnostic::new(Code::SyntaxError, span)
        .arg("detail", detail)
        .arg("label", "无法读取")
        .arg("help", help)
}
