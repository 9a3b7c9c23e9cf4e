variable "name" {
  description = "Name of the task family, service and cluster; prefixes the IAM roles (<name>-execution, <name>-task) and names the log group /ecs/<name>."
  type        = string
  default     = "datadog-agent-readonly"
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,54}$", var.name))
    error_message = "name: must be 1 to 54 letters, digits, hyphens (-) and underscores (_) (it also names the IAM roles \"<name>-execution\" and \"<name>-task\"). Fix: use a value such as \"datadog-agent-readonly\"."
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
}

variable "datadog" {
  description = "Datadog Agent sidecar: site, api_key_secret_arn (Secrets Manager secret ARN, optionally with :JSON_KEY:VERSION_STAGE:VERSION_ID, or SSM parameter ARN holding the API key, never the key itself), agent image (also used by the init container), env (DD_ENV), tags (DD_TAGS), apm_enabled, the agent container cpu and memory, environment (extra agent variables, applied last; Datadog's defaults DD_ECS_TASK_COLLECTION_ENABLED, DD_DOGSTATSD_ORIGIN_DETECTION and DD_DOGSTATSD_TAG_CARDINALITY may be overridden, the variables the module sets itself may not), transport (\"unix\": sockets in /var/run/datadog; \"tcp\": DD_AGENT_HOST=127.0.0.1 and ports, no socket mount) and process_collection (pidMode \"task\"; not with enable_execute_command)."
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
  default = {
    site               = "datadoghq.com"
    api_key_secret_arn = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:datadog/api-key-AbCdEf"
    image              = "public.ecr.aws/datadog/agent:7"
    tags               = {}
    apm_enabled        = true
    environment        = {}
    transport          = "unix"
    process_collection = false
  }
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
}

variable "containers" {
  description = "Application containers, at most 8 (a Fargate task holds 10, two are the Datadog containers). Each runs with a read-only root filesystem; writable_paths become task volumes. The module adds the Datadog wiring: the sockets volume read-only at /var/run/datadog, DD_TRACE_AGENT_URL, DD_DOGSTATSD_URL, DD_ENV, DD_SERVICE (default: the container name), DD_VERSION (default: the image tag), unified service tagging labels, a HEALTHY dependency on the agent and awslogs logging."
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
  description = "Subnets of the service tasks (awsvpc)."
  type        = list(string)
  nullable    = false

  validation {
    condition     = alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])
    error_message = "subnet_ids: every item must be a subnet id (subnet-0123456789abcdef0). Fix: use a value such as \"subnet-0123456789abcdef0\"."
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
  description = "Number of tasks the service keeps running."
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
