import { PatternToken } from './pattern-token';

/**
 * Parses PRONOM/DROID signature syntax: hex bytes, 'quoted text', `??`, `*`, `{n}`, `{n-m}`,
 * `{n-*}`, `[a:b]` / `['a'-'b']` ranges, `[!…]` negation, `[&xx]` / `[~xx]` bit masks and `(a|b)`
 * alternatives. The compiled DROID file only uses the bracket forms inside fragments; the
 * container file and our built-in table use the whole grammar.
 */
export function parsePattern(text: string): PatternToken[] {
  const parser = new Parser(text);
  const tokens = parser.sequence(false);
  if (parser.pos < text.length) throw parser.error('unexpected character');
  return mergeLiterals(tokens);
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  error(message: string): Error {
    return new Error(`invalid signature pattern "${this.text}" at ${this.pos}: ${message}`);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  sequence(inAlternative: boolean): PatternToken[] {
    const out: PatternToken[] = [];
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.text.length) return out;
      const c = this.text[this.pos];
      if (inAlternative && (c === '|' || c === ')')) return out;
      if (c === "'") out.push({ t: 'b', v: this.quoted() });
      else if (c === '?') {
        if (this.text[this.pos + 1] !== '?') throw this.error('expected ??');
        this.pos += 2;
        out.push({ t: 'g', min: 1, max: 1 });
      } else if (c === '*') {
        this.pos++;
        out.push({ t: 'g', min: 0, max: -1 });
      } else if (c === '{') out.push(this.gap());
      else if (c === '[') out.push(this.bracket());
      else if (c === '(') out.push(this.alternatives());
      else out.push({ t: 'b', v: this.hexRun() });
    }
  }

  private quoted(): number[] {
    const end = this.text.indexOf("'", this.pos + 1);
    if (end < 0) throw this.error('unterminated quote');
    const bytes = Array.from(Buffer.from(this.text.slice(this.pos + 1, end), 'latin1'));
    this.pos = end + 1;
    return bytes;
  }

  /** Hex digit pairs, spaces allowed between pairs; a hand loop, as the compiler calls this ~20,000 times. */
  private hexRun(): number[] {
    const bytes: number[] = [];
    const text = this.text;
    for (;;) {
      let p = this.pos;
      while (p < text.length && (text[p] === ' ' || text[p] === '\n' || text[p] === '\t' || text[p] === '\r')) p++;
      const hi = hexValue(text.charCodeAt(p));
      const lo = hexValue(text.charCodeAt(p + 1));
      if (hi < 0 || lo < 0) break;
      bytes.push((hi << 4) | lo);
      this.pos = p + 2;
    }
    if (bytes.length === 0) throw this.error('expected hex byte');
    return bytes;
  }

  /** A literal inside brackets: hex bytes or a quoted string. */
  private value(): number[] {
    this.skipSpace();
    return this.text[this.pos] === "'" ? this.quoted() : this.hexRun();
  }

  private gap(): PatternToken {
    const end = this.text.indexOf('}', this.pos);
    if (end < 0) throw this.error('unterminated {');
    const body = this.text.slice(this.pos + 1, end).trim();
    this.pos = end + 1;
    const m = /^(\d+)(?:\s*-\s*(\d+|\*))?$/.exec(body);
    if (!m) throw this.error(`bad gap {${body}}`);
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[2] === '*' ? -1 : Number(m[2]);
    return { t: 'g', min, max };
  }

  private bracket(): PatternToken {
    this.pos++;
    this.skipSpace();
    let neg = false;
    if (this.text[this.pos] === '!') {
      neg = true;
      this.pos++;
      this.skipSpace();
    }
    let token: PatternToken;
    const maskKind = this.text[this.pos];
    if (maskKind === '&' || maskKind === '~') {
      this.pos++;
      const v = this.value();
      if (v.length !== 1) throw this.error('a mask is one byte');
      token = maskKind === '&' ? { t: 'm', v: v[0], neg } : { t: 'm', v: v[0], neg, any: true };
    } else {
      const lo = this.value();
      this.skipSpace();
      const sep = this.text[this.pos];
      if (sep === ':' || sep === '-') {
        this.pos++;
        const hi = this.value();
        if (hi.length !== lo.length) throw this.error('range bounds differ in length');
        token = { t: 'r', lo, hi, neg };
      } else if (neg) {
        token = { t: 'n', v: lo };
      } else {
        token = { t: 'b', v: lo };
      }
    }
    this.skipSpace();
    if (this.text[this.pos] !== ']') throw this.error('expected ]');
    this.pos++;
    return token;
  }

  private alternatives(): PatternToken {
    this.pos++;
    const options: PatternToken[][] = [];
    for (;;) {
      options.push(mergeLiterals(this.sequence(true)));
      const c = this.text[this.pos];
      this.pos++;
      if (c === ')') break;
      if (c !== '|') throw this.error('unterminated (');
    }
    return { t: 'a', options };
  }
}

/** Adjacent literals become one, so matching compares one run instead of many. */
export function mergeLiterals(tokens: PatternToken[]): PatternToken[] {
  const out: PatternToken[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (t.t === 'b' && last?.t === 'b') out[out.length - 1] = { t: 'b', v: [...last.v, ...t.v] };
    else if (t.t === 'g' && last?.t === 'g') {
      out[out.length - 1] = { t: 'g', min: last.min + t.min, max: last.max < 0 || t.max < 0 ? -1 : last.max + t.max };
    } else out.push(t);
  }
  return out;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}
