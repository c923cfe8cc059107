import DanVanDomain
import Foundation
import Hummingbird

extension Response {
    /// A stored file sent as a download: typed from its bytes, its name kept (ASCII and UTF-8).
    static func download(_ data: [UInt8], filename: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = FileKind.of(data, filename: filename)?.mimeType ?? "application/octet-stream"
        let ascii = String(filename.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
