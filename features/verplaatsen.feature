# language: nl
Functionaliteit: Een lopend traject naar een nieuwe versie van de richtlijn verplaatsen
  Een traject loopt maanden. Publiceert het kwaliteitscentrum een betere richtlijn, dan kan een lopend
  traject mee: stappen met dezelfde id horen bij elkaar, een hernoemde stap krijgt een koppeling. Kan
  het niet, dan zegt ekd welke stap het tegenhoudt en waarom; lopende termijnen behouden hun datum.

  Scenario: Een hernoemde open stap verhuist met een koppeling
    Gegeven een nieuw traject volgens de richtlijn
    En het traject wacht op "strategie"
    En een nieuwe versie waarin "strategie" "strategie_bepalen" heet
    Als het kwaliteitscentrum het traject nagaat zonder koppeling
    Dan houdt "strategie" het tegen omdat de nieuwe versie het schrapt
    Als het kwaliteitscentrum het traject verplaatst met de koppeling "strategie" naar "strategie_bepalen"
    Dan wacht het traject op "strategie_bepalen"
    En behoudt de termijn "termijn_mdv" zijn datum

  Scenario: Een termijn die loopt en in de nieuwe versie anders is, houdt het traject tegen
    Gegeven een nieuw traject volgens de richtlijn
    En het traject wacht op "onderzoek_psychologisch"
    En een nieuwe versie waarin het onderzoek 30 dagen termijn krijgt in plaats van 42
    Als het kwaliteitscentrum het traject nagaat zonder koppeling
    Dan houdt "termijn_onderzoek_psychologisch" het tegen omdat de termijn loopt
