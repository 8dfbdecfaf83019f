//! The checks behind every finding: always-blocking consistency rules, then the rules of the
//! project's own call, each with the severity its rulebook gives it.

use rust_decimal::Decimal;

use super::Dataset;
use crate::amount::Amount;
use crate::cooperative::Cooperative;
use crate::document::JsonPath;
use crate::finding::{Code, Finding, Level, Text};
use crate::lang::Lang;
use crate::meeting::{Attendee, Meeting};
use crate::project::{ContributionKind, Project, sum};
use crate::rate::Rate;
use crate::record::{Record, RecordKind, RecordRef};
use crate::reference::{FunderRole, ReferenceData};
use crate::rules::{Rulebook, Severity, ShareRule};
use crate::story::Story;
use crate::text;
use crate::visit::Visit;

/// A list of the reference data that records point into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum List {
    Commune,
    Sector,
    Programme,
    Axis,
    Funder,
}

impl List {
    fn names(self) -> (&'static str, &'static str) {
        match self {
            List::Commune => ("الجماعات", "communes"),
            List::Sector => ("القطاعات", "secteurs"),
            List::Programme => ("البرامج", "programmes"),
            List::Axis => ("المحاور", "axes"),
            List::Funder => ("الممولين", "financeurs"),
        }
    }
}

/// Whether `code` is in `list`: `None` if unknown, otherwise whether it is retired.
pub(crate) fn lookup(reference: &ReferenceData, list: List, code: &str) -> Option<bool> {
    match list {
        List::Commune => reference.commune(code).map(|c| c.retired),
        List::Sector => reference.sector(code).map(|s| s.retired),
        List::Programme => reference.programme(code).map(|p| p.retired),
        List::Axis => reference.axis(code).map(|a| a.retired),
        List::Funder => reference.funder(code).map(|f| f.retired),
    }
}

/// The code of the funder that plays `role`, if the reference data has one.
pub(crate) fn funder_with_role(reference: &ReferenceData, role: FunderRole) -> Option<&str> {
    reference.funders().iter().find(|f| f.role == role).map(|f| f.code.as_str())
}

fn both(ar: String, fr: String) -> Text {
    Text { ar, fr }
}

fn amount(value: Amount) -> (String, String) {
    (text::amount(value, Lang::Ar), text::amount(value, Lang::Fr))
}

fn percent(value: Rate) -> String {
    text::percent(value, Lang::Fr)
}

/// Collects the findings of one record.
struct Out<'a> {
    findings: &'a mut Vec<Finding>,
    record: RecordRef,
}

impl Out<'_> {
    fn push(&mut self, path: JsonPath, code: Code, level: Level, message: Text) {
        self.findings.push(Finding { path, code, level, record: Some(self.record), message });
    }

    fn block(&mut self, path: JsonPath, code: Code, message: Text) {
        self.push(path, code, Level::Block, message);
    }

    /// A finding of a rulebook rule at the rule's severity (nothing when the rule is off).
    fn rule(&mut self, severity: Severity, path: JsonPath, code: Code, message: Text) {
        match severity {
            Severity::Block => self.push(path, code, Level::Block, message),
            Severity::Warn => self.push(path, code, Level::Warn, message),
            Severity::Off => {}
        }
    }

    fn unknown(&mut self, path: JsonPath, list: List, code: &str) {
        let (ar, fr) = list.names();
        self.block(
            path,
            Code::UnknownCode,
            both(format!("الرمز «{code}» غير موجود في قائمة {ar}"), format!("le code « {code} » n'est pas dans la liste des {fr}")),
        );
    }

    /// Reports `code` if `list` does not have it; the path is built only then (building every
    /// path up front was most of the time `validate` took at region scale).
    fn check_code(&mut self, reference: &ReferenceData, path: impl FnOnce() -> JsonPath, list: List, code: &str) {
        if lookup(reference, list, code).is_none() {
            self.unknown(path(), list, code);
        }
    }

    /// Reports a part of the counts at `path.group` (`members`, `jobs`) above their total.
    fn counts(&mut self, path: &JsonPath, group: &str, part: &str, part_value: u32, total: u32) {
        if part_value > total {
            let path = path.key(group);
            let (ar_part, fr_part) = if part == "women" { ("النساء", "femmes") } else { ("الشباب", "jeunes") };
            self.block(
                path.key(part),
                Code::CountsInconsistent,
                both(
                    format!("عدد {ar_part} ({part_value}) يفوق العدد الإجمالي ({total})"),
                    format!("le nombre de {fr_part} ({part_value}) dépasse le total ({total})"),
                ),
            );
        }
    }
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

