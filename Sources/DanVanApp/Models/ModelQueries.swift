import DanVanDomain
import Foundation
import SQLKit

/// The filters of the models list: a unit's subtree (history included) and a year, then any of
/// field, status, kind, flag, rating, commendation level, evaluation method, organisation and a
/// folded search over name, goals and results.
struct ModelFilter: Sendable, Equatable {
    var unitID: UUID
    var year: Int
    var field: String?
    /// `new`, `maintained`, or `stopped`.
    var status: String?
    var kind: String?
    var flag: ModelFlag?
    var rating: String?
    var level: String?
    /// `team` or `self`: models evaluated so in the year.
    var evaluated: String?
    var organisationID: UUID?
    var search: String?

    /// The query pairs of the filter (its list's link), without the offset.
    var pairs: [(String, String?)] {
        [("unit", unitID.uuidString.lowercased()), ("year", String(year)), ("field", field), ("status", status), ("kind", kind), ("flag", flag?.rawValue),
         ("rating", rating), ("level", level), ("evaluated", evaluated), ("organisation", organisationID?.uuidString.lowercased()), ("q", search)]
    }
}

/// A model as the list shows it (its year's row and the model).
struct ModelRow: Sendable, Codable {
    var id: UUID
    var name: String
    var kind: String
    var field: String
    var personName: String?
    var startedOn: String
    var stoppedOn: String?
    var originModelID: UUID?
    var status: String
    var unitName: String
    var organisationName: String
}

/// Everything the model page shows.
struct ModelDetail: Sendable {
    var model: ModelRecord
    var unitName: String
    var organisationName: String
    var goals: [ModelGoalRecord]
    var partners: [(name: String, role: String)]
    var years: [ModelYearRecord]
    var results: [ModelResultRecord]
    var evidence: [ModelEvidenceRow]
    var evaluations: [ModelEvaluationRecord]
    var commendations: [ModelCommendationRecord]
    var origin: ModelRow?
    var adopters: [ModelRow]
    var flags: [ModelFlagHit]
    var flagNames: [String: String]
}

struct ModelEvidenceRow: Sendable, Codable {
    var id: UUID
    var resultID: UUID
    var filename: String
    var size: Int
}

/// The counts of a subtree's year.
struct ModelFigures: Sendable, Equatable {
    var total = 0
    var byStatus: [String: Int] = [:]
    var byKind: [String: Int] = [:]
    var byField: [String: Int] = [:]
    var byRating: [String: Int] = [:]
    var byMethod: [String: Int] = [:]
    var byLevel: [String: Int] = [:]
    /// The organisations the survey teams visited (those of the models they rated).
    var visited = 0
}

/// One organisation of a coverage list.
struct CoverageRow: Sendable, Codable {
    var id: UUID
    var name: String
    var kind: String
    var kindName: String
    var unitName: String
    var models: Int
    /// Its models of the year a survey team rated in the year (a team visited it when above 0).
    var visited: Int
}

extension ModelStore {
    private static let rowSelect: SQLQueryString = """
        SELECT \(unsafeRaw: RowColumns.select(ModelRow.self, from: "m", joined: [\.status: "y.status", \.unitName: "u.name", \.organisationName: "o.name"]))
        FROM model_years y JOIN models m ON m.id = y.\(\MY.modelID) JOIN organisation_units u ON u.id = m.\(\MR.unitID) JOIN organisations o ON o.id = m.\(\MR.organisationID)
        """

    /// The rows below a unit (its history included) that lie in the caller's reach. Every caller
    /// has checked the unit is in reach (404 otherwise), so a subtree scope reaches all of them
    /// (the paths are a closure): one look-up, not the national scope's paths against each row.
    static func within(_ scope: Scope, unit: SQLQueryString, organisation: SQLQueryString, unitID: UUID) -> SQLQueryString {
        switch scope.mode {
        case .subtree: Reach.condition(scope, unit: unit, root: unitID) + " AND " + Reach.subtree(unit, of: unitID)
        case .organisation: Reach.condition(scope, unit: unit, organisation: organisation, within: unitID)
        }
    }

