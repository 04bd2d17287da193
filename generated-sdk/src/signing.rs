//! TC3-HMAC-SHA256 request signing (Tencent Cloud API 3.0) for `POST` JSON requests.
//!
//! The signer streams every intermediate piece straight into the hash
//! functions, so [`authorization`] allocates only the returned header value.
//! The intermediate pieces ([`canonical_request`], [`string_to_sign`],
//! [`signature`]) are exposed as well, so tests and mock servers can verify a
//! request independently, and [`verify_authorization`] checks a received
//! `Authorization` header in constant time.
//!
//! ```
//! use tencentcloud_sdk::signing::{authorization, SigningRequest, JSON_CONTENT_TYPE};
//!
//! let req = SigningRequest {
//!     service: "cvm",
//!     host: "cvm.tencentcloudapi.com",
//!     content_type: JSON_CONTENT_TYPE,
//!     payload: br#"{"Limit": 1}"#,
//!     timestamp: 1551113065,
//! };
//! let header = authorization("AKIDEXAMPLE", "secret", &req);
//! assert!(header.starts_with("TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/cvm/tc3_request, "));
//! ```

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// The signing algorithm name, first token of the `Authorization` header.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";
/// The headers covered by the signature, in canonical order.
pub const SIGNED_HEADERS: &str = "content-type;host";
/// The `Content-Type` every JSON request uses (lowercase: it is signed).
pub const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";
/// The terminator of the credential scope.
pub const SCOPE_TERMINATOR: &str = "tc3_request";

const HTTP_METHOD: &str = "POST";
const SHA256_BLOCK: usize = 64;

/// Everything the TC3 signature covers for one `POST` request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SigningRequest<'a> {
    /// Service name (`postgres`, `redis`): the first label of the default host,
    /// even when the request goes to an overridden endpoint.
    pub service: &'a str,
    /// Value of the `Host` header actually sent (`postgres.tencentcloudapi.com`,
    /// or `127.0.0.1:9000` for an overridden endpoint).
    pub host: &'a str,
    /// Value of the `Content-Type` header actually sent.
    pub content_type: &'a str,
    /// The exact request body bytes.
    pub payload: &'a [u8],
    /// `X-TC-Timestamp`: UNIX time in seconds.
    pub timestamp: u64,
}

/// A 32-byte digest rendered as 64 lowercase hexadecimal characters, on the stack.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct HexDigest([u8; 64]);

impl HexDigest {
    /// Renders raw digest bytes as lowercase hex.
    pub fn from_bytes(bytes: &[u8; 32]) -> Self {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0u8; 64];
        for (i, b) in bytes.iter().enumerate() {
            out[2 * i] = DIGITS[usize::from(b >> 4)];
            out[2 * i + 1] = DIGITS[usize::from(b & 0x0f)];
        }
        Self(out)
    }

    /// The hex text.
    pub fn as_str(&self) -> &str {
        // Only ASCII hex digits are ever written, so this cannot fail.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The hex text as bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Display for HexDigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for HexDigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HexDigest({})", self.as_str())
    }
}

impl AsRef<str> for HexDigest {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// A UTC calendar date rendered as `YYYY-MM-DD`, on the stack.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct UtcDate([u8; 10]);

impl UtcDate {
    /// The UTC date of a UNIX timestamp (seconds). Years past 9999 are clamped
    /// to 9999-12-31, which no real clock reaches.
    pub fn from_timestamp(timestamp: u64) -> Self {
        let days = timestamp / 86_400;
        // u64::MAX / 86400 fits an i64 comfortably.
        let (year, month, day) = civil_from_days(i64::try_from(days).unwrap_or(i64::MAX));
        let (year, month, day) = if year > 9999 {
            (9999, 12, 31)
        } else {
            (year, month, day)
        };
        // `year` is at least 1970 here because timestamps are unsigned.
        let y = u32::try_from(year).unwrap_or(1970);
        let mut out = *b"0000-00-00";
        out[0] = b'0' + (y / 1000 % 10) as u8;
        out[1] = b'0' + (y / 100 % 10) as u8;
        out[2] = b'0' + (y / 10 % 10) as u8;
        out[3] = b'0' + (y % 10) as u8;
        out[5] = b'0' + (month / 10) as u8;
        out[6] = b'0' + (month % 10) as u8;
        out[8] = b'0' + (day / 10) as u8;
        out[9] = b'0' + (day % 10) as u8;
        Self(out)
    }

