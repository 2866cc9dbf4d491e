//! Reading W3C Web Annotations: ours (read back without loss) and other tools' JSON-LD.

use serde_json::Value;

use super::error::ImportError;
use super::file::ImportFile;
use super::lenient::{has_type, FirstString, Lenient};
use super::nodes::{Body, Collection, Head, OurArticle, RemovedSource, Typed, W3cAnnotation};
use super::reader::{
    annotation_id, at, foreign_clocks, is_dangerous_scheme, one_or_many, plain_source, source_id, times,
    Content, Item, Reader,
};
use super::{kind_of, ImportFormat, MAX_ANNOTATIONS};
use crate::export::urn_unescape;
use crate::export::w3c;
use crate::json_path::join;
use crate::model::clean_tags;
use crate::model::{
    Annotation, AnnotationId, ClaimKind, FieldClocks, IsoDate, Origin, Source, SourceId, SourceTombstone,
    Target, Timestamp, Verdict,
};
use crate::store::ArticleInfo;

impl Reader {
    pub(super) fn w3c(mut self, root: &Value) -> Result<ImportFile, ImportError> {
        let mut items: Vec<(String, &Value)> = Vec::new();
        let types = Head::of(root).map(|h| h.types).unwrap_or_default();
        match root {
            Value::Array(list) => items.extend(list.iter().enumerate().map(|(i, v)| (format!("[{i}]"), v))),
            _ if has_type(&types, "AnnotationCollection") => {
                let Some(collection) = self.node::<Collection>(root, "") else { return self.finish() };
                if let Some(article) = collection.article.ok() {
                    self.our_article(article);
                }
                let mut page = root.get("first");
                let mut path = "first".to_owned();
                if page.is_none() && collection.total.ok().unwrap_or(0) > 0 {
                    self.problem("first", "missing: the collection has no pages");
                }
                // Embedded pages, following `next` while it is embedded too.
                while let Some(p) = page {
                    match p {
                        Value::Object(_) => {
                            items.extend(self.list(p, "items", &path));
                            page = p.get("next").filter(|n| n.is_object());
                            path = join(&path, "next");
                        }
                        Value::String(iri) => {
                            self.problem(&path, format!("the page '{iri}' is a link, not in the file: export the collection with its pages embedded"));
                            break;
                        }
                        other => {
                            self.problem(
                                &path,
                                format!("expected an AnnotationPage, found {}", kind_of(other)),
                            );
                            break;
                        }
                    }
                    if items.len() > MAX_ANNOTATIONS {
                        break;
                    }
                }
            }
            _ if has_type(&types, "AnnotationPage") => items.extend(self.list(root, "items", "")),
            _ => items.push((String::new(), root)),
        }
        self.check_count(items.len())?;
        for (path, item) in items {
            let result = self.w3c_annotation(item, &path);
            self.take(&path, result);
        }
        self.finish()
    }

