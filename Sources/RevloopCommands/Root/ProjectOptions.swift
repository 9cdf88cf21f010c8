internal import ArgumentParser
internal import Foundation
internal import RevloopCore

/// Options every command that reads the project shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: [.short, .customLong("config")], help: "The project file.")
    var configPath = "revloop.yaml"

    @Option(
        help: ArgumentHelp(
            "Pretend it is this date or instant (YYYY-MM-DD or RFC 3339), for reproducible runs.",
            valueName: "date"))
    var asOf: String?

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
}
