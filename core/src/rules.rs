//! The funding rulebook of a call: thresholds and their severities, kept as editable data
//! because every province and every year sets its own (60 % in Tiznit, 90 % in Taroudant 2026).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::amount::Amount;
use crate::cooperative::LegalForm;
use crate::rate::Rate;

/// What a rule's finding does to an edit.
///
/// A `block` finding stops an edit from being saved; a `warn` finding is saved and shown; an
/// `off` rule is not checked. Neither severity ever stops loading, importing, merging or
/// migrating data already recorded: those only report findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The edit is refused.
    Block,
    /// The edit is saved and the finding shown.
    Warn,
    /// The rule is not checked (never the severity of a finding).
    Off,
}

/// A rule that bounds a share by a rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ShareRule {
    /// The bound.
    pub rate: Rate,
    /// What breaking it does.
    pub severity: Severity,
}

/// The ceiling of INDH support per project, by type of entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CeilingRule {
    /// For a cooperative.
    pub cooperative: Amount,
    /// For a union of cooperatives.
    pub union: Amount,
    /// For an economic interest grouping (GIE); kept with the call although this app follows
    /// cooperatives and unions only, so the rulebook reads like the call it copies.
    pub gie: Amount,
    /// What breaking it does.
    pub severity: Severity,
}

impl CeilingRule {
    /// The ceiling that applies to an entity of this legal form.
    pub fn for_form(&self, form: LegalForm) -> Amount {
        match form {
            LegalForm::Cooperative => self.cooperative,
            LegalForm::Union => self.union,
        }
    }
}

/// A rule that asks for at least a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CountRule {
    /// The smallest number allowed.
    pub minimum: u32,
    /// What breaking it does.
    pub severity: Severity,
}

/// The years a call's projects must be approved in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PeriodRule {
    /// The first year, included.
    pub first_year: u16,
    /// The last year, included.
    pub last_year: u16,
    /// What breaking it does.
    pub severity: Severity,
}

/// The ages, both included, at which a member counts as young.
///
/// Members' ages are not recorded, so this rule yields no finding: it tells whoever counts the
/// `youth` members which band the call uses (18–35 in Al Hoceïma, 18–34 in Béni Mellal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AgeBand {
    /// Youngest age, included.
    pub min_age: u8,
    /// Oldest age, included.
    pub max_age: u8,
}

/// The rules of one call for proposals.
///
/// Every threshold is data: [`Rulebook::default_for_programme_3`] holds the values most calls
/// publish, all at `warn` because real Tanger-Assilah projects exceed them (63,1 % INDH overall,
/// 79,9 % in one CPDH session). The rules that hold whatever the call (contributions sum to the
/// cost, disbursed ≤ committed, dates in order, no project for a dissolved cooperative) are not
/// here: they always block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rulebook {
    /// Name in Arabic ("طلب اقتراح مشاريع 2023").
    pub name_ar: String,
    /// Name in French ("Appel à projets 2023").
    pub name_fr: String,
    /// The INDH contribution is at most this share of the total cost.
    pub max_indh_share: ShareRule,
    /// The INDH contribution is at most this amount, by type of entity.
    pub indh_ceiling: CeilingRule,
    /// The cooperative's own contribution is at least this share of the total cost.
    pub min_own_share: ShareRule,
    /// The in-kind part of the own contribution is at most this share of the own contribution.
    pub max_in_kind_share_of_own: ShareRule,
    /// Women and young members together are strictly more than this share of the members.
    pub min_women_youth_share: ShareRule,
    /// Who counts as young.
    pub youth_ages: AgeBand,
    /// The cooperative has at least this many members.
    pub min_members: CountRule,
    /// The CPDH approval falls within these years.
    pub programme_period: PeriodRule,
}

fn percent(value: i64) -> Rate {
    Rate::from_percent(Decimal::from(value)).unwrap_or(Rate::ZERO)
}

fn dirhams(value: u64) -> Amount {
    Amount::from_centimes(value * 100).unwrap_or(Amount::ZERO)
}

impl Rulebook {
    /// The name in the given language, falling back on the other one when it is blank.
    ///
    /// ```
    /// use taawun_core::{rules::Rulebook, Lang};
    /// let rulebook = Rulebook::default_for_programme_3("طلب 2023", " ");
    /// assert_eq!(rulebook.name(Lang::Fr), "طلب 2023");
    /// ```
    pub fn name(&self, lang: crate::Lang) -> &str {
        let (first, second) = match lang {
            crate::Lang::Ar => (&self.name_ar, &self.name_fr),
            crate::Lang::Fr => (&self.name_fr, &self.name_ar),
        };
        if first.trim().is_empty() { second } else { first }
    }

    /// The rules found in most programme-3 calls (domain brief §1.3), every one at `warn`:
    /// INDH ≤ 60 %, INDH ≤ 300 000 DH for a cooperative or union and 100 000 DH for a GIE, own
    /// contribution ≥ 40 %, in kind ≤ 50 % of the own contribution, women and youth > 30 % of the
    /// members, youth aged 18–35, at least 5 members, approval in 2019–2025.
    pub fn default_for_programme_3(name_ar: &str, name_fr: &str) -> Rulebook {
        let warn = Severity::Warn;
        Rulebook {
            name_ar: name_ar.to_owned(),
            name_fr: name_fr.to_owned(),
            max_indh_share: ShareRule { rate: percent(60), severity: warn },
            indh_ceiling: CeilingRule { cooperative: dirhams(300_000), union: dirhams(300_000), gie: dirhams(100_000), severity: warn },
            min_own_share: ShareRule { rate: percent(40), severity: warn },
            max_in_kind_share_of_own: ShareRule { rate: percent(50), severity: warn },
            min_women_youth_share: ShareRule { rate: percent(30), severity: warn },
            youth_ages: AgeBand { min_age: 18, max_age: 35 },
            min_members: CountRule { minimum: 5, severity: warn },
            programme_period: PeriodRule { first_year: 2019, last_year: 2025, severity: warn },
        }
    }

    /// The rules as `(name, severity)` pairs, in document order; handy for a settings screen.
    pub fn severities(&self) -> [(&'static str, Severity); 7] {
        [
            ("max_indh_share", self.max_indh_share.severity),
            ("indh_ceiling", self.indh_ceiling.severity),
            ("min_own_share", self.min_own_share.severity),
            ("max_in_kind_share_of_own", self.max_in_kind_share_of_own.severity),
            ("min_women_youth_share", self.min_women_youth_share.severity),
            ("min_members", self.min_members.severity),
            ("programme_period", self.programme_period.severity),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_rulebook_warns_on_every_rule() {
        let rules = Rulebook::default_for_programme_3("أ", "A");
        assert!(rules.severities().iter().all(|(_, severity)| *severity == Severity::Warn));
        assert_eq!(rules.max_indh_share.rate.to_percent(), Decimal::from(60));
        assert_eq!(rules.indh_ceiling.for_form(LegalForm::Cooperative).to_canonical(), "300000.00");
        assert_eq!(rules.indh_ceiling.gie.to_canonical(), "100000.00");
    }
}
