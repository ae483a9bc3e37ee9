//! The pre-filter must never rule out a file that has a status-code site: checked against the
//! queries themselves (every pattern tests a word some needle covers) and against every source
//! file in the fixtures and examples.

use statuslint::analysis::analyze;
use statuslint::cli::check::prefilter::{covers, may_contain_site};
use statuslint::config::Config;
use statuslint::syntax::Language;
use std::path::{Path, PathBuf};

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            source_files(&path, out);
        } else if Language::from_path(&path).is_some() {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_and_example_with_a_site_passes_the_filter() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    source_files(&root.join("tests/fixtures"), &mut files);
    source_files(&root.join("examples"), &mut files);
    let mut with_sites = 0;
    for path in &files {
        let Ok(source) = std::fs::read_to_string(path) else {
            continue;
        };
        let language = Language::from_path(path).unwrap();
        let analysis = analyze(&source, language, &Config::default()).expect("parses");
        if !analysis.sites.is_empty() {
            with_sites += 1;
            assert!(
                may_contain_site(language, source.as_bytes()),
                "{} has sites but the pre-filter rules it out",
                path.display()
            );
        }
    }
    assert!(
        with_sites >= 8,
        "only {with_sites} files with sites: is the walk broken?"
    );
}

/// The top-level patterns of a query file, comments and strings respected.
fn patterns(query: &str) -> Vec<String> {
    let mut patterns = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut chars = query.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ';' => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
                continue;
            }
            '"' => {
                current.push(c);
                while let Some(c) = chars.next() {
                    current.push(c);
                    match c {
                        '\\' => current.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
                continue;
            }
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        current.push(c);
        if depth == 0 && matches!(c, ')' | ']') {
            patterns.push(std::mem::take(&mut current));
        } else if depth == 0 && c.is_whitespace() {
            // Between patterns (captures such as `@status` after a pattern stay attached).
            if current.trim().is_empty() {
                current.clear();
            }
        }
    }
    patterns
}

/// Each text predicate of a pattern that requires words to be present, as its alternatives:
/// the strings of `#eq?`/`#any-of?`, the identifier runs of a `#match?` regex.
fn required_words(pattern: &str) -> Vec<Vec<String>> {
    let mut predicates = Vec::new();
    for (start, _) in pattern.match_indices("(#") {
        let rest = &pattern[start + 2..];
        let name: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
        let strings = predicate_strings(&rest[name.len()..]);
        let words = match name.as_str() {
            "eq?" | "any-of?" => strings,
            "match?" => strings
                .iter()
                .flat_map(|re| {
                    re.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .filter(|w| !w.is_empty())
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .collect(),
            _ => continue,
        };
        if !words.is_empty() {
            predicates.push(words);
        }
    }
    predicates
}

/// The string arguments of a predicate, up to its closing parenthesis outside any string.
fn predicate_strings(arguments: &str) -> Vec<String> {
    let mut strings = Vec::new();
    let mut chars = arguments.chars();
    while let Some(c) = chars.next() {
        match c {
            ')' => break,
            '"' => {
                let mut text = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => text.extend(chars.next()),
                        '"' => break,
                        c => text.push(c),
                    }
                }
                strings.push(text);
            }
            _ => {}
        }
    }
    strings
}

#[test]
fn every_sites_pattern_requires_a_word_the_filter_looks_for() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut checked = 0;
    for language in std::fs::read_dir(&root).unwrap().flatten() {
        let name = language.file_name().to_string_lossy().into_owned();
        let language = Language::from_language_id(&name)
            .unwrap_or_else(|| panic!("queries/{name} is not a language id"));
        let file = root.join(&name).join("sites.scm");
        let Ok(query) = std::fs::read_to_string(&file) else {
            continue;
        };
        for pattern in patterns(&query) {
            checked += 1;
            let predicates = required_words(&pattern);
            let covered = predicates
                .iter()
                .any(|words| words.iter().all(|w| covers(language, w)));
            assert!(
                covered,
                "{}: this pattern can match a file that contains none of the pre-filter's \
                 needles (src/cli/check/prefilter.rs); add a needle for one of {predicates:?}:\n{pattern}",
                file.display()
            );
        }
    }
    assert!(
        checked >= 10,
        "only {checked} patterns found: is the query parser broken?"
    );
}

#[test]
fn the_query_reader_finds_patterns_and_their_words() {
    let query = r#"
; a comment with (parens
((identifier) @a (#any-of? @a "json" "text") (#set! kind "set"))
(call function: (identifier) @f (#match? @f "^(createError|httpErrors)$") (#eq? @f "x\"y"))
(number) @n
"#;
    let found = patterns(query);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(
        required_words(&found[0]),
        [vec!["json".to_string(), "text".to_string()]]
    );
    assert_eq!(
        required_words(&found[1]),
        [
            vec!["createError".to_string(), "httpErrors".to_string()],
            vec!["x\"y".to_string()],
        ]
    );
    // A pattern with no word at all cannot be covered: the test above would fail on it.
    assert!(required_words(&found[2]).is_empty());
    assert!(covers(Language::JavaScript, "writeHead"));
    assert!(covers(Language::Rust, "StatusCode"));
    assert!(!covers(Language::Rust, "writeHead"));
    assert!(!covers(Language::JavaScript, "location"));
}
