"""A real headless Chromium for the console's tests: the distribution's `chromium` and
`chromium-driver` packages (/usr/bin/chromium, /usr/bin/chromedriver) driven by Selenium.

Outside CI the browser tests skip when those are missing (as PostgreSQL tests skip without
KOERS_PG_URL); with CI=1 they fail instead (.ci/chromium.sh installs them).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SHOTS = Path("/tmp/console_shots")
DESKTOP = (1366, 900)
PHONE = (390, 844)


def require_chromium() -> None:
    """Skip (outside CI) or fail (CI=1) when Chromium or its driver is missing."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if not missing:
        return
    message = f"{', '.join(missing)} missing (apt-get install chromium chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(f"{message}: browser tests may not be skipped in CI")
    pytest.skip(message)


def start_chrome():  # type: ignore[no-untyped-def]
    """A headless Chromium through /usr/bin/chromedriver, at desktop size."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--lang=nl-NL",
        "--hide-scrollbars",
        f"--window-size={DESKTOP[0]},{DESKTOP[1]}",
    ):
        options.add_argument(argument)
    # Dutch dates in date fields (dd-mm-jjjj), as the organisation's browsers show them.
    env = {**os.environ, "LANG": "nl_NL.UTF-8", "LANGUAGE": "nl"}
    service = Service(executable_path=str(CHROMEDRIVER), env=env)
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    return driver


def shoot(driver, name: str) -> list[Path]:  # type: ignore[no-untyped-def]
    """Save the whole page at desktop and phone width: /tmp/console_shots/<name>-desktop.png
    and <name>-phone.png. Returns the files."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    made = []
    for label, (width, height) in (("desktop", DESKTOP), ("phone", PHONE)):
        driver.set_window_size(width, height)
        full = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, max(height, int(full) + 140))
        target = SHOTS / f"{name}-{label}.png"
        driver.save_screenshot(str(target))
        made.append(target)
    driver.set_window_size(*DESKTOP)
    return made
