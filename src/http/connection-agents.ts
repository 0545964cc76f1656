import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { proxyFor, type Environment } from './proxy.js';

/** Picks the agent for a request URL: direct for http, direct or through `HTTPS_PROXY` for https. */
export type AgentFor = (url: URL, reuseConnection: boolean) => HttpAgent;

/**
 * The agents of one client. Requests that may be repeated share keep-alive connections; the
 * others get a connection of their own, so a pooled connection the server has just closed can
 * never turn a write into one whose outcome is unknown.
 */
export function createConnectionAgents(env: Environment): AgentFor {
  const pools = new Map<string, HttpAgent>();
  return (url, reuseConnection) => {
    const proxy = proxyFor(url, env);
    const key = `${url.protocol}${proxy?.href ?? ''}${reuseConnection ? ' keep-alive' : ''}`;
    let agent = pools.get(key);
    if (agent === undefined) {
      const options = { keepAlive: reuseConnection };
      if (proxy !== undefined) agent = new HttpsProxyAgent(proxy, options);
      else agent = url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
      pools.set(key, agent);
    }
    return agent;
  };
}
