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
