@testable import DanVanDomain

/// The period a key names, for tables of keys (`"2026Q3"`).
func period(_ key: String) -> ReportingPeriod {
    ReportingPeriod(key: key)!
}

/// The day an ISO date names (`"2026-11-14"`).
func day(_ iso: String) -> CivilDate {
    CivilDate(iso: iso)!
}
