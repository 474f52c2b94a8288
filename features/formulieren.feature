# language: nl
Functionaliteit: Formulieren weigeren ongeldige gegevens
  Elke taak heeft een formulier. Wat niet klopt, wordt geweigerd met een duidelijke melding
  per veld, en er verandert niets: de taak blijft open.

  Achtergrond:
    Gegeven een nieuw traject volgens de richtlijn

  Scenario: Een ongeldige screening wordt geweigerd en de taak blijft open
    Gegeven de aanmelding is geregistreerd
    Als de coördinator de screening indient met urgentie "dringend" en zonder motivering
    Dan wordt de screening geweigerd met de meldingen:
      | veld                | melding                                                |
      | urgentie            | moet een van deze waarden zijn: Laag, Gemiddeld, Hoog  |
      | motivering_urgentie | is verplicht                                           |
    En ligt "Screening en urgentie" klaar voor de coördinator

  Scenario: Afwijken van de leeftijdsregel vraagt een motivering
    Gegeven de aanmelding en de screening zijn geregistreerd
    Als de coördinator de instemming indient met het oordeel "niet_bekwaam" zonder motivering
    Dan wordt de instemming geweigerd met de meldingen:
      | veld                   | melding      |
      | bekwaamheid_motivering | is verplicht |
    En ligt "Informeren en instemming" klaar voor de coördinator
