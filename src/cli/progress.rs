//! Progress of a long run, on standard error, for a person at a terminal: hidden when standard
//! error is not a terminal (CI logs, pipes) and until the run has taken more than a moment, and
//! cleared when it ends, so what the run prints is the same with or without it.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A run shorter than this shows no progress at all.
const MOMENT: Duration = Duration::from_millis(800);

pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: bool,
}

impl Progress {
    /// Progress over `total` files, for a terminal only.
    pub fn files(total: usize) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
            let style = ProgressStyle::with_template(
                "{prefix} [{bar:30}] {pos}/{len} 个文件，还需约 {eta}",
            )
            .map(|style| style.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.set_prefix("检查");
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            shown: false,
        }
    }

    /// `done` more files are finished.
    pub fn advance(&mut self, done: usize) {
        let Some(bar) = &self.bar else { return };
        bar.inc(done as u64);
        if !self.shown && self.started.elapsed() > MOMENT && !bar.is_finished() {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
    }

    /// Runs `print` with the bar taken off the terminal, so printed lines do not mix with it.
    pub fn suspend<R>(&self, print: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) if self.shown => bar.suspend(print),
            _ => print(),
        }
    }

    /// Takes the bar off the terminal before the run's last lines are printed.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
