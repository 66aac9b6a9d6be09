import { TerraformDataSource, TerraformResource, type TerraformElement } from 'cdktf';
import type { IConstruct } from 'constructs';
import { METADATA_KEY, type Suppression } from '../core';

const WRITTEN = new WeakMap<TerraformElement, Suppression[]>();

/**
 * Writes suppressions under the resource's `//` key as `{"sovereign-lz": {"suppressions": [...]}}`
 * (the cdktf form of the contract in CONTROLS.md), keeping those written before (a nested
 * sovereign construct may have written its own).
 */
export function writeSuppressions(element: TerraformElement, suppressions: readonly Suppression[]): void {
  if (!suppressions.length) return;
  const all = [...(WRITTEN.get(element) ?? [])];
  for (const s of suppressions) {
    if (!all.some((a) => a.id === s.id && a.reason === s.reason && a.expires === s.expires)) all.push(s);
  }
  WRITTEN.set(element, all);
  element.addOverride(`//.${METADATA_KEY}`, {
    suppressions: all.map((s) => ({ id: s.id, reason: s.reason, ...(s.expires ? { expires: s.expires } : {}) })),
  });
}

/** The suppressions written on an element so far. */
export function writtenSuppressions(element: TerraformElement): readonly Suppression[] {
  return WRITTEN.get(element) ?? [];
}

/** Every Terraform resource and data source in the subtree of `scope`. */
export function terraformElementsOf(scope: IConstruct): TerraformElement[] {
  return scope.node
    .findAll()
    .filter((c): c is TerraformElement => c instanceof TerraformResource || c instanceof TerraformDataSource);
}
