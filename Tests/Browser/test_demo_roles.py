"""Each role of the demo opens DanVan to a home page that says what waits for them.

`danvan serve --demo` loads Huyện Chư Pưh's 2022 records (seed 002), in which 14 cases were
still being handled at the end of the year, and a user of each role. Each signs in at a
phone's width, changes the one-time password, and reads the home page; then the same at an
office PC's width. The people who handle letters are told how many cases wait and are
overdue, and the count opens the list behind it.
"""

from __future__ import annotations

import re

from selenium.webdriver.common.by import By

from conftest import set_desktop, set_phone
from journey import (assert_accessible, assert_in_sight, check_page, demo_user_logs_in, find, norm, open_page, path_of,
                     step, submit)

# The district committee's own cases: its reception officer, its chair and its handling officer see them wait.
HANDLES_LETTERS = {"demo.tiepdan", "demo.chutich", "demo.xuly"}


def test_each_role_sees_what_waits(demo_server, browser):
    d, base = browser, demo_server.base_url
    assert len(demo_server.accounts) >= 8, demo_server.accounts
    for username, (_, role, organisation) in sorted(demo_server.accounts.items()):
        with step(f"{username} ({role}, {organisation}) signs in on a phone and reads the home page"):
            set_phone(d)
            # Signs in with the one-time password and changes it, unless another journey already has.
            demo_user_logs_in(d, demo_server, username)
            open_page(d, base, "/")
            check_page(d)
            waiting = find(d, "#waiting")
            assert_in_sight(d, "#waiting-title")
            items = waiting.find_elements(By.CSS_SELECTOR, "ul.waiting li a")
            text = norm(waiting.text)
            if username in HANDLES_LETTERS:
                overdue = [a for a in items if "quá hạn" in norm(a.text)]
                assert overdue, f"{username} is not told of the overdue cases: {text}"
                count = int(re.match(r"\d+", norm(overdue[0].text).replace(".", "")).group(0))
                assert count > 0, text
            else:
                assert items or "Không có việc nào đang chờ bạn" in text, text
            links = [(norm(a.text), a.get_attribute("href")) for a in items]

        with step(f"{username} at an office PC's width: the same, and each count opens its list"):
            set_desktop(d)
            open_page(d, base, "/")
            assert_accessible(d)
            for label, href in links:
                open_page(d, base, href.removeprefix(base))
                assert path_of(d) != "/", f"{label}: {href}"
                shown = norm(find(d, "#letters-total").text) if re.search(r"vụ việc|đơn", label) and path_of(d) == "/letters" else None
                if shown is not None:
                    assert shown == re.match(r"[\d.]+", label).group(0), f"{label} opens a list of {shown}"
            set_phone(d)
            submit(d, find(d, "form#logout"))
