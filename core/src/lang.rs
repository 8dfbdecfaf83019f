//! The two languages of the domain: Arabic (right-to-left) and French.

use serde::{Deserialize, Serialize};

/// A language the app and its domain text are written in.
///
/// ```
/// use taawun_core::Lang;
/// assert_eq!(Lang::Ar.code(), "ar");
/// assert!(Lang::Ar.is_rtl());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Arabic, as written in Morocco.
    Ar,
    /// French.
    Fr,
}

impl Lang {
    /// The BCP 47 code (`ar`, `fr`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Fr => "fr",
        }
    }

    /// Whether text in this language runs right to left.
    pub fn is_rtl(self) -> bool {
        matches!(self, Lang::Ar)
    }
}
