//! Sending one call: its attempts under the retry policy and the rate
//! limit, each attempt's HTTP exchange, and reading a capped body.

use super::*;

impl Client {
    pub(super) async fn attempts<A: Action>(
        &self,
        call: &CallContext<'_>,
    ) -> Result<(A::Response, ResponseMetadata), Error<A::ErrorCode>> {
        let inner = &*self.inner;
        let CallContext {
            host,
            body,
            options,
            deadline,
            span,
            sent,
            ..
        } = *call;
        let policy = options.retry.unwrap_or(inner.retry);
        // Whether a finished attempt may have reached the server.
        let mut reached = false;
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            if let Some(limiter) = &inner.rate_limiter {
                let now = Instant::now();
                let key = (A::SERVICE, A::NAME);
                let Some(at) =
                    limiter.reserve_before(key, A::RATE_LIMIT_PER_SECOND, now, Some(deadline))
                else {
                    // The slot comes after the deadline: give up now rather than wait for it.
                    tracing::debug!("client-side rate limit: no slot before the call deadline");
                    return Err(Error::Timeout {
                        kind: TimeoutKind::Call,
                        sent: reached,
                    });
                };
                if at > now {
                    tracing::debug!(
                        wait_ms = (at - now).as_millis() as u64,
                        "client-side rate limit"
                    );
                    tokio::time::sleep_until(at).await;
                }
            }
            let credentials = if A::SKIP_SIGN {
                Credentials::unsigned()
            } else {
                inner.credentials.provide_credentials().await?
            };
            let headers = self.signed_headers::<A>(host, body, &credentials, unix_now())?;
            // From here until the attempt fails in a way that proves otherwise,
            // the request may be on its way.
            sent.store(true, Ordering::SeqCst);
            let error = match self.attempt::<A>(call, headers, &credentials).await {
                Ok(response) => return Ok(response),
                Err(error) => error,
            };
            reached |= error.may_have_reached_server();
            sent.store(reached, Ordering::SeqCst);
            let retry_ambiguous = options
                .retry_ambiguous
                .unwrap_or(policy.retries_ambiguous());
            let reason = match error.retry_class() {
                Some(RetryReason::Ambiguous) if !retry_ambiguous => None,
                other => other,
            };
            let Some(reason) = reason else {
                return Err(error);
            };
            if matches!(
                error,
                Error::Timeout {
                    kind: TimeoutKind::Call,
                    ..
                }
            ) {
                // The call's time is up.
                return Err(error);
            }
            if attempt >= policy.max_attempts() {
                return Err(error);
            }
            let delay = policy.backoff(attempt);
            if after(delay) >= deadline {
                // Waiting would only end in a whole-call timeout; report the real failure.
                return Err(error);
            }
            tracing::info!(attempt, delay_ms = delay.as_millis() as u64, ?reason, %error, "retrying");
            if let Some(observer) = &inner.on_retry {
                observer(&RetryEvent {
                    service: A::SERVICE,
                    action: A::NAME,
                    attempt,
                    delay,
                    reason,
                    error: error.to_string(),
                });
            }
            tokio::time::sleep(delay).await;
        }
    }

    /// One exchange: send, read the capped body, decode.
    pub(super) async fn attempt<A: Action>(
        &self,
        call: &CallContext<'_>,
        headers: HeaderMap,
        credentials: &Credentials,
    ) -> Result<(A::Response, ResponseMetadata), Error<A::ErrorCode>> {
        let inner = &*self.inner;
        let CallContext {
            url,
            body,
            options,
            deadline,
            span,
            ..
        } = *call;
        let attempt_end = after(options.attempt_timeout.unwrap_or(inner.timeouts.attempt));
        let (end, kind) = if attempt_end < deadline {
            (attempt_end, TimeoutKind::Attempt)
        } else {
            (deadline, TimeoutKind::Call)
        };
        let exchange = async {
            let request = match call.target {
                Some(target) => inner.http.post(target.clone()),
                None => inner.http.post(url),
            };
            let response = request
                .headers(headers)
                .body(body.to_vec())
                .send()
                .await
                .map_err(|e| classify_send_error::<A::ErrorCode>(e, url))?;
            let status = response.status().as_u16();
            let content_type = response
                .headers()
                .get(CONTENT_TYPE)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            let (bytes, truncated) =
                read_capped::<A::ErrorCode>(response, inner.max_response_bytes, url).await?;
            Ok::<_, Error<A::ErrorCode>>((status, content_type, bytes, truncated))
        };
        let (status, content_type, bytes, truncated) =
            match tokio::time::timeout_at(end, exchange).await {
                Ok(result) => result?,
                // Still in flight: the request may have been written.
                Err(_) => return Err(Error::Timeout { kind, sent: true }),
            };
        let mut secrets = vec![credentials.secret_key(), credentials.token().unwrap_or("")];
        secrets.extend_from_slice(call.sensitive);
        if status != 200 {
            let request_id = envelope::request_id_of(&bytes);
            record_request_id(span, request_id.as_deref());
            return Err(Error::UnexpectedStatus {
                status,
                body_excerpt: envelope::excerpt(&bytes, EXCERPT_CHARS, &secrets),
                request_id,
            });
        }
        if let Some(content_type) = content_type {
            let media_type = content_type.split(';').next().unwrap_or("").trim();
            if !media_type.eq_ignore_ascii_case("application/json") {
                let request_id = envelope::request_id_of(&bytes);
                record_request_id(span, request_id.as_deref());
                return Err(invalid_response::<A>(
                    format!(
                        "unexpected content type {:?}",
                        envelope::excerpt(content_type.as_bytes(), 60, &secrets),
                    ),
                    request_id,
                    None,
                    &bytes,
                    &secrets,
                ));
            }
        }
        if let Some(cause) = truncated {
            return Err(invalid_response::<A>(
                format!(
                    "response body truncated or unreadable after {} bytes: {cause}",
                    bytes.len()
                ),
                envelope::request_id_of(&bytes),
                None,
                &bytes,
                &secrets,
            ));
        }
        let parsed = envelope::parse::<A::Response>(&bytes, reading(inner.strict_responses));
        let request_id = match &parsed {
            Ok(p) => p.request_id.as_deref(),
            Err(invalid) => invalid.request_id.as_deref(),
        };
        record_request_id(span, request_id);
        // The server's text may echo a secret; mask it before it is stored,
        // displayed or logged.
        into_result::<A>(parsed, &bytes, &secrets).map_err(|error| scrub(error, &secrets))
    }
}

