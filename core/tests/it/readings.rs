//! The two readings of a document (issue 12): the fast one, straight from the bytes into typed
//! records, and the full one that gathers every error with its path. Whatever the document, both
//! give the same import, or the fast one gives up and the full one decides; `import` gives what
//! the full reading gives, error for error.

use std::collections::HashMap;

use proptest::prelude::*;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Value, json};
use taawun_core::dataset::{Dataset, Edit};
use taawun_core::demo::scale;
use taawun_core::document::{self, ImportError};
use taawun_core::id::Id;
use taawun_core::reference::{ReferenceChange, ReferenceData, Table};
use taawun_core::storage_layout::MAX_STORED_BYTES;

use crate::sample::{self, recorded};

const V1: &[u8] = include_bytes!("../fixtures/v1_small.json");
const V4_MEETING: &[u8] = include_bytes!("../fixtures/v4_meeting.json");
const V5_MEETING: &[u8] = include_bytes!("../fixtures/v5_meeting.json");

/// Reads `bytes` both ways and fails the test if the fast reading takes a document the full
/// one refuses, or reads it into anything else; says whether the fast reading took it.
fn same_either_way(bytes: &[u8]) -> bool {
    let full = document::import_slow(bytes, MAX_STORED_BYTES);
    match (document::import_fast(bytes), &full) {
        (Some(fast), Ok(full)) => {
            assert_eq!(&fast, full, "both readings give the same import");
            true
        }
        (Some(_), Err(error)) => panic!("the fast reading took a document the full one refuses: {error}"),
        (None, _) => false,
    }
}

/// `import` gives exactly what the full reading gives.
fn import_is_the_full_reading(bytes: &[u8]) {
    assert_eq!(document::import_up_to(bytes, MAX_STORED_BYTES), document::import_slow(bytes, MAX_STORED_BYTES));
}

fn paths(error: &ImportError) -> Vec<String> {
    error.field_errors().iter().map(|e| e.path.to_string()).collect()
}

/// One record of each kind with every optional field set, updates that left changed fields in
/// histories and field clocks, and a renamed commune in the reference data's history.
fn one_of_each() -> Dataset {
    let full = sample::fully_populated();
    let mut data = Dataset::new(ReferenceData::builtin());
    let rulebook = full.rulebooks().all()[0].clone();
    data.apply(Edit::CreateRulebook { id: rulebook.id, rulebook: rulebook.data }, &recorded(1_700_000_000_000, 1)).unwrap();
    let cooperative = full.cooperatives().get(Id::from_u128(0xc0c0)).unwrap().data.clone();
    data.apply(Edit::CreateCooperative { id: Id::from_u128(0xc0c0), cooperative: cooperative.clone() }, &recorded(1_700_000_000_001, 1)).unwrap();
    let project = full.projects().get(Id::from_u128(0xdead)).unwrap().data.clone();
    data.apply(Edit::CreateProject { id: Id::from_u128(0xdead), project: project.clone() }, &recorded(1_700_000_000_002, 1)).unwrap();
    sample::with_meeting(&mut data, Id::from_u128(0xc0c0), Id::from_u128(0xdead));
    let mut changed = cooperative;
    changed.notes = "revue".into();
    changed.members.total = 4;
    data.apply(Edit::UpdateCooperative { id: Id::from_u128(0xc0c0), base_revision: 1, cooperative: changed }, &recorded(1_760_000_000_000, 2)).unwrap();
    let mut changed = project;
    changed.notes = "vue".into();
    data.apply(Edit::UpdateProject { id: Id::from_u128(0xdead), base_revision: 1, project: changed }, &recorded(1_760_000_000_001, 3)).unwrap();
    let rename =
        ReferenceChange::Rename { table: Table::Communes, code: "DCH".into(), name_fr: "Dar Chaoui (centre)".into(), name_ar: "دار الشاوي".into() };
    data.apply(Edit::Reference(rename), &recorded(1_760_000_000_002, 2)).unwrap();
    data
}

#[test]
fn the_demo_reads_the_same_both_ways_and_through_the_fast_reading() {
    let bytes = taawun_core::demo::document();
    assert!(same_either_way(&bytes));
    import_is_the_full_reading(&bytes);
}

#[test]
fn a_generated_region_reads_the_same_both_ways_and_through_the_fast_reading() {
    let region = scale::generate(scale::Size { cooperatives: 200, projects: 400, visits: 80 }, 12);
    let bytes = document::export(&region);
    assert!(same_either_way(&bytes));
    assert_eq!(document::import(&bytes).unwrap().dataset, region);
}

