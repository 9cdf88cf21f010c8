internal import Foundation

/// A channel's response curve posterior: Bayesian linear regression of log revenue on log spend with the
/// conjugate Normal-Inverse-Gamma prior, old periods down-weighted by `discount` per period.
///
/// Expected revenue at spend s for parameters (a, b, sigma^2) is exp(a + sigma^2 / 2) * s^b: a power curve,
/// concave for b < 1 (diminishing returns).
public struct CurvePosterior: Hashable, Sendable {
    /// Posterior mean of (a, b).
    public private(set) var mean: (Double, Double)
    /// Posterior precision matrix of (a, b), symmetric: (aa, ab, bb).
    public private(set) var precision: (Double, Double, Double)
    public private(set) var shape: Double
    public private(set) var scale: Double
    /// Periods used, after discounting (the effective sample size).
    public private(set) var effectivePeriods: Double

    public static func == (lhs: CurvePosterior, rhs: CurvePosterior) -> Bool {
        lhs.mean == rhs.mean && lhs.precision == rhs.precision && lhs.shape == rhs.shape && lhs.scale == rhs.scale
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(mean.0)
        hasher.combine(mean.1)
        hasher.combine(shape)
        hasher.combine(scale)
    }

    /// Fits the posterior to `outcomes` (oldest first), weighting the period `age` periods back by
    /// `discount^age`. Periods with no spend or no revenue carry no information on a log scale and are skipped.
    public init(prior: CurvePrior, outcomes: [PeriodOutcome], discount: Double) {
        var xtx = (0.0, 0.0, 0.0)
        var xty = (0.0, 0.0)
        var yty = 0.0
        var weightSum = 0.0
        for (index, outcome) in outcomes.enumerated() where outcome.spend > 0 && outcome.revenue > 0 {
            let weight = pow(discount, Double(outcomes.count - 1 - index))
            let x = log(outcome.spend)
            let y = log(outcome.revenue)
            xtx.0 += weight
            xtx.1 += weight * x
            xtx.2 += weight * x * x
            xty.0 += weight * y
            xty.1 += weight * x * y
            yty += weight * y * y
            weightSum += weight
        }
        let lambda0 = (prior.interceptPrecision, 0.0, prior.elasticityPrecision)
        let m0 = (prior.interceptMean, prior.elasticityMean)
        let lambda = (lambda0.0 + xtx.0, lambda0.1 + xtx.1, lambda0.2 + xtx.2)
        let rhs = (lambda0.0 * m0.0 + xty.0, lambda0.2 * m0.1 + xty.1)
        let determinant = lambda.0 * lambda.2 - lambda.1 * lambda.1
        let m = (
            (lambda.2 * rhs.0 - lambda.1 * rhs.1) / determinant, (lambda.0 * rhs.1 - lambda.1 * rhs.0) / determinant
        )
        let priorQuadratic = lambda0.0 * m0.0 * m0.0 + lambda0.2 * m0.1 * m0.1
        let postQuadratic = lambda.0 * m.0 * m.0 + 2 * lambda.1 * m.0 * m.1 + lambda.2 * m.1 * m.1
        mean = m
        precision = lambda
        shape = prior.noiseShape + weightSum / 2
        scale = max(prior.noiseScale + 0.5 * (yty + priorQuadratic - postQuadratic), 1e-9)
        effectivePeriods = weightSum
    }

    /// The precision of the elasticity alone (the intercept integrated out), relative to the noise variance
    /// as the prior's precisions are: what a regime's fit says about the curve's shape.
    public var elasticityPrecision: Double {
        precision.2 - precision.1 * precision.1 / precision.0
    }

    /// One draw of (a, b, sigma^2); `spread` scales the draw's distance from the posterior mean of (a, b)
    /// (1 is the posterior itself; less is a tempered posterior, which explores less).
    public func draw(_ random: inout some RandomNumberGenerator, spread: Double = 1) -> CurveParameters {
        let variance = scale / Sampling.gamma(shape: shape, &random)
        // Covariance = variance * precision^-1; draw through its Cholesky factor.
        let determinant = precision.0 * precision.2 - precision.1 * precision.1
        let c00 = variance * precision.2 / determinant
        let c01 = -variance * precision.1 / determinant
        let c11 = variance * precision.0 / determinant
        let l00 = c00.squareRoot()
        let l10 = c01 / l00
        let l11 = max(c11 - l10 * l10, 0).squareRoot()
        let z0 = spread * Sampling.normal(&random)
        let z1 = spread * Sampling.normal(&random)
        return CurveParameters(
            intercept: mean.0 + l00 * z0, elasticity: mean.1 + l10 * z0 + l11 * z1, noiseVariance: variance)
    }

    /// The posterior mean parameters (the noise variance at its mean).
    public var meanParameters: CurveParameters {
        CurveParameters(intercept: mean.0, elasticity: mean.1, noiseVariance: scale / max(shape - 1, 0.5))
    }
}

extension CurvePosterior: ResponsePosterior {
    public func drawCurve(_ random: inout some RandomNumberGenerator) -> any ResponseCurve { draw(&random) }
}
