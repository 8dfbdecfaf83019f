//! Success stories: a funded project held up as a model, with a short story in either language
//! and the figures behind it.

use serde::{Deserialize, Serialize};

use crate::amount::Amount;
use crate::id::Id;
use crate::lang::Lang;

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
    fn the_turnover_growth_is_known_only_when_both_figures_are() {
        let mut model = story(Id::from_u128(1), "", "x");
        assert_eq!(model.turnover_growth(), None);
        model.turnover_before = Amount::from_centimes(10_000_000);
        model.turnover_after = Amount::from_centimes(25_000_000);
        assert_eq!(model.turnover_growth(), Amount::from_centimes(15_000_000));
    }
}
