# Sourced by .ci/run: install (if needed) the distribution's Chromium and its driver for the
# beheer console's browser tests (tests/console/test_console_browser.py drives them through
# Selenium; Selenium's own driver download is not used). Debian/Ubuntu, run as root (as CI
# does).
set -euo pipefail
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
/usr/bin/chromedriver --version
