"""The hierarchy journey, end to end in a phone-sized headless Chromium.

admin logs in with the one-time password, changes it, finds Huyện Chư Pưh, follows it to its
2025 successor Xã Ia Le, creates the standard organisations there, creates a reporting officer
for Ủy ban nhân dân xã Ia Le; the officer logs in, changes the password, sees only their
subtree, and gets a 404 for a sibling commune (Xã Ia Hrú).
"""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import set_desktop
from journey import (WAIT, absent, check_page, body_text, change_one_time_password, fill, find, home_me, link_named,
                     log_in, norm, open_page, path_of, row_of, screenshot, step, submit, unit_links, wait_path)

NEW_ADMIN_PASSWORD = "Mat-khau-moi-2026"
NEW_OFFICER_PASSWORD = "Can-bo-Ia-Le-2026"
OFFICER = "canbo.iale"
OFFICER_NAME = "Nguyễn Thị Lan"
ORGANISATION = "Ủy ban nhân dân xã Ia Le"


# --------------------------------------------------------------------------- the journey

def test_hierarchy_journey(server, browser):
    d, base = browser, server.base_url

    with step("admin logs in with the one-time password"):
        log_in(d, base, "admin", server.admin_password)

    with step("admin must change the one-time password, then lands on home"):
        change_one_time_password(d, server.admin_password, NEW_ADMIN_PASSWORD)
        me = home_me(d)
        assert me, "#me is empty for admin (expected the organisation name)"
        check_page(d)

    with step("search units for 'chu puh' (no diacritics)"):
        open_page(d, base, "/units")
        form = find(d, "form#unit-search")
        check_page(d)
        fill(form, "q", "chu puh")
        submit(d, form)
        results = find(d, "#unit-results")
        link_named(results, "Huyện Chư Pưh").click()

    with step("Huyện Chư Pưh: 9 communes as of 30/06/2025 and 4 successors in Tỉnh Gia Lai"):
        WebDriverWait(d, WAIT).until(
            lambda x: norm(x.find_element(By.TAG_NAME, "h1").text) == "Huyện Chư Pưh",
            message="h1 is not 'Huyện Chư Pưh'")
        check_page(d)
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
        check_page(d)
        ia_le_path = path_of(d)
        submit(d, find(d, "form#standard-organisations"), confirm=True)
        organisations = find(d, "#organisations")
        org_link = link_named(organisations, ORGANISATION, css="a")

    with step(f"open {ORGANISATION}"):
        org_link.click()
        WebDriverWait(d, WAIT).until(
            lambda x: ORGANISATION in body_text(x), message=f"{ORGANISATION!r} not on the page")
        assert path_of(d) != ia_le_path, "clicking the organisation did not leave the unit page"
        check_page(d)

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
        check_page(d)

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
        check_page(d)

    with step(f"{OFFICER} cannot see the sibling commune Xã Ia Hrú (404)"):
        d.get(ia_hru_href)
        status = find(d, "#error-status")
        assert norm(status.text) == "404", f"#error-status is {norm(status.text)!r}, expected '404'"
        assert "Xã Ia Hrú" not in body_text(d), "the 404 page leaks the name 'Xã Ia Hrú'"
        check_page(d)
        screenshot(d, "journey-phone-end")

    with step("desktop width: home still renders"):
        set_desktop(d)
        open_page(d, base, "/")
        assert ORGANISATION in home_me(d)
        width = d.execute_script("return window.innerWidth")
        assert width >= 1200, f"desktop viewport is only {width} px"
        screenshot(d, "journey-desktop-end")
