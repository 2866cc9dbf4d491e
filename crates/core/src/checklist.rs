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
use std::rc::Rc;

use crate::anchor::{Anchorer, Anchoring};
use crate::detect::{Claim, ClaimValue};
use crate::model::{AnnotationId, ClaimKind, Origin, Selectors, Verdict};
use crate::store::StoreDocument;
use crate::text::CharSpan;

mod item_key;
pub use item_key::{ItemKey, ItemKeyError};

/// One claim in the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Each team member's own verdict, when a team syncs the article.
    pub team: crate::model::TeamVerdicts,
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

/// Whether two checklists draw the same highlights (same claims, kinds, verdicts, places, values),
/// so that an edit that changes only sources or notes need not redraw the article.
pub fn same_highlights(a: &[Rc<ClaimItem>], b: &[Rc<ClaimItem>]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.key == y.key
                && x.kind == y.kind
                && x.verdict == y.verdict
                && x.span == y.span
                && x.origin == y.origin
                && x.dismissed == y.dismissed
                && x.value_label == y.value_label
        })
}

/// The key of a detected claim that no annotation has taken over.
pub fn detected_key(claim: &Claim) -> String {
    format!("d:{}:{}-{}", claim.kind.as_str(), claim.span.start, claim.span.end)
}

/// The key of an annotation's item.
pub fn annotation_key(id: &AnnotationId) -> String {
    format!("a:{}", id.as_str())
}

/// What is remembered between builds, so that an edit costs work in proportion to what it touched.
///
/// - Anchorings (with the words they found) are keyed by annotation id and remember the selectors
///   they were computed from; a new target, or a new text, makes them stale.
/// - The items of the detected claims, and the index from (kind, span) to claim, are made once per
///   list of claims: formatting thousands of values again on every edit would cost a frame.
#[derive(Debug, Default, Clone)]
pub struct AnchorCache {
    /// Where the text was and how long, to skip hashing it again when it is the same string.
    text_at: (usize, usize),
    fingerprint: String,
    entries: HashMap<AnnotationId, Anchored>,
    /// Where the list of detected claims was and how long.
    detected_at: (usize, usize),
    detected_items: Vec<Rc<ClaimItem>>,
    by_span: HashMap<(ClaimKind, CharSpan), usize>,
}

/// One annotation anchored: from which selectors, where, and the words there.
#[derive(Debug, Clone)]
struct Anchored {
    selectors: Selectors,
    anchoring: Anchoring,
    text: String,
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
            self.by_span.clear();
            self.fingerprint = fingerprint;
        }
        self.text_at = at;
    }

    fn for_claims(&mut self, detected: &[Claim]) {
        let at = (detected.as_ptr() as usize, detected.len());
        if at == self.detected_at && self.detected_items.len() == detected.len() {
            return;
        }
        self.by_span.clear();
        for (i, claim) in detected.iter().enumerate() {
            self.by_span.entry((claim.kind, claim.span)).or_insert(i);
        }
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        self.detected_items = detected
            .iter()
            .enumerate()
            .map(|(i, claim)| {
                let mut item = detected_item(i, claim);
                // Two identical detections would share a key; the view needs unique ones.
                if !seen.insert(item.key.clone()) {
                    item.key = format!("{}#{i}", item.key);
                }
                Rc::new(item)
            })
            .collect();
        self.detected_at = at;
    }
}

/// Builds the checklist of `body` from its detected claims and the stored annotations.
/// Items are shared (`Rc`): an edit rebuilds the list, but the thousands of detected-claim items
/// in a long article are the same objects each time, not copies.
pub fn build(
    body: &str,
    detected: &[Claim],
    doc: &StoreDocument,
    cache: &mut AnchorCache,
) -> Vec<Rc<ClaimItem>> {
    cache.for_text(body);
    cache.for_claims(detected);
    let is_stale = |cache: &AnchorCache, a: &crate::model::Annotation| {
        cache.entries.get(&a.id).is_none_or(|e| e.selectors != a.target.selectors)
    };
    let stale: Vec<&crate::model::Annotation> =
        doc.annotations.iter().filter(|a| is_stale(cache, a)).collect();
    if !stale.is_empty() {
        let anchorer = Anchorer::new(body);
        let results = anchorer.anchor_all(stale.iter().map(|a| &a.target.selectors));
        for (annotation, anchoring) in stale.into_iter().zip(results) {
            let text = match anchoring.span() {
                Some(span) => anchorer.text_index().slice(span).to_owned(),
                None => annotation.target.exact().to_owned(),
            };
            let selectors = annotation.target.selectors.clone();
            cache.entries.insert(annotation.id.clone(), Anchored { selectors, anchoring, text });
        }
    }

    let mut taken: BTreeSet<usize> = BTreeSet::new();
    let mut items = Vec::with_capacity(detected.len() + doc.annotations.len());
    for annotation in &doc.annotations {
        let Some(anchored) = cache.entries.get(&annotation.id) else { continue };
        let span = anchored.anchoring.span();
        let claim = match (annotation.origin, span) {
            (Origin::Detected, Some(span)) => cache.by_span.get(&(annotation.kind, span)).copied(),
            _ => None,
        };
        // An annotation that took over a detected claim keeps the claim's key, so the card a
        // person is typing in is not replaced by a new one when their first edit creates it. A
        // second annotation on the same claim (two tabs, an import) gets a key of its own.
        let (key, detected_item) = match claim {
            Some(i) if taken.insert(i) => {
                (cache.detected_items[i].key.clone(), Some(&cache.detected_items[i]))
            }
            Some(i) => (
                format!("{}#{}", cache.detected_items[i].key, annotation.id.as_str()),
                Some(&cache.detected_items[i]),
            ),
            None => (annotation_key(&annotation.id), None),
        };
        items.push(Rc::new(ClaimItem {
            key,
            annotation: Some(annotation.id.clone()),
            detected: claim,
            kind: annotation.kind,
            origin: annotation.origin,
            span,
            fuzzy: matches!(anchored.anchoring, Anchoring::Fuzzy { .. }),
            text: anchored.text.clone(),
            value_label: detected_item.and_then(|d| d.value_label.clone()),
            speaker: detected_item.and_then(|d| d.speaker.clone()),
            warning: detected_item.and_then(|d| d.warning.clone()),
            check: detected_item.and_then(|d| d.check.clone()),
            verdict: annotation.verdict,
            source_count: annotation.sources.len(),
            has_note: !annotation.note.trim().is_empty(),
            dismissed: annotation.dismissed,
            team: annotation.team.clone(),
        }));
    }
    for (i, item) in cache.detected_items.iter().enumerate() {
        if !taken.contains(&i) {
            items.push(item.clone());
        }
    }
    // Document order; longer (outer) claims first at the same start; orphans last. The detected
    // claims arrive sorted. Keys are unique, so the order is total.
    items.sort_by(|a, b| {
        let key = |item: &Rc<ClaimItem>| match item.span {
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
        team: Default::default(),
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
    pub fn counts(&self, items: &[Rc<ClaimItem>]) -> FilterCounts {
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
    pub fn of(items: &[Rc<ClaimItem>]) -> Progress {
        let live: Vec<&ClaimItem> = items.iter().map(|i| &**i).filter(|i| !i.dismissed).collect();
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
