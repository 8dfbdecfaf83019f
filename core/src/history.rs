//! The history of a record (and of the reference data): one [`Change`] per change, saying who
//! made it, when, on which device, and which fields went from which value to which; with the
//! words to show it in Arabic and French.
//!
//! [`crate::dataset::Dataset::apply`] writes a change for every edit it carries out; a merge
//! brings the other device's changes (the union, by dot) and adds one change of its own when the
//! user settled conflicts. Changes are kept sorted by the record's revision after each change,
//! then time, device and counter: a change always comes after every change it saw, whatever the
//! tablets' clocks say, and two devices holding the same changes hold the same history.

mod show;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::amount::Amount;
use crate::cooperative::CooperativeStatus;
use crate::date::Date;
use crate::id::Id;
use crate::lang::Lang;
use crate::project::ProjectStatus;
use crate::rate::Rate;
use crate::record::{Author, DELETED, Dot, Timestamp};
use crate::reference::Table;
use crate::text::{self, Localised};

pub use show::{Names, show_field_value};

/// What a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Created the record. No field is listed: the first values are the record's values, or the
    /// `old` values of the first later change of each field.
    Create,
    /// Changed some fields (of a record, or of the reference data).
    Update,
    /// Deleted the record (it stays as a tombstone).
    Delete,
    /// Brought a deleted record back.
    Restore,
    /// Settled the conflicts of a merge: each field lists the value set aside (`old`) and the
    /// value kept (`new`).
    Resolve,
}

/// One field a change wrote, with its value before and after, as in the document.
///
/// A value that is not there (an optional field left empty, an attribute of a new reference
/// entry) is `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangedField {
    /// The field (`"status"`, `"members.total"`, `"deleted"`, `"communes/SLY/name_fr"`).
    pub field: String,
    /// Its value before the change.
    pub old: Value,
    /// Its value after the change.
    pub new: Value,
}

/// One change: who, when, on which device, what, and which fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// When it was made, by the clock of the device that made it.
    pub at: Timestamp,
    /// Who made it, by the name set on that device.
    pub user: String,
    /// The name of the device, as set on it.
    pub device_name: String,
    /// The id of the device.
    pub device: Id,
    /// Its number among that device's changes to the record (see [`Dot`]).
    pub counter: u64,
    /// The record's revision just after it (the number of changes it had seen, its own
    /// included): larger than the revision of every change it saw, so it orders the history
    /// causally even when clocks are wrong.
    pub revision: u64,
    /// What it did.
    pub action: Action,
    /// The fields it wrote, in field order.
    pub fields: Vec<ChangedField>,
}

impl Change {
    /// The change `author` makes now, numbered `dot`, bringing the record to `revision`.
    pub(crate) fn by(author: &Author, dot: Dot, revision: u64, action: Action, fields: Vec<ChangedField>) -> Change {
        Change {
            at: author.at,
            user: author.user.clone(),
            device_name: author.device_name.clone(),
            device: dot.device,
            counter: dot.counter,
            revision,
            action,
            fields,
        }
    }

    /// Which change of which device this is.
    pub fn dot(&self) -> Dot {
        Dot { device: self.device, counter: self.counter }
    }

    fn order(&self) -> (u64, Timestamp, Id, u64) {
        (self.revision, self.at, self.device, self.counter)
    }
}

/// Adds a change to a history in its place (revision, time, device, counter), unless the history already
/// holds a change with the same dot.
pub(crate) fn insert(history: &mut Vec<Change>, change: Change) {
    if history.iter().any(|c| c.dot() == change.dot()) {
        return;
    }
    let position = history.partition_point(|c| c.order() < change.order());
    history.insert(position, change);
}

/// Every change of both histories, each once (by dot), in order. Where both hold a change with
/// the same dot, `ours` is kept. As inserting `theirs` one by one into `ours` would, in
/// `n log n` (a merge unites the histories of every record both sides changed).
pub(crate) fn union(ours: &[Change], theirs: &[Change]) -> Vec<Change> {
    normalise(ours.iter().chain(theirs).cloned().collect())
}

