//! [`ProvideCredentials`], the future it returns, and [`CredentialsError`].

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use super::Credentials;

/// Why credentials could not be obtained. Messages name sources, variables,
/// files and line numbers, never values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialsError {
    /// The source has no credentials at all; a chain moves on to the next source.
    #[error("{source_name}: {reason}")]
    NotFound {
        /// The source, e.g. `environment` or `profile file /home/u/.tencentcloud/credentials`.
        source_name: String,
        /// What was missing.
        reason: String,
    },
    /// The source is configured but unusable (a variable without its pair, a
    /// malformed file); a chain stops here rather than silently using another account.
    #[error("{source_name}: {reason}")]
    Invalid {
        /// The source.
        source_name: String,
        /// What is wrong.
        reason: String,
    },
    /// A source that fetches credentials (instance metadata, STS) failed:
    /// unreachable, refused, or answered something unreadable. A chain
    /// moves on only when the source is absent (see the provider).
    #[error("{source_name}: {reason}")]
    Fetch {
        /// The source, with the URL it asked (never a token or key).
        source_name: String,
        /// What went wrong.
        reason: String,
    },
    /// The credentials expired and could not be refreshed.
    #[error("{source_name}: the credentials expired and a refresh failed: {reason}")]
    Expired {
        /// The source.
        source_name: String,
        /// Why the refresh failed.
        reason: String,
    },
    /// No source of a chain had credentials.
    #[error("no credentials found; tried: {}", .tried.join("; "))]
    NoneFound {
        /// One entry per source tried, saying why it had none.
        tried: Vec<String>,
    },
}

/// A source of credentials, asked before every attempt of a call.
///
/// Sources that hold their credentials (static values, the environment, the
/// profile file, and remote sources whose cached credentials are fresh)
/// answer at once with [`Provide::ready`]; a source that must fetch answers
/// with a future ([`Provide::new`]).
pub trait ProvideCredentials: fmt::Debug + Send + Sync {
    /// The current credentials.
    fn provide_credentials(&self) -> Provide<'_>;
}

/// The answer of a [`ProvideCredentials`]: ready now, or a future.
pub struct Provide<'a>(Inner<'a>);

type BoxFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

enum Inner<'a> {
    Ready(Option<Result<Credentials, CredentialsError>>),
    Pending(BoxFuture<'a>),
}

impl<'a> Provide<'a> {
    /// An answer available now.
    pub fn ready(result: Result<Credentials, CredentialsError>) -> Self {
        Self(Inner::Ready(Some(result)))
    }

    /// An answer that needs waiting for.
    pub fn new(
        future: impl Future<Output = Result<Credentials, CredentialsError>> + Send + 'a,
    ) -> Self {
        Self(Inner::Pending(Box::pin(future)))
    }

    /// Whether the answer is available without waiting.
    pub fn is_ready(&self) -> bool {
        matches!(self.0, Inner::Ready(_))
    }

    /// The answer without waiting: for synchronous code such as
    /// `Client::prepare`. A source that must fetch first gives an error
    /// saying so; await the `Provide` instead.
    pub fn now(self) -> Result<Credentials, CredentialsError> {
        match self.0 {
            Inner::Ready(Some(result)) => result,
            Inner::Ready(None) => Err(CredentialsError::Invalid {
                source_name: "credentials provider".to_owned(),
                reason: "the answer was already taken".to_owned(),
            }),
            Inner::Pending(_) => Err(CredentialsError::Invalid {
                source_name: "credentials provider".to_owned(),
                reason: "the source must fetch credentials first; await it (calls do)".to_owned(),
            }),
        }
    }
}

impl Future for Provide<'_> {
    type Output = Result<Credentials, CredentialsError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match &mut self.0 {
            Inner::Ready(result) => Poll::Ready(result.take().unwrap_or_else(|| {
                Err(CredentialsError::Invalid {
                    source_name: "credentials provider".to_owned(),
                    reason: "polled after completion".to_owned(),
                })
            })),
            Inner::Pending(future) => future.as_mut().poll(cx),
        }
    }
}

impl fmt::Debug for Provide<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.is_ready() {
            "Provide::Ready"
        } else {
            "Provide::Pending"
        })
    }
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> Provide<'_> {
        Provide::ready(self.check().map(|()| self.clone()).map_err(|reason| {
            CredentialsError::Invalid {
                source_name: "static credentials".to_owned(),
                reason: reason.to_owned(),
            }
        }))
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials(&self) -> Provide<'_> {
        (**self).provide_credentials()
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Box<P> {
    fn provide_credentials(&self) -> Provide<'_> {
        (**self).provide_credentials()
    }
}
