//! The kinds of claim.

use serde::{Deserialize, Serialize};

/// What kind of checkable claim a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Money,
    Percent,
    Date,
    Quote,
    Trend,
    /// A claim a person highlighted that is none of the above.
    Other,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 6] = [
        ClaimKind::Money,
        ClaimKind::Percent,
        ClaimKind::Date,
        ClaimKind::Quote,
        ClaimKind::Trend,
        ClaimKind::Other,
    ];

    /// The lowercase name used in files and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Money => "money",
            ClaimKind::Percent => "percent",
            ClaimKind::Date => "date",
            ClaimKind::Quote => "quote",
            ClaimKind::Trend => "trend",
            ClaimKind::Other => "other",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            ClaimKind::Money => "Money",
            ClaimKind::Percent => "Percentage",
            ClaimKind::Date => "Date",
            ClaimKind::Quote => "Quotation",
            ClaimKind::Trend => "Trend figure",
            ClaimKind::Other => "Other claim",
        }
    }

    pub fn parse(s: &str) -> Option<ClaimKind> {
        ClaimKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}
