//! The project aggregate: one funded project of a cooperative under a call, with its funding
//! plan, its dates, its planned tranches and its disbursements.

use serde::{Deserialize, Serialize};

use crate::amount::Amount;
use crate::date::Date;
use crate::id::Id;

/// A project a cooperative submitted under a call, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Project {
    /// Title in Arabic.
    pub title_ar: String,
    /// Title in French.
    pub title_fr: String,
    /// The id of the cooperative that carries it.
    pub cooperative: Id,
    /// Code of the INDH programme in the reference data (programme 3 for cooperatives).
    pub programme: String,
    /// Code of the programme's axis in the reference data.
    pub axis: String,
    /// The call for proposals it answered.
    pub call: Call,
    /// What the whole project costs.
    pub total_cost: Amount,
    /// Who pays what; the lines sum exactly to `total_cost`.
    pub contributions: Vec<Contribution>,
    /// When the file was submitted.
    pub submitted_on: Option<Date>,
    /// When the prefectoral committee (CPDH) approved it; its year is the project's year in
    /// statistics.
    pub cpdh_approved_on: Option<Date>,
    /// When the partnership convention was signed.
    pub convention_signed_on: Option<Date>,
    /// The payments the convention plans.
    pub tranches: Vec<Tranche>,
    /// The payments made.
    pub disbursements: Vec<Disbursement>,
    /// Jobs the project created.
    pub jobs: Jobs,
    /// Where the project stands.
    pub status: ProjectStatus,
    /// Free notes.
    pub notes: String,
}

/// A call for proposals: its year and the rulebook its projects are judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Call {
    /// The year of the call ("au titre de l'année 2023").
    pub year: u16,
    /// The id of the call's rulebook.
    pub rulebook: Id,
}

/// One funding line: who contributes how much, and in what form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contribution {
    /// Code of the funder in the reference data (INDH, the cooperative itself, a partner).
    pub funder: String,
    /// How much.
    pub amount: Amount,
    /// Cash or in kind.
    pub kind: ContributionKind,
}

/// The form of a contribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContributionKind {
    /// Money.
    Cash,
    /// Goods, premises or work, valued in dirhams.
    InKind,
}

/// A payment the convention plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tranche {
    /// When it is planned.
    pub planned_on: Date,
    /// Code of the funder that pays it.
    pub funder: String,
    /// How much.
    pub amount: Amount,
}

/// A payment made to the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disbursement {
    /// When it was paid.
    pub paid_on: Date,
    /// Code of the funder that paid it.
    pub funder: String,
    /// How much.
    pub amount: Amount,
}

/// Jobs created by a project. A young woman counts both among `women` and among `youth`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Jobs {
    /// All jobs.
    pub total: u32,
    /// Jobs held by women.
    pub women: u32,
    /// Jobs held by young people.
    pub youth: u32,
}

/// Where a project stands.
///
/// ```text
/// submitted → approved → convention_signed → in_progress → completed
/// submitted → rejected
/// submitted, approved, convention_signed, in_progress → cancelled
/// ```
///
/// Completed, rejected and cancelled are final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    /// The file was submitted and is being studied.
    Submitted,
    /// The CPDH approved it.
    Approved,
    /// The partnership convention is signed.
    ConventionSigned,
    /// Funds are being paid and the project carried out.
    InProgress,
    /// Carried out.
    Completed,
    /// Not approved.
    Rejected,
    /// Abandoned after submission or approval.
    Cancelled,
}

impl ProjectStatus {
    /// Every status.
    pub const ALL: [ProjectStatus; 7] = [
        ProjectStatus::Submitted,
        ProjectStatus::Approved,
        ProjectStatus::ConventionSigned,
        ProjectStatus::InProgress,
        ProjectStatus::Completed,
        ProjectStatus::Rejected,
        ProjectStatus::Cancelled,
    ];

    /// Whether a project in this status may move to `next` (staying put is always allowed).
    ///
    /// ```
    /// use taawun_core::project::ProjectStatus::*;
    /// assert!(Submitted.can_become(Approved));
    /// assert!(InProgress.can_become(Cancelled));
    /// assert!(!Rejected.can_become(Approved));
    /// ```
    pub fn can_become(self, next: ProjectStatus) -> bool {
        use ProjectStatus::*;
        self == next
            || matches!(
                (self, next),
                (Submitted, Approved | Rejected | Cancelled)
                    | (Approved, ConventionSigned | Cancelled)
                    | (ConventionSigned, InProgress | Cancelled)
                    | (InProgress, Completed | Cancelled)
            )
    }

