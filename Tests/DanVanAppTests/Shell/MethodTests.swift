import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DanVanApp

@Suite("Methods a path does not answer")
struct MethodTests {
    @Test("TRACE, PUT, DELETE and a POST to a read-only path are 405 with Allow; an unknown path stays 404", arguments: [
        (HTTPRequest.Method.trace, "/units", 405, "GET, HEAD"),
        (.put, "/api/v1/letters", 405, "GET, HEAD"),
        (.delete, "/api/v1/units/00000000-0000-0000-0000-000000000000", 405, "GET, HEAD"),
        (.post, "/api/v1/units", 405, "GET, HEAD"),
        (.trace, "/login", 405, "GET, HEAD, POST"),
        (.trace, "/khong-co-trang-nay", 404, ""),
    ])
    func methodNotAllowed(_ method: HTTPRequest.Method, _ path: String, _ status: Int, _ allow: String) async throws {
        try await TestApp.run(units: false) { app in
            try await app.client { browser in
                let response = try await browser.client.execute(uri: path, method: method, headers: [:], body: nil)
                #expect(response.status.code == status)
                #expect((response.headers[.allow] ?? "") == allow)
            }
        }
    }
}
