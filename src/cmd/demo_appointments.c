/* The demo's appointments (rosc demo): for Mette and Jan, some past (done,
 * one missed, which flags Karin's caseload), some coming (one confirmed,
 * one by video, one the person asked to move), a weekly peer group
 * across several weeks, and Mette's requests for a volunteer to come along; each at a plain local hour in the person's own
 * zone. Loaded once, under meta "demo_appointments", after the referrals. */
#include "cmd/demo.h"

#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/account.h"
#include "core/accompaniment.h"
#include "core/appointment.h"
#include "store/accompaniment.h"
#include "store/accounts.h"
#include "store/appointments.h"
#include "store/store.h"

static const struct demo_appt {
	int person;                      /* DEMO_METTE ... */
	int day;                         /* days from today, local */
	const char *time, *title, *lang;
	enum appt_kind kind;
	int minutes, weeks;
	const char *place, *video, *bring, *with_name, *by, *by_org;
	enum appt_status status;
	const char *note;                /* why cancelled, or the move asked */
} appts[] = {
	{DEMO_METTE, -14, "10:00", "Samtale med Peter", "da", AK_TREATMENT, 60, 1,
	    "Behandlingscenter Nordlys, Nørrebrogade 12, 2200 København N", NULL, NULL,
	    "Peter Sørensen", "peter", "Behandlingscenter Nordlys", AS_DONE, NULL},
	{DEMO_METTE, -3, "13:30", "Møde om min handleplan", "da", AK_SOCIAL, 45, 1,
	    "Socialforvaltningen Østerbro, Østerbrogade 95, 2100 København Ø", NULL,
	    "Sygesikringskort", "Karin Madsen", "karin", "Socialforvaltningen Østerbro",
	    AS_MISSED, NULL},
	{DEMO_METTE, 1, "10:00", "Samtale med Peter", "da", AK_TREATMENT, 60, 1,
	    "Behandlingscenter Nordlys, Nørrebrogade 12, 2200 København N", NULL, NULL,
	    "Peter Sørensen", "peter", "Behandlingscenter Nordlys", AS_PLANNED, NULL},
	{DEMO_METTE, 5, "09:30", "Blodprøver hos lægen", "da", AK_HEALTH, 30, 1,
	    "Lægehuset Søndermarken, Roskildevej 200, 2500 Valby", NULL,
	    "Sygesikringskort og liste over medicin", "Lars Bech", "peter",
	    "Behandlingscenter Nordlys", AS_CONFIRMED, NULL},
	{DEMO_METTE, 2, "19:00", "Aftengruppe hos Broen", "da", AK_PEER, 90, 4,
	    "Recovery-fællesskabet Broen, Jagtvej 60, 2200 København N", NULL, NULL, NULL,
	    "mette", NULL, AS_PLANNED, NULL},
	{DEMO_METTE, 8, "11:00", "Videosamtale om medicin", "da", AK_TREATMENT, 30, 1, NULL,
	    "https://video.nordlys.example/rum/peter", NULL, "Peter Sørensen", "peter",
	    "Behandlingscenter Nordlys", AS_PLANNED, "Kan vi tage den om eftermiddagen?"},
	{DEMO_JAN, -7, "14:00", "Gesprek met Daan", "nl", AK_TREATMENT, 60, 1,
	    "Herstelhuis De Brug, Prinsengracht 300, 1016 HX Amsterdam", NULL, NULL,
	    "Daan de Vries", "daan", "Herstelhuis De Brug", AS_DONE, NULL},
	{DEMO_JAN, 2, "14:00", "Gesprek met Daan", "nl", AK_TREATMENT, 60, 1,
	    "Herstelhuis De Brug, Prinsengracht 300, 1016 HX Amsterdam", NULL,
	    "Je dagboek van deze week", "Daan de Vries", "daan", "Herstelhuis De Brug",
	    AS_PLANNED, NULL},
	{DEMO_JAN, 6, "10:30", "Beeldbellen met de verslavingsarts", "nl", AK_TREATMENT, 30, 1,
	    NULL, "https://video.debrug.example/spreekuur/arts", NULL, NULL, "daan",
	    "Herstelhuis De Brug", AS_CONFIRMED, NULL},
};
#define NAPPTS (sizeof(appts) / sizeof(appts[0]))

