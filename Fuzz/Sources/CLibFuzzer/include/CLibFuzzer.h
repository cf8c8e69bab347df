// libFuzzer's entry for programs with their own main (compiler-rt FuzzerInterface.h).
// SwiftPM links an executable's main itself, so envelope-fuzz calls the driver from its
// @main rather than linking libFuzzer's main.
#ifndef CLIBFUZZER_H
#define CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

typedef int (*LLVMFuzzerCallback)(const uint8_t *data, size_t size);

int LLVMFuzzerRunDriver(int *argc, char ***argv, LLVMFuzzerCallback callback);

#endif
