/**
 * Hand-written cue lists for one language (see cue-index.ts for the syntax: "word*" is a prefix,
 * a lone "*" is any one word). They are features for the trained models, not verdicts on their own.
 */
export type LanguageCues = {
  anger: readonly string[];
  frustration: readonly string[];
  fear: readonly string[];
  sadness: readonly string[];
  joy: readonly string[];
  /** Words that make the feeling stronger ("very", "absolutely"). */
  intensifier: readonly string[];
  profanity: readonly string[];
  /** Words that negate the next cue ("not happy"). */
  negation: readonly string[];
  /** Someone the customer could be handed to: person, human, agent, manager. */
  humanNoun: readonly string[];
  /** Asking to be put in contact: talk, speak, transfer, connect, reach. */
  humanVerb: readonly string[];
  /** Requests that stand on their own: "call me", "real person", "not a bot". */
  humanPhrase: readonly string[];
  /** Look like a request for a person but are not: "human resources", "agent app". */
  humanBlock: readonly string[];
  /** Turn a nearby request for a person off: "no need for anyone to call", "talking to … was a pleasure", "thanks to". */
  humanDecline?: readonly string[];
  /** A past conversation ("I spoke with someone last week"): person cues this close to it are a report, not a request. */
  humanPast?: readonly string[];
  /** "Call me": a calling verb near the customer's own pronoun, wherever the language puts the verb. */
  callVerb: readonly string[];
  /** Automated replies the customer may refuse: "bot", "robot", "automatic answers" (after a negation or a botReject). */
  botNoun?: readonly string[];
  /** Refusing what follows, beyond plain negation: "stop", "instead of", "enough of". */
  botReject?: readonly string[];
  /** A number to ring: "phone number", "hotline" (a person request next to a calling verb). */
  phoneNoun?: readonly string[];
  selfPronoun: readonly string[];
  urgentHigh: readonly string[];
  urgentLow: readonly string[];
};
