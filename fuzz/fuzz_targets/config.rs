//! `statuslint.toml` parsing: any bytes give a config or an error with a position, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(error) = statuslint::config::Config::from_toml(text) {
            assert!(error.line <= text.lines().count());
        }
    }
});
