"""A "Dân vận khéo" model from registration to commendation: an organisation registers it, edits it
(a blank name is refused), carries it over to the next year, reports a result with a photo (a date before the start is refused), the
Ban Dân vận evaluates and commends it (a commendation without its decision number is refused), and
the statistics and coverage change (the organisations a survey team visited open as a list). Then a registration sheet written by openpyxl is imported:
its two bad rows are named by row and column, fixed, and imported. The coverage and the statistics' total are read before the
registration, after it, after the refused sheet and after the import, and change by exactly what was registered.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from journey import WAIT, admin_logs_in, body_text, check_page, fill, find, norm, open_page, path_of, step, submit

NAME = "Dân vận khéo trong chuyển đổi số ở bộ phận một cửa"
HEADINGS = ["Tổ chức đăng ký", "Tên mô hình", "Loại (Tập thể/Cá nhân)", "Họ tên cá nhân", "Chức vụ", "Lĩnh vực", "Chủ đề", "Thực trạng",
            "Đối tượng vận động", "Đối tượng thụ hưởng", "Phương thức", "Mục tiêu", "Chỉ số", "Đơn vị tính", "Chỉ tiêu", "Kinh phí (đồng)",
            "Ngày công", "Hiện vật", "Ngày bắt đầu (dd/mm/yyyy)", "Ngày đánh giá (dd/mm/yyyy)"]


def figure(d, section: str, label: str) -> tuple[str, str]:
    """This year's count of a statistics row, and its link."""
    rows = [r for r in find(d, f"#model-{section}").find_elements(By.CSS_SELECTOR, "tbody tr")
            if norm(r.find_element(By.TAG_NAME, "th").text) == label]
    assert len(rows) == 1, norm(find(d, f"#model-{section}").text)
    link = rows[0].find_elements(By.CSS_SELECTOR, "td a")[0]
    return norm(link.text), link.get_attribute("href")


def number(text: str) -> int:
    """A whole number as the pages write it (1.635)."""
    return int(norm(text).replace(".", ""))


def counts(d, base, year: int = 2025) -> dict:
    """The year's coverage (organisations, those with a model) from its page, and the statistics' total; the statistics'
    coverage line says the same as the coverage page."""
    open_page(d, base, f"/models/coverage?year={year}")
    cells = find(d, "#coverage-kinds tbody tr").find_elements(By.CSS_SELECTOR, "td")
    organisations, registered = number(cells[0].text), number(cells[1].text)
    open_page(d, base, f"/models/statistics?year={year}")
    line = norm(find(d, "#model-coverage-line").text)
    assert line == f"{registered:,}/{organisations:,} tổ chức đã đăng ký mô hình.".replace(",", "."), line
    return {"organisations": organisations, "registered": registered, "models": number(figure(d, "total", "Tổng số")[0])}


def folded(text: str) -> str:
    """A name as the import compares names: without diacritics, đ as d, lower case."""
    text = unicodedata.normalize("NFD", norm(text).replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def has_models(d, base, organisation: str, year: int = 2025) -> bool:
    """Whether an organisation is among those with a registered model in the year."""
    open_page(d, base, f"/models/coverage?year={year}&registered=yes")
    return organisation in norm(find(d, "#coverage-list").text)


def sheet(tmp_path, name: str, rows: list[list]) -> str:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADINGS)
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return str(path)


def row(organisation: str, name: str, target=800, start=datetime.date(2025, 3, 1)) -> list:
    return [organisation, name, "Tập thể", "", "", "Văn hóa - xã hội", "", "Thực trạng", "", "", "Phương thức", "Mục tiêu",
            "Số người được tuyên truyền", "người", target, None, None, "", start, "30/11/2025"]


def refused_keeping(d, form, container: str, message: str, field: str, value: str):
    """Submit a form that is refused: the message beside its field in `container`, what was typed kept; the form again."""
    submit(d, form)
    assert message in norm(find(d, container).text)
    form = find(d, container if container == "#model-form" else container + " form")
    assert form.find_element(By.NAME, field).get_attribute("value") == value
    return form


def press(d, form, button_id: str) -> None:
    """Press one of a form's submit buttons and wait for the next page."""
    old = find(d, "html")
    form.find_element(By.ID, button_id).click()
    WebDriverWait(d, WAIT).until(lambda x: x.find_element(By.TAG_NAME, "html") != old and x.execute_script("return document.readyState") == "complete")


