//! The catalog's data against what issue 2 promises: every registered and every seed-document
//! code is present, each platform's meaning is kept apart, both Edgio editions survive, platform
//! reservations are queryable, and no description is lifted from the seed documents.

use statuslint::catalog::search::normalize;
use statuslint::catalog::{Catalog, Code, Edition, Meaning, Standing, catalog};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// The IANA HTTP status code registry, written out by hand so a code dropped from the data files
/// is noticed here rather than by a user.
fn iana_codes() -> BTreeSet<u16> {
    let mut codes = BTreeSet::new();
    codes.extend(100..=104);
    codes.extend(200..=208);
    codes.insert(226);
    codes.extend(300..=308);
    codes.extend(400..=418);
    codes.extend(421..=426);
    codes.extend([428, 429, 431, 451]);
    codes.extend(500..=508);
    codes.extend([510, 511]);
    codes
}

/// Codes the seed documents describe that the registry does not: vendor, framework and informal
/// conventions.
fn unregistered_seed_codes() -> BTreeSet<u16> {
    let mut codes = BTreeSet::new();
    codes.extend([218, 419, 420, 430, 440, 444, 449, 450, 460, 463, 464]);
    codes.extend(494..=499);
    codes.insert(509);
    codes.extend(520..=527);
    codes.extend(530..=548);
    codes.extend([561, 598, 599]);
    codes
}

fn code(number: u16) -> &'static Code {
    catalog()
        .get(number as u32)
        .unwrap_or_else(|| panic!("{number} is missing from the catalog"))
}

fn platforms_of(number: u16) -> Vec<&'static str> {
    code(number)
        .meanings
        .iter()
        .map(|m| m.platform.as_str())
        .collect()
}

fn meaning_on(number: u16, platform: &str) -> &'static Meaning {
    code(number)
        .meanings
        .iter()
        .find(|m| m.platform == platform)
        .unwrap_or_else(|| panic!("{number} has no {platform} meaning"))
}

#[test]
fn the_embedded_catalog_has_no_problems() {
    let problems = catalog().problems();
    assert!(
        problems.is_empty(),
        "catalog problems:\n{}",
        problems.join("\n")
    );
}

/// Guards the test above: `problems()` must actually notice broken data, or an empty list proves
/// nothing.
#[test]
fn problems_reports_broken_data() {
    let codes = r#"
        [[code]]
        code = 299
        related = [298, 299]
        [[code.meaning]]
        platform = "nowhere"
        phrase = "Twice"
        aliases = ["twice"]
        standing = "unofficial"
        recommendation = "not-recommended"
        summary = " "
        description = "d"
        use_when = "u"
        avoid_when = "a"

        [[code]]
        code = 404
        [[code.meaning]]
        platform = "iana"
        phrase = "Not Found"
        standing = "standard"
        recommendation = "recommended"
        rfc = 9110
        summary = "s"
        description = "d"
        use_when = "u"
        avoid_when = "a"

        [[code]]
        code = 410
        [[code.meaning]]
        platform = "iana"
        phrase = "Not Found"
        standing = "standard"
        recommendation = "recommended"
        rfc = 9110
        section = "15.5.11"
        summary = "s"
        description = "d"
        use_when = "u"
        avoid_when = "a"
    "#;
    let platforms = r#"
        [[platform]]
        id = "iana"
        name = "IANA registry"
        kind = "registry"

        [[platform]]
        id = "acme"
        name = "Acme CDN"
        kind = "cdn"
        reserves = [404, 555]
    "#;
    let constants = "[names]\n[rust_http]\n";
    let replacements = "777 = [404]\n299 = [555]\n";
    let broken = Catalog::from_sources(
        &[("broken.toml", codes)],
        platforms,
        constants,
        replacements,
    )
    .expect("the synthetic data parses; only its meaning is wrong");
    let problems = broken.problems().join("\n");
    for expected in [
        "299: related code 298 is not in the catalog",
        "replacements.toml: 777 is not in the catalog",
        "replacements.toml: 299 -> 555, not a standard code",
        "299: related to itself",
        "299: platform `nowhere` is not declared",
        "299: name `twice` appears twice",
        "299: empty summary",
        "299: no rfc and no source",
        "404: rfc and section go together",
        "410: standard name `Not Found` is also 404's",
        "acme reserves 555, which is not in the catalog",
        "acme reserves 404 but gives it no meaning",
    ] {
        assert!(
            problems.contains(expected),
            "expected `{expected}` among:\n{problems}"
        );
    }
}

