//! Completion by phrase: inside a status position the user types words (`Too Many`, `rate lim`,
//! `teapot`) or digits (`42`) and gets codes, ranked by the catalog's search.
//!
//! The typed words are not valid code, so the syntax tree is no help here; the slot is found by
//! looking back along the line for an opener such as `.status(` or `StatusCode::`.

use crate::catalog::{Code, Standing, catalog, screaming_snake};
use crate::rules::fix::camel_case;
use crate::syntax::{Family, Language};

/// How the chosen code is written into the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `429`
    Number,
    /// `TOO_MANY_REQUESTS` after `StatusCode::` or `HttpStatus.`
    Screaming,
    /// `TooManyRequests` after rocket's `Status::`
    Camel,
    /// `TooManyRequests()` after actix-web's `HttpResponse::`
    CamelCall,
    /// `TooManyRequests` after Go's `http.Status` (net/http's own names: `Teapot`)
    GoName,
    /// `TOO_MANY_REQUESTS` after Python's `HTTPStatus.` (its own names: `REQUEST_ENTITY_TOO_LARGE`)
    PythonName,
    /// `HTTP_429_TOO_MANY_REQUESTS` after Starlette's, FastAPI's or DRF's `status.`
    PythonStatusModule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Byte offset where the typed text starts; the completion replaces from here to the cursor.
    pub start: usize,
    pub typed: String,
    pub style: Style,
}

const JS_OPENERS: &[(&str, Style)] = &[
    (".status(", Style::Number),
    (".sendStatus(", Style::Number),
    (".code(", Style::Number),
    (".writeHead(", Style::Number),
    (".throw(", Style::Number),
    (".redirect(", Style::Number),
    ("@HttpCode(", Style::Number),
    ("createError(", Style::Number),
    ("createHttpError(", Style::Number),
    ("httpErrors(", Style::Number),
    ("status:", Style::Number),
    (".statusCode =", Style::Number),
    (".status =", Style::Number),
    ("HttpStatus.", Style::Screaming),
    ("StatusCodes.", Style::Screaming),
    ("httpStatus.", Style::Screaming),
];

const RUST_OPENERS: &[(&str, Style)] = &[
    ("StatusCode::", Style::Screaming),
    ("HttpResponse::", Style::CamelCall),
    ("Status::", Style::Camel),
    (".status(", Style::Number),
    ("from_u16(", Style::Number),
    ("Status::new(", Style::Number),
    ("from_code(", Style::Number),
];

const PYTHON_OPENERS: &[(&str, Style)] = &[
    ("status_code=", Style::Number),
    ("status_code =", Style::Number),
    ("status=", Style::Number),
    ("code=", Style::Number),
    ("abort(", Style::Number),
    ("HTTPException(", Style::Number),
    ("HTTPStatus.", Style::PythonName),
    ("status.", Style::PythonStatusModule),
];

const GO_OPENERS: &[(&str, Style)] = &[
    ("http.Status", Style::GoName),
    ("fiber.Status", Style::GoName),
    ("WriteHeader(", Style::Number),
    (".JSON(", Style::Number),
    (".String(", Style::Number),
    (".XML(", Style::Number),
    (".HTML(", Style::Number),
    (".AbortWithStatus(", Style::Number),
    (".AbortWithStatusJSON(", Style::Number),
    (".NoContent(", Style::Number),
    (".Status(", Style::Number),
    (".SendStatus(", Style::Number),
    ("NewHTTPError(", Style::Number),
    ("NewError(", Style::Number),
];

/// The status slot the cursor is in, if any.
pub fn slot_at(text: &str, offset: usize, language: Language) -> Option<Slot> {
    let offset = offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return None;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..offset];
    let openers = match language.family() {
        Family::Javascript => JS_OPENERS,
        Family::Rust => RUST_OPENERS,
        Family::Python => PYTHON_OPENERS,
        Family::Go => GO_OPENERS,
    };
    // The opener closest to the cursor wins (`Status::new(` over `Status::`).
    let (at, opener, style) = openers
        .iter()
        .filter_map(|(opener, style)| {
            line.rfind(opener)
                .map(|at| (at + opener.len(), *opener, *style))
        })
        .max_by_key(|(end, opener, _)| (*end, opener.len()))?;
    let opener_start = line_start + at - opener.len();
    if !opener_in_context(text, opener_start, opener, language) {
        return None;
    }
    let tail = &line[at..];
    let typed = tail.trim_start();
    let is_wordish = |c: char| c.is_alphanumeric() || matches!(c, ' ' | '\'' | '-' | '_');
    if !typed.chars().all(is_wordish) {
        return None;
    }
    Some(Slot {
        start: line_start + at + (tail.len() - typed.len()),
        typed: typed.to_string(),
        style,
    })
}

