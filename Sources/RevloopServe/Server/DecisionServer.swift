internal import Hummingbird
public import Logging
internal import NIOCore

/// `revloop serve`'s HTTP server: Hummingbird on `host:port`, answering through `DecisionAPI`. `run`
/// returns after SIGTERM or SIGINT once the requests in flight are answered (swift-service-lifecycle's
/// graceful shutdown), or when its task is cancelled.
public struct DecisionServer: Sendable {
    public let api: DecisionAPI
    public let host: String
    public let port: Int
    public let logger: Logger

    public init(api: DecisionAPI, host: String, port: Int, logger: Logger) {
        self.api = api
        self.host = host
        self.port = port
        self.logger = logger
    }

    /// Serves until SIGTERM or SIGINT. `onRunning` gets the bound port (the real one when `port` is 0).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let logger = logger
        let app = Application(
            responder: DecisionResponder(api: api),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                logger.notice("decision API listening", metadata: ["host": "\(host)", "port": "\(bound)"])
                await onRunning(bound)
            },
            logger: logger)
        // The default signals are SIGTERM and SIGINT.
        try await app.runService()
        logger.notice("decision API stopped")
    }
}
