//! `platform-reserved`: an app sending a code a platform generates itself. A code the IANA
//! registry assigns is reserved only where the config names the vendor that reuses it.

#[path = "fixtures/rules/support.rs"]
mod support;

use statuslint::config::Config;
use support::*;

const RULE: &str = "platform-reserved";

fn platforms(ids: &[&str]) -> Config {
    Config {
        platforms: Some(ids.iter().map(|s| s.to_string()).collect()),
        ..Config::default()
    }
}

const SENDS_451: &str = r#"
app.get("/banned", (req, res) => {
  res.status(451).send("Not available in your region");
});
"#;

// ---- must fire ----

#[test]
fn a_vendor_code_fires_under_the_default_platforms() {
    let src = r#"app.get("/", (req, res) => res.status(531).end());"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "status(531)", "531"));
    assert!(f.message.contains("Edgio"), "{}", f.message);
}

#[test]
fn an_iis_only_code_fires_under_the_default_platforms() {
    let src = r#"app.get("/", (req, res) => res.status(440).end());"#;
    let f = single(run(src, JS, RULE));
    assert!(f.message.contains("IIS"), "{}", f.message);
}

#[test]
fn an_assigned_code_fires_when_the_config_names_the_vendor() {
    let f = single(run_with(SENDS_451, JS, RULE, &platforms(&["iis"])));
    assert_eq!(f.range, locate(SENDS_451, "status(451)", "451"));
    assert!(f.message.contains("IIS"), "{}", f.message);
}

// ---- must not fire ----

#[test]
fn an_assigned_code_is_not_reserved_under_the_default_platforms() {
    // 451 Unavailable For Legal Reasons (RFC 7725); IIS's second meaning stays in hover.
    assert!(run(SENDS_451, JS, RULE).is_empty());
}

#[test]
fn an_assigned_code_is_not_reserved_when_the_config_names_other_vendors() {
    assert!(run_with(SENDS_451, JS, RULE, &platforms(&["cloudflare", "edgio"])).is_empty());
}

#[test]
fn a_vendor_code_of_a_platform_not_named_is_quiet() {
    let src = r#"app.get("/", (req, res) => res.status(531).end());"#;
    assert!(run_with(src, JS, RULE, &platforms(&["cloudflare"])).is_empty());
}
