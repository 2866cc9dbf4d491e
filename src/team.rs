//! Team sync in the widget: the settings a person enters in the Team panel, and the connection that
//! carries the team document's messages between the sync module (`claimmark-sync`, loaded only when
//! a team is set up) and a standard Yjs server, over a WebSocket.
//!
//! localStorage stays the local copy. The connection never writes it: what the team's document
//! brings is dispatched as a merge, as another tab's work is, and the autosave stores it. Offline,
//! edits are saved as always and counted as waiting; on reconnect the protocol sends them (see
//! `claimmark_team::peer`).

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use claimmark_core::store::StoreDocument;
use gloo::timers::callback::Timeout;
use js_sys::{Array, Function, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, CloseEvent, MessageEvent, WebSocket};
use yew::Callback;

use crate::browser::js_error_text;
use crate::state::TeamMember;

const MODULE: &str = "claimmark-sync";
/// Where the settings are kept: one team for every article in this browser.
pub const SETTINGS_KEY: &str = "claimmark:team:v1";
/// The close code the claimmark sync server gives a wrong or missing token.
pub const WRONG_TOKEN: u16 = 4401;
/// Reconnection waits double from the first to the last.
const RETRY_FIRST_MS: u32 = 1_000;
const RETRY_LAST_MS: u32 = 30_000;

/// What the Team panel takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSettings {
    /// The server's address, `ws://` or `wss://`.
    pub server: String,
    pub token: String,
    /// The person's display name.
    pub name: String,
    /// Whether this person's verdicts are the final ones.
    #[serde(default)]
    pub editor: bool,
}

impl TeamSettings {
    /// Settings from what the panel's fields hold, checked.
    ///
    /// # Errors
    /// What is wrong, naming the field.
    pub fn parse(server: &str, token: &str, name: &str, editor: bool) -> Result<TeamSettings, String> {
        let server = server.trim();
        let url = web_sys::Url::new(server)
            .map_err(|_| format!("Server: '{server}' is not a web address such as wss://sync.example.org"))?;
        match url.protocol().as_str() {
            "ws:" | "wss:" => {}
            "http:" => url.set_protocol("ws:"),
            "https:" => url.set_protocol("wss:"),
            other => {
                return Err(format!("Server: the address starts with '{other}'; it must be ws:// or wss://"))
            }
        }
        let token = token.trim();
        if token.is_empty() {
            return Err("Token: enter the token the team's server gave you".into());
        }
        let name = claimmark_core::model::clean_person_name(name);
        if name.is_empty() {
            return Err("Your name: enter the name your team knows you by".into());
        }
        let server = url.href().trim_end_matches('/').to_owned();
        Ok(TeamSettings { server, token: token.to_owned(), name, editor })
    }

    /// The settings kept in this browser, if a team is set up.
    pub fn load() -> Option<TeamSettings> {
        let storage = crate::storage::local_storage().ok()?;
        let raw = storage.get_item(SETTINGS_KEY).ok()??;
        serde_json::from_str(&raw).ok()
    }

    /// Keeps the settings (or, with `None`, forgets them).
    ///
    /// # Errors
    /// When the browser's storage refuses.
    pub fn store(settings: Option<&TeamSettings>) -> Result<(), String> {
        let storage = crate::storage::local_storage().map_err(|e| e.to_string())?;
        let result = match settings {
            Some(s) => storage.set_item(SETTINGS_KEY, &serde_json::to_string(s).unwrap_or_default()),
            None => storage.remove_item(SETTINGS_KEY),
        };
        result.map_err(|e| js_error_text(&e))
    }

    pub fn member(&self) -> TeamMember {
        TeamMember { name: self.name.clone(), editor: self.editor }
    }

