//! The latency budget, measured: catalog lookup and search, full and skimmed analysis of
//! 10,000-line files,
//! one-character edits through incremental re-parse to diagnostics, hover and completion.
//! `cargo bench --bench engine`; the README's Performance section reports the figures.

mod corpus;

use criterion::{BenchmarkId, Criterion, Throughput, black_box, criterion_group, criterion_main};
use statuslint::analysis;
use statuslint::catalog::catalog;
use statuslint::config::Config;
use statuslint::lsp::completion;
use statuslint::lsp::convert;
use statuslint::lsp::document::Document;
use statuslint::lsp::markdown;
use statuslint::lsp::position::{Encoding, LineIndex};
use statuslint::syntax::{Language, sites::find_sites_in};
use std::sync::Arc;
use std::time::Duration;
use tower_lsp_server::lsp_types::{Position, Range, TextDocumentContentChangeEvent};

fn catalog_benches(c: &mut Criterion) {
    catalog();
    c.bench_function("catalog/lookup 429", |b| {
        b.iter(|| catalog().get(black_box(429)))
    });
    for query in ["too many", "rate limit", "cloudflare timeout", "42"] {
        c.bench_function(&format!("catalog/search {query:?}"), |b| {
            b.iter(|| catalog().search(black_box(query), 50))
        });
    }
}

fn analysis_benches(c: &mut Criterion) {
    let config = Config::default();
    for (name, language, source) in [
        (
            "javascript",
            Language::JavaScript,
            corpus::javascript(10_000),
        ),
        ("rust", Language::Rust, corpus::rust(10_000)),
        ("python", Language::Python, corpus::python(10_000)),
        ("go", Language::Go, corpus::go(10_000)),
    ] {
        // tree-sitter's own parse of the same text, for the ratio the analysis costs over it.
        c.bench_function(&format!("analyze/{name} 10k lines (bare parse)"), |b| {
            b.iter(|| statuslint::syntax::parse(black_box(&source), language, None))
        });
        c.bench_function(&format!("analyze/{name} 10k lines (full parse)"), |b| {
            b.iter(|| analysis::analyze(black_box(&source), language, &config))
        });
        c.bench_function(
            &format!("analyze/{name} 10k lines (skimmed, as check)"),
            |b| b.iter(|| analysis::analyze_skimmed(black_box(&source), language, &config)),
        );
    }
    // A library module with a handler every 20 helpers: mostly code `check` leaves out.
    let library = corpus::library_javascript(10_000, 20);
    c.bench_function("analyze/javascript library 10k lines (full parse)", |b| {
        b.iter(|| analysis::analyze(black_box(&library), Language::JavaScript, &config))
    });
    c.bench_function(
        "analyze/javascript library 10k lines (skimmed, as check)",
        |b| {
            b.iter(|| analysis::analyze_skimmed(black_box(&library), Language::JavaScript, &config))
        },
    );
}

/// What the server does between an edit arriving and diagnostics going out: apply the change,
/// re-parse incrementally, re-check the units the edit touched (the rest is carried over from the
/// previous check), apply suppressions and convert to LSP diagnostics; beside it, the bare
/// incremental re-parse of the same edit (apply the change, `Tree::edit`, parse against the old
/// tree), for the difference the check adds. In both, what the edit replaces (the old tree, the
/// old check) is dropped outside the measurement, as the server frees it after publishing.
fn edit_benches(c: &mut Criterion) {
    let config = Config::default();
    for (name, language, source, needle) in [
        (
            "javascript",
            Language::JavaScript,
            corpus::javascript(10_000),
            "res.status(404)",
        ),
        (
            "rust",
            Language::Rust,
            corpus::rust(10_000),
            "StatusCode::NOT_FOUND",
        ),
        (
            "python",
            Language::Python,
            corpus::python(10_000),
            "status_code=404",
        ),
        (
            "go",
            Language::Go,
            corpus::go(10_000),
            "http.StatusNotFound",
        ),
    ] {
        let lines = LineIndex::new(&source);
        // An edit in the middle of the file, toggling one character back and forth.
        let at = source[source.len() / 2..].find(needle).unwrap() + source.len() / 2;
        let position = lines.position(&source, at + needle.len() - 2, Encoding::Utf16);
        let change = move |toggle: bool| TextDocumentContentChangeEvent {
            range: Some(Range::new(
                position,
                Position::new(position.line, position.character + 1),
            )),
            range_length: None,
            text: if toggle { "9" } else { "0" }.to_string(),
        };

        let mut bare = Document::new(language, 1, source.clone());
        bare.tree().unwrap();
        let (mut version, mut toggle) = (1, false);
        c.bench_function(
            &format!("edit/{name} 10k lines: 1 char -> re-parse (bare)"),
            |b| {
                b.iter_with_large_drop(|| {
                    version += 1;
                    toggle = !toggle;
                    bare.apply(version, vec![change(toggle)], Encoding::Utf16);
                    let tree = bare.snapshot().parse().unwrap();
                    bare.install(version, tree)
                })
            },
        );

        let mut doc = Document::new(language, 1, source.clone());
        let tree = doc.tree().unwrap().clone();
        let checked = Arc::new(doc.snapshot().check(&tree, &config));
        let _ = doc.install_check(1, tree, checked);
        let (mut version, mut toggle) = (1, false);
        c.bench_function(
            &format!("edit/{name} 10k lines: 1 char -> diagnostics"),
            |b| {
                b.iter_with_large_drop(|| {
                    version += 1;
                    toggle = !toggle;
                    doc.apply(version, vec![change(toggle)], Encoding::Utf16);
                    let snapshot = doc.snapshot();
                    let tree = snapshot.parse().unwrap();
                    let checked = Arc::new(snapshot.check(&tree, &config));
                    let diagnostics: Vec<_> = checked
                        .findings(&snapshot.text)
                        .iter()
                        .map(|f| {
                            convert::diagnostic(f, &snapshot.text, &snapshot.lines, Encoding::Utf16)
                        })
                        .collect();
                    assert_eq!(checked.rechecked_units, Some(1));
                    drop(snapshot);
                    let retired = (
                        doc.install(version, tree.clone()),
                        doc.install_check(version, tree, checked),
                    );
                    (black_box(diagnostics), retired)
                })
            },
        );
    }
}

