//! The two languages of the domain: Arabic (right-to-left) and French.

use serde::{Deserialize, Serialize};

/// A language the app and its domain text are written in.
///
/// ```
/// use taawun_core::Lang;
/// assert_eq!(Lang::Ar.code(), "ar");
/// assert!(Lang::Ar.is_rtl());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Arabic, as written in Morocco.
    Ar,
    /// French.
    Fr,
}

impl Lang {
    /// Both languages, Arabic first (the app's default).
    ///
    /// ```
    /// use taawun_core::Lang;
    /// assert_eq!(Lang::ALL.len(), 2);
    /// ```
    pub const ALL: [Lang; 2] = [Lang::Ar, Lang::Fr];

    /// The BCP 47 code (`ar`, `fr`).
    ///
    /// ```
    /// use taawun_core::Lang;
    /// assert_eq!(Lang::Fr.code(), "fr");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Fr => "fr",
        }
    }

    /// Whether text in this language runs right to left.
    ///
    /// ```
    /// use taawun_core::Lang;
    /// assert!(!Lang::Fr.is_rtl());
    /// ```
    pub fn is_rtl(self) -> bool {
        matches!(self, Lang::Ar)
    }
}
