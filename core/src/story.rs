//! Success stories: a funded project held up as a model, with a short story in either language
//! and the figures behind it.

pub mod photo;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::amount::Amount;
use crate::dataset::{Dataset, Rollback};
use crate::id::Id;
use crate::lang::Lang;
use crate::record::Record;
use crate::stats::{self, Filter};

/// A project marked as a model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// The project.
    pub project: Id,
    /// The story in Arabic (may be empty if there is one in French).
    pub story_ar: String,
    /// The story in French (may be empty if there is one in Arabic).
    pub story_fr: String,
    /// Jobs the project created, if known.
    pub jobs: Option<u32>,
    /// Yearly turnover before the project, if known.
    pub turnover_before: Option<Amount>,
    /// Yearly turnover after the project, if known.
    pub turnover_after: Option<Amount>,
    /// Photos, as ids of pictures the app stores on its own (opaque to core), in display order.
    pub photos: Vec<String>,
}

impl Story {
    /// The story in `lang`, falling back on the other language when it is empty.
    pub fn text(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Ar => (&self.story_ar, &self.story_fr),
            Lang::Fr => (&self.story_fr, &self.story_ar),
        };
        if first.trim().is_empty() { second } else { first }
    }

    /// How much the turnover grew, when both figures are known (negative if it fell).
    pub fn turnover_growth(&self) -> Option<Amount> {
        self.turnover_after?.checked_sub(self.turnover_before?)
    }
}

/// The stories a report over `filter` tells: those of live projects the figures count as
/// funded under the same filter ([`stats::funded_projects`]), in the order of those projects.
pub fn featured<'a>(dataset: &'a Dataset, filter: &Filter) -> Vec<&'a Record<Story>> {
    let funded: Vec<Id> = stats::funded_projects(dataset, filter).map(|(project, _)| project.id).collect();
    let mut stories: Vec<(usize, &Record<Story>)> =
        dataset.stories().live().filter_map(|s| funded.iter().position(|p| *p == s.data.project).map(|at| (at, s))).collect();
    crate::sorting::sort_by_key(&mut stories, |(at, s)| (*at, s.id));
    stories.into_iter().map(|(_, s)| s).collect()
}

/// The photos every live story shows, by id: what an export must carry. Photo names that are
/// not ids (none are written by this app) are left out.
pub fn photos_in_use(dataset: &Dataset) -> BTreeSet<Id> {
    dataset.stories().live().flat_map(|s| s.data.photos.iter()).filter_map(|p| Id::parse(p).ok()).collect()
}

