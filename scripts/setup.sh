#!/usr/bin/env bash
# Discern set-up: installs whatever is missing to build, serve and test the app, and does
# nothing when everything is already there.
#
# What it makes sure of:
#   - a Rust toolchain that builds wasm32-unknown-unknown: rustup's own target where it can
#     be downloaded, otherwise Debian's rustc-web/cargo-web with the standard-library source,
#     linked as the rustup toolchain "debian-web" and building std itself (-Zbuild-std);
#   - wasm-bindgen-cli at the exact version Cargo.toml pins, and trunk;
#   - Chromium and ChromeDriver for the browser tests, Node.js packages from package-lock.json
#     (playwright-core drives Chromium, binaryen's wasm-opt shrinks the release build).
# The route it chose is written to target/discern-route and read by scripts/env.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
TRUNK_VERSION=0.21.14
ROUTE_FILE=target/discern-route
mkdir -p target

log() { printf '[setup] %s\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

APT_UPDATED=
apt_install() {
  [ $# -gt 0 ] || return 0
  local sudo=
  [ "$(id -u)" = 0 ] || sudo=sudo
  if ! have apt-get; then
    log "please install: $* (no apt-get on this machine)"
    return 1
  fi
  if [ -z "$APT_UPDATED" ]; then
    $sudo apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- Rust for wasm32 --------------------------------------------------------------------
have rustup || { log "rustup is required (https://rustup.rs)"; exit 1; }

offline_route_ready() {
  rustup toolchain list | grep -q '^debian-web' &&
    [ -d /usr/lib/rustlib/src/rust/library ] && have wasm-ld-22 &&
    [ -x /usr/bin/cargo-clippy ] && [ -x /usr/bin/rustfmt ]
}

install_offline_route() {
  log "taking the offline route: Debian's rustc-web with the standard-library source"
  apt_install rustc-web cargo-web rust-web-src lld-22 rust-web-clippy rustfmt-web
  rustup toolchain list | grep -q '^debian-web' || rustup toolchain link debian-web /usr
}

route=
if [ "${DISCERN_ROUTE:-}" = offline ]; then
  offline_route_ready || install_offline_route
  route=offline
elif rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  route=rustup
elif offline_route_ready; then
  route=offline
else
  log "rustup target add wasm32-unknown-unknown (gives up after 120 s)"
  if timeout 120 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
    route=rustup
  else
    install_offline_route
    route=offline
  fi
fi
echo "$route" > "$ROUTE_FILE"
log "wasm toolchain route: $route"

# --- wasm-bindgen and trunk -------------------------------------------------------------
# Built with the default toolchain, whatever route the app itself takes.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (several minutes, once)"
  env -u RUSTUP_TOOLCHAIN cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
if ! have trunk; then
  log "cargo install trunk $TRUNK_VERSION (ten minutes or so, once)"
  env -u RUSTUP_TOOLCHAIN cargo install -q trunk --version "$TRUNK_VERSION" --locked
fi

# --- browser and Node.js packages -------------------------------------------------------
missing=()
have chromium || missing+=(chromium)
have chromedriver || missing+=(chromium-driver)
have node || missing+=(nodejs)
have npm || missing+=(npm)
have python3 || missing+=(python3)
# Fonts: text to lay out for the browser tests (a mouse drag needs real glyphs), and emoji
# for the people who look at the screenshots.
for font in fonts-dejavu-core fonts-liberation fonts-noto-color-emoji; do
  if have dpkg && ! dpkg -s "$font" >/dev/null 2>&1; then missing+=("$font"); fi
done
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

stamp=node_modules/.discern-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
log "ready"
