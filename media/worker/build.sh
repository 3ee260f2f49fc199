#!/usr/bin/env bash
# Builds mediasoup's C++ worker offline against Debian 12's libraries, because its install
# script downloads a prebuilt binary or subprojects from GitHub, which these machines cannot reach.
# The binary is cached by mediasoup version and by a hash of this recipe, outside node_modules,
# so `npm ci` does not cost another six-minute build. `.cache/mediasoup-worker` in the project
# links to it; the server finds the worker there (or at MEDIASOUP_WORKER_BIN).
#
#   media/worker/build.sh            build if needed; without the build packages, say so and exit 0
#   media/worker/build.sh --require  the same, but fail without them (CI)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
require=false
[[ "${1:-}" == "--require" ]] && require=true

APT_PACKAGES="meson ninja-build pkg-config libuv1-dev libssl-dev libabsl-dev libsrtp2-dev libflatbuffers-dev flatbuffers-compiler ffmpeg"

# The package's exports hide package.json, so resolve its entry and walk up to the package root.
mediasoup_dir="$(cd "$root/media" && node -p "require('path').resolve(require.resolve('mediasoup'), '../../..')")"
version="$(node -p "require('$mediasoup_dir/package.json').version")"
recipe_hash="$(cd "$here" && find build.sh shims -type f | sort | xargs sha256sum | sha256sum | cut -c1-12)"
cache_root="${MEDIASOUP_WORKER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/namesti}"
cached="$cache_root/mediasoup-worker-$version-$recipe_hash/mediasoup-worker"
link="$root/.cache/mediasoup-worker"

link_cached() {
  mkdir -p "$(dirname "$link")"
  ln -sfn "$cached" "$link"
  echo "mediasoup worker $version: $cached"
}

if [[ -x "$cached" ]]; then
  link_cached
  exit 0
fi

missing=()
for tool in meson ninja pkg-config flatc c++ ffmpeg; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
for module in libuv libssl libcrypto libsrtp2 flatbuffers absl_strings absl_optional; do
  pkg-config --exists "$module" 2>/dev/null || missing+=("$module")
done
if ((${#missing[@]})); then
  echo "mediasoup worker not built (missing: ${missing[*]}); live video stays off."
  echo "To enable it: sudo apt-get install -y $APT_PACKAGES && npm run media:worker"
  $require && exit 1
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$mediasoup_dir/worker" "$work/worker"
cd "$work/worker"

# Debian 12 has meson 1.0.1; the worker builds with it without warnings.
sed -i "s/meson_version: '>= 1.1.0'/meson_version: '>= 1.0.0'/" meson.build
# mediasoup bug exposed by Debian's kernel-TLS OpenSSL: the BIO callback must test the flag,
# not equality, or libssl never allocates its DTLS write buffer and the worker crashes on the
# first handshake with a browser.
sed -i 's/operationType == BIO_CB_RETURN/operationType \& BIO_CB_RETURN/' src/RTC/DtlsTransport.cpp
grep -q 'operationType & BIO_CB_RETURN' src/RTC/DtlsTransport.cpp

# Meson uses subprojects/<directory from the .wrap> if it exists and never downloads.
for wrap in libuv openssl libsrtp3 flatbuffers abseil-cpp unordered-dense; do
  dir="$(sed -n 's/^directory = //p' "subprojects/$wrap.wrap")"
  shim="${wrap/unordered-dense/unordered_dense}"
  cp -r "$here/shims/$shim" "subprojects/$dir"
  cp "$here/shims/empty.c" "subprojects/$dir/empty.c"
done

echo "building mediasoup worker $version offline (about 6 minutes on 2 cores)..."
started=$(date +%s)
nice meson setup --wrap-mode=nodownload --prefix "$work/out" --bindir "" --libdir "" \
  --buildtype release -Db_ndebug=true "$work/build" >"$work/setup.log" ||
  { cat "$work/setup.log"; exit 1; }
nice ninja -C "$work/build" mediasoup-worker >"$work/ninja.log" ||
  { tail -n 60 "$work/ninja.log"; exit 1; }
meson install -C "$work/build" --no-rebuild --tags mediasoup-worker >/dev/null

mkdir -p "$(dirname "$cached")"
cp "$work/out/mediasoup-worker" "$cached.tmp"
mv "$cached.tmp" "$cached"
echo "built in $(($(date +%s) - started)) s"
link_cached
