//! The widget's state: one `Reducible` with an `Action` enum, which the workspace hands to its
//! parts as a `StateHandle` prop.
//!
//! `reduce` stays thin: it calls core functions (store edits, merge, history, checklist) and keeps
//! what the view needs. Everything derived (the checklist items) is recomputed here, once per
//! change, never in a render.

use std::cell::RefCell;
use std::rc::Rc;

use claimmark_core::checklist::{self, AnchorCache, ClaimItem, Filter};
use claimmark_core::detect::Claim;
use claimmark_core::history::{Change, ChangeKind, History};
use claimmark_core::model::{
    Annotation, AnnotationId, ClaimKind, IsoDate, Source, SourceId, SourceUrl, Target, Timestamp, Verdict,
};
use claimmark_core::store::{merge, StoreDocument};
use claimmark_core::text::CharSpan;
use yew::prelude::*;

use crate::browser::{now, random_bytes};
use crate::item_key::ItemKey;
use crate::storage::StorageStatus;
use crate::text::capitalise;

/// What the widget lets its user do (embedding can restrict it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Everything.
    #[default]
    FactCheck,
    /// Highlights, verdicts and sources are shown; nothing can be edited.
    ReadOnly,
    /// A reader annotates for themselves; their work stays in their own browser.
    Reader,
    /// See the classroom issue; until it lands, the same tools as `FactCheck`.
    Classroom,
}

impl Mode {
    /// The mode named in an embedding option: `factcheck`, `read-only`, `reader`, `classroom`.
    pub fn parse(name: &str) -> Option<Mode> {
        match name.trim().to_ascii_lowercase().replace(['_', ' '], "-").as_str() {
            "factcheck" | "fact-check" => Some(Mode::FactCheck),
            "read-only" | "readonly" => Some(Mode::ReadOnly),
            "reader" => Some(Mode::Reader),
            "classroom" => Some(Mode::Classroom),
            _ => None,
        }
    }

    /// The option's spelling of the mode.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::FactCheck => "factcheck",
            Mode::ReadOnly => "read-only",
            Mode::Reader => "reader",
            Mode::Classroom => "classroom",
        }
    }

    /// Whether the user may change annotations.
    pub fn can_edit(self) -> bool {
        self != Mode::ReadOnly
    }
}

/// Where a selection came from, which decides what gets focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectFrom {
    /// A highlight was clicked: focus the card.
    Article,
    /// A card was chosen: scroll to the highlight.
    List,
}

/// A source as typed into the form, before validation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceDraft {
    /// The source being edited, or `None` for a new one.
    pub id: Option<SourceId>,
    pub url: String,
    pub title: String,
    pub publisher: String,
    pub excerpt: String,
    pub accessed: String,
}

