"""Citizen reception and letters, end to end in a phone-sized headless Chromium.

An administrator gives Ủy ban nhân dân xã Ia Le an officer who receives citizens, leads and
handles cases. The officer records a reception session and a visit, records the citizen's land
complaint from the visit with its letter attached, accepts it and sees the legal due date,
assigns and resolves it, and sees the district statistics move. A citizen then sends a phản ánh
on the public page and follows it with the tracking code.
"""

from __future__ import annotations

import re
from pathlib import Path
from datetime import datetime, timedelta, timezone

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from journey import (WAIT, absent, admin_logs_in, open_ia_le, print_pdf, assert_in_sight, check_page, body_text, change_one_time_password, fill, find, link_named, log_in, norm,
                     open_page, path_of, row_of, screenshot, step, submit, wait_path)

OFFICER = "tiepdan.iale"
OFFICER_PASSWORD = "Tiep-dan-Ia-Le-2026"
ORGANISATION = "Ủy ban nhân dân xã Ia Le"
_TODAY = (datetime.now(timezone.utc) + timedelta(hours=7)).date()
# Date fields are text fields read day first, typed as an office types them (an English browser included).
TODAY = _TODAY.strftime("%d/%m/%Y")
TODAY_DIGITS = _TODAY.strftime("%d%m%Y")
DATE_PATTERN = re.compile(r"\d{2}/\d{2}/\d{4}")


def set_value(driver, element, value: str) -> None:
    """Types into a date field as a person does: clears it, then the keys."""
    element.clear()
    element.send_keys(value)


def figure(d, figure_id: str) -> int:
    return int(norm(find(d, f"#{figure_id}").text).replace(".", ""))


def open_action(d, action: str):
    details = find(d, f"details#action-{action}")
    if details.get_attribute("open") is None:
        details.find_element(By.TAG_NAME, "summary").click()
    return details.find_element(By.TAG_NAME, "form")


