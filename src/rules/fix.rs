//! Building fixes that keep the file's style: a literal stays a literal, `StatusCode::OK` becomes
//! `StatusCode::INTERNAL_SERVER_ERROR`, `HttpResponse::Ok` becomes `HttpResponse::InternalServerError`.

use super::context::constants::Library;
use super::{Edit, Fix};
use crate::catalog::catalog;
use crate::syntax::{Form, Site};

/// `code` written the way `site` writes its code, or None when that style has no name for it.
pub fn spelled_like(site: &Site, code: u16) -> Option<String> {
    match &site.form {
        Form::Literal => Some(code.to_string()),
        // No text to replace: the call sends its code itself.
        Form::Implicit { .. } => None,
        Form::Constant { prefix, name } => {
            // Each library names codes its own way (`StatusCodes.MOVED_TEMPORARILY` is 302 where
            // the http crate says `FOUND`); a name the library lacks would not compile, or in
            // JavaScript would send `undefined`.
            let library = if name.starts_with("HTTP_") {
                Library::PythonStatusModule
            } else if prefix.ends_with("HTTPStatus.") {
                Library::PythonHttpStatus
            } else if name.starts_with("Status")
                && name[6..].starts_with(|c: char| c.is_ascii_uppercase())
            {
                Library::GoHttp
            } else if prefix.ends_with("::") {
                Library::RustHttp
            } else if prefix.ends_with("StatusCodes.") {
                Library::HttpStatusCodes
            } else if prefix.ends_with("HttpStatus.") {
                Library::Nest
            } else {
                Library::HttpStatus
            };
            let screaming = library.constant(code)?;
            if matches!(
                library,
                Library::GoHttp | Library::PythonStatusModule | Library::PythonHttpStatus
            ) {
                return Some(format!("{prefix}{screaming}"));
            }
            let is_screaming = name.chars().all(|c| !c.is_ascii_lowercase());
            let name = if is_screaming {
                screaming
            } else {
                camel_case(&screaming)
            };
            Some(format!("{prefix}{name}"))
        }
    }
}

/// "Use 502 Bad Gateway" replacing the site's code. A code a name carried here is changed where
/// the name is defined when this site is its only use (so the name keeps saying what it holds),
/// and here otherwise: other code sending the name may mean its value.
pub fn replace_code(site: &Site, code: u16, preferred: bool) -> Option<Fix> {
    let phrase = &catalog().get(code as u32)?.primary().phrase;
    let replacement = spelled_like(site, code)?;
    let (title, range) = match &site.origin {
        None => (format!("Use {code} {phrase}"), site.range.clone()),
        Some(origin) if origin.sole_use => (
            format!("Use {code} {phrase} (in the definition of {})", origin.name),
            origin.value.clone(),
        ),
        Some(origin) => (
            format!("Use {code} {phrase} here, in place of {}", origin.name),
            site.range.clone(),
        ),
    };
    Some(Fix {
        title,
        edits: vec![Edit { range, replacement }],
        preferred,
        elsewhere: Vec::new(),
    })
}

/// Fixes replacing the site's code by each of `codes`, the first preferred.
pub fn replace_with_each(site: &Site, codes: &[u16]) -> Vec<super::Fix> {
    codes
        .iter()
        .enumerate()
        .filter_map(|(i, code)| replace_code(site, *code, i == 0))
        .collect()
}

/// `TOO_MANY_REQUESTS` -> `TooManyRequests`.
pub fn camel_case(screaming: &str) -> String {
    screaming
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_string() + &chars.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect()
}
