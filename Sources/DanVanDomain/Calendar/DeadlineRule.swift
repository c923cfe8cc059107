import Foundation

/// How a deadline's days are counted.
public enum DayCount: String, Sendable, Codable {
    /// Ngày làm việc: weekends, public holidays and days off are skipped.
    case workingDays = "working_days"
    /// Ngày (calendar days); a limit ending on a day off moves to the next working day.
    case calendarDays = "calendar_days"
}

/// Which limit of a rule applies to a case.
public enum DeadlineVariant: String, Sendable, Codable, CaseIterable, CodingKeyRepresentable {
    case standard
    /// Vụ việc phức tạp.
    case complex
    /// Vụ việc đặc biệt phức tạp.
    case especiallyComplex = "especially_complex"
    /// Vùng sâu, vùng xa đi lại khó khăn (remote areas).
    case remote
    /// Remote and complex.
    case remoteComplex = "remote_complex"
}

/// A base number of days and the extensions (gia hạn) allowed on top of it.
public struct DeadlineLimit: Hashable, Sendable, Codable {
    /// The base limit.
    public let days: Int
    /// How many extensions may be granted.
    public let extensions: Int
    /// The most days each extension may add.
    public let extensionDays: Int

    public init(days: Int, extensions: Int = 0, extensionDays: Int = 0) {
        self.days = days
        self.extensions = extensions
        self.extensionDays = extensionDays
    }

    /// The longest the limit can become: base plus every extension at its maximum.
    public var maximumDays: Int { days + extensions * extensionDays }
}

/// One legal time limit as data, with its source and the date from which it applies.
/// A later rule with the same key supersedes an earlier one from its `effectiveFrom`
/// (see `DeadlineRuleBook`).
public struct DeadlineRule: Hashable, Sendable, Codable {
    /// `"letter_process"`, `"reception_inform"`, `"complaint_accept"`,
    /// `"complaint_first_resolve"`, `"complaint_second_resolve"`, `"denunciation_register"`,
    /// `"denunciation_register_multi"`, `"denunciation_forward"`, `"denunciation_notify"`,
    /// `"denunciation_resolve"`, `"petition_forward"`.
    public let key: String
    /// The step of a case's life cycle the limit applies to: `"process"`, `"inform"`,
    /// `"accept"`, `"resolve"`, `"register"`, `"forward"`, `"notify"`.
    public let step: String
    public let count: DayCount
    /// Always contains `.standard`.
    public let limits: [DeadlineVariant: DeadlineLimit]
    /// The legal source, in Vietnamese.
    public let source: String
    public let effectiveFrom: CivilDate

    /// `limits` must contain `.standard` (a programming error otherwise).
    public init(key: String, step: String, count: DayCount, limits: [DeadlineVariant: DeadlineLimit],
                source: String, effectiveFrom: CivilDate) {
        precondition(limits[.standard] != nil, "A deadline rule needs a standard limit")
        self.key = key
        self.step = step
        self.count = count
        self.limits = limits
        self.source = source
        self.effectiveFrom = effectiveFrom
    }

    /// The limit for `variant`; `nil` when the rule does not define that variant.
    public func limit(_ variant: DeadlineVariant) -> DeadlineLimit? {
        limits[variant]
    }

    private enum CodingKeys: String, CodingKey {
        case key, step, count, limits, source, effectiveFrom
    }

    /// Rejects a rule without a standard limit.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let limits = try container.decode([DeadlineVariant: DeadlineLimit].self, forKey: .limits)
        guard limits[.standard] != nil else {
            throw DecodingError.dataCorruptedError(
                forKey: .limits, in: container, debugDescription: "A deadline rule needs a standard limit")
        }
        self.key = try container.decode(String.self, forKey: .key)
        self.step = try container.decode(String.self, forKey: .step)
        self.count = try container.decode(DayCount.self, forKey: .count)
        self.limits = limits
        self.source = try container.decode(String.self, forKey: .source)
        self.effectiveFrom = try container.decode(CivilDate.self, forKey: .effectiveFrom)
    }
}

