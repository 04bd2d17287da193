//! Serde support shared by every generated struct.
//!
//! A generated struct implements [`Struct`]: one loop over the JSON object's
//! keys with one `match` arm per field. Everything else (the visitor, key
//! reading, unknown and duplicate keys, missing members, skipping absent
//! optional fields) lives here once, instead of in `serde_derive`'s
//! expansion of every struct, which made up about 70% of the crate's build
//! time. The wire format is JSON objects only: an array is not read as a
//! struct.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, IgnoredAny, MapAccess};
use serde::ser::SerializeStruct;

// Recording and strict reading serve the client; without it every read is quiet.
#[cfg_attr(not(feature = "client"), allow(dead_code))]
pub(crate) mod corrections;
mod scalar;
mod text;

pub use corrections::Correction;
pub use scalar::{enum_value, scalar, scalar_list, Scalar};
pub use text::{string, string_list, string_value};

/// A generated struct, read from a JSON object.
pub trait Struct: Sized {
    /// The Rust name, for "expected struct X" messages.
    const NAME: &'static str;
    /// Reads the members of an object; generated per struct.
    fn read_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` of a generated struct.
pub fn deserialize<'de, T: Struct, D: de::Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_map(StructVisitor(PhantomData))
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: Struct> de::Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read_map(map)
    }
}

/// An object key, borrowed from the input when it has no escapes.
pub enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// Reads the value of member `name` into its slot with `seed`; a member
/// given twice is an error, as it would be with `serde_derive`. Every
/// member reader below is this with its own seed.
fn seeded<'de, A: MapAccess<'de>, T, S: de::DeserializeSeed<'de, Value = Option<T>>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
    seed: S,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = map.next_value_seed(seed)?;
    Ok(())
}

/// Reads the value of member `name` into its slot.
pub fn slot<'de, A: MapAccess<'de>, T: de::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    seeded(map, slot, name, PhantomData::<Option<T>>)
}

/// Reads a sensitive string into its slot. A value of another type is
/// reported without quoting it (serde would say "invalid type: integer
/// `12345678`"), since it may be a password typed into the wrong place.
pub fn secret<'de, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<String>,
    name: &'static str,
) -> Result<(), A::Error> {
    seeded(map, slot, name, Secret)
}

/// Reads a list of sensitive strings into its slot: each element as
/// [`secret`] reads one, and a value that is not a list is not quoted either.
pub fn secret_list<'de, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<Vec<String>>,
    name: &'static str,
) -> Result<(), A::Error> {
    seeded(map, slot, name, SecretList)
}

/// A string or null, read with `deserialize_any` so that every other type
/// reaches this visitor, which names the type but not the value.
struct Secret;

impl<'de> de::DeserializeSeed<'de> for Secret {
    type Value = Option<String>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> de::Visitor<'de> for Secret {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(hidden("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Err(hidden("an integer"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Err(hidden("an integer"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(hidden("a number"))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(hidden("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(hidden("an object"))
    }
}

fn hidden<E: de::Error>(what: &str) -> E {
    hidden_expecting(what, "a string")
}

fn hidden_expecting<E: de::Error>(what: &str, expected: &str) -> E {
    E::custom(format_args!(
        "invalid type: {what} (value not shown: sensitive), expected {expected}"
    ))
}

/// A list of sensitive strings, or null.
struct SecretList;

impl<'de> de::DeserializeSeed<'de> for SecretList {
    type Value = Option<Vec<String>>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> de::Visitor<'de> for SecretList {
    type Value = Option<Vec<String>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(LIST)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(value) = seq.next_element_seed(Secret)? {
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
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Err(hidden_expecting("a string", LIST))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(hidden_expecting("a boolean", LIST))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Err(hidden_expecting("an integer", LIST))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Err(hidden_expecting("an integer", LIST))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(hidden_expecting("a number", LIST))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(hidden_expecting("an object", LIST))
    }
}

const LIST: &str = "an array of strings";

/// A member that is not a field: an error naming the expected fields when
/// `deny` (requests), otherwise skipped (responses ignore new members).
pub fn unknown<'de, A: MapAccess<'de>>(
    map: &mut A,
    key: &Key<'_>,
    fields: &'static [&'static str],
    deny: bool,
) -> Result<(), A::Error> {
    if deny {
        // Raised while reading the member's value, so that a path-tracking
        // deserializer (the mock's `serde_path_to_error`) names the member.
        return map.next_value_seed(Reject {
            key: key.as_str(),
            fields,
        });
    }
    map.next_value::<IgnoredAny>()?;
    Ok(())
}

/// Fails with "unknown field" instead of reading a value.
struct Reject<'k> {
    key: &'k str,
    fields: &'static [&'static str],
}

impl<'de> de::DeserializeSeed<'de> for Reject<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, _: D) -> Result<(), D::Error> {
        Err(de::Error::unknown_field(self.key, self.fields))
    }
}

/// The value of a member the response always has. A member missing or
/// null is read as its type's default, as a
/// [correction](Correction): the live API leaves out members its
/// description marks required.
pub fn required<T: Default, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    match slot {
        Some(value) => Ok(value),
        None => {
            corrections::note(Some(name), || {
                "missing or null though required; read as its default".to_owned()
            })?;
            Ok(T::default())
        }
    }
}

/// Writes the fields of a generated struct; the first error is kept and
/// returned by [`Writer::end`], so the generated code has one statement per
/// field and no early returns.
pub struct Writer<M: SerializeStruct> {
    inner: M,
    error: Option<M::Error>,
}

impl<M: SerializeStruct> Writer<M> {
    /// Begins serializing a generated struct of `len` fields at most.
    pub fn begin<S: serde::Serializer<SerializeStruct = M, Ok = M::Ok, Error = M::Error>>(
        s: S,
        name: &'static str,
        len: usize,
    ) -> Result<Self, M::Error> {
        Ok(Self {
            inner: s.serialize_struct(name, len)?,
            error: None,
        })
    }

    /// An optional field, left out when `None`.
    pub fn opt<T: serde::Serialize>(&mut self, name: &'static str, value: &Option<T>) {
        if self.error.is_none() {
            let done = match value {
                Some(v) => self.inner.serialize_field(name, v),
                None => self.inner.skip_field(name),
            };
            self.error = done.err();
        }
    }

    /// A field that is always present.
    pub fn field<T: serde::Serialize>(&mut self, name: &'static str, value: &T) {
        if self.error.is_none() {
            self.error = self.inner.serialize_field(name, value).err();
        }
    }

    /// Ends the struct, or returns the first error.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.error {
            Some(e) => Err(e),
            None => self.inner.end(),
        }
    }
}
