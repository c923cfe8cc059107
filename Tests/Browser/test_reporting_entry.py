"""Periodic reporting: the Front of Xã Ia Tiêm (Chư Sê, before 2025) fills the monthly form of May 2025
with the keyboard only, each cell saved as it is left and shown in Vietnamese; the district's Ban Dân vận
returns it with a reason, the commune fixes it and submits again; the district approves it and sends its
consolidated report, which the province's Ban Dân vận approves — two levels. The month closed long ago,
so the district first reopens the commune's report with a reason, and the province the district's.
"""

from __future__ import annotations

import re

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import set_desktop, set_phone
from journey import (WAIT, assert_accessible, body_text, check_page, demo_user_logs_in, find, norm, open_page, step, submit)

COMMUNE = "demo.mttq.iatiem"
DISTRICT = "demo.bdv.chuse"
PROVINCE = "demo.bdv.gialai"
PERIOD = "Tháng 05/2025"


def sign_out(d) -> None:
    submit(d, find(d, "form#logout"))


def open_report_line(d, base: str, link_text: str) -> None:
    """The reports page of 2025, then the line of May (its grid, or the reports it received)."""
    open_page(d, base, "/reporting/reports?year=2025")
    check_page(d)
    row = [r for r in d.find_elements(By.CSS_SELECTOR, "#reports tbody tr") if PERIOD in norm(r.text)][0]
    row.find_element(By.LINK_TEXT, link_text).click()
    find(d, "h1")


def received_row(d, organisation: str):
    return [r for r in d.find_elements(By.CSS_SELECTOR, "#received-reports tbody tr, #missing-reports tbody tr")
            if organisation in norm(r.text)][0]


def act_on_row(d, organisation: str, action: str, reason: str | None = None) -> None:
    form = received_row(d, organisation).find_element(By.CSS_SELECTOR, f"form[id^='action-{action}-']")
    if reason is not None:
        form.find_element(By.NAME, "reason").send_keys(reason)
    submit(d, form)


def type_cell(d, keys: str) -> None:
    """Types into the focused cell and leaves it with Enter (the grid moves to the next cell)."""
    d.switch_to.active_element.send_keys(keys, Keys.ENTER)


def wait(d) -> WebDriverWait:
    """Waits through a page being replaced (a form posted by the keyboard)."""
    return WebDriverWait(d, WAIT, ignored_exceptions=[StaleElementReferenceException])


def wait_saved(d, code: str) -> None:
    wait(d).until(lambda _: norm(d.find_element(By.CSS_SELECTOR, f"tr[data-code='{code}'] .cell-state").text) == "Đã lưu")


