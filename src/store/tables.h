/* Every table rosc keeps, in one list: parents before children, the order
 * their foreign keys allow them to be filled in. The copy (rosc
 * migrate-data), the bulk loads and the benchmark's generator
 * (rosc-bench-gen) take their tables from here; tests/unit/test_store.c
 * checks that it names exactly the tables the migrations make, and in an
 * order their foreign keys allow. A new table: a migration in each
 * dialect, and a line here. schema_migrations is migrate.c's own, and not
 * in the list. */
#ifndef ROSC_STORE_TABLES_H
#define ROSC_STORE_TABLES_H

#include <stdbool.h>

/* X(ID, "name"): TABLE_ID is the table's place in store_tables. */
#define STORE_TABLES(X) \
	X(META, "meta") \
	X(ORGANISATION, "organisation") \
	X(USER_ACCOUNT, "user_account") \
	X(MEMBERSHIP, "membership") \
	X(SESSION, "session") \
	X(INVITATION, "invitation") \
	X(API_TOKEN, "api_token") \
	X(CALENDAR_FEED, "calendar_feed") \
	X(SIGNIN_THROTTLE, "signin_throttle") \
	X(SECOND_FACTOR, "second_factor") \
	X(RECOVERY_CODE, "recovery_code") \
	X(SIGNIN_PENDING, "signin_pending") \
	X(AUDIT, "audit") \
	/* Before the tables whose triggers count it up on the target. */ \
	X(POLICY_CHANGE, "policy_change") \
	X(APPOINTMENT_CHANGE, "appointment_change") \
	/* Likewise: the persons whose outcome report rows are to be made \
	 * again, marked by triggers on the tables below. */ \
	X(OUTCOME_DIRTY, "outcome_dirty") \
	X(PERSON, "person") \
	X(NETWORK_MEMBER, "network_member") \
	X(CONSENT, "consent") \
	X(CONSENT_HISTORY, "consent_history") \
	X(EMERGENCY_ACCESS, "emergency_access") \
	X(NOTE, "note") \
	X(ACCESS_LOG, "access_log") \
	/* The access log's chain: one link per commit that wrote entries. */ \
	X(ACCESS_LINK, "access_link") \
	X(PLAN_DOMAIN, "plan_domain") \
	X(PLAN_RATING, "plan_rating") \
	X(GOAL, "goal") \
	X(STEP, "step") \
	X(PLAN_COMMENT, "plan_comment") \
	X(RELAPSE_PLAN, "relapse_plan") \
	X(CRISIS_CONTACT, "crisis_contact") \
	X(PLAN_HISTORY, "plan_history") \
	/* The public service directory (HSDS), then referrals to it. */ \
	X(DIR_ORGANIZATION, "dir_organization") \
	X(DIR_LOCATION, "dir_location") \
	X(SERVICE, "service") \
	X(SERVICE_AT_LOCATION, "service_at_location") \
	X(DIR_CONTACT, "dir_contact") \
	X(DIR_PHONE, "dir_phone") \
	X(DIR_SCHEDULE, "dir_schedule") \
	X(SERVICE_LANGUAGE, "service_language") \
	X(REFERRAL, "referral") \
	X(REFERRAL_EVENT, "referral_event") \
	X(REFERRAL_CONSENT, "referral_consent") \
	/* Appointments, and their history. */ \
	X(APPOINTMENT, "appointment") \
	X(APPOINTMENT_EVENT, "appointment_event") \
	X(REMINDER_PREF, "reminder_pref") \
	X(APPOINTMENT_REMINDER, "appointment_reminder") \
	X(ACCOMPANIMENT, "accompaniment") \
	/* Help now: whom the person tells, and each press. */ \
	X(HELP_NOW_NOTIFY, "help_now_notify") \
	X(HELP_NOW_PRESS, "help_now_press") \
	/* Pathway templates, each version a row. */ \
	X(PATHWAY_TEMPLATE, "pathway_template") \
	/* The pathways persons follow, phase by phase. */ \
	X(PATHWAY, "pathway") \
	X(PATHWAY_PHASE, "pathway_phase") \
	X(PATHWAY_ITEM, "pathway_item") \
	X(PATHWAY_DEVIATION, "pathway_deviation") \
	/* Questionnaire definitions, each version a row. */ \
	X(QUESTIONNAIRE, "questionnaire") \
	/* Early warning: the rules in force, and what they raised. */ \
	X(WARNING_RULES, "warning_rules") \
	X(WARNING_FLAG, "warning_flag") \
	/* The person's own check-ins, and their rhythm and reminder. */ \
	X(CHECKIN, "checkin") \
	X(CHECKIN_PREF, "checkin_pref") \
	/* A person's answers to them, each response with its answers. */ \
	X(QUESTIONNAIRE_RESPONSE, "questionnaire_response") \
	X(QUESTIONNAIRE_ANSWER, "questionnaire_answer") \
	/* Recovery check-ups after treatment: the plan, and each one. */ \
	X(CHECKUP_PLAN, "checkup_plan") \
	X(CHECKUP, "checkup") \
	/* Self-help meetings from Meeting Guide feeds (public listings), and \
	 * the ones a person keeps in their plan. */ \
	X(MEETING, "meeting") \
	X(MEETING_FAVOURITE, "meeting_favourite") \
	/* Messages between a person and their network: threads, who takes \
	 * part (with what they have read), and each message. */ \
	X(MESSAGE_THREAD, "message_thread") \
	X(MESSAGE_PARTICIPANT, "message_participant") \
	X(MESSAGE, "message") \
	/* Peer workers' profiles, what a person asks of a peer, and coaching. */ \
	X(PEER_PROFILE, "peer_profile") \
	X(PEER_PREFERENCE, "peer_preference") \
	X(PEER_EXCLUSION, "peer_exclusion") \
	X(COACHING_NOTE, "coaching_note") \
	/* Peer groups run by an organisation: members, attendance, notes. */ \
	X(PEER_GROUP, "peer_group") \
	X(PEER_GROUP_MEMBER, "peer_group_member") \
	X(PEER_GROUP_ATTENDANCE, "peer_group_attendance") \
	X(PEER_GROUP_NOTE, "peer_group_note") \
	/* Suggestions the person said are not for them. */ \
	X(SUGGESTION_DISMISSED, "suggestion_dismissed") \
	/* Queued work (reminders to send) must not be lost on the way. */ \
	X(JOB, "job") \
	/* Messages waiting to go out, and what became of them. */ \
	X(OUTBOX, "outbox") \
	/* What the outcome reports count, made from the tables above (and \
	 * made again on the target, whose triggers mark every person). */ \
	X(OUTCOME_SEEN, "outcome_seen") \
	X(OUTCOME_SCORE, "outcome_score") \
	X(OUTCOME_EVENT, "outcome_event")

enum store_table {
#define STORE_TABLE_ID(id, name) TABLE_##id,
	STORE_TABLES(STORE_TABLE_ID)
#undef STORE_TABLE_ID
	TABLE_COUNT
};

/* The tables' names, in the list's order. */
extern const char *const store_tables[TABLE_COUNT];

/* True for the tables in the list (and schema_migrations). */
bool store_table_known(const char *name);

#endif
