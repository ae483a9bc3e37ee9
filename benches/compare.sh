#!/usr/bin/env bash
# statuslint check vs ast-grep scan (rules equivalent to our site queries, in benches/ast-grep/)
# vs ripgrep searching for `status|StatusCode`, on the same tree of real JavaScript, TypeScript,
# Rust, Python and Go code. The tree is assembled from npm packages, the local crates.io sources,
# PyPI packages and Debian's Go source packages, never committed. Prints each tool's time and the ratios.
#
#   bash benches/compare.sh            # build, install the tools, assemble the tree, measure
#   TREE=/path/to/code bash benches/compare.sh   # measure on your own tree instead
#   RUNS=15 AST_GREP_RUNS=3 bash benches/compare.sh # more statuslint/rg pairs, fewer ast-grep runs
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
      express fastify koa @nestjs/common @nestjs/core hono next@14 axios got undici http-errors \
      @hapi/hapi @hapi/boom >/dev/null)
    cp -r "$WORK/npm/node_modules" "$TREE/js"
    # The Rust web frameworks and their dependencies, vendored (their own tests included).
    mkdir -p "$WORK/vendor/src" "$TREE/rust"
    cat > "$WORK/vendor/Cargo.toml" <<'TOML'
[package]
name = "vendor"
version = "0.1.0"
edition = "2021"
[dependencies]
axum = "0.8"
actix-web = "4"
rocket = "0.5"
warp = "0.3"
hyper = { version = "1", features = ["full"] }
reqwest = "0.12"
http = "1"
tower-http = { version = "0.6", features = ["full"] }
TOML
    echo 'fn main() {}' > "$WORK/vendor/src/main.rs"
    (cd "$WORK/vendor" && cargo vendor --quiet "$WORK/vendor/crates" >/dev/null)
    cp -r "$WORK/vendor/crates/." "$TREE/rust/"
    for crate in "$HOME"/.cargo/registry/src/*/*/; do
      [ -d "$TREE/rust/$(basename "$crate")" ] || cp -r "$crate" "$TREE/rust/" 2>/dev/null || true
    done
  fi
  # Python's web frameworks from PyPI, and Go's from Debian's golang-*-dev packages, which ship
  # their sources (tests included).
  if [ ! -d "$TREE/python" ]; then
    say "pip install --target (fastapi, flask, django, starlette, DRF, aiohttp, werkzeug, requests, httpx)"
    pip install -q --no-deps --target "$TREE/python" fastapi flask django starlette \
      djangorestframework aiohttp werkzeug requests httpx >/dev/null
  fi
  if [ ! -d "$TREE/go" ]; then
    say "apt-get download golang-*-dev (gin, echo, chi, gorilla/mux, validator, x/net)"
    mkdir -p "$WORK/deb" "$TREE/go"
    (cd "$WORK/deb" && apt-get download -qq golang-github-gin-gonic-gin-dev \
      golang-github-labstack-echo-dev golang-github-go-chi-chi-dev golang-github-gorilla-mux-dev \
      golang-github-go-playground-validator-v10-dev golang-golang-x-net-dev >/dev/null 2>&1)
    for deb in "$WORK"/deb/*.deb; do dpkg -x "$deb" "$WORK/deb/root"; done
    cp -r "$WORK/deb/root/usr/share/gocode/src/." "$TREE/go/"
  fi
fi
files=$(find "$TREE" -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.jsx' -o -name '*.ts' -o -name '*.tsx' -o -name '*.rs' -o -name '*.py' -o -name '*.go' \) | wc -l)
bytes=$(du -sh "$TREE" | cut -f1)
say "tree: $TREE ($files source files, $bytes)"

# --- the skim changes nothing ----------------------------------------------------------------
# `check` parses only the code around possible sites; `--whole-files` parses every file whole, as
# the language server does. Over a real tree both must report the same findings.
say "statuslint check vs statuslint check --whole-files (must agree)"
# --no-ignore everywhere: node_modules, vendored crates and test folders are code like any other.
"$STATUSLINT" check --no-ignore --fail-on never --format json -q "$TREE" > "$WORK/skimmed.json"
"$STATUSLINT" check --no-ignore --fail-on never --format json -q --whole-files "$TREE" > "$WORK/whole.json"
if ! cmp -s "$WORK/skimmed.json" "$WORK/whole.json"; then
  echo "the skimmed and whole-file checks disagree: diff $WORK/skimmed.json $WORK/whole.json" >&2
  exit 1
fi
echo "same $(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$WORK/skimmed.json") findings" >&2

# --- measure -------------------------------------------------------------------------------
# Timings on a shared machine drift by tens of percent over a minute, so the two fast tools are
# timed in alternation (statuslint, rg, statuslint, rg, ...) and compared by their medians; each
# pair ran under the same conditions. ast-grep, 30x slower, is timed apart with hyperfine.
python3 - "$WORK/pairs.json" "${RUNS:-5}" "$STATUSLINT" "$TREE" <<'PY'
import json, subprocess, sys, time
out, runs, statuslint, tree = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
commands = {
    "statuslint": [statuslint, "check", "--no-ignore", "--fail-on", "never", "--format", "json", "-q", tree],
    "ripgrep": ["rg", "--no-ignore", "-c", "status|StatusCode", "-g", "*.{js,mjs,cjs,jsx,ts,tsx,rs,py,go}", tree],
}
times = {name: [] for name in commands}
for argv in commands.values():  # warm-up
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(runs):
    for name, argv in commands.items():
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - start)
json.dump(times, open(out, "w"))
PY
hyperfine --warmup 1 --runs "${AST_GREP_RUNS:-3}" --ignore-failure --export-json "$WORK/times.json" \
  -n statuslint "$STATUSLINT check --no-ignore --fail-on never --format json -q $TREE > /dev/null" \
  -n ast-grep "$AST_GREP scan -c $ROOT/benches/ast-grep/sgconfig.yml --json=compact $TREE > /dev/null" >&2

python3 - "$WORK/pairs.json" "$WORK/times.json" "$files" <<'PY'
import json, statistics, sys
pairs = json.load(open(sys.argv[1]))
s, r = (statistics.median(pairs[n]) for n in ("statuslint", "ripgrep"))
ratios = sorted(a / b for a, b in zip(pairs["statuslint"], pairs["ripgrep"]))
hyper = {x["command"]: x["mean"] for x in json.load(open(sys.argv[2]))["results"]}
a, s_beside_a = hyper["ast-grep"], hyper["statuslint"]
print(f"| tool | median time ({sys.argv[3]} files) | statuslint is |")
print("| --- | --- | --- |")
print(f"| statuslint check | {s:.3f} s | |")
print(f"| ast-grep scan | {a:.3f} s | {a / s_beside_a:.1f}x faster |")
print(f"| rg 'status\\|StatusCode' | {r:.3f} s | {s / r:.1f}x slower "
      f"(pairs: {ratios[0]:.1f}x-{ratios[-1]:.1f}x) |")
PY
