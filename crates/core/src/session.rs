//! A fact-checking session's state and its transitions, pure: [`Session::apply`] takes an
//! [`Edit`] and the time and gives the next session. The widget's reducer is a thin call into it;
//! everything here is tested natively (`tests/session.rs`).
//!
//! A session holds the document, its undo history (by value), the checklist items derived from
//! them, the selection and the message to announce. Ids that must be fresh come in with the edit
//! ([`Edit::CreateClaim`], [`Edit::SaveSource`]), so the same edits at the same times give the same
//! session. An edit that changes nothing gives the session back as it was, history included.
//!
//! ```
//! use std::rc::Rc;
//! use claimmark_core::article::Article;
//! use claimmark_core::model::{AnnotationId, ClaimKind, Timestamp};
//! use claimmark_core::session::{Edit, Session};
//! use claimmark_core::store::{ArticleInfo, StoreDocument};
//! use claimmark_core::text::CharSpan;
//!
//! let article = Article::parse("Budget\n\nSpending rose to $277M in 2019.\n").unwrap();
//! let doc = StoreDocument::new(ArticleInfo::new(&article.id, &article.title, &article.body));
//! let session = Session::new(Rc::new(article), Vec::new(), doc);
//! let t0 = Timestamp::from_millis(1_700_000_000_000);
//! let id = AnnotationId::from_random_bytes([1; 16]);
//! let session = session.apply(Edit::CreateClaim { span: CharSpan::new(0, 8), kind: ClaimKind::Other, id }, t0);
//! assert_eq!(session.doc.annotations.len(), 1);
//! assert!(session.can_undo());
//! let session = session.apply(Edit::Undo, t0.plus_millis(10));
//! assert_eq!(session.doc.active().count(), 0);
//! assert_eq!(session.announcement, "Undid create");
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use crate::article::Article;
use crate::checklist::{self, AnchorCache, ClaimItem, ItemKey};
use crate::detect::Claim;
use crate::history::{Change, ChangeKind, History};
use crate::model::{
    derived_id_bytes, Annotation, AnnotationId, ClaimKind, IsoDate, Source, SourceId, SourceUrl, Target,
    Timestamp, Verdict,
};
use crate::store::{merge, StoreDocument};
use crate::text::CharSpan;

/// How many steps can be undone.
const HISTORY_STEPS: usize = 200;

/// A source as the user saves it, checked: the URL parsed, the date read.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceFields {
    /// The source being edited, or `None` for a new one.
    pub id: Option<SourceId>,
    pub url: SourceUrl,
    /// Title, publisher and excerpt as typed; they are saved trimmed.
    pub title: String,
    pub publisher: String,
    pub excerpt: String,
    pub accessed: Option<IsoDate>,
}

/// What a user does to a session's document.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// A reader highlighted a span as a claim of this kind; `id` is the new annotation's.
    CreateClaim {
        span: CharSpan,
        kind: ClaimKind,
        id: AnnotationId,
    },
    SetVerdict(ItemKey, Verdict),
    /// A team member's own verdict (see [`crate::model::TeamVerdicts`]): the editor's is also the
    /// final verdict, anyone else's is theirs alone.
    SetTeamVerdict {
        key: ItemKey,
        verdict: Verdict,
        by: String,
        editor: bool,
    },
    /// The note as typed so far. Typing into an existing annotation becomes one undo step when
    /// the typing ends ([`Edit::CommitNote`], or any edit but another `SetNote` on it).
    SetNote(ItemKey, String),
    /// The note field lost focus: the edits since it gained focus become one undo step.
    CommitNote,
    /// Adds a source (`source.id` is `None`; it gets `new_id`) or updates one.
    SaveSource {
        key: ItemKey,
        source: SourceFields,
        new_id: SourceId,
    },
    RemoveSource(ItemKey, SourceId),
    Dismiss(ItemKey),
    Restore(ItemKey),
    Delete(ItemKey),
    /// Attach an orphan to a new span.
    Reattach(ItemKey, CharSpan),
    Undo,
    Redo,
    /// Another copy (another tab, an import) to merge in.
    Merge(StoreDocument),
}