    /// The `YYYY-MM-DD` text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl fmt::Display for UtcDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for UtcDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UtcDate({})", self.as_str())
    }
}

/// Converts a count of days since 1970-01-01 into a proleptic Gregorian
/// `(year, month, day)`, month and day 1-based. Works for negative counts too.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Shift the epoch to 0000-03-01 so leap days fall at the end of a cycle year.
    let z = days.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March-based month
    let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both values are in small ranges by construction.
    (year, month as u32, day as u32)
}

/// The UTC date (`YYYY-MM-DD`) of a UNIX timestamp, as used in the credential scope.
pub fn utc_date(timestamp: u64) -> UtcDate {
    UtcDate::from_timestamp(timestamp)
}

/// Lowercase hex SHA-256 of `data`.
pub fn sha256_hex(data: &[u8]) -> HexDigest {
    HexDigest::from_bytes(&Sha256::digest(data).into())
}

/// Canonical request text (step 1). Mostly useful for tests and debugging;
/// signing itself streams the same bytes into the hash without building it.
pub fn canonical_request(req: &SigningRequest<'_>) -> String {
    let mut out = String::with_capacity(160);
    write_canonical_request(req, &sha256_hex(req.payload), &mut |piece: &[u8]| {
        // Every piece is either a &str slice or ASCII-lowercased bytes of one,
        // so it is valid UTF-8 on its own.
        out.push_str(&String::from_utf8_lossy(piece));
    });
    out
}

/// Lowercase hex SHA-256 of the canonical request.
pub fn canonical_request_hash(req: &SigningRequest<'_>) -> HexDigest {
    canonical_request_hash_with_payload_hash(req, &sha256_hex(req.payload))
}

fn canonical_request_hash_with_payload_hash(
    req: &SigningRequest<'_>,
    payload_hash: &HexDigest,
) -> HexDigest {
    let mut hasher = Sha256::new();
    write_canonical_request(req, payload_hash, &mut |piece: &[u8]| hasher.update(piece));
    HexDigest::from_bytes(&hasher.finalize().into())
}

/// Writes the canonical request piece by piece.
fn write_canonical_request(
    req: &SigningRequest<'_>,
    payload_hash: &HexDigest,
    sink: &mut dyn FnMut(&[u8]),
) {
    sink(HTTP_METHOD.as_bytes());
    sink(b"\n/\n\ncontent-type:");
    write_lowercase_trimmed(req.content_type, sink);
    sink(b"\nhost:");
    write_lowercase_trimmed(req.host, sink);
    sink(b"\n\n");
    sink(SIGNED_HEADERS.as_bytes());
    sink(b"\n");
    sink(payload_hash.as_bytes());
}

/// Canonical header values are trimmed and lowercased; this avoids allocating
/// when (as usual) the value is already lowercase.
fn write_lowercase_trimmed(value: &str, sink: &mut dyn FnMut(&[u8])) {
    let value = value.trim().as_bytes();
    if !value.iter().any(u8::is_ascii_uppercase) {
        sink(value);
        return;
    }
    let mut buf = [0u8; 64];
    for chunk in value.chunks(buf.len()) {
        let out = &mut buf[..chunk.len()];
        out.copy_from_slice(chunk);
        out.make_ascii_lowercase();
        sink(out);
    }
}

/// Writes the decimal digits of `n` into `buf`, returning the used tail.
fn decimal(n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut n = n;
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[i..]
}

fn write_string_to_sign(
    timestamp: u64,
    date: &UtcDate,
    service: &str,
    canonical_hash: &HexDigest,
    sink: &mut dyn FnMut(&[u8]),
) {
    let mut digits = [0u8; 20];
    sink(ALGORITHM.as_bytes());
    sink(b"\n");
    sink(decimal(timestamp, &mut digits));
    sink(b"\n");
    sink(date.as_str().as_bytes());
    sink(b"/");
    sink(service.as_bytes());
    sink(b"/");
    sink(SCOPE_TERMINATOR.as_bytes());
    sink(b"\n");
    sink(canonical_hash.as_bytes());
}

