/** The demo help center's articles: Northwind's knowledge base, in English with some translations. */

export type DemoTranslation = { title: string; summary: string; body: string };
export type DemoArticle = {
  slug: string;
  category: string;
  internal?: boolean;
  /** Days since someone verified it (past its 90-day interval shows as due). */
  verifiedDaysAgo?: number;
  views?: number;
  t: Record<string, DemoTranslation>;
};

export const DEMO_CATEGORIES: { slug: string; names: Record<string, { name: string; description?: string }> }[] = [
  {
    slug: "orders-shipping",
    names: {
      en: { name: "Orders & shipping", description: "Tracking, delivery times and addresses" },
      da: { name: "Ordrer og levering", description: "Sporing, leveringstider og adresser" },
      de: { name: "Bestellungen & Versand", description: "Sendungsverfolgung, Lieferzeiten und Adressen" },
      pl: { name: "Zamówienia i dostawa", description: "Śledzenie, czas dostawy i adresy" },
      es: { name: "Pedidos y envíos", description: "Seguimiento, plazos de entrega y direcciones" },
    },
  },
  {
    slug: "returns-refunds",
    names: {
      en: { name: "Returns & refunds", description: "Send something back and get your money" },
      da: { name: "Returnering og refusion", description: "Send en vare retur og få pengene tilbage" },
      de: { name: "Rücksendungen & Erstattungen", description: "Artikel zurücksenden und Geld zurückerhalten" },
      pl: { name: "Zwroty i refundacje", description: "Odeślij produkt i odzyskaj pieniądze" },
      es: { name: "Devoluciones y reembolsos", description: "Devuelve un artículo y recupera tu dinero" },
    },
  },
  {
    slug: "account",
    names: {
      en: { name: "Account & sign-in", description: "Passwords, email address and the app" },
      da: { name: "Konto og login", description: "Adgangskoder, e-mail og appen" },
      de: { name: "Konto & Anmeldung", description: "Passwörter, E-Mail-Adresse und die App" },
      pl: { name: "Konto i logowanie", description: "Hasła, adres e-mail i aplikacja" },
      es: { name: "Cuenta e inicio de sesión", description: "Contraseñas, correo y la app" },
    },
  },
  {
    slug: "billing",
    names: {
      en: { name: "Billing & membership", description: "Plans, invoices, payments and discounts" },
      da: { name: "Betaling og medlemskab", description: "Abonnementer, fakturaer og rabatter" },
      de: { name: "Zahlung & Mitgliedschaft", description: "Tarife, Rechnungen, Zahlungen und Rabatte" },
      pl: { name: "Płatności i członkostwo", description: "Plany, faktury, płatności i rabaty" },
      es: { name: "Facturación y membresía", description: "Planes, facturas, pagos y descuentos" },
    },
  },
  {
    slug: "products-warranty",
    names: {
      en: { name: "Products & warranty", description: "Care, repairs and the two-year warranty" },
      da: { name: "Produkter og garanti", description: "Pleje, reparation og to års garanti" },
      de: { name: "Produkte & Garantie", description: "Pflege, Reparaturen und zwei Jahre Garantie" },
      pl: { name: "Produkty i gwarancja", description: "Pielęgnacja, naprawy i dwuletnia gwarancja" },
      es: { name: "Productos y garantía", description: "Cuidado, reparaciones y dos años de garantía" },
    },
  },
];

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    slug: "track-your-order",
    category: "orders-shipping",
    views: 1840,
    t: {
      en: {
        title: "Track your order",
        summary: "Where your parcel is right now, and what each status means.",
        body: "As soon as your order leaves our warehouse we email you a **tracking link**. You can also find it any time under **My orders** in your account or the app.\n\n## What the statuses mean\n\n| Status | What is happening |\n|---|---|\n| Received | We have your order and payment. |\n| Packed | Your parcel is ready for the carrier. |\n| Shipped | The carrier has it; tracking updates within 24 hours. |\n| Delivered | The carrier scanned it at your address or pick-up point. |\n\nTracking not moving for more than three working days? See [My parcel is late or missing](../articles/missing-or-late-parcel).",
      },
      da: {
        title: "Spor din ordre",
        summary: "Hvor din pakke er lige nu, og hvad hver status betyder.",
        body: "Så snart din ordre forlader vores lager, sender vi dig et **sporingslink** på e-mail. Du finder det også altid under **Mine ordrer** på din konto eller i appen.\n\n## Hvad betyder status?\n\n- **Modtaget**: vi har din ordre og betaling.\n- **Pakket**: pakken er klar til fragtfirmaet.\n- **Afsendt**: fragtfirmaet har pakken; sporingen opdateres inden for 24 timer.\n- **Leveret**: pakken er scannet på din adresse eller i pakkeshoppen.",
      },
      de: {
        title: "Bestellung verfolgen",
        summary: "Wo Ihr Paket gerade ist und was die einzelnen Status bedeuten.",
        body: "Sobald Ihre Bestellung unser Lager verlässt, senden wir Ihnen einen **Sendungsverfolgungslink** per E-Mail. Sie finden ihn jederzeit auch unter **Meine Bestellungen** in Ihrem Konto oder in der App.\n\n## Was bedeuten die Status?\n\n- **Eingegangen**: Bestellung und Zahlung sind bei uns.\n- **Verpackt**: Das Paket ist bereit für den Versanddienstleister.\n- **Versendet**: Der Versanddienstleister hat das Paket; die Verfolgung wird innerhalb von 24 Stunden aktualisiert.\n- **Zugestellt**: Das Paket wurde an Ihrer Adresse oder Abholstation gescannt.",
      },
      pl: {
        title: "Śledzenie zamówienia",
        summary: "Gdzie jest teraz Twoja paczka i co oznacza każdy status.",
        body: "Gdy tylko zamówienie opuści nasz magazyn, wyślemy Ci e-mailem **link do śledzenia**. Znajdziesz go też zawsze w zakładce **Moje zamówienia** na koncie lub w aplikacji.\n\n- **Przyjęte**: mamy Twoje zamówienie i płatność.\n- **Spakowane**: paczka czeka na kuriera.\n- **Wysłane**: paczkę ma kurier; śledzenie zaktualizuje się w ciągu 24 godzin.\n- **Doręczone**: paczka została zeskanowana pod Twoim adresem lub w punkcie odbioru.",
      },
      es: {
        title: "Sigue tu pedido",
        summary: "Dónde está tu paquete ahora y qué significa cada estado.",
        body: "En cuanto tu pedido sale de nuestro almacén te enviamos por correo un **enlace de seguimiento**. También lo encontrarás siempre en **Mis pedidos**, en tu cuenta o en la app.\n\n- **Recibido**: tenemos tu pedido y el pago.\n- **Preparado**: el paquete está listo para el transportista.\n- **Enviado**: lo tiene el transportista; el seguimiento se actualiza en 24 horas.\n- **Entregado**: se escaneó en tu dirección o punto de recogida.",
      },
    },
  },
  {
    slug: "shipping-times-and-costs",
    category: "orders-shipping",
    views: 1210,
    t: {
      en: {
        title: "Shipping times and costs",
        summary: "How long delivery takes and what it costs, by country.",
        body: "We ship from our warehouse in Denmark every working day. Orders placed before **14:00 CET** leave the same day.\n\n| Destination | Delivery | Cost |\n|---|---|---|\n| Denmark | 1–2 working days | €4.95, free over €49 |\n| Germany, Sweden, Netherlands | 2–3 working days | €6.95, free over €69 |\n| Poland, Slovakia, Czechia | 3–4 working days | €7.95, free over €69 |\n| Spain, France | 3–5 working days | €8.95, free over €79 |\n\nNorthwind **Plus** and **Premium** members always ship free.",
      },
      da: {
        title: "Leveringstider og fragtpriser",
        summary: "Hvor lang tid levering tager, og hvad det koster.",
        body: "Vi sender fra vores lager i Danmark hver hverdag. Bestiller du før **kl. 14**, sender vi samme dag.\n\n- **Danmark**: 1–2 hverdage, 4,95 €, gratis over 49 €.\n- **Tyskland, Sverige, Holland**: 2–3 hverdage, 6,95 €.\n- **Resten af EU**: 3–5 hverdage, fra 7,95 €.\n\nMedlemmer af Northwind **Plus** og **Premium** får altid gratis levering.",
      },
      de: {
        title: "Lieferzeiten und Versandkosten",
        summary: "Wie lange die Lieferung dauert und was sie kostet.",
        body: "Wir versenden an jedem Werktag aus unserem Lager in Dänemark. Bestellungen bis **14:00 Uhr** verlassen das Lager am selben Tag.\n\n- **Deutschland**: 2–3 Werktage, 6,95 €, ab 69 € versandkostenfrei.\n- **Dänemark**: 1–2 Werktage.\n- **Übrige EU**: 3–5 Werktage, ab 7,95 €.\n\nMitglieder von Northwind **Plus** und **Premium** erhalten immer kostenlosen Versand.",
      },
      es: {
        title: "Plazos y gastos de envío",
        summary: "Cuánto tarda la entrega y cuánto cuesta.",
        body: "Enviamos desde nuestro almacén en Dinamarca cada día laborable. Los pedidos hechos antes de las **14:00 CET** salen el mismo día.\n\n- **España y Francia**: 3–5 días laborables, 8,95 €, gratis a partir de 79 €.\n- **Alemania, Suecia, Países Bajos**: 2–3 días laborables.\n\nLos miembros **Plus** y **Premium** tienen siempre envío gratis.",
      },
    },
  },
  {
    slug: "change-delivery-address",
    category: "orders-shipping",
    views: 420,
    t: {
      en: {
        title: "Change your delivery address",
        summary: "You can change it until the parcel is packed.",
        body: "Open **My orders**, choose the order and click **Change address**. This works until the status is *Packed*.\n\nAlready shipped? Most carriers let you redirect the parcel from the tracking page. If that is not possible, talk to us and we will arrange a return to our warehouse and send it again free of charge.",
      },
      da: {
        title: "Skift leveringsadresse",
        summary: "Du kan ændre adressen, indtil pakken er pakket.",
        body: "Åbn **Mine ordrer**, vælg ordren og klik på **Skift adresse**. Det virker, indtil status er *Pakket*.\n\nEr pakken allerede afsendt? De fleste fragtfirmaer lader dig omdirigere pakken fra sporingssiden.",
      },
    },
  },
  {
    slug: "missing-or-late-parcel",
    category: "orders-shipping",
    views: 760,
    t: {
      en: {
        title: "My parcel is late or missing",
        summary: "What to do when tracking stops moving or the parcel never arrived.",
        body: "1. Check the tracking link: carriers sometimes deliver to a neighbour or a pick-up point.\n2. If tracking hasn't moved for **three working days**, contact us with your order number.\n3. If the carrier confirms the parcel is lost, we send a replacement or refund you in full, whichever you prefer.\n\nYou never have to file a claim with the carrier yourself.",
      },
      de: {
        title: "Mein Paket ist verspätet oder verloren",
        summary: "Was tun, wenn sich die Sendungsverfolgung nicht bewegt?",
        body: "1. Prüfen Sie den Verfolgungslink: Manchmal wird bei Nachbarn oder an einer Abholstation zugestellt.\n2. Bewegt sich die Verfolgung **drei Werktage** lang nicht, kontaktieren Sie uns mit Ihrer Bestellnummer.\n3. Bestätigt der Versanddienstleister den Verlust, schicken wir Ersatz oder erstatten den vollen Betrag.",
      },
      pl: {
        title: "Paczka się spóźnia lub zaginęła",
        summary: "Co zrobić, gdy śledzenie stoi w miejscu.",
        body: "1. Sprawdź link do śledzenia: kurier mógł zostawić paczkę u sąsiada lub w punkcie odbioru.\n2. Jeśli status nie zmienia się od **trzech dni roboczych**, napisz do nas z numerem zamówienia.\n3. Gdy przewoźnik potwierdzi zaginięcie, wyślemy nową paczkę albo zwrócimy całą kwotę.",
      },
    },
  },
  {
    slug: "international-shipping-and-customs",
    category: "orders-shipping",
    views: 150,
    t: {
      en: {
        title: "International shipping and customs fees",
        summary: "Outside the EU, duties may apply; here is how we handle them.",
        body: "Within the EU there are **no customs fees**. For the UK, Norway and Switzerland we ship *Delivered Duty Paid*: the price you see at checkout includes import VAT and duties, so the carrier will never ask you for money at the door.",
      },
    },
  },
  {
    slug: "return-an-item",
    category: "returns-refunds",
    views: 1530,
    t: {
      en: {
        title: "Return an item",
        summary: "30 days to change your mind, free return label included.",
        body: "You have **30 days** from delivery to return anything unused in its original packaging.\n\n1. Go to **My orders** and click **Return items**.\n2. Choose the items and a reason.\n3. Print the free return label, or show the QR code at a drop-off point.\n\nWe email you as soon as the return arrives. Refunds are covered in [When will I get my refund?](../articles/refund-timeline).",
      },
      da: {
        title: "Returner en vare",
        summary: "30 dages fortrydelsesret med gratis returlabel.",
        body: "Du har **30 dage** fra levering til at returnere ubrugte varer i original emballage.\n\n1. Gå til **Mine ordrer** og klik på **Returner varer**.\n2. Vælg varer og en årsag.\n3. Print den gratis returlabel, eller vis QR-koden i pakkeshoppen.",
      },
      de: {
        title: "Artikel zurücksenden",
        summary: "30 Tage Rückgaberecht mit kostenlosem Rücksendeetikett.",
        body: "Sie haben **30 Tage** ab Lieferung Zeit, unbenutzte Artikel in der Originalverpackung zurückzusenden.\n\n1. Öffnen Sie **Meine Bestellungen** und klicken Sie auf **Artikel zurücksenden**.\n2. Wählen Sie die Artikel und einen Grund.\n3. Drucken Sie das kostenlose Rücksendeetikett oder zeigen Sie den QR-Code in der Paketannahme.",
      },
      pl: {
        title: "Zwrot produktu",
        summary: "30 dni na zwrot, darmowa etykieta zwrotna.",
        body: "Masz **30 dni** od doręczenia na zwrot nieużywanych produktów w oryginalnym opakowaniu.\n\n1. Wejdź w **Moje zamówienia** i kliknij **Zwróć produkty**.\n2. Wybierz produkty i powód.\n3. Wydrukuj darmową etykietę albo pokaż kod QR w punkcie nadania.",
      },
      es: {
        title: "Devolver un artículo",
        summary: "30 días para cambiar de opinión, con etiqueta de devolución gratuita.",
        body: "Tienes **30 días** desde la entrega para devolver artículos sin usar en su embalaje original.\n\n1. Ve a **Mis pedidos** y pulsa **Devolver artículos**.\n2. Elige los artículos y un motivo.\n3. Imprime la etiqueta gratuita o muestra el código QR en un punto de entrega.",
      },
    },
  },
  {
    slug: "refund-timeline",
    category: "returns-refunds",
    views: 990,
    t: {
      en: {
        title: "When will I get my refund?",
        summary: "Refunds go back to your original payment method within 5 working days.",
        body: "We refund within **2 working days** of receiving your return. Your bank then needs up to **5 working days** to show it.\n\n- Card and MobilePay: back to the same card or account.\n- Invoice (Klarna): the invoice is reduced or cancelled.\n- Gift card: a new gift card code by email.",
      },
      da: {
        title: "Hvornår får jeg mine penge tilbage?",
        summary: "Refusion sker til din oprindelige betalingsmetode inden for 5 hverdage.",
        body: "Vi refunderer inden for **2 hverdage**, efter vi har modtaget din returnering. Derefter kan der gå op til **5 hverdage**, før banken viser beløbet.",
      },
      de: {
        title: "Wann bekomme ich mein Geld zurück?",
        summary: "Erstattungen gehen innerhalb von 5 Werktagen an die ursprüngliche Zahlungsart.",
        body: "Wir erstatten innerhalb von **2 Werktagen** nach Eingang Ihrer Rücksendung. Ihre Bank braucht danach bis zu **5 Werktage**, bis der Betrag sichtbar ist. Bei Kauf auf Rechnung wird die Rechnung reduziert oder storniert.",
      },
      es: {
        title: "¿Cuándo recibiré mi reembolso?",
        summary: "Los reembolsos vuelven a tu método de pago original en 5 días laborables.",
        body: "Reembolsamos en **2 días laborables** tras recibir tu devolución. Después, tu banco puede tardar hasta **5 días laborables** en mostrarlo.",
      },
    },
  },
  {
    slug: "damaged-or-faulty-item",
    category: "returns-refunds",
    views: 610,
    verifiedDaysAgo: 130,
    t: {
      en: {
        title: "My item arrived damaged",
        summary: "Send us a photo and we'll replace it, no need to return it first.",
        body: "We're sorry! Reply to your order confirmation or talk to us with:\n\n- your order number,\n- a photo of the damage and of the box.\n\nWe send a replacement straight away. For damage in transit you don't need to send the broken item back.",
      },
      pl: {
        title: "Produkt dotarł uszkodzony",
        summary: "Wyślij nam zdjęcie, a wymienimy produkt bez odsyłania.",
        body: "Przepraszamy! Napisz do nas, podając:\n\n- numer zamówienia,\n- zdjęcie uszkodzenia i kartonu.\n\nNowy produkt wyślemy od razu. Przy uszkodzeniu w transporcie nie musisz odsyłać zepsutego produktu.",
      },
    },
  },
  {
    slug: "exchange-size-or-colour",
    category: "returns-refunds",
    views: 240,
    t: {
      en: {
        title: "Exchange for another size or colour",
        summary: "Start a return and choose 'Exchange' — we ship the new one right away.",
        body: "Start a return under **My orders** and pick **Exchange** as the reason. We reserve the new size or colour and ship it as soon as the carrier scans your return, so you don't wait for the parcel to reach us.",
      },
    },
  },
  {
    slug: "reset-your-password",
    category: "account",
    views: 2210,
    t: {
      en: {
        title: "Reset your password",
        summary: "Locked out? Get a reset link by email in under a minute.",
        body: "1. On the sign-in page, click **Forgot password?**\n2. Enter the email address of your account.\n3. Open the email from Northwind and click the link within **60 minutes**.\n4. Choose a new password of at least 10 characters.\n\n> No email after five minutes? Check your spam folder, and make sure you typed the address you signed up with.",
      },
      da: {
        title: "Nulstil din adgangskode",
        summary: "Låst ude? Få et link til nulstilling på e-mail på under et minut.",
        body: "1. Klik på **Glemt adgangskode?** på login-siden.\n2. Skriv din kontos e-mailadresse.\n3. Åbn e-mailen fra Northwind, og klik på linket inden for **60 minutter**.\n4. Vælg en ny adgangskode på mindst 10 tegn.\n\n> Ingen e-mail efter fem minutter? Tjek din spammappe.",
      },
      de: {
        title: "Passwort zurücksetzen",
        summary: "Ausgesperrt? Ein Link zum Zurücksetzen kommt in unter einer Minute.",
        body: "1. Klicken Sie auf der Anmeldeseite auf **Passwort vergessen?**\n2. Geben Sie die E-Mail-Adresse Ihres Kontos ein.\n3. Öffnen Sie die E-Mail von Northwind und klicken Sie innerhalb von **60 Minuten** auf den Link.\n4. Wählen Sie ein neues Passwort mit mindestens 10 Zeichen.",
      },
      pl: {
        title: "Resetowanie hasła",
        summary: "Nie możesz się zalogować? Link do resetu dostaniesz e-mailem w minutę.",
        body: "1. Na stronie logowania kliknij **Nie pamiętasz hasła?**\n2. Wpisz adres e-mail swojego konta.\n3. Otwórz wiadomość od Northwind i kliknij link w ciągu **60 minut**.\n4. Ustaw nowe hasło (co najmniej 10 znaków).",
      },
      es: {
        title: "Restablecer la contraseña",
        summary: "¿No puedes entrar? Recibe un enlace por correo en menos de un minuto.",
        body: "1. En la página de inicio de sesión, pulsa **¿Olvidaste tu contraseña?**\n2. Escribe el correo de tu cuenta.\n3. Abre el correo de Northwind y pulsa el enlace antes de **60 minutos**.\n4. Elige una contraseña nueva de al menos 10 caracteres.",
      },
    },
  },
  {
    slug: "change-email-address",
    category: "account",
    views: 310,
    t: {
      en: {
        title: "Change the email address on your account",
        summary: "Update it under Account settings; we confirm the new address first.",
        body: "Go to **Account → Settings → Email** and enter the new address. We send a confirmation link to it; the change takes effect once you click it. Your order history stays with your account.",
      },
    },
  },
  {
    slug: "delete-your-account",
    category: "account",
    views: 95,
    t: {
      en: {
        title: "Delete your account and data",
        summary: "How to close your account and what we keep by law.",
        body: "Under **Account → Privacy** click **Delete my account**. We delete your profile, addresses and saved cards within 30 days. Invoices are kept for five years, as accounting law requires.",
      },
    },
  },
  {
    slug: "app-crashes",
    category: "account",
    views: 530,
    verifiedDaysAgo: 120,
    t: {
      en: {
        title: "The app closes or won't load",
        summary: "Update, clear the cache, and tell us your phone model if it keeps happening.",
        body: "1. Update the Northwind app from the App Store or Google Play.\n2. On Android: **Settings → Apps → Northwind → Storage → Clear cache**.\n3. Restart your phone.\n\nStill crashing? Talk to us and tell us your phone model and system version, so our developers can reproduce it.",
      },
    },
  },
  {
    slug: "membership-plans",
    category: "billing",
    views: 870,
    t: {
      en: {
        title: "Northwind Plus and Premium explained",
        summary: "Free shipping, longer returns and priority support.",
        body: "| | Free | Plus | Premium |\n|---|---|---|---|\n| Price per month | €0 | €9.99 | €19.99 |\n| Free shipping | over €49 | always | always |\n| Return window | 30 days | 60 days | 90 days |\n| Support | email | chat | priority phone |\n\nYou can change or cancel your plan at any time; changes apply from the next billing period.",
      },
      da: {
        title: "Northwind Plus og Premium forklaret",
        summary: "Gratis levering, længere returret og hurtigere support.",
        body: "- **Plus** (9,99 € pr. måned): altid gratis levering og 60 dages returret.\n- **Premium** (19,99 € pr. måned): det samme plus 90 dages returret og prioriteret telefonsupport.\n\nDu kan skifte eller opsige dit abonnement når som helst.",
      },
      de: {
        title: "Northwind Plus und Premium erklärt",
        summary: "Kostenloser Versand, längere Rückgabe und bevorzugter Support.",
        body: "- **Plus** (9,99 € pro Monat): immer kostenloser Versand und 60 Tage Rückgaberecht.\n- **Premium** (19,99 € pro Monat): zusätzlich 90 Tage Rückgaberecht und bevorzugter Telefon-Support.\n\nSie können Ihren Tarif jederzeit wechseln oder kündigen.",
      },
    },
  },
  {
    slug: "cancel-membership",
    category: "billing",
    views: 640,
    t: {
      en: {
        title: "Cancel your membership",
        summary: "Cancel any time; you keep the benefits until the period ends.",
        body: "Go to **Account → Membership** and click **Cancel membership**. You keep all benefits until the end of the period you have paid for, and we never charge you again. No phone call needed.",
      },
      de: {
        title: "Mitgliedschaft kündigen",
        summary: "Jederzeit kündbar; die Vorteile bleiben bis zum Ende des Zeitraums.",
        body: "Öffnen Sie **Konto → Mitgliedschaft** und klicken Sie auf **Mitgliedschaft kündigen**. Alle Vorteile bleiben bis zum Ende des bezahlten Zeitraums erhalten, danach buchen wir nichts mehr ab.",
      },
    },
  },
  {
    slug: "download-invoice",
    category: "billing",
    views: 720,
    t: {
      en: {
        title: "Download an invoice",
        summary: "Every order has a PDF invoice under My orders.",
        body: "Open **My orders**, choose the order and click **Download invoice (PDF)**. Need your company name or VAT number on it? Add them under **Account → Billing details** before ordering, or talk to us and we will reissue it.",
      },
      da: {
        title: "Hent en faktura",
        summary: "Alle ordrer har en PDF-faktura under Mine ordrer.",
        body: "Åbn **Mine ordrer**, vælg ordren, og klik på **Hent faktura (PDF)**. Skal firmanavn eller CVR-nummer stå på fakturaen, så tilføj det under **Konto → Faktureringsoplysninger**.",
      },
      de: {
        title: "Rechnung herunterladen",
        summary: "Zu jeder Bestellung gibt es eine PDF-Rechnung unter Meine Bestellungen.",
        body: "Öffnen Sie **Meine Bestellungen**, wählen Sie die Bestellung und klicken Sie auf **Rechnung herunterladen (PDF)**. Firmenname oder USt-IdNr. tragen Sie unter **Konto → Rechnungsdaten** ein.",
      },
      pl: {
        title: "Pobieranie faktury",
        summary: "Każde zamówienie ma fakturę PDF w zakładce Moje zamówienia.",
        body: "Otwórz **Moje zamówienia**, wybierz zamówienie i kliknij **Pobierz fakturę (PDF)**. Nazwę firmy lub NIP dodasz w **Konto → Dane do faktury**.",
      },
    },
  },
  {
    slug: "payment-methods",
    category: "billing",
    views: 380,
    t: {
      en: {
        title: "Payment methods we accept",
        summary: "Cards, MobilePay, PayPal, Klarna invoice and gift cards.",
        body: "We accept Visa, Mastercard, American Express, MobilePay, PayPal, Klarna (pay in 30 days) and Northwind gift cards. Your card is charged when the order ships, not when you place it.",
      },
      es: {
        title: "Métodos de pago que aceptamos",
        summary: "Tarjetas, PayPal, Klarna y tarjetas regalo.",
        body: "Aceptamos Visa, Mastercard, American Express, PayPal, Klarna (paga en 30 días) y tarjetas regalo de Northwind. El cargo se hace cuando enviamos el pedido, no al realizarlo.",
      },
    },
  },
  {
    slug: "discount-codes",
    category: "billing",
    views: 450,
    t: {
      en: {
        title: "Using discount codes",
        summary: "Enter the code at checkout; one code per order.",
        body: "Type the code in **Discount code** on the checkout page and click **Apply**. One code per order; codes can't be used on gift cards. Forgot to add it? Talk to us within 14 days and we refund the difference.",
      },
    },
  },
  {
    slug: "warranty-and-repairs",
    category: "products-warranty",
    views: 560,
    t: {
      en: {
        title: "Warranty and repairs",
        summary: "Two years on everything, three on Northwind-brand appliances.",
        body: "Every product has a **2-year warranty**; Northwind-brand kettles, toasters and coffee machines have **3 years**. If something stops working, talk to us with your order number and a short video. We repair, replace or refund — and we pay the shipping both ways.",
      },
      de: {
        title: "Garantie und Reparaturen",
        summary: "Zwei Jahre auf alles, drei auf Northwind-Geräte.",
        body: "Auf jedes Produkt gibt es **2 Jahre Garantie**, auf Wasserkocher, Toaster und Kaffeemaschinen der Marke Northwind **3 Jahre**. Funktioniert etwas nicht mehr, melden Sie sich mit Bestellnummer und einem kurzen Video. Wir reparieren, ersetzen oder erstatten – und übernehmen den Versand in beide Richtungen.",
      },
    },
  },
  {
    slug: "descale-kettle-or-coffee-machine",
    category: "products-warranty",
    views: 330,
    t: {
      en: {
        title: "Descale your kettle or coffee machine",
        summary: "Once a month in hard-water areas keeps it quiet and fast.",
        body: "1. Fill with equal parts water and white vinegar (or citric acid, 2 tablespoons per litre).\n2. Boil or run one cycle, then leave it for 30 minutes.\n3. Rinse with two cycles of clean water.\n\nDescaling regularly is part of normal care and keeps your warranty valid.",
      },
    },
  },
  {
    slug: "refund-exceptions",
    category: "returns-refunds",
    internal: true,
    views: 0,
    t: {
      en: {
        title: "Refund exceptions: what agents may approve",
        summary: "Internal: goodwill refunds, late returns and who signs off.",
        body: "- **Up to €50**: any agent may refund as goodwill, note the reason in the conversation.\n- **€50–€200**: a supervisor approves (mention them in a private note).\n- **Returns up to 14 days late**: accept once per customer per year.\n- **VIP customers**: see *VIP customers: how we escalate*.\n\nNever promise a refund before the return has been scanned by the carrier.",
      },
    },
  },
  {
    slug: "vip-escalation",
    category: "account",
    internal: true,
    verifiedDaysAgo: 140,
    t: {
      en: {
        title: "VIP customers: how we escalate",
        summary: "Internal: Premium members with more than 10 orders get a named contact.",
        body: "Customers marked **VIP** (Premium and more than 10 orders) are assigned to a supervisor within 1 hour. Offer a phone call for anything unresolved after the first reply, and always acknowledge their loyalty.",
      },
    },
  },
  {
    slug: "carrier-contacts",
    category: "orders-shipping",
    internal: true,
    t: {
      en: {
        title: "Carrier contacts and claim forms",
        summary: "Internal: where to file a lost-parcel claim for each carrier.",
        body: "| Carrier | Claims | Deadline |\n|---|---|---|\n| PostNord | business portal → Claims | 30 days |\n| GLS | claims@gls.example | 14 days |\n| DHL | DHL Business Portal | 30 days |\n\nAttach the tracking number and the customer's photo when the parcel was damaged.",
      },
    },
  },
];

/** What visitors searched for and didn't find, for the knowledge-health page. */
export const DEMO_SEARCH_GAPS: { query: string; locale: string; times: number }[] = [
  { query: "gift wrapping", locale: "en", times: 9 },
  { query: "student discount", locale: "en", times: 6 },
  { query: "klarna rate", locale: "de", times: 4 },
  { query: "gavekort saldo", locale: "da", times: 3 },
  { query: "click and collect", locale: "en", times: 2 },
];
