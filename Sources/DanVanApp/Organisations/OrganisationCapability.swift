import Hummingbird

/// Organisations (tổ chức) inside the units: their pages, merges and users.
enum OrganisationCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        OrganisationController(organisations: services.organisations, accounts: services.accounts, renderer: services.renderer).addRoutes(to: router)
    }
}
