//! A team's verdicts on one claim: each person's own ([`PersonVerdict`]), kept side by side.
//!
//! When a team syncs (the `claimmark-team` crate), a verdict is not last-writer-wins. Every person's
//! latest verdict is kept in [`Annotation::team`](super::Annotation::team), so that two people who
//! disagree both show. The annotation's own `verdict`, the one exports carry, is the editor's
//! final verdict: a team member who is not the editor records a verdict here and leaves it alone.
//! A person working alone never has team verdicts, and the stored format is then unchanged.

use serde::{Deserialize, Serialize};

use super::{Timestamp, Verdict};

/// Longest person name kept, in characters; a longer one is cut.
pub const MAX_PERSON_NAME_CHARS: usize = 80;

/// The longest name a Yjs document may have on claimmark's sync server.
pub const MAX_DOCUMENT_NAME: usize = 200;

/// The name of an article's team document: its id where the id is made only of the characters the
/// sync server accepts in a name (`A-Z a-z 0-9 . _ : -`) and is short enough; otherwise the id
/// with every other character made `_`, cut short, and its [`fingerprint`](crate::text::fingerprint)
/// appended, so that two ids never share a document.
pub fn team_document_name(article_id: &str) -> String {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-');
    if !article_id.is_empty() && article_id.len() <= MAX_DOCUMENT_NAME && article_id.chars().all(allowed) {
        return article_id.to_owned();
    }
    let hash = crate::text::fingerprint(article_id);
    let kept: String = article_id
        .chars()
        .map(|c| if allowed(c) { c } else { '_' })
        .take(MAX_DOCUMENT_NAME - hash.len() - 1)
        .collect();
    format!("{kept}-{hash}")
}

/// One person's verdict on a claim, and when they gave it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PersonVerdict {
    /// The person's display name in the team.
    pub by: String,
    pub verdict: Verdict,
    pub at: Timestamp,
}

/// Every team member's latest verdict on one claim, one per person, sorted by name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TeamVerdicts(Vec<PersonVerdict>);

/// A display name as it is kept: trimmed, its control characters dropped, at most
/// [`MAX_PERSON_NAME_CHARS`] characters. Empty when nothing is left.
pub fn clean_person_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .chars()
        .take(MAX_PERSON_NAME_CHARS)
        .collect()
}

impl TeamVerdicts {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every person's latest verdict, sorted by name.
    pub fn people(&self) -> &[PersonVerdict] {
        &self.0
    }

    /// `by`'s latest verdict, if they gave one.
    pub fn of(&self, by: &str) -> Option<&PersonVerdict> {
        self.0.iter().find(|p| p.by == by)
    }

    /// Records `entry`, unless its person already has a later one; returns whether it changed
    /// anything. Of two entries at the same time the greater wins, so that every copy agrees.
    pub fn record(&mut self, entry: PersonVerdict) -> bool {
        match self.0.binary_search_by(|p| p.by.as_str().cmp(&entry.by)) {
            Ok(i) => {
                let old = &self.0[i];
                if (entry.at, entry.verdict) > (old.at, old.verdict) {
                    self.0[i] = entry;
                    true
                } else {
                    false
                }
            }
            Err(i) => {
                self.0.insert(i, entry);
                true
            }
        }
    }

    /// Both copies' entries, each person's latest kept.
    pub fn merged(&self, other: &TeamVerdicts) -> TeamVerdicts {
        let mut out = self.clone();
        for entry in &other.0 {
            out.record(entry.clone());
        }
        out
    }

    /// The entries in canonical form: one per person (the latest), sorted by name, with names
    /// cleaned and entries with no name dropped.
    pub fn canonical(self) -> TeamVerdicts {
        let mut out = TeamVerdicts::default();
        for mut entry in self.0 {
            entry.by = clean_person_name(&entry.by);
            if !entry.by.is_empty() {
                out.record(entry);
            }
        }
        out
    }

    /// Whether the people who rated the claim gave different verdicts.
    pub fn disagree(&self) -> bool {
        let mut rated = self.0.iter().map(|p| p.verdict).filter(|v| v.is_rated());
        match rated.next() {
            Some(first) => rated.any(|v| v != first),
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(millis: i64) -> Timestamp {
        Timestamp::from_millis(millis)
    }

    fn entry(by: &str, verdict: Verdict, millis: i64) -> PersonVerdict {
        PersonVerdict { by: by.into(), verdict, at: at(millis) }
    }

    #[test]
    fn each_person_keeps_their_latest_verdict() {
        let mut team = TeamVerdicts::default();
        assert!(team.record(entry("Ben", Verdict::False, 10)));
        assert!(team.record(entry("Ada", Verdict::True, 20)));
        assert!(
            !team.record(entry("Ben", Verdict::True, 5)),
            "an older verdict does not replace a newer one"
        );
        assert!(team.record(entry("Ben", Verdict::MostlyTrue, 30)));
        let names: Vec<_> = team.people().iter().map(|p| (p.by.as_str(), p.verdict)).collect();
        assert_eq!(names, [("Ada", Verdict::True), ("Ben", Verdict::MostlyTrue)]);
        assert!(team.disagree());
    }

    #[test]
    fn merging_is_commutative_and_keeps_everyone() {
        let mut a = TeamVerdicts::default();
        a.record(entry("Ada", Verdict::False, 10));
        a.record(entry("Ben", Verdict::False, 10));
        let mut b = TeamVerdicts::default();
        b.record(entry("Ben", Verdict::True, 11));
        b.record(entry("Cy", Verdict::Unrated, 12));
        b.record(entry("Ada", Verdict::True, 10));
        assert_eq!(a.merged(&b), b.merged(&a));
        let merged = a.merged(&b);
        assert_eq!(merged.of("Ben").unwrap().verdict, Verdict::True);
        // Same time, different verdicts: the greater wins in both orders.
        assert_eq!(merged.of("Ada").unwrap().verdict, Verdict::False.max(Verdict::True));
        assert!(merged.disagree());
    }

    #[test]
    fn agreement_and_unrated_entries_are_not_a_disagreement() {
        let mut team = TeamVerdicts::default();
        team.record(entry("Ada", Verdict::False, 1));
        team.record(entry("Ben", Verdict::False, 2));
        team.record(entry("Cy", Verdict::Unrated, 3));
        assert!(!team.disagree());
    }

    #[test]
    fn a_document_name_is_the_id_or_a_safe_form_of_it() {
        assert_eq!(team_document_name("pak-russia_2022.v1:x"), "pak-russia_2022.v1:x");
        let path = team_document_name("articles/trade 2024.txt");
        assert!(path.starts_with("articles_trade_2024.txt-"), "{path}");
        assert_ne!(path, team_document_name("articles_trade 2024.txt"), "different ids, different documents");
        let emoji = team_document_name("😀 news");
        assert!(emoji.chars().all(|c| c.is_ascii_alphanumeric() || "._:-".contains(c)), "{emoji}");
        let long = team_document_name(&"a".repeat(500));
        assert!(long.len() <= MAX_DOCUMENT_NAME);
        assert!(!team_document_name("").is_empty());
    }

    #[test]
    fn names_are_cleaned_and_empty_ones_dropped() {
        let long = "x".repeat(200);
        let team = TeamVerdicts(vec![
            entry("  Ada\u{7}  ", Verdict::False, 1),
            entry(" \n ", Verdict::True, 2),
            entry(&long, Verdict::True, 3),
        ])
        .canonical();
        let names: Vec<_> = team.people().iter().map(|p| p.by.chars().count()).collect();
        assert_eq!(names, [3, MAX_PERSON_NAME_CHARS]);
    }
}
