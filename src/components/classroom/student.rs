//! The student's view: open an exercise (a file, or `?exercise=<path>`), give a name, work in the
//! workspace without detected claims, "Check my work", and "Submit" (JSON and CSV downloads).
//! The work is stored per exercise and per student; a bad file never touches it.

use std::rc::Rc;

use claimmark_core::classroom::{score, Exercise, ExtraReason, Reveal, Submission, Unmet};
use claimmark_core::model::Annotation;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::shorten;
use crate::browser::{now, Query};
use crate::classroom::{picked_files, read_text, remember_student, remembered_student, student_namespace};
use crate::components::workspace::{Init, Workspace};
use crate::state::{Mode, StateHandle};

#[derive(Clone, PartialEq)]
enum Phase {
    Loading,
    Pick { error: Option<String> },
    Name { exercise: Rc<Exercise>, error: Option<String> },
    Work { exercise: Rc<Exercise>, name: String, init: Init, namespace: String },
}

fn opened(result: Result<Exercise, String>) -> Phase {
    match result {
        Ok(exercise) => Phase::Name { exercise: Rc::new(exercise), error: None },
        Err(error) => Phase::Pick { error: Some(error) },
    }
}

#[component]
pub fn StudentView() -> Html {
    let exercise = use_memo((), |_| Query::current().exercise);
    let phase = use_state(|| match *exercise {
        Some(_) => Phase::Loading,
        None => Phase::Pick { error: None },
    });
    {
        let phase = phase.clone();
        use_effect_with((), move |_| {
            if let Some(path) = (*exercise).clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let result = crate::loader::fetch_bytes(&path).await.and_then(|bytes| {
                        let text =
                            String::from_utf8(bytes).map_err(|_| format!("'{path}' is not UTF-8 text"))?;
                        Exercise::from_json(&text).map_err(|e| format!("'{path}': {e}"))
                    });
                    phase.set(opened(result));
                });
            }
        });
    }
    let on_file = {
        let phase = phase.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
            let Some(file) = picked_files(&input).into_iter().next() else { return };
            input.set_value("");
            let phase = phase.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let result = read_text(&file)
                    .await
                    .and_then(|text| Exercise::from_json(&text).map_err(|e| format!("{name}: {e}")));
                phase.set(opened(result));
            });
        })
    };
    let picker = |error: &Option<String>| {
        html! {
            <section class="cm-classroom cm-student-start" aria-labelledby="cm-open-heading">
                <FocusHeading id="cm-open-heading" text="Open an exercise" />
                <p>{ "Your teacher gives you an exercise file (ending in .exercise.json). Your work stays in this browser." }</p>
                <input type="file" id="cm-open-exercise" class="cm-file-input" accept=".json,application/json"
                    onchange={on_file.clone()} />
                <label for="cm-open-exercise" class="cm-button cm-primary cm-file-label">{ "Open exercise" }</label>
                if let Some(error) = error {
                    <div class="cm-error" role="alert">
                        <p><strong>{ "This file cannot be opened as an exercise. " }</strong>{ "Your saved work is unchanged." }</p>
                        <p>{ capitalised(error) }</p>
                    </div>
                }
            </section>
        }
    };
    match &*phase {
        Phase::Loading => html! { <p class="cm-status" role="status">{ "Opening the exercise…" }</p> },
        Phase::Pick { error } => picker(error),
        Phase::Name { exercise, error } => {
            let onsubmit = {
                let (phase, exercise) = (phase.clone(), exercise.clone());
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let name = gloo::utils::document()
                        .get_element_by_id("cm-student-name")
                        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(el).ok())
                        .map(|input| input.value())
                        .unwrap_or_default();
                    let name = name.trim().to_owned();
                    if name.is_empty() {
                        phase.set(Phase::Name {
                            exercise: exercise.clone(),
                            error: Some("Enter your name: your teacher sees it on your work.".into()),
                        });
                        return;
                    }
                    remember_student(&exercise.id, &name);
                    let namespace = student_namespace(&exercise, &name);
                    let init =
                        Init::with_claims(exercise.article.clone(), Vec::new(), &namespace, Mode::FactCheck);
                    phase.set(Phase::Work { exercise: exercise.clone(), name, init, namespace });
                })
            };
            let remembered = remembered_student(&exercise.id).unwrap_or_default();
            html! {
                <section class="cm-classroom cm-student-start" aria-labelledby="cm-exercise-heading">
                    <FocusHeading id="cm-exercise-heading" text={exercise.title.clone()} />
                    <p class="cm-instructions">{ exercise.instructions.clone() }</p>
                    <p>{ format!("Article: {}", exercise.article.title) }</p>
                    <form class="cm-name-form" {onsubmit} novalidate=true>
                        <div class="cm-field">
                            <label for="cm-student-name">{ "Your name" }</label>
                            <input id="cm-student-name" type="text" autocomplete="name" value={remembered}
                                aria-invalid={error.is_some().then_some("true")}
                                aria-describedby={error.is_some().then_some("cm-student-name-error")} />
                        </div>
                        if let Some(error) = error {
                            <p class="cm-error" id="cm-student-name-error" role="alert">{ error.clone() }</p>
                        }
                        <button type="submit" class="cm-button cm-primary">{ "Start" }</button>
                    </form>
                </section>
            }
        }
        Phase::Work { exercise, name, init, namespace } => {
            let onleave = {
                let phase = phase.clone();
                Callback::from(move |_| phase.set(Phase::Pick { error: None }))
            };
            let panel = {
                let (exercise, name) = (exercise.clone(), name.clone());
                Callback::from(move |state: StateHandle| {
                    html! { <StudentPanel {state} exercise={exercise.clone()} name={name.clone()} onleave={onleave.clone()} /> }
                })
            };
            html! { <Workspace key={namespace.clone()} init={init.clone()} panel={Some(panel)} /> }
        }
    }
}

