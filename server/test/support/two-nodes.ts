// Two app processes on one PostgreSQL and one Redis, as behind a load balancer: an admin and
// a named moderator logged in through node A, and citizens and staff tabs on either node.
import { inject } from 'vitest';
import { TestClient } from './http-client.ts';
import { loginAs, testEnv } from './app.ts';
import { startNodeProcess, type NodeProcess } from './node-process.ts';
import { joinSession } from './participation.ts';
import { connectSocket, type TestSocket } from './sockets.ts';
import { namedStaff, nextAddress } from './moderation.ts';

export interface TwoNodes {
  nodeA: NodeProcess;
  nodeB: NodeProcess;
  admin: TestClient;
  /** A moderator (role 'moderator') with the name given, logged in through node A. */
  moderator: TestClient;
  /** Every socket opened here; `stopTwoNodes` disconnects them. */
  sockets: TestSocket[];
  /** A citizen on their own address, in the session's room on `node`. */
  citizenOn(node: NodeProcess, sessionId: string, cookie?: string): Promise<TestSocket>;
  /** A socket of `client`'s login on `node`. */
  staffOn(node: NodeProcess, client: TestClient): Promise<TestSocket>;
}

/** The same login, used through the other node (shared database and secret). */
export function through(node: NodeProcess, client: TestClient) {
  const other = new TestClient(node.url);
  for (const [k, v] of client.cookies) other.cookies.set(k, v);
  return other;
}

/** Starts both nodes together (migrations and the first-start bootstrap must not race). */
export async function startTwoNodes(moderatorName: string): Promise<TwoNodes> {
  const env = testEnv({ REDIS_URL: inject('redisUrl') });
  const [nodeA, nodeB] = await Promise.all([
    startNodeProcess(env, 'node A'),
    startNodeProcess(env, 'node B'),
  ]);
  const sockets: TestSocket[] = [];
  try {
    const admin = await loginAs(nodeA.url);
    const moderator = await namedStaff(admin, 'moderator', moderatorName);
    return {
      nodeA,
      nodeB,
      admin,
      moderator,
      sockets,
      async citizenOn(node, sessionId, cookie) {
        const socket = await connectSocket(node.url, { forwardedFor: nextAddress(), cookie });
        sockets.push(socket);
        await joinSession(socket, sessionId);
        return socket;
      },
      async staffOn(node, client) {
        const socket = await connectSocket(node.url, {
          cookie: through(node, client).cookieHeader,
        });
        sockets.push(socket);
        return socket;
      },
    };
  } catch (err) {
    await stopTwoNodes({ nodeA, nodeB, sockets });
    throw err;
  }
}

export async function stopTwoNodes(nodes?: Pick<TwoNodes, 'nodeA' | 'nodeB' | 'sockets'>) {
  for (const s of nodes?.sockets ?? []) s.disconnect();
  await Promise.all([nodes?.nodeA.stop(), nodes?.nodeB.stop()]);
}
