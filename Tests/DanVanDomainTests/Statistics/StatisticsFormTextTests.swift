import Testing
@testable import DanVanDomain

@Suite("Statistics forms as data: the text, the sums and the stated relations")
struct StatisticsFormTextTests {
    static let figures: [FormRecords: Set<String>] = [
        .letters: ["to_process", "carried_over", "received", "processed", "unprocessed", "is_complaint"],
        .visits: ["regular", "head", "groups"], .people: ["regular", "head", "groups"], .sessions: ["head"],
    ]

    static let text = """
        # comment lines and blank lines are skipped

        mã: 01/XLD
        tên: Tổng hợp kết quả xử lý đơn
        căn cứ: Thông tư 01/2024/TT-TTCP
        hiệu lực từ: 2024-01-01
        thay thế: 02/XLD, 03/XLD
        (1) | Tổng số đơn phải xử lý | đơn: to_process | = 2 + 3 | = 4 + 5
        (2) | Kỳ trước chuyển sang | đơn: carried_over
        (3) | Tiếp nhận trong kỳ | đơn: received & is_complaint
        (4) | Đã xử lý | đơn: processed
        5 | Chưa xử lý | = 6 + 7
        (6) | Đôn đốc | không ghi nhận
        (7) | Lượt tiếp đoàn đông người | lượt: regular & groups
        (8) | Kỳ tiếp của thủ trưởng | kỳ: head
        (9) | Mọi người được tiếp | người:
        """

    func parse(_ text: String) -> Result<StatisticsForm, FormTextProblems> {
        StatisticsFormText.parse(text, figures: Self.figures, periodless: ["is_complaint"])
    }

    @Test func readsEveryKindOfColumnAndWritesItBack() throws {
        let form = try parse(Self.text).get()
        #expect(form.code == "01/XLD")
        #expect(form.source == "Thông tư 01/2024/TT-TTCP")
        #expect(form.validFrom == CivilDate(iso: "2024-01-01"))
        #expect(form.replaces == ["02/XLD", "03/XLD"])
        #expect(form.columns.map(\.number) == Array(1...9))
        #expect(form.column(1)?.definition == .count(.letters, ["to_process"]))
        #expect(form.column(1)?.relations == [[2, 3], [4, 5]])
        #expect(form.column(3)?.definition == .count(.letters, ["received", "is_complaint"]))
        #expect(form.column(5)?.definition == .sum([6, 7]))
        #expect(form.column(6)?.definition == .notRecorded)
        #expect(form.column(7)?.definition == .count(.visits, ["regular", "groups"]))
        #expect(form.column(8)?.definition == .count(.sessions, ["head"]))
        #expect(form.column(9)?.definition == .count(.people, []))
        #expect(try parse(StatisticsFormText.format(form)).get() == form)
    }

    @Test func sumsAddTheirPartsAndNotRecordedStaysBlank() throws {
        let form = try parse(Self.text).get()
        let values = form.values(counts: [1: 10, 2: 4, 3: 6, 4: 7, 7: 3, 8: 2, 9: 40])
        #expect(values[5] == .some(3))  // (6) not recorded counts as 0, (7) = 3
        #expect(values[6] == .some(nil))
        // (1) = 2 + 3 holds; (1) = 4 + 5 = 7 + 3 holds.
        #expect(form.brokenRelations(values).isEmpty)
        let broken = form.brokenRelations(form.values(counts: [1: 11, 2: 4, 3: 6, 4: 7, 7: 3]))
        #expect(broken == [FormRelationBreak(column: 1, parts: [2, 3], value: 11, sum: 10), FormRelationBreak(column: 1, parts: [4, 5], value: 11, sum: 10)])
    }

    @Test func namesEveryBadLineAndSavesNothing() {
        let text = """
            mã: 01/XLD
            tên: Biểu thử
            hiệu lực từ: 2024-13-01
            ngày ký: 2024-01-01
            (1) | Tổng | đơn: to_process | = 2 + 9
            (1) | Lặp lại | đơn: received
            (x) | Số cột sai | đơn: received
            (3) | | đơn: received
            (4) | Chỉ tiêu lạ | đơn: bogus
            (5) | Loại hồ sơ lạ | hồ sơ: received
            (6) | Chỉ đặc điểm | đơn: is_complaint
            (7) | Quan hệ sai | đơn: received | 2 + 3
            (8) | Thiếu cách tính
            """
        guard case .failure(let failure) = parse(text) else { Issue.record("accepted a bad form"); return }
        let found = failure.problems.map { "\($0.line):\($0.kind.rawValue):\($0.detail)" }
        #expect(found == [
            "0:missing_header:căn cứ", "0:bad_date:2024-13-01",
            "4:unknown_header:ngày ký", "5:unknown_column:2", "6:duplicate_column:1", "7:bad_column_number:(x)", "8:empty_label:(3)", "9:unknown_figure:bogus",
            "10:unknown_records:hồ sơ: received", "11:letters_need_figure:đơn: is_complaint", "12:bad_relation:2 + 3", "13:bad_line:(8) | Thiếu cách tính",
        ])
    }

    @Test func refusesCircularSumsAndAnEmptyForm() {
        let header = "mã: A\ntên: B\ncăn cứ: C\nhiệu lực từ: 2025-01-01\n"
        guard case .failure(let circular) = parse(header + "(1) | Một | = 2\n(2) | Hai | = 1\n") else { Issue.record("accepted a cycle"); return }
        #expect(circular.problems.map(\.kind) == [.circularSum])
        guard case .failure(let own) = parse(header + "(1) | Một | = 1 + 1\n") else { Issue.record("accepted a self sum"); return }
        #expect(own.problems.map(\.kind) == [.unknownColumn])
        guard case .failure(let empty) = parse(header) else { Issue.record("accepted no columns"); return }
        #expect(empty.problems.map(\.kind) == [.noColumns])
    }

    @Test func aLabelsPartsBetweenColonsAreTheHeadingsAboveItsColumn() {
        func headings(_ label: String) -> [String] { FormColumn(number: 1, label: label, definition: .notRecorded).headings }
        #expect(headings("Tiếp thường xuyên: đoàn đông người: số đoàn") == ["Tiếp thường xuyên", "Đoàn đông người", "Số đoàn"])
        #expect(headings("Tổng số lượt tiếp") == ["Tổng số lượt tiếp"])
        #expect(headings("Theo nội dung: kiến nghị, phản ánh") == ["Theo nội dung", "Kiến nghị, phản ánh"])
    }
}
