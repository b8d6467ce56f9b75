# AnPei — the commands a newcomer needs (see README): make run, make test, make build.
# Every target installs what it needs on a fresh Debian 12 machine first (scripts/install-deps.sh
# skips packages already installed, so a second run is quick).

SHELL := /bin/bash
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
TSAN_DIR ?= build-tsan
FUZZ_SECONDS ?= 30
CMAKE_FLAGS ?=
CTEST_FLAGS ?= -j2 --output-on-failure --timeout 300

# Debian packages by purpose.
PKG_BUILD := g++ cmake ninja-build ccache pkg-config make git ca-certificates
PKG_LIBS := libsqlite3-dev libpq-dev libsodium-dev postgresql libtomlplusplus-dev libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libspdlog-dev libzip-dev libxml2-dev libicu-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk libmagic-dev libopencv-dev libopencv-contrib-dev opencv-data libturbojpeg0-dev libpng-dev libavformat-dev libavcodec-dev libavutil-dev libexif-dev libqrencode-dev zlib1g-dev
PKG_TEST := libgtest-dev clang libclang-rt-14-dev clang-format clang-tidy chromium fonts-noto-cjk sqlite3 poppler-utils libyaml-dev ffmpeg opencv-doc wrk python3 zbar-tools
# The console needs Node >= 20.19 (Vite 7). Debian's own nodejs is only installed when no node
# is on the PATH at all; a newer one already present is kept.
PKG_NODE := $(if $(shell command -v node 2>/dev/null),,nodejs npm)
PACKAGES := $(PKG_BUILD) $(PKG_LIBS) $(PKG_TEST) $(PKG_NODE)

.PHONY: all deps build web web-check test test-unit test-asan test-tsan test-e2e e2e-and-tidy tidy fuzz format format-check run bench clean

all: build

deps:
	@scripts/install-deps.sh $(PACKAGES)

$(BUILD_DIR)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/build.ninja web/dist/index.html
	cmake --build $(BUILD_DIR)

# The web console (Vue 3 + Vite): npm ci from the lock file when it changed, then a build when a
# source changed. The server serves web/dist.
WEB_SOURCES := $(shell find web/src -type f 2>/dev/null) web/index.html web/vite.config.js web/package.json
web/node_modules/.package-lock.json: web/package-lock.json | deps
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@
web/dist/index.html: $(WEB_SOURCES) web/node_modules/.package-lock.json
	cd web && npm run build --silent
web: web/dist/index.html

# The console's own checks: ESLint + Prettier, and the vitest unit tests.
web-check: web/node_modules/.package-lock.json
	cd web && npm run --silent lint && npm test --silent

# Everything CI checks: formatting, the console's lint and unit tests, the C++ suites (unit, rule
# cases, use cases in-process, storage, API on both stores, layering) built once, with ASan and
# UBSan, the browser tests against that same server binary, clang-tidy, the server under
# ThreadSanitizer (built with clang, whose -Wthread-safety checks every GUARDED_BY) loaded by the
# concurrency tests, and a fuzzing smoke run. One C++ build runs the suites (a plain build would
# only run them again without the sanitizers); `make build` still builds the plain tree.
test: deps web/dist/index.html
	$(MAKE) --no-print-directory format-check
	$(MAKE) --no-print-directory web-check
	$(MAKE) --no-print-directory test-asan
	$(MAKE) --no-print-directory e2e-and-tidy
	$(MAKE) --no-print-directory test-tsan
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh
	@echo "make test: all suites passed"

# The plain build's suites, without sanitizers (quicker while working on one thing).
test-unit: build
	scripts/with-postgres.sh ctest --test-dir $(BUILD_DIR) $(CTEST_FLAGS)

