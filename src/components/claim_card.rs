//! One claim in the sidebar: its words, kind and value, and, when open, its verdict, sources,
//! note and actions.

use std::rc::Rc;

use claimmark_core::checklist::ClaimItem;
use claimmark_core::model::{Annotation, ClaimKind, Origin, SourceId, Verdict};
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::source_form::SourceForm;
use crate::item_key::ItemKey;
use crate::state::{Action, SelectFrom, SourceDraft, State, TeamMember};

#[derive(Properties, PartialEq, Clone)]
pub struct ClaimCardProps {
    /// Unique prefix for element ids.
    pub id: String,
    pub item: Rc<ClaimItem>,
    pub annotation: Option<Annotation>,
    pub open: bool,
    pub editable: bool,
    pub dispatch: UseReducerDispatcher<State>,
    /// Who this person is, when the article syncs with a team.
    #[prop_or_default]
    pub team: Option<TeamMember>,
}

/// A symbol per kind, so that kinds differ by more than colour.
pub fn kind_icon(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Money => "$",
        ClaimKind::Percent => "%",
        ClaimKind::Date => "◷",
        ClaimKind::Quote => "❝",
        ClaimKind::Trend => "↗",
        ClaimKind::Other => "•",
    }
}

/// A symbol per verdict, for the same reason.
pub fn verdict_icon(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::True => "✓",
        Verdict::MostlyTrue => "✓",
        Verdict::HalfTrue => "½",
        Verdict::Misleading => "!",
        Verdict::False => "✗",
        Verdict::Unverifiable => "?",
        Verdict::Unrated => "○",
    }
}

fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut short: String = text.chars().take(max - 1).collect();
    short.push('…');
    short
}

/// Each team member's verdict on the claim, and whether they disagree; for a member who is not the
/// editor, also the final verdict.
fn team_verdicts(item: &ClaimItem, me: Option<&TeamMember>) -> Html {
    if item.team.is_empty() && me.is_none() {
        return html! {};
    }
    let final_line = match me {
        Some(me) if !me.editor => Some(if item.verdict.is_rated() {
            format!(
                "Final verdict (the one exported): {} {}",
                verdict_icon(item.verdict),
                item.verdict.label()
            )
        } else {
            "No final verdict yet: the editor sets it.".to_owned()
        }),
        _ => None,
    };
    html! {
        <div class="cm-team-verdicts">
            if let Some(line) = final_line {
                <p class="cm-card-line">{ line }</p>
            }
            if item.team.disagree() {
                <p class="cm-warning" role="note">
                    <span aria-hidden="true">{ "⚠ " }</span><strong>{ "The team disagrees. " }</strong>
                    { "The editor's final verdict is the one exported." }
                </p>
            }
            if !item.team.is_empty() {
                <p class="cm-section-title">{ "Team verdicts" }</p>
                <ul class="cm-team-verdict-list">
                    { for item.team.people().iter().map(|p| html! {
                        <li>{ format!("{}: {} {}", p.by, verdict_icon(p.verdict), p.verdict.label()) }</li>
                    }) }
                </ul>
            }
        </div>
    }
}

