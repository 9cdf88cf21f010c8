import RevloopCore
import Testing

@testable import RevloopCommands

@Suite struct DoctorTests {
    /// 2026-11-29T00:00:00Z.
    static let now = Timestamp(millisecondsSinceEpoch: 1_795_910_400_000)

    static func destination(_ platform: Platform, version: String?) -> DestinationConfig {
        var destination = DestinationConfig(name: "d", platform: platform)
        destination.apiVersion = version
        return destination
    }

    @Test(arguments: [
        (Platform.meta, "v20.0", DoctorCheck.Status.error, "was retired on 2026-09-24"),
        (.meta, "v21.0", .warning, "retires on 2027-01-21, in 53 days"),
        (.meta, "v25.0", .ok, "live until on 2028-07-29"),
        (.meta, "v26.0", .ok, "no sunset announced"),
        (.meta, "v12.0", .error, "retired (older than every live version)"),
        (.meta, "v27.0", .warning, "newer than this build's table"),
        (.googleAds, "v22", .error, "was retired on 2026-10-07"),
        (.googleAds, "v23", .warning, "retires around 2027-02-01 (projected), in 64 days"),
        (.googleAds, "v26", .ok, "live until around 2027-11-01 (projected)"),
    ])
    func versionsAreJudgedAgainstTheirPublishedSunsets(
        platform: Platform, version: String, status: DoctorCheck.Status, detail: String
    ) throws {
        let check = try #require(APIVersionSunsets.check(Self.destination(platform, version: version), now: Self.now))
        #expect(check.status == status)
        #expect(check.detail.contains(detail), "\(check.detail)")
        if status == .error { #expect(check.fix?.contains("api_version") == true) }
    }

    @Test func linkedInAndDataManagerAreNotInTheTable() {
        #expect(APIVersionSunsets.check(Self.destination(.linkedIn, version: "202611"), now: Self.now) == nil)
        #expect(APIVersionSunsets.check(Self.destination(.googleDataManager, version: nil), now: Self.now) == nil)
    }

    @Test func aConfiguredTokenExpiryIsAnErrorOncePastAndAWarningWithinTwoWeeks() {
        var destination = Self.destination(.meta, version: nil)
        #expect(DoctorCommand.tokenExpiry(destination, now: Self.now) == nil)
        destination.tokenExpiresAt = Self.now.adding(milliseconds: -1)
        #expect(DoctorCommand.tokenExpiry(destination, now: Self.now)?.status == .error)
        destination.tokenExpiresAt = Self.now.adding(milliseconds: 3 * 86_400_000)
        #expect(DoctorCommand.tokenExpiry(destination, now: Self.now)?.status == .warning)
        destination.tokenExpiresAt = Self.now.adding(milliseconds: 30 * 86_400_000)
        #expect(DoctorCommand.tokenExpiry(destination, now: Self.now)?.status == .ok)
    }
}
