import DanVanDomain
import Foundation
import Testing
@testable import DanVanApp

@Suite("Calendar: days off, overrides, Tết, deadline rules, commands")
struct CalendarPagesTests {
    /// Logs in as the first administrator.
    static func admin(_ app: TestApp, _ browser: Browser) async throws {
        let password = try #require(try await app.services.accounts.createFirstAdministrator())
        try await browser.login("admin", password)
        _ = try await browser.post("/account/password", [("current_password", password), ("new_password", "Mat-khau-2026"), ("confirmation", "Mat-khau-2026")])
    }

    @Test("the 2027 page lists Tết with its dates")
    func tet2027() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let (_, password) = try await app.user("canbo", roles: [.reportingOfficer], kind: "peoples_committee", in: district)
            try await app.client { browser in
                try await browser.login("canbo", password)
                let page = try await browser.get("/calendar?year=2027")
                #expect(page.status == .ok)
                // Mùng 1 Tết Đinh Mùi is Saturday 6/2/2027; by default 5/2–9/2 off, the weekend days made up on 10–11/2.
                #expect(page.body.contains("05/02/2027, 06/02/2027, 07/02/2027, 08/02/2027, 09/02/2027"))
                #expect(page.body.contains("Tết Âm lịch (Tết Nguyên đán)"))
                #expect(page.body.contains("10/02/2027"))
                #expect(page.body.contains("Nghỉ bù"))
                #expect(page.body.contains("Giỗ Tổ Hùng Vương"))
                // Not an administrator: no forms, and posting is refused.
                #expect(!page.body.contains("action=\"/calendar/overrides\""))
                let refused = try await browser.post("/calendar/overrides", [("date", "2027-03-03"), ("kind", "day_off"), ("note", "Thử")])
                #expect(refused.status == .forbidden)
                #expect(try await browser.post("/calendar/tet", [("year", "2027")]).status == .forbidden)
                #expect(try await browser.post("/calendar/rules", [("key", "letter_process")]).status == .forbidden)
                #expect(try await browser.get("/calendar/rules").status == .ok)
            }
            #expect(try await app.services.calendars.overrides().isEmpty)
        }
    }

    @Test("an administrator's extra day off pushes a working-day deadline by one day")
    func overrideMovesDeadline() async throws {
        try await TestApp.run { app in
            try await app.client { browser in
                try await Self.admin(app, browser)
                let query = "/calendar?year=2027&rule=letter_process&from=2027-03-01&variant=standard"
                let before = try await browser.get(query)
                // 10 working days from Monday 1/3/2027; the rule by its name, not its key.
                #expect(before.body.contains("15/03/2027"))
                #expect(before.body.contains(app.services.catalogue.text("rule_letter_process", .vi)) && !before.body.contains("(letter_process)"))
                let bad = try await browser.post("/calendar/overrides", [("date", "03/13/2027"), ("kind", "day_off"), ("note", "Thông báo nghỉ")])
                #expect(bad.status == .unprocessableContent)
                #expect(bad.body.contains("Thông báo nghỉ"))
                let set = try await browser.post("/calendar/overrides", [("date", "2027-03-03"), ("kind", "day_off"), ("note", "Thông báo 01/TB-UBND")])
                #expect(set.location == "/calendar?year=2027")
                let after = try await browser.get(query)
                #expect(after.body.contains("16/03/2027"))
                #expect(after.body.contains("Thông báo 01/TB-UBND"))
                #expect(after.body.contains("Nghỉ theo thông báo (Thông báo 01/TB-UBND)"))
                let removed = try await browser.post("/calendar/overrides/delete", [("date", "2027-03-03")])
                #expect(removed.location == "/calendar?year=2027")
                #expect(try await browser.get(query).body.contains("15/03/2027"))
            }
            let calendar = try await app.services.calendars.calendar()
            #expect(calendar.isWorkingDay(CivilDate(iso: "2027-03-03")!))
        }
    }

    @Test("a change of the calendar moves the kept due dates of open cases, so the lists agree with the case page")
    func calendarChangeMovesOpenCases() async throws {
        try await TestApp.run { app in
            let district = try await app.unit("639", legacy: true)
            let scope = try await app.officer("tiepdan", roles: [.receptionOfficer, .leader], in: district)
            let letters = app.services.letters
            let day = CivilDate(iso: "2027-03-02")!
            let waiting = try await letters.receive(scope, input: LetterWorkflowTests.input(receivedOn: "2027-03-01"), today: day).id
            var other = LetterWorkflowTests.input(receivedOn: "2027-03-01", name: "Lê Văn Hai")
            other.sender.idNumber = "064000000002"
            let accepted = try await letters.receive(scope, input: other, today: day).id
            try await letters.act(scope, id: accepted, input: LetterActionInput(action: .accept, onDate: "2027-03-02"), today: day)
            // 10 working days from Monday 1/3/2027; 30 days from 2/3/2027.
            #expect(try await letters.letter(scope, id: waiting).dueOn == "2027-03-15")
            #expect(try await letters.letter(scope, id: accepted).dueOn == "2027-04-01")
            let (_, adminPassword) = try await app.nationalAdministrator("quantri")
            try await app.client { browser in
                try await browser.login("quantri", adminPassword)
                _ = try await browser.post("/calendar/overrides", [("date", "2027-03-03"), ("kind", "day_off"), ("note", "Thông báo 01/TB-UBND")])
                _ = try await browser.post("/calendar/overrides", [("date", "2027-04-01"), ("kind", "day_off"), ("note", "Thông báo 02/TB-UBND")])
            }
            #expect(try await letters.letter(scope, id: waiting).dueOn == "2027-03-16")
            let moved = try await letters.letter(scope, id: accepted)
            #expect(moved.dueOn == "2027-04-02" && moved.resolutionDueOn == "2027-04-02")
            for id in [waiting, accepted] {
                let shown = LetterStore.currentDue(try await letters.deadlines(scope, id: id))?.due.iso
                #expect(shown == (try await letters.letter(scope, id: id).dueOn))
            }
            let audit = try await app.services.audit.entries(try await app.nationalScope(), query: AuditQuery())
                .filter { $0.recordType == "letter_due_dates" }
            #expect(audit.count == 2 && audit.allSatisfy { $0.summary.contains("hạn được tính lại") })
            // Nothing to move: no entry.
            #expect(try await letters.refreshDueDates(try await app.nationalScope(), reason: "thử") == 0)
        }
    }

    @Test("an administrator sets the Tết days of a year")
    func setTet() async throws {
        try await TestApp.run { app in
            try await app.client { browser in
                try await Self.admin(app, browser)
                let wrong = try await browser.post("/calendar/tet", [("year", "2027"), ("tet_1", "2027-02-04"), ("tet_2", "2027-02-05")])
                #expect(wrong.status == .unprocessableContent)
                #expect(wrong.body.contains("Cần đúng 5 ngày nghỉ Tết"))
                let fields = [("year", "2027")] + ["2027-02-04", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10"].enumerated().map { ("tet_\($0.offset + 1)", $0.element) }
                let set = try await browser.post("/calendar/tet", fields)
                #expect(set.location == "/calendar?year=2027")
                let page = try await browser.get("/calendar?year=2027")
                #expect(page.body.contains("04/02/2027, 05/02/2027, 08/02/2027, 09/02/2027, 10/02/2027"))
                #expect(page.body.contains("theo thông báo của Chính phủ"))
            }
        }
    }

    @Test("a rule added with a later effective date applies only from that date")
    func laterRule() async throws {
        try await TestApp.run { app in
            try await app.client { browser in
                try await Self.admin(app, browser)
                let invalid = try await browser.post("/calendar/rules", [("key", "letter_process"), ("count", "working_days"), ("days_standard", "0"),
                                                                         ("extensions_complex", "1"), ("days_complex", "20"), ("source", ""), ("effective_from", "2026-13-01")])
                #expect(invalid.status == .unprocessableContent)
                #expect(invalid.body.contains("Số ngày phải là số nguyên dương."))
                #expect(invalid.body.contains("Không được để trống."))
                #expect(invalid.body.contains("Số lần gia hạn (0–10)"))
                #expect(invalid.body.contains("Ngày không hợp lệ"))
                #expect(invalid.body.contains("value=\"20\""))
                let added = try await browser.post("/calendar/rules", [("key", "letter_process"), ("count", "working_days"), ("days_standard", "15"),
                                                                       ("source", "Luật 136/2025/QH15 (thử)"), ("effective_from", "2026-07-01")])
                #expect(added.location == "/calendar/rules")
                let page = try await browser.get("/calendar/rules")
                #expect(page.body.contains("Luật 136/2025/QH15 (thử)"))
                #expect(page.body.contains("01/07/2026"))
                #expect(page.body.contains("15 ngày làm việc"))
            }
            let book = try await app.services.calendars.deadlineRules()
            let calendar = try await app.services.calendars.calendar()
            let before = try book.due("letter_process", from: CivilDate(iso: "2026-06-30")!, calendar: calendar)
            let after = try book.due("letter_process", from: CivilDate(iso: "2026-07-01")!, calendar: calendar)
            #expect(before.totalDays == 10 && before.rule.effectiveFrom.iso == "2021-11-15")
            #expect(after.totalDays == 15 && after.rule.effectiveFrom.iso == "2026-07-01")
            #expect(after.rule.step == "process")
        }
    }

    @Test("`danvan calendar 2027` lists each day off with its weekday and reason")
    func calendarCommandText() throws {
        let catalogue = try StringCatalogue.shipped()
        let lines = CalendarText.daysOffLines(WorkingCalendar(), year: 2027, catalogue: catalogue)
        #expect(lines.first == "01/01/2027  Thứ Sáu  Tết Dương lịch")
        #expect(lines.contains("05/02/2027  Thứ Sáu  Tết Âm lịch (Tết Nguyên đán)"))
        #expect(lines.contains { $0.hasPrefix("10/02/2027  Thứ Tư  Nghỉ bù (Tết Âm lịch (Tết Nguyên đán) 06/02/2027)") })
        #expect(lines.contains("30/04/2027  Thứ Sáu  Ngày Chiến thắng (30/4)"))
        #expect(lines.contains("02/09/2027  Thứ Năm  Quốc khánh (2/9)"))
        let overridden = WorkingCalendar(overrides: [CalendarOverride(date: CivilDate(iso: "2027-03-03")!, kind: .dayOff, note: "TB 01", createdBy: "admin")])
        #expect(CalendarText.daysOffLines(overridden, year: 2027, catalogue: catalogue).contains("03/03/2027  Thứ Tư  Nghỉ theo thông báo (TB 01)"))
    }

    @Test("`danvan deadline` prints the due date and the rule, or a Vietnamese message")
    func deadlineCommandText() throws {
        let catalogue = try StringCatalogue.shipped()
        let book = DeadlineRuleBook(DeadlineRules.defaults)
        let text = try CalendarText.deadline(book: book, calendar: WorkingCalendar(), rule: "letter_process", from: "2027-03-01", variant: "standard",
                                             extensions: [], catalogue: catalogue)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Hạn: 15/03/2027 (Thứ Hai)")
        #expect(lines[1] == "Quy định: letter_process — Xử lý đơn")
        #expect(lines[2] == "Thời hạn: 10 ngày làm việc (Thông thường)")
        #expect(lines[3].hasPrefix("Căn cứ: Thông tư 05/2021/TT-TTCP"))
        #expect(lines[4] == "Hiệu lực từ: 15/11/2021")
        // 30 + 15 days from 1/3/2027 = 15/4/2027, a Thursday.
        let complex = try CalendarText.deadline(book: book, calendar: WorkingCalendar(), rule: "complaint_first_resolve", from: "2027-03-01",
                                                variant: "complex", extensions: [15], catalogue: catalogue)
        #expect(complex.hasPrefix("Hạn: 15/04/2027 (Thứ Năm)"))
        #expect(complex.contains("45 ngày (Phức tạp, gia hạn 15)"))
        func message(_ body: () throws -> String) -> String {
            do { _ = try body(); return "" } catch { return (error as? CommandProblem)?.description ?? "\(error)" }
        }
        #expect(message { try CalendarText.deadline(book: book, calendar: WorkingCalendar(), rule: "khong_co", from: "2027-03-01", variant: "standard",
                                                    extensions: [], catalogue: catalogue) }.hasPrefix("Không có quy định thời hạn «khong_co»"))
        #expect(message { try CalendarText.deadline(book: book, calendar: WorkingCalendar(), rule: "letter_process", from: "2027-03-01", variant: "rat_kho",
                                                    extensions: [], catalogue: catalogue) }.hasPrefix("Không có trường hợp «rat_kho»"))
        #expect(message { try CalendarText.deadline(book: book, calendar: WorkingCalendar(), rule: "letter_process", from: "2027-02-30", variant: "standard",
                                                    extensions: [], catalogue: catalogue) }.hasPrefix("Ngày không hợp lệ"))
        #expect(message { try CalendarText.deadline(book: book, calendar: WorkingCalendar(), rule: "letter_process", from: "2027-03-01", variant: "complex",
                                                    extensions: [], catalogue: catalogue) } == "Quy định thời hạn không có trường hợp này.")
        #expect(message { try CalendarText.deadline(book: book, calendar: WorkingCalendar(), rule: "complaint_first_resolve", from: "2027-03-01",
                                                    variant: "complex", extensions: [20], catalogue: catalogue) }.hasPrefix("Số ngày gia hạn vượt quá"))
    }
}
