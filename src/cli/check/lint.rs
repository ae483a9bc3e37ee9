//! One file, start to end: the cheap refusals first (size, binary, no site word, encoding,
//! minified), then the parse and rules, then `--fix`.

use super::minified;
use super::position::{LineIndex, Position};
use super::walk::Candidate;
use crate::analysis;
use crate::config::Config;
use crate::rules::Finding;
use crate::rules::apply as fix;
use crate::syntax::{Language, prefilter};

/// How many times `--fix` re-checks a file and applies what is newly fixable (fixes skipped for
/// overlapping an earlier one get their turn on the next pass).
const MAX_FIX_PASSES: usize = 8;

pub struct LintOptions {
    pub max_file_size: u64,
    /// Check minified and bundled JavaScript and TypeScript instead of skipping it.
    pub include_minified: bool,
    /// Parse every file that may hold a site whole, as the language server does, instead of only
    /// the code around its possible sites.
    pub whole_files: bool,
    pub fix: bool,
}

pub enum Outcome {
    Checked(Checked),
    Skipped(Skipped),
    Error(String),
}

pub struct Checked {
    pub shown: String,
    /// The text the findings refer to (after `--fix`); empty when there are no findings.
    pub source: String,
    pub findings: Vec<Finding>,
    pub fixed: Vec<Fixed>,
    /// False when the pre-filter ruled the file out without a parse.
    pub parsed: bool,
}

/// A fix `--fix` applied.
pub struct Fixed {
    pub position: Position,
    pub rule: &'static str,
    pub title: String,
}

pub struct Skipped {
    pub shown: String,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    TooLarge {
        size: u64,
        limit: u64,
    },
    Binary,
    /// Not UTF-8 from this 1-based line on.
    InvalidUtf8 {
        line: usize,
    },
    /// Minified or bundled JavaScript or TypeScript: the 1-based line of its longest line of
    /// minified code, and that line's length in bytes.
    Minified {
        line: usize,
        length: usize,
    },
    Unsupported,
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::TooLarge { size, limit } => write!(
                f,
                "{} is over the {} limit (--max-file-size)",
                human_size(*size),
                human_size(*limit)
            ),
            SkipReason::Binary => write!(f, "binary file (contains a NUL byte)"),
            SkipReason::InvalidUtf8 { line } => write!(f, "not valid UTF-8 (line {line})"),
            SkipReason::Minified { line, length } => write!(
                f,
                "minified or bundled (line {line} is {} long); --include-minified checks it",
                human_size(*length as u64)
            ),
            SkipReason::Unsupported => write!(f, "not a JavaScript, TypeScript or Rust file"),
        }
    }
}