/// Puts a history read from a file in order and drops repeated dots (the first is kept), as
/// [`insert`] one change at a time would, in `n log n`: a history is read for every record
/// at every start. Two changes with different dots never have the same place (the dot is part
/// of it), so the order is the one `insert` gives.
pub(crate) fn normalise(history: Vec<Change>) -> Vec<Change> {
    let mut seen = std::collections::BTreeSet::new();
    let mut kept: Vec<Change> = history.into_iter().filter(|change| seen.insert(change.dot())).collect();
    crate::sorting::sort_by_key(&mut kept, Change::order);
    kept
}

/// A field's name as a user reads it (`"statut"`, `"membres (femmes)"`), for every field of
/// every kind of record, the tombstone, and the reference data (`"communes SLY : nom en
/// français"`). An unknown field is shown as it is written.
///
/// ```
/// use taawun_core::{history::field_label, Lang};
/// assert_eq!(field_label("total_cost", Lang::Fr), "coût total");
/// assert_eq!(field_label("max_indh_share.rate", Lang::Fr), "part maximale de l'INDH (taux)");
/// assert_eq!(field_label("communes/SLY/retired", Lang::Fr), "communes SLY : hors d'usage");
/// ```
pub fn field_label(field: &str, lang: Lang) -> String {
    label(field, lang).unwrap_or_else(|| field.to_owned())
}

/// A field's label, `None` when the field or one of its parts is unknown.
fn label(field: &str, lang: Lang) -> Option<String> {
    if let Some((table, rest)) = field.split_once('/')
        && let Some((code, attribute)) = rest.rsplit_once('/')
    {
        let table = serde_json::from_value::<Table>(Value::String(table.to_owned())).map_or_else(|_| table.to_owned(), |t| t.name(lang).to_owned());
        let separator = match lang {
            Lang::Fr => " : ",
            Lang::Ar => ": ",
        };
        return word(attribute, lang).map(|attribute| format!("{table} {code}{separator}{attribute}"));
    }
    if let Some(label) = word(field, lang) {
        return Some(label.to_owned());
    }
    let (group, part) = field.split_once('.')?;
    Some(format!("{} ({})", word(group, lang)?, word(part, lang)?))
}

