//! Two structs written and read as one object, their fields side by side: how a native file's
//! annotation is the annotation record with its quote beside it
//! ([`Exported`](super::native::Exported)).
//!
//! serde's own way, `#[serde(flatten)]`, writes such an object as a map, a key at a time, and
//! reads it by first copying every field it does not know into a buffer. For the hundred
//! thousand annotations of a large import, or the ten thousand of an export through
//! `window.discern`, that costs about twice the time of a plain struct (measured: 150 against
//! 66 ms for 10,000 annotations made JavaScript objects, 1.8 times as long to parse), and its
//! buffering code 3 to 4 KB (gzip) of every page's download. Here the outer struct is written
//! as a struct whose fields are both parts' own (their names stay static, which serializers
//! cache), and read by handing the first part every field but the second's, which are read
//! on the way: nothing is copied.

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};
use std::fmt;

/// Writes `first` then `second`, each a struct, as one struct named `name`.
pub fn serialize<S: Serializer>(
    name: &'static str,
    first: &impl Serialize,
    second: &impl Serialize,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    // (The count of fields, which some formats need first: an empty struct is `{}` at once.)
    let mut count = Count(0);
    let _ = first.serialize(Fields(&mut count));
    let _ = second.serialize(Fields(&mut count));
    let mut outer = serializer.serialize_struct(name, count.0)?;
    first.serialize(Fields(&mut outer))?;
    second.serialize(Fields(&mut outer))?;
    outer.end()
}

/// A serializer that takes one struct and writes its fields into the struct `.0`.
struct Fields<'a, S>(&'a mut S);

/// A struct that counts its fields and writes nothing.
struct Count(usize);

impl SerializeStruct for Count {
    type Ok = ();
    type Error = de::value::Error;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Self::Error> {
        self.0 += 1;
        Ok(())
    }

    fn end(self) -> Result<(), Self::Error> {
        Ok(())
    }
}

impl<'a, S: SerializeStruct> SerializeStruct for Fields<'a, S> {
    type Ok = ();
    type Error = S::Error;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.0.serialize_field(key, value)
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), S::Error> {
        self.0.skip_field(key)
    }

    fn end(self) -> Result<(), S::Error> {
        Ok(())
    }
}

/// Why a part could not be written.
fn not_a_struct<E: ser::Error>() -> E {
    E::custom("a part written side by side is not a struct")
}

/// Everything but a struct is refused.
macro_rules! refuse {
    ($($name:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $arg),*) -> Result<(), S::Error> {
            Err(not_a_struct())
        })*
    };
}

impl<'a, S: SerializeStruct> Serializer for Fields<'a, S> {
    type Ok = ();
    type Error = S::Error;
    type SerializeSeq = Impossible<(), S::Error>;
    type SerializeTuple = Impossible<(), S::Error>;
    type SerializeTupleStruct = Impossible<(), S::Error>;
    type SerializeTupleVariant = Impossible<(), S::Error>;
    type SerializeMap = Impossible<(), S::Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), S::Error>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, S::Error> {
        Ok(self)
    }

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), S::Error> {
        Err(not_a_struct())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), S::Error> {
        Err(not_a_struct())
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), S::Error> {
        Err(not_a_struct())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Err(not_a_struct())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        Err(not_a_struct())
    }
}

/// The second part of an object read side by side: it takes the fields named in
/// [`Second::FIELDS`] as they come, and is then finished.
pub trait Second: Sized {
    /// The names of its fields (and their other names), as objects write them.
    const FIELDS: &'static [&'static str];
    /// Takes field `name`'s value from `map`.
    fn take<'de, A: MapAccess<'de>>(&mut self, name: &str, map: &mut A) -> Result<(), A::Error>;
}

/// Reads one object into `First` and `S`: every field `S` names goes to `S` as it comes, and
/// `First` is read from the rest.
pub fn deserialize<'de, D, First, S>(deserializer: D) -> Result<(First, S), D::Error>
where
    D: de::Deserializer<'de>,
    First: de::Deserialize<'de>,
    S: Second + Default,
{
    deserializer.deserialize_map(SideBySide(std::marker::PhantomData))
}