/// The string to sign (step 2).
pub fn string_to_sign(req: &SigningRequest<'_>) -> String {
    let canonical_hash = canonical_request_hash(req);
    let mut out = String::with_capacity(128);
    write_string_to_sign(
        req.timestamp,
        &utc_date(req.timestamp),
        req.service,
        &canonical_hash,
        &mut |piece: &[u8]| out.push_str(&String::from_utf8_lossy(piece)),
    );
    out
}

/// An HMAC-SHA256 instance keyed with any key length, without a fallible constructor:
/// HMAC zero-pads keys up to the block size and hashes longer ones first, which is
/// exactly what is done here before handing over a block-sized key.
fn hmac_with_key(key: &[u8]) -> HmacSha256 {
    let mut block = [0u8; SHA256_BLOCK];
    if key.len() <= SHA256_BLOCK {
        block[..key.len()].copy_from_slice(key);
    } else {
        block[..32].copy_from_slice(&Sha256::digest(key));
    }
    <HmacSha256 as Mac>::new(&block.into())
}

fn hmac_once(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = hmac_with_key(key);
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// The derived signing key for one secret key, date and service (step 3).
///
/// Deriving costs three HMACs; a key stays valid for a whole UTC day, so a
/// client may cache it and use [`SigningKey::sign`] per request. Its `Debug`
/// output never shows key material.
#[derive(Clone)]
pub struct SigningKey {
    date: UtcDate,
    mac: HmacSha256,
}

impl SigningKey {
    /// Derives `kSigning` from the secret key for `date` and `service`.
    pub fn derive(secret_key: &str, date: &UtcDate, service: &str) -> Self {
        // "TC3" + SecretKey, without allocating for ordinary key lengths.
        let key = secret_key.as_bytes();
        let k_date = if key.len() + 3 <= SHA256_BLOCK {
            let mut block = [0u8; SHA256_BLOCK];
            block[..3].copy_from_slice(b"TC3");
            block[3..3 + key.len()].copy_from_slice(key);
            hmac_once(&block[..3 + key.len()], date.as_str().as_bytes())
        } else {
            let mut long = Vec::with_capacity(3 + key.len());
            long.extend_from_slice(b"TC3");
            long.extend_from_slice(key);
            hmac_once(&long, date.as_str().as_bytes())
        };
        let k_service = hmac_once(&k_date, service.as_bytes());
        let k_signing = hmac_once(&k_service, SCOPE_TERMINATOR.as_bytes());
        Self {
            date: *date,
            mac: hmac_with_key(&k_signing),
        }
    }

    /// The date this key was derived for.
    pub fn date(&self) -> UtcDate {
        self.date
    }

    /// Signs a string to sign (as raw bytes), returning the hex signature.
    pub fn sign(&self, string_to_sign: &[u8]) -> HexDigest {
        let mut mac = self.mac.clone();
        mac.update(string_to_sign);
        HexDigest::from_bytes(&mac.finalize().into_bytes().into())
    }

    /// Computes the signature of a request whose date equals this key's date
    /// and whose service is the one the key was derived for.
    pub fn sign_request(&self, req: &SigningRequest<'_>) -> HexDigest {
        let canonical_hash = canonical_request_hash(req);
        let mut mac = self.mac.clone();
        write_string_to_sign(
            req.timestamp,
            &self.date,
            req.service,
            &canonical_hash,
            &mut |p| mac.update(p),
        );
        HexDigest::from_bytes(&mac.finalize().into_bytes().into())
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("date", &self.date)
            .field("key", &"***")
            .finish()
    }
}

/// The lowercase hex signature of a request (steps 1 to 3).
pub fn signature(secret_key: &str, req: &SigningRequest<'_>) -> HexDigest {
    SigningKey::derive(secret_key, &utc_date(req.timestamp), req.service).sign_request(req)
}

/// Formats the `Authorization` header for an already computed signature.
pub fn format_authorization(
    secret_id: &str,
    date: &UtcDate,
    service: &str,
    signature: &HexDigest,
) -> String {
    let mut out = String::with_capacity(
        ALGORITHM.len() + secret_id.len() + service.len() + SIGNED_HEADERS.len() + 140,
    );
    out.push_str(ALGORITHM);
    out.push_str(" Credential=");
    out.push_str(secret_id);
    out.push('/');
    out.push_str(date.as_str());
    out.push('/');
    out.push_str(service);
    out.push('/');
    out.push_str(SCOPE_TERMINATOR);
    out.push_str(", SignedHeaders=");
    out.push_str(SIGNED_HEADERS);
    out.push_str(", Signature=");
    out.push_str(signature.as_str());
    out
}

/// The complete `Authorization` header value for a request (step 4).
pub fn authorization(secret_id: &str, secret_key: &str, req: &SigningRequest<'_>) -> String {
    let date = utc_date(req.timestamp);
    let sig = SigningKey::derive(secret_key, &date, req.service).sign_request(req);
    format_authorization(secret_id, &date, req.service, &sig)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    const KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    const PAYLOAD: &[u8] = br#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;

    fn vector() -> SigningRequest<'static> {
        SigningRequest {
            service: "cvm",
            host: "cvm.tencentcloudapi.com",
            content_type: JSON_CONTENT_TYPE,
            payload: PAYLOAD,
            timestamp: 1_551_113_065,
        }
    }

    #[test]
    fn published_vector_payload_hash() {
        assert_eq!(
            sha256_hex(PAYLOAD).as_str(),
            "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
        );
    }

    #[test]
    fn published_vector_canonical_request() {
        let expected = "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";
        assert_eq!(canonical_request(&vector()), expected);
        assert_eq!(
            canonical_request_hash(&vector()).as_str(),
            "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
        );
        assert_eq!(
            sha256_hex(expected.as_bytes()),
            canonical_request_hash(&vector())
        );
    }

    #[test]
    fn published_vector_string_to_sign() {
        assert_eq!(
            string_to_sign(&vector()),
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
        );
    }

    #[test]
    fn published_vector_signature_and_header() {
        let sig = "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168";
        assert_eq!(signature(KEY, &vector()).as_str(), sig);
        let key = SigningKey::derive(KEY, &utc_date(1_551_113_065), "cvm");
        assert_eq!(key.sign(string_to_sign(&vector()).as_bytes()).as_str(), sig);
        assert_eq!(
            authorization(ID, KEY, &vector()),
            format!(
                "TC3-HMAC-SHA256 Credential={ID}/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature={sig}"
            )
        );
    }

    #[test]
    fn uppercase_and_padded_header_values_are_canonicalised() {
        let mut req = vector();
        req.host = "  CVM.TencentCloudAPI.com ";
        req.content_type = "Application/JSON; charset=UTF-8";
        assert_eq!(canonical_request(&req), canonical_request(&vector()));
        assert_eq!(signature(KEY, &req), signature(KEY, &vector()));
        // Values longer than the lowercase buffer still come out identical.
        let long_host = format!("{}.EXAMPLE.com", "A".repeat(150));
        req.host = &long_host;
        let lower = long_host.to_ascii_lowercase();
        let mut expected = vector();
        expected.host = &lower;
        assert_eq!(canonical_request(&req), canonical_request(&expected));
    }

    #[test]
    fn long_secret_keys_use_the_hashing_path() {
        let long = "k".repeat(100);
        let a = signature(&long, &vector());
        let mut key_bytes = b"TC3".to_vec();
        key_bytes.extend_from_slice(long.as_bytes());
        let k_date = hmac_once(&key_bytes, b"2019-02-25");
        let k_service = hmac_once(&k_date, b"cvm");
        let k_signing = hmac_once(&k_service, b"tc3_request");
        let expected =
            HexDigest::from_bytes(&hmac_once(&k_signing, string_to_sign(&vector()).as_bytes()));
        assert_eq!(a, expected);
    }

    #[test]
    fn hmac_matches_keyinit_for_all_key_lengths() {
        use hmac::digest::KeyInit;
        for len in [0usize, 1, 35, 63, 64, 65, 200] {
            let key = vec![0x5au8; len];
            let mut reference = <HmacSha256 as KeyInit>::new_from_slice(&key).unwrap();
            reference.update(b"data");
            let expected: [u8; 32] = reference.finalize().into_bytes().into();
            assert_eq!(hmac_once(&key, b"data"), expected, "key length {len}");
        }
    }

    #[test]
    fn dates_from_timestamps() {
        let cases = [
            (0u64, "1970-01-01"),
            (86_399, "1970-01-01"),
            (86_400, "1970-01-02"),
            (951_782_400, "2000-02-29"), // leap day in a /400 year
            (951_868_799, "2000-02-29"),
            (951_868_800, "2000-03-01"),
            (1_551_113_065, "2019-02-25"),
            (1_709_164_800, "2024-02-29"),
            (1_735_689_599, "2024-12-31"),
            (1_735_689_600, "2025-01-01"),
            (4_102_444_800, "2100-01-01"),
            (4_107_456_000, "2100-02-28"),
            (4_107_542_400, "2100-03-01"), // 2100 is not a leap year
            (253_402_300_799, "9999-12-31"),
            (u64::MAX, "9999-12-31"),
        ];
        for (ts, date) in cases {
            assert_eq!(utc_date(ts).as_str(), date, "timestamp {ts}");
        }
    }

    #[test]
    fn civil_from_days_round_trips_against_a_day_counter() {
        // Walk day by day from 1600-01-01 to 2400-12-31 and check continuity.
        let is_leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let month_len = |y: i64, m: u32| match m {
            2 if is_leap(y) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        let start = -135_140; // 1600-01-01
        assert_eq!(civil_from_days(start), (1600, 1, 1));
        let (mut y, mut m, mut d) = (1600i64, 1u32, 1u32);
        for days in start..=156_000 {
            assert_eq!(civil_from_days(days), (y, m, d), "day {days}");
            d += 1;
            if d > month_len(y, m) {
                d = 1;
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
        }
    }

    #[test]
    fn constant_time_eq_behaviour() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
        assert!(constant_time_eq(b"", b""));
    }

    #[test]
    fn parse_and_verify_authorization() {
        let header = authorization(ID, KEY, &vector());
        let parsed = ParsedAuthorization::parse(&header).unwrap();
        assert_eq!(parsed.algorithm, ALGORITHM);
        assert_eq!(parsed.secret_id, ID);
        assert_eq!(parsed.date, "2019-02-25");
        assert_eq!(parsed.service, "cvm");
        assert_eq!(parsed.terminator, "tc3_request");
        assert_eq!(parsed.signed_headers, SIGNED_HEADERS);
        assert_eq!(parsed.signature.len(), 64);

        assert_eq!(verify_authorization(&header, ID, KEY, &vector()), Ok(()));
        assert_eq!(
            verify_authorization(&header, ID, "wrong", &vector()),
            Err(VerifyError::SignatureMismatch)
        );
        assert_eq!(
            verify_authorization(&header, "AKIDother", KEY, &vector()),
            Err(VerifyError::SecretIdMismatch)
        );
        let mut tampered = vector();
        tampered.payload = b"{}";
        assert_eq!(
            verify_authorization(&header, ID, KEY, &tampered),
            Err(VerifyError::SignatureMismatch)
        );
        let mut other_day = vector();
        other_day.timestamp += 86_400;
        assert_eq!(
            verify_authorization(&header, ID, KEY, &other_day),
            Err(VerifyError::ScopeMismatch)
        );
        for bad in [
            "",
            "TC3-HMAC-SHA256",
            "TC3-HMAC-SHA256 Credential=a/b/c, SignedHeaders=x, Signature=y",
            "TC3-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=x, Signature=y",
            "TC3-HMAC-SHA256 Credential=a/b/c/d, Signature=y",
            "TC3-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=x, Signature=y, Signature=z",
            "TC3-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=x, Other=y",
        ] {
            assert_eq!(ParsedAuthorization::parse(bad), None, "{bad:?}");
            assert_eq!(
                verify_authorization(bad, ID, KEY, &vector()),
                Err(VerifyError::Malformed)
            );
        }
    }

    #[test]
    fn signing_key_debug_hides_material() {
        let key = SigningKey::derive(KEY, &utc_date(0), "cvm");
        let shown = format!("{key:?}");
        assert!(shown.contains("1970-01-01"));
        assert!(shown.contains("***"));
        assert!(!shown.contains(KEY));
    }
}
