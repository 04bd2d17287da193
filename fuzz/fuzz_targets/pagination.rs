//! The listing rule against any service: the input is a cycle of page
//! answers (items, total, token, content) that the service repeats
//! forever. Whatever they are, the listing must end (or report its error)
//! within one cycle and a page, since each further page or token would
//! repeat one already seen; and it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencentcloud_sdk::pagination::{Page, PageStyle, Position, Progress};

const TOKENS: [Option<&str>; 5] = [None, Some(""), Some("A"), Some("B"), Some("C")];

fuzz_target!(|data: &[u8]| {
    let [style, size, start, answers @ ..] = data else {
        return;
    };
    let style = match style % 3 {
        0 => PageStyle::Offset,
        1 => PageStyle::Page {
            first: u64::from(style / 3 % 2),
        },
        _ => PageStyle::Token,
    };
    let size = (*size != 0).then(|| u64::from(size % 9));
    let start = match (style, *start) {
        (_, 0) => None,
        (PageStyle::Token, s) => TOKENS[usize::from(s % 5)].map(|t| Position::Token(t.to_owned())),
        (_, s) => Some(Position::Number(u64::from(s))),
    };
    let cycle: Vec<Page<'static>> = answers
        .chunks_exact(4)
        .map(|a| Page {
            items: usize::from(a[0] % 7),
            total: (a[1] != 0).then(|| u64::from(a[1] % 40)),
            token: TOKENS[usize::from(a[2] % 5)],
            fingerprint: u64::from(a[3] % 5),
        })
        .take(64)
        .collect();
    if cycle.is_empty() {
        return;
    }
    let mut progress = Progress::new(style, start, size);
    let mut pages = 0usize;
    while progress.take_error().is_none() && !progress.is_done() {
        progress.advance(cycle[pages % cycle.len()]);
        pages += 1;
        assert!(
            pages <= cycle.len() + 1,
            "still listing after {pages} pages of a {}-page cycle",
            cycle.len()
        );
    }
});
