#pragma once
// Loading hamilton::io from the folder of hamilton::core, for what core reaches by name only:
// formats named by string (io::load("csv"), from_::csv) and the result cache's folder stores.
namespace hamilton::io::detail {

/// Loads the hamilton::io library beside this one, once (a linker with --as-needed drops a
/// library none of whose symbols a program uses). Does nothing if it cannot be found: what
/// needed it then reports that it is missing.
void load_io_library();

}  // namespace hamilton::io::detail
