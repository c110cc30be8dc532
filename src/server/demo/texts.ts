/**
 * Hand-written customer-service threads in the languages Northwind's customers write in. Placeholders:
 * {name} the customer's first name, {order} an order number, {product} a product (English only: the other
 * languages decline nouns, so their texts name the product themselves; {aProduct} with its article),
 * {plan} and {amount} the customer's plan and its monthly price. "[masculine|feminine]" picks the
 * customer's grammatical gender (Polish, Slovak and French past tenses and adjectives). Agents write "we"
 * in Polish and Slovak, so a reply reads right whoever sends it.
 */
export type Lang = "en" | "da" | "pl" | "sk" | "de" | "es" | "fr";
export type Topic =
  | "shipping" | "damaged" | "address" | "return" | "billing" | "invoice" | "cancel" | "discount"
  | "login" | "bug" | "feature" | "warranty" | "praise";

/** A conversation as it usually goes: the customer's opening, our answer, and maybe one more round. */
export type Script = { subject: string; opening: string; reply: string; followUp?: string; reply2?: string };

export const LANGUAGE_NAME: Record<Lang, string> = {
  en: "English", da: "Danish", pl: "Polish", sk: "Slovak", de: "German", es: "Spanish", fr: "French",
};

export const SCRIPTS: Record<Lang, Partial<Record<Topic, Script>>> = {
  en: {
    shipping: {
      subject: "Where is my order {order}?",
      opening: "Hi, I ordered {aProduct} ten days ago (order {order}) and the tracking page hasn't changed since Monday. I need it before the weekend — can you tell me where it is?",
      reply: "Hi {name}, I understand how stressful it is to wait without news, especially with the weekend coming. I checked with the courier: your parcel is at the local depot and goes out for delivery tomorrow morning. I'll keep an eye on it until it's with you.",
      followUp: "Thanks. The tracking now says 'out for delivery' but nobody has come and it's 6pm. Should I still wait?",
      reply2: "Hi {name}, the courier confirmed the van is running late today and you'll get it before 8pm. If it doesn't turn up, reply here and I'll send a new one by express at our cost.",
    },
    damaged: {
      subject: "{product} arrived broken",
      opening: "Hello, my {product} arrived today with a cracked lid and the box was crushed. I'm really disappointed because it was a birthday gift. I'd like a replacement or a refund, order {order}.",
      reply: "Hi {name}, I'm so sorry your {product} arrived broken — that's disappointing, especially for a gift. I've sent a replacement by express today (1–2 days), and there's no need to return the damaged one.",
      followUp: "That's great, thank you. Do you need photos of the damage for the courier?",
      reply2: "Photos would help with our claim against the courier, but they're optional — the replacement is on its way either way.",
    },
    address: {
      subject: "Change delivery address for {order}",
      opening: "I just noticed I used my old address for order {order} — I moved last month. Can you change it to 14 Rosewood Lane, Bristol BS6 5QA before it ships?",
      reply: "Hi {name}, good catch! The order hadn't left the warehouse yet, so I've changed the address to 14 Rosewood Lane, Bristol BS6 5QA. You'll get a new tracking email once it ships.",
    },
    return: {
      subject: "How do I return the {product}?",
      opening: "Hi, the {product} I bought (order {order}) isn't what I expected — it's much smaller than in the pictures. How do I send it back? I can't find a return label anywhere.",
      reply: "Hi {name}, sorry it didn't live up to the pictures. I've emailed you a prepaid return label; just drop the parcel at any post office within 30 days. We refund as soon as it reaches our warehouse, usually within 3–5 days.",
      followUp: "Got the label, thanks. Will the refund go back to my card or as store credit?",
      reply2: "It goes back to the card you paid with — store credit only if you ask for it.",
    },
    billing: {
      subject: "Charged twice this month",
      opening: "Hi, I was charged twice for my {plan} membership this month ({amount} each). Please refund the second payment — this is the second time it has happened and I'm getting frustrated.",
      reply: "Hi {name}, you're right, you were charged twice, and I'm sorry this happened again. I've refunded the duplicate {amount}; you'll see it within 3–5 business days. I've also flagged your account so billing checks it before the next renewal.",
      followUp: "Still no refund on my statement, it's been five days.",
      reply2: "Hi {name}, I checked again: the refund left us three days ago (reference RF-{order}). Some banks take up to 7 business days to show it — if it's not there by Friday, I'll escalate it with our payment provider.",
    },
    invoice: {
      subject: "VAT invoice for order {order}",
      opening: "Hello, could you send me a VAT invoice for order {order}? It needs our company name (Harbour Design Ltd) and VAT number GB 293 4481 20. Our accountant needs it by the end of the month.",
      reply: "Hi {name}, of course. The VAT invoice for order {order}, made out to Harbour Design Ltd with your VAT number, is attached. You can also download invoices anytime under Account → Orders.",
    },
    cancel: {
      subject: "Cancel my membership",
      opening: "Please cancel my {plan} membership at the end of this billing period. The service is fine, it's just too expensive for us right now.",
      reply: "Hi {name}, thanks for letting us know, and for being with us. Your {plan} membership ends with this billing period and you won't be charged again. If it helps, I can move you to the free plan so you keep your order history — just say the word.",
      followUp: "Oh, the free plan would be fine actually. Please do that instead.",
      reply2: "Done! You're on the free plan from the next billing date, and your order history stays exactly where it is.",
    },
    discount: {
      subject: "Discount code doesn't work",
      opening: "Hi, I'm trying to use the code SPRING20 from your newsletter but the checkout says it's invalid. Isn't it valid until Sunday?",
      reply: "Hi {name}, sorry about that — the code was only switched on for the newsletter's first batch, which was our mistake. I've applied the 20% to your basket by hand; it stays reserved for 48 hours.",
    },
    login: {
      subject: "Can't log in after password reset",
      opening: "I reset my password twice today and I still get 'invalid credentials'. I have an invoice due tomorrow and can't get into my account. Please help!",
      reply: "Hi {name}, I can hear the time pressure — let's get you in right away. Too many attempts had locked your account; I've unlocked it now. Please try once more with your newest password and tell me if it still fails.",
      followUp: "It works now. Thanks for the quick help!",
    },
    bug: {
      subject: "App crashes when I open my orders",
      opening: "Since yesterday's update the app closes as soon as I tap 'My orders'. I'm on a Pixel 7 with Android 14. Reinstalling didn't help.",
      reply: "Hi {name}, thanks for the details, they help a lot. Our developers have reproduced the crash on Android 14 and the fix ships in version 5.2.1 within a day or two. Until then your orders are on the website.",
      followUp: "Updated to 5.2.1 and it works again 👍",
    },
    feature: {
      subject: "Idea: delivery time slots",
      opening: "Would it be possible to pick a delivery time slot? I work during the day and keep missing the courier, so my parcels end up at the depot.",
      reply: "Hi {name}, that's a great suggestion and you're not the only one asking. I've passed it to our product team with your use case. Meanwhile you can choose a parcel locker at checkout and pick it up whenever it suits you.",
    },
    warranty: {
      subject: "{product} stopped working after 8 months",
      opening: "My {product} suddenly stopped working — no lights, nothing. I bought it in the spring (order {order}), so it should still be under warranty. What do I do?",
      reply: "Hi {name}, sorry it gave up on you — that shouldn't happen after 8 months. It's covered by the 2-year warranty: I've opened repair case W-{order} and emailed you a free shipping label. If it can't be repaired within 10 days, we'll replace it.",
      followUp: "Sent it off this morning. How long does the repair usually take?",
      reply2: "Usually 5–7 working days from when it arrives. I'll update you as soon as the workshop has looked at it.",
    },
    praise: {
      subject: "Thank you!",
      opening: "Just wanted to say thanks to the person who helped me last week — the replacement {product} arrived and works perfectly. Great service!",
      reply: "Hi {name}, thank you so much for taking the time to write — it made our day! I've shared it with the whole team. Enjoy your {product}.",
    },
  },
  da: {
    shipping: {
      subject: "Hvor er min pakke?",
      opening: "Hej, jeg har ventet på min pakke (ordre {order}) i næsten to uger, og sporingen er ikke blevet opdateret siden mandag. Kan I hjælpe mig med at finde ud af, hvor den er?",
      reply: "Hej {name}, jeg forstår godt, at det er frustrerende at vente uden at høre noget. Jeg har talt med fragtfirmaet: pakken står på deres terminal i Taastrup og bliver leveret i morgen inden kl. 16. Jeg holder øje med den, indtil du har fået den.",
      followUp: "Tak for svaret. Kan den blive leveret til en pakkeshop i stedet? Jeg er ikke hjemme i morgen.",
      reply2: "Selvfølgelig. Jeg har bedt fragtfirmaet om at levere den til pakkeshoppen nærmest din adresse. Du får en sms, når den er klar til afhentning.",
    },
    damaged: {
      subject: "Elkedlen var i stykker",
      opening: "Hej, min elkedel kom i dag, men låget var knækket, og kassen var helt mast. Det er ret ærgerligt, for den skulle bruges som gave. Jeg vil gerne have en ny eller pengene tilbage. Ordrenummer {order}.",
      reply: "Hej {name}, det er jeg virkelig ked af – især når den skulle bruges som gave. Jeg har sendt en ny elkedel med ekspreslevering i dag, og du behøver ikke sende den ødelagte retur.",
      followUp: "Super, tusind tak! Skal jeg bare smide den gamle ud?",
      reply2: "Ja, du er velkommen til at aflevere den på genbrugspladsen. Hav en god dag!",
    },
    billing: {
      subject: "Forkert beløb på fakturaen",
      opening: "Hej, min faktura for denne måned lyder på 149 kr., men mit {plan}-medlemskab koster 99 kr. om måneden. Kan I rette det?",
      reply: "Hej {name}, tak fordi du gjorde opmærksom på det, og undskyld fejlen. Du er blevet opkrævet efter den gamle pris. Jeg har krediteret de 50 kr., som du vil kunne se på dit kort inden for 3–5 hverdage.",
    },
    cancel: {
      subject: "Opsigelse af medlemskab",
      opening: "Hej, jeg vil gerne opsige mit {plan}-medlemskab fra næste måned. Der er ikke noget galt med jer, jeg bruger det bare ikke nok. Tak for nu.",
      reply: "Hej {name}, tak for beskeden og for den tid, du har været medlem hos os. Dit medlemskab stopper ved udgangen af denne måned, og du bliver ikke trukket igen. Du er altid velkommen tilbage.",
    },
    return: {
      subject: "Ombytning af regnjakke",
      opening: "Hej, regnjakken jeg har købt (ordre {order}) er desværre for lille. Kan jeg bytte den til en str. L, eller skal jeg returnere den og bestille igen?",
      reply: "Hej {name}, du kan sagtens bytte den. Jeg har reserveret en str. L til dig og sendt en gratis returlabel på mail. Så snart vi har scannet den gamle jakke, sender vi den nye afsted.",
      followUp: "Perfekt, jeg har sendt den i dag.",
    },
    address: {
      subject: "Ny leveringsadresse",
      opening: "Hej, jeg er kommet til at bestille til min gamle adresse. Kan I ændre leveringsadressen på ordre {order} til Jægersborggade 12, 2200 København N?",
      reply: "Hej {name}, det er ordnet! Ordren var endnu ikke afsendt, så den bliver leveret til Jægersborggade 12, 2200 København N.",
    },
  },
  pl: {
    shipping: {
      subject: "Gdzie jest moja paczka?",
      opening: "Dzień dobry, zamówienie {order} miało dotrzeć w piątek, a nadal go nie ma. Status przesyłki nie zmienił się od tygodnia. Proszę o pomoc.",
      reply: "Dzień dobry, bardzo przepraszamy za opóźnienie — rozumiemy, że czekanie bez żadnych informacji jest frustrujące. Sprawdziliśmy przesyłkę u kuriera: paczka utknęła w sortowni w Łodzi i zostanie doręczona jutro do godziny 14.",
      followUp: "Czy mogę odebrać paczkę w paczkomacie zamiast w domu?",
      reply2: "Oczywiście. Zmieniliśmy miejsce dostawy na najbliższy paczkomat, a kod odbioru zostanie wysłany SMS-em.",
    },
    billing: {
      subject: "Problem z fakturą",
      opening: "Dzień dobry, na fakturze za ten miesiąc jest kwota 59 zł, a mój plan {plan} kosztuje 39 zł. Proszę o korektę — to już drugi raz w tym roku i jestem naprawdę [zawiedziony|zawiedziona].",
      reply: "Dzień dobry, przepraszamy za ten błąd i rozumiemy, że to irytujące, zwłaszcza po raz drugi. Wystawiliśmy fakturę korygującą, a różnica 20 zł wróci na kartę w ciągu 3–5 dni roboczych.",
    },
    damaged: {
      subject: "Uszkodzony czajnik",
      opening: "Dzień dobry, paczka dotarła dziś, ale czajnik ma pękniętą pokrywę. [Chciałbym|Chciałabym] wymienić produkt albo dostać zwrot pieniędzy. Numer zamówienia: {order}.",
      reply: "Dzień dobry, bardzo nam przykro, że czajnik dotarł uszkodzony. Wysłaliśmy dziś nowy czajnik kurierem ekspresowym, a uszkodzonego nie trzeba odsyłać.",
      followUp: "Dziękuję bardzo, nowy już dotarł i działa bez zarzutu.",
    },
    login: {
      subject: "Nie mogę się zalogować",
      opening: "[Zresetowałem|Zresetowałam] hasło dwa razy, ale dalej nie mogę się zalogować do konta. Wyskakuje komunikat „nieprawidłowe dane logowania”. Co mam zrobić?",
      reply: "Dzień dobry, konto zostało tymczasowo zablokowane po kilku nieudanych próbach logowania. Właśnie je odblokowaliśmy — proszę spróbować ponownie z nowym hasłem.",
      followUp: "Działa, dziękuję!",
    },
    return: {
      subject: "Zwrot plecaka",
      opening: "Dzień dobry, [chciałbym|chciałabym] zwrócić plecak z zamówienia {order}, bo jest za mały na mojego laptopa. Jak mogę to zrobić?",
      reply: "Dzień dobry, zwrot jest bardzo prosty: wysłaliśmy e-mailem darmową etykietę zwrotną. Wystarczy nadać paczkę w ciągu 30 dni, a pieniądze wrócą na konto w ciągu 5 dni od jej otrzymania.",
      followUp: "Paczka nadana, dziękuję za szybką odpowiedź.",
      reply2: "Dziękujemy! Napiszemy, gdy tylko plecak dotrze do magazynu.",
    },
    invoice: {
      subject: "Faktura VAT na firmę",
      opening: "Dzień dobry, potrzebuję faktury VAT na firmę do zamówienia {order}. Nazwa: Pracownia Projektowa Zielony Dom, NIP 123-456-32-18. Z góry dziękuję.",
      reply: "Dzień dobry, faktura VAT na Pracownię Projektową Zielony Dom została wystawiona i wysłana e-mailem. Wszystkie faktury są też dostępne w zakładce Konto → Zamówienia.",
    },
  },
  sk: {
    shipping: {
      subject: "Kde je moja objednávka?",
      opening: "Dobrý deň, objednávku {order} som [zaplatil|zaplatila] pred desiatimi dňami a stále nedorazila. Sledovanie zásielky sa od pondelka nezmenilo. Môžete mi prosím povedať, kedy ju dostanem?",
      reply: "Dobrý deň, ospravedlňujeme sa za meškanie, rozumieme, že čakať bez akýchkoľvek správ je nepríjemné. Overili sme to u kuriéra: zásielka je v depe v Bratislave a doručená bude zajtra do 12:00.",
      followUp: "Ďakujem, balík práve prišiel.",
    },
    damaged: {
      subject: "Poškodený mixér",
      opening: "Dobrý deň, mixér z objednávky {order} prišiel s prasknutou nádobou a krabica bola celá pokrčená. Prosím o výmenu alebo vrátenie peňazí. Ďakujem.",
      reply: "Dobrý deň, veľmi nás mrzí, že mixér prišiel poškodený. Ešte dnes sme vám expresne poslali nový kus a ten poškodený nemusíte vracať.",
    },
    billing: {
      subject: "Dvojitá platba",
      opening: "Dobrý deň, z účtu mi dvakrát odišla platba za členstvo {plan}. Prosím o vrátenie jednej z nich.",
      reply: "Dobrý deň, máte pravdu, platba prebehla dvakrát, za čo sa ospravedlňujeme. Druhú platbu sme vám už vrátili, na účte ju uvidíte do 3 až 5 pracovných dní.",
      followUp: "Peniaze už prišli, ďakujem za rýchle vybavenie.",
    },
    return: {
      subject: "Vrátenie slúchadiel",
      opening: "Dobrý deň, [chcel|chcela] by som vrátiť slúchadlá z objednávky {order}, nesedia mi dobre na ušiach. Ako mám postupovať?",
      reply: "Dobrý deň, vrátenie je jednoduché: e-mailom sme vám poslali bezplatný štítok na vrátenie. Balík stačí odovzdať na pošte do 30 dní a peniaze vám vrátime do 5 dní od jeho prijatia.",
    },
    login: {
      subject: "Nemôžem sa prihlásiť",
      opening: "Dobrý deň, po zmene hesla sa neviem prihlásiť do účtu, stále mi to píše „nesprávne prihlasovacie údaje“. Čo s tým?",
      reply: "Dobrý deň, účet sa po niekoľkých neúspešných pokusoch dočasne zablokoval. Práve sme ho odblokovali, skúste sa prosím prihlásiť znova s novým heslom.",
      followUp: "Už to funguje, ďakujem!",
    },
  },
  de: {
    shipping: {
      subject: "Lieferung verspätet",
      opening: "Hallo, meine Bestellung {order} sollte letzte Woche ankommen, aber die Sendungsverfolgung zeigt seit Tagen nichts Neues. Wann kommt das Paket?",
      reply: "Hallo {name}, ich verstehe Ihren Ärger, das Warten ohne Neuigkeiten ist wirklich lästig. Ich habe beim Paketdienst nachgefragt: Ihr Paket liegt im Verteilzentrum in Kassel und wird morgen zugestellt.",
      followUp: "Gibt es schon Neuigkeiten zu meiner Lieferung? Heute kam wieder nichts.",
      reply2: "Hallo {name}, es tut mir leid, dass es immer noch nicht geklappt hat. Ich habe Ihnen heute eine Ersatzlieferung per Express geschickt, sie kommt morgen an. Das ursprüngliche Paket können Sie einfach zurückgehen lassen.",
    },
    billing: {
      subject: "Falsche Rechnung",
      opening: "Guten Tag, auf meiner aktuellen Rechnung stehen 14,99 €, obwohl meine {plan}-Mitgliedschaft 9,99 € im Monat kostet. Bitte korrigieren Sie das.",
      reply: "Guten Tag {name}, vielen Dank für den Hinweis und entschuldigen Sie bitte den Fehler. Ihnen wurde versehentlich der alte Preis berechnet. Die Differenz von 5 € habe ich Ihnen gutgeschrieben; sie ist in 3–5 Werktagen auf Ihrem Konto.",
    },
    bug: {
      subject: "App stürzt ab",
      opening: "Seit dem letzten Update stürzt die App jedes Mal ab, wenn ich meine Bestellungen öffnen will. iPhone 13, iOS 17. Neu installieren hat nichts gebracht. Das ist sehr ärgerlich.",
      reply: "Hallo {name}, danke für die genauen Angaben, das hilft uns sehr. Unser Entwicklerteam hat den Fehler gefunden; das Update 5.2.1 mit der Korrektur erscheint in den nächsten Tagen. Bis dahin sehen Sie Ihre Bestellungen auf unserer Website.",
      followUp: "Das Update ist da, jetzt funktioniert alles wieder. Danke!",
    },
    return: {
      subject: "Umtausch Regenjacke",
      opening: "Hallo, die Regenjacke aus Bestellung {order} ist leider zu groß. Kann ich sie gegen Größe M umtauschen?",
      reply: "Hallo {name}, natürlich! Ich habe eine Jacke in Größe M für Sie reserviert und Ihnen ein kostenloses Rücksendeetikett per E-Mail geschickt. Sobald die alte Jacke bei uns ist, geht die neue raus.",
    },
    invoice: {
      subject: "Rechnung mit ausgewiesener MwSt.",
      opening: "Guten Tag, für meine Firma benötige ich zu Bestellung {order} eine Rechnung mit ausgewiesener Mehrwertsteuer. Firma: Becker & Söhne GmbH, USt-IdNr. DE 123456789.",
      reply: "Guten Tag {name}, gern! Die Rechnung auf Becker & Söhne GmbH mit Ihrer USt-IdNr. finden Sie im Anhang. Künftig können Sie Rechnungen auch selbst unter Konto → Bestellungen herunterladen.",
    },
    damaged: {
      subject: "Kaffeemaschine beschädigt angekommen",
      opening: "Guten Tag, die Kaffeemaschine aus Bestellung {order} kam heute mit einem Riss im Wassertank an. Ich hätte gern Ersatz.",
      reply: "Guten Tag {name}, das tut mir sehr leid. Ich habe Ihnen heute eine neue Kaffeemaschine per Express geschickt. Die beschädigte können Sie behalten oder entsorgen, eine Rücksendung ist nicht nötig.",
      followUp: "Die neue ist angekommen und funktioniert einwandfrei. Vielen Dank für die schnelle Hilfe!",
    },
  },
  es: {
    shipping: {
      subject: "Mi pedido no ha llegado",
      opening: "Hola, hice el pedido {order} hace dos semanas y todavía no ha llegado. El seguimiento no se actualiza desde el lunes. ¿Me pueden decir dónde está?",
      reply: "Hola {name}: entiendo perfectamente lo frustrante que es esperar sin noticias. He hablado con la empresa de transporte y su paquete está en el centro de distribución de Zaragoza; se lo entregarán mañana antes de las 14:00.",
      followUp: "Ya lo he recibido, ¡muchas gracias!",
    },
    damaged: {
      subject: "Tostadora rota",
      opening: "Hola, la tostadora del pedido {order} llegó rota, con la carcasa abollada. Quiero una devolución o un reemplazo, por favor.",
      reply: "Hola {name}: siento mucho que la tostadora llegara en mal estado. Hoy mismo le hemos enviado una nueva por envío urgente y no hace falta que devuelva la dañada.",
      followUp: "Perfecto, muchas gracias por la rapidez.",
    },
    billing: {
      subject: "Cobro duplicado",
      opening: "Buenas tardes, este mes me han cobrado dos veces la suscripción {plan}. ¿Me pueden devolver uno de los cargos?",
      reply: "Hola {name}: tiene toda la razón, el cobro se hizo dos veces y le pedimos disculpas. Ya hemos reembolsado el cargo duplicado; lo verá en su cuenta en un plazo de 3 a 5 días hábiles.",
    },
    cancel: {
      subject: "Cancelar suscripción",
      opening: "Hola, quiero cancelar mi suscripción {plan} a partir del mes que viene. Gracias por todo.",
      reply: "Hola {name}: gracias por avisarnos y por el tiempo que ha estado con nosotros. Su suscripción terminará al final del periodo actual y no se le volverá a cobrar.",
    },
    discount: {
      subject: "El código de descuento no funciona",
      opening: "Hola, intento usar el código PRIMAVERA20 de vuestra newsletter, pero al pagar me dice que no es válido. ¿Qué pasa?",
      reply: "Hola {name}: disculpe las molestias; el código solo se activó para el primer envío de la newsletter y fue un error nuestro. Le hemos aplicado el 20 % de descuento a mano en su carrito, reservado durante 48 horas.",
    },
  },
  fr: {
    shipping: {
      subject: "Commande non reçue",
      opening: "Bonjour, ma commande {order} devait arriver mardi et je n'ai toujours rien reçu. Le suivi n'a pas bougé depuis trois jours. Pouvez-vous vérifier la livraison ?",
      reply: "Bonjour {name}, je comprends tout à fait votre agacement, attendre sans nouvelles n'est pas agréable. J'ai contacté le transporteur : votre colis est au centre de tri de Lyon et sera livré demain avant midi.",
      followUp: "Toujours rien aujourd'hui… Que puis-je faire ?",
      reply2: "Bonjour {name}, toutes nos excuses pour ce nouveau retard. Je vous ai envoyé un nouveau colis en express aujourd'hui, vous le recevrez demain. Le premier colis nous sera retourné automatiquement.",
    },
    billing: {
      subject: "Erreur de facturation",
      opening: "Bonjour, j'ai été [facturé|facturée] deux fois ce mois-ci pour mon abonnement {plan}. Merci de me rembourser le second paiement.",
      reply: "Bonjour {name}, vous avez raison, le paiement a bien été prélevé deux fois et nous vous prions de nous en excuser. Le second prélèvement vous a été remboursé ; il apparaîtra sur votre compte sous 3 à 5 jours ouvrés.",
    },
    damaged: {
      subject: "Lampe arrivée cassée",
      opening: "Bonjour, la lampe de bureau de la commande {order} est arrivée avec le pied cassé. Je souhaiterais un échange, s'il vous plaît.",
      reply: "Bonjour {name}, toutes nos excuses pour ce désagrément. Une nouvelle lampe vous a été envoyée en express aujourd'hui ; inutile de nous renvoyer celle qui est abîmée.",
      followUp: "Bien reçue, merci beaucoup pour votre réactivité !",
    },
    return: {
      subject: "Retour d'un sac à dos",
      opening: "Bonjour, je voudrais retourner le sac à dos de la commande {order}, il est trop petit pour mon ordinateur. Comment faire ?",
      reply: "Bonjour {name}, rien de plus simple : nous vous avons envoyé par e-mail une étiquette de retour gratuite. Il suffit de déposer le colis en point relais sous 30 jours ; le remboursement est effectué dès sa réception.",
    },
    login: {
      subject: "Impossible de me connecter",
      opening: "Bonjour, depuis que j'ai changé mon mot de passe, je n'arrive plus à me connecter. Le site m'affiche « identifiants incorrects ». Pouvez-vous m'aider ?",
      reply: "Bonjour {name}, votre compte a été temporairement bloqué après plusieurs tentatives infructueuses. Nous venons de le débloquer : vous pouvez réessayer avec votre nouveau mot de passe.",
      followUp: "Ça marche, merci !",
    },
  },
};

