//! Class results: the teacher imports submission files and sees, per student, what was found,
//! missed and extra, and per key item how many found it, with a bar chart of the hit rates.

use std::rc::Rc;

use claimmark_core::classroom::{ClassSummary, Exercise, Submission, SummaryWarning};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::shorten;
use crate::classroom::{picked_files, read_text};

#[derive(Properties, PartialEq, Clone)]
pub struct ClassResultsProps {
    /// `None` while the key cannot make a valid exercise.
    pub exercise: Option<Rc<Exercise>>,
}

/// The submissions imported so far (by file name), and the files the last import refused.
#[derive(Clone, PartialEq, Default)]
struct Imported {
    accepted: Vec<(String, Submission)>,
    refused: Vec<String>,
}

impl Imported {
    /// Adds one import's files: accepted ones join (a file imported again replaces its earlier
    /// copy), refused ones are listed; what was imported before stays.
    fn add(&self, files: Vec<(String, Result<Submission, String>)>) -> Imported {
        let mut next = Imported { accepted: self.accepted.clone(), refused: Vec::new() };
        for (file, result) in files {
            match result {
                Ok(submission) => {
                    next.accepted.retain(|(f, _)| *f != file);
                    next.accepted.push((file, submission));
                }
                Err(e) => next.refused.push(format!("{file}: {e}")),
            }
        }
        next
    }
}

#[component]
pub fn ClassResults(props: &ClassResultsProps) -> Html {
    let imported = use_state(Imported::default);
    let on_files = {
        let imported = imported.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
            let files = picked_files(&input);
            input.set_value("");
            let imported = imported.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut list = Vec::new();
                for file in files {
                    let result = match read_text(&file).await {
                        Ok(text) => Submission::from_json(&text).map_err(|e| e.to_string()),
                        Err(e) => Err(e),
                    };
                    list.push((file.name(), result));
                }
                imported.set(imported.add(list));
            });
        })
    };
    let Some(exercise) = props.exercise.clone() else {
        return html! {
            <section class="cm-results" aria-labelledby="cm-results-heading">
                <h2 id="cm-results-heading">{ "Class results" }</h2>
                <p class="cm-help">{ "Add at least one claim to the key to import submissions." }</p>
            </section>
        };
    };
    let (files, submissions): (Vec<String>, Vec<Submission>) = imported.accepted.iter().cloned().unzip();
    let refused = &imported.refused;
    let summary = (!submissions.is_empty()).then(|| Rc::new(ClassSummary::new(&exercise, &submissions)));
    let download = {
        let (summary, exercise) = (summary.clone(), exercise.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(summary) = &summary {
                let name = format!("{}.results.csv", claimmark_core::article::slug(&exercise.title));
                crate::download::save_text(&name, "text/csv", &summary.to_csv());
            }
        })
    };
    html! {
        <section class="cm-results" aria-labelledby="cm-results-heading">
            <h2 id="cm-results-heading">{ "Class results" }</h2>
            <div class="cm-actions">
                <input type="file" id="cm-import-submissions" class="cm-file-input" multiple=true
                    accept=".json,application/json" onchange={on_files} />
                <label for="cm-import-submissions" class="cm-button cm-file-label">{ "Import submissions" }</label>
                if summary.is_some() {
                    <button type="button" class="cm-button" onclick={download}>{ "Download results (CSV)" }</button>
                }
            </div>
            if !refused.is_empty() {
                <div class="cm-error" role="alert">
                    <p>{ format!("{} file(s) could not be read; nothing else changed, and the submissions already imported stay:", refused.len()) }</p>
                    <ul>{ for refused.iter().map(|r| html! { <li>{ r.clone() }</li> }) }</ul>
                </div>
            }
            if let Some(summary) = summary {
                <SummaryView {summary} files={Rc::new(files)} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq, Clone)]
struct SummaryViewProps {
    summary: Rc<ClassSummary>,
    /// The file name of each submission, in the summary's order.
    files: Rc<Vec<String>>,
}

/// A warning naming files by name rather than by number.
fn warning_text(warning: &SummaryWarning, files: &[String]) -> String {
    let file = |i: usize| files.get(i).cloned().unwrap_or_else(|| format!("file {}", i + 1));
    match warning {
        SummaryWarning::NotScored { submission, student, reason } => {
            format!("{}: {student} was not scored: {reason}", file(*submission))
        }
        SummaryWarning::DuplicateName { name, submissions } => format!(
            "{} submissions are named '{name}' ({}): all are scored; check they are different students",
            submissions.len(),
            submissions.iter().map(|i| file(*i)).collect::<Vec<_>>().join(", ")
        ),
    }
}

#[component]
fn SummaryView(props: &SummaryViewProps) -> Html {
    let s = &props.summary;
    html! {
        <>
            if !s.warnings.is_empty() {
                <div class="cm-banner cm-banner-warn" role="alert">
                    <ul>{ for s.warnings.iter().map(|w| html! { <li>{ warning_text(w, &props.files) }</li> }) }</ul>
                </div>
            }
            <div class="cm-table-wrap">
                <table class="cm-table" id="cm-students-table">
                    <caption>{ format!("Students ({} scored)", s.students.len()) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Student" }</th>
                        <th scope="col">{ "Found" }</th>
                        <th scope="col">{ "Missed" }</th>
                        <th scope="col">{ "Extra" }</th>
                        <th scope="col">{ "Sources attached" }</th>
                        <th scope="col">{ "Score" }</th>
                    </tr></thead>
                    <tbody>
                        { for s.students.iter().map(|row| html! {
                            <tr>
                                <th scope="row">{ row.name.clone() }</th>
                                <td>{ format!("{} ({} complete)", row.found, row.complete) }</td>
                                <td>{ row.missed }</td>
                                <td>{ row.extra }</td>
                                <td>{ row.sources_attached }</td>
                                <td>{ format!("{}/{} ({}%)", row.points, row.max_points, row.percent) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="cm-table-wrap">
                <table class="cm-table" id="cm-items-table">
                    <caption>{ "Key items: how many students found each" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Key item" }</th>
                        <th scope="col">{ "Claim" }</th>
                        <th scope="col">{ "Found by" }</th>
                        <th scope="col">{ "Complete" }</th>
                        <th scope="col">{ "Hit rate" }</th>
                    </tr></thead>
                    <tbody>
                        { for s.key_items.iter().map(|row| html! {
                            <tr>
                                <th scope="row">{ row.key_id.clone() }</th>
                                <td>{ shorten(&row.quote, 60) }</td>
                                <td>{ format!("{} of {}", row.found_by, row.students) }</td>
                                <td>{ row.complete_by }</td>
                                <td>{ format!("{}%", row.hit_rate) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            // The chart repeats the table's last column; its text is in each bar's label.
            <figure class="cm-chart">
                <figcaption>{ "Hit rate per key item" }</figcaption>
                <ul class="cm-bars">
                    { for s.hit_rate_chart().iter().map(|bar| html! {
                        <li class="cm-bar-row">
                            <span class="cm-bar-label">{ format!("{} {}", bar.key_id, bar.label) }</span>
                            <span class="cm-bar-track" aria-hidden="true">
                                <span class="cm-bar-fill" style={format!("width: {}%", bar.percent)}></span>
                            </span>
                            <span class="cm-bar-value">{ format!("{}%", bar.percent) }</span>
                        </li>
                    }) }
                </ul>
            </figure>
        </>
    }
}
