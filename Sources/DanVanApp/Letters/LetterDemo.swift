import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// The 2022 reception and letter records of Huyện Chư Pưh (legacy unit 639), built
/// through the real stores so that the statistics reproduce the district's report
/// (seed 002, footnotes 9 and 10):
///
/// - tiếp công dân: 184 lượt, 207 người — the district bodies (UBND huyện, Thanh tra
///   huyện, phòng ban) 118 lượt / 130 người, the communes and the town 66 lượt / 77 người;
/// - đơn thư: 124 received, 106 resolved (85,48 %), 14 still being resolved at the end
///   of the year (resolved early in 2023), 4 withdrawn (rút đơn).
enum ChuPuhRecords {
    static let year = 2022
    /// Footnote 10 of the report.
    static let districtVisits = (visits: 118, people: 130)
    static let communeVisits = (visits: 66, people: 77)
    /// Footnote 9 of the report.
    static let letters = 124, resolved = 106, inProgress = 14, withdrawn = 4

    /// The people acting in the records: the reception officer, the chair of the
    /// district committee (a leader) and the committee's handling officer.
    struct Actors {
        var reception: Scope
        var chair: Scope
        var handler: Scope
        var handlerID: UUID
    }

    /// Loads the records once: each part is skipped when the district already has records of 2022.
    static func load(services: AppServices, district: UnitSummary, actors: Actors) async throws {
        let scope = try await services.accounts.commandLineScope()
        let communes = try await services.units.children(scope, of: district.id, on: CivilDate(year: year, month: 6, day: 30)!)
        guard !communes.isEmpty else { return }
        let period = ReportPeriod.year(year)!
        let existing = try await services.statistics.statistics(scope, unitID: district.id, period: period, today: period.to)
        if existing.visits[.visits]?.visits ?? 0 == 0 {
            try await loadReception(services: services, scope: scope, district: district, communes: communes, actors: actors)
        }
        if existing.count(.received) == 0 {
            try await loadLetters(services: services, scope: scope, district: district, communes: communes, actors: actors)
            try await loadLettersToSort(services: services, scope: scope, district: district, actors: actors)
        }
    }

    // MARK: Reception

    /// An organisation of a kind in a unit, created when missing (Thanh tra huyện, Ban Tiếp công dân, phòng ban).
    static func organisation(_ services: AppServices, _ scope: Scope, unit: UnitSummary, kind: String, name: String? = nil) async throws -> OrganisationSummary? {
        let all = try await services.organisations.organisations(scope, unitID: unit.id)
        if let found = all.first(where: { $0.kind == kind && (name == nil || $0.name == name) }) { return found }
        guard let name else { return nil }
        return try await services.organisations.create(scope, unitID: unit.id, input: OrganisationInput(kind: kind, name: name))
    }

    /// A working day on or after the date (Saturdays and Sundays move to Monday).
    static func workingDay(_ date: CivilDate) -> CivilDate {
        switch date.weekday {
        case .saturday: date.adding(days: 2)
        case .sunday: date.adding(days: 1)
        default: date
        }
    }

    static func day(_ month: Int, _ day: Int) -> CivilDate { CivilDate(year: year, month: month, day: day)! }

    /// A planned session: who, when, how.
    struct PlannedSession {
        var organisationID: UUID
        var date: CivilDate
        var kind: ReceiverKind
        var holder: DutyHolder?
        var receiver: String
        var place: String
    }

