//! Bytes -> findings, in every language: the engine must never panic, and every range it returns
//! must lie on character boundaries inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statuslint::config::Config;
use statuslint::syntax::LANGUAGES;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let source = String::from_utf8_lossy(rest);
    let spec = &LANGUAGES[selector as usize % LANGUAGES.len()];
    let Some(analysis) = statuslint::analysis::analyze(&source, spec.language, &Config::default())
    else {
        return;
    };
    for finding in &analysis.findings {
        assert!(finding.range.start <= finding.range.end && finding.range.end <= source.len());
        assert!(source.is_char_boundary(finding.range.start));
        assert!(source.is_char_boundary(finding.range.end));
        for fix in &finding.fixes {
            for edit in &fix.edits {
                assert!(edit.range.end <= source.len());
            }
        }
    }
});
