import Testing
@testable import DanVanDomain

@Suite("InputLimits")
struct InputLimitsTests {

    @Test(arguments: ["", "   ", "\t\n"])
    func emptyQueries(_ raw: String) {
        #expect(InputLimits.searchQuery(raw) == .failure(.empty))
    }

    @Test func tooLongQuery() {
        let raw = String(repeating: "a", count: 10_000)
        #expect(InputLimits.searchQuery(raw) == .failure(.tooLong(max: 200)))
        #expect(InputLimits.searchQuery(String(repeating: "ư", count: 201)) == .failure(.tooLong(max: 200)))
        #expect(InputLimits.searchQuery(String(repeating: "ư", count: 200)) == .success(String(repeating: "u", count: 200)))
    }

    @Test func foldedQuery() {
        #expect(InputLimits.searchQuery("Chư Pưh") == .success("chu puh"))
        #expect(InputLimits.searchQuery("  CHƯ   PƯH ") == .success("chu puh"))
    }

    @Test func messages() {
        #expect(InputLimits.searchMaxLength == 200)
        #expect(SearchQueryProblem.empty.message == "Hãy nhập từ khóa tìm kiếm.")
        #expect(SearchQueryProblem.tooLong(max: 200).message == "Từ khóa quá dài (tối đa 200 ký tự).")
    }
}
