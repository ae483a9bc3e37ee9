//! `statuslint explain`: the catalog on the command line. A three-digit query shows that code in
//! full; anything else is a ranked search.

use crate::catalog::search::{Hit, Tier};
use crate::catalog::{Class, Code, Edition, Meaning, VALID_RANGE, catalog};
use anstyle::{AnsiColor, Style};
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// What `explain` prints and the process's exit code.
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub success: bool,
}

pub fn run(query: &str, format: Format, limit: usize) -> Outcome {
    let query = query.trim();
    if !query.is_empty() && query.bytes().all(|b| b.is_ascii_digit()) && query.len() >= 3 {
        if query.len() > 3 || query.starts_with('0') {
            let message = format!(
                "{query} is not a valid HTTP status code: status codes are three digits from 100 to 599"
            );
            return failure(format, query, message);
        }
        return explain_number(query, format);
    }
    let hits = catalog().search(query, limit);
    if hits.is_empty() {
        let message = format!("no status code matches \"{query}\"");
        return failure(format, query, message);
    }
    let stdout = match format {
        Format::Json => to_json(&SearchOutput {
            query,
            matches: hits.iter().map(MatchOutput::from).collect(),
        }),
        Format::Text => render_hits(query, &hits),
    };
    Outcome {
        stdout,
        stderr: String::new(),
        success: true,
    }
}

fn explain_number(digits: &str, format: Format) -> Outcome {
    let number: u64 = digits.parse().unwrap_or(u64::MAX);
    let code = u32::try_from(number).ok().and_then(|n| catalog().get(n));
    match code {
        Some(code) => Outcome {
            stdout: match format {
                Format::Json => to_json(&CodeOutput::from(code)),
                Format::Text => render_code(code),
            },
            stderr: String::new(),
            success: true,
        },
        None if number > *VALID_RANGE.end() as u64 || number < *VALID_RANGE.start() as u64 => {
            let message = format!(
                "{digits} is not a valid HTTP status code: status codes are three digits from 100 to 599"
            );
            failure(format, digits, message)
        }
        None => {
            let generic = number / 100 * 100;
            let generic_phrase = catalog()
                .get(generic as u32)
                .map_or(String::new(), |c| format!(" {}", c.primary().phrase));
            let message = format!(
                "{digits} is not a registered status code: neither the IANA registry nor any known platform assigns it. Clients treat an unknown code like {generic}{generic_phrase} (RFC 9110, Section 15)."
            );
            failure(format, digits, message)
        }
    }
}

fn failure(format: Format, query: &str, message: String) -> Outcome {
    match format {
        Format::Json => Outcome {
            stdout: to_json(&serde_json::json!({ "query": query, "error": message })),
            stderr: String::new(),
            success: false,
        },
        Format::Text => Outcome {
            stdout: String::new(),
            stderr: format!(
                "{}error:{} {message}\n",
                ERROR.render(),
                ERROR.render_reset()
            ),
            success: false,
        },
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("catalog output serializes");
    text.push('\n');
    text
}

const HEADING: Style = Style::new().bold();
const CODE: Style = AnsiColor::Cyan.on_default().bold();
const DIM: Style = Style::new().dimmed();
const ERROR: Style = AnsiColor::Red.on_default().bold();
const LABEL: Style = AnsiColor::Yellow.on_default();

fn paint(style: Style, text: &str) -> String {
    format!("{}{text}{}", style.render(), style.render_reset())
}

/// Every meaning of a code, how it stands, who uses it, and what to use instead.
pub fn render_code(code: &Code) -> String {
    let mut out = String::new();
    let primary = code.primary();
    let mut owners: Vec<&str> = Vec::new();
    for meaning in &code.meanings {
        let name = catalog().platform_name(&meaning.platform);
        if !owners.contains(&name) {
            owners.push(name);
        }
    }
    // A code that only vendors define belongs to none of them more than the others.
    let title = if code.iana().is_none() && owners.len() > 1 {
        format!("{} meanings ({})", code.meanings.len(), owners.join(", "))
    } else {
        primary.phrase.clone()
    };
    let _ = writeln!(
        out,
        "{} {}",
        paint(CODE, &code.code.to_string()),
        paint(HEADING, &title)
    );
    let registry = match code.iana() {
        Some(m) => format!("IANA: {}", m.standing.label()),
        None => "not in the IANA registry".to_string(),
    };
    let _ = writeln!(
        out,
        "{}",
        paint(DIM, &format!("{} · {registry}", code.class().label()))
    );
    let reserved: Vec<&str> = catalog()
        .reserved_by(code.code)
        .map(|p| p.name.as_str())
        .collect();
    if !reserved.is_empty() {
        let _ = writeln!(
            out,
            "{} {}. The platform sends this code itself; applications should not.",
            paint(LABEL, "Reserved by:"),
            reserved.join(", ")
        );
    }
    for meaning in &code.meanings {
        out.push('\n');
        render_meaning(&mut out, meaning);
    }
    if !code.related.is_empty() {
        out.push('\n');
        let related: Vec<String> = catalog()
            .related(code)
            .map(|r| format!("{} {}", r.code, r.primary().phrase))
            .collect();
        let _ = writeln!(out, "{} {}", paint(LABEL, "Related:"), related.join(", "));
    }
    out
}

fn render_meaning(out: &mut String, meaning: &Meaning) {
    let _ = writeln!(
        out,
        "{} {}{}",
        paint(
            HEADING,
            &format!("{}:", catalog().platform_name(&meaning.platform))
        ),
        paint(HEADING, &meaning.phrase),
        edition_note(meaning.edition)
    );
    if !meaning.aliases.is_empty() {
        let _ = writeln!(out, "  also known as: {}", meaning.aliases.join(", "));
    }
    let source = match meaning.source_url() {
        Some(url) => format!("{} <{url}>", meaning.source_label()),
        None => meaning.source_label(),
    };
    let _ = writeln!(
        out,
        "  {}",
        paint(
            DIM,
            &format!(
                "{} · {} · {source}",
                meaning.standing.label(),
                meaning.recommendation.label()
            )
        )
    );
    out.push_str(&wrapped("", meaning.summary.trim()));
    out.push_str(&wrapped("", meaning.description.trim()));
    out.push_str(&wrapped("Use when:", meaning.use_when.trim()));
    out.push_str(&wrapped("Avoid when:", meaning.avoid_when.trim()));
}

/// A paragraph wrapped to the terminal (at most 100 columns, so prose stays readable on wide
/// screens; 100 when not a terminal, so pipes and snapshots are stable), indented two spaces.
fn wrapped(label: &str, text: &str) -> String {
    let width = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        textwrap::termwidth().clamp(40, 100)
    } else {
        100
    };
    let body = if label.is_empty() {
        text.to_string()
    } else {
        format!("{label} {text}")
    };
    let options = textwrap::Options::new(width)
        .initial_indent("  ")
        .subsequent_indent("  ");
    let mut lines = textwrap::wrap(&body, options).join("\n");
    if !label.is_empty() {
        // Colour the label after wrapping, so escape codes never count toward the width.
        lines = lines.replacen(label, &paint(LABEL, label), 1);
    }
    lines.push('\n');
    lines
}

