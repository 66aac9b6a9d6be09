// Partitions (DECLARATION): a zone lives in one AWS partition. An organization and its accounts,
// IAM principals, StackSets, the organization trail and the log archive's grants do not cross
// partitions, so a zone whose regions fall in two (e.g. eu-central-1 in `aws` and eusc-de-east-1
// in `aws-eusc`, the AWS European Sovereign Cloud) cannot be built as one: it is refused before
// anything is placed, naming the regions of each partition.
import { findCloudRegion, partitionOf, type AwsPartition } from '../core';
import type { Checker } from './checker';
import { text } from './declaration-error';

/** The zone's known regions all belong to the partition of its home region. */
export function checkPartitions(c: Checker, regions: readonly string[]): void {
  const byPartition = new Map<AwsPartition, string[]>();
  for (const region of new Set(regions)) {
    if (!findCloudRegion(region)) continue;
    const partition = partitionOf(region);
    byPartition.set(partition, [...(byPartition.get(partition) ?? []), region]);
  }
  if (byPartition.size < 2) return;
  const [home] = byPartition.keys();
  const first = regions.findIndex((r) => findCloudRegion(r) && partitionOf(r) !== home);
  const groups = [...byPartition].map(([partition, list]) => `${list.join(', ')} (${partition})`);
  const en = `${groups.slice(0, -1).join(', ')} and ${groups[groups.length - 1]}`;
  const fr = `${groups.slice(0, -1).join(', ')} et ${groups[groups.length - 1]}`;
  c.add(
    `/regions/${first}`,
    'DECLARATION',
    text(
      `the zone's regions are in ${byPartition.size} AWS partitions, ${en}: an organization, its accounts and IAM, its StackSets and its log archive do not cross partitions`,
      `les régions de la zone sont dans ${byPartition.size} partitions AWS, ${fr} : une organisation, ses comptes et son IAM, ses StackSets et son archive de journaux ne traversent pas les partitions`,
    ),
    {
      remedy: text(
        `Declare one zone per partition (the regions of ${home} here, the others in a zone of their own)`,
        `Déclarez une zone par partition (ici les régions de ${home}, les autres dans une zone à part)`,
      ),
    },
  );
}
