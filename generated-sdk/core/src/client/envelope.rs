//! Reading the `{"Response": {...}}` envelope.

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::wire::corrections::{self, Mode, Reading};
use crate::wire::Correction;

/// The first pass: only what decides success or failure.
#[derive(Deserialize)]
struct Probe {
    #[serde(rename = "Response")]
    response: Option<ProbeResponse>,
}

#[derive(Deserialize)]
struct ProbeResponse {
    #[serde(rename = "Error")]
    error: Option<ProbeError>,
    #[serde(rename = "RequestId")]
    request_id: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct ProbeError {
    #[serde(rename = "Code")]
    code: Option<serde_json::Value>,
    #[serde(rename = "Message")]
    message: Option<serde_json::Value>,
}

/// The second pass, for success.
#[derive(Deserialize)]
struct Envelope<R> {
    #[serde(rename = "Response")]
    response: R,
}

/// A service error read from the envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ServiceError {
    pub(crate) code: String,
    pub(crate) message: String,
    pub(crate) request_id: String,
}

/// An envelope that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Invalid {
    pub(crate) reason: String,
    pub(crate) request_id: Option<String>,
    /// Wire path of the first member that could not be read, inside
    /// `Response` (`InstanceSet[0].Size`).
    pub(crate) path: Option<String>,
}

impl Invalid {
    fn new(reason: String, request_id: Option<String>) -> Self {
        Self {
            reason,
            request_id,
            path: None,
        }
    }
}

fn describe_json_error(e: &serde_json::Error, body: &[u8]) -> String {
    if body.iter().all(u8::is_ascii_whitespace) {
        "empty body".to_owned()
    } else if e.is_eof() {
        format!("truncated JSON ({e})")
    } else if e.is_syntax() {
        format!("not JSON ({e})")
    } else {
        format!("unexpected envelope shape ({e})")
    }
}

fn string_of(value: Option<serde_json::Value>) -> Option<String> {
    match value? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// A usable envelope: the RequestId (if any, borrowed from the body when it
/// can be), the action's response or the service error, and what reading
/// the response had to correct.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Parsed<'a, R> {
    pub(crate) request_id: Option<Cow<'a, str>>,
    pub(crate) outcome: Result<R, ServiceError>,
    pub(crate) corrections: Vec<Correction>,
}

/// Parses a 200 answer: the action's response, a service error, or why
/// neither. `mode` is how strictly values are read: recorded corrections
/// come back with their wire paths.
///
/// A success is read in one pass ([`fast::success`]); anything else (a
/// service error, a malformed or mistyped answer) is read again by the
/// two-pass reader, which names exactly what is wrong and where.
pub(crate) fn parse<R: DeserializeOwned>(
    body: &[u8],
    mode: Mode,
) -> Result<Parsed<'_, R>, Invalid> {
    let reading = Reading::new(mode);
    if let Some((response, request_id)) = fast::success::<R>(body) {
        let noted = reading.take_noted();
        drop(reading);
        return Ok(Parsed {
            request_id,
            outcome: Ok(response),
            corrections: locate::<R>(body, noted),
        });
    }
    // What the one pass noted before it gave up is noted again now.
    reading.take_noted();
    let parsed = parse_slow(body);
    let noted = reading.take_noted();
    drop(reading);
    parsed.map(|mut parsed| {
        if parsed.outcome.is_ok() {
            parsed.corrections = locate::<R>(body, noted);
        }
        parsed
    })
}

/// The wire paths of the corrections `noted` while reading `body`.
fn locate<R: DeserializeOwned>(body: &[u8], noted: Vec<corrections::Noted>) -> Vec<Correction> {
    if noted.is_empty() {
        return Vec::new();
    }
    corrections::with_paths(noted, || {
        let de = &mut serde_json::Deserializer::from_slice(body);
        match serde_path_to_error::deserialize::<_, Envelope<R>>(de) {
            Err(e) if corrections::is_locating(&e.inner().to_string()) => {
                Some(wire_path(&e.path().to_string()))
            }
            _ => None,
        }
    })
}

