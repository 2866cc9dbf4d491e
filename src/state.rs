//! The widget's state: one `Reducible` with an `Action` enum, which the workspace hands to its
//! parts as a `StateHandle` prop.
//!
//! `reduce` is a thin call into core's [`Session::apply`]: the document, its history, the
//! checklist items derived from them and the selection live in the [`Session`]; the state adds
//! what only the view needs (filter, colours, storage status, where a selection came from).

use std::rc::Rc;

use claimmark_core::checklist::{ClaimItem, Filter};
use claimmark_core::detect::Claim;
use claimmark_core::model::{AnnotationId, ClaimKind, IsoDate, Source, SourceId, SourceUrl, Verdict};
use claimmark_core::session::{Edit, Session, SourceFields};
use claimmark_core::store::StoreDocument;
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
    pub const ALL: [Mode; 4] = [Mode::FactCheck, Mode::ReadOnly, Mode::Reader, Mode::Classroom];

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
    /// The person this browser is in a team (see [`crate::team`]), or none.
    Team(Option<TeamMember>),
}

/// Who this browser's user is in a team: their verdicts are recorded under `name`, and an editor's
/// verdict is the final one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamMember {
    pub name: String,
    pub editor: bool,
}

#[derive(Clone)]
pub struct State {
    /// The same article as `session.article`, as a prop.
    pub article: ArticleRef,
    /// The document, its history, the checklist items and the selection.
    pub session: Session,
    pub select_from: SelectFrom,
    /// Bumped on every selection, so that selecting the same claim again scrolls again.
    pub select_nonce: u32,
    pub filter: Filter,
    pub color_by_verdict: bool,
    pub storage: StorageStatus,
    pub mode: Mode,
    /// Set when the article syncs with a team.
    pub team: Option<TeamMember>,
}

impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        self.session.revision == other.session.revision
            && self.session.selected == other.session.selected
            && self.select_nonce == other.select_nonce
            && self.filter == other.filter
            && self.color_by_verdict == other.color_by_verdict
            && self.storage == other.storage
            && self.session.announcement == other.session.announcement
            && self.article == other.article
            && self.team == other.team
    }
}

pub type StateHandle = UseReducerHandle<State>;

impl State {
    pub fn new(
        article: ArticleRef,
        claims: Vec<Claim>,
        doc: StoreDocument,
        storage: StorageStatus,
        mode: Mode,
    ) -> State {
        State {
            session: Session::new(Rc::clone(&article.0), claims, doc),
            article,
            select_from: SelectFrom::List,
            select_nonce: 0,
            filter: Filter::default(),
            color_by_verdict: false,
            storage,
            mode,
            team: None,
        }
    }

    /// A copy to start a workspace from: with an undo history of its own, and this one's
    /// anchoring cache taken over (see [`Session::fresh`]), so that a workspace mounted again from
    /// the same state starts with no undo steps.
    pub fn fresh(&self) -> State {
        State { session: self.session.fresh(), ..self.clone() }
    }

    pub fn body(&self) -> &str {
        &self.article.0.body
    }

    /// What the article's highlights are drawn from (see [`ItemsRef`]).
    pub fn highlights(&self) -> ItemsRef {
        Shared(Rc::clone(&self.session.highlights))
    }

    /// The session's edit for `action`, or `None` for an action that only the view sees or a
    /// source draft that does not validate.
    fn edit(&self, action: Action) -> Option<Edit> {
        Some(match action {
            Action::CreateClaim { span, kind } => {
                Edit::CreateClaim { span, kind, id: AnnotationId::from_random_bytes(random_bytes()) }
            }
            Action::SetVerdict(key, verdict) => match &self.team {
                Some(me) => Edit::SetTeamVerdict { key, verdict, by: me.name.clone(), editor: me.editor },
                None => Edit::SetVerdict(key, verdict),
            },
            Action::SetNote(key, note) => Edit::SetNote(key, note),
            Action::CommitNote => Edit::CommitNote,
            Action::SaveSource(key, draft) => {
                let (url, accessed) = draft.validate().ok()?;
                let SourceDraft { id, title, publisher, excerpt, .. } = draft;
                let source = SourceFields { id, url, title, publisher, excerpt, accessed };
                Edit::SaveSource { key, source, new_id: SourceId::from_random_bytes(random_bytes()) }
            }
            Action::RemoveSource(key, source) => Edit::RemoveSource(key, source),
            Action::Dismiss(key) => Edit::Dismiss(key),
            Action::Restore(key) => Edit::Restore(key),
            Action::Delete(key) => Edit::Delete(key),
            Action::Reattach(key, span) => Edit::Reattach(key, span),
            Action::Undo => Edit::Undo,
            Action::Redo => Edit::Redo,
            Action::Merge(other) => Edit::Merge(other),
            Action::Select(..)
            | Action::SetFilter(_)
            | Action::ToggleColorByVerdict
            | Action::Storage(_)
            | Action::Team(_) => return None,
        })
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Select(key, from) => {
                s.session.selected = key;
                s.select_from = from;
                s.select_nonce = s.select_nonce.wrapping_add(1);
            }
            Action::SetFilter(filter) => s.filter = filter,
            Action::Team(member) => s.team = member,
            // These end a note's typing, as every action but typing and choosing does.
            Action::ToggleColorByVerdict => {
                s.session = s.session.apply(Edit::CommitNote, now());
                s.color_by_verdict = !s.color_by_verdict;
            }
            Action::Storage(status) => {
                s.session = s.session.apply(Edit::CommitNote, now());
                s.storage = status;
            }
            _ if s.mode == Mode::ReadOnly => return self,
            action => {
                let created = matches!(action, Action::CreateClaim { .. });
                let Some(edit) = self.edit(action) else { return self };
                crate::timing::mark("claimmark:rebuild-start");
                let session = self.session.try_apply(edit, now());
                crate::timing::mark("claimmark:rebuild-end");
                let Some(session) = session else { return self };
                s.session = session;
                if created {
                    s.select_from = SelectFrom::Article;
                    s.select_nonce = s.select_nonce.wrapping_add(1);
                }
            }
        }
        Rc::new(s)
    }
}
