import CompressNIO
import Foundation
import Hummingbird
import NIOCore
import Testing
@testable import DanVanApp

/// Pages travel compressed to a browser that accepts gzip, byte for byte the same once
/// opened; downloads and small answers are left as they are.
@Suite("Compression")
struct CompressionTests {
    @Test("a page, the stylesheet and an API answer are gzip for a browser that accepts it and plain for one that does not; the same text once opened")
    func pagesAreCompressed() async throws {
        try await TestApp.run { app in
            let iaLe = try await app.unit("23986", legacy: false)
            let (_, password) = try await app.user("lan", roles: [.leader], kind: "peoples_committee", in: iaLe)
            try await app.client { browser in
                try await browser.login("lan", password)
                for path in ["/units/\(iaLe.id.uuidString.lowercased())", SiteURL.stylesheet.path, "/api/v1/units?q=ia", "/api/v1/units/\(iaLe.id.uuidString.lowercased())/children"] {
                    let plain = try await browser.get(path)
                    #expect(plain.headers[.contentEncoding] == nil, "\(path)")
                    let zipped = try await browser.get(path, headers: [.acceptEncoding: "gzip, deflate, br"])
                    #expect(zipped.status == .ok)
                    #expect(zipped.headers[.vary]?.contains("Accept-Encoding") == true)
                    guard plain.body.utf8.count >= 1_024 else {
                        #expect(zipped.headers[.contentEncoding] == nil, "a small answer goes as it is: \(path)")
                        continue
                    }
                    #expect(zipped.headers[.contentEncoding] == "gzip", "\(path)")
                    var compressed = zipped.bytes
                    let opened = try compressed.decompress(with: .gzip())
                    #expect(String(buffer: opened) == plain.body, "\(path)")
                    #expect(zipped.bytes.readableBytes * 2 < plain.body.utf8.count, "\(path) compresses")
                }
                let refused = try await browser.get(SiteURL.stylesheet.path, headers: [.acceptEncoding: "gzip;q=0, identity"])
                #expect(refused.headers[.contentEncoding] == nil)
            }
        }
    }

    @Test("Accept-Encoding is read as HTTP says: q=0 refuses, * accepts")
    func acceptEncoding() {
        typealias M = CompressionMiddleware<AppRequestContext>
        #expect(M.acceptsGzip(["gzip"]))
        #expect(M.acceptsGzip(["br;q=1.0, gzip;q=0.8, *;q=0.1"]))
        #expect(M.acceptsGzip(["*"]))
        #expect(!M.acceptsGzip(["gzip;q=0"]))
        #expect(!M.acceptsGzip(["gzip;q=0.0", "identity"]))
        #expect(!M.acceptsGzip([]))
        #expect(!M.acceptsGzip(["deflate, br"]))
    }
}
