#!/usr/bin/env bash
# Installs the Debian packages VETStat needs when they are missing: via apt-get when run as root,
# otherwise prints the exact apt line and stops. Extra package names may be passed as arguments
# (e.g. the benchmarks add libjemalloc-dev).
set -euo pipefail

required=(liblapacke-dev libopenblas-dev libnlopt-dev libreadstat-dev libzstd-dev librsvg2-bin "$@")
missing=()
for package in "${required[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing system packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
else
  echo "VETStat needs these Debian packages. Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
