#!/usr/bin/env bash
# Prints the size of a Discern build: each wasm, JS and CSS file raw and gzipped, and the
# total transfer (gzip) that SPEC 7.1 bounds at 200 KB.
set -euo pipefail
dir=${1:-dist}
total=0
for f in "$dir"/*.wasm "$dir"/*.js "$dir"/*.css; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + gz))
  printf '  %-48s %8d B raw %8d B gzip\n' "$(basename "$f")" "$raw" "$gz"
done
awk -v t="$total" 'BEGIN { printf "release transfer (wasm + JS + CSS, gzip): %d B (%.1f KB)\n", t, t / 1000 }'