/** A customer who got no answer yet writes again. */
export const NUDGE: Record<Lang, string[]> = {
  en: ["Any update on this?", "Hello? I'd really appreciate an answer today.", "Just following up on my message above."],
  da: ["Er der nyt?", "Hej igen, har I set min besked?"],
  pl: ["Czy jest coś nowego w tej sprawie?", "Dzień dobry, czy mogę prosić o odpowiedź?"],
  sk: ["Je v tom niečo nové?", "Dobrý deň, môžem poprosiť o odpoveď?"],
  de: ["Gibt es schon etwas Neues?", "Hallo, ich warte noch auf eine Antwort."],
  es: ["¿Hay alguna novedad?", "Hola, sigo esperando una respuesta."],
  fr: ["Avez-vous du nouveau ?", "Bonjour, j'attends toujours une réponse."],
};

/** The customer has one more question after our answer. */
export const ASK_AGAIN: Record<Lang, string[]> = {
  en: ["Thanks — and roughly how long will that take?", "OK, thanks. Will I get an email when it's done?"],
  da: ["Tak – hvor lang tid tager det cirka?", "Okay, tak. Får jeg en mail, når det er ordnet?"],
  pl: ["Dziękuję — a ile to mniej więcej potrwa?", "Dobrze, dziękuję. Czy dostanę e-mail, kiedy sprawa zostanie załatwiona?"],
  sk: ["Ďakujem — a ako dlho to zhruba potrvá?", "Dobre, ďakujem. Dostanem e-mail, keď to bude vybavené?"],
  de: ["Danke — und wie lange dauert das ungefähr?", "Okay, danke. Bekomme ich eine E-Mail, wenn es erledigt ist?"],
  es: ["Gracias. ¿Y cuánto tardará más o menos?", "Vale, gracias. ¿Me avisarán por correo cuando esté resuelto?"],
  fr: ["Merci. Et combien de temps cela prendra-t-il environ ?", "D'accord, merci. Vais-je recevoir un e-mail quand ce sera réglé ?"],
};

