internal import Synchronization

/// A request to stop at the next safe point, set from a signal handler and read by long work (delivery
/// starts no new batch once it is set, and settles those in flight).
public final class StopRequest: Sendable {
    private let requested = Atomic<Bool>(false)

    public init() {}

    public func request() { requested.store(true, ordering: .relaxed) }

    public var isRequested: Bool { requested.load(ordering: .relaxed) }
}
