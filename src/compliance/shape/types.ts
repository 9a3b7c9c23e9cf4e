/** The shape of an API input as data: the type of every key, its enum values, and which keys are required. */

export type Shape = StringShape | IntegerShape | BooleanShape | TimestampShape | ListShape | MapShape | Structure;

export interface StringShape {
  readonly kind: 'string';
  /** The allowed values, case-sensitive. @default any string */
  readonly enum?: readonly string[];
}

/** ECS numbers in a task definition are all integers (cpu units, MiB, seconds, ports). */
export interface IntegerShape {
  readonly kind: 'integer';
}

export interface BooleanShape {
  readonly kind: 'boolean';
}

/** A time in describe output: an ISO 8601 string or epoch seconds, depending on the client that wrote it. */
export interface TimestampShape {
  readonly kind: 'timestamp';
}

export interface ListShape {
  readonly kind: 'list';
  readonly items: Shape;
}

/** An object with free keys and values of one shape (dockerLabels, log options). */
export interface MapShape {
  readonly kind: 'map';
  readonly values: Shape;
}

export interface Member {
  readonly shape: Shape;
  /** ECS refuses the object without this key. @default false */
  readonly required?: boolean;
  /**
   * Only in `describe-task-definition` output: RegisterTaskDefinition does not take it (the AWS CLI refuses it as an
   * unknown parameter). @default false
   */
  readonly describeOnly?: boolean;
}

/** An object with fixed, case-sensitive keys. */
export interface Structure {
  readonly kind: 'structure';
  /** The API's name for the structure, e.g. `ContainerDefinition`. */
  readonly name: string;
  readonly members: Readonly<Record<string, Member>>;
  /** Exactly one member is set (a Smithy union). @default false */
  readonly union?: boolean;
}

export const STRING: StringShape = { kind: 'string' };
export const INTEGER: IntegerShape = { kind: 'integer' };
export const BOOLEAN: BooleanShape = { kind: 'boolean' };
export const TIMESTAMP: TimestampShape = { kind: 'timestamp' };
export const STRING_MAP: MapShape = { kind: 'map', values: STRING };

export const enumOf = (...values: string[]): StringShape => ({ kind: 'string', enum: values });
export const list = (items: Shape): ListShape => ({ kind: 'list', items });

type MemberSpec = Shape | Member;
const isMember = (spec: MemberSpec): spec is Member => 'shape' in spec;

/** A required member. */
export const required = (shape: Shape): Member => ({ shape, required: true });
/** A member only describe-task-definition returns. */
export const describeOnly = (shape: Shape): Member => ({ shape, describeOnly: true });

export function structure(name: string, members: Readonly<Record<string, MemberSpec>>): Structure {
  return {
    kind: 'structure',
    name,
    members: Object.fromEntries(Object.entries(members).map(([key, spec]) => [key, isMember(spec) ? spec : { shape: spec }])),
  };
}

export function union(name: string, members: Readonly<Record<string, MemberSpec>>): Structure {
  return { ...structure(name, members), union: true };
}
