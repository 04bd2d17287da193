//! Numbers and booleans as the live API sends them: as JSON numbers and
//! booleans, and also as strings (`"20"`, `"true"`), `""` for an absent
//! value, or a whole float for an integer. Each of the latter is a
//! [correction](super::Correction).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess};

use super::corrections::note;

/// A JSON scalar type of the wire: `i64`, `u64`, `f64` or `bool`.
pub trait Scalar: Sized + Copy + fmt::Display {
    /// What a value of the type is called in messages.
    const EXPECTING: &'static str;
    /// From a JSON integer.
    fn from_i64(v: i64) -> Option<Self>;
    /// From a JSON integer above `i64::MAX`.
    fn from_u64(v: u64) -> Option<Self>;
    /// From a JSON float: exact for `f64`, a correction for integers.
    fn from_f64(v: f64) -> Option<Self>;
    /// From a JSON boolean (`bool` only; 0 and 1 are corrections).
    fn from_bool(v: bool) -> Option<Self>;
    /// From a string (a correction).
    fn parse(s: &str) -> Option<Self>;
    /// Whether [`Scalar::from_i64`] of this type is a correction.
    fn integer_is_correction() -> bool {
        false
    }
    /// Whether [`Scalar::from_f64`] of this type is a correction.
    fn float_is_correction() -> bool {
        true
    }
}

impl Scalar for i64 {
    const EXPECTING: &'static str = "an integer";
    fn from_i64(v: i64) -> Option<Self> {
        Some(v)
    }
    fn from_u64(v: u64) -> Option<Self> {
        i64::try_from(v).ok()
    }
    fn from_f64(v: f64) -> Option<Self> {
        whole(v)
            .filter(|w| (-9.2e18..9.2e18).contains(w))
            .map(|w| w as i64)
    }
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
    fn parse(s: &str) -> Option<Self> {
        s.trim().parse().ok()
    }
}

impl Scalar for u64 {
    const EXPECTING: &'static str = "an unsigned integer";
    fn from_i64(v: i64) -> Option<Self> {
        u64::try_from(v).ok()
    }
    fn from_u64(v: u64) -> Option<Self> {
        Some(v)
    }
    fn from_f64(v: f64) -> Option<Self> {
        whole(v)
            .filter(|w| (0.0..1.8e19).contains(w))
            .map(|w| w as u64)
    }
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
    fn parse(s: &str) -> Option<Self> {
        s.trim().parse().ok()
    }
}

impl Scalar for f64 {
    const EXPECTING: &'static str = "a number";
    fn from_i64(v: i64) -> Option<Self> {
        Some(v as f64)
    }
    fn from_u64(v: u64) -> Option<Self> {
        Some(v as f64)
    }
    fn from_f64(v: f64) -> Option<Self> {
        Some(v)
    }
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
    fn parse(s: &str) -> Option<Self> {
        s.trim().parse().ok().filter(|v: &f64| v.is_finite())
    }
    fn float_is_correction() -> bool {
        false
    }
}

impl Scalar for bool {
    const EXPECTING: &'static str = "a boolean";
    fn from_i64(v: i64) -> Option<Self> {
        match v {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn from_u64(v: u64) -> Option<Self> {
        Self::from_i64(i64::try_from(v).ok()?)
    }
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn from_bool(v: bool) -> Option<Self> {
        Some(v)
    }
    fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("true") {
            Some(true)
        } else if s.eq_ignore_ascii_case("false") {
            Some(false)
        } else {
            None
        }
    }
    fn integer_is_correction() -> bool {
        true
    }
}

fn whole(v: f64) -> Option<f64> {
    (v.is_finite() && v.fract() == 0.0).then_some(v)
}

/// Reads a scalar, or `None` for null (and, as a correction, for `""`).
struct Lenient<T>(PhantomData<T>);

impl<'de, T: Scalar> de::DeserializeSeed<'de> for Lenient<T> {
    type Value = Option<T>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_any(self)
    }
}

