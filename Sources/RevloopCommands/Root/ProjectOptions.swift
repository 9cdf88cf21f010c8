internal import ArgumentParser
internal import Foundation
internal import Logging
internal import RevloopCore
internal import RevloopStore

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Options every command that reads the project shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: [.short, .customLong("config")], help: "The project file.")
    var configPath = "revloop.yaml"

    @Option(
        help: ArgumentHelp(
            "Pretend it is this date or instant (YYYY-MM-DD or RFC 3339), for reproducible runs.",
            valueName: "date"))
    var asOf: String?

    @Option(help: "Log level on stderr: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "warning"

    @Option(
        help: ArgumentHelp(
            "Log lines as text or json (one object per line); auto: json when stderr is not a terminal.",
            valueName: "auto|text|json"))
    var logFormat = "auto"

    /// A logger writing to stderr at `--log-level`. Log lines carry counts and ids, never personal data.
    func logger(label: String) throws -> Logger {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError(
                "--log-level '\(logLevel)' is not one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return try logger(label: label, level: level)
    }

    /// A logger at `level` whatever `--log-level` says (the scheduler reports its cycles at info).
    func logger(label: String, level: Logger.Level) throws -> Logger {
        let json: Bool
        switch logFormat {
        case "json": json = true
        case "text": json = false
        case "auto": json = isatty(STDERR_FILENO) != 1
        default: throw ValidationError("--log-format '\(logFormat)' is not one of: auto, text, json")
        }
        var logger = Logger(
            label: label,
            factory: { json ? JSONLogHandler(label: $0) as any LogHandler : StreamLogHandler.standardError(label: $0) })
        logger.logLevel = level
        return logger
    }

    /// The clock the command runs on: pinned by `--as-of`, else the system's.
    func clock() throws -> any WallClock {
        guard let asOf else { return SystemWallClock() }
        if let day = CalendarDay(iso: asOf) { return FixedWallClock(day.startInUTC) }
        if let instant = RFC3339.parse(asOf) { return FixedWallClock(instant) }
        throw ValidationError(
            "--as-of '\(asOf)' is not a date (2026-11-29) or a timestamp with a zone (2026-11-29T09:00:00Z)")
    }

    /// Loads the project, printing its diagnostics; throws exit code 2 when it has errors.
    func loadProject(output: Output) throws -> Project {
        guard FileManager.default.fileExists(atPath: configPath) else {
            output.error(
                "\(configPath): error: no project file here; run revloop from the project folder or pass -c PATH")
            throw ExitStatus.configInvalid
        }
        let project = Project.load(path: configPath)
        for diagnostic in project.diagnostics { output.diagnostic(diagnostic) }
        if project.diagnostics.containsErrors || project.config == nil { throw ExitStatus.configInvalid }
        return project
    }

    /// Opens the project's store, or prints why not and fails with exit code 3.
    func openStore(_ config: ProjectConfig, output: Output) throws -> SQLiteStore {
        do {
            return try SQLiteStore(path: config.storePath)
        } catch {
            output.error("error: \(error)")
            throw ExitStatus.runFailed
        }
    }
}
