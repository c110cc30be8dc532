import { clauses, duration, greeting, NEVER, shift, words } from "../regex";
import type { LanguagePack } from "../types";

export const en: LanguagePack = {
  code: "en",
  greeting: greeting("hi there|hi|hello|hey|dear [^,]*|good morning|good afternoon|good evening|ok|okay|well|so|hello again"),
  problem: words(
    "*n't|*n’t|not|never|no longer|still|again|broken|wrong|missing|lost|damaged|late|delayed|failed|fails|error|crash|crashes|crashed|stuck|charged twice|double charged|cannot|unable|refused|declined|overcharged|hacked|locked out|nothing|nobody",
  ),
  leadingConjunction: /^(?:and|but|so|because|since|as|that|then|also|now|yet|plus)\s+/iu,
  clauseSplit: clauses("and|but|so|because|which"),
  shift: [
    shift("I'm|I’m", "you're"),
    shift("I am", "you are"),
    shift("I was", "you were"),
    shift("I've|I’ve", "you've"),
    shift("I'd|I’d", "you'd"),
    shift("I'll|I’ll", "you'll"),
    shift("I", "you"),
    shift("my", "your"),
    shift("mine", "yours"),
    shift("myself", "yourself"),
    shift("me", "you"),
    shift("we're|we’re", "you're"),
    shift("we've|we’ve", "you've"),
    shift("we", "you"),
    shift("our", "your"),
    shift("us", "you"),
    // The customer's "you" is the company: "you sent me the wrong size" → "we sent you the wrong size".
    shift("you're|you’re", "we're"),
    shift("you've|you’ve", "we've"),
    shift("you were", "we were"),
    shift("you are", "we are"),
    // As a subject (starting the clause) "you" becomes "we", with the same verb form; elsewhere "us".
    [/(?<=^\s*|(?:and|but|so|because|that|when|if|since|then)\s+)you(?![\p{L}\p{N}])/giu, "we"],
    shift("you", "us"),
    shift("your", "our"),
  ],
  firstPerson: NEVER,
  duration: duration("for|after|in|since", "a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|a couple of|several|almost a|nearly a|over a|more than a|almost two|nearly two|over two|more than two|almost three|nearly three|over three|more than three", "minutes|minute|hours|hour|days|day|weeks|week|months|month|years|year"),
  wait: ({ text }) => `waiting ${text} is frustrating`,
  topics: [
    [words("parcel|parcels|package|delivery|deliveries|shipment|shipping|tracking|courier|delivered"), "with your delivery"],
    [words("refund|refunds|refunded|money back|return"), "with your refund"],
    [words("charged|charge|charges|payment|paid|card|billing|overcharged|debited"), "with your payment"],
    [words("invoice|invoices|receipt|bill"), "with your invoice"],
    [words("password|login|log in|sign in|account|locked out|hacked|two-factor|2fa"), "with your account"],
    [words("subscription|renewal|plan"), "with your subscription"],
    [words("app|website|site|crash|crashes|crashed|error|bug|update"), "with the app"],
    [words("order|orders|ordered|purchase|item|product"), "with your order"],
  ],
  ack: {
    anger: {
      clause: ["I'm sorry {p}", "I completely understand why you're upset that {p}"],
      topic: ["I'm really sorry about the trouble {t}", "I completely understand why you're upset about the problems {t}"],
      generic: ["I'm really sorry about this, and I completely understand why you're upset", "You have every right to be annoyed, and I'm sorry we let you down"],
    },
    frustration: {
      clause: ["I'm sorry {p}", "I can see how frustrating it is that {p}"],
      topic: ["I'm sorry about the hassle {t}", "I can see how frustrating the problems {t} are"],
      generic: ["I'm sorry for the hassle — I can see how frustrating this is", "I understand how frustrating this must be"],
    },
    fear: {
      clause: ["I understand your worry that {p}", "It's completely understandable to be worried that {p}"],
      topic: ["I understand that this problem {t} is worrying"],
      generic: ["I understand this is worrying — I'm here to help, and we'll sort it out together", "Please don't worry — I'll look into this for you right away"],
    },
    sadness: {
      clause: ["I'm so sorry {p}", "I'm really sorry to hear that {p}"],
      topic: ["I'm so sorry about what happened {t}"],
      generic: ["I'm so sorry to hear this", "I'm sorry this has been such a disappointing experience"],
    },
    joy: {
      clause: [],
      topic: [],
      generic: ["Thank you so much for your kind words!", "I'm really glad to hear that — thank you for letting us know!"],
    },
  },
  apology: { topic: "I apologise for the trouble {t}.", generic: "I apologise for the inconvenience this has caused." },
  restate: {
    clause: "If I understand correctly, {p}.",
    topic: "If I understand correctly, there is a problem {t}.",
    generic: "Just to make sure I have this right: {q}",
  },
  lead: "What can I do to solve this for you?",
  email: { thanksTopic: "Thank you for your message about the problem {t}.", thanks: "Thank you for your message.", asked: "You asked: {q}", wrote: "You wrote: {q}" },
  quote: ["“", "”"],
  resolved: "Good news: the issue you contacted us about is now resolved. If anything still isn't right, just reply to this message.",
  ackCues: words(
    "upset|angry|annoyed|understand why|completely understand|let you down|every right|sorry|apologise|apologize|apologies|I understand|I can see|I hear you|understandable|frustrating|frustration|upsetting|annoying|disappointing|worry|worried|worrying|must be hard|must be difficult|must be stressful|I know how|thank you for your patience|thanks for your patience|my condolences|I can imagine",
  ),
  request: words("can you|could you|would you|please|I need|I want|I would like|I'd like|how do I|how can I|is it possible|help me|when will"),
  tried: words(
    "I tried|I've tried|I have tried|I already tried|tried to|restarted|rebooted|reinstalled|reset|cleared|updated|turned it off and on|logged out and in|contacted you|called you|already tried",
  ),
  promise: words(
    "I will|I'll|we will|we'll|I am going to|I'm going to|we are going to|we're going to|I promise|by monday|by tuesday|by wednesday|by thursday|by friday|by saturday|by sunday|by tomorrow|by the end of the day|by the end of the week|within \\d+ hours|within \\d+ days|I'll get back|I will get back",
  ),
};