fn is_above_one(rate: Rate) -> bool {
    rate.to_fraction() > Decimal::ONE
}

/// Whether `part` is below `rate` of `whole`, compared exactly.
fn falls_short(rate: Rate, part: Amount, whole: Amount) -> bool {
    match whole.to_decimal().checked_mul(rate.to_fraction()) {
        Some(minimum) => part.to_decimal() < minimum,
        None => true,
    }
}

pub(super) fn rulebook(_dataset: &Dataset, index: usize, record: &Record<Rulebook>, findings: &mut Vec<Finding>) {
    let path = JsonPath::root().key("rulebooks").index(index);
    let rules = &record.data;
    let mut out = Out { findings, record: RecordRef { kind: RecordKind::Rulebook, id: record.id } };
    if blank(&rules.name_ar) && blank(&rules.name_fr) {
        out.block(path.key("name_fr"), Code::NameMissing, both("يجب إدخال اسم المنظومة".into(), "le règlement doit avoir un nom".into()));
    }
    let shares: [(&str, ShareRule); 4] = [
        ("max_indh_share", rules.max_indh_share),
        ("min_own_share", rules.min_own_share),
        ("max_in_kind_share_of_own", rules.max_in_kind_share_of_own),
        ("min_women_youth_share", rules.min_women_youth_share),
    ];
    for (name, rule) in shares {
        if is_above_one(rule.rate) {
            out.block(
                path.key(name).key("rate"),
                Code::RuleInvalid,
                both(format!("نسبة تفوق 100 % ({})", percent(rule.rate)), format!("un taux au-delà de 100 % ({})", percent(rule.rate))),
            );
        }
    }
    if rules.youth_ages.min_age > rules.youth_ages.max_age {
        out.block(
            path.key("youth_ages"),
            Code::RuleInvalid,
            both("الحد الأدنى لسن الشباب يفوق حده الأقصى".into(), "l'âge minimum des jeunes dépasse l'âge maximum".into()),
        );
    }
    if rules.programme_period.first_year > rules.programme_period.last_year {
        out.block(
            path.key("programme_period"),
            Code::RuleInvalid,
            both("سنة بداية البرنامج بعد سنة نهايته".into(), "la période du programme commence après sa fin".into()),
        );
    }
}

pub(super) fn cooperative(dataset: &Dataset, index: usize, record: &Record<Cooperative>, findings: &mut Vec<Finding>) {
    let path = JsonPath::root().key("cooperatives").index(index);
    let cooperative = &record.data;
    let reference = dataset.reference();
    let mut out = Out { findings, record: RecordRef { kind: RecordKind::Cooperative, id: record.id } };
    if blank(&cooperative.name_ar) && blank(&cooperative.name_fr) {
        out.block(path.key("name_fr"), Code::NameMissing, both("يجب إدخال اسم التعاونية".into(), "la coopérative doit avoir un nom".into()));
    }
    out.check_code(reference, || path.key("commune"), List::Commune, &cooperative.commune);
    out.check_code(reference, || path.key("sector"), List::Sector, &cooperative.sector);
    if let Some(choice) = &cooperative.milieu_override
        && blank(&choice.reason)
    {
        out.block(
            path.key("milieu_override").key("reason"),
            Code::OverrideWithoutReason,
            both("يجب تعليل تغيير الوسط (قروي/حضري)".into(), "le changement de milieu (rural/urbain) doit être motivé".into()),
        );
    }
    if let Some(ice) = &cooperative.ice
        && !ice.checksum_holds()
    {
        out.push(
            path.key("ice"),
            Code::IceChecksumFails,
            Level::Warn,
            both(format!("رقم التعريف الموحد {ice} لا يطابق رقم المراقبة"), format!("l'ICE {ice} ne vérifie pas sa clé de contrôle")),
        );
    }
    out.counts(&path, "members", "women", cooperative.members.women, cooperative.members.total);
    out.counts(&path, "members", "youth", cooperative.members.youth, cooperative.members.total);
}

