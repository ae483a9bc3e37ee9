//! The catalog's types. They deserialize straight from the TOML files under `catalog/`, so the
//! data file and the code cannot disagree about a field's name.

use serde::{Deserialize, Serialize};

/// How firmly a meaning is established.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    Standard,
    Temporary,
    Deprecated,
    Reserved,
    Unofficial,
}

impl Standing {
    pub fn label(self) -> &'static str {
        match self {
            Standing::Standard => "standard",
            Standing::Temporary => "temporary",
            Standing::Deprecated => "deprecated",
            Standing::Reserved => "reserved",
            Standing::Unofficial => "unofficial",
        }
    }
}

/// Whether an API should send the code, in the catalog's judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Recommendation {
    Recommended,
    UseWithCare,
    NotRecommended,
}

impl Recommendation {
    pub fn label(self) -> &'static str {
        match self {
            Recommendation::Recommended => "recommended",
            Recommendation::UseWithCare => "use with care",
            Recommendation::NotRecommended => "not recommended",
        }
    }
}

/// Which edition of a platform's documentation a meaning comes from, where editions disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Edition {
    Current,
    Legacy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlatformKind {
    Registry,
    Convention,
    Cdn,
    LoadBalancer,
    WebServer,
    Hosting,
    Framework,
    Api,
}

/// A product or body that gives status codes a meaning.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Platform {
    pub id: String,
    pub name: String,
    pub kind: PlatformKind,
    #[serde(default)]
    pub url: Option<String>,
    /// Codes the platform generates itself: an application sending one of them is mistaken for a
    /// failure of the platform.
    #[serde(default)]
    pub reserves: Vec<u16>,
}

/// What one platform (or the IANA registry) means by a code.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meaning {
    pub platform: String,
    pub phrase: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub standing: Standing,
    pub recommendation: Recommendation,
    #[serde(default)]
    pub rfc: Option<u32>,
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    pub summary: String,
    pub description: String,
    pub use_when: String,
    pub avoid_when: String,
    #[serde(default)]
    pub edition: Option<Edition>,
}

impl Meaning {
    /// The phrase first, then the other names.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.phrase.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// "RFC 9110, Section 15.5.5" or the vendor source.
    pub fn source_label(&self) -> String {
        match (self.rfc, &self.section, &self.source) {
            (Some(rfc), Some(section), _) => format!("RFC {rfc}, Section {section}"),
            (Some(rfc), None, _) => format!("RFC {rfc}"),
            (None, _, Some(source)) => source.clone(),
            (None, _, None) => "unknown source".to_string(),
        }
    }

    /// A link to the defining text: the RFC section on rfc-editor.org, or the vendor's page.
    pub fn source_url(&self) -> Option<String> {
        match (self.rfc, &self.section) {
            (Some(rfc), Some(section)) => Some(format!(
                "https://www.rfc-editor.org/rfc/rfc{rfc}.html#section-{section}"
            )),
            (Some(rfc), None) => Some(format!("https://www.rfc-editor.org/rfc/rfc{rfc}.html")),
            _ => self.url.clone().or_else(|| {
                // Vendor meanings without a page of their own link to the platform's.
                super::catalog()
                    .platform(&self.platform)
                    .and_then(|p| p.url.clone())
            }),
        }
    }
}

/// One status code with every meaning it has.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Code {
    pub code: u16,
    /// One of the codes web applications send every day (200, 404, 429, ...): search puts these
    /// first among matches of one tier, so `redirect` offers 302 and 307 before IIS's 451.
    #[serde(default)]
    pub common: bool,
    #[serde(default)]
    pub related: Vec<u16>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(rename = "meaning")]
    pub meanings: Vec<Meaning>,
}

impl Code {
    /// The meaning shown first: the IANA one when there is one, else the first listed.
    pub fn primary(&self) -> &Meaning {
        self.meanings
            .iter()
            .find(|m| m.platform == "iana")
            .unwrap_or(&self.meanings[0])
    }

    pub fn iana(&self) -> Option<&Meaning> {
        self.meanings.iter().find(|m| m.platform == "iana")
    }

    pub fn class(&self) -> Class {
        Class::of(self.code).expect("catalog codes are validated to lie in 100..=599")
    }
}

/// The five classes of RFC 9110, Section 15.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    Informational,
    Successful,
    Redirection,
    ClientError,
    ServerError,
}

impl Class {
    pub fn of(code: u16) -> Option<Class> {
        Some(match code {
            100..=199 => Class::Informational,
            200..=299 => Class::Successful,
            300..=399 => Class::Redirection,
            400..=499 => Class::ClientError,
            500..=599 => Class::ServerError,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Class::Informational => "1xx Informational",
            Class::Successful => "2xx Successful",
            Class::Redirection => "3xx Redirection",
            Class::ClientError => "4xx Client Error",
            Class::ServerError => "5xx Server Error",
        }
    }

    /// Words people search a class by.
    pub fn terms(self) -> &'static [&'static str] {
        match self {
            Class::Informational => &["1xx", "informational", "interim"],
            Class::Successful => &["2xx", "success", "successful"],
            Class::Redirection => &["3xx", "redirect", "redirection"],
            Class::ClientError => &["4xx", "client error", "client"],
            Class::ServerError => &["5xx", "server error", "server"],
        }
    }
}
