//! `missing-unit` (JX0104): a number with no unit of measure (`>= 50`) that cannot be read from
//! the name either (`check::measurability::unit_is_read`: `享受资助人数`, a 成本 amount …).

use crate::check::measurability::{unit_is_read, unitless};
use crate::config::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Spec;

pub fn check(spec: &Spec, _: &Settings) -> Vec<Diagnostic> {
    unitless(spec)
        .filter(|(indicator, q)| !unit_is_read(*indicator, q))
        .map(|(indicator, q)| {
            let value = q.value.normalize().to_string();
            Diagnostic::new(Code::MissingUnit, q.span)
                .arg("value", &value)
                .arg(
                    "help_detail",
                    format!("在数值后写计量单位，如 `{value}个`、`{value}%`、`{value}小时`"),
                )
                .arg("name", indicator.name)
        })
        .collect()
}