struct SideBySide<First, S>(std::marker::PhantomData<(First, S)>);

impl<'de, First: de::Deserialize<'de>, S: Second + Default> Visitor<'de> for SideBySide<First, S> {
    type Value = (First, S);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let mut second = S::default();
        let first = First::deserialize(Passing {
            map,
            second: &mut second,
        })?;
        Ok((first, second))
    }
}

/// The object's fields for the first part: those of the second are taken on the way.
struct Passing<'s, A, S> {
    map: A,
    second: &'s mut S,
}

/// A field's name as the object writes it: borrowed from the text where it can be.
enum Name<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Name<'_> {
    fn as_str(&self) -> &str {
        match self {
            Name::Borrowed(s) => s,
            Name::Owned(s) => s,
        }
    }
}

impl<'de> de::Deserialize<'de> for Name<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field's name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Name<'de>, E> {
                Ok(Name::Borrowed(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Name<'de>, E> {
                Ok(Name::Owned(v.to_string()))
            }
        }
        d.deserialize_identifier(NameVisitor)
    }
}

impl<'de, A: MapAccess<'de>, S: Second> MapAccess<'de> for Passing<'_, A, S> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        while let Some(name) = self.map.next_key::<Name<'de>>()? {
            if S::FIELDS.contains(&name.as_str()) {
                self.second.take(name.as_str(), &mut self.map)?;
                continue;
            }
            return match name {
                Name::Borrowed(s) => seed.deserialize(de::value::BorrowedStrDeserializer::new(s)),
                Name::Owned(s) => seed.deserialize(s.into_deserializer()),
            }
            .map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

impl<'de, A: MapAccess<'de>, S: Second> de::Deserializer<'de> for Passing<'_, A, S> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use crate::formats::native::{Exported, Quote};
    use crate::workspace::Orphan;
    use crate::{Annotation, Label};

    /// The record and its quote are one object, as serde's derive would write it, and are
    /// read back from it; a field written twice, or a part given the wrong kind of value, is
    /// refused as the record's own would be.
    #[test]
    fn two_parts_are_one_object_both_ways() {
        let e = Exported {
            annotation: Annotation {
                note: "why".into(),
                ..Annotation::new("a", "d", Label::Claim, 1, 4)
            },
            quote: Quote {
                text: "abc".into(),
                prefix: "x".into(),
                suffix: String::new(),
            },
        };
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(
            json,
            r#"{"id":"a","document":"d","label":"claim","start":1,"end":4,"note":"why","speaker":null,"annotator":"","created":"","modified":"","text":"abc","prefix":"x","suffix":""}"#
        );
        assert_eq!(serde_json::from_str::<Exported>(&json).unwrap(), e);
        let value = serde_json::to_value(&e).unwrap();
        assert_eq!(serde_json::from_value::<Exported>(value).unwrap(), e);
        // In any order, `exact` for `text`, `null` for empty, the record's fields among them.
        let read: Exported = serde_json::from_str(
            r#"{"suffix":null,"exact":"abc","id":"a","prefix":"x","document":"d","label":"claim","start":1,"end":4,"note":"why"}"#,
        )
        .unwrap();
        assert_eq!(read, e);
        let twice =
            r#"{"id":"a","document":"d","label":"claim","start":1,"end":4,"text":"a","text":"b"}"#;
        let said = serde_json::from_str::<Exported>(twice)
            .unwrap_err()
            .to_string();
        assert!(said.starts_with("duplicate field `text`"), "{said}");
        let wrong = r#"{"id":"a","document":"d","label":"claim","start":"1","end":4}"#;
        let said = serde_json::from_str::<Exported>(wrong)
            .unwrap_err()
            .to_string();
        assert!(
            said.starts_with("invalid type: string \"1\", expected usize"),
            "{said}"
        );
        // Three parts, nested: an orphan, with the file it came from.
        let o = Orphan {
            exported: e,
            source_file: "old.json".into(),
        };
        let json = serde_json::to_string(&o).unwrap();
        assert!(
            json.ends_with(r#""suffix":"","source_file":"old.json"}"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Orphan>(&json).unwrap(), o);
    }
}
