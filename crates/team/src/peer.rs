//! A client of a standard Yjs server (y-websocket, Hocuspocus, y-sweet…): the y-sync protocol as
//! `yrs::sync` encodes it, over a Y.Doc of the [`shape`](crate::shape) this crate defines.
//!
//! The caller carries bytes: [`Peer::hello`] when the connection opens, [`Peer::receive`] for each
//! message from the server, and [`Peer::merge`] whenever the local copy changes or the server sent
//! something. The protocol, as a client speaks it:
//! 1. the client sends sync step 1, its state vector;
//! 2. the server answers with sync step 2, what the client lacks, and its own step 1;
//! 3. the client answers that with step 2, what the server lacks: work done offline, or all of it
//!    when the server was wiped;
//! 4. after that, each change travels as an update, both ways.
//!
//! Until the server's step 2 has arrived the peer writes nothing into its Y.Doc: an article that
//! already has local work joins the team's document by merging into it, never by replacing it.

use claimmark_core::store::{merge, ArticleInfo, StoreDocument};
use serde::{Deserialize, Serialize};
use yrs::sync::{Awareness, Message, MessageReader, SyncMessage};
use yrs::updates::decoder::{Decode, DecoderV1};
use yrs::updates::encoder::Encode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

use crate::shape::{self, Problem};

/// Why a message from the server was not used. The Y.Doc is unchanged by it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error("the server sent a message that is not y-sync: {0}")]
    Malformed(String),
    #[error("the server sent an update that is not a Yjs update: {0}")]
    BadUpdate(String),
    #[error("the server refused access: {0}")]
    Refused(String),
}

/// What one message from the server brought.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Received {
    /// Messages to send back, in order.
    pub replies: Vec<Vec<u8>>,
    /// Whether the team's document changed (call [`Peer::merge`]).
    pub changed: bool,
    /// Whether the others on the article changed (call [`Peer::presence`]).
    pub presence_changed: bool,
}

/// Someone else on the article, from Yjs awareness.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub name: String,
    /// The annotation they are looking at, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
}

/// The result of [`Peer::merge`].
#[derive(Debug, Clone)]
pub struct Merged {
    /// The local copy with the team's work merged in.
    pub document: StoreDocument,
    /// Whether `document` differs from the local copy that was passed in (save it).
    pub local_changed: bool,
    /// The update to send, when the local copy had something the team's document lacked.
    pub update: Option<Vec<u8>>,
    /// What the team's document held that does not follow its shape, left out.
    pub problems: Vec<Problem>,
}

/// One client's side of the protocol for one article.
pub struct Peer {
    awareness: Awareness,
    article: ArticleInfo,
    synced: bool,
}

impl Peer {
    /// A peer for `article`, with an empty Y.Doc. `now_millis` is the clock that awareness stamps
    /// its states with.
    pub fn new(article: ArticleInfo, now_millis: impl Fn() -> u64 + Send + Sync + 'static) -> Peer {
        Peer { awareness: Awareness::with_clock(Doc::new(), now_millis), article, synced: false }
    }

    fn doc(&self) -> &Doc {
        self.awareness.doc()
    }

    /// Whether the server's state has arrived since the connection opened.
    pub fn is_synced(&self) -> bool {
        self.synced
    }

    /// The first message on a new connection: sync step 1. Resets [`Peer::is_synced`].
    pub fn hello(&mut self) -> Vec<u8> {
        self.synced = false;
        let sv = self.doc().transact().state_vector();
        Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1()
    }

