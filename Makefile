# rosc: the front door.
#   make run     install what is missing, build, create var/rosc.db with demo
#                data if there is none, and serve on http://127.0.0.1:8080
#   make check   install what is missing, build with sanitizers, run every test
#   make fuzz    the libFuzzer harnesses (tests/fuzz/), 300 s each; what they
#                find goes to var/fuzz/ (FUZZ_SECONDS=N to change the time)
#   make bench   generate data, drive rosc with wrk, write bench/results/
#                (DB=postgres for PostgreSQL; N=persons, default 100000)
#   make bench-growth  (a) and (e) at 10,000 and 100,000 persons
#   make bench-large   the same and 1,000,000 (SQLite)
#   make check-security  sqlmap against every form and query parameter of a
#                demo rosc, as several roles (make check runs a short part)
# Build folders: build/ for running, build-check/ for the tests, build-fuzz/
# (clang) for the fuzzing harnesses.

BUILD       ?= build
CHECK_BUILD ?= build-check
DB          ?= sqlite:var/rosc.db
ROSC         = $(BUILD)/rosc

.PHONY: all run check check-security fuzz bench bench-growth bench-large deps build build-check clean format

all: build

deps:
	@scripts/install-deps.sh build

build: deps
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD) --buildtype=release -Db_ndebug=false
	@ninja -C $(BUILD)

run: build
	@ROSC=$(ROSC) DB=$(DB) scripts/run.sh

check:
	@scripts/check.sh

check-security: build
	@scripts/install-deps.sh check
	@ROSC=$(ROSC) scripts/security.sh

fuzz:
	@scripts/install-deps.sh check
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-300} FUZZ_OUT=$${FUZZ_OUT:-var/fuzz} scripts/fuzz.sh

bench: build
	@scripts/install-deps.sh bench
	@DB=$(DB) bench/run.sh

bench-growth: build
	@scripts/install-deps.sh bench
	@DB=$(DB) bench/growth.sh

bench-large: build
	@scripts/install-deps.sh bench
	@LARGE=1 bench/growth.sh

clean:
	rm -rf $(BUILD) $(CHECK_BUILD) build-fuzz

format:
	clang-format -i src/*.c src/*/*.c src/*/*.h tests/unit/*.c