/// The same statements on one line and one per line, at two sizes, through the server's
/// analysis: criterion's per-element time is the cost of one site, which must not grow with the
/// size or differ between the layouts by more than 2x (`-- layout`). The JavaScript statements
/// are top-level and inside one wrapping function (a minified bundle); the Rust ones are items,
/// and the elements of one long `vec![...]`.
fn layout_benches(c: &mut Criterion) {
    let config = Config::default();
    let shapes: [(&str, Language, &str, &str, &str); 4] = [
        (
            "javascript statements",
            Language::JavaScript,
            "",
            r#"res.status(200); const x = "padding padding padding";"#,
            "",
        ),
        (
            "javascript wrapped",
            Language::JavaScript,
            "(function () { ",
            "res.status(200); helper(1, 2);",
            " })();",
        ),
        (
            "rust items",
            Language::Rust,
            "use axum::http::StatusCode;\n",
            "fn f() -> StatusCode { StatusCode::OK }",
            "",
        ),
        (
            "rust vec",
            Language::Rust,
            "use axum::http::StatusCode;\nfn all() -> Vec<StatusCode> { vec![",
            "StatusCode::OK,",
            "] }",
        ),
    ];
    let mut group = c.benchmark_group("layout");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for (shape, language, before, statement, after) in shapes {
        for sites in [10_000, 50_000] {
            for (layout, separator) in [("one line", " "), ("many lines", "\n")] {
                let source = format!(
                    "{before}{}{after}\n",
                    vec![statement; sites].join(separator)
                );
                group.throughput(Throughput::Elements(sites as u64));
                group.bench_with_input(
                    BenchmarkId::new(format!("{shape}, {layout}"), sites),
                    &source,
                    |b, source| b.iter(|| analysis::analyze(black_box(source), language, &config)),
                );
            }
        }
    }
    group.finish();
}

fn request_benches(c: &mut Criterion) {
    let source = corpus::javascript(10_000);
    let mut doc = Document::new(Language::JavaScript, 1, source.clone());
    let tree = doc.tree().unwrap().clone();
    let at = source[source.len() / 2..].find("res.status(404)").unwrap() + source.len() / 2 + 12;
    c.bench_function("hover/javascript 10k lines", |b| {
        b.iter(|| {
            let sites = find_sites_in(&tree, &source, Language::JavaScript, at - 1..at + 1);
            let site = sites.iter().find(|s| s.range.contains(&at)).unwrap();
            black_box(markdown::code(catalog().get(site.code).unwrap()))
        })
    });
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let typed = format!("{}    return res.status(Too Many", &source[..line_start]);
    c.bench_function("completion/\"res.status(Too Many\"", |b| {
        b.iter(|| {
            let slot = completion::slot_at(&typed, typed.len(), Language::JavaScript).unwrap();
            black_box(completion::candidates(&slot, 50))
        })
    });
}

criterion_group!(
    benches,
    catalog_benches,
    analysis_benches,
    edit_benches,
    request_benches,
    layout_benches
);
criterion_main!(benches);