/// Moves focus to `node` once it is shown, so that keyboard and screen-reader users land on the
/// new step instead of the top of the page.
#[hook]
fn use_focus_on_mount(node: NodeRef) {
    use_effect_with((), move |_| {
        if let Some(element) = node.cast::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    });
}

#[derive(Properties, PartialEq, Clone)]
struct FocusHeadingProps {
    id: AttrValue,
    text: AttrValue,
    #[prop_or(1)]
    level: u8,
}

/// A heading that takes focus when it appears (tabindex -1: focusable by script only).
#[component]
fn FocusHeading(props: &FocusHeadingProps) -> Html {
    let node = use_node_ref();
    use_focus_on_mount(node.clone());
    let tag = if props.level == 1 { "h1" } else { "h2" };
    html! {
        <@{tag} id={props.id.clone()} tabindex="-1" class="cm-focus-heading" ref={node}>{ props.text.clone() }</@>
    }
}

fn capitalised(text: &str) -> String {
    crate::text::capitalise(text)
}

#[derive(Properties, PartialEq, Clone)]
pub struct StudentPanelProps {
    pub state: StateHandle,
    pub exercise: Rc<Exercise>,
    pub name: String,
    pub onleave: Callback<()>,
}

/// The student's work so far (dismissed highlights are not work).
fn work(state: &StateHandle) -> Vec<Annotation> {
    state.session.doc.active().cloned().collect()
}

