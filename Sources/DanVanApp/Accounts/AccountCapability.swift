import Hummingbird

/// Accounts: login, passwords, API tokens and the users' pages.
enum AccountCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        AccountController(accounts: services.accounts, throttle: services.throttle, renderer: services.renderer,
                          secureCookies: services.configuration.secureCookies).addRoutes(to: router)
        UserController(accounts: services.accounts, renderer: services.renderer).addRoutes(to: router)
    }

    static let navigation = [NavigationEntry(labelKey: "nav_users", url: .users, section: "users", role: .administrator)]
}
