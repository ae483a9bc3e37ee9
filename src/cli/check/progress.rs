//! The progress bar: on stderr, only when stderr is a terminal, and only once a run has lasted
//! long enough to need one, so that quick runs and piped output never show it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const DELAY: Duration = Duration::from_millis(300);

pub struct Progress {
    bar: ProgressBar,
    start: Instant,
    enabled: bool,
    shown: AtomicBool,
}

impl Progress {
    /// Files are checked while the walk finds them, so the total is not known: a spinner and a
    /// count.
    pub fn new(enabled: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} checked {pos} files ({elapsed})")
        {
            bar.set_style(style);
        }
        Progress {
            bar,
            start: Instant::now(),
            enabled,
            shown: AtomicBool::new(false),
        }
    }

    /// One more file done.
    pub fn tick(&self) {
        self.bar.inc(1);
        if self.enabled
            && !self.shown.load(Ordering::Relaxed)
            && self.start.elapsed() > DELAY
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Removes the bar before anything else is printed.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
