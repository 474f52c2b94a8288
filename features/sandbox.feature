# language: nl
Functionaliteit: Scripts in een richtlijn draaien in een zandbak
  Richtlijnen worden buiten het ontwikkelteam geschreven. Een script mag rekenen met de gegevens
  van het traject, maar niets daarbuiten aanraken: geen bestanden, geen modules, geen eindeloze
  lussen. Een kwaadaardig script wordt geweigerd met een duidelijke fout, zonder gevolg.

  Scenario: Een script dat het systeem probeert te bereiken, wordt geweigerd bij de controle
    Gegeven een richtlijn met een scripttaak "opruimen" met de code:
      """
      import os
      os.system("rm -rf /tmp/ekd-kwaad")
      """
    Als de kwaliteitsmedewerker de richtlijn controleert
    Dan meldt de controle bij element "opruimen": "importeren is niet toegestaan"

  Scenario: Een kwaadaardige voorwaarde wordt tijdens het draaien geweigerd zonder gevolg
    Gegeven een richtlijn met een scripttaak "rekenen" met de code:
      """
      bestand = open("/tmp/ekd-kwaad-bewijs", "w")
      """
    Als het proces gestart wordt
    Dan wordt het geweigerd bij element "rekenen" omdat "'open' is niet toegestaan"
    En bestaat het bestand "/tmp/ekd-kwaad-bewijs" niet

  Scenario: Een eindeloze lus wordt na de tijdslimiet gestopt
    Gegeven een richtlijn met een scripttaak "tellen" met de code:
      """
      n = 0
      while True:
          n += 1
      """
    Als het proces gestart wordt
    Dan wordt het geweigerd bij element "tellen" omdat "tijdslimiet van 2 s overschreden"
