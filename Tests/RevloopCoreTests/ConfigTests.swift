import Foundation
import RevloopCore
import Testing

@Suite struct ConfigTests {
    let destinations = ["google": DestinationConfig(name: "google", platform: .googleDataManager)]

    func mappingDiagnostics(_ yaml: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let document = ConfigDocument.parse(yaml, path: "mappings/google.yaml", diagnostics: &diagnostics)
        _ = MappingConfig.read(document, destinations: destinations, diagnostics: &diagnostics)
        return diagnostics
    }

    let validMapping = """
        destination: google
        account: "123"
        conversion_action: "456"
        trigger:
          event: closed_won
        value:
          policy: deal_amount
          currency: USD
        """

    @Test func aValidMappingHasNoDiagnostics() {
        #expect(mappingDiagnostics(validMapping).isEmpty)
    }

    @Test func aTypoedKeyNamesTheFileLineColumnAndTheNearestKey() throws {
        let diagnostics = mappingDiagnostics(validMapping + "\nwindow_dayz: 30\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.description.hasPrefix("mappings/google.yaml:9:1: error: unknown key 'window_dayz'"))
        #expect(diagnostic.message.contains("did you mean 'window_days'?"))
    }

    @Test func aWrongChoiceListsTheChoices() {
        let yaml = validMapping.replacingOccurrences(of: "deal_amount", with: "deal_amonut")
        let messages = mappingDiagnostics(yaml).map(\.description)
        #expect(
            messages == [
                "mappings/google.yaml:7:11: error: 'value.policy' is 'deal_amonut', which is not one of: static, deal_amount, "
                    + "stage_weighted, predicted; did you mean 'deal_amount'?"
            ])
    }

