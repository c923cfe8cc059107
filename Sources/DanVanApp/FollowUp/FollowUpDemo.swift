import DanVanDomain
import Foundation
import SQLKit

/// The meetings and opinions of `danvan demo load`, from seed 002 (Huyện Chư Pưh, 2022 to
/// the report of 16/03/2023). Historical records: inserted as they were, with the
/// organisations of the legacy district, without notifications.
/// - Footnote 5: the district deputies met voters at 27 points in 9 communes and the town,
///   about 3.500 attendances, and 125 opinions within the district's competence, routed to
///   the district People's Committee.
/// - Footnote 13: "Công an xã lắng nghe ý kiến Nhân dân" conferences in 8 communes,
///   2.725 attendances, 62 opinions, answered by the commune police.
/// - Footnote 4: 18 thematic supervision teams of the standing committee of the People's Council.
enum FollowUpDemo {
    static let voterContacts = (points: 27, attendances: 3_500, opinions: 125)
    static let listening = (communes: 8, attendances: 2_725, opinions: 62)
    static let supervisionTeams = 18
    static let marker = "demo.followup"

    static let topics: [(String, SurveyField)] = [
        ("Đề nghị đầu tư sửa chữa đường giao thông liên thôn bị xuống cấp", .construction),
        ("Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho các hộ đã đủ hồ sơ", .land),
        ("Kiến nghị hỗ trợ giống cây trồng cho hộ nghèo, hộ cận nghèo", .social),
        ("Đề nghị nâng cấp công trình nước sinh hoạt tập trung", .construction),
        ("Kiến nghị giải quyết chế độ chính sách cho người có công", .social),
        ("Đề nghị kéo điện lưới đến các hộ ở khu sản xuất xa", .other),
        ("Kiến nghị về thời gian giải quyết thủ tục hộ tịch", .civilStatus),
    ]
    static let listeningTopics = [
        "Phản ánh về bảo đảm trật tự an toàn giao thông trên tuyến đường qua khu dân cư",
        "Phản ánh về thủ tục cấp căn cước công dân",
        "Góp ý xây dựng lực lượng Công an xã",
    ]

    /// `total` split into `parts` whole shares as even as can be, the larger ones first.
    static func shares(_ total: Int, _ parts: Int) -> [Int] {
        (0..<parts).map { total / parts + ($0 < total % parts ? 1 : 0) }
    }

