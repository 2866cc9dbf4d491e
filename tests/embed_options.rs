//! The options of `claimmark.mount` as they cross from JS: read by serde from the object, the
//! config block and the attributes, in that order; an unknown name or a bad value is an error
//! that names it; and `www/claimmark.d.ts` declares exactly the options the widget reads.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeSet;

use claimmark_core::model::ClaimKind;
use claimmark_widget::embed::{options_for, ChangeDetail, GivenOptions, ImportSummary, SelectDetail};
use claimmark_widget::state::Mode;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DTS: &str = include_str!("../www/claimmark.d.ts");

fn host(html: &str) -> web_sys::Element {
    let element = gloo::utils::document().create_element("article").unwrap();
    element.set_inner_html(html);
    gloo::utils::body().append_child(&element).unwrap();
    element
}

fn js(source: &str) -> JsValue {
    js_sys::eval(&format!("({source})")).unwrap()
}

/// The members of `interface NAME { … }` in the d.ts, as (name, type) pairs.
fn interface(name: &str) -> Vec<(String, String)> {
    let start =
        DTS.find(&format!("export interface {name} {{")).unwrap_or_else(|| panic!("no interface {name}"));
    let body = &DTS[start..];
    let body = &body[body.find('{').unwrap() + 1..body.find("\n}").unwrap()];
    body.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('/') && !l.starts_with('*') && !l.is_empty())
        .map(|l| {
            let (name, ty) = l.split_once(':').unwrap_or_else(|| panic!("not a member: {l}"));
            (name.trim_end_matches('?').to_owned(), ty.trim().trim_end_matches(';').to_owned())
        })
        .collect()
}

/// The string literals of `type NAME = 'a' | 'b';` in the d.ts.
fn literals(name: &str) -> BTreeSet<String> {
    let start = DTS.find(&format!("export type {name} = ")).unwrap_or_else(|| panic!("no type {name}"));
    let line = DTS[start..].lines().next().unwrap();
    let union = line.split_once(" = ").unwrap().1.trim_end_matches(';');
    union.split('|').map(|l| l.trim().trim_matches('\'').to_owned()).collect()
}

/// JS values of a d.ts type, as a page would write them.
fn samples(ty: &str) -> Vec<String> {
    ty.split(" | ")
        .flat_map(|part| match part.trim() {
            "string" => vec!["'money'".to_owned()],
            "Element" => vec!["document.body".to_owned()],
            "ClaimmarkMode" => literals("ClaimmarkMode").iter().map(|m| format!("'{m}'")).collect(),
            "ClaimKind[]" => vec![format!("{:?}", literals("ClaimKind").into_iter().collect::<Vec<_>>())],
            "ClaimmarkStorage" => vec!["window.localStorage".to_owned()],
            other => panic!("the test does not know the d.ts type `{other}`: give it samples"),
        })
        .collect()
}

#[wasm_bindgen_test]
fn the_d_ts_declares_exactly_the_options_the_widget_reads() {
    let declared: BTreeSet<String> = interface("ClaimmarkOptions").into_iter().map(|(n, _)| n).collect();
    let read: BTreeSet<String> = GivenOptions::names().iter().map(|n| n.to_string()).collect();
    assert_eq!(
        declared.difference(&read).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "declared in claimmark.d.ts, not read by GivenOptions"
    );
    assert_eq!(
        read.difference(&declared).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "read by GivenOptions, not declared in claimmark.d.ts"
    );
    let modes: BTreeSet<String> = Mode::ALL.iter().map(|m| m.as_str().to_owned()).collect();
    assert_eq!(literals("ClaimmarkMode"), modes);
    let kinds: BTreeSet<String> = ClaimKind::ALL.iter().map(|k| k.as_str().to_owned()).collect();
    assert_eq!(literals("ClaimKind"), kinds);
}

