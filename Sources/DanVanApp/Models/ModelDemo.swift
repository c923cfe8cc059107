import DanVanDomain
import Foundation
import SQLKit

/// The models of `danvan demo load`:
/// - Đảng bộ Khối các cơ quan thành phố Hải Phòng, 2017 (seed 001): 42 of its 65 grassroots
///   party organisations register 110 models, 74 collective and 36 individual; 2 survey teams
///   evaluate 44 of them in 27 organisations, the others assess themselves; 13 are commended
///   (biểu dương). The Legal Aid Centre's model reports its 811 people and goes on in 2018.
/// - A province's 2020 (seed 004, Bắc Kạn): 1.635 models, 524 maintained from 2019 and 1.111 new,
///   registered by the organisations of the province and its districts.
enum ModelDemo {
    static func load(_ demo: DemoContext) async throws {
        let services = demo.services
        if let city = try await services.units.units(demo.scope, code: "31").first(where: { $0.validTo != nil }) {
            try await loadBloc(services: services, scope: demo.scope, city: city)
        }
        if let province = try await services.units.units(demo.scope, code: "06").first(where: { $0.validTo != nil }) {
            try await loadProvinceYear(services: services, scope: demo.scope, province: province)
        }
    }

    // MARK: Seed 001

    static let blocName = "Đảng bộ Khối các cơ quan thành phố"
    static let blocFigures = (organisations: 65, registering: 42, models: 110, collective: 74, evaluated: 44, teams: 2, visited: 27, commended: 13)
    static let agencies = ["Sở Tư pháp", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Xây dựng", "Sở Giao thông vận tải", "Sở Y tế", "Sở Giáo dục và Đào tạo",
                           "Sở Lao động - Thương binh và Xã hội", "Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Công Thương",
                           "Sở Nội vụ", "Sở Văn hóa và Thể thao", "Sở Du lịch", "Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ", "Sở Ngoại vụ",
                           "Thanh tra thành phố", "Văn phòng Ủy ban nhân dân thành phố", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân thành phố",
                           "Cục Thống kê", "Cục Thuế", "Kho bạc Nhà nước thành phố", "Bảo hiểm xã hội thành phố", "Ban Quản lý Khu kinh tế"]
    static let centres = ["Trung tâm Trợ giúp pháp lý nhà nước thành phố", "Trung tâm Dịch vụ việc làm", "Trung tâm Kiểm soát bệnh tật", "Trung tâm Xúc tiến đầu tư",
                          "Trung tâm Phát triển quỹ đất", "Trung tâm Công nghệ thông tin", "Trung tâm Khuyến nông", "Trung tâm Quan trắc môi trường"]

    /// The 65 grassroots party organisations' names: the agencies' party committees, then the cells of their centres and divisions.
    static func grassrootsNames() -> [String] {
        var names = ["Chi bộ " + centres[0]] + agencies.map { "Đảng bộ " + $0 }
        var n = 1
        while names.count < blocFigures.organisations {
            let centre = centres[n % centres.count], agency = agencies[(n / centres.count) % agencies.count]
            let name = n < centres.count ? "Chi bộ " + centre : "Chi bộ Phòng \(n / centres.count + 1), \(agency)"
            if !names.contains(name) { names.append(name) }
            n += 1
        }
        return names
    }