    @Test func aWindowBeyondThePlatformsLimitIsAnError() {
        let metaDestinations = ["meta": DestinationConfig(name: "meta", platform: .meta)]
        var diagnostics: [Diagnostic] = []
        let yaml = """
            destination: meta
            account: "1"
            dataset: "2"
            trigger: {event: every_stage}
            value: {policy: stage_weighted, currency: EUR}
            window_days: 30
            """
        let document = ConfigDocument.parse(yaml, path: "m.yaml", diagnostics: &diagnostics)
        _ = MappingConfig.read(document, destinations: metaDestinations, diagnostics: &diagnostics)
        #expect(
            diagnostics.map(\.description) == ["m.yaml:6:14: error: 'window_days' must be a whole number from 1 to 7"])
    }

    @Test func linkedInUserInfoIsOptInAndLinkedInOnly() {
        let diagnostics = mappingDiagnostics(validMapping + "\nsend_user_info: true\n")
        #expect(diagnostics.map(\.message) == ["'send_user_info' applies only to LinkedIn destinations"])
    }

    @Test func anUnknownDestinationIsNamed() {
        let diagnostics = mappingDiagnostics(
            validMapping.replacingOccurrences(of: "destination: google", with: "destination: bing"))
        #expect(diagnostics.first?.message == "destination 'bing' is not defined in revloop.yaml (defined: google)")
    }

    @Test func aLiteralSecretIsRefusedWithoutEchoingIt() {
        var diagnostics: [Diagnostic] = []
        let yaml = """
            connectors: []
            destinations:
              meta:
                platform: meta
                access_token: EAAB-super-secret-token
            """
        let document = ConfigDocument.parse(yaml, path: "revloop.yaml", diagnostics: &diagnostics)
        _ = ProjectConfig.read(document, folder: "", diagnostics: &diagnostics)
        #expect(diagnostics.count == 1)
        #expect(
            diagnostics.first?.description.hasPrefix("revloop.yaml:5:19: error: 'destinations.meta.access_token'")
                == true)
        #expect(diagnostics.first?.message.contains("EAAB") == false)
    }

    @Test func aRefreshTokenNeedsItsClientAndMetaTokensAreNotRefreshed() {
        var diagnostics: [Diagnostic] = []
        let yaml = """
            connectors: []
            destinations:
              google:
                platform: google_data_manager
                refresh_token: ${env:GOOGLE_REFRESH_TOKEN}
              linkedin:
                platform: linkedin
                client_id: revloop
                client_secret: ${env:LINKEDIN_CLIENT_SECRET}
                refresh_token: ${env:LINKEDIN_REFRESH_TOKEN}
                batch_size: 500
                requests_in_flight: 1
              meta:
                platform: meta
                client_id: app
                client_secret: ${env:META_SECRET}
                refresh_token: ${env:META_REFRESH}
            """
        let document = ConfigDocument.parse(yaml, path: "revloop.yaml", diagnostics: &diagnostics)
        let config = ProjectConfig.read(document, folder: "", diagnostics: &diagnostics)
        #expect(
            diagnostics.map(\.description) == [
                "revloop.yaml:5:20: error: 'refresh_token' needs 'client_id' and 'client_secret' (the OAuth client that issued it)",
                "revloop.yaml:17:20: error: Meta tokens are not refreshed: give a system-user token as 'access_token' and drop 'refresh_token'",
            ])
        #expect(config?.destinations["linkedin"]?.clientID == "revloop")
        #expect(config?.destinations["linkedin"]?.batchSize == 500)
        #expect(config?.destinations["linkedin"]?.requestsInFlight == 1)
        #expect(config?.destinations["google"]?.effectiveRequestsPerMinute == 300)
    }

    @Test func cronSchedulesVersionsAndTokenExpiriesAreReadAndBadOnesNamed() {
        var diagnostics: [Diagnostic] = []
        let yaml = """
            connectors: []
            destinations:
              meta:
                platform: meta
                api_version: v25
                token_expires_at: 2027-01-31
              ads:
                platform: google_ads
                api_version: v26
                token_expires_at: soon
            schedule:
              cron: "*/15 * * * *"
              timezone: "+01:00"
              destinations:
                meta: "0 2 * * *"
                metta: "0 3 * * *"
              connectors:
                hubspot: "61 * * * *"
            alerts:
              match_rate_drop: 0.25
              token_expiry_days: 14
              pause_above_median_value: 20
            """
        let document = ConfigDocument.parse(yaml, path: "revloop.yaml", diagnostics: &diagnostics)
        let config = ProjectConfig.read(document, folder: "", diagnostics: &diagnostics)
        #expect(
            diagnostics.map(\.description) == [
                "revloop.yaml:5:18: error: 'api_version' for Meta is a Graph API version, such as \"v25.0\"",
                "revloop.yaml:10:23: error: 'token_expires_at' is a date (2027-01-31) or a timestamp with a zone (2027-01-31T12:00:00Z)",
                "revloop.yaml:18:14: error: the minute field '61' is not valid: use *, numbers 0-59, lists (a,b), ranges (a-b) and steps (*/n)",
                "revloop.yaml:12:3: error: schedule.destinations names 'metta', which is not a destination (known: ads, meta)",
            ])
        #expect(config?.destinations["meta"]?.tokenExpiresAt == CalendarDay(iso: "2027-01-31")?.startInUTC)
        #expect(config?.destinations["ads"]?.apiVersion == "v26")
        #expect(config?.schedule.cron?.description == "*/15 * * * *")
        #expect(config?.schedule.offsetSeconds == 3_600)
        #expect(config?.schedule.destinations["meta"]?.description == "0 2 * * *")
        #expect(config?.alerts?.matchRateDrop == 0.25 && config?.alerts?.tokenExpiryDays == 14)
        #expect(config?.alerts?.pauseAboveMedianValue == 20 && config?.alerts?.repeatHours == 24)
    }

    @Test func scoringAndPersonalizationSettingsAreReadWithDefaultsAndBadOnesNamed() {
        var diagnostics: [Diagnostic] = []
        let yaml = """
            connectors: []
            destinations: {}
            scoring:
              model: gbdt
              retrain_every: never
              monitor_every: 12h
              shutdown_ece: 0.03
            personalization:
              holdout: {share: 0.2, salt: q4}
              exploration: 0.05
              rewards: {downstream: 5}
            """
        let document = ConfigDocument.parse(yaml, path: "revloop.yaml", diagnostics: &diagnostics)
        let config = ProjectConfig.read(document, folder: "", diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        #expect(config?.scoring.model == .gbdt && config?.scoring.retrainEverySeconds == nil)
        #expect(config?.scoring.monitorEverySeconds == 43_200 && config?.scoring.shutdownECE == 0.03)
        #expect(config?.scoring.windowDays == 365 && config?.scoring.autoActivate == true)
        let personalization = config?.personalization
        #expect(personalization?.holdoutShare == 0.2 && personalization?.holdoutSalt == "q4")
        #expect(personalization?.exploration == 0.05)
        #expect(personalization?.engagementWeight == 1 && personalization?.downstreamWeight == 5)

        var problems: [Diagnostic] = []
        let bad = """
            connectors: []
            destinations: {}
            scoring: {retrain_every: monthly}
            personalization: {holdout: {share: 0.9}}
            """
        _ = ProjectConfig.read(
            ConfigDocument.parse(bad, path: "revloop.yaml", diagnostics: &problems), folder: "", diagnostics: &problems)
        #expect(
            problems.map(\.description) == [
                "revloop.yaml:4:36: error: 'personalization.holdout.share' must be a number from 0.0 to 0.5",
                "revloop.yaml:3:26: error: 'scoring.retrain_every' must be a duration such as 1d or 30d, or never",
            ])
    }

    @Test func theLeadModelBlockIsOptionalTakesTheScoringDefaultsAndNamesABadField() {
        func read(_ scoring: String) -> (ScoringConfig?, [String]) {
            var diagnostics: [Diagnostic] = []
            let yaml = "connectors: []\ndestinations: {}\nscoring:\n" + scoring
            let document = ConfigDocument.parse(yaml, path: "revloop.yaml", diagnostics: &diagnostics)
            let config = ProjectConfig.read(document, folder: "", diagnostics: &diagnostics)
            return (config?.scoring, diagnostics.map(\.description))
        }
        let (plain, none) = read("  model: gbdt\n  window_days: 400\n")
        #expect(none.isEmpty && plain?.lead == nil)
        #expect(plain?.leadModel == .gbdt && plain?.leadWindowDays == 400)
        let (lead, clean) = read("  model: gbdt\n  lead:\n    model: logistic\n    window_days: 730\n")
        #expect(clean.isEmpty, "\(clean)")
        #expect(lead?.lead == LeadScoringConfig(model: .logistic, windowDays: 730))
        #expect(lead?.model == .gbdt && lead?.leadModel == .logistic && lead?.leadWindowDays == 730)
        let (defaults, _) = read("  lead: {}\n")
        #expect(defaults?.lead == LeadScoringConfig() && defaults?.leadWindowDays == 365)
        let (_, problems) = read("  lead: {window_days: 5, label: meetings}\n")
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("'scoring.lead.window_days'") })
        #expect(problems.contains { $0.contains("unknown key 'label' in 'scoring.lead'") })
    }

    @Test func channelAmountBoundsTightenTheShareBounds() throws {
        var diagnostics: [Diagnostic] = []
        let yaml = """
            connectors: []
            allocator:
              period_days: 7
              budget: "10000.00"
              currency: USD
              channels:
                google: { min_share: 0.2, max_share: 0.6, min: "3000.00", max: "9000.00" }
                meta: { max: "1500.00" }
                linkedin: { min: "500.00", max: "400.00" }
            """
        let document = ConfigDocument.parse(yaml, path: "revloop.yaml", diagnostics: &diagnostics)
        let config = try #require(ProjectConfig.read(document, folder: "", diagnostics: &diagnostics))
        #expect(diagnostics.map(\.message) == ["'min' is above 'max' for channel 'linkedin'"])
        let channels = try #require(config.allocator?.channels)
        let google = try #require(channels["google"]).shares(of: 1_000_000)
        #expect(google.minimum == 0.3 && google.maximum == 0.6)
        let meta = try #require(channels["meta"]).shares(of: 1_000_000)
        #expect(meta.minimum == 0 && meta.maximum == 0.15)
    }

    @Test func invalidYAMLPointsAtTheProblem() {
        var diagnostics: [Diagnostic] = []
        _ = ConfigDocument.parse("a: [1, 2\nb: 3\n", path: "revloop.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.description.hasPrefix("revloop.yaml:") == true)
        #expect(diagnostics.first?.source.line != nil)
        // A key written twice (a second `schedule:` appended to the file) names the key and the fix.
        var duplicated: [Diagnostic] = []
        _ = ConfigDocument.parse(
            "version: 1\nschedule:\n  every: 1h\nschedule:\n  cron: \"@hourly\"\n", path: "revloop.yaml",
            diagnostics: &duplicated)
        #expect(
            duplicated.map(\.message) == [
                "the key(s) 'schedule' appear twice in one mapping; keep one (merge their settings)"
            ])
        #expect(duplicated.first?.source.line != nil)
    }

    @Test func secretsResolveLateAndPrintRedacted() throws {
        let resolver = SecretResolver(environment: ["META_TOKEN": "s3cret"]) { _ in nil }
        let secret = try resolver.resolve(.environment("META_TOKEN"))
        #expect(secret.reveal() == "s3cret")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        let encoded = try JSONEncoder().encode(["token": secret])
        #expect(String(decoding: encoded, as: UTF8.self) == #"{"token":"<redacted>"}"#)
        #expect(throws: ConfigError.self) { try resolver.resolve(.environment("MISSING")) }
        #expect(SecretReference("${file:/run/secrets/meta}") == .file("/run/secrets/meta"))
        #expect(SecretReference("plain") == nil)
    }

    @Test(arguments: [("15m", 900), ("1h", 3600), ("2d", 172_800), ("90s", 90)])
    func durationsReadAsPeopleWriteThem(text: String, seconds: Int) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test(arguments: ["999999999999999999d", "0h", "-5m", "1w", "h"])
    func nonsenseDurationsAreRefusedNotTrapped(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }

    @Test func aMissingListedFileIsReportedWhereItIsListed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "revloop-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("revloop.yaml").path
        try "connectors:\n  - connectors/nope.yaml\nmappings: [maps]\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let project = Project.load(path: path)
        #expect(project.diagnostics.map { "\($0.source.line ?? 0):\($0.source.column ?? 0)" } == ["2:5", "3:12"])
        #expect(
            project.diagnostics.allSatisfy {
                $0.message.hasSuffix("does not exist; fix the path or remove it from the list")
            })
    }
}
