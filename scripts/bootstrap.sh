#!/usr/bin/env bash
# Prepares a fresh Debian machine for Cloutility Desk: the system packages the app and its tests
# need (Chromium for end-to-end tests, libsecret and gnome-keyring for the OS keychain, D-Bus,
# Xvfb, Python's requests for the API guide's example, openssl for the network tests' test CA), then the
# exact node modules of the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium libsecret-1-dev gnome-keyring dbus dbus-x11 xvfb xauth python3 python3-requests make g++ openssl)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "bootstrap: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Reinstall node modules only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bootstrap: npm ci"
  npm ci --no-fund --no-audit --loglevel=error
fi
echo "bootstrap: ready"