#[component]
pub fn ClaimCard(props: &ClaimCardProps) -> Html {
    let item = &props.item;
    let form = use_state(|| None::<SourceDraft>);
    let add_ref = use_node_ref();
    let form_was_open = use_mut_ref(|| false);
    {
        // When the source form closes, put focus back on "Add source" so keyboard users stay here.
        let (add_ref, form_was_open) = (add_ref.clone(), form_was_open.clone());
        use_effect_with(form.is_some(), move |open| {
            if !*open && *form_was_open.borrow() {
                if let Some(button) = add_ref.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
            *form_was_open.borrow_mut() = *open;
        });
    }
    let key = match ItemKey::of(item) {
        Ok(key) => key,
        Err(error) => {
            return html! { <li class="cm-card-item cm-error" role="alert">{ error.to_string() }</li> }
        }
    };
    let dispatch = props.dispatch.clone();
    let id = |name: &str| format!("{}-{name}", props.id);

    let toggle = {
        let (dispatch, key, open) = (dispatch.clone(), key.clone(), props.open);
        Callback::from(move |_: MouseEvent| {
            let next = if open { None } else { Some(key.clone()) };
            dispatch.dispatch(Action::Select(next, SelectFrom::List));
        })
    };

    let meta = {
        let mut parts = Vec::new();
        if let Some(value) = &item.value_label {
            parts.push(value.clone());
        }
        if item.is_rated() {
            parts.push(format!("{} {}", verdict_icon(item.verdict), item.verdict.label()));
        }
        if item.source_count > 0 {
            parts.push(format!(
                "{} source{}",
                item.source_count,
                if item.source_count == 1 { "" } else { "s" }
            ));
        }
        if item.is_orphan() {
            parts.push("orphaned".to_owned());
        }
        if item.dismissed {
            parts.push("dismissed".to_owned());
        }
        if item.team.disagree() {
            parts.push("the team disagrees".to_owned());
        }
        parts.join(" · ")
    };

    let body = if props.open {
        let on_verdict = {
            let (dispatch, key) = (dispatch.clone(), key.clone());
            Callback::from(move |e: Event| {
                if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                    let verdict = Verdict::parse(&select.value()).unwrap_or(Verdict::Unrated);
                    dispatch.dispatch(Action::SetVerdict(key.clone(), verdict));
                }
            })
        };
        let on_note = {
            let (dispatch, key) = (dispatch.clone(), key.clone());
            Callback::from(move |e: InputEvent| {
                if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
                    dispatch.dispatch(Action::SetNote(key.clone(), area.value()));
                }
            })
        };
        let on_note_blur = {
            let dispatch = dispatch.clone();
            Callback::from(move |_: FocusEvent| dispatch.dispatch(Action::CommitNote))
        };
        // In a team, a member's select is their own verdict; the editor's is the final one.
        let (verdict_label, shown_verdict) = match &props.team {
            Some(me) if !me.editor => {
                ("Your verdict", item.team.of(&me.name).map_or(Verdict::Unrated, |p| p.verdict))
            }
            Some(_) => ("Final verdict", item.verdict),
            None => ("Verdict", item.verdict),
        };
        let sources = props.annotation.as_ref().map(|a| a.sources.clone()).unwrap_or_default();
        let note = props.annotation.as_ref().map(|a| a.note.clone()).unwrap_or_default();
        let add_source = {
            let form = form.clone();
            Callback::from(move |_: MouseEvent| form.set(Some(SourceDraft::default())))
        };
        let on_save = {
            let (dispatch, key, form) = (dispatch.clone(), key.clone(), form.clone());
            Callback::from(move |draft: SourceDraft| {
                dispatch.dispatch(Action::SaveSource(key.clone(), draft));
                form.set(None);
            })
        };
        let on_cancel = {
            let form = form.clone();
            Callback::from(move |_| form.set(None))
        };
        let dismiss_or_restore = {
            let (dispatch, key, dismissed) = (dispatch.clone(), key.clone(), item.dismissed);
            Callback::from(move |_: MouseEvent| {
                dispatch.dispatch(if dismissed {
                    Action::Restore(key.clone())
                } else {
                    Action::Dismiss(key.clone())
                })
            })
        };
        let delete = {
            let (dispatch, key) = (dispatch.clone(), key.clone());
            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Delete(key.clone())))
        };
        html! {
            <div class="cm-card-body" id={id("body")}>
                if let Some(speaker) = &item.speaker {
                    <p class="cm-card-line"><span class="cm-label">{ "Speaker" }</span>{ speaker.clone() }</p>
                }
                if let Some(warning) = &item.warning {
                    <p class="cm-warning" role="note">
                        <span aria-hidden="true">{ "⚠ " }</span><strong>{ "The figures do not match the stated rate. " }</strong>
                        { warning.clone() }
                    </p>
                }
                if let Some(check) = &item.check {
                    <p class="cm-check"><span aria-hidden="true">{ "✓ " }</span>{ "Figures consistent: " }{ check.clone() }</p>
                }
                if item.is_orphan() {
                    <p class="cm-warning" role="note">
                        { "This claim's words are no longer in the article. It is kept here. Select the words it belongs to now, then choose “Re-attach … here” next to the selection." }
                    </p>
                }
                if item.fuzzy {
                    <p class="cm-hint">{ "Found again after the article changed; check that it still marks the right words." }</p>
                }
                <div class="cm-field cm-verdict-field">
                    <label for={id("verdict")}>{ verdict_label }</label>
                    <select id={id("verdict")} onchange={on_verdict} disabled={!props.editable}>
                        { for Verdict::ALL.iter().map(|v| html! {
                            <option value={v.as_str()} selected={*v == shown_verdict}>{ v.label() }</option>
                        }) }
                    </select>
                </div>
                { team_verdicts(item, props.team.as_ref()) }
                <section class="cm-sources" aria-labelledby={id("sources")}>
                    <p class="cm-section-title" id={id("sources")}>{ format!("Sources ({})", sources.len()) }</p>
                    if !sources.is_empty() {
                        <ul class="cm-source-list">
                            { for sources.iter().map(|source| {
                                let name = if source.title.is_empty() { source.url.as_str().to_owned() } else { source.title.clone() };
                                let edit = {
                                    let (form, draft) = (form.clone(), SourceDraft::from_source(source));
                                    Callback::from(move |_: MouseEvent| form.set(Some(draft.clone())))
                                };
                                let remove = {
                                    let (dispatch, key, sid): (_, _, SourceId) = (dispatch.clone(), key.clone(), source.id.clone());
                                    Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::RemoveSource(key.clone(), sid.clone())))
                                };
                                html! {
                                    <li class="cm-source" key={source.id.as_str().to_owned()}>
                                        <a href={source.url.as_str().to_owned()} target="_blank" rel="noopener noreferrer nofollow">{ name.clone() }</a>
                                        <span class="cm-source-meta">
                                            { [source.publisher.clone(), source.accessed.map(|d| format!("accessed {d}")).unwrap_or_default()]
                                                .into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ") }
                                        </span>
                                        if !source.excerpt.is_empty() {
                                            <blockquote class="cm-excerpt">{ source.excerpt.clone() }</blockquote>
                                        }
                                        if props.editable {
                                            <span class="cm-source-actions">
                                                <button type="button" class="cm-link-button" onclick={edit}
                                                    aria-label={format!("Edit source: {name}")}>{ "Edit" }</button>
                                                <button type="button" class="cm-link-button" onclick={remove}
                                                    aria-label={format!("Remove source: {name}")}>{ "Remove" }</button>
                                            </span>
                                        }
                                    </li>
                                }
                            }) }
                        </ul>
                    }
                    if let Some(draft) = &*form {
                        <SourceForm id={id("source")} draft={draft.clone()} onsave={on_save} oncancel={on_cancel} />
                    } else if props.editable {
                        <button type="button" class="cm-button" ref={add_ref.clone()} onclick={add_source}>{ "Add source" }</button>
                    }
                </section>
                <div class="cm-field">
                    <label for={id("note")}>{ "Note" }</label>
                    <textarea id={id("note")} rows="3" value={note} oninput={on_note} onblur={on_note_blur}
                        readonly={!props.editable} />
                </div>
                if props.editable {
                    <div class="cm-card-actions">
                        if item.origin == Origin::Detected || item.dismissed {
                            <button type="button" class="cm-button" onclick={dismiss_or_restore}>
                                { if item.dismissed { "Restore" } else { "Dismiss" } }
                            </button>
                        }
                        if item.origin == Origin::User && item.annotation.is_some() {
                            <button type="button" class="cm-button cm-danger" onclick={delete}>{ "Delete" }</button>
                        }
                    </div>
                }
            </div>
        }
    } else {
        html! {}
    };

    let class = classes!(
        "cm-card",
        format!("cm-kind-{}", item.kind.as_str()),
        props.open.then_some("cm-open"),
        item.dismissed.then_some("cm-dismissed"),
    );
    html! {
        <li class="cm-card-item">
            <article {class} data-card-key={item.key.clone()} aria-labelledby={id("title")}>
                <button type="button" class="cm-card-toggle" aria-expanded={props.open.to_string()}
                    aria-controls={props.open.then(|| id("body"))} onclick={toggle}>
                    <span class={classes!("cm-kind-badge", format!("cm-kind-{}", item.kind.as_str()))}>
                        <span aria-hidden="true" class="cm-kind-icon">{ kind_icon(item.kind) }</span>
                        { item.kind.label() }
                        if item.origin == Origin::User { <span class="cm-origin">{ " · yours" }</span> }
                    </span>
                    <span class="cm-card-text" id={id("title")}>{ shorten(&item.text, 160) }</span>
                    if !meta.is_empty() {
                        <span class="cm-card-meta">{ meta }</span>
                    }
                    if item.warning.is_some() {
                        <span class="cm-card-flag"><span aria-hidden="true">{ "⚠ " }</span>{ "Figures inconsistent" }</span>
                    }
                </button>
                { body }
            </article>
        </li>
    }
}
