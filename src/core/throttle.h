/* Sign-in throttling rules: after THROTTLE_FREE failures in a row, each
 * further failure blocks the account name (and, separately, the client
 * address) for twice as long as the last, up to THROTTLE_MAX_US. A success
 * clears the account name's count. */
#ifndef ROSC_THROTTLE_H
#define ROSC_THROTTLE_H

#include <stdint.h>

#define THROTTLE_FREE 5
#define THROTTLE_MAX_US (INT64_C(15) * 60 * 1000000)
/* The address limit is looser: many people may share one address (a
 * clinic, a shelter, a phone network's gateway). */
#define THROTTLE_ADDR_FREE 20

/* How long to block after `failures` failures (0: not at all). */
int64_t throttle_block_us(int failures, int free_failures);

#endif
