//! Reference data: the communes of the prefecture of Tanger-Assilah.

use crate::lang::Lang;

/// Whether a commune counts as urban or rural in the prefecture's reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Milieu {
    /// A municipality or one of its arrondissements.
    Urban,
    /// A rural commune.
    Rural,
}

/// One commune or arrondissement of the prefecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Commune {
    /// Stable code, never reused.
    pub code: &'static str,
    /// Name in French.
    pub name_fr: &'static str,
    /// Name in Arabic.
    pub name_ar: &'static str,
    /// Urban or rural.
    pub milieu: Milieu,
}

impl Commune {
    /// The name in the given language.
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ar => self.name_ar,
            Lang::Fr => self.name_fr,
        }
    }
}

const fn commune(code: &'static str, name_fr: &'static str, name_ar: &'static str, milieu: Milieu) -> Commune {
    Commune { code, name_fr, name_ar, milieu }
}

/// The communes and arrondissements of Tanger-Assilah (domain brief §4.2).
pub const COMMUNES: &[Commune] = &[
    commune("TNG-MED", "Tanger-Médina", "مقاطعة طنجة المدينة", Milieu::Urban),
    commune("TNG-CHM", "Charf-Mghogha", "مقاطعة الشرف مغوغة", Milieu::Urban),
    commune("TNG-CHS", "Charf-Souani", "مقاطعة الشرف السواني", Milieu::Urban),
    commune("TNG-BMK", "Bni Makada", "مقاطعة بني مكادة", Milieu::Urban),
    commune("ASL", "Assilah", "أصيلة", Milieu::Urban),
    commune("GZN", "Gueznaia", "كزناية", Milieu::Urban),
    commune("MNZ", "Al Manzla", "المنزلة", Milieu::Rural),
    commune("AQB", "Aquouass Briech", "أقواس بريش", Milieu::Rural),
    commune("AZN", "Sebt Azzinate", "سبت الزينات", Milieu::Rural),
    commune("DCH", "Dar Chaoui", "دار الشاوي", Milieu::Rural),
    commune("SCH", "Sahel Chamali", "الساحل الشمالي", Milieu::Rural),
    commune("SLY", "Sidi Lyamani", "سيدي اليماني", Milieu::Rural),
    commune("HGH", "Had Al Gharbia", "حد الغربية", Milieu::Rural),
    commune("LAW", "Laaouama", "العوامة", Milieu::Rural),
    commune("HJN", "Hjar Ennhal", "حجر النحل", Milieu::Rural),
];

/// Finds a commune by its code.
///
/// ```
/// use taawun_core::reference::{commune_by_code, Milieu};
/// assert_eq!(commune_by_code("ASL").unwrap().milieu, Milieu::Urban);
/// assert!(commune_by_code("XXX").is_none());
/// ```
pub fn commune_by_code(code: &str) -> Option<&'static Commune> {
    COMMUNES.iter().find(|c| c.code == code)
}
