/* The demo's outcome cohort (rosc demo): enough people for the programme
 * outcome reports (/reports) to show their figures. Socialforvaltningen
 * Østerbro and Herstelhuis De Brug each serve 36 people, known here by a
 * first name and an initial, over the last two years: each has a place
 * in the network for the organisation (no staff member's own place, so
 * nobody's caseload grows), the organisation's alcohol pathway, recovery
 * check-ups in aftercare, the BARC-10 and WHO-5 at the start and about
 * six and twelve months on, check-ins every other week with a few lapses
 * and the early warnings they raised for the coordinator (given to the
 * coordinator's account, which the door still keeps from these people's
 * records), goals in housing, work, family and finances, and referrals to
 * services listed in the directory (not run in rosc, so no organisation's
 * inbox changes).
 *
 * Every date counts back from now, and the groups are laid out so that
 * the default period (the twelve months up to this one) holds at least
 * five people in most figures whatever the day of the month: those who
 * began in the last 330 days are new in it, those who began 13 to 20
 * months ago are continuing. A few figures stay hidden, as they should:
 * retention at 12 months and scores at 24 (nobody that far along within
 * the period), and the rarer referral outcomes with the next smallest
 * beside them.
 *
 * The rows go in through the store's bulk loads, in one write: nothing
 * here is a person's own action, so no job is queued (no early-warning
 * check or reminder runs later on these rows). Missed check-ups and
 * lapses carry the flag the rules would have raised for them. Scores are
 * worked out from the answers by the questionnaire's own scoring.
 * Loaded once, under meta "demo_outcomes", after the directory. */
#include "cmd/demo.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "cmd/commands.h"
#include "core/account.h"
#include "core/checkin.h"
#include "core/jsonread.h"
#include "core/outcome.h"
#include "core/pathway.h"
#include "core/person.h"
#include "core/plan.h"
#include "core/q_response.h"
#include "core/referral.h"
#include "core/warning.h"
#include "store/accounts.h"
#include "store/load.h"
#include "store/pathways.h"
#include "store/store.h"
#include "store/warnings.h"
#include "view/responses.h"

#define DAY_US (INT64_C(86400) * 1000000)
#define MIN_US (INT64_C(60) * 1000000)

#define PEOPLE 36
#define CONTINUING 10            /* people 0..9 began 13 to 20 months ago */
#define CLUSTER 6                /* people 10..15 began 10 to 11 months ago */
#define GOALS_EACH 2
#define CHECKUPS_EACH 8
#define CHECKIN_EVERY 14         /* days */

/* One organisation's cohort. */
struct site {
	const char *org, *coord, *zone, *lang, *template_code;
	const char *names[PEOPLE];
	const char *services[OC_DOMAINS];        /* by oc_domains[] */
	const char *goals[OC_DOMAINS][2];
	const char *reasons[OC_DOMAINS];
};

static const struct site sites[] = {
	{"Socialforvaltningen Østerbro", "karin", "Europe/Copenhagen", "da",
	    "dk-alcohol-outpatient",
	    {"Mikkel S.", "Hanne P.", "Bjarne T.", "Lone K.", "Torben A.", "Susanne M.",
		"Kim H.", "Dorthe L.", "Allan J.", "Pia R.", "Jesper B.", "Tina V.",
		"Morten D.", "Rikke N.", "Brian F.", "Helle G.", "Claus W.", "Anja E.",
		"Thomas Ø.", "Maja C.", "Per K.", "Gitte S.", "Kenneth L.", "Malene H.",
		"Ole B.", "Charlotte A.", "Henning T.", "Signe J.", "Poul M.", "Stine R.",
		"Flemming D.", "Nanna F.", "Bo Å.", "Lene G.", "Steen P.", "Karina E."},
	    {"demo-svc-lysningen", "demo-svc-vuc", "demo-svc-foraeldre-kursus",
		"demo-svc-gaeld"},
	    {{"Finde en lejlighed", "Beholde min lejlighed"},
		{"Tage 9. klasses dansk", "Komme i praktik"},
		{"Se mine børn hver anden weekend", "Genoptage kontakten med min søster"},
		{"Lave et budget, jeg kan holde", "Få en aftale om min gæld"}},
	    {"Brug for et sted at bo med støtte", "Vil gerne i gang med uddannelse",
		"Ønsker hjælp til samvær og forældrerolle", "Gæld, der skal have en plan"}},
	{"Herstelhuis De Brug", "daan", "Europe/Amsterdam", "nl", "nl-alcohol-care-standard",
	    {"Mark V.", "Ingrid B.", "Kees D.", "Petra S.", "Rob J.", "Marieke H.",
		"Erik W.", "Annemiek K.", "Dennis M.", "Yvonne P.", "Sander L.", "Linda G.",
		"Bart T.", "Esther R.", "Wouter A.", "Miranda O.", "Jeroen N.", "Sandra C.",
		"Patrick E.", "Monique F.", "Rick Z.", "Judith I.", "Stefan U.", "Wendy Y.",
		"Arjen Q.", "Karin X.", "Mohamed B.", "Fatima E.", "Hans K.", "Liesbeth M.",
		"Ronald S.", "Nicole D.", "Gerrit V.", "Ilse T.", "Tim H.", "Marloes W."},
	    {"demo-svc-wijkteam-wonen", "demo-svc-werkplein", "demo-svc-wijkteam",
		"demo-svc-schuldhulp"},
	    {{"Een eigen woning vinden", "Mijn huur op tijd betalen"},
		{"Een opleiding beginnen", "Vrijwilligerswerk vinden"},
		{"Mijn kinderen weer geregeld zien", "Het contact met mijn moeder herstellen"},
		{"Een budgetplan maken", "Een regeling voor mijn schulden"}},
	    {"Zoekt een woonplek met begeleiding", "Wil weer aan het werk of leren",
		"Hulp bij contact met de kinderen", "Schulden die een plan nodig hebben"}},
};
#define NSITES (sizeof(sites) / sizeof(sites[0]))

