import Hummingbird

/// The audit log's reader (nhật ký).
enum AuditCapability: Capability {
    static func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        AuditController(audit: services.audit, renderer: services.renderer).addRoutes(to: router)
    }

    static let navigation = [NavigationEntry(labelKey: "nav_audit", url: .audit, section: "audit", role: .administrator)]
}