pub(super) fn project(dataset: &Dataset, index: usize, record: &Record<Project>, findings: &mut Vec<Finding>) {
    let path = JsonPath::root().key("projects").index(index);
    let project = &record.data;
    let reference = dataset.reference();
    let mut out = Out { findings, record: RecordRef { kind: RecordKind::Project, id: record.id } };

    if blank(&project.title_ar) && blank(&project.title_fr) {
        out.block(path.key("title_fr"), Code::NameMissing, both("يجب إدخال عنوان المشروع".into(), "le projet doit avoir un titre".into()));
    }
    let cooperative = dataset.cooperatives().get(project.cooperative).filter(|c| c.is_live());
    if cooperative.is_none() {
        out.block(
            path.key("cooperative"),
            Code::CooperativeMissing,
            both("التعاونية الحاملة للمشروع غير موجودة أو محذوفة".into(), "la coopérative du projet n'existe pas ou a été supprimée".into()),
        );
    }
    let rulebook = dataset.rulebooks().get(project.call.rulebook).filter(|r| r.is_live());
    if rulebook.is_none() {
        out.block(
            path.key("call").key("rulebook"),
            Code::RulebookMissing,
            both("منظومة قواعد طلب المشاريع غير موجودة أو محذوفة".into(), "le règlement de l'appel n'existe pas ou a été supprimé".into()),
        );
    }
    out.check_code(reference, || path.key("programme"), List::Programme, &project.programme);
    match reference.axis(&project.axis) {
        None => out.unknown(path.key("axis"), List::Axis, &project.axis),
        Some(axis) if axis.programme != project.programme && lookup(reference, List::Programme, &project.programme).is_some() => {
            out.block(
                path.key("axis"),
                Code::UnknownCode,
                both(
                    format!("المحور «{}» لا ينتمي إلى البرنامج «{}»", project.axis, project.programme),
                    format!("l'axe « {} » n'appartient pas au programme « {} »", project.axis, project.programme),
                ),
            );
        }
        Some(_) => {}
    }
    for (k, line) in project.contributions.iter().enumerate() {
        out.check_code(reference, || path.key("contributions").index(k).key("funder"), List::Funder, &line.funder);
    }
    for (k, tranche) in project.tranches.iter().enumerate() {
        out.check_code(reference, || path.key("tranches").index(k).key("funder"), List::Funder, &tranche.funder);
    }
    for (k, payment) in project.disbursements.iter().enumerate() {
        out.check_code(reference, || path.key("disbursements").index(k).key("funder"), List::Funder, &payment.funder);
    }

    money(&mut out, &path, project);
    dates(&mut out, &path, project, cooperative.map(|c| &c.data));
    out.counts(&path, "jobs", "women", project.jobs.women, project.jobs.total);
    out.counts(&path, "jobs", "youth", project.jobs.youth, project.jobs.total);

    if let Some(rulebook) = rulebook {
        call_rules(dataset, &mut out, &path, project, &rulebook.data, cooperative);
    }
}