#[component]
pub fn StudentPanel(props: &StudentPanelProps) -> Html {
    let checked = use_state(|| false);
    let submitted = use_state(|| None::<Result<String, String>>);
    let exercise = &props.exercise;
    let check = {
        let checked = checked.clone();
        Callback::from(move |_: MouseEvent| checked.set(true))
    };
    let submit = {
        let (state, exercise, name, submitted) =
            (props.state.clone(), exercise.clone(), props.name.clone(), submitted.clone());
        Callback::from(move |_: MouseEvent| match Submission::new(&exercise, &name, work(&state), now()) {
            Ok(submission) => {
                let json_name = submission.file_name();
                let csv_name = json_name.replace(".submission.json", ".submission.csv");
                crate::download::save_text(&json_name, "application/json", &submission.to_json());
                crate::download::save_text(&csv_name, "text/csv", &submission.to_csv());
                submitted.set(Some(Ok(format!(
                    "Downloaded {json_name} (hand this file in) and {csv_name} (a table of your work)."
                ))));
            }
            Err(error) => submitted.set(Some(Err(format!("Your work could not be submitted: {error}")))),
        })
    };
    let leave = props.onleave.reform(|_: MouseEvent| ());
    let result = checked.then(|| score(exercise, &work(&props.state), Reveal::for_student(exercise)));
    html! {
        <section class="cm-classroom cm-student" aria-labelledby="cm-exercise-heading">
            <FocusHeading id="cm-exercise-heading" text={exercise.title.clone()} level={2} />
            <p class="cm-instructions">{ exercise.instructions.clone() }</p>
            <p class="cm-student-name">{ format!("Working as {}. Highlight claims in the article, then attach sources and verdicts in the Claims list.", props.name) }</p>
            <div class="cm-actions">
                <button type="button" class="cm-button cm-primary" onclick={check}>{ "Check my work" }</button>
                <button type="button" class="cm-button" onclick={submit}>{ "Submit" }</button>
                <button type="button" class="cm-button" onclick={leave}>{ "Open another exercise" }</button>
            </div>
            { match &*submitted {
                Some(Ok(text)) => html! { <p class="cm-status" role="status">{ text.clone() }</p> },
                Some(Err(text)) => html! { <p class="cm-error" role="alert">{ text.clone() }</p> },
                None => html! {},
            } }
            <div class="cm-feedback" aria-live="polite">
                if let Some(result) = result {
                    <h3 id="cm-score">{ format!("{} of {} points ({}%)", result.points, result.max_points, result.percent()) }</h3>
                    <h4>{ format!("Found: {}", result.found.len()) }</h4>
                    if !result.found.is_empty() {
                        <ul class="cm-found">
                            { for result.found.iter().map(|f| html! {
                                <li>
                                    <span aria-hidden="true">{ if f.is_complete() { "✓ " } else { "◐ " } }</span>
                                    { format!("“{}”: {} of {} points", shorten(&f.quote, 80), f.points, f.max_points) }
                                    if !f.unmet.is_empty() {
                                        { format!(" (still needed: {})", f.unmet.iter().map(unmet_text).collect::<Vec<_>>().join("; ")) }
                                    }
                                    if !f.explanation.is_empty() {
                                        <br /><span class="cm-explanation">{ format!("Explanation: {}", f.explanation) }</span>
                                    }
                                </li>
                            }) }
                        </ul>
                    }
                    <h4>{ format!("Missed: {}", result.missed.len()) }</h4>
                    if !result.missed.is_empty() {
                        <ul class="cm-missed">
                            { for result.missed.iter().map(|m| html! {
                                <li>
                                    { match (&m.answer, m.hint.is_empty()) {
                                        (Some(answer), _) => format!("“{}”: {}", shorten(&answer.quote, 80), answer.explanation),
                                        (None, false) => format!("Hint: {}", m.hint),
                                        (None, true) => "A claim you have not found yet (no hint).".to_owned(),
                                    } }
                                </li>
                            }) }
                        </ul>
                    }
                    <h4>{ format!("Extra: {}", result.extra.len()) }</h4>
                    if !result.extra.is_empty() {
                        <p class="cm-help">{ "Extra highlights are not in the answer key; they are not necessarily wrong and cost no points." }</p>
                        <ul class="cm-extra">
                            { for result.extra.iter().map(|x| html! {
                                <li>{ format!("“{}”: {}", shorten(&x.quote, 80), extra_text(&x.reason)) }</li>
                            }) }
                        </ul>
                    }
                }
            </div>
        </section>
    }
}

fn unmet_text(unmet: &Unmet) -> String {
    match unmet {
        Unmet::Source => "a source".to_owned(),
        Unmet::Verdict => "a verdict".to_owned(),
        Unmet::WrongVerdict { given, expected: Some(expected) } => {
            format!("another verdict (you chose {}, expected {})", given.label(), expected.label())
        }
        Unmet::WrongVerdict { given, expected: None } => {
            format!("another verdict (“{}” is not the expected one)", given.label())
        }
    }
}

fn extra_text(reason: &ExtraReason) -> String {
    match reason {
        ExtraReason::NotInKey => "not in the answer key".to_owned(),
        ExtraReason::Duplicate { .. } => "another of your highlights already matched this claim".to_owned(),
        ExtraReason::Imprecise { .. } => {
            "close to a claim in the key, but too short or too long to count: highlight just the claim"
                .to_owned()
        }
        ExtraReason::NotFound => "its words are no longer in the article".to_owned(),
    }
}