    /// The address of the article's team document: the server, the document's name
    /// ([`claimmark_core::model::team_document_name`] of the article id) as the path, and
    /// the token as a query parameter (browsers cannot set a WebSocket's headers).
    fn document_url(&self, article_id: &str) -> Result<String, String> {
        let url = web_sys::Url::new(&format!("{}/", self.server)).map_err(|e| js_error_text(&e))?;
        let path = url.pathname();
        url.set_pathname(&format!("{path}{}", claimmark_core::model::team_document_name(article_id)));
        url.search_params().set("token", &self.token);
        Ok(url.href())
    }
}

/// How the connection stands, for the Team panel.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Link {
    /// The sync module is loading or the socket opening.
    #[default]
    Connecting,
    /// Open, and the team's document has arrived.
    Connected,
    /// Closed; it tries again.
    Offline(String),
    /// The server refused this person: nothing more is tried until the settings change.
    Refused(String),
}

/// What the Team panel shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TeamStatus {
    pub link: Link,
    /// Local changes not yet sent.
    pub waiting: u32,
    /// When the team's document last arrived or took a change, as the browser's local time.
    pub last_synced: Option<String>,
    /// The others on the article: name, and the annotation they look at.
    pub others: Vec<(String, Option<String>)>,
    /// What the team's document held that does not fit, left out.
    pub problems: Vec<String>,
}

fn call(object: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let f: Function = Reflect::get(object, &name.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("the sync module has no '{name}'"))?;
    f.apply(object, &args.iter().collect::<Array>()).map_err(|e| js_error_text(&e))
}

struct Inner {
    settings: TeamSettings,
    article_id: String,
    /// The module's `Team` object.
    team: JsValue,
    socket: Option<WebSocket>,
    /// The newest local copy; written out as the storage format only when it is merged.
    local: Rc<StoreDocument>,
    status: TeamStatus,
    retry_ms: u32,
    retry: Option<Timeout>,
    focus: Option<String>,
    on_remote: Callback<StoreDocument>,
    on_status: Callback<TeamStatus>,
    closed: bool,
    /// The socket's handlers, kept alive as long as it is.
    handlers: Vec<Closure<dyn FnMut(JsValue)>>,
}

/// A live connection of one article to its team document. Dropping it closes the socket.
pub struct Connection {
    inner: Rc<RefCell<Inner>>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        let mut inner = self.inner.borrow_mut();
        inner.closed = true;
        inner.retry = None;
        if let Some(socket) = inner.socket.take() {
            let _ = socket.close();
        }
    }
}

impl Connection {
    /// Loads the sync module and connects `local`'s article to its team document. What the team
    /// brings arrives at `on_remote`; how the connection stands, at `on_status`.
    ///
    /// # Errors
    /// When the module cannot be loaded or the settings give no address.
    pub async fn open(
        settings: TeamSettings,
        local: Rc<StoreDocument>,
        on_remote: Callback<StoreDocument>,
        on_status: Callback<TeamStatus>,
    ) -> Result<Connection, String> {
        let module = crate::modules::load(MODULE)
            .await
            .map_err(|e| format!("the team sync module could not be loaded ({e}); are you offline?"))?;
        let class: Function = Reflect::get(&module, &"Team".into())
            .ok()
            .and_then(|c| c.dyn_into().ok())
            .ok_or("the sync module has no 'Team'")?;
        let team = Reflect::construct(&class, &Array::of1(&local.to_json().into()))
            .map_err(|e| js_error_text(&e))?;
        let article_id = local.article.id.clone();
        let inner = Rc::new(RefCell::new(Inner {
            settings,
            article_id,
            team,
            socket: None,
            local,
            status: TeamStatus::default(),
            retry_ms: RETRY_FIRST_MS,
            retry: None,
            focus: None,
            on_remote,
            on_status,
            closed: false,
            handlers: Vec::new(),
        }));
        connect(&inner);
        Ok(Connection { inner })
    }

