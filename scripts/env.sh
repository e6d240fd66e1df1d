# Discern build environment, sourced by the Makefile's recipes after scripts/setup.sh.
# Formatting, lints and native tests always use the pinned toolchain that set-up found
# (target/discern-toolchain). Wasm builds use it too on the rustup route; on the offline route
# `wasm_env` switches them to Debian's rustc-web (toolchain "debian-web"), which builds the
# wasm32 standard library from source.
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
if [ "$route" = offline ]; then
  wasm_env() {
    RUSTUP_TOOLCHAIN=debian-web RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 "$@"
  }
else
  wasm_env() { "$@"; }
fi
