import DanVanDomain
import Foundation

/// The work lists of letters (danh sách đơn) and the lists behind a statistics figure.
enum LetterList: String, Sendable, CaseIterable {
    /// Received, waiting to be processed or accepted.
    case intake
    /// Open cases due within some working days.
    case due
    case overdue
    /// Open cases per handling officer.
    case officer
    case all
}

/// The query string of the letters page and API, read into a ``LetterQuery``.
/// Unknown values are ignored rather than refused: a list is always shown.
struct LetterListQuery: Sendable {
    static let pageSize = 50
    static let defaultDueDays = 3

    var list: LetterList
    var query: LetterQuery
    var dueDays: Int
    var figures: ([LetterFigure], ReportPeriod, String)?
    /// The typed filter values, kept in the form.
    var values: [String: String]

    /// Reads the parameters; `dueBy` needs the working calendar.
    init(_ form: FormData, today: CivilDate, calendar: WorkingCalendar) {
        values = Dictionary(uniqueKeysWithValues: ["list", "kind", "status", "unit", "organisation", "q", "sort", "days", "handler", "figure", "period", "open"]
            .map { ($0, form[$0]) })
        var query = LetterQuery()
        query.limit = Self.pageSize
        query.offset = Pager.offset(form["offset"])
        query.unitID = UUID(uuidString: form["unit"])
        query.organisationID = UUID(uuidString: form["organisation"])
        query.handlerID = UUID(uuidString: form["handler"])
        query.unassigned = form["handler"] == "none"
        query.kinds = LetterKind(rawValue: form["kind"]).map { [$0] } ?? []
        query.statuses = LetterStatus(rawValue: form["status"]).map { [$0] } ?? (form["open"] == "1" ? LetterStatus.open : [])
        query.sort = LetterSort(rawValue: form["sort"]) ?? .dueOn
        let search = String(form["q"].prefix(200))
        query.search = search.isEmpty ? nil : search
        dueDays = min(max(Int(form["days"]) ?? Self.defaultDueDays, 0), 365)
        if let figures = LetterFigure.list(form["figure"]), let period = ReportPeriod.parse(form["period"]) {
            query.figures = (figures, period)
            self.figures = (figures, period, form["period"])
        }
        list = LetterList(rawValue: form["list"]) ?? (query.figures == nil && query.handlerID == nil ? .intake : .all)
        switch list {
        case .intake: if query.statuses.isEmpty { query.statuses = [.received] }
        case .due:
            query.dueBy = calendar.adding(workingDays: dueDays, to: today)
            query.dueFrom = today
        case .overdue: query.overdueOn = today
        case .officer, .all: break
        }
        self.query = query
    }

    /// The same query string with another offset (paging links).
    func href(offset: Int) -> String {
        var items = values.filter { !$0.value.isEmpty }.map { ($0.key, $0.value) }
        items.append(("offset", String(offset)))
        return SiteURL.letterFilters(query: items.sorted { $0.0 < $1.0 }.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")).path
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

/// Labels and dates of letters as the pages show them.
struct LetterText: Sendable {
    let catalogue: StringCatalogue
    let language: Language

    func text(_ key: String, _ arguments: [String] = []) -> String { catalogue.text(key, language, arguments) }
    /// `kind_complaint`, `status_received` …
    func label(_ prefix: String, _ raw: String?) -> String {
        guard let raw, !raw.isEmpty else { return "" }
        return text(prefix + "_" + raw)
    }
    /// dd/MM/yyyy, or empty.
    static func date(_ iso: String?) -> String {
        guard let iso, let date = CivilDate(iso: iso) else { return "" }
        return Self.date(date)
    }
    static func date(_ date: CivilDate) -> String {
        VietnameseFormat.date(date)
    }
}

/// How close a due date is: the warning class of the lists and the case page.
enum DueState: String, Sendable {
    case none = "", soon = "due-soon", overdue = "overdue"

    /// Overdue before today; due soon within `soonDays` working days.
    static func of(_ due: String?, today: CivilDate, calendar: WorkingCalendar, soonDays: Int = 3) -> DueState {
        guard let due, let date = CivilDate(iso: due) else { return .none }
        if date < today { return .overdue }
        return date <= calendar.adding(workingDays: soonDays, to: today) ? .soon : .none
    }
}