#[test]
fn every_registered_and_seed_code_is_present() {
    let expected: BTreeSet<u16> = iana_codes()
        .union(&unregistered_seed_codes())
        .copied()
        .collect();
    let present: BTreeSet<u16> = catalog().codes().iter().map(|c| c.code).collect();
    let missing: Vec<&u16> = expected.difference(&present).collect();
    assert!(missing.is_empty(), "missing from the catalog: {missing:?}");
    for number in &expected {
        assert_eq!(code(*number).code, *number, "lookup by number");
    }
}

/// The IANA meaning is what marks a code as registered, so it must sit on exactly the registry's
/// codes: a vendor code with one would be reported as standard.
#[test]
fn exactly_the_registry_codes_carry_an_iana_meaning() {
    let with_iana: BTreeSet<u16> = catalog()
        .codes()
        .iter()
        .filter(|c| c.iana().is_some())
        .map(|c| c.code)
        .collect();
    assert_eq!(with_iana, iana_codes());
    for number in unregistered_seed_codes() {
        let standings: Vec<Standing> = code(number).meanings.iter().map(|m| m.standing).collect();
        assert!(
            !standings.contains(&Standing::Standard),
            "{number} is not registered but has a standard meaning"
        );
    }
}

#[test]
fn lookup_of_unknown_or_impossible_numbers_is_none() {
    for number in [0, 99, 299, 427, 600, 999, 42_000, u32::MAX] {
        assert!(
            catalog().get(number).is_none(),
            "{number} should be unknown"
        );
    }
}

#[test]
fn codes_with_several_meanings_keep_one_per_platform() {
    let cases: &[(u16, &[(&str, &str)])] = &[
        (
            530,
            &[
                ("cloudflare", "Origin DNS Error"),
                ("edgio", "Internal Edgio Error"),
                ("pantheon", "Site is frozen"),
            ],
        ),
        (
            499,
            &[
                ("nginx", "Client Closed Request"),
                ("esri", "Token Required"),
            ],
        ),
        (
            420,
            &[
                ("twitter", "Enhance Your Calm"),
                ("spring", "Method Failure"),
            ],
        ),
        (
            451,
            &[
                ("iana", "Unavailable For Legal Reasons"),
                ("iis", "Redirect"),
            ],
        ),
    ];
    for (number, meanings) in cases {
        let mut platforms = platforms_of(*number);
        platforms.sort_unstable();
        let mut expected: Vec<&str> = meanings.iter().map(|(p, _)| *p).collect();
        expected.sort_unstable();
        assert_eq!(platforms, expected, "platforms of {number}");
        for (platform, phrase) in *meanings {
            assert_eq!(
                meaning_on(*number, platform).phrase,
                *phrase,
                "{number} on {platform}"
            );
        }
    }
}

/// Edgio rewrote these codes between the Layer0 page and today's; code in the wild follows either.
const EDGIO_REDEFINED: [u16; 7] = [531, 533, 534, 536, 537, 538, 540];

#[test]
fn edgio_keeps_both_editions_where_they_differ() {
    for number in EDGIO_REDEFINED {
        let editions: Vec<Option<Edition>> = code(number)
            .meanings
            .iter()
            .filter(|m| m.platform == "edgio")
            .map(|m| m.edition)
            .collect();
        assert_eq!(editions.len(), 2, "{number}: two Edgio meanings");
        let current = editions
            .iter()
            .filter(|e| **e == Some(Edition::Current))
            .count();
        let legacy = editions
            .iter()
            .filter(|e| **e == Some(Edition::Legacy))
            .count();
        assert_eq!(
            (current, legacy),
            (1, 1),
            "{number}: one current, one legacy"
        );
    }
    let edition = |number: u16, edition: Edition| {
        code(number)
            .meanings
            .iter()
            .find(|m| m.platform == "edgio" && m.edition == Some(edition))
            .map(|m| m.phrase.as_str())
    };
    assert_eq!(
        edition(531, Edition::Current),
        Some("Project Upstream Connection Error")
    );
    assert_eq!(
        edition(531, Edition::Legacy),
        Some("Project Upstream Timeout")
    );
    assert_eq!(edition(540, Edition::Current), Some("Out of Memory"));
}