/* Someone to come along. From Frivilligcenter Følgeskab for Mette: an
 * open request for tomorrow (which flags Karin's caseload: nobody yet,
 * within two days), Else going along to the blood tests, and a past one
 * she reported on. From Vrijwilligerspunt Maatje for Jan: Noor goes
 * along to his talk with Daan. */
static const struct demo_company {
	size_t appt;                     /* index in appts */
	enum acc_status status;
	const char *org, *volunteer, *asker, *asker_org, *lang;
	const char *area, *meet_at;
	bool share_place;
	const char *note;
} company[] = {
	{0, ACC_REPORTED, "Frivilligcenter Følgeskab", "else", "karin", "Socialforvaltningen Østerbro",
	    "da", "Nørrebro", "Ved Nørrebro Station", true, "Godt møde, Mette var glad."},
	{2, ACC_OPEN, "Frivilligcenter Følgeskab", "else", "karin", "Socialforvaltningen Østerbro",
	    "da", "Nørrebro", "Ved Nørrebro Station, ved cykelstativerne", false, NULL},
	{3, ACC_ACCEPTED, "Frivilligcenter Følgeskab", "else", "karin",
	    "Socialforvaltningen Østerbro", "da", "Valby", "Ved Valby Station, hovedindgangen", true,
	    NULL},
	{7, ACC_ACCEPTED, "Vrijwilligerspunt Maatje", "noor", "daan", "Herstelhuis De Brug", "nl",
	    "Amsterdam-Centrum", "Bij de hoofdingang van Amsterdam Centraal", false, NULL},
};
#define NCOMPANY (sizeof(company) / sizeof(company[0]))

static const char *const usernames[] = {"karin", "daan", "peter", "mette", "jan", "else",
	"noor"};
#define NUSERNAMES (sizeof(usernames) / sizeof(usernames[0]))

struct load {
	const char *person[DEMO_PERSONS];
	const char *zone[DEMO_PERSONS];
	const char *user[NUSERNAMES];
	const struct demo_org_ids *orgs;
	int64_t now;
};

static const char *
user_id(const struct load *w, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < NUSERNAMES; i++)
		if (strcmp(usernames[i], name) == 0)
			return w->user[i];
	return NULL;
}

/* The request for company to appointment row i, if any, before the
 * appointment moves on (x as made, at made; it ends at ended). */
static int
load_company(struct store_tx *tx, const struct load *w, size_t i, const struct appointment *x,
    int64_t made, int64_t ended)
{
	static struct arena a = ARENA_INIT;
	const struct grant *job;
	struct accompaniment c = {0};
	const char *org;
	char *id;
	size_t k;
	int rc;

	for (k = 0; k < NCOMPANY && company[k].appt != i; k++)
		;
	if (k == NCOMPANY || (org = demo_org_by_name(w->orgs, company[k].org)) == NULL ||
	    user_id(w, company[k].volunteer) == NULL)
		return 0;
	id = arena_alloc(&a, ID_LEN + 1);
	id_new(id);
	c.person_id = x->person_id;
	c.id = id;
	c.appointment_id = x->id;
	c.to_org_id = org;
	c.area = company[k].area;
	c.meet_at = company[k].meet_at;
	c.lang = company[k].lang;
	c.share_place = company[k].share_place;
	c.asked_by = user_id(w, company[k].asker);
	c.asked_by_org = demo_org_by_name(w->orgs, company[k].asker_org);
	if ((rc = store_tx_accompaniment_insert(tx, door_command_line(&a, x->person_id), &c,
	    made)) != 0 || company[k].status == ACC_OPEN)
		return rc;
	job = door_command_line_job(&a, x->person_id, org, user_id(w, company[k].volunteer));
	if ((rc = store_tx_job_accept(tx, job, id, 1, made + 3600 * INT64_C(1000000))) != 0 ||
	    company[k].status == ACC_ACCEPTED)
		return rc;
	return store_tx_job_report(tx, job, id, 2, AO_WENT_TOGETHER, company[k].note, ended);
}

