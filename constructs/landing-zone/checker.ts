// The collector every declaration check writes to, and the small helpers the checks share:
// a problem is added with its JSON pointer, rule id and message in English and French, in the
// order the checks run (the order callers and tests see). Imports no concern module, so every
// concern module can import it without a cycle.
import type { LocalizedText, ValidationProblem } from '../core';
import { text, type DeclarationProblem } from './declaration-error';
import { pascal } from './names';

const DNS_LABEL = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;

/** A TCP port number: an integer in 1–65535. */
export function isPort(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;
}

/** Collects a declaration's problems, in the order they are found. */
export class Checker {
  readonly problems: DeclarationProblem[] = [];

  add(pointer: string, rule: string, message: LocalizedText, extra: Partial<DeclarationProblem> = {}) {
    this.problems.push({ pointer, rule, message, ...extra });
  }

  label(pointer: string, value: unknown, what: LocalizedText): boolean {
    if (typeof value === 'string' && DNS_LABEL.test(value)) return true;
    this.add(
      pointer,
      'DECLARATION',
      text(
        `${what.en} ${JSON.stringify(value)} is not a DNS label (lowercase letters, digits and '-', at most 40 characters)`,
        `${what.fr} ${JSON.stringify(value)} n'est pas un label DNS (lettres minuscules, chiffres et '-', 40 caractères au plus)`,
      ),
    );
    return false;
  }

  unique(pointerOf: (i: number) => string, names: readonly unknown[], what: LocalizedText) {
    const seen = new Map<unknown, number>();
    const ids = new Map<string, unknown>();
    names.forEach((name, i) => {
      const first = seen.get(name);
      const id = pascal(String(name));
      const sameId = ids.get(id);
      if (first !== undefined) {
        this.add(
          pointerOf(i),
          'DECLARATION',
          text(
            `duplicate ${what.en} '${String(name)}' (first declared at index ${first})`,
            `${what.fr} '${String(name)}' en double (déclaré d'abord à l'index ${first})`,
          ),
          { remedy: text('Give each one a unique name', 'Donnez à chacun un nom unique') },
        );
      } else if (sameId !== undefined) {
        // Construct ids drop the dashes: `ab1` and `ab-1` would both build `Ab1`.
        this.add(
          pointerOf(i),
          'DECLARATION',
          text(
            `${what.en} '${String(name)}' and '${String(sameId)}' would build the same construct id '${id}'`,
            `${what.fr} '${String(name)}' et '${String(sameId)}' produiraient le même identifiant de construction '${id}'`,
          ),
          { remedy: text('Rename one of them', "Renommez l'un des deux") },
        );
      }
      if (first === undefined) seen.set(name, i);
      if (sameId === undefined) ids.set(id, name);
    });
  }

  /** Problems of a framework-neutral construct check (e.g. the image policy), at `pointer`. */
  fromValidation(pointer: string, problems: readonly ValidationProblem[]) {
    const both = (t: string | LocalizedText): LocalizedText => (typeof t === 'string' ? text(t, t) : t);
    for (const p of problems) {
      this.add(pointer, p.rule, both(p.message), {
        source: p.source,
        remedy: p.remedy ? both(p.remedy) : undefined,
      });
    }
  }
}
