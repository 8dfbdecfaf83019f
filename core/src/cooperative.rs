//! The cooperative aggregate: identity, place, sector, members, legal status and contact of a
//! cooperative or union (law 112-12), with the figures derived from them.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::ice::Ice;
use crate::phone::Phone;
use crate::rate::Rate;
use crate::reference::{Milieu, ReferenceData};
use crate::register::RegisterNumber;

/// A cooperative or a union of cooperatives, as the prefecture follows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cooperative {
    /// Name in Arabic.
    pub name_ar: String,
    /// Name in French.
    pub name_fr: String,
    /// Cooperative or union.
    pub legal_form: LegalForm,
    /// Number in the local register; none until the cooperative is registered.
    pub register_number: Option<RegisterNumber>,
    /// Identifiant commun de l'entreprise, when it has one.
    pub ice: Option<Ice>,
    /// Date of registration (creation).
    pub created_on: Option<Date>,
    /// Code of its commune or arrondissement in the reference data.
    pub commune: String,
    /// Rural or urban against what the commune says, with the reason (an urban centre inside a
    /// rural commune, for example). `None` means the commune decides.
    pub milieu_override: Option<MilieuOverride>,
    /// Code of its sector of activity in the reference data.
    pub sector: String,
    /// How many members, women and young people it has.
    pub members: Members,
    /// Whether its president is a woman or a man.
    pub president_gender: Gender,
    /// Where it stands in its legal life.
    pub status: CooperativeStatus,
    /// How to reach it.
    pub contact: Contact,
    /// Free notes.
    pub notes: String,
}

/// The legal form of a cooperative body under law 112-12.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalForm {
    /// A cooperative (تعاونية).
    Cooperative,
    /// A union of cooperatives (اتحاد التعاونيات).
    Union,
}

/// A gender, as recorded for a cooperative's president.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// A woman.
    Female,
    /// A man.
    Male,
}

/// The milieu chosen against the commune's, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MilieuOverride {
    /// The milieu that applies.
    pub milieu: Milieu,
    /// Why it differs from the commune's; never empty.
    pub reason: String,
}

/// Counts of members. A young woman counts both among `women` and among `youth`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Members {
    /// All members.
    pub total: u32,
    /// Women among them.
    pub women: u32,
    /// Young people among them (the age band is the call's, 18–35 by default).
    pub youth: u32,
}

/// How to reach a cooperative.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Contact {
    /// Phone number.
    pub phone: Option<Phone>,
    /// E-mail address, as given.
    pub email: Option<String>,
    /// Postal address, free text.
    pub address: String,
}

/// Where a cooperative stands in its legal life.
///
/// The legal transitions are:
///
/// ```text
/// name_approved → active ⇄ inactive
///                 active   → in_liquidation → dissolved → struck_off
///                 inactive → in_liquidation
/// ```
///
/// A name approval leads to registration (`active`); an active cooperative may fall `inactive`
/// and come back; either may go into liquidation, which ends in dissolution and then in its
/// removal from the register (radiation). Nothing comes back from liquidation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CooperativeStatus {
    /// ODCo approved the name; not registered yet.
    NameApproved,
    /// Registered and working.
    Active,
    /// Registered but not working (declared or observed).
    Inactive,
    /// Being liquidated.
    InLiquidation,
    /// Dissolved.
    Dissolved,
    /// Removed from the register (radiée).
    StruckOff,
}

impl CooperativeStatus {
    /// Every status, in the order of a cooperative's life.
    pub const ALL: [CooperativeStatus; 6] = [
        CooperativeStatus::NameApproved,
        CooperativeStatus::Active,
        CooperativeStatus::Inactive,
        CooperativeStatus::InLiquidation,
        CooperativeStatus::Dissolved,
        CooperativeStatus::StruckOff,
    ];

    /// Whether a cooperative in this status may move to `next` (staying put is always allowed).
    ///
    /// ```
    /// use taawun_core::cooperative::CooperativeStatus::*;
    /// assert!(Active.can_become(Inactive));
    /// assert!(Inactive.can_become(Active));
    /// assert!(!Dissolved.can_become(Active));
    /// ```
    pub fn can_become(self, next: CooperativeStatus) -> bool {
        use CooperativeStatus::*;
        self == next
            || matches!(
                (self, next),
                (NameApproved, Active)
                    | (Active, Inactive)
                    | (Inactive, Active)
                    | (Active, InLiquidation)
                    | (Inactive, InLiquidation)
                    | (InLiquidation, Dissolved)
                    | (Dissolved, StruckOff)
            )
    }

