//! Client settings that are plain values: language, timeouts, configuration errors.

use std::time::Duration;

/// Language of error messages, sent as `X-TC-Language`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Language {
    /// Simplified Chinese, `zh-CN` (the service default).
    ZhCn,
    /// English, `en-US`.
    EnUs,
}

impl Language {
    /// The header value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-CN",
            Self::EnUs => "en-US",
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Language {
    type Err = ConfigError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "zh-CN" => Ok(Self::ZhCn),
            "en-US" => Ok(Self::EnUs),
            other => Err(ConfigError::InvalidLanguage(other.to_owned())),
        }
    }
}

/// The three time limits of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Establishing a connection (TCP and TLS). A connect timeout means the
    /// request was never sent, so it is retried like a refused connection.
    pub connect: Duration,
    /// One attempt: sending the request and reading the whole response.
    pub attempt: Duration,
    /// The whole call: every attempt, backoff and rate-limit wait.
    pub call: Duration,
}

impl Default for Timeouts {
    /// 10 s to connect, 60 s per attempt, 180 s per call.
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            attempt: Duration::from_secs(60),
            call: Duration::from_secs(180),
        }
    }
}

/// A setting that cannot work, found by [`ClientBuilder::build`](super::ClientBuilder::build)
/// or when a call needs something the client lacks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A region must be lowercase letters, digits and `-` (`ap-guangzhou`).
    #[error("invalid region {0:?}: expected lowercase letters, digits and '-', e.g. ap-guangzhou")]
    InvalidRegion(String),
    /// Unknown language tag.
    #[error("invalid language {0:?}: expected zh-CN or en-US")]
    InvalidLanguage(String),
    /// The endpoint override is not a usable base URL.
    #[error("invalid endpoint URL {url:?}: {reason}")]
    InvalidEndpoint {
        /// The URL given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A region-pinned endpoint was asked for without a region.
    #[error("the region-pinned endpoint needs a region; set ClientBuilder::region")]
    RegionalEndpointWithoutRegion,
    /// The action's page marks `Region` as required and the client has no region.
    #[error("action {action} requires a region (X-TC-Region); set ClientBuilder::region")]
    MissingRegion {
        /// The action name.
        action: &'static str,
    },
    /// The client's region is not among the regions the action's page lists.
    /// Only checked while validation is on: the list may lag behind the
    /// service, so switching validation off sends the call anyway.
    #[error("action {action} is not documented for region {region:?}; use a listed region or switch validation off to send anyway")]
    UnsupportedRegion {
        /// The action name.
        action: &'static str,
        /// The client's region.
        region: String,
    },
    /// A zero timeout.
    #[error("invalid timeout: {0} must be greater than zero")]
    InvalidTimeout(&'static str),
    /// A size limit that cannot work.
    #[error("invalid limit: {0}")]
    InvalidLimit(&'static str),
    /// A value that cannot be put in an HTTP header.
    #[error("invalid header value for {0}")]
    InvalidHeader(&'static str),
    /// The HTTP client could not be built.
    #[error("HTTP client: {0}")]
    HttpClient(String),
    /// A proxy that cannot be used (the message never shows its credentials).
    #[error("invalid proxy: {0}")]
    InvalidProxy(&'static str),
}

/// Checks a region name: non-empty, lowercase ASCII letters, digits and `-`.
pub(crate) fn check_region(region: &str) -> Result<(), ConfigError> {
    let ok = !region.is_empty()
        && region.len() <= 64
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(ConfigError::InvalidRegion(region.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions() {
        for good in [
            "ap-guangzhou",
            "na-siliconvalley",
            "ap-shanghai-fsi",
            "eu-frankfurt",
        ] {
            assert!(check_region(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "AP-guangzhou",
            "ap guangzhou",
            "ap-guangzhou.evil.com",
            "-x",
            "x-",
            "ap/1",
        ] {
            assert!(check_region(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn languages() {
        assert_eq!("zh-CN".parse::<Language>(), Ok(Language::ZhCn));
        assert_eq!(
            "en-US".parse::<Language>().map(Language::as_str),
            Ok("en-US")
        );
        assert!("fr-FR".parse::<Language>().is_err());
    }
}