    static func load(_ demo: DemoContext) async throws {
        let services = demo.services, scope = demo.scope
        guard let district = try await services.units.units(scope, code: "639").first(where: { $0.validTo != nil }) else { return }
        let sql = services.database.sql
        struct Found: Decodable { var id: UUID }
        guard try await sql.raw("SELECT m.id FROM meetings m WHERE m.\(\MeetingRecord.createdBy) = \(bind: marker)").row(Found.self) == nil else { return }
        let organisations = { (unit: UUID) in try await services.organisations.organisations(scope, unitID: unit) }
        let districtOrganisations = try await organisations(district.id)
        guard let council = districtOrganisations.first(where: { $0.kind == "peoples_council" }),
              let committee = districtOrganisations.first(where: { $0.kind == "peoples_committee" }) else { return }
        let communes = try await services.units.children(scope, of: district.id, on: CivilDate(year: 2022, month: 6, day: 1)!).sortedVietnamese()
        guard communes.count >= 9 else { return }
        let calendar = try await services.calendars.calendar()
        var batch = Batch()
        // Footnote 5: three rounds of voter contacts, one point in each of the 9 communes a round.
        let rounds = [CivilDate(year: 2022, month: 6, day: 20)!, CivilDate(year: 2022, month: 11, day: 21)!, CivilDate(year: 2023, month: 2, day: 20)!]
        let attendances = shares(voterContacts.attendances, voterContacts.points), opinions = shares(voterContacts.opinions, voterContacts.points)
        var topic = 0
        for point in 0..<voterContacts.points {
            let commune = communes[point % 9]
            let day = calendar.firstWorkingDay(onOrAfter: rounds[point / 9].adding(days: point % 9))
            let meeting = batch.meeting(.voterContact, unit: commune.id, host: council, coHosts: "Tổ đại biểu HĐND huyện", day: day, participants: attendances[point],
                                        minutes: "Tiếp xúc cử tri tại \(commune.name) trước kỳ họp Hội đồng nhân dân huyện.")
            for _ in 0..<opinions[point] {
                let (text, field) = topics[topic % topics.count]
                topic += 1
                batch.opinion(meeting, text: "\(text) (\(commune.name))", field: field, level: .district, routedTo: committee,
                              due: calendar.adding(workingDays: 15, to: day), ruleDays: 15, answeredOn: calendar.adding(workingDays: 12, to: day), published: true)
            }
        }
        // Footnote 13: one conference in each of 8 communes in 2022, answered by the commune police.
        let listeningAttendances = shares(listening.attendances, listening.communes), listeningOpinions = shares(listening.opinions, listening.communes)
        for index in 0..<listening.communes {
            let commune = communes[index]
            guard let police = try await organisations(commune.id).first(where: { $0.kind == "police" }) else { continue }
            let day = calendar.firstWorkingDay(onOrAfter: CivilDate(year: 2022, month: 9, day: 5)!.adding(days: 7 * index))
            let meeting = batch.meeting(.listening, unit: commune.id, host: police, coHosts: "", day: day, participants: listeningAttendances[index],
                                        minutes: "Hội nghị \"Công an xã lắng nghe ý kiến Nhân dân\" năm 2022.")
            for number in 0..<listeningOpinions[index] {
                batch.opinion(meeting, text: listeningTopics[number % listeningTopics.count], field: .other, level: .commune, routedTo: police,
                              due: calendar.adding(workingDays: 10, to: day), ruleDays: 10, answeredOn: calendar.adding(workingDays: 5, to: day), published: false)
            }
        }
        // Footnote 4: 18 thematic supervision teams, from 2022 to the report.
        for team in 0..<supervisionTeams {
            let day = calendar.firstWorkingDay(onOrAfter: CivilDate(year: 2022, month: 3, day: 1)!.adding(days: 20 * team))
            _ = batch.meeting(.supervision, unit: communes[team % communes.count].id, host: council, coHosts: "Thường trực HĐND huyện", day: day, participants: 0,
                              minutes: "Đoàn giám sát chuyên đề số \(team + 1).")
        }
        let ready = batch
        try await services.database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.insert(into: "meetings").values(ofAll: ready.meetings).run()
            for chunk in ready.items.chunked(200) { try await sql.insert(into: "follow_up_items").values(ofAll: Array(chunk)).run() }
            for chunk in ready.assignments.chunked(200) { try await sql.insert(into: "follow_up_assignments").values(ofAll: Array(chunk)).run() }
            for chunk in ready.opinions.chunked(200) { try await sql.insert(into: "opinions").values(ofAll: Array(chunk)).run() }
        }
    }

    /// The rows made, inserted at once.
    struct Batch {
        var meetings: [MeetingRecord] = []
        var opinions: [OpinionRecord] = []
        var items: [FollowUpItemRecord] = []
        var assignments: [FollowUpAssignmentRecord] = []
        let now = Date()

        mutating func meeting(_ kind: MeetingKind, unit: UUID, host: OrganisationSummary, coHosts: String, day: CivilDate, participants: Int,
                              minutes: String, document: UUID? = nil) -> MeetingRecord {
            let meeting = MeetingRecord(id: UUID(), kind: kind.rawValue, unitID: host.unitID, organisationID: host.id, placeUnitID: unit, coHosts: coHosts, documentID: document, heldOn: day.iso,
                                        participants: participants, minutes: minutes, createdBy: marker, createdAt: now)
            meetings.append(meeting)
            return meeting
        }

        /// An opinion of a meeting, routed to an agency that answered it.
        mutating func opinion(_ meeting: MeetingRecord, text: String, field: SurveyField, level: OpinionLevel, routedTo agency: OrganisationSummary,
                              due: CivilDate, ruleDays: Int, answeredOn: CivilDate, published: Bool) {
            let item = UUID(), assignment = UUID(), opinion = UUID()
            let answer = "Đã xem xét, giải quyết và trả lời cử tri theo quy định."
            let at = now.addingTimeInterval(Double(opinions.count) / 1000)
            items.append(FollowUpItemRecord(
                id: item, source: FollowUpSource.opinion.rawValue, sourceID: opinion, title: text, ownerOrganisationID: meeting.organisationID,
                ownerUnitID: meeting.unitID, organisationID: agency.id, unitID: agency.unitID, assignmentID: assignment, openedOn: meeting.heldOn, dueOn: due.iso,
                dueRule: "working_days:\(ruleDays)", status: FollowUpStatus.done.rawValue,
                answer: answer, answeredOn: answeredOn.iso, declineReason: nil,
                createdBy: marker, createdAt: at, updatedAt: at))
            assignments.append(FollowUpAssignmentRecord(
                id: assignment, itemID: item, organisationID: agency.id, unitID: agency.unitID, dueOn: due.iso, reason: "", outcome: FollowUpAction.answer.rawValue,
                outcomeReason: nil, endedAt: at, createdBy: marker, createdAt: at))
            opinions.append(OpinionRecord(
                id: opinion, meetingID: meeting.id, unitID: meeting.unitID, organisationID: meeting.organisationID, text: text, field: field.rawValue,
                level: level.rawValue, itemID: item, raiserTold: true, publishedAt: published ? at : nil,
                publicText: published ? text : nil, publicAnswer: published ? answer : nil, createdBy: marker, createdAt: at))
        }
    }
}
