//! Findings: what validation says about a record, with a stable code, the JSON path of the
//! offending value, a severity, and a message in Arabic and in French.

use std::fmt;

use serde::Serialize;

use crate::document::JsonPath;
use crate::lang::Lang;
use crate::record::RecordRef;

/// Text in both languages of the domain.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Text {
    /// In Arabic.
    pub ar: String,
    /// In French.
    pub fr: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ar => &self.ar,
            Lang::Fr => &self.fr,
        }
    }
}

/// The severity of a finding: a finding is never `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Stops an edit from being saved (never stops loading or importing data).
    Block,
    /// Saved and shown.
    Warn,
}

/// What a finding is about. The snake_case name is stable: the interface and tests match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    // Always blocking, whatever the rulebook.
    /// Neither name (or title) is filled in.
    NameMissing,
    /// A code is not in the reference data.
    UnknownCode,
    /// A milieu override has no reason.
    OverrideWithoutReason,
    /// More women or young people than members (or jobs).
    CountsInconsistent,
    /// The contributions do not sum exactly to the total cost.
    ContributionsDoNotSumToTotal,
    /// A funder disbursed more than it committed.
    DisbursedAboveCommitted,
    /// A funder's planned tranches come to more than it committed.
    TranchesAboveCommitted,
    /// Two dates are in the wrong order.
    DatesOutOfOrder,
    /// The status needs a date that is missing (approval, convention).
    DateMissing,
    /// A project's cooperative does not exist or is deleted.
    CooperativeMissing,
    /// A project's rulebook does not exist or is deleted.
    RulebookMissing,
    /// A rulebook's own values make no sense (a rate above 100 %, a period ending before it starts).
    RuleInvalid,
    /// An ICE fails its mod-97 check (a warning: typing slips happen, and the number may still
    /// be the one on the cooperative's papers).
    IceChecksumFails,
    // Rulebook rules, with the severity the rulebook gives them.
    /// INDH share above the call's maximum.
    IndhShareAboveMaximum,
    /// INDH contribution above the call's ceiling.
    IndhAboveCeiling,
    /// Own contribution below the call's minimum share.
    OwnShareBelowMinimum,
    /// In-kind part above its share of the own contribution.
    InKindAboveShareOfOwn,
    /// Women and young members not above the call's share.
    WomenYouthShareTooLow,
    /// Fewer members than the call asks for.
    TooFewMembers,
    /// CPDH approval outside the programme period.
    OutsideProgrammePeriod,
    // Found only when an edit is applied.
    /// The record was changed since the edit's base revision (another tab or device).
    StaleRevision,
    /// A record with this id exists already.
    IdTaken,
    /// No record has this id.
    RecordMissing,
    /// The record is deleted; restore it first.
    RecordDeleted,
    /// The record is not deleted, so it cannot be restored.
    RecordNotDeleted,
    /// The status cannot move from its current value to the new one.
    TransitionNotAllowed,
    /// A new project for a dissolved or struck-off cooperative.
    CooperativeClosed,
    /// A code that is retired in the reference data is newly chosen.
    RetiredCode,
    /// A rulebook or cooperative still used by live projects cannot be deleted.
    StillInUse,
    /// A change to the reference data is refused (a code used twice, an empty name, an unknown
    /// code).
    ReferenceRefused,
}

impl Code {
    /// The stable snake_case name (`"indh_share_above_maximum"`).
    pub fn name(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    }
}

/// One thing validation found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Finding {
    /// Where, in the document's order (the order of the export): `projects[3].contributions[1].amount`.
    #[serde(serialize_with = "serialize_path")]
    pub path: JsonPath,
    /// What.
    pub code: Code,
    /// Whether it stops an edit.
    pub level: Level,
    /// The record concerned, for the interface to link to.
    pub record: Option<RecordRef>,
    /// What to tell the user.
    pub message: Text,
}

fn serialize_path<S: serde::Serializer>(path: &JsonPath, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(path)
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({:?}): {}", self.path, self.code.name(), self.level, self.message.fr)
    }
}

impl Finding {
    /// Whether the finding stops an edit.
    pub fn blocks(&self) -> bool {
        self.level == Level::Block
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_stable_snake_case_names() {
        assert_eq!(Code::IndhShareAboveMaximum.name(), "indh_share_above_maximum");
        assert_eq!(Code::ContributionsDoNotSumToTotal.name(), "contributions_do_not_sum_to_total");
    }
}
