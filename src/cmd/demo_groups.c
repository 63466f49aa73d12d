/* The demo's peer groups (rosc demo): Recovery-fællesskabet Broen runs a
 * Danish group on Østerbro, Tuesdays at 18:00, and an Arabic and Danish
 * one on Nørrebro, Thursdays at 17:00, both facilitated by Jonas, its
 * peer worker; Herstelhuis De Brug runs a Dutch video group on
 * Wednesday evenings, facilitated by Daan. Mette joined the Tuesday group
 * some eight weeks ago and came to most sessions since. Each group's past
 * sessions have a short note, without personal details. Loaded once,
 * under meta "demo_groups", after the pathways. */
#include "cmd/demo.h"

#include <stdio.h>
#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/account.h"
#include "core/peer_group.h"
#include "store/accounts.h"
#include "store/peer_groups.h"
#include "store/store.h"

#define DAY_US (INT64_C(86400) * 1000000)
#define NGROUPS 3
#define NPAST 6

static const struct {
	const char *org, *facilitator, *name, *description, *language, *at_time, *zone;
	int weekday, minutes;
	const char *place, *video_url;
	const char *notes[3];
} groups[NGROUPS] = {
	{"Recovery-fællesskabet Broen", "jonas", "Tirsdagsgruppen på Østerbro",
	    "En åben gruppe for dig, der er i bedring fra alkohol eller stoffer. Vi drikker "
	    "kaffe, fortæller hvordan ugen er gået, og støtter hinanden. Du bestemmer selv, "
	    "hvor meget du siger.",
	    "da", "18:00", "Europe/Copenhagen", 1, 90,
	    "Østerbrogade 105, 2100 København Ø", NULL,
	    {"Vi talte om at holde fast i gode vaner, når dagene bliver mørke. God stemning.",
	     "Tema: at genopbygge kontakten til familien. Mange gode erfaringer blev delt.",
	     "Gåtur i Fælledparken i stedet for at sidde inde. Vi gentager det i foråret."}},
	{"Herstelhuis De Brug", "daan", "Herstelgroep online",
	    "Elke woensdagavond online samen praten over herstel: wat lukt, wat is lastig, "
	    "en wat helpt. Camera aan of uit, dat kies je zelf.",
	    "nl", "19:30", "Europe/Amsterdam", 2, 75,
	    NULL, "https://meet.example.org/debrug-herstelgroep",
	    {"Thema: omgaan met trek in de avond. Tips gedeeld over afleiding en ritme.",
	     "Korte groep door de feestdag; we spraken over plannen voor het weekend.",
	     NULL}},
	{"Recovery-fællesskabet Broen", "jonas", "Fællesskab på arabisk og dansk",
	    "En gruppe på arabisk og dansk for dig, der vil tale om bedring på dit eget sprog. "
	    "Der er te, og der er tolk til stede.",
	    "ar da", "17:00", "Europe/Copenhagen", 3, 90,
	    "Nørrebrogade 52, 2200 København N", NULL,
	    {"Vi talte om familie og forventninger, og om at bede om hjælp i tide.",
	     NULL, NULL}},
};

struct load {
	struct arena a;
	struct peer_group g[NGROUPS];
	struct group_note notes[NGROUPS * 3];
	size_t nnotes;
	const char *mette;
	char past[NPAST][11];
	size_t npast;
	const char *today;
	int64_t joined;
};

static int
load_fn(struct store_tx *tx, void *arg)
{
	struct load *w = arg;
	const struct grant *self, *fac;
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < NGROUPS; i++)
		rc = store_tx_group_insert(tx, &w->g[i]);
	for (i = 0; rc == 0 && i < w->nnotes; i++)
		rc = store_tx_group_note_set(tx, &w->notes[i]);
	if (rc == 0 && w->mette != NULL) {
		/* Mette joined by herself; Jonas marked the sessions she came to
		 * (all but the third latest). */
		self = door_command_line(&w->a, w->mette);
		fac = door_command_line_group(&w->a, w->mette, w->g[0].id);
		rc = store_tx_group_join(tx, self, w->g[0].id, w->today, w->joined);
		for (i = 0; rc == 0 && i < w->npast; i++)
			if (i != 2)
				rc = store_tx_group_attended(tx, fac, w->g[0].id, w->past[i], true,
				    w->g[0].facilitator_id, w->joined + (int64_t)(w->npast - i) * DAY_US);
	}
	return rc ? rc : store_tx_meta_set(tx, "demo_groups", "1");
}

static const char *
user(struct store *s, struct arena *a, const char *name)
{
	char key[USERNAME_MAX + 1];
	struct user u;

	username_key(name, key);
	return store_user_by_username(s, a, key, &u) == 0 ? u.id : NULL;
}

int
demo_groups(struct store *s, const struct demo_org_ids *orgs, const char *mette, int64_t now)
{
	static struct load w;
	const char *have;
	char id[ID_LEN + 1], today[11], hm[6], start[11];
	size_t i, k;
	int rc;

	memset(&w, 0, sizeof(w));
	rc = store_meta_get(s, &w.a, "demo_groups", &have);
	store_request_end(s);
	if (rc != ERR_NOT_FOUND)
		goto out;
	rc = 0;
	for (i = 0; rc == 0 && i < NGROUPS; i++) {
		struct peer_group *g = &w.g[i];
		struct group_schedule sc;
		char past[NPAST][11];
		size_t np;
		int64_t back;

		id_new(id);
		g->id = arena_strdup(&w.a, id);
		g->org_id = demo_org_by_name(orgs, groups[i].org);
		g->facilitator_id = user(s, &w.a, groups[i].facilitator);
		if (g->org_id == NULL || g->facilitator_id == NULL) {
			rc = ERR_NOT_FOUND;
			break;
		}
		/* Begun about ten weeks ago, on a date in the organisation's zone. */
		back = now - 70 * DAY_US;
		if (!timefmt_local_fields(back, groups[i].zone, start, hm) ||
		    !timefmt_local_fields(now, groups[i].zone, today, hm)) {
			rc = ERR_INVALID;
			break;
		}
		g->name = groups[i].name;
		g->description = groups[i].description;
		g->language = groups[i].language;
		g->weekday = groups[i].weekday;
		g->at_time = groups[i].at_time;
		g->minutes = groups[i].minutes;
		g->time_zone = groups[i].zone;
		g->starts_on = arena_strdup(&w.a, start);
		g->place = groups[i].place;
		g->video_url = groups[i].video_url;
		g->is_open = true;
		g->created_by = g->facilitator_id;
		g->created_us = g->updated_us = back;
		sc = (struct group_schedule){g->weekday, g->minutes, g->at_time, g->time_zone,
		    g->starts_on, NULL};
		np = group_past_sessions(&sc, now, past, NPAST);
		for (k = 0; k < 3 && k < np && groups[i].notes[k] != NULL; k++)
			w.notes[w.nnotes++] = (struct group_note){g->id, arena_strdup(&w.a, past[k]),
			    groups[i].notes[k], g->facilitator_id, NULL, now - (int64_t)k * 7 * DAY_US};
		if (i == 0) {
			memcpy(w.past, past, sizeof(past));
			w.npast = np;
		}
	}
	w.mette = mette;
	w.joined = now - 56 * DAY_US;
	/* The six latest sessions are all since she joined, eight weeks ago. */
	w.today = arena_strdup(&w.a, today);
	store_request_end(s);
	if (rc == 0)
		rc = store_write(s, load_fn, &w);
out:
	arena_free(&w.a);
	return rc;
}
