//! The search ranking issue 2 promises, as `statuslint explain` and completion will see it.

use statuslint::catalog::catalog;
use statuslint::catalog::search::{Hit, Tier};

fn search(query: &str) -> Vec<Hit<'static>> {
    catalog().search(query, 50)
}

fn codes(query: &str) -> Vec<u16> {
    search(query).iter().map(|h| h.code.code).collect()
}

fn first(query: &str) -> Hit<'static> {
    search(query)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("nothing matches {query:?}"))
}

/// The hits of `query` as (code, tier), for readable failures.
fn ranked(query: &str) -> Vec<(u16, Tier)> {
    search(query)
        .iter()
        .map(|h| (h.code.code, h.tier))
        .collect()
}

fn tier_of(query: &str, code: u16) -> Tier {
    search(query)
        .iter()
        .find(|h| h.code.code == code)
        .unwrap_or_else(|| panic!("{code} is not among {:?}", ranked(query)))
        .tier
}

#[test]
fn too_many_finds_429_first() {
    assert_eq!(first("too many").code.code, 429);
    assert_eq!(first("Too Many Requests").code.code, 429);
}

#[test]
fn teapot_finds_418() {
    let hit = first("teapot");
    assert_eq!(hit.code.code, 418);
    assert_eq!(hit.phrase(), "I'm a teapot");
    assert_eq!(first("im a teapot").tier, Tier::ExactPhrase);
}

#[test]
fn rate_limit_finds_429_first() {
    assert_eq!(first("rate limit").code.code, 429);
    assert_eq!(first("throttle").code.code, 429);
}

#[test]
fn cloudflare_timeout_finds_524_first() {
    let hit = first("cloudflare timeout");
    assert_eq!(hit.code.code, 524);
    assert_eq!(hit.code.meanings[hit.meaning].platform, "cloudflare");
}

#[test]
fn gateway_finds_502_and_504_before_anything_else() {
    let found = codes("gateway");
    assert!(found.len() >= 2, "{:?}", ranked("gateway"));
    let mut top_two = found[..2].to_vec();
    top_two.sort_unstable();
    assert_eq!(top_two, [502, 504], "{:?}", ranked("gateway"));
}

#[test]
fn an_exact_number_comes_first_and_alone() {
    for number in [100, 404, 429, 531] {
        let hits = search(&number.to_string());
        assert_eq!(hits[0].code.code, number);
        assert_eq!(hits[0].tier, Tier::ExactNumber);
        assert_eq!(hits.len(), 1, "a complete code matches only itself");
    }
    // Surrounding blanks do not turn a number into a phrase.
    assert_eq!(first("  404 ").tier, Tier::ExactNumber);
}

#[test]
fn a_number_prefix_lists_its_codes_in_order() {
    let found = codes("42");
    assert_eq!(
        found[..8],
        [421, 422, 423, 424, 425, 426, 428, 429],
        "{:?}",
        ranked("42")
    );
    // 420 is only a vendor code (Twitter, Spring), so it follows the registered ones.
    assert_eq!(found[8..], [420]);
    assert!(search("42").iter().all(|h| h.tier == Tier::NumberPrefix));
    assert!(codes("60").is_empty(), "no code starts with 60");
}

/// Each pair shows a higher tier winning over a lower one within the same query, whatever the
/// finer scores say.
#[test]
fn tiers_rank_exact_phrase_then_prefix_then_fuzzy_then_keyword() {
    // "found" is 302's phrase exactly and begins a word of 404's.
    assert_eq!(tier_of("found", 302), Tier::ExactPhrase);
    assert_eq!(tier_of("found", 404), Tier::PhrasePrefix);
    assert_eq!(codes("found")[..2], [302, 404]);

    // "not fo" begins 404's phrase, is scattered through 203's, and only shares words with the
    // vocabulary of 403 and 406.
    assert_eq!(tier_of("not fo", 404), Tier::PhrasePrefix);
    assert_eq!(tier_of("not fo", 203), Tier::Fuzzy);
    assert_eq!(tier_of("not fo", 403), Tier::Keyword);
    assert_eq!(codes("not fo")[..2], [404, 203], "{:?}", ranked("not fo"));

    // "timeout" begins a word of 408's phrase and fuzzily matches IIS's "Login Time-out".
    assert_eq!(tier_of("timeout", 408), Tier::PhrasePrefix);
    assert_eq!(tier_of("timeout", 440), Tier::Fuzzy);

    assert!(Tier::ExactNumber > Tier::NumberPrefix);
    assert!(Tier::NumberPrefix > Tier::ExactPhrase);
}

