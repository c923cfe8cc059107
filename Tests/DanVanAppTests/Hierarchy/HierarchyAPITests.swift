import FluentKit
import Foundation
import Hummingbird
import Testing
@testable import DanVanApp

@Suite("JSON API: units and organisations, one error shape")
struct APITests {
    @Test("a bearer token reads units within the caller's scope; errors have a code and a Vietnamese message")
    func bearerToken() async throws {
        try await TestApp.run { app in
            let province = try await app.unit("52", legacy: false)
            let (user, _) = try await app.user("api.gialai", roles: [.danVanStaff], kind: "party_committee", in: province)
            let identity = try #require(try await Self.identity(app, user))
            let token = try await app.services.accounts.createAPIToken(identity, name: "test", address: "test")
            try await app.client { browser in
                let auth: HTTPFields = [.authorization: "Bearer \(token)"]
                let search = try await browser.get("/api/v1/units?q=ia%20le", headers: auth)
                #expect(search.status == .ok && search.body.contains("\"name\":\"Xã Ia Le\""))
                let chuPuh = try await app.unit("639", legacy: true)
                let children = try await browser.get("/api/v1/units/\(chuPuh.id.uuidString)/children?date=2024-01-01", headers: auth)
                #expect(children.status == .ok && children.body.contains("Thị trấn Nhơn Hòa"))
                let konTum = try await app.unit("62", legacy: true)
                let outside = try await browser.get("/api/v1/units/\(konTum.id.uuidString)", headers: auth)
                #expect(outside.status == .notFound)
                #expect(outside.body == #"{"error":{"code":"not_found","message":"Không tìm thấy trang hoặc bản ghi này, hoặc nó nằm ngoài phạm vi bạn được xem."}}"#)
                let unknownCode = try await browser.get("/api/v1/units?code=99999", headers: auth)
                #expect(unknownCode.status == .ok && unknownCode.body == #"{"items":[]}"#)
                let malformed = try await browser.get("/api/v1/units/12345", headers: auth)
                #expect(malformed.status == .notFound && malformed.body.contains("\"code\":\"not_found\""))
                let empty = try await browser.get("/api/v1/units?q=", headers: auth)
                #expect(empty.status == .badRequest && empty.body.contains("\"code\":\"query_empty\""))
                let badDate = try await browser.get("/api/v1/units/\(chuPuh.id.uuidString)/children?date=2024-02-30", headers: auth)
                #expect(badDate.status == .badRequest && badDate.body.contains("bad_date"))
                // The document's constraints hold (the contract pass checks them all; these fail on the lenient server of before).
                let top = try await browser.get("/api/v1/units", headers: auth)
                #expect(top.status == .ok && top.body.contains("\"name\":\"Xã Ia Le\""), "without a filter: the top of the caller's reach (the 2025 province's communes)")
                for bad in ["/api/v1/units?code=000000000000000000000", "/api/v1/units?q=ia%0Ble", "/api/v1/units/\(chuPuh.id.uuidString)/children?date=",
                            "/api/v1/organisations", "/api/v1/letters?list=moi", "/api/v1/letters?unit=", "/api/v1/letters?kind=thu", "/api/v1/letters?days=-1",
                            "/api/v1/letters?q=" + String(repeating: "a", count: 201)] {
                    let answer = try await browser.get(bad, headers: auth)
                    #expect(answer.status == .badRequest, "\(bad): \(answer.status)")
                }
                let punctuation = try await browser.get("/api/v1/units?q=%21%21", headers: auth)
                #expect(punctuation.status == .ok && punctuation.body == #"{"items":[]}"#)
                let wrongToken = try await browser.get("/api/v1/units?q=ia", headers: [.authorization: "Bearer dv_wrong"])
                #expect(wrongToken.status == .unauthorized && wrongToken.body.contains("\"code\":\"unauthorized\""))
                let noAuth = try await browser.get("/api/v1/units?q=ia")
                #expect(noAuth.status == .unauthorized)
                // The API's own types keep the document's keys (snake_case of their camelCase names).
                let document = try #require(try JSONSerialization.jsonObject(with: Data(try await browser.get("/api/openapi.json").body.utf8)) as? [String: Any])
                let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
                for (path, schema) in [("/api/v1/units/\(chuPuh.id.uuidString)", "Unit"), ("/api/v1/units/\(province.id.uuidString)", "Unit"),
                                       ("/api/v1/organisations/\(user.organisationID.uuidString)", "Organisation")] {
                    let object = try #require(try JSONSerialization.jsonObject(with: Data(try await browser.get(path, headers: auth).body.utf8)) as? [String: Any])
                    let described = try #require(schemas[schema] as? [String: Any])
                    let properties = Set(try #require(described["properties"] as? [String: Any]).keys)
                    #expect(Set(object.keys).subtracting(properties).sorted() == [], "\(schema): keys the document does not name")
                    #expect(Set(described["required"] as? [String] ?? []).subtracting(object.keys).sorted() == [], "\(schema): required keys missing")
                }
                let legacy = try #require(try JSONSerialization.jsonObject(with: Data(try await browser.get("/api/v1/units/\(chuPuh.id.uuidString)", headers: auth).body.utf8)) as? [String: Any])
                #expect(legacy["valid_to"] as? String == "2025-06-30" && legacy["parent_id"] as? String != nil)
            }
        }
    }

    static func identity(_ app: TestApp, _ user: UserSummary) async throws -> Identity? {
        let token = try await app.services.accounts.startSession(for: try #require(try await User.find(user.id, on: app.database.db)), address: "test")
        return try await app.services.accounts.identity(sessionToken: token)
    }

    @Test("the OpenAPI document is served and names every API route")
    func openAPI() async throws {
        try await TestApp.run(units: false) { app in
            try await app.client { browser in
                let page = try await browser.get("/api/openapi.json")
                #expect(page.status == .ok)
                let document = try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any]
                let paths = try #require(document?["paths"] as? [String: Any])
                let api = buildRouter(app.services).routes.map(\.path.description).filter { $0.hasPrefix("/api/v1/") }
                #expect(api.count >= 9)
                for route in api {
                    #expect(paths[route] != nil, "\(route) is not in the OpenAPI document")
                }
                // The response schemas come from the Swift types, with the file's words kept.
                let schemas = try #require((document?["components"] as? [String: Any])?["schemas"] as? [String: Any])
                let letter = try #require(schemas["LetterBody"] as? [String: Any])
                let letterProperties = try #require(letter["properties"] as? [String: Any])
                #expect(Set(letterProperties.keys) == Set(RowColumns.of(LetterBody.self)))
                #expect((letterProperties["people_count"] as? [String: Any])?["type"] as? String == "integer")
                #expect((letter["required"] as? [String])?.contains("received_on") == true && (letter["required"] as? [String])?.contains("due_on") == false)
                let unit = try #require((schemas["Unit"] as? [String: Any])?["properties"] as? [String: Any])
                #expect(((unit["code"] as? [String: Any])?["description"] as? String)?.hasPrefix("Mã đơn vị hành chính") == true)
                #expect((unit["parent_id"] as? [String: Any])?["format"] as? String == "uuid")
            }
        }
    }

    @Test("/healthz answers ok and /metrics counts requests per route")
    func operations() async throws {
        try await TestApp.run(units: false) { app in
            try await app.client { browser in
                let health = try await browser.get("/healthz")
                #expect(health.status == .ok && health.body.contains("\"ok\""))
                _ = try await browser.get("/login")
                let metrics = try await browser.get("/metrics")
                #expect(metrics.status == .ok && metrics.body.contains("http_route=\"/login\""))
            }
        }
    }
}