/// The document being checked, its history and what is derived from them.
#[derive(Debug, Clone)]
pub struct Session {
    pub article: Rc<Article>,
    pub claims: Rc<Vec<Claim>>,
    pub doc: Rc<StoreDocument>,
    /// The checklist, rebuilt once per change of the document.
    pub items: Rc<Vec<Rc<ClaimItem>>>,
    /// What the article's highlights are drawn from: the same list (the same `Rc`) as long as the
    /// highlights it draws are the same, so a view can skip re-rendering.
    pub highlights: Rc<Vec<Rc<ClaimItem>>>,
    pub selected: Option<ItemKey>,
    /// Bumped when `doc` changes: a saver saves on it.
    pub revision: u64,
    /// A short message about the last change ("Source saved").
    pub announcement: String,
    /// Copied on write: sessions that share it share no changes.
    history: Rc<History>,
    /// Anchorings remembered between builds of the checklist. It only saves work: what a build
    /// gives does not depend on it, so sessions may share it.
    cache: Rc<RefCell<AnchorCache>>,
    /// The annotation whose note is being typed, as it was before the typing began.
    note_before: Option<Annotation>,
}

impl Session {
    /// A session on `doc`, with an empty history and nothing selected.
    pub fn new(article: Rc<Article>, claims: Vec<Claim>, doc: StoreDocument) -> Session {
        let mut session = Session {
            article,
            claims: Rc::new(claims),
            doc: Rc::new(doc),
            items: Rc::new(Vec::new()),
            highlights: Rc::new(Vec::new()),
            selected: None,
            revision: 0,
            announcement: String::new(),
            history: Rc::new(History::new(HISTORY_STEPS)),
            cache: Rc::new(RefCell::new(AnchorCache::default())),
            note_before: None,
        };
        session.rebuild_items();
        session
    }

