//! A field's value in words, item by item, with names instead of ids and codes: what the
//! history panel and the merge page show (`Coopérative Al Amal : 3 personnes, dont 1 femme`),
//! never raw JSON.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::show_value;
use crate::amount::Amount;
use crate::dataset::Dataset;
use crate::date::Date;
use crate::id::Id;
use crate::lang::Lang;
use crate::meeting::{Attendee, Challenge, CheckIn, FollowUp, Presentation, Testimonial};
use crate::project::ContributionKind;
use crate::text::{self, Noun, count};

/// Where names are looked up: each dataset in turn (this device's data, then, on the merge
/// page, the other device's file, which may hold records this device lacks).
#[derive(Clone, Copy)]
pub struct Names<'a> {
    datasets: &'a [&'a Dataset],
}

impl<'a> Names<'a> {
    /// Names looked up in `datasets`, in order.
    pub fn new(datasets: &'a [&'a Dataset]) -> Names<'a> {
        Names { datasets }
    }

    fn find<T>(&self, lookup: impl Fn(&'a Dataset) -> Option<T>) -> Option<T> {
        self.datasets.iter().find_map(|dataset| lookup(dataset))
    }

    /// A cooperative's name, or the start of its id when no dataset holds it.
    fn cooperative(&self, id: Id, lang: Lang) -> String {
        self.find(|d| d.cooperatives().get(id).map(|r| r.data.name(lang).to_owned())).unwrap_or_else(|| short(id))
    }

    fn project(&self, id: Id, lang: Lang) -> String {
        self.find(|d| d.projects().get(id).map(|r| r.data.title(lang).to_owned())).unwrap_or_else(|| short(id))
    }

    fn rulebook(&self, id: Id, lang: Lang) -> String {
        self.find(|d| d.rulebooks().get(id).map(|r| r.data.name(lang).to_owned())).unwrap_or_else(|| short(id))
    }

    /// A funder's or partner's name, or its code.
    fn funder(&self, code: &str, lang: Lang) -> String {
        self.find(|d| d.reference().funder(code).map(|f| f.name(lang).to_owned())).unwrap_or_else(|| code.to_owned())
    }

    fn commune(&self, code: &str, lang: Lang) -> String {
        self.find(|d| d.reference().commune(code).map(|c| c.name(lang).to_owned())).unwrap_or_else(|| code.to_owned())
    }

    fn sector(&self, code: &str, lang: Lang) -> String {
        self.find(|d| d.reference().sector(code).map(|s| s.name(lang).to_owned())).unwrap_or_else(|| code.to_owned())
    }

    fn attendee(&self, attendee: &Attendee, lang: Lang) -> String {
        match attendee {
            Attendee::Cooperative(id) => self.cooperative(*id, lang),
            Attendee::WalkIn(name) => name.clone(),
        }
    }
}

fn short(id: Id) -> String {
    id.to_string().chars().take(8).collect()
}

fn read<T: DeserializeOwned>(value: &Value) -> Option<T> {
    serde_json::from_value(value.clone()).ok()
}

fn separator(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => " : ",
        Lang::Ar => ": ",
    }
}

/// `3 personnes, dont 1 femme` / `3 أشخاص، منهم امرأة واحدة`.
fn people(check_in: &CheckIn, lang: Lang) -> String {
    let (all, women) = (count(u64::from(check_in.people()), Noun::Person, lang), count(u64::from(check_in.women()), Noun::Woman, lang));
    match lang {
        Lang::Fr => format!("{all}, dont {women}"),
        Lang::Ar => format!("{all}، منهم {women}"),
    }
}

fn kind(kind: ContributionKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (ContributionKind::Cash, Lang::Fr) => "en espèces",
        (ContributionKind::InKind, Lang::Fr) => "en nature",
        (ContributionKind::Cash, Lang::Ar) => "نقدا",
        (ContributionKind::InKind, Lang::Ar) => "عينا",
    }
}

/// The items of a list of payments (contributions, tranches, disbursements) as JSON objects.
fn payments(value: &Value) -> Option<Vec<serde_json::Map<String, Value>>> {
    value.as_array()?.iter().map(|item| item.as_object().cloned()).collect()
}

fn text_of<'v>(item: &'v serde_json::Map<String, Value>, key: &str) -> &'v str {
    item.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// A payment's amount written out (as the file has it when it is not an amount).
