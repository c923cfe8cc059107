import ArgumentParser
import DanVanApp
import DanVanDomain
import Foundation
import Logging

/// `danvan`: the DanVan server and its administration commands.
@main
struct DanVan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "danvan",
        abstract: "DanVan — hệ thống quản lý công tác dân vận.",
        subcommands: [Serve.self, Migrate.self, Backup.self, Restore.self, Check.self, Units.self, Admin.self, Organisations.self, Demo.self, Bench.self,
                      YearCalendar.self, Deadline.self, FollowUp.self])
}

/// Flags every command shares.
struct StorageOptions: ParsableArguments {
    @Option(help: "Thư mục dữ liệu (tệp SQLite, tệp đính kèm). Mặc định ./data hoặc DANVAN_DATA.")
    var data: String?

    @Option(name: .customLong("database-url"), help: "Dùng PostgreSQL thay cho SQLite: postgres://người-dùng:mật-khẩu@máy:cổng/tên (hoặc DANVAN_DATABASE_URL).")
    var databaseURL: String?

    func configuration(host: String? = nil, port: Int? = nil) throws -> AppConfiguration {
        do {
            return try AppConfiguration.resolve(dataDirectory: data, databaseURL: databaseURL, host: host, port: port)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }
}

/// A failure told to the person at the console, with a non-zero exit.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

func makeLogger(_ label: String = "danvan") -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    return logger
}

/// Runs a command body, turning known failures into a clear message and exit code 1.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CommandFailure {
        FileHandle.standardError.write(Data((error.message + "\n").utf8))
        throw ExitCode(1)
    } catch let error as DatabaseOpenError {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(1)
    } catch let error as CommandProblem {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(1)
    }
}

/// Opens DanVan for a command (migrated, units loaded, first administrator made),
/// runs `body` with the first administrator's password when it was just made,
/// and always closes the database.
func withServices(_ storage: StorageOptions, _ body: (AppServices, _ firstPassword: String?) async throws -> Void) async throws {
    let (services, firstPassword) = try await prepareServices(configuration: try storage.configuration(), logger: makeLogger())
    do {
        try await body(services, firstPassword)
    } catch {
        await services.database.close()
        throw error
    }
    await services.database.close()
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Chạy máy chủ web (mặc định http://127.0.0.1:8080).")

    @OptionGroup var storage: StorageOptions
    @Option(help: "Địa chỉ lắng nghe (mặc định 127.0.0.1 hoặc DANVAN_HOST).") var host: String?
    @Option(help: "Cổng (mặc định 8080 hoặc DANVAN_PORT).") var port: Int?
    @Flag(help: "Nạp dữ liệu minh họa (các địa bàn trong tài liệu gốc, người dùng mỗi vai trò).") var demo = false

    func run() async throws {
        try await reportingFailures {
            let configuration = try storage.configuration(host: host, port: port)
            let logger = makeLogger()
            say("DanVan: cơ sở dữ liệu \(configuration.databaseTarget)")
            let (services, firstPassword) = try await prepareServices(configuration: configuration, logger: logger)
            if let firstPassword { printFirstAdministrator(password: firstPassword) }
            if demo { printDemoAccounts(try await DemoLoader.load(into: services)) }
            say("DanVan đang chạy tại http://\(configuration.host):\(configuration.port) (Ctrl+C để dừng)")
            try await buildApplication(services, logger: logger).runService()
        }
    }
}

func printFirstAdministrator(password: String) {
    say("""
        Quản trị viên đầu tiên đã được tạo (first administrator created):
          tên đăng nhập (username): admin
          mật khẩu một lần (one-time password): \(password)
        Mật khẩu chỉ hiện một lần; hãy đổi mật khẩu khi đăng nhập lần đầu.
        """)
}

func printDemoAccounts(_ accounts: [DemoLoader.Account]) {
    say("Tài khoản minh họa (demo accounts):")
    for account in accounts {
        say("  \(account.username)\t\(account.password ?? "(đã có từ trước)")\t\(account.role)\t\(account.organisation)")
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Cập nhật lược đồ cơ sở dữ liệu.")
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        try await reportingFailures {
            try await AppDatabase.using(try storage.configuration().databaseTarget, logger: makeLogger()) { try await $0.migrate() }
            say("Đã cập nhật lược đồ.")
        }
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Sao lưu cơ sở dữ liệu (kể cả tệp đính kèm) vào một tệp, trong khi máy chủ vẫn chạy.")
    @OptionGroup var storage: StorageOptions
    @Option(help: "Tệp sao lưu sẽ tạo, ví dụ danvan-2026-11-30.zip.") var to: String

    func run() async throws {
        try await reportingFailures {
            let target = try storage.configuration().databaseTarget
            if case .sqlite(let path) = target, !FileManager.default.fileExists(atPath: path) {
                throw CommandFailure(message: "Chưa có cơ sở dữ liệu ở \(path) để sao lưu.")
            }
            let manifest = try await AppDatabase.using(target, logger: makeLogger()) { try await DanVanApp.Backup.make($0, to: to) }
            say("Đã sao lưu vào \(to): \(manifest.counts.count) bảng, \(manifest.counts.values.reduce(0, +)) bản ghi, mã kiểm tra \(manifest.sha256.prefix(16))…")
        }
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Khôi phục một bản sao lưu sau khi kiểm tra mã kiểm tra, tính toàn vẹn và số bản ghi.")
    @OptionGroup var storage: StorageOptions
    @Option(help: "Tệp sao lưu do danvan backup tạo.") var from: String
    @Flag(help: "Ghi đè cơ sở dữ liệu đích đã có dữ liệu.") var force = false

    func run() async throws {
        try await reportingFailures {
            let manifest = try await DanVanApp.Backup.restore(from: from, into: try storage.configuration().databaseTarget, force: force, logger: makeLogger())
            say("Đã khôi phục bản sao lưu lúc \(VietnameseFormat.moment(manifest.createdAt, seconds: false)): \(manifest.counts.count) bảng, \(manifest.counts.values.reduce(0, +)) bản ghi, khớp bản kê.")
        }
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Kiểm tra cơ sở dữ liệu: lược đồ, tính toàn vẹn, đơn thiếu người gửi hoặc tệp đính kèm hỏng (không thay đổi gì).")
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        try await reportingFailures {
            let target = try storage.configuration().databaseTarget
            if case .sqlite(let path) = target, !FileManager.default.fileExists(atPath: path) {
                throw CommandFailure(message: "Chưa có cơ sở dữ liệu ở \(path) để kiểm tra.")
            }
            let problems = try await AppDatabase.using(target, logger: makeLogger()) { try await DatabaseCheck.run($0) }
            guard !problems.isEmpty else { return say("Không thấy vấn đề nào.") }
            problems.forEach { say($0) }
            throw CommandFailure(message: "Có \(problems.count) vấn đề.")
        }
    }
}

struct Units: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Danh mục đơn vị hành chính.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Nạp đơn vị hành chính trước và sau sắp xếp 2025 cùng bảng chuyển đổi (đi kèm sản phẩm).")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await reportingFailures {
                let database = try await AppDatabase.open(try storage.configuration().databaseTarget, logger: makeLogger())
                do {
                    try await database.migrate()
                    say(try await UnitImport.run(database))
                } catch { await database.close(); throw error }
                await database.close()
            }
        }
    }
}

struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Tài khoản quản trị.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tạo quản trị viên cấp quốc gia với mật khẩu một lần.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "Tên đăng nhập.") var username = "admin"
        @Option(name: .customLong("full-name"), help: "Họ và tên.") var fullName = "Quản trị hệ thống"

        func run() async throws {
            try await reportingFailures {
                try await withServices(storage) { services, firstPassword in
                    if let firstPassword { printFirstAdministrator(password: firstPassword) }
                    if firstPassword == nil || username != "admin" {
                        let password = try await AdministratorAccounts.create(services, username: username, fullName: fullName)
                        say("Đã tạo quản trị viên \(username); mật khẩu một lần (one-time password): \(password)")
                    }
                }
            }
        }
    }
}

struct Organisations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Tổ chức trong các đơn vị.", subcommands: [Standard.self])

    struct Standard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tạo bộ tổ chức chuẩn cho mọi đơn vị dưới một đơn vị (theo mã).")
        @OptionGroup var storage: StorageOptions
        @Option(help: "Mã đơn vị (ví dụ 639 cho Huyện Chư Pưh, 52 cho Tỉnh Gia Lai).") var unit: String
        @Flag(help: "Dùng đơn vị trước sắp xếp 2025 khi mã trùng.") var legacy = false

        func run() async throws {
            try await reportingFailures {
                try await withServices(storage) { services, _ in
                    say(try await StandardOrganisations.create(services, unitCode: unit, legacy: legacy))
                }
            }
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Dữ liệu minh họa.", subcommands: [Load.self])

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Nạp các địa bàn trong tài liệu gốc (Chư Pưh, Thạnh Hóa, Dầu Tiếng, Hải Phòng) và người dùng mỗi vai trò.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await reportingFailures {
                try await withServices(storage) { services, firstPassword in
                    if let firstPassword { printFirstAdministrator(password: firstPassword) }
                    printDemoAccounts(try await DemoLoader.load(into: services))
                }
            }
        }
    }
}

