/* Needs and lines for suggestions (suggest.h). */
#include "core/suggest.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"

/* BARC-10 (Vilsaint et al. 2017) items 1..10: the domain each speaks
 * to, and a few words for what a low answer says could grow. */
static const struct {
	int domain;
	const char *words;
} barc[10] = {
	{DOM_SUBSTANCE_USE, N_("what matters more to you than using")},
	{DOM_MEANING, N_("your happiness with your life")},
	{DOM_PHYSICAL_HEALTH, N_("energy for what you set out to do")},
	{DOM_SOCIAL_NETWORK, N_("feeling part of a community")},
	{DOM_SOCIAL_NETWORK, N_("support from friends")},
	{DOM_MEANING, N_("a full life without alcohol or drugs")},
	{DOM_HOUSING, N_("a home that helps your recovery")},
	{-1, NULL},
	{DOM_MENTAL_HEALTH, N_("ease with professionals")},
	{DOM_SUBSTANCE_USE, N_("progress in your recovery")},
};

int
suggest_barc_domain(int item)
{
	return item >= 1 && item <= 10 ? barc[item - 1].domain : -1;
}

bool
suggest_peer_fits(enum domain d)
{
	return d == DOM_SUBSTANCE_USE || d == DOM_MENTAL_HEALTH || d == DOM_FAMILY ||
	    d == DOM_SOCIAL_NETWORK || d == DOM_MEANING;
}

bool
suggest_meeting_fits(enum domain d)
{
	/* AA and NA are about alcohol and drugs; a fellowship is also a
	 * community, so a meeting fits a wish for one too. Not mental
	 * health as such: the feeds are of alcohol and drug fellowships. */
	return d == DOM_SUBSTANCE_USE || d == DOM_SOCIAL_NETWORK;
}

static bool
have(const struct suggest_need *out, size_t n, enum domain d)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (out[i].domain == d)
			return true;
	return false;
}

size_t
suggest_needs(const struct goal *goals, size_t ngoals, const struct q_answer *answers,
    size_t nanswers, struct suggest_need *out, size_t max)
{
	size_t n = 0, i;
	int v;

	for (i = 0; i < ngoals && n < max; i++) {
		if (goals[i].status == ST_REACHED || goals[i].status == ST_LET_GO ||
		    goals[i].title == NULL || (unsigned)goals[i].domain >= DOM_COUNT ||
		    have(out, n, goals[i].domain))
			continue;
		out[n++] = (struct suggest_need){goals[i].domain, goals[i].title, 0};
	}
	/* The lowest answers first: each value from 1 up to "somewhat
	 * disagree", in item order. */
	for (v = 1; v <= SUGGEST_BARC_LOW && n < max; v++)
		for (i = 0; i < nanswers && n < max; i++) {
			int item = answers[i].item != NULL ? atoi(answers[i].item) : 0;
			int d = suggest_barc_domain(item);

			if (answers[i].value != v || d < 0 || have(out, n, (enum domain)d))
				continue;
			out[n++] = (struct suggest_need){(enum domain)d, NULL, item};
		}
	return n;
}

const char *
suggest_line(struct arena *a, const struct suggest_need *n, const char *what)
{
	if (n->goal_title != NULL)
		return arena_printf(a, _("You wrote that you want this: “%s”. %s"), n->goal_title,
		    what);
	if (n->barc_item >= 1 && n->barc_item <= 10 && barc[n->barc_item - 1].words != NULL)
		return arena_printf(a, _("Your answers say that %s could grow. %s"),
		    _(barc[n->barc_item - 1].words), what);
	return what;
}
