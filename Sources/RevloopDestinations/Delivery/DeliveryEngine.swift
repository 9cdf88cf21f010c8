internal import Foundation
public import RevloopCore
public import RevloopHTTP

/// Delivers one platform's planned operations exactly once, through the ledger.
///
/// Each request's operations are recorded as `sending` (one transaction) before the request leaves and
/// settled (one transaction) after its answer, so a crash at any point leaves every operation either
/// settled or `sending`, and a resumed run knows which. Answers are read by the platform's
/// `PlatformAnswers`: events a fast-fail platform names as bad are settled as rejected and the rest sent
/// again; a refusal that names no event is split in halves until the culprit is alone; passing failures
/// are retried within the `RetryPolicy`, then left `retrying` for the next run and dead-lettered after
/// `deadLetterAfter` attempts across runs. One bad event never fails the others.
public struct DeliveryEngine: Sendable {
    public var transport: any HTTPTransport
    public var ledger: any LedgerStore
    public var renderer: any WireRenderer
    public var answers: any PlatformAnswers
    public var options: WireOptions
    public var settings: DeliverySettings
    public var delayClock: any DelayClock
    public var wallClock: any WallClock
    /// The platform's request quota, shared by everything that sends to it.
    public var limiter: SlidingWindowLimiter?
    /// Where the access token comes from; `nil` sends `options.authorization` as it is.
    public var tokens: (any AccessTokenSource)?
    /// Once requested, no new batch starts; the batches in flight are answered and settled.
    public var stop: StopRequest?
    /// The goals paused right now (`"*"`: the whole destination), asked before each batch, so a kill
    /// switch takes effect within one batch.
    public var pausedGoals: (@Sendable () async -> Set<String>)?

    public init(
        platform: Platform, transport: any HTTPTransport, ledger: any LedgerStore, options: WireOptions,
        settings: DeliverySettings = DeliverySettings(), delayClock: any DelayClock = SystemDelayClock(),
        wallClock: any WallClock = SystemWallClock(), limiter: SlidingWindowLimiter? = nil,
        tokens: (any AccessTokenSource)? = nil
    ) {
        self.tokens = tokens
        self.transport = transport
        self.ledger = ledger
        self.renderer = WireRenderers.renderer(for: platform)
        self.answers = PlatformAnswersCatalog.answers(for: platform)
        self.options = options
        self.settings = settings
        self.delayClock = delayClock
        self.wallClock = wallClock
        self.limiter = limiter
    }

    public var platform: Platform { renderer.platform }

    /// The platform stopped answering usefully for this run (credentials, version, allowlist).
    struct Stopped: Error {}

    /// What one batch's delivery carries through its retries and splits.
    struct Run: Sendable {
        var summary: DeliverySummary
        var known: [DedupKey: LedgerEntry]
        var jitter: SeededRandomNumberGenerator
        var requestIDs: [String] = []
        var stopped = false
    }

    /// Sends `operations` (this platform's; others are ignored) and returns what happened. `known` is the
    /// ledger as it was before the run (attempts and what the platform held), keyed by dedup key.
    /// Up to `settings.requestsInFlight` requests are in flight at once, so the ledger's work on one
    /// answer overlaps the platform's work on the next request. `progress` gets the running summary after
    /// every request.
    public func deliver(
        _ operations: [PlannedOperation], known: [DedupKey: LedgerEntry],
        progress: (DeliverySummary) -> Void = { _ in }
    ) async throws -> DeliverySummary {
        var summary = DeliverySummary(platform: platform)
        var requestIDs: [String] = []
        let batches = WireBatcher.batches(
            of: operations.filter { $0.sends && $0.platform == platform }, renderer: renderer, options: options)

        try await withThrowingTaskGroup(of: Run.self) { group in
            var next = 0
            var stopped = false
            func start() {
                guard next < batches.count, !stopped, stop?.isRequested != true else { return }
                let batch = batches[next]
                let initial = Run(
                    summary: DeliverySummary(platform: platform),
                    known: Dictionary(
                        batch.compactMap { operation in known[operation.key].map { (operation.key, $0) } },
                        uniquingKeysWith: { first, _ in first }),
                    jitter: SeededRandomNumberGenerator(seed: settings.jitterSeed &+ UInt64(next)))
                next += 1
                group.addTask {
                    var run = initial
                    var batch = batch
                    if let pausedGoals {
                        let paused = await pausedGoals()
                        let kept = paused.contains("*") ? [] : batch.filter { !paused.contains($0.goal) }
                        run.summary.paused = batch.count - kept.count
                        batch = kept
                    }
                    run.summary.sent = batch.count
                    do {
                        try await send(batch, run: &run)
                    } catch is Stopped {
                        run.stopped = true
                    }
                    return run
                }
            }
            for _ in 0..<max(1, settings.requestsInFlight) { start() }
            while let run = try await group.next() {
                summary.merge(run.summary)
                requestIDs += run.requestIDs
                // The operations of batches never sent stay unrecorded: the next run plans them again.
                stopped = stopped || run.stopped
                progress(summary)
                start()
            }
        }
        if platform == .googleDataManager, !options.validateOnly {
            await pollStatuses(requestIDs, summary: &summary)
        }
        return summary
    }

