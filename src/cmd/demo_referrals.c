/* The demo's referrals (rosc demo): for the five persons with a plan,
 * referrals in every status, linked to their goals, with histories spread
 * over weeks; Mette has two proposed services to choose between, and a
 * few wait too long for an answer (the sender's flag). Loaded once, under
 * meta "demo_referrals", after the directory. */
#include "cmd/demo.h"

#include <stdio.h>
#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/id.h"
#include "core/account.h"
#include "core/directory.h"
#include "core/plan.h"
#include "core/referral.h"
#include "store/accounts.h"
#include "store/directory.h"
#include "store/plan.h"
#include "store/referrals.h"
#include "store/store.h"

#define DAY (INT64_C(86400) * 1000000)
#define STEPS_MAX 5

/* One move: days before now, to which status, by whom, with what note. */
struct ref_step {
	int ago;
	enum ref_status to;
	const char *user, *org, *note;
};

static const struct demo_ref {
	int person;                      /* DEMO_METTE ... */
	const char *service;
	enum domain goal;                /* the first goal in this domain, if any */
	const char *reason, *lang, *by, *by_org;
	int ago;
	struct ref_step steps[STEPS_MAX];
} refs[] = {
	/* Mette chooses between two ways to work. */
	{DEMO_METTE, "demo-svc-jobcenter-ips", DOM_WORK_EDUCATION,
	    "Du har sagt, at du gerne vil i arbejde igen. Her får du en jobkonsulent, "
	    "der hjælper dig hele vejen.", "da", "karin", "Socialforvaltningen Østerbro", 3, {{0}}},
	{DEMO_METTE, "demo-svc-jobcenter-mentor", DOM_WORK_EDUCATION,
	    "En mentor kan støtte dig, hvis du hellere vil starte på en uddannelse.", "da",
	    "karin", "Socialforvaltningen Østerbro", 3, {{0}}},
	{DEMO_METTE, "demo-svc-havnely-bolig", DOM_HOUSING,
	    "Du ønsker din egen lejlighed efter behandlingen.", "da", "karin",
	    "Socialforvaltningen Østerbro", 40, {
		{38, RS_ACCEPTED, "mette", NULL, "Ja tak, gerne."},
		{35, RS_RECEIVED, "henrik", "Boligselskabet Havnely", "Vi ringer til dig i næste uge."},
		{20, RS_SCHEDULED, "henrik", "Boligselskabet Havnely", "Fremvisning torsdag kl. 10."},
	}},
	{DEMO_METTE, "demo-svc-broen-gruppe", DOM_SOCIAL_NETWORK,
	    "Gruppen torsdag aften er et godt sted at møde andre.", "da", "jonas",
	    "Recovery-fællesskabet Broen", 25, {
		{24, RS_DECLINED, "mette", NULL, "Ikke lige nu, måske senere."},
	}},
	{DEMO_METTE, "demo-svc-gaeld", DOM_FINANCES,
	    "Hjælp til at få overblik over gælden.", "da", "karin", "Socialforvaltningen Østerbro",
	    60, {
		{59, RS_ACCEPTED, "mette", NULL, NULL},
		{50, RS_SCHEDULED, "karin", "Socialforvaltningen Østerbro",
		    "Gældsrådgivningen har givet en tid den 3. i næste måned."},
		{30, RS_GOT_HELP, "mette", NULL, "Vi lavede en plan for afdrag. Det letter."},
	}},
	/* Jan. */
	{DEMO_JAN, "demo-svc-debrug-nazorg", DOM_SUBSTANCE_USE,
	    "Na de opname wil je steun houden bij het voorkomen van terugval.", "nl", "daan",
	    "Herstelhuis De Brug", 30, {
		{29, RS_ACCEPTED, "jan", NULL, NULL},
		{27, RS_RECEIVED, "fleur", "Herstelhuis De Brug", NULL},
		{21, RS_ELIGIBLE, "fleur", "Herstelhuis De Brug", "Je kunt starten in de groep van maandag."},
	}},
	{DEMO_JAN, "demo-svc-schuldhulp", DOM_FINANCES,
	    "Hulp bij het regelen van je schulden.", "nl", "daan", "Herstelhuis De Brug", 21, {
		{20, RS_ACCEPTED, "jan", NULL, NULL},
	}},
	/* Sam. */
	{DEMO_SAM, "demo-svc-broen-peer", DOM_SOCIAL_NETWORK,
	    "Someone to talk to who has been there.", "en", "peter", "Behandlingscenter Nordlys",
	    45, {
		{44, RS_ACCEPTED, "sam", NULL, NULL},
		{30, RS_COULD_NOT_CONTACT, "jonas", "Recovery-fællesskabet Broen",
		    "Tried three times by phone and once by mail."},
	}},
	{DEMO_SAM, "demo-svc-folgeskab-besog", DOM_SOCIAL_NETWORK,
	    "A walk and a chat once a week.", "en", "peter", "Behandlingscenter Nordlys", 28, {
		{27, RS_ACCEPTED, "sam", NULL, NULL},
		{10, RS_NO_LONGER_INTERESTED, "sam", NULL, "I found a walking group myself."},
	}},
	{DEMO_SAM, "demo-svc-nordlys-video", DOM_SUBSTANCE_USE,
	    "Treatment by video, from home.", "en", "peter", "Behandlingscenter Nordlys", 50, {
		{49, RS_ACCEPTED, "sam", NULL, NULL},
		{46, RS_NOT_ELIGIBLE, "peter", "Behandlingscenter Nordlys",
		    "Video treatment is for people in Region Hovedstaden; we meet at the clinic instead."},
	}},
	/* Søren, in Karin's caseload. */
	{DEMO_SOREN, "demo-svc-jobcenter-ips", DOM_WORK_EDUCATION,
	    "Søren vil gerne tilbage til et job som tømrer.", "da", "karin",
	    "Socialforvaltningen Østerbro", 16, {
		{15, RS_ACCEPTED, NULL, NULL, NULL},
	}},
	{DEMO_SOREN, "demo-svc-havnely-bolig", DOM_HOUSING,
	    "En bolig tæt på børnene.", "da", "karin", "Socialforvaltningen Østerbro", 35, {
		{34, RS_ACCEPTED, NULL, NULL, NULL},
		{31, RS_NO_CAPACITY, "henrik", "Boligselskabet Havnely",
		    "Ingen ledige boliger før til sommer. Søg igen i maj."},
	}},
	{DEMO_SOREN, "demo-svc-nordlys-efterbehandling", DOM_SUBSTANCE_USE,
	    "Støtte efter behandlingen.", "da", "karin", "Socialforvaltningen Østerbro", 6, {
		{5, RS_ACCEPTED, NULL, NULL, NULL},
		{4, RS_RECEIVED, "peter", "Behandlingscenter Nordlys", NULL},
	}},
	{DEMO_SOREN, "demo-svc-vuc", DOM_WORK_EDUCATION,
	    "Læse og regne, før han søger job.", "da", "karin", "Socialforvaltningen Østerbro", 20, {
		{12, RS_WITHDRAWN, "karin", "Socialforvaltningen Østerbro",
		    "Søren vil vente med skolen."},
	}},
	/* Bram. */
	{DEMO_BRAM, "demo-svc-debrug-gezin", DOM_FAMILY,
	    "Samen met je partner werken aan vertrouwen.", "nl", "daan", "Herstelhuis De Brug", 70, {
		{69, RS_ACCEPTED, NULL, NULL, NULL},
		{66, RS_NEEDS_CLIENT_ACTION, "fleur", "Herstelhuis De Brug",
		    "Graag eerst het aanmeldformulier samen met je partner invullen."},
	}},
	{DEMO_BRAM, "demo-svc-herstelacademie", DOM_MEANING,
	    "Een cursus om je eigen herstelverhaal te vertellen.", "nl", "daan",
	    "Herstelhuis De Brug", 55, {
		{54, RS_ACCEPTED, NULL, NULL, NULL},
		{40, RS_COULD_NOT_GET_HELP, "daan", "Herstelhuis De Brug",
		    "De cursus was vol en gaat pas in het najaar weer van start."},
	}},
};
#define NREFS (sizeof(refs) / sizeof(refs[0]))

