// Declarations only (include/CLibFuzzer.h); the definitions come from libclang_rt.fuzzer,
// which -sanitize=fuzzer links.
#include "CLibFuzzer.h"
