//! Lets the server give up an analysis whose result nobody will read: the document changed
//! again, was closed, or the server is shutting down. The engine has no notion of versions, so
//! the server installs a test for the thread running the analysis, and the engine's long loops
//! (query matches, rules) ask it between steps and stop early. What a cancelled analysis returns
//! is incomplete, and the server drops it unread, as it drops any result for an old version.

use std::cell::RefCell;

thread_local! {
    static CANCELLED: RefCell<Option<Box<dyn Fn() -> bool>>> = const { RefCell::new(None) };
}

/// Runs `work` on this thread with `cancelled` as the test the engine asks.
pub fn scope<T>(cancelled: impl Fn() -> bool + 'static, work: impl FnOnce() -> T) -> T {
    struct Reset(Option<Box<dyn Fn() -> bool>>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let previous = self.0.take();
            CANCELLED.with(|c| *c.borrow_mut() = previous);
        }
    }
    let previous = CANCELLED.with(|c| c.borrow_mut().replace(Box::new(cancelled)));
    let _reset = Reset(previous);
    work()
}

/// Whether the analysis running on this thread should stop (never, outside a `scope`).
pub fn requested() -> bool {
    CANCELLED.with(|c| c.borrow().as_ref().is_some_and(|test| test()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn the_test_holds_inside_its_scope_only() {
        let flag = Arc::new(AtomicBool::new(false));
        let seen = flag.clone();
        assert!(!requested());
        scope(
            move || seen.load(Ordering::Relaxed),
            || {
                assert!(!requested());
                flag.store(true, Ordering::Relaxed);
                assert!(requested());
            },
        );
        assert!(!requested());
    }

    #[test]
    fn a_cancelled_analysis_stops_before_finding_anything() {
        let source = "res.status(531);\n".repeat(50);
        let config = crate::config::Config::default();
        let language = crate::syntax::Language::JavaScript;
        let full = crate::analysis::analyze(&source, language, &config).unwrap();
        assert_eq!(full.findings.len(), 50);
        let cancelled = scope(
            || true,
            || crate::analysis::analyze(&source, language, &config).unwrap(),
        );
        assert!(cancelled.findings.is_empty());
    }
}
