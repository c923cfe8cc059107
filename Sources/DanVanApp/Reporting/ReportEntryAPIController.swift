import DanVanDomain
import Foundation
import Hummingbird

/// One value of a set (DHIS2's dataValue): the indicator's code, its value, its comment.
struct DataValueBody: Codable, Sendable {
    var indicator: String
    var value: Double?
    var comment: String?
}

/// One value of a posted set: `value` absent leaves the stored value as it is (a comment alone),
/// `null` clears it; `comment` likewise.
struct DataValueInput: Decodable, Sendable {
    var indicator: String
    /// `nil`: not sent; `.some(nil)`: sent as null.
    var value: Double??
    var comment: String?

    private enum CodingKeys: String, CodingKey { case indicator, value, comment }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        indicator = try container.decode(String.self, forKey: .indicator)
        value = container.contains(.value) ? .some(try container.decodeNil(forKey: .value) ? nil : try container.decode(Double.self, forKey: .value)) : nil
        comment = try container.decodeIfPresent(String.self, forKey: .comment)
    }
}

/// An organisation's values of a form for a period, and its report's state (DHIS2's dataValueSet).
struct DataValueSetBody: Codable, Sendable {
    var form: String
    var organisation: UUID
    var period: String
    /// `draft`, `submitted`, `returned`, `approved`.
    var state: String
    var submittedOn: String?
    var returnReason: String?
    var dataValues: [DataValueBody]
}

/// A rule the values break, beside an indicator it names.
struct DataValueWarningBody: Codable, Sendable {
    var indicator: String
    var message: String
}

/// What posting a set did.
struct DataValueImportBody: Codable, Sendable {
    var changed: Int
    var state: String
    var warnings: [DataValueWarningBody]
}

/// An organisation in a completeness answer.
struct ReportingOrganisationBody: Codable, Sendable {
    var id: UUID
    var name: String
    var unitName: String
}

/// Expected, received and on time for a form, a unit's subtree and a period, and who is missing or late.
struct CompletenessBody: Codable, Sendable {
    var form: String
    var unitID: UUID
    var period: String
    var expected: Int
    var received: Int
    var onTime: Int
    var missing: [ReportingOrganisationBody]
    var late: [ReportingOrganisationBody]
}

/// Data values in and out, and completeness, in the JSON API, through the caller's scope.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /api/v1/reporting/data-values?form=&organisation=&period= | the values and the report's state |
/// | POST | /api/v1/reporting/data-values | a set saved through the one save path |
/// | GET | /api/v1/reporting/completeness?form=&unit=&period= | expected, received, on time; missing, late |
struct ReportEntryAPIController: Sendable {
    let store: ReportEntryStore
    let computedValues: ReportComputedValues

    /// What a posted set holds (the state and dates are not taken from it).
    struct DataValueSetInput: Decodable, Sendable {
        var form: String
        var organisation: UUID
        var period: String
        var dataValues: [DataValueInput]
    }

    static let periodPattern = "^[0-9]{4}(-(0[1-9]|1[0-2])|Q[1-4]|H[12]|N9)?$"

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.apiDataValues) { request, context in
            let query = APIQuery(request)
            try query.checkUUID("organisation")
            let (form, period) = try await formAndPeriod(query["form"], query["period"])
            guard let organisationID = UUID(uuidString: query["organisation"]) else { throw APIQuery.bad("organisation") }
            return JSONResponse.make(try await set(context.scope, form: form, organisationID: organisationID, period: period))
        }
        signedIn.post(SiteURL.Pattern.apiDataValues) { request, context in
            var request = request
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            guard let input = try? decoder.decode(DataValueSetInput.self, from: Data(buffer.readableBytesView)) else { throw AppError(.badRequest, code: "bad_request") }
            let (form, period) = try await formAndPeriod(input.form, input.period)
            let report = try await store.context(context.scope, organisationID: input.organisation, formID: form.id, period: period)
            var cells: [String: String] = [:], comments: [String: String] = [:]
            for value in input.dataValues {
                if let sent = value.value { cells[value.indicator] = sent.map(Self.text) ?? "" }
                if let comment = value.comment { comments[value.indicator] = comment }
            }
            let computed = try await computedValues(context.scope, report.organisation.id, period,
                                                    report.version.items.map(\.indicator).filter { $0.source == Indicator.Source.records.storedName })
            do {
                let result = try await store.save(context.scope, organisationID: input.organisation, formID: form.id, period: period,
                                                  cells: cells, comments: comments, computed: computed)
                let state = try await store.report(formID: form.id, organisationID: input.organisation, period: period)?.state ?? ReportState.draft.rawValue
                return JSONResponse.make(DataValueImportBody(
                    changed: result.changed, state: state,
                    warnings: result.warnings.keys.sorted().flatMap { code in result.warnings[code]!.map { DataValueWarningBody(indicator: code, message: $0) } }))
            } catch let refusal as ReportEntryRefusal {
                // A locked report is 409 even when a cell is also bad (nothing could be saved anyway).
                let locked = refusal.locked || refusal.cells.isEmpty
                let body = APIError.Body(error: .init(code: locked ? "locked" : "validation_failed",
                                                      message: refusal.message ?? "Có giá trị không hợp lệ; chưa lưu giá trị nào.",
                                                      fields: refusal.cells.isEmpty ? nil : refusal.cells))
                return JSONResponse.make(body, status: locked ? .conflict : .unprocessableContent)
            }
        }
        signedIn.get(SiteURL.Pattern.apiReportingCompleteness) { request, context in
            let query = APIQuery(request)
            try query.checkUUID("unit")
            let (form, period) = try await formAndPeriod(query["form"], query["period"])
            let unitID = UUID(uuidString: query["unit"]) ?? context.scope.unitID
            let result = try await store.completeness(context.scope, formID: form.id, unitID: unitID, period: period)
            let byID = Dictionary(result.reporters.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            func body(_ id: UUID) -> ReportingOrganisationBody? {
                byID[id].map { ReportingOrganisationBody(id: $0.id, name: $0.name, unitName: $0.unitName) }
            }
            return JSONResponse.make(CompletenessBody(
                form: form.code, unitID: unitID, period: period.key, expected: result.completeness.expected, received: result.completeness.received,
                onTime: result.completeness.onTime, missing: result.completeness.missing.compactMap(body), late: result.completeness.late.compactMap(body)))
        }
    }

    /// A number as typed in a cell, with every decimal it has (the cell's type then refuses what it may not hold).
    static func text(_ value: Double) -> String {
        VietnameseFormat.figure(value, fractionDigits: 6)
    }

    private func formAndPeriod(_ code: String, _ key: String) async throws -> (ReportFormRecord, ReportingPeriod) {
        guard !code.isEmpty, code.count <= 50 else { throw APIQuery.bad("form") }
        guard let period = ReportingPeriod(key: key) else { throw APIQuery.bad("period") }
        return (try await store.catalogue.form(code: code), period)
    }

    private func set(_ scope: Scope, form: ReportFormRecord, organisationID: UUID, period: ReportingPeriod) async throws -> DataValueSetBody {
        let report = try await store.context(scope, organisationID: organisationID, formID: form.id, period: period)
        let values = try await store.values(report)
        return DataValueSetBody(
            form: form.code, organisation: organisationID, period: period.key, state: report.state.rawValue,
            submittedOn: report.report?.submittedOn, returnReason: report.state == .returned ? report.report?.returnReason : nil,
            dataValues: report.version.items.compactMap { item in
                values[item.indicator.code].map { DataValueBody(indicator: item.indicator.code, value: $0.value, comment: $0.comment) }
            })
    }
}