fn money(item: &serde_json::Map<String, Value>, lang: Lang) -> String {
    let value = item.get("amount").cloned().unwrap_or(Value::Null);
    read::<Amount>(&value).map_or_else(|| show_value(&value, lang), |a| text::amount(a, lang))
}

/// The items of a list field in words, `None` when the field is not a list this knows or the
/// value is not one of its lists.
fn items(field: &str, value: &Value, names: Names<'_>, lang: Lang) -> Option<Vec<String>> {
    let sep = separator(lang);
    Some(match field {
        "attendance" => read::<Vec<CheckIn>>(value)?.iter().map(|c| format!("{}{sep}{}", names.attendee(c.attendee(), lang), people(c, lang))).collect(),
        "invited" => read::<Vec<Id>>(value)?.into_iter().map(|id| names.cooperative(id, lang)).collect(),
        "testimonials" => read::<Vec<Testimonial>>(value)?.iter().map(|t| format!("{}{sep}« {} »", names.cooperative(t.cooperative, lang), t.text)).collect(),
        "challenges" => read::<Vec<Challenge>>(value)?
            .iter()
            .map(|c| {
                let tags: Vec<&str> = c.tags.iter().map(|tag| tag.name(lang)).collect();
                if tags.is_empty() { c.text.clone() } else { format!("{} ({})", c.text, tags.join(", ")) }
            })
            .collect(),
        "follow_ups" => read::<Vec<FollowUp>>(value)?
            .iter()
            .map(|f| {
                let due = f.due_on.map(|d| format!(", {}", text::date(d, lang))).unwrap_or_default();
                format!("{} — {}{due}", f.text, f.owner)
            })
            .collect(),
        "agenda" => read::<Vec<Presentation>>(value)?.iter().map(|p| format!("{} — {}", p.title, names.funder(&p.presenter, lang))).collect(),
        "organisers" | "partners" => read::<Vec<String>>(value)?.iter().map(|code| names.funder(code, lang)).collect(),
        // Project lists are read by the document reader, not serde: read item by item here.
        "contributions" => payments(value)?
            .iter()
            .map(|p| {
                let kind = match p.get("kind").and_then(Value::as_str) {
                    Some("in_kind") => kind(ContributionKind::InKind, lang),
                    _ => kind(ContributionKind::Cash, lang),
                };
                format!("{}{sep}{} ({kind})", names.funder(text_of(p, "funder"), lang), money(p, lang))
            })
            .collect(),
        "tranches" | "disbursements" => payments(value)?
            .iter()
            .map(|p| {
                let day = p.get("planned_on").or_else(|| p.get("paid_on")).and_then(Value::as_str).and_then(|d| Date::parse(d).ok());
                let day = day.map_or_else(String::new, |d| format!("{}, ", text::date(d, lang)));
                format!("{day}{}{sep}{}", names.funder(text_of(p, "funder"), lang), money(p, lang))
            })
            .collect(),
        _ => return None,
    })
}

