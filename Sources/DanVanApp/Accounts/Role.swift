/// What a user may do (DOMAIN.md §2). Every role is limited to the user's scope.
public enum Role: String, CaseIterable, Sendable, Codable {
    /// Quản trị: users, rules, calendar, hierarchy changes.
    case administrator
    /// Cán bộ Ban Dân vận (Ban Tuyên giáo và Dân vận): configures forms, approves reports.
    case danVanStaff = "dan_van_staff"
    /// Cán bộ báo cáo của đơn vị: enters the organisation's own data.
    case reportingOfficer = "reporting_officer"
    /// Cán bộ tiếp công dân: reception sessions and letters.
    case receptionOfficer = "reception_officer"
    /// Cán bộ xử lý: verifies and resolves assigned cases.
    case handlingOfficer = "handling_officer"
    /// Lãnh đạo: reads dashboards, receives citizens, signs reports.
    case leader
    /// Mặt trận Tổ quốc: reads complaint statistics and opinions for supervision.
    case frontSupervisor = "front_supervisor"

    static func encode(_ roles: [Role]) -> String {
        roles.map(\.rawValue).sorted().joined(separator: ",")
    }

    static func decode(_ text: String) -> Set<Role> {
        Set(text.split(separator: ",").compactMap { Role(rawValue: String($0)) })
    }

    /// The catalogue key of the role's name.
    var labelKey: String { "role_\(rawValue)" }
}

/// How far a user's scope reaches.
public enum ScopeMode: String, CaseIterable, Sendable, Codable {
    /// The organisation's unit and every unit below it (and the units whose history flows into them).
    case subtree
    /// Only the user's own organisation.
    case organisation
}
