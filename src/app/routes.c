/* Every route rosc answers, sorted by path pattern, then method, with the
 * kind of each path parameter (a misshapen one gets 404 before the
 * handler runs). This is the application layer: it alone includes web/
 * and api/, and hands them to http/ through server_start().
 * `rosc routes` prints this table; tests/unit/test_router.c checks its
 * order and kinds, and tests/http/access_matrix.test.mjs checks every row
 * has an expected answer for every kind of visitor. */
#include "app/routes.h"

#include "http/router.h"

#include "policy/policy.h"
#include "api/health.h"
#include "api/help_now.h"
#include "api/messages.h"
#include "api/coaching.h"
#include "api/peers.h"
#include "api/me.h"
#include "api/checkups.h"
#include "api/groups.h"
#include "api/flags.h"
#include "api/mydata.h"
#include "api/plan.h"
#include "api/services.h"
#include "api/meetings.h"
#include "api/referrals.h"
#include "api/reports.h"
#include "api/accompaniment.h"
#include "api/appointments.h"
#include "api/pathways.h"
#include "api/questionnaires.h"
#include "api/checkins.h"
#include "web/checkins.h"
#include "api/responses.h"
#include "web/accompaniment.h"
#include "web/appointments.h"
#include "web/calendar.h"
#include "web/reminders.h"
#include "web/reports.h"
#include "web/help_now.h"
#include "web/goals.h"
#include "web/pathways.h"
#include "web/questionnaires.h"
#include "web/plan.h"
#include "web/plan_print.h"
#include "web/referrals.h"
#include "web/relapse.h"
#include "web/tasks.h"
#include "web/caseload.h"
#include "web/consents.h"
#include "web/emergency.h"
#include "web/me.h"
#include "web/network.h"
#include "web/notes.h"
#include "web/messages.h"
#include "web/coaching.h"
#include "web/peer_profile.h"
#include "web/peers.h"
#include "web/checkups.h"
#include "web/groups.h"
#include "web/suggestions.h"
#include "web/flags.h"
#include "web/services.h"
#include "web/meetings.h"
#include "web/person.h"
#include "web/admin_audit.h"
#include "web/admin_orgs.h"
#include "web/admin_pathways.h"
#include "web/admin_services.h"
#include "web/admin_users.h"
#include "web/invite.h"
#include "web/settings.h"
#include "web/second_factor.h"
#include "web/signin.h"
#include "api/index.h"
#include "fhir/careplan.h"
#include "fhir/fhir.h"
#include "fhir/appointment.h"
#include "fhir/goal.h"
#include "fhir/qresponse.h"
#include "fhir/task.h"
#include "api/metrics.h"
#include "web/assets.h"
#include "web/errors.h"
#include "web/home.h"
#include "web/lang.h"

#define ANYONE ACCESS_ANYONE
#define SIGNED_IN ACCESS_SIGNED_IN
#define STAFF ACCESS_STAFF
#define ORG_ADMIN ACCESS_ORG_ADMIN
#define SYSADMIN ACCESS_SYSADMIN
#define ID P_ID
#define CODE P_CODE
#define TOKEN P_TOKEN
#define FILE_NAME P_FILE
#define HSDS P_HSDS
#define SLUG P_SLUG
#define FHIR P_FHIR

