//! The Rust lexer of the outline: strings (raw, byte and C strings too), character literals told
//! from lifetimes, nested block comments. A function body is the first `{` after `fn` at the same
//! depth (a `;` first means a declaration), or a `{` right after a closure's `|..|`. A block is
//! the first `{` at the same depth after `if`, `while`, `for` or `match` (Rust allows no struct
//! literal in a condition), or a `{` after `else`, `loop`, `unsafe`, `async`, `move` or `=>`. In
//! top-level
//! code, every `{` but a `use` group's (`use a::{b, c}`) and every `[` that starts an initializer
//! (`= [..]`, `= &[..]`) is a pair a parse may leave out too.

use super::{Found, Outline, PairKind, word_end};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Top,
    Brace,
    Paren,
    Bracket,
}

/// The token before the current one, as far as `{` and `[` care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    /// `|` or `||`: a `{` now opens a closure's body.
    Pipe,
    /// `=`: a `[` now starts an initializer.
    Assign,
    /// `= &`.
    AssignReference,
    /// `::`: a `{` now opens a `use` group.
    Path,
    /// `else`, `loop`, `unsafe`, `async`, `move`, `=>`: a `{` now opens a block.
    Block,
    Other,
}

struct Frame {
    kind: Kind,
    open: usize,
    /// Where an item's header at this depth would start.
    boundary: usize,
    /// `fn` was seen at this depth and its body has not opened yet.
    function: bool,
    /// `if`, `while`, `for` or `match` was seen at this depth and its block has not opened yet.
    control: bool,
    header: usize,
    /// What kind of pair a parse may leave out this is, if it is one.
    pair: Option<PairKind>,
}

impl Frame {
    fn new(kind: Kind, open: usize, header: usize, pair: Option<PairKind>) -> Frame {
        Frame {
            kind,
            open,
            boundary: open + 1,
            function: false,
            control: false,
            header,
            pair,
        }
    }
}

