"""Follow-up: after a dialogue of the People's Committee of Xã Ia Le with its citizens, the meeting and
two opinions are recorded by the committee's officer (what a meeting routes and publishes is its host's
own people's to do), both are routed to the committee's own hands, which answer one and decline the other with a
reason; the answer is published on the public page, the counts move, and the committee's inbox
holds both assignments. Then the officer gives an e-mail address for the inbox's digests, and
records a plan with its file.

Two users: the province's Ban Tuyên giáo và Dân vận (the router) records a plan and gives the commune's
People's Committee a task due in two working days, then signs out; the committee's own officer signs
in, finds the task waiting on the home page and in the inbox, and answers it; the router signs in
again and finds it answered, in the inbox, on the task's page and in the plan's progress.
"""

from __future__ import annotations

import datetime
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import Select, WebDriverWait

from journey import (body_text, check_page, demo_user_logs_in, fill, find, norm, open_page, path_of, step, submit)

USER = "demo.baocao"  # Ủy ban nhân dân xã Ia Le (2025), reporting officer
ROUTER = "demo.dvtinh"  # Ban Tuyên giáo và Dân vận Tỉnh ủy Gia Lai (2025), Ban Dân vận staff
TASK = "Báo cáo kết quả đối thoại với Nhân dân về đường liên thôn Plei Pông"
FIRST = "Đề nghị sửa chữa đường liên thôn Plei Pông bị sạt lở"
SECOND = "Đề nghị hỗ trợ kinh phí xây nhà văn hóa thôn"


def sign_in(d, server) -> None:
    """The commune's officer signs in (changing the one-time password if no journey has yet)."""
    demo_user_logs_in(d, server, USER)


def count(d, status: str) -> int:
    return int(re.search(r"(\d+)$", norm(find(d, f"#count-{status}").text)).group(1))


def record_plan(d, base: str, symbol: str, day: str, summary: str) -> str:
    """Records a plan from the documents page; returns the path of its page."""
    open_page(d, base, "/documents")
    check_page(d)
    find(d, "#new-document summary").click()
    form = find(d, "#document-form")
    Select(form.find_element(By.NAME, "kind")).select_by_value("plan")
    fill(form, "number_symbol", symbol)
    fill(form, "issued_on", day)
    fill(form, "summary", summary)
    submit(d, form)
    assert re.match(r"^/documents/[0-9a-f-]{36}$", path_of(d)), body_text(d)[:400]
    return path_of(d)


