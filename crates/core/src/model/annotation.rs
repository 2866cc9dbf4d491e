//! [`Annotation`]: a claim someone acted on, with its [`Origin`], the per-field clocks
//! ([`FieldClocks`]) that merging relies on, and the edits that keep them.

use serde::{Deserialize, Serialize};

use super::{
    is_empty_str, AnnotationId, ClaimKind, PersonVerdict, Source, SourceId, SourceTombstone, Target,
    TeamVerdicts, Timestamp, Verdict,
};

/// Who made an annotation: claim detection (then a person acted on it) or a person selecting text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Detected,
    User,
}

/// The fields of an annotation that are merged separately, each with its own clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Target,
    Kind,
    Verdict,
    Note,
    Tags,
    Dismissed,
}

/// When each field was last edited. `None` means "when the annotation was created", which keeps
/// the stored form small: most annotations have most fields untouched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FieldClocks {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dismissed: Option<Timestamp>,
}

impl FieldClocks {
    fn is_default(&self) -> bool {
        *self == FieldClocks::default()
    }

    fn slot(&mut self, field: Field) -> &mut Option<Timestamp> {
        match field {
            Field::Target => &mut self.target,
            Field::Kind => &mut self.kind,
            Field::Verdict => &mut self.verdict,
            Field::Note => &mut self.note,
            Field::Tags => &mut self.tags,
            Field::Dismissed => &mut self.dismissed,
        }
    }