    static func loadBloc(services: AppServices, scope: Scope, city: UnitSummary) async throws {
        let existing = try await services.organisations.organisations(scope, unitID: city.id)
        guard !existing.contains(where: { $0.name == blocName }) else { return }
        let from = "2016-01-01"
        let bloc = try await services.organisations.create(scope, unitID: city.id, input: OrganisationInput(
            kind: "party_committee", name: blocName, validFrom: from, validTo: city.validTo, danVanLeader: "Phạm Xuân Thanh", danVanLeaderTitle: "Bí thư Đảng ủy Khối"))
        var grassroots: [OrganisationSummary] = []
        for name in grassrootsNames() {
            grassroots.append(try await services.organisations.create(scope, unitID: city.id, input: OrganisationInput(
                kind: "grassroots_party_organisation", name: name, validFrom: from, validTo: city.validTo)))
        }
        _ = bloc
        // 110 models by the first 42: 26 register 3, 16 register 2.
        var owners: [OrganisationSummary] = []
        for (index, organisation) in grassroots.prefix(blocFigures.registering).enumerated() {
            owners += Array(repeating: organisation, count: index < 26 ? 3 : 2)
        }
        let start = CivilDate(iso: "2017-04-15")!, evaluation = CivilDate(iso: "2017-12-15")!
        var batch = Batch()
        for (k, owner) in owners.enumerated() {
            let individual = (k * 36) / 110 != ((k + 1) * 36) / 110
            var model = generated(k, organisation: owner, individual: individual, start: start, evaluation: evaluation, createdBy: scope.username)
            // Five were registered without a measurable goal, and six report nothing: the seed's "for the count" models.
            let measurable = k % 22 != 21
            if k == 0 {
                model.name = "Trợ giúp pháp lý miễn phí cho người nghèo, đối tượng chính sách trên địa bàn thành phố Hải Phòng"
                model.situation = "Người nghèo, người có công, trẻ em, người khuyết tật không có điều kiện tiếp cận dịch vụ luật sư, tư vấn pháp luật."
                model.method = "Gần dân, sát dân, đồng hành với người dân: tư vấn tại trụ sở và trợ giúp lưu động."
            }
            batch.add(model, year: 2017, status: .new, goal: measurable ? (k == 0 ? ("Số người được trợ giúp pháp lý miễn phí", "người", 800) : goal(k)) : ("", "", 0),
                      result: k % 19 == 18 ? nil : (CivilDate(iso: "2017-11-30")!, k == 0 ? 811 : Double(goal(k).target + k % 7)))
        }
        // 44 models in 27 organisations evaluated by the two survey teams; the rest by themselves.
        var evaluated: [Int] = []
        var position = 0
        for organisation in 0..<blocFigures.registering {
            let count = organisation < 26 ? 3 : 2
            if organisation < 17 { evaluated += [position, position + 1] } else if organisation < blocFigures.visited { evaluated.append(position) }
            position += count
        }
        let ratings: [ModelRating] = [.excellent, .good, .good, .fair]
        for (k, model) in batch.models.enumerated() {
            // The evaluated models shared between the teams in order (each organisation is visited by one team).
            let team = evaluated.firstIndex(of: k).map { $0 * blocFigures.teams / blocFigures.evaluated + 1 }
            batch.evaluations.append(ModelEvaluationRecord(
                id: UUID(), modelID: model.id, year: 2017, method: team == nil ? ModelEvaluationMethod.selfAssessment.rawValue : ModelEvaluationMethod.team.rawValue,
                team: team.map { "Đoàn khảo sát số \($0)" } ?? "", members: team == nil ? "" : "Ban Thường vụ Đảng ủy Khối; Ban Dân vận Thành ủy",
                evaluatedOn: "2017-12-0\(team ?? 8)", rating: (team != nil && evaluated.firstIndex(of: k)! < 13 ? ModelRating.excellent : ratings[k % ratings.count]).rawValue,
                findings: "", createdBy: scope.username, createdAt: Date()))
        }
        // The 13 typical models, commended at the 2017 review.
        for k in evaluated.prefix(blocFigures.commended) {
            batch.commendations.append(ModelCommendationRecord(
                id: UUID(), modelID: batch.models[k].id, year: 2017, level: ModelCommendationLevel.province.rawValue, form: ModelCommendationForm.praise.rawValue,
                decisionNumber: "Số 01-QĐ/ĐUK (minh họa)", decidedOn: "2017-12-28", decidedBy: blocName, createdBy: scope.username, createdAt: Date()))
        }
        // In 2018 the Legal Aid Centre went on with its model.
        batch.years.append(ModelStore.yearRow(batch.models[0], year: 2018, status: .maintained, createdBy: scope.username, now: Date()))
        try await batch.insert(services.database)
    }

    // MARK: Seed 004

    static let provinceFigures = (year: 2020, maintained: 524, new: 1_111)

