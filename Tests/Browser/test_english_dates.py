"""Dates in a browser set to English, as on the English Windows many Vietnamese offices run.

A native date field follows the browser's language: in English, typing 16032026 gave
2026-12-03 (issue: daily work). DanVan's date fields are typed day first whatever the
browser's language; this test types one in an English Chromium and reads back what was stored.
"""

from __future__ import annotations

from selenium.webdriver.common.by import By

from conftest import set_desktop
from journey import admin_logs_in, body_text, check_page, fill, find, norm, open_ia_le, open_page, path_of, step, submit

NAME = "Tổ công tác thử ngày tháng"


def test_a_date_typed_day_first_in_an_english_browser(server, english_browser):
    d, base = english_browser, server.base_url
    assert d.execute_script("return navigator.language") == "en-US"

    with step("an administrator adds an organisation to Xã Ia Le from 16/03/2026, typed as eight digits"):
        admin_logs_in(d, server)
        open_ia_le(d, base)
        unit_path = path_of(d)
        field = find(d, "input[name=valid_from]")
        d.execute_script("arguments[0].closest('details').open = true;", field)
        form = field.find_element(By.XPATH, "./ancestor::form")
        fill(form, "name", NAME)
        field.clear()
        field.send_keys("16032026")
        submit(d, form)
        check_page(d)
        assert NAME in body_text(d), body_text(d)[:400]

    with step("it was stored as 2026-03-16: the page shows the day it keeps, day first, at a phone's and a desk's width"):
        def validity() -> str:
            rows = [r for r in find(d, "#organisations").find_elements(By.CSS_SELECTOR, "tbody tr") if NAME in norm(r.text)]
            assert rows, norm(find(d, "#organisations").text)[:400]
            return norm(rows[0].find_elements(By.TAG_NAME, "td")[-1].text)
        # Read back from the record (an ISO date) and shown as dd/mm/yyyy: 16/03/2026, not 03/12/2026.
        open_page(d, base, unit_path)
        assert "16/03/2026" in validity(), validity()
        set_desktop(d)
        open_page(d, base, unit_path)
        assert "16/03/2026" in validity(), validity()
