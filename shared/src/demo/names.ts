import type { NameGroup } from './nationalities';

/**
 * Invented pseudonyms: a common first name plus an initial ("Amara K."). Coordinators give every victim
 * an alias; it is never the person's real name, and nothing here is a national id number.
 */
export const aliasFirstNames: Record<NameGroup, { women: string[]; men: string[] }> = {
  WEST_AFRICA: {
    women: ['Amara', 'Blessing', 'Joy', 'Kemi', 'Ife', 'Ngozi', 'Efe', 'Adaeze', 'Favour', 'Precious', 'Esther', 'Ama'],
    men: ['Emeka', 'Kofi', 'Tunde', 'Chidi', 'Kwame', 'Osas', 'Yaw', 'Ebuka'],
  },
  EAST_AFRICA: {
    women: ['Senait', 'Hiwet', 'Amina', 'Nasra', 'Wanjiru', 'Saba', 'Nakato', 'Selam', 'Halima', 'Akello'],
    men: ['Dawit', 'Yonas', 'Abdi', 'Okello', 'Bereket', 'Juma', 'Tesfay'],
  },
  CENTRAL_EUROPE: {
    women: ['Agnieszka', 'Kasia', 'Zsofia', 'Petra', 'Lucia', 'Marta', 'Eszter', 'Jana'],
    men: ['Piotr', 'Marek', 'Tomasz', 'Lukas', 'Janos', 'Pavel', 'Krzysztof', 'Matej'],
  },
  BALKANS: {
    women: ['Elira', 'Desislava', 'Milena', 'Teodora', 'Arta', 'Vesna', 'Besa', 'Ralitsa', 'Jelena'],
    men: ['Arben', 'Dimitar', 'Ilir', 'Stoyan', 'Nikola', 'Besnik', 'Goran', 'Ivaylo'],
  },
  ROMANIA: {
    women: ['Ioana', 'Mihaela', 'Andreea', 'Elena', 'Florentina', 'Roxana', 'Alina', 'Denisa'],
    men: ['Andrei', 'Ionut', 'Vasile', 'Florin', 'Catalin', 'Marius', 'Costel'],
  },
  BALTIC: {
    women: ['Rasa', 'Ruta', 'Ilze', 'Liga', 'Egle', 'Kristina', 'Inga'],
    men: ['Mindaugas', 'Darius', 'Janis', 'Tadas', 'Martins', 'Andrus'],
  },
  EAST_EUROPE: {
    women: ['Oksana', 'Natalia', 'Daria', 'Olena', 'Irina', 'Svetlana', 'Yulia'],
    men: ['Sergei', 'Dmytro', 'Pavlo', 'Oleg', 'Artem'],
  },
  SOUTHEAST_ASIA: {
    women: ['Linh', 'Mai', 'Nok', 'Malee', 'Joy', 'Rosalie', 'Lan', 'Ploy', 'Maricel', 'Thao', 'Siti'],
    men: ['Minh', 'Tuan', 'Somchai', 'Paolo', 'Duc', 'Arnel', 'Hieu'],
  },
  EAST_ASIA: {
    women: ['Mei', 'Xiu', 'Lian', 'Yan', 'Oyuna', 'Hua'],
    men: ['Wei', 'Jun', 'Bat', 'Hao'],
  },
  SOUTH_ASIA: {
    women: ['Priya', 'Nadia', 'Sunita', 'Rina', 'Tahmina', 'Kumari'],
    men: ['Ravi', 'Imran', 'Arjun', 'Sajid', 'Rahul', 'Kamal', 'Nuwan'],
  },
  MIDDLE_EAST: {
    women: ['Zara', 'Leyla', 'Rana', 'Samira', 'Dina', 'Hana'],
    men: ['Samir', 'Karim', 'Omid', 'Yusuf', 'Rashid', 'Farid'],
  },
  LATIN_AMERICA: {
    women: ['Luz', 'Daniela', 'Camila', 'Rosa', 'Yuliana', 'Fernanda', 'Paola'],
    men: ['Mateo', 'Diego', 'Luis', 'Carlos'],
  },
  NORDIC: {
    women: ['Lina', 'Maja', 'Ida', 'Sara'],
    men: ['Jonas', 'Emil', 'Sander'],
  },
};

export const initials = 'ABCDEFGHIJKLMNOPRSTUVWYZ'.split('');

/** Invented names of appointed representatives (guardians) for unaccompanied minors. */
export const guardianFirstNames = [
  'Ingrid', 'Kari', 'Solveig', 'Randi', 'Hilde', 'Marit', 'Tone', 'Astrid', 'Bjørn', 'Odd', 'Geir', 'Terje',
  'Knut', 'Arne', 'Liv', 'Anne', 'Per', 'Trond',
];

/** Invented NGOs in the reference group and their projects; none of them is a real organisation. */
export const ngoNames = [
  'Lyskaster Outreach', 'Nattlys Sentret', 'Bru-prosjektet', 'Veiviser Nord', 'Kvinneforum Vest',
  'Arbeidsrett Hjelpelinje', 'Havn Migrantsenter', 'Fyrlykt-prosjektet', 'Trygg Havn Stiftelse', 'Morgenrøde',
];
