internal import Foundation
public import RevloopCore
public import RevloopIdentity
public import RevloopStore

/// Keeps the stored persons up to date with the stored links, incrementally.
///
/// Only dirty identifiers (those whose links changed) are worked on: with the persons they belonged to
/// (so a retracted link can split a person) and whatever their links reach, stopping at shared
/// identifiers, which link nobody. That closure is resolved with the same `IdentityGraph` as a full
/// build, so the result equals a rebuild, at the cost of the changed part only.
public struct IdentityGraphUpdater: Sendable {
    public let store: any IdentityLinkStore
    public let policy: IdentityGraphPolicy

    public init(store: any IdentityLinkStore, policy: IdentityGraphPolicy = IdentityGraphPolicy()) {
        self.store = store
        self.policy = policy
    }

    /// What an update did.
    public struct Report: Sendable, Equatable, Codable {
        /// Identifiers that were dirty.
        public var dirty = 0
        /// Identifiers whose person was worked out (the dirty ones and what they reach).
        public var resolved = 0
        public var graph = IdentityGraphReport()

        public init() {}
    }

    /// Resolves every dirty identifier, `batchSize` at a time.
    public func update(batchSize: Int = 5_000) async throws -> Report {
        var report = Report()
        while true {
            let dirty = try await store.dirtyIdentifiers(limit: batchSize)
            guard !dirty.isEmpty else { return report }
            report.dirty += dirty.count
            let (persons, graph) = try await resolve(dirty)
            report.resolved += persons.count
            report.graph.unions += graph.unions
            report.graph.refusedShared += graph.refusedShared
            report.graph.refusedCRMConflict += graph.refusedCRMConflict
            report.graph.refusedCaps += graph.refusedCaps
            report.graph.refusedDeviceBridge += graph.refusedDeviceBridge
            try await store.saveResolution(persons, resolved: dirty)
        }
    }

    private func resolve(_ dirty: [String]) async throws -> ([String: String?], IdentityGraphReport) {
        var included = Set(dirty)
        let previous = Set(try await store.persons(of: dirty).values)
        included.formUnion(try await store.identifiers(inPersons: Array(previous)))
        var links = Set<IdentityLink>()
        var frontier = included
        while !frontier.isEmpty {
            let found = try await store.identityLinks(touching: Array(frontier))
            links.formUnion(found)
            let (personal, device) = Self.degrees(links)
            var next = Set<String>()
            for link in found {
                for (from, to) in [(link.left, link.right), (link.right, link.left)]
                where included.contains(from) && !included.contains(to) {
                    guard let kind = GraphIdentifier(from)?.kind,
                        !policy.isShared(
                            kind, personalLinks: personal[from, default: 0], deviceLinks: device[from, default: 0])
                    else { continue }
                    next.insert(to)
                }
            }
            included.formUnion(next)
            frontier = next
        }
        var graph = IdentityGraph(policy: policy)
        let edges = links.compactMap { link -> IdentityEdge? in
            guard let left = GraphIdentifier(link.left), let right = GraphIdentifier(link.right) else { return nil }
            return IdentityEdge(time: link.time.millisecondsSinceEpoch, left: left, right: right)
        }
        let graphReport = graph.add(edges)
        var persons: [String: String?] = [:]
        for identifier in included {
            persons[identifier] = GraphIdentifier(identifier).flatMap { graph.personID(of: $0) }
        }
        return (persons, graphReport)
    }

    /// Distinct personal and device neighbours of each identifier in `links`.
    static func degrees(_ links: Set<IdentityLink>) -> (personal: [String: Int], device: [String: Int]) {
        var personal: [String: Int] = [:]
        var device: [String: Int] = [:]
        for link in links {
            for (from, to) in [(link.left, link.right), (link.right, link.left)] {
                if GraphIdentifier(to)?.kind.isPersonal == true {
                    personal[from, default: 0] += 1
                } else {
                    device[from, default: 0] += 1
                }
            }
        }
        return (personal, device)
    }
}
