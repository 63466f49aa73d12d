/* Suggestions from the person's own plan and answers (suggestions.h).
 * The sources are a small list: each offers, for one need, what fits it.
 * A new source is one function and one row in `sources`. */
#include "view/suggestions.h"

#include <stdlib.h>
#include <string.h>

#include "access/grant.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "core/directory.h"
#include "core/meeting.h"
#include "core/peer_group.h"
#include "core/person.h"
#include "core/suggest.h"
#include "store/directory.h"
#include "store/meetings.h"
#include "store/peer_groups.h"
#include "store/peers.h"
#include "store/plan.h"
#include "store/responses.h"
#include "store/suggestions.h"
#include "view/meeting.h"

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
	/* Read once, by the meeting source: those that fit, soonest first. */
	bool meetings_read;
	struct meeting_hit *meetings;
	size_t nmeetings;
	const char *area_key;          /* the person's area, folded; NULL: none */
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

static int
soonest(const void *x, const void *y)
{
	const struct meeting_hit *a = x, *b = y;

	if (a->w.start != b->w.start)
		return a->w.start < b->w.start ? -1 : 1;
	return strcmp(a->m.id, b->m.id);
}

/* The meetings in the person's language, near them or online, that they
 * neither keep nor dismissed: one query (store_meetings_to_suggest()),
 * then each one's next time, soonest first. Near: in the area they named
 * for peer support, else in their time zone. */
static int
read_meetings(struct ctx *x, const char *lang_type)
{
	struct peer_pref pref;
	struct meeting *ms;
	const char *tz = x->p->time_zone;
	unsigned today = 0, tomorrow = 0;
	size_t n, i;
	int rc, wd, min;

	if ((rc = store_peer_pref(x->s, x->a, x->g, &pref)) != 0)
		return rc;
	if (pref.area != NULL && *pref.area != '\0')
		x->area_key = person_name_key(x->a, pref.area);
	if (tz != NULL && !timefmt_zone_valid(tz))
		tz = NULL;
	/* Meeting days count from Sunday (0), the local week from Monday. */
	if (tz != NULL && timefmt_local_week(x->now, tz, &wd, &min)) {
		today = 1u << ((wd + 1) % 7);
		tomorrow = 1u << ((wd + 2) % 7);
	}
	if ((rc = store_meetings_to_suggest(x->s, x->a, x->g, lang_type, x->area_key, tz, today,
	    tomorrow, &ms, &n)) != 0)
		return rc;
	x->meetings = arena_alloc(x->a, (n ? n : 1) * sizeof(*x->meetings));
	for (i = 0; i < n; i++) {
		struct meeting_hit *h = &x->meetings[x->nmeetings];

		h->m = ms[i];
		view_meeting_next(&h->m, x->now, &h->w);
		if (h->w.start != 0)
			x->nmeetings++;
	}
	qsort(x->meetings, x->nmeetings, sizeof(*x->meetings), soonest);
	return 0;
}

/* Self-help meetings (AA, NA, from the imported feeds) for alcohol and
 * drugs and for a community, in the person's language, near them or
 * online, the soonest first. The time is as the person's clock shows it
 * (the meeting's own without a zone of theirs); a meeting whose day there
 * is another than in its own zone is left out, rather than named on the
 * wrong day. */
static int
from_meetings(struct ctx *x, const struct suggest_need *need, struct suggestion *s)
{
	const char *lang_type = x->p->lang != NULL ? meeting_lang_type(x->p->lang) : NULL;
	const char *language, *hm, *tz = x->p->time_zone;
	char ymd[11], mine[6], ymd_there[11], there[6];
	size_t i;
	int rc;

	if (!suggest_meeting_fits(need->domain) || lang_type == NULL)
		return ERR_NOT_FOUND;
	if (!x->meetings_read) {
		x->meetings_read = true;
		if ((rc = read_meetings(x, lang_type)) != 0)
			return rc;
	}
	language = group_language_name(x->p->lang);
	if (language == NULL)
		language = meeting_type_label(lang_type);
	for (i = 0; i < x->nmeetings; i++) {
		const struct meeting_hit *h = &x->meetings[i];
		bool near;

		if (taken(x, "meeting", h->m.id))
			continue;
		hm = h->m.start_time;
		if (tz != NULL && strcmp(tz, h->m.time_zone) != 0 && timefmt_zone_valid(tz)) {
			if (!timefmt_local_fields(h->w.start, tz, ymd, mine) ||
			    !timefmt_local_fields(h->w.start, h->m.time_zone, ymd_there, there) ||
			    strcmp(ymd, ymd_there) != 0)
				continue;
			hm = arena_strdup(x->a, mine);
		}
		near = meeting_near(&h->m, x->area_key, tz);
		if (!near && !h->m.online)
			continue;
		s->source = "meeting";
		s->item_id = h->m.id;
		s->title = h->m.name;
		s->href = arena_printf(x->a, "/meetings/%s", h->m.id);
		s->line = suggest_line(x->a, need, near ?
		    arena_printf(x->a, _("This meeting in %s meets %s at %s, near you."), language,
		        meeting_days_phrase(x->a, h->m.days), hm) :
		    arena_printf(x->a, _("This online meeting in %s meets %s at %s."), language,
		        meeting_days_phrase(x->a, h->m.days), hm));
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
	{"meeting", from_meetings},
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
	struct ctx x = {s, a, g, p, now, today, NULL, 0, out, 0, false, NULL, 0, NULL, 0,
	    false, NULL, 0, NULL};
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
