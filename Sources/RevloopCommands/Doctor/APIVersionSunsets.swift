internal import RevloopCore

/// When the Meta Graph API and Google Ads API versions stop answering, as their publishers state them.
///
/// Meta (developers.facebook.com/docs/graph-api/changelog/versions, read 2026-11-29): a version is
/// available until two years after the next one was released; v26.0 (2026-07-29) has no date yet.
/// Google Ads (the Google Ads developer blog's sunset reminders and 2026 release plan): v19-v22 sunset on
/// the days announced; v23-v26 have projected sunset months only (February, May, August and November
/// 2027), taken as the first day of that month so the warning comes early. The table ages: a version
/// newer than it knows is reported as unknown, not as fine.
enum APIVersionSunsets {
    struct Sunset {
        var day: CalendarDay
        /// The publisher announced a month, not a day.
        var projected: Bool
    }

    static let meta: [String: Sunset] = [
        "v18.0": .init(day: day(2026, 1, 26), projected: false),
        "v19.0": .init(day: day(2026, 5, 21), projected: false),
        "v20.0": .init(day: day(2026, 9, 24), projected: false),
        "v21.0": .init(day: day(2027, 1, 21), projected: false),
        "v22.0": .init(day: day(2027, 5, 20), projected: false),
        "v23.0": .init(day: day(2027, 10, 8), projected: false),
        "v24.0": .init(day: day(2028, 2, 18), projected: false),
        "v25.0": .init(day: day(2028, 7, 29), projected: false),
    ]
    /// Meta versions known to be live with no sunset announced.
    static let metaOpenEnded: Set<String> = ["v26.0"]

    static let googleAds: [String: Sunset] = [
        "v19": .init(day: day(2026, 2, 11), projected: false),
        "v20": .init(day: day(2026, 6, 10), projected: false),
        "v21": .init(day: day(2026, 8, 5), projected: false),
        "v22": .init(day: day(2026, 10, 7), projected: false),
        "v23": .init(day: day(2027, 2, 1), projected: true),
        "v24": .init(day: day(2027, 5, 1), projected: true),
        "v25": .init(day: day(2027, 8, 1), projected: true),
        "v26": .init(day: day(2027, 11, 1), projected: true),
    ]

    /// Warn this many days before a sunset.
    static let warningDays: Int64 = 90

    /// The doctor line for `destination`'s pinned (or default) version of Meta's or Google Ads' API.
    static func check(_ destination: DestinationConfig, now: Timestamp) -> DoctorCheck? {
        let (label, version, table, openEnded, latest): (String, String, [String: Sunset], Set<String>, String)
        switch destination.platform {
        case .meta:
            (label, version, table, openEnded, latest) = (
                "Graph API version", destination.apiVersion ?? "v26.0", meta, metaOpenEnded, "v26.0"
            )
        case .googleAds:
            (label, version, table, openEnded, latest) = (
                "Google Ads API version", destination.apiVersion ?? "v26", googleAds, [], "v26"
            )
        case .linkedIn, .googleDataManager:
            return nil
        }
        let check = "\(destination.name): \(label)"
        let fix =
            "set `api_version` for destination '\(destination.name)' to \(latest) (or the newest your account supports)"
        if openEnded.contains(version) {
            return DoctorCheck(status: .ok, check: check, detail: "\(version) is live; no sunset announced")
        }
        guard let sunset = table[version] else {
            let number = Int(version.dropFirst().prefix { $0.isNumber }) ?? 0
            let newest = Int(latest.dropFirst().prefix { $0.isNumber }) ?? 0
            return number > newest
                ? DoctorCheck(
                    status: .warning, check: check, detail: "\(version) is newer than this build's table of sunsets",
                    fix: "nothing, if the platform accepts it; `revloop upload --validate-only` confirms")
                : DoctorCheck(
                    status: .error, check: check, detail: "\(version) is retired (older than every live version)",
                    fix: fix)
        }
        let today = now.utcDay
        let when = sunset.projected ? "around \(sunset.day) (projected)" : "on \(sunset.day)"
        if sunset.day <= today {
            return DoctorCheck(
                status: .error, check: check, detail: "\(version) was retired \(when); requests to it fail", fix: fix)
        }
        let left = sunset.day.daysSinceEpoch - today.daysSinceEpoch
        if left <= warningDays {
            return DoctorCheck(
                status: .warning, check: check, detail: "\(version) retires \(when), in \(left) days", fix: fix)
        }
        return DoctorCheck(status: .ok, check: check, detail: "\(version) is live until \(when)")
    }

    private static func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDay {
        guard let date = CalendarDay(year: year, month: month, day: day) else {
            preconditionFailure("the sunset table names a date that does not exist: \(year)-\(month)-\(day)")
        }
        return date
    }
}