/// Whoever reads an Edgio code needs one answer to "what does it mean today": exactly one
/// meaning that is current or edition-less, and never two meanings of the same edition.
#[test]
fn every_edgio_code_has_one_current_reading() {
    for number in 530..=548u16 {
        let edgio: Vec<&Meaning> = code(number)
            .meanings
            .iter()
            .filter(|m| m.platform == "edgio")
            .collect();
        let today = edgio
            .iter()
            .filter(|m| m.edition != Some(Edition::Legacy))
            .count();
        assert_eq!(today, 1, "{number}: meanings valid today");
        let editions: HashSet<Option<Edition>> = edgio.iter().map(|m| m.edition).collect();
        assert_eq!(editions.len(), edgio.len(), "{number}: repeated edition");
        if !EDGIO_REDEFINED.contains(&number) {
            assert!(
                edgio.iter().all(|m| m.edition != Some(Edition::Legacy)),
                "{number}: the editions agree, so no legacy meaning is needed"
            );
        }
    }
}

fn reserving(number: u16) -> Vec<&'static str> {
    catalog()
        .reserved_by(number)
        .map(|p| p.id.as_str())
        .collect()
}

#[test]
fn platform_reservations_are_queryable() {
    let cases: Vec<(&str, Vec<u16>)> = vec![
        ("edgio", (530..=548).collect()),
        ("cloudflare", (520..=527).chain([530]).collect()),
        ("aws-elb", vec![460, 463, 464, 561]),
        // 498 belongs to Esri (Invalid Token), not nginx: nginx itself never sends it.
        ("nginx", vec![444, 494, 495, 496, 497, 499]),
        ("iis", vec![440, 449, 450, 451]),
        ("pantheon", vec![530]),
    ];
    for (platform, codes) in &cases {
        for number in codes {
            assert!(
                reserving(*number).contains(platform),
                "{number} should be reserved by {platform}, is by {:?}",
                reserving(*number)
            );
        }
        let declared = &catalog()
            .platform(platform)
            .unwrap_or_else(|| panic!("{platform} is not declared"))
            .reserves;
        let mut declared: Vec<u16> = declared.clone();
        declared.sort_unstable();
        assert_eq!(&declared, codes, "everything {platform} reserves");
    }
    let mut on_530 = reserving(530);
    on_530.sort_unstable();
    assert_eq!(on_530, ["cloudflare", "edgio", "pantheon"]);
    for free in [200, 404, 429, 498, 502, 504] {
        assert!(
            reserving(free).is_empty(),
            "{free} is reserved by {:?}",
            reserving(free)
        );
    }
}

#[test]
fn other_names_are_kept_as_aliases() {
    let cases: &[(u16, &str, &[&str])] = &[
        (
            413,
            "Content Too Large",
            &["Payload Too Large", "Request Entity Too Large"],
        ),
        (422, "Unprocessable Content", &["Unprocessable Entity"]),
        (302, "Found", &["Moved Temporarily"]),
        (414, "URI Too Long", &["Request-URI Too Long"]),
        (
            416,
            "Range Not Satisfiable",
            &["Requested Range Not Satisfiable"],
        ),
    ];
    for (number, phrase, aliases) in cases {
        let iana = code(*number).iana().expect("registered");
        assert_eq!(iana.phrase, *phrase, "{number}'s canonical phrase");
        for alias in *aliases {
            assert!(
                iana.aliases.iter().any(|a| a == alias),
                "{number} should be known as {alias}, has {:?}",
                iana.aliases
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Against the seed documents themselves. CI checks them out beside the clone; a checkout without
// them skips these tests with a note rather than failing.

fn seed_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds"))
}

/// The seed documents as (file name, text), or `None` (with a note) when they are not checked out.
fn seeds() -> Option<Vec<(String, String)>> {
    let dir = seed_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "note: {} is missing; skipping the seed checks",
            dir.display()
        );
        return None;
    };
    let mut docs: Vec<(String, String)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let text = std::fs::read_to_string(&p)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            (file_name(&p), text)
        })
        .collect();
    docs.sort();
    assert!(
        !docs.is_empty(),
        "{} holds no seed documents",
        dir.display()
    );
    Some(docs)
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