    static func loadReception(services: AppServices, scope: Scope, district: UnitSummary, communes: [UnitSummary], actors: Actors) async throws {
        let shortName = district.name.replacingOccurrences(of: "Huyện ", with: "")
        guard let committee = try await organisation(services, scope, unit: district, kind: "peoples_committee"),
              let inspectorate = try await organisation(services, scope, unit: district, kind: "committee_department", name: "Thanh tra huyện \(shortName)"),
              let board = try await organisation(services, scope, unit: district, kind: "committee_department", name: "Ban Tiếp công dân huyện \(shortName)"),
              let landOffice = try await organisation(services, scope, unit: district, kind: "committee_department",
                                                      name: "Phòng Tài nguyên và Môi trường huyện \(shortName)")
        else { return }
        // The district: the chair receives monthly, the reception board weekly, the inspectorate and the land office monthly.
        var district: [PlannedSession] = []
        for month in 1...12 {
            district.append(PlannedSession(organisationID: committee.id, date: workingDay(day(month, 20)), kind: .head, holder: .peoplesCommitteeChair,
                                           receiver: "Chủ tịch UBND huyện", place: "Trụ sở Tiếp công dân huyện \(shortName)"))
            district.append(PlannedSession(organisationID: inspectorate.id, date: workingDay(day(month, 10)), kind: .regular, holder: nil,
                                           receiver: "Chánh Thanh tra huyện", place: "Thanh tra huyện \(shortName)"))
            district.append(PlannedSession(organisationID: landOffice.id, date: workingDay(day(month, 25)), kind: .delegated, holder: nil,
                                           receiver: "Trưởng phòng Tài nguyên và Môi trường", place: "Trụ sở Tiếp công dân huyện \(shortName)"))
        }
        var thursday = day(1, 6)
        while thursday.year == year {
            district.append(PlannedSession(organisationID: board.id, date: thursday, kind: .regular, holder: nil,
                                           receiver: "Ban Tiếp công dân huyện", place: "Trụ sở Tiếp công dân huyện \(shortName)"))
            thursday = thursday.adding(days: 7)
        }
        // The communes and the town: the chair receives on the 1st and the 15th (the next working day when it falls on a weekend).
        var local: [PlannedSession] = []
        for commune in communes {
            guard let committee = try await organisation(services, scope, unit: commune, kind: "peoples_committee") else { continue }
            for month in 1...12 {
                for dayOfMonth in [1, 15] {
                    local.append(PlannedSession(organisationID: committee.id, date: workingDay(day(month, dayOfMonth)), kind: .head,
                                                holder: .peoplesCommitteeChair, receiver: "Chủ tịch UBND \(commune.name)",
                                                place: "Trụ sở UBND \(commune.name)"))
                }
            }
        }
        try await record(services, actors.reception, sessions: district.sorted { $0.date < $1.date }, visits: districtVisits, offset: 0)
        try await record(services, actors.reception, sessions: local.sorted { $0.date < $1.date }, visits: communeVisits, offset: 3)
    }

    /// Creates the sessions and spreads the visits evenly over them; the first
    /// (people − visits) visits bring two people, the others one.
    static func record(_ services: AppServices, _ scope: Scope, sessions: [PlannedSession], visits: (visits: Int, people: Int), offset: Int) async throws {
        let today = day(12, 31)
        var ids: [UUID] = []
        for session in sessions {
            ids.append(try await services.reception.createSession(scope, input: SessionInput(
                organisationID: session.organisationID, date: session.date.iso, place: session.place, receiverKind: session.kind.rawValue,
                holder: session.holder?.rawValue ?? "", receiverName: session.receiver, note: ""), today: today))
        }
        let extra = visits.people - visits.visits
        for index in 0..<visits.visits {
            let session = ids[index * ids.count / visits.visits]
            let matter = visitMatters[(index + offset) % visitMatters.count]
            let citizen = visitCitizens[(index * 7 + offset) % visitCitizens.count]
            _ = try await services.reception.addVisit(scope, sessionID: session, input: VisitInput(
                people: index < extra ? "2" : "1", isGroup: false, isRepeat: index % 9 == 4, content: matter,
                citizenName: citizen.name, citizenAddress: citizen.address))
        }
    }

