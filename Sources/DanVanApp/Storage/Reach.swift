import Foundation
import SQLKit

/// The one scope condition: "this row lies in the caller's reach" (phạm vi), for both
/// scope modes. Every store builds its reach with these functions; no store writes
/// `unit_paths` (the closure of the tree and of the 2025 predecessor → successor links).
///
/// - A subtree scope reaches every unit below the scope's unit, its history included.
/// - An organisation-only scope reaches the records of its own organisation, or, for
///   rows that have no organisation (units), its own unit.
enum Reach {
    /// How the subtree test is written. Both mean the same; the planners differ:
    /// `list` (`IN`, one set for the whole query) suits queries that read many rows,
    /// `probe` (`EXISTS`, one index look-up per row) suits one row or a few.
    enum Shape: Sendable { case list, probe }

    /// The rows whose `unit` column lies in the caller's reach; for an organisation-only
    /// scope, the rows whose `organisation` column is the caller's organisation (or, when
    /// the row has none, whose unit is the caller's unit).
    static func condition(_ scope: Scope, unit: SQLQueryString, organisation: SQLQueryString?, shape: Shape = .list) -> SQLQueryString {
        switch scope.mode {
        case .subtree:
            switch shape {
            case .list: "\(unit) IN (SELECT sp.\(\UnitPath.descendantID) FROM unit_paths sp WHERE sp.\(\UnitPath.ancestorID) = \(bind: scope.unitID))"
            case .probe: "EXISTS (SELECT 1 FROM unit_paths sp WHERE sp.\(\UnitPath.ancestorID) = \(bind: scope.unitID) AND sp.\(\UnitPath.descendantID) = \(unit))"
            }
        case .organisation:
            if let organisation { "\(organisation) = \(bind: scope.organisationID)" } else { "\(unit) = \(bind: scope.unitID)" }
        }
    }

    /// The caller's reach and the subtree of a unit together, as one list of units that
    /// starts from the (small) subtree: the same rows as `condition AND subtree`, without
    /// walking the whole reach of a national scope for each query.
    static func condition(_ scope: Scope, unit: SQLQueryString, organisation: SQLQueryString?, within unitID: UUID) -> SQLQueryString {
        switch scope.mode {
        case .subtree:
            """
            \(unit) IN (SELECT sp2.\(\UnitPath.descendantID) FROM unit_paths sp2 WHERE sp2.\(\UnitPath.ancestorID) = \(bind: unitID) \
            AND EXISTS (SELECT 1 FROM unit_paths sp WHERE sp.\(\UnitPath.ancestorID) = \(bind: scope.unitID) AND sp.\(\UnitPath.descendantID) = sp2.\(\UnitPath.descendantID)))
            """
        case .organisation: condition(scope, unit: unit, organisation: organisation) + " AND " + subtree(unit, of: unitID)
        }
    }

    /// The rows of `unit` (a column) below `root` that lie in the caller's reach, for queries
    /// that already walk the subtree of `root`: a subtree scope reaches the whole subtree when
    /// it reaches its root (the paths are a closure), so this is one look-up, not one per row.
    static func condition(_ scope: Scope, unit: SQLQueryString, root: UUID) -> SQLQueryString {
        switch scope.mode {
        case .subtree: "EXISTS (SELECT 1 FROM unit_paths sp WHERE sp.\(\UnitPath.ancestorID) = \(bind: scope.unitID) AND sp.\(\UnitPath.descendantID) = \(bind: root))"
        case .organisation: "\(unit) = \(bind: scope.unitID)"
        }
    }

    /// Which paths below a unit a report follows.
    enum Paths: Sendable {
        /// The current tree and the history that flows into it (reports over a 2025 unit include its predecessors).
        case all
        /// The tree alone.
        case tree
        /// The history alone: the earlier units whose records flow into this one.
        case history
    }

    /// `column` lies below a unit (the unit itself included): what a report or list over
    /// that unit covers. The caller's reach is checked apart. `probe` for a few rows: the
    /// list of a nation's subtree (14.000 units) costs SQLite milliseconds to build.
    static func subtree(_ column: SQLQueryString, of unitID: UUID, paths: Paths = .all, shape: Shape = .list) -> SQLQueryString {
        var query: SQLQueryString = switch shape {
        case .list: "\(column) IN (SELECT sp2.\(\UnitPath.descendantID) FROM unit_paths sp2 WHERE sp2.\(\UnitPath.ancestorID) = \(bind: unitID)"
        case .probe: "EXISTS (SELECT 1 FROM unit_paths sp2 WHERE sp2.\(\UnitPath.ancestorID) = \(bind: unitID) AND sp2.\(\UnitPath.descendantID) = \(column)"
        }
        switch paths {
        case .all: break
        case .tree: query += " AND sp2.\(\UnitPath.viaHistory) = \(bind: false)"
        case .history: query += " AND sp2.\(\UnitPath.viaHistory) = \(bind: true)"
        }
        return query + ")"
    }

    /// Joins each row to those of `units` whose subtree holds its `column` (history included), one
    /// row for each: what comparing the units below a unit groups by, as `container(alias)`.
    static func join(under units: [UUID], column: SQLQueryString, as alias: String) -> SQLQueryString {
        " JOIN unit_paths \(ident: alias) ON \(ident: alias).\(\UnitPath.descendantID) = \(column) AND \(ident: alias).\(\UnitPath.ancestorID) IN (\(binds: units))"
    }

    /// The unit a row of `join(under:)` lies under.
    static func container(_ alias: String) -> SQLQueryString {
        "\(ident: alias).\(\UnitPath.ancestorID)"
    }

    /// `column` lies strictly below the caller's unit (a leader above the handling organisation).
    static func below(_ scope: Scope, unit column: SQLQueryString) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM unit_paths sp WHERE sp.\(\UnitPath.ancestorID) = \(bind: scope.unitID) AND sp.\(\UnitPath.descendantID) = \(column) AND sp.depth > 0)"
    }
}