    /// When the field was last edited; `None` when it never was.
    pub fn get(&self, field: Field) -> Option<Timestamp> {
        match field {
            Field::Target => self.target,
            Field::Kind => self.kind,
            Field::Verdict => self.verdict,
            Field::Note => self.note,
            Field::Tags => self.tags,
            Field::Dismissed => self.dismissed,
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_unrated(v: &Verdict) -> bool {
    *v == Verdict::Unrated
}

/// A claim someone acted on: its place in the article, a verdict, sources, a note and tags.
///
/// Fields are public for reading and for building fixtures. Change a live annotation through the
/// `set_*`/`*_source` methods, which keep the clocks that merging relies on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub id: AnnotationId,
    pub target: Target,
    pub origin: Origin,
    pub kind: ClaimKind,
    #[serde(default, skip_serializing_if = "is_unrated")]
    pub verdict: Verdict,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Removed sources, so that merging with an older copy does not bring them back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_sources: Vec<SourceTombstone>,
    #[serde(default, skip_serializing_if = "is_empty_str")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// A detected candidate the user said is not worth checking. Kept, so that it stays dismissed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub dismissed: bool,
    pub created: Timestamp,
    pub modified: Timestamp,
    #[serde(default, skip_serializing_if = "FieldClocks::is_default")]
    pub clocks: FieldClocks,
    /// Each team member's own verdict, when a team syncs the article (see [`TeamVerdicts`]).
    #[serde(default, skip_serializing_if = "TeamVerdicts::is_empty")]
    pub team: TeamVerdicts,
}

impl Annotation {
    fn new(id: AnnotationId, target: Target, origin: Origin, kind: ClaimKind, now: Timestamp) -> Annotation {
        Annotation {
            id,
            target,
            origin,
            kind,
            verdict: Verdict::Unrated,
            sources: Vec::new(),
            removed_sources: Vec::new(),
            note: String::new(),
            tags: Vec::new(),
            dismissed: false,
            created: now,
            modified: now,
            clocks: FieldClocks::default(),
            team: TeamVerdicts::default(),
        }
    }

    /// An annotation on text the user selected.
    pub fn new_user(id: AnnotationId, target: Target, kind: ClaimKind, now: Timestamp) -> Annotation {
        Annotation::new(id, target, Origin::User, kind, now)
    }

    /// An annotation for a detected claim, made at the moment the user first acts on it (adds a
    /// source, sets a verdict, writes a note or dismisses it). Build `target` with
    /// [`Target::describe`] from the detected span.
    pub fn from_detected(id: AnnotationId, target: Target, kind: ClaimKind, now: Timestamp) -> Annotation {
        Annotation::new(id, target, Origin::Detected, kind, now)
    }

    /// A dismissed detected candidate: stored so it stays dismissed after a reload.
    pub fn dismissed_candidate(
        id: AnnotationId,
        target: Target,
        kind: ClaimKind,
        now: Timestamp,
    ) -> Annotation {
        let mut annotation = Annotation::from_detected(id, target, kind, now);
        annotation.dismissed = true;
        annotation
    }

    /// When `field` was last edited.
    pub fn clock(&self, field: Field) -> Timestamp {
        self.clocks.get(field).unwrap_or(self.created)
    }

    /// Records an edit of `field` at `now`, and returns the time used.
    ///
    /// The time is forced past the field's previous clock: if the system clock went backwards, an
    /// edit made after another must still win the merge.
    fn touch(&mut self, field: Field, now: Timestamp) -> Timestamp {
        let at = now.max(self.clock(field).plus_millis(1));
        *self.clocks.slot(field) = Some(at);
        self.modified = self.modified.max(at);
        at
    }

    pub fn set_verdict(&mut self, verdict: Verdict, now: Timestamp) {
        self.verdict = verdict;
        self.touch(Field::Verdict, now);
    }

    /// Records `by`'s own verdict in a team. The editor's is also the annotation's verdict, the
    /// final one that exports carry; anyone else's leaves that alone.
    pub fn record_team_verdict(&mut self, by: &str, verdict: Verdict, editor: bool, now: Timestamp) {
        if editor {
            self.set_verdict(verdict, now);
        }
        let by = super::clean_person_name(by);
        let at = self.team.of(&by).map_or(now, |old| now.max(old.at.plus_millis(1)));
        if !by.is_empty() && self.team.record(PersonVerdict { by, verdict, at }) {
            self.modified = self.modified.max(at);
        }
    }

    pub fn set_note(&mut self, note: impl Into<String>, now: Timestamp) {
        self.note = note.into();
        self.touch(Field::Note, now);
    }

    pub fn set_kind(&mut self, kind: ClaimKind, now: Timestamp) {
        self.kind = kind;
        self.touch(Field::Kind, now);
    }

    pub fn set_dismissed(&mut self, dismissed: bool, now: Timestamp) {
        self.dismissed = dismissed;
        self.touch(Field::Dismissed, now);
    }

    /// Replaces the tags. They are trimmed, empty ones dropped, and duplicates (ignoring case)
    /// removed, keeping the first spelling.
    pub fn set_tags<I, S>(&mut self, tags: I, now: Timestamp)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.tags = clean_tags(tags);
        self.touch(Field::Tags, now);
    }

    /// Moves the annotation to other words: an orphan re-attached by selecting new text, or a
    /// highlight the user adjusted. Re-anchoring after an article edit should not call this: the
    /// stored selectors stay as the user made them, and anchoring finds them again each time.
    pub fn retarget(&mut self, target: Target, now: Timestamp) {
        self.target = target;
        self.touch(Field::Target, now);
    }

    /// Adds a source, or replaces the source with the same id.
    pub fn add_source(&mut self, mut source: Source, now: Timestamp) {
        let previous = self.sources.iter().position(|s| s.id == source.id);
        let floor = previous.map(|i| self.sources[i].modified.plus_millis(1)).unwrap_or(now);
        source.modified = now.max(floor);
        self.modified = self.modified.max(source.modified);
        self.removed_sources.retain(|t| t.id != source.id);
        match previous {
            Some(i) => {
                source.added = self.sources[i].added;
                self.sources[i] = source;
            }
            None => self.sources.push(source),
        }
    }

    /// Replaces the source with the same id (same as [`Annotation::add_source`]; the name says
    /// what the caller means).
    pub fn update_source(&mut self, source: Source, now: Timestamp) {
        self.add_source(source, now);
    }

    /// Removes a source; returns it, or `None` when there is no source with that id.
    pub fn remove_source(&mut self, id: &SourceId, now: Timestamp) -> Option<Source> {
        let i = self.sources.iter().position(|s| &s.id == id)?;
        let source = self.sources.remove(i);
        let deleted = now.max(source.modified.plus_millis(1));
        self.removed_sources.retain(|t| &t.id != id);
        self.removed_sources.push(SourceTombstone { id: id.clone(), deleted });
        self.modified = self.modified.max(deleted);
        Some(source)
    }

    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.id == id)
    }

    /// Whether the user did anything with it beyond dismissing: a verdict, a source, a note or a
    /// tag.
    pub fn has_work(&self) -> bool {
        self.verdict.is_rated()
            || !self.sources.is_empty()
            || !self.note.trim().is_empty()
            || !self.tags.is_empty()
    }
}

/// Tags as an annotation keeps them: trimmed, empty ones dropped, duplicates (ignoring ASCII case)
/// removed, the first spelling kept. [`Annotation::set_tags`] and every reader of tags use it.
pub(crate) fn clean_tags<I, S>(tags: I) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut clean: Vec<String> = Vec::new();
    for tag in tags {
        let tag: String = tag.into();
        let tag = tag.trim();
        if !tag.is_empty() && !clean.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            clean.push(tag.to_owned());
        }
    }
    clean
}
