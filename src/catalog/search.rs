//! Ranked search over the catalog, shared by `statuslint explain` and completion.
//!
//! Tiers, best first: exact number, number prefix (`42` -> 421..429), exact phrase or alias,
//! phrase prefix (at the start, or at a word boundary: `gateway` finds Bad Gateway), fuzzy match on
//! phrases (nucleo, the matcher behind helix's pickers), keyword/platform/class match. Within a
//! tier the finer score decides, then standard codes before unofficial ones, then the number.

use super::{Catalog, Class, Code, Standing};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    Keyword,
    Fuzzy,
    PhrasePrefix,
    ExactPhrase,
    NumberPrefix,
    ExactNumber,
}

#[derive(Debug, Clone)]
pub struct Hit<'a> {
    pub code: &'a Code,
    /// Index into `code.meanings` of the meaning that matched best.
    pub meaning: usize,
    pub tier: Tier,
    pub score: u32,
}

impl Hit<'_> {
    pub fn phrase(&self) -> &str {
        &self.code.meanings[self.meaning].phrase
    }
}

/// A code's searchable text, normalised once when the catalog is built rather than on every
/// keystroke of a completion.
pub struct Prepared {
    /// (meaning index, normalised name, the name as the fuzzy matcher reads it)
    names: Vec<(usize, String, Utf32String)>,
    keywords: Vec<String>,
    /// Every word of the keywords, phrases, platform ids and names, and class terms.
    words: Vec<String>,
}

impl Prepared {
    pub fn new(code: &Code, platforms: &[super::Platform]) -> Prepared {
        let mut names = Vec::new();
        for (index, meaning) in code.meanings.iter().enumerate() {
            for name in meaning.names() {
                let name = normalize(name);
                let utf32 = Utf32String::from(name.as_str());
                names.push((index, name, utf32));
            }
        }
        let keywords: Vec<String> = code.keywords.iter().map(|k| normalize(k)).collect();
        let mut vocabulary = keywords.clone();
        for meaning in &code.meanings {
            vocabulary.push(normalize(&meaning.phrase));
            vocabulary.push(normalize(&meaning.platform));
            if let Some(platform) = platforms.iter().find(|p| p.id == meaning.platform) {
                vocabulary.push(normalize(&platform.name));
            }
        }
        if let Some(class) = Class::of(code.code) {
            vocabulary.extend(class.terms().iter().map(|t| t.to_string()));
        }
        let mut words: Vec<String> = vocabulary
            .iter()
            .flat_map(|v| v.split(' ').map(str::to_string))
            .collect();
        words.sort();
        words.dedup();
        Prepared {
            names,
            keywords,
            words,
        }
    }
}

/// Lowercase words separated by single spaces; apostrophes vanish so `I'm` matches `im`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars().filter(|c| *c != '\'' && *c != '’') {
        if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A fuzzy match must score at least this share (in percent) of the query matched against itself:
/// typos keep 80-90%, letters scattered across unrelated words ("rate lim" in "Global Upstream
/// Timeout") fall near 50%.
const FUZZY_FLOOR_PERCENT: u32 = 70;

/// No name or keyword in the catalog is longer; longer queries match nothing.
const MAX_QUERY_BYTES: usize = 200;

