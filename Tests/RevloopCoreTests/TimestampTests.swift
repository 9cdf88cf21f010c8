import RevloopCore
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2024-06-03T10:00:00Z", Int64(1_717_408_800_000)),
        ("2024-06-03T12:00:00+02:00", 1_717_408_800_000),
        ("2024-06-03T10:00:00.000+0000", 1_717_408_800_000),
        ("2024-06-03 05:00:00-05:00", 1_717_408_800_000),
        ("2024-06-03T10:00:00.123456Z", 1_717_408_800_123),
        ("1969-12-31T23:59:59Z", -1000),
    ])
    func parsesTimestampsThatCarryAZone(text: String, milliseconds: Int64) {
        #expect(RFC3339.parse(text)?.millisecondsSinceEpoch == milliseconds)
    }

    @Test func refusesNaiveTimestampsUnlessTheZoneIsNamed() {
        #expect(RFC3339.parse("2024-06-03T10:00:00") == nil)
        #expect(RFC3339.isNaive("2024-06-03T10:00:00"))
        #expect(
            RFC3339.parse("2024-06-03T10:00:00", naiveOffsetSeconds: 3600)?.millisecondsSinceEpoch == 1_717_405_200_000)
    }

    @Test(arguments: ["2024-02-30T10:00:00Z", "2024-06-03T25:00:00Z", "yesterday", "2024-06-03T10:00:00+2", ""])
    func refusesWhatIsNotATimestamp(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func formatsWithAnExplicitOffsetNotZ() {
        let instant = Timestamp(millisecondsSinceEpoch: 1_717_408_800_123)
        #expect(RFC3339.format(instant) == "2024-06-03T10:00:00.123+00:00")
        #expect(RFC3339.format(instant, fractionalSeconds: false, useZ: true) == "2024-06-03T10:00:00Z")
        #expect(Timestamp(millisecondsSinceEpoch: -1).description == "1969-12-31T23:59:59.999+00:00")
    }

    @Test(arguments: [(2024, 2, 29, Int64(19_782)), (1970, 1, 1, 0), (2000, 3, 1, 11_017), (1969, 12, 31, -1)])
    func calendarDaysCountFromTheEpoch(year: Int, month: Int, day: Int, days: Int64) throws {
        let calendarDay = try #require(CalendarDay(year: year, month: month, day: day))
        #expect(calendarDay.daysSinceEpoch == days)
        #expect(calendarDay.components == (year, month, day))
    }

    @Test func secondsRoundTowardsThePast() {
        #expect(Timestamp(millisecondsSinceEpoch: -1).secondsSinceEpoch == -1)
        #expect(Timestamp(millisecondsSinceEpoch: 1999).secondsSinceEpoch == 1)
        #expect(Timestamp(millisecondsSinceEpoch: -1).utcDay.daysSinceEpoch == -1)
    }
}
