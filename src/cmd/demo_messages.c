/* The demo's messages (rosc demo): Mette and Karin, her coordinator at
 * Østerbro, write about Mette's first weeks back in the kitchen (Danish;
 * Karin's last message not read by Mette yet); Jan and Daan, his
 * coordinator at De Brug, about the group and a new appointment (Dutch).
 * Loaded once, under meta "demo_messages". */
#include "cmd/demo.h"

#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/id.h"
#include "core/account.h"
#include "core/message.h"
#include "core/person.h"
#include "store/accounts.h"
#include "store/messages.h"
#include "store/network.h"
#include "store/store.h"

#define HOUR_US (INT64_C(3600) * 1000000)

/* Who writes (0: the person, 1: the coordinator), hours ago, the words. */
struct demo_msg {
	int from, ago;
	const char *text;
};

static const struct demo_msg mette_karin[] = {
	{1, 75, "Hej Mette. Hvordan gik det med den første uge i køkkenet? Skriv endelig, "
	    "hvis der er noget, vi skal tale om på torsdag."},
	{0, 50, "Hej Karin. Det gik bedre end jeg troede. Jeg er træt om aftenen, men "
	    "kollegerne er søde. Kan vi tale om mine vagter på torsdag?"},
	{1, 6, "Det er godt at høre! Ja, vi tager vagterne på torsdag kl. 10. Tag gerne "
	    "din vagtplan med."},
};

static const struct demo_msg jan_daan[] = {
	{0, 96, "Hoi Daan, ik wil graag ook op dinsdag naar de groep. Kan dat?"},
	{1, 70, "Hoi Jan, dat kan zeker. De groep begint om 19.00 uur. Zal ik je "
	    "aanmelden?"},
	{0, 26, "Ja graag. Dank je wel!"},
};

struct thread_load {
	const char *person, *person_user, *member_user, *member_org, *member_id;
	const char *subject;
	const struct demo_msg *m;
	size_t n;
};

struct load {
	struct arena a;
	struct thread_load t[2];
	int64_t now;
};

static int
add_thread(struct store_tx *tx, struct load *w, const struct thread_load *x)
{
	const struct grant *g = door_command_line(&w->a, x->person);
	struct msg_participant p[2];
	struct msg_thread t;
	struct message m;
	char *tid = arena_alloc(&w->a, ID_LEN + 1);
	size_t i;
	int rc = 0;

	id_new(tid);
	memset(&t, 0, sizeof(t));
	t.person_id = x->person;
	t.id = tid;
	t.subject = x->subject;
	t.started_by = x->m[0].from == 0 ? x->person_user : x->member_user;
	t.created_us = w->now - x->m[0].ago * HOUR_US;
	memset(p, 0, sizeof(p));
	p[0].user_id = x->person_user;
	p[1].user_id = x->member_user;
	p[1].member_id = x->member_id;
	for (i = 0; rc == 0 && i < x->n; i++) {
		char *mid = arena_alloc(&w->a, ID_LEN + 1);

		id_new(mid);
		memset(&m, 0, sizeof(m));
		m.person_id = x->person;
		m.thread_id = tid;
		m.id = mid;
		m.author_id = x->m[i].from == 0 ? x->person_user : x->member_user;
		m.author_org_id = x->m[i].from == 0 ? NULL : x->member_org;
		m.body = x->m[i].text;
		m.created_us = w->now - x->m[i].ago * HOUR_US;
		if (i == 0) {
			m.seq = 1;
			rc = store_tx_msg_thread_create(tx, g, &t, p, 2, &m);
		} else {
			rc = store_tx_msg_reply(tx, g, &m);
		}
	}
	return rc;
}

static int
load_messages(struct store_tx *tx, void *arg)
{
	struct load *w = arg;
	int rc;

	if ((rc = add_thread(tx, w, &w->t[0])) != 0 || (rc = add_thread(tx, w, &w->t[1])) != 0)
		return rc;
	return store_tx_meta_set(tx, "demo_messages", "1");
}

static const char *
user(struct store *s, struct arena *a, const char *name)
{
	char key[USERNAME_MAX + 1];
	struct user u;

	username_key(name, key);
	return store_user_by_username(s, a, key, &u) == 0 ? u.id : NULL;
}

/* The network row through which the member user takes part. */
static int
member_of(struct store *s, struct arena *a, struct thread_load *x)
{
	struct network_member *m;
	size_t n = 0, i;
	int rc;

	if ((rc = store_network(s, a, door_command_line(a, x->person), &m, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (m[i].user_id != NULL && strcmp(m[i].user_id, x->member_user) == 0 &&
		    m[i].until_date == NULL) {
			x->member_id = m[i].id;
			x->member_org = m[i].org_id;
			return 0;
		}
	return ERR_NOT_FOUND;
}

int
demo_messages(struct store *s, const char *const person_ids[DEMO_PERSONS], int64_t now)
{
	static struct load w;
	const char *have;
	int rc;

	memset(&w, 0, sizeof(w));
	rc = store_meta_get(s, &w.a, "demo_messages", &have);
	store_request_end(s);
	if (rc != ERR_NOT_FOUND)
		goto out;
	w.now = now;
	w.t[0] = (struct thread_load){.person = person_ids[DEMO_METTE],
	    .person_user = user(s, &w.a, "mette"), .member_user = user(s, &w.a, "karin"),
	    .subject = "Min første uge i køkkenet", .m = mette_karin,
	    .n = sizeof(mette_karin) / sizeof(mette_karin[0])};
	w.t[1] = (struct thread_load){.person = person_ids[DEMO_JAN],
	    .person_user = user(s, &w.a, "jan"), .member_user = user(s, &w.a, "daan"),
	    .subject = "De groep op dinsdag", .m = jan_daan,
	    .n = sizeof(jan_daan) / sizeof(jan_daan[0])};
	rc = ERR_NOT_FOUND;
	if (w.t[0].person_user != NULL && w.t[0].member_user != NULL &&
	    w.t[1].person_user != NULL && w.t[1].member_user != NULL &&
	    (rc = member_of(s, &w.a, &w.t[0])) == 0 && (rc = member_of(s, &w.a, &w.t[1])) == 0) {
		store_request_end(s);
		rc = store_write(s, load_messages, &w);
	}
	store_request_end(s);
out:
	arena_free(&w.a);
	return rc;
}
