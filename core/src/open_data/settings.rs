//! `PublisherSettings`: who publishes the open data and under which identifiers, plus the policy
//! choices the standards leave to the publisher (the IATI type of a cooperative, which activity
//! date the CPDH approval is).
//!
//! The settings travel on their own (the web stores them beside the document), not inside the
//! exchange document: they describe the publisher, not the cooperatives.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

use super::OpenDataError;

/// Everything the exports need to know about their publisher.
///
/// ```
/// use taawun_core::open_data::PublisherSettings;
/// let settings = PublisherSettings::tanger_assilah();
/// assert!(settings.giving360_prefix.is_none(), "360Giving assigns the prefix; it starts unset");
/// let json = serde_json::to_string(&settings).unwrap();
/// assert_eq!(serde_json::from_str::<PublisherSettings>(&json).unwrap(), settings);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublisherSettings {
    /// The prefix 360Giving assigned to the publisher (`360G-…`); every grant id starts with it.
    /// `None` until the publisher has one: the 360Giving export refuses to run without it.
    pub giving360_prefix: Option<String>,
    /// The language of single-language texts: every 360Giving field, and IATI's default language
    /// (IATI texts are written in both languages).
    pub language: Lang,
    /// The funder of the grants (the INDH): 360Giving's funding organisation, IATI's funding
    /// participant and the provider of the commitment and disbursements.
    pub funder: Organisation,
    /// The IATI reporting organisation (the prefecture's social action division). Its reference
    /// starts every `iati-identifier`, so the IATI export refuses to run without one.
    pub reporting_org: Organisation,
    /// The IATI extending organisation (role 3): the body that manages the funds on the funder's
    /// behalf and approves the projects (the prefecture and its CPDH).
    pub extending_org: Organisation,
    /// The IATI organisation type given to every cooperative (a policy choice).
    pub cooperative_type: OrganisationType,
    /// The IATI organisation types of co-funding partners, by funder code of the reference data;
    /// a partner not listed is published without a type.
    pub partner_types: BTreeMap<String, OrganisationType>,
    /// Which IATI activity date the CPDH approval is published as.
    pub approval_date: ApprovalDate,
}

/// An organisation as the open standards name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Its organisation identifier (`AGENCY-NUMBER`, as listed by org-id.guide), when it has one.
    pub reference: Option<String>,
    /// Name in French.
    pub name_fr: String,
    /// Name in Arabic.
    pub name_ar: String,
    /// Its IATI organisation type.
    #[serde(rename = "type")]
    pub kind: OrganisationType,
}

impl Organisation {
    /// The name in `lang`, falling back on the other language when it is empty.
    pub fn name(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Ar => (&self.name_ar, &self.name_fr),
            Lang::Fr => (&self.name_fr, &self.name_ar),
        };
        if first.trim().is_empty() { second.trim() } else { first.trim() }
    }
}

/// The IATI OrganisationType codelist (version 2.03), serialised as its code (`"72"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum OrganisationType {
    /// 10 Government.
    #[serde(rename = "10")]
    Government,
    /// 11 Local Government.
    #[serde(rename = "11")]
    LocalGovernment,
    /// 15 Other Public Sector.
    #[serde(rename = "15")]
    OtherPublicSector,
    /// 21 International NGO.
    #[serde(rename = "21")]
    InternationalNgo,
    /// 22 National NGO.
    #[serde(rename = "22")]
    NationalNgo,
    /// 23 Regional NGO.
    #[serde(rename = "23")]
    RegionalNgo,
    /// 24 Partner Country based NGO.
    #[serde(rename = "24")]
    PartnerCountryNgo,
    /// 30 Public Private Partnership.
    #[serde(rename = "30")]
    PublicPrivatePartnership,
    /// 40 Multilateral.
    #[serde(rename = "40")]
    Multilateral,
    /// 60 Foundation.
    #[serde(rename = "60")]
    Foundation,
    /// 70 Private Sector.
    #[serde(rename = "70")]
    PrivateSector,
    /// 71 Private Sector in Provider Country.
    #[serde(rename = "71")]
    PrivateSectorInProviderCountry,
    /// 72 Private Sector in Aid Recipient Country.
    #[serde(rename = "72")]
    PrivateSectorInRecipientCountry,
    /// 73 Private Sector in Third Country.
    #[serde(rename = "73")]
    PrivateSectorInThirdCountry,
    /// 80 Academic, Training and Research.
    #[serde(rename = "80")]
    Academic,
    /// 90 Other.
    #[serde(rename = "90")]
    Other,
}

