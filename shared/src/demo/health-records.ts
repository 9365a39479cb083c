import { type ExploitationForm, Gender } from '../domain/enums';
import type { HealthRecords } from './caseload-types';
import { activeUntil, type GenerationContext, type Person } from './context';
import { DAY_MS, dateBetween, daysAfter } from './dates';
import type { SeededRandom } from './random';

type Assessment = HealthRecords['assessments'][number];

/** Made-up finding codes with a short, clinical-sounding note for each. */
const findingNotes: Record<string, readonly string[]> = {
  PTSD_SYMPTOMS: [
    'Intrusive memories and hypervigilance; trauma screening positive.',
    'Flashbacks and startle response reported; screening positive for trauma symptoms.',
  ],
  DEPRESSIVE_SYMPTOMS: [
    'Low mood, reduced appetite and withdrawal over several months.',
    'Depressive symptoms, no current suicidal ideation.',
  ],
  ANXIETY: [
    'Marked anxiety with palpitations when travel is discussed.',
    'Generalised anxiety; breathing techniques introduced.',
  ],
  SLEEP_DISTURBANCE: [
    'Sleeps three to four hours a night, frequent nightmares.',
    'Difficulty falling asleep; sleep hygiene advice given.',
  ],
  UNTREATED_INJURY: [
    'Healed fracture of the forearm, not previously treated.',
    'Old laceration on the hand with reduced grip strength.',
    'Bruising of varying age on upper arms.',
  ],
  STI: ['STI screening positive; treatment started.', 'Positive chlamydia test, treated; retest planned.'],
  PREGNANCY: ['Pregnancy confirmed; referred to antenatal care.'],
  MALNUTRITION: [
    'Underweight with BMI below 18.5; dietary follow-up arranged.',
    'Signs of prolonged poor nutrition; vitamin D deficiency.',
  ],
  DENTAL_NEEDS: ['Several untreated caries; referred to public dental service.'],
  CHRONIC_PAIN: [
    'Persistent back and shoulder pain after heavy physical work.',
    'Chronic knee pain; physiotherapy referral.',
  ],
  SUBSTANCE_USE: [
    'Reports daily alcohol use to cope; brief intervention given.',
    'Intermittent benzodiazepine use without prescription; tapering discussed.',
  ],
  SKIN_INFECTION: ['Scabies on hands and wrists; treated.', 'Fungal skin infection; topical treatment.'],
  TB_SCREENING_REFERRAL: ['IGRA positive on arrival screening; referred to chest clinic.'],
};

const closingNotes = [
  'Follow-up with GP in four weeks.',
  'Referred to specialist mental health services.',
  'Interpreter used throughout.',
  'Routine follow-up offered.',
  'Vaccination status reviewed and updated.',
];

const baseChance: Record<string, number> = {
  PTSD_SYMPTOMS: 0.45, DEPRESSIVE_SYMPTOMS: 0.25, ANXIETY: 0.3, SLEEP_DISTURBANCE: 0.35, UNTREATED_INJURY: 0.12,
  STI: 0.02, PREGNANCY: 0, MALNUTRITION: 0.1, DENTAL_NEEDS: 0.25, CHRONIC_PAIN: 0.1, SUBSTANCE_USE: 0.08,
  SKIN_INFECTION: 0.06, TB_SCREENING_REFERRAL: 0.04,
};
const formBoost: Partial<Record<ExploitationForm, Record<string, number>>> = {
  SEXUAL_EXPLOITATION: { STI: 0.3, PTSD_SYMPTOMS: 0.15, SUBSTANCE_USE: 0.08 },
  FORCED_LABOUR: { UNTREATED_INJURY: 0.2, CHRONIC_PAIN: 0.3, MALNUTRITION: 0.1 },
  BEGGING: { MALNUTRITION: 0.2, SKIN_INFECTION: 0.1 },
  DOMESTIC_SERVITUDE: { MALNUTRITION: 0.1, DEPRESSIVE_SYMPTOMS: 0.15 },
};
const needsFollowUp = new Set([
  'PTSD_SYMPTOMS', 'DEPRESSIVE_SYMPTOMS', 'UNTREATED_INJURY', 'PREGNANCY', 'TB_SCREENING_REFERRAL', 'SUBSTANCE_USE',
]);