pub fn edition_note(edition: Option<Edition>) -> &'static str {
    match edition {
        Some(Edition::Current) => " (current documentation)",
        Some(Edition::Legacy) => " (older Layer0 documentation)",
        None => "",
    }
}

fn render_hits(query: &str, hits: &[Hit]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        paint(HEADING, &format!("Matches for \"{query}\":"))
    );
    for hit in hits {
        let meaning = &hit.code.meanings[hit.meaning];
        let owner = if meaning.platform == "iana" {
            String::new()
        } else {
            format!(" ({})", catalog().platform_name(&meaning.platform))
        };
        let _ = writeln!(
            out,
            "  {}  {}{}  {}",
            paint(CODE, &hit.code.code.to_string()),
            meaning.phrase,
            paint(DIM, &owner),
            meaning.summary.trim()
        );
    }
    let _ = writeln!(
        out,
        "{}",
        paint(DIM, "Run `statuslint explain <code>` for the full entry.")
    );
    out
}

#[derive(Serialize)]
struct SearchOutput<'a> {
    query: &'a str,
    matches: Vec<MatchOutput<'a>>,
}

#[derive(Serialize)]
struct MatchOutput<'a> {
    code: u16,
    phrase: &'a str,
    platform: &'a str,
    summary: &'a str,
    tier: Tier,
}

impl<'a> From<&Hit<'a>> for MatchOutput<'a> {
    fn from(hit: &Hit<'a>) -> Self {
        let meaning = &hit.code.meanings[hit.meaning];
        MatchOutput {
            code: hit.code.code,
            phrase: &meaning.phrase,
            platform: &meaning.platform,
            summary: meaning.summary.trim(),
            tier: hit.tier,
        }
    }
}

#[derive(Serialize)]
struct CodeOutput<'a> {
    code: u16,
    class: Class,
    in_iana_registry: bool,
    reserved_by: Vec<&'a str>,
    meanings: Vec<MeaningOutput<'a>>,
    related: Vec<RelatedOutput<'a>>,
    keywords: &'a [String],
}

#[derive(Serialize)]
struct MeaningOutput<'a> {
    #[serde(flatten)]
    meaning: &'a Meaning,
    platform_name: &'a str,
    source_label: String,
    source_url: Option<String>,
}

#[derive(Serialize)]
struct RelatedOutput<'a> {
    code: u16,
    phrase: &'a str,
}

impl<'a> From<&'a Code> for CodeOutput<'a> {
    fn from(code: &'a Code) -> Self {
        CodeOutput {
            code: code.code,
            class: code.class(),
            in_iana_registry: code.iana().is_some(),
            reserved_by: catalog()
                .reserved_by(code.code)
                .map(|p| p.id.as_str())
                .collect(),
            meanings: code
                .meanings
                .iter()
                .map(|m| MeaningOutput {
                    meaning: m,
                    platform_name: catalog().platform_name(&m.platform),
                    source_label: m.source_label(),
                    source_url: m.source_url(),
                })
                .collect(),
            related: catalog()
                .related(code)
                .map(|r| RelatedOutput {
                    code: r.code,
                    phrase: &r.primary().phrase,
                })
                .collect(),
            keywords: &code.keywords,
        }
    }
}
