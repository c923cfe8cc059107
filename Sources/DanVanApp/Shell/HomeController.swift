import Hummingbird

/// The start page: who the user acts for and the modules of DanVan.
struct HomeController: Sendable {
    let renderer: PageRenderer

    struct Page: Sendable {
        var unitHref: String
        var mustChangePassword: Bool
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.home) { request, context in
            let identity = context.identity
            let notice = FormData.query(of: request).optional("notice").flatMap { renderer.catalogue.knownText("notice_" + $0, context.language) }
            return renderer.render("home", titleKey: "home_title",
                                   page: Page(unitHref: SiteURL.unit(identity.unitID).path, mustChangePassword: identity.mustChangePassword),
                                   context: context, notice: notice)
        }
    }
}
