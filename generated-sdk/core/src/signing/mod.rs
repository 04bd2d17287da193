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
//! use tencentcloud_sdk_core::signing::{authorization, SigningRequest, JSON_CONTENT_TYPE};
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

mod digest;
#[cfg(test)]
mod tests;
mod verify;

pub use digest::{civil_from_days, utc_date, HexDigest, UtcDate};
pub use verify::{
    constant_time_eq, verify_authorization, verify_authorization_signed, ParsedAuthorization,
    VerifyError,
};

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
