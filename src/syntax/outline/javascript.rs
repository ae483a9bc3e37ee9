//! The JavaScript and TypeScript lexer of the outline. What it must get right is where literals
//! start and end, so that braces inside them are not counted: quotes, template literals with
//! their `${}` substitutions, comments, and the one hard case, a `/` that starts a regular
//! expression rather than dividing (decided by the token before it, as JavaScript's own grammar
//! does in nearly every program). A function body is a `{` after `=>`, after the `)` of a
//! parameter list (not of `if (..)`, `for (..)`, `while (..)`, `switch (..)`, `catch (..)`), or
//! after a TypeScript return type (`): Promise<T> {`). A block is a `{` after a control keyword's
//! condition, `else`, `try`, `finally`, `do` or a bare `catch`. In top-level code, every `{` but an
//! import's or a declaration's pattern (`const { a } = require(..)`) and every `[` that starts an
//! array (not an index or a type) is a pair a parse may leave out too.

use super::{Found, Outline, PairKind, Start, word_end};
use crate::syntax::is_identifier_byte;

/// The token before the current one, as far as `/`, `<` and `{` care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    /// Start of file or a punctuator: an expression may start here.
    Punctuator,
    /// An identifier, number, string, template, `]` or `}`: an operand just ended.
    Operand,
    /// A keyword after which an expression starts (`return`, `typeof`, `case`, ...).
    ExpressionKeyword,
    /// `if`, `for`, `while`, `switch`, `catch`, `with`: a `(` after it is no parameter list.
    ControlKeyword,
    /// `else`, `try`, `finally`, `do`: a `{` after it opens a block.
    BlockKeyword,
    /// `import`, `export`, `const`, `let`, `var`: a `{` after it names imports or bindings.
    Declaration,
    /// `,`, after which `{` may continue an import (`import a, { b }`).
    Comma,
    /// `)` closing a parameter list or call arguments, or a control keyword's condition.
    Paren { control: bool },
    /// `=>`.
    Arrow,
    /// `>`, which may close type arguments (`): Promise<T> {`).
    Angle,
}

