import DanVanDomain
import Foundation
import Hummingbird

/// The audit log page, filtered by user, record and date.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /audit?user=&record=&from=&to=&offset= | newest entries first, 50 a page |
struct AuditController: Sendable {
    let audit: AuditStore
    let renderer: PageRenderer

    struct Row: Sendable, Encodable {
        var at: String
        var username: String
        var action: String
        var recordType: String
        var recordID: String
        var summary: String
        var before: String
        var after: String
        var address: String
    }

    struct Page: Sendable, Encodable {
        var form: FormState
        var entries: [Row]
        var pager: Pager
    }

    /// Entries on a page.
    static let pageSize = 50

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.audit) { request, context in
            let parameters = FormData.query(of: request)
            var form = FormState(values: ["user": parameters.optional("user") ?? "", "record": parameters.optional("record") ?? "",
                                          "from": parameters.optional("from") ?? "", "to": parameters.optional("to") ?? ""])
            var query = AuditQuery()
            query.createdBy = form.values["user"]?.nilIfEmpty
            query.recordID = form.values["record"]?.nilIfEmpty
            for field in ["from", "to"] {
                guard let text = form.values[field]?.nilIfEmpty else { continue }
                guard let date = CivilDate(entered: text) else {
                    form.errors[field] = renderer.catalogue.text("error_bad_date", context.language)
                    continue
                }
                let start = Self.startOfDay(field == "to" ? date.adding(days: 1) : date)
                if field == "from" { query.from = start } else { query.to = start }
            }
            query.offset = Pager.offset(parameters["offset"])
            query.limit = Self.pageSize + 1
            let read = form.hasErrors ? [] : try await audit.entries(context.scope, query: query)
            let entries = read.prefix(Self.pageSize)
            let pager = Pager(offset: query.offset, size: Self.pageSize, shown: entries.count, more: read.count > Self.pageSize,
                              catalogue: renderer.catalogue, language: context.language) { offset in
                SiteURL.auditPage(values: form.values, offset: offset).path
            }
            let page = Page(form: form, entries: entries.map {
                Row(at: VietnameseFormat.moment($0.at), username: $0.createdBy, action: renderer.catalogue.text("audit_action_" + $0.action, context.language),
                    recordType: $0.recordType, recordID: $0.recordID, summary: $0.summary, before: $0.before, after: $0.after, address: $0.address)
            }, pager: pager)
            return renderer.render("audit/audit_index", titleKey: "audit_title", page: page, context: context,
                                   status: form.hasErrors ? .unprocessableContent : .ok)
        }
    }

    /// Midnight at the start of a day in Vietnam (UTC+7).
    static func startOfDay(_ date: CivilDate) -> Date {
        Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86400 - 7 * 3600))
    }

}