    /// Whether a new project may be opened for a cooperative in this status.
    pub fn may_receive_new_project(self) -> bool {
        !matches!(self, CooperativeStatus::Dissolved | CooperativeStatus::StruckOff)
    }

    /// The status as a user reads it, in `lang`.
    ///
    /// ```
    /// use taawun_core::{cooperative::CooperativeStatus, Lang};
    /// assert_eq!(CooperativeStatus::StruckOff.name(Lang::Fr), "radiée");
    /// ```
    pub fn name(self, lang: crate::Lang) -> &'static str {
        let (ar, fr) = match self {
            CooperativeStatus::NameApproved => ("حاصلة على الشهادة السلبية", "nom approuvé"),
            CooperativeStatus::Active => ("نشيطة", "active"),
            CooperativeStatus::Inactive => ("غير نشيطة", "inactive"),
            CooperativeStatus::InLiquidation => ("في طور التصفية", "en liquidation"),
            CooperativeStatus::Dissolved => ("منحلة", "dissoute"),
            CooperativeStatus::StruckOff => ("مشطب عليها", "radiée"),
        };
        match lang {
            crate::Lang::Ar => ar,
            crate::Lang::Fr => fr,
        }
    }

    /// The snake_case name used in the document (`"in_liquidation"`).
    pub fn code(self) -> &'static str {
        match self {
            CooperativeStatus::NameApproved => "name_approved",
            CooperativeStatus::Active => "active",
            CooperativeStatus::Inactive => "inactive",
            CooperativeStatus::InLiquidation => "in_liquidation",
            CooperativeStatus::Dissolved => "dissolved",
            CooperativeStatus::StruckOff => "struck_off",
        }
    }
}

impl Cooperative {
    /// The milieu that counts: the override if there is one, otherwise the commune's in
    /// `reference`; `None` when the commune is not in the reference data.
    pub fn milieu(&self, reference: &ReferenceData) -> Option<Milieu> {
        match &self.milieu_override {
            Some(choice) => Some(choice.milieu),
            None => reference.commune(&self.commune).map(|commune| commune.milieu()),
        }
    }

    /// Whether the cooperative counts as women-led: its president is a woman, or women are more
    /// than half of its members.
    ///
    /// Calls and ODCo speak of "coopératives féminines" without one definition; this one counts
    /// both cooperatives run by a woman and cooperatives made mostly of women.
    pub fn is_women_led(&self) -> bool {
        self.president_gender == Gender::Female || u64::from(self.members.women) * 2 > u64::from(self.members.total)
    }

    /// The share of women among members; `None` without members.
    pub fn women_share(&self) -> Option<Rate> {
        share(self.members.women, self.members.total)
    }

    /// The share of young people among members; `None` without members.
    pub fn youth_share(&self) -> Option<Rate> {
        share(self.members.youth, self.members.total)
    }

    /// The name in the given language, falling back on the other one when it is empty.
    pub fn name(&self, lang: crate::Lang) -> &str {
        let (first, second) = match lang {
            crate::Lang::Ar => (&self.name_ar, &self.name_fr),
            crate::Lang::Fr => (&self.name_fr, &self.name_ar),
        };
        if first.trim().is_empty() { second } else { first }
    }
}

/// `part / whole` as a rate, `None` when `whole` is zero.
pub(crate) fn share(part: u32, whole: u32) -> Option<Rate> {
    if whole == 0 {
        return None;
    }
    Rate::from_fraction(rust_decimal::Decimal::from(part) / rust_decimal::Decimal::from(whole))
}

#[cfg(test)]
mod tests {
    use super::CooperativeStatus::*;
    use super::*;

    #[test]
    fn only_the_legal_status_transitions_are_allowed() {
        let allowed = [
            (NameApproved, Active),
            (Active, Inactive),
            (Inactive, Active),
            (Active, InLiquidation),
            (Inactive, InLiquidation),
            (InLiquidation, Dissolved),
            (Dissolved, StruckOff),
        ];
        for from in CooperativeStatus::ALL {
            for to in CooperativeStatus::ALL {
                let expected = from == to || allowed.contains(&(from, to));
                assert_eq!(from.can_become(to), expected, "{from:?} → {to:?}");
            }
        }
    }

    #[test]
    fn a_dissolved_or_struck_off_cooperative_may_not_receive_a_new_project() {
        let refused: Vec<_> = CooperativeStatus::ALL.into_iter().filter(|s| !s.may_receive_new_project()).collect();
        assert_eq!(refused, vec![Dissolved, StruckOff]);
    }

    #[test]
    fn status_codes_match_their_json_names() {
        for status in CooperativeStatus::ALL {
            assert_eq!(serde_json::to_value(status).unwrap(), status.code());
        }
    }
}
