//! [`ClientBuilder`]: everything a [`Client`] is configured with.

use std::marker::PhantomData;

use super::*;

/// Configures a [`Client`]. Obtained from [`Client::builder`].
///
/// `C` is what [`build`](Self::build) returns: [`Client`] itself, or a type
/// that wraps one (the facade crate's client, which adds one accessor per
/// service).
pub struct ClientBuilder<C = Client> {
    pub(super) region: Option<String>,
    pub(super) credentials: Option<Arc<dyn ProvideCredentials>>,
    pub(super) endpoint: Endpoint,
    pub(super) language: Option<Language>,
    pub(super) timeouts: Timeouts,
    pub(super) retry: RetryPolicy,
    pub(super) validate: bool,
    pub(super) strict_responses: bool,
    pub(super) rate_limit: bool,
    pub(super) max_response_bytes: usize,
    pub(super) system_proxy: bool,
    pub(super) proxy: Option<Proxy>,
    pub(super) on_retry: Option<RetryObserver>,
    output: PhantomData<fn() -> C>,
}

impl<C> Clone for ClientBuilder<C> {
    fn clone(&self) -> Self {
        Self {
            region: self.region.clone(),
            credentials: self.credentials.clone(),
            endpoint: self.endpoint.clone(),
            language: self.language,
            timeouts: self.timeouts,
            retry: self.retry,
            validate: self.validate,
            strict_responses: self.strict_responses,
            rate_limit: self.rate_limit,
            max_response_bytes: self.max_response_bytes,
            system_proxy: self.system_proxy,
            proxy: self.proxy.clone(),
            on_retry: self.on_retry.clone(),
            output: PhantomData,
        }
    }
}

impl<C> Default for ClientBuilder<C> {
    fn default() -> Self {
        Self {
            region: None,
            credentials: None,
            endpoint: Endpoint::Nearest,
            language: None,
            timeouts: Timeouts::default(),
            retry: RetryPolicy::default(),
            validate: true,
            strict_responses: false,
            rate_limit: false,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            system_proxy: true,
            proxy: None,
            on_retry: None,
            output: PhantomData,
        }
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("endpoint", &self.endpoint)
            .field("language", &self.language)
            .field("timeouts", &self.timeouts)
            .field("retry", &self.retry)
            .field("validate", &self.validate)
            .field("rate_limit", &self.rate_limit)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("system_proxy", &self.system_proxy)
            .field("proxy", &self.proxy)
            .field("on_retry", &self.on_retry.as_ref().map(|_| "<fn>"))
            .finish()
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// The region (`X-TC-Region`), e.g. `ap-guangzhou`. Required by actions
    /// whose page marks `Region` as required ([`Action::REGION_REQUIRED`]) and
    /// by [`Endpoint::Regional`]. While validation is on, a call to an action
    /// whose page lists its regions ([`Action::REGIONS`]) is refused locally
    /// when this region is not listed.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Fixed credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(Arc::new(credentials));
        self
    }

    /// A credentials source, asked before every attempt. Default:
    /// [`CredentialsChain::default_chain`] (environment, then profile file).
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// Where requests go (default [`Endpoint::Nearest`]).
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// Sends every request to this base URL, e.g. `http://127.0.0.1:9000`.
    /// Shorthand for [`Endpoint::Custom`].
    pub fn endpoint_url(self, url: impl Into<String>) -> Self {
        self.endpoint(Endpoint::Custom(url.into()))
    }