impl SourceDraft {
    pub fn from_source(source: &Source) -> SourceDraft {
        SourceDraft {
            id: Some(source.id.clone()),
            url: source.url.as_str().to_owned(),
            title: source.title.clone(),
            publisher: source.publisher.clone(),
            excerpt: source.excerpt.clone(),
            accessed: source.accessed.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// Checks the draft; the error says which field is wrong and why.
    ///
    /// # Errors
    /// `("url", message)` for a missing or non-http(s) URL, `("accessed", message)` for a bad date.
    pub fn validate(&self) -> Result<(SourceUrl, Option<IsoDate>), (&'static str, String)> {
        let url = self.url.trim();
        if url.is_empty() {
            return Err(("url", "Enter the source's URL (http or https).".to_owned()));
        }
        let url = SourceUrl::parse(url).map_err(|e| ("url", capitalise(&e.to_string())))?;
        let accessed = match self.accessed.trim() {
            "" => None,
            date => Some(IsoDate::parse(date).map_err(|e| ("accessed", capitalise(&e.to_string())))?),
        };
        Ok((url, accessed))
    }
}

/// Shared data whose equality is identity (`Rc::ptr_eq`): props that hold one compare in constant
/// time, and a re-render that keeps the same value skips the component that takes it.
#[derive(Debug, Default)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A parsed article shared between components: a re-render that keeps the same article skips the
/// article view entirely.
pub type ArticleRef = Shared<claimmark_core::article::Article>;

/// The checklist items the article is drawn from: the state keeps the same list as long as the
/// highlights it draws are the same, so the article view skips re-rendering.
pub type ItemsRef = Shared<Vec<Rc<ClaimItem>>>;

pub enum Action {
    Select(Option<ItemKey>, SelectFrom),
    /// A reader highlighted a span as a claim of this kind.
    CreateClaim {
        span: CharSpan,
        kind: ClaimKind,
    },
    SetVerdict(ItemKey, Verdict),
    SetNote(ItemKey, String),
    /// The note field lost focus: the edits since it gained focus become one undo step.
    CommitNote,
    SaveSource(ItemKey, SourceDraft),
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
    SetFilter(Filter),
    ToggleColorByVerdict,
    Storage(StorageStatus),
}

#[derive(Clone)]
pub struct State {
    pub article: ArticleRef,
    pub claims: Rc<Vec<Claim>>,
    pub doc: Rc<StoreDocument>,
    pub items: Rc<Vec<Rc<ClaimItem>>>,
    /// What the article's highlights are drawn from (see [`ItemsRef`]).
    pub highlights: ItemsRef,
    pub selected: Option<ItemKey>,
    pub select_from: SelectFrom,
    /// Bumped on every selection, so that selecting the same claim again scrolls again.
    pub select_nonce: u32,
    pub filter: Filter,
    pub color_by_verdict: bool,
    pub storage: StorageStatus,
    pub mode: Mode,
    /// Bumped when `doc` changes: the storage effect saves on it.
    pub revision: u64,
    /// A short message for the live region ("Source saved").
    pub announcement: String,
    pub can_undo: bool,
    pub can_redo: bool,
    history: Rc<RefCell<History>>,
    cache: Rc<RefCell<AnchorCache>>,
    /// The annotation whose note is being typed, and how it was before the typing began.
    note_session: Option<Annotation>,
}

impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
            && self.selected == other.selected
            && self.select_nonce == other.select_nonce
            && self.filter == other.filter
            && self.color_by_verdict == other.color_by_verdict
            && self.storage == other.storage
            && self.announcement == other.announcement
            && self.article == other.article
    }
}

pub type StateHandle = UseReducerHandle<State>;

/// How many steps can be undone.
const HISTORY_STEPS: usize = 200;

impl State {
    pub fn new(
        article: ArticleRef,
        claims: Vec<Claim>,
        doc: StoreDocument,
        storage: StorageStatus,
        mode: Mode,
    ) -> State {
        let mut state = State {
            article,
            claims: Rc::new(claims),
            doc: Rc::new(doc),
            items: Rc::new(Vec::new()),
            highlights: ItemsRef::default(),
            selected: None,
            select_from: SelectFrom::List,
            select_nonce: 0,
            filter: Filter::default(),
            color_by_verdict: false,
            storage,
            mode,
            revision: 0,
            announcement: String::new(),
            can_undo: false,
            can_redo: false,
            history: Rc::new(RefCell::new(History::new(HISTORY_STEPS))),
            cache: Rc::new(RefCell::new(AnchorCache::default())),
            note_session: None,
        };
        state.rebuild_items();
        state
    }

    /// A copy to start a workspace from: with an undo history of its own, and this one's
    /// anchoring cache taken over (a second copy builds its cache again). Copies of a state share
    /// its history, so a workspace mounted again from the same state would otherwise inherit the
    /// first one's undo steps.
    pub fn fresh(&self) -> State {
        State {
            history: Rc::new(RefCell::new(History::new(HISTORY_STEPS))),
            cache: Rc::new(RefCell::new(std::mem::take(&mut *self.cache.borrow_mut()))),
            note_session: None,
            can_undo: false,
            can_redo: false,
            ..self.clone()
        }
    }

    pub fn body(&self) -> &str {
        &self.article.0.body
    }

    fn rebuild_items(&mut self) {
        let items =
            checklist::build(&self.article.0.body, &self.claims, &self.doc, &mut self.cache.borrow_mut());
        self.items = Rc::new(items);
        if self.highlights.0.is_empty() || !checklist::same_highlights(&self.highlights.0, &self.items) {
            self.highlights = Shared(self.items.clone());
        }
    }

