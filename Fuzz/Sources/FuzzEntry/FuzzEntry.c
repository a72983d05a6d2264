// SwiftPM links every executable with `main` aliased to `<Target>_main`, a symbol that Swift
// does not emit under `-parse-as-library` (which libFuzzer needs, since it brings the program's
// entry point). Each fuzz executable therefore gets its `<Target>_main` here, handing control to
// libFuzzer's driver with the target's `LLVMFuzzerTestOneInput` (defined in Swift).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));

#define FUZZ_ENTRY(name) \
  int name(int argc, char **argv) { \
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); \
  }

FUZZ_ENTRY(FuzzCSV_main)
FUZZ_ENTRY(FuzzFormula_main)
FUZZ_ENTRY(FuzzSpec_main)
FUZZ_ENTRY(FuzzExpression_main)
FUZZ_ENTRY(FuzzFit_main)