    /// Language of error messages (`X-TC-Language`); not sent by default, so
    /// the service default (Chinese) applies.
    pub fn language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// All three time limits at once.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Time limit for establishing a connection.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.connect = timeout;
        self
    }

    /// Time limit for one attempt (send and read the whole answer).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.attempt = timeout;
        self
    }

    /// Time limit for the whole call, covering every attempt and wait. When
    /// it runs out, [`Error::Timeout`] says whether anything may have been sent.
    pub fn call_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.call = timeout;
        self
    }

    /// Retry policy for calls that do not override it.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Whether calls validate requests locally before sending (default on).
    /// This covers the request's parameters and the check of the client's
    /// region against the action's documented regions (a missing required
    /// region is refused either way).
    pub fn validate_requests(mut self, enabled: bool) -> Self {
        self.validate = enabled;
        self
    }

    /// Reads responses strictly: a value that decodes only after a
    /// correction (a number sent as a string, a required member missing)
    /// makes the call fail with [`Error::InvalidResponse`] naming its wire
    /// path, instead of being corrected and listed in the
    /// [`ResponseMetadata`](super::ResponseMetadata). Default off: the live
    /// API sends such values, and a call that succeeded (a purchase among
    /// them) should not read as a failure. For tests of a server.
    pub fn strict_responses(mut self, enabled: bool) -> Self {
        self.strict_responses = enabled;
        self
    }

    /// Paces each action to its documented `RATE_LIMIT_PER_SECOND` within
    /// this client (bursts up to that many, then evenly spaced). Default off.
    pub fn client_rate_limit(mut self, enabled: bool) -> Self {
        self.rate_limit = enabled;
        self
    }

    /// Cap on a response body (default [`DEFAULT_MAX_RESPONSE_BYTES`]).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Whether to honour `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and
    /// `NO_PROXY` from the environment (default on; off when a proxy is set
    /// with [`ClientBuilder::proxy`]).
    pub fn use_system_proxy(mut self, enabled: bool) -> Self {
        self.system_proxy = enabled;
        self
    }

    /// Sends every request through `proxy` (credentials with
    /// [`Proxy::basic_auth`]; never shown in Debug output or errors).
    pub fn proxy(mut self, proxy: Proxy) -> Self {
        self.proxy = Some(proxy);
        self
    }

    /// Called before each backoff wait, e.g. for metrics.
    pub fn on_retry(mut self, observer: impl Fn(&RetryEvent) + Send + Sync + 'static) -> Self {
        self.on_retry = Some(Arc::new(observer));
        self
    }

    /// Checks the settings and builds the client (and its connection pool).
    pub fn build(self) -> Result<C, ConfigError> {
        if let Some(region) = &self.region {
            config::check_region(region)?;
        }
        let endpoint = ResolvedEndpoint::new(&self.endpoint, self.region.as_deref())?;
        for (value, name) in [
            (self.timeouts.connect, "connect timeout"),
            (self.timeouts.attempt, "attempt timeout"),
            (self.timeouts.call, "call timeout"),
        ] {
            if value.is_zero() {
                return Err(ConfigError::InvalidTimeout(name));
            }
        }
        if self.max_response_bytes == 0 {
            return Err(ConfigError::InvalidLimit(
                "max_response_bytes must be positive",
            ));
        }
        let region_header = match &self.region {
            Some(region) => Some(
                HeaderValue::from_str(region)
                    .map_err(|_| ConfigError::InvalidHeader("X-TC-Region"))?,
            ),
            None => None,
        };
        let mut http = reqwest::Client::builder()
            .use_rustls_tls()
            .connect_timeout(self.timeouts.connect)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(REQUEST_CLIENT);
        if let Some(proxy) = &self.proxy {
            http = http.proxy(proxy.to_reqwest()?);
        } else if !self.system_proxy {
            http = http.no_proxy();
        }
        let http = http
            .build()
            .map_err(|e| ConfigError::HttpClient(error::root_cause(&e)))?;
        let credentials = match self.credentials {
            Some(provider) => provider,
            None => Arc::new(CredentialsChain::default_chain()),
        };
        Ok(C::from(Client {
            inner: Arc::new(Inner {
                http,
                region: self.region,
                region_header,
                language: self.language,
                endpoint,
                credentials,
                timeouts: self.timeouts,
                retry: self.retry,
                validate: self.validate,
                strict_responses: self.strict_responses,
                rate_limiter: self.rate_limit.then(RateLimiter::default),
                max_response_bytes: self.max_response_bytes,
                on_retry: self.on_retry,
                key_cache: std::sync::Mutex::new(HashMap::new()),
                parsed_urls: std::sync::Mutex::new(HashMap::new()),
            }),
        }))
    }
}
