/// Whether a block sits behind a form: gated product detail and reports are what a competitor must not get.
public enum Gating: String, Hashable, Sendable, CaseIterable, Codable {
    case ungated
    case gated
}
