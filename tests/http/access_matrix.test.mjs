// Every route x every kind of visitor -> the expected answer. A route with
// no row here fails the test, so no new page can skip this table. The
// person/consent work adds the visitor's relationship to a person as a
// further dimension.
//
// Answers are classes: 'allow' (the page's own answer: 200, 303 to
// somewhere else, 404 for an unknown id, 422 for an empty form...),
// 'signin' (303 to /signin), 'deny' (403), 'hidden' (404 for everyone).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRosc, roscCli, client } from '../lib/rosc.mjs';

const VISITORS = {
  anonymous: null,
  person: 'mette',
  family: 'birgit',
  volunteer: 'else',
  peer_worker: 'jonas',
  professional: 'peter',
  coordinator: 'daan',
  org_admin: 'anne',
  sysadmin: 'admin',
};

const ALL = (v) => Object.fromEntries(Object.keys(VISITORS).map((k) => [k, v]));
const PUBLIC = ALL('allow');
const SIGNED_IN = { ...ALL('allow'), anonymous: 'signin' };
const ORG_ADMINS = { ...ALL('deny'), anonymous: 'signin', org_admin: 'allow', sysadmin: 'allow' };
const SYSADMINS = { ...ALL('deny'), anonymous: 'signin', sysadmin: 'allow' };
// Staff acting for an organisation (a system admin belongs to none).
// API tokens: anyone signed in (each endpoint asks the door).
const API_USERS = SIGNED_IN;
const STAFF = { ...ALL('allow'), anonymous: 'signin', person: 'deny', family: 'deny', sysadmin: 'deny' };
const UNKNOWN = '0123456789abcdef0123456789abcdef';
// The directory: the one tap is for the admins, coordinators and
// professionals of the organisation running a service; editing for its admins.
const CAPACITY = { ...STAFF, volunteer: 'deny', peer_worker: 'deny' };
const SERVICE_EDITORS = { ...ALL('deny'), anonymous: 'signin', org_admin: 'allow' };
const NO_SERVICE = 'no-such-service';
// Pathway templates and their reports: the admins of the organisation acted
// for (a system admin acts for none).
const PATHWAY_EDITORS = { ...ALL('deny'), anonymous: 'signin', org_admin: 'allow' };
// Outcome reports: the admins and coordinators of the organisation acted for.
const REPORT_READERS = { ...ALL('deny'), anonymous: 'signin', org_admin: 'allow', coordinator: 'allow' };

