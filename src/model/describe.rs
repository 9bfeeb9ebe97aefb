//! One-line readings of the model for people: `≥ 30,000 册 · 产出/数量`. The language server's
//! hover shows them; they are written here once so every edge says the same thing.

use super::category::{Category, Level2};
use super::measure::Dimension;
use super::target::{Change, Clause, Comparison, Condition, Meaning, Target};

impl Comparison {
    /// The mathematical sign people read (`≥`), not the one they type (`>=`).
    pub fn sign(self) -> &'static str {
        match self {
            Comparison::Gt => ">",
            Comparison::Ge => "≥",
            Comparison::Eq => "=",
            Comparison::Ne => "≠",
            Comparison::Lt => "<",
            Comparison::Le => "≤",
        }
    }
}

impl Category {
    /// `产出/数量`, or `满意度` when no 二级 is given.
    pub fn label(&self) -> String {
        if let Some(written) = &self.written {
            return written.replace('.', "/");
        }
        match self.level2 {
            Some(level2) => format!("{}/{}", self.level1.label(), level2.label()),
            None => self.level1.label().to_owned(),
        }
    }
}

impl Level2 {
    pub fn label(self) -> &'static str {
        match self {
            Level2::Quantity => "数量",
            Level2::Quality => "质量",
            Level2::Timeliness => "时效",
            Level2::Cost => "成本",
            Level2::Economic => "经济效益",
            Level2::Social => "社会效益",
            Level2::Ecological => "生态效益",
            Level2::Sustainable => "可持续影响",
            Level2::Beneficiary => "服务对象满意度",
            Level2::EconomicCost => "经济成本",
            Level2::SocialCost => "社会成本",
            Level2::EcologicalCost => "生态环境成本",
            Level2::Approval => "项目立项",
            Level2::Goals => "绩效目标",
            Level2::Funding => "资金投入",
            Level2::FundManagement => "资金管理",
            Level2::Implementation => "组织实施",
            Level2::Other => "其他",
        }
    }
}

impl Dimension {
    /// What the dimension measures, in words.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Ratio => "比率（百分比、千分比）",
            Dimension::PercentagePoint => "百分点（两个比率之差）",
            Dimension::Count => "计数（量词）",
            Dimension::Duration => "时长（秒、分钟、小时、天、周，可互相换算）",
            Dimension::CalendarSpan => "日历期间（月、季度、年，不换算为天）",
            Dimension::WorkingDays => "工作日（不换算为日历时间）",
            Dimension::Money => "金额",
            Dimension::Area => "面积",
            Dimension::Length => "长度",
            Dimension::Score => "分值",
            Dimension::Data => "数据量",
            Dimension::Bandwidth => "带宽",
            Dimension::Volume => "体积（立方米、升，可互相换算）",
            Dimension::Mass => "质量（克、公斤、吨，可互相换算）",
            Dimension::Multiple => "倍数",
            Dimension::UnitCost => "单价（元/亩、元/人 等，只与同一单位相比）",
        }
    }
}

impl Target {
    /// The normalized meaning in one line: `≥ 30,000 册`, `15 家 至 20 家`, `不可衡量`.
    pub fn describe(&self) -> String {
        match &self.meaning {
            Meaning::Conditions { clauses } => clauses
                .iter()
                .map(describe_clause)
                .collect::<Vec<_>>()
                .join(" 且 "),
            Meaning::Grade {
                op,
                grade,
                scale,
                rank,
            } => format!("{} {grade}（等级「{scale}」第 {} 级）", op.sign(), rank + 1),
            Meaning::Unmeasurable => "不可衡量（没有数值或已声明的等级）".to_owned(),
        }
    }
}

fn describe_clause(clause: &Clause) -> String {
    let core = match &clause.condition {
        Condition::Compare {
            op,
            stated,
            bound,
            cumulative,
            ..
        } => {
            let total = if *cumulative { "累计 " } else { "" };
            match op {
                Some(op) if *stated => format!("{total}{} {}", op.sign(), bound.display()),
                Some(op) => format!("{total}{} {}（按名称推断方向）", op.sign(), bound.display()),
                None => format!("{total}{}（方向不明）", bound.display()),
            }
        }
        Condition::Range {
            low,
            high,
            low_open,
            high_open,
        } => {
            let end = |open: bool| if open { "（不含）" } else { "" };
            format!(
                "{}{} 至 {}{}",
                low.display(),
                end(*low_open),
                high.display(),
                end(*high_open)
            )
        }
        Condition::ZeroEvent { event } => match event {
            Some(event) => format!("不发生「{event}」"),
            None => "无（不发生）".to_owned(),
        },
        Condition::Relative {
            baseline,
            change,
            op,
            amount,
        } => {
            let way = match change {
                Change::Increase => "增加",
                Change::Decrease => "减少",
            };
            format!("较{baseline}{way} {} {}", op.sign(), amount.display())
        }
        Condition::Deadline { year, month, day } => {
            let mut date = String::new();
            for (part, unit) in [(year, "年"), (month, "月"), (day, "日")] {
                if let Some(value) = part {
                    date.push_str(&format!("{value}{unit}"));
                }
            }
            format!("{date}前完成")
        }
    };
    match &clause.subject {
        Some(subject) => format!("{subject} {core}"),
        None => core,
    }
}