    /// A copy to start again from: with an empty history, no note being typed, and this one's
    /// anchoring cache taken over (a second copy builds its cache again).
    pub fn fresh(&self) -> Session {
        Session {
            history: Rc::new(History::new(HISTORY_STEPS)),
            cache: Rc::new(RefCell::new(std::mem::take(&mut *self.cache.borrow_mut()))),
            note_before: None,
            ..self.clone()
        }
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    pub fn item(&self, key: &ItemKey) -> Option<&ClaimItem> {
        self.items.iter().find(|i| key.is(&i.key)).map(|i| &**i)
    }

    /// The annotation behind an item, if it has one.
    pub fn annotation(&self, key: &ItemKey) -> Option<&Annotation> {
        self.item(key).and_then(|i| i.annotation.as_ref()).and_then(|id| self.doc.get(id))
    }

    /// The session after `edit` at `now`; this one unchanged when the edit changes nothing.
    pub fn apply(self, edit: Edit, now: Timestamp) -> Session {
        self.try_apply(edit, now).unwrap_or(self)
    }

    /// The session after `edit` at `now`, or `None` when the edit changes nothing (this session
    /// then stands, its history untouched). [`Edit::CommitNote`] always gives a session.
    pub fn try_apply(&self, edit: Edit, now: Timestamp) -> Option<Session> {
        let mut s = self.clone();
        if !matches!(edit, Edit::SetNote(..)) {
            s.commit_note();
        }
        match edit {
            Edit::CommitNote => {}
            Edit::CreateClaim { span, kind, id } => {
                if span.is_empty() {
                    return None;
                }
                let target = Target::describe(&s.article.id, &s.article.body, span);
                let change =
                    Rc::make_mut(&mut s.doc).insert(Annotation::new_user(id.clone(), target, kind, now));
                s.selected = Some(ItemKey::Annotation(id));
                s.changed(Some(change), "Claim highlighted");
            }
            Edit::SetVerdict(key, verdict) => {
                let change = s.edit(&key, now, |a, now| a.set_verdict(verdict, now))?;
                s.changed(Some(change), &format!("Verdict set to {}", verdict.label()));
            }
            Edit::SetTeamVerdict { key, verdict, by, editor } => {
                let change = s.edit(&key, now, |a, now| a.record_team_verdict(&by, verdict, editor, now))?;
                let message = if editor {
                    format!("Final verdict set to {}", verdict.label())
                } else {
                    format!("Your verdict set to {}; the editor sets the final one", verdict.label())
                };
                s.changed(Some(change), &message);
            }
            Edit::SetNote(key, note) => {
                if s.annotation(&key).is_some_and(|a| a.note == note) {
                    return None;
                }
                let before = s.annotation(&key).cloned();
                let change = s.edit(&key, now, |a, now| a.set_note(note, now))?;
                match before {
                    // Typing into an existing annotation: one undo step per typing, at its end.
                    Some(before) => {
                        if s.note_before.as_ref().is_none_or(|b| b.id != before.id) {
                            s.commit_note();
                            s.note_before = Some(before);
                        }
                        s.changed(None, "");
                    }
                    None => s.changed(Some(change), ""),
                }
            }
            Edit::SaveSource { key, source: fields, new_id } => {
                let change = s.edit(&key, now, move |a, now| {
                    let mut source = match fields.id.as_ref().and_then(|id| a.source(id)) {
                        Some(existing) => existing.clone(),
                        None => Source::new(new_id, fields.url.clone(), now),
                    };
                    source.url = fields.url;
                    source.title = fields.title.trim().to_owned();
                    source.publisher = fields.publisher.trim().to_owned();
                    source.excerpt = fields.excerpt.trim().to_owned();
                    source.accessed = fields.accessed;
                    if fields.id.is_some() {
                        a.update_source(source, now);
                    } else {
                        a.add_source(source, now);
                    }
                })?;
                s.changed(Some(change), "Source saved");
            }
            Edit::RemoveSource(key, source) => {
                let change = s.edit(&key, now, |a, now| {
                    a.remove_source(&source, now);
                })?;
                s.changed(Some(change), "Source removed");
            }
            Edit::Dismiss(key) | Edit::Restore(key) if s.item(&key).is_none() => return None,
            Edit::Dismiss(key) => {
                let change = s.edit(&key, now, |a, now| a.set_dismissed(true, now))?;
                // Its card leaves the list, so nothing stays selected.
                if s.selected.as_ref() == Some(&key) {
                    s.selected = None;
                }
                s.changed(Some(change), "Claim dismissed");
            }
            Edit::Restore(key) => {
                let change = s.edit(&key, now, |a, now| a.set_dismissed(false, now))?;
                s.changed(Some(change), "Claim restored");
            }
            Edit::Delete(key) => {
                let id = s.item(&key).and_then(|i| i.annotation.clone())?;
                let change = Rc::make_mut(&mut s.doc).delete(&id, now);
                if s.selected.as_ref() == Some(&key) {
                    s.selected = None;
                }
                s.changed(change, "Claim deleted");
            }
            Edit::Reattach(key, span) => {
                let target = Target::describe(&s.article.id, &s.article.body, span);
                let change = s.edit(&key, now, |a, now| a.retarget(target, now))?;
                s.changed(Some(change), "Claim re-attached");
            }
            Edit::Undo | Edit::Redo => {
                let undo = matches!(edit, Edit::Undo);
                let doc = Rc::make_mut(&mut s.doc);
                let history = Rc::make_mut(&mut s.history);
                let change = if undo { history.undo(doc, now) } else { history.redo(doc, now) }?;
                let verb = if undo { "Undid" } else { "Redid" };
                s.after_doc_change(&format!("{verb} {}", change.kind.label()));
            }
            Edit::Merge(other) => {
                let merged = merge(&s.doc, &other);
                if merged == *s.doc {
                    return None;
                }
                s.doc = Rc::new(merged);
                s.after_doc_change("Annotations merged");
            }
        }
        Some(s)
    }

    fn rebuild_items(&mut self) {
        let items =
            checklist::build(&self.article.body, &self.claims, &self.doc, &mut self.cache.borrow_mut());
        self.items = Rc::new(items);
        if self.highlights.is_empty() || !checklist::same_highlights(&self.highlights, &self.items) {
            self.highlights = self.items.clone();
        }
    }

    /// Applies `edit` to the annotation behind `key`, creating it from the detected claim first
    /// when there is none yet.
    fn edit(
        &mut self,
        key: &ItemKey,
        now: Timestamp,
        edit: impl FnOnce(&mut Annotation, Timestamp),
    ) -> Option<Change> {
        let item = self.item(key)?.clone();
        let doc = Rc::make_mut(&mut self.doc);
        match item.annotation {
            Some(id) => doc.update(&id, now, edit),
            None => {
                let span = item.span?;
                // The id is derived from the claim, so two tabs that act on the same detected
                // claim at once create the same annotation, and merging joins their edits.
                let id = AnnotationId::from_random_bytes(derived_id_bytes(&[&self.article.id, &item.key]));
                let target = Target::describe(&self.article.id, &self.article.body, span);
                let mut annotation = Annotation::from_detected(id, target, item.kind, now);
                edit(&mut annotation, now);
                Some(doc.insert(annotation))
            }
        }
    }

    fn changed(&mut self, change: Option<Change>, announcement: &str) {
        if let Some(change) = change {
            Rc::make_mut(&mut self.history).record(change);
        }
        self.after_doc_change(announcement);
    }

    fn after_doc_change(&mut self, announcement: &str) {
        self.revision += 1;
        self.rebuild_items();
        announcement.clone_into(&mut self.announcement);
    }

    /// Ends a note's typing: all of it becomes one undo step.
    fn commit_note(&mut self) {
        if let Some(before) = self.note_before.take() {
            if let Some(after) = self.doc.get(&before.id) {
                if after.note != before.note {
                    let change =
                        Change { kind: ChangeKind::Edit, before: Some(before), after: Some(after.clone()) };
                    Rc::make_mut(&mut self.history).record(change);
                }
            }
        }
    }
}