/** The customer's last word on a solved conversation. */
export const THANKS: Record<Lang, string[]> = {
  en: ["Perfect, thank you!", "Thanks a lot, that sorts it.", "Great, appreciate the quick help."],
  da: ["Tusind tak for hjælpen!", "Perfekt, tak!"],
  pl: ["Dziękuję bardzo za pomoc!", "Super, dziękuję!"],
  sk: ["Ďakujem pekne za pomoc!", "Super, ďakujem!"],
  de: ["Vielen Dank für die schnelle Hilfe!", "Super, danke!"],
  es: ["¡Muchas gracias por la ayuda!", "Perfecto, gracias."],
  fr: ["Merci beaucoup pour votre aide !", "Parfait, merci !"],
};

/** How customers sign an email. */
export const CUSTOMER_SIGN_OFF: Record<Lang, string> = {
  en: "Kind regards,", da: "Venlig hilsen", pl: "Pozdrawiam,", sk: "S pozdravom", de: "Viele Grüße", es: "Saludos,", fr: "Cordialement,",
};

/** How agents sign an email reply. */
export const AGENT_SIGN_OFF: Record<Lang, string> = {
  en: "Best regards,", da: "Venlig hilsen", pl: "Pozdrawiamy serdecznie,", sk: "S pozdravom", de: "Viele Grüße", es: "Un saludo,", fr: "Bien cordialement,",
};

