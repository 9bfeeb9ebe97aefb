//! The syntax tree: what was written, where, with no interpretation of words, numbers or units.

use crate::source::Span;

/// A piece of source text and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

pub type Text = Spanned<String>;

/// A parsed spec file: its top-level items and its comments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ast {
    pub items: Vec<Item>,
    pub comments: Vec<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Block(Block),
    Budget(BudgetLine),
    Goal(Text),
    /// `实施期目标 "…"`.
    TermGoal(Text),
    Scale(ScaleLine),
    Indicator(IndicatorLine),
    /// `评分 …`: scores the indicator on the line before it.
    Score(ScoreLine),
    /// `计分 …`: rounding, reverse formula and grade bands for the block.
    Settings(SettingsLine),
    /// `年初 …`: the start-of-year target of the indicator above (its target was adjusted).
    Initial(InitialLine),
}

/// `部门 … {`, `预算单位 … {` or `项目 … {` and everything up to its `}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub name: Text,
    /// The header line up to and including `{`.
    pub header: Span,
    pub items: Vec<Item>,
    /// The closing `}`; `None` when the file ended first.
    pub close: Option<Span>,
    /// Lines directly inside this block that could not be read (already reported).
    pub unreadable: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Department {
        year: Option<Text>,
    },
    Agency,
    Project {
        classified: Option<Span>,
    },
    /// `组 "管理效能" 45分 {`: a scored group (部门整体 rubrics).
    Group {
        weight: Option<Text>,
    },
}

/// `预算 总计 426.92 财政拨款 426.92`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetLine {
    pub span: Span,
    pub amounts: Vec<Amount>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amount {
    pub fund: Option<Text>,
    pub number: Text,
}

/// `等级 "名称" 优 良 中 差`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScaleLine {
    pub span: Span,
    pub name: Text,
    pub grades: Vec<Text>,
}

/// `产出.数量 网络安全宣传册 >= 3万册`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndicatorLine {
    pub span: Span,
    pub levels: Vec<Text>,
    pub name: Text,
    pub target: Target,
}

/// A value as written: measurable clauses, a single word, or free text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub span: Span,
    pub text: String,
    pub form: TargetForm,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetForm {
    Clauses(Vec<Clause>),
    Word { op: Option<Text>, word: Text },
    Free,
}

/// One measurable statement, with the words around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    pub span: Span,
    pub subject: Option<Text>,
    pub core: Core,
    pub context: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Core {
    ZeroEvent {
        marker: Text,
        event: Option<Text>,
    },
    Relative {
        baseline: Text,
        direction: Text,
        op: Option<Text>,
        amount: Quantity,
    },
    Deadline {
        year: Option<Text>,
        month: Option<Text>,
        day: Option<Text>,
        /// `前`, `底前` …; a full date may stand without one.
        end: Option<Text>,
    },
    Range {
        per: Option<Text>,
        low: Quantity,
        high: Quantity,
        /// `(含)` / `(不含)` after either end.
        low_mark: Option<Text>,
        high_mark: Option<Text>,
    },
    Comparison {
        per: Option<Text>,
        cumulative: Option<Span>,
        op: Option<Text>,
        quantity: Quantity,
        suffix: Option<Text>,
        /// `(含)` / `(不含)`: whether the bound itself belongs.
        mark: Option<Text>,
    },
}

/// `3万册`, `1,065期/年`, `99.9%`: a number and what follows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    pub span: Span,
    pub number: Text,
    pub magnitude: Option<Text>,
    pub unit: Option<Text>,
    pub alt_unit: Option<Text>,
    pub per: Option<Text>,
}

/// `评分 5分 每少50篇扣1分 少于550篇不得分`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreLine {
    pub span: Span,
    /// The number before `分`.
    pub weight: Text,
    pub rule: Option<RuleForm>,
    /// `当月分类率未达要求该项不得分`: the subjects whose clause, unmet, zeroes the item.
    pub gates: Vec<Text>,
}

/// A scoring rule as written; values are kept as text (read later by the value grammar).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleForm {
    AllOrNothing(Span),
    Proportional(Span),
    Linear {
        span: Span,
        from: Anchor,
        to: Anchor,
    },
    Steps {
        span: Span,
        best: Option<Text>,
        terms: Vec<StepTerm>,
        zero_below: Option<Text>,
        partial: bool,
        /// `最高10分`.
        cap: Option<Text>,
    },
    Bands {
        span: Span,
        bands: Vec<Anchor>,
    },
    Deductions(Span),
}

/// `每少50篇扣1分`: the way, the step, `扣` or `加`, and the points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepTerm {
    pub way: Text,
    pub size: Text,
    pub sign: Text,
    pub points: Text,
    /// `最多扣6分`.
    pub limit: Option<Text>,
}

/// `90%得0分` (a value and its points); `小于85%不得分` has no points text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub span: Span,
    pub value: Text,
    pub points: Option<Text>,
}

/// `年初 >= 50个`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InitialLine {
    pub span: Span,
    pub target: Target,
}

/// `计分 保留3位小数 反向乙 优90 良80 中60`: the words after `计分`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsLine {
    pub span: Span,
    pub words: Vec<Text>,
}
