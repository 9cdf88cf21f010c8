import Foundation
import RevloopCore
import RevloopPersonalization
import RevloopStore
import Testing

/// Decisions logged concurrently (as the decision API logs them) are each committed before their append
/// returns, share transactions, and are read back complete and in sequence order.
@Suite struct DecisionLogGroupCommitTests {
    static func decision(_ sequence: Int64) -> LoggedDecision {
        LoggedDecision(
            sequence: sequence, decisionID: "d\(sequence)", visitorID: "v-\(sequence % 17)", surface: "homepage_hero",
            time: Timestamp(millisecondsSinceEpoch: 1_796_000_000_000 + sequence), mode: .policy,
            blocks: ["a", "b"], propensity: 0.5, eligibleBlocks: ["a", "b", "c"], features: [1, 4],
            policyVersion: "lints-1")
    }

    @Test func concurrentAppendsAreAllCommittedAndReadBackInOrder() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("revloop-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: folder.appendingPathComponent("store.sqlite").path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for sequence in Int64(1)...400 {
                group.addTask {
                    try await store.append(Self.decision(sequence))
                    // Committed before the append returned: a read sees it.
                    #expect(try await store.decision(id: "d\(sequence)") == Self.decision(sequence))
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.lastSequence() == 400)
        let all = try await store.decisions(after: 0, limit: 1_000)
        #expect(all.map(\.sequence) == Array(1...400))
        // A second store on the same file (a restart) reads the same log.
        let reopened = try SQLiteStore(path: folder.appendingPathComponent("store.sqlite").path)
        #expect(try await reopened.decisions(after: 0, limit: 1_000) == all)
    }
}
