internal import Foundation
public import RevloopCore

/// Meta's `fbc` parameter, built from a raw `fbclid` and the time of the click (ad-platforms.md 2.3).
public enum MetaClickParameter {
    /// `fb.1.<click time in ms>.<fbclid>`; a value that already is an `fbc` passes through.
    public static func fbc(fbclid: String, clickedAt: Timestamp) -> String? {
        let value = fbclid.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return nil }
        if value.hasPrefix("fb.1.") { return value }
        return "fb.1.\(clickedAt.millisecondsSinceEpoch).\(value)"
    }
}