/// Whatever the query, a result list never puts a weaker tier above a stronger one.
#[test]
fn results_are_ordered_by_tier() {
    for query in [
        "found",
        "not fo",
        "timeout",
        "edgio",
        "server error",
        "redirect",
        "too large",
        "gateway",
        "4",
    ] {
        let tiers: Vec<Tier> = search(query).iter().map(|h| h.tier).collect();
        assert!(!tiers.is_empty(), "{query:?} finds nothing");
        assert!(
            tiers.windows(2).all(|w| w[0] >= w[1]),
            "{query:?}: {:?}",
            ranked(query)
        );
    }
}

#[test]
fn typos_still_find_the_code() {
    let hit = first("unathorized");
    assert_eq!(hit.code.code, 401);
    assert_eq!(hit.tier, Tier::Fuzzy);
    assert_eq!(first("forbiden").code.code, 403);
    assert_eq!(first("nto found").code.code, 404);
    assert_eq!(first("bad gatway").code.code, 502);
}

#[test]
fn other_names_find_their_code() {
    for (query, code) in [
        ("payload too large", 413),
        ("request entity too large", 413),
        ("moved temporarily", 302),
        ("unprocessable entity", 422),
        ("requested range not satisfiable", 416),
        ("request-uri too long", 414),
    ] {
        let hit = first(query);
        assert_eq!(hit.code.code, code, "{query:?}: {:?}", ranked(query));
        assert_eq!(hit.tier, Tier::ExactPhrase, "{query:?}");
    }
    // A product's own name still finds its code first, ranked as a phrase prefix (see below).
    let hit = first("Internal Layer0 Error");
    assert_eq!(hit.code.code, 530);
    assert_eq!(hit.tier, Tier::PhrasePrefix);
}

/// Within a tier, the codes people send come before products' names and rarities, and a word
/// a product uses as its whole name does not outrank the registry's phrases that contain it.
#[test]
fn everyday_codes_come_first() {
    assert_eq!(
        codes("redirect")[..4],
        [307, 308, 301, 302],
        "{:?}",
        ranked("redirect")
    );
    assert_eq!(codes("auth")[..2], [401, 403], "{:?}", ranked("auth"));
    assert_eq!(codes("timeout")[..2], [504, 408], "{:?}", ranked("timeout"));
    // IIS's 451 Redirect is still there, after them.
    assert!(codes("redirect").contains(&451));
}

/// A word no catalog word begins is read as its nearest catalog word.
#[test]
fn a_misspelt_word_is_corrected() {
    assert_eq!(first("teapto").code.code, 418);
    assert_eq!(first("to many requsts").code.code, 429);
    assert_eq!(first("servce unavailable").code.code, 503);
    assert!(search("qqqqqqqq").is_empty());
}

#[test]
fn matching_ignores_case_and_punctuation() {
    assert_eq!(ranked("TOO MANY REQUESTS"), ranked("too many requests"));
    assert_eq!(first("I'm a teapot").code.code, 418);
    assert_eq!(first("non authoritative information").code.code, 203);
}

#[test]
fn blank_and_punctuation_queries_find_nothing() {
    for query in ["", " ", "\t\n", "!!!", "...", "?", "'", "-", "--- / ***"] {
        assert!(
            search(query).is_empty(),
            "{query:?} found {:?}",
            ranked(query)
        );
    }
}

#[test]
fn odd_queries_never_panic() {
    let long_word = "timeout".repeat(250);
    let many_words = "timeout ".repeat(20);
    for query in [
        "zzzzqqq",
        "😀",
        "\u{0}",
        "42000",
        "0",
        "0429",
        "99999999999999999999999",
        "Édgio",
        long_word.as_str(),
        many_words.as_str(),
    ] {
        let _ = catalog().search(query, 10);
    }
    assert!(search("zzzzqqq").is_empty());
}

/// A pasted blob must not crash `explain` or the language server's completion.
#[test]
fn a_huge_query_does_not_panic() {
    let huge = "x".repeat(10_000);
    assert!(catalog().search(&huge, 10).is_empty());
}

#[test]
fn the_limit_caps_the_results() {
    assert_eq!(catalog().search("4", 3).len(), 3);
    assert!(catalog().search("gateway", 0).is_empty());
}
