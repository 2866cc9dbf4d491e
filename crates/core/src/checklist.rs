//! The fact-checker's checklist: detected claims and stored annotations as one ordered list.
//!
//! A detected claim becomes an annotation only when someone acts on it (a source, a verdict, a
//! note, a dismissal), so the list the sidebar shows is a join: every stored annotation, anchored
//! again on the current text, plus every detected claim that no annotation has taken over yet.
//! Items are ordered as they appear in the article; orphans (annotations whose text could not be
//! found again) come last, so they are never lost from view.
//!
//! ```
//! use claimmark_core::checklist::{build, AnchorCache, Filter, Progress};
//! use claimmark_core::detect::detect;
//! use claimmark_core::store::{ArticleInfo, StoreDocument};
//!
//! let body = "Exports reached $277M in 2019.";
//! let claims = detect(body);
//! let doc = StoreDocument::new(ArticleInfo::new("a", "A", body));
//! let items = build(body, &claims, &doc, &mut AnchorCache::default());
//! assert_eq!(items.len(), claims.len());
//! assert_eq!(Progress::of(&items).summary(), format!("0 of {} claims sourced · 0 rated", items.len()));
//! assert!(items.iter().all(|item| Filter::default().matches(item)));
//! ```

use std::collections::{BTreeSet, HashMap};

use crate::anchor::{Anchorer, Anchoring};
use crate::detect::{Claim, ClaimValue};
use crate::model::{AnnotationId, ClaimKind, Origin, Selectors, Verdict};
use crate::store::StoreDocument;
use crate::text::CharSpan;

/// One claim in the checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimItem {
    /// Stable across renders and unique in the list: `d:<kind>:<start>-<end>` for a detected claim
    /// (also once an annotation has taken it over), `a:<annotation id>` for other annotations.
    pub key: String,
    pub annotation: Option<AnnotationId>,
    /// Index of the detected claim this item shows, if any.
    pub detected: Option<usize>,
    pub kind: ClaimKind,
    pub origin: Origin,
    /// Where the claim is now; `None` for an orphan.
    pub span: Option<CharSpan>,
    /// Found again only approximately (the text changed around or inside it).
    pub fuzzy: bool,
    /// The claim's words: the current text, or the stored quote for an orphan.
    pub text: String,
    /// The normalised value, as a person reads it ("1948-05-01", "US$ 277 million").
    pub value_label: Option<String>,
    pub speaker: Option<String>,
    /// A trend claim whose stated rate disagrees with its figures: the arithmetic.
    pub warning: Option<String>,
    /// The trend check's arithmetic when it agrees.
    pub check: Option<String>,
    pub verdict: Verdict,
    pub source_count: usize,
    pub has_note: bool,
    pub dismissed: bool,
}

impl ClaimItem {
    pub fn is_orphan(&self) -> bool {
        self.span.is_none()
    }
    pub fn is_sourced(&self) -> bool {
        self.source_count > 0
    }
    pub fn is_rated(&self) -> bool {
        self.verdict.is_rated()
    }
    pub fn status(&self) -> Status {
        if self.dismissed {
            Status::Dismissed
        } else if self.is_orphan() {
            Status::Orphaned
        } else if self.is_rated() {
            Status::Rated
        } else if self.is_sourced() {
            Status::Sourced
        } else {
            Status::Unsourced
        }
    }
}

/// The key of a detected claim that no annotation has taken over.
pub fn detected_key(claim: &Claim) -> String {
    format!("d:{}:{}-{}", claim.kind.as_str(), claim.span.start, claim.span.end)
}

/// The key of an annotation's item.
pub fn annotation_key(id: &AnnotationId) -> String {
    format!("a:{}", id.as_str())
}

/// Anchorings remembered between builds, so that an edit re-anchors only what it touched.
///
/// Entries are keyed by annotation id and remember the selectors they were computed from; a new
/// target (or a new text, see [`AnchorCache::for_text`]) makes them stale.
#[derive(Debug, Default, Clone)]
pub struct AnchorCache {
    /// Where the text was and how long, to skip hashing it again when it is the same string.
    text_at: (usize, usize),
    fingerprint: String,
    entries: HashMap<AnnotationId, (Selectors, Anchoring)>,
    /// The items of the detected claims, made once per list of claims (where it was and how long):
    /// formatting thousands of values again on every edit would cost a frame.
    detected_at: (usize, usize),
    detected_items: Vec<ClaimItem>,
}

