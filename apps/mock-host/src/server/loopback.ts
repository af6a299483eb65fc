import { BlockList, isIPv4, isIPv6 } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether a host name or IP address can only mean this machine: `localhost`, 127.0.0.0/8 or
 * ::1 (without brackets). Any other name could resolve to another machine, or be an attacker's
 * name pointed at 127.0.0.1 (DNS rebinding).
 */
export function isLoopbackHost(host: string): boolean {
  if (isIPv4(host)) return LOOPBACK.check(host, 'ipv4');
  if (isIPv6(host)) return LOOPBACK.check(host, 'ipv6');
  return host.toLowerCase() === 'localhost';
}
