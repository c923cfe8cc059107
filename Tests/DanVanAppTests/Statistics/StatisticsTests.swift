import DanVanDomain
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import DanVanApp

@Suite("Statistics: every figure equals the records behind it")
struct StatisticsTests {
    @Test("letter and reception figures of a commune, the legacy district and the 2025 province equal counts over the records")
    func figuresEqualRecords() async throws {
        try await TestApp.run { app in
            let fixture = try await StatisticsFixture.build(app)
            let scope = try await app.nationalScope()
            let today = CivilDate.today(now: Date())
            #expect(fixture.province.name == "Tỉnh Gia Lai")
            var exercised: Set<LetterFigure> = []
            for unit in [fixture.commune, fixture.district, fixture.province] {
                for key in StatisticsFixture.periods {
                    let period = try #require(ReportPeriod.parse(key))
                    let stats = try await app.services.statistics.statistics(scope, unitID: unit.id, period: period)
                    let letters = fixture.letters.filter { fixture.contains(unit.id, $0.place) }
                    for figure in LetterFigure.pageFigures {
                        let query = LetterQuery(unitID: unit.id, figures: ([figure], period), limit: 10_000)
                        let counted = try await app.services.letters.count(scope, query: query)
                        #expect(stats.count(figure) == counted, "\(unit.name) \(key) \(figure.rawValue): statistic \(stats.count(figure)), count \(counted)")
                        let listed = try await app.services.letters.letters(scope, query: query)
                        #expect(listed.count == counted, "\(unit.name) \(key) \(figure.rawValue): list")
                        let ours = letters.compactMap { StatisticsFixture.expected(figure, $0, period, today: today) }
                        if !ours.isEmpty {
                            let independent = ours.filter { $0 }.count
                            #expect(stats.count(figure) == independent, "\(unit.name) \(key) \(figure.rawValue): statistic \(stats.count(figure)), records \(independent)")
                            #expect(Set(listed.map(\.id)) == Set(letters.filter { StatisticsFixture.expected(figure, $0, period, today: today) == true }.map(\.id)),
                                    "\(unit.name) \(key) \(figure.rawValue): listed records")
                            if independent > 0 { exercised.insert(figure) }
                        }
                    }
                    let visits = fixture.visits.filter { fixture.contains(unit.id, $0.place) && period.contains($0.date) }
                    for figure in VisitFigure.allCases {
                        let mine = visits.filter { StatisticsFixture.expected(figure, $0) }
                        let listed = try await app.services.reception.visits(scope, unitID: unit.id, period: period, figures: [figure])
                        let stat = stats.visits[figure] ?? (0, 0)
                        #expect(stat.visits == mine.count && stat.visits == listed.count, "\(unit.name) \(key) \(figure.rawValue): visits")
                        #expect(stat.people == mine.map(\.people).reduce(0, +) && stat.people == listed.map(\.people).reduce(0, +),
                                "\(unit.name) \(key) \(figure.rawValue): people")
                    }
                    let sessions = fixture.sessions.filter { fixture.contains(unit.id, $0.place) && period.contains($0.date) }
                    #expect(stats.sessions == sessions.count, "\(unit.name) \(key): sessions")
                    #expect(stats.headSessions == sessions.filter { $0.kind == .head }.count, "\(unit.name) \(key): head sessions")
                    let toResolve = letters.filter { StatisticsFixture.expected(.toResolve, $0, period, today: today) == true }.count
                    let resolved = letters.filter { StatisticsFixture.expected(.resolved, $0, period, today: today) == true }.count
                    #expect(stats.resolutionRate == (toResolve == 0 ? nil : Double(resolved) / Double(toResolve)))
                }
            }
            // The set really exercises the main figures, carried-over letters and the boundary.
            #expect(exercised.isSuperset(of: [.received, .carriedOver, .processed, .toResolve, .resolved, .withdrawn, .inProgress, .overdue,
                                              .kindComplaint, .kindDenunciation, .kindPetition, .answered, .forwarded, .guided, .returned]))
            let commune2025 = try await app.services.statistics.statistics(scope, unitID: fixture.commune.id, period: .year(2025)!)
            #expect(commune2025.count(.carriedOver) == 2)  // received 31/12/2024 and 15/12/2024, processed in 2025
            let commune2024 = try await app.services.statistics.statistics(scope, unitID: fixture.commune.id, period: .year(2024)!)
            #expect(commune2024.count(.received) == 5)
            #expect(commune2024.count(.unprocessed) == 2)
        }
    }

    @Test("the page shows the figures with links to their records; the visits list behind a figure; 404 outside the unit")
    func pageAndLists() async throws {
        try await TestApp.run { app in
            let fixture = try await StatisticsFixture.build(app)
            let (_, password) = try await app.user("thongke.xa", roles: [.reportingOfficer], kind: "peoples_committee", in: fixture.commune)
            let stats = try await app.services.statistics.statistics(try await app.nationalScope(), unitID: fixture.commune.id, period: .year(2025)!)
            let unit = fixture.commune.id.uuidString.lowercased()
            try await app.client { browser in
                try await browser.login("thongke.xa", password)
                let page = try await browser.get("/statistics?unit=\(unit)&period=2025")
                #expect(page.status == .ok)
                #expect(page.body.contains("Số liệu tính từ ngày 01/01/2025 đến ngày 31/12/2025"))
                let figures = Self.figures(in: page.body)
                for figure in LetterFigure.pageFigures {
                    let shown = try #require(figures["letter-\(figure.rawValue)"], "no link for \(figure.rawValue)")
                    #expect(shown.value == stats.count(figure), "\(figure.rawValue)")
                    #expect(shown.href == "/letters?figure=\(figure.rawValue)&unit=\(unit)&period=2025")
                }
                #expect(page.body.contains(#"id="statistics-rate">"#))
                for figure in VisitFigure.allCases {
                    let shown = try #require(figures["visit-\(figure.rawValue)"])
                    #expect(shown.value == stats.visits[figure]?.visits)
                    #expect(shown.href == "/reception/visits?figure=\(figure.rawValue)&unit=\(unit)&period=2025")
                    let list = try await browser.get(shown.href)
                    #expect(list.status == .ok)
                    #expect(list.body.components(separatedBy: #"class="visit-row""#).count - 1 == shown.value, "visits behind \(figure.rawValue)")
                }
                #expect(figures["visit-sessions"]?.value == 3)
                let sessions = try await browser.get(try #require(figures["visit-sessions"]?.href))
                #expect(sessions.body.components(separatedBy: #"class="session-row""#).count - 1 == 3)
                // The repeat visits of 2025 in the commune: 1 + 5 people.
                let repeats = try await browser.get("/reception/visits?figure=repeat_cases&unit=\(unit)&period=2025")
                #expect(repeats.body.contains("08/01/2025") && repeats.body.contains("12/03/2025"))
                #expect(!repeats.body.contains("06/05/2024"))
                // Default: the caller's unit, this year.
                let defaults = try await browser.get("/statistics")
                #expect(defaults.status == .ok)
                #expect(defaults.body.contains(fixture.commune.name))
                // The unit search finds units in scope and links to their statistics for the same period.
                let search = try await browser.get("/statistics?q=\(Browser.encode(fixture.commune.name))&period=2025-q1")
                #expect(search.body.contains("/statistics?unit=\(unit)&amp;period=2025-q1"))
                // A malformed period: the page says so and shows this year; a download refuses it.
                let bad = try await browser.get("/statistics?unit=\(unit)&period=2025-13")
                #expect(bad.status == .ok && bad.body.contains("Kỳ báo cáo không hợp lệ"))
                #expect(try await browser.get("/statistics.xlsx?unit=\(unit)&period=nonsense").status == .badRequest)
                // Another commune is outside the caller's unit: 404 everywhere.
                let other = fixture.commune2.id.uuidString.lowercased()
                for path in ["/statistics?unit=\(other)&period=2025", "/statistics.xlsx?unit=\(other)&period=2025",
                             "/statistics/letters.xlsx?figure=received&unit=\(other)&period=2025",
                             "/reception/visits?figure=visits&unit=\(other)&period=2025"] {
                    let denied = try await browser.get(path)
                    #expect(denied.status == .notFound, "\(path)")
                    #expect(!denied.body.contains(fixture.commune2.name))
                }
                #expect(try await browser.get("/reception/visits?figure=nonsense&unit=\(unit)&period=2025").status == .notFound)
            }
        }
    }

    @Test("the workbooks open in openpyxl: figures equal the page's, and no denouncer is named")
    func workbooks() async throws {
        try await TestApp.run { app in
            let fixture = try await StatisticsFixture.build(app)
            let (_, password) = try await app.user("thongke.huyen", roles: [.reportingOfficer], kind: "peoples_committee", in: fixture.district)
            let unit = fixture.commune.id.uuidString.lowercased()
            let catalogue = app.services.renderer.catalogue
            try await app.client { browser in
                let login = try await browser.login("thongke.huyen", password)
                let cookie = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("danvan_session=") }?.split(separator: ";").first)
                func download(_ path: String) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, bytes: [UInt8]) {
                    let response = try await browser.client.execute(uri: path, method: .get, headers: [.cookie: String(cookie)], body: nil)
                    return (response.status, response.headers, Array(buffer: response.body))
                }
                let page = try await browser.get("/statistics?unit=\(unit)&period=2025")
                let figures = Self.figures(in: page.body)

                let (status, headers, bytes) = try await download("/statistics.xlsx?unit=\(unit)&period=2025")
                #expect(status == .ok)
                #expect(headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                let disposition = try #require(headers[.contentDisposition])
                #expect(disposition.hasPrefix("attachment; filename=\"") && disposition.allSatisfy(\.isASCII) && disposition.hasSuffix(".xlsx\""))
                // Named by what a person reads: the unit's name and the period, no internal key.
                #expect(disposition == "attachment; filename=\"thong-ke-\(StatisticsController.ascii(fixture.commune.name).split(separator: "-").joined(separator: "-"))-2025.xlsx\"")
                let figureFile = try await download("/statistics/letters.xlsx?figure=kind_denunciation&unit=\(unit)&period=2025").1[.contentDisposition] ?? ""
                #expect(figureFile.contains("don-to-cao-") && !figureFile.contains("kind_"), "\(figureFile)")
                let sheet = try await ReadWorkbook.read(bytes)
                #expect(sheet.names.contains("Thống kê"))
                #expect(sheet.texts.contains("Đơn vị báo cáo: \(fixture.commune.name)") && sheet.texts.contains("THỐNG KÊ TIẾP CÔNG DÂN, XỬ LÝ ĐƠN"))
                #expect(sheet.texts.contains("Số liệu tính từ ngày 01/01/2025 đến ngày 31/12/2025"))
                #expect(sheet.texts.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && sheet.texts.contains("THỦ TRƯỞNG ĐƠN VỊ"))
                #expect(sheet.orientation == "landscape" && sheet.paperSize == 9 && sheet.fitsToPage && sheet.frozen != nil)
                let rows = sheet.body
                var checked = 0
                for figure in LetterFigure.pageFigures {
                    let section = catalogue.text(figure.section == "letters" ? "statistics_letters" : "statistics_resolution", .vi)
                    let row = try #require(rows.first { $0.count > 2 && ($0[0] as? String) == section && ($0[1] as? String) == catalogue.text(figure.labelKey, .vi) })
                    let cell = try #require(Self.number(row[2]), "\(figure.rawValue) is not a numeric cell")
                    #expect(cell == figures["letter-\(figure.rawValue)"]?.value, "\(figure.rawValue)")
                    checked += 1
                }
                for figure in VisitFigure.allCases {
                    let row = try #require(rows.first { $0.count > 3 && ($0[1] as? String) == catalogue.text(figure.labelKey, .vi) })
                    #expect(Self.number(row[2]) == figures["visit-\(figure.rawValue)"]?.value)
                    #expect(Self.number(row[3]) == figures["visit-\(figure.rawValue)-people"]?.value)
                    checked += 1
                }
                #expect(checked == LetterFigure.pageFigures.count + VisitFigure.allCases.count)
                // The resolution rate is a number (the ratio) shown as a percentage, not text.
                let rate = try #require(sheet.rows.firstIndex { ($0.dropFirst().first as? String) == catalogue.text("statistics_rate", .vi) })
                let stats = try await app.services.statistics.statistics(try await app.nationalScope(), unitID: fixture.commune.id, period: .year(2025)!)
                let ratio = try #require(stats.resolutionRate)
                #expect(abs(((sheet.rows[rate][2] as? NSNumber)?.doubleValue ?? -1) - ratio) < 1e-9)
                #expect(sheet.types["C\(rate + 1)"] == "n" && sheet.formats["C\(rate + 1)"] == "0.00%")

                // The letters behind "Tố cáo" of the commune in 2025 hold two denunciations; their senders are never named.
                #expect(figures["letter-kind_denunciation"]?.value == 2)
                let (lettersStatus, _, letterBytes) = try await download("/statistics/letters.xlsx?figure=kind_denunciation&unit=\(unit)&period=2025")
                #expect(lettersStatus == .ok)
                let letters = try await ReadWorkbook.read(letterBytes)
                let text = letters.texts
                for name in fixture.denouncers { #expect(!text.contains { $0.contains(name) }, "denouncer named") }
                #expect(text.filter { $0 == catalogue.text("sender_redacted", .vi) }.count == 2)
                #expect(letters.body.count == 2)
                // Received dates are date cells shown dd/mm/yyyy.
                let first = try #require(letters.frozen.flatMap { Int($0.drop { $0.isLetter }) })
                for row in first..<(first + 2) {
                    #expect(letters.types["B\(row)"] == "d" && letters.formats["B\(row)"] == "dd/mm/yyyy", "B\(row)")
                    #expect((letters.rows[row - 1][1] as? String)?.hasSuffix(" 00:00:00") == true)
                }
                // A complaint's sender is shown.
                let (_, _, complaintBytes) = try await download("/statistics/letters.xlsx?figure=kind_complaint&unit=\(unit)&period=2025")
                let complaints = try await ReadWorkbook.read(complaintBytes).texts
                #expect(complaints.contains { $0.hasPrefix("Nguyễn Thị Gửi") })
            }
        }
    }

    // MARK: Helpers

    /// The figure links of the statistics page: id → (number, href).
    static func figures(in html: String) -> [String: (value: Int, href: String)] {
        var result: [String: (Int, String)] = [:]
        let pattern = #/<a id="([a-z_-]+)" href="([^"]+)">([0-9.]+)</a>/#
        for match in html.matches(of: pattern) {
            let value = Int(match.output.3.replacingOccurrences(of: ".", with: "")) ?? -1
            result[String(match.output.1)] = (value, String(match.output.2).replacingOccurrences(of: "&amp;", with: "&"))
        }
        return result
    }

    /// A numeric cell's value; nil for text (a number stored as text fails).
    static func number(_ value: Any) -> Int? {
        if value is String { return nil }
        if let n = value as? Int { return n }
        if let n = value as? NSNumber { return n.intValue }
        return nil
    }
}
