import Foundation
import Hummingbird
import Mustache

/// The signed-in user as the layout shows them.
struct CurrentUserView: Sendable {
    var fullName: String
    var username: String
    var organisationName: String
    var unitName: String
    var isAdministrator: Bool
}

/// One entry of the navigation; modules still to come are shown but not linked.
struct NavigationItem: Sendable {
    var label: String
    var href: String?
    var current: Bool
}

/// What every page renders with: the catalogue, the user, the CSRF token and the page's own model.
struct PageFrame<Content: Sendable>: Sendable {
    var t: [String: String]
    var lang: String
    var title: String
    var me: CurrentUserView?
    var csrf: String
    var navigation: [NavigationItem]
    var notice: String?
    var page: Content
    var stylesheet = SiteURL.stylesheet.path
    var script = SiteURL.script.path
}

/// Renders mustache templates (Resources/templates) inside the common layout.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let catalogue: StringCatalogue

    static func shipped(catalogue: StringCatalogue) async throws -> PageRenderer {
        guard let folder = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources") else {
            throw AppError(.internalServerError, code: "missing_templates")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: folder.path), catalogue: catalogue)
    }

    func render<Content: Sendable>(
        _ template: String, titleKey: String, title: String? = nil, page: Content, context: AppRequestContext,
        status: HTTPResponse.Status = .ok, notice: String? = nil, section: String? = nil
    ) -> Response {
        let language = context.language
        let me = context.identity.map {
            CurrentUserView(fullName: $0.fullName, username: $0.username, organisationName: $0.organisationName, unitName: $0.unitName,
                            isAdministrator: $0.roles.contains(.administrator))
        }
        let frame = PageFrame(
            t: catalogue.table(language), lang: language.rawValue,
            title: title ?? catalogue.text(titleKey, language), me: me, csrf: context.csrfToken,
            navigation: me == nil ? [] : navigation(for: context.identity!, section: section ?? String(template.split(separator: "/").last ?? ""), language: language),
            notice: notice, page: page)
        let html = library.render(frame, withTemplate: template) ?? "template \(template) missing"
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    private func navigation(for identity: Identity, section: String, language: Language) -> [NavigationItem] {
        var items: [(String, String?, String)] = [
            ("nav_home", SiteURL.home.path, "home"),
            ("nav_units", SiteURL.units(query: nil).path, "units"),
            ("nav_letters", SiteURL.letters.path, "letters"),
            ("nav_reception", SiteURL.reception.path, "reception"),
            ("nav_statistics", SiteURL.statistics.path, "statistics"),
            ("nav_calendar", SiteURL.calendar.path, "calendar"),
        ]
        if identity.roles.contains(.administrator) {
            items += [("nav_users", SiteURL.users.path, "users"), ("nav_audit", SiteURL.audit.path, "audit")]
        }
        items += ["nav_models", "nav_meetings", "nav_documents", "nav_inspections", "nav_reports"].map { ($0, nil, "") }
        return items.map { key, href, prefix in
            NavigationItem(label: catalogue.text(key, language), href: href, current: !prefix.isEmpty && section.hasPrefix(prefix))
        }
    }
}