    /// Sends one batch: records it as sending, sends with retries, settles every operation.
    private func send(_ batch: [PlannedOperation], run: inout Run) async throws {
        guard !batch.isEmpty else { return }
        let requests = renderer.requests(for: batch, options: options)
        guard requests.count == 1, let wire = requests.first, let url = URL(string: wire.url) else {
            // A batch always renders as one request; anything else is a bug, reported per event.
            try await settle(batch, as: .rejected(code: "RENDER_FAILED"), requestID: nil, run: &run)
            return
        }
        var headers: [String: String] = [:]
        for header in wire.headers { headers[header.name] = header.value }
        var request = HTTPRequest(
            method: wire.method, url: url, headers: headers, body: Data(wire.body), timeout: settings.requestTimeout)
        try await record(batch, state: .sending, codes: [:], requestID: nil, run: &run, note: "sending")
        let started = delayClock.now()
        var attempt = 1
        var refreshed = false
        while true {
            if let tokens {
                do {
                    request.headers["Authorization"] =
                        "Bearer " + (try await tokens.accessToken(refresh: false)).reveal()
                } catch {
                    try await stop(batch, code: "NO_TOKEN", advice: error.message, run: &run)
                }
            }
            try await limiter?.acquire()
            run.summary.requests += 1
            let outcome: RequestOutcome
            do {
                let sentAt = ContinuousClock.now
                let response = try await transport.send(request)
                run.summary.latency.record(ContinuousClock.now - sentAt)
                outcome = answers.outcome(of: response, eventCount: batch.count)
            } catch {
                if error.kind == .notConnected || answers.deduplicatesResends || settings.resendInDoubt {
                    outcome = .retryable(code: error.kind == .timedOut ? "TIMEOUT" : "NO_ANSWER", after: nil)
                } else {
                    // The request may have been ingested and LinkedIn would count a resend twice.
                    run.summary.inDoubt += batch.count
                    try await record(
                        batch, state: .deadLetter,
                        codes: Dictionary(uniqueKeysWithValues: batch.map { ($0.key, "IN_DOUBT") }),
                        requestID: nil, run: &run,
                        note: "no answer; not resent: \(platform.rawValue) does not deduplicate")
                    return
                }
            }
            switch outcome {
            case .delivered(let requestID, let exceptions):
                if let requestID { run.requestIDs.append(requestID) }
                try await settle(batch, exceptions: exceptions, requestID: requestID, run: &run)
                return
            case .refused(let code, let located):
                if !located.isEmpty {
                    let refused = located.compactMap { index, code in index < batch.count ? (batch[index], code) : nil }
                    for (operation, code) in refused {
                        try await settle([operation], as: .rejected(code: code), requestID: nil, run: &run)
                    }
                    let rest = batch.enumerated().filter { located[$0.offset] == nil }.map(\.element)
                    try await send(rest, run: &run)
                } else if batch.count == 1 {
                    try await settle(batch, as: .rejected(code: code), requestID: nil, run: &run)
                } else {
                    let middle = batch.count / 2
                    try await send(Array(batch[..<middle]), run: &run)
                    try await send(Array(batch[middle...]), run: &run)
                }
                return
            case .retryable(let code, let after):
                let unit = Double.random(in: 0..<1, using: &run.jitter)
                if stop?.isRequested != true,
                    let wait = settings.retry.delay(
                        afterAttempt: attempt, elapsed: delayClock.now() - started, retryAfter: after, unit: unit)
                {
                    run.summary.retries += 1
                    attempt += 1
                    bumpAttempts(batch, run: &run)
                    try await pause(wait)
                    // Asked to stop while waiting: the batch waits as retrying for the next run.
                    if stop?.isRequested == true {
                        try await settle(batch, as: .retry(code: code), requestID: nil, run: &run)
                        return
                    }
                    continue
                }
                try await settle(batch, as: .retry(code: code), requestID: nil, run: &run)
                return
            case .unauthorized(let code):
                guard !refreshed, let tokens else {
                    try await stop(
                        batch, code: code,
                        advice:
                            "the access token was refused: renew it, or configure refresh_token, client_id and client_secret",
                        run: &run)
                }
                refreshed = true
                do {
                    _ = try await tokens.accessToken(refresh: true)
                } catch {
                    try await stop(batch, code: code, advice: error.message, run: &run)
                }
            case .stopped(let code, let advice):
                try await stop(batch, code: code, advice: advice, run: &run)
            }
        }
    }

