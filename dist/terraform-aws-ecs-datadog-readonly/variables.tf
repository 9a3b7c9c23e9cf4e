variable "name" {
  description = "Name of the task family, service and cluster; prefixes the IAM roles (<name>-<region>-execution, <name>-<region>-task: IAM names are unique per account across regions) and names the log group /ecs/<name>."
  type        = string
  default     = "datadog-agent-readonly"
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,38}$", var.name))
    error_message = "name: must be 1 to 38 letters, digits, hyphens (-) and underscores (_) (it also names the IAM roles \"<name>-<region>-execution\" and \"<name>-<region>-task\"). Fix: use a value such as \"datadog-agent-readonly\"."
  }
}

variable "cpu" {
  description = "Task CPU units, a Fargate size: 256, 512, 1024, 2048, 4096, 8192, 16384."
  type        = number
  default     = 1024
  nullable    = false

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.cpu)
    error_message = "cpu: must be one of 256, 512, 1024, 2048, 4096, 8192, 16384 (Fargate task CPU units). Fix: pick the size that fits, e.g. 1024 for 1 vCPU."
  }

  validation {
    condition     = (var.datadog.cpu == null ? 0 : var.datadog.cpu) + (var.log_destination == "datadog" && var.log_router.cpu != null ? var.log_router.cpu : 0) + sum(concat([0], [for c in var.containers : c.cpu == null ? 0 : c.cpu])) <= var.cpu
    error_message = "cpu: the containers reserve more CPU units (datadog.cpu + log_router.cpu + containers[*].cpu) than the task's cpu. Fix: raise the task's cpu or lower the containers'."
  }
}

variable "memory" {
  description = "Task memory in MiB, one of the values Fargate allows for cpu (256: 512, 1024, 2048; 512: 1024 to 4096 in steps of 1024; 1024: 2048 to 8192 in steps of 1024; 2048: 4096 to 16384 in steps of 1024; 4096: 8192 to 30720 in steps of 1024; 8192: 16384 to 61440 in steps of 4096; 16384: 32768 to 122880 in steps of 8192)."
  type        = number
  default     = 3072
  nullable    = false

  validation {
    condition     = !contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.cpu) || contains(lookup({ "256" = [512, 1024, 2048], "512" = [1024, 2048, 3072, 4096], "1024" = [2048, 3072, 4096, 5120, 6144, 7168, 8192], "2048" = [4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384], "4096" = [8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384, 17408, 18432, 19456, 20480, 21504, 22528, 23552, 24576, 25600, 26624, 27648, 28672, 29696, 30720], "8192" = [16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440], "16384" = [32768, 40960, 49152, 57344, 65536, 73728, 81920, 90112, 98304, 106496, 114688, 122880] }, tostring(var.cpu), []), var.memory)
    error_message = "memory: must be a memory size (MiB) Fargate allows for the cpu: cpu 256: 512, 1024, 2048; cpu 512: 1024 to 4096 in steps of 1024; cpu 1024: 2048 to 8192 in steps of 1024; cpu 2048: 4096 to 16384 in steps of 1024; cpu 4096: 8192 to 30720 in steps of 1024; cpu 8192: 16384 to 61440 in steps of 4096; cpu 16384: 32768 to 122880 in steps of 8192. Fix: set memory to a value listed for your cpu, or change cpu."
  }

  validation {
    condition     = (var.datadog.memory == null ? 0 : var.datadog.memory) + (var.log_destination == "datadog" && var.log_router.memory != null ? var.log_router.memory : 0) + sum(concat([0], [for c in var.containers : c.memory == null ? 0 : c.memory])) <= var.memory
    error_message = "memory: the containers reserve more MiB (datadog.memory + log_router.memory + containers[*].memory) than the task's memory. Fix: raise the task's memory or lower the containers'."
  }
}

variable "cpu_architecture" {
  description = "CPU architecture of the task: X86_64 or ARM64."
  type        = string
  default     = "X86_64"
  nullable    = false

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture: must be one of \"X86_64\", \"ARM64\". Fix: use \"X86_64\" unless every image is built for ARM64."
  }
}

variable "tags" {
  description = "Tags on every resource; the service propagates them to its tasks."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for k in keys(var.tags) : k != ""])
    error_message = "tags: keys must not be empty. Fix: name every tag, e.g. team = \"payments\"."
  }

  validation {
    condition     = !can(regex("(^|[^0-9a-fA-F])[0-9a-fA-F]{32}([^0-9a-fA-F]|$)", jsonencode(var.tags)))
    error_message = "tags: a key or value looks like a Datadog API key (32 hexadecimal characters); the module must never hold the key itself. Fix: remove it; store the key in Secrets Manager or SSM and set datadog.api_key_secret_arn to its ARN (a container's own secrets go into its secrets, as ARNs)."
  }

  validation {
    condition     = alltrue([for v in values(var.tags) : v != ""])
    error_message = "tags: values must not be empty: ECS drops empty values (and AWS empty tags), so Terraform would plan a change on every run. Fix: remove the key, or give it a value."
  }
}