/// A path inside the envelope as a wire path inside `Response`.
fn wire_path(path: &str) -> String {
    path.strip_prefix("Response.")
        .or_else(|| path.strip_prefix("Response"))
        .unwrap_or(path)
        .to_owned()
}

fn parse_slow<R: DeserializeOwned>(body: &[u8]) -> Result<Parsed<'static, R>, Invalid> {
    let probe: Probe = serde_json::from_slice(body)
        .map_err(|e| Invalid::new(describe_json_error(&e, body), None))?;
    let Some(response) = probe.response else {
        return Err(Invalid::new(
            "envelope has no \"Response\" object".to_owned(),
            None,
        ));
    };
    let request_id = string_of(response.request_id);
    if let Some(error) = response.error {
        let Some(code) = string_of(error.code).filter(|c| !c.is_empty()) else {
            return Err(Invalid::new(
                "\"Error\" without a \"Code\"".to_owned(),
                request_id,
            ));
        };
        return Ok(Parsed {
            outcome: Err(ServiceError {
                code,
                message: string_of(error.message).unwrap_or_default(),
                request_id: request_id.clone().unwrap_or_default(),
            }),
            request_id: request_id.map(Cow::Owned),
            corrections: Vec::new(),
        });
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, Envelope<R>>(de) {
        Ok(envelope) => Ok(Parsed {
            request_id: request_id.map(Cow::Owned),
            outcome: Ok(envelope.response),
            corrections: Vec::new(),
        }),
        Err(e) => {
            let path = wire_path(&e.path().to_string());
            let inner = e.into_inner();
            let at = if path.is_empty() || path == "." {
                String::new()
            } else {
                format!(" at {path}")
            };
            Err(Invalid {
                reason: format!("response does not match the action's type{at} ({inner})"),
                request_id,
                path: Some(path).filter(|p| !p.is_empty() && p != "."),
            })
        }
    }
}

/// One pass over a successful answer: the `Response` object goes to the
/// action's type through a map access that also notes `RequestId` and gives
/// up at the first sign of an `Error` member.
mod fast {
    use std::borrow::Cow;
    use std::marker::PhantomData;

