//! The status-code catalog: every code statuslint knows, with every meaning it has on every
//! platform. The data is TOML under `catalog/`, embedded at build time so the binary needs no
//! files at run time.

mod model;
pub mod search;

pub use model::*;

use std::collections::HashMap;
use std::sync::LazyLock;

/// The data files, in the order they are read. `catalog/README.md` describes the format.
const CODE_FILES: &[(&str, &str)] = &[
    ("1xx-3xx.toml", include_str!("../../catalog/1xx-3xx.toml")),
    ("4xx.toml", include_str!("../../catalog/4xx.toml")),
    (
        "4xx-5xx-platform.toml",
        include_str!("../../catalog/4xx-5xx-platform.toml"),
    ),
    ("5xx-cdn.toml", include_str!("../../catalog/5xx-cdn.toml")),
];
const PLATFORMS_FILE: &str = include_str!("../../catalog/platforms.toml");
const CONSTANTS_FILE: &str = include_str!("../../catalog/constants.toml");
const REPLACEMENTS_FILE: &str = include_str!("../../catalog/replacements.toml");

/// The lowest and highest values RFC 9110 allows a status code to take (three digits, first 1-5).
pub const VALID_RANGE: std::ops::RangeInclusive<u32> = 100..=599;

#[derive(serde::Deserialize)]
struct CodeFile {
    #[serde(default)]
    code: Vec<Code>,
}

#[derive(serde::Deserialize)]
struct PlatformFile {
    platform: Vec<Platform>,
}

#[derive(serde::Deserialize)]
struct ConstantsFile {
    names: HashMap<String, u16>,
    rust_http: HashMap<String, String>,
    #[serde(default)]
    go_net_http: HashMap<String, String>,
    #[serde(default)]
    python_http: HashMap<String, String>,
}

/// A library whose constants are listed in full in `catalog/constants.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListedLibrary {
    /// Go's `net/http` (`StatusNotFound`, without the prefix).
    GoNetHttp,
    /// Python's `http.HTTPStatus` (`NOT_FOUND`).
    PythonHttp,
}

pub struct Catalog {
    codes: Vec<Code>,
    /// `slots[n]` is the index in `codes` of code `n`: O(1) lookup with no hashing.
    slots: Vec<Option<u16>>,
    platforms: Vec<Platform>,
    /// Normalised constant name (lowercase, no underscores) to code.
    constant_names: HashMap<String, u16>,
    rust_http_names: HashMap<u16, String>,
    go_names: HashMap<u16, String>,
    python_names: HashMap<u16, String>,
    /// Vendor code -> the standard codes closest in meaning, best first.
    replacements: HashMap<u16, Vec<u16>>,
    /// Search text per code, aligned with `codes`.
    prepared: Vec<search::Prepared>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    Catalog::from_sources(
        CODE_FILES,
        PLATFORMS_FILE,
        CONSTANTS_FILE,
        REPLACEMENTS_FILE,
    )
    .unwrap_or_else(|e| panic!("the embedded catalog is invalid (cargo test says where): {e}"))
});

/// The catalog embedded in this binary.
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