/// The label of a field or of a part of one; `None` when unknown.
fn word(key: &str, lang: Lang) -> Option<&'static str> {
    let (fr, ar) = match key {
        DELETED => ("suppression", "الحذف"),
        "name_ar" => ("nom en arabe", "الاسم بالعربية"),
        "name_fr" => ("nom en français", "الاسم بالفرنسية"),
        "title_ar" => ("intitulé en arabe", "العنوان بالعربية"),
        "title_fr" => ("intitulé en français", "العنوان بالفرنسية"),
        "legal_form" => ("forme juridique", "الشكل القانوني"),
        "register_number" => ("numéro au registre", "رقم التسجيل في السجل"),
        "ice" => ("ICE", "التعريف الموحد للمقاولة"),
        "created_on" => ("date de création", "تاريخ التأسيس"),
        "commune" => ("commune", "الجماعة"),
        "milieu_override" => ("milieu retenu", "الوسط المعتمد"),
        "sector" => ("secteur", "القطاع"),
        "members" => ("membres", "الأعضاء"),
        "members.total" => ("membres", "عدد الأعضاء"),
        "women" => ("femmes", "النساء"),
        "youth" => ("jeunes", "الشباب"),
        "total" => ("total", "المجموع"),
        "president_gender" => ("sexe de la présidence", "جنس رئاسة التعاونية"),
        "status" => ("statut", "الوضعية"),
        "contact.phone" => ("téléphone", "الهاتف"),
        "contact.email" => ("courriel", "البريد الإلكتروني"),
        "contact.address" => ("adresse", "العنوان البريدي"),
        "notes" => ("notes", "ملاحظات"),
        "cooperative" => ("coopérative", "التعاونية"),
        "programme" => ("programme", "البرنامج"),
        "axis" => ("axe", "المحور"),
        "call.year" => ("année de l'appel", "سنة طلب المشاريع"),
        "call.rulebook" => ("règlement de l'appel", "نظام طلب المشاريع"),
        "total_cost" => ("coût total", "الكلفة الإجمالية"),
        "contributions" => ("plan de financement", "خطة التمويل"),
        "submitted_on" => ("date de dépôt", "تاريخ الإيداع"),
        "cpdh_approved_on" => ("date d'approbation du CPDH", "تاريخ مصادقة اللجنة الإقليمية"),
        "convention_signed_on" => ("date de signature de la convention", "تاريخ توقيع الاتفاقية"),
        "tranches" => ("tranches prévues", "الأشطر المبرمجة"),
        "disbursements" => ("décaissements", "المبالغ المصروفة"),
        "jobs" => ("emplois", "مناصب الشغل"),
        "jobs.total" => ("emplois", "مناصب الشغل"),
        "max_indh_share" => ("part maximale de l'INDH", "الحصة القصوى للمبادرة الوطنية"),
        "indh_ceiling" => ("plafond de l'INDH", "سقف دعم المبادرة الوطنية"),
        "min_own_share" => ("apport propre minimal", "الحد الأدنى للمساهمة الذاتية"),
        "max_in_kind_share_of_own" => ("part maximale en nature de l'apport propre", "الحصة القصوى للمساهمة العينية"),
        "min_women_youth_share" => ("part minimale de femmes et de jeunes", "الحصة الدنيا للنساء والشباب"),
        "youth_ages" => ("âges des jeunes", "سن الشباب"),
        "min_members" => ("nombre minimal de membres", "الحد الأدنى لعدد الأعضاء"),
        "programme_period" => ("période du programme", "فترة البرنامج"),
        "rate" => ("taux", "النسبة"),
        "severity" => ("sévérité", "درجة الصرامة"),
        "union" => ("union", "اتحاد"),
        "gie" => ("GIE", "مجموعة ذات نفع اقتصادي"),
        "min_age" => ("âge minimal", "السن الأدنى"),
        "max_age" => ("âge maximal", "السن الأقصى"),
        "minimum" => ("minimum", "الحد الأدنى"),
        "first_year" => ("première année", "السنة الأولى"),
        "last_year" => ("dernière année", "السنة الأخيرة"),
        "date" => ("date", "التاريخ"),
        "start_time" => ("heure de début", "ساعة الانطلاق"),
        "place" => ("lieu", "المكان"),
        "organisers" => ("organisateurs", "الجهات المنظمة"),
        "partners" => ("partenaires", "الشركاء"),
        "agenda" => ("programme de la rencontre", "برنامج اللقاء"),
        "invited" => ("coopératives invitées", "التعاونيات المدعوة"),
        "attendance" => ("présences", "الحضور"),
        "testimonials" => ("témoignages", "الشهادات"),
        "challenges" => ("difficultés soulevées", "الإكراهات المطروحة"),
        "follow_ups" => ("suites à donner", "الإجراءات التتبعية"),
        "visitor" => ("visiteur", "القائم بالزيارة"),
        "purpose" => ("objet de la visite", "موضوع الزيارة"),
        "state" => ("état constaté", "الوضعية الملاحظة"),
        "observations" => ("constats", "الملاحظات"),
        "needs" => ("besoins", "الاحتياجات"),
        "next_steps" => ("prochaines étapes", "الخطوات المقبلة"),
        "next_visit_on" => ("prochaine visite", "موعد الزيارة المقبلة"),
        "project" => ("projet", "المشروع"),
        "story_ar" => ("récit en arabe", "القصة بالعربية"),
        "story_fr" => ("récit en français", "القصة بالفرنسية"),
        "turnover_before" => ("chiffre d'affaires avant", "رقم المعاملات قبل المشروع"),
        "turnover_after" => ("chiffre d'affaires après", "رقم المعاملات بعد المشروع"),
        "photos" => ("photos", "الصور"),
        "kind" => ("type", "النوع"),
        "parent" => ("rattachement", "الانتماء"),
        "retired" => ("hors d'usage", "متوقف الاستعمال"),
        "number" => ("numéro", "الرقم"),
        "role" => ("rôle", "الدور"),
        _ => return None,
    };
    Some(match lang {
        Lang::Fr => fr,
        Lang::Ar => ar,
    })
}

