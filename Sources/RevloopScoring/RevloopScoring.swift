// RevloopScoring is reserved for win-probability models, explanations, calibration and drift monitors (issue 9). It holds no code yet, so nothing here can pretend to work:
// the module exists so that the package layout of DESIGN.md is stable and later work slots in.

/// Namespace for win-probability models, explanations, calibration and drift monitors. Empty until issue 9 lands.
public enum RevloopScoring {}
