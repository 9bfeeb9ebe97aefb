//! `missing-cost` (JX0205): a project without a 成本 indicator, where the profile (or
//! `[review] cost-required`) requires one.

use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Level1, Level2, Spec};

pub fn check(spec: &Spec, settings: &Settings) -> Vec<Diagnostic> {
    let requirements = settings.requirements();
    if !requirements.cost_required {
        return Vec::new();
    }
    spec.projects()
        .filter(|(_, p)| !p.classified && !p.incomplete)
        .filter(|(_, p)| {
            !p.indicators.iter().any(|i| {
                i.category.level1 == Level1::Cost
                    || matches!(
                        i.category.level2,
                        Some(
                            Level2::Cost
                                | Level2::EconomicCost
                                | Level2::SocialCost
                                | Level2::EcologicalCost
                        )
                    )
            })
        })
        .map(|(_, p)| {
            Diagnostic::new(Code::MissingCost, p.span)
                .arg("name", &p.name)
                .arg("profile", requirements.profile.name())
        })
        .collect()
}
