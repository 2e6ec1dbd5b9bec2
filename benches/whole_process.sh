#!/usr/bin/env bash
# Whole-process measure (issue 6): `lectern list DIR --filter QUERY --format json` over N
# generated articles, cold (no index cache) and warm (cache kept), next to the I/O floor
# (`cat` of every article file to /dev/null), all in one hyperfine run so ratios are fair on a
# shared, noisy machine. Peak RSS of the cold and warm runs comes from `/usr/bin/time -v`.
#
# Usage:   benches/whole_process.sh [N]          (N defaults to 100000)
# Env:     QUERY   filter query (default "kinh te")
#          RUNS    timed runs per command (default 5)
#          WARMUP  warm-up runs per command (default 1)
#
# What it does:
#   1. `cargo build --release` of lectern and the gen_corpus example;
#   2. generates N articles into target/corpus-N (seed 1), reused when already complete;
#   3. installs hyperfine if missing (apt-get when root, else `cargo install hyperfine --locked`);
#   4. runs hyperfine: floor, cold (`--prepare 'rm -rf CACHE'` before every run), warm;
#   5. prints medians, cold/floor and warm/floor, and peak RSS for cold and warm.
# Peak RSS is measured in the timed runs themselves (`/usr/bin/time -v -a -o FILE` around
# lectern, the largest "Maximum resident set size" of each command's runs), so a slow cold
# start is not paid twice more; /usr/bin/time adds well under a millisecond per run.
# XDG_CACHE_HOME, XDG_DATA_HOME and XDG_CONFIG_HOME point into a temporary folder (removed at
# the end), so nobody's real bookmarks, settings or cache are read or touched.
#
# "Cold" means no lectern index cache, not a cold page cache: the warm-up runs leave the files
# in the OS page cache for every command alike, which is what the floor measures too.
# The Markdown and JSON tables are written to target/whole_process-N.{md,json}.
set -euo pipefail

N="${1:-100000}"
QUERY="${QUERY:-kinh te}"
RUNS="${RUNS:-5}"
WARMUP="${WARMUP:-1}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

cargo build --release --bin lectern --example gen_corpus
LECTERN="$TARGET/release/lectern"
CORPUS="$TARGET/corpus-$N"

# A marker written after a complete generation: an interrupted one is redone.
if [[ ! -f "$CORPUS/.complete" ]]; then
    rm -rf "$CORPUS"
    "$TARGET/release/examples/gen_corpus" "$CORPUS" "$N" --seed 1
    touch "$CORPUS/.complete"
fi
echo "corpus: $CORPUS: $(find "$CORPUS" -type f -name '*.txt' | wc -l) files, $(du -sh "$CORPUS" | cut -f1)"

if ! command -v hyperfine > /dev/null; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get > /dev/null; then
        apt-get install -y hyperfine
    else
        cargo install hyperfine --locked
    fi
fi

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
export XDG_CACHE_HOME="$SCRATCH/cache" XDG_DATA_HOME="$SCRATCH/data" XDG_CONFIG_HOME="$SCRATCH/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"

q() { printf '%q' "$1"; }
FLOOR="find $(q "$CORPUS") -type f -name '*.txt' -exec cat {} + > /dev/null"
# The lectern command, with its peak RSS appended to $SCRATCH/rss-NAME.
list() {
    printf '/usr/bin/time -v -a -o %s %s list %s --filter %s --format json > /dev/null' \
        "$(q "$SCRATCH/rss-$1")" "$(q "$LECTERN")" "$(q "$CORPUS")" "$(q "$QUERY")"
}
CLEAR="rm -rf $(q "$XDG_CACHE_HOME")"
REPORT="$TARGET/whole_process-$N"

hyperfine --warmup "$WARMUP" --runs "$RUNS" \
    --export-markdown "$REPORT.md" --export-json "$REPORT.json" \
    --prepare true --command-name floor "$FLOOR" \
    --prepare "$CLEAR" --command-name cold "$(list cold)" \
    --prepare true --command-name warm "$(list warm)"

peak_rss() {
    awk -F': ' '/Maximum resident set size/ { if ($2 > max) max = $2 } END { print max + 0 }' "$1"
}
COLD_RSS="$(peak_rss "$SCRATCH/rss-cold")"
WARM_RSS="$(peak_rss "$SCRATCH/rss-warm")"
CACHE_SIZE="$(du -sh "$XDG_CACHE_HOME" 2> /dev/null | cut -f1 || true)"

python3 - "$REPORT.json" "$COLD_RSS" "$WARM_RSS" "${CACHE_SIZE:-none}" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
floor = results["floor"]["median"]
for name in ("floor", "cold", "warm"):
    r = results[name]
    print(f"{name:>5}: median {r['median'] * 1000:8.1f} ms  (min {r['min'] * 1000:.1f}, "
          f"max {r['max'] * 1000:.1f})  ratio to floor {r['median'] / floor:5.2f}")
print(f"peak RSS (largest of the runs): cold {int(sys.argv[2]) / 1024:.1f} MiB, warm {int(sys.argv[3]) / 1024:.1f} MiB")
print(f"index cache after the warm run: {sys.argv[4]}")
PY
echo "tables: $REPORT.md, $REPORT.json"
