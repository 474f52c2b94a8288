# language: nl
Functionaliteit: Controles die een mens verwacht
  Een formulier weigert ook wat de juiste vorm heeft maar niet kan kloppen: een datum vóór de
  geboorte van het kind of in de toekomst, een code die geen code is, een kind dat volgens zijn
  leeftijd niet alleen kan instemmen, een conclusie zonder VAPH-codes bij een VAPH-aanvraag.
  De leeftijd komt uit het dossier van het kind, nooit uit wat iemand intypt. En een antwoord
  "Nee" voert nooit de handeling uit waar het "nee" tegen zegt. De taak blijft dan open en de
  melding staat bij het veld.

  Achtergrond:
    Gegeven een nieuw traject volgens de richtlijn

  Scenario: Een 8-jarige kan niet alleen instemmen, ook niet "volgens leeftijd"
    Gegeven een kind geboren op 2018-03-01
    Als de coördinator de instemming registreert zonder vertegenwoordiger, met het kind dat instemt op 2026-09-08
    Dan wordt de instemming geweigerd met de meldingen:
      | veld                          | melding                                                                                                                                                |
      | wettelijke_vertegenwoordigers | het kind is 8 jaar op de dag van de instemming: registreer het antwoord van minstens één wettelijke vertegenwoordiger (pas vanaf 18 jaar beslist de jongere alleen) |
    En ligt "Informeren en instemming" klaar voor de coördinator

  Scenario: Een 13-jarige wordt bekwaam vermoed en moet zelf gevraagd worden
    Gegeven een kind geboren op 2013-03-02
    Als de ouders instemmen en het kind niet gevraagd wordt op 2026-09-08
    Dan wordt de instemming geweigerd met de meldingen:
      | veld            | melding                                                                                                                                    |
      | kind_instemming | het kind is 13 jaar op de dag van de instemming en wordt bekwaam vermoed: vraag zijn of haar instemming, of oordeel gemotiveerd dat het niet bekwaam is |

  Scenario: Wie gemotiveerd oordeelt dat een 13-jarige niet bekwaam is, hoeft het kind niet te vragen
    Gegeven een kind geboren op 2013-03-02
    En het team het kind niet bekwaam acht omdat "Hij begrijpt niet waarover het onderzoek gaat."
    Als de ouders instemmen en het kind niet gevraagd wordt op 2026-09-08
    Dan is de instemming "gegeven"

  Scenario: De leeftijd komt uit het dossier van het kind, niet uit het formulier
    Gegeven een kind geboren op 2018-03-01
    Als de coördinator bij de aanmelding de geboortedatum 2008-03-01 intypt
    Dan wordt de aanmelding geweigerd met de meldingen:
      | veld               | melding                                                                      |
      | kind_geboortedatum | wordt overgenomen uit het dossier en verandert hier niet (daar: 01/03/2018) |

  Scenario: Een datum vóór de geboorte van het kind wordt geweigerd
    Gegeven een kind geboren op 2016-05-14
    Als de coördinator de aanmelding registreert met aanmeldingsdatum 2015-01-10
    Dan wordt de aanmelding geweigerd met de meldingen:
      | veld             | melding                                                |
      | aanmeldingsdatum | ligt vóór de geboortedatum van het kind (14/05/2016) |

  Scenario: Een testdatum in de toekomst wordt geweigerd
    Gegeven het traject is gevorderd tot "Psychologisch en orthopedagogisch onderzoek"
    Als de psycholoog op 2026-10-06 een test registreert van 2026-10-07
    Dan wordt het onderzoek geweigerd met de meldingen:
      | veld                                    | melding                                         |
      | bevinding.afgenomen_onderzoeken[0].datum | ligt in de toekomst (vandaag is het 06/10/2026) |

  Abstract Scenario: Een diagnosecode heeft de vorm van haar classificatie
    Gegeven het traject is gevorderd tot "Diagnostische conclusie"
    Als de conclusie de <systeem>-code "<code>" geeft
    Dan is de code <oordeel>

    Voorbeelden:
      | systeem | code     | oordeel   |
      | DSM-5   | 315.00   | aanvaard  |
      | DSM-5   | F81.0    | aanvaard  |
      | ICD-10  | F81.0    | aanvaard  |
      | ICD-11  | 6A03.0   | aanvaard  |
      | ICD-10  | 6A03.0   | geweigerd |
      | ICD-11  | F81.0    | geweigerd |
      | DSM-5   | dyslexie | geweigerd |

  Scenario: Bij een VAPH-aanvraag vraagt de conclusie stoornis- en handicapcodes
    Gegeven het traject vraagt VAPH-ondersteuning
    En het traject is gevorderd tot "Diagnostische conclusie"
    Als de conclusie zonder VAPH-codes ingediend wordt
    Dan wordt de conclusie geweigerd met de meldingen:
      | veld               | melding                            |
      | vaph_stoorniscodes | is verplicht bij een VAPH-aanvraag |
      | vaph_handicapcodes | is verplicht bij een VAPH-aanvraag |
    En ligt "Diagnostische conclusie" klaar voor de coördinator

  Scenario: "Nee" bij het indienen dient het A-document niet in
    Gegeven het traject is gevorderd tot "A-document indienen bij de toegangspoort"
    Als de coördinator op "Ik dien het A-document in" Nee antwoordt
    Dan wordt het indienen geweigerd met de meldingen:
      | veld               | melding                                                                                                                     |
      | indienen_bevestigd | kies Ja om het A-document in te dienen; wil je het nog niet indienen, laat de taak dan open (je kan je antwoord als concept bewaren) |
    En ligt "A-document indienen bij de toegangspoort" klaar voor de coördinator
    En is het traject nog niet afgerond

  Scenario: "Nee" bij het ondertekenen stuurt het verslag terug
    Gegeven het traject is gevorderd tot "Verslag ondertekenen (psycholoog / orthopedagoog)"
    Als de psycholoog niet ondertekent omdat "De faalangst ontbreekt in het beeld."
    En de logopedist ondertekent
    Dan ligt "Verslag bijwerken" klaar voor de coördinator
    En is het traject nog niet afgerond