fn seed<'a>(docs: &'a [(String, String)], prefix: &str) -> &'a str {
    docs.iter()
        .find(|(name, _)| name.starts_with(prefix))
        .map(|(_, text)| text.as_str())
        .unwrap_or_else(|| panic!("no seed document {prefix}_*.txt"))
}

/// Markup removed, so that `<a href="...">POST</a> request` reads as `POST request`.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for ch in text.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out
}

/// Numbers in the seeds that are not status codes.
const NOT_STATUS_CODES: [(u16, &str); 2] = [
    (123, "an example user id in the long-form guide"),
    (443, "the HTTPS port, in troubleshooting steps"),
];

/// Every standalone three-digit number from 100 to 599 in the text. Parts of dotted numbers
/// (`192.0.2.45`), of words (`x509`) and of ranges (`100-199`, a class's bounds) do not count.
fn numbers_mentioned(text: &str) -> BTreeSet<u16> {
    strip_tags(text)
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
        .map(|token| token.trim_matches(['.', '-']))
        .filter(|token| token.len() == 3 && token.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|token| token.parse().ok())
        .filter(|n| (100..=599).contains(n))
        .collect()
}

#[test]
fn every_code_the_seeds_mention_is_in_the_catalog() {
    let Some(docs) = seeds() else { return };
    let mut all = BTreeSet::new();
    for (name, text) in &docs {
        let mentioned = numbers_mentioned(text);
        let missing: Vec<u16> = mentioned
            .iter()
            .copied()
            .filter(|n| catalog().get(*n as u32).is_none())
            .filter(|n| !NOT_STATUS_CODES.iter().any(|(x, _)| x == n))
            .collect();
        assert!(
            missing.is_empty(),
            "{name} mentions codes the catalog lacks: {missing:?}"
        );
        all.extend(mentioned);
    }
    // The scan must really see the documents: the hand-written sets above all appear in them.
    for number in iana_codes().iter().chain(&unregistered_seed_codes()) {
        assert!(all.contains(number), "no seed mentions {number}");
    }
}

/// Does any meaning of `number` go by `name`, ignoring case and punctuation?
fn has_name(number: u16, name: &str, edition: Option<Edition>) -> bool {
    let wanted = normalize(name);
    catalog().get(number as u32).is_some_and(|code| {
        code.meanings
            .iter()
            .filter(|m| edition.is_none() || m.edition.is_none() || m.edition == edition)
            .any(|m| m.names().any(|n| normalize(n) == wanted))
    })
}

/// Each Edgio table row (`| 531 | Project Upstream Timeout | ...`) names its code as the matching
/// edition of the catalog does; the older page's product was Layer0.
#[test]
fn edgio_names_match_both_editions_of_the_page() {
    let Some(docs) = seeds() else { return };
    for (prefix, product, edition) in [
        ("000", "Layer0", Edition::Legacy),
        ("001", "Edgio", Edition::Current),
    ] {
        let text = seed(&docs, prefix).replace("{{ PRODUCT_NAME }}", product);
        let mut rows = 0;
        for line in text.lines() {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let [_, number, name, ..] = cells.as_slice() else {
                continue;
            };
            let number = strip_tags(number);
            let Ok(number) = number.trim().parse::<u16>() else {
                continue;
            };
            if !(530..=548).contains(&number) {
                continue;
            }
            rows += 1;
            assert!(
                has_name(number, name, Some(edition)),
                "{prefix}: {number} `{name}` is not a {edition:?} Edgio name in the catalog"
            );
        }
        assert!(rows >= 13, "{prefix}: only {rows} Edgio rows found");
    }
}

