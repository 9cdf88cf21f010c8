/// Persons formed by the union of shared identifiers, with over-merge guards (`IdentityGraphPolicy`).
///
/// Pure and in memory: identifiers are kept as 64-bit fingerprints in struct-of-arrays form (about
/// 26 bytes an identifier plus the index), so a million-contact graph stays small. Edges are applied
/// oldest first; an edge that would break a guard is refused and counted, and its identifiers keep the
/// person they already had (merge protection in the order of evidence, as Segment's algorithm does).
/// A person is named after its smallest fingerprint, so ids do not depend on the order edges arrive in.
public struct IdentityGraph: Sendable {
    public let policy: IdentityGraphPolicy

    private var index = FingerprintIndex()
    private var fingerprints: [UInt64] = []
    private var kinds: [GraphIdentifier.Kind] = []
    private var parent: [Int32] = []
    private var rank: [UInt8] = []
    /// Distinct personal identifiers (email, phone, CRM) and devices (cookies, visitors, click ids)
    /// linked to this one (saturating).
    private var personalDegree: [UInt16] = []
    private var deviceDegree: [UInt16] = []
    /// Per root: emails and phones in the person (saturating).
    private var emails: [UInt8] = []
    private var phones: [UInt8] = []
    /// Per root: the member with the smallest fingerprint, which names the person.
    private var anchor: [Int32] = []
    /// Per root: one bit per CRM connector with a record in the person.
    private var crmConnectors: [UInt32] = []
    /// CRM connector name fingerprints to their bit (32 connectors at most; more share the last bit,
    /// which can only refuse merges, never make one).
    private var connectorBits: [UInt64: UInt32] = [:]

    public init(policy: IdentityGraphPolicy = IdentityGraphPolicy()) { self.policy = policy }

    /// Identifiers in the graph.
    public var identifierCount: Int { fingerprints.count }

    /// Applies edges.
    ///
    /// Guards see the degrees of every edge added so far, this batch included: within one batch an
    /// identifier that turns out to be shared links nobody, whatever the edges' order. An edge repeated
    /// within a batch counts once; the store (not this type) dedupes edges across batches.
    @discardableResult
    public mutating func add(_ edges: [IdentityEdge]) -> IdentityGraphReport {
        var report = IdentityGraphReport()
        report.edgesRead = edges.count
        reserve(newIdentifiers: edges.count * 2)
        // Distinct pairs (each link counts once, at its earliest time), found with a per-batch table.
        var distinct: [PendingEdge] = []
        distinct.reserveCapacity(edges.count)
        var pairs = FingerprintIndex(minimumCapacity: edges.count)
        for edge in edges {
            let left = node(edge.left)
            let right = node(edge.right)
            guard left != right else {
                report.duplicates += 1
                continue
            }
            let (a, b) = (edge.left.fingerprint, edge.right.fingerprint)
            let pending = PendingEdge(time: edge.time, low: min(a, b), high: max(a, b), left: left, right: right)
            let pairKey = (pending.low &* 0x9E37_79B9_7F4A_7C15) ^ pending.high
            if let seen = pairs[pairKey] {
                report.duplicates += 1
                if pending.isEarlier(than: distinct[Int(seen)]) { distinct[Int(seen)] = pending }
                continue
            }
            pairs.insert(pairKey, Int32(distinct.count))
            distinct.append(pending)
            countLink(from: left, to: right)
            countLink(from: right, to: left)
        }
        pairs = FingerprintIndex()
        // Edges usually arrive in time order already; sort only when they do not.
        if zip(distinct, distinct.dropFirst()).contains(where: { $1.isEarlier(than: $0) }) {
            distinct.sort { $0.isEarlier(than: $1) }
        }
        for edge in distinct { apply(edge.left, edge.right, report: &report) }
        return report
    }

