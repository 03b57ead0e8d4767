"""The beheer console in a real Chromium (Selenium, /usr/bin/chromedriver) against the real
server on 127.0.0.1 with a SQLite store: a beheerder logs in with TOTP, adds a user and a
team, revokes a lost laptop and searches the access log, by keyboard where a user would;
and the attacks: a forged CSRF token, a worker's login, a stale session, wrong and replayed
TOTP codes, a user name with markup. Every page is saved at desktop and phone width in
/tmp/console_shots/.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pyotp
import pytest
from selenium.common.exceptions import NoAlertPresentException, WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait
from sqlalchemy import select

from sync.server import service
from sync.server.console import sessions
from sync.server.errors import DeviceRevoked
from sync.server.store import devices, users
from tests.console.browser import require_chromium, shoot, start_chrome
from tests.console.console_http import secret_of
from tests.sync.server_harness import PASSWORD, LiveServer, database

NEW_PASSWORD = "Herfst-in-het-bos-7"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    """The real server on a SQLite store (the HTTP tests cover PostgreSQL)."""
    with database("sqlite", tmp_path) as url:
        live = LiveServer(url).start()
        try:
            yield live
        finally:
            live.stop()


@pytest.fixture
def chrome() -> Iterator:  # type: ignore[type-arg]
    require_chromium()
    driver = start_chrome()
    try:
        yield driver
    finally:
        driver.quit()


def loaded(driver) -> None:  # type: ignore[no-untyped-def]
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def submit(driver, action) -> None:  # type: ignore[no-untyped-def]
    """Do `action` (a click, an Enter) and wait until the next page has replaced this one.

    The old page is marked with a script variable a new page does not have. (Waiting for the
    old <html> element to go stale asked Chromium about a node mid-navigation, which it can
    answer with an inspector error instead of "stale": a flaky failure in CI.) Errors from a
    page that is being replaced are retried until the 20 s wait ends."""
    driver.execute_script("window.koersOldPage = true")
    action()
    WebDriverWait(driver, 20, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(
            "return window.koersOldPage !== true && document.readyState === 'complete'"
        )
    )


def click(driver, element) -> None:  # type: ignore[no-untyped-def]
    """Click a link or button that opens another page, and wait for it."""
    submit(driver, element.click)


def text_of(driver) -> str:  # type: ignore[no-untyped-def]
    loaded(driver)
    return str(driver.find_element(By.TAG_NAME, "body").text)


def log_in(driver, server: LiveServer, name: str, password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    """Type name and password and press Enter, as a user would."""
    driver.get(server.url + "/beheer")
    field = driver.find_element(By.ID, "naam")
    field.clear()
    field.send_keys(name)
    password_field = driver.find_element(By.ID, "wachtwoord")
    password_field.send_keys(password)
    submit(driver, lambda: password_field.send_keys(Keys.ENTER))


def enter_code(driver, code: str) -> None:  # type: ignore[no-untyped-def]
    field = driver.find_element(By.ID, "code")
    field.clear()
    field.send_keys(code)
    submit(driver, lambda: field.send_keys(Keys.ENTER))


def enrolled_beheerder(driver, server: LiveServer, name: str = "beheer-anna") -> str:  # type: ignore[no-untyped-def]
    """Add a beheerder, log in, enrol TOTP from the secret the page shows; returns it."""
    server.add_user(name, "beheerder")
    log_in(driver, server, name)
    secret = driver.find_element(By.ID, "sleutel").text.replace(" ", "")
    assert secret == secret_of(server, name)
    enter_code(driver, pyotp.TOTP(secret).now())
    assert driver.current_url.endswith("/beheer/gebruikers"), text_of(driver)
    return secret


def no_alert(driver) -> bool:  # type: ignore[no-untyped-def]
    try:
        _ = driver.switch_to.alert.text
    except NoAlertPresentException:
        return True
    return False


def test_beheerder_manages_users_teams_devices_and_searches_the_log(
    chrome, server: LiveServer
) -> None:  # type: ignore[no-untyped-def]
    driver = chrome
    server.add_user("werker-lotte")
    laptop = service.enroll(server.engine, "werker-lotte", PASSWORD, "laptop-lotte")
    server.add_user("<script>alert('x')</script>")  # made by the shell, which allows it

    driver.get(server.url + "/beheer")
    assert driver.current_url.endswith("/beheer/inloggen")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    shoot(driver, "01-inloggen")

    server.add_user("beheer-anna", "beheerder")
    log_in(driver, server, "beheer-anna")
    assert "Tweede factor instellen" in text_of(driver)
    assert driver.find_element(By.CSS_SELECTOR, ".qr svg").is_displayed()
    shoot(driver, "02-tweede-factor-instellen")
    secret = driver.find_element(By.ID, "sleutel").text.replace(" ", "")
    enrolled_at = time.time()
    server.app.state.console.now = lambda: enrolled_at
    enter_code(driver, pyotp.TOTP(secret).at(enrolled_at))
    server.app.state.console.now = time.time

    # Users: the list, a user with markup in the name shown as text, and a new user.
    assert driver.current_url.endswith("/beheer/gebruikers")
    assert "<script>alert('x')</script>" in text_of(driver)
    assert no_alert(driver)
    driver.find_element(By.ID, "naam").send_keys("werker-mila")
    Select(driver.find_element(By.ID, "rol")).select_by_visible_text("Trajectbegeleider")
    driver.find_element(By.ID, "wachtwoord").send_keys(NEW_PASSWORD)
    driver.find_element(By.ID, "herhaling").send_keys(NEW_PASSWORD)
    click(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "De gebruiker is toegevoegd." in text_of(driver)
    assert "werker-mila" in text_of(driver)
    shoot(driver, "03-gebruikers")

    # Teams: add one, then put the new user in it.
    click(driver, driver.find_element(By.LINK_TEXT, "Teams"))
    driver.find_element(By.ID, "naam").send_keys("Team Oost")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))
    assert "Het team is toegevoegd." in text_of(driver)
    shoot(driver, "04-teams")
    click(driver, driver.find_element(By.LINK_TEXT, "Gebruikers"))
    click(driver, driver.find_element(By.LINK_TEXT, "werker-mila"))
    shoot(driver, "05-gebruiker")
    Select(driver.find_element(By.ID, "team")).select_by_visible_text("Team Oost")
    Select(driver.find_element(By.ID, "rol")).select_by_visible_text("Teamleider")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Rol en team opslaan']"))
    assert "Rol en team zijn opgeslagen." in text_of(driver)
    with server.engine.connect() as conn:
        role = conn.execute(select(users.c.role).where(users.c.name == "werker-mila")).scalar()
    assert role == "teamleider"
    click(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Gebruiker uitschakelen"))
    assert "uitschakelen?" in text_of(driver)
    shoot(driver, "06-gebruiker-uitschakelen")
    click(driver, driver.find_element(By.LINK_TEXT, "Nee, terug"))

    # Devices: revoke the lost laptop with one click and a confirmation.
    click(driver, driver.find_element(By.LINK_TEXT, "Apparaten"))
    assert "laptop-lotte" in text_of(driver)
    shoot(driver, "07-apparaten")
    click(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Intrekken"))
    assert "Apparaat intrekken?" in text_of(driver)
    shoot(driver, "08-apparaat-intrekken")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Ja, intrekken']"))
    assert "Het apparaat is ingetrokken." in text_of(driver)
    assert "ingetrokken; nog niet gezien" in text_of(driver)
    with pytest.raises(DeviceRevoked):
        service.authenticate(server.engine, laptop.token)

    # The access log: what did this beheerder do? (paged, oldest first)
    click(driver, driver.find_element(By.LINK_TEXT, "Logboek"))
    shoot(driver, "09-logboek-leeg")
    driver.find_element(By.ID, "gebruiker").send_keys("beheer-anna")
    month_ago = date.today() - timedelta(days=30)  # a date field's typing order is the locale's
    driver.execute_script(
        "document.getElementById('van').value = arguments[0]", month_ago.isoformat()
    )
    click(driver, driver.find_element(By.XPATH, "//button[text()='Zoeken']"))
    body = text_of(driver)
    assert "apparaat ingetrokken" in body and "gebruiker toegevoegd" in body, body
    assert "regel(s) gevonden" in body
    shoot(driver, "10-logboek-resultaat")
    for field_id, day in (("van", "2014-01-01"), ("tot", "2025-12-31")):  # ten years
        driver.execute_script(
            "document.getElementById(arguments[0]).value = arguments[1]", field_id, day
        )
    click(driver, driver.find_element(By.XPATH, "//button[text()='Zoeken']"))
    assert "Zoek over ten hoogste twee jaar tegelijk" in text_of(driver)
    shoot(driver, "11-logboek-tien-jaar")

    click(driver, driver.find_element(By.LINK_TEXT, "Mijn wachtwoord"))
    shoot(driver, "12-mijn-wachtwoord")
    click(driver, driver.find_element(By.XPATH, "//button[text()='Uitloggen']"))
    assert "U bent uitgelogd." in text_of(driver)

    # The next login asks for a code; a wrong one and the one already used are refused.
    # (The server's clock stands still at the enrolment's moment: no 30 s step passes.)
    server.app.state.console.now = lambda: enrolled_at
    log_in(driver, server, "beheer-anna")
    assert driver.current_url.endswith("/beheer/tweede-factor")
    shoot(driver, "13-tweede-factor")
    totp = pyotp.TOTP(secret)
    enter_code(driver, f"{(int(totp.at(enrolled_at + 30)) + 1) % 1_000_000:06d}")
    assert "Deze code klopt niet." in text_of(driver)
    shoot(driver, "14-tweede-factor-fout")
    enter_code(driver, totp.at(enrolled_at))
    assert "Deze code is al gebruikt." in text_of(driver)
    enter_code(driver, totp.at(enrolled_at + 30))
    assert driver.current_url.endswith("/beheer/gebruikers")


def test_a_forged_csrf_token_is_refused(chrome, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    driver = chrome
    enrolled_beheerder(driver, server)
    driver.find_element(By.ID, "naam").send_keys("werker-nep")
    driver.find_element(By.ID, "wachtwoord").send_keys(NEW_PASSWORD)
    driver.find_element(By.ID, "herhaling").send_keys(NEW_PASSWORD)
    driver.execute_script(
        "document.querySelector('form.card input[name=csrf]').value = 'vervalst-token'"
    )
    click(driver, driver.find_element(By.XPATH, "//button[text()='Gebruiker toevoegen']"))
    assert "Formulier geweigerd" in text_of(driver)
    assert "Er is niets gewijzigd" in text_of(driver)
    shoot(driver, "15-formulier-geweigerd")
    with server.engine.connect() as conn:
        assert conn.execute(select(users).where(users.c.name == "werker-nep")).first() is None


def test_a_worker_sees_only_the_password_page(chrome, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    driver = chrome
    server.add_user("werker-noor")
    log_in(driver, server, "werker-noor")
    assert driver.current_url.endswith("/beheer/wachtwoord")
    links = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "nav a")]
    assert links == ["Mijn wachtwoord"]
    shoot(driver, "16-werker-wachtwoord")
    driver.find_element(By.ID, "huidig").send_keys(PASSWORD)
    driver.find_element(By.ID, "nieuw").send_keys(NEW_PASSWORD)
    driver.find_element(By.ID, "herhaling").send_keys(NEW_PASSWORD)
    click(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "Uw wachtwoord is gewijzigd." in text_of(driver)
    for path in ("/beheer/gebruikers", "/beheer/apparaten", "/beheer/logboek"):
        driver.get(server.url + path)
        assert "Deze pagina is alleen voor beheerders." in text_of(driver)
    shoot(driver, "17-werker-geen-toegang")


def test_a_stale_session_goes_back_to_the_login(chrome, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    driver = chrome
    enrolled_beheerder(driver, server)
    settings = server.app.state.console
    settings.now = lambda: time.time() + sessions.IDLE_S + 60  # the server's clock moves on
    try:
        click(driver, driver.find_element(By.LINK_TEXT, "Apparaten"))
        assert driver.current_url.endswith("/beheer/inloggen?melding=verlopen")
        assert "Uw sessie is verlopen. Log opnieuw in." in text_of(driver)
        shoot(driver, "18-sessie-verlopen")
    finally:
        settings.now = time.time
    driver.get(server.url + "/beheer/apparaten")
    assert driver.current_url.endswith("/beheer/inloggen")


def test_a_name_with_markup_is_refused_and_shown_as_text(chrome, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    driver = chrome
    enrolled_beheerder(driver, server)
    driver.find_element(By.ID, "naam").send_keys("<script>alert(1)</script>")
    driver.find_element(By.ID, "wachtwoord").send_keys(NEW_PASSWORD)
    driver.find_element(By.ID, "herhaling").send_keys(NEW_PASSWORD)
    click(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "Een naam bestaat uit letters" in text_of(driver)
    assert driver.find_element(By.ID, "naam").get_attribute("value") == "<script>alert(1)</script>"
    assert no_alert(driver)
    shoot(driver, "19-naam-met-opmaak")
    with server.engine.connect() as conn:
        assert conn.execute(select(users.c.id).where(users.c.name.contains("<"))).first() is None


def test_the_login_is_usable_with_the_keyboard(chrome, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    driver = chrome
    server.add_user("werker-olaf")
    driver.get(server.url + "/beheer/inloggen")
    loaded(driver)
    assert driver.switch_to.active_element.get_attribute("id") == "naam"  # autofocus
    order = []
    for _ in range(6):
        active = driver.switch_to.active_element
        if active.tag_name != "body":  # the browser's own controls between two rounds
            order.append(active.get_attribute("id") or active.text)
            outline = active.value_of_css_property("outline-style")
            assert outline == "solid", f"no visible focus on {order[-1]}"
        ActionChains(driver).send_keys(Keys.TAB).perform()
    assert order[:4] == ["naam", "wachtwoord", "Inloggen", "Naar de inhoud"], order
    for field_id in ("naam", "wachtwoord"):
        label = driver.find_element(By.CSS_SELECTOR, f"label[for={field_id}]")
        assert label.text


def test_a_disabled_worker_loses_their_laptop(chrome, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    driver = chrome
    server.add_user("werker-piet")
    laptop = service.enroll(server.engine, "werker-piet", PASSWORD, "laptop-piet")
    enrolled_beheerder(driver, server)
    click(driver, driver.find_element(By.LINK_TEXT, "werker-piet"))
    click(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Gebruiker uitschakelen"))
    click(driver, driver.find_element(By.XPATH, "//button[text()='Ja, uitschakelen']"))
    assert "De gebruiker is uitgeschakeld." in text_of(driver)
    with server.engine.connect() as conn:
        assert conn.execute(select(devices.c.revoked_at)).scalar() is not None
    with pytest.raises(DeviceRevoked):
        service.authenticate(server.engine, laptop.token)