/// The structured reference (002) and the list (003) name every code they define; the catalog
/// knows each of those names.
#[test]
fn seed_phrases_are_catalog_names() {
    let Some(docs) = seeds() else { return };
    let mut checked = 0;
    let reference: Vec<&str> = seed(&docs, "002").lines().map(str::trim).collect();
    for (i, line) in reference.iter().enumerate() {
        let Ok(number) = line.parse::<u16>() else {
            continue;
        };
        if line.len() != 3 {
            continue;
        }
        let phrase = reference[i + 1..]
            .iter()
            .find(|l| !l.is_empty())
            .expect("a phrase follows each code");
        assert!(
            has_name(number, phrase, None),
            "002: {number} `{phrase}` is not a catalog name"
        );
        checked += 1;
    }
    let list = seed(&docs, "003");
    for entry in list.split("<dt>").skip(1) {
        let title = strip_tags(entry.split("</dt>").next().unwrap_or(""));
        let title = title.trim();
        let Some((number, rest)) = title.split_once(' ') else {
            continue;
        };
        let Ok(number) = number.parse::<u16>() else {
            continue;
        };
        // "420 Method Failure (Spring Framework)": the parentheses name the vendor, not the code.
        let phrase = without_parentheses(rest);
        assert!(
            has_name(number, &phrase, None),
            "003: {number} `{phrase}` is not a catalog name"
        );
        checked += 1;
    }
    assert!(checked > 150, "only {checked} seed phrases found");
}

fn without_parentheses(text: &str) -> String {
    let mut depth = 0;
    let mut out = String::new();
    for ch in text.chars() {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Own words: no prose copied from the seeds.

const RUN: usize = 8;

/// Lowercase words with punctuation stripped; `don't` becomes `dont`.
fn words(text: &str) -> Vec<String> {
    text.chars()
        .filter(|c| *c != '\'' && *c != '’')
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Every run of `RUN` consecutive words in the seeds. Edgio's pages say `{{ PRODUCT_NAME }}` where
/// the catalog says Edgio or Layer0, so both readings are indexed.
fn seed_runs(docs: &[(String, String)]) -> HashSet<Vec<String>> {
    let mut runs = HashSet::new();
    for (_, text) in docs {
        let text = strip_tags(text);
        for product in ["Edgio", "Layer0"] {
            let words = words(&text.replace("{{ PRODUCT_NAME }}", product));
            runs.extend(words.windows(RUN).map(<[String]>::to_vec));
        }
    }
    runs
}

fn copied_run(text: &str, runs: &HashSet<Vec<String>>) -> Option<String> {
    words(text)
        .windows(RUN)
        .find(|w| runs.contains(*w))
        .map(|w| w.join(" "))
}

#[test]
fn no_catalog_sentence_is_copied_from_the_seeds() {
    let Some(docs) = seeds() else { return };
    let runs = seed_runs(&docs);
    // The detector itself must work: a sentence lifted from the Edgio page (with its
    // punctuation changed) is caught.
    let lifted = "Your project's serverless code has FAILED unexpectedly; use server logs!";
    assert!(
        copied_run(lifted, &runs).is_some(),
        "detector misses a copy"
    );

    let mut copies = Vec::new();
    for code in catalog().codes() {
        for m in &code.meanings {
            for (field, text) in [
                ("summary", &m.summary),
                ("description", &m.description),
                ("use_when", &m.use_when),
                ("avoid_when", &m.avoid_when),
            ] {
                if let Some(run) = copied_run(text, &runs) {
                    copies.push(format!("{} {} {field}: \"{run}\"", code.code, m.platform));
                }
            }
        }
    }
    assert!(
        copies.is_empty(),
        "rewrite these in our own words:\n{}",
        copies.join("\n")
    );
}
