public import RevloopCore

/// Computes a conversion's value under a goal's value policy, in the goal's currency.
public struct ConversionValuer: Sendable {
    /// The value, or why there is none.
    public enum Outcome: Hashable, Sendable {
        case value(Money, CurrencyConversion?)
        case skip(SkipReason)
    }

    public var rates: ExchangeRateTable

    public init(rates: ExchangeRateTable) { self.rates = rates }

    /// Probabilities are applied in millionths, so the product stays integer arithmetic.
    static let probabilityScale: Int64 = 1_000_000

    public func value(of stage: FiredStage, deal: Deal, goal: ConversionGoal) -> Outcome {
        if goal.valuePolicy == .static, let staticValue = goal.staticValue {
            return .value(staticValue, nil)
        }
        guard let amount = deal.amount else { return .skip(.noAmount) }
        var base = amount
        var conversion: CurrencyConversion?
        if amount.currency != goal.currency {
            guard let converted = rates.convert(amount, to: goal.currency, on: stage.enteredAt.utcDay) else {
                return .skip(.noExchangeRate(from: amount.currency, to: goal.currency))
            }
            base = converted.converted
            conversion = converted
        }
        if let minimum = goal.minimumAmount, base.minorUnits < minimum.minorUnits {
            return .skip(.outsideAmountFilter)
        }
        if let maximum = goal.maximumAmount, base.minorUnits > maximum.minorUnits {
            return .skip(.outsideAmountFilter)
        }
        let value: Money
        switch goal.valuePolicy {
        case .static, .dealAmount, .predicted:
            // `predicted` is refused when the mapping is read; a build with scoring replaces this case.
            value = base
        case .stageWeighted:
            let probability = goal.stageProbabilities[stage.stageID] ?? stage.crmProbability
            let millionths = Int64((probability * Double(Self.probabilityScale)).rounded())
            let product = Int128(base.minorUnits) * Int128(millionths)
            value = Money(
                minorUnits: Int64(ExchangeRateTable.roundHalfEven(product, Int128(Self.probabilityScale))),
                currency: base.currency)
        }
        guard value.minorUnits > 0 else { return .skip(.zeroValue) }
        return .value(value, conversion)
    }
}
