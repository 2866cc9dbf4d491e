//! The teacher's view: the workspace with detection shown, "Add to key" after each claim card,
//! and the "Answer key" panel (title, instructions, key items, download) with class results.

use std::rc::Rc;

use claimmark_core::checklist::ClaimItem;
use claimmark_core::classroom::{Exercise, KeyItem};
use claimmark_core::model::Verdict;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{shorten, ClassResults};
use crate::classroom::{picked_files, read_text, Draft, TEACHER_NAMESPACE};
use crate::components::workspace::{Init, Workspace};
use crate::state::{ArticleRef, Mode, StateHandle};

/// The draft, edited through closures so that quick edits never overwrite each other.
#[derive(PartialEq)]
pub struct DraftState(pub Draft);

pub struct DraftEdit(Box<dyn FnOnce(&mut Draft)>);

impl DraftEdit {
    pub fn new(edit: impl FnOnce(&mut Draft) + 'static) -> DraftEdit {
        DraftEdit(Box::new(edit))
    }
}

impl Reducible for DraftState {
    type Action = DraftEdit;

    fn reduce(self: Rc<Self>, edit: DraftEdit) -> Rc<Self> {
        let mut draft = self.0.clone();
        (edit.0)(&mut draft);
        if draft == self.0 {
            return self;
        }
        Rc::new(DraftState(draft))
    }
}

pub type DraftHandle = UseReducerHandle<DraftState>;

#[derive(Properties, PartialEq, Clone)]
pub struct TeacherViewProps {
    pub article: ArticleRef,
}

#[component]
pub fn TeacherView(props: &TeacherViewProps) -> Html {
    let article = props.article.clone();
    let init = {
        let article = article.clone();
        use_memo((), move |_| Init::prepare((*article.0).clone(), TEACHER_NAMESPACE, Mode::FactCheck))
    };
    let draft: DraftHandle = {
        let article = article.clone();
        use_reducer(move || {
            DraftState(Draft::load(&article.0.id).unwrap_or_else(|| Draft::new(&article.0.title)))
        })
    };
    {
        let article_id = article.0.id.clone();
        use_effect_with(draft.0.clone(), move |draft| {
            draft.save(&article_id);
        });
    }
    let card_action = {
        let (draft, article) = (draft.clone(), article.clone());
        Callback::from(move |(item, title_id): (ClaimItem, String)| {
            html! { <AddToKey item={item} {title_id} draft={draft.clone()} article={article.clone()} /> }
        })
    };
    let panel = {
        let (draft, article) = (draft.clone(), article.clone());
        Callback::from(move |state: StateHandle| {
            html! { <TeacherPanel {state} draft={draft.clone()} article={article.clone()} /> }
        })
    };
    html! { <Workspace init={(*init).clone()} panel={Some(panel)} card_action={Some(card_action)} /> }
}

#[derive(Properties, PartialEq, Clone)]
struct AddToKeyProps {
    item: ClaimItem,
    title_id: String,
    draft: DraftHandle,
    article: ArticleRef,
}

