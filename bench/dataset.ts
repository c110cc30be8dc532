import type pg from "pg";

/**
 * Synthetic help-desk data, bulk-loaded in SQL (INSERT … SELECT over generate_series), shaped like a real
 * inbox: a year of activity, most conversations done, a quarter open; ~20 agents and 4 teams; customers
 * who write more than once; text in English and five other languages drawn with a skew from a vocabulary
 * of a few hundred words, so full-text search sees realistic selectivity. Three search terms are planted
 * at known rates: a medium-frequency word (~1% of conversations), a rare one (~0.05%) — see PLANTED.
 */

// Support English, most frequent first (a word's rank sets its frequency: see `draw` below).
const EN = `
order help please thanks hello hi thank you refund delivery package account payment problem issue question
received still need want would could when where why what how today yesterday week days time again support
return item card charge email phone number address wrong broken missing late tracking shipping invoice price
password login error app website cancel subscription update change new old replace exchange damaged size
color product customer service reply waiting hours weeks month soon asap urgent morning evening weekend
happy sorry disappointed frustrated confused sure really very great good bad never always already just
only also both another same different first last next able unable working stopped fails failed crashed
screen battery charger cable laptop phone tablet headphones speaker camera printer keyboard mouse monitor
kettle blender toaster coffee machine filter bottle jacket shoes shirt trousers dress bag wallet watch ring
bank transfer receipt warranty repair discount coupon code bill credit debit paypal checkout basket cart
courier postcode parcel box label driver door neighbour signed collected depot locker pickup dispatch
manager agent chat call message ticket case reference confirmation details information attached photo
screenshot link page button settings profile notification download install version upgrade plan trial
monthly annual renewal renew billing overcharged twice duplicate pending processing approved declined
shipped arrived opened unopened sealed packaging scratch crack dent leak noise smell stain tear faulty
`;
const DE = `
bestellung hallo danke bitte lieferung paket rechnung zahlung konto passwort hilfe problem frage rücksendung
erstattung geld zurück noch nicht angekommen seit woche tagen heute gestern kaputt beschädigt falsch größe
farbe artikel kundendienst antwort warten dringend leider freundlichen grüßen sendungsverfolgung adresse
bestätigung abbuchung doppelt gutschein rabatt garantie reparatur umtausch storniert abonnement kündigen
`;
const ES = `
pedido hola gracias por favor entrega paquete factura pago cuenta contraseña ayuda problema pregunta devolución
reembolso dinero todavía llegado semana días hoy ayer roto dañado equivocado talla color artículo atención
cliente respuesta esperando urgente saludos seguimiento dirección confirmación cobro doble cupón descuento
garantía reparación cambio cancelado suscripción cancelar
`;
const FR = `
commande bonjour merci svp livraison colis facture paiement compte mot passe aide problème question retour
remboursement argent toujours pas reçu semaine jours aujourd hier cassé endommagé erreur taille couleur
article service client réponse attente urgent cordialement suivi adresse confirmation prélèvement double
coupon réduction garantie réparation échange annulé abonnement résilier
`;
const DA = `
ordre hej tak venligst levering pakke faktura betaling konto adgangskode hjælp problem spørgsmål returnering
refusion penge stadig ikke modtaget uge dage i dag går ødelagt beskadiget forkert størrelse farve vare
kundeservice svar venter haster hilsen sporing adresse bekræftelse trukket dobbelt rabat garanti reparation
ombytning annulleret abonnement opsige
`;
const PL = `
zamówienie dzień dobry dziękuję proszę dostawa paczka faktura płatność konto hasło pomoc problem pytanie zwrot
pieniądze nadal nie dotarło tydzień dni dzisiaj wczoraj zepsuty uszkodzony zły rozmiar kolor produkt obsługa
klienta odpowiedź czekam pilne pozdrawiam śledzenie adres potwierdzenie pobrano podwójnie kupon rabat
gwarancja naprawa wymiana anulowane subskrypcja zrezygnować reklamacja
`;
// Shared by every language: products, brands, the odd English word in a non-English message.
const SHARED = `
iphone samsung android windows mac ok email app online paypal visa mastercard dhl ups fedex gls postnord
inpost amazon website login bluetooth wifi usb hdmi pdf sms pin code id`;

const words = (s: string) => s.trim().split(/\s+/);
export const LANGUAGES: { lang: string; cfg: string; share: number; words: string[] }[] = [
  { lang: "en", cfg: "english", share: 0.6, words: words(EN) },
  { lang: "de", cfg: "german", share: 0.1, words: words(DE) },
  { lang: "es", cfg: "spanish", share: 0.09, words: words(ES) },
  { lang: "fr", cfg: "french", share: 0.08, words: words(FR) },
  { lang: "da", cfg: "danish", share: 0.07, words: words(DA) },
  // PostgreSQL has no Polish stemmer; the app indexes Polish with 'simple' (searchConfigFor).
  { lang: "pl", cfg: "simple", share: 0.06, words: words(PL) },
];