impl AnchorCache {
    /// Forgets everything when the text is not the one the cache was filled on.
    fn for_text(&mut self, text: &str) {
        let at = (text.as_ptr() as usize, text.len());
        if at == self.text_at && !self.fingerprint.is_empty() {
            return;
        }
        let fingerprint = crate::text::fingerprint(text);
        if fingerprint != self.fingerprint {
            self.entries.clear();
            self.detected_items.clear();
            self.fingerprint = fingerprint;
        }
        self.text_at = at;
    }
}

/// Builds the checklist of `body` from its detected claims and the stored annotations.
pub fn build(body: &str, detected: &[Claim], doc: &StoreDocument, cache: &mut AnchorCache) -> Vec<ClaimItem> {
    cache.for_text(body);
    let stale: Vec<&Selectors> = doc
        .annotations
        .iter()
        .filter(|a| cache.entries.get(&a.id).is_none_or(|(s, _)| s != &a.target.selectors))
        .map(|a| &a.target.selectors)
        .collect();
    if !stale.is_empty() {
        let anchorer = Anchorer::new(body);
        let results = anchorer.anchor_all(stale.iter().copied());
        let stale_ids: Vec<AnnotationId> = doc
            .annotations
            .iter()
            .filter(|a| cache.entries.get(&a.id).is_none_or(|(s, _)| s != &a.target.selectors))
            .map(|a| a.id.clone())
            .collect();
        for ((id, selectors), anchoring) in stale_ids.into_iter().zip(stale).zip(results) {
            cache.entries.insert(id, (selectors.clone(), anchoring));
        }
    }

    // Detected claims by (kind, span), to let annotations take them over.
    let mut by_span: HashMap<(ClaimKind, CharSpan), usize> = HashMap::new();
    for (i, claim) in detected.iter().enumerate() {
        by_span.entry((claim.kind, claim.span)).or_insert(i);
    }
    let detected_at = (detected.as_ptr() as usize, detected.len());
    if detected_at != cache.detected_at || cache.detected_items.len() != detected.len() {
        cache.detected_items =
            detected.iter().enumerate().map(|(i, claim)| detected_item(i, claim)).collect();
        cache.detected_at = detected_at;
    }
    let index = crate::text::TextIndex::new(body);
    let mut taken: BTreeSet<usize> = BTreeSet::new();
    let mut items = Vec::with_capacity(detected.len() + doc.annotations.len());
    for annotation in &doc.annotations {
        let anchoring = cache.entries.get(&annotation.id).map_or(Anchoring::Orphan, |(_, a)| *a);
        let span = anchoring.span();
        let claim = match (annotation.origin, span) {
            (Origin::Detected, Some(span)) => by_span.get(&(annotation.kind, span)).copied(),
            _ => None,
        };
        if let Some(i) = claim {
            taken.insert(i);
        }
        let claim = claim.map(|i| &detected[i]);
        let text = match span {
            Some(span) => index.slice(span).to_owned(),
            None => annotation.target.exact().to_owned(),
        };
        let (warning, check) = claim.map(trend_notes).unwrap_or_default();
        // An annotation that took over a detected claim keeps the claim's key, so the card a
        // person is typing in is not replaced by a new one when their first edit creates it.
        let key = claim.map_or_else(|| annotation_key(&annotation.id), detected_key);
        items.push(ClaimItem {
            key,
            annotation: Some(annotation.id.clone()),
            detected: claim.and_then(|c| by_span.get(&(c.kind, c.span)).copied()),
            kind: annotation.kind,
            origin: annotation.origin,
            span,
            fuzzy: matches!(anchoring, Anchoring::Fuzzy { .. }),
            text,
            value_label: claim
                .and_then(|c| by_span.get(&(c.kind, c.span)))
                .and_then(|&i| cache.detected_items[i].value_label.clone()),
            speaker: claim.and_then(|c| c.speaker.clone()),
            warning,
            check,
            verdict: annotation.verdict,
            source_count: annotation.sources.len(),
            has_note: !annotation.note.trim().is_empty(),
            dismissed: annotation.dismissed,
        });
    }
    for (i, item) in cache.detected_items.iter().enumerate() {
        if !taken.contains(&i) {
            items.push(item.clone());
        }
    }
    // Keys must be unique for the view; a repeat (two annotations on one detected claim) gets a
    // suffix.
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::with_capacity(items.len());
    let repeats: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, item)| !seen.insert(item.key.as_str()))
        .map(|(i, _)| i)
        .collect();
    drop(seen);
    for i in repeats {
        let id = items[i].annotation.as_ref().map_or("", |id| id.as_str());
        items[i].key = format!("{}#{id}", items[i].key);
    }
    // Document order; longer (outer) claims first at the same start; orphans last.
    items.sort_by(|a, b| {
        let key = |item: &ClaimItem| match item.span {
            Some(span) => (0, span.start.0, usize::MAX - span.end.0),
            None => (1, 0, 0),
        };
        key(a).cmp(&key(b)).then_with(|| a.key.cmp(&b.key))
    });
    items
}

