/**
 * Customer-service concepts and the words customers use for them in the supported languages (folded:
 * lower case, no diacritics). A question word that names a concept also searches for its other names, in
 * every language: a Danish "rabatkode" finds an article only written in English ("discount code"), and an
 * English "money back" finds "refund". General shop vocabulary, not tied to any one knowledge base.
 */
export const CONCEPTS: Record<string, string> = {
  password: `password passwords passcode login logged signin log_in sign_in mot_de_passe kodeord adgangskode adgangskoden passwort kennwort anmelden einloggen anmeldung
    haslo hasla hasle zalogowac logowanie logowania contrasena clave iniciar sesion mot passe connecter connexion identifiant
    losenord losenordet logga wachtwoord inloggen passord passordet logge salasana salasanani salasanaa kirjautua heslo hesla prihlasit prihlasenie`,
  forgot: `forgot forget forgotten reset locked lockout recuerdo pamietam glemt glemte nulstil nulstille vergessen zurucksetzen ausgesperrt zapomnialem zapomnialam
    zapomnialem resetowac zresetowac resetowanie olvidado olvide restablecer oublie oubliee reinitialiser glomt glomde aterstalla vergeten
    herstellen unohdin unohtunut unohtui zapomnel zapomnela zabudol zabudla obnovit`,
  refund: `refund refunds refunded reimburse reimbursement money money_back penge_tilbage zwrot_pieniedzy geld_zuruck refusion refundere refunderet penge pengene erstattung erstatten
    erstattet geld pieniadze pieniedzy reembolso reembolsar dinero remboursement rembourse rembourser argent aterbetalning pengar pengarna
    terugbetaling terugbetaald geld refusjon penger pengene rahat rahani hyvitys penize penez peniaze kasa kasy kase`,
  return: `return returns returning returned send_back sende_tilbage zurucksenden retur returner returnere returnering returvare fortryde fortrydelsesret zurucksenden
    zuruckschicken zuruckgeben rucksendung ruckgabe zwrot zwrocic zwrotu odeslac devolver devolucion devolvi retourner retour renvoyer
    returnera returnerar retourneren retourneer terugsturen palauttaa palautus palauttaminen vratit vraceni vratenie`,
  track: `track tracking trace where_is where_s hvor_er wo_ist gdzie_jest donde_esta ou_est var_ar waar_is kde_je spor spore sporing sporingslink verfolgen sendungsverfolgung verfolgung sledzic sledzenie sledzenia
    seguimiento seguir rastrear suivre suivi spara sparning sparningslank volgen traceren seurata seuranta sledovat sledovani follow where_it donde_va por_donde ou_en hvor_den wo_mein`,
  parcel: `parcel parcels package packages pakke pakken paket paketet pakket pakje paczka paczki paczke paczce paquete colis paketti
    zasilka balik zasielka`,
  order: `order orders ordered ordre ordren ordrer bestilling bestilte bestellung bestellt bestellen zamowienie zamowienia zamowilem
    zamowilam pedido pedidos commande commandes bestallning bestelling besteld tilaus tilauksen objednavka objednavky`,
  shipping: `shipping ship shipped delivery deliver delivered postage fragt levering leveres forsendelse versand versandkosten lieferung
    liefern lieferzeit wysylka wysylki dostawa dostawy envio entrega livraison expedition frakt leverans verzending verzendkosten
    levering bezorging toimitus postikulut doprava doruceni postovne dorucenie porto`,
  cost: `cost costs price fee fees much gastos koster koste pris kosten kostet preis gebuhr kosztuje koszt koszty cena cuesta cuanto precio
    coute prix kostar kost prijs maksaa hinta stoji`,
  invoice: `invoice invoices receipt receipts bill vat bookkeeping accounting company regnskab bogholderi buchhaltung firma firmy
    ksiegowosc contabilidad empresa comptabilite entreprise bokforing foretag boekhouding bedrijf kirjanpito yritys ucetnictvi faktura fakturaen fakturan kvittering rechnung quittung beleg rachunek paragon
    nip factura recibo facture recu kvitto factuur bon lasku kuitti uctenka firmaets firmanavn arbejdsgiver arbeitgeber pracodawca employer empleador employeur arbetsgivare werkgever arbeidsgiver tyonantaja zamestnavatel`,
  damaged: `damaged broken cracked smashed shattered pieces shards scherben pedazos kawalki kawalkach morceaux bitar stukken palasiksi kousky stykker odelagt beskadiget knust kaputt beschadigt zerbrochen uszkodzony uszkodzona
    uszkodzone zepsuty zepsuta rozbity rozbita pekniety roto rota danado danada estropeado casse cassee endommage abime trasig skadad
    sonder kapot beschadigd gebroken skadet rikki vaurioitunut rikkinainen poskozeny poskodeny`,
  crash: `crash crashes crashing shuts shut closes freezes freeze lukker crasher fryser absturzt sturzt absturz abgesturzt hangt zamyka zamknie
    zawiesza crashuje cierra bloquea cuelga plante ferme bloque kraschar stanger crasht vastloopt krasjer kaatuu sulkeutuu pada zamrzne kicks kicked home_screen white_screen`,
  app: `app apps application phone telefon handy telefono telephone mobil puhelin appen aplikacja aplikacji aplicacion appli applikation applicatie sovellus aplikace aplikacia`,
  discount: `discount discounts coupon promo promocode voucher rabat rabatkode rabatt gutschein gutscheincode rabatowy znizka kupon
    descuento cupon reduction rabattkod korting kortingscode alennus alekoodi sleva slevovy zlava zlavovy`,
  code: `code codes kode koden kod kodu codigo koodi`,
  cancel: `cancel cancelling unsubscribe stop opsig opsige opsiger afmeld kundigen kundigung beenden anulowac anulowanie zrezygnowac
    rezygnacja wypowiedziec cancelar cancelo baja annuler resilier avsluta opzeggen annuleren avslutte peruuttaa lopettaa zrusit`,
  membership: `membership memberships subscription subscriptions member plan plans medlemskab medlemskabet abonnement medlem mitgliedschaft
    abo mitglied tarif czlonkostwo subskrypcja abonament suscripcion membresia socio adhesion medlemskap prenumeration lidmaatschap
    jasenyys clenstvi predplatne clenstvo`,
  payment: `pay paying payment payments paid charge charged card paypal klarna mobilepay betale betaling betalinger kort bezahlen zahlung
    zahlen bezahlt karte zaplacic zaplata platnosc karta pagar pago pagos tarjeta cobran cobrar cargo payer paiement carte betala betalning
    betalen betaling maksu maksaa kortti zaplatit platba`,
  warranty: `warranty guarantee covered repair repairs garanti reklamation reparation reparere garantie gewahrleistung reparatur reparieren
    gwarancja gwarancji reklamacja naprawa garantia reparacion reparar reparation reparatie reparasjon takuu korjaus zaruka reklamace oprava`,
  descale: `descale descaling limescale scale calcium afkalk afkalke afkalker kalk entkalken entkalke entkalkung odkamienianie odkamienic
    kamien descalcificar cal sarro detartrer detartrage calcaire tartre avkalka ontkalken avkalke kalkinpoisto kalkki odvapnit odvapnenie`,
  kettle: `kettle kettles elkedel kedel vandkoger wasserkocher czajnik hervidor bouilloire vattenkokare waterkoker vannkoker vedenkeitin
    konvice kanvica`,
  coffee: `coffee kaffemaskine kaffeemaschine ekspres cafetera cafetiere kaffebryggare koffiezetapparaat kaffetrakter kahvinkeitin kavovar`,
  toaster: `toaster toasters brodrister toster tostadora grille toustovac hriankovac`,
  customs: `customs duty duties import told zoll einfuhr clo clem aduana aranceles douane tull invoerrechten toll tulli tax taxes import_tax impuestos impots steuern einfuhrumsatzsteuer podatek`,
  address: `address addresses adresse adressen adres direccion adress osoite adresa`,
  redirect: `redirect omdirigere omdirigeres umleiten przekierowac przekierowanie redirigir rediriger omdirigera omleiden ohjata presmerovat`,
  email: `email mail emailaddress mailadresse correo courriel sahkoposti hotmail gmail outlook yahoo icloud`,
  account: `account profile konto kontoen profil cuenta perfil compte tili ucet kundenkonto kundekonto`,
  delete: `delete remove erase gdpr usuncie usuniecie usunac borrad borreis slette slet loschen usunac eliminar borrar supprimer radera verwijderen poistaa smazat zmazat wipe`,
  late: `late missing lost arrived forsinket mangler mistet forsvundet verspatet verloren fehlt angekommen spozniona spoznia
    zaginela zaginiona doszla dotarla retrasado perdido llegado retard perdu arrive forsenad forlorad vertraagd kwijt aangekomen
    myohassa kadonnut nedorazila meska stratena stuck budged in_transit`,
  exchange: `exchange swap size colour color bigger smaller bytte storrelse farve umtauschen tauschen grosse farbe wymiana wymienic
    rozmiar kolor cambiar cambio talla echanger echange taille couleur byta storlek farg ruilen maat kleur farge vaihtaa koko vari
    vymenit velikost barva velkost farba`,
  free: `free gratis kostenlos versandkostenfrei darmowa bezplatna gratuit ilmainen zdarma zadarmo`,
  germany: `germany german tyskland deutschland niemcy alemania allemagne duitsland saksa nemecko`,
  sweden: `sweden sverige schweden szwecja suecia suede zweden ruotsi svedsko`,
  france: `france frankrig frankreich francja francia frankrike frankrijk ranska francie`,
  poland: `poland polen polska polski polsce polonia pologne puola polsko`,
  spain: `spain spanien hiszpania espana espagne spanje espanja spanelsko`,
  denmark: `denmark danmark danemark dania dinamarca denemarken tanska dansko`,
  uk: `uk britain england storbritannien grossbritannien brytania reino royaume engeland englanti anglie`,
  switzerland: `switzerland schweiz szwajcaria suiza suisse zwitserland sveitsi svycarsko`,
  norway: `norway norge norwegen norwegia noruega norvege noorwegen norja norsko`,
  change: `change changing update edit modify aendre aendr skift skifte andern anderung aktualisieren zmienic zmiana cambiar modificar
    actualizar modifier changer andra uppdatera wijzigen aanpassen endre oppdatere muuttaa vaihtaa zmenit upravit`,
  fit: `fit fits passer passt pasuje pasuja passar past sopii sedi mind opinion fortrydelsesret`,
  days: `days dage hverdage tage werktage dni dias plazo plazos jours dagar dagen dager paivaa dnu`,
  difference: `difference differences compare forskel forskellen unterschied roznica diferencia skillnad verschil forskjell ero rozdil`,
};

