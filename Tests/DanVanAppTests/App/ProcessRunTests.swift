import Foundation
import Testing
@testable import DanVanApp

/// `Process.run`, which backups, the mail of the inbox and the tests hand programs to.
@Suite("Running a program")
struct ProcessRunTests {
    @Test("without input a program reads nothing, and the process's own standard input stays open, run after run")
    func standardInputKept() async throws {
        let before = fcntl(0, F_GETFD)
        for _ in 0..<2 {
            // `cat` copies its input: from /dev/null it ends at once with nothing (it would wait on an inherited terminal).
            let run = try await Process.run("/bin/cat", [], killAfter: .seconds(20))
            #expect(run.status == 0 && run.output.isEmpty)
        }
        #expect(fcntl(0, F_GETFD) == before)
        let echoed = try await Process.run("/bin/cat", [], input: Data("thư\n".utf8), killAfter: .seconds(20))
        #expect(echoed.output == "thư\n")
        #expect(fcntl(0, F_GETFD) == before)
    }
}