impl Last {
    fn expression_may_start(self) -> bool {
        matches!(
            self,
            Last::Punctuator
                | Last::Comma
                | Last::ExpressionKeyword
                | Last::ControlKeyword
                | Last::BlockKeyword
                | Last::Arrow
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Top,
    Brace,
    Paren {
        control: bool,
    },
    Bracket,
    /// `${` in a template literal: its `}` resumes the template.
    Substitution,
}

struct Frame {
    kind: Kind,
    open: usize,
    /// Where a function header at this depth would start.
    boundary: usize,
    /// A `)` then `:` was seen here: a `{` after a type may open the function body.
    return_type: bool,
    /// The header start of the pair this frame's bracket opens.
    header: usize,
    /// What kind of pair a parse may leave out this is, if it is one.
    pair: Option<PairKind>,
    /// Whether statement starts directly inside are recorded: in function bodies and blocks,
    /// not in a `switch` body, whose cases a pattern reads.
    statements: bool,
    starts: Vec<Start>,
    /// A decorator (`@Controller()`) was seen since the last statement start: the line break
    /// after it does not end a statement, as the class it decorates is next.
    decorated: bool,
}

impl Frame {
    fn new(kind: Kind, open: usize, header: usize, pair: Option<PairKind>) -> Frame {
        Frame {
            kind,
            open,
            boundary: open + 1,
            return_type: false,
            header,
            pair,
            statements: false,
            starts: Vec::new(),
            decorated: false,
        }
    }
}

/// A statement may start at the next token: after a `;`, or after a line break that follows an
/// operand (automatic semicolon insertion, if the next token is a word that cannot go on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    None,
    Semicolon,
    LineBreak,
}

/// Words that, first on a line, carry on the statement of the line before instead of starting
/// one: binary operators, the rest of an `if`, `try` or `do`, and TypeScript's type operators.
fn continues(word: &[u8]) -> bool {
    matches!(
        word,
        b"else"
            | b"catch"
            | b"finally"
            | b"while"
            | b"in"
            | b"instanceof"
            | b"of"
            | b"as"
            | b"satisfies"
            | b"extends"
            | b"implements"
            | b"from"
            | b"is"
            | b"keyof"
            | b"asserts"
            | b"case"
            | b"default"
    )
}

/// Whether `b` can start a word: an identifier, a keyword or a `#private` name.
fn starts_word(b: u8) -> bool {
    matches!(b, b'#' | b'_' | b'$' | b'a'..=b'z' | b'A'..=b'Z' | 0x80..)
}

pub fn read(bytes: &[u8]) -> Option<Outline> {
    let mut found = Found::default();
    let mut stack = vec![Frame {
        boundary: 0,
        statements: true,
        ..Frame::new(Kind::Top, 0, 0, None)
    }];
    let mut last = Last::Punctuator;
    let mut pending = Pending::None;
    // Where the latest `(..)` opened: a `{` after `switch (..)` opens a switch body.
    let mut paren_open = 0;
    let mut i = 0;
    if bytes.starts_with(b"#!") {
        i = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
        found.literal(0..i);
    }
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        let trivia = matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
            || b == b'/' && matches!(next, Some(b'/' | b'*'));
        if pending != Pending::None && !trivia {
            let word = starts_word(b) && !continues(&bytes[i..word_end(bytes, i + 1)]);
            let frame = stack.last_mut()?;
            if b != b'}' && (pending == Pending::Semicolon || word) {
                frame.starts.push(Start {
                    at: i,
                    after_semicolon: pending == Pending::Semicolon,
                    word,
                });
            }
            pending = Pending::None;
        }
        match b {
            b'\n' => {
                let frame = stack.last()?;
                if frame.statements
                    && !frame.decorated
                    && matches!(last, Last::Operand | Last::Paren { control: false })
                {
                    pending = Pending::LineBreak;
                }
                i += 1;
            }
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c => i += 1,
            b'/' if next == Some(b'/') => {
                let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                found.literal(i..end);
                i = end;
            }
            b'/' if next == Some(b'*') => {
                let end = i + 2 + memchr::memmem::find(&bytes[i + 2..], b"*/")? + 2;
                found.literal(i..end);
                i = end;
            }
            b'/' if last.expression_may_start() => {
                let end = regex_end(bytes, i)?;
                found.literal(i..end);
                i = end;
                last = Last::Operand;
            }
            b'\'' | b'"' => {
                let end = string_end(bytes, i)?;
                found.literal(i..end);
                i = end;
                last = Last::Operand;
            }
            b'`' => {
                (i, last) = template(bytes, i, &mut found, &mut stack)?;
            }
            b'{' => {
                let top_level = stack.len() == 1;
                let frame = stack.last_mut()?;
                let body = match last {
                    Last::Arrow | Last::Paren { control: false } => true,
                    Last::Operand | Last::Angle | Last::Paren { .. } => frame.return_type,
                    _ => false,
                };
                // An object type inside the return type (`Promise<{ a: T }>`) leaves it open.
                frame.return_type &= !body;
                frame.decorated = false;
                let pair = if body {
                    Some(PairKind::Function)
                } else if top_level {
                    (!matches!(last, Last::Declaration | Last::Comma)).then_some(PairKind::TopLevel)
                } else {
                    matches!(
                        last,
                        Last::Paren { control: true } | Last::ControlKeyword | Last::BlockKeyword
                    )
                    .then_some(PairKind::Block)
                };
                let header = frame.boundary;
                let switch = last == (Last::Paren { control: true })
                    && bytes[..paren_open].trim_ascii_end().ends_with(b"switch");
                let mut brace = Frame::new(Kind::Brace, i, header, pair);
                brace.statements =
                    matches!(pair, Some(PairKind::Function | PairKind::Block)) && !switch;
                stack.push(brace);
                i += 1;
                last = Last::Punctuator;
            }
            b'}' => {
                let frame = stack.pop()?;
                match frame.kind {
                    Kind::Substitution => {
                        (i, last) = template(bytes, i, &mut found, &mut stack)?;
                        continue;
                    }
                    Kind::Brace => {
                        if let Some(kind) = frame.pair {
                            found.pair_with(frame.header, frame.open, i, kind, &frame.starts);
                        }
                    }
                    _ => return None,
                }
                stack.last_mut()?.boundary = i + 1;
                i += 1;
                last = Last::Operand;
            }
            b'(' => {
                let control = last == Last::ControlKeyword;
                stack.push(Frame::new(Kind::Paren { control }, i, i, None));
                i += 1;
                last = Last::Punctuator;
            }
            b')' => {
                let frame = stack.pop()?;
                let Kind::Paren { control } = frame.kind else {
                    return None;
                };
                paren_open = frame.open;
                i += 1;
                last = Last::Paren { control };
            }
            b'[' => {
                // An array in top-level code; after an operand it is an index or a type.
                let array = stack.len() == 1
                    && matches!(
                        last,
                        Last::Punctuator | Last::Comma | Last::ExpressionKeyword
                    );
                let header = stack.last()?.boundary;
                stack.push(Frame::new(
                    Kind::Bracket,
                    i,
                    header,
                    array.then_some(PairKind::TopLevel),
                ));
                i += 1;
                last = Last::Punctuator;
            }
            b']' => {
                let frame = stack.pop()?;
                if frame.kind != Kind::Bracket {
                    return None;
                }
                if let Some(kind) = frame.pair {
                    found.pair(frame.header, frame.open, i, kind);
                }
                i += 1;
                last = Last::Operand;
            }
            b';' | b',' => {
                let frame = stack.last_mut()?;
                frame.boundary = i + 1;
                if b == b';' {
                    frame.return_type = false;
                    frame.decorated = false;
                    if frame.statements {
                        pending = Pending::Semicolon;
                    }
                }
                i += 1;
                last = if b == b',' {
                    Last::Comma
                } else {
                    Last::Punctuator
                };
            }
            b'=' if next == Some(b'>') => {
                i += 2;
                last = Last::Arrow;
            }
            b'=' => {
                if next != Some(b'=') {
                    stack.last_mut()?.return_type = false;
                }
                i += 1;
                last = Last::Punctuator;
            }
            b':' => {
                if last == (Last::Paren { control: false }) {
                    stack.last_mut()?.return_type = true;
                }
                i += 1;
                last = Last::Punctuator;
            }
            // JSX (`return <div>`), or a TypeScript type assertion or generic arrow (`<T>x`):
            // text the lexer cannot read as the parser does.
            b'<' if last.expression_may_start()
                && next.is_some_and(|n| n == b'>' || is_identifier_byte(n)) =>
            {
                return None;
            }
            b'>' => {
                i += 1;
                last = Last::Angle;
            }
            b'+' | b'-' if next == Some(b) => {
                // `a++ / 2` divides; `++/re/` is no program.
                i += 2;
                if last.expression_may_start() {
                    last = Last::Punctuator;
                }
            }
            b'.' if next.is_some_and(|n| n.is_ascii_digit()) => {
                i = number_end(bytes, i + 1);
                last = Last::Operand;
            }
            b'0'..=b'9' => {
                i = number_end(bytes, i);
                last = Last::Operand;
            }
            b if starts_word(b) => {
                let end = word_end(bytes, i + 1);
                // A member name (`x.if`, `x.return`) is never a keyword.
                let member = bytes[..i].trim_ascii_end().ends_with(b".");
                if !member && matches!(&bytes[i..end], b"import" | b"require") {
                    found.import(i);
                }
                last = if member {
                    Last::Operand
                } else {
                    keyword(&bytes[i..end])
                };
                i = end;
            }
            // An identifier written with a Unicode escape (`\u0061`): too rare to read.
            b'\\' => return None,
            b'@' => {
                stack.last_mut()?.decorated = true;
                i += 1;
                last = Last::Punctuator;
            }
            _ => {
                i += 1;
                last = Last::Punctuator;
            }
        }
    }
    let top = stack.pop()?;
    stack
        .is_empty()
        .then(|| found.finish(top.starts, bytes.len()))
}

