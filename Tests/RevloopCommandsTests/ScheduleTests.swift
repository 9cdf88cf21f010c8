import Foundation
import Logging
import RevloopCore
import RevloopDestinations
import Synchronization
import Testing

@testable import RevloopCommands

@Suite struct ScheduleTests {
    @Test func losingTheLeaseStopsTheRunningCycleAndOnlyIt() {
        let watch = LeaseWatch(duration: .seconds(60))
        let start = ContinuousClock.now
        watch.renewed(at: start, tookOver: false)
        let cycle = watch.beginCycle()
        // A failed renewal soon after a good one is not a loss yet.
        #expect(watch.renewalFailed(at: start + .seconds(30)) == false)
        #expect(!cycle.isRequested)
        // Past five sixths of a lease without a good renewal, a standby may soon take over: stop.
        #expect(watch.renewalFailed(at: start + .seconds(51)))
        #expect(cycle.isRequested)
        watch.endCycle([])
        #expect(watch.totals.leaseLost == 1 && watch.totals.leaseHeld == false)
        // Between cycles a lost lease stops nothing; the next cycle starts clean.
        #expect(watch.lost() == false)
        watch.renewed(at: start + .seconds(60), tookOver: true)
        let next = watch.beginCycle()
        #expect(!next.isRequested)
        #expect(watch.lost())
        #expect(next.isRequested)
        #expect(watch.totals.takeovers == 1)
    }

    @Test func theMetricsCountAcrossCyclesAndShowTheLeaseAndTheLatency() {
        var totals = ScheduleTotals()
        var summary = DeliverySummary(platform: .meta)
        summary.planned = 12
        summary.sent = 10
        summary.accepted = 9
        summary.rejected = ["BAD": 1]
        summary.requests = 2
        summary.latency.record(.milliseconds(30))
        summary.latency.record(.seconds(2))
        let delivery = DestinationDelivery(destination: "meta", summary: summary)
        totals.add([delivery])
        totals.add([delivery])
        totals.leaseHeld = true
        totals.takeovers = 1
        let text = DeliveryMetrics.text(
            deliveries: [delivery], states: [:], runSeconds: 1, finishedAt: Timestamp(millisecondsSinceEpoch: 0),
            schedule: totals)
        let lines = Set(text.split(separator: "\n").map(String.init))
        #expect(lines.contains(#"revloop_events_sent_total{destination="meta",platform="meta"} 20"#))
        #expect(lines.contains(#"revloop_events_planned_total{destination="meta",platform="meta"} 24"#))
        #expect(lines.contains(#"revloop_events_planned{destination="meta",platform="meta"} 12"#))
        #expect(lines.contains(#"revloop_events_rejected_total{destination="meta",platform="meta"} 2"#))
        #expect(lines.contains(#"revloop_schedule_cycles_total{outcome="attention"} 2"#))
        #expect(lines.contains("revloop_schedule_lease_held 1"))
        #expect(lines.contains("revloop_schedule_lease_takeovers_total 1"))
        #expect(
            lines.contains(#"revloop_request_duration_seconds_bucket{destination="meta",platform="meta",le="0.025"} 0"#)
        )
        #expect(
            lines.contains(#"revloop_request_duration_seconds_bucket{destination="meta",platform="meta",le="0.05"} 1"#))
        #expect(
            lines.contains(#"revloop_request_duration_seconds_bucket{destination="meta",platform="meta",le="+Inf"} 2"#))
        #expect(lines.contains(#"revloop_request_duration_seconds_sum{destination="meta",platform="meta"} 2.03"#))
        #expect(lines.contains(#"revloop_request_duration_seconds_count{destination="meta",platform="meta"} 2"#))
        #expect(lines.contains("# TYPE revloop_events_sent_total counter"))
    }

    @Test func jsonLogLinesAreOneObjectEachWithTheirMetadata() throws {
        let written = Mutex<[String]>([])
        let clock = FixedWallClock(Timestamp(millisecondsSinceEpoch: 1_796_000_000_000))
        var logger = Logger(label: "revloop.schedule") { label in
            JSONLogHandler(label: label, clock: clock) { line in written.withLock { $0.append(line) } }
        }
        logger[metadataKey: "holder"] = "host:1"
        logger.info(
            "cycle done", metadata: ["meta": ["sent": "10", "accepted": "9"], "note": "a \"quoted\"\nline"])
        let lines = written.withLock { $0 }
        #expect(lines.count == 1 && lines[0].hasSuffix("}\n"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(object["message"] as? String == "cycle done")
        #expect(object["level"] as? String == "info")
        #expect(object["label"] as? String == "revloop.schedule")
        #expect(object["holder"] as? String == "host:1")
        #expect(object["time"] as? String == "2026-11-30T00:53:20.000Z")
        #expect((object["meta"] as? [String: String]) == ["accepted": "9", "sent": "10"])
        #expect(object["note"] as? String == "a \"quoted\"\nline")
    }
}
