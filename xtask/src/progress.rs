//! Progress of long runs (import, gen, build-services) on a terminal: a bar
//! with the count done and the item at hand. Quiet when stderr is not a
//! terminal or `CI` is set, so logs hold only the results.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar over `len` items; draws nothing off a terminal.
pub(crate) fn bar(len: usize, what: &str) -> ProgressBar {
    let shown = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    let target = if shown {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(len as u64), target);
    let template = format!("{what} [{{bar:30}}] {{pos}}/{{len}} {{elapsed}} {{msg}}");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
