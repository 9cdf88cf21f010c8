/// When each connector pulls and each destination sends under `schedule`'s cron expressions, and which
/// of them are due at the next firing. Pure: the scheduler asks it for the next time and sleeps.
public struct CronSchedule: Hashable, Sendable {
    /// Each connector's and destination's expression (its own, else the project's `cron`).
    public let connectors: [String: CronExpression]
    public let destinations: [String: CronExpression]
    public let offsetSeconds: Int

    /// A firing: its time and who is due then.
    public struct Firing: Hashable, Sendable {
        public var time: Timestamp
        public var connectors: Set<String>
        public var destinations: Set<String>
    }

    /// `nil` when `config` sets no cron expression (the scheduler then runs on its interval).
    public init?(_ config: ScheduleConfig, connectors: [String], destinations: [String]) {
        guard config.usesCron else { return nil }
        var byConnector: [String: CronExpression] = [:]
        for name in connectors { byConnector[name] = config.connectors[name] ?? config.cron }
        var byDestination: [String: CronExpression] = [:]
        for name in destinations { byDestination[name] = config.destinations[name] ?? config.cron }
        self.connectors = byConnector
        self.destinations = byDestination
        self.offsetSeconds = config.offsetSeconds
    }

    /// The first firing strictly after `time`, or `nil` if no expression ever fires again.
    public func next(after time: Timestamp) -> Firing? {
        let connectorTimes = connectors.compactMapValues { $0.next(after: time, offsetSeconds: offsetSeconds) }
        let destinationTimes = destinations.compactMapValues { $0.next(after: time, offsetSeconds: offsetSeconds) }
        guard let first = (Array(connectorTimes.values) + Array(destinationTimes.values)).min() else { return nil }
        return Firing(
            time: first, connectors: Set(connectorTimes.filter { $0.value == first }.keys),
            destinations: Set(destinationTimes.filter { $0.value == first }.keys))
    }
}
