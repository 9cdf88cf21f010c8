internal import Foundation
public import Logging
public import RevloopCore
internal import RevloopDestinations

/// A swift-log handler writing one JSON object per line to stderr (`time`, `level`, `label`, `message`,
/// then the metadata), for log collectors; the default when stderr is not a terminal. What is logged
/// carries counts, ids and codes, never personal data.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let clock: any WallClock
    private let write: @Sendable (String) -> Void

    /// A handler writing to stderr.
    public init(label: String) {
        self.init(label: label, clock: SystemWallClock()) { FileHandle.standardError.write(Data($0.utf8)) }
    }

    /// A handler writing each line (newline included) to `write`, stamped by `clock`.
    public init(label: String, clock: any WallClock, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.clock = clock
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var json = JSONWriter(capacity: 256)
        json.beginObject()
        json.field("time", RFC3339.format(clock.now(), useZ: true))
        json.field("level", event.level.rawValue)
        json.field("label", label)
        json.field("message", event.message.description)
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            json.key(key)
            Self.write(value, to: &json)
        }
        json.endObject()
        write(String(decoding: json.bytes, as: UTF8.self) + "\n")
    }

    private static func write(_ value: Logger.Metadata.Value, to json: inout JSONWriter) {
        switch value {
        case .string(let text): json.string(text)
        case .stringConvertible(let convertible):
            if let number = convertible as? any BinaryInteger {
                json.integer(Int64(number))
            } else {
                json.string(convertible.description)
            }
        case .array(let values):
            json.beginArray()
            for element in values { write(element, to: &json) }
            json.endArray()
        case .dictionary(let values):
            json.beginObject()
            for (key, element) in values.sorted(by: { $0.key < $1.key }) {
                json.key(key)
                write(element, to: &json)
            }
            json.endObject()
        }
    }
}
