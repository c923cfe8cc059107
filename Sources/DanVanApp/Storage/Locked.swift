import Foundation

/// A value shared between threads that are not tasks of one actor (a key strategy
/// called inside SQLKit's decoder; a property read by `/healthz`): every access under one lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withValue<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
