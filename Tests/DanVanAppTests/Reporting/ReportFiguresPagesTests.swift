import DanVanDomain
import Foundation
import HummingbirdTesting
import NIOCore
import Testing
@testable import DanVanApp

/// The pivot page, its workbook, the API's consolidated table and the home page's key figures.
@Suite("Reporting: the pivot, its chart, workbook and API, the home page's key figures")
struct ReportFiguresPagesTests {
    @Test("a district reads its communes by quarter with the previous period beside each figure, a chart, a workbook and the API's table")
    func pivot() async throws {
        try await TestApp.run { app in
            let scope = try await app.nationalScope()
            let store = ReportFiguresStore(database: app.database)
            let sessions = try #require(try await store.indicators().first { $0.code == "TUYEN_TRUYEN_BUOI" })
            let district = try await app.unit("639", legacy: true)
            let communes = try await app.services.units.children(scope, of: district.id).sortedVietnamese()
            let first = try await ReportFiguresTests.organisation(app, in: communes[0]), second = try await ReportFiguresTests.organisation(app, in: communes[1])
            try await ReportFiguresTests.enter(app, indicator: sessions, organisation: first, period: .month(2024, 2)!, value: 1_200)
            try await ReportFiguresTests.enter(app, indicator: sessions, organisation: first, period: .month(2024, 5)!, value: 1_635)
            try await ReportFiguresTests.enter(app, indicator: sessions, organisation: second, period: .month(2024, 5)!, value: 5)
            let (_, password) = try await app.user("bandanvan.huyen", roles: [.leader], kind: "peoples_committee", in: district)
            try await app.client { browser in
                try await browser.login("bandanvan.huyen", password)
                let unit = district.id.uuidString.lowercased()
                let page = try await browser.get("/reporting/figures?unit=\(unit)&period=2024&frequency=quarter&indicators=TUYEN_TRUYEN_BUOI&rows=units")
                #expect(page.status == .ok)
                // 1.635 + 5 in the second quarter, after 1.200 in the first: up 36,67%.
                for text in ["1.640", "1.635", "1.200", "Quý II/2024", communes[0].name, "<svg", "tăng 36,67%", "<polyline"] {
                    #expect(page.body.contains(text), "\(text)")
                }
                // An entered figure opens the units it is made of.
                let drill = SiteURL.reportFiguresOf([("unit", unit), ("period", "2024Q2"), ("frequency", "quarter"), ("form", "DV_THANG"),
                                                     ("indicators", "TUYEN_TRUYEN_BUOI"), ("rows", "units")]).path
                #expect(page.body.contains(drill.replacingOccurrences(of: "&", with: "&amp;")), "\(drill)")
                // Rows are the indicators by default, each computed one linking to its module's list.
                let indicators = try await browser.get("/reporting/figures?unit=\(unit)&period=2024")
                #expect(indicators.status == .ok && indicators.body.contains("Đơn thư tiếp nhận") && indicators.body.contains("/letters?figure=received"))
                // The workbook, read back: the numbers as numbers, no internal id in its name.
                let workbook = try await browser.get("/reporting/figures.xlsx?unit=\(unit)&period=2024&frequency=quarter&indicators=TUYEN_TRUYEN_BUOI&rows=units")
                #expect(workbook.status == .ok && workbook.headers[.contentType] == XLSXWorkbook.contentType)
                let disposition = workbook.headers[.contentDisposition] ?? ""
                #expect(disposition.contains("tong-hop-chi-tieu") && !disposition.contains(unit))
                let rows = try XLSXReader.rows(Data(Array(buffer: workbook.bytes)))
                let total = try #require(rows.values.first { $0[0]?.text == district.name })
                #expect(total[1]?.text == "1200" && total[1]?.isNumber == true && total[2]?.text == "1640")
                // The API's table: the district first, then its communes, a value per column.
                let api = try await browser.get("/api/v1/reporting/figures?unit=\(unit)&period=2024&frequency=quarter&indicators=TUYEN_TRUYEN_BUOI")
                #expect(api.status == .ok)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
                let columns = try #require(body["columns"] as? [[String: Any]])
                #expect(columns.compactMap { $0["period"] as? String } == ["2024Q1", "2024Q2", "2024Q3", "2024Q4"])
                let tableRows = try #require(body["rows"] as? [[String: Any]])
                func values(_ id: UUID) -> [Double?]? {
                    guard let row = tableRows.first(where: { ($0["unit_id"] as? String)?.lowercased() == id.uuidString.lowercased() }),
                          let values = (row["values"] as? [String: Any])?["TUYEN_TRUYEN_BUOI"] as? [Any] else { return nil }
                    return values.map { $0 as? Double }
                }
                #expect((tableRows.first?["unit_id"] as? String)?.lowercased() == unit)
                #expect(values(district.id) == [1_200, 1_640, nil, nil])
                #expect(values(communes[1].id) == [nil, 5, nil, nil])
                // In English the periods are named in English, the figures still written 1.640.
                _ = try await browser.get("/language?to=en")
                let english = try await browser.get("/reporting/figures?unit=\(unit)&period=2024&frequency=quarter&indicators=TUYEN_TRUYEN_BUOI&rows=units")
                for text in ["Q2 2024", "Year 2024", "1.640"] { #expect(english.body.contains(text), "\(text)") }
                for text in ["Quý II/2024", "Năm 2024"] { #expect(!english.body.contains(text), "\(text)") }
                _ = try await browser.get("/language?to=vi")
                let bad = try await browser.get("/api/v1/reporting/figures?unit=\(unit)&period=2024Q9")
                #expect(bad.status == .badRequest)
                #expect(try await browser.get("/api/v1/reporting/figures?unit=\(unit)&period=1899").status == .badRequest)
            }
        }
    }

    @Test("a 2025 province's table of 2024 has as rows the legacy provinces in force then that flow into it, its legacy district's values in one of them")
    func acrossTheReorganisation() async throws {
        try await TestApp.run { app in
            let scope = try await app.nationalScope()
            let sessions = try #require(try await ReportFiguresStore(database: app.database).indicators().first { $0.code == "TUYEN_TRUYEN_BUOI" })
            let place = try await ReportFiguresTests.Place(app)
            let legacy = try #require(try await app.services.units.ancestors(scope, of: place.district.id).first { $0.level == 1 })
            // A value of the legacy district's own organisation: in the legacy province, under no 2025 commune.
            let own = try await ReportFiguresTests.organisation(app, in: place.district)
            try await ReportFiguresTests.enter(app, indicator: sessions, organisation: own, period: .month(2024, 5)!, value: 12)
            let (_, password) = try await app.user("tinh.moi", roles: [.leader], kind: "peoples_committee", in: place.province)
            try await app.client { browser in
                try await browser.login("tinh.moi", password)
                let unit = place.province.id.uuidString.lowercased()
                let api = try await browser.get("/api/v1/reporting/figures?unit=\(unit)&period=2024&frequency=year&indicators=TUYEN_TRUYEN_BUOI")
                #expect(api.status == .ok)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
                let rows = try #require(body["rows"] as? [[String: Any]])
                let ids = rows.compactMap { ($0["unit_id"] as? String)?.lowercased() }
                #expect(ids.first == unit && ids.contains(legacy.id.uuidString.lowercased()), "\(ids)")
                let values = Dictionary(rows.compactMap { row in
                    (row["unit_id"] as? String).map { ($0.lowercased(), ((row["values"] as? [String: Any])?["TUYEN_TRUYEN_BUOI"] as? [Any])?.first as? Double) }
                }, uniquingKeysWith: { first, _ in first })
                #expect(values[unit] == 12 && values[legacy.id.uuidString.lowercased()] == 12)
                // This year's table: the province's communes of today.
                let today = try await browser.get("/api/v1/reporting/figures?unit=\(unit)&period=\(CivilDate.today(now: Date()).year)&frequency=year&indicators=TUYEN_TRUYEN_BUOI")
                let current = try #require((try JSONSerialization.jsonObject(with: Data(today.body.utf8)) as? [String: Any])?["rows"] as? [[String: Any]])
                #expect(current.count > 2 && !current.contains { ($0["unit_id"] as? String)?.lowercased() == legacy.id.uuidString.lowercased() })
            }
        }
    }

    @Test("the home page shows the organisation's key figures this month beside the month before, each a link to its pivot")
    func home() async throws {
        try await TestApp.run { app in
            let store = ReportFiguresStore(database: app.database)
            let sessions = try #require(try await store.indicators().first { $0.code == "TUYEN_TRUYEN_BUOI" })
            let commune = try await app.unit("639", legacy: true)
            let organisation = try await ReportFiguresTests.organisation(app, in: commune)
            let today = CivilDate.today(now: Date())
            let current = try #require(CutOff(day: 14)!.period(containing: today, .month))
            try await ReportFiguresTests.enter(app, indicator: sessions, organisation: organisation, period: current, value: 12)
            try await ReportFiguresTests.enter(app, indicator: sessions, organisation: organisation, period: try #require(current.previous), value: 8)
            let (_, password) = try await app.user("ubnd.huyen", roles: [.leader], kind: "peoples_committee", in: commune)
            try await app.client { browser in
                try await browser.login("ubnd.huyen", password)
                let home = try await browser.get("/")
                #expect(home.status == .ok && home.body.contains("key-figures"))
                #expect(home.body.contains("<strong>12</strong> Buổi tuyên truyền") && home.body.contains("tăng 50%"), "\(home.body)")
            }
        }
    }
}
