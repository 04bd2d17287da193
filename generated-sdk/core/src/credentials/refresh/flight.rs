//! One fetch shared by every caller that waits for it.
//!
//! The fetch future sits in a slot behind an async mutex: whoever holds the
//! slot drives (polls) the fetch; every other caller waits for the outcome,
//! published once through a `watch` channel so all wake together, and
//! queues for the slot meanwhile. A driver dropped mid-fetch releases the
//! slot and the next waiter resumes the same fetch where it stands.

use std::future::{poll_fn, Future};
use std::pin::pin;
use std::sync::Arc;
use std::task::Poll;

use tokio::sync::{watch, Mutex, OwnedMutexGuard};

use super::{Fetch, Refreshing};
use crate::credentials::{Credentials, CredentialsError};

type Outcome = Result<Credentials, CredentialsError>;

/// The right to drive the fetch: the slot, held.
pub(super) type Slot = OwnedMutexGuard<Option<Fetch>>;

/// A fetch under way.
pub(super) struct Flight {
    slot: Arc<Mutex<Option<Fetch>>>,
    done: watch::Sender<Option<Outcome>>,
}

impl Flight {
    /// A new flight with an empty slot, held by the caller who fills it.
    pub(super) fn start() -> Option<(Arc<Flight>, Slot)> {
        let slot = Arc::new(Mutex::new(None));
        let held = Arc::clone(&slot).try_lock_owned().ok()?;
        let (done, _) = watch::channel(None);
        Some((Arc::new(Flight { slot, done }), held))
    }

    /// The slot, when nobody drives the fetch.
    pub(super) fn try_drive(&self) -> Option<Slot> {
        Arc::clone(&self.slot).try_lock_owned().ok()
    }

    fn outcome(&self) -> Option<Outcome> {
        self.done.borrow().clone()
    }
}

impl Refreshing {
    /// The outcome of `flight`: driving the fetch with `slot`, or waiting
    /// for it (and taking the slot over if its driver goes away).
    pub(super) async fn wait(&self, flight: Arc<Flight>, mut slot: Option<Slot>) -> Outcome {
        let mut done = flight.done.subscribe();
        loop {
            if let Some(outcome) = flight.outcome() {
                return outcome;
            }
            let held = match slot.take() {
                Some(held) => held,
                None => match follow(&flight, &mut done).await {
                    Some(held) => held,
                    None => continue,
                },
            };
            // The fetch may have ended before the slot came free.
            if let Some(outcome) = flight.outcome() {
                return outcome;
            }
            return self.drive(&flight, held).await;
        }
    }

    async fn drive(&self, flight: &Flight, slot: Slot) -> Outcome {
        let mut driver = Driver {
            cache: self,
            flight,
            slot,
            finished: false,
        };
        let fetched = match driver.slot.as_mut() {
            Some(fetch) => fetch.await,
            None => Err(CredentialsError::Fetch {
                source_name: self.source_name.clone(),
                reason: "internal error: the fetch was lost".to_owned(),
            }),
        };
        driver.finish(fetched)
    }
}

/// Waits until the outcome is published (`None`) or the slot comes free
/// (`Some`: this caller drives from now on).
async fn follow(flight: &Flight, done: &mut watch::Receiver<Option<Outcome>>) -> Option<Slot> {
    let mut changed = pin!(done.changed());
    let mut lock = pin!(Arc::clone(&flight.slot).lock_owned());
    poll_fn(|cx| {
        if let Poll::Ready(Ok(())) = changed.as_mut().poll(cx) {
            return Poll::Ready(None);
        }
        lock.as_mut().poll(cx).map(Some)
    })
    .await
}

/// The caller driving a fetch.
struct Driver<'a> {
    cache: &'a Refreshing,
    flight: &'a Flight,
    slot: Slot,
    finished: bool,
}

impl Driver<'_> {
    /// Records and publishes the outcome; the flight is over.
    fn finish(&mut self, fetched: Outcome) -> Outcome {
        self.finished = true;
        *self.slot = None;
        let outcome = self.cache.settle(self.flight, fetched);
        self.flight.done.send_replace(Some(outcome.clone()));
        outcome
    }
}

impl Drop for Driver<'_> {
    fn drop(&mut self) {
        // Dropped mid-fetch, the slot passes to the next waiter. But a fetch
        // that panicked must never be polled again: end the flight.
        if !self.finished && std::thread::panicking() {
            let reason = "the fetch panicked".to_owned();
            let _ = self.finish(Err(CredentialsError::Fetch {
                source_name: self.cache.source_name.clone(),
                reason,
            }));
        }
    }
}
