//! Checking a received `Authorization` header: parsing it, and comparing
//! the signature in constant time.

use super::*;

/// Compares two byte strings in time independent of where they differ.
/// (The length itself is not secret and short-circuits.)
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

/// The parts of a received `Authorization` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedAuthorization<'a> {
    /// The algorithm token (`TC3-HMAC-SHA256` for a valid header).
    pub algorithm: &'a str,
    /// The SecretId from the credential scope.
    pub secret_id: &'a str,
    /// The date from the credential scope.
    pub date: &'a str,
    /// The service from the credential scope.
    pub service: &'a str,
    /// The scope terminator (`tc3_request` for a valid header).
    pub terminator: &'a str,
    /// The `SignedHeaders` list.
    pub signed_headers: &'a str,
    /// The hex signature.
    pub signature: &'a str,
}

impl<'a> ParsedAuthorization<'a> {
    /// Parses `ALG Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=..., Signature=...`.
    /// Returns `None` when the shape does not match.
    pub fn parse(header: &'a str) -> Option<Self> {
        let (algorithm, rest) = header.trim().split_once(' ')?;
        let mut credential = None;
        let mut signed_headers = None;
        let mut signature = None;
        for part in rest.split(',') {
            let (name, value) = part.trim().split_once('=')?;
            let slot = match name {
                "Credential" => &mut credential,
                "SignedHeaders" => &mut signed_headers,
                "Signature" => &mut signature,
                _ => return None,
            };
            if slot.replace(value).is_some() {
                return None;
            }
        }
        let mut scope = credential?.split('/');
        let parsed = Self {
            algorithm,
            secret_id: scope.next()?,
            date: scope.next()?,
            service: scope.next()?,
            terminator: scope.next()?,
            signed_headers: signed_headers?,
            signature: signature?,
        };
        if scope.next().is_some() {
            return None;
        }
        Some(parsed)
    }
}

/// Why a received `Authorization` header does not match a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The header does not have the TC3 shape (`AuthFailure.InvalidAuthorization`).
    #[error("malformed Authorization header")]
    Malformed,
    /// Algorithm, date, service, terminator or signed headers differ from the request's.
    #[error("Authorization credential scope or signed headers do not match the request")]
    ScopeMismatch,
    /// The SecretId differs from the expected one.
    #[error("Authorization SecretId does not match")]
    SecretIdMismatch,
    /// The signature is wrong (`AuthFailure.SignatureFailure`).
    #[error("signature mismatch")]
    SignatureMismatch,
}

/// Checks a received `Authorization` header against the request it came with,
/// recomputing the signature from `secret_key` and comparing in constant time.
pub fn verify_authorization(
    header: &str,
    secret_id: &str,
    secret_key: &str,
    req: &SigningRequest<'_>,
) -> Result<(), VerifyError> {
    let parsed = ParsedAuthorization::parse(header).ok_or(VerifyError::Malformed)?;
    let date = utc_date(req.timestamp);
    if parsed.algorithm != ALGORITHM
        || parsed.date != date.as_str()
        || parsed.service != req.service
        || parsed.terminator != SCOPE_TERMINATOR
        || parsed.signed_headers != SIGNED_HEADERS
    {
        return Err(VerifyError::ScopeMismatch);
    }
    if parsed.secret_id != secret_id {
        return Err(VerifyError::SecretIdMismatch);
    }
    let expected = signature(secret_key, req);
    if constant_time_eq(expected.as_bytes(), parsed.signature.as_bytes()) {
        Ok(())
    } else {
        Err(VerifyError::SignatureMismatch)
    }
}

/// Verifies an `Authorization` header whatever headers it signs, as a
/// server does: the `SignedHeaders` list must name `content-type` and
/// `host`, in lowercase, sorted, without repeats, and every header it names
/// must be present (`header` looks one up by lowercase name). The request's
/// other parts come from `req` (its `host` and `content_type` are ignored:
/// they are read through `header`).
pub fn verify_authorization_signed(
    authorization: &str,
    secret_id: &str,
    secret_key: &str,
    req: &SigningRequest<'_>,
    header: &dyn Fn(&str) -> Option<String>,
) -> Result<(), VerifyError> {
    let parsed = ParsedAuthorization::parse(authorization).ok_or(VerifyError::Malformed)?;
    let date = utc_date(req.timestamp);
    if parsed.algorithm != ALGORITHM
        || parsed.date != date.as_str()
        || parsed.service != req.service
        || parsed.terminator != SCOPE_TERMINATOR
    {
        return Err(VerifyError::ScopeMismatch);
    }
    let names: Vec<&str> = parsed.signed_headers.split(';').collect();
    let well_formed = names.windows(2).all(|w| w[0] < w[1])
        && names.iter().all(|n| {
            !n.is_empty()
                && n.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())
        })
        && names.contains(&"content-type")
        && names.contains(&"host");
    if !well_formed {
        return Err(VerifyError::ScopeMismatch);
    }
    if parsed.secret_id != secret_id {
        return Err(VerifyError::SecretIdMismatch);
    }
    let mut canonical = String::with_capacity(256);
    canonical.push_str(HTTP_METHOD);
    canonical.push_str("\n/\n\n");
    for name in &names {
        let value = header(name).ok_or(VerifyError::ScopeMismatch)?;
        canonical.push_str(name);
        canonical.push(':');
        canonical.push_str(&value.trim().to_ascii_lowercase());
        canonical.push('\n');
    }
    canonical.push('\n');
    canonical.push_str(parsed.signed_headers);
    canonical.push('\n');
    canonical.push_str(sha256_hex(req.payload).as_str());
    let mut to_sign = String::with_capacity(160);
    to_sign.push_str(ALGORITHM);
    to_sign.push('\n');
    to_sign.push_str(&req.timestamp.to_string());
    to_sign.push('\n');
    to_sign.push_str(date.as_str());
    to_sign.push('/');
    to_sign.push_str(req.service);
    to_sign.push('/');
    to_sign.push_str(SCOPE_TERMINATOR);
    to_sign.push('\n');
    to_sign.push_str(sha256_hex(canonical.as_bytes()).as_str());
    let expected = SigningKey::derive(secret_key, &date, req.service).sign(to_sign.as_bytes());
    if constant_time_eq(expected.as_bytes(), parsed.signature.as_bytes()) {
        Ok(())
    } else {
        Err(VerifyError::SignatureMismatch)
    }
}
