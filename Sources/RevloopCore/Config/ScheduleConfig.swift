/// `schedule` in revloop.yaml: when `revloop schedule` runs its cycles.
///
/// Either an interval (`every: 15m`) or cron expressions: `cron` for the whole project, and optionally
/// `connectors.<name>` and `destinations.<name>` for those that should pull or send on another rhythm
/// (a CRM with a tight API quota pulled hourly, LinkedIn sent once a night). A connector or destination
/// without its own expression follows `cron`.
public struct ScheduleConfig: Hashable, Sendable {
    /// Seconds between cycles, when no cron expression is set.
    public var intervalSeconds: Int?
    public var cron: CronExpression?
    /// Per connector and per destination, where they differ from `cron`.
    public var connectors: [String: CronExpression] = [:]
    public var destinations: [String: CronExpression] = [:]
    /// The fixed UTC offset the expressions are read at (`timezone: "+01:00"`; default UTC).
    public var offsetSeconds = 0

    public init() {}

    /// Whether any cron expression is set (then `every` is not used).
    public var usesCron: Bool { cron != nil || !connectors.isEmpty || !destinations.isEmpty }

    static let keys = ["every", "cron", "timezone", "connectors", "destinations"]

    static func read(_ node: ConfigNode, diagnostics: inout [Diagnostic]) -> ScheduleConfig {
        let fields = node.mapping(allowed: keys, diagnostics: &diagnostics)
        var config = ScheduleConfig()
        if let everyNode = fields["every"], let text = everyNode.string(diagnostics: &diagnostics) {
            config.intervalSeconds = DurationText.seconds(text)
            if config.intervalSeconds == nil {
                diagnostics.append(everyNode.error("'schedule.every' must be a duration such as 15m, 1h or 1d"))
            }
        }
        func expression(_ node: ConfigNode) -> CronExpression? {
            guard let text = node.string(diagnostics: &diagnostics) else { return nil }
            do {
                return try CronExpression(text)
            } catch {
                diagnostics.append(node.error(error.description))
                return nil
            }
        }
        config.cron = fields["cron"].flatMap(expression)
        if let zoneNode = fields["timezone"], let text = zoneNode.string(diagnostics: &diagnostics) {
            if let offset = UTCOffset.parse(text) {
                config.offsetSeconds = offset
            } else {
                diagnostics.append(
                    zoneNode.error(
                        "'schedule.timezone' is a fixed UTC offset such as +01:00 or UTC (named zones shift with daylight saving)"
                    ))
            }
        }
        for (key, target) in [("connectors", \ScheduleConfig.connectors), ("destinations", \.destinations)] {
            guard let mappingNode = fields[key] else { continue }
            for (name, node) in mappingNode.entries(
                "a \(key.dropLast()) name to a cron expression", diagnostics: &diagnostics)
            {
                if let cron = expression(node) { config[keyPath: target][name] = cron }
            }
        }
        if config.intervalSeconds != nil, config.usesCron, let everyNode = fields["every"] {
            diagnostics.append(everyNode.error("set either 'schedule.every' or cron expressions, not both"))
        }
        return config
    }
}
