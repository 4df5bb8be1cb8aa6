#!/usr/bin/env bash
# The report's browser tests drive Debian's chromium (Playwright with the system browser, no download).
# Installs it when missing and this user may; otherwise says what to do, in one line.
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null && command -v apt-get >/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "error: the browser tests need chromium (Debian: apt-get install chromium)" >&2
  exit 1
fi
