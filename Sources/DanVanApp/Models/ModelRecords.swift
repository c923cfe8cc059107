import Foundation

/// A row of `models`: a "Dân vận khéo" model (mô hình Dân vận khéo) as its registering
/// organisation describes it (DOMAIN.md §4.2). Its years, goals, implementing organisations,
/// results, evaluations and commendations are rows of their own tables.
struct ModelRecord: Sendable, Codable {
    var id: UUID
    /// The unit of the registering organisation (what reach and reports go by).
    var unitID: UUID
    var organisationID: UUID
    var name: String
    /// `collective` (tập thể) or `individual` (cá nhân).
    var kind: String
    /// The person of an individual model, and their position.
    var personName: String?
    var personPosition: String?
    /// `ModelField`.
    var field: String
    /// Finer topics, comma-separated (cải cách hành chính, an sinh xã hội …).
    var topics: String
    /// The situation it answers (thực trạng).
    var situation: String
    /// Whom it mobilises (đối tượng tuyên truyền, vận động) and who benefits (đối tượng thụ hưởng).
    var targets: String
    var beneficiaries: String
    /// How it is done (phương thức).
    var method: String
    /// Resources: money in đồng, labour in workdays, in kind as words.
    var resourceMoney: Int64?
    var resourceLabour: Int?
    var resourceInKind: String
    var startedOn: String
    var evaluationOn: String?
    /// Replication (nhân rộng): the model this one was adopted from.
    var originModelID: UUID?
    /// The day it stopped; its history stays.
    var stoppedOn: String?
    /// Name, situation, goals, method and results, folded: what the search and the near-duplicate flag read.
    var searchText: String
    var updatedAt: Date
    var createdBy: String
    var createdAt: Date
}

/// A row of `model_goals`: a goal with its measurable criterion (indicator, unit, target).
struct ModelGoalRecord: Sendable, Codable {
    var id: UUID
    var modelID: UUID
    var position: Int
    var description: String
    var indicator: String
    /// The unit the indicator counts in ("người", "hộ", "%").
    var measure: String
    var target: Double
}

/// A row of `model_partners`: an organisation that implements a model, with its role.
struct ModelPartnerRecord: Sendable, Codable {
    var id: UUID
    var modelID: UUID
    var organisationID: UUID
    /// `ModelPartnerRole`.
    var role: String
}

/// A row of `model_years`: a model registered for a year, new or maintained. The model's
/// unit, organisation, kind and field are copied here, so a year's figures read one table.
struct ModelYearRecord: Sendable, Codable {
    var id: UUID
    var modelID: UUID
    var year: Int
    /// `new` (đăng ký mới) or `maintained` (duy trì).
    var status: String
    var unitID: UUID
    var organisationID: UUID
    var kind: String
    var field: String
    var createdBy: String
    var createdAt: Date
}

/// A row of `model_results`: a value reported against a goal's criterion on a day.
struct ModelResultRecord: Sendable, Codable {
    var id: UUID
    var modelID: UUID
    var goalID: UUID?
    var reportedOn: String
    var value: Double?
    var note: String
    var createdBy: String
    var createdAt: Date
}

/// A row of `model_evidence`: a photo or document proving a result, its bytes included.
struct ModelEvidenceRecord: Sendable, Codable {
    var id: UUID
    var resultID: UUID
    var modelID: UUID
    var filename: String
    var contentType: String
    var size: Int
    var data: Data
    var createdAt: Date
}

/// A row of `model_evaluations`: a survey team's (đoàn khảo sát) or the organisation's own
/// assessment of a model, with a rating on the scale and the findings. A team visits the
/// model's organisation: the units a team visited are the organisations of the models it rated.
struct ModelEvaluationRecord: Sendable, Codable {
    var id: UUID
    var modelID: UUID
    var year: Int
    /// `team` or `self`.
    var method: String
    var team: String
    var members: String
    var evaluatedOn: String
    /// The key of a level of the scale (`model_rating_levels`).
    var rating: String
    var findings: String
    var createdBy: String
    var createdAt: Date
}

/// A row of `model_commendations`: a commendation (biểu dương, khen thưởng) of a model.
struct ModelCommendationRecord: Sendable, Codable {
    var id: UUID
    var modelID: UUID
    var year: Int
    /// `ModelCommendationLevel`.
    var level: String
    /// `ModelCommendationForm`.
    var form: String
    var decisionNumber: String
    var decidedOn: String
    var decidedBy: String
    var createdBy: String
    var createdAt: Date
}

enum ModelKind: String, Sendable, CaseIterable { case collective, individual }
enum ModelYearStatus: String, Sendable, CaseIterable { case new, maintained }
/// The four fields of DOMAIN.md §4.2.
enum ModelField: String, Sendable, CaseIterable { case economy, culture, defence, politics }
enum ModelPartnerRole: String, Sendable, CaseIterable { case lead, coordinating, participating }
enum ModelEvaluationMethod: String, Sendable, CaseIterable { case team, selfAssessment = "self" }
/// The levels the scale was seeded with (``CreateModelRatingLevels``), best first: what the demo
/// and the bench rate with. The scale itself is data (``ModelRatingLevelRecord``): a national
/// administrator renames, adds and retires levels.
enum ModelRating: String, Sendable, CaseIterable { case excellent, good, fair, poor }

/// A row of `model_rating_levels`: a level of the rating scale (mức xếp loại). Evaluations keep
/// its key; a retired level is offered no more but the evaluations rated on it keep it and count.
struct ModelRatingLevelRecord: Sendable, Codable {
    var id: UUID
    var key: String
    var label: String
    /// Its place on the scale, best first.
    var position: Int
    /// The day it was retired; nil while in use.
    var retiredOn: String?
    var createdBy: String
    var createdAt: Date
}
enum ModelCommendationLevel: String, Sendable, CaseIterable { case commune, district, province, central }
enum ModelCommendationForm: String, Sendable, CaseIterable {
    /// Giấy khen, bằng khen, biểu dương.
    case certificate, merit, praise
}