struct load {
	const char *person[DEMO_PERSONS];
	const char *user[32];            /* by username, in usernames[] order */
	const struct demo_org_ids *orgs;
	struct service sv[NREFS];
	const char *goal[NREFS];
	int64_t now;
};

static const char *const usernames[] = {"karin", "daan", "peter", "henrik", "jonas",
	"fleur", "mette", "jan", "sam"};
#define NUSERNAMES (sizeof(usernames) / sizeof(usernames[0]))

static const char *
user_id(const struct load *w, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < NUSERNAMES; i++)
		if (strcmp(usernames[i], name) == 0)
			return w->user[i];
	return NULL;
}

static int
load_referrals(struct store_tx *tx, void *arg)
{
	static struct arena a = ARENA_INIT;
	struct load *w = arg;
	size_t i, k;
	int rc = 0;

	for (i = 0; rc == 0 && i < NREFS; i++) {
		const struct demo_ref *d = &refs[i];
		const char *pid = w->person[d->person];
		const struct grant *g = door_command_line(&a, pid);
		struct referral x = {0};
		char *rid = arena_alloc(&a, ID_LEN + 1);

		id_new(rid);
		x.person_id = pid;
		x.id = rid;
		x.service_id = w->sv[i].id;
		x.to_org_id = w->sv[i].managed_by;
		x.goal_id = w->goal[i];
		x.reason = d->reason;
		x.reason_lang = d->lang;
		x.proposed_by = user_id(w, d->by);
		x.created_us = w->now - d->ago * DAY;
		x.version = 1;
		x.status = RS_PROPOSED;
		x.service_name = w->sv[i].name;
		x.shares = w->sv[i].shares | CAT_BIT(CAT_BASIC);
		x.response_days = w->sv[i].response_days;
		rc = store_tx_referral_insert(tx, g, &x, demo_org_by_name(w->orgs, d->by_org));
		for (k = 0; rc == 0 && k < STEPS_MAX && d->steps[k].to != RS_PROPOSED; k++) {
			const struct ref_step *s = &d->steps[k];
			struct referral_change c = {0};

			c.old = &x;
			c.to = s->to;
			c.note = s->note;
			c.now = w->now - s->ago * DAY;
			/* Accepting is the person's (on paper, for those without an account). */
			c.by_user = s->user != NULL ? user_id(w, s->user) : NULL;
			c.by_org = s->org != NULL ? demo_org_by_name(w->orgs, s->org) : NULL;
			c.purpose = arena_printf(&a, "Henvisning til %s", x.service_name);
			if ((rc = store_tx_referral_change(tx, g, &c)) != 0)
				break;
			if (s->to == RS_ACCEPTED) {
				x.version += 2;
				x.status = RS_SENT;
				x.sent_us = c.now;
				x.answer_due_us = c.now + x.response_days * DAY;
			} else {
				x.version++;
				x.status = s->to;
				if (ref_answers(s->to) || ref_closed(s->to))
					x.answer_due_us = 0;
			}
		}
	}
	if (rc == 0)
		rc = store_tx_meta_set(tx, "demo_referrals", "1");
	return rc;
}

