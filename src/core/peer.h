/* Peer workers: the profile a peer worker keeps (what they choose to share
 * of their lived experience, languages, areas, availability), what a
 * person says matters in a peer, and the matching of the two. Coaching
 * notes the peer writes after a session. No HTTP and no SQL here.
 *
 * Sets (languages, substances, weekdays, times of day) are bit masks over
 * small fixed lists, so both databases store them as one integer. Areas
 * are municipality or city names ("København, Frederiksberg"), compared
 * case-folded (person_name_key): postcodes differ by country and would
 * not tell a person whether a peer is near. */
#ifndef ROSC_CORE_PEER_H
#define ROSC_CORE_PEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

/* Languages a peer may speak: ISO 639-1 codes, each a bit. */
enum peer_lang {
	PL_DA, PL_NL, PL_EN, PL_AR, PL_DE, PL_PL, PL_TR, PL_SO, PL_FA, PL_UK,
	PL_COUNT
};
/* Substances (and gambling is not one: kept out on purpose). */
enum peer_substance {
	PS_ALCOHOL, PS_CANNABIS, PS_OPIOIDS, PS_STIMULANTS, PS_SEDATIVES, PS_OTHER,
	PS_COUNT
};
/* As the peer states it; PG_NONE: not stated (a person's preference:
 * any). */
enum peer_gender { PG_NONE, PG_WOMAN, PG_MAN, PG_NONBINARY, PG_COUNT };
/* Age as a band, never a birth date. PA_NONE: not stated (a
 * preference: any). */
enum peer_age { PAGE_NONE, PAGE_18_29, PAGE_30_44, PAGE_45_59, PAGE_60_UP, PAGE_COUNT };

#define PEER_DAYS_ALL 0x7Fu           /* bit 0 Monday .. bit 6 Sunday */
#define PEER_TIME_DAY 1u
#define PEER_TIME_EVENING 2u
#define PEER_TIMES_ALL 3u

#define PEER_STORY_MAX 1000          /* characters of lived experience */
#define PEER_AREAS_MAX 300           /* characters of the area list */
#define PEER_AREA_MAX 60             /* characters of one area */
#define PEER_AREAS_COUNT 10
#define COACHING_TEXT_MAX 2000
#define COACHING_MINUTES_MAX 480

struct peer_profile {
	const char *id, *user_id, *org_id;
	const char *name, *org_name;     /* the account's display name, the organisation's */
	const char *story;               /* "" when they share none */
	unsigned langs, substances, days, times;
	enum peer_gender gender;
	enum peer_age age;
	const char *areas;               /* comma separated; "" for none */
	bool taking_new, video;
	int64_t updated_us;
};

/* What the person says matters. A zero mask or _NONE asks nothing of
 * that kind; substance -1: not said (or not shared with the reader). */
struct peer_pref {
	const char *person_id;
	unsigned langs, days, times;
	enum peer_gender gender;
	enum peer_age age;
	int substance;
	const char *area;                /* NULL: not said */
	bool video;                      /* meeting by video is fine */
	bool set;                        /* the person saved preferences */
};

/* Why a suggested peer fits: what they share with the preference. */
struct peer_fit {
	size_t index;                    /* into the profiles given */
	int score;                       /* soft things that fit */
	unsigned langs, days, times;     /* shared */
	bool substance, gender, age;     /* a preference of that kind was met */
	bool area;                       /* meets in the person's area */
	bool by_video;                   /* in by video, not by area */
};

const char *peer_lang_code(enum peer_lang l);
/* The language's own name ("Dansk", "Nederlands"): a list of languages is
 * read by someone looking for theirs. */
const char *peer_lang_endonym(enum peer_lang l);
bool peer_lang_parse(const char *s, enum peer_lang *out);
const char *peer_substance_code(enum peer_substance s);
/* "alcohol", in the thread's language (lower case, for a sentence). */
const char *peer_substance_label(enum peer_substance s);
bool peer_substance_parse(const char *s, enum peer_substance *out);
/* "woman", "man", "nonbinary"; NULL for PG_NONE. */
const char *peer_gender_code(enum peer_gender g);
/* NULL or "" gives PG_NONE; false for anything else unknown. */
bool peer_gender_parse(const char *s, enum peer_gender *out);
const char *peer_gender_label(enum peer_gender g);
/* "18-29", "30-44", "45-59", "60+"; NULL for PAGE_NONE. */
const char *peer_age_code(enum peer_age a);
bool peer_age_parse(const char *s, enum peer_age *out);
/* "Monday" .. "Sunday" in the thread's language; d 0..6. */
const char *peer_day_label(int d);

/* Checks a comma-separated area list: at most PEER_AREAS_COUNT names,
 * each non-empty and at most PEER_AREA_MAX characters, no control
 * characters. NULL when fine, else a form code ("too_long",
 * "invalid_format"). */
const char *peer_areas_check(const char *areas);
/* Whether the list holds the area, case-folded. */
bool peer_areas_has(struct arena *a, const char *areas, const char *area);

/* Whether the profile is one to suggest for pref at all: taking new
 * people, not excluded, and every hard preference met (a shared language,
 * the gender asked, lived experience with the substance asked, the age
 * band asked, a shared weekday and time of day, and the area unless both
 * meet by video). Fills *fit when true. */
bool peer_fits(struct arena *a, const struct peer_pref *pref, const struct peer_profile *p,
    struct peer_fit *fit);

/* The suggestions: the indexes of profiles that fit, best first (more
 * soft things fitting: meeting in the area, every weekday and time asked,
 * more than one shared language, video when asked; then by name). The
 * profiles whose id is among excluded[0..nex) are never suggested.
 * Writes up to max into out; returns how many. */
size_t peer_match(struct arena *a, const struct peer_pref *pref,
    const struct peer_profile *ps, size_t n, const char *const *excluded, size_t nex,
    struct peer_fit *out, size_t max);

/* A coaching session the peer worker logged. */
struct coaching_note {
	const char *person_id, *id, *author_id, *author_name, *org_id, *org_name;
	char day[11];                    /* YYYY-MM-DD of the session */
	int minutes;
	const char *text;
	int64_t created_us;
};

/* The checks of a session, alike for the page and the API: day a date
 * not after today ("required", "invalid_date", "out_of_range"), minutes a
 * whole number 1..COACHING_MINUTES_MAX ("required", "invalid_format",
 * "out_of_range"), text one to COACHING_TEXT_MAX characters of UTF-8 text
 * ("required", "too_long", "invalid_format"). True with x's day, minutes
 * and text set; else false with the first problem's field and code. */
bool coaching_check(const char *day, const char *today, const char *minutes,
    const char *text, struct coaching_note *x, const char **field, const char **code);

#endif
