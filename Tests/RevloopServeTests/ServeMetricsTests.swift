import RevloopCore
import RevloopServe
import Testing

@Suite struct ServeMetricsTests {
    @Test func decisionLatencyFallsInItsBucketsAndSumsExactly() {
        var histogram = DecisionLatencyHistogram()
        histogram.record(.microseconds(40))  // <= 50 µs
        histogram.record(.microseconds(100))  // on the 100 µs bound: inclusive
        histogram.record(.microseconds(700))  // <= 1 ms
        histogram.record(.milliseconds(3))  // <= 5 ms
        histogram.record(.seconds(2))  // +Inf
        #expect(histogram.count == 5)
        #expect(histogram.sumNanoseconds == 40_000 + 100_000 + 700_000 + 3_000_000 + 2_000_000_000)
        let cumulative = Dictionary(uniqueKeysWithValues: histogram.cumulative.map { ($0.bound, $0.count) })
        #expect(cumulative["5e-05"] == 1)
        #expect(cumulative["0.0001"] == 2)
        #expect(cumulative["0.001"] == 3)
        #expect(cumulative["0.005"] == 4)
        #expect(cumulative["1.0"] == 4)
        #expect(cumulative["+Inf"] == 5)
    }

    @Test func theExpositionIsSortedByRouteThenStatus() {
        let metrics = ServeMetrics()
        metrics.count(route: "outcomes", status: 204)
        metrics.count(route: "decisions", status: 400)
        metrics.count(route: "decisions", status: 200)
        metrics.count(route: "decisions", status: 200)
        metrics.recordDecision(.microseconds(300))
        let text = metrics.text()
        #expect(
            text.hasPrefix(
                """
                # HELP revloop_serve_requests_total Requests answered by the decision API, by route and status.
                # TYPE revloop_serve_requests_total counter
                revloop_serve_requests_total{route="decisions",status="200"} 2
                revloop_serve_requests_total{route="decisions",status="400"} 1
                revloop_serve_requests_total{route="outcomes",status="204"} 1
                # HELP revloop_serve_decision_duration_seconds
                """))
        #expect(text.contains("revloop_serve_decision_duration_seconds_bucket{le=\"0.00025\"} 0\n"))
        #expect(text.contains("revloop_serve_decision_duration_seconds_bucket{le=\"0.0005\"} 1\n"))
        #expect(text.contains("revloop_serve_decision_duration_seconds_sum 0.0003\n"))
        #expect(text.hasSuffix("revloop_serve_decision_duration_seconds_count 1\n"))
    }

    @Test func labelValuesAreEscapedByScalar() {
        #expect(PrometheusText.escape("a\"b\\c\nd\r\ne") == "a\\\"b\\\\c\\nd\r\\ne")
        var text = PrometheusText()
        text.metric("x", "gauge", "An x.", [([], "1"), ([("k", "v")], "2")])
        #expect(text.text == "# HELP revloop_x An x.\n# TYPE revloop_x gauge\nrevloop_x 1\nrevloop_x{k=\"v\"} 2\n")
    }
}
