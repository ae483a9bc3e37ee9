//! `statuslint check`: the linter for CI and pre-commit. Walks the paths in parallel, skips
//! minified bundles, rules out most files with a byte search, runs the same analysis as the
//! language server on the rest (largest files first, so that no core is left waiting on a big
//! file at the end), optionally applies fixes, and prints the findings in one of four formats.
//!
//! Exit codes: 0 when nothing at or above `--fail-on` was found, 1 when something was, 2 on a
//! usage, configuration or I/O error (findings are still printed for the files that were read).

mod lint;
pub(crate) mod minified;
mod output;
pub(crate) mod paths;
pub mod position;
mod progress;
pub(crate) mod settings;
pub(crate) mod walk;

pub use output::Format;

use crate::rules::Severity;
use anstyle::{AnsiColor, Style};
use lint::{LintOptions, Outcome, SkipReason, Skipped};
use output::{FileFindings, Report};
use settings::{Overrides, Resolver};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;
use walk::{WalkOptions, Walked};

pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files and directories to check [default: .]
    pub paths: Vec<PathBuf>,
    /// How findings are printed.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Apply the preferred fix of each finding to the files, then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value = "warning", value_name = "SEVERITY")]
    pub fail_on: FailOn,
    /// Use this config file for every path instead of the nearest statuslint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Run only these rules (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Do not run these rules (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Only this platform's reserved codes apply (repeatable); overrides `platforms` in the config.
    #[arg(long = "platform", value_delimiter = ',', value_name = "ID")]
    pub platforms: Vec<String>,
    /// Skip paths matching this gitignore-style glob, relative to the working directory (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Skip (and report) files larger than this: bytes, or with a unit (512KiB, 2MiB, 1MB).
    #[arg(long, default_value = "1MiB", value_parser = parse_size, value_name = "SIZE")]
    pub max_file_size: u64,
    /// Check minified and bundled JavaScript and TypeScript instead of skipping them.
    #[arg(long)]
    pub include_minified: bool,
    /// Parse each file whole, as the language server does, instead of leaving out the function
    /// bodies that cannot hold a finding: slower, with the same findings.
    #[arg(long)]
    pub whole_files: bool,
    /// Also check hidden files and directories.
    #[arg(long)]
    pub hidden: bool,
    /// Do not respect .gitignore, .ignore and git excludes, and walk into node_modules.
    #[arg(long)]
    pub no_ignore: bool,
    /// Worker threads [default: one per core].
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Print findings only: no progress bar, skipped-file notes or summary on stderr.
    #[arg(long, short)]
    pub quiet: bool,

    /// Check the text on standard input as the file at this path (its language, its
    /// statuslint.toml, its name in the output), as editor plugins call a linter; with --fix,
    /// print the fixed text on stdout and the findings left on stderr
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
    /// Exit 0 whatever is found (errors running the check still exit 2).
    Never,
}

impl FailOn {
    fn fails(self, severity: Severity) -> bool {
        let threshold = match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
            FailOn::Hint => Severity::Hint,
            FailOn::Never => return false,
        };
        severity >= threshold
    }
}

/// The outcome of checking standard input as the file `name`.
fn stdin_outcome(
    name: &std::path::Path,
    cwd: &std::path::Path,
    resolver: &Resolver,
    options: &LintOptions,
) -> Result<(Outcome, String), String> {
    use std::io::Read;
    let language = crate::syntax::Language::from_path(name).ok_or_else(|| {
        format!(
            "--stdin-filename {}: not a JavaScript, TypeScript or Rust file name",
            name.display()
        )
    })?;
    let path = paths::absolute(cwd, name);
    let dir = path.parent().unwrap_or(cwd);
    let settings = resolver.for_dir(dir).ok_or_else(|| {
        resolver
            .failure()
            .unwrap_or_else(|| "no settings".to_string())
    })?;
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    let candidate = walk::Candidate {
        path,
        shown: name.display().to_string(),
        language,
        settings,
    };
    let outcome = lint::lint_text(&candidate, options, &bytes);
    Ok((outcome, String::from_utf8_lossy(&bytes).into_owned()))
}

/// `512`, `512B`, `64KiB`, `64K`, `2MiB`, `2M`, `1MB`, `1GiB`: sizes use powers of 1024
/// whichever way the unit is spelled.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size (try 1048576, 512KiB or 2MiB)"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        other => return Err(format!("unknown size unit `{other}` (use KiB, MiB or GiB)")),
    };
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))
}