pub fn read(bytes: &[u8]) -> Option<Outline> {
    let mut found = Found::default();
    let mut stack = vec![Frame {
        boundary: 0,
        ..Frame::new(Kind::Top, 0, 0, None)
    }];
    let mut last = Last::Other;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        let mut now = Last::Other;
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'/' if next == Some(b'/') => {
                let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                found.literal(i..end);
                i = end;
                continue;
            }
            b'/' if next == Some(b'*') => {
                let end = block_comment_end(bytes, i)?;
                found.literal(i..end);
                i = end;
                continue;
            }
            b'"' => {
                let end = string_end(bytes, i)?;
                found.literal(i..end);
                i = end;
            }
            b'\'' => {
                let end = quote_end(bytes, i)?;
                if bytes[end - 1] == b'\'' {
                    found.literal(i..end);
                }
                i = end;
            }
            b'{' => {
                let top_level = stack.len() == 1;
                let frame = stack.last_mut()?;
                let body = frame.function || last == Last::Pipe;
                let block = frame.control || last == Last::Block;
                frame.function = false;
                frame.control = false;
                let pair = if body {
                    Some(PairKind::Function)
                } else if top_level {
                    (last != Last::Path).then_some(PairKind::TopLevel)
                } else {
                    block.then_some(PairKind::Block)
                };
                let header = frame.boundary;
                stack.push(Frame::new(Kind::Brace, i, header, pair));
                i += 1;
            }
            b'(' => {
                stack.push(Frame::new(Kind::Paren, i, i, None));
                i += 1;
            }
            b'[' => {
                let initializer =
                    stack.len() == 1 && matches!(last, Last::Assign | Last::AssignReference);
                let header = stack.last()?.boundary;
                stack.push(Frame::new(
                    Kind::Bracket,
                    i,
                    header,
                    initializer.then_some(PairKind::TopLevel),
                ));
                i += 1;
            }
            b'}' | b')' | b']' => {
                let frame = stack.pop()?;
                let wanted = match b {
                    b'}' => Kind::Brace,
                    b')' => Kind::Paren,
                    _ => Kind::Bracket,
                };
                if frame.kind != wanted {
                    return None;
                }
                if let Some(kind) = frame.pair {
                    found.pair(frame.header, frame.open, i, kind);
                }
                if b == b'}' {
                    stack.last_mut()?.boundary = i + 1;
                }
                i += 1;
            }
            b'|' => {
                now = Last::Pipe;
                i += 1;
            }
            b'=' if next == Some(b'>') => {
                now = Last::Block;
                i += 2;
            }
            b'=' => {
                // `a = b`, not `==`, `=>`, `<=`, `!=`, `+=` and the like.
                let operator = i > 0 && b"=!<>+-*/%^&|".contains(&bytes[i - 1]);
                if !operator && !matches!(next, Some(b'=' | b'>')) {
                    now = Last::Assign;
                }
                i += 1;
            }
            b'&' if last == Last::Assign => {
                now = Last::AssignReference;
                i += 1;
            }
            b':' if next == Some(b':') => {
                now = Last::Path;
                i += 2;
            }
            b';' | b',' => {
                let frame = stack.last_mut()?;
                frame.boundary = i + 1;
                if b == b';' {
                    frame.function = false;
                }
                i += 1;
            }
            b'0'..=b'9' => {
                i = word_end(bytes, i);
                // `1.5`, not the `..` of `1..2` or a method on a literal.
                if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                    i = word_end(bytes, i + 1);
                }
            }
            b'_' | b'a'..=b'z' | b'A'..=b'Z' | 0x80.. => {
                let end = word_end(bytes, i);
                let word = &bytes[i..end];
                match (word, bytes.get(end)) {
                    (b"r" | b"br" | b"cr", Some(b'"' | b'#')) if raw_string(bytes, end) => {
                        let close = raw_string_end(bytes, end)?;
                        found.literal(i..close);
                        i = close;
                    }
                    (b"b" | b"c", Some(b'"')) => {
                        let close = string_end(bytes, end)?;
                        found.literal(i..close);
                        i = close;
                    }
                    (b"b", Some(b'\'')) => {
                        let close = quote_end(bytes, end)?;
                        found.literal(i..close);
                        i = close;
                    }
                    // A raw identifier, `r#type`.
                    (b"r", Some(b'#')) => i = word_end(bytes, end + 1),
                    (b"fn", _) => {
                        stack.last_mut()?.function = true;
                        i = end;
                    }
                    (b"if" | b"while" | b"for" | b"match", _) => {
                        stack.last_mut()?.control = true;
                        i = end;
                    }
                    (b"else" | b"loop" | b"unsafe" | b"async" | b"move", _) => {
                        now = Last::Block;
                        i = end;
                    }
                    _ => i = end,
                }
            }
            _ => i += 1,
        }
        last = now;
    }
    (stack.len() == 1).then(|| found.finish(Vec::new(), bytes.len()))
}

