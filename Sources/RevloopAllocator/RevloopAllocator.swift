// RevloopAllocator is reserved for the Thompson-sampling budget allocator, response curves and simulator (issue 8). It holds no code yet, so nothing here can pretend to work:
// the module exists so that the package layout of DESIGN.md is stable and later work slots in.

/// Namespace for the Thompson-sampling budget allocator, response curves and simulator. Empty until issue 8 lands.
public enum RevloopAllocator {}