/**
 * Health summaries for most victims and assessments for most of them, soon after identification. A few
 * victims identified more than two weeks ago are deliberately left without an assessment.
 */
export function generateHealthRecords(rng: SeededRandom, ctx: GenerationContext): HealthRecords {
  const records: HealthRecords = { summaries: [], assessments: [] };
  const notAssessed = deliberatelyNotAssessed(rng, ctx);
  for (const person of ctx.people) {
    const known = notAssessed.has(person) || rng.chance(0.985);
    if (!known) continue;
    const end = activeUntil(person, ctx.asOf);
    const assessments: Assessment[] = [];
    if (!notAssessed.has(person) && rng.chance(0.99)) {
      // Most within a fortnight of identification; some later.
      const [minDays, maxDays] = rng.chance(0.9) ? [1, 12] : [15, 30];
      const first = daysAfter(rng, person.identifiedAt, minDays, maxDays);
      if (first <= end) {
        assessments.push(assessment(rng, ctx, person, first));
        const followUp = daysAfter(rng, first, 30, 180);
        if (rng.chance(0.2) && followUp <= end) assessments.push(assessment(rng, ctx, person, followUp));
      }
    }
    records.assessments.push(...assessments);
    const sinceIdentified = (ctx.asOf.getTime() - person.identifiedAt.getTime()) / DAY_MS;
    const hasGp = rng.chance(sinceIdentified > 90 ? 0.7 : 0.25);
    const lastAssessment = assessments[assessments.length - 1];
    const last = lastAssessment ? new Date(lastAssessment.assessedAt) : null;
    const contact = hasGp && rng.chance(0.6) ? dateBetween(rng, last ?? person.identifiedAt, end) : null;
    const findings = assessments.flatMap((a) => a.findings);
    records.summaries.push({
      victimId: person.victim.id,
      hasGp,
      assessmentDone: assessments.length > 0,
      followUpNeeded: rng.chance(findings.some((f) => needsFollowUp.has(f)) ? 0.75 : 0.1),
      lastContactAt: (contact ?? last)?.toISOString() ?? null,
    });
  }
  return records;
}

/** Three to five victims identified 15–120 days ago, still in Norway, whom health has not yet assessed. */
function deliberatelyNotAssessed(rng: SeededRandom, ctx: GenerationContext): Set<Person> {
  const age = (p: Person): number => (ctx.asOf.getTime() - p.identifiedAt.getTime()) / DAY_MS;
  const candidates = ctx.people.filter((p) => age(p) > 15 && age(p) < 120 && !p.returnRequestedAt);
  return new Set(rng.shuffle(candidates).slice(0, rng.int(3, 5)));
}

function assessment(rng: SeededRandom, ctx: GenerationContext, person: Person, assessedAt: Date): Assessment {
  const findings = Object.keys(findingNotes).filter((code) => {
    let p = baseChance[code] ?? 0;
    for (const form of person.victim.exploitationForms) p += formBoost[form]?.[code] ?? 0;
    if (code === 'PREGNANCY') p = person.victim.gender === Gender.FEMALE && !person.victim.minor ? 0.05 : 0;
    return rng.chance(p);
  });
  const phrases = findings.slice(0, 3).map((code) => rng.pick(findingNotes[code] ?? []));
  const notes = phrases.length === 0 ? 'No significant findings.' : phrases.join(' ');
  return {
    id: ctx.ids.next('ha'),
    victimId: person.victim.id,
    assessedAt: assessedAt.toISOString(),
    clinician: `clin-${person.victim.region.toLowerCase()}-${rng.int(1, 3)}`,
    findings,
    notes: `${notes} ${rng.pick(closingNotes)}`,
  };
}
