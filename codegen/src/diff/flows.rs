//! Diff rules for paginators and waiters: a removed one takes a method away,
//! a changed one pages or waits differently.

use std::collections::BTreeSet;

use super::{Class, Differ};
use crate::spec::{PageStyle, Pagination, Waiter};

/// The pagination that generates a paginator (`none` does not).
fn paging(p: Option<&Pagination>) -> Option<&Pagination> {
    p.filter(|p| p.style != PageStyle::None)
}

impl Differ {
    pub(super) fn pagination(&mut self, old: Option<&Pagination>, new: Option<&Pagination>) {
        match (paging(old), paging(new)) {
            (Some(_), None) => self.push(
                "paginator removed",
                Class::Breaking,
                "the `<action>_pages` method disappears",
            ),
            (None, Some(p)) => self.push(
                format!("paginator added ({} style)", p.style.as_str()),
                Class::Compatible,
                "a new `<action>_pages` method",
            ),
            (Some(a), Some(b)) => {
                // Review state and notes change no generated code.
                let key = |p: &Pagination| {
                    (
                        p.style,
                        p.input.clone(),
                        p.page_size.clone(),
                        p.first_page,
                        p.items.clone(),
                        p.total.clone(),
                        p.next_token.clone(),
                    )
                };
                if key(a) != key(b) {
                    self.push(
                        "pagination changed",
                        Class::Caution,
                        "pages are asked for or counted differently; the item type may change",
                    );
                }
            }
            (None, None) => {}
        }
    }

    pub(super) fn waiters(&mut self, old: &[Waiter], new: &[Waiter]) {
        let names: BTreeSet<&str> = old.iter().chain(new).map(|w| w.name.as_str()).collect();
        for name in names {
            self.item = format!("waiter {name}");
            let find = |ws: &[Waiter]| ws.iter().find(|w| w.name == name).cloned();
            match (find(old), find(new)) {
                (Some(_), None) => self.push(
                    "waiter removed",
                    Class::Breaking,
                    "its `wait_until_*` methods and constant disappear",
                ),
                (None, Some(_)) => self.push(
                    "waiter added",
                    Class::Compatible,
                    "new `wait_until_*` methods",
                ),
                (Some(a), Some(b)) if a.input.ty != b.input.ty => self.push(
                    format!("waiter argument {} -> {}", a.input.ty, b.input.ty),
                    Class::Breaking,
                    "the method's argument type changes",
                ),
                (Some(a), Some(b)) => {
                    let what = |w: &Waiter| {
                        (
                            w.action.clone(),
                            w.request.clone(),
                            w.select.clone(),
                            w.state.clone(),
                            w.success.clone(),
                            w.failure.clone(),
                        )
                    };
                    if what(&a) != what(&b) {
                        self.push(
                            "waiter condition changed",
                            Class::Caution,
                            "it polls or accepts different states; existing waits may end differently",
                        );
                    }
                    let times =
                        |w: &Waiter| (w.timeout_seconds, w.min_delay_seconds, w.max_delay_seconds);
                    if times(&a) != times(&b) {
                        self.push(
                            "waiter time limit or delays changed",
                            Class::Compatible,
                            "the defaults change; waits given a WaitConfig are unchanged",
                        );
                    }
                }
                (None, None) => {}
            }
        }
    }
}
