//! Recognising minified and bundled JavaScript and TypeScript, so that `check` can skip it.
//!
//! A bundle is not the code its users wrote: its findings point at build output nobody edits,
//! and its long lines cost far more to parse than the handlers a project is linted for. A line
//! over 1,000 bytes is where to look, but it is not proof on its own, because hand-written files
//! have such lines too: an inline image or source map in base64, a CSS or HTML template, a JSON
//! table, a union of string types, a long regular expression. Skipping one of those would hide the
//! handlers around it, which is worse than parsing a bundle, so the test errs towards checking:
//!
//! - A long line counts only when it reads like minified code: under a tenth of it is spaces
//!   and tabs (minifiers drop them; people, and the prose, CSS and types in their strings, do
//!   not) and it has a `(` at least every 500 bytes (code calls things; base64, number tables,
//!   JSON and string unions do not). Other long lines are data and are left out of the sums
//!   below, as if the file did not have them.
//! - The file is minified when such lines hold more than half of the rest of its bytes (a
//!   bundle, with perhaps a licence header and a `require` or two on lines of their own), or
//!   the rest of its lines average more than 200 bytes (minifiers that wrap their output at a
//!   few hundred columns, as React's `.min.js` files do). A hand-written file with one long line
//!   of code among its ordinary lines stays well under both.
//!
//! It looks at bytes only, with no tokenising: a scan for string and comment boundaries in
//! minified code falls out of step at the first regular expression that holds a quote.

use memchr::memchr_iter;

/// Lines longer than this are candidates; shorter ones never make a file minified.
const LONG_LINE: usize = 1_000;
/// A long line with at least this share of spaces and tabs, in percent, is not minified code.
const MAX_WHITESPACE_PERCENT: usize = 10;
/// A long line with fewer `(` than one per this many bytes is not minified code.
const BYTES_PER_PAREN: usize = 500;
/// A file whose lines (long data lines left out) average more than this is minified.
const MAX_AVERAGE_LINE: usize = 200;

/// The longest line of minified code in a file judged minified: a 1-based line number and its
/// length in bytes (without the line break).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LongLine {
    pub line: usize,
    pub length: usize,
}

/// `Some` when `source` is minified or bundled code, with the line that shows it best.
pub fn minified(source: &[u8]) -> Option<LongLine> {
    // Most files are ruled out by their size alone, before the line scan.
    if source.len() <= LONG_LINE {
        return None;
    }
    let mut tally = Tally::default();
    let mut start = 0;
    for end in memchr_iter(b'\n', source) {
        tally.line(&source[start..end]);
        start = end + 1;
    }
    if start < source.len() {
        tally.line(&source[start..]);
    }
    tally.verdict()
}

#[derive(Default)]
struct Tally {
    lines: usize,
    /// Bytes in all lines, line breaks left out.
    bytes: usize,
    /// Long lines that are not minified code, and their bytes.
    data_lines: usize,
    data_bytes: usize,
    /// Bytes in long lines of minified code.
    code_bytes: usize,
    longest: Option<LongLine>,
}

impl Tally {
    fn line(&mut self, text: &[u8]) {
        self.lines += 1;
        self.bytes += text.len();
        if text.len() <= LONG_LINE {
            return;
        }
        if !looks_minified(text) {
            self.data_lines += 1;
            self.data_bytes += text.len();
            return;
        }
        self.code_bytes += text.len();
        if self.longest.is_none_or(|l| text.len() > l.length) {
            self.longest = Some(LongLine {
                line: self.lines,
                length: text.len(),
            });
        }
    }

    fn verdict(&self) -> Option<LongLine> {
        let longest = self.longest?;
        // At least the line of code in `longest` is left.
        let lines = self.lines - self.data_lines;
        let bytes = self.bytes - self.data_bytes;
        let mostly_long = self.code_bytes * 2 > bytes;
        let long_on_average = bytes > MAX_AVERAGE_LINE * lines;
        (mostly_long || long_on_average).then_some(longest)
    }
}