def test_letters_journey(server, browser, tmp_path):
    d, base = browser, server.base_url

    with step("an administrator gives Ủy ban nhân dân xã Ia Le an officer"):
        admin_logs_in(d, server)
        open_ia_le(d, base)
        if not absent(d, "form#standard-organisations"):
            submit(d, find(d, "form#standard-organisations"), confirm=True)
        link_named(find(d, "#organisations"), ORGANISATION, css="a").click()
        form = find(d, "form#new-user")
        d.execute_script("var details = arguments[0].closest('details'); if (details) details.open = true;", form)
        fill(form, "username", OFFICER)
        fill(form, "full_name", "Ksor H'Blin")
        for role in ("reception_officer", "leader", "handling_officer"):
            box = form.find_element(By.CSS_SELECTOR, f"input[name=roles][value={role}]")
            if not box.is_selected():
                box.click()
        submit(d, form)
        password_el = find(d, "#created-user .password")
        one_time = (password_el.text or password_el.get_attribute("value") or "").strip()
        submit(d, find(d, "form#logout"))

    with step("the officer logs in and notes the statistics before"):
        log_in(d, base, OFFICER, one_time)
        change_one_time_password(d, one_time, OFFICER_PASSWORD)
        open_page(d, base, "/statistics")
        check_page(d)
        resolved_before = figure(d, "letter-resolved")
        received_before = figure(d, "letter-received")

    with step("record a reception session and a visit"):
        open_page(d, base, "/reception")
        check_page(d)
        # The form is above the list, folded until asked for; its date field has a calendar beside it.
        assert not find(d, "#new-session").get_attribute("open")
        find(d, "#new-session summary").click()
        form = find(d, "#new-session form")
        date_field = form.find_element(By.NAME, "date")
        picker = form.find_element(By.CSS_SELECTOR, ".date-field input.date-native")
        assert form.find_element(By.CSS_SELECTOR, ".date-field button.date-pick").is_displayed()
        d.execute_script("arguments[0].value = '2026-03-16'; arguments[0].dispatchEvent(new Event('change'));", picker)
        assert date_field.get_attribute("value") == "16/03/2026", "the day picked on the calendar is written dd/mm/yyyy"
        set_value(d, date_field, TODAY)
        fill(form, "place", "Trụ sở Ủy ban nhân dân xã Ia Le")
        Select(form.find_element(By.NAME, "receiver_kind")).select_by_value("regular")
        fill(form, "receiver_name", "Ksor H'Blin")
        submit(d, form)
        assert "/reception/sessions/" in path_of(d), f"after the session form: {path_of(d)} {body_text(d)[:300]}"
        form = find(d, "#new-visit form")
        fill(form, "citizen_name", "Rơ Mah Hlim")
        fill(form, "citizen_address", "Thôn Plei Ia Le, xã Ia Le")
        fill(form, "people", "1")
        fill(form, "content", "Khiếu nại quyết định thu hồi đất nông nghiệp của gia đình")
        submit(d, form)
        assert "Rơ Mah Hlim, Thôn Plei Ia Le, xã Ia Le" in norm(find(d, "#visit-list").text)
        find(d, "#visit-list a.new-letter").click()

    with step("record the complaint from the visit, with the letter attached"):
        wait_path(d, "/letters/new")
        check_page(d)
        form = find(d, "form#letter-form")
        received = form.find_element(By.NAME, "received_on")
        if not received.get_attribute("value"):
            set_value(d, received, TODAY)
        Select(form.find_element(By.NAME, "kind")).select_by_value("complaint")
        Select(form.find_element(By.NAME, "field")).select_by_value("land")
        # What the visit recorded is carried over: the matter, a subject from it, who came.
        assert form.find_element(By.NAME, "content").get_attribute("value") == "Khiếu nại quyết định thu hồi đất nông nghiệp của gia đình"
        assert form.find_element(By.NAME, "subject").get_attribute("value") == "Khiếu nại quyết định thu hồi đất nông nghiệp của gia đình"
        assert form.find_element(By.NAME, "sender_name").get_attribute("value") == "Rơ Mah Hlim"
        assert form.find_element(By.NAME, "sender_address").get_attribute("value") == "Thôn Plei Ia Le, xã Ia Le"
        fill(form, "subject", "Khiếu nại quyết định thu hồi đất")
        fill(form, "content", "Gia đình ông khiếu nại Quyết định thu hồi 2.000 m² đất nông nghiệp tại thôn Plei Ia Le.")
        letter = tmp_path / "don-khieu-nai.pdf"
        letter.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        form.find_element(By.NAME, "attachment").send_keys(str(letter))
        submit(d, form)
        assert re.search(r"^/letters/[0-9a-f-]{36}$", path_of(d)), f"not on a case page: {path_of(d)} {body_text(d)[:400]}"
        assert norm(find(d, "#letter-status").text) == "Mới tiếp nhận"
        assert "don-khieu-nai.pdf" in norm(find(d, "#letter-attachments").text)
        case_path = path_of(d)

    with step("accept it (thụ lý) and see the legal due date"):
        form = open_action(d, "accept")
        set_value(d, form.find_element(By.NAME, "on_date"), TODAY_DIGITS)
        submit(d, form)
        assert norm(find(d, "#letter-status").text) == "Đã thụ lý", body_text(d)[:400]
        assert TODAY in norm(find(d, "#letter-timeline").text), "the eight digits typed are read as today, day first"
        assert "Đã lưu: Thụ lý." in body_text(d), "no confirmation after saving"
        assert "Bước tiếp theo: lãnh đạo giao cán bộ xử lý." in norm(find(d, "#letter-next-step").text)

    with step("print the citizen's receipt (giấy biên nhận) with the due date"):
        find(d, "#letter-receipt").click()
        assert "GIẤY BIÊN NHẬN ĐƠN" in body_text(d)
        assert norm(find(d, "#receipt-sender").text) == "Rơ Mah Hlim"
        assert DATE_PATTERN.search(norm(find(d, "#receipt-due").text)), norm(find(d, "#receipt-due").text)
        check_page(d)
        screenshot(d, "letters-receipt")
        # As printed on A4 (the artifact shows the paper layout: two-column heading, signatures).
        print_pdf(d, "letters-receipt")
        d.back()
        deadlines = norm(find(d, "#letter-deadlines").text)
        assert "Giải quyết khiếu nại lần đầu" in deadlines, deadlines
        assert DATE_PATTERN.search(deadlines), f"no due date in {deadlines!r}"
        check_page(d)
        assert_in_sight(d, "#letter-deadlines td.due, #letter-deadlines td.state")

    with step("assign the case and resolve it"):
        form = open_action(d, "assign")
        Select(form.find_element(By.NAME, "handler_id")).select_by_visible_text("Ksor H'Blin")
        submit(d, form)
        assert "Ksor H'Blin xác minh và giải quyết" in norm(find(d, "#letter-next-step").text)
        form = open_action(d, "resolve")
        set_value(d, form.find_element(By.NAME, "on_date"), TODAY)
        fill(form, "decision_number", "12/QĐ-UBND")
        set_value(d, form.find_element(By.NAME, "decision_date"), TODAY)
        Select(form.find_element(By.NAME, "outcome")).select_by_value("complaint_partly_right")
        submit(d, form)
        assert path_of(d) == case_path
        assert norm(find(d, "#letter-status").text) == "Đã giải quyết", body_text(d)[:400]
        assert "12/QĐ-UBND" in body_text(d)
        screenshot(d, "letters-case-resolved")

    with step("the reception register (sổ tiếp công dân) of the month lists the visit and the letter it became"):
        open_page(d, base, "/reception")
        find(d, "#register-link").click()
        assert "SỔ TIẾP CÔNG DÂN" in body_text(d)
        lines = norm(find(d, "#register-lines").text)
        assert "Rơ Mah Hlim, Thôn Plei Ia Le, xã Ia Le" in lines, lines[:400]
        assert "Vào sổ đơn" in lines and "Đã giải quyết" in lines, lines[:400]
        check_page(d)
        screenshot(d, "reception-register")
        print_pdf(d, "reception-register", landscape=True)

    with step("the statistics changed"):
        open_page(d, base, "/statistics")
        assert figure(d, "letter-received") == received_before + 1
        assert figure(d, "letter-resolved") == resolved_before + 1
        received_now = figure(d, "letter-received")
        find(d, "#letter-resolved").click()
        assert "Khiếu nại quyết định thu hồi đất" in body_text(d), "the resolved figure does not list the case"
        check_page(d)
        assert_in_sight(d, "#letter-list td.status, #letter-list td.due")
        # On a phone the filters are folded behind one line, so the list starts on the first screen.
        assert not find(d, "#letter-filter-panel").get_attribute("open")
        assert_in_sight(d, "#letter-list tbody tr")
        # At a desk the same list is a table again, each cell under its heading (not cards, not a grid),
        # with its filters open.
        from conftest import set_desktop, set_phone
        set_desktop(d)
        try:
            d.refresh()
            assert find(d, "#letter-filter-panel").get_attribute("open") is not None
            layout = d.execute_script(
                "const t = document.querySelector('#letter-list');"
                "const head = t.querySelector('thead th'), cell = t.querySelector('tbody td');"
                "return [getComputedStyle(t).display, Math.round(head.getBoundingClientRect().left), Math.round(cell.getBoundingClientRect().left)];")
            assert layout[0] == "table" and layout[1] == layout[2], f"the letters list at a desk: {layout}"
        finally:
            set_phone(d)

    with step("the Thanh tra form 01/XLD shows the same figure, and its cell lists the letters"):
        open_page(d, base, "/statistics")
        find(d, "#form-links a[href*='01%2FXLD']").click()
        assert "Tổng hợp kết quả xử lý đơn" in norm(find(d, "#form-heading").text)
        check_page(d)
        assert figure(d, "column-3") == received_now
        assert "không ghi nhận" in norm(find(d, "#column-21").text)
        screenshot(d, "statistics-form-01-xld")
        find(d, "#column-3").click()
        assert int(norm(find(d, "#letters-total").text).replace(".", "")) == received_now
        submit(d, find(d, "form#logout"))

    with step("a citizen sends a phản ánh on the public page"):
        open_page(d, base, "/public/send")
        check_page(d)
        Select(find(d, "#province")).select_by_visible_text("Tỉnh Gia Lai")
        form = find(d, "form#public-send")  # the province choice reloads the page with its communes
        Select(form.find_element(By.NAME, "commune_id")).select_by_visible_text("Xã Ia Le")
        Select(form.find_element(By.NAME, "kind")).select_by_value("report")
        fill(form, "subject", "Đèn đường thôn Plei Ia Le bị hỏng")
        fill(form, "content", "Đèn chiếu sáng đường liên thôn bị hỏng hơn một tháng nay.")
        fill(form, "sender_name", "Siu Thị Hà")
        fill(form, "sender_contact", "0912345678")
        submit(d, form)
        assert path_of(d) == "/public/sent", f"the confirmation is its own page (post, redirect, get), not {path_of(d)!r}"
        code = norm(find(d, "#tracking-code").text)
        assert re.fullmatch(r"DV-[A-Z0-9]{4}-[A-Z0-9]{4}", code), f"tracking code {code!r}"
        assert "xã ia le" in norm(find(d, "#sent-organisation").text).lower()

    with step("the citizen follows it by code; nothing personal is shown"):
        open_page(d, base, "/public/track")
        form = find(d, "form#public-track")
        fill(form, "code", code.lower())
        submit(d, form)
        assert norm(find(d, "#track-status").text) == "Mới tiếp nhận"
        text = body_text(d)
        assert "Siu Thị Hà" not in text and "0912345678" not in text
        check_page(d)
        screenshot(d, "public-track")
