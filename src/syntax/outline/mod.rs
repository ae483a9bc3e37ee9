//! A file's outline, read by a lexer in one pass and without a parse: where its strings, comments
//! and regular expressions are, and which brace pairs are function bodies.
//!
//! `statuslint check` uses it twice over. A pre-filter hit inside a string or a comment is no
//! site (the queries match code only), so a file whose hits are all in literals needs no parse.
//! And a function body with no hit in it or in its header (decorators, attributes, name,
//! parameters) holds no site and no response, so its inside can be left out of the parse with
//! tree-sitter's included ranges: the parser then reads `function f() {}` and the tree costs what
//! the code around the hits costs, not what the file does. Leaving out the inside of any real
//! brace pair keeps the rest valid (`{}` is a valid body, block, class body or object), so the
//! nodes that are parsed are the ones a whole parse gives, at the same byte offsets.
//!
//! The lexer is deliberately unsure: wherever its reading might differ from the parser's (JSX, a
//! `<` that starts a type assertion, a string running past its line, brackets that do not pair
//! up, a backslash outside a literal), it gives up and the file is parsed whole, with every hit.
//! What it gets wrong without noticing can only be which brace pairs count as function bodies;
//! the caller parses whole anyway when the skimmed tree has a syntax error.

mod go;
mod javascript;
mod python;
mod rust;

use super::{Language, is_identifier_byte};
use std::ops::Range;

pub struct Outline {
    /// Strings, comments, regular expressions and template text, in order: no code in them.
    literals: Vec<Range<usize>>,
    /// The pairs a parse may leave the inside of out, ordered by where they open.
    pairs: Vec<Pair>,
    /// Where statements start inside function bodies and blocks, grouped by pair
    /// (`Pair::statements` indexes into it).
    statements: Vec<Start>,
    /// Where top-level statements start.
    top: Vec<Start>,
    /// Where the words `import` and `require` are in code: the top-level statements holding one
    /// are kept, as they say how fixes spell a constant.
    imports: Vec<usize>,
    /// The length of the text read.
    len: usize,
}

/// Where a statement starts, directly inside a function body or block, and what stands on
/// either side of the cut: whether leaving out the statements from here to another start can
/// change how the code around the gap parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Start {
    pub at: usize,
    /// The statement before ends in `;`: whatever comes after a gap here starts a new statement.
    pub after_semicolon: bool,
    /// The statement starts with a word that cannot continue an expression (not `in`, `else`,
    /// `instanceof`, ...): after a line break, JavaScript ends the statement before it whatever
    /// that statement was.
    pub word: bool,
}