    /// The year rows `y` of a subtree's year in reach.
    static func yearCondition(_ scope: Scope, unitID: UUID, year: Int) -> SQLQueryString {
        "y.year = \(bind: year) AND \(within(scope, unit: "y.\(\MY.unitID)", organisation: "y.\(\MY.organisationID)", unitID: unitID))"
    }

    /// The conditions of a filter, flags aside (they are computed, see ``list``).
    private func conditions(_ scope: Scope, _ filter: ModelFilter) -> SQLQueryString {
        var query = Self.yearCondition(scope, unitID: filter.unitID, year: filter.year)
        if let field = filter.field { query += " AND y.field = \(bind: field)" }
        if let kind = filter.kind { query += " AND y.kind = \(bind: kind)" }
        switch filter.status {
        case "stopped": query += " AND m.\(\MR.stoppedOn) IS NOT NULL"
        case let status?: query += " AND y.status = \(bind: status)"
        case nil: break
        }
        if let organisation = filter.organisationID { query += " AND y.\(\MY.organisationID) = \(bind: organisation)" }
        if let rating = filter.rating {
            query += " AND EXISTS (SELECT 1 FROM model_evaluations e WHERE e.\(\ModelEvaluationRecord.modelID) = m.id AND e.year = y.year AND e.rating = \(bind: rating))"
        }
        if let method = filter.evaluated {
            query += " AND EXISTS (SELECT 1 FROM model_evaluations e WHERE e.\(\ModelEvaluationRecord.modelID) = m.id AND e.year = y.year AND e.method = \(bind: method))"
        }
        if let level = filter.level {
            query += " AND EXISTS (SELECT 1 FROM model_commendations c WHERE c.\(\ModelCommendationRecord.modelID) = m.id AND c.year = y.year AND c.level = \(bind: level))"
        }
        if let search = filter.search.map(VietnameseText.folded), !search.isEmpty {
            query += " AND m.\(\MR.searchText) LIKE \(bind: "%" + UnitStore.escapeLike(search) + "%") ESCAPE '\\'"
        }
        return query
    }

    /// A page of the models a filter finds, by unit and name, and how many it finds in all.
    /// A flag filter computes the flags of the subtree's year first.
    func list(_ scope: Scope, filter: ModelFilter, offset: Int = 0, limit: Int = 50, today: CivilDate = .today(now: Date())) async throws -> (rows: [ModelRow], total: Int) {
        _ = try await UnitStore(database: database).unit(scope, id: filter.unitID)
        let condition = conditions(scope, filter)
        if let flag = filter.flag {
            // The flags are computed (ModelFlags), not columns: the filter's models in the list's
            // order, those flagged kept, then the rows of the page alone, in parts (a national
            // year's flagged ids would pass the parameter limit in one IN).
            let flagged = Set(try await flags(scope, unitID: filter.unitID, year: filter.year, today: today).filter { $0.value.contains { $0.flag == flag } }.map(\.key))
            if flagged.isEmpty { return ([], 0) }
            struct Found: Decodable { var id: UUID }
            let ids = try await database.plannedOnce.raw("SELECT m.id FROM model_years y JOIN models m ON m.id = y.\(\MY.modelID) JOIN organisation_units u ON u.id = m.\(\MR.unitID) "
                                                         + "JOIN organisations o ON o.id = m.\(\MR.organisationID) WHERE " + condition + " ORDER BY u.name, o.name, m.name, m.id")
                .rows(Found.self).map(\.id).filter(flagged.contains)
            let page = Array(ids.dropFirst(offset).prefix(limit))
            var rows: [UUID: ModelRow] = [:]
            for part in stride(from: 0, to: page.count, by: 1_000) {
                for row in try await sql.raw(Self.rowSelect + " WHERE y.year = \(bind: filter.year) AND m.id IN (\(binds: Array(page[part..<min(part + 1_000, page.count)])))")
                    .rows(ModelRow.self) { rows[row.id] = row }
            }
            return (try await reachableOrigins(scope, page.compactMap { rows[$0] }), ids.count)
        }
        struct Count: Decodable { var n: Int }
        // The count needs neither names nor order.
        let counted = SQLQueryString("SELECT COUNT(*) AS n FROM model_years y JOIN models m ON m.id = y.\(\MY.modelID) WHERE ") + condition
        let total = try await database.plannedOnce.raw(counted).row(Count.self)?.n ?? 0
        let rows = try await database.plannedOnce.raw(Self.rowSelect + " WHERE " + condition + " ORDER BY u.name, o.name, m.name, m.id LIMIT \(literal: limit) OFFSET \(literal: offset)")
            .rows(ModelRow.self)
        return (try await reachableOrigins(scope, rows), total)
    }

