import Foundation
@testable import DanVanApp

/// The `danvan` command as a person runs it: the binary the test script built
/// (`DANVAN_BIN`), or the debug build beside the tests.
enum DanVanCommand {
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["DANVAN_BIN"], !path.isEmpty { return path }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../.build/debug/danvan").standardizedFileURL.path
    }

    /// Runs it with the arguments; kills it (`kill -9`) after `killAfter` when given. Returns the exit status and standard output.
    @discardableResult
    static func run(_ arguments: [String], killAfter: Duration? = nil) async throws -> (status: Int32, output: String) {
        let result = try await Process.run(binary, arguments, killAfter: killAfter)
        return (result.status, result.output)
    }
}
