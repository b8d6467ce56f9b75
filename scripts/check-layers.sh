#!/usr/bin/env bash
# Fails when a layer includes what it may not (docs/architecture.md, "Layers"): the domain sees
# only the C++ standard library and base/ and domain/; no layer but cli/ and http/ sees
# Boost.Beast/Asio. The build enforces the project's own folders per target (build/layers/); this
# check also catches third-party headers, which the compiler would find on the system path.
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
fail=0
while IFS= read -r line; do
  file=${line%%:*}
  inc=$(sed -E 's/.*#include *([<"])([^">]+)[">].*/\1\2/' <<<"${line#*:}")
  case "$inc" in
    '"base/'* | '"domain/'*) ;;
    '<'*)
      name=${inc#<}
      # Standard headers have no '/' and no '.' (<string>, <cstdint>, <algorithm>).
      if [[ $name == */* || $name == *.* ]]; then
        echo "layering: $file includes <$name>, which is not the C++ standard library" >&2
        fail=1
      fi
      ;;
    *)
      echo "layering: $file includes ${inc#\"}, outside base/ and domain/" >&2
      fail=1
      ;;
  esac
done < <(grep -rn --include='*.h' --include='*.cc' -E '^\s*#\s*include' src/domain | sed -E 's/^([^:]+):[0-9]+:/\1:/')
if grep -rln --include='*.h' --include='*.cc' -E '#\s*include\s*<boost/(beast|asio)' src | grep -v '^src/http/' >/dev/null; then
  grep -rln --include='*.h' --include='*.cc' -E '#\s*include\s*<boost/(beast|asio)' src | grep -v '^src/http/' | sed 's/^/layering: Boost.Beast\/Asio outside src\/http: /' >&2
  fail=1
fi
if ((fail)); then exit 1; fi
echo "layering: src/domain includes only the standard library, base/ and domain/; Beast/Asio only in src/http"
