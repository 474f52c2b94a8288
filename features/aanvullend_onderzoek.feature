# language: nl
Functionaliteit: Teamoverleg en aanvullend onderzoek
  In het teamoverleg integreert het team de bevindingen. Is er aanvullend onderzoek nodig, dan
  gaat het traject terug naar het onderzoek, alleen voor de disciplines die het team vraagt.
  De bevindingen van elke ronde blijven bewaard.

  Achtergrond:
    Gegeven een nieuw traject volgens de richtlijn
    En het traject staat aan het teamoverleg na onderzoek door psycholoog en logopedist

  Scenario: Zonder aanvullend onderzoek volgt de conclusie
    Als het team geen aanvullend onderzoek nodig vindt
    Dan ligt "Diagnostische conclusie" klaar voor de coördinator

  Scenario: Aanvullend onderzoek gaat enkel naar de gevraagde discipline
    Als het team aanvullend onderzoek vraagt aan de kinesitherapeut
    Dan krijgt alleen de kinesitherapeut een onderzoekstaak
    Als de kinesitherapeut het onderzoek afrondt
    Dan ligt "Teamoverleg en integratie" klaar voor de coördinator
    En zijn er bevindingen uit ronde 1 van psycholoog en logopedist
    En zijn er bevindingen uit ronde 2 van kinesitherapeut
    En tekenen psycholoog, logopedist en kinesitherapeut later het verslag

  Scenario: Het team kan meerdere keren aanvullend onderzoek vragen
    Als het team aanvullend onderzoek vraagt aan de kinesitherapeut
    En de kinesitherapeut het onderzoek afrondt
    En het team aanvullend onderzoek vraagt aan de kinesitherapeut
    En de kinesitherapeut het onderzoek afrondt
    En het team geen aanvullend onderzoek nodig vindt
    Dan ligt "Diagnostische conclusie" klaar voor de coördinator
    En zijn er bevindingen uit ronde 3 van kinesitherapeut