    /// First pass of a build too large for one batch: registers identifiers and counts their links.
    /// `edges` must be distinct pairs across all calls (a store's links grouped by pair).
    public mutating func countLinks(_ edges: [IdentityEdge]) {
        reserve(newIdentifiers: edges.count * 2)
        for edge in edges {
            let left = node(edge.left)
            let right = node(edge.right)
            guard left != right else { continue }
            countLink(from: left, to: right)
            countLink(from: right, to: left)
        }
    }

    /// Second pass: applies counted edges. Calls must come in time order; within a call the edges are
    /// sorted as `add` sorts them, so a streamed build equals a one-batch build.
    @discardableResult
    public mutating func applyCounted(_ edges: [IdentityEdge]) -> IdentityGraphReport {
        var report = IdentityGraphReport()
        report.edgesRead = edges.count
        var pending: [PendingEdge] = []
        pending.reserveCapacity(edges.count)
        for edge in edges {
            let left = node(edge.left)
            let right = node(edge.right)
            guard left != right else { continue }
            let (a, b) = (edge.left.fingerprint, edge.right.fingerprint)
            pending.append(PendingEdge(time: edge.time, low: min(a, b), high: max(a, b), left: left, right: right))
        }
        pending.sort { $0.isEarlier(than: $1) }
        for edge in pending { apply(edge.left, edge.right, report: &report) }
        return report
    }

    private struct PendingEdge {
        let time: Int64
        let low: UInt64
        let high: UInt64
        let left: Int32
        let right: Int32

        /// Time order, ties broken by fingerprints, so any input order applies edges alike.
        func isEarlier(than other: PendingEdge) -> Bool { (time, low, high) < (other.time, other.low, other.high) }
    }

    /// The person an identifier belongs to, `p-` and 16 hex digits; `nil` for one the graph has not seen.
    public func personID(of identifier: GraphIdentifier) -> String? {
        guard let node = index[identifier.fingerprint] else { return nil }
        return Self.personID(fingerprints[Int(anchor[Int(root(node))])])
    }

    /// Whether an identifier is shared so widely that it links nobody.
    public func isShared(_ identifier: GraphIdentifier) -> Bool {
        guard let node = index[identifier.fingerprint] else { return false }
        return isBlocked(node)
    }

    /// The fingerprints of every identifier in the same person as `identifier` (a scan: for `show`).
    public func members(of identifier: GraphIdentifier) -> [UInt64] {
        guard let node = index[identifier.fingerprint] else { return [] }
        let person = root(node)
        return (0..<Int32(fingerprints.count)).filter { root($0) == person }.map { fingerprints[Int($0)] }
    }

    /// Every identifier's person: fingerprint to person id.
    public func persons() -> [UInt64: String] {
        var result: [UInt64: String] = [:]
        result.reserveCapacity(fingerprints.count)
        for node in 0..<Int32(fingerprints.count) {
            result[fingerprints[Int(node)]] = Self.personID(fingerprints[Int(anchor[Int(root(node))])])
        }
        return result
    }

