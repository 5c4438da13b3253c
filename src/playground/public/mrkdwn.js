/**
 * Slack mrkdwn -> a small syntax tree. Pure: no DOM, so it runs in the page and in node tests alike.
 * The page turns the tree into elements with createElement/textContent only; nothing here is HTML.
 *
 * Node shapes:
 *   { type: 'text', text }                     literal text, entities already decoded
 *   { type: 'bold' | 'italic' | 'strike', children }
 *   { type: 'code', text }  { type: 'pre', text }
 *   { type: 'quote', children }
 *   { type: 'link', url, children }           url is http(s) or mailto only; other schemes stay text
 *   { type: 'user', id, label? }  { type: 'channel', id, label? }  { type: 'broadcast', name }
 *   { type: 'date', timestamp, format, url?, fallback }   `<!date^…>`: shown with formatSlackDate
 */

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** Slack escapes only these three; anything else (`&quot;`) is shown as typed. */
export function decodeEntities(text) {
  return text.replace(/&(amp|lt|gt);/g, (entity) => ENTITIES[entity]);
}

/** Shortcodes Slack turns into emoji; the ones this app and everyday messages use. Others stay as typed. */
const EMOJI = {
  crab: '🦀',
  snake: '🐍',
  handshake: '🤝',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  warning: '⚠️',
  bulb: '💡',
  rocket: '🚀',
  tada: '🎉',
  thinking_face: '🤔',
  books: '📚',
  memo: '📝',
  hourglass: '⌛',
  eyes: '👀',
  lock: '🔒',
  scales: '⚖️',
  chart_with_upwards_trend: '📈',
  gear: '⚙️',
  wave: '👋',
};

