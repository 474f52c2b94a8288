# language: nl
Functionaliteit: Instemming met het traject en de bekwaamheid van het kind
  Een traject start pas met de instemming van minstens één wettelijke vertegenwoordiger,
  en van het kind zelf als het bekwaam is. Bekwaamheid wordt vermoed vanaf 12 jaar, gerekend
  op de dag van de instemming, maar is een oordeel: het team kan er gemotiveerd van afwijken.
  Vanaf 18 jaar beslist de jongere alleen.

  Achtergrond:
    Gegeven een nieuw traject volgens de richtlijn

  Scenario: Een 13-jarige die weigert, stopt het traject
    Gegeven een kind geboren op 2013-03-02
    Als de ouders instemmen en het kind "weigert" op 2026-09-08
    Dan is de instemming "geweigerd"
    En ligt "Bemiddelen of afsluiten" klaar voor de coördinator
    Als de coördinator het traject afsluit
    Dan is het traject beëindigd met "traject_gestopt"

  Scenario: De weigering van een bekwame 11-jarige telt ook
    Gegeven een kind geboren op 2015-02-01
    En het team het kind bekwaam acht omdat "Ze begrijpt goed wat het onderzoek inhoudt."
    Als de ouders instemmen en het kind "weigert" op 2026-09-08
    Dan is de instemming "geweigerd"
    En is het kind bekwaam bevonden

  Scenario: Bij een 11-jarige die niet bekwaam is, beslissen de ouders
    Gegeven een kind geboren op 2015-02-01
    Als de ouders instemmen en het kind "weigert" op 2026-09-08
    Dan is de instemming "gegeven"
    En ligt "Intake en vraagverheldering" klaar voor de coördinator

  Scenario: Een 18-jarige beslist alleen
    Gegeven een kind geboren op 2008-05-01
    Als er geen vertegenwoordiger instemt en de jongere "instemt" op 2026-09-08
    Dan is de instemming "gegeven"

  Scenario: Een 18-jarige die weigert, weigert ook als de ouders instemmen
    Gegeven een kind geboren op 2008-05-01
    Als de ouders instemmen en het kind "weigert" op 2026-09-08
    Dan is de instemming "geweigerd"

  Abstract Scenario: De leeftijd telt op de dag van de instemming
    Gegeven een kind geboren op 2014-09-10
    Als de ouders instemmen en het kind "weigert" op <dag>
    Dan is het kind <leeftijd> jaar bij de instemming
    En is de instemming "<status>"

    Voorbeelden:
      | dag        | leeftijd | status    |
      | 2026-09-09 | 11       | gegeven   |
      | 2026-09-10 | 12       | geweigerd |

  Scenario: Na bemiddeling kan de instemming opnieuw gevraagd worden
    Gegeven een kind geboren op 2013-03-02
    Als de ouders instemmen en het kind "weigert" op 2026-09-08
    En de coördinator na bemiddeling de instemming opnieuw vraagt
    En de ouders instemmen en het kind "instemt" op 2026-09-15
    Dan is de instemming "gegeven"
