#!/usr/bin/env bash
# Checks out every corpus repository at its labelled commit, as <dir>/<owner>+<name>,
# the layout the agreement runner expects. Reads owner/name@sha from labels.json, so the
# list lives in one place. Public GitHub URLs only; nothing from the checkouts is run.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 <dir>" >&2
  exit 2
fi
dest=$1
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dest"

# owner/name commit, one pair a line
node -e '
  const labels = require(process.argv[1]);
  for (const { repo, commit } of labels) console.log(`${repo} ${commit}`);
' "$here/labels.json" | while read -r repo commit; do
  target="$dest/${repo/\//+}"
  if [ -d "$target/.git" ] && [ "$(git -C "$target" rev-parse HEAD)" = "$commit" ]; then
    echo "ok      $repo@$commit"
    continue
  fi
  rm -rf "$target"
  # A blob-less clone keeps the download small; checkout fetches the blobs it needs.
  git clone --quiet --filter=blob:none --no-checkout "https://github.com/$repo.git" "$target"
  git -C "$target" -c advice.detachedHead=false checkout --quiet "$commit"
  echo "fetched $repo@$commit"
done
