#!/usr/bin/env bash
# Regenerate requirements.txt (the full pinned lock) from requirements.in in a clean venv.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check -r requirements.in
{
  echo "# Full pinned lock of requirements.in; regenerate with tools/lock.sh."
  "$tmp/venv/bin/pip" freeze --disable-pip-version-check --exclude-editable | sort -f
} > requirements.txt
rm -rf "$tmp"
