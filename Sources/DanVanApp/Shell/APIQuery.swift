import DanVanDomain
import Foundation
import Hummingbird

/// The query of an API operation, held to what `/api/openapi.json` declares: a parameter
/// that is present must be valid, or the answer is 400 naming it. (The pages forgive and
/// ignore a bad filter; a program is told.) The contract pass checks the two agree.
struct APIQuery: Sendable {
    let form: FormData

    init(_ request: Request) { form = FormData.query(of: request) }

    subscript(_ name: String) -> String { form[name] }

    /// Present in the query, even empty (`unit=`).
    func has(_ name: String) -> Bool { form.raw(name) != nil }

    /// The value as sent, before the white space is tidied: what is checked.
    private func sent(_ name: String) -> String { form.raw(name) ?? "" }

    /// One of these values, when present.
    func check(_ name: String, in allowed: some Sequence<String>) throws {
        if has(name), !allowed.contains(sent(name)) { throw Self.bad(name) }
    }

    /// A UUID, when present.
    func checkUUID(_ name: String) throws {
        if has(name), UUID(uuidString: sent(name)) == nil { throw Self.bad(name) }
    }

    /// A date `YYYY-MM-DD`, when present.
    func checkDate(_ name: String) throws {
        if has(name), CivilDate(iso: sent(name)) == nil { throw AppError(.badRequest, code: "bad_date", messageKey: "error_bad_date") }
    }

    /// A whole number in the range, when present.
    func checkInteger(_ name: String, _ range: ClosedRange<Int>) throws {
        if has(name), !(Int(sent(name)).map(range.contains) ?? false) { throw Self.bad(name) }
    }

    /// A search text (`q`): present and empty is "type something", as on the pages; too long
    /// or with control characters is a bad parameter.
    func checkSearch(_ name: String = "q") throws {
        if has(name), sent(name).isEmpty { throw AppError(.badRequest, code: "query_empty", messageKey: "error_query_empty") }
        try checkText(name, minLength: 1, maxLength: InputLimits.searchMaxLength)
    }

    /// Text of `minLength`…`maxLength` characters (Unicode scalars, as JSON Schema counts
    /// them) without control characters, when present.
    func checkText(_ name: String, minLength: Int = 0, maxLength: Int) throws {
        guard has(name) else { return }
        let scalars = sent(name).unicodeScalars
        if scalars.count < minLength || scalars.count > maxLength || scalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw Self.bad(name)
        }
    }

    static func bad(_ name: String) -> AppError {
        AppError(.badRequest, code: "bad_parameter", messageKey: "error_bad_parameter", arguments: [name])
    }
}
