#!/bin/sh
# RUSTC_WRAPPER for the release wasm (tools/release-env.sh sets it). It compiles the claim detector
# with -Zshare-generics=n and passes everything else through. With -Zbuild-std the standard library
# is compiled at the release profile's opt-level "z", and at "z" or "s" a crate reuses the copies of
# generic code (iterators, Vec) that the crates it depends on compiled: the detector, at "s", would
# run std's copies at "z" and be 17% slower. With share-generics off, it compiles its own copies at
# its own opt-level, for 1.8 KB gzipped. Cargo cannot give one crate a compiler flag, hence a
# wrapper. It is called as: rustc-release.sh RUSTC ARGS... Cargo does not rebuild when this file
# changes: remove target/size after editing it.
rustc=$1
shift
case " $* " in
  *" --crate-name claimmark_detect "*) exec "$rustc" "$@" -Zshare-generics=n ;;
esac
exec "$rustc" "$@"