    static func loadProvinceYear(services: AppServices, scope: Scope, province: UnitSummary) async throws {
        let year = provinceFigures.year
        struct Found: Decodable { var n: Int }
        let already = try await services.database.sql.raw("""
            SELECT COUNT(*) AS n FROM model_years y WHERE y.year = \(bind: year) AND \(Reach.subtree("y.\(\MY.unitID)", of: province.id))
            """).row(Found.self)?.n ?? 0
        guard already == 0 else { return }
        let day = CivilDate(year: year, month: 6, day: 30)!
        var units = [province] + (try await services.units.children(scope, of: province.id, on: day)).sortedVietnamese()
        if units.count > 12 { units = Array(units.prefix(12)) }
        _ = try await services.organisations.createStandardSet(scope, under: province.id, on: day)
        var owners: [OrganisationSummary] = []
        for unit in units { owners += try await services.organisations.organisations(scope, unitID: unit.id) }
        guard !owners.isEmpty else { return }
        var batch = Batch()
        let total = provinceFigures.maintained + provinceFigures.new
        var perUnit: [UUID: Int] = [:]
        for k in 0..<total {
            let owner = owners[k % owners.count]
            let index = perUnit[owner.unitID, default: 0]
            perUnit[owner.unitID] = index + 1
            let maintained = k < provinceFigures.maintained
            let start = CivilDate(year: maintained ? year - 1 : year, month: 3, day: 1)!
            let model = generated(index, organisation: owner, individual: k % 5 == 4, start: start, evaluation: CivilDate(year: year, month: 11, day: 30)!,
                                  createdBy: scope.username)
            if maintained { batch.years.append(ModelStore.yearRow(model, year: year - 1, status: .new, createdBy: scope.username, now: Date())) }
            batch.add(model, year: year, status: maintained ? .maintained : .new, goal: goal(index),
                      result: k % 4 == 3 ? nil : (CivilDate(year: year, month: 10, day: 15)!, Double(goal(index).target)))
        }
        try await batch.insert(services.database)
    }

    // MARK: Generated models

    static let themes = ["Cải cách thủ tục hành chính, giảm thời gian chờ của người dân", "Cán bộ, đảng viên gương mẫu nơi cư trú",
                         "Chung tay xây dựng nông thôn mới kiểu mẫu", "Bảo vệ môi trường, phân loại rác tại nguồn", "Hỗ trợ hộ nghèo thoát nghèo bền vững",
                         "Tuyên truyền pháp luật cho đồng bào dân tộc thiểu số", "Giữ gìn an ninh trật tự khu dân cư", "Chuyển đổi số trong phục vụ người dân",
                         "Vận động hiến đất mở đường giao thông", "Nâng cao chất lượng tiếp công dân", "Phát triển sản phẩm nông nghiệp chủ lực",
                         "Khuyến học, khuyến tài trong dòng họ", "Xây dựng gia đình văn hóa, không bạo lực", "Phòng chống dịch bệnh tại cộng đồng",
                         "Tiết kiệm điện, nước trong cơ quan", "Đồng hành cùng doanh nghiệp nhỏ", "Chăm sóc người cao tuổi cô đơn",
                         "Thu gom phế liệu gây quỹ vì người nghèo", "Dân chủ ở cơ sở: dân biết, dân bàn, dân làm, dân kiểm tra", "Đoàn viên thanh niên tình nguyện vì cộng đồng"]
    static let groups = ["hộ nghèo và cận nghèo", "đoàn viên thanh niên", "hội viên phụ nữ", "người cao tuổi", "công chức một cửa", "hộ sản xuất kinh doanh",
                         "học sinh và phụ huynh", "đồng bào có đạo"]
    static let approaches = ["tổ chức đối thoại định kỳ mỗi quý tại nhà văn hóa và ghi nhận ý kiến bằng sổ theo dõi",
                             "phân công mỗi đảng viên phụ trách mười hộ, thăm nắm tình hình hằng tháng",
                             "lập nhóm Zalo trả lời câu hỏi trong ngày và công khai kết quả trên bảng tin",
                             "phối hợp với Mặt trận và các đoàn thể ra quân ngày chủ nhật xanh",
                             "xây dựng quỹ xoay vòng không lãi suất do hội viên tự quản",
                             "mở lớp tập huấn kỹ thuật tại ruộng với chuyên gia khuyến nông",
                             "ký cam kết thi đua giữa các tổ và chấm điểm công khai cuối năm",
                             "tiếp nhận phản ánh qua hòm thư góp ý và giải quyết trong năm ngày làm việc"]