/** Planted search terms and the share of conversations they are planted in (one message each). */
export const PLANTED = { medium: { word: "warehouse", rate: 0.01 }, rare: { word: "zeppelin", rate: 0.0005 } };
/** A natural word of the vocabulary, frequent because of its rank (its share is measured, not set). */
export const FREQUENT_WORD = "refund";

const FIRST = "anna jonas maria lukas sofia noah emma elias mia oliver olivia liam ella leo julia oscar ida karl nora hugo clara felix alma paul lea max marta jan zofia pierre camille lucas ines diego lucia carlos sara mads freja".split(" ");
const LAST = "smith jones müller schmidt garcia martin bernard dubois hansen jensen nielsen kowalski nowak wiśniewski lopez sanchez fischer weber taylor brown wilson moore petit durand larsen pedersen".split(" ");

const TEXT_POOL = 60_000;

export type AccountSpec = { name: string; conversations: number; agents: number; teams: number; customers: number };
export type Loaded = { accountId: string; agentIds: string[]; conversations: number; messages: number; seconds: number };

/**
 * Loads one account. Conversations: status 25% open, 10% pending, 5% snoozed, 40% resolved, 20% closed;
 * 15% unassigned, the rest spread over the agents; 30% without a team; priority mostly normal; 30% tagged;
 * last activity uniform over a year; 1–9 messages (5 on average) alternating customer and agent, some
 * agent notes. Conversation search vectors, preview, message_count and last_message_at are derived from
 * the messages the way append-message.ts derives them.
 */
