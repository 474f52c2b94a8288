# language: nl
Functionaliteit: Screening en het crisispad
  Bij een crisis wordt binnen 72 uur afgestemd met het crisisnetwerk. Is dat na 72 uur nog
  niet gebeurd, dan neemt de teamverantwoordelijke het over. Daarna loopt het traject verder
  met de instemming.

  Achtergrond:
    Gegeven een nieuw traject volgens de richtlijn

  Scenario: Zonder crisis gaat het traject meteen naar de instemming
    Als de screening geen crisis vaststelt
    Dan ligt "Informeren en instemming" klaar voor de coördinator
    En ligt er geen crisisafstemming klaar

  Scenario: Bij een crisis komt eerst de crisisafstemming
    Als de screening een crisis vaststelt
    Dan ligt "Crisisafstemming (binnen 72 uur)" klaar voor de coördinator
    Als de crisisafstemming gebeurd is
    Dan ligt "Informeren en instemming" klaar voor de coördinator

  Scenario: Een crisisafstemming die na 72 uur niet gebeurd is, escaleert
    Als de screening een crisis vaststelt
    En er 71 uur verstrijken
    Dan ligt er geen escalatie klaar
    Als er nog 2 uur verstrijken
    Dan ligt "Escalatie: crisisafstemming na 72 uur" klaar voor de teamverantwoordelijke
    En ligt "Crisisafstemming (binnen 72 uur)" klaar voor de coördinator
