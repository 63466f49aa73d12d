// Checks of FHIR R4 resources for the tests: the independent validator
// (the npm package "fhir", structure definitions and required value sets)
// and our own checks of what it leaves alone (the formats of dates,
// instants, ids, references, URIs and codes).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './rosc.mjs';

const require = createRequire(join(ROOT, 'tests', 'e2e', 'package.json'));
const { Fhir } = require('fhir');
const fhir = new Fhir();

// The formats of FHIR R4's primitive types (https://hl7.org/fhir/R4/datatypes.html).
const YEAR = '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)';
const MONTH = '(0[1-9]|1[0-2])';
const DAY = '(0[1-9]|[1-2][0-9]|3[0-1])';
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?';
const ZONE = '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))';
export const DATE = new RegExp(`^${YEAR}(-${MONTH}(-${DAY})?)?$`);
export const DATETIME = new RegExp(`^${YEAR}(-${MONTH}(-${DAY}(T${TIME}${ZONE})?)?)?$`);
export const INSTANT = new RegExp(`^${YEAR}-${MONTH}-${DAY}T${TIME}${ZONE}$`);
export const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const REFERENCE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;
const URI = /^(urn:[a-z0-9][a-z0-9-]*:\S+|https?:\/\/\S+)$/;

// Elements of type instant, and of type date, by name; the rest that look
// like a date must be a dateTime (or a date).
const INSTANTS = new Set(['lastUpdated', 'timestamp', 'issued', 'recorded']);
const DATES = new Set(['birthDate', 'statusDate', 'deceasedDate']);

/** Our own checks: a list of problems ("Goal.statusDate: 2026-13-01 is not a date"). */
export function formatProblems(resource, path = resource.resourceType) {
  const out = [];
  const walk = (v, p, key, parentType) => {
    if (Array.isArray(v)) { v.forEach((e, i) => walk(e, `${p}[${i}]`, key, parentType)); return; }
    if (v !== null && typeof v === 'object') {
      const type = v.resourceType || parentType;
      if (v.resourceType && !ID.test(v.id || '') && !(p === 'Bundle' || v.resourceType === 'OperationOutcome'))
        out.push(`${p}.id: ${JSON.stringify(v.id)} is not a FHIR id`);
      for (const [k, x] of Object.entries(v)) walk(x, `${p}.${k}`, k, type);
      return;
    }
    if (typeof v !== 'string') return;
    if (v.trim() === '') out.push(`${p}: a string with nothing in it`);
    if (key === 'reference' && !REFERENCE.test(v)) out.push(`${p}: ${v} is not Type/id`);
    if ((key === 'system' || key === 'url' || key === 'definition') && !URI.test(v)) out.push(`${p}: ${v} is not an absolute URI`);
    if (key === 'code' && /\s$|^\s|\s\s/.test(v)) out.push(`${p}: ${v} is not a code`);
    if (/^\d{4}(-|$)/.test(v) && !['value', 'code', 'display', 'text', 'id'].includes(key) && !p.endsWith('.id')) {
      const onlyInstant = INSTANTS.has(key) ||
        (parentType === 'Appointment' && /(^Appointment|\.resource)\.(start|end)$/.test(p));
      if (DATES.has(key) ? !DATE.test(v) : onlyInstant ? !INSTANT.test(v) : !DATETIME.test(v))
        out.push(`${p}: ${v} is not a valid ${DATES.has(key) ? 'date' : onlyInstant ? 'instant' : 'dateTime'}`);
    }
  };
  walk(resource, path, null, null);
  return out;
}

/** Everything wrong with a resource: the validator's errors and warnings
 * (but for our own codes, which no HL7 value set can hold, and LOINC's,
 * which the validator does not carry, in elements bound to an example
 * value set) and our own format checks. */
export function problems(resource) {
  const v = fhir.validate(resource);
  const out = v.messages
    .filter((m) => m.severity === 'error' || m.severity === 'warning')
    .filter((m) => !(m.severity === 'warning' && /^Code ".*" \((urn:rosc:[a-z:-]+|http:\/\/loinc\.org)\) not found in value set$/.test(m.message)))
    .map((m) => `${m.location}: ${m.severity}: ${m.message}`);
  if (!v.valid && out.length === 0) out.push('not valid');
  return out.concat(formatProblems(resource));
}