impl OrganisationType {
    /// Every type, in code order.
    pub const ALL: [OrganisationType; 16] = [
        OrganisationType::Government,
        OrganisationType::LocalGovernment,
        OrganisationType::OtherPublicSector,
        OrganisationType::InternationalNgo,
        OrganisationType::NationalNgo,
        OrganisationType::RegionalNgo,
        OrganisationType::PartnerCountryNgo,
        OrganisationType::PublicPrivatePartnership,
        OrganisationType::Multilateral,
        OrganisationType::Foundation,
        OrganisationType::PrivateSector,
        OrganisationType::PrivateSectorInProviderCountry,
        OrganisationType::PrivateSectorInRecipientCountry,
        OrganisationType::PrivateSectorInThirdCountry,
        OrganisationType::Academic,
        OrganisationType::Other,
    ];

    /// The IATI code.
    ///
    /// ```
    /// use taawun_core::open_data::OrganisationType;
    /// assert_eq!(OrganisationType::PrivateSectorInRecipientCountry.code(), "72");
    /// ```
    pub fn code(self) -> &'static str {
        self.names().0
    }

    /// The name in `lang`, for the settings screen.
    ///
    /// ```
    /// use taawun_core::{Lang, open_data::OrganisationType};
    /// assert_eq!(OrganisationType::LocalGovernment.name(Lang::Fr), "collectivité territoriale");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        let (_, ar, fr) = self.names();
        match lang {
            Lang::Ar => ar,
            Lang::Fr => fr,
        }
    }

    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            OrganisationType::Government => ("10", "حكومة", "gouvernement"),
            OrganisationType::LocalGovernment => ("11", "جماعة ترابية", "collectivité territoriale"),
            OrganisationType::OtherPublicSector => ("15", "قطاع عام آخر", "autre organisme public"),
            OrganisationType::InternationalNgo => ("21", "منظمة غير حكومية دولية", "ONG internationale"),
            OrganisationType::NationalNgo => ("22", "منظمة غير حكومية وطنية", "ONG nationale"),
            OrganisationType::RegionalNgo => ("23", "منظمة غير حكومية إقليمية", "ONG régionale"),
            OrganisationType::PartnerCountryNgo => ("24", "منظمة غير حكومية من البلد الشريك", "ONG du pays partenaire"),
            OrganisationType::PublicPrivatePartnership => ("30", "شراكة بين القطاعين العام والخاص", "partenariat public-privé"),
            OrganisationType::Multilateral => ("40", "منظمة متعددة الأطراف", "organisation multilatérale"),
            OrganisationType::Foundation => ("60", "مؤسسة", "fondation"),
            OrganisationType::PrivateSector => ("70", "القطاع الخاص", "secteur privé"),
            OrganisationType::PrivateSectorInProviderCountry => ("71", "القطاع الخاص في البلد المانح", "secteur privé du pays donateur"),
            OrganisationType::PrivateSectorInRecipientCountry => ("72", "القطاع الخاص في البلد المستفيد", "secteur privé du pays bénéficiaire"),
            OrganisationType::PrivateSectorInThirdCountry => ("73", "القطاع الخاص في بلد ثالث", "secteur privé d'un pays tiers"),
            OrganisationType::Academic => ("80", "مؤسسة أكاديمية أو تكوينية أو بحثية", "enseignement, formation et recherche"),
            OrganisationType::Other => ("90", "أخرى", "autre"),
        }
    }
}

/// Which IATI activity date (ActivityDateType) the CPDH approval is published as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalDate {
    /// 1 Planned start: the approval plans the activity; it starts with the convention.
    PlannedStart,
    /// 2 Actual start: the activity starts when the committee approves it.
    ActualStart,
}

impl ApprovalDate {
    /// Both choices, as the settings screen offers them.
    pub const ALL: [ApprovalDate; 2] = [ApprovalDate::PlannedStart, ApprovalDate::ActualStart];

    /// The IATI ActivityDateType code.
    pub fn code(self) -> &'static str {
        match self {
            ApprovalDate::PlannedStart => "1",
            ApprovalDate::ActualStart => "2",
        }
    }
}

/// A setting the exports check, named by its path in the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Setting {
    /// `giving360_prefix`.
    Giving360Prefix,
    /// `funder.reference`.
    FunderReference,
    /// `funder.name_fr` / `funder.name_ar`.
    FunderName,
    /// `reporting_org.reference`.
    ReportingOrgReference,
    /// `reporting_org.name_fr` / `reporting_org.name_ar`.
    ReportingOrgName,
    /// `extending_org.reference`.
    ExtendingOrgReference,
    /// `extending_org.name_fr` / `extending_org.name_ar`.
    ExtendingOrgName,
}

