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
        // Dedicated OS threads rather than a dispatch queue: a queue's pool may hold the work back behind
        // the caller's own thread, and then the "parallel" fits run one after another.
        let done = DispatchSemaphore(value: 0)
        // Worker w takes jobs w, w + workers, …: a fixed assignment, no shared queue. Worker 0 is this thread.
        for worker in 1..<workers {
            let thread = Thread {
                for job in stride(from: worker, to: count, by: workers) { results.set(job, body(job)) }
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        for job in stride(from: 0, to: count, by: workers) { results.set(job, body(job)) }
        for _ in 1..<workers { done.wait() }
        return results.all
    }
}
