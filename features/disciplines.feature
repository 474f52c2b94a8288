# language: nl
Functionaliteit: Strategie en onderzoek per discipline
  De coördinator kiest de disciplines die nodig zijn. Elke gekozen discipline krijgt precies
  één onderzoekstaak, in haar eigen lane. Vraagt het traject ondersteuning van het VAPH, dan
  voegt de regel van het multidisciplinair team de arts, de psycholoog en de maatschappelijk
  werker toe.

  Abstract Scenario: Precies de gekozen disciplines krijgen een onderzoek
    Gegeven een traject na de intake, <vaph> VAPH-aanvraag
    Als de coördinator kiest voor <gekozen>
    Dan krijgen precies <onderzoekers> een onderzoekstaak

    Voorbeelden:
      | vaph    | gekozen                    | onderzoekers                                                  |
      | zonder  | psycholoog en logopedist   | psycholoog en logopedist                                      |
      | zonder  | kinesitherapeut            | kinesitherapeut                                               |
      | met     | logopedist                 | psycholoog, arts, maatschappelijk werker en logopedist        |
      | met     | arts en psycholoog         | psycholoog, arts en maatschappelijk werker                    |

  Scenario: Het team ziet pas samen als alle onderzoeken klaar zijn
    Gegeven een traject na de intake, zonder VAPH-aanvraag
    Als de coördinator kiest voor psycholoog en logopedist
    En de psycholoog het onderzoek afrondt
    Dan ligt "Teamoverleg en integratie" nog niet klaar
    Als de logopedist het onderzoek afrondt
    Dan ligt "Teamoverleg en integratie" klaar voor de coördinator
    En zijn er bevindingen van psycholoog en logopedist

  Scenario: Een discipline kan de taak van een andere discipline niet afronden
    Gegeven een traject na de intake, zonder VAPH-aanvraag
    Als de coördinator kiest voor psycholoog en logopedist
    Dan mag de psycholoog het logopedisch onderzoek niet afronden
