//! claimmark's team sync module, loaded by the widget (`src/team.rs`) only when a team is
//! configured, as `claimmark-io` is loaded only for exports. It holds the team's Yjs document (yrs,
//! through `claimmark-team`) and says what the server's messages mean; the widget carries the
//! bytes over its WebSocket and keeps the local copy in localStorage, as it always does.
//!
//! Documents cross between the two modules as the storage format's JSON.

use claimmark_core::store::StoreDocument;
use claimmark_team::{Peer, Presence};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

/// One article's team document and the protocol state of its connection.
#[wasm_bindgen]
pub struct Team {
    peer: Peer,
}

fn now_millis() -> u64 {
    // Whole milliseconds since 1970, well within f64's exact integers.
    js_sys::Date::now() as u64
}

#[wasm_bindgen]
impl Team {
    /// A team document for the article of the local copy `local_json` (the storage format),
    /// empty until the server's state arrives.
    ///
    /// # Errors
    /// When `local_json` is not a storage document.
    #[wasm_bindgen(constructor)]
    pub fn new(local_json: &str) -> Result<Team, JsError> {
        let local = StoreDocument::from_json(local_json)
            .map_err(|e| JsError::new(&format!("the local copy to sync: {e}")))?;
        Ok(Team { peer: Peer::new(local.article, now_millis) })
    }

    /// The first message on a new connection.
    pub fn hello(&mut self) -> Uint8Array {
        Uint8Array::from(self.peer.hello().as_slice())
    }

    /// Whether the server's state has arrived on this connection.
    #[wasm_bindgen(getter)]
    pub fn synced(&self) -> bool {
        self.peer.is_synced()
    }

    /// Handles a message from the server. Returns `[changed, presenceChanged, ...replies]`.
    ///
    /// # Errors
    /// When the message is not y-sync or its update is not a Yjs update; nothing of it is applied.
    pub fn receive(&mut self, bytes: &[u8]) -> Result<Array, JsError> {
        let received = self.peer.receive(bytes).map_err(|e| JsError::new(&e.to_string()))?;
        let out = Array::of2(&received.changed.into(), &received.presence_changed.into());
        for reply in received.replies {
            out.push(&Uint8Array::from(reply.as_slice()));
        }
        Ok(out)
    }

    /// Merges the team's document into the local copy `local_json` (the storage format), and
    /// writes into the team's document what the local copy has that it lacks. Returns
    /// `[merged, update, ...problems]`: the merged document's JSON when it differs from the local
    /// copy (else `undefined`), the message to send (else `undefined`), and what the team's
    /// document held that was left out, as `"path: message"`.
    ///
    /// # Errors
    /// When `local_json` is not a storage document.
    pub fn merge(&mut self, local_json: &str) -> Result<Array, JsError> {
        let local = StoreDocument::from_json(local_json)
            .map_err(|e| JsError::new(&format!("the local copy to sync: {e}")))?;
        let merged = self.peer.merge(&local);
        let document =
            if merged.local_changed { JsValue::from(merged.document.to_json()) } else { JsValue::UNDEFINED };
        let update = merged.update.map_or(JsValue::UNDEFINED, |u| Uint8Array::from(u.as_slice()).into());
        let out = Array::of2(&document, &update);
        for problem in merged.problems {
            out.push(&problem.to_string().into());
        }
        Ok(out)
    }

    /// Says who this person is and which annotation they look at; returns the message to send.
    pub fn presence_message(&mut self, name: &str, focus: Option<String>) -> Option<Uint8Array> {
        let presence = Presence { name: claimmark_core::model::clean_person_name(name), focus };
        self.peer.set_presence(&presence).map(|m| Uint8Array::from(m.as_slice()))
    }

    /// The others on the article: `[name, focus or undefined]` pairs.
    pub fn others(&self) -> Array {
        self.peer
            .presence()
            .into_iter()
            .map(|p| {
                let focus = p.focus.map_or(JsValue::UNDEFINED, JsValue::from);
                JsValue::from(Array::of2(&claimmark_core::model::clean_person_name(&p.name).into(), &focus))
            })
            .collect()
    }
}
