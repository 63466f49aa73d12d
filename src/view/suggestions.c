/* Suggestions from the person's own plan and answers (suggestions.h).
 * The sources are a small list: each offers, for one need, what fits it.
 * A new source (the self-help meeting finder) is one function and one
 * row in `sources`. */
#include "view/suggestions.h"

#include <string.h>

#include "access/grant.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/i18n.h"
#include "core/directory.h"
#include "core/peer_group.h"
#include "core/person.h"
#include "core/suggest.h"
#include "store/directory.h"
#include "store/peer_groups.h"
#include "store/plan.h"
#include "store/responses.h"
#include "store/suggestions.h"

struct ctx {
	struct store *s;
	struct arena *a;
	const struct grant *g;
	const struct person *p;
	int64_t now;
	const char *today;
	struct suggestion_dismissed *dismissed;
	size_t ndismissed;
	struct suggestion *out;        /* those chosen so far */
	size_t n;
	/* Read once, by the group source. */
	bool groups_read;
	struct peer_group *groups;
	size_t ngroups;
	struct group_membership *mine;
	size_t nmine;
};

/* Whether source's item is dismissed or already suggested. */
static bool
taken(const struct ctx *x, const char *source, const char *id)
{
	size_t i;

	for (i = 0; i < x->ndismissed; i++)
		if (strcmp(x->dismissed[i].source, source) == 0 &&
		    strcmp(x->dismissed[i].item_id, id) == 0)
			return true;
	for (i = 0; i < x->n; i++)
		if (strcmp(x->out[i].source, source) == 0 && strcmp(x->out[i].item_id, id) == 0)
			return true;
	return false;
}

static bool
speaks(const char *languages, const char *lang)
{
	size_t n = lang != NULL ? strlen(lang) : 0;
	const char *p;

	if (n == 0)
		return true;
	for (p = languages; p != NULL && *p != '\0'; p = strchr(p, ' ') ? strchr(p, ' ') + 1 : NULL)
		if (strncmp(p, lang, n) == 0 && (p[n] == '\0' || p[n] == ' '))
			return true;
	return false;
}

/* Peer groups open to join, in the person's language, near them (a place
 * in their time zone) or online; not one they are in. */
static int
from_groups(struct ctx *x, const struct suggest_need *need, struct suggestion *s)
{
	struct group_filter f = {NULL, -1, -1};
	size_t i, j;
	int rc;

	if (!suggest_peer_fits(need->domain))
		return ERR_NOT_FOUND;
	if (!x->groups_read) {
		x->groups_read = true;
		if ((rc = store_groups_open(x->s, x->a, &f, x->today, &x->groups, &x->ngroups)) != 0 ||
		    (rc = store_person_groups(x->s, x->a, x->g, &x->mine, &x->nmine)) != 0)
			return rc;
	}
	for (i = 0; i < x->ngroups; i++) {
		const struct peer_group *g = &x->groups[i];
		bool near = g->place != NULL && x->p->time_zone != NULL &&
		    strcmp(g->time_zone, x->p->time_zone) == 0;
		bool mine = false;

		for (j = 0; j < x->nmine; j++)
			mine = mine || strcmp(x->mine[j].group_id, g->id) == 0;
		if (mine || taken(x, "group", g->id) || !speaks(g->language, x->p->lang) ||
		    (!near && g->video_url == NULL))
			continue;
		s->source = "group";
		s->item_id = g->id;
		s->title = g->name;
		s->href = arena_printf(x->a, "/groups/%s", g->id);
		s->line = suggest_line(x->a, need, near ?
		    arena_printf(x->a, _("This group meets every %s near you."),
		        group_weekday_name(g->weekday)) :
		    arena_printf(x->a, _("This group meets online every %s."),
		        group_weekday_name(g->weekday)));
		return 0;
	}
	return ERR_NOT_FOUND;
}

/* Services in the directory for the need's life domain, in the person's
 * language. */
