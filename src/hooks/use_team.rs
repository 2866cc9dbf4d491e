//! Team sync for the workspace's article, when a team is set up (see [`crate::team`]).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::state::{Action, StateHandle};
use crate::team::{Connection, Link, TeamSettings, TeamStatus};

/// The Team panel's view of the sync: the settings, how the connection stands, and a callback that
/// changes the settings (`None` leaves the team).
#[derive(Clone, PartialEq)]
pub struct TeamHandle {
    pub settings: Option<TeamSettings>,
    pub status: TeamStatus,
    pub set_settings: Callback<Option<TeamSettings>>,
}

/// Connects the article to its team document while a team is set up; merges in what the team
/// brings and sends what the local copy has. A read-only instance only listens.
#[hook]
pub fn use_team(state: &StateHandle) -> TeamHandle {
    let settings = use_state(TeamSettings::load);
    let status = use_state(TeamStatus::default);
    let connection: Rc<RefCell<Option<Connection>>> = use_mut_ref(|| None);
    {
        let (connection, status, dispatcher) = (connection.clone(), status.clone(), state.dispatcher());
        let doc = state.session.doc.clone();
        use_effect_with((*settings).clone(), move |settings| {
            *connection.borrow_mut() = None;
            dispatcher.dispatch(Action::Team(settings.as_ref().map(TeamSettings::member)));
            let alive = Rc::new(std::cell::Cell::new(true));
            if let Some(settings) = settings.clone() {
                status.set(TeamStatus::default());
                let (connection, alive) = (connection.clone(), alive.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let on_remote = {
                        let dispatcher = dispatcher.clone();
                        Callback::from(move |doc| dispatcher.dispatch(Action::Merge(doc)))
                    };
                    let on_status = {
                        let status = status.clone();
                        Callback::from(move |s: TeamStatus| status.set(s))
                    };
                    match Connection::open(settings, doc, on_remote, on_status).await {
                        Ok(opened) if alive.get() => *connection.borrow_mut() = Some(opened),
                        Ok(_) => {}
                        Err(e) => status.set(TeamStatus { link: Link::Refused(e), ..TeamStatus::default() }),
                    }
                });
            }
            move || alive.set(false)
        });
    }
    {
        let connection = connection.clone();
        let doc = state.session.doc.clone();
        use_effect_with(state.session.revision, move |revision| {
            if let (Some(c), true) = (connection.borrow().as_ref(), *revision > 0) {
                c.local_changed(doc.clone());
            }
        });
    }
    {
        let connection = connection.clone();
        // The selected claim's key: every copy of the article gives the same claims the same keys.
        let focus = state.session.selected.as_ref().map(ToString::to_string);
        use_effect_with(focus, move |focus| {
            if let Some(c) = connection.borrow().as_ref() {
                c.set_focus(focus.clone());
            }
        });
    }
    {
        let connection = connection.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let offline = {
                let connection = connection.clone();
                EventListener::new(&window, "offline", move |_| {
                    if let Some(c) = connection.borrow().as_ref() {
                        c.went_offline();
                    }
                })
            };
            let online = EventListener::new(&window, "online", move |_| {
                if let Some(c) = connection.borrow().as_ref() {
                    c.retry_now();
                }
            });
            move || drop((offline, online))
        });
    }
    let set_settings = {
        let settings = settings.clone();
        Callback::from(move |next: Option<TeamSettings>| {
            if TeamSettings::store(next.as_ref()).is_ok() {
                settings.set(next);
            }
        })
    };
    TeamHandle { settings: (*settings).clone(), status: (*status).clone(), set_settings }
}