    pub fn item(&self, key: &ItemKey) -> Option<&ClaimItem> {
        self.items.iter().find(|i| key.is(&i.key)).map(|i| &**i)
    }

    /// The annotation behind an item, if it has one.
    pub fn annotation(&self, key: &ItemKey) -> Option<&Annotation> {
        self.item(key).and_then(|i| i.annotation.as_ref()).and_then(|id| self.doc.get(id))
    }

    /// Applies `edit` to the annotation behind `key`, creating it from the detected claim first
    /// when there is none yet. Returns the change and the annotation's id.
    fn edit(
        &mut self,
        key: &ItemKey,
        edit: impl FnOnce(&mut Annotation, Timestamp),
    ) -> Option<(Change, AnnotationId)> {
        let now = now();
        let item = self.item(key)?.clone();
        let doc = Rc::make_mut(&mut self.doc);
        match item.annotation {
            Some(id) => doc.update(&id, now, edit).map(|c| (c, id)),
            None => {
                let span = item.span?;
                // The id is derived from the claim, so two tabs that act on the same detected
                // claim at once create the same annotation, and merging joins their edits.
                let id = AnnotationId::from_random_bytes(claimmark_core::model::derived_id_bytes(&[
                    &self.article.0.id,
                    &item.key,
                ]));
                let target = Target::describe(&self.article.0.id, &self.article.0.body, span);
                let mut annotation = Annotation::from_detected(id.clone(), target, item.kind, now);
                edit(&mut annotation, now);
                Some((doc.insert(annotation), id))
            }
        }
    }

    fn changed(&mut self, change: Option<Change>, announcement: &str) {
        if let Some(change) = change {
            self.history.borrow_mut().record(change);
        }
        self.after_doc_change(announcement);
    }

    fn after_doc_change(&mut self, announcement: &str) {
        self.revision += 1;
        crate::timing::mark("claimmark:rebuild-start");
        self.rebuild_items();
        crate::timing::mark("claimmark:rebuild-end");
        let history = self.history.borrow();
        self.can_undo = history.can_undo();
        self.can_redo = history.can_redo();
        drop(history);
        announcement.clone_into(&mut self.announcement);
    }

