#!/usr/bin/env bash
# Fails when a production source file (src/) is over 600 lines: one file per aggregate, route group
# or workflow keeps each readable (docs/architecture.md). Functions over 80 lines are clang-tidy's
# readability-function-size (make tidy).
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
limit=600
over=$(find src -name '*.cc' -o -name '*.h' | xargs wc -l | awk -v l=$limit '$2 != "total" && $1 > l {print $2 " (" $1 " lines)"}')
if [[ -n $over ]]; then
  echo "source size: over $limit lines:" >&2
  echo "$over" >&2
  exit 1
fi
largest=$(find src -name '*.cc' -o -name '*.h' | xargs wc -l | grep -v ' total$' | sort -n | tail -1)
echo "source size: every file under $limit lines (largest: ${largest## })"
