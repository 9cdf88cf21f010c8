// RevloopMapping is reserved for mapping files' value policies and the planner (ops against the ledger) (issue 5). It holds no code yet, so nothing here can pretend to work:
// the module exists so that the package layout of DESIGN.md is stable and later work slots in.

/// Namespace for mapping files' value policies and the planner (ops against the ledger). Empty until issue 5 lands.
public enum RevloopMapping {}