#[wasm_bindgen_test]
fn every_value_the_d_ts_allows_is_accepted() {
    let element = host("<p>Text.</p>");
    for (name, ty) in interface("ClaimmarkOptions") {
        for sample in samples(&ty) {
            let options = js(&format!("{{ {name}: {sample} }}"));
            if let Err(e) = options_for(&element, &options) {
                panic!("claimmark.d.ts allows {name}: {sample} ({ty}), the widget says: {e}");
            }
        }
    }
    element.remove();
}

#[wasm_bindgen_test]
fn an_unknown_or_bad_option_is_an_error_that_names_it() {
    let element = host("<p>Text.</p>");
    let e = options_for(&element, &js("{ mdoe: 'reader' }")).unwrap_err();
    assert!(e.contains("unknown field `mdoe`"), "{e}");
    let e = options_for(&element, &js("{ mode: 'admin' }")).unwrap_err();
    assert!(e.starts_with("option `mode`: 'admin' is not one of factcheck,"), "{e}");
    let e = options_for(&element, &js("{ kinds: ['money', 'gossip'] }")).unwrap_err();
    assert!(e.starts_with("option `kinds`: 'gossip'"), "{e}");
    element.remove();

    let element = host(r#"<script type="application/json" class="claimmark-config">{"titel": "x"}</script>"#);
    let e = options_for(&element, &JsValue::UNDEFINED).unwrap_err();
    assert!(e.starts_with("the claimmark-config block: unknown field `titel`"), "{e}");
    element.set_inner_html(r#"<script type="application/json" class="claimmark-config">{"title": </script>"#);
    let e = options_for(&element, &JsValue::UNDEFINED).unwrap_err();
    assert!(e.starts_with("the claimmark-config block is not valid JSON"), "{e}");
    element.remove();
}

#[wasm_bindgen_test]
fn each_option_comes_from_the_object_then_the_config_block_then_the_attributes() {
    let element = host(
        r#"<script type="application/json" class="claimmark-config">
            {"title": "From config", "namespace": "config-ns", "kinds": ["date", 7, "money"], "articleId": 42}
        </script><p>Text.</p>"#,
    );
    element.set_attribute("data-title", "From attribute").unwrap();
    element.set_attribute("data-namespace", "attr-ns").unwrap();
    element.set_attribute("data-mode", "Read_Only").unwrap();
    element.set_attribute("data-paragraphs", "p.body").unwrap();
    element.set_attribute("data-organization", "Org").unwrap();
    element.set_attribute("data-article-text", "Title\n\nText.").unwrap();
    let options =
        options_for(&element, &js("{ title: 'From JS', articleText: '', organisation: null }")).unwrap();
    assert_eq!(options.title.as_deref(), Some("From JS"));
    assert_eq!(options.namespace.as_deref(), Some("config-ns"));
    assert_eq!(options.mode, Mode::ReadOnly);
    assert_eq!(options.paragraphs, "p.body");
    assert_eq!(options.kinds, Some(vec![ClaimKind::Date, ClaimKind::Money]));
    assert_eq!(options.article_id.as_deref(), Some("42"));
    assert_eq!(options.organisation.as_deref(), Some("Org"));
    // An empty value counts as absent and does not fall through.
    assert!(options.in_place());
    element.remove();
}

#[wasm_bindgen_test]
fn the_d_ts_declares_the_event_payloads_and_import_summary_the_widget_sends() {
    fn sent(value: impl serde::Serialize) -> BTreeSet<String> {
        serde_json::to_value(value).unwrap().as_object().unwrap().keys().cloned().collect()
    }
    let declared = |name: &str| interface(name).into_iter().map(|(n, _)| n).collect::<BTreeSet<_>>();
    assert_eq!(sent(ChangeDetail { revision: 1, annotations: 2 }), declared("ChangeDetail"));
    let select = SelectDetail { key: "d:date:0-4", kind: "date", text: "2019", verdict: "unrated" };
    assert_eq!(sent(select), declared("SelectDetail"));
    assert_eq!(sent(ImportSummary { format: "backup", new: 1, updated: 0 }), declared("ImportSummary"));
}
