//! Python's outline: its strings and comments, and where its top-level statements start. Python
//! has no braces to leave the inside of out, but a whole top-level statement (a `def` with its
//! decorators, a `class`, an assignment) can go: what is left is still a module, and the parse of
//! what stays is the one a whole parse gives. So `Outline::skippable` leaves out the runs of
//! top-level statements with no hit and no import.
//!
//! Unsure, it gives up (None): a single-quoted string running past its line, an f-string whose
//! replacement field quotes with the string's own quote (Python 3.12's nesting), brackets that do
//! not pair up.

use super::{Found, Outline, Start};

pub fn read(bytes: &[u8]) -> Option<Outline> {
    let mut found = Found {
        literals: Vec::new(),
        pairs: Vec::new(),
        statements: Vec::new(),
        imports: Vec::new(),
    };
    let mut top: Vec<Start> = Vec::new();
    let mut depth: usize = 0;
    let mut i = 0;
    // Whether the byte at `i` starts a line that is not a continuation (`\` at the end of the
    // line before, or inside brackets).
    let mut line_start = true;
    // The last top-level line began with `@`: the `def` under a decorator belongs to its unit.
    let mut after_decorator = false;
    while i < bytes.len() {
        let b = bytes[i];
        if std::mem::take(&mut line_start)
            && depth == 0
            && !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'#' | 0x0c)
        {
            let word = &bytes[i..super::word_end(bytes, i).max(i)];
            let continues = matches!(word, b"else" | b"elif" | b"except" | b"finally");
            if !continues && !after_decorator {
                top.push(Start {
                    at: i,
                    after_semicolon: true,
                    word: true,
                });
            }
            after_decorator = b == b'@';
            if matches!(word, b"import" | b"from") {
                found.import(i);
            }
        }
        match b {
            b'\n' => {
                line_start = true;
                i += 1;
            }
            b'\\' => {
                // A line continuation: the next line is part of this statement.
                i += 2;
            }
            b'#' => {
                let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                found.literal(i..end);
                i = end;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                i += 1;
            }
            b'"' | b'\'' => {
                let start = string_start(bytes, i);
                let end = string_end(bytes, i, start)?;
                found.literal(start..end);
                i = end;
            }
            _ if super::is_identifier_byte(b) => {
                let end = super::word_end(bytes, i);
                if &bytes[i..end] == b"import" && depth == 0 {
                    found.import(i);
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    (depth == 0).then(|| found.finish(top, bytes.len()))
}

/// Where the string whose quote is at `quote` starts: its prefix (`r`, `b`, `f`, `rb`, ...).
fn string_start(bytes: &[u8], quote: usize) -> usize {
    let mut start = quote;
    while start > 0
        && quote - start < 2
        && matches!(
            bytes[start - 1].to_ascii_lowercase(),
            b'r' | b'b' | b'u' | b'f'
        )
    {
        start -= 1;
    }
    // A prefix is only a prefix when no identifier byte is before it (`buf"` is no string).
    if start > 0 && super::is_identifier_byte(bytes[start - 1]) {
        return quote;
    }
    start
}

/// The end of the string opened at `quote` (its prefix from `start`), past the closing quote.
fn string_end(bytes: &[u8], quote: usize, start: usize) -> Option<usize> {
    let q = bytes[quote];
    let triple = bytes.get(quote + 1) == Some(&q) && bytes.get(quote + 2) == Some(&q);
    let f_string = bytes[start..quote]
        .iter()
        .any(|b| b.eq_ignore_ascii_case(&b'f'));
    let mut i = quote + if triple { 3 } else { 1 };
    let mut fields = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' if !triple => return None,
            b'{' if f_string => {
                if bytes.get(i + 1) == Some(&b'{') {
                    i += 2;
                } else {
                    fields += 1;
                    i += 1;
                }
            }
            b'}' if f_string && fields > 0 => {
                fields -= 1;
                i += 1;
            }
            c if c == q => {
                // A quote inside a replacement field: Python 3.12 nesting, not read here.
                if fields > 0 {
                    return None;
                }
                if !triple {
                    return Some(i + 1);
                }
                if bytes.get(i + 1) == Some(&q) && bytes.get(i + 2) == Some(&q) {
                    return Some(i + 3);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::{literals, top_starts};
    use super::*;

    #[test]
    fn strings_comments_and_docstrings_are_literals() {
        let source = "x = 'a'  # note\ns = \"\"\"doc\nstatus_code = 1\n\"\"\"\nb = rb'\\'q'\nf = f\"{a} {{b}}\"\n";
        assert_eq!(
            literals(read(source.as_bytes()), source),
            [
                "'a'",
                "# note",
                "\"\"\"doc\nstatus_code = 1\n\"\"\"",
                "rb'\\'q'",
                "f\"{a} {{b}}\""
            ]
        );
    }

    #[test]
    fn top_level_statements_start_at_column_zero_with_their_decorators() {
        let source = "import os\n\n@app.get('/')\n@auth\ndef f():\n    return 1\n\nif x:\n    pass\nelse:\n    pass\ncall(\n1): y\n";
        assert_eq!(
            top_starts(read(source.as_bytes()), source),
            ["import os", "@app.get('/')", "if x:", "call("]
        );
    }

    #[test]
    fn gives_up_where_unsure() {
        for source in ["s = 'open\n", "f = f'{d['k']}'\n", "x = (1\n"] {
            assert!(read(source.as_bytes()).is_none(), "{source:?}");
        }
    }
}
