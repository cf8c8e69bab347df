// SQLite's C API from Debian's libsqlite3-dev (scripts/test installs it).
#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro Swift cannot import: bound blobs are copied.
static inline sqlite3_destructor_type csqlite_transient(void) { return (sqlite3_destructor_type)-1; }
