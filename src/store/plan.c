/* Stub: to be written. */
#include "store/plan.h"
