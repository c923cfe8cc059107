import Testing
@testable import DanVanDomain

@Suite("Follow-up items: status rules")
struct FollowUpStatusTests {
    /// Every status × action: the status after it, or nil when refused.
    static let table: [(FollowUpStatus, FollowUpAction, FollowUpStatus?)] = [
        (.open, .start, .inProgress), (.open, .answer, .done), (.open, .decline, .declined), (.open, .reassign, .open), (.open, .cancel, .cancelled),
        (.inProgress, .start, nil), (.inProgress, .answer, .done), (.inProgress, .decline, .declined), (.inProgress, .reassign, .open),
        (.inProgress, .cancel, .cancelled),
        (.declined, .start, nil), (.declined, .answer, nil), (.declined, .decline, nil), (.declined, .reassign, .open), (.declined, .cancel, .cancelled),
        (.done, .start, nil), (.done, .answer, nil), (.done, .decline, nil), (.done, .reassign, nil), (.done, .cancel, nil),
        (.cancelled, .start, nil), (.cancelled, .answer, nil), (.cancelled, .decline, nil), (.cancelled, .reassign, nil), (.cancelled, .cancel, nil),
    ]

    @Test func transitions() {
        #expect(Self.table.count == FollowUpStatus.allCases.count * FollowUpAction.allCases.count)
        for (from, action, to) in Self.table {
            let result = try? from.after(action, reason: "Lý do")
            #expect(result == to, "\(from) \(action)")
        }
    }

    @Test func aDeclineNamesItsReason() throws {
        #expect(throws: FollowUpProblem.reasonRequired) { try FollowUpStatus.open.after(.decline, reason: "  ") }
        #expect(throws: FollowUpProblem.reasonRequired) { try FollowUpStatus.open.after(.reassign) }
        #expect(throws: FollowUpProblem.notAllowed(from: .cancelled, action: .answer)) { try FollowUpStatus.cancelled.after(.answer) }
        #expect(try FollowUpStatus.open.after(.answer) == .done)
    }

    /// A due date counted in working days skips the weekend and Tết: due on the
    /// working day, overdue the next day; due soon within three working days.
    @Test func overdueByTheLegalCalendar() {
        let calendar = WorkingCalendar()
        let friday = CivilDate(year: 2025, month: 9, day: 5)!
        let due = calendar.adding(workingDays: 1, to: friday)
        #expect(due == CivilDate(year: 2025, month: 9, day: 8)!)   // Monday
        #expect(FollowUpDue.state(due: due, today: CivilDate(year: 2025, month: 9, day: 8)!, calendar: calendar) == .dueSoon)
        #expect(FollowUpDue.state(due: due, today: CivilDate(year: 2025, month: 9, day: 9)!, calendar: calendar) == .overdue)
        // Thursday 4/9 + 3 working days = Tuesday 9/9 (the weekend skipped): Monday 8/9 is due soon.
        #expect(FollowUpDue.state(due: due, today: CivilDate(year: 2025, month: 9, day: 4)!, calendar: calendar) == .dueSoon)
        #expect(FollowUpDue.state(due: CivilDate(year: 2025, month: 9, day: 20)!, today: CivilDate(year: 2025, month: 9, day: 4)!, calendar: calendar) == .onTime)
        // Tết 2023 (20–26/01): 5 working days from 19/01 end on 02/02.
        #expect(calendar.adding(workingDays: 5, to: CivilDate(year: 2023, month: 1, day: 19)!) == CivilDate(year: 2023, month: 2, day: 2)!)
    }
}

@Suite("Document number and symbol")
struct DocumentSymbolTests {
    /// Real symbols of the seeds and what they are made of.
    static let good: [(String, Int, String, [String], Int?)] = [
        ("529-QĐ/HU", 529, "QĐ", ["HU"], nil),
        ("550-QĐ/HU", 550, "QĐ", ["HU"], nil),
        ("05-CTr/BDVHU-UBND", 5, "CTr", ["BDVHU", "UBND"], nil),
        ("06-CTr/BDVHU-BCHQSH-CAH", 6, "CTr", ["BDVHU", "BCHQSH", "CAH"], nil),
        ("13-KH/BDVHU", 13, "KH", ["BDVHU"], nil),
        ("49-KH/HU", 49, "KH", ["HU"], nil),
        ("23-QĐ/TW", 23, "QĐ", ["TW"], nil),
        ("21-KL/TW", 21, "KL", ["TW"], nil),
        ("05-CT/TW", 5, "CT", ["TW"], nil),
        ("141/KH-UBND", 141, "KH", ["UBND"], nil),
        ("15/2023/NĐ-CP", 15, "NĐ", ["CP"], 2023),
        (" 529 - QĐ / HU ", 529, "QĐ", ["HU"], nil),
    ]
    static let bad = ["abc", "", "529", "529-QĐ", "-QĐ/HU", "529-/HU", "529-QĐ/", "529-XX/HU", "0-QĐ/HU", "52a-QĐ/HU", "529-QĐ/HU/TW",
                      "529-QĐ/hu", "141/KH", "15/23/NĐ-CP", "15/2023/NĐ-", "1234567-QĐ/HU", "529-QĐ/HU-", "529–QĐ/HU", "<b>1-QĐ/HU</b>"]

    @Test func parsesRealSymbols() throws {
        for (text, number, kind, issuers, year) in Self.good {
            let symbol = try #require(DocumentSymbol(text), "\(text)")
            #expect(symbol.number == number && symbol.kindCode == kind && symbol.issuers == issuers && symbol.year == year, "\(text)")
        }
        #expect(DocumentSymbol("529-QĐ/HU")?.kind == .decision)
        #expect(DocumentSymbol("05-CTr/BDVHU-UBND")?.kind == .programme)
        #expect(DocumentSymbol("05-CTr/BDVHU-UBND")?.numberText == "05")
    }

    @Test func rejectsMalformedSymbols() {
        for text in Self.bad { #expect(DocumentSymbol(text) == nil, "\(text)") }
    }
}