/* The rows, one table at a time (a PostgreSQL connection has one COPY),
 * parents before children. */
enum tab {
	T_PERSON, T_MEMBER, T_GOAL, T_REFERRAL, T_EVENT, T_PATHWAY, T_PHASE, T_FLAG,
	T_CHECKIN, T_RESPONSE, T_ANSWER, T_CUPLAN, T_CHECKUP, T_COUNT
};

static const char *const person_cols[] = {"id", "display_name", "name_key", "name_sort",
	"lang", "time_zone", "home_org_id", "created_us", "updated_us", "version"};
static const char *const member_cols[] = {"person_id", "id", "org_id", "role", "from_date",
	"until_date", "created_us"};
static const char *const goal_cols[] = {"person_id", "id", "domain", "title", "text_lang",
	"status", "reached_us", "version", "created_us", "created_by", "updated_us",
	"updated_by"};
static const char *const referral_cols[] = {"person_id", "id", "service_id", "goal_id",
	"reason", "reason_lang", "status", "status_us", "status_by", "sent_us", "proposed_by",
	"proposed_by_org", "created_us", "version"};
static const char *const event_cols[] = {"person_id", "referral_id", "seq", "from_status",
	"to_status", "at_us", "by_user", "by_org"};
static const char *const pathway_cols[] = {"person_id", "id", "template_id", "org_id",
	"status", "time_zone", "first_contact", "start_due", "started", "phase", "phase_due",
	"offered_us", "offered_by", "agreed_us", "agreed_by", "ended_us", "version"};
static const char *const phase_cols[] = {"person_id", "pathway_id", "seq", "ord", "code",
	"expected_days", "status", "started", "ended"};
static const char *const flag_cols[] = {"person_id", "id", "rule_code", "kind", "category",
	"rule", "evidence_us", "value", "about_id", "raised_us", "due_us", "assigned_user_id",
	"assigned_org_id", "resolved_us", "resolved_by", "resolution"};
static const char *const checkin_cols[] = {"person_id", "id", "day", "at_us", "mood",
	"craving", "use_since", "sleep", "supported", "created_by"};
static const char *const response_cols[] = {"person_id", "id", "questionnaire_id", "code",
	"day", "given_us", "scored", "score", "zone", "answered", "missing", "source",
	"created_by"};
static const char *const answer_cols[] = {"person_id", "response_id", "item_id", "value"};
static const char *const cuplan_cols[] = {"person_id", "id", "starts_on", "time_zone",
	"pathway_id", "created_by", "created_us", "stopped_us", "stopped_by"};
static const char *const checkup_cols[] = {"person_id", "id", "plan_id", "seq", "due_on",
	"due_us", "status", "status_us", "reminded_us", "done_us", "done_by"};

#define TAB(name, cols) {name, cols, (int)(sizeof(cols) / sizeof(cols[0]))}
static const struct {
	const char *name;
	const char *const *cols;
	int ncols;
} tabs[T_COUNT] = {
	TAB("person", person_cols), TAB("network_member", member_cols), TAB("goal", goal_cols),
	TAB("referral", referral_cols), TAB("referral_event", event_cols),
	TAB("pathway", pathway_cols), TAB("pathway_phase", phase_cols),
	TAB("warning_flag", flag_cols), TAB("checkin", checkin_cols),
	TAB("questionnaire_response", response_cols), TAB("questionnaire_answer", answer_cols),
	TAB("checkup_plan", cuplan_cols), TAB("checkup", checkup_cols),
};

/* Rows kept until the write: ncols values each. */
struct rows {
	const char **v;
	size_t n, cap;
};