impl Catalog {
    /// Parses the data. Errors name the file; semantic checks live in [`Catalog::problems`].
    pub fn from_sources(
        code_files: &[(&str, &str)],
        platforms: &str,
        constants: &str,
        replacements: &str,
    ) -> Result<Catalog, String> {
        let mut codes = Vec::new();
        for (name, text) in code_files {
            let file: CodeFile =
                toml::from_str(text).map_err(|e| format!("catalog/{name}: {e}"))?;
            codes.extend(file.code);
        }
        codes.sort_by_key(|c| c.code);
        let platforms: PlatformFile =
            toml::from_str(platforms).map_err(|e| format!("catalog/platforms.toml: {e}"))?;
        let constants: ConstantsFile =
            toml::from_str(constants).map_err(|e| format!("catalog/constants.toml: {e}"))?;

        let mut slots = vec![None; 1000];
        for (i, c) in codes.iter().enumerate() {
            if c.code >= 1000 || c.meanings.is_empty() {
                return Err(format!("code {} is out of range or has no meaning", c.code));
            }
            slots[c.code as usize] = Some(i as u16);
        }

        let mut constant_names = HashMap::new();
        for c in &codes {
            for m in c
                .meanings
                .iter()
                .filter(|m| m.platform == "iana" || m.platform == "informal")
            {
                for name in m.names().filter(|n| !n.starts_with('(')) {
                    constant_names
                        .entry(normalize_constant(name))
                        .or_insert(c.code);
                }
            }
        }
        for (name, code) in constants.names {
            constant_names.insert(normalize_constant(&name), code);
        }
        let by_code = |table: HashMap<String, String>| -> Result<HashMap<u16, String>, String> {
            table
                .into_iter()
                .map(|(code, name)| {
                    code.parse()
                        .map(|code| (code, name))
                        .map_err(|_| format!("catalog/constants.toml: `{code}` is not a code"))
                })
                .collect()
        };
        let rust_http_names = by_code(constants.rust_http)?;
        let go_names = by_code(constants.go_net_http)?;
        let python_names = by_code(constants.python_http)?;
        // A listed library's own names read as its codes wherever they stand (`Teapot`,
        // `REQUEST_ENTITY_TOO_LARGE`).
        for (code, name) in go_names.iter().chain(&python_names) {
            constant_names.insert(normalize_constant(name), *code);
        }

        let replacements: HashMap<String, Vec<u16>> =
            toml::from_str(replacements).map_err(|e| format!("catalog/replacements.toml: {e}"))?;
        let replacements = replacements
            .into_iter()
            .map(|(code, list)| {
                code.parse()
                    .map(|code| (code, list))
                    .map_err(|_| format!("catalog/replacements.toml: `{code}` is not a code"))
            })
            .collect::<Result<_, _>>()?;

        let prepared = codes
            .iter()
            .map(|code| search::Prepared::new(code, &platforms.platform))
            .collect();
        Ok(Catalog {
            prepared,
            replacements,
            codes,
            slots,
            platforms: platforms.platform,
            constant_names,
            rust_http_names,
            go_names,
            python_names,
        })
    }

    pub fn get(&self, code: u32) -> Option<&Code> {
        let slot = *self.slots.get(code as usize)?;
        slot.map(|i| &self.codes[i as usize])
    }

    pub fn codes(&self) -> &[Code] {
        &self.codes
    }

    fn prepared(&self) -> &[search::Prepared] {
        &self.prepared
    }

    pub fn platforms(&self) -> &[Platform] {
        &self.platforms
    }

    pub fn platform(&self, id: &str) -> Option<&Platform> {
        self.platforms.iter().find(|p| p.id == id)
    }

