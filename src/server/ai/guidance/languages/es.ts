import { clauses, duration, greeting, NEVER, shift, words } from "../regex";
import type { LanguagePack } from "../types";

export const es: LanguagePack = {
  code: "es",
  greeting: greeting("hola|buenos días|buenas tardes|buenas noches|buenas|estimad[oa]s? [^,]*|saludos|hola de nuevo"),
  problem: words(
    "no|nunca|todavía|aún|sigue|siguen|otra vez|de nuevo|roto|rota|dañad*|equivocad*|incorrect*|falta|faltan|perdid*|retrasad*|error|cobrado dos veces|dos veces|bloquead*|hackead*|decepcionad*|ningún|ninguna|nada",
  ),
  leadingConjunction: /^(?:y|pero|pues|así que|además)\s+/iu,
  subordinate: /^(?:que|porque|si|aunque|cuando|como|ya que|mientras)\s/iu,
  clauseSplit: clauses("y|pero|porque"),
  // Spanish verbs agree with their subject, so only possessives and object pronouns move.
  shift: [
    shift("mi", "su"),
    shift("mis", "sus"),
    shift("me", "le"),
    shift(
      "yo|nosotros|nosotras|nos|nuestro|nuestra|nuestros|nuestras|usted|ustedes|vosotros|os|vuestro*|tu|tus|te|he|hemos|tengo|estoy|soy|quiero|necesito|puedo|llevo|espero|sigo|intento|hice|pedí|compré|pagué|recibí|escribí|llamé|intenté",
      null,
    ),
  ],
  firstPerson: NEVER,
  duration: duration("hace|desde hace|después de|durante|más de|casi|ya", "un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|unos|unas|varios|varias", "minutos|horas|hora|días|día|semanas|semana|meses|mes|años|año"),
  wait: ({ text }) => `esperar ${text} es muy frustrante`,
  topics: [
    [words("paquete*|envío*|entrega*|mensajer*|seguimiento|transportista"), "con su envío"],
    [words("reembolso*|devolución|devolver el dinero"), "con su reembolso"],
    [words("pago*|cobr*|cargo*|tarjeta|pagado"), "con su pago"],
    [words("factura*|recibo*"), "con su factura"],
    [words("contraseña*|iniciar sesión|acceso|cuenta"), "con su cuenta"],
    [words("suscripción|suscripcion|abono"), "con su suscripción"],
    [words("aplicación|app|web|página|error"), "con la aplicación"],
    [words("pedido*|compra*|producto*|artículo*"), "con su pedido"],
  ],
  ack: {
    anger: {
      clause: ["{P} – lo lamento muchísimo", "{P}, y entiendo perfectamente su enfado"],
      topic: ["Lamento muchísimo los problemas {t}", "Entiendo perfectamente su enfado por los problemas {t}"],
      generic: ["Lo lamento muchísimo y entiendo perfectamente su enfado", "Tiene usted toda la razón para quejarse – lo siento de verdad"],
    },
    frustration: {
      clause: ["{P} – lo siento mucho", "{P}, y entiendo lo frustrante que es"],
      topic: ["Siento mucho las molestias {t}", "Entiendo lo frustrantes que son los problemas {t}"],
      generic: ["Siento mucho las molestias – entiendo lo frustrante que es", "Entiendo lo frustrante que debe de ser esto"],
    },
    fear: {
      clause: ["{P} – entiendo perfectamente su preocupación"],
      topic: ["Entiendo su preocupación por el problema {t}"],
      generic: ["Entiendo su preocupación – me ocupo de ello ahora mismo", "No se preocupe: lo resolveremos juntos"],
    },
    sadness: {
      clause: ["{P} – lo siento muchísimo"],
      topic: ["Siento muchísimo lo ocurrido {t}"],
      generic: ["Siento muchísimo oír esto", "Lamento que haya sido una experiencia tan decepcionante"],
    },
    joy: { clause: [], topic: [], generic: ["¡Muchísimas gracias por sus amables palabras!", "¡Qué alegría leer esto! Gracias por escribirnos."] },
  },
  apology: { topic: "Le pido disculpas por las molestias {t}.", generic: "Le pido disculpas por las molestias." },
  restate: {
    clause: "Si lo he entendido bien, {p}.",
    topic: "Si lo he entendido bien, hay un problema {t}.",
    generic: "Para asegurarme de que lo he entendido bien: {q}",
  },
  lead: "¿Qué puedo hacer para solucionárselo?",
  email: { thanksTopic: "Muchas gracias por su mensaje sobre el problema {t}.", thanks: "Muchas gracias por su mensaje.", asked: "Nos pregunta: {q}", wrote: "Nos escribe: {q}" },
  quote: ["«", "»"],
  resolved: "Buenas noticias: su consulta ya está resuelta. Si algo todavía no está bien, simplemente responda a este mensaje.",
  ackCues: words("siento|lamento|lo sentimos|disculp*|perdón|entiendo|comprendo|frustrante|molestia*|preocupación|gracias por su paciencia"),
  request: words("puede|podría|pueden|podrían|por favor|quiero|quisiera|necesito|cómo puedo|es posible|ayuda|cuándo"),
  tried: words("he intentado|intenté|he probado|probé|reinicié|he reiniciado|reinstalé|he reinstalado|restablecí|borré|actualicé"),
  promise: words(
    "voy a|vamos a|le enviaré|le escribiré|revisaré|me encargo|me encargaré|le confirmo|enviaremos|revisaremos|devolveremos|reembolsaremos|*aré|*eré|*iré|antes del lunes|antes del martes|antes del miércoles|antes del jueves|antes del viernes|mañana|le prometo",
  ),
};
