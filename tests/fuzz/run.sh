#!/usr/bin/env bash
# Builds the libFuzzer target with clang and runs it for FUZZ_SECONDS (default 30), seeded with
# the inputs of every rule case and the kept corpus. A crash leaves its input in
# tests/fuzz/corpus-work/crash-*; copy it into tests/fuzz/corpus/ (and a case) when fixed.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-30}
dir=${FUZZ_DIR:-build-fuzz}
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DANPEI_FUZZ=ON -DANPEI_TESTS=OFF >/dev/null
cmake --build "$dir" --target plan_json_fuzz
work=tests/fuzz/corpus-work
mkdir -p "$work/seeds" "$work/new"
for f in tests/cases/plan/*.case; do
  sed '1,/^----$/d' "$f" >"$work/seeds/$(basename "$f" .case)"
done
# Replay the kept corpus first: every past crash must stay fixed.
"$dir/plan_json_fuzz" -runs=0 tests/fuzz/corpus "$work/seeds"
"$dir/plan_json_fuzz" -max_total_time="$seconds" -timeout=5 -max_len=4096 \
  -artifact_prefix="$work/" -print_final_stats=1 "$work/new" tests/fuzz/corpus "$work/seeds" 2>&1 |
  grep -E 'stat::number_of_executed_units|stat::peak_rss|Done|ERROR|SUMMARY' || true
if compgen -G "$work/crash-*" >/dev/null || compgen -G "$work/timeout-*" >/dev/null; then
  echo "fuzz: a crashing or hanging input was found, see $work/" >&2
  exit 1
fi
echo "fuzz: ${seconds}s without a crash"