impl Catalog {
    /// The codes matching `query`, best first, at most `limit` of them.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit<'_>> {
        let query = normalize(query);
        if query.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = if query.bytes().all(|b| b.is_ascii_digit()) {
            self.search_number(&query)
        } else if query.len() > MAX_QUERY_BYTES {
            // Longer than any name or keyword: nothing can match, and the fuzzy matcher's score
            // would overflow on such input.
            Vec::new()
        } else {
            let mut matcher = Matcher::new(Config::DEFAULT);
            let pattern = Pattern::parse(&query, CaseMatching::Ignore, Normalization::Smart);
            let mut buf = Vec::new();
            let perfect = pattern
                .score(Utf32Str::new(&query, &mut buf), &mut matcher)
                .unwrap_or(0);
            let fuzzy_floor = perfect * FUZZY_FLOOR_PERCENT / 100;
            self.codes()
                .iter()
                .zip(self.prepared())
                .filter_map(|(code, prepared)| {
                    best_text_hit(code, prepared, &query, &pattern, &mut matcher, fuzzy_floor)
                })
                .collect()
        };
        if hits.is_empty() && !query.bytes().all(|b| b.is_ascii_digit()) {
            // `teapto`: the query with each word nearest a catalog word.
            if let Some(corrected) = self.corrected(&query)
                && corrected != query
            {
                return self.search(&corrected, limit);
            }
        }
        for hit in &mut hits {
            // A product's own name for a code (IIS's 451 "Redirect") is not what a person typing
            // the word means first: it competes with the registry's phrases that begin it.
            let platform = self.platform(&hit.code.meanings[hit.meaning].platform);
            let product = platform.is_some_and(|p| {
                !matches!(
                    p.kind,
                    super::PlatformKind::Registry | super::PlatformKind::Convention
                )
            });
            if hit.tier == Tier::ExactPhrase && product {
                hit.tier = Tier::PhrasePrefix;
            }
        }
        // Within a tier of words, the codes people send come first, then the finer score; a
        // number prefix lists its codes in order.
        let everyday = |hit: &Hit| hit.tier < Tier::NumberPrefix && hit.code.common;
        hits.sort_by(|a, b| {
            b.tier
                .cmp(&a.tier)
                .then(everyday(b).cmp(&everyday(a)))
                .then(b.score.cmp(&a.score))
                .then(standing_rank(a).cmp(&standing_rank(b)))
                .then(a.code.code.cmp(&b.code.code))
        });
        hits.truncate(limit);
        hits
    }

    /// `query` with every word of four letters or more that no catalog word begins replaced by
    /// the catalog word nearest it (one edit for words up to six letters, two beyond: the
    /// fallback of spell-checkers), or None when no word is near enough.
    fn corrected(&self, query: &str) -> Option<String> {
        let mut changed = false;
        let mut words = Vec::new();
        for word in query.split(' ') {
            let known = self
                .prepared()
                .iter()
                .any(|p| p.words.iter().any(|w| w.starts_with(word)));
            if known || word.chars().count() < 4 {
                words.push(word.to_string());
                continue;
            }
            let allowed = if word.chars().count() <= 6 { 1 } else { 2 };
            let nearest = self
                .prepared()
                .iter()
                .flat_map(|p| p.words.iter())
                .map(|w| (strsim::damerau_levenshtein(word, w), w))
                .filter(|(distance, _)| *distance <= allowed)
                .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))?;
            words.push(nearest.1.clone());
            changed = true;
        }
        changed.then(|| words.join(" "))
    }

    fn search_number(&self, digits: &str) -> Vec<Hit<'_>> {
        self.codes()
            .iter()
            .filter_map(|code| {
                let text = code.code.to_string();
                let tier = if text == digits {
                    Tier::ExactNumber
                } else if text.starts_with(digits) {
                    Tier::NumberPrefix
                } else {
                    return None;
                };
                Some(Hit {
                    code,
                    meaning: primary_index(code),
                    tier,
                    score: 0,
                })
            })
            .collect()
    }
}

fn primary_index(code: &Code) -> usize {
    code.meanings
        .iter()
        .position(|m| m.platform == "iana")
        .unwrap_or(0)
}

fn standing_rank(hit: &Hit) -> Standing {
    hit.code.primary().standing
}

fn best_text_hit<'a>(
    code: &'a Code,
    prepared: &Prepared,
    query: &str,
    pattern: &Pattern,
    matcher: &mut Matcher,
    floor: u32,
) -> Option<Hit<'a>> {
    let mut best: Option<(Tier, u32, usize)> = None;
    let mut consider = |tier: Tier, score: u32, meaning: usize| {
        if best.is_none_or(|(t, s, _)| (tier, score) > (t, s)) {
            best = Some((tier, score, meaning));
        }
    };
    for (index, name, utf32) in &prepared.names {
        let index = *index;
        if name == query {
            consider(Tier::ExactPhrase, 0, index);
        } else if name.starts_with(query) {
            consider(Tier::PhrasePrefix, 2, index);
        } else if word_start_match(name, query).is_some() {
            // Any word, not just the first: "timeout" finds 408 and 504 before 524.
            consider(Tier::PhrasePrefix, 1, index);
        } else if let Some(score) = pattern.score(utf32.slice(..), matcher)
            && score >= floor
        {
            consider(Tier::Fuzzy, score, index);
        }
    }
    let found_in_names = best.is_some();
    // An everyday code's keywords count as names: `auth` finds 401 (`authentication`) beside
    // 203 Non-Authoritative Information, and the rank of everyday codes puts it first.
    if !found_in_names
        && code.common
        && prepared
            .keywords
            .iter()
            .any(|k| word_start_match(k, query).is_some())
    {
        return Some(Hit {
            code,
            meaning: primary_index(code),
            tier: Tier::PhrasePrefix,
            score: 0,
        });
    }
    if !found_in_names && let Some(score) = keyword_score(prepared, query) {
        best = Some((Tier::Keyword, score, primary_index(code)));
    }
    best.map(|(tier, score, meaning)| Hit {
        code,
        meaning,
        tier,
        score,
    })
}

/// Where `query` starts at a word boundary inside `name`, if it does.
fn word_start_match(name: &str, query: &str) -> Option<usize> {
    name.match_indices(query)
        .map(|(at, _)| at)
        .find(|&at| at == 0 || name.as_bytes()[at - 1] == b' ')
}

/// How well the keywords, platform names and class terms cover the query: a keyword equal to the
/// query beats one it begins, which beats every query word found somewhere.
fn keyword_score(prepared: &Prepared, query: &str) -> Option<u32> {
    if prepared.keywords.iter().any(|k| k == query) {
        return Some(300);
    }
    if prepared.keywords.iter().any(|k| k.starts_with(query)) {
        return Some(200);
    }
    let words: Vec<&str> = query.split(' ').collect();
    let found = words
        .iter()
        .filter(|w| prepared.words.iter().any(|vw| vw.starts_with(*w)))
        .count();
    (found == words.len()).then_some(100 + found as u32)
}
