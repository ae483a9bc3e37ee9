#!/usr/bin/env bash
# statuslint check vs ast-grep scan (rules equivalent to our site queries, in benches/ast-grep/)
# vs ripgrep searching for `status|StatusCode`, on the same tree of real JavaScript, TypeScript and
# Rust code. The tree is assembled from npm packages and the local crates.io sources, never
# committed. Prints each tool's time and the ratios.
#
#   bash benches/compare.sh            # build, install the tools, assemble the tree, measure
#   TREE=/path/to/code bash benches/compare.sh   # measure on your own tree instead
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=${WORK:-/tmp/statuslint-compare}
mkdir -p "$WORK"

say() { printf '\n=== %s\n' "$*" >&2; }

# --- the tools -----------------------------------------------------------------------------
if ! command -v rg >/dev/null || ! command -v hyperfine >/dev/null; then
  say "apt-get install ripgrep hyperfine"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq ripgrep hyperfine >/dev/null
fi
if [ ! -x "$WORK/tools/node_modules/.bin/ast-grep" ]; then
  say "npm install @ast-grep/cli"
  mkdir -p "$WORK/tools"
  (cd "$WORK/tools" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error @ast-grep/cli >/dev/null)
fi
AST_GREP=$WORK/tools/node_modules/.bin/ast-grep
say "cargo build --release"
cargo build --release --quiet
STATUSLINT=$ROOT/target/release/statuslint

# --- the tree ------------------------------------------------------------------------------
if [ -z "${TREE:-}" ]; then
  TREE=$WORK/tree
  if [ ! -d "$TREE" ]; then
    say "assembling the tree (npm packages + local crates)"
    mkdir -p "$WORK/npm" "$TREE"
    (cd "$WORK/npm" && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
      express fastify koa @nestjs/common @nestjs/core hono next@14 axios got undici http-errors >/dev/null)
    # node_modules is skipped by every tool's walker; as plain folders it is code like any other.
    cp -r "$WORK/npm/node_modules" "$TREE/js"
    mkdir -p "$TREE/rust"
    for crate in "$HOME"/.cargo/registry/src/*/*/; do
      cp -r "$crate" "$TREE/rust/" 2>/dev/null || true
    done
  fi
fi
files=$(find "$TREE" -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.jsx' -o -name '*.ts' -o -name '*.tsx' -o -name '*.rs' \) | wc -l)
bytes=$(du -sh "$TREE" | cut -f1)
say "tree: $TREE ($files source files, $bytes)"

# --- measure -------------------------------------------------------------------------------
hyperfine --warmup 1 --runs "${RUNS:-5}" --ignore-failure --export-json "$WORK/times.json" \
  -n statuslint "$STATUSLINT check --fail-on never --format json -q $TREE > /dev/null" \
  -n ast-grep "$AST_GREP scan -c $ROOT/benches/ast-grep/sgconfig.yml --json=compact $TREE > /dev/null" \
  -n ripgrep "rg -c 'status|StatusCode' -g '*.{js,mjs,cjs,jsx,ts,tsx,rs}' $TREE > /dev/null" >&2

python3 - "$WORK/times.json" "$files" <<'PY'
import json, sys
runs = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
s, a, r = runs["statuslint"], runs["ast-grep"], runs["ripgrep"]
print(f"| tool | mean time ({sys.argv[2]} files) | statuslint is |")
print("| --- | --- | --- |")
print(f"| statuslint check | {s:.3f} s | |")
print(f"| ast-grep scan | {a:.3f} s | {a / s:.1f}x faster |")
print(f"| rg 'status\\|StatusCode' | {r:.3f} s | {s / r:.1f}x slower |")
PY
