// RevloopSandbox is reserved for the loopback emulators of the CRM and ad-platform APIs (issue 4). It holds no code yet, so nothing here can pretend to work:
// the module exists so that the package layout of DESIGN.md is stable and later work slots in.

/// Namespace for the loopback emulators of the CRM and ad-platform APIs. Empty until issue 4 lands.
public enum RevloopSandbox {}