    /// The local copy changed: what the team lacks is sent, or counted as waiting while offline.
    pub fn local_changed(&self, doc: Rc<StoreDocument>) {
        let synced = {
            let mut inner = self.inner.borrow_mut();
            inner.local = doc;
            is_synced(&inner)
        };
        if synced {
            merge(&self.inner);
        } else {
            let mut inner = self.inner.borrow_mut();
            inner.status.waiting += 1;
            report(&inner);
        }
    }

    /// Tells the others which annotation this person looks at.
    pub fn set_focus(&self, focus: Option<String>) {
        self.inner.borrow_mut().focus = focus;
        send_presence(&self.inner.borrow());
    }

    /// The browser went offline: the socket is closed at once rather than when it times out, and
    /// the connection tries again when the browser is back online ([`Connection::retry_now`]).
    pub fn went_offline(&self) {
        let socket = self.inner.borrow().socket.clone();
        if let Some(socket) = socket {
            let _ = socket.close_with_code_and_reason(1000, "this browser is offline");
        }
    }

    /// Tries to connect at once (the browser came back online).
    pub fn retry_now(&self) {
        let offline = matches!(self.inner.borrow().status.link, Link::Offline(_));
        if offline {
            self.inner.borrow_mut().retry = None;
            connect(&self.inner);
        }
    }
}

