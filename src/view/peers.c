/* The peer workers suggested to a person (see peers.h). */
#include "view/peers.h"

#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"
#include "store/network.h"
#include "store/peers.h"

bool
view_peers_current(const struct network_member *m, const char *today)
{
	return strcmp(m->from_date, today) <= 0 &&
	    (m->until_date == NULL || strcmp(m->until_date, today) >= 0);
}

int
view_peers(struct store *s, struct arena *a, const struct grant *g, const char *today,
    struct view_peers *out)
{
	struct peer_profile *open;
	size_t n = 0, i, j;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_peer_pref(s, a, g, &out->pref)) != 0 ||
	    (rc = store_peer_exclusions(s, a, g, &out->ex, &out->nex)) != 0 ||
	    (rc = store_peer_profiles_open(s, a, &open, &n)) != 0 ||
	    (rc = store_network(s, a, g, &out->net, &out->nnet)) != 0)
		return rc;
	out->ps = arena_alloc(a, (n + 1) * sizeof(*out->ps));
	for (i = 0; i < n; i++) {
		bool in = false;

		/* Already the person's peer worker: not suggested again. */
		for (j = 0; j < out->nnet && !in; j++)
			in = out->net[j].user_id != NULL && out->net[j].org_id != NULL &&
			    out->net[j].role == NET_PEER_WORKER &&
			    view_peers_current(&out->net[j], today) &&
			    strcmp(out->net[j].user_id, open[i].user_id) == 0 &&
			    strcmp(out->net[j].org_id, open[i].org_id) == 0;
		if (!in)
			out->ps[out->nps++] = open[i];
	}
	if (out->pref.set)
		out->nfit = peer_match(a, &out->pref, out->ps, out->nps, out->ex, out->nex,
		    out->fit, VIEW_PEERS_MAX);
	return 0;
}

/* "a, b and c" of the set bits of mask, each named by label(i). */
static const char *
listed(struct arena *a, unsigned mask, size_t n, const char *(*label)(size_t))
{
	const char *s = NULL;
	size_t i, left = (size_t)__builtin_popcount(mask);

	for (i = 0; i < n; i++) {
		if (!(mask & (1u << i)))
			continue;
		left--;
		if (s == NULL)
			s = label(i);
		else if (left == 0)
			s = arena_printf(a, _("%s and %s"), s, label(i));
		else
			s = arena_printf(a, "%s, %s", s, label(i));
	}
	return s != NULL ? s : "";
}

static const char *
lang_at(size_t i)
{
	return peer_lang_endonym((enum peer_lang)i);
}

static const char *
day_at(size_t i)
{
	return peer_day_label((int)i);
}

const char *
view_peer_why(struct arena *a, const struct peer_pref *pref, const struct peer_profile *p,
    const struct peer_fit *fit)
{
	const char *parts[6];
	const char *s;
	char *line;
	size_t n = 0, i;

	if (fit->langs != 0)
		parts[n++] = arena_printf(a, _("Speaks %s"), listed(a, fit->langs, PL_COUNT,
		    lang_at));
	if (fit->area)
		parts[n++] = arena_printf(a, _("meets in %s"), pref->area);
	else if (fit->by_video)
		parts[n++] = _("meets by video");
	if (fit->substance)
		parts[n++] = arena_printf(a, _("has lived experience with %s"),
		    peer_substance_label((enum peer_substance)pref->substance));
	if (fit->days != 0)
		parts[n++] = arena_printf(a, _("free on %s"), listed(a, fit->days, 7, day_at));
	if (fit->times == PEER_TIMES_ALL)
		parts[n++] = _("by day and in the evening");
	else if (fit->times == PEER_TIME_EVENING)
		parts[n++] = _("in the evening");
	else if (fit->times == PEER_TIME_DAY)
		parts[n++] = _("in the daytime");
	if (n == 0)
		return p->taking_new ? _("Takes new people now.") : "";
	s = parts[0];
	for (i = 1; i < n; i++)
		s = arena_printf(a, "%s · %s", s, parts[i]);
	line = arena_printf(a, "%s.", s);
	/* A line that does not begin with the languages begins with a part
	 * written for the middle of it: a capital for the first letter. */
	if (line[0] >= 'a' && line[0] <= 'z')
		line[0] = (char)(line[0] - 'a' + 'A');
	return line;
}
