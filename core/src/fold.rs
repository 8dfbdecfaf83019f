//! Search keys: Arabic and French text folded so that the ways people type a name match.
//!
//! Arabic: the hamza-carrying and wasla alefs (أ إ آ ٱ) become ا, ة becomes ه, ى and the
//! Persian yeh ی become ي, the Persian keheh ک becomes ك, and the tashkeel (U+064B–U+0652),
//! the superscript alef (U+0670) and the tatweel (U+0640) are dropped. French: lowercase, and
//! accents dropped through a small table of the precomposed letters French and Moroccan
//! transliterations use (plus any combining accent). Everywhere: Arabic-Indic digits become
//! ASCII, punctuation becomes a space, and spaces collapse.
//!
//! The table is ours rather than a Unicode normalisation crate because the letters involved are
//! few and known, and the whole fold stays a single pass with no data tables to ship in wasm.

/// The folded form of `text`, for comparing and indexing.
///
/// ```
/// use taawun_core::fold::search_key;
/// assert_eq!(search_key("Coopérative  AL-AMAL"), "cooperative al amal");
/// assert_eq!(search_key("تَعاونِيّة الأمل"), search_key("تعاونيه الامل"));
/// ```
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded: &str = match fold_char(c) {
            Folded::Drop => continue,
            Folded::Space => {
                pending_space = !out.is_empty();
                continue;
            }
            Folded::Keep => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(c);
                continue;
            }
            Folded::To(s) => s,
        };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push_str(folded);
    }
    out
}

/// Whether every word of `query` occurs in `haystack`, both folded by [`search_key`]. An empty
/// query matches everything.
///
/// ```
/// use taawun_core::fold::matches;
/// assert!(matches("Coopérative Al Amal", "cooperative"));
/// assert!(matches("تعاونية الأمل", "الامل"));
/// assert!(matches("Coopérative Al Amal", "amal coop"));
/// assert!(!matches("Coopérative Al Amal", "nour"));
/// ```
pub fn matches(haystack: &str, query: &str) -> bool {
    let haystack = search_key(haystack);
    search_key(query).split(' ').filter(|w| !w.is_empty()).all(|word| haystack.contains(word))
}

/// Orders two names as a list sorted for people: by their folded forms ([`search_key`]), then by
/// the text itself so that the order is total and stable.
///
/// For French this ignores case and accents (`élevage` sorts with `elevage`, before `Fès`). For
/// Arabic, folding merges the alef forms, ة with ه and ى with ي, and drops the tashkeel and the
/// tatweel; the remaining letters sit in the Unicode Arabic block in the order of the alphabet
/// (ا ب ت ث … ن ه و ي), so comparing folded text orders names alphabetically. No collation tables
/// are shipped to the browser for this.
///
/// ```
/// use taawun_core::fold::collate;
/// let mut names = vec!["Zitoun", "élevage", "Abeilles", "Élan"];
/// names.sort_by(|a, b| collate(a, b));
/// assert_eq!(names, ["Abeilles", "Élan", "élevage", "Zitoun"]);
/// let mut arabic = vec!["تعاونية النور", "تعاونية الأمل", "تعاونية البحر"];
/// arabic.sort_by(|a, b| collate(a, b));
/// assert_eq!(arabic, ["تعاونية الأمل", "تعاونية البحر", "تعاونية النور"]);
/// ```
pub fn collate(a: &str, b: &str) -> std::cmp::Ordering {
    search_key(a).cmp(&search_key(b)).then_with(|| a.cmp(b))
}

/// `items` in the order of a text key per item (plain string order), ties kept in their order.
///
/// Lists in core and in the browser sort through here, on `(String, usize)` pairs: one sort
/// routine in the WebAssembly instead of one per list and comparison, each of which weighs on
/// the browser's start download. Keys are [`sort_key`]s for names and fixed-width numbers
/// ([`descending`] for larger first).
///
/// ```
/// use taawun_core::fold::{descending, sorted_by_key};
/// let sorted = sorted_by_key(vec![("b", 1u64), ("a", 1), ("c", 5)], |(name, count)| format!("{}{name}", descending(*count)));
/// assert_eq!(sorted, vec![("c", 5), ("a", 1), ("b", 1)]);
/// ```
pub fn sorted_by_key<T>(items: Vec<T>, key: impl Fn(&T) -> String) -> Vec<T> {
    let mut keys: Vec<(String, usize)> = items.iter().enumerate().map(|(index, item)| (key(item), index)).collect();
    crate::sorting::sort(&mut keys);
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    keys.into_iter().filter_map(|(_, index)| slots.get_mut(index).and_then(Option::take)).collect()
}

/// A fixed-width key that sorts larger numbers first, as text.
pub fn descending(value: u64) -> String {
    format!("{:020}", u64::MAX - value)
}

