import { containerFinding, containersOf, fromFindings, notApplicable, taskValue } from '../access';
import { isObject, Subject } from '../subject';
import type { RuleResult } from '../types';

/** Whether a container `user` runs as root: absent, empty, `root`, `0`, or `root:*` / `0:*`. */
export function isRootUser(user: unknown): boolean {
  if (user === undefined || user === null) return true;
  const value = String(user).trim();
  const name = value.split(':')[0];
  return value === '' || name === 'root' || name === '0';
}

/** ECS.20: every container of a Linux task runs as a non-root user. */
export function nonRootUser(subject: Subject): RuleResult {
  const platform = taskValue(subject, 'runtimePlatform');
  if (!platform.ok) return platform.result;
  const family = isObject(platform.value) ? platform.value.operatingSystemFamily : undefined;
  if (typeof family === 'string' && family !== 'LINUX') return notApplicable(`operatingSystemFamily is ${family}`);
  const containers = containersOf(subject);
  if (!containers.ok) return containers.result;
  return fromFindings(
    containers.list
      .filter((c) => isRootUser(c.def.user))
      .map((c) =>
        containerFinding(
          subject,
          c,
          ['user'],
          c.def.user === undefined || c.def.user === null
            ? `container "${c.name}" ${c.def.user === null ? 'has user null, which is unset:' : 'has no user, so'} it runs as the image's user (root unless the image sets one)`
            : `container "${c.name}" runs as root (user "${String(c.def.user)}")`,
        ),
      ),
  );
}
