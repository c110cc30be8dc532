import { clauses, duration, greeting, NEVER, shift, words } from "../regex";
import type { LanguagePack } from "../types";

export const fr: LanguagePack = {
  code: "fr",
  greeting: greeting("bonjour|bonsoir|salut|madame, monsieur|madame|monsieur|chère? [^,]*|rebonjour"),
  problem: words(
    "pas|jamais|toujours pas|plus|encore|à nouveau|de nouveau|cassé*|endommagé*|abîmé*|erron*|mauvais*|manque|manquant*|perdu*|retard*|erreur|deux fois|bloqué*|piraté*|déçu*|aucun*|rien",
  ),
  leadingConjunction: /^(?:et|mais|car|donc|alors)\s+/iu,
  subordinate: /^(?:que|qu['’]|parce que|si|quand|lorsque|bien que|puisque|comme)\s?/iu,
  clauseSplit: clauses("et|mais|car"),
  // French verbs agree with their subject, so only possessives and object pronouns move.
  shift: [
    shift("mon|ma", "votre"),
    shift("mes", "vos"),
    shift("me", "vous"),
    [/(?<![\p{L}])m['’](?=\p{L})/giu, "vous "],
    shift("je|j|nous|vous|notre|nos|tu|te|ton|ta|tes|moi", null),
  ],
  firstPerson: NEVER,
  duration: duration("depuis|après|pendant|plus de|presque|près de|depuis plus de|depuis presque", "un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quelques|plusieurs", "minutes|heures|heure|jours|jour|semaines|semaine|mois|ans|an|années|année"),
  wait: ({ text }) => `attendre ${text}, c'est vraiment frustrant`,
  topics: [
    [words("colis|livraison*|envoi*|expédition*|transporteur|suivi|livré*"), "avec votre livraison"],
    [words("rembours*|retour*"), "avec votre remboursement"],
    [words("paiement*|débit*|prélève*|carte|payé*|facturé*"), "avec votre paiement"],
    [words("facture*|reçu"), "avec votre facture"],
    [words("mot de passe|connexion|connecter|compte"), "avec votre compte"],
    [words("abonnement*"), "avec votre abonnement"],
    [words("application|appli|site|erreur|bug"), "avec l'application"],
    [words("commande*|commandé*|article*|produit*"), "avec votre commande"],
  ],
  ack: {
    anger: {
      clause: ["{P}, et je le regrette sincèrement", "{P} : je comprends tout à fait votre colère"],
      topic: ["Je regrette sincèrement ces problèmes {t}", "Je comprends tout à fait votre colère face aux problèmes {t}"],
      generic: ["Je le regrette sincèrement et je comprends tout à fait votre colère", "Votre mécontentement est tout à fait légitime, et je vous présente mes excuses"],
    },
    frustration: {
      clause: ["{P} : toutes mes excuses pour ce contretemps", "{P}, et je comprends à quel point c'est frustrant"],
      topic: ["Toutes mes excuses pour ces soucis {t}", "Je comprends à quel point ces problèmes {t} sont frustrants"],
      generic: ["Toutes mes excuses pour ce désagrément – je comprends à quel point c'est frustrant", "Je comprends combien cela doit être agaçant"],
    },
    fear: {
      clause: ["{P} : je comprends tout à fait votre inquiétude"],
      topic: ["Je comprends votre inquiétude concernant ce problème {t}"],
      generic: ["Je comprends votre inquiétude – je m'en occupe tout de suite", "Ne vous inquiétez pas : nous allons régler cela ensemble"],
    },
    sadness: {
      clause: ["{P}, et je le regrette vraiment"],
      topic: ["Je regrette vraiment ce qui s'est passé {t}"],
      generic: ["Je regrette vraiment d'apprendre cela", "Je regrette que cette expérience ait été si décevante"],
    },
    joy: { clause: [], topic: [], generic: ["Merci beaucoup pour vos aimables mots !", "Quel plaisir de lire cela – merci pour votre message !"] },
  },
  apology: { topic: "Je vous présente nos excuses pour ces désagréments {t}.", generic: "Je vous prie de nous excuser pour la gêne occasionnée." },
  restate: {
    clause: "Si je comprends bien, {p}.",
    topic: "Si je comprends bien, il y a un problème {t}.",
    generic: "Pour m'assurer de bien comprendre : {q}",
  },
  lead: "Que puis-je faire pour régler cela pour vous ?",
  email: { thanksTopic: "Merci pour votre message concernant le problème {t}.", thanks: "Merci pour votre message.", asked: "Vous nous demandez : {q}", wrote: "Vous nous écrivez : {q}" },
  quote: ["« ", " »"],
  resolved: "Bonne nouvelle : votre demande est désormais résolue. Si quelque chose ne va toujours pas, répondez simplement à ce message.",
  ackCues: words("désolé*|excuse*|regrett*|regrette|navré*|comprends|comprenons|frustrant|agaçant|inquiétude|merci pour votre patience"),
  request: words("pouvez-vous|pourriez-vous|pourrais-je|s'il vous plaît|s’il vous plaît|svp|je voudrais|je souhaite|j'ai besoin|comment|est-il possible|aide|quand"),
  tried: words("j'ai essayé|j’ai essayé|essayé|redémarré|réinstallé|réinitialisé|vidé|mis à jour|déjà tenté"),
  promise: words("je vais|nous allons|je vous enverrai|je reviens vers vous|je reviendrai|je m'en occupe|je m’en occupe|*erai|*irai|d'ici lundi|d'ici mardi|d'ici mercredi|d'ici jeudi|d'ici vendredi|demain|je vous promets"),
};
