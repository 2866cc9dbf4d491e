# Sourced (not run) by ./x and bench/run.sh before they build the release wasm that pages load.
#
# The release wasm is built with two unstable options of the installed stable compiler, enabled
# with RUSTC_BOOTSTRAP=1 for these builds only (tests, clippy and native builds do not see them):
#   -Zbuild-std with optimize_for_size   the standard library compiled with the release profile and
#                                        its smaller code paths, instead of the precompiled one
#   -Cpanic=immediate-abort              a panic traps at once; no panic messages, locations or
#                                        formatting code in the download (claimmark does not panic
#                                        by design, and a panic stops the widget either way)
# and, through tools/rustc-release.sh (a RUSTC_WRAPPER), -Zshare-generics=n for the claim detector
# alone, without which detection would be 17% slower.
# Together: the publisher page 325 -> 297 KB gzipped when they came in, and V8's lazy compilation
# before the seed article's first paint 38% shorter in traces (BENCHMARKS.md). The standard library
# is built once per target directory (about a minute); ./x builds in target/size so that this does
# not evict the test builds in target/.
#
# If this compiler rejects the options (a newer Rust may rename them) or has no rust-src, the build
# goes on without them, larger, and says so.

claimmark_release_env() {
  local flags="-Zunstable-options -Cpanic=immediate-abort"
  local sysroot probe ok=
  sysroot=$(rustc --print sysroot)
  # Not `-o /dev/null`: rustc replaces its output file, and would replace /dev/null.
  probe=$(mktemp -d)
  # shellcheck disable=SC2086 # the flags are words
  if [ -d "$sysroot/lib/rustlib/src/rust/library" ] \
    && echo 'pub fn probe() {}' | RUSTC_BOOTSTRAP=1 rustc $flags --target wasm32-unknown-unknown --crate-type lib \
      --crate-name probe --emit metadata --out-dir "$probe" - 2>/dev/null; then
    ok=1
  fi
  rm -rf "$probe"
  if [ -n "$ok" ]; then
    export RUSTC_BOOTSTRAP=1
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags"
    RUSTC_WRAPPER="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/rustc-release.sh"
    export RUSTC_WRAPPER
    export CLAIMMARK_RELEASE_FLAGS="build-std, optimize_for_size, $flags, -Zshare-generics=n for the detector"
  else
    echo "WARNING: this Rust ($(rustc --version)) rejects the size options or has no rust-src;" \
      "building the release wasm without them (about 28 KB gzipped larger; see tools/release-env.sh)" >&2
    export CLAIMMARK_RELEASE_FLAGS="none (the size options were rejected)"
  fi
}
