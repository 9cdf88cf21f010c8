internal import ArgumentParser
internal import Foundation
internal import RevloopCore
internal import RevloopPersonalization

/// `revloop validate`: checks the project file and every connector and mapping file it names.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check revloop.yaml, every connector and mapping file, and the personalization inventory.",
        discussion: """
            Every problem is printed as file:line:column: error: message, naming the key and what to do; unknown keys are errors (with the nearest allowed key suggested). The content inventory (personalization/*.yaml beside revloop.yaml) is checked when the folder exists. Exit code 2 when any file has an error, 0 when all are clean.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    struct Report: Encodable {
        var files: [String]
        var errors: Int
        var warnings: Int
        var diagnostics: [Diagnostic]
    }

    func run() async throws {
        let output = Output(progress: false)
        var loaded = Project.load(path: project.configPath)
        // The content inventory, when the project has one (personalization is optional).
        let folder = URL(fileURLWithPath: project.configPath).deletingLastPathComponent()
            .appendingPathComponent("personalization")
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue {
            let shown = (project.configPath as NSString).deletingLastPathComponent
            let display = shown.isEmpty ? "personalization" : "\(shown)/personalization"
            _ = InventoryLoader.load(directory: folder, displayPath: display, diagnostics: &loaded.diagnostics)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            loaded.filesRead += files.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map {
                "\(display)/\($0)"
            }
        }
        let errors = loaded.diagnostics.filter { $0.severity == .error }.count
        let warnings = loaded.diagnostics.filter { $0.severity == .warning }.count
        switch format {
        case .json:
            try output.json(
                Report(files: loaded.filesRead, errors: errors, warnings: warnings, diagnostics: loaded.diagnostics))
        case .text:
            for diagnostic in loaded.diagnostics { output.diagnostic(diagnostic) }
            let verdict = errors == 0 ? "ok" : "failed"
            output.result(
                "validate: \(verdict): \(loaded.filesRead.count) files checked, \(errors) errors, \(warnings) warnings")
        }
        if errors > 0 { throw ExitStatus.configInvalid }
    }
}
