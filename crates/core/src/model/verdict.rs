//! [`Verdict`]: a fact-checker's rating of a claim, its labels and its place on ClaimReview's scale.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ModelError;

/// A fact-checker's rating of a claim.
///
/// The five rated verdicts map to a 1–5 scale ([`Verdict::rating`]) for ClaimReview's
/// `reviewRating`; `Unverifiable` and `Unrated` have no place on that scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    True,
    MostlyTrue,
    HalfTrue,
    Misleading,
    False,
    /// Checked, but the evidence to decide does not exist.
    Unverifiable,
    /// Not rated yet.
    #[default]
    Unrated,
}

impl Verdict {
    pub const ALL: [Verdict; 7] = [
        Verdict::True,
        Verdict::MostlyTrue,
        Verdict::HalfTrue,
        Verdict::Misleading,
        Verdict::False,
        Verdict::Unverifiable,
        Verdict::Unrated,
    ];
    /// ClaimReview `bestRating`.
    pub const BEST_RATING: u8 = 5;
    /// ClaimReview `worstRating`.
    pub const WORST_RATING: u8 = 1;

    /// The name used in files and CSS classes (`mostly_true`).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::True => "true",
            Verdict::MostlyTrue => "mostly_true",
            Verdict::HalfTrue => "half_true",
            Verdict::Misleading => "misleading",
            Verdict::False => "false",
            Verdict::Unverifiable => "unverifiable",
            Verdict::Unrated => "unrated",
        }
    }

    /// The name shown to people, also ClaimReview's `alternateName`.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::True => "True",
            Verdict::MostlyTrue => "Mostly true",
            Verdict::HalfTrue => "Half true",
            Verdict::Misleading => "Misleading",
            Verdict::False => "False",
            Verdict::Unverifiable => "Unverifiable",
            Verdict::Unrated => "Unrated",
        }
    }

    /// Position on the 1 (false) to 5 (true) scale, or `None` for unverifiable and unrated.
    pub fn rating(self) -> Option<u8> {
        match self {
            Verdict::True => Some(5),
            Verdict::MostlyTrue => Some(4),
            Verdict::HalfTrue => Some(3),
            Verdict::Misleading => Some(2),
            Verdict::False => Some(1),
            Verdict::Unverifiable | Verdict::Unrated => None,
        }
    }

    /// The verdict at a point of the 1–5 scale.
    pub fn from_rating(rating: u8) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.rating() == Some(rating))
    }

    /// Whether a verdict was given (ClaimReview is only exported for these).
    pub fn is_rated(self) -> bool {
        self != Verdict::Unrated
    }

    /// Reads a verdict by name or label, ignoring case, spaces, hyphens and underscores
    /// ("Mostly true", "mostly-true" and "MOSTLY_TRUE" all work), as spreadsheets and other tools
    /// write them.
    ///
    /// # Errors
    /// [`ModelError::Verdict`] for anything else.
    pub fn parse(value: &str) -> Result<Verdict, ModelError> {
        let squash = |s: &str| -> String {
            s.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).flat_map(char::to_lowercase).collect()
        };
        let wanted = squash(value);
        Verdict::ALL
            .into_iter()
            .find(|v| squash(v.as_str()) == wanted)
            .ok_or_else(|| ModelError::Verdict { value: value.to_owned() })
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}