/// A text whose plain string order is the order of [`collate`]: the folded form, a NUL (which no
/// folded form contains), then the text itself. Sorting keys is cheaper than comparing through
/// [`collate`] when a list is long, and lets one sort routine serve every list.
///
/// ```
/// use taawun_core::fold::{collate, sort_key};
/// let (a, b) = ("Élan", "elevage");
/// assert_eq!(sort_key(a).cmp(&sort_key(b)), collate(a, b));
/// ```
pub fn sort_key(text: &str) -> String {
    let mut key = search_key(text);
    key.push('\0');
    key.push_str(text);
    key
}

enum Folded {
    Keep,
    Drop,
    Space,
    To(&'static str),
}

fn fold_char(c: char) -> Folded {
    let to = Folded::To;
    match c {
        // Arabic letters with variants people type interchangeably.
        'أ' | 'إ' | 'آ' | 'ٱ' => to("ا"),
        'ة' => to("ه"),
        'ى' | '\u{6cc}' => to("ي"),
        '\u{6a9}' => to("ك"),
        // Tashkeel, superscript alef, tatweel.
        '\u{64b}'..='\u{652}' | '\u{670}' | '\u{640}' => Folded::Drop,
        // Combining accents (text typed in decomposed form) and invisible marks.
        '\u{300}'..='\u{36f}' | '\u{200b}'..='\u{200f}' | '\u{61c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}' => Folded::Drop,
        // Arabic-Indic digits.
        '\u{660}'..='\u{669}' => to(ASCII_DIGITS[(c as u32 - 0x660) as usize]),
        '\u{6f0}'..='\u{6f9}' => to(ASCII_DIGITS[(c as u32 - 0x6f0) as usize]),
        // Latin letters with accents (already lowercase).
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => to("a"),
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => to("c"),
        'ď' | 'đ' => to("d"),
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => to("e"),
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => to("i"),
        'ñ' | 'ń' | 'ņ' | 'ň' => to("n"),
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => to("o"),
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => to("u"),
        'ý' | 'ÿ' | 'ŷ' => to("y"),
        'ś' | 'ŝ' | 'ş' | 'š' => to("s"),
        'ź' | 'ż' | 'ž' => to("z"),
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => to("g"),
        'ĺ' | 'ļ' | 'ľ' | 'ł' => to("l"),
        'ŕ' | 'ř' => to("r"),
        'ţ' | 'ť' => to("t"),
        'œ' => to("oe"),
        'æ' => to("ae"),
        'ß' => to("ss"),
        c if c.is_alphanumeric() => Folded::Keep,
        // Punctuation, symbols and spaces all separate words.
        _ => Folded::Space,
    }
}

const ASCII_DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_spelling_variants_fold_together() {
        let cases = [
            ("الأمل", "الامل"),
            ("إدماج", "ادماج"),
            ("آفاق", "افاق"),
            ("ٱلنور", "النور"),
            ("تعاونية", "تعاونيه"),
            ("مستشفى", "مستشفي"),
            ("سیدی", "سيدي"),
            ("کزناية", "كزناية"),
            ("تَعَاوُنِيَّةٌ", "تعاونيه"),
            ("تعــاونية", "تعاونيه"),
            ("الرحمٰن", "الرحمن"),
            ("٢٠٢٥", "2025"),
        ];
        for (typed, key) in cases {
            assert_eq!(search_key(typed), search_key(key), "{typed}");
            assert!(!search_key(typed).contains(['أ', 'إ', 'آ', 'ة', 'ى', 'ـ']), "{typed}");
        }
    }

    #[test]
    fn french_case_and_accents_fold_together() {
        assert_eq!(search_key("Coopérative"), "cooperative");
        assert_eq!(search_key("ÉLEVAGE Œuvre Maraîchage"), "elevage oeuvre maraichage");
        assert_eq!(search_key("Coope\u{301}rative"), "cooperative");
        assert_eq!(search_key("Main-d'œuvre"), "main d oeuvre");
    }

    #[test]
    fn sort_keys_order_names_as_collate_does() {
        let names = ["Abeilles", "abeilles", "Élan", "elan", "élevage", "Zitoun", "تعاونية الأمل", "تعاونية البحر", "تعاونيه الامل", "", "a", "ab"];
        for a in names {
            for b in names {
                assert_eq!(sort_key(a).cmp(&sort_key(b)), collate(a, b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn a_search_finds_names_typed_differently() {
        assert!(matches("تعاونية الأمل للخياطة", "الامل"));
        assert!(matches("Coopérative Al Amal", "cooperative"));
        assert!(matches("COOPÉRATIVE NOUR", "coop nour"));
        assert!(matches("anything", ""));
        assert!(matches("anything", "  ,  "));
        assert!(!matches("Coopérative Al Amal", "amal nour"));
    }
}