    /// Handles one message from the server.
    ///
    /// # Errors
    /// When the message is not y-sync, carries an update that does not decode, or is an
    /// authentication refusal. Nothing of a message that fails is applied.
    pub fn receive(&mut self, bytes: &[u8]) -> Result<Received, SyncError> {
        let mut decoder = DecoderV1::from(bytes);
        let messages: Vec<Message> = MessageReader::new(&mut decoder)
            .collect::<Result<_, _>>()
            .map_err(|e| SyncError::Malformed(e.to_string()))?;
        if messages.is_empty() && !bytes.is_empty() {
            // The reader stops at the end of the buffer: a message cut short reads as none.
            return Err(SyncError::Malformed("the message ends before its first part does".into()));
        }
        // Every update is decoded before any is applied, so that a bad one changes nothing.
        let mut updates = Vec::new();
        let mut received = Received::default();
        for message in &messages {
            match message {
                Message::Sync(SyncMessage::SyncStep2(bytes)) | Message::Sync(SyncMessage::Update(bytes)) => {
                    updates.push(Update::decode_v1(bytes).map_err(|e| SyncError::BadUpdate(e.to_string()))?);
                }
                Message::Auth(Some(reason)) => return Err(SyncError::Refused(reason.clone())),
                _ => {}
            }
        }
        let mut updates = updates.into_iter();
        for message in messages {
            match message {
                Message::Sync(SyncMessage::SyncStep1(sv)) => {
                    let diff = self.doc().transact().encode_diff_v1(&sv);
                    received.replies.push(Message::Sync(SyncMessage::SyncStep2(diff)).encode_v1());
                }
                Message::Sync(step) => {
                    let update = updates.next().expect("decoded above");
                    self.doc()
                        .transact_mut()
                        .apply_update(update)
                        .map_err(|e| SyncError::BadUpdate(e.to_string()))?;
                    // Deletions do not show in the state vector, so any update counts as a change.
                    received.changed = true;
                    if matches!(step, SyncMessage::SyncStep2(_)) {
                        self.synced = true;
                    }
                }
                Message::Awareness(update) => {
                    if self.awareness.apply_update(update).is_ok() {
                        received.presence_changed = true;
                    }
                }
                Message::AwarenessQuery => {
                    if let Ok(update) = self.awareness.update() {
                        received.replies.push(Message::Awareness(update).encode_v1());
                    }
                }
                Message::Auth(_) | Message::Custom(..) => {}
            }
        }
        Ok(received)
    }

    /// Merges the team's document into `local`, and (once synced) writes into the team's
    /// document what `local` has that it lacks.
    pub fn merge(&mut self, local: &StoreDocument) -> Merged {
        let read = shape::read(self.doc(), &self.article);
        let mut document = merge(local, &read.document);
        document.article = local.article.clone();
        let local_changed = !shape::same_work(&document, local);
        let mut update = None;
        if self.synced {
            let mut txn = self.doc().transact_mut();
            if shape::write(&mut txn, &document) > 0 {
                update = Some(Message::Sync(SyncMessage::Update(txn.encode_update_v1())).encode_v1());
            }
        }
        Merged { document, local_changed, update, problems: read.problems }
    }

    /// Says who this person is and which annotation they are looking at; returns the awareness
    /// message to send.
    pub fn set_presence(&mut self, presence: &Presence) -> Option<Vec<u8>> {
        self.awareness.set_local_state(presence).ok()?;
        self.awareness.update().ok().map(|u| Message::Awareness(u).encode_v1())
    }

    /// The others on the article (not this peer), by name.
    pub fn presence(&self) -> Vec<Presence> {
        let me = self.awareness.client_id();
        let mut people: Vec<Presence> = self
            .awareness
            .iter()
            .filter(|(id, _)| *id != me)
            .filter_map(|(_, state)| state.data.as_deref().and_then(|json| serde_json::from_str(json).ok()))
            .collect();
        people.sort_by(|a: &Presence, b: &Presence| (&a.name, &a.focus).cmp(&(&b.name, &b.focus)));
        people
    }

    /// The team document's state as one update (for tests and benchmarks).
    pub fn state(&self) -> Vec<u8> {
        self.doc().transact().encode_state_as_update_v1(&StateVector::default())
    }
}
