import DanVanDomain
import FluentKit
import Foundation
import SQLKit
import Testing
@testable import DanVanApp

/// Registration by year, the carry-over, the computed flags and the refused inputs.
@Suite("Models: registration, carry-over, flags")
struct ModelStoreTests {
    static func day(_ iso: String) -> Date { Date(timeIntervalSince1970: TimeInterval(CivilDate(iso: iso)!.dayNumber) * 86_400 + 3 * 3600) }

    /// The organisations of a legacy district's units (its standard set, made on a day of 2024).
    static func organisations(_ app: TestApp, district code: String = "639") async throws -> (district: UnitSummary, organisations: [OrganisationSummary]) {
        let national = try await app.nationalScope()
        let district = try await app.unit(code, legacy: true)
        _ = try await app.services.organisations.createStandardSet(national, under: district.id, on: CivilDate(iso: "2024-06-30")!)
        var list: [OrganisationSummary] = []
        for unit in try await app.services.units.subtree(national, of: district.id, on: CivilDate(iso: "2024-06-30")!) {
            list += try await app.services.organisations.organisations(national, unitID: unit.id)
        }
        return (district, list)
    }

    static func input(_ organisation: UUID, year: Int = 2024, name: String = "Dân vận khéo trong cải cách hành chính", kind: String = "collective",
                      field: String = "politics", goal: Bool = true, evaluation: String = "") -> ModelInput {
        ModelInput(organisationID: organisation, year: String(year), name: name, kind: kind, personName: kind == "individual" ? "Nguyễn Văn An" : "", field: field,
                   situation: "Người dân phải chờ lâu khi làm thủ tục", method: "Tiếp nhận hồ sơ tại nhà cho người cao tuổi", startedOn: "01/01/\(year)",
                   evaluationOn: evaluation, goals: goal ? [.init(description: "Giảm thời gian chờ", indicator: "Tỷ lệ hồ sơ đúng hạn", measure: "%", target: "95")] : [])
    }

    struct Count: Decodable { var n: Int }
    static func count(_ app: TestApp, _ table: String) async throws -> Int {
        try await app.database.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").row(Count.self)!.n
    }

