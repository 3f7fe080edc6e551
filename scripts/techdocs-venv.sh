#!/usr/bin/env bash
# Installs TechDocs' generator (mkdocs + mkdocs-techdocs-core, scripts/techdocs-requirements.txt)
# into a project-owned virtualenv, .cache/techdocs-python/venv, and links its mkdocs into
# .cache/techdocs-python/path/, the one directory `npm start` puts on PATH (package.json),
# so the portal's backend finds mkdocs and nothing else of the venv shadows the system.
# Cached: rebuilt only when the requirements or the Python version change.
# Needs python3 with venv and PyPI access on the first run. Prints the directory for PATH.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
requirements="$repo/scripts/techdocs-requirements.txt"
home="$repo/.cache/techdocs-python"
venv="$home/venv"
stamp="$home/key"
key="$(python3 --version 2>&1) $(sha256sum "$requirements" | cut -d' ' -f1)"

if [[ ! -x "$venv/bin/mkdocs" || "$(cat "$stamp" 2>/dev/null)" != "$key" ]]; then
  rm -rf "$home"
  mkdir -p "$home"
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2
  echo "$key" >"$stamp"
fi
mkdir -p "$home/path"
ln -sfn "$venv/bin/mkdocs" "$home/path/mkdocs"
"$home/path/mkdocs" --version >&2
echo "$home/path"
