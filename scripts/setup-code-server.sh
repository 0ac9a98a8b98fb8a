#!/usr/bin/env bash
# Builds code-server 4.100.3 (VS Code 1.100.3) offline, for the end-to-end tests in test/e2e.
#
# Follows DESIGN.md §7 step by step. The only registries here are npm and Debian, so every prebuilt
# binary download is skipped (--ignore-scripts) and the native modules are compiled against the system
# Node headers instead. The result lives OUTSIDE the checkout (about 320 MB, never to be committed):
#   ${PP_CODE_SERVER_CACHE:-$HOME/.cache/parallelism-profiler/code-server-4.100.3}
#
# Idempotent: each step leaves a stamp under <cache>/.steps and is skipped next time; a finished build
# leaves <cache>/.complete, which test/e2e/codeServer.ts checks. Delete the cache folder to rebuild.
set -euo pipefail

VERSION=4.100.3
CACHE="${PP_CODE_SERVER_CACHE:-$HOME/.cache/parallelism-profiler/code-server-$VERSION}"
STEPS="$CACHE/.steps"
CS="$CACHE/node_modules/code-server"
VSCODE="$CS/lib/vscode"
CURRENT_STEP="(none)"

log() { printf '[setup-code-server] %s\n' "$*"; }
# Fail loudly, naming the step, so a broken build is never mistaken for a missing one.
trap 'rc=$?; if [ $rc -ne 0 ]; then printf "[setup-code-server] FAILED at step: %s (exit %s)\n" "$CURRENT_STEP" "$rc" >&2; fi' EXIT

# Runs one named step once; its stamp makes a re-run skip it.
step() {
  local id="$1" title="$2"; shift 2
  CURRENT_STEP="$id: $title"
  if [ -f "$STEPS/$id" ]; then log "skip   $id: $title (done before)"; return 0; fi
  log "start  $id: $title"
  local t0=$SECONDS
  "$@"
  mkdir -p "$STEPS" && date -u +%FT%TZ > "$STEPS/$id"
  log "done   $id: $title ($((SECONDS - t0)) s)"
}

if [ -f "$CACHE/.complete" ] && [ -f "$CS/out/node/entry.js" ]; then
  log "code-server $VERSION is already built in $CACHE"
  exit 0
fi

T_START=$SECONDS
mkdir -p "$CACHE" "$STEPS"
log "building code-server $VERSION in $CACHE"

# node-gyp ships inside npm; a global node-gyp is not guaranteed to exist, and npx would fetch a different version.
NODE_GYP="$(npm prefix -g)/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$NODE_GYP" ] || NODE_GYP="/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"

apt_prerequisites() {
  local missing=()
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)   # headers for the kerberos module
  command -v rg >/dev/null 2>&1 || missing+=(ripgrep)              # search; the npm package would download rg
  [ -x /usr/bin/chromium ] || missing+=(chromium)                  # the browser the tests drive
  if [ ${#missing[@]} -eq 0 ]; then log "       apt prerequisites already present"; return 0; fi
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "       apt-get install ${missing[*]}"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
}

install_code_server() {
  cd "$CACHE"
  # A private package.json keeps npm from walking up into some other project.
  [ -f package.json ] || printf '{ "name": "pp-code-server-cache", "private": true }\n' > package.json
  npm i --ignore-scripts --no-audit --no-fund "code-server@$VERSION"
}

install_vscode_deps() { cd "$VSCODE" && npm i --omit=dev --ignore-scripts --no-audit --no-fund; }

rebuild_native() {
  local mod
  for mod in node-pty @vscode/spdlog native-watchdog kerberos @vscode/deviceid; do
    CURRENT_STEP="4: node-gyp rebuild $mod"
    log "       node-gyp rebuild $mod"
    (cd "$VSCODE/node_modules/$mod" && node "$NODE_GYP" rebuild --nodedir=/usr --jobs=max)
  done
}

rebuild_argon2() {
  cd "$CS/node_modules/argon2" 2>/dev/null || cd "$CACHE/node_modules/argon2"
  local pregyp
  pregyp="$(ls "$CS/node_modules/.bin/node-pre-gyp" "$CACHE/node_modules/.bin/node-pre-gyp" 2>/dev/null | head -1 || true)"
  if [ -n "$pregyp" ]; then
    "$pregyp" rebuild --build-from-source --nodedir=/usr
  else
    npx node-pre-gyp rebuild --build-from-source --nodedir=/usr
  fi
}

# code-server loads node_modules.asar; a link to the plain folder stands in for the archive.
link_asar() { cd "$VSCODE" && ln -sfn node_modules node_modules.asar; }

link_ripgrep() {
  local rg; rg="$(command -v rg)"
  mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
  ln -sfn "$rg" "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"
}

install_builtin_ext_deps() { cd "$VSCODE/extensions" && npm i --omit=dev --ignore-scripts --no-audit --no-fund; }

smoke_test() {
  local out
  # A config folder inside the cache: code-server otherwise writes ~/.config/code-server/config.yaml.
  out="$(XDG_CONFIG_HOME="$CACHE/.config" node "$CS/out/node/entry.js" --version 2>&1)" || { echo "$out" >&2; return 1; }
  log "       entry.js --version: $(echo "$out" | grep -F "$VERSION" | head -1)"
  echo "$out" | grep -q "$VERSION"
}

step 1 "apt prerequisites (libkrb5-dev ripgrep chromium)" apt_prerequisites
step 2 "npm i --ignore-scripts code-server@$VERSION" install_code_server
step 3 "npm i --omit=dev --ignore-scripts in lib/vscode" install_vscode_deps
step 4 "node-gyp rebuild native modules (node-pty @vscode/spdlog native-watchdog kerberos @vscode/deviceid)" rebuild_native
step 5 "node-pre-gyp rebuild argon2 from source" rebuild_argon2
step 6 "link node_modules.asar -> node_modules" link_asar
step 7 "link system rg into @vscode/ripgrep/bin" link_ripgrep
step 8 "npm i --omit=dev --ignore-scripts in lib/vscode/extensions" install_builtin_ext_deps
step 9 "smoke test: entry.js --version" smoke_test

CURRENT_STEP="stamp"
date -u +%FT%TZ > "$CACHE/.complete"
log "code-server $VERSION ready in $CACHE ($((SECONDS - T_START)) s)"
log "entry: node $CS/out/node/entry.js"