export async function loadAccount(pool: pg.Pool, spec: AccountSpec, seed = 0.42): Promise<Loaded> {
  const t0 = performance.now();
  const client = await pool.connect();
  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  try {
    await q("SELECT setseed($1)", [seed]);
    const accountId = (await q("INSERT INTO accounts (name) VALUES ($1) RETURNING id", [spec.name])).rows[0].id as string;
    const agentIds = (
      await q(
        `INSERT INTO users (account_id, name, email, role)
         SELECT $1::uuid, initcap(($3::text[])[1 + (g % array_length($3, 1))]) || ' Agent ' || g, 'agent-' || g || '-' || $1::uuid::text || '@bench.example',
           CASE WHEN g = 1 THEN 'owner' WHEN g = 2 THEN 'admin' ELSE 'agent' END
         FROM generate_series(1, $2) g RETURNING id`,
        [accountId, spec.agents, FIRST],
      )
    ).rows.map((r) => r.id as string);
    await q(`INSERT INTO teams (account_id, name) SELECT $1, (ARRAY['Support','Billing','Logistics','Returns','Sales','VIP'])[g] FROM generate_series(1, $2) g`, [accountId, spec.teams]);
    await q(
      `INSERT INTO customers (account_id, name, created_at)
       SELECT $1, initcap(($3::text[])[1 + floor(random() * array_length($3, 1))::int]) || ' ' || initcap(($4::text[])[1 + floor(random() * array_length($4, 1))::int]),
         now() - make_interval(secs => 400 * 86400 * random())
       FROM generate_series(1, $2) g`,
      [accountId, spec.customers, FIRST, LAST],
    );
    // Email identities (lower case, as the app stores them); every fifth customer also has a phone number.
    await q(
      `INSERT INTO customer_identities (account_id, customer_id, kind, value, created_at)
       SELECT $1, id, 'email', lower(translate(split_part(name, ' ', 1) || '.' || split_part(name, ' ', 2), 'üśöäé', 'usoae')) || n || '@' ||
         (ARRAY['gmail.com','outlook.com','yahoo.com','web.de','orange.fr','wp.pl','mail.dk'])[1 + n % 7], created_at
       FROM (SELECT id, name, created_at, row_number() OVER (ORDER BY created_at, id) n FROM customers WHERE account_id = $1) c`,
      [accountId],
    );
    await q(
      `INSERT INTO customer_identities (account_id, customer_id, kind, value, created_at)
       SELECT $1, id, 'phone', '+4' || (10000000000 + n * 7919)::text, created_at
       FROM (SELECT id, created_at, row_number() OVER (ORDER BY created_at, id) n FROM customers WHERE account_id = $1) c WHERE n % 5 = 0`,
      [accountId],
    );

    await q("DROP TABLE IF EXISTS bench_vocab, bench_text, bench_conv, bench_msg, bench_agg");
    await q("CREATE TEMP TABLE bench_vocab (lang text PRIMARY KEY, cfg regconfig, lo float8, hi float8, words text[], texts int)");
    const poolSize = Math.min(TEXT_POOL, Math.max(2000, Math.round(spec.conversations * 0.6)));
    let acc = 0;
    for (const l of LANGUAGES) {
      await q("INSERT INTO bench_vocab VALUES ($1, $2::regconfig, $3, $4, $5, $6)", [l.lang, l.cfg, acc, acc + l.share, l.words, Math.ceil(poolSize * l.share)]);
      acc += l.share;
    }
    // One row per conversation with everything but its text. Random draws are in a subquery so each row
    // gets its own (CASE over random() picks the distributions).
    await q(
      `CREATE TEMP TABLE bench_conv AS
       WITH agents AS (SELECT array_agg(id ORDER BY random()) a FROM users WHERE account_id = $1),
            teams AS (SELECT array_agg(id ORDER BY id) t FROM teams WHERE account_id = $1),
            custs AS (SELECT array_agg(id ORDER BY id) c FROM customers WHERE account_id = $1),
            r AS (SELECT g, random() rs, random() ra, random() rt, random() rp, random() rg, random() rl, random() rc, random() rn,
                    random() rm, random() rr, random() rcu, random() rat FROM generate_series(1, $2) g)
       SELECT gen_random_uuid() AS id, r.g,
         -- customers write more than once: a skew towards some of them
         custs.c[1 + floor(power(rcu, 1.3) * array_length(custs.c, 1))::int] AS customer_id,
         CASE WHEN rs < 0.25 THEN 'open' WHEN rs < 0.35 THEN 'pending' WHEN rs < 0.40 THEN 'snoozed' WHEN rs < 0.80 THEN 'resolved' ELSE 'closed' END AS status,
         -- the agents are not equally busy: a mild skew
         CASE WHEN ra < 0.15 THEN NULL ELSE agents.a[1 + floor(power((ra - 0.15) / 0.85, 1.2) * array_length(agents.a, 1))::int] END AS assignee_id,
         CASE WHEN rt < 0.3 THEN NULL ELSE teams.t[1 + floor(random() * array_length(teams.t, 1))::int] END AS team_id,
         CASE WHEN rp < 0.1 THEN 0 WHEN rp < 0.8 THEN 1 WHEN rp < 0.95 THEN 2 ELSE 3 END::smallint AS priority,
         CASE WHEN rg < 0.7 THEN '{}'::text[] WHEN rg < 0.95 THEN ARRAY[(ARRAY['refund','shipping','bug','billing','vip','feature-request','complaint','b2b'])[1 + floor(random() * 8)::int]]
              ELSE ARRAY['vip', (ARRAY['refund','shipping','bug','billing'])[1 + floor(random() * 4)::int]] END AS tags,
         CASE WHEN rc < 0.45 THEN 'email' WHEN rc < 0.7 THEN 'chat' WHEN rc < 0.8 THEN 'api' WHEN rc < 0.9 THEN 'whatsapp' WHEN rc < 0.95 THEN 'sms' ELSE 'phone' END AS channel,
         v.lang, v.cfg, v.texts,
         now() - make_interval(secs => 365 * 86400 * rat) AS at,
         1 + floor(rn * 9)::int AS nmsg,
         CASE WHEN rm < ${PLANTED.medium.rate} THEN 1 + floor(random() * 1000)::int END AS medium_at,
         CASE WHEN rr < ${PLANTED.rare.rate} THEN 1 + floor(random() * 1000)::int END AS rare_at
       FROM r CROSS JOIN agents CROSS JOIN teams CROSS JOIN custs JOIN bench_vocab v ON r.rl >= v.lo AND (r.rl < v.hi OR v.hi >= 0.999)`,
      [accountId, spec.conversations],
    );
    // Message texts: a pool of 60k random texts (8–30 words), each language's share of it in proportion;
    // a word is the language's (75%) or a shared one (25%), its rank drawn with power(random(), 2.2) so
    // the first words are common and the tail rarer. Messages then draw from the pool (drawing every
    // message's words one by one costs half a minute at 500k messages; the word statistics are the same).
    await q(
      `CREATE TEMP TABLE bench_text AS
       SELECT v.lang, i,
         -- (i is referenced inside the aggregate so that it aggregates the subquery's rows, once per text)
         (SELECT string_agg(CASE WHEN s > 0 AND random() < 0.25 THEN ($1::text[])[1 + floor(power(random(), 2.2) * $2)::int]
                                 ELSE v.words[1 + floor(power(random(), 2.2) * array_length(v.words, 1))::int] END, ' ')
          FROM generate_series(1, 8 + floor(random() * 23)::int + 0 * i) s) AS text
       FROM bench_vocab v, generate_series(1, v.texts) i`,
      [words(SHARED), words(SHARED).length],
    );
    await q(
      `CREATE TEMP TABLE bench_msg AS
       SELECT gen_random_uuid() AS id, m.conversation_id, m.k, m.kind, m.author_customer_id, m.created_at,
         t.text
           || CASE WHEN m.medium_at IS NOT NULL AND m.k = 1 + m.medium_at % m.nmsg THEN ' ${PLANTED.medium.word}' ELSE '' END
           || CASE WHEN m.rare_at IS NOT NULL AND m.k = 1 + m.rare_at % m.nmsg THEN ' ${PLANTED.rare.word}' ELSE '' END AS text
       FROM (
         SELECT c.id AS conversation_id, k, c.lang, c.nmsg, c.medium_at, c.rare_at,
           CASE WHEN k % 2 = 1 THEN 'incoming' WHEN random() < 0.1 THEN 'note' ELSE 'reply' END AS kind,
           CASE WHEN k % 2 = 1 THEN c.customer_id END AS author_customer_id,
           c.at - make_interval(mins => 90 * (c.nmsg - k)) AS created_at,
           1 + floor(random() * c.texts)::int AS pick
         FROM bench_conv c, generate_series(1, c.nmsg) k) m
       JOIN bench_text t ON t.lang = m.lang AND t.i = m.pick`,
    );
    await q("ANALYZE bench_conv; ANALYZE bench_msg");
    // Per conversation: the text of all messages (for search), the first message (subject, created_at),
    // the last one (last_message_at) and the last one that is not a note (preview), in one pass.
    await q(
      `CREATE TEMP TABLE bench_agg AS
       SELECT conversation_id,
         string_agg(text, ' ' ORDER BY k) AS body,
         (array_agg(text ORDER BY k))[1] AS first_text,
         min(created_at) AS first_at,
         max(created_at) AS last_at,
         (array_agg(text ORDER BY k DESC) FILTER (WHERE kind <> 'note'))[1] AS preview_text,
         (array_agg(kind ORDER BY k DESC) FILTER (WHERE kind <> 'note'))[1] AS preview_kind
       FROM bench_msg GROUP BY conversation_id`,
    );
    // Conversations: subject = the first message's first words; list fields from the messages; the search
    // vector as the app builds it ('simple' and the conversation language's configuration).
    await q(
      `INSERT INTO conversations (id, account_id, channel, status, snoozed_until, priority, assignee_id, team_id, customer_id, subject, tags, language,
         preview, preview_kind, message_count, last_message_at, last_activity_at, created_at, updated_at, search)
       SELECT c.id, $1, c.channel, c.status, CASE WHEN c.status = 'snoozed' THEN now() + make_interval(hours => 1 + c.g % 200) END,
         c.priority, c.assignee_id, c.team_id, c.customer_id, s.subject, c.tags, c.lang,
         left(regexp_replace(a.preview_text, '\\s+', ' ', 'g'), 160), a.preview_kind, c.nmsg, a.last_at, c.at, a.first_at, c.at,
         to_tsvector('simple', s.subject || ' ' || a.body) || to_tsvector(c.cfg, s.subject || ' ' || a.body)
       FROM bench_conv c
       JOIN bench_agg a ON a.conversation_id = c.id
       CROSS JOIN LATERAL (SELECT initcap(array_to_string((string_to_array(a.first_text, ' '))[1:4], ' ')) AS subject) s
       ORDER BY c.g`,
      [accountId],
    );
    await q(
      `INSERT INTO messages (id, account_id, conversation_id, kind, author_user_id, author_customer_id, text, created_at)
       SELECT m.id, $1, m.conversation_id, m.kind,
         CASE WHEN m.kind <> 'incoming' THEN coalesce(c.assignee_id, (SELECT id FROM users WHERE account_id = $1 ORDER BY id LIMIT 1)) END,
         m.author_customer_id, m.text, m.created_at
       FROM bench_msg m JOIN bench_conv c ON c.id = m.conversation_id
       ORDER BY m.created_at`,
      [accountId],
    );
    const counts = (await q("SELECT (SELECT count(*) FROM bench_conv)::int c, (SELECT count(*) FROM bench_msg)::int m")).rows[0];
    await q("DROP TABLE bench_vocab, bench_text, bench_conv, bench_msg, bench_agg");
    return { accountId, agentIds, conversations: counts.c, messages: counts.m, seconds: (performance.now() - t0) / 1000 };
  } finally {
    client.release();
  }
}
