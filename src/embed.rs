//! Embedding on publisher pages: the `window.claimmark` JS API and auto-mounting.
//!
//! `claimmark.mount(elementOrSelector, options)` mounts one independent instance and returns a
//! handle (`destroy`, `export`, `import`, `on`, `ready`). Every `[data-claimmark]` element and
//! every `<claim-mark>` element is mounted when the page is ready, with options from `data-*`
//! attributes or a `<script type="application/json" class="claimmark-config">` child.
//!
//! The widget's own UI (workbar, sidebar, panels) lives in an open Shadow DOM inside a frame
//! element claimmark adds, so host CSS and the widget's CSS never meet. In in-place mode the
//! highlights live in the host's text ([`crate::inplace`]); `destroy()` removes the frame and the
//! highlights, which leaves the host's DOM as it was. `window.claimmark` is the only global.

use std::cell::RefCell;
use std::rc::Rc;

use claimmark_core::article::Article;
use claimmark_core::export::import::{preview, ImportFile};
use claimmark_core::export::ExportFormat;
use claimmark_core::store::{merge, ArticleInfo, StoreDocument};
use js_sys::{Function, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::components::workspace::{Init, Workspace};
use crate::inplace::{HostArticle, HIGHLIGHT_CSS};
use crate::item_key::ItemKey;
use crate::state::Shared;
use crate::state::{Action, Mode, State, StateHandle};
use crate::storage::Slot;

mod options;
pub use options::{given_for, options_for, GivenOptions, Options};

/// The widget's stylesheet, adapted to live in a shadow root.
const WIDGET_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/claimmark.min.css"));

/// Host-side reset of the frame and the shadow root's own defaults.
const SHADOW_CSS: &str = ":host{all:initial;display:block;contain:content}\
.cm-embedded{--cm-paper:#fff;border:1px solid #dcd8cf;border-radius:6px;overflow:hidden}\
.cm-embedded .cm-columns-single{grid-template-columns:minmax(0,1fr);padding:1rem}\
.cm-inplace-new{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;padding:.75rem;\
border:2px solid var(--cm-focus);border-radius:6px;background:var(--cm-panel)}\
.cm-inplace-words{flex-basis:100%;margin:0;font-family:var(--cm-serif)}";

/// The detail of a `change` event (`ChangeDetail` in claimmark.d.ts).
#[derive(Serialize)]
pub struct ChangeDetail {
    pub revision: u64,
    pub annotations: usize,
}

/// The detail of a `select` event (`SelectDetail` in claimmark.d.ts).
#[derive(Serialize)]
pub struct SelectDetail<'a> {
    pub key: &'a str,
    pub kind: &'a str,
    pub text: &'a str,
    pub verdict: &'a str,
}

/// What `handle.import()` resolves to (`ImportSummary` in claimmark.d.ts).
#[derive(Serialize)]
pub struct ImportSummary<'a> {
    pub format: &'a str,
    pub new: usize,
    pub updated: usize,
}

/// A payload as a plain JS object. It crosses as JSON: `serde_json` is in the bundle for storage
/// anyway, and `serde-wasm-bindgen` is not (see [`options`]).
fn to_js(value: &impl Serialize) -> JsValue {
    // Strings and numbers only, which serde_json always writes and JSON.parse always reads.
    let json = serde_json::to_string(value).unwrap_or_default();
    js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL)
}

/// Where the embedding API reports to: the newest state, and the page's listeners.
#[derive(Clone, Default)]
pub struct Bridge(Rc<RefCell<BridgeInner>>);

#[derive(Default)]
struct BridgeInner {
    state: Option<StateHandle>,
    listeners: Vec<(u32, String, Function)>,
    next_id: u32,
    resolve_ready: Option<Function>,
    reject_ready: Option<Function>,
}

impl PartialEq for Bridge {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Bridge {
    /// Called after every workspace render with its state.
    pub fn update(&self, state: &StateHandle) {
        let resolve = {
            let mut inner = self.0.borrow_mut();
            inner.state = Some(state.clone());
            inner.reject_ready = None;
            inner.resolve_ready.take()
        };
        if let Some(resolve) = resolve {
            let _ = resolve.call0(&JsValue::NULL);
        }
    }

    /// A callback that hands what it hears to `f` with this bridge.
    fn reform<T: 'static>(&self, f: impl Fn(&Bridge, T) + 'static) -> Callback<T> {
        let bridge = self.clone();
        Callback::from(move |value| f(&bridge, value))
    }

