import DanVanDomain
import Foundation
import FluentKit
import SQLKit

/// The monthly reports (form DV_THANG) of `danvan demo load`: every reporting organisation of a
/// district and its communes reports each month, its values written as entry writes them (a
/// `data_values` row and its `data_value_changes` row each, by a demo user), its submission and
/// approval as ``ReportApproval`` allows them (a `report_actions` row each), each save of values
/// and each action with its audit entry as entry writes it (by the same user, at the same moment),
/// all in one transaction.
///
/// - **Huyện Chư Pưh, 2022** (seed 002, the report of 16/03/2023). The report gives the year's
///   figures of two organisations, spread evenly over the twelve months (``shares(_:_:)``):
///   - footnote 12, Công an huyện: 45 propaganda sessions with 11.245 attendees, 32 sessions on
///     the road traffic law with 8.463 attendees, 660 posts on its pages. **The 32 are taken as
///     part of the 45** (and the 8.463 of the 11.245), as the form's rules
///     `TUYEN_TRUYEN_ATGT_BUOI <= TUYEN_TRUYEN_BUOI` and `TUYEN_TRUYEN_ATGT_LUOT <= TUYEN_TRUYEN_LUOT`
///     assume: the footnote opens with the 45 as what the police organised, and the traffic
///     sessions it goes on to list are sessions the police organised. The 7 articles sent to
///     other bodies and the 12 items on the loudspeakers are not added to the 660 posts.
///   - footnote 11, Ban Chỉ huy Quân sự huyện: Tết gifts to 63 poor households (QUA_XA_HOI, in
///     February's report, which covers 15/01–14/02 and so Tết on 01/02/2022) and the house built
///     for a comrade in hardship (NHA_DAI_DOAN_KET, 1, in December's). The Military Region's gifts
///     to 50 households are not counted: the report does not say they were poor.
///   The other organisations' reports hold no values: the report gives no figure of theirs.
/// - **Huyện Dầu Tiếng, January to November 2018** (seed 000, the article of 07/11/2018): its
///   communes' figures, the money mobilised "gần 8,2 tỉ đồng" taken as 8.180.000.000 đồng. The
///   Fatherland Front of each commune mobilises the money, the gifts to social beneficiaries and
///   the houses of great unity; its People's Committee has the rest. The figures are spread over
///   the communes and the reports of January to November (November's covers 15/10–14/11, so the
///   article's 07/11), some communes and months more than others, in whole numbers that add up (``weighted(_:_:)``);
///   the gifts to policy beneficiaries, given "nhân dịp lễ, tết", in February's report (Tết on
///   16/02) and August's (27/7), the tình nghĩa house in August's; each of the 10 classes in one
///   commune and month with its 31 or 32 learners.
/// - **The last month of each** (December 2022, November 2018): most reports approved; the
///   district organisations' own reports submitted and waiting (they have no level below them:
///   the Ban Dân vận has not yet approved them, it approved the communes' first); the
///   second-to-last commune late (the Ban Dân vận reopened its reports after the entry window,
///   it submitted three days after the window closed), the last one not submitted (its values,
///   if any, are a draft); the first commune's Fatherland Front report returned with a reason.
///   Every earlier month: all submitted within the window and approved on its last day.
/// - **The consolidated report** of the body that receives these reports (the district's Ban Dân
///   vận, as ``ReportNetwork`` finds it), when a body above receives it in turn (Chư Pưh's goes
///   to the Ban Dân vận Tỉnh ủy Gia Lai of ``ReportEntryDemo``; Dầu Tiếng has none in the demo):
///   no values of its own, submitted by the Ban Dân vận on the window's last day after its
///   approvals, approved two days later by a user of the body above when every report it
///   received is approved (every earlier month); in the last month it waits, submitted.
enum ReportingDemo {
    /// Footnote 12 of seed 002: Công an huyện Chư Pưh, 2022.
    static let chuPuhPolice: [String: Double] = [
        "TUYEN_TRUYEN_BUOI": 45, "TUYEN_TRUYEN_LUOT": 11_245, "TUYEN_TRUYEN_ATGT_BUOI": 32, "TUYEN_TRUYEN_ATGT_LUOT": 8_463, "TIN_BAI": 660,
    ]
    /// Footnote 11 of seed 002: Ban Chỉ huy Quân sự huyện Chư Pưh, 2022, with the month of each.
    static let chuPuhMilitary: [(code: String, value: Double, month: Int)] = [("QUA_XA_HOI", 63, 2), ("NHA_DAI_DOAN_KET", 1, 12)]
    /// Seed 000: the communes of Dầu Tiếng from January 2018 to 07/11/2018 ("gần 8,2 tỉ" as 8.180.000.000).
    static let dauTieng: [String: Double] = [
        "VAN_DONG_TIEN": 8_180_000_000, "QUA_CHINH_SACH": 813, "QUA_XA_HOI": 6_725, "HO_SO_CHINH_SACH": 210, "NHA_TINH_NGHIA": 1,
        "NHA_DAI_DOAN_KET": 34, "THE_BHYT": 2_225, "THU_CHUC_MUNG": 1_664, "THU_CHIA_BUON": 396, "LOP_DAY_NGHE": 10, "HOC_VIEN_NGHE": 312,
        "GIOI_THIEU_VIEC_LAM": 1_350,
    ]
    /// What a commune's Fatherland Front mobilises; its People's Committee has the other figures.
    static let frontCodes: Set<String> = ["VAN_DONG_TIEN", "QUA_XA_HOI", "NHA_DAI_DOAN_KET"]