/// `danvan bench NAME [--option N]…`: the benches the capabilities register (`Benches.all`).
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Đo hiệu năng trên dữ liệu toàn quốc.",
        discussion: Benches.all.map { bench in
            "\(bench.name): \(bench.abstract)\n" + bench.options.map { "  --\($0.name) N  \($0.help) (mặc định \($0.defaultValue))" }.joined(separator: "\n")
        }.joined(separator: "\n\n"))
    @Argument(help: "Tên phép đo: \(Benches.all.map(\.name).joined(separator: ", ")).") var name: String
    @OptionGroup var storage: StorageOptions
    @Argument(parsing: .allUnrecognized, help: "Các tùy chọn của phép đo (--rounds 3 …).") var options: [String] = []

    func run() async throws {
        try await reportingFailures {
            guard let bench = Benches.all.first(where: { $0.name == name }) else {
                throw CommandFailure(message: "Không có phép đo \(name). Có: \(Benches.all.map(\.name).joined(separator: ", ")).")
            }
            let values = try bench.values(options)
            var temporary: String?
            var storage = storage
            if bench.temporaryDatabase, storage.data == nil, storage.databaseURL == nil,
               ProcessInfo.processInfo.environment["DANVAN_DATABASE_URL"] == nil {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("danvan-bench-\(UUID().uuidString)").path
                temporary = folder
                storage.data = folder
            }
            defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
            // A bench writes generated records (and the reminders bench clears the month's reminders): never into the
            // product's database by default, only into one named for it on the command line.
            guard bench.temporaryDatabase || storage.data != nil || storage.databaseURL != nil else {
                throw CommandFailure(message: "Phép đo \(name) sinh dữ liệu thử vào cơ sở dữ liệu: hãy chỉ định một cơ sở dữ liệu riêng cho phép đo "
                                     + "bằng --data THƯ-MỤC hoặc --database-url postgres://…, không dùng cơ sở dữ liệu đang phục vụ.")
            }
            var configuration = try storage.configuration()
            configuration.bcryptCost = 4
            try await bench.run(configuration: configuration, values: values) { say($0) }
        }
    }
}

struct FollowUp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "followup", abstract: "Việc theo dõi và hộp thông báo.", subcommands: [Notify.self])

    struct Notify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Thêm thông báo sắp đến hạn và quá hạn của ngày (theo lịch làm việc) cho mọi người dùng; chạy mỗi ngày một lần.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "Ngày tính, dạng dd/mm/yyyy (mặc định hôm nay; để thử).") var today: String?
        @Flag(help: "Gửi mỗi người dùng có địa chỉ thư một thư tóm tắt các thông báo mới (mặc định không gửi).") var mail = false
        @Option(name: .customLong("mail-program"), help: "Chương trình gửi thư kiểu sendmail, đọc thư từ đầu vào chuẩn.") var mailProgram = "/usr/bin/msmtp"
        @Option(name: .customLong("mail-argument"), parsing: .unconditionalSingleValue,
                help: "Một tham số của chương trình gửi thư (lặp lại được; mặc định -t). Ví dụ --mail-argument=--host=127.0.0.1 --mail-argument=-t.")
        var mailArguments: [String] = []
        @Option(name: .customLong("mail-from"), help: "Địa chỉ người gửi.") var mailFrom = "danvan@localhost"
        @Option(name: .customLong("site-url"), help: "Địa chỉ trang DanVan cho các liên kết trong thư, ví dụ https://danvan.example.vn.") var siteURL: String?

        func run() async throws {
            try await reportingFailures {
                // The sender goes into the mail's From header as given: one address, no line break, no angle bracket.
                guard !mailFrom.isEmpty, !mailFrom.contains(where: { $0.isNewline || $0.isWhitespace || "<>\"".contains($0) }), mailFrom.contains("@") else {
                    throw CommandFailure(message: "Địa chỉ người gửi không đúng dạng: \(mailFrom.debugDescription)")
                }
                let settings = mail ? InboxMail.Settings(program: mailProgram, arguments: mailArguments.isEmpty ? ["-t"] : mailArguments,
                                                         from: mailFrom, siteURL: siteURL) : nil
                try await withServices(storage) { services, _ in
                    say(try await FollowUpNotify.run(services, today: today, mail: settings))
                }
            }
        }
    }
}

struct YearCalendar: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calendar", abstract: "Liệt kê các ngày nghỉ lễ, tết, nghỉ bù của một năm (theo cấu hình đã lưu).")
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Năm, ví dụ 2027.") var year: Int

    func run() async throws {
        try await reportingFailures {
            let source = try await CalendarCommands.source(try storage.configuration(), logger: makeLogger())
            say(try CalendarCommands.daysOff(source, year: year))
        }
    }
}

struct Deadline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Tính hạn theo quy định thời hạn (ví dụ --rule letter_process --from 2027-02-01).")
    @OptionGroup var storage: StorageOptions
    @Option(help: "Mã quy định thời hạn, ví dụ letter_process, complaint_first_resolve.") var rule: String
    @Option(help: "Ngày bắt đầu tính, dạng YYYY-MM-DD.") var from: String
    @Option(help: "Trường hợp: standard, complex, especially_complex, remote, remote_complex.") var variant = "standard"
    @Option(name: .customLong("extension"), help: "Số ngày một lần gia hạn (có thể lặp lại).") var extensions: [Int] = []

    func run() async throws {
        try await reportingFailures {
            let source = try await CalendarCommands.source(try storage.configuration(), logger: makeLogger())
            say(try CalendarCommands.deadline(source, rule: rule, from: from, variant: variant, extensions: extensions))
        }
    }
}


/// Writes a line to standard output at once (unbuffered), so the first
/// administrator's password reaches a pipe (a log collector, a test harness).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
