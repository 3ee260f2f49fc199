#!/usr/bin/env bash
# Builds smart-whisper's native addon (whisper.cpp, from the source in its npm package) offline,
# because the project installs with ignore-scripts and node-gyp would otherwise try to download
# Node's headers. The addon is cached by smart-whisper version and by a hash of this recipe
# (this folder, the compiler flags, the CPU architecture), outside node_modules, so `npm ci` does
# not cost another build: on a cache hit it is only copied back into the package.
#
#   media/whisper/build.sh            build if needed; if it cannot be built, say so and exit 0
#   media/whisper/build.sh --require  the same, but fail when it cannot be built (CI)
#
# On CPUs with AVX2, FMA and F16C it compiles with those instructions: about 17x faster than the
# portable scalar build that smart-whisper's own install script makes.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
require=false
[[ "${1:-}" == "--require" ]] && require=true

cannot_build() {
  echo "smart-whisper not built ($1); local transcription (whisper) stays off."
  echo "To enable it: install build-essential and python3, then run: npm run media:whisper"
  $require && exit 1
  exit 0
}

package_dir="$(cd "$root/media" && node -p "require('path').dirname(require.resolve('smart-whisper/package.json'))" 2>/dev/null)" ||
  cannot_build "the smart-whisper package is not installed; run npm install"
version="$(node -p "require('$package_dir/package.json').version")"
addon="$package_dir/build/Release/smart-whisper.node"

flags="-O3"
if grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo && grep -qw f16c /proc/cpuinfo; then
  flags="-O3 -mavx2 -mfma -mf16c"
fi
recipe_hash="$(
  cd "$here"
  {
    find . -type f | sort | xargs sha256sum
    echo "flags=$flags arch=$(uname -m)"
  } | sha256sum | cut -c1-12
)"
cache_root="${SMART_WHISPER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/namesti}"
cached="$cache_root/smart-whisper-$version-$recipe_hash/smart-whisper.node"

install_cached() {
  if cmp -s "$cached" "$addon"; then
    echo "smart-whisper $version ($flags): in place, from $cached"
    return
  fi
  mkdir -p "$(dirname "$addon")"
  cp "$cached" "$addon.tmp"
  mv "$addon.tmp" "$addon"
  echo "smart-whisper $version ($flags): copied $cached into $addon"
}

if [[ -f "$cached" ]]; then
  install_cached
  exit 0
fi

missing=()
for tool in c++ cc make python3; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
((${#missing[@]})) && cannot_build "missing: ${missing[*]}"

# node-gyp comes with npm (npm run sets npm_config_node_gyp); Node's headers come from the
# installed Node (/usr/include/node on Debian and in the official tarballs), never downloaded.
node_gyp="${npm_config_node_gyp:-}"
if [[ -z "$node_gyp" || ! -f "$node_gyp" ]]; then
  node_gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
fi
[[ -f "$node_gyp" ]] || cannot_build "node-gyp (bundled with npm) not found"
node_prefix="$(node -p "require('path').resolve(process.execPath, '../..')")"
node_version="$(node -p process.versions.node)"
nodedir=""
for candidate in "$node_prefix" "${XDG_CACHE_HOME:-$HOME/.cache}/node-gyp/$node_version"; do
  if [[ -f "$candidate/include/node/node_api.h" && -f "$candidate/include/node/common.gypi" ]]; then
    nodedir="$candidate"
    break
  fi
done
[[ -n "$nodedir" ]] || cannot_build "Node's headers (include/node/node_api.h) not found"

# Build a patched copy, never the package in node_modules: `npm ci` would not notice the edit.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/node_modules"
cp -r "$package_dir" "$work/node_modules/smart-whisper"
rm -rf "$work/node_modules/smart-whisper/build"
# binding.gyp asks `require('node-addon-api')` from the package folder.
addon_api_dir="$(cd "$package_dir" && node -p "require('path').dirname(require.resolve('node-addon-api/package.json'))")"
ln -s "$addon_api_dir" "$work/node_modules/node-addon-api"
patch -s -d "$work/node_modules/smart-whisper" -p1 <"$here/smart-whisper-fixes.patch"

echo "building smart-whisper $version offline with $flags (30 to 60 s on 2 cores)..."
started=$(date +%s)
(
  cd "$work/node_modules/smart-whisper"
  # COMPUTE_BACKEND=cpu: smart-whisper would link OpenBLAS if the build machine happened to
  # have it, and the cached addon would then not load where it is missing.
  CFLAGS="$flags" CXXFLAGS="$flags" COMPUTE_BACKEND=cpu nice node "$node_gyp" rebuild \
    --nodedir="$nodedir" --jobs="$(nproc)" >"$work/build.log" 2>&1
) || {
  tail -n 60 "$work/build.log"
  $require && exit 1
  echo "smart-whisper build failed; local transcription (whisper) stays off."
  exit 0
}
built="$work/node_modules/smart-whisper/build/Release/smart-whisper.node"
# A quick load check: the addon must open in this Node before it is cached.
node -e "require(process.argv[1])" "$built"

mkdir -p "$(dirname "$cached")"
cp "$built" "$cached.tmp"
mv "$cached.tmp" "$cached"
echo "built in $(($(date +%s) - started)) s, cached as $cached"
install_cached
