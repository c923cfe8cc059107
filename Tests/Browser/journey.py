"""Helpers the browser journeys share: waiting, forms, phone-width checks, logging in."""

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

from conftest import artifact_path

WAIT = 15  # seconds for any single page/element


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
    """At a phone's width nothing may force horizontal scrolling (needs <meta name=viewport>),
    and every entry of the menu is in sight (none off to the right of a scrolling bar)."""
    from conftest import PHONE
    inner, scroll = driver.execute_script(
        "return [window.innerWidth, document.documentElement.scrollWidth]")
    assert inner == PHONE[0], f"viewport is {inner} px wide, not {PHONE[0]} (is <meta name=viewport> missing?)"
    assert scroll <= inner + 1, (
        f"{path_of(driver)} overflows a {PHONE[0]} px phone: content is {scroll} px wide")
    assert_in_sight(driver, "nav.main a")


def assert_in_sight(driver: WebDriver, css: str) -> None:
    """Every element matching css is shown inside the width of the window (not cut, not off to a side)."""
    outside = driver.execute_script("""
        const w = window.innerWidth;
        return [...document.querySelectorAll(arguments[0])].filter(e => {
            const r = e.getBoundingClientRect();
            return r.width === 0 || r.left < 0 || r.right > w + 1 || r.right > (e.closest('.table-wrap, nav') || document.body).getBoundingClientRect().right + 1;
        }).map(e => e.textContent.trim().slice(0, 40));
    """, css)
    assert not outside, f"{path_of(driver)}: {css} out of sight at {driver.execute_script('return window.innerWidth')} px: {outside}"


def assert_accessible(driver: WebDriver) -> None:
    """axe-core (WCAG 2.1 A and AA rules) finds no violation on the page as it stands."""
    from selenium_axe_python import Axe
    axe = Axe(driver)
    axe.inject()
    result = axe.run(options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    violations = result["violations"]
    assert not violations, f"{path_of(driver)}: accessibility violations (axe-core):" + Axe.report(violations)


def check_page(driver: WebDriver) -> None:
    """What every page of a journey must be: it fits a phone and axe-core finds nothing."""
    assert_fits_phone(driver)
    assert_accessible(driver)


def screenshot(driver: WebDriver, name: str) -> None:
    driver.save_screenshot(str(artifact_path(name + ".png")))


def print_pdf(driver: WebDriver, name: str, landscape: bool = False) -> bytes:
    """The page printed on A4 from a desk computer (not the emulated phone, whose width
    Chromium would lay the paper out at), saved as an artifact to look at."""
    import base64
    from selenium.webdriver.common.print_page_options import PrintOptions
    from conftest import set_desktop, set_phone
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7
    if landscape:
        options.orientation = "landscape"
    set_desktop(driver)
    try:
        pdf = base64.b64decode(driver.print_page(options))
    finally:
        set_phone(driver)
    assert pdf.startswith(b"%PDF")
    artifact_path(name + ".pdf").write_bytes(pdf)
    return pdf


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


ADMIN_PASSWORD = "Mat-khau-moi-2026"  # what the hierarchy journey sets; set by the first journey that runs


def admin_logs_in(d: WebDriver, server) -> None:
    """The national administrator signs in, changing the one-time password when no journey has yet."""
    open_page(d, server.base_url, "/login")
    form = find(d, "form#login")
    fill(form, "username", "admin")
    fill(form, "password", ADMIN_PASSWORD)
    submit(d, form)
    if path_of(d) == "/login":
        log_in(d, server.base_url, "admin", server.admin_password)
        change_one_time_password(d, server.admin_password, ADMIN_PASSWORD)


def demo_user_logs_in(d: WebDriver, server, username: str) -> None:
    """A demo user signs in with the password the demo roles journey sets ("Mat-khau-demo-baocao-2026"),
    changing the one-time password first when no journey has yet."""
    password = "Mat-khau-" + username.replace(".", "-") + "-2026"
    open_page(d, server.base_url, "/login")
    form = find(d, "form#login")
    fill(form, "username", username)
    fill(form, "password", password)
    submit(d, form)
    if path_of(d) == "/login":
        one_time = server.accounts[username][0]
        log_in(d, server.base_url, username, one_time)
        change_one_time_password(d, one_time, password)


def open_ia_le(d: WebDriver, base: str) -> None:
    """The page of the 2025 Xã Ia Le (Gia Lai), found by searching."""
    open_page(d, base, "/units?q=ia+le")
    results = find(d, "#unit-results")
    current = [a for a in results.find_elements(By.CSS_SELECTOR, "a.unit-link")
               if norm(a.text) == "Xã Ia Le" and "Tỉnh Gia Lai" in norm(row_of(a).text)]
    assert current, f"no current Xã Ia Le in the results: {norm(results.text)[:400]}"
    current[0].click()
    WebDriverWait(d, WAIT).until(lambda x: norm(x.find_element(By.TAG_NAME, "h1").text) == "Xã Ia Le")

