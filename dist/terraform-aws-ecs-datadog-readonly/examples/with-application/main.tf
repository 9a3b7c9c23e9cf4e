terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
  }
}

provider "aws" {
  region = "ap-northeast-1"
}

module "ecs_datadog_readonly" {
  source = "../.."

  name = "datadog-agent-readonly"
  datadog = {
    site               = "datadoghq.com"
    api_key_secret_arn = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:datadog/api-key-AbCdEf"
    image              = "public.ecr.aws/datadog/agent:7"
    tags               = {}
    apm_enabled        = true
    environment        = {}
    transport          = "unix"
    process_collection = false
  }
  subnet_ids         = ["subnet-0123456789abcdef0"]
  security_group_ids = ["sg-0123456789abcdef0"]
  containers = [
    {
      name           = "app"
      image          = "public.ecr.aws/docker/library/busybox:1.37"
      writable_paths = ["/tmp"]
      command        = ["sh", "-c", "while true; do date > /tmp/heartbeat; sleep 60; done"]
    },
  ]
}
