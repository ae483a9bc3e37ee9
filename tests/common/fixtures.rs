//! Annotated fixture files: one file per language drives both the site-detection test (the
//! library's `find_sites`) and the hover test (the server over JSON-RPC), so the two cannot drift.
//!
//! A line that holds sites ends with `// site:` (`# site:` in Python) and one `<text> <code> <kind>` per site,
//! separated by `;`: `res.status(404); // site: 404 404 set`. `<text>` is the site's exact source
//! (`StatusCode::NOT_FOUND`), with `#n` appended to pick its n-th occurrence on the line when it
//! occurs more than once. A line without `site:` must hold no site at all.

use statuslint::syntax::{Language, parse};
use std::ops::Range;
use std::path::Path;

pub const MARKER: &str = "// site:";
/// Python's comment: `# site:`.
pub const HASH_MARKER: &str = "# site:";

/// Where a line's `site:` annotation starts, and the marker's length.
fn marker(line: &str) -> Option<(usize, usize)> {
    line.find(MARKER)
        .map(|at| (at, MARKER.len()))
        .or_else(|| line.find(HASH_MARKER).map(|at| (at, HASH_MARKER.len())))
}

/// The site fixtures, one or more per language, relative to `tests/fixtures/`.
pub const SITE_FIXTURES: &[&str] = &[
    "javascript/sites.js",
    "javascript/precision.js",
    "jsx/sites.jsx",
    "typescript/sites.ts",
    "typescript/nest.ts",
    "tsx/sites.tsx",
    "rust/sites.rs",
    "rust/rocket.rs",
    "rust/precision.rs",
    "python/sites.py",
    "go/sites.go",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// Zero-based line.
    pub line: usize,
    pub text: String,
    pub code: u32,
    /// `set`, `redirect`, `compare`, `bound` or `constant`, as `SiteKind` serialises.
    pub kind: String,
    pub bytes: Range<usize>,
}

pub struct Fixture {
    pub name: String,
    pub language: Language,
    pub text: String,
    pub expected: Vec<Expected>,
}

impl Fixture {
    pub fn load(name: &str) -> Fixture {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let language = Language::from_path(&path)
            .unwrap_or_else(|| panic!("{name}: no language for this extension"));
        let expected = parse_annotations(name, &text);
        Fixture {
            name: name.to_string(),
            language,
            text,
            expected,
        }
    }

    /// A URI an editor might send for this file.
    pub fn uri(&self) -> String {
        format!("file:///fixtures/{}", self.name)
    }

    /// The LSP `languageId` an editor sends for this file.
    pub fn language_id(&self) -> &'static str {
        self.language.name()
    }

    /// The fixture's own language, then every other language of its grammar family in which it
    /// also parses cleanly: plain JavaScript is valid TypeScript and TSX too, and the same code
    /// must yield the same sites whichever grammar reads it.
    pub fn languages(&self) -> Vec<Language> {
        let family: &[Language] = match self.language {
            Language::Rust | Language::Python | Language::Go => &[self.language],
            _ => &[
                Language::JavaScript,
                Language::Jsx,
                Language::TypeScript,
                Language::Tsx,
            ],
        };
        let mut languages = vec![self.language];
        languages.extend(family.iter().copied().filter(|&language| {
            language != self.language
                && parse(&self.text, language, None).is_some_and(|t| !t.root_node().has_error())
        }));
        languages
    }

    /// Every number written in the code (not comments) of a line without a `site:` annotation:
    /// the places where a hover must find nothing.
    pub fn bare_numbers(&self) -> Vec<Range<usize>> {
        let mut numbers = Vec::new();
        let mut line_start = 0;
        for line in self.text.split_inclusive('\n') {
            if marker(line).is_none() {
                let code = &line[..comment_start(line)];
                let bytes = code.as_bytes();
                let mut i = 0;
                while i < bytes.len() {
                    let starts_number = bytes[i].is_ascii_digit()
                        && (i == 0
                            || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'));
                    if starts_number {
                        let end = (i..bytes.len())
                            .find(|&j| !bytes[j].is_ascii_alphanumeric() && bytes[j] != b'_')
                            .unwrap_or(bytes.len());
                        numbers.push(line_start + i..line_start + end);
                        i = end;
                    } else {
                        i += 1;
                    }
                }
            }
            line_start += line.len();
        }
        numbers
    }
}

/// Where a `//` or `#` comment starts on a line (not counting `://` in URLs), or the line's
/// length.
fn comment_start(line: &str) -> usize {
    if let Some(at) = line.find("# ") {
        return at;
    }
    let mut from = 0;
    while let Some(i) = line[from..].find("//") {
        let at = from + i;
        if at == 0 || line.as_bytes()[at - 1] != b':' {
            return at;
        }
        from = at + 2;
    }
    line.len()
}

fn parse_annotations(name: &str, text: &str) -> Vec<Expected> {
    let mut expected = Vec::new();
    let mut line_start = 0;
    for (number, line) in text.split_inclusive('\n').enumerate() {
        if let Some((at, length)) = marker(line) {
            let code_part = &line[..at];
            for item in line[at + length..].split(';') {
                let words: Vec<&str> = item.split_whitespace().collect();
                let [site, code, kind] = words[..] else {
                    panic!(
                        "{name}:{}: expected `<text> <code> <kind>`, got {item:?}",
                        number + 1
                    );
                };
                let (site, nth) = match site.rsplit_once('#') {
                    Some((site, n)) => (site, n.parse::<usize>().expect("#n is a number")),
                    None => (site, 1),
                };
                let column = code_part
                    .match_indices(site)
                    .nth(nth - 1)
                    .unwrap_or_else(|| {
                        panic!(
                            "{name}:{}: {site:?} (#{nth}) is not on the line",
                            number + 1
                        )
                    })
                    .0;
                expected.push(Expected {
                    line: number,
                    text: site.to_string(),
                    code: code.parse().expect("the code is a number"),
                    kind: kind.to_string(),
                    bytes: line_start + column..line_start + column + site.len(),
                });
            }
        }
        line_start += line.len();
    }
    expected
}

/// Every JavaScript, TypeScript and Rust file under `tests/fixtures/` and `examples/`, with its
/// language and text, in path order: what the differential tests compare on.
pub fn every_source_file() -> Vec<(std::path::PathBuf, Language, String)> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if Language::from_path(&path).is_some() {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    walk(&root.join("tests/fixtures"), &mut paths);
    walk(&root.join("examples"), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let language = Language::from_path(&path)?;
            let text = std::fs::read_to_string(&path).ok()?;
            Some((path, language, text))
        })
        .collect()
}
