#include "core/throttle.h"

int64_t
throttle_block_us(int failures, int free_failures)
{
	int64_t us = 1000000;
	int extra = failures - free_failures;

	if (extra <= 0)
		return 0;
	while (--extra > 0 && us < THROTTLE_MAX_US)
		us *= 2;
	return us < THROTTLE_MAX_US ? us : THROTTLE_MAX_US;
}