fn keyword(word: &[u8]) -> Last {
    match word {
        b"if" | b"for" | b"while" | b"switch" | b"catch" | b"with" | b"await" => {
            Last::ControlKeyword
        }
        b"import" | b"export" | b"const" | b"let" | b"var" => Last::Declaration,
        b"else" | b"try" | b"finally" | b"do" => Last::BlockKeyword,
        b"return" | b"typeof" | b"instanceof" | b"in" | b"of" | b"new" | b"delete" | b"void"
        | b"throw" | b"case" | b"yield" | b"extends" | b"default" => Last::ExpressionKeyword,
        _ => Last::Operand,
    }
}

/// The end of a quoted string starting at `start`; None when a line ends first (the lexer has
/// misread something) or the file does.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let quote = bytes[start];
    let mut i = start + 1;
    loop {
        match *bytes.get(i)? {
            b if b == quote => return Some(i + 1),
            b'\\' => {
                i += 2;
                // `\` then CRLF continues the line.
                if bytes.get(i - 1) == Some(&b'\r') && bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' | b'\r' => return None,
            _ => i += 1,
        }
    }
}

/// The end of a regular expression literal starting at `start`, flags included.
fn regex_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    let mut class = false;
    loop {
        match *bytes.get(i)? {
            b'\\' => {
                if matches!(bytes.get(i + 1), Some(b'\n' | b'\r') | None) {
                    return None;
                }
                i += 2;
                continue;
            }
            b'\n' | b'\r' => return None,
            b'[' => class = true,
            b']' => class = false,
            b'/' if !class => return Some(word_end(bytes, i + 1)),
            _ => {}
        }
        i += 1;
    }
}

/// Reads template text from `start` (a template's `` ` `` or a substitution's `}`) to the closing
/// `` ` `` or the next `${`, which opens a substitution frame. Returns where code resumes and
/// what it resumes after: the whole template, or the `${`.
fn template(
    bytes: &[u8],
    start: usize,
    found: &mut Found,
    stack: &mut Vec<Frame>,
) -> Option<(usize, Last)> {
    let mut i = start + 1;
    loop {
        match *bytes.get(i)? {
            b'\\' => i += 2,
            b'`' => {
                found.literal(start..i + 1);
                return Some((i + 1, Last::Operand));
            }
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                found.literal(start..i);
                stack.push(Frame::new(Kind::Substitution, i, i, None));
                return Some((i + 2, Last::Punctuator));
            }
            _ => i += 1,
        }
    }
}