static int
from_services(struct ctx *x, const struct suggest_need *need, struct suggestion *s)
{
	struct service_query q;
	struct service *sv;
	size_t n, i;
	bool more;
	int rc;

	memset(&q, 0, sizeof(q));
	q.stage = STAGE_NONE;
	q.domain = (int)need->domain;
	q.lang = x->p->lang;
	q.now = x->now;
	q.limit = 20;
	if ((rc = store_services_search(x->s, x->a, &q, &sv, &n, &more)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		/* From strengths: for anything but alcohol, drugs and mental
		 * health, support in recovery and back into daily life, not a
		 * treatment that happens to touch the domain (detox for "run
		 * five kilometres"). */
		if (taken(x, "service", sv[i].id) || (need->domain != DOM_SUBSTANCE_USE &&
		    need->domain != DOM_MENTAL_HEALTH && sv[i].stage != STAGE_RECOVERY_SUPPORT &&
		    sv[i].stage != STAGE_REINTEGRATION && sv[i].stage != STAGE_PREVENTION))
			continue;
		s->source = "service";
		s->item_id = sv[i].id;
		s->title = sv[i].name;
		s->href = arena_printf(x->a, "/services/%s", sv[i].id);
		s->line = suggest_line(x->a, need, arena_printf(x->a,
		    _("%s can help with this."), sv[i].organization_name != NULL ?
		    sv[i].organization_name : sv[i].name));
		return 0;
	}
	return ERR_NOT_FOUND;
}

static const struct {
	const char *code;
	int (*offer)(struct ctx *x, const struct suggest_need *need, struct suggestion *s);
} sources[] = {
	{"group", from_groups},
	{"service", from_services},
};
#define NSOURCES (sizeof(sources) / sizeof(sources[0]))

bool
view_suggestion_source_known(const char *source)
{
	size_t i;

	for (i = 0; source != NULL && i < NSOURCES; i++)
		if (strcmp(source, sources[i].code) == 0)
			return true;
	return false;
}

/* The answers of the person's latest BARC-10, if any. */
static int
latest_barc(struct ctx *x, struct q_answer **out, size_t *n)
{
	struct q_response *rs, one;
	size_t nrs;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_responses(x->s, x->a, x->g, "barc-10", &rs, &nrs)) != 0 || nrs == 0)
		return rc;
	if ((rc = store_response_get(x->s, x->a, x->g, rs[0].id, &one)) != 0)
		return rc;
	*out = one.answers;
	*n = one.nanswers;
	return 0;
}

int
view_suggestions(struct store *s, struct arena *a, const struct grant *g,
    const struct person *p, int64_t now, const char *today, struct suggestion *out,
    size_t max, size_t *n)
{
	struct ctx x = {s, a, g, p, now, today, NULL, 0, out, 0, false, NULL, 0, NULL, 0};
	struct suggest_need needs[SUGGEST_MAX_NEEDS];
	struct q_answer *barc;
	struct goal *goals;
	size_t ngoals, nbarc, nneeds, i, k, got[SUGGEST_MAX_NEEDS] = {0};
	unsigned tried[SUGGEST_MAX_NEEDS] = {0};
	int rc, round;

	*n = 0;
	if (g == NULL || !grant_is_self(g))
		return ERR_INVALID;
	if ((rc = store_goals(s, a, g, &goals, &ngoals)) != 0 ||
	    (rc = latest_barc(&x, &barc, &nbarc)) != 0 ||
	    (rc = store_suggestions_dismissed(s, a, g, &x.dismissed, &x.ndismissed)) != 0)
		return rc;
	nneeds = suggest_needs(goals, ngoals, barc, nbarc, needs, SUGGEST_MAX_NEEDS);
	/* First one idea for each need (the first source that has one), then
	 * more for the same needs, each source at most once per need. */
	for (round = 0; round < 2; round++)
		for (i = 0; i < nneeds && x.n < max; i++)
			for (k = 0; k < NSOURCES && x.n < max; k++) {
				if (round == 0 ? got[i] != 0 : (tried[i] & (1u << k)) != 0)
					continue;
				tried[i] |= 1u << k;
				rc = sources[k].offer(&x, &needs[i], &out[x.n]);
				if (rc == 0) {
					x.n++;
					got[i]++;
				} else if (rc != ERR_NOT_FOUND) {
					return rc;
				}
			}
	*n = x.n;
	return 0;
}