/// Runs `check` and returns the process exit code.
pub fn run(args: Args) -> u8 {
    let started = Instant::now();
    let mut err = anstream::stderr();
    let fail = |err: &mut anstream::Stderr, message: &str| {
        let _ = writeln!(err, "{}", error_line(message));
        EXIT_ERROR
    };
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => return fail(&mut err, &format!("cannot read the working directory: {e}")),
    };
    let overrides = Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        platforms: args.platforms.clone(),
    };
    if let Err(message) = overrides.validate() {
        return fail(&mut err, &message);
    }
    let excludes = match crate::config::globs(&cwd, &args.exclude) {
        Ok(globs) => globs,
        Err((pattern, message)) => {
            return fail(
                &mut err,
                &format!("invalid --exclude `{pattern}`: {message}"),
            );
        }
    };
    let resolver = match Resolver::new(&cwd, args.config.as_deref(), overrides) {
        Ok(resolver) => resolver,
        Err(message) => return fail(&mut err, &message),
    };
    let threads = args
        .threads
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    // The walk's threads check the files; rayon's compile the queries beside them (see
    // `analysis::prepare_queries`). Built once per process: a second build keeps the first pool.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global();
    let roots = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let walk_options = WalkOptions {
        hidden: args.hidden,
        no_ignore: args.no_ignore,
        threads,
        excludes,
    };
    let lint_options = LintOptions {
        max_file_size: args.max_file_size,
        include_minified: args.include_minified,
        whole_files: args.whole_files,
        fix: args.fix,
    };
    let progress = progress::Progress::new(
        !args.quiet && args.stdin_filename.is_none() && io::stderr().is_terminal(),
    );
    // Each file is checked on the walk's thread that found it, while the walk goes on.
    let outcomes: Mutex<Vec<Outcome>> = Mutex::new(Vec::new());
    // With --fix, what goes back on stdout: the fixed text, or the input as it came.
    let mut stdin_text: Option<String> = None;
    if let Some(name) = &args.stdin_filename {
        match stdin_outcome(name, &cwd, &resolver, &lint_options) {
            Ok((outcome, input)) => {
                stdin_text = Some(match &outcome {
                    Outcome::Checked(file) => file.source.clone(),
                    _ => input,
                });
                locked(&outcomes).push(outcome);
            }
            Err(message) => return fail(&mut err, &message),
        }
    }
    let roots = if args.stdin_filename.is_some() {
        Vec::new()
    } else {
        roots
    };
    walk::walk(&roots, &cwd, &walk_options, &resolver, &|walked| {
        let outcome = match walked {
            Walked::File(candidate) => {
                let outcome = lint::lint(&candidate, &lint_options);
                progress.tick();
                outcome
            }
            Walked::Unsupported(shown) => Outcome::Skipped(Skipped {
                shown,
                reason: SkipReason::Unsupported,
            }),
            Walked::Error(message) => Outcome::Error(message),
        };
        locked(&outcomes).push(outcome);
    });
    progress.finish();
    if let Some(message) = resolver.failure() {
        return fail(&mut err, &message);
    }
    let mut skipped = Vec::new();
    let mut errors = Vec::new();
    // In path order, which the output relies on.
    let mut outcomes = outcomes.into_inner().unwrap_or_else(|e| e.into_inner());
    outcomes.sort_by(|a, b| outcome_key(a).cmp(outcome_key(b)));

    let mut files = Vec::new();
    let mut fixed = Vec::new();
    let mut checked = 0;
    for outcome in outcomes {
        match outcome {
            Outcome::Checked(file) => {
                checked += 1;
                fixed.extend(file.fixed.iter().map(|f| {
                    format!(
                        "{}:{}:{}: {}: {}",
                        file.shown, f.position.line, f.position.column, f.rule, f.title
                    )
                }));
                if !file.findings.is_empty() {
                    files.push(FileFindings {
                        shown: file.shown,
                        source: file.source,
                        findings: file.findings,
                    });
                }
            }
            Outcome::Skipped(skip) => skipped.push(skip),
            Outcome::Error(message) => errors.push(message),
        }
    }
    skipped.sort_by(|a, b| a.shown.cmp(&b.shown));

    let report = Report {
        files: &files,
        skipped: &skipped,
        errors: &errors,
    };
    let written = if let (true, Some(text)) = (args.fix, &stdin_text) {
        // An editor replaces the buffer with stdout: the text only, the findings on stderr.
        let mut out = io::stdout().lock();
        let text = out.write_all(text.as_bytes()).and_then(|()| out.flush());
        if !args.quiet {
            let mut report_out = io::BufWriter::new(anstream::stderr().lock());
            let _ = output::write(Format::Human, &report, &mut report_out)
                .and_then(|()| report_out.flush());
        }
        text
    } else if args.format == Format::Human {
        let mut out = io::BufWriter::new(anstream::stdout().lock());
        output::write(args.format, &report, &mut out).and_then(|()| out.flush())
    } else {
        let mut out = io::BufWriter::new(io::stdout().lock());
        output::write(args.format, &report, &mut out).and_then(|()| out.flush())
    };
    if let Err(e) = written
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        errors.push(format!("cannot write the output: {e}"));
    }

    let findings = || files.iter().flat_map(|f| &f.findings);
    let _ = write_notes(&mut err, &args, &fixed, &skipped, &errors);
    if !args.quiet {
        let summary = Summary {
            checked,
            skipped: skipped.len(),
            fixed: fixed.len(),
            fixable: if args.fix {
                0
            } else {
                findings()
                    .filter(|f| f.fixes.iter().any(|x| x.preferred))
                    .count()
            },
            counts: count(findings().map(|f| f.severity)),
            seconds: started.elapsed().as_secs_f64(),
        };
        let _ = writeln!(err, "{summary}");
    }
    if !errors.is_empty() {
        EXIT_ERROR
    } else if findings().any(|f| args.fail_on.fails(f.severity)) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// A poisoned lock (a panic while checking a file) still holds every result pushed before it.
