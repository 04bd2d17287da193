//! What the generated code tells the runtime about a list action that pages,
//! and the rule for when a listing ends.
//!
//! The rule is kept apart from any I/O ([`Progress`]) so that every way a
//! service can answer (empty pages, short pages, a `TotalCount` that is too
//! high or too low, a page or token that repeats) is tested directly, and
//! so that no answer can make a listing loop.

use crate::action::Action;

/// How a list action asks for the next page (the spec's `pagination.style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// A row offset: the next page starts after the items seen.
    Offset,
    /// A page number, counted from `first`.
    Page {
        /// The number of the first page (0 or 1).
        first: u64,
    },
    /// A token the previous page returned.
    Token,
}

/// Where a page starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    /// A row offset or a page number.
    Number(u64),
    /// A token from the previous page.
    Token(String),
}

/// A list action that pages; implemented by the generated marker types of
/// the actions whose spec has a `pagination`.
pub trait Paginated: Action<Request: Clone> {
    /// One listed item (serializable, to notice a page that repeats).
    type Item: serde::Serialize + Send + 'static;
    /// How the next page is asked for.
    const STYLE: PageStyle;
    /// Where `request` starts (its own offset, page number or token).
    fn start(request: &Self::Request) -> Option<Position>;
    /// Points `request` at a page.
    fn set_position(request: &mut Self::Request, position: &Position);
    /// The page size `request` asks for.
    fn page_size(request: &Self::Request) -> Option<u64>;
    /// Sets the page size.
    fn set_page_size(request: &mut Self::Request, size: u64);
    /// The page's items.
    fn items(response: &Self::Response) -> &[Self::Item];
    /// The page's items, taken out.
    fn into_items(response: Self::Response) -> Vec<Self::Item>;
    /// The total number of items the service reports, when it does.
    fn total(response: &Self::Response) -> Option<u64>;
    /// The next page's token (token style).
    fn next_token(response: &Self::Response) -> Option<&str>;
}

mod progress;

pub use progress::{Page, Progress, Step};

/// Why a listing stopped with an error although every page arrived: the
/// service's pages contradict each other or the request can list nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PaginationError {
    /// A page size of 0 was asked for; nothing was sent.
    #[error("page size 0 lists nothing (request not sent): ask for at least 1, or leave it unset for the service's default")]
    ZeroPageSize,
    /// A page repeated an earlier page, or a token came back a second time,
    /// before the service's total was reached: the service does not move
    /// through its pages, and asking on would loop.
    #[error("page {page} repeats an earlier page after {seen} of the {total} items the service reported; the listing stopped rather than loop")]
    Repeated {
        /// The number of the repeating page, counted from 1.
        page: u64,
        /// Items listed before it.
        seen: u64,
        /// The total the service reported.
        total: u64,
    },
    /// An empty page came before the service's total was reached (items
    /// removed while listing, or a service that stops serving pages).
    #[error("an empty page came after {seen} of the {total} items the service reported; the listing may be incomplete")]
    EndedEarly {
        /// Items listed.
        seen: u64,
        /// The total the service reported.
        total: u64,
    },
}

/// A fingerprint of a page's items, to notice a page that repeats an earlier
/// one. Hashes the items' JSON form, so it needs no `Hash` of generated types
/// (floats have none).
pub fn fingerprint<T: serde::Serialize>(items: &[T]) -> u64 {
    use std::hash::Hasher as _;
    struct Sink(std::collections::hash_map::DefaultHasher);
    impl std::io::Write for Sink {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut sink = Sink(std::collections::hash_map::DefaultHasher::new());
    // Serializing generated types into a sink that never fails cannot fail;
    // if it did, the partial hash still tells pages apart well enough.
    let _ = serde_json::to_writer(&mut sink, items);
    sink.0.finish()
}
