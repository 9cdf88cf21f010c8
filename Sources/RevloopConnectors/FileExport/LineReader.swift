internal import Foundation

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Reads a text file line by line with C stdio, knowing the byte offset after each line so a pull can
/// record exactly where it got to and resume there after a crash.
final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    /// Bytes consumed so far: the offset of the next line.
    private(set) var offset: Int64 = 0
    /// 1-based number of the line most recently returned.
    private(set) var lineNumber = 0
    /// Set when `getline` failed for a reason other than the end of the file.
    private(set) var hasReadError = false

    init(path: String) throws(ConnectorError) {
        guard let file = fopen(path, "r") else {
            throw ConnectorError(.unreadable, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        self.file = file
    }

    deinit {
        free(buffer)
        fclose(file)
    }

    /// Moves to a byte offset that starts a line, counting it as line `line` - 1 done.
    func seek(to offset: Int64, line: Int) {
        if fseeko(file, off_t(offset), SEEK_SET) != 0 { hasReadError = true }
        self.offset = offset
        self.lineNumber = line
    }

    /// Hands the next line's bytes (without its line break) to `body`, valid only during the call; `nil`
    /// at the end of the file. Saves building a `String` when the bytes are parsed directly.
    func nextLine<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T? {
        let count = getline(&buffer, &capacity, file)
        guard count >= 0, let buffer else {
            if ferror(file) != 0 { hasReadError = true }
            return nil
        }
        offset += Int64(count)
        lineNumber += 1
        var length = count
        while length > 0, buffer[length - 1] == 10 || buffer[length - 1] == 13 { length -= 1 }
        return try buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            try body(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// The next line without its line break, or `nil` at the end of the file.
    func nextLine() -> String? {
        let count = getline(&buffer, &capacity, file)
        guard count >= 0, let buffer else {
            if ferror(file) != 0 { hasReadError = true }
            return nil
        }
        offset += Int64(count)
        lineNumber += 1
        var length = count
        while length > 0, buffer[length - 1] == 10 || buffer[length - 1] == 13 { length -= 1 }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