/// Contributions sum to the cost; nobody pays out more than committed or plans to.
fn money(out: &mut Out<'_>, path: &JsonPath, project: &Project) {
    match project.contributions_total() {
        Some(total) if total == project.total_cost => {}
        other => {
            let (sum_ar, sum_fr) = other.map(amount).unwrap_or_else(|| ("؟".into(), "?".into()));
            let (cost_ar, cost_fr) = amount(project.total_cost);
            out.block(
                path.key("contributions"),
                Code::ContributionsDoNotSumToTotal,
                both(
                    format!("مجموع المساهمات ({sum_ar}) لا يساوي الكلفة الإجمالية ({cost_ar})"),
                    format!("la somme des contributions ({sum_fr}) n'est pas égale au coût total ({cost_fr})"),
                ),
            );
        }
    }
    // Report, per funder, the first payment (or planned tranche) that goes past its commitment.
    let mut reported_disbursed: Vec<&str> = Vec::new();
    let mut paid: Vec<(&str, Amount)> = Vec::new();
    for (k, payment) in project.disbursements.iter().enumerate() {
        let funder = payment.funder.as_str();
        let running = running_total(&mut paid, funder, payment.amount);
        let committed = project.committed_by(funder);
        if !reported_disbursed.contains(&funder) && running.zip(committed).is_none_or(|(r, c)| r > c) {
            reported_disbursed.push(funder);
            let (c_ar, c_fr) = committed.map(amount).unwrap_or_default();
            out.block(
                path.key("disbursements").index(k).key("amount"),
                Code::DisbursedAboveCommitted,
                both(
                    format!("المبالغ المصروفة من طرف «{funder}» تتجاوز التزامه ({c_ar})"),
                    format!("les versements de « {funder} » dépassent son engagement ({c_fr})"),
                ),
            );
        }
    }
    let mut reported_planned: Vec<&str> = Vec::new();
    let mut planned: Vec<(&str, Amount)> = Vec::new();
    for (k, tranche) in project.tranches.iter().enumerate() {
        let funder = tranche.funder.as_str();
        let running = running_total(&mut planned, funder, tranche.amount);
        let committed = project.committed_by(funder);
        if !reported_planned.contains(&funder) && running.zip(committed).is_none_or(|(r, c)| r > c) {
            reported_planned.push(funder);
            let (c_ar, c_fr) = committed.map(amount).unwrap_or_default();
            out.block(
                path.key("tranches").index(k).key("amount"),
                Code::TranchesAboveCommitted,
                both(
                    format!("الأشطر المبرمجة لـ«{funder}» تتجاوز التزامه ({c_ar})"),
                    format!("les tranches prévues de « {funder} » dépassent son engagement ({c_fr})"),
                ),
            );
        }
    }
}

/// Adds `amount` to `funder`'s running total and returns it (`None` on overflow).
fn running_total<'a>(totals: &mut Vec<(&'a str, Amount)>, funder: &'a str, amount: Amount) -> Option<Amount> {
    match totals.iter_mut().find(|(f, _)| *f == funder) {
        Some((_, total)) => {
            let next = total.checked_add(amount)?;
            *total = next;
            Some(next)
        }
        None => {
            totals.push((funder, amount));
            Some(amount)
        }
    }
}

fn out_of_order(out: &mut Out<'_>, path: JsonPath, earlier: (&str, &str), later: (&str, &str)) {
    out.block(
        path,
        Code::DatesOutOfOrder,
        both(format!("تاريخ {} يجب أن يسبق تاريخ {}", earlier.0, later.0), format!("la date {} doit précéder la date {}", earlier.1, later.1)),
    );
}

/// Submission ≤ approval ≤ convention ≤ every payment; creation of the cooperative ≤ convention;
/// planned tranches in order; the dates the status implies are there.
fn dates(out: &mut Out<'_>, path: &JsonPath, project: &Project, cooperative: Option<&Cooperative>) {
    const SUBMISSION: (&str, &str) = ("الإيداع", "de dépôt");
    const APPROVAL: (&str, &str) = ("مصادقة اللجنة الإقليمية", "d'approbation du CPDH");
    const CONVENTION: (&str, &str) = ("توقيع الاتفاقية", "de signature de la convention");
    const CREATION: (&str, &str) = ("تأسيس التعاونية", "de création de la coopérative");
    const PAYMENT: (&str, &str) = ("الصرف", "de versement");
    const TRANCHE: (&str, &str) = ("الشطر السابق", "de la tranche précédente");

    if let (Some(submitted), Some(approved)) = (project.submitted_on, project.cpdh_approved_on)
        && approved < submitted
    {
        out_of_order(out, path.key("cpdh_approved_on"), SUBMISSION, APPROVAL);
    }
    if let (Some(approved), Some(signed)) = (project.cpdh_approved_on, project.convention_signed_on)
        && signed < approved
    {
        out_of_order(out, path.key("convention_signed_on"), APPROVAL, CONVENTION);
    }
    if let (Some(created), Some(signed)) = (cooperative.and_then(|c| c.created_on), project.convention_signed_on)
        && signed < created
    {
        out_of_order(out, path.key("convention_signed_on"), CREATION, CONVENTION);
    }
    for (k, payment) in project.disbursements.iter().enumerate() {
        if project.convention_signed_on.is_some_and(|signed| payment.paid_on < signed) {
            out_of_order(out, path.key("disbursements").index(k).key("paid_on"), CONVENTION, PAYMENT);
        }
    }
    for (k, pair) in project.tranches.windows(2).enumerate() {
        if pair[1].planned_on < pair[0].planned_on {
            out_of_order(out, path.key("tranches").index(k + 1).key("planned_on"), TRANCHE, ("الشطر الموالي", "de la tranche suivante"));
        }
    }
    let status = project.status;
    if status.needs_approval_date() && project.cpdh_approved_on.is_none() {
        out.block(
            path.key("cpdh_approved_on"),
            Code::DateMissing,
            both("يجب إدخال تاريخ مصادقة اللجنة الإقليمية لمشروع مصادق عليه".into(), "un projet approuvé doit avoir sa date d'approbation du CPDH".into()),
        );
    }
    if (status.needs_convention_date() || !project.disbursements.is_empty()) && project.convention_signed_on.is_none() {
        out.block(
            path.key("convention_signed_on"),
            Code::DateMissing,
            both(
                "يجب إدخال تاريخ توقيع الاتفاقية قبل أي صرف أو بعد التوقيع".into(),
                "la date de signature de la convention est requise une fois signée ou avant tout versement".into(),
            ),
        );
    }
}

