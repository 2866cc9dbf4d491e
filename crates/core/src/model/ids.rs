//! Ids: [`AnnotationId`] and [`SourceId`] (UUIDs for what is made here, kept as they are when
//! imported), and [`derived_id_bytes`] for ids that must come out the same wherever they are made.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ModelError;

fn check_id(value: &str) -> Result<(), ModelError> {
    let reason = if value.is_empty() {
        "it is empty"
    } else if value.len() > 256 {
        "it is longer than 256 bytes"
    } else if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        "it contains whitespace or control characters"
    } else {
        return Ok(());
    };
    Err(ModelError::Id { value: value.to_owned(), reason })
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// A new random (version 4) UUID id, from 16 random bytes the caller supplies
            /// (`crypto.getRandomValues` in the browser).
            pub fn from_random_bytes(bytes: [u8; 16]) -> Self {
                $name(uuid::Builder::from_random_bytes(bytes).into_uuid().hyphenated().to_string())
            }

            /// An existing id. Ids made by claimmark are UUIDs, but ids from imported files (a
            /// Hypothesis id, an IRI) are kept as they are, so they only have to be non-empty,
            /// at most 256 bytes, and free of whitespace.
            ///
            /// # Errors
            /// [`ModelError::Id`] when the id is empty, too long or contains whitespace.
            pub fn parse(value: &str) -> Result<Self, ModelError> {
                check_id(value)?;
                Ok($name(value.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ModelError;
            fn try_from(value: String) -> Result<Self, ModelError> {
                check_id(&value)?;
                Ok($name(value))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// The id of an annotation: a UUID v4 string for annotations made here.
    AnnotationId
);
id_type!(
    /// The id of a source within an annotation, so that two copies can be merged source by source.
    SourceId
);

/// 16 bytes derived from `parts` (two FNV-1a hashes, each part ended by a 0xff byte), for ids that
/// must come out the same wherever they are made: two tabs migrating the same old document, two
/// imports of one file, two tabs acting on the same detected claim.
pub fn derived_id_bytes(parts: &[&str]) -> [u8; 16] {
    let mut out = [0u8; 16];
    for (half, seed) in [0xcbf2_9ce4_8422_2325u64, 0x6c62_272e_07bb_0142].into_iter().enumerate() {
        let mut hash = seed;
        for part in parts {
            for byte in part.bytes().chain([0xff]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        out[half * 8..half * 8 + 8].copy_from_slice(&hash.to_be_bytes());
    }
    out
}
