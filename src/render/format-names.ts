/** The output formats by name, and where `--format all` puts each: a module of its own, so the command line can list them without loading a renderer. */
export const FORMAT_NAMES = ['taskdef', 'hcl', 'cdktf'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** The `--format` value that renders every registered format. */
export const ALL_FORMATS = 'all';

/** Every value `--format` accepts: the registered formats, then `all`. */
export const formatChoices = (): string[] => [...FORMAT_NAMES, ALL_FORMATS];

/**
 * `--format all` renders every format into one directory: each format's files go under its directory here, or at
 * the top when it has none.
 */
export const FORMAT_DIRECTORIES_IN_ALL: Readonly<Record<string, string>> = {
  cdktf: 'cdktf-module',
  hcl: 'terraform-aws-ecs-datadog-readonly',
};
