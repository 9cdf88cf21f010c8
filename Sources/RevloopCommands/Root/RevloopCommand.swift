public import ArgumentParser

/// `revloop`: the command-line entry point.
public struct RevloopCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "revloop",
        abstract: "Close the loop between your CRM and your ad platforms.",
        discussion: """
            Revloop pulls pipeline and closed-won outcomes from a CRM, turns stage changes into revenue-weighted offline conversions for Google, Meta and LinkedIn, and keeps a ledger of everything it sends.

            Start with the bundled sample, no account needed:
              revloop validate          check revloop.yaml, connectors/ and mappings/
              revloop pull              load the CRM export into .revloop/revloop.sqlite
              revloop status            what the store holds and how the last runs went
              revloop plan              what would be sent, and why anything is not
              revloop sandbox &         the ad platforms' emulators on 127.0.0.1:8450
              revloop sync -c revloop.sandbox.yaml
                                        pull, plan and deliver to the emulators

            Exit codes: 0 success; 1 finished, but records were rejected (see the diagnostics); 2 the configuration has errors; 3 a failure stopped the run (store, files); 64 bad arguments.
            """,
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self, PullCommand.self, PlanCommand.self, MapCommand.self, UploadCommand.self,
            SyncCommand.self, ScheduleCommand.self, RunsCommand.self, PauseCommand.self, ResumeCommand.self,
            LedgerCommand.self, RetryCommand.self,
            AllocateCommand.self, SpendCommand.self, StatusCommand.self,
            SampleCommand.self, IdentityCommand.self, SandboxCommand.self, DoctorCommand.self, ScoreCommand.self,
            ServeCommand.self, PersonalizeCommand.self,
        ]
    )

    public init() {}
}