    /// Whether a project in this status counts as funded: approved or later, and neither
    /// rejected nor cancelled.
    pub fn is_funded(self) -> bool {
        matches!(self, ProjectStatus::Approved | ProjectStatus::ConventionSigned | ProjectStatus::InProgress | ProjectStatus::Completed)
    }

    /// Whether the CPDH approval date must be known in this status.
    pub fn needs_approval_date(self) -> bool {
        self.is_funded()
    }

    /// Whether the convention date must be known in this status.
    pub fn needs_convention_date(self) -> bool {
        matches!(self, ProjectStatus::ConventionSigned | ProjectStatus::InProgress | ProjectStatus::Completed)
    }

    /// The status as a user reads it, in `lang`.
    ///
    /// ```
    /// use taawun_core::{project::ProjectStatus, Lang};
    /// assert_eq!(ProjectStatus::InProgress.name(Lang::Fr), "en cours");
    /// ```
    pub fn name(self, lang: crate::Lang) -> &'static str {
        let (ar, fr) = match self {
            ProjectStatus::Submitted => ("مودع", "déposé"),
            ProjectStatus::Approved => ("مصادق عليه", "approuvé"),
            ProjectStatus::ConventionSigned => ("اتفاقية موقعة", "convention signée"),
            ProjectStatus::InProgress => ("في طور الإنجاز", "en cours"),
            ProjectStatus::Completed => ("منجز", "achevé"),
            ProjectStatus::Rejected => ("مرفوض", "rejeté"),
            ProjectStatus::Cancelled => ("ملغى", "annulé"),
        };
        match lang {
            crate::Lang::Ar => ar,
            crate::Lang::Fr => fr,
        }
    }

    /// The snake_case name used in the document (`"convention_signed"`).
    pub fn code(self) -> &'static str {
        match self {
            ProjectStatus::Submitted => "submitted",
            ProjectStatus::Approved => "approved",
            ProjectStatus::ConventionSigned => "convention_signed",
            ProjectStatus::InProgress => "in_progress",
            ProjectStatus::Completed => "completed",
            ProjectStatus::Rejected => "rejected",
            ProjectStatus::Cancelled => "cancelled",
        }
    }
}

impl Project {
    /// The sum of the contributions of `funder`; `None` on overflow.
    pub fn committed_by(&self, funder: &str) -> Option<Amount> {
        sum(self.contributions.iter().filter(|c| c.funder == funder).map(|c| c.amount))
    }

    /// The sum of the disbursements of `funder`; `None` on overflow.
    pub fn disbursed_by(&self, funder: &str) -> Option<Amount> {
        sum(self.disbursements.iter().filter(|d| d.funder == funder).map(|d| d.amount))
    }

    /// The sum of all contributions; `None` on overflow.
    pub fn contributions_total(&self) -> Option<Amount> {
        sum(self.contributions.iter().map(|c| c.amount))
    }

    /// The title in the given language, falling back on the other one when it is empty.
    pub fn title(&self, lang: crate::Lang) -> &str {
        let (first, second) = match lang {
            crate::Lang::Ar => (&self.title_ar, &self.title_fr),
            crate::Lang::Fr => (&self.title_fr, &self.title_ar),
        };
        if first.trim().is_empty() { second } else { first }
    }
}

/// The exact sum of amounts; `None` on overflow.
pub(crate) fn sum(amounts: impl IntoIterator<Item = Amount>) -> Option<Amount> {
    amounts.into_iter().try_fold(Amount::ZERO, Amount::checked_add)
}

#[cfg(test)]
mod tests {
    use super::ProjectStatus::*;
    use super::*;

    #[test]
    fn only_the_lifecycle_transitions_are_allowed() {
        let allowed = [
            (Submitted, Approved),
            (Submitted, Rejected),
            (Submitted, Cancelled),
            (Approved, ConventionSigned),
            (Approved, Cancelled),
            (ConventionSigned, InProgress),
            (ConventionSigned, Cancelled),
            (InProgress, Completed),
            (InProgress, Cancelled),
        ];
        for from in ProjectStatus::ALL {
            for to in ProjectStatus::ALL {
                let expected = from == to || allowed.contains(&(from, to));
                assert_eq!(from.can_become(to), expected, "{from:?} → {to:?}");
            }
        }
    }

    #[test]
    fn funded_means_approved_or_later_and_neither_rejected_nor_cancelled() {
        let funded: Vec<_> = ProjectStatus::ALL.into_iter().filter(|s| s.is_funded()).collect();
        assert_eq!(funded, vec![Approved, ConventionSigned, InProgress, Completed]);
    }

    #[test]
    fn status_codes_match_their_json_names() {
        for status in ProjectStatus::ALL {
            assert_eq!(serde_json::to_value(status).unwrap(), status.code());
        }
    }
}
