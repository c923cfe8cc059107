import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// The legal calendar and the rule tables: year settings, overrides, deadline
/// rules and reception-duty rules, each row with who set it.
struct CreateCalendarAndRules: AsyncMigration {
    func prepare(on database: any Database) async throws {
        /// Per-year choices (the five Tết days, the day beside 2/9) made by an administrator.
        try await database.schema("calendar_years")
            .field("year", .int, .identifier(auto: false))
            .field("tet_days", .string)
            .field("national_day_adjacent", .string)
            .field("set_by", .string, .required)
            .field("set_at", .datetime, .required)
            .create()
        /// Extra days off and swapped working days, one row a date.
        try await database.schema("calendar_overrides")
            .id()
            .field("date", .string, .required)
            .field("kind", .string, .required)
            .field("note", .string, .required)
            .field("set_by", .string, .required)
            .field("set_at", .datetime, .required)
            .unique(on: "date")
            .create()
        try await database.schema("deadline_rules")
            .id()
            .field("key", .string, .required)
            .field("step", .string, .required)
            .field("count", .string, .required)
            .field("limits", .string, .required)
            .field("source", .string, .required)
            .field("effective_from", .string, .required)
            .field("set_by", .string, .required)
            .unique(on: "key", "effective_from")
            .create()
        try await database.schema("reception_duty_rules")
            .id()
            .field("holder", .string, .required)
            .field("level", .int, .required)
            .field("days", .int, .required)
            .field("per", .string, .required)
            .field("source", .string, .required)
            .field("effective_from", .string, .required)
            .field("set_by", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        // The columns as this migration made them (a later one renamed set_by): written out, not
        // taken from today's row types, so a fresh database migrates the same way forever.
        for rule in DeadlineRules.defaults {
            let row = DeadlineRuleRow(rule, createdBy: "hệ thống")
            try await sql.insert(into: "deadline_rules").columns("id", "key", "step", "count", "limits", "source", "effective_from", "set_by")
                .values(SQLBind(row.id), SQLBind(row.key), SQLBind(row.step), SQLBind(row.count), SQLBind(row.limits), SQLBind(row.source),
                        SQLBind(row.effectiveFrom), SQLBind(row.createdBy)).run()
        }
        for rule in ReceptionDutyRules.defaults {
            let row = DutyRuleRow(rule, createdBy: "hệ thống")
            try await sql.insert(into: "reception_duty_rules").columns("id", "holder", "level", "days", "per", "source", "effective_from", "set_by")
                .values(SQLBind(row.id), SQLBind(row.holder), SQLBind(row.level), SQLBind(row.days), SQLBind(row.per), SQLBind(row.source),
                        SQLBind(row.effectiveFrom), SQLBind(row.createdBy)).run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["reception_duty_rules", "deadline_rules", "calendar_overrides", "calendar_years"] {
            try await database.schema(table).delete()
        }
    }
}
