//! Component tests of embedding: options, modes, and in-place highlighting of host markup
//! (text read from the host's nodes, highlights wrapped around text-node ranges, and removal that
//! gives back the host's markup exactly), in headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::collections::HashMap;
use std::rc::Rc;

use claimmark_core::checklist::ClaimItem;
use claimmark_core::model::{ClaimKind, Origin, Verdict};
use claimmark_core::text::CharSpan;
use claimmark_widget::embed::Options;
use claimmark_widget::inplace::{paragraphs, text_of, HostArticle};
use claimmark_widget::state::Mode;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn host(html: &str) -> web_sys::Element {
    let document = gloo::utils::document();
    let element = document.create_element("article").unwrap();
    element.set_inner_html(html);
    gloo::utils::body().append_child(&element).unwrap();
    element
}

fn item(key: &str, start: usize, end: usize, kind: ClaimKind) -> ClaimItem {
    ClaimItem {
        key: key.to_owned(),
        annotation: None,
        detected: None,
        kind,
        origin: Origin::Detected,
        span: Some(CharSpan::new(start, end)),
        fuzzy: false,
        text: String::new(),
        value_label: None,
        speaker: None,
        warning: None,
        check: None,
        verdict: Verdict::Unrated,
        source_count: 0,
        has_note: false,
        dismissed: false,
        team: Default::default(),
    }
}

#[wasm_bindgen_test]
fn modes_parse_from_their_option_names() {
    let cases = [
        ("factcheck", Some(Mode::FactCheck)),
        ("fact-check", Some(Mode::FactCheck)),
        ("read-only", Some(Mode::ReadOnly)),
        ("READONLY", Some(Mode::ReadOnly)),
        ("reader", Some(Mode::Reader)),
        ("classroom", Some(Mode::Classroom)),
        ("admin", None),
    ];
    for (name, mode) in cases {
        assert_eq!(Mode::parse(name), mode, "{name}");
    }
    assert!(!Mode::ReadOnly.can_edit());
    assert!(Mode::Reader.can_edit());
}

#[wasm_bindgen_test]
fn options_read_every_field_and_name_the_bad_one() {
    let map: HashMap<&str, &str> = [
        ("articleId", "a1"),
        ("mode", "reader"),
        ("kinds", "money, date"),
        ("namespace", "ns"),
        ("organization", "Org"),
        ("annotations", "fc.json"),
    ]
    .into_iter()
    .collect();
    let options = Options::from_lookup(|k| map.get(k).map(|v| v.to_string())).unwrap();
    assert_eq!(options.article_id.as_deref(), Some("a1"));
    assert_eq!(options.mode, Mode::Reader);
    assert_eq!(options.kinds, Some(vec![ClaimKind::Money, ClaimKind::Date]));
    assert_eq!(options.namespace(), "ns");
    assert_eq!(options.organisation.as_deref(), Some("Org"));
    assert_eq!(options.paragraphs, "p");
    assert!(options.in_place());

    let defaults = Options::from_lookup(|_| None).unwrap();
    assert_eq!(defaults.mode, Mode::FactCheck);
    assert_eq!(defaults.namespace(), "claimmark-factcheck");

    let bad = Options::from_lookup(|k| (k == "kinds").then(|| "money,gossip".to_owned())).unwrap_err();
    assert!(bad.contains("gossip"), "{bad}");
    let bad = Options::from_lookup(|k| (k == "mode").then(|| "admin".to_owned())).unwrap_err();
    assert!(bad.contains("admin"), "{bad}");
}

#[wasm_bindgen_test]
fn text_is_read_from_paragraphs_without_scripts_or_nested_matches() {
    let root = host(
        "<h1>Title</h1><p>One <a href=\"#\">link</a> and <em>emph</em>.<script>x()</script></p>\
         <blockquote><p>Quoted</p></blockquote><p>   </p><p>Two 🗳️ <img alt=\"\" src=\"data:,\">end</p>",
    );
    let found = paragraphs(&root, "p");
    let texts: Vec<String> = found.iter().map(text_of).collect();
    assert_eq!(texts, ["One link and emph.", "Quoted", "Two 🗳️ end"]);
    root.remove();
}

#[wasm_bindgen_test]
fn highlights_wrap_text_ranges_across_inline_elements_and_unwrap_exactly() {
    let markup = "<p>Trade hit <a href=\"https://example.org\">$277M in <em>2019</em></a>, up 🗳️ 12%.</p>\
                  <p>Second <b>para</b>graph.</p>";
    let root = host(markup);
    let host_article = HostArticle::new(root.clone(), "p");
    let article = host_article.article(None);
    assert_eq!(article.body, "Trade hit $277M in 2019, up 🗳️ 12%.\n\nSecond paragraph.");
    let chars: Vec<char> = article.body.chars().collect();
    let find = |needle: &str| {
        let n: Vec<char> = needle.chars().collect();
        (0..chars.len()).find(|&i| chars[i..].starts_with(&n)).unwrap()
    };
    let money = find("$277M in 2019");
    let percent = find("12%");
    let para = find("paragraph");
    let items = Rc::new(vec![
        Rc::new(item("m", money, money + 13, ClaimKind::Money)),
        Rc::new(item("y", money + 9, money + 13, ClaimKind::Date)),
        Rc::new(item("p", percent, percent + 3, ClaimKind::Percent)),
        Rc::new(item("g", para, para + 9, ClaimKind::Other)),
    ]);
    host_article.paint(items, Some("p".to_owned()), false);

    let marks = root.query_selector_all("mark.cm-hl").unwrap();
    let mut texts = Vec::new();
    for i in 0..marks.length() {
        let mark: web_sys::Element = marks.item(i).unwrap().dyn_into().unwrap();
        texts.push((mark.get_attribute("data-cm-key").unwrap(), mark.text_content().unwrap()));
    }
    // "$277M in 2019" crosses the <em>; "paragraph" crosses the <b>; the date nests in the money.
    assert!(texts.contains(&("m".to_owned(), "$277M in ".to_owned())), "{texts:?}");
    assert!(texts.contains(&("y".to_owned(), "2019".to_owned())), "{texts:?}");
    assert!(texts.contains(&("p".to_owned(), "12%".to_owned())), "{texts:?}");
    assert!(texts.contains(&("g".to_owned(), "para".to_owned())), "{texts:?}");
    assert!(texts.contains(&("g".to_owned(), "graph".to_owned())), "{texts:?}");
    assert!(root.query_selector("a mark.cm-hl").unwrap().is_some());
    assert!(root.query_selector("em mark.cm-hl").unwrap().is_some());
    assert_eq!(
        root.query_selector("a").unwrap().unwrap().get_attribute("href").as_deref(),
        Some("https://example.org")
    );
    assert!(root.query_selector("mark.cm-hl-active").unwrap().unwrap().text_content().unwrap() == "12%");
    // The text the reader sees is unchanged.
    assert_eq!(host_article.article(None).body, article.body);

    host_article.teardown();
    assert_eq!(root.inner_html(), markup);
    root.remove();
}
