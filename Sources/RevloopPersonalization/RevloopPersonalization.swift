// RevloopPersonalization is reserved for next-best-content ranking with a holdout and guardrails (issue 10). It holds no code yet, so nothing here can pretend to work:
// the module exists so that the package layout of DESIGN.md is stable and later work slots in.

/// Namespace for next-best-content ranking with a holdout and guardrails. Empty until issue 10 lands.
public enum RevloopPersonalization {}