/// "Add to key" / "Remove from key" for one claim card.
#[component]
fn AddToKey(props: &AddToKeyProps) -> Html {
    let Some(span) = props.item.span else { return html! {} };
    let in_key = props.draft.0.key.iter().find(|k| k.target.span() == span).map(|k| k.id.clone());
    let onclick = {
        let (draft, article, kind, in_key) =
            (props.draft.clone(), props.article.clone(), props.item.kind, in_key.clone());
        Callback::from(move |_: MouseEvent| {
            let (article, in_key) = (article.clone(), in_key.clone());
            draft.dispatch(DraftEdit::new(move |d| match in_key {
                Some(id) => d.key.retain(|k| k.id != id),
                None => {
                    if d.key.iter().all(|k| k.target.span() != span) {
                        let id = KeyItem::next_id(&d.key);
                        d.key.push(KeyItem::describe(&id, &article.0, span, kind));
                    }
                }
            }));
        })
    };
    let (label, class) = match &in_key {
        Some(id) => (format!("In the key ({id}): remove"), "cm-button cm-in-key"),
        None => ("Add to key".to_owned(), "cm-button"),
    };
    html! {
        <button type="button" {class} aria-describedby={props.title_id.clone()}
            aria-pressed={in_key.is_some().to_string()} {onclick}>{ label }</button>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct TeacherPanelProps {
    pub state: StateHandle,
    pub draft: DraftHandle,
    pub article: ArticleRef,
}

/// The answer key: title, instructions, items, download; then the class results.
#[component]
pub fn TeacherPanel(props: &TeacherPanelProps) -> Html {
    let draft = &props.draft;
    let message = use_state(|| None::<Result<String, String>>);
    let edit_text = |apply: fn(&mut Draft, String)| {
        let draft = draft.clone();
        move |value: String| draft.dispatch(DraftEdit::new(move |d| apply(d, value)))
    };
    let on_title = {
        let f = edit_text(|d, v| d.title = v);
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                f(input.value());
            }
        })
    };
    let on_instructions = {
        let f = edit_text(|d, v| d.instructions = v);
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlTextAreaElement>() {
                f(input.value());
            }
        })
    };
    let exercise = draft.0.exercise(&props.article.0);
    let download = {
        let (exercise, message) = (exercise.clone(), message.clone());
        Callback::from(move |_: MouseEvent| match &exercise {
            Ok(exercise) => {
                let name = exercise.file_name();
                crate::download::save_text(&name, "application/json", &exercise.to_json());
                message.set(Some(Ok(format!(
                    "Downloaded {name} (checksum {}). Give this file to your students.",
                    exercise.checksum()
                ))));
            }
            Err(error) => message.set(Some(Err(format!("The exercise cannot be downloaded yet: {error}")))),
        })
    };
    let on_show_answers = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let checked = input.checked();
                draft.dispatch(DraftEdit::new(move |d| d.show_answers = checked));
            }
        })
    };
    let on_open = {
        let (draft, message, article) = (draft.clone(), message.clone(), props.article.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
            let Some(file) = picked_files(&input).into_iter().next() else { return };
            input.set_value("");
            let (draft, message, article) = (draft.clone(), message.clone(), article.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let result = read_text(&file)
                    .await
                    .and_then(|text| Exercise::from_json(&text).map_err(|e| format!("{name}: {e}")))
                    .and_then(|exercise| {
                        if exercise.article.fingerprint == article.0.fingerprint {
                            Ok(exercise)
                        } else {
                            Err(format!(
                                "{name} is an exercise on another article, “{}”: open that article with ?mode=teacher&article=<its path>",
                                exercise.article.title
                            ))
                        }
                    });
                let current = (draft.0.id.clone(), draft.0.key.len());
                let result = result.and_then(|exercise| {
                    let replaces_other_work = current.1 > 0 && current.0 != exercise.id;
                    let question = format!(
                        "Replace the key you are writing ({} claims) with “{}”?",
                        current.1, exercise.title
                    );
                    if replaces_other_work
                        && !gloo::utils::window().confirm_with_message(&question).unwrap_or(false)
                    {
                        return Err(format!("{name} was not opened"));
                    }
                    Ok(exercise)
                });
                match result {
                    Ok(exercise) => {
                        let opened = Draft::from_exercise(&exercise);
                        draft.dispatch(DraftEdit::new(move |d| *d = opened));
                        message.set(Some(Ok(format!("Opened {name}: “{}”.", exercise.title))));
                    }
                    Err(error) => message.set(Some(Err(format!(
                        "This file cannot be opened; the key you were writing is unchanged. {}",
                        crate::text::capitalise(&error)
                    )))),
                }
            });
        })
    };
    let points: u32 = draft.0.key.iter().map(KeyItem::max_points).sum();
    html! {
        <section class="cm-classroom cm-teacher" aria-labelledby="cm-key-heading">
            <h2 id="cm-key-heading">{ "Answer key" }</h2>
            <div class="cm-field">
                <label for="cm-ex-title">{ "Exercise title" }</label>
                <input id="cm-ex-title" type="text" value={draft.0.title.clone()} oninput={on_title} />
            </div>
            <div class="cm-field">
                <label for="cm-ex-instructions">{ "Instructions" }</label>
                <textarea id="cm-ex-instructions" rows="3" value={draft.0.instructions.clone()}
                    oninput={on_instructions} />
            </div>
            <p class="cm-help">
                { "Add claims to the key with “Add to key” under a claim card. To add a passage that was not detected, highlight it in the article first." }
            </p>
            <details class="cm-key-details" open=true>
                <summary>
                    <span class="cm-key-total" id="cm-key-total">
                        { format!("{} claims in the key, {points} points", draft.0.key.len()) }
                    </span>
                </summary>
                if !draft.0.key.is_empty() {
                    <ol class="cm-key-list" aria-label="Key items">
                        { for draft.0.key.iter().map(|item| html! {
                            <KeyItemEditor key={item.id.clone()} item={item.clone()} draft={draft.clone()} />
                        }) }
                    </ol>
                }
            </details>
            <label class="cm-show-answers">
                <input type="checkbox" checked={draft.0.show_answers} onchange={on_show_answers} />
                { " Show students the answers to what they missed (otherwise hints only)" }
            </label>
            <div class="cm-actions">
                <button type="button" class="cm-button cm-primary" onclick={download}>{ "Download exercise" }</button>
                <input type="file" id="cm-teacher-open" class="cm-file-input" accept=".json,application/json"
                    onchange={on_open} />
                <label for="cm-teacher-open" class="cm-button cm-file-label">{ "Open exercise file" }</label>
            </div>
            { match &*message {
                Some(Ok(text)) => html! { <p class="cm-status" role="status">{ text.clone() }</p> },
                Some(Err(text)) => html! { <p class="cm-error" role="alert">{ text.clone() }</p> },
                None => html! {},
            } }
            <ClassResults exercise={exercise.ok().map(Rc::new)} />
        </section>
    }
}