def test_reporting_entry(demo_server, browser):
    d, base = browser, demo_server.base_url

    with step("the district's Ban Dân vận sees the commune missing for May 2025 and reopens its report with a reason"):
        demo_user_logs_in(d, demo_server, DISTRICT)
        open_report_line(d, base, "Báo cáo nhận được")
        check_page(d)
        assert "Ủy ban Mặt trận Tổ quốc Việt Nam xã Ia Tiêm" in norm(find(d, "#missing-reports").text)
        act_on_row(d, "xã Ia Tiêm", "unlock", "Xã xin nhập muộn do mất điện")
        assert "Bị trả lại" in norm(received_row(d, "xã Ia Tiêm").text)
        sign_out(d)

    with step("the commune's officer fills the form on a phone with the keyboard only: Enter moves on, each cell is saved"):
        demo_user_logs_in(d, demo_server, COMMUNE)
        open_report_line(d, base, PERIOD)
        check_page(d)
        assert "Xã xin nhập muộn do mất điện" in norm(find(d, "#return-reason").text)
        # The first cell to type in has the focus when the grid opens.
        assert d.switch_to.active_element.get_attribute("id") == "cell-TUYEN_TRUYEN_BUOI"
        type_cell(d, "45")
        wait_saved(d, "TUYEN_TRUYEN_BUOI")
        assert d.switch_to.active_element.get_attribute("id") == "cell-TUYEN_TRUYEN_LUOT"
        # Shown in Vietnamese while typed, digit by digit; a decimal comma stays; the caret stays where one types.
        cell = d.switch_to.active_element
        cell.send_keys("1234,5")
        assert cell.get_attribute("value") == "1.234,5"
        cell.send_keys(Keys.CONTROL, "a")
        shown = []
        for digit in "11245":
            cell.send_keys(digit)
            shown.append(cell.get_attribute("value"))
        assert shown == ["1", "11", "112", "1.124", "11.245"], shown
        cell.send_keys(Keys.LEFT, Keys.LEFT, Keys.LEFT, "0")
        assert (cell.get_attribute("value"), d.execute_script("return arguments[0].selectionStart", cell)) == ("110.245", 3)
        cell.send_keys("9")
        assert (cell.get_attribute("value"), d.execute_script("return arguments[0].selectionStart", cell)) == ("1.109.245", 5)
        cell.send_keys(Keys.BACKSPACE, Keys.BACKSPACE)
        assert cell.get_attribute("value") == "11.245"
        cell.send_keys(Keys.END, ".5")   # a dot that groups nothing is left as typed (the server refuses it)
        assert cell.get_attribute("value") == "11.245.5"
        cell.send_keys(Keys.BACKSPACE, Keys.BACKSPACE)
        assert cell.get_attribute("value") == "11.245"
        # A dot of one's own leaves the field as typed: 0.1234 digit by digit is not regrouped into 01.234 (1.234).
        cell.send_keys(Keys.CONTROL, "a")
        for key in "0.1234":
            cell.send_keys(key)
        assert cell.get_attribute("value") == "0.1234"
        cell.send_keys(Keys.CONTROL, "a")
        for digit in "11245":
            cell.send_keys(digit)
        assert cell.get_attribute("value") == "11.245"
        type_cell(d, "")
        wait_saved(d, "TUYEN_TRUYEN_LUOT")
        assert find(d, "#cell-TUYEN_TRUYEN_LUOT").get_attribute("value") == "11.245"
        type_cell(d, "50")   # traffic-law sessions: more than all the sessions, a warning beside both cells
        wait_saved(d, "TUYEN_TRUYEN_ATGT_BUOI")
        wait(d).until(lambda _: "lớn hơn" in norm(find(d, "tr[data-code='TUYEN_TRUYEN_BUOI'] .field-warning").text))
        type_cell(d, "8.463")
        wait_saved(d, "TUYEN_TRUYEN_ATGT_LUOT")
        type_cell(d, "mười")   # letters in a number cell: refused beside it, nothing saved
        wait(d).until(lambda _: "Chỉ nhập số" in norm(find(d, "tr[data-code='TIN_BAI']").text))
        check_page(d)

    with step("at a desk: the warning is fixed, the bad cell corrected; the page reloaded shows the values; submitted with the keyboard"):
        set_desktop(d)
        cell = find(d, "#cell-TUYEN_TRUYEN_ATGT_BUOI")
        cell.send_keys(Keys.CONTROL, "a")
        type_cell(d, "32")
        wait_saved(d, "TUYEN_TRUYEN_ATGT_BUOI")
        wait(d).until(lambda _: not find(d, "tr[data-code='TUYEN_TRUYEN_BUOI'] .field-warning").is_displayed())
        cell = find(d, "#cell-TIN_BAI")
        cell.send_keys(Keys.CONTROL, "a")
        type_cell(d, "660")
        wait_saved(d, "TIN_BAI")
        d.refresh()
        assert find(d, "#cell-TUYEN_TRUYEN_LUOT").get_attribute("value") == "11.245"
        assert find(d, "#cell-TIN_BAI").get_attribute("value") == "660"
        assert_accessible(d)
        # The session ended meanwhile: the cell says it was not saved, beside it, and keeps what was typed.
        session = d.get_cookie("danvan_session")
        d.delete_cookie("danvan_session")
        cell = find(d, "#cell-TIN_BAI")
        cell.send_keys(Keys.CONTROL, "a")
        type_cell(d, "700")
        wait(d).until(lambda _: "chưa lưu ô này" in norm(find(d, "tr[data-code='TIN_BAI'] .field-error").text))
        assert find(d, "#cell-TIN_BAI").get_attribute("value") == "700"
        assert find(d, "#cell-TIN_BAI").get_attribute("aria-invalid") == "true"
        d.add_cookie({"name": "danvan_session", "value": session["value"], "path": "/"})
        cell = find(d, "#cell-TIN_BAI")
        cell.send_keys(Keys.CONTROL, "a")
        type_cell(d, "660")
        wait_saved(d, "TIN_BAI")
        wait(d).until(lambda _: not d.find_elements(By.CSS_SELECTOR, "tr[data-code='TIN_BAI'] .field-error"))
        button = find(d, "#action-submit button")
        d.execute_script("arguments[0].focus()", button)
        d.switch_to.active_element.send_keys(Keys.ENTER)
        wait(d).until(lambda _: find(d, "#report-state").get_attribute("data-state") == "submitted")
        assert "đang chờ duyệt" in norm(find(d, "#report-lock").text)
        assert find(d, "#cell-TIN_BAI").get_attribute("readonly") is not None
        sign_out(d)

    with step("the district returns it with a reason (none is refused)"):
        set_phone(d)
        demo_user_logs_in(d, demo_server, DISTRICT)
        open_report_line(d, base, "Báo cáo nhận được")
        form = received_row(d, "xã Ia Tiêm").find_element(By.CSS_SELECTOR, "form[id^='action-return-']")
        d.execute_script("arguments[0].querySelector('[name=reason]').removeAttribute('required')", form)
        submit(d, form)
        assert "Cần ghi lý do" in body_text(d)
        act_on_row(d, "xã Ia Tiêm", "return", "Số lượt người tham dự chưa khớp sổ theo dõi")
        assert "Số lượt người tham dự chưa khớp sổ theo dõi" in norm(received_row(d, "xã Ia Tiêm").text)
        check_page(d)
        sign_out(d)

    with step("the commune reads the reason, fixes the cell and submits again"):
        demo_user_logs_in(d, demo_server, COMMUNE)
        open_report_line(d, base, PERIOD)
        assert "chưa khớp sổ theo dõi" in norm(find(d, "#return-reason").text)
        cell = find(d, "#cell-TUYEN_TRUYEN_LUOT")
        cell.click()
        cell.send_keys(Keys.CONTROL, "a")
        type_cell(d, "11.254")
        wait_saved(d, "TUYEN_TRUYEN_LUOT")
        submit(d, find(d, "#action-submit"))
        assert find(d, "#report-state").get_attribute("data-state") == "submitted"
        history = norm(find(d, "#report-history").text)
        assert "Trả lại: Số lượt người tham dự chưa khớp sổ theo dõi" in history, history
        sign_out(d)

    with step("the province reopens the district's consolidated report: a draft whose window has closed is not submitted before"):
        demo_user_logs_in(d, demo_server, PROVINCE)
        open_report_line(d, base, "Báo cáo nhận được")
        act_on_row(d, "Ban Dân vận Huyện ủy Chư Sê", "unlock", "Huyện tổng hợp muộn theo xã")
        assert "Bị trả lại" in norm(received_row(d, "Ban Dân vận Huyện ủy Chư Sê").text)
        sign_out(d)

    with step("the district approves it and submits its consolidated report"):
        demo_user_logs_in(d, demo_server, DISTRICT)
        open_report_line(d, base, "Báo cáo nhận được")
        act_on_row(d, "xã Ia Tiêm", "approve")
        assert "Đã duyệt" in norm(received_row(d, "xã Ia Tiêm").text)
        find(d, "#own-report").click()   # the body's own, consolidated report
        submit(d, find(d, "#action-submit"))
        assert find(d, "#report-state").get_attribute("data-state") == "submitted"
        check_page(d)
        sign_out(d)

    with step("the province approves the district (the level below is approved); the commune's report is locked, saying why"):
        demo_user_logs_in(d, demo_server, PROVINCE)
        open_report_line(d, base, "Báo cáo nhận được")
        check_page(d)
        act_on_row(d, "Ban Dân vận Huyện ủy Chư Sê", "approve")
        assert "Đã duyệt" in norm(received_row(d, "Ban Dân vận Huyện ủy Chư Sê").text)
        set_desktop(d)
        assert_accessible(d)
        assert "Phải báo cáo 2" in norm(find(d, "#completeness").text), norm(find(d, "#completeness").text)
        sign_out(d)
        set_phone(d)
        demo_user_logs_in(d, demo_server, COMMUNE)
        open_report_line(d, base, PERIOD)
        assert find(d, "#report-state").get_attribute("data-state") == "approved"
        assert "cơ quan duyệt phải mở khóa" in norm(find(d, "#report-lock").text)
        assert re.search(r"11\.254", find(d, "#cell-TUYEN_TRUYEN_LUOT").get_attribute("value"))
        check_page(d)
