import Foundation

extension Process {
    /// Runs a program to its end without holding a thread of Swift's cooperative pool (on
    /// 2 cores it has 2: a blocking wait there stalls every task of the process). Standard
    /// output and error go to temporary files, so a talkative program cannot fill a pipe;
    /// `input`, when given, is its standard input (read from a temporary file too).
    static func run(_ path: String, _ arguments: [String], input: Data? = nil, killAfter: Duration? = nil) async throws -> (status: Int32, output: String, errors: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("danvan-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputURL = folder.appendingPathComponent("out"), errorURL = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL), errors = try FileHandle(forWritingTo: errorURL)
        defer { try? output.close(); try? errors.close() }
        let process = Process()
        // Without input the program reads nothing: the process's own standard input (descriptor 0)
        // is neither handed over nor, at the end, closed (a server runs this again and again).
        var inputHandle: FileHandle?
        if let input {
            let inputURL = folder.appendingPathComponent("in")
            try input.write(to: inputURL)
            inputHandle = try FileHandle(forReadingFrom: inputURL)
        }
        process.standardInput = inputHandle ?? FileHandle.nullDevice
        defer { try? inputHandle?.close() }
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            if let killAfter {
                let pid = process.processIdentifier
                Task {
                    try? await Task.sleep(for: killAfter)
                    kill(pid, SIGKILL)
                }
            }
        }
        return (status, (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "", (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "")
    }
}