    /// The items of the list under `key` in the object `node` at `path`, with their paths.
    pub(super) fn list<'v>(&mut self, node: &'v Value, key: &str, path: &str) -> Vec<(String, &'v Value)> {
        let base = join(path, key);
        match node.get(key) {
            Some(Value::Array(list)) => list.iter().enumerate().map(|(i, v)| (at(&base, i), v)).collect(),
            Some(other) => {
                self.problem(&base, format!("expected a list, found {}", kind_of(other)));
                Vec::new()
            }
            None => {
                self.problem(&base, "missing");
                Vec::new()
            }
        }
    }

    fn our_article(&mut self, article: OurArticle) {
        if let Some(id) = article.id.ok() {
            self.article = Some(ArticleInfo {
                id,
                title: article.title.ok().unwrap_or_default(),
                fingerprint: article.fingerprint.ok().unwrap_or_default(),
            });
        }
        self.article_url = article.url.ok();
    }

    fn w3c_annotation(&mut self, value: &Value, path: &str) -> Option<Item> {
        let Typed { types } = self.node(value, path)?;
        if !has_type(&types, "Annotation") {
            self.problem(&join(path, "type"), "expected \"Annotation\"");
            return None;
        }
        let node: W3cAnnotation = self.node(value, path)?;
        let fingerprint = serde_json::to_string(value).unwrap_or_default();
        let id = annotation_id(node.id.as_deref(), &[&fingerprint]);
        let (created, modified) = times(node.created, node.modified, self.now);
        let origin = match node.origin.as_deref() {
            Some("detected") => Origin::Detected,
            _ => Origin::User,
        };
        let dismissed = node.dismissed.ok().unwrap_or(false);
        let motivation = node.motivation.ok().unwrap_or_default();

        let mut content = Content::default();
        content.notes.extend(node.body_value);
        if let Some(bodies) = value.get("body") {
            for (p, body) in one_or_many(bodies, &join(path, "body")) {
                self.w3c_body(body, &p, &motivation, &id, created, &mut content);
            }
        }
        let Some(targets) = value.get("target") else {
            self.problem(&join(path, "target"), "missing");
            return None;
        };
        let (source, selectors) = match self.target(targets, &join(path, "target")) {
            Ok(found) => found,
            Err(reason) => return Some(Item::Skipped(reason)),
        };
        if self.article_url.is_none() && !source.starts_with(w3c::ARTICLE_URN_PREFIX) && !source.is_empty() {
            self.article_url = Some(source.clone());
        }
        let article_id = match source.strip_prefix(w3c::ARTICLE_URN_PREFIX).and_then(urn_unescape) {
            Some(id) => id,
            None => self.article.as_ref().map(|a| a.id.clone()).unwrap_or(source),
        };
        let clocks = match node.field_clocks {
            Some(clocks) => clocks,
            None if self.format == ImportFormat::ClaimmarkAnnotations => FieldClocks::default(),
            None => foreign_clocks(created, modified),
        };
        let mut removed_sources = Vec::new();
        let removed_path = join(path, "removedSources");
        let removed = value.get("removedSources").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
        for (i, removed) in removed.iter().enumerate() {
            if let Some(RemovedSource { id: sid, deleted }) = self.node(removed, &at(&removed_path, i)) {
                let sid = source_id(sid.as_deref(), &id, "");
                removed_sources.push(SourceTombstone { id: sid, deleted: deleted.unwrap_or(modified) });
            }
        }
        let Content { notes, verdict, kind, tags, sources } = content;
        let annotation = Annotation {
            id,
            target: Target { article_id, selectors },
            origin,
            kind: kind.unwrap_or(ClaimKind::Other),
            verdict: verdict.unwrap_or_default(),
            sources,
            removed_sources,
            note: notes.join("\n\n"),
            tags: clean_tags(tags),
            dismissed,
            created,
            modified,
            clocks,
            team: Default::default(),
        };
        Some(Item::Annotation(Box::new(annotation)))
    }

    fn w3c_body(
        &mut self,
        body: &Value,
        path: &str,
        motivation: &str,
        annotation: &AnnotationId,
        created: Timestamp,
        content: &mut Content,
    ) {
        if let Value::String(iri) = body {
            if iri.starts_with("http://") || iri.starts_with("https://") || is_dangerous_scheme(iri) {
                if let Some(url) = self.url(iri, path) {
                    let id = SourceId::from_random_bytes(crate::model::derived_id_bytes(&[
                        "source",
                        annotation.as_str(),
                        iri,
                    ]));
                    content.sources.push(plain_source(id, url, created));
                }
            }
            return;
        }
        let Some(body) = self.node::<Body>(body, path) else { return };
        let purpose = match body.purpose {
            Lenient::Valid(FirstString(purpose)) => purpose,
            Lenient::Invalid(_) => motivation.to_owned(),
        };
        let is_textual =
            has_type(&body.types, "TextualBody") || (body.types.as_ref().is_none() && body.value.is_some());
        if is_textual {
            let Some(text) = body.value else {
                self.problem(&join(path, "value"), "missing: a TextualBody needs a value");
                return;
            };
            match purpose.as_str() {
                "tagging" if body.claim_kind.ok() == Some(true) => match ClaimKind::parse(&text) {
                    Some(kind) => content.kind = Some(kind),
                    None => self.problem(&join(path, "value"), format!("'{text}' is not a claim kind")),
                },
                "tagging" => content.tags.push(text),
                "assessing" => match Verdict::parse(&text) {
                    Ok(v) if content.verdict.is_none() => content.verdict = Some(v),
                    _ => content.notes.push(format!("Verdict: {text}")),
                },
                _ => content.notes.push(text),
            }
            return;
        }
        let (key, url) = match (&body.source, &body.id) {
            (Some(source), _) => ("source", source.as_str()),
            (None, Some(id)) => ("id", id.as_str()),
            // Anything else (a Choice, a List, an embedded image) has nothing claimmark keeps.
            (None, None) => return,
        };
        // A body that is only an id with a non-web scheme (urn:isbn:..., mailto:) names a thing,
        // not a page to cite: nothing to import, nothing unsafe.
        if key == "id"
            && !url.starts_with("http://")
            && !url.starts_with("https://")
            && !is_dangerous_scheme(url)
        {
            return;
        }
        let Some(url) = self.url(url, &join(path, key)) else { return };
        let id = if key == "source" {
            source_id(body.id.as_deref(), annotation, url.as_str())
        } else {
            SourceId::from_random_bytes(crate::model::derived_id_bytes(&[
                "source",
                annotation.as_str(),
                url.as_str(),
            ]))
        };
        let added = body.created.unwrap_or(created);
        let modified = body.modified.unwrap_or(added);
        let accessed = match body.accessed.ok() {
            Some(d) => match IsoDate::parse(&d) {
                Ok(d) => Some(d),
                Err(e) => {
                    self.problem(&join(path, "accessed"), e);
                    None
                }
            },
            None => None,
        };
        content.sources.push(Source {
            id,
            url,
            title: body.title.unwrap_or_default().0,
            publisher: body.publisher.unwrap_or_default().0,
            excerpt: body.excerpt.unwrap_or_default(),
            accessed,
            note: body.source_note.unwrap_or_default(),
            added,
            modified,
        });
    }
}