/// The end of a `/* */` comment starting at `start`, nested comments included.
fn block_comment_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    loop {
        match (bytes.get(i)?, bytes.get(i + 1)) {
            (b'/', Some(b'*')) => {
                depth += 1;
                i += 2;
            }
            (b'*', Some(b'/')) => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
}

/// The end of a `"..."` string whose quote is at `start` (strings may span lines).
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        match *bytes.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

/// Whether `r`, `br` or `cr` followed by what starts at `at` is a raw string: `"` or `#`s then `"`.
fn raw_string(bytes: &[u8], at: usize) -> bool {
    let hashes = bytes[at..].iter().take_while(|&&b| b == b'#').count();
    bytes.get(at + hashes) == Some(&b'"')
}

/// The end of a raw string whose `#`s or `"` start at `at`.
fn raw_string_end(bytes: &[u8], at: usize) -> Option<usize> {
    let hashes = bytes[at..].iter().take_while(|&&b| b == b'#').count();
    let body = at + hashes + 1;
    let mut closing = Vec::with_capacity(hashes + 1);
    closing.push(b'"');
    closing.resize(hashes + 1, b'#');
    let end = memchr::memmem::find(&bytes[body..], &closing)?;
    Some(body + end + closing.len())
}

/// After a `'` at `start`: the end of a character literal (`'a'`, `'\n'`, `'\u{1F600}'`, `'é'`),
/// or of a lifetime or label (`'a`, `'static`), which ends without a quote.
fn quote_end(bytes: &[u8], start: usize) -> Option<usize> {
    let first = *bytes.get(start + 1)?;
    if first == b'\\' {
        // An escape: the literal ends at the next quote after the escaped character.
        let from = (start + 3).min(bytes.len());
        let close = bytes[from..].iter().take(12).position(|&b| b == b'\'')?;
        return Some(from + close + 1);
    }
    let width = match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    if bytes.get(start + 1 + width) == Some(&b'\'') {
        return Some(start + 2 + width);
    }
    // A lifetime or label: the name, without a closing quote.
    Some(word_end(bytes, start + 1).max(start + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals(source: &str) -> Vec<&str> {
        super::super::testing::literals(read(source.as_bytes()), source)
    }

    fn pairs(source: &str, kind: PairKind) -> Vec<&str> {
        super::super::testing::pairs(read(source.as_bytes()), source, kind)
    }

    fn bodies(source: &str) -> Vec<&str> {
        pairs(source, PairKind::Function)
    }

    #[test]
    fn blocks_inside_functions_are_pairs_and_struct_literals_are_not() {
        let source = "fn f() { if a == b { S { x: 1 } } else { g() } \
                      match c { A => { h() } _ => {} } loop { break; } for x in v.iter() { k(x) } }";
        assert_eq!(
            pairs(source, PairKind::Block),
            [
                "{ S { x: 1 } }",
                "{ g() }",
                "{ A => { h() } _ => {} }",
                "{ h() }",
                "{}",
                "{ break; }",
                "{ k(x) }"
            ]
        );
    }

    #[test]
    fn top_level_items_and_initializers_are_pairs_but_use_groups_and_types_are_not() {
        let source = "use a::{b, c};
#[derive(Debug)]
struct S { x: [u8; 4] }
                      static T: &[&str] = &[\"x\"];
const U: [u8; 2] = [1, 2];
mod m { fn f() {} }";
        assert_eq!(
            pairs(source, PairKind::TopLevel),
            ["{ x: [u8; 4] }", "[\"x\"]", "[1, 2]", "{ fn f() {} }"]
        );
    }

    #[test]
    fn strings_chars_and_comments_are_literals_and_lifetimes_are_not() {
        assert_eq!(
            literals(
                "f(\"{\", r#\"}\"#, b'{', '}', '\\'', 'é') /* a /* b */ } */ // {\nfn g<'a>(x: &'a str) {}"
            ),
            [
                "\"{\"",
                "r#\"}\"#",
                "b'{'",
                "'}'",
                "'\\''",
                "'é'",
                "/* a /* b */ } */",
                "// {"
            ]
        );
    }

    #[test]
    fn function_bodies_and_closure_bodies_but_not_other_blocks() {
        let source = "impl S { fn a(&self) -> Result<(), E> where T: X { if x { 1 } else { 2 } } \
                      fn decl(); }\n\
                      fn b() { v.iter().map(|x| { x + 1 }); match y { _ => {} } }";
        assert_eq!(
            bodies(source),
            [
                "{ if x { 1 } else { 2 } }",
                "{ v.iter().map(|x| { x + 1 }); match y { _ => {} } }",
                "{ x + 1 }"
            ]
        );
    }

    #[test]
    fn attributes_belong_to_the_header() {
        let source = "struct S;\n#[get(\"/\")]\nasync fn index() -> StatusCode { StatusCode::OK }";
        let outline = read(source.as_bytes()).unwrap();
        let body = outline.pairs[0];
        assert!(source[body.header..body.open].contains("#[get"));
    }

    #[test]
    fn unbalanced_or_unterminated_text_gives_no_outline() {
        for source in [
            "fn f() {",
            "fn f() }",
            "f(]",
            "\"open",
            "/* /* */",
            "r#\"open\"",
        ] {
            assert!(read(source.as_bytes()).is_none(), "{source:?}");
        }
    }

    #[test]
    fn raw_identifiers_and_numbers_are_plain_tokens() {
        assert_eq!(
            literals("let r#type = 1.5e3 + 0x1f + 1..2;"),
            Vec::<&str>::new()
        );
    }
}
