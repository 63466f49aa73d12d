/* The referral state machine and its words (see referral.h). */
#include "core/referral.h"

#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"

#define B(s) (1u << (s))

static const char *const codes[RS_COUNT] = {
	"proposed", "accepted", "declined", "sent", "received", "needs_client_action",
	"eligible", "not_eligible", "no_capacity", "scheduled", "got_help",
	"could_not_contact", "could_not_get_help", "no_longer_interested", "withdrawn",
};

/* Still with the receiver: it may answer from here. */
#define OPEN_SENT (B(RS_SENT) | B(RS_RECEIVED) | B(RS_NEEDS_CLIENT_ACTION) | \
	B(RS_ELIGIBLE) | B(RS_SCHEDULED))
/* What the receiver can answer. */
#define ANSWERS (B(RS_RECEIVED) | B(RS_NEEDS_CLIENT_ACTION) | B(RS_ELIGIBLE) | \
	B(RS_NOT_ELIGIBLE) | B(RS_NO_CAPACITY) | B(RS_SCHEDULED) | B(RS_COULD_NOT_CONTACT) | \
	B(RS_GOT_HELP) | B(RS_COULD_NOT_GET_HELP) | B(RS_NO_LONGER_INTERESTED))
/* What the person (or the sender, for them) can say of an open referral. */
#define OUTCOMES (B(RS_WITHDRAWN) | B(RS_GOT_HELP) | B(RS_COULD_NOT_GET_HELP) | \
	B(RS_NO_LONGER_INTERESTED))
#define CLOSED (B(RS_DECLINED) | B(RS_NOT_ELIGIBLE) | B(RS_NO_CAPACITY) | \
	B(RS_GOT_HELP) | B(RS_COULD_NOT_CONTACT) | B(RS_COULD_NOT_GET_HELP) | \
	B(RS_NO_LONGER_INTERESTED) | B(RS_WITHDRAWN))

const char *
ref_status_code(enum ref_status s)
{
	return (unsigned)s < RS_COUNT ? codes[s] : "proposed";
}

bool
ref_status_parse(const char *s, enum ref_status *out)
{
	unsigned i;

	for (i = 0; s != NULL && i < RS_COUNT; i++)
		if (strcmp(s, codes[i]) == 0) {
			*out = (enum ref_status)i;
			return true;
		}
	return false;
}

const char *
ref_status_label(enum ref_status s)
{
	static const char *const labels[RS_COUNT] = {
		N_("Proposed"), N_("Accepted by the person"), N_("Declined by the person"),
		N_("Sent"), N_("Received"), N_("Needs the person to act"), N_("Eligible"),
		N_("Not eligible"), N_("No capacity"), N_("Scheduled"), N_("Got help"),
		N_("Could not contact"), N_("Could not get help"), N_("No longer interested"),
		N_("Withdrawn"),
	};

	return _(labels[(unsigned)s < RS_COUNT ? s : 0]);
}

const char *
ref_status_sentence(struct arena *a, enum ref_status s, const char *who)
{
	switch (s) {
	case RS_PROPOSED:
		return arena_printf(a, _("Waiting for your choice: do you want a referral to %s?"),
		    who);
	case RS_ACCEPTED:
		return arena_printf(a, _("You said yes to a referral to %s."), who);
	case RS_DECLINED:
		return arena_printf(a, _("You said no to a referral to %s."), who);
	case RS_SENT:
		return arena_printf(a, _("Your referral has been sent to %s. They have not "
		    "answered yet."), who);
	case RS_RECEIVED:
		return arena_printf(a, _("%s has received your referral and will contact you."),
		    who);
	case RS_NEEDS_CLIENT_ACTION:
		return arena_printf(a, _("%s needs something from you before they can go on."),
		    who);
	case RS_ELIGIBLE:
		return arena_printf(a, _("%s says you can get their help."), who);
	case RS_NOT_ELIGIBLE:
		return arena_printf(a, _("%s says their help is not for you. Your coordinator "
		    "can help you find another way."), who);
	case RS_NO_CAPACITY:
		return arena_printf(a, _("%s has no room right now. Your coordinator can help "
		    "you find another way."), who);
	case RS_SCHEDULED:
		return arena_printf(a, _("You have an appointment with %s."), who);
	case RS_GOT_HELP:
		return arena_printf(a, _("You got help from %s."), who);
	case RS_COULD_NOT_CONTACT:
		return arena_printf(a, _("%s could not reach you."), who);
	case RS_COULD_NOT_GET_HELP:
		return arena_printf(a, _("You could not get help from %s."), who);
	case RS_NO_LONGER_INTERESTED:
		return arena_printf(a, _("You no longer want help from %s."), who);
	case RS_WITHDRAWN:
	default:
		return arena_printf(a, _("The referral to %s was withdrawn."), who);
	}
}

bool
ref_closed(enum ref_status s)
{
	return (unsigned)s < RS_COUNT && (CLOSED & B(s)) != 0;
}

bool
ref_receiver_holds(enum ref_status s)
{
	return (unsigned)s < RS_COUNT && ((OPEN_SENT | B(RS_GOT_HELP)) & B(s)) != 0;
}

