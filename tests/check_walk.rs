//! Which files `statuslint check` reads: ignore files, hidden files, `node_modules`, `--exclude`,
//! files named on the command line, and the files it skips and reports (binary, not UTF-8, too
//! large, minified, not source).

mod check_support;

use check_support::{check, copy, write};

/// A file with an error-level finding, so that whether it was checked shows in the output.
const INVALID: &str = "module.exports = (req, res) => res.status(600).end();\n";

#[test]
fn gitignore_hidden_and_node_modules_are_skipped_unless_asked() {
    // No `.git` directory: `.gitignore` applies to any tree, as documented.
    let dir = copy("clean");
    let root = dir.path();
    write(root, ".gitignore", "generated/\nignored.js\n");
    write(root, "generated/bundle.js", INVALID);
    write(root, "lib/ignored.js", INVALID);
    write(root, ".cache/hidden.js", INVALID);
    write(root, "node_modules/pkg/index.js", INVALID);
    write(root, "lib/kept.js", INVALID);

    let run = check(root, &["--format", "json"]);
    assert_eq!(run.paths(), ["lib/kept.js"], "{run:?}");
    assert_eq!(run.code, 1);

    let all = check(root, &["--format", "json", "--no-ignore", "--hidden"]);
    assert_eq!(
        all.paths(),
        [
            ".cache/hidden.js",
            "generated/bundle.js",
            "lib/ignored.js",
            "lib/kept.js",
            "node_modules/pkg/index.js",
        ]
    );
}

#[test]
fn a_file_named_on_the_command_line_is_checked_even_if_ignored() {
    let dir = copy("clean");
    let root = dir.path();
    write(root, ".gitignore", "ignored.js\n");
    write(root, "lib/ignored.js", INVALID);
    write(root, ".cache/hidden.js", INVALID);
    let run = check(
        root,
        &["--format", "json", "lib/ignored.js", ".cache/hidden.js"],
    );
    assert_eq!(
        run.paths(),
        [".cache/hidden.js", "lib/ignored.js"],
        "{run:?}"
    );
}

#[test]
fn exclude_patterns_apply_to_walks_and_to_named_files() {
    let dir = copy("app");
    let root = dir.path();
    let run = check(root, &["--format", "json", "--exclude", "*.rs"]);
    assert_eq!(run.paths(), ["src/server.js"]);
    let run = check(
        root,
        &[
            "--format",
            "json",
            "--exclude",
            "src/",
            "--exclude",
            "other",
        ],
    );
    assert_eq!(run.paths(), Vec::<String>::new());
    assert_eq!(run.code, 0);
    // A pre-commit hook passes changed files by name; the exclusions still hold.
    let run = check(
        root,
        &[
            "--format",
            "json",
            "--exclude",
            "src/service.rs",
            "src/service.rs",
            "src/server.js",
        ],
    );
    assert_eq!(run.paths(), ["src/server.js"]);
}

#[test]
fn output_is_in_path_order_whatever_the_thread_count() {
    let dir = copy("app");
    let root = dir.path();
    // Files are checked as the walk's threads find them, in no set order; output is sorted.
    for i in 0..20 {
        let padding = "// padding\n".repeat(i * 10);
        write(
            root,
            &format!("many/f{i:02}.js"),
            format!("{INVALID}{padding}"),
        );
    }
    let one = check(root, &["--format", "json", "-j", "1"]);
    let many = check(root, &["--format", "json", "-j", "8"]);
    assert_eq!(one.stdout, many.stdout);
    let paths = many.paths();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 22);
}

#[test]
fn binary_files_are_skipped_and_reported() {
    let dir = copy("clean");
    let root = dir.path();
    write(
        root,
        "assets/logo.js",
        b"\x89PNG\r\n\x1a\n\0\0\0res.status(600)",
    );
    let run = check(root, &["--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.paths(), Vec::<String>::new());
    assert!(
        run.stderr
            .contains("skipped assets/logo.js: binary file (contains a NUL byte)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("(1 file skipped)"), "{}", run.stderr);
}

#[test]
fn invalid_utf8_is_reported_with_its_line_never_a_crash() {
    let dir = copy("clean");
    let root = dir.path();
    write(
        root,
        "lib/latin1.js",
        b"// ok\n// caf\xe9\nres.status(600);\n",
    );
    write(root, "lib/kept.js", INVALID);
    let run = check(root, &["--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.paths(), ["lib/kept.js"]);
    assert!(
        run.stderr
            .contains("skipped lib/latin1.js: not valid UTF-8 (line 2)"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_invalid_utf8_file_with_no_site_word_is_not_reported() {
    let dir = copy("clean");
    let root = dir.path();
    // Latin-1 text with nothing a site needs: there is nothing to decode it for.
    write(
        root,
        "lib/latin1.js",
        b"// caf\xe9\nexport const menu = [];\n",
    );
    let run = check(root, &["--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stderr.contains("latin1.js"), "{}", run.stderr);
    assert!(!run.stderr.contains("skipped"), "{}", run.stderr);
}

#[test]
fn files_over_the_size_limit_are_reported_and_the_limit_is_configurable() {
    let dir = copy("clean");
    let root = dir.path();
    let mut big = INVALID.to_string();
    big.push_str(&format!("// {}\n", "x".repeat(2 * 1024 * 1024)));
    write(root, "dist/big.js", &big);

    let run = check(root, &["--format", "json"]);
    assert_eq!(run.paths(), Vec::<String>::new());
    assert!(
        run.stderr
            .contains("skipped dist/big.js: 2 MiB is over the 1 MiB limit (--max-file-size)"),
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 0);

    let run = check(root, &["--format", "json", "--max-file-size", "4MiB"]);
    assert_eq!(run.paths(), ["dist/big.js"]);
    assert_eq!(run.code, 1);

    let run = check(root, &["--max-file-size", "huge"]);
    assert_eq!(run.code, 2);
}

#[test]
fn a_file_under_two_named_paths_is_checked_once() {
    let dir = copy("clean");
    let root = dir.path();
    write(root, "lib/a.js", INVALID);
    let run = check(root, &["--format", "json", "lib", "lib/a.js", "."]);
    assert_eq!(run.paths(), ["lib/a.js"], "{run:?}");
    assert!(run.stderr.contains("1 error"), "{}", run.stderr);
}

#[test]
fn declaration_files_hold_no_code_and_are_not_read() {
    let dir = copy("clean");
    let root = dir.path();
    write(root, "types/api.d.ts", INVALID);
    write(root, "types/api.ts", INVALID);
    let run = check(root, &["--format", "json", "types", "types/api.d.ts"]);
    assert_eq!(run.paths(), ["types/api.ts"], "{run:?}");
    assert!(!run.stderr.contains("skipped"), "{}", run.stderr);
}

#[test]
fn whole_files_finds_what_the_skimming_default_finds() {
    let dir = copy("app");
    let root = dir.path();
    let quiet = "function helper(items) { const out = []; for (const i of items) { if (i) { out.push(`${i}`); } } return out; }\n";
    write(root, "lib/mixed.js", format!("{quiet}{INVALID}{quiet}"));
    let skimmed = check(root, &["--format", "json"]);
    let whole = check(root, &["--format", "json", "--whole-files"]);
    assert!(
        skimmed.paths().contains(&"lib/mixed.js".to_string()),
        "{skimmed:?}"
    );
    assert_eq!(skimmed.stdout, whole.stdout);
    assert_eq!(skimmed.code, whole.code);
}

#[test]
fn a_named_file_in_another_language_is_reported_not_read() {
    let dir = copy("app");
    let run = check(dir.path(), &["--format", "json", "notes.txt"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json(), serde_json::json!([]));
    assert!(
        run.stderr
            .contains("skipped notes.txt: not a JavaScript, TypeScript or Rust file"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_path_is_an_error_but_the_others_are_still_checked() {
    let dir = copy("app");
    let run = check(dir.path(), &["--format", "json", "src/server.js", "nope/"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.paths(), ["src/server.js"]);
    assert!(run.stderr.contains("error: nope/"), "{}", run.stderr);
}

/// The skip note for the bundle in the `minified` fixture.
const BUNDLE_SKIPPED: &str = concat!(
    "skipped dist/app.min.js: minified or bundled (line 2 is 1.4 KiB long); ",
    "--include-minified checks it"
);

#[test]
fn minified_bundles_are_skipped_and_reported_but_long_lines_of_data_are_not() {
    let dir = copy("minified");
    let run = check(dir.path(), &["--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    // The bundle's 531 is not reported; the 531 in the file with a long data URI is.
    assert_eq!(
        run.findings(),
        [(
            "src/logo.js".to_string(),
            12,
            "platform-reserved".to_string()
        )]
    );
    assert!(!run.stdout.contains("app.min.js"), "{}", run.stdout);
    assert!(run.stderr.contains(BUNDLE_SKIPPED), "{}", run.stderr);
    assert_eq!(run.stderr.matches("skipped ").count(), 1, "{}", run.stderr);
    let summary = run.stderr.lines().last().unwrap();
    assert!(summary.starts_with("checked 1 file in "), "{summary}");
    assert!(summary.ends_with(", 1 file skipped)"), "{summary}");
}

#[test]
fn include_minified_checks_bundles() {
    let dir = copy("minified");
    let run = check(dir.path(), &["--format", "json", "--include-minified"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.findings(),
        [
            (
                "dist/app.min.js".to_string(),
                2,
                "platform-reserved".to_string()
            ),
            (
                "src/logo.js".to_string(),
                12,
                "platform-reserved".to_string()
            ),
        ]
    );
    assert!(!run.stderr.contains("skipped"), "{}", run.stderr);
    assert!(run.stderr.contains("checked 2 files in "), "{}", run.stderr);
}

#[test]
fn a_minified_file_named_on_the_command_line_is_skipped_too() {
    // As with --max-file-size: the note says how to check it.
    let dir = copy("minified");
    let run = check(dir.path(), &["--format", "json", "dist/app.min.js"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json(), serde_json::json!([]));
    assert!(run.stderr.contains(BUNDLE_SKIPPED), "{}", run.stderr);

    let run = check(
        dir.path(),
        &["--format", "json", "--include-minified", "dist/app.min.js"],
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.paths(), ["dist/app.min.js"]);
}

#[test]
fn rust_is_never_treated_as_minified() {
    let dir = copy("clean");
    let root = dir.path();
    // One long line of code with no whitespace to speak of: minified, were it JavaScript.
    let helpers: String = (0..60)
        .map(|i| format!("fn h{i}(a:u16)->u16{{a.wrapping_add({i})}}"))
        .collect();
    let handler = "pub fn f()->StatusCode{StatusCode::from_u16(531).unwrap()}";
    let source = format!("use axum::http::StatusCode;\n{helpers}{handler}\n");
    write(root, "src/generated.rs", &source);
    // With a site word: a JavaScript file without one has nothing to find, bundle or not.
    let javascript = source
        .replace("fn ", "function ")
        .replace("StatusCode{", "res.status(531){");
    write(root, "src/generated.js", javascript);
    let run = check(root, &["--format", "json"]);
    assert_eq!(run.paths(), ["src/generated.rs"], "{run:?}");
    assert!(
        run.stderr.contains("skipped src/generated.js: minified"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bundle_with_no_site_word_is_not_reported_as_skipped() {
    let dir = copy("clean");
    let root = dir.path();
    let code: String = (0..80)
        .map(|i| format!("function h{i}(a){{return a.map(function(b){{return b+{i}}})}}"))
        .collect();
    write(root, "dist/vendor.min.js", format!("{code}\n"));
    let run = check(root, &["--format", "json"]);
    assert!(!run.stderr.contains("vendor.min.js"), "{}", run.stderr);
    // The same bundle with a site word in it is skipped, and says so.
    write(
        root,
        "dist/vendor.min.js",
        format!("{code}res.status(531);\n"),
    );
    let run = check(root, &["--format", "json"]);
    assert!(
        run.stderr
            .contains("skipped dist/vendor.min.js: minified or bundled"),
        "{}",
        run.stderr
    );
}
