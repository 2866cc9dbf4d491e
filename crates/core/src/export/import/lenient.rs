//! Small serde types the node readers share: one value or a list of them, values that may be
//! ignored when they have the wrong type, the first string of a list, whole numbers and lists
//! that report the index of a bad item.

use std::fmt;

use serde::de::{self, IgnoredAny, SeqAccess, Unexpected, Visitor};
use serde::{Deserialize, Deserializer};

/// One value or a list of them, as JSON-LD writes either (in the nodes; the lists of nodes are
/// walked by [`one_or_many`](super::reader::one_or_many)).
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum OneOrMany<T> {
    Many(Vec<T>),
    One(T),
}

/// A value that is used when it has the expected type and ignored otherwise, such as a
/// `"dismissed": "yes"`. Missing, it is ignored too (`#[serde(default)]`).
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum Lenient<T> {
    Valid(T),
    Invalid(IgnoredAny),
}

impl<T> Default for Lenient<T> {
    fn default() -> Self {
        Lenient::Invalid(IgnoredAny)
    }
}

impl<T> Lenient<T> {
    pub(super) fn ok(self) -> Option<T> {
        match self {
            Lenient::Valid(v) => Some(v),
            Lenient::Invalid(_) => None,
        }
    }

    pub(super) fn as_ref(&self) -> Option<&T> {
        match self {
            Lenient::Valid(v) => Some(v),
            Lenient::Invalid(_) => None,
        }
    }
}

/// A node's `type`, one name or a list of them; of any other kind, it names none.
pub(super) type Types = Lenient<OneOrMany<String>>;

pub(super) fn has_type(types: &Types, wanted: &str) -> bool {
    match types.as_ref() {
        Some(OneOrMany::One(t)) => t == wanted,
        Some(OneOrMany::Many(ts)) => ts.iter().any(|t| t == wanted),
        None => false,
    }
}

/// A string, or the first string of a list (Hypothesis writes `"title": ["..."]`); empty for a
/// list that does not start with one.
#[derive(Default)]
pub(super) struct FirstString(pub(super) String);

impl<'de> Deserialize<'de> for FirstString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = FirstString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<FirstString, E> {
                Ok(FirstString(s.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<FirstString, A::Error> {
                let first = items.next_element::<Lenient<String>>()?.and_then(Lenient::ok);
                while items.next_element::<IgnoredAny>()?.is_some() {}
                Ok(FirstString(first.unwrap_or_default()))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

/// A whole number that is not negative (a position in the text, a count).
pub(super) struct WholeNumber(pub(super) usize);

impl<'de> Deserialize<'de> for WholeNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl Visitor<'_> for Visit {
            type Value = WholeNumber;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number that is not negative")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<WholeNumber, E> {
                usize::try_from(n)
                    .map(WholeNumber)
                    .map_err(|_| E::invalid_value(Unexpected::Unsigned(n), &self))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<WholeNumber, E> {
                match u64::try_from(n) {
                    Ok(n) => self.visit_u64(n),
                    Err(_) => Err(E::invalid_value(Unexpected::Signed(n), &self)),
                }
            }
        }
        deserializer.deserialize_u64(Visit)
    }
}

/// A list, called so in errors ("expected a list").
pub(super) struct List<T>(pub(super) Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Visit<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<List<T>, A::Error> {
                let mut list = Vec::with_capacity(items.size_hint().unwrap_or(0).min(4096));
                while let Some(item) = items.next_element()? {
                    list.push(item);
                }
                Ok(List(list))
            }
        }
        deserializer.deserialize_seq(Visit(std::marker::PhantomData))
    }
}