bool
ref_was_sent(enum ref_status s)
{
	return (unsigned)s < RS_COUNT && ((OPEN_SENT | ANSWERS) & B(s)) != 0;
}

bool
ref_answers(enum ref_status s)
{
	return (unsigned)s < RS_COUNT && (ANSWERS & B(s)) != 0;
}

/* What the receiver may answer from each status. */
static unsigned
receiver_moves(enum ref_status from)
{
	switch (from) {
	case RS_SENT:
		return ANSWERS;
	case RS_RECEIVED:
		return ANSWERS & ~B(RS_RECEIVED);
	case RS_NEEDS_CLIENT_ACTION:
		return ANSWERS & ~(B(RS_RECEIVED) | B(RS_NEEDS_CLIENT_ACTION));
	case RS_ELIGIBLE:
		return ANSWERS & ~(B(RS_RECEIVED) | B(RS_ELIGIBLE) | B(RS_NOT_ELIGIBLE));
	case RS_SCHEDULED:
		return B(RS_GOT_HELP) | B(RS_COULD_NOT_GET_HELP) | B(RS_COULD_NOT_CONTACT) |
		    B(RS_NO_LONGER_INTERESTED);
	default:
		return 0;
	}
}

unsigned
ref_moves(enum ref_party p, enum ref_status from)
{
	unsigned open = (unsigned)from < RS_COUNT && (OPEN_SENT & B(from)) ? OUTCOMES : 0;

	switch (p) {
	case RP_PERSON:
		/* The person chooses; accepting sends at once. */
		if (from == RS_PROPOSED)
			return B(RS_ACCEPTED) | B(RS_DECLINED);
		if (from == RS_ACCEPTED)
			return B(RS_SENT);
		return open;
	case RP_SENDER:
		if (from == RS_PROPOSED)
			return B(RS_WITHDRAWN);
		return open;
	case RP_RECEIVER:
		return receiver_moves(from);
	case RP_SENDER_FOR_SERVICE:
		if (from == RS_PROPOSED)
			return B(RS_WITHDRAWN);
		return open | receiver_moves(from);
	default:
		return 0;
	}
}

bool
ref_may(enum ref_party p, enum ref_status from, enum ref_status to)
{
	return (unsigned)to < RS_COUNT && (ref_moves(p, from) & B(to)) != 0;
}

bool
ref_may_reopen(enum ref_party p, enum ref_status from)
{
	return p != RP_RECEIVER && (unsigned)p < RP_COUNT && ref_closed(from);
}

enum ref_status
ref_reopen_to(enum ref_status from)
{
	return from == RS_GOT_HELP ? RS_SENT : RS_PROPOSED;
}

const char *
ref_fhir_request_status(enum ref_status s)
{
	switch (s) {
	case RS_PROPOSED:
		return "draft";
	case RS_ACCEPTED:
	case RS_SENT:
	case RS_RECEIVED:
	case RS_NEEDS_CLIENT_ACTION:
	case RS_ELIGIBLE:
	case RS_SCHEDULED:
		return "active";
	case RS_GOT_HELP:
		return "completed";
	case RS_DECLINED:
	case RS_WITHDRAWN:
	case RS_NO_LONGER_INTERESTED:
		return "revoked";
	default:
		return "completed";   /* closed by the receiver's answer */
	}
}

const char *
ref_fhir_task_status(enum ref_status s)
{
	switch (s) {
	case RS_PROPOSED:
		return "draft";
	case RS_ACCEPTED:
		return "ready";
	case RS_SENT:
		return "requested";
	case RS_RECEIVED:
		return "received";
	case RS_NEEDS_CLIENT_ACTION:
		return "on-hold";
	case RS_ELIGIBLE:
		return "accepted";
	case RS_SCHEDULED:
		return "in-progress";
	case RS_GOT_HELP:
		return "completed";
	case RS_NOT_ELIGIBLE:
	case RS_NO_CAPACITY:
		return "rejected";
	case RS_COULD_NOT_CONTACT:
	case RS_COULD_NOT_GET_HELP:
		return "failed";
	case RS_DECLINED:
	case RS_NO_LONGER_INTERESTED:
	case RS_WITHDRAWN:
	default:
		return "cancelled";
	}
}

const char *
referral_who(const struct referral *x)
{
	if (x->to_org_name != NULL)
		return x->to_org_name;
	return x->service_name != NULL ? x->service_name : "";
}

const char *
ref_check_move(enum ref_party p, enum ref_status from, const char *status, const char *note,
    enum ref_status *to, bool *reopen, const char **code)
{
	*reopen = false;
	if (status != NULL && strcmp(status, "reopen") == 0) {
		if (!ref_may_reopen(p, from)) {
			*code = "illegal_transition";
			return "status";
		}
		if (note == NULL || *note == '\0') {
			*code = "required";
			return "note";
		}
		*reopen = true;
		return NULL;
	}
	if (status == NULL || *status == '\0') {
		*code = "required";
		return "status";
	}
	if (!ref_status_parse(status, to)) {
		*code = "invalid_choice";
		return "status";
	}
	if (*to == RS_SENT || !ref_may(p, from, *to)) {
		*code = "illegal_transition";
		return "status";
	}
	return NULL;
}
