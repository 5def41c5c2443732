# capmig: `make run` and `make test` work on a fresh Debian machine (they install what is missing).
BUILD ?= build
JOBS  ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo
PREFIX ?= /usr/local

.PHONY: all deps build install run test test-unit test-asan test-fuzz bench bench-stream clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

# The binary alone, to $(PREFIX)/bin/capmig (data files are compiled in).
install: build
	@cmake --install $(BUILD) --prefix $(PREFIX)

# capmig's main job on the bundled samples.
run: build
	@scripts/run-samples.sh $(BUILD)/capmig

# Every test: unit, end-to-end and interop (ctest), the unit and CLI tests again under
# ASan+UBSan, and a bounded libFuzzer run of each parser.
test: test-unit test-asan test-fuzz

test-unit: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

test-asan: deps
	@cmake -S . -B $(BUILD)-asan -DCAPMIG_SANITIZE=ON -DCAPMIG_INTEROP=OFF >/dev/null
	@cmake --build $(BUILD)-asan -j$(JOBS)
	ctest --test-dir $(BUILD)-asan --output-on-failure -j$(JOBS)

test-fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B $(BUILD)-fuzz -DCAPMIG_FUZZ=ON -DCAPMIG_INTEROP=OFF >/dev/null
	@cmake --build $(BUILD)-fuzz -j$(JOBS)
	ctest --test-dir $(BUILD)-fuzz --output-on-failure -R '^fuzz\.'

bench: build
	@bench/run.sh

# The token commands end to end on every core: jsonl decode vs node, a bare HMAC loop, --extract vs rg.
bench-stream: deps
	@bench/stream_bench.sh

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz
