internal import Dispatch
internal import Foundation

/// Runs independent fits (the inner folds, the final model) on up to `threads` threads. Each job writes
/// only its own slot, so the results, and the model, are the same whatever the thread count or timing.
enum ParallelJobs {
    private final class Results<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Value?]

        init(count: Int) { values = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: Value) {
            lock.lock()
            values[index] = value
            lock.unlock()
        }

        /// Every job's value; read after every worker finished, so none is nil.
        var all: [Value] {
            lock.lock()
            defer { lock.unlock() }
            return values.compactMap { $0 }
        }
    }

    static func map<Value: Sendable>(
        count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> Value
    ) -> [Value] {
        guard threads > 1, count > 1 else { return (0..<count).map(body) }
        let results = Results<Value>(count: count)
        let workers = min(threads, count)
        let group = DispatchGroup()
        // Worker w takes jobs w, w + workers, …: a fixed assignment, no shared queue. Worker 0 is this thread.
        for worker in 1..<workers {
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                for job in stride(from: worker, to: count, by: workers) { results.set(job, body(job)) }
            }
        }
        for job in stride(from: 0, to: count, by: workers) { results.set(job, body(job)) }
        group.wait()
        return results.all
    }
}
