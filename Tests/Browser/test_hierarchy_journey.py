"""The hierarchy journey, end to end in a phone-sized headless Chromium.

admin logs in with the one-time password, changes it, finds Huyện Chư Pưh, follows it to its
2025 successor Xã Ia Le, creates the standard organisations there, creates a reporting officer
for Ủy ban nhân dân xã Ia Le; the officer logs in, changes the password, sees only their
subtree, and gets a 404 for a sibling commune (Xã Ia Hrú).
"""

from __future__ import annotations

import unicodedata
from contextlib import contextmanager
from urllib.parse import urlparse

from selenium.common.exceptions import (
    NoAlertPresentException,
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import artifact_path, set_desktop

WAIT = 15  # seconds for any single page/element
NEW_ADMIN_PASSWORD = "Mat-khau-moi-2026"
NEW_OFFICER_PASSWORD = "Can-bo-Ia-Le-2026"
OFFICER = "canbo.iale"
OFFICER_NAME = "Nguyễn Thị Lan"
ORGANISATION = "Ủy ban nhân dân xã Ia Le"


# --------------------------------------------------------------------------- helpers

def norm(text: str | None) -> str:
    """NFC, collapsed whitespace: what a reader sees."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


@contextmanager
def step(name: str):
    """Name the journey step in any failure."""
    print(f"--- step: {name}")
    try:
        yield
    except AssertionError as exc:
        raise AssertionError(f"[step: {name}] {exc}") from None
    except (TimeoutException, WebDriverException) as exc:
        detail = (getattr(exc, "msg", None) or str(exc)).strip()
        raise AssertionError(f"[step: {name}] {type(exc).__name__}: {detail}") from None


def path_of(driver: WebDriver) -> str:
    return urlparse(driver.current_url).path


def find(driver: WebDriver, css: str, timeout: float = WAIT) -> WebElement:
    """Wait for an element; fail at once, with the status, if the server sent an error page."""
    def present(d):
        found = d.find_elements(By.CSS_SELECTOR, css)
        if found:
            return found[0]
        if css != "#error-status":
            error = d.find_elements(By.CSS_SELECTOR, "#error-status")
            if error:
                raise AssertionError(
                    f"server error page {norm(error[0].text)!r} at {d.current_url} "
                    f"(looking for {css!r}): {body_text(d)[:300]}")
        return False

    return WebDriverWait(driver, timeout).until(
        present, message=f"no element {css!r} on {driver.current_url} (title {driver.title!r})")


def absent(driver: WebDriver, css: str) -> bool:
    return not driver.find_elements(By.CSS_SELECTOR, css)


def wait_path(driver: WebDriver, path: str, timeout: float = WAIT) -> None:
    WebDriverWait(driver, timeout).until(
        lambda d: path_of(d) == path,
        message=f"expected to be on {path!r}",
    )
    assert path_of(driver) == path, f"expected path {path!r}, got {driver.current_url}"


def open_page(driver: WebDriver, base: str, path: str) -> None:
    driver.get(base + path)


def submit(driver: WebDriver, form: WebElement, confirm: bool = False) -> str | None:
    """Press the form's submit button and wait for the next page to replace this one.

    With confirm=True a JavaScript confirm() dialog, if the page shows one, is accepted and its
    text returned; without it such a dialog fails the step.
    """
    button = form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit], button:not([type])")
    button.click()
    dialog_text = None

    def next_page(d):
        nonlocal dialog_text
        try:
            alert = d.switch_to.alert
        except NoAlertPresentException:
            alert = None
        if alert is not None:
            text = alert.text
            if not confirm:
                alert.dismiss()
                raise AssertionError(f"unexpected dialog after submitting the form: {text!r}")
            dialog_text = text
            alert.accept()
            return False
        try:
            form.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:
            # Chromium reports a node of the page being replaced this way while it navigates.
            if "does not belong to the document" in str(exc):
                return True
            raise

    WebDriverWait(driver, WAIT).until(
        next_page, message="the form was submitted but the page did not change")
    WebDriverWait(driver, WAIT).until(
        lambda d: d.execute_script("return document.readyState") == "complete",
        message="the page after the form did not finish loading")
    return dialog_text


def fill(form: WebElement, name: str, value: str) -> None:
    field = form.find_element(By.CSS_SELECTOR, f'[name="{name}"]')
    field.clear()
    field.send_keys(value)


def unit_links(container: WebElement) -> list[WebElement]:
    return container.find_elements(By.CSS_SELECTOR, "a.unit-link")


def link_named(container: WebElement, text: str, css: str = "a.unit-link") -> WebElement:
    links = container.find_elements(By.CSS_SELECTOR, css)
    for link in links:
        if norm(link.text) == text:
            return link
    raise AssertionError(f"no {css} with text {text!r}; found {[norm(l.text) for l in links]}")


def row_of(link: WebElement) -> WebElement:
    """The table row / list item holding a link (else its parent element)."""
    rows = link.find_elements(By.XPATH, "./ancestor::*[self::tr or self::li][1]")
    return rows[0] if rows else link.find_element(By.XPATH, "..")


def body_text(driver: WebDriver) -> str:
    return norm(driver.find_element(By.TAG_NAME, "body").text)


def assert_fits_phone(driver: WebDriver) -> None:
    """At 390 px nothing may force horizontal scrolling (needs <meta name=viewport>)."""
    inner, scroll = driver.execute_script(
        "return [window.innerWidth, document.documentElement.scrollWidth]")
    assert inner == 390, f"viewport is {inner} px wide, not 390 (is <meta name=viewport> missing?)"
    assert scroll <= inner + 1, (
        f"{path_of(driver)} overflows a 390 px phone: content is {scroll} px wide")


def screenshot(driver: WebDriver, name: str) -> None:
    driver.save_screenshot(str(artifact_path(name + ".png")))


def log_in(driver: WebDriver, base: str, username: str, password: str) -> None:
    open_page(driver, base, "/login")
    form = find(driver, "form#login")
    assert_fits_phone(driver)
    fill(form, "username", username)
    fill(form, "password", password)
    submit(driver, form)
    assert absent(driver, "form#login") or path_of(driver) != "/login", (
        f"login as {username!r} was refused: {body_text(driver)[:300]}")


def change_one_time_password(driver: WebDriver, old: str, new: str) -> None:
    wait_path(driver, "/account/password")
    form = find(driver, "form#password")
    assert_fits_phone(driver)
    fill(form, "current_password", old)
    fill(form, "new_password", new)
    fill(form, "confirmation", new)
    submit(driver, form)
    assert path_of(driver) == "/", (
        f"after changing the password expected '/', got {driver.current_url}: {body_text(driver)[:300]}")


def home_me(driver: WebDriver) -> str:
    me = find(driver, "#me")
    assert me.is_displayed(), "#me is not visible"
    return norm(me.text)


# --------------------------------------------------------------------------- the journey

def test_hierarchy_journey(server, browser):
    d, base = browser, server.base_url

    with step("admin logs in with the one-time password"):
        log_in(d, base, "admin", server.admin_password)

    with step("admin must change the one-time password, then lands on home"):
        change_one_time_password(d, server.admin_password, NEW_ADMIN_PASSWORD)
        me = home_me(d)
        assert me, "#me is empty for admin (expected the organisation name)"
        assert_fits_phone(d)

    with step("search units for 'chu puh' (no diacritics)"):
        open_page(d, base, "/units")
        form = find(d, "form#unit-search")
        assert_fits_phone(d)
        fill(form, "q", "chu puh")
        submit(d, form)
        results = find(d, "#unit-results")
        link_named(results, "Huyện Chư Pưh").click()

    with step("Huyện Chư Pưh: 9 communes as of 30/06/2025 and 4 successors in Tỉnh Gia Lai"):
        WebDriverWait(d, WAIT).until(
            lambda x: norm(x.find_element(By.TAG_NAME, "h1").text) == "Huyện Chư Pưh",
            message="h1 is not 'Huyện Chư Pưh'")
        assert_fits_phone(d)
        children = [norm(a.text) for a in unit_links(find(d, "#children"))]
        assert len(children) == 9, f"#children has {len(children)} unit links: {children}"
        for name in ("Thị trấn Nhơn Hòa", "Xã Ia Le"):
            assert name in children, f"{name!r} missing from #children: {children}"
        successors = find(d, "#successors")
        names = [norm(a.text) for a in unit_links(successors)]
        assert sorted(names) == sorted(["Xã Chư Pưh", "Xã Ia Hrú", "Xã Ia Le", "Xã Ia Ko"]), (
            f"#successors links are {names}")
        for link in unit_links(successors):
            row = norm(row_of(link).text)
            assert "Tỉnh Gia Lai" in row, f"successor row {row!r} does not mention 'Tỉnh Gia Lai'"
        ia_hru_href = link_named(successors, "Xã Ia Hrú").get_attribute("href")
        assert ia_hru_href, "the 'Xã Ia Hrú' link has no href"

    with step("open the successor Xã Ia Le and create its standard organisations"):
        link_named(find(d, "#successors"), "Xã Ia Le").click()
        WebDriverWait(d, WAIT).until(
            lambda x: norm(x.find_element(By.TAG_NAME, "h1").text) == "Xã Ia Le",
            message="h1 is not 'Xã Ia Le'")
        assert_fits_phone(d)
        ia_le_path = path_of(d)
        submit(d, find(d, "form#standard-organisations"), confirm=True)
        organisations = find(d, "#organisations")
        org_link = link_named(organisations, ORGANISATION, css="a")

    with step(f"open {ORGANISATION}"):
        org_link.click()
        WebDriverWait(d, WAIT).until(
            lambda x: ORGANISATION in body_text(x), message=f"{ORGANISATION!r} not on the page")
        assert path_of(d) != ia_le_path, "clicking the organisation did not leave the unit page"
        assert_fits_phone(d)

    with step(f"create the reporting officer {OFFICER}"):
        form = find(d, "form#new-user")
        fill(form, "username", OFFICER)
        fill(form, "full_name", OFFICER_NAME)
        role = form.find_element(By.CSS_SELECTOR, "input[name=roles][value=reporting_officer]")
        assert role.get_attribute("type") == "checkbox", "roles[reporting_officer] is not a checkbox"
        if not role.is_selected():
            role.click()
        assert role.is_selected(), "could not check the reporting_officer role"
        scope = Select(form.find_element(By.CSS_SELECTOR, "select[name=scope_mode]"))
        assert scope.first_selected_option.get_attribute("value") == "subtree", (
            "scope_mode does not default to 'subtree'")
        submit(d, form)
        created = find(d, "#created-user")
        username = norm(created.find_element(By.CSS_SELECTOR, ".username").text)
        password_el = created.find_element(By.CSS_SELECTOR, ".password")
        officer_password = (password_el.text or password_el.get_attribute("value") or "").strip()
        assert username == OFFICER, f"#created-user .username is {username!r}"
        assert len(officer_password) >= 8, f"one-time password looks wrong: {officer_password!r}"
        assert_fits_phone(d)

    with step("admin logs out"):
        logout = find(d, "form#logout")
        submit(d, logout)
        open_page(d, base, "/")
        wait_path(d, "/login")
        find(d, "form#login")

    with step(f"{OFFICER} logs in with the one-time password and changes it"):
        log_in(d, base, OFFICER, officer_password)
        change_one_time_password(d, officer_password, NEW_OFFICER_PASSWORD)
        me = home_me(d)
        assert ORGANISATION in me, f"#me is {me!r}, expected it to contain {ORGANISATION!r}"

    with step(f"{OFFICER} sees their own commune first on /units"):
        open_page(d, base, "/units")
        results = find(d, "#unit-results")
        links = unit_links(results)
        assert links, "#unit-results has no a.unit-link for the officer"
        assert norm(links[0].text) == "Xã Ia Le", (
            f"first unit row is {norm(links[0].text)!r}; all: {[norm(a.text) for a in links[:10]]}")
        assert_fits_phone(d)

    with step(f"{OFFICER} cannot see the sibling commune Xã Ia Hrú (404)"):
        d.get(ia_hru_href)
        status = find(d, "#error-status")
        assert norm(status.text) == "404", f"#error-status is {norm(status.text)!r}, expected '404'"
        assert "Xã Ia Hrú" not in body_text(d), "the 404 page leaks the name 'Xã Ia Hrú'"
        assert_fits_phone(d)
        screenshot(d, "journey-phone-end")

    with step("desktop width: home still renders"):
        set_desktop(d)
        open_page(d, base, "/")
        assert ORGANISATION in home_me(d)
        width = d.execute_script("return window.innerWidth")
        assert width >= 1200, f"desktop viewport is only {width} px"
        screenshot(d, "journey-desktop-end")
