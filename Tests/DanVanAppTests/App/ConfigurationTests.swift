import Foundation
import Testing
@testable import DanVanApp

@Suite("Configuration and start-up failures")
struct ConfigurationTests {
    @Test("flags win over the environment, which wins over defaults")
    func precedence() throws {
        let environment = ["DANVAN_PORT": "9000", "DANVAN_DATA": "/srv/danvan", "DANVAN_HOST": "0.0.0.0"]
        let fromEnvironment = try AppConfiguration.resolve(environment: environment)
        #expect(fromEnvironment.port == 9000 && fromEnvironment.dataDirectory == "/srv/danvan" && fromEnvironment.host == "0.0.0.0")
        let fromFlags = try AppConfiguration.resolve(environment: environment, dataDirectory: "./d", port: 8081)
        #expect(fromFlags.port == 8081 && fromFlags.dataDirectory == "./d")
        #expect(try AppConfiguration.resolve(environment: [:]).port == 8080)
        if case .sqlite(let path) = try AppConfiguration.resolve(environment: [:]).databaseTarget {
            #expect(path.hasSuffix("data/danvan.sqlite"))
        } else {
            Issue.record("SQLite is the default")
        }
    }

    @Test("every bad setting is named, in one message")
    func badSettings() {
        let environment = ["DANVAN_PORT": "tám nghìn", "DANVAN_BCRYPT_COST": "40", "DANVAN_DATABASE_URL": "mysql://x", "DANVAN_SECURE_COOKIES": "có"]
        #expect {
            _ = try AppConfiguration.resolve(environment: environment)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("DANVAN_PORT") && text.contains("DANVAN_BCRYPT_COST") && text.contains("postgres://")
                && text.contains("DANVAN_SECURE_COOKIES") && text.contains("Cấu hình không hợp lệ")
        }
        #expect(throws: ConfigurationError.self) { _ = try AppConfiguration.resolve(environment: [:], port: 70_000) }
    }

    @Test("a database that cannot be reached stops start-up with a clear message")
    func unreachableDatabase() async {
        await #expect {
            _ = try await AppDatabase.open(.postgres(url: "postgres://danvan:secret@127.0.0.1:1/none"), logger: TestDatabase.logger)
        } throws: { error in
            let text = String(describing: error)
            return error is DatabaseOpenError && text.contains("Không mở được cơ sở dữ liệu") && !text.contains("secret")
        }
        await #expect(throws: DatabaseOpenError.self) {
            _ = try await AppDatabase.open(.sqlite(path: "/proc/danvan/none.sqlite"), logger: TestDatabase.logger)
        }
    }
}

@Suite("Bench commands: registered by capabilities, options read in one place")
struct BenchCommandTests {
    @Test("every capability's bench is listed once; options override defaults; unknown options and bad numbers are refused")
    func options() throws {
        #expect(Benches.all.map(\.name) == ["pages", "hierarchy", "letters", "surveys", "models", "followup", "reporting", "reporting-reminders"])
        let letters = try #require(Benches.all.first { $0.name == "letters" })
        #expect(try letters.values([]) == ["letters": 1_000_000, "years": 5, "rounds": 3])
        #expect(try letters.values(["--letters", "2000", "--rounds", "1"]) == ["letters": 2000, "years": 5, "rounds": 1])
        #expect(throws: CommandProblem.self) { try letters.values(["--bogus", "1"]) }
        #expect(throws: CommandProblem.self) { try letters.values(["--years", "năm"]) }
        #expect(throws: CommandProblem.self) { try letters.values(["--years"]) }
    }

    @Test("a bench that writes generated records refuses to run without a database named for it on the command line (the product's is never its default)")
    func benchNeedsItsOwnDatabase() async throws {
        let result = try await Process.run(DanVanCommand.binary, ["bench", "reporting", "--communes", "1", "--indicators", "1", "--years", "1", "--rounds", "1"])
        #expect(result.status != 0 && (result.output + result.errors).contains("--data THƯ-MỤC hoặc --database-url"), "\(result)")
    }
}
