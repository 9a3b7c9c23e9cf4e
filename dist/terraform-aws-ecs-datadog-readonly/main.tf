locals {
  aws_region         = data.aws_region.current.region
  aws_account_id     = data.aws_caller_identity.current.account_id
  aws_partition      = data.aws_partition.current.partition
  log_group_arn      = aws_cloudwatch_log_group.this.arn
  cluster_arn        = var.existing_cluster_arn != null ? var.existing_cluster_arn : aws_ecs_cluster.this[0].arn
  execution_role_arn = var.execution_role_arn != null ? var.execution_role_arn : aws_iam_role.execution[0].arn
  task_role_arn      = var.task_role_arn != null ? var.task_role_arn : aws_iam_role.task[0].arn
  log_group_name     = format("/ecs/%s", var.name)
  awslogs_options = {
    "awslogs-group"   = local.log_group_name
    "awslogs-region"  = local.aws_region
    mode              = "non-blocking"
    "max-buffer-size" = "25m"
  }
  containers = [for c in var.containers : merge(c, {
    writable_paths = concat(c.writable_paths, var.enable_execute_command ? [for p in ["/managed-agents", "/var/lib/amazon/ssm", "/var/log/amazon/ssm"] : p if !anytrue([for own in c.writable_paths : p == own || startswith(p, "${own}/")])] : [])
    service        = c.service != null ? c.service : c.name
    version        = c.version != null ? c.version : try(regex(":([^:/@]+)$", split("@", c.image)[0])[0], null)
    log_source     = c.log_source != null ? c.log_source : reverse(split("/", replace(split("@", c.image)[0], "/:[^:/]*$/", "")))[0]
  })]
  writable_volumes = [for c in local.containers : [for p in c.writable_paths : { path = p, name = format("%s-%s", c.name, replace(replace(p, "/^/+/", ""), "/[^A-Za-z0-9_-]/", "-")) }]]
  init_container = merge({
    name                   = "datadog-init"
    essential              = false
    readonlyRootFilesystem = true
    entryPoint             = ["/bin/sh", "-c"]
    command                = ["cp -vnR /etc/datadog-agent/. /opt/datadog-agent-config/"]
    mountPoints = [
      {
        sourceVolume  = "datadog-config"
        containerPath = "/opt/datadog-agent-config"
        readOnly      = false
      },
    ]
    dockerLabels = {
      "ecs-datadog-readonly.accept.ECS.20" = "The stock Datadog Agent image runs as root, and Fargate task volumes are root-owned, so a non-root agent or init container cannot write the volumes it needs. Every root filesystem stays read-only."
    }
    }, {
    image = var.datadog.image
    logConfiguration = {
      logDriver = "awslogs"
      options   = merge(local.awslogs_options, { "awslogs-stream-prefix" = "datadog-init" })
    }
  })
  agent_environment = { for k, v in merge({
    ECS_FARGATE = "true"
    }, {
    DD_SITE                                      = var.datadog.site
    DD_APM_ENABLED                               = tostring(var.datadog.apm_enabled)
    DD_ENV                                       = var.datadog.env
    DD_TAGS                                      = length(var.datadog.tags) == 0 ? null : join(" ", [for key in sort(keys(var.datadog.tags)) : format("%s:%s", key, var.datadog.tags[key])])
    DD_APM_RECEIVER_SOCKET                       = var.datadog.transport == "unix" && var.datadog.apm_enabled ? "/var/run/datadog/apm.socket" : null
    DD_DOGSTATSD_SOCKET                          = var.datadog.transport == "unix" ? "/var/run/datadog/dsd.socket" : null
    DD_PROCESS_CONFIG_PROCESS_COLLECTION_ENABLED = var.datadog.process_collection ? "true" : null
    }, {
    DD_ECS_TASK_COLLECTION_ENABLED = "true"
    DD_DOGSTATSD_ORIGIN_DETECTION  = "true"
    DD_DOGSTATSD_TAG_CARDINALITY   = "orchestrator"
  }, var.datadog.environment) : k => v if v != null }
  agent_container = { for k, v in merge({
    name                   = "datadog-agent"
    essential              = true
    readonlyRootFilesystem = true
    mountPoints = [
      {
        sourceVolume  = "datadog-config"
        containerPath = "/etc/datadog-agent"
        readOnly      = false
      },
      {
        sourceVolume  = "datadog-run"
        containerPath = "/opt/datadog-agent/run"
        readOnly      = false
      },
      {
        sourceVolume  = "datadog-sockets"
        containerPath = "/var/run/datadog"
        readOnly      = false
      },
      {
        sourceVolume  = "datadog-tmp"
        containerPath = "/tmp"
        readOnly      = false
      },
      {
        sourceVolume  = "datadog-logs"
        containerPath = "/var/log/datadog"
        readOnly      = false
      },
    ]
    dependsOn = [
      {
        containerName = "datadog-init"
        condition     = "SUCCESS"
      },
    ]
    healthCheck = {
      command     = ["CMD-SHELL", "agent health"]
      interval    = 30
      timeout     = 5
      retries     = 3
      startPeriod = 15
    }
    dockerLabels = {
      "ecs-datadog-readonly.accept.ECS.20" = "The stock Datadog Agent image runs as root, and Fargate task volumes are root-owned, so a non-root agent or init container cannot write the volumes it needs. Every root filesystem stays read-only."
    }
    }, {
    image  = var.datadog.image
    cpu    = var.datadog.cpu
    memory = var.datadog.memory
    portMappings = [for p in [
      {
        containerPort = 8125
        hostPort      = 8125
        protocol      = "udp"
      },
      {
        containerPort = 8126
        hostPort      = 8126
        protocol      = "tcp"
      },
    ] : p if p.protocol == "udp" || var.datadog.apm_enabled]
    environment = [for name in sort(keys(local.agent_environment)) : { name = name, value = local.agent_environment[name] }]
    secrets = [
      {
        name      = "DD_API_KEY"
        valueFrom = var.datadog.api_key_secret_arn
      },
    ]
    logConfiguration = {
      logDriver = "awslogs"
      options   = merge(local.awslogs_options, { "awslogs-stream-prefix" = "datadog-agent" })
    }
  }) : k => v if v != null }
  application_environments = [for c in local.containers : { for k, v in merge({
    DD_TRACE_AGENT_URL  = var.datadog.transport == "unix" && var.datadog.apm_enabled ? "unix:///var/run/datadog/apm.socket" : null
    DD_DOGSTATSD_URL    = var.datadog.transport == "unix" ? "unix:///var/run/datadog/dsd.socket" : null
    DD_AGENT_HOST       = var.datadog.transport == "tcp" ? "127.0.0.1" : null
    DD_DOGSTATSD_PORT   = var.datadog.transport == "tcp" ? "8125" : null
    DD_TRACE_AGENT_PORT = var.datadog.transport == "tcp" && var.datadog.apm_enabled ? "8126" : null
    }, {
    DD_DOGSTATSD_ORIGIN_DETECTION_CLIENT = "true"
    }, {
    DD_ENV     = var.datadog.env
    DD_SERVICE = c.service
    DD_VERSION = c.version
  }, c.environment) : k => v if v != null }]
  application_log_tags = [for c in local.containers : merge(var.datadog.tags, { for k, v in { env = var.datadog.env, version = c.version } : k => v if v != null })]
  log_router_container = { for k, v in merge({
    name                   = "datadog-log-router"
    essential              = false
    readonlyRootFilesystem = true
    user                   = "0"
    firelensConfiguration = {
      type = "fluentbit"
      options = {
        "enable-ecs-log-metadata" = "true"
      }
    }
    mountPoints = [
      {
        sourceVolume  = "datadog-log-router-tmp"
        containerPath = "/tmp"
        readOnly      = false
      },
    ]
    dockerLabels = {
      "ecs-datadog-readonly.accept.ECS.20" = "The FireLens log router (aws-for-fluent-bit) must run as root to read the configuration and socket ECS mounts into it (aws/aws-for-fluent-bit#713). Its root filesystem stays read-only; only /tmp is a writable task volume."
    }
    }, {
    image  = var.log_router.image
    cpu    = var.log_router.cpu
    memory = var.log_router.memory
    logConfiguration = {
      logDriver = "awslogs"
      options   = merge(local.awslogs_options, { "awslogs-stream-prefix" = "datadog-log-router" })
    }
  }) : k => v if v != null }
  application_containers = [for i, c in local.containers : { for k, v in {
    name                   = c.name
    image                  = c.image
    essential              = c.essential
    readonlyRootFilesystem = true
    user                   = c.user
    cpu                    = c.cpu
    memory                 = c.memory
    command                = c.command
    environment            = [for name in sort(keys(local.application_environments[i])) : { name = name, value = local.application_environments[i][name] }]
    secrets                = length(c.secrets) == 0 ? null : [for name in sort(keys(c.secrets)) : { name = name, valueFrom = c.secrets[name] }]
    portMappings           = c.port == null ? null : [{ containerPort = c.port, hostPort = c.port, protocol = c.protocol }]
    mountPoints = concat(var.datadog.transport == "unix" ? [
      {
        sourceVolume  = "datadog-sockets"
        containerPath = "/var/run/datadog"
        readOnly      = true
      },
    ] : [], [for v in local.writable_volumes[i] : { sourceVolume = v.name, containerPath = v.path, readOnly = false }])
    dependsOn = concat([
      {
        containerName = "datadog-agent"
        condition     = "HEALTHY"
      },
    ], [for d in c.depends_on : { containerName = d.container_name, condition = d.condition }])
    healthCheck = c.health_check == null ? null : { for k, v in {
      command     = c.health_check.command
      interval    = c.health_check.interval_seconds
      timeout     = c.health_check.timeout_seconds
      retries     = c.health_check.retries
      startPeriod = c.health_check.start_period_seconds > 0 ? c.health_check.start_period_seconds : null
    } : k => v if v != null }
    logConfiguration = {
      cloudwatch = {
        logDriver = "awslogs"
        options   = merge(local.awslogs_options, { "awslogs-stream-prefix" = c.name })
      }
      datadog = {
        logDriver = "awsfirelens"
        options = { for k, v in {
          Name       = "datadog"
          Host       = format("http-intake.logs.%s", var.datadog.site)
          TLS        = "on"
          provider   = "ecs"
          dd_service = c.service
          dd_source  = c.log_source
          dd_tags    = length(local.application_log_tags[i]) == 0 ? null : join(",", [for k in sort(keys(local.application_log_tags[i])) : format("%s:%s", k, local.application_log_tags[i][k])])
        } : k => v if v != null }
        secretOptions = [
          {
            name      = "apikey"
            valueFrom = var.datadog.api_key_secret_arn
          },
        ]
      }
    }[var.log_destination]
    dockerLabels = { for k, v in {
      "com.datadoghq.tags.env"     = var.datadog.env
      "com.datadoghq.tags.service" = c.service
      "com.datadoghq.tags.version" = c.version
    } : k => v if v != null }
  } : k => v if v != null }]
  container_definitions = concat([local.init_container, local.agent_container], var.log_destination == "datadog" ? [local.log_router_container] : [], local.application_containers)
  volumes = concat([
    {
      name = "datadog-config"
    },
    {
      name = "datadog-run"
    },
    {
      name = "datadog-sockets"
    },
    {
      name = "datadog-tmp"
    },
    {
      name = "datadog-logs"
    },
    ], var.log_destination == "datadog" ? [
    {
      name = "datadog-log-router-tmp"
    },
  ] : [], [for v in flatten(local.writable_volumes) : { name = v.name }])
  secret_arns          = sort(distinct(concat([var.datadog.api_key_secret_arn], flatten([for c in var.containers : values(c.secrets)]))))
  secrets_manager_arns = sort(distinct([for s in [for arn in local.secret_arns : join(":", slice(split(":", arn), 0, 7)) if split(":", arn)[2] == "secretsmanager"] : can(regex("-[A-Za-z0-9]{6}$", s)) ? s : format("%s%s", s, "-??????")]))
  ssm_parameter_arns   = [for arn in local.secret_arns : arn if split(":", arn)[2] == "ssm"]
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "EcsTasksAssumeRole"
        Effect = "Allow"
        Principal = {
          Service = "ecs-tasks.amazonaws.com"
        }
        Action = "sts:AssumeRole"
        Condition = {
          StringEquals = {
            "aws:SourceAccount" = "${local.aws_account_id}"
          }
          ArnLike = {
            "aws:SourceArn" = "arn:${local.aws_partition}:ecs:${local.aws_region}:${local.aws_account_id}:*"
          }
        }
      },
    ]
  })
  execution_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid      = "EcrAuthorization"
          Effect   = "Allow"
          Action   = "ecr:GetAuthorizationToken"
          Resource = "*"
        },
        {
          Sid      = "EcrPull"
          Effect   = "Allow"
          Action   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
          Resource = "*"
        },
        {
          Sid      = "WriteLogs"
          Effect   = "Allow"
          Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
          Resource = "${local.log_group_arn}:*"
        },
      ],
      length(local.secrets_manager_arns) == 0 ? [] : [merge({
        Sid    = "ReadSecrets"
        Effect = "Allow"
        Action = "secretsmanager:GetSecretValue"
      }, { Resource = local.secrets_manager_arns })],
      length(local.ssm_parameter_arns) == 0 ? [] : [merge({
        Sid    = "ReadParameters"
        Effect = "Allow"
        Action = "ssm:GetParameters"
      }, { Resource = local.ssm_parameter_arns })],
      length(var.secrets_kms_key_arns) == 0 ? [] : [merge({
        Sid    = "DecryptSecrets"
        Effect = "Allow"
        Action = "kms:Decrypt"
      }, { Resource = sort(distinct(var.secrets_kms_key_arns)) })],
    )
  })
  task_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid      = "DatadogAgentEcsRead"
        Effect   = "Allow"
        Action   = ["ecs:DescribeContainerInstances", "ecs:ListClusters", "ecs:ListContainerInstances"]
        Resource = "*"
      },
      ], var.enable_execute_command ? [
      {
        Sid    = "EcsExec"
        Effect = "Allow"
        Action = [
          "ssmmessages:CreateControlChannel",
          "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel",
          "ssmmessages:OpenDataChannel",
        ]
        Resource = "*"
      },
    ] : [])
  })
  cluster_name               = var.existing_cluster_arn != null ? split("/", var.existing_cluster_arn)[1] : var.name
  cluster_capacity_providers = var.existing_cluster_arn == null && length(var.capacity_provider_strategy) > 0 ? ["FARGATE", "FARGATE_SPOT"] : []
  application_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [for s in var.task_role_policy_statements : { for k, v in { Sid = s.sid, Effect = s.effect, Action = s.actions, Resource = s.resources, Condition = length(s.conditions) == 0 ? null : s.conditions } : k => v if v != null }]
  })
  application_ports = distinct([for c in var.containers : { port = c.port, protocol = c.protocol } if c.port != null])
  security_group_ingress = !var.security_group.create ? {} : merge(
    { for pair in setproduct(local.application_ports, var.security_group.ingress_security_group_ids) : format("%s-%d-%s", pair[0].protocol, pair[0].port, pair[1]) => { ip_protocol = pair[0].protocol, from_port = pair[0].port, to_port = pair[0].port, referenced_security_group_id = pair[1], cidr_ipv4 = null } },
    { for pair in setproduct(local.application_ports, var.security_group.ingress_cidr_blocks) : format("%s-%d-%s", pair[0].protocol, pair[0].port, pair[1]) => { ip_protocol = pair[0].protocol, from_port = pair[0].port, to_port = pair[0].port, referenced_security_group_id = null, cidr_ipv4 = pair[1] } },
  )
  security_group_egress = { ip_protocol = "-1", cidr_ipv4 = "0.0.0.0/0" }
  scaling_policies = var.autoscaling == null ? {} : merge(
    { cpu = { metric = "ECSServiceAverageCPUUtilization", target_value = var.autoscaling.cpu_target_percent } },
    var.autoscaling.memory_target_percent == null ? {} : { memory = { metric = "ECSServiceAverageMemoryUtilization", target_value = var.autoscaling.memory_target_percent } },
  )
}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}
