"""The consolidated figures of the demo's Huyện Chư Pưh for 2022: the pivot of its indicators by
quarter with the previous period beside each figure, its communes compared in a bar chart and the
quarters in a line, a computed figure opening the letters it counts, and the table exported as a
workbook that openpyxl opens — at a phone's width and a desk's, with axe-core finding nothing.
"""

from __future__ import annotations

import io
import re
import urllib.request

import openpyxl
from selenium.webdriver.common.by import By

from conftest import set_desktop, set_phone
from journey import admin_logs_in, assert_accessible, check_page, find, link_named, norm, open_page, path_of, print_pdf, screenshot, step, submit


def chu_puh(d, base: str) -> str:
    """The id of the legacy Huyện Chư Pưh, from the units' search."""
    open_page(d, base, "/units?q=chu puh")
    link = link_named(find(d, "main"), "Huyện Chư Pưh")
    return re.search(r"/units/([0-9a-f-]{36})", link.get_attribute("href")).group(1)


def download(d, url: str) -> tuple[bytes, str]:
    """A file as the signed-in browser would get it (its session cookie)."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in d.get_cookies())
    request = urllib.request.Request(url, headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), response.headers.get("Content-Disposition", "")


def test_pivot_chart_and_workbook(demo_server, browser):
    d, base = browser, demo_server.base_url
    with step("the national administrator opens the pivot of Chư Pưh's 2022 by quarter, on a phone"):
        set_phone(d)
        admin_logs_in(d, demo_server)
        unit = chu_puh(d, base)
        open_page(d, base, f"/reporting/figures?unit={unit}&period=2022&frequency=quarter")
        check_page(d)
        table = find(d, "#figures-0 table")
        headings = [norm(th.text) for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
        assert headings[1:] == ["Quý I/2022", "Quý II/2022", "Quý III/2022", "Quý IV/2022"], headings
        rows = {norm(r.find_element(By.TAG_NAME, "th").text): r for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")}
        visits = [r for label, r in rows.items() if label.startswith("Lượt công dân được tiếp")]
        assert visits, list(rows)
        figures = [norm(td.text).split(" ")[0] for td in visits[0].find_elements(By.TAG_NAME, "td")]
        assert any(re.fullmatch(r"[1-9][\d.]*", f) for f in figures), figures
        assert "kỳ trước" in norm(visits[0].text), norm(visits[0].text)
        assert find(d, "#figures-line svg polyline")

    with step("a computed figure opens the records it counts"):
        letters = [r for label, r in rows.items() if label.startswith("Đơn thư tiếp nhận")][0]
        link = letters.find_elements(By.CSS_SELECTOR, "td a")[0]
        shown = norm(link.text)
        link.click()
        assert path_of(d) == "/letters", path_of(d)
        assert norm(find(d, "#letters-total").text) == shown, (norm(find(d, "#letters-total").text), shown)

    with step("its communes compared, one indicator ticked in the checklist by the form's sections: a bar each, the figures in the table"):
        open_page(d, base, f"/reporting/figures?unit={unit}&period=2022&frequency=quarter")
        checklist = find(d, "#figures-indicators")
        checklist.find_element(By.TAG_NAME, "summary").click()
        legends = [norm(legend.text) for legend in checklist.find_elements(By.TAG_NAME, "legend")]
        assert len(legends) >= 2, legends
        boxes = checklist.find_elements(By.CSS_SELECTOR, "input[type=checkbox][name=indicators]")
        assert boxes and all(b.is_selected() for b in boxes), len(boxes)   # the form's indicators, all shown
        find(d, "#figures-indicators button[data-check=none]").click()
        assert not any(b.is_selected() for b in boxes)
        box = find(d, "#indicator-TIEP_DAN_LUOT")
        assert norm(box.find_element(By.XPATH, "./ancestor::label").text).startswith("Lượt công dân được tiếp")
        box.click()
        rows_box = find(d, "#figures-filter input[name=rows]")
        if not rows_box.is_selected():
            rows_box.click()
        check_page(d)
        submit(d, find(d, "#figures-filter"))
        assert "indicators=TIEP_DAN_LUOT" in d.current_url and "rows=units" in d.current_url, d.current_url
        check_page(d)
        assert find(d, "#indicator-TIEP_DAN_LUOT").is_selected()
        assert sum(b.is_selected() for b in d.find_elements(By.CSS_SELECTOR, "#figures-indicators input[name=indicators]")) == 1
        bars = d.find_elements(By.CSS_SELECTOR, "#figures-bars svg rect")
        rows = find(d, "#figures-0 table").find_elements(By.CSS_SELECTOR, "tbody tr")
        assert len(rows) >= 2 and len(bars) >= 1, (len(rows), len(bars))
        assert "Huyện Chư Pưh" in norm(rows[0].text)
        screenshot(d, "reporting-figures-units")
        # The chart prints with the table (an A4 page from a desk computer).
        assert len(print_pdf(d, "reporting-figures-units")) > 1_000

    with step("the table as a workbook: openpyxl opens it, the numbers are numbers, the file name has no id"):
        href = find(d, "#figures-workbook").get_attribute("href")
        data, disposition = download(d, href)
        assert "tong-hop-chi-tieu" in disposition and unit not in disposition, disposition
        sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
        values = [[c.value for c in row] for row in sheet.iter_rows()]
        total = [row for row in values if row and row[0] == "Huyện Chư Pưh"]
        assert total, values[:12]
        assert any(isinstance(v, (int, float)) for v in total[0][1:]), total[0]

    with step("at an office PC's width: the same, nothing for axe-core"):
        set_desktop(d)
        open_page(d, base, f"/reporting/figures?unit={unit}&period=2022&frequency=quarter")
        assert_accessible(d)
        set_phone(d)
