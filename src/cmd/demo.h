/* The demo world's parts (rosc demo), each in its own file and each
 * loaded once. */
#ifndef ROSC_CMD_DEMO_H
#define ROSC_CMD_DEMO_H

#include <stddef.h>
#include <stdint.h>

struct store;

#define DEMO_ORGS_MAX 16

/* The demo organisations' names and their ids in this database. */
struct demo_org_ids {
	size_t n;
	const char *name[DEMO_ORGS_MAX];
	const char *id[DEMO_ORGS_MAX];
};

/* The id of the demo organisation called name, or NULL. */
const char *demo_org_by_name(const struct demo_org_ids *o, const char *name);

/* The service directory (cmd/demo_directory.c), under meta
 * "demo_directory". */
int demo_directory(struct store *s, const struct demo_org_ids *orgs, int64_t now);

/* The five persons with a demo plan, in this order. */
enum { DEMO_METTE, DEMO_JAN, DEMO_SAM, DEMO_SOREN, DEMO_BRAM, DEMO_PERSONS };

/* Referrals in every status for them (cmd/demo_referrals.c), under meta
 * "demo_referrals"; after the plans and the directory. */
int demo_referrals(struct store *s, const struct demo_org_ids *orgs,
    const char *const person_ids[DEMO_PERSONS], int64_t now);

/* Appointments for Mette and Jan (cmd/demo_appointments.c), under meta
 * "demo_appointments": past and coming, at local hours in each person's
 * zone (zones[]); after the referrals. */
int demo_appointments(struct store *s, const struct demo_org_ids *orgs,
    const char *const person_ids[DEMO_PERSONS], const char *const zones[DEMO_PERSONS],
    int64_t now);

/* Pathways for Mette (under way) and Jan (offered) (cmd/demo_pathways.c),
 * under meta "demo_pathways"; after the appointments. */
int demo_pathways(struct store *s, const struct demo_org_ids *orgs,
    const char *const person_ids[DEMO_PERSONS], const char *const zones[DEMO_PERSONS],
    int64_t now);

/* Check-ins for Mette (daily, three weeks, a reminder at 20:00) and Jan
 * (weekly) (cmd/demo_checkins.c), under meta "demo_checkins"; after the
 * pathways. */
int demo_checkins(struct store *s, const char *const person_ids[DEMO_PERSONS],
    const char *const zones[DEMO_PERSONS], int64_t now);

/* Questionnaire answers for Mette (WHO-5 three times, BARC-10 twice) and
 * Jan (AUDIT-C once) (cmd/demo_questionnaires.c), under meta
 * "demo_questionnaires"; after the pathways. Puts the shipped
 * questionnaires in the database first where they are missing. */
int demo_questionnaires(struct store *s, const char *const person_ids[DEMO_PERSONS],
    const char *const zones[DEMO_PERSONS], int64_t now);
/* Recovery check-ups for Mads (with Jonas, his peer worker) and Bram
 * (with Daan), both past treatment, one check-up done and the next in a
 * few weeks (cmd/demo_checkups.c), under meta "demo_checkups"; after the
 * pathways. */
int demo_checkups(struct store *s, const char *mads, const char *bram, int64_t now);
/* Messages: Mette with Karin, her coordinator, in Danish (the last one
 * not read by Mette yet), and Jan with Daan in Dutch
 * (cmd/demo_messages.c), under meta "demo_messages"; after the persons. */
int demo_messages(struct store *s, const char *const person_ids[DEMO_PERSONS], int64_t now);

/* Self-help meetings from the demo feed, and one in Mette's plan
 * (cmd/demo_meetings.c), under meta "demo_meetings". */
int demo_meetings(struct store *s, const char *mette, int64_t now);
/* Peer workers' profiles (Jonas, Amira, Sanne, Kees), Mette's wishes
 * for a peer worker and two coaching sessions Jonas logged with her
 * (cmd/demo_peers.c), under meta "demo_peers"; after the networks. */
int demo_peers(struct store *s, const struct demo_org_ids *orgs, const char *mette,
    int64_t now);

/* Peer groups (cmd/demo_groups.c), under meta "demo_groups": two run by
 * Recovery-fællesskabet Broen in Copenhagen (Danish, Tuesdays at 18:00;
 * Arabic and Danish), one on video by Herstelhuis De Brug; Mette a member
 * of the Tuesday group with her attendance, notes without personal
 * details. After the pathways. */
int demo_groups(struct store *s, const struct demo_org_ids *orgs, const char *mette,
    int64_t now);

/* An outcome cohort of 36 people each for Socialforvaltningen Østerbro and
 * Herstelhuis De Brug, over two years, so that the outcome reports show
 * their figures (cmd/demo_outcomes.c), under meta "demo_outcomes"; after
 * the directory and the questionnaires. Nobody's caseload changes. */
int demo_outcomes(struct store *s, const struct demo_org_ids *orgs, int64_t now);

#endif
