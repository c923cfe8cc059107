import Foundation
import Hummingbird
import Metrics
import Prometheus

/// `/healthz`, `/metrics` and the static files.
struct OperationsController: Sendable {
    let database: AppDatabase
    let registry: PrometheusCollectorRegistry
    /// The scheduled backups, whose last time `/healthz` tells.
    let backups: BackupSchedule?

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(SiteURL.Pattern.healthz) { _, _ in
            let healthy = await database.isHealthy()
            var body = ["status": healthy ? "ok" : "database_unreachable"]
            if let backups {
                body["last_backup"] = backups.lastBackup.map { ISO8601DateFormatter().string(from: $0) } ?? "none"
            }
            return JSONResponse.make(body, status: healthy ? .ok : .serviceUnavailable)
        }
        // The OpenAPI document, with the schemas the capabilities' response types give.
        let document = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources")
            .flatMap { try? Data(contentsOf: $0) }
            .flatMap { try? OpenAPIDocument.served(from: $0, schemas: Capabilities.apiSchemas) } ?? Data()
        router.get(SiteURL.Pattern.openAPI) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
        router.get(SiteURL.Pattern.metrics) { _, _ in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        router.get(SiteURL.Pattern.faviconDefault) { _, _ in Response.redirect(to: SiteURL.favicon.path, type: .permanent) }
        for (pattern, file, type) in [(SiteURL.Pattern.stylesheet, "app.css", "text/css"), (SiteURL.Pattern.script, "app.js", "text/javascript"),
                                      (SiteURL.Pattern.kioskScript, "kiosk.js", "text/javascript"),
                                      (SiteURL.Pattern.favicon, "favicon.svg", "image/svg+xml")] {
            let bytes = Bundle.module.url(forResource: file, withExtension: nil, subdirectory: "Resources/static").flatMap { try? Data(contentsOf: $0) } ?? Data()
            router.get(pattern) { _, _ in
                var headers = HTTPFields()
                headers[.contentType] = "\(type); charset=utf-8"
                headers[.cacheControl] = "public, max-age=3600"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
    }
}

/// Metrics go to one Prometheus registry; swift-metrics can be bootstrapped once per process.
enum MetricsBootstrap {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
