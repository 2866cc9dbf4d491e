//! "Your articles": every article opened in this browser, with what has been checked in each.
//! Rows can be searched and sorted, opened, renamed and removed (after a confirmation that offers
//! a backup first, and undoable while the page is open); the whole library backs up to one file
//! and restores from it by merging. The storage line says how much is used and whether the
//! browser keeps it.

use std::rc::Rc;

use claimmark_core::library::{arrange, plan_restore, LibraryBackup, Restored, Row, SortBy, StoredArticle};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::library::{self, Persistence, Removed};

/// The rows of the stored articles, read again from storage.
fn read_rows() -> (Rc<Vec<StoredArticle>>, Rc<Vec<Row>>, Vec<String>) {
    let (lib, unreadable) = library::load();
    let rows = lib.entries.iter().map(|e| Row::of(e, library::document(&e.id).as_ref())).collect();
    (Rc::new(lib.entries), Rc::new(rows), unreadable)
}

fn backup_text() -> String {
    let (lib, _) = library::load();
    let articles = lib.entries.into_iter().map(|e| {
        let doc = library::document(&e.id);
        (e, doc)
    });
    LibraryBackup::new(articles.collect(), crate::browser::now()).to_json()
}

fn download_backup() -> bool {
    let name = format!("claimmark-library-{}.json", crate::browser::now().date());
    crate::download::save_text(&name, "application/json", &backup_text())
}

/// "12 March 2024" style dates are left to the reader's locale: the list shows ISO dates, which
/// sort as they read.
fn day(t: claimmark_core::model::Timestamp) -> String {
    t.date().to_string()
}

#[derive(Clone, PartialEq)]
enum Pending {
    None,
    Rename(String),
    Remove(String),
    Restore(Rc<Vec<Restored>>),
}

