/**
 * Where well-known images write at run time, so that `fix` can give a container it makes read-only somewhere to
 * write. Every application fix makes read-only gets `/tmp` as well (TEMP_PATH); other paths need `--writable`.
 */

export interface ImageWritablePaths {
  /** Short name shown in the report, e.g. `nginx`. */
  readonly image: string;
  /** Whether an image reference is this image (registry, mirror, tag and digest do not matter). */
  readonly matches: (repository: string, tag: string) => boolean;
  /** Paths the image writes to besides /tmp. */
  readonly paths: readonly string[];
  /** Where the paths come from. */
  readonly source: string;
}

/** The temporary directory: every application made read-only gets a task volume there unless it mounts one. */
export const TEMP_PATH = '/tmp';

/** Repository and tag of an image reference: `public.ecr.aws/nginx/nginx:1.27@sha256:...` → `nginx/nginx`, `1.27`. */
export function parseImage(image: string): { repository: string; name: string; tag: string } {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const repository = colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
  const tag = colon === -1 ? '' : withoutDigest.slice(colon + 1);
  return { repository, name: repository.slice(repository.lastIndexOf('/') + 1), tag };
}

const named = (name: string) => (repository: string) => repository.slice(repository.lastIndexOf('/') + 1) === name;

export const IMAGE_WRITABLE_PATHS: readonly ImageWritablePaths[] = [
  {
    image: 'nginx',
    matches: named('nginx'),
    paths: ['/var/cache/nginx', '/var/run'],
    source: 'nginx image docs, "Running nginx in read-only mode" (docker-library/docs nginx/content.md)',
  },
  {
    image: 'httpd',
    matches: named('httpd'),
    paths: ['/usr/local/apache2/logs'],
    source: 'docker-library/httpd#166 (httpd writes logs/httpd.pid at start: "could not create /usr/local/apache2/logs/httpd.pid")',
  },
  {
    image: 'tomcat',
    matches: named('tomcat'),
    paths: ['/usr/local/tomcat/logs', '/usr/local/tomcat/temp', '/usr/local/tomcat/work'],
    source:
      'WSO2, "Securely Deploying Tomcat Server in a Read-Only File System in Kubernetes" (logs and the work directory); temp is CATALINA_TMPDIR, java.io.tmpdir of the official image',
  },
  {
    image: 'postgres',
    matches: named('postgres'),
    paths: ['/var/run/postgresql', '/var/lib/postgresql/data'],
    source: 'docker-library/postgres#154 (pid and socket under /run/postgresql, here-documents in /tmp); bitnami/charts#14578 (data directory and /var/run/postgresql for the official image)',
  },
  {
    image: 'redis',
    matches: named('redis'),
    paths: ['/data'],
    source: 'redis/docker-library-redis#109 (read-only works as is because /data is a volume)',
  },
  {
    image: 'php-fpm',
    matches: (repository, tag) => named('php')(repository) && /(^|-)fpm(-|$)/.test(tag),
    paths: [],
    source: 'docker-library/php#201 (the default session.save_path is empty, so sessions go to /tmp)',
  },
  {
    image: 'envoy',
    matches: (repository) => named('envoy')(repository) || named('envoy-distroless')(repository),
    paths: [],
    source: 'aws/aws-app-mesh-controller-for-k8s#351 and llm-d/llm-d#869 (envoy writes its generated config to /tmp)',
  },
  {
    image: 'node',
    matches: named('node'),
    paths: [],
    source: 'npm/cli#5183 and nodejs/docker-node#1749 (npm run writes a script to /tmp; EROFS without it)',
  },
  {
    image: 'python',
    matches: named('python'),
    paths: [],
    source: 'python/cpython#107631 (bytecode is not written on a read-only root, imports still work); tempfile needs /tmp (Akkudoktor-EOS/EOS#240)',
  },
];

/** The table entry of an image, if it is a well-known one. */
export function knownImage(image: unknown): ImageWritablePaths | undefined {
  if (typeof image !== 'string') return undefined;
  const { repository, tag } = parseImage(image);
  return IMAGE_WRITABLE_PATHS.find((entry) => entry.matches(repository, tag));
}
