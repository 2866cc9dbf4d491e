//! claimmark widget
