#!/usr/bin/env bash
# Relocks the FastAPI skeleton: after a pin changes in
# templates/fastapi-service/skeleton/pyproject.toml (or a dependency is added or
# removed), writes skeleton/locks/<database>-<auth>/requirements.txt and
# requirements-dev.txt with `uv pip compile --universal --generate-hashes` (valid on
# every Python the form offers, every platform) and records their inputs in
# templates/fastapi-service/skeleton-locks.json. Commit all of it together;
# packages/golden-path-verification/src/locks/skeletonLocks.test.ts fails until you do.
# Needs python3 with venv and PyPI access. uv is installed, at a pinned version, into
# .cache/lock-tools (rebuilt when the pin changes).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
uv_pin="uv==0.13.8"
home="$repo/.cache/lock-tools"
if [[ ! -x "$home/bin/uv" || "$(cat "$home/pin" 2>/dev/null)" != "$uv_pin" ]]; then
  rm -rf "$home"
  python3 -m venv "$home" >&2
  "$home/bin/pip" install --quiet --disable-pip-version-check "$uv_pin" >&2
  echo "$uv_pin" >"$home/pin"
fi
cd "$repo"
source scripts/ensure-node.sh >/dev/null
UV="$home/bin/uv" npx tsx packages/golden-path-verification/locks/lockSkeleton.ts
