import type { FactEntryType } from '../graphql/fact-entry.type.js';

/**
 * The leaves of a result's facts: the same values `facts` serves, one entry per leaf, in the order
 * of canonical JSON (keys sorted, lists by index), the form the store keeps, so that a ruling lists
 * its entries alike as issued and as read back. Only own enumerable properties count, as in JSON
 * (the engine's fact objects keep unstated readings on their prototypes, which JSON leaves out
 * too), and an undefined property is no leaf, as JSON drops it. A list of strings is one leaf; any
 * other list is walked by index, as Assumption.fact names items.
 */
export function factEntries(facts: Record<string, unknown>): FactEntryType[] {
  const entries: FactEntryType[] = [];
  walk(facts, '', entries);
  return entries;
}

function walk(value: unknown, name: string, entries: FactEntryType[]): void {
  const entry: FactEntryType = { name, string: null, number: null, boolean: null, strings: null };
  if (value === null || value === undefined) entries.push(entry);
  else if (typeof value === 'string') entries.push({ ...entry, string: value });
  else if (typeof value === 'number') entries.push({ ...entry, number: value });
  else if (typeof value === 'boolean') entries.push({ ...entry, boolean: value });
  else if (Array.isArray(value) && value.every((element) => typeof element === 'string')) entries.push({ ...entry, strings: [...(value as string[])] });
  else if (Array.isArray(value)) value.forEach((child, index) => walk(child, name ? `${name}.${index}` : `${index}`, entries));
  else if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object).sort()) if (object[key] !== undefined) walk(object[key], name ? `${name}.${key}` : key, entries);
  } else throw new Error(`fact ${name} has a value no FactEntry field holds (${typeof value})`);
}