/// A field's value as a user reads it: lists item by item (a check-in as `name : 3 personnes,
/// dont 1 femme`), ids and codes as names, looked up in `names`; other values as
/// [`show_value`] writes them. An empty list is `aucun` / `لا شيء`.
///
/// ```
/// use serde_json::json;
/// use taawun_core::{demo, history::{show_field_value, Names}, Lang};
/// let data = demo::dataset();
/// let funder = json!([{"funder": "INDH", "amount": "60000.00", "kind": "cash"}]);
/// let shown = show_field_value("contributions", &funder, Names::new(&[&data]), Lang::Fr);
/// assert!(shown.starts_with("INDH") || shown.contains("Initiative"), "{shown}");
/// assert!(shown.contains("en espèces"));
/// ```
pub fn show_field_value(field: &str, value: &Value, names: Names<'_>, lang: Lang) -> String {
    if let Some(items) = items(field, value, names, lang) {
        if items.is_empty() {
            return match lang {
                Lang::Fr => "aucun".to_owned(),
                Lang::Ar => "لا شيء".to_owned(),
            };
        }
        return items.join(match lang {
            Lang::Fr => " ; ",
            Lang::Ar => "؛ ",
        });
    }
    match (field, value) {
        ("photos", Value::Array(photos)) => Some(count(photos.len() as u64, Noun::Photo, lang)),
        ("cooperative", _) => read::<Id>(value).map(|id| names.cooperative(id, lang)),
        ("project", _) => read::<Id>(value).map(|id| names.project(id, lang)),
        ("call.rulebook", _) => read::<Id>(value).map(|id| names.rulebook(id, lang)),
        ("commune", Value::String(code)) => Some(names.commune(code, lang)),
        ("sector", Value::String(code)) => Some(names.sector(code, lang)),
        _ => None,
    }
    .unwrap_or_else(|| show_value(value, lang))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::meeting::ChallengeTag;
    use crate::record::Timestamp;

    fn cooperative(data: &Dataset) -> (Id, String) {
        let record = &data.cooperatives().all()[0];
        (record.id, record.data.name(Lang::Fr).to_owned())
    }

    #[test]
    fn a_check_in_is_shown_with_the_cooperatives_name_and_its_counts_in_both_languages() {
        let data = crate::demo::dataset();
        let (id, name) = cooperative(&data);
        let at = Timestamp::from_millis(1_752_051_600_000).unwrap();
        let check_ins = vec![CheckIn::new(Attendee::Cooperative(id), 3, 1, at).unwrap(), CheckIn::new(Attendee::WalkIn("Fatima Z.".into()), 1, 1, at).unwrap()];
        let value = crate::fields::json(&check_ins);
        let datasets = [&data];
        let names = Names::new(&datasets);
        let fr = show_field_value("attendance", &value, names, Lang::Fr).replace('\u{a0}', " ");
        assert_eq!(fr, format!("{name} : 3 personnes, dont 1 femme ; Fatima Z. : 1 personne, dont 1 femme"));
        let ar = show_field_value("attendance", &value, names, Lang::Ar);
        let arabic_name = data.cooperatives().get(id).unwrap().data.name(Lang::Ar).to_owned();
        assert!(ar.starts_with(&format!("{arabic_name}: 3 أشخاص، منهم امرأة واحدة")), "{ar}");
        assert!(!fr.contains('{') && !ar.contains('{'), "never JSON");
    }

    #[test]
    fn lists_are_shown_item_by_item_with_names_instead_of_ids_and_codes() {
        let data = crate::demo::dataset();
        let (id, name) = cooperative(&data);
        let datasets = [&data];
        let names = Names::new(&datasets);
        let indh = data.reference().funder("INDH").unwrap().name(Lang::Fr).to_owned();
        let cases = [
            ("invited", json!([id]), name.clone()),
            ("testimonials", json!([{"cooperative": id, "lang": "fr", "text": "merci"}]), format!("{name} : « merci »")),
            ("challenges", json!([{"text": "routes", "tags": [ChallengeTag::Marketing]}]), format!("routes ({})", ChallengeTag::Marketing.name(Lang::Fr))),
            ("contributions", json!([{"funder": "INDH", "amount": "60000.00", "kind": "cash"}]), format!("{indh} : 60 000,00 DH (en espèces)")),
            ("tranches", json!([{"planned_on": "2025-07-09", "funder": "INDH", "amount": "1.00"}]), format!("9 juillet 2025, {indh} : 1,00 DH")),
            ("photos", json!(["a", "b"]), "2 photos".to_owned()),
            ("cooperative", json!(id), name.clone()),
            ("invited", json!([]), "aucun".to_owned()),
        ];
        for (field, value, expected) in cases {
            assert_eq!(show_field_value(field, &value, names, Lang::Fr).replace('\u{a0}', " "), expected, "{field}");
            let arabic = show_field_value(field, &value, names, Lang::Ar);
            assert!(!arabic.contains('{') && !arabic.contains('['), "{field}: {arabic}");
        }
        // Other values are shown as ever.
        assert_eq!(show_field_value("status", &json!("active"), names, Lang::Fr), "active");
    }

    #[test]
    fn a_cooperative_only_the_other_dataset_holds_is_named_from_it() {
        let data = crate::demo::dataset();
        let (id, name) = cooperative(&data);
        let empty = Dataset::new(crate::reference::ReferenceData::builtin());
        assert_eq!(show_field_value("invited", &json!([id]), Names::new(&[&empty, &data]), Lang::Fr), name);
        assert_eq!(show_field_value("invited", &json!([id]), Names::new(&[&empty]), Lang::Fr), id.to_string().chars().take(8).collect::<String>());
    }
}