    /// The instance could not start: `ready` rejects with the reason.
    pub fn failed(&self, message: &str) {
        let reject = {
            let mut inner = self.0.borrow_mut();
            inner.resolve_ready = None;
            inner.reject_ready.take()
        };
        if let Some(reject) = reject {
            let _ = reject.call1(&JsValue::NULL, &error(message));
        }
    }

    fn state(&self) -> Option<StateHandle> {
        self.0.borrow().state.clone()
    }

    /// The current document, to carry over when the host article changes.
    pub fn doc(&self) -> Option<StoreDocument> {
        self.state().map(|s| (*s.session.doc).clone())
    }

    fn emit(&self, event: &str, detail: &JsValue) {
        let listeners: Vec<Function> = self
            .0
            .borrow()
            .listeners
            .iter()
            .filter(|(_, e, _)| e == event)
            .map(|(_, _, f)| f.clone())
            .collect();
        for listener in listeners {
            // A throwing listener must not stop the others, nor the widget.
            if let Err(e) = listener.call1(&JsValue::NULL, detail) {
                web_sys::console::error_2(&"claimmark: an event listener threw".into(), &e);
            }
        }
    }

    /// The document changed.
    pub fn changed(&self, revision: u64) {
        let Some(state) = self.state() else { return };
        let detail = ChangeDetail { revision, annotations: state.session.doc.annotations.len() };
        self.emit("change", &to_js(&detail));
    }

    /// The selected claim changed.
    pub fn selected(&self, key: Option<&ItemKey>) {
        let Some(state) = self.state() else { return };
        let detail = match key.and_then(|k| state.session.item(k)) {
            Some(item) => to_js(&SelectDetail {
                key: item.key.as_str(),
                kind: item.kind.as_str(),
                text: &item.text,
                verdict: item.verdict.as_str(),
            }),
            None => JsValue::NULL,
        };
        self.emit("select", &detail);
    }
}

/// Detects claims, reads storage (except in read-only mode) and merges in `incoming` (the
/// annotations file) and `current` (what this instance had before the host article changed).
pub fn prepare(
    article: Article,
    options: &Options,
    incoming: Option<&ImportFile>,
    current: Option<StoreDocument>,
) -> Result<Init, String> {
    let article = Shared(Rc::new(article));
    let body = &article.0.body;
    let mut claims = claimmark_core::detect::detect(body);
    if let Some(kinds) = &options.kinds {
        claims.retain(|c| kinds.contains(&c.kind));
    }
    let slot = Slot::new(&options.namespace(), &article.0.id);
    let fresh = || StoreDocument::new(ArticleInfo::new(&article.0.id, &article.0.title, body));
    let (mut doc, status) = if options.mode == Mode::ReadOnly {
        (fresh(), Default::default())
    } else {
        let loaded = slot.load();
        (loaded.doc.unwrap_or_else(fresh), loaded.status)
    };
    if let Some(file) = incoming {
        doc = merge(&doc, &preview(&doc, file, body).incoming);
    }
    if let Some(current) = current {
        doc = merge(&doc, &current);
    }
    let state = State::new(article, claims, doc, status, options.mode);
    Ok(Init { state: Rc::new(state), slot })
}

#[derive(Properties, Clone)]
pub struct EmbeddedProps {
    pub options: Rc<Options>,
    pub bridge: Bridge,
    #[prop_or_default]
    pub host: Option<HostArticle>,
}

impl PartialEq for EmbeddedProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.options, &other.options) && self.bridge == other.bridge && self.host == other.host
    }
}

#[derive(Clone, PartialEq)]
enum Loading {
    Pending,
    Failed(String),
    Ready(u32, Init),
}

async fn load(
    options: Rc<Options>,
    host: Option<HostArticle>,
    current: Option<StoreDocument>,
) -> Result<Init, String> {
    let mut article = match (&host, &options.article_text, &options.article_url) {
        (Some(host), _, _) => host.article(options.title.as_deref()),
        (None, Some(text), _) => Article::parse(text).map_err(|e| format!("the article text: {e}"))?,
        (None, None, Some(url)) => {
            let bytes = crate::loader::fetch_bytes(url).await?;
            Article::from_bytes(&bytes).map_err(|e| format!("could not read '{url}' as an article: {e}"))?
        }
        (None, None, None) => return Err("no article: give articleText or articleUrl".to_owned()),
    };
    if let Some(id) = &options.article_id {
        article.id.clone_from(id);
    }
    if let Some(title) = &options.title {
        article.title.clone_from(title);
    }
    let incoming = match &options.annotations {
        Some(url) => {
            let bytes = crate::loader::fetch_bytes(url).await?;
            let file = crate::io::read(&bytes)
                .await
                .map_err(|e| format!("the annotations file could not be read: {}", e.message))?;
            Some(file)
        }
        None => None,
    };
    prepare(article, &options, incoming.as_ref(), current)
}