/// A value as a user reads it, whatever its field: amounts, dates, rates and statuses written
/// out, `—` for nothing, yes or no for a flag; lists and groups as compact JSON. Knowing the
/// field, [`show_field_value`] writes lists item by item and ids as names.
///
/// ```
/// use serde_json::json;
/// use taawun_core::{history::show_value, Lang};
/// assert_eq!(show_value(&json!("13170000.00"), Lang::Fr).replace('\u{a0}', " "), "13 170 000,00 DH");
/// assert_eq!(show_value(&json!("2025-07-09"), Lang::Ar), "9 يوليوز 2025");
/// assert_eq!(show_value(&json!("in_liquidation"), Lang::Fr), "en liquidation");
/// assert_eq!(show_value(&json!(null), Lang::Fr), "—");
/// ```
pub fn show_value(value: &Value, lang: Lang) -> String {
    let yes_no = |yes: bool| match (lang, yes) {
        (Lang::Fr, true) => "oui",
        (Lang::Fr, false) => "non",
        (Lang::Ar, true) => "نعم",
        (Lang::Ar, false) => "لا",
    };
    match value {
        Value::Null => "—".to_owned(),
        Value::Bool(flag) => yes_no(*flag).to_owned(),
        Value::Number(number) => number.as_u64().map_or_else(|| number.to_string(), |n| text::integer(n, lang)),
        Value::String(string) => {
            let typed = || Value::String(string.clone());
            let is_amount = string
                .split_once('.')
                .is_some_and(|(units, cents)| !units.is_empty() && cents.len() == 2 && units.bytes().chain(cents.bytes()).all(|b| b.is_ascii_digit()));
            if is_amount && let Ok(amount) = serde_json::from_value::<Amount>(typed()) {
                return text::amount(amount, lang);
            }
            if string.len() == 10
                && string.as_bytes()[4] == b'-'
                && let Ok(date) = Date::parse(string)
            {
                return text::date(date, lang);
            }
            if string.ends_with('%')
                && let Ok(rate) = serde_json::from_value::<Rate>(typed())
            {
                return text::percent(rate, lang);
            }
            if let Ok(status) = serde_json::from_value::<CooperativeStatus>(typed()) {
                return status.name(lang).to_owned();
            }
            if let Ok(status) = serde_json::from_value::<ProjectStatus>(typed()) {
                return status.name(lang).to_owned();
            }
            string.clone()
        }
        Value::Array(_) | Value::Object(_) => value.to_string(),
    }
}

impl ChangedField {
    /// `label : old → new`, as a user reads it.
    ///
    /// ```
    /// use serde_json::json;
    /// use taawun_core::{history::ChangedField, Lang};
    /// let field = ChangedField { field: "status".into(), old: json!("active"), new: json!("inactive") };
    /// assert_eq!(field.describe(Lang::Fr), "statut : active → inactive");
    /// ```
    pub fn describe(&self, lang: Lang) -> String {
        let separator = match lang {
            Lang::Fr => " : ",
            Lang::Ar => ": ",
        };
        format!("{}{separator}{} → {}", field_label(&self.field, lang), show_value(&self.old, lang), show_value(&self.new, lang))
    }

    /// `label : old → new` with lists item by item and names for ids and codes
    /// ([`show_field_value`]), as the history panel shows it.
    pub fn describe_with(&self, names: Names<'_>, lang: Lang) -> String {
        let separator = match lang {
            Lang::Fr => " : ",
            Lang::Ar => ": ",
        };
        let (old, new) = (show_field_value(&self.field, &self.old, names, lang), show_field_value(&self.field, &self.new, names, lang));
        format!("{}{separator}{old} → {new}", field_label(&self.field, lang))
    }
}