/** Words that name each concept, for lookup by the whole word and by its first five letters. */
const byWord = new Map<string, string[]>();
const byPrefix = new Map<string, string[]>();

for (const [concept, text] of Object.entries(CONCEPTS)) {
  for (const w of text.split(/\s+/).filter(Boolean)) {
    byWord.set(w, [...new Set([...(byWord.get(w) ?? []), concept])]);
    if (w.length >= 5) {
      const p = w.slice(0, 5);
      byPrefix.set(p, [...new Set([...(byPrefix.get(p) ?? []), concept])]);
    }
  }
}

const members = new Map<string, string[]>(Object.entries(CONCEPTS).map(([c, t]) => [c, [...new Set(t.split(/\s+/).filter(Boolean))]]));

/** Whether adjacent words joined by "_" name a concept ("log in" → "log_in", "mot de passe" → "mot_de_passe"). */
export const isConceptWord = (word: string) => byWord.has(word);

/** The concepts a (folded) word names: exact, or by its first five letters when it has five or more. */
export function conceptsOf(word: string): string[] {
  const exact = byWord.get(word);
  if (exact) return exact;
  return word.length >= 5 ? (byPrefix.get(word.slice(0, 5)) ?? []) : [];
}

export function conceptWords(concept: string): string[] {
  return members.get(concept) ?? [];
}