struct load {
	struct arena a;
	int64_t now;
	struct rows rows[T_COUNT];
	/* Of the site being made. */
	const struct site *site;
	const char *org_id, *coord_id;
	int32_t today;               /* day number of today where the site is */
	struct pathway_template_row tpl;
	struct pw_template t;
	struct q_version who5, barc;
	const char *use_rule, *missed_rule;   /* the rules as flags keep them */
	int use_due, missed_due;              /* their working days to follow up */
	uint64_t rng;
};

/* A fresh row of table t: its values, all NULL. */
static const char **
row(struct load *w, enum tab t)
{
	struct rows *r = &w->rows[t];
	size_t k = (size_t)tabs[t].ncols;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		const char **v = arena_alloc(&w->a, cap * k * sizeof(*v));

		if (r->n > 0)
			memcpy(v, r->v, r->n * k * sizeof(*v));
		r->v = v;
		r->cap = cap;
	}
	memset(&r->v[r->n * k], 0, k * sizeof(*r->v));
	return &r->v[r->n++ * k];
}

static const char *
num(struct load *w, int64_t x)
{
	return arena_printf(&w->a, "%" PRId64, x);
}

static const char *
new_id(struct load *w)
{
	char *id = arena_alloc(&w->a, ID_LEN + 1);

	id_new(id);
	return id;
}