    /// Ends a note-typing session: the whole session becomes one undo step.
    fn commit_note(&mut self) {
        if let Some(before) = self.note_session.take() {
            if let Some(after) = self.doc.get(&before.id) {
                if after.note != before.note {
                    let change =
                        Change { kind: ChangeKind::Edit, before: Some(before), after: Some(after.clone()) };
                    self.history.borrow_mut().record(change);
                    self.can_undo = true;
                    self.can_redo = false;
                }
            }
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let read_only = s.mode == Mode::ReadOnly;
        if !matches!(action, Action::SetNote(..) | Action::Select(..) | Action::SetFilter(_)) {
            s.commit_note();
        }
        match action {
            Action::Select(key, from) => {
                s.selected = key;
                s.select_from = from;
                s.select_nonce = s.select_nonce.wrapping_add(1);
            }
            Action::SetFilter(filter) => s.filter = filter,
            Action::ToggleColorByVerdict => s.color_by_verdict = !s.color_by_verdict,
            Action::Storage(status) => s.storage = status,
            _ if read_only => return self,
            Action::CreateClaim { span, kind } => {
                if span.is_empty() {
                    return self;
                }
                let now = now();
                let id = AnnotationId::from_random_bytes(random_bytes());
                let target = Target::describe(&s.article.0.id, &s.article.0.body, span);
                let change =
                    Rc::make_mut(&mut s.doc).insert(Annotation::new_user(id.clone(), target, kind, now));
                s.selected = Some(ItemKey::Annotation(id.clone()));
                s.select_from = SelectFrom::Article;
                s.select_nonce = s.select_nonce.wrapping_add(1);
                s.changed(Some(change), "Claim highlighted");
            }
            Action::SetVerdict(key, verdict) => {
                let Some((change, _)) = s.edit(&key, |a, now| a.set_verdict(verdict, now)) else {
                    return self;
                };
                s.changed(Some(change), &format!("Verdict set to {}", verdict.label()));
            }
            Action::SetNote(key, note) => {
                if s.annotation(&key).is_some_and(|a| a.note == note) {
                    return self;
                }
                let before = s.annotation(&key).cloned();
                let Some((change, _)) = s.edit(&key, |a, now| a.set_note(note, now)) else { return self };
                match before {
                    // Typing into an existing annotation: one undo step per session, on blur.
                    Some(before) => {
                        if s.note_session.as_ref().is_none_or(|b| b.id != before.id) {
                            s.commit_note();
                            s.note_session = Some(before);
                        }
                        s.changed(None, "");
                    }
                    None => s.changed(Some(change), ""),
                }
            }
            Action::CommitNote => {}
            Action::SaveSource(key, draft) => {
                let Ok((url, accessed)) = draft.validate() else { return self };
                let source_id = draft.id.clone();
                let result = s.edit(&key, move |a, now| {
                    let mut source = match source_id.as_ref().and_then(|id| a.source(id)) {
                        Some(existing) => existing.clone(),
                        None => Source::new(SourceId::from_random_bytes(random_bytes()), url.clone(), now),
                    };
                    source.url = url;
                    source.title = draft.title.trim().to_owned();
                    source.publisher = draft.publisher.trim().to_owned();
                    source.excerpt = draft.excerpt.trim().to_owned();
                    source.accessed = accessed;
                    if source_id.is_some() {
                        a.update_source(source, now);
                    } else {
                        a.add_source(source, now);
                    }
                });
                let Some((change, _)) = result else { return self };
                s.changed(Some(change), "Source saved");
            }
            Action::RemoveSource(key, source) => {
                let Some((change, _)) = s.edit(&key, |a, now| {
                    a.remove_source(&source, now);
                }) else {
                    return self;
                };
                s.changed(Some(change), "Source removed");
            }
            Action::Dismiss(key) | Action::Restore(key) if s.item(&key).is_none() => return self,
            Action::Dismiss(key) => {
                let Some((change, _)) = s.edit(&key, |a, now| a.set_dismissed(true, now)) else {
                    return self;
                };
                // Its card leaves the list, so nothing stays selected.
                if s.selected.as_ref() == Some(&key) {
                    s.selected = None;
                }
                s.changed(Some(change), "Claim dismissed");
            }
            Action::Restore(key) => {
                let Some((change, _)) = s.edit(&key, |a, now| a.set_dismissed(false, now)) else {
                    return self;
                };
                s.changed(Some(change), "Claim restored");
            }
            Action::Delete(key) => {
                let Some(id) = s.item(&key).and_then(|i| i.annotation.clone()) else { return self };
                let change = Rc::make_mut(&mut s.doc).delete(&id, now());
                if s.selected.as_ref() == Some(&key) {
                    s.selected = None;
                }
                s.changed(change, "Claim deleted");
            }
            Action::Reattach(key, span) => {
                let target = Target::describe(&s.article.0.id, &s.article.0.body, span);
                let Some((change, _)) = s.edit(&key, |a, now| a.retarget(target, now)) else { return self };
                s.changed(Some(change), "Claim re-attached");
            }
            Action::Undo | Action::Redo => {
                let undo = matches!(action, Action::Undo);
                let now = now();
                let doc = Rc::make_mut(&mut s.doc);
                let change = {
                    let mut history = s.history.borrow_mut();
                    if undo {
                        history.undo(doc, now)
                    } else {
                        history.redo(doc, now)
                    }
                };
                let Some(change) = change else { return self };
                let verb = if undo { "Undid" } else { "Redid" };
                s.after_doc_change(&format!("{verb} {}", change.kind.label()));
            }
            Action::Merge(other) => {
                let merged = merge(&s.doc, &other);
                if merged == *s.doc {
                    return self;
                }
                s.doc = Rc::new(merged);
                s.after_doc_change("Annotations merged");
            }
        }
        Rc::new(s)
    }
}