/// What stays the same across the attempts of one call.
#[derive(Clone, Copy)]
pub(super) struct CallContext<'a> {
    pub(super) url: &'a str,
    /// `url` parsed, when it parses.
    pub(super) target: Option<&'a reqwest::Url>,
    pub(super) host: &'a str,
    pub(super) body: &'a [u8],
    pub(super) options: &'a CallOptions,
    pub(super) deadline: Instant,
    pub(super) span: &'a tracing::Span,
    /// Whether any attempt may have reached the server: read when the
    /// whole-call deadline cuts the attempts short.
    pub(super) sent: &'a AtomicBool,
    /// The request's sensitive values, masked in anything the server says.
    pub(super) sensitive: &'a [&'a str],
}

fn record_request_id(span: &tracing::Span, request_id: Option<&str>) {
    if let Some(id) = request_id {
        span.record("request_id", id);
    }
}

/// Reads the body, refusing to buffer more than `limit` bytes. A body cut
/// short comes back as far as it arrived, with why it stopped.
async fn read_capped<C: ErrorCode>(
    mut response: reqwest::Response,
    limit: usize,
    url: &str,
) -> Result<(Vec<u8>, Option<String>), Error<C>> {
    let declared = response
        .content_length()
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    if declared.is_some_and(|n| n > limit) {
        return Err(Error::ResponseTooLarge { limit });
    }
    // The buffer grows with the bytes received, never ahead of them by more
    // than a small first reservation: a declared length is only a claim.
    let mut buf = Vec::with_capacity(declared.unwrap_or(0).clamp(8 * 1024, 64 * 1024).min(limit));
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if chunk.len() > limit - buf.len() {
                    return Err(Error::ResponseTooLarge { limit });
                }
                buf.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok((buf, None)),
            Err(e) if e.is_body() || e.is_decode() => {
                return Ok((buf, Some(error::root_cause(&e))));
            }
            Err(e) => {
                return Err(Error::Transport {
                    url: url.to_owned(),
                    cause: error::root_cause(&e),
                    source: Box::new(e),
                })
            }
        }
    }
}
