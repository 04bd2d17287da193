use super::*;

const ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const PAYLOAD: &[u8] =
    br#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;

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
