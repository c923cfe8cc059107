import Foundation
import Logging
import Prometheus
import ServiceLifecycle

/// The backups `serve` takes by itself (`DANVAN_BACKUP_DIR`, every `DANVAN_BACKUP_HOURS`,
/// keeping `DANVAN_BACKUP_KEEP`), and the time of the last one for `/healthz` and `/metrics`.
public final class BackupSchedule: Sendable {
    let database: AppDatabase
    let folder: String
    let keep: Int
    let interval: Duration
    let logger: Logger
    private let last = Locked<Date?>(nil)
    private let gauge = MetricsBootstrap.registry.makeGauge(descriptor: MetricNameDescriptor(
        namespace: "danvan", metricName: "last_backup_timestamp", unitName: "seconds", helpText: "Time of the last scheduled backup, seconds since 1970"))

    init(database: AppDatabase, folder: String, keep: Int, interval: Duration, logger: Logger) {
        (self.database, self.folder, self.keep, self.interval, self.logger) = (database, folder, keep, interval, logger)
    }

    /// When the last scheduled backup finished, if one has.
    public var lastBackup: Date? { last.withValue { $0 } }

    /// Takes one backup now, named by its time (`danvan-20261130-1543.zip`), and removes the oldest beyond `keep`.
    @discardableResult
    public func backUpNow(now: Date = Date()) async throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let path = (folder as NSString).appendingPathComponent("danvan-\(formatter.string(from: now)).zip")
        _ = try await Backup.make(database, to: path)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("danvan-") && $0.hasSuffix(".zip") }.sorted()
        for name in names.dropLast(keep) { try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name)) }
        last.withValue { $0 = now }
        gauge.set(to: now.timeIntervalSince1970)
        return path
    }

    /// Runs until the server stops: one backup every interval; a failure is logged and tried again next time.
    func run() async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            do {
                let path = try await backUpNow()
                logger.info("scheduled backup", metadata: ["file": "\(path)"])
            } catch {
                logger.error("scheduled backup failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }
}

/// The schedule as a service of the server: it stops with the server.
struct BackupService: Service {
    let schedule: BackupSchedule

    func run() async throws {
        await cancelWhenGracefulShutdown { await schedule.run() }
    }
}
