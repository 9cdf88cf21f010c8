import ArgumentParser
import Foundation
import RevloopCommands
import Testing

/// `revloop serve`'s start-up refusals: each stops before a socket is opened.
@Suite struct ServeCommandTests {
    @Test func aMissingKeysFileStopsWithExitCode2() async throws {
        var command =
            try RevloopCommand.parseAsRoot([
                "serve", "--engine", "memory", "--port", "0", "--api-keys-file", "/nonexistent/revloop-keys",
            ]) as? any AsyncParsableCommand
        await #expect(throws: ExitCode(2)) { try await command?.run() }
        command = nil
    }

    @Test func withoutAProjectEngineServeStopsRatherThanFallBackToTheTestEngine() async throws {
        let folder = RepositoryFiles.temporaryFolder("serve")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "key-0123456789abcdef\n".write(toFile: folder + "/keys", atomically: true, encoding: .utf8)
        // No --engine: the project's engine, which this project folder cannot give (no revloop.yaml).
        var command =
            try RevloopCommand.parseAsRoot([
                "serve", "--port", "0", "--api-keys-file", folder + "/keys", "--project", folder,
            ]) as? any AsyncParsableCommand
        await #expect(throws: ExitCode(2)) { try await command?.run() }
        command = nil
    }

    @Test(arguments: [["--port", "70000"], ["--engine", "fast"], ["--max-body-bytes", "10"]])
    func aBadOptionIsRefusedWhenParsed(arguments: [String]) {
        #expect(throws: (any Error).self) { try RevloopCommand.parseAsRoot(["serve"] + arguments) }
    }
}
