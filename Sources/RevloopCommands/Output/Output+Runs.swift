internal import ArgumentParser
internal import RevloopCore
internal import RevloopStore

extension Output {
    /// Ends a recorded run that an error stopped: clears the progress line, prints the error, records
    /// the run as failed, and returns the exit code to throw.
    func failRun(_ error: any Error, store: any RunStore, runID: Int64, clock: any WallClock) async -> ExitCode {
        endProgress()
        self.error("error: \(error)")
        try? await store.finishRun(id: runID, finishedAt: clock.now(), status: .failed, summary: [:])
        return ExitStatus.runFailed
    }
}