impl Setting {
    /// The setting's path in the settings JSON.
    pub fn path(self) -> &'static str {
        match self {
            Setting::Giving360Prefix => "giving360_prefix",
            Setting::FunderReference => "funder.reference",
            Setting::FunderName => "funder.name_fr",
            Setting::ReportingOrgReference => "reporting_org.reference",
            Setting::ReportingOrgName => "reporting_org.name_fr",
            Setting::ExtendingOrgReference => "extending_org.reference",
            Setting::ExtendingOrgName => "extending_org.name_fr",
        }
    }

    /// The setting as a user reads it, in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        let (ar, fr) = match self {
            Setting::Giving360Prefix => ("بادئة 360Giving", "le préfixe 360Giving"),
            Setting::FunderReference => ("معرف الجهة الممولة", "l'identifiant du financeur"),
            Setting::FunderName => ("اسم الجهة الممولة", "le nom du financeur"),
            Setting::ReportingOrgReference => ("معرف الجهة الناشرة في IATI", "l'identifiant IATI de l'organisation déclarante"),
            Setting::ReportingOrgName => ("اسم الجهة الناشرة", "le nom de l'organisation déclarante"),
            Setting::ExtendingOrgReference => ("معرف الجهة المسيرة للتمويل", "l'identifiant de l'organisation gestionnaire"),
            Setting::ExtendingOrgName => ("اسم الجهة المسيرة للتمويل", "le nom de l'organisation gestionnaire"),
        };
        match lang {
            Lang::Ar => ar,
            Lang::Fr => fr,
        }
    }
}

impl PublisherSettings {
    /// The settings of the prefecture of Tanger-Assilah, without the two identifiers only the
    /// standards' registries can give (the 360Giving prefix and the IATI reporting reference).
    ///
    /// Policy choices made here, each changeable:
    /// - a cooperative is IATI type 72, "private sector in aid recipient country": a Moroccan
    ///   enterprise owned by its members, neither a public body nor an NGO;
    /// - the CPDH approval is the activity's actual start (type 2): the commitment is made then;
    /// - the commune and the regional council are local government (11); ADS, ODCo and the
    ///   regional youth directorate are public bodies (15, 15, 10).
    pub fn tanger_assilah() -> PublisherSettings {
        let partner_types = [
            ("ADS", OrganisationType::OtherPublicSector),
            ("ODCO", OrganisationType::OtherPublicSector),
            ("DRJ", OrganisationType::Government),
            ("COMMUNE", OrganisationType::LocalGovernment),
            ("CR", OrganisationType::LocalGovernment),
        ];
        PublisherSettings {
            giving360_prefix: None,
            language: Lang::Fr,
            funder: Organisation {
                reference: None,
                name_fr: "Initiative nationale pour le développement humain (INDH)".to_owned(),
                name_ar: "المبادرة الوطنية للتنمية البشرية".to_owned(),
                kind: OrganisationType::Government,
            },
            reporting_org: Organisation {
                reference: None,
                name_fr: "Préfecture de Tanger-Assilah – Division de l'action sociale".to_owned(),
                name_ar: "عمالة طنجة-أصيلة – قسم العمل الاجتماعي".to_owned(),
                kind: OrganisationType::Government,
            },
            extending_org: Organisation {
                reference: None,
                name_fr: "Comité préfectoral de développement humain (CPDH) de Tanger-Assilah".to_owned(),
                name_ar: "اللجنة الإقليمية للتنمية البشرية لعمالة طنجة-أصيلة".to_owned(),
                kind: OrganisationType::Government,
            },
            cooperative_type: OrganisationType::PrivateSectorInRecipientCountry,
            partner_types: partner_types.into_iter().map(|(code, kind)| (code.to_owned(), kind)).collect(),
            approval_date: ApprovalDate::ActualStart,
        }
    }

    /// The 360Giving prefix, checked: `360G-` then letters, digits, `-` or `_`.
    pub(crate) fn checked_prefix(&self) -> Result<&str, OpenDataError> {
        let prefix = self.giving360_prefix.as_deref().map(str::trim).filter(|p| !p.is_empty());
        let prefix = prefix.ok_or(OpenDataError::MissingSetting { setting: Setting::Giving360Prefix })?;
        let rest = prefix.strip_prefix("360G-").unwrap_or("");
        if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') || rest.ends_with('-') {
            return Err(OpenDataError::InvalidSetting { setting: Setting::Giving360Prefix, value: prefix.to_owned() });
        }
        Ok(prefix)
    }

    /// The IATI reporting reference, checked; the IATI export needs it.
    pub(crate) fn checked_reporting_reference(&self) -> Result<&str, OpenDataError> {
        checked_reference(self.reporting_org.reference.as_deref(), Setting::ReportingOrgReference)?
            .ok_or(OpenDataError::MissingSetting { setting: Setting::ReportingOrgReference })
    }

    /// Checks what both exports use: the optional references are well formed and every
    /// organisation has a name.
    pub(crate) fn check_common(&self) -> Result<(), OpenDataError> {
        checked_reference(self.funder.reference.as_deref(), Setting::FunderReference)?;
        checked_reference(self.extending_org.reference.as_deref(), Setting::ExtendingOrgReference)?;
        checked_reference(self.reporting_org.reference.as_deref(), Setting::ReportingOrgReference)?;
        for (organisation, setting) in
            [(&self.funder, Setting::FunderName), (&self.reporting_org, Setting::ReportingOrgName), (&self.extending_org, Setting::ExtendingOrgName)]
        {
            if organisation.name(Lang::Fr).is_empty() {
                return Err(OpenDataError::MissingSetting { setting });
            }
        }
        Ok(())
    }
}