/// The default deadline rules (DOMAIN.md §4.1). Sources and dates in force:
/// - Luật Khiếu nại 2011 (02/2011/QH13), in force 1/7/2012: accept Điều 27, resolve first
///   time Điều 28, second time Điều 37.
/// - Luật Tố cáo 2018 (25/2018/QH14), in force 1/1/2019: register and forward Điều 24,
///   notify acceptance Điều 29, resolve Điều 30 (detailed by Nghị định 31/2019/NĐ-CP).
/// - Luật Tiếp công dân 2013 (42/2013/QH13), in force 1/7/2014: informing a citizen received
///   in person.
/// - Thông tư 05/2021/TT-TTCP (signed 1/10/2021, in force 15/11/2021): processing letters,
///   forwarding kiến nghị / phản ánh.
///
/// Luật 136/2025/QH15 amends these laws from 1/7/2026; its figures are to be entered as new
/// rules (same keys, `effectiveFrom` 2026-07-01) once checked.
public enum DeadlineRules {
    public static let defaults: [DeadlineRule] = {
        let complaintLaw = CivilDate(year: 2012, month: 7, day: 1)!
        let denunciationLaw = CivilDate(year: 2019, month: 1, day: 1)!
        let receptionLaw = CivilDate(year: 2014, month: 7, day: 1)!
        let circular05 = CivilDate(year: 2021, month: 11, day: 15)!
        func standard(_ days: Int) -> [DeadlineVariant: DeadlineLimit] {
            [.standard: DeadlineLimit(days: days)]
        }
        return [
            DeadlineRule(key: "letter_process", step: "process", count: .workingDays, limits: standard(10),
                         source: "Thông tư 05/2021/TT-TTCP (xử lý đơn: 10 ngày làm việc kể từ ngày nhận đơn)",
                         effectiveFrom: circular05),
            DeadlineRule(key: "reception_inform", step: "inform", count: .workingDays, limits: standard(10),
                         source: "Luật Tiếp công dân 2013 (trả lời, thông báo cho người được tiếp)",
                         effectiveFrom: receptionLaw),
            DeadlineRule(key: "complaint_accept", step: "accept", count: .workingDays, limits: standard(10),
                         source: "Luật Khiếu nại 2011, Điều 27 (thụ lý giải quyết khiếu nại)",
                         effectiveFrom: complaintLaw),
            DeadlineRule(key: "complaint_first_resolve", step: "resolve", count: .calendarDays,
                         limits: [
                            .standard: DeadlineLimit(days: 30),
                            .complex: DeadlineLimit(days: 30, extensions: 1, extensionDays: 15),
                            .remote: DeadlineLimit(days: 45),
                            .remoteComplex: DeadlineLimit(days: 45, extensions: 1, extensionDays: 15),
                         ],
                         source: "Luật Khiếu nại 2011, Điều 28 (giải quyết khiếu nại lần đầu)",
                         effectiveFrom: complaintLaw),
            DeadlineRule(key: "complaint_second_resolve", step: "resolve", count: .calendarDays,
                         limits: [
                            .standard: DeadlineLimit(days: 45),
                            .complex: DeadlineLimit(days: 45, extensions: 1, extensionDays: 15),
                            .remote: DeadlineLimit(days: 60),
                            .remoteComplex: DeadlineLimit(days: 60, extensions: 1, extensionDays: 10),
                         ],
                         source: "Luật Khiếu nại 2011, Điều 37 (giải quyết khiếu nại lần hai)",
                         effectiveFrom: complaintLaw),
            DeadlineRule(key: "denunciation_register", step: "register", count: .workingDays, limits: standard(7),
                         source: "Luật Tố cáo 2018, Điều 24 khoản 1 (vào sổ, phân loại, kiểm tra điều kiện thụ lý)",
                         effectiveFrom: denunciationLaw),
            DeadlineRule(key: "denunciation_register_multi", step: "register", count: .workingDays, limits: standard(10),
                         source: "Luật Tố cáo 2018, Điều 24 khoản 1 (kiểm tra, xác minh ở nhiều địa điểm)",
                         effectiveFrom: denunciationLaw),
            DeadlineRule(key: "denunciation_forward", step: "forward", count: .workingDays, limits: standard(5),
                         source: "Luật Tố cáo 2018, Điều 24 khoản 2 (chuyển tố cáo không thuộc thẩm quyền)",
                         effectiveFrom: denunciationLaw),
            DeadlineRule(key: "denunciation_notify", step: "notify", count: .workingDays, limits: standard(5),
                         source: "Luật Tố cáo 2018, Điều 29 (thông báo việc thụ lý tố cáo)",
                         effectiveFrom: denunciationLaw),
            DeadlineRule(key: "denunciation_resolve", step: "resolve", count: .calendarDays,
                         limits: [
                            .standard: DeadlineLimit(days: 30),
                            .complex: DeadlineLimit(days: 30, extensions: 1, extensionDays: 30),
                            .especiallyComplex: DeadlineLimit(days: 30, extensions: 2, extensionDays: 30),
                         ],
                         source: "Luật Tố cáo 2018, Điều 30 (thời hạn giải quyết tố cáo)",
                         effectiveFrom: denunciationLaw),
            DeadlineRule(key: "petition_forward", step: "forward", count: .workingDays, limits: standard(5),
                         source: "Thông tư 05/2021/TT-TTCP (chuyển đơn kiến nghị, phản ánh)",
                         effectiveFrom: circular05),
        ]
    }()
}

/// A set of deadline rules over time: for a key and a date, the rule in force that day.
public struct DeadlineRuleBook: Sendable {
    /// Per key, sorted by `effectiveFrom`, latest first.
    private let byKey: [String: [DeadlineRule]]

    public init(_ rules: [DeadlineRule]) {
        var byKey: [String: [DeadlineRule]] = [:]
        for rule in rules {
            byKey[rule.key, default: []].append(rule)
        }
        self.byKey = byKey.mapValues { list in
            // Stable for equal dates: the later in `rules` wins.
            list.enumerated().sorted { ($0.element.effectiveFrom, $0.offset) > ($1.element.effectiveFrom, $1.offset) }
                .map(\.element)
        }
    }

    /// The rule with that key whose `effectiveFrom` is the latest on or before `date`;
    /// `nil` if the key is unknown or no rule with it was in force yet.
    public func rule(_ key: String, on date: CivilDate) -> DeadlineRule? {
        byKey[key]?.first { $0.effectiveFrom <= date }
    }

    /// The keys of all rules in the book, sorted.
    public var keys: [String] { byKey.keys.sorted() }
}