/// The end of a number (`404`, `0x194`, `1_000n`, `1.5e3`) starting at `start`.
fn number_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        let exponent_sign =
            matches!(b, b'+' | b'-') && matches!(bytes.get(i - 1), Some(b'e' | b'E'));
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exponent_sign {
            i += 1;
        } else {
            break;
        }
    }
    i
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
    fn blocks_inside_functions_are_pairs_and_literals_there_are_not() {
        let source = "function f(a) { if (a) { x({ k: [1] }); } else { y(); } try {} catch { z(); } \
                      do { w(); } while (a); switch (a) { case 1: {} } }";
        assert_eq!(
            pairs(source, PairKind::Block),
            [
                "{ x({ k: [1] }); }",
                "{ y(); }",
                "{}",
                "{ z(); }",
                "{ w(); }",
                "{ case 1: {} }"
            ]
        );
    }

    #[test]
    fn top_level_literals_and_blocks_are_pairs_but_imports_and_indexes_are_not() {
        let source = "import a, { b } from 'b';
const { c } = require('c');
                      const t = [1, [2]];
x[0] = { k: [3] };
class C { m() {} }
if (x) { y(); }";
        assert_eq!(
            pairs(source, PairKind::TopLevel),
            ["[1, [2]]", "{ k: [3] }", "{ m() {} }", "{ y(); }"]
        );
    }

    #[test]
    fn strings_comments_and_templates_are_literals() {
        assert_eq!(
            literals("a('x{', \"y}\") // }\n/* { */ `t${ `u` }v`"),
            ["'x{'", "\"y}\"", "// }", "/* { */", "`t", "`u`", "}v`"]
        );
    }

    #[test]
    fn a_slash_after_an_operand_divides_and_after_a_keyword_starts_a_regex() {
        assert_eq!(literals("x = a / b / c"), Vec::<&str>::new());
        assert_eq!(literals("return /}\"/g.test(s)"), ["/}\"/g"]);
        assert_eq!(literals("f(/[/]}/)"), ["/[/]}/"]);
        assert_eq!(literals("x = (a) / 2 / (b)"), Vec::<&str>::new());
        assert_eq!(literals("a++ / 2 / b"), Vec::<&str>::new());
    }

    #[test]
    fn function_bodies_are_told_from_blocks_and_objects() {
        let source = "function f(a) { if (a) { x({ k: 1 }); } }\n\
                      const g = async (r) => { for (;;) {} };\n\
                      class C { m() { try {} catch (e) {} } }";
        assert_eq!(
            bodies(source),
            [
                "{ if (a) { x({ k: 1 }); } }",
                "{ for (;;) {} }",
                "{ try {} catch (e) {} }"
            ]
        );
    }

    #[test]
    fn a_typescript_return_type_leads_to_the_body() {
        let source = "class C { async find(@Body() dto: D): Promise<{ a: string }> { return 1; } }";
        assert_eq!(bodies(source), ["{ return 1; }"]);
        let arrow = "const f = (x: number): Map<string, number> => { return m; };";
        assert_eq!(bodies(arrow), ["{ return m; }"]);
    }

    #[test]
    fn a_header_starts_after_the_previous_member() {
        let source = "class C { a() {} @HttpCode(204) b() {} }";
        let outline = read(source.as_bytes()).unwrap();
        let b = outline
            .pairs
            .iter()
            .filter(|p| p.kind == PairKind::Function)
            .nth(1)
            .copied()
            .unwrap();
        assert_eq!(&source[b.header..b.open], " @HttpCode(204) b() ");
    }

    #[test]
    fn what_the_lexer_cannot_read_as_the_parser_does_gives_no_outline() {
        for source in [
            "return <div>{x}</div>",
            "const x = <T>(y);",
            "f('unterminated\n')",
            "f(()",
            "f())",
            "{ ]",
            "/* never closed",
            "`never closed",
            "x = /never closed\n/",
            "\\u0061 = 1",
        ] {
            assert!(read(source.as_bytes()).is_none(), "{source:?}");
        }
    }

    #[test]
    fn jsx_text_with_an_apostrophe_cannot_fool_it() {
        // Without the JSX check, `'` would open a string that runs on past the line.
        assert!(read(b"const a = () => <p>Don't</p>;\nres.status(404);").is_none());
    }

    #[test]
    fn member_names_are_not_keywords() {
        // `x.return / 2` divides; a keyword there would have opened a regex.
        assert_eq!(literals("y = x.return / 2 / z"), Vec::<&str>::new());
    }
}