/// The rules of the project's own call.
fn call_rules(dataset: &Dataset, out: &mut Out<'_>, path: &JsonPath, project: &Project, rules: &Rulebook, cooperative: Option<&Record<Cooperative>>) {
    let reference = dataset.reference();
    let indh = funder_with_role(reference, FunderRole::Indh);
    let own = funder_with_role(reference, FunderRole::OwnContribution);
    let line_path = |code: Option<&str>, kind: Option<ContributionKind>| -> JsonPath {
        let position = project.contributions.iter().position(|c| Some(c.funder.as_str()) == code && kind.is_none_or(|k| c.kind == k));
        match position {
            Some(k) => path.key("contributions").index(k).key("amount"),
            None => path.key("contributions"),
        }
    };
    let total = project.total_cost;
    let indh_amount = indh.and_then(|code| project.committed_by(code)).unwrap_or(Amount::ZERO);
    let own_amount = own.and_then(|code| project.committed_by(code)).unwrap_or(Amount::ZERO);

    let rule = rules.max_indh_share;
    if !total.is_zero() && rule.rate.is_exceeded_by(indh_amount, total) {
        let share = Rate::ratio(indh_amount, total).map(percent).unwrap_or_default();
        out.rule(
            rule.severity,
            line_path(indh, None),
            Code::IndhShareAboveMaximum,
            both(
                format!("حصة المبادرة الوطنية ({share}) تتجاوز الحد الأقصى للطلب ({})", percent(rule.rate)),
                format!("la part de l'INDH ({share}) dépasse le maximum de l'appel ({})", percent(rule.rate)),
            ),
        );
    }
    if let Some(cooperative) = cooperative {
        let ceiling = rules.indh_ceiling.for_form(cooperative.data.legal_form);
        if indh_amount > ceiling {
            let (c_ar, c_fr) = amount(ceiling);
            let (a_ar, a_fr) = amount(indh_amount);
            out.rule(
                rules.indh_ceiling.severity,
                line_path(indh, None),
                Code::IndhAboveCeiling,
                both(
                    format!("مساهمة المبادرة الوطنية ({a_ar}) تتجاوز السقف ({c_ar})"),
                    format!("la contribution de l'INDH ({a_fr}) dépasse le plafond ({c_fr})"),
                ),
            );
        }
    }
    let rule = rules.min_own_share;
    if !total.is_zero() && falls_short(rule.rate, own_amount, total) {
        let share = Rate::ratio(own_amount, total).map(percent).unwrap_or_default();
        out.rule(
            rule.severity,
            line_path(own, None),
            Code::OwnShareBelowMinimum,
            both(
                format!("مساهمة التعاونية ({share}) أقل من الحد الأدنى للطلب ({})", percent(rule.rate)),
                format!("l'apport de la coopérative ({share}) est inférieur au minimum de l'appel ({})", percent(rule.rate)),
            ),
        );
    }
    let rule = rules.max_in_kind_share_of_own;
    let in_kind = sum(project.contributions.iter().filter(|c| Some(c.funder.as_str()) == own && c.kind == ContributionKind::InKind).map(|c| c.amount))
        .unwrap_or(Amount::ZERO);
    if !in_kind.is_zero() && rule.rate.is_exceeded_by(in_kind, own_amount) {
        let share = Rate::ratio(in_kind, own_amount).map(percent).unwrap_or_default();
        out.rule(
            rule.severity,
            line_path(own, Some(ContributionKind::InKind)),
            Code::InKindAboveShareOfOwn,
            both(
                format!("الحصة العينية ({share}) تتجاوز الحد الأقصى من مساهمة التعاونية ({})", percent(rule.rate)),
                format!("la part en nature ({share}) dépasse le maximum de l'apport de la coopérative ({})", percent(rule.rate)),
            ),
        );
    }
    let period = rules.programme_period;
    if let Some(approved) = project.cpdh_approved_on
        && !(period.first_year..=period.last_year).contains(&approved.year())
    {
        out.rule(
            period.severity,
            path.key("cpdh_approved_on"),
            Code::OutsideProgrammePeriod,
            both(
                format!("سنة المصادقة {} خارج فترة البرنامج {}–{}", approved.year(), period.first_year, period.last_year),
                format!("l'année d'approbation {} est hors de la période du programme {}–{}", approved.year(), period.first_year, period.last_year),
            ),
        );
    }
    if let Some(cooperative) = cooperative {
        members_rules(dataset, out, rules, cooperative);
    }
}

