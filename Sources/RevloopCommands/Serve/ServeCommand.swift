internal import ArgumentParser
internal import Foundation
internal import Logging
internal import RevloopPersonalization
internal import RevloopServe

/// `revloop serve`: the real-time decision API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the real-time decision API: ranked content blocks for a visitor now, and their rewards.",
        discussion: """
            POST /v1/decisions  {"visitor_id", "surface", "context": {name: string}, "limit": 1-20 (default 3)}
                                -> 200 {"decision_id", "visitor_id", "blocks": [{"block_id", "expected_reward"}], \
            "propensity", "holdout", "policy_version"}
            POST /v1/outcomes   {"decision_id", "block_id" (default: the first block), "reward": 0-1, \
            "kind": "engagement"|"downstream" (default engagement)} -> 202 {"status":"recorded","decision_id"}
            GET  /healthz       200 {"status":"ok"}, without a key
            GET  /metrics       Prometheus text: requests by route and status, decision latency histogram

            Every route but /healthz needs an API key: `Authorization: Bearer KEY` or `X-API-Key: KEY`, one of \
            the keys in --api-keys-file (one per line, # comments) or else in REVLOOP_API_KEYS (comma-separated), \
            each at least 16 characters. Keys are compared in constant time and never printed.

            Refusals answer {"error": {"code", "field", "message"}} and store nothing: 400 malformed JSON, a \
            wrong type, a value out of range, a missing or an unknown field (unknown fields are refused, not \
            ignored); 401 no or a wrong key; 404 no such route or decision; 405 wrong method; 409 an outcome \
            already recorded; 413 a body over --max-body-bytes; 415 not Content-Type: application/json; \
            422 a surface not in the inventory; 503 the decision log could not be written.

            SIGTERM or SIGINT stops accepting connections, answers the requests in flight and exits 0. Logs go \
            to stderr (JSON when it is not a terminal); refusals log at info with route, status, code and field, \
            never a body or a key.

            --engine memory serves the in-memory TEST engine (three sample surfaces: homepage_hero, \
            email_footer, in_app_sidebar; nothing persisted), for tests and load benchmarks only.

            Examples:
              REVLOOP_API_KEYS=$(openssl rand -hex 32) revloop serve --engine memory
              revloop serve --api-keys-file /etc/revloop/api-keys --host 0.0.0.0 --port 8480
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8480

    @Option(help: ArgumentHelp("A file of API keys, one per line; default: REVLOOP_API_KEYS.", valueName: "file"))
    var apiKeysFile: String?

    @Option(
        name: .customLong("project"),
        help: ArgumentHelp("The project folder holding revloop.yaml; same as -c DIR/revloop.yaml.", valueName: "dir"))
    var projectDir: String?

    @Option(help: "project: the project's decision engine; memory: the in-memory TEST engine.")
    var engine = ServeEngineChoice.project

    @Option(help: "Bodies larger than this many bytes are refused with 413.")
    var maxBodyBytes = DecisionAPI.defaultMaxBodyBytes

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port \(port) is not a port from 0 to 65535") }
        guard maxBodyBytes >= 256 else { throw ValidationError("--max-body-bytes is at least 256") }
    }

    func run() async throws {
        let output = Output(progress: false)
        let logger = try project.logger(label: "revloop.serve")
        let keys: APIKeys
        do {
            keys = try APIKeys.load(file: apiKeysFile, environment: ProcessInfo.processInfo.environment)
        } catch {
            output.error("error: \(error)")
            throw ExitStatus.configInvalid
        }
        var project = project
        if let projectDir { project.configPath = (projectDir as NSString).appendingPathComponent("revloop.yaml") }
        let decisionEngine = try await ServeEngineFactory.makeEngine(engine, project: project, output: output)
        let api = DecisionAPI(engine: decisionEngine, keys: keys, maxBodyBytes: maxBodyBytes, logger: logger)
        let server = DecisionServer(api: api, host: host, port: port, logger: logger)
        do {
            try await server.run { bound in
                output.error("revloop serve: listening on http://\(host):\(bound) (engine: \(engine.rawValue))")
            }
        } catch {
            output.error("error: the decision API stopped: \(error)")
            throw ExitStatus.runFailed
        }
        output.error("revloop serve: stopped")
    }
}
