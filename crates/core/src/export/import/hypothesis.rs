//! Reading the Hypothesis API's search response and single Hypothesis annotations.

use serde_json::Value;

use super::error::ImportError;
use super::file::ImportFile;
use super::lenient::List;
use super::nodes::{HypothesisRow, HypothesisSearch};
use super::reader::{annotation_id, foreign_clocks, times, Item, Reader};
use crate::json_path::join;
use crate::model::clean_tags;
use crate::model::{Annotation, ClaimKind, Origin, Target, Verdict};

impl Reader {
    pub(super) fn hypothesis(mut self, root: &Value) -> Result<ImportFile, ImportError> {
        let rows: Vec<(String, &Value)> = match root {
            Value::Array(list) => list.iter().enumerate().map(|(i, v)| (format!("[{i}]"), v)).collect(),
            _ => match self.node::<HypothesisSearch>(root, "") {
                Some(_) if root.get("rows").is_some() => self.list(root, "rows", ""),
                Some(_) => vec![(String::new(), root)],
                None => Vec::new(),
            },
        };
        self.check_count(rows.len())?;
        for (path, row) in rows {
            let result = self.hypothesis_row(row, &path);
            self.take(&path, result);
        }
        self.finish()
    }

    fn hypothesis_row(&mut self, value: &Value, path: &str) -> Option<Item> {
        let row: HypothesisRow = self.node(value, path)?;
        let fingerprint = serde_json::to_string(value).unwrap_or_default();
        let id = annotation_id(row.id.as_deref(), &[&fingerprint]);
        let (created, modified) = times(row.created, row.updated, self.now);
        let Some(targets) = value.get("target") else {
            self.problem(&join(path, "target"), "missing");
            return None;
        };
        let target = self.target(targets, &join(path, "target"));
        if row.references.ok().is_some_and(|r| !r.is_empty()) {
            return Some(Item::Skipped("a reply to another annotation".to_owned()));
        }
        let (source, selectors) = match target {
            Ok(found) => found,
            Err(reason) => return Some(Item::Skipped(reason)),
        };
        let page = row.uri.filter(|u| !u.is_empty()).unwrap_or(source);
        if self.article_url.is_none() && !page.is_empty() {
            self.article_url = Some(page.clone());
        }
        let annotation = Annotation {
            id,
            target: Target { article_id: page, selectors },
            origin: Origin::User,
            kind: ClaimKind::Other,
            verdict: Verdict::Unrated,
            sources: Vec::new(),
            removed_sources: Vec::new(),
            note: row.text.unwrap_or_default(),
            tags: clean_tags(row.tags.map(|List(tags)| tags).unwrap_or_default()),
            dismissed: false,
            created,
            modified,
            clocks: foreign_clocks(created, modified),
            team: Default::default(),
        };
        Some(Item::Annotation(Box::new(annotation)))
    }
}
