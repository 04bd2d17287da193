//! [`Progress`]: where a listing is, and the rule for when it ends.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::hash::{Hash as _, Hasher as _};

use super::{PageStyle, PaginationError, Position};

/// Fingerprints a listing remembers, of pages and of tokens each: 16 bytes
/// apiece, so a listing's memory stays bounded whatever the service answers.
const REMEMBERED: usize = 1 << 16;

/// What one page said, as far as the rule needs it.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// Items on the page.
    pub items: usize,
    /// The total number of items the service reports, when it does.
    pub total: Option<u64>,
    /// The next page's token (token style).
    pub token: Option<&'a str>,
    /// The page's [`fingerprint`](super::fingerprint).
    pub fingerprint: u64,
}

/// What to do with a page just recorded by [`Progress::advance`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Hand the page out. The listing may be over: see [`Progress::is_done`].
    Yield,
    /// The page repeats an earlier one, whose items were listed already: it
    /// is not handed out, and the listing is over.
    Repeated,
}

/// A bounded set of fingerprints: the oldest is forgotten past [`REMEMBERED`].
#[derive(Clone, Default, PartialEq, Eq)]
struct Remembered {
    set: HashSet<u64>,
    order: VecDeque<u64>,
}

impl Remembered {
    /// Records `key`; `false` when it was recorded before.
    fn insert(&mut self, key: u64) -> bool {
        if !self.set.insert(key) {
            return false;
        }
        self.order.push_back(key);
        if self.order.len() > REMEMBERED {
            if let Some(oldest) = self.order.pop_front() {
                self.set.remove(&oldest);
            }
        }
        true
    }
}

impl fmt::Debug for Remembered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} remembered", self.set.len())
    }
}

/// Where a listing is: the next page to ask for, or the end.
///
/// A listing ends:
/// - on an empty page (an error follows when the service's total says more
///   items exist: [`PaginationError::EndedEarly`]);
/// - once the items listed reach the total the service reports (when a
///   full page lands exactly on it, one more page is asked for, so that a
///   total too low cannot end the listing unseen);
/// - without a total, on a page shorter than the page size asked for;
/// - for tokens, when the token is absent, empty, or one seen before;
/// - on a page whose items repeat an earlier page's (a service that
///   ignores the position, or answers every page past the end with the
///   last one): the page is not handed out, and an error follows when the
///   total says more items exist ([`PaginationError::Repeated`]).
///
/// A total found too low (more items arrived than it says) is disregarded
/// from then on, and the listing goes on by the other rules. Each page
/// moves the position forward and repeats are noticed, so no answer makes
/// a listing loop; a page size of 0 is an error before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    style: PageStyle,
    page_size: Option<u64>,
    /// Where the listing started: the request's own position.
    start: Option<Position>,
    /// The next page, `None` at the end.
    next: Option<Position>,
    /// Pages asked for so far.
    pages: u64,
    /// Items listed so far.
    seen: u64,
    /// A reported total was found too low.
    total_wrong: bool,
    /// The error to report before the next page, if any.
    error: Option<PaginationError>,
    pages_seen: Remembered,
    tokens_seen: Remembered,
}

impl Progress {
    /// A listing that starts at `start` (the first page when `None`).
    pub fn new(style: PageStyle, start: Option<Position>, page_size: Option<u64>) -> Self {
        let first = match style {
            PageStyle::Offset => Some(Position::Number(0)),
            PageStyle::Page { first } => Some(Position::Number(first)),
            PageStyle::Token => None,
        };
        let mut progress = Self {
            style,
            page_size: None,
            next: start.clone().or(first),
            start,
            pages: 0,
            seen: 0,
            total_wrong: false,
            error: None,
            pages_seen: Remembered::default(),
            tokens_seen: Remembered::default(),
        };
        if let Some(size) = page_size {
            progress.set_page_size(size);
        }
        progress
    }

    /// Sets the page size the requests ask for. A size of 0 makes the next
    /// page an error ([`PaginationError::ZeroPageSize`]).
    pub fn set_page_size(&mut self, size: u64) {
        self.page_size = Some(size);
        if size == 0 {
            self.error = Some(PaginationError::ZeroPageSize);
        } else if self.error == Some(PaginationError::ZeroPageSize) {
            self.error = None;
        }
    }

    /// Whether the listing is over: no further page is to be asked for.
    pub fn is_done(&self) -> bool {
        self.pages > 0 && self.next.is_none()
    }

    /// The error to report instead of the next page, taken once.
    pub fn take_error(&mut self) -> Option<PaginationError> {
        self.error.take()
    }