/// One embedded instance: loads its article, then shows the workspace (without the article view
/// in in-place mode).
#[component]
pub fn Embedded(props: &EmbeddedProps) -> Html {
    let loading = use_state(|| Loading::Pending);
    let generation = use_mut_ref(|| 0u32);
    {
        let (loading, options, host, generation) =
            (loading.clone(), props.options.clone(), props.host.clone(), generation.clone());
        let bridge = props.bridge.clone();
        use_effect_with((), move |_| {
            let start = {
                let (loading, options, host, bridge) =
                    (loading.clone(), options.clone(), host.clone(), bridge.clone());
                Rc::new(move |current: Option<StoreDocument>| {
                    let (loading, options, host, generation, bridge) =
                        (loading.clone(), options.clone(), host.clone(), generation.clone(), bridge.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = load(options, host, current).await;
                        if let Err(message) = &result {
                            bridge.failed(message);
                        }
                        let mut g = generation.borrow_mut();
                        *g += 1;
                        loading.set(match result {
                            Ok(init) => Loading::Ready(*g, init),
                            Err(message) => Loading::Failed(message),
                        });
                    });
                })
            };
            if let Some(host) = &host {
                // The host's text changed: build the article again, keeping this instance's work.
                let (start, bridge) = (start.clone(), bridge.clone());
                host.set_ontextchange(Callback::from(move |_| start(bridge.doc())));
            }
            start(None);
        });
    }
    let content = match &*loading {
        Loading::Pending => html! { <p class="cm-status" role="status">{ "Loading the fact-check…" }</p> },
        Loading::Failed(message) => html! {
            <div class="cm-error" role="alert">
                <p><strong>{ "claimmark could not start. " }</strong>{ message.clone() }</p>
            </div>
        },
        Loading::Ready(generation, init) => {
            let bridge = &props.bridge;
            let onstate = Some(bridge.reform(|b, state: StateHandle| b.update(&state)));
            let onchange = Some(bridge.reform(|b, revision| b.changed(revision)));
            let onselect = Some(bridge.reform(|b, key: Option<ItemKey>| b.selected(key.as_ref())));
            html! {
                <Workspace key={*generation} init={init.clone()} host={props.host.clone()} embedded=true
                    {onstate} {onchange} {onselect} />
            }
        }
    };
    html! { <div class="cm-app cm-embedded-app">{ content }</div> }
}

/// A mounted instance.
struct Instance {
    element: Element,
    frame: Element,
    app: RefCell<Option<yew::AppHandle<Embedded>>>,
    host: Option<HostArticle>,
    bridge: Bridge,
    options: Rc<Options>,
    ready: js_sys::Promise,
}

thread_local! {
    static INSTANCES: RefCell<Vec<Rc<Instance>>> = const { RefCell::new(Vec::new()) };
}

const HIGHLIGHT_STYLE_ID: &str = "claimmark-highlight-style";

impl Instance {
    fn destroy(&self) {
        if let Some(app) = self.app.borrow_mut().take() {
            app.destroy();
        }
        if let Some(host) = &self.host {
            host.teardown();
        }
        self.frame.remove();
        let left = INSTANCES.with(|list| {
            let mut list = list.borrow_mut();
            list.retain(|i| i.frame != self.frame);
            list.iter().filter(|i| i.host.is_some()).count()
        });
        if left == 0 {
            if let Some(style) = gloo::utils::document().get_element_by_id(HIGHLIGHT_STYLE_ID) {
                style.remove();
            }
        }
    }

    /// Resolves to the export's text.
    async fn export(&self, format: String) -> Result<String, String> {
        let format =
            ExportFormat::parse(if format.is_empty() { "backup" } else { &format }).ok_or_else(|| {
                format!("export: '{format}' is not one of annotations, claimreview, csv, backup")
            })?;
        let state = self.bridge.state().ok_or("export: the widget has not finished loading")?;
        let details = crate::io::article_details(&state.article.0);
        let organisation = self.options.organisation.clone().unwrap_or_default();
        let exported = crate::io::export(&state.session.doc, &details, format, &organisation)
            .await
            .map_err(|e| format!("export: {e}"))?;
        Ok(exported.text)
    }

