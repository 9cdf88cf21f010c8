public import Foundation
public import RevloopHTTP
internal import Synchronization

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for the emulators and for tests of the real transport over real
/// sockets.
///
/// A thread per connection with keep-alive (libcurl reuses connections), `TCP_NODELAY`, and each response
/// written in one `send` (headers and body together, so delayed ACK never adds 40 ms). A handler that
/// returns `nil` drops the connection without answering: the emulators' "connection reset" fault.
/// Written on sockets rather than a server framework so the sandbox builds in seconds on two cores; it
/// serves emulators and tests, never the public internet.
public final class LoopbackServer: Sendable {
    /// The port it listens on (the kernel's choice when asked for port 0).
    public let port: UInt16
    private let listener: Int32
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse?
    private let state = Mutex(State())
    /// Signalled when the accept loop has closed the listener.
    private let listenerClosed = DispatchSemaphore(value: 0)

    private struct State {
        var stopped = false
        var connections: Set<Int32> = []
    }

    /// Starts listening on `port` (0: any free port) and serving on background threads.
    public init(port: UInt16 = 0, handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse?) throws {
        self.handler = handler
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw HTTPError(.connectionFailed, "socket() failed") }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 64) == 0 else {
            close(descriptor)
            throw HTTPError(.connectionFailed, "cannot listen on 127.0.0.1:\(port) (is the port in use?)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        self.port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// The server's base URL (`http://127.0.0.1:PORT`).
    public var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// Stops accepting connections and closes the open ones.
    ///
    /// File descriptors are only closed by the thread that uses them, and connections are shut down
    /// under the same lock their threads close them under: a descriptor number the kernel hands out
    /// again (to another server or client in the same process) is never touched by this one.
    public func stop() {
        let wasStopped = state.withLock { state -> Bool in
            guard !state.stopped else { return true }
            state.stopped = true
            for connection in state.connections { shutdown(connection, Int32(SHUT_RDWR)) }
            return false
        }
        guard !wasStopped else { return }
        // Wakes the accept loop, which closes the listener itself; the port is free when this returns.
        shutdown(listener, Int32(SHUT_RDWR))
        _ = listenerClosed.wait(timeout: .now() + 5)
    }

    deinit { stop() }

    private func acceptLoop() {
        defer {
            close(listener)
            listenerClosed.signal()
        }
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0, errno == EINTR { continue }
            guard connection >= 0 else { return }
            let admitted = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.connections.insert(connection)
                return true
            }
            guard admitted else {
                close(connection)
                return
            }
            var noDelay: Int32 = 1
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { [self] in
                serve(connection)
                state.withLock { state in
                    state.connections.remove(connection)
                    close(connection)
                }
            }
            thread.start()
        }
    }

    /// Serves requests on one connection until the client closes it, asks to, or a handler drops it.
    private func serve(_ connection: Int32) {
        var reader = RequestReader()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            while let parsed = reader.next(port: port) {
                guard let response = handler(parsed.request) else {
                    // Reset rather than close: a peer that vanishes mid-request is seen at once (libcurl
                    // otherwise waits out its timeout on a quietly closed keep-alive connection).
                    var reset = linger(l_onoff: 1, l_linger: 0)
                    setsockopt(connection, SOL_SOCKET, SO_LINGER, &reset, socklen_t(MemoryLayout<linger>.size))
                    return
                }
                guard write(response, keepAlive: parsed.keepAlive, to: connection), parsed.keepAlive else { return }
            }
            let count = recv(connection, &buffer, buffer.count, 0)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            reader.append(buffer[0..<count])
        }
    }

    private func write(_ response: HTTPResponse, keepAlive: Bool, to connection: Int32) -> Bool {
        var text = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) where name != "content-length" {
            text += "\(name): \(value)\r\n"
        }
        if response.headers["date"] == nil { text += "date: \(Self.httpDate())\r\n" }
        text += "content-length: \(response.body.count)\r\nconnection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        let bytes = Array(text.utf8) + response.body
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// Now as an HTTP `Date` (`Sun, 29 Nov 2026 14:30:00 GMT`), by strftime: clients check clock skew on it.
    static func httpDate() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 422: "Unprocessable Entity"
        case 426: "Upgrade Required"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: status < 400 ? "OK" : "Error"
        }
    }
}

/// Cuts a connection's bytes into requests (`Content-Length` bodies; no chunked uploads, which no
/// client here sends).
struct RequestReader {
    private var bytes: [UInt8] = []
    private var start = 0

    mutating func append(_ chunk: ArraySlice<UInt8>) {
        if start > 0, start == bytes.count {
            bytes.removeAll(keepingCapacity: true)
            start = 0
        }
        bytes += chunk
    }

    /// The next complete request, or `nil` until more bytes arrive.
    mutating func next(port: UInt16) -> (request: HTTPRequest, keepAlive: Bool)? {
        guard let headerEnd = headerEnd() else { return nil }
        let head = String(decoding: bytes[start..<headerEnd], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        let contentLength = headers["content-length"].flatMap { Int($0) } ?? 0
        let bodyStart = headerEnd + 4
        guard bytes.count - bodyStart >= contentLength else { return nil }
        let body = contentLength > 0 ? Data(bytes[bodyStart..<(bodyStart + contentLength)]) : nil
        start = bodyStart + contentLength
        let path = requestLine.count > 1 ? String(requestLine[1]) : "/"
        let url =
            URL(string: "http://127.0.0.1:\(port)\(path)") ?? URL(string: "http://127.0.0.1:\(port)/")
            ?? URL(fileURLWithPath: "/")
        let request = HTTPRequest(
            method: requestLine.first.map(String.init) ?? "GET", url: url, headers: headers, body: body)
        let keepAlive = headers["connection"]?.lowercased() != "close"
        return (request, keepAlive)
    }

    private func headerEnd() -> Int? {
        guard bytes.count - start >= 4 else { return nil }
        var index = start
        while index + 3 < bytes.count {
            if bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 13, bytes[index + 3] == 10 {
                return index
            }
            index += 1
        }
        return nil
    }
}