/** Labels of the order box in HTML email replies. */
export const ORDER_LABELS: Record<Lang, { order: string; status: string; statusText: string }> = {
  en: { order: "Order", status: "Status", statusText: "Handled by Northwind Support" },
  da: { order: "Ordre", status: "Status", statusText: "Behandlet af Northwind Support" },
  pl: { order: "Zamówienie", status: "Status", statusText: "Obsługiwane przez Northwind Support" },
  sk: { order: "Objednávka", status: "Stav", statusText: "Vybavuje Northwind Support" },
  de: { order: "Bestellung", status: "Status", statusText: "Bearbeitet vom Northwind Support" },
  es: { order: "Pedido", status: "Estado", statusText: "Gestionado por Northwind Support" },
  fr: { order: "Commande", status: "Statut", statusText: "Traité par Northwind Support" },
};

/**
 * Private notes, in English (the team's working language). "@{mate}" mentions a teammate; {product},
 * {orders} and {plan} as above.
 */
export const NOTES: Record<Topic, string[]> = {
  shipping: ["Checked the carrier portal: parcel scanned at the depot this morning, no exception reported.", "@{mate} third delayed parcel via this depot this week — can you raise it with the carrier?"],
  damaged: ["@{mate} second damaged {product} from this batch this week. Can you ask the warehouse to check the packaging?", "Replacement sent without return, within policy."],
  address: ["Address changed before pick-up, no reroute fee."],
  return: ["Return label sent; the refund triggers on the warehouse scan.", "@{mate} customer asks about store credit vs card — card is the default, right?"],
  billing: ["Duplicate charge confirmed in the payment dashboard (same amount, two minutes apart). Refunding.", "@{mate} this is the second duplicate charge for this customer; can you check the renewal job?"],
  invoice: ["@{mate} can you double-check the VAT number before we reissue the invoice?"],
  cancel: ["Churn risk — @{mate} do we have a retention offer for {plan} members?", "Offered the free plan as an alternative."],
  discount: ["SPRING20 was limited to the first newsletter batch; several customers affected so far. Applying by hand."],
  login: ["Account was locked after 5 failed attempts; unlocked.", "@{mate} is the password reset email delayed again? Third report today."],
  bug: ["@{mate} looks like the same Android 14 crash as yesterday's bug report — can you link them?", "Reproduced on staging with the customer's steps."],
  feature: ["Logged on the product board under 'delivery slots'.", "@{mate} another vote for delivery time slots."],
  warranty: ["Within the 2-year warranty; repair case created.", "@{mate} can the workshop prioritise this one? Loyal customer, {orders} orders."],
  praise: ["@{mate} this one's for you 🎉"],
};