fn wrong<T: Scalar, E: de::Error>(unexpected: de::Unexpected<'_>) -> E {
    E::invalid_type(unexpected, &T::EXPECTING)
}

impl<'de, T: Scalar> de::Visitor<'de> for Lenient<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<T>, E> {
        let value = T::from_i64(v).ok_or_else(|| wrong::<T, E>(de::Unexpected::Signed(v)))?;
        if T::integer_is_correction() {
            note(None, || format!("the integer {v} read as {}", T::EXPECTING))?;
        }
        Ok(Some(value))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<T>, E> {
        let value = T::from_u64(v).ok_or_else(|| wrong::<T, E>(de::Unexpected::Unsigned(v)))?;
        if T::integer_is_correction() {
            note(None, || format!("the integer {v} read as {}", T::EXPECTING))?;
        }
        Ok(Some(value))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<T>, E> {
        let value = T::from_f64(v).ok_or_else(|| wrong::<T, E>(de::Unexpected::Float(v)))?;
        if T::float_is_correction() {
            note(None, || format!("the number {v} read as {}", T::EXPECTING))?;
        }
        Ok(Some(value))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<T>, E> {
        T::from_bool(v)
            .map(Some)
            .ok_or_else(|| wrong::<T, E>(de::Unexpected::Bool(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
        if v.is_empty() {
            note(None, || {
                format!(
                    "an empty string read as no value ({} expected)",
                    T::EXPECTING
                )
            })?;
            return Ok(None);
        }
        let value = T::parse(v).ok_or_else(|| wrong::<T, E>(de::Unexpected::Str(v)))?;
        note(None, || {
            format!("the string {:?} read as {}", excerpt(v), T::EXPECTING)
        })?;
        Ok(Some(value))
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
}

/// At most 40 characters of a corrected value, for the record.
fn excerpt(v: &str) -> &str {
    match v.char_indices().nth(40) {
        Some((i, _)) => &v[..i],
        None => v,
    }
}

/// Reads a scalar member into its slot (null and `""` leave it `None`).
pub fn scalar<'de, A: MapAccess<'de>, T: Scalar>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    super::seeded(map, slot, name, Lenient(PhantomData))
}

/// Reads a list of scalars into its slot; each element as [`scalar`] reads
/// one (a null or `""` element is an error: a list has no holes).
pub fn scalar_list<'de, A: MapAccess<'de>, T: Scalar>(
    map: &mut A,
    slot: &mut Option<Vec<T>>,
    name: &'static str,
) -> Result<(), A::Error> {
    super::seeded(map, slot, name, LenientList(PhantomData))
}

struct LenientList<T>(PhantomData<T>);

impl<'de, T: Scalar> de::DeserializeSeed<'de> for LenientList<T> {
    type Value = Option<Vec<T>>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: Scalar> de::Visitor<'de> for LenientList<T> {
    type Value = Option<Vec<T>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "an array of {}s",
            T::EXPECTING
                .trim_start_matches("an ")
                .trim_start_matches("a ")
        )
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(value) = seq.next_element_seed(Lenient::<T>(PhantomData))? {
            out.push(value.ok_or_else(|| {
                de::Error::custom(format_args!(
                    "invalid type: null, expected {}",
                    T::EXPECTING
                ))
            })?);
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

/// `Deserialize` of a generated integer enum's wire value, as leniently as
/// a scalar member.
pub fn enum_value<'de, T: Scalar, D: de::Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    de::DeserializeSeed::deserialize(Lenient::<T>(PhantomData), d)?
        .ok_or_else(|| de::Error::invalid_type(de::Unexpected::Unit, &T::EXPECTING))
}

#[cfg(test)]
mod tests {
    use super::super::corrections::{Mode, Reading};
    use super::*;

    #[derive(Debug, Default, PartialEq)]
    struct Probe {
        n: Option<i64>,
        u: Option<u64>,
        f: Option<f64>,
        b: Option<bool>,
        list: Option<Vec<i64>>,
    }

    impl super::super::Struct for Probe {
        const NAME: &'static str = "Probe";
        fn read_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut out = Probe::default();
            while let Some(key) = map.next_key::<super::super::Key<'de>>()? {
                match key.as_str() {
                    "N" => scalar(&mut map, &mut out.n, "N"),
                    "U" => scalar(&mut map, &mut out.u, "U"),
                    "F" => scalar(&mut map, &mut out.f, "F"),
                    "B" => scalar(&mut map, &mut out.b, "B"),
                    "List" => scalar_list(&mut map, &mut out.list, "List"),
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

    fn read(json: &str) -> Result<(Probe, Vec<String>), String> {
        let reading = Reading::new(Mode::Record);
        let probe: Probe = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let noted = reading.take_noted().into_iter().map(|n| n.what).collect();
        Ok((probe, noted))
    }

    #[test]
    fn native_values_are_read_without_corrections() {
        let (p, noted) =
            read(r#"{"N": -5, "U": 18446744073709551615, "F": 1.5, "B": true, "List": [1, 2]}"#)
                .unwrap();
        assert_eq!(
            p,
            Probe {
                n: Some(-5),
                u: Some(u64::MAX),
                f: Some(1.5),
                b: Some(true),
                list: Some(vec![1, 2])
            }
        );
        assert!(noted.is_empty(), "{noted:?}");
        let (p, _) = read(r#"{"N": null, "F": 3}"#).unwrap();
        assert_eq!((p.n, p.f), (None, Some(3.0)));
    }

    #[test]
    fn strings_empty_strings_whole_floats_and_flags_are_corrections() {
        let (p, noted) =
            read(r#"{"N": "20", "U": "", "F": " 2.5", "B": "TRUE", "List": ["1", 2, 3.0]}"#)
                .unwrap();
        assert_eq!(
            p,
            Probe {
                n: Some(20),
                u: None,
                f: Some(2.5),
                b: Some(true),
                list: Some(vec![1, 2, 3])
            }
        );
        assert_eq!(
            noted,
            [
                "the string \"20\" read as an integer",
                "an empty string read as no value (an unsigned integer expected)",
                "the string \" 2.5\" read as a number",
                "the string \"TRUE\" read as a boolean",
                "the string \"1\" read as an integer",
                "the number 3 read as an integer",
            ]
        );
        let (p, noted) = read(r#"{"B": 0}"#).unwrap();
        assert_eq!(p.b, Some(false));
        assert_eq!(noted, ["the integer 0 read as a boolean"]);
    }

    #[test]
    fn what_cannot_be_read_is_still_an_error() {
        for (json, message) in [
            (
                r#"{"N": "x"}"#,
                "invalid type: string \"x\", expected an integer",
            ),
            (
                r#"{"N": 1.5}"#,
                "invalid type: floating point `1.5`, expected an integer",
            ),
            (
                r#"{"U": -1}"#,
                "invalid type: integer `-1`, expected an unsigned integer",
            ),
            (
                r#"{"B": 2}"#,
                "invalid type: integer `2`, expected a boolean",
            ),
            (
                r#"{"F": "NaN"}"#,
                "invalid type: string \"NaN\", expected a number",
            ),
            (
                r#"{"List": [1, null]}"#,
                "invalid type: null, expected an integer",
            ),
            (
                r#"{"List": 1}"#,
                "invalid type: integer `1`, expected an array of integers",
            ),
        ] {
            let error = read(json).unwrap_err();
            assert!(error.starts_with(message), "{json}: {error}");
        }
    }

    #[test]
    fn strict_reading_refuses_corrections_and_quiet_reading_makes_them_silently() {
        {
            let _strict = Reading::new(Mode::Strict);
            let e = serde_json::from_str::<Probe>(r#"{"N": "20"}"#).unwrap_err();
            assert!(
                e.to_string()
                    .starts_with("the string \"20\" read as an integer (strict responses)"),
                "{e}"
            );
        }
        let quiet: Probe = serde_json::from_str(r#"{"N": "20"}"#).unwrap();
        assert_eq!(quiet.n, Some(20));
    }
}