/* Small deterministic numbers (splitmix64): the same cohort every time. */
static uint64_t
next(struct load *w)
{
	uint64_t z = (w->rng += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* lo..hi, both included. */
static int
pick(struct load *w, int lo, int hi)
{
	return lo + (int)(next(w) % (uint64_t)(hi - lo + 1));
}

static int
clamp(int x, int lo, int hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* The date so many days ago where the site is. */
static const char *
date_ago(struct load *w, int days)
{
	char *d = arena_alloc(&w->a, 11);

	clock_day_date(w->today - days, d);
	return d;
}

/* The instant so many days ago (< 0: from now) at a local time
 * ("HH:MM"). */
static int64_t
at_day(struct load *w, int days, const char *hm)
{
	char d[11];
	int64_t us;

	clock_day_date(w->today - days, d);
	if (timefmt_local_to_us(d, hm, w->site->zone, 0, &us) != 0)
		us = w->now - (int64_t)days * DAY_US;
	return us;
}

/* The same, never later than now. */
static int64_t
at_ago(struct load *w, int days, const char *hm)
{
	int64_t us = at_day(w, days, hm);

	return us < w->now ? us : w->now - MIN_US;
}

/* The local day of an instant. */
static const char *
day_of(struct load *w, int64_t us)
{
	char *d = arena_alloc(&w->a, 11), hm[6];

	if (!timefmt_local_fields(us, w->site->zone, d, hm))
		clock_day_date(w->today, d);
	return d;
}

/* When a flag raised at `raised` is due: working days later, same time. */
static int64_t
due_after(struct load *w, int64_t raised, int working_days)
{
	char d[11], hm[6], due[11];
	int64_t us;

	if (!timefmt_local_fields(raised, w->site->zone, d, hm))
		return raised + (int64_t)working_days * DAY_US;
	warn_add_working_days(d, working_days, due);
	if (timefmt_local_to_us(due, hm, w->site->zone, 0, &us) != 0)
		return raised + (int64_t)working_days * DAY_US;
	return us;
}

/* One person's time in the organisation's care, in days before today. */
struct course {
	const char *id;
	int start, end;              /* end < 0: still in care */
	int delay;                   /* first contact to treatment; < 0: never started */
	int aftercare;               /* days ago aftercare began; < 0: not reached */
	const char *pathway_id;
};

/* Who begins when, who leaves, who starts late (see the comment at the
 * top): fixed by the index, so every figure has its five. */
static void
course_of(struct load *w, int i, struct course *c)
{
	/* Early leavers go within three months, later ones within six. */
	static const int early[] = {12, 17, 20, 23, 26, 29, 32};
	static const int later[] = {22, 31, 34};
	static const int late[] = {11, 18, 21, 25, 28, 33};
	size_t k;

	c->end = -1;
	if (i < CONTINUING) {
		c->start = 400 + 21 * i + pick(w, 0, 6);
		if (i == 0)
			c->end = 120;
		else if (i == 5)
			c->end = 210;
		else if (i == 2)
			c->end = 375;           /* gone before the period: not served */
	} else if (i < CONTINUING + CLUSTER) {
		c->start = 314 + 3 * (i - CONTINUING);
	} else {
		c->start = 64 + 12 * (i - CONTINUING - CLUSTER) + pick(w, 0, 3);
	}
	for (k = 0; k < sizeof(early) / sizeof(early[0]); k++)
		if (early[k] == i)
			c->end = c->start - pick(w, 35, i == 17 ? 60 : 80);
	for (k = 0; k < sizeof(later) / sizeof(later[0]); k++)
		if (later[k] == i)
			c->end = c->start - pick(w, 110, 165);
	c->delay = pick(w, 3, 12);
	for (k = 0; k < sizeof(late) / sizeof(late[0]); k++)
		if (late[k] == i)
			c->delay = pick(w, 17, 35);
	if (i == 17)
		c->delay = -1;              /* left before treatment began */
}

static void
person(struct load *w, int i, struct course *c)
{
	const char **v = row(w, T_PERSON);
	int64_t made = at_ago(w, c->start, "09:30");

	c->id = new_id(w);
	v[0] = c->id;
	v[1] = w->site->names[i];
	v[2] = person_name_key(&w->a, v[1]);
	v[3] = person_name_sort(&w->a, v[1]);
	v[4] = w->site->lang;
	v[5] = w->site->zone;
	v[6] = w->org_id;
	v[7] = v[8] = num(w, made);
	v[9] = "1";
	v = row(w, T_MEMBER);
	v[0] = c->id;
	v[1] = new_id(w);
	v[2] = w->org_id;
	v[3] = "coordinator";
	v[4] = date_ago(w, c->start);
	v[5] = c->end >= 0 ? date_ago(w, c->end) : NULL;
	v[6] = num(w, made);
}

/* The pathway from first contact (the day the place began), phase by
 * phase as the template expects them: finished, stopped when the person
 * left, or under way. */
static void
pathway(struct load *w, struct course *c)
{
	const char **v = row(w, T_PATHWAY), *status = "running";
	int day, j, cur = -1, n = (int)w->t.nphases;
	int64_t offered = at_ago(w, c->start, "10:00");

	c->pathway_id = new_id(w);
	c->aftercare = -1;
	v[0] = c->id;
	v[1] = c->pathway_id;
	v[2] = w->tpl.id;
	v[3] = w->org_id;
	v[5] = w->site->zone;
	v[6] = date_ago(w, c->start);
	if (w->t.start_within_days > 0)
		v[7] = date_ago(w, c->start - w->t.start_within_days);
	v[11] = num(w, offered);
	v[12] = w->coord_id;
	v[16] = "1";
	if (c->delay < 0) {
		status = "stopped";
		v[15] = num(w, at_ago(w, c->end, "14:00"));
	} else {
		v[8] = date_ago(w, c->start - c->delay);
		v[13] = num(w, offered + 30 * MIN_US);
		v[14] = w->coord_id;
	}
	/* Each phase from the day the last ended; the first ends when
	 * treatment starts. */
	day = c->start;
	for (j = 0; j < n; j++) {
		const char **p = row(w, T_PHASE);
		int len = j == 0 ? (c->delay < 0 ? c->start - c->end : c->delay) :
		    w->t.phases[j].expected_days + pick(w, -3, 5);
		int stop = day - len;

		p[0] = c->id;
		p[1] = c->pathway_id;
		p[2] = p[3] = num(w, j);
		p[4] = w->t.phases[j].code;
		p[5] = num(w, w->t.phases[j].expected_days);
		if (cur >= 0 || (c->end >= 0 && day < c->end) || day <= 0) {
			p[6] = "waiting";
			continue;
		}
		p[7] = date_ago(w, day);
		if (j == n - 1 && c->aftercare < 0 && day > 0)
			c->aftercare = day;
		if (stop > 0 && (c->end < 0 || stop >= c->end) && c->delay >= 0) {
			p[6] = "done";
			p[8] = date_ago(w, stop);
			day = stop;
			continue;
		}
		p[6] = "current";
		cur = j;
		if (c->end < 0) {
			v[9] = num(w, j);
			v[10] = date_ago(w, day - w->t.phases[j].expected_days);
		}
	}
	if (c->delay >= 0 && cur < 0) {
		status = "finished";
		v[15] = num(w, at_ago(w, day, "14:00"));
	} else if (c->delay >= 0 && c->end >= 0) {
		status = "stopped";
		v[15] = num(w, at_ago(w, c->end, "14:00"));
	}
	v[4] = status;
	if (c->end >= 0 && c->aftercare >= 0 && c->aftercare <= c->end)
		c->aftercare = -1;
}

/* A flag the rules would have raised, followed up after `days` (< 0:
 * open). */
static void
flag(struct load *w, const struct course *c, enum warn_kind kind, const char *rule,
    const char *rule_json, int working_days, int64_t evidence, int value, const char *about,
    int64_t raised, int days, const char *resolution)
{
	const char **v = row(w, T_FLAG);
	int64_t done = raised + (int64_t)days * DAY_US + 3 * 3600 * INT64_C(1000000);

	v[0] = c->id;
	v[1] = new_id(w);
	v[2] = rule;
	v[3] = warn_kind_code(kind);
	v[4] = category_code(warn_kind_category(kind));
	v[5] = rule_json;
	v[6] = num(w, evidence);
	v[7] = num(w, value);
	v[8] = about;
	v[9] = num(w, raised);
	v[10] = num(w, due_after(w, raised, working_days));
	v[11] = w->coord_id;
	v[12] = w->org_id;
	if (days >= 0 && done < w->now) {
		v[13] = num(w, done);
		v[14] = w->coord_id;
		v[15] = resolution;
	}
}

/* One check-in, in the evening. */
static const char *
checkin(struct load *w, const struct course *c, int ago, enum checkin_use use, int64_t *at)
{
	const char **v = row(w, T_CHECKIN);
	int64_t us = at_ago(w, ago, use == CU_NONE ? "20:15" : "21:40");

	v[0] = c->id;
	v[1] = new_id(w);
	v[2] = day_of(w, us);
	v[3] = num(w, us);
	v[4] = num(w, use == CU_NONE ? pick(w, 3, 5) : pick(w, 1, 3));
	v[5] = num(w, use == CU_NONE ? pick(w, 0, 4) : pick(w, 5, 9));
	v[6] = checkin_use_code(use);
	v[7] = num(w, pick(w, 2, 5));
	v[8] = num(w, pick(w, 2, 5));
	v[9] = w->coord_id;         /* entered with the coordinator */
	if (at != NULL)
		*at = us;
	return v[1];
}

/* Check-ins every other week in care over the last year; one or two
 * lapses, each with a check-in without use a few days after (for some,
 * two weeks or more, without checking in between) and the warning it
 * raised; except those who left after a lapse and did not come back.
 * Five people or so lapsed in the last few days, their warning not yet
 * followed up; every older one has been.
 * (Every other week keeps the demo quick to load: a check-in row costs
 * the most of any here.) */
static void
checkins(struct load *w, int i, const struct course *c)
{
	int first = c->start < 360 ? c->start - 2 : 358, last = c->end >= 0 ? c->end : 0;
	int lapse1 = first - pick(w, 20, 60), lapse2 = i % 3 == 0 ? first - pick(w, 120, 200) : -1;
	bool gone = i >= CONTINUING && c->end > 0 && c->start - c->end <= 80;
	bool recent = c->end < 0 && i % 3 == 1 && i > CONTINUING;
	int d, quiet = -1;

	if (lapse1 < last + 12)
		lapse1 = -1;
	if (lapse2 < last + 12)
		lapse2 = -1;
	for (d = first; d > last; d -= CHECKIN_EVERY) {
		bool lapse = gone ? d - CHECKIN_EVERY <= last : (lapse1 >= 0 && d <= lapse1 &&
		    d + CHECKIN_EVERY > lapse1) || (lapse2 >= 0 && d <= lapse2 &&
		    d + CHECKIN_EVERY > lapse2);
		enum checkin_use use = next(w) % 4 == 0 ? CU_LOT : CU_LITTLE;
		int64_t at;
		const char *id;
		int back;

		if (quiet >= 0 && d >= quiet)
			continue;           /* not checking in for a while */
		if (recent && d - CHECKIN_EVERY <= last) {
			/* The last one, or one more a few days later: use, and
			 * the warning not followed up yet. */
			int ago = d > 1 ? pick(w, 1, d - 1 < 4 ? d - 1 : 4) : 1;

			if (d > 1)
				checkin(w, c, d, CU_NONE, NULL);
			id = checkin(w, c, ago, use, &at);
			flag(w, c, WK_USE_REPORTED, "use-reported", w->use_rule, w->use_due, at,
			    use == CU_LOT ? 2 : 1, id, at + 20 * MIN_US, -1, NULL);
			break;
		}
		if (!lapse || d < 12) {
			checkin(w, c, d, CU_NONE, NULL);
			continue;
		}
		id = checkin(w, c, d, use, &at);
		if (gone) {
			flag(w, c, WK_USE_REPORTED, "use-reported", w->use_rule, w->use_due, at,
			    use == CU_LOT ? 2 : 1, id, at + 20 * MIN_US, pick(w, 3, 9), "tried");
			break;
		}
		/* Back to no use within days, sometimes weeks. */
		back = i % 7 == 3 ? pick(w, 9, 17) : pick(w, 1, 4);
		if (d - back > last) {
			checkin(w, c, d - back, CU_NONE, NULL);
			quiet = d - back;       /* no check-in in between */
		}
		flag(w, c, WK_USE_REPORTED, "use-reported", w->use_rule, w->use_due, at,
		    use == CU_LOT ? 2 : 1, id, at + 20 * MIN_US, i % 5 == 4 ? pick(w, 4, 8) :
		    pick(w, 0, 1), "reached");
	}
}

/* A questionnaire given in a conversation so many days ago, scoring near
 * target (BARC-10: 10 to 60; WHO-5: the raw sum 0 to 25). */
static int
respond(struct load *w, const struct course *c, const struct q_version *q, int ago,
    int target)
{
	struct q_answer *xs = arena_alloc(&w->a, q->d.nitems * sizeof(*xs));
	struct q_response x;
	size_t k, n = q->d.nitems;
	int base, extra, lo = strcmp(q->d.code, "barc-10") == 0 ? 1 : 0;
	const char **v;

	target -= lo * (int)n;
	base = target / (int)n;
	extra = target % (int)n;
	for (k = 0; k < n; k++) {
		xs[k].item = q->d.items[k].id;
		xs[k].value = lo + base + ((int)k < extra ? 1 : 0);
	}
	view_response_new(&w->a, q, c->id, w->site->zone, QR_STAFF, w->coord_id, xs, n,
	    at_ago(w, ago, "11:00"), &x);
	if (!x.scored)
		return ERR_INVALID;
	v = row(w, T_RESPONSE);
	v[0] = c->id;
	v[1] = x.id;
	v[2] = x.questionnaire_id;
	v[3] = x.code;
	v[4] = x.day;
	v[5] = num(w, x.given_us);
	v[6] = "1";
	v[7] = num(w, x.score);
	v[8] = x.zone;
	v[9] = num(w, x.answered);
	v[10] = num(w, x.missing);
	v[11] = qr_source_code(x.source);
	v[12] = x.created_by;
	for (k = 0; k < n; k++) {
		v = row(w, T_ANSWER);
		v[0] = c->id;
		v[1] = x.id;
		v[2] = xs[k].item;
		v[3] = num(w, xs[k].value);
	}
	return 0;
}

/* BARC-10 and WHO-5 at the start, then about every six months in care;
 * those who began 10 to 11 months ago had their twelve-month
 * conversation a little early, so it falls before today. At the start
 * nobody is at the cut-offs (BARC-10 47, WHO-5 above 50). Of those with
 * a six-month answer in the period, half have passed them by then (a
 * clear rise in well-being too) and half have moved a little: the
 * earlier group passes them by twelve months. Those who have been in
 * care longer vary, a few losing ground. Each share then rests on five
 * people or more on either side. */
static int
questionnaires(struct load *w, int i, const struct course *c)
{
	static const int strong[] = {27, 28, 30, 33, 35};
	int first = c->start - 1, barc = 28 + pick(w, 0, 12), who0 = 5 + pick(w, 0, 6);
	int who = who0, t, rc;
	bool early = i >= CONTINUING && i < CONTINUING + CLUSTER, fast = false;
	/* Some gain much, some little, a few lose ground. */
	int gain = i % 6 == 1 ? -2 : i % 3 == 0 ? 4 : 2;
	size_t k;

	for (k = 0; k < sizeof(strong) / sizeof(strong[0]); k++)
		fast = fast || strong[k] == i;
	if ((rc = respond(w, c, &w->barc, first, barc)) != 0 ||
	    (rc = respond(w, c, &w->who5, first, who)) != 0)
		return rc;
	for (t = 1; t <= 4; t++) {
		int ago = first - 182 * t + (i < CONTINUING ? pick(w, -10, 10) : 0);

		if (t == 2 && early)
			ago = first - 310;
		if (ago < 1 || (c->end >= 0 && ago < c->end))
			break;
		if ((early && t == 2) || (fast && t == 1)) {
			barc = OC_BARC10_GOOD + pick(w, 0, 7);
			who = (who0 + 3 > 13 ? who0 + 3 : 13) + pick(w, 0, 3);
		} else if (early && t == 1) {
			barc = clamp(barc + pick(w, 2, 5), 10, OC_BARC10_GOOD - 1);
			who = clamp(who + pick(w, 1, 2), 0, 12);
		} else {
			barc = clamp(barc + gain * 2 + pick(w, -1, 4), 10, 60);
			who = clamp(who + gain + pick(w, -1, 2), 0, 25);
		}
		if ((rc = respond(w, c, &w->barc, ago, barc)) != 0 ||
		    (rc = respond(w, c, &w->who5, ago, who)) != 0)
			return rc;
	}
	return 0;
}

/* Check-ups every three months from the start of aftercare, with the
 * coordinator: most held, some missed (then reminded, and flagged a
 * week later), the rest due; a plan ends when the person leaves. None is
 * missed in the last ten weeks, so nothing waits for the early-warning
 * sweep. */
static void
checkups(struct load *w, int i, const struct course *c)
{
	const char **v = row(w, T_CUPLAN), *plan = new_id(w);
	int64_t made = at_ago(w, c->aftercare, "13:00");
	int k;

	v[0] = c->id;
	v[1] = plan;
	v[2] = date_ago(w, c->aftercare);
	v[3] = w->site->zone;
	v[4] = c->pathway_id;
	v[5] = w->coord_id;
	v[6] = num(w, made);
	if (c->end >= 0) {
		v[7] = num(w, at_ago(w, c->end, "14:00"));
		v[8] = w->coord_id;
	}
	for (k = 1; k <= CHECKUPS_EACH; k++) {
		const char **x = row(w, T_CHECKUP);
		/* One due today would be marked missed at once: tomorrow. */
		int ago = c->aftercare - 91 * k == 0 ? -1 : c->aftercare - 91 * k;
		int64_t due = at_day(w, ago, "10:00");
		bool missed = ago > 70 && (i * 3 + k) % 5 == 0;

		x[0] = c->id;
		x[1] = new_id(w);
		x[2] = plan;
		x[3] = num(w, k);
		x[4] = date_ago(w, ago);
		x[5] = num(w, due);
		if (c->end >= 0 && ago <= c->end) {
			x[6] = "cancelled";
			x[7] = num(w, at_ago(w, c->end, "14:00"));
		} else if (ago < 0) {
			x[6] = "due";
			x[7] = num(w, made);
		} else if (missed) {
			int64_t reminded = due + DAY_US;

			x[6] = "missed";
			x[7] = num(w, due + 2 * 3600 * INT64_C(1000000));
			x[8] = num(w, reminded);
			flag(w, c, WK_MISSED_CHECKUP, "checkup-missed", w->missed_rule, w->missed_due,
			    due, 7, x[1], reminded + 7 * DAY_US, pick(w, 1, 6), "reached");
		} else {
			int64_t held = due + 50 * MIN_US;

			x[6] = "done";
			x[7] = x[9] = num(w, held);
			x[10] = w->coord_id;
		}
	}
}

/* Two goals in the life domains of reintegration, set a few weeks into
 * care (or during the last year for those who were already there); some
 * reached, and a referral to a listed service for many, answered within
 * days or weeks. */
static void
goals(struct load *w, int i, const struct course *c)
{
	static const enum ref_status path[] = {RS_PROPOSED, RS_ACCEPTED, RS_SENT, RS_RECEIVED,
		RS_SCHEDULED};
	int k;

	for (k = 0; k < GOALS_EACH; k++) {
		int dom = (i + k * (1 + (i / OC_DOMAINS) % 3)) % OC_DOMAINS;
		int set = i < CONTINUING ? 40 + pick(w, 0, 280) : c->start - pick(w, 10, 30);
		int in_care = c->end >= 0 ? c->end : 0;
		const char **v, *gid = new_id(w);
		int64_t made;
		bool reached = set - 60 > in_care && (i * 7 + k * 3) % 9 < 4;

		if (set <= in_care + 5)
			continue;
		made = at_ago(w, set, "11:30");
		v = row(w, T_GOAL);
		v[0] = c->id;
		v[1] = gid;
		v[2] = domain_code(oc_domains[dom]);
		v[3] = w->site->goals[dom][(i / OC_DOMAINS + k) % 2];
		v[4] = w->site->lang;
		v[5] = reached ? "reached" : (i + k) % 7 == 5 ? "let_go" :
		    (i + k) % 7 == 6 ? "not_started" : "in_progress";
		v[7] = reached ? "2" : "1";
		v[8] = num(w, made);
		v[9] = v[11] = w->coord_id;
		v[10] = v[8];
		if (reached) {
			int64_t at = at_ago(w, set - pick(w, 45, set - in_care - 1), "15:00");

			v[6] = v[10] = num(w, at);
		}
		/* A referral for it, once the goal has had time. */
		if (set - 50 > in_care && (i + k) % 4 != 3) {
			int64_t at = made + (int64_t)pick(w, 2, 8) * DAY_US, step = at;
			enum ref_status end = (i + 5 * k) % 6 == 2 ? RS_COULD_NOT_GET_HELP :
			    (i + k) % 13 == 6 ? RS_NO_LONGER_INTERESTED : RS_GOT_HELP;
			const char *rid = new_id(w);
			size_t s;

			v = row(w, T_REFERRAL);
			v[0] = c->id;
			v[1] = rid;
			v[2] = w->site->services[dom];
			v[3] = gid;
			v[4] = w->site->reasons[dom];
			v[5] = w->site->lang;
			v[6] = ref_status_code(end);
			v[8] = v[10] = w->coord_id;
			v[9] = num(w, at + 40 * MIN_US);
			v[11] = w->org_id;
			v[12] = num(w, at);
			v[13] = num(w, (int64_t)(sizeof(path) / sizeof(path[0])) + 1);
			for (s = 0; s <= sizeof(path) / sizeof(path[0]); s++) {
				const char **e = row(w, T_EVENT);

				if (s == 3)
					step += (int64_t)pick(w, 1, 3) * DAY_US;
				else if (s > 3)
					step += (int64_t)pick(w, 2, 12) * DAY_US;
				else if (s > 0)
					step += 20 * MIN_US;
				e[0] = c->id;
				e[1] = rid;
				e[2] = num(w, (int64_t)s + 1);
				e[3] = s > 0 ? ref_status_code(path[s - 1]) : NULL;
				e[4] = s < sizeof(path) / sizeof(path[0]) ? ref_status_code(path[s]) :
				    ref_status_code(end);
				e[5] = num(w, step);
				e[6] = w->coord_id;
				e[7] = w->org_id;
			}
			v[7] = num(w, step);
		}
	}
}

static const char *
user(struct store *s, struct arena *a, const char *name)
{
	char key[USERNAME_MAX + 1];
	struct user u;

	username_key(name, key);
	return store_user_by_username(s, a, key, &u) == 0 ? u.id : NULL;
}

/* The rules' words as a flag keeps them, and their days to follow up. */
static int
rules(struct store *s, struct load *w)
{
	struct warn_rules rs;
	struct jr_problem p[1];
	const char *id, *body;
	int version, rc;
	size_t k;

	if ((rc = store_warning_rules_latest(s, &w->a, &id, &version, &body)) != 0)
		return rc;
	if (warn_parse(&w->a, body, strlen(body), &rs, p, 1) != 0)
		return ERR_INVALID;
	for (k = 0; k < rs.n; k++) {
		if (strcmp(rs.rules[k].code, "use-reported") == 0) {
			w->use_rule = warn_rule_json(&w->a, &rs.rules[k]);
			w->use_due = rs.rules[k].due_working_days;
		} else if (strcmp(rs.rules[k].code, "checkup-missed") == 0) {
			w->missed_rule = warn_rule_json(&w->a, &rs.rules[k]);
			w->missed_due = rs.rules[k].due_working_days;
		}
	}
	return w->use_rule != NULL && w->missed_rule != NULL ? 0 : ERR_NOT_FOUND;
}

/* Everything of one site into the rows. */
static int
make_site(struct store *s, struct load *w, const struct demo_org_ids *orgs, size_t k)
{
	struct pw_problem pr[2];
	char today[11], hm[6];
	int i, rc;

	w->site = &sites[k];
	w->rng = UINT64_C(0x6f7574636f6d6573) + k;
	w->org_id = demo_org_by_name(orgs, w->site->org);
	w->coord_id = user(s, &w->a, w->site->coord);
	if (w->org_id == NULL || w->coord_id == NULL)
		return ERR_NOT_FOUND;
	if (!timefmt_local_fields(w->now, w->site->zone, today, hm))
		return ERR_INVALID;
	w->today = clock_date_day(today);
	if ((rc = store_pathway_template_latest(s, &w->a, NULL, w->site->template_code,
	    &w->tpl)) != 0)
		return rc;
	if (pw_parse(&w->a, w->tpl.body, strlen(w->tpl.body), &w->t, pr, 2) != 0 ||
	    w->t.nphases < 2)
		return ERR_INVALID;
	for (i = 0; i < PEOPLE; i++) {
		struct course c;

		course_of(w, i, &c);
		person(w, i, &c);
		pathway(w, &c);
		checkins(w, i, &c);
		if ((rc = questionnaires(w, i, &c)) != 0)
			return rc;
		if (c.aftercare > 0)
			checkups(w, i, &c);
		goals(w, i, &c);
	}
	return 0;
}

static int
load_fn(struct store_tx *tx, void *arg)
{
	struct load *w = arg;
	int t, rc = 0;

	for (t = 0; t < T_COUNT && rc == 0; t++) {
		struct store_load *l;
		const struct rows *r = &w->rows[t];
		size_t i;
		int end;

		if ((rc = store_load_begin(tx, tabs[t].name, tabs[t].cols, tabs[t].ncols, &l)) != 0)
			break;
		for (i = 0; i < r->n && rc == 0; i++)
			rc = store_load_row(l, &r->v[i * (size_t)tabs[t].ncols]);
		end = store_load_end(l);
		if (rc == 0)
			rc = end;
	}
	return rc ? rc : store_tx_meta_set(tx, "demo_outcomes", "1");
}

int
demo_outcomes(struct store *s, const struct demo_org_ids *orgs, int64_t now)
{
	static struct load w;
	const char *have;
	size_t k;
	int rc;

	memset(&w, 0, sizeof(w));
	rc = store_meta_get(s, &w.a, "demo_outcomes", &have);
	store_request_end(s);
	if (rc != ERR_NOT_FOUND)
		goto out;
	w.now = now;
	if ((rc = cmd_ship_questionnaires(s)) != 0)
		goto out;
	if ((rc = rules(s, &w)) == 0 && (rc = view_q_version(s, &w.a, NULL, "who-5",
	    &w.who5)) == 0)
		rc = view_q_version(s, &w.a, NULL, "barc-10", &w.barc);
	for (k = 0; k < NSITES && rc == 0; k++)
		rc = make_site(s, &w, orgs, k);
	store_request_end(s);
	if (rc == 0)
		rc = store_write(s, load_fn, &w);
out:
	arena_free(&w.a);
	return rc;
}
