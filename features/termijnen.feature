# language: nl
Functionaliteit: Termijnen die escaleren
  De registratie van het MDT-traject (A001) moet binnen 7 dagen na de intake gebeuren, elk
  onderzoek binnen 6 weken, en het multidisciplinair verslag binnen 4 maanden na de
  intakedatum. Een gemiste termijn komt bij de teamverantwoordelijke terecht. De tijd wordt in
  de test verzet, er wordt nooit gewacht.

  Achtergrond:
    Gegeven een nieuw traject volgens de richtlijn
    En de intake vond plaats op 2026-09-15

  Scenario: Een A001-registratie die te laat is, escaleert
    Als het 2026-09-22 23:00 is
    Dan ligt er geen escalatie klaar
    Als het 2026-09-23 00:30 is
    Dan ligt "Escalatie: A001 niet binnen 7 dagen" klaar voor de teamverantwoordelijke
    En ligt "Registratie MDT-traject (A001)" klaar voor de coördinator

  Scenario: Een tijdige A001-registratie escaleert nooit
    Als de A001-registratie gebeurt op 2026-09-17
    En het 2026-10-30 09:00 is
    Dan ligt er geen escalatie klaar

  Scenario: Een onderzoek dat na 6 weken niet klaar is, escaleert
    Als de A001-registratie gebeurt op 2026-09-17
    En de strategie gekozen wordt op 2026-09-20
    En het 2026-11-01 12:01 is
    Dan ligt "Escalatie: onderzoek over termijn" klaar voor de teamverantwoordelijke

  Scenario: De termijn van 4 maanden telt vanaf de intakedatum, ook na een extra onderzoeksronde
    Dan vervalt het verslag op 2027-01-15
    Als de A001-registratie gebeurt op 2026-09-17
    En het traject een extra onderzoeksronde doet
    Dan vervalt het verslag op 2027-01-15
    Als het 2027-01-16 08:00 is
    Dan ligt "Escalatie: verslag niet binnen 4 maanden" klaar voor de teamverantwoordelijke