    /// The rows, each keeping its origin's id only when the origin is in the caller's reach: an
    /// adoption of a model out of reach does not tell it (nor its id) to the caller.
    func reachableOrigins(_ scope: Scope, _ rows: [ModelRow]) async throws -> [ModelRow] {
        let origins = Array(Set(rows.compactMap(\.originModelID)))
        guard !origins.isEmpty else { return rows }
        struct Found: Decodable { var id: UUID }
        let reached = Set(try await sql.raw("SELECT m.id FROM models m WHERE m.id IN (\(binds: origins)) AND \(Self.inScope(scope))").rows(Found.self).map(\.id))
        return rows.map { row in
            var row = row
            if let origin = row.originModelID, !reached.contains(origin) { row.originModelID = nil }
            return row
        }
    }

    /// The models registered in reach for a year (the carry-over form's choices): every one, by name.
    func registered(_ scope: Scope, year: Int) async throws -> [ModelRow] {
        try await sql.raw(Self.rowSelect + " WHERE y.year = \(bind: year) AND \(Reach.condition(scope, unit: "y.\(\MY.unitID)", organisation: "y.\(\MY.organisationID)")) AND m.\(\MR.stoppedOn) IS NULL ORDER BY o.name, m.name LIMIT 2000")
            .rows(ModelRow.self)
    }

    // MARK: Flags

