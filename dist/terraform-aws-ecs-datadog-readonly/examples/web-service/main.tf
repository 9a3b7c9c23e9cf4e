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
  subnet_ids = ["subnet-0123456789abcdef0"]
  containers = [
    {
      name           = "web"
      image          = "public.ecr.aws/nginx/nginx-unprivileged:1.27"
      port           = 8080
      writable_paths = ["/tmp", "/var/cache/nginx"]
      user           = "101:101"
      health_check = {
        command              = ["CMD-SHELL", "curl -fs http://localhost:8080/ || exit 1"]
        start_period_seconds = 10
      }
    },
  ]
  load_balancers = [
    {
      target_group_arn = "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/web/0123456789abcdef"
      container_name   = "web"
      container_port   = 8080
    },
  ]
  health_check_grace_period_seconds = 60
  security_group = {
    vpc_id                     = "vpc-0123456789abcdef0"
    ingress_security_group_ids = ["sg-0123456789abcdef0"]
  }
  autoscaling = {
    min_capacity          = 2
    max_capacity          = 6
    cpu_target_percent    = 60
    memory_target_percent = 75
  }
}
