import { containerFinding, containersOf, fromFindings, objectsOf, taskValue } from '../access';
import type { Subject } from '../subject';
import type { RuleResult } from '../types';

/** FARGATE.MOUNT_VOLUMES: every mountPoints[].sourceVolume names a task volume. */
export function mountVolumesDefined(subject: Subject): RuleResult {
  const volumes = taskValue(subject, 'volumes');
  if (!volumes.ok) return volumes.result;
  const containers = containersOf(subject);
  if (!containers.ok) return containers.result;
  const names = new Set(objectsOf(volumes.value).map(({ item }) => item.name));
  return fromFindings(
    containers.list.flatMap((c) =>
      objectsOf(c.def.mountPoints)
        .filter(({ item }) => !names.has(item.sourceVolume))
        .map(({ index, item }) =>
          containerFinding(subject, c, ['mountPoints', index, 'sourceVolume'], `container "${c.name}" mounts volume ${JSON.stringify(item.sourceVolume)}, which the task does not define`),
        ),
    ),
  );
}
