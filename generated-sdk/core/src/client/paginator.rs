//! Paging through a list action: one page at a time, or as a stream of pages
//! or of items. Built by the generated `<action>_pages` methods.

use std::collections::VecDeque;

use futures_core::Stream;

use super::{CallOptions, Client, Error};
use crate::pagination::{fingerprint, Page, Paginated, Progress, Step};

/// Pages through a list action ([`Paginated`]). Each page is one call, sent
/// with the client's validation, retries and timeouts; an error ends the
/// listing after it is yielded.
///
/// No answer makes a listing loop: a page that repeats an earlier one, or a
/// token seen before, ends it ([`Progress`] has the whole rule). When the
/// service's own total says items are missing at that point, or an empty
/// page comes before the total, the listing ends with
/// [`Error::Pagination`] instead of stopping silently. Memory stays bounded:
/// [`items`](Self::items) holds one page at a time.
pub struct Paginator<A: Paginated> {
    client: Client,
    request: A::Request,
    options: CallOptions,
    progress: Progress,
    failed: bool,
}

impl<A: Paginated> Paginator<A> {
    /// Pages from where `request` starts (its own offset, page number or
    /// token; the first page when it has none).
    #[doc(hidden)]
    pub fn new(client: Client, request: A::Request) -> Self {
        let progress = Progress::new(A::STYLE, A::start(&request), A::page_size(&request));
        Self {
            client,
            request,
            options: CallOptions::default(),
            progress,
            failed: false,
        }
    }

    /// Asks for `size` items per page (the service's default otherwise).
    pub fn page_size(mut self, size: u64) -> Self {
        A::set_page_size(&mut self.request, size);
        self.progress.set_page_size(size);
        self
    }

    /// Per-call options for every page.
    pub fn options(mut self, options: CallOptions) -> Self {
        self.options = options;
        self
    }

    /// The next page; `None` after the last page or after an error.
    pub async fn next_page(&mut self) -> Option<Result<A::Response, Error<A::ErrorCode>>> {
        if let Some(error) = self.take_error() {
            return Some(Err(error));
        }
        if self.failed || self.progress.is_done() {
            return None;
        }
        let mut request = self.request.clone();
        if let Some(position) = self.progress.next_position() {
            A::set_position(&mut request, position);
        }
        match self.client.call_with::<A>(request, self.options).await {
            Ok(page) => {
                let items = A::items(&page);
                let step = self.progress.advance(Page {
                    items: items.len(),
                    total: A::total(&page),
                    token: A::next_token(&page),
                    fingerprint: fingerprint(items),
                });
                match step {
                    Step::Yield => Some(Ok(page)),
                    Step::Repeated => self.take_error().map(Err),
                }
            }
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }

    /// The listing's own error, once: it ends the listing.
    fn take_error(&mut self) -> Option<Error<A::ErrorCode>> {
        let source = self.progress.take_error()?;
        self.failed = true;
        Some(Error::Pagination {
            action: A::NAME,
            source,
        })
    }

    /// The pages, as a stream.
    pub fn pages(self) -> impl Stream<Item = Result<A::Response, Error<A::ErrorCode>>> + Send
    where
        Self: Send,
    {
        futures_util::stream::unfold(self, |mut p| async move {
            let page = p.next_page().await?;
            Some((page, p))
        })
    }

    /// The items of every page, as a stream.
    pub fn items(self) -> impl Stream<Item = Result<A::Item, Error<A::ErrorCode>>> + Send
    where
        Self: Send,
    {
        futures_util::stream::unfold((self, VecDeque::new()), |(mut p, mut buffer)| async move {
            loop {
                if let Some(item) = buffer.pop_front() {
                    return Some((Ok(item), (p, buffer)));
                }
                match p.next_page().await? {
                    Ok(page) => buffer.extend(A::into_items(page)),
                    Err(e) => return Some((Err(e), (p, buffer))),
                }
            }
        })
    }

    /// Every item of every page, or the first error.
    pub async fn collect_items(mut self) -> Result<Vec<A::Item>, Error<A::ErrorCode>> {
        let mut all = Vec::new();
        while let Some(page) = self.next_page().await {
            all.extend(A::into_items(page?));
        }
        Ok(all)
    }
}

impl<A: Paginated> std::fmt::Debug for Paginator<A> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The request may hold secrets; its own Debug redacts them.
        f.debug_struct("Paginator")
            .field("action", &A::NAME)
            .field("request", &self.request)
            .field("progress", &self.progress)
            .finish_non_exhaustive()
    }
}