    /// Resolves to a summary of what was imported.
    async fn import(&self, data: JsValue) -> Result<JsValue, String> {
        if !self.options.mode.can_edit() {
            return Err("import: this instance is read-only".to_owned());
        }
        let text = match data.as_string() {
            Some(text) => text,
            None => js_sys::JSON::stringify(&data)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or("import: give a JSON string or object")?,
        };
        self.bridge.state().ok_or("import: the widget has not finished loading")?;
        // A bad file is refused whole, as in the Import dialog.
        let file = crate::io::read(text.as_bytes()).await.map_err(|e| format!("import: {}", e.message))?;
        // The document as it is now, after the wait for the module.
        let state = self.bridge.state().ok_or("import: the widget was destroyed")?;
        let preview = preview(&state.session.doc, &file, state.body());
        let summary = to_js(&ImportSummary {
            format: preview.format.label(),
            new: preview.report.new.len(),
            updated: preview.report.updated.len(),
        });
        state.dispatch(Action::Merge(preview.incoming));
        Ok(summary)
    }
}

fn error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&format!("claimmark: {message}")).into()
}

fn resolve_element(target: &JsValue) -> Result<Element, JsValue> {
    if let Some(element) = target.dyn_ref::<Element>() {
        return Ok(element.clone());
    }
    let selector = target.as_string().ok_or_else(|| error("mount: give an element or a CSS selector"))?;
    gloo::utils::document()
        .query_selector(&selector)
        .map_err(|_| error(format!("mount: '{selector}' is not a valid selector")))?
        .ok_or_else(|| error(format!("mount: nothing matches '{selector}'")))
}

fn ensure_highlight_style() {
    let document = gloo::utils::document();
    if document.get_element_by_id(HIGHLIGHT_STYLE_ID).is_some() {
        return;
    }
    if let Ok(style) = document.create_element("style") {
        style.set_id(HIGHLIGHT_STYLE_ID);
        style.set_text_content(Some(HIGHLIGHT_CSS));
        if let Some(head) = document.head() {
            let _ = head.append_child(&style);
        }
    }
}

/// Mounts one instance on `element`.
fn mount(element: Element, js_options: &JsValue) -> Result<Rc<Instance>, JsValue> {
    if let Some(existing) = INSTANCES.with(|l| l.borrow().iter().find(|i| i.element == element).cloned()) {
        return Ok(existing);
    }
    let given = given_for(&element, js_options).map_err(error)?;
    // The `storage` option (JS only): a host object with the `Storage` methods, used instead of
    // localStorage (the browser extension's, backed by chrome.storage.local).
    if let Some(storage) = given.storage() {
        crate::storage::set_host_storage(storage.clone());
    }
    let sidebar = given.sidebar();
    let options = Rc::new(Options::from_given(given).map_err(error)?);
    let document = gloo::utils::document();
    let frame = document.create_element("div").map_err(|_| error("mount: cannot create elements"))?;
    let _ = frame.set_attribute("data-claimmark-frame", "");
    let shadow = frame
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .map_err(|_| error("mount: this browser has no Shadow DOM"))?;
    let style = document.create_element("style").map_err(|_| error("mount: cannot create elements"))?;
    style.set_text_content(Some(&format!("{}\n{SHADOW_CSS}", WIDGET_CSS.replace(":root", ":host"))));
    let root = document.create_element("div").map_err(|_| error("mount: cannot create elements"))?;
    root.set_class_name("cm-root cm-embedded");
    let _ = root.set_attribute("data-mode", options.mode.as_str());
    let _ = shadow.append_child(&style);
    let _ = shadow.append_child(&root);

    let host = if options.in_place() {
        ensure_highlight_style();
        let sidebar = match sidebar {
            Some(target) => Some(resolve_element(&target)?),
            None => None,
        };
        match sidebar {
            Some(container) => {
                let _ = container.append_child(&frame);
            }
            None => {
                let _ = element.after_with_node_1(&frame);
            }
        }
        Some(HostArticle::new(element.clone(), &options.paragraphs))
    } else {
        let _ = element.append_child(&frame);
        None
    };

    let bridge = Bridge::default();
    let ready = {
        let bridge = bridge.clone();
        js_sys::Promise::new(&mut |resolve, reject| {
            let mut inner = bridge.0.borrow_mut();
            inner.resolve_ready = Some(resolve);
            inner.reject_ready = Some(reject);
        })
    };
    let props = EmbeddedProps { options: options.clone(), bridge: bridge.clone(), host: host.clone() };
    let app = yew::Renderer::<Embedded>::with_root_and_props(root, props).render();
    let instance =
        Rc::new(Instance { element, frame, app: RefCell::new(Some(app)), host, bridge, options, ready });
    INSTANCES.with(|l| l.borrow_mut().push(instance.clone()));
    Ok(instance)
}