    /// The position of the next page (`None` on the first page of a token
    /// listing, or at the end).
    pub fn next_position(&self) -> Option<&Position> {
        self.next.as_ref()
    }

    /// Items listed so far.
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// Items from the very first one to the end of the pages listed, when
    /// known: totals are compared with it.
    fn covered(&self) -> Option<u64> {
        let before = match (self.style, &self.start) {
            (_, None) => 0,
            (PageStyle::Offset, Some(Position::Number(offset))) => *offset,
            (PageStyle::Page { first }, Some(Position::Number(page))) => {
                let pages_before = page.saturating_sub(first);
                if pages_before == 0 {
                    0
                } else {
                    pages_before.saturating_mul(self.page_size?)
                }
            }
            _ => return None,
        };
        Some(before.saturating_add(self.seen))
    }

    /// Ends the listing; the error when `total` says more items exist.
    fn end(&mut self, total: Option<u64>, error: fn(u64, u64, u64) -> PaginationError) {
        self.next = None;
        if let (Some(total), Some(covered)) = (total, self.covered()) {
            if covered < total {
                self.error = Some(error(self.pages, self.seen, total));
            }
        }
    }

    /// Records a page and decides where the next one starts (see the type's
    /// documentation for the rule).
    pub fn advance(&mut self, page: Page<'_>) -> Step {
        self.pages = self.pages.saturating_add(1);
        let items = page.items as u64;
        let repeated = |page, seen, total| PaginationError::Repeated { page, seen, total };
        let ended_early = |_, seen, total| PaginationError::EndedEarly { seen, total };
        if items > 0 && !self.pages_seen.insert(page.fingerprint) {
            let total = page.total.filter(|_| !self.total_wrong);
            self.end(total, repeated);
            return Step::Repeated;
        }
        self.seen = self.seen.saturating_add(items);
        let covered = self.covered();
        if let (Some(total), Some(covered)) = (page.total, covered) {
            self.total_wrong |= covered > total;
        }
        let total = page.total.filter(|_| !self.total_wrong);
        if self.style == PageStyle::Token {
            match page.token.filter(|t| !t.is_empty()) {
                Some(token) if self.tokens_seen.insert(hash(token)) => {
                    self.next = Some(Position::Token(token.to_owned()));
                }
                Some(_) => self.end(total, repeated),
                None => self.next = None,
            }
            return Step::Yield;
        }
        if items == 0 {
            self.end(total, ended_early);
            return Step::Yield;
        }
        let short = self.page_size.is_some_and(|size| items < size);
        let full = self.page_size.is_some_and(|size| items >= size);
        // A full page that lands exactly on the total is checked with one
        // more page: a total too low would otherwise end the listing unseen.
        let reached = matches!((total, covered), (Some(t), Some(c)) if c > t || (c == t && !full));
        let next = match self.next.take() {
            Some(Position::Number(n)) if self.style == PageStyle::Offset => n.saturating_add(items),
            Some(Position::Number(n)) => n.saturating_add(1),
            _ => return Step::Yield,
        };
        let last = reached || (total.is_none() && short);
        if !last {
            self.next = Some(Position::Number(next));
        }
        Step::Yield
    }
}

