//! Which host a call goes to.
//!
//! The public hosts come from the spec ([`Action::ENDPOINTS`](crate::Action::ENDPOINTS));
//! nothing here builds a host name by hand.

use crate::action::Endpoints;

use super::config::ConfigError;

/// Where requests are sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Endpoint {
    /// The spec's default host ([`Endpoints::default`]), the one the
    /// edition's official SDKs call: `postgres.intl.tencentcloudapi.com`
    /// for the international edition's crates, `postgres.tencentcloudapi.com`
    /// (the nearest region) for the Chinese site's (default).
    #[default]
    Nearest,
    /// The spec's region-pinned host ([`Endpoints::regional_host`] of the
    /// client's region, e.g. `postgres.ap-guangzhou.tencentcloudapi.com`).
    Regional,
    /// The spec's international-site host ([`Endpoints::international`],
    /// e.g. `postgres.intl.tencentcloudapi.com`).
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

    /// The URL to POST to and the `Host` header (also the signed host), from
    /// the action's spec hosts.
    pub(crate) fn resolve(&self, endpoints: &Endpoints) -> (String, String) {
        let host = match self {
            Self::Custom { url, host } => return (url.clone(), host.clone()),
            Self::Nearest => endpoints.default.to_owned(),
            Self::Regional(region) => endpoints.regional_host(region),
            Self::International => endpoints.international.to_owned(),
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

    /// Deliberately unlike the public pattern: every host must come from here.
    const SPEC: Endpoints = Endpoints {
        default: "svc.example.test",
        regional: "svc-{region}.regional.example.test",
        international: "svc.world.example.test",
    };

    #[test]
    fn public_hosts_come_from_the_spec() {
        let r = ResolvedEndpoint::new(&Endpoint::Nearest, None).unwrap();
        assert_eq!(
            r.resolve(&SPEC),
            (
                "https://svc.example.test/".into(),
                "svc.example.test".into()
            )
        );
        let r = ResolvedEndpoint::new(&Endpoint::Regional, Some("ap-guangzhou")).unwrap();
        assert_eq!(
            r.resolve(&SPEC),
            (
                "https://svc-ap-guangzhou.regional.example.test/".into(),
                "svc-ap-guangzhou.regional.example.test".into()
            )
        );
        let r = ResolvedEndpoint::new(&Endpoint::International, Some("ap-guangzhou")).unwrap();
        assert_eq!(
            r.resolve(&SPEC),
            (
                "https://svc.world.example.test/".into(),
                "svc.world.example.test".into()
            )
        );
        // The hosts a service's spec gives (postgres 2017-03-12).
        let postgres = crate::action::Endpoints {
            default: "postgres.tencentcloudapi.com",
            regional: "postgres.{region}.tencentcloudapi.com",
            international: "postgres.intl.tencentcloudapi.com",
        };
        let r = ResolvedEndpoint::new(&Endpoint::Regional, Some("ap-shanghai")).unwrap();
        assert_eq!(
            r.resolve(&postgres).1,
            "postgres.ap-shanghai.tencentcloudapi.com"
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
            r.resolve(&SPEC),
            ("http://127.0.0.1:9000/".into(), "127.0.0.1:9000".into())
        );
        let r = ResolvedEndpoint::new(&Endpoint::Custom("https://Mock.Example.com/".into()), None)
            .unwrap();
        assert_eq!(
            r.resolve(&SPEC),
            (
                "https://mock.example.com/".into(),
                "mock.example.com".into()
            )
        );
        let r = ResolvedEndpoint::new(&Endpoint::Custom("http://[::1]:8080".into()), None).unwrap();
        assert_eq!(r.resolve(&SPEC).1, "[::1]:8080");
        // The scheme's default port is not repeated.
        let r =
            ResolvedEndpoint::new(&Endpoint::Custom("https://h.example:443".into()), None).unwrap();
        assert_eq!(r.resolve(&SPEC).1, "h.example");
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