static int
load_appointments(struct store_tx *tx, void *arg)
{
	static struct arena a = ARENA_INIT;
	struct load *w = arg;
	size_t i;
	int rc = 0, k;

	for (i = 0; rc == 0 && i < NAPPTS; i++) {
		const struct demo_appt *d = &appts[i];
		const char *pid = w->person[d->person], *tz = w->zone[d->person];
		const struct grant *g = door_command_line(&a, pid);
		struct appointment x = {0}, *xs;
		char today[11], hm[6];

		if (!timefmt_local_fields(w->now, tz, today, hm) ||
		    timefmt_local_to_us(today, d->time, tz, d->day, &x.starts_us) != 0 ||
		    !timefmt_local_fields(x.starts_us, tz, today, hm))
			return ERR_INVALID;
		x.person_id = pid;
		x.title = d->title;
		x.title_lang = d->lang;
		x.kind = d->kind;
		x.minutes = d->minutes;
		x.time_zone = tz;
		x.place = d->place;
		x.video_url = d->video;
		x.bring = d->bring;
		x.with_name = d->with_name;
		x.created_by = user_id(w, d->by);
		x.created_by_org = d->by_org != NULL ? demo_org_by_name(w->orgs, d->by_org) : NULL;
		x.with_org_id = x.created_by_org;
		if ((rc = appt_series(&a, &x, d->weeks, today, d->time, &xs)) != 0)
			return ERR_INVALID;
		for (k = 0; rc == 0 && k < d->weeks; k++) {
			int64_t made = w->now - (d->day < 0 ? 21 : 2) * APPT_DAY_US;
			int64_t when = xs[k].starts_us + (int64_t)xs[k].minutes * 60000000;

			xs[k].version = 1;
			if ((rc = store_tx_appointment_insert(tx, g, &xs[k], made)) != 0)
				break;
			if (k == 0 && (rc = load_company(tx, w, i, &xs[k], made, when)) != 0)
				break;
			if (d->status == AS_CONFIRMED)
				rc = store_tx_appointment_status(tx, g, &xs[k], AS_CONFIRMED, NULL,
				    user_id(w, d->person == DEMO_JAN ? "jan" : "mette"), NULL, made);
			else if (d->status != AS_PLANNED)
				rc = store_tx_appointment_status(tx, g, &xs[k], d->status, d->note,
				    x.created_by, x.created_by_org, when);
			else if (d->note != NULL)
				rc = store_tx_appointment_ask_move(tx, g, &xs[k], d->note,
				    user_id(w, d->person == DEMO_JAN ? "jan" : "mette"), made);
		}
	}
	if (rc == 0)
		rc = store_tx_meta_set(tx, "demo_appointments", "1");
	return rc;
}

int
demo_appointments(struct store *s, const struct demo_org_ids *orgs,
    const char *const person_ids[DEMO_PERSONS], const char *const zones[DEMO_PERSONS],
    int64_t now)
{
	static struct load w;
	struct arena a = ARENA_INIT;
	const char *have;
	char key[USERNAME_MAX + 1];
	size_t i;
	int rc;

	rc = store_meta_get(s, &a, "demo_appointments", &have);
	store_request_end(s);
	if (rc != ERR_NOT_FOUND)
		goto out;
	memset(&w, 0, sizeof(w));
	w.orgs = orgs;
	w.now = now;
	rc = 0;
	for (i = 0; i < DEMO_PERSONS; i++) {
		w.person[i] = person_ids[i];
		w.zone[i] = zones[i];
	}
	for (i = 0; rc == 0 && i < NUSERNAMES; i++) {
		struct user u;

		username_key(usernames[i], key);
		if ((rc = store_user_by_username(s, &a, key, &u)) == 0)
			w.user[i] = u.id;
	}
	store_request_end(s);
	if (rc == 0)
		rc = store_write(s, load_appointments, &w);
out:
	arena_free(&a);
	return rc;
}