    /// Who came to the demo's visits (invented names, real villages of Chư Pưh).
    static let visitCitizens: [(name: String, address: String)] = [
        ("Rơ Mah H'Bia", "Làng Bỉ, xã Ia Hla"), ("Nguyễn Văn Hùng", "Thôn Hòa Thuận, thị trấn Nhơn Hòa"),
        ("Ksor Thu", "Làng Ia Jol, xã Ia Le"), ("Trần Thị Mai", "Thôn Thanh Bình, xã Ia Phang"),
        ("Siu Nay", "Làng Ia Brêl, xã Ia Rong"), ("Lê Văn Tám", "Thôn Tân Lập, xã Ia Dreng"),
        ("Rơ Lan Hlim", "Làng Kênh Hang, xã Ia Hrú"), ("Phạm Thị Lan", "Thôn Hòa Phú, xã Chư Don"),
        ("Kpă Phong", "Làng Ia Rbol, xã Ia BLứ"), ("Đinh Văn Khánh", "Thôn Plei Thơ Ga, xã Chư Don"),
        ("Puih Bly", "Làng Bi Yông, xã Ia Dreng"), ("Hoàng Thị Thu", "Thôn Hòa Lộc, thị trấn Nhơn Hòa"),
    ]

    static let visitMatters = [
        "Đề nghị cấp giấy chứng nhận quyền sử dụng đất nông nghiệp",
        "Phản ánh tranh chấp ranh giới đất rẫy với hộ liền kề",
        "Hỏi về chế độ hỗ trợ hộ nghèo, hộ cận nghèo",
        "Kiến nghị bồi thường cây trồng khi làm đường liên xã",
        "Phản ánh ô nhiễm từ cơ sở chăn nuôi heo gần khu dân cư",
        "Đề nghị giải quyết chế độ chính sách người có công",
        "Khiếu nại việc xác định diện tích đất bị thu hồi",
        "Hỏi thủ tục tách thửa, chuyển mục đích sử dụng đất",
        "Phản ánh việc sửa chữa kênh mương nội đồng chậm",
        "Kiến nghị hỗ trợ nhà ở cho hộ đồng bào dân tộc thiểu số",
    ]

    // MARK: Letters

    /// What happens to a letter in the year.
    enum Fate { case resolved(late: Bool), withdrawn, inProgress }

    /// One kind of letter: its matter, subject and content.
    struct Matter {
        var kind: LetterKind
        var field: LetterField
        var subject: String
        var content: String
    }

    static let matters = [
        Matter(kind: .complaint, field: .land, subject: "Khiếu nại quyết định thu hồi đất nông nghiệp",
               content: "Gia đình tôi khiếu nại quyết định thu hồi đất nông nghiệp để làm đường giao thông, diện tích thu hồi chưa đúng với thực tế sử dụng."),
        Matter(kind: .petition, field: .land, subject: "Kiến nghị cấp giấy chứng nhận quyền sử dụng đất",
               content: "Đề nghị xem xét cấp giấy chứng nhận quyền sử dụng đất cho thửa đất gia đình đã sử dụng ổn định từ năm 2005."),
        Matter(kind: .report, field: .other, subject: "Phản ánh đường liên thôn xuống cấp",
               content: "Đường liên thôn bị sạt lở sau mùa mưa, xe chở nông sản không đi được, đề nghị sửa chữa."),
        Matter(kind: .complaint, field: .compensation, subject: "Khiếu nại về mức bồi thường, hỗ trợ khi thu hồi đất",
               content: "Mức bồi thường cây cà phê, hồ tiêu trên đất bị thu hồi thấp hơn giá thị trường, đề nghị xem xét lại phương án bồi thường."),
        Matter(kind: .denunciation, field: .officials, subject: "Tố cáo cán bộ thôn thu tiền không đúng quy định",
               content: "Tố cáo cán bộ thôn thu tiền đóng góp xây dựng nhà văn hóa không có chứng từ, không công khai."),
        Matter(kind: .petition, field: .policy, subject: "Kiến nghị xét hộ nghèo, hộ cận nghèo",
               content: "Đề nghị xem xét lại kết quả bình xét hộ nghèo năm 2022 của gia đình tôi."),
        Matter(kind: .report, field: .policy, subject: "Phản ánh chậm chi trả trợ cấp người có công",
               content: "Gia đình người có công chưa nhận được trợ cấp ưu đãi hằng tháng từ quý trước."),
        Matter(kind: .complaint, field: .dispute, subject: "Khiếu nại kết quả hòa giải tranh chấp đất rẫy",
               content: "Không đồng ý với kết quả hòa giải tranh chấp ranh giới đất rẫy với hộ liền kề tại làng."),
        Matter(kind: .denunciation, field: .land, subject: "Tố cáo hành vi lấn chiếm đất công",
               content: "Tố cáo một hộ dân lấn chiếm đất hành lang giao thông và đất công của làng để trồng cây."),
        Matter(kind: .petition, field: .compensation, subject: "Kiến nghị hỗ trợ tái định cư",
               content: "Đề nghị bố trí đất tái định cư cho các hộ bị thu hồi đất ở khi làm hồ chứa nước."),
    ]