def test_followup_journey(demo_server, browser, tmp_path):
    d, base = browser, demo_server.base_url
    today = datetime.date.today().strftime("%d/%m/%Y")
    with step("the officer signs in and reads the counts of the commune"):
        sign_in(d, demo_server)
        open_page(d, base, "/follow-up")
        check_page(d)
        before = {s: count(d, s) for s in ("done", "declined", "total")}

    with step("a dialogue with two opinions is recorded in one form; posted twice, it is stored once"):
        open_page(d, base, "/meetings/new")
        check_page(d)
        form = find(d, "#meeting-form")
        Select(form.find_element(By.NAME, "kind")).select_by_value("dialogue")
        Select(form.find_element(By.NAME, "organisation_id")).select_by_visible_text("Ủy ban nhân dân xã Ia Le")
        fill(form, "co_hosts", "Tổ đại biểu HĐND xã số 1")
        fill(form, "held_on", today)
        fill(form, "participants", "142")
        fill(form, "opinion_text_0", FIRST)
        Select(form.find_element(By.NAME, "opinion_field_0")).select_by_value("construction")
        fill(form, "opinion_text_1", SECOND)
        Select(form.find_element(By.NAME, "opinion_level_1")).select_by_value("commune")
        submit(d, form)
        meeting = path_of(d)
        assert re.match(r"^/meetings/[0-9a-f-]{36}$", meeting), meeting
        check_page(d)
        d.back()
        submit(d, find(d, "#meeting-form"))
        assert "Biểu mẫu này đã được lưu rồi" in body_text(d), body_text(d)[:400]

    with step("each opinion is routed to the commune's People's Committee; a due date before the meeting is refused"):
        open_page(d, base, meeting)
        form = find(d, "form.route-form")
        Select(form.find_element(By.NAME, "organisation_id")).select_by_visible_text("Ủy ban nhân dân xã Ia Le")
        fill(form, "due_on", "01/01/2020")
        submit(d, form)
        assert "Hạn không được trước ngày hội nghị" in body_text(d)
        for _ in range(2):
            open_page(d, base, meeting)
            form = find(d, "form.route-form")
            Select(form.find_element(By.NAME, "organisation_id")).select_by_visible_text("Ủy ban nhân dân xã Ia Le")
            fill(form, "working_days", "15")
            submit(d, form)
            assert path_of(d) == meeting
        assert len(d.find_elements(By.CSS_SELECTOR, "a.item-link")) == 2
        check_page(d)

    with step("the committee's inbox holds both assignments; the layout counts them unread"):
        open_page(d, base, "/inbox")
        check_page(d)
        rows = [norm(r.text) for r in d.find_elements(By.CSS_SELECTOR, "#inbox tr.notice-assigned")]
        assert any(FIRST in r for r in rows) and any(SECOND in r for r in rows), rows
        assert int(norm(find(d, "#inbox-unread").text).replace(".", "")) >= 2

    with step("as the agency: one opinion answered, the other declined with a reason (refused without one)"):
        open_page(d, base, meeting)
        links = {norm(li.find_element(By.CSS_SELECTOR, ".opinion-text").text): li.find_element(By.CSS_SELECTOR, "a.item-link").get_attribute("href")
                 for li in d.find_elements(By.CSS_SELECTOR, "#opinions > li")}
        d.get(links[FIRST])
        check_page(d)
        form = find(d, "#answer-form")
        fill(form, "answer", "Đã đưa vào kế hoạch sửa chữa đường năm nay.")
        submit(d, form)
        assert "Đã trả lời, hoàn thành" in norm(find(d, "#item-status").text)
        d.get(links[SECOND])
        submit(d, find(d, "#decline-form"))
        assert "Hãy nêu lý do" in body_text(d)
        form = find(d, "#decline-form")
        fill(form, "reason", "Thuộc thẩm quyền của Ủy ban nhân dân tỉnh")
        submit(d, form)
        assert "Từ chối" in norm(find(d, "#item-status").text)
        assert "Thuộc thẩm quyền" in norm(find(d, "#item-decline-reason").text)
        check_page(d)

    with step("the answer is published; the public page shows it, without any person"):
        open_page(d, base, meeting)
        # The public words are offered from the opinion and its answer, to be edited before they go out.
        find(d, "details.publish-form summary").click()
        form = find(d, "details.publish-form form")
        assert form.find_element(By.NAME, "public_text").get_property("value") == FIRST
        fill(form, "public_answer", "Ủy ban nhân dân xã đã đưa vào kế hoạch sửa chữa đường năm nay.")
        check_page(d)
        button = find(d, "button.publish")
        button.click()
        WebDriverWait(d, 10).until(staleness_of(button), message="publishing did not reload the page")
        assert norm(find(d, "span.published").text) == "Đã công khai"
        open_page(d, base, "/public/opinions")
        check_page(d)
        text = body_text(d)
        assert FIRST in text and "Ủy ban nhân dân xã đã đưa vào kế hoạch" in text and SECOND not in text

    with step("the counts moved: one more answered, one more declined, two more in all"):
        open_page(d, base, "/follow-up")
        assert count(d, "done") == before["done"] + 1
        assert count(d, "declined") == before["declined"] + 1
        assert count(d, "total") == before["total"] + 2
        find(d, "#count-declined").click()
        assert SECOND in norm(find(d, "#followup-list").text)

    with step("the account page takes an e-mail address for the inbox's digests (a malformed one refused beside the field)"):
        open_page(d, base, "/account/password")
        check_page(d)
        form = find(d, "#email-form")
        d.execute_script("arguments[0].setAttribute('type', 'text')", form.find_element(By.NAME, "email"))  # past the browser's own check
        fill(form, "email", "baocao@xa")
        submit(d, form)
        assert "Địa chỉ thư điện tử không hợp lệ" in norm(find(d, "#email").text)
        check_page(d)
        form = find(d, "#email-form")
        fill(form, "email", "baocao@example.invalid")
        submit(d, form)
        assert path_of(d) == "/" and "Đã lưu địa chỉ thư điện tử" in body_text(d)

    with step("a plan is recorded; its page takes its file (PDF), which downloads from the link"):
        record_plan(d, base, "21-KH/UBND", today, "Kế hoạch tiếp xúc cử tri cuối năm")
        assert "Chưa có tệp văn bản" in body_text(d)
        check_page(d)
        pdf = tmp_path / "ke-hoach-21.pdf"
        pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        form = find(d, "#document-file-form")
        form.find_element(By.NAME, "file").send_keys(str(pdf))
        submit(d, form)
        link = find(d, "#document-file-link")
        assert norm(link.text) == "ke-hoach-21.pdf"
        # The link gives back the very bytes uploaded, with the session the browser holds.
        sent = d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer().then(b => done([r.status, Array.from(new Uint8Array(b))])))"
            ".catch(e => done([0, String(e)]));", link.get_attribute("href"))
        assert sent[0] == 200 and bytes(sent[1]) == pdf.read_bytes(), sent[0]
        check_page(d)


