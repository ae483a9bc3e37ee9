//! Go's outline: its strings, runes and comments, and where its top-level declarations start
//! (`func`, `type`, `var`, `const`, `import`: gofmt puts each at the start of a line). A whole
//! declaration with no hit can be left out of the parse and what is left is still a Go file, so
//! `Outline::skippable` leaves out the runs of them that hold no hit and no import.
//!
//! Unsure, it gives up (None): an interpreted string or rune running past its line, a block
//! comment that never ends, brackets that do not pair up.

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
    let mut line_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        if line_start && depth == 0 && b.is_ascii_alphabetic() {
            top.push(Start {
                at: i,
                after_semicolon: true,
                word: true,
            });
        }
        line_start = false;
        match b {
            b'\n' => {
                line_start = true;
                i += 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                found.literal(i..end);
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let close = memchr::memmem::find(&bytes[i + 2..], b"*/")?;
                let end = i + 2 + close + 2;
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
            b'`' => {
                let close = memchr::memchr(b'`', &bytes[i + 1..])?;
                let end = i + 1 + close + 1;
                found.literal(i..end);
                i = end;
            }
            b'"' | b'\'' => {
                let mut j = i + 1;
                loop {
                    match bytes.get(j)? {
                        b'\\' => j += 2,
                        b'\n' => return None,
                        c if *c == b => break,
                        _ => j += 1,
                    }
                }
                found.literal(i..j + 1);
                i = j + 1;
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

#[cfg(test)]
mod tests {
    use super::super::testing::{literals, top_starts};
    use super::*;

    #[test]
    fn strings_runes_raw_strings_and_comments_are_literals() {
        let source =
            "var a = \"x\\\"y\" // note\nvar r = '\\''\nvar s = `raw\nline`\n/* block */\n";
        assert_eq!(
            literals(read(source.as_bytes()), source),
            [
                "\"x\\\"y\"",
                "// note",
                "'\\''",
                "`raw\nline`",
                "/* block */"
            ]
        );
    }

    #[test]
    fn top_level_declarations_start_at_column_zero() {
        let source = "package main\n\nimport (\n\t\"net/http\"\n)\n\n// doc\nfunc f() {\n\tx := 1\n}\n\nconst C = 1\n";
        assert_eq!(
            top_starts(read(source.as_bytes()), source),
            ["package main", "import (", "func f() {", "const C = 1"]
        );
    }

    #[test]
    fn gives_up_where_unsure() {
        for source in ["var s = \"open\n", "/* never ends", "func f() {\n"] {
            assert!(read(source.as_bytes()).is_none(), "{source:?}");
        }
    }
}
