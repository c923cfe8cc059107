import Foundation

/// A row of `surveys`: a satisfaction survey (khảo sát sự hài lòng) as data: its question,
/// its answer choices and the optional reasons ("vì sao"), the unit whose subtree it runs in,
/// and the days it runs (`validTo` nil: until closed).
struct SurveyRecord: Sendable, Codable {
    var id: UUID
    var unitID: UUID
    /// The organisation that runs it (the commune's People's Committee), when one does: an
    /// organisation-only scope reaches the surveys of its own organisation only.
    var organisationID: UUID?
    var title: String
    var question: String
    /// The answer choices, in order: `SurveyChoice` as JSON.
    var choices: String
    /// The optional reasons offered after an answer: `SurveyChoice` as JSON.
    var reasons: String
    var validFrom: String
    var validTo: String?
    var createdBy: String
    var createdAt: Date
}

/// A row of `survey_kiosks`: a counter (quầy, bộ phận một cửa) where a tablet takes a
/// survey's answers, reached by a secret link; only the token's hash is kept.
struct SurveyKioskRecord: Sendable, Codable {
    var id: UUID
    var surveyID: UUID
    var unitID: UUID
    var organisationID: UUID
    /// The counter's name, as the results show it.
    var name: String
    /// The service field (lĩnh vực) the counter serves, when it serves one.
    var field: String?
    var tokenHash: String
    var revokedAt: Date?
    /// Answers refused by the per-kiosk limit (a flood), counted, never stored.
    var refused: Int
    var createdBy: String
    var createdAt: Date
}

/// A row of `survey_answers`: one answer, from a kiosk or the online form. `clientID` is the
/// id the kiosk gave the answer when it was tapped: unique per kiosk, so a batch sent again
/// after a lost connection stores nothing twice.
struct SurveyAnswerRecord: Sendable, Codable {
    var id: UUID
    var surveyID: UUID
    var kioskID: UUID?
    var clientID: String
    var unitID: UUID
    var organisationID: UUID
    var channel: String
    var choice: String
    var reason: String?
    var field: String?
    /// When the citizen answered (the kiosk's clock for an answer kept offline).
    var answeredAt: Date
    /// The day of `answeredAt` in Vietnam (UTC+7), ISO: what periods and months count by.
    var answeredOn: String
    var createdAt: Date
}

/// Where an answer came from.
enum SurveyChannel: String, Sendable, CaseIterable {
    /// A tablet at a counter.
    case kiosk
    /// The public online form.
    case online
    /// A paper form, entered afterwards (the seeds' figures before the kiosks).
    case paper
}

/// An answer choice or a reason: a key the answers store and the words a citizen sees.
struct SurveyChoice: Sendable, Codable, Equatable {
    var key: String
    var label: String

    /// The choices a survey's column holds.
    static func list(json: String) -> [SurveyChoice] { (try? JSONDecoder().decode([SurveyChoice].self, from: Data(json.utf8))) ?? [] }
}

/// The service fields (lĩnh vực) answers are counted by.
enum SurveyField: String, Sendable, CaseIterable {
    case land, civilStatus = "civil_status", construction, business, social, other
}

extension SurveyRecord {
    /// The three-level satisfaction question every new survey starts with.
    static let defaultChoices = [
        SurveyChoice(key: "very_satisfied", label: "Rất hài lòng"),
        SurveyChoice(key: "satisfied", label: "Hài lòng"),
        SurveyChoice(key: "not_satisfied", label: "Không hài lòng"),
    ]
    static let defaultReasons = [
        SurveyChoice(key: "attitude", label: "Thái độ cán bộ"),
        SurveyChoice(key: "time", label: "Thời gian giải quyết"),
        SurveyChoice(key: "procedure", label: "Thủ tục, giấy tờ"),
        SurveyChoice(key: "facilities", label: "Cơ sở vật chất"),
    ]
    static let defaultTitle = "Khảo sát sự hài lòng của người dân"
    static let defaultQuestion = "Ông/bà có hài lòng với việc giải quyết thủ tục hôm nay không?"

    var choiceList: [SurveyChoice] { SurveyChoice.list(json: choices) }
    var reasonList: [SurveyChoice] { SurveyChoice.list(json: reasons) }

    static func json(_ choices: [SurveyChoice]) -> String {
        String(decoding: (try? JSONEncoder().encode(choices)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