    /// Who enters the values and submits (a reporting officer whose scope covers the district),
    /// and who approves, returns and reopens (a user of the district's Ban Dân vận, who also
    /// submits its consolidated report).
    struct People: Sendable {
        var enters: String
        var approves: String
    }

    static let chuPuhPeople = People(enters: "demo.nhaplieu", approves: "demo.danvan")
    static let dauTiengPeople = People(enters: "demo.dautieng", approves: "demo.dvdautieng")
    static let returnReason = "Số liệu vận động trong tháng chưa đầy đủ, chưa khớp với sổ theo dõi của Ban vận động; đề nghị rà soát, bổ sung rồi nộp lại."
    static let reopenReason = "Xã xin nộp muộn do cán bộ phụ trách đi tập huấn; mở lại để nhập và nộp."

    static func load(_ demo: DemoContext) async throws {
        let services = demo.services
        if let chuPuh = try await services.units.units(demo.scope, code: "639").first(where: { $0.validTo != nil }) {
            try await loadChuPuh(services: services, scope: demo.scope, district: chuPuh, people: chuPuhPeople)
        }
        if let dauTieng = try await services.units.units(demo.scope, code: "720").first(where: { $0.validTo != nil }) {
            try await loadDauTieng(services: services, scope: demo.scope, district: dauTieng, people: dauTiengPeople)
        }
    }

    /// Seed 002's 2022 in a district: the police's and the military command's figures.
    static func loadChuPuh(services: AppServices, scope: Scope, district: UnitSummary, people: People) async throws {
        let months = (1...12).compactMap { ReportingPeriod.month(2022, $0) }
        try await loadReports(services: services, scope: scope, district: district, months: months, people: people) { reporters in
            var values: [Cell: Double] = [:]
            if let police = reporters.district.first(where: { $0.kind == "police" }) {
                for (code, total) in chuPuhPolice {
                    for (month, share) in zip(months, shares(Int(total), months.count)) where share > 0 {
                        values[Cell(organisation: police.id, month: month, code: code)] = Double(share)
                    }
                }
            }
            if let military = reporters.district.first(where: { $0.kind == "military_command" }) {
                for figure in chuPuhMilitary {
                    values[Cell(organisation: military.id, month: months[figure.month - 1], code: figure.code)] = figure.value
                }
            }
            return values
        }
    }