fn is_synced(inner: &Inner) -> bool {
    inner.socket.as_ref().is_some_and(|s| s.ready_state() == WebSocket::OPEN)
        && Reflect::get(&inner.team, &"synced".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

fn report(inner: &Inner) {
    inner.on_status.emit(inner.status.clone());
}

fn send(inner: &Inner, bytes: &JsValue) {
    if let (Some(socket), Some(bytes)) = (&inner.socket, bytes.dyn_ref::<Uint8Array>()) {
        if socket.ready_state() == WebSocket::OPEN {
            let _ = socket.send_with_array_buffer_view(bytes);
        }
    }
}

fn send_presence(inner: &Inner) {
    let focus = inner.focus.clone().map_or(JsValue::UNDEFINED, JsValue::from);
    if let Ok(message) = call(&inner.team, "presence_message", &[inner.settings.name.clone().into(), focus]) {
        send(inner, &message);
    }
}

fn local_time() -> String {
    String::from(js_sys::Date::new_0().to_locale_time_string("default"))
}

/// Merges the team's document and the local copy; sends what the team lacks, hands on what the
/// local copy lacks.
fn merge(cell: &Rc<RefCell<Inner>>) {
    let (remote, on_remote) = {
        let mut inner = cell.borrow_mut();
        let out = match call(&inner.team, "merge", &[inner.local.to_json().into()]) {
            Ok(out) => Array::from(&out),
            Err(e) => {
                inner.status.problems = vec![e];
                report(&inner);
                return;
            }
        };
        let remote = out.get(0).as_string();
        send(&inner, &out.get(1));
        inner.status.problems = out.iter().skip(2).filter_map(|p| p.as_string()).collect();
        if is_synced(&inner) {
            inner.status.waiting = 0;
            inner.status.last_synced = Some(local_time());
        }
        let remote = remote.and_then(|r| StoreDocument::from_stored_json(&r).ok());
        if let Some(remote) = &remote {
            inner.local = Rc::new(remote.clone());
        }
        report(&inner);
        (remote, inner.on_remote.clone())
    };
    // Outside the borrow: the merge is dispatched, renders, and may call back into the connection.
    if let Some(doc) = remote {
        on_remote.emit(doc);
    }
}

fn connect(cell: &Rc<RefCell<Inner>>) {
    let mut inner = cell.borrow_mut();
    if inner.closed {
        return;
    }
    if !gloo::utils::window().navigator().on_line() {
        // No use trying: the `online` event calls `retry_now`.
        inner.status.link =
            Link::Offline("this browser is offline; it connects again when it is back online".into());
        report(&inner);
        return;
    }
    let url = match inner.settings.document_url(&inner.article_id) {
        Ok(url) => url,
        Err(e) => {
            inner.status.link = Link::Refused(format!("the server's address cannot be used: {e}"));
            report(&inner);
            return;
        }
    };
    let socket = match WebSocket::new(&url) {
        Ok(socket) => socket,
        Err(e) => {
            inner.status.link =
                Link::Refused(format!("the server's address cannot be used: {}", js_error_text(&e)));
            report(&inner);
            return;
        }
    };
    socket.set_binary_type(BinaryType::Arraybuffer);
    inner.status.link = Link::Connecting;
    report(&inner);
    let weak = Rc::downgrade(cell);
    let on_open = handler(&weak, |cell, _| {
        let inner = cell.borrow();
        if let Ok(hello) = call(&inner.team, "hello", &[]) {
            send(&inner, &hello);
        }
        send_presence(&inner);
    });
    let on_message = handler(&weak, |cell, event| {
        let Some(data) = event.dyn_ref::<MessageEvent>().map(MessageEvent::data) else { return };
        let bytes = Uint8Array::new(&data);
        let changed = {
            let mut inner = cell.borrow_mut();
            match call(&inner.team, "receive", &[bytes.into()]) {
                Ok(out) => {
                    let out = Array::from(&out);
                    for reply in out.iter().skip(2) {
                        send(&inner, &reply);
                    }
                    if out.get(1).as_bool() == Some(true) {
                        let others =
                            call(&inner.team, "others", &[]).map(|o| Array::from(&o)).unwrap_or_default();
                        inner.status.others = others
                            .iter()
                            .map(|pair| Array::from(&pair))
                            .map(|pair| {
                                (pair.get(0).as_string().unwrap_or_default(), pair.get(1).as_string())
                            })
                            .collect();
                        report(&inner);
                    }
                    if is_synced(&inner) && inner.status.link != Link::Connected {
                        inner.status.link = Link::Connected;
                        inner.retry_ms = RETRY_FIRST_MS;
                        report(&inner);
                    }
                    out.get(0).as_bool() == Some(true)
                }
                Err(e) => {
                    // A message that is not y-sync changes nothing; the connection goes on.
                    inner.status.problems = vec![format!("a message from the server was refused: {e}")];
                    report(&inner);
                    false
                }
            }
        };
        if changed {
            merge(&cell);
        }
    });
    let on_close = handler(&weak, |cell, event| {
        let (code, reason) =
            event.dyn_ref::<CloseEvent>().map(|e| (e.code(), e.reason())).unwrap_or((1006, String::new()));
        let mut inner = cell.borrow_mut();
        // The handlers stay until the next connection replaces them: this one is running.
        inner.socket = None;
        if inner.closed {
            return;
        }
        if code == WRONG_TOKEN {
            inner.status.link =
                Link::Refused("the server refused the token: check it in the Team settings".into());
            report(&inner);
            return;
        }
        let why = if reason.is_empty() { "the server cannot be reached".to_owned() } else { reason };
        let wait = inner.retry_ms;
        inner.status.link = Link::Offline(format!("{why}; trying again in {} s", wait / 1000));
        inner.retry_ms = (wait * 2).min(RETRY_LAST_MS);
        let weak = Rc::downgrade(&cell);
        inner.retry = Some(Timeout::new(wait, move || {
            if let Some(cell) = weak.upgrade() {
                connect(&cell);
            }
        }));
        report(&inner);
    });
    socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    inner.handlers = vec![on_open, on_message, on_close];
    inner.socket = Some(socket);
}

fn handler(
    weak: &Weak<RefCell<Inner>>,
    f: impl Fn(Rc<RefCell<Inner>>, JsValue) + 'static,
) -> Closure<dyn FnMut(JsValue)> {
    let weak = weak.clone();
    Closure::new(move |event: JsValue| {
        if let Some(cell) = weak.upgrade() {
            f(cell, event);
        }
    })
}
