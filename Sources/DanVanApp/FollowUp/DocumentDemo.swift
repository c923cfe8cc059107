import DanVanDomain
import Foundation
import SQLKit

/// The documents, tasks, programmes and inspections of `danvan demo load`:
/// - seed 002 (Huyện Chư Pưh): Quyết định 529-QĐ/HU of 11/02/2022 replacing 550-QĐ/HU of
///   13/10/2016, disseminated to 200 key cadres; Kế hoạch 49-KH/HU of 10/02/2022, whose 37 key
///   tasks for the Front and mass organisations are 34 done; 55 conclusions and directives of the
///   standing committee, 53 done (section II.1.2); programmes 05-CTr/BDVHU-UBND and
///   06-CTr/BDVHU-BCHQSH-CAH of 26/05/2022 for 2022–2026 and Kế hoạch 141/KH-UBND (footnote 6);
///   8 inspection teams (footnotes 2–3): the standing committee's of Xã Ia Le (2022) and Xã Ia Dreng
///   (second quarter of 2023, after the report: not held), the Ban Dân vận's of Ia Le, Ia Blứ,
///   Ia Rong and Ia Hrú (Kế hoạch 13-KH/BDVHU) and of Ia Phang and Chư Don (14-KH/BDVHU, 2023).
/// - seed 000 (Huyện Dầu Tiếng): the coordination programme between the district People's
///   Committee and the Ban Dân vận, with the dialogue with poor households at Xã Định Hiệp.
/// Days the seeds do not give are chosen (and said so in the summaries' absence of a number).
enum DocumentDemo {
    static let keyTasks = (all: 37, done: 34)
    static let conclusions = (all: 55, done: 53)
    static let marker = FollowUpDemo.marker

    struct Context {
        let services: AppServices
        let scope: Scope
        var documents: [DocumentRecord] = []
        var inspections: [InspectionRecord] = []
        var items: [FollowUpItemRecord] = []
        var assignments: [FollowUpAssignmentRecord] = []
        var meetings: [MeetingRecord] = []
        let now = Date()

        mutating func document(_ kind: DocumentKind, _ symbol: String?, by issuer: OrganisationSummary, on day: String, _ summary: String,
                               replaces: UUID? = nil, period: (Int, Int)? = nil, members: [String] = []) -> DocumentRecord {
            let row = DocumentRecord(id: UUID(), kind: kind.rawValue, numberSymbol: symbol.flatMap { DocumentSymbol($0)?.text }, organisationID: issuer.id,
                                     unitID: issuer.unitID, issuedOn: day, summary: summary, replacesID: replaces, periodFrom: period.map { "\($0.0)-01-01" },
                                     periodTo: period.map { "\($0.1)-12-31" }, members: members.joined(separator: "\n"), createdBy: marker, createdAt: now)
            documents.append(row)
            return row
        }

        /// An item set by `owner`, assigned to `agency`, done (answered the day before it was due) or still open.
        mutating func item(_ source: FollowUpSource, of sourceID: UUID, _ title: String, owner: OrganisationSummary, agency: OrganisationSummary,
                           opened: String, due: String, done: Bool) {
            let id = UUID(), assignment = UUID()
            let at = now.addingTimeInterval(Double(items.count) / 1000)
            let answered = done ? CivilDate(iso: due)!.adding(days: -1).iso : nil
            items.append(FollowUpItemRecord(
                id: id, source: source.rawValue, sourceID: sourceID, title: title, ownerOrganisationID: owner.id, ownerUnitID: owner.unitID,
                organisationID: agency.id, unitID: agency.unitID, assignmentID: assignment, openedOn: opened, dueOn: due, dueRule: nil,
                status: (done ? FollowUpStatus.done : .open).rawValue, answer: done ? "Đã hoàn thành." : nil, answeredOn: answered, declineReason: nil,
                createdBy: marker, createdAt: at, updatedAt: at))
            assignments.append(FollowUpAssignmentRecord(
                id: assignment, itemID: id, organisationID: agency.id, unitID: agency.unitID, dueOn: due, reason: "", outcome: done ? FollowUpAction.answer.rawValue : nil,
                outcomeReason: nil, endedAt: done ? at : nil, createdBy: marker, createdAt: at))
        }

