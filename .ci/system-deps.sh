#!/usr/bin/env bash
# Installs the system packages the test suite drives (a headless browser) when run as root
# and they are missing; otherwise says what the tests that need them will do.
set -u
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} with apt-get" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Not installing ${missing[*]} (needs root and apt-get): tests that need them will skip, or fail under CI=true" >&2
fi
exit 0