variable "datadog" {
  description = "Datadog Agent sidecar; required, with no default, since a placeholder would plan and apply while every task fails to start. api_key_secret_arn (required: Secrets Manager secret ARN, optionally with :JSON_KEY:VERSION_STAGE:VERSION_ID, or SSM parameter ARN holding the API key, never the key itself), site, agent image (also used by the init container), env (DD_ENV), tags (DD_TAGS), apm_enabled, the agent container cpu and memory, environment (extra agent variables, applied last; Datadog's defaults DD_ECS_TASK_COLLECTION_ENABLED, DD_DOGSTATSD_ORIGIN_DETECTION and DD_DOGSTATSD_TAG_CARDINALITY may be overridden, the variables the module sets itself may not), transport (\"unix\": sockets in /var/run/datadog; \"tcp\": DD_AGENT_HOST=127.0.0.1 and ports, no socket mount) and process_collection (pidMode \"task\"; not with enable_execute_command)."
  type = object({
    site               = optional(string, "datadoghq.com")
    api_key_secret_arn = string
    image              = optional(string, "public.ecr.aws/datadog/agent:7")
    env                = optional(string)
    tags               = optional(map(string), {})
    apm_enabled        = optional(bool, true)
    cpu                = optional(number)
    memory             = optional(number)
    environment        = optional(map(string), {})
    transport          = optional(string, "unix")
    process_collection = optional(bool, false)
  })
  nullable = false

  validation {
    condition     = can(regex("^([a-z0-9]+\\.)?(datadoghq\\.com|datadoghq\\.eu|ddog-gov\\.com)$", var.datadog.site))
    error_message = "datadog.site: must be a Datadog site such as datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com or ddog-gov.com. Fix: use a value such as \"datadoghq.com\"."
  }

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+(:[A-Za-z0-9/_+=.@-]*:[A-Za-z0-9/_+=.@-]*:[A-Za-z0-9-]*)?|ssm:[a-z0-9-]+:[0-9]{12}:parameter/[A-Za-z0-9/_.-]+)$", var.datadog.api_key_secret_arn))
    error_message = "datadog.api_key_secret_arn: must be a Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf, optionally followed by :JSON_KEY:VERSION_STAGE:VERSION_ID as ECS takes it, e.g. ...:secret:NAME-AbCdEf:api_key::) or an SSM parameter ARN (arn:aws:ssm:REGION:ACCOUNT:parameter/NAME). Fix: use a value such as \"arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:datadog/api-key-AbCdEf\"."
  }

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$", var.datadog.image))
    error_message = "datadog.image: must be an image reference of up to 255 characters, such as public.ecr.aws/nginx/nginx:1.27 (letters, digits, . _ / : @ -). Fix: use a value such as \"public.ecr.aws/nginx/nginx:1.27\"."
  }

  validation {
    condition     = alltrue([for k in keys(var.datadog.tags) : k != ""])
    error_message = "datadog.tags: keys must not be empty. Fix: name every tag, e.g. team = \"payments\"."
  }

  validation {
    condition     = !can(regex("(^|[^0-9a-fA-F])[0-9a-fA-F]{32}([^0-9a-fA-F]|$)", jsonencode(var.datadog)))
    error_message = "datadog: a key or value looks like a Datadog API key (32 hexadecimal characters); the module must never hold the key itself. Fix: remove it; store the key in Secrets Manager or SSM and set datadog.api_key_secret_arn to its ARN (a container's own secrets go into its secrets, as ARNs)."
  }

  validation {
    condition     = contains(["unix", "tcp"], var.datadog.transport)
    error_message = "datadog.transport: must be one of \"unix\", \"tcp\". Fix: use \"unix\" (sockets, the default) or \"tcp\" (localhost ports, for a non-root agent)."
  }

  validation {
    condition     = alltrue([for n in keys(var.datadog.environment) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", n))])
    error_message = "datadog.environment: every item must be letters, digits and underscores, not starting with a digit. Fix: use a value such as \"LOG_LEVEL\"."
  }

  validation {
    condition = length(setintersection(keys(var.datadog.environment), [
      "DD_API_KEY",
      "ECS_FARGATE",
      "DD_SITE",
      "DD_APM_ENABLED",
      "DD_APM_RECEIVER_SOCKET",
      "DD_APM_RECEIVER_PORT",
      "DD_DOGSTATSD_SOCKET",
      "DD_DOGSTATSD_PORT",
      "DD_ENV",
      "DD_TAGS",
      "DD_PROCESS_CONFIG_PROCESS_COLLECTION_ENABLED",
    ])) == 0
    error_message = "datadog.environment: must not set \"DD_API_KEY\", \"ECS_FARGATE\", \"DD_SITE\", \"DD_APM_ENABLED\", \"DD_APM_RECEIVER_SOCKET\", \"DD_APM_RECEIVER_PORT\", \"DD_DOGSTATSD_SOCKET\", \"DD_DOGSTATSD_PORT\", \"DD_ENV\", \"DD_TAGS\", \"DD_PROCESS_CONFIG_PROCESS_COLLECTION_ENABLED\": the module sets them from datadog.api_key_secret_arn, site, apm_enabled, transport, env, tags and process_collection. Datadog's defaults DD_ECS_TASK_COLLECTION_ENABLED, DD_DOGSTATSD_ORIGIN_DETECTION, DD_DOGSTATSD_TAG_CARDINALITY may be overridden. Fix: remove them and set the attribute instead."
  }

  validation {
    condition     = length(setintersection(keys(var.datadog.environment), ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"])) == 0
    error_message = "datadog.environment: must not set \"AWS_ACCESS_KEY_ID\", \"AWS_SECRET_ACCESS_KEY\", \"ECS_ENGINE_AUTH_DATA\" as plain environment variables (Security Hub ECS.8). Fix: remove them; the agent uses the task role."
  }

  validation {
    condition     = !(var.datadog.process_collection && var.enable_execute_command)
    error_message = "datadog.process_collection: cannot be true together with enable_execute_command: process collection needs pidMode \"task\", and ECS Exec does not work in tasks that share one process namespace (aws/containers-roadmap#2268). Fix: turn one of them off."
  }

  validation {
    condition     = var.datadog.cpu == null ? true : (var.datadog.cpu >= 0 && var.datadog.cpu <= 16384 && floor(var.datadog.cpu) == var.datadog.cpu)
    error_message = "datadog.cpu: must be a whole number from 0 to 16384. Fix: leave it out to share the task CPU, or reserve e.g. 256."
  }

  validation {
    condition     = var.datadog.memory == null ? true : (var.datadog.memory >= 6 && var.datadog.memory <= 122880 && floor(var.datadog.memory) == var.datadog.memory)
    error_message = "datadog.memory: must be a whole number from 6 to 122880. Fix: leave it out to share the task memory, or set e.g. 512."
  }

  validation {
    condition     = (var.datadog.env == null ? true : var.datadog.env != "") && alltrue([for v in values(var.datadog.tags) : v != ""])
    error_message = "datadog: env and the values of tags must not be empty: ECS drops empty values (and AWS empty tags), so Terraform would plan a change on every run. Fix: remove the key, or give it a value."
  }
}

variable "containers" {
  description = "Application containers, at most 8 (a Fargate task holds 10, two are the Datadog containers; 7 with log_destination \"datadog\", which adds the log router). Each runs with a read-only root filesystem; writable_paths become task volumes. The module adds the Datadog wiring: with datadog.transport \"unix\" the sockets volume read-only at /var/run/datadog, DD_TRACE_AGENT_URL (with APM) and DD_DOGSTATSD_URL, with \"tcp\" DD_AGENT_HOST, DD_DOGSTATSD_PORT and DD_TRACE_AGENT_PORT (with APM); DD_DOGSTATSD_ORIGIN_DETECTION_CLIENT, DD_ENV, DD_SERVICE (default: the container name), DD_VERSION (default: the image tag), unified service tagging labels, a HEALTHY dependency on the agent, and awslogs logging or, with log_destination \"datadog\", awsfirelens to Datadog (dd_source: log_source, default the image's short name)."
  type = list(object({
    name           = string
    image          = string
    port           = optional(number)
    protocol       = optional(string, "tcp")
    writable_paths = optional(list(string), [])
    environment    = optional(map(string), {})
    secrets        = optional(map(string), {})
    cpu            = optional(number)
    memory         = optional(number)
    essential      = optional(bool, true)
    command        = optional(list(string))
    user           = optional(string)
    health_check = optional(object({
      command              = list(string)
      interval_seconds     = optional(number, 30)
      timeout_seconds      = optional(number, 5)
      retries              = optional(number, 3)
      start_period_seconds = optional(number, 0)
    }))
    depends_on = optional(list(object({
      container_name = string
      condition      = string
    })), [])
    service    = optional(string)
    version    = optional(string)
    log_source = optional(string)
  }))
  default  = []
  nullable = false

  validation {
    condition     = length(var.containers) <= 8
    error_message = "containers: must have at most 8 entries: a Fargate task holds at most 10 containers and two are the Datadog init and agent containers. Fix: split the containers over several services."
  }

  validation {
    condition     = !(var.log_destination == "datadog") || length(var.containers) <= 7
    error_message = "containers: must have at most 7 entries with log_destination \"datadog\": a Fargate task holds at most 10 containers and three are the Datadog init, agent and log router containers. Fix: split the containers over several services, or log to \"cloudwatch\"."
  }

  validation {
    condition     = !can(regex("(^|[^0-9a-fA-F])[0-9a-fA-F]{32}([^0-9a-fA-F]|$)", jsonencode(var.containers)))
    error_message = "containers: a key or value looks like a Datadog API key (32 hexadecimal characters); the module must never hold the key itself. Fix: remove it; store the key in Secrets Manager or SSM and set datadog.api_key_secret_arn to its ARN (a container's own secrets go into its secrets, as ARNs)."
  }

  validation {
    condition     = alltrue([for c in var.containers : can(regex("^[A-Za-z0-9_-]{1,255}$", c.name))])
    error_message = "containers[*].name: must be 1 to 255 letters, digits, hyphens (-) and underscores (_). Fix: use a value such as \"web-api\"."
  }

  validation {
    condition     = length(distinct([for x in var.containers : x.name])) == length(var.containers)
    error_message = "containers[*].name: must be unique in the task. Fix: rename the containers that share a name."
  }

  validation {
    condition     = alltrue([for c in var.containers : !contains(["datadog-init", "datadog-agent", "datadog-log-router"], c.name)])
    error_message = "containers[*].name: must not be \"datadog-init\", \"datadog-agent\", \"datadog-log-router\", the names of the Datadog containers the module adds. Fix: choose another name."
  }

  validation {
    condition     = alltrue([for c in var.containers : can(regex("^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$", c.image))])
    error_message = "containers[*].image: must be an image reference of up to 255 characters, such as public.ecr.aws/nginx/nginx:1.27 (letters, digits, . _ / : @ -). Fix: use a value such as \"public.ecr.aws/nginx/nginx:1.27\"."
  }

  validation {
    condition     = alltrue([for c in var.containers : c.user == null ? true : (can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,31})?$", c.user)))])
    error_message = "containers[*].user: must be a user name or UID, optionally followed by \":\" and a group name or GID, such as 1000:1000. Fix: use a value such as \"1000:1000\"."
  }

  validation {
    condition     = alltrue([for c in var.containers : c.log_source == null ? true : (can(regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", c.log_source)))])
    error_message = "containers[*].log_source: must be up to 100 letters, digits, dots, hyphens and underscores, such as nginx or python. Fix: use a value such as \"nginx\"."
  }

  validation {
    condition     = alltrue([for c in var.containers : c.port == null ? true : (c.port >= 1 && c.port <= 65535 && floor(c.port) == c.port)])
    error_message = "containers[*].port: must be a whole number from 1 to 65535. Fix: use the port the container listens on, e.g. 8080, or leave port out."
  }

  validation {
    condition     = alltrue([for c in var.containers : c.port == null ? true : (!contains(var.datadog.apm_enabled ? [8125, 8126] : [8125], c.port))])
    error_message = "containers[*].port: must not be 8125 or 8126: the agent listens on 8125/udp (DogStatsD) and, with datadog.apm_enabled, 8126/tcp (APM) in the same network namespace. Fix: use another port."
  }

  validation {
    condition     = alltrue([for c in var.containers : contains(["tcp", "udp"], c.protocol)])
    error_message = "containers[*].protocol: must be one of \"tcp\", \"udp\". Fix: use \"tcp\" (the default) or \"udp\"."
  }

  validation {
    condition     = alltrue(flatten([for c in var.containers : [for p in c.writable_paths : can(regex("^(/[A-Za-z0-9_.@+-]+)+$", p))]]))
    error_message = "containers[*].writable_paths: every item must be an absolute path such as /tmp or /app/cache (not \"/\", no trailing slash). Fix: use a value such as \"/app/cache\"."
  }

  validation {
    condition     = var.datadog.transport != "unix" || alltrue(flatten([for c in var.containers : [for p in c.writable_paths : !(p == "/var/run/datadog" || startswith(p, format("%s/", "/var/run/datadog")) || startswith("/var/run/datadog", format("%s/", p)))]]))
    error_message = "containers[*].writable_paths: must not be or overlap /var/run/datadog, where the agent's sockets are mounted read-only in every application container (datadog.transport \"unix\"). Fix: choose another path, or use transport \"tcp\"."
  }

  validation {
    condition     = alltrue(flatten([for c in var.containers : [for i, p in c.writable_paths : [for j, q in c.writable_paths : j >= i || !(p == q || startswith(p, format("%s/", q)) || startswith(q, format("%s/", p)))]]]))
    error_message = "containers[*].writable_paths: must not repeat or nest within one container; a writable directory is writable below it already. Fix: keep only the outer path."
  }

  validation {
    condition = length(distinct(concat([
      "datadog-config",
      "datadog-run",
      "datadog-sockets",
      "datadog-tmp",
      "datadog-logs",
      "datadog-log-router-tmp",
      ], flatten([for c in var.containers : [for p in distinct(concat(c.writable_paths, var.enable_execute_command ? [for p in ["/managed-agents", "/var/lib/amazon/ssm", "/var/log/amazon/ssm"] : p if !anytrue([for own in c.writable_paths : p == own || startswith(p, "${own}/")])] : [])) : format("%s-%s", c.name, replace(replace(p, "/^/+/", ""), "/[^A-Za-z0-9_-]/", "-"))]])))) == length(concat([
      "datadog-config",
      "datadog-run",
      "datadog-sockets",
      "datadog-tmp",
      "datadog-logs",
      "datadog-log-router-tmp",
    ], flatten([for c in var.containers : [for p in distinct(concat(c.writable_paths, var.enable_execute_command ? [for p in ["/managed-agents", "/var/lib/amazon/ssm", "/var/log/amazon/ssm"] : p if !anytrue([for own in c.writable_paths : p == own || startswith(p, "${own}/")])] : [])) : format("%s-%s", c.name, replace(replace(p, "/^/+/", ""), "/[^A-Za-z0-9_-]/", "-"))]])))
    error_message = "containers[*].writable_paths: each path becomes a task volume named <container>-<path with / as ->, and two of these names (or one of them and a Datadog volume: datadog-config, datadog-run, datadog-sockets, datadog-tmp, datadog-logs, datadog-log-router-tmp, or one that ECS Exec adds for /managed-agents, /var/lib/amazon/ssm, /var/log/amazon/ssm) are the same. Fix: rename the container or choose another path."
  }

  validation {
    condition     = alltrue(flatten([for c in var.containers : [for n in keys(c.environment) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", n))]]))
    error_message = "containers[*].environment: every item must be letters, digits and underscores, not starting with a digit. Fix: use a value such as \"LOG_LEVEL\"."
  }

  validation {
    condition     = alltrue([for c in var.containers : !contains(keys(c.environment), "DD_API_KEY")])
    error_message = "containers[*].environment: must not set DD_API_KEY: the Datadog API key must not be a plain environment variable; the agent reads it from datadog.api_key_secret_arn and applications send to the agent without a key. Fix: remove it."
  }

  validation {
    condition     = alltrue([for c in var.containers : length(setintersection(keys(c.environment), ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"])) == 0])
    error_message = "containers[*].environment: must not set \"AWS_ACCESS_KEY_ID\", \"AWS_SECRET_ACCESS_KEY\", \"ECS_ENGINE_AUTH_DATA\" as plain environment variables (Security Hub ECS.8). Fix: move them to secrets as Secrets Manager or SSM parameter ARNs, or use the task role."
  }

  validation {
    condition     = alltrue(flatten([for c in var.containers : [for n in keys(c.secrets) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", n))]]))
    error_message = "containers[*].secrets: every item must be letters, digits and underscores, not starting with a digit. Fix: use a value such as \"LOG_LEVEL\"."
  }

  validation {
    condition     = alltrue(flatten([for c in var.containers : [for a in values(c.secrets) : can(regex("^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+(:[A-Za-z0-9/_+=.@-]*:[A-Za-z0-9/_+=.@-]*:[A-Za-z0-9-]*)?|ssm:[a-z0-9-]+:[0-9]{12}:parameter/[A-Za-z0-9/_.-]+)$", a))]]))
    error_message = "containers[*].secrets: every item must be a Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf, optionally followed by :JSON_KEY:VERSION_STAGE:VERSION_ID as ECS takes it, e.g. ...:secret:NAME-AbCdEf:api_key::) or an SSM parameter ARN (arn:aws:ssm:REGION:ACCOUNT:parameter/NAME). Fix: use a value such as \"arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:datadog/api-key-AbCdEf\"."
  }

  validation {
    condition     = alltrue([for c in var.containers : c.cpu == null ? true : (c.cpu >= 0 && c.cpu <= 16384 && floor(c.cpu) == c.cpu)])
    error_message = "containers[*].cpu: must be a whole number from 0 to 16384. Fix: leave it out to share the task CPU, or reserve e.g. 256."
  }

  validation {
    condition     = alltrue([for c in var.containers : c.memory == null ? true : (c.memory >= 6 && c.memory <= 122880 && floor(c.memory) == c.memory)])
    error_message = "containers[*].memory: must be a whole number from 6 to 122880. Fix: leave it out to share the task memory, or set e.g. 512."
  }

  validation {
    condition     = alltrue([for c in var.containers : c.health_check == null ? true : (length(c.health_check.command) >= 2 && try(contains(["CMD", "CMD-SHELL"], c.health_check.command[0]), false))])
    error_message = "containers[*].health_check.command: must start with \"CMD\", \"CMD-SHELL\", followed by the command. Fix: e.g. [\"CMD-SHELL\", \"curl -f http://localhost:8080/health || exit 1\"]."
  }

  validation {
    condition     = alltrue([for c in var.containers : c.health_check == null ? true : (c.health_check.interval_seconds == null ? true : (c.health_check.interval_seconds >= 5 && c.health_check.interval_seconds <= 300 && floor(c.health_check.interval_seconds) == c.health_check.interval_seconds))])
    error_message = "containers[*].health_check.interval_seconds: must be a whole number from 5 to 300. Fix: use a value in the range ECS accepts, or leave it out for the default."
  }

  validation {
    condition     = alltrue([for c in var.containers : c.health_check == null ? true : (c.health_check.timeout_seconds == null ? true : (c.health_check.timeout_seconds >= 2 && c.health_check.timeout_seconds <= 120 && floor(c.health_check.timeout_seconds) == c.health_check.timeout_seconds))])
    error_message = "containers[*].health_check.timeout_seconds: must be a whole number from 2 to 120. Fix: use a value in the range ECS accepts, or leave it out for the default."
  }

  validation {
    condition     = alltrue([for c in var.containers : c.health_check == null ? true : (c.health_check.retries == null ? true : (c.health_check.retries >= 1 && c.health_check.retries <= 10 && floor(c.health_check.retries) == c.health_check.retries))])
    error_message = "containers[*].health_check.retries: must be a whole number from 1 to 10. Fix: use a value in the range ECS accepts, or leave it out for the default."
  }

  validation {
    condition     = alltrue([for c in var.containers : c.health_check == null ? true : (c.health_check.start_period_seconds == null ? true : (c.health_check.start_period_seconds >= 0 && c.health_check.start_period_seconds <= 300 && floor(c.health_check.start_period_seconds) == c.health_check.start_period_seconds))])
    error_message = "containers[*].health_check.start_period_seconds: must be a whole number from 0 to 300. Fix: use a value in the range ECS accepts, or leave it out for the default."
  }

  validation {
    condition     = alltrue(flatten([for c in var.containers : [for d in c.depends_on : contains(["START", "COMPLETE", "SUCCESS", "HEALTHY"], d.condition)]]))
    error_message = "containers[*].depends_on[*].condition: must be one of \"START\", \"COMPLETE\", \"SUCCESS\", \"HEALTHY\". Fix: use \"HEALTHY\" for a container with a health_check, else \"START\"."
  }

  validation {
    condition     = alltrue(flatten([for c in var.containers : [for d in c.depends_on : d.container_name != c.name && contains([for x in var.containers : x.name], d.container_name)]]))
    error_message = "containers[*].depends_on[*].container_name: must name another application container of this task; every application container already waits for datadog-agent to be HEALTHY. Fix: use the name of another container, or remove the dependency."
  }

  validation {
    condition     = alltrue(flatten([for c in var.containers : [for d in c.depends_on : d.condition != "HEALTHY" || contains([for x in var.containers : x.name if x.health_check != null], d.container_name)]]))
    error_message = "containers[*].depends_on[*].condition: HEALTHY needs a health_check on the container depended on. Fix: add a health_check to that container, or use condition \"START\"."
  }

  validation {
    condition     = alltrue(flatten([for c in var.containers : [for d in c.depends_on : !contains(["COMPLETE", "SUCCESS"], d.condition) || contains([for x in var.containers : x.name if !x.essential], d.container_name)]]))
    error_message = "containers[*].depends_on[*].condition: COMPLETE and SUCCESS need the container depended on to have essential = false (an essential container must keep running). Fix: set essential = false on that container, or use \"START\" or \"HEALTHY\"."
  }

  validation {
    condition = alltrue([for g in [{ for c in var.containers : c.name => [for d in c.depends_on : d.container_name if d.container_name != c.name]... }] : alltrue([for s in keys(g) : !contains(
      one([for r in [
        one([for r in [
          one([for r in [
            one([for r in [
              one([for r in [
                one([for r in [
                  one([for r in [
                    flatten(g[s])
                  ] : distinct(concat(r, flatten([for n in r : flatten(lookup(g, n, []))])))])
                ] : distinct(concat(r, flatten([for n in r : flatten(lookup(g, n, []))])))])
              ] : distinct(concat(r, flatten([for n in r : flatten(lookup(g, n, []))])))])
            ] : distinct(concat(r, flatten([for n in r : flatten(lookup(g, n, []))])))])
          ] : distinct(concat(r, flatten([for n in r : flatten(lookup(g, n, []))])))])
        ] : distinct(concat(r, flatten([for n in r : flatten(lookup(g, n, []))])))])
      ] : distinct(concat(r, flatten([for n in r : flatten(lookup(g, n, []))])))]),
      s,
    )])])
    error_message = "containers[*].depends_on: must not form a dependency cycle (a container that waits, directly or through others, for itself); ECS would never start these containers. Fix: remove one of the dependencies of the cycle."
  }

  validation {
    condition     = alltrue([for c in var.containers : alltrue([for v in values(c.environment) : v != ""]) && (c.service == null ? true : c.service != "") && (c.version == null ? true : c.version != "")])
    error_message = "containers[*]: environment values, service and version must not be empty: ECS drops empty values (and AWS empty tags), so Terraform would plan a change on every run. Fix: remove the key, or give it a value."
  }
}

variable "secrets_kms_key_arns" {
  description = "Customer managed KMS keys that encrypt the API key secret or the containers' secrets; the execution role may decrypt with exactly these (secrets under AWS managed keys need none)."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for k in var.secrets_kms_key_arns : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", k))])
    error_message = "secrets_kms_key_arns: every item must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY_ID). Fix: use a value such as \"arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\"."
  }
}

variable "subnet_ids" {
  description = "Subnets of the service tasks (awsvpc); at least one."
  type        = list(string)
  nullable    = false

  validation {
    condition     = alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])
    error_message = "subnet_ids: every item must be a subnet id (subnet-0123456789abcdef0). Fix: use a value such as \"subnet-0123456789abcdef0\"."
  }

  validation {
    condition     = length(var.subnet_ids) > 0
    error_message = "subnet_ids: must name at least one subnet: ECS cannot place an awsvpc task without one. Fix: pass the private subnets of the service, e.g. [\"subnet-0123456789abcdef0\"]."
  }
}

variable "security_group_ids" {
  description = "Security groups of the service tasks."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for s in var.security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", s))])
    error_message = "security_group_ids: every item must be a security group id (sg-0123456789abcdef0). Fix: use a value such as \"sg-0123456789abcdef0\"."
  }
}

variable "assign_public_ip" {
  description = "Give tasks a public IP (Security Hub ECS.2 fails when true)."
  type        = bool
  default     = false
  nullable    = false
}

variable "desired_count" {
  description = "Number of tasks the service starts with. Later changes are ignored (lifecycle ignore_changes), so autoscaling or an operator owns the count."
  type        = number
  default     = 1
  nullable    = false

  validation {
    condition     = var.desired_count == null ? true : (var.desired_count >= 0 && var.desired_count <= 1000 && floor(var.desired_count) == var.desired_count)
    error_message = "desired_count: must be a whole number from 0 to 1000. Fix: use 1 for one running task, 0 to stop the service."
  }
}

variable "existing_cluster_arn" {
  description = "Run the service in this existing ECS cluster; null creates a cluster named after the service."
  type        = string
  default     = null
  nullable    = true

  validation {
    condition     = var.existing_cluster_arn == null ? true : (can(regex("^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/[A-Za-z0-9_-]{1,255}$", var.existing_cluster_arn)))
    error_message = "existing_cluster_arn: must be an ECS cluster ARN (arn:aws:ecs:REGION:ACCOUNT:cluster/NAME). Fix: use a value such as \"arn:aws:ecs:ap-northeast-1:123456789012:cluster/platform\"."
  }
}

variable "container_insights" {
  description = "Container Insights mode of a created cluster: enabled or enhanced (Security Hub ECS.12)."
  type        = string
  default     = "enabled"
  nullable    = false

  validation {
    condition     = contains(["enabled", "enhanced"], var.container_insights)
    error_message = "container_insights: must be one of \"enabled\", \"enhanced\" (Security Hub ECS.12 needs Container Insights on). Fix: use \"enabled\"."
  }
}

variable "log_retention_in_days" {
  description = "Retention of the log group in days, one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (0 keeps events forever)."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days: must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (0 keeps events forever). Fix: use the nearest allowed value, e.g. 30."
  }
}

variable "log_kms_key_arn" {
  description = "KMS key ARN that encrypts the log group; null uses CloudWatch-managed encryption."
  type        = string
  default     = null
  nullable    = true

  validation {
    condition     = var.log_kms_key_arn == null ? true : (can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.log_kms_key_arn)))
    error_message = "log_kms_key_arn: must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY_ID). Fix: use a value such as \"arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\"."
  }
}

variable "enable_execute_command" {
  description = "ECS Exec. When on, every application container gets the SSM agent's paths (/managed-agents, /var/lib/amazon/ssm, /var/log/amazon/ssm) as writable task volumes, and the task role the SSM message channels."
  type        = bool
  default     = false
  nullable    = false
}

variable "log_destination" {
  description = "Where application containers log: \"cloudwatch\" (awslogs to the log group) or \"datadog\" (a FireLens log router sends them to Datadog's log intake, the API key from datadog.api_key_secret_arn; the Datadog containers and the router log to the log group)."
  type        = string
  default     = "cloudwatch"
  nullable    = false

  validation {
    condition     = contains(["cloudwatch", "datadog"], var.log_destination)
    error_message = "log_destination: must be one of \"cloudwatch\", \"datadog\". Fix: use \"cloudwatch\" (the log group) or \"datadog\" (FireLens to Datadog)."
  }
}

variable "log_router" {
  description = "The FireLens log router when log_destination is \"datadog\": image (aws-for-fluent-bit, never an init variant), cpu and memory. Read-only root with /tmp as a task volume; runs as root (an accepted ECS.20)."
  type = object({
    image  = optional(string, "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable")
    cpu    = optional(number)
    memory = optional(number)
  })
  default = {
    image = "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"
  }
  nullable = false

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$", var.log_router.image))
    error_message = "log_router.image: must be an image reference of up to 255 characters, such as public.ecr.aws/nginx/nginx:1.27 (letters, digits, . _ / : @ -). Fix: use a value such as \"public.ecr.aws/nginx/nginx:1.27\"."
  }

  validation {
    condition     = !can(regex(":init(-[^:/@]*)?(@.*)?$", var.log_router.image))
    error_message = "log_router.image: must not be an init variant of aws-for-fluent-bit (tag init or init-*): it writes under /init, which a read-only root filesystem refuses (aws/aws-for-fluent-bit#824, #928). Fix: use the stable tag or a plain version tag."
  }

  validation {
    condition     = var.log_router.cpu == null ? true : (var.log_router.cpu >= 0 && var.log_router.cpu <= 16384 && floor(var.log_router.cpu) == var.log_router.cpu)
    error_message = "log_router.cpu: must be a whole number from 0 to 16384. Fix: leave it out to share the task CPU, or reserve e.g. 64."
  }

  validation {
    condition     = var.log_router.memory == null ? true : (var.log_router.memory >= 6 && var.log_router.memory <= 122880 && floor(var.log_router.memory) == var.log_router.memory)
    error_message = "log_router.memory: must be a whole number from 6 to 122880. Fix: leave it out to share the task memory, or set e.g. 128."
  }
}

variable "execution_role_arn" {
  description = "Bring your own task execution role: it is not created and no policy is attached to it (it must pull the images, write to the log group and read the secrets). null creates <name>-<region>-execution."
  type        = string
  default     = null
  nullable    = true

  validation {
    condition     = (var.execution_role_arn == null ? true : (can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,64}$", var.execution_role_arn))))
    error_message = "execution_role_arn: must be an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME, optionally with a path). Fix: use a value such as \"arn:aws:iam::123456789012:role/web-task\"."
  }
}

variable "task_role_arn" {
  description = "Bring your own task role: it is not created and no policy is attached to it (the agent needs ecs:ListClusters, ecs:ListContainerInstances, ecs:DescribeContainerInstances). null creates <name>-<region>-task."
  type        = string
  default     = null
  nullable    = true

  validation {
    condition     = (var.task_role_arn == null ? true : (can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,64}$", var.task_role_arn))))
    error_message = "task_role_arn: must be an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME, optionally with a path). Fix: use a value such as \"arn:aws:iam::123456789012:role/web-task\"."
  }

  validation {
    condition     = var.task_role_arn == null || (length(var.task_role_policy_statements) == 0 && length(var.task_role_managed_policy_arns) == 0)
    error_message = "task_role_arn: brings your own task role, to which no policy is attached, but task_role_policy_statements or task_role_managed_policy_arns are set. Fix: attach those permissions to your role, or set task_role_arn = null to have the role created."
  }
}

variable "iam_role_path" {
  description = "IAM path of the created roles."
  type        = string
  default     = "/"
  nullable    = false

  validation {
    condition     = can(regex("^/([A-Za-z0-9+=,.@_-]+/){0,20}$", var.iam_role_path))
    error_message = "iam_role_path: must be an IAM path that starts and ends with \"/\", such as / or /services/. Fix: use a value such as \"/services/\"."
  }
}

variable "iam_role_permissions_boundary_arn" {
  description = "Permissions boundary of the created roles; null sets none."
  type        = string
  default     = null
  nullable    = true

  validation {
    condition     = (var.iam_role_permissions_boundary_arn == null ? true : (can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$", var.iam_role_permissions_boundary_arn))))
    error_message = "iam_role_permissions_boundary_arn: must be an IAM managed policy ARN (arn:aws:iam::ACCOUNT:policy/NAME or arn:aws:iam::aws:policy/NAME). Fix: use a value such as \"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\"."
  }
}

variable "task_role_policy_statements" {
  description = "IAM statements of the applications, in the inline policy \"application\" of the created task role. conditions maps a condition operator to condition keys and their values. An Allow of action \"*\" on resource \"*\" is refused."
  type = list(object({
    sid        = optional(string)
    effect     = optional(string, "Allow")
    actions    = list(string)
    resources  = list(string)
    conditions = optional(map(map(list(string))), {})
  }))
  default  = []
  nullable = false

  validation {
    condition     = alltrue([for s in var.task_role_policy_statements : (s.sid == null ? true : (can(regex("^[A-Za-z0-9]{1,100}$", s.sid))))])
    error_message = "task_role_policy_statements[*].sid: must be letters and digits only. Fix: use a value such as \"ReadOrders\"."
  }

  validation {
    condition     = alltrue([for s in var.task_role_policy_statements : contains(["Allow", "Deny"], s.effect)])
    error_message = "task_role_policy_statements[*].effect: must be one of \"Allow\", \"Deny\". Fix: use \"Allow\" (the default)."
  }

  validation {
    condition     = alltrue([for s in var.task_role_policy_statements : length(s.actions) > 0 && alltrue([for a in s.actions : can(regex("^(\\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$", a))])])
    error_message = "task_role_policy_statements[*].actions: must hold at least one action, each an IAM action such as s3:GetObject or s3:Get* (service prefix, a colon, the action). Fix: e.g. [\"s3:GetObject\"]."
  }

  validation {
    condition     = alltrue([for s in var.task_role_policy_statements : length(s.resources) > 0 && alltrue([for r in s.resources : can(regex("^(\\*|arn:[^\\s]+)$", r))])])
    error_message = "task_role_policy_statements[*].resources: must hold at least one resource, each an ARN (wildcards allowed) or \"*\". Fix: e.g. [\"arn:aws:s3:::orders-bucket/*\"]."
  }

  validation {
    condition     = alltrue([for s in var.task_role_policy_statements : alltrue([for op in keys(s.conditions) : can(regex("^((ForAnyValue|ForAllValues):)?[A-Za-z]+$", op))])])
    error_message = "task_role_policy_statements[*].conditions: keys must be condition operators, an IAM condition operator such as StringEquals or ArnLike. Fix: e.g. { StringEquals = { \"aws:ResourceTag/team\" = [\"payments\"] } }."
  }

  validation {
    condition     = alltrue([for s in var.task_role_policy_statements : !(s.effect == "Allow" && contains(s.actions, "*") && contains(s.resources, "*"))])
    error_message = "task_role_policy_statements: must not allow action \"*\" on resource \"*\": that is administrator access for every container of the task. Fix: name the actions and resources the applications need, e.g. actions = [\"s3:GetObject\"], resources = [\"arn:aws:s3:::my-bucket/*\"]."
  }
}

variable "task_role_managed_policy_arns" {
  description = "Managed policies attached to the created task role."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for a in var.task_role_managed_policy_arns : can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$", a))])
    error_message = "task_role_managed_policy_arns: every item must be an IAM managed policy ARN (arn:aws:iam::ACCOUNT:policy/NAME or arn:aws:iam::aws:policy/NAME). Fix: use a value such as \"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\"."
  }
}

variable "load_balancers" {
  description = "Target groups (target type ip) the service registers its tasks in, each on an application container and its port."
  type = list(object({
    target_group_arn = string
    container_name   = string
    container_port   = number
  }))
  default  = []
  nullable = false

  validation {
    condition     = alltrue([for lb in var.load_balancers : can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}$", lb.target_group_arn))])
    error_message = "load_balancers[*].target_group_arn: must be an Elastic Load Balancing target group ARN (arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID). Fix: use a value such as \"arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/web/0123456789abcdef\"."
  }

  validation {
    condition     = length(var.load_balancers) <= 5
    error_message = "load_balancers: must have at most 5 entries (ECS). Fix: register the service in fewer target groups."
  }

  validation {
    condition     = alltrue([for lb in var.load_balancers : contains([for c in var.containers : "${c.name}:${c.port}" if c.port != null && c.protocol == "tcp"], "${lb.container_name}:${lb.container_port}")])
    error_message = "load_balancers[*]: container_name must name an application container and container_port be its tcp port. Fix: use the name and port of the container that serves the traffic, e.g. { container_name = \"web\", container_port = 8080 } with a container web on port 8080."
  }
}

variable "health_check_grace_period_seconds" {
  description = "Seconds ECS ignores failing load balancer health checks after a task starts; only with load_balancers. null leaves the ECS default (0)."
  type        = number
  default     = null
  nullable    = true

  validation {
    condition     = (var.health_check_grace_period_seconds == null ? true : (var.health_check_grace_period_seconds >= 0 && var.health_check_grace_period_seconds <= 2147483647 && floor(var.health_check_grace_period_seconds) == var.health_check_grace_period_seconds))
    error_message = "health_check_grace_period_seconds: must be a whole number from 0 to 2147483647. Fix: e.g. 60, the time the application needs to pass the target group health check."
  }

  validation {
    condition     = var.health_check_grace_period_seconds == null || length(var.load_balancers) > 0
    error_message = "health_check_grace_period_seconds: applies only to a service behind a load balancer (ECS refuses it otherwise). Fix: add load_balancers, or set it to null."
  }
}

variable "security_group" {
  description = "A security group for the service (create = true needs vpc_id): ingress on the containers' ports from ingress_security_group_ids and ingress_cidr_blocks (IPv4), egress to anywhere (the agent reaches the Datadog intake, the tasks ECR). Attached beside security_group_ids."
  type = object({
    create                     = optional(bool, true)
    vpc_id                     = optional(string)
    ingress_security_group_ids = optional(list(string), [])
    ingress_cidr_blocks        = optional(list(string), [])
  })
  default = {
    create                     = false
    ingress_security_group_ids = []
    ingress_cidr_blocks        = []
  }
  nullable = false

  validation {
    condition     = !var.security_group.create || (var.security_group.vpc_id == null ? false : can(regex("^vpc-[0-9a-f]{8,17}$", var.security_group.vpc_id)))
    error_message = "security_group.vpc_id: is required to create the security group and must be a VPC id (vpc-0123456789abcdef0). Fix: pass the VPC of the subnets, e.g. \"vpc-0123456789abcdef0\", or set create = false."
  }

  validation {
    condition     = alltrue([for g in var.security_group.ingress_security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", g))])
    error_message = "security_group.ingress_security_group_ids: every item must be a security group id (sg-0123456789abcdef0). Fix: use a value such as \"sg-0123456789abcdef0\"."
  }

  validation {
    condition     = alltrue([for b in var.security_group.ingress_cidr_blocks : can(regex("^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$", b))])
    error_message = "security_group.ingress_cidr_blocks: every item must be an IPv4 CIDR block such as 10.0.0.0/16. Fix: use a value such as \"10.0.0.0/16\"."
  }

  validation {
    condition     = length(var.security_group.ingress_security_group_ids) + length(var.security_group.ingress_cidr_blocks) <= 20
    error_message = "security_group: may name at most 20 ingress sources (each source on each port is a rule, within the security group quota). Fix: allow a load balancer's security group instead of many CIDR blocks."
  }

  validation {
    condition     = !var.security_group.create || length(var.security_group.ingress_security_group_ids) + length(var.security_group.ingress_cidr_blocks) == 0 || anytrue([for c in var.containers : c.port != null])
    error_message = "security_group.create: allows ingress on the containers' ports, but no application container has a port. Fix: set port on the container that listens, or remove the ingress sources."
  }
}

variable "autoscaling" {
  description = "Application Auto Scaling of the desired count: a target and target-tracking policies on average CPU (and memory, when memory_target_percent is set). null: no autoscaling. The service ignores desired_count changes either way."
  type = object({
    min_capacity               = number
    max_capacity               = number
    cpu_target_percent         = optional(number, 75)
    memory_target_percent      = optional(number)
    scale_in_cooldown_seconds  = optional(number, 300)
    scale_out_cooldown_seconds = optional(number, 60)
  })
  default  = null
  nullable = true

  validation {
    condition     = (var.autoscaling == null ? true : (var.autoscaling.min_capacity >= 0 && var.autoscaling.min_capacity <= 1000 && floor(var.autoscaling.min_capacity) == var.autoscaling.min_capacity && var.autoscaling.max_capacity >= 0 && var.autoscaling.max_capacity <= 1000 && floor(var.autoscaling.max_capacity) == var.autoscaling.max_capacity && var.autoscaling.min_capacity <= var.autoscaling.max_capacity))
    error_message = "autoscaling.min_capacity: min_capacity and max_capacity must be whole numbers from 0 to 1000, min_capacity at most max_capacity. Fix: e.g. min_capacity = 2, max_capacity = 10."
  }

  validation {
    condition     = (var.autoscaling == null ? true : (var.autoscaling.cpu_target_percent >= 1 && var.autoscaling.cpu_target_percent <= 100 && floor(var.autoscaling.cpu_target_percent) == var.autoscaling.cpu_target_percent && (var.autoscaling.memory_target_percent == null ? true : (var.autoscaling.memory_target_percent >= 1 && var.autoscaling.memory_target_percent <= 100 && floor(var.autoscaling.memory_target_percent) == var.autoscaling.memory_target_percent))))
    error_message = "autoscaling.cpu_target_percent: cpu_target_percent and memory_target_percent must be whole numbers from 1 to 100. Fix: e.g. 70."
  }

  validation {
    condition     = (var.autoscaling == null ? true : (var.autoscaling.scale_in_cooldown_seconds >= 0 && var.autoscaling.scale_in_cooldown_seconds <= 3600 && floor(var.autoscaling.scale_in_cooldown_seconds) == var.autoscaling.scale_in_cooldown_seconds && var.autoscaling.scale_out_cooldown_seconds >= 0 && var.autoscaling.scale_out_cooldown_seconds <= 3600 && floor(var.autoscaling.scale_out_cooldown_seconds) == var.autoscaling.scale_out_cooldown_seconds))
    error_message = "autoscaling.scale_in_cooldown_seconds: scale_in_cooldown_seconds and scale_out_cooldown_seconds must be whole numbers from 0 to 3600. Fix: e.g. 300 and 60."
  }
}

variable "capacity_provider_strategy" {
  description = "Capacity providers (FARGATE, FARGATE_SPOT) that place the tasks instead of the launch type FARGATE; a created cluster then gets both as its capacity providers. [] uses the launch type."
  type = list(object({
    capacity_provider = string
    weight            = optional(number, 1)
    base              = optional(number, 0)
  }))
  default  = []
  nullable = false

  validation {
    condition     = alltrue([for c in var.capacity_provider_strategy : contains(["FARGATE", "FARGATE_SPOT"], c.capacity_provider)]) && length(distinct([for c in var.capacity_provider_strategy : c.capacity_provider])) == length(var.capacity_provider_strategy)
    error_message = "capacity_provider_strategy[*].capacity_provider: must be one of \"FARGATE\", \"FARGATE_SPOT\", each at most once. Fix: e.g. [{ capacity_provider = \"FARGATE\", base = 1 }, { capacity_provider = \"FARGATE_SPOT\", weight = 3 }]."
  }

  validation {
    condition     = length(var.capacity_provider_strategy) == 0 || (alltrue([for c in var.capacity_provider_strategy : c.weight >= 0 && c.weight <= 1000 && floor(c.weight) == c.weight && c.base >= 0 && c.base <= 100000 && floor(c.base) == c.base]) && anytrue([for c in var.capacity_provider_strategy : c.weight > 0]) && length([for c in var.capacity_provider_strategy : c if c.base > 0]) <= 1)
    error_message = "capacity_provider_strategy[*].weight: weights must be whole numbers from 0 to 1000, at least one above 0; base from 0 to 100000, above 0 on one provider only (ECS). Fix: e.g. weight = 1 on FARGATE."
  }
}

variable "deployment_minimum_healthy_percent" {
  description = "Lower limit of running tasks during a deployment, in percent of the desired count."
  type        = number
  default     = 100
  nullable    = false

  validation {
    condition     = (var.deployment_minimum_healthy_percent == null ? true : (var.deployment_minimum_healthy_percent >= 0 && var.deployment_minimum_healthy_percent <= 100 && floor(var.deployment_minimum_healthy_percent) == var.deployment_minimum_healthy_percent))
    error_message = "deployment_minimum_healthy_percent: must be a whole number from 0 to 100. Fix: use 100 to keep every task during a deployment, 50 to replace half at a time."
  }
}

variable "deployment_maximum_percent" {
  description = "Upper limit of running tasks during a deployment, in percent of the desired count; above deployment_minimum_healthy_percent."
  type        = number
  default     = 200
  nullable    = false

  validation {
    condition     = var.deployment_maximum_percent >= 100 && var.deployment_maximum_percent <= 200 && floor(var.deployment_maximum_percent) == var.deployment_maximum_percent && var.deployment_maximum_percent > var.deployment_minimum_healthy_percent
    error_message = "deployment_maximum_percent: must be a whole number from 100 to 200 and above deployment_minimum_healthy_percent, or a deployment can neither start a new task nor stop an old one. Fix: e.g. 200 with 100."
  }
}

variable "wait_for_steady_state" {
  description = "Apply waits until the deployment is steady, so a deployment that the circuit breaker rolls back fails the apply."
  type        = bool
  default     = true
  nullable    = false
}

variable "service_registry_arn" {
  description = "Cloud Map service ARN the tasks register in; null registers none."
  type        = string
  default     = null
  nullable    = true

  validation {
    condition     = (var.service_registry_arn == null ? true : (can(regex("^arn:aws[a-z-]*:servicediscovery:[a-z0-9-]+:[0-9]{12}:service/srv-[a-z0-9]+$", var.service_registry_arn))))
    error_message = "service_registry_arn: must be a Cloud Map service ARN (arn:aws:servicediscovery:REGION:ACCOUNT:service/srv-ID). Fix: use a value such as \"arn:aws:servicediscovery:ap-northeast-1:123456789012:service/srv-0123456789abcdef\"."
  }
}

variable "ephemeral_storage_gib" {
  description = "Ephemeral storage of the task in GiB, 21 to 200; null keeps the Fargate 20 GiB."
  type        = number
  default     = null
  nullable    = true

  validation {
    condition     = (var.ephemeral_storage_gib == null ? true : (var.ephemeral_storage_gib >= 21 && var.ephemeral_storage_gib <= 200 && floor(var.ephemeral_storage_gib) == var.ephemeral_storage_gib))
    error_message = "ephemeral_storage_gib: must be a whole number from 21 to 200. Fix: set at least 21 (Fargate gives 20 without it), or null."
  }
}
