# Discern build environment, sourced by the Makefile's recipes after scripts/setup.sh.
# Formatting, lints and native tests always use the pinned toolchain that set-up found
# (target/discern-toolchain). Wasm builds (`wasm_env …`) use it too on the rustup route; on
# the offline route they use Debian's rustc-web (toolchain "debian-web").
route=$(cat target/discern-route 2>/dev/null || echo rustup)
export RUSTUP_TOOLCHAIN
RUSTUP_TOOLCHAIN=$(cat target/discern-toolchain)
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
# The wasm build does not carry this machine's paths (panic locations name source files):
# dependencies' sources read as `/deps/…`, Discern's own as `/discern/…`.
remap="--remap-path-prefix=$PWD/=/discern/"
for src in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
  [ -d "$src" ] && remap="$remap --remap-path-prefix=$src=/deps/"
done
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$remap"
# Wasm builds compile the standard library themselves, optimized for size like the app, and
# a panic stops the module at once (no unwinding or panic-message machinery in the download;
# `browser::crash` shows the error screen from JavaScript). `Debug` formatting writes nothing
# and panics carry no source locations (nothing the app shows uses either: sentences come
# from `messages.rs` with `Display`). These need `-Z` flags, which the pinned stable toolchain
# accepts with RUSTC_BOOTSTRAP=1, for these builds only. Native builds and tests keep both.
# Together they make the reading page 34.5 KB (gzip) smaller: no `Debug` formatting 9.7 KB,
# a panic that stops at once 9.9 KB, the standard library built for size the rest.
WASM_Z_FLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none"
build_std() {
  RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$remap $WASM_Z_FLAGS" "$@"
}
if [ "$route" = offline ]; then
  wasm_env() {
    RUSTUP_TOOLCHAIN=debian-web CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 build_std "$@"
  }
else
  wasm_env() { build_std "$@"; }
fi