def test_router_and_agency(demo_server, browser):
    d, base = browser, demo_server.base_url
    today = datetime.date.today().strftime("%d/%m/%Y")
    with step("the province's Ban Dân vận records a plan and gives the commune's People's Committee a task, due in two working days"):
        demo_user_logs_in(d, demo_server, ROUTER)
        plan = record_plan(d, base, "07-KH/BTGDVTU", today, "Kế hoạch đối thoại với Nhân dân ở các xã")
        d.find_element(By.XPATH, "//details[.//form[contains(@class, 'add-item')]]/summary").click()
        form = find(d, "form.add-item")
        fill(form, "title", TASK)
        Select(form.find_element(By.NAME, "organisation_id")).select_by_visible_text("Ủy ban nhân dân xã Ia Le")
        fill(form, "working_days", "2")
        submit(d, form)
        assert path_of(d) == plan and TASK in body_text(d), body_text(d)[:400]
        assert norm(find(d, "#tasks-done").text) == "0/1"
        check_page(d)
        submit(d, find(d, "form#logout"))

    with step("the committee's officer signs in: the task waits on the home page (due soon) and in the inbox"):
        sign_in(d, demo_server)
        open_page(d, base, "/")
        waiting = [a for a in find(d, "#waiting").find_elements(By.CSS_SELECTOR, "ul.waiting li a") if "đến hạn trong 3 ngày làm việc" in norm(a.text)]
        assert waiting and int(re.match(r"[\d.]+", norm(waiting[0].text)).group(0).replace(".", "")) >= 1, norm(find(d, "#waiting").text)
        waiting[0].click()
        assert TASK in norm(find(d, "#followup-list").text)
        open_page(d, base, "/inbox")
        check_page(d)
        rows = [r for r in d.find_elements(By.CSS_SELECTOR, "#inbox tr.notice-assigned") if TASK in norm(r.text)]
        assert len(rows) == 1, [norm(r.text) for r in d.find_elements(By.CSS_SELECTOR, "#inbox tr")]
        rows[0].find_element(By.CSS_SELECTOR, "a").click()
        form = find(d, "#answer-form")
        check_page(d)
        fill(form, "answer", "Đã đối thoại với Nhân dân thôn Plei Pông; kết quả gửi kèm báo cáo.")
        submit(d, form)
        assert "Đã trả lời, hoàn thành" in norm(find(d, "#item-status").text)
        item = path_of(d)
        submit(d, find(d, "form#logout"))

    with step("the router signs in again: the task is answered, in the inbox, on its page and in the plan's progress"):
        demo_user_logs_in(d, demo_server, ROUTER)
        open_page(d, base, "/inbox")
        check_page(d)
        rows = [norm(r.text) for r in d.find_elements(By.CSS_SELECTOR, "#inbox tr.notice-answered")]
        assert any(TASK in r for r in rows), rows
        open_page(d, base, item)
        assert "Đã trả lời, hoàn thành" in norm(find(d, "#item-status").text)
        assert "Đã đối thoại với Nhân dân thôn Plei Pông" in norm(find(d, "#item-answer").text)
        open_page(d, base, plan)
        assert norm(find(d, "#tasks-done").text) == "1/1"
        check_page(d)
