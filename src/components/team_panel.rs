//! The Team panel: the team server's address, the token and the person's name, how the sync
//! stands (connected / offline / changes waiting / last synced), and who else is on the article.

use std::rc::Rc;

use claimmark_core::checklist::ClaimItem;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::TeamHandle;
use crate::team::{Link, TeamSettings};

#[derive(Properties, PartialEq, Clone)]
pub struct TeamPanelProps {
    pub team: TeamHandle,
    /// The article's claims, to name the one another person looks at.
    pub items: Rc<Vec<Rc<ClaimItem>>>,
    pub onclose: Callback<()>,
}

/// How the sync stands, in words (never colour alone).
pub fn status_text(team: &TeamHandle) -> String {
    let Some(settings) = &team.settings else {
        return "Not in a team: your work stays in this browser.".into();
    };
    let status = &team.status;
    let waiting = match status.waiting {
        0 => String::new(),
        1 => " 1 change waiting.".to_owned(),
        n => format!(" {n} changes waiting."),
    };
    let synced = status.last_synced.as_ref().map(|t| format!(" Last synced {t}.")).unwrap_or_default();
    match &status.link {
        Link::Connecting => format!("Connecting to {} as {}…{waiting}", settings.server, settings.name),
        Link::Connected => format!("Connected as {}.{synced}{waiting}", settings.name),
        Link::Offline(why) => format!("Offline: {why}.{waiting}{synced} Your work is saved in this browser."),
        Link::Refused(why) => format!("Not connected: {why}.{waiting}"),
    }
}

fn claim_words(items: &[Rc<ClaimItem>], key: &str) -> Option<String> {
    let item = items.iter().find(|i| i.key == key)?;
    let words: String = item.text.chars().take(40).collect();
    Some(if words.len() < item.text.len() { format!("“{words}…”") } else { format!("“{words}”") })
}

#[component]
pub fn TeamPanel(props: &TeamPanelProps) -> Html {
    let team = &props.team;
    let error = use_state(String::new);
    let (server_ref, token_ref, name_ref, editor_ref) =
        (use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref());
    let current = team.settings.clone();
    let join = {
        let (server_ref, token_ref, name_ref, editor_ref) =
            (server_ref.clone(), token_ref.clone(), name_ref.clone(), editor_ref.clone());
        let (error, set) = (error.clone(), team.set_settings.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| r.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let editor = editor_ref.cast::<HtmlInputElement>().is_some_and(|i| i.checked());
            match TeamSettings::parse(&value(&server_ref), &value(&token_ref), &value(&name_ref), editor) {
                Ok(settings) => {
                    error.set(String::new());
                    set.emit(Some(settings));
                }
                Err(e) => error.set(e),
            }
        })
    };
    let leave = team.set_settings.reform(|_: MouseEvent| None);
    let onkeydown = crate::components::close_on_escape(&props.onclose);
    let close = props.onclose.reform(|_: MouseEvent| ());
    let refused = matches!(team.status.link, Link::Refused(_));
    let others = &team.status.others;
    html! {
        <div class="cm-panel cm-team-panel" role="dialog" aria-modal="false" aria-labelledby="cm-team-title" {onkeydown}>
            <p class="cm-form-title" id="cm-team-title">{ "Team" }</p>
            <p class="cm-team-status" role={if refused { "alert" } else { "status" }}>{ status_text(team) }</p>
            if team.settings.is_some() {
                <section aria-labelledby="cm-team-others">
                    <p class="cm-section-title" id="cm-team-others">{ "Also on this article" }</p>
                    if others.is_empty() {
                        <p class="cm-hint">{ "Nobody else right now." }</p>
                    } else {
                        <ul class="cm-team-others">
                            { for others.iter().map(|(name, focus)| {
                                let looking = focus.as_deref().and_then(|k| claim_words(&props.items, k));
                                html! {
                                    <li>{ name.clone() }
                                        if let Some(words) = looking { { format!(", looking at {words}") } }
                                    </li>
                                }
                            }) }
                        </ul>
                    }
                </section>
            }
            if !team.status.problems.is_empty() {
                <div class="cm-warning" role="note">
                    { "Left out of the team's copy, as it does not fit: " }
                    <ul class="cm-problems">{ for team.status.problems.iter().map(|p| html! { <li>{ p.clone() }</li> }) }</ul>
                </div>
            }
            <form class="cm-team-form" onsubmit={join} novalidate=true>
                <div class="cm-field">
                    <label for="cm-team-server">{ "Server" }</label>
                    <input id="cm-team-server" ref={server_ref} type="url" inputmode="url" placeholder="wss://sync.example.org"
                        value={current.as_ref().map(|s| s.server.clone()).unwrap_or_default()} />
                </div>
                <div class="cm-field">
                    <label for="cm-team-token">{ "Token" }</label>
                    <input id="cm-team-token" ref={token_ref} type="password" autocomplete="off"
                        value={current.as_ref().map(|s| s.token.clone()).unwrap_or_default()} />
                </div>
                <div class="cm-field">
                    <label for="cm-team-name">{ "Your name" }</label>
                    <input id="cm-team-name" ref={name_ref} type="text" autocomplete="name"
                        value={current.as_ref().map(|s| s.name.clone()).unwrap_or_default()} />
                </div>
                <div class="cm-field cm-checkbox">
                    <input id="cm-team-editor" ref={editor_ref} type="checkbox"
                        checked={current.as_ref().is_some_and(|s| s.editor)} />
                    <label for="cm-team-editor">{ "I am the editor: my verdicts are the final ones" }</label>
                </div>
                if !error.is_empty() {
                    <p class="cm-error" role="alert">{ (*error).clone() }</p>
                }
                <div class="cm-form-actions">
                    <button type="submit" class="cm-button cm-primary">
                        { if current.is_some() { "Save and reconnect" } else { "Join team" } }
                    </button>
                    if current.is_some() {
                        <button type="button" class="cm-button" onclick={leave}>{ "Leave team" }</button>
                    }
                    <button type="button" class="cm-button" onclick={close}>{ "Close" }</button>
                </div>
            </form>
            <p class="cm-hint">{ "Your work is always saved in this browser too. The token is kept in this browser's storage." }</p>
        </div>
    }
}