export function replaceEmoji(text) {
  return text.replace(/:([a-z0-9_+-]+):/g, (shortcode, name) => EMOJI[name] ?? shortcode);
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** The URL if it is one a person can safely follow from a message, otherwise null. */
export function safeUrl(raw) {
  try {
    const url = new URL(raw);
    return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const STYLE_MARKERS = { '*': 'bold', _: 'italic', '~': 'strike' };

// A style opens after a boundary and before a non-space, and closes after a non-space before a boundary.
const isBoundaryBefore = (ch) => ch === undefined || /[\s([{"'>.,;:!?*_~-]/.test(ch);
const isBoundaryAfter = (ch) => ch === undefined || /[\s)\]}"'<.,;:!?*_~-]/.test(ch);

function pushText(nodes, text) {
  if (text === '') return;
  const last = nodes[nodes.length - 1];
  if (last && last.type === 'text') last.text += text;
  else nodes.push({ type: 'text', text });
}

/** `!date^timestamp^format^optional link` and its `|fallback`; an unsafe link is dropped, the date kept. */
function parseDate(target, label) {
  const [, seconds = '', format = '', ...link] = target.split('^');
  const url = link.length > 0 ? safeUrl(decodeEntities(link.join('^'))) : null;
  return {
    type: 'date',
    timestamp: /^-?\d+$/.test(seconds) ? Number(seconds) : Number.NaN,
    format: decodeEntities(format),
    ...(url === null ? {} : { url }),
    fallback: label ?? '',
  };
}

function parseAngle(body) {
  const bar = body.indexOf('|');
  const target = bar === -1 ? body : body.slice(0, bar);
  const label = bar === -1 ? undefined : decodeEntities(body.slice(bar + 1));
  if (target.startsWith('@')) return { type: 'user', id: target.slice(1), label };
  if (target.startsWith('#')) return { type: 'channel', id: target.slice(1), label };
  if (target.startsWith('!date^')) return parseDate(target, label);
  if (target.startsWith('!')) return { type: 'broadcast', name: label ?? target.slice(1).split('^')[0] };
  const url = safeUrl(decodeEntities(target));
  if (url === null) return null;
  return { type: 'link', url, children: [{ type: 'text', text: label ?? url }] };
}

/** Inline mrkdwn (one quote-free stretch of text) -> nodes. */
export function parseInline(source) {
  const nodes = [];
  let plain = '';
  const flush = () => {
    pushText(nodes, replaceEmoji(decodeEntities(plain)));
    plain = '';
  };
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '`') {
      const end = source.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        nodes.push({ type: 'code', text: decodeEntities(source.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    } else if (ch === '<') {
      const end = source.indexOf('>', i + 1);
      const node = end === -1 ? null : parseAngle(source.slice(i + 1, end));
      if (node) {
        flush();
        nodes.push(node);
        i = end + 1;
        continue;
      }
    } else if (ch in STYLE_MARKERS && isBoundaryBefore(source[i - 1]) && /\S/.test(source[i + 1] ?? ' ')) {
      const end = findClosing(source, ch, i + 1);
      if (end !== -1) {
        flush();
        nodes.push({ type: STYLE_MARKERS[ch], children: parseInline(source.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    plain += ch;
    i += 1;
  }
  flush();
  return nodes;
}

function findClosing(source, marker, from) {
  for (let j = from + 1; j < source.length; j += 1) {
    if (source[j] === '\n') return -1;
    if (source[j] === marker && /\S/.test(source[j - 1]) && isBoundaryAfter(source[j + 1])) return j;
  }
  return -1;
}

const QUOTE_PREFIX = /^(?:>|&gt;) ?/;

function parseLines(text, nodes) {
  const lines = text.split('\n');
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    if (QUOTE_PREFIX.test(line)) {
      const quoted = [];
      while (index < lines.length && QUOTE_PREFIX.test(lines[index] ?? '')) {
        quoted.push((lines[index] ?? '').replace(QUOTE_PREFIX, ''));
        index += 1;
      }
      nodes.push({ type: 'quote', children: parseInline(quoted.join('\n')) });
      continue;
    }
    const plain = [];
    while (index < lines.length && !QUOTE_PREFIX.test(lines[index] ?? '')) {
      plain.push(lines[index] ?? '');
      index += 1;
    }
    for (const node of parseInline(plain.join('\n'))) {
      if (node.type === 'text') pushText(nodes, node.text);
      else nodes.push(node);
    }
  }
}

/** Full mrkdwn: code blocks (```), block quotes (> at line start), then inline styles. */
export function parseMrkdwn(source) {
  const nodes = [];
  const text = String(source ?? '');
  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf('```', cursor);
    const close = open === -1 ? -1 : text.indexOf('```', open + 3);
    if (open === -1 || close === -1) {
      parseLines(text.slice(cursor), nodes);
      break;
    }
    if (open > cursor) parseLines(text.slice(cursor, open), nodes);
    nodes.push({ type: 'pre', text: decodeEntities(text.slice(open + 3, close).replace(/^\n|\n$/g, '')) });
    cursor = close + 3;
  }
  return nodes;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function ordinal(day) {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${{ 1: 'st', 2: 'nd', 3: 'rd' }[day % 10] ?? 'th'}`;
}

/** The calendar fields of `ms` in `timeZone` (the reader's own when undefined), in English. */
function dateFields(ms, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    hour12: true,
  }).formatToParts(new Date(ms));
  const get = (type) => parts.find((part) => part.type === type)?.value ?? '';
  const year = Number(get('year'));
  const month = get('month');
  const day = Number(get('day'));
  const monthIndex = MONTHS.indexOf(month);
  return {
    year,
    month,
    day,
    weekday: get('weekday'),
    key: Date.UTC(year, monthIndex, day),
    monthNumber: monthIndex + 1,
    time: `${get('hour')}:${get('minute')} ${get('dayPeriod')}`,
    timeSecs: `${get('hour')}:${get('minute')}:${get('second')} ${get('dayPeriod')}`,
  };
}

function relative(ms, now) {
  const seconds = Math.trunc((ms - now) / 1000);
  const units = [
    ['year', 365 * 86400],
    ['month', 30 * 86400],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}

/**
 * A date token's text as Slack shows it to a reader in `timeZone` (their own when undefined), or `fallback`
 * when the timestamp or a token cannot be read. Token meanings: @slack/types, RichTextDate.format.
 * @param {number} seconds
 * @param {string} format
 * @param {string} fallback
 * @param {{ timeZone?: string, now?: number }} [options]
 */
export function formatSlackDate(seconds, format, fallback, options = {}) {
  if (!Number.isFinite(seconds)) return fallback;
  const ms = seconds * 1000;
  const now = options.now ?? Date.now();
  let at;
  let today;
  try {
    at = dateFields(ms, options.timeZone);
    today = dateFields(now, options.timeZone);
  } catch {
    return fallback;
  }
  const pad = (n) => String(n).padStart(2, '0');
  const shortMonth = at.month.slice(0, 3);
  const dateLongFull = `${at.month} ${at.day}, ${at.year}`;
  const dateLong = `${at.weekday}, ${at.month} ${ordinal(at.day)}, ${at.year}`;
  const dateShort = `${shortMonth} ${at.day}, ${at.year}`;
  const near = { [today.key]: 'today', [today.key - DAY_MS]: 'yesterday', [today.key + DAY_MS]: 'tomorrow' }[
    at.key
  ];
  const tokens = {
    date_num: `${at.year}-${pad(at.monthNumber)}-${pad(at.day)}`,
    date_slash: `${pad(at.day)}/${pad(at.monthNumber)}/${at.year}`,
    date_long: dateLong,
    date_long_full: dateLongFull,
    date_long_pretty: near ?? dateLong,
    date: `${at.month} ${at.day}`,
    date_pretty: near ?? `${at.month} ${at.day}`,
    date_short: dateShort,
    date_short_pretty: near ?? dateShort,
    day_divider_pretty:
      near ?? (at.year === today.year ? `${at.weekday}, ${at.month} ${ordinal(at.day)}` : dateLong),
    time: at.time,
    time_secs: at.timeSecs,
    ago: relative(ms, now),
  };
  let unknown = false;
  const text = format.replace(/\{([a-z_]+)\}/g, (token, name) => {
    if (Object.hasOwn(tokens, name)) return tokens[name];
    unknown = true;
    return token;
  });
  return unknown ? fallback : text;
}