def test_models_journey(server, browser, tmp_path):
    d, base = browser, server.base_url
    with step("the coverage and the statistics before anything is registered"):
        admin_logs_in(d, server)
        before = counts(d, base)

    with step("the national administrator registers a model with a measurable goal"):
        open_page(d, base, "/models?year=2025")
        check_page(d)
        find(d, "#model-new").click()
        form = find(d, "#model-form")
        check_page(d)
        choices = Select(form.find_element(By.NAME, "organisation_id"))
        organisation = norm(choices.first_selected_option.text)
        # Another organisation the administrator registers for, of a name no other has, when there is one (a fresh
        # installation has the administrator's alone): the import registers for it too.
        names = [norm(o.text) for o in choices.options]
        other = next((n for n in names if n != organisation and [folded(m) for m in names].count(folded(n)) == 1), organisation)
        new_organisation = not has_models(d, base, organisation)
        new_other = other != organisation and not has_models(d, base, other)
        open_page(d, base, "/models/new")
        form = find(d, "#model-form")
        fill(form, "year", "2025")
        fill(form, "name", NAME)
        Select(form.find_element(By.NAME, "field")).select_by_visible_text("Kinh tế")
        fill(form, "goal_1_indicator", "Số hồ sơ trực tuyến")
        fill(form, "goal_1_measure", "hồ sơ")
        fill(form, "goal_1_target", "1.200")
        fill(form, "started_on", "01/02/2025")
        fill(form, "evaluation_on", "30/11/2025")
        submit(d, form)
        assert norm(find(d, "#model-saved").text) == "Đã đăng ký mô hình."
        assert norm(find(d, "#model-name").text) == NAME
        model_path = path_of(d)
        check_page(d)

    with step("its fields are edited: a blank name is refused beside its field, what was typed kept; then saved"):
        find(d, "#model-edit").click()
        form = find(d, "#model-form")
        check_page(d)
        fill(form, "name", "")
        fill(form, "topics", "dịch vụ công trực tuyến")
        form = refused_keeping(d, form, "#model-form", "Không được để trống.", "topics", "dịch vụ công trực tuyến")
        fill(form, "name", NAME)
        submit(d, form)
        assert norm(find(d, "#model-saved").text) == "Đã lưu thay đổi."
        assert "dịch vụ công trực tuyến" in norm(find(d, ".facts").text)

    with step("the statistics of 2025 count it, and coverage counts its organisation"):
        registered = counts(d, base)
        assert registered == {"organisations": before["organisations"], "registered": before["registered"] + new_organisation,
                              "models": before["models"] + 1}, (before, registered)
        open_page(d, base, "/models/statistics?year=2025")
        assert figure(d, "status", "Đăng ký mới")[0] == str(before["models"] + 1)
        assert figure(d, "rating", "Xuất sắc")[0] == "0"
        check_page(d)
        count, link = figure(d, "field", "Kinh tế")
        assert count == "1"
        d.get(link)
        assert NAME in norm(find(d, "#model-list").text)
        open_page(d, base, "/models/coverage?year=2025&registered=yes")
        assert organisation in norm(find(d, "#coverage-list").text)
        check_page(d)

    with step("it is carried over to 2026 as maintained"):
        open_page(d, base, "/models/carry-over?year=2025")
        form = find(d, "#carry-over-form")
        box = [b for b in form.find_elements(By.NAME, "ids") if NAME in norm(form.find_element(By.CSS_SELECTOR, f'label[for="{b.get_attribute("id")}"]').text)]
        assert len(box) == 1
        box[0].click()
        submit(d, form)
        assert "Đã chuyển 1 mô hình sang năm 2026" in norm(find(d, "#model-carried").text)
        open_page(d, base, "/models/statistics?year=2026")
        assert figure(d, "status", "Duy trì")[0] == "1"

    with step("a result dated before the start is refused beside its date; then reported with a photo"):
        open_page(d, base, model_path)
        find(d, "#report-result summary").click()
        form = find(d, "#report-result form")
        Select(form.find_element(By.NAME, "goal_id")).select_by_visible_text("Số hồ sơ trực tuyến")
        fill(form, "reported_on", "15/01/2025")
        fill(form, "value", "1.350")
        fill(form, "note", "Vượt chỉ tiêu hồ sơ trực tuyến")
        form = refused_keeping(d, form, "#report-result", "Ngày của kết quả không được trước ngày bắt đầu mô hình.", "note", "Vượt chỉ tiêu hồ sơ trực tuyến")
        check_page(d)
        photo = tmp_path / "ket-qua.png"
        photo.write_bytes(bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + bytes(64))
        fill(form, "reported_on", "30/06/2025")
        form.find_element(By.NAME, "evidence").send_keys(str(photo))
        submit(d, form)
        assert norm(find(d, "#model-saved").text) == "Đã ghi kết quả."
        results = norm(find(d, "#model-results").text)
        assert "1.350" in results and "ket-qua.png" in results

    with step("the Ban Dân vận evaluates it; a commendation without its decision number is refused, then recorded"):
        find(d, "#evaluate summary").click()
        form = find(d, "#evaluate form")
        fill(form, "team", "Đoàn khảo sát số 1")
        fill(form, "members", "Ban Dân vận; Mặt trận")
        fill(form, "evaluated_on", "01/12/2025")
        Select(form.find_element(By.NAME, "rating")).select_by_visible_text("Xuất sắc")
        submit(d, form)
        assert norm(find(d, "#model-saved").text) == "Đã ghi đánh giá."
        find(d, "#commend summary").click()
        form = find(d, "#commend form")
        Select(form.find_element(By.NAME, "level")).select_by_visible_text("Trung ương")
        Select(form.find_element(By.NAME, "form")).select_by_visible_text("Bằng khen")
        fill(form, "decided_on", "20/12/2025")
        fill(form, "decided_by", "Ban Dân vận Trung ương")
        submit(d, form)
        assert "Biểu dương, khen thưởng phải có số quyết định." in norm(find(d, "#commend").text)
        form = find(d, "#commend form")
        fill(form, "decision_number", "15-QĐ/BDVTW")
        submit(d, form)
        assert norm(find(d, "#model-saved").text) == "Đã ghi biểu dương, khen thưởng."
        check_page(d)

    with step("the statistics of 2025 show the rating and the commendation; the public page lists it"):
        open_page(d, base, "/models/statistics?year=2025")
        assert figure(d, "rating", "Xuất sắc")[0] == "1"
        assert figure(d, "level", "Trung ương")[0] == "1"
        assert figure(d, "method", "Đoàn khảo sát")[0] == "1"
        count, link = figure(d, "method", "Tổ chức được đoàn khảo sát đến")
        assert count == "1"
        d.get(link)
        assert organisation in norm(find(d, "#coverage-list").text)
        open_page(d, base, "/public/models")
        assert NAME in norm(find(d, "#public-models").text)

    with step("a sheet with two bad rows: the check names each row and column, nothing is written"):
        open_page(d, base, "/models/import")
        check_page(d)
        bad = sheet(tmp_path, "dang-ky.xlsx", [row(organisation, "Tuyên truyền pháp luật cho thanh niên"),
                                               row("Hội Không Có Thật", "Sai tổ chức"), row(organisation, "Sai chỉ tiêu", target="nhiều")])
        form = find(d, "#import-form")
        fill(form, "year", "2025")
        form.find_element(By.NAME, "file").send_keys(bad)
        press(d, form, "import-write")
        problems = norm(find(d, "#import-problems").text)
        assert "Dòng 3, cột A (Tổ chức đăng ký): không tìm thấy tổ chức “Hội Không Có Thật”" in problems, problems
        assert "Dòng 4, cột O (Chỉ tiêu): Chỉ tiêu phải là số" in problems, problems
        assert "Không có gì được ghi" in norm(find(d, "#import-summary").text)
        check_page(d)
        assert counts(d, base) == registered
        open_page(d, base, "/models/import")

    with step("the fixed sheet is checked, then imported"):
        good = sheet(tmp_path, "dang-ky-sua.xlsx", [row(organisation, "Tuyên truyền pháp luật cho thanh niên"),
                                                    row(other, "Đúng tổ chức"), row(organisation, "Đúng chỉ tiêu", target=1200)])
        form = find(d, "#import-form")
        fill(form, "year", "2025")
        form.find_element(By.NAME, "file").send_keys(good)
        press(d, form, "import-check")
        assert norm(find(d, "#import-summary").text).startswith("3 dòng hợp lệ")
        form = find(d, "#import-form")
        form.find_element(By.NAME, "file").send_keys(good)
        press(d, form, "import-write")
        assert norm(find(d, "#import-written").text) == "Đã nhập 3 mô hình."
        imported = counts(d, base)
        assert imported == {"organisations": before["organisations"], "registered": registered["registered"] + new_other,
                            "models": registered["models"] + 3}, (registered, imported)
        open_page(d, base, "/models/statistics?year=2025")
        assert figure(d, "field", "Văn hóa - xã hội")[0] == "3"
        open_page(d, base, "/models?year=2025&q=tuyen+truyen+phap+luat")
        assert "Tuyên truyền pháp luật cho thanh niên" in norm(find(d, "#model-list").text)
