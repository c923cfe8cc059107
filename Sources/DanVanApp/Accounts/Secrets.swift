import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Random tokens, their stored hashes, and password hashing off the event loop.
enum Secrets {
    /// A URL-safe random token of `bytes` random bytes.
    /// The bytes come from the system generator eight at a time (swift-crypto's random key);
    /// drawn one by one, each was a `getrandom` call: 2,5% of the CPU of a page served to a
    /// visitor not signed in.
    static func token(bytes: Int = 32) -> String {
        let data = SymmetricKey(size: SymmetricKeySize(bitCount: bytes * 8)).withUnsafeBytes { Data($0) }
        var url = ""
        url.unicodeScalars.reserveCapacity(bytes * 4 / 3 + 2)
        for scalar in data.base64EncodedString().unicodeScalars {
            switch scalar {
            case "+": url.unicodeScalars.append("-")
            case "/": url.unicodeScalars.append("_")
            case "=": continue
            default: url.unicodeScalars.append(scalar)
            }
        }
        return url
    }

    /// What the database keeps of a token: its SHA-256, hex.
    static func hash(token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    /// Bytes as lowercase hex (a SHA-256 as 64 characters).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A one-time password people can read aloud and type: no 0/O, 1/l/I.
    static func oneTimePassword(length: Int = 12) -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    static func hashPassword(_ password: String, cost: Int) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: UInt8(cost)) }
    }

    static func verifyPassword(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Compares two secrets in time independent of where they differ.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