    use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, StringDeserializer};
    use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

    use crate::wire::Key;

    /// The response and its RequestId, or `None` when this is not a plain
    /// success (the caller reads the body again, carefully).
    pub(crate) fn success<R: DeserializeOwned>(body: &[u8]) -> Option<(R, Option<Cow<'_, str>>)> {
        let mut request_id = None;
        let mut de = serde_json::Deserializer::from_slice(body);
        let response = de::Deserializer::deserialize_map(
            &mut de,
            Outer::<R> {
                request_id: &mut request_id,
                _r: PhantomData,
            },
        )
        .ok()??;
        de.end().ok()?;
        Some((response, request_id))
    }

    struct Outer<'n, 'de, R> {
        request_id: &'n mut Option<Cow<'de, str>>,
        _r: PhantomData<R>,
    }

    impl<'de, R: DeserializeOwned> Visitor<'de> for Outer<'_, 'de, R> {
        type Value = Option<R>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an envelope")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<R>, A::Error> {
            let mut response = None;
            while let Some(key) = map.next_key::<Key<'de>>()? {
                if key.as_str() == "Response" && response.is_none() {
                    response = Some(map.next_value_seed(Inner::<R> {
                        request_id: &mut *self.request_id,
                        _r: PhantomData,
                    })?);
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(response)
        }
    }

    struct Inner<'n, 'de, R> {
        request_id: &'n mut Option<Cow<'de, str>>,
        _r: PhantomData<R>,
    }

    impl<'de, R: DeserializeOwned> DeserializeSeed<'de> for Inner<'_, 'de, R> {
        type Value = R;
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<R, D::Error> {
            d.deserialize_map(self)
        }
    }

    impl<'de, R: DeserializeOwned> Visitor<'de> for Inner<'_, 'de, R> {
        type Value = R;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a Response object")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<R, A::Error> {
            let mut noting = Noting {
                inner: map,
                request_id: self.request_id,
                pending: None,
            };
            R::deserialize(MapAccessDeserializer::new(&mut noting))
        }
    }

    /// The noted `RequestId` as a value: a string, which also reads as
    /// `Some(string)` (serde's value deserializers do not).
    struct Noted<E>(String, PhantomData<E>);

    impl<'de, E: de::Error> de::Deserializer<'de> for Noted<E> {
        type Error = E;
        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
            visitor.visit_string(self.0)
        }
        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
            visitor.visit_some(self)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf unit unit_struct newtype_struct seq tuple
            tuple_struct map struct enum identifier ignored_any
        }
    }

    /// Passes the members on, noting `RequestId` and refusing `Error`.
    struct Noting<'n, 'de, A> {
        inner: A,
        request_id: &'n mut Option<Cow<'de, str>>,
        /// The `RequestId` value, read here, handed out as the next value.
        pending: Option<String>,
    }

    impl<'de, A: MapAccess<'de>> MapAccess<'de> for Noting<'_, 'de, A> {
        type Error = A::Error;

        fn next_key_seed<K: DeserializeSeed<'de>>(
            &mut self,
            seed: K,
        ) -> Result<Option<K::Value>, A::Error> {
            let Some(key) = self.inner.next_key::<Key<'de>>()? else {
                return Ok(None);
            };
            match key.as_str() {
                "Error" => return Err(de::Error::custom("a service error")),
                "RequestId" => {
                    let id: Key<'de> = self.inner.next_value()?;
                    self.pending = Some(id.as_str().to_owned());
                    *self.request_id = Some(match id {
                        Key::Borrowed(s) => Cow::Borrowed(s),
                        Key::Owned(s) => Cow::Owned(s),
                    });
                }
                _ => {}
            }
            match key {
                Key::Borrowed(k) => seed.deserialize(BorrowedStrDeserializer::new(k)).map(Some),
                Key::Owned(k) => seed.deserialize(StringDeserializer::new(k)).map(Some),
            }
        }

        fn next_value_seed<V: DeserializeSeed<'de>>(
            &mut self,
            seed: V,
        ) -> Result<V::Value, A::Error> {
            match self.pending.take() {
                Some(id) => seed.deserialize(Noted::<A::Error>(id, PhantomData)),
                None => self.inner.next_value_seed(seed),
            }
        }
    }
}

