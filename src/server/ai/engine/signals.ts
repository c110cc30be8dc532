/** Language-agnostic signals: punctuation, capitals, emoji, stretched letters. Work for any language. */
export type Signals = {
  exclamations: number;
  repeatedExclamation: boolean;
  repeatedQuestion: boolean;
  questions: number;
  shouting: boolean;
  capsWords: number;
  elongated: boolean;
  emojiAnger: number;
  emojiSad: number;
  emojiFear: number;
  emojiJoy: number;
  emojiPlead: number;
  letters: number;
};

const ANGER = new Set(["😡", "🤬", "😠", "👿", "💢", "🖕", "😤"]);
const SAD = new Set(["😭", "😢", "😿", "💔", "😞", "😔", "☹", "🙁", "😟", "😥", "😓", "😩", "😫"]);
const FEAR = new Set(["😱", "😨", "😰", "😧", "😬", "🆘"]);
const JOY = new Set([
  "😊",
  "😀",
  "😃",
  "😄",
  "😁",
  "🙂",
  "😍",
  "🥰",
  "❤",
  "❤️",
  "💕",
  "💖",
  "👍",
  "🎉",
  "🙌",
  "😎",
  "🤗",
  "👏",
  "🥳",
  "💯",
  "⭐",
  "🌟",
  "😇",
  "☺",
]);
const PLEAD = new Set(["🙏", "🥺"]);
const EMOTICON_JOY = /(?:^|\s)[:;=]-?[)D\]]|(?:^|\s)<3/g;
const EMOTICON_SAD = /(?:^|\s)[:;=]['’]?-?[([]/g;
const EMOJI = /\p{Extended_Pictographic}\ufe0f?/gu;

export function readSignals(text: string): Signals {
  const s: Signals = {
    exclamations: 0,
    repeatedExclamation: /[!！]{2,}|[!?]{3,}/.test(text),
    repeatedQuestion: /[?？]{2,}/.test(text),
    questions: 0,
    shouting: false,
    capsWords: 0,
    elongated: /(\p{L})\1{3,}/u.test(text),
    emojiAnger: 0,
    emojiSad: 0,
    emojiFear: 0,
    emojiJoy: 0,
    emojiPlead: 0,
    letters: 0,
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x21 || c === 0xff01) s.exclamations++;
    else if (c === 0x3f || c === 0xff1f) s.questions++;
  }
  let upper = 0;
  let cased = 0;
  for (const m of text.matchAll(/\p{L}+/gu)) {
    const w = m[0];
    s.letters += w.length;
    const lower = w.toLowerCase();
    if (lower === w.toUpperCase()) continue; // uncased script (Arabic, Hebrew, CJK): no shouting signal
    cased += w.length;
    if (w === w.toUpperCase()) {
      upper += w.length;
      if (w.length >= 3) s.capsWords++;
    }
  }
  s.shouting = cased >= 10 && upper / cased > 0.7;
  for (const m of text.matchAll(EMOJI)) {
    const e = m[0].replace("\ufe0f", "");
    if (ANGER.has(e)) s.emojiAnger++;
    else if (SAD.has(e)) s.emojiSad++;
    else if (FEAR.has(e)) s.emojiFear++;
    else if (JOY.has(e)) s.emojiJoy++;
    else if (PLEAD.has(e)) s.emojiPlead++;
  }
  s.emojiJoy += (text.match(EMOTICON_JOY) ?? []).length;
  s.emojiSad += (text.match(EMOTICON_SAD) ?? []).length;
  return s;
}
