export { RULES, RULE_IDS, ruleById } from './table';
export { isRootUser } from './ecs-20-non-root-user';
export { miscasedKeys, KNOWN_KEYS } from './known-keys';
