/// A five-field cron expression (`minute hour day-of-month month day-of-week`), as crontab(5) and a
/// Kubernetes CronJob read it: `*`, lists (`1,15`), ranges (`1-5`), steps (`*/15`, `8-18/2`), month and
/// weekday names (`JAN`, `MON`), 0 or 7 for Sunday, and the macros `@hourly`, `@daily`, `@weekly`,
/// `@monthly`, `@yearly`. When both day fields are restricted a day matching either runs, as in cron.
///
/// Evaluated at a fixed UTC offset (no daylight saving: a schedule never runs twice or skips an hour).
public struct CronExpression: Hashable, Sendable, CustomStringConvertible {
    public let description: String
    let minutes: Set<Int>
    let hours: Set<Int>
    let daysOfMonth: Set<Int>
    let months: Set<Int>
    /// 0 (Sunday) to 6.
    let daysOfWeek: Set<Int>
    let daysOfMonthRestricted: Bool
    let daysOfWeekRestricted: Bool

    /// A problem with an expression, saying which field and what is allowed.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public let description: String
    }

    static let macros = [
        "@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
        "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
    ]
    static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    public init(_ text: String) throws(ParseError) {
        let trimmed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        let expanded = Self.macros[trimmed.lowercased()] ?? trimmed
        let fields = expanded.split(separator: " ").map(String.init)
        guard fields.count == 5 else {
            throw ParseError(
                description:
                    "'\(text)' has \(fields.count) field(s); a cron expression has 5: minute hour day-of-month month day-of-week (or @hourly, @daily, @weekly, @monthly)"
            )
        }
        description = trimmed
        minutes = try Self.field(fields[0], name: "minute", range: 0...59, names: [])
        hours = try Self.field(fields[1], name: "hour", range: 0...23, names: [])
        daysOfMonth = try Self.field(fields[2], name: "day-of-month", range: 1...31, names: [])
        months = try Self.field(fields[3], name: "month", range: 1...12, names: Self.monthNames, firstName: 1)
        let weekdays = try Self.field(fields[4], name: "day-of-week", range: 0...7, names: Self.dayNames)
        daysOfWeek = Set(weekdays.map { $0 % 7 })
        daysOfMonthRestricted = !fields[2].hasPrefix("*")
        daysOfWeekRestricted = !fields[4].hasPrefix("*")
    }

    /// The first minute strictly after `time` that the expression names, at `offsetSeconds` east of UTC;
    /// `nil` if none comes within eight years (`0 0 30 2 *` never does).
    public func next(after time: Timestamp, offsetSeconds: Int = 0) -> Timestamp? {
        let offset = Int64(offsetSeconds) * 1_000
        // Minutes since the epoch on the local wall clock, starting at the next whole minute.
        var minute = (time.millisecondsSinceEpoch + offset) / 60_000 + 1
        if time.millisecondsSinceEpoch + offset < 0 && (time.millisecondsSinceEpoch + offset) % 60_000 != 0 {
            minute -= 1
        }
        let limit = minute + 8 * 366 * 1_440
        while minute < limit {
            let day = CalendarDay(daysSinceEpoch: minute >= 0 ? minute / 1_440 : (minute - 1_439) / 1_440)
            let (_, month, dayOfMonth) = day.components
            let minuteOfDay = Int(minute - day.daysSinceEpoch * 1_440)
            guard months.contains(month) else {
                minute = (day.daysSinceEpoch + 1) * 1_440
                continue
            }
            guard matches(day: dayOfMonth, weekday: Int(((day.daysSinceEpoch % 7) + 11) % 7)) else {
                minute = (day.daysSinceEpoch + 1) * 1_440
                continue
            }
            guard hours.contains(minuteOfDay / 60) else {
                minute = day.daysSinceEpoch * 1_440 + Int64(minuteOfDay / 60 + 1) * 60
                continue
            }
            if minutes.contains(minuteOfDay % 60) {
                return Timestamp(millisecondsSinceEpoch: minute * 60_000 - offset)
            }
            minute += 1
        }
        return nil
    }

    /// Day-of-month and day-of-week: both must match unless both are restricted, then either may.
    private func matches(day: Int, weekday: Int) -> Bool {
        if daysOfMonthRestricted && daysOfWeekRestricted {
            return daysOfMonth.contains(day) || daysOfWeek.contains(weekday)
        }
        return daysOfMonth.contains(day) && daysOfWeek.contains(weekday)
    }

    private static func field(
        _ text: String, name: String, range: ClosedRange<Int>, names: [String], firstName: Int = 0
    ) throws(ParseError) -> Set<Int> {
        var values = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2, !pieces[0].isEmpty else { throw bad(text, name, range, names) }
            var step = 1
            if pieces.count == 2 {
                guard let parsed = Int(pieces[1]), parsed > 0 else { throw bad(text, name, range, names) }
                step = parsed
            }
            let span: ClosedRange<Int>
            if pieces[0] == "*" {
                span = range
            } else {
                let bounds = pieces[0].split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count <= 2 else { throw bad(text, name, range, names) }
                let values = bounds.map { value(String($0), names: names, firstName: firstName) }
                guard let low = values[0],
                    let high = values.count == 2 ? values[1] : (step > 1 ? range.upperBound : low),
                    range.contains(low), range.contains(high), low <= high
                else { throw bad(text, name, range, names) }
                span = low...high
            }
            values.formUnion(stride(from: span.lowerBound, through: span.upperBound, by: step))
        }
        return values
    }

    private static func value(_ text: String, names: [String], firstName: Int) -> Int? {
        if let number = Int(text) { return number }
        return names.firstIndex(of: text.uppercased()).map { $0 + firstName }
    }

    private static func bad(_ text: String, _ name: String, _ range: ClosedRange<Int>, _ names: [String]) -> ParseError
    {
        let allowed = names.isEmpty ? "" : " or names (\(names.first ?? "")-\(names.last ?? ""))"
        return ParseError(
            description:
                "the \(name) field '\(text)' is not valid: use *, numbers \(range.lowerBound)-\(range.upperBound)\(allowed), lists (a,b), ranges (a-b) and steps (*/n)"
        )
    }
}
