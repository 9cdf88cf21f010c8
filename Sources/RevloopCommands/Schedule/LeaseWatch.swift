internal import RevloopCore
internal import Synchronization

/// What the scheduler knows of its lease while it runs, shared by the lease keeper and the cycles.
///
/// A cycle runs only while the lease is this process's. If a renewal finds another holder, or renewals
/// have failed for most of a lease (the store cannot be reached, so a standby may take over once the
/// lease runs out), the running cycle is asked to stop: it starts no new batch and settles those in
/// flight, so two schedulers never send at once.
final class LeaseWatch: Sendable {
    private struct State {
        var lastRenewal: ContinuousClock.Instant?
        var cycle: StopRequest?
        var totals = ScheduleTotals()
    }

    private let state = Mutex(State())
    let duration: Duration

    init(duration: Duration) { self.duration = duration }

    /// A renewal (or acquisition) succeeded for this process. Returns whether it took the lease over.
    @discardableResult func renewed(at now: ContinuousClock.Instant, tookOver: Bool) -> Bool {
        state.withLock { state in
            state.lastRenewal = now
            state.totals.leaseHeld = true
            if tookOver { state.totals.takeovers += 1 }
            return tookOver
        }
    }

    /// Another process holds the lease: stop the running cycle, if any. Returns whether one was stopped.
    @discardableResult func lost() -> Bool {
        state.withLock { state in
            state.totals.leaseHeld = false
            guard let cycle = state.cycle, !cycle.isRequested else { return false }
            cycle.request()
            state.totals.leaseLost += 1
            return true
        }
    }

    /// A renewal failed (the store did not answer): the lease counts as lost once the last good renewal
    /// is older than five sixths of a lease, before a standby could take it.
    @discardableResult func renewalFailed(at now: ContinuousClock.Instant) -> Bool {
        let stale = state.withLock { state in
            state.totals.leaseHeld && (state.lastRenewal.map { now - $0 > duration * 5 / 6 } ?? true)
        }
        return stale ? lost() : false
    }

    /// Starts a cycle: its stop request, tripped by `lost()` or by `stopAll()`.
    func beginCycle() -> StopRequest {
        let stop = StopRequest()
        state.withLock { $0.cycle = stop }
        return stop
    }

    func endCycle(_ deliveries: [DestinationDelivery]?) {
        state.withLock { state in
            state.cycle = nil
            if let deliveries { state.totals.add(deliveries) } else { state.totals.cycles["failed", default: 0] += 1 }
        }
    }

    /// A signal: the running cycle stops too.
    func stopAll() { state.withLock { $0.cycle?.request() } }

    var totals: ScheduleTotals { state.withLock { $0.totals } }
}