/// A brace or bracket pair whose inside a parse may leave out. Not the braces of imports
/// (`import { a }`, `const { a } = require(..)`, `use a::{b}`), which say how fixes spell
/// constants, nor an index (`a[i]`), which must not be left empty, nor, inside a function, an
/// object, array or struct literal, which may be the body a response sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// Where the header starts: after the `;`, `,`, `{` or `}` before it at the same nesting
    /// depth, so a function's decorators, attributes, name and parameters belong to it, and so
    /// does an `if`'s condition.
    pub header: usize,
    /// The `{` or `[`.
    pub open: usize,
    /// The `}` or `]`.
    pub close: usize,
    pub kind: PairKind,
    /// The statement starts directly inside, as a range of `Outline::statements`.
    statements: (u32, u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairKind {
    /// A function or closure body, anywhere.
    Function,
    /// A block of a statement inside a function: `if (..) {`, `else {`, `try {`, `catch (e) {`,
    /// `for (..) {`, `loop {`, `match x {`.
    Block,
    /// A pair in top-level code: an object or array literal, a class, `impl` or `mod` body, a
    /// block.
    TopLevel,
}

/// Bodies shorter than this are parsed anyway: leaving them out saves less than the included
/// range costs the parser.
const SHORTEST_SKIPPED: usize = 64;

impl Outline {
    /// The outline of `bytes`, or None when the lexer cannot be sure of it (see the module doc).
    /// JSX and TSX files have no outline: their text between tags is neither code nor a literal.
    pub fn read(language: Language, bytes: &[u8]) -> Option<Outline> {
        match language {
            Language::JavaScript | Language::TypeScript => javascript::read(bytes),
            Language::Rust => rust::read(bytes),
            Language::Python => python::read(bytes),
            Language::Go => go::read(bytes),
            Language::Jsx | Language::Tsx => None,
        }
    }

    /// Whether the byte at `at` is in a string, comment, regular expression or template text.
    pub fn in_literal(&self, at: usize) -> bool {
        let after = self.literals.partition_point(|r| r.start <= at);
        after > 0 && self.literals[after - 1].end > at
    }

    pub fn pairs(&self) -> &[Pair] {
        &self.pairs
    }

    /// The insides of the pairs a parse can leave out when the pre-filter's hits are `hits` (in
    /// order): pairs with no hit from their header to their end, the outer one where they nest
    /// (what is inside a left-out pair is left out with it), in order. A function with a hit in
    /// its header (`@HttpCode(204) remove() {`) keeps every block: rules read all its `return`s.
    pub fn skippable(&self, hits: &[Range<usize>]) -> Vec<Range<usize>> {
        let holds_hit = |from: usize, to: usize| {
            let first = hits.partition_point(|h| h.end <= from);
            hits.get(first).is_some_and(|h| h.start <= to)
        };
        let marked: Vec<Range<usize>> = self
            .pairs
            .iter()
            .filter(|p| p.kind == PairKind::Function && holds_hit(p.header, p.open))
            .map(|p| p.open..p.close)
            .collect();
        let in_marked = |pair: &Pair| marked.iter().any(|m| m.contains(&pair.open));
        let mut skipped: Vec<Range<usize>> = Vec::new();
        let mut statements: Vec<Range<usize>> = Vec::new();
        for pair in &self.pairs {
            if skipped.last().is_some_and(|s| pair.open < s.end)
                || pair.close - pair.open <= SHORTEST_SKIPPED
                || pair.kind == PairKind::Block && in_marked(pair)
            {
                continue;
            }
            if !holds_hit(pair.header, pair.close) {
                skipped.push(pair.open + 1..pair.close);
            } else if pair.kind != PairKind::TopLevel
                && !holds_hit(pair.header, pair.open)
                && !in_marked(pair)
            {
                let starts =
                    &self.statements[pair.statements.0 as usize..pair.statements.1 as usize];
                statement_runs(
                    pair.open + 1,
                    pair.close,
                    starts,
                    &holds_hit,
                    &mut statements,
                );
            }
        }
        if !self.top.is_empty() {
            let holds = |from: usize, to: usize| {
                holds_hit(from, to) || {
                    let first = self.imports.partition_point(|&at| at < from);
                    self.imports.get(first).is_some_and(|&at| at <= to)
                }
            };
            statement_runs(0, self.len, &self.top, &holds, &mut statements);
        }
        if statements.is_empty() {
            return skipped;
        }
        // A run of statements holds every left-out pair inside it; pairs and runs do not overlap
        // otherwise (a run is left out only when no hit is in it, a pair only when none is in it).
        skipped.extend(statements);
        skipped.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut outermost: Vec<Range<usize>> = Vec::with_capacity(skipped.len());
        for range in skipped {
            if outermost.last().is_none_or(|last| range.start >= last.end) {
                outermost.push(range);
            }
        }
        outermost
    }
}

/// The runs of statements between `from` (just inside a body, or the file's start) and `to`
/// (its `}`) that start at `starts`, with no hit in them, where leaving the run out cannot change
/// how the code on either side of the gap parses: the code before it ends in `;` or `{`, or the
/// code after it starts with a word that starts a statement after a line break, or is the `}`.
fn statement_runs(
    from: usize,
    to: usize,
    starts: &[Start],
    holds_hit: &dyn Fn(usize, usize) -> bool,
    out: &mut Vec<Range<usize>>,
) {
    let inside = starts.iter().copied().filter(|s| s.at > from && s.at < to);
    let open = Start {
        at: from,
        after_semicolon: true,
        word: false,
    };
    let close = Start {
        at: to,
        after_semicolon: false,
        word: true,
    };
    let cuts: Vec<Start> = std::iter::once(open)
        .chain(inside)
        .chain(std::iter::once(close))
        .collect();
    let mut first = 0;
    while first + 1 < cuts.len() {
        // The longest run of statements from `cuts[first]` with no hit.
        let mut last = first;
        while last + 1 < cuts.len() && !holds_hit(cuts[last].at, cuts[last + 1].at - 1) {
            last += 1;
        }
        if last == first {
            first += 1;
            continue;
        }
        let end = if cuts[first].after_semicolon {
            Some(last)
        } else {
            (first + 1..=last).rev().find(|&c| cuts[c].word)
        };
        if let Some(end) = end
            && cuts[end].at - cuts[first].at > SHORTEST_SKIPPED
        {
            out.push(cuts[first].at..cuts[end].at);
        }
        first = last;
    }
}

/// At most this many gaps are left out of one parse. tree-sitter's lexer finds its included
/// range by scanning the list from the start at every token (`ts_lexer_goto`), so a parse costs
/// tokens times ranges: a minified file's 40,000 left-out statement runs made the skimmed parse
/// quadratic, 68% of a `check` in `ts_lexer_goto`.
pub const MOST_GAPS: usize = 48;

/// Past [`MOST_GAPS`], a gap is left out only while it is at least this fraction (1/N) of the
/// bytes still parsed: leaving it out saves parsing its bytes, and costs a step of the range scan
/// on every token parsed. Measured: with no cap, 40,000 statement-sized gaps of a 7.6 MB line
/// took 6.2 s; with 48, a 10,000-line library module's skim took 39 ms instead of 12 ms.
const GAP_WORTH: usize = 400;

/// The gaps of `skipped` (sorted, disjoint) worth leaving out of a `len`-byte text, still in
/// order: the widest [`MOST_GAPS`], and then each next widest while it is wide enough for its
/// cost (see [`GAP_WORTH`]). The rest are parsed after all, which gives the tree a whole parse
/// would there.
pub fn widest_gaps(mut skipped: Vec<Range<usize>>, len: usize) -> Vec<Range<usize>> {
    if skipped.len() <= MOST_GAPS {
        return skipped;
    }
    skipped.sort_unstable_by_key(|gap| std::cmp::Reverse(gap.len()));
    let mut parsed = len;
    let mut kept = 0;
    for (i, gap) in skipped.iter().enumerate() {
        if i >= MOST_GAPS && gap.len() * GAP_WORTH < parsed {
            break;
        }
        parsed = parsed.saturating_sub(gap.len());
        kept = i + 1;
    }
    skipped.truncate(kept);
    skipped.sort_by_key(|gap| gap.start);
    skipped
}

/// The parts of a `len`-byte text outside `skipped` (in order, apart), as tree-sitter ranges.
pub fn included_ranges(source: &str, skipped: &[Range<usize>]) -> Vec<tree_sitter::Range> {
    let bytes = source.as_bytes();
    let mut points = Points {
        bytes,
        offset: 0,
        point: tree_sitter::Point::new(0, 0),
    };
    let mut ranges = Vec::with_capacity(skipped.len() + 1);
    let mut start = 0;
    for gap in skipped
        .iter()
        .chain(std::iter::once(&(bytes.len()..bytes.len())))
    {
        if gap.start > start || gap.start == bytes.len() {
            let start_point = points.at(start);
            let end_point = points.at(gap.start);
            ranges.push(tree_sitter::Range {
                start_byte: start,
                end_byte: gap.start,
                start_point,
                end_point,
            });
        }
        start = gap.end;
    }
    ranges
}

/// Row and byte column of offsets asked for in order, counting lines only once.
struct Points<'a> {
    bytes: &'a [u8],
    offset: usize,
    point: tree_sitter::Point,
}