# ThreadSanitizer on the server: `anpei` built with clang and -fsanitize=thread, loaded by the API
# tests that hit it from many threads at once (their clients are the ASan build's test binaries,
# pointed at this server by ANPEI_SERVER_BINARY). A race makes the server abort (halt_on_error),
# which fails the test; the reports land in $(TSAN_DIR)/tsan.* and are shown whether or not the
# tests failed. OpenCV runs on the request's thread here (ANPEI_IMAGE_THREADS=0): its TBB pool is
# not instrumented, so TSan cannot see how TBB hands work over and takes OpenCV's worker touching
# the caller's stack for a race (docs/architecture.md).
TSAN_TESTS ?= Concurrent|KillMinus9|Sigkill|HeadcountsStreamLive|Server\.|Edge\.
test-tsan: deps $(ASAN_DIR)/build.ninja
	CC=clang CXX=clang++ cmake -S . -B $(TSAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DANPEI_TSAN=ON -DANPEI_TESTS=OFF $(CMAKE_FLAGS) >/dev/null
	cmake --build $(TSAN_DIR) --target anpei
	cmake --build $(ASAN_DIR)
	rm -f $(TSAN_DIR)/tsan.*
	ANPEI_SERVER_BINARY=$(abspath $(TSAN_DIR))/anpei ANPEI_IMAGE_THREADS=0 \
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 log_path=$(abspath $(TSAN_DIR))/tsan" \
	  $(ASAN_ENV) scripts/with-postgres.sh ctest --test-dir $(ASAN_DIR) $(CTEST_FLAGS) -R '$(TSAN_TESTS)'; \
	  rc=$$?; \
	  if ls $(TSAN_DIR)/tsan.* >/dev/null 2>&1; then cat $(TSAN_DIR)/tsan.*; echo "test-tsan: data races reported"; exit 1; fi; \
	  [ $$rc -eq 0 ] && echo "test-tsan: no data race"

# clang-tidy (.clang-tidy) over every production source file, two at a time.
TIDY_FILES = $(shell git ls-files 'src/*.cc' 2>/dev/null)
tidy: $(BUILD_DIR)/build.ninja
	@printf '%s\n' $(TIDY_FILES) | xargs -P2 -n4 clang-tidy -p $(BUILD_DIR) --quiet
	@echo 'tidy: clean'

# The browser tests (on the ASan server) and clang-tidy side by side: the browser tests mostly
# wait on Chromium and the server, and leave a core idle that clang-tidy, at nice 19 so that the
# browser tests keep their pace, uses meanwhile (docs/performance.md). clang-tidy's output goes to
# $(ASAN_DIR)/tidy.log and is shown when it fails; either failing fails the target.
e2e-and-tidy: $(BUILD_DIR)/build.ninja $(ASAN_DIR)/build.ninja
	@mkdir -p $(ASAN_DIR); nice -n 19 $(MAKE) --no-print-directory tidy >$(ASAN_DIR)/tidy.log 2>&1 & \
	  tidy=$$!; \
	  $(MAKE) --no-print-directory test-e2e E2E_DIR=$(ASAN_DIR); e2e=$$?; \
	  wait $$tidy; rc=$$?; \
	  if [ $$rc -ne 0 ]; then grep -v 'warnings generated' $(ASAN_DIR)/tidy.log; echo "tidy: failed"; \
	  else tail -n 1 $(ASAN_DIR)/tidy.log; fi; \
	  [ $$e2e -eq 0 ] && [ $$rc -eq 0 ]

# tests/lsan.supp names the font and PDF libraries whose process-lifetime caches LeakSanitizer
# would otherwise report; our own code is never suppressed.
ASAN_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp)
# Built with clang: it compiles this tree at -O0 under ASan/UBSan about 40 % faster than gcc
# (src/app/completion.cc 5.4 s -> 3.2 s). `make build` and `make run` use gcc: CI (`make test`)
# compiles with clang only, the developer's plain build with gcc.
$(ASAN_DIR)/build.ninja: CMakeLists.txt | deps
	CC=clang CXX=clang++ cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DANPEI_SANITIZE=ON \
	  -DANPEI_BENCHES=OFF $(CMAKE_FLAGS)
test-asan: deps $(ASAN_DIR)/build.ninja
	cmake --build $(ASAN_DIR)
	$(ASAN_ENV) scripts/with-postgres.sh ctest --test-dir $(ASAN_DIR) $(CTEST_FLAGS)

