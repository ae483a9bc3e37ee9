//! Mentions: whether a file holds each of the few texts a check reads file-wide (a sites
//! pattern's required `rocket::`, the `schema` and `response` that say a route may declare its
//! responses). Each is a search over the whole text; an edit's check carries the answers over
//! and searches again only for a text the edited units held before or hold now, so a keystroke
//! reads the units it touched, not the file.

use crate::syntax::Language;

/// Texts the rules read file-wide, beside the sites patterns' own (`syntax::sites`).
pub const RULE_TEXTS: &[&str] = crate::routes::declaring::MENTIONS;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mentions {
    language: Language,
    found: Vec<bool>,
}

impl Mentions {
    pub fn of(source: &str, language: Language) -> Mentions {
        Mentions {
            language,
            found: texts(language).map(|t| source.contains(t)).collect(),
        }
    }

    /// The mentions of `source` after an edit that turned `old_units` into `new_units` (the
    /// text of the units it touched, before and after), the rest of the file unchanged.
    pub fn after_edit(&self, old_units: &str, new_units: &str, source: &str) -> Mentions {
        let found = texts(self.language)
            .zip(&self.found)
            .map(|(text, &was)| {
                if old_units.contains(text) || new_units.contains(text) {
                    source.contains(text)
                } else {
                    was
                }
            })
            .collect();
        Mentions {
            language: self.language,
            found,
        }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// Whether the file holds `text`; one outside the lists is searched for.
    pub fn has(&self, text: &str, source: &str) -> bool {
        match texts(self.language).position(|t| t == text) {
            Some(at) => self.found[at],
            None => source.contains(text),
        }
    }
}

fn texts(language: Language) -> impl Iterator<Item = &'static str> {
    crate::syntax::sites::required_texts(language)
        .iter()
        .map(String::as_str)
        .chain(RULE_TEXTS.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_searches_again_only_for_what_its_units_mention() {
        let before = "fn a() {}\nfn b() { schema }\n";
        let mentions = Mentions::of(before, Language::Rust);
        assert!(mentions.has("schema", before));
        assert!(!mentions.has("response", before));
        // `b` gains `response`: searched again, found.
        let after = "fn a() {}\nfn b() { schema response }\n";
        let edited = mentions.after_edit("fn b() { schema }", "fn b() { schema response }", after);
        assert!(edited.has("response", after));
        // `a` loses nothing it mentioned: `schema` is carried over from `b`'s unit untouched.
        let again = "fn a() { x }\nfn b() { schema response }\n";
        let carried = edited.after_edit("fn a() {}", "fn a() { x }", again);
        assert_eq!(carried, Mentions::of(again, Language::Rust));
        // Removing the only `schema` is seen.
        let gone = "fn a() { x }\nfn b() { response }\n";
        let removed = carried.after_edit("fn b() { schema response }", "fn b() { response }", gone);
        assert!(!removed.has("schema", gone));
        assert_eq!(removed, Mentions::of(gone, Language::Rust));
    }
}
