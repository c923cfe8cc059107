import Foundation

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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let killAfter {
            try await Task.sleep(for: killAfter)
            kill(process.processIdentifier, SIGKILL)
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
