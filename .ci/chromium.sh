# Sourced by .ci/run: install (if needed) the distribution's Chromium and its driver for the
# beheer console's browser tests (tests/console/test_console_browser.py drives them through
# Selenium; Selenium's own driver download is not used). Debian/Ubuntu, run as root (as CI
# does).
# Strict while it runs; the sourcing shell's own options come back at the end (a developer's
# shell that sourced it must not end at its next failing command).
_koers_caller_opts="$(set +o)"
case $- in *e*) _koers_caller_opts="$_koers_caller_opts; set -e" ;; esac  # $(...) drops -e
set -euo pipefail
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
/usr/bin/chromedriver --version
eval "$_koers_caller_opts"
unset _koers_caller_opts