/// The stored photos (`stored`) nothing can show again, which may be removed to free space:
/// those named by no live story of `current`, of a dataset the user can still go back to
/// (`kept`: the data before an import, a merge or a reset, held for undo or kept in storage),
/// nor of a record an undo would put back (`undone`: a deleted story, or a story before one of
/// its photos was taken out). A photo saved for a story form not yet submitted is among them:
/// the form's page must be left before they are removed.
pub fn photos_unused(stored: impl IntoIterator<Item = Id>, current: &Dataset, kept: &[&Dataset], undone: &[&Rollback]) -> BTreeSet<Id> {
    let mut shown = photos_in_use(current);
    for dataset in kept {
        shown.extend(photos_in_use(dataset));
    }
    for rollback in undone {
        shown.extend(rollback.photos());
    }
    stored.into_iter().filter(|id| !shown.contains(id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Edit, EditContext};
    use crate::finding::Code;
    use crate::record::{Author, Timestamp};

    fn story(project: Id, ar: &str, fr: &str) -> Story {
        Story { project, story_ar: ar.into(), story_fr: fr.into(), jobs: None, turnover_before: None, turnover_after: None, photos: Vec::new() }
    }

    #[test]
    fn a_story_needs_a_project_that_exists_and_a_text_in_one_language() {
        let mut data = crate::demo::dataset();
        let form = EditContext::form(Author { at: Timestamp::EPOCH, user: "Salma".into(), device: Id::from_u128(1), device_name: "t".into() });
        let refused = data.apply(Edit::CreateStory { id: Id::from_u128(9), story: story(Id::from_u128(0xbad), " ", "") }, &form).unwrap_err();
        let codes: Vec<Code> = refused.findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, vec![Code::ProjectMissing, Code::StoryMissing]);
        let project = data.projects().live().next().unwrap().id;
        data.apply(Edit::CreateStory { id: Id::from_u128(9), story: story(project, "قصة", "") }, &form).unwrap();
        assert_eq!(data.stories().get(Id::from_u128(9)).unwrap().data.text(Lang::Fr), "قصة");
    }

    #[test]
    fn the_report_features_the_stories_of_funded_projects_under_the_same_filter() {
        let data = crate::demo::dataset();
        let everything = featured(&data, &Filter::default());
        assert_eq!(everything.len(), data.stories().live().count(), "the demo's stories are all of funded projects");
        let funded: Vec<Id> = stats::funded_projects(&data, &Filter::default()).map(|(p, _)| p.id).collect();
        let positions: Vec<usize> = everything.iter().map(|s| funded.iter().position(|p| *p == s.data.project).unwrap()).collect();
        assert!(positions.is_sorted(), "in the order of the funded projects");
        let nowhere = Filter { years: Some((1990, 1991)), ..Filter::default() };
        assert!(featured(&data, &nowhere).is_empty());
    }

    #[test]
    fn the_photos_in_use_are_those_of_live_stories() {
        let mut data = crate::demo::dataset();
        let form = EditContext::form(Author { at: Timestamp::EPOCH, user: "Salma".into(), device: Id::from_u128(1), device_name: "t".into() });
        let project = data.projects().live().next().unwrap().id;
        let mut told = story(project, "", "Une histoire");
        told.photos = vec![Id::from_u128(7).to_string(), "not-an-id".into()];
        data.apply(Edit::CreateStory { id: Id::from_u128(9), story: told }, &form).unwrap();
        assert!(photos_in_use(&data).contains(&Id::from_u128(7)));
        assert_eq!(photos_in_use(&data).len(), 1);
        let revision = data.stories().get(Id::from_u128(9)).unwrap().meta.revision;
        data.apply(
            Edit::Delete { target: crate::record::RecordRef { kind: crate::record::RecordKind::Story, id: Id::from_u128(9) }, base_revision: revision },
            &form,
        )
        .unwrap();
        assert!(!photos_in_use(&data).contains(&Id::from_u128(7)), "a deleted story's photos are no longer exported");
    }

    /// The demo with a story of its first project showing photos 7 and 8, and the form that
    /// wrote it.
    fn demo_with_photos() -> (Dataset, EditContext) {
        let mut data = crate::demo::dataset();
        let form = EditContext::form(Author { at: Timestamp::EPOCH, user: "Salma".into(), device: Id::from_u128(1), device_name: "t".into() });
        let project = data.projects().live().next().unwrap().id;
        let mut told = story(project, "", "Une histoire");
        told.photos = vec![Id::from_u128(7).to_string(), Id::from_u128(8).to_string()];
        data.apply(Edit::CreateStory { id: Id::from_u128(9), story: told }, &form).unwrap();
        (data, form)
    }

    fn ids(bits: &[u128]) -> BTreeSet<Id> {
        bits.iter().map(|b| Id::from_u128(*b)).collect()
    }

    #[test]
    fn a_stored_photo_no_story_names_is_unused_and_a_named_one_is_not() {
        let (data, _) = demo_with_photos();
        assert_eq!(photos_unused(ids(&[7, 8, 40]), &data, &[], &[]), ids(&[40]));
        assert_eq!(photos_unused(ids(&[7]), &data, &[], &[]), ids(&[]), "a photo shown is never unused");
    }

    #[test]
    fn the_photos_of_a_deleted_story_are_unused_unless_an_undo_would_bring_the_story_back() {
        let (mut data, form) = demo_with_photos();
        let revision = data.stories().get(Id::from_u128(9)).unwrap().meta.revision;
        let target = crate::record::RecordRef { kind: crate::record::RecordKind::Story, id: Id::from_u128(9) };
        let deleted = data.apply(Edit::Delete { target, base_revision: revision }, &form).unwrap();
        let undo = deleted.rollback.expect("a deletion can be taken back");
        assert_eq!(photos_unused(ids(&[7, 8]), &data, &[], &[]), ids(&[7, 8]));
        assert_eq!(photos_unused(ids(&[7, 8]), &data, &[], &[&undo]), ids(&[]));
    }

    #[test]
    fn a_photo_taken_out_of_a_story_is_kept_while_the_edit_can_be_undone() {
        let (mut data, form) = demo_with_photos();
        let record = data.stories().get(Id::from_u128(9)).unwrap().clone();
        let mut fewer = record.data.clone();
        fewer.photos.retain(|p| *p != Id::from_u128(8).to_string());
        let updated = data.apply(Edit::UpdateStory { id: record.id, base_revision: record.meta.revision, story: fewer }, &form).unwrap();
        let undo = updated.rollback.expect("an update can be taken back");
        assert_eq!(photos_unused(ids(&[7, 8]), &data, &[], &[]), ids(&[8]));
        assert_eq!(photos_unused(ids(&[7, 8]), &data, &[], &[&undo]), ids(&[]));
    }

    #[test]
    fn the_photos_of_data_the_user_can_go_back_to_are_not_unused() {
        let (before, _) = demo_with_photos();
        let now = crate::demo::dataset();
        assert_eq!(photos_unused(ids(&[7, 8]), &now, &[], &[]), ids(&[7, 8]), "the demo alone shows neither");
        assert_eq!(photos_unused(ids(&[7, 8]), &now, &[&before], &[]), ids(&[]), "the data before a replacement still does");
    }

    #[test]
    fn the_turnover_growth_is_known_only_when_both_figures_are() {
        let mut model = story(Id::from_u128(1), "", "x");
        assert_eq!(model.turnover_growth(), None);
        model.turnover_before = Amount::from_centimes(10_000_000);
        model.turnover_after = Amount::from_centimes(25_000_000);
        assert_eq!(model.turnover_growth(), Amount::from_centimes(15_000_000));
    }
}