    @Test("a selection carries over to next year as maintained, in one action; once; a stopped model or one not in the year is refused and nothing is written")
    func carryOver() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let (_, organisations) = try await Self.organisations(app)
            let store = ModelStore(database: app.database)
            let a = try await store.register(national, input: Self.input(organisations[0].id))
            let b = try await store.register(national, input: Self.input(organisations[1].id, name: "Mô hình thứ hai"))
            let c = try await store.register(national, input: Self.input(organisations[2].id, year: 2025, name: "Mô hình năm sau"))
            #expect(try await store.carryOver(national, ids: [a, b], from: 2024) == 2)
            #expect(try await store.carryOver(national, ids: [a], from: 2024) == 0)
            let years = try await store.detail(national, id: a).years
            #expect(years.map(\.year) == [2024, 2025] && years.map(\.status) == ["new", "maintained"])
            try await store.stop(national, id: b, on: "30/06/2025")
            let before = try await Self.count(app, "model_years")
            await #expect { try await store.carryOver(national, ids: [a, b], from: 2025) } throws: { ($0 as? ValidationError)?.fields["ids"] == "error_model_stopped" }
            await #expect { try await store.carryOver(national, ids: [a, c], from: 2024) } throws: { ($0 as? ValidationError)?.fields["ids"] == "error_model_not_in_year" }
            await #expect { try await store.carryOver(national, ids: [], from: 2024) } throws: { ($0 as? ValidationError)?.fields["ids"] == "error_model_select" }
            #expect(try await Self.count(app, "model_years") == before)
            // The stopped model keeps its history.
            #expect(try await store.detail(national, id: b).years.count == 2)
            #expect(try await store.carryOver(national, ids: [a, c], from: 2025) == 2)
            // `danvan check`: each year row copies its model's unit, organisation, kind and field.
            #expect(try await ModelStore.checkCopies(app.database).isEmpty)
            try await app.database.sql.raw("UPDATE model_years SET field = 'economy' WHERE \(ident: ColumnName.of(\MY.modelID)) = \(bind: a) AND year = 2025").run()
            #expect(try await ModelStore.checkCopies(app.database) == ["Mô hình “Dân vận khéo trong cải cách hành chính”, năm 2025: lĩnh vực ghi theo năm lệch với mô hình."])
        }
    }

    @Test("each flag is raised by its reason and cleared by the event that removes it")
    func flags() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let (_, organisations) = try await Self.organisations(app)
            let store = ModelStore(database: app.database)
            let id = try await store.register(national, input: Self.input(organisations[0].id, goal: false, evaluation: "30/06/2024"), now: Self.day("2024-01-01"))
            func flags(_ today: String) async throws -> [ModelFlag] {
                try await store.flags(national, unitID: organisations[0].unitID, year: 2024, today: CivilDate(iso: today)!)[id]?.map(\.flag) ?? []
            }
            #expect(try await flags("2024-03-01") == [.noMeasurableGoal])
            try await store.addGoal(national, id: id, input: .init(description: "", indicator: "Số hộ được hỗ trợ", measure: "hộ", target: "40"), now: Self.day("2024-03-02"))
            #expect(try await flags("2024-03-05") == [])
            #expect(try await flags("2024-07-05") == [.noResult])
            #expect(try await flags("2024-09-10") == [.noResult, .stale])
            _ = try await store.reportResult(national, id: id, input: ResultInput(goalID: nil, reportedOn: "29/06/2024", value: "", note: "Hỗ trợ 40 hộ"), files: [],
                                             now: Self.day("2024-09-10"))
            #expect(try await flags("2024-09-11") == [])
            // A copy registered in the same unit and year is a near-duplicate, both ways; stopping it clears the flag.
            let copy = try await store.register(national, input: Self.input(organisations[1].id, goal: false), now: Self.day("2024-09-11"))
            _ = try await store.addGoal(national, id: copy, input: .init(description: "", indicator: "Số hộ được hỗ trợ", measure: "hộ", target: "40"), now: Self.day("2024-09-11"))
            let all = try await store.flags(national, unitID: organisations[0].unitID, year: 2024, today: CivilDate(iso: "2024-09-12")!)
            #expect(all[id]?.map(\.flag) == [.nearDuplicate] && all[id]?.first?.other == copy.uuidString)
            #expect(all[copy]?.map(\.flag) == [.nearDuplicate])
            // The flag filter of the list finds it.
            let listed = try await store.list(national, filter: ModelFilter(unitID: organisations[0].unitID, year: 2024, flag: .nearDuplicate), today: CivilDate(iso: "2024-09-12")!)
            #expect(Set(listed.rows.map(\.id)) == [id, copy] && listed.total == 2)
            try await store.stop(national, id: copy, on: "12/09/2024")
            #expect(try await flags("2024-09-12") == [])
        }
    }

    @Test("the flag filter lists exactly the models with the flag, as many as the flags count, paged in the list's order")
    func flagFilter() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let (district, organisations) = try await Self.organisations(app)
            let store = ModelStore(database: app.database)
            for k in 0..<10 {
                _ = try await store.register(national, input: Self.input(organisations[k % organisations.count].id, name: "Mô hình số \(k)", kind: k % 2 == 0 ? "collective" : "individual",
                                                                         goal: k >= 7))
            }
            let today = CivilDate(iso: "2024-06-30")!
            let flags = try await store.flags(national, unitID: district.id, year: 2024, today: today)
            let flagged = Set(flags.filter { $0.value.contains { $0.flag == .noMeasurableGoal } }.keys)
            #expect(flagged.count == 7)
            let all = try await store.list(national, filter: ModelFilter(unitID: district.id, year: 2024, flag: .noMeasurableGoal), today: today)
            #expect(all.total == flagged.count && Set(all.rows.map(\.id)) == flagged)
            let unflagged = try await store.list(national, filter: ModelFilter(unitID: district.id, year: 2024), limit: 50, today: today).rows.map(\.id).filter(flagged.contains)
            #expect(all.rows.map(\.id) == unflagged)
            let page = try await store.list(national, filter: ModelFilter(unitID: district.id, year: 2024, flag: .noMeasurableGoal), offset: 5, limit: 5, today: today)
            #expect(page.total == 7 && page.rows.map(\.id) == Array(all.rows.map(\.id).dropFirst(5)))
            let individual = try await store.list(national, filter: ModelFilter(unitID: district.id, year: 2024, kind: "individual", flag: .noMeasurableGoal), today: today)
            #expect(individual.total == 3 && individual.rows.allSatisfy { $0.kind == "individual" })
        }
    }

    @Test("a stop, an evaluation and a commendation dated after today are refused beside their day; a stopped model takes no result; nothing is written")
    func futureDaysAndStoppedModels() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let (_, organisations) = try await Self.organisations(app)
            let store = ModelStore(database: app.database)
            let id = try await store.register(national, input: Self.input(organisations[0].id))
            let now = Self.day("2025-03-01")
            await #expect { try await store.stop(national, id: id, on: "02/03/2025", now: now) } throws: { ($0 as? ValidationError)?.fields["stopped_on"] == "error_date_future" }
            await #expect {
                try await store.evaluate(national, id: id, input: EvaluationInput(method: "team", team: "Đoàn 1", members: "Ban Dân vận", evaluatedOn: "02/03/2025",
                                                                                  rating: "good", findings: ""), now: now)
            } throws: { ($0 as? ValidationError)?.fields["evaluated_on"] == "error_date_future" }
            await #expect {
                try await store.commend(national, id: id, input: CommendationInput(level: "district", form: "certificate", decisionNumber: "1/QĐ-HU", decidedOn: "02/03/2025",
                                                                                   decidedBy: "Huyện ủy"), now: now)
            } throws: { ($0 as? ValidationError)?.fields["decided_on"] == "error_date_future" }
            #expect(app.services.catalogue.text("error_date_future", .vi) == "Ngày không được sau hôm nay.")
            try await store.stop(national, id: id, on: "01/03/2025", now: now)
            await #expect {
                try await store.reportResult(national, id: id, input: ResultInput(goalID: nil, reportedOn: "01/02/2025", value: "", note: "Sau khi dừng"), files: [], now: now)
            } throws: { ($0 as? ValidationError)?.fields["reported_on"] == "error_model_stopped_no_results" }
            for table in ["model_results", "model_evaluations", "model_commendations"] { #expect(try await Self.count(app, table) == 0, "\(table)") }
        }
    }

    @Test("an evaluation or a commendation counts for a registration year of its model: a 2024 model's in January 2025 is the 2024 round's; statistics and lists agree")
    func evaluationRound() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let (district, organisations) = try await Self.organisations(app)
            let store = ModelStore(database: app.database)
            let only2024 = try await store.register(national, input: Self.input(organisations[0].id, name: "Mô hình chỉ đăng ký năm 2024"))
            let maintained = try await store.register(national, input: Self.input(organisations[1].id, name: "Mô hình duy trì sang năm 2025"))
            #expect(try await store.carryOver(national, ids: [maintained], from: 2024) == 1)
            let now = Self.day("2025-03-01")
            func evaluation(_ day: String, _ method: String, _ rating: String, year: String = "") -> EvaluationInput {
                EvaluationInput(method: method, team: method == "team" ? "Đoàn khảo sát số 1" : "", members: method == "team" ? "Ban Dân vận Huyện ủy" : "",
                                evaluatedOn: day, rating: rating, findings: "", year: year)
            }
            // By the day: the 2024 model's January evaluation and February commendation are its 2024 round's.
            _ = try await store.evaluate(national, id: only2024, input: evaluation("10/01/2025", "team", "excellent"), now: now)
            _ = try await store.commend(national, id: only2024, input: CommendationInput(level: "district", form: "certificate", decisionNumber: "5-QĐ/HU",
                                                                                       decidedOn: "15/02/2025", decidedBy: "Huyện ủy"), now: now)
            // The maintained model: chosen for 2024, or by the day 2025.
            _ = try await store.evaluate(national, id: maintained, input: evaluation("12/01/2025", "self", "good", year: "2024"), now: now)
            _ = try await store.evaluate(national, id: maintained, input: evaluation("20/02/2025", "self", "fair"), now: now)
            let of2024 = try await store.figures(national, unitID: district.id, year: 2024), of2025 = try await store.figures(national, unitID: district.id, year: 2025)
            #expect(of2024.byRating == ["excellent": 1, "good": 1] && of2024.byMethod == ["team": 1, "self": 1] && of2024.byLevel == ["district": 1] && of2024.visited == 1)
            #expect(of2025.byRating == ["fair": 1] && of2025.byMethod == ["self": 1] && of2025.byLevel.isEmpty && of2025.visited == 0)
            for (year, figures) in [(2024, of2024), (2025, of2025)] {
                for rating in ModelRating.allCases {
                    #expect(try await store.list(national, filter: ModelFilter(unitID: district.id, year: year, rating: rating.rawValue)).total == figures.byRating[rating.rawValue] ?? 0)
                }
                for method in ModelEvaluationMethod.allCases {
                    #expect(try await store.list(national, filter: ModelFilter(unitID: district.id, year: year, evaluated: method.rawValue)).total == figures.byMethod[method.rawValue] ?? 0)
                }
                #expect(try await store.list(national, filter: ModelFilter(unitID: district.id, year: year, level: "district")).total == figures.byLevel["district"] ?? 0)
            }
            // A year the model is not registered for, or after the day, is refused.
            await #expect { try await store.evaluate(national, id: only2024, input: evaluation("10/01/2025", "self", "good", year: "2025"), now: now) }
                throws: { ($0 as? ValidationError)?.fields["year"] == "error_model_round_unknown" }
            await #expect { try await store.evaluate(national, id: maintained, input: evaluation("30/12/2024", "self", "good", year: "2025"), now: now) }
                throws: { ($0 as? ValidationError)?.fields["year"] == "error_model_round_after_day" }
        }
    }

    @Test("a writer edits a model's fields: checked as at registration, audited before and after; the year rows and the flags follow; a reader may not")
    func edit() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let (district, organisations) = try await Self.organisations(app)
            let store = ModelStore(database: app.database)
            let id = try await store.register(national, input: Self.input(organisations[0].id, goal: false))
            let today = CivilDate(iso: "2024-06-30")!
            #expect(try await store.detail(national, id: id, today: today).flags.map(\.flag) == [.noMeasurableGoal])
            var input = Self.input(organisations[0].id, name: "Một cửa thân thiện", field: "economy")
            input.topics = "chuyển đổi số"
            input.resourceMoney = "1.500.000"
            try await store.update(national, id: id, input: input)
            let detail = try await store.detail(national, id: id, today: today)
            #expect(detail.model.name == "Một cửa thân thiện" && detail.model.field == "economy" && detail.model.topics == "chuyển đổi số")
            #expect(detail.model.resourceMoney == 1_500_000 && detail.goals.map(\.indicator) == ["Tỷ lệ hồ sơ đúng hạn"])
            #expect(detail.years.allSatisfy { $0.field == "economy" } && detail.flags.isEmpty)
            #expect(try await ModelStore.checkCopies(app.database).isEmpty)
            #expect(try await store.list(national, filter: ModelFilter(unitID: district.id, year: 2024, field: "economy", search: "mot cua than thien")).total == 1)
            let audit = try #require(try await AuditEntry.query(on: app.database.db).filter(\.$recordType == "model").filter(\.$action == "update").first())
            #expect(audit.before.contains("Dân vận khéo trong cải cách hành chính") && audit.after.contains("Một cửa thân thiện") && audit.after.contains("1500000"))
            #expect(!audit.before.contains("situation"))
            // Refused input: beside its field, nothing changed.
            var empty = input
            empty.name = ""
            await #expect { try await store.update(national, id: id, input: empty) } throws: { ($0 as? ValidationError)?.fields["name"] == "error_required" }
            let goal = try #require(detail.goals.first).id
            _ = try await store.reportResult(national, id: id, input: ResultInput(goalID: goal, reportedOn: "01/03/2024", value: "90", note: ""), files: [])
            var blank = input
            blank.goals = [.init(description: "", indicator: "", measure: "", target: "")]
            await #expect { try await store.update(national, id: id, input: blank) } throws: { ($0 as? ValidationError)?.fields["goals"] == "error_model_goal_has_results" }
            var late = input
            late.startedOn = "01/04/2024"
            await #expect { try await store.update(national, id: id, input: late) } throws: { ($0 as? ValidationError)?.fields["started_on"] == "error_model_start_after_records" }
            #expect(try await store.detail(national, id: id).model.name == "Một cửa thân thiện")
            // A second goal added by a row after the first; the first, edited, keeps its result.
            var more = input
            more.goals = [.init(description: "Giảm thời gian chờ", indicator: "Tỷ lệ hồ sơ đúng hạn", measure: "%", target: "98"),
                          .init(description: "", indicator: "Số người được hướng dẫn", measure: "người", target: "300")]
            try await store.update(national, id: id, input: more)
            let goals = try await store.detail(national, id: id).goals
            #expect(goals.map(\.target) == [98, 300] && goals[0].id == goal)
            // Those who only read do not edit.
            let supervisor = try await app.officer("giamsat.mohinh", roles: [.frontSupervisor], in: district)
            await #expect(throws: AppError.self) { try await store.update(supervisor, id: id, input: input) }
        }
    }

    @Test("a result dated before the model's start and a commendation without a decision number are refused in Vietnamese; nothing is written")
    func badInput() async throws {
        try await TestApp.run { app in
            let national = try await app.nationalScope()
            let (_, organisations) = try await Self.organisations(app)
            let store = ModelStore(database: app.database)
            let id = try await store.register(national, input: Self.input(organisations[0].id))
            let catalogue = app.services.catalogue
            do {
                _ = try await store.reportResult(national, id: id, input: ResultInput(goalID: nil, reportedOn: "31/12/2023", value: "", note: "Sớm"), files: [])
                Issue.record("accepted a result before the start")
            } catch let error as ValidationError {
                #expect(catalogue.text(error.fields["reported_on"] ?? "", .vi) == "Ngày của kết quả không được trước ngày bắt đầu mô hình.")
            }
            do {
                _ = try await store.commend(national, id: id, input: CommendationInput(level: "district", form: "certificate", decisionNumber: "", decidedOn: "01/12/2024",
                                                                                     decidedBy: "Huyện ủy"))
                Issue.record("accepted a commendation without its decision")
            } catch let error as ValidationError {
                #expect(catalogue.text(error.fields["decision_number"] ?? "", .vi) == "Biểu dương, khen thưởng phải có số quyết định.")
            }
            // A value needs its indicator; an evidence file that is not a photo or document is refused.
            await #expect { try await store.reportResult(national, id: id, input: ResultInput(goalID: nil, reportedOn: "01/02/2024", value: "5", note: ""), files: []) }
                throws: { ($0 as? ValidationError)?.fields["goal_id"] == "error_model_result_goal" }
            await #expect {
                try await store.reportResult(national, id: id, input: ResultInput(goalID: nil, reportedOn: "01/02/2024", value: "", note: "Ảnh"),
                                             files: [AttachmentInput(filename: "anh.jpg", data: Array("<html>".utf8), identifying: false)])
            } throws: { ($0 as? ValidationError)?.fields["evidence"] == "error_attachment_type" }
            let results = try await Self.count(app, "model_results"), commendations = try await Self.count(app, "model_commendations")
            #expect(results == 0 && commendations == 0)
            // An individual model names its person; an evaluation date cannot precede the start.
            await #expect { try await store.register(national, input: { var i = Self.input(organisations[0].id, kind: "individual"); i.personName = ""; return i }()) }
                throws: { ($0 as? ValidationError)?.fields["person_name"] == "error_required" }
            await #expect { try await store.register(national, input: Self.input(organisations[0].id, evaluation: "01/12/2023")) }
                throws: { ($0 as? ValidationError)?.fields["evaluation_on"] == "error_model_evaluation_before_start" }
        }
    }

    @Test("who may do what: readers do not write, an organisation assesses itself but does not rate as a team or commend its own model; those above do")
    func roles() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (member, _) = try await app.user("hoipn.iale", roles: [.reportingOfficer, .leader], kind: "womens_union", in: iaLe, mode: .organisation)
            let own = Scope(userID: member.id, username: member.username, organisationID: member.organisationID, unitID: iaLe.id, mode: .organisation,
                            roles: [.reportingOfficer, .leader], address: "test", unitLevel: iaLe.level)
            let supervisor = try await app.officer("giamsat.iale", roles: [.frontSupervisor], in: iaLe)
            let above = try await app.officer("danvan.iale", roles: [.danVanStaff], in: iaLe)
            let store = ModelStore(database: app.database)
            await #expect(throws: AppError.self) { _ = try await store.register(supervisor, input: Self.input(member.organisationID, year: 2025)) }
            let id = try await store.register(own, input: Self.input(member.organisationID, year: 2025))
            func evaluation(_ method: String) -> EvaluationInput {
                EvaluationInput(method: method, team: method == "team" ? "Đoàn khảo sát" : "", members: method == "team" ? "Ban Dân vận" : "", evaluatedOn: "01/06/2025",
                                rating: "good", findings: "")
            }
            let commendation = CommendationInput(level: "commune", form: "praise", decisionNumber: "01-QĐ/ĐU", decidedOn: "01/07/2025", decidedBy: "Đảng ủy xã")
            await #expect(throws: AppError.self) { _ = try await store.evaluate(own, id: id, input: evaluation("team")) }
            await #expect(throws: AppError.self) { _ = try await store.commend(own, id: id, input: commendation) }
            await #expect(throws: AppError.self) { _ = try await store.reportResult(supervisor, id: id, input: ResultInput(goalID: nil, reportedOn: "01/05/2025", value: "", note: "x"), files: []) }
            _ = try await store.evaluate(own, id: id, input: evaluation("self"))
            _ = try await store.evaluate(above, id: id, input: evaluation("team"))
            _ = try await store.commend(above, id: id, input: commendation)
            let evaluations = try await Self.count(app, "model_evaluations"), commendations = try await Self.count(app, "model_commendations")
            #expect(evaluations == 2 && commendations == 1)
        }
    }
}
