//! The fixed-size texts a signature is made of: a SHA-256 digest in
//! lowercase hex and a UTC date, both on the stack.

use std::fmt;

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
