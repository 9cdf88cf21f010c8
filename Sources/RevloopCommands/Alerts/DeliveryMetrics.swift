internal import Foundation
public import RevloopCore
internal import RevloopDestinations

/// A delivery run's figures in the Prometheus text exposition format: written to a file by one-off runs
/// (for node_exporter's textfile collector) and served by `schedule --metrics-port`. Labels carry
/// destinations, platforms, states and codes, never personal data.
public enum DeliveryMetrics {
    /// The exposition text for `deliveries` (this run) and the ledger's `states` (platform -> state -> count).
    public static func text(
        deliveries: [DestinationDelivery], states: [String: [String: Int]], runSeconds: Double, finishedAt: Timestamp,
        schedule: ScheduleTotals? = nil
    ) -> String {
        var exposition = PrometheusText()
        func metric(_ name: String, _ kind: String, _ help: String, _ samples: [PrometheusText.Sample]) {
            exposition.metric(name, kind, help, samples)
        }
        func perDestination(_ value: (DeliverySummary) -> Int) -> [PrometheusText.Sample] {
            deliveries.map {
                (
                    [("destination", $0.destination), ("platform", $0.summary.platform.rawValue)],
                    String(value($0.summary))
                )
            }
        }
        metric(
            "events_planned", "gauge", "Events the plan had to send in the last run (sent or held back).",
            perDestination(\.planned))
        metric("events_sent", "gauge", "Events put on the wire in the last run.", perDestination(\.sent))
        metric(
            "events_accepted", "gauge", "Events accepted in the last run, duplicates included.",
            perDestination(\.accepted))
        metric(
            "events_duplicate", "gauge", "Events accepted as already held in the last run.",
            perDestination(\.duplicates))
        metric(
            "events_rejected", "gauge", "Events rejected in the last run, by the platform's code.",
            deliveries.flatMap { delivery in
                delivery.summary.rejected.sorted { $0.key < $1.key }.map { code, count in
                    (
                        [
                            ("destination", delivery.destination), ("platform", delivery.summary.platform.rawValue),
                            ("code", code),
                        ], String(count)
                    )
                }
            })
        metric("requests", "gauge", "HTTP requests made in the last run.", perDestination(\.requests))
        metric(
            "retries", "gauge", "Requests sent again after a passing failure in the last run.",
            perDestination(\.retries))
        metric(
            "events_in_doubt", "gauge", "Events held in doubt (no answer, no dedup) in the last run.",
            perDestination(\.inDoubt))
        metric("events_paused", "gauge", "Events held back by a kill switch in the last run.", perDestination(\.paused))
        metric(
            "events_dead_lettered", "gauge", "Events given up on (dead letters) in the last run.",
            perDestination(\.deadLettered))
        metric(
            "destination_stopped", "gauge", "1 when the destination was stopped in the last run.",
            perDestination { $0.stopped == nil ? 0 : 1 })
        metric(
            "ledger_operations", "gauge", "Operations in the ledger by platform and state.",
            states.sorted { $0.key < $1.key }.flatMap { platform, byState in
                byState.sorted { $0.key < $1.key }.map { state, count in
                    ([("platform", platform), ("state", state)], String(count))
                }
            })
        exposition.histogramHeader(
            "request_duration_seconds", "How long each platform took to answer, in the last run.")
        for delivery in deliveries {
            let latency = delivery.summary.latency
            exposition.histogramSeries(
                "request_duration_seconds",
                labels: [("destination", delivery.destination), ("platform", delivery.summary.platform.rawValue)],
                cumulative: latency.cumulative, sum: Double(latency.sumMicroseconds) / 1_000_000, count: latency.count)
        }
        if let schedule {
            let totals = schedule.byDestination.sorted { $0.key < $1.key }
            func counter(_ name: String, _ help: String, _ value: (DeliverySummary) -> Int) {
                metric(
                    name, "counter", help,
                    totals.map { name, summary in
                        ([("destination", name), ("platform", summary.platform.rawValue)], String(value(summary)))
                    })
            }
            counter("events_planned_total", "Events planned to send since the scheduler started.", \.planned)
            counter("events_sent_total", "Events put on the wire since the scheduler started.", \.sent)
            counter("events_accepted_total", "Events accepted since the scheduler started.", \.accepted)
            counter("events_rejected_total", "Events rejected since the scheduler started.", \.rejectedTotal)
            counter("requests_total", "HTTP requests since the scheduler started.", \.requests)
            counter("retries_total", "Requests sent again since the scheduler started.", \.retries)
            counter("dead_letters_total", "Operations dead-lettered since the scheduler started.", \.deadLettered)
            metric(
                "schedule_cycles_total", "counter", "Cycles this scheduler ran, by how they ended.",
                schedule.cycles.sorted { $0.key < $1.key }.map { ([("outcome", $0.key)], String($0.value)) })
            metric(
                "schedule_lease_held", "gauge", "1 while this scheduler holds the lease (runs cycles), 0 on standby.",
                [([], schedule.leaseHeld ? "1" : "0")])
            metric(
                "schedule_lease_takeovers_total", "counter", "Times this scheduler took over a dead holder's lease.",
                [([], String(schedule.takeovers))])
            metric(
                "schedule_lease_lost_total", "counter", "Cycles cut short because the lease was lost while they ran.",
                [([], String(schedule.leaseLost))])
        }
        metric("run_duration_seconds", "gauge", "How long the last run took.", [([], String(runSeconds))])
        metric(
            "run_finished_timestamp_seconds", "gauge", "When the last run finished (unix seconds).",
            [([], String(finishedAt.secondsSinceEpoch))])
        return exposition.text
    }

}
