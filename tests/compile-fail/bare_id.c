/* Must NOT build: a person's goals read with a bare person id, without
 * passing the door. scripts/check.sh compiles it and fails if it builds. */
#include "base/arena.h"
#include "store/plan.h"

int
read_goals_without_the_door(struct store *s, struct arena *a)
{
	struct goal *goals;
	size_t n;

	return store_goals(s, a, "0123456789abcdef0123456789abcdef", &goals, &n);
}
