import DanVanDomain
import Foundation

/// A row of `indicators` (chỉ tiêu): what is counted, in what unit, how it adds up, and
/// whether it is typed in (`entered`), computed from a module's records (`records`, by its
/// `computation`) or from other indicators (`indicators`: a ratio of two of them).
struct IndicatorRecord: Sendable, Codable {
    var id: UUID
    /// Stable code used by forms, files and the API ("TUYEN_TRUYEN_BUOI").
    var code: String
    var name: String
    /// The unit it is counted in (người, buổi, đồng, %).
    var unit: String
    var fractionDigits: Int
    var allowsNegative: Bool
    /// `sum`, `ratio` or `latest` (``IndicatorAggregation``).
    var aggregation: String
    /// A ratio's two sums and its factor (100 for a percentage).
    var numeratorCode: String?
    var denominatorCode: String?
    var factor: Double?
    /// `entered`, `records` or `indicators` (``Indicator/Source``).
    var source: String
    /// For `records`: the key of its definition against a module's records (``ComputedIndicator``).
    var computation: String?
    var sortOrder: Int
    var createdAt: Date
    var updatedAt: Date
}

/// A row of `report_forms` (biểu mẫu báo cáo): the form's identity; what it asks is in its versions.
struct ReportFormRecord: Sendable, Codable {
    var id: UUID
    var code: String
    var name: String
    var createdAt: Date
    var updatedAt: Date
}

/// A row of `report_form_versions`: what a form asks from `validFrom` (yyyy-mm-dd) until the next
/// version's day — who reports (organisation kinds at unit levels), how often, when entry opens and
/// closes, who receives and approves, and the validation rules between its indicators.
struct ReportFormVersionRecord: Sendable, Codable {
    var id: UUID
    var formID: UUID
    var validFrom: String
    /// ``ReportingFrequency`` raw value.
    var frequency: String
    /// ``CutOff``: the day a month closes on (14), and for a year its month (12 → 14 December).
    var cutOffDay: Int
    var cutOffMonth: Int?
    /// ``EntryWindow``: days after the cut-off that entry opens and closes.
    var opensAfter: Int
    var closesAfter: Int
    /// Comma-separated organisation kinds (`organisation_kinds.key`) that report.
    var organisationKinds: String
    /// Comma-separated unit levels whose organisations of those kinds report.
    var levels: String
    /// Comma-separated kinds that receive and approve (the nearest one above the reporter).
    var approverKinds: String
    /// One ``ValidationRule`` per line ("DA_GIAI_QUYET <= TIEP_NHAN").
    var validationRules: String
    var createdBy: String
    var createdAt: Date
}

/// A row of `report_form_items`: an indicator on a form version, in a section, in order.
struct ReportFormItemRecord: Sendable, Codable {
    var id: UUID
    var versionID: UUID
    /// The section's heading ("I. Công tác tuyên truyền").
    var section: String
    var position: Int
    var indicatorID: UUID
    var required: Bool
}

/// A row of `data_values` (giá trị): one entered indicator of one organisation for one period.
/// `firstMonth`/`lastMonth` count months as year × 12 + month − 1, so any period's values are a range.
struct DataValueRecord: Sendable, Codable {
    var id: UUID
    var indicatorID: UUID
    var organisationID: UUID
    /// The organisation's unit (what reach and consolidation go by).
    var unitID: UUID
    /// ``ReportingPeriod/key`` ("2026-11", "2026Q3", "2026").
    var periodKey: String
    var firstMonth: Int
    var lastMonth: Int
    /// nil: cleared (a comment may stay).
    var value: Double?
    var comment: String?
    var updatedBy: String
    var updatedAt: Date
}

/// A row of `data_value_changes`: the changelog of a value — what it was, what it became, who, when.
struct DataValueChangeRecord: Sendable, Codable {
    var id: UUID
    var indicatorID: UUID
    var organisationID: UUID
    var unitID: UUID
    var periodKey: String
    var previousValue: Double?
    var value: Double?
    var previousComment: String?
    var comment: String?
    var createdBy: String
    var createdAt: Date
}

/// A row of `reports` (báo cáo): an organisation's report of a form for a period and its
/// ``ReportState``; no row is a draft nobody has touched.
struct ReportRecord: Sendable, Codable {
    var id: UUID
    var formID: UUID
    var organisationID: UUID
    var unitID: UUID
    var periodKey: String
    /// ``ReportState`` raw value.
    var state: String
    /// The day it was last submitted (on time or late is judged from it).
    var submittedOn: String?
    /// Why it was last returned, while it is returned.
    var returnReason: String?
    var updatedBy: String
    var updatedAt: Date
}

/// A row of `report_actions`: submit, approve, return or unlock, with the reason, who and when.
struct ReportActionRecord: Sendable, Codable {
    var id: UUID
    var reportID: UUID
    /// `submit`, `approve`, `return`, `unlock`.
    var action: String
    var reason: String?
    var createdBy: String
    var createdAt: Date
}

extension ReportingPeriod {
    /// The month count of `data_values.first_month` and `last_month`: year × 12 + month − 1.
    var firstMonthNumber: Int { year * 12 + firstMonth - 1 }
    var lastMonthNumber: Int { year * 12 + lastMonth - 1 }
}