    /// The goal of the n-th generated model: an indicator, its unit and a target.
    static func goal(_ n: Int) -> (indicator: String, measure: String, target: Int) {
        ["Số hộ được hỗ trợ", "Số người được tuyên truyền", "Tỷ lệ hồ sơ đúng hạn", "Số buổi đối thoại", "Số mét đường được mở", "Số sáng kiến được áp dụng"]
            .enumerated().map { ($0.element, ["hộ", "người", "%", "buổi", "m", "sáng kiến"][$0.offset], [50, 300, 95, 12, 500, 5][$0.offset]) }[n % 6]
    }

    /// The n-th model of an organisation: its theme, the people it mobilises and its method differ
    /// for the first 1.280 of a unit, so no two of them are near-duplicates.
    static func generated(_ n: Int, organisation: OrganisationSummary, individual: Bool, start: CivilDate, evaluation: CivilDate, createdBy: String) -> ModelRecord {
        let theme = themes[n % themes.count], group = groups[(n / themes.count) % groups.count]
        let approach = approaches[(n / (themes.count * groups.count) + n) % approaches.count]
        let person = individual ? DemoLoader.demoNames[n % DemoLoader.demoNames.count] : nil
        let name = "\(theme) cho \(group)"
        let fields = ModelField.allCases
        return ModelRecord(
            id: UUID(), unitID: organisation.unitID, organisationID: organisation.id, name: name,
            kind: (individual ? ModelKind.individual : .collective).rawValue, personName: person, personPosition: person == nil ? nil : "Đảng viên",
            field: fields[n % fields.count].rawValue, topics: "", situation: "Ở \(organisation.name), \(group) còn ít được tham gia và hưởng lợi.",
            targets: group, beneficiaries: group, method: approach, resourceMoney: nil, resourceLabour: nil, resourceInKind: "",
            startedOn: start.iso, evaluationOn: evaluation.iso, originModelID: nil, stoppedOn: nil, searchText: "",
            updatedAt: Date(), createdBy: createdBy, createdAt: Date())
    }

    /// Rows to insert at once, in one transaction.
    struct Batch {
        var models: [ModelRecord] = []
        var years: [ModelYearRecord] = []
        var goals: [ModelGoalRecord] = []
        var results: [ModelResultRecord] = []
        var evaluations: [ModelEvaluationRecord] = []
        var commendations: [ModelCommendationRecord] = []

        mutating func add(_ model: ModelRecord, year: Int, status: ModelYearStatus, goal: (indicator: String, measure: String, target: Int), result: (CivilDate, Double)?) {
            var model = model
            let goalRow = ModelGoalRecord(id: UUID(), modelID: model.id, position: 1, description: goal.indicator.isEmpty ? "Nâng cao nhận thức" : "",
                                          indicator: goal.indicator, measure: goal.measure, target: Double(goal.target))
            model.searchText = ModelStore.searchText(name: model.name, situation: model.situation, method: model.method, goals: [goalRow])
            models.append(model)
            goals.append(goalRow)
            years.append(ModelStore.yearRow(model, year: year, status: status, createdBy: model.createdBy, now: model.createdAt))
            if let (day, value) = result {
                results.append(ModelResultRecord(id: UUID(), modelID: model.id, goalID: goal.indicator.isEmpty ? nil : goalRow.id, reportedOn: day.iso,
                                                 value: goal.indicator.isEmpty ? nil : value, note: "", createdBy: model.createdBy, createdAt: model.createdAt))
            }
        }

        func insert(_ database: AppDatabase) async throws {
            let all = self
            try await database.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                func put<Row: Encodable & Sendable>(_ table: String, _ rows: [Row]) async throws {
                    for chunk in stride(from: 0, to: rows.count, by: 100) { try await sql.insert(into: table).values(ofAll: rows[chunk..<min(chunk + 100, rows.count)]).run() }
                }
                try await put("models", all.models)
                try await put("model_years", all.years)
                try await put("model_goals", all.goals)
                try await put("model_results", all.results)
                try await put("model_evaluations", all.evaluations)
                try await put("model_commendations", all.commendations)
            }
        }
    }
}