pub fn human_size(bytes: u64) -> String {
    const UNITS: &[&str] = &["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let text = format!("{value:.1}");
    format!("{} {}", text.trim_end_matches(".0"), UNITS[unit])
}

thread_local! {
    /// Each checking thread reads every file into the same buffer: most files are read, searched
    /// and dropped, and a fresh allocation per file cost a page fault per 4 KiB of it.
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

pub fn lint(file: &Candidate, options: &LintOptions) -> Outcome {
    guarded(file, || lint_read(file, options))
}

/// Runs one file's check, turning a panic into an error for that file alone: the rest of the
/// tree is still checked, and the run fails (`EXIT_ERROR`) naming the file.
fn guarded(file: &Candidate, check: impl FnOnce() -> Outcome) -> Outcome {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(check)).unwrap_or_else(|panic| {
        Outcome::Error(format!(
            "{}: internal error, file not checked (please report it): {}",
            file.shown,
            crate::panic_text(&*panic)
        ))
    })
}

fn lint_read(file: &Candidate, options: &LintOptions) -> Outcome {
    BUFFER.with(|buffer| {
        let mut buffer = buffer.borrow_mut();
        buffer.clear();
        let outcome = lint_with(file, options, &mut buffer);
        // A large file's buffer is not kept for the next, mostly small, ones.
        if buffer.capacity() > 4 * 1024 * 1024 {
            *buffer = Vec::new();
        }
        outcome
    })
}

/// Checks `bytes` as the text of `file` (read from standard input: `check --stdin-filename`),
/// never writing the file; with `--fix` the fixed text is the outcome's `source`.
pub fn lint_text(file: &Candidate, options: &LintOptions, bytes: &[u8]) -> Outcome {
    guarded(file, || lint_given(file, options, bytes))
}

fn lint_given(file: &Candidate, options: &LintOptions, bytes: &[u8]) -> Outcome {
    let checked = nothing_yet(file);
    if Language::is_declaration_file(&file.path) {
        return Outcome::Checked(checked);
    }
    if bytes.len() as u64 > options.max_file_size {
        return Outcome::Skipped(Skipped {
            shown: file.shown.clone(),
            reason: SkipReason::TooLarge {
                size: bytes.len() as u64,
                limit: options.max_file_size,
            },
        });
    }
    check_bytes(file, options, bytes, checked, true)
}

/// Whether the project of `config` has an OpenAPI document, asked once per project: then files
/// that register routes are checked even with no site in them (`undeclared-status`).
fn openapi_configured(config: &Config) -> bool {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};
    type Key = (Option<std::path::PathBuf>, Option<std::path::PathBuf>);
    static KNOWN: LazyLock<Mutex<HashMap<Key, bool>>> = LazyLock::new(Default::default);
    if config.root.is_none() {
        return false;
    }
    let key = (config.root.clone(), config.openapi.clone());
    if let Some(known) = KNOWN.lock().ok().and_then(|k| k.get(&key).copied()) {
        return known;
    }
    let found = crate::routes::openapi::configured(config);
    if let Ok(mut known) = KNOWN.lock() {
        known.insert(key, found);
    }
    found
}

/// A file's outcome before anything is found in it.
fn nothing_yet(file: &Candidate) -> Checked {
    Checked {
        shown: file.shown.clone(),
        source: String::new(),
        findings: Vec::new(),
        fixed: Vec::new(),
        parsed: false,
    }
}

fn lint_with(file: &Candidate, options: &LintOptions, bytes: &mut Vec<u8>) -> Outcome {
    use std::io::Read;
    let checked = nothing_yet(file);
    // Types only: nothing in one runs, so nothing in one can send or compare a status.
    if Language::is_declaration_file(&file.path) {
        return Outcome::Checked(checked);
    }
    let skip = |reason| {
        Outcome::Skipped(Skipped {
            shown: file.shown.clone(),
            reason,
        })
    };
    let too_large = |size| SkipReason::TooLarge {
        size,
        limit: options.max_file_size,
    };
    let read = std::fs::File::open(&file.path).and_then(|opened| {
        let size = opened.metadata()?.len();
        if size > options.max_file_size {
            return Ok(Some(size));
        }
        // One byte over the limit is enough to tell that the file grew past it since.
        opened
            .take(options.max_file_size.saturating_add(1))
            .read_to_end(bytes)?;
        Ok(None)
    });
    match read {
        Ok(Some(size)) => return skip(too_large(size)),
        Ok(None) => {}
        Err(error) => return Outcome::Error(format!("{}: {error}", file.shown)),
    }
    if bytes.len() as u64 > options.max_file_size {
        return skip(too_large(bytes.len() as u64));
    }
    check_bytes(file, options, bytes, checked, false)
}

