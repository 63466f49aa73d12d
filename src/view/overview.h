/* A person's overview as the actor may see it: the record and the network
 * (basic details), and for staff at a glance the plan's goals and steps
 * and the latest journal note, each only with the door's grant for it. */
#ifndef ROSC_VIEW_OVERVIEW_H
#define ROSC_VIEW_OVERVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/person.h"
#include "core/plan.h"

struct arena;
struct grant;
struct store;

struct overview {
	struct person p;
	struct network_member *net;       /* current and past members */
	size_t nnet;
	bool plan;                        /* the plan's part was read */
	struct goal *goals;
	size_t ngoals;
	struct step *steps;
	size_t nsteps;
	bool notes;                       /* the notes' part was read */
	const struct note *latest;        /* the latest journal note, or NULL */
};

/* Reads the record with basic, the plan's part with plan and the latest
 * note with notes (either may be NULL: that part is not read). A part
 * that cannot be read is empty, as if there were nothing. 0, or the
 * record's error (ERR_NOT_FOUND, ERR_DB). */
int view_overview(struct store *s, struct arena *a, const struct grant *basic,
    const struct grant *plan, const struct grant *notes, struct overview *o);

#endif