    static let familyNames = ["Rơ Mah", "Ksor", "Siu", "Nay", "Rơ Lan", "Kpă", "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đinh"]
    static let givenNames = ["Hlim", "Blin", "Thuh", "Nhơn", "Văn Hùng", "Thị Lan", "Văn Đức", "Thị Hoa", "Jơn", "H'Nga", "Văn Tài", "Thị Mai", "Dũng"]

    /// The letters of the year in order: the first 110 settled in the year, the last 14 received in
    /// December and still open at its end; four of the settled ones are withdrawn.
    static func fate(_ index: Int) -> Fate {
        if index >= letters - inProgress { return .inProgress }
        if [17, 45, 73, 101].contains(index) { return .withdrawn }
        return .resolved(late: index % 23 == 5)
    }

    static func loadLetters(services: AppServices, scope: Scope, district: UnitSummary, communes: [UnitSummary], actors: Actors) async throws {
        guard let committee = try await organisation(services, scope, unit: district, kind: "peoples_committee") else { return }
        var communeCommittees: [(UnitSummary, OrganisationSummary)] = []
        for commune in communes {
            if let found = try await organisation(services, scope, unit: commune, kind: "peoples_committee") { communeCommittees.append((commune, found)) }
        }
        guard !communeCommittees.isEmpty else { return }
        let store = services.letters
        let settled = letters - inProgress
        let start = day(1, 1)
        for index in 0..<letters {
            let fate = fate(index)
            let offset = index < settled ? 3 + index * 296 / settled : 338 + (index - settled)
            let received = workingDay(start.adding(days: offset))
            let matter = matters[index % matters.count]
            let atDistrict = index % 7 < 3
            let (place, organisation) = atDistrict ? (district, committee) : communeCommittees[index % communeCommittees.count]
            let channel: LetterChannel = [.inPerson, .post, .online][index % (atDistrict ? 3 : 2)]
            let name = "\(familyNames[index % familyNames.count]) \(givenNames[(index / familyNames.count + index) % givenNames.count])"
            let input = LetterInput(
                organisationID: organisation.id, receivedOn: received.iso, channel: channel.rawValue, kind: matter.kind.rawValue, field: matter.field.rawValue,
                subject: matter.subject, content: matter.content,
                sender: SenderIdentity(name: name, address: "Làng \(villages[index % villages.count]), \(place.name), huyện Chư Pưh, tỉnh Gia Lai",
                                       contact: "09\(String(format: "%08d", 12_345_000 + index * 37))", idNumber: "0640\(String(format: "%08d", 80_120_000 + index))"),
                peopleCount: "1", isRepeat: false, visitID: nil)
            let letter = try await store.receive(actors.reception, input: input, today: received)

            let accepted = workingDay(received.adding(days: 3 + index % 6))
            try await store.act(actors.chair, id: letter.id, input: LetterActionInput(action: .accept, onDate: accepted.iso), today: accepted)
            // Letters of the district committee go to its handling officer; the chair resolves the others.
            var resolver = actors.chair
            if atDistrict {
                try await store.act(actors.chair, id: letter.id, input: LetterActionInput(action: .assign, onDate: accepted.iso, handlerID: actors.handlerID),
                                    today: accepted)
                resolver = actors.handler
            }
            switch fate {
            case .withdrawn:
                let date = workingDay(accepted.adding(days: 10))
                try await store.act(resolver, id: letter.id, input: LetterActionInput(
                    action: .withdraw, onDate: date.iso, reason: "Người gửi đơn tự nguyện rút đơn sau khi được giải thích, hòa giải"), today: date)
            case .resolved(let late):
                try await resolve(store, resolver, letter: letter.id, matter: matter, index: index,
                                  on: workingDay(accepted.adding(days: late ? 38 : 12 + index * 7 % 15)))
            case .inProgress:
                // Still being handled, as the report left them: the demo's work lists and home pages
                // show them as waiting (and, so long after, overdue).
                if matter.kind == .complaint || matter.kind == .denunciation {
                    let date = workingDay(accepted.adding(days: 2))
                    try await store.act(resolver, id: letter.id, input: LetterActionInput(action: .verify, onDate: date.iso), today: date)
                }
            }
        }
    }

