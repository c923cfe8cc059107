import DanVanDomain
import Foundation
import Hummingbird

/// The start page: what waits for this person (each count a link to the list of exactly
/// those records), then the modules their roles open. Each capability says what waits in it
/// (``Capability/waiting(_:)``); modules still to come are not shown.
struct HomeController: Sendable {
    let services: AppServices
    var renderer: PageRenderer { services.renderer }

    struct Page: Sendable, Encodable {
        var unitHref: String
        var mustChangePassword: Bool
        var waiting: [Waiting]
        var nothingWaits: Bool
        var figures: [KeyFigure]
        var hasFigures: Bool
        var modules: [Module]
    }

    struct Waiting: Sendable, Encodable {
        var label: String
        var count: String
        var href: String
        var overdue: Bool
    }

    struct Module: Sendable, Encodable {
        var label: String
        var about: String?
        var href: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.home) { request, context in
            var context = context
            let identity = context.identity
            let language = context.language
            let catalogue = renderer.catalogue
            let notice = FormData.query(of: request).optional("notice").flatMap { catalogue.knownText("notice_" + $0, language) }
            let asked = WaitingContext(services: services, identity: identity, scope: context.scope, today: .today(now: Date()), language: language)
            var items: [WaitingItem] = []
            var figures: [KeyFigure] = []
            for capability in Capabilities.all {
                items += try await capability.waiting(asked)
                figures += try await capability.keyFigures(asked)
            }
            // The inbox's due-soon and overdue events of today were added just now: the layout's count is read after them.
            context.identity.unread = try await InboxStore(database: services.database).unread(userID: identity.userID)
            let waiting = items.filter { $0.count > 0 }.sorted { $0.overdue && !$1.overdue }.map {
                Waiting(label: catalogue.text($0.labelKey, language), count: VietnameseFormat.integer($0.count), href: $0.href, overdue: $0.overdue)
            }
            let modules = Capabilities.navigation.filter { entry in entry.section != "home" && (entry.role.map(identity.roles.contains) ?? true) }.map {
                Module(label: catalogue.text($0.labelKey, language), about: catalogue.knownText("home_about_" + $0.labelKey, language), href: $0.url.path)
            }
            return renderer.render("home", titleKey: "home_title",
                                   page: Page(unitHref: SiteURL.unit(identity.unitID).path, mustChangePassword: identity.mustChangePassword,
                                              waiting: waiting, nothingWaits: waiting.isEmpty, figures: figures, hasFigures: !figures.isEmpty, modules: modules),
                                   context: context, notice: notice)
        }
    }
}