        mutating func inspection(plan: UUID?, by body: OrganisationSummary, of place: UnitSummary, team: String, targets: String, subject: String,
                                 quarter: String, heldOn: String?) -> InspectionRecord {
            let row = InspectionRecord(
                id: UUID(), planID: plan, organisationID: body.id, unitID: body.unitID, targetUnitID: place.id, team: team, targets: targets, subject: subject,
                scheduledQuarter: quarter, heldOn: heldOn,
                findings: heldOn == nil ? "" : "Đảng ủy xã đã triển khai các văn bản về công tác dân vận; việc cụ thể hóa và kiểm tra, giám sát ở chi bộ còn hạn chế.",
                recommendations: heldOn == nil ? "" : "Cụ thể hóa Quy chế công tác dân vận ở chi bộ; định kỳ kiểm tra, giám sát việc thực hiện.",
                createdBy: marker, createdAt: now)
            inspections.append(row)
            return row
        }

        func save() async throws {
            let ready = self
            try await services.database.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                // A document that replaces another comes after it.
                for document in ready.documents { try await sql.insert(into: "documents").values(of: document).run() }
                for chunk in ready.inspections.chunked(200) { try await sql.insert(into: "inspections").values(ofAll: Array(chunk)).run() }
                for chunk in ready.items.chunked(200) { try await sql.insert(into: "follow_up_items").values(ofAll: Array(chunk)).run() }
                for chunk in ready.assignments.chunked(200) { try await sql.insert(into: "follow_up_assignments").values(ofAll: Array(chunk)).run() }
                for chunk in ready.meetings.chunked(200) { try await sql.insert(into: "meetings").values(ofAll: Array(chunk)).run() }
            }
        }
    }

    static func load(_ demo: DemoContext) async throws {
        let services = demo.services, scope = demo.scope
        struct Found: Decodable { var id: UUID }
        guard try await services.database.sql.raw("SELECT d.id FROM documents d WHERE d.\(\DocumentRecord.createdBy) = \(bind: marker)").row(Found.self) == nil
        else { return }
        var context = Context(services: services, scope: scope)
        if let chuPuh = try await services.units.units(scope, code: "639").first(where: { $0.validTo != nil }) {
            try await chuPuh2022(&context, district: chuPuh)
        }
        if let dauTieng = try await services.units.units(scope, code: "720").first(where: { $0.validTo != nil }) {
            try await dauTiengProgramme(&context, district: dauTieng)
        }
        try await context.save()
    }

    static func organisations(_ context: Context, _ unit: UUID) async throws -> [String: OrganisationSummary] {
        Dictionary(try await context.services.organisations.organisations(context.scope, unitID: unit).map { ($0.kind, $0) }) { first, _ in first }
    }

    static func chuPuh2022(_ context: inout Context, district: UnitSummary) async throws {
        let orgs = try await organisations(context, district.id)
        guard let standing = orgs["party_standing_committee"], let board = orgs["dan_van_board"], let committee = orgs["peoples_committee"] else { return }
        let bloc = ["fatherland_front", "farmers_union", "womens_union", "youth_union", "veterans_association"].compactMap { orgs[$0] }
        guard !bloc.isEmpty else { return }
        let old = context.document(.decision, "550-QĐ/HU", by: standing, on: "2016-10-13", "Ban hành Quy chế công tác dân vận của hệ thống chính trị")
        let regulation = context.document(.decision, "529-QĐ/HU", by: standing, on: "2022-02-11",
                                          "Ban hành Quy chế công tác dân vận của hệ thống chính trị huyện", replaces: old.id)
        // Section I.1: the conference that disseminated it to 200 key cadres (its day is not given: March 2022 is chosen).
        context.meetings.append(MeetingRecord(
            id: UUID(), kind: MeetingKind.dissemination.rawValue, unitID: standing.unitID, organisationID: standing.id, placeUnitID: district.id, coHosts: "Cán bộ chủ chốt của huyện",
            documentID: regulation.id, heldOn: "2022-03-01", participants: 200, minutes: "Quán triệt Quyết định 23-QĐ/TW, 400-QĐ/TU và 529-QĐ/HU.",
            createdBy: marker, createdAt: context.now))
        let plan = context.document(.plan, "49-KH/HU", by: standing, on: "2022-02-10", "Triển khai thực hiện các nhiệm vụ trọng tâm năm 2022")
        for number in 0..<keyTasks.all {
            context.item(.task, of: plan.id, "Nhiệm vụ trọng tâm số \(number + 1) năm 2022 (Kế hoạch 49-KH/HU)", owner: standing, agency: bloc[number % bloc.count],
                         opened: "2022-02-10", due: "2022-12-31", done: number < keyTasks.done)
        }
        // 55 conclusions and directives of the standing committee in 2022: the seed gives no numbers, so none is recorded.
        for number in 0..<conclusions.all {
            let day = CivilDate(iso: "2022-01-10")!.adding(days: number * 6)
            let conclusion = context.document(.conclusion, nil, by: standing, on: day.iso,
                                              "Kết luận, văn bản chỉ đạo của Thường trực, Ban Thường vụ Huyện ủy (thứ \(number + 1) năm 2022)")
            context.item(.task, of: conclusion.id, "Thực hiện kết luận, văn bản chỉ đạo thứ \(number + 1) năm 2022", owner: standing, agency: bloc[number % bloc.count],
                         opened: day.iso, due: day.adding(days: 60).iso, done: number < conclusions.done)
        }
        _ = context.document(.programme, "05-CTr/BDVHU-UBND", by: board, on: "2022-05-26", "Công tác dân vận chính quyền giai đoạn 2022 – 2026",
                             period: (2022, 2026), members: [board.name, committee.name])
        if let military = orgs["military_command"], let police = orgs["police"] {
            _ = context.document(.programme, "06-CTr/BDVHU-BCHQSH-CAH", by: board, on: "2022-05-26",
                                 "Phối hợp công tác dân vận giữa Ban Dân vận Huyện ủy với Ban Chỉ huy Quân sự huyện và Công an huyện giai đoạn 2022-2026",
                                 period: (2022, 2026), members: [board.name, military.name, police.name])
        }
        _ = context.document(.plan, "141/KH-UBND", by: committee, on: "2022-05-27", "Thực hiện công tác dân vận chính quyền năm 2022")
        let plan2022 = context.document(.plan, "13-KH/BDVHU", by: board, on: "2022-08-10", "Kiểm tra công tác dân vận năm 2022")
        let plan2023 = context.document(.plan, "14-KH/BDVHU", by: board, on: "2023-02-08", "Kiểm tra công tác dân vận năm 2023")
        let communes = try await context.services.units.children(context.scope, of: district.id, on: CivilDate(iso: "2022-06-01")!)
        func commune(_ folded: String) -> UnitSummary? { communes.first { VietnameseText.folded($0.name).hasSuffix(folded) } }
        func remedy(_ inspection: InspectionRecord, _ place: UnitSummary, body: OrganisationSummary) async throws {
            guard let held = inspection.heldOn, let partyCommittee = try await organisations(context, place.id)["party_committee"] else { return }
            context.item(.remedy, of: inspection.id, "Khắc phục hạn chế sau kiểm tra tại \(place.name)", owner: body, agency: partyCommittee, opened: held,
                         due: CivilDate(iso: held)!.adding(days: 90).iso, done: false)
        }
        // Footnote 2, in its words: 01 party organisation and 03 party members, on the directives about dân vận work and Quyết định 553-QĐ/TU.
        let standingSubject = "Việc triển khai, thực hiện các chỉ thị, thông tri về công tác dân vận; việc triển khai thực hiện Quyết định số 553-QĐ/TU ngày 14/3/2017 "
            + "của Ban Thường vụ Tỉnh ủy về ban hành Quy chế tiếp xúc, đối thoại trực tiếp của người đứng đầu cấp ủy, chính quyền các cấp với nhân dân"
        for (name, quarter, held, subject) in [("ia le", "2022-q4", Optional("2022-11-15"), standingSubject),
                                               ("ia dreng", "2023-q2", nil, "Lãnh đạo, chỉ đạo, tổ chức thực hiện Quyết định số 529-QĐ/HU")] {
            guard let place = commune(name) else { continue }
            let inspection = context.inspection(plan: nil, by: standing, of: place, team: "Đoàn kiểm tra của Ban Thường vụ Huyện ủy",
                                                targets: "Đảng ủy \(place.name) và 03 đồng chí trong Ban Thường vụ Đảng ủy xã", subject: subject,
                                                quarter: quarter, heldOn: held)
            try await remedy(inspection, place, body: standing)
        }
        let boardPlan: [(String, UUID, String, String?)] = [
            ("ia le", plan2022.id, "2022-q3", "2022-09-20"), ("ia blu", plan2022.id, "2022-q3", "2022-09-27"),
            ("ia rong", plan2022.id, "2022-q4", "2022-10-18"), ("ia hru", plan2022.id, "2022-q4", "2022-10-25"),
            ("ia phang", plan2023.id, "2023-q2", nil), ("chu don", plan2023.id, "2023-q3", nil),
        ]
        for (name, plan, quarter, held) in boardPlan {
            guard let place = commune(name) else { continue }
            let inspection = context.inspection(plan: plan, by: board, of: place, team: "Đoàn kiểm tra của Ban Dân vận Huyện ủy", targets: "Đảng ủy \(place.name)",
                                                subject: "Công tác dân vận năm \(quarter.prefix(4))", quarter: quarter, heldOn: held)
            try await remedy(inspection, place, body: board)
        }
    }

    /// Seed 000 (the article of 07/11/2018): the coordination programme between the district People's Committee
    /// and the Ban Dân vận Huyện ủy, three years in by November 2018 (its day is not given: the start of
    /// 2016 is chosen, for 2016–2020). Its content as the seed words it — the movements, campaigns and
    /// models the two sides coordinate, and the yearly direct contacts and dialogues — is its tasks,
    /// still open (the seed reports the work under way, nothing closed); its joint meeting is the
    /// dialogue with poor, near-poor and just-out-of-poverty households at Xã Định Hiệp.
    static let dauTiengTasks: [(title: String, byBoard: Bool)] = [
        ("Phối hợp tuyên truyền, vận động thực hiện Phong trào thi đua “Dân vận khéo”", true),
        ("Phối hợp tuyên truyền, vận động thực hiện Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”", true),
        ("Phối hợp tuyên truyền, vận động thực hiện Phong trào “Cả nước chung sức xây dựng nông thôn mới”", true),
        ("Phối hợp vận động thực hiện Cuộc vận động “Đền ơn đáp nghĩa”", true),
        ("Phối hợp vận động thực hiện Cuộc vận động “Ngày vì người nghèo”", true),
        ("Thực hiện Mô hình “Chính quyền thân thiện của nhân dân, do nhân dân, vì nhân dân”", false),
        ("Thực hiện Mô hình “Công sở thân thiện vì nhân dân phục vụ”", false),
        ("Tổ chức tiếp xúc, đối thoại trực tiếp với nhân dân hằng năm (với hộ nghèo, hộ cận nghèo và hộ vừa thoát nghèo; ngành Công an; ngành Y tế, ngành Giáo dục; diễn đàn trẻ em)", false),
    ]

    /// Seed 000's programme loaded into one district alone (a test's: Dầu Tiếng is not in its fixture).
    static func loadProgramme(services: AppServices, scope: Scope, district: UnitSummary, dialogueAt: @escaping @Sendable (UnitSummary) -> Bool) async throws {
        var context = Context(services: services, scope: scope)
        try await dauTiengProgramme(&context, district: district, dialogueAt: dialogueAt)
        try await context.save()
    }

    /// `dialogueAt` finds the commune of the dialogue among the district's (Định Hiệp; a test's fixture has another).
    static func dauTiengProgramme(_ context: inout Context, district: UnitSummary,
                                  dialogueAt: (UnitSummary) -> Bool = { VietnameseText.folded($0.name).hasSuffix("dinh hiep") }) async throws {
        let orgs = try await organisations(context, district.id)
        guard let board = orgs["dan_van_board"], let committee = orgs["peoples_committee"] else { return }
        let programme = context.document(.programme, nil, by: committee, on: "2016-01-04",
                                         "Chương trình phối hợp công tác dân vận giữa Ủy ban nhân dân huyện và Ban Dân vận Huyện ủy",
                                         period: (2016, 2020), members: [committee.name, board.name])
        for task in dauTiengTasks {
            context.item(.task, of: programme.id, task.title, owner: committee, agency: task.byBoard ? board : committee, opened: programme.issuedOn,
                         due: "2020-12-31", done: false)
        }
        let communes = try await context.services.units.children(context.scope, of: district.id, on: CivilDate(iso: "2018-06-01")!)
        guard let dinhHiep = communes.sortedVietnamese().first(where: dialogueAt) else { return }
        context.meetings.append(MeetingRecord(
            id: UUID(), kind: MeetingKind.dialogue.rawValue, unitID: committee.unitID, organisationID: committee.id, placeUnitID: dinhHiep.id, coHosts: board.name, documentID: programme.id,
            heldOn: "2018-10-15", participants: 0, minutes: "Hội nghị đối thoại với hộ nghèo, cận nghèo và hộ vừa thoát nghèo tại \(dinhHiep.name).",
            createdBy: marker, createdAt: context.now))
    }
}
