// The ingress-nginx controller image's programs: dumb-init (its entrypoint, `dumb-init --`, which
// runs the rest), /nginx-ingress-controller (the banner it logs, then nginx on 80 and 443 and the
// health and metrics server on 10254), and /wait-shutdown (the preStop hook). Requests to 80 and
// 443 are handed to the ingress-nginx process, which keeps the configuration the controller would
// render into nginx.conf (engine/ingress/server.ts); probes of /healthz are answered here.

import type { Co } from '../../../sim/co';
import type { ProcessContext } from '../program';
import { handleSignals, serveForever } from './serve';

const Mi = 1024 * 1024;

/** The process ingress-nginx's ports hand requests to (engine/ingress/addon.ts's ingressNginxProcessId). */
const controllerProcess = 'ingress-nginx';

/** dumb-init [--] CMD…: runs CMD as its child and exits with its code. */
export function* dumbInit(argv: string[], ctx: ProcessContext): Co<number> {
  const args = argv.slice(1);
  if (args[0] === '--') args.shift();
  if (args.length === 0) {
    ctx.stderr('Usage: dumb-init [option] program [args]');
    return 1;
  }
  const code = yield* ctx.exec(args);
  if (code === null) {
    ctx.stderr(`[dumb-init] ${args[0]}: No such file or directory`);
    return 2;
  }
  return code;
}

/** /nginx-ingress-controller: nginx and the controller's health server. */
export function* nginxIngressController(_argv: string[], ctx: ProcessContext): Co<number> {
  for (const l of [
    '-------------------------------------------------------------------------------',
    'NGINX Ingress controller',
    '  Release:       v1.12.1',
    '  Build:         51724dd',
    '  Repository:    https://github.com/kubernetes/ingress-nginx',
    '  nginx version: nginx/1.25.5',
    '',
    '-------------------------------------------------------------------------------',
    '',
  ])
    ctx.stdout(l);
  ctx.setUsage({ cpuMilli: 3, memoryBytes: 95 * Mi });
  ctx.listen(80, { proxy: controllerProcess, http: () => ({ status: 404, body: '' }) });
  ctx.listen(443, { proxy: controllerProcess, http: () => ({ status: 400, body: '' }) });
  ctx.listen(10254, { http: (req) => (req.path === '/healthz' ? { status: 200, body: 'ok' } : req.path === '/metrics' ? { status: 200, body: '# HELP nginx_ingress_controller_build_info A metric with a constant \'1\' labeled with information about the build.\n' } : { status: 404, body: '404 page not found\n' }) });
  handleSignals(ctx, (sig) => (sig === 'SIGTERM' || sig === 'SIGQUIT' ? { code: 0, lines: ['Received SIGTERM, shutting down', 'Shutting down controller queues', 'Stopping admission controller', 'Stopping NGINX process', 'NGINX process has stopped', 'Handled quit, delaying controller exit for 10 seconds', 'Exiting with 0'] } : null));
  return yield* serveForever();
}

/** /wait-shutdown: the preStop hook that asks the controller to stop (SIGTERM to it) and returns. */
export function* waitShutdown(): Co<number> {
  return 0;
}
