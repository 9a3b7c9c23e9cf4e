/**
 * Secret references as ECS takes them, and the IAM resource that grants reading them.
 *
 * ECS accepts a Secrets Manager `valueFrom` with a JSON key, version stage and version id appended
 * (`arn:...:secret:NAME-AbCdEf:JSON_KEY:VERSION_STAGE:VERSION_ID`); IAM then needs the secret's own ARN, the first
 * seven `:` fields. A partial ARN (the name without Secrets Manager's six-character suffix) matches the real secret in
 * IAM only as `<arn>-??????`. A name that itself ends in a hyphen and six letters or digits reads as a complete ARN.
 */

/** Secrets Manager appends `-` and six letters or digits to a secret's name in its ARN. */
export const SECRET_SUFFIX_PATTERN = '-[A-Za-z0-9]{6}$';

/** IAM's wildcard for that suffix. */
export const SECRET_SUFFIX_WILDCARD = '-??????';

/** Fields of a Secrets Manager secret ARN: arn, partition, service, region, account, `secret`, name. */
export const SECRET_ARN_FIELDS = 7;

/** The IAM resource that grants reading a `valueFrom`: the secret itself for Secrets Manager, the ARN as is otherwise. */
export function secretIamResource(valueFrom: string): string {
  const fields = valueFrom.split(':');
  if (fields[2] !== 'secretsmanager') return valueFrom;
  const secret = fields.slice(0, SECRET_ARN_FIELDS).join(':');
  return new RegExp(SECRET_SUFFIX_PATTERN).test(secret) ? secret : `${secret}${SECRET_SUFFIX_WILDCARD}`;
}