/// A change to one key item from a control's new value.
type KeyItemEdit = Rc<dyn Fn(&mut KeyItem, String)>;

#[derive(Properties, PartialEq, Clone)]
struct KeyItemEditorProps {
    item: KeyItem,
    draft: DraftHandle,
}

/// One key item: what it requires, its hint and explanation.
#[component]
fn KeyItemEditor(props: &KeyItemEditorProps) -> Html {
    let item = &props.item;
    let id = |name: &str| format!("cm-key-{}-{name}", item.id);
    let edit = |apply: KeyItemEdit| {
        let (draft, key_id) = (props.draft.clone(), item.id.clone());
        move |value: String| {
            let (key_id, apply) = (key_id.clone(), apply.clone());
            draft.dispatch(DraftEdit::new(move |d| {
                if let Some(k) = d.key.iter_mut().find(|k| k.id == key_id) {
                    apply(k, value);
                }
            }));
        }
    };
    let checkbox = |apply: KeyItemEdit| {
        let f = edit(apply);
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                f(input.checked().to_string());
            }
        })
    };
    let text = |apply: KeyItemEdit| {
        let f = edit(apply);
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                f(input.value());
            }
        })
    };
    let on_source = checkbox(Rc::new(|k, v| k.require_source = v == "true"));
    let on_verdict = checkbox(Rc::new(|k, v| {
        k.require_verdict = v == "true";
        if !k.require_verdict {
            k.expected_verdict = None;
        }
    }));
    let on_expected = {
        let f = edit(Rc::new(|k, v| match Verdict::parse(&v) {
            Ok(verdict) if verdict != Verdict::Unrated => k.expect_verdict(verdict),
            _ => k.expected_verdict = None,
        }));
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                f(select.value());
            }
        })
    };
    let on_hint = text(Rc::new(|k, v| k.hint = v));
    let on_explanation = text(Rc::new(|k, v| k.explanation = v));
    let remove = {
        let (draft, key_id) = (props.draft.clone(), item.id.clone());
        Callback::from(move |_: MouseEvent| {
            let key_id = key_id.clone();
            draft.dispatch(DraftEdit::new(move |d| d.key.retain(|k| k.id != key_id)));
        })
    };
    let expected = item.expected_verdict.map_or("", Verdict::as_str);
    html! {
        <li class="cm-key-item" aria-labelledby={id("quote")} data-key-id={item.id.clone()}>
            <p class="cm-key-head">
                <strong>{ format!("{} · {} · {} points", item.id, item.kind.label(), item.max_points()) }</strong>
                <span class="cm-key-quote" id={id("quote")}>{ format!("“{}”", shorten(item.quote(), 120)) }</span>
            </p>
            <div class="cm-key-requires">
                <label><input type="checkbox" checked={item.require_source} onchange={on_source} />{ " Requires a source" }</label>
                <label><input type="checkbox" checked={item.require_verdict} onchange={on_verdict} />{ " Requires a verdict" }</label>
                <span class="cm-field cm-inline">
                    <label for={id("expected")}>{ "Expected verdict" }</label>
                    <select id={id("expected")} onchange={on_expected}>
                        <option value="" selected={expected.is_empty()}>{ "Any verdict" }</option>
                        { for Verdict::ALL.iter().filter(|v| **v != Verdict::Unrated).map(|v| html! {
                            <option value={v.as_str()} selected={expected == v.as_str()}>{ v.label() }</option>
                        }) }
                    </select>
                </span>
            </div>
            <div class="cm-field">
                <label for={id("hint")}>{ "Hint" }</label>
                <input id={id("hint")} type="text" value={item.hint.clone()} oninput={on_hint} />
            </div>
            <div class="cm-field">
                <label for={id("explanation")}>{ "Explanation" }</label>
                <input id={id("explanation")} type="text" value={item.explanation.clone()} oninput={on_explanation} />
            </div>
            <button type="button" class="cm-button" aria-describedby={id("quote")} onclick={remove}>{ "Remove from key" }</button>
        </li>
    }
}
