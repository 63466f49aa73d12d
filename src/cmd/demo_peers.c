/* The demo's peer workers (rosc demo): four profiles, in Copenhagen and
 * the Netherlands. Jonas Kristensen (Recovery-fællesskabet Broen, Danish
 * and English, evenings only, in København and Frederiksberg), Amira
 * Haddad (Broen, Danish and Arabic, weekdays by day, København and by
 * video), Sanne de Jong (Herstelhuis De Brug, Dutch and English,
 * Amsterdam and by video) and Kees Mulder (De Brug, Dutch, Utrecht: not
 * taking new people now). Mette has said what matters to her in a peer
 * worker; Jonas, already in her network as her peer worker, has logged two
 * coaching sessions with her, in Danish. Loaded once, under meta
 * "demo_peers", after the accounts and networks. */
#include "cmd/demo.h"

#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/id.h"
#include "core/account.h"
#include "core/peer.h"
#include "core/person.h"
#include "store/accounts.h"
#include "store/network.h"
#include "store/peers.h"
#include "store/store.h"

#define DAY_US (INT64_C(86400) * 1000000)
#define B(x) (1u << (x))
#define MON_FRI 0x1Fu

static const struct {
	const char *username, *org, *story, *areas;
	unsigned langs, substances, days, times;
	enum peer_gender gender;
	enum peer_age age;
	bool taking_new, video;
} profiles[] = {
	{"jonas", "Recovery-fællesskabet Broen",
	    "Jeg drak i tyve år og har været ædru siden 2017. Jeg ved, hvor svært det første "
	    "år er, og hvor meget det betyder at have nogen at ringe til om aftenen.",
	    "København, Frederiksberg", B(PL_DA) | B(PL_EN), B(PS_ALCOHOL) | B(PS_CANNABIS),
	    MON_FRI, PEER_TIME_EVENING, PG_MAN, PAGE_45_59, true, false},
	{"amira", "Recovery-fællesskabet Broen",
	    "Jeg har selv været afhængig af beroligende piller og kender skammen. I dag "
	    "hjælper jeg andre med at finde vej, også på arabisk.",
	    "København", B(PL_DA) | B(PL_AR), B(PS_SEDATIVES) | B(PS_OPIOIDS),
	    MON_FRI, PEER_TIME_DAY, PG_WOMAN, PAGE_30_44, true, true},
	{"sanne", "Herstelhuis De Brug",
	    "Ik ben zelf hersteld van een cocaïneverslaving. Ik luister zonder oordeel en denk "
	    "met je mee over de volgende stap.",
	    "Amsterdam", B(PL_NL) | B(PL_EN), B(PS_STIMULANTS) | B(PS_ALCOHOL),
	    B(1) | B(3) | B(5), PEER_TIMES_ALL, PG_WOMAN, PAGE_30_44, true, true},
	{"kees", "Herstelhuis De Brug",
	    "Twaalf jaar clean. Mijn agenda zit op dit moment vol.",
	    "Utrecht", B(PL_NL), B(PS_OPIOIDS), B(0) | B(2), PEER_TIME_DAY, PG_MAN, PAGE_60_UP,
	    false, false},
};
#define NPROFILES (sizeof(profiles) / sizeof(profiles[0]))

struct load {
	struct arena a;
	struct peer_profile ps[NPROFILES];
	const struct grant *g;
	struct peer_pref pref;
	const char *member_id;
	struct coaching_note notes[2];
	int64_t now;
};

static int
load_fn(struct store_tx *tx, void *arg)
{
	struct load *w = arg;
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < NPROFILES; i++)
		rc = store_tx_peer_profile_save(tx, &w->ps[i], w->now);
	if (rc == 0)
		rc = store_tx_peer_pref_set(tx, w->g, &w->pref, w->now);
	for (i = 0; rc == 0 && w->member_id != NULL && i < 2; i++)
		rc = store_tx_coaching_add(tx, w->g, w->member_id, &w->notes[i]);
	return rc ? rc : store_tx_meta_set(tx, "demo_peers", "1");
}

