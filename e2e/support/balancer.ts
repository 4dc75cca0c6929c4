import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitForHealth } from './server.ts';

// Debian's nginx in the foreground on loopback, balancing Ariadne servers by Participant as
// docs/DEPLOY.md sets it up (without TLS): for the test of several servers and the load benchmark.

export const NGINX = '/usr/sbin/nginx';

export function nginxAvailable(): boolean {
  return existsSync(NGINX);
}

export type Balancer = { url: string; process: ChildProcess; stop: () => Promise<void> };

/** Starts nginx with its files in `work`, in front of the servers on `ports`; resolves once it answers. */
export async function startBalancer(work: string, ports: number[]): Promise<Balancer> {
  const port = await freePort();
  const temp = join(work, 'nginx-temp');
  mkdirSync(temp, { recursive: true });
  chmodSync(temp, 0o777);
  writeFileSync(
    join(work, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${join(work, 'nginx.pid')};
error_log ${join(work, 'nginx-error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  # One Participant's requests go to one server while it is up (its strategies stay in that server's
  # memory and its writers take turns there); the others' are spread over the servers.
  map $uri $ariadne_participant {
    ~^/api/participants/(?<code>[^/]+)/ $code;
    ~^/public/(?<code>[^/]+) $code;
    default $remote_addr;
  }
  upstream ariadne {
    hash $ariadne_participant consistent;
${ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=30s;`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 25m;
    location / {
      proxy_pass http://ariadne;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
    }
  }
}
`,
  );
  let log = '';
  const child = spawn(NGINX, ['-p', work, '-c', join(work, 'nginx.conf')]);
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => log);
  return {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