#[component]
pub fn LibraryView() -> Html {
    let data = use_state(read_rows);
    let search = use_state(String::new);
    let sort = use_state(|| SortBy::Added);
    let descending = use_state(|| true);
    let pending = use_state(|| Pending::None);
    let removed = use_state(|| None::<Removed>);
    let message = use_state(String::new);
    let storage_line = use_state(String::new);
    {
        let storage_line = storage_line.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let kept = match library::persisted().await {
                    Persistence::Persisted => "Kept until you delete it.".to_owned(),
                    Persistence::MayBeCleared => "The browser may clear this storage if the site is not \
                        visited for a while (Safari after 7 days): back up your library."
                        .to_owned(),
                    Persistence::Unknown => String::new(),
                };
                let mine = library::human_bytes(library::local_bytes());
                let used = match library::estimate().await {
                    Some((usage, quota)) => format!(
                        "Your articles and work: {mine} in localStorage. This site's other storage: {} \
                         used of {} available. ",
                        library::human_bytes(usage),
                        library::human_bytes(quota)
                    ),
                    None => format!("Your articles and work: {mine} in localStorage. "),
                };
                storage_line.set(format!("{used}{kept}"));
            });
        });
    }
    let reload = {
        let data = data.clone();
        move || data.set(read_rows())
    };
    let (entries, rows, unreadable) = (*data).clone();
    let shown = arrange(&rows, &search, *sort, *descending);

    let onsearch = {
        let search = search.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                search.set(input.value());
            }
        })
    };
    let onsort = {
        let sort = sort.clone();
        Callback::from(move |e: Event| {
            if let Some(by) = e.target_dyn_into::<HtmlSelectElement>().and_then(|s| SortBy::parse(&s.value()))
            {
                sort.set(by);
            }
        })
    };
    let onorder = {
        let descending = descending.clone();
        Callback::from(move |_| descending.set(!*descending))
    };
    let onbackup = {
        let message = message.clone();
        Callback::from(move |_| {
            message.set(if download_backup() {
                "The backup of your library was downloaded.".to_owned()
            } else {
                "This browser refused the download.".to_owned()
            })
        })
    };
    let onrestore_file = {
        let (pending, message) = (pending.clone(), message.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let (pending, message) = (pending.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let text = match crate::classroom::read_text(&file).await {
                    Ok(text) => text,
                    Err(e) => return message.set(e),
                };
                match LibraryBackup::from_json(&text) {
                    Ok(backup) => {
                        let (lib, _) = library::load();
                        let plan = plan_restore(&lib, library::document, backup);
                        message.set(String::new());
                        pending.set(Pending::Restore(Rc::new(plan)));
                    }
                    Err(e) => message.set(format!("{name} cannot be restored: {e}. Nothing was changed.")),
                }
            });
        })
    };

    let row_html = |row: &Row| {
        let id = row.id.clone();
        let title = row.title.clone();
        let href = format!("?open={}", js_sys::encode_uri_component(&row.id));
        let rename = {
            let (pending, id) = (pending.clone(), id.clone());
            Callback::from(move |_| pending.set(Pending::Rename(id.clone())))
        };
        let remove = {
            let (pending, id) = (pending.clone(), id.clone());
            Callback::from(move |_| pending.set(Pending::Remove(id.clone())))
        };
        let source = row.host.clone().or_else(|| row.file.clone()).unwrap_or_else(|| "pasted".into());
        html! {
            <tr key={row.id.clone()}>
                <th scope="row"><a {href}>{ title.clone() }</a></th>
                <td>{ source }</td>
                <td>{ day(row.added) }</td>
                <td>{ row.published.map_or_else(|| "—".to_owned(), |d| d.to_string()) }</td>
                <td>{ row.claims }</td>
                <td>{ row.sourced }</td>
                <td>{ row.rated }</td>
                <td>{ row.edited.map_or_else(|| "never".to_owned(), day) }</td>
                <td class="cm-actions">
                    <button type="button" class="cm-button" onclick={rename} aria-label={format!("Rename {title}")}>{ "Rename" }</button>
                    <button type="button" class="cm-button" onclick={remove} aria-label={format!("Remove {title}")}>{ "Remove" }</button>
                </td>
            </tr>
        }
    };

    // Every pending question's "Cancel" (or "Keep it").
    let cancel = {
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| pending.set(Pending::None))
    };
    let pending_html = match &*pending {
        Pending::None => html! {},
        Pending::Rename(id) => (|| {
            let entry = entries.iter().find(|e| &e.id == id).cloned();
            let Some(entry) = entry else { return html! {} };
            let input_ref = NodeRef::default();
            let onsubmit = {
                let (pending, message, input_ref, reload) =
                    (pending.clone(), message.clone(), input_ref.clone(), reload.clone());
                let entry = entry.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let title = input_ref.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
                    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
                    if title.is_empty() {
                        return message.set("A title cannot be empty.".to_owned());
                    }
                    let renamed = StoredArticle { title: title.clone(), ..entry.clone() };
                    match library::save(&renamed) {
                        Ok(()) => message.set(format!("Renamed to “{title}”.")),
                        Err(e) => message.set(e),
                    }
                    pending.set(Pending::None);
                    reload();
                })
            };
            let cancel = cancel.clone();
            html! {
                <form class="cm-library-pending" onsubmit={onsubmit} aria-label={format!("Rename {}", entry.title)}>
                    <label for="cm-rename">{ format!("New title for “{}”", entry.title) }</label>
                    <input id="cm-rename" ref={input_ref} value={entry.title.clone()} autofocus=true />
                    <button type="submit" class="cm-button cm-primary">{ "Save title" }</button>
                    <button type="button" class="cm-button" onclick={cancel}>{ "Cancel" }</button>
                </form>
            }
        })(),
        Pending::Remove(id) => (|| {
            let entry = entries.iter().find(|e| &e.id == id).cloned();
            let row = rows.iter().find(|r| &r.id == id).cloned();
            let (Some(entry), Some(row)) = (entry, row) else { return html! {} };
            let confirm = {
                let (pending, removed, message, reload) =
                    (pending.clone(), removed.clone(), message.clone(), reload.clone());
                Callback::from(move |_| {
                    match library::remove(&entry) {
                        Some(r) => {
                            message.set(format!("Removed “{}”.", r.title));
                            removed.set(Some(r));
                        }
                        None => message.set("The article could not be removed from storage.".to_owned()),
                    }
                    pending.set(Pending::None);
                    reload();
                })
            };
            let cancel = cancel.clone();
            let backup = {
                let message = message.clone();
                Callback::from(move |_| {
                    if download_backup() {
                        message.set("The backup of your library was downloaded.".to_owned());
                    }
                })
            };
            let work = if row.claims > 0 {
                format!(" and the work on its {} claims", row.claims)
            } else {
                String::new()
            };
            html! {
                <div class="cm-library-pending" role="alertdialog" aria-labelledby="cm-remove-q">
                    <p id="cm-remove-q">{ format!("Remove “{}”{work} from this browser? Download a backup first if you may need it again.", row.title) }</p>
                    <button type="button" class="cm-button" onclick={backup}>{ "Download a backup first" }</button>
                    <button type="button" class="cm-button cm-danger" onclick={confirm} autofocus=true>{ "Remove the article" }</button>
                    <button type="button" class="cm-button" onclick={cancel}>{ "Keep it" }</button>
                </div>
            }
        })(),
        Pending::Restore(plan) => {
            let apply = {
                let (pending, message, reload, plan) =
                    (pending.clone(), message.clone(), reload.clone(), plan.clone());
                Callback::from(move |_| {
                    let mut failed = None;
                    for item in plan.iter() {
                        let result = item
                            .article
                            .as_ref()
                            .map_or(Ok(()), library::save)
                            .and_then(|()| item.doc.as_ref().map_or(Ok(()), library::save_document));
                        if let Err(e) = result {
                            failed = Some(e);
                            break;
                        }
                    }
                    message.set(failed.unwrap_or_else(|| format!("Restored {} articles.", plan.len())));
                    pending.set(Pending::None);
                    reload();
                })
            };
            let cancel = cancel.clone();
            html! {
                <div class="cm-library-pending" role="region" aria-labelledby="cm-restore-h">
                    <h2 id="cm-restore-h">{ "Restore this backup?" }</h2>
                    <p>{ "Restoring merges: nothing in this browser is replaced or lost." }</p>
                    <ul>
                        { for plan.iter().map(|r| html! {
                            <li>{ format!("{}: {}, {} annotations added, {} changed",
                                r.title, if r.new_article { "new article" } else { "already here" }, r.added, r.changed) }</li>
                        }) }
                    </ul>
                    <button type="button" class="cm-button cm-primary" onclick={apply}>{ "Restore" }</button>
                    <button type="button" class="cm-button" onclick={cancel}>{ "Cancel" }</button>
                </div>
            }
        }
    };

    let undo = removed.as_ref().map(|r| {
        let (removed, message, reload, r) = (removed.clone(), message.clone(), reload.clone(), r.clone());
        let title = r.title.clone();
        let onclick = Callback::from(move |_| {
            match library::restore_removed(&r) {
                Ok(()) => message.set(format!("“{}” is back.", r.title)),
                Err(e) => message.set(e),
            }
            removed.set(None);
            reload();
        });
        html! { <button type="button" class="cm-button" {onclick}>{ format!("Undo removing “{title}”") }</button> }
    });

    html! {
        <section class="cm-library" aria-labelledby="cm-library-heading">
            <h1 id="cm-library-heading">{ "Your articles" }</h1>
            <p class="cm-hint" role="status">{ (*storage_line).clone() }</p>
            <div class="cm-row cm-library-tools">
                <label for="cm-library-search">{ "Search your articles" }</label>
                <input id="cm-library-search" type="search" value={(*search).clone()} oninput={onsearch} />
                <label for="cm-library-sort">{ "Sort by" }</label>
                <select id="cm-library-sort" onchange={onsort}>
                    { for SortBy::ALL.iter().map(|by| html! {
                        <option value={by.as_str()} selected={*by == *sort}>{ by.label() }</option>
                    }) }
                </select>
                <button type="button" class="cm-button" onclick={onorder} aria-pressed={descending.to_string()}>
                    { "Newest or largest first" }
                </button>
            </div>
            { pending_html }
            <p class="cm-status" role="status" aria-live="polite">{ (*message).clone() } { for undo }</p>
            if !unreadable.is_empty() {
                <div class="cm-error" role="alert">
                    <p>{ "These stored articles cannot be read and are left untouched:" }</p>
                    <ul>{ for unreadable.iter().map(|u| html! { <li>{ u.clone() }</li> }) }</ul>
                </div>
            }
            if rows.is_empty() {
                <p>{ "No articles yet. Use “Open article” to paste one or choose a file." }</p>
            } else {
                <table class="cm-library-table">
                    <caption>{ format!("{} of {} articles", shown.len(), rows.len()) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Title" }</th><th scope="col">{ "Source" }</th>
                        <th scope="col">{ "Added" }</th><th scope="col">{ "Published" }</th>
                        <th scope="col">{ "Claims" }</th><th scope="col">{ "Sourced" }</th>
                        <th scope="col">{ "Rated" }</th><th scope="col">{ "Last edited" }</th>
                        <th scope="col">{ "Actions" }</th>
                    </tr></thead>
                    <tbody>{ for shown.iter().map(|r| row_html(r)) }</tbody>
                </table>
            }
            <div class="cm-row cm-library-backup">
                <button type="button" class="cm-button" onclick={onbackup}>{ "Back up the library" }</button>
                <label for="cm-library-restore">{ "Restore a backup" }</label>
                <input id="cm-library-restore" type="file" accept=".json,application/json" onchange={onrestore_file} />
            </div>
        </section>
    }
}
