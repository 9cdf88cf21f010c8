import RevloopCore
import Testing

@Suite struct ExchangeRateTableTests {
    @Test func badRowsAreDiagnosticsNamingTheirLineAndTheRestLoads() {
        var diagnostics: [Diagnostic] = []
        let table = ExchangeRateTable.parse(
            csv:
                "# comment\ndate,currency,usd_per_unit\n2026-11-01,EUR,1.1\n2026-13-01,EUR,1.2\n2026-11-01,EURO,1\n2026-11-02,GBP,-1\n2026-11-03,GBP\n",
            path: "fx/rates.csv", diagnostics: &diagnostics)
        #expect(
            diagnostics.map(\.description) == [
                "fx/rates.csv:4: error: 'date' must be YYYY-MM-DD",
                "fx/rates.csv:5: error: 'currency' must be an ISO 4217 code such as EUR",
                "fx/rates.csv:6: error: 'usd_per_unit' must be a positive decimal with at most 9 decimals, such as 1.0842",
                "fx/rates.csv:7: error: expected 3 fields (date,currency,usd_per_unit), found 2",
            ])
        #expect(table.currencies == [CurrencyCode("EUR")!])
    }

    @Test func aWrongHeaderIsRefused() {
        var diagnostics: [Diagnostic] = []
        let table = ExchangeRateTable.parse(
            csv: "day,code,rate\n2026-11-01,EUR,1.1\n", path: "r.csv", diagnostics: &diagnostics)
        #expect(table.isEmpty)
        #expect(diagnostics.first?.description == "r.csv:1: error: the header must be 'date,currency,usd_per_unit'")
    }

    @Test func crossRatesGoThroughTheDollarAndRoundHalfToEven() throws {
        var diagnostics: [Diagnostic] = []
        let table = ExchangeRateTable.parse(
            csv: "date,currency,usd_per_unit\n2026-01-01,EUR,1.25\n2026-01-01,GBP,1.000000000\n", path: "r.csv",
            diagnostics: &diagnostics)
        let day = try #require(CalendarDay(iso: "2026-06-01"))
        let eur = try #require(CurrencyCode("EUR"))
        let gbp = try #require(CurrencyCode("GBP"))
        // 0.02 EUR = 0.025 GBP exactly: half-to-even gives 0.02; 0.06 EUR = 0.075 -> 0.08.
        #expect(table.convert(Money(minorUnits: 2, currency: eur), to: gbp, on: day)?.converted.minorUnits == 2)
        #expect(table.convert(Money(minorUnits: 6, currency: eur), to: gbp, on: day)?.converted.minorUnits == 8)
        #expect(
            table.convert(Money(minorUnits: 100, currency: eur), to: gbp, on: CalendarDay(iso: "2025-12-31")!) == nil)
        #expect(table.rate(of: eur, on: day)?.decimalText == "1.25")
    }
}
