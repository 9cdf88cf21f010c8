internal import ArgumentParser

/// The documented exit codes (listed in `revloop --help` and the README).
enum ExitStatus {
    /// Finished, but some records were rejected: a human should look at the diagnostics.
    static let recordsRejected = ExitCode(1)
    /// The configuration has errors.
    static let configInvalid = ExitCode(2)
    /// A failure stopped the run (store, files, connector).
    static let runFailed = ExitCode(3)
}
