/// An open-addressing hash table from identifier fingerprints to node numbers.
///
/// Fingerprints are already well-mixed 64-bit hashes, so the table uses their low bits directly instead
/// of re-hashing them through `Hasher` (SipHash), which made `Dictionary` the graph's bottleneck. Linear
/// probing, at most 70 % full, 12 bytes a slot.
struct FingerprintIndex: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    /// Marks an empty slot (fingerprint 0 is stored by remapping it, see `key(_:)`).
    private static let empty: UInt64 = 0

    init(minimumCapacity: Int = 1024) {
        var capacity = 16
        while capacity * 7 / 10 < minimumCapacity { capacity *= 2 }
        keys = Array(repeating: Self.empty, count: capacity)
        values = Array(repeating: -1, count: capacity)
        mask = capacity - 1
    }

    private static func key(_ fingerprint: UInt64) -> UInt64 { fingerprint == empty ? 1 &<< 63 | 1 : fingerprint }

    subscript(fingerprint: UInt64) -> Int32? {
        let key = Self.key(fingerprint)
        var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while true {
            let stored = keys[slot]
            if stored == key { return values[slot] }
            if stored == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// Stores a fingerprint that is not in the table yet.
    mutating func insert(_ fingerprint: UInt64, _ value: Int32) {
        if (count + 1) * 10 > keys.count * 7 { grow() }
        let key = Self.key(fingerprint)
        var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while keys[slot] != Self.empty { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
        count += 1
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let capacity = keys.count * 2
        keys = Array(repeating: Self.empty, count: capacity)
        values = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        for (key, value) in zip(oldKeys, oldValues) where key != Self.empty {
            var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
            while keys[slot] != Self.empty { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
    }
}
