// RevloopDestinations is reserved for the Google, Meta and LinkedIn conversion clients (issue 6). It holds no code yet, so nothing here can pretend to work:
// the module exists so that the package layout of DESIGN.md is stable and later work slots in.

/// Namespace for the Google, Meta and LinkedIn conversion clients. Empty until issue 6 lands.
public enum RevloopDestinations {}
