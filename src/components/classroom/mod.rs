//! Classroom views: the teacher's exercise editor and class results, and the student's exercise.
//!
//! Both reuse the fact-checker's [`Workspace`](crate::components::workspace::Workspace): the
//! teacher's with detection shown and an "Answer key" panel, the student's with no detected
//! claims (they would give the answers away) and a "Check my work" panel. Files are untrusted:
//! everything read from them is shown as text.

mod results;
mod student;
mod teacher;

pub use results::ClassResults;
pub use student::{StudentPanel, StudentView};
pub use teacher::{TeacherPanel, TeacherView};

use yew::prelude::*;

use crate::classroom::Route;

#[derive(Properties, PartialEq, Clone)]
pub struct ClassroomNavProps {
    pub route: Route,
}

/// Links between fact-checking, writing an exercise and doing one.
#[component]
pub fn ClassroomNav(props: &ClassroomNavProps) -> Html {
    let link = |route: Route, href: &'static str, label: &'static str| {
        let current = (props.route == route).then_some("page");
        html! { <li><a class="cm-nav-link" {href} aria-current={current}>{ label }</a></li> }
    };
    html! {
        <nav class="cm-nav" aria-label="Modes">
            <ul>
                { link(Route::FactCheck, "?", "Fact-check") }
                { link(Route::Teacher, "?mode=teacher", "Create exercise") }
                { link(Route::Student, "?mode=student", "Open exercise") }
            </ul>
        </nav>
    }
}

/// Shortens text for a list, on a character boundary.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
    short.push('…');
    short
}