static void
day_before(int64_t now, int days, char out[11])
{
	char iso[32];

	clock_format_datetime(now - days * DAY_US, iso);
	memcpy(out, iso, 10);
	out[10] = '\0';
}

int
demo_peers(struct store *s, const struct demo_org_ids *orgs, const char *mette, int64_t now)
{
	static struct load w;
	struct network_member *net;
	const char *have, *jonas = NULL, *broen;
	char key[USERNAME_MAX + 1];
	size_t i, n = 0;
	int rc;

	memset(&w, 0, sizeof(w));
	w.now = now;
	rc = store_meta_get(s, &w.a, "demo_peers", &have);
	store_request_end(s);
	if (rc != ERR_NOT_FOUND)
		goto out;
	rc = 0;
	for (i = 0; rc == 0 && i < NPROFILES; i++) {
		struct user u;
		char *id = arena_alloc(&w.a, ID_LEN + 1);

		username_key(profiles[i].username, key);
		if ((rc = store_user_by_username(s, &w.a, key, &u)) != 0)
			break;
		id_new(id);
		w.ps[i] = (struct peer_profile){.id = id, .user_id = u.id,
			.org_id = demo_org_by_name(orgs, profiles[i].org), .story = profiles[i].story,
			.langs = profiles[i].langs, .substances = profiles[i].substances,
			.gender = profiles[i].gender, .age = profiles[i].age, .areas = profiles[i].areas,
			.days = profiles[i].days, .times = profiles[i].times,
			.taking_new = profiles[i].taking_new, .video = profiles[i].video};
		if (i == 0)
			jonas = u.id;
		if (w.ps[i].org_id == NULL)
			rc = ERR_NOT_FOUND;
	}
	/* Mette: Danish, in København, on weekdays; video is fine; the
	 * substance she keeps to herself. */
	w.g = door_command_line(&w.a, mette);
	w.pref = (struct peer_pref){.person_id = mette, .langs = B(PL_DA), .gender = PG_NONE,
		.age = PAGE_NONE, .substance = -1, .area = "København", .days = MON_FRI,
		.video = true, .set = true};
	broen = demo_org_by_name(orgs, "Recovery-fællesskabet Broen");
	if (rc == 0)
		rc = store_network(s, &w.a, w.g, &net, &n);
	store_request_end(s);
	for (i = 0; rc == 0 && i < n; i++)
		if (net[i].user_id != NULL && jonas != NULL && strcmp(net[i].user_id, jonas) == 0 &&
		    net[i].org_id != NULL && broen != NULL && strcmp(net[i].org_id, broen) == 0 &&
		    net[i].role == NET_PEER_WORKER && net[i].until_date == NULL)
			w.member_id = net[i].id;
	for (i = 0; i < 2; i++) {
		char *id = arena_alloc(&w.a, ID_LEN + 1);

		id_new(id);
		w.notes[i].person_id = mette;
		w.notes[i].id = id;
		w.notes[i].author_id = jonas;
		w.notes[i].org_id = broen;
		day_before(now, i == 0 ? 16 : 2, w.notes[i].day);
		w.notes[i].created_us = now - (i == 0 ? 16 : 2) * DAY_US;
	}
	w.notes[0].minutes = 60;
	w.notes[0].text = "Vi gik en tur langs Søerne og talte om de første uger uden alkohol. "
	    "Mette fortalte, at aftenerne er sværest. Vi lavede en liste over, hvad hun kan gøre "
	    "kl. 20, når trangen kommer.";
	w.notes[1].minutes = 45;
	w.notes[1].text = "Kaffe på Østerbro. Listen har virket tre aftener ud af fem. Mette vil "
	    "gerne prøve fællesskabet i Broen på torsdag, og jeg følger hende derhen.";
	if (rc == 0)
		rc = store_write(s, load_fn, &w);
out:
	arena_free(&w.a);
	return rc;
}