int
demo_referrals(struct store *s, const struct demo_org_ids *orgs,
    const char *const person_ids[DEMO_PERSONS], int64_t now)
{
	static struct load w;
	struct arena a = ARENA_INIT;
	const char *have;
	char key[USERNAME_MAX + 1];
	size_t i, k;
	int rc;

	rc = store_meta_get(s, &a, "demo_referrals", &have);
	store_request_end(s);
	if (rc != ERR_NOT_FOUND)
		goto out;
	memset(&w, 0, sizeof(w));
	w.orgs = orgs;
	w.now = now;
	rc = 0;
	for (i = 0; i < DEMO_PERSONS; i++)
		w.person[i] = person_ids[i];
	for (i = 0; rc == 0 && i < NUSERNAMES; i++) {
		struct user u;

		username_key(usernames[i], key);
		if ((rc = store_user_by_username(s, &a, key, &u)) == 0)
			w.user[i] = u.id;
	}
	for (i = 0; rc == 0 && i < NREFS; i++) {
		struct goal *goals;
		size_t n = 0;

		if ((rc = store_service_get(s, &a, refs[i].service, &w.sv[i])) != 0)
			break;
		rc = store_goals(s, &a, door_command_line(&a, w.person[refs[i].person]), &goals, &n);
		for (k = 0; rc == 0 && k < n && w.goal[i] == NULL; k++)
			if (goals[k].domain == refs[i].goal)
				w.goal[i] = goals[k].id;
	}
	store_request_end(s);
	if (rc == 0)
		rc = store_write(s, load_referrals, &w);
out:
	/* The ids read above live in a, until the write is done. */
	arena_free(&a);
	return rc;
}
