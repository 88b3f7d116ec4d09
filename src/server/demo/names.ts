/** Common Swedish first names and surnames, for demo and synthetic people. */
export const FIRST_NAMES = [
  "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kerstin", "Emma", "Ingrid", "Malin", "Linda", "Sofia",
  "Elin", "Johanna", "Marie", "Hanna", "Åsa", "Ulla", "Birgitta", "Camilla", "Jenny", "Helena", "Annika", "Ida",
  "Märta", "Elsa", "Ebba", "Astrid", "Maja", "Alice", "Wilma", "Agnes", "Frida", "Lovisa", "Therese", "Britt",
  "Gunilla", "Monica", "Susanne", "Ylva", "Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Nils", "Mikael",
  "Jan", "Lennart", "Hans", "Peter", "Olof", "Gunnar", "Sven", "Fredrik", "Daniel", "Mattias", "Magnus", "Stefan",
  "Göran", "Björn", "Jonas", "Oskar", "Henrik", "Andreas", "Thomas", "Håkan", "Ulf", "Bengt", "Måns", "Axel",
  "Hugo", "Liam", "Noah", "Elias", "Viktor", "Emil", "Ali", "Ahmed", "Fatima", "Amina", "Mohammed", "Leila",
  "Yusuf", "Nour", "Dragan", "Mirela", "Aino", "Jukka",
] as const;

export const LAST_NAMES = [
  "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
  "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson", "Lindberg", "Jakobsson",
  "Magnusson", "Olofsson", "Lindström", "Lindqvist", "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg",
  "Lind", "Lundgren", "Lundqvist", "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg",
  "Sjöberg", "Wallin", "Engström", "Eklund", "Danielsson", "Lundin", "Håkansson", "Björk", "Bergman", "Gunnarsson",
  "Holm", "Wikström", "Samuelsson", "Isaksson", "Fransson", "Bergqvist", "Nyström", "Holmberg", "Arvidsson",
  "Löfgren", "Söderberg", "Nyberg", "Blomqvist", "Claesson", "Nordström", "Mårtensson", "Lundström", "Ali",
  "Viklund", "Björklund", "Eliasson", "Pålsson", "Berggren", "Sandström", "Lund", "Nordin", "Ström", "Åberg",
  "Hermansson", "Ekström", "Holmgren", "Falk", "Dahlberg", "Hellström", "Hosseini", "Mohammadi", "Öberg", "Åkesson",
] as const;

const FOLD: Record<string, string> = { å: "a", ä: "a", ö: "o", é: "e", è: "e", ü: "u" };

/** A name made safe for an e-mail address: lower case, Swedish letters folded, nothing but a–z, 0–9 and dots. */
export const asciiFold = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[åäöéèü]/g, (char) => FOLD[char])
    .replace(/[^a-z0-9.]/g, "");
