import { registerEnumType } from 'type-graphql';

/**
 * The rights a victim of human trafficking is informed of, after the national guideline on informing victims of
 * their rights: one list, for every agency (docs/architecture.md, "Rights information").
 */
export enum Right {
  REFLECTION_AND_RECOVERY_PERIOD = 'REFLECTION_AND_RECOVERY_PERIOD',
  ASSISTANCE_AND_SHELTER = 'ASSISTANCE_AND_SHELTER',
  HEALTH_CARE = 'HEALTH_CARE',
  FREE_LEGAL_AID = 'FREE_LEGAL_AID',
  INTERPRETER = 'INTERPRETER',
  COMPENSATION = 'COMPENSATION',
  RESIDENCE_PERMIT = 'RESIDENCE_PERMIT',
  WITNESS_PROTECTION = 'WITNESS_PROTECTION',
  VOLUNTARY_RETURN = 'VOLUNTARY_RETURN',
  COMPLAINT = 'COMPLAINT',
}

registerEnumType(Right, {
  name: 'Right',
  description: 'A right the victim was informed of (the national guideline on informing victims of their rights).',
});

/** The ISO 639-1 language codes (two lower-case letters), in which a victim can have been informed. */
export const iso639_1 = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es ' +
    'et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki ' +
    'kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no ' +
    'nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te ' +
    'tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
  ).split(' '),
);

export const isLanguageCode = (value: string): boolean => iso639_1.has(value);

/** The support-path summary of a RIGHTS_INFORMED event: how many rights, the language, the interpreter; no names. */
export const rightsInformedSummary = (rights: number, language: string, interpreter: boolean): string =>
  `Informed of ${rights} right${rights === 1 ? '' : 's'} in ${language}${interpreter ? ', with an interpreter' : ''}`;
