// Comment text for the benchmark data: readers' comments under news about wars and crises, from
// one sentence to a few paragraphs, mostly English with some Ukrainian, Russian, Arabic, Hebrew,
// French, German, Spanish, Polish and Turkish, the odd emoji, link, quote and ampersand. Built
// from templates with slots so that bodies are varied (the trigram index sees realistic text, not
// ten sentences repeated a million times). `renderHtml` gives exactly what the app's renderer
// (src/modules/comments/render/comment-body.ts) makes of these bodies: generate.mjs checks a
// sample against the built renderer.
//
// Nothing here produces Markdown syntax (no *, _, `, [ ], no line starting with a digit and a
// dot, a dash, a plus or a >), so the rendering is paragraphs, line breaks, escaping and links.

/** A small seeded generator (mulberry32): the same seed gives the same data set. */
export function prng(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
    u32: () => Math.floor(next() * 4294967296),
  };
}

const PLACES = [
  'Kharkiv', 'Kherson', 'Zaporizhzhia', 'Odesa', 'Mykolaiv', 'Sumy', 'Chernihiv', 'Pokrovsk', 'Kupiansk', 'Vovchansk',
  'Bakhmut', 'Avdiivka', 'Donetsk', 'Mariupol', 'Gaza City', 'Khan Younis', 'Rafah', 'Deir al-Balah', 'Jenin', 'Nablus',
  'Sderot', 'Tyre', 'Sidon', 'Beirut', 'Aleppo', 'Idlib', 'Khartoum', 'El Fasher', 'Goma', 'Mogadishu', 'Hodeidah',
  'the river crossing', 'the northern district', 'the old town', 'the industrial zone', 'the border villages',
  'the coastal road', 'the airport', 'the railway junction', 'the refugee camp', 'the power plant',
];
const ACTORS = [
  'the ministry', 'the army', 'local officials', 'the UN agency', 'the Red Cross', 'the regional governor', 'the spokesperson',
  'volunteers', 'the mayor', 'the brigade', 'the monitoring mission', 'aid workers', 'reporters on the ground',
  'the defence ministry', 'both sides', 'the rebels', 'the coalition', 'the general staff', 'the health ministry',
  'the city council', 'the police', 'the border guards', 'the energy company', 'the hospital director',
];
const SOURCES = [
  'satellite images', 'geolocated footage', 'the observatory', 'an unnamed official', 'a Telegram channel', 'the wire services',
  'the field hospital', 'two independent monitors', 'the mission report', 'drone video', 'the intercepted call',
  'local residents', 'the casualty tracker', 'a leaked memo', 'the regional broadcaster', 'open-source analysts',
];
const EVENTS = [
  'is back under their control', 'was shelled overnight', 'has had no electricity for {n} days', 'was evacuated on {day}',
  'lost its last bridge', 'is running out of water', 'received the first aid convoy in {n} weeks', 'is still contested',
  'saw heavy fighting near the railway station', 'reopened its schools', 'is cut off from the main road',
  'was hit by {n} drones last night', 'has a working hospital again', 'was emptied of civilians', 'is quiet for now',
  'got mobile coverage back', 'lost {n} percent of its housing', 'was mined before the retreat',
];
const VERBS = ['said', 'claimed', 'denied', 'confirmed', 'did not confirm', 'insisted', 'reported', 'now admitted', 'hinted', 'announced'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'the weekend', 'New Year’s Eve'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ORDINALS = ['second', 'third', 'fourth', 'fifth', 'tenth'];
const OPENERS = [
  'Honestly,', 'To be fair,', 'As far as I can tell,', 'Correct me if I am wrong, but', 'Again,', 'Meanwhile', 'For what it is worth,',
  'Interesting that', 'Not surprising:', 'Sadly,', 'Good to see that', 'I doubt that', 'So now', 'Still,', 'Apparently',
];
const OPINIONS = [
  'I would wait for confirmation before sharing this.',
  'The map in the article is already out of date.',
  'My family in {place} says otherwise.',
  'Thank you for still covering {place}; most outlets stopped months ago.',
  'Where does the figure of {n} come from?',
  'The headline says {n} but the text says {m}.',
  'This is the {ord} time this week the numbers have changed.',
  'Both sides are spinning this, as usual.',
  'Great reporting & a clear timeline, thank you.',
  'Prices in {place} went up {n}% since {month}.',
  'The photo caption does not match the place in the text.',
  'Does anyone have a source for the evacuation order?',
  'I was in {place} in {month} and it looked nothing like this.',
  'Please keep the comments civil, people are grieving.',
  'This needs an update: the road was reopened this morning.',
  'The interview with the nurse was the most honest part of the piece.',
  'We have heard “{n} days” before. I will believe it when I see it.',
  'Let us not pretend the numbers are precise; nobody can count under fire.',
  'Is the {n}-hour ceasefire still holding or not?',
  'So the “temporary” closure is now in its {ord} month.',
  'Anyone saying the situation is “stable” has not been to {place}.',
  'Numbers from {source} have been reliable in the past.',
  'If {actor} is right, why did nobody report it yesterday?',
  'That is not what {source} showed last week.',
  'Good question. I asked the same thing under the previous article.',
  'Wind and rain in {place} tonight, which usually means fewer drones.',
  'Donations for the shelters in {place} are still needed, if anyone asks.',
  'The convoy was {n} trucks, not {m} as stated above.',
  'Why is the death toll given as “at least {n}” here and “{m}” elsewhere?',
  'Sirens again in {place} right now.',
  'Q&A with the mayor would be useful, the rumours are everywhere.',
  'An x > y comparison of casualty rates makes no sense with these sources.',
  'Moderators: the comment above mine is spam <again>.',
];
const QUESTIONS = [
  'Has this been independently verified',
  'Who took the photos from {place}',
  'Is there any word from {actor}',
  'What happened to the people evacuated from {place}',
  'Why does {source} say the opposite',
  'How many of the {n} were civilians',
  'When was the last time anyone reached {place} by road',
  'Did {actor} ever explain the delay',
];
const FOREIGN = [
  'Це ще не підтверджено, чекаємо на супутникові знімки.',
  'Дякую за репортаж з {place}, там зараз дуже важко.',
  'Світло дали тільки на {n} годин, вода є не скрізь.',
  'Это не подтверждено, не надо распространять слухи.',
  'Мои родные в {place} говорят, что обстрел был ночью.',
  'التقرير متوازن، لكن الأرقام تحتاج إلى مصدر مستقل.',
  'لا توجد كهرباء في {place} منذ {n} أيام.',
  'נשמעו אזעקות שוב הלילה, תודה על העדכון.',
  'Merci pour ce reportage, enfin des nouvelles de {place}.',
  'Les chiffres ne correspondent pas à ceux du ministère.',
  'Die Zahlen sind nicht unabhängig überprüft worden.',
  'Schöne Grüße nach {place}, haltet durch!',
  'Según los corresponsales, la carretera sigue cerrada.',
  'Dziękuję za rzetelną relację, to rzadkość.',
  'Bu rakamlar bağımsız kaynaklarla doğrulanmadı.',
  'Çok üzücü, {place} için dua ediyoruz.',
];
const EMOJI = [' 🙏', ' 💔', ' 👍', ' 🇺🇦', ' 😔', ' 🤞', ' ❤️'];
const LINK_HOSTS = ['https://news.example', 'https://www.reliefweb.example', 'https://maps.example.org', 'https://observatory.example.net'];
const SLUG_WORDS = ['report', 'update', 'frontline', 'aid', 'convoy', 'ceasefire', 'evacuation', 'power', 'water', 'casualties', 'map', 'analysis'];

function fill(r, template) {
  return template.replace(/\{(\w+)\}/g, (_, slot) => {
    switch (slot) {
      case 'place':
        return r.pick(PLACES);
      case 'actor':
        return r.pick(ACTORS);
      case 'source':
        return r.pick(SOURCES);
      case 'day':
        return r.pick(DAYS);
      case 'month':
        return r.pick(MONTHS);
      case 'ord':
        return r.pick(ORDINALS);
      case 'n':
        return String(2 + r.int(r.chance(0.7) ? 40 : 2000));
      case 'm':
        return String(3 + r.int(900));
      default:
        return slot;
    }
  });
}

function capitalize(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sentence(r) {
  const k = r.next();
  if (k < 0.32) return fill(r, r.pick(OPINIONS));
  if (k < 0.62) {
    const claim = `${r.pick(ACTORS)} ${r.pick(VERBS)} that ${r.pick(PLACES)} ${r.pick(EVENTS)}.`;
    return fill(r, r.chance(0.4) ? `${r.pick(OPENERS)} ${claim}` : capitalize(claim));
  }
  if (k < 0.78) return fill(r, `${r.pick(QUESTIONS)}?`);
  if (k < 0.9) return fill(r, `According to ${r.pick(SOURCES)}, ${r.pick(PLACES)} ${r.pick(EVENTS)}.`);
  return fill(r, r.pick(FOREIGN));
}

function link(r) {
  const words = [r.pick(SLUG_WORDS), r.pick(SLUG_WORDS), String(1000 + r.int(90000))];
  const query = r.chance(0.3) ? `?id=${r.int(99999)}&lang=en` : '';
  return `${r.pick(LINK_HOSTS)}/${2024 + r.int(3)}/${words.join('-')}${query}`;
}

function paragraph(r, sentences) {
  const parts = [];
  for (let i = 0; i < sentences; i++) {
    let s = sentence(r);
    if (r.chance(0.03)) s += r.pick(EMOJI);
    parts.push(s);
  }
  // Now and then a reader presses Enter inside a paragraph: a <br /> in the HTML.
  return parts.reduce((text, s, i) => (i === 0 ? s : text + (r.chance(0.12) ? '\n' : ' ') + s), '');
}

/**
 * One comment body. Lengths: about 40% a single sentence, most of the rest one paragraph of two
 * to five sentences, about 20% two paragraphs and 7% three to six; 2.5% carry a link.
 */
export function commentBody(r) {
  const k = r.next();
  const paragraphs = k < 0.73 ? 1 : k < 0.93 ? 2 : 3 + r.int(4);
  const out = [];
  for (let p = 0; p < paragraphs; p++) {
    const n = paragraphs === 1 && r.chance(0.55) ? 1 : 2 + r.int(4);
    out.push(paragraph(r, n));
  }
  if (r.chance(0.025)) {
    const at = r.int(out.length);
    out[at] += ` Source: ${link(r)}`;
  }
  return out.join('\n\n');
}

const escapeText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const URL_RE = /https:\/\/[^\s]+/g;

function inline(text) {
  let html = '';
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    html += escapeText(text.slice(last, m.index));
    const href = escapeText(m[0]);
    html += `<a href="${href}" rel="nofollow ugc noopener">${href}</a>`;
    last = m.index + m[0].length;
  }
  return html + escapeText(text.slice(last));
}

/** The sanitized HTML the app renders for a body made by commentBody. */
export function renderHtml(body) {
  return body
    .split('\n\n')
    .map((p) => `<p>${p.split('\n').map(inline).join('<br />\n')}</p>`)
    .join('\n');
}

/** Display names: mostly Latin, some with diacritics, some Cyrillic, Arabic or Hebrew. */
export const FIRST_NAMES = [
  'Olena', 'Taras', 'Amira', 'Yusuf', 'Noa', 'Eitan', 'Marie', 'Søren', 'Łukasz', 'Zoë', 'José', 'Ana', 'Mehmet', 'Ayşe', 'João',
  'Chloé', 'Jürgen', 'Ingrid', 'Kofi', 'Amaka', 'Priya', 'Arjun', 'Mei', 'Hiroshi', 'Fatima', 'Omar', 'Sarah', 'David', 'Emma',
  'Lucas', 'Дмитро', 'Оксана', 'Ярослав', 'Наталья', 'محمد', 'ليلى', 'יעל', 'Nguyễn', 'Đorđe', 'Ștefan', 'Björn', 'Małgorzata',
];
export const LAST_NAMES = [
  'Kovalenko', 'Shevchenko', 'Haddad', 'Cohen', 'Levi', 'Dubois', 'Møller', 'Nowak', 'García', 'Yılmaz', 'Santos', 'Müller',
  'Mensah', 'Okafor', 'Sharma', 'Chen', 'Tanaka', 'Khalil', 'Smith', 'Brown', 'Rossi', 'Petrenko', 'Бондаренко', 'Іваненко',
  'Öztürk', 'Horváth', 'Novák', 'Jansen', 'Silva', 'K.', 'M.', 'R.',
];
