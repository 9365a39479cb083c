/** Which pool of invented first names an alias is drawn from. */
export type NameGroup =
  | 'WEST_AFRICA' | 'EAST_AFRICA' | 'CENTRAL_EUROPE' | 'BALKANS' | 'ROMANIA' | 'BALTIC' | 'EAST_EUROPE' | 'SOUTHEAST_ASIA'
  | 'EAST_ASIA' | 'SOUTH_ASIA' | 'MIDDLE_EAST' | 'LATIN_AMERICA' | 'NORDIC';

export interface Country {
  code: string; // ISO 3166-1 alpha-2
  /** Relative share of identified victims, roughly as national reports show it. */
  weight: number;
  /** Share of this nationality's victims who are women. */
  femaleShare: number;
  /** EEA citizens have a right of residence and rarely need a reflection period or permit. */
  eea: boolean;
  /** ISO 639-1; the first is the main language, interpreters use it. */
  languages: string[];
  names: NameGroup;
}

const c = (
  code: string, weight: number, femaleShare: number, eea: boolean, languages: string[], names: NameGroup,
): Country => ({ code, weight, femaleShare, eea, languages, names });

export const countries: readonly Country[] = [
  c('NG', 44, 0.95, false, ['en', 'yo', 'ig'], 'WEST_AFRICA'),
  c('RO', 26, 0.7, true, ['ro'], 'ROMANIA'),
  c('BG', 15, 0.7, true, ['bg'], 'BALKANS'),
  c('VN', 11, 0.55, false, ['vi'], 'SOUTHEAST_ASIA'),
  c('TH', 11, 0.95, false, ['th'], 'SOUTHEAST_ASIA'),
  c('PH', 9, 0.85, false, ['tl', 'en'], 'SOUTHEAST_ASIA'),
  c('AL', 8, 0.8, false, ['sq'], 'BALKANS'),
  c('ER', 7, 0.7, false, ['ti', 'ar'], 'EAST_AFRICA'),
  c('PL', 8, 0.35, true, ['pl'], 'CENTRAL_EUROPE'),
  c('LT', 7, 0.45, true, ['lt', 'ru'], 'BALTIC'),
  c('CN', 6, 0.85, false, ['zh'], 'EAST_ASIA'),
  c('BR', 5, 0.9, false, ['pt'], 'LATIN_AMERICA'),
  c('UG', 5, 0.9, false, ['en', 'lg'], 'EAST_AFRICA'),
  c('UA', 4, 0.8, false, ['uk', 'ru'], 'EAST_EUROPE'),
  c('RU', 3, 0.85, false, ['ru'], 'EAST_EUROPE'),
  c('MD', 3, 0.8, false, ['ro', 'ru'], 'ROMANIA'),
  c('SO', 3, 0.75, false, ['so'], 'EAST_AFRICA'),
  c('ET', 3, 0.85, false, ['am'], 'EAST_AFRICA'),
  c('GH', 3, 0.9, false, ['en'], 'WEST_AFRICA'),
  c('KE', 3, 0.9, false, ['sw', 'en'], 'EAST_AFRICA'),
  c('LV', 3, 0.5, true, ['lv', 'ru'], 'BALTIC'),
  c('SK', 3, 0.6, true, ['sk'], 'CENTRAL_EUROPE'),
  c('HU', 3, 0.75, true, ['hu'], 'CENTRAL_EUROPE'),
  c('NO', 3, 0.8, true, ['no'], 'NORDIC'),
  c('IN', 2, 0.35, false, ['hi', 'en'], 'SOUTH_ASIA'),
  c('AF', 2, 0.3, false, ['fa', 'ps'], 'MIDDLE_EAST'),
  c('IQ', 2, 0.5, false, ['ar', 'ku'], 'MIDDLE_EAST'),
  c('SY', 2, 0.5, false, ['ar'], 'MIDDLE_EAST'),
  c('SL', 2, 0.9, false, ['en'], 'WEST_AFRICA'),
  c('GM', 2, 0.6, false, ['en'], 'WEST_AFRICA'),
  c('CM', 2, 0.9, false, ['fr', 'en'], 'WEST_AFRICA'),
  c('CD', 2, 0.85, false, ['fr', 'ln'], 'WEST_AFRICA'),
  c('MA', 2, 0.5, false, ['ar', 'fr'], 'MIDDLE_EAST'),
  c('EE', 2, 0.6, true, ['et', 'ru'], 'BALTIC'),
  c('CZ', 2, 0.6, true, ['cs'], 'CENTRAL_EUROPE'),
  c('BY', 2, 0.75, false, ['be', 'ru'], 'EAST_EUROPE'),
  c('RS', 2, 0.7, false, ['sr'], 'BALKANS'),
  c('PK', 2, 0.25, false, ['ur', 'en'], 'SOUTH_ASIA'),
  c('BD', 2, 0.35, false, ['bn'], 'SOUTH_ASIA'),
  c('LK', 1, 0.5, false, ['si', 'ta'], 'SOUTH_ASIA'),
  c('NP', 1, 0.6, false, ['ne'], 'SOUTH_ASIA'),
  c('ID', 1, 0.8, false, ['id'], 'SOUTHEAST_ASIA'),
  c('MN', 1, 0.85, false, ['mn'], 'EAST_ASIA'),
  c('DO', 1, 0.9, false, ['es'], 'LATIN_AMERICA'),
  c('CO', 1, 0.9, false, ['es'], 'LATIN_AMERICA'),
  c('VE', 1, 0.85, false, ['es'], 'LATIN_AMERICA'),
  c('BA', 1, 0.7, false, ['bs'], 'BALKANS'),
  c('MK', 1, 0.7, false, ['mk'], 'BALKANS'),
];

export const countryByCode: ReadonlyMap<string, Country> = new Map(countries.map((x) => [x.code, x]));

export function country(code: string): Country {
  const found = countryByCode.get(code);
  if (!found) throw new RangeError(`unknown demo country ${code}`);
  return found;
}

/** True when any of the nationalities is an EEA country. */
export function isEeaCitizen(nationalities: readonly string[]): boolean {
  return nationalities.some((code) => countryByCode.get(code)?.eea === true);
}