/** A teammate who speaks the customer's language takes over. */
export const HANDOVER_NOTE = "@{mate} can you take this one? It's in {language} and you'll be quicker than me.";
export const VIP_NOTE = "VIP customer ({orders} orders, lifetime value €{ltv}) — @{mate} FYI, let's make sure this is solved today.";
export const SNOOZE_NOTE = "Snoozing until we hear back; will follow up if nothing changes.";

export const PRODUCTS = ["kettle", "coffee machine", "blender", "desk lamp", "rain jacket", "backpack", "toaster", "headphones", "air fryer", "electric toothbrush"];

/** `phone` is the national number's shape, # a digit. */
type People = { female: string[]; male: string[]; last: [string, string][]; country: string; dial: string; phone: string };
const same = (names: string[]) => names.map((s) => [s, s] as [string, string]);

/** Names as people in each country have them; last names as [masculine, feminine]. */
export const PEOPLE: Record<Lang, People> = {
  en: {
    female: ["Emma", "Sophia", "Amelia", "Grace", "Chloe", "Isla", "Olivia", "Ruby", "Hannah", "Freya", "Lucy", "Megan"],
    male: ["Oliver", "James", "Noah", "Liam", "Henry", "Jack", "Harry", "George", "Thomas", "Daniel", "Samuel", "Ethan"],
    last: same(["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Clark", "Walker", "Hughes", "Patel", "Murphy", "O'Connor", "Green", "Khan", "Wright"]),
    country: "GB", dial: "44", phone: "7### ######",
  },
  da: {
    female: ["Mette", "Sofie", "Ida", "Anne", "Freja", "Camilla", "Louise"],
    male: ["Lars", "Mads", "Frederik", "Rasmus", "Søren", "Mikkel", "Jesper"],
    last: same(["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Larsen", "Sørensen", "Christensen"]),
    country: "DK", dial: "45", phone: "## ## ## ##",
  },
  pl: {
    female: ["Ewa", "Anna", "Katarzyna", "Agnieszka", "Magdalena", "Joanna", "Monika"],
    male: ["Piotr", "Tomasz", "Michał", "Paweł", "Krzysztof", "Jakub", "Łukasz"],
    last: [["Kowalski", "Kowalska"], ["Nowak", "Nowak"], ["Wiśniewski", "Wiśniewska"], ["Wójcik", "Wójcik"], ["Kamiński", "Kamińska"], ["Lewandowski", "Lewandowska"], ["Zieliński", "Zielińska"], ["Szymański", "Szymańska"]],
    country: "PL", dial: "48", phone: "### ### ###",
  },
  sk: {
    female: ["Zuzana", "Jana", "Lucia", "Katarína", "Petra", "Mária"],
    male: ["Martin", "Peter", "Tomáš", "Juraj", "Michal", "Marek"],
    last: [["Horváth", "Horváthová"], ["Kováč", "Kováčová"], ["Varga", "Vargová"], ["Tóth", "Tóthová"], ["Nagy", "Nagyová"], ["Baláž", "Balážová"], ["Molnár", "Molnárová"]],
    country: "SK", dial: "421", phone: "9## ### ###",
  },
  de: {
    female: ["Lena", "Mia", "Hannah", "Laura", "Julia", "Katrin", "Sabine"],
    male: ["Jonas", "Felix", "Lukas", "Maximilian", "Tobias", "Stefan", "Jan"],
    last: same(["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Hoffmann", "Schäfer"]),
    country: "DE", dial: "49", phone: "15# #######",
  },
  es: {
    female: ["Lucía", "María", "Carmen", "Laura", "Paula", "Elena"],
    male: ["Hugo", "Pablo", "Javier", "Alejandro", "Diego", "Sergio"],
    last: same(["García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Fernández", "Ruiz"]),
    country: "ES", dial: "34", phone: "6## ### ###",
  },
  fr: {
    female: ["Camille", "Léa", "Chloé", "Manon", "Julie", "Inès"],
    male: ["Louis", "Gabriel", "Hugo", "Thomas", "Nicolas", "Antoine"],
    last: same(["Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Lefèvre", "Girard", "Roux"]),
    country: "FR", dial: "33", phone: "6 ## ## ## ##",
  },
};
