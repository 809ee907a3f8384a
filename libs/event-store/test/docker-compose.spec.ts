import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

// No container engine runs on our machines: this keeps docker-compose.yml's shape honest.
interface Service {
  image?: string;
  volumes?: string[];
  build?: { context: string; dockerfile: string };
  profiles?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const root = new URL('../../../', import.meta.url);
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const { services } = compose;

describe('docker-compose.yml', () => {
  it('runs one insecure KurrentDB 26 LTS node by default, from the official image, with a liveness check and its data in a volume', () => {
    const node = services.kurrentdb!;
    expect(node.image).toMatch(/^kurrentplatform\/kurrentdb:26\.\d+/);
    expect(node.profiles).toBeUndefined();
    expect(node.ports).toEqual(['2113:2113']);
    expect(node.environment).toMatchObject({
      KURRENTDB_CLUSTER_SIZE: '1',
      KURRENTDB_INSECURE: 'true',
      KURRENTDB_RUN_PROJECTIONS: 'None',
      KURRENTDB_ENABLE_ATOM_PUB_OVER_HTTP: 'true',
    });
    // The server was renamed: its old EVENTSTORE_* settings must not linger half-applied.
    expect(Object.keys(node.environment!).filter((name) => !name.startsWith('KURRENTDB_'))).toEqual([]);
    expect(node.volumes).toContain('kurrentdb-data:/var/lib/kurrentdb');
    expect(node.healthcheck!.test.join(' ')).toContain('http://localhost:2113/health/live');
  });

  it('runs a 3-node cluster under the "cluster" profile, each node seeded with the other two', () => {
    const nodes = ['kurrentdb-node1', 'kurrentdb-node2', 'kurrentdb-node3'];
    for (const name of nodes) {
      const node = services[name]!;
      expect(node.profiles).toEqual(['cluster']);
      expect(node.image).toBe(services.kurrentdb!.image);
      expect(node.environment).toMatchObject({ KURRENTDB_CLUSTER_SIZE: '3', KURRENTDB_DISCOVER_VIA_DNS: 'false', KURRENTDB_INSECURE: 'true' });
      expect(node.volumes![0]).toMatch(/:\/var\/lib\/kurrentdb$/);
      const seeds = node.environment!.KURRENTDB_GOSSIP_SEED!.split(',').sort();
      expect(seeds).toEqual(nodes.filter((n) => n !== name).map((n) => `${n}:2113`));
      expect(node.healthcheck!.test.join(' ')).toContain('/health/live');
      expect(node.ports).toHaveLength(1);
    }
    const hostPorts = nodes.map((n) => services[n]!.ports![0]!.split(':')[0]);
    expect(new Set([...hostPorts, '2113']).size).toBe(4);
  });

  it('runs the API from the repository Dockerfile against KurrentDB, once it is healthy, with a data volume of its own', () => {
    const api = services.api!;
    expect(api.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    expect(api.environment).toEqual({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'kurrentdb://kurrentdb:2113?tls=false', PORT: '3000' });
    expect(api.ports).toEqual(['3000:3000']);
    // Its local auth secret and read model survive a recreated container.
    expect(api.volumes).toEqual(['api-data:/app/data']);
    expect(api.depends_on).toEqual({ kurrentdb: { condition: 'service_healthy' } });
    expect(api.healthcheck!.test.join(' ')).toContain('http://localhost:3000/health/ready');
  });

  it('runs two identical API nodes against the cluster under the "cluster" profile, discovering the leader by gossip, each with its own data', () => {
    const nodes = [services['api-node1']!, services['api-node2']!];
    for (const node of nodes) {
      expect(node.profiles).toEqual(['cluster']);
      expect(node.build).toEqual(services.api!.build);
      expect(node.environment).toEqual(nodes[0]!.environment);
      expect(node.environment!.EVENTSTORE_CONNECTION_STRING).toBe(
        'kurrentdb://kurrentdb-node1:2113,kurrentdb-node2:2113,kurrentdb-node3:2113?tls=false&nodePreference=leader',
      );
      expect(node.environment!.EVENT_STORE).toBe('eventstoredb');
      expect(Object.keys(node.depends_on!)).toEqual(['kurrentdb-node1', 'kurrentdb-node2', 'kurrentdb-node3']);
      expect(node.healthcheck!.test.join(' ')).toContain('http://localhost:3000/health/ready');
      expect(node.ports).toBeUndefined();
    }
    // Both verify the same tokens: one shared secret, not a local secret file per node.
    expect(nodes[0]!.environment!.AUTH_JWT_SECRET).toMatch(/^\$\{AUTH_JWT_SECRET:-.{32,}\}$/);
    expect(nodes.map((n) => n.volumes![0]!.split(':')[1])).toEqual(['/app/data', '/app/data']);
    expect(new Set(nodes.map((n) => n.volumes![0]!.split(':')[0])).size).toBe(2);
    expect(services['api-cluster']).toBeUndefined();
  });

  it('puts an nginx load balancer in front of both API nodes on :3001, configured from deploy/', () => {
    const lb = services.lb!;
    expect(lb.profiles).toEqual(['cluster']);
    expect(lb.image).toMatch(/^nginx:1\.\d+/);
    expect(lb.ports).toEqual(['3001:80']);
    expect(lb.depends_on).toEqual({ 'api-node1': { condition: 'service_healthy' }, 'api-node2': { condition: 'service_healthy' } });
    const [source, target] = lb.volumes![0]!.split(':');
    expect(target).toBe('/etc/nginx/conf.d/default.conf');
    const conf = readFileSync(new URL(source!.replace(/^\.\//, ''), root), 'utf8');
    expect(conf).toMatch(/upstream policy_ledger_api \{[^}]*server api-node1:3000[^}]*server api-node2:3000[^}]*\}/s);
    expect(conf).toContain('proxy_pass http://policy_ledger_api;');
    expect(conf).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    // Balanced braces: a config nginx can at least parse the blocks of.
    expect(conf.split('{').length).toBe(conf.split('}').length);
  });

  it('builds the API image on the Node.js 24 LTS release CI tests, with npm ci and npm run build, and starts dist/apps/api/src/main.js', () => {
    const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
    const ci = readFileSync(new URL('.ci/run', root), 'utf8');
    const version = /^ARG NODE_VERSION=(24\.\d+\.\d+)$/m.exec(dockerfile)?.[1];
    expect(version).toBeDefined();
    expect(ci).toContain(`NODE_LTS=${version}`);
    expect(dockerfile.match(/^FROM .*$/gm)).toEqual(['FROM node:${NODE_VERSION}-bookworm AS build', 'FROM node:${NODE_VERSION}-bookworm-slim']);
    expect(dockerfile).toContain('npm ci');
    expect(dockerfile).toContain('npm run build');
    // With the flags of apps/api/src/node-flags.ts between (test/repo/api-node-flags.spec.ts).
    expect(dockerfile).toMatch(/^CMD \["node", (?:"--[^"]+", )*"dist\/apps\/api\/src\/main.js"\]$/m);
  });

  it('runs the API image as the unprivileged node user, with a health check, writing only to its data directory', () => {
    const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
    const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const users = finalStage.match(/^USER (\S+)$/gm);
    expect(users).toEqual(['USER node']);
    // Nothing after USER switches back to root.
    expect(finalStage.indexOf('USER node')).toBeLessThan(finalStage.indexOf('CMD ['));
    expect(finalStage).toMatch(/^HEALTHCHECK .*\n?.*\/health\/live/m);
    expect(finalStage).toMatch(/DATA_DIR=\/app\/data/);
    expect(finalStage).toContain('chown node:node /app/data');
    for (const api of ['api', 'api-node1', 'api-node2']) expect(services[api]!.volumes![0]).toMatch(/:\/app\/data$/);
  });

  it('declares every named volume it mounts', () => {
    const mounted = Object.values(services)
      .flatMap((s) => (s.volumes ?? []).map((v) => v.split(':')[0]!))
      .filter((v) => !v.startsWith('./'));
    for (const volume of mounted) expect(Object.keys(compose.volumes)).toContain(volume);
  });
});
