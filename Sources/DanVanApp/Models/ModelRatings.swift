import DanVanDomain
import Foundation
import Hummingbird
import SQLKit

typealias RL = ModelRatingLevelRecord

/// What the scale's page submits: a level's key (empty: a new level), its label and its place.
struct RatingLevelInput: Sendable {
    var key: String
    var label: String
    var position: String
}

/// The rating scale of model evaluations (thang xếp loại), a setting of the whole country: read
/// by everyone, changed by national administrators, each change with its audit entry.
extension ModelStore {
    /// Every level, best first, the retired ones included (the evaluations rated on them keep them).
    func ratingLevels() async throws -> [ModelRatingLevelRecord] {
        try await sql.raw("SELECT \(unsafeRaw: RowColumns.select(RL.self, from: "l")) FROM model_rating_levels l ORDER BY l.position, l.label")
            .rows(RL.self)
    }

    /// The key of a new level: its label folded to letters, digits and `_` (unique among the keys).
    static func ratingKey(_ label: String, taken: [String]) -> String {
        var key = ""
        for character in VietnameseText.folded(label) {
            if character.isASCII && (character.isLetter || character.isNumber) { key.append(character) }
            else if !key.hasSuffix("_") { key.append("_") }
        }
        key = String(key.trimmingCharacters(in: CharacterSet(charactersIn: "_")).prefix(40))
        if key.isEmpty { key = "level" }
        var unique = key, n = 2
        while taken.contains(unique) { unique = key + "_\(n)"; n += 1 }
        return unique
    }

    /// Adds a level (no key) or renames and moves one: the label required, not another level's.
    /// Returns the level's key.
    @discardableResult
    func saveRatingLevel(_ scope: Scope, input: RatingLevelInput, now: Date = Date()) async throws -> String {
        try scope.requireNationalAdministrator()
        let levels = try await ratingLevels()
        let existing = input.key.isEmpty ? nil : levels.first { $0.key == input.key }
        if !input.key.isEmpty && existing == nil { throw AppError.notFound }
        var problems: [String: String] = [:]
        let label = input.label.trimmingCharacters(in: .whitespaces)
        if let problem = Self.textProblem(label, required: true, limit: 100) { problems["label"] = problem }
        else if levels.contains(where: { $0.key != input.key && VietnameseText.folded($0.label) == VietnameseText.folded(label) }) {
            problems["label"] = "error_model_rating_label_taken"
        }
        let position = input.position.isEmpty ? existing?.position ?? (levels.map(\.position).max() ?? 0) + 1 : Int(input.position)
        if position == nil || !(1...99).contains(position!) { problems["position"] = "error_model_rating_position" }
        if !problems.isEmpty { throw ValidationError(problems) }
        let key = existing?.key ?? Self.ratingKey(label, taken: levels.map(\.key))
        try await database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            if let existing {
                try await sql.update("model_rating_levels").set(\RL.label, to: label).set(\RL.position, to: position!).where("key", .equal, existing.key).run()
                try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "model_rating_level", recordID: existing.id, summary: label,
                                          before: ["label": existing.label, "position": String(existing.position)], after: ["label": label, "position": String(position!)])
            } else {
                let row = ModelRatingLevelRecord(id: UUID(), key: key, label: label, position: position!, retiredOn: nil,
                                                 createdBy: scope.username, createdAt: now)
                try await sql.insert(into: "model_rating_levels").values(of: row).run()
                try await AuditLog.record(on: tx, scope: scope, action: .create, recordType: "model_rating_level", recordID: row.id, summary: label,
                                          after: ["key": row.key, "label": label, "position": String(row.position)])
            }
        }
        return key
    }

    /// Retires a level from a day (no evaluation is rated on it from then; those rated on it keep
    /// it), or with `retired` false puts it back in use. The scale keeps one level in use at least.
    func retireRatingLevel(_ scope: Scope, key: String, retired: Bool = true, now: Date = Date()) async throws {
        try scope.requireNationalAdministrator()
        let levels = try await ratingLevels()
        guard let level = levels.first(where: { $0.key == key }) else { throw AppError.notFound }
        if retired && !levels.contains(where: { $0.key != key && $0.retiredOn == nil }) { throw ValidationError(["key": "error_model_rating_last"]) }
        guard (level.retiredOn == nil) == retired else { return }
        let day = retired ? CivilDate.today(now: now).iso : nil
        try await database.db.transaction { tx in
            try await (tx as! any SQLDatabase).update("model_rating_levels").set(\RL.retiredOn, to: day).where("key", .equal, key).run()
            try await AuditLog.record(on: tx, scope: scope, action: .update, recordType: "model_rating_level", recordID: level.id, summary: level.label,
                                      before: ["retired_on": level.retiredOn ?? ""], after: ["retired_on": day ?? ""])
        }
    }
}

/// The rating scale's page: its levels, each renamed, moved or retired, and a new one added.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET, POST | /models/ratings | the scale; a level saved, added, retired or put back (national administrators) |
struct ModelRatingsController: Sendable {
    let models: ModelStore
    let renderer: PageRenderer

    static let fields = ["key", "label", "position"]

    func addRoutes(to router: Router<AppRequestContext>) {
        let administrators = router.nationalAdministrators()
        administrators.get(SiteURL.Pattern.modelRatings) { _, context in try await page(failed: nil, context: context) }
        administrators.post(SiteURL.Pattern.modelRatings) { request, context in
            let form = try await FormData.from(request, context: context)
            return try await renderer.submit(keeping: FormState(form, fields: Self.fields), context: context) {
                switch form["action"] {
                case "retire": try await models.retireRatingLevel(context.scope, key: form["key"])
                case "restore": try await models.retireRatingLevel(context.scope, key: form["key"], retired: false)
                default: try await models.saveRatingLevel(context.scope, input: RatingLevelInput(key: form["key"], label: form["label"], position: form["position"]))
                }
                return Response.redirect(to: SiteURL.modelRatings.path)
            } showAgain: { state in
                try await page(failed: state, context: context)
            }
        }
    }

    struct Page: Sendable, Encodable {
        struct Level: Sendable, Encodable {
            var key: String, label: String, position: String, state: String, retired: Bool, id: String
            var errors: [String: String]
        }
        var levels: [Level]
        /// The new level's form (what was typed when refused).
        var new: FormState
        var action: String
    }

    private func page(failed: FormState?, context: SignedInContext) async throws -> Response {
        let failedKey = failed?.values["key"] ?? ""
        let levels = try await models.ratingLevels().map { level in
            let typed = failed != nil && failedKey == level.key ? failed : nil
            return Page.Level(key: level.key, label: typed?.values["label"] ?? level.label, position: typed?.values["position"] ?? String(level.position),
                              state: level.retiredOn.map { renderer.catalogue.text("model_rating_retired_on", context.language, [ModelController.day($0)]) }
                                  ?? renderer.catalogue.text("model_rating_in_use", context.language),
                              retired: level.retiredOn != nil, id: "rating-" + level.key, errors: typed?.errors ?? [:])
        }
        let page = Page(levels: levels, new: failed != nil && failedKey.isEmpty ? failed! : FormState(), action: SiteURL.modelRatings.path)
        return renderer.render("models/model_ratings", titleKey: "model_ratings_title", page: page, context: context,
                               status: failed == nil ? .ok : .unprocessableContent, section: "models")
    }
}
