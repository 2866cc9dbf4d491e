#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): puts the default article next to index.html as
# seed-article.txt, the file the app page opens when the page names no other. That is the seed
# article, ../shared/seed-article.txt, where it is beside the repository, and otherwise the article
# shipped in the repository, www/articles/default-article.txt (its source and licence are in
# www/articles/README.md), so that a fresh clone builds and shows an article.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${TRUNK_STAGING_DIR:?set TRUNK_STAGING_DIR to the directory that gets the article}
if [ -f ../shared/seed-article.txt ]; then
  cp ../shared/seed-article.txt "$out/seed-article.txt"
else
  cp www/articles/default-article.txt "$out/seed-article.txt"
  echo "default-article: no ../shared/seed-article.txt; the default article is www/articles/default-article.txt" >&2
fi
