import Foundation
import RevloopScoring
import Testing

@testable import RevloopCommands

@Suite struct ScoreMonitorTests {
    private func write(_ text: String, _ name: String) throws -> String {
        let path = RepositoryFiles.temporaryFolder("monitor") + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func readsFeaturesScoresAndOutcomes() throws {
        let path = try write(
            """
            industry,pages,probability,score,won
            saas,3,0.25,25,1
            retail,,0.5,50,0
            "health, public",7,0.75,75,won

            """, "scored.csv")
        let file = try ScoreCSVFile(path: path)
        let data = try MonitorDataset(
            table: file, scoreColumn: "probability", scale: .auto, labelColumn: "won",
            features: ["industry", "pages"], numericColumns: nil)
        #expect(data.batch.probabilities == [0.25, 0.5, 0.75])
        #expect(data.batch.outcomes == [true, false, true])
        #expect(data.numericColumns == ["industry": false, "pages": true])
        #expect(data.batch.features[0].values[2] == .category("health, public"))
        #expect(data.batch.features[1].values == [.number(3), .missing, .number(7)])
        // The 0-100 score column reads as points.
        let points = try MonitorDataset(
            table: file, scoreColumn: "score", scale: .auto, labelColumn: nil, features: [], numericColumns: nil)
        #expect(points.batch.probabilities == [0.25, 0.5, 0.75])
    }

    @Test func anOpenDealInTheLabelColumnIsNamedWithItsLine() throws {
        let path = try write("probability,won\n0.2,1\n0.3,open\n", "labels.csv")
        let file = try ScoreCSVFile(path: path)
        #expect {
            try MonitorDataset(
                table: file, scoreColumn: "probability", scale: .auto, labelColumn: "won", features: [],
                numericColumns: nil)
        } throws: { error in
            let text = "\(error)"
            return text.contains("labels.csv:3:") && text.contains("'won'") && text.contains("leave open deals out")
        }
    }

    @Test func aProbabilityAboveOneIsRefused() throws {
        let path = try write("probability\n0.2\n1.5\n", "range.csv")
        let file = try ScoreCSVFile(path: path)
        #expect {
            try MonitorDataset(
                table: file, scoreColumn: "probability", scale: .probability, labelColumn: nil, features: [],
                numericColumns: nil)
        } throws: { error in
            "\(error)".contains("range.csv:3:") && "\(error)".contains("outside [0, 1]")
        }
    }

    @Test func aMissingColumnNamesTheOptionAndTheHeader() throws {
        let path = try write("p,won\n0.2,1\n", "columns.csv")
        let file = try ScoreCSVFile(path: path)
        #expect {
            try MonitorDataset(
                table: file, scoreColumn: "probability", scale: .auto, labelColumn: nil, features: [],
                numericColumns: nil)
        } throws: { error in
            "\(error)".contains("--score") && "\(error)".contains("'probability'") && "\(error)".contains("p, won")
        }
    }

    @Test func theReferenceDecidesWhichColumnsAreNumbers() throws {
        let path = try write("code,probability\n12,0.1\nA7,0.2\n", "kinds.csv")
        let file = try ScoreCSVFile(path: path)
        let data = try MonitorDataset(
            table: file, scoreColumn: "probability", scale: .auto, labelColumn: nil, features: ["code"],
            numericColumns: ["code": true])
        // A text value in a column the reference had as numbers counts as missing (the PSI missing bin shows it).
        #expect(data.batch.features[0].values == [.number(12), .missing])
    }
}
