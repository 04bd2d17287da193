//! What the generated code tells the runtime about a list action that pages,
//! and the rule for when a listing ends.
//!
//! The rule is kept apart from any I/O ([`Progress`]) so that every way a
//! service can answer (empty pages, short pages, a `TotalCount` that is too
//! high or too low, a token that repeats) is tested directly.

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
    /// One listed item.
    type Item: Send + 'static;
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

/// Where a listing is: the next page to ask for, or the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    style: PageStyle,
    page_size: Option<u64>,
    /// The next page, `None` at the end.
    next: Option<Position>,
    /// Pages asked for so far.
    pages: u64,
}

impl Progress {
    /// A listing that starts at `start` (the first page when `None`).
    pub fn new(style: PageStyle, start: Option<Position>, page_size: Option<u64>) -> Self {
        let first = match style {
            PageStyle::Offset => Some(Position::Number(0)),
            PageStyle::Page { first } => Some(Position::Number(first)),
            PageStyle::Token => None,
        };
        Self {
            style,
            page_size,
            next: start.or(first),
            pages: 0,
        }
    }

    /// Sets the page size the requests ask for.
    pub fn set_page_size(&mut self, size: u64) {
        self.page_size = Some(size);
    }

    /// Whether another page is to be asked for.
    pub fn is_done(&self) -> bool {
        self.pages > 0 && self.next.is_none()
    }

    /// The position of the next page (`None` on the first page of a token
    /// listing, or at the end).
    pub fn next_position(&self) -> Option<&Position> {
        self.next.as_ref()
    }

    /// Records a page of `items` items, with the service's `total` and
    /// `token`, and decides where the next page starts.
    ///
    /// A listing ends on an empty page; at `total` when the service reports
    /// one (past it, a wrong total still ends on the empty page that
    /// follows); on a page shorter than the page size when there is no
    /// total; and, for tokens, when the token is absent, empty or the one
    /// just used. Each page moves the position forward, so no answer makes
    /// it loop.
    pub fn advance(&mut self, items: usize, total: Option<u64>, token: Option<&str>) {
        self.pages += 1;
        let items = items as u64;
        let short = self.page_size.is_some_and(|size| items < size);
        self.next = match (self.style, self.next.take()) {
            (PageStyle::Token, current) => match token {
                Some(t) if !t.is_empty() && current != Some(Position::Token(t.to_owned())) => {
                    Some(Position::Token(t.to_owned()))
                }
                _ => None,
            },
            (_, _) if items == 0 => None,
            (PageStyle::Offset, Some(Position::Number(offset))) => {
                let next = offset.saturating_add(items);
                match total {
                    Some(t) if next >= t => None,
                    None if short => None,
                    _ => Some(Position::Number(next)),
                }
            }
            (PageStyle::Page { first }, Some(Position::Number(page))) => {
                let next = page.saturating_add(1);
                let reached = match (total, self.page_size) {
                    (Some(t), Some(size)) => next.saturating_sub(first).saturating_mul(size) >= t,
                    _ => false,
                };
                if reached || (total.is_none() && short) {
                    None
                } else {
                    Some(Position::Number(next))
                }
            }
            (_, _) => None,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages through `sizes` (items per page the service returns), with
    /// `total` reported on every page; returns the positions asked for.
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
            p.advance(items, total, None);
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
        assert_eq!(run(PageStyle::Offset, Some(2), Some(4), &[2, 2]), [0, 2]);
        assert_eq!(run(PageStyle::Offset, Some(2), Some(0), &[0]), [0]);
    }

    #[test]
    fn a_total_that_is_too_high_ends_on_the_empty_page() {
        assert_eq!(
            run(PageStyle::Offset, Some(2), Some(100), &[2, 1]),
            [0, 2, 3]
        );
    }

    #[test]
    fn a_total_that_is_too_low_ends_at_the_total() {
        assert_eq!(run(PageStyle::Offset, Some(2), Some(2), &[2, 2, 2]), [0]);
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
        assert_eq!(run(first_zero, Some(2), Some(4), &[2, 2]), [0, 1]);
        assert_eq!(run(first_one, Some(2), None, &[2, 1]), [1, 2]);
        assert_eq!(run(first_one, Some(2), Some(50), &[2, 0]), [1, 2]);
    }

    #[test]
    fn a_request_s_own_start_is_kept() {
        let p = Progress::new(PageStyle::Offset, Some(Position::Number(40)), Some(10));
        assert_eq!(p.next_position(), Some(&Position::Number(40)));
    }

    #[test]
    fn tokens_end_when_absent_empty_or_repeated() {
        let mut p = Progress::new(PageStyle::Token, None, Some(10));
        assert_eq!(p.next_position(), None);
        assert!(!p.is_done());
        p.advance(10, None, Some("a"));
        assert_eq!(p.next_position(), Some(&Position::Token("a".into())));
        p.advance(10, None, Some("a"));
        assert!(p.is_done(), "a repeated token must end the listing");

        let mut p = Progress::new(PageStyle::Token, None, None);
        p.advance(0, None, Some("b"));
        assert!(!p.is_done(), "an empty page with a new token goes on");
        p.advance(3, None, Some(""));
        assert!(p.is_done());

        let mut p = Progress::new(PageStyle::Token, None, None);
        p.advance(3, None, None);
        assert!(p.is_done());
    }
}
