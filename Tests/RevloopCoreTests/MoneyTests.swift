import PropertyBased
import RevloopCore
import RevloopTesting
import Testing

@Suite struct MoneyTests {
    @Test(arguments: [
        ("12500.00", "USD", Int64(1_250_000)), ("12500", "USD", 1_250_000), ("0.5", "EUR", 50), ("-3.75", "GBP", -375),
        ("1500", "JPY", 1500), ("1.234", "KWD", 1234), ("10.500", "USD", 1050),
    ])
    func parsesDecimalStringsExactly(text: String, currency: String, minorUnits: Int64) throws {
        let code = try #require(CurrencyCode(currency))
        #expect(Money(decimal: text, currency: code)?.minorUnits == minorUnits)
    }

    @Test(arguments: ["", "12,500.00", "1e3", "12.345", "abc", "1.2.3", "-", "99999999999999999999"])
    func refusesWhatCannotBeRepresentedExactly(text: String) {
        #expect(Money(decimal: text, currency: .usd) == nil)
    }

    @Test func refusesFractionsOfAYen() throws {
        let yen = try #require(CurrencyCode("jpy"))
        #expect(Money(decimal: "100.5", currency: yen) == nil)
        #expect(yen.code == "JPY" && yen.minorUnitDigits == 0)
    }

    @Test func decimalStringRoundTripsForAnyAmount() throws {
        let currencies = try ["USD", "JPY", "KWD"].map { try #require(CurrencyCode($0)) }
        forAll(Gen.int64(in: -1_000_000_000_000...1_000_000_000_000), seed: 11) { minor in
            for currency in currencies {
                let money = Money(minorUnits: minor, currency: currency)
                #expect(Money(decimal: money.decimalString, currency: currency) == money)
            }
        }
    }

    @Test func rejectsCodesThatAreNotThreeLetters() {
        #expect(CurrencyCode("US") == nil)
        #expect(CurrencyCode("US1") == nil)
        #expect(CurrencyCode("usd")?.code == "USD")
    }
}
