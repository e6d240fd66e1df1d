#!/usr/bin/env bash
# Discern set-up: installs whatever is missing to build, serve and test the app, and does
# nothing when everything is already there.
#
# What it makes sure of:
#   - the Rust that rust-toolchain.toml pins, with rustfmt and clippy: it formats, lints and
#     runs the native tests on every machine (README: "Toolchain");
#   - a way to build wasm32-unknown-unknown: rustup's own target for that toolchain where it
#     can be downloaded, otherwise Debian's rustc-web/cargo-web with the standard-library
#     source, linked as the rustup toolchain "debian-web" and building std itself;
#   - wasm-bindgen-cli at the exact version Cargo.toml pins, and trunk;
#   - Chromium and ChromeDriver for the browser tests, Node.js packages from package-lock.json
#     (playwright-core drives Chromium, binaryen's wasm-opt shrinks the release build).
# The toolchain and route it chose are written to target/discern-toolchain and
# target/discern-route and read by scripts/env.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
TRUNK_VERSION=0.21.14
ROUTE_FILE=target/discern-route
mkdir -p target

log() { printf '[setup] %s\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

# Runs apt-get with `$@`, waiting while another apt-get or dpkg holds the package lock (a
# fresh machine may be installing its own updates at boot): it tries again every 5 s, for up
# to APT_WAIT seconds (300), and says once that it waits. Any other failure stops set-up.
APT_WAIT=${APT_WAIT:-300}
apt_get() {
  local out waited=0
  while :; do
    if out=$(DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=5 "$@" 2>&1); then
      return 0
    fi
    if ! printf '%s\n' "$out" | grep -qE 'Could not get lock|Unable to lock|Unable to acquire'; then
      printf '%s\n' "$out" >&2
      return 1
    fi
    if [ "$waited" -ge "$APT_WAIT" ]; then
      printf '%s\n' "$out" >&2
      log "apt-get still could not get its lock after ${APT_WAIT} s: another apt-get or dpkg is running"
      return 1
    fi
    [ "$waited" -gt 0 ] || log "another apt-get or dpkg holds the package lock: waiting for it (up to ${APT_WAIT} s)"
    sleep 5
    waited=$((waited + 5))
  done
}

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
APT_UPDATED=
apt_install() {
  [ $# -gt 0 ] || return 0
  if ! have apt-get; then
    log "please install: $* (no apt-get on this machine)"
    return 1
  fi
  if [ -z "$APT_UPDATED" ]; then
    apt_get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  apt_get install -y -qq --no-install-recommends "$@"
}

# --- Rust ------------------------------------------------------------------------------
# The pinned toolchain (rust-toolchain.toml) formats, lints and tests on every machine.
have rustup || { log "rustup is required (https://rustup.rs)"; exit 1; }
PINNED=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
TOOLCHAIN_FILE=target/discern-toolchain

rust_version() { rustup run "$1" rustc --version 2>/dev/null | awk '{print $2}'; }
has_components() {
  rustup run "$1" cargo fmt --version >/dev/null 2>&1 &&
    rustup run "$1" cargo clippy --version >/dev/null 2>&1
}

toolchain=
if [ "$(rust_version "$PINNED")" = "$PINNED" ] && has_components "$PINNED"; then
  toolchain=$PINNED
else
  log "rustup toolchain install $PINNED (gives up after 300 s)"
  if timeout 300 rustup toolchain install "$PINNED" --profile minimal \
      --component rustfmt --component clippy >/dev/null 2>&1 &&
      has_components "$PINNED"; then
    toolchain=$PINNED
  else
    # No download: an installed toolchain of exactly the pinned version serves as well.
    for t in $(rustup toolchain list | awk '{print $1}'); do
      if [ "$(rust_version "$t")" = "$PINNED" ] && has_components "$t"; then
        toolchain=$t
        break
      fi
    done
  fi
fi
if [ -z "$toolchain" ]; then
  log "Rust $PINNED with rustfmt and clippy could not be installed, and no installed toolchain is $PINNED."
  log "Install it (rustup toolchain install $PINNED --component rustfmt --component clippy) and run again."
  exit 1
fi
echo "$toolchain" > "$TOOLCHAIN_FILE"
log "Rust $PINNED: toolchain $toolchain"

# --- Rust for wasm32 --------------------------------------------------------------------
# rustup's wasm32 target and standard-library source for that toolchain where they can be
# downloaded (the rustup route); otherwise Debian's rustc-web with its standard-library
# source (the offline route). Either way the wasm build compiles the standard library itself,
# for size, with immediate abort on panic (scripts/env.sh).
rustup_route_ready() {
  rustup target list --installed --toolchain "$toolchain" 2>/dev/null |
    grep -x wasm32-unknown-unknown >/dev/null &&
    rustup component list --installed --toolchain "$toolchain" 2>/dev/null |
    grep '^rust-src' >/dev/null
}

offline_route_ready() {
  rustup toolchain list | grep '^debian-web' >/dev/null &&
    [ -d /usr/lib/rustlib/src/rust/library ] && have wasm-ld-22 &&
    RUSTC_BOOTSTRAP=1 rustup run debian-web rustc -Zunstable-options -Cpanic=immediate-abort \
      -Zfmt-debug=none -Zlocation-detail=none \
      --target wasm32-unknown-unknown --print cfg >/dev/null 2>&1
}

take_offline_route() {
  if ! offline_route_ready; then
    log "taking the offline route: Debian's rustc-web with the standard-library source"
    apt_install rustc-web cargo-web rust-web-src lld-22 || true
    rustup toolchain list | grep '^debian-web' >/dev/null || rustup toolchain link debian-web /usr
  fi
  if ! offline_route_ready; then
    log "the offline route is not ready: Debian's rustc-web, rust-web-src and lld-22 are needed,"
    log "and the compiler must accept -Cpanic=immediate-abort, -Zfmt-debug=none and"
    log "-Zlocation-detail=none (rustc-web 1.96 does)."
    exit 1
  fi
}

route=
if [ "${DISCERN_ROUTE:-}" = offline ]; then
  take_offline_route
  route=offline
elif rustup_route_ready; then
  route=rustup
elif [ "$(cat "$ROUTE_FILE" 2>/dev/null)" = offline ] && offline_route_ready; then
  # This machine took the offline route before: no second two-minute wait for a download.
  route=offline
else
  log "rustup target add wasm32-unknown-unknown, component add rust-src (gives up after 120 s each)"
  if timeout 120 rustup target add wasm32-unknown-unknown --toolchain "$toolchain" >/dev/null 2>&1 &&
      timeout 120 rustup component add rust-src --toolchain "$toolchain" >/dev/null 2>&1 &&
      rustup_route_ready; then
    route=rustup
  else
    take_offline_route
    route=offline
  fi
fi
echo "$route" > "$ROUTE_FILE"
log "wasm toolchain route: $route"

# --- wasm-bindgen and trunk -------------------------------------------------------------
# Built with the pinned toolchain, whatever route the app itself takes.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (several minutes, once)"
  RUSTUP_TOOLCHAIN=$toolchain cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
if ! have trunk; then
  log "cargo install trunk $TRUNK_VERSION (ten minutes or so, once)"
  RUSTUP_TOOLCHAIN=$toolchain cargo install -q trunk --version "$TRUNK_VERSION" --locked
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
