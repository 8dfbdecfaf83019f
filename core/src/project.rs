//! The project aggregate: one funded project of a cooperative under a call, with its funding
//! plan, its dates, its planned tranches and its disbursements.

use serde::{Deserialize, Serialize};

use crate::amount::Amount;
use crate::date::Date;
use crate::id::Id;
use crate::rate::Rate;
use crate::reference::{FunderRole, ReferenceData};

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

/// What a funding plan adds up to, as the contributions table shows it while it is typed: the
/// sums by form and by role, the INDH share of the total cost, and the gap to that cost.
///
/// Every sum is exact; `None` only on overflow (beyond [`Amount::MAX`]). The INDH and own
/// contributions are the lines whose funder has that role in the reference data.
///
/// ```
/// use taawun_core::{Amount, project::{Contribution, ContributionKind, FundingSummary, Gap}, reference::ReferenceData};
/// let dh = |n: u64| Amount::from_centimes(n * 100).unwrap();
/// let lines = [
///     Contribution { funder: "INDH".into(), amount: dh(60_000), kind: ContributionKind::Cash },
///     Contribution { funder: "OWN".into(), amount: dh(30_000), kind: ContributionKind::InKind },
/// ];
/// let summary = FundingSummary::of(Some(dh(100_000)), &lines, &ReferenceData::builtin());
/// assert_eq!(summary.total, Some(dh(90_000)));
/// assert_eq!(summary.indh_share.map(|r| r.percent_rounded(1).to_string()).as_deref(), Some("60.0"));
/// assert_eq!(summary.gap, Some(Gap::Missing(dh(10_000))));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FundingSummary {
    /// All lines.
    pub total: Option<Amount>,
    /// Lines in cash.
    pub cash: Option<Amount>,
    /// Lines in kind.
    pub in_kind: Option<Amount>,
    /// Lines of the INDH.
    pub indh: Option<Amount>,
    /// Lines of the cooperative itself.
    pub own: Option<Amount>,
    /// INDH lines ÷ total cost; `None` without a (non-zero) total cost.
    pub indh_share: Option<Rate>,
    /// How the lines compare with the total cost; `None` without a total cost.
    pub gap: Option<Gap>,
}

/// How the sum of the contributions compares with the total cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// They are equal, as they must be for the project to be saved.
    Balanced,
    /// The lines fall short of the cost by this much.
    Missing(Amount),
    /// The lines exceed the cost by this much.
    Excess(Amount),
}

impl FundingSummary {
    /// Sums `contributions` against `total_cost` (unknown while it is not typed or not valid).
    pub fn of(total_cost: Option<Amount>, contributions: &[Contribution], reference: &ReferenceData) -> FundingSummary {
        let role = |code: &str| reference.funder(code).map(|f| f.role);
        let total = sum(contributions.iter().map(|c| c.amount));
        let cash = sum(contributions.iter().filter(|c| c.kind == ContributionKind::Cash).map(|c| c.amount));
        let in_kind = sum(contributions.iter().filter(|c| c.kind == ContributionKind::InKind).map(|c| c.amount));
        let indh = sum(contributions.iter().filter(|c| role(&c.funder) == Some(FunderRole::Indh)).map(|c| c.amount));
        let own = sum(contributions.iter().filter(|c| role(&c.funder) == Some(FunderRole::OwnContribution)).map(|c| c.amount));
        let indh_share = total_cost.zip(indh).and_then(|(cost, indh)| Rate::ratio(indh, cost));
        let gap = total_cost.zip(total).map(|(cost, lines)| match lines.cmp(&cost) {
            std::cmp::Ordering::Equal => Gap::Balanced,
            std::cmp::Ordering::Less => Gap::Missing(cost.checked_sub(lines).unwrap_or(Amount::ZERO)),
            std::cmp::Ordering::Greater => Gap::Excess(lines.checked_sub(cost).unwrap_or(Amount::ZERO)),
        });
        FundingSummary { total, cash, in_kind, indh, own, indh_share, gap }
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

    fn dh(n: u64) -> Amount {
        Amount::from_centimes(n * 100).unwrap()
    }

    fn line(funder: &str, amount: u64, kind: ContributionKind) -> Contribution {
        Contribution { funder: funder.into(), amount: dh(amount), kind }
    }

    #[test]
    fn a_funding_plan_that_covers_the_cost_is_balanced_and_sums_by_form_and_role() {
        let lines = [line("INDH", 60_000, ContributionKind::Cash), line("OWN", 30_000, ContributionKind::Cash), line("OWN", 10_000, ContributionKind::InKind)];
        let summary = FundingSummary::of(Some(dh(100_000)), &lines, &ReferenceData::builtin());
        assert_eq!(summary.gap, Some(Gap::Balanced));
        assert_eq!((summary.cash, summary.in_kind), (Some(dh(90_000)), Some(dh(10_000))));
        assert_eq!((summary.indh, summary.own), (Some(dh(60_000)), Some(dh(40_000))));
        assert_eq!(summary.indh_share.map(|r| r.to_percent()), Some(rust_decimal::Decimal::from(60)));
    }

    #[test]
    fn lines_above_the_cost_show_the_excess_and_without_a_cost_there_is_no_gap_nor_share() {
        let lines = [line("INDH", 120_000, ContributionKind::Cash)];
        let reference = ReferenceData::builtin();
        assert_eq!(FundingSummary::of(Some(dh(100_000)), &lines, &reference).gap, Some(Gap::Excess(dh(20_000))));
        let unknown = FundingSummary::of(None, &lines, &reference);
        assert_eq!((unknown.gap, unknown.indh_share, unknown.total), (None, None, Some(dh(120_000))));
        assert_eq!(FundingSummary::of(Some(Amount::ZERO), &lines, &reference).indh_share, None);
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
