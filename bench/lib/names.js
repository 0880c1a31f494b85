'use strict';
/** Belgian first names and surnames shared by the benchmarks' data generators (index 0 is the most frequent). */
const FIRST = ['Jan', 'Marc', 'Luc', 'Peter', 'Koen', 'Tom', 'Bart', 'Dirk', 'Wim', 'Sofie', 'An', 'Els', 'Katrien', 'Inge', 'Lies',
  'Sarah', 'Julie', 'Emma', 'Louis', 'Lucas', 'Noah', 'Arthur', 'Jules', 'Victor', 'Marie', 'Camille', 'Nathalie', 'Isabelle',
  'Philippe', 'Pierre', 'Jean', 'Michel', 'Olivier', 'Nicolas', 'Thomas', 'Laura', 'Charlotte', 'Elise', 'Hanne', 'Lotte', 'Wouter',
  'Stijn', 'Joris', 'Pieter', 'Maarten', 'Jeroen', 'Bram', 'Sander', 'Ruben', 'Lien', 'Eva', 'Nele', 'Griet', 'Hilde', 'Greet',
  'Annick', 'Veerle', 'Kristof', 'Dries', 'Frederik', 'Gert', 'Hans', 'Ilse', 'Johan', 'Karel', 'Leen', 'Mieke', 'Nico', 'Rik', 'Yves'];
const SURNAMES = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Dubois',
  'Lambert', 'Dupont', 'Martin', 'Hermans', 'Aerts', 'Michiels', 'Desmet', 'Van den Broeck', 'Vermeulen', 'Pauwels', 'Cools', 'Leclercq',
  'Segers', 'Van Damme', 'Verstraete', 'Declercq', 'De Backer', 'Stevens', 'Verhoeven', 'Simon', 'Laurent', 'Lemaire', 'Denis',
  'Renard', 'Dumont', 'Hendrickx', 'Smets', 'Van de Velde', 'Verbeke', 'Coppens', 'Bogaerts', 'Thys', 'Mathieu', 'Lenaerts',
  'Vandenberghe', 'De Clercq', 'Claeys', 'Van Acker', 'Gielen', 'Moens', 'Maertens', 'Devos', 'Baert', 'Vos', 'Lemmens', 'Bauwens',
  'Dewulf', 'Vandamme', 'Wuyts', 'Schepens', 'Vervoort', 'Vanhove', 'Sels', 'Verlinden', 'Van Hecke', 'Fontaine', 'Leroy', 'Mathys',
  'Geerts', 'Van Dyck', 'Tielemans', 'Wijns', 'Govaerts', 'Vanderstraeten', 'Heylen', 'Nys', 'Cornelis', 'Roels', 'Vandevelde',
  'De Vos', 'Beckers', 'Dierickx', 'Meeus', 'Bosmans', 'Van Laere', 'Vlaeminck', 'Huybrechts', 'Timmermans', 'Verschueren',
  'Van Hoof', 'De Wilde', 'Rombouts', 'Celis', 'Vandeputte', 'Callens', 'Bertrand', 'Gerard', 'Francois', 'Collard', 'Noel',
  'Lefebvre', 'Mercier', 'Charlier', 'Gilson', 'Delvaux', 'Dumoulin', 'Hubert', 'Jacquet', 'Leonard', 'Marchal', 'Pirard', 'Servais',
  'Gillet', 'Henrard', 'Michel', 'Pirotte', 'Bodart', 'Dethier', 'Lejeune', 'Massart', 'Warnier', 'Libert', 'Dessart', 'Englebert',
  'Ooms', 'Kerckhofs', 'Van Gucht', 'Bracke', 'Buyse', 'Cappelle', 'Dewitte', 'Devriendt', 'Haesaert', 'Keppens', 'Lippens', 'Naessens',
  'Pattyn', 'Quintens', 'Rogiers', 'Seynaeve', 'Taelman', 'Uyttendaele', 'Verhaeghe', 'Wyffels', 'Ysebaert', 'Zwaenepoel'];

module.exports = { FIRST, SURNAMES };