impl Points<'_> {
    fn at(&mut self, offset: usize) -> tree_sitter::Point {
        let between = &self.bytes[self.offset..offset];
        let lines = memchr::memchr_iter(b'\n', between).count();
        if lines == 0 {
            self.point.column += between.len();
        } else {
            let last = memchr::memrchr(b'\n', between).expect("counted above");
            self.point.row += lines;
            self.point.column = between.len() - last - 1;
        }
        self.offset = offset;
        self.point
    }
}

/// What the lexers share: the literal ranges found so far and a way to give up.
#[derive(Default)]
struct Found {
    literals: Vec<Range<usize>>,
    pairs: Vec<Pair>,
    statements: Vec<Start>,
    imports: Vec<usize>,
}

impl Found {
    fn literal(&mut self, range: Range<usize>) {
        if range.start < range.end {
            self.literals.push(range);
        }
    }

    fn pair(&mut self, header: usize, open: usize, close: usize, kind: PairKind) {
        self.pair_with(header, open, close, kind, &[]);
    }

    /// A pair and the statement starts directly inside it.
    fn pair_with(
        &mut self,
        header: usize,
        open: usize,
        close: usize,
        kind: PairKind,
        statements: &[Start],
    ) {
        let first = self.statements.len() as u32;
        self.statements.extend_from_slice(statements);
        self.pairs.push(Pair {
            header,
            open,
            close,
            kind,
            statements: (first, self.statements.len() as u32),
        });
    }