fn hash(token: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    token.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of `items` items whose content is told apart by `id`.
    fn page(items: usize, total: Option<u64>, id: u64) -> Page<'static> {
        Page {
            items,
            total,
            token: None,
            fingerprint: id,
        }
    }

    /// Pages through `sizes` (items per page the service returns, each page
    /// with new content), with `total` reported on every page; returns the
    /// positions asked for.
    fn run(style: PageStyle, size: Option<u64>, total: Option<u64>, sizes: &[usize]) -> Vec<u64> {
        let mut p = Progress::new(style, None, size);
        let mut asked = Vec::new();
        let mut pages = sizes.iter();
        while !p.is_done() {
            match p.next_position() {
                Some(Position::Number(n)) => asked.push(*n),
                other => panic!("{other:?}"),
            }
            let items = pages.next().copied().unwrap_or(0);
            assert_eq!(
                p.advance(page(items, total, asked.len() as u64)),
                Step::Yield
            );
            assert!(asked.len() < 100, "the listing does not end: {asked:?}");
        }
        asked
    }

    #[test]
    fn offsets_advance_by_the_items_seen_and_stop_at_the_total() {
        assert_eq!(
            run(PageStyle::Offset, Some(2), Some(5), &[2, 2, 1]),
            [0, 2, 4]
        );
        // A full page landing on the total: one more page confirms it.
        assert_eq!(run(PageStyle::Offset, Some(2), Some(4), &[2, 2]), [0, 2, 4]);
        assert_eq!(run(PageStyle::Offset, Some(2), Some(0), &[0]), [0]);
        // Without a page size nothing says the page was full.
        assert_eq!(run(PageStyle::Offset, None, Some(4), &[2, 2]), [0, 2]);
    }

    #[test]
    fn a_total_that_is_too_high_ends_on_the_empty_page_with_an_error() {
        let mut p = Progress::new(PageStyle::Offset, None, Some(2));
        p.advance(page(2, Some(100), 1));
        p.advance(page(1, Some(100), 2));
        assert!(!p.is_done(), "with a total, a short page is not the last");
        p.advance(page(0, Some(100), 3));
        assert!(p.is_done());
        assert_eq!(
            p.take_error(),
            Some(PaginationError::EndedEarly {
                seen: 3,
                total: 100
            })
        );
    }

    #[test]
    fn a_total_that_is_too_low_is_disregarded_once_more_items_arrive() {
        // The first page alone holds more than the total says: the listing
        // goes on, and ends by the page size instead.
        assert_eq!(
            run(PageStyle::Offset, Some(10), Some(3), &[10, 10, 4]),
            [0, 10, 20]
        );
        // Without a page size, by the empty page, and no error.
        let mut p = Progress::new(PageStyle::Offset, None, None);
        p.advance(page(10, Some(3), 1));
        p.advance(page(10, Some(3), 2));
        p.advance(page(0, Some(3), 3));
        assert!(p.is_done());
        assert_eq!(p.take_error(), None);
    }

    #[test]
    fn a_first_page_whose_total_is_too_low_does_not_end_the_listing() {
        // Six items; the first page says there are three.
        assert_eq!(
            run(PageStyle::Offset, Some(3), Some(3), &[3, 3, 0]),
            [0, 3, 6]
        );
        let mut p = Progress::new(PageStyle::Offset, None, Some(3));
        for id in 1..=3 {
            p.advance(page([3, 3, 0][id as usize - 1], Some(3), id));
        }
        assert_eq!(p.take_error(), None);
        assert_eq!(p.seen(), 6);
    }

    #[test]
    fn without_a_total_a_short_page_is_the_last() {
        assert_eq!(run(PageStyle::Offset, Some(3), None, &[3, 3, 1]), [0, 3, 6]);
        // No page size known: only the empty page ends it.
        assert_eq!(run(PageStyle::Offset, None, None, &[3, 1]), [0, 3, 4]);
    }

    #[test]
    fn page_numbers_count_from_the_first_page() {
        let first_one = PageStyle::Page { first: 1 };
        assert_eq!(run(first_one, Some(2), Some(5), &[2, 2, 1]), [1, 2, 3]);
        let first_zero = PageStyle::Page { first: 0 };
        assert_eq!(run(first_zero, Some(2), Some(4), &[2, 2]), [0, 1, 2]);
        assert_eq!(run(first_one, Some(2), None, &[2, 1]), [1, 2]);
        // Without a page size the total still ends the listing.
        assert_eq!(run(first_one, None, Some(5), &[3, 2]), [1, 2]);
    }

    #[test]
    fn a_request_s_own_start_is_kept_and_counted_against_the_total() {
        let p = Progress::new(PageStyle::Offset, Some(Position::Number(40)), Some(10));
        assert_eq!(p.next_position(), Some(&Position::Number(40)));
        let mut p = Progress::new(PageStyle::Offset, Some(Position::Number(40)), Some(10));
        p.advance(page(5, Some(45), 1));
        assert!(p.is_done(), "40 + 5 reaches the total of 45");
        let mut p = Progress::new(
            PageStyle::Page { first: 1 },
            Some(Position::Number(3)),
            Some(10),
        );
        p.advance(page(5, Some(25), 1));
        assert!(p.is_done(), "pages 1 and 2 plus this one reach 25");
    }

    #[test]
    fn a_page_size_of_zero_is_an_error_before_anything_is_sent() {
        let mut p = Progress::new(PageStyle::Offset, None, Some(0));
        assert_eq!(p.take_error(), Some(PaginationError::ZeroPageSize));
        let mut p = Progress::new(PageStyle::Offset, None, None);
        p.set_page_size(0);
        p.set_page_size(5);
        assert_eq!(p.take_error(), None, "a later size replaces the zero");
    }

    #[test]
    fn a_service_ignoring_the_offset_is_stopped_at_the_second_page() {
        let mut p = Progress::new(PageStyle::Offset, None, Some(10));
        assert_eq!(p.advance(page(10, Some(1000), 7)), Step::Yield);
        assert_eq!(p.next_position(), Some(&Position::Number(10)));
        assert_eq!(p.advance(page(10, Some(1000), 7)), Step::Repeated);
        assert!(p.is_done());
        assert_eq!(
            p.take_error(),
            Some(PaginationError::Repeated {
                page: 2,
                seen: 10,
                total: 1000
            })
        );
    }

    #[test]
    fn the_last_page_answered_again_past_the_end_ends_the_listing_quietly() {
        // No page size asked for and no total: a page-number service that
        // answers every page past the end with its last page.
        let mut p = Progress::new(PageStyle::Page { first: 1 }, None, None);
        assert_eq!(p.advance(page(20, None, 1)), Step::Yield);
        assert_eq!(p.advance(page(7, None, 2)), Step::Yield);
        assert_eq!(p.advance(page(7, None, 2)), Step::Repeated);
        assert!(p.is_done());
        assert_eq!(p.take_error(), None);
        assert_eq!(p.seen(), 27);
    }

    #[test]
    fn tokens_end_when_absent_empty_or_seen_before() {
        let token = |items, token, id| Page {
            items,
            total: None,
            token,
            fingerprint: id,
        };
        let mut p = Progress::new(PageStyle::Token, None, Some(10));
        assert_eq!(p.next_position(), None);
        assert!(!p.is_done());
        p.advance(token(10, Some("a"), 1));
        assert_eq!(p.next_position(), Some(&Position::Token("a".into())));
        p.advance(token(10, Some("a"), 2));
        assert!(p.is_done(), "a repeated token must end the listing");

        // Alternating tokens: A, B, A ends at the second A.
        let mut p = Progress::new(PageStyle::Token, None, None);
        p.advance(token(1, Some("A"), 1));
        p.advance(token(1, Some("B"), 2));
        assert!(!p.is_done());
        p.advance(token(1, Some("A"), 3));
        assert!(p.is_done(), "a token seen before must end the listing");

        let mut p = Progress::new(PageStyle::Token, None, None);
        p.advance(token(0, Some("b"), 1));
        assert!(!p.is_done(), "an empty page with a new token goes on");
        p.advance(token(3, Some(""), 2));
        assert!(p.is_done());

        let mut p = Progress::new(PageStyle::Token, None, None);
        p.advance(token(3, None, 1));
        assert!(p.is_done());
    }

    /// Every service whose answers repeat with a period: whatever the
    /// answers, the listing ends within one period and a page, because each
    /// page or token would repeat one already seen.
    #[test]
    fn periodic_answers_always_end_within_one_period() {
        let styles = [
            PageStyle::Offset,
            PageStyle::Page { first: 1 },
            PageStyle::Token,
        ];
        let tokens = [None, Some(""), Some("A"), Some("B"), Some("C")];
        let mut listings = 0;
        for style in styles {
            for size in [None, Some(1), Some(3)] {
                for period in 1..=4u64 {
                    // Every answer cycle of `period` pages over a few choices.
                    for seed in 0..(5u64.pow(period as u32)) {
                        let answers: Vec<Page<'static>> = (0..period)
                            .map(|k| {
                                let choice = (seed / 5u64.pow(k as u32)) % 5;
                                Page {
                                    items: [3, 3, 1, 5, 3][choice as usize],
                                    total: [Some(1000), None, Some(2), Some(1000), Some(4)]
                                        [choice as usize],
                                    token: tokens[choice as usize],
                                    fingerprint: choice,
                                }
                            })
                            .collect();
                        let mut p = Progress::new(style, None, size);
                        let mut pages = 0;
                        while !p.is_done() {
                            p.advance(answers[(pages % period) as usize]);
                            pages += 1;
                            assert!(
                                pages <= period + 1,
                                "{style:?} {size:?} {answers:?}: still going after {pages} pages"
                            );
                        }
                        listings += 1;
                    }
                }
            }
        }
        assert!(listings > 2000);
    }

    #[test]
    fn memory_stays_bounded_over_endless_distinct_pages() {
        let mut p = Progress::new(PageStyle::Offset, None, None);
        for id in 0..(REMEMBERED as u64 + 1000) {
            p.advance(page(1, None, id));
        }
        assert!(!p.is_done());
        assert_eq!(p.pages_seen.set.len(), REMEMBERED);
        assert_eq!(p.pages_seen.order.len(), REMEMBERED);
    }
}