    /// The flags of the models of a subtree's year, by model id. Near duplicates are looked
    /// for among the models of the same year registered in the same unit.
    func flags(_ scope: Scope, unitID: UUID, year: Int, only: [UUID]? = nil, today: CivilDate = .today(now: Date())) async throws -> [UUID: [ModelFlagHit]] {
        struct Fact: Decodable {
            var id: UUID; var unitID: UUID; var name: String; var situation: String; var method: String
            var evaluationOn: String?; var stoppedOn: String?; var updatedAt: Date
        }
        let units: SQLQueryString = only.map { "m.id IN (\(binds: $0))" } ?? Self.yearCondition(scope, unitID: unitID, year: year)
        // With `only`, the comparison set is the year's models of those models' units.
        let set: SQLQueryString = only == nil ? units : """
            y.year = \(bind: year) AND y.\(\MY.unitID) IN (SELECT m.\(\MR.unitID) FROM models m WHERE \(units)) AND \(Reach.condition(scope, unit: "y.\(\MY.unitID)", organisation: "y.\(\MY.organisationID)"))
            """
        let facts = try await sql.raw("""
            SELECT m.id, m.\(\MR.unitID), m.name, m.situation, m.method, m.\(\MR.evaluationOn), m.\(\MR.stoppedOn), m.\(\MR.updatedAt)
            FROM model_years y JOIN models m ON m.id = y.\(\MY.modelID) WHERE \(set)
            """).rows(Fact.self)
        guard !facts.isEmpty else { return [:] }
        let ids = facts.map(\.id)
        struct Goal: Decodable { var modelID: UUID; var description: String; var indicator: String; var target: Double }
        struct Result: Decodable { var modelID: UUID; var reportedOn: String; var createdAt: Date }
        var goals: [UUID: [Goal]] = [:], results: [UUID: [Result]] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 5_000) {
            let part = Array(ids[chunk..<min(chunk + 5_000, ids.count)])
            for goal in try await sql.raw("""
                SELECT g.\(\ModelGoalRecord.modelID), g.description, g.indicator, g.target FROM model_goals g WHERE g.\(\ModelGoalRecord.modelID) IN (\(binds: part)) ORDER BY g.position
                """).rows(Goal.self) { goals[goal.modelID, default: []].append(goal) }
            for result in try await sql.raw("""
                SELECT r.\(\ModelResultRecord.modelID), r.\(\ModelResultRecord.reportedOn), r.\(\ModelResultRecord.createdAt) FROM model_results r WHERE r.\(\ModelResultRecord.modelID) IN (\(binds: part))
                """).rows(Result.self) { results[result.modelID, default: []].append(result) }
        }
        var hits: [UUID: [ModelFlagHit]] = [:]
        for (_, group) in Dictionary(grouping: facts, by: \.unitID) {
            let models = group.map { fact in
                let own = results[fact.id] ?? []
                let updated = ([fact.updatedAt] + own.map(\.createdAt)).max()!
                return ModelFacts(id: fact.id.uuidString, goals: (goals[fact.id] ?? []).map { (indicator: $0.indicator, target: $0.target) },
                                  evaluationOn: fact.evaluationOn.flatMap(CivilDate.init(iso:)), resultDays: own.compactMap { CivilDate(iso: $0.reportedOn) },
                                  lastUpdate: CivilDate.today(now: updated), stopped: fact.stoppedOn != nil,
                                  text: VietnameseText.folded(([fact.name, fact.situation, fact.method] + (goals[fact.id] ?? []).flatMap { [$0.description, $0.indicator] })
                                      .joined(separator: " ")))
            }
            for (id, found) in ModelFlags.flags(models, today: today, settings: settings) where !found.isEmpty {
                if let uuid = UUID(uuidString: id), only?.contains(uuid) ?? true { hits[uuid] = found }
            }
        }
        return hits
    }

    // MARK: One model

    func detail(_ scope: Scope, id: UUID, today: CivilDate = .today(now: Date())) async throws -> ModelDetail {
        let model = try await record(scope, id: id)
        struct Names: Decodable { var unitName: String; var organisationName: String }
        let names = try await sql.raw("""
            SELECT u.name AS unit_name, o.name AS organisation_name FROM organisation_units u, organisations o WHERE u.id = \(bind: model.unitID) AND o.id = \(bind: model.organisationID)
            """).row(Names.self)!
        /// The rows of a model's table, in order (every such table has the model's id in `model_id`).
        func all<Row: Decodable>(_ type: Row.Type, _ table: String, order: [PartialKeyPath<Row>]) async throws -> [Row] {
            let columns = order.map { "t." + ColumnName.of(property: $0) }.joined(separator: ", ")
            return try await sql.raw("""
                SELECT \(unsafeRaw: RowColumns.select(type, from: "t")) FROM \(unsafeRaw: table) t WHERE t.\(\ModelGoalRecord.modelID) = \(bind: id) ORDER BY \(unsafeRaw: columns)
                """).rows(type)
        }
        struct Partner: Decodable { var name: String; var role: String }
        let partners = try await sql.raw("""
            SELECT o.name, p.role FROM model_partners p JOIN organisations o ON o.id = p.\(\ModelPartnerRecord.organisationID) WHERE p.\(\ModelPartnerRecord.modelID) = \(bind: id) ORDER BY p.role, o.name
            """).rows(Partner.self)
        let years = try await all(MY.self, "model_years", order: [\.year])
        let origin: ModelRow? = if let originID = model.originModelID {
            try await sql.raw(Self.rowSelect + " WHERE m.id = \(bind: originID) AND \(Self.inScope(scope)) ORDER BY y.year DESC LIMIT 1").row(ModelRow.self)
        } else { nil }
        let adopters = try await sql.raw(Self.rowSelect + """
             WHERE m.\(\MR.originModelID) = \(bind: id) AND \(Self.inScope(scope))
            AND y.year = (SELECT MAX(y2.year) FROM model_years y2 WHERE y2.\(\MY.modelID) = m.id) ORDER BY u.name, o.name
            """).rows(ModelRow.self)
        let flags = try await self.flags(scope, unitID: model.unitID, year: years.last?.year ?? today.year, only: [id], today: today)[id] ?? []
        var flagNames: [String: String] = [:]
        let others = flags.compactMap { $0.other.flatMap(UUID.init(uuidString:)) }
        if !others.isEmpty {
            struct Name: Decodable { var id: UUID; var name: String }
            for row in try await sql.raw("SELECT m.id, m.name FROM models m WHERE m.id IN (\(binds: others))").rows(Name.self) { flagNames[row.id.uuidString] = row.name }
        }
        return ModelDetail(
            model: model, unitName: names.unitName, organisationName: names.organisationName,
            goals: try await all(ModelGoalRecord.self, "model_goals", order: [\.position]), partners: partners.map { ($0.name, $0.role) }, years: years,
            results: try await all(ModelResultRecord.self, "model_results", order: [\.reportedOn, \.createdAt]),
            evidence: try await sql.raw("""
                SELECT e.id, e.\(\ModelEvidenceRecord.resultID), e.filename, e.size FROM model_evidence e WHERE e.\(\ModelEvidenceRecord.modelID) = \(bind: id) ORDER BY e.filename
                """).rows(ModelEvidenceRow.self),
            evaluations: try await all(ModelEvaluationRecord.self, "model_evaluations", order: [\.evaluatedOn]),
            commendations: try await all(ModelCommendationRecord.self, "model_commendations", order: [\.decidedOn]),
            origin: origin, adopters: adopters, flags: flags, flagNames: flagNames)
    }

    /// An evidence file of a model in reach, with its bytes.
    func evidence(_ scope: Scope, modelID: UUID, id: UUID) async throws -> ModelEvidenceRecord {
        _ = try await record(scope, id: modelID)
        guard let file = try await sql.raw("""
            SELECT \(unsafeRaw: RowColumns.select(ModelEvidenceRecord.self, from: "e")) FROM model_evidence e WHERE e.id = \(bind: id) AND e.\(\ModelEvidenceRecord.modelID) = \(bind: modelID)
            """).row(ModelEvidenceRecord.self) else { throw AppError.notFound }
        return file
    }

    // MARK: Figures

    /// The counts of a subtree's year (the unit in reach, or 404): by new/maintained,
    /// collective/individual, field, rating and method of the year's evaluations, level of its commendations.
    func figures(_ scope: Scope, unitID: UUID, year: Int) async throws -> ModelFigures {
        _ = try await UnitStore(database: database).unit(scope, id: unitID)
        let years = Self.yearCondition(scope, unitID: unitID, year: year)
        struct Cell: Decodable { var status: String; var kind: String; var field: String; var n: Int }
        var figures = ModelFigures()
        for cell in try await database.plannedOnce.raw("SELECT y.status, y.kind, y.field, COUNT(*) AS n FROM model_years y WHERE \(years) GROUP BY y.status, y.kind, y.field").rows(Cell.self) {
            figures.total += cell.n
            figures.byStatus[cell.status, default: 0] += cell.n
            figures.byKind[cell.kind, default: 0] += cell.n
            figures.byField[cell.field, default: 0] += cell.n
        }
        // One statement for the rest: a model counts once under each rating (method, level) it had
        // in the year; the visited organisations are those of the models a survey team rated.
        struct Pair: Decodable { var what: String; var key: String; var n: Int }
        let model = ColumnName.of(\ModelGoalRecord.modelID)
        let ofYear: SQLQueryString = "t.year = \(bind: year) AND t.\(unsafeRaw: model) IN (SELECT y.\(\MY.modelID) FROM model_years y WHERE \(years))"
        func part<Row>(_ key: KeyPath<Row, String>, _ table: String) -> SQLQueryString {
            let column = ColumnName.of(key)
            return """
                SELECT \(literal: column) AS what, t.\(unsafeRaw: column) AS key, COUNT(DISTINCT t.\(unsafeRaw: model)) AS n FROM \(unsafeRaw: table) t
                WHERE \(ofYear) GROUP BY t.\(unsafeRaw: column)
                """
        }
        let pairs = try await database.plannedOnce.raw(
            part(\ModelEvaluationRecord.rating, "model_evaluations") + " UNION ALL " + part(\ModelEvaluationRecord.method, "model_evaluations")
            + " UNION ALL " + part(\ModelCommendationRecord.level, "model_commendations") + " UNION ALL " + """
                SELECT 'visited' AS what, '' AS key, COUNT(DISTINCT y.\(\MY.organisationID)) AS n FROM model_years y WHERE \(years) AND \(Self.teamRated(year: year))
                """).rows(Pair.self)
        func counts(_ what: String) -> [String: Int] { Dictionary(pairs.filter { $0.what == what }.map { ($0.key, $0.n) }, uniquingKeysWith: +) }
        figures.byRating = counts(ColumnName.of(\ModelEvaluationRecord.rating))
        figures.byMethod = counts(ColumnName.of(\ModelEvaluationRecord.method))
        figures.byLevel = counts(ColumnName.of(\ModelCommendationRecord.level))
        figures.visited = counts("visited")[""] ?? 0
        return figures
    }

    /// The year row `y`'s model was rated by a survey team that year: its organisation is one the teams visited.
    /// One look-up by the evaluations' model index a row (not the whole country's team evaluations of the year).
    static func teamRated(year: Int) -> SQLQueryString {
        """
        EXISTS (SELECT 1 FROM model_evaluations e WHERE e.\(\ModelEvaluationRecord.modelID) = y.\(\MY.modelID) AND e.year = \(bind: year) \
        AND e.method = \(bind: ModelEvaluationMethod.team.rawValue))
        """
    }

    /// The organisations under a unit (history included) in force during a year, each with the
    /// number of models it registered for that year: coverage (seed 001: 42 of 65 registered).
    /// An organisation that registered for the year counts though it was no longer in force (a
    /// legacy district's model carried past the 2025 merge keeps its organisation), so coverage
    /// counts the same year rows as the statistics.
    func coverage(_ scope: Scope, unitID: UUID, year: Int) async throws -> [CoverageRow] {
        _ = try await UnitStore(database: database).unit(scope, id: unitID)
        let first = "\(year)-01-01", last = "\(year)-12-31"
        return try await database.plannedOnce.raw("""
            SELECT o.id, o.name, o.kind, k.name AS kind_name, u.name AS unit_name, COALESCE(c.n, 0) AS models, COALESCE(c.visited, 0) AS visited
            FROM organisations o JOIN organisation_kinds k ON k.key = o.kind JOIN organisation_units u ON u.id = o.\(\Organisation.$unitID)
            LEFT JOIN (SELECT y.\(\MY.organisationID) AS organisation_id, COUNT(*) AS n,
                              SUM(CASE WHEN \(Self.teamRated(year: year)) THEN 1 ELSE 0 END) AS visited
                       FROM model_years y WHERE \(Self.yearCondition(scope, unitID: unitID, year: year))
                       GROUP BY y.\(\MY.organisationID)) c ON c.organisation_id = o.id
            WHERE \(Self.within(scope, unit: "o.\(\Organisation.$unitID)", organisation: "o.id", unitID: unitID))
            AND (c.n IS NOT NULL OR ((o.\(\Organisation.$validFrom) IS NULL OR o.\(\Organisation.$validFrom) <= \(bind: last))
                                     AND (o.\(\Organisation.$validTo) IS NULL OR o.\(\Organisation.$validTo) >= \(bind: first))))
            ORDER BY k.\(\OrganisationKind.$sortOrder), u.name, o.name
            """).rows(CoverageRow.self)
    }

    /// The commended models of the whole country (the public page): name, organisation, level,
    /// form and decision, what a commendation makes public; never a person's name.
    func commended(limit: Int = 200) async throws -> [(model: ModelRow, commendation: ModelCommendationRecord)] {
        struct Row: Decodable { var id: UUID; var commendationID: UUID }
        let rows = try await sql.raw("""
            SELECT m.id, c.id AS commendation_id FROM model_commendations c JOIN models m ON m.id = c.\(\ModelCommendationRecord.modelID)
            ORDER BY c.\(\ModelCommendationRecord.decidedOn) DESC, m.name LIMIT \(literal: limit)
            """).rows(Row.self)
        guard !rows.isEmpty else { return [] }
        let models = try await sql.raw(Self.rowSelect + " WHERE m.id IN (\(binds: rows.map(\.id))) AND y.year = (SELECT MAX(y2.year) FROM model_years y2 WHERE y2.\(\MY.modelID) = m.id)")
            .rows(ModelRow.self)
        let commendations = try await sql.raw("SELECT \(unsafeRaw: RowColumns.select(ModelCommendationRecord.self, from: "c")) FROM model_commendations c WHERE c.id IN (\(binds: rows.map(\.commendationID)))")
            .rows(ModelCommendationRecord.self)
        return rows.compactMap { row in
            guard var model = models.first(where: { $0.id == row.id }), let commendation = commendations.first(where: { $0.id == row.commendationID }) else { return nil }
            model.personName = nil
            return (model, commendation)
        }
    }
}