/// Membership rules of the call, reported on the cooperative's fields.
fn members_rules(dataset: &Dataset, out: &mut Out<'_>, rules: &Rulebook, cooperative: &Record<Cooperative>) {
    let Some(index) = dataset.cooperatives().index_of(cooperative.id) else { return };
    // Built only for a finding: this runs for every project.
    let path = || JsonPath::root().key("cooperatives").index(index).key("members");
    let record = RecordRef { kind: RecordKind::Cooperative, id: cooperative.id };
    let members = cooperative.data.members;
    let mut out = Out { findings: out.findings, record };
    let call = (&rules.name_ar, &rules.name_fr);
    if members.total < rules.min_members.minimum {
        let minimum = rules.min_members.minimum;
        out.rule(
            rules.min_members.severity,
            path().key("total"),
            Code::TooFewMembers,
            both(
                format!("عدد الأعضاء ({}) أقل من الحد الأدنى ({minimum}) المطلوب في «{}»", members.total, call.0),
                format!("le nombre de membres ({}) est inférieur au minimum ({minimum}) de « {} »", members.total, call.1),
            ),
        );
    }
    let rule = rules.min_women_youth_share;
    // Calls count "women and youth" together; a young woman is in both counts, so the sum is
    // capped at the number of members.
    let women_and_youth = (u64::from(members.women) + u64::from(members.youth)).min(u64::from(members.total));
    let limit = Decimal::from(members.total) * rule.rate.to_fraction();
    if Decimal::from(women_and_youth) <= limit {
        let share = crate::cooperative::share(women_and_youth as u32, members.total).map(percent).unwrap_or_else(|| "0 %".into());
        out.rule(
            rule.severity,
            path(),
            Code::WomenYouthShareTooLow,
            both(
                format!("نسبة النساء والشباب ({share}) لا تتجاوز {} المطلوبة في «{}»", percent(rule.rate), call.0),
                format!("la part des femmes et des jeunes ({share}) ne dépasse pas les {} exigés par « {} »", percent(rule.rate), call.1),
            ),
        );
    }
}