// "METHOD pattern": [concrete path, expected class per visitor]
const MATRIX = {
  'GET /': ['/', PUBLIC],
  // A volunteer's pages: 404 to other staff (as a page that is not there).
  'GET /accompaniment': ['/accompaniment', STAFF],
  'GET /accompaniment/{id}': [`/accompaniment/${UNKNOWN}`, STAFF],
  'POST /accompaniment/{id}/accept': [`/accompaniment/${UNKNOWN}/accept`, STAFF],
  'POST /accompaniment/{id}/release': [`/accompaniment/${UNKNOWN}/release`, STAFF],
  'POST /accompaniment/{id}/report': [`/accompaniment/${UNKNOWN}/report`, STAFF],
  'GET /api/v1/pathway-templates': ['/api/v1/pathway-templates', { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /api/v1/pathway-templates/{id}': [`/api/v1/pathway-templates/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  // Questionnaire definitions describe instruments, not persons.
  'GET /api/v1/questionnaires': ['/api/v1/questionnaires', { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /api/v1/questionnaires/{id}': [`/api/v1/questionnaires/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /api/v1/accompaniment-requests': ['/api/v1/accompaniment-requests', { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /persons/{id}/appointments/{aid}/company': [`/persons/${UNKNOWN}/appointments/${UNKNOWN}/company`, SIGNED_IN],
  'POST /persons/{id}/appointments/{aid}/company': [`/persons/${UNKNOWN}/appointments/${UNKNOWN}/company`, SIGNED_IN],
  'POST /persons/{id}/appointments/{aid}/company/{cid}/withdraw': [`/persons/${UNKNOWN}/appointments/${UNKNOWN}/company/${UNKNOWN}/withdraw`, SIGNED_IN],
  'GET /admin/audit': ['/admin/audit', SYSADMINS],
  'GET /admin/organisations': ['/admin/organisations', SYSADMINS],
  'POST /admin/organisations': ['/admin/organisations', SYSADMINS],
  'GET /admin/organisations/{id}': [`/admin/organisations/${UNKNOWN}`, SYSADMINS],
  'POST /admin/organisations/{id}': [`/admin/organisations/${UNKNOWN}`, SYSADMINS],
  'GET /admin/pathways': ['/admin/pathways', PATHWAY_EDITORS],
  'POST /admin/pathways': ['/admin/pathways', PATHWAY_EDITORS],
  'GET /admin/pathways/new': [`/admin/pathways/new?from=${UNKNOWN}`, PATHWAY_EDITORS],
  'GET /admin/pathways/{code}/report': ['/admin/pathways/dk-alcohol-outpatient/report', PATHWAY_EDITORS],
  'GET /admin/services': ['/admin/services', CAPACITY],
  'GET /admin/services/new': ['/admin/services/new', SERVICE_EDITORS],
  'POST /admin/services/new': ['/admin/services/new', SERVICE_EDITORS],
  // An unknown service: 404 for every staff member (as another organisation's).
  'GET /admin/services/{id}': [`/admin/services/${NO_SERVICE}`, STAFF],
  'POST /admin/services/{id}': [`/admin/services/${NO_SERVICE}`, STAFF],
  'POST /admin/services/{id}/capacity': [`/admin/services/${NO_SERVICE}/capacity`, STAFF],
  'GET /admin/users': ['/admin/users', ORG_ADMINS],
  'POST /admin/users': ['/admin/users', ORG_ADMINS],
  'GET /admin/users/{id}': [`/admin/users/${UNKNOWN}`, ORG_ADMINS],
  'POST /admin/users/{id}/disable': [`/admin/users/${UNKNOWN}/disable`, ORG_ADMINS],
  'POST /admin/users/{id}/enable': [`/admin/users/${UNKNOWN}/enable`, ORG_ADMINS],
  'POST /admin/users/{id}/reset': [`/admin/users/${UNKNOWN}/reset`, ORG_ADMINS],
  'POST /admin/users/{id}/roles': [`/admin/users/${UNKNOWN}/roles`, ORG_ADMINS],
  'POST /admin/users/{id}/roles/remove': [`/admin/users/${UNKNOWN}/roles/remove`, ORG_ADMINS],
  'POST /admin/users/{id}/second-factor/reset': [`/admin/users/${UNKNOWN}/second-factor/reset`, ORG_ADMINS],
  // An organisation's requirement: its admins (a system admin acts for none).
  'GET /admin/second-factor': ['/admin/second-factor', PATHWAY_EDITORS],
  'POST /admin/second-factor': ['/admin/second-factor', PATHWAY_EDITORS],
  'GET /api/v1/': ['/api/v1/', PUBLIC],
  'GET /api/v1/me': ['/api/v1/me', { ...SIGNED_IN, anonymous: 'unauthorized' }],
  // The access log's check: one chain for everyone, nothing about a person.
  'GET /api/v1/me/log/check': ['/api/v1/me/log/check', { ...SIGNED_IN, anonymous: 'unauthorized' }],
  // Early warnings: staff's own follow-ups; a person's flags ask the door.
  // Recovery check-ups: the door decides, someone else's id is missing.
  'GET /api/v1/persons/{id}/checkups': [`/api/v1/persons/${UNKNOWN}/checkups`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /api/v1/persons/{id}/checkups': [`/api/v1/persons/${UNKNOWN}/checkups`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /persons/{id}/checkups': [`/persons/${UNKNOWN}/checkups`, SIGNED_IN],
  'POST /persons/{id}/checkups': [`/persons/${UNKNOWN}/checkups`, SIGNED_IN],
  'POST /persons/{id}/checkups/stop': [`/persons/${UNKNOWN}/checkups/stop`, SIGNED_IN],
  'POST /persons/{id}/checkups/{cid}/done': [`/persons/${UNKNOWN}/checkups/${UNKNOWN}/done`, SIGNED_IN],
  'GET /api/v1/me/flags': ['/api/v1/me/flags', { ...STAFF, anonymous: 'unauthorized' }],
  'GET /api/v1/persons/{id}/flags': [`/api/v1/persons/${UNKNOWN}/flags`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /api/v1/persons/{id}/flags/{fid}': [`/api/v1/persons/${UNKNOWN}/flags/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /me/flags': ['/me/flags', STAFF],
  'GET /persons/{id}/flags': [`/persons/${UNKNOWN}/flags`, SIGNED_IN],
  'POST /persons/{id}/flags/{fid}': [`/persons/${UNKNOWN}/flags/${UNKNOWN}`, SIGNED_IN],
  // A person's Help now presses: an unknown person is missing for everyone.
  'GET /api/v1/persons/{id}/help-now': [`/api/v1/persons/${UNKNOWN}/help-now`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /api/v1/persons/{id}/help-now/{hid}/seen': [`/api/v1/persons/${UNKNOWN}/help-now/${UNKNOWN}/seen`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  // FHIR: anyone signed in (bearer token or session); the door decides per
  // person, and an unknown one is missing (or an empty search) for all.
  'GET /fhir/R4/metadata': ['/fhir/R4/metadata', PUBLIC],
  'GET /fhir/R4/Patient': [`/fhir/R4/Patient?_id=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Patient/{id}': [`/fhir/R4/Patient/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Patient/{id}/$everything': [`/fhir/R4/Patient/${UNKNOWN}/$everything`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/CarePlan': [`/fhir/R4/CarePlan?patient=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/CarePlan/{id}': [`/fhir/R4/CarePlan/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'PUT /fhir/R4/CarePlan/{id}': [`/fhir/R4/CarePlan/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Goal': [`/fhir/R4/Goal?patient=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Goal/{id}': [`/fhir/R4/Goal/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /fhir/R4/Goal': ['/fhir/R4/Goal', { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'PUT /fhir/R4/Goal/{id}': [`/fhir/R4/Goal/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/RelatedPerson': [`/fhir/R4/RelatedPerson?patient=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/RelatedPerson/{id}': [`/fhir/R4/RelatedPerson/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/CareTeam': [`/fhir/R4/CareTeam?patient=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/CareTeam/{id}': [`/fhir/R4/CareTeam/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/CodeSystem': ['/fhir/R4/CodeSystem', { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/CodeSystem/{id}': ['/fhir/R4/CodeSystem/no-such-system', { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Consent': [`/fhir/R4/Consent?patient=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Consent/{id}': [`/fhir/R4/Consent/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  // Staff accounts: one's own and one's organisation's; the directory:
  // anyone signed in.
  'GET /fhir/R4/Practitioner': [`/fhir/R4/Practitioner?_id=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Practitioner/{id}': [`/fhir/R4/Practitioner/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/PractitionerRole': [`/fhir/R4/PractitionerRole?_id=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/PractitionerRole/{id}': [`/fhir/R4/PractitionerRole/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Organization': [`/fhir/R4/Organization?_id=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Organization/{id}': [`/fhir/R4/Organization/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/HealthcareService': [`/fhir/R4/HealthcareService?_id=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/HealthcareService/{id}': [`/fhir/R4/HealthcareService/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Location': [`/fhir/R4/Location?_id=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Location/{id}': [`/fhir/R4/Location/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Questionnaire': ['/fhir/R4/Questionnaire', { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Questionnaire/{id}': [`/fhir/R4/Questionnaire/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/QuestionnaireResponse': [`/fhir/R4/QuestionnaireResponse?patient=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /fhir/R4/QuestionnaireResponse': ['/fhir/R4/QuestionnaireResponse', { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/QuestionnaireResponse/{id}': [`/fhir/R4/QuestionnaireResponse/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Observation': [`/fhir/R4/Observation?patient=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Observation/{id}': [`/fhir/R4/Observation/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Appointment': [`/fhir/R4/Appointment?patient=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Appointment/{id}': [`/fhir/R4/Appointment/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/ServiceRequest': [`/fhir/R4/ServiceRequest?patient=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/ServiceRequest/{id}': [`/fhir/R4/ServiceRequest/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Task': [`/fhir/R4/Task?patient=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Task/{id}': [`/fhir/R4/Task/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /fhir/R4/Appointment': ['/fhir/R4/Appointment', { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'PUT /fhir/R4/Appointment/{id}': [`/fhir/R4/Appointment/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'PUT /fhir/R4/Task/{id}': [`/fhir/R4/Task/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Communication': [`/fhir/R4/Communication?patient=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/Communication/{id}': [`/fhir/R4/Communication/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/AuditEvent': [`/fhir/R4/AuditEvent?patient=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /fhir/R4/AuditEvent/{id}': [`/fhir/R4/AuditEvent/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /api/v1/me/data': ['/api/v1/me/data', { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /api/v1/me/data/fhir': ['/api/v1/me/data/fhir', { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /me': ['/me', SIGNED_IN],
  'GET /me/consents': ['/me/consents', SIGNED_IN],
  'POST /me/consents': ['/me/consents', SIGNED_IN],
  'GET /me/data': ['/me/data', SIGNED_IN],
  'GET /me/log': ['/me/log', SIGNED_IN],
  'GET /me/notes': ['/me/notes', SIGNED_IN],
  // Messages: each page asks the door (404 for a thread one does not take part in).
  'GET /me/messages': ['/me/messages', SIGNED_IN],
  'POST /me/messages': ['/me/messages', SIGNED_IN],
  'GET /me/messages/new': ['/me/messages/new', SIGNED_IN],
  'GET /me/messages/{id}': [`/me/messages/${UNKNOWN}`, SIGNED_IN],
  'POST /me/messages/{id}': [`/me/messages/${UNKNOWN}`, SIGNED_IN],
  'GET /persons/{id}/messages': [`/persons/${UNKNOWN}/messages`, SIGNED_IN],
  'POST /persons/{id}/messages': [`/persons/${UNKNOWN}/messages`, SIGNED_IN],
  'GET /persons/{id}/messages/new': [`/persons/${UNKNOWN}/messages/new`, SIGNED_IN],
  'GET /persons/{id}/messages/{tid}': [`/persons/${UNKNOWN}/messages/${UNKNOWN}`, SIGNED_IN],
  'POST /persons/{id}/messages/{tid}': [`/persons/${UNKNOWN}/messages/${UNKNOWN}`, SIGNED_IN],
  'GET /api/v1/persons/{id}/messages': [`/api/v1/persons/${UNKNOWN}/messages`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /api/v1/persons/{id}/messages': [`/api/v1/persons/${UNKNOWN}/messages`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /me/tasks': ['/me/tasks', SIGNED_IN],
  'GET /services': ['/services', PUBLIC],
  'GET /services/{id}': ['/services/demo-svc-nordlys-ambulant', PUBLIC],
  'GET /api/v1/services': ['/api/v1/services', PUBLIC],
  'GET /api/v1/services/{id}': ['/api/v1/services/demo-svc-nordlys-ambulant', PUBLIC],
  'GET /api/v1/persons/{id}/pathways': [`/api/v1/persons/${UNKNOWN}/pathways`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /api/v1/persons/{id}/pathways': [`/api/v1/persons/${UNKNOWN}/pathways`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /api/v1/persons/{id}/questionnaire-responses': [`/api/v1/persons/${UNKNOWN}/questionnaire-responses`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /api/v1/persons/{id}/questionnaire-responses': [`/api/v1/persons/${UNKNOWN}/questionnaire-responses`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /api/v1/persons/{id}/plan': [`/api/v1/persons/${UNKNOWN}/plan`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /persons/{id}/pathways': [`/persons/${UNKNOWN}/pathways`, SIGNED_IN],
  'POST /persons/{id}/pathways': [`/persons/${UNKNOWN}/pathways`, SIGNED_IN],
  'GET /persons/{id}/pathways/{pid}': [`/persons/${UNKNOWN}/pathways/${UNKNOWN}`, SIGNED_IN],
  'GET /persons/{id}/pathways/{pid}/adapt': [`/persons/${UNKNOWN}/pathways/${UNKNOWN}/adapt`, SIGNED_IN],
  'POST /persons/{id}/pathways/{pid}/adapt': [`/persons/${UNKNOWN}/pathways/${UNKNOWN}/adapt`, SIGNED_IN],
  'POST /persons/{id}/pathways/{pid}/agree': [`/persons/${UNKNOWN}/pathways/${UNKNOWN}/agree`, SIGNED_IN],
  'POST /persons/{id}/pathways/{pid}/decline': [`/persons/${UNKNOWN}/pathways/${UNKNOWN}/decline`, SIGNED_IN],
  'POST /persons/{id}/pathways/{pid}/items/{iid}': [`/persons/${UNKNOWN}/pathways/${UNKNOWN}/items/${UNKNOWN}`, SIGNED_IN],
  'POST /persons/{id}/pathways/{pid}/next': [`/persons/${UNKNOWN}/pathways/${UNKNOWN}/next`, SIGNED_IN],
  'GET /persons/{id}/questionnaire-responses/{rid}': [`/persons/${UNKNOWN}/questionnaire-responses/${UNKNOWN}`, SIGNED_IN],
  'GET /persons/{id}/questionnaires': [`/persons/${UNKNOWN}/questionnaires`, SIGNED_IN],
  'GET /persons/{id}/questionnaires/{code}/new': [`/persons/${UNKNOWN}/questionnaires/who-5/new`, SIGNED_IN],
  'POST /persons/{id}/questionnaires/{code}/new': [`/persons/${UNKNOWN}/questionnaires/who-5/new`, SIGNED_IN],
  'GET /persons/{id}/plan': [`/persons/${UNKNOWN}/plan`, SIGNED_IN],
  'GET /api/v1/persons/{id}/referrals': [`/api/v1/persons/${UNKNOWN}/referrals`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /api/v1/persons/{id}/referrals': [`/api/v1/persons/${UNKNOWN}/referrals`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /api/v1/referrals/{id}/status': [`/api/v1/referrals/${UNKNOWN}/status`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /api/v1/persons/{id}/appointments': [`/api/v1/persons/${UNKNOWN}/appointments`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /api/v1/persons/{id}/appointments': [`/api/v1/persons/${UNKNOWN}/appointments`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /api/v1/persons/{id}/checkins': [`/api/v1/persons/${UNKNOWN}/checkins`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /api/v1/persons/{id}/checkins': [`/api/v1/persons/${UNKNOWN}/checkins`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /api/v1/appointments/{id}/status': [`/api/v1/appointments/${UNKNOWN}/status`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /persons/{id}/appointments': [`/persons/${UNKNOWN}/appointments`, SIGNED_IN],
  'GET /persons/{id}/checkins': [`/persons/${UNKNOWN}/checkins`, SIGNED_IN],
  'GET /persons/{id}/appointments/new': [`/persons/${UNKNOWN}/appointments/new`, SIGNED_IN],
  'POST /persons/{id}/appointments/new': [`/persons/${UNKNOWN}/appointments/new`, SIGNED_IN],
  'GET /persons/{id}/appointments/{aid}': [`/persons/${UNKNOWN}/appointments/${UNKNOWN}`, SIGNED_IN],
  'GET /persons/{id}/appointments/{aid}/edit': [`/persons/${UNKNOWN}/appointments/${UNKNOWN}/edit`, SIGNED_IN],
  'POST /persons/{id}/appointments/{aid}/edit': [`/persons/${UNKNOWN}/appointments/${UNKNOWN}/edit`, SIGNED_IN],
  'POST /persons/{id}/appointments/{aid}/status': [`/persons/${UNKNOWN}/appointments/${UNKNOWN}/status`, SIGNED_IN],
  'GET /persons/{id}/referrals': [`/persons/${UNKNOWN}/referrals`, SIGNED_IN],
  'GET /persons/{id}/referrals/new': [`/persons/${UNKNOWN}/referrals/new`, SIGNED_IN],
  'POST /persons/{id}/referrals/new': [`/persons/${UNKNOWN}/referrals/new`, SIGNED_IN],
  'GET /persons/{id}/referrals/{rid}': [`/persons/${UNKNOWN}/referrals/${UNKNOWN}`, SIGNED_IN],
  'GET /persons/{id}/referrals/{rid}/accept': [`/persons/${UNKNOWN}/referrals/${UNKNOWN}/accept`, SIGNED_IN],
  'POST /persons/{id}/referrals/{rid}/status': [`/persons/${UNKNOWN}/referrals/${UNKNOWN}/status`, SIGNED_IN],
  // The inbox of referrals sent to the acting organisation: its staff.
  'GET /referrals': ['/referrals', STAFF],
  'GET /reports': ['/reports', REPORT_READERS],
  'GET /reports/{name}': ['/reports/referrals', REPORT_READERS],
  'GET /reports/{name}/csv': ['/reports/referrals/csv', REPORT_READERS],
  'GET /api/v1/reports/{name}': ['/api/v1/reports/referrals', { ...REPORT_READERS, anonymous: 'unauthorized' }],
  'POST /persons/{id}/plan/comments': [`/persons/${UNKNOWN}/plan/comments`, SIGNED_IN],
  'GET /persons/{id}/plan/domains/{domain}': [`/persons/${UNKNOWN}/plan/domains/housing`, SIGNED_IN],
  'POST /persons/{id}/plan/domains/{domain}': [`/persons/${UNKNOWN}/plan/domains/housing`, SIGNED_IN],
  'POST /persons/{id}/plan/goals': [`/persons/${UNKNOWN}/plan/goals`, SIGNED_IN],
  'GET /persons/{id}/plan/goals/new': [`/persons/${UNKNOWN}/plan/goals/new`, SIGNED_IN],
  'GET /persons/{id}/plan/goals/{goal}': [`/persons/${UNKNOWN}/plan/goals/${UNKNOWN}`, SIGNED_IN],
  'POST /persons/{id}/plan/goals/{goal}': [`/persons/${UNKNOWN}/plan/goals/${UNKNOWN}`, SIGNED_IN],
  'POST /persons/{id}/plan/goals/{goal}/steps': [`/persons/${UNKNOWN}/plan/goals/${UNKNOWN}/steps`, SIGNED_IN],
  'POST /persons/{id}/plan/goals/{goal}/steps/{step}': [`/persons/${UNKNOWN}/plan/goals/${UNKNOWN}/steps/${UNKNOWN}`, SIGNED_IN],
  'GET /persons/{id}/plan/history': [`/persons/${UNKNOWN}/plan/history`, SIGNED_IN],
  'GET /persons/{id}/plan/print': [`/persons/${UNKNOWN}/plan/print`, SIGNED_IN],
  'POST /persons/{id}/plan/ratings': [`/persons/${UNKNOWN}/plan/ratings`, SIGNED_IN],
  'GET /persons/{id}/plan/relapse': [`/persons/${UNKNOWN}/plan/relapse`, SIGNED_IN],
  'POST /persons/{id}/plan/relapse': [`/persons/${UNKNOWN}/plan/relapse`, SIGNED_IN],
  'POST /persons/{id}/plan/relapse/contacts': [`/persons/${UNKNOWN}/plan/relapse/contacts`, SIGNED_IN],
  'GET /persons': ['/persons', SIGNED_IN],
  'GET /persons/find': ['/persons/find?nid=000000-0000', STAFF],
  'GET /persons/new': ['/persons/new', STAFF],
  'POST /persons/new': ['/persons/new', STAFF],
  // An unknown person: the route is open, the door answers 404 for everyone.
  'GET /persons/{id}': [`/persons/${UNKNOWN}`, SIGNED_IN],
  'GET /persons/{id}/edit': [`/persons/${UNKNOWN}/edit`, SIGNED_IN],
  'POST /persons/{id}/edit': [`/persons/${UNKNOWN}/edit`, SIGNED_IN],
  'GET /persons/{id}/emergency': [`/persons/${UNKNOWN}/emergency`, STAFF],
  'POST /persons/{id}/emergency': [`/persons/${UNKNOWN}/emergency`, STAFF],
  'POST /persons/{id}/emergency/{eid}/review': [`/persons/${UNKNOWN}/emergency/${UNKNOWN}/review`, STAFF],
  // The home organisation's admins and coordinators review every emergency access.
  'GET /emergencies': ['/emergencies', { ...STAFF, volunteer: 'deny', peer_worker: 'deny', professional: 'deny' }],
  'GET /persons/{id}/network': [`/persons/${UNKNOWN}/network`, SIGNED_IN],
  'POST /persons/{id}/network': [`/persons/${UNKNOWN}/network`, SIGNED_IN],
  // An unknown person's press: 404, as missing, for everyone.
  'POST /persons/{id}/help-now/{hid}/seen': [`/persons/${UNKNOWN}/help-now/${UNKNOWN}/seen`, SIGNED_IN],
  'POST /persons/{id}/network/{member}/end': [`/persons/${UNKNOWN}/network/${UNKNOWN}/end`, SIGNED_IN],
  'GET /persons/{id}/notes': [`/persons/${UNKNOWN}/notes`, SIGNED_IN],
  'POST /persons/{id}/notes': [`/persons/${UNKNOWN}/notes`, SIGNED_IN],
  // Peer groups: open ones for anyone signed in; the form for staff (404 to
  // those who do not run groups); joining and leaving for the person alone.
  'GET /groups': ['/groups', SIGNED_IN],
  'GET /groups/new': ['/groups/new', STAFF],
  'POST /groups/new': ['/groups/new', STAFF],
  'GET /groups/{id}': [`/groups/${UNKNOWN}`, SIGNED_IN],
  'POST /groups/{id}/attendance': [`/groups/${UNKNOWN}/attendance`, STAFF],
  'GET /groups/{id}/edit': [`/groups/${UNKNOWN}/edit`, STAFF],
  'POST /groups/{id}/edit': [`/groups/${UNKNOWN}/edit`, STAFF],
  'POST /groups/{id}/join': [`/groups/${UNKNOWN}/join`, { ...ALL('deny'), anonymous: 'signin', person: 'allow' }],
  'POST /groups/{id}/leave': [`/groups/${UNKNOWN}/leave`, { ...ALL('deny'), anonymous: 'signin', person: 'allow' }],
  'POST /groups/{id}/notes': [`/groups/${UNKNOWN}/notes`, STAFF],
  'GET /persons/{id}/groups': [`/persons/${UNKNOWN}/groups`, SIGNED_IN],
  'GET /api/v1/groups': ['/api/v1/groups', { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /api/v1/groups/{id}': [`/api/v1/groups/${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /api/v1/groups/{id}/join': [`/api/v1/groups/${UNKNOWN}/join`, { ...ALL('deny'), anonymous: 'unauthorized', person: 'allow' }],
  'POST /api/v1/groups/{id}/leave': [`/api/v1/groups/${UNKNOWN}/leave`, { ...ALL('deny'), anonymous: 'unauthorized', person: 'allow' }],
  'GET /healthz': ['/healthz', PUBLIC],
  'GET /invite/{token}': ['/invite/' + 'A'.repeat(43), PUBLIC],
  'POST /invite/{token}': ['/invite/' + 'A'.repeat(43), PUBLIC],
  'GET /lang': ['/lang?set=da&next=/', PUBLIC],
  'GET /me/settings': ['/me/settings', SIGNED_IN],
  // Suggestions are the person's own: anyone without a record of their own finds no such page (404).
  'GET /me/ideas': ['/me/ideas', SIGNED_IN],
  'POST /me/suggestions/dismiss': ['/me/suggestions/dismiss', SIGNED_IN],
  'GET /me/calendar': ['/me/calendar', SIGNED_IN],
  // Reminders are the person's own: anyone else finds no such page (404).
  // Help now: the person's own (404 for anyone without a record of their own).
  'GET /me/help': ['/me/help', SIGNED_IN],
  'POST /me/help': ['/me/help', SIGNED_IN],
  'GET /me/help/people': ['/me/help/people', SIGNED_IN],
  'POST /me/help/people': ['/me/help/people', SIGNED_IN],
  'GET /me/reminders': ['/me/reminders', SIGNED_IN],
  'GET /me/checkin': ['/me/checkin', SIGNED_IN],
  'POST /me/checkin': ['/me/checkin', SIGNED_IN],
  'GET /me/checkin/settings': ['/me/checkin/settings', SIGNED_IN],
  'POST /me/checkin/settings': ['/me/checkin/settings', SIGNED_IN],
  'POST /me/reminders': ['/me/reminders', SIGNED_IN],
  'POST /me/calendar': ['/me/calendar', SIGNED_IN],
  'POST /me/calendar/{id}/revoke': [`/me/calendar/${UNKNOWN}/revoke`, SIGNED_IN],
  // A calendar feed: the address is the key; an unknown one is a missing page to all.
  'GET /calendar/{token}': ['/calendar/' + 'A'.repeat(43), PUBLIC],
  'POST /me/settings/language': ['/me/settings/language', SIGNED_IN],
  'POST /me/settings/password': ['/me/settings/password', SIGNED_IN],
  // Anyone signed in may use a second factor.
  'GET /me/settings/second-factor': ['/me/settings/second-factor', SIGNED_IN],
  'POST /me/settings/second-factor': ['/me/settings/second-factor', SIGNED_IN],
  'POST /me/settings/second-factor/confirm': ['/me/settings/second-factor/confirm', SIGNED_IN],
  'POST /me/settings/second-factor/off': ['/me/settings/second-factor/off', SIGNED_IN],
  'POST /me/settings/second-factor/recovery-codes': ['/me/settings/second-factor/recovery-codes', SIGNED_IN],
  'POST /me/tokens': ['/me/tokens', API_USERS],
  'POST /me/tokens/{id}/revoke': [`/me/tokens/${UNKNOWN}/revoke`, SIGNED_IN],
  'GET /metrics': ['/metrics', PUBLIC],
  // Self-help meetings: public listings; a person's favourites are their plan.
  'GET /meetings': ['/meetings', PUBLIC],
  'GET /meetings/{id}': [`/meetings/${UNKNOWN}`, PUBLIC],
  'GET /api/v1/meetings': ['/api/v1/meetings', PUBLIC],
  'GET /api/v1/meetings/{id}': [`/api/v1/meetings/${UNKNOWN}`, PUBLIC],
  'GET /persons/{id}/plan/meetings': [`/persons/${UNKNOWN}/plan/meetings`, SIGNED_IN],
  'POST /persons/{id}/plan/meetings': [`/persons/${UNKNOWN}/plan/meetings`, SIGNED_IN],
  'POST /persons/{id}/plan/meetings/{mid}/remove': [`/persons/${UNKNOWN}/plan/meetings/${UNKNOWN}/remove`, SIGNED_IN],
  'GET /api/v1/persons/{id}/meeting-favourites': [`/api/v1/persons/${UNKNOWN}/meeting-favourites`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /api/v1/persons/{id}/meeting-favourites': [`/api/v1/persons/${UNKNOWN}/meeting-favourites`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /api/v1/persons/{id}/meeting-favourites/{mid}/remove': [`/api/v1/persons/${UNKNOWN}/meeting-favourites/${UNKNOWN}/remove`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  // Peers: the person's own page (404 for those with no record); a peer
  // worker's profile (read by their organisation's staff, kept by
  // themselves); the rest asks the door per person.
  'GET /me/peers': ['/me/peers', SIGNED_IN],
  'POST /me/peers': ['/me/peers', SIGNED_IN],
  'POST /me/peers/{id}/choose': [`/me/peers/${UNKNOWN}/choose`, SIGNED_IN],
  'POST /me/peers/{id}/exclude': [`/me/peers/${UNKNOWN}/exclude`, SIGNED_IN],
  'GET /peer-profile': ['/peer-profile', STAFF],
  'POST /peer-profile': ['/peer-profile', { ...STAFF, volunteer: 'deny', professional: 'deny', coordinator: 'deny', org_admin: 'deny' }],
  'GET /persons/{id}/peers': [`/persons/${UNKNOWN}/peers`, SIGNED_IN],
  'GET /persons/{id}/coaching': [`/persons/${UNKNOWN}/coaching`, SIGNED_IN],
  'POST /persons/{id}/coaching': [`/persons/${UNKNOWN}/coaching`, SIGNED_IN],
  'GET /api/v1/peers/matches': [`/api/v1/peers/matches?person=${UNKNOWN}`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /api/v1/persons/{id}/coaching': [`/api/v1/persons/${UNKNOWN}/coaching`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'POST /api/v1/persons/{id}/coaching': [`/api/v1/persons/${UNKNOWN}/coaching`, { ...SIGNED_IN, anonymous: 'unauthorized' }],
  'GET /robots.txt': ['/robots.txt', PUBLIC],
  'GET /signin': ['/signin', PUBLIC],
  'POST /signin': ['/signin', PUBLIC],
  // The second step of a sign-in: without one waiting, back to the password.
  'GET /signin/code': ['/signin/code', PUBLIC],
  'POST /signin/code': ['/signin/code', PUBLIC],
  'GET /signin/organisation': ['/signin/organisation', SIGNED_IN],
  'POST /signin/organisation': ['/signin/organisation', SIGNED_IN],
  'POST /signout': ['/signout', SIGNED_IN],
  'POST /signout/everywhere': ['/signout/everywhere', SIGNED_IN],
  'GET /static/{file}': ['/static/style.css', PUBLIC],
};

let srv;
before(async () => { srv = await startRosc(); });
after(async () => { await srv.stop(); });

function classify(res) {
  const loc = res.headers.get('location') || '';
  if (res.status === 303 && loc.startsWith('/signin?next=')) return 'signin';
  if (res.status === 401) return 'unauthorized';
  if (res.status === 403) return 'deny';
  return 'allow';
}

test('every route has a row in the access matrix', () => {
  const routes = JSON.parse(roscCli(['routes', '--json']).stdout);
  const missing = routes.map((r) => `${r.method} ${r.path}`).filter((k) => !MATRIX[k]);
  assert.deepEqual(missing, [], 'add these routes to tests/http/access_matrix.test.mjs');
  const stale = Object.keys(MATRIX).filter((k) => !routes.some((r) => `${r.method} ${r.path}` === k));
  assert.deepEqual(stale, [], 'rows for routes that no longer exist');
});

test('each kind of visitor gets the expected answer on each route', async () => {
  const failures = [];
  for (const [visitor, username] of Object.entries(VISITORS)) {
    let c = null;
    const fresh = async () => {
      const k = client(srv);
      if (username) await k.signIn(username); else await k.get('/signin');
      return k;
    };
    c = await fresh();
    for (const [key, [path, expect]] of Object.entries(MATRIX)) {
      const method = key.split(' ')[0];
      // Signing out (or in) changes the visitor: use a client of its own.
      const k = /^\/sign(out|in)/.test(path) && method === 'POST' ? await fresh() : c;
      const res = method === 'GET' ? await k.get(path) : method === 'POST' ? await k.post(path, {}) :
        await k.request(method, path, { body: '{}', headers: { 'Content-Type': 'application/fhir+json', 'X-CSRF-Token': k.csrf ?? '' } });
      const got = classify(res);
      if (got !== expect[visitor]) failures.push(`${visitor} ${key}: expected ${expect[visitor]}, got ${got} (${res.status})`);
      if (method === 'GET' && !/^\/(static|robots|metrics|healthz|api|lang)/.test(path)) {
        // Re-read the page's CSRF token for the next POST.
        await c.get('/');
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('/metrics is hidden from anything that came through a proxy', async () => {
  const res = await fetch(srv.url + '/metrics', { headers: { 'X-Forwarded-For': '203.0.113.5' } });
  assert.equal(res.status, 404);
});
