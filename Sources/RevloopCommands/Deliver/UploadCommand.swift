internal import ArgumentParser

/// `revloop upload`: sends what `plan` decided, through the ledger.
struct UploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Send what `revloop plan` decided to each ad platform, exactly once, and record every answer.",
        discussion: """
            Plans from the store as it is (run `revloop pull` first, or use `revloop sync`), then sends each \
            destination's conversions in the platform's batches, all destinations at once. Every operation is \
            recorded as sending before its request and settled after, so an interrupted run resumes without loss \
            or duplicates. Events the platform refuses are isolated and the rest of their batch delivered; \
            passing failures (429, 5xx, timeouts) are retried with backoff and Retry-After, then left for the \
            next run, and dead-lettered after 10 attempts.

            Ends with a summary per destination (requests, sent, accepted, duplicates, rejected by code, \
            retried, dead letters) and exits 1 when anything needs a human.

            Examples:
              revloop upload --validate-only
              revloop upload --platform meta --test
              revloop upload --format json
            """)

    @OptionGroup var project: ProjectOptions
    @OptionGroup var delivery: DeliveryOptions

    func run() async throws {
        try await delivery.run(command: "upload", project: project, pullFirst: false)
    }
}
