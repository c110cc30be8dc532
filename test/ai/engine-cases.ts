/** Hand-written sanity cases per language (not in eval/nlp): a request for a person and a thank-you. */
export const SANITY: Record<string, { human: string; thanks: string; negative: string }> = {
  en: {
    human: "I want to talk to a real person right now.",
    thanks: "Thank you, you have been very helpful!",
    negative: "The courier left the parcel with a neighbour, which is fine.",
  },
  da: {
    human: "Jeg vil gerne tale med en rigtig person.",
    thanks: "Tusind tak, I har været super hjælpsomme!",
    negative: "Jeres HR-afdeling skal have en kopi af kontrakten.",
  },
  no: {
    human: "Jeg vil snakke med et ekte menneske nå.",
    thanks: "Tusen takk, dere har vært veldig hjelpsomme!",
    negative: "Personen som svarte i går, var veldig hyggelig.",
  },
  sv: {
    human: "Jag vill prata med en riktig människa nu.",
    thanks: "Tack så mycket, ni har varit jättehjälpsamma!",
    negative: "Personen som levererade paketet var väldigt trevlig.",
  },
  de: {
    human: "Ich möchte mit einem echten Menschen sprechen.",
    thanks: "Vielen Dank, Sie waren sehr hilfsbereit!",
    negative: "Unsere Personalabteilung braucht eine Kopie der Rechnung.",
  },
  nl: {
    human: "Ik wil met een echt mens praten.",
    thanks: "Heel erg bedankt, jullie waren super behulpzaam!",
    negative: "De afdeling personeelszaken heeft de factuur nodig.",
  },
  es: {
    human: "Quiero hablar con una persona real.",
    thanks: "Muchas gracias, ¡han sido de gran ayuda!",
    negative: "El departamento de recursos humanos necesita la factura.",
  },
  fr: {
    human: "Je veux parler à une vraie personne.",
    thanks: "Merci beaucoup, vous avez été très serviables !",
    negative: "Le service des ressources humaines a besoin de la facture.",
  },
  pl: {
    human: "Chcę porozmawiać z prawdziwym człowiekiem.",
    thanks: "Bardzo dziękuję, bardzo mi pomogliście!",
    negative: "Dział kadr potrzebuje kopii faktury za marzec.",
  },
  cs: {
    human: "Chci mluvit se skutečným člověkem.",
    thanks: "Moc děkuji, byli jste velmi ochotní!",
    negative: "Personální oddělení potřebuje kopii faktury za březen.",
  },
  sk: {
    human: "Chcem hovoriť so skutočným človekom.",
    thanks: "Veľmi pekne ďakujem, boli ste veľmi ochotní!",
    negative: "Personálne oddelenie potrebuje kópiu faktúry za marec.",
  },
  fi: {
    human: "Haluan puhua oikean ihmisen kanssa.",
    thanks: "Kiitos paljon, olitte todella avuliaita!",
    negative: "Henkilöstöosasto tarvitsee kopion maaliskuun laskusta.",
  },
};