impl Change {
    /// What was done, to which fields, without who (`modification de statut`), for an interface
    /// that shows the person and the device apart.
    pub fn what(&self, lang: Lang) -> String {
        let separator = match lang {
            Lang::Fr => ", ",
            Lang::Ar => "، ",
        };
        let labels = self.fields.iter().map(|f| field_label(&f.field, lang)).collect::<Vec<_>>().join(separator);
        match (self.action, lang) {
            (Action::Create, Lang::Fr) => "création".to_owned(),
            (Action::Create, Lang::Ar) => "إنشاء".to_owned(),
            (Action::Update, Lang::Fr) => format!("modification de {labels}"),
            (Action::Update, Lang::Ar) => format!("تعديل {labels}"),
            (Action::Delete, Lang::Fr) => "suppression".to_owned(),
            (Action::Delete, Lang::Ar) => "حذف".to_owned(),
            (Action::Restore, Lang::Fr) => "restauration".to_owned(),
            (Action::Restore, Lang::Ar) => "استرجاع".to_owned(),
            (Action::Resolve, Lang::Fr) => format!("conflit de fusion réglé ({labels})"),
            (Action::Resolve, Lang::Ar) => format!("حل تعارض الدمج ({labels})"),
        }
    }
}

impl Localised for Change {
    /// One line: what was done, to which fields, by whom, on which device (`modification de
    /// statut par Salma (Tablette 2)`). The time is left to the interface, which knows the
    /// user's time zone.
    fn message(&self, lang: Lang) -> String {
        let device = if self.device_name.trim().is_empty() { String::new() } else { format!(" ({})", self.device_name) };
        let who = &self.user;
        match lang {
            Lang::Fr => format!("{} par {who}{device}", self.what(lang)),
            Lang::Ar => format!("{} من طرف {who}{device}", self.what(lang)),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn change(at: i64, device: u128, counter: u64) -> Change {
        let author = Author { at: Timestamp::from_millis(at).unwrap(), user: "Salma".into(), device: Id::from_u128(device), device_name: "Tablette 2".into() };
        Change::by(
            &author,
            Dot { device: Id::from_u128(device), counter },
            at as u64,
            Action::Update,
            vec![ChangedField { field: "status".into(), old: json!("active"), new: json!("inactive") }],
        )
    }

    #[test]
    fn normalising_a_history_gives_what_inserting_its_changes_one_by_one_gives() {
        // Repeated dots with other contents (the first one read is kept), equal times, one
        // device's changes out of order: shuffled many ways.
        let mut changes: Vec<Change> = (0..40u64).map(|n| change(1_000 + (n as i64 % 7) * 10, u128::from(n % 3), n / 3 + 1)).collect();
        let mut repeated = change(5, 1, 2);
        repeated.user = "Nadia".into();
        changes.push(repeated);
        changes.push(change(1_000, 0, 1));
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..50 {
            for i in (1..changes.len()).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                changes.swap(i, (state % (i as u64 + 1)) as usize);
            }
            let mut inserted = Vec::new();
            for change in changes.clone() {
                insert(&mut inserted, change);
            }
            assert_eq!(normalise(changes.clone()), inserted);
        }
    }

    #[test]
    fn uniting_two_histories_gives_what_inserting_theirs_into_ours_one_by_one_gives() {
        // Two devices' histories of one record sharing some changes (the same dot, other
        // contents on their side: ours is kept), split many ways.
        let shared: Vec<Change> = (0..30u64).map(|n| change(1_000 + (n as i64 % 5) * 10, u128::from(n % 3), n / 3 + 1)).collect();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..50 {
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            for change in &shared {
                match next() % 3 {
                    0 => ours.push(change.clone()),
                    1 => theirs.push(change.clone()),
                    _ => {
                        ours.push(change.clone());
                        let mut seen_there = change.clone();
                        seen_there.user = "Nadia".into();
                        theirs.push(seen_there);
                    }
                }
            }
            let (ours, theirs) = (normalise(ours), normalise(theirs));
            let mut inserted = ours.clone();
            for change in theirs.clone() {
                insert(&mut inserted, change);
            }
            assert_eq!(union(&ours, &theirs), inserted);
        }
    }

    #[test]
    fn a_history_stays_in_time_order_and_holds_each_dot_once() {
        let mut history = Vec::new();
        insert(&mut history, change(30, 1, 2));
        insert(&mut history, change(10, 1, 1));
        insert(&mut history, change(20, 2, 1));
        insert(&mut history, change(10, 1, 1));
        assert_eq!(history.iter().map(|c| (c.device.to_u128(), c.counter)).collect::<Vec<_>>(), vec![(1, 1), (2, 1), (1, 2)]);
    }

    #[test]
    fn a_change_comes_after_every_change_it_saw_even_when_its_clock_is_behind() {
        let mut history = Vec::new();
        let mut seen = change(50, 2, 1);
        seen.revision = 2;
        let mut later_but_slow_clock = change(10, 1, 2);
        later_but_slow_clock.revision = 3;
        insert(&mut history, later_but_slow_clock);
        insert(&mut history, seen);
        assert_eq!(history.iter().map(|c| c.revision).collect::<Vec<_>>(), vec![2, 3]);
    }

    #[test]
    fn the_union_of_two_histories_is_the_same_whichever_side_it_starts_from() {
        let ours = vec![change(10, 1, 1), change(30, 1, 2)];
        let theirs = vec![change(10, 1, 1), change(20, 2, 1)];
        assert_eq!(union(&ours, &theirs), union(&theirs, &ours));
        assert_eq!(union(&ours, &theirs).len(), 3);
    }

    #[test]
    fn a_change_is_described_in_both_languages_with_who_and_which_device() {
        let update = change(10, 1, 1);
        assert_eq!(update.message(Lang::Fr), "modification de statut par Salma (Tablette 2)");
        assert_eq!(update.message(Lang::Ar), "تعديل الوضعية من طرف Salma (Tablette 2)");
        let mut deletion = update.clone();
        deletion.action = Action::Delete;
        deletion.device_name = String::new();
        assert_eq!(deletion.message(Lang::Fr), "suppression par Salma");
        assert_eq!(update.fields[0].describe(Lang::Ar), "الوضعية: نشيطة → غير نشيطة");
    }

    #[test]
    fn every_field_of_every_kind_of_record_has_a_label_in_both_languages() {
        use crate::fields::Fields;
        let names = crate::rules::Rulebook::NAMES
            .iter()
            .chain(crate::cooperative::Cooperative::NAMES)
            .chain(crate::project::Project::NAMES)
            .chain(crate::meeting::Meeting::NAMES)
            .chain(crate::visit::Visit::NAMES)
            .chain(crate::story::Story::NAMES);
        for name in names.chain([&DELETED]) {
            for lang in Lang::ALL {
                assert!(label(name, lang).is_some(), "{name} has no label in {lang:?}");
            }
        }
        for attribute in ["name_fr", "name_ar", "kind", "parent", "retired", "number", "programme", "role"] {
            for lang in Lang::ALL {
                assert!(label(&format!("funders/ADS/{attribute}"), lang).is_some(), "{attribute} has no label in {lang:?}");
            }
        }
        assert_eq!(field_label("no_such_field", Lang::Fr), "no_such_field");
    }

    #[test]
    fn values_are_shown_as_people_write_them() {
        assert_eq!(show_value(&json!(true), Lang::Fr), "oui");
        assert_eq!(show_value(&json!(false), Lang::Ar), "لا");
        assert_eq!(show_value(&json!(1250), Lang::Fr), "1\u{a0}250");
        assert_eq!(show_value(&json!("60%"), Lang::Fr), "60,0\u{a0}%");
        assert_eq!(show_value(&json!("Al Amal"), Lang::Fr), "Al Amal");
        assert_eq!(show_value(&json!([{"funder": "INDH"}]), Lang::Fr), r#"[{"funder":"INDH"}]"#);
    }
}
