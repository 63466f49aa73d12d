/* Stub */
#include "cmd/commands.h"
int cmd_audit(int argc, char **argv) { return 2; }
