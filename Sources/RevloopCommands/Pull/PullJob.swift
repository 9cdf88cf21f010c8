internal import Foundation
public import Logging
public import RevloopConnectors
public import RevloopCore
public import RevloopStore

/// Pulls every given source into the store, page by page, committing each page with its cursors.
public struct PullJob: Sendable {
    public let store: any SnapshotStore
    public let sources: [any CRMSource]
    public let asOf: Timestamp
    /// Brings the stored persons up to date with the links the pull changed, after the pages are in.
    public let identity: IdentityGraphUpdater?
    /// Logs counts and ids only: never a record's content.
    public let logger: Logger

    public init(
        store: any SnapshotStore, sources: [any CRMSource], asOf: Timestamp, identity: IdentityGraphUpdater? = nil,
        logger: Logger = Logger(label: "revloop.pull", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.store = store
        self.sources = sources
        self.asOf = asOf
        self.identity = identity
        self.logger = logger
    }

    /// Runs the pull. `onPage` sees each committed page (for progress and diagnostics).
    public func run(onPage: (CRMPage) -> Void = { _ in }) async throws -> PullSummary {
        var summary = PullSummary()
        for source in sources {
            var connector = PullSummary.Connector(name: source.name.rawValue)
            let cursors = try await store.cursors(connector: source.name)
            logger.info(
                "pull started",
                metadata: ["connector.name": "\(source.name)", "cursor.streams": "\(cursors.count)"])
            try await source.pull(from: cursors, asOf: asOf) { page in
                let outcome = try await store.apply(page.batch, cursors: page.cursors)
                logger.debug(
                    "page committed",
                    metadata: [
                        "connector.name": "\(source.name)", "stream": "\(page.progress.stream)",
                        "batch.records": "\(page.batch.recordCount)", "batch.diagnostics": "\(page.diagnostics.count)",
                        "batch.changed": "\(outcome.total.changed)", "stream.offset": "\(page.progress.completed)",
                    ])
                connector.outcome.add(outcome)
                connector.recordsRead +=
                    page.batch.recordCount + page.diagnostics.filter { $0.severity == .error }.count
                for diagnostic in page.diagnostics {
                    switch diagnostic.severity {
                    case .error: connector.rejected += 1
                    case .warning: connector.warnings += 1
                    case .note: break
                    }
                }
                onPage(page)
            }
            logger.info(
                "pull finished",
                metadata: [
                    "connector.name": "\(source.name)", "records.read": "\(connector.recordsRead)",
                    "records.changed": "\(connector.outcome.total.changed)",
                    "records.rejected": "\(connector.rejected)",
                ])
            summary.connectors.append(connector)
        }
        if let identity {
            // Links were written with their pages; persons are derived from them, so a crash before this
            // point leaves the changed identifiers marked and the next pull resolves them.
            summary.identity = try await identity.update()
            logger.info(
                "identity graph updated",
                metadata: [
                    "identity.dirty": "\(summary.identity?.dirty ?? 0)",
                    "identity.resolved": "\(summary.identity?.resolved ?? 0)",
                ])
        }
        return summary
    }
}

/// What a pull did, per connector.
public struct PullSummary: Sendable, Codable, Equatable {
    public struct Connector: Sendable, Codable, Equatable {
        public var name: String
        public var outcome = ApplyOutcome()
        /// Rows read, whether they loaded or were rejected.
        public var recordsRead = 0
        /// Rows rejected with an error diagnostic.
        public var rejected = 0
        /// Warnings (a row kept without a field, such as an unusable phone number).
        public var warnings = 0

        public init(name: String) { self.name = name }

        enum CodingKeys: String, CodingKey {
            case name, outcome, rejected, warnings
            case recordsRead = "records_read"
        }
    }

    public var connectors: [Connector] = []
    /// What the identity graph update did, when the pull ran one.
    public var identity: IdentityGraphUpdater.Report?

    public init() {}

    /// Records new to the store (inserted or updated) across connectors.
    public var changed: Int { connectors.reduce(0) { $0 + $1.outcome.total.changed } }
    public var rejected: Int { connectors.reduce(0) { $0 + $1.rejected } }
}
