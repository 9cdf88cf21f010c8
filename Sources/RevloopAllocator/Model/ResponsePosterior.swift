/// A channel's posterior over response curves.
public protocol ResponsePosterior: Sendable {
    func drawCurve(_ random: inout some RandomNumberGenerator) -> any ResponseCurve
}
