import DanVanDomain
import Foundation
import Hummingbird

/// A stored file sent back: typed from its bytes (for files stored before they were sniffed
/// too), always as a download, its name in ASCII and in UTF-8.
enum FileDownload {
    static func response(filename: String, data: [UInt8]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = FileKind.of(data, filename: filename)?.mimeType ?? "application/octet-stream"
        let ascii = String(filename.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