/// What `body` says of `ids`, members of its `Response` (order numbers,
/// instance IDs), as far as it can be read: each member's first value is
/// read where it stands, so a body truncated after it still names it.
pub(crate) fn purchase_ids(body: &[u8], ids: &[&str]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for id in ids {
        let key = format!("\"{id}\"");
        let Some(at) = find(body, key.as_bytes()) else {
            continue;
        };
        let rest = &body[at + key.len()..];
        let Some(colon) = rest.iter().position(|b| !b.is_ascii_whitespace()) else {
            continue;
        };
        if rest[colon] != b':' {
            continue;
        }
        let mut values = serde_json::Deserializer::from_slice(&rest[colon + 1..])
            .into_iter::<serde_json::Value>();
        let text = match values.next() {
            Some(Ok(serde_json::Value::String(s))) => s,
            Some(Ok(serde_json::Value::Number(n))) => n.to_string(),
            Some(Ok(serde_json::Value::Array(items))) => items
                .iter()
                .filter_map(|v| match v {
                    serde_json::Value::String(s) => Some(s.clone()),
                    serde_json::Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(", "),
            _ => continue,
        };
        if !text.is_empty() {
            let text: String = text.chars().take(200).collect();
            found.push(((*id).to_owned(), text));
        }
    }
    found
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The RequestId of any envelope-shaped body, for error reports.
pub(crate) fn request_id_of(body: &[u8]) -> Option<String> {
    let probe: Probe = serde_json::from_slice(body).ok()?;
    string_of(probe.response?.request_id)
}

/// At most `max` characters of the body, lossy UTF-8, control characters
/// replaced, and any of `secrets` masked (in case a server echoes them).
pub(crate) fn excerpt(body: &[u8], max: usize, secrets: &[&str]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(max * 4)]);
    let mut text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    text = mask_secrets(text, secrets);
    let mut out: String = text.chars().take(max).collect();
    if text.chars().nth(max).is_some() || body.len() > max * 4 {
        out.push('…');
    }
    out.trim().to_owned()
}

/// `text` with every occurrence of each of `secrets` (of at least four
/// characters; shorter ones would mask ordinary text) replaced by `***`.
pub(crate) fn mask_secrets(mut text: String, secrets: &[&str]) -> String {
    for secret in secrets.iter().filter(|s| s.len() >= 4) {
        if text.contains(secret) {
            text = text.replace(secret, "***");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_success_agrees_with_the_careful_reader() {
        #[derive(Debug, Deserialize, PartialEq)]
        struct R {
            #[serde(rename = "JobId")]
            job_id: u64,
            #[serde(rename = "RequestId")]
            request_id: String,
        }
        #[derive(Debug, Deserialize, PartialEq)]
        struct Optional {
            #[serde(rename = "RequestId")]
            request_id: Option<String>,
        }
        // The noted RequestId also reads as an Option.
        let (o, id) =
            fast::success::<Optional>(br#"{"Response":{"RequestId":"r-3"}}"#).expect("one pass");
        assert_eq!(
            (o.request_id.as_deref(), id.as_deref()),
            (Some("r-3"), Some("r-3"))
        );
        for body in [
            r#"{"Response":{"JobId":7,"RequestId":"r-1"}}"#,
            r#"{"Response":{"RequestId":"r-1","JobId":7,"New":[1,{"a":null}]},"Other":1}"#,
            r#"{"Other":{"Response":1},"Response":{"Job\u0049d":7,"RequestId":"r-1"}}"#,
        ] {
            let fast = fast::success::<R>(body.as_bytes()).expect("one pass");
            let slow = parse_slow::<R>(body.as_bytes()).expect("two passes");
            assert_eq!(fast.1, slow.request_id, "{body}");
            assert_eq!(Ok(fast.0), slow.outcome, "{body}");
        }
        // Not a plain success: left to the careful reader.
        for body in [
            r#"{"Response":{"Error":{"Code":"X","Message":"m"},"RequestId":"r"}}"#,
            r#"{"Response":{"RequestId":"r","Error":{"Code":"X","Message":"m"},"JobId":1}}"#,
            r#"{"Response":{"JobId":"7","RequestId":"r"}}"#,
            r#"{"Response":{"JobId":7,"RequestId":"r"}} trailing"#,
            r#"{"Response":{"JobId":7,"RequestId":5}}"#,
            r#"{"NoResponse":{}}"#,
        ] {
            assert!(fast::success::<R>(body.as_bytes()).is_none(), "{body}");
        }
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Out {
        #[serde(rename = "JobId")]
        job_id: u64,
        #[serde(rename = "RequestId")]
        request_id: String,
    }

    #[test]
    fn success_ignores_unknown_fields() {
        let body = br#"{"Response": {"JobId": 7, "New": [1, {"x": 2}], "RequestId": "r-1"}, "Extra": true}"#;
        let parsed = parse::<Out>(body, Mode::Record).unwrap();
        assert_eq!(parsed.request_id.as_deref(), Some("r-1"));
        assert_eq!(
            parsed.outcome,
            Ok(Out {
                job_id: 7,
                request_id: "r-1".into()
            })
        );
    }

    #[test]
    fn service_error() {
        let body = br#"{"Response": {"Error": {"Code": "InvalidParameter", "Message": "bad"}, "RequestId": "r-2"}}"#;
        let err = parse::<Out>(body, Mode::Record)
            .unwrap()
            .outcome
            .unwrap_err();
        assert_eq!(err.code, "InvalidParameter");
        assert_eq!(err.message, "bad");
        assert_eq!(err.request_id, "r-2");
        // Error wins even if other fields would not deserialize.
        let body = br#"{"Response": {"Error": {"Code": "X"}, "JobId": "nope"}}"#;
        assert_eq!(
            parse::<Out>(body, Mode::Record)
                .unwrap()
                .outcome
                .unwrap_err()
                .message,
            ""
        );
    }

    #[test]
    fn invalid_bodies() {
        let cases: [(&[u8], &str); 7] = [
            (b"", "empty body"),
            (b"<html>busy</html>", "not JSON"),
            (br#"{"Response": {"JobId": 7, "Req"#, "truncated JSON"),
            (br#"{"Other": 1}"#, "no \"Response\""),
            (
                br#"{"Response": {"Error": {"Message": "m"}, "RequestId": "r"}}"#,
                "without a \"Code\"",
            ),
            (br#"{"Response": "text"}"#, "unexpected envelope shape"),
            (
                br#"{"Response": {"JobId": "seven", "RequestId": "r-3"}}"#,
                "does not match",
            ),
        ];
        for (body, expected) in cases {
            let invalid = parse::<Out>(body, Mode::Record).unwrap_err();
            assert!(
                invalid.reason.contains(expected),
                "{:?}: {}",
                String::from_utf8_lossy(body),
                invalid.reason
            );
        }
        assert_eq!(
            parse::<Out>(
                br#"{"Response": {"JobId": "seven", "RequestId": "r-3"}}"#,
                Mode::Record
            )
            .unwrap_err()
            .request_id
            .as_deref(),
            Some("r-3")
        );
    }

    /// Types read as the generated ones are, through `wire`.
    mod generated_like {
        use serde::de::{self, MapAccess};

        use crate::wire::{self, Key, Struct};

        #[derive(Debug, Default, PartialEq)]
        pub struct Item {
            pub size: Option<i64>,
            pub name: Option<String>,
        }

        #[derive(Debug, Default, PartialEq)]
        pub struct Listing {
            pub total: i64,
            pub items: Vec<Item>,
            pub request_id: String,
        }

        impl Struct for Item {
            const NAME: &'static str = "Item";
            fn read_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                let mut out = Item::default();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    match key.as_str() {
                        "Size" => wire::scalar(&mut map, &mut out.size, "Size"),
                        "Name" => wire::slot(&mut map, &mut out.name, "Name"),
                        _ => wire::unknown(&mut map, &key, &[], false),
                    }?;
                }
                Ok(out)
            }
        }

        impl Struct for Listing {
            const NAME: &'static str = "Listing";
            fn read_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                let (mut total, mut items, mut request_id) = (None, None, None);
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    match key.as_str() {
                        "TotalCount" => wire::scalar(&mut map, &mut total, "TotalCount"),
                        "Items" => wire::slot(&mut map, &mut items, "Items"),
                        "RequestId" => wire::slot(&mut map, &mut request_id, "RequestId"),
                        _ => wire::unknown(&mut map, &key, &[], false),
                    }?;
                }
                Ok(Listing {
                    total: wire::required(total, "TotalCount")?,
                    items: wire::required(items, "Items")?,
                    request_id: wire::required(request_id, "RequestId")?,
                })
            }
        }

        macro_rules! deserialize_via_wire {
            ($($t:ty),*) => {$(
                impl<'de> de::Deserialize<'de> for $t {
                    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                        wire::deserialize(d)
                    }
                }
            )*};
        }
        deserialize_via_wire!(Item, Listing);
    }

    use generated_like::{Item, Listing};

    #[test]
    fn corrections_are_recorded_with_their_wire_paths() {
        let body = br#"{"Response": {"TotalCount": "2", "Items": [{"Size": 10, "Name": "a"}, {"Size": "20"}, {"Size": ""}], "RequestId": "r-1"}}"#;
        let parsed = parse::<Listing>(body, Mode::Record).expect("decodes");
        assert_eq!(
            parsed.outcome,
            Ok(Listing {
                total: 2,
                items: vec![
                    Item {
                        size: Some(10),
                        name: Some("a".into())
                    },
                    Item {
                        size: Some(20),
                        name: None
                    },
                    Item {
                        size: None,
                        name: None
                    },
                ],
                request_id: "r-1".into(),
            })
        );
        let corrections: Vec<String> = parsed.corrections.iter().map(ToString::to_string).collect();
        assert_eq!(
            corrections,
            [
                "TotalCount: the string \"2\" read as an integer",
                "Items[1].Size: the string \"20\" read as an integer",
                "Items[2].Size: an empty string read as no value (an integer expected)",
            ]
        );
    }

    #[test]
    fn missing_or_null_required_members_read_as_defaults_and_are_recorded() {
        let body = br#"{"Response": {"Items": null, "RequestId": "r-1"}}"#;
        let parsed = parse::<Listing>(body, Mode::Record).expect("decodes");
        assert_eq!(
            parsed.outcome.as_ref().map(|l| (l.total, l.items.len())),
            Ok((0, 0))
        );
        let corrections: Vec<String> = parsed.corrections.iter().map(ToString::to_string).collect();
        assert_eq!(
            corrections,
            [
                "TotalCount: missing or null though required; read as its default",
                "Items: missing or null though required; read as its default",
            ]
        );
        // Nested, and with RequestId missing: the path still names the member.
        let body = br#"{"Response": {"TotalCount": 1, "Items": [{"Size": 1}]}}"#;
        let parsed = parse::<Listing>(body, Mode::Record).expect("decodes");
        assert_eq!(parsed.corrections.len(), 1);
        assert_eq!(parsed.corrections[0].path, "RequestId");
    }

    #[test]
    fn a_body_that_needs_no_correction_records_none() {
        let body = br#"{"Response": {"TotalCount": 1, "Items": [{"Size": 1}], "RequestId": "r"}}"#;
        assert!(parse::<Listing>(body, Mode::Record)
            .unwrap()
            .corrections
            .is_empty());
    }

    #[test]
    fn strict_reading_names_the_first_correction_as_the_problem() {
        let body = br#"{"Response": {"TotalCount": 2, "Items": [{"Size": 10}, {"Size": "20"}], "RequestId": "r-1"}}"#;
        let invalid = parse::<Listing>(body, Mode::Strict).unwrap_err();
        assert_eq!(invalid.path.as_deref(), Some("Items[1].Size"));
        assert_eq!(invalid.request_id.as_deref(), Some("r-1"));
        assert!(
            invalid.reason.contains(
                "at Items[1].Size (the string \"20\" read as an integer (strict responses)"
            ),
            "{}",
            invalid.reason
        );
        // And what cannot be read at all is named the same way.
        let body =
            br#"{"Response": {"TotalCount": 2, "Items": [{"Size": "big"}], "RequestId": "r-1"}}"#;
        let invalid = parse::<Listing>(body, Mode::Record).unwrap_err();
        assert_eq!(invalid.path.as_deref(), Some("Items[0].Size"));
    }

    #[test]
    fn excerpts() {
        assert_eq!(excerpt(b"a\r\nb", 10, &[]), "a  b");
        let long = "x".repeat(500);
        let e = excerpt(long.as_bytes(), 100, &[]);
        assert_eq!(e.chars().count(), 101);
        assert!(e.ends_with('…'));
        assert_eq!(
            excerpt(b"echo SECRETKEY here", 100, &["SECRETKEY"]),
            "echo *** here"
        );
        assert_eq!(
            request_id_of(br#"{"Response": {"RequestId": "r-9"}}"#).as_deref(),
            Some("r-9")
        );
        assert_eq!(request_id_of(b"nope"), None);
    }
}
