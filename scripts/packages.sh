# The Debian 12 packages sovang needs, by purpose. Sourced by the other scripts.
SOVANG_BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd tesseract-ocr-script-viet
  libxapian-dev libsqlite3-dev libpoco-dev zlib1g-dev nlohmann-json3-dev catch2
  libicu-dev libhunspell-dev hunspell-vi libpoppler-cpp-dev
  libqrencode-dev libcairo2-dev libpango1.0-dev libsodium-dev
  fonts-dejavu-core fonts-dejavu-extra fonts-liberation2 fonts-noto-core
  python3 python3-pil
)
SOVANG_TEST_PACKAGES=(zbar-tools poppler-utils chromium curl)
SOVANG_BENCH_PACKAGES=(wrk ocrmypdf img2pdf hyperfine time)

# Installs the named packages that are missing (apt-get update once, only then).
sovang_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "sovang: installing ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

# Configures and builds into build/ (Release unless told otherwise; extra
# arguments go to cmake).
sovang_build() {
  local root; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  # Warnings are errors only when asked (test.sh): CMake keeps options in its
  # cache, and run.sh after test.sh must not inherit test.sh's.
  cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE="${SOVANG_BUILD_TYPE:-Release}" \
    -DSOVANG_WERROR=OFF "$@" >&2
  cmake --build "$root/build" -j "$(nproc)" >&2
}
