// Zstandard (Debian libzstd-dev): streaming decompression of .zst data files.
#include <zstd.h>