fn set(object: &Object, name: &str, value: &JsValue) {
    let _ = Reflect::set(object, &name.into(), value);
}

/// The JS handle of an instance.
fn handle(instance: Rc<Instance>) -> JsValue {
    let object = Object::new();
    set(&object, "element", &instance.element);
    set(&object, "mode", &instance.options.mode.as_str().into());
    set(&object, "ready", &instance.ready);
    let i = instance.clone();
    let destroy = Closure::<dyn Fn()>::new(move || i.destroy());
    set(&object, "destroy", &destroy.into_js_value());
    let i = instance.clone();
    let export = Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(move |format: JsValue| {
        let i = i.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            i.export(format.as_string().unwrap_or_default()).await.map(JsValue::from).map_err(error)
        })
    });
    set(&object, "export", &export.into_js_value());
    let i = instance.clone();
    let import = Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(move |data: JsValue| {
        let i = i.clone();
        wasm_bindgen_futures::future_to_promise(async move { i.import(data).await.map_err(error) })
    });
    set(&object, "import", &import.into_js_value());
    let bridge = instance.bridge.clone();
    let on = Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
        move |event: JsValue, callback: JsValue| {
            let event = event.as_string().unwrap_or_default();
            if event != "change" && event != "select" {
                return Err(error(format!("on: '{event}' is not one of change, select")));
            }
            let callback: Function = callback.dyn_into().map_err(|_| error("on: give a function"))?;
            let id = {
                let mut inner = bridge.0.borrow_mut();
                inner.next_id += 1;
                let id = inner.next_id;
                inner.listeners.push((id, event, callback));
                id
            };
            let bridge = bridge.clone();
            let off = Closure::<dyn Fn()>::new(move || {
                bridge.0.borrow_mut().listeners.retain(|(i, _, _)| *i != id)
            });
            Ok(off.into_js_value())
        },
    );
    set(&object, "on", &on.into_js_value());
    object.into()
}

/// Mounts every `[data-claimmark]` and `<claim-mark>` element under `document` not yet mounted.
/// Returns the handles.
pub fn mount_all() -> js_sys::Array {
    let handles = js_sys::Array::new();
    let Ok(list) = gloo::utils::document().query_selector_all("[data-claimmark], claim-mark") else {
        return handles;
    };
    for i in 0..list.length() {
        let Some(element) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        match mount(element, &JsValue::UNDEFINED) {
            Ok(instance) => {
                handles.push(&handle(instance));
            }
            Err(e) => web_sys::console::error_1(&e),
        }
    }
    handles
}

/// Installs `window.claimmark` and mounts the page's marked elements once the DOM is ready.
pub fn install() {
    let window = gloo::utils::window();
    if Reflect::has(&window, &"claimmark".into()).unwrap_or(false) {
        return;
    }
    let api = Object::new();
    let mount_fn = Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
        |target: JsValue, options: JsValue| {
            let element = resolve_element(&target)?;
            mount(element, &options).map(handle)
        },
    );
    set(&api, "mount", &mount_fn.into_js_value());
    let all = Closure::<dyn Fn() -> js_sys::Array>::new(mount_all);
    set(&api, "mountAll", &all.into_js_value());
    let instances = Closure::<dyn Fn() -> js_sys::Array>::new(|| {
        INSTANCES.with(|l| l.borrow().iter().map(|i| handle(i.clone())).collect())
    });
    set(&api, "instances", &instances.into_js_value());
    set(&api, "version", &env!("CARGO_PKG_VERSION").into());
    let _ = Reflect::set(&window, &"claimmark".into(), &api);

    let document = gloo::utils::document();
    let announce = || {
        let handles = mount_all();
        let document = gloo::utils::document();
        if let Ok(event) = web_sys::CustomEvent::new("claimmark:ready") {
            let _ = document.dispatch_event(&event);
        }
        handles
    };
    if document.ready_state() == "loading" {
        let listener = gloo::events::EventListener::once(&document, "DOMContentLoaded", move |_| {
            announce();
        });
        listener.forget();
    } else {
        announce();
    }
}
