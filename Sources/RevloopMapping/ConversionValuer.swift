public import RevloopCore

/// Computes a conversion's value under a goal's value policy, in the goal's currency.
public struct ConversionValuer: Sendable {
    /// The value, or why there is none.
    public enum Outcome: Hashable, Sendable {
        /// The value, the currency conversion applied, and for `predicted` goals the model version that
        /// gave the probability (`nil` when it fell back to stage probability).
        case value(Money, CurrencyConversion?, modelVersion: String?)
        case skip(SkipReason)
    }

    public var rates: ExchangeRateTable
    /// The active scoring model, for `predicted` goals; `nil` makes them use stage probability.
    public var estimator: (any WinProbabilityEstimator)?

    public init(rates: ExchangeRateTable, estimator: (any WinProbabilityEstimator)? = nil) {
        self.rates = rates
        self.estimator = estimator
    }

    /// Probabilities are applied in millionths, so the product stays integer arithmetic.
    static let probabilityScale: Int64 = 1_000_000

    /// `estimate` is the model's probability for `predicted` goals (see `estimate(_:at:)`).
    public func value(
        of stage: FiredStage, deal: Deal, goal: ConversionGoal, estimate: EstimatedWinProbability? = nil
    ) -> Outcome {
        if goal.valuePolicy == .static, let staticValue = goal.staticValue {
            return .value(staticValue, nil, modelVersion: nil)
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
        func weighted(_ probability: Double) -> Money {
            let millionths = Int64((min(1, max(0, probability)) * Double(Self.probabilityScale)).rounded())
            let product = Int128(base.minorUnits) * Int128(millionths)
            return Money(
                minorUnits: Int64(ExchangeRateTable.roundHalfEven(product, Int128(Self.probabilityScale))),
                currency: base.currency)
        }
        let stageProbability = goal.stageProbabilities[stage.stageID] ?? stage.crmProbability
        let value: Money
        var modelVersion: String?
        switch goal.valuePolicy {
        case .static, .dealAmount:
            value = base
        case .stageWeighted:
            value = weighted(stageProbability)
        case .predicted:
            // A won stage is certain: the model's probability is for deals still open at the stage.
            if let estimate, !stage.isWon {
                value = weighted(estimate.probability)
                modelVersion = estimate.modelVersion
            } else {
                value = weighted(stage.isWon ? 1 : stageProbability)
            }
        }
        guard value.minorUnits > 0 else { return .skip(.zeroValue) }
        return .value(value, conversion, modelVersion: modelVersion)
    }

    /// The model's estimate for a `predicted` goal's stage, as of the moment the stage was entered.
    public func estimate(_ context: DealContext, at stage: FiredStage, goal: ConversionGoal)
        -> EstimatedWinProbability?
    {
        guard goal.valuePolicy == .predicted, !stage.isWon, let estimator else { return nil }
        return estimator.winProbability(of: context, at: stage.enteredAt)
    }
}