/// The same precision the site queries keep: a method opener needs a receiver that looks like a
/// response, `status:` a response init object, rocket's `Status::` a file that uses rocket.
fn opener_in_context(text: &str, opener_start: usize, opener: &str, language: Language) -> bool {
    let before = &text[..opener_start];
    if opener.starts_with('.') {
        let receiver_start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$' || c == '.'))
            .map_or(0, |i| i + 1);
        let receiver = &before[receiver_start..];
        // A chained call (`h.response(x).code(`) ends in `)`: the chain's start is not on hand.
        return receiver.is_empty() || crate::syntax::sites::looks_like_response(receiver);
    }
    if opener == "status:" {
        let mut window_start = before.len().saturating_sub(300);
        while !before.is_char_boundary(window_start) {
            window_start -= 1;
        }
        let window = &before[window_start..];
        return ["Response", "json(", "redirect("]
            .iter()
            .any(|call| window.contains(call));
    }
    if language.is_rust() && opener.starts_with("Status::") {
        return text.contains("rocket::");
    }
    // `status.` is Starlette's, FastAPI's or DRF's module only where the file imports it
    // (`from fastapi import status`), not any object's `status`.
    if opener == "status." {
        let at_word = before.is_empty()
            || !before.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.');
        return at_word
            && text.lines().any(|line| {
                let line = line.trim_start();
                line.starts_with("from ")
                    && line.contains(" import ")
                    && line
                        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .any(|word| word == "status")
            });
    }
    // `status=`, `code=` and `status_code=` are keyword arguments, not `self.status=`.
    if opener.ends_with('=') && !opener.contains(' ') {
        return !before.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.');
    }
    true
}

/// One completion: what the list shows and what goes into the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub label: String,
    pub insert: String,
    pub detail: String,
    pub code: u16,
}

/// The candidates for a slot, best first.
pub fn candidates(slot: &Slot, limit: usize) -> Vec<Candidate> {
    let catalog = catalog();
    let ranked: Vec<(&Code, usize)> = if slot.typed.trim().is_empty() {
        catalog
            .codes()
            .iter()
            .filter(|c| c.iana().is_some_and(|m| m.standing == Standing::Standard))
            .map(|c| (c, 0))
            .collect()
    } else {
        // A code a platform generates itself (Edgio's 542, AWS's 463) is one an application
        // should not send, and `check` says so: completion offers it only when asked for by its
        // number or its exact name.
        catalog
            .search(&slot.typed, limit)
            .into_iter()
            .filter(|hit| {
                use crate::catalog::search::{Tier, normalize};
                hit.tier >= Tier::ExactPhrase
                    || normalize(hit.phrase()) == normalize(&slot.typed)
                    || catalog.reserved_by(hit.code.code).next().is_none()
            })
            .map(|hit| (hit.code, hit.meaning))
            .collect()
    };
    ranked
        .into_iter()
        .filter_map(|(code, meaning)| candidate(code, meaning, slot.style))
        .take(limit)
        .collect()
}