/// The item of a detected claim no annotation has taken over.
fn detected_item(i: usize, claim: &Claim) -> ClaimItem {
    let (warning, check) = trend_notes(claim);
    ClaimItem {
        key: detected_key(claim),
        annotation: None,
        detected: Some(i),
        kind: claim.kind,
        origin: Origin::Detected,
        span: Some(claim.span),
        fuzzy: false,
        text: claim.text.clone(),
        value_label: Some(claim.value_label()),
        speaker: claim.speaker.clone(),
        warning,
        check,
        verdict: Verdict::Unrated,
        source_count: 0,
        has_note: false,
        dismissed: false,
    }
}

/// The trend check as (warning when inconsistent, arithmetic when consistent).
fn trend_notes(claim: &Claim) -> (Option<String>, Option<String>) {
    match &claim.value {
        ClaimValue::Trend { check: Some(check), .. } if !check.consistent => {
            (Some(check.arithmetic.clone()), None)
        }
        ClaimValue::Trend { check: Some(check), .. } => (None, Some(check.arithmetic.clone())),
        _ => (None, None),
    }
}

/// Where a claim stands in the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Unsourced,
    Sourced,
    Rated,
    Orphaned,
    Dismissed,
}

impl Status {
    pub const ALL: [Status; 5] =
        [Status::Unsourced, Status::Sourced, Status::Rated, Status::Orphaned, Status::Dismissed];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unsourced => "unsourced",
            Status::Sourced => "sourced",
            Status::Rated => "rated",
            Status::Orphaned => "orphaned",
            Status::Dismissed => "dismissed",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Status::Unsourced => "Unsourced",
            Status::Sourced => "Sourced",
            Status::Rated => "Rated",
            Status::Orphaned => "Orphaned",
            Status::Dismissed => "Dismissed",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Whether an item belongs under this status filter. Statuses overlap on purpose: a rated
    /// claim with sources is both "sourced" and "rated".
    pub fn includes(self, item: &ClaimItem) -> bool {
        match self {
            Status::Dismissed => item.dismissed,
            _ if item.dismissed => false,
            Status::Unsourced => !item.is_sourced() && !item.is_orphan(),
            Status::Sourced => item.is_sourced(),
            Status::Rated => item.is_rated(),
            Status::Orphaned => item.is_orphan(),
        }
    }
}

/// The sidebar's filters. The default shows every claim that is not dismissed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Kinds to show; empty shows all.
    pub kinds: BTreeSet<ClaimKind>,
    pub status: Option<Status>,
    /// Case-insensitive words that must all appear in the claim, its value, speaker or kind.
    pub text: String,
}