#[test]
fn records_with_every_optional_field_set_and_photos_read_the_same_both_ways() {
    for data in [one_of_each(), sample::fully_populated()] {
        let bytes = document::export_with_photos(&data, &[sample::photo()]);
        assert!(same_either_way(&bytes));
        assert_eq!(document::import(&bytes).unwrap().dataset, data);
    }
    assert!(same_either_way(V5_MEETING));
}

/// The optional fields of each list's first record (JSON pointers below the record), and the
/// document's own.
const OPTIONAL: &[(&str, &[&str])] = &[
    ("/cooperatives/0", &["/register_number", "/ice", "/created_on", "/milieu_override", "/contact/phone", "/contact/email"]),
    ("/projects/0", &["/submitted_on", "/cpdh_approved_on", "/convention_signed_on"]),
    ("/meetings/0", &["/start_time", "/follow_ups/0/due_on"]),
    ("/visits/0", &["/next_visit_on"]),
    ("/stories/0", &["/jobs", "/turnover_before", "/turnover_after"]),
    ("", &["/photos"]),
];

/// Splits a pointer into its parent's and the last key; `None` for the root.
fn parent_and_key(pointer: &str) -> Option<(&str, &str)> {
    pointer.rsplit_once('/')
}

#[test]
fn every_optional_field_left_out_or_null_reads_the_same_both_ways_and_fast() {
    let bytes = document::export_with_photos(&one_of_each(), &[sample::photo()]);
    let base: Value = serde_json::from_slice(&bytes).unwrap();
    let pointers: Vec<String> = OPTIONAL.iter().flat_map(|(record, fields)| fields.iter().map(move |field| format!("{record}{field}"))).collect();
    for pointer in &pointers {
        assert!(!base.pointer(pointer).unwrap().is_null(), "{pointer} is set in the base document");
    }
    let mut all_null = base.clone();
    let mut all_left_out = base.clone();
    for pointer in &pointers {
        let (parent, key) = parent_and_key(pointer).unwrap();
        let mut null = base.clone();
        *null.pointer_mut(pointer).unwrap() = Value::Null;
        *all_null.pointer_mut(pointer).unwrap() = Value::Null;
        let mut left_out = base.clone();
        left_out.pointer_mut(parent).unwrap().as_object_mut().unwrap().remove(key);
        all_left_out.pointer_mut(parent).unwrap().as_object_mut().unwrap().remove(key);
        for document in [null, left_out] {
            let bytes = serde_json::to_vec(&document).unwrap();
            assert!(same_either_way(&bytes), "{pointer}: {:?}", document::import(&bytes).err());
        }
    }
    for document in [all_null, all_left_out] {
        let bytes = serde_json::to_vec(&document).unwrap();
        assert!(same_either_way(&bytes));
        import_is_the_full_reading(&bytes);
    }
}

