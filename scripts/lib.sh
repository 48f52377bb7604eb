# Shared by scripts/demo and scripts/test: install what is missing, then build.
# shellcheck shell=bash
set -euo pipefail

TDKT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian bookworm packages: compiler and build tools, the libraries tdkt links, the font it
# embeds (subset at build time by hb-subset from libharfbuzz-bin, given a 'prep' table by
# python3-fonttools), the sRGB profile of the PDF/A output intent (icc-profiles-free), and
# poppler-utils for the end-to-end tests.
TDKT_PACKAGES=(
  build-essential cmake pkg-config
  libpoco-dev libxml2-dev libicu-dev libhpdf-dev libboost-filesystem-dev libsqlite3-dev
  libssl-dev libqpdf-dev libarchive-dev zlib1g-dev catch2
  fonts-liberation2 poppler-utils qpdf libharfbuzz-bin python3-fonttools icc-profiles-free
)

tdkt_install_packages() {
  local missing=()
  for p in "${TDKT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  echo "tdkt: cài các gói còn thiếu: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

tdkt_build() {
  cmake -S "$TDKT_ROOT" -B "$TDKT_ROOT/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$TDKT_ROOT/build" -j"$(nproc)"
}
