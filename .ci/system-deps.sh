#!/usr/bin/env bash
# Installs the system packages the test suite drives (a headless browser, Virtuoso for the
# remote-store tests) when run as root and they are missing; otherwise says what the tests
# that need them will do.
set -u
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v virtuoso-t >/dev/null 2>&1 || missing+=(virtuoso-opensource)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} with apt-get" >&2
  # policy-rc.d keeps the packages' own services (Virtuoso's system database on port 1111 and
  # 8890) from starting: the tests run their servers from private directories on free ports.
  policy=/usr/sbin/policy-rc.d
  created=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created=1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  [ "$created" = 1 ] && rm -f "$policy"
else
  echo "Not installing ${missing[*]} (needs root and apt-get): tests that need them will skip, or fail under CI=true" >&2
fi
exit 0
