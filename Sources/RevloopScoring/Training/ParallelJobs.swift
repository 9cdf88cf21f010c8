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

        /// Every job's value; `concurrentPerform` returns only after all jobs ran, so none is nil.
        var all: [Value] { values.compactMap { $0 } }
    }

    static func map<Value: Sendable>(
        count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> Value
    ) -> [Value] {
        guard threads > 1, count > 1 else { return (0..<count).map(body) }
        let results = Results<Value>(count: count)
        let workers = min(threads, count)
        // Worker w takes jobs w, w + workers, …: a fixed assignment, no shared queue.
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for job in stride(from: worker, to: count, by: workers) { results.set(job, body(job)) }
        }
        return results.all
    }
}
