/** Emotions that call for an acknowledgement; joy gets a thank-you instead. */
export type NegativeEmotion = "anger" | "frustration" | "fear" | "sadness";
export type AckEmotion = NegativeEmotion | "joy";

/**
 * Templates for one kind of opening. `{p}` is the customer's problem clause (restated in second or third
 * person), `{t}` a topic phrase from `topics` (already in the case the template needs); a template is only
 * used when its slot can be filled.
 */
export type AckTemplates = { clause: string[]; topic: string[]; generic: string[] };

/**
 * Everything Rapport knows about writing to a customer in one language. Templates are chosen so that a
 * phrase taken from the customer's own message fits without changing its grammar: languages whose
 * subordinate clauses reorder the verb (da, de, nl, no, sv) or need a subjunctive (es, fr) put the
 * customer's clause first as a main clause ("{P} – das tut mir leid").
 */
export type LanguagePack = {
  code: string;
  /** Greetings and fillers at the start of a sentence, dropped before a clause is reused. */
  greeting: RegExp;
  /** A sentence (or part) that states what went wrong. */
  problem: RegExp;
  /** Conjunctions a clause may start with; dropped. */
  leadingConjunction: RegExp;
  /** Subordinate clauses (word order changes) are never reused in V2/SOV languages. */
  subordinate?: RegExp;
  /** Where a sentence splits into clauses (", and the parcel…"). */
  clauseSplit: RegExp;
  /** Rewrites that turn a clause into a standalone statement ("eikä paketti ole" → "paketti ei ole"). */
  rewrite?: [RegExp, string][];
  /** Safe person shifts for a reused clause: possessives, object pronouns, and subjects where verbs don't conjugate by person. */
  shift: [RegExp, string | null][];
  /** Left after shifting, these mean the verb would no longer agree: the clause is not reused. */
  firstPerson: RegExp;
  /** Duration in the customer's words: captures (prefix?) number unit. */
  duration: RegExp;
  /** The wait, appended after a dash: "waiting three weeks is frustrating". */
  wait: (d: { text: string; prefix: string | null }) => string | null;
  /** Topic keywords → a phrase fitting the `{t}` slots ("with your order"). */
  topics: [RegExp, string][];
  ack: Record<AckEmotion, AckTemplates>;
  apology: { topic: string; generic: string };
  /** Hear: one sentence restating the problem. */
  restate: { clause: string; topic: string; generic: string };
  lead: string;
  /** Email opening: thanks, then the question quoted or the problem restated. */
  email: { thanksTopic: string; thanks: string; asked: string; wrote: string };
  quote: [string, string];
  /** The customer's message when a follow-up task is done; never names the task (its title is internal). */
  resolved: string;
  /** Words that show a reply acknowledges feelings. */
  ackCues: RegExp;
  /** A question or request: what the customer wants. */
  request: RegExp;
  /** "I tried / restarted / reinstalled". */
  tried: RegExp;
  /** An agent's promise: "I will", "we'll", "by Friday". */
  promise: RegExp;
};
