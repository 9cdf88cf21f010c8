import Foundation
import RevloopCore
import Testing

@testable import RevloopConnectors

@Suite struct ExportDealLineScannerTests {
    /// The scanner and JSONDecoder agree on every line of the bundled sample.
    @Test func readsEverySampleLineAsJSONDecoderDoes() throws {
        let text = try String(contentsOfFile: ExportTestSupport.sampleFolder + "/deals.jsonl", encoding: .utf8)
        var lines = 0
        for line in text.split(separator: "\n") {
            let fast = try #require(ExportDealLineScanner.parse(String(line)))
            let slow = try JSONDecoder().decode(ExportDealLine.self, from: Data(line.utf8))
            #expect(try Self.same(fast, slow))
            lines += 1
        }
        #expect(lines == 3_000)
    }

    /// The same deal (and the same diagnostics) once the record parser has read each line.
    static func same(_ a: ExportDealLine, _ b: ExportDealLine) throws -> Bool {
        let parser = ExportRecordParser(connector: ExportTestSupport.connector(path: "unused"), rebaseDays: 3)
        let source = DiagnosticSource(path: "deals.jsonl", line: 1)
        let (fast, fastProblems) = parser.deal(a, source: source)
        let (slow, slowProblems) = parser.deal(b, source: source)
        return fast == slow && fastProblems == slowProblems
    }

    @Test func escapesNullsUnknownKeysAndWhiteSpaceAreRead() throws {
        let line = #"""
             { "deal_id" : "d-\"1\"\u00e9\ud83d\ude00", "pipeline_id":"p", "stage_id":"s", "amount":null,
              "extra": {"nested": [1, -2.5e3, true, null, "x"]}, "contact_ids": ["a", "b\/c"],
              "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-02 10:00:00",
              "stage_history": [{"stage_id": "s", "entered_at": "2026-01-01T00:00:00Z", "x": 1},
                                {"stage_id": "t", "entered_at": "not a time"}],
              "amount_history": null, "is_deleted": true, "lost_reason": "refunded" }
            """#
        let fast = try #require(ExportDealLineScanner.parse(line))
        let slow = try JSONDecoder().decode(ExportDealLine.self, from: Data(line.utf8))
        #expect(try Self.same(fast, slow))
        #expect(fast.dealID == "d-\"1\"é😀" && fast.contactIDs == ["a", "b/c"] && fast.isDeleted == true)
    }

    @Test(arguments: [
        #"{"deal_id":"d","pipeline_id":"p"}"#, #"{"deal_id":"d","pipeline_id":"p","stage_id":"s""#,
        #"{"deal_id":"d","pipeline_id":"p","stage_id":"s"} trailing"#,
        #"{"deal_id":1,"pipeline_id":"p","stage_id":"s"}"#,
        #"{"deal_id":"d","pipeline_id":"p","stage_id":"s","is_deleted":"yes"}"#, "",
        #"{"deal_id":"d\x","pipeline_id":"p","stage_id":"s"}"#,
    ])
    func refusesWhatItDoesNotAccept(line: String) {
        #expect(ExportDealLineScanner.parse(line) == nil)
    }
}
