// Entry points of the fuzz executables (see FuzzEntry.c).
#pragma once
