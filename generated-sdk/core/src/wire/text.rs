//! Strings as the live API sends them: as JSON strings, and also as a
//! number or boolean where the description says string (`"VPort": 6379`),
//! which is read as its JSON text, a [correction](super::Correction).

use std::fmt;

use serde::de::{self, MapAccess};

use super::corrections::note;

/// Reads a string, or `None` for null.
struct Lenient;

impl<'de> de::DeserializeSeed<'de> for Lenient {
    type Value = Option<String>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_any(self)
    }
}

impl Lenient {
    fn corrected<E: de::Error>(text: String, what: &str) -> Result<Option<String>, E> {
        note(None, || format!("the {what} {text} read as a string"))?;
        Ok(Some(text))
    }
}

impl<'de> de::Visitor<'de> for Lenient {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<String>, E> {
        Ok(Some(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Option<String>, E> {
        Ok(Some(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<String>, E> {
        Self::corrected(v.to_string(), "integer")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<String>, E> {
        Self::corrected(v.to_string(), "integer")
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<String>, E> {
        Self::corrected(v.to_string(), "number")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<String>, E> {
        Self::corrected(v.to_string(), "boolean")
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }
}

/// Reads a string member into its slot (null leaves it `None`).
pub fn string<'de, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<String>,
    name: &'static str,
) -> Result<(), A::Error> {
    super::seeded(map, slot, name, Lenient)
}

/// Reads a list of strings into its slot; each element as [`string`] reads
/// one (a null element is an error: a list has no holes).
pub fn string_list<'de, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<Vec<String>>,
    name: &'static str,
) -> Result<(), A::Error> {
    super::seeded(map, slot, name, LenientList)
}

/// `Deserialize` of a generated string enum's wire value, as leniently as a
/// string member.
pub fn string_value<'de, D: de::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    de::DeserializeSeed::deserialize(Lenient, d)?
        .ok_or_else(|| de::Error::invalid_type(de::Unexpected::Unit, &"a string"))
}

struct LenientList;

impl<'de> de::DeserializeSeed<'de> for LenientList {
    type Value = Option<Vec<String>>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> de::Visitor<'de> for LenientList {
    type Value = Option<Vec<String>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of strings")
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(value) = seq.next_element_seed(Lenient)? {
            out.push(
                value.ok_or_else(|| de::Error::custom("invalid type: null, expected a string"))?,
            );
        }
        Ok(Some(out))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::super::corrections::{Mode, Reading};
    use super::*;

    #[derive(Debug, Default, PartialEq)]
    struct Probe {
        s: Option<String>,
        list: Option<Vec<String>>,
    }

    impl super::super::Struct for Probe {
        const NAME: &'static str = "Probe";
        fn read_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut out = Probe::default();
            while let Some(key) = map.next_key::<super::super::Key<'de>>()? {
                match key.as_str() {
                    "S" => string(&mut map, &mut out.s, "S"),
                    "List" => string_list(&mut map, &mut out.list, "List"),
                    _ => super::super::unknown(&mut map, &key, &[], false),
                }?;
            }
            Ok(out)
        }
    }

    impl<'de> de::Deserialize<'de> for Probe {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            super::super::deserialize(d)
        }
    }

    #[test]
    fn numbers_and_booleans_read_as_their_text_and_are_recorded() {
        let reading = Reading::new(Mode::Record);
        let p: Probe =
            serde_json::from_str(r#"{"S": 6379, "List": ["a", 1.5, true, -2]}"#).expect("lenient");
        assert_eq!(p.s.as_deref(), Some("6379"));
        assert_eq!(
            p.list.as_deref(),
            Some(&["a", "1.5", "true", "-2"].map(String::from)[..])
        );
        let what: Vec<String> = reading.take_noted().into_iter().map(|n| n.what).collect();
        assert_eq!(
            what,
            [
                "the integer 6379 read as a string",
                "the number 1.5 read as a string",
                "the boolean true read as a string",
                "the integer -2 read as a string"
            ]
        );
    }

    #[test]
    fn strings_need_no_correction_and_other_shapes_are_errors() {
        let strict = Reading::new(Mode::Strict);
        let p: Probe = serde_json::from_str(r#"{"S": "", "List": ["x"]}"#).expect("strings");
        assert_eq!(p.s.as_deref(), Some(""));
        let e = serde_json::from_str::<Probe>(r#"{"S": 1}"#).unwrap_err();
        assert!(e.to_string().contains("strict responses"), "{e}");
        drop(strict);
        for (body, expected) in [
            (r#"{"S": {"a": 1}}"#, "invalid type: map, expected a string"),
            (r#"{"S": [1]}"#, "invalid type: sequence, expected a string"),
            (
                r#"{"List": ["a", null]}"#,
                "invalid type: null, expected a string",
            ),
            (r#"{"List": "a"}"#, "expected an array of strings"),
        ] {
            let e = serde_json::from_str::<Probe>(body).unwrap_err();
            assert!(e.to_string().contains(expected), "{body}: {e}");
        }
    }
}
