# Discern build environment, sourced by the Makefile's recipes after scripts/setup.sh.
# On the offline route cargo is Debian's rustc-web (toolchain "debian-web"), which builds the
# wasm32 standard library from source; on the rustup route nothing needs setting.
route=$(cat target/discern-route 2>/dev/null || echo rustup)
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
if [ "$route" = offline ]; then
  export RUSTUP_TOOLCHAIN=debian-web
  export RUSTC_BOOTSTRAP=1
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22
  # Only wasm builds may build std: `wasm_env trunk build`.
  wasm_env() { CARGO_UNSTABLE_BUILD_STD=std,panic_abort "$@"; }
else
  wasm_env() { "$@"; }
fi