    /// Seed 000's January–November 2018 in a district: its communes' figures.
    static func loadDauTieng(services: AppServices, scope: Scope, district: UnitSummary, people: People) async throws {
        let months = (1...11).compactMap { ReportingPeriod.month(2018, $0) }
        try await loadReports(services: services, scope: scope, district: district, months: months, people: people) { reporters in
            var values: [Cell: Double] = [:]
            let communes = reporters.communes
            guard !communes.isEmpty else { return values }
            func organisation(_ commune: Int, _ code: String) -> UUID? {
                communes[commune].organisations.first { $0.kind == (frontCodes.contains(code) ? "fatherland_front" : "peoples_committee") }?.id
            }
            /// `total` over every commune in each of `over` (month numbers), month by month.
            func spread(_ code: String, _ total: Int, over: [Int], scale: Double = 1) {
                let cells = over.flatMap { month in communes.indices.map { (month, $0) } }
                // Some communes and months do more than others: weights of 3 to 6 and of 4 to 6.
                let weights = cells.map { (month, commune) in (3 + commune % 4) * (4 + month % 3) }
                for ((month, commune), share) in zip(cells, weighted(total, weights)) where share > 0 {
                    guard let id = organisation(commune, code) else { continue }
                    values[Cell(organisation: id, month: months[month - 1], code: code), default: 0] += Double(share) * scale
                }
            }
            let all = Array(1...months.count)
            for (code, total) in dauTieng {
                switch code {
                case "VAN_DONG_TIEN": spread(code, Int(total / 1_000), over: all, scale: 1_000)   // whole thousands of đồng
                case "QUA_CHINH_SACH": spread(code, Int(total), over: [2, 8])
                case "NHA_TINH_NGHIA": spread(code, Int(total), over: [8])
                case "LOP_DAY_NGHE", "HOC_VIEN_NGHE": continue
                default: spread(code, Int(total), over: all)
                }
            }
            // Each class in its own commune and month, with its learners.
            let classes = Int(dauTieng["LOP_DAY_NGHE"]!), learners = shares(Int(dauTieng["HOC_VIEN_NGHE"]!), classes)
            for index in 0..<classes {
                guard let id = organisation(index % communes.count, "LOP_DAY_NGHE") else { continue }
                let month = months[index * months.count / classes]
                values[Cell(organisation: id, month: month, code: "LOP_DAY_NGHE"), default: 0] += 1
                values[Cell(organisation: id, month: month, code: "HOC_VIEN_NGHE"), default: 0] += Double(learners[index])
            }
            return values
        }
    }

    // MARK: Spreading

    /// `total` split into `parts` whole shares as even as can be, the larger ones first. A smaller
    /// total never gets a larger share than a larger one at the same place, so a rule like
    /// `TUYEN_TRUYEN_ATGT_BUOI <= TUYEN_TRUYEN_BUOI` that holds for the year holds for every month.
    static func shares(_ total: Int, _ parts: Int) -> [Int] {
        FollowUpDemo.shares(total, parts)
    }

