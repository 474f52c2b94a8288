# language: nl
Functionaliteit: Het A-document
  Het A-document wordt samengesteld uit wat het team al vastlegde. Het kan pas ingediend worden
  als het volledig is (de regievoorwaarden), elke betrokken discipline het geldig ondertekende en
  de cliënt akkoord ging. Ingediend is het bevroren; een correctie wordt een nieuwe versie.

  Achtergrond:
    Gegeven een opgeslagen traject tot het akkoord van de cliënt

  Scenario: Een onvolledig A-document zegt wat ontbreekt en kan niet ingediend worden
    Gegeven het verslag noemde geen ontvanger van de documenten
    Als de cliënt akkoord gaat
    Dan ontbreekt "Er is geen ontvanger van de documenten."
    En kan het A-document niet ingediend worden
    Als de coördinator de ontvanger "Sofie Janssens" aanvult
    En de disciplines opnieuw ondertekenen
    En de cliënt opnieuw akkoord gaat
    Dan ontbreekt er niets meer
    En kan het A-document ingediend worden

  Scenario: Zonder eigen akkoord van een bekwame minderjarige kan het niet ingediend worden
    Gegeven het kind werd bekwaam bevonden bij de instemming
    Als alleen de moeder akkoord gaat
    Dan ontbreekt "Het kind is bekwaam: zijn of haar eigen akkoord ontbreekt."
    En kan het A-document niet ingediend worden

  Scenario: Een wijziging na ondertekening maakt de handtekening ongeldig
    Als de cliënt akkoord gaat
    En de coördinator de bijkomende informatie "Broer heeft ook een onderzoek lopen." aanvult
    Dan is de handtekening van de psycholoog ongeldig
    En ontbreekt "De handtekening van Psycholoog / orthopedagoog is ongeldig: het document veranderde daarna."
    Als de psycholoog opnieuw ondertekent
    Dan is de handtekening van de psycholoog geldig

  Scenario: Een ingediend A-document verandert niet meer
    Als de cliënt akkoord gaat
    En het A-document ingediend wordt
    Dan is versie 1 ingediend en bevroren
    En kan de coördinator het niet meer aanvullen
    En kan niemand het nog ondertekenen

  Scenario: Een correctie wordt een nieuwe versie die naar de vorige verwijst
    Als de cliënt akkoord gaat
    En het A-document ingediend wordt
    En de coördinator een correctie start omdat "Schrijffout in de naam van de aanmelder"
    Dan is er een versie 2 in concept die versie 1 vervangt
    En blijft versie 1 ongewijzigd met dezelfde hash
