/** The service's load balancer attachments. */
import type { ResolvedConfig } from '../config/types';

export interface LoadBalancerModel {
  readonly targetGroupArn: string;
  readonly containerName: string;
  readonly containerPort: number;
}

export function loadBalancers(config: ResolvedConfig): LoadBalancerModel[] {
  return config.loadBalancers.map((lb) => ({ targetGroupArn: lb.targetGroupArn, containerName: lb.containerName, containerPort: lb.containerPort }));
}