    fn import(&mut self, at: usize) {
        self.imports.push(at);
    }

    fn finish(mut self, top: Vec<Start>, len: usize) -> Outline {
        self.pairs.sort_by_key(|b| b.open);
        Outline {
            literals: self.literals,
            pairs: self.pairs,
            statements: self.statements,
            top,
            imports: self.imports,
            len,
        }
    }
}

/// The end of the identifier (or number) starting at `at`.
fn word_end(bytes: &[u8], at: usize) -> usize {
    at + bytes[at..]
        .iter()
        .take_while(|&&b| is_identifier_byte(b))
        .count()
}

/// What the lexers' tests read off an outline.
#[cfg(test)]
mod testing {
    use super::{Outline, PairKind};

    /// The first line of each top-level statement.
    pub fn top_starts(outline: Option<Outline>, source: &str) -> Vec<&str> {
        let outline = outline.expect("an outline");
        outline
            .top
            .iter()
            .map(|s| source[s.at..].lines().next().unwrap_or(""))
            .collect()
    }

    pub fn literals(outline: Option<Outline>, source: &str) -> Vec<&str> {
        let outline = outline.expect("an outline");
        outline
            .literals
            .iter()
            .map(|r| &source[r.clone()])
            .collect()
    }

    pub fn pairs(outline: Option<Outline>, source: &str, kind: PairKind) -> Vec<&str> {
        let outline = outline.expect("an outline");
        outline
            .pairs
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| &source[p.open..p.close + 1])
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_small_gaps_are_capped_and_wide_ones_kept() {
        // 1,000 gaps of 100 bytes in a 1 MB text: only the widest 48 are worth their cost.
        let small: Vec<Range<usize>> = (0..1000).map(|i| i * 1000..i * 1000 + 100).collect();
        let kept = widest_gaps(small.clone(), 1_000_000);
        assert_eq!(kept.len(), MOST_GAPS);
        assert!(kept.windows(2).all(|w| w[0].start < w[1].start), "in order");
        // 100 gaps of 100 KB in a 10.1 MB text are each worth leaving out.
        let wide: Vec<Range<usize>> = (0..100)
            .map(|i| i * 101_000..i * 101_000 + 100_000)
            .collect();
        assert_eq!(widest_gaps(wide, 10_100_000).len(), 100);
        // Few gaps are all kept, however small.
        assert_eq!(widest_gaps(small[..10].to_vec(), 1_000_000).len(), 10);
    }

    fn outline(language: Language, source: &str) -> Outline {
        Outline::read(language, source.as_bytes()).expect("an outline")
    }

    #[test]
    fn in_literal_is_exact_at_the_edges() {
        let source = "a('status') // status\nb";
        let o = outline(Language::JavaScript, source);
        let quote = source.find('\'').unwrap();
        assert!(!o.in_literal(quote - 1));
        assert!(o.in_literal(quote));
        assert!(o.in_literal(source.find("status').").unwrap_or(quote + 1)));
        assert!(o.in_literal(source.rfind("status").unwrap()));
        assert!(!o.in_literal(source.rfind('b').unwrap()));
    }

    #[test]
    fn a_body_with_a_hit_in_its_header_or_inside_is_kept() {
        let filler = "x();".repeat(40);
        let source = format!(
            "@HttpCode(204) create() {{ {filler} }}\nother() {{ {filler} }}\nlast() {{ res.status(1); {filler} }}"
        );
        let o = outline(Language::TypeScript, &source);
        let skipped = o.skippable(&[hit(&source, "HttpCode"), hit(&source, "status")]);
        let kept: String = included(&source, &skipped);
        // The decorated function whole, `other` gone as a top-level statement with no hit, and
        // of `last` the statement with the hit.
        assert_eq!(
            kept,
            format!("@HttpCode(204) create() {{ {filler} }}\nlast() {{ res.status(1); }}")
        );
    }

    /// Where `word` first is in `source`, as a pre-filter hit.
    fn hit(source: &str, word: &str) -> Range<usize> {
        let at = source.find(word).unwrap();
        at..at + word.len()
    }

    /// The text a parse with `skipped` left out reads.
    fn included(source: &str, skipped: &[Range<usize>]) -> String {
        let mut kept = String::new();
        let mut at = 0;
        for gap in skipped {
            kept.push_str(&source[at..gap.start]);
            at = gap.end;
        }
        kept + &source[at..]
    }

