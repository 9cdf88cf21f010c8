internal import ArgumentParser
internal import Foundation
internal import RevloopCore
internal import RevloopDestinations
internal import RevloopHTTP
internal import RevloopStore

/// `revloop doctor`: checks what a scheduled run depends on, one line per check with what to do.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the config, the store, the clock, each destination's credentials and API version.",
        discussion: """
            Prints one line per check: ok, warning or error, and what to do. Credentials are checked with a \
            request each platform refuses for being empty (it never ingests anything): a refused token, a token \
            that cannot be refreshed, a retired LinkedIn-Version and a Google Ads token that is not allowlisted \
            are reported with their fix. Exits 1 when any check is an error.

            Examples:
              revloop doctor
              revloop doctor -c revloop.sandbox.yaml --format json
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "Output: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let output = Output(progress: false)
        var checks: [DoctorCheck] = []
        let loaded = Project.load(path: project.configPath)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        guard let config = loaded.config, errors.isEmpty else {
            checks.append(
                DoctorCheck(
                    status: .error, check: "config",
                    detail: "\(project.configPath) has \(errors.count) error(s): \(errors.first?.description ?? "")",
                    fix: "run `revloop validate` and correct what it names"))
            try report(checks, output: output)
            return
        }
        checks.append(
            DoctorCheck(
                status: .ok, check: "config",
                detail:
                    "\(loaded.filesRead.count) files, \(config.destinations.count) destinations, \(loaded.mappings.count) mappings"
            ))
        checks.append(await storeCheck(config))
        let now = SystemWallClock().now()
        let transport = URLSessionHTTPTransport()
        var clockChecked = false
        for name in config.destinations.keys.sorted() {
            guard let destination = config.destinations[name] else { continue }
            if destination.platform == .linkedIn { checks.append(Self.linkedInVersion(destination, now: now)) }
            if let version = APIVersionSunsets.check(destination, now: now) { checks.append(version) }
            if let expiry = Self.tokenExpiry(destination, now: now) { checks.append(expiry) }
            let (credentials, date) = await credentialCheck(destination, config: config, transport: transport)
            checks.append(credentials)
            if !clockChecked, let date {
                clockChecked = true
                checks.append(Self.clockCheck(serverDate: date, now: now, source: name))
            }
        }
        if !clockChecked {
            checks.append(
                DoctorCheck(
                    status: .warning, check: "clock", detail: "not checked: no destination answered with a Date header",
                    fix: "keep the machine's clock synchronized (NTP); platforms refuse events dated in the future"))
        }
        try report(checks, output: output)
    }

    private func report(_ checks: [DoctorCheck], output: Output) throws {
        if format == .json {
            try output.json(checks)
        } else {
            output.result(checks.map(\.line).joined(separator: "\n"))
        }
        if checks.contains(where: { $0.status == .error }) { throw ExitStatus.recordsRejected }
    }

    private func storeCheck(_ config: ProjectConfig) async -> DoctorCheck {
        do {
            let health = try await SQLiteStore(path: config.storePath).health()
            guard health.check == "ok" else {
                return DoctorCheck(
                    status: .error, check: "store", detail: "\(config.storePath): integrity check says \(health.check)",
                    fix: "restore the store from a backup, or move it aside and pull again (the ledger would be lost)")
            }
            return DoctorCheck(
                status: .ok, check: "store",
                detail: "\(config.storePath): integrity ok, \(health.migrations.count) migrations applied")
        } catch {
            return DoctorCheck(
                status: .error, check: "store", detail: "\(error)", fix: "check the path and permissions of store.path")
        }
    }

    /// LinkedIn versions (`YYYYMM`) live about a year.
    static func linkedInVersion(_ destination: DestinationConfig, now: Timestamp) -> DoctorCheck {
        let version = destination.apiVersion ?? "202611"
        let (year, month, _) = now.utcDay.components
        let number = Int(version) ?? 0
        let age = (year * 12 + month) - ((number / 100) * 12 + number % 100)
        let check = "\(destination.name): LinkedIn-Version"
        if age >= 12 {
            return DoctorCheck(
                status: .error, check: check, detail: "\(version) is retired (LinkedIn keeps versions about a year)",
                fix:
                    "set `api_version` for destination '\(destination.name)' to a current YYYYMM, such as \(year * 100 + month)"
            )
        }
        if age >= 10 {
            return DoctorCheck(
                status: .warning, check: check, detail: "\(version) retires within about \(12 - age) month(s)",
                fix: "move `api_version` to a newer YYYYMM and run `revloop upload --platform linkedin` to confirm")
        }
        return DoctorCheck(status: .ok, check: check, detail: "\(version) is live")
    }

    /// A configured token's `token_expires_at`: an error once past, a warning within 14 days.
    static func tokenExpiry(_ destination: DestinationConfig, now: Timestamp) -> DoctorCheck? {
        guard let expires = destination.tokenExpiresAt else { return nil }
        let check = "\(destination.name): token expiry"
        let fix =
            "issue a new token (or configure refresh_token), update the secret it is read from and `token_expires_at`"
        if expires <= now {
            return DoctorCheck(status: .error, check: check, detail: "the token expired on \(expires)", fix: fix)
        }
        let days = (expires.millisecondsSinceEpoch - now.millisecondsSinceEpoch) / 86_400_000
        return days < 14
            ? DoctorCheck(
                status: .warning, check: check, detail: "the token expires on \(expires), in \(days) day(s)", fix: fix)
            : DoctorCheck(status: .ok, check: check, detail: "the token is valid until \(expires)")
    }

    static func clockCheck(serverDate: Timestamp, now: Timestamp, source: String) -> DoctorCheck {
        let skew = abs(serverDate.millisecondsSinceEpoch - now.millisecondsSinceEpoch) / 1_000
        guard skew <= 120 else {
            return DoctorCheck(
                status: .error, check: "clock", detail: "\(skew) s away from \(source)'s clock",
                fix: "synchronize the clock (NTP): events would be dated wrong or refused as in the future")
        }
        return DoctorCheck(status: .ok, check: "clock", detail: "within \(skew) s of \(source)'s clock")
    }

    /// Gets a token and sends the platform an empty request: the answer says whether the token (and the
    /// API version, the allowlist) are good, without ingesting anything.
    private func credentialCheck(_ destination: DestinationConfig, config: ProjectConfig, transport: any HTTPTransport)
        async -> (DoctorCheck, Timestamp?)
    {
        let check = "\(destination.name): credentials"
        let token: Secret
        do {
            let source = try DeliveryJob.tokenSource(
                for: destination, configPath: config.sourcePath, secrets: .live, transport: transport,
                clock: SystemWallClock())
            token = try await source.accessToken(refresh: false)
        } catch {
            return (DoctorCheck(status: .error, check: check, detail: "no token", fix: "\(error)"), nil)
        }
        let base = destination.baseURL
        var headers = ["Authorization": "Bearer " + token.reveal(), "Content-Type": "application/json"]
        let url: String
        let body: String
        switch destination.platform {
        case .googleDataManager:
            url = (base ?? "https://datamanager.googleapis.com") + "/v1/events:ingest"
            body = #"{"destinations":[],"validateOnly":true,"events":[]}"#
        case .googleAds:
            url = (base ?? "https://googleads.googleapis.com") + "/v26/customers/0:uploadClickConversions"
            body = #"{"conversions":[],"partialFailure":true,"validateOnly":true}"#
        case .meta:
            url = (base ?? "https://graph.facebook.com") + "/v26.0/0/events"
            body = #"{"data":[]}"#
        case .linkedIn:
            url = (base ?? "https://api.linkedin.com") + "/rest/conversionEvents"
            body = #"{"elements":[]}"#
            headers["LinkedIn-Version"] = destination.apiVersion ?? "202611"
            headers["X-Restli-Protocol-Version"] = "2.0.0"
            headers["X-RestLi-Method"] = "BATCH_CREATE"
        }
        guard let endpoint = URL(string: url) else {
            return (DoctorCheck(status: .error, check: check, detail: "bad base_url", fix: "correct `base_url`"), nil)
        }
        let response: HTTPResponse
        do {
            response = try await transport.send(
                HTTPRequest(
                    method: "POST", url: endpoint, headers: headers, body: Data(body.utf8), timeout: .seconds(15)))
        } catch {
            return (
                DoctorCheck(
                    status: .error, check: check, detail: "\(endpoint.host ?? url) did not answer: \(error)",
                    fix: "check the network and `base_url`"), nil
            )
        }
        let date = response.headers["date"].flatMap(Self.httpDate)
        switch PlatformAnswersCatalog.answers(for: destination.platform).outcome(of: response, eventCount: 0) {
        case .unauthorized(let code):
            return (
                DoctorCheck(
                    status: .error, check: check, detail: "the platform refused the token (\(code))",
                    fix:
                        "issue a new token for destination '\(destination.name)', or configure refresh_token, client_id and client_secret"
                ), date
            )
        case .stopped(let code, let advice):
            return (DoctorCheck(status: .error, check: check, detail: code, fix: advice), date)
        case .retryable(let code, _):
            return (
                DoctorCheck(
                    status: .warning, check: check, detail: "the platform is busy (\(code)); the token was not checked",
                    fix: "run `revloop doctor` again later"), date
            )
        case .delivered, .refused:
            return (DoctorCheck(status: .ok, check: check, detail: "token accepted by \(endpoint.host ?? url)"), date)
        }
    }

    /// An HTTP `Date` header (`Sun, 29 Nov 2026 14:30:00 GMT`).
    static func httpDate(_ text: String) -> Timestamp? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text).map(Timestamp.init)
    }
}