# Browser tests: headless Chromium (Debian's) driven by playwright-core against the real server
# (E2E_DIR's `anpei`: the plain build by default, the ASan build under `make test`). Screenshots
# of every step land in E2E_DIR/e2e-artifacts; layout.mjs then visits every role's pages at phone,
# tablet and desktop sizes (screenshots in E2E_DIR/e2e-artifacts/layout).
E2E_DIR ?= $(BUILD_DIR)
test-e2e: deps web/dist/index.html $(E2E_DIR)/build.ninja
	cmake --build $(E2E_DIR) --target anpei
	$(ASAN_ENV) E2E_ARTIFACTS=$(E2E_DIR)/e2e-artifacts ANPEI_BINARY=$(E2E_DIR)/anpei node tests/e2e/run.mjs
	$(ASAN_ENV) E2E_ARTIFACTS=$(E2E_DIR)/e2e-artifacts ANPEI_BINARY=$(E2E_DIR)/anpei node tests/e2e/layout.mjs

# Benchmarks: grows a store through the API to 100 k trainees / 10 k classes on both backends and
# compares lists and lookups at 1 k and 100 k; then the spreadsheet reader on 10 k / 100 k rows and
# a full roster import through the API, each beside sqlite3's .import; then the morning peak
# (issue 13): writes per second through HTTP under wrk at 64 and 256 clients beside raw inserts
# and a Node.js peer (see docs/performance.md). ANPEI_BENCH=sheet or ANPEI_BENCH=peak runs only
# that part.
# The Node peer's better-sqlite3 is built from source against the installed node's headers (no
# prebuilt binary is fetched).
PEER_DIR := tests/bench/node_peer
$(PEER_DIR)/node_modules/.package-lock.json: $(PEER_DIR)/package-lock.json | deps
	cd $(PEER_DIR) && npm_config_nodedir=$$(dirname $$(dirname $$(command -v node))) npm ci --no-audit --no-fund --loglevel=error
	@touch $@

bench: build $(PEER_DIR)/node_modules/.package-lock.json
	if [ -z "$(ANPEI_BENCH)" ]; then scripts/with-postgres.sh $(BUILD_DIR)/sign_in_flood_bench; fi
	if [ -z "$(ANPEI_BENCH)" ]; then scripts/with-postgres.sh $(BUILD_DIR)/api_bench; fi
	if [ -z "$(ANPEI_BENCH)" ] || [ "$(ANPEI_BENCH)" = sheet ]; then scripts/with-postgres.sh $(BUILD_DIR)/sheet_bench; fi
	if [ -z "$(ANPEI_BENCH)" ] || [ "$(ANPEI_BENCH)" = peak ]; then scripts/with-postgres.sh $(BUILD_DIR)/peak_bench; fi
	if [ -z "$(ANPEI_BENCH)" ] || [ "$(ANPEI_BENCH)" = evidence ]; then $(BUILD_DIR)/evidence_bench; fi
	if [ -z "$(ANPEI_BENCH)" ] || [ "$(ANPEI_BENCH)" = face ]; then $(BUILD_DIR)/face_bench; fi
	if [ -z "$(ANPEI_BENCH)" ] || [ "$(ANPEI_BENCH)" = online ]; then scripts/with-postgres.sh $(BUILD_DIR)/online_bench; fi

fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh

FORMAT_FILES = $(shell git ls-files '*.cc' '*.h' 2>/dev/null)
format: deps
	clang-format -i $(FORMAT_FILES)

format-check: deps
	@clang-format --dry-run --Werror $(FORMAT_FILES) && echo 'format-check: clean'

LISTEN ?= 127.0.0.1:8080
DB ?= sqlite:var/anpei.db
# Serves the console and the API on http://127.0.0.1:8080 until Ctrl-C, over the SQLite file
# var/anpei.db; the demo data goes into it first when it is empty. Builds only what it serves: the
# anpei binary and web/dist (the test suites and benchmarks build under `make build` / `make test`).
# Another address or store: make run LISTEN=0.0.0.0:9000 DB=postgresql://anpei@localhost/anpei
run: deps $(BUILD_DIR)/build.ninja web/dist/index.html
	cmake --build $(BUILD_DIR) --target anpei
	@mkdir -p var
	$(BUILD_DIR)/anpei demo --db $(DB)
	$(BUILD_DIR)/anpei serve --listen $(LISTEN) --db $(DB)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(TSAN_DIR) build-fuzz
