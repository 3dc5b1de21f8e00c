/** Common Swedish given names and surnames (Statistics Sweden's frequent-name lists, abridged). */
export const FEMALE_NAMES = [
  'Anna', 'Eva', 'Maria', 'Karin', 'Sara', 'Christina', 'Lena', 'Emma', 'Kerstin', 'Marie', 'Malin', 'Ingrid', 'Jenny', 'Hanna',
  'Linda', 'Elin', 'Annika', 'Birgitta', 'Sofia', 'Ida', 'Susanne', 'Johanna', 'Elisabeth', 'Inger', 'Ulla', 'Carina', 'Julia',
  'Monica', 'Camilla', 'Ebba', 'Alice', 'Maja', 'Elsa', 'Astrid', 'Wilma', 'Freja', 'Saga', 'Agnes', 'Märta', 'Åsa', 'Gunilla',
] as const;

export const MALE_NAMES = [
  'Lars', 'Mikael', 'Anders', 'Johan', 'Per', 'Erik', 'Karl', 'Peter', 'Thomas', 'Jan', 'Daniel', 'Fredrik', 'Hans', 'Andreas',
  'Stefan', 'Mohammed', 'Mats', 'Marcus', 'Magnus', 'Jonas', 'Bengt', 'Oskar', 'Nils', 'Alexander', 'Patrik', 'Martin', 'Björn',
  'Leif', 'Sven', 'Gustav', 'William', 'Liam', 'Noah', 'Hugo', 'Lucas', 'Elias', 'Oliver', 'Axel', 'Ali', 'Göran', 'Åke',
] as const;

export const SURNAMES = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson',
  'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson', 'Lindberg', 'Jakobsson', 'Magnusson', 'Olofsson',
  'Lindström', 'Lindqvist', 'Lindgren', 'Axelsson', 'Berg', 'Bergström', 'Lundberg', 'Lind', 'Lundgren', 'Lundqvist',
  'Mattsson', 'Berglund', 'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström', 'Eklund',
  'Danielsson', 'Lundin', 'Håkansson', 'Björk', 'Bergman', 'Gunnarsson', 'Holm', 'Wikström', 'Samuelsson', 'Isaksson',
  'Fransson', 'Bergqvist', 'Nyström', 'Holmberg', 'Arvidsson', 'Löfgren', 'Söderberg', 'Nyberg', 'Blomqvist', 'Claesson',
  'Ahmed', 'Hassan', 'Ali', 'Mohamed', 'Yilmaz', 'Nguyen', 'Kowalski', 'Virtanen', 'Ramírez', 'Öberg',
] as const;
