internal import Foundation
internal import RevloopCore
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

    /// Resolves every dirty identifier, `batchSize` at a time; when more than `rebuildThreshold` are
    /// dirty (a first pull), rebuilds the whole graph in one streamed pass instead.
    @discardableResult
    public func update(batchSize: Int = 5_000, rebuildThreshold: Int = 100_000) async throws -> Report {
        let dirtyCount = try await store.dirtyCount()
        if dirtyCount > rebuildThreshold { return try await rebuild(dirty: dirtyCount) }
        var report = Report()
        while true {
            let dirty = try await store.dirtyIdentifiers(limit: batchSize)
            guard !dirty.isEmpty else { return report }
            report.dirty += dirty.count
            let (persons, graph) = try await resolve(dirty)
            report.resolved += persons.count
            report.graph.add(graph)
            try await store.saveResolution(persons, resolved: dirty)
        }
    }

    /// The whole graph from every stored link: degrees first, then links in time order, then every
    /// identifier's person written in one transaction (which also clears every dirty mark).
    func rebuild(dirty: Int) async throws -> Report {
        var graph = IdentityGraph(policy: policy)
        try await store.forEachIdentityLink(batchSize: 50_000) { graph.countLinks(Self.edges($0)) }
        var report = Report()
        report.dirty = dirty
        var pending: [IdentityEdge] = []
        var pendingTime: Int64?
        func flush() {
            let applied = graph.applyCounted(pending)
            report.graph.add(applied)
            pending.removeAll(keepingCapacity: true)
        }
        try await store.forEachIdentityLink(batchSize: 50_000) { links in
            // Links arrive in time order; a batch is applied only up to a change of time, so edges with
            // equal times are always sorted together, as one large batch would sort them.
            for edge in Self.edges(links) {
                if let time = pendingTime, time != edge.time, pending.count >= 50_000 { flush() }
                pending.append(edge)
                pendingTime = edge.time
            }
        }
        flush()
        var resolved = 0
        try await store.replaceAllPersons(batchSize: 50_000) { identifiers in
            var persons: [String: String] = [:]
            for identifier in identifiers {
                if let person = GraphIdentifier(identifier).flatMap({ graph.personID(of: $0) }) {
                    persons[identifier] = person
                }
            }
            resolved += persons.count
            return persons
        }
        report.resolved = resolved
        return report
    }

    static func edges(_ links: [IdentityLink]) -> [IdentityEdge] {
        links.compactMap { link in
            guard let left = GraphIdentifier(link.left), let right = GraphIdentifier(link.right) else { return nil }
            return IdentityEdge(time: link.time.millisecondsSinceEpoch, left: left, right: right)
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
        let graphReport = graph.add(Self.edges(Array(links)))
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
