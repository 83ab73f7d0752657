#!/usr/bin/env bash
# Sets everything up on a fresh Debian 12 machine and runs the main job:
# build, ingest data-samples/ into a fresh archive, serve it on
# http://127.0.0.1:8080 and print the URL (and a staff login).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/packages.sh"
sovang_install "${SOVANG_BUILD_PACKAGES[@]}"
sovang_build
data=${SOVANG_DATA:-$root/archive}
rm -rf "$data"
"$root/build/sovang" ingest --data "$data" "$root/data-samples/set-default"
password=${SOVANG_ADMIN_PASSWORD:-$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | head -c 16)}
printf '%s\n' "$password" | "$root/build/sovang" user add admin --role admin --data "$data" >/dev/null
echo "sovang: staff login admin / $password" >&2
exec "$root/build/sovang" serve --data "$data" --listen "${SOVANG_LISTEN:-127.0.0.1:8080}"