    /// `total` split into whole shares in proportion to `weights` (positive): the n-th share is
    /// what the running total reaches at the n-th part, rounded down, less what it reached
    /// before, so the shares add up to `total` exactly and a small total falls on parts far apart.
    static func weighted(_ total: Int, _ weights: [Int]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in 0 } }
        var reached = 0, shares: [Int] = []
        for weight in weights {
            let next = reached + weight
            shares.append(total * next / sum - total * reached / sum)
            reached = next
        }
        return shares
    }

    // MARK: Loading

    /// One value: an organisation's indicator in a month.
    struct Cell: Hashable, Sendable {
        var organisation: UUID
        var month: ReportingPeriod
        var code: String
    }

    /// The organisations that report the form in a district and its communes.
    struct Reporters: Sendable {
        var district: [OrganisationSummary]
        /// The communes in Vietnamese order, each with its reporting organisations.
        var communes: [(unit: UnitSummary, organisations: [OrganisationSummary])]
    }

    /// The form as the demo needs it: the catalogue's version of a month, with the indicators' ids.
    struct Form: Sendable {
        var id: UUID
        var kinds: [String]
        var levels: [Int]
        var cutOff: CutOff
        var window: EntryWindow
        var rules: [ValidationRule]
        var indicators: [String: UUID]

        /// The monthly form's version for `month`, read by the catalogue (nil when the form or a version is missing).
        static func monthly(_ database: AppDatabase, for month: ReportingPeriod) async throws -> Form? {
            let catalogue = ReportFormCatalogue(database: database)
            guard let form = try? await catalogue.form(code: ReportingCatalogue.monthlyForm.code),
                  let version = try await catalogue.version(of: form, for: month) else { return nil }
            return Form(version)
        }

        init(_ version: ReportFormVersion) {
            (id, kinds, levels, cutOff, window, rules) = (version.form.id, version.kinds, version.levels, version.cutOff, version.window, version.rules)
            indicators = version.indicators.mapValues(\.id)
        }
    }

    /// The reports of `months` for the reporting organisations of `district` and its communes,
    /// with the values `plan` gives them, and the consolidated report of each body that receives
    /// them when a body above receives it in turn (who receives what is the workflow's
    /// ``ReportNetwork``); once (a district with reports of the first month is left as it is),
    /// and only when the form and the two demo users exist.
    static func loadReports(services: AppServices, scope: Scope, district: UnitSummary, months: [ReportingPeriod], people: People,
                            plan: (Reporters) -> [Cell: Double]) async throws {
        let sql = services.database.sql
        let catalogue = ReportFormCatalogue(database: services.database), network = ReportNetwork(database: services.database)
        guard let first = months.first, let last = months.last,
              let version = try await catalogue.version(of: try await catalogue.form(code: ReportingCatalogue.monthlyForm.code), for: first) else { return }
        let form = Form(version)
        struct Found: Decodable { var id: UUID }
        guard try await sql.raw("""
            SELECT r.id FROM reports r WHERE r.\(\ReportRecord.formID) = \(bind: form.id) AND r.\(\ReportRecord.periodKey) = \(bind: first.key)
            AND \(Reach.subtree("r.\(\ReportRecord.unitID)", of: district.id, paths: .tree))
            """).row(Found.self) == nil else { return }
        for username in [people.enters, people.approves] {
            guard try await sql.raw("SELECT u.id FROM users u WHERE u.username = \(bind: username)").row(Found.self) != nil else { return }
        }
        func reporting(_ unit: UnitSummary) async throws -> [OrganisationSummary] {
            guard form.levels.contains(unit.level) else { return [] }
            return try await services.organisations.organisations(scope, unitID: unit.id)
                .filter { form.kinds.contains($0.kind) }
                .sorted { form.kinds.firstIndex(of: $0.kind)! < form.kinds.firstIndex(of: $1.kind)! }
        }
        var reporters = Reporters(district: try await reporting(district), communes: [])
        for commune in try await services.units.children(scope, of: district.id, on: last.lastDay).sortedVietnamese() {
            let organisations = try await reporting(commune)
            if !organisations.isEmpty { reporters.communes.append((commune, organisations)) }
        }
        let values = plan(reporters)
        var batch = Batch(form: form, people: people, valueTypes: version.indicators.mapValues(\.valueType))
        for month in months {
            for (index, organisation) in reporters.district.enumerated() {
                // Its Ban Dân vận approves the communes' first; in the last month, not yet the district organisations'.
                batch.report(organisation, month: month, position: index, values: values, way: month == last && !reporters.communes.isEmpty ? .waiting : .approved)
            }
            for (number, commune) in reporters.communes.enumerated() {
                for (index, organisation) in commune.organisations.enumerated() {
                    var way = Batch.Way.approved
                    if month == last {
                        if number == reporters.communes.count - 1 && number > 0 {
                            way = .notSubmitted
                        } else if number == reporters.communes.count - 2 && number > 0 {
                            way = .late
                        } else if number == 0 && organisation.kind == "fatherland_front" {
                            way = .returned
                        }
                    }
                    batch.report(organisation, month: month, position: number + index, values: values, way: way)
                }
            }
        }
        // The bodies that receive these reports (the workflow's nearest approver of each), and
        // the consolidated report of each that has a body above it, with that body's user.
        var bodies: [UUID: ReportingOrganisation] = [:]
        for organisation in reporters.district + reporters.communes.flatMap(\.organisations) {
            if let body = try await network.approver(of: try await network.organisation(id: organisation.id), version, last) { bodies[body.id] = body }
        }
        for body in bodies.values.sorted(by: { $0.name < $1.name }) {
            for month in months {
                guard let above = try await network.approver(of: body, version, month) else { continue }
                let received = try await network.received(by: body, version, month)
                batch.consolidated(body, month: month, received: received.map(\.id), approver: try await approvingUser(of: above, services.database))
            }
        }
        try await batch.insert(services.database)
    }

    /// The first active user of a receiving body who may approve (by username), if any.
    static func approvingUser(of body: ReportingOrganisation, _ database: AppDatabase) async throws -> String? {
        try await User.query(on: database.db).filter(\.$organisationID == body.id).filter(\.$active == true).sort(\.$username).all()
            .first { user in ReportEntryStore.approvers.contains { user.roleSet.contains($0) } }?.username
    }

    /// The rows of one district's reports, inserted at once.
    struct Batch {
        /// How a report went.
        enum Way {
            /// Submitted within the window and approved on its last day.
            case approved
            /// Submitted within the window, waiting for approval.
            case waiting
            /// Submitted within the window and returned with a reason.
            case returned
            /// Reopened after the window closed and submitted three days after it.
            case late
            /// Not submitted: its values, if any, are a draft entered on the last day of the window.
            case notSubmitted
        }

        /// One report of an organisation for a month.
        struct Key: Hashable {
            var organisation: UUID
            var month: ReportingPeriod
        }

        let form: Form
        let people: People
        var values: [DataValueRecord] = []
        var changes: [DataValueChangeRecord] = []
        var reports: [ReportRecord] = []
        var actions: [ReportActionRecord] = []
        /// The state each report ends in.
        var states: [Key: ReportState] = [:]
        /// How each indicator's values are written (the audit entries show them so).
        let valueTypes: [String: IndicatorValueType]

        /// An audit entry as entry writes it, by username (its id is read when inserting).
        struct Audit {
            var username: String
            var recordType: String
            var recordID: UUID
            var summary: String
            var before: [String: String]
            var after: [String: String]
            var at: Date
        }
        var audits: [Audit] = []

        init(form: Form, people: People, valueTypes: [String: IndicatorValueType]) {
            self.form = form
            self.people = people
            self.valueTypes = valueTypes
        }

        /// What an audit entry of a report says it is: the organisation, the form and the period.
        static func summary(_ organisation: String, _ month: ReportingPeriod) -> String {
            "\(organisation): \(ReportingCatalogue.monthlyForm.code) \(month.label)"
        }

        /// The moment `hour` (Vietnam's time) of a day, `second` seconds on so that rows made the same hour keep their order.
        static func at(_ day: CivilDate, hour: Int, second: Int = 0) -> Date {
            Date(timeIntervalSince1970: TimeInterval(day.dayNumber) * 86_400 + TimeInterval((hour - 7) * 3_600 + second))
        }

        /// One action on a report: what, when, by whom, and what the workflow's rules read with it.
        struct Step {
            var action: ReportAction
            var day: CivilDate
            var hour: Int
            var by: String
            var periodClosed = false
            var lower: [ReportState] = []
        }

        /// A new report taken through `steps` as ``ReportApproval`` allows them (a step it refuses
        /// ends the steps), an action row each, and the report's row.
        mutating func record(_ steps: [Step], organisation: UUID, organisationName: String, unitID: UUID, month: ReportingPeriod, created: (by: String, at: Date)) {
            let report = UUID()
            var state = ReportState.draft, last = created, submittedOn: String?, reason: String?
            for (number, step) in steps.enumerated() {
                guard case .success(let next) = ReportApproval.apply(step.action, to: state, lower: step.lower, periodClosed: step.periodClosed) else { break }
                let name: String
                switch step.action {
                case .submit: name = "submit"; submittedOn = step.day.iso
                case .approve: name = "approve"
                case .sendBack(let text): name = "return"; reason = text
                case .unlock(let text): name = "unlock"; reason = text
                }
                last = (step.by, Self.at(step.day, hour: step.hour, second: number + 1))
                let kept = name == "return" || name == "unlock" ? reason : nil
                actions.append(ReportActionRecord(id: UUID(), reportID: report, action: name, reason: kept, createdBy: step.by, createdAt: last.at))
                var after = ["state": next.rawValue, "action": name]
                if let kept { after["reason"] = kept }
                audits.append(Audit(username: step.by, recordType: "report", recordID: report, summary: Self.summary(organisationName, month),
                                    before: ["state": state.rawValue], after: after, at: last.at))
                state = next
            }
            states[Key(organisation: organisation, month: month)] = state
            reports.append(ReportRecord(
                id: report, formID: form.id, organisationID: organisation, unitID: unitID, periodKey: month.key, state: state.rawValue,
                submittedOn: submittedOn, returnReason: state == .returned ? reason : nil, updatedBy: last.by, updatedAt: last.at))
        }

        mutating func report(_ organisation: OrganisationSummary, month: ReportingPeriod, position: Int, values planned: [Cell: Double], way: Way) {
            let window = form.window.dates(of: month, form.cutOff)
            let length = window.to.dayNumber - window.from.dayNumber + 1
            let onTime = window.from.adding(days: position % length)
            let entered: CivilDate = switch way {
            case .late: window.to.adding(days: 3)
            case .notSubmitted: window.to
            default: onTime
            }
            let cells = planned.filter { $0.key.organisation == organisation.id && $0.key.month == month }.sorted { $0.key.code < $1.key.code }
            if case .notSubmitted = way, cells.isEmpty { return }
            var before: [String: String] = [:], after: [String: String] = [:]
            for (offset, cell) in cells.enumerated() {
                guard let indicator = form.indicators[cell.key.code] else { continue }
                let at = Self.at(entered, hour: 9, second: offset)
                values.append(DataValueRecord(
                    id: UUID(), indicatorID: indicator, organisationID: organisation.id, unitID: organisation.unitID, periodKey: month.key,
                    firstMonth: month.firstMonthNumber, lastMonth: month.lastMonthNumber, value: cell.value, comment: nil, updatedBy: people.enters, updatedAt: at))
                changes.append(DataValueChangeRecord(
                    id: UUID(), indicatorID: indicator, organisationID: organisation.id, unitID: organisation.unitID, periodKey: month.key,
                    previousValue: nil, value: cell.value, previousComment: nil, comment: nil, createdBy: people.enters, createdAt: at))
                before[cell.key.code] = ""
                after[cell.key.code] = valueTypes[cell.key.code]?.text(cell.value) ?? ""
            }
            if !after.isEmpty {
                audits.append(Audit(username: people.enters, recordType: "data_values", recordID: organisation.id, summary: Self.summary(organisation.name, month),
                                    before: before, after: after, at: Self.at(entered, hour: 9, second: cells.count)))
            }
            let submit = Step(action: .submit, day: entered, hour: 10, by: people.enters)
            let steps: [Step] = switch way {
            case .approved: [submit, Step(action: .approve, day: window.to, hour: 14, by: people.approves)]
            case .waiting: [submit]
            case .returned: [submit, Step(action: .sendBack(reason: ReportingDemo.returnReason), day: window.to.adding(days: 1), hour: 14, by: people.approves)]
            case .late: [Step(action: .unlock(reason: ReportingDemo.reopenReason), day: window.to.adding(days: 2), hour: 15, by: people.approves, periodClosed: true), submit]
            case .notSubmitted: []
            }
            record(steps, organisation: organisation.id, organisationName: organisation.name, unitID: organisation.unitID, month: month,
                   created: (people.enters, Self.at(entered, hour: 9)))
        }

        /// The consolidated report of a receiving body (no values of its own: the figures of the
        /// reports it receives), submitted by its user on the window's last day once it has
        /// approved what it approves that day; its body above (`approver`, a user of it) approves
        /// it two days later when every report it received is approved, else it waits.
        mutating func consolidated(_ body: ReportingOrganisation, month: ReportingPeriod, received: [UUID], approver: String?) {
            let window = form.window.dates(of: month, form.cutOff)
            let lower = received.map { states[Key(organisation: $0, month: month)] ?? .draft }
            var steps = [Step(action: .submit, day: window.to, hour: 16, by: people.approves)]
            if let approver, case .success = ReportApproval.apply(.approve, to: .submitted, lower: lower) {
                steps.append(Step(action: .approve, day: window.to.adding(days: 2), hour: 9, by: approver, lower: lower))
            }
            record(steps, organisation: body.id, organisationName: body.name, unitID: body.unitID, month: month, created: (people.approves, Self.at(window.to, hour: 16)))
        }

        func insert(_ database: AppDatabase) async throws {
            let all = self
            try await database.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                func put<Row: Encodable & Sendable>(_ table: String, _ rows: [Row]) async throws {
                    for chunk in rows.chunked(200) { try await sql.insert(into: table).values(ofAll: Array(chunk)).run() }
                }
                try await put("reports", all.reports)
                try await put("report_actions", all.actions)
                try await ReportEntryStore.write(all.values.map { (nil, $0) }, on: sql)
                try await put("data_value_changes", all.changes)
                struct Known: Decodable { var id: UUID; var username: String }
                let names = Array(Set(all.audits.map(\.username)))
                let users = names.isEmpty ? [] : try await sql.raw("SELECT u.id, u.username FROM users u WHERE u.username IN (\(binds: names))").rows(Known.self)
                let ids = Dictionary(users.map { ($0.username, $0.id) }, uniquingKeysWith: { first, _ in first })
                let entries = all.audits.map {
                    AuditLog.entry(userID: ids[$0.username], username: $0.username, address: "demo", action: .update, recordType: $0.recordType,
                                   recordID: $0.recordID, summary: $0.summary, before: $0.before, after: $0.after, at: $0.at)
                }
                for chunk in entries.chunked(200) { try await Array(chunk).create(on: tx) }
            }
        }
    }
}