/// What the sweep below does to one value of a document.
#[derive(Debug, Clone, Copy)]
enum Mutation {
    Remove,
    Set(&'static str),
    /// Set to JSON text a `Value` cannot hold (repeated keys, a number out of range).
    SetText(&'static str),
    /// An object turned into the array of its values, in the order of the file.
    ObjectAsArray,
    ExtraKey,
    RepeatFirstKey,
    ProtoKey,
    RepeatFirstItem,
}

const MUTATIONS: &[Mutation] = &[
    Mutation::Remove,
    Mutation::Set("null"),
    Mutation::Set("\"x\""),
    Mutation::Set("0"),
    Mutation::Set("-1"),
    Mutation::Set("2.5"),
    Mutation::Set("true"),
    Mutation::Set("[]"),
    Mutation::Set("{}"),
    Mutation::Set(r#"{"a":[1,{"b":null}],"c":"d"}"#),
    Mutation::SetText(r#"{"a":{"b":1},"a":2}"#),
    Mutation::SetText(r#"[{"__proto__":{}}]"#),
    Mutation::SetText("1e400"),
    Mutation::SetText(r#""\ud800""#),
    Mutation::ObjectAsArray,
    Mutation::ExtraKey,
    Mutation::RepeatFirstKey,
    Mutation::ProtoKey,
    Mutation::RepeatFirstItem,
];

/// The keys of every object of a JSON text in their order there, by JSON pointer (a `Value`
/// sorts them), so that an object can be turned into the array of its values in the order
/// serde's derive would read them by position.
#[derive(Default)]
struct KeyOrder(HashMap<String, Vec<String>>);

impl KeyOrder {
    fn of(bytes: &[u8]) -> KeyOrder {
        let mut order = KeyOrder::default();
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        Walk { pointer: String::new(), order: &mut order }.deserialize(&mut deserializer).unwrap();
        order
    }
}

struct Walk<'a> {
    pointer: String,
    order: &'a mut KeyOrder,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            map.next_value_seed(Walk { pointer: format!("{}/{key}", self.pointer), order: self.order })?;
            keys.push(key);
        }
        self.order.0.insert(self.pointer, keys);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while seq.next_element_seed(Walk { pointer: format!("{}/{index}", self.pointer), order: self.order })?.is_some() {
            index += 1;
        }
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// The document with `mutation` done to the value at `pointer`, as text; `None` when it does
/// not apply there.
fn mutated(base: &Value, order: &KeyOrder, pointer: &str, mutation: Mutation) -> Option<String> {
    let mut document = base.clone();
    let mut renamed = None;
    match mutation {
        Mutation::Remove => {
            let (parent, key) = parent_and_key(pointer)?;
            match document.pointer_mut(parent)? {
                Value::Object(map) => drop(map.remove(key)?),
                Value::Array(items) => drop(items.remove(key.parse().ok()?)),
                _ => return None,
            }
        }
        Mutation::Set(json) => *document.pointer_mut(pointer)? = serde_json::from_str(json).unwrap(),
        Mutation::SetText(text) => {
            *document.pointer_mut(pointer)? = json!("zz_set_text");
            renamed = Some(("\"zz_set_text\"", text.to_owned()));
        }
        Mutation::ObjectAsArray => {
            let target = document.pointer_mut(pointer)?;
            let map = target.as_object()?;
            let values: Vec<Value> = order.0[pointer].iter().filter_map(|key| map.get(key).cloned()).collect();
            *target = Value::Array(values);
        }
        Mutation::ExtraKey => drop(document.pointer_mut(pointer)?.as_object_mut()?.insert("extra".into(), json!(1))),
        Mutation::RepeatFirstKey => {
            let map = document.pointer_mut(pointer)?.as_object_mut()?;
            let (key, value) = map.iter().next().map(|(k, v)| (k.clone(), v.clone()))?;
            map.insert("zz_repeated_key".into(), value);
            renamed = Some(("\"zz_repeated_key\":", format!("{}:", json!(key))));
        }
        Mutation::ProtoKey => {
            document.pointer_mut(pointer)?.as_object_mut()?.insert("zz_proto_key".into(), Value::Null);
            renamed = Some(("\"zz_proto_key\":", "\"__proto__\":".to_owned()));
        }
        Mutation::RepeatFirstItem => {
            let items = document.pointer_mut(pointer)?.as_array_mut()?;
            let first = items.first()?.clone();
            items.push(first);
        }
    }
    let text = serde_json::to_string(&document).unwrap();
    Some(match renamed {
        Some((placeholder, replacement)) => text.replacen(placeholder, &replacement, 1),
        None => text,
    })
}

/// `pointer` and every pointer below it.
fn pointers_below(value: &Value, pointer: String, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(key, inner)| pointers_below(inner, format!("{pointer}/{key}"), found)),
        Value::Array(items) => items.iter().enumerate().for_each(|(index, inner)| pointers_below(inner, format!("{pointer}/{index}"), found)),
        _ => {}
    }
    found.push(pointer);
}

#[test]
fn no_change_anywhere_in_a_record_makes_the_fast_reading_take_what_the_full_one_refuses() {
    let exported = document::export_with_photos(&one_of_each(), &[sample::photo()]);
    let order = KeyOrder::of(&exported);
    let mut base: Value = serde_json::from_slice(&exported).unwrap();
    // Two communes, an urban commune and one of its arrondissements, stand for the reference
    // data (thousands of documents are read twice here; codes the records use but the reference
    // data lacks are findings, read the same way).
    let communes = base["reference"]["communes"].as_array().unwrap()[..2].to_vec();
    base["reference"] = json!({ "communes": communes });
    assert!(same_either_way(&serde_json::to_vec(&base).unwrap()));
    // The document itself and each of its fields, and everything inside one record or entry
    // of each list (the reference data's tables are lists of one shape).
    let mut sites: Vec<String> = vec![String::new()];
    sites.extend(base.as_object().unwrap().keys().map(|key| format!("/{key}")));
    for root in
        ["/reference_meta", "/reference/communes/1", "/rulebooks/0", "/cooperatives/0", "/projects/0", "/meetings/0", "/visits/0", "/stories/0", "/photos/0"]
    {
        pointers_below(base.pointer(root).unwrap(), root.to_owned(), &mut sites);
    }
    let (mut taken, mut refused) = (0, 0);
    for site in &sites {
        for mutation in MUTATIONS {
            let Some(text) = mutated(&base, &order, site, *mutation) else { continue };
            let fast = std::panic::catch_unwind(|| same_either_way(text.as_bytes()))
                .unwrap_or_else(|_| panic!("{mutation:?} at {site:?} reads differently (see above)"));
            if fast { taken += 1 } else { refused += 1 }
        }
    }
    // Most changes break the document; some leave it valid (an optional field left out, a
    // free value in a history changed) and the fast reading takes those.
    assert!(taken > 50 && refused > 1_000, "{taken} taken, {refused} refused by the fast reading over {} sites", sites.len());
}

/// A change that breaks a document.
type Spoil = fn(&mut Value);

#[test]
fn a_document_the_fast_reading_refuses_gets_exactly_the_full_reading_s_error() {
    let demo: Value = serde_json::from_slice(&taawun_core::demo::document()).unwrap();
    let cases: [(&str, Spoil); 4] = [
        ("cooperatives[2].extra", |v| v["cooperatives"][2]["extra"] = json!(true)),
        ("projects[3].contributions[1].amount", |v| v["projects"][3]["contributions"][1]["amount"] = json!("12,5,0")),
        ("projects[4].meta.history[0].counter", |v| v["projects"][4]["meta"]["history"][0]["counter"] = json!("one")),
        ("cooperatives[5].meta.written.fields.__proto__", |v| {
            v["cooperatives"][5]["meta"]["written"]["fields"]["__proto__"] = v["cooperatives"][5]["meta"]["written"]["base"].clone()
        }),
    ];
    for (path, change) in cases {
        let mut value = demo.clone();
        change(&mut value);
        let bytes = serde_json::to_vec(&value).unwrap();
        assert!(document::import_fast(&bytes).is_none(), "{path}");
        let error = document::import(&bytes).unwrap_err();
        assert_eq!(paths(&error), vec![path]);
        assert_eq!(Err(error), document::import_slow(&bytes, document::MAX_BYTES));
    }
}

#[test]
fn an_older_document_is_left_to_the_full_reading_and_migrated() {
    assert!(document::import_fast(V1).is_none());
    import_is_the_full_reading(V1);
    assert_eq!(document::import(V1).unwrap().migrated_from, Some(1));
}

#[test]
fn a_version_4_visit_is_left_to_the_full_reading_and_a_current_one_with_recommendations_is_refused_both_ways() {
    assert!(!same_either_way(V4_MEETING), "the fast reading takes only the current version");
    import_is_the_full_reading(V4_MEETING);
    assert_eq!(document::import(V4_MEETING).unwrap().migrated_from, Some(4));
    let mut current: Value = serde_json::from_slice(V5_MEETING).unwrap();
    let visit = current["visits"][0].as_object_mut().unwrap();
    let next_steps = visit.remove("next_steps").unwrap();
    visit.insert("recommendations".into(), next_steps);
    let bytes = serde_json::to_vec(&current).unwrap();
    assert!(!same_either_way(&bytes));
    let error = document::import(&bytes).unwrap_err();
    let mut paths = paths(&error);
    paths.sort();
    assert_eq!(paths, vec!["visits[0].next_steps", "visits[0].recommendations"]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn random_datasets_read_the_same_both_ways_and_through_the_fast_reading(seed in any::<u64>(), cooperatives in 0usize..10, projects in 0usize..20) {
        let data = sample::random(seed, cooperatives, projects);
        prop_assert!(same_either_way(&document::export(&data)));
    }
}

#[test]
fn parts_read_as_they_are_need_each_of_the_six_lists_once() {
    let dataset = taawun_core::demo::dataset();
    let parts = taawun_core::storage_layout::parts_of(&dataset);
    let top = &parts.texts["document"];
    let texts_of =
        |list: &str| -> Vec<String> { parts.texts.iter().filter(|(name, _)| name.starts_with(&format!("{list}."))).map(|(_, text)| text.clone()).collect() };
    let all: Vec<(String, Vec<String>)> = parts.lists.iter().map(|list| (list.clone(), texts_of(list))).collect();
    let read = |lists: &[(String, Vec<String>)]| {
        let lists: Vec<(&str, &[String])> = lists.iter().map(|(name, texts)| (name.as_str(), texts.as_slice())).collect();
        document::import_fast_parts(top, &lists).map(|imported| imported.dataset)
    };
    assert_eq!(read(&all), Some(dataset), "all six");
    assert_eq!(read(&all[1..]), None, "one missing");
    let mut twice = all.clone();
    twice.push(all[0].clone());
    assert_eq!(read(&twice), None, "one twice");
    let mut renamed = all.clone();
    renamed[0].0 = "rulebook".into();
    assert_eq!(read(&renamed), None, "one unknown in place of one known");
}
