//! The indicator hierarchy: 一级 and 二级 categories, with the regional synonyms folded in.

use serde::Serialize;

/// 一级指标.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Level1 {
    #[serde(rename = "产出")]
    Output,
    #[serde(rename = "效益")]
    Benefit,
    #[serde(rename = "满意度")]
    Satisfaction,
    /// Its own 一级 in the 2021 central layout (财预〔2021〕101号).
    #[serde(rename = "成本")]
    Cost,
}

/// 二级指标.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Level2 {
    #[serde(rename = "数量")]
    Quantity,
    #[serde(rename = "质量")]
    Quality,
    #[serde(rename = "时效")]
    Timeliness,
    #[serde(rename = "成本")]
    Cost,
    #[serde(rename = "经济效益")]
    Economic,
    #[serde(rename = "社会效益")]
    Social,
    #[serde(rename = "生态效益")]
    Ecological,
    #[serde(rename = "可持续影响")]
    Sustainable,
    #[serde(rename = "服务对象满意度")]
    Beneficiary,
    #[serde(rename = "经济成本")]
    EconomicCost,
    #[serde(rename = "社会成本")]
    SocialCost,
    #[serde(rename = "生态环境成本")]
    EcologicalCost,
}

/// Where an indicator stands in the hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Category {
    pub level1: Level1,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level2: Option<Level2>,
}

pub const LEVEL1_WORDS: &str = "产出、效益、满意度、成本";

impl Level1 {
    pub fn read(word: &str) -> Option<Level1> {
        Some(match strip(word) {
            "产出" => Level1::Output,
            "效益" | "效果" => Level1::Benefit,
            "满意度" => Level1::Satisfaction,
            "成本" => Level1::Cost,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Level1::Output => "产出",
            Level1::Benefit => "效益",
            Level1::Satisfaction => "满意度",
            Level1::Cost => "成本",
        }
    }

    /// The 二级 names allowed under this 一级, for messages.
    pub fn level2_words(self) -> &'static str {
        match self {
            Level1::Output => "数量、质量、时效、成本",
            Level1::Benefit => "经济效益、社会效益、生态效益、可持续影响",
            Level1::Satisfaction => "服务对象满意度",
            Level1::Cost => "经济成本、社会成本、生态环境成本",
        }
    }
}

impl Level2 {
    /// Reads a 二级 word under `parent`; `None` if unknown there.
    pub fn read(parent: Level1, word: &str) -> Option<Level2> {
        let level2 = match strip(word) {
            "数量" => Level2::Quantity,
            "质量" => Level2::Quality,
            "时效" | "进度" | "产出进度" => Level2::Timeliness,
            "成本" => Level2::Cost,
            "经济效益" => Level2::Economic,
            "社会效益" => Level2::Social,
            "生态效益" | "环境效益" => Level2::Ecological,
            "可持续影响" => Level2::Sustainable,
            "服务对象满意度" | "满意度" | "社会公众或服务对象满意度" => {
                Level2::Beneficiary
            }
            "经济成本" => Level2::EconomicCost,
            "社会成本" => Level2::SocialCost,
            "生态环境成本" => Level2::EcologicalCost,
            _ => return None,
        };
        (level2.parent() == parent || (level2 == Level2::Cost && parent == Level1::Cost))
            .then_some(level2)
    }

    fn parent(self) -> Level1 {
        match self {
            Level2::Quantity | Level2::Quality | Level2::Timeliness | Level2::Cost => {
                Level1::Output
            }
            Level2::Economic | Level2::Social | Level2::Ecological | Level2::Sustainable => {
                Level1::Benefit
            }
            Level2::Beneficiary => Level1::Satisfaction,
            Level2::EconomicCost | Level2::SocialCost | Level2::EcologicalCost => Level1::Cost,
        }
    }
}

/// `产出指标` and `产出` are the same category.
fn strip(word: &str) -> &str {
    word.strip_suffix("指标").unwrap_or(word)
}