impl Filter {
    pub fn matches(&self, item: &ClaimItem) -> bool {
        self.matches_kind(item) && self.matches_status(item) && self.matches_text(item)
    }
    fn matches_kind(&self, item: &ClaimItem) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&item.kind)
    }
    fn matches_status(&self, item: &ClaimItem) -> bool {
        match self.status {
            Some(status) => status.includes(item),
            None => !item.dismissed,
        }
    }
    fn matches_text(&self, item: &ClaimItem) -> bool {
        let needle = self.text.trim().to_lowercase();
        if needle.is_empty() {
            return true;
        }
        let haystack = format!(
            "{} {} {} {}",
            item.text,
            item.value_label.as_deref().unwrap_or(""),
            item.speaker.as_deref().unwrap_or(""),
            item.kind.label()
        )
        .to_lowercase();
        needle.split_whitespace().all(|word| haystack.contains(word))
    }

    /// How many items each filter choice would show, the other filters staying as they are.
    pub fn counts(&self, items: &[ClaimItem]) -> FilterCounts {
        let mut counts = FilterCounts::default();
        for item in items {
            let text = self.matches_text(item);
            if text && self.matches_status(item) {
                *counts.kinds.entry(item.kind).or_default() += 1;
                counts.all_kinds += 1;
            }
            if text && self.matches_kind(item) {
                for status in Status::ALL {
                    if status.includes(item) {
                        *counts.statuses.entry(status).or_default() += 1;
                    }
                }
                if !item.dismissed {
                    counts.all_statuses += 1;
                }
            }
        }
        counts
    }
}

/// Counts shown next to each filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterCounts {
    pub kinds: HashMap<ClaimKind, usize>,
    pub all_kinds: usize,
    pub statuses: HashMap<Status, usize>,
    pub all_statuses: usize,
}

impl FilterCounts {
    pub fn kind(&self, kind: ClaimKind) -> usize {
        self.kinds.get(&kind).copied().unwrap_or(0)
    }
    pub fn status(&self, status: Status) -> usize {
        self.statuses.get(&status).copied().unwrap_or(0)
    }
}

/// How far the check has got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Claims not dismissed.
    pub total: usize,
    pub sourced: usize,
    pub rated: usize,
    /// Claims per verdict (unrated included), in [`Verdict::ALL`] order.
    pub verdicts: Vec<(Verdict, usize)>,
}

impl Progress {
    pub fn of(items: &[ClaimItem]) -> Progress {
        let live: Vec<&ClaimItem> = items.iter().filter(|i| !i.dismissed).collect();
        let verdicts = Verdict::ALL
            .into_iter()
            .map(|v| (v, live.iter().filter(|i| i.verdict == v).count()))
            .filter(|&(_, n)| n > 0)
            .collect();
        Progress {
            total: live.len(),
            sourced: live.iter().filter(|i| i.is_sourced()).count(),
            rated: live.iter().filter(|i| i.is_rated()).count(),
            verdicts,
        }
    }

    /// "9 of 23 claims sourced · 4 rated".
    pub fn summary(&self) -> String {
        let noun = if self.total == 1 { "claim" } else { "claims" };
        format!("{} of {} {noun} sourced · {} rated", self.sourced, self.total, self.rated)
    }