fn locked<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

fn outcome_key(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Checked(file) => &file.shown,
        Outcome::Skipped(skip) => &skip.shown,
        Outcome::Error(message) => message,
    }
}

fn error_line(message: &str) -> String {
    let style = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    format!("{style}error{style:#}: {message}")
}

fn write_notes(
    err: &mut anstream::Stderr,
    args: &Args,
    fixed: &[String],
    skipped: &[Skipped],
    errors: &[String],
) -> io::Result<()> {
    let label = |color: AnsiColor, text: &str| {
        let style = Style::new().fg_color(Some(color.into())).bold();
        format!("{style}{text}{style:#}")
    };
    for line in fixed {
        writeln!(err, "{}: {line}", label(AnsiColor::Green, "fixed"))?;
    }
    if !args.quiet {
        for skip in skipped {
            writeln!(
                err,
                "{}: skipped {}: {}",
                label(AnsiColor::Yellow, "warning"),
                skip.shown,
                skip.reason
            )?;
        }
    }
    for message in errors {
        writeln!(err, "{}", error_line(message))?;
    }
    Ok(())
}

/// Findings per severity, most severe first.
fn count(severities: impl Iterator<Item = Severity>) -> [usize; 4] {
    let mut counts = [0; 4];
    for severity in severities {
        let slot = match severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
            Severity::Hint => 3,
        };
        counts[slot] += 1;
    }
    counts
}

/// The last line on stderr: `checked 12 files in 0.04s: 1 error, 3 warnings (2 skipped)`.
struct Summary {
    checked: usize,
    skipped: usize,
    fixed: usize,
    fixable: usize,
    counts: [usize; 4],
    seconds: f64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let [errors, warnings, infos, hints] = self.counts;
        let mut parts: Vec<String> = Vec::new();
        if errors > 0 {
            parts.push(plural(errors, "error", "errors"));
        }
        if warnings > 0 {
            parts.push(plural(warnings, "warning", "warnings"));
        }
        if infos > 0 {
            parts.push(format!("{infos} info"));
        }
        if hints > 0 {
            parts.push(plural(hints, "hint", "hints"));
        }
        let found = if parts.is_empty() {
            "no findings".to_string()
        } else {
            parts.join(", ")
        };
        write!(
            f,
            "checked {} in {:.2}s: {found}",
            plural(self.checked, "file", "files"),
            self.seconds
        )?;
        let mut extra = Vec::new();
        if self.fixed > 0 {
            extra.push(format!("{} applied", plural(self.fixed, "fix", "fixes")));
        }
        if self.fixable > 0 {
            extra.push(format!("{} fixable with --fix", self.fixable));
        }
        if self.skipped > 0 {
            extra.push(format!("{} skipped", plural(self.skipped, "file", "files")));
        }
        if !extra.is_empty() {
            write!(f, " ({})", extra.join(", "))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_or_without_a_unit() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("1MiB"), Ok(1 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("2 MB"), Ok(2 << 20));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("3 parsecs").is_err());
        assert!(parse_size("99999999999999GiB").is_err());
    }

    #[test]
    fn fail_on_is_a_threshold() {
        assert!(FailOn::Warning.fails(Severity::Error));
        assert!(FailOn::Warning.fails(Severity::Warning));
        assert!(!FailOn::Warning.fails(Severity::Info));
        assert!(FailOn::Hint.fails(Severity::Hint));
        assert!(!FailOn::Never.fails(Severity::Error));
    }

    #[test]
    fn the_summary_counts_what_was_found() {
        let summary = Summary {
            checked: 1,
            skipped: 2,
            fixed: 0,
            fixable: 1,
            counts: [1, 2, 3, 0],
            seconds: 0.5,
        };
        assert_eq!(
            summary.to_string(),
            "checked 1 file in 0.50s: 1 error, 2 warnings, 3 info (1 fixable with --fix, 2 files skipped)"
        );
    }
}