    /// Waits `duration`, in slices when a stop can be requested, so a stop never waits out a long
    /// `Retry-After`.
    private func pause(_ duration: Duration) async throws {
        guard let stop else { return try await delayClock.sleep(for: duration) }
        var left = duration
        while left > .zero, !stop.isRequested {
            let slice = min(left, .milliseconds(250))
            try await delayClock.sleep(for: slice)
            left -= slice
        }
    }

    /// Stops this destination for the run: the batch waits as retrying, the rest is never recorded.
    private func stop(_ batch: [PlannedOperation], code: String, advice: String, run: inout Run) async throws -> Never {
        run.summary.stopped = "\(code): \(advice)"
        try await settle(batch, as: .retry(code: code), requestID: nil, run: &run)
        throw Stopped()
    }

    private func bumpAttempts(_ batch: [PlannedOperation], run: inout Run) {
        for operation in batch { run.known[operation.key]?.attempts += 1 }
    }

    private func settle(
        _ batch: [PlannedOperation], exceptions: [Int: EventVerdict] = [:], requestID: String?, run: inout Run
    ) async throws {
        try await settle(
            batch, verdicts: batch.indices.map { exceptions[$0] ?? .accepted(duplicate: false) }, requestID: requestID,
            run: &run)
    }

    private func settle(_ batch: [PlannedOperation], as verdict: EventVerdict, requestID: String?, run: inout Run)
        async throws
    {
        try await settle(
            batch, verdicts: Array(repeating: verdict, count: batch.count), requestID: requestID, run: &run)
    }

    /// Settles each operation by its verdict, in one ledger transaction, and counts it.
    private func settle(
        _ batch: [PlannedOperation], verdicts: [EventVerdict], requestID: String?, run: inout Run
    ) async throws {
        let now = wallClock.now()
        var entries: [LedgerEntry] = []
        entries.reserveCapacity(batch.count)
        for (operation, verdict) in zip(batch, verdicts) {
            guard var entry = run.known[operation.key] ?? entry(for: operation, now: now) else { continue }
            entry.updatedAt = now
            entry.requestID = requestID ?? entry.requestID
            switch verdict {
            case .accepted(let duplicate):
                run.summary.accepted += 1
                if duplicate { run.summary.duplicates += 1 }
                switch operation.action {
                case .restate: entry.state = .restated
                case .retract: entry.state = .retracted
                default: entry.state = .accepted
                }
                entry.value = operation.event?.value ?? entry.value
                entry.lastCode = duplicate ? "DUPLICATE" : nil
            case .rejected(let code):
                run.summary.rejected[code, default: 0] += 1
                entry.state = .rejected
                entry.lastCode = code
            case .retry(let code):
                entry.lastCode = code
                if entry.attempts >= settings.deadLetterAfter {
                    entry.state = .deadLetter
                    run.summary.deadLettered += 1
                } else {
                    entry.state = .retrying
                    run.summary.retrying += 1
                }
            }
            run.known[operation.key] = entry
            entries.append(entry)
        }
        if settings.recordsInLedger { try await ledger.record(entries, note: "settled") }
    }