    /// The verdict bar in words, for screen readers: "Verdicts: 1 false, 2 true, 20 unrated".
    pub fn verdict_text(&self) -> String {
        if self.verdicts.is_empty() {
            return "Verdicts: no claims yet".to_owned();
        }
        let parts: Vec<String> =
            self.verdicts.iter().map(|(v, n)| format!("{n} {}", v.label().to_lowercase())).collect();
        format!("Verdicts: {}", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::detect;
    use crate::model::{Annotation, Source, SourceId, SourceUrl, Target, Timestamp};
    use crate::store::ArticleInfo;

    const BODY: &str = "In 2001 exports were $13.2M. 😀 Later, in 2019, they were $277M.";

    fn doc() -> StoreDocument {
        StoreDocument::new(ArticleInfo::new("a", "A", BODY))
    }

    fn id(n: u8) -> AnnotationId {
        AnnotationId::from_random_bytes([n; 16])
    }

    #[test]
    fn detected_claims_are_items_in_order() {
        let claims = detect(BODY);
        let items = build(BODY, &claims, &doc(), &mut AnchorCache::default());
        assert_eq!(items.len(), claims.len());
        let starts: Vec<usize> = items.iter().map(|i| i.span.unwrap().start.0).collect();
        let mut sorted = starts.clone();
        sorted.sort();
        assert_eq!(starts, sorted);
        assert!(items.iter().all(|i| i.annotation.is_none() && i.key.starts_with("d:")));
    }

    #[test]
    fn an_annotation_takes_over_its_detected_claim() {
        let claims = detect(BODY);
        let money = claims.iter().find(|c| c.text == "$277M").unwrap();
        let now = Timestamp::from_millis(1_700_000_000_000);
        let mut annotation =
            Annotation::from_detected(id(1), Target::describe("a", BODY, money.span), ClaimKind::Money, now);
        annotation.add_source(
            Source::new(
                SourceId::from_random_bytes([2; 16]),
                SourceUrl::parse("https://example.org").unwrap(),
                now,
            ),
            now,
        );
        let mut doc = doc();
        doc.insert(annotation);
        let items = build(BODY, &claims, &doc, &mut AnchorCache::default());
        assert_eq!(items.len(), claims.len());
        let item = items.iter().find(|i| i.text == "$277M").unwrap();
        assert_eq!(item.key, detected_key(money));
        assert_eq!(item.annotation, Some(id(1)));
        assert_eq!(item.value_label.as_deref(), Some("US$ 277 million"));
        assert_eq!(item.status(), Status::Sourced);
        let progress = Progress::of(&items);
        assert_eq!(progress.sourced, 1);
        assert!(progress.summary().starts_with("1 of "));
    }

    #[test]
    fn orphans_are_kept_and_listed_last() {
        let now = Timestamp::from_millis(1);
        let mut doc = doc();
        let target =
            Target::describe("a", "A sentence that is gone from the article now.", CharSpan::new(2, 10));
        doc.insert(Annotation::new_user(id(3), target, ClaimKind::Other, now));
        let claims = detect(BODY);
        let items = build(BODY, &claims, &doc, &mut AnchorCache::default());
        let last = items.last().unwrap();
        assert!(last.is_orphan());
        assert_eq!(last.text, "sentence");
        assert_eq!(last.status(), Status::Orphaned);
        let filter = Filter { status: Some(Status::Orphaned), ..Filter::default() };
        assert_eq!(filter.counts(&items).status(Status::Orphaned), 1);
    }

    #[test]
    fn dismissed_items_show_only_under_their_filter() {
        let claims = detect(BODY);
        let first = &claims[0];
        let now = Timestamp::from_millis(5);
        let mut doc = doc();
        let mut a =
            Annotation::from_detected(id(4), Target::describe("a", BODY, first.span), first.kind, now);
        a.set_dismissed(true, now);
        doc.insert(a);
        let items = build(BODY, &claims, &doc, &mut AnchorCache::default());
        let visible = items.iter().filter(|i| Filter::default().matches(i)).count();
        assert_eq!(visible, items.len() - 1);
        let dismissed = Filter { status: Some(Status::Dismissed), ..Filter::default() };
        assert_eq!(items.iter().filter(|i| dismissed.matches(i)).count(), 1);
        assert_eq!(Progress::of(&items).total, items.len() - 1);
    }

    #[test]
    fn text_and_kind_filters_count() {
        let claims = detect(BODY);
        let items = build(BODY, &claims, &doc(), &mut AnchorCache::default());
        let filter = Filter { text: "277".into(), ..Filter::default() };
        let counts = filter.counts(&items);
        assert_eq!(counts.kind(ClaimKind::Money), 1);
        let money = Filter { kinds: [ClaimKind::Money].into(), ..Filter::default() };
        assert!(items.iter().filter(|i| money.matches(i)).all(|i| i.kind == ClaimKind::Money));
    }

    #[test]
    fn cache_reanchors_only_changed_targets_and_new_texts() {
        let now = Timestamp::from_millis(1);
        let mut doc = doc();
        doc.insert(Annotation::new_user(
            id(5),
            Target::describe("a", BODY, CharSpan::new(3, 7)),
            ClaimKind::Date,
            now,
        ));
        let mut cache = AnchorCache::default();
        let first = build(BODY, &[], &doc, &mut cache);
        assert_eq!(first[0].span, Some(CharSpan::new(3, 7)));
        let edited = format!("Earlier: {BODY}");
        let second = build(&edited, &[], &doc, &mut cache);
        assert_eq!(second[0].span, Some(CharSpan::new(12, 16)));
    }

    #[test]
    fn verdict_text_reads_well() {
        let progress = Progress {
            total: 3,
            sourced: 1,
            rated: 1,
            verdicts: vec![(Verdict::False, 1), (Verdict::Unrated, 2)],
        };
        assert_eq!(progress.verdict_text(), "Verdicts: 1 false, 2 unrated");
        assert_eq!(progress.summary(), "1 of 3 claims sourced · 1 rated");
    }
}
