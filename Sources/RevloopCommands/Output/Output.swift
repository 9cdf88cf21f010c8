internal import Foundation
internal import Logging
internal import RevloopCore

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Where a command writes: results to stdout, diagnostics and progress to stderr.
struct Output: Sendable {
    var showsProgress: Bool
    /// Diagnostics printed before the rest are only counted (a bad export could have millions).
    var diagnosticLimit: Int
    /// When set (a long-running `schedule`), alerts are log events instead of `alert:` lines.
    var logger: Logger?

    init(progress: Bool, diagnosticLimit: Int = 50) {
        self.showsProgress = progress || isatty(STDERR_FILENO) == 1
        self.diagnosticLimit = diagnosticLimit
    }

    /// Whether stderr is a terminal (progress then redraws one line).
    var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    func result(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        result(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    func diagnostic(_ diagnostic: Diagnostic) { error(diagnostic.description) }

    /// An alert: an `alert:` line on stderr, or a warning log event with its kind and destination.
    func alert(_ text: String, kind: String, destination: String?) {
        guard let logger else { return error("alert: \(text)") }
        var metadata: Logger.Metadata = ["kind": "\(kind)"]
        if let destination { metadata["destination"] = "\(destination)" }
        logger.warning("alert: \(text)", metadata: metadata)
    }

    func progress(_ text: String) {
        guard showsProgress else { return }
        if isTerminal {
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(text)".utf8))
        } else {
            error(text)
        }
    }

    /// Ends a redrawn progress line so the next output starts clean.
    func endProgress() {
        if showsProgress, isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