const struct route routes[] = {
	{"GET",  "/",                                       web_home, ANYONE, 0, {0}},
	{"GET",  "/accompaniment",                          web_jobs, STAFF, 0, {0}},
	{"GET",  "/accompaniment/{id}",                     web_job, STAFF, 0, {ID}},
	{"POST", "/accompaniment/{id}/accept",              web_job_accept, STAFF, 0, {ID}},
	{"POST", "/accompaniment/{id}/release",             web_job_release, STAFF, 0, {ID}},
	{"POST", "/accompaniment/{id}/report",              web_job_report, STAFF, 0, {ID}},
	{"GET",  "/admin/audit",                            web_admin_audit, SYSADMIN, 0, {0}},
	{"GET",  "/admin/organisations",                    web_admin_orgs, SYSADMIN, 0, {0}},
	{"POST", "/admin/organisations",                    web_admin_org_create, SYSADMIN, 0, {0}},
	{"GET",  "/admin/organisations/{id}",               web_admin_org, SYSADMIN, 0, {ID}},
	{"POST", "/admin/organisations/{id}",               web_admin_org_update, SYSADMIN, 0, {ID}},
	{"GET",  "/admin/pathways",                         web_admin_pathways, ORG_ADMIN, 0, {0}},
	{"POST", "/admin/pathways",                         web_admin_pathway_save, ORG_ADMIN, 0, {0}},
	{"GET",  "/admin/pathways/new",                     web_admin_pathway_new, ORG_ADMIN, 0, {0}},
	{"GET",  "/admin/pathways/{code}/report",           web_admin_pathway_report, ORG_ADMIN, 0, {SLUG}},
	{"GET",  "/admin/second-factor",                    web_admin_second_factor, ORG_ADMIN, 0, {0}},
	{"POST", "/admin/second-factor",                    web_admin_second_factor_save, ORG_ADMIN, 0, {0}},
	{"GET",  "/admin/services",                         web_admin_services, STAFF, 0, {0}},
	{"GET",  "/admin/services/new",                     web_admin_service_new, STAFF, 0, {0}},
	{"POST", "/admin/services/new",                     web_admin_service_create, STAFF, 0, {0}},
	{"GET",  "/admin/services/{id}",                    web_admin_service, STAFF, 0, {HSDS}},
	{"POST", "/admin/services/{id}",                    web_admin_service_update, STAFF, 0, {HSDS}},
	{"POST", "/admin/services/{id}/capacity",           web_admin_service_capacity, STAFF, 0, {HSDS}},
	{"GET",  "/admin/users",                            web_admin_users, ORG_ADMIN, 0, {0}},
	{"POST", "/admin/users",                            web_admin_user_create, ORG_ADMIN, 0, {0}},
	{"GET",  "/admin/users/{id}",                       web_admin_user, ORG_ADMIN, 0, {ID}},
	{"POST", "/admin/users/{id}/disable",               web_admin_user_disable, ORG_ADMIN, 0, {ID}},
	{"POST", "/admin/users/{id}/enable",                web_admin_user_enable, ORG_ADMIN, 0, {ID}},
	{"POST", "/admin/users/{id}/reset",                 web_admin_user_reset, ORG_ADMIN, 0, {ID}},
	{"POST", "/admin/users/{id}/roles",                 web_admin_user_role, ORG_ADMIN, 0, {ID}},
	{"POST", "/admin/users/{id}/roles/remove",          web_admin_user_role_remove, ORG_ADMIN, 0, {ID}},
	{"POST", "/admin/users/{id}/second-factor/reset",   web_admin_user_factor_reset, ORG_ADMIN, 0, {ID}},
	{"GET",  "/api/v1/",                                api_index, ANYONE, R_JSON, {0}},
	{"GET",  "/api/v1/accompaniment-requests",          api_jobs, SIGNED_IN, R_JSON, {0}},
	{"POST", "/api/v1/appointments/{id}/status",        api_appointment_status, SIGNED_IN, R_JSON, {ID}},
	{"GET",  "/api/v1/groups",                          api_groups, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/api/v1/groups/{id}",                     api_group, SIGNED_IN, R_JSON, {ID}},
	{"POST", "/api/v1/groups/{id}/join",                api_group_join, SIGNED_IN, R_JSON, {ID}},
	{"POST", "/api/v1/groups/{id}/leave",               api_group_leave, SIGNED_IN, R_JSON, {ID}},
	{"GET",  "/api/v1/me",                              api_me, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/api/v1/me/data",                         api_my_data, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/api/v1/me/data/fhir",                    api_my_data_fhir, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/api/v1/me/flags",                        api_my_flags, STAFF, R_JSON, {0}},
	{"GET",  "/api/v1/me/log/check",                    api_me_log_check, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/api/v1/meetings",                        api_meetings, ANYONE, R_JSON, {0}},
	{"GET",  "/api/v1/meetings/{id}",                   api_meeting, ANYONE, R_JSON, {ID}},
	{"GET",  "/api/v1/pathway-templates",               api_pathway_templates, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/api/v1/pathway-templates/{id}",          api_pathway_template, SIGNED_IN, R_JSON, {ID}},
	{"GET",  "/api/v1/peers/matches",                   api_peer_matches, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/api/v1/persons/{id}/appointments",       api_appointments, SIGNED_IN, R_JSON, {ID}},
	{"POST", "/api/v1/persons/{id}/appointments",       api_appointment_create, SIGNED_IN, R_JSON, {ID}},
	{"GET",  "/api/v1/persons/{id}/checkins",           api_checkins, SIGNED_IN, R_JSON, {ID}},
	{"POST", "/api/v1/persons/{id}/checkins",           api_checkin_create, SIGNED_IN, R_JSON, {ID}},
	{"GET",  "/api/v1/persons/{id}/checkups",           api_checkups, SIGNED_IN, R_JSON, {ID}},
	{"POST", "/api/v1/persons/{id}/checkups",           api_checkups_set, SIGNED_IN, R_JSON, {ID}},
	{"GET",  "/api/v1/persons/{id}/coaching",           api_coaching, SIGNED_IN, R_JSON, {ID}},
	{"POST", "/api/v1/persons/{id}/coaching",           api_coaching_create, SIGNED_IN, R_JSON, {ID}},
	{"GET",  "/api/v1/persons/{id}/flags",              api_person_flags, SIGNED_IN, R_JSON, {ID}},
	{"POST", "/api/v1/persons/{id}/flags/{fid}",        api_flag_resolve, SIGNED_IN, R_JSON, {ID, ID}},
	{"GET",  "/api/v1/persons/{id}/help-now",           api_help_now, SIGNED_IN, R_JSON, {ID}},
	{"POST", "/api/v1/persons/{id}/help-now/{hid}/seen", api_help_now_ack, SIGNED_IN, R_JSON, {ID, ID}},
	{"GET",  "/api/v1/persons/{id}/meeting-favourites", api_meeting_favourites, SIGNED_IN, R_JSON, {ID}},
	{"POST", "/api/v1/persons/{id}/meeting-favourites", api_meeting_favourite_add, SIGNED_IN, R_JSON, {ID}},
	{"POST", "/api/v1/persons/{id}/meeting-favourites/{mid}/remove", api_meeting_favourite_remove, SIGNED_IN, R_JSON, {ID, ID}},
	{"GET",  "/api/v1/persons/{id}/messages",           api_messages, SIGNED_IN, R_JSON, {ID}},
	{"POST", "/api/v1/persons/{id}/messages",           api_message_send, SIGNED_IN, R_JSON, {ID}},
	{"GET",  "/api/v1/persons/{id}/pathways",           api_person_pathways, SIGNED_IN, R_JSON, {ID}},
	{"POST", "/api/v1/persons/{id}/pathways",           api_person_pathway_offer, SIGNED_IN, R_JSON, {ID}},
	{"GET",  "/api/v1/persons/{id}/plan",               api_plan, SIGNED_IN, R_JSON, {ID}},
	{"GET",  "/api/v1/persons/{id}/questionnaire-responses", api_questionnaire_responses, SIGNED_IN, R_JSON, {ID}},
	{"POST", "/api/v1/persons/{id}/questionnaire-responses", api_questionnaire_response_create, SIGNED_IN, R_JSON, {ID}},
	{"GET",  "/api/v1/persons/{id}/referrals",          api_referrals, SIGNED_IN, R_JSON, {ID}},
	{"POST", "/api/v1/persons/{id}/referrals",          api_referral_create, SIGNED_IN, R_JSON, {ID}},
	{"GET",  "/api/v1/questionnaires",                  api_questionnaires, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/api/v1/questionnaires/{id}",             api_questionnaire, SIGNED_IN, R_JSON, {ID}},
	{"POST", "/api/v1/referrals/{id}/status",           api_referral_status, SIGNED_IN, R_JSON, {ID}},
	{"GET",  "/api/v1/reports/{name}",                  api_report, STAFF, R_JSON, {SLUG}},
	{"GET",  "/api/v1/services",                        api_services, ANYONE, R_JSON, {0}},
	{"GET",  "/api/v1/services/{id}",                   api_service, ANYONE, R_JSON, {HSDS}},
	{"GET",  "/calendar/{token}",                       web_calendar_feed, ANYONE, 0, {TOKEN}},
	{"GET",  "/emergencies",                            web_emergency_reviews, STAFF, 0, {0}},
	{"GET",  "/fhir/R4/Appointment",                    fhir_search, SIGNED_IN, R_JSON, {0}},
	{"POST", "/fhir/R4/Appointment",                    fhir_appointment_create, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/Appointment/{id}",               fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"PUT",  "/fhir/R4/Appointment/{id}",               fhir_appointment_update, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/AuditEvent",                     fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/AuditEvent/{id}",                fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/CarePlan",                       fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/CarePlan/{id}",                  fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"PUT",  "/fhir/R4/CarePlan/{id}",                  fhir_careplan_update, SIGNED_IN, R_JSON, {ID}},
	{"GET",  "/fhir/R4/CareTeam",                       fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/CareTeam/{id}",                  fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/CodeSystem",                     fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/CodeSystem/{id}",                fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/Communication",                  fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/Communication/{id}",             fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/Consent",                        fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/Consent/{id}",                   fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/Goal",                           fhir_search, SIGNED_IN, R_JSON, {0}},
	{"POST", "/fhir/R4/Goal",                           fhir_goal_create, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/Goal/{id}",                      fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"PUT",  "/fhir/R4/Goal/{id}",                      fhir_goal_update, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/HealthcareService",              fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/HealthcareService/{id}",         fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/Location",                       fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/Location/{id}",                  fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/Observation",                    fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/Observation/{id}",               fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/Organization",                   fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/Organization/{id}",              fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/Patient",                        fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/Patient/{id}",                   fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/Patient/{id}/$everything",       fhir_everything, SIGNED_IN, R_JSON, {ID}},
	{"GET",  "/fhir/R4/Practitioner",                   fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/Practitioner/{id}",              fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/PractitionerRole",               fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/PractitionerRole/{id}",          fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/Questionnaire",                  fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/Questionnaire/{id}",             fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/QuestionnaireResponse",          fhir_search, SIGNED_IN, R_JSON, {0}},
	{"POST", "/fhir/R4/QuestionnaireResponse",          fhir_qresponse_create, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/QuestionnaireResponse/{id}",     fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/RelatedPerson",                  fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/RelatedPerson/{id}",             fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/ServiceRequest",                 fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/ServiceRequest/{id}",            fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/Task",                           fhir_search, SIGNED_IN, R_JSON, {0}},
	{"GET",  "/fhir/R4/Task/{id}",                      fhir_read, SIGNED_IN, R_JSON, {FHIR}},
	{"PUT",  "/fhir/R4/Task/{id}",                      fhir_task_update, SIGNED_IN, R_JSON, {FHIR}},
	{"GET",  "/fhir/R4/metadata",                       fhir_metadata, ANYONE, R_JSON, {0}},
	{"GET",  "/groups",                                 web_groups, SIGNED_IN, 0, {0}},
	{"GET",  "/groups/new",                             web_group_new, STAFF, 0, {0}},
	{"POST", "/groups/new",                             web_group_create, STAFF, 0, {0}},
	{"GET",  "/groups/{id}",                            web_group, SIGNED_IN, 0, {ID}},
	{"POST", "/groups/{id}/attendance",                 web_group_attendance, STAFF, 0, {ID}},
	{"GET",  "/groups/{id}/edit",                       web_group_edit, STAFF, 0, {ID}},
	{"POST", "/groups/{id}/edit",                       web_group_update, STAFF, 0, {ID}},
	{"POST", "/groups/{id}/join",                       web_group_join, SIGNED_IN, 0, {ID}},
	{"POST", "/groups/{id}/leave",                      web_group_leave, SIGNED_IN, 0, {ID}},
	{"POST", "/groups/{id}/notes",                      web_group_note, STAFF, 0, {ID}},
	{"GET",  "/healthz",                                api_health, ANYONE, R_JSON, {0}},
	{"GET",  "/invite/{token}",                         web_invite, ANYONE, 0, {TOKEN}},
	{"POST", "/invite/{token}",                         web_invite_accept, ANYONE, 0, {TOKEN}},
	{"GET",  "/lang",                                   web_lang_set, ANYONE, 0, {0}},
	{"GET",  "/me",                                     web_me, SIGNED_IN, 0, {0}},
	{"GET",  "/me/calendar",                            web_calendar, SIGNED_IN, 0, {0}},
	{"POST", "/me/calendar",                            web_calendar_create, SIGNED_IN, 0, {0}},
	{"POST", "/me/calendar/{id}/revoke",                web_calendar_revoke, SIGNED_IN, 0, {ID}},
	{"GET",  "/me/checkin",                             web_checkin_form, SIGNED_IN, 0, {0}},
	{"POST", "/me/checkin",                             web_checkin_save, SIGNED_IN, 0, {0}},
	{"GET",  "/me/checkin/settings",                    web_checkin_settings, SIGNED_IN, 0, {0}},
	{"POST", "/me/checkin/settings",                    web_checkin_settings_save, SIGNED_IN, 0, {0}},
	{"GET",  "/me/consents",                            web_consents, SIGNED_IN, 0, {0}},
	{"POST", "/me/consents",                            web_consents_update, SIGNED_IN, 0, {0}},
	{"GET",  "/me/data",                                web_me_data, SIGNED_IN, 0, {0}},
	{"GET",  "/me/flags",                               web_my_flags, STAFF, 0, {0}},
	{"GET",  "/me/help",                                web_help_now, SIGNED_IN, 0, {0}},
	{"POST", "/me/help",                                web_help_now_press, SIGNED_IN, 0, {0}},
	{"GET",  "/me/help/people",                         web_help_now_people, SIGNED_IN, 0, {0}},
	{"POST", "/me/help/people",                         web_help_now_people_save, SIGNED_IN, 0, {0}},
	{"GET",  "/me/ideas",                               web_ideas, SIGNED_IN, 0, {0}},
	{"GET",  "/me/log",                                 web_me_log, SIGNED_IN, 0, {0}},
	{"GET",  "/me/messages",                            web_my_messages, SIGNED_IN, 0, {0}},
	{"POST", "/me/messages",                            web_my_message_create, SIGNED_IN, 0, {0}},
	{"GET",  "/me/messages/new",                        web_my_message_new, SIGNED_IN, 0, {0}},
	{"GET",  "/me/messages/{id}",                       web_my_thread, SIGNED_IN, 0, {ID}},
	{"POST", "/me/messages/{id}",                       web_my_thread_reply, SIGNED_IN, 0, {ID}},
	{"GET",  "/me/notes",                               web_me_notes, SIGNED_IN, 0, {0}},
	{"GET",  "/me/peers",                               web_my_peers, SIGNED_IN, 0, {0}},
	{"POST", "/me/peers",                               web_my_peers_save, SIGNED_IN, 0, {0}},
	{"POST", "/me/peers/{id}/choose",                   web_my_peer_choose, SIGNED_IN, 0, {ID}},
	{"POST", "/me/peers/{id}/exclude",                  web_my_peer_exclude, SIGNED_IN, 0, {ID}},
	{"GET",  "/me/reminders",                           web_reminders, SIGNED_IN, 0, {0}},
	{"POST", "/me/reminders",                           web_reminders_save, SIGNED_IN, 0, {0}},
	{"GET",  "/me/settings",                            web_settings, SIGNED_IN, 0, {0}},
	{"POST", "/me/settings/language",                   web_settings_language, SIGNED_IN, 0, {0}},
	{"POST", "/me/settings/password",                   web_settings_password, SIGNED_IN, 0, {0}},
	{"GET",  "/me/settings/second-factor",              web_second_factor, SIGNED_IN, 0, {0}},
	{"POST", "/me/settings/second-factor",              web_second_factor_begin, SIGNED_IN, 0, {0}},
	{"POST", "/me/settings/second-factor/confirm",      web_second_factor_confirm, SIGNED_IN, 0, {0}},
	{"POST", "/me/settings/second-factor/off",          web_second_factor_off, SIGNED_IN, 0, {0}},
	{"POST", "/me/settings/second-factor/recovery-codes", web_second_factor_codes, SIGNED_IN, 0, {0}},
	{"POST", "/me/suggestions/dismiss",                 web_suggestion_dismiss, SIGNED_IN, 0, {0}},
	{"GET",  "/me/tasks",                               web_tasks, SIGNED_IN, 0, {0}},
	{"POST", "/me/tokens",                              web_token_create, SIGNED_IN, 0, {0}},
	{"POST", "/me/tokens/{id}/revoke",                  web_token_revoke, SIGNED_IN, 0, {ID}},
	{"GET",  "/meetings",                               web_meetings, ANYONE, 0, {0}},
	{"GET",  "/meetings/{id}",                          web_meeting, ANYONE, 0, {ID}},
	{"GET",  "/metrics",                                api_metrics, ANYONE, R_LOCAL, {0}},
	{"GET",  "/peer-profile",                            web_peer_profile, STAFF, 0, {0}},
	{"POST", "/peer-profile",                            web_peer_profile_save, STAFF, 0, {0}},
	{"GET",  "/persons",                                web_caseload, SIGNED_IN, 0, {0}},
	{"GET",  "/persons/find",                           web_person_find, STAFF, 0, {0}},
	{"GET",  "/persons/new",                            web_person_new, STAFF, 0, {0}},
	{"POST", "/persons/new",                            web_person_create, STAFF, 0, {0}},
	{"GET",  "/persons/{id}",                           web_person, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/appointments",              web_appointments, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/appointments/new",          web_appointment_new, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/appointments/new",          web_appointment_create, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/appointments/{aid}",        web_appointment, SIGNED_IN, 0, {ID, ID}},
	{"GET",  "/persons/{id}/appointments/{aid}/company", web_accompany_ask, SIGNED_IN, 0, {ID, ID}},
	{"POST", "/persons/{id}/appointments/{aid}/company", web_accompany_ask_save, SIGNED_IN, 0, {ID, ID}},
	{"POST", "/persons/{id}/appointments/{aid}/company/{cid}/withdraw", web_accompany_withdraw, SIGNED_IN, 0, {ID, ID, ID}},
	{"GET",  "/persons/{id}/appointments/{aid}/edit",   web_appointment_edit, SIGNED_IN, 0, {ID, ID}},
	{"POST", "/persons/{id}/appointments/{aid}/edit",   web_appointment_update, SIGNED_IN, 0, {ID, ID}},
	{"POST", "/persons/{id}/appointments/{aid}/status", web_appointment_status, SIGNED_IN, 0, {ID, ID}},
	{"GET",  "/persons/{id}/checkins",                  web_checkins, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/checkups",                  web_checkups, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/checkups",                  web_checkups_set, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/checkups/stop",             web_checkups_stop, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/checkups/{cid}/done",       web_checkup_done, SIGNED_IN, 0, {ID, ID}},
	{"GET",  "/persons/{id}/coaching",                  web_coaching, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/coaching",                  web_coaching_add, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/edit",                      web_person_edit, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/edit",                      web_person_update, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/emergency",                 web_emergency, STAFF, 0, {ID}},
	{"POST", "/persons/{id}/emergency",                 web_emergency_start, STAFF, 0, {ID}},
	{"POST", "/persons/{id}/emergency/{eid}/review",    web_emergency_review, STAFF, 0, {ID, ID}},
	{"GET",  "/persons/{id}/flags",                     web_flags, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/flags/{fid}",               web_flag_resolve, SIGNED_IN, 0, {ID, ID}},
	{"GET",  "/persons/{id}/groups",                    web_person_groups, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/help-now/{hid}/seen",       web_help_now_ack, SIGNED_IN, 0, {ID, ID}},
	{"GET",  "/persons/{id}/messages",                  web_messages, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/messages",                  web_message_create, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/messages/new",              web_message_new, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/messages/{tid}",            web_thread, SIGNED_IN, 0, {ID, ID}},
	{"POST", "/persons/{id}/messages/{tid}",            web_thread_reply, SIGNED_IN, 0, {ID, ID}},
	{"GET",  "/persons/{id}/network",                   web_network, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/network",                   web_network_add, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/network/{member}/end",      web_network_end, SIGNED_IN, 0, {ID, ID}},
	{"GET",  "/persons/{id}/notes",                     web_notes, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/notes",                     web_note_create, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/pathways",                  web_pathways, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/pathways",                  web_pathway_offer, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/pathways/{pid}",            web_pathway, SIGNED_IN, 0, {ID, ID}},
	{"GET",  "/persons/{id}/pathways/{pid}/adapt",      web_pathway_adapt_form, SIGNED_IN, 0, {ID, ID}},
	{"POST", "/persons/{id}/pathways/{pid}/adapt",      web_pathway_adapt, SIGNED_IN, 0, {ID, ID}},
	{"POST", "/persons/{id}/pathways/{pid}/agree",      web_pathway_agree, SIGNED_IN, 0, {ID, ID}},
	{"POST", "/persons/{id}/pathways/{pid}/decline",    web_pathway_decline, SIGNED_IN, 0, {ID, ID}},
	{"POST", "/persons/{id}/pathways/{pid}/items/{iid}", web_pathway_item, SIGNED_IN, 0, {ID, ID, ID}},
	{"POST", "/persons/{id}/pathways/{pid}/next",       web_pathway_next, SIGNED_IN, 0, {ID, ID}},
	{"GET",  "/persons/{id}/peers",                     web_person_peers, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/plan",                      web_plan, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/plan/comments",             web_plan_comment, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/plan/domains/{domain}",     web_plan_domain, SIGNED_IN, 0, {ID, CODE}},
	{"POST", "/persons/{id}/plan/domains/{domain}",     web_plan_domain_save, SIGNED_IN, 0, {ID, CODE}},
	{"POST", "/persons/{id}/plan/goals",                web_goal_create, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/plan/goals/new",            web_goal_new, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/plan/goals/{goal}",         web_goal, SIGNED_IN, 0, {ID, ID}},
	{"POST", "/persons/{id}/plan/goals/{goal}",         web_goal_update, SIGNED_IN, 0, {ID, ID}},
	{"POST", "/persons/{id}/plan/goals/{goal}/steps",   web_step_create, SIGNED_IN, 0, {ID, ID}},
	{"POST", "/persons/{id}/plan/goals/{goal}/steps/{step}", web_step_update, SIGNED_IN, 0, {ID, ID, ID}},
	{"GET",  "/persons/{id}/plan/history",              web_plan_history, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/plan/meetings",             web_meeting_favourites, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/plan/meetings",             web_meeting_favourite_add, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/plan/meetings/{mid}/remove", web_meeting_favourite_remove, SIGNED_IN, 0, {ID, ID}},
	{"GET",  "/persons/{id}/plan/print",                web_plan_print, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/plan/ratings",              web_plan_ratings, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/plan/relapse",              web_relapse, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/plan/relapse",              web_relapse_save, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/plan/relapse/contacts",     web_crisis_contacts_save, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/questionnaire-responses/{rid}", web_questionnaire_response, SIGNED_IN, 0, {ID, ID}},
	{"GET",  "/persons/{id}/questionnaires",            web_questionnaires, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/questionnaires/{code}/new", web_questionnaire_new, SIGNED_IN, 0, {ID, SLUG}},
	{"POST", "/persons/{id}/questionnaires/{code}/new", web_questionnaire_answer, SIGNED_IN, 0, {ID, SLUG}},
	{"GET",  "/persons/{id}/referrals",                 web_referrals, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/referrals/new",             web_referral_new, SIGNED_IN, 0, {ID}},
	{"POST", "/persons/{id}/referrals/new",             web_referral_create, SIGNED_IN, 0, {ID}},
	{"GET",  "/persons/{id}/referrals/{rid}",           web_referral, SIGNED_IN, 0, {ID, ID}},
	{"GET",  "/persons/{id}/referrals/{rid}/accept",    web_referral_accept, SIGNED_IN, 0, {ID, ID}},
	{"POST", "/persons/{id}/referrals/{rid}/status",    web_referral_status, SIGNED_IN, 0, {ID, ID}},
	{"GET",  "/referrals",                              web_referral_inbox, STAFF, 0, {0}},
	{"GET",  "/reports",                                web_reports, STAFF, 0, {0}},
	{"GET",  "/reports/{name}",                         web_reports, STAFF, 0, {SLUG}},
	{"GET",  "/reports/{name}/csv",                     web_report_csv, STAFF, 0, {SLUG}},
	{"GET",  "/robots.txt",                             web_robots, ANYONE, 0, {0}},
	{"GET",  "/services",                               web_services, ANYONE, 0, {0}},
	{"GET",  "/services/{id}",                          web_service, ANYONE, 0, {HSDS}},
	{"GET",  "/signin",                                 web_signin, ANYONE, 0, {0}},
	{"POST", "/signin",                                 web_signin_post, ANYONE, 0, {0}},
	{"GET",  "/signin/code",                            web_signin_code, ANYONE, 0, {0}},
	{"POST", "/signin/code",                            web_signin_code_post, ANYONE, 0, {0}},
	{"GET",  "/signin/organisation",                    web_choose_org, SIGNED_IN, 0, {0}},
	{"POST", "/signin/organisation",                    web_choose_org_post, SIGNED_IN, 0, {0}},
	{"POST", "/signout",                                web_signout, SIGNED_IN, 0, {0}},
	{"POST", "/signout/everywhere",                     web_signout_everywhere, SIGNED_IN, 0, {0}},
	{"GET",  "/static/{file}",                          web_static, ANYONE, 0, {FILE_NAME}},
};

const size_t routes_count = sizeof(routes) / sizeof(routes[0]);

const struct server_app app_server = {
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.error_page = web_error_page,
};