/// The checks after the read: binary, pre-filter, encoding, minified, the analysis and `--fix`.
/// `from_stdin` keeps the (fixed) text in the outcome instead of writing it to the file.
fn check_bytes(
    file: &Candidate,
    options: &LintOptions,
    bytes: &[u8],
    mut checked: Checked,
    from_stdin: bool,
) -> Outcome {
    let skip = |reason| {
        Outcome::Skipped(Skipped {
            shown: file.shown.clone(),
            reason,
        })
    };
    // Standard input's text goes back with the outcome (for `--fix`); a file's is not kept.
    let keep = |checked: Checked, bytes: &[u8]| {
        let mut checked = checked;
        if from_stdin {
            checked.source = String::from_utf8_lossy(bytes).into_owned();
        }
        Outcome::Checked(checked)
    };
    if memchr::memchr(0, bytes).is_some() {
        return skip(SkipReason::Binary);
    }
    // A file with no word a site needs has nothing to find, whatever its encoding and minified
    // or not: it is neither validated as UTF-8 nor read for minified lines, and not reported as
    // skipped. The words are ASCII, so the search needs no decoding. A bundle nearly always has
    // such a word, and is then skipped before the parse this is here to save.
    let declared_elsewhere = || {
        let config = file.settings.config.for_path(&file.path);
        let openapi = openapi_configured(&file.settings.config);
        let read = |s| crate::rules::routes_without_sites_read(&config, file.language, s);
        (openapi || read(None))
            && std::str::from_utf8(bytes).is_ok_and(|s| {
                (openapi || read(Some(s)))
                    && crate::routes::may_register(s, file.language, Some(&file.path))
            })
    };
    if !prefilter::may_contain_site(file.language, bytes) && !declared_elsewhere() {
        return keep(checked, bytes);
    }
    let source = match std::str::from_utf8(bytes) {
        Ok(source) => source,
        Err(error) => {
            let valid = error.valid_up_to();
            let line = memchr::memchr_iter(b'\n', &bytes[..valid]).count() + 1;
            return skip(SkipReason::InvalidUtf8 { line });
        }
    };
    if !options.include_minified
        && file.language != Language::Rust
        && let Some(long) = minified::minified(source.as_bytes())
    {
        return skip(SkipReason::Minified {
            line: long.line,
            length: long.length,
        });
    }
    let config = &Config {
        file: Some(file.path.clone()),
        ..file.settings.config.for_path(&file.path).into_owned()
    };
    let analyze = |text: &str| {
        if options.whole_files {
            if !prefilter::may_contain_site(file.language, text.as_bytes()) && !declared_elsewhere()
            {
                return Some((analysis::Analysis::default(), false));
            }
            analysis::prepare_queries(file.language);
            let config = analysis::with_dependencies(config, file.path.parent());
            analysis::analyze(text, file.language, &config).map(|a| (a, true))
        } else {
            analysis::analyze_skimmed_in(text, file.language, config, file.path.parent())
                .map(|s| (s.analysis, s.parsed != analysis::Parsed::Not))
        }
    };
    let Some((analysis, parsed)) = analyze(source) else {
        return Outcome::Error(format!("{}: could not be parsed", file.shown));
    };
    checked.parsed = parsed;
    checked.findings = analysis.findings;
    if options.fix {
        let mut text = source.to_string();
        for _ in 0..MAX_FIX_PASSES {
            let chosen = fix::choose(&text, &checked.findings);
            if chosen.is_empty() {
                break;
            }
            let index = LineIndex::new(&text);
            checked.fixed.extend(chosen.iter().map(|c| Fixed {
                position: index.position(c.finding.range.start),
                rule: c.finding.rule,
                title: c.fix.title.clone(),
            }));
            let next = fix::apply(&text, &chosen);
            let Some((analysis, _)) = analyze(&next) else {
                break;
            };
            text = next;
            checked.findings = analysis.findings;
        }
        if text != source
            && !from_stdin
            && let Err(error) = std::fs::write(&file.path, &text)
        {
            return Outcome::Error(format!("{}: could not write fixes: {error}", file.shown));
        }
        checked.source = text;
    } else if !checked.findings.is_empty() {
        checked.source = source.to_string();
    }
    if checked.findings.is_empty() && !from_stdin {
        checked.source = String::new();
    }
    if from_stdin && checked.source.is_empty() {
        checked.source = source.to_string();
    }
    Outcome::Checked(checked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_person_would_write_them() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(1024 * 1024), "1 MiB");
        assert_eq!(human_size(1536 * 1024), "1.5 MiB");
    }

    #[test]
    fn a_minified_skip_names_the_line_and_the_flag() {
        let reason = SkipReason::Minified {
            line: 3,
            length: 49_357,
        };
        assert_eq!(
            reason.to_string(),
            "minified or bundled (line 3 is 48.2 KiB long); --include-minified checks it"
        );
    }
}
