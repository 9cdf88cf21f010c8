import RevloopCore
import Testing

@Suite struct CronExpressionTests {
    /// 2026-11-29 (a Sunday) 10:07:30 UTC.
    static let start = Timestamp(millisecondsSinceEpoch: 1_795_946_850_000)

    static func next(_ text: String, after time: Timestamp = start, offset: Int = 0) throws -> String? {
        try CronExpression(text).next(after: time, offsetSeconds: offset).map {
            RFC3339.format($0, fractionalSeconds: false, useZ: true)
        }
    }

    @Test(arguments: [
        ("*/15 * * * *", "2026-11-29T10:15:00Z"),
        ("* * * * *", "2026-11-29T10:08:00Z"),
        ("7 * * * *", "2026-11-29T11:07:00Z"),  // strictly after: 10:07 itself has passed
        ("0 9-17/4 * * *", "2026-11-29T13:00:00Z"),
        ("30 2 * * *", "2026-11-30T02:30:00Z"),
        ("0 0 * * MON-FRI", "2026-11-30T00:00:00Z"),
        ("0 6 1 * *", "2026-12-01T06:00:00Z"),
        ("0 0 1 JAN *", "2027-01-01T00:00:00Z"),
        ("0 12 29 2 *", "2028-02-29T12:00:00Z"),  // the next leap day
        ("@hourly", "2026-11-29T11:00:00Z"),
        ("@weekly", "2026-12-06T00:00:00Z"),
        ("0 0 * * 7", "2026-12-06T00:00:00Z"),  // 7 is Sunday, as 0 is
        // Both day fields restricted: either matches (the 1st, or any Friday).
        ("0 0 1 * FRI", "2026-12-01T00:00:00Z"),
        ("0 0 15 * TUE", "2026-12-01T00:00:00Z"),
        ("0,30 10 * * *", "2026-11-29T10:30:00Z"),
    ])
    func theNextFiringIsTheFirstMatchingMinuteAfter(expression: String, expected: String) throws {
        #expect(try Self.next(expression) == expected)
    }

    @Test func aFixedOffsetMovesTheWallClock() throws {
        // 09:00 at +01:00 is 08:00 UTC; 10:07 UTC is 11:07 there, so the next is tomorrow.
        #expect(try Self.next("0 9 * * *", offset: 3_600) == "2026-11-30T08:00:00Z")
        #expect(try Self.next("0 9 * * *", offset: -5 * 3_600) == "2026-11-29T14:00:00Z")
    }

    @Test func anExpressionThatNeverFiresHasNoNext() throws {
        #expect(try Self.next("0 0 30 2 *") == nil)
    }

    @Test(arguments: [
        ("* * * *", "has 4 field(s)"),
        ("60 * * * *", "the minute field '60'"),
        ("*/0 * * * *", "the minute field '*/0'"),
        ("* 5-3 * * *", "the hour field '5-3'"),
        ("* * * FOO *", "the month field 'FOO'"),
        ("* * * * 8", "the day-of-week field '8'"),
        ("1,,2 * * * *", "the minute field '1,,2'"),
    ])
    func aBadExpressionNamesTheFieldAndWhatIsAllowed(expression: String, message: String) {
        #expect {
            _ = try CronExpression(expression)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func eachConnectorAndDestinationFollowsItsOwnExpressionElseTheProjects() throws {
        var config = ScheduleConfig()
        config.cron = try CronExpression("0 * * * *")
        config.connectors["hubspot"] = try CronExpression("*/30 * * * *")
        config.destinations["linkedin"] = try CronExpression("0 2 * * *")
        let schedule = try #require(
            CronSchedule(config, connectors: ["hubspot", "sample"], destinations: ["google", "linkedin"]))
        let first = try #require(schedule.next(after: Self.start))
        #expect(RFC3339.format(first.time, fractionalSeconds: false, useZ: true) == "2026-11-29T10:30:00Z")
        #expect(first.connectors == ["hubspot"] && first.destinations.isEmpty)
        let second = try #require(schedule.next(after: first.time))
        #expect(second.connectors == ["hubspot", "sample"] && second.destinations == ["google"])
        #expect(CronSchedule(ScheduleConfig(), connectors: ["a"], destinations: []) == nil)
    }
}