    static func personID(_ fingerprint: UInt64) -> String {
        let hex = String(fingerprint, radix: 16)
        return "p-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    // MARK: Union-find

    /// Grows the arrays by what a batch can add, not by doubling: a large graph then carries no
    /// half-empty capacity (the difference between fitting in 200 MB and not, at a million contacts).
    private mutating func reserve(newIdentifiers: Int) {
        var needed = fingerprints.count + newIdentifiers
        guard needed > fingerprints.capacity else { return }
        needed = max(needed, fingerprints.capacity + fingerprints.capacity / 4)
        fingerprints.reserveCapacity(needed)
        kinds.reserveCapacity(needed)
        parent.reserveCapacity(needed)
        rank.reserveCapacity(needed)
        personalDegree.reserveCapacity(needed)
        deviceDegree.reserveCapacity(needed)
        emails.reserveCapacity(needed)
        phones.reserveCapacity(needed)
        anchor.reserveCapacity(needed)
        crmConnectors.reserveCapacity(needed)
    }

    private mutating func node(_ identifier: GraphIdentifier) -> Int32 {
        if let existing = index[identifier.fingerprint] { return existing }
        let node = Int32(fingerprints.count)
        index.insert(identifier.fingerprint, node)
        fingerprints.append(identifier.fingerprint)
        kinds.append(identifier.kind)
        parent.append(node)
        rank.append(0)
        personalDegree.append(0)
        deviceDegree.append(0)
        emails.append(identifier.kind == .email ? 1 : 0)
        phones.append(identifier.kind == .phone ? 1 : 0)
        anchor.append(node)
        crmConnectors.append(identifier.crmConnector.map { connectorBit(String($0)) } ?? 0)
        return node
    }

    private mutating func connectorBit(_ connector: String) -> UInt32 {
        let key = GraphIdentifier.fnv1a(connector)
        if let bit = connectorBits[key] { return bit }
        let bit = UInt32(1) << UInt32(min(connectorBits.count, 31))
        connectorBits[key] = bit
        return bit
    }

    private func root(_ node: Int32) -> Int32 {
        var current = node
        while parent[Int(current)] != current { current = parent[Int(current)] }
        return current
    }

    private mutating func findCompressing(_ node: Int32) -> Int32 {
        let top = root(node)
        var current = node
        while parent[Int(current)] != top {
            let next = parent[Int(current)]
            parent[Int(current)] = top
            current = next
        }
        return top
    }

    private mutating func countLink(from node: Int32, to neighbour: Int32) {
        if kinds[Int(neighbour)].isPersonal {
            if personalDegree[Int(node)] < .max { personalDegree[Int(node)] += 1 }
        } else if deviceDegree[Int(node)] < .max {
            deviceDegree[Int(node)] += 1
        }
    }

    private func isBlocked(_ node: Int32) -> Bool {
        policy.isShared(
            kinds[Int(node)], personalLinks: Int(personalDegree[Int(node)]), deviceLinks: Int(deviceDegree[Int(node)]))
    }

    private func isIdentified(_ root: Int32) -> Bool {
        emails[Int(root)] > 0 || phones[Int(root)] > 0 || crmConnectors[Int(root)] != 0
    }

    private mutating func apply(_ left: Int32, _ right: Int32, report: inout IdentityGraphReport) {
        guard !isBlocked(left), !isBlocked(right) else {
            report.refusedShared += 1
            return
        }
        let a = findCompressing(left)
        let b = findCompressing(right)
        guard a != b else { return }
        if policy.keepsCRMRecordsApart, crmConnectors[Int(a)] & crmConnectors[Int(b)] != 0 {
            report.refusedCRMConflict += 1
            return
        }
        if Int(emails[Int(a)]) + Int(emails[Int(b)]) > policy.maximumEmailsPerPerson
            || Int(phones[Int(a)]) + Int(phones[Int(b)]) > policy.maximumPhonesPerPerson
        {
            report.refusedCaps += 1
            return
        }
        if !policy.devicesJoinIdentifiedPersons, kinds[Int(left)].isDevice || kinds[Int(right)].isDevice,
            isIdentified(a), isIdentified(b)
        {
            report.refusedDeviceBridge += 1
            return
        }
        let (big, small) = rank[Int(a)] >= rank[Int(b)] ? (a, b) : (b, a)
        parent[Int(small)] = big
        if rank[Int(a)] == rank[Int(b)] { rank[Int(big)] += 1 }
        emails[Int(big)] = UInt8(min(Int(emails[Int(big)]) + Int(emails[Int(small)]), 255))
        phones[Int(big)] = UInt8(min(Int(phones[Int(big)]) + Int(phones[Int(small)]), 255))
        crmConnectors[Int(big)] |= crmConnectors[Int(small)]
        if fingerprints[Int(anchor[Int(small)])] < fingerprints[Int(anchor[Int(big)])] {
            anchor[Int(big)] = anchor[Int(small)]
        }
        report.unions += 1
    }
}
