internal import Synchronization

/// Group commit with a leader: a submitter that finds no write under way writes its item at once, on its
/// own thread, then writes together everything submitted meanwhile; a submitter that finds a write under
/// way waits for the leader to write its item in the next batch. Items are written in the order submitted,
/// and each submitter returns once the transaction holding its item has committed.
///
/// The decision API logs every decision before answering. One transaction per decision made SQLite's single
/// writer the queue a burst of requests waited in; an asynchronous write per decision added thread hops
/// that cost more than the insert at low load. The leader writes synchronously (a small insert) and a burst
/// costs a transaction or two.
final class GroupCommit<Item: Sendable>: Sendable {
    private struct State {
        var pending: [(item: Item, done: CheckedContinuation<Void, any Error>)] = []
        var isWriting = false
    }

    private let state = Mutex(State())
    private let write: @Sendable ([Item]) throws -> Void

    init(write: @escaping @Sendable ([Item]) throws -> Void) {
        self.write = write
    }

    func submit(_ item: Item) async throws {
        let leads = state.withLock { state -> Bool in
            guard !state.isWriting else { return false }
            state.isWriting = true
            return true
        }
        if leads {
            defer { drain() }
            try write([item])
            return
        }
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            let leadsNow = state.withLock { state -> Bool in
                // The leader may have finished between the two looks: then this submitter leads.
                guard state.isWriting else {
                    state.isWriting = true
                    return true
                }
                state.pending.append((item, done))
                return false
            }
            if leadsNow {
                do {
                    try write([item])
                    done.resume()
                } catch {
                    done.resume(throwing: error)
                }
                drain()
            }
        }
    }

    /// Writes what was submitted while the leader wrote, in batches, until nothing is pending.
    private func drain() {
        while true {
            let batch = state.withLock { state -> [(item: Item, done: CheckedContinuation<Void, any Error>)] in
                let batch = state.pending
                state.pending = []
                if batch.isEmpty { state.isWriting = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                try write(batch.map(\.item))
                for entry in batch { entry.done.resume() }
            } catch {
                for entry in batch { entry.done.resume(throwing: error) }
            }
        }
    }
}