/// An organisation identifier: `None` when unset or blank; otherwise ASCII letters, digits, `-`,
/// `_` or `.`, neither starting nor ending with `-`. IATI forbids spaces, `/`, `&`, `|` and `?`
/// in identifiers because they are used in URLs.
fn checked_reference(reference: Option<&str>, setting: Setting) -> Result<Option<&str>, OpenDataError> {
    let Some(reference) = reference.map(str::trim).filter(|r| !r.is_empty()) else { return Ok(None) };
    let well_formed =
        reference.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')) && !reference.starts_with('-') && !reference.ends_with('-');
    if well_formed { Ok(Some(reference)) } else { Err(OpenDataError::InvalidSetting { setting, value: reference.to_owned() }) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_prefix(prefix: &str) -> PublisherSettings {
        PublisherSettings { giving360_prefix: Some(prefix.to_owned()), ..PublisherSettings::tanger_assilah() }
    }

    #[test]
    fn a_360giving_prefix_starts_with_360g_and_a_publisher_code() {
        assert_eq!(with_prefix(" 360G-INDHTA ").checked_prefix(), Ok("360G-INDHTA"));
        assert_eq!(with_prefix("360G-indh_ta-2").checked_prefix(), Ok("360G-indh_ta-2"));
        for bad in ["INDHTA", "360G-", "360G-INDH TA", "360G-INDH/TA", "360G-INDHTA-", "360g-INDHTA"] {
            assert_eq!(
                with_prefix(bad).checked_prefix(),
                Err(OpenDataError::InvalidSetting { setting: Setting::Giving360Prefix, value: bad.trim().to_owned() }),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn an_unset_or_blank_prefix_is_missing() {
        assert_eq!(PublisherSettings::tanger_assilah().checked_prefix(), Err(OpenDataError::MissingSetting { setting: Setting::Giving360Prefix }));
        assert_eq!(with_prefix("  ").checked_prefix(), Err(OpenDataError::MissingSetting { setting: Setting::Giving360Prefix }));
    }

    #[test]
    fn an_iati_reference_refuses_spaces_and_url_characters() {
        let mut settings = PublisherSettings::tanger_assilah();
        assert_eq!(settings.checked_reporting_reference(), Err(OpenDataError::MissingSetting { setting: Setting::ReportingOrgReference }));
        settings.reporting_org.reference = Some("XM-DAC-41114".to_owned());
        assert_eq!(settings.checked_reporting_reference(), Ok("XM-DAC-41114"));
        for bad in ["MA DAS", "MA/DAS", "MA&DAS", "MA|DAS", "MA?DAS", "-MA-DAS"] {
            settings.reporting_org.reference = Some(bad.to_owned());
            assert!(settings.checked_reporting_reference().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn an_organisation_without_any_name_is_refused() {
        let mut settings = PublisherSettings::tanger_assilah();
        assert_eq!(settings.check_common(), Ok(()));
        settings.extending_org.name_fr = " ".to_owned();
        assert_eq!(settings.check_common(), Ok(()), "the Arabic name stands in");
        settings.extending_org.name_ar = String::new();
        assert_eq!(settings.check_common(), Err(OpenDataError::MissingSetting { setting: Setting::ExtendingOrgName }));
    }

    #[test]
    fn organisation_types_travel_as_their_iati_codes() {
        for kind in OrganisationType::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.code());
            assert_eq!(serde_json::from_value::<OrganisationType>(kind.code().into()).unwrap(), kind);
        }
    }

    #[test]
    fn settings_with_an_unknown_field_are_refused() {
        let mut value = serde_json::to_value(PublisherSettings::tanger_assilah()).unwrap();
        value["contact_email"] = "someone@example.org".into();
        assert!(serde_json::from_value::<PublisherSettings>(value).is_err());
    }
}