    #[test]
    fn statements_with_no_hit_are_left_out_where_the_gap_cannot_join_what_is_around_it() {
        let filler = "  x()\n".repeat(20);
        // After a line break, a word starts a statement; what `;` ends needs no line break.
        let source = format!("function f() {{\n{filler}  res.status(404)\n{filler}}}\n");
        let o = outline(Language::JavaScript, &source);
        let kept = included(&source, &o.skippable(&[hit(&source, "status")]));
        assert_eq!(kept, "function f() {res.status(404)\n  }\n");
        let source = format!("function f() {{ {}res.status(404); }}", "x();".repeat(30));
        let o = outline(Language::JavaScript, &source);
        let kept = included(&source, &o.skippable(&[hit(&source, "status")]));
        assert_eq!(kept, "function f() {res.status(404); }");
        // `else`, `in`, `(` and `[` carry on the statement before them: no cut there.
        for next in ["else y()", "in z", "(a)", "[0]"] {
            let source = format!("function f() {{\n  if (a) res.status(404)\n  {next}\n{filler}}}");
            let o = outline(Language::JavaScript, &source);
            let at = source.find(next).unwrap();
            let skipped = o.skippable(&[hit(&source, "status")]);
            assert!(
                skipped.iter().all(|gap| gap.start != at && gap.end != at),
                "{next}: {skipped:?}"
            );
        }
        // A `switch` body keeps its cases (a pattern reads them), and so does a block whose
        // header holds the hit.
        let cases = "  case 1: x()\n".repeat(20);
        for source in [
            format!("function f() {{\n  switch (res.status) {{\n{cases}  }}\n}}"),
            format!("function f() {{\n  if (res.status) {{\n{filler}  }}\n}}"),
        ] {
            let o = outline(Language::JavaScript, &source);
            assert_eq!(
                included(&source, &o.skippable(&[hit(&source, "status")])),
                source
            );
        }
        // A decorator stays with what it decorates.
        let source =
            format!("{filler}@Controller()\nexport class A {{ m() {{ res.status(404) }} }}\n");
        let o = outline(Language::TypeScript, &source);
        let kept = included(&source, &o.skippable(&[hit(&source, "status")]));
        assert!(kept.contains("@Controller()\nexport class A"), "{kept}");
    }

    #[test]
    fn top_level_imports_and_requires_are_kept() {
        let filler = "x()\n".repeat(30);
        let source = format!(
            "{filler}import {{ HttpStatus }} from '@nestjs/common'\n{filler}const s = require('http-status')\n{filler}f(res.status(404))\n{filler}"
        );
        let o = outline(Language::JavaScript, &source);
        // The code's `status`, not the one in `'http-status'`.
        let at = source.find("status(").unwrap();
        let hit = at..at + "status".len();
        let kept = included(&source, &o.skippable(std::slice::from_ref(&hit)));
        assert_eq!(
            kept,
            "import { HttpStatus } from '@nestjs/common'\nconst s = require('http-status')\nf(res.status(404))\n"
        );
    }

    #[test]
    fn short_bodies_and_bodies_inside_skipped_ones_are_not_listed_apart() {
        let inner = "y();".repeat(40);
        let source =
            format!("function a() {{ function b() {{ {inner} }} {inner} }} function c() {{}}");
        let o = outline(Language::JavaScript, &source);
        assert_eq!(o.pairs().len(), 3);
        let skipped = o.skippable(&[]);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].start, source.find('{').unwrap() + 1);
    }

    #[test]
    fn included_ranges_carry_rows_and_byte_columns() {
        let source = "ab\ncd{xyz\nw}\né";
        let open = source.find('{').unwrap();
        let close = source.find('}').unwrap();
        let gap = open + 1..close;
        let ranges = included_ranges(source, std::slice::from_ref(&gap));
        assert_eq!(ranges.len(), 2);
        assert_eq!((ranges[0].start_byte, ranges[0].end_byte), (0, open + 1));
        assert_eq!(ranges[0].end_point, tree_sitter::Point::new(1, 3));
        assert_eq!(ranges[1].start_byte, close);
        assert_eq!(ranges[1].start_point, tree_sitter::Point::new(2, 1));
        assert_eq!(ranges[1].end_point, tree_sitter::Point::new(3, 2));
        assert_eq!(ranges[1].end_byte, source.len());
    }
}