    /// Records the batch in one state (sending, or dead letter when in doubt), counting an attempt when
    /// the batch is about to be sent.
    private func record(
        _ batch: [PlannedOperation], state: LedgerEntry.State, codes: [DedupKey: String], requestID: String?,
        run: inout Run, note: String
    ) async throws {
        let now = wallClock.now()
        var entries: [LedgerEntry] = []
        entries.reserveCapacity(batch.count)
        for operation in batch {
            guard var entry = entry(for: operation, now: now) else { continue }
            let prior = run.known[operation.key]
            entry.attempts = (prior?.attempts ?? 0) + (state == .sending ? 1 : 0)
            entry.state = state
            entry.lastCode = codes[operation.key]
            entry.requestID = requestID ?? prior?.requestID
            run.known[operation.key] = entry
            entries.append(entry)
        }
        guard settings.recordsInLedger else { return }
        // The in-flight mark needs no history row: the answer's row carries the attempts.
        if state == .sending {
            try await ledger.markInFlight(entries)
        } else {
            try await ledger.record(entries, note: note)
        }
    }

    /// A fresh entry for an operation, its value the one being sent and `heldBefore` what the platform
    /// held (restatements and retractions), so a resumed run can tell them from first uploads.
    private func entry(for operation: PlannedOperation, now: Timestamp) -> LedgerEntry? {
        guard let event = operation.event else { return nil }
        let held: Money? =
            switch operation.action {
            case .restate(let previous), .retract(let previous): previous
            default: nil
            }
        return LedgerEntry(
            key: operation.key, platform: operation.platform, goal: operation.goal, connector: event.connector,
            dealID: operation.dealID, stageID: operation.stageID, state: .planned, value: event.value, updatedAt: now,
            heldBefore: held, modelVersion: event.modelVersion)
    }

    /// Asks Data Manager how each request it accepted was processed (duplicates, too old, no click),
    /// this run's and those still processing when an earlier run asked, records the answers in the ledger
    /// and counts the reasons; requests still processing are counted as pending and asked again next run.
    private func pollStatuses(_ requestIDs: [String], summary: inout DeliverySummary) async {
        let earlier =
            settings.recordsInLedger ? (try? await ledger.pendingRequestStatuses(platform: platform)) ?? [] : []
        let base = options.baseURL ?? "https://datamanager.googleapis.com"
        var authorization = options.authorization
        if let tokens, let token = try? await tokens.accessToken(refresh: false) {
            authorization = "Bearer " + token.reveal()
        }
        var statuses: [RequestStatus] = []
        for id in earlier.map(\.requestID) + requestIDs {
            var status = RequestStatus(
                requestID: id, platform: platform, state: "UNKNOWN", records: 0, errors: [:], checkedAt: wallClock.now()
            )
            if let encoded = id.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed),
                let url = URL(string: "\(base)/v1/requestStatus:retrieve?requestId=\(encoded)"),
                let response = try? await transport.send(
                    HTTPRequest(method: "GET", url: url, headers: ["Authorization": authorization])),
                response.status == 200,
                let body = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
            {
                for destination in body["requestStatusPerDestination"] as? [[String: Any]] ?? [] {
                    status.state = destination["requestStatus"] as? String ?? status.state
                    let ingested = (destination["eventsIngestionStatus"] as? [String: Any])?["recordCount"]
                    status.records += Int(ingested as? String ?? "") ?? 0
                    let errorInfo = destination["errorInfo"] as? [String: Any]
                    for count in errorInfo?["errorCounts"] as? [[String: Any]] ?? [] {
                        let reason = (count["reason"] as? String ?? "UNKNOWN").replacingOccurrences(
                            of: "PROCESSING_ERROR_REASON_", with: "")
                        status.errors[reason, default: 0] += Int(count["recordCount"] as? String ?? "") ?? 0
                    }
                }
            }
            if status.isPending { summary.processingPending += 1 }
            summary.processing.merge(status.errors, uniquingKeysWith: +)
            statuses.append(status)
        }
        if settings.recordsInLedger { try? await ledger.recordRequestStatuses(statuses) }
    }
}