fn candidate(code: &Code, meaning: usize, style: Style) -> Option<Candidate> {
    let meaning = &code.meanings[meaning];
    let owner = if meaning.platform == "iana" {
        String::new()
    } else {
        format!(" ({})", catalog().platform_name(&meaning.platform))
    };
    let detail = format!("{} {}{owner}", code.code, meaning.phrase);
    if style == Style::Number {
        // The label names the code; the detail says where the meaning comes from, so a client
        // that shows both (`429 Too Many Requests  4xx Client Error · IANA standard`) does not
        // say the phrase twice.
        let source = if meaning.platform == "iana" {
            format!(
                "{} · IANA {}",
                code.class().label(),
                meaning.standing.label()
            )
        } else {
            catalog().platform_name(&meaning.platform).to_string()
        };
        return Some(Candidate {
            label: format!("{} {}", code.code, meaning.phrase),
            insert: code.code.to_string(),
            detail: source,
            code: code.code,
        });
    }
    use crate::catalog::ListedLibrary::{GoNetHttp, PythonHttp};
    let listed = match style {
        Style::GoName => Some(catalog().listed_constant(GoNetHttp, code.code)?.to_string()),
        Style::PythonName => Some(
            catalog()
                .listed_constant(PythonHttp, code.code)?
                .to_string(),
        ),
        Style::PythonStatusModule => Some(format!(
            "HTTP_{}_{}",
            code.code,
            catalog().listed_constant(PythonHttp, code.code)?
        )),
        _ => None,
    };
    if let Some(name) = listed {
        return Some(Candidate {
            label: name.clone(),
            insert: name,
            detail,
            code: code.code,
        });
    }
    // Constants exist only for registered codes.
    let screaming = catalog().rust_http_constant(code.code).or_else(|| {
        let iana = code.iana()?;
        (iana.standing != Standing::Reserved).then(|| screaming_snake(&iana.phrase))
    })?;
    let name = match style {
        Style::Screaming => screaming,
        Style::Camel => camel_case(&screaming),
        Style::CamelCall => format!("{}()", camel_case(&screaming)),
        Style::Number | Style::GoName | Style::PythonName | Style::PythonStatusModule => {
            unreachable!("handled above")
        }
    };
    Some(Candidate {
        label: name.clone(),
        insert: name,
        detail,
        code: code.code,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_typed_words_after_an_opener() {
        let text = "app.get('/', (req, res) => res.status(Too Many";
        let slot = slot_at(text, text.len(), Language::JavaScript).unwrap();
        assert_eq!(slot.typed, "Too Many");
        assert_eq!(&text[slot.start..], "Too Many");
        assert_eq!(slot.style, Style::Number);
    }

    #[test]
    fn no_slot_once_the_call_is_closed_or_holds_code() {
        let text = "res.status(429).json(body";
        assert_eq!(slot_at(text, text.len(), Language::JavaScript), None);
        let text = "res.status(code + 1";
        assert_eq!(slot_at(text, text.len(), Language::JavaScript), None);
    }

    #[test]
    fn no_slot_where_the_site_queries_would_not_look() {
        let object = "const user = { status: act";
        assert_eq!(slot_at(object, object.len(), Language::JavaScript), None);
        let init = "return new Response(body, { status: Too";
        assert!(slot_at(init, init.len(), Language::JavaScript).is_some());
        let error = "err.code(not";
        assert_eq!(slot_at(error, error.len(), Language::JavaScript), None);
        let reply = "reply.code(not";
        assert!(slot_at(reply, reply.len(), Language::JavaScript).is_some());
        let enum_use = "let s = Status::Acc";
        assert_eq!(slot_at(enum_use, enum_use.len(), Language::Rust), None);
        let rocket = "use rocket::http::Status;\nlet s = Status::Acc";
        assert!(slot_at(rocket, rocket.len(), Language::Rust).is_some());
    }

    #[test]
    fn rust_constants_complete_in_screaming_case() {
        let text = "    (StatusCode::too_many";
        let slot = slot_at(text, text.len(), Language::Rust).unwrap();
        assert_eq!(slot.style, Style::Screaming);
        let first = &candidates(&slot, 10)[0];
        assert_eq!(first.insert, "TOO_MANY_REQUESTS");
    }

    #[test]
    fn codes_a_platform_generates_are_offered_only_by_number_or_name() {
        let inserted = |text: &str| -> Vec<String> {
            let slot = slot_at(text, text.len(), Language::JavaScript).unwrap();
            candidates(&slot, 50)
                .into_iter()
                .map(|c| c.insert)
                .collect()
        };
        // 463 (AWS ELB) and 542 (Edgio) match `Too Many` by name and keyword.
        assert_eq!(inserted("res.status(Too Many"), ["429"]);
        assert_eq!(inserted("res.status(542")[0], "542");
        assert!(inserted("res.status(Too Many IP Addresses").contains(&"463".to_string()));
    }
}
