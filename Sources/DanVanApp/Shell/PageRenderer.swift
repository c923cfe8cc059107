import DanVanDomain
import Foundation
import Hummingbird

/// The signed-in user as the layout shows them.
struct CurrentUserView: Sendable, Encodable {
    var fullName: String
    var username: String
    var organisationName: String
    var unitName: String
    var isAdministrator: Bool
    /// Unread notifications of the inbox ("3"), nil for none.
    var unread: String? = nil
}

/// One entry of the navigation.
struct NavigationItem: Sendable, Encodable {
    var label: String
    var href: String
    var current: Bool
}

/// What every page renders with: the user, the CSRF token and the page's own model (and
/// the catalogue as `t`, made into a template value once per language).
struct PageFrame<Content: Sendable & Encodable>: Sendable, Encodable {
    var lang: String
    var title: String
    var me: CurrentUserView?
    var csrf: String
    var navigation: [NavigationItem]
    var notice: String?
    var page: Content
    var stylesheet = SiteURL.stylesheet.path
    var script = SiteURL.script.path
    var favicon = SiteURL.favicon.path
    var links = SiteLinks()
}

/// The links and form actions templates use that take no record (`{{links.letters}}`):
/// templates never write a path, so a path is written once, in ``SiteURL``.
struct SiteLinks: Sendable, Encodable {
    let home = SiteURL.home.path
    let units = SiteURL.units(query: nil).path
    let receptionSchedules = SiteURL.receptionSchedules.path
    let receptionDuty = SiteURL.receptionDuty(unit: nil, period: nil).path
    let reception = SiteURL.reception.path
    let publicTrack = SiteURL.publicTrack(code: nil).path
    let publicSend = SiteURL.publicSend.path
    let letters = SiteURL.letters.path
    let statistics = SiteURL.statistics.path
    let statisticsForms = SiteURL.statisticsForms.path
    let audit = SiteURL.audit.path
    let users = SiteURL.users.path
    let password = SiteURL.password.path
    let logout = SiteURL.logout.path
    let languageVi = SiteURL.languageChoice(.vi).path
    let languageEn = SiteURL.languageChoice(.en).path
    let login = SiteURL.login(next: nil).path
    let apiTokens = SiteURL.apiTokens.path
    let calendarTet = SiteURL.calendarTet.path
    let calendarOverridesDelete = SiteURL.calendarOverridesDelete.path
    let calendarOverrides = SiteURL.calendarOverrides.path
    let calendar = SiteURL.calendar.path
    let calendarRules = SiteURL.calendarRules.path
    let surveyKiosks = SiteURL.surveyKiosks.path
    let surveyNew = SiteURL.surveyNew.path
    let surveys = SiteURL.surveys.path
    let publicSurvey = SiteURL.publicSurvey.path
    let models = SiteURL.models.path
    let inbox = SiteURL.inbox(offset: 0).path
    let followUps = SiteURL.followUps.path
    let documents = SiteURL.documents(unit: nil).path
    let inspections = SiteURL.inspections(unit: nil).path
    let inboxRead = SiteURL.inboxRead.path
    let meetingNew = SiteURL.meetingNew.path
    let publicOpinions = SiteURL.publicOpinions(offset: 0).path
}

/// Renders mustache templates (Resources/templates) inside the common layout.
struct PageRenderer: Sendable {
    let library: TemplateLibrary
    let catalogue: StringCatalogue
    /// The catalogue of each language as templates read it (`{{t.key}}`).
    let tables: [Language: TemplateValue]

    /// The templates with each language's words written in (``TemplateLibrary/fixing(_:to:)``).
    let libraries: [Language: TemplateLibrary]

    init(library: TemplateLibrary, catalogue: StringCatalogue) {
        self.library = library
        self.catalogue = catalogue
        let tables = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, TemplateValue.of(catalogue.table($0))) })
        self.tables = tables
        libraries = tables.mapValues { library.fixing("t", to: $0) }
    }

    static func shipped(catalogue: StringCatalogue) async throws -> PageRenderer {
        PageRenderer(library: try TemplateLibrary.shipped(), catalogue: catalogue)
    }

    func render<Content: Sendable & Encodable>(
        _ template: String, titleKey: String, title: String? = nil, page: Content, context: some PageContext,
        status: HTTPResponse.Status = .ok, notice: String? = nil, section: String? = nil
    ) -> Response {
        let language = context.language
        let me = context.caller.map {
            CurrentUserView(fullName: $0.fullName, username: $0.username, organisationName: $0.organisationName, unitName: $0.unitName,
                            isAdministrator: $0.roles.contains(.administrator), unread: $0.unread > 0 ? VietnameseFormat.integer($0.unread) : nil)
        }
        let frame = PageFrame(
            lang: language.rawValue,
            title: title ?? catalogue.text(titleKey, language), me: me, csrf: context.csrfToken,
            navigation: context.caller.map { navigation(for: $0, section: section ?? String(template.split(separator: "/").last ?? ""), language: language) } ?? [],
            notice: notice, page: page)
        guard case .object(var fields) = TemplateValue.of(frame) else { preconditionFailure("a page frame has fields") }
        fields["t"] = tables[language]
        let html = (libraries[language] ?? library).render(.object(fields), template: template) ?? "template \(template) missing"
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    private func navigation(for identity: Identity, section: String, language: Language) -> [NavigationItem] {
        // The modules that exist, for the caller's roles; those still to come are not shown.
        let items: [(String, String, String)] = Capabilities.navigation
            .filter { entry in entry.role.map(identity.roles.contains) ?? true }
            .map { ($0.labelKey, $0.url.path, $0.section) }
        return items.map { key, href, prefix in
            NavigationItem(label: catalogue.text(key, language), href: href, current: !prefix.isEmpty && section.hasPrefix(prefix))
        }
    }
}

