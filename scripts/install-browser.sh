#!/usr/bin/env bash
# Install what tests/report/test_html_browser.py needs: Debian's chromium (/usr/bin/chromium)
# and Playwright's Python package in the active virtual environment. Idempotent: each step is
# skipped when already done. Never runs `playwright install` (we drive the system chromium).
#   FACTCHECK_CJK_FONTS=1  also install fonts-noto-cjk (only screenshots need real glyphs).
set -euo pipefail

#   PYTHON=/path/to/venv/bin/python  use that interpreter instead of the active venv's.
if [ -z "${PYTHON:-}" ] && [ -z "${VIRTUAL_ENV:-}" ]; then
    echo "install-browser: no active virtual environment; activate one or set PYTHON" >&2
    exit 2
fi
python=${PYTHON:-python}

apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
if [ "${FACTCHECK_CJK_FONTS:-0}" = 1 ] && ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
    apt_packages+=(fonts-noto-cjk)
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "install-browser: apt-get install ${apt_packages[*]}"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${apt_packages[@]}"
else
    echo "install-browser: chromium already installed"
fi

if "$python" -c "import playwright.sync_api" 2>/dev/null; then
    echo "install-browser: playwright already installed"
else
    echo "install-browser: pip install playwright"
    "$python" -m pip install --quiet playwright
fi

/usr/bin/chromium --version
"$python" -c "import playwright.sync_api; print('playwright ok')"