    /// Two letters the district committee received in its last weeks (June 2025) and has not yet
    /// sorted: the demo's intake list is not empty, and a case shows where it may be forwarded
    /// (a matter for the district's land office, one for its infrastructure office). They are not
    /// of 2022, so the report's figures are untouched.
    static func loadLettersToSort(services: AppServices, scope: Scope, district: UnitSummary, actors: Actors) async throws {
        guard let committee = try await organisation(services, scope, unit: district, kind: "peoples_committee") else { return }
        _ = try await organisation(services, scope, unit: district, kind: "committee_department", name: "Phòng Tài nguyên và Môi trường huyện Chư Pưh")
        _ = try await organisation(services, scope, unit: district, kind: "committee_department", name: "Phòng Kinh tế và Hạ tầng huyện Chư Pưh")
        let letters: [(CivilDate, LetterKind, LetterField, String, String, String)] = [
            (CivilDate(year: 2025, month: 6, day: 16)!, .petition, .land, "Đề nghị đo đạc lại ranh giới thửa đất rẫy",
             "Gia đình tôi đề nghị đo đạc lại ranh giới thửa đất rẫy giáp suối Ia Glae, vì bản đồ địa chính vẽ lấn sang phần đất gia đình đã canh tác từ năm 2001.",
             "Rơ Châm H'Lương"),
            (CivilDate(year: 2025, month: 6, day: 17)!, .report, .other, "Phản ánh cầu tràn qua suối bị sạt lở",
             "Cầu tràn qua suối trên đường vào làng Bi Yông bị nước cuốn sạt lở một bên, xe máy chở nông sản qua lại rất nguy hiểm.",
             "Nguyễn Văn Thành"),
        ]
        for (received, kind, field, subject, content, name) in letters {
            _ = try await services.letters.receive(actors.reception, input: LetterInput(
                organisationID: committee.id, receivedOn: received.iso, channel: LetterChannel.inPerson.rawValue, kind: kind.rawValue,
                field: field.rawValue, subject: subject, content: content,
                sender: SenderIdentity(name: name, address: "Làng Bi Yông, Xã Ia Dreng, huyện Chư Pưh, tỉnh Gia Lai", contact: "", idNumber: ""),
                peopleCount: "1", isRepeat: false, visitID: nil), today: received)
        }
    }

    static let villages = ["Plei Tung", "Băng Gõ", "Ia Brêl", "Hố Lang", "Thanh Bình", "Plei Djrông", "Ia Ròng", "Tao Kó"]

    /// Resolves a case on a date: a decision (khiếu nại), a conclusion (tố cáo) or an answer, and half of the results sent two days later.
    static func resolve(_ store: LetterStore, _ scope: Scope, letter: UUID, matter: Matter, index: Int, on date: CivilDate) async throws {
        let outcome = LetterOutcome.allowed(for: matter.kind)[index % LetterOutcome.allowed(for: matter.kind).count]
        let number: String = switch matter.kind {
        case .complaint: "\(100 + index)/QĐ-UBND"
        case .denunciation: "\(100 + index)/KL-UBND"
        case .petition, .report: "\(100 + index)/UBND-TCD"
        }
        try await store.act(scope, id: letter, input: LetterActionInput(action: .resolve, onDate: date.iso, decisionNumber: number,
                                                                        decisionDate: date.iso, outcome: outcome.rawValue), today: date)
        if index % 2 == 0 {
            let sent = workingDay(date.adding(days: 2))
            try await store.act(scope, id: letter, input: LetterActionInput(action: .sendResult, onDate: sent.iso), today: sent)
        }
    }
}