/// A meeting: a title, known organiser and partner codes, and cooperatives that exist (a
/// warning only: the cooperative may have been deleted after the meeting, which stays as it was).
pub(super) fn meeting(dataset: &Dataset, index: usize, record: &Record<Meeting>, findings: &mut Vec<Finding>) {
    let path = JsonPath::root().key("meetings").index(index);
    let meeting = &record.data;
    let reference = dataset.reference();
    let mut out = Out { findings, record: RecordRef { kind: RecordKind::Meeting, id: record.id } };
    if blank(&meeting.title_ar) && blank(&meeting.title_fr) {
        out.block(path.key("title_fr"), Code::NameMissing, both("يجب إدخال عنوان اللقاء".into(), "la rencontre doit avoir un titre".into()));
    }
    for (list, codes) in [("organisers", &meeting.organisers), ("partners", &meeting.partners)] {
        for (k, code) in codes.iter().enumerate() {
            out.check_code(reference, || path.key(list).index(k), List::Funder, code);
        }
    }
    for (k, presentation) in meeting.agenda.iter().enumerate() {
        out.check_code(reference, || path.key("agenda").index(k).key("presenter"), List::Funder, &presentation.presenter);
    }
    let exists = |id| dataset.cooperatives().get(id).is_some_and(|c| c.is_live());
    let missing = |out: &mut Out<'_>, at: JsonPath| {
        out.push(
            at,
            Code::CooperativeMissing,
            Level::Warn,
            both("هذه التعاونية غير موجودة أو محذوفة".into(), "cette coopérative n'existe pas ou a été supprimée".into()),
        );
    };
    for (k, id) in meeting.invited.iter().enumerate() {
        if !exists(*id) {
            missing(&mut out, path.key("invited").index(k));
        }
    }
    for (k, check_in) in meeting.attendance.check_ins().iter().enumerate() {
        if let Attendee::Cooperative(id) = check_in.attendee()
            && !exists(*id)
        {
            missing(&mut out, path.key("attendance").index(k).key("cooperative"));
        }
    }
    for (k, testimonial) in meeting.testimonials.iter().enumerate() {
        if !exists(testimonial.cooperative) {
            missing(&mut out, path.key("testimonials").index(k).key("cooperative"));
        }
    }
}

/// A visit: to a cooperative that exists, not before it was created, the next visit after it.
pub(super) fn visit(dataset: &Dataset, index: usize, record: &Record<Visit>, findings: &mut Vec<Finding>) {
    let path = JsonPath::root().key("visits").index(index);
    let visit = &record.data;
    let mut out = Out { findings, record: RecordRef { kind: RecordKind::Visit, id: record.id } };
    match dataset.cooperatives().get(visit.cooperative).filter(|c| c.is_live()) {
        None => out.block(
            path.key("cooperative"),
            Code::CooperativeMissing,
            both("التعاونية المزورة غير موجودة أو محذوفة".into(), "la coopérative visitée n'existe pas ou a été supprimée".into()),
        ),
        Some(cooperative) => {
            if let Some(created) = cooperative.data.created_on
                && visit.date < created
            {
                out.block(
                    path.key("date"),
                    Code::DatesOutOfOrder,
                    both(
                        format!("تاريخ الزيارة ({}) سابق لتأسيس التعاونية ({})", text::date(visit.date, Lang::Ar), text::date(created, Lang::Ar)),
                        format!("la visite ({}) précède la création de la coopérative ({})", text::date(visit.date, Lang::Fr), text::date(created, Lang::Fr)),
                    ),
                );
            }
        }
    }
    if let Some(next) = visit.next_visit_on
        && next <= visit.date
    {
        out.block(
            path.key("next_visit_on"),
            Code::DatesOutOfOrder,
            both("يجب أن يأتي موعد الزيارة المقبلة بعد هذه الزيارة".into(), "la prochaine visite doit venir après celle-ci".into()),
        );
    }
}

/// A success story: of a project that exists, told in at least one language.
pub(super) fn story(dataset: &Dataset, index: usize, record: &Record<Story>, findings: &mut Vec<Finding>) {
    let path = JsonPath::root().key("stories").index(index);
    let story = &record.data;
    let mut out = Out { findings, record: RecordRef { kind: RecordKind::Story, id: record.id } };
    if !dataset.projects().get(story.project).is_some_and(|p| p.is_live()) {
        out.block(
            path.key("project"),
            Code::ProjectMissing,
            both("المشروع المعني غير موجود أو محذوف".into(), "le projet de cette réussite n'existe pas ou a été supprimé".into()),
        );
    }
    if blank(&story.story_ar) && blank(&story.story_fr) {
        out.block(
            path.key("story_fr"),
            Code::StoryMissing,
            both("يجب كتابة القصة بإحدى اللغتين".into(), "racontez l'histoire dans au moins une langue".into()),
        );
    }
}