    /// A platform's display name, or the id itself for one the catalog does not declare.
    pub fn platform_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.platform(id).map_or(id, |p| p.name.as_str())
    }

    /// The codes `code` lists as related, in its order.
    pub fn related<'a>(&'a self, code: &'a Code) -> impl Iterator<Item = &'a Code> {
        code.related.iter().filter_map(|r| self.get(*r as u32))
    }

    /// The platforms that generate `code` themselves, in catalog order.
    pub fn reserved_by(&self, code: u16) -> impl Iterator<Item = &Platform> {
        self.platforms
            .iter()
            .filter(move |p| p.reserves.contains(&code))
    }

    /// The code a library constant stands for: `NOT_FOUND`, `NotFound`, `TOO_MANY_REQUESTS`.
    ///
    /// Two spellings carry more than the name: Starlette's and DRF's `HTTP_404_NOT_FOUND` says
    /// its code in digits, and Go's `StatusNotFound` prefixes the name with `Status`.
    pub fn constant(&self, name: &str) -> Option<u16> {
        if let Some(rest) = name.strip_prefix("HTTP_")
            && let Some(digits) = rest
                .get(..3)
                .filter(|_| rest.as_bytes().get(3) == Some(&b'_'))
            && let Ok(code) = digits.parse::<u16>()
        {
            return self.get(code as u32).map(|_| code);
        }
        if let Some(code) = self.constant_names.get(&normalize_constant(name)) {
            return Some(*code);
        }
        let rest = name.strip_prefix("Status")?;
        rest.starts_with(|c: char| c.is_ascii_uppercase())
            .then(|| self.constant_names.get(&normalize_constant(rest)).copied())?
    }

    /// The name `library` gives `code`, when it has one.
    pub fn listed_constant(&self, library: ListedLibrary, code: u16) -> Option<&str> {
        let table = match library {
            ListedLibrary::GoNetHttp => &self.go_names,
            ListedLibrary::PythonHttp => &self.python_names,
        };
        table.get(&code).map(String::as_str)
    }

    /// Every code `library` names, in order.
    pub fn listed_codes(&self, library: ListedLibrary) -> Vec<u16> {
        let table = match library {
            ListedLibrary::GoNetHttp => &self.go_names,
            ListedLibrary::PythonHttp => &self.python_names,
        };
        let mut codes: Vec<u16> = table.keys().copied().collect();
        codes.sort_unstable();
        codes
    }

    /// The `http::StatusCode` constant for a code, if the http crate defines one.
    pub fn rust_http_constant(&self, code: u16) -> Option<String> {
        if let Some(name) = self.rust_http_names.get(&code) {
            return Some(name.clone());
        }
        let iana = self.get(code as u32)?.iana()?;
        if iana.standing == Standing::Reserved || iana.standing == Standing::Temporary {
            return None;
        }
        Some(screaming_snake(&iana.phrase))
    }

    /// The standard codes closest in meaning to a vendor or platform code, best first.
    pub fn replacements(&self, code: u16) -> &[u16] {
        self.replacements.get(&code).map_or(&[], Vec::as_slice)
    }

    /// Everything wrong with the data that parsing alone does not catch. Empty when the catalog
    /// is sound; `cargo test` asserts that.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut previous = None;
        let mut standard_names: HashMap<String, u16> = HashMap::new();
        for c in &self.codes {
            if previous == Some(c.code) {
                problems.push(format!("{}: listed twice", c.code));
            }
            previous = Some(c.code);
            if !VALID_RANGE.contains(&(c.code as u32)) {
                problems.push(format!("{}: outside 100-599", c.code));
            }
            for r in &c.related {
                if self.get(*r as u32).is_none() {
                    problems.push(format!(
                        "{}: related code {r} is not in the catalog",
                        c.code
                    ));
                }
                if *r == c.code {
                    problems.push(format!("{}: related to itself", c.code));
                }
            }
            let mut seen = std::collections::HashSet::new();
            for m in &c.meanings {
                if self.platform(&m.platform).is_none() {
                    problems.push(format!(
                        "{}: platform `{}` is not declared",
                        c.code, m.platform
                    ));
                }
                for name in m.names() {
                    let key = (m.platform.as_str(), m.edition, name.to_lowercase());
                    if !seen.insert(key) {
                        problems.push(format!("{}: name `{name}` appears twice", c.code));
                    }
                    if m.platform == "iana"
                        && !name.starts_with('(')
                        && let Some(other) = standard_names.insert(name.to_lowercase(), c.code)
                        && other != c.code
                    {
                        problems.push(format!(
                            "{}: standard name `{name}` is also {other}'s",
                            c.code
                        ));
                    }
                }
                for (field, text) in [
                    ("phrase", &m.phrase),
                    ("summary", &m.summary),
                    ("description", &m.description),
                    ("use_when", &m.use_when),
                    ("avoid_when", &m.avoid_when),
                ] {
                    if text.trim().is_empty() {
                        problems.push(format!("{}: empty {field} ({})", c.code, m.platform));
                    }
                }
                if m.rfc.is_some() != m.section.is_some() {
                    problems.push(format!("{}: rfc and section go together", c.code));
                }
                if m.rfc.is_none() && m.source.is_none() {
                    problems.push(format!("{}: no rfc and no source ({})", c.code, m.platform));
                }
            }
        }
        for (code, list) in &self.replacements {
            if self.get(*code as u32).is_none() {
                problems.push(format!("replacements.toml: {code} is not in the catalog"));
            }
            for r in list {
                let standard = self
                    .get(*r as u32)
                    .and_then(Code::iana)
                    .is_some_and(|m| m.standing == Standing::Standard);
                if !standard {
                    problems.push(format!(
                        "replacements.toml: {code} -> {r}, not a standard code"
                    ));
                }
            }
        }
        for p in &self.platforms {
            for r in &p.reserves {
                match self.get(*r as u32) {
                    None => problems.push(format!(
                        "{} reserves {r}, which is not in the catalog",
                        p.id
                    )),
                    Some(code) if !code.meanings.iter().any(|m| m.platform == p.id) => {
                        problems.push(format!("{} reserves {r} but gives it no meaning", p.id))
                    }
                    Some(_) => {}
                }
            }
        }
        problems
    }
}

/// `Not Found`, `NOT_FOUND`, `NotFound` and `not-found` all become `notfound`.
pub fn normalize_constant(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// `Too Many Requests` -> `TOO_MANY_REQUESTS`; `I'm a teapot` -> `IM_A_TEAPOT`.
pub fn screaming_snake(phrase: &str) -> String {
    phrase
        .replace('\'', "")
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// The status class's phrase for a code the catalog does not know, e.g. for 299.
pub fn class_label(code: u32) -> Option<&'static str> {
    u16::try_from(code)
        .ok()
        .and_then(Class::of)
        .map(Class::label)
}
