"""The kiosk at a counter: an administrator registers a tablet and opens its link; citizens tap
their answer and the count moves; with the network down the tablet keeps taking answers and,
when the network returns, sends exactly those, each counted once.
"""

from __future__ import annotations

import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from journey import admin_logs_in, body_text, check_page, fill, find, norm, open_page, path_of, step, submit

KIOSK = "Quầy một cửa số 1"


def kiosk_answers(d, base: str) -> int:
    """The answers the kiosks list counts for the test's kiosk."""
    open_page(d, base, "/surveys/kiosks")
    rows = [r for r in find(d, "#kiosk-list").find_elements(By.CSS_SELECTOR, "tbody tr") if KIOSK in norm(r.text)]
    assert len(rows) == 1, norm(find(d, "#kiosk-list").text)
    return int(norm(rows[0].find_elements(By.TAG_NAME, "td")[3].text).replace(".", ""))


def tap(d, label: str, twice: bool = False) -> None:
    """Taps an answer (twice quickly for a double tap), sees the thanks, and waits for the question to return by itself."""
    button = [b for b in d.find_elements(By.CSS_SELECTOR, "button.kiosk-choice") if norm(b.text) == label][0]
    button.click()
    if twice:
        d.execute_script("arguments[0].click()", button)
    WebDriverWait(d, 5).until(lambda x: x.find_element(By.ID, "kiosk-thanks").is_displayed(), message="no thank-you screen")
    WebDriverWait(d, 10).until(lambda x: x.find_element(By.ID, "kiosk-ask").is_displayed(), message="the question did not return")


def pending(d) -> str:
    return norm(d.find_element(By.ID, "kiosk-pending").text)


def set_offline(d, offline: bool) -> None:
    d.execute_cdp_cmd("Network.enable", {})
    d.execute_cdp_cmd("Network.emulateNetworkConditions",
                      {"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def test_kiosk_taps_and_offline(server, browser):
    d, base = browser, server.base_url
    with step("an administrator registers a tablet at a counter and gets its link once"):
        admin_logs_in(d, server)
        open_page(d, base, "/surveys/kiosks")
        check_page(d)
        find(d, "#register-kiosk summary").click()
        form = find(d, "#register-kiosk form")
        form.find_element(By.NAME, "name").send_keys(KIOSK)
        submit(d, form)
        link = find(d, "#new-kiosk-link").get_attribute("href")
        assert re.search(r"/kiosk/[A-Za-z0-9_-]{40,}$", link), link
        check_page(d)
        assert kiosk_answers(d, base) == 0

    with step("the tablet opens the link: three big answers, in Vietnamese, on one screen"):
        d.get(link)
        find(d, "#kiosk-ask")
        check_page(d)
        labels = [norm(b.text) for b in d.find_elements(By.CSS_SELECTOR, "button.kiosk-choice")]
        assert labels == ["Rất hài lòng", "Hài lòng", "Không hài lòng"], labels
        assert d.execute_script("return document.documentElement.scrollHeight <= window.innerHeight + 1"), "the kiosk scrolls"

    with step("three taps (the first a double tap) are three answers"):
        tap(d, "Rất hài lòng", twice=True)
        tap(d, "Hài lòng")
        d.find_element(By.CSS_SELECTOR, "button.kiosk-choice").click()
        find(d, "button.kiosk-reason").click()   # the optional "why"
        WebDriverWait(d, 10).until(lambda x: x.find_element(By.ID, "kiosk-ask").is_displayed())
        WebDriverWait(d, 15).until(lambda x: pending(x) == "", message=f"answers not sent: {pending(d)!r}")
        assert kiosk_answers(d, base) == 3

    with step("offline, the tablet keeps two answers; back online, it sends exactly two"):
        d.get(link)
        find(d, "#kiosk-ask")
        set_offline(d, True)
        try:
            tap(d, "Không hài lòng")
            tap(d, "Rất hài lòng")
            WebDriverWait(d, 5).until(lambda x: pending(x) == "Chưa gửi: 2", message=f"kept: {pending(d)!r}")
            stored = d.execute_script("return Object.keys(localStorage).map(k => JSON.parse(localStorage.getItem(k)).length)")
            assert stored == [2], stored
        finally:
            set_offline(d, False)
        WebDriverWait(d, 20).until(lambda x: pending(x) == "", message=f"answers not sent after the network returned: {pending(d)!r}")
        assert kiosk_answers(d, base) == 5

    with step("the results count the five answers, rates adding up to 100,00%"):
        open_page(d, base, "/surveys")
        check_page(d)
        total = norm(find(d, "#survey-total").text)
        assert "60,00%" in total and "20,00%" in total and "5" in total, total
        assert path_of(d) == "/surveys", body_text(d)[:200]

    with step("the administrator starts a survey of its own while a tablet shows the old question: a bad list is named and kept; "
              "the tablet's next answer counts for the question it showed, then the tablet shows the new one"):
        admin_tab = d.current_window_handle
        d.switch_to.new_window("tab")
        d.get(link)
        find(d, "#kiosk-ask")
        kiosk_tab = d.current_window_handle
        d.switch_to.window(admin_tab)
        open_page(d, base, "/surveys/kiosks")
        find(d, "#new-survey summary").click()
        form = find(d, "#new-survey form")
        fill(form, "question", "Ông/bà thấy buổi làm việc hôm nay thế nào?")
        fill(form, "choices", "Tốt")
        submit(d, form)
        form = find(d, "#new-survey form")
        assert "Cần từ 2 đến 5 mức trả lời" in norm(form.text), norm(form.text)
        assert form.find_element(By.NAME, "question").get_attribute("value") == "Ông/bà thấy buổi làm việc hôm nay thế nào?"
        check_page(d)
        fill(form, "choices", "Tốt\nBình thường\nChưa tốt")
        submit(d, form)
        assert "Tốt · Bình thường · Chưa tốt" in norm(find(d, "#survey-list").text), norm(find(d, "#survey-list").text)
        d.switch_to.window(kiosk_tab)
        tap(d, "Hài lòng")   # the old question is still on screen: this answer is the old survey's
        WebDriverWait(d, 20).until(
            lambda x: [norm(b.text) for b in x.find_elements(By.CSS_SELECTOR, "button.kiosk-choice")] == ["Tốt", "Bình thường", "Chưa tốt"],
            message="the tablet did not turn to the new question")
        assert "Ông/bà thấy buổi làm việc hôm nay thế nào?" in body_text(d)
        tap(d, "Bình thường")
        WebDriverWait(d, 15).until(lambda x: pending(x) == "", message=f"answer not sent: {pending(d)!r}")
        d.switch_to.window(admin_tab)
        assert kiosk_answers(d, base) == 7
