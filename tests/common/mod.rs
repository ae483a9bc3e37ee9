//! Shared test support: an in-process language-server client and the fixture annotations that
//! tests of site detection and of the server both read.
//!
//! Each test binary uses a different subset of these helpers, so unused ones are expected.
#![allow(dead_code)]

pub mod fixtures;
pub mod lsp;
pub mod raw;
pub mod stdio;
pub mod text;
