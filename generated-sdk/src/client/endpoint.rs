//! Which host a call goes to.

use super::config::ConfigError;

/// The domain of every public endpoint.
pub const API_DOMAIN: &str = "tencentcloudapi.com";

/// Where requests are sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Endpoint {
    /// `https://<service>.tencentcloudapi.com/`: the nearest region (default).
    #[default]
    Nearest,
    /// `https://<service>.<region>.tencentcloudapi.com/`: pinned to the client's region.
    Regional,
    /// `https://<service>.intl.tencentcloudapi.com/`: the international site.
    International,
    /// A full base URL such as `http://127.0.0.1:9000` (a mock server or a
    /// proxy). The signature still uses the action's service name; the `Host`
    /// header is this URL's `host[:port]`.
    Custom(String),
}

/// An endpoint checked against the client configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ResolvedEndpoint {
    Nearest,
    Regional(String),
    International,
    Custom { url: String, host: String },
}

impl ResolvedEndpoint {
    pub(crate) fn new(endpoint: &Endpoint, region: Option<&str>) -> Result<Self, ConfigError> {
        Ok(match endpoint {
            Endpoint::Nearest => Self::Nearest,
            Endpoint::International => Self::International,
            Endpoint::Regional => match region {
                Some(region) => Self::Regional(region.to_owned()),
                None => return Err(ConfigError::RegionalEndpointWithoutRegion),
            },
            Endpoint::Custom(url) => {
                let (url, host) = parse_custom(url)?;
                Self::Custom { url, host }
            }
        })
    }

    /// The URL to POST to and the `Host` header (also the signed host).
    pub(crate) fn resolve(&self, service: &str) -> (String, String) {
        let host = match self {
            Self::Custom { url, host } => return (url.clone(), host.clone()),
            Self::Nearest => format!("{service}.{API_DOMAIN}"),
            Self::Regional(region) => format!("{service}.{region}.{API_DOMAIN}"),
            Self::International => format!("{service}.intl.{API_DOMAIN}"),
        };
        (format!("https://{host}/"), host)
    }
}

/// Parses an override into the URL to POST to and its `host[:port]`.
fn parse_custom(raw: &str) -> Result<(String, String), ConfigError> {
    let invalid = |reason: &str| ConfigError::InvalidEndpoint {
        url: raw.to_owned(),
        reason: reason.to_owned(),
    };
    let url = reqwest::Url::parse(raw.trim()).map_err(|e| invalid(&e.to_string()))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(invalid("scheme must be http or https"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("user information is not allowed"));
    }
    if url.path() != "/" && !url.path().is_empty() {
        return Err(invalid(
            "a path is not allowed: every action is POSTed to /",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("query and fragment are not allowed"));
    }
    let Some(host) = url.host_str() else {
        return Err(invalid("missing host"));
    };
    let host = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    Ok((format!("{}://{host}/", url.scheme()), host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_hosts() {
        let r = ResolvedEndpoint::new(&Endpoint::Nearest, None).unwrap();
        assert_eq!(
            r.resolve("postgres"),
            (
                "https://postgres.tencentcloudapi.com/".into(),
                "postgres.tencentcloudapi.com".into()
            )
        );
        let r = ResolvedEndpoint::new(&Endpoint::Regional, Some("ap-guangzhou")).unwrap();
        assert_eq!(
            r.resolve("redis").1,
            "redis.ap-guangzhou.tencentcloudapi.com"
        );
        let r = ResolvedEndpoint::new(&Endpoint::International, Some("ap-guangzhou")).unwrap();
        assert_eq!(
            r.resolve("redis").0,
            "https://redis.intl.tencentcloudapi.com/"
        );
        assert_eq!(
            ResolvedEndpoint::new(&Endpoint::Regional, None),
            Err(ConfigError::RegionalEndpointWithoutRegion)
        );
    }

    #[test]
    fn custom_endpoints() {
        let r =
            ResolvedEndpoint::new(&Endpoint::Custom("http://127.0.0.1:9000".into()), None).unwrap();
        assert_eq!(
            r.resolve("postgres"),
            ("http://127.0.0.1:9000/".into(), "127.0.0.1:9000".into())
        );
        let r = ResolvedEndpoint::new(&Endpoint::Custom("https://Mock.Example.com/".into()), None)
            .unwrap();
        assert_eq!(
            r.resolve("x"),
            (
                "https://mock.example.com/".into(),
                "mock.example.com".into()
            )
        );
        let r = ResolvedEndpoint::new(&Endpoint::Custom("http://[::1]:8080".into()), None).unwrap();
        assert_eq!(r.resolve("x").1, "[::1]:8080");
        // The scheme's default port is not repeated.
        let r =
            ResolvedEndpoint::new(&Endpoint::Custom("https://h.example:443".into()), None).unwrap();
        assert_eq!(r.resolve("x").1, "h.example");
        for bad in [
            "127.0.0.1:9000",
            "ftp://h/",
            "http://u:p@h/",
            "http://h/prefix",
            "http://h/?a=1",
            "http://h/#f",
            "not a url",
        ] {
            assert!(
                matches!(
                    ResolvedEndpoint::new(&Endpoint::Custom(bad.into()), None),
                    Err(ConfigError::InvalidEndpoint { .. })
                ),
                "{bad}"
            );
        }
    }
}
