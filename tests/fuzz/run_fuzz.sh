#!/usr/bin/env bash
# Builds the parser's libFuzzer target with clang in its own build directory and fuzzes it.
#   run_fuzz.sh BUILD_DIR [SECONDS] [extra libFuzzer options, e.g. -jobs=2 -workers=2]
# Replays tests/fuzz/regressions/ first, then fuzzes a copy of tests/fuzz/corpus/ (the seeds in
# the source tree are never modified) with sse.dict. Exits non-zero on any crash, leak, timeout
# or invariant violation (the input is saved as BUILD_DIR/artifacts/crash-*), and when clang or
# libFuzzer is missing (.ci/deps installs them).
set -euo pipefail

build=$(realpath -m "${1:?usage: run_fuzz.sh BUILD_DIR [SECONDS] [libFuzzer options]}")
seconds=${2:-25}
shift $(( $# >= 2 ? 2 : 1 ))
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(cd "$here/../.." && pwd)

# FUZZ_CXX overrides; otherwise Debian's default clang, the one .ci/deps installs.
cxx=""
for c in ${FUZZ_CXX:-} clang++ clang++-14; do
    if command -v "$c" >/dev/null; then cxx=$(command -v "$c"); break; fi
done
if [ -z "$cxx" ]; then
    echo "run_fuzz.sh: clang++ not found (Debian: apt-get install clang libclang-rt-14-dev)" >&2
    exit 1
fi
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '%s\n' '#include <cstddef>' '#include <cstdint>' \
    'extern "C" int LLVMFuzzerTestOneInput(const uint8_t *, size_t) { return 0; }' > "$probe/p.cpp"
if ! "$cxx" -fsanitize=fuzzer,address,undefined "$probe/p.cpp" -o "$probe/p" 2>"$probe/log"; then
    cat "$probe/log" >&2
    echo "run_fuzz.sh: $cxx cannot link libFuzzer (Debian: libclang-rt-<version>-dev)" >&2
    exit 1
fi

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
start=$SECONDS
if [ ! -f "$build/CMakeCache.txt" ]; then
    mkdir -p "$build"
    cmake -S "$source_dir" -B "$build" "${generator[@]}" -DCMAKE_CXX_COMPILER="$cxx" \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSSE_FUZZ=ON >"$build/configure.log" 2>&1 \
        || { cat "$build/configure.log" >&2; exit 1; }
fi
# Only the fuzz target: it compiles core's parser.cpp and types.cpp itself.
cmake --build "$build" --target fuzz_parser --parallel "${CMAKE_BUILD_PARALLEL_LEVEL:-2}"
echo "run_fuzz.sh: clang build took $(( SECONDS - start )) s"

fuzzer="$build/tests/fuzz/fuzz_parser"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}abort_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:halt_on_error=1"

shopt -s nullglob
regressions=("$here"/regressions/*)
if [ ${#regressions[@]} -gt 0 ]; then
    echo "run_fuzz.sh: replaying ${#regressions[@]} regression input(s)"
    "$fuzzer" "${regressions[@]}"
fi

corpus="$build/corpus-run"
mkdir -p "$corpus" "$build/artifacts"
cp -n "$here"/corpus/* "$corpus"/
echo "run_fuzz.sh: fuzzing for $seconds s"
"$fuzzer" "$corpus" -dict="$here/sse.dict" -max_total_time="$seconds" -max_len=8192 \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/" "$@"