/// Whether one long line reads like minified code rather than data or prose.
fn looks_minified(line: &[u8]) -> bool {
    let (mut blanks, mut parens) = (0, 0);
    for &byte in line {
        blanks += usize::from(byte == b' ' || byte == b'\t');
        parens += usize::from(byte == b'(');
    }
    blanks * 100 < line.len() * MAX_WHITESPACE_PERCENT && parens * BYTES_PER_PAREN >= line.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// About `bytes` bytes of minified code on one line, with no line break.
    fn minified_code(bytes: usize) -> String {
        let mut code = String::from("\"use strict\";");
        let mut i = 0;
        while code.len() < bytes {
            code.push_str(&format!(
                "function f{i}(e,t){{return e.status(t||{})}}var v{i}=f{i}(a,{});",
                500 + i % 99,
                200 + i % 7
            ));
            i += 1;
        }
        code
    }

    /// `count` lines of ordinary hand-written code, each ending in a line break.
    fn handwritten(count: usize) -> String {
        (0..count)
            .map(|i| format!("app.get(\"/r{i}\", (req, res) => res.status(200).send(\"ok\"));\n"))
            .collect()
    }

    fn base64(bytes: usize) -> String {
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5E"
            .chars()
            .cycle()
            .take(bytes)
            .collect()
    }

    #[test]
    fn short_files_and_short_lines_are_never_minified() {
        assert_eq!(minified(b""), None);
        assert_eq!(minified(minified_code(900).as_bytes()), None);
        assert_eq!(minified(handwritten(500).as_bytes()), None);
    }

    #[test]
    fn a_one_line_bundle_is_minified_and_its_line_is_named() {
        let code = minified_code(50_000);
        let found = minified(code.as_bytes()).expect("minified");
        assert_eq!(
            found,
            LongLine {
                line: 1,
                length: code.len()
            }
        );
        // With a line break at the end, and with Windows line breaks.
        assert_eq!(minified(format!("{code}\n").as_bytes()), Some(found));
        let crlf = format!("/*! lib v1 | MIT */\r\n{code}\r\n");
        assert_eq!(
            minified(crlf.as_bytes()),
            Some(LongLine {
                line: 2,
                length: code.len() + 1
            })
        );
    }

    #[test]
    fn a_bundle_with_a_header_and_a_few_short_lines_is_minified() {
        let header =
            "/*!\n * lib v1.2.3\n * (c) 2024 Someone\n * MIT licence\n */\n\"use strict\";\n";
        let source = format!("{header}{}\nmodule.exports = lib;\n", minified_code(20_000));
        assert_eq!(minified(source.as_bytes()).map(|l| l.line), Some(7));
    }

    #[test]
    fn output_wrapped_at_a_few_hundred_columns_is_minified() {
        // Like React's .min.js files: most lines 400 bytes or so, a few over 1,000.
        let mut source = String::new();
        for _ in 0..100 {
            source.push_str(&minified_code(400));
            source.push('\n');
        }
        source.push_str(&minified_code(1_200));
        source.push('\n');
        assert_eq!(minified(source.as_bytes()).map(|l| l.line), Some(101));
    }

    #[test]
    fn a_long_string_or_data_line_in_a_handwritten_file_is_not() {
        let handlers = handwritten(20);
        // Each of these lines is longer than all the hand-written lines together.
        let data_lines = [
            format!("const LOGO = \"data:image/png;base64,{}\";", base64(8_000)),
            format!(
                "const STYLES = `{}`;",
                "  .card { display: flex; color: rgba(0, 0, 0, 0.8); margin: calc(1rem + 2px); }\\n"
                    .repeat(60)
            ),
            format!(
                "export const TABLE = [{}];",
                (0..2_000)
                    .map(|i| (i * 7919).to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            format!(
                "const ROUTES = {{{}}};",
                (0..200)
                    .map(|i| format!("\"/r{i}\":{{\"code\":{},\"ok\":true}}", 200 + i % 5))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            format!(
                "type Header = {};",
                (0..150)
                    .map(|i| format!("'x-header-{i}'"))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ),
            format!(
                "//# sourceMappingURL=data:application/json;base64,{}",
                base64(9_000)
            ),
        ];
        for data in &data_lines {
            for source in [
                format!("{handlers}{data}\n"),
                format!("{data}\n{handlers}"),
                format!("{handlers}{data}"),
            ] {
                assert!(source.len() > 2 * handlers.len());
                assert_eq!(minified(source.as_bytes()), None, "{data:.60}");
            }
        }
    }

    #[test]
    fn one_long_line_of_code_among_ordinary_lines_is_not() {
        // A long regular expression, say: code-like, but the file around it is hand-written.
        let source = format!(
            "{}{}\n{}",
            handwritten(40),
            minified_code(1_500),
            handwritten(40)
        );
        assert_eq!(minified(source.as_bytes()), None);
    }

    #[test]
    fn a_bundle_is_still_minified_with_an_inline_source_map() {
        let code = minified_code(30_000);
        let source = format!(
            "{code}\n//# sourceMappingURL=data:application/json;base64,{}\n",
            base64(90_000)
        );
        // The map is the longest line, but the code is what is reported.
        assert_eq!(
            minified(source.as_bytes()),
            Some(LongLine {
                line: 1,
                length: code.len()
            })
        );
    }
}
