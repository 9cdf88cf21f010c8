public import RevloopConnectors
public import RevloopCore
public import RevloopStore

/// A connector under the `CRMSourceConformance` checks: how to make a fresh source on the same data, and
/// what a full pull of it must hold.
public struct CRMSourceConformanceSubject: Sendable {
    /// A source on the same unchanged data each time (each pull in a check makes its own), given the store it
    /// pulls into (a source that reconciles against what the store holds reads it).
    public var makeSource: @Sendable (any SnapshotRoster) throws -> any CRMSource
    /// The connector's name, as the store keys its records.
    public var connector: ConnectorName
    /// The instant every pull runs at.
    public var asOf: Timestamp
    /// The instant of the second pull of `aSecondPullFindsNothingNew` (later than `asOf` for API sources,
    /// whose look-back overlap then re-reads recent records and must find them unchanged).
    public var secondPullAsOf: Timestamp
    /// The store's counts after one full pull, when the subject knows them.
    public var expectedCounts: SnapshotCounts?
    /// The pages (0-based) whose commit fails in `aCrashedPullResumesWithoutLossOrDuplicates`, one crashed
    /// pull each; every one must be below the number of pages a full pull commits.
    public var crashAfterPages: [Int]
    /// Merges contacts in the CRM (between `asOf` and `secondPullAsOf`) and says which; `nil` for a source that
    /// has no merges (a file export). Each merge's loser must have click ids and a deal of its own.
    public var mergeContacts: (@Sendable () async throws -> [ContactMerge])?

    public init(
        connector: ConnectorName, asOf: Timestamp, secondPullAsOf: Timestamp? = nil,
        expectedCounts: SnapshotCounts? = nil, crashAfterPages: [Int] = [0, 1, 3],
        mergeContacts: (@Sendable () async throws -> [ContactMerge])? = nil,
        makeSource: @escaping @Sendable () throws -> any CRMSource
    ) {
        self.init(
            connector: connector, asOf: asOf, secondPullAsOf: secondPullAsOf, expectedCounts: expectedCounts,
            crashAfterPages: crashAfterPages, mergeContacts: mergeContacts, makeSourceReading: { _ in try makeSource() }
        )
    }

    /// A subject whose sources read the store they pull into.
    public init(
        connector: ConnectorName, asOf: Timestamp, secondPullAsOf: Timestamp? = nil,
        expectedCounts: SnapshotCounts? = nil, crashAfterPages: [Int] = [0, 1, 3],
        mergeContacts: (@Sendable () async throws -> [ContactMerge])? = nil,
        makeSourceReading makeSource: @escaping @Sendable (any SnapshotRoster) throws -> any CRMSource
    ) {
        self.makeSource = makeSource
        self.mergeContacts = mergeContacts
        self.connector = connector
        self.asOf = asOf
        self.secondPullAsOf = secondPullAsOf ?? asOf
        self.expectedCounts = expectedCounts
        self.crashAfterPages = crashAfterPages
    }
}
