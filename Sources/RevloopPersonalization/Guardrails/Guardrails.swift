/// Rules that remove blocks before the policy ranks anything, so no exploration draw and no model
/// estimate can ever put a forbidden block in front of a flagged visitor.
public enum Guardrails {
    /// Whether `block` may be shown to a visitor with `flags`.
    ///
    /// - competitor: no case study and no gated block;
    /// - existing customer: no prospect-only block; anyone else: no customer-only block.
    public static func allows(_ block: ContentBlock, for flags: GuardrailFlags) -> Bool {
        if flags.contains(.competitor), block.gating == .gated || block.contentType == .caseStudy {
            return false
        }
        switch block.audience {
        case .any: return true
        case .prospects: return !flags.contains(.existingCustomer)
        case .customers: return flags.contains(.existingCustomer)
        }
    }
}
