#!/usr/bin/env bash
# Sets everything up on a fresh Debian 12 machine and runs every test:
# installs the build and test packages, builds with warnings as errors, runs ctest
# (unit, end-to-end over loopback, real Tesseract, and the browser tests).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/packages.sh"
sovang_install "${SOVANG_BUILD_PACKAGES[@]}" "${SOVANG_TEST_PACKAGES[@]}"
command -v npm >/dev/null || sovang_install nodejs npm
SOVANG_BUILD_TYPE=${SOVANG_BUILD_TYPE:-RelWithDebInfo} sovang_build -DSOVANG_WERROR=ON
cd "$root/build"
export OMP_THREAD_LIMIT=1
ctest --output-on-failure -j "$(nproc)" --timeout 1200 "$@"
