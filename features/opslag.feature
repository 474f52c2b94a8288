# language: nl
Functionaliteit: Trajecten gaan nooit verloren en hun geschiedenis is na te spelen
  Een traject loopt maanden. Het blijft op de richtlijnversie waarmee het begon, ook als het
  kwaliteitscentrum een nieuwe versie laadt. Elke stap en elke wijziging (het team, de
  instemming, het A-document) staat in een logboek met een hashketen onder een geheime sleutel;
  een auditor kan het traject stap voor stap opnieuw uitvoeren.

  Achtergrond:
    Gegeven een opgeslagen traject op de huidige richtlijnversie

  Scenario: Een traject houdt zijn richtlijnversie als een nieuwe versie geladen wordt
    Als het kwaliteitscentrum een nieuwe versie laadt waarin de screening "Triage" heet
    En een tweede traject start
    Dan loopt het eerste traject nog op de eerste versie
    En heet de screening in het eerste traject "Screening en urgentie"
    En heet de screening in het tweede traject "Triage"
    En kan het eerste traject verder met de formulieren van de eerste versie

  Scenario: Een termijn gaat één keer af, ook met twee planners tegelijk
    Gegeven het traject wacht op de A001-registratie na een intake op 2026-09-15
    Als twee planners tegelijk de timers afgaan op 2026-09-25 09:00
    Dan is de termijn precies één keer afgegaan
    En ligt er precies één escalatie voor de teamverantwoordelijke

  Scenario: Heruitvoering reproduceert het traject
    Gegeven het traject is gelopen tot het teamoverleg
    # gebeurtenis 1 is de start, 2 tot 7 stellen het team samen, 8 en 9 zijn aanmelding en screening
    Als de auditor het traject opnieuw uitvoert tot gebeurtenis 9
    Dan ligt bij gebeurtenis 9 "Informeren en instemming" klaar
    Als de auditor het hele traject opnieuw uitvoert
    Dan is de uitkomst gelijk aan de opgeslagen toestand
    En is de heruitvoering opgenomen in het toegangslogboek
